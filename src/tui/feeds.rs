//! The feeds view: All, Unread, Starred, the saved searches, and the feeds grouped by their tags
//! (OPML folders), each with its unread count; choosing one filters the article list. It shows
//! in the list's pane, so below 100 columns it folds as the list does.

use super::app::{App, Effect, Focus};
use super::load::{Request, Tag};
use crate::store::{Sort, Store, StoreError};

/// One line of the feeds view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// What the line says, and the article list's title once chosen.
    pub label: String,
    /// The filter the article list takes ([`crate::store::Filter`]); `None` for a heading.
    pub query: Option<String>,
    /// Unread articles (starred ones for Starred).
    pub count: usize,
    /// 0 for a group, 1 for what it holds.
    pub depth: u8,
}

/// The feeds view's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeedsView {
    pub open: bool,
    pub entries: Vec<FeedEntry>,
    pub selected: usize,
    /// The request for the entries the view waits for.
    pub wait: Option<Tag>,
}

/// Longest feed or tag name the view shows, in bytes (a longer one is cut).
const MAX_LABEL: usize = 200;

/// The view's entries as the store has them now.
pub fn entries(store: &Store) -> Result<Vec<FeedEntry>, StoreError> {
    let entry = |label: &str, query: &str, count, depth| FeedEntry {
        label: cut(label),
        query: Some(query.to_string()),
        count,
        depth,
    };
    let unread = store.count_matching("is:unread")?;
    let mut out = vec![
        entry("All", "", unread, 0),
        entry("Unread", "is:unread", unread, 0),
        entry(
            "Starred",
            "is:starred",
            store.count_matching("is:starred")?,
            0,
        ),
    ];
    // Watched entities, each with its unread articles, under the articles of them all.
    let watched = store.watched_entities()?;
    if !watched.is_empty() {
        let unread = store.count_matching("is:unread is:watched")?;
        out.push(entry("Watched entities", "is:watched", unread, 0));
        for w in &watched {
            let shown = w.entity.as_deref().unwrap_or(&w.name);
            let query = format!("entity:\"{}\"", w.name.replace('"', ""));
            out.push(entry(
                shown,
                &query,
                usize::try_from(w.unread).unwrap_or(0),
                1,
            ));
        }
    }
    // Saved searches, like newsboat's query feeds, with their unread counts.
    for s in store.saved_searches()? {
        let count = store
            .count_matching(&format!("is:unread {}", s.query))
            .unwrap_or(0);
        out.push(entry(&s.name, &s.query, count, 0));
    }
    let feeds = store.feeds()?;
    let mut tags: Vec<&str> = feeds
        .iter()
        .flat_map(|f| f.tags.iter().map(String::as_str))
        .collect();
    tags.sort_unstable_by_key(|t| t.to_lowercase());
    tags.dedup();
    let untagged = feeds.iter().any(|f| f.tags.is_empty());
    let groups = tags
        .iter()
        .map(|t| Some(*t))
        .chain(untagged.then_some(None));
    for tag in groups {
        let members: Vec<_> = feeds
            .iter()
            .filter(|f| tag.map_or(f.tags.is_empty(), |t| f.tags.iter().any(|x| x == t)))
            .collect();
        let sum = members.iter().map(|f| f.unread).sum();
        out.push(match tag {
            // Counted as its list is read: a story in two feeds of the tag is one article.
            Some(t) => {
                let query = format!("tag:\"{}\"", t.replace('"', ""));
                let unread = store.count_matching(&format!("is:unread {query}"))?;
                entry(t, &query, unread, 0)
            }
            None => FeedEntry {
                query: None,
                ..entry("Feeds without a tag", "", sum, 0)
            },
        });
        for f in members {
            let name = f.title.as_deref().unwrap_or(&f.url);
            out.push(entry(name, &format!("feed:{}", f.id), f.unread, 1));
        }
    }
    Ok(out)
}

fn cut(label: &str) -> String {
    let line = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut end = line.len().min(MAX_LABEL);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].to_string()
}

impl App {
    /// Opens the feeds view (its counts read anew) or closes it.
    pub(super) fn toggle_feeds(&mut self) {
        if self.feeds.open {
            self.feeds.open = false;
            return;
        }
        self.feeds.open = true;
        self.focus_on(Focus::List);
        let tag = self.tag();
        self.feeds.wait = Some(tag);
        self.effect(Effect::Load(Request::Feeds { tag }));
    }

    /// The loader counted the feeds.
    pub(super) fn feeds_read(&mut self, tag: Tag, entries: Vec<FeedEntry>) {
        if self.feeds.wait != Some(tag) {
            return;
        }
        self.feeds.wait = None;
        self.feeds.selected = self.feeds.selected.min(entries.len().saturating_sub(1));
        self.feeds.entries = entries;
    }

    /// While the feeds view is open, moves and Enter work in it; true when the action was its.
    pub(super) fn feeds_action(&mut self, action: &super::action::Action) -> bool {
        use super::action::Action;
        if !self.feeds.open || self.focus != Focus::List {
            return false;
        }
        let last = self.feeds.entries.len().saturating_sub(1);
        let at = self.feeds.selected;
        self.feeds.selected = match action {
            Action::Down => (at + 1).min(last),
            Action::Up => at.saturating_sub(1),
            Action::Top => 0,
            Action::Bottom => last,
            Action::Open => return self.choose_feed(),
            Action::CancelSearch | Action::Back => {
                self.feeds.open = false;
                return true;
            }
            _ => return false,
        };
        true
    }

    /// Saves the list's store search (or the filter chosen in the view) under its own text,
    /// for the feeds view.
    pub(super) fn save_search(&mut self) {
        let query = match &self.list.source {
            super::list::ListSource::Search { query } => query.clone(),
            super::list::ListSource::All if !self.list.filter.is_empty() => {
                self.list.filter.clone()
            }
            _ => {
                self.status = "nothing to save: search the store (F) first".into();
                return;
            }
        };
        let mut end = query.len().min(crate::store::MAX_SAVED_NAME);
        while !query.is_char_boundary(end) {
            end -= 1;
        }
        let name = query[..end].to_string();
        self.status = format!("saved search {:?}: it shows in the feeds view (v)", name);
        self.effect(Effect::Write(super::load::Write::SaveSearch {
            name,
            query,
        }));
    }

    /// The article list of the chosen entry, newest first.
    fn choose_feed(&mut self) -> bool {
        let Some(entry) = self.feeds.entries.get(self.feeds.selected).cloned() else {
            return true;
        };
        let Some(query) = entry.query else {
            return true;
        };
        self.feeds.open = false;
        self.push_place();
        self.list = super::list::ListState::all(Vec::new(), self.list.total);
        self.list.filter = query;
        self.list.label = entry.label;
        self.list.sort = Sort::Newest;
        self.reload_list();
        true
    }
}

#[cfg(test)]
#[path = "feeds_tests.rs"]
mod tests;
