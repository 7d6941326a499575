//! The handout's timeline as an inline SVG, drawn to be read on a phone as well as on paper:
//! time runs down a vertical axis over the deck's span (years labelled on its left, months
//! ticked when the span is short), and every slide is a numbered mark linking to `#slide-N`.
//!
//! **Placement.** A slide's mark hangs from the midpoint of its date (clamped into the span),
//! in a row to the right of the axis; a faint line joins each row to its place on the axis.
//! Marks whose dates fall within half a row of a row's date join that row, left to right, up
//! to [`PER_ROW`]; a row that would overlap the one above it is pushed down by whole rows, so
//! no two marks or labels ever overlap, and the joining line shows how far a row moved. Each
//! milestone inside the span is a row of its own: a star and its label. Slides wholly before
//! the span (flashbacks) stand one a row above the axis, those wholly after (flash-forwards)
//! below it, each with its years and title, the axis reaching them as a dashed arrow.
//!
//! Pure: [`geometry`] does the arithmetic (tested with hand-worked coordinates), [`render`]
//! writes it through [`Markup`], so every label is escaped.

use std::fmt::Write as _;

use jiff::civil::Date as CivilDate;

use super::chronology::{Place, by_date, place, year, year_start, years};
use super::markup::Markup;
use super::stylesheet::class;
use crate::deck::{DayRange, Deck, Slide};
use crate::layout::Role;
use crate::text::truncate;

/// The drawing's width in its own units; at a phone's width one unit is about one CSS pixel.
pub const WIDTH: f64 = 360.0;
/// The axis's distance from the left edge: room for a year label (`1953`, `500 BC`).
const AXIS_X: f64 = 58.0;
/// The span's length on the axis.
const AXIS_LENGTH: f64 = 520.0;
/// A mark's radius.
const RADIUS: f64 = 8.0;
/// Distance between the centres of two marks in a row, and between two rows.
const STEP: f64 = 19.0;
/// The first mark's centre in a row.
const FIRST_X: f64 = AXIS_X + 18.0;
/// The last a mark's centre may be, a margin from the right edge.
const LAST_X: f64 = WIDTH - 4.0 - RADIUS;
/// Marks in a full row.
pub const PER_ROW: usize = 15;
/// Space above the first row and the axis.
const TOP: f64 = 16.0;
/// Space between an edge band and the axis.
const GAP: f64 = 26.0;
/// Roughly how wide one terminal column of an 11-pixel label is (a CJK character takes two
/// columns, about one em): enough to keep a label inside the drawing.
const COLUMN: f64 = 6.2;

// `PER_ROW` is what fits between `FIRST_X` and `LAST_X`.
const _: () = assert!((LAST_X - FIRST_X) / STEP >= 14.0 && (LAST_X - FIRST_X) / STEP < 15.0);

/// What a row holds.
#[derive(Clone, Debug, PartialEq)]
pub enum RowKind {
    /// Marks of slides inside the span (0-based slide indices, left to right).
    Marks(Vec<usize>),
    /// A milestone (index in the deck's list).
    Milestone(usize),
    /// A slide outside the span, before or after it.
    Edge(usize, Place),
}

/// A row of the drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// What it holds.
    pub kind: RowKind,
    /// Where it is drawn (the centre line of its marks).
    pub y: f64,
    /// Where on the axis its date is; `y` when it was not pushed down.
    pub at: f64,
}

/// A tick on the axis.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// Where.
    pub y: f64,
    /// A year's label on a major tick; `None` on a month's.
    pub label: Option<String>,
}

/// The drawing's arithmetic.
#[derive(Clone, Debug, PartialEq)]
pub struct Geometry {
    /// Total height in drawing units.
    pub height: f64,
    /// Where the span begins and ends on the axis.
    pub axis: (f64, f64),
    /// The axis's ticks.
    pub ticks: Vec<Tick>,
    /// Every row, top to bottom.
    pub rows: Vec<Row>,
}

