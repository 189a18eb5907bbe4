//! Opening a store: for writing (created and migrated as needed), or for reading only, which is
//! also what a store whose file or directory is not writable falls back to.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, MAIN_DB, OpenFlags};

use super::{BUSY_TIMEOUT, Store, StoreError, schema};

impl Store {
    /// Opens the store at `path`, creating it (and its directory) when missing and migrating
    /// an older schema. A store that cannot be written to (its file or directory is read-only)
    /// opens for reading: lists, searches and the reader work, writes fail with
    /// [`StoreError::ReadOnly`].
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        check_existing(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(path, e))?;
        }
        let existed = path.exists();
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::sqlite(path, e))?;
        // SQLite opens a file it may not write to for reading, without saying so.
        if conn.is_readonly(MAIN_DB).unwrap_or(false) {
            drop(conn);
            return Store::open_read_only(path);
        }
        match Store::init(conn, path) {
            // A writable file in a directory that is not: the write-ahead log cannot be made.
            Err(StoreError::ReadOnly { .. }) if existed => Store::open_read_only(path),
            other => other,
        }
    }

    /// Opens an existing store for reading only (the reader's loader thread, or a store on a
    /// read-only disk); nothing is created, migrated or written through it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        check_existing(path)?;
        if !path.exists() {
            return Err(StoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)
            .and_then(|c| schema::version(&c).map(|v| (c, v)))
            .or_else(|e| immutable_if_unshared(path, e))
            .map_err(|e| StoreError::sqlite(path, e));
        let (conn, found) = conn?;
        let err = |e| StoreError::sqlite(path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        if found > schema::LATEST {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: schema::LATEST,
            });
        }
        if found < schema::LATEST {
            return Err(StoreError::NeedsUpgrade {
                path: path.to_path_buf(),
                found,
            });
        }
        conn.pragma_update(None, "query_only", "ON").map_err(err)?;
        Ok(Store::from_parts(conn, path, true))
    }

    /// A store that lives in memory only, for tests and `byline open`.
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory()
            .map_err(|e| StoreError::sqlite(Path::new(":memory:"), e))?;
        Store::init(conn, Path::new(":memory:"))
    }

    /// Opens at a given schema version without going further; for migration tests.
    #[doc(hidden)]
    pub fn open_at_version(path: &Path, version: u32) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path).map_err(|e| StoreError::sqlite(path, e))?;
        schema::migrate(&mut conn, version).map_err(|e| StoreError::sqlite(path, e))?;
        Ok(Store::from_parts(conn, path, false))
    }

    /// Whether writes through this store fail because it was opened for reading only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    fn init(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        let err = |e| StoreError::sqlite(path, e);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(err)?;
        let found = schema::version(&conn).map_err(err)?;
        if found > schema::LATEST {
            return Err(StoreError::TooNew {
                path: path.to_path_buf(),
                found,
                supported: schema::LATEST,
            });
        }
        if found == 0 {
            // Before the first table: a new store gives back the pages the full-text index's
            // merges free (`Store::index_text`), 16 MB of 639 at 310,000 articles.
            conn.pragma_update(None, "auto_vacuum", "INCREMENTAL")
                .map_err(err)?;
        }
        set_wal(&conn).map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        // A write-ahead log that grew (a big import) is cut back after a checkpoint.
        conn.pragma_update(None, "journal_size_limit", 64 * 1024 * 1024)
            .map_err(err)?;
        if found < schema::LATEST {
            if found > 0 {
                super::backup::before_migration(&conn, path, found)?;
            }
            schema::migrate(&mut conn, schema::LATEST).map_err(err)?;
        }
        Ok(Store::from_parts(conn, path, false))
    }

    fn from_parts(conn: Connection, path: &Path, read_only: bool) -> Store {
        Store {
            conn,
            path: path.to_path_buf(),
            defer_text_index: false,
            read_only,
            _guard: crate::guard::register(path),
        }
    }
}

/// A read-only WAL store needs its `-shm` file, which SQLite cannot create in a directory it
/// may not write to. When no `-wal` exists either, no writer is at work (every connection to a
/// WAL store keeps one), and the file can be read as it is on disk.
fn immutable_if_unshared(
    path: &Path,
    first: rusqlite::Error,
) -> rusqlite::Result<(Connection, u32)> {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    let no_writer = !Path::new(&wal).exists();
    if !no_writer || first.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) {
        return Err(first);
    }
    let mut url = url::Url::from_file_path(std::path::absolute(path).unwrap_or_default())
        .map_err(|()| first)?;
    url.set_query(Some("immutable=1"));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(url.as_str(), flags)?;
    let version = schema::version(&conn)?;
    Ok((conn, version))
}

/// Switches to WAL. The switch needs an exclusive lock that SQLite does not wait for, so a
/// store being created by two processes at once retries here.
fn set_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0)) {
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(10));
            }
            other => return other.map(|_| ()),
        }
    }
}

/// Refuses a directory or a device before SQLite is asked to open it; whether a file is an
/// SQLite database is left to SQLite, which reads its header and writes nothing to a file that
/// is not one.
///
/// Only the metadata is read here, on purpose: opening and closing a descriptor of the file in
/// this process would drop every POSIX lock SQLite holds on it through other connections (the
/// reader has two), after which another process checkpoints and deletes the write-ahead log
/// under their feet ("How To Corrupt An SQLite Database File", 2.2). See: issue 11.
fn check_existing(path: &Path) -> Result<(), StoreError> {
    let Ok(meta) = std::fs::metadata(path) else {
        return Ok(());
    };
    let detail = if meta.is_dir() {
        "it is a directory"
    } else if !meta.is_file() {
        "it is not a regular file"
    } else {
        return Ok(());
    };
    Err(StoreError::NotADatabase {
        path: path.to_path_buf(),
        detail: detail.into(),
    })
}
