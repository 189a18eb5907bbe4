//! Rules over the whole article that the tagger cannot see: bylines and datelines, titles and
//! demonyms cut from names, gazetteer fallbacks, one label per name, surnames found again.

use rustc_hash::FxHashMap;

use super::features::lowercase_words;
use super::gazetteer::{Gazetteer, PhraseKind, flag};
use super::tagger::{Label, TokenSpan};
use super::token::Token;

/// Applies the document rules to the tagger's spans; returns spans sorted and disjoint.
pub(crate) fn apply(text: &str, tokens: &[Token], spans: Vec<TokenSpan>) -> Vec<TokenSpan> {
    let doc = Doc::new(text, tokens);
    let mut spans: Vec<TokenSpan> = spans.into_iter().filter_map(|s| doc.trim(s)).collect();
    spans.extend(doc.bylines());
    spans.extend(doc.datelines());
    let mut spans = doc.resolve(spans);
    doc.people_by_first_name(&mut spans);
    spans = doc.resolve(spans);
    doc.split_demonyms(&mut spans);
    let companies = doc.comma_companies(&mut spans);
    spans = doc.resolve(companies.into_iter().chain(spans).collect());
    let acronyms = doc.acronyms(&spans);
    spans = doc.resolve(spans.into_iter().chain(acronyms).collect());
    let known = doc.fallbacks(&spans);
    spans = doc.resolve(spans.into_iter().chain(known).collect());
    doc.consistent_labels(&mut spans);
    let again = doc.repeat_names(&spans);
    let spans: Vec<TokenSpan> = spans
        .into_iter()
        .chain(again)
        .filter_map(|s| doc.trim(s))
        .collect();
    doc.resolve(spans)
}

struct Doc<'a> {
    words: Vec<&'a str>,
    flags: Vec<u16>,
    /// Starts a line (after a newline or at the start of the text).
    line_start: Vec<bool>,
    lower_elsewhere: Vec<bool>,
}

