//! Whole articles fetched from their pages: the feed's summary kept beside the whole text it
//! gave way to (so the reader can go back to it), each article's last page fetch and its
//! error, and which feeds fetch their items' pages.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use super::articles::{Layout, now_seconds};
use super::{Store, StoreError};
use crate::article::{Article, Body};

/// What byline knows of an article's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageState {
    /// When the page was last fetched (Unix seconds).
    pub fetched: i64,
    /// Why the last fetch gave no article, if it did not.
    pub error: Option<String>,
    /// The body is the page's whole text and the summary is kept.
    pub has_full_text: bool,
}

fn layout_json(body: &Body) -> String {
    let layout = Layout {
        blocks: body.blocks.clone(),
        links: body.links.clone(),
    };
    serde_json::to_string(&layout).unwrap_or_else(|_| "{\"blocks\":[]}".into())
}

impl Store {
    /// Turns fetching the items' pages on or off for feed `id`; false when there is no such
    /// feed.
    pub fn set_feed_full_text(&mut self, id: i64, on: bool) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "UPDATE feeds SET full_text = ?2 WHERE id = ?1",
                params![id, on],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// The ids of the feeds whose items' pages are fetched.
    pub fn full_text_feeds(&self) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM feeds WHERE full_text = 1 ORDER BY id")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// Which of `ids` the store holds.
    pub fn known_ids(&self, ids: &[&str]) -> Result<Vec<bool>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)")
            .map_err(|e| self.err(e))?;
        ids.iter()
            .map(|id| stmt.query_row([id], |r| r.get(0)))
            .collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    /// The kept summaries' texts of those of `ids` whose body is a page's whole text.
    pub fn kept_summaries(&self, ids: &[&str]) -> Result<HashMap<String, String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.summary FROM pages p JOIN articles a ON a.rowid = p.article \
                 WHERE a.id = ?1 AND p.summary IS NOT NULL",
            )
            .map_err(|e| self.err(e))?;
        let mut found = HashMap::new();
        for id in ids {
            let summary: Option<String> = stmt
                .query_row([id], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some(s) = summary {
                found.insert((*id).to_string(), s);
            }
        }
        Ok(found)
    }

    /// Puts the page's article in place of article `id`'s body, keeping the body it had (the
    /// feed's summary) the first time. Fields the stored article lacks (authors, date, source)
    /// are taken from the page; the entity index is redone. One transaction.
    pub fn store_full_text(&mut self, id: &str, page: &Article) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        let rowid: i64 = tx
            .query_row("SELECT rowid FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(err)?
            .ok_or_else(|| StoreError::NotFound(id.to_string()))?;
        tx.execute(
            "INSERT INTO pages (article, summary, summary_layout, fetched) \
             SELECT rowid, body, layout, ?2 FROM articles WHERE rowid = ?1 \
             ON CONFLICT(article) DO UPDATE SET fetched = excluded.fetched, error = NULL, \
             summary = coalesce(summary, excluded.summary), \
             summary_layout = coalesce(summary_layout, excluded.summary_layout)",
            params![rowid, now_seconds()],
        )
        .map_err(err)?;
        tx.execute(
            "UPDATE articles SET body = ?2, layout = ?3, indexed = 0, \
             authors = CASE WHEN authors = '' THEN ?4 ELSE authors END, \
             published = coalesce(published, ?5), source = coalesce(source, ?6) \
             WHERE rowid = ?1",
            params![
                rowid,
                page.body.text,
                layout_json(&page.body),
                page.authors.join("\n"),
                page.published,
                page.source
            ],
        )
        .map_err(err)?;
        tx.commit().map_err(err)
    }

    /// Remembers that fetching article `id`'s page failed; its body stays as it is.
    pub fn record_page_error(&mut self, id: &str, error: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO pages (article, fetched, error) \
                 SELECT rowid, ?2, ?3 FROM articles WHERE id = ?1 \
                 ON CONFLICT(article) DO UPDATE SET fetched = excluded.fetched, \
                 error = excluded.error",
                params![id, now_seconds(), error],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// What byline knows of article `id`'s page, if it was ever fetched.
    pub fn page_state(&self, id: &str) -> Result<Option<PageState>, StoreError> {
        self.conn
            .query_row(
                "SELECT p.fetched, p.error, p.summary IS NOT NULL FROM pages p \
                 JOIN articles a ON a.rowid = p.article WHERE a.id = ?1",
                [id],
                |r| {
                    Ok(PageState {
                        fetched: r.get(0)?,
                        error: r.get(1)?,
                        has_full_text: r.get(2)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// The summary article `id` had before its page's text replaced it.
    pub fn kept_summary(&self, id: &str) -> Result<Option<Body>, StoreError> {
        let row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT p.summary, p.summary_layout FROM pages p \
                 JOIN articles a ON a.rowid = p.article \
                 WHERE a.id = ?1 AND p.summary IS NOT NULL",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(row.map(|(text, layout)| {
            let layout: Layout = serde_json::from_str(&layout).unwrap_or(Layout {
                blocks: Vec::new(),
                links: Vec::new(),
            });
            let fits = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
            Body {
                blocks: layout
                    .blocks
                    .into_iter()
                    .filter(|b| fits(b.start, b.end))
                    .collect(),
                links: layout
                    .links
                    .into_iter()
                    .filter(|l| fits(l.start, l.end))
                    .collect(),
                text,
            }
        }))
    }

    /// Drops what byline kept of article `id`'s page (its body came anew from its feed).
    pub fn forget_page(&mut self, id: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "DELETE FROM pages WHERE article = (SELECT rowid FROM articles WHERE id = ?1)",
                [id],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn summary_article() -> Article {
        let mut a = Article::new(
            "Cranes return",
            Body::from_blocks([(BlockKind::Paragraph, "Cranes moved again.")]),
        );
        a.url = Some("https://post.example/cranes".into());
        a.refresh_id();
        a
    }

    fn page_article() -> Article {
        let mut a = Article::new(
            "Cranes return",
            Body::from_blocks([
                (
                    BlockKind::Paragraph,
                    "The cranes of the north harbour moved again.",
                ),
                (BlockKind::Paragraph, "Dockers voted on Sunday."),
            ]),
        );
        a.authors = vec!["Ana Núñez".into()];
        a.published = Some("2024-03-01T08:00:00Z".into());
        a
    }

    #[test]
    fn the_whole_text_replaces_the_summary_which_is_kept() {
        let mut store = Store::open_in_memory().unwrap();
        let a = summary_article();
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        store.set_entities(&a.id, &[], 1).unwrap();
        store.store_full_text(&a.id, &page_article()).unwrap();
        let stored = store.get(&a.id).unwrap();
        assert_eq!(stored.body, page_article().body);
        assert_eq!(stored.authors, ["Ana Núñez"]);
        assert_eq!(stored.published.as_deref(), Some("2024-03-01T08:00:00Z"));
        assert_eq!(store.kept_summary(&a.id).unwrap(), Some(a.body.clone()));
        assert_eq!(
            store.unindexed(1, 10).unwrap(),
            std::slice::from_ref(&a.id),
            "entities are redone"
        );
        assert_eq!(store.search("dockers", 0, 10).unwrap().len(), 1);
        // A second fetch keeps the first summary, not the text it replaced.
        store.store_full_text(&a.id, &page_article()).unwrap();
        assert_eq!(store.kept_summary(&a.id).unwrap(), Some(a.body.clone()));
        let state = store.page_state(&a.id).unwrap().unwrap();
        assert!(state.has_full_text && state.error.is_none());
        store.integrity_check().unwrap();
    }

    #[test]
    fn a_failed_fetch_keeps_the_summary_and_records_why() {
        let mut store = Store::open_in_memory().unwrap();
        let a = summary_article();
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        store
            .record_page_error(&a.id, "the server answered 404")
            .unwrap();
        assert_eq!(store.get(&a.id).unwrap().body, a.body);
        let state = store.page_state(&a.id).unwrap().unwrap();
        assert_eq!(state.error.as_deref(), Some("the server answered 404"));
        assert!(!state.has_full_text);
        assert_eq!(store.kept_summary(&a.id).unwrap(), None);
        assert!(store.kept_summaries(&[&a.id]).unwrap().is_empty());
    }

    #[test]
    fn feeds_can_fetch_their_pages() {
        let mut store = Store::open_in_memory().unwrap();
        let (id, _) = store
            .add_feed("https://post.example/rss", None, &[])
            .unwrap();
        assert!(store.full_text_feeds().unwrap().is_empty());
        assert!(store.set_feed_full_text(id, true).unwrap());
        assert_eq!(store.full_text_feeds().unwrap(), [id]);
        assert!(!store.set_feed_full_text(id + 1, true).unwrap());
    }
}
