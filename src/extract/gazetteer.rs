//! Name lists built into the binary: places, given names, surnames, organisations, demonyms,
//! titles and organisation cue words. `scripts/build_gazetteers.py` makes the generated ones;
//! `assets/gazetteer/hand/` holds the project's own.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

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
}

/// The kind a known phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhraseKind {
    Place,
    Org,
    Group,
}

/// A known phrase: its kind and canonical name.
#[derive(Debug, Clone)]
pub struct Phrase {
    pub kind: PhraseKind,
    pub canonical: &'static str,
}

/// The loaded lists.
#[derive(Debug, Default)]
pub struct Gazetteer {
    words: FxHashMap<String, u16>,
    phrases: FxHashMap<String, Phrase>,
    pub max_phrase_words: usize,
}

const MONTHS_DAYS: &str = "january february march april may june july august september october \
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
    thursday friday saturday sunday";

static GAZETTEER: OnceLock<Gazetteer> = OnceLock::new();

impl Gazetteer {
    /// The built-in lists, loaded on first use.
    pub fn get() -> &'static Gazetteer {
        GAZETTEER.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        use flag::*;
        let mut g = Gazetteer {
            words: FxHashMap::with_capacity_and_hasher(80_000, Default::default()),
            phrases: FxHashMap::with_capacity_and_hasher(45_000, Default::default()),
            max_phrase_words: 0,
        };
        g.add_words(
            include_str!("../../assets/gazetteer/first_names.txt"),
            FIRST_NAME,
        );
        g.add_words(
            include_str!("../../assets/gazetteer/hand/given_names.txt"),
            FIRST_NAME,
        );
        g.add_words(
            include_str!("../../assets/gazetteer/last_names.txt"),
            LAST_NAME,
        );
        g.add_words(
            include_str!("../../assets/gazetteer/hand/titles.txt"),
            TITLE,
        );
        g.add_words(
            include_str!("../../assets/gazetteer/hand/org_cues.txt"),
            ORG_CUE,
        );
        for word in MONTHS_DAYS.split_whitespace() {
            *g.words.entry(word.to_string()).or_default() |= MONTH_DAY;
        }
        for line in lines(include_str!("../../assets/gazetteer/cities.txt")) {
            let (name, tier) = line.split_once('\t').unwrap_or((line, "2"));
            g.add_place(name, if tier == "1" { BIG_CITY } else { CITY }, name);
        }
        for line in lines(include_str!("../../assets/gazetteer/countries.txt")) {
            g.add_place(line, COUNTRY, line);
        }
        for line in lines(include_str!("../../assets/gazetteer/regions.txt")) {
            g.add_place(line, REGION, line);
        }
        g.add_pairs(
            include_str!("../../assets/gazetteer/hand/places.txt"),
            PLACE,
            PhraseKind::Place,
        );
        g.add_pairs(
            include_str!("../../assets/gazetteer/hand/orgs.txt"),
            ORG,
            PhraseKind::Org,
        );
        g.add_pairs(
            include_str!("../../assets/gazetteer/hand/demonyms.txt"),
            DEMONYM,
            PhraseKind::Group,
        );
        g
    }

    fn add_words(&mut self, list: &'static str, f: u16) {
        for word in lines(list) {
            *self.words.entry(lowercase(word)).or_default() |= f;
        }
    }

    fn add_place(&mut self, name: &'static str, f: u16, canonical: &'static str) {
        self.add_phrase(name, f, PhraseKind::Place, canonical);
    }

    fn add_pairs(&mut self, list: &'static str, f: u16, kind: PhraseKind) {
        for line in lines(list) {
            let (name, canonical) = line.split_once('\t').unwrap_or((line, line));
            self.add_phrase(name, f, kind, canonical);
        }
    }

    fn add_phrase(
        &mut self,
        name: &'static str,
        f: u16,
        kind: PhraseKind,
        canonical: &'static str,
    ) {
        let n = name.split_whitespace().count();
        let key = if n == 1 {
            lowercase(name)
        } else {
            phrase_key(name.split_whitespace())
        };
        if n == 1 {
            *self.words.entry(key.clone()).or_default() |= f;
        }
        self.max_phrase_words = self.max_phrase_words.max(n);
        // The hand lists come last and win over the generated ones.
        let keep_old = self.phrases.get(&key).is_some_and(|p| {
            p.kind == PhraseKind::Place && kind == PhraseKind::Place && f & flag::PLACE == 0
        });
        if !keep_old {
            self.phrases.insert(key, Phrase { kind, canonical });
        }
    }

    /// The flags of one word (any case).
    pub fn word(&self, word: &str) -> u16 {
        if word.bytes().all(|b| !b.is_ascii_uppercase()) && word.is_ascii() {
            return self.words.get(word).copied().unwrap_or(0);
        }
        self.words.get(&word.to_lowercase()).copied().unwrap_or(0)
    }

    /// The known phrase spelled by these words, if any.
    pub fn phrase<'a>(&self, words: impl Iterator<Item = &'a str>) -> Option<&Phrase> {
        self.phrases.get(&phrase_key(words))
    }
}

fn lowercase(word: &str) -> String {
    if word.bytes().all(|b| !b.is_ascii_uppercase()) && word.is_ascii() {
        return word.to_string();
    }
    word.to_lowercase()
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

fn lines(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
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
    }
}
