//! The reader end to end in a real terminal (tmux): it starts on the sample library, moves, steps
//! through an entity's mentions, quits with exit code 0 and leaves the terminal usable.
//! Skipped, saying so, where tmux is missing (CI installs it).
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

#[path = "common/tmux.rs"]
mod tmux;

use std::process::Command;
use std::time::{Duration, Instant};

struct Session {
    name: String,
}

impl Session {
    fn start(store: &std::path::Path, width: u16, height: u16) -> Option<Session> {
        Session::start_with(store, width, height, "")
    }

    fn start_with(store: &std::path::Path, width: u16, height: u16, env: &str) -> Option<Session> {
        if !tmux::installed() {
            eprintln!("tmux is not installed; skipping the terminal test");
            return None;
        }
        static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let name = format!("byline-test-{}-{n}", std::process::id());
        // After byline: its exit status, and whether the terminal is back in cooked mode.
        let cmd = format!(
            "{env} BYLINE_STORE='{}' '{}'; echo EXIT=$?; stty -a | grep -o -- '-*icanon'; sleep 60",
            store.display(),
            env!("CARGO_BIN_EXE_byline")
        );
        let (width, height) = (width.to_string(), height.to_string());
        tmux::new_session(&["-d", "-s", &name, "-x", &width, "-y", &height, &cmd]);
        Some(Session { name })
    }

    fn screen(&self) -> String {
        tmux::screen(&self.name)
    }

    /// Polls the screen until it shows `text`.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            assert!(Instant::now() < deadline, "{text:?} never appeared:\n{s}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// What the screen draws on the current mention's background (light green, colour 10 of
    /// 256 as tmux writes it), in reading order, spaces left out.
    fn current_mention(&self) -> String {
        let out = tmux::command()
            .args(["capture-pane", "-p", "-e", "-t", &self.name])
            .output()
            .unwrap();
        let screen = String::from_utf8_lossy(&out.stdout).into_owned();
        let mut green = false;
        let mut shown = String::new();
        for (i, part) in screen.split("\x1b[").enumerate() {
            let (params, text) = match part.split_once('m') {
                Some((p, t)) if i > 0 => (p, t),
                _ => ("", part),
            };
            let codes: Vec<&str> = params.split(';').collect();
            let mut k = 0;
            while k < codes.len() {
                match codes[k] {
                    "" | "0" | "49" => green = false,
                    // An extended colour: 5;n or 2;r;g;b follow.
                    "38" | "48" => {
                        let len = if codes.get(k + 1) == Some(&"5") { 2 } else { 4 };
                        if codes[k] == "48" {
                            green = len == 2 && codes.get(k + 2) == Some(&"10");
                        }
                        k += len;
                    }
                    c if (c.len() == 2 && c.starts_with('4'))
                        || (c.len() == 3 && c.starts_with("10")) =>
                    {
                        green = c == "102";
                    }
                    _ => {}
                }
                k += 1;
            }
            if green {
                shown.extend(text.chars().filter(|c| !c.is_whitespace()));
            }
        }
        shown
    }

