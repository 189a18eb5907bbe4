//! Whole articles over real HTTP from a server this test starts on 127.0.0.1: a feed of
//! summaries whose pages hold the articles, one page that answers 404 and one on a port nobody
//! listens on. `feed add --full-text`, `refresh`, `fetch` and the store after them. Nothing
//! leaves loopback.

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

#[path = "common/http.rs"]
mod http;

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use assert_cmd::Command;
use byline::article::Article;
use byline::store::Store;

/// The page of an article, shaped as news sites shape theirs; the text is the project's own.
fn page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!doctype html><html><head><title>{title} | Harbour Post</title>
<meta property="og:site_name" content="Harbour Post">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}",
"author":{{"@type":"Person","name":"Ana Núñez"}},"datePublished":"2024-03-04T09:30:00Z"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><div class="article-body">{body}</div></article>
<aside class="related"><a href="/x">Other stories you may like</a></aside>
<footer>Harbour Post, all rights reserved.</footer></body></html>"#
    )
}

const CRANES: &[&str] = &[
    "The cranes of the north harbour moved again on Monday, after a strike that had kept them idle for nine days.",
    "Ingrid Halvorsen, the port's director, said the first container ship would leave at noon, and that the backlog would take a week to clear.",
    "Dockers voted on Sunday evening to accept the offer, which raises pay by four percent this year and three percent next year.",
];

const FERRY: &[&str] = &[
    "The island ferry will run twice a day from April, the shipping line said on Tuesday, after a winter of single crossings.",
    "Passengers had complained for months about the long waits, and the council had threatened to look for another operator.",
];

struct Site {
    base: String,
    /// Paths requested, in order.
    log: Arc<Mutex<Vec<String>>>,
    /// The feed gives the cranes story a new summary.
    revised: Arc<AtomicBool>,
}

fn serve(dead_link: String) -> Site {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Arc<Mutex<Vec<String>>> = Arc::default();
    let revised: Arc<AtomicBool> = Arc::default();
    let (seen, at, flag) = (log.clone(), base.clone(), revised.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (seen, at, dead) = (seen.clone(), at.clone(), dead_link.clone());
            let revised = flag.load(Ordering::SeqCst);
            std::thread::spawn(move || handle(stream, &seen, &at, &dead, revised));
        }
    });
    Site { base, log, revised }
}

fn feed(base: &str, dead: &str, revised: bool) -> String {
    let item = |title: &str, link: &str, summary: &str| {
        format!(
            "<item><title>{title}</title><link>{link}</link><description>{summary}</description></item>"
        )
    };
    let items = [
        item(
            "Cranes return",
            &format!("{base}/cranes"),
            if revised {
                "The strike is over; ships leave."
            } else {
                "The strike is over."
            },
        ),
        item(
            "Ferry twice a day",
            &format!("{base}/ferry"),
            "More crossings.",
        ),
        item(
            "Gone page",
            &format!("{base}/gone"),
            "A summary that stays.",
        ),
        item("Dead link", dead, "Another summary that stays."),
    ];
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Post</title>{}</channel></rss>"#,
        items.concat()
    )
}

fn handle(stream: TcpStream, log: &Mutex<Vec<String>>, base: &str, dead: &str, revised: bool) {
    let mut stream = stream;
    let Some(path) = http::request_path(&stream) else {
        return;
    };
    log.lock().unwrap().push(path.clone());
    let (status, body) = match path.as_str() {
        "/feed.xml" => ("200 OK", feed(base, dead, revised)),
        "/cranes" => ("200 OK", page("Cranes return", CRANES)),
        "/ferry" => ("200 OK", page("Ferry twice a day", FERRY)),
        // Over the 8 MiB a page may have.
        "/huge" => ("200 OK", "<p>big</p>".repeat(900_000)),
        _ => ("404 Not Found", "no such page".to_string()),
    };
    http::respond(&mut stream, status, &body);
}

fn byline(store: &Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.arg("--store")
        .arg(store)
        .env("BYLINE_CONFIG", store.with_extension("toml"));
    cmd
}

/// A URL on 127.0.0.1 where nothing listens.
fn dead_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/never", listener.local_addr().unwrap());
    drop(listener);
    url
}

fn id_of(url: &str) -> String {
    Article::derive_id(Some(url), "", "")
}

