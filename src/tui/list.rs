//! The article list: what it shows (every article, an entity's, a search's hits), the window of
//! rows read around the selection, read by key as the selection leaves it (`G` reads the last
//! page, not every row above it), and new articles from a refresh merged in without reading
//! the whole list again.

use std::collections::{HashMap, HashSet};

use super::app::{App, Effect, PAGE};
use super::load::{Request, Tag, View};
use super::window::MARGIN;
use crate::store::{ArticleRow, Seek, Sort};

/// What the status line says while rows are read.
const READING: &str = "reading the list…";

/// Which articles the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    All,
    /// The articles the store's entity index says mention this entity.
    Mentioning {
        name: String,
        kind: String,
    },
    /// The hits of a search over the whole store.
    Search {
        query: String,
    },
}

/// A search hit's snippet and the byte ranges of its matched words.
pub type Snippet = (String, Vec<(usize, usize)>);

/// The list as a whole: saved and restored whole by Back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    pub source: ListSource,
    /// The window of rows read: those from `first` on, of `total`.
    pub rows: Vec<ArticleRow>,
    /// The index in the list of the window's first row.
    pub first: usize,
    pub total: usize,
    /// The index in the list of the selected row (which may lie outside the window while it
    /// is read).
    pub selected: usize,
    /// A store search's snippets, by article id.
    pub snippets: HashMap<String, Snippet>,
    /// How many of the refreshes that brought new articles it has taken in.
    pub refreshes: usize,
    /// The order of a list paged in from the store (every article's, a search's).
    pub sort: Sort,
    /// The query an every-article list keeps to (empty: every article).
    pub filter: String,
    /// Rows of the store's list taken out here (deleted in the reader, not yet in the store),
    /// so that the next page is read from the right place.
    pub hidden: usize,
    /// What the feeds view called the filter (the list's title).
    pub label: String,
}

impl ListState {
    /// Every article, newest first, from its first rows.
    pub fn all(rows: Vec<ArticleRow>, total: usize) -> ListState {
        ListState::of(ListSource::All, rows, Some(total))
    }

    /// A list of rows read whole (`total` `None`) or the first rows of `total`.
    pub fn of(source: ListSource, rows: Vec<ArticleRow>, total: Option<usize>) -> ListState {
        ListState {
            total: total.unwrap_or(rows.len()),
            rows,
            first: 0,
            selected: 0,
            snippets: HashMap::new(),
            refreshes: 0,
            sort: match &source {
                ListSource::Search { .. } => Sort::Relevance,
                _ => Sort::Newest,
            },
            filter: String::new(),
            hidden: 0,
            label: String::new(),
            source,
        }
    }

    /// What the store is asked for to page this list in; `None` for a list read whole.
    pub fn view(&self) -> Option<View> {
        let (query, hits) = match &self.source {
            ListSource::All => (self.filter.clone(), false),
            ListSource::Search { query } => (query.clone(), true),
            ListSource::Mentioning { .. } => return None,
        };
        Some(View {
            query,
            sort: self.sort,
            hits,
        })
    }

    pub fn selected_row(&self) -> Option<&ArticleRow> {
        self.at(self.selected)
    }

    /// The list to keep for Back: rows well past the selection are dropped (they are read
    /// again when needed), so a long history never holds 90,000 rows per step.
    pub fn kept(&self) -> ListState {
        let mut kept = self.clone();
        if kept.source == ListSource::All {
            let end = self.selected.saturating_sub(self.first) + PAGE;
            kept.rows.truncate(end);
        }
        kept
    }