impl Geometry {
    /// The centre of the mark of slide `index`, wherever it is.
    pub fn mark_centre(&self, index: usize) -> Option<(f64, f64)> {
        self.rows.iter().find_map(|row| match &row.kind {
            RowKind::Marks(slides) => slides
                .iter()
                .position(|&i| i == index)
                .map(|k| (mark_x(k), row.y)),
            RowKind::Edge(i, _) if *i == index => Some((FIRST_X, row.y)),
            _ => None,
        })
    }
}

/// The centre of the `k`-th mark of a row.
fn mark_x(k: usize) -> f64 {
    FIRST_X + STEP * f64::from(u32::try_from(k).unwrap_or(u32::MAX))
}

/// Days from `from` to `to` (negative before it).
fn days(from: CivilDate, to: CivilDate) -> f64 {
    from.until(to).map_or(0.0, |s| f64::from(s.get_days()))
}

/// Where the start of day `d` falls on an axis from `top` for `span`.
fn day_start_y(span: DayRange, d: CivilDate, top: f64) -> f64 {
    top + days(span.first, d) / (days(span.first, span.last) + 1.0) * AXIS_LENGTH
}

/// Where a range's midpoint falls on an axis from `top` for `span`, clamped to the span.
fn axis_y(span: DayRange, range: DayRange, top: f64) -> f64 {
    let total = days(span.first, span.last) + 1.0;
    let middle = (days(span.first, range.first) + days(span.first, range.last) + 1.0) / 2.0;
    top + (middle / total).clamp(0.0, 1.0) * AXIS_LENGTH
}

/// The drawing's arithmetic for `deck`.
pub fn geometry(deck: &Deck) -> Geometry {
    let span = deck.span.range;
    let slides: Vec<_> = deck.slides().collect();
    let order = by_date(deck);
    // `order` holds the dated slides only; an undated one's place is never read.
    let places: Vec<Place> = slides
        .iter()
        .map(|s| s.range().map_or(Place::Inside, |r| place(&span, &r)))
        .collect();
    let places = &places;
    let outside = |which: Place| order.iter().copied().filter(move |&i| places[i] == which);
    let mut rows: Vec<Row> = Vec::new();
    let mut y = TOP + RADIUS;
    for i in outside(Place::Before) {
        rows.push(Row {
            kind: RowKind::Edge(i, Place::Before),
            y,
            at: y,
        });
        y += STEP;
    }
    let top = if rows.is_empty() {
        TOP
    } else {
        y - STEP + RADIUS + GAP
    };
    let bottom = top + AXIS_LENGTH;

    // Milestones and marks in the order of time; a milestone before the marks of its day.
    let mut items: Vec<(f64, Option<usize>, RowKind)> = Vec::new();
    for (m, milestone) in deck.milestones.iter().enumerate() {
        if place(&span, &milestone.date.range) == Place::Inside {
            let at = axis_y(span, milestone.date.range, top);
            items.push((at, None, RowKind::Milestone(m)));
        }
    }
    for i in outside(Place::Inside) {
        let Some(range) = slides[i].range() else {
            continue;
        };
        let at = axis_y(span, range, top);
        items.push((at, Some(i), RowKind::Marks(vec![i])));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let first_inside = rows.len();
    for (at, slide, kind) in items {
        let last = rows.get_mut(first_inside..).and_then(<[Row]>::last_mut);
        if let (Some(i), Some(row)) = (slide, last)
            && let RowKind::Marks(marks) = &mut row.kind
            && marks.len() < PER_ROW
            && at < row.y + STEP / 2.0
        {
            marks.push(i);
            continue;
        }
        let y = rows
            .get(first_inside..)
            .and_then(<[Row]>::last)
            .map_or(at, |row| at.max(row.y + STEP));
        rows.push(Row { kind, y, at });
    }

    let low = rows
        .get(first_inside..)
        .and_then(<[Row]>::last)
        .map_or(bottom, |row| bottom.max(row.y + RADIUS));
    let mut y = low + GAP + RADIUS;
    for i in outside(Place::After) {
        rows.push(Row {
            kind: RowKind::Edge(i, Place::After),
            y,
            at: y,
        });
        y += STEP;
    }
    let height = rows.last().map_or(bottom, |row| row.y.max(bottom)) + RADIUS + 8.0;
    Geometry {
        height: height.max(bottom + 12.0),
        axis: (top, bottom),
        ticks: ticks(span, top),
        rows,
    }
}

/// Years on the axis, every `step` years so that there are at most a dozen labels, and months
/// between them when the span is six years or less.
fn ticks(span: DayRange, top: f64) -> Vec<Tick> {
    let (first, last) = (span.first.year(), span.last.year());
    let count = i32::from(last) - i32::from(first) + 1;
    let step = [
        1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000,
    ]
    .into_iter()
    .find(|s| count / s <= 12)
    .unwrap_or(10_000);
    let mut out = Vec::new();
    for y in i32::from(first)..=i32::from(last) {
        let Ok(y) = i16::try_from(y) else { continue };
        let start = year_start(y);
        if start >= span.first && i32::from(y).rem_euclid(step) == 0 {
            out.push(Tick {
                y: day_start_y(span, start, top),
                label: Some(year(y)),
            });
        }
        if count <= 6 {
            for month in 2..=12 {
                let Ok(d) = CivilDate::new(y, month, 1) else {
                    continue;
                };
                if d >= span.first && d <= span.last {
                    out.push(Tick {
                        y: day_start_y(span, d, top),
                        label: None,
                    });
                }
            }
        }
    }
    out
}

/// A number as an SVG coordinate.
fn n(v: f64) -> String {
    let mut s = String::new();
    let _ = write!(s, "{v:.1}");
    s.strip_suffix(".0").map(str::to_owned).unwrap_or(s)
}

/// Text cut to what fits in `room` drawing units.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a small, finite, non-negative number of columns"
)]
fn fitted(text: &str, room: f64) -> String {
    let columns = (room / COLUMN).floor().clamp(0.0, 400.0);
    truncate(text, columns as usize)
}

