//! Name lists built into the binary: places, given names, surnames, organisations, demonyms,
//! titles and organisation cue words. `scripts/build_gazetteers.py` makes the generated ones;
//! `assets/gazetteer/hand/` holds the project's own.

/// What a single word is known as; several can hold at once.
pub mod flag {
    pub const FIRST_NAME: u16 = 1;
    pub const LAST_NAME: u16 = 1 << 1;
    pub const BIG_CITY: u16 = 1 << 2;
    pub const CITY: u16 = 1 << 3;
    pub const COUNTRY: u16 = 1 << 4;
    pub const REGION: u16 = 1 << 5;
    pub const DEMONYM: u16 = 1 << 6;
    pub const ORG: u16 = 1 << 7;
    pub const TITLE: u16 = 1 << 8;
    pub const ORG_CUE: u16 = 1 << 9;
    pub const PLACE: u16 = 1 << 10;
    pub const MONTH_DAY: u16 = 1 << 11;
    /// The last word of a major-league team's nickname (`Knicks`, `Sox`).
    pub const TEAM: u16 = 1 << 12;
}

/// The kind a known phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Place,
    Org,
    Group,
}

/// A known phrase: its kind and canonical name.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    pub kind: PhraseKind,
    pub canonical: &'static str,
    /// From a hand-written list or the country names: sure enough to overrule the tagger.
    pub curated: bool,
    /// A country's name (`Sri Lanka`), whose side in sport news is labelled as the country.
    pub country: bool,
}

use super::table::{Strings, Table};

// WORDS, PHRASES, CANONICAL and MAX_PHRASE_WORDS, made by build.rs from assets/gazetteer/.
include!(concat!(env!("OUT_DIR"), "/gazetteer.rs"));

/// The lists, compiled into perfect-hash tables: nothing to load at start-up.
#[derive(Debug)]
pub struct Gazetteer {
    pub max_phrase_words: usize,
}

static GAZETTEER: Gazetteer = Gazetteer {
    max_phrase_words: MAX_PHRASE_WORDS,
};

impl Gazetteer {
    /// The built-in lists.
    pub fn get() -> &'static Gazetteer {
        &GAZETTEER
    }

    fn entry(word: &str) -> (u16, u8) {
        let hit = if word.bytes().all(|b| !b.is_ascii_uppercase()) && word.is_ascii() {
            WORDS.get(word)
        } else {
            WORDS.get(word.to_lowercase().as_str())
        };
        hit.unwrap_or((0, 0))
    }

    /// The flags of one word (any case).
    pub fn word(&self, word: &str) -> u16 {
        Gazetteer::entry(word).0
    }

    /// The length in words of the longest known phrase that starts with `word`.
    pub fn longest_phrase_from(&self, word: &str) -> usize {
        usize::from(Gazetteer::entry(word).1)
    }

    /// The known phrase spelled by these words, if any.
    pub fn phrase<'a>(&self, words: impl Iterator<Item = &'a str>) -> Option<Phrase> {
        let slot = PHRASES.slot(phrase_key(words).as_str())?;
        let (kind, curated) = *PHRASES.values.get(slot)?;
        let canonical = CANONICAL.get(slot)?;
        let kind_of = match kind {
            0 | 3 => PhraseKind::Place,
            1 => PhraseKind::Org,
            _ => PhraseKind::Group,
        };
        Some(Phrase {
            kind: kind_of,
            canonical,
            curated,
            country: kind == 3,
        })
    }
}

fn phrase_key<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut key = String::new();
    for (i, w) in words.enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.extend(w.chars().flat_map(char::to_lowercase));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_their_flags() {
        let g = Gazetteer::get();
        assert_ne!(g.word("Masoud") & flag::FIRST_NAME, 0);
        assert_ne!(g.word("TEHRAN") & (flag::BIG_CITY | flag::PLACE), 0);
        assert_ne!(g.word("Iranian") & flag::DEMONYM, 0);
        assert_ne!(g.word("Ministry") & flag::ORG_CUE, 0);
        assert_eq!(g.word("xyzzy"), 0);
    }

    #[test]
    fn phrases_have_canonical_names() {
        let g = Gazetteer::get();
        let p = g.phrase(["U.S."].into_iter()).unwrap();
        assert_eq!((p.kind, p.canonical), (PhraseKind::Place, "United States"));
        assert_eq!(
            g.phrase(["middle", "east"].into_iter()).unwrap().kind,
            PhraseKind::Place
        );
        assert_eq!(g.phrase(["Iranian"].into_iter()).unwrap().canonical, "Iran");
        assert!(g.phrase(["Sri", "Lanka"].into_iter()).unwrap().country);
        assert!(!g.phrase(["Los", "Angeles"].into_iter()).unwrap().country);
    }
}
