//! One label per name, by a vote weighted by evidence: a mention with a reason of its own (a
//! dateline, a score beside it, a title before it) outweighs the tagger's guesses and keeps its
//! label, so one early mistake is not spread over the article.

use super::{Doc, *};

/// How many of the tagger's guesses one mention with evidence outweighs.
const EVIDENCE_WEIGHT: usize = 3;

impl Doc<'_> {
    /// The same name gets the same label everywhere: the label with the most weight, where a
    /// mention with evidence counts [`EVIDENCE_WEIGHT`] times. A mention with evidence keeps
    /// the label its evidence gives.
    pub(super) fn consistent_labels(&self, spans: &mut [TokenSpan]) {
        let sports = self.sports;
        let evidence: Vec<Option<Label>> = spans.iter().map(|s| self.evidence(s, sports)).collect();
        let mut votes: FxHashMap<String, FxHashMap<Label, usize>> = FxHashMap::default();
        for (s, e) in spans.iter().zip(&evidence) {
            let (label, weight) = e.map_or((s.label, 1), |l| (l, EVIDENCE_WEIGHT));
            *votes
                .entry(self.key(s))
                .or_default()
                .entry(label)
                .or_default() += weight;
        }
        for (s, e) in spans.iter_mut().zip(&evidence) {
            if let Some(label) = e {
                s.label = *label;
            } else if let Some(v) = votes.get(&self.key(s))
                && let Some((label, _)) =
                    v.iter().max_by_key(|(l, n)| (**n, std::cmp::Reverse(**l)))
            {
                s.label = *label;
            }
        }
    }

    /// The label a mention's own context gives it, if any: a dateline or a fixture's home
    /// ground is a place, a place-named side next to a score on a sports page a team, and a
    /// name after `Mr.` or a title a person.
    fn evidence(&self, s: &TokenSpan, sports: bool) -> Option<Label> {
        if self.is_dateline(s) || sports && s.label == Label::Place && self.is_venue(s.start) {
            return Some(Label::Place);
        }
        if sports && self.is_scored_team(s) {
            return Some(Label::Org);
        }
        let titled = s.start > 0
            && self.flags[s.start - 1] & flag::TITLE != 0
            && is_cap(self.words[s.start - 1])
            && s.end - s.start <= 3
            && (s.start..s.end).all(|i| self.flags[i] & flag::ORG_CUE == 0);
        (titled && s.label == Label::Person).then_some(Label::Person)
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::labels_of;

    // See: #15
    #[test]
    fn a_dateline_and_a_team_beside_its_score_keep_their_labels() {
        let text = "NEW YORK 2026-05-02\nThe league standings after the season's games, as \
                    the coach of each match saw them:\nNEW YORK 74 59\nBOSTON 70 63\n\
                    SCHEDULE\nBOSTON AT NEW YORK";
        assert_eq!(
            labels_of(text, "NEW YORK"),
            [Label::Place, Label::Org, Label::Place]
        );
    }
}
