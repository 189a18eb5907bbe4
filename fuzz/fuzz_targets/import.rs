//! Fuzzes the importers: any bytes as text, Markdown or JSON, no panic, blocks inside the text.
#![no_main]

use std::path::Path;

use byline::article::{Format, import_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for format in [Format::Text, Format::Markdown, Format::Json] {
        let (articles, _) = import_bytes(Path::new("fuzz"), bytes, Some(format));
        for a in articles {
            for b in &a.body.blocks {
                assert!(a.body.text.get(b.start..b.end).is_some());
            }
        }
    }
});
