//! Colours and styles, read from a theme file: `dark` (the default), `light` and `projector`
//! are embedded from `assets/themes/`, and a deck or `--theme` may name a file of its own,
//! which gets the same precise errors as a deck. With `NO_COLOR` set, no colour at all: roles
//! are told apart by bold, italic, underline, dim and reverse. Every style the views use comes
//! from here.

use std::path::Path;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::deck::{Diagnostic, LoadError, Severity};
use crate::timing::class_clock::Urgency;

/// The themes in the binary, in the order the theme key cycles through them.
pub const BUNDLED: [(&str, &str); 3] = [
    ("dark", include_str!("../../assets/themes/dark.ron")),
    ("light", include_str!("../../assets/themes/light.ron")),
    (
        "projector",
        include_str!("../../assets/themes/projector.ron"),
    ),
];

/// The palette, as the theme file writes it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields, rename = "Theme")]
struct Palette {
    background: String,
    text: String,
    dim: String,
    faint: String,
    title: String,
    accent: String,
    milestone: String,
    quote: String,
    excerpt: String,
    rule: String,
    status_bg: String,
    status_fg: String,
    overlay_bg: String,
    warning: String,
    #[serde(default)]
    rules: Option<String>,
    /// The countdown's last five minutes; the warning colour when a theme file has none.
    #[serde(default)]
    soon: Option<String>,
    /// The countdown's last minute and past the end; the warning colour when a theme file has
    /// none.
    #[serde(default)]
    alarm: Option<String>,
}

/// How heavy the rules between panes are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rules {
    /// `─` and `│`.
    #[default]
    Light,
    /// `━` and `┃`, for the back of a room.
    Heavy,
}

/// Resolved colours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// What the theme is called: a bundled name, or the file it came from.
    pub name: String,
    /// Whether colours are used at all (not with `NO_COLOR`).
    pub colour: bool,
    /// How heavy the rules between panes are.
    pub rules: Rules,
    /// Screen background (`Reset` keeps the terminal's).
    pub background: Color,
    /// Body text.
    pub text: Color,
    /// Secondary text: dates, labels, visited markers.
    pub dim: Color,
    /// Barely there: axis lines, hints.
    pub faint: Color,
    /// Slide titles.
    pub title: Color,
    /// "You are here".
    pub accent: Color,
    /// The deck's milestones.
    pub milestone: Color,
    /// Quotations.
    pub quote: Color,
    /// Document excerpts.
    pub excerpt: Color,
    /// Rules between panes.
    pub rule: Color,
    /// Status bar background.
    pub status_bg: Color,
    /// Status bar text.
    pub status_fg: Color,
    /// Overlay (help, overview, prompt) background.
    pub overlay_bg: Color,
    /// Messages that need attention.
    pub warning: Color,
    /// The countdown to the end of class from five minutes: amber.
    pub soon: Color,
    /// The countdown's last minute, and past the end: red.
    pub alarm: Color,
}

impl Theme {
    /// The bundled dark theme.
    pub fn bundled() -> Theme {
        Theme::named("dark").expect("the bundled themes are valid (tested)")
    }

    /// A bundled theme by name.
    pub fn named(name: &str) -> Option<Theme> {
        let (name, source) = BUNDLED.iter().find(|(n, _)| *n == name)?;
        Theme::parse(name, source).ok()
    }

    /// A bundled theme's name, or a theme file's path: the theme, or the diagnostics saying
    /// what is wrong with the file (or that there is no such theme).
    pub fn load(name_or_path: &str) -> Result<Theme, LoadError> {
        if let Some(theme) = Theme::named(name_or_path) {
            return Ok(theme);
        }
        let path = Path::new(name_or_path);
        let fail = |message: String| LoadError {
            diagnostics: vec![Diagnostic::whole_file(name_or_path, message)],
        };
        if !path.exists() {
            let names: Vec<&str> = BUNDLED.iter().map(|(n, _)| *n).collect();
            return Err(fail(format!(
                "no theme called `{name_or_path}`: the themes are {}, or the path of a theme file",
                names.join(", ")
            )));
        }
        let source = std::fs::read_to_string(path)
            .map_err(|e| fail(format!("cannot read the theme: {e}")))?;
        Theme::parse(name_or_path, &source)
    }

