//! `App::update`: the one place state changes. Pure: no terminal, no files, no clock reads.
//! Navigation clamps and never panics; jumps (by number, part, date, overview) are recorded so
//! that backtick returns like a browser's back button.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use super::{Action, App, Mode, PauseSpan, Purpose, Shown, date_choices};
use crate::deck::timeline::DateIndex;
use crate::deck::{ClassEnd, Deck, Slide};
use crate::timing::class_clock::{Countdown, Deadline};

/// How many jumps backtick remembers.
const HISTORY_LIMIT: usize = 100;

/// The most rows `+` and `-` add to or take from the notes (the screen limits them sooner).
const NOTES_ROWS_LIMIT: i16 = 60;

impl App {
    /// Applies an action; returns a follow-up action to apply at once, if any.
    pub fn update(&mut self, action: Action) -> Option<Action> {
        match action {
            Action::Tick { now, clock } => {
                self.now = now;
                self.clock = Some(clock);
                // A rehearsal is timed from its start: the opening slide counts too.
                if self.purpose == Purpose::Rehearse {
                    self.start_clock();
                }
                if let (None, Some(ClassEnd::Until(end))) = (self.deadline, self.class) {
                    self.deadline = Some(Deadline {
                        seen: now,
                        then: match end.from(clock) {
                            Ok(left) => Countdown::Left(left),
                            Err(over) => Countdown::Over(over),
                        },
                    });
                }
                return None;
            }
            Action::Resize(w, h) => {
                self.viewport = (w, h);
                self.rescroll();
                return None;
            }
            Action::Quit => {
                self.should_quit = true;
                return None;
            }
            Action::SaveProblem(problem) => {
                self.save_problem = problem;
                return None;
            }
            Action::Suspend | Action::NextTheme | Action::Reload => return None,
            Action::DeckReloaded(deck) => {
                self.reload(deck);
                return None;
            }
            Action::ReloadFailed(why) => {
                self.reload_error = Some(why);
                return None;
            }
            Action::ThemeChosen(name) => {
                self.theme_choice = Some(name);
                if let Some(frozen) = &mut self.audience.frozen {
                    frozen.theme.clone_from(&self.theme_choice);
                }
                return None;
            }
            Action::AudienceCount(n) => {
                self.audience.connected = n;
                if n > 0 && !self.audience.presenter_view {
                    // The notes are the point of a presenter view.
                    self.audience.presenter_view = true;
                    self.show_notes = true;
                }
                return None;
            }
            _ => {}
        }
        match self.mode.clone() {
            Mode::Blank => {
                if matches!(action, Action::Unblank | Action::Blank | Action::Cancel) {
                    self.mode = Mode::Normal;
                }
                None
            }
            Mode::Help => {
                if matches!(action, Action::Cancel | Action::ToggleHelp) {
                    self.mode = Mode::Normal;
                }
                None
            }
            Mode::Details { scroll } => {
                self.mode = match action {
                    Action::SelectNext => Mode::Details {
                        scroll: (scroll + 1).min(self.details_max_scroll()),
                    },
                    Action::SelectPrev => Mode::Details {
                        scroll: scroll.saturating_sub(1),
                    },
                    Action::Cancel | Action::ToggleDetails => Mode::Normal,
                    _ => Mode::Details { scroll },
                };
                None
            }
            Mode::ConfirmReset => {
                match action {
                    Action::Confirm => self.reset_clock(),
                    Action::Cancel => {
                        self.message = Some("the clock was not reset".to_owned());
                    }
                    _ => return None,
                }
                self.mode = Mode::Normal;
                None
            }
            Mode::Overview { selected, filter } => self.update_overview(&action, selected, filter),
            Mode::DatePrompt { input, choice, .. } => self.update_prompt(&action, input, choice),
            Mode::Normal => self.update_normal(&action),
        }
    }

    fn update_normal(&mut self, action: &Action) -> Option<Action> {
        if !matches!(action, Action::Digit(_) | Action::Enter | Action::Backspace) {
            self.digits.clear();
        }
        self.message = None;
        match *action {
            Action::Next => self.next(),
            Action::Prev => self.prev(),
            Action::Down => {
                if self.scroll < self.max_scroll() {
                    self.scroll += 1;
                } else {
                    self.next();
                }
            }
            Action::Up => {
                if self.scroll > 0 {
                    self.scroll -= 1;
                } else {
                    self.prev();
                }
            }
            Action::First => {
                self.jump(0);
                self.step = 0;
            }
            Action::Last => self.jump(self.slide_count() - 1),
            Action::GoToSlide(n) => self.jump(n),
            Action::NextPart => {
                let part = self.deck.part_of(self.current);
                if part + 1 < self.deck.parts.len() {
                    self.jump(self.deck.part_start(part + 1));
                } else {
                    self.message = Some("this is the last part".to_owned());
                }
            }
            Action::PrevPart => {
                let part = self.deck.part_of(self.current);
                let start = self.deck.part_start(part);
                if self.current > start {
                    self.jump(start);
                } else if part > 0 {
                    self.jump(self.deck.part_start(part - 1));
                } else {
                    self.message = Some("this is the first part".to_owned());
                }
            }
            Action::Back => match self.history.pop() {
                Some(slide) => self.show(slide, true),
                None => self.message = Some("no earlier jump to go back to".to_owned()),
            },
            Action::Digit(c) if self.digits.len() < 6 => self.digits.push(c),
            Action::Enter => {
                if self.digits.is_empty() {
                    self.next();
                } else {
                    let typed = std::mem::take(&mut self.digits);
                    match typed.parse::<usize>() {
                        Ok(n) if (1..=self.slide_count()).contains(&n) => self.jump(n - 1),
                        _ => {
                            self.message = Some(format!(
                                "there is no slide {typed}; slides run from 1 to {}",
                                self.slide_count()
                            ));
                        }
                    }
                }
            }
            Action::Backspace => {
                if self.digits.is_empty() {
                    self.prev();
                } else {
                    self.digits.pop();
                }
            }
            Action::ToggleNotes
            | Action::NotesDown
            | Action::NotesUp
            | Action::NotesTaller
            | Action::NotesShorter => self.update_notes(action),
            Action::ToggleDetails => self.mode = Mode::Details { scroll: 0 },
            Action::ToggleTimeline => {
                self.show_timeline = !self.show_timeline;
                self.rescroll();
            }
            Action::ToggleHelp => self.mode = Mode::Help,
            Action::OpenOverview => self.mode = Mode::overview(self.current),
            Action::OpenDatePrompt => self.mode = Mode::date_prompt(),
            // With an audience window, `b` blacks out the class's screen, not the notes.
            Action::Blank if self.audience.presenter_view => {
                self.audience.blank = !self.audience.blank;
            }
            Action::Blank => self.mode = Mode::Blank,
            Action::ToggleFreeze => self.toggle_freeze(),
            Action::TogglePause | Action::ResetClock => self.update_clock(action),
            Action::Resume => match self.resume.take() {
                Some(slide) => self.jump(slide),
                None => self.message = Some("no earlier class to resume".to_owned()),
            },
            _ => {}
        }
        None
    }

