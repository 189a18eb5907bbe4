//! The reader's links end to end in tmux, against an HTTP server on 127.0.0.1 this test starts:
//! the fetch key (the summary replaced by the page's whole text, toggled back, an unreachable
//! page keeping the summary and saying why, keys answered while a slow page is fetched), link
//! hints opening and copying links, OSC 8 hyperlinks and OSC 52 in the raw output the reader
//! writes (and no hyperlinks when switched off), hostile links never reaching the terminal or
//! the opener. Skipped, saying so, where tmux is missing. Nothing leaves loopback.

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

#[path = "common/http.rs"]
mod http;

#[path = "common/tmux.rs"]
mod tmux;

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// The project's own article text, as a news page would hold it.
const CRANES: &str = "<!doctype html><html><head><title>Cranes return | Harbour Post</title>\
    </head><body><nav><a href=\"/\">Home</a></nav><article><h1>Cranes return</h1>\
    <p>The cranes of the north harbour moved again on Monday, after a strike that had kept \
    them idle for nine days.</p><p>Ingrid Halvorsen, the port's director, said the first \
    container ship would leave at noon, and that the backlog would take a week to clear.</p>\
    <p>Dockers voted on Sunday evening to accept the offer, which raises pay by four percent \
    this year and three percent next year.</p></article><footer>Harbour Post</footer>\
    </body></html>";

/// Serves `/cranes`, and `/slow` (the same page, held back until `release` is set).
fn serve(release: Arc<AtomicBool>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let release = release.clone();
            std::thread::spawn(move || answer(stream, &release));
        }
    });
    base
}

