//! The class clock's arithmetic, pure: the countdown to the end of class and how urgent it is,
//! and the forecast of the talk's end at the pace so far, with the part that is eating the time.
//! Time comes in as data (durations on one clock, a time of day); nothing here reads a clock.
//!
//! The forecast, worked on the slides' budgets (see `budget`):
//!
//! - *covered*: every slide other than the one on screen that was on screen a second or more
//!   (`record::SHOWN`), and as much of the current slide's budget as its time so far has used;
//! - *to come*: the slides after the current one not yet covered, and what is left of the
//!   current slide's budget; slides before it never shown were skipped and count for nothing;
//! - the pace is the time spent over the budget covered, tempered by [`STEADY`] of talk at the
//!   plan's pace (so the first minutes do not swing it): `(spent + STEADY) / (covered +
//!   STEADY)`; the rest of the talk is forecast to take `to come × pace`;
//! - the talk comes out `spent + rest` long against a plan of `covered + to come`; with an end
//!   of class, the rest is set against the time left instead.
//!
//! A part is over its share by the time spent on its slides less the budget of what of it was
//! covered; the forecast names the part furthest over, from a minute on.

use std::time::Duration;

use super::budget::clock;
use super::record::SHOWN;
use crate::deck::{Deck, TimeOfDay};

/// From this much time left (or less) the countdown warns: amber.
pub const SOON: Duration = Duration::from_secs(5 * 60);

/// From this much time left (or less), the last minute: red.
pub const LAST_MINUTE: Duration = Duration::from_secs(60);

/// The pace is tempered by this much talk at the plan's pace.
pub const STEADY: Duration = Duration::from_secs(5 * 60);

/// Within this much of the plan or the bell, the talk is on time.
pub const ON_TIME: Duration = Duration::from_secs(60);

/// Where the class stands against its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Countdown {
    /// So much time left.
    Left(Duration),
    /// Past the end by so much.
    Over(Duration),
}

/// How urgent the countdown is: the status bar's colour (and weight, without colour).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Urgency {
    /// More than five minutes left.
    Calm,
    /// Five minutes or less.
    Soon,
    /// A minute or less.
    LastMinute,
    /// Past the end.
    Over,
}

impl Countdown {
    /// The countdown `elapsed` after this one.
    #[must_use]
    pub fn later(self, elapsed: Duration) -> Countdown {
        match self {
            Countdown::Left(left) => match left.checked_sub(elapsed) {
                Some(still) if !still.is_zero() => Countdown::Left(still),
                _ => Countdown::Over(elapsed.saturating_sub(left)),
            },
            Countdown::Over(over) => Countdown::Over(over + elapsed),
        }
    }

    /// Whole seconds left, rounded up (so "0:00 left" is never shown while time remains); over,
    /// rounded down.
    fn shown_secs(self) -> u64 {
        match self {
            Countdown::Left(d) => d.as_secs() + u64::from(d.subsec_nanos() > 0),
            Countdown::Over(d) => d.as_secs(),
        }
    }

    /// Calm, soon (five minutes), the last minute, or over, by the seconds shown.
    pub fn urgency(self) -> Urgency {
        let shown = Duration::from_secs(self.shown_secs());
        match self {
            Countdown::Over(_) => Urgency::Over,
            Countdown::Left(_) if shown <= LAST_MINUTE => Urgency::LastMinute,
            Countdown::Left(_) if shown <= SOON => Urgency::Soon,
            Countdown::Left(_) => Urgency::Calm,
        }
    }

    /// `21:50 left`, `+2:10 over`.
    pub fn describe(self) -> String {
        match self {
            Countdown::Left(_) => format!("{} left", self.short()),
            Countdown::Over(_) => format!("{} over", self.short()),
        }
    }

    /// `21:50`, `+2:10`.
    pub fn short(self) -> String {
        let time = clock(Duration::from_secs(self.shown_secs()));
        match self {
            Countdown::Left(_) => time,
            Countdown::Over(_) => format!("+{time}"),
        }
    }
}

/// The end of class pinned to the app's clock: when the clock read `seen`, the countdown read
/// `then`. (A class may be over before the app's clock began, so the end itself is not kept as
/// a moment on that clock.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// The app's clock when the end of class was fixed.
    pub seen: Duration,
    /// The countdown then.
    pub then: Countdown,
}

impl Deadline {
    /// The countdown at `now` on the app's clock.
    pub fn at(self, now: Duration) -> Countdown {
        self.then.later(now.saturating_sub(self.seen))
    }
}

