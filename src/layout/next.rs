//! The presenter view's "next" preview: the current slide's next reveal step, else the next
//! slide's number, date, title and first lines, else the end of the lecture, as lines for a
//! column of a given size.

use super::slide::{step_blocks, step_lines};
use super::styled::{Line, Role, Run, plain};
use crate::deck::{Deck, Slide};
use crate::text::{Emphasis, truncate, width as width_of};

/// The label in front of the preview.
pub const LABEL: &str = "NEXT ›";

/// How many of the next slide's first lines the preview aims to show: a block begun within
/// them is finished when there is room, so that a sentence is not cut short needlessly.
const FIRST_LINES: usize = 4;

/// What comes after what the class sees now.
enum Upcoming<'a> {
    /// The current slide reveals more: step `step` (0-based) of `steps`.
    Reveal { step: usize, steps: usize },
    /// Slide `index` (0-based).
    Slide { index: usize, slide: &'a Slide },
    /// The current slide is the last one, fully revealed.
    End,
}

fn upcoming(deck: &Deck, current: usize, step: usize) -> Upcoming<'_> {
    let steps = deck.slide(current).map_or(1, Slide::steps);
    if step + 1 < steps {
        return Upcoming::Reveal {
            step: step + 1,
            steps,
        };
    }
    let index = current + 1;
    match deck.slide(index) {
        Some(slide) => Upcoming::Slide { index, slide },
        None => Upcoming::End,
    }
}

/// The slide's number and, unless its title already says it, its date, in at most `room`
/// columns: the date outlasts the word "slide", the number outlasts the date.
fn number_and_date(index: usize, slide: &Slide, room: usize) -> String {
    let n = index + 1;
    let mut choices = Vec::new();
    if let Some(date) = slide.shown_date().filter(|d| d != slide.title.as_str()) {
        choices.push(format!("slide {n} · {date}"));
        choices.push(format!("{n} · {date}"));
    }
    choices.push(format!("slide {n}"));
    choices
        .iter()
        .find(|c| width_of(c) <= room)
        .map_or_else(|| truncate(&format!("slide {n}"), room), Clone::clone)
}

/// The first `n` of `lines`; when some are left out, the last one shown ends with `…` so that
/// a sentence cut short does not read as the whole.
pub fn first_lines(lines: Vec<Line>, n: usize, width: usize) -> Vec<Line> {
    let cut = lines.len() > n;
    let mut out: Vec<Line> = lines.into_iter().take(n).collect();
    if !cut {
        return out;
    }
    let Some(last) = out.pop() else {
        return out;
    };
    let mut runs: Vec<Run> = Vec::new();
    let mut used = 0;
    let mut marked = false;
    for run in words(last.runs) {
        let w = width_of(&run.text);
        if used + w + 2 <= width {
            used += w;
            runs.push(run);
        } else {
            // No room for " …" after this word: the ellipsis takes its place.
            let text = if runs.is_empty() {
                truncate(&format!("{}…", run.text), width)
            } else {
                "…".to_owned()
            };
            runs.push(Run { text, ..run });
            marked = true;
            break;
        }
    }
    if !marked {
        let (role, emphasis) = runs
            .last()
            .map_or((Role::Body, Emphasis::default()), |r| (r.role, r.emphasis));
        runs.push(Run {
            text: " …".to_owned(),
            role,
            emphasis,
        });
    }
    out.push(Line { runs });
    out
}

/// The runs cut into words and the spaces between them, so a line can be ended after a word.
fn words(runs: Vec<Run>) -> Vec<Run> {
    let mut out = Vec::new();
    for run in runs {
        let mut start = 0;
        let text = run.text.as_str();
        let mut pieces: Vec<&str> = Vec::new();
        for (i, c) in text.char_indices() {
            let boundary = i > start && (c == ' ') != text[start..].starts_with(' ');
            if boundary {
                pieces.push(&text[start..i]);
                start = i;
            }
        }
        pieces.push(&text[start..]);
        out.extend(pieces.into_iter().filter(|p| !p.is_empty()).map(|p| Run {
            text: p.to_owned(),
            ..run.clone()
        }));
    }
    out
}

