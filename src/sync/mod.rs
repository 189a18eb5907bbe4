//! Syncing with feed servers. A [`Source`] pulls subscriptions, new items and read/saved
//! state, and pushes local read/star changes; [`sync_server`] runs one sync against one
//! source. The Fever API ([`fever`]) is the first source.
//!
//! The rule for an item changed on both sides since the last sync: the server wins. The store
//! keeps, per item, the state the server reported last; a local change waits in a queue. At
//! sync, a queued change is pushed when the server still reports what it reported last, and
//! dropped (the server's state taken) when the server's state moved meanwhile.

pub mod fever;
mod items;
mod md5;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

pub use items::to_synced;
pub use md5::md5_hex;

use crate::store::{KnownItem, ServerRow, Store, StoreError};

/// A server feed, with the groups (tags) it sits in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteFeed {
    pub title: Option<String>,
    pub groups: Vec<String>,
}

/// One item as a server gives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteItem {
    pub id: i64,
    pub feed_id: i64,
    pub title: String,
    pub author: String,
    pub html: String,
    pub url: String,
    /// Unix seconds.
    pub created: Option<i64>,
    pub is_read: bool,
    pub is_saved: bool,
}

/// A page of items after some id, and how many the server holds.
#[derive(Debug, Clone, Default)]
pub struct ItemPage {
    pub items: Vec<RemoteItem>,
    pub total: Option<i64>,
}

/// Which items the server holds as unread and as saved.
#[derive(Debug, Clone, Default)]
pub struct RemoteState {
    pub unread: HashSet<i64>,
    pub saved: HashSet<i64>,
}

/// Why a sync with a server failed. The store is left consistent: pages already stored stay,
/// and the next sync resumes after them.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error("the server refused the API key (check the user and password)")]
    Refused,
    #[error("{0}")]
    Http(String),
    #[error("the server's answer is not the Fever API: {0}")]
    BadAnswer(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A server byline syncs with.
pub trait Source {
    /// Feeds by server id, with their titles and groups.
    fn subscriptions(&mut self) -> Result<HashMap<i64, RemoteFeed>, SyncError>;
    /// The next page of items with ids above `since_id` (empty when there are no more).
    fn items_since(&mut self, since_id: i64) -> Result<ItemPage, SyncError>;
    /// The server's read and saved state of all its items.
    fn state(&mut self) -> Result<RemoteState, SyncError>;
    /// Sets one item read/unread (`is_read_field`) or saved/unsaved on the server.
    fn push(&mut self, remote: i64, is_read_field: bool, value: bool) -> Result<(), SyncError>;
    /// Requests made so far.
    fn requests(&self) -> usize;
}

/// What one sync did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct SyncSummary {
    /// Articles new to the store, and items stored in all.
    pub added: usize,
    pub items: usize,
    /// Local changes sent to the server.
    pub pushed: usize,
    /// Server changes applied here.
    pub pulled: usize,
    /// Local changes dropped because the server's state had moved too.
    pub conflicts: usize,
    pub requests: usize,
}

/// Several servers' syncs summed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncTotals {
    pub servers: usize,
    pub added: usize,
    pub failed: usize,
}

/// Syncs every server in the store, one after another; a server that fails keeps its error
/// (shown by `byline sync status`) and the others go on. `on_page` sees each page stored,
/// `on_done` each server's outcome. Fails only when the store cannot be written.
pub fn sync_each(
    store: &mut Store,
    timeout: Duration,
    mut on_page: impl FnMut(&ServerRow, usize, Option<i64>),
    mut on_done: impl FnMut(&ServerRow, Result<&SyncSummary, &str>),
) -> Result<SyncTotals, StoreError> {
    let mut totals = SyncTotals::default();
    for server in store.servers()? {
        totals.servers += 1;
        let result = read_key(&server).and_then(|key| {
            let mut source = fever::Fever::new(&server.url, &key, timeout);
            let on_page = |done, total| on_page(&server, done, total);
            sync_server(store, &server, &mut source, on_page).map_err(|e| e.to_string())
        });
        match &result {
            Ok(summary) => {
                totals.added += summary.added;
                store.record_sync(server.id, None)?;
            }
            Err(reason) => {
                totals.failed += 1;
                store.record_sync(server.id, Some(reason))?;
            }
        }
        on_done(&server, result.as_ref().map_err(String::as_str));
    }
    Ok(totals)
}

fn read_key(server: &ServerRow) -> Result<String, String> {
    let file = Path::new(&server.key_file);
    std::fs::read_to_string(file).map_err(|e| {
        let shown = crate::article::shown(file);
        format!("cannot read the key file {shown} ({e}); add the server again")
    })
}

/// Pages of items pulled in one sync at most (50 items each in Fever: 10 million items).
const MAX_PAGES: usize = 200_000;

/// Syncs `server` through `source`: new items first (page by page, each stored as it comes, so
/// a sync cut short resumes), then state both ways. `on_page` gets the items stored so far and
/// the server's total.
pub fn sync_server(
    store: &mut Store,
    server: &ServerRow,
    source: &mut dyn Source,
    mut on_page: impl FnMut(usize, Option<i64>),
) -> Result<SyncSummary, SyncError> {
    let mut summary = SyncSummary::default();
    let mut since = server.since_id;
    let mut feeds = None;
    for _ in 0..MAX_PAGES {
        let page = source.items_since(since)?;
        let Some(top) = page.items.iter().map(|i| i.id).max().filter(|&t| t > since) else {
            break;
        };
        if feeds.is_none() {
            feeds = Some(source.subscriptions()?);
        }
        let synced = to_synced(&page.items, feeds.as_ref().expect("set just above"));
        summary.added += store.write_synced_page(server.id, &synced, top, page.total)?;
        summary.items += page.items.len();
        since = top;
        on_page(summary.items, page.total);
    }
    let state = source.state()?;
    reconcile(store, server.id, source, &state, &mut summary)?;
    summary.requests = source.requests();
    Ok(summary)
}

/// The server's current value of one field of an item.
fn server_value(state: &RemoteState, remote: i64, is_read_field: bool) -> bool {
    if is_read_field {
        !state.unread.contains(&remote)
    } else {
        state.saved.contains(&remote)
    }
}

fn last_value(item: &KnownItem, is_read_field: bool) -> bool {
    if is_read_field {
        item.is_read
    } else {
        item.is_saved
    }
}

/// Pushes queued local changes the server did not contradict, then takes the server's state
/// wherever it moved since the last sync.
fn reconcile(
    store: &mut Store,
    server: i64,
    source: &mut dyn Source,
    state: &RemoteState,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    let known: HashMap<i64, KnownItem> = store
        .known_items(server)?
        .into_iter()
        .map(|k| (k.remote, k))
        .collect();
    let mut settled = HashSet::new();
    for change in store.queued_changes(server)? {
        let Some(item) = known.get(&change.remote) else {
            continue;
        };
        let field = change.is_read_field;
        let now = server_value(state, item.remote, field);
        let value = if now == last_value(item, field) {
            if change.value != now {
                source.push(item.remote, field, change.value)?;
                summary.pushed += 1;
            }
            change.value
        } else {
            summary.conflicts += 1;
            now
        };
        store.settle_item(server, item, field, value)?;
        settled.insert((item.remote, field));
    }
    for item in known.values() {
        for field in [true, false] {
            let now = server_value(state, item.remote, field);
            if now != last_value(item, field) && !settled.contains(&(item.remote, field)) {
                store.settle_item(server, item, field, now)?;
                summary.pulled += 1;
            }
        }
    }
    Ok(())
}
