//! Item dates feed-rs could not read: each item's date element as written, found with a light
//! second pass over the XML, then read by byline's own date parser or kept raw.

use quick_xml::Reader;
use quick_xml::events::Event;

/// The elements an item's date is written in, in the order they are preferred.
const DATE_ELEMENTS: &[&str] = &[
    "pubDate",
    "published",
    "date",
    "issued",
    "updated",
    "modified",
];

/// For each `<item>` or `<entry>` of the document, in order, the text of its date element
/// (the most preferred one present), if any.
pub fn raw_item_dates(xml: &str) -> Vec<Option<String>> {
    let mut reader = Reader::from_str(xml);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    let mut out = Vec::new();
    // (depth of the item, the best date so far with its rank)
    let mut item: Option<(usize, Option<(usize, String)>)> = None;
    let mut in_date: Option<usize> = None;
    let mut depth = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(tag)) => {
                depth += 1;
                let name = tag.local_name();
                let name = name.as_ref();
                if item.is_none() && (name == "item" || name == "entry") {
                    item = Some((depth, None));
                } else if item.is_some() {
                    in_date = DATE_ELEMENTS.iter().position(|d| *d == name);
                }
            }
            Ok(Event::Text(text)) => {
                if let (Some(rank), Some((_, best))) = (in_date, item.as_mut()) {
                    let value = text.into_inner().trim().to_string();
                    if !value.is_empty() && best.as_ref().is_none_or(|(r, _)| rank < *r) {
                        *best = Some((rank, value));
                    }
                }
            }
            Ok(Event::End(_)) => {
                in_date = None;
                if let Some((at, best)) = &item
                    && *at == depth
                {
                    out.push(best.as_ref().map(|(_, v)| v.clone()));
                    item = None;
                }
                depth = depth.saturating_sub(1);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_gives_its_date_as_written() {
        let xml = "<rss><channel><pubDate>channel</pubDate>\
            <item><title>a</title><pubDate>Tues, 32 Foo 2024</pubDate></item>\
            <item><title>b</title></item>\
            <item><dc:date>2024-03-01</dc:date><pubDate> 3-MAR-1987 05:07:04.50 </pubDate></item>\
            </channel></rss>";
        assert_eq!(
            raw_item_dates(xml),
            [
                Some("Tues, 32 Foo 2024".to_string()),
                None,
                Some("3-MAR-1987 05:07:04.50".to_string())
            ]
        );
    }
}