    /// Polls the screen until it no longer shows `text`.
    fn wait_gone(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while self.screen().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} stayed:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn keys(&self, keys: &[&str]) {
        tmux::send_keys(&self.name, keys);
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = tmux::command().args(args).output().unwrap();
        assert!(out.status.success(), "tmux {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// The columns of the next `count` `ch` on screen row `row` after its first column, as
    /// tmux itself counts them (the cursor of its copy mode), whatever widths the characters
    /// before them have.
    fn columns_of(&self, row: usize, ch: &str, count: usize) -> Vec<u16> {
        let t = self.name.as_str();
        self.tmux(&["copy-mode", "-t", t]);
        self.tmux(&["send-keys", "-t", t, "-X", "top-line"]);
        for _ in 0..row {
            self.tmux(&["send-keys", "-t", t, "-X", "cursor-down"]);
        }
        self.tmux(&["send-keys", "-t", t, "-X", "start-of-line"]);
        let columns = (0..count)
            .map(|_| {
                self.tmux(&["send-keys", "-t", t, "-X", "jump-forward", ch]);
                self.tmux(&["display-message", "-p", "-t", t, "#{copy_cursor_x}"])
                    .parse()
                    .unwrap()
            })
            .collect();
        self.tmux(&["send-keys", "-t", t, "-X", "cancel"]);
        columns
    }
}

/// The byline process reading `store`: the path is only in its session's environment.
fn byline_pid(store: &std::path::Path) -> String {
    let pids = Command::new("sh")
        .arg("-c")
        .arg(format!("for p in $(pgrep -x byline); do tr '\\0' '\\n' < /proc/$p/environ | grep -q '{}' && echo $p; done", store.display()))
        .output()
        .unwrap();
    let pid = String::from_utf8(pids.stdout).unwrap().trim().to_string();
    assert!(!pid.is_empty(), "byline's process was not found");
    pid
}

/// The states of a process's children (`Z` for a zombie), one a line.
fn children_states(pid: &str) -> String {
    let out = Command::new("ps")
        .args(["-o", "stat=", "--ppid", pid])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Drop for Session {
    fn drop(&mut self) {
        tmux::kill(&self.name);
    }
}

#[test]
fn read_jump_between_mentions_and_quit() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 32) else {
        return;
    };
    // The header shows at once, the entities once found.
    let first = s.wait_for("Masoud Pezeshkian");
    assert!(first.contains("Iran’s President Visits Iraq"), "{first}");
    // To the sidebar, then through the first entity's mentions.
    s.keys(&["BTab"]);
    s.wait_for("Masoud Pezeshkian: mention 1/5");
    s.keys(&["]"]);
    s.wait_for("Masoud Pezeshkian: mention 2/5");
    // Search in the text: live, then Enter, then n and N with wrap-around.
    s.keys(&["/", "t", "e", "h", "r", "a", "n"]);
    s.wait_for("[1/4] tehran");
    s.keys(&["Enter", "N"]);
    s.wait_for("[4/4] tehran");
    s.keys(&["n"]);
    s.wait_for("[1/4] tehran");
    s.keys(&["Escape"]);
    // Esc and Tab read together would be Alt-Tab: the next keys wait for Esc to be taken.
    s.wait_gone("[1/4] tehran");
    // Back to the list, next article.
    s.keys(&["Tab", "j", "s"]);
    s.wait_for("2/13");
    // Opened, so read; starred, and the status line says so.
    s.wait_for(" ★ ");
    s.wait_for("starred");
    s.keys(&["q"]);
    let end = s.wait_for("EXIT=0");
    assert!(
        !end.contains("Entities"),
        "the alternate screen was left:\n{end}"
    );
    // Every connection closed: SQLite moved the log into the store's file and removed it, so
    // the file alone (a copy, a backup) holds the star just given.
    let wal = dir.path().join("library.db-wal");
    assert!(!wal.exists(), "{} is left", wal.display());
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(dir.path().join("library.db"))
        .args(["list", "--starred"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("Halvorsen"),
        "{out:?}"
    );
}

#[test]
fn a_panic_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start_with(
        &dir.path().join("library.db"),
        100,
        30,
        "BYLINE_TEST_PANIC=1",
    ) else {
        return;
    };
    s.wait_for("Entities");
    s.keys(&["j"]);
    let end = s.wait_for("EXIT=101");
    assert!(end.contains("a panic on request"), "{end}");
    assert!(
        !end.contains("Entities"),
        "the alternate screen was left:\n{end}"
    );
}

#[test]
fn follow_an_entity_to_another_article_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 32) else {
        return;
    };
    s.wait_for("Entities");
    // The second article (Mombasa): its first person appears in other sample articles too.
    s.keys(&["j"]);
    s.wait_for("2/13");
    s.wait_for("People");
    s.keys(&["BTab", "Enter"]);
    let jumped = s.wait_for("Backspace goes back");
    assert!(jumped.contains("Mentioning "), "{jumped}");
    s.keys(&["BSpace"]);
    let back = s.wait_for("2/13");
    assert!(back.contains("Articles"), "{back}");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sigterm-library.db");
    let Some(s) = Session::start(&store, 100, 30) else {
        return;
    };
    s.wait_for("Entities");
    let pid = byline_pid(&store);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let end = s.wait_for("EXIT=");
    assert!(
        !end.contains("Entities"),
        "the alternate screen was left:\n{end}"
    );
}

