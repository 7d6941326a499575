//! Speaker notes as blocks for a document: paragraphs (their lines kept apart, as the notes pane
//! keeps them) and bullet lists (lines starting `- `), split at blank lines and at the change
//! from one kind to the other. The HTML and the Markdown handouts share the split.

/// A block of speaker notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotesBlock<'a> {
    /// A paragraph's lines, each to stand on a line of its own.
    Paragraph(Vec<&'a str>),
    /// A list's items, `- ` taken off.
    Bullets(Vec<&'a str>),
}

/// The blocks of `notes`.
pub fn blocks(notes: &str) -> Vec<NotesBlock<'_>> {
    let mut out: Vec<NotesBlock<'_>> = Vec::new();
    let mut open = false;
    for line in notes.split('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            open = false;
            continue;
        }
        let item = line.trim_start().strip_prefix("- ").map(str::trim);
        match (item, out.last_mut()) {
            (Some(item), Some(NotesBlock::Bullets(items))) if open => items.push(item),
            (None, Some(NotesBlock::Paragraph(lines))) if open => lines.push(trimmed),
            (Some(item), _) => out.push(NotesBlock::Bullets(vec![item])),
            (None, _) => out.push(NotesBlock::Paragraph(vec![trimmed])),
        }
        open = true;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_lists_split_at_blank_lines_and_at_a_change_of_kind() {
        let notes = "First line\nsecond line\n\n- one\n- two\nAfter the list\n\n\n  - indented";
        assert_eq!(
            blocks(notes),
            [
                NotesBlock::Paragraph(vec!["First line", "second line"]),
                NotesBlock::Bullets(vec!["one", "two"]),
                NotesBlock::Paragraph(vec!["After the list"]),
                NotesBlock::Bullets(vec!["indented"]),
            ]
        );
        assert_eq!(blocks("\n \n"), []);
        // A dash without its space is prose, as in the notes pane.
        assert_eq!(
            blocks("-5 degrees"),
            [NotesBlock::Paragraph(vec!["-5 degrees"])]
        );
    }
}