/// The timeline of `deck` as an `<svg>` element, `title` its name for screen readers.
pub fn render(deck: &Deck, title: &str) -> Markup {
    let g = geometry(deck);
    let slides: Vec<_> = deck.slides().collect();
    let height = n(g.height);
    let view = format!("0 0 {} {height}", n(WIDTH));
    let mut m = Markup::new();
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", &view),
            ("width", &n(WIDTH)),
            ("height", &height),
            ("class", "timeline-chart"),
            ("aria-labelledby", "timeline-svg-title"),
        ],
    );
    m.element("title", &[("id", "timeline-svg-title")], title);
    axis(&mut m, &g);
    edge_axis(&mut m, &g, Place::Before);
    edge_axis(&mut m, &g, Place::After);

    for row in &g.rows {
        let y = n(row.y);
        // The line from the axis (at the row's date) to the row.
        let joins = if matches!(row.kind, RowKind::Milestone(_)) {
            class(Role::Milestone)
        } else {
            "join"
        };
        m.empty(
            "polyline",
            &[
                ("class", joins),
                (
                    "points",
                    &format!(
                        "{},{} {},{} {},{}",
                        n(AXIS_X),
                        n(row.at),
                        n(AXIS_X + 6.0),
                        y,
                        n(FIRST_X - RADIUS - 2.0),
                        y
                    ),
                ),
            ],
        );
        match &row.kind {
            RowKind::Marks(marks) => {
                for (k, &i) in marks.iter().enumerate() {
                    mark(&mut m, deck, slides[i], i, (mark_x(k), row.y), None);
                }
            }
            RowKind::Edge(i, which) => {
                mark(&mut m, deck, slides[*i], *i, (FIRST_X, row.y), Some(*which));
            }
            RowKind::Milestone(k) => milestone(&mut m, deck, *k, row.y),
        }
    }
    m.close("svg");
    m
}

