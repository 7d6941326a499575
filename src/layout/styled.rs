//! Text as the layout hands it on: lines of runs, each run tagged with a role (what it is:
//! title, body, quotation...) and its inline emphasis. Roles say nothing of colours: the
//! terminal's theme turns them into styles, an HTML export into classes.

use crate::text::{Emphasis, Wrapped, parse_emphasis, width, wrap};

/// What a piece of text is, for whoever draws it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// A slide's title.
    Title,
    /// Body text.
    Body,
    /// Secondary text: the part label and date above a slide, attributions, captions, labels.
    Secondary,
    /// Barely there: axis lines, hints, a quotation's bar.
    Faint,
    /// What marks a place or an item: bullets, the rule under a title, "you are here".
    Accent,
    /// A quotation.
    Quote,
    /// A document excerpt and its bar.
    Excerpt,
    /// A milestone of the deck.
    Milestone,
    /// Something that needs attention.
    Warning,
}

/// A piece of text in one role and emphasis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// The text.
    pub text: String,
    /// What it is.
    pub role: Role,
    /// Bold or italic inside it.
    pub emphasis: Emphasis,
}

impl Run {
    /// A run without emphasis.
    pub fn new(text: impl Into<String>, role: Role) -> Run {
        Run {
            text: text.into(),
            role,
            emphasis: Emphasis::default(),
        }
    }

    /// A bold run.
    pub fn bold(text: impl Into<String>, role: Role) -> Run {
        Run {
            emphasis: Emphasis {
                bold: true,
                italic: false,
            },
            ..Run::new(text, role)
        }
    }
}

/// One line of laid-out text: runs placed one after another from its left edge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// The runs, left to right.
    pub runs: Vec<Run>,
}

impl Line {
    /// A line of one run.
    pub fn of(text: impl Into<String>, role: Role) -> Line {
        Line {
            runs: vec![Run::new(text, role)],
        }
    }

    /// Width in cells.
    pub fn width(&self) -> usize {
        self.runs.iter().map(|r| width(&r.text)).sum()
    }

    /// Whether nothing is on it (an empty line, not one of spaces).
    pub fn is_empty(&self) -> bool {
        self.runs.iter().all(|r| r.text.is_empty())
    }

    /// The line's text, runs joined.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// The same line with `lead` in front.
    #[must_use]
    pub fn after(self, lead: Run) -> Line {
        let mut runs = vec![lead];
        runs.extend(self.runs);
        Line { runs }
    }

    /// The same line in another role, emphasis kept.
    #[must_use]
    pub fn in_role(mut self, role: Role) -> Line {
        for r in &mut self.runs {
            r.role = role;
        }
        self
    }
}

/// Pieces of text in a role, wrapped to `width` cells.
fn wrap_pieces(pieces: &[(String, (Role, Emphasis))], max_width: usize) -> Vec<Line> {
    wrap(pieces, max_width).into_iter().map(to_line).collect()
}

fn to_line(pieces: Wrapped<(Role, Emphasis)>) -> Line {
    Line {
        runs: pieces
            .into_iter()
            .map(|(text, (role, emphasis))| Run {
                text,
                role,
                emphasis,
            })
            .collect(),
    }
}

/// Deck prose in `role` with its `**bold**` and `*italic*`, wrapped to `max_width` cells.
pub fn prose(text: &str, role: Role, max_width: usize) -> Vec<Line> {
    let pieces: Vec<(String, (Role, Emphasis))> = parse_emphasis(text, Emphasis::default())
        .into_iter()
        .map(|(t, e)| (t, (role, e)))
        .collect();
    wrap_pieces(&pieces, max_width)
}

/// Plain text in `role` (no emphasis markup), wrapped to `max_width` cells.
pub fn plain(text: &str, role: Role, max_width: usize) -> Vec<Line> {
    wrap_pieces(&[(text.to_owned(), (role, Emphasis::default()))], max_width)
}

/// Plain text whose line breaks are kept (a blank line stays blank), each line wrapped.
pub fn paragraphs(text: &str, role: Role, max_width: usize) -> Vec<Line> {
    text.split('\n')
        .flat_map(|para| {
            if para.trim().is_empty() {
                vec![Line::default()]
            } else {
                plain(para, role, max_width)
            }
        })
        .collect()
}
