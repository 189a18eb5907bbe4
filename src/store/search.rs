//! Full-text search over the store: ranked hits with marked snippets.

use rusqlite::types::Value;
use rusqlite::{params, params_from_iter};
use serde::Serialize;

use super::articles::{ROW_COLUMNS_A, row_from};
use super::query::{SearchQuery, parse_query};
use super::snippet::{SCAN, snippet};
use super::topk::Tiers;
use super::{ArticleRow, Filter, Sort, Store, StoreError};

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    #[serde(flatten)]
    pub row: ArticleRow,
    /// A short passage around the best match.
    pub snippet: String,
    /// Byte ranges of the matched terms inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
}

impl Store {
    /// Searches title, body, source and authors; best matches first (bm25, title weighted).
    ///
    /// The query may hold filters ([`super::Filter`]); one with only filters lists what they
    /// keep, newest first. Only what the full-text index holds is searched: articles waiting
    /// for it ([`Store::text_index_pending`]) are found once the worker or `byline index` has
    /// indexed them; a search never writes.
    pub fn search(
        &self,
        input: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        self.search_sorted(input, Sort::Relevance, offset, limit)
    }

    /// [`Store::search`] in the order asked for.
    pub fn search_sorted(
        &self,
        input: &str,
        sort: Sort,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let (filter, query) = self.parse_search(input, false)?;
        let (conditions, mut params) = filter.conditions();
        let Some(query) = query else {
            let limit = i64::try_from(limit).unwrap_or(i64::MAX);
            let offset = i64::try_from(offset).unwrap_or(i64::MAX);
            let sql = format!(
                "SELECT {ROW_COLUMNS_A}, '' FROM articles a WHERE {conditions} \
                 ORDER BY {} LIMIT ? OFFSET ?",
                sort.order_by()
            );
            params.extend([Value::Integer(limit), Value::Integer(offset)]);
            return self.hits(&sql, params, None, input);
        };
        let fts = query.fts.clone().unwrap_or_default();
        params.insert(0, Value::Text(fts));
        let tiers = match sort {
            Sort::Relevance => self.tiers(&conditions, &params)?,
            _ => None,
        };
        let (inner_order, outer_order) = match sort {
            Sort::Relevance => ("f.rank".to_string(), "score".to_string()),
            other => (other.order_by().to_string(), other.order_by().to_string()),
        };
        // The inner query ranks and cuts to one page from the index alone; only that page's
        // texts are read, and only their first SCAN characters, for the snippets.
        let sql = format!(
            "SELECT {ROW_COLUMNS_A}, substr(a.body, 1, {SCAN}) FROM ( \
                 SELECT f.rowid AS hit, f.rank AS score FROM {} \
                 WHERE articles_fts MATCH ? AND {conditions} AND f.rowid >= ? AND f.rowid < ? \
                 ORDER BY {inner_order} LIMIT ? OFFSET ?) \
             JOIN articles a ON a.rowid = hit ORDER BY {outer_order}",
            super::topk::hits_from(&conditions, sort)
        );
        let mut hits = Vec::new();
        for (low, high, offset, limit) in page_parts(tiers, offset, limit) {
            let mut part = params.clone();
            part.extend([low, high, limit, offset].map(Value::Integer));
            hits.extend(self.hits(&sql, part, Some(&query), input)?);
        }
        Ok(hits)
    }

