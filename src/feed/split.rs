//! A feed of many items read a batch at a time: the document is cut into its items with
//! quick-xml, and each batch is parsed by feed-rs as a document of its own (what surrounds the
//! items, then those items), so memory follows the batch, not the number of items.

use std::ops::{ControlFlow, Range};

use quick_xml::Reader;
use quick_xml::events::Event;

use super::{ParsedFeed, parse_prepared, prepare};

/// Reads a feed a batch of at most `batch` items at a time, handing each batch to `sink`,
/// which says whether to go on. Every batch has the feed's title and link; items are numbered
/// through the whole feed in the reasons for skipped ones.
///
/// A batch feed-rs cannot read is reported as skipped items, and the others are read all the
/// same; the error is for a document of which nothing could be read. A document that cannot
/// be cut safely (items under different parents, broken nesting, more than
/// [`MAX_CONTEXT`] of text around the items) and JSON Feeds are read whole: their size is
/// bounded by the callers' caps (32 MiB fetched, 256 MiB imported).
///
/// ```
/// use std::ops::ControlFlow;
/// let items: String = (1..=5).map(|i| format!("<item><title>T{i}</title></item>")).collect();
/// let rss = format!("<rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>");
/// let mut sizes = Vec::new();
/// byline::feed::parse_feed_batches(rss.as_bytes(), "x", 2, |batch| {
///     sizes.push(batch.articles.len());
///     ControlFlow::Continue(())
/// })
/// .unwrap();
/// assert_eq!(sizes, [2, 2, 1]);
/// ```
pub fn parse_feed_batches(
    bytes: &[u8],
    location: &str,
    batch: usize,
    mut sink: impl FnMut(ParsedFeed) -> ControlFlow<()>,
) -> Result<(), String> {
    let batch = batch.max(1);
    let text = prepare(bytes);
    let Some(split) = Split::new(&text).filter(|s| s.items.len() > batch) else {
        let _ = sink(parse_prepared(&text, location, 0)?);
        return Ok(());
    };
    let (mut failures, mut last_title, mut read_any) = (Vec::new(), None, false);
    for start in (0..split.items.len()).step_by(batch) {
        let end = (start + batch).min(split.items.len());
        match parse_prepared(&split.document(start..end), location, start) {
            Ok(parsed) => {
                read_any = true;
                last_title.clone_from(&parsed.title);
                if sink(parsed).is_break() {
                    return Ok(());
                }
            }
            Err(reason) => failures.push(format!("items {}-{end}: {reason}", start + 1)),
        }
    }
    if !read_any {
        return Err(failures.swap_remove(0));
    }
    if !failures.is_empty() {
        let _ = sink(ParsedFeed {
            title: last_title,
            skipped: failures,
            ..ParsedFeed::default()
        });
    }
    Ok(())
}

/// The most text around the items a document cut into batches may have (each batch repeats
/// it); a document with more is read whole.
pub const MAX_CONTEXT: usize = 1024 * 1024;

/// A feed document cut into its items and what surrounds them.
struct Split<'a> {
    text: &'a str,
    /// The text before the first item, without an RSS 1.0 item index (`<items>`, one entry
    /// per item, which feed-rs does not read).
    head: String,
    /// The text after the last item.
    tail: &'a str,
    /// Each item's byte range, in order.
    items: Vec<Range<usize>>,
}

impl<'a> Split<'a> {
    fn new(text: &'a str) -> Option<Split<'a>> {
        let Scan { items, index } = scan(text)?;
        let first = items.first()?.start;
        let last = items.last()?.end;
        let mut head = String::with_capacity(first);
        let mut at = 0;
        for r in index.iter().filter(|r| r.end <= first) {
            head.push_str(&text[at..r.start]);
            at = r.end;
        }
        head.push_str(&text[at..first]);
        let tail = &text[last..];
        (head.len() + tail.len() <= MAX_CONTEXT).then_some(Split {
            text,
            head,
            tail,
            items,
        })
    }

    /// A document of the items `range` (indices into `items`), with whatever lies between
    /// them and the next item.
    fn document(&self, range: Range<usize>) -> String {
        let start = self.items[range.start].start;
        let end = match self.items.get(range.end) {
            Some(next) => next.start,
            None => self.items[range.end - 1].end,
        };
        let body = &self.text[start..end];
        let mut doc = String::with_capacity(self.head.len() + body.len() + self.tail.len());
        doc.push_str(&self.head);
        doc.push_str(body);
        doc.push_str(self.tail);
        doc
    }
}

/// Where a document's items and item indexes are.
#[derive(Default)]
struct Scan {
    items: Vec<Range<usize>>,
    index: Vec<Range<usize>>,
}

/// Finds the items (`<item>`, `<entry>`) of a document whose items are siblings under one
/// parent; `None` when they are not, or when the XML is not well-formed enough to cut.
fn scan(text: &str) -> Option<Scan> {
    let mut reader = Reader::from_str(text);
    // Lenient about names, strict about nesting: a mismatched end tag spoils one batch (which
    // feed-rs then refuses alone), not the cut.
    reader.config_mut().allow_dangling_amp = true;
    reader.config_mut().check_end_names = false;
    let mut walk = Walk::default();
    loop {
        let before = usize::try_from(reader.buffer_position()).ok()?;
        let event = reader.read_event().ok()?;
        let after = usize::try_from(reader.buffer_position()).ok()?;
        match event {
            Event::Start(tag) => walk.start(Kind::of(&tag), before)?,
            Event::Empty(tag) => walk.empty(Kind::of(&tag), before..after)?,
            Event::End(_) => walk.end(after)?,
            Event::Eof => break,
            _ => {}
        }
    }
    // An unclosed root (a truncated file) is cut all the same: each batch is as unclosed as
    // the whole, which feed-rs reads. An unclosed item is not.
    walk.item.is_none().then_some(walk.found)
}

/// What an element is to the cut.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Item,
    /// RSS 1.0's `<items>`, the channel's list of its items.
    Index,
    Other,
}

