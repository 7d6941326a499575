//! A `Table` block as lines: columns as wide as their widest cell when the width allows,
//! narrowed in proportion when it does not (never below the longest word while that fits),
//! every cell wrapped in its column and padded by display width, so columns line up in any
//! script. Figures sit to the right of their column (and so does the heading of a column of
//! figures); the header is bold, over a rule.

use super::styled::{Line, Role, Run, plain};
use crate::deck::Prose;
use crate::deck::date::strip_circa;
use crate::text::width;

/// What separates two columns.
const GAP: &str = " │ ";

/// The table's lines at `max_width` cells.
pub fn lines(header: &[Prose], rows: &[Vec<Prose>], max_width: usize) -> Vec<Line> {
    let columns = header.len();
    if columns == 0 {
        return Vec::new();
    }
    let all: Vec<&[Prose]> = std::iter::once(header)
        .chain(rows.iter().map(Vec::as_slice))
        .collect();
    let widths = column_widths(&all, columns, max_width);
    let wrapped: Vec<Vec<Vec<Line>>> = all
        .iter()
        .enumerate()
        .map(|(r, row)| {
            let role = if r == 0 { Role::Title } else { Role::Body };
            widths
                .iter()
                .enumerate()
                .map(|(c, &w)| {
                    let text = row.get(c).map_or("", Prose::as_str);
                    let mut lines = plain(text, role, w);
                    if r == 0 {
                        lines = lines.into_iter().map(bold).collect();
                    }
                    lines
                })
                .collect()
        })
        .collect();
    // A rule between rows only where a row takes more than one line, so that the eye can
    // tell which lines belong together; compact tables stay compact.
    let tall = wrapped
        .iter()
        .skip(1)
        .any(|row| row.iter().any(|cell| cell.len() > 1));
    // A heading sits over its column: to the right over a column of figures.
    let figures: Vec<bool> = (0..columns)
        .map(|c| {
            !rows.is_empty()
                && rows
                    .iter()
                    .all(|r| r.get(c).is_some_and(|p| is_number(p.as_str())))
        })
        .collect();
    let mut out = Vec::new();
    for (r, row) in wrapped.iter().enumerate() {
        if r == 1 || (r > 1 && tall) {
            out.push(rule(&widths, if r == 1 { '━' } else { '─' }));
        }
        let height = row.iter().map(Vec::len).max().unwrap_or(1);
        for k in 0..height {
            let mut runs = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                if c > 0 {
                    runs.push(Run::new(GAP, Role::Faint));
                }
                let line = cell.get(k).cloned().unwrap_or_default();
                let pad = widths[c].saturating_sub(line.width());
                let numeric = if r == 0 {
                    figures[c]
                } else {
                    all[r].get(c).is_some_and(|p| is_number(p.as_str()))
                };
                let last = c + 1 == row.len();
                if numeric && pad > 0 {
                    runs.push(Run::new(" ".repeat(pad), Role::Body));
                }
                runs.extend(line.runs);
                if !numeric && pad > 0 && !last {
                    runs.push(Run::new(" ".repeat(pad), Role::Body));
                }
            }
            out.push(Line { runs });
        }
    }
    out
}

/// A line of `glyph` under each column, crossing the gaps.
fn rule(widths: &[usize], glyph: char) -> Line {
    let cross = if glyph == '━' {
        "━┿━"
    } else {
        "─┼─"
    };
    let text: Vec<String> = widths
        .iter()
        .map(|w| glyph.to_string().repeat(*w))
        .collect();
    Line::of(text.join(cross), Role::Faint)
}

fn bold(line: Line) -> Line {
    Line {
        runs: line
            .runs
            .into_iter()
            .map(|r| Run::bold(r.text, r.role))
            .collect(),
    }
}

/// Whether a cell reads as a figure (`1,956`, `~2,500`, `c. 700`, `12.5 %`, `−3`): such cells align
/// right, so that units line up under units.
pub fn is_number(text: &str) -> bool {
    // A figure may be an estimate, circa written as in dates: `c. 2,500`.
    let (_, t) = strip_circa(text.trim());
    t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || matches!(c, ',' | '.' | ' ' | '~' | '%' | '+' | '-' | '−' | '≈')
        })
}

