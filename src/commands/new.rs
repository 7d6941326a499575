//! `tribune new FILE`: writes the starter deck (`assets/starter.ron`): a few commented slides
//! that show every block kind and every kind of date, to learn the format from and write over.
//! It never overwrites a file, and when it fails it leaves nothing behind, not even a folder.

use std::fs::{self, OpenOptions};
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::error::Error;
use super::output;
use crate::cli::NewArgs;
use crate::deck::parse_deck;
use crate::timing::class_log::shell_word;

/// The starter deck, embedded so `tribune new` works from any directory.
const STARTER: &str = include_str!("../../assets/starter.ron");

/// The starter deck's title as the file writes it, in the deck's `title` and its title slide's:
/// `--title` replaces both.
const STARTER_TITLE: &str = "\"How to write a tribune lecture\"";

/// Writes the starter deck.
pub fn run(args: &NewArgs) -> Result<ExitCode, Error> {
    let text = starter(args.title.as_deref())?;
    let path = &args.file;
    // Read back before writing: whatever the title held, the file written is a deck that loads.
    let loaded = parse_deck(&path.display().to_string(), text.as_bytes()).map_err(Error::Deck)?;
    create(path, &text)?;
    let deck = &loaded.deck;
    let shown = shell_word(path);
    let check = format!("tribune check {shown}");
    let present = format!("tribune {shown}");
    let width = check.chars().count();
    let message = format!(
        "Wrote {}: a starter deck of {} slides in {} parts. Its comments explain the format.\n\
         Next:\n  \
         {check:<width$}   # errors and warnings, with line numbers\n  \
         {present:<width$}   # present it (? lists the keys, q quits)\n",
        path.display(),
        deck.slide_count(),
        deck.parts.len(),
    );
    // The deck is written: that is the command's work, and a report that cannot be printed (a
    // full or closed stdout) does not undo it.
    let _ = output::write(message.as_bytes(), "the next steps");
    Ok(ExitCode::SUCCESS)
}

/// The starter deck's text, with `title` in place of its own.
fn starter(title: Option<&str>) -> Result<String, Error> {
    let Some(title) = title else {
        return Ok(STARTER.to_owned());
    };
    // RON's own writer escapes quotes, backslashes and anything else a string cannot hold raw.
    let literal = ron::to_string(title)
        .map_err(|e| Error::Failed(format!("cannot write the title {title:?} as RON: {e}")))?;
    Ok(STARTER.replace(STARTER_TITLE, &literal))
}

/// Creates `path` holding `text`, and any folders missing above it. A file already there is
/// refused (by the open itself, so no other writer can slip in between a check and the
/// write); on any failure the file and the folders made for it are removed.
fn create(path: &Path, text: &str) -> Result<(), Error> {
    let fail = |e: std::io::Error| {
        if path.is_dir() || e.kind() == ErrorKind::IsADirectory {
            Error::Failed(format!(
                "{} is a folder; name the deck's file, like {}",
                path.display(),
                path.join("lecture.ron").display()
            ))
        } else if e.kind() == ErrorKind::AlreadyExists {
            Error::Failed(format!(
                "{} already exists; tribune new never overwrites a file: give another name, or \
                 move that file away first",
                path.display()
            ))
        } else {
            Error::Failed(format!("cannot write {}: {e}", path.display()))
        }
    };
    let made = missing_folders(path);
    let written = (|| {
        if let Some(deepest) = made.last() {
            fs::create_dir_all(deepest)?;
        }
        let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
        let result = file
            .write_all(text.as_bytes())
            .and_then(|()| file.sync_all());
        if result.is_err() {
            let _ = fs::remove_file(path);
        }
        result
    })();
    if let Err(e) = written {
        // Deepest first; `remove_dir` leaves alone a folder something else has put a file in.
        for dir in made.iter().rev() {
            let _ = fs::remove_dir(dir);
        }
        return Err(fail(e));
    }
    Ok(())
}

