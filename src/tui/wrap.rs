//! The open article as lines for the reading pane, wrapped to a width, with the byte ranges
//! that highlighting, search, mention steps and clicks need.

use std::ops::Range;

use unicode_width::UnicodeWidthStr;

use crate::article::{Article, BlockKind};

/// What a line is, for its style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Title,
    Meta,
    Subheading,
    Body,
    Quote,
    Blank,
}

/// One drawn line. `range` is its place in the article's text (title, a blank line, then the
/// body, as [`crate::extract::ArticleEntities::text`] has it); lines that are not in that
/// text (byline, dateline, date, blank lines between blocks) have none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub kind: LineKind,
    pub text: String,
    pub range: Option<Range<usize>>,
}

/// An article's lines at one width.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wrapped {
    pub width: u16,
    pub lines: Vec<WrappedLine>,
    /// `(start, line)` of every line with a range, in order: what [`Wrapped::line_of`] searches.
    starts: Vec<(usize, usize)>,
}

impl Wrapped {
    /// Lines wrapped at `width`.
    pub fn new(width: u16, lines: Vec<WrappedLine>) -> Wrapped {
        let starts = lines
            .iter()
            .enumerate()
            .filter_map(|(i, l)| l.range.as_ref().map(|r| (r.start, i)))
            .collect();
        Wrapped {
            width,
            lines,
            starts,
        }
    }

    /// The line that shows byte `offset` of the text: the last line starting at or before it
    /// (an offset in the spaces a wrap took away belongs to the line before).
    pub fn line_of(&self, offset: usize) -> Option<usize> {
        let after = self.starts.partition_point(|&(s, _)| s <= offset);
        self.starts
            .get(after.saturating_sub(1))
            .map(|&(_, line)| line)
    }

    /// The text offset where the lines from `line` on begin (for "what is in view").
    pub fn offset_from(&self, line: usize) -> Option<usize> {
        let at = self.starts.partition_point(|&(_, l)| l < line);
        self.starts.get(at).map(|&(s, _)| s)
    }
}

/// Lays out title, header and body at `width` columns. `text` is the title, a blank line and
/// the body, which starts at `body_offset`.
pub fn wrap_article(article: &Article, text: &str, body_offset: usize, width: u16) -> Wrapped {
    let cols = usize::from(width.max(1));
    let mut out = Vec::new();
    push_wrapped(
        &mut out,
        text,
        0..article.title.len(),
        cols,
        LineKind::Title,
    );
    for m in meta_lines(article) {
        push_unplaced(&mut out, &m, cols, LineKind::Meta);
    }
    for block in &article.body.blocks {
        out.push(WrappedLine {
            kind: LineKind::Blank,
            text: String::new(),
            range: None,
        });
        let kind = match block.kind {
            BlockKind::Subheading => LineKind::Subheading,
            BlockKind::Quote => LineKind::Quote,
            _ => LineKind::Body,
        };
        let (s, e) = (body_offset + block.start, body_offset + block.end);
        push_wrapped(&mut out, text, s..e.min(text.len()), cols, kind);
    }
    Wrapped::new(width, out)
}

/// Lines of a note with no place in the text (a header fact, a remark), wrapped at `width`.
pub fn wrap_note(note: &str, width: u16) -> Vec<WrappedLine> {
    let mut out = Vec::new();
    push_unplaced(&mut out, note, usize::from(width.max(1)), LineKind::Meta);
    out
}

/// The byline, then the dateline places, the day and the source on one line.
fn meta_lines(article: &Article) -> Vec<String> {
    let mut meta = Vec::new();
    if !article.authors.is_empty() {
        meta.push(format!("By {}", article.authors.join(", ")));
    }
    let mut facts: Vec<String> = article.dateline.clone();
    // A readable date shows as its day; one byline could not read shows as it was written.
    facts.extend(
        article
            .published
            .as_deref()
            .map(|d| d.get(..10).unwrap_or(d).to_string())
            .or_else(|| article.published_raw.clone()),
    );
    facts.extend(article.source.clone());
    if !facts.is_empty() {
        meta.push(facts.join(" · "));
    }
    meta
}

