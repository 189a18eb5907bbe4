//! Crafted files through every importer: what is stored holds no terminal control codes, even
//! when the file spells them as character references or escapes that are decoded late.
//! See: issue 11, "Hostile input".
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;

use assert_cmd::Command;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

/// Characters that must never be stored: ESC, CSI (C1), BEL, RLO, RLM, ALM, LRI.
const UNSAFE: &[char] = &[
    '\u{1b}', '\u{9b}', '\u{07}', '\u{202e}', '\u{200f}', '\u{061c}', '\u{2066}', '\u{85}',
];

/// Every string inside a JSON value, keys excepted.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// Imports `name` with `content` into a fresh store and returns the stored article (read back
/// with `show --json`) of the one article the file gave.
fn import_and_read_back(name: &str, content: &[u8]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let file = dir.path().join(name);
    std::fs::write(&file, content).unwrap();
    let out = byline(&store).arg("import").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list = byline(&store)
        .args(["list", "--json", "--limit", "1000"])
        .output()
        .unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    let row = rows
        .iter()
        .find(|r| r["title"].as_str().unwrap().contains("Evil"))
        .expect("the crafted article is stored");
    let shown = byline(&store)
        .args(["show", row["id"].as_str().unwrap(), "--json"])
        .output()
        .unwrap();
    serde_json::from_slice(&shown.stdout).unwrap()
}

fn assert_clean(article: &serde_json::Value) {
    let mut all = Vec::new();
    strings(article, &mut all);
    for s in &all {
        assert!(
            !s.contains(UNSAFE),
            "stored with a control character: {s:?}"
        );
    }
}

#[test]
fn plain_text_controls_are_not_stored() {
    let text = "Evil \u{1b}]0;pwned\u{7} title \u{202e}txt.exe\n\
                By Ana \u{9b}31mRuiz\u{200f}\n\n\
                CAIRO \u{85}– The \u{1b}[2Jscreen clears \u{2066}here.\n";
    let a = import_and_read_back("evil.txt", text.as_bytes());
    assert_clean(&a);
    assert_eq!(a["title"], "Evil ]0;pwned title txt.exe");
    assert_eq!(a["authors"][0], "Ana 31mRuiz");
}

#[test]
fn markdown_character_references_are_filtered_after_decoding() {
    let text = "---\nauthor: Ana &#27;Ruiz\nsource: Wire\u{202e}\ntags: [a&#155;, b]\n---\n\
                # Evil &#27;[2J title &#x202e;gnp.exe\n\n\
                Text &#155;31m with [a link](https://example.org/&#27;x) \
                and &#x200F;marks &#1564; &#x2066;here.\n";
    let a = import_and_read_back("evil.md", text.as_bytes());
    assert_clean(&a);
    assert_eq!(a["title"], "Evil [2J title gnp.exe");
    assert!(
        a["body"]["text"]
            .as_str()
            .unwrap()
            .starts_with("Text 31m with a link"),
        "{a}"
    );
}

#[test]
fn json_escapes_are_filtered() {
    let text = r#"{"title":"Evil \u001b[2J \u202etitle","body":"Clear \u009b2J \u200fhere",
        "authors":["Ana \u0007Ruiz"],"source":"Wire\u061c","tags":["t\u2066ag"],
        "url":"https://example.org/\u001b]0;x","date_raw":"someday \u009b"}"#;
    let a = import_and_read_back("evil.json", text.as_bytes());
    assert_clean(&a);
    assert!(a["title"].as_str().unwrap().starts_with("Evil"));
}

#[test]
fn feed_entities_are_filtered_in_every_field() {
    let rss = r#"<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Wire &#27;]0;pwned&#7;</title><link>https://example.org/</link>
<item><title>Evil &#27;[2J &#x202e;title</title>
<link>https://example.org/a&#27;[2J</link>
<dc:creator>Ana &#155;31mRuiz</dc:creator>
<category>world&#x200f;</category>
<pubDate>someday &#27;[2J</pubDate>
<description>Plain &#x2066;text &#155;31m here</description></item>
<item><title>Evil in HTML</title><link>https://example.org/b</link>
<description>&lt;p&gt;Para &amp;#27;[2J &amp;#x202e;one&lt;/p&gt;&lt;img alt="x&amp;#27;y"&gt;</description></item>
</channel></rss>"#;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let file = dir.path().join("evil.xml");
    std::fs::write(&file, rss).unwrap();
    byline(&store).arg("import").arg(&file).assert().success();
    let list = byline(&store).args(["list", "--json"]).output().unwrap();
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&list.stdout).unwrap();
    let evil: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["title"].as_str().unwrap().contains("Evil"))
        .collect();
    assert_eq!(evil.len(), 2);
    for row in evil {
        let shown = byline(&store)
            .args(["show", row["id"].as_str().unwrap(), "--json"])
            .output()
            .unwrap();
        let a: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
        assert_clean(&a);
        assert!(a["source"].as_str().unwrap().starts_with("Wire"), "{a}");
    }
}

#[test]
fn opml_fields_are_filtered_at_import() {
    let opml = r#"<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Folder &#27;[2J&#x202e;">
<outline text="Evil &#27;]0;pwned&#7;" xmlUrl="https://example.org/rss&#27;[2J" category="c&#155;at"/>
</outline></body></opml>"#;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let file = dir.path().join("evil.opml");
    std::fs::write(&file, opml).unwrap();
    byline(&store)
        .args(["opml", "import"])
        .arg(&file)
        .assert()
        .success();
    let out = byline(&store)
        .args(["feed", "list", "--json"])
        .output()
        .unwrap();
    let feeds: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(feeds.as_array().unwrap().len(), 1);
    assert_clean(&feeds);
    assert_eq!(feeds[0]["title"], "Evil ]0;pwned");
    assert_eq!(feeds[0]["tags"][0], "Folder [2J");
}