#[test]
fn refresh_in_the_reader_brings_new_articles_and_a_bad_config_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let feed = dir.path().join("harbour.xml");
    std::fs::write(
        &feed,
        "<rss version=\"2.0\"><channel><title>Harbour Wire</title>\
         <item><title>Tugboat crews vote to strike</title><link>https://harbour.example/1</link>\
         <pubDate>Mon, 01 Jan 2035 09:00:00 GMT</pubDate>\
         <description>&lt;p&gt;Crews at the eastern docks voted on Sunday.&lt;/p&gt;</description></item>\
         </channel></rss>",
    )
    .unwrap();
    // A first start (the samples), then the subscription.
    let first = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .output()
        .unwrap();
    assert!(first.status.success());
    let added = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .args(["feed", "add"])
        .arg(&feed)
        .output()
        .unwrap();
    assert!(added.status.success());
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        "[keys]\nrefresh = \"ctrl-r\"\nquit = \"nope-key\"\n",
    )
    .unwrap();
    let env = format!("BYLINE_CONFIG='{}'", config.display());
    let Some(s) = Session::start_with(&store, 120, 32, &env) else {
        return;
    };
    // The config's mistake is shown, and where to read them all.
    let first = s.wait_for("line 3: keys.quit");
    assert!(first.contains("(byline config check)"), "{first}");
    s.keys(&["C-r"]);
    s.wait_for("refreshed 1 feed: 1 new");
    // The new article is merged in at its place (it is the newest): the one read stays
    // selected, one row down.
    let after = s.wait_for("2/14");
    assert!(after.contains("Tugboat crews vote to strike"), "{after}");
    // The store search finds it, with its snippet.
    s.keys(&["F", "t", "u", "g", "b", "o", "a", "t", "Enter"]);
    // The list's title and the status line's count may come in two frames on a busy machine.
    let hits = s.wait_for("1 article match");
    assert!(hits.contains("Search: tugboat"), "{hits}");
    s.keys(&["BSpace"]);
    s.wait_for(" Articles ");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

