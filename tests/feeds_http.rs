//! Fetching feeds over real HTTP from a server this test starts on 127.0.0.1: 200, 304 with
//! ETag and Last-Modified, redirects and a redirect loop, a slow server, a huge body, gzip, a
//! server that closes mid-body, an error status. Nothing leaves loopback.

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use byline::feed::{FetchError, FetchOutcome, Fetcher, Validators, parse_feed};

const FEED: &str = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Local</title>
<item><title>Served over loopback</title><link>http://127.0.0.1/a</link><description>Text.</description></item>
</channel></rss>"#;

/// Requests the server saw: (path, headers in lower case).
type Log = Arc<Mutex<Vec<(String, Vec<String>)>>>;

fn serve() -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let log: Log = Arc::default();
    let seen = log.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let seen = seen.clone();
            std::thread::spawn(move || handle(stream, &seen));
        }
    });
    (base, log)
}

fn handle(mut stream: TcpStream, log: &Log) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        headers.push(h.trim().to_ascii_lowercase());
    }
    log.lock().unwrap().push((path.clone(), headers.clone()));
    let has = |h: &str| headers.iter().any(|x| x.starts_with(h));
    let reply = |s: &mut TcpStream, status: &str, extra: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n",
            body.len()
        );
        let _ = s.write_all(head.as_bytes());
        let _ = s.write_all(body);
    };
    match path.as_str() {
        "/feed" if has("if-none-match: \"v1\"") => reply(&mut stream, "304 Not Modified", "", b""),
        "/feed" => reply(
            &mut stream,
            "200 OK",
            "ETag: \"v1\"\r\nLast-Modified: Tue, 10 Sep 2024 08:00:00 GMT\r\nContent-Type: application/rss+xml\r\n",
            FEED.as_bytes(),
        ),
        "/dated" if has("if-modified-since: tue, 10 sep 2024 08:00:00 gmt") => {
            reply(&mut stream, "304 Not Modified", "", b"")
        }
        "/dated" => reply(
            &mut stream,
            "200 OK",
            "Last-Modified: Tue, 10 Sep 2024 08:00:00 GMT\r\n",
            FEED.as_bytes(),
        ),
        "/page" => reply(
            &mut stream,
            "200 OK",
            "Content-Type: text/html\r\n",
            b"<html><head><title>Site</title>\
              <link rel=\"alternate\" type=\"application/rss+xml\" title=\"Local news\" href=\"/feed\">\
              <link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom\"></head></html>",
        ),
        "/moved" => reply(
            &mut stream,
            "301 Moved Permanently",
            "Location: /feed\r\n",
            b"",
        ),
        "/loop" => reply(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/slow" => {
            std::thread::sleep(Duration::from_secs(3));
            reply(&mut stream, "200 OK", "", FEED.as_bytes());
        }
        "/huge" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 50000000\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let chunk = vec![b' '; 64 * 1024];
            for _ in 0..800 {
                if stream.write_all(&chunk).is_err() {
                    break;
                }
            }
        }
        "/gzip" => {
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            gz.write_all(FEED.as_bytes()).unwrap();
            let body = gz.finish().unwrap();
            let encoding = if has("accept-encoding:") && headers.iter().any(|h| h.contains("gzip"))
            {
                "Content-Encoding: gzip\r\n"
            } else {
                ""
            };
            reply(&mut stream, "200 OK", encoding, &body);
        }
        "/cut" => {
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 10000\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&FEED.as_bytes()[..100]);
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        _ => reply(&mut stream, "404 Not Found", "", b"no such feed"),
    }
}

fn fetcher() -> Fetcher {
    Fetcher::new(Duration::from_secs(1), 1024 * 1024, 3)
}

fn fetched(outcome: FetchOutcome) -> (Vec<u8>, Validators, String) {
    match outcome {
        FetchOutcome::Fetched {
            bytes,
            validators,
            url,
        } => (bytes, validators, url),
        FetchOutcome::NotModified => panic!("expected a body"),
    }
}

