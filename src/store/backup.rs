//! Backups: consistent snapshots of a live store through SQLite's online backup API, never a
//! copy of its file (which could catch a write half done, and whose descriptor would drop
//! SQLite's locks in this process). Made before every schema migration and at most once a day;
//! the last few are kept beside the store, in `backups/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};

use super::{Store, StoreError, schema};

/// How often a store opened for writing is backed up.
pub const BACKUP_EVERY: Duration = Duration::from_secs(24 * 60 * 60);

/// How many backups made before a schema migration are kept (apart from the daily ones).
const KEEP_BEFORE_MIGRATION: usize = 2;

impl Store {
    /// Where this store's backups go: `backups/` beside it.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir(&self.path)
    }

    /// Writes a consistent snapshot of the store to `dest`, a new file; returns its size in
    /// bytes. Other processes may go on reading and writing meanwhile.
    pub fn backup_to(&self, dest: &Path) -> Result<u64, StoreError> {
        snapshot(&self.conn, &self.path, dest)
    }

    /// The daily backup: made when the newest one is older than [`BACKUP_EVERY`] (or there is
    /// none), keeping the newest `keep`; nothing when `keep` is 0 or the store is read-only.
    pub fn backup_if_due(&self, keep: usize) -> Result<Option<PathBuf>, StoreError> {
        if keep == 0 || self.read_only || self.path == Path::new(":memory:") {
            return Ok(None);
        }
        let newest = daily_backups(&self.path).into_iter().next();
        let age = newest
            .as_ref()
            .and_then(|p| std::fs::metadata(p).ok()?.modified().ok())
            .and_then(|t| SystemTime::now().duration_since(t).ok());
        if newest.is_some() && age.is_some_and(|a| a < BACKUP_EVERY) {
            return Ok(None);
        }
        let dest = backup_name(&self.path, "");
        self.backup_to(&dest)?;
        prune(daily_backups(&self.path), keep);
        Ok(Some(dest))
    }

    /// The backups of this store, newest first (daily ones and those made before migrations).
    pub fn backups(&self) -> Vec<PathBuf> {
        let mut all = listed(&self.path, |_| true);
        all.sort();
        all.reverse();
        all
    }

    /// Replaces the whole content of the store with the backup at `src`, through SQLite (other
    /// processes see the restored content), then brings its schema up to date.
    pub fn restore_from(&mut self, src: &Path) -> Result<(), StoreError> {
        if crate::guard::is_open_store_file(src) {
            return Err(StoreError::Corrupt {
                path: src.to_path_buf(),
                detail: "is an open store, not a backup".into(),
            });
        }
        let from = Connection::open_with_flags(src, OpenFlags::SQLITE_OPEN_READ_ONLY)
            .map_err(|e| StoreError::sqlite(src, e))?;
        let found = schema::version(&from).map_err(|e| StoreError::sqlite(src, e))?;
        if found == 0 || found > schema::LATEST {
            return Err(StoreError::NotADatabase {
                path: src.to_path_buf(),
                detail: format!("schema {found} is not one this byline reads"),
            });
        }
        let ok: String = from
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .map_err(|e| StoreError::sqlite(src, e))?;
        if ok != "ok" {
            return Err(StoreError::Corrupt {
                path: src.to_path_buf(),
                detail: ok,
            });
        }
        copy_all(&from, &mut self.conn).map_err(|e| self.err(e))?;
        schema::migrate(&mut self.conn, schema::LATEST).map_err(|e| self.err(e))
    }
}

/// Before a migration from schema `found`, a snapshot named for it (kept apart from the daily
/// ones, the last [`KEEP_BEFORE_MIGRATION`]).
pub(super) fn before_migration(
    conn: &Connection,
    path: &Path,
    found: u32,
) -> Result<(), StoreError> {
    if path == Path::new(":memory:") {
        return Ok(());
    }
    let dest = backup_name(path, &format!("-schema{found}"));
    snapshot(conn, path, &dest)?;
    prune(
        listed(path, |n| n.contains("-schema")),
        KEEP_BEFORE_MIGRATION,
    );
    Ok(())
}

fn snapshot(conn: &Connection, path: &Path, dest: &Path) -> Result<u64, StoreError> {
    if crate::guard::is_open_store_file(dest) || dest.exists() {
        return Err(StoreError::BackupTarget {
            path: dest.to_path_buf(),
            detail: "it exists already; a backup goes to a new file".into(),
        });
    }
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dest, e))?;
    }
    // Written under a temporary name and renamed whole: a killed backup leaves no file that
    // looks like a backup.
    let mut partial = dest.as_os_str().to_owned();
    partial.push(format!(".partial-{}", std::process::id()));
    let partial = PathBuf::from(partial);
    let result = (|| {
        let mut to = Connection::open(&partial)?;
        copy_all(conn, &mut to)?;
        // One self-contained file, without a write-ahead log beside it.
        to.pragma_update_and_check(None, "journal_mode", "DELETE", |_| Ok(()))?;
        to.close().map_err(|(_, e)| e)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&partial);
        return Err(StoreError::sqlite(path, e));
    }
    std::fs::rename(&partial, dest).map_err(|e| StoreError::io(dest, e))?;
    std::fs::metadata(dest)
        .map(|m| m.len())
        .map_err(|e| StoreError::io(dest, e))
}

