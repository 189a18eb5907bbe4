//! Refresh benchmark (issue 16): 20 summary-only feeds set to full text, served by a server
//! this benchmark starts on 127.0.0.1, each item's page fetched, extracted and stored. Prints
//! the time of the refresh and the process's peak memory (VmHWM) before and after it.
//!
//! `cargo bench --bench refresh_fulltext [-- FEEDS ITEMS]` (default 20 feeds of 25 items).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use byline::feed::Fetcher;
use byline::refresh::refresh_with_pages;
use byline::store::Store;

const WORDS: &[&str] = &[
    "harbour",
    "council",
    "ferry",
    "dockers",
    "union",
    "minister",
    "shipping",
    "crossing",
    "winter",
    "offer",
    "strike",
    "director",
    "backlog",
    "vessel",
    "container",
    "island",
];

/// A paragraph of made-up news text, different for every seed.
fn paragraph(seed: usize) -> String {
    let mut s = String::from("The");
    for i in 0..60 {
        s.push(' ');
        s.push_str(WORDS[(seed * 7 + i * 13) % WORDS.len()]);
        if i % 11 == 10 {
            s.push(',');
        }
    }
    s.push('.');
    s
}

/// A page of about 23 KB: navigation, a script, the article of 12 paragraphs, related links.
fn page(feed: usize, item: usize) -> String {
    let nav: String = (0..60)
        .map(|i| format!("<li><a href='/s/{i}'>Section {i}</a></li>"))
        .collect();
    let body: String = (0..12)
        .map(|p| format!("<p>{}</p>", paragraph(feed * 1000 + item * 20 + p)))
        .collect();
    let script = format!("<script>var data = \"{}\";</script>", "x".repeat(12_000));
    format!(
        "<!doctype html><html><head><title>Story {feed}-{item}</title>{script}</head><body>\
         <nav><ul>{nav}</ul></nav><article><h1>Story {feed}-{item}</h1>\
         <div class='article-body'>{body}</div></article><aside class='related'><ul>{nav}</ul>\
         </aside><footer>Harbour Post</footer></body></html>"
    )
}

fn feed(base: &str, feed: usize, items: usize) -> String {
    let items: String = (0..items)
        .map(|i| {
            format!(
                "<item><title>Story {feed}-{i}</title><link>{base}/page/{feed}/{i}</link>\
                     <description>A summary of story {i}.</description></item>"
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Feed {feed}</title>{items}</channel></rss>"
    )
}

fn handle(mut stream: TcpStream, base: &str, items: usize) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let parts: Vec<usize> = path
        .split('/')
        .filter_map(|p| p.trim_end_matches(".xml").parse().ok())
        .collect();
    let body = match (path.starts_with("/feed/"), parts.as_slice()) {
        (true, [f]) => feed(base, *f, items),
        (false, [f, i]) => page(*f, *i),
        _ => String::new(),
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body.as_bytes());
}

/// The process's peak resident memory so far, in MB (Linux).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<usize> = std::env::args().filter_map(|a| a.parse().ok()).collect();
    let (feeds, items) = (
        args.first().copied().unwrap_or(20),
        args.get(1).copied().unwrap_or(25),
    );
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let served = base.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let base = served.clone();
            std::thread::spawn(move || handle(stream, &base, items));
        }
    });
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut store = Store::open(&dir.path().join("bench.db")).expect("a store");
    for f in 0..feeds {
        let (id, _) = store
            .add_feed(&format!("{base}/feed/{f}.xml"), None, &[])
            .expect("a feed");
        store.set_feed_full_text(id, true).expect("full text");
    }
    let rows = store.feeds().expect("the feeds");
    store.defer_text_index(true);
    let before = peak_mb();
    let started = Instant::now();
    let fetcher = Fetcher::with_timeout(Duration::from_secs(20));
    let summary =
        refresh_with_pages(&mut store, &rows, &fetcher, 8, |_| {}, |_| {}).expect("a refresh");
    store.index_text().expect("the search index");
    let took = started.elapsed().as_secs_f64();
    println!(
        "{feeds} feeds, {} new articles, {} pages ({} failed, {:.1} MB of HTML) in {took:.2} s; \
         peak memory {before:.0} MB before, {:.0} MB after",
        summary.added,
        summary.pages,
        summary.pages_failed,
        (feeds * items * page(0, 0).len()) as f64 / 1e6,
        peak_mb()
    );
}
