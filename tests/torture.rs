//! Many processes on one store at once, killed with SIGKILL at random moments: after every
//! round the store passes SQLite's and FTS5's checks and holds every write some process said
//! was done. See: issue 11.
//!
//! At once, each round: a process that behaves like the reader (two connections held for the
//! whole round; stars, read marks, tags and entity-index writes, each reported once committed),
//! imports, `byline index`, refreshes of file:// feeds, and list and search processes. Bounded
//! by `BYLINE_TORTURE_SECONDS` (default 100); `BYLINE_TORTURE_SEED` replays a run.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use byline::store::{EntityCount, ListFilter, StateChange, Store};

/// A small deterministic random source (xorshift), so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The reader's part, run as a child process of this test binary: two connections as the
/// reader has, writes reported on stdout after each commit.
#[test]
#[ignore = "run by `torture` as its reader process"]
fn reader_role() {
    let Some(path) = std::env::var_os("BYLINE_TORTURE_STORE") else {
        return;
    };
    let path = PathBuf::from(path);
    let mut screen = Store::open(&path).unwrap();
    let mut worker = Store::open(&path).unwrap();
    let seed: u64 = std::env::var("BYLINE_TORTURE_ROLE_SEED")
        .unwrap()
        .parse()
        .unwrap();
    let mut rng = Rng(seed | 1);
    // The sample library's articles: `byline index` never touches them (they are indexed), so
    // no other process overwrites what this one writes.
    let ids: Vec<String> = std::env::var("BYLINE_TORTURE_IDS")
        .unwrap()
        .split(',')
        .map(String::from)
        .collect();
    let out = std::io::stdout();
    for n in 0u64.. {
        let id = &ids[usize::try_from(rng.below(ids.len() as u64)).unwrap()];
        let line = match n % 4 {
            0 => {
                screen
                    .change_state(id, &StateChange::Starred(true))
                    .unwrap();
                format!("star {id}")
            }
            1 => {
                worker.change_state(id, &StateChange::Read(true)).unwrap();
                format!("read {id}")
            }
            2 => {
                let tag = format!("t{seed}-{n}");
                screen
                    .change_state(id, &StateChange::Tag(tag.clone()))
                    .unwrap();
                format!("tag {id} {tag}")
            }
            _ => {
                // Numbered by the clock, so that a later reader process writes higher numbers.
                let n = std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos();
                let e = EntityCount {
                    name: format!("Entity {n:024}"),
                    kind: "ORG".into(),
                    mentions: 1,
                };
                worker.set_entities(id, &[e], 1_000).unwrap();
                format!("entity {id} {n:024}")
            }
        };
        let mut out = out.lock();
        writeln!(out, "{line}").unwrap();
        out.flush().unwrap();
        screen.page(&ListFilter::default(), 0, 50).unwrap();
    }
}

/// What processes said they had done, to be found in the store.
#[derive(Default)]
struct Done {
    starred: Vec<String>,
    read: Vec<String>,
    tags: Vec<(String, String)>,
    /// Per article, the last entity number reported (a later one may have committed unreported).
    entity: HashMap<String, String>,
    /// Title prefixes with how many articles each must have.
    imported: Vec<(String, usize)>,
    refreshed: Vec<String>,
    writes: usize,
}

struct World {
    dir: PathBuf,
    store: PathBuf,
    rng: Rng,
    done: Done,
    kills: usize,
    failures: Vec<String>,
    spawned: usize,
    sample_ids: Vec<String>,
}

enum Role {
    Reader(Receiver<String>),
    Import(String, usize),
    Refresh(Vec<String>),
    Other,
}

