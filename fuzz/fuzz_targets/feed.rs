//! Fuzzes feed reading: any bytes as a feed and as OPML, and any text as HTML; no panic, every
//! block and link inside its text.
#![no_main]

use byline::feed::opml::parse_opml;
use byline::feed::{html_to_body, parse_feed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(feed) = parse_feed(bytes, "https://fuzz.example/feed.xml") {
        for a in feed.articles {
            for b in &a.body.blocks {
                assert!(a.body.text.get(b.start..b.end).is_some());
            }
            for l in &a.body.links {
                assert!(a.body.text.get(l.start..l.end).is_some());
            }
        }
    }
    let _ = parse_opml(bytes);
    let text = String::from_utf8_lossy(bytes);
    let body = html_to_body(&text, None);
    for b in &body.blocks {
        assert!(body.text.get(b.start..b.end).is_some());
    }
    for l in &body.links {
        assert!(body.text.get(l.start..l.end).is_some());
    }
});