/// How a forecast compares with the plan or the bell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drift {
    /// Later by so much (a minute or more).
    Over(Duration),
    /// Within a minute.
    OnTime,
    /// Earlier by so much (a minute or more).
    Early(Duration),
}

impl Drift {
    /// `forecast` against `planned`.
    pub fn of(forecast: Duration, planned: Duration) -> Drift {
        let beyond = |a: Duration, b: Duration| a.checked_sub(b).filter(|d| *d >= ON_TIME);
        if let Some(over) = beyond(forecast, planned) {
            Drift::Over(over)
        } else if let Some(early) = beyond(planned, forecast) {
            Drift::Early(early)
        } else {
            Drift::OnTime
        }
    }

    /// The rest of the talk, forecast to take `rest`, against the class's countdown.
    pub fn against(rest: Duration, countdown: Countdown) -> Drift {
        match countdown {
            Countdown::Left(left) => Drift::of(rest, left),
            Countdown::Over(over) => Drift::of(rest + over, Duration::ZERO),
        }
    }

    /// `7 min over`, `on time`, `5 min early`.
    pub fn describe(self) -> String {
        match self {
            Drift::Over(d) => format!("{} min over", minutes(d)),
            Drift::OnTime => "on time".to_owned(),
            Drift::Early(d) => format!("{} min early", minutes(d)),
        }
    }
}

/// Whole minutes, to the nearest (half a minute rounds up).
pub fn minutes(d: Duration) -> u64 {
    (d.as_secs() + 30) / 60
}

/// Where the talk is heading at the pace so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Forecast {
    /// Talk time spent so far.
    pub spent: Duration,
    /// The budget of what has been covered.
    pub covered: Duration,
    /// The budget of what is to come.
    pub to_come: Duration,
    /// Talk time the rest is forecast to take.
    pub rest: Duration,
    /// The talk's length at this pace against the plan (covered and to come).
    pub drift: Drift,
    /// The part furthest over its share (0-based), and by how much: a minute or more.
    pub worst_part: Option<(usize, Duration)>,
}

/// The forecast from each slide's budget and time spent (the current slide's running stretch
/// included), on `current`; none unless every slide has a budget.
pub fn forecast(
    deck: &Deck,
    budgets: &[Option<Duration>],
    spent: &[Duration],
    current: usize,
) -> Option<Forecast> {
    let budgets: Vec<Duration> = budgets.iter().copied().collect::<Option<_>>()?;
    if budgets.len() != deck.slide_count() || budgets.iter().all(Duration::is_zero) {
        return None;
    }
    let time = |i: usize| spent.get(i).copied().unwrap_or_default();
    // What of each slide's budget is covered, and what is to come.
    let shares: Vec<(Duration, Duration)> = budgets
        .iter()
        .enumerate()
        .map(|(i, &budget)| {
            if i == current {
                let used = time(i).min(budget);
                (used, budget.saturating_sub(used))
            } else if time(i) >= SHOWN {
                (budget, Duration::ZERO)
            } else if i > current {
                (Duration::ZERO, budget)
            } else {
                (Duration::ZERO, Duration::ZERO)
            }
        })
        .collect();
    let spent_all: Duration = (0..budgets.len()).map(time).sum();
    let covered: Duration = shares.iter().map(|s| s.0).sum();
    let to_come: Duration = shares.iter().map(|s| s.1).sum();
    let rest = scale(to_come, spent_all + STEADY, covered + STEADY);
    let worst_part = (0..deck.parts.len())
        .filter_map(|p| {
            let start = deck.part_start(p);
            let end = start + deck.parts[p].slides.len();
            let spent: Duration = (start..end).map(time).sum();
            let share: Duration = shares.get(start..end)?.iter().map(|s| s.0).sum();
            let over = spent.checked_sub(share)?;
            (over >= ON_TIME).then_some((p, over))
        })
        // The furthest over; of equals, the first.
        .fold(None, |best: Option<(usize, Duration)>, (p, over)| match best {
            Some((_, most)) if most >= over => best,
            _ => Some((p, over)),
        });
    Some(Forecast {
        spent: spent_all,
        covered,
        to_come,
        rest,
        drift: Drift::of(spent_all + rest, covered + to_come),
        worst_part,
    })
}

