//! The tagger's features for each token: the word, its shape, gazetteer hits, and the same for
//! its neighbours. Training (`examples/train_ner.rs`) and tagging share this code.

use rustc_hash::FxHashSet;

use super::gazetteer::{Gazetteer, PhraseKind, flag};
use super::token::Token;

/// What is known of one token before context is added.
#[derive(Debug, Clone)]
pub struct TokenInfo {
    pub lower: String,
    /// `lower`'s first 24 characters, as the word features write it.
    pub word: String,
    pub shape: String,
    pub flags: u16,
    /// `Some(("LOC", true))` when a known phrase starts here, `false` inside one.
    pub phrase: Option<(&'static str, bool)>,
    pub is_cap: bool,
    pub is_upper: bool,
    /// Capitalized here, but written in lower case elsewhere in the document.
    pub lower_elsewhere: bool,
}

/// Words written in lower case somewhere in the document (capitalized ones are not names then).
pub fn lowercase_words<'a>(text: &'a str, tokens: &[Token]) -> FxHashSet<&'a str> {
    tokens
        .iter()
        .map(|t| &text[t.start..t.end])
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .collect()
}

/// Facts about each token of a sentence.
pub fn token_infos(text: &str, tokens: &[Token], lower_doc: &FxHashSet<&str>) -> Vec<TokenInfo> {
    let g = Gazetteer::get();
    let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
    let mut infos: Vec<TokenInfo> = words
        .iter()
        .map(|w| {
            let lower = w.to_lowercase();
            let is_cap = w.chars().next().is_some_and(char::is_uppercase);
            let letters = w.chars().filter(|c| c.is_alphabetic());
            let is_upper =
                is_cap && letters.clone().count() > 1 && letters.clone().all(char::is_uppercase);
            let lower_elsewhere = is_cap && lower_doc.contains(lower.as_str());
            TokenInfo {
                word: lower.chars().take(24).collect(),
                flags: g.word(w),
                shape: shape(w),
                lower,
                phrase: None,
                is_cap,
                is_upper,
                lower_elsewhere,
            }
        })
        .collect();
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        if infos[i].is_cap {
            for n in (1..=g.longest_phrase_from(words[i]).min(words.len() - i)).rev() {
                if let Some(p) = g.phrase(words[i..i + n].iter().copied()) {
                    let kind = match p.kind {
                        PhraseKind::Place => PHRASE_KINDS[0],
                        PhraseKind::Org => PHRASE_KINDS[1],
                        PhraseKind::Group => PHRASE_KINDS[2],
                    };
                    for (k, info) in infos[i..i + n].iter_mut().enumerate() {
                        info.phrase = Some((kind, k == 0));
                    }
                    matched = n;
                    break;
                }
            }
        }
        i += matched.max(1);
    }
    infos
}

/// The word's shape: `Xx`, `X.X.`, `dd`, `Xx-x`, runs of one class shortened to two.
pub fn shape(word: &str) -> String {
    let mut out = String::new();
    let mut last = '\0';
    let mut run = 0;
    for c in word.chars().take(12) {
        let class = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 2 {
            out.push(class);
        }
    }
    out
}

/// The attribute names of token `i` of a sentence, with its neighbours' facts.
pub fn attributes(infos: &[TokenInfo], i: usize, headline: bool) -> Vec<String> {
    let mut out = Vec::with_capacity(40);
    for_each_attribute(infos, i, headline, &mut String::new(), &mut |a| {
        out.push(a.to_string());
    });
    out
}

/// A word's first and last three characters, for a word of four or more.
pub(crate) fn affixes(lower: &str) -> Option<(&str, &str)> {
    let n = lower.chars().count();
    if n < 4 {
        return None;
    }
    let p3 = lower.char_indices().nth(3).map_or(0, |(i, _)| i);
    let s3 = lower.char_indices().nth(n - 3).map_or(0, |(i, _)| i);
    Some((&lower[..p3], &lower[s3..]))
}

