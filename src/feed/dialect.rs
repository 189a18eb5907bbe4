//! Old and loose feed dialects brought to the forms feed-rs reads: Atom 0.3 (its namespace and
//! element names) becomes Atom 1.0, RSS 0.90 becomes RSS 1.0, and an `<rss>` root whose version
//! is missing or one feed-rs does not list (0.93, 0.94, 2.01, ...) is read as RSS 2.0, which
//! all of them are close to; the Userland RSS 2 namespace is dropped; RSS 1.0 items without a
//! `<link>` get their `rdf:about`; JSON Feeds get the fields feed-rs insists on. Only markup
//! changes, never an item's text.

const ATOM_03: &str = "http://purl.org/atom/ns#";
const ATOM_10: &str = "http://www.w3.org/2005/Atom";
/// RSS 0.90's namespace, as Netscape published it and as some feeds spell it.
const RSS_090: &[&str] = &[
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://channel.netscape.com/rdf/simple/0.9/",
];
const RSS_10: &str = "http://purl.org/rss/1.0/";

/// Atom 0.3 element names and their Atom 1.0 equivalents.
const ATOM_03_NAMES: &[(&str, &str)] = &[
    ("issued", "published"),
    ("modified", "updated"),
    ("tagline", "subtitle"),
    ("copyright", "rights"),
];

/// MIME types on Atom text elements (Atom 0.3 style, common in the wild) and the Atom 1.0
/// names feed-rs reads; feed-rs refuses a whole feed over one it does not know.
const ATOM_TYPES: &[(&str, &str)] = &[
    ("type=\"text/html\"", "type=\"html\""),
    ("type=\"text/plain\"", "type=\"text\""),
    ("type=\"application/xhtml+xml\"", "type=\"xhtml\""),
    (" type=\"\"", ""),
];

const USERLAND_RSS2: &str = " xmlns=\"http://backend.userland.com/rss2\"";

/// The text with the dialect fixes above applied (unchanged when none applies).
pub fn normalize(mut text: String) -> String {
    if text.starts_with('{') {
        return json_feed(text);
    }
    if head(&text).contains(ATOM_03) {
        text = text.replace(ATOM_03, ATOM_10);
        for (old, new) in ATOM_03_NAMES {
            text = rename_element(&text, old, new);
        }
    }
    if head(&text).contains(ATOM_10) {
        for (old, new) in ATOM_TYPES {
            text = text.replace(old, new);
        }
    }
    if text.contains("<media:") {
        text = drop_empty_media_text(text);
    }
    for ns in RSS_090 {
        if head(&text).contains(ns) {
            text = text.replace(ns, RSS_10);
        }
    }
    if head(&text).contains(USERLAND_RSS2) {
        text = text.replacen(USERLAND_RSS2, "", 1);
    }
    if head(&text).contains(RSS_10) {
        text = rdf_item_links(text);
    }
    fix_rss_version(text)
}

/// Empty Media RSS text elements (`<media:description/>`), which feed-rs refuses a whole feed
/// over, dropped.
fn drop_empty_media_text(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut tag_ends = Next::new(&text, ">");
    let mut pos = 0;
    while let Some(at) = text[pos..].find("<media:").map(|i| i + pos) {
        out.push_str(&text[pos..at]);
        let name_end = text[at + 7..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(text.len(), |e| e + at + 7);
        let name = &text[at + 7..name_end];
        let tag_end = tag_ends.from(at).map_or(text.len(), |e| e + 1);
        let empty = text[at..tag_end].ends_with("/>");
        if empty
            && matches!(
                name,
                "description" | "title" | "text" | "credit" | "keywords"
            )
        {
            pos = tag_end;
        } else {
            out.push_str(&text[at..name_end]);
            pos = name_end;
        }
    }
    out.push_str(&text[pos..]);
    out
}

/// The next place of a needle at or after a position that only grows: the text is searched
/// once in all, however often it is asked (a document of many unclosed tags would otherwise be
/// searched to its end once for each).
struct Next<'a> {
    text: &'a str,
    needle: &'a str,
    /// The last answer: where the needle is, or that it is nowhere after the last position.
    found: Option<Option<usize>>,
}

