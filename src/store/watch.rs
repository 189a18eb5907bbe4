//! Watched entities: the people, organisations and places the user follows across the store.
//! Each is kept by the name it was given and found again at every read the way
//! [`Store::find_entity`] finds one (its canonical name first, else any name of its articles),
//! so it survives the re-resolutions that renumber canonical entities. The filters
//! `entity:NAME` and `is:watched` list their articles.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::now_seconds;
use super::{Store, StoreError};

/// At most this many entities are watched.
pub const MAX_WATCHED: usize = 100;
/// The longest name taken, in bytes.
pub const MAX_WATCHED_NAME: usize = 200;

/// SQL for the canonical entity of the name in `{name}` (a parameter or a column): the one
/// called so, else the one a name of its articles belongs to; the most mentioned when several.
const CANON_OF: &str = "coalesce((SELECT ce.id FROM canon_entities ce WHERE ce.name = {name} \
     COLLATE NOCASE ORDER BY ce.shown DESC, ce.articles DESC LIMIT 1), (SELECT cc.id \
     FROM entities ee JOIN entity_canon eec ON eec.entity = ee.id JOIN canon_entities cc \
     ON cc.id = eec.canon WHERE ee.name = {name} COLLATE NOCASE \
     ORDER BY cc.shown DESC, cc.articles DESC LIMIT 1))";

/// SQL for the canonical entity of the name in `name` (`?` or a column).
pub(super) fn canon_of(name: &str) -> String {
    CANON_OF.replace("{name}", name)
}

/// A condition on articles `a`: it mentions the canonical entity of parameter `?`.
pub(super) fn mentions_entity() -> String {
    format!(
        "a.rowid IN (SELECT ae.article FROM entity_canon ec JOIN article_entities ae \
         ON ae.entity = ec.entity WHERE ec.canon = {})",
        canon_of("?")
    )
}

/// A condition on articles `a`: it mentions a watched entity.
pub(super) fn mentions_watched() -> String {
    format!(
        "a.rowid IN (SELECT ae.article FROM entity_canon ec JOIN article_entities ae \
         ON ae.entity = ec.entity WHERE ec.canon IN (SELECT {} FROM watched_entities w))",
        canon_of("w.name")
    )
}

/// A watched entity as the store has it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WatchedEntity {
    /// The name it was watched by.
    pub name: String,
    /// Its canonical entity's id, name and kind; `None` while no indexed article mentions it.
    pub id: Option<i64>,
    pub entity: Option<String>,
    pub kind: Option<String>,
    /// The articles that mention it, and the unread ones among them.
    pub articles: u64,
    pub unread: u64,
}

impl Store {
    /// Watches an entity by a name; false when it was watched already.
    pub fn watch_entity(&mut self, name: &str) -> Result<bool, StoreError> {
        let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
        let bad = |reason: String| StoreError::Query {
            query: name.clone(),
            reason,
        };
        if name.is_empty() || name.len() > MAX_WATCHED_NAME {
            return Err(bad(format!(
                "an entity to watch needs a name of 1 to {MAX_WATCHED_NAME} bytes"
            )));
        }
        if self.is_watched(&name)? {
            return Ok(false);
        }
        let count: usize = self
            .conn
            .query_row("SELECT count(*) FROM watched_entities", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if count >= MAX_WATCHED {
            return Err(bad(format!(
                "at most {MAX_WATCHED} entities are watched: remove one first"
            )));
        }
        self.conn
            .execute(
                "INSERT INTO watched_entities (name, added) VALUES (?1, ?2)",
                params![name, now_seconds()],
            )
            .map_err(|e| self.err(e))?;
        Ok(true)
    }

    /// Stops watching an entity, by the name it was watched by or its entity's name; returns
    /// the name it was watched by.
    pub fn unwatch_entity(&mut self, name: &str) -> Result<Option<String>, StoreError> {
        let Some(watched) = self.watched_as(name)? else {
            return Ok(None);
        };
        self.conn
            .execute("DELETE FROM watched_entities WHERE name = ?1", [&watched])
            .map_err(|e| self.err(e))?;
        Ok(Some(watched))
    }

    /// Whether an entity is watched under this name, or under another name of its entity.
    pub fn is_watched(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.watched_as(name)?.is_some())
    }