    /// The notes pane: open or close it, scroll it, give it more or fewer rows.
    fn update_notes(&mut self, action: &Action) {
        match *action {
            Action::ToggleNotes => {
                self.show_notes = !self.show_notes;
                self.rescroll();
            }
            Action::NotesDown => {
                self.notes_scroll = (self.notes_scroll + 1).min(self.notes_max_scroll());
            }
            Action::NotesUp => self.notes_scroll = self.notes_scroll.saturating_sub(1),
            Action::NotesTaller | Action::NotesShorter if self.show_notes => {
                let before = self.open_panes();
                let step = if *action == Action::NotesTaller {
                    1
                } else {
                    -1
                };
                self.notes_rows =
                    (self.notes_rows + step).clamp(-NOTES_ROWS_LIMIT, NOTES_ROWS_LIMIT);
                // At either limit nothing moves: do not count rows the screen does not show.
                let (w, h) = self.viewport;
                let screen = crate::layout::Rect::new(0, 0, w, h);
                if crate::layout::panes(screen, before)
                    == crate::layout::panes(screen, self.open_panes())
                {
                    self.notes_rows -= step;
                }
                self.rescroll();
            }
            Action::NotesTaller | Action::NotesShorter => {
                self.message = Some("the notes are closed: n opens them".to_owned());
            }
            _ => {}
        }
    }

    fn update_overview(
        &mut self,
        action: &Action,
        selected: usize,
        mut filter: String,
    ) -> Option<Action> {
        let rows = self.overview_rows();
        let last = rows.len().saturating_sub(1);
        match *action {
            Action::Cancel | Action::OpenOverview => self.mode = Mode::Normal,
            Action::SelectPrev => {
                self.mode = Mode::Overview {
                    selected: selected.saturating_sub(1),
                    filter,
                };
            }
            Action::SelectNext => {
                self.mode = Mode::Overview {
                    selected: (selected + 1).min(last),
                    filter,
                };
            }
            Action::Type(c) => {
                filter.push(c);
                self.mode = Mode::Overview {
                    selected: 0,
                    filter,
                };
            }
            Action::Backspace => {
                filter.pop();
                // With the filter gone, come back to the current slide's row.
                let selected = if filter.is_empty() { self.current } else { 0 };
                self.mode = Mode::Overview { selected, filter };
            }
            Action::Submit => {
                if let Some(&slide) = rows.get(selected.min(last)) {
                    self.mode = Mode::Normal;
                    return Some(Action::GoToSlide(slide));
                }
            }
            _ => {}
        }
        None
    }

    fn update_prompt(
        &mut self,
        action: &Action,
        mut input: String,
        choice: usize,
    ) -> Option<Action> {
        match *action {
            Action::Cancel => self.mode = Mode::Normal,
            Action::Type(c) => {
                if input.chars().count() < 40 {
                    input.push(c);
                }
                self.retype(input);
            }
            Action::Backspace => {
                input.pop();
                self.retype(input);
            }
            Action::SelectPrev | Action::SelectNext => {
                let count = match self.date_preview() {
                    Some(Ok(found)) => date_choices(found),
                    _ => 1,
                };
                if let Mode::DatePrompt { choice: c, .. } = &mut self.mode {
                    *c = if *action == Action::SelectPrev {
                        choice.saturating_sub(1)
                    } else {
                        (choice + 1).min(count.saturating_sub(1))
                    };
                }
            }
            Action::Submit => {
                // An unparsable or unmatched query keeps the prompt open; its reason is on screen.
                if let Some(target) = self.date_choice() {
                    self.mode = Mode::Normal;
                    return Some(Action::GoToSlide(target));
                }
            }
            _ => {}
        }
        None
    }

    /// The prompt with new input: its matches worked out once, the jump's own choice chosen
    /// (the rule's target, or the reading it lands on most closely).
    fn retype(&mut self, input: String) {
        let found = self.find_date(&input);
        let choice = match &found {
            Some(Ok(f)) if f.readings.len() > 1 => f.best,
            _ => 0,
        };
        self.mode = Mode::DatePrompt {
            input,
            choice,
            found,
        };
    }

    /// The talk clock: `p` holds it for questions, across slide changes, or lets it run again;
    /// `R` asks whether to reset it. Neither before it has started.
    fn update_clock(&mut self, action: &Action) {
        if self.started_at.is_none() {
            self.message =
                Some("the clock has not started: it starts at the first move".to_owned());
            return;
        }
        let now = self.now;
        match action {
            Action::ResetClock => self.mode = Mode::ConfirmReset,
            Action::TogglePause => {
                if let Some(on) = self.pauses.last_mut().filter(|p| p.to.is_none()) {
                    on.to = Some(now);
                    let held = crate::timing::budget::clock(now.saturating_sub(on.from));
                    self.message = Some(format!("the clock runs again (paused {held})"));
                } else {
                    self.pauses.push(PauseSpan {
                        from: now,
                        to: None,
                        slide: self.current,
                    });
                }
            }
            _ => {}
        }
    }