/// Wrapped lines of a string that has no place in the article's text.
fn push_unplaced(out: &mut Vec<WrappedLine>, s: &str, width: usize, kind: LineKind) {
    let from = out.len();
    push_wrapped(out, s, 0..s.len(), width, kind);
    for line in &mut out[from..] {
        line.range = None;
    }
}

/// Greedy word wrap of `text[range]`, words longer than a line cut at characters.
fn push_wrapped(
    out: &mut Vec<WrappedLine>,
    text: &str,
    range: Range<usize>,
    width: usize,
    kind: LineKind,
) {
    let start = range.start;
    let Some(slice) = text.get(range) else {
        return;
    };
    let mut line_start = start;
    let mut line_end = start;
    let mut line_width = 0;
    let push = |out: &mut Vec<WrappedLine>, s: usize, e: usize| {
        let t = text[s..e].trim_end();
        out.push(WrappedLine {
            kind,
            text: t.replace(['\n', '\t'], " "),
            range: Some(s..s + t.len()),
        });
    };
    for (offset, word) in split_words(slice) {
        let ws = start + offset;
        let w = word.width();
        if line_width > 0 && line_width + 1 + w > width {
            push(out, line_start, line_end);
            line_start = ws;
            line_width = 0;
        }
        if w > width {
            // A word wider than the line: cut it at character boundaries.
            let mut cut = ws;
            let mut acc = 0;
            for (i, c) in word.char_indices() {
                let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
                if acc + cw > width && acc > 0 {
                    push(out, cut, ws + i);
                    cut = ws + i;
                    acc = 0;
                }
                acc += cw;
            }
            line_start = cut;
            line_end = ws + word.len();
            line_width = acc;
            continue;
        }
        line_width += if line_width > 0 { 1 + w } else { w };
        line_end = ws + word.len();
    }
    if line_end > line_start || out.is_empty() {
        push(out, line_start, line_end);
    }
}

fn split_words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive(char::is_whitespace)
        .scan(0, |at, piece| {
            let o = *at;
            *at += piece.len();
            Some((o, piece.trim_end()))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// The lines shown for an article before its text is read: title and list facts.
pub fn header(row: &crate::store::ArticleRow, width: u16) -> Wrapped {
    let date = row.published.as_deref().and_then(|d| d.get(..10));
    let facts: Vec<&str> = date.into_iter().chain(row.source.as_deref()).collect();
    let mut lines = wrap_note(&super::text::line(&row.title), width);
    for l in &mut lines {
        l.kind = LineKind::Title;
    }
    if !facts.is_empty() {
        lines.extend(wrap_note(&super::text::line(&facts.join(" · ")), width));
    }
    lines.push(WrappedLine {
        kind: LineKind::Meta,
        text: "reading…".into(),
        range: None,
    });
    Wrapped::new(width, lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Article, String, usize) {
        let article = crate::library::articles().remove(0);
        let e = crate::extract::article_entities(&article);
        (article, e.text, e.body_offset)
    }

    #[test]
    fn lines_fit_and_keep_offsets() {
        let (article, text, body) = sample();
        for width in [1u16, 7, 20, 43, 80, 200] {
            let wrapped = wrap_article(&article, &text, body, width);
            for l in &wrapped.lines {
                assert!(
                    l.text.width() <= usize::from(width),
                    "{width}: {:?}",
                    l.text
                );
                if let Some(r) = &l.range {
                    assert_eq!(text[r.clone()].replace('\n', " "), l.text);
                }
            }
        }
    }

    #[test]
    fn line_of_finds_the_line_showing_an_offset() {
        let (article, text, body) = sample();
        let wrapped = wrap_article(&article, &text, body, 40);
        let at = text.find("al-Sudani").unwrap();
        let line = wrapped.line_of(at).unwrap();
        assert!(
            wrapped.lines[line].text.contains("al-Sudani"),
            "{:?}",
            wrapped.lines[line]
        );
        assert_eq!(wrapped.line_of(0), Some(0), "the title");
        // Header lines have no place in the text: the body's first word is on a body line.
        let first_body = wrapped.line_of(body).unwrap();
        assert_eq!(wrapped.lines[first_body].kind, LineKind::Body);
        assert_eq!(wrapped.offset_from(first_body), Some(body));
    }
}