    /// Takes in the top `window` rows of the list after a refresh (the store now holds
    /// `total`): new rows are put in their places. False when some new rows lie past the window
    /// (the caller asks for a larger one). See: issue 12 (the list was read whole each time).
    fn merge_top(&mut self, window: Vec<ArticleRow>, total: usize) -> bool {
        let added = total.saturating_sub(self.total);
        let k = window.len();
        let had: HashSet<&str> = self.rows.iter().take(k).map(|r| r.id.as_str()).collect();
        let new = window
            .iter()
            .filter(|r| !had.contains(r.id.as_str()))
            .count();
        if new < added && k < self.rows.len() + added {
            return false;
        }
        let selected = self.selected_row().map(|r| r.id.clone());
        let in_window: HashSet<&str> = window.iter().map(|r| r.id.as_str()).collect();
        let rest: Vec<ArticleRow> = self
            .rows
            .iter()
            .filter(|r| !in_window.contains(r.id.as_str()))
            .cloned()
            .collect();
        let old_selected = self.selected;
        self.rows = window;
        self.rows.extend(rest);
        self.total = total;
        self.selected = selected
            .and_then(|id| self.rows.iter().take(k).position(|r| r.id == id))
            .unwrap_or(old_selected + new)
            .min(total.saturating_sub(1));
        true
    }
}

/// How many screen lines one list row takes: two for a store search's hits (title, snippet)
/// when the pane has room, else one.
pub fn lines_per_row(source: &ListSource, height: usize) -> usize {
    if matches!(source, ListSource::Search { .. }) && height >= 4 {
        2
    } else {
        1
    }
}

/// The first list row shown when `shown` rows fit: the list turns a page at a time.
pub fn list_first(selected: usize, shown: usize) -> usize {
    selected / shown.max(1) * shown.max(1)
}

impl App {
    /// Moves the list's selection and opens the article there.
    pub(super) fn step_list(&mut self, by: isize) {
        let last = self.list.total.saturating_sub(1);
        let to = self.list.selected.saturating_add_signed(by).min(last);
        if to != self.list.selected {
            self.list.selected = to;
            self.ensure_rows(to);
            self.open_selected();
        }
    }

    /// Asks for the rows around `index` when the window does not hold them all.
    pub(super) fn ensure_rows(&mut self, index: usize) {
        let list = &self.list;
        let Some(view) = list.view() else {
            return;
        };
        if self.waits.rows.is_some() {
            return;
        }
        // The rows either side of the selection are read before it gets there, so that a
        // page shown is never cut by the window's edge.
        let near = [index, index + MARGIN, index.saturating_sub(MARGIN)];
        let missing = match list.rows.is_empty() {
            true => Some(index),
            false => near
                .into_iter()
                .map(|i| i.min(list.total.saturating_sub(1)))
                .find(|&i| list.at(i).is_none()),
        };
        let Some(missing) = missing else {
            return;
        };
        // Reading ahead says nothing; only a selection waiting for its row does.
        if list.at(index).is_none() {
            self.status = READING.into();
        }
        let list = &self.list;
        // The store still holds the rows deleted in the reader: what is read by index is read
        // past them.
        let (from, seek, count) = match list.seek_for(missing) {
            (from, Seek::At(_), count) => (from + list.hidden, Seek::At(from + list.hidden), count),
            (from, seek, count) => (from + list.hidden, seek, count),
        };
        let tag = self.tag();
        self.waits.rows = Some(tag);
        self.effect(Effect::Load(Request::Rows {
            tag,
            from,
            seek,
            count,
            view,
        }));
    }

    /// Rows the loader read: a page asked for, or the top of the list after a refresh.
    pub(super) fn rows_read(
        &mut self,
        tag: Tag,
        (from, seek): (usize, Seek),
        (rows, total): (Vec<ArticleRow>, usize),
        snippets: Vec<(String, Snippet)>,
    ) {
        if let Some((merge, window)) = self.waits.merge
            && merge == tag
        {
            self.waits.merge = None;
            // The list may have changed to an entity's or a search's meanwhile: that of every
            // article takes the refresh in when Back returns to it.
            if self.list.source != ListSource::All {
                return;
            }
            // Articles deleted in the reader stay out of the list until they are gone.
            let rows = self.without_deleted(rows);
            let total = total.saturating_sub(self.daily.deleting.len());
            if self.list.first > 0 {
                // A window further down: the new rows are above it (most of them).
                let added = total.saturating_sub(self.list.total);
                self.list.first += added;
                self.list.selected += added;
                self.list.total = total;
                self.list.refreshes = self.refreshes;
            } else if self.list.merge_top(rows, total) {
                self.list.refreshes = self.refreshes;
            } else {
                self.merge_new(window * 2);
            }
        } else if self.waits.rows == Some(tag) {
            self.waits.rows = None;
            if self.status == READING {
                self.status.clear();
            }
            if self.list.view().is_some() {
                let read = rows.len();
                let rows = self.without_deleted(rows);
                let from = from.saturating_sub(self.list.hidden);
                self.list.hidden += read - rows.len();
                self.list.total = total.saturating_sub(self.list.hidden);
                self.list.selected = self.list.selected.min(self.list.total.saturating_sub(1));
                self.list.place(from, &seek, rows);
                self.list.snippets.extend(snippets);
                self.ensure_rows(self.list.selected);
            }
        } else {
            return;
        }
        let shown = self.reading.opened.as_ref().map(|o| o.id.as_str());
        if self.list.selected_row().map(|r| r.id.as_str()) != shown {
            self.open_selected();
        }
    }

