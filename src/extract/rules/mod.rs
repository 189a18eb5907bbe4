//! Rules over the whole article that the tagger cannot see: bylines and datelines, titles and
//! demonyms cut from names, gazetteer fallbacks, one label per name, surnames found again.

use rustc_hash::FxHashMap;

mod ampersand;
mod events;
mod orgs;
mod people;
mod places;
mod possessive;
mod repeats;
mod sports;
mod vote;

use super::features::lowercase_words;
use super::gazetteer::{Gazetteer, PhraseKind, flag};
use super::tagger::{Label, TokenSpan};
use super::token::Token;

/// Applies the document rules to the tagger's spans; returns spans sorted and disjoint.
pub(crate) fn apply(text: &str, tokens: &[Token], spans: Vec<TokenSpan>) -> Vec<TokenSpan> {
    let doc = Doc::new(text, tokens);
    // Datelines and bylines first: where the tagger overlaps them (`SARAJEVO 1996-08-30` as an
    // organisation), their layout is the surer evidence.
    let mut first = doc.datelines();
    first.extend(doc.bylines());
    let spans = spans
        .into_iter()
        .filter_map(|s| doc.trim(s))
        .flat_map(|s| doc.split_at_and(s).into_iter().flatten());
    let mut spans = doc.resolve(first.into_iter().chain(spans).collect());
    doc.people_by_first_name(&mut spans);
    let honoured = doc.honorific_names(&spans);
    spans = doc.resolve(spans.into_iter().chain(honoured).collect());
    doc.split_demonyms(&mut spans);
    let companies = doc.comma_companies(&mut spans);
    spans = doc.resolve(companies.into_iter().chain(spans).collect());
    let firms = doc.ampersand_companies(&mut spans);
    spans = doc.resolve(firms.into_iter().chain(spans).collect());
    let firms = doc.possessive_firms(&mut spans);
    spans = doc.resolve(firms.into_iter().chain(spans).collect());
    let acronyms = doc.acronyms(&spans);
    spans = doc.resolve(spans.into_iter().chain(acronyms).collect());
    let units = doc.numbered_units(&spans);
    spans = doc.resolve(spans.into_iter().chain(units).collect());
    let known = doc.fallbacks(&spans);
    spans = doc.resolve(spans.into_iter().chain(known).collect());
    let cued = doc.cue_names(&mut spans);
    spans = doc.resolve(spans.into_iter().chain(cued).collect());
    doc.extend_to_cues(&mut spans);
    let teams = doc.teams(&mut spans);
    spans = doc.resolve(spans.into_iter().chain(teams).collect());
    let nicknamed = doc.nicknamed_teams(&mut spans);
    spans = doc.resolve(nicknamed.into_iter().chain(spans).collect());
    doc.short_forms(&mut spans);
    doc.consistent_labels(&mut spans);
    let again = doc.repeat_names(&spans);
    let spans: Vec<TokenSpan> = spans
        .into_iter()
        .chain(again)
        .filter_map(|s| doc.trim(s))
        .collect();
    let mut spans = doc.resolve(spans);
    // Again after the last trim, whose known-name labels (`Jordan` the country) come back.
    doc.short_forms(&mut spans);
    let figures = super::numeric::find(&doc.words, &doc.covered(&spans));
    doc.resolve(spans.into_iter().chain(figures).collect())
}

