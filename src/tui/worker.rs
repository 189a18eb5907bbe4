//! The background worker: a thread with its own connection to the store that refreshes the
//! feeds through [`super::lanes`] and catches up the full-text and entity indexes (the only
//! place the reader indexes text), posting typed events; the reader's writes go to its
//! [`Writer`]. The screen never waits for it; quitting waits a moment at most.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

use crate::refresh::RefreshSummary;
use crate::store::Store;

use super::lanes::{FeedDone, Lanes};
use super::load::Write;
use super::writer::{Post, Writer};

#[path = "worker_catch_up.rs"]
mod catch_up;
use catch_up::CatchingUp;

/// Work for the background thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// Index what imports and refreshes left for later: text, and every article's entities.
    CatchUp,
    Refresh,
}

/// What the worker did, for the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkerEvent {
    /// One feed of a refresh is done (`failed` when it could not be fetched or read).
    Fetched {
        done: usize,
        total: usize,
        feed: String,
        failed: bool,
    },
    /// A refresh ended.
    Refreshed(RefreshSummary),
    NoFeeds,
    /// The feed servers were synced (only when there are some).
    Synced(crate::sync::SyncTotals),
    /// The background indexing has done `done` of the `total` articles it found pending.
    Indexing {
        done: usize,
        total: usize,
    },
    /// Entities were indexed for this many new articles (all that were pending); the reader
    /// says so when `announce` is set.
    Indexed {
        articles: usize,
        announce: bool,
    },
    /// Something failed; the reader goes on.
    Failed(String),
    /// The watched entities changed: every name of them now.
    WatchedNames(Vec<String>),
    /// An entity edit was made and the store's entities resolved again; `name` is the edited
    /// entity's name now.
    EntitiesEdited {
        said: String,
        name: String,
    },
    /// An article's page was fetched ([`super::pagefetch`]): the words of its whole text, now
    /// stored, or why its summary stays.
    PageFetched {
        id: String,
        result: Result<usize, String>,
    },
}

/// How many articles one step of the catch-up extracts entities from (newest first); between
/// steps the worker takes its other jobs, so a refresh never waits for a long catch-up.
const CATCH_UP_STEP: usize = 16;
/// How often the catch-up tells the reader how far it is.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);
/// How long the worker leaves the machine to the first frames before it catches up.
const STARTUP_PAUSE: Duration = Duration::from_millis(1500);

/// How long the reader's sync waits for a server's answer.
const SYNC_TIMEOUT: Duration = Duration::from_secs(20);

enum Msg {
    Job(Job),
    Feed(FeedDone),
    Stop,
}

/// The running worker: give it jobs; [`Worker::stop`] ends it.
pub struct Worker {
    messages: Sender<Msg>,
    writer: Writer,
    stop: Arc<AtomicBool>,
    ended: Receiver<()>,
}

impl Worker {
    /// Starts the worker on the store at `path`; `post` hands events to the event loop. With
    /// `every`, it also refreshes the feeds on its own at that interval.
    pub fn spawn(path: PathBuf, every: Option<Duration>, post: Post) -> Worker {
        let writer = Writer::spawn(path.clone(), post.clone());
        let (messages, rx) = channel();
        let (ended_tx, ended) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let mut state = State {
            path,
            store: None,
            lanes: None,
            refreshing: None,
            catching_up: None,
            catch_up_at: None,
            pending_announce: false,
            backed_up: false,
            stop: stop.clone(),
            messages: messages.clone(),
            post,
        };
        let _ = std::thread::Builder::new()
            .name("byline-worker".into())
            .spawn(move || {
                super::priority::background();
                state.run(&rx, every);
                // Its connection closes before the event loop is told it has ended.
                drop(state);
                let _ = ended_tx.send(());
            });
        Worker {
            messages,
            writer,
            stop,
            ended,
        }
    }

    /// Queues a job; false when the worker has stopped.
    pub fn send(&self, job: Job) -> bool {
        !self.stop.load(Ordering::Relaxed) && self.messages.send(Msg::Job(job)).is_ok()
    }

