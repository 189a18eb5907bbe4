//! Files this process must never open outside SQLite: the database files of the stores it has
//! open, with their `-wal`, `-shm` and `-journal` companions.
//!
//! On POSIX, closing any descriptor of a file drops every lock the process holds on it,
//! SQLite's included ("How To Corrupt An SQLite Database File", 2.2). A store opened here, then
//! the same file read as an article, a feed or a config file (`byline import ~/.local/share/
//! byline`, a `file://` feed pointing at it) would let another process delete the write-ahead
//! log under this one. [`Store`](crate::store::Store) registers its file on open; every reader
//! of outside files asks [`is_open_store_file`] first. See: issue 11.

use std::path::Path;
use std::sync::Mutex;

/// A file's identity: device and inode, so that a symlink or another spelling of the path is
/// the same file.
type Identity = (u64, u64);

/// Open stores, each with how many connections of this process hold it.
static OPEN: Mutex<Vec<(Identity, usize)>> = Mutex::new(Vec::new());

/// Holds a store file registered while it lives.
#[derive(Debug)]
pub struct Registration(Identity);

/// Registers the database file at `path` as open (it must exist); `None` when it cannot be
/// identified.
pub fn register(path: &Path) -> Option<Registration> {
    let id = identity(path)?;
    let mut open = OPEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match open.iter_mut().find(|(i, _)| *i == id) {
        Some((_, n)) => *n += 1,
        None => open.push((id, 1)),
    }
    Some(Registration(id))
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut open = OPEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(at) = open.iter().position(|(i, _)| *i == self.0) {
            open[at].1 -= 1;
            if open[at].1 == 0 {
                open.swap_remove(at);
            }
        }
    }
}

/// Whether `path` is the database file of a store open in this process, or one of its
/// companions: reading it here would break SQLite's locks.
pub fn is_open_store_file(path: &Path) -> bool {
    let open = OPEN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if open.is_empty() {
        return false;
    }
    let is_open = |p: &Path| identity(p).is_some_and(|id| open.iter().any(|(i, _)| *i == id));
    if is_open(path) {
        return true;
    }
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    ["-wal", "-shm", "-journal"]
        .iter()
        .filter_map(|suffix| name.strip_suffix(suffix))
        .any(|db| is_open(&path.with_file_name(db)))
}

/// The message for a refused read, naming the file.
pub fn refusal(path: &Path) -> String {
    format!(
        "{}: is byline's own store, open in this process; it is not read as an input",
        crate::article::shown(path)
    )
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<Identity> {
    use std::os::unix::fs::MetadataExt;
    // stat(2) only: no descriptor is opened, so no lock can be lost here.
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<Identity> {
    use std::hash::{Hash, Hasher};
    let canonical = std::fs::canonicalize(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    Some((0, h.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_and_its_companions_are_guarded_while_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.db");
        let wal = dir.path().join("library.db-wal");
        let other = dir.path().join("notes.txt");
        std::fs::write(&other, "x").unwrap();
        let store = crate::store::Store::open(&db).unwrap();
        assert!(wal.exists());
        assert!(is_open_store_file(&db));
        assert!(is_open_store_file(&wal));
        assert!(is_open_store_file(&dir.path().join("./library.db")));
        assert!(!is_open_store_file(&other));
        let second = crate::store::Store::open(&db).unwrap();
        drop(store);
        assert!(
            is_open_store_file(&db),
            "the second connection still holds it"
        );
        drop(second);
        assert!(!is_open_store_file(&db));
    }
}
