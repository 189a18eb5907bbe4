//! A real Fever server for the sync tests: coldsweat 0.10.2 in a venv (BYLINE_COLDSWEAT_VENV),
//! its feeds served from memory on 127.0.0.1, and a proxy that can stop answering mid-sync.

#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const USER: &str = "reader@example.com";
pub const PASSWORD: &str = "correct horse battery";

/// The venv's `flask`, or `None` (and why) when the tests must skip.
pub fn flask() -> Result<PathBuf, String> {
    let venv = std::env::var("BYLINE_COLDSWEAT_VENV")
        .map_err(|_| "BYLINE_COLDSWEAT_VENV is not set (.ci/run makes the venv)".to_string())?;
    let flask = Path::new(&venv).join("bin/flask");
    if flask.is_file() {
        Ok(flask)
    } else {
        Err(format!(
            "no coldsweat in {venv} (pip install coldsweat==0.10.2)"
        ))
    }
}

/// Serves fixed bodies by path on 127.0.0.1 until the test ends; returns its base URL.
pub fn serve_static(files: HashMap<String, Vec<u8>>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let (path, _) = read_request(&mut reader);
            let body = files.get(&path).cloned();
            let mut stream = reader.into_inner();
            let head = match &body {
                Some(b) => format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    b.len()
                ),
                None => "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .into(),
            };
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body.unwrap_or_default());
        }
    });
    base
}

