//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed read with feed-rs into articles, OPML lists of
//! subscriptions, and fetching over HTTP. Nothing here draws on the terminal.
//!
//! Items get stable ids: the item's guid (scoped by its feed), else its link (the same id an
//! article with that url gets from any importer), else a hash of its title and text. A refreshed
//! item therefore lands on the stored one.

mod dates;
mod dialect;
mod fetch;
mod html;
pub mod opml;
mod split;

use feed_rs::model::{Entry, Feed, Text};
use sha2::{Digest, Sha256};
use url::Url;

use crate::article::{Article, BlockKind, Body, strip_unsafe};

pub use fetch::{FetchError, FetchOutcome, Fetcher, Validators};
pub(crate) use html::Walker;
pub use html::{discover_feeds, html_to_body, html_to_line};
pub use split::{MAX_CONTEXT, parse_feed_batches};

/// A feed read into articles.
#[derive(Debug, Clone, Default)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// The site the feed belongs to.
    pub link: Option<String>,
    pub articles: Vec<Article>,
    /// Items that gave no article, each with its reason.
    pub skipped: Vec<String>,
}

/// Reads feed bytes (any flavour feed-rs knows). `location` is where they came from (a URL
/// or a path); it resolves relative links and scopes guids when the feed names no site.
///
/// A feed of many items is better read with [`parse_feed_batches`], whose memory does not
/// grow with their number.
pub fn parse_feed(bytes: &[u8], location: &str) -> Result<ParsedFeed, String> {
    parse_prepared(&prepare(bytes), location, 0)
}

/// Feed bytes as the text the parser reads: UTF-8, declarations dropped, dialects mended.
fn prepare(bytes: &[u8]) -> String {
    dialect::normalize(to_utf8(bytes))
}

/// Parses a prepared document whose first item is item `first_item` of its feed.
fn parse_prepared(text: &str, location: &str, first_item: usize) -> Result<ParsedFeed, String> {
    let base = Url::parse(location).ok().filter(|u| u.scheme() != "file");
    let parse = |input: &[u8]| {
        feed_rs::parser::Builder::new()
            .base_uri(base.as_ref().map(Url::as_str))
            // Leave ids feed-rs would invent empty: byline derives its own (see the module).
            .id_generator(|_, _, _| String::new())
            .sanitize_content(false)
            .build()
            .parse(input)
    };
    let feed = match parse(text.as_bytes()) {
        Ok(feed) => feed,
        // A feed root without a channel (`<rss></rss>`) is an empty feed, not a broken one.
        Err(_) if is_empty_feed(text) => return Ok(ParsedFeed::default()),
        Err(e) => return Err(describe(&e)),
    };
    let mut parsed = convert(feed, location, base.as_ref(), first_item);
    keep_unread_dates(&mut parsed, text);
    Ok(parsed)
}

/// Items feed-rs gave no date: their date as written is read by byline's own parser (which
/// knows wire formats such as `3-MAR-1987 05:07:04.50`) or kept raw for the reader to show.
fn keep_unread_dates(parsed: &mut ParsedFeed, text: &str) {
    if text.starts_with('{') || parsed.articles.iter().all(|a| a.published.is_some()) {
        return;
    }
    let raw = dates::raw_item_dates(text);
    // Only when every item was seen, so dates cannot land on the wrong article.
    if raw.len() != parsed.articles.len() + parsed.skipped.len() || !parsed.skipped.is_empty() {
        return;
    }
    for (article, raw) in parsed.articles.iter_mut().zip(raw) {
        if article.published.is_some() {
            continue;
        }
        let Some(raw) = raw else { continue };
        let raw = crate::article::neutralize_controls(&raw).into_owned();
        article.published = crate::article::parse_published(&raw);
        if article.published.is_none() {
            article.published_raw = Some(raw);
        }
    }
}

