//! Rehearsal arithmetic, pure: how a talk's time budget is shared among its slides, and how far
//! ahead or behind a speaker is. Time comes in as data; nothing here reads a clock.

use std::time::Duration;

use crate::deck::{Block, Deck, Seconds, Slide};

/// Within this many seconds of the plan counts as on time.
const ON_TIME_SLACK: u64 = 15;

/// The least time, in seconds, a slide without a `duration` should get on average from what
/// the fixed durations leave of a target: below it the slides are flicked past, not presented.
pub const FLOOR_SECS: u64 = 20;

/// A target whose fixed durations leave the other slides less than [`FLOOR_SECS`] each.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Squeeze {
    /// The talk's length.
    pub target: Duration,
    /// The slides with a `duration` of their own, and those durations added up.
    pub fixed: (usize, Duration),
    /// The slides without one, which share what is left.
    pub others: usize,
    /// What each of those gets on average, in whole seconds.
    pub each: u64,
}

/// Whether the fixed durations leave the other slides less than the floor each of `target`.
pub fn squeeze(deck: &Deck, target: Duration) -> Option<Squeeze> {
    let durations: Vec<Duration> = deck
        .slides()
        .filter_map(|s| s.duration.map(Seconds::duration))
        .collect();
    let others = deck.slide_count() - durations.len();
    let fixed: Duration = durations.iter().sum();
    let rest = target.saturating_sub(fixed).as_secs();
    let count = u64::try_from(others).ok().filter(|&n| n > 0)?;
    (rest < FLOOR_SECS * count).then(|| Squeeze {
        target,
        fixed: (durations.len(), fixed),
        others,
        each: rest / count,
    })
}

impl Squeeze {
    /// The whole warning, naming the target by `which` (the deck's duration, `--target`).
    pub fn message(&self, which: &str) -> String {
        let (n, fixed) = self.fixed;
        if n == 0 {
            return format!(
                "the {} target ({which}) gives the {} slide{} {} s each; each should have at \
                 least {FLOOR_SECS} s",
                clock(self.target),
                self.others,
                if self.others == 1 { "" } else { "s" },
                self.each,
            );
        }
        format!(
            "{n} slide{} with a fixed `duration` ({}) leave{} the other {} slide{} {} s each of \
             the {} target ({which}); each should have at least {FLOOR_SECS} s",
            if n == 1 { "" } else { "s" },
            clock(fixed),
            if n == 1 { "s" } else { "" },
            self.others,
            if self.others == 1 { "" } else { "s" },
            self.each,
            clock(self.target),
        )
    }

    /// The warning in a status bar's few words.
    pub fn short(&self) -> String {
        format!(
            "tight budget: {} slides get {} s each of {} (floor {FLOOR_SECS} s)",
            self.others,
            self.each,
            clock(self.target)
        )
    }
}

/// Each slide's budget: its own `duration` where the deck gives one; the rest of `target`
/// shared among the other slides in proportion to their content. Without a target, only the
/// slides with their own duration have a budget.
pub fn budgets(deck: &Deck, target: Option<Duration>) -> Vec<Option<Duration>> {
    let slides: Vec<&Slide> = deck.slides().collect();
    let fixed: Duration = slides
        .iter()
        .filter_map(|s| s.duration.map(Seconds::duration))
        .sum();
    let weights: Vec<u64> = slides.iter().map(|s| weight(s)).collect();
    let free_weight: u64 = slides
        .iter()
        .zip(&weights)
        .filter(|(s, _)| s.duration.is_none())
        .map(|(_, w)| *w)
        .sum();
    let rest = target.map(|t| t.saturating_sub(fixed).as_secs());
    let shares = rest.map(|rest| share(rest, &weights, &slides));
    slides
        .iter()
        .enumerate()
        .map(|(i, s)| match (s.duration, &shares) {
            (Some(d), _) => Some(d.duration()),
            (None, Some(shares)) if free_weight > 0 => Some(Duration::from_secs(shares[i])),
            _ => None,
        })
        .collect()
}

/// `rest` seconds shared among the slides without a duration, by weight, in whole seconds that
/// add up exactly: floors first, then the leftover seconds to the largest remainders.
fn share(rest: u64, weights: &[u64], slides: &[&Slide]) -> Vec<u64> {
    let free: Vec<bool> = slides.iter().map(|s| s.duration.is_none()).collect();
    let total: u64 = weights
        .iter()
        .zip(&free)
        .filter(|(_, f)| **f)
        .map(|(w, _)| *w)
        .sum();
    if total == 0 {
        return vec![0; slides.len()];
    }
    let mut out: Vec<u64> = weights
        .iter()
        .zip(&free)
        .map(|(w, f)| if *f { rest * w / total } else { 0 })
        .collect();
    let given: u64 = out.iter().sum();
    let mut order: Vec<usize> = (0..slides.len()).filter(|&i| free[i]).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(rest * weights[i] % total), i));
    for &i in order
        .iter()
        .take(usize::try_from(rest - given).unwrap_or(0))
    {
        out[i] += 1;
    }
    out
}

