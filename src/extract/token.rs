//! A tokenizer for English news with byte offsets, and a sentence splitter over its tokens.
//!
//! Keeps `U.S.` and `Mr.` whole, splits possessives (`Iran’s`), splits `U.S.-led`,
//! `Iran-aligned` and `Israel-Hamas` at the hyphen, but keeps `al-Sudani` and `Chester-le-Street`.

/// A token: a byte range of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '{', '«', '¿', '¡', '<'];
const CLOSERS: &[char] = &[
    '"', '\'', '”', '’', ')', ']', '}', '»', '.', ',', ';', ':', '!', '?', '…', '>',
];
/// Name particles that stay joined to a hyphenated name part.
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "abu", "ben", "bint", "de", "del", "der", "la", "le", "du", "van",
    "von", "da", "di", "ul", "ad", "as", "an", "sur", "en", "upon", "on",
];
/// Abbreviations whose final period belongs to the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "lt", "col", "maj",
    "capt", "sgt", "adm", "gov", "sen", "rep", "rev", "inc", "corp", "co", "ltd", "bros", "no",
    "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "etc", "approx", "dept", "est", "univ", "assn", "ave", "blvd", "pct",
];
/// Abbreviations that keep their period only when capitalized (`Ark.`, not `ill.`).
const CAPITAL_ABBREVIATIONS: &[&str] = &[
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Penn", "Tenn", "Tex", "Vt", "Va", "Wash", "Wis", "Wyo", "Ft", "Pt", "Sta",
];

/// Splits text into tokens.
///
/// ```
/// use byline::extract::tokenize;
/// let text = "Iran’s U.S.-led talks with al-Sudani.";
/// let words: Vec<&str> = tokenize(text).iter().map(|t| &text[t.start..t.end]).collect();
/// assert_eq!(words, ["Iran", "’s", "U.S.", "-", "led", "talks", "with", "al-Sudani", "."]);
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if is_word_break(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, &mut tokens);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), &mut tokens);
    }
    tokens
}

/// White space, and what separates words without being seen: a zero-width space or joiner, a
/// byte-order mark, an emoji (`Pezeshkian🇮🇷`).
pub(crate) fn is_word_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{FE0F}'
            | '\u{2600}'..='\u{27BF}' | '\u{1F000}'..='\u{1FAFF}' | '\u{E0020}'..='\u{E007F}')
}

fn split_chunk(text: &str, mut start: usize, mut end: usize, out: &mut Vec<Token>) {
    // A chunk with no letters or digits (a dash, an ellipsis) is one token.
    if !text[start..end].chars().any(char::is_alphanumeric) {
        out.push(Token { start, end });
        return;
    }
    while let Some(c) = text[start..end]
        .chars()
        .next()
        .filter(|c| OPENERS.contains(c) || is_dash(*c))
    {
        out.push(Token {
            start,
            end: start + c.len_utf8(),
        });
        start += c.len_utf8();
    }
    let mut tail = Vec::new();
    loop {
        let core = &text[start..end];
        let Some(c) = core.chars().next_back() else {
            break;
        };
        if c == '.' && keeps_period(core) {
            break;
        }
        if let Some(n) = possessive_len(core) {
            tail.push(Token {
                start: end - n,
                end,
            });
            end -= n;
            continue;
        }
        if CLOSERS.contains(&c) || is_dash(c) || c == '%' {
            tail.push(Token {
                start: end - c.len_utf8(),
                end,
            });
            end -= c.len_utf8();
            continue;
        }
        break;
    }
    split_inner(text, start, end, out);
    out.extend(tail.into_iter().rev());
}

/// The byte length of a trailing possessive (`’s`, `'s`, or `'` after an `s`).
fn possessive_len(core: &str) -> Option<usize> {
    for suffix in ["’s", "'s", "’S", "'S"] {
        if core.len() > suffix.len() && core.ends_with(suffix) {
            let before = core[..core.len() - suffix.len()].chars().next_back()?;
            return before.is_alphanumeric().then_some(suffix.len());
        }
    }
    None
}

fn keeps_period(core: &str) -> bool {
    let word = core.trim_end_matches('.');
    if word.is_empty() || core.len() - word.len() > 1 {
        return false;
    }
    // U.S. / E.F. / single initials like "J."
    let initials = word
        .split('.')
        .all(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic));
    initials
        || ABBREVIATIONS.iter().any(|a| word.eq_ignore_ascii_case(a))
        || CAPITAL_ABBREVIATIONS.contains(&word)
}

/// Splits inside a word at `/`, at a leading currency sign, and at hyphens between name parts.
fn split_inner(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    if start >= end {
        return;
    }
    let word = &text[start..end];
    if let Some(c) = word
        .chars()
        .next()
        .filter(|c| matches!(c, '$' | '€' | '£' | '¥'))
        && word.len() > c.len_utf8()
    {
        out.push(Token {
            start,
            end: start + c.len_utf8(),
        });
        return split_inner(text, start + c.len_utf8(), end, out);
    }
    if let Some(pos) = word.find('/').filter(|&p| p > 0 && p + 1 < word.len()) {
        split_inner(text, start, start + pos, out);
        out.push(Token {
            start: start + pos,
            end: start + pos + 1,
        });
        return split_inner(text, start + pos + 1, end, out);
    }
    let mut part_start = start;
    for (i, c) in word.char_indices() {
        if c != '-' || i == 0 || i + 1 >= word.len() {
            continue;
        }
        let left = &text[part_start..start + i];
        let right_end = word[i + 1..].find('-').map_or(end, |p| start + i + 1 + p);
        let right = &text[start + i + 1..right_end];
        if splits_at_hyphen(left, right) {
            out.push(Token {
                start: part_start,
                end: start + i,
            });
            out.push(Token {
                start: start + i,
                end: start + i + 1,
            });
            part_start = start + i + 1;
        }
    }
    out.push(Token {
        start: part_start,
        end,
    });
}

