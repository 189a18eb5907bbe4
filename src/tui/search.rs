//! Search in the open article: the query's matches (plain with smart case, or a regular
//! expression), the current one, the `[3/12]` counter, the history of queries, `*`.

use super::app::{App, Effect, Mode, Scope};
use super::load::{HISTORY_KEY, Write};

/// How many past queries Up and Down go through.
const HISTORY: usize = 100;
/// The longest query the line takes (in characters).
const MAX_QUERY: usize = 1000;

/// The search line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchLine {
    pub query: String,
    /// The query is a regular expression.
    pub regex: bool,
    /// Earlier queries, oldest first, and where Up/Down has got to in them.
    pub past: Vec<String>,
    pub history_at: Option<usize>,
}

impl SearchLine {
    pub fn new(past: Vec<String>) -> SearchLine {
        SearchLine {
            past,
            ..SearchLine::default()
        }
    }
}

impl App {
    /// Finds the query in the open article, shows the first match at or after the top line.
    pub(super) fn find(&mut self) {
        let Some(text) = self.reading.opened.as_ref().and_then(|o| o.text.clone()) else {
            return;
        };
        let query = &self.search.query;
        let matches = if self.search.regex {
            match super::find::regex_for(query) {
                Ok(re) => super::find::find_regex(&text.text, re.as_ref()),
                Err(e) => {
                    self.reading.matches.clear();
                    self.reading.current_match = None;
                    self.status = e;
                    return;
                }
            }
        } else {
            super::find::find_in(&text.text, &text.folded, query)
        };
        let top = self.reading.top_offset().unwrap_or(0);
        self.reading.current_match =
            (!matches.is_empty()).then(|| matches.iter().position(|m| m.0 >= top).unwrap_or(0));
        self.reading.matches = matches;
        self.show_match();
    }

    /// Moves to the next (`1`), previous (`-1`) or current (`0`) match, wrapping around.
    pub(super) fn step_match(&mut self, by: isize) {
        let n = self.reading.matches.len();
        if n == 0 {
            if !self.search.query.is_empty() {
                self.status = format!("no match for {:?}", self.search.query);
            }
            return;
        }
        let at = self.reading.current_match.unwrap_or(0) as isize;
        self.reading.current_match = Some((at + by).rem_euclid(n as isize) as usize);
        self.show_match();
    }

    /// Scrolls to the current match and shows the `[3/12]` counter.
    fn show_match(&mut self) {
        let query = &self.search.query;
        let (Some(o), Some(k)) = (&self.reading.opened, self.reading.current_match) else {
            self.status = if query.is_empty() {
                String::new()
            } else {
                format!("no match for {query:?}")
            };
            return;
        };
        let line = o.lines.line_of(self.reading.matches[k].0).unwrap_or(0);
        let mode = if self.search.regex { "regex " } else { "" };
        let n = self.reading.matches.len();
        self.status = format!("[{}/{n}] {mode}{query}", k + 1);
        self.show_line(line);
    }

    /// Opens the search line, empty, for plain text.
    pub(super) fn start_search(&mut self, scope: Scope) {
        self.mode = Mode::Search(scope);
        self.search.regex = false;
        self.search.history_at = None;
        self.search.query.clear();
        self.find_as_you_type();
    }

    /// Enter: an article search keeps its matches and goes to the first; a store search runs.
    pub(super) fn submit_search(&mut self) {
        let scope = self.mode;
        if scope == Mode::Search(Scope::Entity) {
            return self.submit_entity_edit();
        }
        self.mode = Mode::Normal;
        self.remember_query();
        if scope == Mode::Search(Scope::Store) {
            let query = std::mem::take(&mut self.search.query);
            self.search_store(&query);
        } else {
            self.step_match(0);
        }
    }

    /// A character typed into the search line, or (`None`) the last one taken out.
    pub(super) fn type_in(&mut self, c: Option<char>) {
        match c {
            Some(c) if self.search.query.chars().count() < MAX_QUERY => self.search.query.push(c),
            Some(_) => return,
            None => drop(self.search.query.pop()),
        }
        self.find_as_you_type();
    }

    pub(super) fn toggle_regex(&mut self) {
        self.search.regex = !self.search.regex;
        self.find_as_you_type();
    }

    /// The search line changed: an article search highlights as you type; a store search and
    /// an entity edit wait for Enter.
    fn find_as_you_type(&mut self) {
        if self.mode == Mode::Search(Scope::Article) {
            self.find();
        }
    }

