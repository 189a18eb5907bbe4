//! The joins of [`super::resolve`] that need a whole store's names: shortened words, acronyms,
//! surnames and companies' short names, each given the groups as they stand and answering which
//! to join to which; and the union-find that makes the joins.

use std::collections::{HashMap, HashSet};

use super::{DOMINANT, Group, MINOR, roots, words};

/// `Bonn` as a person in a store that names no one `... Bonn`: the tagger took the place for
/// the surname of someone never named in full (news names people in full first), and the
/// word is a place the gazetteer knows and no given name. The roots' indexes whose kind is
/// a place instead.
pub(super) fn places_taken_for_people(groups: &[Group]) -> Vec<usize> {
    use crate::extract::gazetteer::{Gazetteer, flag};
    const PLACE: u16 = flag::CITY | flag::BIG_CITY | flag::COUNTRY | flag::REGION | flag::PLACE;
    let surnames: HashSet<&str> = roots(groups)
        .filter(|g| g.kind == "PERSON")
        .filter_map(|g| g.key.rsplit_once(' ').map(|(_, last)| last))
        .collect();
    let g = Gazetteer::get();
    roots(groups)
        .filter(|r| {
            r.kind == "PERSON" && !r.key.contains(' ') && !surnames.contains(r.key.as_str())
        })
        .filter(|r| {
            let f = g.word(&r.key);
            f & PLACE != 0 && f & flag::FIRST_NAME == 0
        })
        .map(|r| r.first)
        .collect()
}

/// The words of a key without a plural `s` (three letters at least are left).
fn folded(key: &str) -> Vec<String> {
    key.split(' ')
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
            _ => w.to_string(),
        })
        .collect()
}

/// `Lib Dems` → `Liberal Democrats`: the same number of words, each a shortening (three letters
/// or more) of the other's, one longer name only.
pub(super) fn short_forms(groups: &[Group]) -> Vec<(usize, usize)> {
    let heads = |words: &[String]| -> String {
        let h: Vec<String> = words.iter().map(|w| w.chars().take(3).collect()).collect();
        h.join(" ")
    };
    let mut by_heads: HashMap<String, Vec<(usize, Vec<String>)>> = HashMap::new();
    for g in roots(groups).filter(|g| g.key.contains(' ') && g.kind != "PERSON") {
        let words = folded(&g.key);
        by_heads
            .entry(heads(&words))
            .or_default()
            .push((g.first, words));
    }
    let mut joins = Vec::new();
    for list in by_heads.values().filter(|l| l.len() > 1) {
        for (short, words) in list {
            let longer: Vec<usize> = list
                .iter()
                .filter(|(other, long)| {
                    other != short
                        && long.join(" ").len() > words.join(" ").len()
                        && words.len() == long.len()
                        && words
                            .iter()
                            .zip(long)
                            .all(|(w, l)| l.starts_with(w.as_str()))
                })
                .map(|(other, _)| *other)
                .collect();
            if let [long] = longer[..] {
                joins.push((*short, long));
            }
        }
    }
    joins
}

/// `IBM` → `International Business Machines`: an all-capital name (not debris) and the one
/// longer name, not a person's, whose capitalised words' initials it spells; with several, the
/// one with most articles when it has [`DOMINANT`] times the next's.
pub(super) fn acronyms(groups: &[Group], debris: &dyn Fn(&Group) -> bool) -> Vec<(usize, usize)> {
    let mut by_initials: HashMap<String, Vec<&Group>> = HashMap::new();
    for g in roots(groups).filter(|g| g.key.contains(' ') && g.kind != "PERSON") {
        let initials = |words: &str| -> String {
            words
                .split(' ')
                .filter(|w| !MINOR.contains(w))
                .filter_map(|w| w.chars().next())
                .collect()
        };
        // With its company ending and without: `BBC` spells British Broadcasting Corporation.
        let (short, long) = (initials(&g.key), initials(&words(&g.name)));
        if short != long {
            by_initials.entry(long).or_default().push(g);
        }
        by_initials.entry(short).or_default().push(g);
    }
    let mut joins = Vec::new();
    for g in roots(groups) {
        let letters = g.name.chars().filter(|c| *c != '.').count();
        let acronym = (2..=6).contains(&letters)
            && g.name
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&')
            && g.kind != "PERSON";
        if !acronym || debris(g) {
            continue;
        }
        let letters: String = g.key.chars().filter(|c| *c != '&').collect();
        if let Some(long) = by_initials.get(&letters).and_then(|c| dominant(c)) {
            joins.push((g.first, long.first));
        }
    }
    joins
}