    /// Saves a change the reader made, at once (not after the job under way); false once
    /// stopped.
    pub fn write(&self, write: Write) -> bool {
        self.writer.send(write)
    }

    /// Stops the worker between two steps, waiting for it (and the writer, whose writes asked
    /// for are made first) at most `patience` in all: the connections close (the last lets
    /// SQLite checkpoint the log) unless one is inside a long statement, which the process's
    /// end then cuts off as SQLite allows (the transaction is rolled back).
    pub fn stop(&mut self, patience: Duration) {
        let deadline = std::time::Instant::now() + patience;
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.messages.send(Msg::Stop);
        self.writer.stop(patience);
        let _ = self
            .ended
            .recv_timeout(deadline.saturating_duration_since(std::time::Instant::now()));
    }
}

/// A refresh under way.
struct Refreshing {
    total: usize,
    done: usize,
    summary: RefreshSummary,
}

struct State {
    path: PathBuf,
    store: Option<Store>,
    lanes: Option<Lanes>,
    refreshing: Option<Refreshing>,
    catching_up: Option<CatchingUp>,
    /// When the next catch-up step is due.
    catch_up_at: Option<Instant>,
    pending_announce: bool,
    backed_up: bool,
    stop: Arc<AtomicBool>,
    messages: Sender<Msg>,
    post: Post,
}

impl State {
    fn run(&mut self, rx: &Receiver<Msg>, every: Option<Duration>) {
        let mut next_refresh = every.map(|e| Instant::now() + e);
        loop {
            let due = [next_refresh, self.catch_up_at].into_iter().flatten().min();
            let msg = match due {
                None => rx.recv().unwrap_or(Msg::Stop),
                Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                    Ok(msg) => msg,
                    Err(RecvTimeoutError::Timeout) if self.catch_up_at == Some(at) => {
                        self.catch_up_at = None;
                        if !self.backed_up {
                            self.backed_up = true;
                            self.daily_backup();
                        }
                        self.catch_up_step();
                        continue;
                    }
                    Err(RecvTimeoutError::Timeout) => Msg::Job(Job::Refresh),
                    Err(RecvTimeoutError::Disconnected) => Msg::Stop,
                },
            };
            match msg {
                Msg::Stop => return,
                _ if self.stop.load(Ordering::Relaxed) => return,
                Msg::Job(Job::CatchUp) => self.start_catch_up(true, STARTUP_PAUSE),
                Msg::Job(Job::Refresh) => {
                    next_refresh = every.map(|e| Instant::now() + e);
                    self.sync_servers();
                    self.start_refresh();
                }
                Msg::Feed(done) => self.feed_done(done),
            }
        }
    }

    /// The worker's connection, opened on its first job.
    fn store(&mut self) -> Option<&mut Store> {
        if self.store.is_none() {
            match Store::open(&self.path) {
                Ok(s) => self.store = Some(s),
                Err(e) => (self.post)(WorkerEvent::Failed(format!("background work: {e}"))),
            }
        }
        self.store.as_mut()
    }

    fn start_refresh(&mut self) {
        if self.refreshing.is_some() {
            return;
        }
        let Some(store) = self.store() else { return };
        let feeds = match store.feeds() {
            Ok(feeds) if feeds.is_empty() => return (self.post)(WorkerEvent::NoFeeds),
            Ok(feeds) => feeds,
            Err(e) => {
                let said = format!("cannot read the subscriptions: {e}");
                return (self.post)(WorkerEvent::Failed(said));
            }
        };
        let (path, stop, messages) = (&self.path, &self.stop, &self.messages);
        let lanes = self
            .lanes
            .get_or_insert_with(|| Lanes::spawn(path, stop, messages, Msg::Feed));
        self.refreshing = Some(Refreshing {
            total: feeds.len(),
            done: 0,
            summary: RefreshSummary::default(),
        });
        lanes.send(feeds);
    }

    fn feed_done(&mut self, done: FeedDone) {
        let Some(r) = &mut self.refreshing else {
            return;
        };
        r.done += 1;
        let failed = match &done.result {
            Ok(s) => {
                add(&mut r.summary, s);
                s.failed > 0
            }
            Err(e) => {
                (self.post)(WorkerEvent::Failed(format!("refresh: {e}")));
                true
            }
        };
        let (done_n, total) = (r.done, r.total);
        let feed = done.name;
        (self.post)(WorkerEvent::Fetched {
            done: done_n,
            total,
            feed,
            failed,
        });
        if done_n == total {
            let summary = r.summary;
            self.refreshing = None;
            // The new articles are searchable when the reader hears of them; their entities
            // follow in the catch-up.
            self.index_text("refresh");
            (self.post)(WorkerEvent::Refreshed(summary));
            self.start_catch_up(false, Duration::ZERO);
        }
    }

    /// Syncs the feed servers on this thread (the screen never waits for it), then indexes
    /// their new articles' text.
    fn sync_servers(&mut self) {
        let post = self.post.clone();
        let Some(store) = self.store() else { return };
        match crate::sync::sync_each(store, SYNC_TIMEOUT, |_, _, _| {}, |_, _| {}) {
            Ok(totals) if totals.servers == 0 => {}
            Ok(totals) => {
                self.index_text("sync");
                post(WorkerEvent::Synced(totals));
            }
            Err(e) => post(WorkerEvent::Failed(format!("sync: {e}"))),
        }
    }

    /// Brings the search index up to date with the articles `after` stored.
    fn index_text(&mut self, after: &str) {
        let post = self.post.clone();
        let Some(store) = self.store() else { return };
        if let Err(e) = store.index_text() {
            post(WorkerEvent::Failed(format!(
                "{after}: cannot update the search index: {e}"
            )));
        }
    }

    /// The store's daily backup, as commands that write make it (once a day at most).
    fn daily_backup(&mut self) {
        let keep = crate::commands::backups_to_keep();
        let Some(store) = self.store() else { return };
        if let Err(e) = store.backup_if_due(keep) {
            (self.post)(WorkerEvent::Failed(format!("the daily backup failed: {e}")));
        }
    }
}