    /// How many articles a query finds: exact, however many there are.
    pub fn count_matching(&self, input: &str) -> Result<usize, StoreError> {
        let (filter, query) = self.parse_search(input, true)?;
        let unread_only = Filter {
            unread: Some(true),
            ..Filter::default()
        };
        if query.is_none() && filter == unread_only {
            // Most articles are unread: counting the read ones beside the table's own count
            // reads a few index entries, not 90,000 (25 ms).
            let read: usize = self
                .conn
                .query_row("SELECT count(*) FROM articles WHERE is_read = 1", [], |r| {
                    r.get(0)
                })
                .map_err(|e| self.err(e))?;
            return Ok(self.count()?.saturating_sub(read));
        }
        let (conditions, mut params) = filter.conditions();
        let sql = match query.and_then(|q| q.fts) {
            Some(fts) => {
                params.insert(0, Value::Text(fts));
                // Without a filter, the index alone counts: joining each match's row read the
                // whole table for `said` (180,000 matches, 0.2 s at 310,000 articles).
                format!(
                    "SELECT count(*) FROM {} WHERE articles_fts MATCH ? AND {conditions}",
                    super::topk::hits_from(&conditions, Sort::Relevance)
                )
            }
            None => format!("SELECT count(*) FROM articles a WHERE {conditions}"),
        };
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params_from_iter(params), |r| r.get(0)))
            .map_err(|e| self.query_error(e, input))
    }

    /// The filters of a query and its full-text part, if it has words; an empty query keeps
    /// everything when `allow_empty`.
    pub(super) fn parse_search(
        &self,
        input: &str,
        allow_empty: bool,
    ) -> Result<(Filter, Option<SearchQuery>), StoreError> {
        let bad = |reason| StoreError::Query {
            query: input.into(),
            reason,
        };
        let filter = Filter::parse(input, super::articles::now_seconds()).map_err(bad)?;
        let query = match &filter.words {
            Some(words) => Some(parse_query(words).map_err(bad)?),
            None if filter.is_everything() && !allow_empty => {
                return Err(bad("the query is empty".into()));
            }
            None => None,
        };
        // Dates inside parentheses are read by the full-text parser: they apply all the same.
        let mut filter = filter;
        if let Some(q) = &query {
            filter.after = filter.after.or_else(|| q.after.clone());
            filter.before = filter.before.or_else(|| q.before.clone());
        }
        let mut query = query.filter(|q| q.fts.is_some());
        if let Some(q) = &mut query {
            q.fts = q
                .fts
                .as_deref()
                .map(|f| self.expand_prefixes(f))
                .transpose()?;
        }
        Ok((filter, query))
    }

    pub(super) fn query_error(&self, e: rusqlite::Error, input: &str) -> StoreError {
        match e {
            rusqlite::Error::SqliteFailure(_, Some(msg)) if msg.contains("fts5") => {
                StoreError::Query {
                    query: input.into(),
                    reason: msg,
                }
            }
            e => self.err(e),
        }
    }

    /// Which of `ids` match a query (for marking list rows, e.g. watched keywords). Articles
    /// not yet in the full-text index do not match.
    pub fn ids_matching(
        &self,
        input: &str,
        ids: &[String],
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let query = parse_query(input).map_err(|reason| StoreError::Query {
            query: input.into(),
            reason,
        })?;
        let Some(fts) = query.fts else {
            return Ok(Default::default());
        };
        let fts = self.expand_prefixes(&fts)?;
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid \
                 WHERE articles_fts MATCH ?1 AND a.id IN (SELECT value FROM json_each(?2))",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![fts, ids], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    fn hits(
        &self,
        sql: &str,
        params: Vec<Value>,
        query: Option<&SearchQuery>,
        input: &str,
    ) -> Result<Vec<SearchHit>, StoreError> {
        let bad_query = |e: rusqlite::Error| self.query_error(e, input);
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(params), |r| {
                Ok((row_from(r)?, r.get::<_, String>(6)?))
            })
            .map_err(bad_query)?;
        let mut hits = Vec::new();
        for row in rows {
            let (row, text) = row.map_err(bad_query)?;
            let (snippet, highlights) = match query {
                Some(q) => snippet(&text, &q.terms),
                None => Default::default(),
            };
            hits.push(SearchHit {
                row,
                snippet,
                highlights,
            });
        }
        Ok(hits)
    }
}