    /// The talk clock back to zero, confirmed: no time on any slide, no pauses, the talk not
    /// started (a rehearsal's clock starts again at once), a class of a given length not begun;
    /// the run's record starts again.
    fn reset_clock(&mut self) {
        self.started_at = None;
        self.entered_at = None;
        self.spent = vec![Duration::ZERO; self.slide_count()];
        self.pauses.clear();
        self.resets += 1;
        if matches!(self.class, Some(ClassEnd::Length(_))) {
            self.deadline = None;
        }
        if self.class_share.take().is_some() {
            self.budgets = crate::timing::budget::budgets(&self.deck, self.target);
        }
        self.message = Some(if self.purpose == Purpose::Rehearse {
            self.start_clock();
            "the clock is reset: the rehearsal starts again from here".to_owned()
        } else {
            "the clock is reset: it starts again at the next move".to_owned()
        });
    }

    /// `f`: holds the audience on what it sees now, or lets it follow again.
    fn toggle_freeze(&mut self) {
        if self.audience.frozen.take().is_some() {
            return;
        }
        if self.audience.presenter_view {
            self.audience.frozen = Some(Shown {
                frozen: true,
                ..self.shown()
            });
        } else {
            self.message =
                Some("no audience window to freeze: `tribune audience` opens one".to_owned());
        }
    }

    fn next(&mut self) {
        self.start_clock();
        let steps = self.deck.slide(self.current).map_or(1, Slide::steps);
        if self.step + 1 < steps {
            self.step += 1;
        } else if self.current + 1 < self.slide_count() {
            self.show(self.current + 1, false);
        } else {
            self.message = Some("end of the lecture".to_owned());
        }
    }

    fn prev(&mut self) {
        if self.step > 0 {
            self.step -= 1;
        } else if self.current > 0 {
            self.show(self.current - 1, true);
        } else {
            self.message = Some("this is the first slide".to_owned());
        }
    }

    /// Moves to `slide` and remembers where we were, for backtick.
    fn jump(&mut self, slide: usize) {
        let slide = slide.min(self.slide_count() - 1);
        if slide != self.current {
            if self.history.len() == HISTORY_LIMIT {
                self.history.remove(0);
            }
            self.history.push(self.current);
        }
        self.show(slide, true);
    }

    /// Puts `slide` on screen, fully revealed or at its first step.
    fn show(&mut self, slide: usize, revealed: bool) {
        self.start_clock();
        // Moving on from the opening slide means a fresh start: the resume offer lapses.
        self.resume = None;
        // Close the time on the slide we leave.
        let talk = self.talk_now();
        if let Some(at) = self.entered_at.replace(talk)
            && let Some(t) = self.spent.get_mut(self.current)
        {
            *t += talk.saturating_sub(at);
        }
        self.current = slide.min(self.slide_count() - 1);
        self.step = if revealed {
            self.deck
                .slide(self.current)
                .map_or(0, |s| s.steps().saturating_sub(1))
        } else {
            0
        };
        self.scroll = 0;
        self.notes_scroll = 0;
        if let Some(v) = self.visited.get_mut(self.current) {
            *v = true;
        }
    }

    /// Presents `deck` in place of the one on screen, keeping the place: each slide is found
    /// again by its id, else by a title no other slide has, else by its number; times spent
    /// and slides seen follow their slides, and the budgets are shared out again.
    fn reload(&mut self, deck: Arc<Deck>) {
        let old = std::mem::replace(&mut self.deck, deck);
        let map = slide_map(&old, &self.deck);
        let count = self.deck.slide_count();
        let mut visited = vec![false; count];
        let mut spent = vec![Duration::ZERO; count];
        let mut last_times = vec![None; count];
        for (i, &to) in map.iter().enumerate() {
            visited[to] |= self.visited.get(i).copied().unwrap_or(false);
            spent[to] += self.spent.get(i).copied().unwrap_or_default();
            if let Some(t) = self.last_times.get(i).copied().flatten() {
                last_times[to] = Some(t);
            }
        }
        let moved = |i: usize| map.get(i).copied().unwrap_or(count - 1);
        self.visited = visited;
        self.spent = spent;
        self.last_times = last_times;
        self.budgets = crate::timing::budget::budgets(&self.deck, self.budget_target());
        self.history = self.history.iter().map(|&i| moved(i)).collect();
        self.resume = self.resume.map(moved);
        self.current = moved(self.current);
        self.step = self
            .step
            .min(self.deck.slide(self.current).map_or(1, Slide::steps) - 1);
        self.dates = DateIndex::new(&self.deck);
        self.fingerprint = self.deck.fingerprint();
        if let Some(frozen) = &mut self.audience.frozen {
            frozen.slide = moved(frozen.slide);
            frozen.slides = count;
            frozen.fingerprint = self.fingerprint;
        }
        match std::mem::replace(&mut self.mode, Mode::Normal) {
            Mode::Overview { .. } => self.mode = Mode::overview(self.current),
            Mode::DatePrompt { input, .. } => self.retype(input),
            other => self.mode = other,
        }
        self.rescroll();
        self.reload_error = None;
        self.message = Some("reloaded".to_owned());
    }

    /// Keeps both scrolls within what the current size can show.
    fn rescroll(&mut self) {
        // At the top (as nearly every slide change leaves them) there is nothing to keep in,
        // and no slide or notes to lay out for it on the key's way to its frame.
        if self.scroll > 0 {
            self.scroll = self.scroll.min(self.max_scroll());
        }
        if self.notes_scroll > 0 {
            self.notes_scroll = self.notes_scroll.min(self.notes_max_scroll());
        }
    }

    /// Starts the talk clock, if it is not running: and with it a class of a given length,
    /// whose time is shared out as the budgets when nothing else gives the talk a length.
    fn start_clock(&mut self) {
        if self.started_at.is_some() {
            return;
        }
        self.started_at = Some(self.talk_now());
        self.entered_at = self.started_at;
        if let Some(ClassEnd::Length(length)) = self.class {
            self.deadline = Some(Deadline {
                seen: self.now,
                then: Countdown::Left(length.duration()),
            });
        }
        if self.target.is_none()
            && let Some(Countdown::Left(left)) = self.countdown()
        {
            self.class_share = Some(left);
            self.budgets = crate::timing::budget::budgets(&self.deck, Some(left));
        }
    }
}

