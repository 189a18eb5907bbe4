//! Writing articles in batches: one IMMEDIATE transaction per batch, new rows indexed for
//! full-text search as they land, existing ones kept or brought up to date.

use rusqlite::{OptionalExtension, Transaction, params};
use serde::Serialize;

use super::articles::{Layout, now_seconds, rfc3339};
use super::{Store, StoreError};
use crate::article::Article;

/// What one batch did: articles new to the store, stored ones changed, and those it already had
/// as they are.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct InsertSummary {
    pub added: usize,
    pub updated: usize,
    pub duplicates: usize,
}

/// What happens to an article whose id the store already holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnExisting {
    /// Leave the stored article as it is (importing a file twice).
    Keep,
    /// Replace its content when it changed, keeping its reading state (a refreshed feed item).
    Update,
}

const FIELDS: &str = "title, authors, dateline, published, published_raw, source, url, tags, \
                      body, layout";

impl Store {
    /// Leaves the full-text indexing of new articles for [`Store::index_text`] (bulk writers:
    /// one statement then indexes them all, at a third of the cost of indexing row by row
    /// inside the writing transaction). Searches catch up first, so they never miss an article.
    pub fn defer_text_index(&mut self, on: bool) {
        self.defer_text_index = on;
    }

    /// How many articles wait for the full-text index.
    pub fn text_index_pending(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM fts_pending", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Indexes every article waiting for the full-text index, in one transaction; returns how
    /// many there were.
    pub fn index_text(&self) -> Result<usize, StoreError> {
        let err = |e| self.err(e);
        let waiting: bool = self
            .conn
            .query_row("SELECT EXISTS (SELECT 1 FROM fts_pending)", [], |r| {
                r.get(0)
            })
            .map_err(err)?;
        if !waiting {
            return Ok(0);
        }
        self.conn.execute_batch("BEGIN IMMEDIATE").map_err(err)?;
        let result = index_pending_rows(&self.conn);
        match result {
            Ok(n) => {
                self.conn.execute_batch("COMMIT").map_err(err)?;
                // Frees the pages the index's merges left empty (stores made with
                // auto_vacuum=INCREMENTAL; a no-op in older ones). Each step frees one page.
                let mut stmt = self
                    .conn
                    .prepare("PRAGMA incremental_vacuum")
                    .map_err(err)?;
                let mut steps = stmt.query([]).map_err(err)?;
                while steps.next().map_err(err)?.is_some() {}
                Ok(n)
            }
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(err(e))
            }
        }
    }

    /// Adds articles in one transaction; ids the store already has are left as they are.
    pub fn insert_batch(&mut self, articles: &[Article]) -> Result<InsertSummary, StoreError> {
        self.write_batch(articles, OnExisting::Keep, None)
    }

    /// Adds or updates articles in one transaction, marking them as items of `feed` if given.
    pub fn write_batch(
        &mut self,
        articles: &[Article],
        on_existing: OnExisting,
        feed: Option<i64>,
    ) -> Result<InsertSummary, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let defer = self.defer_text_index;
        let tx = self.write_transaction()?;
        let now = now_seconds();
        let mut summary = InsertSummary::default();
        for a in articles {
            match write_one(&tx, a, on_existing, feed, now, defer).map_err(err)? {
                Written::Added => summary.added += 1,
                Written::Updated => summary.updated += 1,
                Written::Unchanged => summary.duplicates += 1,
            }
        }
        tx.commit().map_err(err)?;
        Ok(summary)
    }
}

/// Moves every pending article into the full-text index, inside the caller's transaction.
pub(super) fn index_pending_rows(conn: &rusqlite::Connection) -> rusqlite::Result<usize> {
    let n = conn.execute(
        "INSERT INTO articles_fts (rowid, title, body, source, authors) \
         SELECT a.rowid, a.title, a.body, a.source, a.authors \
         FROM fts_pending p JOIN articles a ON a.rowid = p.article ORDER BY p.article",
        [],
    )?;
    conn.execute("DELETE FROM fts_pending", [])?;
    Ok(n)
}

pub(super) enum Written {
    Added,
    Updated,
    Unchanged,
}

/// The stored form of an article's fields, in [`FIELDS`] order.
type Fields = (
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    String,
    String,
    String,
);

fn fields(a: &Article) -> Fields {
    let layout = Layout {
        blocks: a.body.blocks.clone(),
        links: a.body.links.clone(),
    };
    let layout = serde_json::to_string(&layout).unwrap_or_else(|_| "{\"blocks\":[]}".into());
    (
        a.title.clone(),
        a.authors.join("\n"),
        a.dateline.join("\n"),
        a.published.clone(),
        a.published_raw.clone(),
        a.source.clone(),
        a.url.clone(),
        a.tags.join("\n"),
        a.body.text.clone(),
        layout,
    )
}