impl<'a> Next<'a> {
    fn new(text: &'a str, needle: &'a str) -> Next<'a> {
        Next {
            text,
            needle,
            found: None,
        }
    }

    /// The first place of the needle at or after `pos`, which is no less than the last one.
    fn from(&mut self, pos: usize) -> Option<usize> {
        match self.found {
            Some(Some(at)) if at >= pos => Some(at),
            Some(None) => None,
            _ => {
                let at = self.text[pos..].find(self.needle).map(|i| i + pos);
                self.found = Some(at);
                at
            }
        }
    }
}

/// A JSON Feed with the fields feed-rs requires: a feed title, a version it knows, tags as a
/// list, a MIME type on each attachment. Text that is not a JSON object is left as it is.
fn json_feed(text: String) -> String {
    use serde_json::{Value, json};
    let Ok(Value::Object(mut feed)) = serde_json::from_str::<Value>(&text) else {
        return text;
    };
    if !feed.get("title").is_some_and(Value::is_string) {
        feed.insert("title".into(), json!(""));
    }
    feed.insert("version".into(), json!("https://jsonfeed.org/version/1.1"));
    if let Some(Value::Array(items)) = feed.get_mut("items") {
        for item in items.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(Value::String(tags)) = item.get("tags") {
                let list: Vec<Value> = tags.split(',').map(|t| json!(t.trim())).collect();
                item.insert("tags".into(), Value::Array(list));
            }
            if let Some(Value::Array(attachments)) = item.get_mut("attachments") {
                for a in attachments.iter_mut().filter_map(Value::as_object_mut) {
                    a.entry("mime_type")
                        .or_insert(json!("application/octet-stream"));
                }
            }
        }
    }
    Value::Object(feed).to_string()
}

/// RSS 1.0 items without a `<link>` get one from their `rdf:about` (feed-rs drops them else).
fn rdf_item_links(text: String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut tag_ends = Next::new(&text, ">");
    let mut closes = Next::new(&text, "</item>");
    let mut links = Next::new(&text, "<link");
    let mut pos = 0;
    while let Some(at) = text[pos..].find("<item").map(|i| i + pos) {
        let Some(tag_end) = tag_ends.from(at).map(|e| e + 1) else {
            break;
        };
        let tag = &text[at..tag_end];
        let body_end = closes.from(tag_end).unwrap_or(text.len());
        out.push_str(&text[pos..tag_end]);
        let is_item = tag[5..].starts_with(|c: char| c == '>' || c.is_whitespace());
        let has_link = links.from(tag_end).is_some_and(|l| l < body_end);
        if is_item
            && !has_link
            && let Some(about) = attribute(tag, "rdf:about")
        {
            out.push_str("<link>");
            out.push_str(&about);
            out.push_str("</link>");
        }
        pos = tag_end;
    }
    out.push_str(&text[pos..]);
    out
}

