//! The article store: one SQLite file in WAL mode with full-text search and reading state.
//!
//! Opening never overwrites a file that is not a byline store, nor one written by a newer
//! byline. Every write of a batch happens in one transaction, so a killed process leaves the
//! store as it was before that batch.

mod articles;
mod backup;
mod canon;
mod check;
mod entities;
mod entity_page;
mod error;
mod feeds;
mod filter;
mod fulltext;
mod keyset;
mod listing;
mod open;
mod query;
mod rankings;
pub mod resolve;
mod salvage;
pub mod schema;
mod search;
mod snippet;
mod state;
mod sync;
mod topk;
mod watch;
mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use articles::{ArticleRow, ListFilter, rfc3339};
pub use backup::BACKUP_EVERY;
pub use canon::{MIN_TRENDING, RankedEntity, Ranking, Trend};
pub use check::CheckReport;
pub use entities::EntityCount;
pub use entity_page::{Counted, EntityPage, SeenWith};
pub use error::StoreError;
pub use feeds::{FeedRow, FetchRecord};
pub use filter::{Filter, Sort, date as period_start};
pub use fulltext::PageState;
pub use keyset::Seek;
pub use listing::{MAX_SAVED_NAME, SavedSearch};
pub use query::{SearchQuery, parse_query};
pub use rankings::BASELINE_DAYS;
pub use resolve::{Edit, kind_from_user};
pub use salvage::{SalvageReport, salvage};
pub use search::SearchHit;
pub use snippet::{SCAN as SNIPPET_SCAN, Term};
pub use state::StateChange;
pub use sync::{KnownItem, QueuedChange, ServerRow, SyncedItem};
pub use topk::{MAX_EXPANSION, POOL};
pub use watch::{MAX_WATCHED, WatchedEntity};
pub use write::{InsertSummary, OnExisting};

/// Readers wait this long for a writer's lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// An open article store.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    defer_text_index: bool,
    /// Opened for reading only: the file or its directory is not writable, or the caller
    /// asked ([`Store::open_read_only`]).
    read_only: bool,
    /// Keeps this process from reading the store's files as inputs (see [`crate::guard`]).
    _guard: Option<crate::guard::Registration>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<u32, StoreError> {
        schema::version(&self.conn).map_err(|e| self.err(e))
    }

    /// Reads a value from the store's own key-value table.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Writes a value to the store's own key-value table.
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .execute("INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The whole check of [`Store::check`] as a result: `Ok(())` when the store is sound.
    pub fn integrity_check(&self) -> Result<(), StoreError> {
        let report = self.check()?;
        if report.is_sound() {
            return Ok(());
        }
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail: report.problems.join("; "),
        })
    }

    /// Begins a write transaction, taking the write lock at once (IMMEDIATE): a transaction
    /// that reads first and upgrades later could fail instead of waiting for another writer.
    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>, StoreError> {
        let path = &self.path;
        self.conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(path, e))
    }

    fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_store_has_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("sub/library.db")).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::LATEST);
        store.integrity_check().unwrap();
    }

    #[test]
    fn text_file_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.db");
        std::fs::write(&path, "my notes, not a database").unwrap();
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("is not a byline store"), "{err}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "my notes, not a database"
        );
    }

    #[test]
    fn newer_schema_is_refused_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        drop(Store::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", schema::LATEST + 1)
            .unwrap();
        drop(conn);
        let err = Store::open(&path).unwrap_err();
        assert!(err.to_string().contains("newer byline"), "{err}");
        let conn = Connection::open(&path).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), schema::LATEST + 1);
    }

    #[test]
    fn every_earlier_schema_migrates_with_its_articles() {
        use crate::article::{Article, BlockKind, Body};
        for from in 1..schema::LATEST {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("old.db");
            let a = Article::new(
                "Kept",
                Body::from_blocks([(BlockKind::Paragraph, "Kept body.")]),
            );
            {
                let old = Store::open_at_version(&path, from).unwrap();
                assert_eq!(old.schema_version().unwrap(), from);
                // Written as that version's byline wrote it (its own triggers index the text).
                let layout = serde_json::to_string(&articles::Layout {
                    blocks: a.body.blocks.clone(),
                    links: Vec::new(),
                })
                .unwrap();
                old.conn
                    .execute(
                        "INSERT INTO articles (id, title, body, layout, added, sort_key) \
                         VALUES (?1, ?2, ?3, ?4, 0, '2000-01-01T00:00:00Z')",
                        rusqlite::params![a.id, a.title, a.body.text, layout],
                    )
                    .unwrap();
                if from >= 4 {
                    // From version 4 on the writer indexes the text itself, not a trigger.
                    old.conn
                        .execute_batch(
                            "INSERT INTO articles_fts (rowid, title, body, source, authors) \
                             SELECT rowid, title, body, source, authors FROM articles",
                        )
                        .unwrap();
                }
            }
            let store = Store::open(&path).unwrap();
            assert_eq!(
                store.schema_version().unwrap(),
                schema::LATEST,
                "from {from}"
            );
            assert_eq!(store.get(&a.id).unwrap(), a, "from {from}");
            let rows = store.page(&ListFilter::default(), 0, 10).unwrap();
            assert!(!rows[0].is_read && !rows[0].is_starred);
            // Schema 11 made the full-text index anew: the article waits for it, and a search
            // answers meanwhile without it.
            assert_eq!(store.text_index_pending().unwrap(), 1, "from {from}");
            assert!(store.search("kept", 0, 10).unwrap().is_empty());
            assert_eq!(store.index_text().unwrap(), 1);
            assert_eq!(store.search("kept", 0, 10).unwrap().len(), 1);
            assert_eq!(store.search("kep*", 0, 10).unwrap().len(), 1);
            assert_eq!(store.unindexed(1, 10).unwrap(), std::slice::from_ref(&a.id));
            store.integrity_check().unwrap();
        }
    }

    #[test]
    fn entities_resolved_before_schema_11_are_resolved_anew() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let old = Store::open_at_version(&path, 10).unwrap();
            old.conn
                .execute_batch(
                    "INSERT INTO canon_entities VALUES (1, 'Reagan', 'PERSON', 1, 3, 4); \
                     INSERT INTO entity_canon VALUES (1, 1); \
                     INSERT INTO entity_days VALUES ('2026-12-03', 1, 3, 4); \
                     INSERT INTO entity_edits(seq, edit) VALUES (4, '{}');",
                )
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let count = |table: &str| -> i64 {
            store
                .conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(
            [
                count("canon_entities"),
                count("entity_canon"),
                count("entity_days")
            ],
            [0, 0, 0]
        );
        assert_eq!(count("entity_edits"), 1, "the user's edits are kept");
    }

    #[test]
    fn meta_values_persist() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.meta("seeded").unwrap(), None);
        store.set_meta("seeded", "1").unwrap();
        store.set_meta("seeded", "2").unwrap();
        assert_eq!(store.meta("seeded").unwrap().as_deref(), Some("2"));
    }
}
