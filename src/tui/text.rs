//! Text made safe for the terminal's count of columns: characters that terminals and byline
//! (unicode-width) count differently are dropped before anything is laid out or drawn.
//!
//! Zero-width spaces, joiners (ZWJ emoji fall apart into their pictures, which everyone counts
//! alike), word joiners, BOMs, soft hyphens, variation selectors, skin-tone modifiers, bidi
//! marks, Hangul fillers, tag characters and controls: each made pane borders move by a column
//! or two in tmux (see issue 11), or stale characters stay on screen.

use std::borrow::Cow;

use crate::article::Article;

/// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), which includes the
/// zero-width characters, joiners, BOM, soft hyphen, variation selectors and bidi controls.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// What becomes of one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Keep,
    Drop,
    /// Line and paragraph separators, and (on one line) newlines and tabs.
    Space,
}

fn fate(c: char, one_line: bool) -> Fate {
    match c {
        '\n' | '\t' if !one_line => Fate::Keep,
        '\n' | '\t' | '\r' | '\u{2028}' | '\u{2029}' => Fate::Space,
        c if c.is_control() || is_default_ignorable(c) => Fate::Drop,
        // Emoji skin-tone modifiers: one cell to byline, two more to tmux.
        '\u{1F3FB}'..='\u{1F3FF}' => Fate::Drop,
        _ => Fate::Keep,
    }
}

/// A string for one line of the screen (a title, a name, the status line): the characters
/// above dropped, line breaks and tabs made spaces.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, true).0
}

/// Where the bytes a cleaning took out were: `(old offset, bytes gone up to there)`.
#[derive(Debug, Default)]
struct Cuts(Vec<(usize, usize)>);

impl Cuts {
    /// The offset in the cleaned text of byte `old` of the original (a character boundary).
    fn map(&self, old: usize) -> usize {
        let before = self.0.partition_point(|&(at, _)| at < old);
        old - before.checked_sub(1).map_or(0, |i| self.0[i].1)
    }
}

/// The cleaned text and where bytes were taken out; borrowed when nothing changes.
fn clean(s: &str, one_line: bool) -> (Cow<'_, str>, Cuts) {
    if s.chars().all(|c| fate(c, one_line) == Fate::Keep) {
        return (Cow::Borrowed(s), Cuts::default());
    }
    let mut out = String::with_capacity(s.len());
    let mut cuts = Cuts::default();
    let mut gone = 0;
    for (at, c) in s.char_indices() {
        match fate(c, one_line) {
            Fate::Keep => out.push(c),
            Fate::Drop => {
                gone += c.len_utf8();
                cuts.0.push((at, gone));
            }
            Fate::Space => {
                out.push(' ');
                gone += c.len_utf8() - 1;
                cuts.0.push((at + 1, gone));
            }
        }
    }
    (Cow::Owned(out), cuts)
}

/// A string with byte ranges into it (a search snippet and its marked words), cleaned, the
/// ranges moved to match.
pub fn marked_line(s: &str, ranges: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let (text, cuts) = clean(s, true);
    let ranges = ranges
        .iter()
        .map(|&(a, b)| (cuts.map(a), cuts.map(b)))
        .collect();
    (text.into_owned(), ranges)
}

/// An article as the reader shows it: header fields cleaned as lines, the body cleaned with
/// its blocks and links moved to match (links left empty are dropped).
pub fn clean_article(mut article: Article) -> Article {
    let one = |s: &mut String| {
        if let Cow::Owned(clean) = line(s) {
            *s = clean;
        }
    };
    one(&mut article.title);
    article.authors.iter_mut().for_each(one);
    article.dateline.iter_mut().for_each(one);
    if let Some(s) = &mut article.source {
        one(s);
    }
    let (text, cuts) = clean(&article.body.text, false);
    if let Cow::Owned(text) = text {
        article.body.text = text;
        for b in &mut article.body.blocks {
            (b.start, b.end) = (cuts.map(b.start), cuts.map(b.end));
        }
        for l in &mut article.body.links {
            (l.start, l.end) = (cuts.map(l.start), cuts.map(l.end));
        }
        article.body.links.retain(|l| l.end > l.start);
    }
    article
}

