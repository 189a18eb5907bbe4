//! Sources that are not what they claim: a FIFO or a device as a feed, an OPML list naming
//! local files, a FIFO in a directory being imported. Nothing hangs, nothing reads without end,
//! and a list from elsewhere cannot subscribe you to your own files. See: issue 11.
#![cfg(unix)]
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.env("BYLINE_STORE", store)
        .env_remove("XDG_DATA_HOME")
        // A hang fails the test instead of stalling the suite.
        .timeout(Duration::from_secs(60));
    cmd
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

fn feed_urls(store: &Path) -> Vec<String> {
    let out = byline(store)
        .args(["feed", "list", "--json"])
        .output()
        .unwrap();
    let feeds: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    feeds
        .iter()
        .map(|f| f["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_fifo_feed_fails_within_the_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let fifo = dir.path().join("feed.xml");
    mkfifo(&fifo);
    byline(&store)
        .args(["feed", "add", "--no-check"])
        .arg(&fifo)
        .assert()
        .success();
    let started = std::time::Instant::now();
    let out = byline(&store)
        .args(["refresh", "--timeout", "2"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("not a regular file"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(30));
}

#[test]
fn a_device_is_refused_as_a_feed() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let out = byline(&store)
        .args(["feed", "add", "/dev/zero"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("/dev/zero: not a regular file"), "{stderr}");
    assert!(feed_urls(&store).is_empty());
    // Subscribed without the check, the refresh refuses it (not after reading 32 MiB of zeros).
    byline(&store)
        .args(["feed", "add", "--no-check", "/dev/zero"])
        .assert()
        .success();
    let out = byline(&store).args(["refresh", "--json"]).output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let error = report["feeds"][0]["error"].as_str().unwrap();
    assert!(error.contains("/dev/zero: not a regular file"), "{error}");
}

const LOCAL_OPML: &str = r#"<opml version="2.0"><body>
<outline text="Shadow" xmlUrl="file:///etc/shadow"/>
<outline text="Zero" xmlUrl="/dev/zero"/>
<outline text="Web" xmlUrl="https://example.org/rss"/>
</body></opml>"#;

#[test]
fn opml_local_files_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.opml");
    std::fs::write(&list, LOCAL_OPML).unwrap();

    let store = dir.path().join("library.db");
    let out = byline(&store)
        .args(["opml", "import"])
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("file:///etc/shadow: a local file, skipped")
            && stderr.contains("/dev/zero: a local file, skipped")
            && stderr.contains("--allow-files"),
        "{stderr}"
    );
    assert_eq!(feed_urls(&store), ["https://example.org/rss"]);

    let allowed = dir.path().join("allowed.db");
    byline(&allowed)
        .args(["opml", "import", "--allow-files"])
        .arg(&list)
        .assert()
        .success();
    let mut urls = feed_urls(&allowed);
    urls.sort();
    assert_eq!(
        urls,
        [
            "file:///dev/zero",
            "file:///etc/shadow",
            "https://example.org/rss"
        ]
    );
}

#[test]
fn a_fifo_in_an_imported_directory_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    mkfifo(&inputs.join("blocked.txt"));
    std::fs::write(inputs.join("story.txt"), "A Story\n\nIt happened.").unwrap();
    byline(&store)
        .arg("import")
        .arg(&inputs)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "imported 1 new article from 1 file",
        ));
}

#[test]
fn file_names_that_are_not_utf8_are_imported_or_reported() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let inputs = dir.path().join("inputs");
    std::fs::create_dir(&inputs).unwrap();
    let name = |bytes: &[u8]| inputs.join(std::ffi::OsStr::from_bytes(bytes));
    std::fs::write(name(b"caf\xe9.txt"), "Cafe Story\n\nIt opened.").unwrap();
    std::fs::write(
        name(b"\xff\xfe notes.md"),
        "Some notes, no heading.\n\nMore.",
    )
    .unwrap();
    std::fs::write(name(b"empty \xe9\x1b[2J.txt"), "").unwrap();
    let out = byline(&store).arg("import").arg(&inputs).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.contains("imported 2 new articles from 3 files"),
        "{stdout}"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("empty \u{fffd}\\u{1b}[2J.txt: empty file"),
        "{stderr}"
    );
    let list = byline(&store).arg("list").output().unwrap();
    assert!(
        String::from_utf8(list.stdout)
            .unwrap()
            .contains("Cafe Story")
    );
}

#[test]
fn a_fifo_named_on_the_command_line_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let fifo = dir.path().join("pipe.txt");
    mkfifo(&fifo);
    byline(&store)
        .arg("import")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(30))
        .assert()
        .code(3)
        .stderr(predicates::str::contains("pipe.txt: not a regular file"));
}