#[test]
fn a_fetched_feed_parses_and_an_unchanged_one_costs_one_small_request() {
    let (base, log) = serve();
    let f = fetcher();
    let (bytes, validators, _) = fetched(
        f.fetch(&format!("{base}/feed"), &Validators::default())
            .unwrap(),
    );
    assert_eq!(
        parse_feed(&bytes, &base).unwrap().articles[0].title,
        "Served over loopback"
    );
    assert_eq!(validators.etag.as_deref(), Some("\"v1\""));
    assert!(matches!(
        f.fetch(&format!("{base}/feed"), &validators).unwrap(),
        FetchOutcome::NotModified
    ));
    let sent = log.lock().unwrap()[1].1.clone();
    assert!(
        sent.iter().any(|h| h == "if-none-match: \"v1\""),
        "{sent:?}"
    );
    // Last-Modified alone works too.
    let (_, dated, _) = fetched(
        f.fetch(&format!("{base}/dated"), &Validators::default())
            .unwrap(),
    );
    assert!(dated.etag.is_none());
    assert!(matches!(
        f.fetch(&format!("{base}/dated"), &dated).unwrap(),
        FetchOutcome::NotModified
    ));
}

#[test]
fn redirects_are_followed_up_to_the_cap_and_a_loop_is_an_error() {
    let (base, _) = serve();
    let (bytes, _, url) = fetched(
        fetcher()
            .fetch(&format!("{base}/moved"), &Validators::default())
            .unwrap(),
    );
    assert!(url.ends_with("/feed"), "{url}");
    assert!(!bytes.is_empty());
    let err = fetcher()
        .fetch(&format!("{base}/loop"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::TooManyRedirects(3)), "{err}");
    assert_eq!(err.to_string(), "more than 3 redirects");
}

#[test]
fn a_slow_server_times_out_a_huge_body_is_capped_a_cut_body_fails() {
    let (base, _) = serve();
    let started = std::time::Instant::now();
    let err = fetcher()
        .fetch(&format!("{base}/slow"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout(_)), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "gave up at the timeout"
    );
    let err = fetcher()
        .fetch(&format!("{base}/huge"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::TooLarge(1_048_576)), "{err}");
    let err = fetcher()
        .fetch(&format!("{base}/cut"), &Validators::default())
        .unwrap_err();
    assert!(matches!(err, FetchError::Network(_)), "{err}");
    let err = fetcher()
        .fetch(&format!("{base}/missing"), &Validators::default())
        .unwrap_err();
    assert_eq!(err.to_string(), "the server answered 404");
}

#[test]
fn gzip_bodies_are_decompressed() {
    let (base, log) = serve();
    let (bytes, _, _) = fetched(
        fetcher()
            .fetch(&format!("{base}/gzip"), &Validators::default())
            .unwrap(),
    );
    assert!(
        log.lock().unwrap()[0]
            .1
            .iter()
            .any(|h| h.starts_with("accept-encoding:") && h.contains("gzip"))
    );
    assert_eq!(parse_feed(&bytes, &base).unwrap().articles.len(), 1);
}

#[test]
fn refresh_over_http_from_the_command_line_keeps_going_past_failures() {
    let (base, log) = serve();
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("byline")
            .unwrap()
            .arg("--store")
            .arg(&store)
            .args(args)
            .env_remove("http_proxy")
            .env_remove("HTTP_PROXY")
            .env_remove("ALL_PROXY")
            .output()
            .unwrap()
    };
    assert!(
        run(&["feed", "add", &format!("{base}/feed")])
            .status
            .success()
    );
    for path in ["/missing", "/loop"] {
        let checked = run(&["feed", "add", &format!("{base}{path}")]);
        assert_eq!(
            checked.status.code(),
            Some(2),
            "a URL that is no feed is refused at once"
        );
        assert!(
            run(&["feed", "add", "--no-check", &format!("{base}{path}")])
                .status
                .success()
        );
    }
    let out = run(&["refresh", "--timeout", "2"]);
    assert_eq!(out.status.code(), Some(3));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "refreshed 3 feeds: 1 new article, 0 updated; 0 unchanged since last time; 2 failed"
        ),
        "{stdout}"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("/missing: the server answered 404"),
        "{stderr}"
    );
    let out = run(&["refresh", "--timeout", "2"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 unchanged since last time"));
    let feed_requests = log
        .lock()
        .unwrap()
        .iter()
        .filter(|(p, _)| p == "/feed")
        .count();
    assert_eq!(
        feed_requests, 3,
        "the check at `feed add`, then one per refresh"
    );
}

#[test]
fn feed_add_finds_the_feed_a_web_page_names() {
    let (base, _) = serve();
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("byline")
        .unwrap()
        .arg("--store")
        .arg(dir.path().join("s.db"))
        .args(["feed", "add", &format!("{base}/page")])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&format!("subscribed to Local ({base}/feed")),
        "{said}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("names 2 feeds"));
}
