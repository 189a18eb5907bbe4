//! The Markdown importer: front matter, headings as subheadings, links kept, image placeholders.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{Article, BlockKind, BodyBuilder, date::parse_published, decode::strip_unsafe};

/// Parses a Markdown article with optional `---` front matter (title, author, date, url,
/// source, tags).
///
/// Without a front-matter title, a heading before any text is the title, else a short first
/// paragraph, else `fallback_title`.
pub(crate) fn parse_markdown(text: &str, fallback_title: &str) -> Result<Article, String> {
    let (meta, content) = split_front_matter(text);
    let mut walker = Walker {
        wants_title: !meta.iter().any(|(k, _)| k == "title"),
        ..Walker::default()
    };
    for event in Parser::new(content) {
        walker.event(event);
    }
    let Walker {
        body, mut title, ..
    } = walker;
    let mut body = body.finish();
    if title.is_none() && body.blocks.len() > 1 {
        let first = body.blocks[0];
        let text = body.block_text(&first);
        if first.kind == BlockKind::Paragraph && text.len() <= 150 && !text.contains(". ") {
            title = Some(text.to_string());
            body.remove_range(first.start, body.blocks[1].start);
        }
    }
    let dateline = body.take_dateline();
    if body.blocks.is_empty() && title.is_none() && meta.is_empty() {
        return Err("no text in the file".into());
    }
    let title = title.unwrap_or_else(|| strip_unsafe(fallback_title).into_owned());
    let mut article = Article::new(title, body);
    article.dateline = dateline;
    for (key, value) in meta {
        apply_meta(&mut article, &key, value);
    }
    article.refresh_id();
    Ok(article)
}

/// Turns parser events into blocks.
#[derive(Default)]
struct Walker {
    body: BodyBuilder,
    title: Option<String>,
    wants_title: bool,
    open: Option<(BlockKind, usize)>,
    in_quote: bool,
    list_depth: usize,
    links: Vec<(usize, String)>,
    image_start: Option<usize>,
}

impl Walker {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) => self.text(&t),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { .. } => {
                self.close();
                self.open = Some((BlockKind::Subheading, self.body.begin()));
            }
            Tag::Paragraph if self.open.is_some() => self.text(" "),
            Tag::Paragraph => self.begin(if self.in_quote {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            }),
            Tag::CodeBlock(_) => self.begin(BlockKind::Preformatted),
            Tag::BlockQuote(_) => self.in_quote = true,
            Tag::List(_) => {
                self.close();
                self.list_depth += 1;
            }
            Tag::Item => {
                self.close();
                self.begin(BlockKind::ListItem);
                let indent = "  ".repeat(self.list_depth.saturating_sub(1));
                self.body.push_str(&format!("{indent}• "));
            }
            Tag::Link { dest_url, .. } => {
                let url = strip_unsafe(&dest_url).into_owned();
                self.links.push((self.body.len(), url));
            }
            Tag::Image { .. } => {
                self.ensure_open();
                self.image_start = Some(self.body.len());
                self.body.push_str("[image: ");
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => self.end_heading(),
            TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::Item
                if self.list_depth == 0 || tag == TagEnd::Item =>
            {
                self.close()
            }
            TagEnd::BlockQuote(_) => {
                self.close();
                self.in_quote = false;
            }
            TagEnd::List(_) => {
                self.close();
                self.list_depth = self.list_depth.saturating_sub(1);
            }
            TagEnd::Link => {
                if let Some((start, url)) = self.links.pop() {
                    self.body.add_link(start, &url);
                }
            }
            TagEnd::Image => self.end_image(),
            _ => {}
        }
    }

    fn end_heading(&mut self) {
        let Some((_, start)) = self.open.take() else {
            return;
        };
        // Only a heading before any text is the title.
        if self.wants_title && self.title.is_none() && start == 0 {
            let text = self.body.take_from(start);
            if !text.trim().is_empty() {
                self.title = Some(text.trim().to_string());
                self.wants_title = false;
            }
            return;
        }
        self.body.end(BlockKind::Subheading, start);
    }

    fn end_image(&mut self) {
        if let Some(start) = self.image_start.take() {
            if self.body.len() == start + "[image: ".len() {
                self.body.truncate(start);
                self.body.push_str("[image]");
            } else {
                self.body.push_str("]");
            }
        }
    }

    fn text(&mut self, t: &str) {
        // The parser has decoded character references (`&#27;`, `&#x202e;`) by now: filter here.
        let t = strip_unsafe(t);
        self.ensure_open();
        let is_code = matches!(self.open, Some((BlockKind::Preformatted, _)));
        if is_code {
            self.body.push_str(&t);
        } else {
            self.body.push_str(&t.replace(['\n', '\r'], " "));
        }
    }

    fn ensure_open(&mut self) {
        if self.open.is_none() {
            self.begin(if self.in_quote {
                BlockKind::Quote
            } else {
                BlockKind::Paragraph
            });
        }
    }

    fn begin(&mut self, kind: BlockKind) {
        self.close();
        self.open = Some((kind, self.body.begin()));
    }

    fn close(&mut self) {
        if let Some((kind, start)) = self.open.take() {
            self.body.end(kind, start);
        }
    }
}

