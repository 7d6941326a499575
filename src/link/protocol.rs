//! The link's protocol: one JSON record per line, each with the protocol version. An audience
//! window says `Hello`; the presenter answers with what to `Show`, and sends it again whenever
//! it changes. Lines that are not JSON, too long, of another version or of an unknown kind are
//! dropped.

use std::io::{self, BufRead, BufReader};
use std::os::unix::net::UnixStream;

use serde::{Deserialize, Serialize};

use crate::app::Shown;

/// The protocol's version: a message with another one is dropped.
pub const VERSION: u32 = 1;

/// The longest line either side reads; longer ones are skipped whole.
pub const MAX_LINE: usize = 4096;

/// A message on the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Message {
    /// An audience window introduces itself.
    Hello,
    /// What the audience should show.
    Show(Shown),
}

/// A message with its version, as it travels.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    v: u32,
    msg: Message,
}

/// A message as one line of JSON, newline included.
pub fn encode(msg: &Message) -> Vec<u8> {
    let mut line = serde_json::to_vec(&Envelope {
        v: VERSION,
        msg: msg.clone(),
    })
    .unwrap_or_default();
    line.push(b'\n');
    line
}

/// The message a line carries, or nothing for garbage, another version or an unknown kind.
pub fn decode(line: &[u8]) -> Option<Message> {
    let envelope: Envelope = serde_json::from_slice(line).ok()?;
    (envelope.v == VERSION).then_some(envelope.msg)
}

/// What reading a line gave.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A line (without its newline), at most `MAX_LINE` bytes.
    Line(Vec<u8>),
    /// A line longer than `MAX_LINE`, skipped.
    TooLong,
    /// The other side closed the connection.
    End,
}

/// Reads the next line, never holding more than `MAX_LINE` bytes of it.
pub fn read_frame(reader: &mut impl BufRead) -> io::Result<Frame> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            // A last line without a newline is cut off mid-message: drop it.
            return Ok(Frame::End);
        }
        let (part, ends) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if !too_long && line.len() + part.len() <= MAX_LINE {
            line.extend_from_slice(part);
        } else {
            too_long = true;
            line = Vec::new();
        }
        let used = ends.unwrap_or(chunk.len());
        reader.consume(used);
        if ends.is_some() {
            return Ok(if too_long {
                Frame::TooLong
            } else {
                Frame::Line(line)
            });
        }
    }
}

/// Reads `stream` until it closes or `on` returns false, passing on each well-formed message
/// and dropping everything else.
pub fn each_message(stream: &UnixStream, mut on: impl FnMut(Message) -> bool) {
    let mut reader = BufReader::new(stream);
    while let Ok(frame) = read_frame(&mut reader) {
        match frame {
            Frame::End => return,
            Frame::TooLong => {}
            Frame::Line(line) => {
                if let Some(msg) = decode(&line)
                    && !on(msg)
                {
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn shown(slide: usize) -> Shown {
        Shown {
            slide,
            step: 1,
            scroll_permille: 0,
            blank: false,
            frozen: false,
            slides: 84,
            fingerprint: 7,
            theme: None,
        }
    }

    #[test]
    fn messages_round_trip_as_one_versioned_line() {
        let line = encode(&Message::Show(shown(4)));
        assert_eq!(line.last(), Some(&b'\n'));
        assert!(!line[..line.len() - 1].contains(&b'\n'));
        assert!(line.starts_with(br#"{"v":1,"msg":{"show":{"slide":4,"#));
        assert_eq!(
            decode(&line[..line.len() - 1]),
            Some(Message::Show(shown(4)))
        );
        assert_eq!(decode(br#"{"v":1,"msg":"hello"}"#), Some(Message::Hello));
    }

    #[test]
    fn garbage_other_versions_and_unknown_kinds_are_dropped() {
        for line in [
            &b"hello"[..],
            b"",
            b"\xff\xfe",
            br#"{"v":2,"msg":"hello"}"#,
            br#"{"msg":"hello"}"#,
            br#"{"v":1,"msg":"goodbye"}"#,
            br#"{"v":1,"msg":{"show":{"slide":1}}}"#,
            br#"{"v":1,"msg":"hello","extra":true}"#,
            b"[1,2,3]",
        ] {
            assert_eq!(decode(line), None, "{}", String::from_utf8_lossy(line));
        }
    }

    #[test]
    fn long_lines_are_skipped_whole_and_reading_goes_on() {
        let mut input = vec![b'x'; MAX_LINE + 1];
        input.push(b'\n');
        input.extend_from_slice(b"ok\n");
        input.extend_from_slice(&[b'y'; MAX_LINE]);
        input.extend_from_slice(b"\ncut");
        // A tiny buffer, so lines arrive in many pieces.
        let mut reader = BufReader::with_capacity(7, Cursor::new(input));
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::TooLong);
        assert_eq!(
            read_frame(&mut reader).unwrap(),
            Frame::Line(b"ok".to_vec())
        );
        assert_eq!(
            read_frame(&mut reader).unwrap(),
            Frame::Line(vec![b'y'; MAX_LINE])
        );
        assert_eq!(read_frame(&mut reader).unwrap(), Frame::End);
    }
}
