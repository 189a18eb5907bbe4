//! The article model shared by the importers, the store, the extractor and the reader.
//!
//! An [`Article`]'s body is one string, [`Body::text`], cut into [`Block`]s by byte ranges.
//! Blocks are separated by a blank line (`"\n\n"`), so the extractor can run over the whole
//! text and the reader can draw block by block, and both speak of the same byte offsets.

mod date;
pub(crate) mod decode;
mod error;
mod import;
mod json;
mod markdown;
mod stream;
mod text;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use date::{DateWord, date_word, parse_published};
pub use decode::{
    Shown, decode_text, is_unsafe_char, neutralize_controls, one_line, shown, strip_unsafe,
};
pub use error::ImportError;
pub use import::{
    FEED_BATCH, Format, ImportReport, import_bytes, import_file, import_paths, is_importable,
};

/// One news article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the url, else of the title and body (see [`Article::derive_id`]).
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// Places named in the dateline (`DUBAI/BAGHDAD –` gives `DUBAI`, `BAGHDAD`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dateline: Vec<String>,
    /// Publication time as RFC 3339, when it could be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The date as it was written, kept when it could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_raw: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    pub body: Body,
}

/// The text of an article and its layout.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    pub text: String,
    pub blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
}

/// A paragraph or subheading: a byte range of [`Body::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub start: usize,
    pub end: usize,
}

/// What a [`Block`] is, for the reader's styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    Subheading,
    Quote,
    ListItem,
    Preformatted,
}

/// A hyperlink over a byte range of [`Body::text`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub url: String,
}

impl Body {
    /// Builds a body from blocks, joining them with blank lines.
    ///
    /// Empty blocks are dropped; each block's text is kept as given.
    ///
    /// ```
    /// use byline::article::{Body, BlockKind};
    /// let body = Body::from_blocks([(BlockKind::Subheading, "Markets"), (BlockKind::Paragraph, "Up.")]);
    /// assert_eq!(body.text, "Markets\n\nUp.");
    /// assert_eq!(body.block_text(&body.blocks[1]), "Up.");
    /// ```
    pub fn from_blocks<'a>(blocks: impl IntoIterator<Item = (BlockKind, &'a str)>) -> Body {
        let mut builder = BodyBuilder::default();
        for (kind, text) in blocks {
            builder.push(kind, text);
        }
        builder.finish()
    }

    /// The text of one block.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.start..block.end).unwrap_or("")
    }

    /// Removes `start..end` from the text, dropping blocks and links left empty and moving
    /// later offsets back. `start..end` must lie on character boundaries.
    pub(crate) fn remove_range(&mut self, start: usize, end: usize) {
        let cut = end - start;
        let shift = |p: usize| if p >= end { p - cut } else { p.min(start) };
        self.text.replace_range(start..end, "");
        for b in &mut self.blocks {
            (b.start, b.end) = (shift(b.start), shift(b.end));
        }
        self.blocks.retain(|b| b.end > b.start);
        for l in &mut self.links {
            (l.start, l.end) = (shift(l.start), shift(l.end));
        }
        self.links.retain(|l| l.end > l.start);
    }

    /// Takes a leading dateline (`CAIRO –`) off the first paragraph and returns its places.
    pub(crate) fn take_dateline(&mut self) -> Vec<String> {
        let Some(first) = self
            .blocks
            .first()
            .copied()
            .filter(|b| b.kind == BlockKind::Paragraph)
        else {
            return Vec::new();
        };
        let para = self.block_text(&first);
        let Some((places, rest)) = text::split_dateline(para) else {
            return Vec::new();
        };
        let cut = para.len() - rest.len();
        self.remove_range(first.start, first.start + cut);
        places
    }

    /// The body's paragraphs and subheadings, in order, with their kinds.
    pub fn iter(&self) -> impl Iterator<Item = (BlockKind, &str)> {
        self.blocks.iter().map(|b| (b.kind, self.block_text(b)))
    }
}

/// Builds a [`Body`] block by block, links included.
#[derive(Debug, Default)]
pub(crate) struct BodyBuilder {
    body: Body,
}

impl BodyBuilder {
    /// Starts a new block; returns the byte offset where its text begins.
    pub(crate) fn begin(&mut self) -> usize {
        if !self.body.blocks.is_empty() || !self.body.text.is_empty() {
            self.body.text.push_str("\n\n");
        }
        self.body.text.len()
    }

    /// Appends text to the block begun last.
    pub(crate) fn push_str(&mut self, s: &str) {
        self.body.text.push_str(s);
    }