/// The next slide's first lines (all of them) and how many of those a preview with `room` rows
/// shows: whole blocks until `FIRST_LINES` are reached.
fn opening(deck: &Deck, index: usize, width: usize, room: usize) -> (Vec<Line>, usize) {
    let blocks = step_blocks(deck, index, 0, width);
    let mut shown = 0;
    for block in &blocks {
        if shown >= FIRST_LINES {
            break;
        }
        shown += block.len();
    }
    (blocks.into_iter().flatten().collect(), shown.min(room))
}

fn secondary(lines: Vec<Line>) -> Vec<Line> {
    lines
        .into_iter()
        .map(|l| l.in_role(Role::Secondary))
        .collect()
}

/// The preview after slide `current` at reveal step `step`, for a column `width` cells wide and
/// `rows` tall; the first line is what follows the label, in `first` cells.
pub fn preview(
    deck: &Deck,
    (current, step): (usize, usize),
    width: usize,
    first: usize,
    rows: usize,
) -> Vec<Line> {
    match upcoming(deck, current, step) {
        Upcoming::Reveal { step, steps } => {
            let headline = Run::new(format!("reveal {} of {steps}", step + 1), Role::Accent);
            if rows <= 1 {
                // One line: the step's first line after the headline, cut with an ellipsis.
                let room = first.saturating_sub(width_of(&headline.text) + 2);
                let lines = secondary(step_lines(deck, current, step, room));
                let mut runs = vec![headline, Run::new("  ", Role::Body)];
                if let Some(line) = first_lines(lines, 1, room).pop() {
                    runs.extend(line.runs);
                }
                return vec![Line { runs }];
            }
            let revealed = secondary(step_lines(deck, current, step, width));
            let mut out = vec![Line {
                runs: vec![headline],
            }];
            out.extend(first_lines(revealed, rows - 1, width));
            // After the last step, what the slide after it is, when there is room to say so.
            if step + 1 == steps && out.len() + 2 <= rows {
                let then = deck.slide(current + 1).map_or_else(
                    || "then the end of the lecture".to_owned(),
                    |s| format!("then {} · {}", current + 2, s.title),
                );
                out.push(Line::default());
                out.push(Line::of(truncate(&then, width), Role::Faint));
            }
            out
        }
        Upcoming::Slide { index, slide } => {
            let number = Line::of(number_and_date(index, slide, first), Role::Secondary);
            if rows <= 1 {
                // One line: the title matters most, then the number, then the date.
                let n = format!("{}", index + 1);
                let title = truncate(slide.title.as_str(), first.saturating_sub(width_of(&n) + 2));
                let date = slide.shown_date().unwrap_or_default();
                let used = width_of(&n) + 2 + width_of(&title);
                let mut runs = vec![
                    Run::new(n, Role::Secondary),
                    Run::new("  ", Role::Body),
                    Run::bold(title, Role::Body),
                ];
                if !date.is_empty()
                    && date != slide.title.as_str()
                    && used + 2 + width_of(&date) <= first
                {
                    runs.push(Run::new(format!("  {date}"), Role::Secondary));
                }
                return vec![Line { runs }];
            }
            let mut out = vec![number];
            let title = plain(slide.title.as_str(), Role::Body, width)
                .into_iter()
                .map(|l| Line {
                    runs: l
                        .runs
                        .into_iter()
                        .map(|r| Run::bold(r.text, r.role))
                        .collect(),
                });
            out.extend(title.take(2));
            let (lines, shown) = opening(deck, index, width, rows.saturating_sub(out.len()));
            out.extend(first_lines(secondary(lines), shown, width));
            out
        }
        Upcoming::End => vec![Line::of("end of the lecture", Role::Secondary)],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_preview_ends_with_an_ellipsis_after_a_whole_word() {
        let lines = plain("one two three four five six", Role::Body, 10);
        assert_eq!(lines.len(), 3);
        let shown = |n: usize, w: usize| -> Vec<String> {
            first_lines(lines.clone(), n, w)
                .iter()
                .map(Line::text)
                .collect()
        };
        assert_eq!(
            shown(2, 10),
            ["one two", "three …"],
            "\"four …\" would not fit"
        );
        assert_eq!(shown(1, 10), ["one two …"]);
        assert_eq!(shown(1, 8), ["one …"], "no room for \" …\" after \"two\"");
        assert_eq!(first_lines(lines.clone(), 3, 10).len(), 3, "nothing cut");
        assert!(first_lines(lines.clone(), 0, 10).is_empty());
    }
}
