//! The live timeline sidebar: a vertical time axis over the deck's span, a marker per row of
//! slides (grouped when they share a row), the milestones always labelled, the current slide
//! highlighted with its span as a bar, visited slides dimmed, and slides outside the span as
//! arrows at the top or bottom edge. The group holding the current slide (or the date prompt's
//! preview) is listed slide by slide beneath its row, so dense weeks stay readable.
//!
//! `rows` is pure: the screen draws its lines, the mouse handler asks which slide a clicked row
//! points at, and [`Memo`] keeps them until what they depend on changes.

use jiff::civil::Date as CivilDate;

use super::styled::{Line, Role, Run};
use crate::deck::{DayRange, Deck, Slide};
use crate::text::{truncate, width as text_width};

/// Where the presenter is, as the sidebar shows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Position {
    /// The slide on screen.
    pub current: usize,
    /// Which slides have been on screen.
    pub visited: Vec<bool>,
    /// Where the date prompt would land, while it is open.
    pub preview: Option<usize>,
}

/// One drawn row of the sidebar and the slide a click on it goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimelineRow {
    /// What to draw.
    pub line: Line,
    /// Where a click lands.
    pub target: Option<usize>,
}

/// Most slides listed under an expanded group.
const MAX_EXPANDED: usize = 9;

/// Columns before a row's label: year (4), space, span bar, axis, space, marker, space.
const LABEL_COLUMN: usize = 10;

/// Columns before a label in an expanded group's list.
const EXPANDED_COLUMN: usize = 12;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn month_abbr(date: CivilDate) -> &'static str {
    MONTHS[usize::try_from(date.month() - 1).unwrap_or(0).min(11)]
}

/// `4 Mar`, `Mar` for a whole month, `1953` for a whole year, else the first day.
fn short_date(range: DayRange) -> String {
    let f = range.first;
    let whole_month = f.day() == 1 && range.last == f.last_of_month();
    let whole_year =
        f.month() == 1 && f.day() == 1 && range.last.month() == 12 && range.last.day() == 31;
    if whole_year {
        format!("{}", f.year())
    } else if whole_month {
        month_abbr(f).to_owned()
    } else {
        format!("{} {}", f.day(), month_abbr(f))
    }
}

/// Where a slide sits relative to the deck's span.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Before,
    Inside,
    After,
}

/// What the sidebar needs to know while it builds its rows.
struct Sidebar<'a> {
    at: &'a Position,
    slides: Vec<&'a Slide>,
    span: DayRange,
    /// The slide whose neighbourhood is shown: the date prompt's choice, else the current one.
    focus: usize,
    /// The date prompt's choice, while it is open.
    preview: Option<usize>,
    width: usize,
}

