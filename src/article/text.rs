//! The plain-text importer: title line, `By` line, dateline, subheadings, re-flowed paragraphs.

use super::{Article, BlockKind, Body, BodyBuilder};

/// Lines longer than this mean the file keeps one paragraph per line; shorter ones throughout
/// mean it was hard-wrapped (Reuters, AP) and lines must be joined.
const WRAP_LIMIT: usize = 100;
const AGENCIES: &[&str] = &[
    "AP",
    "Reuters",
    "AFP",
    "Associated Press",
    "Staff",
    "BBC News",
    "CNN",
];

/// Parses an article written as plain text.
///
/// The first non-blank line is the title; a following `By A and B` line gives the authors; a
/// leading dateline (`DUBAI/BAGHDAD –`, `NAIROBI, Kenya (AP) _`) gives places and is cut from
/// the first paragraph; short unpunctuated lines between paragraphs become subheadings.
pub(crate) fn parse_text(text: &str) -> Result<Article, String> {
    let mut lines = text.lines().skip_while(|l| l.trim().is_empty()).peekable();
    let first = lines.next().ok_or("no text in the file")?.trim();
    let (title, first_is_body) = title_from(first);
    let mut rest: Vec<&str> = Vec::new();
    if first_is_body {
        rest.push(first);
    }
    rest.extend(lines);

    let mut authors = Vec::new();
    if let Some(pos) = rest.iter().position(|l| !l.trim().is_empty())
        && let Some(found) = byline_authors(rest[pos])
    {
        authors = found;
        rest.drain(..=pos);
    }

    let (body, dateline) = body_from_lines(&rest);
    let mut article = Article::new(title, body);
    article.authors = authors;
    article.dateline = dateline;
    article.refresh_id();
    Ok(article)
}

/// Cuts body text (no title line) into paragraphs and subheadings and takes a leading dateline.
pub(crate) fn body_from_plain(text: &str) -> (Body, Vec<String>) {
    body_from_lines(&text.lines().collect::<Vec<_>>())
}

fn body_from_lines(lines: &[&str]) -> (Body, Vec<String>) {
    let mut paragraphs = split_paragraphs(lines);
    if paragraphs
        .last()
        .is_some_and(|p| p.eq_ignore_ascii_case("reuter"))
    {
        paragraphs.pop(); // Reuters-21578's sign-off, not text.
    }
    let mut dateline = Vec::new();
    if let Some(first) = paragraphs.first_mut()
        && let Some((places, rest_of_first)) = split_dateline(first)
    {
        dateline = places;
        *first = rest_of_first.to_string();
    }
    let mut body = BodyBuilder::default();
    for (i, para) in paragraphs.iter().enumerate() {
        let next = paragraphs.get(i + 1);
        let kind = if next.is_some_and(|n| n.len() > para.len()) && is_subheading(para) {
            BlockKind::Subheading
        } else {
            BlockKind::Paragraph
        };
        body.push(kind, para);
    }
    (body.finish(), dateline)
}

/// The title from the first line; a first line too long to be a title is also body text.
fn title_from(first: &str) -> (String, bool) {
    const MAX_TITLE: usize = 200;
    if first.len() <= MAX_TITLE {
        return (collapse(first), false);
    }
    let words: Vec<&str> = first.split_whitespace().take(12).collect();
    (format!("{}…", words.join(" ")), true)
}

/// Authors from a `By A, B and C` line, or `None` when the line is not a byline.
fn byline_authors(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let rest = ["By ", "BY ", "by "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?;
    if line.len() > 120
        || rest.ends_with('.') && !rest.ends_with(".)") && rest.split_whitespace().count() > 8
    {
        return None;
    }
    let names: Vec<String> = rest
        .split([',', '&', ';'])
        .flat_map(|part| part.split(" and "))
        .map(str::trim)
        .filter(|n| !n.is_empty() && n.chars().next().is_some_and(char::is_uppercase))
        .filter(|n| !AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(n)))
        .map(str::to_string)
        .collect();
    (!names.is_empty()).then_some(names)
}

