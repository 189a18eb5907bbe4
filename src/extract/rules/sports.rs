//! Sports pages: a team named after its city (`Chicago 5 Boston 3`, `Surrey beat Kent`) is an
//! organisation, not the place.

use super::{Doc, *};

/// Words that only sports pages use often; an article with several of them is about sport.
const SPORTS_WORDS: &[&str] = &[
    "innings",
    "wickets",
    "wicket",
    "batsman",
    "bowled",
    "goals",
    "goalkeeper",
    "striker",
    "midfielder",
    "defender",
    "halftime",
    "half-time",
    "scored",
    "scorers",
    "inning",
    "pitcher",
    "homer",
    "homers",
    "touchdown",
    "touchdowns",
    "quarterback",
    "playoff",
    "playoffs",
    "standings",
    "fixtures",
    "league",
    "season",
    "coach",
    "match",
    "matches",
    "tournament",
    "championship",
    "rebounds",
    "penalty",
    "seeded",
];

/// Names of sports and of their tables: section slugs (`BASEBALL - RESULTS`) and headings
/// (`Major League Baseball`, `STANDINGS`) name the sport in any case.
const SPORT_NAMES: &[&str] = &[
    "soccer",
    "football",
    "baseball",
    "cricket",
    "rugby",
    "tennis",
    "golf",
    "basketball",
    "hockey",
    "cycling",
    "athletics",
    "standings",
];

/// Words between two teams: `Surrey beat Kent`, `Leeds v Chelsea`, `KANSAS CITY AT DETROIT`.
const BETWEEN_TEAMS: &[&str] = &[
    "v", "v.", "vs", "vs.", "beat", "beats", "defeated", "drew", "AT", "VS",
];

/// Places a team can be named after (countries are not: a national side is labelled as its
/// country in news annotation).
const TEAM_PLACE: u16 = flag::BIG_CITY | flag::CITY | flag::REGION;

