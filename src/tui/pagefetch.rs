//! The reader's page fetches: each on a thread of its own with its own connection, through
//! the feed fetcher ([`crate::pages`]: timeouts, size cap, redirects), the whole text stored
//! beside the summary and the entities redone, then a [`WorkerEvent::PageFetched`] posted.
//! The screen never waits; the reader bounds how many run at once.

use std::path::PathBuf;
use std::time::Duration;

use crate::feed::Fetcher;
use crate::pages::{PageJob, fetch_pages};
use crate::store::Store;

use super::worker::WorkerEvent;
use super::writer::Post;

/// How long one page may take, all in all.
const TIMEOUT: Duration = Duration::from_secs(20);

/// Starts fetches of pages for the store at `path`.
pub struct PageFetcher {
    path: PathBuf,
    post: Post,
}

impl PageFetcher {
    pub fn new(path: PathBuf, post: Post) -> PageFetcher {
        PageFetcher { path, post }
    }

    /// Fetches one article's page on a thread of its own; its outcome is posted.
    pub fn fetch(&self, job: PageJob) {
        let (path, post) = (self.path.clone(), self.post.clone());
        let id = job.id.clone();
        let spawned = std::thread::Builder::new()
            .name("byline-page".into())
            .spawn(move || {
                super::priority::background();
                let id = job.id.clone();
                let result = fetch_one(&path, job);
                post(WorkerEvent::PageFetched { id, result });
            });
        if let Err(e) = spawned {
            let result = Err(format!("cannot start a thread: {e}"));
            (self.post)(WorkerEvent::PageFetched { id, result });
        }
    }
}

/// Fetches and stores one page: the words of the whole text, or why the summary stays.
fn fetch_one(path: &std::path::Path, job: PageJob) -> Result<usize, String> {
    let mut store = Store::open(path).map_err(|e| format!("cannot open the store: {e}"))?;
    let fetcher = Fetcher::with_timeout(TIMEOUT);
    let reports = fetch_pages(&mut store, &fetcher, vec![job], 1, |_| {})
        .map_err(|e| format!("cannot save the page: {e}"))?;
    // The store search finds the whole text at once (it is one article's worth of indexing).
    let _ = store.index_text();
    reports
        .into_iter()
        .next()
        .map_or_else(|| Err("nothing was fetched".into()), |r| r.result)
}