    /// Parses a theme file; `name` is how messages refer to it.
    pub fn parse(name: &str, source: &str) -> Result<Theme, LoadError> {
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let p: Palette = options.from_str(source).map_err(|e| {
            let start = e.span.start;
            let message = e.code.to_string();
            let mut d = Diagnostic::at(
                Severity::Error,
                name,
                source,
                start.line.max(1),
                start.col.max(1),
                format!("{}{}", message[..1].to_lowercase(), &message[1..]),
            );
            if matches!(e.code, ron::Error::NoSuchStructField { .. }) {
                d = d.with_hint(
                    "a theme has background, text, dim, faint, title, accent, milestone, quote, \
                     excerpt, rule, status_bg, status_fg, overlay_bg, warning, rules, soon and \
                     alarm",
                );
            }
            LoadError {
                diagnostics: vec![d],
            }
        })?;
        let wrong = |field: &str, value: &str, message: String, hint: &str| {
            // Point at the value in the file: the first time it is written after its field.
            let at = source
                .find(&format!("{field}:"))
                .and_then(|f| source[f..].find(value).map(|v| f + v))
                .unwrap_or(0);
            let before = &source[..at];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            LoadError {
                diagnostics: vec![
                    Diagnostic::at(Severity::Error, name, source, line, column, message)
                        .with_hint(hint),
                ],
            }
        };
        let rules = match p.rules.as_deref() {
            None | Some("light") => Rules::Light,
            Some("heavy") => Rules::Heavy,
            Some(other) => {
                return Err(wrong(
                    "rules",
                    other,
                    format!("`{other}` is not a kind of rule"),
                    "write \"light\" or \"heavy\"",
                ));
            }
        };
        let c = |field: &str, value: &str| {
            value.parse::<Color>().map_err(|_| {
                wrong(
                    field,
                    value,
                    format!("`{value}` is not a colour"),
                    "write \"#rrggbb\", a colour name like \"blue\", or \"reset\"",
                )
            })
        };
        Ok(Theme {
            name: name.to_owned(),
            colour: true,
            rules,
            background: c("background", &p.background)?,
            text: c("text", &p.text)?,
            dim: c("dim", &p.dim)?,
            faint: c("faint", &p.faint)?,
            title: c("title", &p.title)?,
            accent: c("accent", &p.accent)?,
            milestone: c("milestone", &p.milestone)?,
            quote: c("quote", &p.quote)?,
            excerpt: c("excerpt", &p.excerpt)?,
            rule: c("rule", &p.rule)?,
            status_bg: c("status_bg", &p.status_bg)?,
            status_fg: c("status_fg", &p.status_fg)?,
            overlay_bg: c("overlay_bg", &p.overlay_bg)?,
            warning: c("warning", &p.warning)?,
            soon: c("soon", p.soon.as_deref().unwrap_or(&p.warning))?,
            alarm: c("alarm", p.alarm.as_deref().unwrap_or(&p.warning))?,
        })
    }

    /// The same theme with no colour at all (`NO_COLOR`): every colour the terminal's own.
    #[must_use]
    pub fn without_colour(self) -> Theme {
        Theme {
            colour: false,
            background: Color::Reset,
            text: Color::Reset,
            dim: Color::Reset,
            faint: Color::Reset,
            title: Color::Reset,
            accent: Color::Reset,
            milestone: Color::Reset,
            quote: Color::Reset,
            excerpt: Color::Reset,
            rule: Color::Reset,
            status_bg: Color::Reset,
            status_fg: Color::Reset,
            overlay_bg: Color::Reset,
            warning: Color::Reset,
            soon: Color::Reset,
            alarm: Color::Reset,
            ..self
        }
    }