/// Whether the document is a feed root with nothing inside but whitespace and comments.
fn is_empty_feed(text: &str) -> bool {
    let mut rest = text.trim_start();
    while let Some(after) = rest.strip_prefix("<!--") {
        rest = after
            .find("-->")
            .map_or("", |e| after[e + 3..].trim_start());
    }
    let Some(open_end) = rest.find('>') else {
        return false;
    };
    let Some(open) = rest[..open_end].strip_prefix('<') else {
        return false;
    };
    let name = open
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()
        .unwrap_or("");
    let root = matches!(name, "rss" | "feed" | "rdf:RDF" | "channel");
    let inner = &rest[open_end + 1..];
    root && (open.ends_with('/') || inner.trim_start().starts_with(&format!("</{name}")))
}

fn describe(e: &feed_rs::parser::ParseFeedError) -> String {
    let text = e.to_string();
    if text.contains("NoFeedRoot") || text.contains("unable to parse feed: no root") {
        "not a feed: no RSS, Atom or JSON Feed root".to_string()
    } else {
        format!("not a readable feed: {text}")
    }
}

/// Feed bytes as UTF-8 text without XML declarations. byline decodes them itself (encoding_rs):
/// a BOM, else UTF-16 recognised by its first `<`, else the declared encoding, else UTF-8, with
/// Windows-1252 for bytes that are not what they claim. The declaration is then dropped, so
/// the XML parser reads plain UTF-8 and never switches encoding mid-stream (quick-xml panics
/// on a declaration that is not at the start, which real feeds have).
fn to_utf8(bytes: &[u8]) -> String {
    use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1252};
    let (encoding, skip) = match Encoding::for_bom(bytes) {
        Some(found) => found,
        None if bytes.starts_with(b"<\0") => (UTF_16LE, 0),
        None if bytes.starts_with(b"\0<") => (UTF_16BE, 0),
        None => (declared_encoding(bytes).unwrap_or(UTF_8), 0),
    };
    let rest = &bytes[skip..];
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(rest) {
            Ok(text) => std::borrow::Cow::Borrowed(text),
            Err(_) => WINDOWS_1252.decode_without_bom_handling(rest).0,
        }
    } else {
        encoding.decode_without_bom_handling(rest).0
    };
    strip_declarations(text.trim_start())
}

/// The encoding an XML declaration near the start names, if encoding_rs knows it.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let head = String::from_utf8_lossy(head);
    let decl = &head[head.find("<?xml")?..];
    let decl = &decl[..decl.find("?>")?];
    let at = decl.find("encoding")?;
    let value = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = value.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &value[1..];
    let label = &value[..value.find(quote)?];
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

fn strip_declarations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("<?xml") {
        let after = &rest[at + 5..];
        if !after.starts_with(|c: char| c.is_whitespace() || c == '?') {
            out.push_str(&rest[..at + 5]);
            rest = after;
            continue;
        }
        out.push_str(&rest[..at]);
        rest = after.find("?>").map_or("", |end| &after[end + 2..]);
    }
    out.push_str(rest);
    out
}

fn convert(feed: Feed, location: &str, base: Option<&Url>, first_item: usize) -> ParsedFeed {
    let title = feed.title.as_ref().map(|t| html_to_line(&t.content));
    let title = title.filter(|t| !t.is_empty());
    let link = feed
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .map(|l| l.href.clone());
    let scope = [feed.id.as_str(), link.as_deref().unwrap_or(""), location]
        .into_iter()
        .find(|s| !s.trim().is_empty())
        .unwrap_or("")
        .to_string();
    // Relative links resolve against where the feed came from, or else the site it names.
    let site = link.as_deref().and_then(|l| Url::parse(l).ok());
    let base = base.or(site.as_ref());
    let mut parsed = ParsedFeed {
        title,
        link,
        ..ParsedFeed::default()
    };
    for (i, entry) in feed.entries.into_iter().enumerate() {
        match item_article(entry, &scope, parsed.title.as_deref(), base) {
            Some(article) => parsed.articles.push(article),
            None => parsed
                .skipped
                .push(format!("item {}: no title and no text", first_item + i + 1)),
        }
    }
    parsed
}

