//! Search in the open article: the query's matches (plain with smart case, or a regular
//! expression), the current one, the `[3/12]` counter, the history of queries, `*`.

use super::app::{App, Mode, Scope};

/// How many past queries Up and Down go through.
const HISTORY: usize = 100;
/// Where the store keeps them.
const HISTORY_KEY: &str = "search_history";

impl App {
    /// Finds the query in the open article, shows the first match at or after the top line.
    pub(super) fn find(&mut self) {
        let Some(o) = &mut self.opened else { return };
        if self.regex {
            match super::find::regex_for(&self.query) {
                Ok(re) => self.matches = super::find::find_regex(&o.entities.text, re.as_ref()),
                Err(e) => {
                    self.matches.clear();
                    self.current_match = None;
                    self.status = e;
                    return;
                }
            }
        } else {
            if o.folded.is_empty() && !self.query.is_empty() {
                o.folded = super::find::fold_case(&o.entities.text);
            }
            self.matches = super::find::find_in(&o.entities.text, &o.folded, &self.query);
        }
        let top = o.lines.offset_from(self.scroll).unwrap_or(0);
        self.current_match = (!self.matches.is_empty())
            .then(|| self.matches.iter().position(|m| m.0 >= top).unwrap_or(0));
        self.show_match();
    }

    /// Moves to the next (`1`), previous (`-1`) or current (`0`) match, wrapping around.
    pub(super) fn step_match(&mut self, by: isize) {
        let n = self.matches.len();
        if n == 0 {
            if !self.query.is_empty() {
                self.status = format!("no match for {:?}", self.query);
            }
            return;
        }
        let at = self.current_match.unwrap_or(0) as isize;
        self.current_match = Some((at + by).rem_euclid(n as isize) as usize);
        self.show_match();
    }

    /// Scrolls to the current match and shows the `[3/12]` counter.
    fn show_match(&mut self) {
        let (Some(o), Some(k)) = (&self.opened, self.current_match) else {
            self.status = if self.query.is_empty() {
                String::new()
            } else {
                format!("no match for {:?}", self.query)
            };
            return;
        };
        let line = o.lines.line_of(self.matches[k].0).unwrap_or(0);
        self.show_line(line);
        let mode = if self.regex { "regex " } else { "" };
        self.status = format!("[{}/{}] {mode}{}", k + 1, self.matches.len(), self.query);
    }

    /// Opens the search line, empty, for plain text.
    pub(super) fn start_search(&mut self, scope: Scope) {
        self.mode = Mode::Search(scope);
        self.regex = false;
        self.history_at = None;
        self.query.clear();
        self.find_as_you_type();
    }

    /// Enter: an article search keeps its matches and goes to the first; a store search runs.
    pub(super) fn submit_search(&mut self) {
        let scope = self.mode;
        self.mode = Mode::Normal;
        self.remember_query();
        if scope == Mode::Search(Scope::Store) {
            let query = std::mem::take(&mut self.query);
            self.search_store(&query);
        } else {
            self.step_match(0);
        }
    }

    /// The search line changed: an article search highlights as you type; a store search
    /// waits for Enter.
    pub(super) fn find_as_you_type(&mut self) {
        if self.mode != Mode::Search(Scope::Store) {
            self.find();
        }
    }

    /// Up (`-1`) and Down (`1`) in the search line: older and newer past queries.
    pub(super) fn recall(&mut self, dir: isize) {
        let n = self.past_queries.len();
        if n == 0 {
            return;
        }
        let at = match (self.history_at, dir < 0) {
            (None, true) => Some(n - 1),
            (None, false) => None,
            (Some(0), true) => Some(0),
            (Some(i), true) => Some(i - 1),
            (Some(i), false) if i + 1 < n => Some(i + 1),
            (Some(_), false) => None,
        };
        self.history_at = at;
        self.query = at.map(|i| self.past_queries[i].clone()).unwrap_or_default();
        self.find_as_you_type();
    }

    /// Adds the query to the history, which the store keeps from one session to the next.
    pub(super) fn remember_query(&mut self) {
        self.history_at = None;
        if self.query.is_empty() {
            return;
        }
        self.past_queries.retain(|q| *q != self.query);
        self.past_queries.push(self.query.clone());
        if self.past_queries.len() > HISTORY {
            self.past_queries.remove(0);
        }
        let saved = serde_json::to_string(&self.past_queries).unwrap_or_default();
        if let Err(e) = self.store.set_meta(HISTORY_KEY, &saved) {
            self.status = format!("cannot save the search history: {e}");
        }
    }

