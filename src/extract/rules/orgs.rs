//! Rules about organisations: `Name, Inc.`, names ending in a cue word (`Finance Ministry`),
//! and unknown acronyms.

use super::{Doc, *};

/// What ends a company's name: `Inc.`, `GmbH`.
pub(super) const SUFFIXES: &[&str] = &[
    "inc.", "inc", "ltd.", "ltd", "corp.", "corp", "co.", "llc", "plc", "l.p.", "s.a.", "n.v.",
    "ag", "gmbh", "bhd", "spa",
];

impl Doc<'_> {
    /// `Acme, Inc.` and `WORLD TIMES, INC.`: capitalized words, a comma and a company suffix are
    /// one organisation; spans the tagger made across them are dropped in its favour.
    pub(super) fn comma_companies(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
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
    /// `8th Circuit`, `101st Airborne`, `3rd Division`: an ordinal before a court's or a
    /// military unit's word is an organisation, found or not by the tagger.
    pub(super) fn numbered_units(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        const UNITS: &[&str] = &[
            "Circuit",
            "District",
            "Division",
            "Fleet",
            "Regiment",
            "Battalion",
            "Brigade",
            "Precinct",
            "Infantry",
            "Airborne",
            "Corps",
            "Army",
            "Cavalry",
            "Squadron",
        ];
        let covered = self.covered(spans);
        (0..self.words.len().saturating_sub(1))
            .filter(|&i| {
                super::is_ordinal(self.words[i])
                    && UNITS.contains(&self.words[i + 1])
                    && !covered[i]
                    && !covered[i + 1]
            })
            .map(|i| TokenSpan {
                start: i,
                end: i + 2,
                label: Label::Org,
            })
            .collect()
    }

    pub(super) fn acronyms(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
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
                    && !self.lower_elsewhere[i]
                    // `SOCCER - JAPAN WIN`: a section heading, not an organisation.
                    && !(self.line_start[i]
                        && self
                            .words
                            .get(i + 1)
                            .is_some_and(|w| matches!(*w, "-" | "–" | "—" | "_" | "--")))
            })
            .map(|i| TokenSpan {
                start: i,
                end: i + 1,
                label: Label::Org,
            })
            .collect()
    }

    /// `Finance Ministry`, `Krupp GmbH`, `Department of Trade and Industry`: capitalized words
    /// that no span covers, ending in an organisation's cue word (or a cue word, `of`, and
    /// capitalized words), outside a headline, are an organisation. Spans the tagger labelled
    /// as a person or place that end in such a word (`Sun Microsystems`) become one too.
    pub(super) fn cue_names(&self, spans: &mut [TokenSpan]) -> Vec<TokenSpan> {
        for s in spans.iter_mut() {
            let cue_end = s.end - s.start >= 2 && self.is_cue_head(s.end - 1);
            // Not `Ernie Banks`: a given name starts a person's name.
            let given = self.flags[s.start] & flag::FIRST_NAME != 0;
            // `Hong Kong Stock Exchange`: a place's name, then what only institutions are.
            const INSTITUTIONS: &[&str] = &[
                "Exchange",
                "University",
                "Ministry",
                "Department",
                "Council",
                "Commission",
                "Committee",
                "Corporation",
                "Company",
                "Institute",
                "Association",
                "Foundation",
            ];
            let last = self.words[s.end - 1];
            let company =
                SUFFIXES.contains(&last.to_lowercase().as_str()) || INSTITUTIONS.contains(&last);
            if cue_end && (s.label == Label::Person && !given || s.label == Label::Place && company)
            {
                s.label = Label::Org;
            }
        }
        let covered = self.covered(spans);
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            let Some(end) = self.cue_name_from(i, &covered) else {
                i += 1;
                continue;
            };
            let s = TokenSpan {
                start: i,
                end,
                label: Label::Org,
            };
            if !self.in_headline(s) {
                out.push(s);
            }
            i = end;
        }
        // `and Industry` after a `Department of Trade` the tagger found.
        for s in spans.iter_mut().filter(|s| s.label == Label::Org) {
            let of_name = self.is_cue_head(s.start)
                && self.words[s.start..s.end].contains(&"of")
                && self.words.get(s.end) == Some(&"and")
                && self.words.get(s.end + 1).is_some_and(|w| is_cap(w))
                && !covered.get(s.end + 1).is_some_and(|c| *c);
            if of_name && !self.words.get(s.end + 2).is_some_and(|w| is_cap(w)) {
                s.end += 2;
            }
        }
        out
    }

    /// The end of a cue-word name starting at `i` among words no span covers.
    fn cue_name_from(&self, i: usize, covered: &[bool]) -> Option<usize> {
        const LEADS: &[&str] = &[
            "The", "A", "An", "This", "That", "Its", "His", "Her", "Their",
        ];
        let cap = |k: usize| {
            k < self.words.len()
                && !covered[k]
                && is_cap(self.words[k])
                && !LEADS.contains(&self.words[k])
                && self.flags[k] & (flag::TITLE | flag::MONTH_DAY) == 0
        };
        if !cap(i) || i > 0 && is_cap(self.words[i - 1]) && !LEADS.contains(&self.words[i - 1]) {
            return None;
        }
        let mut end = i;
        while cap(end) && end - i < 5 {
            end += 1;
        }
        // `Department of Trade and Industry`, `Ministry of Defence`.
        if self.is_cue_head(end - 1) && self.words.get(end) == Some(&"of") && cap(end + 1) {
            let mut k = end + 1;
            while cap(k) && k - end < 4 {
                k += 1;
            }
            if self.words.get(k) == Some(&"and") && cap(k + 1) && !cap(k + 2) {
                k += 2;
            }
            return Some(k);
        }
        (end - i >= 2 && self.is_cue_head(end - 1) && self.flags[i] & flag::DEMONYM == 0)
            .then_some(end)
    }

    /// A cue word that can end an organisation's name (`Ministry`, `GmbH`), not one that also
    /// ends place names (`Airport`, `Bay`).
    fn is_cue_head(&self, i: usize) -> bool {
        const ALSO_PLACES: &[&str] = &["Airport", "Capital", "United", "Front", "Post", "Times"];
        self.flags[i] & flag::ORG_CUE != 0 && !ALSO_PLACES.contains(&self.words[i])
    }
}