/// Where each slide of `old` is in `new`: the slide with its id, else the one slide with its
/// title, else the slide with its number (the last one, if `new` is shorter).
fn slide_map(old: &Deck, new: &Deck) -> Vec<usize> {
    let mut by_id: HashMap<&str, usize> = HashMap::new();
    let mut by_title: HashMap<&str, Option<usize>> = HashMap::new();
    for (i, s) in new.slides().enumerate() {
        if let Some(id) = &s.id {
            by_id.entry(id.as_str()).or_insert(i);
        }
        by_title
            .entry(s.title.as_str())
            .and_modify(|e| *e = None)
            .or_insert(Some(i));
    }
    let last = new.slide_count().saturating_sub(1);
    old.slides()
        .enumerate()
        .map(|(i, s)| {
            s.id.as_ref()
                .and_then(|id| by_id.get(id.as_str()).copied())
                .or_else(|| by_title.get(s.title.as_str()).copied().flatten())
                .unwrap_or(i.min(last))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use proptest::prelude::*;

    use super::*;
    use crate::deck::{TimeOfDay, parse_deck};
    use crate::timing::class_clock::Urgency;

    /// Two parts; slide 2 has two pauses (three steps); slide 4 is dated 25 Feb 1956.
    const DECK: &str = r#"Deck(
    title: "T", span: "1953/1956",
    parts: [
        Part(id: "one", title: "One", slides: [
            Slide(title: "s1", date: "1953-03-01", notes: "n"),
            Slide(title: "s2", date: "1953-03-04", notes: "n", body: [Text("a"), Pause, Text("b"), Pause, Text("c")]),
            Slide(title: "s3", date: "1953-06-26", notes: "n"),
        ]),
        Part(id: "two", title: "Two", slides: [
            Slide(title: "s4", date: "1956-02-25", notes: "n"),
            Slide(title: "s5", date: "1956-10", notes: "n"),
        ]),
    ],
)"#;

    fn app() -> App {
        let deck = parse_deck("t.ron", DECK.as_bytes()).unwrap().deck;
        let mut app = App::new(deck);
        app.update(Action::Resize(120, 40));
        app
    }

    fn run(app: &mut App, actions: impl IntoIterator<Item = Action>) {
        for a in actions {
            let mut next = Some(a);
            while let Some(a) = next {
                next = app.update(a);
            }
        }
    }

    fn type_text(app: &mut App, text: &str) {
        run(app, text.chars().map(Action::Type));
    }

    #[test]
    fn next_walks_reveal_steps_then_slides() {
        let mut app = app();
        run(&mut app, [Action::Next]);
        assert_eq!((app.current, app.step), (1, 0));
        run(&mut app, [Action::Next, Action::Next]);
        assert_eq!((app.current, app.step), (1, 2));
        run(&mut app, [Action::Next]);
        assert_eq!((app.current, app.step), (2, 0));
        // Going back shows the previous slide fully revealed, then walks its steps back.
        run(&mut app, [Action::Prev]);
        assert_eq!((app.current, app.step), (1, 2));
        run(&mut app, [Action::Prev, Action::Prev, Action::Prev]);
        assert_eq!((app.current, app.step), (0, 0));
    }

    #[test]
    fn navigation_clamps_at_both_ends() {
        let mut app = app();
        run(&mut app, [Action::Prev, Action::Up, Action::Backspace]);
        assert_eq!(app.current, 0);
        run(&mut app, [Action::Last, Action::Next, Action::Down]);
        assert_eq!(app.current, 4);
        assert_eq!(app.message.as_deref(), Some("end of the lecture"));
    }

    #[test]
    fn digits_then_enter_go_to_a_slide_and_esc_clears_them() {
        let mut app = app();
        run(&mut app, [Action::Digit('4')]);
        assert_eq!(app.digits, "4");
        run(&mut app, [Action::Enter]);
        assert_eq!(app.current, 3);
        run(
            &mut app,
            [Action::Digit('2'), Action::Cancel, Action::Enter],
        );
        assert_eq!(
            app.current, 4,
            "Esc cleared the digits, so Enter meant next"
        );
        run(&mut app, [Action::Digit('9'), Action::Enter]);
        assert_eq!(app.current, 4);
        assert!(app.message.as_deref().unwrap().contains("no slide 9"));
        run(
            &mut app,
            [Action::Digit('1'), Action::Digit('2'), Action::Backspace],
        );
        assert_eq!(app.digits, "1");
    }

    #[test]
    fn part_jumps_go_between_parts() {
        let mut app = app();
        run(&mut app, [Action::NextPart]);
        assert_eq!(app.current, 3);
        run(&mut app, [Action::NextPart]);
        assert_eq!(app.current, 3);
        run(&mut app, [Action::Next, Action::PrevPart]);
        assert_eq!(app.current, 3, "first back to the start of this part");
        run(&mut app, [Action::PrevPart]);
        assert_eq!(app.current, 0);
    }

    #[test]
    fn backtick_returns_through_jumps_like_a_back_button() {
        let mut app = app();
        run(
            &mut app,
            [
                Action::Next,
                Action::Last,
                Action::First,
                Action::Digit('3'),
                Action::Enter,
            ],
        );
        assert_eq!(app.current, 2);
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 0);
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 4);
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 1);
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 1);
        assert!(app.message.is_some());
    }

    #[test]
    fn date_prompt_jumps_to_the_rule_target_and_back_returns() {
        let mut app = app();
        run(&mut app, [Action::Next, Action::OpenDatePrompt]);
        type_text(&mut app, "25 Feb 1956");
        assert_eq!(app.date_choice(), Some(3));
        run(&mut app, [Action::Submit]);
        assert_eq!((app.current, &app.mode), (3, &Mode::Normal));
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 1);
    }

    #[test]
    fn date_prompt_stays_open_with_a_reason_on_bad_input() {
        let mut app = app();
        run(&mut app, [Action::OpenDatePrompt]);
        type_text(&mut app, "Smarch 1953");
        run(&mut app, [Action::Submit]);
        assert!(matches!(app.mode, Mode::DatePrompt { .. }));
        let why = app.date_preview().unwrap().clone().unwrap_err();
        assert!(why.contains("no month called"), "{why}");
        run(&mut app, [Action::Cancel]);
        run(&mut app, [Action::OpenDatePrompt]);
        type_text(&mut app, "1954");
        run(&mut app, [Action::Submit]);
        assert!(
            app.date_preview()
                .unwrap()
                .clone()
                .unwrap_err()
                .contains("no slide")
        );
        run(&mut app, [Action::Cancel]);
        assert_eq!((app.current, &app.mode), (0, &Mode::Normal));
    }

    #[test]
    fn date_prompt_arrows_choose_among_matches() {
        let mut app = app();
        run(&mut app, [Action::OpenDatePrompt]);
        type_text(&mut app, "March 1953");
        assert_eq!(app.date_choice(), Some(0));
        run(
            &mut app,
            [Action::SelectNext, Action::SelectNext, Action::SelectNext],
        );
        assert_eq!(
            app.date_choice(),
            Some(1),
            "only two matches; the choice clamps"
        );
        run(&mut app, [Action::Submit]);
        assert_eq!(app.current, 1);
    }

    #[test]
    fn date_prompt_reads_a_day_without_a_year_in_each_year_and_arrows_choose_the_year() {
        let deck = parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953/1956", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "October 1953", date: "1953-10", notes: "n"),
                Slide(title: "Budapest", date: "1956-10-23", notes: "n"),
                Slide(title: "Questions", notes: "n"),
            ])])"#,
        )
        .unwrap()
        .deck;
        let mut app = App::new(deck);
        run(&mut app, [Action::OpenDatePrompt]);
        type_text(&mut app, "23 Oct");
        // Two years have a slide on or around 23 October; the jump takes the slide dated that
        // very day, in 1956, though 1953 comes first.
        assert_eq!(app.date_choice(), Some(1));
        run(&mut app, [Action::SelectPrev]);
        assert_eq!(app.date_choice(), Some(0), "23 October 1953: the month");
        run(&mut app, [Action::SelectPrev]);
        assert_eq!(
            app.date_choice(),
            Some(0),
            "the first year; the choice clamps"
        );
        run(&mut app, [Action::SelectNext, Action::SelectNext]);
        assert_eq!(app.date_choice(), Some(1));
        run(&mut app, [Action::SelectPrev, Action::Submit]);
        assert_eq!((app.current, &app.mode), (0, &Mode::Normal));
        // With its year, one reading.
        run(&mut app, [Action::OpenDatePrompt]);
        type_text(&mut app, "23 Oct 1953");
        let found = app.date_preview().unwrap().clone().unwrap();
        assert_eq!((found.readings.len(), found.year_less), (1, None));
        assert_eq!(app.date_choice(), Some(0));
    }

    #[test]
    fn overview_filters_moves_and_jumps() {
        let mut app = app();
        run(&mut app, [Action::OpenOverview]);
        assert_eq!(app.overview_rows().len(), 5);
        type_text(&mut app, "1956");
        assert_eq!(app.overview_rows(), vec![3, 4]);
        run(
            &mut app,
            [Action::SelectNext, Action::SelectNext, Action::Submit],
        );
        assert_eq!((app.current, &app.mode), (4, &Mode::Normal));
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 0);
    }

    #[test]
    fn blank_and_help_are_left_by_any_key_or_esc_and_never_move() {
        let mut app = app();
        run(&mut app, [Action::Blank, Action::Unblank]);
        assert_eq!((app.current, &app.mode), (0, &Mode::Normal));
        run(&mut app, [Action::ToggleHelp, Action::Next]);
        assert_eq!(app.mode, Mode::Help);
        run(&mut app, [Action::Cancel]);
        assert_eq!((app.current, &app.mode), (0, &Mode::Normal));
    }

    #[test]
    fn toggles_and_quit() {
        let mut app = app();
        run(&mut app, [Action::ToggleNotes, Action::ToggleTimeline]);
        assert!(app.show_notes && !app.show_timeline);
        run(&mut app, [Action::Quit]);
        assert!(app.should_quit);
    }

    #[test]
    fn the_clock_starts_at_the_first_advance() {
        let mut app = app();
        let tick = |s| Action::Tick {
            now: Duration::from_secs(s),
            clock: crate::deck::TimeOfDay::hm(14, 32),
        };
        run(&mut app, [tick(5)]);
        assert_eq!(app.elapsed(), None);
        run(&mut app, [Action::Next, tick(65)]);
        assert_eq!(app.elapsed(), Some(Duration::from_secs(60)));
    }

    #[test]
    fn time_on_each_slide_is_counted_from_the_first_advance() {
        let mut app = app();
        let tick = |s| Action::Tick {
            now: Duration::from_secs(s),
            clock: crate::deck::TimeOfDay::hm(9, 0),
        };
        // Idle on the title for 10 s before starting: not counted.
        run(
            &mut app,
            [tick(10), Action::Next, tick(40), Action::Next, Action::Next],
        );
        assert_eq!(app.current, 1);
        run(&mut app, [tick(100), Action::Next, tick(130)]);
        // Slide 2 (three steps) from 10 to 100; slide 3 running since 100.
        assert_eq!(
            app.spent_now(),
            [0, 90, 30, 0, 0].map(Duration::from_secs).to_vec()
        );
        run(&mut app, [tick(131), Action::Prev]);
        assert_eq!(
            app.spent[2],
            Duration::from_secs(31),
            "time closes when a slide is left"
        );
        assert_eq!(
            app.spent_now()[1],
            Duration::from_secs(90),
            "and starts again on return"
        );
    }

    fn at(now: u64, h: u32, m: u32, s: u32) -> Action {
        Action::Tick {
            now: Duration::from_secs(now),
            clock: TimeOfDay::hms(h, m, s),
        }
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_class_until_a_time_counts_down_from_the_first_tick_through_the_end() {
        let mut app = app();
        app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
        assert_eq!(app.countdown(), None, "no clock read yet");
        // Launched at 10:23:10: 21:50 to go, whether or not the talk has started.
        run(&mut app, [at(3, 10, 23, 10)]);
        assert_eq!(app.countdown(), Some(Countdown::Left(secs(1310))));
        // The app's clock is what counts from then on, not the wall clock's later readings.
        run(&mut app, [at(1013, 10, 40, 20)]);
        assert_eq!(app.countdown(), Some(Countdown::Left(secs(300))));
        assert_eq!(app.countdown().map(Countdown::urgency), Some(Urgency::Soon));
        run(&mut app, [at(1253, 10, 44, 0)]);
        assert_eq!(
            app.countdown().map(Countdown::urgency),
            Some(Urgency::LastMinute)
        );
        run(&mut app, [at(1443, 0, 0, 0)]);
        assert_eq!(app.countdown(), Some(Countdown::Over(secs(130))));
        assert_eq!(
            app.countdown().map(Countdown::describe).as_deref(),
            Some("+2:10 over")
        );
    }

    #[test]
    fn a_class_launched_after_its_end_is_over_already() {
        let mut app = app();
        app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
        run(&mut app, [at(0, 10, 50, 0), at(20, 10, 50, 20)]);
        assert_eq!(app.countdown(), Some(Countdown::Over(secs(320))));
    }

    #[test]
    fn a_class_of_a_length_counts_from_the_first_move() {
        let mut app = app();
        app.class = Some(ClassEnd::Length(crate::deck::Seconds(50 * 60)));
        run(&mut app, [at(0, 9, 0, 0), at(300, 9, 5, 0)]);
        assert_eq!(
            app.countdown(),
            Some(Countdown::Left(secs(3000))),
            "the title slide may stay up as long as it likes"
        );
        run(&mut app, [Action::Next, at(360, 9, 6, 0)]);
        assert_eq!(app.countdown(), Some(Countdown::Left(secs(2940))));
    }

    #[test]
    fn without_a_length_for_the_talk_the_class_time_is_shared_out() {
        // The test deck gives no duration and there is no target: no budgets.
        let mut app = app();
        app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
        run(&mut app, [at(0, 9, 50, 0), at(600, 10, 0, 0)]);
        assert!(app.budgets.iter().all(Option::is_none));
        // The talk starts at 10:00, with 45 minutes to go: they become the budgets.
        run(&mut app, [Action::Next]);
        assert_eq!(app.class_share, Some(secs(45 * 60)));
        assert_eq!(
            app.budgets.iter().flatten().sum::<Duration>(),
            secs(45 * 60)
        );
        // A target, when there is one, keeps the budgets it gives.
        let mut app = self::app();
        app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
        app.target = Some(secs(600));
        app.budgets = crate::timing::budget::budgets(&app.deck, app.target);
        run(&mut app, [at(0, 10, 0, 0), Action::Next]);
        assert_eq!(app.class_share, None);
        assert_eq!(app.budgets.iter().flatten().sum::<Duration>(), secs(600));
    }

    #[test]
    fn a_pause_holds_across_three_slide_changes_and_counts_for_none_of_them() {
        let mut app = app();
        let tick = |s| at(s, 9, 0, 0);
        // A minute on slide 2, then questions: paused at 1:00.
        run(
            &mut app,
            [tick(0), Action::Next, tick(60), Action::TogglePause],
        );
        assert!(app.is_paused());
        // Three slide changes while paused, 40 s apart: to slide 3, 4 and 5.
        run(
            &mut app,
            [
                tick(100),
                Action::GoToSlide(2),
                tick(140),
                Action::Next,
                tick(180),
                Action::Next,
                tick(220),
            ],
        );
        assert_eq!((app.current, app.is_paused()), (4, true));
        assert_eq!(app.elapsed(), Some(secs(60)), "the talk clock stood still");
        // Run again at 4:00; half a minute later on slide 5.
        run(&mut app, [tick(240), Action::TogglePause, tick(270)]);
        assert_eq!(
            app.message.as_deref(),
            Some("the clock runs again (paused 3:00)")
        );
        assert_eq!(app.spent_now(), [0, 60, 0, 0, 30].map(secs).to_vec());
        assert_eq!(app.elapsed(), Some(secs(90)));
        assert_eq!(app.paused_total(), secs(180));
        assert_eq!(
            app.pauses,
            [PauseSpan {
                from: secs(60),
                to: Some(secs(240)),
                slide: 1
            }]
        );
        // Back to slide 4: slide 5 keeps its half minute, and slide 4's time starts now.
        run(&mut app, [Action::Prev, tick(280)]);
        assert_eq!(app.spent_now(), [0, 60, 0, 10, 30].map(secs).to_vec());
    }

    #[test]
    fn a_pause_waits_for_the_clock_to_start_and_keeps_the_slide_time_so_far() {
        let mut app = app();
        run(&mut app, [at(5, 9, 0, 0), Action::TogglePause]);
        assert!(!app.is_paused());
        assert!(app.message.as_deref().unwrap().contains("first move"));
        // Paused on a slide and resumed there: only the time outside the pause counts.
        run(
            &mut app,
            [
                Action::Next,
                at(25, 9, 0, 20),
                Action::TogglePause,
                at(85, 9, 1, 20),
            ],
        );
        assert_eq!(app.spent_now()[1], secs(20));
        run(&mut app, [Action::TogglePause, at(95, 9, 1, 30)]);
        assert_eq!(app.spent_now()[1], secs(30));
        assert_eq!(app.paused_total(), secs(60));
    }

    #[test]
    fn resetting_the_clock_asks_first_and_only_yes_resets() {
        let mut app = app();
        run(&mut app, [Action::ResetClock]);
        assert_eq!(
            app.mode,
            Mode::Normal,
            "nothing to reset before the first move"
        );
        let tick = |s| at(s, 9, 0, 0);
        run(
            &mut app,
            [
                tick(0),
                Action::Next,
                tick(30),
                Action::TogglePause,
                tick(40),
                Action::ResetClock,
            ],
        );
        assert_eq!(app.mode, Mode::ConfirmReset);
        // Anything but yes keeps the clock, and is not read as a move.
        run(&mut app, [Action::Cancel]);
        assert_eq!((app.mode.clone(), app.current), (Mode::Normal, 1));
        assert_eq!(app.elapsed(), Some(secs(30)));
        assert_eq!(app.message.as_deref(), Some("the clock was not reset"));
        run(&mut app, [Action::ResetClock, Action::Next]);
        assert_eq!(app.mode, Mode::ConfirmReset, "a move is not an answer");
        assert_eq!(app.current, 1);
        run(&mut app, [Action::Confirm]);
        assert_eq!(app.mode, Mode::Normal);
        assert_eq!((app.started_at, app.elapsed()), (None, None));
        assert_eq!(app.spent_now(), vec![Duration::ZERO; 5]);
        assert!(app.pauses.is_empty() && !app.is_paused());
        assert_eq!(app.resets, 1);
        assert_eq!(app.current, 1, "the place is kept");
        // The clock starts again at the next move (a reveal step on slide 2).
        run(&mut app, [tick(100), Action::Next, tick(110)]);
        assert_eq!(app.elapsed(), Some(secs(10)));
        assert_eq!(app.spent_now(), [0, 10, 0, 0, 0].map(secs).to_vec());
    }

    #[test]
    fn a_reset_class_of_a_length_begins_again() {
        let mut app = app();
        app.class = Some(ClassEnd::Length(crate::deck::Seconds(50 * 60)));
        run(
            &mut app,
            [
                at(0, 9, 0, 0),
                Action::Next,
                at(600, 9, 10, 0),
                Action::ResetClock,
                Action::Confirm,
                at(700, 9, 11, 40),
            ],
        );
        assert_eq!(app.countdown(), Some(Countdown::Left(secs(3000))));
    }

    #[test]
    fn a_rehearsal_is_timed_from_its_start_and_runs_on_at_once_after_a_reset() {
        let mut app = app();
        app.purpose = Purpose::Rehearse;
        // The opening slide counts from the first tick, without a move.
        run(&mut app, [at(2, 9, 0, 0), at(62, 9, 1, 0)]);
        assert_eq!(app.elapsed(), Some(secs(60)));
        assert_eq!(app.spent_now()[0], secs(60));
        run(
            &mut app,
            [Action::ResetClock, Action::Confirm, at(92, 9, 1, 30)],
        );
        assert_eq!(app.resets, 1);
        assert_eq!(app.elapsed(), Some(secs(30)));
        assert_eq!(app.spent_now()[0], secs(30));
    }

    #[test]
    fn visited_follows_every_move() {
        let mut app = app();
        run(&mut app, [Action::Last]);
        assert_eq!(app.visited, vec![true, false, false, false, true]);
    }

    fn any_action() -> impl Strategy<Value = Action> {
        prop_oneof![
            Just(Action::Next),
            Just(Action::Prev),
            Just(Action::Down),
            Just(Action::Up),
            Just(Action::First),
            Just(Action::Last),
            (0usize..10).prop_map(Action::GoToSlide),
            Just(Action::NextPart),
            Just(Action::PrevPart),
            Just(Action::Back),
            prop::char::range('0', '9').prop_map(Action::Digit),
            Just(Action::Enter),
            Just(Action::Backspace),
            Just(Action::Cancel),
            Just(Action::OpenOverview),
            Just(Action::OpenDatePrompt),
            Just(Action::Blank),
            Just(Action::ToggleHelp),
            any::<char>().prop_map(Action::Type),
            Just(Action::SelectNext),
            Just(Action::SelectPrev),
            Just(Action::Submit),
            (1u16..200, 1u16..80).prop_map(|(w, h)| Action::Resize(w, h)),
            Just(Action::ToggleFreeze),
            Just(Action::Resume),
            (0usize..3).prop_map(Action::AudienceCount),
            Just(Action::TogglePause),
            Just(Action::ResetClock),
            Just(Action::Confirm),
            (0u64..10_000, 0u32..86_400).prop_map(|(now, s)| Action::Tick {
                now: Duration::from_millis(now),
                clock: TimeOfDay::hms(s / 3600, s / 60 % 60, s % 60),
            }),
        ]
    }

    proptest! {
        #[test]
        fn after_any_actions_the_position_is_valid(actions in prop::collection::vec(any_action(), 0..60)) {
            let mut app = app();
            app.class = Some(ClassEnd::Until(TimeOfDay::hm(10, 45)));
            run(&mut app, actions);
            // The clocks stay readable whatever came in whatever order (time may even go back).
            let _ = (app.countdown(), app.forecast(), app.elapsed(), app.spent_now());
            prop_assert!(app.current < app.slide_count());
            let steps = app.deck.slide(app.current).unwrap().steps();
            prop_assert!(app.step < steps);
            prop_assert!(app.visited[app.current]);
            prop_assert!(app.history.iter().all(|&h| h < app.slide_count()));
            let shown = app.shown();
            prop_assert!(shown.slide < app.slide_count());
            prop_assert!(shown.scroll_permille <= 1000);
        }
    }

    #[test]
    fn an_audience_turns_the_presenter_view_on_for_good_with_the_notes() {
        let mut app = app();
        assert!(!app.audience.presenter_view);
        run(&mut app, [Action::AudienceCount(2)]);
        assert!(app.audience.presenter_view);
        assert!(app.show_notes);
        assert_eq!(app.audience.connected, 2);
        run(&mut app, [Action::ToggleNotes, Action::AudienceCount(0)]);
        assert!(
            app.audience.presenter_view,
            "the layout stays when the audience leaves"
        );
        assert!(!app.show_notes, "the teacher's choice is kept");
    }

    #[test]
    fn blank_blanks_the_audience_only_once_there_is_one() {
        let mut app = app();
        run(&mut app, [Action::Blank]);
        assert_eq!(app.mode, Mode::Blank, "alone, b blacks out this screen");
        run(
            &mut app,
            [Action::Unblank, Action::AudienceCount(1), Action::Blank],
        );
        assert_eq!(app.mode, Mode::Normal, "the teacher keeps the notes");
        assert!(app.audience.blank && app.shown().blank);
        // Browsing does not bring the slide back to the class; b does.
        run(&mut app, [Action::Next, Action::Next]);
        assert!(app.shown().blank);
        assert_eq!(app.shown().slide, 1);
        run(&mut app, [Action::Blank]);
        assert!(!app.shown().blank);
    }

    #[test]
    fn freeze_holds_the_audience_while_the_teacher_browses() {
        let mut app = app();
        run(&mut app, [Action::ToggleFreeze]);
        assert!(app.audience.frozen.is_none());
        assert!(app.message.as_deref().unwrap().contains("tribune audience"));
        run(&mut app, [Action::AudienceCount(1), Action::Next]);
        // Slide 2, first reveal step.
        assert_eq!((app.shown().slide, app.shown().step), (1, 0));
        run(&mut app, [Action::ToggleFreeze, Action::Next, Action::Last]);
        let shown = app.shown();
        assert_eq!((shown.slide, shown.step, shown.frozen), (1, 0, true));
        assert_eq!(app.current, 4);
        // Blank still reaches a frozen audience.
        run(&mut app, [Action::Blank]);
        assert!(app.shown().blank && app.shown().frozen);
        run(&mut app, [Action::Blank, Action::ToggleFreeze]);
        let shown = app.shown();
        assert_eq!((shown.slide, shown.frozen), (4, false));
    }

    #[test]
    fn reveal_steps_reach_the_audience() {
        let mut app = app();
        run(&mut app, [Action::AudienceCount(1), Action::Next]);
        let steps: Vec<usize> = (0..3)
            .map(|_| {
                let step = app.shown().step;
                run(&mut app, [Action::Next]);
                step
            })
            .collect();
        assert_eq!(steps, vec![0, 1, 2]);
        assert_eq!(app.shown().slide, 2);
    }

    #[test]
    fn r_resumes_where_the_last_class_stopped_until_the_first_move() {
        let mut app = app();
        app.resume = Some(3);
        run(&mut app, [Action::Resume]);
        assert_eq!(app.current, 3);
        assert_eq!(app.resume, None);
        run(&mut app, [Action::Back]);
        assert_eq!(app.current, 0, "resuming is a jump backtick undoes");
        run(&mut app, [Action::Resume]);
        assert_eq!(app.current, 0);
        assert_eq!(app.message.as_deref(), Some("no earlier class to resume"));

        let mut app = self::app();
        app.resume = Some(3);
        run(&mut app, [Action::Next, Action::Resume]);
        assert_eq!(app.current, 1, "moving on lapses the offer");
    }

    /// A slide whose notes run to thirty lines, then one with two lines.
    fn app_with_long_notes() -> App {
        let long: Vec<String> = (1..=30).map(|i| format!("line {i}")).collect();
        let source = format!(
            r#"Deck(title: "T", span: "1953", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "Long", date: "1953-03-01", notes: "{}",
                    sources: ["a source"], corrections: [(was: "x", now: "y")]),
                Slide(title: "Short", date: "1953-03-02", notes: "one\ntwo"),
            ])])"#,
            long.join("\\n")
        );
        let deck = parse_deck("t.ron", source.as_bytes()).unwrap().deck;
        let mut app = App::new(deck);
        run(&mut app, [Action::Resize(120, 40), Action::ToggleNotes]);
        app
    }

    #[test]
    fn the_notes_scroll_within_their_length_and_start_at_the_top_on_each_slide() {
        let mut app = app_with_long_notes();
        // 120x40: an 11-row pane is its rule, the header (sources and corrections), eight rows
        // of notes and the "next" line; thirty lines leave twenty-two below.
        assert_eq!(app.notes_max_scroll(), 22);
        run(&mut app, [Action::NotesDown, Action::NotesDown]);
        assert_eq!((app.notes_scroll, app.current), (2, 0), "the slide stays");
        run(&mut app, (0..40).map(|_| Action::NotesDown));
        assert_eq!(app.notes_scroll, 22, "no further than the last line");
        run(&mut app, [Action::NotesUp]);
        assert_eq!(app.notes_scroll, 21);
        run(&mut app, [Action::Next]);
        assert_eq!((app.current, app.notes_scroll), (1, 0));
        assert_eq!(app.notes_max_scroll(), 0, "two lines fit");
    }

    #[test]
    fn more_rows_for_the_notes_mean_less_to_scroll_and_the_slide_keeps_its_minimum() {
        let mut app = app_with_long_notes();
        run(&mut app, (0..5).map(|_| Action::NotesTaller));
        assert_eq!(app.notes_rows, 5);
        assert_eq!(app.notes_max_scroll(), 17);
        // 39 rows above the status bar; the slide keeps ten, so the notes stop at 29.
        run(&mut app, (0..50).map(|_| Action::NotesTaller));
        assert_eq!(
            app.notes_rows, 18,
            "rows the screen cannot give are not counted"
        );
        run(&mut app, [Action::NotesShorter]);
        assert_eq!(app.notes_rows, 17);
        run(&mut app, [Action::ToggleNotes, Action::NotesTaller]);
        assert_eq!(
            app.notes_rows, 17,
            "nothing to grow while the notes are closed"
        );
        assert!(app.message.as_deref().unwrap().contains("n opens them"));
    }

    #[test]
    fn the_details_open_over_the_presenter_and_scroll_within_their_length() {
        let mut app = app_with_long_notes();
        run(&mut app, [Action::ToggleDetails]);
        assert_eq!(app.mode, Mode::Details { scroll: 0 });
        run(&mut app, [Action::SelectNext]);
        assert_eq!(app.mode, Mode::Details { scroll: 0 }, "five lines fit");
        run(&mut app, [Action::Cancel]);
        assert_eq!(app.mode, Mode::Normal);
        let shown = app.shown();
        run(&mut app, [Action::ToggleDetails]);
        assert_eq!(app.shown(), shown, "the class sees nothing of it");
    }
}