/// The axis with its ticks, year labels and grid: drawn first, so that marks go over them.
fn axis(m: &mut Markup, g: &Geometry) {
    let (top, bottom) = g.axis;
    let faint = class(Role::Faint);
    let secondary = class(Role::Secondary);
    for t in &g.ticks {
        let y = n(t.y);
        if let Some(label) = &t.label {
            m.empty(
                "line",
                &[
                    ("class", "grid"),
                    ("x1", &n(AXIS_X)),
                    ("x2", &n(WIDTH - 4.0)),
                    ("y1", &y),
                    ("y2", &y),
                ],
            );
            m.element(
                "text",
                &[
                    ("class", secondary),
                    ("x", &n(AXIS_X - 8.0)),
                    ("y", &n(t.y + 4.0)),
                    ("text-anchor", "end"),
                ],
                label,
            );
        } else {
            m.empty(
                "line",
                &[
                    ("class", faint),
                    ("x1", &n(AXIS_X - 3.0)),
                    ("x2", &n(AXIS_X)),
                    ("y1", &y),
                    ("y2", &y),
                ],
            );
        }
    }
    m.empty(
        "line",
        &[
            ("class", "axis"),
            ("x1", &n(AXIS_X)),
            ("x2", &n(AXIS_X)),
            ("y1", &n(top)),
            ("y2", &n(bottom)),
        ],
    );
}

/// The dashed axis out to an edge band, with its arrowhead and its word (`earlier`, `later`).
fn edge_axis(m: &mut Markup, g: &Geometry, which: Place) {
    let ys: Vec<f64> = g
        .rows
        .iter()
        .filter(|r| matches!(r.kind, RowKind::Edge(_, p) if p == which))
        .map(|r| r.y)
        .collect();
    let (Some(&first), Some(&last)) = (ys.first(), ys.last()) else {
        return;
    };
    let (from, tip, word, label_y, head) = if which == Place::Before {
        let tip = first - RADIUS;
        (g.axis.0, tip, "earlier", first, -1.0)
    } else {
        let low = g
            .rows
            .iter()
            .filter(|r| !matches!(r.kind, RowKind::Edge(..)))
            .map(|r| r.y + RADIUS)
            .fold(g.axis.1, f64::max);
        (low, last + RADIUS, "later", first, 1.0)
    };
    m.empty(
        "line",
        &[
            ("class", "axis edge"),
            ("x1", &n(AXIS_X)),
            ("x2", &n(AXIS_X)),
            ("y1", &n(from)),
            ("y2", &n(tip)),
        ],
    );
    let points = format!(
        "{},{} {},{} {},{}",
        n(AXIS_X - 4.0),
        n(tip - head * 6.0),
        n(AXIS_X),
        n(tip),
        n(AXIS_X + 4.0),
        n(tip - head * 6.0)
    );
    m.empty("polyline", &[("class", "axis"), ("points", &points)]);
    m.element(
        "text",
        &[
            ("class", class(Role::Secondary)),
            ("x", &n(AXIS_X - 8.0)),
            ("y", &n(label_y + 4.0)),
            ("text-anchor", "end"),
        ],
        word,
    );
}

/// A slide's mark: a numbered circle linking to its section, its date and title as a tooltip;
/// at an edge, its years and title beside it.
fn mark(
    m: &mut Markup,
    deck: &Deck,
    slide: &Slide,
    index: usize,
    (x, y): (f64, f64),
    edge: Option<Place>,
) {
    let number = (index + 1).to_string();
    let href = format!("#slide-{number}");
    let part = deck.part_of(index) % 4;
    let classes = match edge {
        None => format!("mark p{part}"),
        Some(Place::Before) => format!("mark p{part} edge before"),
        Some(_) => format!("mark p{part} edge after"),
    };
    let tip = match slide.shown_date() {
        Some(date) => format!("{number} · {date} · {}", slide.title.as_str()),
        None => format!("{number} · {}", slide.title.as_str()),
    };
    m.open("a", &[("class", &classes), ("href", &href)]);
    m.element("title", &[], &tip);
    m.empty("circle", &[("cx", &n(x)), ("cy", &n(y)), ("r", &n(RADIUS))]);
    m.element("text", &[("x", &n(x)), ("y", &n(y + 3.0))], &number);
    if let (Some(_), Some(range)) = (edge, slide.range()) {
        let label_x = x + RADIUS + 5.0;
        let when = years(&range);
        let title = slide.title.as_str();
        // A title that already says its years ("1943–1944") needs no second copy.
        let label = if title.contains(&when) {
            title.to_owned()
        } else {
            format!("{when}  {title}")
        };
        let label = fitted(&label, WIDTH - 4.0 - label_x);
        m.element(
            "text",
            &[
                ("class", "edge-label"),
                ("x", &n(label_x)),
                ("y", &n(y + 4.0)),
            ],
            &label,
        );
    }
    m.close("a");
}