fn answer(mut stream: TcpStream, release: &AtomicBool) {
    let Some(path) = http::request_path(&stream) else {
        return;
    };
    if path == "/slow" {
        while !release.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    match path.as_str() {
        "/cranes" | "/slow" => http::respond(&mut stream, "200 OK", CRANES),
        _ => http::respond(&mut stream, "404 Not Found", "no such page"),
    }
}

/// A URL on 127.0.0.1 where nothing listens.
fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/never", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// A store of `articles` (JSON lines of byline's own article format) in `dir`.
fn store(dir: &Path, articles: &[serde_json::Value]) -> PathBuf {
    let file = dir.join("articles.jsonl");
    let lines: Vec<String> = articles.iter().map(ToString::to_string).collect();
    std::fs::write(&file, lines.join("\n")).unwrap();
    let store = dir.join("s.db");
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .arg("import")
        .arg(&file)
        .env("BYLINE_CONFIG", dir.join("config.toml"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    store
}

fn summary(title: &str, url: &str, text: &str, date: &str) -> serde_json::Value {
    serde_json::json!({"title": title, "url": url, "body": text, "published": date})
}

/// The reader in a tmux session, with what it writes to the terminal logged raw.
struct Session {
    name: String,
    raw: PathBuf,
}

impl Session {
    /// Starts the reader on `store` with the config file and environment given; the reader
    /// waits for the raw log to be set up, so its first frame is in it.
    fn start(dir: &Path, store: &Path, config: &str, env: &str) -> Option<Session> {
        if !tmux::installed() {
            eprintln!("tmux is not installed; skipping the terminal test");
            return None;
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let name = format!("byline-links-{}-{n}", std::process::id());
        let conf = dir.join(format!("config-{n}.toml"));
        std::fs::write(&conf, config).unwrap();
        let go = dir.join(format!("go-{n}"));
        let cmd = format!(
            "while [ ! -e '{go}' ]; do sleep 0.02; done; {env} HOME='{home}' BYLINE_CONFIG='{conf}' \
             BYLINE_STORE='{store}' '{bin}'; echo EXIT=$?; sleep 60",
            go = go.display(),
            home = dir.display(),
            conf = conf.display(),
            store = store.display(),
            bin = env!("CARGO_BIN_EXE_byline"),
        );
        let size = ["-x", "120", "-y", "32"];
        let mut args = vec!["-d", "-s", &name];
        args.extend(size);
        args.push(&cmd);
        tmux::new_session(&args);
        let raw = dir.join(format!("raw-{n}.log"));
        let pipe = format!("cat > '{}'", raw.display());
        let piped = tmux::command()
            .args(["pipe-pane", "-O", "-t", &name, &pipe])
            .status()
            .unwrap();
        assert!(piped.success());
        std::fs::write(&go, "").unwrap();
        Some(Session { name, raw })
    }

    fn screen(&self) -> String {
        tmux::screen(&self.name)
    }

    /// Polls until `ready` holds for the screen (or the raw output); returns the screen.
    fn wait_until(&self, what: &str, ready: impl Fn(&str, &str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (screen, raw) = (self.screen(), self.raw());
            if ready(&screen, &raw) {
                return screen;
            }
            assert!(Instant::now() < deadline, "{what} never came:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn wait_for(&self, text: &str) -> String {
        self.wait_until(text, |s, _| s.contains(text))
    }

    /// What the reader wrote to the terminal so far, escape sequences and all.
    fn raw(&self) -> String {
        String::from_utf8_lossy(&std::fs::read(&self.raw).unwrap_or_default()).into_owned()
    }

    fn keys(&self, keys: &[&str]) {
        tmux::send_keys(&self.name, keys);
    }

    fn quit(&self) {
        self.keys(&["q"]);
        self.wait_for("EXIT=0");
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        tmux::kill(&self.name);
    }
}

/// The page's whole text is on screen, and the status line says so.
fn whole_text(screen: &str, _: &str) -> bool {
    screen.contains("the whole text, ") && screen.contains("Ingrid Halvorsen, the port's")
}

#[test]
fn the_fetch_key_shows_the_whole_text_toggles_back_and_a_dead_page_keeps_the_summary() {
    let base = serve(Arc::new(AtomicBool::new(true)));
    let dir = tempfile::tempdir().unwrap();
    let store = store(
        dir.path(),
        &[
            summary(
                "Cranes return",
                &format!("{base}/cranes"),
                "The strike is over.",
                "2035-01-02",
            ),
            summary(
                "Dead link",
                &dead_url(),
                "A summary that stays.",
                "2035-01-01",
            ),
        ],
    );
    let Some(s) = Session::start(dir.path(), &store, "", "") else {
        return;
    };
    s.wait_for("The strike is over.");
    s.keys(&["f"]);
    let shown = s.wait_until("the whole text", whole_text);
    assert!(!shown.contains("The strike is over."), "{shown}");
    // The sidebar lists who the whole text names.
    s.wait_for("Ingrid Halvorsen 1");
    s.keys(&["f"]);
    let said = "the feed's summary (f: the whole text)";
    let back = s.wait_until("the summary", |s, _| {
        s.contains(said) && s.contains("strike is over")
    });
    assert!(!back.contains("Ingrid Halvorsen, the port's"), "{back}");
    s.keys(&["f"]);
    s.wait_for("the page's whole text (f: the summary)");
    s.keys(&["j"]);
    s.wait_for("A summary that stays.");
    s.keys(&["f"]);
    let failed = s.wait_for("the summary stays");
    assert!(
        failed.contains("cannot fetch http://127.0.0.1:"),
        "{failed}"
    );
    assert!(failed.contains("A summary that stays."), "{failed}");
    s.quit();
}

#[test]
fn keys_are_answered_while_a_slow_page_is_fetched() {
    let release = Arc::new(AtomicBool::new(false));
    let base = serve(release.clone());
    let dir = tempfile::tempdir().unwrap();
    let store = store(
        dir.path(),
        &[
            summary(
                "Slow story",
                &format!("{base}/slow"),
                "Only a summary here.",
                "2035-01-02",
            ),
            summary("Other story", &dead_url(), "Another text.", "2035-01-01"),
        ],
    );
    let Some(s) = Session::start(dir.path(), &store, "", "") else {
        return;
    };
    s.wait_for("Only a summary here.");
    s.keys(&["f"]);
    s.wait_for("fetching http://127.0.0.1:");
    // The page is held back: the reader moves, searches and comes back meanwhile.
    s.keys(&["j"]);
    s.wait_for("Another text.");
    s.keys(&["k"]);
    s.wait_for("Only a summary here.");
    s.keys(&["f"]);
    s.wait_for("already fetching http://127.0.0.1:");
    release.store(true, Ordering::SeqCst);
    s.wait_until("the whole text", whole_text);
    s.quit();
}

/// An article whose text links out: http(s) links (one over the end of the first line), and
/// javascript:, file: and one with an escape sequence that would retitle the terminal.
fn linked_article(base: &str) -> serde_json::Value {
    let text = "The port authority report names the union hall, the council, the ministry and \
                the strike fund.";
    let link = |words: &str, url: &str| {
        let start = text.find(words).unwrap();
        serde_json::json!({"start": start, "end": start + words.len(), "url": url})
    };
    let links = [
        link("port authority", &format!("{base}/authority?a=1&b=2")),
        link("union hall", "javascript:alert(1)"),
        link("the council", "https://council.example/minutes"),
        link("ministry", "file:///etc/passwd"),
        link("strike fund", "https://evil.example/\u{1b}]0;pwned\u{7}"),
    ];
    let blocks = [serde_json::json!({"kind": "paragraph", "start": 0, "end": text.len()})];
    serde_json::json!({"title": "Linked story", "url": format!("{base}/cranes"),
        "published": "2035-01-01",
        "body": {"text": text, "blocks": blocks, "links": links}})
}

/// A program for `links.opener` that writes each argument it gets on a line of `log`.
fn opener(dir: &Path, log: &Path) -> PathBuf {
    let program = dir.join("opener.sh");
    let script = format!(
        "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done >> '{}'\n",
        log.display()
    );
    std::fs::write(&program, script).unwrap();
    let made = Command::new("chmod").arg("+x").arg(&program).status();
    assert!(made.unwrap().success());
    program
}

#[test]
fn link_hints_open_and_copy_links_and_the_text_carries_osc_8_hyperlinks() {
    let base = serve(Arc::new(AtomicBool::new(true)));
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), &[linked_article(&base)]);
    let log = dir.path().join("opened.txt");
    let config = format!(
        "[links]\nopener = \"{}\"\n",
        opener(dir.path(), &log).display()
    );
    let Some(s) = Session::start(dir.path(), &store, &config, "BROWSER=/bin/false") else {
        return;
    };
    s.wait_for("The port authority report");
    let authority = format!("{base}/authority?a=1&b=2");
    let osc8 = format!("\x1b]8;id=byline0;{authority}\x1b\\p");
    s.wait_until("an OSC 8 hyperlink", |_, raw| raw.contains(&osc8));
    // "the council" wraps: "the" ends the first line, "council" begins the second.
    let council = "\x1b]8;id=byline2;https://council.example/minutes\x1b\\";
    s.wait_until("the wrapped link", |_, raw| {
        raw.contains(&format!("{council}t")) && raw.contains(&format!("{council}c"))
    });
    // The hyperlinks take no room: the lines keep their place and the borders their columns.
    let screen = s.screen();
    let row = |text: &str| {
        screen
            .lines()
            .find(|l| l.contains(text))
            .unwrap()
            .to_string()
    };
    for text in [
        "The port authority report names the union hall, the ",
        "│council, the ministry",
    ] {
        let line = row(text);
        assert_eq!(line.chars().nth(89), Some('│'), "{line}");
        assert_eq!(line.chars().count(), 120, "{line}");
    }
    s.keys(&["L"]);
    let hints = s.wait_for("open which link?");
    assert!(
        hints.contains("The 1ort authority report names the 2nion hall"),
        "{hints}"
    );
    s.keys(&["1"]);
    s.wait_for(&format!("opened {authority}"));
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(&log).unwrap_or_default().is_empty() {
        assert!(Instant::now() < deadline, "the opener was not started");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Copy the council's link: OSC 52 with the URL base64-encoded.
    s.keys(&["y"]);
    s.wait_for("copy which link?");
    s.keys(&["3"]);
    s.wait_for("copied https://council.example/minutes");
    let osc52 = "\x1b]52;c;aHR0cHM6Ly9jb3VuY2lsLmV4YW1wbGUvbWludXRlcw==\x07";
    s.wait_until("OSC 52", |_, raw| raw.contains(osc52));
    // javascript:, file: and the escape sequence: refused, whatever the key.
    for (key, label) in [("L", "2"), ("y", "4"), ("L", "5"), ("y", "5")] {
        s.keys(&[key]);
        s.wait_for("which link?");
        s.keys(&[label]);
        s.wait_for("not an http(s) link, left alone");
    }
    s.keys(&["U"]);
    let list = s.wait_for("┌ Links");
    assert!(
        list.contains("2  union hall  javascript:alert(1)"),
        "{list}"
    );
    s.keys(&["j", "j", "Enter"]);
    s.wait_for("opened https://council.example/minutes");
    s.quit();
    let opened = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        opened.lines().collect::<Vec<_>>(),
        [authority.as_str(), "https://council.example/minutes"],
        "each link one argument, no others"
    );
    let raw = s.raw();
    assert!(
        !raw.contains("pwned\x07") && !raw.contains("\x1b]0;"),
        "no retitling"
    );
    for hostile in ["javascript:", "file:"] {
        assert!(
            !raw.contains(&format!(";{hostile}")),
            "{hostile} in a hyperlink"
        );
    }
}

#[test]
fn no_hyperlinks_when_switched_off() {
    let base = serve(Arc::new(AtomicBool::new(true)));
    let dir = tempfile::tempdir().unwrap();
    let store = store(dir.path(), &[linked_article(&base)]);
    let config = "[links]\nhyperlinks = false\n";
    let Some(s) = Session::start(dir.path(), &store, config, "") else {
        return;
    };
    s.wait_for("The port authority report");
    s.keys(&["L"]);
    s.wait_for("The 1ort authority");
    s.keys(&["9"]);
    s.wait_for("no link 9");
    s.quit();
    let raw = s.raw();
    assert!(
        raw.contains("authority") && raw.contains("names"),
        "the log has the frames"
    );
    assert!(!raw.contains("\x1b]8;"), "an OSC 8 sequence was written");
}