fn add(sum: &mut RefreshSummary, one: &RefreshSummary) {
    sum.feeds += one.feeds;
    sum.failed += one.failed;
    sum.not_modified += one.not_modified;
    sum.added += one.added;
    sum.updated += one.updated;
}

/// Whether a store path is one a second connection can open (not `:memory:`).
pub fn is_shared(path: &Path) -> bool {
    path != Path::new(":memory:")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(dir: &Path, name: &str, title: &str) -> String {
        let feed = dir.join(name);
        std::fs::write(
            &feed,
            format!(
                "<rss version=\"2.0\"><channel><title>T</title><item><title>{title}</title>\
                 <link>http://x.invalid/{name}</link></item></channel></rss>"
            ),
        )
        .unwrap();
        url::Url::from_file_path(&feed).unwrap().to_string()
    }

    #[test]
    fn the_catch_up_indexes_every_pending_article_a_step_at_a_time() {
        use crate::article::{Article, BlockKind, Body};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        let n = CATCH_UP_STEP * 3 + 5;
        let articles: Vec<Article> = (0..n)
            .map(|i| {
                let text = format!("Angela Merkel met Emmanuel Macron in Paris on day {i}.");
                Article::new(
                    format!("Day {i}"),
                    Body::from_blocks([(BlockKind::Paragraph, text.as_str())]),
                )
            })
            .collect();
        store.insert_batch(&articles).unwrap();
        let version = crate::extract::EXTRACTOR_VERSION;
        assert_eq!(store.unindexed_count(version).unwrap(), n);
        let (tx, rx) = channel();
        let post: Post = Arc::new(move |e| drop(tx.send(e)));
        let mut worker = Worker::spawn(path.clone(), None, post);
        assert!(worker.send(Job::CatchUp));
        let indexed = loop {
            match rx.recv_timeout(Duration::from_secs(60)).unwrap() {
                WorkerEvent::Indexing { done, total } => assert!(done <= total && total == n),
                WorkerEvent::Indexed { articles, announce } => break (articles, announce),
                other => panic!("{other:?}"),
            }
        };
        worker.stop(Duration::from_secs(5));
        assert_eq!(indexed, (n, true));
        assert_eq!(store.unindexed_count(version).unwrap(), 0);
        let mentioning = store
            .articles_mentioning("Angela Merkel", None, n + 1)
            .unwrap();
        assert_eq!(mentioning.len(), n, "every article, not the newest few");
        // The store's rankings count them too.
        let top = store
            .top_entities(&crate::store::Ranking {
                limit: 5,
                ..Default::default()
            })
            .unwrap();
        assert!(
            top.iter()
                .any(|e| e.name == "Angela Merkel" && e.articles == n as u64),
            "{top:?}"
        );
    }

    #[test]
    fn the_worker_refreshes_on_its_own_at_the_interval_and_stops_on_request() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        store
            .add_feed(&feed(dir.path(), "a.xml", "Timed"), None, &[])
            .unwrap();
        store
            .add_feed(&feed(dir.path(), "b.xml", "Again"), None, &[])
            .unwrap();
        drop(store);
        let (tx, rx) = channel();
        let every = Some(Duration::from_millis(100));
        let post: Post = Arc::new(move |e| drop(tx.send(e)));
        let mut worker = Worker::spawn(path.clone(), every, post);
        let mut fetched = 0;
        let summary = loop {
            match rx.recv_timeout(Duration::from_secs(20)).unwrap() {
                WorkerEvent::Fetched { total: 2, .. } => fetched += 1,
                WorkerEvent::Refreshed(s) => break s,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(fetched, 2);
        assert_eq!((summary.feeds, summary.added, summary.failed), (2, 2, 0));
        // When the reader hears of them, the new articles can be searched for.
        let reader = Store::open(&path).unwrap();
        assert_eq!(reader.search("Timed", 0, 10).unwrap().len(), 1);
        worker.stop(Duration::from_secs(5));
        assert!(!worker.send(Job::Refresh), "a stopped worker takes no jobs");
        assert_eq!(Store::open(&path).unwrap().count().unwrap(), 2);
    }

    #[test]
    fn the_reader_makes_the_daily_backup_in_the_background() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        store.insert_batch(&crate::library::articles()).unwrap();
        assert!(store.backups().is_empty());
        let mut worker = Worker::spawn(path.clone(), None, Arc::new(|_| {}));
        assert!(worker.send(Job::CatchUp));
        let deadline = Instant::now() + Duration::from_secs(30);
        while store.backups().is_empty() {
            assert!(Instant::now() < deadline, "no backup was made");
            std::thread::sleep(Duration::from_millis(50));
        }
        worker.stop(Duration::from_secs(5));
        let backup = Store::open(&store.backups()[0]).unwrap();
        assert_eq!(backup.count().unwrap(), store.count().unwrap());
    }

    #[test]
    fn a_store_indexed_before_canonical_entities_gets_them_from_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        store.insert_batch(&crate::library::articles()).unwrap();
        crate::commands::index_pending_on(&mut store, usize::MAX, 1).unwrap();
        assert!(!store.entities_resolved().unwrap());
        let mut worker = Worker::spawn(path.clone(), None, Arc::new(|_| {}));
        assert!(worker.send(Job::CatchUp));
        let deadline = Instant::now() + Duration::from_secs(30);
        while !store.entities_resolved().unwrap() {
            assert!(Instant::now() < deadline, "the entities were not resolved");
            std::thread::sleep(Duration::from_millis(50));
        }
        worker.stop(Duration::from_secs(5));
        let all = crate::store::Ranking {
            limit: 3,
            ..Default::default()
        };
        assert_eq!(store.top_entities(&all).unwrap().len(), 3);
    }

    #[test]
    fn writes_reach_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let mut store = Store::open(&path).unwrap();
        store.insert_batch(&crate::library::articles()).unwrap();
        let id = store.page(&Default::default(), 0, 1).unwrap()[0].id.clone();
        let mut worker = Worker::spawn(path.clone(), None, Arc::new(|_| {}));
        let change = crate::store::StateChange::Starred(true);
        assert!(worker.write(Write::State { id, change }));
        worker.stop(Duration::from_secs(5));
        assert!(store.page(&Default::default(), 0, 1).unwrap()[0].is_starred);
    }
}
