//! A small RON-aware scanner: it knows strings, raw strings and comments, and reports where
//! named values (`Slide(`), field keys (`parts:`), the strings given to keys (`date: "…"`) and
//! brackets are. serde keeps no positions, so validation and error messages use this to point
//! back into the file.

/// A place in the source: 1-based line and column (in characters).
pub type Pos = (usize, usize);

/// What the scanner found.
#[derive(Debug, Default)]
pub struct Scan {
    /// Identifiers directly followed by `(`, in file order.
    pub names: Vec<(String, Pos)>,
    /// Identifiers directly followed by `:` (field keys), in file order.
    pub keys: Vec<(String, Pos)>,
    /// Field keys whose value is a string (`date: "1953-03-05"`), in file order: the key, where
    /// the string's text starts (just inside the quote), and the text as written, escapes
    /// undecoded.
    pub strings: Vec<(String, Pos, String)>,
    /// Brackets still open at the end of the scanned text, outermost first, with the word that
    /// introduced each (`Slide` for `Slide(`, `slides` for `slides: [`) and where that word (or
    /// a bare bracket) starts.
    pub open: Vec<(char, Pos, String)>,
}

impl Scan {
    /// Position of the `n`th value named `name`.
    pub fn name(&self, name: &str, n: usize) -> Option<Pos> {
        self.names
            .iter()
            .filter(|(w, _)| w == name)
            .nth(n)
            .map(|(_, p)| *p)
    }

    /// Position of the first field key `key`.
    pub fn key(&self, key: &str) -> Option<Pos> {
        self.keys.iter().find(|(w, _)| w == key).map(|(_, p)| *p)
    }
}

/// Scans `source`.
pub fn scan(source: &str) -> Scan {
    let chars: Vec<char> = source.chars().collect();
    let mut out = Scan::default();
    let mut cur = Cursor {
        chars: &chars,
        i: 0,
        line: 1,
        col: 1,
    };
    let mut last_word = (String::new(), (0, 0));
    // The key just read, until its value starts: a string there is recorded in `strings`.
    let mut key: Option<String> = None;
    while let Some(c) = cur.peek(0) {
        let next = cur.peek(1);
        if c == '/' && next == Some('/') {
            while cur.peek(0).is_some_and(|c| c != '\n') {
                cur.step();
            }
        } else if c == '/' && next == Some('*') {
            cur.skip_block_comment();
        } else if c == 'r' && matches!(next, Some('#' | '"')) && !cur.after_ident() {
            let (pos, text) = cur.skip_raw_string();
            if let Some(k) = key.take() {
                out.strings.push((k, pos, text));
            }
        } else if c == '"' {
            let (pos, text) = cur.skip_string();
            if let Some(k) = key.take() {
                out.strings.push((k, pos, text));
            }
        } else if (c.is_alphabetic() || c == '_') && !cur.after_ident() {
            key = None;
            let pos = (cur.line, cur.col);
            let mut word = String::new();
            while let Some(c) = cur.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                word.push(c);
                cur.step();
            }
            match cur.next_non_space() {
                Some('(') => out.names.push((word.clone(), pos)),
                Some(':') => {
                    out.keys.push((word.clone(), pos));
                    key = Some(word.clone());
                }
                _ => {}
            }
            last_word = (word, pos);
        } else {
            if !(c.is_whitespace() || c == ':') {
                key = None;
            }
            match c {
                '(' | '[' => {
                    let (word, pos) = std::mem::take(&mut last_word);
                    let pos = if word.is_empty() {
                        (cur.line, cur.col)
                    } else {
                        pos
                    };
                    out.open.push((c, pos, word));
                }
                ')' | ']' => {
                    out.open.pop();
                }
                _ => {}
            }
            cur.step();
        }
    }
    out
}

