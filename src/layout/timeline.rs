//! The live timeline sidebar: a vertical time axis over the deck's span, a marker per row of
//! slides (grouped when they share a row), the milestones always labelled, the current slide
//! highlighted with its span as a bar, visited slides dimmed, and slides outside the span as
//! arrows at the top or bottom edge. The group holding the current slide (or the date prompt's
//! preview) is listed slide by slide beneath its row, so dense weeks stay readable. A slide
//! reads as it shows its date: its `date_label` when it has one, else the date's start.
//!
//! A slide without a date stands nowhere: no row, no edge, no bar, as no date jump lands on
//! it (`deck/timeline.rs`). Borrowing a neighbour's date would put the title slide beside the
//! first event and label it with a date it does not have. While one is on screen nothing is
//! marked `◉`; the visited marks still show how far the talk has come.
//!
//! `rows` is pure: the screen draws its lines, the mouse handler asks which slide a clicked row
//! points at, and [`Memo`] keeps them until what they depend on changes.

use jiff::civil::Date as CivilDate;

use super::styled::{Line, Role, Run};
use crate::deck::date::{strip_circa, year_text, years_text};
use crate::deck::{DayRange, Deck, DeckDate, Slide};
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

/// Columns before a row's label, after the year: space, span bar, axis, space, marker, space.
const LABEL_AFTER_YEAR: usize = 6;

/// Columns before a label in an expanded group's list, after the year.
const EXPANDED_AFTER_YEAR: usize = 8;

/// The year column's least width: four digits, as most decks' years have.
const YEAR_COLUMN: usize = 4;

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
        year_text(f.year())
    } else if whole_month {
        month_abbr(f).to_owned()
    } else {
        format!("{} {}", f.day(), month_abbr(f))
    }
}

/// How a date reads on the sidebar: as precisely as the deck wrote its start, so that
/// `1953-03/1953-06` reads `Mar` (a month), `1953/1956` reads `1953`, and `1953-03-01/1953-03-04`
/// reads `1 Mar`. The days a date covers cannot tell these apart: March to June begins on 1
/// March as surely as a day does. A start of several years (`1960s`, `20th century`) reads as
/// written, and a circa start keeps its `c.`: the sidebar does not make a date look surer or
/// narrower than the deck does.
fn start_label(date: &DeckDate) -> String {
    let written = date.written.split('/').next().unwrap_or_default().trim();
    let (start, circa) = date.start();
    let label = if start.first.year() == start.last.year() {
        short_date(start)
    } else {
        let (_, plain) = strip_circa(written);
        return if circa {
            format!("c. {plain}")
        } else {
            plain.to_owned()
        };
    };
    if circa { format!("c. {label}") } else { label }
}

/// The days a slide's date covers. Only dated slides stand on a row or an edge, so the
/// stand-in for an undated one is never drawn.
fn days(slide: &Slide) -> DayRange {
    slide.range().unwrap_or(DayRange {
        first: CivilDate::MIN,
        last: CivilDate::MIN,
    })
}

/// How a slide's date reads on the sidebar: its `date_label` when it has one, else the start's
/// label (with its year when `with_year`); empty for an undated slide, which is never listed.
fn date_text(slide: &Slide, with_year: bool) -> String {
    match (&slide.date_label, &slide.date) {
        (Some(label), _) if !label.as_str().trim().is_empty() => label.as_str().to_owned(),
        (_, Some(date)) if with_year => start_label_with_year(date),
        (_, Some(date)) => start_label(date),
        (_, None) => String::new(),
    }
}

/// `5 Mar 1953`, `Mar 1953`, `1953`: the start's label with the year, once.
fn start_label_with_year(date: &DeckDate) -> String {
    let label = start_label(date);
    let year = year_text(date.range.first.year());
    if label.contains(&year) {
        label
    } else {
        format!("{label} {year}")
    }
}

/// A milestone: its date and its label.
type Landmark<'a> = (&'a DeckDate, &'a str);

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
    /// Columns of the year labels: four, or as many as the widest (`44 BC`) needs.
    year_w: usize,
}

