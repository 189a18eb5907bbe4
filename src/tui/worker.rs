//! The background worker: a thread with its own connection to the store that refreshes feeds,
//! catches up the full-text index and indexes the entities of new articles, posting what it
//! did to the event loop. The screen never waits for it.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

use crate::commands::index_pending_on;
use crate::feed::Fetcher;
use crate::refresh::refresh_feeds;
use crate::store::Store;

use super::action::Done;
use super::app::{App, PAGE};
use super::history::ListSource;
use crate::store::ListFilter;

/// Work for the background thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// Index what imports left for later: text, and the entities of recent articles.
    CatchUp,
    Refresh,
}

/// How many unindexed articles one catch-up extracts entities from (newest first); the rest
/// is left to `byline index`.
const ENTITY_CATCH_UP: usize = 2_000;

/// How long the worker waits after the reader starts before it catches up.
const STARTUP_PAUSE: Duration = Duration::from_millis(1500);

/// The running worker: give it jobs; [`Worker::stop`] ends it between two steps.
pub struct Worker {
    jobs: Option<Sender<Job>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the worker on the store at `path`; `post` hands results to the event loop.
    /// With `every`, it also refreshes the feeds on its own at that interval.
    pub fn spawn(
        path: PathBuf,
        every: Option<Duration>,
        post: impl Fn(Done) + Send + 'static,
    ) -> Worker {
        let (tx, rx) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = std::thread::spawn(move || run(&path, &rx, every, &post, &flag));
        Worker {
            jobs: Some(tx),
            stop,
            thread: Some(thread),
        }
    }

    /// Queues a job; false when the worker has stopped.
    pub fn send(&self, job: Job) -> bool {
        self.jobs.as_ref().is_some_and(|j| j.send(job).is_ok())
    }

    /// Stops the worker at its next step and waits for it, so its connection to the store is
    /// closed (and SQLite checkpoints the write-ahead log) before the program ends.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn run(
    path: &std::path::Path,
    jobs: &Receiver<Job>,
    every: Option<Duration>,
    post: &dyn Fn(Done),
    stop: &AtomicBool,
) {
    let mut store: Option<Store> = None;
    let mut next_refresh = every.map(|e| std::time::Instant::now() + e);
    loop {
        let job = match next_refresh {
            None => match jobs.recv() {
                Ok(job) => job,
                Err(_) => return,
            },
            Some(at) => {
                match jobs.recv_timeout(at.saturating_duration_since(std::time::Instant::now())) {
                    Ok(job) => job,
                    Err(RecvTimeoutError::Timeout) => Job::Refresh,
                    Err(RecvTimeoutError::Disconnected) => return,
                }
            }
        };
        if job == Job::Refresh {
            next_refresh = every.map(|e| std::time::Instant::now() + e);
        }
        if store.is_none() {
            match Store::open(path) {
                Ok(s) => store = Some(s),
                Err(e) => {
                    post(Done::Failed(format!("background work stopped: {e}")));
                    return;
                }
            }
        }
        let Some(store) = store.as_mut() else { return };
        match job {
            Job::CatchUp => {
                // Let the first frames and keys have the machine; indexing can wait a moment.
                let started = std::time::Instant::now();
                while started.elapsed() < STARTUP_PAUSE && !stop.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(20));
                }
                catch_up(store, post, true, stop);
            }
            Job::Refresh => refresh(store, post, stop),
        }
    }
}

/// Indexes what is pending; says how many entities were indexed when `announce` is set (after
/// a refresh, the refresh's own summary stays on the status line).
fn catch_up(store: &mut Store, post: &dyn Fn(Done), announce: bool, stop: &AtomicBool) {
    if stop.load(Ordering::Relaxed) {
        return;
    }
    if let Err(e) = store.index_text() {
        post(Done::Failed(format!("cannot update the search index: {e}")));
    }
    // In small steps, so quitting never waits long.
    let mut indexed = 0;
    while indexed < ENTITY_CATCH_UP && !stop.load(Ordering::Relaxed) {
        match index_pending_on(store, 64, 1) {
            Ok(0) => break,
            Ok(n) => indexed += n,
            Err(e) => return post(Done::Failed(format!("cannot index entities: {e}"))),
        }
    }
    if announce && indexed > 0 {
        post(Done::Progress(format!(
            "entities indexed for {indexed} new articles"
        )));
    }
}

