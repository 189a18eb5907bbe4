//! Grouping mentions into entities: one canonical name per person, organisation, place or group,
//! with every surface form that refers to it.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::gazetteer::Gazetteer;
use super::tagger::{Label, Mention};

/// One entity of an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entity {
    /// The canonical name: `Masoud Pezeshkian`, `United States`.
    pub name: String,
    pub kind: Label,
    /// Every way the article writes it, most frequent first.
    pub forms: Vec<String>,
    /// Byte ranges of its mentions, in order.
    pub mentions: Vec<(usize, usize)>,
    /// For a group, the place it belongs to: `Iranian` → `Iran`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

impl Label {
    /// The sidebar's section heading for this kind.
    pub fn heading(self) -> &'static str {
        match self {
            Label::Person => "People",
            Label::Org => "Organisations",
            Label::Place => "Places",
            Label::Group => "Groups",
            Label::Misc => "Other",
            Label::Date => "Dates",
            Label::Money => "Money",
            Label::Percent => "Percentages",
            Label::Number => "Numbers",
        }
    }
}

/// Groups an article's mentions into entities, people first, then organisations, places, groups;
/// most mentioned first within each kind.
///
/// ```
/// use byline::extract::{Extractor, group_entities};
/// let text = "Masoud Pezeshkian arrived in the U.S. on Monday. Pezeshkian met officials of the United States.";
/// let groups = group_entities(text, &Extractor::get().extract(text));
/// let person = groups.iter().find(|g| g.name == "Masoud Pezeshkian").unwrap();
/// assert_eq!(person.mentions.len(), 2);
/// let place = groups.iter().find(|g| g.name == "United States").unwrap();
/// assert_eq!(place.forms.len(), 2);
/// ```
pub fn group_entities(text: &str, mentions: &[Mention]) -> Vec<Entity> {
    let surfaces: Vec<String> = mentions
        .iter()
        .map(|m| surface(&text[m.start..m.end]))
        .collect();
    let mut key_of: Vec<(Label, String)> = mentions
        .iter()
        .zip(&surfaces)
        .map(|(m, s)| (m.label, canonical(m.label, s)))
        .collect();
    link_short_names(&mut key_of);
    link_acronyms(&mut key_of);
    link_variants(&mut key_of);

    let mut groups: FxHashMap<(Label, String), Entity> = FxHashMap::default();
    let mut order = Vec::new();
    for ((m, surface), key) in mentions.iter().zip(&surfaces).zip(key_of) {
        let entry = groups.entry(key.clone()).or_insert_with(|| {
            order.push(key.clone());
            Entity {
                name: key.1.clone(),
                kind: key.0,
                forms: Vec::new(),
                mentions: Vec::new(),
                about: None,
            }
        });
        entry.mentions.push((m.start, m.end));
        entry.forms.push(surface.clone());
    }
    let mut out: Vec<Entity> = order
        .into_iter()
        .filter_map(|k| groups.remove(&k))
        .map(tidy_forms)
        .collect();
    sort_entities(&mut out);
    out
}

/// People first, then organisations, places, groups; most mentioned first within a kind.
pub(crate) fn sort_entities(entities: &mut [Entity]) {
    entities.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then(b.mentions.len().max(1).cmp(&a.mentions.len().max(1)))
            .then(a.name.cmp(&b.name))
    });
}

/// A mention's text on one line, without a leading "the".
fn surface(raw: &str) -> String {
    let s: Vec<&str> = raw
        .split(super::token::is_word_break)
        .filter(|w| !w.is_empty())
        .collect();
    let s = s.join(" ");
    s.strip_prefix("the ")
        .or_else(|| s.strip_prefix("The "))
        .unwrap_or(&s)
        .to_string()
}

/// The canonical name of a surface: the gazetteer's, else the surface in title case when it
/// was written in capitals (`BAGHDAD` → `Baghdad`).
fn canonical(label: Label, surface: &str) -> String {
    let g = Gazetteer::get();
    if matches!(label, Label::Place | Label::Org | Label::Group)
        && let Some(p) = g.phrase(surface.split(' '))
    {
        return p.canonical.to_string();
    }
    let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
    let shouting = letters.len() > 4
        && letters.iter().all(|c| c.is_uppercase())
        && surface.contains(char::is_alphabetic);
    if shouting && label != Label::Org {
        return title_case(surface);
    }
    surface.to_string()
}

fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `Pezeshkian` → `Masoud Pezeshkian`: a one-word person name that ends (or starts) a longer one.
fn link_short_names(keys: &mut [(Label, String)]) {
    let mut full: FxHashMap<String, (String, usize)> = FxHashMap::default();
    for (label, name) in keys.iter() {
        if *label != Label::Person || !name.contains(' ') {
            continue;
        }
        let parts: Vec<&str> = name.split(' ').collect();
        for part in [parts[parts.len() - 1], parts[0]] {
            let e = full
                .entry(part.to_lowercase())
                .or_insert_with(|| (name.clone(), 0));
            if e.0 == *name {
                e.1 += 1;
            }
        }
    }
    for (label, name) in keys.iter_mut() {
        if *label == Label::Person
            && !name.contains(' ')
            && let Some((long, _)) = full.get(&name.to_lowercase())
        {
            *name = long.clone();
        }
    }
}

