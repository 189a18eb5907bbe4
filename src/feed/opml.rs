//! OPML subscription lists: read (nested folders become tags) and written.

use quick_xml::Reader;
use quick_xml::XmlVersion;
use quick_xml::escape::escape;
use quick_xml::events::{BytesStart, Event};

use crate::article::{decode_text, strip_unsafe};

/// The most tags (folders and categories) a subscription gets from a list.
const MAX_TAGS: usize = 32;

/// One subscription named in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    pub url: String,
    pub title: Option<String>,
    /// The folders it sits in, outermost first, and its own `category` entries.
    pub tags: Vec<String>,
}

/// Reads the feed outlines of an OPML document. Outlines without an `xmlUrl` are folders.
pub fn parse_opml(bytes: &[u8]) -> Result<Vec<Outline>, String> {
    let text = decode_text(bytes)?;
    let mut reader = Reader::from_str(&text);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    config.allow_dangling_amp = true;
    let mut folders: Vec<Option<String>> = Vec::new();
    let mut outlines = Vec::new();
    let mut saw_opml = false;
    loop {
        let event = reader.read_event().map_err(|e| {
            format!(
                "not well-formed XML at byte {}: {e}",
                reader.error_position()
            )
        })?;
        match event {
            Event::Start(tag) if is(&tag, "outline") => {
                let outline = outline(&tag, &folders);
                let folder = match &outline {
                    Some(_) => None,
                    None => attr(&tag, "text").or_else(|| attr(&tag, "title")),
                };
                outlines.extend(outline);
                folders.push(folder);
            }
            Event::Empty(tag) if is(&tag, "outline") => {
                outlines.extend(outline(&tag, &folders));
            }
            Event::Start(tag) | Event::Empty(tag) if is(&tag, "opml") => saw_opml = true,
            Event::End(tag) if tag.local_name().as_ref().eq_ignore_ascii_case("outline") => {
                folders.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_opml {
        return Err("not an OPML document: no <opml> element".to_string());
    }
    Ok(outlines)
}

fn is(tag: &BytesStart<'_>, name: &str) -> bool {
    tag.local_name().as_ref().eq_ignore_ascii_case(name)
}

fn attr(tag: &BytesStart<'_>, name: &str) -> Option<String> {
    tag.attributes().flatten().find_map(|a| {
        if !a.key.local_name().as_ref().eq_ignore_ascii_case(name) {
            return None;
        }
        let value = match a.normalized_value(XmlVersion::Implicit1_0) {
            Ok(v) => v.into_owned(),
            Err(_) => a.value.clone().into_owned(),
        };
        // Character references (`&#27;`) are decoded by now: filter after decoding.
        let value = strip_unsafe(&value);
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        (!value.is_empty()).then_some(value)
    })
}

fn outline(tag: &BytesStart<'_>, folders: &[Option<String>]) -> Option<Outline> {
    let url = attr(tag, "xmlUrl").or_else(|| attr(tag, "url"))?;
    // Bounded, so a list nested a million folders deep (or with a million categories) costs
    // no more per feed than a real one.
    let mut tags: Vec<String> = folders.iter().flatten().take(MAX_TAGS).cloned().collect();
    if let Some(categories) = attr(tag, "category") {
        for c in categories.split(',') {
            let c = c.trim().trim_matches('/');
            if tags.len() >= MAX_TAGS {
                break;
            }
            if !c.is_empty() && !tags.iter().any(|t| t == c) {
                tags.push(c.to_string());
            }
        }
    }
    Some(Outline {
        url,
        title: attr(tag, "title").or_else(|| attr(tag, "text")),
        tags,
    })
}

/// An OPML 2.0 document listing `outlines`, each tagged outline under its first tag's folder.
pub fn write_opml(outlines: &[Outline]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    \
         <title>byline subscriptions</title>\n  </head>\n  <body>\n",
    );
    let line = |o: &Outline, indent: &str| {
        let title = attr_value(o.title.as_deref().unwrap_or(&o.url));
        let category = if o.tags.len() > 1 {
            format!(" category=\"{}\"", attr_value(&o.tags[1..].join(",")))
        } else {
            String::new()
        };
        format!(
            "{indent}<outline type=\"rss\" text=\"{title}\" title=\"{title}\" xmlUrl=\"{}\"{category}/>\n",
            attr_value(&o.url)
        )
    };
    let mut folders: Vec<&str> = outlines
        .iter()
        .filter_map(|o| o.tags.first().map(String::as_str))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for o in outlines.iter().filter(|o| o.tags.is_empty()) {
        out.push_str(&line(o, "    "));
    }
    for folder in folders {
        out.push_str(&format!("    <outline text=\"{}\">\n", attr_value(folder)));
        for o in outlines
            .iter()
            .filter(|o| o.tags.first().map(String::as_str) == Some(folder))
        {
            out.push_str(&line(o, "      "));
        }
        out.push_str("    </outline>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

/// Text as a valid XML attribute value: the characters import filters ([`strip_unsafe`]: C0
/// controls among them, which XML 1.0 cannot carry even as references) and the non-characters
/// U+FFFE and U+FFFF dropped, markup escaped.
fn attr_value(text: &str) -> String {
    let text: String = strip_unsafe(text)
        .chars()
        .filter(|&c| !matches!(c, '\u{fffe}' | '\u{ffff}'))
        .collect();
    escape(&text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_deep_folders_and_long_category_lists_are_bounded() {
        let folders: String = (0..100)
            .map(|i| format!("<outline text=\"f{i}\">"))
            .collect();
        let categories: Vec<String> = (0..100).map(|i| format!("c{i}")).collect();
        let opml = format!(
            "<opml><body>{folders}<outline xmlUrl=\"https://x.example/\" category=\"{}\"/>\
             </body></opml>",
            categories.join(",")
        );
        let list = parse_opml(opml.as_bytes()).unwrap();
        assert_eq!(list[0].tags.len(), MAX_TAGS);
        assert_eq!(list[0].tags[0], "f0");
    }
}
