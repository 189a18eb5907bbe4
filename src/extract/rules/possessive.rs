//! `Moody's`, `McDonald's`, `Sotheby's`: a firm named in the possessive. A person's
//! possessive is followed by what is theirs (`Reagan's policy`); a firm's name is used as a
//! noun of its own: before a verb (`Moody's lowered`) or before the rest of its full name
//! (`Moody's Investors Service`), and the article never writes the name without it. Where
//! one of those shows it, every `X's` in the article is the firm (`the Moody's
//! announcement`).

use rustc_hash::{FxHashMap, FxHashSet};

use super::super::gazetteer::flag;
use super::super::tagger::{Label, TokenSpan};
use super::orgs::SUFFIXES;
use super::{Doc, is_cap};

/// Words that follow a firm's possessive name as the subject of a clause, not a possession.
const AFTER_FIRM: &[&str] = &[
    "said",
    "says",
    "did",
    "does",
    "has",
    "had",
    "is",
    "was",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "should",
    "lowered",
    "raised",
    "cut",
    "downgraded",
    "upgraded",
    "rated",
    "rates",
    "announced",
    "reported",
    "expects",
    "expected",
    "plans",
    "planned",
    "agreed",
    "also",
    "recently",
    "now",
    "still",
    "which",
    "opened",
    "closed",
    "sold",
    "bought",
];
/// Words that end a name on the left: a title or a demonym is not a firm (`the Queen's`).
const NOT_FIRM: u16 = flag::TITLE | flag::DEMONYM | flag::MONTH_DAY | flag::COUNTRY;

impl Doc<'_> {
    /// Organisations for the possessive firm names the article shows as such; the spans they
    /// overlap give way. `spans` are disjoint and in order.
    pub(super) fn possessive_firms(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
        let n = self.words.len();
        let mut firms: Vec<&str> = Vec::new();
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut alone: FxHashMap<&str, bool> = FxHashMap::default();
        let mut full: Vec<TokenSpan> = Vec::new();
        for i in 0..n.saturating_sub(1) {
            if !self.possessive_name(i) || seen.contains(self.words[i]) {
                continue;
            }
            // A name also written without the possessive is someone's (`Dukakis's, he said`,
            // `David Trimble ... Trimble's Ulster Unionists`).
            let alone = *alone.entry(self.words[i]).or_insert_with(|| {
                self.positions[self.words[i]]
                    .iter()
                    .any(|&j| !matches!(self.words.get(j + 1), Some(&"'s" | &"’s")))
            });
            if alone {
                continue;
            }
            // `Moody's Investors Service Inc`: capitalized words ending in a cue word or a
            // company suffix are the rest of its name.
            if let Some(end) = self.rest_of_firm(i + 2) {
                full.push(TokenSpan {
                    start: i,
                    end,
                    label: Label::Org,
                });
                firms.push(self.words[i]);
                seen.insert(self.words[i]);
                continue;
            }
            let next = self.words.get(i + 2).copied().unwrap_or("");
            let noun = AFTER_FIRM.contains(&next) || matches!(next, "," | ";");
            if noun {
                firms.push(self.words[i]);
                seen.insert(self.words[i]);
            }
        }
        let mut taken = vec![false; n];
        let mut out: Vec<TokenSpan> = Vec::new();
        let add = |s: TokenSpan, out: &mut Vec<TokenSpan>, taken: &mut [bool]| {
            let s = widen(s, spans);
            taken[s.start..s.end].iter_mut().for_each(|t| *t = true);
            out.push(s);
        };
        for s in full {
            add(s, &mut out, &mut taken);
        }
        for firm in firms {
            for &i in &self.positions[firm] {
                if self.possessive_name(i) && !taken[i] {
                    let s = TokenSpan {
                        start: i,
                        end: i + 2,
                        label: Label::Org,
                    };
                    add(s, &mut out, &mut taken);
                }
            }
        }
        spans.retain(|s| !taken[s.start..s.end].iter().any(|t| *t));
        out
    }

    /// A capitalized word with a possessive after it, outside headlines, that can be a firm.
    fn possessive_name(&self, i: usize) -> bool {
        matches!(self.words.get(i + 1), Some(&"'s" | &"’s"))
            && is_cap(self.words[i])
            && self.words[i].chars().count() > 1
            && self.flags[i] & NOT_FIRM == 0
            && !self.line_start[i + 1]
            && !self.in_headline(TokenSpan {
                start: i,
                end: i + 2,
                label: Label::Org,
            })
    }

    /// Where a firm's full name that starts at `at` ends: capitalized words the last of which
    /// is a cue word or a company suffix.
    fn rest_of_firm(&self, at: usize) -> Option<usize> {
        let mut end = at;
        let mut last = None;
        while end < self.words.len() && end - at < 4 && is_cap(self.words[end]) {
            if self.line_start[end] {
                break;
            }
            end += 1;
            let w = self.words[end - 1];
            if self.flags[end - 1] & flag::ORG_CUE != 0
                || SUFFIXES.contains(&w.to_lowercase().as_str())
            {
                last = Some(end);
            }
        }
        last
    }
}

/// The firm's span with the organisations it overlaps (`Standard and Poor's` around `Poor's`).
fn widen(mut s: TokenSpan, spans: &[TokenSpan]) -> TokenSpan {
    let first = spans.partition_point(|o| o.end <= s.start);
    let end = s.end;
    for o in spans[first..].iter().take_while(|o| o.start < end) {
        if o.label == Label::Org {
            s.start = s.start.min(o.start);
            s.end = s.end.max(o.end);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::{label_of, labels_of};

    // See: #15
    #[test]
    fn a_firm_named_in_the_possessive_is_one_organisation_everywhere() {
        let text = "Moody's Investors Service Inc said it downgraded the bank. Later, Moody's \
                    lowered its rating again, and the Moody's announcement hit the shares.";
        assert_eq!(
            label_of(text, "Moody's Investors Service Inc"),
            Some(Label::Org)
        );
        assert_eq!(labels_of(text, "Moody's"), [Label::Org, Label::Org]);
        // The organisation around the possessive keeps its further words.
        let text = "Standard and Poor's Corp cut the rating of the bank's debt.";
        assert_eq!(label_of(text, "Standard and Poor's Corp"), Some(Label::Org));
        let text = "And while McDonald's recently announced that it would cut prices, rivals \
                    held theirs.";
        assert_eq!(label_of(text, "McDonald's"), Some(Label::Org));
    }

    // See: #15
    #[test]
    fn a_persons_possessive_stays_the_person() {
        let text = "Ronald Reagan said Reagan's policy was right. Michael Dukakis disagreed: \
                    his plan was better than Reagan's, he said, and Dukakis's aides agreed.";
        assert_eq!(labels_of(text, "Reagan"), [Label::Person, Label::Person]);
        assert_eq!(label_of(text, "Dukakis"), Some(Label::Person));
        assert_eq!(label_of(text, "Reagan's"), None);
        // A person's party after their possessive, a museum's hall after the Louvre's.
        let text = "David Trimble spoke. Trimble's Ulster Unionist Party said no, and \
                    Trimble's rejection stood. The show was in the Louvre's Carrousel area.";
        assert_eq!(labels_of(text, "Trimble"), [Label::Person, Label::Person]);
        assert_eq!(label_of(text, "Louvre"), Some(Label::Org));
        let text = "The Queen's speech was read by Lord Smith in London.";
        assert_eq!(label_of(text, "Queen's"), None);
    }
}