pub(super) fn write_one(
    tx: &Transaction<'_>,
    a: &Article,
    on_existing: OnExisting,
    feed: Option<i64>,
    now: i64,
    defer_text_index: bool,
) -> rusqlite::Result<Written> {
    let f = fields(a);
    let existing: Option<(i64, Fields)> = tx
        .prepare_cached(&format!(
            "SELECT rowid, {FIELDS} FROM articles WHERE id = ?1"
        ))?
        .query_row([&a.id], |r| {
            Ok((
                r.get(0)?,
                (
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                    r.get(8)?,
                    r.get(9)?,
                    r.get(10)?,
                ),
            ))
        })
        .optional()?;
    let sort_key = f.3.clone().unwrap_or_else(|| rfc3339(now));
    if existing.is_none()
        && let Some(feed) = feed
        && let Some(rowid) = same_story(tx, &f)?
    {
        // The same story through another feed of its site: stored once, linked to both.
        link_feed(tx, rowid, feed)?;
        return Ok(Written::Unchanged);
    }
    match existing {
        None => {
            tx.prepare_cached(&format!(
                "INSERT INTO articles (id, {FIELDS}, added, sort_key, feed) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
            ))?
            .execute(params![
                a.id, f.0, f.1, f.2, f.3, f.4, f.5, f.6, f.7, f.8, f.9, now, sort_key, feed
            ])?;
            let rowid = tx.last_insert_rowid();
            if defer_text_index {
                tx.prepare_cached("INSERT INTO fts_pending (article) VALUES (?1)")?
                    .execute([rowid])?;
                return Ok(Written::Added);
            }
            tx.prepare_cached(
                "INSERT INTO articles_fts (rowid, title, body, source, authors) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![rowid, f.0, f.8, f.5, f.1])?;
            Ok(Written::Added)
        }
        Some((rowid, old)) if on_existing == OnExisting::Update && old != f => {
            // The update trigger keeps the full-text index in step; reading state and the time
            // it was added stay, the entity index is redone.
            let published_changed = old.3 != f.3;
            tx.prepare_cached(
                "UPDATE articles SET title = ?2, authors = ?3, dateline = ?4, published = ?5, \
                 published_raw = ?6, source = ?7, url = ?8, tags = ?9, body = ?10, layout = ?11, \
                 indexed = 0, feed = coalesce(?12, feed) WHERE rowid = ?1",
            )?
            .execute(params![
                rowid, f.0, f.1, f.2, f.3, f.4, f.5, f.6, f.7, f.8, f.9, feed
            ])?;
            if published_changed && f.3.is_some() {
                tx.prepare_cached("UPDATE articles SET sort_key = ?2 WHERE rowid = ?1")?
                    .execute(params![rowid, sort_key])?;
            }
            Ok(Written::Updated)
        }
        Some(_) => Ok(Written::Unchanged),
    }
}

/// A stored article that is the same story as `f`: the same link, or the same title and text.
fn same_story(tx: &Transaction<'_>, f: &Fields) -> rusqlite::Result<Option<i64>> {
    if let Some(url) = &f.6 {
        let by_url = tx
            .prepare_cached("SELECT rowid FROM articles WHERE url = ?1 LIMIT 1")?
            .query_row([url], |r| r.get(0))
            .optional()?;
        if by_url.is_some() {
            return Ok(by_url);
        }
    }
    tx.prepare_cached(
        "SELECT rowid FROM articles WHERE title = ?1 AND body = ?2 AND ?2 != '' LIMIT 1",
    )?
    .query_row(params![f.0, f.8], |r| r.get(0))
    .optional()
}

/// Notes that `article` also came from `feed`: as its feed when it had none, else in
/// `article_feeds` (which holds only the feeds after the first, so counting a feed's articles
/// stays one look at an index).
fn link_feed(tx: &Transaction<'_>, article: i64, feed: i64) -> rusqlite::Result<()> {
    let first = tx
        .prepare_cached("UPDATE articles SET feed = ?2 WHERE rowid = ?1 AND feed IS NULL")?
        .execute(params![article, feed])?;
    if first == 0 {
        tx.prepare_cached(
            "INSERT OR IGNORE INTO article_feeds (feed, article) SELECT ?1, ?2 \
             WHERE NOT EXISTS (SELECT 1 FROM articles WHERE rowid = ?2 AND feed = ?1)",
        )?
        .execute(params![feed, article])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{BlockKind, Body};
    use crate::store::StateChange;

    fn article(id: &str, title: &str, text: &str) -> Article {
        let mut a = Article::new(title, Body::from_blocks([(BlockKind::Paragraph, text)]));
        a.id = id.to_string();
        a
    }

    fn ids(store: &Store, query: &str) -> Vec<String> {
        let hits = store.search(query, 0, 50).unwrap();
        hits.into_iter().map(|h| h.row.id).collect()
    }

    #[test]
    fn duplicates_are_counted_not_added() {
        let mut store = Store::open_in_memory().unwrap();
        let batch = [article("a", "A", "x"), article("b", "B", "y")];
        let first = store.insert_batch(&batch).unwrap();
        assert_eq!((first.added, first.duplicates), (2, 0));
        let again = store.insert_batch(&batch).unwrap();
        assert_eq!((again.added, again.updated, again.duplicates), (0, 0, 2));
        assert_eq!(store.count().unwrap(), 2);
    }

    #[test]
    fn keep_leaves_a_changed_article_as_stored() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_batch(&[article("a", "Old title", "old text")])
            .unwrap();
        let s = store
            .insert_batch(&[article("a", "New title", "new text")])
            .unwrap();
        assert_eq!(s.duplicates, 1);
        assert_eq!(store.get("a").unwrap().title, "Old title");
    }

    #[test]
    fn update_replaces_content_keeps_reading_state_and_reindexes_text() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_batch(&[article("a", "Harbour strike", "cranes idle")])
            .unwrap();
        store.change_state("a", &StateChange::Read(true)).unwrap();
        let s = store
            .write_batch(
                &[article("a", "Harbour strike ends", "cranes moving")],
                OnExisting::Update,
                None,
            )
            .unwrap();
        assert_eq!((s.added, s.updated, s.duplicates), (0, 1, 0));
        assert_eq!(store.get("a").unwrap().title, "Harbour strike ends");
        assert!(store.page(&Default::default(), 0, 10).unwrap()[0].is_read);
        assert_eq!(ids(&store, "moving"), ["a"]);
        assert!(ids(&store, "idle").is_empty());
        // The same content again is no change.
        let s = store
            .write_batch(
                &[article("a", "Harbour strike ends", "cranes moving")],
                OnExisting::Update,
                None,
            )
            .unwrap();
        assert_eq!((s.updated, s.duplicates), (0, 1));
        store.integrity_check().unwrap();
    }

    #[test]
    fn deferred_articles_are_searchable_once_indexed_and_searching_writes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        store.defer_text_index(true);
        store
            .insert_batch(&[
                article("a", "Grain prices", "wheat rose"),
                article("b", "Rain", "floods"),
            ])
            .unwrap();
        assert_eq!(store.text_index_pending().unwrap(), 2);
        assert!(ids(&store, "wheat").is_empty());
        assert_eq!(store.text_index_pending().unwrap(), 2, "a search wrote");
        assert_eq!(store.index_text().unwrap(), 2);
        assert_eq!(ids(&store, "wheat"), ["a"]);
        assert_eq!(store.text_index_pending().unwrap(), 0);
        store.integrity_check().unwrap();
    }

    #[test]
    fn a_new_store_gives_back_the_pages_indexing_freed() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("s.db")).unwrap();
        let vacuum: i64 = store
            .conn
            .pragma_query_value(None, "auto_vacuum", |r| r.get(0))
            .unwrap();
        assert_eq!(vacuum, 2, "incremental");
        store.defer_text_index(true);
        let words: String = (0..2000).map(|i| format!("w{i} ")).collect();
        for i in 0..40 {
            let a = article(&format!("a{i}"), "Words", &words);
            store.insert_batch(&[a]).unwrap();
            store.index_text().unwrap();
        }
        let free: i64 = store
            .conn
            .pragma_query_value(None, "freelist_count", |r| r.get(0))
            .unwrap();
        assert_eq!(free, 0);
        assert_eq!(ids(&store, "w1999").len(), 40);
    }

    #[test]
    fn a_pending_article_can_be_updated_before_it_is_indexed() {
        let mut store = Store::open_in_memory().unwrap();
        store.defer_text_index(true);
        store
            .insert_batch(&[article("a", "Draft", "first words")])
            .unwrap();
        store
            .write_batch(
                &[article("a", "Final", "second words")],
                OnExisting::Update,
                None,
            )
            .unwrap();
        store.index_text().unwrap();
        assert_eq!(ids(&store, "second"), ["a"]);
        assert!(ids(&store, "first").is_empty());
        store.integrity_check().unwrap();
    }
}
