//! Search across the store from the reader: the query goes to the loader, the hits are listed
//! with their snippets, and the query's terms are highlighted in each article opened from them.

use super::app::{App, Effect, Focus};
use super::list::{ListSource, ListState};
use super::load::{Request, Tag};
use crate::store::{ArticleRow, SearchHit, Sort};

impl App {
    /// Asks the loader to search the whole store.
    pub(super) fn search_store(&mut self, query: &str) {
        if query.trim().is_empty() {
            self.clear_search();
            return;
        }
        let tag = self.tag();
        self.waits.search = Some(tag);
        self.status = format!("searching the store for {query:?}…");
        let query = query.to_string();
        let sort = Sort::Relevance;
        self.effect(Effect::Load(Request::Search { tag, query, sort }));
    }

    /// A store search's hits: listed best first, the first opened with the terms highlighted.
    pub(super) fn hits_found(
        &mut self,
        tag: Tag,
        query: &str,
        hits: Vec<SearchHit>,
        (total, pending): (usize, usize),
    ) {
        if self.waits.search != Some(tag) {
            return;
        }
        self.waits.search = None;
        // Articles imported or fetched a moment ago may not be in the index yet.
        let unindexed = match pending {
            0 => String::new(),
            1 => "; 1 new article is not searchable yet (being indexed)".into(),
            n => format!("; {n} new articles are not searchable yet (being indexed)"),
        };
        if hits.is_empty() {
            self.status = format!("no article matches {query:?}{unindexed}");
            return;
        }
        self.push_place();
        self.list = hits_list(query, hits, total);
        self.focus_on(Focus::List);
        // The query's words are highlighted (and n/N step through them) in each hit.
        self.search.regex = true;
        self.search.query = terms_pattern(query);
        self.open_selected();
        let n = self.list.total;
        let s = if n == 1 { "" } else { "s" };
        self.status = format!("{n} article{s} match {query:?}{unindexed}; Backspace goes back");
        self.pin_status();
    }
}

/// Hits as list rows and their snippets.
pub fn split_hits(hits: Vec<SearchHit>) -> (Vec<ArticleRow>, Vec<(String, super::list::Snippet)>) {
    let snippets = hits
        .iter()
        .map(|h| (h.row.id.clone(), (h.snippet.clone(), h.highlights.clone())))
        .collect();
    (hits.into_iter().map(|h| h.row).collect(), snippets)
}

/// The list of a search's first hits of `total`, with their snippets; the rest are paged in.
fn hits_list(query: &str, hits: Vec<SearchHit>, total: usize) -> ListState {
    let (rows, snippets) = split_hits(hits);
    let source = ListSource::Search {
        query: query.to_string(),
    };
    let mut list = ListState::of(source, rows, Some(total));
    list.snippets = snippets.into_iter().collect();
    list
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
    use crate::tui::action::Action;
    use crate::tui::config::Config;
    use crate::tui::testing::Harness;

    fn type_in(app: &mut Harness, text: &str) {
        for c in text.chars() {
            app.update(Action::Insert(c));
        }
    }

    #[test]
    fn a_store_search_lists_hits_with_snippets_and_highlights_terms_in_each() {
        let mut app = Harness::sample(120, 40);
        let first = app.list.rows[0].id.clone();
        app.update(Action::StartStoreSearch);
        type_in(&mut app, "halvorsen");
        assert!(
            app.reading.matches.is_empty(),
            "a store search waits for Enter"
        );
        app.update(Action::SubmitSearch);
        assert!(matches!(&app.list.source, ListSource::Search { query } if query == "halvorsen"));
        assert!(app.list.total >= 3, "{}", app.list.total);
        let (snippet, marked) = &app.list.snippets[&app.list.rows[0].id];
        let (s, e) = marked[0];
        assert_eq!(snippet[s..e].to_lowercase(), "halvorsen");
        assert!(
            !app.reading.matches.is_empty(),
            "the terms are highlighted in the opened hit"
        );
        assert!(
            app.status.contains("articles match \"halvorsen\""),
            "{}",
            app.status
        );
        app.update(Action::Down);
        assert!(!app.reading.matches.is_empty(), "and in the next hit");
        app.update(Action::Back);
        assert_eq!(app.list.source, ListSource::All);
        assert_eq!(app.list.rows[app.list.selected].id, first);
        assert!(app.reading.matches.is_empty() && app.search.query.is_empty());
    }

    #[test]
    fn a_search_while_articles_wait_for_the_index_says_so() {
        use crate::article::{Article, BlockKind, Body};
        let mut store = crate::store::Store::open_in_memory().unwrap();
        store.insert_batch(&crate::library::articles()).unwrap();
        store.defer_text_index(true);
        let late = Article::new(
            "Halvorsen again",
            Body::from_blocks([(BlockKind::Paragraph, "x")]),
        );
        store.insert_batch(&[late]).unwrap();
        let mut app = Harness::on(store, Config::default(), 120, 40);
        app.update(Action::StartStoreSearch);
        type_in(&mut app, "halvorsen");
        app.update(Action::SubmitSearch);
        assert!(
            app.status.contains("1 new article is not searchable yet"),
            "{}",
            app.status
        );
        assert!(app.list.total >= 3, "the indexed ones are found");
        assert!(
            app.store.text_index_pending().unwrap() == 1,
            "the search did not index"
        );
    }

    #[test]
    fn a_bad_store_query_says_why_and_keeps_the_list() {
        let mut app = Harness::sample(120, 40);
        app.update(Action::StartStoreSearch);
        type_in(&mut app, "(iran");
        app.update(Action::SubmitSearch);
        assert_eq!(app.list.source, ListSource::All);
        assert!(app.status.contains("not closed"), "{}", app.status);
    }

    #[test]
    fn watched_keywords_mark_rows_and_highlight_text() {
        let (config, errors) =
            Config::parse("[highlight]\nkeywords = [\"Halvorsen\", \"/visits\\\\s+iraq/\"]\n");
        assert!(errors.is_empty(), "{errors:?}");
        let app = Harness::with_config(120, 40, config);
        let marked: Vec<&str> = app
            .list
            .rows
            .iter()
            .filter(|r| app.marked.contains(&r.id))
            .map(|r| r.title.as_str())
            .collect();
        assert!(marked.len() >= 4, "{marked:?}");
        assert!(
            marked.iter().any(|t| t.starts_with("Iran")),
            "a regex keyword in a title"
        );
        let text = app.text();
        assert!(!text.keywords.is_empty());
        assert!(
            text.keywords
                .iter()
                .all(|&(s, e)| app.config.watched.in_title(&text.text[s..e]))
        );
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
