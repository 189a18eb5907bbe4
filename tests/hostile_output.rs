//! What byline prints, checked byte by byte through the real binary: JSON escapes every
//! terminal control code, and error messages, tables and listings show crafted file names,
//! URLs and stored text escaped (`\u{1b}`) by one rule. See: issue 11, "Hostile input".
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;

use assert_cmd::Command;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store).env_remove("XDG_DATA_HOME");
    cmd
}

/// Raw control codes that must never be printed: ESC, BEL, and the UTF-8 of CSI (C1), NEL,
/// RLO and LRI.
fn assert_no_raw_controls(bytes: &[u8], what: &str) {
    let text = String::from_utf8_lossy(bytes);
    for bad in [
        '\u{1b}', '\u{7}', '\u{9b}', '\u{85}', '\u{202e}', '\u{2066}',
    ] {
        assert!(!text.contains(bad), "{what} printed {bad:?} raw: {text:?}");
    }
}

/// A store whose sample article's title carries C1 and bidi controls, as a store written by an
/// older byline (or another program) may: returns the article's id.
fn store_with_hostile_title(store: &Path) -> String {
    // A first start: the samples.
    byline(store).assert().success();
    let db = rusqlite::Connection::open(store).unwrap();
    let id: String = db
        .query_row(
            "SELECT id FROM articles WHERE title LIKE 'Iran%President Visits Iraq%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    db.execute(
        "UPDATE articles SET title = ?1, source = ?2 WHERE id = ?3",
        [
            "Iran\u{9b}31m \u{202e}Visits\u{2066} Iraq",
            "Reu\u{85}ters",
            &id,
        ],
    )
    .unwrap();
    id
}

#[test]
fn json_output_escapes_c1_and_bidi_controls() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let id = store_with_hostile_title(&store);
    for args in [
        &["list", "--json"][..],
        &["search", "pezeshkian", "--json"],
        &["show", &id, "--json"],
    ] {
        let out = byline(&store).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        assert_no_raw_controls(&out.stdout, &args.join(" "));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(r"Iran\u009b31m \u202eVisits\u2066 Iraq"),
            "{text}"
        );
        // Escaped, not dropped: the JSON reads back to the stored text.
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        let title = value.pointer("/0/title").or(value.get("title")).unwrap();
        assert_eq!(title, "Iran\u{9b}31m \u{202e}Visits\u{2066} Iraq");
    }
}

#[test]
fn tables_and_text_show_stored_controls_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let id = store_with_hostile_title(&store);
    for args in [&["list"][..], &["search", "pezeshkian"], &["show", &id]] {
        let out = byline(&store).args(args).output().unwrap();
        assert_no_raw_controls(&out.stdout, &args.join(" "));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(r"Iran\u{9b}31m \u{202e}Visits"), "{text}");
    }
}

#[test]
fn ner_feed_list_and_refresh_json_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let out = byline(&store)
        .arg("ner")
        .write_stdin("{\"id\": \"a\\u009b\\u202e\", \"text\": \"Ana Ruiz visited Oslo.\"}\n")
        .output()
        .unwrap();
    assert_no_raw_controls(&out.stdout, "ner");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(r#""id":"a\u009b\u202e""#)
    );

    let feed = dir.path().join("feed\u{9b}\u{202e}.xml");
    std::fs::write(&feed, "<rss version=\"2.0\"><channel></channel></rss>").unwrap();
    byline(&store)
        .args(["feed", "add", "--no-check", "--tag", "w\u{85}orld"])
        .arg(&feed)
        .assert()
        .success();
    let out = byline(&store)
        .args(["feed", "list", "--json"])
        .output()
        .unwrap();
    assert_no_raw_controls(&out.stdout, "feed list --json");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(r"w\u0085orld")
    );
    // The refresh fails on the missing file, and its error names the decoded path.
    std::fs::remove_file(&feed).unwrap();
    let out = byline(&store).args(["refresh", "--json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_no_raw_controls(&out.stdout, "refresh --json");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(r"feed\u009b\u202e.xml")
    );
}

