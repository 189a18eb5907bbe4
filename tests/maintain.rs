//! Keeping a store sound, as a user runs it: `byline check`, `repair`, `backup`, `restore`, the
//! daily backup, and what a damaged store says. See: issue 11.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store)
        .env("BYLINE_CONFIG", "/nonexistent/config.toml");
    cmd
}

/// A store of the sample library plus `n` articles of its own.
fn store_with(dir: &Path, n: usize) -> std::path::PathBuf {
    let store = dir.join("library.db");
    let input = dir.join("in.jsonl");
    let filler = "The harbour board met and talked about cranes and tides. ".repeat(30);
    let lines: Vec<String> = (0..n)
        .map(|i| {
            serde_json::json!({"title": format!("Harbour {i}"), "body": format!("{filler} {i}")})
                .to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    // A first start brings the samples; an import first would not.
    byline(&store).assert().success();
    byline(&store).arg("import").arg(&input).assert().success();
    store
}

fn count(store: &Path) -> usize {
    let out = byline(store)
        .args(["list", "--json", "--limit", "100000"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<serde_json::Value>>(&out.stdout)
        .unwrap()
        .len()
}

#[test]
fn a_sound_store_checks_sound() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 20);
    byline(&store)
        .arg("check")
        .assert()
        .code(0)
        .stdout(predicate::str::contains("sound: 33 articles checked"));
}

#[test]
fn a_damaged_search_index_is_found_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 20);
    let conn = rusqlite::Connection::open(&store).unwrap();
    conn.execute_batch("DELETE FROM articles_fts_data WHERE id > 10 AND rowid % 2 = 0")
        .unwrap();
    drop(conn);
    byline(&store)
        .arg("check")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("problem: search index"))
        .stdout(predicate::str::contains("byline repair"));
    byline(&store)
        .arg("repair")
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "search index rebuilt from 33 articles",
        ))
        .stdout(predicate::str::contains("the store is sound"));
    byline(&store).arg("check").assert().code(0);
    byline(&store)
        .args(["search", "cranes", "--limit", "100"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Harbour 7"));
}

#[test]
fn a_damaged_file_is_kept_salvaged_and_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 600);
    let mut bytes = std::fs::read(&store).unwrap();
    let page = 4096;
    let at = bytes.len() / 2 / page * page;
    bytes[at..at + 4 * page].fill(0xA5);
    std::fs::write(&store, &bytes).unwrap();

    // Commands on it say what to run.
    byline(&store)
        .args(["search", "cranes", "--limit", "1000"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("byline repair"));
    byline(&store).arg("check").assert().code(1);
    let out = byline(&store).arg("repair").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("recovered: articles:"), "{stdout}");

    let backups = dir.path().join("backups");
    let kept = std::fs::read_dir(&backups)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-damaged.db"))
        .expect("a copy of the damaged file");
    assert_eq!(
        std::fs::read(&kept).unwrap(),
        bytes,
        "the damaged file is kept as it was"
    );
    let n = count(&store);
    assert!((550..612).contains(&n), "{n} articles after the salvage");
    byline(&store).arg("check").assert().code(0);
}

#[test]
fn a_backup_restores_what_the_store_held() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 5);
    let copy = dir.path().join("copy.db");
    byline(&store)
        .arg("backup")
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("backed up 18 articles"));
    byline(&store)
        .arg("backup")
        .arg(&copy)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists already"));
    let more = dir.path().join("more.jsonl");
    std::fs::write(&more, r#"{"title": "Later", "body": "after the backup"}"#).unwrap();
    byline(&store).arg("import").arg(&more).assert().success();
    assert_eq!(count(&store), 19);

    byline(&store)
        .arg("restore")
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("restored 18 articles"));
    assert_eq!(count(&store), 18);
    byline(&store).arg("check").assert().code(0);
    let before = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-before-restore.db"))
        .expect("what the store held before the restore");
    let old = rusqlite::Connection::open(before).unwrap();
    let n: usize = old
        .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 19);
}

#[test]
fn commands_that_write_back_up_once_a_day_unless_told_not_to() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 3);
    let daily = |dir: &Path| {
        std::fs::read_dir(dir.join("backups"))
            .map(|d| {
                d.filter(|e| {
                    let name = e.as_ref().unwrap().file_name();
                    let name = name.to_string_lossy();
                    name.starts_with("library-2")
                        && name.len() == "library-20261201-213000.db".len()
                })
                .count()
            })
            .unwrap_or(0)
    };
    assert_eq!(daily(dir.path()), 1, "the import made the day's backup");
    byline(&store)
        .args(["search", "harbour"])
        .assert()
        .success();
    byline(&store)
        .arg("import")
        .arg(dir.path().join("in.jsonl"))
        .assert()
        .success();
    byline(&store).args(["check"]).assert().success();
    assert_eq!(daily(dir.path()), 1, "one a day");

    let off = tempfile::tempdir().unwrap();
    let config = off.path().join("config.toml");
    std::fs::write(&config, "[backup]\nkeep = 0\n").unwrap();
    let store = off.path().join("library.db");
    let input = off.path().join("a.jsonl");
    std::fs::write(&input, r#"{"title": "A", "body": "b"}"#).unwrap();
    byline(&store)
        .env("BYLINE_CONFIG", &config)
        .arg("import")
        .arg(&input)
        .assert()
        .success();
    assert_eq!(daily(off.path()), 0, "keep = 0 turns it off");
}