    /// The theme after this one in the theme key's cycle.
    pub fn next_name(&self) -> &'static str {
        let at = BUNDLED.iter().position(|(n, _)| *n == self.name);
        BUNDLED[at.map_or(0, |i| (i + 1) % BUNDLED.len())].0
    }

    /// A colour, or nothing without colour.
    fn fg(&self, colour: Color, mono: Modifier) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new().add_modifier(mono)
        }
    }

    /// Body text.
    pub fn text(&self) -> Style {
        self.fg(self.text, Modifier::empty())
    }
    /// Secondary text.
    pub fn dim(&self) -> Style {
        self.fg(self.dim, Modifier::DIM)
    }
    /// Barely-there text.
    pub fn faint(&self) -> Style {
        self.fg(self.faint, Modifier::DIM)
    }
    /// Slide titles.
    pub fn title(&self) -> Style {
        self.fg(self.title, Modifier::empty())
            .add_modifier(Modifier::BOLD)
    }
    /// "You are here".
    pub fn accent(&self) -> Style {
        self.fg(self.accent, Modifier::empty())
            .add_modifier(Modifier::BOLD)
    }
    /// Milestones.
    pub fn milestone(&self) -> Style {
        self.fg(self.milestone, Modifier::UNDERLINED)
            .add_modifier(Modifier::BOLD)
    }
    /// Quotations.
    pub fn quote(&self) -> Style {
        self.fg(self.quote, Modifier::empty())
            .add_modifier(Modifier::ITALIC)
    }
    /// Document excerpts.
    pub fn excerpt(&self) -> Style {
        self.fg(self.excerpt, Modifier::empty())
    }
    /// Pane rules.
    pub fn rule(&self) -> Style {
        self.fg(self.rule, Modifier::DIM)
    }
    /// The status bar.
    pub fn status(&self) -> Style {
        if self.colour {
            Style::new().fg(self.status_fg).bg(self.status_bg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    /// Overlays.
    pub fn overlay(&self) -> Style {
        if self.colour {
            Style::new().fg(self.text).bg(self.overlay_bg)
        } else {
            Style::new()
        }
    }
    /// Attention.
    pub fn warning(&self) -> Style {
        self.fg(self.warning, Modifier::BOLD)
    }
    /// A state that must not be missed (the audience blanked or frozen): inverse warning.
    pub fn badge(&self) -> Style {
        if self.colour {
            Style::new()
                .fg(self.status_bg)
                .bg(self.warning)
                .add_modifier(Modifier::BOLD)
        } else {
            // Inside the reversed status bar: plain, bold and underlined stands out.
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }

    /// The talk clock paused: inverse accent, to be noticed and not mistaken for a warning.
    pub fn paused(&self) -> Style {
        if self.colour {
            Style::new()
                .fg(self.status_bg)
                .bg(self.accent)
                .add_modifier(Modifier::BOLD)
        } else {
            self.badge()
        }
    }

    /// The countdown to the end of class: plain while there is time; from five minutes on,
    /// amber, and from the last minute (and past the end), red; each inverse, to be seen from
    /// the corner of an eye. Without colour the weight changes instead: bold, then bold and
    /// underlined out of the reversed bar.
    pub fn countdown(&self, urgency: Urgency) -> Style {
        let inverse = |colour: Color| {
            Style::new()
                .fg(self.status_bg)
                .bg(colour)
                .add_modifier(Modifier::BOLD)
        };
        match (urgency, self.colour) {
            (Urgency::Calm, _) => self.status(),
            (Urgency::Soon, true) => inverse(self.soon),
            (Urgency::Soon, false) => self.status().add_modifier(Modifier::BOLD),
            (Urgency::LastMinute | Urgency::Over, true) => inverse(self.alarm),
            // Drawn over the bar's reverse video, which must come off.
            (Urgency::LastMinute | Urgency::Over, false) => Style::new()
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                .remove_modifier(Modifier::REVERSED),
        }
    }

    /// The rule between panes, across and down, and where they meet.
    pub fn rule_glyphs(&self) -> RuleGlyphs {
        match self.rules {
            Rules::Light => RuleGlyphs {
                across: "─",
                down: "│",
                cross: "┼",
                tee: "┬",
            },
            Rules::Heavy => RuleGlyphs {
                across: "━",
                down: "┃",
                cross: "╋",
                tee: "┳",
            },
        }
    }
}

/// The glyphs a rule between panes is drawn with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleGlyphs {
    /// A rule across.
    pub across: &'static str,
    /// A rule down.
    pub down: &'static str,
    /// Where a rule down crosses one across.
    pub cross: &'static str,
    /// Where a rule down starts from one across.
    pub tee: &'static str,
}

/// Whether the user asked for no colour: `NO_COLOR` set to anything but nothing.
pub fn no_colour_wanted() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_themes_parse_and_bad_colours_are_named_with_their_place() {
        let theme = Theme::bundled();
        assert_eq!(theme.accent, Color::Rgb(0x5f, 0xb3, 0xf3));
        assert_eq!(theme.background, Color::Reset);
        for (name, _) in BUNDLED {
            assert!(Theme::named(name).is_some(), "{name}");
        }
        let bad = BUNDLED[0].1.replace("#5fb3f3", "blurple");
        let err = Theme::parse("mine.ron", &bad).unwrap_err();
        let d = &err.diagnostics[0];
        assert_eq!((d.line, d.column), (11, 14), "{d}");
        assert!(d.message.contains("`blurple` is not a colour"), "{d}");
    }

    #[test]
    fn a_misspelt_field_is_named_at_its_line() {
        let bad = BUNDLED[0].1.replace("accent:", "acent:");
        let d = &Theme::parse("mine.ron", &bad).unwrap_err().diagnostics[0];
        assert_eq!(d.line, 11, "{d}");
        assert!(d.message.contains("acent"), "{d}");
    }

    #[test]
    fn the_theme_key_cycles_through_the_bundled_themes() {
        let mut name = "dark";
        let mut seen = Vec::new();
        for _ in 0..4 {
            seen.push(name);
            name = Theme::named(name).unwrap().next_name();
        }
        assert_eq!(seen, ["dark", "light", "projector", "dark"]);
    }

    #[test]
    fn without_colour_every_style_is_attributes_only() {
        let t = Theme::named("projector").unwrap().without_colour();
        for style in [
            t.text(),
            t.dim(),
            t.faint(),
            t.title(),
            t.accent(),
            t.milestone(),
            t.quote(),
            t.excerpt(),
            t.rule(),
            t.status(),
            t.overlay(),
            t.warning(),
            t.badge(),
            t.paused(),
            t.countdown(Urgency::Soon),
            t.countdown(Urgency::Over),
        ] {
            assert!(
                style.fg.is_none_or(|c| c == Color::Reset)
                    && style.bg.is_none_or(|c| c == Color::Reset),
                "{style:?}"
            );
        }
        assert_ne!(t.status(), t.badge(), "the badge still stands out");
        let weights: Vec<Style> = [Urgency::Calm, Urgency::Soon, Urgency::LastMinute]
            .map(|u| t.countdown(u))
            .to_vec();
        assert!(
            weights[0] != weights[1] && weights[1] != weights[2] && weights[0] != weights[2],
            "the countdown changes weight at five minutes and at one: {weights:?}"
        );
        assert!(t.title().add_modifier.contains(Modifier::BOLD));
    }
}