struct Doc<'a> {
    words: Vec<&'a str>,
    flags: Vec<u16>,
    /// Starts a line (after a newline or at the start of the text).
    line_start: Vec<bool>,
    /// The line each word is on, and each line's words that start with a letter and how many
    /// of those are capitalized (for [`Doc::in_headline`]).
    line_of: Vec<usize>,
    line_caps: Vec<(usize, usize)>,
    lower_elsewhere: Vec<bool>,
    /// Where each word stands, in order: finding a name again costs its own occurrences, not
    /// a walk over the whole text.
    positions: FxHashMap<&'a str, Vec<usize>>,
    /// Whether the article is about sport ([`sports::is_sports`]).
    sports: bool,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, tokens: &[Token]) -> Doc<'a> {
        let g = Gazetteer::get();
        let lower = lowercase_words(text, tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let line_start: Vec<bool> = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| i == 0 || text[tokens[i - 1].end..t.start].contains('\n'))
            .collect();
        let mut positions: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            positions.entry(*w).or_default().push(i);
        }
        let sports = sports::is_sports(&words);
        let lower_elsewhere = words
            .iter()
            .map(|w| is_cap(w) && lower.contains(w.to_lowercase().as_str()))
            .collect();
        Doc {
            flags: words.iter().map(|w| g.word(w)).collect(),
            line_of: line_start
                .iter()
                .scan(0, |line, &starts| {
                    *line += usize::from(starts);
                    Some(line.saturating_sub(1))
                })
                .collect(),
            line_caps: places::line_caps(&words, &line_start),
            words,
            line_start,
            lower_elsewhere,
            positions,
            sports,
        }
    }

    /// Drops punctuation at a span's edges, titles before a name, and spans with no capital.
    fn trim(&self, mut s: TokenSpan) -> Option<TokenSpan> {
        while s.start < s.end && !self.words[s.start].chars().any(char::is_alphanumeric) {
            s.start += 1;
        }
        while s.end > s.start && !self.words[s.end - 1].chars().any(char::is_alphanumeric) {
            s.end -= 1;
        }
        // A person's possessive is not their name; a firm's is (`Moody's`).
        while s.end > s.start
            && (s.label != Label::Org || s.end - s.start == 1)
            && matches!(self.words[s.end - 1], "’s" | "'s")
        {
            s.end -= 1;
        }
        // `the Reagan Administration`: the person, not their government.
        if s.label == Label::Person
            && s.end - s.start >= 2
            && matches!(self.words[s.end - 1], "Administration" | "administration")
        {
            s.end -= 1;
        }
        if s.start >= s.end {
            return None;
        }
        // `Kenyan Steve Riungu`, tagged as anything: a nationality, then a person.
        let g = Gazetteer::get();
        let lead = if self.flags[s.start] & flag::DEMONYM != 0 {
            1
        } else if s.end - s.start > 2
            && g.phrase(self.words[s.start..s.start + 2].iter().copied())
                .is_some_and(|p| p.kind == PhraseKind::Group)
        {
            2
        } else {
            0
        };
        if lead > 0
            && s.end - s.start >= lead + 2
            && self.flags[s.start + lead] & flag::FIRST_NAME != 0
        {
            s.start += lead;
            s.label = Label::Person;
        }
        if matches!(self.words[s.start], "No." | "No") && s.end - s.start <= 2 {
            return None;
        }
        // `White House` is an organisation and `Soviet Union` a place, whatever the tagger said.
        if matches!(s.label, Label::Person | Label::Org | Label::Place)
            && let Some(p) = g
                .phrase(self.words[s.start..s.end].iter().copied())
                .filter(|p| p.curated)
        {
            match p.kind {
                // `NEW YORK 74 59` on a sports page: the team, which the vote has decided.
                PhraseKind::Place if self.sports && s.label == Label::Org && !p.country => {}
                PhraseKind::Place => s.label = Label::Place,
                PhraseKind::Org => s.label = Label::Org,
                PhraseKind::Group => {}
            }
        }
        // `Lake Turkana`, `Mount Kenya`, `Gulf of Aden`: natural features are places, unless an
        // organisation's cue word ends the name (`Lake Forest Bank`).
        const FEATURES: &[&str] = &[
            "Lake", "Mount", "Mt.", "River", "Gulf", "Bay", "Cape", "Isle", "Loch", "Lac",
        ];
        if s.end - s.start >= 2
            && matches!(s.label, Label::Person | Label::Org)
            && FEATURES.contains(&self.words[s.start])
            && self.flags[s.end - 1] & flag::ORG_CUE == 0
        {
            s.label = Label::Place;
        }
        // `Davis Cup`, `U.S. Open`: events, not people, places or organisations.
        if s.label != Label::Misc
            && let Some(end) = self.event_end(s)
        {
            (s.end, s.label) = (end, Label::Misc);
        }
        // `20th Century Fox`, `8th Circuit`: an ordinal starts an organisation's name.
        if s.start > 0 && is_ordinal(self.words[s.start - 1]) && s.label != Label::Misc {
            s.start -= 1;
            s.label = Label::Org;
        }
        if s.label == Label::Person {
            s = self.trim_person(s);
            // `IN ANY` in a shouted line: words the article writes in lower case are no name.
            if (s.start..s.end).all(|i| self.lower_elsewhere[i]) {
                return None;
            }
        } else if s.end - s.start > 1 {
            s.end = self.cut_headline_words(s);
        }
        let has_cap = self.words[s.start..s.end].iter().any(|w| is_cap(w));
        (s.start < s.end && has_cap).then_some(s)
    }

    /// One-word short forms of longer names in the same text: `Brandt` after `Brandt
    /// Logistics` is the organisation (unless a person named in full there has that first name
    /// or surname), and `Jordan` after `Michael Jordan` the person, not the country.
    fn short_forms(&self, spans: &mut [TokenSpan]) {
        let mut heads: FxHashMap<&str, ()> = FxHashMap::default();
        let mut people: FxHashMap<&str, ()> = FxHashMap::default();
        for s in spans.iter().filter(|s| s.end - s.start >= 2) {
            let (first, last) = (self.words[s.start], self.words[s.end - 1]);
            match s.label {
                Label::Org if is_cap(first) && !self.lower_elsewhere[s.start] => {
                    heads.insert(first, ());
                }
                Label::Person => {
                    people.insert(first, ());
                    people.insert(last, ());
                }
                _ => {}
            }
        }
        let mut surnames: FxHashMap<&str, ()> = FxHashMap::default();
        for s in spans
            .iter()
            .filter(|s| s.end - s.start >= 2 && s.label == Label::Person)
        {
            surnames.insert(self.words[s.end - 1], ());
        }
        for s in spans.iter_mut().filter(|s| s.end - s.start == 1) {
            let w = self.words[s.start];
            if s.label == Label::Person && heads.contains_key(w) && !people.contains_key(w) {
                s.label = Label::Org;
            } else if s.label == Label::Place && surnames.contains_key(w) && !heads.contains_key(w)
            {
                // `Jordan` after `Michael Jordan`: the person, not the country.
                s.label = Label::Person;
            }
        }
    }

    /// Walks the capitalized words that no span covers and that the article does not also write
    /// in lower case, asking `hit` for a match of some words starting there.
    fn scan_uncovered(
        &self,
        spans: &[TokenSpan],
        mut hit: impl FnMut(usize, &[bool]) -> Option<(usize, Label)>,
    ) -> Vec<TokenSpan> {
        let covered = self.covered(spans);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let candidate = !covered[i] && is_cap(self.words[i]) && !self.lower_elsewhere[i];
            let found = if candidate { hit(i, &covered) } else { None };
            match found {
                Some((n, label)) => {
                    out.push(TokenSpan {
                        start: i,
                        end: i + n,
                        label,
                    });
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    fn covered(&self, spans: &[TokenSpan]) -> Vec<bool> {
        let mut covered = vec![false; self.words.len()];
        for s in spans {
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        }
        covered
    }

    fn key(&self, s: &TokenSpan) -> String {
        self.words[s.start..s.end].join(" ").to_lowercase()
    }

    /// Sorts spans and removes overlaps, keeping the earlier-listed (higher-priority) one.
    fn resolve(&self, spans: Vec<TokenSpan>) -> Vec<TokenSpan> {
        let mut taken = vec![false; self.words.len()];
        let mut out = Vec::new();
        for s in spans {
            if s.end > self.words.len()
                || s.start >= s.end
                || taken[s.start..s.end].iter().any(|t| *t)
            {
                continue;
            }
            taken[s.start..s.end].iter_mut().for_each(|t| *t = true);
            out.push(s);
        }
        out.sort_by_key(|s| s.start);
        out
    }
}

/// `20th`, `1st`: an ordinal number.
fn is_ordinal(w: &str) -> bool {
    let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &w[digits.len()..];
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit())
        && matches!(suffix, "st" | "nd" | "rd" | "th")
}

/// `S.` or `J.`: an initial.
fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(l), Some('.'), None) if l.is_uppercase())
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A word in capitals (`OSLO`, `U.S.`), at least two letters.
fn is_shouting(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
}

/// For the rules' tests: the labels the whole extractor gives a name in a text.
#[cfg(test)]
mod testing {
    use crate::extract::{Extractor, Label};

    /// The label of the first mention of exactly `name`.
    pub fn label_of(text: &str, name: &str) -> Option<Label> {
        labels_of(text, name).into_iter().next()
    }

    /// The labels of every mention of exactly `name`, in order.
    pub fn labels_of(text: &str, name: &str) -> Vec<Label> {
        Extractor::get()
            .extract(text)
            .into_iter()
            .filter(|m| &text[m.start..m.end] == name)
            .map(|m| m.label)
            .collect()
    }
}
