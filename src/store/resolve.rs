//! Canonical entities across the store: the rules that make the names the extractor gave in
//! different articles one entity each. Within one article the extractor already joins a
//! surname to the full name, an acronym to its expansion; these rules do it across articles,
//! where the two forms are seldom in the same text:
//! - case, possessive, full stops and hyphens: `Moody's` / `MOODY'S`, `U.S.` / `US`;
//! - a plural `s`: `Liberal Democrat` / `Liberal Democrats` (a single word only when its kinds
//!   agree and it is not a person: `Philips` is not `Philip`);
//! - shortened words, word for word: `Lib Dems` / `Liberal Democrats`;
//! - an acronym to the one longer name whose initials it spells: `IBM` / `International
//!   Business Machines`;
//! - a surname alone to the full name of its dominant bearer: `Reagan` / `Ronald Reagan`;
//! - the kind is the one most of the mentions give, over the whole store; a lone "person"
//!   that is a known place and no one's surname in the store is the place (`Bonn`).
//!
//! Debris from tables and headlines (`NOTE`, `NET`, `UP`) is kept but not shown in rankings:
//! a one-word name that most articles using the word do not use as a name. Pure: the store
//! gives the counts and keeps the result ([`super::canon`]).

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

#[path = "resolve_joins.rs"]
mod joins;
use joins::{Sets, acronyms, firms, places_taken_for_people, short_forms, surnames};

/// One row of the entity index with its totals over the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityStat {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub articles: u64,
    pub mentions: u64,
}

/// A canonical entity: the rows it joins, its name and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    /// The smallest id among its rows: stable while names join it.
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub members: Vec<i64>,
    /// Whether rankings list it (false for table and headline debris).
    pub shown: bool,
}

/// A surname joins a full name whose articles are at least this many times the next bearer's.
const DOMINANT: u64 = 3;
/// A one-word name is debris when fewer than this share of the articles holding the word use
/// it as a name (`UP`: a few hundred of the many thousands holding "up").
const NAME_SHARE: f64 = 0.25;
/// ... or, written in capitals, when at least this share of the articles holding it write it
/// in lower case (`NOTE` heads a thousand Reuters tables; "note" is in as many sentences).
const LOWER_SHARE: f64 = 0.25;
/// Names in fewer articles than this are not looked for in lower case (they seldom reach a
/// ranking, and the look costs a search).
const LOOKED_AT: u64 = 10;
/// Words that end a company's name without telling it apart: `IBM Corp` is `IBM`.
const COMPANY: &[&str] = &[
    "corp",
    "corporation",
    "co",
    "cos",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "plc",
    "llc",
    "sa",
    "ag",
    "nv",
    "gmbh",
    "spa",
];
/// The kinds that name someone or something; dates, sums and numbers are not ranked.
const NAMES: &[&str] = &["PERSON", "ORG", "LOC", "NORP", "MISC"];
/// Words an acronym's expansion does not spell.
const MINOR: &[&str] = &[
    "of", "the", "and", "for", "de", "la", "du", "del", "&", "on", "in",
];

/// What the store's text says of a word, for the debris gate.
pub trait Evidence {
    /// How many articles hold the word, in any case.
    fn holding(&self, word: &str) -> Option<u64>;
    /// Of a sample of the articles holding the word, the share that write it in lower case.
    fn lower_share(&self, word: &str) -> Option<f64>;
}

/// A change the user made to the canonical entities, by a name the articles write (any case);
/// kept apart from the index, so that it outlives re-indexing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "lowercase")]
pub enum Edit {
    /// The entity of `name` and that of `into` are one.
    Merge {
        name: String,
        into: String,
    },
    /// `name` is an entity of its own: no rule joins it to another.
    Split {
        name: String,
    },
    Rename {
        name: String,
        to: String,
    },
    Kind {
        name: String,
        kind: String,
    },
    /// Left out of rankings.
    Hide {
        name: String,
    },
}

