//! Pictures and maps on a slide: a box of rows the screen draws into, sized by the room the
//! slide's text leaves (as large as that room, down to a least height), and the stand-in text
//! the box holds: the alt text of a picture, a map's places. The stand-in is what shows
//! wherever the figure itself cannot be drawn: a missing picture, a column, the presenter's
//! preview of the next slide.

use super::styled::{Line, Role, plain};
use crate::deck::{Block, Place, Prose};

/// The fewest rows a figure gets: less and a face or a coastline is unreadable, so a slide
/// that leaves less room does not fit (and `check --size` says so).
pub const MIN_ROWS: usize = 8;

/// A picture or a map that the screen draws over rows of a slide's body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    /// The body row it starts on.
    pub row: usize,
    /// The rows it takes.
    pub rows: u16,
    /// Its left edge, counted from the slide area's left edge (not the text column's).
    pub x: u16,
    /// Its width in cells.
    pub width: u16,
    /// Whether the reveal has reached it.
    pub revealed: bool,
    /// What it shows.
    pub kind: FigureKind,
}

/// What a figure shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FigureKind {
    /// A picture file, by its path as the deck writes it (relative to the deck).
    Image {
        /// The path as written.
        path: String,
        /// The alt text.
        alt: String,
    },
    /// The world map around some places.
    Map {
        /// The places to mark.
        places: Vec<Place>,
    },
}

impl FigureKind {
    /// The figure a block draws, if it draws one.
    pub fn of(block: &Block) -> Option<FigureKind> {
        match block {
            Block::Image { path, alt, .. } => Some(FigureKind::Image {
                path: path.as_str().to_owned(),
                alt: alt.as_str().to_owned(),
            }),
            Block::Map { places } => Some(FigureKind::Map {
                places: places.clone(),
            }),
            _ => None,
        }
    }
}

/// The rows a figure would like in a box `box_width` cells wide: a 4:3 picture, cells being
/// about twice as tall as wide.
pub fn wanted_rows(box_width: usize) -> usize {
    (box_width * 3 / 8).max(MIN_ROWS)
}

/// What stands in for a figure, wrapped to `max_width`: the alt text, or the places.
pub fn stand_in(kind: &FigureKind, max_width: usize) -> Vec<Line> {
    match kind {
        FigureKind::Image { alt, .. } => plain(&format!("▣ {alt}"), Role::Secondary, max_width),
        FigureKind::Map { places } => plain(
            &format!("⌖ {}", places_text(places)),
            Role::Secondary,
            max_width,
        ),
    }
}

