//! Writing articles in batches, reading them whole or a page of rows at a time.

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use super::{Store, StoreError};
use crate::article::{Article, Block, Body, Link};

/// A list row: what the article list shows, without the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ArticleRow {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    pub published: Option<String>,
    pub is_read: bool,
    pub is_starred: bool,
}

/// Which rows a page holds.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    pub unread_only: bool,
    pub starred_only: bool,
    pub tag: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Layout {
    pub(super) blocks: Vec<Block>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(super) links: Vec<Link>,
}

const ROW_COLUMNS: &str = "id, title, source, published, is_read, is_starred";
/// [`ROW_COLUMNS`] for a query that names the articles table `a`.
pub(super) const ROW_COLUMNS_A: &str =
    "a.id, a.title, a.source, a.published, a.is_read, a.is_starred";

impl Store {
    /// How many articles the store holds.
    pub fn count(&self) -> Result<usize, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// One page of rows, newest first, read from the index without loading bodies.
    pub fn page(
        &self,
        filter: &ListFilter,
        offset: usize,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let mut sql = format!("SELECT {ROW_COLUMNS} FROM articles WHERE 1");
        if filter.unread_only {
            sql.push_str(" AND is_read = 0");
        }
        if filter.starred_only {
            sql.push_str(" AND is_starred = 1");
        }
        if filter.tag.is_some() {
            sql.push_str(" AND rowid IN (SELECT article FROM user_tags WHERE tag = ?3)");
        }
        sql.push_str(" ORDER BY sort_key DESC, rowid DESC LIMIT ?1 OFFSET ?2");
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let offset = i64::try_from(offset).unwrap_or(i64::MAX);
        let rows = match &filter.tag {
            Some(tag) => stmt.query_map(params![limit, offset, tag], row_from),
            None => stmt.query_map(params![limit, offset], row_from),
        };
        rows.and_then(Iterator::collect).map_err(|e| self.err(e))
    }

    /// The whole article with `id`, or with the one id that starts with `id`.
    pub fn get(&self, id: &str) -> Result<Article, StoreError> {
        let id = self.resolve_id(id)?;
        self.conn
            .query_row(
                "SELECT id, title, authors, dateline, published, published_raw, source, url, tags, \
                 body, layout FROM articles WHERE id = ?1",
                [&id],
                article_from,
            )
            .map_err(|e| self.err(e))
    }

    /// The full id for an id or a unique prefix of one.
    pub fn resolve_id(&self, id: &str) -> Result<String, StoreError> {
        let exact: Option<String> = self
            .conn
            .query_row("SELECT id FROM articles WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        if let Some(found) = exact {
            return Ok(found);
        }
        let pattern = format!("{}%", id.replace(['%', '_'], ""));
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE id LIKE ?1 LIMIT 2")
            .map_err(|e| self.err(e))?;
        let found: Vec<String> = stmt
            .query_map([&pattern], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        match found.as_slice() {
            [one] if !id.is_empty() => Ok(one.clone()),
            [] | [_] => Err(StoreError::NotFound(id.to_string())),
            _ => Err(StoreError::Ambiguous {
                prefix: id.to_string(),
                count: found.len(),
            }),
        }
    }
}

pub(super) fn row_from(r: &Row<'_>) -> rusqlite::Result<ArticleRow> {
    Ok(ArticleRow {
        id: r.get(0)?,
        title: r.get(1)?,
        source: r.get(2)?,
        published: r.get(3)?,
        is_read: r.get(4)?,
        is_starred: r.get(5)?,
    })
}

fn article_from(r: &Row<'_>) -> rusqlite::Result<Article> {
    let lines = |s: String| -> Vec<String> { s.lines().map(String::from).collect() };
    let layout: String = r.get(10)?;
    let layout: Layout = serde_json::from_str(&layout).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, Box::new(e))
    })?;
    let text: String = r.get(9)?;
    let in_text = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    let blocks = layout
        .blocks
        .into_iter()
        .filter(|b| in_text(b.start, b.end))
        .collect();
    let links = layout
        .links
        .into_iter()
        .filter(|l| in_text(l.start, l.end))
        .collect();
    Ok(Article {
        id: r.get(0)?,
        title: r.get(1)?,
        authors: lines(r.get(2)?),
        dateline: lines(r.get(3)?),
        published: r.get(4)?,
        published_raw: r.get(5)?,
        source: r.get(6)?,
        url: r.get(7)?,
        tags: lines(r.get(8)?),
        body: Body {
            text,
            blocks,
            links,
        },
    })
}

pub(super) fn now_seconds() -> i64 {
    chrono::Utc::now().timestamp()
}

pub fn rfc3339(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    fn article(title: &str, date: Option<&str>) -> Article {
        let mut a = Article::new(title, Body::from_blocks([(BlockKind::Paragraph, title)]));
        a.published = date.map(String::from);
        a
    }

    #[test]
    fn page_is_newest_first() {
        let mut store = Store::open_in_memory().unwrap();
        store
            .insert_batch(&[
                article("old", Some("2001-01-01T00:00:00Z")),
                article("new", Some("2024-01-01T00:00:00Z")),
            ])
            .unwrap();
        let titles: Vec<_> = store
            .page(&ListFilter::default(), 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.title)
            .collect();
        assert_eq!(titles, ["new", "old"]);
        assert_eq!(
            store.page(&ListFilter::default(), 1, 10).unwrap()[0].title,
            "old"
        );
    }

    #[test]
    fn article_comes_back_whole() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = article("Whole", Some("2024-01-01T00:00:00Z"));
        a.authors = vec!["Ana".into(), "Li".into()];
        a.dateline = vec!["DUBAI".into()];
        a.body.links.push(Link {
            start: 0,
            end: 2,
            url: "https://example.org".into(),
        });
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        assert_eq!(store.get(&a.id).unwrap(), a);
        assert_eq!(store.get(&a.id[..6]).unwrap().id, a.id);
    }

    #[test]
    fn unknown_id_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        assert!(matches!(store.get("ffff"), Err(StoreError::NotFound(_))));
    }
}
