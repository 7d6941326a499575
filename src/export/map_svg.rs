//! A `Map` block in the HTML handout: an SVG of the places on a grid of meridians and
//! parallels, each a dot with its name, over the same stretch of the world the screen shows
//! (`layout::figure::bounds`), with the coastlines the screen draws (`layout::coast`). The list
//! of coordinates under the drawing says exactly where each place is.

use std::fmt::Write as _;

use super::markup::Markup;
use crate::deck::Place;
use crate::layout::coast;
use crate::layout::figure::bounds;

/// The drawing's size in SVG units.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 300.0;

/// The places as an `<svg>` element; `label` names it for screen readers.
pub fn svg(places: &[Place], label: &str) -> Markup {
    let b = bounds(places, WIDTH / HEIGHT);
    let x = |lon: f64| (lon - b.west) / (b.east - b.west) * WIDTH;
    let y = |lat: f64| (b.north - lat) / (b.north - b.south) * HEIGHT;
    let mut m = Markup::new();
    let view = format!("0 0 {WIDTH} {HEIGHT}");
    m.open(
        "svg",
        &[
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("viewBox", &view),
            ("class", "map-chart"),
            ("role", "img"),
            ("aria-label", label),
        ],
    );
    m.element("title", &[], label);
    m.empty(
        "rect",
        &[
            ("class", "sea"),
            ("width", &n(WIDTH)),
            ("height", &n(HEIGHT)),
        ],
    );
    let step = grid_step((b.east - b.west).max(b.north - b.south));
    let mut lon = (b.west / step).ceil() * step;
    while lon < b.east {
        let at = n(x(lon));
        m.empty(
            "line",
            &[
                ("class", "graticule"),
                ("x1", &at),
                ("x2", &at),
                ("y1", "0"),
                ("y2", &n(HEIGHT)),
            ],
        );
        m.element(
            "text",
            &[
                ("class", "degree"),
                ("x", &n(x(lon) + 3.0)),
                ("y", &n(HEIGHT - 4.0)),
            ],
            &format!("{}°{}", lon.abs(), if lon < 0.0 { 'W' } else { 'E' }),
        );
        lon += step;
    }
    let mut lat = (b.south / step).ceil() * step;
    while lat < b.north {
        let at = n(y(lat));
        m.empty(
            "line",
            &[
                ("class", "graticule"),
                ("x1", "0"),
                ("x2", &n(WIDTH)),
                ("y1", &at),
                ("y2", &at),
            ],
        );
        m.element(
            "text",
            &[("class", "degree"), ("x", "3"), ("y", &n(y(lat) - 3.0))],
            &format!("{}°{}", lat.abs(), if lat < 0.0 { 'S' } else { 'N' }),
        );
        lat += step;
    }
    // The coasts as one path, a stroke for each run of joined segments; the drawing clips what
    // lies past its edge.
    let mut coast = String::new();
    let mut at = None;
    for (from, to) in coast::segments(&b) {
        if at != Some(from) {
            let _ = write!(coast, "M{} {}", n(x(from.0)), n(y(from.1)));
        }
        let _ = write!(coast, "L{} {}", n(x(to.0)), n(y(to.1)));
        at = Some(to);
    }
    if !coast.is_empty() {
        m.empty("path", &[("class", "coast"), ("d", &coast)]);
    }
    for place in places {
        let (px, py) = (x(place.lon.as_f64()), y(place.lat.as_f64()));
        // Names of places near the right edge go to the left of their dot.
        let (tx, anchor) = if px > WIDTH * 0.7 {
            (px - 8.0, "end")
        } else {
            (px + 8.0, "start")
        };
        m.open("g", &[("class", "place")]);
        m.empty("circle", &[("cx", &n(px)), ("cy", &n(py)), ("r", "5")]);
        m.element(
            "text",
            &[("x", &n(tx)), ("y", &n(py + 4.0)), ("text-anchor", anchor)],
            place.name.as_str(),
        );
        m.close("g");
    }
    m.close("svg");
    m
}

/// Degrees between grid lines: about four to eight lines across `span` degrees.
fn grid_step(span: f64) -> f64 {
    [1.0, 2.0, 5.0, 10.0, 15.0, 30.0, 45.0]
        .into_iter()
        .find(|s| span / s <= 8.0)
        .unwrap_or(60.0)
}

/// A coordinate with one decimal, as SVG takes it.
fn n(v: f64) -> String {
    format!("{v:.1}")
}