/// `EU` → `European Union` when both appear as organisations: the acronym spells the
/// initials of the longer name's capitalized words (the first such name in the text wins).
fn link_acronyms(keys: &mut [(Label, String)]) {
    // One pass over the long names, then one look-up per acronym: linear in the mentions.
    let mut by_initials: FxHashMap<String, String> = FxHashMap::default();
    for (label, name) in keys.iter() {
        if *label == Label::Org && name.contains(' ') {
            by_initials
                .entry(initials(name))
                .or_insert_with(|| name.clone());
        }
    }
    for (label, name) in keys.iter_mut() {
        let is_acronym = name.len() >= 2
            && name.len() <= 6
            && name.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if *label != Label::Org || !is_acronym {
            continue;
        }
        let letters: String = name.chars().filter(char::is_ascii_uppercase).collect();
        if let Some(long) = by_initials.get(&letters) {
            *name = long.clone();
        }
    }
}

/// `Liberal Democrat` and `Lib Dems` → `Liberal Democrats`: organisations whose words, without
/// a plural `s`, are the same or a shortening (three letters or more) of a longer name's words,
/// word for word, are one; the longest name of such a set names it.
fn link_variants(keys: &mut [(Label, String)]) {
    let folded = |name: &str| -> Vec<String> {
        name.split(' ')
            .map(|w| {
                let w = w.to_lowercase();
                match w.strip_suffix('s') {
                    Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
                    _ => w,
                }
            })
            .collect()
    };
    // Names grouped by the first three letters of each word: one look-up per name.
    let signature = |words: &[String]| -> String {
        let heads: Vec<String> = words.iter().map(|w| w.chars().take(3).collect()).collect();
        heads.join(" ")
    };
    let mut longest: FxHashMap<String, (String, Vec<String>)> = FxHashMap::default();
    for (label, name) in keys.iter() {
        if *label != Label::Org || !name.contains(' ') {
            continue;
        }
        let words = folded(name);
        let e = longest
            .entry(signature(&words))
            .or_insert_with(|| (name.clone(), words.clone()));
        if name.len() > e.0.len() {
            *e = (name.clone(), words);
        }
    }
    for (label, name) in keys.iter_mut() {
        if *label != Label::Org || !name.contains(' ') {
            continue;
        }
        let words = folded(name);
        if let Some((long, long_words)) = longest.get(&signature(&words))
            && words
                .iter()
                .zip(long_words)
                .all(|(w, l)| l.starts_with(w.as_str()) && w.chars().count() >= 3)
        {
            *name = long.clone();
        }
    }
}

fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

/// Distinct forms, most frequent first; a group is named as the article writes it.
fn tidy_forms(mut e: Entity) -> Entity {
    // Counted in a map, listed in order of first appearance, then by count (a stable sort).
    let mut counts: FxHashMap<&str, (usize, usize)> = FxHashMap::default();
    for (i, f) in e.forms.iter().enumerate() {
        counts.entry(f.as_str()).or_insert((i, 0)).1 += 1;
    }
    let mut distinct: Vec<(&str, (usize, usize))> = counts.into_iter().collect();
    distinct.sort_by_key(|(_, (first, _))| *first);
    distinct.sort_by_key(|(_, (_, n))| std::cmp::Reverse(*n));
    let forms = distinct.into_iter().map(|(s, _)| s.to_string()).collect();
    e.forms = forms;
    if e.kind == Label::Group
        && let Some(first) = e.forms.first()
    {
        e.about = Some(std::mem::replace(&mut e.name, first.clone()));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, word: &str, nth: usize, label: Label) -> Mention {
        let start = text.match_indices(word).nth(nth).map(|(i, _)| i).unwrap();
        Mention {
            start,
            end: start + word.len(),
            label,
        }
    }

    /// Each entity's name and how many mentions it has.
    fn names(groups: &[Entity]) -> Vec<(&str, usize)> {
        groups
            .iter()
            .map(|g| (g.name.as_str(), g.mentions.len()))
            .collect()
    }

    #[test]
    fn surname_joins_full_name_and_places_share_a_canonical_name() {
        let text = "Masoud Pezeshkian met U.S. envoys. Pezeshkian left the United States. BAGHDAD";
        let mentions = [
            m(text, "Masoud Pezeshkian", 0, Label::Person),
            m(text, "U.S.", 0, Label::Place),
            m(text, "Pezeshkian", 1, Label::Person),
            m(text, "United States", 0, Label::Place),
            m(text, "BAGHDAD", 0, Label::Place),
        ];
        let groups = group_entities(text, &mentions);
        assert_eq!(
            names(&groups),
            [
                ("Masoud Pezeshkian", 2),
                ("United States", 2),
                ("Baghdad", 1)
            ]
        );
        assert_eq!(groups[1].forms, ["U.S.", "United States"]);
    }

    #[test]
    fn party_variants_are_one_row() {
        let text = "The Lib Dems won. The Liberal Democrats said a Liberal Democrat agreed. \
                    The Liberal Party and the Liberty Fund did not.";
        let mentions = [
            m(text, "Lib Dems", 0, Label::Org),
            m(text, "Liberal Democrats", 0, Label::Org),
            m(text, "Liberal Democrat", 1, Label::Org),
            m(text, "Liberal Party", 0, Label::Org),
            m(text, "Liberty Fund", 0, Label::Org),
        ];
        assert_eq!(
            names(&group_entities(text, &mentions)),
            [
                ("Liberal Democrats", 3),
                ("Liberal Party", 1),
                ("Liberty Fund", 1)
            ]
        );
    }

    #[test]
    fn acronym_joins_its_expansion() {
        let text = "The Nordic Grid Authority (NGA) said the NGA would grow.";
        let mentions = [
            m(text, "Nordic Grid Authority", 0, Label::Org),
            m(text, "NGA", 0, Label::Org),
            m(text, "NGA", 1, Label::Org),
        ];
        let groups = group_entities(text, &mentions);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].mentions.len(), 3);
    }
}