impl Doc<'_> {
    /// In a sports article, places next to a score (`Surrey 429-7`, `CHICAGO 71 64`) or to
    /// another team (`Leeds v Chelsea`) are teams; every other mention of such a name there is
    /// the team too. Returns teams found among the words no span covers.
    pub(super) fn teams(&self, spans: &mut [TokenSpan]) -> Vec<TokenSpan> {
        if !self.sports {
            return Vec::new();
        }
        let mut teams: FxHashMap<String, ()> = FxHashMap::default();
        for s in spans.iter_mut() {
            if self.could_be_team(s) && self.next_to_score_or_team(s.start, s.end) {
                s.label = Label::Org;
                teams.insert(self.key(s), ());
            }
        }
        let found = self.scan_uncovered(spans, |i, _| {
            let one = TokenSpan {
                start: i,
                end: i + 1,
                label: Label::Place,
            };
            (self.flags[i] & TEAM_PLACE != 0
                && self.flags[i] & flag::COUNTRY == 0
                && self.next_to_score_or_team(i, i + 1))
            .then_some((1, Label::Org))
            .filter(|_| self.could_be_team(&one))
        });
        let tabled = self.tabled_teams(&spans_with(spans, &found));
        for s in found.iter().chain(&tabled) {
            teams.insert(self.key(s), ());
        }
        for s in spans.iter_mut() {
            if matches!(s.label, Label::Place | Label::Person)
                && s.end - s.start <= 3
                && !self.is_dateline(s)
                && !self.is_venue(s.start)
                && teams.contains_key(&self.key(s))
            {
                s.label = Label::Org;
            }
        }
        found.into_iter().chain(tabled).collect()
    }

    /// `the Knicks`, `New York Yankees`, `Boston Red Sox`: on a sports page a major-league
    /// team's nickname (assets/gazetteer/hand/team_names.txt), with the place or the place's
    /// span right before it, is the team; people and places the tagger made of it give way,
    /// organisations around it stay.
    pub(super) fn nicknamed_teams(&self, spans: &mut Vec<TokenSpan>) -> Vec<TokenSpan> {
        const FIRST_WORDS: &[&str] = &["Red", "White", "Blue", "Maple", "Trail"];
        if !self.sports {
            return Vec::new();
        }
        let n = self.words.len();
        let mut owner: Vec<Option<usize>> = vec![None; n];
        for (k, s) in spans.iter().enumerate() {
            owner[s.start..s.end].iter_mut().for_each(|o| *o = Some(k));
        }
        let mut out: Vec<TokenSpan> = Vec::new();
        for i in 0..n {
            let w = self.words[i];
            if self.flags[i] & flag::TEAM == 0 || !is_cap(w) || self.lower_elsewhere[i] {
                continue;
            }
            // An organisation around it stays; so does a person named in full (`Linda Wild`).
            if owner[i].is_some_and(|k| {
                let s = spans[k];
                s.label == Label::Org || s.label == Label::Person && s.end - s.start > 1
            }) {
                continue;
            }
            let mut start = owner[i].map_or(i, |k| spans[k].start);
            if start == i && i > 0 && FIRST_WORDS.contains(&self.words[i - 1]) {
                start = i - 1;
            }
            // `New York` + `Yankees`: the place's span right before the nickname.
            if start > 0
                && !self.line_start[start]
                && let Some(k) = owner[start - 1]
                && matches!(spans[k].label, Label::Place | Label::Org)
                && spans[k].end == start
            {
                start = spans[k].start;
            }
            if out.last().is_some_and(|o| o.end > start) {
                continue;
            }
            out.push(TokenSpan {
                start,
                end: i + 1,
                label: Label::Org,
            });
        }
        let mut taken = vec![false; n];
        for o in &out {
            taken[o.start..o.end].iter_mut().for_each(|t| *t = true);
        }
        spans.retain(|s| !taken[s.start..s.end].iter().any(|t| *t));
        out
    }

    /// `Puchon 3 Chonan 1`, `Haitai 64 2 43 .596`, `May 18 v Worcestershire`: capitalized words
    /// no span covers, not starting with a given name or an initial, that open a line or follow
    /// a score or a fixture's `v`, with a score after them on the same line, are a team.
    fn tabled_teams(&self, spans: &[TokenSpan]) -> Vec<TokenSpan> {
        const NOT_TEAM: u16 =
            flag::FIRST_NAME | flag::TITLE | flag::MONTH_DAY | flag::COUNTRY | flag::DEMONYM;
        let scored =
            |k: usize| self.words.get(k).is_some_and(|w| is_score(w)) && !self.line_start[k];
        self.scan_uncovered(spans, |i, covered| {
            if self.flags[i] & NOT_TEAM != 0 || super::is_initial(self.words[i]) {
                return None;
            }
            let mut end = i + 1;
            while end < self.words.len()
                && end - i < 3
                && !covered[end]
                && !self.line_start[end]
                && is_cap(self.words[end])
            {
                end += 1;
            }
            let before = i.checked_sub(1).map(|k| self.words[k]);
            let fixture = before.is_some_and(|w| matches!(w, "v" | "v." | "vs" | "vs."));
            let opens = self.line_start[i] || before == Some(":") || i > 0 && scored(i - 1);
            (fixture || opens && scored(end)).then_some((end - i, Label::Org))
        })
    }

    /// `ATLANTA AT CHICAGO`: the name after a fixture's `AT` is the home ground, a place.
    pub(super) fn is_venue(&self, start: usize) -> bool {
        start > 0 && self.words[start - 1] == "AT" && !self.line_start[start - 1]
    }

    /// A side of up to three words, labelled a place or an organisation and not a country,
    /// next to a score or to another team (`CHICAGO 71 64`, `Puchon 2`).
    pub(super) fn is_scored_team(&self, s: &TokenSpan) -> bool {
        matches!(s.label, Label::Place | Label::Org)
            && s.end - s.start <= 3
            && !self.is_country(s)
            && !self.is_venue(s.start)
            && !self.is_dateline(s)
            && self.next_to_score_or_team(s.start, s.end)
    }

    /// Whether a word of the span or the whole is a country's name: a national side is
    /// labelled as its country.
    fn is_country(&self, s: &TokenSpan) -> bool {
        (s.start..s.end).any(|i| self.flags[i] & flag::COUNTRY != 0)
            || Gazetteer::get()
                .phrase(self.words[s.start..s.end].iter().copied())
                .is_some_and(|p| p.country)
    }

    /// A place of up to three words, or a one-word "person" that is a known place (`Kent`).
    fn could_be_team(&self, s: &TokenSpan) -> bool {
        let place_word = (s.start..s.end).any(|i| self.flags[i] & TEAM_PLACE != 0);
        let country = self.is_country(s);
        let len = s.end - s.start;
        !country
            && match s.label {
                Label::Place => len <= 3,
                Label::Person => len == 1 && place_word,
                _ => false,
            }
    }

    /// A score or a word between teams right before or after the words `start..end`.
    fn next_to_score_or_team(&self, start: usize, end: usize) -> bool {
        let after = self.words.get(end).copied();
        let before = start.checked_sub(1).map(|i| self.words[i]);
        after.is_some_and(|w| is_score(w) || BETWEEN_TEAMS.contains(&w))
            // `ATLANTA AT CHICAGO`: the home side after `AT` is where the game is played.
            || before.is_some_and(|w| BETWEEN_TEAMS.contains(&w) && w != "AT")
    }
}

