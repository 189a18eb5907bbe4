//! Rules about organisations: `Name, Inc.`, names ending in a cue word (`Finance Ministry`),
//! and unknown acronyms.

use super::{Doc, *};

/// What ends a company's name: `Inc.`, `GmbH`.
pub(super) const SUFFIXES: &[&str] = &[
    "inc.", "inc", "ltd.", "ltd", "corp.", "corp", "co.", "cos.", "cos", "llc", "plc", "l.p.",
    "s.a.", "n.v.", "ag", "gmbh", "bhd", "spa",
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
            // A company's ending is the surer sign: `Philip Morris Cos`.
            let suffix = SUFFIXES.contains(&last.to_lowercase().as_str());
            if cue_end
                && (s.label == Label::Person && (!given || suffix)
                    || s.label == Label::Place && company)
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

    /// Names that go on past a span into an organisation's cue word: `Castle Rock` +
    /// `Entertainment`, `Yale` + `Law School`, `Culinary Institute` + `of America`, `Center` +
    /// `for Internet and Society`. The whole is one organisation; spans it takes in go.
    pub(super) fn extend_to_cues(&self, spans: &mut Vec<TokenSpan>) {
        let mut owner: Vec<Option<usize>> = vec![None; self.words.len()];
        let mut label_at: Vec<Option<Label>> = vec![None; self.words.len()];
        for (k, s) in spans.iter().enumerate() {
            owner[s.start..s.end].iter_mut().for_each(|o| *o = Some(k));
            label_at[s.start..s.end]
                .iter_mut()
                .for_each(|l| *l = Some(s.label));
        }
        let mut gone = vec![false; spans.len()];
        for k in 0..spans.len() {
            let s = spans[k];
            if gone[k] || !matches!(s.label, Label::Person | Label::Org | Label::Place) {
                continue;
            }
            let end = self
                .cue_words_after(s, &owner)
                .or_else(|| self.cue_org_after(s, &owner, spans))
                .or_else(|| {
                    (s.label == Label::Org && self.is_cue_head(s.end - 1))
                        .then(|| self.of_name_after(s.end, &owner, &label_at))
                        .flatten()
                });
            let Some(end) = end.filter(|&e| !self.in_headline(TokenSpan { end: e, ..s })) else {
                continue;
            };
            for j in s.end..end {
                if let Some(o) = owner[j] {
                    gone[o] = true;
                }
                owner[j] = Some(k);
                label_at[j] = Some(Label::Org);
            }
            spans[k].end = end;
            spans[k].label = Label::Org;
        }
        let mut k = 0;
        spans.retain(|_| {
            k += 1;
            !gone[k - 1]
        });
    }

    /// The end of up to three capitalized words no span covers right after `s`, the last an
    /// organisation's cue word (`Law School`).
    fn cue_words_after(&self, s: TokenSpan, owner: &[Option<usize>]) -> Option<usize> {
        let mut end = s.end;
        while end < self.words.len()
            && end - s.end < 3
            && owner[end].is_none()
            && is_cap(self.words[end])
            && self.flags[end] & (flag::TITLE | flag::MONTH_DAY) == 0
        {
            end += 1;
        }
        (end > s.end && self.is_cue_head(end - 1)).then_some(end)
    }

    /// The end of an organisation of up to three words that starts right after `s` on its line
    /// and ends in a cue word: `Hong Kong` + `Stock Exchange` is one organisation.
    fn cue_org_after(
        &self,
        s: TokenSpan,
        owner: &[Option<usize>],
        spans: &[TokenSpan],
    ) -> Option<usize> {
        let o = spans[(*owner.get(s.end)?)?];
        (o.label == Label::Org
            && o.start == s.end
            && o.end - o.start <= 3
            && !self.line_start[o.start]
            && self.is_cue_head(o.end - 1))
        .then_some(o.end)
    }

    /// After a cue word at `at - 1`: `of` or `for` and up to four capitalized words, free or
    /// places and organisations (`of America`), and `and` one more (`for Law and Technology`).
    fn of_name_after(
        &self,
        at: usize,
        owner: &[Option<usize>],
        label_at: &[Option<Label>],
    ) -> Option<usize> {
        if !matches!(self.words.get(at), Some(&("of" | "for"))) {
            return None;
        }
        let name = |k: usize| {
            k < self.words.len()
                && is_cap(self.words[k])
                && self.flags[k] & (flag::TITLE | flag::MONTH_DAY) == 0
                && label_at[k] != Some(Label::Person)
        };
        let mut end = at + 1;
        while name(end) && end - at <= 4 {
            end += 1;
        }
        if end == at + 1 {
            return None;
        }
        if self.words.get(end) == Some(&"and") && name(end + 1) && !name(end + 2) {
            end += 2;
        }
        // Never half a span: a place or organisation taken in is taken in whole.
        let whole = owner[end - 1].is_none() || owner.get(end).copied().flatten() != owner[end - 1];
        whole.then_some(end)
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

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::label_of;

    // See: #15
    #[test]
    fn a_name_going_on_into_a_cue_word_is_one_organisation() {
        let text = "Alan Horn, the chairman of Castle Rock Entertainment, said so on Friday.";
        assert_eq!(
            label_of(text, "Castle Rock Entertainment"),
            Some(Label::Org)
        );
        let text = "I wanted to go to the Culinary Institute of America, she said.";
        assert_eq!(
            label_of(text, "Culinary Institute of America"),
            Some(Label::Org)
        );
    }
}
