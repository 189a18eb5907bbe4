//! Compiles the gazetteer lists in assets/gazetteer/ into perfect-hash maps, so the extractor
//! starts without building hash tables at run time.

use std::collections::HashMap;

// The same bits as `extract::gazetteer::flag`.
const FIRST_NAME: u16 = 1;
const LAST_NAME: u16 = 1 << 1;
const BIG_CITY: u16 = 1 << 2;
const CITY: u16 = 1 << 3;
const COUNTRY: u16 = 1 << 4;
const REGION: u16 = 1 << 5;
const DEMONYM: u16 = 1 << 6;
const ORG: u16 = 1 << 7;
const TITLE: u16 = 1 << 8;
const ORG_CUE: u16 = 1 << 9;
const PLACE: u16 = 1 << 10;
const MONTH_DAY: u16 = 1 << 11;

const MONTHS_DAYS: &str = "january february march april may june july august september october \
    november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday \
    thursday friday saturday sunday";

/// Phrase kinds: 0 place, 1 organisation, 2 group, 3 country (a place).
#[derive(Default)]
struct Lists {
    words: HashMap<String, u16>,
    phrases: HashMap<String, (u8, String, bool)>,
    max_words: usize,
}

fn read(name: &str) -> String {
    let path = format!("assets/gazetteer/{name}");
    println!("cargo:rerun-if-changed={path}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn key(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Lists {
    fn add_words(&mut self, text: &str, f: u16) {
        for w in lines(text) {
            *self.words.entry(w.to_lowercase()).or_default() |= f;
        }
    }

    /// Hand lists (`from_hand`) win over generated ones; among generated places the first stays.
    fn add_phrase(&mut self, name: &str, f: u16, kind: u8, canonical: &str, from_hand: bool) {
        let k = key(name);
        let n = name.split_whitespace().count();
        if n == 1 {
            *self.words.entry(k.clone()).or_default() |= f;
        }
        self.max_words = self.max_words.max(n);
        let keep_old = self
            .phrases
            .get(&k)
            .is_some_and(|old| old.0 == 0 && kind == 0 && !from_hand);
        if !keep_old {
            self.phrases
                .insert(k, (kind, canonical.to_string(), from_hand));
        }
    }
}

fn main() {
    let mut g = Lists::default();
    g.add_words(&read("first_names.txt"), FIRST_NAME);
    g.add_words(&read("hand/given_names.txt"), FIRST_NAME);
    g.add_words(&read("last_names.txt"), LAST_NAME);
    g.add_words(&read("hand/titles.txt"), TITLE);
    g.add_words(&read("hand/org_cues.txt"), ORG_CUE);
    g.add_words(&MONTHS_DAYS.replace(' ', "\n"), MONTH_DAY);
    for line in lines(&read("cities.txt")) {
        let (name, tier) = line.split_once('\t').unwrap_or((line, "2"));
        if tier != "1" && !name.contains(' ') {
            // A small town's one-word name only marks the word; as a phrase it would cost
            // binary size and nothing else.
            *g.words.entry(name.to_lowercase()).or_default() |= CITY;
            continue;
        }
        g.add_phrase(
            name,
            if tier == "1" { BIG_CITY } else { CITY },
            0,
            name,
            false,
        );
    }
    for line in lines(&read("countries.txt")) {
        // Country names are as sure as the hand lists.
        g.add_phrase(line, COUNTRY, 3, line, true);
    }
    for line in lines(&read("regions.txt")) {
        g.add_phrase(line, REGION, 0, line, false);
    }
    for (file, f, kind) in [
        ("hand/places.txt", PLACE, 0),
        ("hand/orgs.txt", ORG, 1),
        ("hand/demonyms.txt", DEMONYM, 2),
    ] {
        for line in lines(&read(file)) {
            let (name, canonical) = line.split_once('\t').unwrap_or((line, line));
            g.add_phrase(name, f, kind, canonical, true);
        }
    }
    // How long the longest phrase starting with each word is, so lookups stop early.
    let mut starts: HashMap<String, usize> = HashMap::new();
    for k in g.phrases.keys() {
        let first = k.split(' ').next().unwrap_or("").to_string();
        let n = k.split(' ').count();
        let e = starts.entry(first).or_default();
        *e = (*e).max(n);
    }
    for w in starts.keys() {
        g.words.entry(w.clone()).or_default();
    }

    let mut words = phf_codegen::Map::new();
    let word_values: Vec<(String, String)> = g
        .words
        .iter()
        .map(|(w, f)| {
            (
                w.clone(),
                format!("({f}, {})", starts.get(w).copied().unwrap_or(0)),
            )
        })
        .collect();
    for (w, v) in &word_values {
        words.entry(w.as_str(), v.as_str());
    }
    let mut phrases = phf_codegen::Map::new();
    let phrase_values: Vec<(String, String)> = g
        .phrases
        .iter()
        .map(|(k, (kind, canonical, sure))| (k.clone(), format!("({kind}, {canonical:?}, {sure})")))
        .collect();
    for (k, v) in &phrase_values {
        phrases.entry(k.as_str(), v.as_str());
    }
    let out = format!(
        "/// Lower-case word → (flags, longest phrase starting with it, in words).\n\
         static WORDS: phf::Map<&'static str, (u16, u8)> = {};\n\
         /// Lower-case phrase → (kind: 0 place, 1 organisation, 2 group, 3 country; canonical name; from a\n\
         /// curated list).\n\
         static PHRASES: phf::Map<&'static str, (u8, &'static str, bool)> = {};\n\
         const MAX_PHRASE_WORDS: usize = {};\n",
        words.build(),
        phrases.build(),
        g.max_words
    );
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("gazetteer.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=build.rs");
}
