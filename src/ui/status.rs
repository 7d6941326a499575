//! The one-line status bar: part, slide N/M, the slide's date, typed digits or a message, the
//! elapsed time, the countdown to the end of class and the clock; a badge while the talk clock
//! is paused; in the presenter view also the audience windows connected and a badge when the
//! class sees something else (blank, or frozen on another slide).

use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Theme;
use crate::app::{App, Mode};
use crate::layout::roman;
use crate::text::{truncate, width};

/// `H:MM:SS`.
pub fn format_elapsed(d: Duration) -> String {
    let s = d.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// Draws the status bar.
pub struct StatusBar<'a> {
    /// The presenter state.
    pub app: &'a App,
    /// Colours.
    pub theme: &'a Theme,
}

/// Width of styled pieces.
fn spans_width(spans: &[Span]) -> usize {
    spans.iter().map(|s| width(&s.content)).sum()
}

/// What the status bar asks before the talk clock is reset.
const RESET_QUESTION: &str = "reset the talk clock to 0:00? y resets, any other key keeps it";

/// Columns between the slide number and the audience badges.
const BADGE_GAP: usize = 2;

/// The badges saying the class sees something other than the teacher's slide, and that the
/// talk clock is paused, fullest first; empty when there is nothing to say.
fn badges(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let blank = app.audience.blank.then_some([
        " AUDIENCE BLANK · b shows ".to_owned(),
        " AUDIENCE BLANK ".to_owned(),
        " BLANK ".to_owned(),
        " BLANK ".to_owned(),
    ]);
    let frozen = app.audience.frozen.as_ref().map(|f| {
        let n = f.slide + 1;
        [
            format!(" AUDIENCE FROZEN on {n} · f follows "),
            format!(" AUDIENCE FROZEN on {n} "),
            format!(" FROZEN on {n} "),
            " FROZEN ".to_owned(),
        ]
    });
    let paused =
        app.is_paused()
            .then_some([" ⏸ paused · p resumes ", " ⏸ paused ", " ⏸ paused ", " ⏸ "]);
    if blank.is_none() && frozen.is_none() && paused.is_none() {
        return Vec::new();
    }
    (0..4)
        .map(|level| {
            let mut spans = Vec::new();
            let texts = [&blank, &frozen]
                .into_iter()
                .flatten()
                .map(|b| (b[level].clone(), theme.badge()))
                .chain(paused.map(|p| (p[level].to_owned(), theme.paused())));
            for (text, style) in texts {
                if !spans.is_empty() {
                    spans.push(Span::styled(" ", theme.status()));
                }
                spans.push(Span::styled(text, style));
            }
            spans
        })
        .collect()
}

