//! Names found again: untagged repeats of names the article already has, in any case when
//! shouted, and the surnames and given names of people named in full.

use super::{Doc, *};

impl Doc<'_> {
    /// Untagged repeats of names already found, and surnames of people named in full.
    pub(super) fn repeat_names(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
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
        // `DICAPRIO` in a shouted headline is the `DiCaprio` of the text.
        let shouted: FxHashMap<String, Label> = names
            .iter()
            .map(|(words, label)| (words.join(" ").to_lowercase(), *label))
            .collect();
        self.scan_uncovered(spans, |i, covered| {
            (1..=4.min(self.words.len() - i)).rev().find_map(|n| {
                let free = covered[i..i + n].iter().all(|c| !c);
                let words = &self.words[i..i + n];
                let found = names.get(words).copied().or_else(|| {
                    words
                        .iter()
                        .all(|w| is_shouting(w))
                        .then(|| shouted.get(&words.join(" ").to_lowercase()).copied())
                        .flatten()
                });
                found.filter(|_| free).map(|l| (n, l))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::labels_of;

    // See: #15
    #[test]
    fn a_shouted_headline_name_is_the_name_of_the_text() {
        let text = "SKATING - KWAN WINS SHORT PROGRAM\n\nMichelle Kwan won the short program \
                    on Friday, and Kwan said she was pleased.";
        assert_eq!(labels_of(text, "KWAN"), [Label::Person]);
    }
}
