//! The world's coastlines as line segments, for a map drawn at a country's scale. ratatui's
//! own world map plots its outline's points one by one, which at the scale of Central Europe
//! leaves a few dots a coast; joining each point to the next makes the coasts lines again. The
//! points (`assets/coast.txt`) are that same outline, in drawing order; two consecutive points
//! further apart than [`MAX_STEP`] belong to different coasts and are not joined.

use std::sync::OnceLock;

use super::figure::Bounds;

/// Longest step, in degrees, between two points of one coast (the outline's steps are under
/// two degrees nine times in ten; its jumps between coasts are tens of degrees).
pub const MAX_STEP: f64 = 5.0;

/// The outline, read once from the embedded file.
fn points() -> &'static [(f64, f64)] {
    static POINTS: OnceLock<Vec<(f64, f64)>> = OnceLock::new();
    POINTS.get_or_init(|| read(include_str!("../../assets/coast.txt")))
}

/// `lon lat` lines; `#` comments and anything that does not read as two numbers are skipped.
fn read(text: &str) -> Vec<(f64, f64)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (lon, lat) = l.trim().split_once(' ')?;
            Some((lon.parse().ok()?, lat.parse().ok()?))
        })
        .collect()
}

/// The coast segments, `((lon, lat), (lon, lat))`, that cross `bounds` or touch it.
pub fn segments(bounds: &Bounds) -> impl Iterator<Item = ((f64, f64), (f64, f64))> + '_ {
    joined(points(), bounds)
}

fn joined<'a>(
    points: &'a [(f64, f64)],
    b: &'a Bounds,
) -> impl Iterator<Item = ((f64, f64), (f64, f64))> + 'a {
    points.windows(2).filter_map(move |pair| {
        let (a, c) = (pair[0], pair[1]);
        let near = (a.0 - c.0).hypot(a.1 - c.1) <= MAX_STEP;
        let seen = a.0.max(c.0) >= b.west
            && a.0.min(c.0) <= b.east
            && a.1.max(c.1) >= b.south
            && a.1.min(c.1) <= b.north;
        (near && seen).then_some((a, c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const EUROPE: Bounds = Bounds {
        west: 5.0,
        east: 45.0,
        south: 40.0,
        north: 62.0,
    };

    #[test]
    fn the_outline_is_read_whole() {
        assert_eq!(points().len(), 5125);
        assert!(
            points()
                .iter()
                .all(|&(lon, lat)| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat))
        );
    }

    /// Near points are joined and far ones (another coast) are not; what lies wholly outside
    /// the map is left out, what crosses its edge is kept.
    #[test]
    fn near_points_are_joined_within_the_map() {
        let points = [
            (10.0, 50.0),
            (11.0, 51.0), // one degree on: joined
            (30.0, 55.0), // nineteen degrees on: another coast
            (31.0, 55.5), // joined
            (60.0, 55.0), // far: not joined
            (61.0, 55.0), // joined, but east of the map
            (44.0, 39.0), // far
            (46.0, 41.0), // crosses the map's south-east corner: kept
        ];
        let got: Vec<_> = joined(&points, &EUROPE).collect();
        assert_eq!(
            got,
            [
                ((10.0, 50.0), (11.0, 51.0)),
                ((30.0, 55.0), (31.0, 55.5)),
                ((44.0, 39.0), (46.0, 41.0)),
            ]
        );
    }

    /// Central Europe is drawn with coasts: the Baltic and the Adriatic at least, a few
    /// hundred segments, where the plotted points were a few dozen dots.
    #[test]
    fn central_europe_has_its_coasts() {
        let n = segments(&EUROPE).count();
        assert!(n > 100, "{n} segments");
        let near = |lon: f64, lat: f64| {
            segments(&EUROPE).any(|(a, _)| (a.0 - lon).abs() < 2.0 && (a.1 - lat).abs() < 2.0)
        };
        assert!(near(20.0, 55.0), "the Baltic coast near Kaliningrad");
        assert!(near(14.5, 45.0), "the Adriatic near Rijeka");
    }
}