    /// Ends the block begun at `start`; an empty block is taken back.
    pub(crate) fn end(&mut self, kind: BlockKind, start: usize) {
        let trimmed_end = start + self.body.text[start..].trim_end().len();
        self.body.text.truncate(trimmed_end);
        if trimmed_end == start {
            let keep = self.body.text.trim_end_matches('\n').len();
            self.body.text.truncate(keep);
            self.body.links.retain(|l| l.start < start);
            return;
        }
        self.body.blocks.push(Block {
            kind,
            start,
            end: trimmed_end,
        });
    }

    pub(crate) fn push(&mut self, kind: BlockKind, text: &str) {
        let start = self.begin();
        self.push_str(text.trim());
        self.end(kind, start);
    }

    pub(crate) fn add_link(&mut self, start: usize, url: &str) {
        let end = self.body.text.len();
        if end > start {
            self.body.links.push(Link {
                start,
                end,
                url: url.to_string(),
            });
        }
    }

    /// Drops blank lines at the start of the block begun at `start` (preformatted text).
    pub(crate) fn trim_start_at(&mut self, start: usize) {
        let rest = &self.body.text[start..];
        let lead = rest.len() - rest.trim_start_matches(['\n', '\r']).len();
        if lead > 0 {
            self.body.text.replace_range(start..start + lead, "");
            self.body
                .links
                .retain(|l| l.start >= start + lead || l.end <= start);
            for l in &mut self.body.links {
                if l.start >= start + lead {
                    l.start -= lead;
                    l.end -= lead;
                }
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.body.text.len()
    }

    pub(crate) fn finish(self) -> Body {
        self.body
    }
}

impl Article {
    /// Makes an article with a derived id from its parts.
    pub fn new(title: impl Into<String>, body: Body) -> Article {
        let mut article = Article {
            id: String::new(),
            title: title.into(),
            authors: Vec::new(),
            dateline: Vec::new(),
            published: None,
            published_raw: None,
            source: None,
            url: None,
            tags: Vec::new(),
            body,
        };
        article.refresh_id();
        article
    }

    /// Sets the id from the url, else from the title and body.
    pub fn refresh_id(&mut self) {
        self.id = Article::derive_id(self.url.as_deref(), &self.title, &self.body.text);
    }

    /// A stable id: 16 hex digits of SHA-256 over the url, else over title and body.
    ///
    /// Whitespace differences do not change a content id, so the same story imported from a
    /// hard-wrapped and a re-flowed file gets one id.
    ///
    /// ```
    /// use byline::article::Article;
    /// let a = Article::derive_id(Some("https://example.org/a"), "T", "x");
    /// assert_eq!(a, Article::derive_id(Some("https://example.org/a"), "Other", "y"));
    /// assert_eq!(Article::derive_id(None, "T", "a  b"), Article::derive_id(None, "T", "a b"));
    /// assert_eq!(a.len(), 16);
    /// ```
    pub fn derive_id(url: Option<&str>, title: &str, body: &str) -> String {
        let mut hasher = Sha256::new();
        match url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                hasher.update(b"url\0");
                hasher.update(url.as_bytes());
            }
            None => {
                hasher.update(b"text\0");
                for word in title.split_whitespace() {
                    hasher.update(word.as_bytes());
                    hasher.update(b" ");
                }
                hasher.update(b"\0");
                for word in body.split_whitespace() {
                    hasher.update(word.as_bytes());
                    hasher.update(b" ");
                }
            }
        }
        let digest = hasher.finalize();
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Number of words in the body, for list views and summaries.
    pub fn word_count(&self) -> usize {
        self.body.text.split_whitespace().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_blocks_are_dropped() {
        let body = Body::from_blocks([
            (BlockKind::Paragraph, "One."),
            (BlockKind::Paragraph, "   "),
            (BlockKind::Paragraph, "Two."),
        ]);
        assert_eq!(body.text, "One.\n\nTwo.");
        assert_eq!(body.blocks.len(), 2);
        assert_eq!(body.block_text(&body.blocks[1]), "Two.");
    }

    #[test]
    fn url_id_ignores_content() {
        let mut a = Article::new("A", Body::from_blocks([(BlockKind::Paragraph, "x")]));
        let content_id = a.id.clone();
        a.url = Some("https://example.org/1".into());
        a.refresh_id();
        assert_ne!(a.id, content_id);
        assert_eq!(
            a.id,
            Article::derive_id(Some("https://example.org/1"), "B", "y")
        );
    }

    #[test]
    fn article_round_trips_through_json() {
        let mut a = Article::new("T", Body::from_blocks([(BlockKind::Paragraph, "Body")]));
        a.authors = vec!["Ana Núñez".into()];
        let json = serde_json::to_string(&a).unwrap();
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }
}
