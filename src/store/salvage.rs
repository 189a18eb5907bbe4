//! Salvage: what can still be read of a damaged store, copied row by row into a new one. The
//! damaged file is only read (through SQLite, as an immutable file), never written.
//!
//! Rows are read in rowid order in batches; where a batch fails on a damaged page, the rows of
//! that stretch are asked for one at a time, so one bad page costs only the rows on it. The
//! indexes (full text, entities) are not copied: they are rebuilt from the articles.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::{Store, StoreError};

/// Rows read per query while the file reads cleanly.
const BATCH: i64 = 500;

/// Tables copied, in an order that keeps references valid; rowid tables first. Entities and
/// the full-text index are rebuilt, not copied.
const ROWID_TABLES: &[&str] = &["feeds", "articles"];
const OTHER_TABLES: &[&str] = &[
    "user_tags",
    "meta",
    "pages",
    "article_feeds",
    "saved_searches",
    "entity_edits",
    "watched_entities",
];

/// What a salvage recovered.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct SalvageReport {
    /// Per table: rows copied and rows known to be lost (unreadable).
    pub tables: Vec<(String, usize, usize)>,
}

impl SalvageReport {
    /// Articles recovered and lost.
    pub fn articles(&self) -> (usize, usize) {
        self.tables
            .iter()
            .find(|t| t.0 == "articles")
            .map_or((0, 0), |t| (t.1, t.2))
    }
}

/// Copies what can be read of the store at `damaged` into a new store at `into` (which must
/// not exist), then indexes its text. Entities are left for `byline index`.
pub fn salvage(damaged: &Path, into: &Path) -> Result<SalvageReport, StoreError> {
    let from = open_damaged(damaged).map_err(|e| StoreError::sqlite(damaged, e))?;
    if into.exists() {
        return Err(StoreError::BackupTarget {
            path: into.to_path_buf(),
            detail: "it exists already; a salvage goes to a new file".into(),
        });
    }
    let mut store = Store::open(into)?;
    let mut report = SalvageReport::default();
    let to = store
        .conn
        .transaction()
        .map_err(|e| StoreError::sqlite(into, e))?;
    to.execute_batch("PRAGMA defer_foreign_keys = ON")
        .map_err(|e| StoreError::sqlite(into, e))?;
    for table in ROWID_TABLES.iter().chain(OTHER_TABLES) {
        let columns = shared_columns(&from, &to, table);
        if columns.is_empty() {
            report.tables.push(((*table).into(), 0, 0));
            continue;
        }
        let (copied, lost) = if ROWID_TABLES.contains(table) {
            copy_by_rowid(&from, &to, table, &columns)
        } else {
            copy_streaming(&from, &to, table, &columns)
        }
        .map_err(|e| StoreError::sqlite(into, e))?;
        report.tables.push(((*table).into(), copied, lost));
    }
    let fix = "UPDATE articles SET indexed = 0; DELETE FROM user_tags WHERE article NOT IN \
               (SELECT rowid FROM articles); DELETE FROM article_feeds WHERE article NOT IN \
               (SELECT rowid FROM articles) OR feed NOT IN (SELECT id FROM feeds); UPDATE articles SET feed = NULL WHERE feed NOT IN \
               (SELECT id FROM feeds); INSERT INTO fts_pending SELECT rowid FROM articles;";
    to.execute_batch(fix)
        .map_err(|e| StoreError::sqlite(into, e))?;
    to.commit().map_err(|e| StoreError::sqlite(into, e))?;
    store.index_text()?;
    Ok(report)
}

/// Opens the damaged file for reading, with its write-ahead log where SQLite can still use it,
/// else as the file alone.
fn open_damaged(damaged: &Path) -> rusqlite::Result<Connection> {
    let plain =
        Connection::open_with_flags(damaged, OpenFlags::SQLITE_OPEN_READ_ONLY).and_then(|c| {
            c.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))
                .map(|()| c)
        });
    if plain.is_ok() {
        return plain;
    }
    let mut url = url::Url::from_file_path(std::path::absolute(damaged).unwrap_or_default())
        .map_err(|()| rusqlite::Error::InvalidPath(damaged.to_path_buf()))?;
    url.set_query(Some("immutable=1"));
    Connection::open_with_flags(
        url.as_str(),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )
}

/// The columns `table` has in both stores (an older damaged store may lack some).
fn shared_columns(from: &Connection, to: &Connection, table: &str) -> Vec<String> {
    let names = |c: &Connection| -> Vec<String> {
        c.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
            .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
            .unwrap_or_default()
    };
    let theirs = names(from);
    names(to)
        .into_iter()
        .filter(|c| theirs.contains(c))
        .collect()
}

fn quoted(columns: &[String]) -> Vec<String> {
    columns.iter().map(|c| format!("\"{c}\"")).collect()
}

fn insert_sql(table: &str, columns: &[String], with_rowid: bool) -> String {
    let mut names = quoted(columns);
    if with_rowid {
        names.insert(0, "rowid".into());
    }
    let marks = vec!["?"; names.len()].join(", ");
    format!(
        "INSERT OR IGNORE INTO {table} ({}) VALUES ({marks})",
        names.join(", ")
    )
}

