//! Canonical entities on the whole corpus store (issue 14): the 31,403 articles of
//! large.jsonl.gz imported and indexed through the binary, then ranked. Skipped, saying so,
//! without ../shared (set `BYLINE_SHARED=../shared`); CI runs it.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;
use std::process::Command;

mod common;
use common::shared;

fn byline(store: &Path, args: &[&str]) -> std::process::Output {
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success() || out.status.code() == Some(3),
        "byline {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn top(store: &Path, kind: &str) -> Vec<serde_json::Value> {
    let out = byline(
        store,
        &["entities", "--top", "--kind", kind, "-n", "30", "--json"],
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    eprintln!("top 30 {kind}:");
    for r in &rows {
        eprintln!("  {:>5}  {}", r["articles"], r["name"].as_str().unwrap());
    }
    rows
}

#[test]
fn the_corpus_store_has_one_entity_per_real_name_and_no_table_words_in_rankings() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("corpus.db");
    let corpus = shared.join("corpus/articles/large.jsonl.gz");
    byline(&store, &["import", corpus.to_str().unwrap()]);
    let indexed = byline(&store, &["index"]);
    eprintln!("{}", String::from_utf8_lossy(&indexed.stdout));
    let people = top(&store, "person");
    let orgs = top(&store, "org");
    top(&store, "place");
    top(&store, "group");
    let find = |rows: &[serde_json::Value], name: &str| {
        rows.iter()
            .find(|r| r["name"] == name)
            .map(|r| r["articles"].as_u64().unwrap())
    };
    // "Reagan" alone is Ronald Reagan: one person with about 400 articles, or more where "the
    // Reagan Administration" counts as him; 564 of the corpus's lines write the word at all.
    let reagan = find(&people, "Ronald Reagan").expect("Ronald Reagan among the top people");
    assert!(
        (350..=564).contains(&reagan),
        "Ronald Reagan in {reagan} articles"
    );
    assert!(
        find(&people, "Reagan").is_none(),
        "Reagan is a second person"
    );
    // IBM and International Business Machines are one.
    let ibm = find(&orgs, "IBM").expect("IBM among the top organisations");
    let page = byline(
        &store,
        &[
            "mentions",
            "International Business Machines Corp",
            "-n",
            "1000",
        ],
    );
    let expansion = String::from_utf8_lossy(&page.stdout).lines().count() as u64;
    assert!(
        expansion > 0,
        "the corpus names International Business Machines Corp"
    );
    assert!(
        ibm >= 200
            && orgs.iter().all(|r| !r["name"]
                .as_str()
                .unwrap()
                .starts_with("International Business")),
        "IBM in {ibm} articles; {orgs:?}"
    );
    // Its page: every name it is written as, first seen, who is seen with it.
    let page = byline(&store, &["entity", "reagan", "--json"]);
    let page: serde_json::Value = serde_json::from_slice(&page.stdout).unwrap();
    assert_eq!(page["name"], "Ronald Reagan");
    let names: Vec<&str> = page["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"Reagan") && names.contains(&"Ronald Reagan"),
        "{names:?}"
    );
    assert!(
        page["first_seen"].as_str().unwrap().starts_with("1987-"),
        "{page}"
    );
    assert!(!page["seen_with"].as_array().unwrap().is_empty());
    // An edit takes at once and is undone as easily.
    byline(&store, &["entity", "hide", "Ronald Reagan"]);
    assert!(find(&top(&store, "person"), "Ronald Reagan").is_none());
    byline(&store, &["entity", "forget", "1"]);
    assert_eq!(find(&top(&store, "person"), "Ronald Reagan"), Some(reagan));
    // No table or headline word among the top 30 organisations.
    for word in [
        "NOTE", "NET", "PCT", "UP", "SHR", "REVS", "QTR", "CTS", "LOSS", "PROFIT",
    ] {
        assert!(
            find(&orgs, word).is_none(),
            "{word} is among the top organisations"
        );
    }
}
