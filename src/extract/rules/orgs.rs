//! Rules about organisations: `Name, Inc.` and unknown acronyms.

use super::{Doc, *};

impl Doc<'_> {
    /// `Acme, Inc.` and `WORLD TIMES, INC.`: capitalized words, a comma and a company suffix are
    /// one organisation; spans the tagger made across them are dropped in its favour.
    pub(super) fn comma_companies(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
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
}
