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

/// An RSS feed of `n` items; item `blank` has neither title nor text.
fn big_rss(n: usize, blank: usize) -> String {
    let mut rss = String::from("<rss version=\"2.0\"><channel><title>Big</title>\n");
    for i in 1..=n {
        if i == blank {
            rss.push_str("<item><guid>blank</guid></item>\n");
        } else {
            rss.push_str(&format!(
                "<item><title>Item {i}</title><guid>g{i}</guid></item>\n"
            ));
        }
    }
    rss.push_str("</channel></rss>\n");
    rss
}

fn count(store: &Path) -> usize {
    let out = byline(store)
        .args(["list", "--json", "--limit", "100000"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    rows.len()
}

#[test]
fn a_feed_of_more_items_than_a_batch_is_read_whole_and_numbered_through() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.xml");
    std::fs::write(&file, big_rss(2_500, 1_700)).unwrap();

    let imported = dir.path().join("imported.db");
    let before = count(&imported);
    let out = byline(&imported).arg("import").arg(&file).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("item 1700: no title and no text"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("imported 2499 new articles from 1 file"),
        "{stdout}"
    );
    assert_eq!(count(&imported), before + 2_499);

    let refreshed = dir.path().join("refreshed.db");
    byline(&refreshed)
        .args(["feed", "add"])
        .arg(&file)
        .assert()
        .success();
    let out = byline(&refreshed)
        .args(["refresh", "--json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let counts = &report["feeds"][0]["ok"];
    assert_eq!(
        (counts["added"].as_u64(), counts["skipped"].as_u64()),
        (Some(2_499), Some(1))
    );
    assert_eq!(report["feeds"][0]["title"], "Big");
    assert_eq!(count(&refreshed), before + 2_499);
}
