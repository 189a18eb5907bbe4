//! `Procter & Gamble`, `Johnson & Johnson`, `Addis-Wechsler & Associates`: capitalized names
//! joined by an ampersand name a firm far more often than anything else; the tagger's
//! people and places across them give way.

use super::super::gazetteer::flag;
use super::super::tagger::{Label, TokenSpan};
use super::orgs::SUFFIXES;
use super::{Doc, is_cap};

/// Words that end a name on the left of the ampersand (`Shares of`, `Chairman`).
const NOT_IN_NAME: u16 = flag::TITLE | flag::DEMONYM | flag::MONTH_DAY;

impl Doc<'_> {
    /// One organisation for each `Name & Name` outside shouted or title-case lines, taking in
    /// up to two more capitalized words on the left, and on the right the organisation cue
    /// words and company suffixes that follow (`Romeo & Juliet Productions Inc.`).
    pub(super) fn ampersand_companies(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
        let n = self.words.len();
        let mut out: Vec<TokenSpan> = Vec::new();
        for i in 1..n.saturating_sub(1) {
            if self.words[i] != "&" || !self.name_word(i - 1) || !self.name_word(i + 1) {
                continue;
            }
            if self.line_start[i] || self.line_start[i + 1] {
                continue;
            }
            let mut start = i - 1;
            while start > 0 && i - start < 3 && self.name_word(start - 1) && !self.line_start[start]
            {
                start -= 1;
            }
            let mut end = i + 2;
            while end < n
                && !self.line_start[end]
                && is_cap(self.words[end])
                && (self.flags[end] & flag::ORG_CUE != 0
                    || SUFFIXES.contains(&self.words[end].to_lowercase().as_str()))
            {
                end += 1;
            }
            let mut span = TokenSpan {
                start,
                end,
                label: Label::Org,
            };
            if self.in_headline(span) || out.last().is_some_and(|o| o.end > start) {
                continue;
            }
            // An organisation the tagger found across it keeps its further words.
            for s in spans.iter() {
                if s.label == Label::Org && s.start < span.end && span.start < s.end {
                    span.start = span.start.min(s.start);
                    span.end = span.end.max(s.end);
                }
            }
            out.push(span);
        }
        spans.retain(|s| !out.iter().any(|o| o.start < s.end && s.start < o.end));
        out
    }

    fn name_word(&self, i: usize) -> bool {
        is_cap(self.words[i]) && self.flags[i] & NOT_IN_NAME == 0
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::label_of;

    // See: #15
    #[test]
    fn names_joined_by_an_ampersand_are_a_firm() {
        let text = "Shares of Johnson & Johnson fell, and Addis-Wechsler & Associates said so.";
        assert_eq!(label_of(text, "Johnson & Johnson"), Some(Label::Org));
        assert_eq!(
            label_of(text, "Addis-Wechsler & Associates"),
            Some(Label::Org)
        );
        let text = "Ralph Larsen, who runs Procter & Gamble Co. from its offices, spoke there.";
        assert_eq!(label_of(text, "Procter & Gamble Co."), Some(Label::Org));
        assert_eq!(label_of(text, "Ralph Larsen"), Some(Label::Person));
    }

    // See: #15
    #[test]
    fn an_ampersand_in_a_headline_or_between_lower_case_words_is_no_firm() {
        let text = "Sales & Marketing Lead The Week\n\nThe firm said bread & butter sold well.";
        assert_ne!(label_of(text, "Sales & Marketing"), Some(Label::Org));
        assert_eq!(label_of(text, "bread & butter"), None);
    }
}
