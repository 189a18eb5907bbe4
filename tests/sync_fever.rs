//! `byline sync` against a real Fever server (coldsweat) on 127.0.0.1: first sync, marking in
//! both directions, a conflict, a wrong key, a server down or stopping mid-sync, a resumed
//! first sync. Skips, saying why, when the coldsweat venv is missing (.ci/run makes it).
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

mod sync_fever {
    pub mod server;
}

use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use sync_fever::server::{self, PASSWORD, USER};

fn byline(store: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(store)
        .args(args)
        .env("BYLINE_PASSWORD", PASSWORD)
        .env_remove("BYLINE_STORE")
        .output()
        .unwrap()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

fn add(store: &Path, url: &str) {
    ok(byline(
        store,
        &["sync", "add", "fever", url, "--user", USER],
    ));
}

/// The articles from the server (the store's samples left out), as (title, id, read, starred).
fn synced(store: &Path) -> Vec<(String, String, bool, bool)> {
    let out = ok(byline(store, &["list", "--json", "--limit", "1000"]));
    let list: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let mut rows: Vec<_> = list
        .iter()
        .filter(|a| a["title"].as_str().unwrap().contains(" story "))
        .map(|a| {
            let s = |k: &str| a[k].as_str().unwrap().to_string();
            (
                s("title"),
                s("id"),
                a["is_read"] == true,
                a["is_starred"] == true,
            )
        })
        .collect();
    rows.sort();
    rows
}

fn id_of(store: &Path, title: &str) -> String {
    synced(store).into_iter().find(|r| r.0 == title).unwrap().1
}

macro_rules! need_server {
    () => {
        match server::flask() {
            Ok(flask) => flask,
            Err(why) => {
                eprintln!("skipped: {why}");
                return;
            }
        }
    };
}

#[test]
fn first_sync_brings_items_as_searchable_articles() {
    let flask = need_server!();
    let cs = server::start(&flask, &[("Quay", 3), ("Dock", 2)]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    add(&store, &cs.url);
    let key = dir.path().join("s.db.server-1.key");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    assert!(!std::fs::read_to_string(&key).unwrap().contains(PASSWORD));
    let summary = ok(byline(&store, &["sync"]));
    assert!(summary.contains("5 new articles"), "{summary}");
    let rows = synced(&store);
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| !r.2 && !r.3));
    let found = ok(byline(&store, &["search", "harbour report"]));
    assert!(found.contains("Quay story 2"), "{found}");
    let shown = ok(byline(&store, &["show", &id_of(&store, "Dock story 1")]));
    assert!(
        shown.contains("Harbour report number 1 from Dock"),
        "{shown}"
    );
    let again = ok(byline(&store, &["sync"]));
    assert!(
        again.contains("0 new articles") && again.contains("3 requests"),
        "{again}"
    );
    let status = ok(byline(&store, &["sync", "status"]));
    assert!(
        status.contains("5 items stored, 0 changes to push"),
        "{status}"
    );
}