/// A milestone's star and label, its date in the tooltip.
fn milestone(m: &mut Markup, deck: &Deck, k: usize, y: f64) {
    let Some(ms) = deck.milestones.get(k) else {
        return;
    };
    let star = star_points(FIRST_X, y, RADIUS);
    let label_x = FIRST_X + RADIUS + 5.0;
    let label = fitted(ms.label.as_str(), WIDTH - 4.0 - label_x);
    let tip = format!("{} · {}", ms.date.human(), ms.label.as_str());
    m.open("g", &[("class", "milestone")]);
    m.element("title", &[], &tip);
    m.empty("polygon", &[("points", &star)]);
    m.element(
        "text",
        &[
            ("class", class(Role::Milestone)),
            ("x", &n(label_x)),
            ("y", &n(y + 4.0)),
        ],
        &label,
    );
    m.close("g");
}

/// A five-pointed star of radius `r` around (`x`, `y`), point up.
fn star_points(x: f64, y: f64, r: f64) -> String {
    let mut out = Vec::new();
    for k in 0..10u32 {
        let radius = if k % 2 == 0 { r } else { r * 0.45 };
        let angle = std::f64::consts::PI * (f64::from(k) / 5.0 - 0.5);
        out.push(format!(
            "{},{}",
            n(x + radius * angle.cos()),
            n(y + radius * angle.sin())
        ));
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse_deck;

    fn deck(span: &str, milestones: &str, slides: &[&str]) -> Deck {
        let slides: Vec<String> = slides
            .iter()
            .enumerate()
            .map(|(i, date)| {
                let flash = if date.starts_with("19") {
                    ", flashback: true"
                } else {
                    ""
                };
                format!(r#"Slide(title: "s{i}", date: "{date}"{flash})"#)
            })
            .collect();
        let source = format!(
            r#"Deck(title: "T", span: "{span}", milestones: [{milestones}],
                parts: [Part(id: "p", title: "P", slides: [{}])])"#,
            slides.join(",\n")
        );
        parse_deck("t.ron", source.as_bytes()).unwrap().deck
    }

    #[test]
    fn a_mark_hangs_from_the_middle_of_its_date() {
        // 2001 has 365 days. 2 July is day 182 counted from 0, so its middle is 182.5 days in:
        // exactly half way, 260 units down a 520-unit axis that starts at TOP (16): y = 276.
        // The whole year's middle is (0 + 364 + 1) / 2 = 182.5 days in: the same place, so the
        // two share a row, the second one step (19) to the right of the first (76).
        let g = geometry(&deck("2001", "", &["2001-07-02", "2001"]));
        assert_eq!(g.axis, (16.0, 536.0));
        assert_eq!(g.mark_centre(0), Some((76.0, 276.0)));
        assert_eq!(g.mark_centre(1), Some((95.0, 276.0)));
        // 1 January's middle is half a day in: 0.5 / 365 * 520 = 0.712... units down.
        let g = geometry(&deck("2001", "", &["2001-01-01"]));
        let (_, y) = g.mark_centre(0).unwrap();
        assert!((y - (16.0 + 0.5 / 365.0 * 520.0)).abs() < 1e-9, "{y}");
    }

    #[test]
    fn a_full_row_and_a_close_row_are_pushed_down_by_whole_rows() {
        // Sixteen slides on 2 July: fifteen fill the row at 276, the sixteenth opens the next
        // row one step down (295), hung from the same place on the axis.
        let mut dates = vec!["2001-07-02"; 16];
        // 3 July is 520 / 365 = 1.4 units lower: it would overlap that second row, so it
        // joins it rather than starting a third.
        dates.push("2001-07-03");
        let g = geometry(&deck("2001", "", &dates));
        assert_eq!(g.mark_centre(14), Some((76.0 + 14.0 * 19.0, 276.0)));
        assert_eq!(g.mark_centre(15), Some((76.0, 295.0)));
        assert_eq!(g.mark_centre(16), Some((95.0, 295.0)));
        let at = g.rows[1].at;
        assert!(
            (at - 276.0).abs() < 1e-9,
            "the pushed row still points at 2 July: {at}"
        );
    }

    #[test]
    fn a_milestone_has_its_own_row_before_the_marks_of_its_day() {
        let g = geometry(&deck(
            "2001",
            r#"(date: "2001-07-02", label: "Midsummer")"#,
            &["2001-07-02"],
        ));
        assert_eq!(g.rows[0].kind, RowKind::Milestone(0));
        assert!((g.rows[0].y - 276.0).abs() < 1e-9);
        assert_eq!(g.mark_centre(0), Some((76.0, 295.0)));
    }

    #[test]
    fn slides_outside_the_span_stand_one_a_row_above_and_below_the_axis() {
        // Two flashbacks: rows at 24 and 43 (TOP + radius, then one step); the axis starts a
        // gap (26) below the last one's edge: 43 + 8 + 26 = 77, and ends 520 further, at 597.
        // The flash-forward stands a gap and a radius below that: 597 + 26 + 8 = 631.
        let g = geometry(&deck(
            "2001",
            "",
            &["1999-05-01", "2001-07-02", "1990", "2010"],
        ));
        assert_eq!(g.mark_centre(2), Some((76.0, 24.0)), "the earliest first");
        assert_eq!(g.mark_centre(0), Some((76.0, 43.0)));
        assert_eq!(g.axis, (77.0, 597.0));
        assert_eq!(g.mark_centre(1), Some((76.0, 77.0 + 260.0)));
        assert_eq!(g.mark_centre(3), Some((76.0, 631.0)));
        assert_eq!(g.rows[3].kind, RowKind::Edge(3, Place::After));
    }

    #[test]
    fn years_are_labelled_at_their_first_day_and_months_ticked_on_short_spans() {
        // 2001/2002 is 730 days; 1 January 2002 is 365 days in: 520 * 365 / 730 = 260.
        let g = geometry(&deck("2001/2002", "", &["2001-07-02"]));
        let labelled: Vec<(f64, &str)> = g
            .ticks
            .iter()
            .filter_map(|t| t.label.as_deref().map(|l| (t.y, l)))
            .collect();
        assert_eq!(labelled, [(16.0, "2001"), (16.0 + 260.0, "2002")]);
        assert_eq!(
            g.ticks.len(),
            2 + 2 * 11,
            "and February to December of each year"
        );
        // A long span: a label every 50 years, months left out.
        let g = geometry(&deck("1500/1999", "", &["1600"]));
        let labels: Vec<&str> = g.ticks.iter().filter_map(|t| t.label.as_deref()).collect();
        assert_eq!(labels.len(), 10);
        assert_eq!(labels[..3], ["1500", "1550", "1600"]);
    }

    #[test]
    fn every_label_is_escaped_and_every_mark_links_to_its_slide() {
        let d = deck(
            "2001",
            r#"(date: "2001-03-01", label: "<b>M</b>")"#,
            &["2001-07-02"],
        );
        let svg = render(&d, "T").finish();
        assert!(svg.contains("&lt;b&gt;M&lt;/b&gt;"), "{svg}");
        assert!(!svg.contains("<b>"));
        assert!(
            svg.contains(r##"<a class="mark p0" href="#slide-1">"##),
            "{svg}"
        );
    }
}