    /// The history saved by earlier sessions (none if it cannot be read).
    pub(super) fn load_query_history(&mut self) {
        self.past_queries = self
            .store
            .meta(HISTORY_KEY)
            .ok()
            .flatten()
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default();
    }

    /// `*`: searches the word at the current match or the selected mention, else the first
    /// word of the top line, as a whole word.
    pub(super) fn search_word(&mut self) {
        let Some(o) = &self.opened else { return };
        let text = &o.entities.text;
        let at = self
            .current_match
            .and_then(|k| self.matches.get(k).map(|m| m.0))
            .or_else(|| {
                let e = self.selected_entity()?;
                e.mentions.get(self.mention?).map(|m| m.0)
            })
            .or_else(|| {
                o.lines.lines.iter().skip(self.scroll).find_map(|l| {
                    l.range
                        .as_ref()
                        .filter(|_| !l.text.trim().is_empty())
                        .map(|r| r.start)
                })
            });
        let Some(word) = at.and_then(|at| super::find::word_at(text, at)) else {
            self.status = "no word here to search for".into();
            return;
        };
        self.regex = true;
        self.query = format!(r"\b{}\b", regex::escape(word));
        self.remember_query();
        self.find();
    }

    pub(super) fn clear_search(&mut self) {
        self.mode = Mode::Normal;
        self.query.clear();
        self.matches.clear();
        self.current_match = None;
        self.status.clear();
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::app::App;

    fn search(app: &mut App, text: &str) {
        app.update(Action::StartSearch);
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
        app.update(Action::SubmitSearch);
    }

    #[test]
    fn history_recalls_older_and_newer_queries() {
        let mut app = App::sample(120, 40);
        search(&mut app, "iraq");
        search(&mut app, "tehran");
        app.update(Action::StartSearch);
        app.update(Action::HistoryPrev);
        assert_eq!(app.query, "tehran");
        assert!(!app.matches.is_empty(), "a recalled query highlights");
        app.update(Action::HistoryPrev);
        assert_eq!(app.query, "iraq");
        app.update(Action::HistoryPrev);
        assert_eq!(app.query, "iraq", "stops at the oldest");
        app.update(Action::HistoryNext);
        assert_eq!(app.query, "tehran");
        app.update(Action::HistoryNext);
        assert_eq!(app.query, "");
    }

    #[test]
    fn history_outlives_the_session() {
        let mut app = App::sample(120, 40);
        search(&mut app, "iraq");
        let store = std::mem::replace(
            &mut app.store,
            crate::store::Store::open_in_memory().unwrap(),
        );
        let mut again = App::new(store, (120, 40)).unwrap();
        again.update(Action::StartSearch);
        again.update(Action::HistoryPrev);
        assert_eq!(again.query, "iraq");
    }

    #[test]
    fn regex_mode_matches_patterns_and_reports_bad_ones() {
        let mut app = App::sample(120, 40);
        app.update(Action::StartSearch);
        app.update(Action::ToggleRegex);
        for c in "ira[qn]".chars() {
            app.update(Action::Insert(c));
        }
        let text = app.opened.as_ref().unwrap().entities.text.clone();
        assert!(app.matches.len() > 10);
        assert!(app.matches.iter().all(|&(s, e)| {
            let m = text[s..e].to_lowercase();
            m == "iraq" || m == "iran"
        }));
        assert!(app.status.contains("regex"), "{}", app.status);
        app.update(Action::Insert('('));
        assert!(app.matches.is_empty());
        assert!(
            app.status.starts_with("not a regular expression"),
            "{}",
            app.status
        );
    }

    #[test]
    fn star_searches_the_word_at_the_match_as_a_whole_word() {
        let mut app = App::sample(120, 40);
        search(&mut app, "tehra");
        app.update(Action::SearchWord);
        assert_eq!(app.query, r"\bTehran\b");
        assert!(app.regex && !app.matches.is_empty());
        let text = app.opened.as_ref().unwrap().entities.text.clone();
        assert!(app.matches.iter().all(|&(s, e)| &text[s..e] == "Tehran"));
    }
}
