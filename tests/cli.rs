//! The command line as a user runs it: real binary, real store file in a temp directory.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A store holding the samples, as a first start (`byline` alone) makes it.
fn sampled(dir: &tempfile::TempDir) -> PathBuf {
    let store = dir.path().join("library.db");
    byline(&store).assert().success();
    store
}

fn list_json(store: &Path) -> Vec<serde_json::Value> {
    let out = byline(store)
        .args(["list", "--json", "--limit", "1000"])
        .output()
        .unwrap();
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn new_store_opens_onto_the_sample_library() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    byline(&store)
        .assert()
        .success()
        .stdout(predicate::str::contains("Iran’s President Visits Iraq"));
    let rows = list_json(&store);
    assert!(rows.len() >= 11, "{}", rows.len());
}

#[test]
fn import_twice_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let before = list_json(&store).len();
    byline(&store)
        .args(["import"])
        .arg(fixture("wire.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "imported 1 new article from 1 file; 0 already in the store; 0 failed",
        ));
    byline(&store)
        .args(["import"])
        .arg(fixture("wire.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "imported 0 new articles from 1 file; 1 already in the store",
        ));
    assert_eq!(list_json(&store).len(), before + 1);
}

#[test]
fn partial_failure_exits_3_and_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        fixture("broken-array.json"),
        inputs.join("broken-array.json"),
    )
    .unwrap();
    std::fs::write(inputs.join("empty.txt"), "").unwrap();
    std::fs::write(inputs.join("binary.txt"), b"\x7fELF\x02\x01\x01\0\0\0\0").unwrap();
    std::fs::write(
        inputs.join("latin1.txt"),
        b"Caf\xe9 opens\n\nThe caf\xe9 opened in Z\xfcrich.",
    )
    .unwrap();
    std::fs::write(inputs.join("ignored.png"), b"\x89PNG").unwrap();
    let out = byline(&store).arg("import").arg(&inputs).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let has = |file: &str, reason: &str| {
        stderr
            .lines()
            .any(|l| l.contains(file) && l.contains(reason))
    };
    assert!(
        has("broken-array.json:3", "record 2: \"title\" must be text"),
        "{stderr}"
    );
    assert!(has("empty.txt", "empty file"), "{stderr}");
    assert!(has("binary.txt", "binary file"), "{stderr}");
    assert_eq!(stderr.lines().count(), 3, "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("imported 3 new articles from 4 files"),
        "{stdout}"
    );
    let titles: Vec<String> = list_json(&store)
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert!(titles.contains(&"Café opens".to_string()));
    assert!(titles.contains(&"Second good one".to_string()));
}

#[test]
fn usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    byline(&dir.path().join("s.db"))
        .arg("import")
        .assert()
        .code(2);
    byline(&dir.path().join("s.db"))
        .arg("frobnicate")
        .assert()
        .code(2);
}

#[test]
fn every_command_has_help_with_examples() {
    for cmd in [
        &["--help"][..],
        &["import", "--help"],
        &["list", "--help"],
        &["show", "--help"],
    ] {
        Command::cargo_bin("byline")
            .unwrap()
            .args(cmd)
            .assert()
            .success()
            .stdout(predicate::str::contains("Examples:"));
    }
}

#[test]
fn show_prints_fields_and_json_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    byline(&store)
        .arg("import")
        .arg(fixture("wire.txt"))
        .assert()
        .success();
    let id = list_json(&store)
        .iter()
        .find(|r| r["title"] == "HARBOUR CRANES ORDERED FOR NEW BERTH")
        .map(|r| r["id"].as_str().unwrap().to_string())
        .unwrap();
    byline(&store)
        .args(["show", &id[..8]])
        .assert()
        .success()
        .stdout(predicate::str::contains("Dateline: MOMBASA, Kenya"))
        .stdout(predicate::str::contains(
            "A port operator said it had ordered six cranes",
        ));
    let json = byline(&store)
        .args(["show", &id, "--json"])
        .output()
        .unwrap()
        .stdout;
    let exported = dir.path().join("export.json");
    std::fs::write(&exported, &json).unwrap();
    let other = dir.path().join("other.db");
    byline(&other)
        .arg("import")
        .arg(&exported)
        .assert()
        .success();
    let again = byline(&other)
        .args(["show", &id, "--json"])
        .output()
        .unwrap()
        .stdout;
    assert_eq!(json, again);
}

#[test]
fn unknown_id_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    byline(&dir.path().join("s.db"))
        .args(["show", "zzzz"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no article zzzz"));
}

#[test]
fn store_that_is_not_a_database_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("notes.txt");
    std::fs::write(&store, "shopping list").unwrap();
    byline(&store)
        .arg("list")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a byline store"));
    assert_eq!(std::fs::read_to_string(&store).unwrap(), "shopping list");
}