impl Sidebar<'_> {
    fn place(&self, i: usize) -> Place {
        let d = self.slides[i].date.range;
        if d.last < self.span.first {
            Place::Before
        } else if d.first > self.span.last {
            Place::After
        } else {
            Place::Inside
        }
    }

    fn all_visited(&self, group: &[usize]) -> bool {
        group
            .iter()
            .all(|&i| self.at.visited.get(i).copied().unwrap_or(false))
    }

    fn is_focus_group(&self, group: &[usize]) -> bool {
        group.contains(&self.at.current) || self.preview.is_some_and(|p| group.contains(&p))
    }

    /// `◉` here, `◎` where the date prompt would land, `●` seen, `○` still to come.
    fn marker(&self, group: &[usize]) -> Run {
        let (symbol, role) = if group.contains(&self.at.current) {
            ('◉', Role::Accent)
        } else if self.preview.is_some_and(|p| group.contains(&p)) {
            ('◎', Role::Accent)
        } else if self.all_visited(group) {
            ('●', Role::Secondary)
        } else {
            ('○', Role::Body)
        };
        Run::new(symbol.to_string(), role)
    }

    fn label_style(&self, group: &[usize]) -> Role {
        if self.is_focus_group(group) {
            Role::Accent
        } else if self.all_visited(group) {
            Role::Secondary
        } else {
            Role::Body
        }
    }

    /// The slide a group's label and click stand for.
    fn representative(&self, group: &[usize]) -> usize {
        if group.contains(&self.focus) {
            self.focus
        } else {
            group[0]
        }
    }

    /// `4 Mar  Title +2`: the count stays visible however short the title gets; the year is
    /// added when the row's own year label would say otherwise.
    fn group_label(&self, group: &[usize], with_year: bool) -> String {
        let s = self.slides[self.representative(group)];
        let mut date = short_date(s.date.range);
        let year = s.date.range.first.year().to_string();
        if with_year && !date.contains(&year) {
            date = format!("{date} {year}");
        }
        let more = if group.len() > 1 {
            format!(" +{}", group.len() - 1)
        } else {
            String::new()
        };
        let room = self.width.saturating_sub(LABEL_COLUMN);
        let title_room = room.saturating_sub(text_width(&date) + 2 + more.len());
        // A title squeezed to a few letters says nothing; leave it out.
        let label = if title_room < 6 {
            format!("{date}{more}")
        } else {
            format!("{date}  {}{more}", truncate(s.title.as_str(), title_room))
        };
        truncate(&label, room)
    }

    /// Slides outside the span, one group per starting year, merged into one line when there
    /// are more years than `budget` lines.
    fn edge_groups(&self, which: Place, budget: usize) -> Vec<Vec<usize>> {
        let mut groups: Vec<(i16, Vec<usize>)> = Vec::new();
        for i in (0..self.slides.len()).filter(|&i| self.place(i) == which) {
            let year = self.slides[i].date.range.first.year();
            match groups.iter_mut().find(|(y, _)| *y == year) {
                Some((_, g)) => g.push(i),
                None => groups.push((year, vec![i])),
            }
        }
        groups.sort_by_key(|(y, _)| *y);
        let groups: Vec<Vec<usize>> = groups.into_iter().map(|(_, g)| g).collect();
        if groups.len() > budget {
            vec![groups.into_iter().flatten().collect()]
        } else {
            groups
        }
    }

    fn edge_line(&self, group: &[usize], arrow: char) -> TimelineRow {
        let year = self.slides[group[0]].date.range.first.year();
        let last_year = group
            .iter()
            .map(|&i| self.slides[i].date.range.first.year())
            .max()
            .unwrap_or(year);
        let text = if group.len() > 2 && !group.contains(&self.focus) {
            if last_year == year {
                format!("{} slides", group.len())
            } else {
                format!("{} slides, {year}–{last_year}", group.len())
            }
        } else {
            self.group_label(group, last_year != year)
        };
        TimelineRow {
            line: Line {
                runs: vec![
                    Run::new(format!("{year:>4} "), Role::Secondary),
                    Run::new(" ", Role::Body),
                    Run::new(arrow.to_string(), Role::Secondary),
                    Run::new(" ", Role::Body),
                    self.marker(group),
                    Run::new(" ", Role::Body),
                    Run::new(text, self.label_style(group)),
                ],
            },
            target: Some(self.representative(group)),
        }
    }

    /// One row of the axis: year label, span bar, axis, and the row's marker and label (or a
    /// month name on an empty row).
    fn axis_line(
        &self,
        group: &[usize],
        year_label: Option<i16>,
        month_label: Option<CivilDate>,
        on_bar: bool,
        expanded_here: bool,
    ) -> TimelineRow {
        let axis_char = match (year_label.is_some(), group.is_empty()) {
            (true, _) => "┼",
            (false, true) => "│",
            (false, false) => "├",
        };
        let mut spans = vec![
            Run::new(
                year_label.map_or("    ".to_owned(), |y| format!("{y:>4}")),
                Role::Secondary,
            ),
            Run::new(" ", Role::Body),
            Run::new(if on_bar { "┃" } else { " " }, Role::Accent),
            Run::new(axis_char, Role::Faint),
            Run::new(" ", Role::Body),
        ];
        if group.is_empty() {
            if let Some(d) = month_label {
                spans.push(Run::new(format!("  {}", month_abbr(d)), Role::Faint));
            }
            return TimelineRow {
                line: Line { runs: spans },
                target: None,
            };
        }
        let label = if expanded_here {
            let first = group.iter().map(|&i| self.slides[i].date.range.first).min();
            let last = group.iter().map(|&i| self.slides[i].date.range.last).max();
            let when = first.zip(last).map_or(String::new(), |(first, last)| {
                crate::deck::date::human_range(&DayRange { first, last })
            });
            truncate(
                &format!("{} slides · {when}", group.len()),
                self.width.saturating_sub(LABEL_COLUMN),
            )
        } else {
            let other_year = year_label.is_some_and(|y| {
                group
                    .iter()
                    .any(|&i| self.slides[i].date.range.first.year() != y)
            });
            self.group_label(group, other_year)
        };
        spans.push(self.marker(group));
        spans.push(Run::new(" ", Role::Body));
        spans.push(Run::new(label, self.label_style(group)));
        TimelineRow {
            line: Line { runs: spans },
            target: Some(self.representative(group)),
        }
    }

    /// Too short for an axis: where we are, in one line.
    fn where_line(&self) -> TimelineRow {
        let current = self.at.current;
        TimelineRow {
            line: Line::of(
                truncate(
                    &format!("◉ {}", self.slides[current].date.human()),
                    self.width,
                ),
                Role::Accent,
            ),
            target: Some(current),
        }
    }

    fn milestone_line(&self, range: DayRange, label: &str, on_bar: bool) -> TimelineRow {
        let text = format!("{} {}  {label}", short_date(range), range.first.year());
        TimelineRow {
            line: Line {
                runs: vec![
                    Run::new("     ", Role::Body),
                    Run::new(if on_bar { "┃" } else { " " }, Role::Accent),
                    Run::new("★", Role::Milestone),
                    Run::new(" ", Role::Body),
                    Run::new(
                        truncate(&text, self.width.saturating_sub(8)),
                        Role::Milestone,
                    ),
                ],
            },
            target: None,
        }
    }

    /// The slides of the focused group, by date, one line each.
    fn expanded_lines(&self, group: &[usize], lines: usize, on_bar: bool) -> Vec<TimelineRow> {
        let mut group = group.to_vec();
        group.sort_by_key(|&i| (self.slides[i].date.range.first, i));
        // Keep the focus in view when the group is longer than the lines we have, and say how
        // many are not listed.
        let listed = if group.len() > lines {
            lines.saturating_sub(1)
        } else {
            lines
        };
        let pos = group.iter().position(|&i| i == self.focus).unwrap_or(0);
        let start = pos
            .saturating_sub(listed / 2)
            .min(group.len().saturating_sub(listed));
        let lead = |on_bar: bool| {
            vec![
                Run::new("     ", Role::Body),
                Run::new(if on_bar { "┃" } else { " " }, Role::Accent),
                Run::new("┆", Role::Faint),
                Run::new("   ", Role::Body),
            ]
        };
        let mut out: Vec<TimelineRow> = group
            .iter()
            .skip(start)
            .take(listed)
            .map(|&i| {
                let style = if i == self.focus {
                    Role::Accent
                } else {
                    self.label_style(&[i])
                };
                let label = format!(
                    "{:<6} {}",
                    short_date(self.slides[i].date.range),
                    self.slides[i].title
                );
                let mut spans = lead(on_bar);
                spans.push(self.marker(&[i]));
                spans.push(Run::new(" ", Role::Body));
                spans.push(Run::new(
                    truncate(&label, self.width.saturating_sub(EXPANDED_COLUMN)),
                    style,
                ));
                TimelineRow {
                    line: Line { runs: spans },
                    target: Some(i),
                }
            })
            .collect();
        let hidden = group.len() - out.len();
        if hidden > 0 {
            let mut spans = lead(on_bar);
            spans.push(Run::new(format!("  +{hidden} more"), Role::Secondary));
            let target = group.get(start + listed).or(group.first()).copied();
            out.push(TimelineRow {
                line: Line { runs: spans },
                target,
            });
        }
        out
    }
}

