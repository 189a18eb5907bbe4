//! Keeping the store sound: `byline check`, `repair`, `backup`, `restore`, and the daily backup
//! of commands that write.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};

use super::{Outcome, extract, plural};
use crate::store::{CheckReport, Store, salvage};
use crate::{errln, outln};

/// Backups kept when the config does not say (`[backup] keep = N`, 0 for none).
const DEFAULT_KEEP: usize = 3;

/// How many daily backups to keep, from `[backup] keep` in config.toml.
pub fn backups_to_keep() -> usize {
    // Only this one value is read here: the reader reports the file's mistakes.
    crate::settings::config_value("backup", "keep")
        .and_then(|v| v.as_integer())
        .map_or(DEFAULT_KEEP, |n| usize::try_from(n).unwrap_or(0))
}

/// The daily backup, for commands that write: a failure is said, never fatal.
pub fn daily_backup(store: &Store) {
    if let Err(e) = store.backup_if_due(backups_to_keep()) {
        errln!("byline: the daily backup failed: {}", e);
    }
}

/// `byline check`: 0 when sound, 1 with what is wrong.
pub fn check(path: &Path) -> Result<Outcome> {
    let started = Instant::now();
    let store = Store::open(path).context("cannot open the store")?;
    let report = store.check()?;
    let articles = store.count().unwrap_or(0);
    print_report(&report)?;
    let took = started.elapsed().as_secs_f64();
    if report.is_sound() {
        outln!(
            "sound: {articles} article{} checked in {took:.1} s",
            plural(articles)
        )?;
        return Ok(Outcome::Done);
    }
    outln!("`byline repair` mends it (the damaged file is kept)")?;
    Ok(Outcome::Unsound)
}

fn print_report(report: &CheckReport) -> Result<()> {
    for p in &report.problems {
        outln!("problem: {}", p)?;
    }
    for n in &report.notes {
        outln!("note: {}", n)?;
    }
    Ok(())
}

/// `byline repair`: indexes rebuilt in place, or a damaged file salvaged into a new store that
/// then replaces the content of the old one, whose exact copy is kept.
pub fn repair(path: &Path) -> Result<Outcome> {
    let report = match Store::open(path) {
        Ok(store) => store.check(),
        Err(e) => Err(e),
    };
    let damaged = match report {
        Ok(r) if r.is_sound() => {
            outln!("nothing to repair: the store is sound")?;
            return Ok(Outcome::Done);
        }
        Ok(r) => {
            print_report(&r)?;
            r.damaged_file
        }
        Err(e) => {
            outln!("problem: {}", e)?;
            true
        }
    };
    if damaged {
        salvage_in_place(path)?;
    } else {
        let mut store = Store::open(path)?;
        for done in store.rebuild_indexes()? {
            outln!("repaired: {}", done)?;
        }
    }
    let mut store = Store::open(path)?;
    let waiting = store.unindexed_count(crate::extract::EXTRACTOR_VERSION)?;
    if waiting > 0 {
        errln!(
            "indexing the entities of {waiting} article{}…",
            plural(waiting)
        );
    }
    let indexed = extract::index_pending(&mut store, usize::MAX)?;
    outln!("entities indexed for {indexed} article{}", plural(indexed))?;
    let after = store.check()?;
    print_report(&after)?;
    Ok(if after.is_sound() {
        outln!("the store is sound")?;
        Outcome::Done
    } else {
        Outcome::Unsound
    })
}

fn salvage_in_place(path: &Path) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new(".")).join("backups");
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("{}: cannot create", crate::article::shown(&dir)))?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let stem = path
        .file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy());
    let kept = dir.join(format!("{stem}-{stamp}-damaged.db"));
    // No connection of this process is open here: the copy cannot cost SQLite its locks.
    for suffix in ["", "-wal"] {
        let (from, to) = (with_suffix(path, suffix), with_suffix(&kept, suffix));
        if suffix.is_empty() || from.exists() {
            std::fs::copy(&from, &to)
                .with_context(|| format!("{}: cannot keep a copy", crate::article::shown(&from)))?;
        }
    }
    outln!(
        "the damaged store is kept, as it was, in {}",
        crate::article::shown(&kept)
    )?;
    let salvaged = dir.join(format!("{stem}-{stamp}-salvaged.db"));
    let report = salvage(&kept, &salvaged)?;
    for (table, copied, lost) in &report.tables {
        let lost = if *lost > 0 {
            format!(", {lost} unreadable")
        } else {
            String::new()
        };
        outln!("recovered: {table}: {copied} row{}{lost}", plural(*copied))?;
    }
    let mut live = rusqlite::Connection::open(path)?;
    let from = rusqlite::Connection::open(&salvaged)?;
    let put = rusqlite::backup::Backup::new(&from, &mut live).and_then(|b| b.step(-1).map(|_| ()));
    if let Err(e) = put {
        anyhow::bail!(
            "the salvaged store is {}, but it could not replace the damaged one ({e}). Close \
             every byline, move {} and its -wal and -shm files away together, then move the \
             salvaged file to its place",
            crate::article::shown(&salvaged),
            crate::article::shown(path)
        );
    }
    outln!(
        "the salvaged articles are back in {}",
        crate::article::shown(path)
    )?;
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// `byline backup [PATH]`.
pub fn backup(path: &Path, dest: Option<&Path>) -> Result<Outcome> {
    let started = Instant::now();
    let store = Store::open(path).context("cannot open the store")?;
    let dest = dest.map_or_else(
        || {
            let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
            let stem = path
                .file_stem()
                .map_or_else(|| "library".into(), |s| s.to_string_lossy());
            store.backup_dir().join(format!("{stem}-{stamp}.db"))
        },
        Path::to_path_buf,
    );
    let bytes = store.backup_to(&dest)?;
    outln!(
        "backed up {} articles to {} ({:.1} MB in {:.1} s)",
        store.count()?,
        crate::article::shown(&dest),
        bytes as f64 / 1e6,
        started.elapsed().as_secs_f64()
    )?;
    Ok(Outcome::Done)
}

/// `byline restore FILE`: the store as the backup has it; what it held before is backed up
/// first.
pub fn restore(path: &Path, from: &Path) -> Result<Outcome> {
    let mut store = Store::open(path).context("cannot open the store")?;
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let stem = path
        .file_stem()
        .map_or_else(|| "library".into(), |s| s.to_string_lossy());
    let before = store
        .backup_dir()
        .join(format!("{stem}-{stamp}-before-restore.db"));
    store.backup_to(&before).with_context(|| {
        "the store could not be backed up before being replaced; `byline repair` keeps a \
         damaged store and salvages it"
    })?;
    store.restore_from(from)?;
    outln!(
        "restored {} articles from {}; what the store held before is in {}",
        store.count()?,
        crate::article::shown(from),
        crate::article::shown(&before)
    )?;
    Ok(Outcome::Done)
}