impl BodyBuilder {
    /// Removes and returns the text from `start` on, with any links inside it.
    fn take_from(&mut self, start: usize) -> String {
        let text = self.body.text.split_off(start);
        self.body.links.retain(|l| l.start < start);
        let keep = self.body.text.trim_end_matches('\n').len();
        self.body.text.truncate(keep);
        text
    }

    fn truncate(&mut self, len: usize) {
        self.body.text.truncate(len);
    }
}

/// Splits `---` front matter from the text, as `key: value` pairs (lists joined by `\n`).
fn split_front_matter(text: &str) -> (Vec<(String, String)>, &str) {
    let trimmed = text.trim_start_matches(['\n', ' ']);
    let Some(after) = trimmed.strip_prefix("---\n") else {
        return (Vec::new(), text);
    };
    let Some(end) = after.find("\n---").filter(|_| true) else {
        return (Vec::new(), text);
    };
    let block = &after[..end];
    let rest = after[end + 4..].split_once('\n').map_or("", |(_, r)| r);
    let mut pairs: Vec<(String, String)> = Vec::new();
    for line in block.lines() {
        if let Some(item) = line.trim_start().strip_prefix("- ") {
            if let Some((_, value)) = pairs.last_mut() {
                if !value.is_empty() {
                    value.push('\n');
                }
                value.push_str(&unquote(item));
            }
        } else if let Some((key, value)) = line.split_once(':') {
            let value = value.trim();
            let value = match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
                Some(list) => list.split(',').map(unquote).collect::<Vec<_>>().join("\n"),
                None => unquote(value),
            };
            pairs.push((key.trim().to_lowercase(), value));
        }
    }
    (pairs, rest)
}

fn unquote(s: &str) -> String {
    let s = s.trim();
    if let Some(inner) = s.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        return inner.replace("\\\"", "\"");
    }
    s.strip_prefix('\'')
        .and_then(|v| v.strip_suffix('\''))
        .unwrap_or(s)
        .to_string()
}

fn apply_meta(article: &mut Article, key: &str, value: String) {
    let list = || {
        value
            .lines()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(String::from)
            .collect()
    };
    match key {
        "title" if !value.is_empty() => article.title = value,
        "author" | "authors" | "by" => article.authors = list(),
        "date" | "published" => {
            article.published = parse_published(&value);
            if article.published.is_none() && !value.is_empty() {
                article.published_raw = Some(value);
            }
        }
        "url" | "link" => article.url = Some(value).filter(|v| !v.is_empty()),
        "source" | "publisher" => article.source = Some(value).filter(|v| !v.is_empty()),
        "tags" | "categories" => article.tags = list(),
        "dateline" => article.dateline = list(),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_fields() {
        let a = parse_markdown(
            "---\ntitle: \"A Title\"\nauthor: [Ana Ruiz, Li Wei]\ndate: 2024-09-11\nurl: https://example.org/a\n---\nBody text.\n",
            "file",
        )
        .unwrap();
        assert_eq!(a.title, "A Title");
        assert_eq!(a.authors, ["Ana Ruiz", "Li Wei"]);
        assert_eq!(a.published.as_deref(), Some("2024-09-11T00:00:00Z"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.body.text, "Body text.");
    }

    #[test]
    fn heading_first_is_title_and_later_headings_are_subheadings() {
        let a = parse_markdown("# Main\n\nIntro text.\n\n## Part two\n\nMore.\n", "f").unwrap();
        assert_eq!(a.title, "Main");
        let kinds: Vec<_> = a.body.iter().collect();
        assert_eq!(kinds[1], (BlockKind::Subheading, "Part two"));
    }

    #[test]
    fn links_are_kept_with_their_offsets() {
        let a =
            parse_markdown("# T\n\nSee [the report](https://example.org/r) now.\n", "f").unwrap();
        let link = &a.body.links[0];
        assert_eq!(&a.body.text[link.start..link.end], "the report");
        assert_eq!(link.url, "https://example.org/r");
    }

    #[test]
    fn images_become_placeholders() {
        let a = parse_markdown(
            "# T\n\n![A crowd in the square](x.jpg)\n\n![](y.png)\n",
            "f",
        )
        .unwrap();
        assert_eq!(a.body.text, "[image: A crowd in the square]\n\n[image]");
    }

    #[test]
    fn dateline_is_taken_from_the_first_paragraph() {
        let a = parse_markdown(
            "# T\n\nCAIRO – Poetry drew [crowds](https://x.org).\n\nMore.\n",
            "f",
        )
        .unwrap();
        assert_eq!(a.dateline, ["CAIRO"]);
        assert_eq!(a.body.text, "Poetry drew crowds.\n\nMore.");
        assert_eq!(
            &a.body.text[a.body.links[0].start..a.body.links[0].end],
            "crowds"
        );
    }

    #[test]
    fn list_items_are_blocks() {
        let a = parse_markdown("# T\n\n- one\n- two\n", "f").unwrap();
        assert_eq!(a.body.text, "• one\n\n• two");
        assert!(a.body.blocks.iter().all(|b| b.kind == BlockKind::ListItem));
    }
}
