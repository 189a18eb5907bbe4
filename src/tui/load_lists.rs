//! The loader's answers about lists: a page of the article list (whatever its filter and
//! order), a store search's hits, an entity's articles, the rows with a watched keyword.

use crate::store::{ArticleRow, Seek, Sort, Store, StoreError};

use super::load::{Answer, HITS, MENTIONING, Tag, View, failed};
use super::watch::Watched;

/// A window of the list: read by key (an index's few rows wherever the window is) unless the
/// list is a search's, whose hits are read by their index `from`.
pub(super) fn rows(
    store: &Store,
    tag: Tag,
    (from, seek): (usize, Seek),
    count: usize,
    view: &View,
) -> Answer {
    let read = || -> Result<Answer, StoreError> {
        let everything = view.query.trim().is_empty();
        let total = match everything {
            true => store.count()?,
            false => store.count_matching(&view.query)?,
        };
        let (rows, snippets) = if view.hits || store.has_words(&view.query) {
            let from = match seek {
                Seek::Last => total.saturating_sub(count),
                _ => from,
            };
            let hits = store.search_sorted(&view.query, view.sort, from, count)?;
            super::store_search::split_hits(hits)
        } else {
            let rows = match store.list_window(&view.query, view.sort, &seek, count) {
                // The row next to which to read was deleted meanwhile: by its index, then.
                Err(StoreError::NotFound(_)) => {
                    store.list_window(&view.query, view.sort, &Seek::At(from), count)?
                }
                read => read?,
            };
            (rows, Vec::new())
        };
        Ok(Answer::Rows {
            tag,
            from,
            seek,
            rows,
            total,
            snippets,
        })
    };
    read().unwrap_or_else(|e| failed(Some(tag), "read the list", &e))
}

pub(super) fn search(store: &Store, tag: Tag, query: String, sort: Sort) -> Answer {
    let pending = store.text_index_pending().unwrap_or(0);
    let found = store
        .search_sorted(&query, sort, 0, HITS)
        .and_then(|hits| Ok((store.count_matching(&query)?, hits)));
    match found {
        Ok((total, hits)) => Answer::Hits {
            tag,
            query,
            hits,
            total,
            pending,
        },
        Err(e) => Answer::Failed {
            tag: Some(tag),
            error: e.to_string(),
        },
    }
}

pub(super) fn mentioning(store: &mut Store, tag: Tag, name: String, kind: String) -> Answer {
    // `byline open` keeps its files in memory, where no background worker indexes them:
    // they are indexed here, the first time an entity is followed.
    if store.path() == std::path::Path::new(":memory:")
        && let Err(e) = crate::commands::index_store(store)
    {
        return failed(Some(tag), "index entities", &e);
    }
    match store.articles_mentioning(&name, Some(&kind), MENTIONING) {
        Ok(rows) => Answer::Mentioning {
            tag,
            name,
            kind,
            rows,
        },
        Err(e) => failed(Some(tag), &format!("look up {name}"), &e),
    }
}

/// The marks of these rows, for the list.
pub(super) fn marked(store: &Store, watched: &Watched, rows: &[&ArticleRow]) -> Answer {
    let asked: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let entities = store.ids_mentioning_watched(&asked).unwrap_or_default();
    Answer::Marked {
        ids: marks(store, watched, rows),
        entities: entities.into_iter().collect(),
        asked,
    }
}

/// The ids of the rows whose title has a watched keyword, or whose text has a plain one
/// (looked up in the full-text index).
fn marks(store: &Store, watched: &Watched, rows: &[&ArticleRow]) -> Vec<String> {
    if watched.is_empty() || rows.is_empty() {
        return Vec::new();
    }
    let mut ids: Vec<String> = rows
        .iter()
        .filter(|r| watched.in_title(&r.title))
        .map(|r| r.id.clone())
        .collect();
    if let Some(query) = watched.store_query() {
        let all: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        ids.extend(store.ids_matching(&query, &all).unwrap_or_default());
    }
    ids
}
