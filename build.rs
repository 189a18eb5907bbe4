//! Compiles the gazetteer lists in assets/gazetteer/ into perfect-hash tables, so the extractor
//! starts without building hash tables at run time, and packs and deflates the CRF model.
//!
//! A table is a few flat arrays (see `extract::table`): its keys one per line, deflated, not a
//! `&str` per entry, which as `phf::Map` cost 16 bytes and a 24-byte
//! relocation each: 4 MB of the binary for the gazetteer's 78,000 entries.

use std::collections::HashMap;
use std::path::Path;

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
const TEAM: u16 = 1 << 12;

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
    g.add_words(&read("world_given_names.txt"), FIRST_NAME);
    g.add_words(&read("last_names.txt"), LAST_NAME);
    g.add_words(&read("hand/titles.txt"), TITLE);
    g.add_words(&read("hand/org_cues.txt"), ORG_CUE);
    g.add_words(&MONTHS_DAYS.replace(' ', "\n"), MONTH_DAY);
    // Only the last word of a two-word nickname (`Red Sox`, `Maple Leafs`) is marked.
    let teams = read("hand/team_names.txt");
    let last_words: Vec<&str> = lines(&teams)
        .filter_map(|l| l.split_whitespace().last())
        .collect();
    g.add_words(&last_words.join("\n"), TEAM);
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

    let out_dir = std::path::PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    write_gazetteer(&g, &starts, &out_dir);
    pack_model(&out_dir);
    println!("cargo:rerun-if-changed=build.rs");
}

/// Writes OUT_DIR/gazetteer.rs: the word and phrase tables, the phrases' canonical names.
fn write_gazetteer(g: &Lists, starts: &HashMap<String, usize>, out_dir: &Path) {
    let mut words: Vec<(&str, String)> = g
        .words
        .iter()
        .map(|(w, f)| {
            let longest = starts.get(w).copied().unwrap_or(0);
            (w.as_str(), format!("({f},{longest})"))
        })
        .collect();
    words.sort_unstable();
    let mut phrases: Vec<(&str, String, &str)> = g
        .phrases
        .iter()
        .map(|(k, (kind, canonical, sure))| {
            (k.as_str(), format!("({kind},{sure})"), canonical.as_str())
        })
        .collect();
    phrases.sort_unstable();
    let word_entries: Vec<(&str, &str)> = words.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (words_table, _) = table(out_dir, "words", &word_entries);
    let phrase_entries: Vec<(&str, &str)> =
        phrases.iter().map(|(k, v, _)| (*k, v.as_str())).collect();
    let (phrases_table, order) = table(out_dir, "phrases", &phrase_entries);
    let canonical: Vec<String> = order.iter().map(|&i| phrases[i].2.to_string()).collect();
    let canonical = strings(out_dir, "canonical", &canonical);
    let out = format!(
        "/// Lower-case word → (flags, longest phrase starting with it, in words).\n\
         static WORDS: Table<(u16, u8)> = {words_table};\n\
         /// Lower-case phrase → (kind: 0 place, 1 organisation, 2 group, 3 country; from a\n\
         /// curated list).\n\
         static PHRASES: Table<(u8, bool)> = {phrases_table};\n\
         /// The canonical name of each phrase, in the order of `PHRASES`' slots.\n\
         static CANONICAL: Strings = {canonical};\n\
         const MAX_PHRASE_WORDS: usize = {};\n",
        g.max_words
    );
    std::fs::write(out_dir.join("gazetteer.rs"), out).expect("OUT_DIR is writable");
}

/// The Rust expression of a table of `(key, value)`: a perfect hash over the keys (phf's), the
/// keys in one string in slot order, the values in the same order. Also returns that order.
fn table(out_dir: &Path, name: &str, entries: &[(&str, &str)]) -> (String, Vec<usize>) {
    let keys: Vec<&str> = entries.iter().map(|e| e.0).collect();
    let state = phf_generator::generate_hash(&keys);
    let disps: Vec<String> = state
        .disps
        .iter()
        .map(|(a, b)| format!("({a},{b})"))
        .collect();
    let in_slots = |f: &dyn Fn(&(&str, &str)) -> String| -> Vec<String> {
        state.map.iter().map(|&i| f(&entries[i])).collect()
    };
    let expr = format!(
        "Table {{ key: {}, disps: &[{}], keys: {}, values: &[{}] }}",
        state.key,
        disps.join(","),
        strings(out_dir, name, &in_slots(&|e| e.0.to_string())),
        in_slots(&|e| e.1.to_string()).join(","),
    );
    (expr, state.map)
}

