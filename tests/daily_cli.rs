//! The daily-reading commands as a user runs them: filters, sorting, deleting, saved searches,
//! duplicate feed items, exit codes, completions and the man page (issue 13).
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

fn stdout(store: &Path, args: &[&str]) -> String {
    let out = byline(store).args(args).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// A store of four articles: two dated, one undated with a title over two lines, one from a
/// source with a wide (CJK) name.
fn store(dir: &tempfile::TempDir) -> PathBuf {
    let store = dir.path().join("s.db");
    let file = dir.path().join("items.jsonl");
    let lines = [
        r#"{"title":"Grain prices rise","body":"Wheat rose again.","published":"2024-03-01T00:00:00Z","source":"Reuters"}"#,
        r#"{"title":"Old harbour story","body":"Cranes and wheat.","published":"2001-05-01T00:00:00Z","source":"Reuters"}"#,
        r#"{"title":"Line one\nline two","body":"An undated wire item.","source":"AG News"}"#,
        r#"{"title":"Port news","body":"Ships.","published":"2023-01-01T00:00:00Z","source":"新华社新闻"}"#,
    ];
    std::fs::write(&file, lines.join("\n")).unwrap();
    byline(&store).arg("import").arg(&file).assert().success();
    store
}

fn id_of(store: &Path, title: &str) -> String {
    let out = stdout(store, &["list", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let row = rows.iter().find(|r| r["title"] == title).unwrap();
    row["id"].as_str().unwrap().to_string()
}

#[test]
fn list_filters_sorts_and_shows_undated_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir);
    let titles = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["list", "--json"];
        all.extend(args);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&stdout(&store, &all)).unwrap();
        rows.iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    };
    // The undated item was stored today: newest first, it leads.
    assert_eq!(titles(&[])[0], "Line one\nline two");
    assert_eq!(titles(&["--sort", "oldest"])[0], "Old harbour story");
    assert_eq!(
        titles(&["source:reuters", "wheat", "--sort", "oldest"]),
        ["Old harbour story", "Grain prices rise"]
    );
    assert_eq!(
        titles(&["after:2024", "before:2025"]),
        ["Grain prices rise"]
    );
    assert_eq!(titles(&["after:30d"]), ["Line one\nline two"]);
    let grain = id_of(&store, "Grain prices rise");
    byline(&store)
        .args(["mark", "--read", "--star", &grain])
        .assert()
        .success();
    assert_eq!(titles(&["is:starred"]), ["Grain prices rise"]);
    assert_eq!(titles(&["is:unread"]).len(), 3);
    assert_eq!(titles(&["is:read"]), ["Grain prices rise"]);
    // The table: one line per article, `undated` shown, the wide source padded by columns.
    let table = stdout(&store, &["list"]);
    assert_eq!(table.lines().count(), 4, "{table}");
    let undated = table
        .lines()
        .find(|l| l.contains("Line one line two"))
        .unwrap();
    assert!(undated.contains("undated"), "{undated}");
    let title_column = |l: &str| {
        let titles = ["Line one", "Grain prices", "Port news", "Old harbour"];
        let at = titles.iter().find_map(|t| l.find(t)).unwrap();
        unicode_width::UnicodeWidthStr::width(&l[..at])
    };
    let columns: Vec<usize> = table.lines().map(title_column).collect();
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{table}");
}

#[test]
fn nothing_found_exits_1_and_unknown_ids_too() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir);
    byline(&store)
        .args(["search", "zanzibar"])
        .assert()
        .code(1)
        .stderr(contains("no articles match"));
    byline(&store)
        .args(["list", "tag:nothing"])
        .assert()
        .code(1);
    byline(&store)
        .args(["mentions", "Nobody Atall"])
        .assert()
        .code(1);
    byline(&store)
        .args(["show", "abcdef12"])
        .assert()
        .code(1)
        .stderr(contains("no article abcdef12"));
    byline(&store).args(["rm", "abcdef12"]).assert().code(1);
    byline(&store).args(["search", "wheat"]).assert().success();
    byline(&store)
        .args(["list", "is:later"])
        .assert()
        .code(2)
        .stderr(contains("is:unread"));
}

#[test]
fn rm_by_id_and_by_query_leaves_a_sound_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir);
    byline(&store).arg("index").assert().success();
    let grain = id_of(&store, "Grain prices rise");
    byline(&store)
        .args(["rm", &grain[..8]])
        .assert()
        .success()
        .stdout(contains("removed 1 article\n"));
    byline(&store).args(["search", "grain"]).assert().code(1);
    byline(&store)
        .args(["rm", "source:reuters"])
        .assert()
        .success()
        .stdout(contains("removed 1 article"));
    byline(&store)
        .args(["rm", "after:1990"])
        .assert()
        .success()
        .stdout(contains("removed 2 articles"));
    byline(&store).arg("check").assert().success();
    assert_eq!(stdout(&store, &["list"]), "");
}

