//! The joins of [`super::resolve`] that need a whole store's names: shortened words, acronyms
//! and surnames, each given the groups as they stand and answering which to join to which.

use std::collections::HashMap;

use super::{DOMINANT, Group, MINOR, roots, words};

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
