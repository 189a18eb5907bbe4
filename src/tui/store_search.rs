//! Search across the store from the reader, and watched keywords: hits listed with their
//! snippets, the query's terms highlighted in the article opened from them; keywords marked in
//! the list and highlighted in the text.

use super::app::{App, Focus};
use super::history::ListSource;

/// How many hits a store search lists.
const HITS: usize = 200;

impl App {
    /// Runs a query over the whole store and lists the hits, best first, with their snippets.
    pub(super) fn search_store(&mut self, query: &str) {
        if query.trim().is_empty() {
            self.clear_search();
            return;
        }
        let hits = match self.store.search(query, 0, HITS) {
            Ok(hits) => hits,
            Err(e) => {
                self.status = e.to_string();
                return;
            }
        };
        if hits.is_empty() {
            self.status = format!("no article matches {query:?}");
            return;
        }
        self.history.push(self.place());
        self.snippets = hits
            .iter()
            .map(|h| (h.row.id.clone(), (h.snippet.clone(), h.highlights.clone())))
            .collect();
        self.rows = hits.into_iter().map(|h| h.row).collect();
        self.total = self.rows.len();
        self.selected = 0;
        self.focus_on(Focus::List);
        self.source = ListSource::Search {
            query: query.to_string(),
        };
        // The query's words are highlighted (and n/N step through them) in each hit.
        self.regex = true;
        self.query = terms_pattern(query);
        self.mark_keyword_rows();
        self.open_selected();
        self.status = format!(
            "{} article{} match {query:?}; Backspace goes back",
            self.total,
            if self.total == 1 { "" } else { "s" }
        );
    }

    /// Marks the listed rows whose title or text has a watched keyword (plain keywords are
    /// looked up in the full-text index, regular expressions in titles).
    pub(super) fn mark_keyword_rows(&mut self) {
        self.keyword_rows.clear();
        self.mark_keyword_rows_from(0);
    }

    /// [`App::mark_keyword_rows`] for the rows from `start` on (rows just read).
    pub(super) fn mark_keyword_rows_from(&mut self, start: usize) {
        let watched = &self.config.watched;
        if watched.is_empty() {
            return;
        }
        let rows = self.rows.get(start..).unwrap_or_default();
        let titled = rows.iter().filter(|r| watched.in_title(&r.title));
        self.keyword_rows.extend(titled.map(|r| r.id.clone()));
        let Some(query) = watched.store_query() else {
            return;
        };
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        match self.store.ids_matching(&query, &ids) {
            Ok(found) => self.keyword_rows.extend(found),
            Err(e) => self.status = format!("cannot look up keywords: {e}"),
        }
    }

    /// Finds the watched keywords in the open article.
    pub(super) fn find_keywords(&mut self) {
        self.keyword_matches = self
            .opened
            .as_ref()
            .map_or_else(Vec::new, |o| self.config.watched.find(&o.entities.text));
    }
}

/// A regular expression for the words of a store query: fields, operators, exclusions and
/// dates dropped, `word*` as a prefix, phrases kept whole.
pub fn terms_pattern(query: &str) -> String {
    let mut terms = Vec::new();
    let mut rest = query;
    while !rest.trim().is_empty() {
        rest = rest.trim_start();
        let (token, after) = if let Some(inner) = rest.strip_prefix('"') {
            let end = inner.find('"').unwrap_or(inner.len());
            (&inner[..end], inner.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            (&rest[..end], &rest[end..])
        };
        rest = after;
        let token = token.trim_matches(|c| c == '(' || c == ')');
        let token = token.split_once(':').map_or(token, |(field, value)| {
            if matches!(field, "title" | "body" | "source" | "author") {
                value
            } else {
                ""
            }
        });
        if token.is_empty() || token.starts_with('-') || matches!(token, "AND" | "OR" | "NOT") {
            continue;
        }
        let (word, prefix) = match token.strip_suffix('*') {
            Some(w) => (w, true),
            None => (token, false),
        };
        let words: Vec<String> = word.split_whitespace().map(regex::escape).collect();
        if words.is_empty() {
            continue;
        }
        let mut term = format!(r"\b{}", words.join(r"\s+"));
        term.push_str(if prefix { r"\w*" } else { r"\b" });
        terms.push(term);
    }
    format!("(?i){}", terms.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::{Action, Done};
    use crate::tui::config::Config;

    fn type_in(app: &mut App, text: &str) {
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
    }

    #[test]
    fn a_store_search_lists_hits_with_snippets_and_highlights_terms_in_each() {
        let mut app = App::sample(120, 40);
        let first = app.rows[0].id.clone();
        app.update(Action::StartStoreSearch);
        type_in(&mut app, "halvorsen");
        assert!(app.matches.is_empty(), "a store search waits for Enter");
        app.update(Action::SubmitSearch);
        assert!(matches!(&app.source, ListSource::Search { query } if query == "halvorsen"));
        assert!(app.total >= 3, "{}", app.total);
        let (snippet, marked) = &app.snippets[&app.rows[0].id];
        let (s, e) = marked[0];
        assert_eq!(snippet[s..e].to_lowercase(), "halvorsen");
        assert!(
            !app.matches.is_empty(),
            "the terms are highlighted in the opened hit"
        );
        assert!(
            app.status.contains("articles match \"halvorsen\""),
            "{}",
            app.status
        );
        app.update(Action::Down);
        assert!(!app.matches.is_empty(), "and in the next hit");
        app.update(Action::Back);
        assert_eq!(app.source, ListSource::All);
        assert_eq!(app.rows[app.selected].id, first);
        assert!(app.matches.is_empty() && app.query.is_empty());
    }

    #[test]
    fn a_bad_store_query_says_why_and_keeps_the_list() {
        let mut app = App::sample(120, 40);
        app.update(Action::StartStoreSearch);
        type_in(&mut app, "(iran");
        app.update(Action::SubmitSearch);
        assert_eq!(app.source, ListSource::All);
        assert!(app.status.contains("not closed"), "{}", app.status);
    }

    #[test]
    fn watched_keywords_mark_rows_and_highlight_text() {
        let mut app = App::sample(120, 40);
        let (config, errors) =
            Config::parse("[highlight]\nkeywords = [\"Halvorsen\", \"/visits\\\\s+iraq/\"]\n");
        assert!(errors.is_empty(), "{errors:?}");
        app.config = config;
        app.update(Action::Background(Done::Changed(String::new())));
        let marked: Vec<&str> = app
            .rows
            .iter()
            .filter(|r| app.keyword_rows.contains(&r.id))
            .map(|r| r.title.as_str())
            .collect();
        assert!(marked.len() >= 4, "{marked:?}");
        assert!(
            marked.iter().any(|t| t.starts_with("Iran")),
            "a regex keyword in a title"
        );
        app.open_selected();
        let o = app.opened.as_ref().unwrap();
        assert!(!app.keyword_matches.is_empty());
        assert!(app.keyword_matches.iter().all(|&(s, e)| {
            let m = &o.entities.text[s..e];
            app.config.watched.in_title(m)
        }));
    }

    #[test]
    fn query_terms_become_one_pattern() {
        let p = terms_pattern(r#"title:iran* "prime minister" -gaza OR oil after:2024"#);
        let re = regex::Regex::new(&p).unwrap();
        assert!(re.is_match("Iranian oil"));
        assert!(re.is_match("the Prime  Minister said"));
        assert!(!re.is_match("Gaza"));
        assert!(!re.is_match("2024"));
    }
}
