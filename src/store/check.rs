//! `byline check` and the in-place half of `byline repair`: SQLite's own check, the full-text
//! index against the articles, and the consistency of the entity index and reading state.

use super::{Store, StoreError, schema};

/// What a check found: problems (the store is not sound) and notes (what was not checked).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    pub problems: Vec<String>,
    pub notes: Vec<String>,
    /// SQLite itself found damage in the file: only salvaging into a new file mends that.
    pub damaged_file: bool,
}

impl CheckReport {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Counts that must be zero in a sound store, each with what it means.
const CONSISTENCY: &[(&str, &str)] = &[
    (
        "SELECT count(*) FROM fts_pending WHERE article NOT IN (SELECT rowid FROM articles)",
        "waiting for the search index but gone",
    ),
    (
        "SELECT count(*) FROM article_entities WHERE mentions < 1",
        "entity-index rows count no mention",
    ),
    (
        "SELECT count(*) FROM articles WHERE is_read NOT IN (0, 1) OR is_starred NOT IN (0, 1)",
        "articles have a read or star mark that is neither on nor off",
    ),
];

impl Store {
    /// Checks the whole store; reads only (a read-only store is checked too, the full-text
    /// index against its articles only when nothing waits to be indexed).
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let mut report = CheckReport::default();
        let version = schema::version(&self.conn).map_err(|e| self.err(e))?;
        if version != schema::LATEST {
            report
                .problems
                .push(format!("schema {version}, expected {}", schema::LATEST));
        }
        match self.sqlite_check() {
            Ok(lines) if lines == ["ok"] => {}
            Ok(lines) => {
                // SQLite checks the FTS5 tables too; their damage is mended by a rebuild.
                for line in lines {
                    if line.contains("FTS5 table") {
                        report.problems.push(format!("search index: {line}"));
                    } else {
                        report.damaged_file = true;
                        report.problems.push(format!("SQLite: {line}"));
                    }
                }
            }
            Err(e) => {
                report.damaged_file = true;
                report.problems.push(format!("SQLite: {e}"));
            }
        }
        if report.damaged_file {
            // Further queries would only repeat the damage.
            return Ok(report);
        }
        if report.problems.is_empty() {
            self.check_text_index(&mut report)?;
        }
        self.check_references(&mut report)?;
        Ok(report)
    }