#[test]
fn a_link_opens_in_browser_as_one_argument_without_a_shell() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let feed = dir.path().join("f.json");
    // A URL with shell syntax in it: a shell would run `touch`.
    let url = "https://links.example/a;touch${IFS}pwned?x=$(id)";
    let json = serde_json::json!({"version": "https://jsonfeed.org/version/1.1", "title": "L",
        "items": [{"id": "1", "url": url, "title": "Linked story", "content_text": "Text.",
                   "date_published": "2035-01-01T00:00:00Z"}]});
    std::fs::write(&feed, json.to_string()).unwrap();
    let imported = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .arg("import")
        .arg(&feed)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let browser = dir.path().join("browser.sh");
    let log = dir.path().join("args.txt");
    std::fs::write(
        &browser,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}'\n",
            log.display()
        ),
    )
    .unwrap();
    Command::new("chmod")
        .arg("+x")
        .arg(&browser)
        .status()
        .unwrap();
    let env = format!(
        "BROWSER='{}' HOME='{}'",
        browser.display(),
        dir.path().display()
    );
    let Some(s) = Session::start_with(&store, 120, 32, &env) else {
        return;
    };
    s.wait_for("Linked story");
    s.keys(&["o"]);
    s.wait_for("opened https://links.example");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !log.exists() {
        assert!(Instant::now() < deadline, "the browser was not started");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    // One argument, exactly the link (the feed parser percent-encodes the braces).
    let args = std::fs::read_to_string(&log).unwrap();
    assert_eq!(args.lines().count(), 1, "{args}");
    assert!(
        args.starts_with("https://links.example/a;touch") && args.contains("$(id)"),
        "{args}"
    );
    assert!(!dir.path().join("pwned").exists() && !std::path::Path::new("pwned").exists());
    // See: issue 11 ($BROWSER children were never waited on). The browser has ended.
    let pid = byline_pid(&store);
    let deadline = Instant::now() + Duration::from_secs(10);
    while children_states(&pid).contains('Z') {
        assert!(
            Instant::now() < deadline,
            "a zombie browser: {}",
            children_states(&pid)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

/// Characters terminals and unicode-width count differently: zero-width space, word joiner,
/// BOM, soft hyphen, a variation selector, a ZWJ family, a skin tone, a Hangul filler.
const UNSTEADY: &str = "a\u{200B}b\u{2060}c\u{FEFF}d\u{AD}e \u{2764}\u{FE0F} \
    \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F44D}\u{1F3FD} \u{3164}f";

// See: issue 11 (zero-width characters moved pane borders and left stale characters).
#[test]
fn zero_width_characters_leave_the_borders_in_place_and_nothing_stale() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let file = dir.path().join("zw.jsonl");
    let plain = serde_json::json!({"title": "Quiet harbour morning brings calm to the docks",
        "body": "Nothing odd here at all.", "date": "2031-01-02T00:00:00Z"});
    let mut lines = vec![plain.to_string()];
    for i in 0..6 {
        lines.push(
            serde_json::json!({
            "title": format!("Heart {i} {UNSTEADY} end"),
            "body": format!("Body {UNSTEADY} words {UNSTEADY}.\n\nMore {UNSTEADY}{UNSTEADY}."),
            "authors": [format!("Ana{UNSTEADY}")], "source": format!("Wire{UNSTEADY}"),
            "date": format!("2030-01-0{}T00:00:00Z", 6 - i)})
            .to_string(),
        );
    }
    std::fs::write(&file, lines.join("\n")).unwrap();
    let imported = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .arg("import")
        .arg(&file)
        .output()
        .unwrap();
    assert!(imported.status.success(), "{imported:?}");
    let Some(s) = Session::start(&store, 120, 24) else {
        return;
    };
    s.wait_for("Quiet harbour morning");
    // The next article's title is drawn over the plain one.
    s.keys(&["j"]);
    let shown = "Heart 0 abcde \u{2764} \u{1F468}\u{1F469}\u{1F467} \u{1F44D} f end";
    // A store whose first command imported has no samples: the file's 7 articles.
    let screen = s.wait_for("2/7");
    let title_row = screen.lines().nth(1).unwrap();
    assert!(
        title_row.contains(&format!("││{shown}   ")),
        "{title_row:?}"
    );
    for c in [
        "\u{200B}",
        "\u{2060}",
        "\u{FEFF}",
        "\u{AD}",
        "\u{FE0F}",
        "\u{200D}",
        "\u{1F3FD}",
    ] {
        assert!(!screen.contains(c), "{c:?} reached the terminal:\n{screen}");
    }
    let plain_row = s.columns_of(20, "│", 5);
    assert_eq!(plain_row, [35, 36, 89, 90, 119]);
    for row in 1..8 {
        assert_eq!(s.columns_of(row, "│", 5), plain_row, "row {row}:\n{screen}");
    }
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 12 (help said "any key closes" but letters were swallowed).
#[test]
fn a_letter_closes_help() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 100, 30) else {
        return;
    };
    s.wait_for("Entities");
    s.keys(&["?"]);
    s.wait_for("any other key closes");
    s.keys(&["x"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    while s.screen().contains("any other key closes") {
        assert!(
            Instant::now() < deadline,
            "help stayed open:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(s.screen().contains("1/13"), "the key went no further");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

/// The texts of an entity's mentions in the sample library's first article, spaces left out.
fn mentions_of(name: &str) -> Vec<String> {
    let article = byline::library::articles().remove(0);
    let found = byline::extract::article_entities(&article);
    let e = found.entities.iter().find(|e| e.name == name).unwrap();
    let text = |&(s, e): &(usize, usize)| found.text[s..e].split_whitespace().collect();
    e.mentions.iter().map(text).collect()
}

// See: issue 12 (the counter moved but the reading pane never scrolled to the mention).
#[test]
fn each_mention_step_brings_its_line_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 24) else {
        return;
    };
    s.wait_for("Masoud Pezeshkian 5");
    let mentions = mentions_of("Masoud Pezeshkian");
    let n = mentions.len();
    s.keys(&["BTab"]);
    for (k, mention) in mentions.iter().enumerate() {
        if k > 0 {
            s.keys(&["]"]);
        }
        let screen = s.wait_for(&format!("Masoud Pezeshkian: mention {}/{n}", k + 1));
        assert_eq!(
            &s.current_mention(),
            mention,
            "mention {}:\n{screen}",
            k + 1
        );
    }
    let last = s.screen();
    assert!(
        !last.contains("Iran’s President Visits Iraq Amid"),
        "scrolled down:\n{last}"
    );
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 12 (a click on an entity changed the counter, not the view).
#[test]
fn a_click_in_the_sidebar_brings_the_mention_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 24) else {
        return;
    };
    let first = s.wait_for("Saddam Hussein 1");
    assert!(
        !first.contains("deposed Saddam"),
        "the mention starts off screen:\n{first}"
    );
    let row = first
        .lines()
        .position(|l| l.contains("Saddam Hussein 1"))
        .unwrap();
    // A left press and release at the entity's row (SGR mouse reporting is 1-based).
    let click = format!("\x1b[<0;100;{}M\x1b[<0;100;{}m", row + 1, row + 1);
    s.keys(&["-l", &click]);
    let screen = s.wait_for("Saddam Hussein: mention 1/1");
    assert!(screen.contains("deposed Saddam"), "{screen}");
    assert_eq!(s.current_mention(), mentions_of("Saddam Hussein")[0]);
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 11 (SIGINT from outside left raw mode, the alternate screen and mouse reporting on).
#[test]
fn sigint_and_sigquit_restore_the_terminal() {
    for signal in ["INT", "QUIT"] {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join(format!("sig{signal}-library.db"));
        let Some(s) = Session::start(&store, 100, 30) else {
            return;
        };
        s.wait_for("Entities");
        let on = s.tmux(&[
            "display-message",
            "-p",
            "-t",
            &s.name,
            "#{alternate_on} #{mouse_any_flag}",
        ]);
        assert_eq!(
            on, "1 1",
            "the reader has the alternate screen and the mouse"
        );
        let pid = byline_pid(&store);
        assert!(
            Command::new("kill")
                .args([&format!("-{signal}"), &pid])
                .status()
                .unwrap()
                .success()
        );
        let end = s.wait_for("icanon");
        assert!(
            end.contains("EXIT=0"),
            "SIG{signal} is a clean quit:\n{end}"
        );
        assert!(
            !end.contains("-icanon"),
            "raw mode is off after SIG{signal}:\n{end}"
        );
        assert!(
            !end.contains("Entities"),
            "the alternate screen was left:\n{end}"
        );
        let flags = "#{alternate_on} #{mouse_any_flag} #{mouse_button_flag} #{mouse_sgr_flag}";
        let off = s.tmux(&["display-message", "-p", "-t", &s.name, flags]);
        assert_eq!(
            off, "0 0 0 0",
            "screen and mouse reporting off after SIG{signal}"
        );
    }
}

// See: issue 12 (the stale-answer case: two quick j presses show the second article).
#[test]
fn two_quick_moves_show_the_article_moved_to() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 30) else {
        return;
    };
    s.wait_for("Masoud Pezeshkian 5");
    s.keys(&["j", "j"]);
    s.wait_for("3/13");
    // The reading pane's first line is the third article's title.
    let screen = s.wait_for("││A New Ship for the Institut");
    let top = screen.lines().nth(1).unwrap();
    assert!(top.contains("││A New Ship for the Institut"), "{screen}");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

/// A store holding one article of about 50 MB, in paragraphs, not yet indexed for search.
fn huge_store(dir: &std::path::Path) -> std::path::PathBuf {
    use byline::article::{Article, BlockKind, Body};
    let path = dir.join("huge.db");
    let paragraph = "The harbour board met again on Tuesday to weigh the plan. ".repeat(40);
    let body = Body::from_blocks((0..22_000).map(|_| (BlockKind::Paragraph, paragraph.as_str())));
    assert!(body.text.len() > 50_000_000, "{}", body.text.len());
    let mut store = byline::store::Store::open(&path).unwrap();
    store.defer_text_index(true);
    store
        .insert_batch(&[Article::new("Huge harbour report", body)])
        .unwrap();
    path
}

// See: issues 11, 12 (a 50 MB article froze the screen for 40 s, q and SIGTERM ignored).
#[test]
fn a_50_mb_article_leaves_the_screen_answering() {
    let dir = tempfile::tempdir().unwrap();
    let store = huge_store(dir.path());
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    // Its header shows from the list at once; keys are taken while its text is read.
    s.wait_for("Huge harbour report");
    s.keys(&["?"]);
    s.wait_for("any other key closes");
    s.keys(&["x"]);
    s.wait_gone("any other key closes");
    // The text comes, cut where the reader stops holding it.
    s.wait_for("The harbour board met again");
    s.keys(&["Tab", "G"]);
    s.wait_for("the reader shows the first 2.1 MB of 51.1 MB");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
    // SIGTERM while it is read: a clean exit too.
    drop(s);
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    s.wait_for("Huge harbour report");
    let pid = byline_pid(&store);
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let end = s.wait_for("EXIT=");
    assert!(
        end.contains("EXIT=0") && !end.contains("Huge harbour"),
        "{end}"
    );
}

/// The rows of the article list on screen: its pane's column, up to its bottom border.
fn list_rows(screen: &str) -> Vec<String> {
    screen
        .lines()
        .skip(1)
        .take_while(|l| !l.starts_with('└'))
        .map(|l| l.chars().skip(1).take_while(|c| *c != '│').collect())
        .collect()
}

// See: issue 13 (opening did not mark read; no next unread).
#[test]
fn the_unread_flow_marks_on_open_undoes_and_lasts_across_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    s.wait_for("Masoud Pezeshkian 5");
    // The first article was opened with the reader: read. J opens the next unread one.
    s.keys(&["J"]);
    s.wait_for("2/13");
    s.keys(&["u"]);
    s.wait_for("kept unread: ");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
    drop(s);
    let read = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .args(["list", "is:read"])
        .output()
        .unwrap();
    let read = String::from_utf8_lossy(&read.stdout).into_owned();
    assert_eq!(read.lines().count(), 1, "{read}");
    assert!(read.contains("Iran’s President"), "{read}");
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    let screen = s.wait_for("Masoud Pezeshkian 5");
    let rows = list_rows(&screen);
    assert!(rows[0].starts_with("    Iran"), "read: {rows:?}");
    assert!(
        rows[1].starts_with('•'),
        "unread again after undo: {rows:?}"
    );
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 13 (no sort orders in the reader).
#[test]
fn the_sort_key_reorders_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 30) else {
        return;
    };
    let newest = list_rows(&s.wait_for("Masoud Pezeshkian 5"));
    s.keys(&["S"]);
    s.wait_for("sorted by date, oldest first");
    // The list is read again in the new order: its first row changes.
    let deadline = Instant::now() + Duration::from_secs(20);
    let oldest = loop {
        let rows = list_rows(&s.screen());
        if !rows[0].trim().is_empty() && rows[0] != newest[0] {
            break rows;
        }
        assert!(
            Instant::now() < deadline,
            "the order never changed: {rows:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(oldest[0].contains("At the Cairo Book Fair"), "{oldest:?}");
    // The newest article is last when the oldest comes first.
    s.keys(&["G"]);
    let screen = s.wait_for("13/13");
    assert!(screen.contains("Iran’s President"), "{screen}");
    s.keys(&["S"]);
    s.wait_for("sorted by feed");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 13 (a store search stopped at 200 hits).
#[test]
fn a_store_search_counts_all_its_hits_and_pages_past_200() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("many.db");
    let input = dir.path().join("many.jsonl");
    let lines: Vec<String> = (0..225)
        .map(|i| format!(r#"{{"title":"Tide table {i}","body":"The tide came in. {i}"}}"#))
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let import = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .arg("import")
        .arg(&input)
        .output()
        .unwrap();
    assert!(import.status.success(), "{import:?}");
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    s.wait_for("1/225");
    s.keys(&["F", "t", "i", "d", "e", "Enter"]);
    s.wait_for("225 articles match \"tide\"");
    s.keys(&["G"]);
    s.wait_for("225/225");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}

// See: issue 13 (nothing deleted an article).
#[test]
fn delete_in_the_reader_undoes_until_quit_and_then_is_gone() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let Some(s) = Session::start(&store, 120, 30) else {
        return;
    };
    s.wait_for("Masoud Pezeshkian 5");
    s.keys(&["j", "d"]);
    s.wait_for("deleted: ");
    s.wait_for("2/12");
    s.keys(&["u"]);
    s.wait_for("brought back: ");
    s.wait_for("2/13");
    s.keys(&["d"]);
    s.wait_for("2/12");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
    let byline = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_byline"))
            .arg("--store")
            .arg(&store)
            .args(args)
            .output()
            .unwrap()
    };
    let listed = String::from_utf8_lossy(&byline(&["list"]).stdout).into_owned();
    assert_eq!(listed.lines().count(), 12, "{listed}");
    assert!(byline(&["check"]).status.success());
}

/// A store with the samples and two feeds tagged as OPML folders would tag them, refreshed.
fn store_with_feeds(dir: &std::path::Path) -> std::path::PathBuf {
    let store = dir.join("library.db");
    let byline = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_byline"))
            .arg("--store")
            .arg(&store)
            .args(args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    };
    byline(&[]);
    for (name, tag, items) in [("Coast Wire", "coast", 3), ("Port Daily", "ports", 2)] {
        let items: String = (0..items)
            .map(|i| format!("<item><title>{name} story {i}</title><link>https://{tag}.example/{i}</link><description>Text {i}.</description></item>"))
            .collect();
        let path = dir.join(format!("{tag}.xml"));
        std::fs::write(
            &path,
            format!("<rss version=\"2.0\"><channel><title>{name}</title>{items}</channel></rss>"),
        )
        .unwrap();
        byline(&[
            "feed",
            "add",
            "--no-check",
            "--tag",
            tag,
            path.to_str().unwrap(),
        ]);
    }
    byline(&["refresh"]);
    store
}

// See: issue 13 (no way to see one feed, one tag, or the unread and starred articles).
#[test]
fn the_feeds_view_lists_feeds_by_tag_and_filters_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_feeds(dir.path());
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nmark_read = \"never\"\n").unwrap();
    let env = format!("BYLINE_CONFIG='{}'", config.display());
    // Below 100 columns the view takes the list's place as the list does.
    for width in [120, 80] {
        let Some(s) = Session::start_with(&store, width, 30, &env) else {
            return;
        };
        s.wait_for("/18");
        s.keys(&["v"]);
        // Its rows: the article list shows "Coast Wire" too, in its stories' titles.
        let view = s.wait_for("│Starred");
        assert!(view.contains("Feeds (Enter"), "{view}");
        let rows = list_rows(&view);
        let coast = rows.iter().position(|r| r.starts_with("coast"));
        let coast = coast.unwrap_or_else(|| panic!("{width}: {view}"));
        // Unread counts: nothing is marked read on opening with this config.
        assert!(rows[coast].trim_end().ends_with(" 3"), "{rows:?}");
        assert!(rows[coast + 1].starts_with("  Coast Wire"), "{rows:?}");
        let ports = rows.iter().position(|r| r.starts_with("ports")).unwrap();
        assert!(rows[ports].trim_end().ends_with(" 2"), "{rows:?}");
        // Down to the coast folder, Enter: its three stories.
        for _ in 0..coast {
            s.keys(&["j"]);
        }
        s.keys(&["Enter"]);
        s.wait_for("Articles: coast");
        let list = s.wait_for("1/3");
        assert!(!list.contains("Iran’s President"), "{list}");
        // Back: every article again.
        s.keys(&["BSpace"]);
        s.wait_for(" Articles ");
        s.keys(&["q"]);
        s.wait_for("EXIT=0");
    }
}

// See: issue 13 ([reader] mark_read = N: read once shown N seconds).
#[test]
fn an_article_shown_long_enough_is_marked_read() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("library.db");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "[reader]\nmark_read = 1\n").unwrap();
    let env = format!("BYLINE_CONFIG='{}'", config.display());
    let Some(s) = Session::start_with(&store, 120, 30, &env) else {
        return;
    };
    s.wait_for("Masoud Pezeshkian 5");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !list_rows(&s.screen())[0].starts_with("    Iran") {
        assert!(
            Instant::now() < deadline,
            "never marked read:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // The second article, left at once, stays unread.
    s.keys(&["j", "j"]);
    s.wait_for("3/13");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&store)
        .args(["list", "is:read"])
        .output()
        .unwrap();
    let read = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(read.lines().count(), 1, "{read}");
}

