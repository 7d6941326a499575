//! Any bytes from a terminal, in reads cut anywhere: decoding never panics, never keeps more
//! than a sequence may hold, and, told truthfully whether more bytes are waiting, gives what one
//! read of the same bytes gives.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tribune::tui::input::{Decoder, Input, MAX_SEQUENCE};

fuzz_target!(|data: &[u8]| {
    // The first byte says how many of the next bytes are read lengths; the rest is the input.
    let Some((&count, rest)) = data.split_first() else {
        return;
    };
    let count = usize::from(count % 16).min(rest.len());
    let (lengths, bytes) = rest.split_at(count);

    let whole = Decoder::new().feed(bytes, false);
    assert!(whole.len() <= bytes.len());
    for input in &whole {
        if let Input::Key(key) = input {
            assert!(key.is_press());
        }
    }

    let mut decoder = Decoder::new();
    let mut pieces = Vec::new();
    let mut at = 0;
    for &length in lengths.iter().chain(std::iter::repeat(&u8::MAX)) {
        if at >= bytes.len() {
            break;
        }
        let end = (at + usize::from(length)).min(bytes.len());
        pieces.extend(decoder.feed(&bytes[at..end], end < bytes.len()));
        assert!(decoder.unfinished() <= MAX_SEQUENCE);
        at = end;
    }
    assert_eq!(pieces, whole);

    // Reads that each end with nothing more waiting: an ESC at the end of each is the Esc key,
    // so the inputs may differ; the bounds still hold.
    let mut decoder = Decoder::new();
    for chunk in bytes.chunks(usize::from(lengths.first().copied().unwrap_or(7)).max(1)) {
        let inputs = decoder.feed(chunk, false);
        assert!(inputs.len() <= chunk.len() + MAX_SEQUENCE);
        assert!(decoder.unfinished() <= MAX_SEQUENCE);
    }
});
