//! Rehearsal arithmetic, pure: how a talk's time budget is shared among its slides, and how far
//! ahead or behind a speaker is. Time comes in as data; nothing here reads a clock.

use std::time::Duration;

use crate::deck::{Block, Bullet, Deck, Seconds, Slide};

/// Within this many seconds of the plan counts as on time.
const ON_TIME_SLACK: u64 = 15;

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
    let mut n = words(slide.title.as_str());
    let add_blocks = |blocks: &[Block], n: &mut usize| {
        for b in blocks {
            *n += block_words(b);
        }
    };
    add_blocks(&slide.body, &mut n);
    u64::try_from(n.max(12)).unwrap_or(12)
}

fn block_words(block: &Block) -> usize {
    let words = |t: &str| t.split_whitespace().count();
    match block {
        Block::Text(t) => words(t.as_str()),
        Block::Bullets(items) => items
            .iter()
            .map(|Bullet { text, children }| {
                words(text.as_str()) + children.iter().map(|c| words(c.as_str())).sum::<usize>()
            })
            .sum(),
        Block::Quote { text, by } => {
            words(text.as_str()) + by.as_ref().map_or(0, |b| words(b.as_str()))
        }
        // A document is shown, not read out: count a fraction of it.
        Block::Excerpt { text, .. } => words(text.as_str()) / 4,
        Block::Columns { left, right } => left.iter().chain(right).map(block_words).sum(),
        // A picture or a map is talked about: as much time as a short paragraph.
        Block::Image { caption, .. } => 20 + caption.as_ref().map_or(0, |c| words(c.as_str())),
        Block::Map { places } => 10 + 5 * places.len(),
        // Figures are read, not every cell aloud.
        Block::Table { header, rows } => {
            let cells: usize = rows.iter().flatten().map(|c| words(c.as_str())).sum();
            header.len() + cells / 2
        }
        Block::Pause => 0,
    }
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