    /// Up (`-1`) and Down (`1`) in the search line: older and newer past queries.
    pub(super) fn recall(&mut self, dir: isize) {
        let s = &mut self.search;
        let n = s.past.len();
        if n == 0 {
            return;
        }
        s.history_at = match (s.history_at, dir < 0) {
            (None, true) => Some(n - 1),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        s.query = s.history_at.map(|i| s.past[i].clone()).unwrap_or_default();
        self.find_as_you_type();
    }

    /// Adds the query to the history, which the store keeps from one session to the next.
    pub(super) fn remember_query(&mut self) {
        let s = &mut self.search;
        s.history_at = None;
        if s.query.is_empty() {
            return;
        }
        s.past.retain(|q| *q != s.query);
        s.past.push(s.query.clone());
        if s.past.len() > HISTORY {
            s.past.remove(0);
        }
        let value = serde_json::to_string(&s.past).unwrap_or_default();
        let key = HISTORY_KEY.to_string();
        self.effect(Effect::Write(Write::Meta { key, value }));
    }

    /// `*`: searches the word at the current match or the selected mention, else the first
    /// word of the top line, as a whole word.
    pub(super) fn search_word(&mut self) {
        let Some(o) = &self.reading.opened else {
            return;
        };
        let Some(text) = &o.text else { return };
        let r = &self.reading;
        let at = r
            .current_match
            .and_then(|k| r.matches.get(k).map(|m| m.0))
            .or_else(|| {
                let e = self.selected_entity()?;
                e.mentions.get(r.mention?).map(|m| m.0)
            })
            .or_else(|| {
                o.lines.lines.iter().skip(r.scroll).find_map(|l| {
                    l.range
                        .as_ref()
                        .filter(|_| !l.text.trim().is_empty())
                        .map(|r| r.start)
                })
            });
        let Some(word) = at.and_then(|at| super::find::word_at(&text.text, at)) else {
            self.status = "no word here to search for".into();
            return;
        };
        self.search.regex = true;
        self.search.query = format!(r"\b{}\b", regex::escape(word));
        self.remember_query();
        self.find();
    }

    pub(super) fn clear_search(&mut self) {
        self.mode = Mode::Normal;
        self.editing = None;
        self.search.query.clear();
        self.reading.matches.clear();
        self.reading.current_match = None;
        self.status.clear();
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::testing::Harness;

    fn search(app: &mut Harness, text: &str) {
        app.update(Action::StartSearch);
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
        app.update(Action::SubmitSearch);
    }

    #[test]
    fn history_recalls_older_and_newer_queries() {
        let mut app = Harness::sample(120, 40);
        search(&mut app, "iraq");
        search(&mut app, "tehran");
        app.update(Action::StartSearch);
        app.update(Action::HistoryPrev);
        assert_eq!(app.search.query, "tehran");
        assert!(
            !app.reading.matches.is_empty(),
            "a recalled query highlights"
        );
        app.update(Action::HistoryPrev);
        assert_eq!(app.search.query, "iraq");
        app.update(Action::HistoryPrev);
        assert_eq!(app.search.query, "iraq", "stops at the oldest");
        app.update(Action::HistoryNext);
        assert_eq!(app.search.query, "tehran");
        app.update(Action::HistoryNext);
        assert_eq!(app.search.query, "");
    }

    #[test]
    fn history_outlives_the_session() {
        let mut app = Harness::sample(120, 40);
        search(&mut app, "iraq");
        let store = std::mem::replace(
            &mut app.store,
            crate::store::Store::open_in_memory().unwrap(),
        );
        let mut again = Harness::on(store, Default::default(), 120, 40);
        again.update(Action::StartSearch);
        again.update(Action::HistoryPrev);
        assert_eq!(again.search.query, "iraq");
    }

    #[test]
    fn regex_mode_matches_patterns_and_reports_bad_ones() {
        let mut app = Harness::sample(120, 40);
        app.update(Action::StartSearch);
        app.update(Action::ToggleRegex);
        for c in "ira[qn]".chars() {
            app.update(Action::Insert(c));
        }
        let text = app.text().text.clone();
        assert!(app.reading.matches.len() > 10);
        assert!(app.reading.matches.iter().all(|&(s, e)| {
            let m = text[s..e].to_lowercase();
            m == "iraq" || m == "iran"
        }));
        assert!(app.status.contains("regex"), "{}", app.status);
        app.update(Action::Insert('('));
        assert!(app.reading.matches.is_empty());
        assert!(
            app.status.starts_with("not a regular expression"),
            "{}",
            app.status
        );
    }

    #[test]
    fn star_searches_the_word_at_the_match_as_a_whole_word() {
        let mut app = Harness::sample(120, 40);
        search(&mut app, "tehra");
        app.update(Action::SearchWord);
        assert_eq!(app.search.query, r"\bTehran\b");
        assert!(app.search.regex && !app.reading.matches.is_empty());
        let text = app.text().text.clone();
        assert!(
            app.reading
                .matches
                .iter()
                .all(|&(s, e)| &text[s..e] == "Tehran")
        );
    }
}