/// An article with its body cut to at most `max` bytes (at a character boundary; blocks and
/// links past the cut dropped or shortened), and the body's whole length when it was cut.
pub fn cut_article(mut article: Article, max: usize) -> (Article, Option<usize>) {
    let body = &mut article.body;
    let whole = body.text.len();
    if whole <= max {
        return (article, None);
    }
    let cut = (0..=max)
        .rev()
        .find(|&i| body.text.is_char_boundary(i))
        .unwrap_or(0);
    body.text.truncate(cut);
    body.blocks.retain(|b| b.start < cut);
    for b in &mut body.blocks {
        b.end = b.end.min(cut);
    }
    body.links.retain(|l| l.end <= cut);
    (article, Some(whole))
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;
    use crate::article::{BlockKind, Body, Link};

    /// Strings tmux 3.3a and unicode-width count differently, or that hide in the text.
    const UNSTEADY: &str = "a\u{200B}b\u{2060}c\u{FEFF}d\u{AD}e\u{2764}\u{FE0F}f\
        \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}g\u{1F44D}\u{1F3FD}h\u{3164}i\u{200E}j";

    #[test]
    fn unsteady_characters_go_and_the_rest_stays() {
        let clean = line(UNSTEADY);
        assert_eq!(
            clean,
            "abcde\u{2764}f\u{1F468}\u{1F469}\u{1F467}g\u{1F44D}hij"
        );
        assert_eq!(
            clean.width(),
            19,
            "every picture is two columns, the rest one"
        );
        assert!(matches!(line("Élodie Marchand, 港湾"), Cow::Borrowed(_)));
        assert_eq!(line("a\tb\nc\u{1b}[2J"), "a b c[2J");
    }

    #[test]
    fn the_body_keeps_its_blocks_and_links_in_place() {
        let mut article = Article::new(
            "Ti\u{200B}tle",
            Body::from_blocks([
                (BlockKind::Paragraph, "Soft\u{AD}ware and \u{FEFF}Port"),
                (BlockKind::Paragraph, "Second\u{2028}one"),
            ]),
        );
        let at = article.body.text.find("Port").unwrap();
        article.body.links.push(Link {
            start: at,
            end: at + 4,
            url: "https://x.example/".into(),
        });
        article.body.links.push(Link {
            start: 4,
            end: 6,
            url: "https://gone.example/".into(),
        });
        let clean = clean_article(article);
        assert_eq!(clean.title, "Title");
        assert_eq!(clean.body.text, "Software and Port\n\nSecond one");
        let blocks: Vec<&str> = clean
            .body
            .blocks
            .iter()
            .map(|b| clean.body.block_text(b))
            .collect();
        assert_eq!(blocks, ["Software and Port", "Second one"]);
        assert_eq!(
            clean.body.links.len(),
            1,
            "the link on the soft hyphen alone is gone"
        );
        let l = &clean.body.links[0];
        assert_eq!(&clean.body.text[l.start..l.end], "Port");
    }

    #[test]
    fn a_huge_body_is_cut_at_a_character_with_its_blocks() {
        let article = Article::new(
            "T",
            Body::from_blocks([
                (BlockKind::Paragraph, "ééé"),
                (BlockKind::Paragraph, "later"),
            ]),
        );
        let (cut, whole) = cut_article(article.clone(), 3);
        assert_eq!(whole, Some(article.body.text.len()));
        assert_eq!(cut.body.text, "é");
        assert_eq!(cut.body.blocks.len(), 1);
        assert_eq!(cut.body.block_text(&cut.body.blocks[0]), "é");
        assert_eq!(cut_article(article.clone(), 1 << 20).1, None);
    }

    #[test]
    fn marked_words_follow_their_snippet() {
        let s = "…the \u{200B}port\u{200B} strike…";
        let at = s.find("port").unwrap();
        let (clean, ranges) = marked_line(s, &[(at, at + 4)]);
        let (a, b) = ranges[0];
        assert_eq!(&clean[a..b], "port");
    }
}