/// Runs byline with `args` in a fresh store; asserts that stderr names the crafted name with
/// its controls escaped and prints none raw.
fn assert_error_escapes(dir: &Path, args: &[&std::ffi::OsStr], expected: &str) {
    let out = byline(&dir.join("library.db")).args(args).output().unwrap();
    assert!(!out.status.success(), "{args:?} succeeded");
    assert_no_raw_controls(&out.stderr, &format!("{args:?}"));
    assert_no_raw_controls(&out.stdout, &format!("{args:?}"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
}

#[test]
fn error_messages_escape_crafted_names_and_urls() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A newline may pass the output writers, but not in a name: it would forge a line.
    let evil = "e\u{1b}]0;pwned\u{7}\u{202e}\nerror: forged";
    let shown = r"e\u{1b}]0;pwned\u{7}\u{202e}\nerror: forged";
    let broken_opml = d.join(format!("{evil}.opml"));
    std::fs::write(&broken_opml, "<opml><body><outline").unwrap();
    let empty = d.join(format!("{evil}.txt"));
    std::fs::write(&empty, "").unwrap();
    let not_a_store = d.join(format!("{evil}.db"));
    std::fs::write(&not_a_store, "shopping list").unwrap();
    let missing = d.join(format!("{evil}.xml"));
    let url = format!("gopher://example.org/{evil}");
    let os = |s: &str| std::ffi::OsString::from(s);
    let cases: Vec<Vec<std::ffi::OsString>> = vec![
        vec![os("opml"), os("import"), broken_opml.into()],
        vec![os("opml"), os("import"), missing.clone().into()],
        vec![os("entities"), empty.clone().into()],
        vec![os("import"), empty.into()],
        vec![os("feed"), os("add"), os(&url)],
        vec![os("feed"), os("add"), missing.into()],
        vec![os("--store"), not_a_store.into(), os("list")],
    ];
    for case in &cases {
        let args: Vec<&std::ffi::OsStr> = case.iter().map(|a| a.as_os_str()).collect();
        assert_error_escapes(d, &args, shown);
    }
}

/// Parses `xml` strictly (end names checked, every reference resolved) and returns every
/// attribute value; panics on XML that is not well-formed or carries a character XML 1.0
/// forbids.
fn strict_attributes(xml: &str) -> Vec<String> {
    let forbidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    assert!(!xml.contains(forbidden), "a character XML forbids: {xml:?}");
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut values = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Start(tag) | quick_xml::events::Event::Empty(tag) => {
                for a in tag.attributes() {
                    let a = a.expect("a well-formed attribute");
                    let value = a
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .expect("every reference resolves");
                    values.push(value.into_owned());
                }
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    values
}

#[test]
fn opml_export_is_valid_xml_that_round_trips_odd_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let feed = dir.path().join("feed.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>Wire &amp; \"Q\" 'A' &#27;]0;x</title>\
         </channel></rss>",
    )
    .unwrap();
    byline(&store)
        .args([
            "feed",
            "add",
            "--tag",
            "News & <Views>",
            "--tag",
            "\"Q\" 'A'",
        ])
        .args(["--tag", "ctl\u{1b}[2J\u{9b}\u{202e}x"])
        .arg(&feed)
        .assert()
        .success();
    byline(&store)
        .args([
            "feed",
            "add",
            "--no-check",
            "--tag",
            "\u{1b}]0;pwned\u{7}Folder",
        ])
        .arg("https://example.org/rss?a=1&b='2'")
        .assert()
        .success();
    let out = byline(&store).args(["opml", "export"]).output().unwrap();
    assert!(out.status.success());
    assert_no_raw_controls(&out.stdout, "opml export");
    let xml = String::from_utf8(out.stdout).unwrap();
    let values = strict_attributes(&xml);
    assert!(values.iter().any(|v| v == "News & <Views>"), "{values:?}");
    assert!(
        values
            .iter()
            .any(|v| v == "https://example.org/rss?a=1&b='2'")
    );
    assert!(values.iter().any(|v| v == "]0;pwnedFolder"), "{values:?}");

    let exported = dir.path().join("export.opml");
    std::fs::write(&exported, &xml).unwrap();
    let other = dir.path().join("other.db");
    byline(&other)
        .args(["opml", "import", "--allow-files"])
        .arg(&exported)
        .assert()
        .success();
    let feeds = |s: &Path| {
        let out = byline(s).args(["feed", "list", "--json"]).output().unwrap();
        let mut list: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        list.sort_by_key(|f| f["url"].as_str().unwrap().to_string());
        list.iter()
            .map(|f| (f["url"].clone(), f["title"].clone(), f["tags"].clone()))
            .collect::<Vec<_>>()
    };
    let again = feeds(&other);
    let local = again
        .iter()
        .find(|f| f.0.as_str().unwrap().starts_with("file:"))
        .unwrap();
    assert_eq!(local.1, "Wire & \"Q\" 'A' ]0;x");
    assert_eq!(
        local.2,
        serde_json::json!(["News & <Views>", "\"Q\" 'A'", "ctl[2Jx"])
    );
    assert_eq!(again.len(), 2);
}
