//! HTML content of feed items turned into the article model's blocks, with a WHATWG tokenizer
//! (html5gum): paragraphs, headings, quotes, list items and preformatted text; links kept with
//! their offsets and resolved against the item's base; images as `[image: alt]`; scripts,
//! styles and other invisible elements dropped; character references decoded by the tokenizer.

use html5gum::{DefaultEmitter, Token, Tokenizer};
use url::Url;

use crate::article::{BlockKind, Body, BodyBuilder, neutralize_controls};

/// Reads HTML into a [`Body`]. `base` resolves relative links.
///
/// ```
/// use byline::feed::html_to_body;
/// let body = html_to_body("<h2>Markets</h2><p>Oil <b>rose</b> &amp; fell.</p>", None);
/// assert_eq!(body.text, "Markets\n\nOil rose & fell.");
/// ```
pub fn html_to_body(html: &str, base: Option<&Url>) -> Body {
    let mut emitter = DefaultEmitter::default();
    // Script, style and textarea contents are text to a tokenizer unless told otherwise.
    emitter.naively_switch_states(true);
    let mut w = Walker::new(base);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                w.start(&name, attr("href"), attr("alt"), tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                w.end(&name);
            }
            Token::String(text) => w.text(&String::from_utf8_lossy(&text)),
            _ => {}
        }
    }
    w.finish()
}

/// The feeds a web page offers (`<link rel="alternate" type="application/rss+xml" href=...>`,
/// Atom and JSON Feed too): each URL, resolved against `base`, with its title.
///
/// ```
/// let page = r#"<head><link rel="alternate" type="application/rss+xml" title="News" href="/rss"></head>"#;
/// let base = url::Url::parse("https://site.example/a/").unwrap();
/// let found = byline::feed::discover_feeds(page, &base);
/// assert_eq!(found, [("https://site.example/rss".to_string(), Some("News".to_string()))]);
/// ```
pub fn discover_feeds(html: &str, base: &Url) -> Vec<(String, Option<String>)> {
    const TYPES: &[&str] = &[
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
        "application/rdf+xml",
    ];
    let mut found = Vec::new();
    for token in Tokenizer::new(html).flatten() {
        let Token::StartTag(tag) = token else {
            continue;
        };
        if !tag.name.eq_ignore_ascii_case(b"link") {
            continue;
        }
        let attr = |key: &str| {
            tag.attributes
                .get(key.as_bytes())
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
        let kind = attr("type").unwrap_or_default().to_ascii_lowercase();
        if !rel.split_whitespace().any(|r| r == "alternate") || !TYPES.contains(&kind.as_str()) {
            continue;
        }
        let Some(url) = attr("href").and_then(|h| base.join(&h).ok()) else {
            continue;
        };
        if matches!(url.scheme(), "http" | "https")
            && !found.iter().any(|(u, _)| *u == url.as_str())
        {
            let title = attr("title")
                .map(|t| collapse(&t))
                .filter(|t| !t.is_empty());
            found.push((url.to_string(), title));
        }
    }
    found
}

/// The text of an HTML fragment on one line (titles, author names).
pub fn html_to_line(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(html);
    }
    let body = html_to_body(html, None);
    collapse(&body.text)
}

fn collapse(text: &str) -> String {
    neutralize_controls(&text.split_whitespace().collect::<Vec<_>>().join(" ")).into_owned()
}

/// Writes the events of an HTML walk (start tags, end tags, text) as a [`Body`]'s blocks; the
/// page extractor feeds it the elements it keeps.
#[derive(Default)]
pub(crate) struct Walker<'a> {
    base: Option<&'a Url>,
    out: BodyBuilder,
    /// The block being written: its kind and where its text starts.
    open: Option<(BlockKind, usize)>,
    /// Whitespace was seen since the last word, to be written before the next one.
    space: bool,
    skip: usize,
    quote: usize,
    list_item: usize,
    pre: usize,
    heading: usize,
    links: Vec<(usize, Option<String>)>,
}