/// Copies a rowid table; returns (copied, lost).
fn copy_by_rowid(
    from: &Connection,
    to: &Connection,
    table: &str,
    columns: &[String],
) -> rusqlite::Result<(usize, usize)> {
    let list = quoted(columns).join(", ");
    let batch =
        format!("SELECT rowid, {list} FROM {table} WHERE rowid > ?1 ORDER BY rowid LIMIT ?2");
    let one = format!("SELECT rowid, {list} FROM {table} WHERE rowid = ?1");
    // Where the end is, if the rightmost pages can say; else a stretch past the last row read.
    let max: Option<i64> = from
        .query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| r.get(0))
        .ok()
        .flatten();
    let mut insert = to.prepare(&insert_sql(table, columns, true))?;
    let (mut last, mut copied, mut lost) = (0i64, 0usize, 0usize);
    loop {
        match read_rows(from, &batch, &[Value::Integer(last), Value::Integer(BATCH)]) {
            Ok(rows) if rows.is_empty() => break,
            Ok(rows) => {
                for row in rows {
                    last = row_id(&row);
                    copied += usize::from(insert.execute(params_from_iter(row))? > 0);
                }
            }
            Err(_) => {
                // One at a time through the damaged stretch, up to the next readable row.
                let end = max.unwrap_or(last + 100 * BATCH).max(last + 1);
                let mut resumed = false;
                while last < end && !resumed {
                    last += 1;
                    match read_rows(from, &one, &[Value::Integer(last)]) {
                        Ok(rows) if rows.is_empty() => {}
                        Ok(rows) => {
                            for row in rows {
                                copied += usize::from(insert.execute(params_from_iter(row))? > 0);
                            }
                            resumed = true;
                        }
                        Err(_) => lost += 1,
                    }
                }
                if !resumed {
                    break;
                }
            }
        }
    }
    Ok((copied, lost))
}

/// Copies a table without rowids as far as it reads; returns (copied, 0 or 1 when the read
/// broke off).
fn copy_streaming(
    from: &Connection,
    to: &Connection,
    table: &str,
    columns: &[String],
) -> rusqlite::Result<(usize, usize)> {
    let list = quoted(columns).join(", ");
    let Ok(mut select) = from.prepare(&format!("SELECT {list} FROM {table}")) else {
        return Ok((0, 1));
    };
    let mut insert = to.prepare(&insert_sql(table, columns, false))?;
    let n = columns.len();
    let Ok(mut rows) = select.query([]) else {
        return Ok((0, 1));
    };
    let mut copied = 0;
    loop {
        match rows.next() {
            Ok(Some(row)) => {
                let values: rusqlite::Result<Vec<Value>> = (0..n).map(|i| row.get(i)).collect();
                let Ok(values) = values else {
                    return Ok((copied, 1));
                };
                copied += usize::from(insert.execute(params_from_iter(values))? > 0);
            }
            Ok(None) => return Ok((copied, 0)),
            Err(_) => return Ok((copied, 1)),
        }
    }
}

fn read_rows(from: &Connection, sql: &str, args: &[Value]) -> rusqlite::Result<Vec<Vec<Value>>> {
    let mut stmt = from.prepare_cached(sql)?;
    let n = stmt.column_count();
    let rows = stmt.query_map(params_from_iter(args), |r| {
        (0..n).map(|i| r.get::<_, Value>(i)).collect()
    })?;
    rows.collect()
}

fn row_id(row: &[Value]) -> i64 {
    match row.first() {
        Some(Value::Integer(i)) => *i,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};
    use crate::store::StateChange;

    #[test]
    fn a_store_with_damaged_pages_gives_up_only_the_rows_on_them() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let filler = "The harbour board met and talked about cranes. ".repeat(40);
        {
            let mut store = Store::open(&path).unwrap();
            let articles: Vec<Article> = (0..600)
                .map(|i| {
                    let text = format!("{filler} Number {i}.");
                    Article::new(
                        format!("Article {i}"),
                        Body::from_blocks([(BlockKind::Paragraph, text.as_str())]),
                    )
                })
                .collect();
            store.insert_batch(&articles).unwrap();
            store
                .change_state(&articles[599].id, &StateChange::Starred(true))
                .unwrap();
            store
                .change_state(&articles[599].id, &StateChange::Tag("kept".into()))
                .unwrap();
        }
        // Garbage over a few pages in the middle of the file, with no connection open.
        let mut bytes = std::fs::read(&path).unwrap();
        let page = 4096;
        let at = bytes.len() / 2 / page * page;
        bytes[at..at + 3 * page].fill(0xA5);
        std::fs::write(&path, &bytes).unwrap();
        let damaged = Store::open(&path).unwrap().check().unwrap();
        assert!(damaged.damaged_file, "{damaged:?}");

        let into = dir.path().join("salvaged.db");
        let report = salvage(&path, &into).unwrap();
        assert_eq!(
            std::fs::read(&path).unwrap(),
            bytes,
            "the damaged file was written"
        );
        let (copied, _) = report.articles();
        assert!((550..600).contains(&copied), "{report:?}");
        let store = Store::open(&into).unwrap();
        store.integrity_check().unwrap();
        assert_eq!(store.count().unwrap(), copied);
        let starred = store
            .page(
                &crate::store::ListFilter {
                    starred_only: true,
                    tag: Some("kept".into()),
                    ..Default::default()
                },
                0,
                5,
            )
            .unwrap();
        assert_eq!(starred.len(), 1, "reading state and tags come along");
        assert!(!store.search("cranes", 0, 5).unwrap().is_empty());
    }
}