/// Calls `each` with every attribute name of token `i`, written in turn into `buf`: the
/// tagger looks each one up without allocating it.
pub fn for_each_attribute(
    infos: &[TokenInfo],
    i: usize,
    headline: bool,
    buf: &mut String,
    each: &mut impl FnMut(&str),
) {
    let mut put = |parts: &[&str]| {
        buf.clear();
        parts.iter().for_each(|p| buf.push_str(p));
        each(buf);
    };
    let t = &infos[i];
    put(&["b"]);
    put(&["w=", &t.word]);
    put(&["sh=", &t.shape]);
    if let Some((p3, s3)) = affixes(&t.lower) {
        put(&["p3=", p3]);
        put(&["s3=", s3]);
    }
    if i == 0 {
        put(&["first"]);
    }
    if headline {
        put(&["hl"]);
    }
    if t.is_upper {
        put(&["upper"]);
    }
    if t.lower_elsewhere {
        put(&["lcdoc"]);
    }
    flags(&mut put, "", t);
    for (off, name) in [(-2isize, "-2"), (-1, "-1"), (1, "+1"), (2, "+2")] {
        let Some(j) = i.checked_add_signed(off).filter(|&j| j < infos.len()) else {
            put(&["w", name, "=<edge>"]);
            continue;
        };
        let n = &infos[j];
        put(&["w", name, "=", &n.word]);
        if off.abs() == 1 {
            put(&["sh", name, "=", &n.shape]);
            flags(&mut put, name, n);
        }
    }
    if i > 0 {
        put(&["w-1|w=", &infos[i - 1].lower, "|", &t.lower]);
    }
}

/// The gazetteer flags a capitalized token's attributes name (`g:fn`, `g-1:ctry`, ...).
pub(crate) const FLAG_NAMES: &[(u16, &str)] = &[
    (flag::FIRST_NAME, "fn"),
    (flag::LAST_NAME, "ln"),
    (flag::BIG_CITY, "city1"),
    (flag::CITY, "city"),
    (flag::COUNTRY, "ctry"),
    (flag::REGION, "reg"),
    (flag::DEMONYM, "dem"),
    (flag::ORG, "org"),
    (flag::TITLE, "title"),
    (flag::ORG_CUE, "cue"),
    (flag::PLACE, "place"),
    (flag::MONTH_DAY, "date"),
];

/// The kinds a known phrase's attribute names (`gp:LOCB`).
pub(crate) const PHRASE_KINDS: [&str; 3] = ["LOC", "ORG", "NORP"];

fn flags(put: &mut impl FnMut(&[&str]), at: &str, t: &TokenInfo) {
    if !t.is_cap {
        return;
    }
    for (f, name) in FLAG_NAMES {
        if t.flags & f != 0 {
            put(&["g", at, ":", name]);
        }
    }
    if let Some((kind, begin)) = t.phrase {
        put(&["gp", at, ":", kind, if begin { "B" } else { "I" }]);
    }
}

/// The CRF's input for one sentence: every token's attributes. Tagging and training both
/// call this, so they cannot drift apart.
pub fn sentence_attributes(
    text: &str,
    tokens: &[Token],
    lower_doc: &FxHashSet<&str>,
) -> Vec<Vec<crfs::Attribute>> {
    let infos = token_infos(text, tokens, lower_doc);
    let headline = is_headline(&infos);
    (0..infos.len())
        .map(|i| {
            attributes(&infos, i, headline)
                .into_iter()
                .map(|a| crfs::Attribute::new(a, 1.0))
                .collect()
        })
        .collect()
}

/// Whether a sentence is written in headline case: most of its words capitalized.
pub fn is_headline(infos: &[TokenInfo]) -> bool {
    let words: Vec<&TokenInfo> = infos
        .iter()
        .filter(|t| t.lower.chars().any(char::is_alphabetic))
        .collect();
    words.len() >= 3 && words.iter().filter(|t| t.is_cap).count() * 10 >= words.len() * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Pezeshkian"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2,500"), "d,dd");
        assert_eq!(shape("al-Sudani"), "xx-Xxx");
    }

    #[test]
    fn phrase_hits_mark_begin_and_inside() {
        let text = "in the Middle East today";
        let toks = super::super::token::tokenize(text);
        let lower = lowercase_words(text, &toks);
        let infos = token_infos(text, &toks, &lower);
        assert_eq!(infos[2].phrase, Some(("LOC", true)));
        assert_eq!(infos[3].phrase, Some(("LOC", false)));
        assert!(attributes(&infos, 2, false).contains(&"gp:LOCB".to_string()));
    }
}