impl<'a> Doc<'a> {
    fn new(text: &'a str, tokens: &[Token]) -> Doc<'a> {
        let g = Gazetteer::get();
        let lower = lowercase_words(text, tokens);
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        let line_start = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| i == 0 || text[tokens[i - 1].end..t.start].contains('\n'))
            .collect();
        let lower_elsewhere = words
            .iter()
            .map(|w| is_cap(w) && lower.contains(w.to_lowercase().as_str()))
            .collect();
        Doc {
            flags: words.iter().map(|w| g.word(w)).collect(),
            words,
            line_start,
            lower_elsewhere,
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
        while s.end > s.start && matches!(self.words[s.end - 1], "’s" | "'s") {
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
                PhraseKind::Place => s.label = Label::Place,
                PhraseKind::Org => s.label = Label::Org,
                PhraseKind::Group => {}
            }
        }
        // `Davis Cup`, `Winter Games`: events, not people, places or organisations.
        const EVENTS: &[&str] = &[
            "Cup",
            "Games",
            "Olympics",
            "Olympiad",
            "Championship",
            "Championships",
            "Prize",
            "Award",
            "Awards",
            "Festival",
            "Bowl",
            "Grand Prix",
            "Open",
            "Marathon",
            "Expo",
        ];
        if s.end - s.start >= 2 && EVENTS.contains(&self.words[s.end - 1]) && s.label != Label::Misc
        {
            s.label = Label::Misc;
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

    /// A person's name without what the tagger took in around it: titles and a nationality
    /// before it (`German Claudia Pechstein`, `Prophet Elijah`), a sentence's first word that the
    /// article also writes in lower case (`Yet DiCaprio`); with initials and particles before it
    /// (`S. Subramaniam`, `del Ponte`) and after it (`al-Sudani`).
    fn trim_person(&self, mut s: TokenSpan) -> TokenSpan {
        let g = Gazetteer::get();
        loop {
            let left = s.end - s.start;
            let group2 = left > 3
                && g.phrase(self.words[s.start..s.start + 2].iter().copied())
                    .is_some_and(|p| p.kind == PhraseKind::Group);
            if group2 {
                s.start += 2;
            } else if left > 1 && self.flags[s.start] & flag::TITLE != 0
                || left > 2 && self.flags[s.start] & flag::DEMONYM != 0
                || left > 1
                    && self.lower_elsewhere[s.start]
                    && self.flags[s.start] & flag::FIRST_NAME == 0
            {
                s.start += 1;
            } else {
                break;
            }
        }
        // Cut at a possessive or a conjunction inside: `Cruise or Gibson`, `Luhrmann's MTV`.
        if let Some(k) = (s.start + 1..s.end)
            .find(|&k| matches!(self.words[k], "’s" | "'s" | "or" | "and" | ","))
        {
            s.end = k;
        }
        while s.start > 0 && is_initial(self.words[s.start - 1]) {
            s.start -= 1;
        }
        if s.start > 0
            && matches!(
                self.words[s.start - 1],
                "del"
                    | "de"
                    | "van"
                    | "von"
                    | "da"
                    | "di"
                    | "al"
                    | "el"
                    | "bin"
                    | "ben"
                    | "la"
                    | "le"
            )
        {
            s.start -= 1;
        }
        s.end = self.extend_particles(s.end);
        s
    }

    /// `Middle East Tensions` in a headline: a known name followed by words the article also
    /// writes in lower case is cut to the known name.
    fn cut_headline_words(&self, s: TokenSpan) -> usize {
        let g = Gazetteer::get();
        for n in (1..s.end - s.start).rev() {
            if g.phrase(self.words[s.start..s.start + n].iter().copied())
                .is_some()
            {
                let rest_common = (s.start + n..s.end).all(|i| self.lower_elsewhere[i]);
                return if rest_common { s.start + n } else { s.end };
            }
        }
        s.end
    }

    /// Takes in name particles after a name: `al-Sudani`, `bin Salman`, `van Gogh`.
    fn extend_particles(&self, mut end: usize) -> usize {
        const PARTICLES: &[&str] = &[
            "bin", "ibn", "van", "von", "de", "da", "di", "del", "der", "du", "la", "le", "al",
            "el", "ben",
        ];
        loop {
            let Some(w) = self.words.get(end) else {
                return end;
            };
            let hyphenated = w
                .split_once('-')
                .is_some_and(|(p, rest)| PARTICLES.contains(&p) && is_cap(rest));
            if hyphenated {
                end += 1;
            } else if PARTICLES.contains(w) && self.words.get(end + 1).is_some_and(|n| is_cap(n)) {
                end += 2;
            } else {
                return end;
            }
        }
    }

    /// `By Ana Ruiz and Li Wei` on a line of its own: people.
    fn bylines(&self) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        for i in (0..self.words.len())
            .filter(|&i| self.line_start[i] && self.words[i].eq_ignore_ascii_case("by"))
        {
            let mut j = i + 1;
            let mut name_start = j;
            while j <= self.words.len() {
                let at_end = j == self.words.len() || self.line_start[j];
                let sep = !at_end && matches!(self.words[j], "and" | "," | "&");
                if at_end || sep {
                    let n = j - name_start;
                    if (2..=4).contains(&n) && self.words[name_start..j].iter().all(|w| is_cap(w)) {
                        out.push(TokenSpan {
                            start: name_start,
                            end: j,
                            label: Label::Person,
                        });
                    }
                    if at_end {
                        break;
                    }
                    name_start = j + 1;
                } else if !is_cap(self.words[j]) {
                    break;
                }
                j += 1;
            }
        }
        out
    }

    /// `OSLO, Norway (AP) _` and `DUBAI/BAGHDAD –` at the start of a line: places and an agency.
    fn datelines(&self) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        for i in (0..self.words.len()).filter(|&i| self.line_start[i] && is_shouting(self.words[i]))
        {
            let mut j = i;
            let mut places = Vec::new();
            while j < self.words.len()
                && is_shouting(self.words[j])
                && self.flags[j] & flag::DEMONYM == 0
            {
                let start = j;
                while j < self.words.len() && is_shouting(self.words[j]) {
                    j += 1;
                }
                places.push(TokenSpan {
                    start,
                    end: j,
                    label: Label::Place,
                });
                if self.words.get(j) == Some(&"/") {
                    j += 1;
                }
            }
            if self.words.get(j) == Some(&",") {
                let start = j + 1;
                let mut k = start;
                while k < self.words.len()
                    && is_cap(self.words[k])
                    && self.flags[k] & flag::MONTH_DAY == 0
                    && k - start < 3
                {
                    k += 1;
                }
                if k > start {
                    places.push(TokenSpan {
                        start,
                        end: k,
                        label: Label::Place,
                    });
                }
                j = k;
            }
            if self.words.get(j) == Some(&"(") && self.words.get(j + 2) == Some(&")") {
                if self.flags.get(j + 1).is_some_and(|f| f & flag::ORG != 0) {
                    places.push(TokenSpan {
                        start: j + 1,
                        end: j + 2,
                        label: Label::Org,
                    });
                }
                j += 3;
            }
            if self
                .words
                .get(j)
                .is_some_and(|w| matches!(*w, "_" | "-" | "–" | "—" | "--"))
            {
                out.extend(places);
            }
        }
        out
    }