#[test]
fn read_and_star_travel_both_ways() {
    let flask = need_server!();
    let cs = server::start(&flask, &[("Quay", 3)]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    add(&store, &cs.url);
    ok(byline(&store, &["sync"]));
    let local = id_of(&store, "Quay story 0");
    ok(byline(&store, &["mark", "--read", "--star", &local]));
    let on_server = server::server_id(&cs.url, "Quay story 2");
    server::mark_on_server(&cs.url, on_server, "read");
    server::mark_on_server(&cs.url, on_server, "saved");
    let status = ok(byline(&store, &["sync", "status"]));
    assert!(status.contains("2 changes to push"), "{status}");
    let summary = ok(byline(&store, &["sync"]));
    assert!(summary.contains("2 pushed, 2 pulled"), "{summary}");
    let pushed = server::server_id(&cs.url, "Quay story 0").to_string();
    let (unread, saved) = server::server_state(&cs.url);
    assert!(!unread.split(',').any(|i| i == pushed), "{unread}");
    assert!(saved.split(',').any(|i| i == pushed), "{saved}");
    let rows = synced(&store);
    let story2 = rows.iter().find(|r| r.0 == "Quay story 2").unwrap();
    assert!(story2.2 && story2.3, "{rows:?}");
    let story1 = rows.iter().find(|r| r.0 == "Quay story 1").unwrap();
    assert!(!story1.2 && !story1.3, "{rows:?}");
}

#[test]
fn server_wins_an_item_changed_on_both_sides() {
    let flask = need_server!();
    let cs = server::start(&flask, &[("Quay", 2)]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    add(&store, &cs.url);
    ok(byline(&store, &["sync"]));
    let local = id_of(&store, "Quay story 1");
    // Here: read, then unread again, so the change to push is "unread". There: read.
    ok(byline(&store, &["mark", "--read", &local]));
    ok(byline(&store, &["mark", "--unread", &local]));
    server::mark_on_server(&cs.url, server::server_id(&cs.url, "Quay story 1"), "read");
    let summary = ok(byline(&store, &["sync"]));
    assert!(
        summary.contains("0 pushed") && summary.contains("1 conflict "),
        "{summary}"
    );
    let rows = synced(&store);
    assert!(
        rows.iter().find(|r| r.0 == "Quay story 1").unwrap().2,
        "{rows:?}"
    );
    let id = server::server_id(&cs.url, "Quay story 1").to_string();
    let (unread, _) = server::server_state(&cs.url);
    assert!(!unread.split(',').any(|i| i == id), "{unread}");
}

#[test]
fn wrong_key_and_a_server_down_cost_only_their_own_sync() {
    let flask = need_server!();
    let cs = server::start(&flask, &[("Quay", 2)]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let refused = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .args(["sync", "add", "fever", &cs.url, "--user", USER])
        .env("BYLINE_PASSWORD", "not the password at all")
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("refused the API key"));
    // Server 1 with a key the server no longer takes (its password changed there).
    add(&store, &cs.url);
    std::fs::write(
        dir.path().join("s.db.server-1.key"),
        "0123456789abcdef0123456789abcdef",
    )
    .unwrap();
    // Server 2 answers the sign-in, then nothing: it went down.
    let budget = Arc::new(AtomicUsize::new(1));
    let gate = server::proxy(&cs.url[7..cs.url.len() - 7], budget.clone());
    add(&store, &format!("{gate}/fever/"));
    // Server 3 is the same account, reached by another spelling of the URL: it works.
    add(&store, cs.url.trim_end_matches('/'));
    let out = byline(&store, &["sync"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout(&out).contains("2 new articles"), "{}", stdout(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refused the API key"));
    let status = ok(byline(&store, &["sync", "status"]));
    assert!(
        status.contains("last sync failed: the server refused the API key"),
        "{status}"
    );
    assert_eq!(status.matches("last sync failed").count(), 2, "{status}");
    assert_eq!(synced(&store).len(), 2);
}

#[test]
fn a_first_sync_cut_short_resumes_where_it_stopped() {
    let flask = need_server!();
    let cs = server::start(&flask, &[("Quay", 120)]);
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let budget = Arc::new(AtomicUsize::new(1));
    let gate = server::proxy(&cs.url[7..cs.url.len() - 7], budget.clone());
    let url = format!("{gate}/fever/");
    add(&store, &url);
    // Sign-in used the one request; now the first page and the feed list, then it stops.
    budget.store(2, Ordering::SeqCst);
    let out = byline(&store, &["sync"]);
    assert_eq!(out.status.code(), Some(3));
    let status = ok(byline(&store, &["sync", "status"]));
    assert!(
        status.contains("50 items stored") && status.contains("last sync failed"),
        "{status}"
    );
    assert_eq!(synced(&store).len(), 50);
    budget.store(100, Ordering::SeqCst);
    let summary = ok(byline(&store, &["sync"]));
    // Pages 2 and 3, the empty page, the feed list, two id lists: page 1 is not fetched again.
    assert!(
        summary.contains("70 new articles") && summary.contains("6 requests"),
        "{summary}"
    );
    assert_eq!(synced(&store).len(), 120);
    let status = ok(byline(&store, &["sync", "status"]));
    assert!(
        status.contains("120 items stored") && !status.contains("failed"),
        "{status}"
    );
}
