//! The loader's answers about entities across the store: the rankings view's rows, an entity
//! page, the names of the watched entities.

use std::sync::Arc;

use crate::store::Store;

use super::entity_view::{Board, EntityRef, RANKED};
use super::load::{Answer, MENTIONING, Tag, failed};

/// `byline open` keeps its files in memory, where no background worker indexes them: they are
/// indexed and their entities resolved here, the first time a view asks.
fn in_memory_ready(store: &mut Store) -> Result<(), String> {
    if store.path() != std::path::Path::new(":memory:") {
        return Ok(());
    }
    let pending = store
        .unindexed_count(crate::extract::EXTRACTOR_VERSION)
        .map_err(|e| e.to_string())?;
    if pending > 0 {
        crate::commands::index_store(store).map_err(|e| format!("{e:#}"))?;
    }
    if pending > 0 || !store.entities_resolved().map_err(|e| e.to_string())? {
        store.resolve_entities().map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub(super) fn rankings(store: &mut Store, tag: Tag, board: Board, kind: Option<&str>) -> Answer {
    if let Err(e) = in_memory_ready(store) {
        return failed(Some(tag), "index entities", &e);
    }
    let rows = match board {
        Board::Trending => store.trending_in_days(2, kind, RANKED),
        Board::Week => store.top_in_days(Some(7), kind, RANKED),
        Board::Month => store.top_in_days(Some(30), kind, RANKED),
        Board::All => store.top_in_days(None, kind, RANKED),
    };
    match rows {
        Ok(rows) => Answer::Rankings { tag, rows },
        Err(e) => failed(Some(tag), "rank the entities", &e),
    }
}

pub(super) fn page(store: &mut Store, tag: Tag, by: &EntityRef) -> Answer {
    if let Err(e) = in_memory_ready(store) {
        return failed(Some(tag), "index entities", &e);
    }
    let store = &*store;
    let read = || -> Result<Result<_, String>, crate::store::StoreError> {
        let id = match by {
            EntityRef::Id(id) => Some(*id),
            EntityRef::Name(name) => store.find_entity(name)?,
        };
        let page = match id {
            Some(id) => store.entity_page(id, MENTIONING)?,
            None => None,
        };
        Ok(page
            .map(Arc::new)
            .ok_or_else(|| match store.entities_resolved() {
                Ok(false) => "the store's entities are not resolved yet: they are once its \
                              articles are indexed (byline index)"
                    .to_string(),
                _ => "no indexed article mentions it".to_string(),
            }))
    };
    match read() {
        Ok(page) => Answer::EntityPage { tag, page },
        Err(e) => Answer::EntityPage {
            tag,
            page: Err(format!("cannot read the entity: {e}")),
        },
    }
}

pub(super) fn watched_names(store: &Store) -> Answer {
    match store.watched_names() {
        Ok(names) => Answer::WatchedNames { names },
        Err(e) => failed(None, "read the watched entities", &e),
    }
}
