//! Pictures as the terminal draws them: each decoded picture of the deck, and for each box a
//! slide gives one, the picture encoded for the terminal's graphics (kitty, iTerm2, sixel or
//! half-blocks, as the `Picker` found at start-up) at that box's size. The loop hands in the
//! decoded pictures (the files are read at the edge) and asks for the encodings when the slide
//! or the size changes, outside drawing; drawing only reads them, so a frame never decodes or
//! encodes anything.

use std::collections::HashMap;

use image::DynamicImage;
use image::imageops::FilterType;
use ratatui::layout::Size;
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::{Image, Resize};

use crate::layout::{FigureKind, SlideLayout};

/// More encodings than this and the cache starts again: a lecture's pictures at a size or two.
const MAX_READY: usize = 48;

/// The deck's pictures, decoded and encoded for the terminal.
pub struct Pictures {
    picker: Picker,
    /// Each picture by its path as the deck writes it: decoded, or why it cannot be.
    decoded: HashMap<String, Result<DynamicImage, String>>,
    /// Encodings by path and box size.
    ready: HashMap<(String, u16, u16), Protocol>,
}

impl Pictures {
    /// Pictures drawn as `picker` says (`Picker::halfblocks()` where the terminal could not be
    /// asked, and in tests).
    pub fn new(picker: Picker) -> Pictures {
        Pictures {
            picker,
            decoded: HashMap::new(),
            ready: HashMap::new(),
        }
    }

    /// Pictures drawn in half-blocks, as on a terminal that has no graphics (and in tests).
    pub fn half_blocks() -> Pictures {
        Pictures::new(Picker::halfblocks())
    }

    /// The paths of the pictures `layout` shows that have not been read yet.
    pub fn unread(&self, layout: &SlideLayout) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for f in &layout.figures {
            if let FigureKind::Image { path, .. } = &f.kind
                && !self.decoded.contains_key(path)
                && !out.contains(path)
            {
                out.push(path.clone());
            }
        }
        out
    }

    /// Keeps a picture that was read (or why it could not be).
    pub fn insert(&mut self, path: String, picture: Result<DynamicImage, String>) {
        self.ready.retain(|(p, _, _), _| *p != path);
        self.decoded.insert(path, picture);
    }

    /// Forgets every picture: the deck changed, and its files may have too.
    pub fn clear(&mut self) {
        self.decoded.clear();
        self.ready.clear();
    }

    /// Encodes the pictures `layout` shows at the sizes of their boxes, where not done yet.
    pub fn prepare(&mut self, layout: &SlideLayout) {
        for f in &layout.figures {
            let FigureKind::Image { path, .. } = &f.kind else {
                continue;
            };
            let key = (path.clone(), f.width, f.rows);
            if self.ready.contains_key(&key) {
                continue;
            }
            let Some(Ok(image)) = self.decoded.get(path) else {
                continue;
            };
            if self.ready.len() >= MAX_READY {
                self.ready.clear();
            }
            // Scaled up as well as down: a small scan should fill a projector's screen.
            let resize = Resize::Scale(Some(FilterType::Triangle));
            if let Ok(protocol) =
                self.picker
                    .new_protocol(image.clone(), Size::new(f.width, f.rows), resize)
            {
                self.ready.insert(key, protocol);
            }
        }
    }

    /// The picture at `path` encoded for a box `width` by `rows`, if it is ready.
    pub fn ready(&self, path: &str, width: u16, rows: u16) -> Option<Drawable<'_>> {
        self.ready
            .get(&(path.to_owned(), width, rows))
            .map(|protocol| Drawable {
                protocol,
                // Sixel and iTerm2 images are one escape sequence: they cannot be cut.
                whole_only: matches!(
                    self.picker.protocol_type(),
                    ProtocolType::Sixel | ProtocolType::Iterm2
                ),
            })
    }
}

/// A picture ready to draw.
pub struct Drawable<'a> {
    protocol: &'a Protocol,
    /// Whether it can only be drawn whole, not cut at the screen's edge.
    pub whole_only: bool,
}

impl Drawable<'_> {
    /// The cells it takes.
    pub fn size(&self) -> Size {
        self.protocol.size()
    }

    /// The widget that draws it.
    pub fn widget(&self) -> Image<'_> {
        Image::new(self.protocol)
    }
}
