//! From the layout's roles to the terminal's styles: each role has a style in the theme, and
//! emphasis adds bold or italic on top.

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line as TermLine, Span};

use super::theme::Theme;
use crate::layout::{self, Line, Role, Run};
use crate::text::{Emphasis, Wrapped};

/// The style of a role with its emphasis.
pub fn style(theme: &Theme, role: Role, emphasis: Emphasis) -> Style {
    let base = match role {
        Role::Title => theme.title(),
        Role::Body => theme.text(),
        Role::Secondary => theme.dim(),
        Role::Faint => theme.faint(),
        Role::Accent => theme.accent(),
        Role::Quote => theme.quote(),
        Role::Excerpt => theme.excerpt(),
        Role::Milestone => theme.milestone(),
        Role::Warning => theme.warning(),
    };
    let mut style = base;
    if emphasis.bold {
        style = style.add_modifier(Modifier::BOLD);
    }
    if emphasis.italic {
        style = style.add_modifier(Modifier::ITALIC);
    }
    style
}

/// A run as a styled span.
pub fn span(theme: &Theme, run: &Run) -> Span<'static> {
    Span::styled(run.text.clone(), style(theme, run.role, run.emphasis))
}

/// A laid-out line as a line the terminal draws.
pub fn line(theme: &Theme, line: &Line) -> TermLine<'static> {
    TermLine::from(line.runs.iter().map(|r| span(theme, r)).collect::<Vec<_>>())
}

/// Wrapped pieces in terminal styles as lines the terminal draws.
pub fn styled(lines: Vec<Wrapped<Style>>) -> Vec<TermLine<'static>> {
    lines
        .into_iter()
        .map(|l| {
            TermLine::from(
                l.into_iter()
                    .map(|(t, s)| Span::styled(t, s))
                    .collect::<Vec<_>>(),
            )
        })
        .collect()
}

/// A layout rectangle as ratatui's.
pub fn rect(r: layout::Rect) -> ratatui::layout::Rect {
    ratatui::layout::Rect::new(r.x, r.y, r.width, r.height)
}