// See: issue 14 (the entity page in a pty: open it, follow an article, Back).
#[test]
fn an_entity_page_opens_an_article_and_back_returns_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let Some(s) = Session::start(&dir.path().join("library.db"), 120, 32) else {
        return;
    };
    s.wait_for("Entities");
    // The Mombasa article: its first person is in other sample articles too.
    s.keys(&["j"]);
    s.wait_for("2/13");
    s.wait_for("People");
    s.keys(&["BTab"]);
    // The samples are indexed in the background after the first frames: until their
    // entities are resolved the page says so, and is asked for again.
    let deadline = Instant::now() + Duration::from_secs(30);
    let page = loop {
        s.keys(&["E"]);
        std::thread::sleep(Duration::from_millis(200));
        let screen = s.screen();
        if screen.contains("Newest articles (") {
            break screen;
        }
        assert!(Instant::now() < deadline, "no entity page:\n{screen}");
        s.keys(&["Escape"]);
        std::thread::sleep(Duration::from_millis(300));
    };
    assert!(page.contains("Seen with"), "{page}");
    assert!(page.contains(" articles · "), "{page}");
    s.keys(&["Enter"]);
    let read = s.wait_for("Backspace goes back to its page");
    assert!(read.contains("Mentioning "), "{read}");
    assert!(read.contains("Reading"), "{read}");
    s.keys(&["BSpace"]);
    s.wait_for("Newest articles (");
    s.keys(&["BSpace"]);
    s.wait_gone("Newest articles (");
    let back = s.wait_for("2/13");
    assert!(back.contains("Articles"), "{back}");
    assert!(back.contains("Mombasa"), "{back}");
    s.keys(&["q"]);
    s.wait_for("EXIT=0");
}