    fn sqlite_check(&self) -> rusqlite::Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check(100)")?;
        stmt.query_map([], |r| r.get(0))?.collect()
    }

    fn check_text_index(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        let pending = self.text_index_pending()?;
        if pending > 0 && self.read_only {
            report.notes.push(format!(
                "the search index was not compared with the articles: {pending} wait for it \
                 and a read-only store cannot index them"
            ));
            return Ok(());
        }
        // Waiting articles are indexed inside a transaction that is rolled back: the check
        // then compares every article, and writes nothing.
        let result = self.within_rollback(|conn| {
            if pending > 0 {
                super::write::index_pending_rows(conn)?;
            }
            conn.execute(
                "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
                [],
            )
        });
        if let Err(e) = result {
            report.problems.push(format!("search index: {e}"));
        }
        Ok(())
    }

    fn check_references(&self, report: &mut CheckReport) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT \"table\", parent, count(*) FROM pragma_foreign_key_check GROUP BY 1, 2",
            )
            .map_err(|e| self.err(e))?;
        let dangling: Vec<(String, String, usize)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        for (table, parent, n) in dangling {
            let what = match (table.as_str(), parent.as_str()) {
                ("article_entities", "articles") => {
                    "entity-index rows name an article that is gone"
                }
                ("article_entities", _) => "entity-index rows name an entity that is gone",
                ("user_tags", _) => "tags are on an article that is gone",
                ("articles", _) => "articles name a feed that is gone",
                _ => "rows point at rows that are gone",
            };
            report.problems.push(format!("{n} {what} ({table})"));
        }
        for (sql, what) in CONSISTENCY {
            let n: usize = self
                .conn
                .query_row(sql, [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            if n > 0 {
                report.problems.push(format!("{n} {what}"));
            }
        }
        Ok(())
    }

    /// Runs `f` inside a transaction that is always rolled back.
    fn within_rollback<T>(
        &self,
        f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.conn.execute_batch("BEGIN")?;
        let result = f(&self.conn);
        let _ = self.conn.execute_batch("ROLLBACK");
        result
    }

    /// Rebuilds what can be rebuilt in place: the full-text index from the articles, rows
    /// pointing at rows that are gone, marks that are neither on nor off; articles whose entity
    /// rows were broken are left to be indexed again. Returns what was done.
    pub fn rebuild_indexes(&mut self) -> Result<Vec<String>, StoreError> {
        const STEPS: &[(&str, &str)] = &[
            (
                "UPDATE articles SET indexed = 0 WHERE rowid IN (SELECT article FROM article_entities \
              WHERE entity NOT IN (SELECT id FROM entities) OR mentions < 1)",
                "articles to index for entities again",
            ),
            (
                "DELETE FROM article_entities WHERE entity NOT IN (SELECT id FROM entities) \
              OR article NOT IN (SELECT rowid FROM articles) OR mentions < 1",
                "broken entity-index rows removed",
            ),
            (
                "DELETE FROM user_tags WHERE article NOT IN (SELECT rowid FROM articles)",
                "tags of articles that are gone removed",
            ),
            (
                "DELETE FROM article_feeds WHERE article NOT IN (SELECT rowid FROM articles) \
              OR feed NOT IN (SELECT id FROM feeds)",
                "feed links of articles or feeds that are gone removed",
            ),
            (
                "UPDATE articles SET feed = NULL WHERE feed IS NOT NULL \
              AND feed NOT IN (SELECT id FROM feeds)",
                "articles of feeds that are gone kept, without their feed",
            ),
            (
                "UPDATE articles SET is_read = (is_read != 0), is_starred = (is_starred != 0) \
              WHERE is_read NOT IN (0, 1) OR is_starred NOT IN (0, 1)",
                "read and star marks set straight",
            ),
            ("DELETE FROM fts_pending", ""),
            (
                "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
                "",
            ),
        ];
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        let mut done = Vec::new();
        for (sql, what) in STEPS {
            let n = tx.execute(sql, []).map_err(err)?;
            if n > 0 && !what.is_empty() {
                done.push(format!("{n} {what}"));
            }
        }
        let articles: usize = tx
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .map_err(err)?;
        done.push(format!("search index rebuilt from {articles} articles"));
        tx.commit().map_err(err)?;
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};
    use crate::store::EntityCount;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("library.db")).unwrap();
        let a = Article::new(
            "Oil",
            Body::from_blocks([(BlockKind::Paragraph, "Crude rose.")]),
        );
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        let e = EntityCount {
            name: "OPEC".into(),
            kind: "ORG".into(),
            mentions: 2,
        };
        store.set_entities(&a.id, &[e], 1).unwrap();
        (dir, store)
    }

    #[test]
    fn a_sound_store_checks_sound_without_writing() {
        let (_dir, mut store) = store();
        store.defer_text_index(true);
        store
            .insert_batch(&[Article::new(
                "Later",
                Body::from_blocks([(BlockKind::Paragraph, "waiting")]),
            )])
            .unwrap();
        let report = store.check().unwrap();
        assert!(report.is_sound(), "{report:?}");
        assert_eq!(store.text_index_pending().unwrap(), 1, "the check wrote");
    }

    #[test]
    fn index_damage_is_found_and_rebuilt_in_place() {
        let (_dir, mut store) = store();
        store
            .conn
            .execute_batch(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO articles_fts(rowid, title, body) VALUES (999, 'ghost', 'ghost');
                 INSERT INTO article_entities VALUES (12345, 1, 3);
                 INSERT INTO user_tags VALUES (777, 'orphan');
                 UPDATE articles SET is_read = 7;
                 PRAGMA foreign_keys = ON;",
            )
            .unwrap();
        let report = store.check().unwrap();
        let text = report.problems.join("\n");
        assert!(!report.damaged_file);
        assert!(text.contains("search index"), "{text}");
        assert!(
            text.contains("entity-index rows name an entity that is gone"),
            "{text}"
        );
        assert!(
            text.contains("tags are on an article that is gone"),
            "{text}"
        );
        assert!(text.contains("neither on nor off"), "{text}");
        let done = store.rebuild_indexes().unwrap();
        assert!(
            done.iter().any(|d| d.contains("search index rebuilt")),
            "{done:?}"
        );
        let report = store.check().unwrap();
        assert!(report.is_sound(), "{report:?}");
        assert_eq!(store.search("ghost", 0, 5).unwrap().len(), 0);
        assert_eq!(store.search("crude", 0, 5).unwrap().len(), 1);
        assert_eq!(store.unindexed(1, 5).unwrap().len(), 1, "to index again");
    }
}
