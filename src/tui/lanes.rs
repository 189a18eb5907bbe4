//! Refresh lanes: a few threads, each with its own connection to the store, that take feeds
//! one at a time from a shared queue and refresh them. Eight feeds are fetched at once, as
//! `byline refresh` does, and each lane looks at the stop flag between feeds, so a quit never
//! waits for the rest of a batch (issue 12: up to 20 s per batch of 8).

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};

use crate::feed::Fetcher;
use crate::refresh::{RefreshSummary, refresh_feeds};
use crate::store::{FeedRow, Store};

/// How many feeds are fetched at once.
pub const LANES: usize = 8;

/// What a lane did with one feed.
#[derive(Debug)]
pub struct FeedDone {
    /// The feed's title, or its URL.
    pub name: String,
    /// The counts, or why the store could not be written.
    pub result: Result<RefreshSummary, String>,
}

/// The lanes; dropping them lets each end once its current feed is done.
pub struct Lanes {
    feeds: Sender<FeedRow>,
}

impl Lanes {
    /// Starts the lanes on the store at `path`; each finished feed goes to `done`.
    pub fn spawn<M: Send + 'static>(
        path: &Path,
        stop: &Arc<AtomicBool>,
        done: &Sender<M>,
        wrap: fn(FeedDone) -> M,
    ) -> Lanes {
        let (feeds, queue) = channel();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..LANES {
            let (path, queue, stop, done) = (
                path.to_path_buf(),
                queue.clone(),
                stop.clone(),
                done.clone(),
            );
            let lane = move || run(&path, &queue, &stop, &|d| drop(done.send(wrap(d))));
            let _ = std::thread::Builder::new()
                .name(format!("byline-refresh-{n}"))
                .spawn(lane);
        }
        Lanes { feeds }
    }

    /// Queues feeds to refresh.
    pub fn send(&self, feeds: Vec<FeedRow>) {
        for feed in feeds {
            let _ = self.feeds.send(feed);
        }
    }
}

fn run(path: &Path, queue: &Mutex<Receiver<FeedRow>>, stop: &AtomicBool, done: &dyn Fn(FeedDone)) {
    super::priority::background();
    let fetcher = Fetcher::default();
    let mut store: Option<Store> = None;
    loop {
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(feed) = next else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        let mut title = feed.title.clone();
        let result = open(path, &mut store).and_then(|store| {
            let feeds = std::slice::from_ref(&feed);
            refresh_feeds(store, feeds, &fetcher, 1, |r| title.clone_from(&r.title))
                .map_err(|e| e.to_string())
        });
        let name = title.unwrap_or_else(|| feed.url.clone());
        done(FeedDone { name, result });
    }
}

/// The lane's connection, opened on its first feed.
fn open<'a>(path: &Path, store: &'a mut Option<Store>) -> Result<&'a mut Store, String> {
    if store.is_none() {
        let mut opened = Store::open(path).map_err(|e| e.to_string())?;
        // One statement indexes everything new afterwards (the worker's catch-up).
        opened.defer_text_index(true);
        *store = Some(opened);
    }
    store.as_mut().ok_or_else(|| "no store".to_string())
}