/// When a talk with `rest` to go ends, seen at `now`: to the nearest minute, as it is shown.
pub fn ends(now: TimeOfDay, rest: Duration) -> TimeOfDay {
    now.plus(rest + Duration::from_secs(30))
}

/// `d × num / den`, in milliseconds.
fn scale(d: Duration, num: Duration, den: Duration) -> Duration {
    let ms = |d: Duration| d.as_millis();
    let scaled = ms(d) * ms(num) / ms(den).max(1);
    Duration::from_millis(u64::try_from(scaled).unwrap_or(u64::MAX))
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;
    use crate::deck::parse_deck;

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[rstest]
    #[case(Countdown::Left(secs(21 * 60 + 50)), "21:50 left", Urgency::Calm)]
    #[case(Countdown::Left(secs(5 * 60 + 1)), "5:01 left", Urgency::Calm)]
    #[case(Countdown::Left(secs(5 * 60)), "5:00 left", Urgency::Soon)]
    #[case(
        Countdown::Left(Duration::from_millis(300_400)),
        "5:01 left",
        Urgency::Calm
    )]
    #[case(Countdown::Left(secs(61)), "1:01 left", Urgency::Soon)]
    #[case(Countdown::Left(secs(60)), "1:00 left", Urgency::LastMinute)]
    #[case(
        Countdown::Left(Duration::from_millis(1)),
        "0:01 left",
        Urgency::LastMinute
    )]
    #[case(Countdown::Over(Duration::ZERO), "+0:00 over", Urgency::Over)]
    #[case(
        Countdown::Over(Duration::from_millis(130_900)),
        "+2:10 over",
        Urgency::Over
    )]
    #[case(Countdown::Left(secs(3725)), "1:02:05 left", Urgency::Calm)]
    fn countdowns(#[case] c: Countdown, #[case] text: &str, #[case] urgency: Urgency) {
        assert_eq!((c.describe().as_str(), c.urgency()), (text, urgency));
    }

    #[test]
    fn a_deadline_counts_down_through_the_end() {
        // Fixed at 7 s on the app's clock with 21:50 to go.
        let d = Deadline {
            seen: secs(7),
            then: Countdown::Left(secs(1310)),
        };
        assert_eq!(d.at(secs(7)), Countdown::Left(secs(1310)));
        assert_eq!(d.at(secs(1017)), Countdown::Left(secs(300)));
        assert_eq!(d.at(secs(1317)), Countdown::Over(Duration::ZERO));
        assert_eq!(d.at(secs(1447)), Countdown::Over(secs(130)));
        // A class already five minutes over when the clock began.
        let late = Deadline {
            seen: Duration::ZERO,
            then: Countdown::Over(secs(300)),
        };
        assert_eq!(late.at(secs(10)), Countdown::Over(secs(310)));
    }

    #[rstest]
    #[case(secs(600), secs(600), Drift::OnTime, "on time")]
    #[case(secs(659), secs(600), Drift::OnTime, "on time")]
    #[case(secs(660), secs(600), Drift::Over(secs(60)), "1 min over")]
    #[case(secs(1020), secs(600), Drift::Over(secs(420)), "7 min over")]
    #[case(secs(600), secs(1530), Drift::Early(secs(930)), "16 min early")]
    fn drifts(
        #[case] forecast: Duration,
        #[case] planned: Duration,
        #[case] drift: Drift,
        #[case] text: &str,
    ) {
        assert_eq!(Drift::of(forecast, planned), drift);
        assert_eq!(drift.describe(), text);
    }

    #[test]
    fn against_the_bell() {
        assert_eq!(
            Drift::against(secs(30 * 60), Countdown::Left(secs(23 * 60))),
            Drift::Over(secs(7 * 60))
        );
        assert_eq!(
            Drift::against(secs(3 * 60), Countdown::Over(secs(2 * 60))),
            Drift::Over(secs(5 * 60))
        );
        assert_eq!(
            Drift::against(secs(10 * 60), Countdown::Left(secs(10 * 60 + 30))),
            Drift::OnTime
        );
    }

    /// Two parts: A (three slides of 2, 4 and 4 min) and B (two of 5 min): 20 minutes.
    fn deck() -> Deck {
        parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953", parts: [
                Part(id: "a", title: "A", slides: [
                    Slide(title: "1", date: "1953", notes: "n", duration: "2m"),
                    Slide(title: "2", date: "1953", notes: "n", duration: "4m"),
                    Slide(title: "3", date: "1953", notes: "n", duration: "4m"),
                ]),
                Part(id: "b", title: "B", slides: [
                    Slide(title: "4", date: "1953", notes: "n", duration: "5m"),
                    Slide(title: "5", date: "1953", notes: "n", duration: "5m"),
                ]),
            ])"#,
        )
        .unwrap()
        .deck
    }

    fn budgets() -> Vec<Option<Duration>> {
        [120, 240, 240, 300, 300].map(|s| Some(secs(s))).to_vec()
    }

    #[test]
    fn before_the_start_the_forecast_is_the_plan() {
        let f = forecast(&deck(), &budgets(), &[Duration::ZERO; 5], 0).unwrap();
        assert_eq!(
            (f.covered, f.to_come, f.rest),
            (secs(0), secs(1200), secs(1200))
        );
        assert_eq!(f.drift, Drift::OnTime);
        assert_eq!(f.worst_part, None);
    }

    #[test]
    fn a_slow_start_is_forecast_at_its_pace_tempered() {
        // 3:00 on slide 1 (budget 2:00), 5:00 so far on slide 2 (budget 4:00).
        let spent = [180, 300, 0, 0, 0].map(secs);
        let f = forecast(&deck(), &budgets(), &spent, 1).unwrap();
        // Covered: 2:00 + 4:00 (all of slide 2's budget is used) = 6:00; to come 4 + 5 + 5
        // = 14:00; spent 8:00. Pace (480 + 300) / (360 + 300) = 780 / 660; the rest is
        // 840 × 780 / 660 = 992.727 s.
        assert_eq!(
            (f.spent, f.covered, f.to_come),
            (secs(480), secs(360), secs(840))
        );
        assert_eq!(f.rest, Duration::from_millis(992_727));
        // 480 + 992.7 = 1472.7 s against 1200: 4:33 over, "5 min over".
        assert_eq!(f.drift, Drift::Over(Duration::from_millis(272_727)));
        assert_eq!(f.drift.describe(), "5 min over");
        // Part A: 8:00 spent on 6:00 covered, two minutes over.
        assert_eq!(f.worst_part, Some((0, secs(120))));
    }

    #[test]
    fn skipped_slides_count_for_nothing_and_clicks_do_not_cover() {
        // Slide 1 for 2:00, slide 2 clicked past (0.5 s), slide 3 skipped, now 1:00 into
        // slide 4.
        let spent = [
            secs(120),
            Duration::from_millis(500),
            Duration::ZERO,
            secs(60),
            Duration::ZERO,
        ];
        let f = forecast(&deck(), &budgets(), &spent, 3).unwrap();
        // Covered 2:00 + 1:00 of slide 4; to come 4:00 of slide 4 and slide 5's 5:00.
        assert_eq!((f.covered, f.to_come), (secs(180), secs(540)));
        // Spent 180.5 s: pace 480.5 / 480; rest 540 × 480.5 / 480 = 540.5625 s.
        assert_eq!(f.rest, Duration::from_millis(540_562));
        // 721 s against a plan of 720 without slides 2 and 3: on time.
        assert_eq!(f.drift, Drift::OnTime);
        assert_eq!(f.worst_part, None);
    }

    #[test]
    fn the_part_furthest_over_is_named_and_a_fast_part_is_not() {
        // Part A fast (1:00, 2:00, 2:00 against 10:00), slide 4 long: 8:00 on its 5:00, now
        // on slide 5 for 2:00.
        let spent = [60, 120, 120, 480, 120].map(secs);
        let f = forecast(&deck(), &budgets(), &spent, 4).unwrap();
        assert_eq!(f.worst_part, Some((1, secs(180))));
        // Covered 2 + 4 + 4 + 5 + 2 = 17:00, to come 3:00, spent 15:00. Pace (900 + 300) /
        // (1020 + 300) = 1200 / 1320: rest 180 × 1200 / 1320 = 163.636 s. 1063.6 s against
        // 1200: 2:16 early.
        assert_eq!(f.rest, Duration::from_millis(163_636));
        assert_eq!(f.drift, Drift::Early(Duration::from_millis(136_364)));
        assert_eq!(f.drift.describe(), "2 min early");
    }

    #[test]
    fn no_forecast_without_every_budget() {
        let mut b = budgets();
        b[2] = None;
        assert_eq!(forecast(&deck(), &b, &[Duration::ZERO; 5], 0), None);
        assert_eq!(forecast(&deck(), &[], &[], 0), None);
    }
}