impl Kind {
    fn of(tag: &quick_xml::events::BytesStart<'_>) -> Kind {
        match tag.local_name().into_inner() {
            "item" | "entry" => Kind::Item,
            "items" => Kind::Index,
            _ => Kind::Other,
        }
    }
}

/// An element being walked through: where it starts and its depth.
#[derive(Clone, Copy)]
struct Open {
    start: usize,
    depth: usize,
}

/// The walk through a document's elements, outside items and inside them.
#[derive(Default)]
struct Walk {
    found: Scan,
    depth: usize,
    /// The depth of the items' parent, once an item was seen.
    parent: Option<usize>,
    /// That parent was closed: an item after it would have another parent.
    parent_closed: bool,
    item: Option<Open>,
    index: Option<Open>,
}

impl Walk {
    /// Whether the walk is outside any item or index, where names count.
    fn is_free(&self) -> bool {
        self.item.is_none() && self.index.is_none()
    }

    /// Takes note of an item starting here; `None` when it has another parent than the last.
    fn item_here(&mut self) -> Option<()> {
        if self.parent_closed || self.parent.is_some_and(|p| p != self.depth) {
            return None;
        }
        self.parent = Some(self.depth);
        Some(())
    }

    fn start(&mut self, kind: Kind, at: usize) -> Option<()> {
        let open = Some(Open {
            start: at,
            depth: self.depth,
        });
        match kind {
            Kind::Item if self.is_free() => {
                self.item_here()?;
                self.item = open;
            }
            Kind::Index if self.is_free() => self.index = open,
            _ => {}
        }
        self.depth += 1;
        Some(())
    }

    fn empty(&mut self, kind: Kind, range: Range<usize>) -> Option<()> {
        if kind == Kind::Item && self.is_free() {
            self.item_here()?;
            self.found.items.push(range);
        }
        Some(())
    }

    fn end(&mut self, at: usize) -> Option<()> {
        self.depth = self.depth.checked_sub(1)?;
        let depth = self.depth;
        if let Some(open) = self.item.take_if(|o| o.depth == depth) {
            self.found.items.push(open.start..at);
        } else if let Some(open) = self.index.take_if(|o| o.depth == depth) {
            self.found.index.push(open.start..at);
        } else if self.parent.is_some_and(|p| depth < p) {
            self.parent_closed = true;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rss(items: usize) -> String {
        let items: String = (1..=items)
            .map(|i| format!("<item><title>Item {i}</title><guid>g{i}</guid></item>\n"))
            .collect();
        format!("<rss version=\"2.0\"><channel><title>Feed</title>\n{items}</channel></rss>")
    }

    fn batches(text: &str, batch: usize) -> Vec<ParsedFeed> {
        let mut out = Vec::new();
        parse_feed_batches(text.as_bytes(), "https://x.example/rss", batch, |b| {
            out.push(b);
            ControlFlow::Continue(())
        })
        .unwrap();
        out
    }

    #[test]
    fn batches_give_the_same_articles_as_one_parse() {
        let text = rss(7);
        let whole = super::super::parse_feed(text.as_bytes(), "https://x.example/rss").unwrap();
        let parts = batches(&text, 3);
        assert_eq!(parts.len(), 3);
        assert!(parts.iter().all(|p| p.title.as_deref() == Some("Feed")));
        let articles: Vec<_> = parts.into_iter().flat_map(|p| p.articles).collect();
        assert_eq!(articles, whole.articles);
    }

    #[test]
    fn rss_1_item_index_is_left_out_of_each_batch() {
        let lis: String = (1..=4)
            .map(|i| format!("<rdf:li resource=\"u{i}\"/>"))
            .collect();
        let items: String = (1..=4)
            .map(|i| {
                format!("<item rdf:about=\"https://x.example/{i}\"><title>T{i}</title></item>")
            })
            .collect();
        let text = format!(
            "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" \
             xmlns=\"http://purl.org/rss/1.0/\"><channel><title>R</title><items><rdf:Seq>{lis}\
             </rdf:Seq></items></channel>{items}</rdf:RDF>"
        );
        let split = Split::new(&text).unwrap();
        assert!(!split.head.contains("rdf:li") && split.head.contains("<title>R</title>"));
        let parts = batches(&text, 2);
        let titles: Vec<&str> = parts
            .iter()
            .flat_map(|p| p.articles.iter().map(|a| a.title.as_str()))
            .collect();
        assert_eq!(titles, ["T1", "T2", "T3", "T4"]);
    }

    #[test]
    fn items_under_two_parents_are_not_cut() {
        let text = "<rss><channel><item/></channel><channel><item/></channel></rss>";
        assert!(Split::new(text).is_none());
    }

    #[test]
    fn a_broken_batch_is_skipped_and_the_rest_read() {
        let text = rss(6).replace("<title>Item 5</title>", "<title>Item 5</titel>");
        let parts = batches(&text, 2);
        let read: usize = parts.iter().map(|p| p.articles.len()).sum();
        let skipped: Vec<&String> = parts.iter().flat_map(|p| &p.skipped).collect();
        assert_eq!(read, 4);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].starts_with("items 5-6: "), "{skipped:?}");
    }
}