    /// `Iranian` inside a longer span that is not an organisation or place name of its own
    /// (`Iranian President`) becomes a group; a demonym the tagger missed is added.
    fn split_demonyms(&self, spans: &mut Vec<TokenSpan>) {
        let g = Gazetteer::get();
        let mut covered = vec![false; self.words.len()];
        for s in spans.iter() {
            covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
        }
        for s in spans.iter_mut() {
            let one = s.end - s.start == 1 && self.flags[s.start] & flag::DEMONYM != 0;
            let phrase = g.phrase(self.words[s.start..s.end].iter().copied());
            let group_phrase = phrase.is_some_and(|p| p.kind == PhraseKind::Group);
            if one && s.label != Label::Org || group_phrase {
                s.label = Label::Group;
            }
        }
        for (i, &is_covered) in covered.iter().enumerate() {
            if is_covered || !is_cap(self.words[i]) {
                continue;
            }
            let two = i + 2 <= self.words.len()
                && g.phrase(self.words[i..i + 2].iter().copied())
                    .is_some_and(|p| p.kind == PhraseKind::Group);
            if two {
                spans.push(TokenSpan {
                    start: i,
                    end: i + 2,
                    label: Label::Group,
                });
            } else if self.flags[i] & flag::DEMONYM != 0 && !self.starts_name(i + 1) {
                spans.push(TokenSpan {
                    start: i,
                    end: i + 1,
                    label: Label::Group,
                });
            }
        }
    }

    /// `Erling Jevne`: a known given name and one or two capitalized words that are not known
    /// places or organisations name a person, whether the tagger missed it or called it an
    /// organisation.
    fn people_by_first_name(&self, spans: &mut Vec<TokenSpan>) {
        const NOT_SURNAME: u16 = flag::COUNTRY
            | flag::PLACE
            | flag::ORG
            | flag::ORG_CUE
            | flag::BIG_CITY
            | flag::REGION
            | flag::DEMONYM
            | flag::TITLE
            | flag::MONTH_DAY;
        let g = Gazetteer::get();
        let mut label_at: Vec<Option<usize>> = vec![None; self.words.len()];
        for (k, s) in spans.iter().enumerate() {
            label_at[s.start..s.end]
                .iter_mut()
                .for_each(|l| *l = Some(k));
        }
        let mut added = Vec::new();
        let mut i = 0;
        while i + 1 < self.words.len() {
            let given = self.flags[i] & flag::FIRST_NAME != 0
                && is_cap(self.words[i])
                && !self.lower_elsewhere[i]
                && self.flags[i] & NOT_SURNAME == 0;
            let mut end = i + 1;
            while given
                && end < self.words.len()
                && end - i < 4
                && is_cap(self.words[end])
                && self.flags[end] & NOT_SURNAME == 0
                && !self.lower_elsewhere[end]
                && !self.line_start[end]
            {
                end += 1;
            }
            if !given || end == i + 1 || g.phrase(self.words[i..end].iter().copied()).is_some() {
                i += 1;
                continue;
            }
            match label_at[i] {
                None if label_at[i + 1..end].iter().all(Option::is_none) => {
                    added.push(TokenSpan {
                        start: i,
                        end,
                        label: Label::Person,
                    });
                }
                Some(k)
                    if spans[k].label == Label::Org
                        && spans[k].start == i
                        && spans[k].end == end =>
                {
                    spans[k].label = Label::Person;
                }
                _ => {}
            }
            i = end;
        }
        spans.extend(added);
    }

    /// `Acme, Inc.` and `WORLD TIMES, INC.`: capitalized words, a comma and a company suffix are
    /// one organisation; spans the tagger made across them are dropped in its favour.
    fn comma_companies(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
        const SUFFIXES: &[&str] = &[
            "inc.", "inc", "ltd.", "ltd", "corp.", "corp", "co.", "llc", "plc", "l.p.", "s.a.",
            "n.v.", "ag", "gmbh",
        ];
        let mut out = Vec::new();
        for i in 1..self.words.len().saturating_sub(1) {
            let suffix = SUFFIXES.contains(&self.words[i + 1].to_lowercase().as_str());
            if self.words[i] != "," || !suffix || !is_cap(self.words[i - 1]) {
                continue;
            }
            let mut start = i - 1;
            while start > 0
                && is_cap(self.words[start - 1])
                && i - start < 4
                && !matches!(self.words[start - 1], "AND" | "BY" | "OF" | "TO")
            {
                start -= 1;
            }
            out.push(TokenSpan {
                start,
                end: i + 2,
                label: Label::Org,
            });
        }
        spans.retain(|s| !out.iter().any(|o| o.start < s.end && s.start < o.end));
        out
    }

