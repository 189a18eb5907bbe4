//! What the store keeps for syncing with feed servers: the servers, their items' mapping to
//! articles with the state each server last reported, and the queue of local changes.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::now_seconds;
use super::write::{Written, write_one};
use super::{OnExisting, Store, StoreError};
use crate::article::Article;

/// A feed server byline syncs with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServerRow {
    pub id: i64,
    pub kind: String,
    pub url: String,
    pub user: String,
    /// The file holding the API key (0600); the password itself is never stored.
    pub key_file: String,
    /// The highest server item id stored.
    pub since_id: i64,
    /// Items the server said it holds, at the last sync.
    pub total: Option<i64>,
    /// When the last sync ended without error (Unix seconds).
    pub synced: Option<i64>,
    /// Why the last sync failed, if it did.
    pub error: Option<String>,
}

/// One item from a server, made into an article, with its state there.
#[derive(Debug, Clone)]
pub struct SyncedItem {
    pub remote: i64,
    pub article: Article,
    pub is_read: bool,
    pub is_saved: bool,
}

/// A server item as the store knows it: its article and the state the server last reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownItem {
    pub remote: i64,
    pub article: i64,
    pub is_read: bool,
    pub is_saved: bool,
}

/// A local read or star change not yet pushed to its server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QueuedChange {
    pub article: i64,
    pub remote: i64,
    /// `true` for read/unread, `false` for starred/unstarred.
    pub is_read_field: bool,
    pub value: bool,
}

impl Store {
    /// Adds a server (or updates the key file of one already added); returns its id.
    pub fn add_server(
        &mut self,
        kind: &str,
        url: &str,
        user: &str,
        key_file: &str,
    ) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "INSERT INTO sync_servers(kind, url, user, key_file, added) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT(kind, url, user) DO UPDATE SET key_file = excluded.key_file \
                 RETURNING id",
                params![kind, url, user, key_file, now_seconds()],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The next id a new server would get (key files are named after it before it is added).
    pub fn next_server_id(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM sync_servers",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Every server, in the order they were added.
    pub fn servers(&self) -> Result<Vec<ServerRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, kind, url, user, key_file, since_id, total, synced, error \
                 FROM sync_servers ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(ServerRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                url: r.get(2)?,
                user: r.get(3)?,
                key_file: r.get(4)?,
                since_id: r.get(5)?,
                total: r.get(6)?,
                synced: r.get(7)?,
                error: r.get(8)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Stores one page of a server's items and moves its `since_id`, in one transaction.
    /// Returns how many articles were new.
    pub fn write_synced_page(
        &mut self,
        server: i64,
        items: &[SyncedItem],
        since_id: i64,
        total: Option<i64>,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let defer = self.defer_text_index;
        let tx = self.write_transaction()?;
        let now = now_seconds();
        let mut added = 0;
        for item in items {
            let written = write_one(&tx, &item.article, OnExisting::Update, None, now, defer);
            if matches!(written.map_err(err)?, Written::Added) {
                added += 1;
            }
            tx.execute(
                "UPDATE articles SET is_read = ?2, is_starred = ?3 WHERE id = ?1",
                params![item.article.id, item.is_read, item.is_saved],
            )
            .map_err(err)?;
            tx.execute(
                "INSERT OR REPLACE INTO sync_items(server, remote, article, is_read, is_saved) \
                 SELECT ?1, ?2, rowid, ?3, ?4 FROM articles WHERE id = ?5",
                params![
                    server,
                    item.remote,
                    item.is_read,
                    item.is_saved,
                    item.article.id
                ],
            )
            .map_err(err)?;
        }
        tx.execute(
            "UPDATE sync_servers SET since_id = MAX(since_id, ?2), total = COALESCE(?3, total) \
             WHERE id = ?1",
            params![server, since_id, total],
        )
        .map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(added)
    }

    /// Every item of `server` the store holds.
    pub fn known_items(&self, server: i64) -> Result<Vec<KnownItem>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT remote, article, is_read, is_saved FROM sync_items WHERE server = ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([server], |r| {
            Ok(KnownItem {
                remote: r.get(0)?,
                article: r.get(1)?,
                is_read: r.get(2)?,
                is_saved: r.get(3)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Local changes to `server`'s items not yet pushed.
    pub fn queued_changes(&self, server: i64) -> Result<Vec<QueuedChange>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT q.article, s.remote, q.field = 'read', q.value FROM sync_queue q \
                 JOIN sync_items s ON s.article = q.article WHERE s.server = ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([server], |r| {
            Ok(QueuedChange {
                article: r.get(0)?,
                remote: r.get(1)?,
                is_read_field: r.get(2)?,
                value: r.get(3)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// How many local changes wait to be pushed to `server`.
    pub fn queued_count(&self, server: i64) -> Result<usize, StoreError> {
        Ok(self.queued_changes(server)?.len())
    }

    /// Settles one item's field: the article and the server's last state both take `value`,
    /// and the queued change for it (pushed, or lost to the server's) is dropped.
    pub fn settle_item(
        &mut self,
        server: i64,
        item: &KnownItem,
        is_read_field: bool,
        value: bool,
    ) -> Result<(), StoreError> {
        let (local, remote, field) = if is_read_field {
            ("is_read", "is_read", "read")
        } else {
            ("is_starred", "is_saved", "star")
        };
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        tx.execute(
            &format!("UPDATE articles SET {local} = ?2 WHERE rowid = ?1"),
            params![item.article, value],
        )
        .map_err(err)?;
        tx.execute(
            &format!("UPDATE sync_items SET {remote} = ?3 WHERE server = ?1 AND remote = ?2"),
            params![server, item.remote, value],
        )
        .map_err(err)?;
        tx.execute(
            "DELETE FROM sync_queue WHERE article = ?1 AND field = ?2",
            params![item.article, field],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Records how a server's sync ended: `None` for success.
    pub fn record_sync(&mut self, server: i64, error: Option<&str>) -> Result<(), StoreError> {
        let sql = if error.is_none() {
            "UPDATE sync_servers SET error = ?3, synced = ?2 WHERE id = ?1"
        } else {
            "UPDATE sync_servers SET error = ?3 WHERE id = ?1 AND ?2 IS NOT NULL"
        };
        self.conn
            .execute(sql, params![server, now_seconds(), error])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Queues a read/star change of the article with `id` when it came from a server.
    pub(super) fn queue_change(
        &self,
        id: &str,
        field: &str,
        value: bool,
    ) -> Result<(), StoreError> {
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT s.article FROM sync_items s JOIN articles a ON a.rowid = s.article \
                 WHERE a.id = ?1 LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(article) = found else {
            return Ok(());
        };
        self.conn
            .execute(
                "INSERT OR REPLACE INTO sync_queue(article, field, value) VALUES (?1, ?2, ?3)",
                params![article, field, value],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }
}
