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

/// Words between two teams: `Surrey beat Kent`, `Leeds v Chelsea`, `KANSAS CITY AT DETROIT`.
const BETWEEN_TEAMS: &[&str] = &[
    "v", "v.", "vs", "vs.", "beat", "beats", "defeated", "drew", "AT", "VS",
];

/// Places a team can be named after (countries are not: a national side is labelled as its
/// country in news annotation).
const TEAM_PLACE: u16 = flag::BIG_CITY | flag::CITY | flag::REGION;

impl Doc<'_> {
    /// Whether the article is about sport: at least three uses of words only sports pages use
    /// often.
    pub(super) fn is_sports(&self) -> bool {
        self.words
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
            .filter(|w| SPORTS_WORDS.contains(w))
            .nth(2)
            .is_some()
    }

    /// In a sports article, places next to a score (`Surrey 429-7`, `CHICAGO 71 64`) or to
    /// another team (`Leeds v Chelsea`) are teams; every other mention of such a name there is
    /// the team too. Returns teams found among the words no span covers.
    pub(super) fn teams(&self, spans: &mut [TokenSpan]) -> Vec<TokenSpan> {
        if !self.is_sports() {
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
        for s in &found {
            teams.insert(self.key(s), ());
        }
        for s in spans.iter_mut() {
            if matches!(s.label, Label::Place | Label::Person)
                && s.end - s.start <= 3
                && !self.is_dateline(s)
                && teams.contains_key(&self.key(s))
            {
                s.label = Label::Org;
            }
        }
        found
    }

    /// A place of up to three words, or a one-word "person" that is a known place (`Kent`).
    fn could_be_team(&self, s: &TokenSpan) -> bool {
        let place_word = (s.start..s.end).any(|i| self.flags[i] & TEAM_PLACE != 0);
        let country = (s.start..s.end).any(|i| self.flags[i] & flag::COUNTRY != 0);
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
            || before.is_some_and(|w| BETWEEN_TEAMS.contains(&w))
    }
}

/// `3`, `429-7`, `4-38`: a score, not a year or a date.
fn is_score(w: &str) -> bool {
    let mut parts = w.split('-');
    let count = w.split('-').count();
    count <= 2 && parts.all(|p| (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}