/// Whether the article is about sport: at least three uses of words only sports pages use
/// often, in lower case or in a shouted line (`INNINGS VICTORY`), or of a sport's name.
pub(super) fn is_sports(words: &[&str]) -> bool {
    words
        .iter()
        .filter(|w| {
            let plain = w.chars().next().is_some_and(char::is_lowercase) || is_shouting(w);
            let is = |list: &[&str]| list.iter().any(|s| s.eq_ignore_ascii_case(w));
            plain && is(SPORTS_WORDS) || is(SPORT_NAMES)
        })
        .nth(2)
        .is_some()
}

/// The spans and the new ones, for a scan that must skip both.
fn spans_with(spans: &[TokenSpan], more: &[TokenSpan]) -> Vec<TokenSpan> {
    spans.iter().chain(more).copied().collect()
}

/// `3`, `429-7`, `4-38`: a score, not a year or a date.
fn is_score(w: &str) -> bool {
    let mut parts = w.split('-');
    let count = w.split('-').count();
    count <= 2 && parts.all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use crate::extract::Label;
    use crate::extract::rules::testing::label_of;

    // See: #15
    #[test]
    fn a_major_league_nickname_on_a_sports_page_is_the_team() {
        let text = "The Knicks beat the Nets 81-70 in the playoff game, and the coach said the \
                    season was not over. In Boston, the Red Sox lost to the New York Yankees \
                    6-2 as Linda Wild watched the match.";
        assert_eq!(label_of(text, "Knicks"), Some(Label::Org));
        assert_eq!(label_of(text, "Red Sox"), Some(Label::Org));
        assert_eq!(label_of(text, "New York Yankees"), Some(Label::Org));
        assert_eq!(label_of(text, "Linda Wild"), Some(Label::Person));
        // Off the sports pages a nickname is a word like any other.
        let text = "The Giants of industry met in Davos, where the Heat of the debate rose.";
        assert_eq!(label_of(text, "Giants"), None);
    }

    // See: #15
    #[test]
    fn a_standings_table_under_a_sport_slug_is_a_sports_page() {
        let text = "BASEBALL - MAJOR LEAGUE STANDINGS\nW L PCT GB\nCHICAGO 71 64 .526 10\n\
                    BOSTON 69 65 .515 5";
        assert_eq!(label_of(text, "CHICAGO"), Some(Label::Org));
    }

    // See: #15
    #[test]
    fn unknown_names_in_a_results_table_are_teams() {
        let text = "The league season resumed and the coach of each match was pleased.\n\
                    Pohang 3 Ulsan 2\nPuchon 2 Chonbuk 1\nMay 18 v Worcestershire";
        for team in ["Pohang", "Ulsan", "Puchon", "Chonbuk", "Worcestershire"] {
            assert_eq!(label_of(text, team), Some(Label::Org), "{team}");
        }
    }

    #[test]
    fn a_golfer_with_a_score_is_no_team() {
        let text = "The tournament season went on; the leader scored well in each match.\n\
                    Ernie Els 66 67";
        assert_ne!(label_of(text, "Ernie Els"), Some(Label::Org));
    }

    // See: #15
    #[test]
    fn the_side_after_at_in_a_fixture_list_is_the_venue() {
        let text = "BASEBALL - MAJOR LEAGUE STANDINGS\nSCHEDULE\nATLANTA AT CHICAGO";
        assert_eq!(label_of(text, "ATLANTA"), Some(Label::Org));
        assert_eq!(label_of(text, "CHICAGO"), Some(Label::Place));
    }
}
