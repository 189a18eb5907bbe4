//! Events named after a place or a sponsor: `Davis Cup`, `Winter Games`, `U.S. Open`, `HONG
//! KONG OPEN`. The tagger often stops before the event's word and calls the rest a place.

use super::super::tagger::TokenSpan;
use super::{Doc, is_cap};

/// Words that end an event's name.
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
    "Open",
    "Marathon",
    "Expo",
    "Masters",
    "Trophy",
];

/// Words that end the look for an event's word: `SAN MARINO IN WORLD CUP` is a place in
/// an event, `Leeds v Chelsea Cup tie` two sides.
const BETWEEN: &[&str] = &[
    "in", "at", "of", "the", "and", "for", "on", "to", "v", "vs", "vs.",
];

/// Capitalized words looked at after a name for the event word that ends it.
const LOOK_AHEAD: usize = 3;

impl Doc<'_> {
    /// Where the event a span names ends, if it names one: the span ends in an event word, or
    /// one follows it within a few capitalized words on its line (`U.S. Open Tennis
    /// Championships`).
    pub(super) fn event_end(&self, s: TokenSpan) -> Option<usize> {
        let is_event = |w: &str| EVENTS.iter().any(|e| e.eq_ignore_ascii_case(w)) && is_cap(w);
        if s.end - s.start >= 2 && is_event(self.words[s.end - 1]) {
            return Some(s.end);
        }
        let mut end = None;
        let mut i = s.end;
        while i < self.words.len()
            && i - s.end < LOOK_AHEAD
            && !self.line_start[i]
            && is_cap(self.words[i])
            && !BETWEEN
                .iter()
                .any(|b| b.eq_ignore_ascii_case(self.words[i]))
        {
            if is_event(self.words[i]) {
                end = Some(i + 1);
            }
            i += 1;
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::label_of;

    // See: #15
    #[test]
    fn a_place_before_an_event_word_is_the_event() {
        let text = "Sampras won the U.S. Open on Sunday in New York.";
        assert_eq!(label_of(text, "U.S. Open"), Some(Label::Misc));
        assert_eq!(label_of(text, "U.S."), None);
        assert_eq!(label_of(text, "New York"), Some(Label::Place));
        let text = "SAN MARINO IN WORLD CUP QUALIFIER\nSan Marino lost.";
        assert_eq!(label_of(text, "SAN MARINO"), Some(Label::Place));
        let text = "She reached the final of the U.S. Open Tennis Championships in August.";
        assert_eq!(
            label_of(text, "U.S. Open Tennis Championships"),
            Some(Label::Misc)
        );
    }
}