/// How much there is to say on a slide: its words, with a floor so that a title-only slide
/// still gets a moment.
fn weight(slide: &Slide) -> u64 {
    let words = |t: &str| t.split_whitespace().count();
    let n = words(slide.title.as_str()) + slide.body.iter().map(Block::spoken_words).sum::<usize>();
    u64::try_from(n.max(12)).unwrap_or(12)
}

/// Ahead of, on, or behind the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pace {
    /// More than the slack ahead.
    Ahead(Duration),
    /// Within the slack.
    OnTime,
    /// More than the slack behind.
    Behind(Duration),
}

impl Pace {
    /// Compares time actually spent with the time planned for the same stretch.
    pub fn of(actual: Duration, planned: Duration) -> Pace {
        let slack = Duration::from_secs(ON_TIME_SLACK);
        if actual > planned + slack {
            Pace::Behind(actual.saturating_sub(planned))
        } else if planned > actual + slack {
            Pace::Ahead(planned.saturating_sub(actual))
        } else {
            Pace::OnTime
        }
    }

    /// "1:20 behind", "0:45 ahead", "on time".
    pub fn describe(self) -> String {
        match self {
            Pace::Ahead(d) => format!("{} ahead", clock(d)),
            Pace::OnTime => "on time".to_owned(),
            Pace::Behind(d) => format!("{} behind", clock(d)),
        }
    }
}

/// Where the talk stands: the current slide against its budget and the whole talk against the
/// plan for everything up to here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Standing {
    /// Time on the current slide so far.
    pub on_slide: Duration,
    /// The current slide's budget.
    pub slide_budget: Option<Duration>,
    /// The current slide: `Behind` once past its budget, else `OnTime`.
    pub slide_pace: Option<Pace>,
    /// Time in the current part so far.
    pub in_part: Duration,
    /// The whole talk against the plan.
    pub talk_pace: Option<Pace>,
    /// Time spent so far in all.
    pub total: Duration,
}

/// Works out the standing from the time spent on each slide (the current one included) and the
/// budgets. The plan up to here is every earlier slide's budget plus as much of the current
/// slide's budget as has been used, so a speaker is never "behind" merely for having started a
/// slide.
pub fn standing(
    deck: &Deck,
    budgets: &[Option<Duration>],
    spent: &[Duration],
    current: usize,
) -> Standing {
    let on_slide = spent.get(current).copied().unwrap_or_default();
    let slide_budget = budgets.get(current).copied().flatten();
    let part = deck.part_of(current);
    let part_start = deck.part_start(part);
    let in_part = spent
        .get(part_start..=current.min(spent.len().saturating_sub(1)))
        .map_or(Duration::ZERO, |s| s.iter().sum());
    let total: Duration = spent.iter().sum();
    let planned_before: Option<Duration> = budgets
        .get(..current)
        .and_then(|b| b.iter().copied().sum::<Option<Duration>>());
    let talk_pace = planned_before
        .zip(slide_budget)
        .map(|(before, budget)| Pace::of(total, before + on_slide.min(budget)));
    let slide_pace = slide_budget.map(|b| {
        if on_slide > b {
            Pace::Behind(on_slide.saturating_sub(b))
        } else {
            Pace::OnTime
        }
    });
    Standing {
        on_slide,
        slide_budget,
        slide_pace,
        in_part,
        talk_pace,
        total,
    }
}