/// Copies every page in one step: one read transaction on `from`, so the copy is one moment of
/// it even while other connections write (a step-by-step copy restarts at each such write).
fn copy_all(from: &Connection, to: &mut Connection) -> rusqlite::Result<()> {
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ => {
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }
}

fn backup_dir(store: &Path) -> PathBuf {
    store
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

fn stem(store: &Path) -> String {
    store
        .file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy().into_owned())
}

/// `backups/library-20261201-213000{suffix}.db`, in UTC, so that names sort by time.
fn backup_name(store: &Path, suffix: &str) -> PathBuf {
    let now = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    backup_dir(store).join(format!("{}-{now}{suffix}.db", stem(store)))
}

/// The store's backups whose names pass `keep`, in no order.
fn listed(store: &Path, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let prefix = format!("{}-", stem(store));
    let Ok(entries) = std::fs::read_dir(backup_dir(store)) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix) && n.ends_with(".db") && keep(n))
        })
        .collect()
}

/// The rotating backups, newest first: `library-20261201-213000.db` exactly (those kept before
/// a migration, a restore or a repair are named otherwise, and left alone).
fn daily_backups(store: &Path) -> Vec<PathBuf> {
    let len = stem(store).len() + "-20261201-213000.db".len();
    let mut daily = listed(store, |n| {
        n.len() == len
            && n[len - 18..len - 3]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b'-')
    });
    daily.sort();
    daily.reverse();
    daily
}

/// Deletes all but the newest `keep` of `backups` (names sort by time).
fn prune(mut backups: Vec<PathBuf>, keep: usize) {
    backups.sort();
    backups.reverse();
    for old in backups.into_iter().skip(keep) {
        let _ = std::fs::remove_file(old);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};

    fn store_with(path: &Path, titles: &[&str]) -> Store {
        let mut store = Store::open(path).unwrap();
        let articles: Vec<Article> = titles
            .iter()
            .map(|t| Article::new(*t, Body::from_blocks([(BlockKind::Paragraph, "text")])))
            .collect();
        store.insert_batch(&articles).unwrap();
        store
    }

    #[test]
    fn a_backup_is_a_whole_store_that_restores() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store_with(&dir.path().join("library.db"), &["Kept", "Also kept"]);
        let dest = dir.path().join("copy.db");
        assert!(store.backup_to(&dest).unwrap() > 0);
        assert!(!dir.path().join("copy.db-wal").exists(), "one file");
        let copy = Store::open(&dest).unwrap();
        assert_eq!(copy.count().unwrap(), 2);
        copy.integrity_check().unwrap();
        drop(copy);
        let err = store.backup_to(&dest).unwrap_err().to_string();
        assert!(err.contains("exists already"), "{err}");

        store
            .insert_batch(&[Article::new(
                "Later",
                Body::from_blocks([(BlockKind::Paragraph, "x")]),
            )])
            .unwrap();
        assert_eq!(store.count().unwrap(), 3);
        store.restore_from(&dest).unwrap();
        assert_eq!(store.count().unwrap(), 2);
        store.integrity_check().unwrap();
    }

    #[test]
    fn the_daily_backup_is_made_once_and_old_ones_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let store = store_with(&dir.path().join("library.db"), &["A"]);
        let first = store
            .backup_if_due(2)
            .unwrap()
            .expect("no backup yet: one is due");
        assert!(first.starts_with(dir.path().join("backups")));
        assert_eq!(store.backup_if_due(2).unwrap(), None, "one a day");
        assert_eq!(store.backup_if_due(0).unwrap(), None, "off");
        // Older backups (as if from earlier days) are pruned to the newest `keep`.
        for day in ["20200101", "20200102", "20200103"] {
            let old = store.backup_dir().join(format!("library-{day}-000000.db"));
            std::fs::copy(&first, &old).unwrap();
        }
        prune(daily_backups(store.path()), 2);
        let left = daily_backups(store.path());
        assert_eq!(left.len(), 2);
        assert_eq!(left[0], first);
        assert!(left[1].ends_with("library-20200103-000000.db"));
    }

    #[test]
    fn a_migration_is_preceded_by_a_backup_of_the_old_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        drop(Store::open_at_version(&path, 2).unwrap());
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::LATEST);
        let backups = store.backups();
        assert_eq!(backups.len(), 1, "{backups:?}");
        let old = Connection::open(&backups[0]).unwrap();
        assert_eq!(schema::version(&old).unwrap(), 2);
    }
}