/// `Reagan` → `Ronald Reagan`: a one-word person and the full name ending in it whose articles
/// are [`DOMINANT`] times those of the next full name that does.
pub(super) fn surnames(groups: &[Group]) -> Vec<(usize, usize)> {
    let mut bearers: HashMap<&str, Vec<&Group>> = HashMap::new();
    for g in roots(groups).filter(|g| g.kind == "PERSON" && g.key.contains(' ')) {
        if let Some(last) = g.key.rsplit(' ').next() {
            bearers.entry(last).or_default().push(g);
        }
    }
    roots(groups)
        .filter(|g| g.kind == "PERSON" && !g.key.contains(' '))
        .filter_map(|g| {
            let full = dominant(bearers.get(g.key.as_str())?)?;
            Some((g.first, full.first))
        })
        .collect()
}

/// `Moody` → `Moody's Investors Service Inc`, `Merrill Lynch` → `Merrill Lynch and Co Inc`: a
/// person or an organisation of one or two words that a company's name (one with an ending such
/// as `Inc`) begins with, when no full name of a person ends in it in as many as one in [`DOMINANT`] of its
/// articles (`Baker` stays, with James and Howard Baker about); with several companies, the
/// dominant one.
pub(super) fn firms(groups: &[Group]) -> Vec<(usize, usize)> {
    let mut firms: HashMap<String, Vec<&Group>> = HashMap::new();
    for g in roots(groups).filter(|g| g.kind == "ORG" && words(&g.name) != g.key) {
        let all: Vec<&str> = g.key.split(' ').collect();
        for n in 1..=2.min(all.len() - 1) {
            let joined = all[..n].join(" ");
            let begins = joined.trim_end_matches(',');
            let begins = begins.strip_suffix("'s").unwrap_or(begins);
            firms.entry(begins.to_string()).or_default().push(g);
        }
    }
    let mut full_names: HashMap<&str, u64> = HashMap::new();
    for g in roots(groups).filter(|g| g.kind == "PERSON" && g.key.contains(' ')) {
        if let Some(last) = g.key.rsplit(' ').next() {
            *full_names.entry(last).or_default() += g.articles;
        }
    }
    roots(groups)
        .filter(|g| matches!(g.kind.as_str(), "PERSON" | "ORG") && g.key.split(' ').count() <= 2)
        .filter(|g| words(&g.name) == g.key)
        .filter(|g| {
            let bearers = full_names.get(g.key.as_str()).copied().unwrap_or(0);
            bearers.saturating_mul(DOMINANT) < g.articles
        })
        .filter_map(|g| {
            let firm = dominant(firms.get(&g.key)?)?;
            Some((g.first, firm.first))
        })
        .collect()
}

/// The candidate with most articles, when it has [`DOMINANT`] times the next one's.
fn dominant<'a>(candidates: &[&'a Group]) -> Option<&'a Group> {
    let mut by_articles: Vec<&Group> = candidates.to_vec();
    by_articles.sort_by_key(|g| std::cmp::Reverse(g.articles));
    match by_articles[..] {
        [one] => Some(one),
        [first, second, ..] if first.articles >= DOMINANT * second.articles.max(1) => Some(first),
        _ => None,
    }
}

/// Union-find over row indexes.
pub(super) struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    pub(super) fn new(n: usize) -> Sets {
        Sets {
            parent: (0..n).collect(),
        }
    }

    pub(super) fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    /// Joins `a`'s set into `b`'s.
    pub(super) fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a] = b;
        }
    }
}