/// The rows of the sidebar of `deck` at position `at`, for a `width` by `height` area.
pub fn rows(deck: &Deck, at: &Position, width: u16, height: u16) -> Vec<TimelineRow> {
    let height = usize::from(height);
    let width = usize::from(width);
    if height == 0 || width < 12 || deck.slide(at.current).is_none() {
        return Vec::new();
    }
    let preview = at.preview;
    let bar = Sidebar {
        at,
        slides: deck.slides().collect(),
        span: deck.span.range,
        focus: preview.unwrap_or(at.current),
        preview,
        width,
    };
    let span = bar.span;
    let edge_budget = (height / 6).max(1);
    let before = bar.edge_groups(Place::Before, edge_budget);
    let after = bar.edge_groups(Place::After, edge_budget);
    let milestones: Vec<(DayRange, &str)> = (deck.milestones.iter())
        .filter(|m| m.date.range.overlaps(&span))
        .map(|m| (m.date.range, m.label.as_str()))
        .collect();
    let inside: Vec<usize> = (0..bar.slides.len())
        .filter(|&i| bar.place(i) == Place::Inside)
        .collect();
    let axis = Axis::new(span, inside.iter().map(|&i| bar.slides[i].date.range.first));
    let row_of = |i: usize, rows: usize| axis.row(bar.slides[i].date.range.first, rows);
    // The slides sharing the focused slide's row on an axis of `rows` rows.
    let focus_group = |rows: usize| -> Vec<usize> {
        let Some(r) = (bar.place(bar.focus) == Place::Inside).then(|| row_of(bar.focus, rows))
        else {
            return Vec::new();
        };
        inside
            .iter()
            .copied()
            .filter(|&i| row_of(i, rows) == r)
            .collect()
    };

    // Rows for the axis itself, after the edges, the milestones and the expanded group.
    let fixed = before.len() + after.len() + milestones.len();
    let (expanded, axis_rows) = plan_rows(height, fixed, |rows| focus_group(rows).len());
    if axis_rows < 2 {
        return vec![bar.where_line()];
    }
    let focus_group = focus_group(axis_rows);
    // Each slide's row on the final axis, worked out once rather than once per row.
    let slide_rows: Vec<(usize, usize)> =
        inside.iter().map(|&i| (i, row_of(i, axis_rows))).collect();

    let month_starts = axis.month_starts(span, axis_rows);
    // The current slide's extent as a bar beside the axis.
    let current_bar = axis.bar(bar.slides[at.current].extent(), span, axis_rows);

    let mut out: Vec<TimelineRow> = before.iter().map(|g| bar.edge_line(g, '▲')).collect();
    let mut last_label_row: Option<usize> = None;
    for r in 0..axis_rows {
        let group: Vec<usize> = slide_rows
            .iter()
            .filter(|(_, row)| *row == r)
            .map(|(i, _)| *i)
            .collect();
        let starts: Vec<CivilDate> = month_starts
            .iter()
            .filter(|(row, _)| *row == r)
            .map(|(_, d)| *d)
            .collect();
        let year_label = starts
            .iter()
            .find(|d| d.month() == 1 || **d == span.first)
            .map(|d| d.year());
        let on_bar = current_bar.is_some_and(|(a, b)| (a..=b).contains(&r));
        let expanded_here = expanded > 0 && !group.is_empty() && group == focus_group;
        let month_label = starts
            .last()
            .filter(|_| group.is_empty() && last_label_row.is_none_or(|m| r >= m + 2))
            .copied();
        if month_label.is_some() || !group.is_empty() {
            last_label_row = Some(r);
        }
        out.push(bar.axis_line(&group, year_label, month_label, on_bar, expanded_here));
        if expanded_here {
            out.extend(bar.expanded_lines(&group, expanded, on_bar));
        }
        for (range, label) in &milestones {
            if axis.row(range.first, axis_rows) == r {
                out.push(bar.milestone_line(*range, label, on_bar));
            }
        }
    }
    out.extend(after.iter().map(|g| bar.edge_line(g, '▼')));
    out.truncate(height);
    out
}