    /// Asks for the top `window` rows of the list to merge in the new articles of refreshes
    /// it has not taken in.
    pub(super) fn merge_new(&mut self, window: usize) {
        // New articles go in at the top of the newest-first list of every article; another
        // order or a filter reads its list anew when it is chosen again.
        let list = &self.list;
        let newest = list.sort == Sort::Newest && list.filter.is_empty();
        if list.source != ListSource::All || !newest || list.refreshes == self.refreshes {
            return;
        }
        let tag = self.tag();
        let count = window.max(PAGE);
        self.waits.merge = Some((tag, count));
        self.effect(Effect::Load(Request::Rows {
            tag,
            from: 0,
            seek: Seek::At(0),
            count,
            view: View::default(),
        }));
    }
}

impl App {
    /// The next sort order: the list is read again from its top in it.
    pub(super) fn cycle_sort(&mut self) {
        if self.list.view().is_none() {
            self.status = "this list keeps the entity index's order".into();
            return;
        }
        let search = matches!(self.list.source, ListSource::Search { .. });
        let mut sort = self.list.sort.next();
        if sort == Sort::Relevance && !search {
            sort = sort.next();
        }
        self.list.sort = sort;
        self.reload_list();
        self.status = format!("sorted by {}", sort_label(sort));
    }

    /// Reads the list again from its top (a new order or filter).
    pub(super) fn reload_list(&mut self) {
        self.list.rows.clear();
        self.list.snippets.clear();
        self.list.first = 0;
        self.list.selected = 0;
        self.list.hidden = 0;
        self.waits.rows = None;
        self.ensure_rows(0);
    }
}

/// How the status line names an order.
pub fn sort_label(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "date, newest first",
        Sort::Oldest => "date, oldest first",
        Sort::Feed => "feed",
        Sort::Relevance => "relevance",
    }
}

#[cfg(test)]
#[path = "list_paging_tests.rs"]
mod paging_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str) -> ArticleRow {
        ArticleRow {
            id: id.into(),
            title: id.into(),
            source: None,
            published: None,
            is_read: false,
            is_starred: false,
        }
    }

    fn rows(ids: &str) -> Vec<ArticleRow> {
        ids.split(' ').map(row).collect()
    }

    fn ids(list: &ListState) -> String {
        list.rows
            .iter()
            .map(|r| r.id.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn new_rows_in_the_window_go_in_their_places_and_the_selection_stays() {
        let mut list = ListState::all(rows("a b c d e"), 9);
        list.selected = 3; // d
        assert!(list.merge_top(rows("x a y b c"), 11));
        assert_eq!(ids(&list), "x a y b c d e");
        assert_eq!(list.total, 11);
        assert_eq!(list.selected_row().unwrap().id, "d");
    }

    #[test]
    fn a_new_row_past_the_window_asks_for_a_larger_one() {
        let mut list = ListState::all(rows("a b c d e"), 9);
        assert!(
            !list.merge_top(rows("x a b"), 11),
            "one of the two new rows is not in it"
        );
        assert_eq!(ids(&list), "a b c d e", "nothing changed");
        assert!(
            list.merge_top(rows("x a b c y d e"), 11),
            "a window past the rows read"
        );
        assert_eq!(ids(&list), "x a b c y d e");
    }
}
