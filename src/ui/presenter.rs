//! The presenter's screen: the slide, the timeline sidebar, the notes pane, the status bar and
//! whichever overlay is open, each where the layout's panes put it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::widgets::Widget;

use super::notes::render_notes;
use super::overlay;
use super::paint;
use super::picture::Pictures;
use super::slide::SlideView;
use super::status::StatusBar;
use super::theme::Theme;
use super::timeline::TimelineView;
use crate::app::{App, Mode};
use crate::layout::geometry::timeline_inner;
use crate::layout::timeline::TimelineRow;
use crate::layout::{self, MIN_SIZE, is_too_small, panes, slide_text_area};

/// Draws the presenter. Borrows what it draws: the state, the colours, and the timeline's rows
/// (worked out once per change by `layout::timeline::Memo`).
pub struct PresenterView<'a> {
    /// The presenter's state.
    pub app: &'a App,
    /// Colours.
    pub theme: &'a Theme,
    /// The sidebar's rows, for the size the screen has.
    pub timeline: &'a [TimelineRow],
    /// The deck's pictures, as far as they are ready.
    pub pictures: Option<&'a Pictures>,
}

impl Widget for PresenterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let PresenterView {
            app,
            theme,
            timeline,
            pictures,
        } = self;
        buf.set_style(area, Style::new().bg(theme.background));
        let screen = layout::Rect::new(area.x, area.y, area.width, area.height);
        if is_too_small(screen) {
            render_too_small(theme, area, buf);
            return;
        }
        if app.mode == Mode::Blank {
            // Black, not the theme's background: the point is a dark projector.
            buf.set_style(area, Style::new().bg(Color::Black));
            return;
        }
        let p = panes(screen, app.open_panes());
        let slide_area = slide_text_area(p.slide);
        let slide = layout::slide::layout(
            &app.deck,
            app.current,
            app.step,
            (slide_area.width, slide_area.height),
            false,
        );
        SlideView {
            layout: &slide,
            scroll: app.scroll,
            theme,
            pictures,
        }
        .render(paint::rect(slide_area), buf);
        if let Some(side) = p.timeline {
            for y in side.y..side.bottom() {
                buf.set_string(side.x, y, theme.rule_glyphs().down, theme.rule());
            }
            TimelineView {
                rows: timeline,
                theme,
            }
            .render(paint::rect(timeline_inner(side)), buf);
        }
        if let Some(notes) = p.notes {
            let pane = layout::notes::pane(
                notes,
                p.timeline,
                app.audience.presenter_view,
                app.has_notes_header(),
            );
            render_notes(app, theme, &pane, buf);
        }
        StatusBar { app, theme }.render(paint::rect(p.status), buf);
        if let Some(why) = &app.reload_error {
            render_reload_error(why, theme, paint::rect(p.slide), buf);
        }
        match &app.mode {
            // Above the status bar, which stays in view.
            Mode::Help => overlay::render_help(theme, above_status(area), buf),
            Mode::Details { scroll } => overlay::render_details(app, theme, *scroll, area, buf),
            Mode::Overview { .. } => overlay::render_overview(app, theme, area, buf),
            // Over the slide, so the timeline's preview stays in view beside it.
            Mode::DatePrompt { .. } => {
                overlay::render_prompt(app, theme, paint::rect(p.slide), buf);
            }
            // The question is on the status bar.
            Mode::Normal | Mode::Blank | Mode::ConfirmReset => {}
        }
    }
}

/// The screen above its last row, the status bar.
fn above_status(area: Rect) -> Rect {
    Rect {
        height: area.height.saturating_sub(1),
        ..area
    }
}

/// The banner over the slide while the deck's last save does not load: where and why, and
/// that the slide shown is the last version that did.
fn render_reload_error(why: &str, theme: &Theme, area: Rect, buf: &mut Buffer) {
    let text = format!("not reloaded: {why} · showing the last version that loaded");
    let width = usize::from(area.width.saturating_sub(2)).max(1);
    let style = theme.badge();
    let lines = crate::text::wrap(&[(text, ())], width);
    for (i, line) in lines.iter().take(3).enumerate() {
        let y = area.y + u16::try_from(i).unwrap_or(0);
        let words: String = line.iter().map(|(t, ())| t.as_str()).collect();
        buf.set_string(area.x, y, " ".repeat(usize::from(area.width)), style);
        buf.set_string(area.x + 1, y, words, style);
    }
}

/// Says the terminal is too small, wrapped into whatever room there is.
pub fn render_too_small(theme: &Theme, area: Rect, buf: &mut Buffer) {
    let msg = format!("terminal too small: need {}x{}", MIN_SIZE.0, MIN_SIZE.1);
    let lines = paint::styled(crate::text::wrap_plain(
        &msg,
        &theme.warning(),
        usize::from(area.width),
    ));
    for (i, line) in lines.iter().enumerate().take(usize::from(area.height)) {
        buf.set_line(
            area.x,
            area.y + u16::try_from(i).unwrap_or(0),
            line,
            area.width,
        );
    }
}

#[cfg(test)]
mod tests {
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::app::Action;
    use crate::deck::{BUNDLED_NAME, BUNDLED_SOURCE, parse_deck};
    use crate::layout::Rect as Cells;
    use crate::layout::timeline::Memo;
    use crate::ui::timeline::{timeline_hit, timeline_rows};

    #[test]
    fn a_click_on_a_timeline_row_points_at_the_slide_drawn_there() {
        let deck = parse_deck(BUNDLED_NAME, BUNDLED_SOURCE.as_bytes())
            .unwrap()
            .deck;
        let mut app = App::new(deck);
        app.update(Action::Resize(120, 40));
        let theme = Theme::bundled();
        let mut memo = Memo::default();
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal
            .draw(|f| {
                let view = PresenterView {
                    app: &app,
                    theme: &theme,
                    timeline: timeline_rows(&app, &mut memo),
                    pictures: None,
                };
                f.render_widget(view, f.area());
            })
            .unwrap();
        let buffer = terminal.backend().buffer().clone();
        let side = panes(Cells::new(0, 0, 120, 40), app.open_panes())
            .timeline
            .unwrap();
        // Find the row that draws the Secret Speech slide ("25 February 1956") on the screen and
        // click on it.
        let row = (0..40)
            .find(|&y| {
                let text: String = (side.x..side.right())
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                text.contains("25 Feb  25 February 1956")
            })
            .expect("the timeline shows the 25 February row");
        let rows = timeline_rows(&app, &mut memo);
        let target = timeline_hit(&app, rows, side.x + 12, row).expect("the row is clickable");
        assert_eq!(
            app.deck.slide(target).unwrap().title.as_str(),
            "25 February 1956"
        );
        // Outside the sidebar, a click is nothing.
        assert_eq!(timeline_hit(&app, rows, 5, row), None);
    }
}
