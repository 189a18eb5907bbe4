//! `byline fulltext` (JSON lines of pages in, articles out, in order, a bad line answered
//! with an error) and `byline import` of saved pages, from the command line.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use assert_cmd::Command;

const PAGE: &str = r#"<html><head><title>Ferry twice a day - Island News</title>
<meta property="og:site_name" content="Island News">
<meta property="article:published_time" content="2024-04-02T07:15:00+02:00">
<meta name="author" content="Li Wei"></head><body>
<nav><a href="/">Home</a> <a href="/ports">Ports</a></nav>
<div class="post-content"><p>The island ferry will run twice a day from April, the shipping line said on Tuesday, after a winter of single crossings.</p>
<p>Passengers had complained for months about the long waits, and the council had threatened to look for another operator.</p></div>
<div class="share-bar"><a href="/s">Share</a></div></body></html>"#;

fn run(input: &str) -> (Vec<serde_json::Value>, Option<i32>) {
    let out = Command::cargo_bin("byline")
        .unwrap()
        .arg("fulltext")
        .write_stdin(input)
        .output()
        .unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (lines, out.status.code())
}

#[test]
fn each_page_line_gets_its_article_in_order_and_a_bad_line_its_error() {
    let good = |id: i32| {
        serde_json::json!({"id": id, "url": "https://island.example/ferry", "html": PAGE})
            .to_string()
    };
    let input = format!("{}\nnot json\n{{\"id\": \"x\"}}\n\n{}\n", good(1), good(2));
    let (lines, code) = run(&input);
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(code, Some(3), "some lines failed");
    let first = &lines[0];
    assert_eq!(first["id"], 1);
    assert_eq!(first["title"], "Ferry twice a day");
    assert_eq!(first["authors"], serde_json::json!(["Li Wei"]));
    assert_eq!(first["published"], "2024-04-02T05:15:00Z");
    let text = first["text"].as_str().unwrap();
    assert!(
        text.starts_with("The island ferry") && text.ends_with("another operator."),
        "{text}"
    );
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .starts_with("line 2: expected"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["id"], "x");
    assert!(
        lines[2]["error"].as_str().unwrap().contains("html"),
        "{}",
        lines[2]
    );
    assert_eq!(lines[3]["id"], 2);
    assert_eq!(lines[3]["text"], first["text"]);
}

#[test]
fn an_empty_input_gives_no_lines_and_success() {
    let (lines, code) = run("");
    assert!(lines.is_empty());
    assert_eq!(code, Some(0));
}

#[test]
fn saved_pages_import_as_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ferry.html"), PAGE).unwrap();
    std::fs::write(
        dir.path().join("menu.htm"),
        "<nav><a href='/'>Home</a></nav>",
    )
    .unwrap();
    let store = dir.path().join("s.db");
    let out = Command::cargo_bin("byline")
        .unwrap()
        .arg("--store")
        .arg(&store)
        .arg("import")
        .arg(dir.path())
        .env("BYLINE_CONFIG", dir.path().join("none.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("menu.htm: a web page, but no article text was found in it"),
        "{stderr}"
    );
    let s = byline::store::Store::open(&store).unwrap();
    let hits = s.search("ferry", 0, 10).unwrap();
    assert_eq!(hits.len(), 1);
    let a = s.get(&hits[0].row.id).unwrap();
    assert_eq!(
        (a.title.as_str(), a.source.as_deref()),
        ("Ferry twice a day", Some("Island News"))
    );
    assert_eq!(a.body.blocks.len(), 2);
}