fn head(text: &str) -> &str {
    let mut end = text.len().min(4096);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `<old>`, `<old attr>`, `</old>` renamed to `new`.
fn rename_element(text: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let (slash, name_at) = if rest.starts_with("</") {
            ("</", 2)
        } else {
            ("<", 1)
        };
        let after = &rest[name_at..];
        let renamed = after
            .strip_prefix(old)
            .filter(|tail| tail.starts_with(|c: char| c == '>' || c == '/' || c.is_whitespace()));
        match renamed {
            Some(tail) => {
                out.push_str(slash);
                out.push_str(new);
                rest = tail;
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Gives the `<rss>` root `version="2.0"` when its version is missing or not one feed-rs
/// reads.
fn fix_rss_version(text: String) -> String {
    let head = head(&text);
    let Some(at) = head
        .match_indices("<rss")
        .map(|(i, _)| i)
        .find(|&i| head[i + 4..].starts_with(|c: char| c == '>' || c.is_whitespace()))
    else {
        return text;
    };
    let Some(end) = text[at..].find('>').map(|e| at + e) else {
        return text;
    };
    let tag = &text[at..end];
    let version = attribute(tag, "version");
    if matches!(version.as_deref(), Some("2.0" | "0.91" | "0.92")) {
        return text;
    }
    let new_tag = match tag.find("version") {
        Some(_) if version.is_some() => {
            let v = version.unwrap_or_default();
            tag.replacen(&format!("\"{v}\""), "\"2.0\"", 1)
                .replacen(&format!("'{v}'"), "'2.0'", 1)
        }
        _ => format!("<rss version=\"2.0\"{}", &tag[4..]),
    };
    format!("{}{new_tag}{}", &text[..at], &text[end..])
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at].ends_with(|c: char| c.is_whitespace());
        let after = rest[at + name.len()..].trim_start();
        if before_ok && let Some(value) = after.strip_prefix('=') {
            let value = value.trim_start();
            let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
            let value = &value[1..];
            return Some(value[..value.find(quote)?].trim().to_string());
        }
        rest = &rest[at + name.len()..];
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atom_03_becomes_atom_10() {
        let t = normalize(format!(
            "<feed version=\"0.3\" xmlns=\"{ATOM_03}\"><entry><issued>2004</issued><modified>x</modified><issuedx/></entry></feed>"
        ));
        assert!(t.contains(ATOM_10), "{t}");
        assert!(
            t.contains("<published>2004</published><updated>x</updated><issuedx/>"),
            "{t}"
        );
    }

    #[test]
    fn rss_without_a_known_version_reads_as_2_0() {
        assert_eq!(
            normalize("<rss>\n</rss>".into()),
            "<rss version=\"2.0\">\n</rss>"
        );
        assert_eq!(
            normalize("<!-- c --><rss version='0.94' a='b'><channel/></rss>".into()),
            "<!-- c --><rss version='2.0' a='b'><channel/></rss>"
        );
        let kept = "<rss version=\"0.91\"><channel/></rss>";
        assert_eq!(normalize(kept.into()), kept);
        // Content that merely mentions <rss is left alone.
        let other = "<feed><title>&lt;rss</title></feed>";
        assert_eq!(normalize(other.into()), other);
    }

    #[test]
    fn rdf_items_without_a_link_take_their_about() {
        let t = normalize(format!(
            "<rdf:RDF xmlns=\"{RSS_10}\"><item rdf:about=\"http://x/1\"><title>T</title></item>\
             <item rdf:about=\"http://x/2\"><link>http://y</link></item></rdf:RDF>"
        ));
        assert!(
            t.contains("<item rdf:about=\"http://x/1\"><link>http://x/1</link><title>"),
            "{t}"
        );
        assert_eq!(t.matches("<link>").count(), 2, "{t}");
    }

    #[test]
    fn json_feeds_get_what_feed_rs_requires() {
        let t = normalize(
            r#"{"version": "1.0", "items": [{"id": "1", "tags": "a, b", "attachments": [{"url": "u"}]}]}"#
                .into(),
        );
        let v: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(v["title"], "");
        assert_eq!(v["items"][0]["tags"][1], "b");
        assert_eq!(
            v["items"][0]["attachments"][0]["mime_type"],
            "application/octet-stream"
        );
    }

    #[test]
    fn unclosed_items_and_media_tags_are_left_as_they_are() {
        let rdf = format!(
            "<rdf:RDF xmlns=\"{RSS_10}\"><item rdf:about=\"http://x/1\">{}",
            "<item>".repeat(3)
        );
        let t = normalize(rdf);
        assert!(
            t.ends_with("<item rdf:about=\"http://x/1\"><link>http://x/1</link><item><item><item>")
        );
        let media = format!("<rss><media:title/>{}</rss>", "<media:title".repeat(3));
        assert_eq!(
            drop_empty_media_text(media),
            "<rss><media:title<media:title<media:title</rss>"
        );
    }

    #[test]
    fn rss_090_namespace_becomes_rss_10() {
        let t = normalize(format!(
            "<rdf:RDF xmlns=\"{}\"><item/></rdf:RDF>",
            RSS_090[1]
        ));
        assert!(t.contains(RSS_10));
    }
}
