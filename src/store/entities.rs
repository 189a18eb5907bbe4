//! The entity index: which entities each article mentions, and which articles mention an entity.
//!
//! The extractor fills it; the store only keeps it and answers from it. An article records the
//! version of the extractor that indexed it, so a better extractor can re-index old articles.

use rusqlite::params;
use serde::{Deserialize, Serialize};

use super::articles::{ROW_COLUMNS_A, row_from};
use super::{ArticleRow, Store, StoreError};

/// One entity of one article: its canonical name, kind and how often the article mentions it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityCount {
    pub name: String,
    /// `PERSON`, `ORG`, `LOC`, `NORP`, ...
    pub kind: String,
    pub mentions: u32,
}

impl Store {
    /// Replaces the entities of the article `id` and marks it indexed by extractor `version`
    /// (at least 1), in one transaction.
    pub fn set_entities(
        &mut self,
        id: &str,
        entities: &[EntityCount],
        version: u32,
    ) -> Result<(), StoreError> {
        self.set_entities_of(&[(id, entities)], version)
    }

    /// [`Store::set_entities`] for several articles in one transaction (one commit instead of
    /// one per article: the commits were half the time of indexing).
    pub fn set_entities_of(
        &mut self,
        articles: &[(&str, &[EntityCount])],
        version: u32,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        {
            let mut upsert = tx
                .prepare_cached(
                    "INSERT INTO entities(kind, name) VALUES (?1, ?2) ON CONFLICT(kind, name) DO UPDATE SET name = name RETURNING id",
                )
                .map_err(err)?;
            let mut link = tx
                .prepare_cached(
                    "INSERT INTO article_entities(entity, article, mentions) VALUES (?1, ?2, ?3) \
                     ON CONFLICT(entity, article) DO UPDATE SET mentions = mentions + excluded.mentions",
                )
                .map_err(err)?;
            for (id, entities) in articles {
                let rowid: i64 = tx
                    .query_row("SELECT rowid FROM articles WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })
                    .map_err(|e| match e {
                        rusqlite::Error::QueryReturnedNoRows => {
                            StoreError::NotFound(id.to_string())
                        }
                        e => err(e),
                    })?;
                tx.execute("DELETE FROM article_entities WHERE article = ?1", [rowid])
                    .map_err(err)?;
                for e in entities.iter() {
                    let entity: i64 = upsert
                        .query_row(params![e.kind, e.name], |r| r.get(0))
                        .map_err(err)?;
                    link.execute(params![entity, rowid, e.mentions])
                        .map_err(err)?;
                }
                tx.execute(
                    "UPDATE articles SET indexed = ?2 WHERE rowid = ?1",
                    params![rowid, version.max(1)],
                )
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// The entities of article `id`, most mentioned first.
    pub fn entities_of(&self, id: &str) -> Result<Vec<EntityCount>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT e.name, e.kind, ae.mentions FROM article_entities ae JOIN entities e ON e.id = ae.entity \
                 WHERE ae.article = (SELECT rowid FROM articles WHERE id = ?1) ORDER BY ae.mentions DESC, e.name",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| {
            Ok(EntityCount {
                name: r.get(0)?,
                kind: r.get(1)?,
                mentions: r.get(2)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// Articles that mention the entity `name` of `kind` (any kind when `None`), newest first:
    /// under any of its names once the store's entities are resolved (following `Ronald
    /// Reagan` finds the articles that say only `Reagan`).
    pub fn articles_mentioning(
        &self,
        name: &str,
        kind: Option<&str>,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let sql = format!(
            "WITH named(id) AS (SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE \
               AND (?2 IS NULL OR kind = ?2)), \
             rows(id) AS (SELECT id FROM named UNION SELECT same.entity FROM named \
               JOIN entity_canon ec ON ec.entity = named.id \
               JOIN entity_canon same ON same.canon = ec.canon) \
             SELECT {ROW_COLUMNS_A} FROM articles a WHERE a.rowid IN \
               (SELECT ae.article FROM rows JOIN article_entities ae ON ae.entity = rows.id) \
             ORDER BY a.sort_key DESC, a.rowid DESC LIMIT ?3"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        stmt.query_map(params![name, kind, limit], row_from)
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// How many articles are not yet indexed by extractor `version`.
    pub fn unindexed_count(&self, version: u32) -> Result<usize, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM articles WHERE indexed < ?1",
                [version],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Up to `limit` ids of articles not yet indexed by extractor `version`, newest first.
    pub fn unindexed(&self, version: u32, limit: usize) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM articles WHERE indexed < ?1 ORDER BY sort_key DESC, rowid DESC LIMIT ?2")
            .map_err(|e| self.err(e))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        stmt.query_map(params![version, limit], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};

    fn entity(name: &str, kind: &str, mentions: u32) -> EntityCount {
        EntityCount {
            name: name.into(),
            kind: kind.into(),
            mentions,
        }
    }

    #[test]
    fn which_articles_mention_an_entity() {
        let mut store = Store::open_in_memory().unwrap();
        let a = Article::new("A", Body::from_blocks([(BlockKind::Paragraph, "x")]));
        let b = Article::new("B", Body::from_blocks([(BlockKind::Paragraph, "y")]));
        store.insert_batch(&[a.clone(), b.clone()]).unwrap();
        assert_eq!(store.unindexed(1, 10).unwrap().len(), 2);
        store
            .set_entities(
                &a.id,
                &[
                    entity("Qassem Soleimani", "PERSON", 2),
                    entity("Iraq", "LOC", 5),
                ],
                1,
            )
            .unwrap();
        store
            .set_entities(&b.id, &[entity("Qassem Soleimani", "PERSON", 1)], 1)
            .unwrap();
        let rows = store
            .articles_mentioning("qassem soleimani", Some("PERSON"), 10)
            .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(
            store
                .articles_mentioning("Iraq", Some("PERSON"), 10)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store.entities_of(&a.id).unwrap()[0],
            entity("Iraq", "LOC", 5)
        );
        assert!(store.unindexed(1, 10).unwrap().is_empty());
        assert_eq!(
            store.unindexed(2, 10).unwrap().len(),
            2,
            "a newer extractor re-indexes"
        );
    }

    #[test]
    fn reindexing_replaces_entities() {
        let mut store = Store::open_in_memory().unwrap();
        let a = Article::new("A", Body::from_blocks([(BlockKind::Paragraph, "x")]));
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        store
            .set_entities(&a.id, &[entity("Tehran", "LOC", 1)], 1)
            .unwrap();
        store
            .set_entities(&a.id, &[entity("Baghdad", "LOC", 3)], 2)
            .unwrap();
        assert_eq!(
            store.entities_of(&a.id).unwrap(),
            [entity("Baghdad", "LOC", 3)]
        );
        assert!(
            store
                .articles_mentioning("Tehran", None, 10)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn unknown_article_is_not_found() {
        let mut store = Store::open_in_memory().unwrap();
        assert!(matches!(
            store.set_entities("nope", &[], 1),
            Err(StoreError::NotFound(_))
        ));
    }
}