    /// The name the entity called `name` is watched by.
    fn watched_as(&self, name: &str) -> Result<Option<String>, StoreError> {
        let sql = format!(
            "SELECT w.name FROM watched_entities w WHERE w.name = ?1 COLLATE NOCASE \
             OR {} = {} ORDER BY w.name = ?1 COLLATE NOCASE DESC LIMIT 1",
            canon_of("w.name"),
            canon_of("?1")
        );
        self.conn
            .query_row(&sql, [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Every watched entity with its article counts, in the order they were watched. Each is
    /// found and counted on its own: one statement over them all had SQLite evaluate the
    /// lookup per article row (25-29 s for two entities at 31,000 articles).
    pub fn watched_entities(&self) -> Result<Vec<WatchedEntity>, StoreError> {
        let names: Vec<String> = {
            let mut stmt = self
                .conn
                .prepare_cached("SELECT name FROM watched_entities ORDER BY rowid")
                .map_err(|e| self.err(e))?;
            stmt.query_map([], |r| r.get(0))
                .and_then(Iterator::collect)
                .map_err(|e| self.err(e))?
        };
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            let found = self.find_entity(&name)?;
            let mut w = WatchedEntity {
                name,
                id: found,
                entity: None,
                kind: None,
                articles: 0,
                unread: 0,
            };
            if let Some(id) = found {
                (w.entity, w.kind, w.articles, w.unread) = self
                    .conn
                    .query_row(
                        "SELECT c.name, c.kind, count(a.rowid), \
                           coalesce(sum(a.is_read = 0), 0) FROM canon_entities c \
                         LEFT JOIN articles a ON a.rowid IN (SELECT ae.article FROM entity_canon ec \
                           JOIN article_entities ae ON ae.entity = ec.entity WHERE ec.canon = c.id) \
                         WHERE c.id = ?1",
                        [id],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                    )
                    .map_err(|e| self.err(e))?;
            }
            out.push(w);
        }
        Ok(out)
    }

    /// Every name the articles write for the watched entities (and the names they were
    /// watched by), for highlighting.
    pub fn watched_names(&self) -> Result<Vec<String>, StoreError> {
        let sql = format!(
            "SELECT name FROM watched_entities UNION SELECT e.name FROM entity_canon ec \
             JOIN entities e ON e.id = ec.entity WHERE ec.canon IN \
             (SELECT {} FROM watched_entities x) LIMIT 2000",
            canon_of("x.name")
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        stmt.query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// Which of these articles (by id) mention a watched entity: for the list's marks. The
    /// watched entities are looked up once, then each article's few entity rows.
    pub fn ids_mentioning_watched(
        &self,
        ids: &[String],
    ) -> Result<std::collections::HashSet<String>, StoreError> {
        let sql = format!(
            "SELECT DISTINCT {} AS c FROM watched_entities x WHERE c IS NOT NULL",
            canon_of("x.name")
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let canons: Vec<i64> = stmt
            .query_map([], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        if canons.is_empty() || ids.is_empty() {
            return Ok(Default::default());
        }
        let ids = serde_json::to_string(ids).unwrap_or_else(|_| "[]".into());
        let canons = serde_json::to_string(&canons).unwrap_or_else(|_| "[]".into());
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT a.id FROM articles a WHERE a.id IN (SELECT value FROM json_each(?1))                  AND EXISTS (SELECT 1 FROM article_entities ae JOIN entity_canon ec                  ON ec.entity = ae.entity WHERE ae.article = a.rowid                  AND ec.canon IN (SELECT value FROM json_each(?2)))",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![ids, canons], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