/// A kind as the user writes it (person, org, place, group, misc, or the store's own names),
/// as the store keeps it.
pub fn kind_from_user(value: &str) -> Option<&'static str> {
    Some(match value.to_ascii_lowercase().as_str() {
        "person" | "people" => "PERSON",
        "org" | "organisation" | "organization" => "ORG",
        "place" | "loc" | "location" => "LOC",
        "group" | "norp" => "NORP",
        "misc" | "other" => "MISC",
        _ => return None,
    })
}

impl Edit {
    /// The name the edit is about.
    pub fn name(&self) -> &str {
        match self {
            Edit::Merge { name, .. }
            | Edit::Split { name }
            | Edit::Rename { name, .. }
            | Edit::Kind { name, .. }
            | Edit::Hide { name } => name,
        }
    }
}

/// Resolves the store's entity rows, then applies the user's edits in order.
pub fn resolve(stats: &[EntityStat], evidence: &dyn Evidence, edits: &[Edit]) -> Vec<Canonical> {
    let mut sets = Sets::new(stats.len());
    let keys: Vec<String> = stats.iter().map(|s| key(&s.name)).collect();
    // Case, possessives, stops and hyphens.
    let mut by_key: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        match by_key.get(k.as_str()) {
            Some(&j) => sets.join(i, j),
            None => drop(by_key.insert(k, i)),
        }
    }
    let split: HashSet<String> = edits
        .iter()
        .filter(|e| matches!(e, Edit::Split { .. }))
        .map(|e| key(e.name()))
        .collect();
    let alone = |g: &Group| g.members.iter().any(|&i| split.contains(&keys[i]));
    let groups = summarise(stats, &mut sets);
    let root: Vec<usize> = (0..stats.len()).map(|i| sets.find(i)).collect();
    // Plurals.
    for g in roots(&groups).filter(|g| !alone(g)) {
        let Some(stem) = g.key.strip_suffix('s').filter(|s| s.len() >= 3) else {
            continue;
        };
        if let Some(&j) = by_key.get(stem) {
            let other = &groups[root[j]];
            let same = other.kind == g.kind && g.kind != "PERSON";
            if (g.key.contains(' ') || same) && !alone(other) {
                sets.join(g.first, j);
            }
        }
    }
    let groups = summarise(stats, &mut sets);
    let debris = |g: &Group| is_debris(g, evidence);
    let mut joins = Vec::new();
    joins.extend(short_forms(&groups));
    joins.extend(acronyms(&groups, &debris));
    // A name that is a company's short form is not also a surname (Ford, Gerald Ford).
    let firm_joins = firms(&groups);
    let firm_names: HashSet<usize> = firm_joins.iter().map(|j| j.0).collect();
    joins.extend(
        surnames(&groups)
            .into_iter()
            .filter(|j| !firm_names.contains(&j.0)),
    );
    joins.extend(firm_joins);
    for (short, long) in joins {
        if !alone(&groups[short]) && !alone(&groups[long]) {
            sets.join(short, long);
        }
    }
    for edit in edits {
        if let Edit::Merge { name, into } = edit
            && let (Some(&a), Some(&b)) = (
                by_key.get(key(name).as_str()),
                by_key.get(key(into).as_str()),
            )
        {
            sets.join(a, b);
        }
    }
    let mut groups = summarise(stats, &mut sets);
    for i in places_taken_for_people(&groups) {
        groups[i].kind = "LOC".into();
    }
    let mut found: Vec<Canonical> = groups
        .iter()
        .filter(|g| g.first == sets.find(g.first))
        .map(|g| Canonical {
            id: g
                .members
                .iter()
                .map(|&i| stats[i].id)
                .min()
                .unwrap_or_default(),
            name: g.name.clone(),
            kind: g.kind.clone(),
            members: g.members.iter().map(|&i| stats[i].id).collect(),
            shown: NAMES.contains(&g.kind.as_str()) && !debris(g),
        })
        .collect();
    apply_edits(&mut found, stats, &keys, edits);
    found
}