#[test]
fn a_full_text_feed_stores_whole_articles_and_a_failed_page_keeps_its_summary() {
    let dead = dead_url();
    let site = serve(dead.clone());
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let feed_url = format!("{}/feed.xml", site.base);
    byline(&store)
        .args(["feed", "add", &feed_url, "--full-text"])
        .assert()
        .success();
    let list = byline(&store).args(["feed", "list"]).output().unwrap();
    assert!(String::from_utf8_lossy(&list.stdout).contains("full text"));

    let out = byline(&store).arg("refresh").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("fetched 4 pages of new articles: 2 whole, 2 kept their summaries"),
        "{stdout}"
    );
    assert!(
        stderr.contains("/gone: the server answered 404; the summary stays"),
        "{stderr}"
    );
    assert!(stderr.contains(&dead), "{stderr}");

    let s = Store::open(&store).unwrap();
    let cranes = s.get(&id_of(&format!("{}/cranes", site.base))).unwrap();
    assert_eq!(
        cranes.body.text,
        CRANES.join("\n\n"),
        "the whole article, nothing around it"
    );
    assert_eq!(cranes.authors, ["Ana Núñez"]);
    assert_eq!(cranes.published.as_deref(), Some("2024-03-04T09:30:00Z"));
    let kept = s.kept_summary(&cranes.id).unwrap().unwrap();
    assert_eq!(kept.text, "The strike is over.");
    let entities = s.entities_of(&cranes.id).unwrap();
    assert!(
        entities.iter().any(|e| e.name.contains("Halvorsen")),
        "entities come from the whole text: {entities:?}"
    );
    let gone = s.get(&id_of(&format!("{}/gone", site.base))).unwrap();
    assert_eq!(gone.body.text, "A summary that stays.");
    let state = s.page_state(&gone.id).unwrap().unwrap();
    assert_eq!(state.error.as_deref(), Some("the server answered 404"));
    let dead_state = s.page_state(&id_of(&dead)).unwrap().unwrap();
    assert!(dead_state.error.is_some() && !dead_state.has_full_text);
    drop(s);

    // A second refresh fetches no page again and leaves the whole texts in place.
    let pages_before = site.log.lock().unwrap().len();
    byline(&store).arg("refresh").assert().success();
    let requested: Vec<String> = site.log.lock().unwrap()[pages_before..].to_vec();
    assert_eq!(requested, ["/feed.xml"]);
    let s = Store::open(&store).unwrap();
    assert_eq!(s.get(&cranes.id).unwrap().body.text, CRANES.join("\n\n"));
    drop(s);

    // A changed summary is kept anew and its page fetched again.
    site.revised.store(true, Ordering::SeqCst);
    let before = site.log.lock().unwrap().len();
    byline(&store).arg("refresh").assert().success();
    let requested: Vec<String> = site.log.lock().unwrap()[before..].to_vec();
    assert_eq!(requested, ["/feed.xml", "/cranes"]);
    let s = Store::open(&store).unwrap();
    assert_eq!(s.get(&cranes.id).unwrap().body.text, CRANES.join("\n\n"));
    let kept = s.kept_summary(&cranes.id).unwrap().unwrap();
    assert_eq!(kept.text, "The strike is over; ships leave.");
}

#[test]
fn fetch_replaces_a_summary_or_stores_a_new_page() {
    let site = serve(dead_url());
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let feed_url = format!("{}/feed.xml", site.base);
    byline(&store)
        .args(["feed", "add", &feed_url])
        .assert()
        .success();
    byline(&store).arg("refresh").assert().success();
    let ferry = id_of(&format!("{}/ferry", site.base));
    let s = Store::open(&store).unwrap();
    assert_eq!(
        s.get(&ferry).unwrap().body.text,
        "More crossings.",
        "not a full-text feed"
    );
    drop(s);

    let out = byline(&store)
        .args(["fetch", &ferry[..8]])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = Store::open(&store).unwrap();
    assert_eq!(s.get(&ferry).unwrap().body.text, FERRY.join("\n\n"));
    assert_eq!(
        s.kept_summary(&ferry).unwrap().unwrap().text,
        "More crossings."
    );
    drop(s);

    let gone = format!("{}/gone", site.base);
    let out = byline(&store).args(["fetch", &gone]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/gone: the server answered 404; the summary stays"),
        "{stderr}"
    );

    // A page over the size cap is refused, with its reason.
    let huge = format!("{}/huge", site.base);
    let out = byline(&store).args(["fetch", &huge]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/huge: larger than the limit of 8388608 bytes"),
        "{stderr}"
    );

    // A page that is not in the store becomes an article of its own.
    let dir2 = tempfile::tempdir().unwrap();
    let other = dir2.path().join("t.db");
    let cranes = format!("{}/cranes", site.base);
    byline(&other).args(["fetch", &cranes]).assert().success();
    let s = Store::open(&other).unwrap();
    let a = s.get(&id_of(&cranes)).unwrap();
    assert_eq!(
        (a.title.as_str(), a.body.text.as_str()),
        ("Cranes return", CRANES.join("\n\n").as_str())
    );
}

#[test]
fn a_page_host_that_never_answers_is_given_up_after_a_few_pages() {
    // A server that takes connections and never answers them.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_base = format!("http://{}", silent.local_addr().unwrap());
    let taken = Arc::new(Mutex::new(Vec::new()));
    let held = taken.clone();
    std::thread::spawn(move || {
        for stream in silent.incoming().flatten() {
            held.lock().unwrap().push(stream);
        }
    });
    let items: String = (0..8)
        .map(|i| {
            format!("<item><title>Silent {i}</title><link>{silent_base}/{i}</link><description>Kept {i}.</description></item>")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("silent.xml");
    std::fs::write(
        &feed,
        format!(r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Silent</title>{items}</channel></rss>"#),
    )
    .unwrap();
    let store = dir.path().join("s.db");
    byline(&store)
        .args(["feed", "add", "--full-text", "--no-check"])
        .arg(&feed)
        .assert()
        .success();
    let out = byline(&store)
        .args(["refresh", "--timeout", "1"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.contains("fetched 8 pages of new articles: 0 whole, 8 kept their summaries"),
        "{stdout}"
    );
    assert!(stderr.contains("in a row did not arrive"), "{stderr}");
    let asked = taken.lock().unwrap().len();
    assert!((3..8).contains(&asked), "{asked} pages were asked for");
}