/// `U.S.-led`, `Iran-aligned`: a name then a lower-case word; `Israel-Hamas`: two known names.
/// Hyphenated names (`Jean-Jacques`, `Moen-Guidon`, `al-Sudani`) stay whole.
fn splits_at_hyphen(left: &str, right: &str) -> bool {
    use super::gazetteer::{Gazetteer, flag};
    let upper = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    let lower = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
    let particle = |s: &str| PARTICLES.iter().any(|p| s.eq_ignore_ascii_case(p));
    if particle(left) || particle(right) {
        return false;
    }
    if upper(left) && lower(right) {
        return true;
    }
    const KNOWN: u16 =
        flag::COUNTRY | flag::PLACE | flag::ORG | flag::DEMONYM | flag::BIG_CITY | flag::REGION;
    let g = Gazetteer::get();
    upper(left) && upper(right) && g.word(left) & KNOWN != 0 && g.word(right) & KNOWN != 0
}

fn is_dash(c: char) -> bool {
    matches!(c, '–' | '—' | '―')
}

/// Splits tokens into sentences: index ranges into `tokens`.
pub fn sentences(text: &str, tokens: &[Token]) -> Vec<std::ops::Range<usize>> {
    const MAX_LEN: usize = 150;
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        if i - start >= MAX_LEN || is_boundary(text, &tokens[i - 1], &tokens[i]) {
            out.push(start..i);
            start = i;
        }
    }
    if start < tokens.len() {
        out.push(start..tokens.len());
    }
    out
}

fn is_boundary(text: &str, prev: &Token, next: &Token) -> bool {
    let gap = &text[prev.end..next.start];
    let next_text = &text[next.start..next.end];
    let next_opens = next_text
        .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || OPENERS.contains(&c));
    if gap.contains("\n\n") || gap.contains("\n\t") || gap.contains("\n ") && gap.len() > 2 {
        return true;
    }
    let prev_word = &text[prev.start..prev.end];
    let quote_after_stop = matches!(prev_word, "\"" | "”" | "'" | "’")
        && text[..prev.start].trim_end().ends_with(['.', '!', '?']);
    let ends_sentence = matches!(prev_word, "." | "!" | "?" | "…") || quote_after_stop;
    if ends_sentence && next_opens {
        return true;
    }
    if gap.contains('\n') {
        // A short line that is not the end of a wrapped sentence is a title or a byline line.
        let line = text[line_start(text, prev.end)..prev.end].trim();
        let mid_sentence = line.contains(". ") || line.contains("? ") || line.contains("! ");
        let last = line.rsplit(' ').next().unwrap_or("");
        const JOINERS: &[&str] = &[
            "the", "of", "in", "and", "a", "an", "to", "for", "on", "at", "by", "with", "from",
            "or",
        ];
        let title_like = line.chars().count() < 60 && !mid_sentence && !JOINERS.contains(&last);
        return title_like && next_opens || ends_sentence;
    }
    false
}

fn line_start(text: &str, at: usize) -> usize {
    text[..at].rfind('\n').map_or(0, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn possessives_and_quotes() {
        assert_eq!(
            words("“Pezeshkian’s office,” he said."),
            [
                "“",
                "Pezeshkian",
                "’s",
                "office",
                ",",
                "”",
                "he",
                "said",
                "."
            ]
        );
        assert_eq!(words("the Iraqis' view"), ["the", "Iraqis", "'", "view"]);
    }

    #[test]
    fn hyphens() {
        assert_eq!(words("Israel-Hamas war"), ["Israel", "-", "Hamas", "war"]);
        assert_eq!(words("Iranian-backed"), ["Iranian", "-", "backed"]);
        assert_eq!(words("Chester-le-Street"), ["Chester-le-Street"]);
        assert_eq!(words("Jean-Jacques Picart"), ["Jean-Jacques", "Picart"]);
        assert_eq!(words("50-kilometer oil-rich"), ["50-kilometer", "oil-rich"]);
    }

    #[test]
    fn slashes_currency_and_percent() {
        assert_eq!(
            words("DUBAI/BAGHDAD – $310 million, 5%"),
            [
                "DUBAI", "/", "BAGHDAD", "–", "$", "310", "million", ",", "5", "%"
            ]
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            words("Mr. Smith of Acme Inc. left."),
            ["Mr.", "Smith", "of", "Acme", "Inc.", "left", "."]
        );
    }

    #[test]
    fn sentences_split_at_periods_and_short_lines() {
        let text = "A Title Line\nBy Ana Ruiz\nIt rained. Then it stopped in\nBaghdad today.";
        let toks = tokenize(text);
        let sents: Vec<String> = sentences(text, &toks)
            .into_iter()
            .map(|r| {
                toks[r]
                    .iter()
                    .map(|t| &text[t.start..t.end])
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            sents,
            [
                "A Title Line",
                "By Ana Ruiz",
                "It rained .",
                "Then it stopped in Baghdad today ."
            ]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for s in [
            "",
            " ",
            "\u{1F600}’s",
            "-",
            "a-",
            "-a",
            "'s",
            "$",
            "U.",
            "..",
            "é-É",
            "/x/",
            "x/",
        ] {
            let toks = tokenize(s);
            for t in &toks {
                assert!(
                    s.is_char_boundary(t.start) && s.is_char_boundary(t.end) && t.start < t.end,
                    "{s:?}"
                );
            }
            let _ = sentences(s, &toks);
        }
    }
}