/// Reads one HTTP request: its path and the whole request bytes.
fn read_request(reader: &mut BufReader<TcpStream>) -> (String, Vec<u8>) {
    let mut raw = Vec::new();
    let mut line = String::new();
    let mut length = 0;
    let mut path = String::new();
    while reader.read_line(&mut line).unwrap_or(0) > 0 {
        if path.is_empty() {
            path = line.split(' ').nth(1).unwrap_or("").to_string();
        }
        let lower = line.to_ascii_lowercase();
        if let Some(v) = lower.strip_prefix("content-length:") {
            length = v.trim().parse().unwrap_or(0);
        }
        if lower.starts_with("connection:") {
            line.clear();
            continue;
        }
        let end = line == "\r\n";
        if end {
            raw.extend_from_slice(b"Connection: close\r\n");
        }
        raw.extend_from_slice(line.as_bytes());
        line.clear();
        if end {
            break;
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    raw.extend_from_slice(&body);
    (path, raw)
}

/// An RSS feed of `items` items, its icon on the same local server (coldsweat would otherwise
/// ask a favicon service off the machine).
pub fn rss(name: &str, items: usize, icon: &str) -> Vec<u8> {
    let mut out = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{name}</title>\
         <link>http://news.invalid/{name}</link><description>d</description>\
         <image><url>{icon}</url><title>{name}</title><link>http://news.invalid/{name}</link>\
         <width>16</width><height>16</height></image>"
    );
    for i in 0..items {
        out.push_str(&format!(
            "<item><title>{name} story {i}</title><link>http://news.invalid/{name}/{i}</link>\
             <guid>http://news.invalid/{name}/{i}</guid>\
             <description>&lt;p&gt;Harbour report number {i} from {name}.&lt;/p&gt;</description>\
             <pubDate>Mon, 01 Jan 2024 10:{:02}:00 GMT</pubDate></item>",
            i % 60
        ));
    }
    out.push_str("</channel></rss>");
    out.into_bytes()
}

/// A running coldsweat, killed when dropped.
pub struct Coldsweat {
    child: Child,
    pub url: String,
    _dir: tempfile::TempDir,
}

impl Drop for Coldsweat {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts coldsweat with one user subscribed to `feeds` (name, item count), fetched already.
pub fn start(flask: &Path, feeds: &[(&str, usize)]) -> Coldsweat {
    let mut files = HashMap::new();
    let icon_base = {
        // A square icon the feed names keeps coldsweat from asking a favicon service off the
        // machine; it is served before the feeds, whose text names its URL.
        serve_static(HashMap::from([("/icon.ico".to_string(), vec![0u8; 16])]))
    };
    for (name, n) in feeds {
        files.insert(
            format!("/{name}.xml"),
            rss(name, *n, &format!("{icon_base}/icon.ico")),
        );
    }
    let base = serve_static(files);
    let dir = tempfile::tempdir().unwrap();
    let outlines: String = feeds
        .iter()
        .map(|(n, _)| format!("<outline type=\"rss\" text=\"{n}\" xmlUrl=\"{base}/{n}.xml\"/>"))
        .collect();
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        format!("<?xml version=\"1.0\"?><opml version=\"2.0\"><body><outline text=\"Harbours\" title=\"Harbours\">{outlines}</outline></body></opml>"),
    )
    .unwrap();
    let db = format!("sqlite:///{}", dir.path().join("cs.db").display());
    let run = |args: &[&str]| {
        let out = Command::new(flask)
            .args(["--app", "coldsweat"])
            .args(args)
            .env("FLASK_DATABASE_URL", &db)
            .env("FLASK_SECRET_KEY", "test only")
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    run(&["setup", USER, "-p", PASSWORD]);
    run(&["import", opml.to_str().unwrap(), USER, "-f"]);
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(flask)
        .args([
            "--app",
            "coldsweat",
            "run",
            "-h",
            "127.0.0.1",
            "-p",
            &port.to_string(),
        ])
        .env("FLASK_DATABASE_URL", &db)
        .env("FLASK_SECRET_KEY", "test only")
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Coldsweat {
        child,
        url: format!("http://127.0.0.1:{port}/fever/"),
        _dir: dir,
    };
    wait_until_up(port);
    server
}

/// Polls until the port accepts connections (a bounded number of tries, no time asserted).
fn wait_until_up(port: u16) {
    for _ in 0..300 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("coldsweat did not start on port {port}");
}

/// A proxy to `target` (host:port) answering only while `budget` requests remain; after that
/// it closes each connection unanswered, as a server that went away. Returns its base URL.
pub fn proxy(target: &str, budget: Arc<AtomicUsize>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let target = target.to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream);
            let (_, raw) = read_request(&mut reader);
            let left = budget.load(Ordering::SeqCst);
            if left == 0 {
                continue; // dropped: the connection closes with no answer
            }
            budget.store(left - 1, Ordering::SeqCst);
            let mut upstream = TcpStream::connect(&target).unwrap();
            upstream.write_all(&raw).unwrap();
            let mut answer = Vec::new();
            let _ = upstream.read_to_end(&mut answer);
            let _ = reader.into_inner().write_all(&answer);
        }
    });
    base
}

/// Marks an item on the server directly, as another client would.
pub fn mark_on_server(url: &str, id: i64, status: &str) {
    let key = byline::sync::fever::api_key(USER, PASSWORD);
    let response = ureq::post(&format!("{url}?api&mark"))
        .send_form([
            ("api_key", key.as_str()),
            ("mark", "item"),
            ("as", status),
            ("id", &id.to_string()),
        ])
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
}

/// The server's unread and saved ids.
pub fn server_state(url: &str) -> (String, String) {
    let key = byline::sync::fever::api_key(USER, PASSWORD);
    let mut response = ureq::post(&format!("{url}?api&unread_item_ids&saved_item_ids"))
        .send_form([("api_key", key.as_str())])
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let ids = |k: &str| v[k].as_str().unwrap().to_string();
    (ids("unread_item_ids"), ids("saved_item_ids"))
}

/// The server's id of the item titled `title` (among its first 50).
pub fn server_id(url: &str, title: &str) -> i64 {
    let key = byline::sync::fever::api_key(USER, PASSWORD);
    let mut response = ureq::post(&format!("{url}?api&items&since_id=0"))
        .send_form([("api_key", key.as_str())])
        .unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
    let items = v["items"].as_array().unwrap();
    let item = items.iter().find(|i| i["title"] == title).unwrap();
    item["id"].as_i64().unwrap()
}