/// The right-hand side, fullest first: in the presenter view the audience count, then the
/// elapsed time, the countdown to the end of class and the clock; the last choice is empty. On
/// a narrow screen the clock goes first, then the long forms, then the elapsed time: the
/// countdown outlasts them all.
fn rights(app: &App, theme: &Theme) -> Vec<Vec<Span<'static>>> {
    let status = theme.status();
    let glyph = if app.is_paused() { "⏸" } else { "▶" };
    let elapsed = Span::styled(
        app.elapsed().map_or(format!("{glyph} –:––:––"), |d| {
            format!("{glyph} {}", format_elapsed(d))
        }),
        status,
    );
    let clock = app.clock.map(|c| Span::styled(c.hh_mm(), status));
    let countdown = app.countdown().map(|c| {
        let style = theme.countdown(c.urgency());
        (
            Span::styled(format!("⌛ {}", c.describe()), style),
            Span::styled(format!("⌛ {}", c.short()), style),
        )
    });
    let (long, short) = countdown.unzip();
    let audience = app.audience.presenter_view.then(|| {
        let n = app.audience.connected;
        if n == 0 {
            let warn = theme.warning().bg(theme.status_bg);
            (Span::styled("no audience", warn), Span::styled("▣ 0", warn))
        } else {
            (
                Span::styled(format!("▣ {n} audience"), status),
                Span::styled(format!("▣ {n}"), status),
            )
        }
    });
    let (full, brief) = audience.unzip();
    let e = Some(elapsed);
    let choices = [
        [full.clone(), e.clone(), long.clone(), clock],
        [full, e.clone(), long.clone(), None],
        [brief.clone(), e.clone(), long.clone(), None],
        [brief.clone(), None, long, None],
        [brief.clone(), None, short.clone(), None],
        [None, None, short, None],
    ];
    let mut out: Vec<Vec<Span<'static>>> = choices
        .into_iter()
        .map(|pieces| {
            let mut spans = Vec::new();
            for piece in pieces.into_iter().flatten() {
                if !spans.is_empty() {
                    spans.push(Span::styled("   ", status));
                }
                spans.push(piece);
            }
            if !spans.is_empty() {
                spans.push(Span::styled(" ", status));
            }
            spans
        })
        .collect();
    out.dedup();
    out.push(Vec::new());
    out
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let StatusBar { app, theme } = self;
        buf.set_style(area, theme.status());
        let Some(slide) = app.deck.slide(app.current) else {
            return;
        };
        let part = app.deck.part_of(app.current);
        let steps = slide.steps();
        let step = if steps > 1 {
            format!(" ({}/{})", app.step + 1, steps)
        } else {
            String::new()
        };
        // Fullest first; on a narrow screen the slide number outlasts the clock.
        let number = format!(" {}/{}{step}", app.current + 1, app.slide_count());
        let bare_number = format!(" {}/{}", app.current + 1, app.slide_count());
        // An undated slide shows no date rather than a placeholder.
        let date = slide
            .shown_date()
            .map_or(String::new(), |d| format!(" · {d}"));
        let lefts = [
            format!(" Part {} ·{number}{date}", roman(part + 1)),
            format!("{number}{date}"),
            number.clone(),
            bare_number.clone(),
        ];
        let w = usize::from(area.width);
        // What the class sees outlasts everything but the slide number: the teacher must not
        // miss that the projector is black or held on another slide.
        let all_badges = badges(app, theme);
        let (badge, least) = match all_badges
            .iter()
            .find(|b| width(&number) + BADGE_GAP + spans_width(b) <= w)
        {
            Some(b) => (b.clone(), &number),
            None => (all_badges.last().cloned().unwrap_or_default(), &bare_number),
        };
        let badge_w = if badge.is_empty() {
            0
        } else {
            BADGE_GAP + spans_width(&badge)
        };
        // A question takes the clocks' place until it is answered.
        let asking = app.mode == Mode::ConfirmReset;
        let right = rights(app, theme)
            .into_iter()
            .find(|r| asking || width(least) + badge_w + spans_width(r) < w)
            .filter(|_| !asking)
            .unwrap_or_default();
        let right_w = spans_width(&right);
        // The question is read whole where it can be: the left gives way to it.
        let question_w = if asking { width(RESET_QUESTION) + 4 } else { 0 };
        let left = lefts
            .iter()
            .find(|l| width(l) + badge_w + right_w + question_w < w)
            .or_else(|| lefts.iter().find(|l| width(l) + badge_w + right_w < w))
            .map_or_else(|| truncate(least, w), Clone::clone);
        let middle: Option<Span> = if asking {
            Some(Span::styled(
                RESET_QUESTION,
                theme.warning().bg(theme.status_bg),
            ))
        } else if !app.digits.is_empty() {
            Some(Span::styled(
                format!("go to slide {}▏ Enter", app.digits),
                theme.accent().bg(theme.status_bg),
            ))
        } else if let Some(m) = &app.message {
            Some(Span::styled(m.clone(), theme.warning().bg(theme.status_bg)))
        } else if let Some(p) = &app.save_problem {
            Some(Span::styled(p.clone(), theme.dim().bg(theme.status_bg)))
        } else {
            app.audience
                .problem
                .as_ref()
                .map(|p| Span::styled(p.clone(), theme.dim().bg(theme.status_bg)))
        };
        let mut spans = vec![Span::styled(left.clone(), theme.status())];
        if !badge.is_empty() {
            spans.push(Span::styled(" ".repeat(BADGE_GAP), theme.status()));
            spans.extend(badge);
        }
        let room = w.saturating_sub(width(&left) + badge_w + right_w);
        if let Some(m) = middle {
            let text = truncate(&m.content, room.saturating_sub(4));
            let pad = room.saturating_sub(width(&text)) / 2;
            spans.push(Span::raw(" ".repeat(pad)));
            spans.push(Span::styled(text, m.style));
        }
        buf.set_line(area.x, area.y, &Line::from(spans), area.width);
        if w > right_w + width(&left) + badge_w {
            let x = area
                .right()
                .saturating_sub(u16::try_from(right_w).unwrap_or(0));
            buf.set_line(x, area.y, &Line::from(right), area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;
    use crate::app::Action;
    use crate::deck::{ClassEnd, TimeOfDay, parse_deck};

    /// A presenter of a two-slide deck in a class that ends at 10:45, its clock read at
    /// `h:m:s` (`now` seconds after launch, the first tick at 10:00:00).
    fn class_at(now: u64, (h, m, s): (u32, u32, u32)) -> App {
        let deck = parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "A", date: "1953-03-01", notes: "n"),
                Slide(title: "B", date: "1953-03-02", notes: "n"),
            ])])"#,
        )
        .unwrap()
        .deck;
        let mut app = App::new(deck);
        app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
        for (now, clock) in [(0, TimeOfDay::hm(10, 0)), (now, TimeOfDay::hms(h, m, s))] {
            app.update(Action::Tick {
                now: Duration::from_secs(now),
                clock,
            });
        }
        app
    }

    /// The status bar drawn `w` cells wide: its text, and the style of the countdown's `⌛`.
    fn bar(app: &App, theme: &Theme, w: u16) -> (String, Option<(Color, Color, Modifier)>) {
        let area = Rect::new(0, 0, w, 1);
        let mut buf = Buffer::empty(area);
        StatusBar { app, theme }.render(area, &mut buf);
        // A wide glyph's second cell holds nothing of its own.
        let mut text = String::new();
        let mut x = 0;
        while x < w {
            let symbol = buf[(x, 0)].symbol();
            text.push_str(symbol);
            x += u16::try_from(width(symbol)).unwrap_or(1).max(1);
        }
        let glass = (0..w).find(|&x| buf[(x, 0)].symbol() == "⌛").map(|x| {
            let c = &buf[(x, 0)];
            (c.fg, c.bg, c.modifier)
        });
        (text.trim_end().to_owned(), glass)
    }

    #[test]
    fn elapsed_format() {
        assert_eq!(format_elapsed(Duration::from_secs(432)), "0:07:12");
        assert_eq!(format_elapsed(Duration::from_secs(3 * 3600 + 5)), "3:00:05");
    }

    #[test]
    fn the_countdown_turns_amber_at_five_minutes_and_red_at_one() {
        let theme = Theme::bundled();
        // 10:39:59: 5:01 left, the bar's own colours.
        let (text, style) = bar(&class_at(2399, (10, 39, 59)), &theme, 100);
        assert!(text.ends_with("▶ –:––:––   ⌛ 5:01 left   10:39"), "{text}");
        assert_eq!(
            style,
            Some((theme.status_fg, theme.status_bg, Modifier::empty()))
        );
        // 10:40:00: 5:00 left, amber and inverse.
        let (text, style) = bar(&class_at(2400, (10, 40, 0)), &theme, 100);
        assert!(text.contains("⌛ 5:00 left"), "{text}");
        assert_eq!(style, Some((theme.status_bg, theme.soon, Modifier::BOLD)));
        // 1:01 left is still amber; 1:00 is red.
        let (_, style) = bar(&class_at(2639, (10, 43, 59)), &theme, 100);
        assert_eq!(style, Some((theme.status_bg, theme.soon, Modifier::BOLD)));
        let (text, style) = bar(&class_at(2640, (10, 44, 0)), &theme, 100);
        assert!(text.contains("⌛ 1:00 left"), "{text}");
        assert_eq!(style, Some((theme.status_bg, theme.alarm, Modifier::BOLD)));
        // Past the end it counts the overrun, red.
        let (text, style) = bar(&class_at(2830, (10, 47, 10)), &theme, 100);
        assert!(text.contains("⌛ +2:10 over"), "{text}");
        assert_eq!(style, Some((theme.status_bg, theme.alarm, Modifier::BOLD)));
        assert_ne!(theme.soon, theme.alarm);
    }

    #[test]
    fn without_colour_the_countdown_changes_weight() {
        let theme = Theme::bundled().without_colour();
        let weight = |now, clock| bar(&class_at(now, clock), &theme, 100).1.map(|s| s.2);
        assert_eq!(weight(2399, (10, 39, 59)), Some(Modifier::REVERSED));
        assert_eq!(
            weight(2400, (10, 40, 0)),
            Some(Modifier::REVERSED | Modifier::BOLD)
        );
        assert_eq!(
            weight(2640, (10, 44, 0)),
            Some(Modifier::BOLD | Modifier::UNDERLINED)
        );
        assert_eq!(
            weight(2830, (10, 47, 10)),
            Some(Modifier::BOLD | Modifier::UNDERLINED)
        );
    }

    #[test]
    fn on_a_narrow_bar_the_countdown_outlasts_the_clock_and_the_elapsed_time() {
        let theme = Theme::bundled();
        let app = class_at(1310, (10, 21, 50));
        // The slide number takes 4 cells; the rest takes 34, then 26, 14 and 9, and must
        // leave a cell free.
        let widths = [
            (39, "▶ –:––:––   ⌛ 23:10 left   10:21"),
            (38, "▶ –:––:––   ⌛ 23:10 left"),
            (30, " ⌛ 23:10 left"),
            (18, " ⌛ 23:10"),
            (13, " 1/2"),
        ];
        for (w, end) in widths {
            let (text, _) = bar(&app, &theme, w);
            assert!(text.ends_with(end), "at {w}: {text:?}");
            assert!(text.starts_with(" 1/2"), "at {w}: {text:?}");
            assert_eq!(text.contains('▶'), w >= 38, "at {w}: {text:?}");
        }
    }

    #[test]
    fn the_reset_question_takes_the_clocks_place_and_is_read_whole_at_80() {
        let theme = Theme::bundled();
        let mut app = class_at(1310, (10, 21, 50));
        app.update(Action::Next);
        app.update(Action::ResetClock);
        assert_eq!(app.mode, Mode::ConfirmReset);
        for w in [80, 120] {
            let (text, glass) = bar(&app, &theme, w);
            assert!(text.contains(RESET_QUESTION), "at {w}: {text:?}");
            assert!(
                text.contains("2/2"),
                "the slide number stays at {w}: {text:?}"
            );
            assert_eq!(glass, None, "at {w}: {text:?}");
        }
    }
}
