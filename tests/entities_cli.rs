//! The store's entity rankings as a user asks for them: the most mentioned, and the trending
//! ones, alone or as `--top --trending` (issue 14).
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;

use assert_cmd::Command;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

fn names(store: &Path, args: &[&str]) -> Vec<(String, u64)> {
    let out = byline(store).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    rows.iter()
        .map(|r| {
            let name = r["name"].as_str().unwrap().to_string();
            (name, r["articles"].as_u64().unwrap())
        })
        .collect()
}

// See: #14
#[test]
fn the_steady_name_tops_the_store_and_the_one_that_spikes_trends() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let mut lines = Vec::new();
    // A company in the news every day for sixteen days; another only in the last two.
    for day in 1..=16 {
        lines.push(format!(
            r#"{{"title":"Markets on day {day}","body":"Acme Holdings Inc said on day {day} that its sales held steady.","published":"2024-01-{day:02}T09:00:00Z"}}"#
        ));
    }
    for (n, day) in [15, 15, 16, 16, 16].iter().enumerate() {
        lines.push(format!(
            r#"{{"title":"Robots story {n}","body":"Kestrel Robotics Inc said its robots sold out, story {n}.","published":"2024-01-{day:02}T10:00:00Z"}}"#
        ));
    }
    let file = dir.path().join("items.jsonl");
    std::fs::write(&file, lines.join("\n")).unwrap();
    byline(&store).arg("import").arg(&file).assert().success();
    byline(&store).arg("index").assert().success();
    let top = names(&store, &["entities", "--top", "--kind", "org", "--json"]);
    assert_eq!(top[0], ("Acme Holdings Inc".to_string(), 16), "{top:?}");
    let trending = names(&store, &["entities", "--trending", "--json"]);
    assert_eq!(
        trending.first(),
        Some(&("Kestrel Robotics Inc".to_string(), 5)),
        "{trending:?}"
    );
    assert!(
        !trending.iter().any(|(n, _)| n.starts_with("Acme")),
        "{trending:?}"
    );
    // The issue's spelling of the same question.
    let both = names(&store, &["entities", "--top", "--trending", "--json"]);
    assert_eq!(both, trending);
}
