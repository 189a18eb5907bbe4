//! Rules about places and groups: datelines, demonyms, headline words, known places and
//! organisations the tagger missed.

use super::{Doc, *};

impl Doc<'_> {
    /// `Middle East Tensions` in a headline: a known name followed by words the article also
    /// writes in lower case is cut to the known name.
    pub(super) fn cut_headline_words(&self, s: TokenSpan) -> usize {
        let g = Gazetteer::get();
        for n in (1..s.end - s.start).rev() {
            if g.phrase(self.words[s.start..s.start + n].iter().copied())
                .is_some()
            {
                let rest_common = (s.start + n..s.end).all(|i| self.lower_elsewhere[i]);
                return if rest_common { s.start + n } else { s.end };
            }
        }
        self.cut_to_name_used_elsewhere(s)
    }

    /// `Halvorsen Maritime Profit Falls` (a headline) when the text elsewhere writes
    /// `Halvorsen Maritime` on its own and never the whole span: cut to that name. The name
    /// kept has at least two words, so `Bank of Japan` is never cut to `Bank`.
    fn cut_to_name_used_elsewhere(&self, s: TokenSpan) -> usize {
        let span = &self.words[s.start..s.end];
        if span.len() < 3 || !self.in_headline(s) || self.occurrences(span).nth(1).is_some() {
            return s.end;
        }
        for n in (2..span.len()).rev() {
            let standalone = self
                .occurrences(&span[..n])
                .any(|at| at != s.start && self.words.get(at + n).is_none_or(|next| !is_cap(next)));
            if standalone {
                return s.start + n;
            }
        }
        s.end
    }

    /// Whether the span's line is written in headline case (most of its words capitalized).
    pub(super) fn in_headline(&self, s: TokenSpan) -> bool {
        let lines = self.line_of[s.start]..=self.line_of[s.end - 1];
        let (words, caps) = self.line_caps[lines]
            .iter()
            .fold((0, 0), |(n, c), &(ln, lc)| (n + ln, c + lc));
        words >= 3 && caps * 10 >= words * 7
    }

    /// Where the words `seq` stand in the text, in order.
    pub(super) fn occurrences<'s>(&'s self, seq: &'s [&str]) -> impl Iterator<Item = usize> + 's {
        let starts = seq.first().and_then(|w| self.positions.get(w));
        starts
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&i| self.words.get(i..i + seq.len()) == Some(seq))
    }

    /// `OSLO, Norway (AP) _` and `DUBAI/BAGHDAD –` at the start of a line: places and an agency.
    pub(super) fn datelines(&self) -> Vec<TokenSpan> {
        let mut out = Vec::new();
        for i in (0..self.words.len()).filter(|&i| self.line_start[i] && is_shouting(self.words[i]))
        {
            let mut j = i;
            let mut places = Vec::new();
            // A dateline is one line: a shouted headline above it is not part of it.
            let same_line = |k: usize| k == i || !self.line_start[k];
            while j < self.words.len()
                && is_shouting(self.words[j])
                && same_line(j)
                && self.flags[j] & flag::DEMONYM == 0
            {
                let start = j;
                while j < self.words.len() && is_shouting(self.words[j]) && same_line(j) {
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
            // A region after a comma (`OSLO, Norway`) or an agency (`(AP)`) marks a dateline
            // whatever its place; a bare `WORD -` only when the word is a known place, so a
            // section heading (`SOCCER - JAPAN WIN`) is not read as one.
            let known_place = places.iter().any(|p| {
                (p.start..p.end).any(|k| {
                    self.flags[k]
                        & (flag::BIG_CITY | flag::CITY | flag::COUNTRY | flag::REGION | flag::PLACE)
                        != 0
                })
            });
            let with_region = places.len() > 1 || self.words.get(j) == Some(&"(");
            if !known_place && !with_region {
                continue;
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
                .is_some_and(|w| matches!(*w, "_" | "-" | "–" | "—" | "--") || is_iso_date(w))
            {
                out.extend(places);
            }
        }
        out
    }

    /// A place opening a line in capitals before a dateline's mark (`CHICAGO _`, `BONN
    /// 1996-12-06`, `OSLO, Norway`): the place, whatever other mentions of the name are.
    pub(super) fn is_dateline(&self, s: &TokenSpan) -> bool {
        s.label == Label::Place
            && self.line_start[s.start]
            && is_shouting(self.words[s.start])
            && self.words.get(s.end).is_some_and(|w| {
                matches!(*w, "_" | "-" | "–" | "—" | "--" | "," | "(" | "/") || is_iso_date(w)
            })
    }

    /// `U.S. And London`: a place span run on over `and` is two places, unless the whole is a
    /// known name (`Trinidad and Tobago`); so is an organisation run on past a company suffix.
    pub(super) fn split_at_and(&self, s: TokenSpan) -> [Option<TokenSpan>; 2] {
        let g = Gazetteer::get();
        let words = &self.words[s.start..s.end];
        let and = |k: usize| matches!(words[k], "and" | "And");
        let at = match s.label {
            Label::Place if g.phrase(words.iter().copied()).is_none() => {
                (1..words.len().saturating_sub(1)).find(|&k| and(k))
            }
            // `Walt Disney Co., Hearst Corp.`, `Procter & Gamble Co. and Tag Heuer`.
            Label::Org => (1..words.len().saturating_sub(1)).find(|&k| {
                (and(k) || words[k] == ",")
                    && super::orgs::SUFFIXES.contains(&words[k - 1].to_lowercase().as_str())
            }),
            _ => None,
        };
        match at {
            Some(k) => [
                Some(TokenSpan {
                    end: s.start + k,
                    ..s
                }),
                Some(TokenSpan {
                    start: s.start + k + 1,
                    ..s
                }),
            ],
            _ => [Some(s), None],
        }
    }

    /// `Iranian` inside a longer span that is not an organisation or place name of its own
    /// (`Iranian President`) becomes a group; a demonym the tagger missed is added.
    pub(super) fn split_demonyms(&self, spans: &mut Vec<TokenSpan>) {
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

    /// Known places and organisations the tagger left untagged.
    pub(super) fn fallbacks(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        const STRONG: u16 = flag::COUNTRY | flag::PLACE | flag::ORG | flag::BIG_CITY | flag::REGION;
        let g = Gazetteer::get();
        self.scan_uncovered(spans, |i, covered| {
            let max = g
                .longest_phrase_from(self.words[i])
                .min(self.words.len() - i);
            (1..=max).rev().find_map(|n| {
                let p = g.phrase(self.words[i..i + n].iter().copied())?;
                // One word at a line's or sentence's start, or also written in lower case,
                // may be only a word (`Total 3,579` in a table is no oil company).
                let bare = n == 1
                    && (self.lower_elsewhere[i]
                        || self.line_start[i]
                        || i > 0 && matches!(self.words[i - 1], "." | "!" | "?" | ":"));
                let strong = n > 1 || self.flags[i] & STRONG != 0 && !bare;
                let free = covered[i..i + n].iter().all(|c| !c);
                let label = if p.kind == PhraseKind::Org {
                    Label::Org
                } else {
                    Label::Place
                };
                (strong && free && p.kind != PhraseKind::Group).then_some((n, label))
            })
        })
    }
}

/// For each line, how many of its words start with a letter and how many of those are
/// capitalized. One pass over the text.
pub(super) fn line_caps(words: &[&str], line_start: &[bool]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (w, &starts) in words.iter().zip(line_start) {
        if starts || out.is_empty() {
            out.push((0, 0));
        }
        if w.chars().next().is_some_and(char::is_alphabetic)
            && let Some(line) = out.last_mut()
        {
            line.0 += 1;
            line.1 += usize::from(is_cap(w));
        }
    }
    out
}

/// `1996-12-06`, as wire copy writes a dateline's date (`BONN 1996-12-06`).
fn is_iso_date(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}