/// Each column's width in cells: its widest cell if all fit `max_width` with the gaps; else
/// each column gets its longest word (or an even share, if even that is too much) and the
/// rest is shared in proportion to how much more each would take.
fn column_widths(rows: &[&[Prose]], columns: usize, max_width: usize) -> Vec<usize> {
    let room = max_width
        .saturating_sub(width(GAP) * (columns - 1))
        .max(columns);
    let cell = |row: &[Prose], c: usize| row.get(c).map_or(String::new(), ToString::to_string);
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .map(|r| width(&cell(r, c)))
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    if natural.iter().sum::<usize>() <= room {
        return natural;
    }
    // Columns narrower than an even share of what is left keep their width, so that short
    // columns (dates, figures) never wrap for the sake of a long one.
    let mut fixed: Vec<Option<usize>> = vec![None; columns];
    loop {
        let open = fixed.iter().filter(|f| f.is_none()).count().max(1);
        let share = room.saturating_sub(fixed.iter().flatten().sum()) / open;
        let mut changed = false;
        for c in 0..columns {
            if fixed[c].is_none() && natural[c] <= share {
                fixed[c] = Some(natural[c]);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let room = room.saturating_sub(fixed.iter().flatten().sum());
    let open = fixed.iter().filter(|f| f.is_none()).count().max(1);
    let share = room / open;
    let least: Vec<usize> = (0..columns)
        .map(|c| {
            if let Some(w) = fixed[c] {
                return w;
            }
            rows.iter()
                .flat_map(|r| cell(r, c).split_whitespace().map(width).collect::<Vec<_>>())
                .max()
                .unwrap_or(1)
                .clamp(1, share.max(1))
        })
        .collect();
    let open_least: usize = (0..columns)
        .filter(|c| fixed[*c].is_none())
        .map(|c| least[c])
        .sum();
    let extra = room.saturating_sub(open_least);
    let wanted: Vec<usize> = (0..columns)
        .map(|c| {
            if fixed[c].is_some() {
                0
            } else {
                natural[c].saturating_sub(least[c])
            }
        })
        .collect();
    let total_wanted: usize = wanted.iter().sum::<usize>().max(1);
    let mut widths: Vec<usize> = least
        .iter()
        .zip(&wanted)
        .map(|(l, w)| l + extra * w / total_wanted)
        .collect();
    // What the rounding down left goes to the columns that want more, left to right.
    let mut left =
        (room + fixed.iter().flatten().sum::<usize>()).saturating_sub(widths.iter().sum());
    for (w, n) in widths.iter_mut().zip(&natural) {
        if left == 0 {
            break;
        }
        if *w < *n {
            *w += 1;
            left -= 1;
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(cells: &[&str]) -> Vec<Prose> {
        cells.iter().map(|c| Prose::checked(c).unwrap()).collect()
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn columns_line_up_by_display_width_and_numbers_sit_right() {
        let header = prose(&["City", "Population"]);
        let rows = vec![
            prose(&["Budapest", "1,700,000"]),
            prose(&["布達佩斯", "12"]),
            prose(&["Москва", "c. 5,000,000"]),
        ];
        assert_eq!(
            texts(&lines(&header, &rows, 60)),
            [
                "City     │   Population",
                "━━━━━━━━━┿━━━━━━━━━━━━━",
                "Budapest │    1,700,000",
                "布達佩斯 │           12",
                "Москва   │ c. 5,000,000",
            ]
        );
    }

    #[test]
    fn a_narrow_table_wraps_its_cells_and_rules_off_its_rows() {
        let header = prose(&["Date", "Event"]);
        let rows = vec![
            prose(&["23 Oct", "Students march to the Bem statue"]),
            prose(&["4 Nov", "Soviet tanks return"]),
        ];
        let out = texts(&lines(&header, &rows, 24));
        assert_eq!(
            out,
            [
                "Date   │ Event",
                "━━━━━━━┿━━━━━━━━━━━━━━━━",
                "23 Oct │ Students march",
                "       │ to the Bem",
                "       │ statue",
                "───────┼────────────────",
                "4 Nov  │ Soviet tanks",
                "       │ return",
            ]
        );
        for line in &out {
            assert!(width(line) <= 24, "{line:?}");
        }
    }

    #[test]
    fn the_header_is_bold() {
        let out = lines(&prose(&["A"]), &[prose(&["b"])], 10);
        assert!(out[0].runs.iter().all(|r| r.emphasis.bold));
        assert!(!out[2].runs.iter().any(|r| r.emphasis.bold));
    }
}