#[test]
fn samples_come_only_with_a_first_start_and_carry_their_tag() {
    let dir = tempfile::tempdir().unwrap();
    // A first command that imports: no samples, then or later.
    let imported = store(&dir);
    byline(&imported).assert().success();
    assert_eq!(stdout(&imported, &["list"]).lines().count(), 4);
    // A first start: the samples, tagged, and `rm tag:sample` takes them all.
    let fresh = dir.path().join("fresh.db");
    let first = stdout(&fresh, &[]);
    assert!(first.contains("Iran’s President Visits Iraq"), "{first}");
    let n = first.lines().count();
    // Samples an older byline added untagged are tagged at the next start.
    let db = rusqlite::Connection::open(&fresh).unwrap();
    db.execute_batch("DELETE FROM user_tags; DELETE FROM meta WHERE key = 'samples_tagged';")
        .unwrap();
    drop(db);
    byline(&fresh).assert().success();
    let tagged = stdout(&fresh, &["list", "tag:sample"]);
    assert_eq!(tagged.lines().count(), n);
    byline(&fresh)
        .args(["rm", "tag:sample"])
        .assert()
        .success()
        .stdout(contains(format!("removed {n} articles")));
    byline(&fresh).arg("check").assert().success();
    // Gone for good: a later start does not bring them back.
    assert_eq!(stdout(&fresh, &[]), "");
}

#[test]
fn saved_searches_add_list_use_and_forget() {
    let dir = tempfile::tempdir().unwrap();
    let store = store(&dir);
    byline(&store)
        .args(["saved", "add", "wire", "source:reuters"])
        .assert()
        .success()
        .stdout(contains("saved \"wire\": 2 articles now"));
    byline(&store)
        .args(["saved", "add", "bad", "(wheat"])
        .assert()
        .code(2);
    byline(&store)
        .args(["saved", "list"])
        .assert()
        .success()
        .stdout(contains("wire").and(contains("source:reuters")));
    assert_eq!(
        stdout(&store, &["list", "--saved", "wire"]).lines().count(),
        2
    );
    byline(&store)
        .args(["saved", "rm", "wire"])
        .assert()
        .success();
    byline(&store)
        .args(["list", "--saved", "wire"])
        .assert()
        .code(2)
        .stderr(contains("no saved search"));
}

const RSS: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Coast RSS</title>
<item><title>Harbour strike ends</title><link>https://coast.example/strike</link><guid>rss-1</guid>
<description>Dock workers returned.</description></item></channel></rss>"#;
const ATOM: &str = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Coast Atom</title>
<id>urn:coast</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Harbour strike ends</title><link href="https://coast.example/strike"/><id>urn:atom-1</id>
<updated>2024-01-01T00:00:00Z</updated><summary>Dock workers returned.</summary></entry></feed>"#;
const JSON_FEED: &str = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Coast JSON",
"items":[{"id":"json-1","url":"https://coast.example/strike","title":"Harbour strike ends",
"content_text":"Dock workers returned."}]}"#;

/// A store subscribed to these feed files, refreshed once.
fn subscribed(dir: &tempfile::TempDir, feeds: &[(&str, &str)]) -> PathBuf {
    let store = dir.path().join("s.db");
    for (name, text) in feeds {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        byline(&store)
            .args(["feed", "add", "--no-check"])
            .arg(&path)
            .assert()
            .success();
    }
    byline(&store).arg("refresh").assert().success();
    store
}

#[test]
fn one_story_in_three_formats_is_stored_once_with_its_feeds_and_purged_with_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let store = subscribed(
        &dir,
        &[
            ("coast.rss", RSS),
            ("coast.atom", ATOM),
            ("coast.json", JSON_FEED),
        ],
    );
    let list = stdout(&store, &["list"]);
    assert_eq!(list.matches("Harbour strike ends").count(), 1, "{list}");
    let id = id_of(&store, "Harbour strike ends");
    let shown = stdout(&store, &["show", &id]);
    let feeds = shown.lines().find(|l| l.starts_with("Feeds: ")).unwrap();
    assert_eq!(feeds.matches("Coast").count(), 3, "{feeds}");
    byline(&store)
        .args(["list", "feed:atom"])
        .assert()
        .success()
        .stdout(contains("Harbour strike ends"));
    // Purging one feed keeps what the others also brought.
    byline(&store)
        .args(["feed", "remove", "1", "--purge"])
        .assert()
        .success()
        .stdout(contains("its 0 articles"));
    assert_eq!(stdout(&store, &["list"]).lines().count(), 1);
    byline(&store).arg("check").assert().success();
}

#[test]
fn feed_remove_purge_deletes_its_articles() {
    let dir = tempfile::tempdir().unwrap();
    let store = subscribed(&dir, &[("coast.rss", RSS)]);
    byline(&store)
        .args(["feed", "remove", "1", "--purge"])
        .assert()
        .success()
        .stdout(contains("its 1 article\n"));
    assert_eq!(stdout(&store, &["list"]), "");
    byline(&store).arg("check").assert().success();
}

#[test]
fn completions_and_man_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    for (shell, mark) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef byline"),
        ("fish", "complete -c byline"),
    ] {
        let script = stdout(&store, &["completions", shell]);
        assert!(script.contains(mark), "{shell}");
        assert!(script.contains("saved"), "{shell}: no `saved` subcommand");
    }
    let man = stdout(&store, &["man"]);
    assert!(
        man.starts_with(".ie") || man.contains(".TH byline"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("completions"));
    byline(&store)
        .args(["completions", "tcsh"])
        .assert()
        .code(2);
}