/// Renames, kinds and hiding, on the entity that holds the edit's name.
fn apply_edits(found: &mut [Canonical], stats: &[EntityStat], keys: &[String], edits: &[Edit]) {
    let row_of: HashMap<i64, usize> = stats.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (n, c) in found.iter().enumerate() {
        for m in &c.members {
            at.insert(keys[row_of[m]].clone(), n);
        }
    }
    for edit in edits {
        let Some(&n) = at.get(&key(edit.name())) else {
            continue;
        };
        let c = &mut found[n];
        match edit {
            Edit::Rename { to, .. } => {
                // Later edits name it as it is now shown, even where the articles write that
                // name for another entity (`The Olsen Group` has the key of `Olsen Group`).
                c.name.clone_from(to);
                at.insert(key(to), n);
            }
            Edit::Kind { kind, .. } => c.kind.clone_from(kind),
            Edit::Hide { .. } => c.shown = false,
            Edit::Merge { .. } | Edit::Split { .. } => {}
        }
    }
}

/// The name folded for comparison: lower case, no possessive, stops, hyphens, leading "the"
/// or company ending (`Corp`, `Inc`).
pub fn key(name: &str) -> String {
    let folded = words(name);
    let mut words = folded.as_str();
    while let Some((rest, last)) = words.rsplit_once(' ')
        && (COMPANY.contains(&last) || last == "&" || last == ",")
    {
        words = rest;
    }
    words.trim_end_matches(',').to_string()
}

/// The name's words in lower case without possessive, stops, hyphens or a leading "the".
fn words(name: &str) -> String {
    let lower = name.to_lowercase().replace('’', "'");
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix('\''))
        .unwrap_or(&lower);
    let spaced: String = lower
        .chars()
        .filter(|&c| c != '.')
        .map(|c| if c == '-' { ' ' } else { c })
        .collect();
    let words: Vec<&str> = spaced.split_whitespace().collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ")
}

/// One set of rows as it stands between two rounds of joins.
#[derive(Debug)]
struct Group {
    /// The set's index in [`Sets`] (the groups vector is indexed by it too).
    first: usize,
    members: Vec<usize>,
    key: String,
    name: String,
    kind: String,
    articles: u64,
}

/// The groups by their set's root: `groups[root]` is the root's group (others are empty).
fn summarise(stats: &[EntityStat], sets: &mut Sets) -> Vec<Group> {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); stats.len()];
    for i in 0..stats.len() {
        members[sets.find(i)].push(i);
    }
    members
        .into_iter()
        .enumerate()
        .map(|(first, members)| {
            let mut kinds: HashMap<&str, (u64, u64)> = HashMap::new();
            for &i in &members {
                let e = kinds.entry(stats[i].kind.as_str()).or_default();
                e.0 += stats[i].mentions;
                e.1 += stats[i].articles;
            }
            let mut kind = kinds
                .iter()
                .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
                .map(|(k, _)| k.to_string())
                .unwrap_or_default();
            let articles = members.iter().map(|&i| stats[i].articles).sum();
            let mut name = display_name(stats, &members, &kind);
            // `McDonnell Douglas Corp` is no person, whatever the articles said; nor is a name
            // written as a company's anywhere (`Moody` with `Moody's Investors Service Inc`).
            let firm = |i: &usize| {
                stats[*i].kind == "ORG" && key(&stats[*i].name) != words(&stats[*i].name)
            };
            if kind == "PERSON" && (key(&name) != words(&name) || members.iter().any(firm)) {
                kind = "ORG".into();
                name = display_name(stats, &members, &kind);
            }
            Group {
                first,
                key: key(&name),
                members,
                name,
                kind,
                articles,
            }
        })
        .collect()
}

/// The name most articles use, a full name before a surname for a person.
fn display_name(stats: &[EntityStat], members: &[usize], kind: &str) -> String {
    let full = |i: &usize| kind == "PERSON" && stats[*i].name.contains(' ');
    members
        .iter()
        .max_by_key(|i| {
            (
                full(i),
                stats[**i].articles,
                std::cmp::Reverse(stats[**i].name.len()),
            )
        })
        .map(|&i| stats[i].name.clone())
        .unwrap_or_default()
}

fn roots(groups: &[Group]) -> impl Iterator<Item = &Group> {
    groups.iter().filter(|g| !g.members.is_empty())
}

