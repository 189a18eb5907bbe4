//! Subscriptions: the feeds the store follows and what their last fetch said.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::now_seconds;
use super::{Store, StoreError};

/// One subscription as `byline feed list` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedRow {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub tags: Vec<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// When it was last fetched (Unix seconds), if ever.
    pub checked: Option<i64>,
    /// Why the last fetch failed, if it did.
    pub error: Option<String>,
    pub articles: usize,
    pub unread: usize,
}

/// What a fetch of one feed left to remember.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FetchRecord {
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub error: Option<String>,
}

fn split_tags(tags: String) -> Vec<String> {
    tags.split('\n')
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

impl Store {
    /// Subscribes to `url`; returns its id and whether it is new. An existing subscription
    /// gains the tags and keeps its title unless it had none.
    pub fn add_feed(
        &mut self,
        url: &str,
        title: Option<&str>,
        tags: &[String],
    ) -> Result<(i64, bool), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(err)?;
        let existing: Option<(i64, String)> = tx
            .query_row("SELECT id, tags FROM feeds WHERE url = ?1", [url], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()
            .map_err(err)?;
        let result = match existing {
            Some((id, old)) => {
                let mut all = split_tags(old);
                for t in tags {
                    if !all.contains(t) {
                        all.push(t.clone());
                    }
                }
                tx.execute(
                    "UPDATE feeds SET tags = ?2, title = coalesce(title, ?3) WHERE id = ?1",
                    params![id, all.join("\n"), title],
                )
                .map_err(err)?;
                (id, false)
            }
            None => {
                tx.execute(
                    "INSERT INTO feeds (url, title, tags, added) VALUES (?1, ?2, ?3, ?4)",
                    params![url, title, tags.join("\n"), now_seconds()],
                )
                .map_err(err)?;
                (tx.last_insert_rowid(), true)
            }
        };
        tx.commit().map_err(err)?;
        Ok(result)
    }

    /// Every subscription, by title then url, with its article counts.
    pub fn feeds(&self) -> Result<Vec<FeedRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT f.id, f.url, f.title, f.tags, f.etag, f.last_modified, f.checked, f.error, \
                 (SELECT count(*) FROM articles a WHERE a.feed = f.id) + \
                 (SELECT count(*) FROM article_feeds af WHERE af.feed = f.id), \
                 (SELECT count(*) FROM articles a WHERE a.feed = f.id AND a.is_read = 0) + \
                 (SELECT count(*) FROM article_feeds af JOIN articles a ON a.rowid = af.article \
                  WHERE af.feed = f.id AND a.is_read = 0) \
                 FROM feeds f ORDER BY coalesce(f.title, f.url) COLLATE NOCASE, f.url",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(FeedRow {
                id: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                tags: split_tags(r.get(3)?),
                etag: r.get(4)?,
                last_modified: r.get(5)?,
                checked: r.get(6)?,
                error: r.get(7)?,
                articles: r.get(8)?,
                unread: r.get(9)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Unsubscribes from the feed with this url (or numeric id); its articles stay in the
    /// store. Returns whether there was one.
    pub fn remove_feed(&mut self, url_or_id: &str) -> Result<bool, StoreError> {
        let removed = self
            .conn
            .execute(
                "DELETE FROM feeds WHERE url = ?1 OR CAST(id AS TEXT) = ?1",
                [url_or_id],
            )
            .map_err(|e| self.err(e))?;
        Ok(removed > 0)
    }

    /// The ids of the articles that came only from the feed with this url or number (what
    /// `feed remove --purge` deletes); `None` when there is no such feed.
    pub fn articles_only_from(&self, url_or_id: &str) -> Result<Option<Vec<String>>, StoreError> {
        let feed: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM feeds WHERE url = ?1 OR CAST(id AS TEXT) = ?1",
                [url_or_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(feed) = feed else {
            return Ok(None);
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id FROM articles WHERE feed = ?1 \
                 AND rowid NOT IN (SELECT article FROM article_feeds)",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([feed], |r| r.get(0))
            .and_then(Iterator::collect)
            .map(Some)
            .map_err(|e| self.err(e))
    }

    /// Remembers what fetching feed `id` gave.
    pub fn record_fetch(&mut self, id: i64, record: &FetchRecord) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE feeds SET checked = ?2, error = ?3, \
                 etag = CASE WHEN ?3 IS NULL THEN coalesce(?4, etag) ELSE etag END, \
                 last_modified = CASE WHEN ?3 IS NULL THEN coalesce(?5, last_modified) \
                 ELSE last_modified END, title = coalesce(?6, title) WHERE id = ?1",
                params![
                    id,
                    now_seconds(),
                    record.error,
                    record.etag,
                    record.last_modified,
                    record.title
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}