    /// `WGBH`, `DAP`: an unknown acronym in running text (not a shouted line) names an
    /// organisation far more often than anything else.
    fn acronyms(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        const NOT_ORGS: &[&str] = &[
            "TV", "CEO", "CFO", "AM", "PM", "OK", "GDP", "AIDS", "HIV", "DNA", "CD", "DVD", "PC",
            "MP", "II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "USA", "UK", "EU",
            "US", "ET", "GMT", "AD", "BC", "ID", "IQ", "PR", "RAM", "CPU", "MVP", "NO", "SUV",
            "VIP", "ATM", "SMS", "URL",
        ];
        let covered = self.covered(spans);
        let shouted = |i: usize| {
            self.words
                .get(i)
                .is_some_and(|w| is_shouting(w) && w.chars().count() > 1)
        };
        (0..self.words.len())
            .filter(|&i| {
                let w = self.words[i];
                let n = w.chars().count();
                !covered[i]
                    && (2..=6).contains(&n)
                    && w.chars().all(|c| c.is_ascii_uppercase())
                    && !NOT_ORGS.contains(&w)
                    && self.flags[i] & !(flag::LAST_NAME | flag::FIRST_NAME) == 0
                    && !(i > 0 && shouted(i - 1))
                    && !shouted(i + 1)
            })
            .map(|i| TokenSpan {
                start: i,
                end: i + 1,
                label: Label::Org,
            })
            .collect()
    }

    /// Whether token `i` continues a name (`Christian Lacroix`): capitalized, and neither a
    /// title nor a word that starts organisation names.
    fn starts_name(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| is_cap(w))
            && self.flags[i] & (flag::TITLE | flag::ORG_CUE | flag::DEMONYM | flag::MONTH_DAY) == 0
            && !self.lower_elsewhere[i]
    }

    /// Known places and organisations the tagger left untagged.
    fn fallbacks(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        let g = Gazetteer::get();
        let covered = self.covered(spans);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            if covered[i] || !is_cap(self.words[i]) || self.lower_elsewhere[i] {
                i += 1;
                continue;
            }
            let max = g
                .longest_phrase_from(self.words[i])
                .min(self.words.len() - i);
            let hit = (1..=max).rev().find_map(|n| {
                let p = g.phrase(self.words[i..i + n].iter().copied())?;
                let strong = n > 1
                    || self.flags[i]
                        & (flag::COUNTRY | flag::PLACE | flag::ORG | flag::BIG_CITY | flag::REGION)
                        != 0;
                let free = covered[i..i + n].iter().all(|c| !c);
                (strong && free && p.kind != PhraseKind::Group).then_some((n, p.kind))
            });
            if let Some((n, kind)) = hit {
                let label = if kind == PhraseKind::Org {
                    Label::Org
                } else {
                    Label::Place
                };
                out.push(TokenSpan {
                    start: i,
                    end: i + n,
                    label,
                });
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// The same name gets the same label everywhere: the most frequent one.
    fn consistent_labels(&self, spans: &mut [TokenSpan]) {
        let mut votes: FxHashMap<String, FxHashMap<Label, usize>> = FxHashMap::default();
        for s in spans.iter() {
            *votes
                .entry(self.key(s))
                .or_default()
                .entry(s.label)
                .or_default() += 1;
        }
        for s in spans.iter_mut() {
            if let Some(v) = votes.get(&self.key(s))
                && let Some((label, _)) =
                    v.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
            {
                s.label = *label;
            }
        }
    }

    /// Untagged repeats of names already found, and surnames of people named in full.
    fn repeat_names(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        let mut names: FxHashMap<Vec<&str>, Label> = FxHashMap::default();
        for s in spans.iter().filter(|s| s.label != Label::Misc) {
            let words = self.words[s.start..s.end].to_vec();
            if s.label == Label::Person
                && words.len() >= 2
                && let Some(last) = words.last().filter(|w| w.chars().count() > 2)
            {
                names.entry(vec![*last]).or_insert(Label::Person);
                // `Eppie` after `Eppie Lederer`.
                if words.len() <= 3
                    && words[0].chars().count() > 2
                    && !words[0].ends_with('.')
                    && !self.lower_elsewhere[s.start]
                {
                    names.entry(vec![words[0]]).or_insert(Label::Person);
                }
            }
            // `Omnicom Group` is also `Omnicom`.
            if s.label == Label::Org
                && words.len() >= 2
                && self.flags[s.end - 1] & flag::ORG_CUE != 0
            {
                let base = words[..words.len() - 1].to_vec();
                if base.iter().all(|w| is_cap(w)) {
                    names.entry(base).or_insert(Label::Org);
                }
            }
            names.entry(words).or_insert(s.label);
        }
        let covered = self.covered(spans);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            if covered[i] || !is_cap(self.words[i]) || self.lower_elsewhere[i] {
                i += 1;
                continue;
            }
            let hit = (1..=4.min(self.words.len() - i)).rev().find_map(|n| {
                let free = covered[i..i + n].iter().all(|c| !c);
                names
                    .get(&self.words[i..i + n])
                    .filter(|_| free)
                    .map(|l| (n, *l))
            });
            match hit {
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
