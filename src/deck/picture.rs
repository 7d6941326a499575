//! The picture files that `Image` blocks name: found relative to the deck's folder, read,
//! recognised as PNG or JPEG by their first bytes (not by their names), and decoded with limits
//! that keep a huge or hostile file from taking the machine's memory. `check` reports every
//! picture that would not show, at its `path` in the deck; the presenter and the handout show
//! the alt text instead.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};

use super::diagnostic::{Diagnostic, Severity};
use super::load::Loaded;
use super::model::{Block, Deck};
use super::scan::scan;

/// Larger files are refused unread: a slide's picture is a few megabytes at most.
const MAX_BYTES: u64 = 32 * 1024 * 1024;

/// Larger pictures are refused before decoding: no screen or page needs more pixels.
const MAX_SIDE: u32 = 12_000;

/// A picture's format, as its bytes say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
}

impl Format {
    /// The media type, for a data URI.
    pub fn mime(self) -> &'static str {
        match self {
            Format::Png => "image/png",
            Format::Jpeg => "image/jpeg",
        }
    }

    fn sniff(bytes: &[u8]) -> Option<Format> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Format::Png)
        } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
            Some(Format::Jpeg)
        } else {
            None
        }
    }

    fn image_format(self) -> ImageFormat {
        match self {
            Format::Png => ImageFormat::Png,
            Format::Jpeg => ImageFormat::Jpeg,
        }
    }
}

/// A picture file's bytes, known to decode.
#[derive(Clone, Debug)]
pub struct Picture {
    /// PNG or JPEG.
    pub format: Format,
    /// The file as it is.
    pub bytes: Vec<u8>,
    /// The decoded picture.
    pub image: DynamicImage,
}

/// Where the file a deck names as `written` is: relative paths from the deck's folder
/// (`folder` is `None` for the bundled lecture: then from the current folder).
pub fn locate(folder: Option<&Path>, written: &str) -> PathBuf {
    let path = Path::new(written);
    match folder {
        Some(folder) if path.is_relative() => folder.join(path),
        _ => path.to_owned(),
    }
}

/// The folder of the deck file at `deck` (`.` for a bare file name).
pub fn folder_of(deck: &Path) -> PathBuf {
    match deck.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
        _ => PathBuf::from("."),
    }
}

/// Reads and decodes the picture at `path`; the error says why it cannot be shown.
pub fn load(path: &Path) -> Result<Picture, String> {
    let file = File::open(path).map_err(|e| format!("cannot open it: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(format!(
            "it is larger than {} MiB",
            MAX_BYTES / (1024 * 1024)
        ));
    }
    let format = Format::sniff(&bytes).ok_or("it is neither a PNG nor a JPEG file")?;
    let image = decode(&bytes, format)?;
    Ok(Picture {
        format,
        bytes,
        image,
    })
}

fn decode(bytes: &[u8], format: Format) -> Result<DynamicImage, String> {
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format.image_format());
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    reader
        .decode()
        .map_err(|e| format!("it does not decode as a {format:?} picture: {e}"))
}

/// Every `Image` path of `deck`, in file order (the order serde read them in).
pub fn paths(deck: &Deck) -> Vec<&str> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a str>) {
        for block in blocks {
            match block {
                Block::Image { path, .. } => out.push(path.as_str()),
                Block::Columns { left, right } => {
                    walk(left, out);
                    walk(right, out);
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for slide in deck.slides() {
        walk(&slide.body, &mut out);
    }
    out
}

/// An error for each picture of a loaded deck that would not show, at its `path` in the file:
/// which file and why.
pub fn check(loaded: &Loaded, name: &str, folder: Option<&Path>) -> Vec<Diagnostic> {
    let paths = paths(&loaded.deck);
    if paths.is_empty() {
        return Vec::new();
    }
    let found = scan(&loaded.source);
    let mut places = found.strings.iter().filter(|(key, _, _)| key == "path");
    let mut out = Vec::new();
    for written in paths {
        let place = places.next();
        let file = locate(folder, written);
        if let Err(why) = load(&file) {
            let (line, column, width) =
                place.map_or((1, 1, 1), |(_, (l, c), t)| (*l, *c, t.chars().count()));
            out.push(
                Diagnostic::at(
                    Severity::Error,
                    name,
                    &loaded.source,
                    line,
                    column,
                    format!("the picture {} cannot be shown: {why}", file.display()),
                )
                .with_width(width)
                .with_hint("the path is relative to the deck's folder; PNG and JPEG files work"),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use image::{ImageEncoder, RgbImage};

    use super::*;

    #[test]
    fn png_and_jpeg_decode_and_anything_else_says_why_not() {
        let dir = tempfile::tempdir().unwrap();
        let pixels = RgbImage::from_fn(8, 6, |x, y| {
            image::Rgb([
                u8::try_from(x * 30).unwrap(),
                u8::try_from(y * 40).unwrap(),
                90,
            ])
        });
        let mut jpeg = Vec::new();
        image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
            .write_image(pixels.as_raw(), 8, 6, image::ExtendedColorType::Rgb8)
            .unwrap();
        let mut png = Vec::new();
        image::codecs::png::PngEncoder::new(&mut png)
            .write_image(pixels.as_raw(), 8, 6, image::ExtendedColorType::Rgb8)
            .unwrap();
        // The bytes decide, not the name.
        for (name, bytes, format) in [
            ("a.jpg", &jpeg, Format::Jpeg),
            ("b.png", &png, Format::Png),
            ("c.png", &jpeg, Format::Jpeg),
        ] {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            let picture = load(&path).unwrap();
            assert_eq!(picture.format, format, "{name}");
            assert_eq!((picture.image.width(), picture.image.height()), (8, 6));
        }
        let gif = dir.path().join("d.gif");
        std::fs::write(&gif, b"GIF89a...").unwrap();
        assert_eq!(
            load(&gif).unwrap_err(),
            "it is neither a PNG nor a JPEG file"
        );
        let cut = dir.path().join("e.png");
        std::fs::write(&cut, &png[..png.len() / 2]).unwrap();
        assert!(load(&cut).unwrap_err().starts_with("it does not decode"));
        assert!(
            load(&dir.path().join("none.png"))
                .unwrap_err()
                .starts_with("cannot open it")
        );
    }

    #[test]
    fn paths_are_found_beside_the_deck() {
        assert_eq!(
            locate(Some(Path::new("slides")), "pictures/a.png"),
            Path::new("slides/pictures/a.png")
        );
        assert_eq!(
            locate(Some(Path::new("slides")), "/tmp/a.png"),
            Path::new("/tmp/a.png")
        );
        assert_eq!(folder_of(Path::new("deck.ron")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/deck.ron")), Path::new("a"));
    }
}