/// Groups lines into paragraphs, joining hard-wrapped lines.
fn split_paragraphs(lines: &[&str]) -> Vec<String> {
    let wrapped = is_hard_wrapped(lines);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    for line in lines {
        let starts_new = line.trim().is_empty()
            || !wrapped
            || line.starts_with([' ', '\t']) && !current.is_empty();
        if starts_new && !current.is_empty() {
            paragraphs.push(std::mem::take(&mut current));
        }
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        push_collapsed(&mut current, line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

/// Hard-wrapped text has short lines, many of which stop mid-sentence; text with one
/// paragraph per line ends nearly every line with closing punctuation.
fn is_hard_wrapped(lines: &[&str]) -> bool {
    let lines: Vec<&str> = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .collect();
    let open = lines
        .iter()
        .filter(|l| !l.ends_with(['.', '!', '?', '"', '”', ':', '’', '\'']))
        .count();
    lines.iter().all(|l| l.chars().count() <= WRAP_LIMIT)
        && open >= 2
        && open * 10 >= lines.len() * 3
}

/// Splits a leading dateline from a paragraph: its places and the text after it.
pub(crate) fn split_dateline(para: &str) -> Option<(Vec<String>, &str)> {
    const SEPARATORS: &[&str] = &[" – ", " — ", " -- ", " - ", " _ ", " —", "– "];
    let (pos, sep) = SEPARATORS
        .iter()
        .filter_map(|s| para.find(s).map(|p| (p, *s)))
        .filter(|(p, _)| *p <= 80)
        .min_by_key(|(p, _)| *p)?;
    let mut head = para[..pos].trim();
    if let Some(open) = head
        .rfind(" (")
        .or_else(|| head.starts_with('(').then_some(0))
        && head.ends_with(')')
        && head.len() - open <= 24
    {
        head = head[..open].trim(); // (AP), (Reuters)
    }
    let mut parts = head.split(", ");
    let city = parts.next()?;
    let is_caps = city.chars().any(char::is_alphabetic)
        && city
            .chars()
            .all(|c| c.is_uppercase() || " ./'-&".contains(c))
        && city.chars().filter(|c| c.is_alphabetic()).count() >= 2;
    if !is_caps {
        return None;
    }
    // `AP - Stocks rose` names the agency, not a place: cut it, keep no place.
    let is_agency =
        |p: &str| AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(p.trim())) || p.trim() == "UPI";
    let mut places: Vec<String> = city
        .split('/')
        .filter(|p| !is_agency(p))
        .map(|p| p.trim().to_string())
        .collect();
    for part in parts {
        let is_place = part
            .split_whitespace()
            .all(|w| w.starts_with(char::is_uppercase))
            && !part.split_whitespace().any(is_date_word);
        if is_place {
            places.push(part.trim().to_string());
        }
    }
    places.retain(|p| !p.is_empty());
    Some((places, para[pos + sep.len()..].trim_start()))
}

fn is_date_word(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    !w.is_empty() && w.chars().all(|c| c.is_ascii_digit()) || super::date::date_word(w).is_some()
}

/// A short line without closing punctuation, like `Relations with the U.S.`.
fn is_subheading(para: &str) -> bool {
    let words: Vec<&str> = para.split_whitespace().collect();
    let Some(last) = words.last() else {
        return false;
    };
    let ends_open = !para.ends_with(['.', ',', ';', ':', '!', '?', '…', '"', '”', '\'', '’', ')'])
        || is_abbreviation(last);
    para.chars().count() <= 80
        && words.len() <= 12
        && para.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && ends_open
        && !para.contains(". ")
}

/// `U.S.` or `U.K.`: a token with a period inside, not only at its end.
fn is_abbreviation(word: &str) -> bool {
    let inner = word.trim_end_matches('.');
    inner.contains('.') && inner.chars().all(|c| c.is_alphabetic() || c == '.')
}

fn push_collapsed(out: &mut String, s: &str) {
    for (i, word) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(a: &Article) -> Vec<(BlockKind, &str)> {
        a.body.iter().collect()
    }

    #[test]
    fn title_byline_dateline_and_subheading() {
        let a = parse_text(
            "\nHeadline Here\nBy Ana Ruiz and Li Wei\nDUBAI/BAGHDAD – The visit began.\nSecond paragraph is long enough here.\nTies with the U.S.\nMore text follows in this paragraph.\n",
        )
        .unwrap();
        assert_eq!(a.title, "Headline Here");
        assert_eq!(a.authors, ["Ana Ruiz", "Li Wei"]);
        assert_eq!(a.dateline, ["DUBAI", "BAGHDAD"]);
        assert_eq!(texts(&a)[0], (BlockKind::Paragraph, "The visit began."));
        assert_eq!(texts(&a)[2], (BlockKind::Subheading, "Ties with the U.S."));
    }

    #[test]
    fn ap_dateline_with_country() {
        let (places, rest) = split_dateline("NAIROBI, Kenya (AP) _ Rains fell.").unwrap();
        assert_eq!(places, ["NAIROBI", "Kenya"]);
        assert_eq!(rest, "Rains fell.");
    }

    #[test]
    fn dateline_with_date_keeps_only_place() {
        let (places, _) = split_dateline("NEW YORK, March 3 - Stocks rose.").unwrap();
        assert_eq!(places, ["NEW YORK"]);
    }

    #[test]
    fn agency_alone_is_cut_but_not_a_place() {
        let (places, rest) = split_dateline("AFP - Talks resume.").unwrap();
        assert!(places.is_empty());
        assert_eq!(rest, "Talks resume.");
    }

    #[test]
    fn ordinary_dash_is_not_a_dateline() {
        assert!(split_dateline("The minister - who spoke late - left.").is_none());
    }

    #[test]
    fn hard_wrapped_paragraphs_are_reflowed() {
        let a = parse_text(
            "TITLE\n\nFirst line of text\ncontinues here.\n    Second paragraph\nwraps too.\n Reuter\n",
        )
        .unwrap();
        assert_eq!(
            texts(&a),
            [
                (BlockKind::Paragraph, "First line of text continues here."),
                (BlockKind::Paragraph, "Second paragraph wraps too.")
            ]
        );
    }

    #[test]
    fn sentence_line_is_not_a_subheading() {
        assert!(!is_subheading("He left."));
        assert!(!is_subheading("this starts lower case"));
        assert!(is_subheading("Relations with the U.S."));
    }

    #[test]
    fn very_long_first_line_stays_in_body() {
        let line = "word ".repeat(100);
        let a = parse_text(&line).unwrap();
        assert!(a.title.ends_with('…'));
        assert_eq!(a.body.blocks.len(), 1);
    }

    #[test]
    fn blank_text_is_an_error() {
        assert!(parse_text(" \n\n ").is_err());
    }
}