/// A one-word name that most articles holding the word do not use as a name, or that they
/// write in lower case; or a name with no letter.
fn is_debris(g: &Group, evidence: &dyn Evidence) -> bool {
    if !g.name.chars().any(char::is_alphabetic) {
        return true;
    }
    if g.key.contains(' ') || g.name.chars().all(|c| !c.is_uppercase()) {
        return false;
    }
    let Some(holding) = evidence.holding(&g.key).filter(|&h| h > 0) else {
        return false;
    };
    if (g.articles as f64) < NAME_SHARE * holding as f64 {
        return true;
    }
    // An all-capital word in notably more articles than the name, written in lower case in
    // many of them, is a heading or a shouted headline (`Labour` is a party, whatever
    // "labour" is in other sentences).
    let capitals = g.name.chars().all(|c| !c.is_lowercase());
    let other_uses = holding > g.articles + g.articles / 5;
    capitals
        && other_uses
        && g.articles >= LOOKED_AT
        && evidence
            .lower_share(&g.key)
            .is_some_and(|share| share >= LOWER_SHARE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(id: i64, name: &str, kind: &str, articles: u64) -> EntityStat {
        EntityStat {
            id,
            name: name.into(),
            kind: kind.into(),
            articles,
            mentions: articles * 2,
        }
    }

    /// Articles holding each word, and the share that write it in lower case.
    struct Words(HashMap<String, (u64, f64)>);

    impl Evidence for Words {
        fn holding(&self, word: &str) -> Option<u64> {
            self.0.get(word).map(|w| w.0)
        }
        fn lower_share(&self, word: &str) -> Option<f64> {
            self.0.get(word).map(|w| w.1)
        }
    }

    /// A canonical entity's name, kind and member names.
    type One = (String, String, Vec<String>);

    /// The canonical entities, sorted; and the hidden names.
    fn resolved(stats: &[EntityStat], words: &[(&str, u64, f64)]) -> (Vec<One>, Vec<String>) {
        let words = Words(
            words
                .iter()
                .map(|(w, n, l)| (w.to_string(), (*n, *l)))
                .collect(),
        );
        let found = resolve(stats, &words, &[]);
        let name_of = |id: i64| stats.iter().find(|s| s.id == id).unwrap().name.clone();
        let mut all: Vec<_> = found
            .iter()
            .map(|c| {
                let mut names: Vec<String> = c.members.iter().map(|&m| name_of(m)).collect();
                names.sort();
                assert_eq!(
                    c.id,
                    *c.members.iter().min().unwrap(),
                    "the id is the oldest row's"
                );
                (c.name.clone(), c.kind.clone(), names)
            })
            .collect();
        all.sort();
        let mut hidden: Vec<String> = found
            .iter()
            .filter(|c| !c.shown)
            .map(|c| c.name.clone())
            .collect();
        hidden.sort();
        (all, hidden)
    }

    fn one(name: &str, kind: &str, members: &[&str]) -> One {
        let mut m: Vec<String> = members.iter().map(|s| s.to_string()).collect();
        m.sort();
        (name.into(), kind.into(), m)
    }

    // See: #14
    #[test]
    fn a_lone_person_that_is_a_place_and_no_ones_surname_is_the_place() {
        let stats = [
            stat(1, "Bonn", "PERSON", 31),
            stat(2, "BONN", "LOC", 8),
            stat(3, "Dole", "PERSON", 40),
            stat(4, "Robert Dole", "PERSON", 20),
            stat(5, "Elizabeth Dole", "PERSON", 9),
            stat(6, "Houston", "PERSON", 5),
        ];
        let (all, _) = resolved(&stats, &[]);
        // Dole has bearers named in full; Houston is a given name too.
        assert_eq!(
            all,
            [
                one("Bonn", "LOC", &["BONN", "Bonn"]),
                one("Dole", "PERSON", &["Dole"]),
                one("Elizabeth Dole", "PERSON", &["Elizabeth Dole"]),
                one("Houston", "PERSON", &["Houston"]),
                one("Robert Dole", "PERSON", &["Robert Dole"]),
            ]
        );
    }

    #[test]
    fn a_surname_joins_its_dominant_bearer_and_not_a_shared_one() {
        let stats = [
            stat(1, "Reagan", "PERSON", 393),
            stat(2, "Ronald Reagan", "PERSON", 23),
            stat(3, "Nancy Reagan", "PERSON", 4),
            stat(4, "Smith", "PERSON", 50),
            stat(5, "John Smith", "PERSON", 10),
            stat(6, "Adam Smith", "PERSON", 8),
        ];
        let (all, _) = resolved(&stats, &[]);
        assert_eq!(
            all,
            [
                one("Adam Smith", "PERSON", &["Adam Smith"]),
                one("John Smith", "PERSON", &["John Smith"]),
                one("Nancy Reagan", "PERSON", &["Nancy Reagan"]),
                one("Ronald Reagan", "PERSON", &["Reagan", "Ronald Reagan"]),
                one("Smith", "PERSON", &["Smith"]),
            ]
        );
    }

    #[test]
    fn an_acronym_joins_the_one_name_it_spells() {
        let stats = [
            stat(7, "IBM", "ORG", 300),
            stat(3, "International Business Machines Corp.", "ORG", 40),
            stat(10, "International Business Machine Corp", "ORG", 2),
            stat(4, "OPEC", "ORG", 200),
            stat(
                5,
                "Organization of Petroleum Exporting Countries",
                "ORG",
                30,
            ),
            // Two names spell ABC about as often: neither is taken.
            stat(6, "ABC", "ORG", 20),
            stat(8, "American Broadcasting Company", "ORG", 5),
            stat(9, "Australian Broadcasting Corporation", "ORG", 4),
        ];
        let (all, _) = resolved(&stats, &[("ibm", 310, 0.0), ("opec", 210, 0.0)]);
        assert_eq!(
            all,
            [
                one("ABC", "ORG", &["ABC"]),
                one(
                    "American Broadcasting Company",
                    "ORG",
                    &["American Broadcasting Company"]
                ),
                one(
                    "Australian Broadcasting Corporation",
                    "ORG",
                    &["Australian Broadcasting Corporation"]
                ),
                one(
                    "IBM",
                    "ORG",
                    &[
                        "IBM",
                        "International Business Machine Corp",
                        "International Business Machines Corp."
                    ]
                ),
                one(
                    "OPEC",
                    "ORG",
                    &["OPEC", "Organization of Petroleum Exporting Countries"]
                ),
            ]
        );
    }

    #[test]
    fn variants_of_case_possessive_plural_and_shortening_are_one() {
        let stats = [
            stat(1, "Liberal Democrats", "ORG", 30),
            stat(2, "Liberal Democrat", "ORG", 10),
            stat(3, "Lib Dems", "ORG", 12),
            stat(4, "Moody's", "ORG", 40),
            stat(5, "MOODY'S", "ORG", 3),
            stat(6, "U.S.", "LOC", 5),
            stat(7, "US", "LOC", 9),
            // A person's name is not a plural of another's.
            stat(8, "Philips", "ORG", 9),
            stat(9, "Philip", "PERSON", 9),
        ];
        let (all, _) = resolved(&stats, &[]);
        assert_eq!(
            all,
            [
                one(
                    "Liberal Democrats",
                    "ORG",
                    &["Lib Dems", "Liberal Democrat", "Liberal Democrats"]
                ),
                one("Moody's", "ORG", &["MOODY'S", "Moody's"]),
                one("Philip", "PERSON", &["Philip"]),
                one("Philips", "ORG", &["Philips"]),
                one("US", "LOC", &["U.S.", "US"]),
            ]
        );
    }

    #[test]
    fn the_kind_is_the_one_most_mentions_give() {
        let stats = [
            stat(1, "Reagan Administration", "PERSON", 5),
            stat(2, "Reagan Administration", "ORG", 40),
            stat(3, "reagan administration", "NORP", 2),
            stat(4, "McDonnell Douglas Corp", "PERSON", 50),
        ];
        let (all, _) = resolved(&stats, &[]);
        let names = [
            "Reagan Administration",
            "Reagan Administration",
            "reagan administration",
        ];
        let company = one("McDonnell Douglas Corp", "ORG", &["McDonnell Douglas Corp"]);
        assert_eq!(all, [company, one("Reagan Administration", "ORG", &names)]);
    }

    #[test]
    fn table_words_are_kept_but_not_shown_and_join_nothing() {
        let stats = [
            stat(1, "NOTE", "ORG", 1015),
            stat(2, "NET", "ORG", 400),
            stat(3, "Nippon Electric Telegraph", "ORG", 2),
            stat(4, "NATO", "ORG", 300),
            stat(5, "Poor", "PERSON", 90),
            stat(6, "---", "ORG", 9),
            stat(9, "Tuesday", "DATE", 300),
            // Written in lower case now and then, but a name.
            stat(7, "AIDS", "MISC", 200),
            stat(8, "Labour", "NORP", 280),
        ];
        let words = [
            // Most articles holding "note" use NOTE, but many write "note" too.
            ("note", 1759, 0.45),
            ("net", 12000, 0.9),
            ("nato", 320, 0.0),
            ("poor", 2000, 0.9),
            ("aids", 260, 0.1),
            ("labour", 417, 0.6),
        ];
        let (all, hidden) = resolved(&stats, &words);
        assert_eq!(all.len(), 9, "{all:?}");
        assert_eq!(hidden, ["---", "NET", "NOTE", "Poor", "Tuesday"]);
    }

    #[test]
    fn an_edit_after_a_rename_names_the_entity_as_it_is_shown() {
        let stats = [
            stat(1, "Olsen", "PERSON", 259),
            stat(2, "The Olsen Group", "ORG", 13),
        ];
        let edits = [
            Edit::Rename {
                name: "Olsen".into(),
                to: "Olsen Group".into(),
            },
            Edit::Kind {
                name: "Olsen Group".into(),
                kind: "ORG".into(),
            },
            Edit::Hide {
                name: "olsen group".into(),
            },
        ];
        let found = resolve(&stats, &Words(HashMap::new()), &edits);
        let of = |id: i64| found.iter().find(|c| c.members.contains(&id)).unwrap();
        let renamed = of(1);
        assert_eq!(renamed.name, "Olsen Group");
        assert_eq!((renamed.kind.as_str(), renamed.shown), ("ORG", false));
        let other = of(2);
        assert_ne!(other.id, renamed.id);
        assert_eq!(
            (other.name.as_str(), other.kind.as_str(), other.shown),
            ("The Olsen Group", "ORG", true)
        );
    }

    #[test]
    fn a_person_or_short_name_that_begins_a_company_name_is_the_company_unless_people_bear_it() {
        let stats = [
            stat(1, "Moody", "PERSON", 259),
            stat(2, "Moody's Investors Service Inc", "ORG", 13),
            stat(3, "Lewis Moody", "PERSON", 9),
            stat(4, "Merrill Lynch", "PERSON", 40),
            stat(5, "Merrill Lynch and Co Inc", "ORG", 12),
            stat(6, "Baker", "PERSON", 100),
            stat(7, "James Baker", "PERSON", 60),
            stat(8, "Howard Baker", "PERSON", 50),
            stat(9, "Baker Hughes Inc", "ORG", 8),
            // No company ending: a name like any other.
            stat(10, "Kestrel", "PERSON", 30),
            stat(11, "Kestrel Robotics", "ORG", 5),
            // An organisation's short name too.
            stat(12, "Ford", "ORG", 50),
            stat(13, "Ford Motor Co", "ORG", 30),
        ];
        let (all, _) = resolved(&stats, &[]);
        assert_eq!(
            all,
            [
                one("Baker", "PERSON", &["Baker"]),
                one("Baker Hughes Inc", "ORG", &["Baker Hughes Inc"]),
                one("Ford", "ORG", &["Ford", "Ford Motor Co"]),
                one("Howard Baker", "PERSON", &["Howard Baker"]),
                one("James Baker", "PERSON", &["James Baker"]),
                one("Kestrel", "PERSON", &["Kestrel"]),
                one("Kestrel Robotics", "ORG", &["Kestrel Robotics"]),
                one("Lewis Moody", "PERSON", &["Lewis Moody"]),
                one(
                    "Merrill Lynch",
                    "ORG",
                    &["Merrill Lynch", "Merrill Lynch and Co Inc"]
                ),
                one("Moody", "ORG", &["Moody", "Moody's Investors Service Inc"]),
            ]
        );
    }
}
