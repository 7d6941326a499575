//! Any bytes on the audience socket, read through a small buffer as the link reads them: lines
//! come out no longer than the limit, and decoding never panics.
#![no_main]

use std::io::BufReader;

use libfuzzer_sys::fuzz_target;
use tribune::link::{Frame, MAX_LINE, decode, read_frame};

fuzz_target!(|data: &[u8]| {
    // A small buffer makes lines cross buffer boundaries, as they do on a real socket.
    let mut reader = BufReader::with_capacity(7, data);
    loop {
        match read_frame(&mut reader) {
            Ok(Frame::Line(line)) => {
                assert!(line.len() <= MAX_LINE);
                let _ = decode(&line);
            }
            Ok(Frame::TooLong) => {}
            Ok(Frame::End) | Err(_) => break,
        }
    }
});
