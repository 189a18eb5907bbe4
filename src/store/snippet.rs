//! Search snippets made in Rust, in time linear in the text: a short passage around the place
//! where the most query words meet, with the matched words' byte ranges.
//!
//! SQLite's own `snippet()` scores every position of the whole document against every phrase,
//! which grew with the square of an article's size (2.2 s for a 270 KB article, minutes for a
//! few MB; see: issue 11). Here the text is tokenised once, at most [`SCAN`] bytes of it.

/// How much of an article's text a snippet looks at. A match further in still makes the
/// article a hit (the index has all of it); its snippet then shows the text's start.
pub const SCAN: usize = 256 * 1024;

/// Words in a snippet, as FTS5's `snippet(..., 14)` had.
const WINDOW: usize = 14;

/// A query word to look for, in folded form (lower case, no diacritics).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub word: String,
    /// `iran*`: any word starting so.
    pub prefix: bool,
}

impl Term {
    /// The terms of one query word or `"phrase"` (the last word of `prefix` one is a prefix).
    pub fn from_phrase(text: &str, prefix: bool) -> Vec<Term> {
        let words: Vec<String> = tokens(text).map(|(s, e)| fold(&text[s..e])).collect();
        let last = words.len().saturating_sub(1);
        words
            .into_iter()
            .enumerate()
            .map(|(i, word)| Term {
                word,
                prefix: prefix && i == last,
            })
            .collect()
    }

    fn matches(&self, folded: &str) -> bool {
        if self.prefix {
            folded.starts_with(&self.word)
        } else {
            folded == self.word
        }
    }
}

/// A snippet of `text` around the best place for `terms`: the passage (newlines as spaces,
/// `…` where it is cut) and the byte ranges of matched words inside it.
pub fn snippet(text: &str, terms: &[Term]) -> (String, Vec<(usize, usize)>) {
    let scan = &text[..floor_boundary(text, SCAN)];
    let words: Vec<(usize, usize, Option<usize>)> = tokens(scan)
        .map(|(s, e)| {
            let folded = fold(&scan[s..e]);
            (s, e, terms.iter().position(|t| t.matches(&folded)))
        })
        .collect();
    if words.is_empty() {
        return (String::new(), Vec::new());
    }
    let first = best_window(&words, terms.len());
    let last = (first + WINDOW).min(words.len()) - 1;
    let from = if first == 0 { 0 } else { words[first].0 };
    // After the text's last word comes only its closing punctuation.
    let whole = scan.len() == text.len() && last + 1 == words.len();
    let to = if whole {
        text.trim_end().len()
    } else {
        words[last].1
    };
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let offset = out.len();
    out.extend(
        text[from..to]
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c }),
    );
    if to < text.trim_end().len() {
        out.push('…');
    }
    let ranges = words[first..=last]
        .iter()
        .filter(|w| w.2.is_some())
        .map(|&(s, e, _)| (s - from + offset, e - from + offset))
        .collect();
    (out, ranges)
}

/// The first word of the window of [`WINDOW`] words holding the most distinct terms (the
/// earliest such), starting a little before its first match; two pointers, linear.
fn best_window(words: &[(usize, usize, Option<usize>)], n_terms: usize) -> usize {
    let mut counts = vec![0usize; n_terms];
    let (mut distinct, mut best, mut best_at) = (0, 0, None);
    for end in 0..words.len() {
        if let Some(t) = words[end].2 {
            counts[t] += 1;
            if counts[t] == 1 {
                distinct += 1;
            }
        }
        if end >= WINDOW
            && let Some(t) = words[end - WINDOW].2
        {
            counts[t] -= 1;
            if counts[t] == 0 {
                distinct -= 1;
            }
        }
        if distinct > best {
            best = distinct;
            best_at = Some(end.saturating_sub(WINDOW - 1));
        }
    }
    let Some(start) = best_at else { return 0 };
    // Start two words before the window's first match, so the match has some context.
    let first_match = (start..words.len())
        .find(|&i| words[i].2.is_some())
        .unwrap_or(start);
    first_match.saturating_sub(2)
}

/// Byte ranges of the words of `text`: runs of letters and digits, as FTS5's unicode61.
fn tokens(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(i, c)| match (c.is_alphanumeric(), start) {
            (true, None) => {
                start = Some(i);
                None
            }
            (false, Some(s)) => {
                start = None;
                Some((s, i))
            }
            _ => None,
        })
}

/// Lower case without the diacritics of Latin letters (`Élodie` -> `elodie`), near enough to
/// FTS5's `remove_diacritics 2` for finding the words it matched.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(base_letter)
        .collect()
}

fn base_letter(c: char) -> char {
    const FROM: &str =
        "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    const TO: &str =
        "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnoooooooooorrrsssstttuuuuuuuuuuwyyyzzz";
    if c.is_ascii() {
        return c;
    }
    FROM.chars()
        .position(|f| f == c)
        .and_then(|i| TO.chars().nth(i))
        .unwrap_or(c)
}

fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(words: &[&str]) -> Vec<Term> {
        words
            .iter()
            .flat_map(|w| match w.strip_suffix('*') {
                Some(p) => Term::from_phrase(p, true),
                None => Term::from_phrase(w, false),
            })
            .collect()
    }

    fn marked(text: &str, words: &[&str]) -> String {
        let (s, ranges) = snippet(text, &terms(words));
        let mut out = String::new();
        let mut at = 0;
        for (a, b) in ranges {
            out.push_str(&s[at..a]);
            out.push('[');
            out.push_str(&s[a..b]);
            out.push(']');
            at = b;
        }
        out.push_str(&s[at..]);
        out
    }

    #[test]
    fn the_passage_where_most_terms_meet() {
        let text = "Oil rose. ".repeat(30) + "The prime minister of Iraq spoke about oil today.";
        assert_eq!(
            marked(&text, &["minister", "iraq"]),
            "…The prime [minister] of [Iraq] spoke about oil today."
        );
    }

    #[test]
    fn prefixes_case_and_diacritics() {
        assert_eq!(
            marked("Élodie met IRANIAN envoys.", &["elodie", "iran*"]),
            "[Élodie] met [IRANIAN] envoys."
        );
    }

    #[test]
    fn cut_text_is_marked_and_newlines_are_spaces() {
        let text = (0..40)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" ");
        let s = marked(&text.replace(" w21 ", "\nw21 "), &["w20"]);
        assert_eq!(
            s,
            "…w18 w19 [w20] w21 w22 w23 w24 w25 w26 w27 w28 w29 w30 w31…"
        );
    }

    #[test]
    fn no_match_in_the_text_gives_its_start() {
        let (s, ranges) = snippet("Markets were calm on Monday.", &terms(&["iran"]));
        assert_eq!(s, "Markets were calm on Monday.");
        assert!(ranges.is_empty());
    }

    #[test]
    fn a_match_past_the_scanned_part_gives_the_start() {
        let text = "filler words here. ".repeat(SCAN / 10) + "kestrel";
        let (s, ranges) = snippet(&text, &terms(&["kestrel"]));
        assert!(s.starts_with("filler") && ranges.is_empty(), "{s}");
    }
}