/// The Rust expression of a `Strings`: `items` each ended by a line break, deflated to
/// OUT_DIR/NAME.deflate
/// (the lists' 764 KB of keys and names are 0.3 MB so, and need no table of ends).
fn strings(out_dir: &Path, name: &str, items: &[String]) -> String {
    use std::io::Write;
    if let Some(bad) = items.iter().find(|s| s.contains('\n')) {
        panic!("{name}: a line break in {bad:?}");
    }
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    for item in items {
        z.write_all(item.as_bytes()).expect("deflating into memory");
        z.write_all(b"\n").expect("deflating into memory");
    }
    let deflated = z.finish().expect("deflating into memory");
    std::fs::write(out_dir.join(format!("{name}.deflate")), deflated).expect("OUT_DIR is writable");
    format!("Strings::new(include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{name}.deflate\")))")
}

/// The CRF model in byline's own packed form, deflated (see `extract::crf`): the labels, the
/// transition weights, the attribute names one per line in id order, each attribute's count of
/// state features and their labels, and the state weights as eight byte planes (the sign and
/// exponent bytes of all the weights together compress well; the CRFsuite file's hash tables
/// and 20-byte feature records do not): 0.95 MB in the binary instead of 2.3 MB. The weights
/// and their order are the model's own, so the tags are the same to the bit.
fn pack_model(out_dir: &Path) {
    use std::io::Write;
    let path = "assets/ner/model.crfsuite";
    println!("cargo:rerun-if-changed={path}");
    let b = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let bad = |what: &str| -> ! { panic!("{path}: not a CRFsuite model ({what})") };
    let u32_at = |at: usize| -> usize {
        let bytes = b.get(at..at + 4).unwrap_or_else(|| bad("cut short"));
        u32::from_le_bytes(bytes.try_into().unwrap_or_else(|_| bad("cut short"))) as usize
    };
    let f64_at = |at: usize| -> [u8; 8] {
        let bytes = b.get(at..at + 8).unwrap_or_else(|| bad("cut short"));
        bytes.try_into().unwrap_or_else(|_| bad("cut short"))
    };
    if b.get(..4) != Some(b"lCRF") {
        bad("no magic");
    }
    let (labels, attrs) = (u32_at(20), u32_at(24));
    let (features, label_db, attr_db, label_refs, attr_refs) =
        (u32_at(28), u32_at(32), u32_at(36), u32_at(40), u32_at(44));
    // A feature: type, source, target, weight, after the chunk's 12-byte header.
    let feature = |fid: usize| {
        (
            u32_at(features + 12 + 20 * fid + 8),
            features + 12 + 20 * fid + 12,
        )
    };
    let refs = |chunk: usize, id: usize| -> Vec<usize> {
        let at = u32_at(chunk + 12 + 4 * id);
        (0..u32_at(at)).map(|k| u32_at(at + 4 + 4 * k)).collect()
    };
    // A CQDB's strings by id, from its backward array.
    let strings = |db: usize, n: usize| -> Vec<Vec<u8>> {
        let bwd = u32_at(db + 20);
        (0..n)
            .map(|id| {
                let at = db + u32_at(db + bwd + 4 * id);
                let len = u32_at(at + 4)
                    .checked_sub(1)
                    .unwrap_or_else(|| bad("empty string"));
                b.get(at + 8..at + 8 + len)
                    .unwrap_or_else(|| bad("cut short"))
                    .to_vec()
            })
            .collect()
    };
    if labels == 0 || labels > 255 {
        bad("label count");
    }
    let mut out = b"BYCRF1".to_vec();
    out.push(labels as u8);
    for label in strings(label_db, labels) {
        out.push(u8::try_from(label.len()).unwrap_or_else(|_| bad("long label")));
        out.extend(label);
    }
    let mut trans = vec![[0u8; 8]; labels * labels];
    for from in 0..labels {
        for fid in refs(label_refs, from) {
            let (to, weight) = feature(fid);
            *trans
                .get_mut(to * labels + from)
                .unwrap_or_else(|| bad("label")) = f64_at(weight);
        }
    }
    trans.iter().for_each(|w| out.extend(w));
    out.extend((attrs as u32).to_le_bytes());
    for name in strings(attr_db, attrs) {
        if name.contains(&b'\n') {
            bad("a line break in an attribute");
        }
        out.extend(name);
        out.push(b'\n');
    }
    let (mut counts, mut targets, mut weights) = (Vec::new(), Vec::new(), Vec::new());
    for aid in 0..attrs {
        let fids = refs(attr_refs, aid);
        counts.push(u8::try_from(fids.len()).unwrap_or_else(|_| bad("features per attribute")));
        for fid in fids {
            let (to, weight) = feature(fid);
            targets.push(
                u8::try_from(to)
                    .ok()
                    .filter(|&t| usize::from(t) < labels)
                    .unwrap_or_else(|| bad("label")),
            );
            weights.push(f64_at(weight));
        }
    }
    out.extend(counts);
    out.extend(targets);
    for plane in 0..8 {
        out.extend(weights.iter().map(|w| w[plane]));
    }
    let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&out).expect("deflating into memory");
    let deflated = z.finish().expect("deflating into memory");
    std::fs::write(out_dir.join("model.packed.deflate"), deflated).expect("OUT_DIR is writable");
    std::fs::write(out_dir.join("model.len"), out.len().to_string()).expect("OUT_DIR is writable");
}
