//! Inputs too big to be articles: the extractor reads a bounded part of a huge article and
//! says so. See: issue 11, "Hostile input" (costs are measured in benches/hostile.sh, not here).
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;

use assert_cmd::Command;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

#[test]
fn entities_of_a_huge_article_are_read_from_its_start_and_the_cut_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let filler = "the committee met again on tuesday and agreed nothing new at all. ".repeat(40);
    let mut text = String::from("A Long Report\n\nAna Ruiz visited Oslo on Monday.\n\n");
    while text.len() < byline::extract::MAX_EXTRACT_BYTES + 200_000 {
        text.push_str(&filler);
        text.push_str("\n\n");
    }
    text.push_str("Sven Olsen arrived in Bergen.\n");
    let file = dir.path().join("long.txt");
    std::fs::write(&file, &text).unwrap();
    let out = byline(&store)
        .args(["entities", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let groups: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = groups.iter().map(|g| g["name"].as_str().unwrap()).collect();
    assert!(
        names.contains(&"Ana Ruiz") && names.contains(&"Oslo"),
        "{names:?}"
    );
    assert!(!names.contains(&"Sven Olsen"), "{names:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("MB long; entities were looked for in its first 1.0 MB only"),
        "{stderr}"
    );
}
