//! Rules about people: bylines, titles and nationalities cut from names, particles and
//! initials taken in, a given name and capitalized words.

use super::{Doc, *};

/// Words that start sentences and no one's name, though the article may not write them in
/// lower case elsewhere: `Yet DiCaprio`, `Enter Kaufman`.
const SENTENCE_WORDS: &[&str] = &[
    "Yet",
    "But",
    "And",
    "Enter",
    "When",
    "If",
    "As",
    "So",
    "Then",
    "Now",
    "Also",
    "Even",
    "Only",
    "Just",
    "After",
    "Before",
    "While",
    "Since",
    "Although",
    "Though",
    "Meanwhile",
    "However",
    "Thus",
    "Here",
    "There",
    "Where",
    "Why",
    "How",
    "What",
    "Unlike",
    "With",
    "Without",
    "For",
    "From",
    "In",
    "On",
    "At",
    "Of",
    "To",
    "Under",
    "Despite",
    "Perhaps",
    "Maybe",
    "Did",
    "Does",
    "Do",
    "Is",
    "Was",
    "Has",
    "Had",
    "Could",
    "Would",
    "Should",
    "Said",
    "Says",
    "Thanks",
    "Like",
    "Meet",
    "Call",
];

impl Doc<'_> {
    /// A person's name without what the tagger took in around it: titles and a nationality
    /// before it (`German Claudia Pechstein`, `Prophet Elijah`), a sentence's first word that the
    /// article also writes in lower case (`Yet DiCaprio`); with initials and particles before it
    /// (`S. Subramaniam`, `del Ponte`) and after it (`al-Sudani`).
    pub(super) fn trim_person(&self, mut s: TokenSpan) -> TokenSpan {
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
                || left > 1 && SENTENCE_WORDS.contains(&self.words[s.start])
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

    /// Takes in name particles after a name: `al-Sudani`, `bin Salman`, `van Gogh`.
    pub(super) fn extend_particles(&self, mut end: usize) -> usize {
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

    /// `By Ana Ruiz and Li Wei` on a line of its own: people, or an agency (`By Associated
    /// Press`). A line that goes on past the names (`by United Artists, a division`) is prose
    /// wrapped after `by`, no byline.
    pub(super) fn bylines(&self) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        for i in (0..self.words.len())
            .filter(|&i| self.line_start[i] && self.words[i].eq_ignore_ascii_case("by"))
        {
            let mut names = Vec::new();
            let mut j = i + 1;
            let mut name_start = j;
            while j <= self.words.len() {
                let at_end = j == self.words.len() || self.line_start[j];
                let sep = !at_end && matches!(self.words[j], "and" | "," | "&");
                if at_end || sep {
                    let n = j - name_start;
                    if (2..=4).contains(&n) && self.words[name_start..j].iter().all(|w| is_cap(w)) {
                        let name = self.words[name_start..j].join(" ");
                        names.push(TokenSpan {
                            start: name_start,
                            end: j,
                            label: crate::extract::article::author_kind(&name),
                        });
                    }
                    if at_end {
                        out.append(&mut names);
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

    /// `Erling Jevne`: a known given name and one or two capitalized words that are not known
    /// places or organisations name a person, whether the tagger missed it or called it an
    /// organisation.
    pub(super) fn people_by_first_name(&self, spans: &mut Vec<TokenSpan>) {
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
            // `Young Readers Crowd` in a headline: a given name starting words the text never
            // writes again is not taken for a person there.
            let span = TokenSpan {
                start: i,
                end,
                label: Label::Person,
            };
            let named_again = self.occurrences(&self.words[i..end]).any(|k| k != i);
            if self.in_headline(span) && !named_again {
                i = end;
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

    /// `Mrs. Durbaba`, `Ms.\nSavic`: capitalized words no span covers after an honorific are a
    /// person's name, whatever the given-name list knows.
    pub(super) fn honorific_names(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        const HONORIFICS: &[&str] = &[
            "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Mme", "Mme.", "Mlle",
        ];
        self.scan_uncovered(spans, |i, covered| {
            if i == 0 || !HONORIFICS.contains(&self.words[i - 1]) {
                return None;
            }
            let mut end = i + 1;
            while end < self.words.len() && end - i < 3 && !covered[end] && self.starts_name(end) {
                end += 1;
            }
            (self.flags[i] & (flag::ORG_CUE | flag::MONTH_DAY) == 0)
                .then_some((end - i, Label::Person))
        })
    }

    /// Whether token `i` continues a name (`Christian Lacroix`): capitalized, and neither a
    /// title nor a word that starts organisation names.
    pub(super) fn starts_name(&self, i: usize) -> bool {
        self.words.get(i).is_some_and(|w| is_cap(w))
            && self.flags[i] & (flag::TITLE | flag::ORG_CUE | flag::DEMONYM | flag::MONTH_DAY) == 0
            && !self.lower_elsewhere[i]
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::label_of;

    // See: #15
    #[test]
    fn a_word_that_starts_the_sentence_is_no_part_of_the_name_after_it() {
        let text = "Critics loved the film. Yet DiCaprio was not nominated. Enter Kaufman, the \
                    writer, and Ask Hamstrup, the skier.";
        assert_eq!(label_of(text, "DiCaprio"), Some(Label::Person));
        assert_eq!(label_of(text, "Kaufman"), Some(Label::Person));
        assert_eq!(label_of(text, "Ask Hamstrup"), Some(Label::Person));
    }

    // See: #15
    #[test]
    fn a_company_ending_makes_a_firm_of_a_name_that_starts_with_a_given_name() {
        let text = "Shares of Philip Morris Cos rose, and Philip Morris the broker sold his.";
        assert_eq!(label_of(text, "Philip Morris Cos"), Some(Label::Org));
    }

    // See: #14, #15
    #[test]
    fn a_presidents_administration_is_the_president_not_a_person_named_so() {
        let text = "WASHINGTON, March 3 - The Reagan Administration said Bell was wrong.";
        assert_eq!(label_of(text, "Reagan Administration"), None);
        assert_eq!(label_of(text, "Reagan"), Some(Label::Person));
    }

    // See: #15
    #[test]
    fn a_name_after_an_honorific_is_a_person() {
        let text = "The refugee contemplates her options, says Mrs. Durbaba, who left.";
        assert_eq!(label_of(text, "Durbaba"), Some(Label::Person));
    }

    // See: #15
    #[test]
    fn given_names_from_around_the_world_start_people() {
        // Ioannis is no given name in the US census list; the world list has it.
        let text = "Officials said Aminata Toure and Ioannis Sarmas would attend.";
        assert_eq!(label_of(text, "Ioannis Sarmas"), Some(Label::Person));
        let g = crate::extract::gazetteer::Gazetteer::get();
        for name in ["Ioannis", "Oleksandr", "Mamadou", "Hüseyin"] {
            assert_ne!(
                g.word(name) & crate::extract::gazetteer::flag::FIRST_NAME,
                0,
                "{name}"
            );
        }
    }

    // See: #15
    #[test]
    fn a_dateline_beats_the_tagger() {
        let text = "Party ends vote boycott\nSARAJEVO 1996-08-30\nThe ruling party said on \
                    Friday it would take part in the vote.";
        assert_eq!(label_of(text, "SARAJEVO"), Some(Label::Place));
    }

    // See: #15
    #[test]
    fn a_dateline_under_a_shouted_headline_is_only_the_place() {
        let text = "KWAN WINS SHORT PROGRAM AT SKATING CHAMPIONSHIP\n\nMINNEAPOLIS _ With a \
                    smiling performance, Michelle Kwan won on Friday.";
        assert_eq!(label_of(text, "MINNEAPOLIS"), Some(Label::Place));
    }

    // See: #15
    #[test]
    fn prose_wrapped_after_by_is_no_byline_and_an_agency_byline_is_an_organisation() {
        let text = "The film was made\nby United Artists, a division of MGM.";
        assert_ne!(label_of(text, "United Artists"), Some(Label::Person));
        let text = "Floods in the north\nBy Associated Press\nRivers rose on Friday.";
        assert_eq!(label_of(text, "Associated Press"), Some(Label::Org));
    }
}