/// The folders above `path` that do not exist yet, deepest last.
fn missing_folders(path: &Path) -> Vec<PathBuf> {
    let mut missing: Vec<PathBuf> = path
        .ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty())
        .take_while(|a| !a.exists())
        .map(Path::to_path_buf)
        .collect();
    missing.reverse();
    missing
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use serde::de::{self, Deserialize, Deserializer, Visitor};

    use super::*;
    use crate::deck::{Block, Deck};

    fn loaded(text: &str) -> Deck {
        let loaded = parse_deck("starter.ron", text.as_bytes())
            .unwrap_or_else(|e| panic!("the starter deck does not load:\n{e}"));
        assert!(
            loaded.warnings.is_empty(),
            "{}",
            crate::deck::diagnostic::render_all(&loaded.warnings)
        );
        loaded.deck
    }

    /// A deserializer that only records the variant names serde asks it for: the block kinds
    /// the loader accepts, read from the model itself, so a new kind needs no list kept by hand.
    struct VariantNames(Vec<&'static str>);

    impl<'de> Deserializer<'de> for &mut VariantNames {
        type Error = de::value::Error;

        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("only enums"))
        }

        fn deserialize_enum<V: Visitor<'de>>(
            self,
            _name: &'static str,
            variants: &'static [&'static str],
            _visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.0.extend(variants);
            Err(de::Error::custom("names read"))
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
            identifier ignored_any
        }
    }

    /// A block's kind as the deck writes it. Exhaustive on purpose: a new kind does not compile
    /// here until it is named.
    fn kind(block: &Block) -> &'static str {
        match block {
            Block::Text(_) => "Text",
            Block::Bullets(_) => "Bullets",
            Block::Quote { .. } => "Quote",
            Block::Excerpt { .. } => "Excerpt",
            Block::Columns { .. } => "Columns",
            Block::Pause => "Pause",
            Block::Image { .. } => "Image",
            Block::Table { .. } => "Table",
            Block::Map { .. } => "Map",
        }
    }

    fn kinds(blocks: &[Block], seen: &mut BTreeSet<&'static str>) {
        for b in blocks {
            seen.insert(kind(b));
            if let Block::Columns { left, right } = b {
                kinds(left, seen);
                kinds(right, seen);
            }
        }
    }

    #[test]
    fn the_starter_deck_shows_every_block_kind_the_loader_accepts() {
        let mut names = VariantNames(Vec::new());
        let _ = Block::deserialize(&mut names);
        let accepted: BTreeSet<&str> = names.0.into_iter().collect();
        assert!(accepted.contains("Text"), "{accepted:?}");

        let deck = loaded(STARTER);
        let mut shown = BTreeSet::new();
        for slide in deck.slides() {
            kinds(&slide.body, &mut shown);
        }
        // A picture needs a file beside the deck, and `new` writes one file: the starter shows
        // `Image` in a comment, and the test below reads that comment as a block.
        shown.insert("Image");
        let missing: Vec<_> = accepted.difference(&shown).collect();
        assert!(missing.is_empty(), "the starter deck shows no {missing:?}");
        let image = STARTER
            .lines()
            .map(str::trim_start)
            .find_map(|l| l.strip_prefix("// Image("))
            .expect("an Image in a comment");
        let image: Block = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(&format!("Image({}", image.trim_end_matches(',')))
            .unwrap_or_else(|e| panic!("the commented Image does not read: {e}"));
        assert_eq!(kind(&image), "Image");
    }

    #[test]
    fn the_starter_deck_shows_the_rest_of_the_format() {
        let deck = loaded(STARTER);
        let slides: Vec<_> = deck.slides().collect();
        assert!((5..=9).contains(&slides.len()), "{} slides", slides.len());
        assert_eq!(deck.parts.len(), 2);
        assert!(deck.subtitle.is_some() && deck.author.is_some());
        assert!(deck.duration.is_some() && deck.class.is_some() && deck.theme.is_some());
        assert!(!deck.milestones.is_empty());
        assert!(slides.iter().any(|s| s.span.is_some()));
        assert!(slides.iter().any(|s| s.flashback));
        assert!(slides.iter().any(|s| s.date_label.is_some()));
        assert!(slides.iter().any(|s| s.duration.is_some()));
        assert!(slides.iter().any(|s| !s.sources.is_empty()));
        assert!(slides.iter().any(|s| !s.corrections.is_empty()));
        assert!(slides.iter().any(|s| s.body.iter().any(
            |b| matches!(b, Block::Bullets(items) if items.iter().any(|i| !i.children.is_empty()))
        )));
        // Every kind of date, each as a slide's own date.
        let written: Vec<&str> = slides
            .iter()
            .filter_map(|s| Some(s.date.as_ref()?.written.as_str()))
            .collect();
        for date in [
            "1969-07-20",
            "1948-12",
            "1989",
            "1960s",
            "1948/1989",
            "c. 1455",
            "44 BC",
        ] {
            assert!(
                written.contains(&date),
                "no slide dated {date}: {written:?}"
            );
        }
        assert_eq!(deck.span.written, "20th century");
    }

    #[test]
    fn the_title_stands_twice_in_the_template() {
        assert_eq!(STARTER.matches(STARTER_TITLE).count(), 2);
    }

    #[test]
    fn a_title_with_quotes_backslashes_and_accents_round_trips() {
        for title in [
            r#"My "first" lecture"#,
            r"C:\lectures\1789",
            "L'été 1789 — \"la Grande Peur\" \\ ok",
            "Two\nlines",
            "r#\"raw\"#",
            "e\u{301}tude",
        ] {
            let text = starter(Some(title)).expect("a title RON can write");
            let deck = loaded(&text);
            assert_eq!(deck.title.as_str(), title);
            assert_eq!(
                deck.slide(0).map(|s| s.title.as_str()),
                Some(title),
                "the title slide"
            );
        }
    }

    #[test]
    fn missing_folders_are_listed_from_the_top() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("a/b/lecture.ron");
        assert_eq!(
            missing_folders(&path),
            vec![dir.path().join("a"), dir.path().join("a/b")]
        );
        assert!(missing_folders(&dir.path().join("lecture.ron")).is_empty());
        assert!(missing_folders(Path::new("lecture.ron")).is_empty());
    }
}