fn byline_cmd(store: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_byline"));
    c.arg("--store")
        .arg(store)
        .env("BYLINE_CONFIG", "/nonexistent/config.toml")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

impl World {
    fn spawn(&mut self, kind: u64, round: usize) -> (Child, Role) {
        self.spawned += 1;
        let n = self.spawned;
        match kind {
            0 => {
                let mut child = Command::new(std::env::current_exe().unwrap())
                    .args(["--exact", "reader_role", "--ignored", "--nocapture"])
                    .env("BYLINE_TORTURE_STORE", &self.store)
                    .env("BYLINE_TORTURE_IDS", self.sample_ids.join(","))
                    .env("BYLINE_TORTURE_ROLE_SEED", self.rng.next().to_string())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap();
                let (tx, rx) = channel();
                let stdout = child.stdout.take().unwrap();
                std::thread::spawn(move || {
                    for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                        let _ = tx.send(line);
                    }
                });
                (child, Role::Reader(rx))
            }
            1 => {
                let prefix = format!("imp-r{round}-p{n}-");
                let count = 200 + usize::try_from(self.rng.below(800)).unwrap();
                let file = self.dir.join(format!("import-{n}.jsonl"));
                let filler = "Port officials said the cranes would move again on Monday. ";
                let text: String = (0..count)
                    .map(|i| {
                        let body = format!("{} {prefix}{i}", filler.repeat(8));
                        serde_json::json!({"title": format!("{prefix}{i}"), "body": body})
                            .to_string()
                            + "\n"
                    })
                    .collect();
                std::fs::write(&file, text).unwrap();
                let child = byline_cmd(&self.store)
                    .arg("import")
                    .arg(&file)
                    .spawn()
                    .unwrap();
                (child, Role::Import(prefix, count))
            }
            2 => {
                let titles = self.write_feeds(n);
                let child = byline_cmd(&self.store)
                    .args(["refresh", "--timeout", "30"])
                    .spawn()
                    .unwrap();
                (child, Role::Refresh(titles))
            }
            3 => (
                byline_cmd(&self.store)
                    .args(["index", "--limit", "300"])
                    .spawn()
                    .unwrap(),
                Role::Other,
            ),
            4 => (
                byline_cmd(&self.store)
                    .args(["list", "--limit", "500"])
                    .spawn()
                    .unwrap(),
                Role::Other,
            ),
            _ => (
                byline_cmd(&self.store)
                    .args(["search", "cranes OR port*", "--limit", "50"])
                    .spawn()
                    .unwrap(),
                Role::Other,
            ),
        }
    }

    /// Rewrites the feed files with new items; their titles.
    fn write_feeds(&mut self, n: usize) -> Vec<String> {
        let mut titles = Vec::new();
        for f in 0..3 {
            let mut items = String::new();
            for i in 0..20 {
                let title = format!("feed{f}-s{n}-i{i}");
                items.push_str(&format!(
                    "<item><title>{title}</title><guid>{title}</guid><description>Ferry news {i}.</description></item>"
                ));
                titles.push(title);
            }
            let rss = format!(
                "<rss version=\"2.0\"><channel><title>Feed {f}</title>{items}</channel></rss>"
            );
            std::fs::write(self.dir.join(format!("feed{f}.xml")), rss).unwrap();
        }
        titles
    }

    /// Reads a finished or killed process's results into `done`.
    fn settle(&mut self, mut child: Child, role: Role, killed: bool) {
        let status = child.wait().unwrap();
        let mut stderr = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
        }
        if !killed && !status.success() && !matches!(role, Role::Reader(_)) {
            self.failures
                .push(format!("a process failed ({status}): {stderr}"));
        }
        match role {
            Role::Reader(rx) => {
                for line in rx.try_iter() {
                    self.record(&line);
                }
            }
            Role::Import(prefix, n) if status.success() => self.done.imported.push((prefix, n)),
            Role::Refresh(titles) if status.success() => self.done.refreshed.extend(titles),
            _ => {}
        }
    }

    fn record(&mut self, line: &str) {
        let parts: Vec<&str> = line.split(' ').collect();
        self.done.writes += 1;
        match parts.as_slice() {
            ["star", id] => self.done.starred.push((*id).into()),
            ["read", id] => self.done.read.push((*id).into()),
            ["tag", id, tag] => self.done.tags.push(((*id).into(), (*tag).into())),
            ["entity", id, n] => {
                let last = self.done.entity.entry((*id).into()).or_default();
                if *n > last.as_str() {
                    *last = (*n).into();
                }
            }
            _ => self.done.writes -= 1,
        }
    }

    /// Every round's checks, on the store with no other process running.
    fn verify(&mut self, round: usize) {
        let store = Store::open(&self.store).unwrap();
        let report = store.check().unwrap();
        if !report.is_sound() {
            self.failures
                .push(format!("round {round}: {:?}", report.problems));
            return;
        }
        let conn = rusqlite::Connection::open(&self.store).unwrap();
        let one = |sql: &str, args: &[&str]| -> i64 {
            conn.query_row(sql, rusqlite::params_from_iter(args), |r| r.get(0))
                .unwrap()
        };
        let d = &self.done;
        let mut missing = Vec::new();
        for id in &d.starred {
            if one("SELECT is_starred FROM articles WHERE id = ?1", &[id]) != 1 {
                missing.push(format!("star of {id}"));
            }
        }
        for id in &d.read {
            if one("SELECT is_read FROM articles WHERE id = ?1", &[id]) != 1 {
                missing.push(format!("read mark of {id}"));
            }
        }
        for (id, tag) in &d.tags {
            let sql = "SELECT count(*) FROM user_tags WHERE tag = ?2 AND article = (SELECT rowid FROM articles WHERE id = ?1)";
            if one(sql, &[id, tag]) != 1 {
                missing.push(format!("tag {tag} of {id}"));
            }
        }
        for (id, n) in &d.entity {
            let sql = "SELECT coalesce(max(substr(e.name, 8)), '') >= ?2 FROM article_entities ae JOIN entities e ON e.id = ae.entity WHERE e.name LIKE 'Entity %' AND ae.article = (SELECT rowid FROM articles WHERE id = ?1)";
            if one(sql, &[id, n]) != 1 {
                missing.push(format!("entity {n} of {id}"));
            }
        }
        let titles: std::collections::HashSet<String> = conn
            .prepare("SELECT title FROM articles")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for (prefix, n) in &d.imported {
            let got = (0..*n)
                .filter(|i| titles.contains(&format!("{prefix}{i}")))
                .count();
            if got != *n {
                missing.push(format!("import {prefix}: {got} of {n}"));
            }
        }
        for title in &d.refreshed {
            if !titles.contains(title) {
                missing.push(format!("feed item {title}"));
            }
        }
        if !missing.is_empty() {
            self.failures
                .push(format!("round {round}: missing {missing:?}"));
        }
    }
}