impl Sidebar<'_> {
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

    /// Columns left for a row's label after its year, bar, axis and marker.
    fn label_room(&self) -> usize {
        self.width.saturating_sub(self.year_w + LABEL_AFTER_YEAR)
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
        let date = date_text(s, with_year);
        let more = if group.len() > 1 {
            format!(" +{}", group.len() - 1)
        } else {
            String::new()
        };
        let room = self.label_room();
        let title_room = room.saturating_sub(text_width(&date) + 2 + more.len());
        // A title squeezed to a few letters says nothing; leave it out.
        let label = if title_room < 6 {
            format!("{date}{more}")
        } else {
            format!("{date}  {}{more}", truncate(s.title.as_str(), title_room))
        };
        truncate(&label, room)
    }

    fn edge_line(&self, group: &[usize], arrow: char) -> TimelineRow {
        let year = days(self.slides[group[0]]).first.year();
        let last_year = group
            .iter()
            .map(|&i| days(self.slides[i]).first.year())
            .max()
            .unwrap_or(year);
        let text = if group.len() > 2 && !group.contains(&self.focus) {
            if last_year == year {
                format!("{} slides", group.len())
            } else {
                // The years whole or not at all: `1936–19…` would read as a year.
                let room = self.label_room();
                let text = format!("{} slides, {}", group.len(), years_text(year, last_year));
                if text_width(&text) <= room {
                    text
                } else {
                    truncate(&format!("{} slides", group.len()), room)
                }
            }
        } else {
            self.group_label(group, last_year != year)
        };
        let w = self.year_w;
        TimelineRow {
            line: Line {
                runs: vec![
                    Run::new(format!("{:>w$} ", year_text(year)), Role::Secondary),
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
    /// month name on an empty row). `years` is the row's own year label and the year it reads
    /// under (its label, else the last one above); a slide of another year says its year.
    fn axis_line(
        &self,
        group: &[usize],
        (year_label, year_in_effect): (Option<i16>, Option<i16>),
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
                year_label.map_or(" ".repeat(self.year_w), |y| {
                    format!("{:>w$}", year_text(y), w = self.year_w)
                }),
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
            let first = group.iter().map(|&i| days(self.slides[i]).first).min();
            let last = group.iter().map(|&i| days(self.slides[i]).last).max();
            let when = first.zip(last).map_or(String::new(), |(first, last)| {
                crate::deck::date::human_range(&DayRange { first, last })
            });
            truncate(
                &format!("{} slides · {when}", group.len()),
                self.label_room(),
            )
        } else {
            let year = days(self.slides[self.representative(group)]).first.year();
            self.group_label(group, year_in_effect != Some(year))
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
        let date = self.slides[current]
            .shown_date()
            .unwrap_or_else(|| "undated".to_owned());
        TimelineRow {
            line: Line::of(truncate(&format!("◉ {date}"), self.width), Role::Accent),
            target: Some(current),
        }
    }

    fn milestone_line(&self, date: &DeckDate, label: &str, on_bar: bool) -> TimelineRow {
        let text = format!("{}  {label}", start_label_with_year(date));
        TimelineRow {
            line: Line {
                runs: vec![
                    Run::new(" ".repeat(self.year_w + 1), Role::Body),
                    Run::new(if on_bar { "┃" } else { " " }, Role::Accent),
                    Run::new("★", Role::Milestone),
                    Run::new(" ", Role::Body),
                    Run::new(
                        truncate(&text, self.width.saturating_sub(self.year_w + 4)),
                        Role::Milestone,
                    ),
                ],
            },
            target: None,
        }
    }

    /// The slides of the focused group, by date, one line each, with the row's `milestones`
    /// (by date) among them. `year` is the year the row reads under (its own label, else the
    /// last one above it): when a listed date is of another year, or the list crosses a new
    /// year, every date says its year, in one column.
    fn expanded_lines(
        &self,
        group: &[usize],
        lines: usize,
        on_bar: bool,
        year: Option<i16>,
        milestones: &[Landmark],
    ) -> Vec<TimelineRow> {
        let mut group = group.to_vec();
        group.sort_by_key(|&i| (days(self.slides[i]).first, i));
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
                Run::new(" ".repeat(self.year_w + 1), Role::Body),
                Run::new(if on_bar { "┃" } else { " " }, Role::Accent),
                Run::new("┆", Role::Faint),
                Run::new("   ", Role::Body),
            ]
        };
        let shown: Vec<usize> = group.iter().skip(start).take(listed).copied().collect();
        let year_of = |i: usize| days(self.slides[i]).first.year();
        let with_years = shown
            .iter()
            .any(|&i| Some(year_of(i)) != year || year_of(i) != year_of(shown[0]));
        let dates: Vec<String> = shown
            .iter()
            .map(|&i| date_text(self.slides[i], with_years))
            .collect();
        let column = dates
            .iter()
            .map(|d| text_width(d))
            .max()
            .unwrap_or(0)
            .max(6);
        let mut pending = milestones.iter().peekable();
        let mut out: Vec<TimelineRow> = Vec::new();
        for (&i, date) in shown.iter().zip(&dates) {
            // A milestone goes before the first slide dated after it.
            while let Some((m, label)) =
                pending.next_if(|(m, _)| m.range.first < days(self.slides[i]).first)
            {
                out.push(self.milestone_line(m, label, on_bar));
            }
            out.push({
                let style = if i == self.focus {
                    Role::Accent
                } else {
                    self.label_style(&[i])
                };
                let label = format!("{date:<column$} {}", self.slides[i].title);
                let mut spans = lead(on_bar);
                spans.push(self.marker(&[i]));
                spans.push(Run::new(" ", Role::Body));
                spans.push(Run::new(
                    truncate(
                        &label,
                        self.width.saturating_sub(self.year_w + EXPANDED_AFTER_YEAR),
                    ),
                    style,
                ));
                TimelineRow {
                    line: Line { runs: spans },
                    target: Some(i),
                }
            });
        }
        for (m, label) in pending {
            out.push(self.milestone_line(m, label, on_bar));
        }
        let hidden = group.len() - shown.len();
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
    Skeleton::new(deck, height).rows(deck, at, width)
}

/// What the sidebar's rows depend on besides the position, worked out once per deck and
/// height: which slides are inside the span and where, the edge groups, the milestones, and
/// for each axis height asked for, every slide's row. A move then costs the lines drawn and a
/// look at each group's visited marks, not a layout of the whole deck.
#[derive(Debug)]
struct Skeleton {
    height: usize,
    /// Slides inside the span, in deck order, with their day offsets.
    inside: Vec<(usize, f64)>,
    axis: Axis,
    before: Vec<Vec<usize>>,
    after: Vec<Vec<usize>>,
    /// Indexes into the deck's milestones inside the span, by date.
    milestones: Vec<usize>,
    /// Axes laid out so far, by their number of rows.
    axes: Vec<AxisLayout>,
    /// Columns of the year labels (see [`Sidebar`]).
    year_w: usize,
}

/// The year column's width for `deck`: the widest year it can label (the span's, the edges'),
/// in words (`44 BC`, `AD 14`), and never under four columns.
fn year_width(deck: &Deck) -> usize {
    let span = deck.span.range;
    let years = [span.first.year(), span.last.year()]
        .into_iter()
        .chain(deck.slides().filter_map(|s| Some(s.range()?.first.year())));
    years
        .map(|y| text_width(&year_text(y)))
        .max()
        .unwrap_or(0)
        .max(YEAR_COLUMN)
}

/// The axis at one height: each slide's row and what each row holds.
#[derive(Debug)]
struct AxisLayout {
    rows: Vec<AxisRow>,
    /// The row of each slide of the deck (`None` outside the span).
    row_of: Vec<Option<usize>>,
    /// The row of each of the skeleton's milestones.
    milestone_rows: Vec<usize>,
}

impl Skeleton {
    fn new(deck: &Deck, height: u16) -> Skeleton {
        let span = deck.span.range;
        let slides: Vec<&Slide> = deck.slides().collect();
        let place = |i: usize| place_of(slides[i], span);
        // Undated slides have no place: neither inside nor at an edge.
        let edge_budget = (usize::from(height) / 6).max(1);
        let mut milestones: Vec<usize> = (0..deck.milestones.len())
            .filter(|&m| deck.milestones[m].date.range.overlaps(&span))
            .collect();
        milestones.sort_by_key(|&m| deck.milestones[m].date.range.first);
        let inside: Vec<(usize, f64)> = (0..slides.len())
            .filter(|&i| place(i) == Some(Place::Inside))
            .map(|i| (i, Axis::offset(span.first, days(slides[i]).first)))
            .collect();
        Skeleton {
            year_w: year_width(deck),
            height: usize::from(height),
            axis: Axis::new(span, inside.iter().map(|&(_, x)| x)),
            inside,
            before: edge_groups(&slides, span, Place::Before, edge_budget),
            after: edge_groups(&slides, span, Place::After, edge_budget),
            milestones,
            axes: Vec::new(),
        }
    }

    /// Where in `axes` the axis of `rows` rows is, laid out the first time it is asked for.
    fn axis(&mut self, deck: &Deck, rows: usize) -> usize {
        let found = self.axes.iter().position(|a| a.rows.len() == rows);
        found.unwrap_or_else(|| {
            let layout = self.lay_out(deck, rows);
            self.axes.push(layout);
            self.axes.len() - 1
        })
    }

    /// The slides sharing slide `focus`'s row on an axis of `rows` rows.
    fn group_of(&mut self, deck: &Deck, focus: usize, rows: usize) -> &[usize] {
        if rows == 0 {
            return &[];
        }
        let at = self.axis(deck, rows);
        let axis = &self.axes[at];
        match axis.row_of.get(focus).copied().flatten() {
            Some(r) => &axis.rows[r].group,
            None => &[],
        }
    }

    fn lay_out(&self, deck: &Deck, axis_rows: usize) -> AxisLayout {
        let span = deck.span.range;
        let mut rows: Vec<AxisRow> = (0..axis_rows)
            .map(|_| AxisRow {
                group: Vec::new(),
                starts: Vec::new(),
                year: None,
            })
            .collect();
        let mut row_of = vec![None; deck.slide_count()];
        for &(i, x) in &self.inside {
            let r = self.axis.row_at(x, axis_rows);
            rows[r].group.push(i);
            row_of[i] = Some(r);
        }
        for (r, day) in self.axis.month_starts(span, axis_rows) {
            rows[r].starts.push(day);
        }
        for row in &mut rows {
            row.year = (row.starts.iter())
                .find(|d| d.month() == 1 || **d == span.first)
                .map(|d| d.year());
        }
        let slides: Vec<&Slide> = deck.slides().collect();
        settle_year_labels(&slides, &mut rows);
        let milestone_rows = (self.milestones.iter())
            .map(|&m| {
                self.axis
                    .row(deck.milestones[m].date.range.first, axis_rows)
            })
            .collect();
        AxisLayout {
            rows,
            row_of,
            milestone_rows,
        }
    }

    /// The sidebar's rows at `at`, `width` columns wide.
    fn rows(&mut self, deck: &Deck, at: &Position, width: u16) -> Vec<TimelineRow> {
        let height = self.height;
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
            year_w: self.year_w,
        };
        // Rows for the axis itself, after the edges, the milestones and the expanded group.
        let fixed = self.before.len() + self.after.len() + self.milestones.len();
        let (expanded, axis_rows) = plan_rows(height, fixed, |rows| {
            self.group_of(deck, bar.focus, rows).len()
        });
        if axis_rows < 2 {
            return vec![bar.where_line()];
        }
        let focus_group = self.group_of(deck, bar.focus, axis_rows).to_vec();
        let index = self.axis(deck, axis_rows);
        let layout = &self.axes[index];
        let milestones = (self.milestones.iter().zip(&layout.milestone_rows))
            .map(|(&m, &r)| {
                let m = &deck.milestones[m];
                (r, (&m.date, m.label.as_str()))
            })
            .collect();
        let plan = AxisPlan {
            rows: &layout.rows,
            expanded,
            focus_group,
            // The current slide's extent as a bar beside the axis.
            current_bar: bar.slides[at.current]
                .extent()
                .and_then(|extent| self.axis.bar(extent, bar.span, axis_rows)),
            milestones,
        };
        let mut out: Vec<TimelineRow> = (self.before.iter())
            .map(|g| bar.edge_line(g, '▲'))
            .collect();
        out.extend(bar.axis_lines(&plan));
        out.extend(self.after.iter().map(|g| bar.edge_line(g, '▼')));
        out.truncate(height);
        out
    }
}

/// Where a slide stands against the span; `None` for an undated slide, which stands nowhere.
fn place_of(slide: &Slide, span: DayRange) -> Option<Place> {
    let d = slide.range()?;
    Some(if d.last < span.first {
        Place::Before
    } else if d.first > span.last {
        Place::After
    } else {
        Place::Inside
    })
}

/// Slides outside the span, one group per starting year, merged into one line when there are
/// more years than `budget` lines.
fn edge_groups(slides: &[&Slide], span: DayRange, which: Place, budget: usize) -> Vec<Vec<usize>> {
    let mut groups: Vec<(i16, Vec<usize>)> = Vec::new();
    for i in (0..slides.len()).filter(|&i| place_of(slides[i], span) == Some(which)) {
        let year = days(slides[i]).first.year();
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

/// A year's label beside a slide of another year would say that slide is of that year
/// ("1954 ┼ ○ 23 Dec"): such a label moves down to the first row after it whose slides are all
/// of its year (or that has none), and is left out when the next year's label or the end of
/// the axis comes first. Moving the label rather than adding the year to the slide's date keeps
/// both readings right: the slide reads under its own year's label, and the year's label
/// stands where its slides begin.
fn settle_year_labels(slides: &[&Slide], rows: &mut [AxisRow]) {
    for r in 0..rows.len() {
        let Some(year) = rows[r].year else { continue };
        let all_of_year = |row: &AxisRow| {
            row.group
                .iter()
                .all(|&i| days(slides[i]).first.year() == year)
        };
        if all_of_year(&rows[r]) {
            continue;
        }
        rows[r].year = None;
        let to = (r + 1..rows.len())
            .take_while(|&k| rows[k].year.is_none())
            .find(|&k| all_of_year(&rows[k]));
        if let Some(to) = to {
            rows[to].year = Some(year);
        }
    }
}

/// One row of the axis, before it is drawn.
#[derive(Debug)]
struct AxisRow {
    /// The slides dated on it.
    group: Vec<usize>,
    /// The months that start on it.
    starts: Vec<CivilDate>,
    /// The year it is labelled with.
    year: Option<i16>,
}

/// The axis as it is to be drawn.
struct AxisPlan<'a> {
    /// Its rows, top first.
    rows: &'a [AxisRow],
    /// Lines that list the focused group under its row (none when 0).
    expanded: usize,
    /// The slides on the focused slide's row.
    focus_group: Vec<usize>,
    /// The rows the current slide's extent covers.
    current_bar: Option<(usize, usize)>,
    /// The milestones by date, each with its row.
    milestones: Vec<(usize, Landmark<'a>)>,
}

impl Sidebar<'_> {
    /// The axis's lines: each row, its milestones where their dates fall, and the focused
    /// group listed under its row.
    fn axis_lines(&self, plan: &AxisPlan) -> Vec<TimelineRow> {
        let mut out = Vec::new();
        let mut last_label_row: Option<usize> = None;
        // The year a row reads under: its own label, else the last one above it.
        let mut year_in_effect: Option<i16> = None;
        for (r, row) in plan.rows.iter().enumerate() {
            let group = &row.group;
            if row.year.is_some() {
                year_in_effect = row.year;
            }
            let on_bar = plan.current_bar.is_some_and(|(a, b)| (a..=b).contains(&r));
            let expanded_here =
                plan.expanded > 0 && !group.is_empty() && *group == plan.focus_group;
            // A month's name says where in a year a row stands; a row holding more than a
            // year (a century on forty rows) has no such place, and only its year is labelled.
            let month_label = row
                .starts
                .last()
                .filter(|_| row.starts.len() <= MONTHS.len())
                .filter(|_| group.is_empty() && last_label_row.is_none_or(|m| r >= m + 2))
                .copied();
            if month_label.is_some() || !group.is_empty() {
                last_label_row = Some(r);
            }
            // The row's milestones go where their dates fall among the lines: before the row
            // when the date it shows (a month's name, a slide's date, the first listed slide's)
            // is later, else after it, among the listed slides of an expanded row.
            let shown = if group.is_empty() {
                month_label
            } else if expanded_here {
                group.iter().map(|&i| days(self.slides[i]).first).min()
            } else {
                Some(days(self.slides[self.representative(group)]).first)
            };
            let (earlier, later): (Vec<Landmark>, Vec<Landmark>) = plan
                .milestones
                .iter()
                .filter(|(row, _)| *row == r)
                .map(|(_, m)| *m)
                .partition(|(date, _)| shown.is_some_and(|s| date.range.first < s));
            for (date, label) in &earlier {
                out.push(self.milestone_line(date, label, on_bar));
            }
            out.push(self.axis_line(
                group,
                (row.year, year_in_effect),
                month_label,
                on_bar,
                expanded_here,
            ));
            if expanded_here {
                out.extend(self.expanded_lines(
                    group,
                    plan.expanded,
                    on_bar,
                    year_in_effect,
                    &later,
                ));
            } else {
                for (date, label) in &later {
                    out.push(self.milestone_line(date, label, on_bar));
                }
            }
        }
        out
    }
}

/// How many lines the expanded group gets and how many rows are left for the axis, given the
/// height, the lines already spoken for, and the focused group's size at a given axis height.
fn plan_rows(
    height: usize,
    fixed: usize,
    mut group_size: impl FnMut(usize) -> usize,
) -> (usize, usize) {
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
#[derive(Debug)]
struct Axis {
    /// First day of the span.
    start: CivilDate,
    /// Days in the span.
    days: f64,
    /// Day offsets of the slides' dates inside the span, sorted.
    events: Vec<f64>,
    /// `sums[i]` is the sum of the first `i` events, so a share is two binary searches rather
    /// than a pass over every slide (which made a 5,000-slide deck's sidebar quadratic).
    sums: Vec<f64>,
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

    /// The axis over `span` for slides at day offsets `events` (see [`Axis::offset`]).
    fn new(span: DayRange, events: impl Iterator<Item = f64>) -> Axis {
        let mut events: Vec<f64> = events.collect();
        events.sort_by(f64::total_cmp);
        let sums = std::iter::once(0.0)
            .chain(events.iter().scan(0.0, |sum, e| {
                *sum += e;
                Some(*sum)
            }))
            .collect();
        Axis {
            start: span.first,
            days: span.days() as f64,
            events,
            sums,
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
        // Σ clamp(x − e, 0, 1): 1 for each event a whole day before x, x − e for those within
        // the day before it.
        let whole = self.events.partition_point(|&e| e <= x - 1.0);
        let partial = self.events.partition_point(|&e| e < x);
        let before =
            whole as f64 + (partial - whole) as f64 * x - (self.sums[partial] - self.sums[whole]);
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
        self.row_at(Self::offset(self.start, date), rows)
    }

    /// The row of the day at `offset` on an axis of `rows` rows.
    fn row_at(&self, offset: f64, rows: usize) -> usize {
        // The middle of the day, so a slide sits on the row its own weight spans.
        let x = offset + 0.5;
        let r = (self.share(x) * rows as f64).floor().max(0.0);
        (r as usize).min(rows.saturating_sub(1))
    }
}

/// The sidebar's rows, kept until the deck, the position or the size changes: they are
/// worked out once for a frame and shared by the screen and the mouse. What does not depend on
/// the position is kept until the deck or the height changes.
#[derive(Debug, Default)]
pub struct Memo {
    skeleton: Option<((u64, u16), Skeleton)>,
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
            let skeleton = match &mut self.skeleton {
                Some((key, skeleton)) if *key == (deck_id, height) => skeleton,
                slot => {
                    &mut slot
                        .insert(((deck_id, height), Skeleton::new(deck, height)))
                        .1
                }
            };
            self.rows = skeleton.rows(deck, at, width);
            self.key = Some((deck_id, at.clone(), width, height));
        }
        &self.rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    /// A deck over `span` holding `slides` (`(date, title)`, a date outside the span being a
    /// flashback; `DATE~SPAN` gives the slide a span) and `milestones` (`(date, label)`), in one
    /// part.
    fn deck(span: &str, slides: &[(&str, &str)], milestones: &[(&str, &str)]) -> Deck {
        let span_range = DeckDate::parse(span).unwrap().range;
        let slides: Vec<String> = slides
            .iter()
            .map(|(date, title)| {
                let (date, extent) = date.split_once('~').unwrap_or((date, ""));
                let outside = !DeckDate::parse(date).unwrap().range.is_within(&span_range);
                let extent = if extent.is_empty() {
                    String::new()
                } else {
                    format!(r#"span: "{extent}", "#)
                };
                format!(
                    r#"Slide(title: "{title}", date: "{date}", {extent}flashback: {outside}, notes: "n")"#
                )
            })
            .collect();
        let milestones: Vec<String> = milestones
            .iter()
            .map(|(date, label)| format!(r#"(date: "{date}", label: "{label}")"#))
            .collect();
        let source = format!(
            r#"Deck(title: "T", span: "{span}", milestones: [{}],
                parts: [Part(id: "p", title: "P", slides: [{}])])"#,
            milestones.join(", "),
            slides.join(", "),
        );
        let loaded = parse_deck("test.ron", source.as_bytes()).unwrap();
        assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
        loaded.deck
    }

    /// On slide `current`, none visited, no date prompt open.
    fn on(deck: &Deck, current: usize) -> Position {
        Position {
            current,
            visited: vec![false; deck.slide_count()],
            preview: None,
        }
    }

    /// Each row's text, without trailing blanks.
    fn texts(rows: &[TimelineRow]) -> Vec<String> {
        rows.iter()
            .map(|r| r.line.text().trim_end().to_owned())
            .collect()
    }

    /// Each row's click target.
    fn targets(rows: &[TimelineRow]) -> Vec<Option<usize>> {
        rows.iter().map(|r| r.target).collect()
    }

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
        let axis = Axis::new(span, dates.iter().map(|&d| Axis::offset(span.first, d)));
        let rows: Vec<usize> = dates.iter().map(|d| axis.row(*d, 30)).collect();
        assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{rows:?}");
        // Five slides in six days spread over more than one row of thirty for five years.
        assert!(rows[4] - rows[0] >= 3, "{rows:?}");
        let start = axis.row(span.first, 30);
        let end = axis.row(span.last, 30);
        assert_eq!((start, end), (0, 29));
    }

    // How the rows below were worked out by hand. A date `d` sits at the share
    //     s(d) = 0.5 * (x / days) + 0.5 * (slides before x) / slides,   x = offset of d + 0.5,
    // of the axis (offset: days since the span's first day; a slide dated on day e counts as
    // min(max(x - e, 0), 1) of a slide), and on row floor(s * rows). A row shows its year when
    // it holds 1 January (or the span's first day), else the last month starting on it when it
    // has no slide and the last labelled row is at least two above.

    /// Slides on the edges: 1953/1954 is 730 days; the one slide inside, 5 March 1953, is day
    /// 63. Twelve rows give each edge two lines (a sixth of the height): the three years before
    /// the span share one, the two after get one each, which leaves nine axis rows. The slide
    /// sits at 0.5 * 63.5 / 730 + 0.5 * 0.5 = 0.2935, row 2; January to March on row 0; rows 3
    /// and 4 pass during its day; from April on s = 0.5 + 0.5 * x / 730, row floor(4.5 + x /
    /// 162.2): April to August 1953 on row 5, September 1953 to February 1954 on 6 (1 September
    /// is x = 243.5), March to July 1954 on 7 (1 March is x = 424.5), the rest on 8.
    #[test]
    fn flashbacks_are_arrows_at_the_edges_one_line_a_year_until_there_is_no_room() {
        let deck = deck(
            "1953/1954",
            &[
                ("1936", "Purges"),
                ("1937-07-30", "Order 00447"),
                ("1938", "Kyiv"),
                ("1953-03-05", "Stalin dies"),
                ("1970", "Memoirs"),
                ("1971-09-11", "Khrushchev dies"),
            ],
            &[],
        );
        let rows = rows(&deck, &on(&deck, 3), 40, 12);
        assert_eq!(
            texts(&rows),
            [
                "1936  ▲ ○ 3 slides, 1936–1938",
                "1953  ┼   Mar",
                "      │",
                "     ┃├ ◉ 5 Mar  Stalin dies",
                "      │",
                "      │",
                "      │   Aug",
                "1954  ┼",
                "      │   Jul",
                "      │",
                "1970  ▼ ○ 1970  Memoirs",
                "1971  ▼ ○ 11 Sep  Khrushchev dies",
            ]
        );
        // A click on an edge goes to its first slide; on an empty row, nowhere.
        let mut expected = vec![None; 12];
        expected[0] = Some(0);
        expected[3] = Some(3);
        expected[10] = Some(4);
        expected[11] = Some(5);
        assert_eq!(targets(&rows), expected);
        // Six rows leave one line an edge: two slides on it are the first of them and a count.
        let rows = super::rows(&deck, &on(&deck, 3), 40, 6);
        assert_eq!(texts(&rows)[0], "1936  ▲ ○ 3 slides, 1936–1938");
        assert_eq!(texts(&rows)[5], "1970  ▼ ○ 1970  Memoirs +1");
    }

    /// Slides sharing a row: 1953 is 365 days; Alpha (1 March, day 59), Beta (2 March, day 60)
    /// and Gamma (1 September, day 243) sit at 0.5 * 59.5 / 365 + 0.5 * 0.5 / 3 = 0.1648,
    /// 0.0829 + 0.25 = 0.3329 and 0.3336 + 0.4167 = 0.7502: on three rows, 0, 0 and 2.
    /// January to March start on row 0 (1 April: 0.1240 + 0.3333 = 0.4573, row 1), April to
    /// August on row 1, the rest on row 2.
    #[test]
    fn slides_on_one_row_are_the_first_and_a_count() {
        let deck = deck(
            "1953",
            &[
                ("1953-03-01", "Alpha"),
                ("1953-03-02", "Beta"),
                ("1953-09-01", "Gamma"),
            ],
            &[],
        );
        let rows = rows(&deck, &on(&deck, 2), 40, 3);
        assert_eq!(
            texts(&rows),
            [
                "1953  ┼ ○ 1 Mar  Alpha +1",
                "      │",
                "     ┃├ ◉ 1 Sep  Gamma"
            ]
        );
        assert_eq!(targets(&rows), [Some(0), None, Some(2)]);
        // Too narrow for a title worth reading: the date and the count stay.
        let narrow = super::rows(&deck, &on(&deck, 2), 20, 3);
        assert_eq!(
            texts(&narrow),
            ["1953  ┼ ○ 1 Mar +1", "      │", "     ┃├ ◉ 1 Sep"]
        );
        // On Beta, the row stands for Beta, and a click there goes to it. Listing the two
        // would leave the axis fewer than four rows, so the row is not expanded.
        let rows = super::rows(&deck, &on(&deck, 1), 40, 3);
        assert_eq!(
            texts(&rows),
            [
                "1953 ┃┼ ◉ 2 Mar  Beta +1",
                "      │",
                "      ├ ○ 1 Sep  Gamma"
            ]
        );
        assert_eq!(targets(&rows), [Some(1), None, Some(2)]);
    }

    /// Twelve slides on 5 March 1953 (day 63): fourteen rows list nine lines under their row
    /// and leave five for the axis. The twelve sit at 0.5 * 63.5 / 365 + 0.5 * 6 / 12 = 0.3370,
    /// row 1; from the next day on s = 0.5 + 0.5 * x / 365, row floor(2.5 + x / 146): April to
    /// August on row 3 (1 September is x = 243.5, row 4), September to December on row 4.
    #[test]
    fn the_current_row_is_listed_slide_by_slide_and_says_how_many_more() {
        let titles: Vec<String> = (1..=12).map(|n| format!("S{n}")).collect();
        let slides: Vec<(&str, &str)> = titles.iter().map(|t| ("1953-03-05", t.as_str())).collect();
        let deck = deck("1953", &slides, &[]);
        let mut at = on(&deck, 5);
        at.visited[1] = true;
        let rows = rows(&deck, &at, 40, 14);
        // Eight listed around S6 (S2 to S9), the ninth line for the four others.
        assert_eq!(
            texts(&rows),
            [
                "1953  ┼   Mar",
                "     ┃├ ◉ 12 slides · 5 March 1953",
                "     ┃┆   ● 5 Mar  S2",
                "     ┃┆   ○ 5 Mar  S3",
                "     ┃┆   ○ 5 Mar  S4",
                "     ┃┆   ○ 5 Mar  S5",
                "     ┃┆   ◉ 5 Mar  S6",
                "     ┃┆   ○ 5 Mar  S7",
                "     ┃┆   ○ 5 Mar  S8",
                "     ┃┆   ○ 5 Mar  S9",
                "     ┃┆     +4 more",
                "      │",
                "      │   Aug",
                "      │",
            ]
        );
        // The row goes to the current slide, each listed line to its slide, "more" to the
        // first slide not listed after them.
        let mut expected = vec![None, Some(5)];
        expected.extend((1..=8).map(Some));
        expected.extend([Some(9), None, None, None]);
        assert_eq!(targets(&rows), expected);
        // On the last slide the list ends with it, and "more" goes back to the first.
        let rows = super::rows(&deck, &on(&deck, 11), 40, 14);
        assert_eq!(texts(&rows)[2], "     ┃┆   ○ 5 Mar  S5");
        assert_eq!(texts(&rows)[9], "     ┃┆   ◉ 5 Mar  S12");
        assert_eq!(rows[10].target, Some(0));
    }

    /// A milestone is a line of its own after its row; one outside the span is left out.
    /// 1953 is 365 days, three slides: Alpha (13 January, day 12), Beta (5 March, day 63, the
    /// milestone's day) and Gamma (26 June, day 176) at 0.0171 + 0.0833 = 0.1005, 0.0870 +
    /// 0.25 = 0.3370 and 0.2418 + 0.4167 = 0.6584: on seven rows (eight less the milestone),
    /// rows 0, 2 and 4. Months: February and March on row 1 (0.2098, 0.2482), April to June on
    /// 3 (0.4573 to 0.5409), July to September on 5 (0.7486 to 0.8336), the rest on 6.
    #[test]
    fn milestones_are_drawn_after_their_row() {
        let deck = deck(
            "1953",
            &[
                ("1953-01-13", "Alpha"),
                ("1953-03-05", "Beta"),
                ("1953-06-26", "Gamma"),
            ],
            &[("1953-03-05", "Stalin dies"), ("1956-02-25", "The speech")],
        );
        let rows = rows(&deck, &on(&deck, 2), 40, 8);
        assert_eq!(
            texts(&rows),
            [
                "1953  ┼ ○ 13 Jan  Alpha",
                "      │",
                "      ├ ○ 5 Mar  Beta",
                "      ★ 5 Mar 1953  Stalin dies",
                "      │",
                "     ┃├ ◉ 26 Jun  Gamma",
                "      │",
                "      │   Dec",
            ]
        );
        assert_eq!(rows[3].target, None, "a milestone is not a slide");
        assert_eq!(rows[3].line.runs[2].role, Role::Milestone);
    }

    /// The current slide's extent is a bar beside the axis. Beta (5 March) spans March to
    /// September. Three slides in 1953 on six rows: 1 March at 0.0815 + 0.1667 = 0.2482 is on
    /// row 1, 30 September at 0.3733 + 0.3333 = 0.7066 on row 4, so rows 1 to 4 carry the bar.
    /// Alpha (13 January) is on row 0, Beta (0.3370) on 2, Gamma (7 November, day 310, 0.4253 +
    /// 0.4167 = 0.8420) on 5. Months: February and March on 1, April and May on 2 (1 May:
    /// 0.4984), June to August on 3, September to November on 4 (1 November: 0.7504).
    #[test]
    fn the_current_slide_is_a_bar_as_long_as_its_span() {
        let deck = deck(
            "1953",
            &[
                ("1953-01-13", "Alpha"),
                ("1953-03-05~1953-03-01/1953-09-30", "Beta"),
                ("1953-11-07", "Gamma"),
            ],
            &[],
        );
        let rows = rows(&deck, &on(&deck, 1), 40, 6);
        assert_eq!(
            texts(&rows),
            [
                "1953  ┼ ○ 13 Jan  Alpha",
                "     ┃│",
                "     ┃├ ◉ 5 Mar  Beta",
                "     ┃│",
                "     ┃│   Nov",
                "      ├ ○ 7 Nov  Gamma",
            ]
        );
        assert!(
            rows[1..5]
                .iter()
                .all(|r| r.line.runs[2].role == Role::Accent)
        );
    }

    #[test]
    fn too_short_for_an_axis_says_where_we_are_in_one_line() {
        let deck = deck(
            "1953/1954",
            &[("1937-07-30", "Order 00447"), ("1953-03-05", "Stalin dies")],
            &[],
        );
        // One row, or two of which the edge line takes one: no room for an axis.
        for height in [1, 2] {
            let got = rows(&deck, &on(&deck, 1), 40, height);
            assert_eq!(texts(&got), ["◉ 5 March 1953"], "height {height}");
            assert_eq!(targets(&got), [Some(1)]);
            assert_eq!(got[0].line.runs[0].role, Role::Accent);
        }
        // Cut to the width, never wider.
        let got = rows(&deck, &on(&deck, 1), 12, 1);
        assert_eq!(texts(&got), ["◉ 5 March 1…"]);
        // No room at all: nothing.
        assert!(rows(&deck, &on(&deck, 1), 11, 10).is_empty());
        assert!(rows(&deck, &on(&deck, 1), 40, 0).is_empty());
    }

    /// Slides before the span, grouped on the edge line, fit a narrow sidebar: their years are
    /// left out rather than cut (`5 slides, 1936–19` ran off the pane and read as a year).
    #[test]
    fn the_edge_line_fits_the_sidebar() {
        let deck = deck(
            "1953/1956",
            &[
                ("1936-01-01", "a"),
                ("1937-07-30", "b"),
                ("1938", "c"),
                ("1943", "d"),
                ("1953-03-05", "Stalin dies"),
            ],
            &[],
        );
        let got = rows(&deck, &on(&deck, 4), 28, 12);
        for row in &got {
            assert!(row.line.width() <= 28, "{:?}", row.line.text());
        }
        assert_eq!(texts(&got)[0], "1936  ▲ ○ 4 slides");
        let wide = rows(&deck, &on(&deck, 4), 40, 12);
        assert_eq!(texts(&wide)[0], "1936  ▲ ○ 4 slides, 1936–1943");
    }

    /// Every row that leads somewhere names the slide it leads to: its title, or the count of
    /// the slides it stands for.
    #[test]
    fn a_click_on_a_row_goes_to_the_slide_drawn_there() {
        let deck = deck(
            "1952/1956",
            &[
                ("1937-07-30", "Order"),
                ("1952-10-05", "Congress"),
                ("1953-01-13", "Plot"),
                ("1953-02-28", "Supper"),
                ("1953-03-01", "Floor"),
                ("1953-03-02", "Doctors"),
                ("1953-03-05", "Dies"),
                ("1953-03-05", "Session"),
                ("1953-03-09", "Funeral"),
                ("1953-06-26", "Arrest"),
                ("1956-02-25", "Speech"),
                ("1971-09-11", "Death"),
            ],
            &[("1953-03-05", "Stalin dies")],
        );
        for current in 0..deck.slide_count() {
            for (width, height) in [(27, 22), (42, 38), (20, 8)] {
                let rows = rows(&deck, &on(&deck, current), width, height);
                for row in &rows {
                    let Some(i) = row.target else { continue };
                    let text = row.line.text();
                    let slide = deck.slide(i).unwrap();
                    let title = slide.title.as_str();
                    let start: String = title.chars().take(3).collect();
                    // Where the title did not fit, the date says which slide it is.
                    let f = slide.range().unwrap().first;
                    let day = format!(" {} {} ", f.day(), month_abbr(f));
                    assert!(
                        text.contains(&start)
                            || format!("{text} ").contains(&day)
                            || text.contains(" slides")
                            || text.contains('+'),
                        "{text:?} leads to {title} (on {current} at {width}x{height})"
                    );
                }
            }
        }
    }

    #[test]
    fn an_undated_slide_has_no_row_and_nothing_is_marked_while_it_is_on_screen() {
        let deck = parse_deck(
            "t.ron",
            br#"Deck(title: "T", span: "1953/1956", parts: [Part(id: "p", title: "P", slides: [
                Slide(title: "Title", notes: "n"),
                Slide(title: "Stalin dies", date: "1953-03-05", notes: "n"),
                Slide(title: "Interlude", notes: "n"),
                Slide(title: "Secret Speech", date: "1956-02-25", date_label: "25 Feb, at night",
                    notes: "n"),
            ])])"#,
        )
        .unwrap()
        .deck;
        for current in 0..deck.slide_count() {
            for (width, height) in [(27, 22), (42, 38), (20, 8)] {
                let rows = rows(&deck, &on(&deck, current), width, height);
                let text = texts(&rows).join("\n");
                assert!(
                    rows.iter().all(|r| !matches!(r.target, Some(0 | 2))),
                    "{text}"
                );
                assert!(
                    !text.contains("Title") && !text.contains("Interlude"),
                    "{text}"
                );
                let dated = current % 2 == 1;
                assert_eq!(text.contains('◉'), dated, "on {current}:\n{text}");
            }
        }
        // The date label is what the row says.
        let wide = texts(&rows(&deck, &on(&deck, 3), 42, 38)).join("\n");
        assert!(wide.contains("25 Feb, at night  Secret Speech"), "{wide}");
        // Too short for an axis: the one line says where we are, or that it has no date.
        assert_eq!(texts(&rows(&deck, &on(&deck, 2), 20, 1)), ["◉ undated"]);
        assert_eq!(
            texts(&rows(&deck, &on(&deck, 1), 20, 1)),
            ["◉ 5 March 1953"]
        );
    }

    #[test]
    fn the_memo_works_the_rows_out_again_only_when_what_they_depend_on_changes() {
        let first = deck(
            "1953",
            &[("1953-03-05", "Dies"), ("1953-06-26", "Arrest")],
            &[],
        );
        let second = deck(
            "1953",
            &[("1953-03-05", "Another"), ("1953-06-26", "Deck")],
            &[],
        );
        let mut memo = Memo::default();
        let at = on(&first, 0);
        assert_eq!(memo.rows(&first, 1, &at, 30, 8), rows(&first, &at, 30, 8));
        // Another deck under the same fingerprint: the memo does not look at the deck, so the
        // rows are the first deck's, not worked out again.
        assert_eq!(memo.rows(&second, 1, &at, 30, 8), rows(&first, &at, 30, 8));
        // A new fingerprint, position, width or height: worked out again.
        assert_eq!(memo.rows(&second, 2, &at, 30, 8), rows(&second, &at, 30, 8));
        let moved = on(&second, 1);
        assert_eq!(
            memo.rows(&second, 2, &moved, 30, 8),
            rows(&second, &moved, 30, 8)
        );
        assert_eq!(
            memo.rows(&second, 2, &moved, 31, 8),
            rows(&second, &moved, 31, 8)
        );
        assert_eq!(
            memo.rows(&second, 2, &moved, 31, 9),
            rows(&second, &moved, 31, 9)
        );
        let mut previewing = moved.clone();
        previewing.preview = Some(0);
        assert_eq!(
            memo.rows(&second, 2, &previewing, 31, 9),
            rows(&second, &previewing, 31, 9)
        );
        assert_ne!(
            rows(&second, &previewing, 31, 9),
            rows(&second, &moved, 31, 9)
        );
    }

    /// A date is labelled as precisely as the deck wrote its start: `1953-03/1953-06` starts
    /// with a whole month, so it reads `Mar`, not `1 Mar` as if it were a day; `1953-01/1953-03`
    /// reads `Jan`; a milestone dated by a whole year reads `1953`, once.
    ///
    /// 1953 is 365 days: Signs (January to March, from day 0), Radio (1 to 4 March) and Beria
    /// (March to June), both from day 59, at 0.0007 + 0.0833 = 0.0840 and 0.0815 + 0.3333 =
    /// 0.4148. On eight rows (nine less the milestone) the last two share row 3; listed, they
    /// leave six for the axis, where they share row 2 and Signs is on row 0, followed by the
    /// milestone (1 January). Months: February on row 1 (0.2098); March, where the two start,
    /// on 2; April and May on 3 (0.6240, 0.6651); June to August on 4 (0.7075 to 0.7911);
    /// September on, 5 (0.8336). Beria's bar runs from 1 March to 30 June (0.7473, row 4).
    #[test]
    fn a_span_of_months_is_labelled_by_its_first_month() {
        let deck = deck(
            "1953",
            &[
                ("1953-01/1953-03", "Signs"),
                ("1953-03-01/1953-03-04", "Radio"),
                ("1953-03/1953-06", "Beria at the helm"),
            ],
            &[("1953", "The year")],
        );
        let got = rows(&deck, &on(&deck, 2), 50, 9);
        let when = crate::deck::date::human_range(&DayRange {
            first: CivilDate::constant(1953, 3, 1),
            last: CivilDate::constant(1953, 6, 30),
        });
        assert_eq!(
            texts(&got),
            [
                "1953  ┼ ○ Jan  Signs",
                "      ★ 1953  The year",
                "      │",
                &format!("     ┃├ ◉ 2 slides · {when}"),
                "     ┃┆   ○ 1 Mar  Radio",
                "     ┃┆   ◉ Mar    Beria at the helm",
                "     ┃│",
                "     ┃│   Aug",
                "      │",
            ]
        );
        // A whole year reads as the year; a span of years from its first.
        assert_eq!(start_label(&DeckDate::parse("1953").unwrap()), "1953");
        assert_eq!(start_label(&DeckDate::parse("1953/1956").unwrap()), "1953");
        assert_eq!(start_label(&DeckDate::parse("1953-03").unwrap()), "Mar");
        assert_eq!(
            start_label(&DeckDate::parse("1953-03-05").unwrap()),
            "5 Mar"
        );
        assert_eq!(
            start_label(&DeckDate::parse("1953-03-01/1953-03-31").unwrap()),
            "1 Mar"
        );
        // Never surer or narrower than the deck wrote it.
        for (written, label) in [
            ("c. 20 March 44 BC", "c. 20 Mar"),
            ("c. 1455", "c. 1455"),
            ("circa 1066/1070", "c. 1066"),
            ("1960s", "1960s"),
            ("20th century", "20th century"),
            ("ca. 1950s", "c. 1950s"),
            ("c.1960s", "c. 1960s"),
            ("Circa 19th century", "c. 19th century"),
            ("44 BC", "44 BC"),
        ] {
            assert_eq!(start_label(&DeckDate::parse(written).unwrap()), label);
        }
    }

    /// A century on 30 rows: each row holds over three years, so no row names a month (it
    /// would name one of forty); the years label the rows. A lecture's few years keep theirs.
    #[test]
    fn a_row_of_several_years_names_no_month() {
        let century = deck(
            "20th century",
            &[("1969-07-20", "Moon"), ("1989-11-09", "Wall")],
            &[],
        );
        let got = texts(&rows(&century, &on(&century, 0), 40, 30));
        let names_a_month = |t: &&String| MONTHS.iter().any(|m| t.ends_with(&format!("  {m}")));
        assert_eq!(got.iter().filter(names_a_month).count(), 0, "{got:#?}");
        assert!(got.iter().any(|t| t.starts_with("1901")), "{got:#?}");
        let years = deck("1953/1956", &[("1953-03-05", "Death")], &[]);
        let got = texts(&rows(&years, &on(&years, 0), 40, 30));
        assert!(got.iter().filter(names_a_month).count() > 5, "{got:#?}");
    }

    /// A list that crosses a year says each date's year: the row holding 1 January 1953 lists
    /// 1 and 20 December 1952 as well, which must not read as December 1953. (Its label, 1953,
    /// moves down to the next row, whose slides are all of 1953: see the test below.)
    ///
    /// 1952/1953 is 731 days; ten slides: Alpha (1 December 1952, day 335), Beta (20 December,
    /// day 354), Gamma (13 January 1953, day 378) and seven on 1 to 7 December 1953 (days 700
    /// to 706), each worth 0.05 of the axis. Alpha, Beta and Gamma sit at 0.2295 + 0.025 =
    /// 0.2545, 0.2432 + 0.075 = 0.3182 and 0.2589 + 0.125 = 0.3839, 1 January 1953 at 0.2507 +
    /// 0.1 = 0.3507: on four axis rows (seven less the three listed) all on row 1, with December
    /// 1952 to May 1953 (1 June: 0.3540 + 0.15 = 0.5040, row 2). The seven sit at 0.6541 +
    /// 0.0507 j: the first two on row 2, the rest on row 3. January to November 1952 are on
    /// row 0 (1 November: 0.2090).
    #[test]
    fn a_list_across_new_year_says_each_year() {
        let mut slides = vec![
            ("1952-12-01", "Alpha".to_owned()),
            ("1952-12-20", "Beta".to_owned()),
            ("1953-01-13", "Gamma".to_owned()),
        ];
        let december = [
            "1953-12-01",
            "1953-12-02",
            "1953-12-03",
            "1953-12-04",
            "1953-12-05",
            "1953-12-06",
            "1953-12-07",
        ];
        for (n, date) in december.iter().enumerate() {
            slides.push((date, format!("December {}", n + 1)));
        }
        let slides: Vec<(&str, &str)> = slides.iter().map(|(d, t)| (*d, t.as_str())).collect();
        let deck = deck("1952/1953", &slides, &[]);
        let got = rows(&deck, &on(&deck, 2), 50, 7);
        let when = crate::deck::date::human_range(&DayRange {
            first: CivilDate::constant(1952, 12, 1),
            last: CivilDate::constant(1953, 1, 13),
        });
        assert_eq!(
            texts(&got),
            [
                "1952  ┼   Nov",
                &format!("     ┃├ ◉ 3 slides · {when}"),
                "     ┃┆   ○ 1 Dec 1952  Alpha",
                "     ┃┆   ○ 20 Dec 1952 Beta",
                "     ┃┆   ◉ 13 Jan 1953 Gamma",
                "1953  ┼ ○ 1 Dec  December 1 +1",
                "      ├ ○ 3 Dec  December 3 +4",
            ]
        );
    }

    /// Milestones fall in date order among the lines: inside the list of the current row
    /// between the slides before and after them, and before a row whose label is later.
    ///
    /// 1953 is 365 days; twenty slides: Found, Radio and Funeral on 1, 2 and 4 January (days
    /// 0, 1, 3) and seventeen on 1 to 17 December (days 334 to 350), each worth 0.025 of the
    /// axis. The three January slides and the milestone of 3 January sit below 0.0673 (Funeral:
    /// 0.0048 + 0.0625): on row 0 of any axis up to fourteen rows. Eleven lines less two
    /// milestones and three listed leave six: from February on, s = 0.075 + 0.5 * x / 365, so
    /// February and March are on row 0, April to July on 1 (0.1990 to 0.3236), August to
    /// November on 2 (0.3661 to 0.4921) with the armistice of 27 July (0.3593); the December
    /// slides at 0.5457 + 0.0264 j are on rows 3 (j up to 4), 4 (to 10) and 5.
    #[test]
    fn milestones_fall_in_date_order_among_the_lines() {
        let mut slides = vec![
            ("1953-01-01".to_owned(), "Found".to_owned()),
            ("1953-01-02".to_owned(), "Radio".to_owned()),
            ("1953-01-04".to_owned(), "Funeral".to_owned()),
        ];
        for day in 1..=17 {
            slides.push((format!("1953-12-{day:02}"), format!("F{day}")));
        }
        let slides: Vec<(&str, &str)> = slides
            .iter()
            .map(|(d, t)| (d.as_str(), t.as_str()))
            .collect();
        let deck = deck(
            "1953",
            &slides,
            &[("1953-01-03", "Mid"), ("1953-07-27", "Korean armistice")],
        );
        let got = rows(&deck, &on(&deck, 1), 40, 11);
        let when = crate::deck::date::human_range(&DayRange {
            first: CivilDate::constant(1953, 1, 1),
            last: CivilDate::constant(1953, 1, 4),
        });
        assert_eq!(
            texts(&got),
            [
                &format!("1953 ┃┼ ◉ 3 slides · {when}"),
                "     ┃┆   ○ 1 Jan  Found",
                "     ┃┆   ◉ 2 Jan  Radio",
                "     ┃★ 3 Jan 1953  Mid",
                "     ┃┆   ○ 4 Jan  Funeral",
                "      │",
                "      ★ 27 Jul 1953  Korean armistice",
                "      │   Nov",
                "      ├ ○ 1 Dec  F1 +4",
                "      ├ ○ 6 Dec  F6 +5",
                "      ├ ○ 12 Dec  F12 +5",
            ]
        );
    }

    /// A year's label never stands beside a slide of another year: the row holding 1 January
    /// 1954 also holds 23 December 1953, so its label moves down to the next row, whose slides
    /// are of 1954; with no such row before the next year's label or the end, it is left out.
    ///
    /// 1953/1954 is 730 days; Dies (5 March 1953, day 63), Executed (23 December, day 356) and
    /// Later (1 June 1954, day 516) at 0.0435 + 0.0833 = 0.1268, 0.2442 + 0.25 = 0.4942 and
    /// 0.3538 + 0.4167 = 0.7704; 1 January 1954 at 0.2503 + 0.3333 = 0.5837. On five rows:
    /// 0, 2 and 3, with 1 January 1954 on row 2 beside Executed. Months: April to December
    /// 1953 on row 1 (0.2287 to 0.3958), July 1954 on, row 4 (0.8743).
    #[test]
    fn a_year_label_never_stands_beside_a_slide_of_another_year() {
        let later = deck(
            "1953/1954",
            &[
                ("1953-03-05", "Dies"),
                ("1953-12-23", "Executed"),
                ("1954-06-01", "Later"),
            ],
            &[],
        );
        assert_eq!(
            texts(&rows(&later, &on(&later, 0), 40, 5)),
            [
                "1953 ┃┼ ◉ 5 Mar  Dies",
                "      │",
                "      ├ ○ 23 Dec  Executed",
                "1954  ┼ ○ 1 Jun  Later",
                "      │",
            ]
        );
        // Without Later: on two rows (Dies at 0.0435 + 0.125, row 0; Executed at 0.2442 +
        // 0.375 = 0.6192 and 1 January 1954 at 0.2503 + 0.5 = 0.7503 both on row 1), no row of
        // 1954 follows, so 1954 is not labelled at all.
        let without = deck(
            "1953/1954",
            &[("1953-03-05", "Dies"), ("1953-12-23", "Executed")],
            &[],
        );
        assert_eq!(
            texts(&rows(&without, &on(&without, 0), 40, 2)),
            ["1953 ┃┼ ◉ 5 Mar  Dies", "      ├ ○ 23 Dec  Executed"]
        );
    }

    /// The lecture, loaded once for the property below.
    static LECTURE: std::sync::LazyLock<Deck> = std::sync::LazyLock::new(|| {
        parse_deck(
            crate::deck::BUNDLED_NAME,
            crate::deck::BUNDLED_SOURCE.as_bytes(),
        )
        .unwrap()
        .deck
    });

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Rows kept across moves, date previews and size changes are the rows worked out
        /// from nothing: what the memo keeps per deck and height never goes stale.
        #[test]
        fn kept_rows_agree_with_rows_from_nothing(
            steps in proptest::collection::vec((0usize..200, 0usize..200, 8u16..60, 12u16..50), 1..12),
        ) {
            let deck = &*LECTURE;
            let n = deck.slide_count();
            let mut memo = Memo::default();
            let mut visited = vec![false; n];
            for (current, preview, height, width) in steps {
                let current = current % n;
                visited[current] = true;
                let at = Position {
                    current,
                    visited: visited.clone(),
                    preview: (preview < n).then_some(preview),
                };
                let kept = memo.rows(deck, 1, &at, width, height).to_vec();
                proptest::prop_assert_eq!(kept, rows(deck, &at, width, height));
            }
        }
    }

    proptest::proptest! {
        /// The share by binary search agrees with the plain sum it replaced, at every half day
        /// and at points between.
        #[test]
        #[allow(clippy::cast_precision_loss)]
        fn share_agrees_with_a_plain_sum(
            days in 1u32..4000,
            offsets in proptest::collection::vec(0u32..4000, 0..60),
            at in 0u32..8000,
        ) {
            let span = DayRange {
                first: CivilDate::constant(1950, 1, 1),
                last: CivilDate::constant(1950, 1, 1)
                    .checked_add(jiff::Span::new().days(i64::from(days) - 1))
                    .unwrap(),
            };
            let axis = Axis::new(span, offsets.iter().map(|&o| f64::from(o % days)));
            let x = f64::from(at) / 2.0;
            let plain = {
                let time = x / axis.days;
                if axis.events.is_empty() {
                    time
                } else {
                    let before: f64 = axis.events.iter().map(|&e| (x - e).clamp(0.0, 1.0)).sum();
                    0.5 * time + 0.5 * before / axis.events.len() as f64
                }
            };
            proptest::prop_assert!((axis.share(x) - plain).abs() < 1e-9, "{} vs {}", axis.share(x), plain);
        }
    }
}