/// `M:SS`, or `H:MM:SS` from an hour.
pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    const DECK: &str = r#"Deck(title: "T", span: "1953", parts: [
        Part(id: "a", title: "A", slides: [
            Slide(title: "fixed", date: "1953", notes: "n", duration: "2m"),
            Slide(title: "short", date: "1953", notes: "n"),
            Slide(title: "long", date: "1953", notes: "n", body: [Text("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three")]),
        ]),
        Part(id: "b", title: "B", slides: [
            Slide(title: "last", date: "1953", notes: "n"),
        ]),
    ])"#;

    fn deck() -> Deck {
        parse_deck("t.ron", DECK.as_bytes()).unwrap().deck
    }

    fn secs(s: u64) -> Duration {
        Duration::from_secs(s)
    }

    #[test]
    fn a_target_the_fixed_durations_squeeze_is_named_with_its_figures() {
        // 2 min fixed; three other slides need 60 s between them to get 20 s each.
        assert_eq!(squeeze(&deck(), secs(180)), None, "60 s left: 20 s each");
        let tight = squeeze(&deck(), secs(179)).expect("59 s left for three slides");
        assert_eq!(
            tight,
            Squeeze {
                target: secs(179),
                fixed: (1, secs(120)),
                others: 3,
                each: 19,
            }
        );
        assert_eq!(
            tight.message("the deck's `duration`"),
            "1 slide with a fixed `duration` (2:00) leaves the other 3 slides 19 s each of the \
             2:59 target (the deck's `duration`); each should have at least 20 s"
        );
        assert_eq!(
            tight.short(),
            "tight budget: 3 slides get 19 s each of 2:59 (floor 20 s)"
        );
        // A target shorter than the fixed durations leaves nothing.
        assert_eq!(squeeze(&deck(), secs(60)).map(|s| s.each), Some(0));
        // Without fixed durations, the target alone is too short.
        let alone = Squeeze {
            fixed: (0, secs(0)),
            ..tight
        };
        assert_eq!(
            alone.message("--target"),
            "the 2:59 target (--target) gives the 3 slides 19 s each; each should have at least \
             20 s"
        );
    }

    #[test]
    fn every_slide_fixed_leaves_no_one_squeezed() {
        let deck = parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953", parts: [Part(id: "a", title: "A", slides: [
                Slide(title: "a", notes: "n", duration: "2m"),
            ])])"#,
        )
        .unwrap()
        .deck;
        assert_eq!(squeeze(&deck, secs(10)), None);
    }

    #[test]
    fn budgets_keep_deck_durations_and_share_the_rest_by_content() {
        let b = budgets(&deck(), Some(secs(600)));
        // 600 - 120 = 480 s shared by weight: short 12, long 24, last 12 (the floor is 12).
        assert_eq!(
            b,
            vec![
                Some(secs(120)),
                Some(secs(120)),
                Some(secs(240)),
                Some(secs(120))
            ]
        );
        assert_eq!(b.iter().flatten().sum::<Duration>(), secs(600));
        let none = budgets(&deck(), None);
        assert_eq!(none, vec![Some(secs(120)), None, None, None]);
    }

    #[test]
    fn a_target_smaller_than_the_fixed_durations_leaves_nothing_for_the_rest() {
        let b = budgets(&deck(), Some(secs(60)));
        assert_eq!(
            b,
            vec![Some(secs(120)), Some(secs(0)), Some(secs(0)), Some(secs(0))]
        );
    }

    #[test]
    fn standing_compares_with_the_plan_up_to_here() {
        let d = deck();
        let b = budgets(&d, Some(secs(600)));
        // 2:10 on the first slide (budget 2:00), 1:00 so far on the second (budget 2:00).
        let s = standing(&d, &b, &[secs(130), secs(60), secs(0), secs(0)], 1);
        assert_eq!(s.on_slide, secs(60));
        assert_eq!(s.slide_pace, Some(Pace::OnTime));
        assert_eq!(s.total, secs(190));
        // Planned: 120 + 60 = 180; spent 190: within the slack.
        assert_eq!(s.talk_pace, Some(Pace::OnTime));
        assert_eq!(s.in_part, secs(190));
        // 3:30 on the second slide: the slide is 1:30 over, the talk 1:40 behind.
        let s = standing(&d, &b, &[secs(130), secs(210), secs(0), secs(0)], 1);
        assert_eq!(s.slide_pace, Some(Pace::Behind(secs(90))));
        assert_eq!(s.talk_pace, Some(Pace::Behind(secs(100))));
        assert_eq!(s.talk_pace.unwrap().describe(), "1:40 behind");
        // Rushing: on the last slide after 3 minutes in all, with 8 planned before it.
        let s = standing(&d, &b, &[secs(60), secs(60), secs(60), secs(0)], 3);
        assert_eq!(s.talk_pace, Some(Pace::Ahead(secs(300))));
        assert_eq!(s.in_part, secs(0), "a new part starts its own count");
    }

    #[test]
    fn without_budgets_there_is_no_pace() {
        let d = deck();
        let b = budgets(&d, None);
        let s = standing(&d, &b, &[secs(10), secs(5), secs(0), secs(0)], 1);
        assert_eq!((s.slide_pace, s.talk_pace), (None, None));
    }

    #[test]
    fn clock_format() {
        assert_eq!(clock(secs(80)), "1:20");
        assert_eq!(clock(secs(3725)), "1:02:05");
    }
}