fn refresh(store: &mut Store, post: &dyn Fn(Done), stop: &AtomicBool) {
    let feeds = match store.feeds() {
        Ok(feeds) if feeds.is_empty() => {
            return post(Done::Progress(
                "no subscriptions to refresh; add one with `byline feed add URL`".into(),
            ));
        }
        Ok(feeds) => feeds,
        Err(e) => return post(Done::Failed(format!("cannot read the subscriptions: {e}"))),
    };
    store.defer_text_index(true);
    let fetcher = Fetcher::default();
    let total = feeds.len();
    let mut done = 0;
    let result = refresh_feeds(store, &feeds, &fetcher, 8, |report| {
        done += 1;
        let name = report.title.as_deref().unwrap_or(&report.url);
        post(Done::Progress(format!("refreshing {done}/{total}: {name}")));
    });
    match result {
        Ok(s) => {
            let plural = if s.feeds == 1 { "" } else { "s" };
            let failed = if s.failed == 0 {
                String::new()
            } else {
                format!("; {} failed (byline feed list says why)", s.failed)
            };
            post(Done::Changed(format!(
                "refreshed {} feed{plural}: {} new, {} updated{failed}",
                s.feeds, s.added, s.updated
            )));
        }
        Err(e) => post(Done::Failed(format!("refresh stopped: {e}"))),
    }
    catch_up(store, post, false, stop);
}

impl App {
    /// Takes in what the worker did.
    pub(super) fn background(&mut self, done: Done) {
        match done {
            Done::Progress(text) | Done::Failed(text) => self.status = text,
            Done::Changed(text) => {
                self.reload_list();
                self.status = text;
            }
        }
    }

    /// Reads the list again (new articles appear), keeping the selected article selected.
    fn reload_list(&mut self) {
        if self.source != ListSource::All {
            return;
        }
        let selected_id = self.rows.get(self.selected).map(|r| r.id.clone());
        let (total, rows) = match (
            self.store.count(),
            self.store
                .page(&ListFilter::default(), 0, self.rows.len().max(PAGE)),
        ) {
            (Ok(total), Ok(rows)) => (total, rows),
            (Err(e), _) | (_, Err(e)) => {
                self.status = format!("cannot read the list: {e}");
                return;
            }
        };
        self.total = total;
        self.rows = rows;
        self.selected = selected_id
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .unwrap_or(0)
            .min(self.total.saturating_sub(1));
        self.mark_keyword_rows();
        if self.opened.is_none() {
            self.open_selected();
        }
    }
}

/// Opens `url` with `$BROWSER` (its first `:`-separated entry, `%s` replaced or the URL
/// appended), as a program with arguments, never through a shell. Returns what to say.
pub fn open_in_browser(url: &str) -> String {
    let Some(browser) = std::env::var_os("BROWSER").and_then(|b| b.into_string().ok()) else {
        return "set $BROWSER to open links".into();
    };
    let Some(entry) = browser.split(':').map(str::trim).find(|e| !e.is_empty()) else {
        return "set $BROWSER to open links".into();
    };
    let mut words = entry.split_whitespace();
    let Some(program) = words.next() else {
        return "set $BROWSER to open links".into();
    };
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !entry.contains("%s") {
        args.push(url.to_string());
    }
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(_) => format!("opened {url} with {program}"),
        Err(e) => format!("cannot start {program}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_refreshes_on_its_own_at_the_interval_and_stops_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let feed = dir.path().join("f.xml");
        std::fs::write(
            &feed,
            "<rss version=\"2.0\"><channel><title>T</title><item><title>Timed</title>\
             <link>http://x.invalid/1</link></item></channel></rss>",
        )
        .unwrap();
        let mut store = Store::open(&path).unwrap();
        let url = url::Url::from_file_path(&feed).unwrap().to_string();
        store.add_feed(&url, None, &[]).unwrap();
        drop(store);
        let (tx, rx) = channel();
        let every = Some(Duration::from_millis(100));
        let mut worker = Worker::spawn(path.clone(), every, move |done| {
            let _ = tx.send(done);
        });
        let done = rx.recv_timeout(Duration::from_secs(20)).unwrap();
        let done = match done {
            Done::Progress(p) if p.starts_with("refreshing") => {
                rx.recv_timeout(Duration::from_secs(20)).unwrap()
            }
            other => other,
        };
        assert_eq!(
            done,
            Done::Changed("refreshed 1 feed: 1 new, 0 updated".into())
        );
        worker.stop();
        assert!(!worker.send(Job::Refresh), "a stopped worker takes no jobs");
        assert_eq!(Store::open(&path).unwrap().count().unwrap(), 1);
    }
}