#[test]
fn twenty_megabyte_article_imports() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let big = dir.path().join("big.txt");
    let para = "The committee met again on Tuesday and agreed nothing new. ".repeat(40);
    let mut text = String::from("A Very Long Report\n\n");
    while text.len() < 20 * 1024 * 1024 {
        text.push_str(&para);
        text.push_str("\n\n");
    }
    std::fs::write(&big, &text).unwrap();
    byline(&store)
        .arg("import")
        .arg(&big)
        .assert()
        .success()
        .stdout(predicate::str::contains("imported 1 new article"));
}

#[test]
fn escape_codes_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let evil = dir.path().join("evil.json");
    std::fs::write(
        &evil,
        r#"{"title":"Bad \u001b]0;pwned\u0007 title","body":"Clear \u001b[2J screen"}"#,
    )
    .unwrap();
    byline(&store).arg("import").arg(&evil).assert().success();
    let out = byline(&store).arg("list").output().unwrap();
    assert!(!out.stdout.contains(&0x1b), "ESC reached stdout");
    let id = list_json(&store)
        .iter()
        .find(|r| r["title"].as_str().unwrap().starts_with("Bad"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = byline(&store).args(["show", &id]).output().unwrap();
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
}

#[test]
fn default_store_lives_under_xdg_data_home() {
    let dir = tempfile::tempdir().unwrap();
    Command::cargo_bin("byline")
        .unwrap()
        .env_remove("BYLINE_STORE")
        .env("XDG_DATA_HOME", dir.path())
        .env("HOME", dir.path())
        .arg("list")
        .assert()
        .success();
    assert!(dir.path().join("byline/library.db").is_file());
}

#[test]
fn search_ranks_marks_and_reports_bad_queries() {
    let dir = tempfile::tempdir().unwrap();
    let store = sampled(&dir);
    let out = byline(&store)
        .args(["search", "pezeshkian", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        hits[0]["title"],
        "Iran’s President Visits Iraq Amid Rising Middle East Tensions, Reports Reuters"
    );
    let snippet = hits[0]["snippet"].as_str().unwrap();
    let (s, e) = (
        hits[0]["highlights"][0][0].as_u64().unwrap() as usize,
        hits[0]["highlights"][0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&snippet[s..e], "Pezeshkian");
    byline(&store)
        // Undated articles are dated by when they were stored (the samples: now), so the range
        // is closed on both sides.
        .args([
            "search",
            "title:halvorsen",
            "after:2026-10-01",
            "before:2026-11-01",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Halvorsen Maritime Profit Falls"))
        .stdout(predicate::str::contains("Opens Deep-Water Berth").not());
    byline(&store)
        .args(["search", "iran AND"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "bad search query \"iran AND\": the query ends with an operator",
        ));
}

#[test]
fn mark_read_star_and_tag_show_in_lists() {
    let dir = tempfile::tempdir().unwrap();
    let store = sampled(&dir);
    let rows = list_json(&store);
    let first = rows[0]["id"].as_str().unwrap().to_string();
    byline(&store)
        .args(["mark", "--read", "--star", "--tag", "iran", &first[..6]])
        .assert()
        .success();
    let unread = byline(&store)
        .args(["list", "--unread", "--json", "--limit", "1000"])
        .output()
        .unwrap()
        .stdout;
    let unread: Vec<serde_json::Value> = serde_json::from_slice(&unread).unwrap();
    assert_eq!(unread.len(), rows.len() - 1);
    let tagged = byline(&store)
        .args(["list", "--tag", "iran", "--json"])
        .output()
        .unwrap()
        .stdout;
    let tagged: Vec<serde_json::Value> = serde_json::from_slice(&tagged).unwrap();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0]["is_starred"], true);
    byline(&store).args(["mark", &first]).assert().code(2);
}

#[test]
fn entities_index_and_mentions() {
    let dir = tempfile::tempdir().unwrap();
    let store = sampled(&dir);
    // The sample library is indexed when the store is made.
    let out = byline(&store)
        .args(["mentions", "Søren Dahl", "--json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(rows.len() >= 4, "{rows:?}");
    // A new article is not indexed until `byline index` runs.
    byline(&store)
        .arg("import")
        .arg(fixture("wire.txt"))
        .assert()
        .success();
    let cranes = || {
        let out = byline(&store)
            .args(["mentions", "Mombasa", "--json"])
            .output()
            .unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.iter()
            .any(|r| r["title"] == "HARBOUR CRANES ORDERED FOR NEW BERTH")
    };
    assert!(!cranes());
    byline(&store)
        .arg("index")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "indexed the entities of 1 article",
        ));
    assert!(cranes());
    byline(&store)
        .args(["entities"])
        .arg(fixture("wire.txt"))
        .assert()
        .success()
        .stdout(predicate::str::contains("LOC").and(predicate::str::contains("Mombasa")))
        .stdout(predicate::str::contains("Kenya"));
}

#[test]
fn json_lines_stream_through_batches_and_a_broken_line_costs_only_itself() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let file = dir.path().join("many.jsonl.gz");
    let mut gz = flate2::write::GzEncoder::new(
        std::fs::File::create(&file).unwrap(),
        flate2::Compression::fast(),
    );
    for n in 0..4_500 {
        if n == 2_345 {
            writeln!(gz, "{{\"title\": \"broken").unwrap();
        }
        writeln!(
            gz,
            "{{\"title\":\"Streamed {n}\",\"body\":\"Body of streamed article {n}.\"}}"
        )
        .unwrap();
    }
    gz.finish().unwrap();
    let out = byline(&store).arg("import").arg(&file).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("many.jsonl.gz:2346:"), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("imported 4500 new articles"), "{stdout}");
    let out = byline(&store)
        .args(["search", "--limit", "1", "\"streamed article 4499\""])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("Streamed 4499"));
}