/// Places as text: `Budapest 47.50° N 19.04° E · Moscow 55.76° N 37.62° E`.
pub fn places_text(places: &[Place]) -> String {
    places
        .iter()
        .map(|p| format!("{} {}", p.name, coordinates(p)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A place's coordinates in words: `47.50° N 19.04° E`.
pub fn coordinates(place: &Place) -> String {
    let (lat, lon) = (place.lat.as_f64(), place.lon.as_f64());
    format!(
        "{:.2}° {} {:.2}° {}",
        lat.abs(),
        if lat < 0.0 { 'S' } else { 'N' },
        lon.abs(),
        if lon < 0.0 { 'W' } else { 'E' }
    )
}

/// The body lines of a figure `rows` tall in a text column `measure` wide: the stand-in in
/// the middle of the box, then the caption under it, each centred.
pub fn lines(kind: &FigureKind, caption: Option<&Prose>, rows: usize, measure: usize) -> Vec<Line> {
    let stand_in: Vec<Line> = stand_in(kind, measure).into_iter().take(rows).collect();
    let top = (rows - stand_in.len()) / 2;
    let mut out: Vec<Line> = Vec::with_capacity(rows + 2);
    // Rows of the box are never empty lines, so that a figure at the end of a slide is not
    // trimmed away with the blank lines after it.
    let filler = || Line::of("", Role::Faint);
    out.extend((0..top).map(|_| filler()));
    out.extend(stand_in.into_iter().map(|l| centred(l, measure)));
    out.extend((out.len()..rows).map(|_| filler()));
    if let Some(caption) = caption {
        for l in plain(caption.as_str(), Role::Secondary, measure) {
            out.push(centred(l, measure));
        }
    }
    out
}

/// A line moved right to the middle of `measure`.
fn centred(line: Line, measure: usize) -> Line {
    let pad = measure.saturating_sub(line.width()) / 2;
    if pad == 0 {
        return line;
    }
    line.after(super::styled::Run::new(" ".repeat(pad), Role::Body))
}

/// How many rows each of `count` figures gets from `room` rows: an even share, at least
/// [`MIN_ROWS`] and at most what a figure `box_width` wide wants.
pub fn share(room: Option<usize>, count: usize, box_width: usize) -> usize {
    match room {
        None => MIN_ROWS,
        Some(room) => (room / count.max(1)).clamp(MIN_ROWS, wanted_rows(box_width)),
    }
}

/// The width of the box, and its left edge, in a slide area `area_width` wide: all of it but
/// a margin of two cells either side.
pub fn across(area_width: u16) -> (u16, u16) {
    let w = area_width.saturating_sub(4).max(1);
    ((area_width - w.min(area_width)) / 2, w)
}

/// The stretch of the world a map shows, in degrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Western edge (longitude).
    pub west: f64,
    /// Eastern edge (longitude).
    pub east: f64,
    /// Southern edge (latitude).
    pub south: f64,
    /// Northern edge (latitude).
    pub north: f64,
}

/// What a map of `places` shows in a box whose width is `aspect` times its height (as the eye
/// sees them): the places with a margin of half their spread (six degrees at least: the world
/// map has coastlines only, and a region needs some of them around it to be recognised),
/// widened to the box's shape so that nothing is stretched. A degree of longitude is shorter
/// than one of latitude away from the equator, by the cosine of the latitude, as on any local
/// map.
pub fn bounds(places: &[Place], aspect: f64) -> Bounds {
    let lats = places.iter().map(|p| p.lat.as_f64());
    let lons = places.iter().map(|p| p.lon.as_f64());
    let (south, north) = lats.fold((90.0_f64, -90.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let (west, east) = lons.fold((180.0_f64, -180.0_f64), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let (south, north, west, east) = if places.is_empty() {
        (-60.0, 80.0, -180.0, 180.0)
    } else {
        let lat_margin = ((north - south) * 0.5).max(6.0);
        let lon_margin = ((east - west) * 0.5).max(6.0);
        (
            south - lat_margin,
            north + lat_margin,
            west - lon_margin,
            east + lon_margin,
        )
    };
    let shrink = f64::midpoint(south, north).to_radians().cos().max(0.2);
    let (seen_w, seen_h) = ((east - west) * shrink, north - south);
    let aspect = if aspect.is_finite() && aspect > 0.0 {
        aspect
    } else {
        1.0
    };
    let (mut b, half_w, half_h) = if seen_w / seen_h < aspect {
        let half = seen_h * aspect / shrink / 2.0;
        (
            Bounds {
                west,
                east,
                south,
                north,
            },
            half,
            (north - south) / 2.0,
        )
    } else {
        let half = seen_w / aspect / 2.0;
        (
            Bounds {
                west,
                east,
                south,
                north,
            },
            (east - west) / 2.0,
            half,
        )
    };
    let (mid_lon, mid_lat) = (f64::midpoint(west, east), f64::midpoint(south, north));
    // Kept on the globe: moved back inside where the widening pushed an edge off it.
    let half_w = half_w.min(180.0);
    let half_h = half_h.min(90.0);
    let mid_lon = mid_lon.clamp(-180.0 + half_w, 180.0 - half_w);
    let mid_lat = mid_lat.clamp(-90.0 + half_h, 90.0 - half_h);
    b.west = mid_lon - half_w;
    b.east = mid_lon + half_w;
    b.south = mid_lat - half_h;
    b.north = mid_lat + half_h;
    b
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::Degrees;

    fn place(name: &str, lat: f64, lon: f64) -> Place {
        Place {
            name: Prose::checked(name).unwrap(),
            lat: Degrees::from_f64(lat).unwrap(),
            lon: Degrees::from_f64(lon).unwrap(),
        }
    }

    #[test]
    fn a_map_holds_its_places_with_a_margin_and_the_boxs_shape() {
        let places = [
            place("Budapest", 47.50, 19.04),
            place("Moscow", 55.76, 37.62),
        ];
        for aspect in [0.5, 1.0, 2.0, 4.0] {
            let b = bounds(&places, aspect);
            for p in &places {
                let (lat, lon) = (p.lat.as_f64(), p.lon.as_f64());
                assert!(
                    b.south + 1.0 < lat && lat < b.north - 1.0,
                    "{aspect}: {b:?}"
                );
                assert!(b.west + 1.0 < lon && lon < b.east - 1.0, "{aspect}: {b:?}");
            }
            let shrink = f64::midpoint(b.south, b.north).to_radians().cos();
            let seen = (b.east - b.west) * shrink / (b.north - b.south);
            assert!((seen - aspect).abs() < 0.01, "{aspect}: {seen}");
        }
    }

    #[test]
    fn a_map_stays_on_the_globe() {
        let b = bounds(&[place("Pole", 89.9, 179.9)], 3.0);
        assert!(
            b.north <= 90.0 && b.east <= 180.0 && b.south >= -90.0,
            "{b:?}"
        );
    }

    #[test]
    fn coordinates_read_as_on_a_map() {
        assert_eq!(coordinates(&place("x", 47.5, 19.04)), "47.50° N 19.04° E");
        assert_eq!(
            coordinates(&place("x", -33.86, -70.65)),
            "33.86° S 70.65° W"
        );
    }
}