/// The rowid ranges, offsets and limits (`low`, `high`, `offset`, `limit`) whose ranked hits
/// make one page: the first tier's, then the second's, or all matches' when there is one tier.
fn page_parts(tiers: Option<Tiers>, offset: usize, limit: usize) -> Vec<(i64, i64, i64, i64)> {
    let int = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let Some(t) = tiers else {
        return vec![(i64::MIN, i64::MAX, int(offset), int(limit))];
    };
    let mut parts = Vec::new();
    let in_first = t.first.saturating_sub(offset).min(limit);
    if in_first > 0 {
        parts.push((t.floor, i64::MAX, int(offset), int(in_first)));
    }
    if limit > in_first {
        let from = offset.saturating_sub(t.first);
        parts.push((i64::MIN, t.floor, int(from), int(limit - in_first)));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};

    fn store_with(items: &[(&str, &str, Option<&str>)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let articles: Vec<Article> = items
            .iter()
            .map(|(title, body, date)| {
                let mut a =
                    Article::new(*title, Body::from_blocks([(BlockKind::Paragraph, *body)]));
                a.published = date.map(String::from);
                a.source = Some("Wire".into());
                a.authors = vec!["Timour Azhari".into()];
                a
            })
            .collect();
        store.insert_batch(&articles).unwrap();
        store
    }

    fn titles(hits: &[SearchHit]) -> Vec<&str> {
        hits.iter().map(|h| h.row.title.as_str()).collect()
    }

    #[test]
    fn title_match_ranks_first_and_snippet_is_marked() {
        let store = store_with(&[
            (
                "Oil prices",
                "Markets moved. Iran was mentioned once.",
                None,
            ),
            (
                "Iran visit",
                "The president of Iran went to Iraq. Iran and Iraq signed deals.",
                None,
            ),
        ]);
        let hits = store.search("iran", 0, 10).unwrap();
        assert_eq!(titles(&hits), ["Iran visit", "Oil prices"]);
        let h = &hits[0];
        assert!(
            h.highlights
                .iter()
                .all(|&(s, e)| h.snippet[s..e].eq_ignore_ascii_case("iran")),
            "{h:?}"
        );
        assert!(!h.highlights.is_empty());
    }

    #[test]
    fn phrase_prefix_and_not() {
        let store = store_with(&[
            ("A", "the prime minister spoke", None),
            ("B", "the minister was prime", None),
            ("C", "Iranian officials", None),
        ]);
        assert_eq!(
            titles(&store.search("\"prime minister\"", 0, 10).unwrap()),
            ["A"]
        );
        assert_eq!(titles(&store.search("iran*", 0, 10).unwrap()), ["C"]);
        assert_eq!(
            titles(&store.search("minister NOT spoke", 0, 10).unwrap()),
            ["B"]
        );
        assert_eq!(
            titles(&store.search("minister -spoke", 0, 10).unwrap()),
            ["B"]
        );
        assert_eq!(
            titles(&store.search("spoke OR officials", 0, 10).unwrap()).len(),
            2
        );
    }

    #[test]
    fn field_filters() {
        let store = store_with(&[
            ("Baghdad talks", "nothing here", None),
            ("Other", "Baghdad mentioned", None),
        ]);
        assert_eq!(
            titles(&store.search("title:baghdad", 0, 10).unwrap()),
            ["Baghdad talks"]
        );
        assert_eq!(store.search("author:azhari", 0, 10).unwrap().len(), 2);
        assert_eq!(store.search("source:wire baghdad", 0, 10).unwrap().len(), 2);
        assert_eq!(store.search("source:bbc", 0, 10).unwrap().len(), 0);
    }

    #[test]
    fn date_ranges() {
        let store = store_with(&[
            ("Old", "budget news", Some("2019-05-01T00:00:00Z")),
            ("New", "budget news", Some("2024-05-01T00:00:00Z")),
        ]);
        assert_eq!(
            titles(&store.search("budget after:2024-01-01", 0, 10).unwrap()),
            ["New"]
        );
        assert_eq!(
            titles(&store.search("budget before:2020", 0, 10).unwrap()),
            ["Old"]
        );
        assert_eq!(
            titles(&store.search("after:2010", 0, 10).unwrap()),
            ["New", "Old"]
        );
    }

    #[test]
    fn syntax_error_is_a_query_error() {
        let store = store_with(&[("A", "b", None)]);
        let err = store.search("(iran", 0, 10).unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad search query \"(iran\": a '(' is not closed"
        );
    }

    #[test]
    fn paging_through_hits() {
        let items: Vec<(String, String)> = (0..30)
            .map(|i| (format!("T{i}"), format!("gaza report {i}")))
            .collect();
        let refs: Vec<(&str, &str, Option<&str>)> = items
            .iter()
            .map(|(t, b)| (t.as_str(), b.as_str(), None))
            .collect();
        let store = store_with(&refs);
        let first = store.search("gaza", 0, 20).unwrap();
        let second = store.search("gaza", 20, 20).unwrap();
        assert_eq!((first.len(), second.len()), (20, 10));
        assert!(
            first
                .iter()
                .all(|h| !second.iter().any(|s| s.row.id == h.row.id))
        );
    }
}