fn item_article(
    entry: Entry,
    scope: &str,
    source: Option<&str>,
    base: Option<&Url>,
) -> Option<Article> {
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        // The XML parser has decoded character references: filter after it.
        .map(|l| strip_unsafe(l.href.trim()).into_owned())
        .filter(|u| !u.is_empty())
        .map(|u| match (Url::parse(&u), base) {
            // A relative link, resolved against the feed's address or its site.
            (Err(url::ParseError::RelativeUrlWithoutBase), Some(base)) => {
                base.join(&u).map_or(u, String::from)
            }
            _ => u,
        });
    let entry_base = entry
        .base
        .as_deref()
        .and_then(|b| base.map_or_else(|| Url::parse(b).ok(), |base| base.join(b).ok()));
    let base = entry_base.as_ref().or(base);
    let content = entry.content.as_ref().and_then(|c| {
        let html = c.content_type.subty().as_str().contains("html");
        c.body.as_deref().map(|b| text_body(b, html, base))
    });
    let summary = entry.summary.as_ref().map(|t| text_to_body(t, base));
    let body = match (content, summary) {
        (Some(c), Some(s)) if s.text.len() > c.text.len() => s,
        (Some(c), _) if !c.text.is_empty() => c,
        (_, Some(s)) => s,
        (c, None) => c.unwrap_or_default(),
    };
    let mut title = entry
        .title
        .as_ref()
        .map(|t| html_to_line(&t.content))
        .unwrap_or_default();
    if title.is_empty() {
        title = first_words(&body.text, 12);
    }
    if title.is_empty() {
        return None;
    }
    let published = entry
        .published
        .or(entry.updated)
        .filter(|d| chrono::Datelike::year(d) >= 1000)
        .map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let authors: Vec<String> = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref())
        .map(html_to_line)
        .filter(|n| !n.is_empty())
        .collect();
    let id = if entry.id.trim().is_empty() {
        Article::derive_id(url.as_deref(), &title, &body.text)
    } else {
        guid_id(scope, entry.id.trim())
    };
    let tags = entry
        .categories
        .iter()
        .map(|c| html_to_line(c.label.as_deref().unwrap_or(&c.term)))
        .filter(|t| !t.is_empty())
        .collect();
    let mut article = Article::new(title, body);
    article.id = id;
    article.authors = authors;
    article.published = published;
    article.source = source.map(str::to_string);
    article.url = url;
    article.tags = tags;
    Some(article)
}

/// The id of an item with a guid: its feed and guid hashed, 16 hex digits like every id.
fn guid_id(scope: &str, guid: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"guid\0");
    hasher.update(scope.trim().as_bytes());
    hasher.update(b"\0");
    hasher.update(guid.as_bytes());
    let digest = hasher.finalize();
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

fn text_to_body(text: &Text, base: Option<&Url>) -> Body {
    let html = text.content_type.subty().as_str().contains("html");
    text_body(&text.content, html, base)
}

/// A body from item text: HTML when declared or when it carries markup, else paragraphs split
/// at blank lines.
fn text_body(text: &str, html: bool, base: Option<&Url>) -> Body {
    if html || looks_like_html(text) {
        return html_to_body(text, base);
    }
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| {
            let joined = p.split_whitespace().collect::<Vec<_>>().join(" ");
            crate::article::neutralize_controls(&joined).into_owned()
        })
        .collect();
    Body::from_blocks(
        paragraphs
            .iter()
            .map(|p| (BlockKind::Paragraph, p.as_str())),
    )
}

fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.windows(2).any(|w| {
        (w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/'))
            || (w[0] == b'&' && (w[1].is_ascii_alphabetic() || w[1] == b'#'))
    })
}

fn first_words(text: &str, n: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().take(n + 1).collect();
    if words.len() > n {
        format!("{}…", words[..n].join(" "))
    } else {
        words.join(" ")
    }
}