/// How many lines the expanded group gets and how many rows are left for the axis, given the
/// height, the lines already spoken for, and the focused group's size at a given axis height.
fn plan_rows(height: usize, fixed: usize, group_size: impl Fn(usize) -> usize) -> (usize, usize) {
    let axis_rows_for = |expanded: usize| height.saturating_sub(fixed + expanded);
    let lines_for = |size: usize| if size > 1 { size.min(MAX_EXPANDED) } else { 0 };
    // Fewer axis rows can merge more slides into the focused group: settle in a few rounds
    // (the list says "+N more" for any it still cannot show).
    let mut expanded = lines_for(group_size(axis_rows_for(0)));
    for _ in 0..3 {
        let next = lines_for(group_size(axis_rows_for(expanded)));
        if next <= expanded {
            break;
        }
        expanded = next;
    }
    if axis_rows_for(expanded) < 4 {
        (0, axis_rows_for(0))
    } else {
        (expanded, axis_rows_for(expanded))
    }
}

/// The time axis: half of the rows are shared out in proportion to time, half in proportion to
/// the slides dated there, so the dense weeks (nine slides between 28 February and 5 March 1953,
/// a score in February 1956) open up while the empty years stay short. The mapping is monotonic
/// and does not move as the presenter advances, so order and year labels are always right.
struct Axis {
    /// First day of the span.
    start: CivilDate,
    /// Days in the span.
    days: f64,
    /// Day offsets of the slides' dates inside the span, sorted.
    events: Vec<f64>,
}

