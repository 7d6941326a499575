//! `tribune handout`: the deck as a handout for students, one HTML page or Markdown, written to
//! a file (whole or not at all) or to standard output.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::error::Error;
use super::input::load;
use crate::cli::{HandoutArgs, HandoutFormat};
use crate::deck::picture;
use crate::export::{Options, Pictures, html, markdown};

/// Writes the handout.
pub fn run(args: &HandoutArgs) -> Result<ExitCode, Error> {
    let loaded = load(&args.deck)?;
    let options = Options {
        notes: args.notes,
        corrections: args.corrections,
    };
    let format = args
        .format
        .unwrap_or_else(|| format_for(args.output.as_deref()));
    let text = match format {
        HandoutFormat::Html => html::handout(&loaded.deck, options, &pictures(args, &loaded)),
        HandoutFormat::Md => markdown::handout(&loaded.deck, options),
    };
    if let Some(path) = &args.output {
        if let Some(deck) = &args.deck.deck {
            refuse_deck(deck, path)?;
        }
        write_whole(path, &text)
            .map_err(|e| Error::Failed(format!("cannot write {}: {e}", path.display())))?;
    } else {
        let mut out = std::io::stdout().lock();
        match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
            // A closed pipe (`tribune handout | head`) is not worth a message.
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            Err(e) => return Err(Error::Failed(format!("cannot write the handout: {e}"))),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The deck's pictures that load, for the HTML handout to embed; one that does not gets a line
/// on stderr (the handout shows its alt text; `tribune check` says the same at its place).
fn pictures(args: &HandoutArgs, loaded: &crate::deck::Loaded) -> Pictures {
    let folder = args.deck.deck.as_deref().map(picture::folder_of);
    let mut out = Pictures::new();
    for written in picture::paths(&loaded.deck) {
        if out.contains_key(written) {
            continue;
        }
        let file = picture::locate(folder.as_deref(), written);
        match picture::load(&file) {
            Ok(p) => {
                out.insert(written.to_owned(), p);
            }
            Err(why) => eprintln!(
                "tribune: the picture {} is left out ({why}); its alt text stands in",
                file.display()
            ),
        }
    }
    out
}

/// Markdown for a file named `*.md` or `*.markdown`, HTML otherwise.
fn format_for(output: Option<&Path>) -> HandoutFormat {
    let markdown = output
        .and_then(Path::extension)
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"));
    if markdown {
        HandoutFormat::Md
    } else {
        HandoutFormat::Html
    }
}

/// tribune never writes to a deck file: not even when asked to put a handout in its place.
fn refuse_deck(deck: &Path, output: &Path) -> Result<(), Error> {
    let same = match (fs::canonicalize(deck), fs::canonicalize(output)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Error::Failed(format!(
            "{} is the deck itself; write the handout to another file",
            output.display()
        )));
    }
    Ok(())
}

/// Writes `text` to a file beside `path`, then renames it into place, so that `path` holds the
/// old handout or the new one, never half of one.
fn write_whole(path: &Path, text: &str) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "handout".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.{}.part", std::process::id()));
    let written = fs::write(&temp, text).and_then(|()| fs::rename(&temp, path));
    if written.is_err() {
        let _ = fs::remove_file(&temp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_chooses_markdown_or_html() {
        assert_eq!(format_for(Some(Path::new("week1.md"))), HandoutFormat::Md);
        assert_eq!(
            format_for(Some(Path::new("a/b.MARKDOWN"))),
            HandoutFormat::Md
        );
        assert_eq!(
            format_for(Some(Path::new("lecture.html"))),
            HandoutFormat::Html
        );
        assert_eq!(format_for(Some(Path::new("lecture"))), HandoutFormat::Html);
        assert_eq!(format_for(None), HandoutFormat::Html);
    }
}
