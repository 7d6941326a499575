//! Writing HTML and SVG so that deck text can only ever be text: [`escape`] is the one escaping
//! function, and [`Markup`] is the one way the exporters build a page. Tag and attribute names
//! are `&'static str` (the exporter's own words), and every string that comes at run time (deck
//! text, numbers, dates) goes through [`escape`], in an element or in a double-quoted attribute
//! alike. A deck holding `<script>`, `</style>`, quotes or `<!--` therefore comes out as those
//! characters on the page, never as markup.

use std::borrow::Cow;

/// `text` with the five characters that could end text or an attribute value (`&`, `<`, `>`,
/// `"`, `'`) written as character references; everything else as it is.
///
/// Enough for element content and for double- or single-quoted attribute values; the exporters
/// never put run-time text anywhere else (not in `<style>`, not in an unquoted attribute, not in
/// a URL except as `#slide-N`).
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"', '\'']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `bytes` in base64 (RFC 4648, with padding), for a data URI: its alphabet holds nothing
/// that HTML or an attribute could read as markup.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A page (or an SVG fragment) being written.
#[derive(Debug, Default)]
pub struct Markup {
    out: String,
}

impl Markup {
    /// An empty page.
    pub fn new() -> Markup {
        Markup::default()
    }

    /// `<tag a="v" ...>`, each value escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push('>');
        self
    }

    /// `<tag a="v" .../>`: an element with no content (SVG shapes, `<meta>`).
    pub fn empty(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Self {
        self.start(tag, attrs);
        self.out.push_str("/>");
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Self {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Self {
        self.out.push_str(&escape(text));
        self
    }

    /// `<tag ...>text</tag>`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Self {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// The exporter's own markup, written as it is: only string literals get here (a doctype,
    /// the stylesheet, a line break), so nothing from a deck can.
    pub fn raw(&mut self, markup: &'static str) -> &mut Self {
        self.out.push_str(markup);
        self
    }

    /// Another piece written the same way (the timeline's SVG), appended.
    pub fn append(&mut self, other: &Markup) -> &mut Self {
        self.out.push_str(&other.out);
        self
    }

    /// The page.
    pub fn finish(self) -> String {
        self.out
    }

    fn start(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            self.out.push_str(&escape(value));
            self.out.push('"');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_characters_become_references_and_the_rest_stays() {
        assert_eq!(
            escape(r#"<script>alert("x" + 'y') & more</script>"#),
            "&lt;script&gt;alert(&quot;x&quot; + &#39;y&#39;) &amp; more&lt;/script&gt;"
        );
        assert_eq!(escape("Сталин 中蘇 — «ok»"), "Сталин 中蘇 — «ok»");
        assert!(matches!(escape("plain"), Cow::Borrowed("plain")));
        // An entity written in a deck is shown as written, not decoded.
        assert_eq!(escape("&lt;"), "&amp;lt;");
    }

    #[test]
    fn attribute_values_cannot_close_their_quotes() {
        let mut m = Markup::new();
        m.element(
            "p",
            &[("data-id", r#"x" onmouseover="alert(1)"#), ("lang", "ru'")],
            "<!-- c -->",
        );
        assert_eq!(
            m.finish(),
            "<p data-id=\"x&quot; onmouseover=&quot;alert(1)\" lang=\"ru&#39;\">\
             &lt;!-- c --&gt;</p>"
        );
    }

    #[test]
    fn base64_as_rfc_4648_says() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn empty_elements_and_appended_pieces() {
        let mut inner = Markup::new();
        inner.empty("circle", &[("r", "7")]);
        let mut m = Markup::new();
        m.open("svg", &[]).append(&inner).close("svg");
        assert_eq!(m.finish(), r#"<svg><circle r="7"/></svg>"#);
    }
}