// Day counts and row numbers are far below 2^52, so the float conversions are exact.
#[allow(
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss
)]
impl Axis {
    /// Share of the rows that follows the slides rather than the calendar.
    const EVENT_SHARE: f64 = 0.5;

    fn new(span: DayRange, dates: impl Iterator<Item = CivilDate>) -> Axis {
        let mut events: Vec<f64> = dates.map(|d| Self::offset(span.first, d)).collect();
        events.sort_by(f64::total_cmp);
        Axis {
            start: span.first,
            days: span.days() as f64,
            events,
        }
    }

    fn offset(start: CivilDate, date: CivilDate) -> f64 {
        DayRange {
            first: start,
            last: date.max(start),
        }
        .days() as f64
            - 1.0
    }

    /// The share of the axis (0..=1) before day offset `x`; each slide's weight is spread
    /// over its day.
    fn share(&self, x: f64) -> f64 {
        let time = x / self.days;
        if self.events.is_empty() {
            return time;
        }
        let before: f64 = self.events.iter().map(|&e| (x - e).clamp(0.0, 1.0)).sum();
        let events = before / self.events.len() as f64;
        (1.0 - Self::EVENT_SHARE) * time + Self::EVENT_SHARE * events
    }

    /// The first and last rows of `extent`, clipped to the span, if it touches the span.
    fn bar(&self, extent: DayRange, span: DayRange, rows: usize) -> Option<(usize, usize)> {
        extent.overlaps(&span).then(|| {
            (
                self.row(extent.first.max(span.first), rows),
                self.row(extent.last.min(span.last), rows),
            )
        })
    }

    /// (row, first day) for every month of the span, for year and month labels.
    fn month_starts(&self, span: DayRange, rows: usize) -> Vec<(usize, CivilDate)> {
        let mut out = Vec::new();
        let mut day = span.first;
        while day <= span.last {
            out.push((self.row(day, rows), day));
            match day.last_of_month().tomorrow() {
                Ok(next) => day = next,
                Err(_) => break,
            }
        }
        out
    }

    fn row(&self, date: CivilDate, rows: usize) -> usize {
        // The middle of the day, so a slide sits on the row its own weight spans.
        let x = Self::offset(self.start, date) + 0.5;
        let r = (self.share(x) * rows as f64).floor().max(0.0);
        (r as usize).min(rows.saturating_sub(1))
    }
}

/// The sidebar's rows, kept until the deck, the position or the size changes: they are
/// worked out once for a frame and shared by the screen and the mouse.
#[derive(Debug, Default)]
pub struct Memo {
    key: Option<(u64, Position, u16, u16)>,
    rows: Vec<TimelineRow>,
}

impl Memo {
    /// The rows for `deck` (whose fingerprint is `deck_id`) at `at` in a `width` by `height`
    /// area, worked out again only when one of those changed.
    pub fn rows(
        &mut self,
        deck: &Deck,
        deck_id: u64,
        at: &Position,
        width: u16,
        height: u16,
    ) -> &[TimelineRow] {
        let fresh = self.key.as_ref().is_some_and(|(id, pos, w, h)| {
            *id == deck_id && pos == at && *w == width && *h == height
        });
        if !fresh {
            self.rows = rows(deck, at, width, height);
            self.key = Some((deck_id, at.clone(), width, height));
        }
        &self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::DeckDate;

    #[test]
    fn axis_is_monotonic_and_opens_up_dense_weeks() {
        let span = DeckDate::parse("1952/1956").unwrap().range;
        let dense = [
            "1953-02-28",
            "1953-03-01",
            "1953-03-02",
            "1953-03-04",
            "1953-03-05",
        ];
        let dates: Vec<CivilDate> = dense
            .iter()
            .map(|d| DeckDate::parse(d).unwrap().range.first)
            .collect();
        let axis = Axis::new(span, dates.iter().copied());
        let rows: Vec<usize> = dates.iter().map(|d| axis.row(*d, 30)).collect();
        assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{rows:?}");
        // Five slides in six days spread over more than one row of thirty for five years.
        assert!(rows[4] - rows[0] >= 3, "{rows:?}");
        let start = axis.row(span.first, 30);
        let end = axis.row(span.last, 30);
        assert_eq!((start, end), (0, 29));
    }
}