/// Where the value given to field `key` starts, inside the value that starts at `from` (a
/// `Table(` or a place's `(`), not inside anything nested in it.
pub fn value_of(source: &str, from: Pos, key: &str) -> Option<Pos> {
    let chars: Vec<char> = source.chars().collect();
    let mut cur = Cursor::at(&chars, from);
    let mut depth = 0usize;
    while let Some(c) = cur.peek(0) {
        if cur.skip_comment_or_string() {
            continue;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return None;
                }
            }
            c if depth == 1 && (c.is_alphabetic() || c == '_') && !cur.after_ident() => {
                let mut word = String::new();
                while let Some(c) = cur.peek(0).filter(|c| c.is_alphanumeric() || *c == '_') {
                    word.push(c);
                    cur.step();
                }
                while cur.peek(0).is_some_and(char::is_whitespace) {
                    cur.step();
                }
                if word == key && cur.peek(0) == Some(':') {
                    cur.step();
                    while cur.peek(0).is_some_and(char::is_whitespace) {
                        cur.step();
                    }
                    return Some((cur.line, cur.col));
                }
                continue;
            }
            _ => {}
        }
        cur.step();
    }
    None
}

/// Where each item of the list whose `[` is at `start` begins, in order.
pub fn list_items(source: &str, start: Pos) -> Vec<Pos> {
    let chars: Vec<char> = source.chars().collect();
    let mut cur = Cursor::at(&chars, start);
    let mut out = Vec::new();
    if cur.peek(0) != Some('[') {
        return out;
    }
    cur.step();
    let mut depth = 0usize;
    let mut expect_item = true;
    while let Some(c) = cur.peek(0) {
        if c == '/' && matches!(cur.peek(1), Some('/' | '*')) {
            cur.skip_comment_or_string();
            continue;
        }
        if depth == 0 && expect_item && !c.is_whitespace() && c != ']' && c != ',' {
            out.push((cur.line, cur.col));
            expect_item = false;
        }
        if cur.skip_comment_or_string() {
            continue;
        }
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth == 0 => break,
            ')' | ']' => depth -= 1,
            ',' if depth == 0 => expect_item = true,
            _ => {}
        }
        cur.step();
    }
    out
}

