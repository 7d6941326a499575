//! Times of day: `10:45` as a [`TimeOfDay`], read from a deck's `class: "until 10:45"` or the
//! command line's `--until 10:45`, and the arithmetic a class clock needs (a time so long
//! later, how far a time is ahead or behind). A plain value; nothing here reads a clock.

use std::fmt;
use std::time::Duration;

/// Seconds in a day.
const DAY: u32 = 24 * 3600;

/// A time of the day is taken to be the next one on the clock unless that is more than this
/// far away: a class that ends at 10:45, started at 10:50, is five minutes over, not 23 hours
/// and 55 minutes from its end.
const AHEAD_AT_MOST: u32 = 12 * 3600;

/// A local time of day, to the second: what the wall clock reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u32);

impl TimeOfDay {
    /// `h:m:s`, each taken modulo its unit's range (25:00 is 01:00).
    pub fn hms(h: u32, m: u32, s: u32) -> TimeOfDay {
        TimeOfDay((h % 24 * 3600 + m % 60 * 60 + s % 60) % DAY)
    }

    /// `h:m:00`.
    pub fn hm(h: u32, m: u32) -> TimeOfDay {
        TimeOfDay::hms(h, m, 0)
    }

    /// Seconds since midnight.
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// Reads `10:45` or `9:05` (a 24-hour clock; the minutes always in two digits).
    pub fn parse(text: &str) -> Result<TimeOfDay, String> {
        let bad = || format!("`{text}` is not a time of day; write it like `10:45` or `14:05`");
        let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
        let number = |s: &str, len: std::ops::RangeInclusive<usize>, max: u32| {
            (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u32>().ok())
                .flatten()
                .filter(|&n| n <= max)
        };
        match (number(h, 1..=2, 23), number(m, 2..=2, 59)) {
            (Some(h), Some(m)) => Ok(TimeOfDay::hm(h, m)),
            _ => Err(bad()),
        }
    }

    /// `10:52`.
    pub fn hh_mm(self) -> String {
        format!("{:02}:{:02}", self.0 / 3600, self.0 / 60 % 60)
    }

    /// The time of day `d` later (past midnight it goes round).
    #[must_use]
    pub fn plus(self, d: Duration) -> TimeOfDay {
        let extra = u32::try_from(d.as_secs() % u64::from(DAY)).unwrap_or(0);
        TimeOfDay((self.0 + extra) % DAY)
    }

    /// How far `self` is from `now` on the clock: ahead (`Ok`) when it comes within the next
    /// twelve hours, else already past (`Err`, how long ago).
    pub fn from(self, now: TimeOfDay) -> Result<Duration, Duration> {
        let ahead = (self.0 + DAY - now.0) % DAY;
        if ahead <= AHEAD_AT_MOST {
            Ok(Duration::from_secs(u64::from(ahead)))
        } else {
            Err(Duration::from_secs(u64::from(DAY - ahead)))
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.hh_mm())
    }
}

#[cfg(test)]
mod tests {
    use rstest::rstest;

    use super::*;

    #[rstest]
    #[case("10:45", 10, 45)]
    #[case("9:05", 9, 5)]
    #[case(" 00:00 ", 0, 0)]
    #[case("23:59", 23, 59)]
    fn times_of_day(#[case] text: &str, #[case] h: u32, #[case] m: u32) {
        assert_eq!(TimeOfDay::parse(text), Ok(TimeOfDay::hm(h, m)));
    }

    #[rstest]
    #[case("24:00")]
    #[case("10:60")]
    #[case("10:5")]
    #[case("10")]
    #[case("10h45")]
    #[case("-1:00")]
    #[case("10:45pm")]
    #[case("")]
    fn not_times_of_day(#[case] text: &str) {
        let e = TimeOfDay::parse(text).unwrap_err();
        assert!(e.contains("is not a time of day"), "{e}");
    }

    #[test]
    fn clock_arithmetic_goes_round_midnight() {
        let t = TimeOfDay::hms(23, 50, 30);
        assert_eq!(t.hh_mm(), "23:50");
        assert_eq!(t.plus(Duration::from_secs(10 * 60)).hh_mm(), "00:00");
        assert_eq!(
            t.plus(Duration::from_secs(3 * 86_400 + 60)).hh_mm(),
            "23:51"
        );
        // 10:45 seen at 10:23:10: 21 min 50 s ahead; seen at 10:50, five minutes past.
        let end = TimeOfDay::hm(10, 45);
        assert_eq!(
            end.from(TimeOfDay::hms(10, 23, 10)),
            Ok(Duration::from_secs(21 * 60 + 50))
        );
        assert_eq!(
            end.from(TimeOfDay::hm(10, 50)),
            Err(Duration::from_secs(5 * 60))
        );
        // Across midnight, and at exactly twelve hours either way.
        assert_eq!(
            TimeOfDay::hm(0, 15).from(TimeOfDay::hm(23, 30)),
            Ok(Duration::from_secs(45 * 60))
        );
        assert_eq!(
            TimeOfDay::hm(22, 0).from(TimeOfDay::hm(10, 0)),
            Ok(Duration::from_secs(12 * 3600))
        );
        assert_eq!(
            TimeOfDay::hm(21, 59).from(TimeOfDay::hm(10, 0)),
            Ok(Duration::from_secs(11 * 3600 + 59 * 60))
        );
        assert_eq!(
            TimeOfDay::hm(22, 1).from(TimeOfDay::hm(10, 0)),
            Err(Duration::from_secs(11 * 3600 + 59 * 60))
        );
    }
}
