//! Colours and styles, read from a theme file embedded from `assets/themes/`. Every style the
//! views use comes from here.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

/// The bundled dark theme.
const DARK: &str = include_str!("../../assets/themes/dark.ron");

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
}

/// Resolved colours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
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
}

impl Theme {
    /// The bundled dark theme.
    pub fn bundled() -> Theme {
        // The file is part of the binary and a unit test loads it, so it cannot fail here.
        Theme::parse(DARK).expect("the bundled theme is valid (tested)")
    }

    /// Parses a theme file.
    pub fn parse(source: &str) -> Result<Theme, String> {
        let p: Palette = ron::from_str(source).map_err(|e| e.to_string())?;
        let c = |s: &str| {
            s.parse::<Color>()
                .map_err(|_| format!("`{s}` is not a colour"))
        };
        Ok(Theme {
            background: c(&p.background)?,
            text: c(&p.text)?,
            dim: c(&p.dim)?,
            faint: c(&p.faint)?,
            title: c(&p.title)?,
            accent: c(&p.accent)?,
            milestone: c(&p.milestone)?,
            quote: c(&p.quote)?,
            excerpt: c(&p.excerpt)?,
            rule: c(&p.rule)?,
            status_bg: c(&p.status_bg)?,
            status_fg: c(&p.status_fg)?,
            overlay_bg: c(&p.overlay_bg)?,
            warning: c(&p.warning)?,
        })
    }

    /// Body text.
    pub fn text(&self) -> Style {
        Style::new().fg(self.text)
    }
    /// Secondary text.
    pub fn dim(&self) -> Style {
        Style::new().fg(self.dim)
    }
    /// Barely-there text.
    pub fn faint(&self) -> Style {
        Style::new().fg(self.faint)
    }
    /// Slide titles.
    pub fn title(&self) -> Style {
        Style::new().fg(self.title).add_modifier(Modifier::BOLD)
    }
    /// "You are here".
    pub fn accent(&self) -> Style {
        Style::new().fg(self.accent).add_modifier(Modifier::BOLD)
    }
    /// Milestones.
    pub fn milestone(&self) -> Style {
        Style::new().fg(self.milestone).add_modifier(Modifier::BOLD)
    }
    /// Quotations.
    pub fn quote(&self) -> Style {
        Style::new().fg(self.quote).add_modifier(Modifier::ITALIC)
    }
    /// Document excerpts.
    pub fn excerpt(&self) -> Style {
        Style::new().fg(self.excerpt)
    }
    /// Pane rules.
    pub fn rule(&self) -> Style {
        Style::new().fg(self.rule)
    }
    /// The status bar.
    pub fn status(&self) -> Style {
        Style::new().fg(self.status_fg).bg(self.status_bg)
    }
    /// Overlays.
    pub fn overlay(&self) -> Style {
        Style::new().fg(self.text).bg(self.overlay_bg)
    }
    /// Attention.
    pub fn warning(&self) -> Style {
        Style::new().fg(self.warning)
    }
    /// A state that must not be missed (the audience blanked or frozen): inverse warning.
    pub fn badge(&self) -> Style {
        Style::new()
            .fg(self.status_bg)
            .bg(self.warning)
            .add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_theme_parses_and_bad_colours_are_named() {
        let theme = Theme::bundled();
        assert_eq!(theme.accent, Color::Rgb(0x5f, 0xb3, 0xf3));
        assert_eq!(theme.background, Color::Reset);
        let err = Theme::parse(&DARK.replace("#5fb3f3", "blurple")).unwrap_err();
        assert!(err.contains("blurple"), "{err}");
    }
}
