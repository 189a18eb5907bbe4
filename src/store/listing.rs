//! Lists by filter, deleting articles, and saved searches.

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};
use serde::Serialize;

use super::articles::{ROW_COLUMNS_A, now_seconds, row_from};
use super::{ArticleRow, Sort, Store, StoreError};

/// A saved search: a name for a query.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedSearch {
    pub name: String,
    pub query: String,
}

/// Longest saved-search name, in bytes.
pub const MAX_SAVED_NAME: usize = 100;

impl Store {
    /// One page of the rows a query keeps (filters and words, [`super::Filter`]), in `sort`
    /// order; an empty query keeps everything. Relevance applies only to queries with words.
    pub fn list_matching(
        &self,
        input: &str,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let (filter, query) = self.parse_search(input, true)?;
        if query.is_some() {
            let hits = self.search_sorted(input, sort, offset, limit)?;
            return Ok(hits.into_iter().map(|h| h.row).collect());
        }
        let (conditions, mut params) = filter.conditions();
        let sql = format!(
            "SELECT {ROW_COLUMNS_A} FROM articles a WHERE {conditions} ORDER BY {} \
             LIMIT ? OFFSET ?",
            sort.order_by()
        );
        params.push(Value::Integer(i64::try_from(limit).unwrap_or(i64::MAX)));
        params.push(Value::Integer(i64::try_from(offset).unwrap_or(i64::MAX)));
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        stmt.query_map(params_from_iter(params), row_from)
            .and_then(Iterator::collect)
            .map_err(|e| self.query_error(e, input))
    }

    /// The ids of every article a (non-empty) query keeps.
    pub fn ids_of_query(&self, input: &str) -> Result<Vec<String>, StoreError> {
        let (filter, query) = self.parse_search(input, false)?;
        let (conditions, mut params) = filter.conditions();
        let sql = match query.and_then(|q| q.fts) {
            Some(fts) => {
                params.insert(0, Value::Text(fts));
                format!(
                    "SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid \
                     WHERE articles_fts MATCH ? AND {conditions}"
                )
            }
            None => format!("SELECT a.id FROM articles a WHERE {conditions}"),
        };
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        stmt.query_map(params_from_iter(params), |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.query_error(e, input))
    }

    /// Deletes these articles (full ids) in one transaction, with their full-text and entity
    /// index rows, tags, pages and feed links; entities no article mentions any more go too.
    /// Returns how many were deleted.
    pub fn remove_articles(&mut self, ids: &[String]) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        // One statement for them all: FTS5 flushes its pending changes at the end of every
        // statement, so a DELETE per article wrote 10,000 tiny index segments (5 s, not 1).
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let removed = tx
            .execute(
                "DELETE FROM articles WHERE id IN (SELECT value FROM json_each(?1))",
                [ids],
            )
            .map_err(err)?;
        if removed > 0 {
            tx.execute(
                "DELETE FROM entities WHERE NOT EXISTS \
                 (SELECT 1 FROM article_entities ae WHERE ae.entity = entities.id)",
                [],
            )
            .map_err(err)?;
        }
        tx.commit().map_err(err)?;
        Ok(removed)
    }

    /// The feeds an article came from (titles, else URLs), its first feed first.
    pub fn feeds_of(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT coalesce(f.title, f.url) FROM articles a JOIN feeds f ON f.id = a.feed \
                 WHERE a.id = ?1 UNION ALL SELECT coalesce(f.title, f.url) FROM articles a \
                 JOIN article_feeds af ON af.article = a.rowid JOIN feeds f ON f.id = af.feed \
                 WHERE a.id = ?1",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// Saves (or replaces) a search under a name; the query is checked first.
    pub fn save_search(&mut self, name: &str, query: &str) -> Result<bool, StoreError> {
        let bad = |reason: String| StoreError::Query {
            query: query.into(),
            reason,
        };
        if name.trim().is_empty() || name.len() > MAX_SAVED_NAME {
            return Err(bad(format!(
                "a saved search needs a name of 1 to {MAX_SAVED_NAME} bytes"
            )));
        }
        self.parse_search(query, false)?;
        let existed = self.saved_search(name)?.is_some();
        self.conn
            .execute(
                "INSERT INTO saved_searches (name, query, added) VALUES (?1, ?2, ?3) \
                 ON CONFLICT(name) DO UPDATE SET query = excluded.query",
                params![name, query, now_seconds()],
            )
            .map_err(|e| self.err(e))?;
        Ok(!existed)
    }

    /// The query saved under `name`.
    pub fn saved_search(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT query FROM saved_searches WHERE name = ?1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every saved search, by name.
    pub fn saved_searches(&self) -> Result<Vec<SavedSearch>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT name, query FROM saved_searches ORDER BY name COLLATE NOCASE")
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(SavedSearch {
                name: r.get(0)?,
                query: r.get(1)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Forgets a saved search; returns whether there was one.
    pub fn remove_saved_search(&mut self, name: &str) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM saved_searches WHERE name = ?1", [name])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
#[path = "listing_tests.rs"]
mod tests;
