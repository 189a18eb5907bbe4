//! Fuzzes the extractor: any UTF-8 text, no panic, offsets on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mentions = byline::extract::Extractor::get().extract(text);
    let mut last = 0;
    for m in &mentions {
        assert!(m.start < m.end && m.end <= text.len() && m.start >= last);
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last = m.end;
    }
    let _ = byline::extract::group_entities(text, &mentions);
});