struct Cursor<'a> {
    chars: &'a [char],
    i: usize,
    line: usize,
    col: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor on `chars` at `pos` (or at the end, if the text is shorter).
    fn at(chars: &'a [char], pos: Pos) -> Cursor<'a> {
        let mut cur = Cursor {
            chars,
            i: 0,
            line: 1,
            col: 1,
        };
        while (cur.line, cur.col) < pos && cur.peek(0).is_some() {
            cur.step();
        }
        cur
    }

    /// Skips a comment or a string if one starts here; whether it did.
    fn skip_comment_or_string(&mut self) -> bool {
        match (self.peek(0), self.peek(1)) {
            (Some('/'), Some('/')) => {
                while self.peek(0).is_some_and(|c| c != '\n') {
                    self.step();
                }
            }
            (Some('/'), Some('*')) => self.skip_block_comment(),
            (Some('r'), Some('#' | '"')) if !self.after_ident() => {
                self.skip_raw_string();
            }
            (Some('"'), _) => {
                self.skip_string();
            }
            _ => return false,
        }
        true
    }

    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    fn after_ident(&self) -> bool {
        self.i > 0
            && self
                .chars
                .get(self.i - 1)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
    }

    fn step(&mut self) {
        if self.peek(0) == Some('\n') {
            self.line += 1;
            self.col = 1;
        } else {
            self.col += 1;
        }
        self.i += 1;
    }

    fn next_non_space(&self) -> Option<char> {
        self.chars[self.i..]
            .iter()
            .copied()
            .find(|c| !c.is_whitespace())
    }

    fn skip_block_comment(&mut self) {
        // RON block comments nest.
        let mut depth = 0usize;
        while let Some(c) = self.peek(0) {
            if c == '/' && self.peek(1) == Some('*') {
                depth += 1;
                self.step();
            } else if c == '*' && self.peek(1) == Some('/') {
                depth = depth.saturating_sub(1);
                self.step();
                self.step();
                if depth == 0 {
                    return;
                }
                continue;
            }
            self.step();
        }
    }

    /// Skips `r#"…"#`; returns where its text starts and the text.
    fn skip_raw_string(&mut self) -> (Pos, String) {
        self.step(); // r
        let mut hashes = 0;
        while self.peek(0) == Some('#') {
            hashes += 1;
            self.step();
        }
        self.step(); // opening quote
        let pos = (self.line, self.col);
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            if c == '"' && (1..=hashes).all(|k| self.peek(k) == Some('#')) {
                for _ in 0..=hashes {
                    self.step();
                }
                break;
            }
            text.push(c);
            self.step();
        }
        (pos, text)
    }

    /// Skips `"…"`; returns where its text starts and the text, escapes undecoded.
    fn skip_string(&mut self) -> (Pos, String) {
        self.step(); // opening quote
        let pos = (self.line, self.col);
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            if c == '"' {
                self.step();
                break;
            }
            if c == '\\' {
                text.push(c);
                self.step();
            }
            if let Some(c) = self.peek(0) {
                text.push(c);
            }
            self.step();
        }
        (pos, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_strings_and_comments() {
        let source = "Deck(\n  // Slide( in a comment\n  a: \"Slide( in a string\",\n  b: r#\"Slide(\"#,\n  /* Slide( /* nested */ */ Slide (x: 1),\n)";
        let s = scan(source);
        assert_eq!(s.name("Slide", 0), Some((5, 29)));
        assert_eq!(s.name("Slide", 1), None);
        assert_eq!(s.name("Deck", 0), Some((1, 1)));
        assert_eq!(s.key("b"), Some((4, 3)));
    }

    #[test]
    fn records_the_strings_given_to_keys() {
        let source = "Deck(span: \"1952/1956\", // date: \"no\"\n  x: Slide(date: \"1953-02-30\"),\n  \
                      title: \"a \\\"q\\\"\", date: r#\"44 BC\"#, d: 5, e: \"after a number\")";
        let s = scan(source);
        let strings: Vec<(&str, Pos, &str)> = s
            .strings
            .iter()
            .map(|(k, p, t)| (k.as_str(), *p, t.as_str()))
            .collect();
        assert_eq!(
            strings,
            vec![
                ("span", (1, 13), "1952/1956"),
                ("date", (2, 19), "1953-02-30"),
                ("title", (3, 11), "a \\\"q\\\""),
                ("date", (3, 30), "44 BC"),
                ("e", (3, 49), "after a number"),
            ]
        );
    }

    #[test]
    fn finds_a_fields_value_and_a_lists_items() {
        let source = "Table(\n  header: [\"a\", \"b\"], // rows: no\n  rows: [\n    [\"1\", \"]\"],\n    [\"3\"] ],\n)";
        let rows = value_of(source, (1, 1), "rows").unwrap();
        assert_eq!(rows, (3, 9));
        assert_eq!(list_items(source, rows), vec![(4, 5), (5, 5)]);
        assert_eq!(value_of(source, (1, 1), "nothing"), None);
        let place = "(name: \"Budapest\", lat: 47.5, lon: 19.04)";
        assert_eq!(value_of(place, (1, 1), "lat"), Some((1, 25)));
    }

    #[test]
    fn reports_what_is_still_open() {
        let s = scan("Deck(\n  parts: [\n    Part(id: \"a\", slides: [");
        let open: Vec<(char, Pos, &str)> = s
            .open
            .iter()
            .map(|(c, p, w)| (*c, *p, w.as_str()))
            .collect();
        assert_eq!(
            open,
            vec![
                ('(', (1, 1), "Deck"),
                ('[', (2, 3), "parts"),
                ('(', (3, 5), "Part"),
                ('[', (3, 19), "slides"),
            ]
        );
    }
}