// See: issue 14 (watching an entity: `byline watch add|list|remove`, is:watched, entity:NAME).
#[test]
fn watch_an_entity_lists_its_articles_and_unread_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = sampled(&dir);
    byline(&store).arg("index").assert().success();
    let titles = |query: &str| -> Vec<String> {
        let out = byline(&store)
            .args(["list", "--json", query])
            .output()
            .unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        rows.iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    let hers = titles("entity:\"Ingrid Halvorsen\"");
    assert_eq!(hers.len(), 4, "{hers:?}");
    assert!(titles("is:watched").is_empty());
    byline(&store)
        .args(["watch", "add", "Ingrid", "Halvorsen"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "watching Ingrid Halvorsen (PERSON): 4 articles",
        ));
    byline(&store)
        .args(["watch", "add", "ingrid halvorsen"])
        .assert()
        .success()
        .stdout(predicate::str::contains("watched already"));
    let mut watched = titles("is:watched");
    watched.sort();
    let mut want = hers.clone();
    want.sort();
    assert_eq!(watched, want);
    let out = byline(&store)
        .args(["watch", "list", "--json"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["entity"], "Ingrid Halvorsen");
    assert_eq!(rows[0]["articles"], 4);
    let unread = rows[0]["unread"].as_u64().unwrap();
    let out = byline(&store)
        .args(["list", "--json", "entity:\"Ingrid Halvorsen\""])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    byline(&store)
        .args(["mark", "--read"])
        .args(&ids)
        .assert()
        .success();
    let out = byline(&store).args(["watch", "list"]).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Ingrid Halvorsen") && unread > 0, "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("Ingrid") && l.split_whitespace().nth(2) == Some("0")),
        "no unread left: {text}"
    );
    byline(&store)
        .args(["watch", "remove", "Ingrid Halvorsen"])
        .assert()
        .success();
    assert!(titles("is:watched").is_empty());
    byline(&store)
        .args(["watch", "remove", "Ingrid Halvorsen"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not watched"));
}

// See: issue 14 (the user's alias table: an edit is refused when it names no entity, or
// renames one to another's name).
#[test]
fn entity_edits_that_name_no_entity_or_another_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = sampled(&dir);
    byline(&store).arg("index").assert().success();
    byline(&store)
        .args(["entity", "rename", "Halvorsen Maritime", "Ingrid Halvorsen"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "another entity is called \"Ingrid Halvorsen\": merge them instead",
        ));
    byline(&store)
        .args(["entity", "merge", "Halvorsen Maritime", "Nobody Anywhere"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no entity across the store is called \"Nobody Anywhere\"",
        ));
    byline(&store)
        .args(["entity", "edits"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("rename").not());
    byline(&store)
        .args([
            "entity",
            "rename",
            "Halvorsen Maritime",
            "Halvorsen Shipping",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("edit 1:"));
    byline(&store)
        .args(["entity", "kind", "Halvorsen Shipping", "place"])
        .assert()
        .success();
    let out = byline(&store)
        .args(["entity", "Halvorsen Shipping", "--json"])
        .output()
        .unwrap();
    let page: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(page["name"], "Halvorsen Shipping");
    assert_eq!(
        page["kind"], "LOC",
        "a later edit names it as it is now shown"
    );
}