#[test]
fn many_processes_killed_at_random_leave_a_sound_store_with_every_reported_write() {
    let seconds: u64 = std::env::var("BYLINE_TORTURE_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let seed: u64 = std::env::var("BYLINE_TORTURE_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("torture: seed {seed} (BYLINE_TORTURE_SEED={seed} replays it), {seconds} s");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    let store = dir.join("library.db");
    let mut world = World {
        dir: dir.clone(),
        store: store.clone(),
        rng: Rng(seed | 1),
        done: Done::default(),
        kills: 0,
        failures: Vec::new(),
        spawned: 0,
        sample_ids: Vec::new(),
    };
    let samples = byline::commands::open_reader_store(&store).unwrap();
    world.sample_ids = samples
        .page(&ListFilter::default(), 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    drop(samples);
    world.write_feeds(0);
    for f in 0..3 {
        let feed = dir.join(format!("feed{f}.xml"));
        let ok = byline_cmd(&store)
            .args(["feed", "add", "--no-check"])
            .arg(&feed)
            .status()
            .unwrap();
        assert!(ok.success());
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let (mut round, mut most_at_once) = (0, 0);
    while Instant::now() < deadline {
        round += 1;
        let round_end = Instant::now() + Duration::from_secs(6);
        // One of each kind, plus a second list or search; each restarted when it ends.
        let mut running: Vec<(u64, Child, Role)> = Vec::new();
        for kind in [0, 1, 2, 3, 4, 5, 4 + world.rng.below(2)] {
            let (child, role) = world.spawn(kind, round);
            running.push((kind, child, role));
        }
        while Instant::now() < round_end {
            std::thread::sleep(Duration::from_millis(50 + world.rng.below(250)));
            most_at_once = most_at_once.max(running.len());
            if world.rng.below(3) == 0 {
                let at = usize::try_from(world.rng.below(running.len() as u64)).unwrap();
                let _ = running[at].1.kill(); // SIGKILL
                world.kills += 1;
                let (kind, child, role) = running.swap_remove(at);
                world.settle(child, role, true);
                let (child, role) = world.spawn(kind, round);
                running.push((kind, child, role));
            }
            let mut i = 0;
            while i < running.len() {
                if running[i].1.try_wait().unwrap().is_some() {
                    let (kind, child, role) = running.swap_remove(i);
                    world.settle(child, role, false);
                    let (child, role) = world.spawn(kind, round);
                    running.push((kind, child, role));
                } else {
                    i += 1;
                }
            }
        }
        for (_, mut child, role) in running {
            let _ = child.kill();
            world.kills += 1;
            world.settle(child, role, true);
        }
        let t = Instant::now();
        world.verify(round);
        eprintln!(
            "torture: round {round} checked in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    eprintln!(
        "torture: {round} rounds, {} processes, {} killed, up to {most_at_once} at once, {} \
         reported writes and {} imports and {} feed items checked, {} failures",
        world.spawned,
        world.kills,
        world.done.writes,
        world.done.imported.len(),
        world.done.refreshed.len(),
        world.failures.len()
    );
    assert!(world.failures.is_empty(), "{:#?}", world.failures);
    assert!(round >= 2 && world.done.writes > 0 && !world.done.imported.is_empty());
}
