//! The open article as lines for the reading pane, wrapped to a width, with the byte offsets
//! that entity highlighting needs.

use unicode_width::UnicodeWidthStr;

use crate::article::{Article, BlockKind};
use crate::extract::ArticleEntities;

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

/// One drawn line. `start..end` is its place in [`ArticleEntities::text`]; header lines that
/// are not in that text (byline, dateline, date) have `start == end == usize::MAX`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    pub kind: LineKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Lays out title, header and body at `width` columns (at most 80, for reading comfort).
pub fn wrap_article(article: &Article, entities: &ArticleEntities, width: u16) -> Vec<WrappedLine> {
    let width = usize::from(width.clamp(1, 80));
    let text = &entities.text;
    let mut out = Vec::new();
    push_wrapped(
        &mut out,
        text,
        0,
        article.title.len(),
        width,
        LineKind::Title,
    );
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
    for m in meta {
        out.push(WrappedLine {
            kind: LineKind::Meta,
            text: m,
            start: usize::MAX,
            end: usize::MAX,
        });
    }
    for block in &article.body.blocks {
        out.push(WrappedLine {
            kind: LineKind::Blank,
            text: String::new(),
            start: usize::MAX,
            end: usize::MAX,
        });
        let kind = match block.kind {
            BlockKind::Subheading => LineKind::Subheading,
            BlockKind::Quote => LineKind::Quote,
            _ => LineKind::Body,
        };
        let (s, e) = (
            entities.body_offset + block.start,
            entities.body_offset + block.end,
        );
        push_wrapped(&mut out, text, s, e.min(text.len()), width, kind);
    }
    out
}

/// Greedy word wrap of `text[start..end]`, words longer than a line cut at characters.
fn push_wrapped(
    out: &mut Vec<WrappedLine>,
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    kind: LineKind,
) {
    let Some(slice) = text.get(start..end) else {
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
            start: s,
            end: s + t.len(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fit_and_keep_offsets() {
        let article = crate::library::articles().remove(0);
        let entities = crate::extract::article_entities(&article);
        for width in [1u16, 7, 20, 43, 80, 200] {
            let lines = wrap_article(&article, &entities, width);
            for l in lines.iter().filter(|l| l.start != usize::MAX) {
                assert!(
                    l.text.width() <= usize::from(width.min(80)),
                    "{width}: {:?}",
                    l.text
                );
                assert_eq!(entities.text[l.start..l.end].replace('\n', " "), l.text);
            }
        }
    }
}