const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
];

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &[
    "script", "style", "head", "title", "noscript", "template", "iframe", "object", "svg",
    "select", "button", "textarea",
];

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

impl<'a> Walker<'a> {
    pub(crate) fn new(base: Option<&'a Url>) -> Walker<'a> {
        Walker {
            base,
            ..Walker::default()
        }
    }

    /// Ends the open block and gives the body written.
    pub(crate) fn finish(mut self) -> Body {
        self.close_block();
        self.out.finish()
    }

    pub(crate) fn start(
        &mut self,
        name: &str,
        href: Option<String>,
        alt: Option<String>,
        self_closing: bool,
    ) {
        if HIDDEN.contains(&name) {
            if !self_closing {
                self.skip += 1;
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        if BLOCKS.contains(&name) {
            self.close_block();
        }
        match name {
            "blockquote" => self.quote += 1,
            "li" | "dd" | "dt" => self.list_item += 1,
            "pre" => self.pre += 1,
            n if is_heading(n) => self.heading += 1,
            "a" => {
                let url = href.and_then(|h| self.resolve(&h));
                self.links.push((self.position(), url));
            }
            "img" => {
                let alt = alt.map(|a| collapse(&a)).unwrap_or_default();
                let placeholder = if alt.is_empty() {
                    "[image]".to_string()
                } else {
                    format!("[image: {alt}]")
                };
                self.word(&placeholder);
                self.space = true;
            }
            _ => {}
        }
    }

    pub(crate) fn end(&mut self, name: &str) {
        if HIDDEN.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        if BLOCKS.contains(&name) {
            self.close_block();
        }
        let counter = match name {
            "blockquote" => &mut self.quote,
            "li" | "dd" | "dt" => &mut self.list_item,
            "pre" => &mut self.pre,
            n if is_heading(n) => &mut self.heading,
            "a" => {
                if let Some((start, Some(url))) = self.links.pop()
                    && let Some((_, block_start)) = self.open
                {
                    self.out.add_link(start.max(block_start), &url);
                }
                return;
            }
            _ => return,
        };
        *counter = counter.saturating_sub(1);
    }

    pub(crate) fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        if self.pre > 0 {
            if !text.trim().is_empty() || self.open.is_some() {
                self.ensure_open();
                self.out.push_str(&neutralize_controls(text));
            }
            return;
        }
        let mut words = text.split_whitespace().peekable();
        if text.starts_with(char::is_whitespace) {
            self.space = true;
        }
        while let Some(word) = words.next() {
            self.word(&neutralize_controls(word));
            if words.peek().is_some() {
                self.space = true;
            }
        }
        if text.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn word(&mut self, word: &str) {
        if word.is_empty() {
            return;
        }
        let fresh = self.open.is_none();
        self.ensure_open();
        if self.space && !fresh {
            self.out.push_str(" ");
        }
        self.space = false;
        self.out.push_str(word);
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            let kind = if self.pre > 0 {
                BlockKind::Preformatted
            } else if self.heading > 0 {
                BlockKind::Subheading
            } else if self.list_item > 0 {
                BlockKind::ListItem
            } else if self.quote > 0 {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            };
            let start = self.out.begin();
            self.open = Some((kind, start));
        }
    }

    fn close_block(&mut self) {
        if let Some((kind, start)) = self.open.take() {
            if kind == BlockKind::Preformatted {
                // Keep inner line breaks, drop blank lines at either end.
                self.out.trim_start_at(start);
            }
            self.out.end(kind, start);
        }
        self.space = false;
    }

    fn position(&self) -> usize {
        let pending = usize::from(self.space && self.open.is_some());
        self.out.len() + pending
    }

    fn resolve(&self, href: &str) -> Option<String> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let url = match self.base {
            Some(base) => base.join(href).ok()?,
            None => Url::parse(href).ok()?,
        };
        matches!(url.scheme(), "http" | "https" | "mailto" | "ftp").then(|| url.to_string())
    }
}
