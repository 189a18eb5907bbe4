//! Refreshing subscriptions: feeds are fetched on worker threads, several at once, parsed on
//! two threads of their own, and written to the store on the calling thread as they arrive.
//! One feed's failure is kept with that feed and never stops the others. Feeds set to full
//! text then have their new items' pages fetched (see [`crate::pages`]).

use std::ops::ControlFlow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};

use serde::Serialize;

use crate::article::Article;
use crate::feed::{FetchOutcome, Fetcher, ParsedFeed, Validators, parse_feed_batches};
use crate::pages::{PageJob, PageReport, fetch_pages};
use crate::store::{FeedRow, FetchRecord, OnExisting, Store, StoreError};

/// What refreshing one feed did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeedReport {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    /// The counts, or why the feed could not be refreshed.
    pub result: Result<FeedCounts, String>,
}

/// Articles a refreshed feed brought.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FeedCounts {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Items that gave no article (no title and no text).
    pub skipped: usize,
    /// The server said nothing changed (304).
    pub not_modified: bool,
}

/// A whole refresh, summed over its feeds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RefreshSummary {
    pub feeds: usize,
    pub failed: usize,
    pub not_modified: usize,
    pub added: usize,
    pub updated: usize,
    /// Pages of new items fetched whole, and those that kept their summaries.
    pub pages: usize,
    pub pages_failed: usize,
}

impl RefreshSummary {
    fn add(&mut self, report: &FeedReport) {
        self.feeds += 1;
        match &report.result {
            Ok(c) => {
                self.added += c.added;
                self.updated += c.updated;
                self.not_modified += usize::from(c.not_modified);
            }
            Err(_) => self.failed += 1,
        }
    }
}

/// How a fetch ended, once its batches (if any) have been sent.
enum Fetched {
    NotModified,
    Parsed {
        title: Option<String>,
        validators: Validators,
    },
}

/// What a worker sends: a batch of a feed's items, or the end of that feed.
enum Message {
    Batch(usize, ParsedFeed),
    Done(usize, Result<Fetched, String>),
}

/// Feeds parsed at a time in a refresh, each on a thread of its own (each holds a batch of
/// its items until it is written).
const PARSED_AT_ONCE: usize = 2;

/// A fetched feed for a parsing thread.
struct Job {
    feed: usize,
    bytes: Vec<u8>,
    validators: Validators,
    url: String,
}

/// Items parsed and written at a time, so a feed of a million items is never held whole: one
/// transaction per batch (a file:// feed of 1,000,000 short items refreshed in 37 s and
/// 101 MB at peak in batches of 1,000; 26 s and 153 MB in batches of 10,000).
const FEED_BATCH: usize = 10_000;

/// Refreshes `feeds` with `workers` fetches at a time, calling `on_feed` after each feed is
/// written. Fails only when the store cannot be written.
pub fn refresh_feeds(
    store: &mut Store,
    feeds: &[FeedRow],
    fetcher: &Fetcher,
    workers: usize,
    on_feed: impl FnMut(&FeedReport),
) -> Result<RefreshSummary, StoreError> {
    refresh_with_pages(store, feeds, fetcher, workers, on_feed, |_| {})
}

/// [`refresh_feeds`], calling `on_page` after each page of a full-text feed's new item.
pub fn refresh_with_pages(
    store: &mut Store,
    feeds: &[FeedRow],
    fetcher: &Fetcher,
    workers: usize,
    mut on_feed: impl FnMut(&FeedReport),
    mut on_page: impl FnMut(&PageReport),
) -> Result<RefreshSummary, StoreError> {
    let whole = FullText {
        feeds: store.full_text_feeds()?,
        all: crate::settings::full_text_for_all_feeds(),
    };
    let mut pages = Vec::new();
    let next = AtomicUsize::new(0);
    // Parsed batches are what a refresh holds most of: two feeds are parsed at a time, however
    // many are fetched, and one batch waits for the writer (issue 17: 20 feeds of 1,000 items
    // took 102 MB with 8 parsed at once). They are parsed on two threads of their own, not on
    // the fetching ones: each thread that parses keeps its allocator's arena as large as the
    // largest parse it made (8 fetching threads that parsed took 80 MB, 2 parsing ones 46).
    let (tx, rx) = mpsc::sync_channel::<Message>(1);
    // The parsing threads own the fetched feeds' receiver: once they stop (the writer did),
    // a fetching thread's send fails instead of waiting for them.
    let (jobs, parse) = mpsc::sync_channel::<Job>(0);
    let parse = Arc::new(Mutex::new(parse));
    let mut summary = RefreshSummary::default();
    let mut counts = vec![FeedCounts::default(); feeds.len()];
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, feeds.len().max(1)) {
            let (tx, jobs, next) = (tx.clone(), jobs.clone(), &next);
            scope.spawn(move || work(feeds, next, fetcher, &jobs, &tx));
        }
        for _ in 0..PARSED_AT_ONCE {
            let (tx, parse) = (tx.clone(), Arc::clone(&parse));
            scope.spawn(move || parse_jobs(&parse, &tx));
        }
        drop((tx, jobs, parse));
        for message in rx {
            match message {
                Message::Batch(i, batch) => {
                    let jobs = whole.wants(feeds[i].id).then_some(&mut pages);
                    write_batch(store, &feeds[i], batch, &mut counts[i], jobs)?;
                }
                Message::Done(i, fetched) => {
                    let report = finish_one(store, &feeds[i], fetched, counts[i])?;
                    summary.add(&report);
                    on_feed(&report);
                }
            }
        }
        Ok::<(), StoreError>(())
    })?;
    for page in fetch_pages(store, fetcher, pages, workers, &mut on_page)? {
        summary.pages += 1;
        summary.pages_failed += usize::from(page.result.is_err());
    }
    Ok(summary)
}

/// Which feeds' new items are fetched whole.
struct FullText {
    feeds: Vec<i64>,
    /// `[feeds] full_text = true` in the config.
    all: bool,
}

impl FullText {
    fn wants(&self, feed: i64) -> bool {
        self.all || self.feeds.contains(&feed)
    }
}

/// One worker: fetches the next feed not taken yet until none is left (or the writer stops),
/// and hands what it fetched to the parsing threads.
fn work(
    feeds: &[FeedRow],
    next: &AtomicUsize,
    fetcher: &Fetcher,
    jobs: &SyncSender<Job>,
    tx: &SyncSender<Message>,
) {
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(feed) = feeds.get(i) else { break };
        let known = Validators {
            etag: feed.etag.clone(),
            last_modified: feed.last_modified.clone(),
        };
        let sent = match fetcher.fetch(&feed.url, &known) {
            Ok(FetchOutcome::NotModified) => {
                tx.send(Message::Done(i, Ok(Fetched::NotModified))).is_ok()
            }
            Ok(FetchOutcome::Fetched {
                bytes,
                validators,
                url,
            }) => {
                let job = Job {
                    feed: i,
                    bytes,
                    validators,
                    url,
                };
                jobs.send(job).is_ok()
            }
            Err(e) => tx.send(Message::Done(i, Err(e.to_string()))).is_ok(),
        };
        if !sent {
            break;
        }
    }
}

/// One parsing thread: parses the fetched feeds it takes, sending their items a batch at a
/// time, until the fetching threads are done (or the writer stops).
fn parse_jobs(jobs: &Mutex<Receiver<Job>>, tx: &SyncSender<Message>) {
    loop {
        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { break };
        let mut title = None;
        let mut listening = true;
        let parsed = parse_feed_batches(&job.bytes, &job.url, FEED_BATCH, |batch| {
            title.clone_from(&batch.title);
            listening = tx.send(Message::Batch(job.feed, batch)).is_ok();
            match listening {
                true => ControlFlow::Continue(()),
                false => ControlFlow::Break(()),
            }
        });
        let done = parsed.map(|()| Fetched::Parsed {
            title,
            validators: job.validators,
        });
        if !listening || tx.send(Message::Done(job.feed, done)).is_err() {
            break;
        }
    }
}

/// Writes one batch of a feed's items, adding to its counts; for a full-text feed, `pages`
/// gains the items whose pages are to be fetched.
fn write_batch(
    store: &mut Store,
    feed: &FeedRow,
    mut batch: ParsedFeed,
    counts: &mut FeedCounts,
    pages: Option<&mut Vec<PageJob>>,
) -> Result<(), StoreError> {
    if let Some(pages) = pages {
        let before = batch.articles.len();
        pages.extend(whole_text_items(store, &mut batch.articles)?);
        counts.unchanged += before - batch.articles.len();
    }
    let written = store.write_batch(&batch.articles, OnExisting::Update, Some(feed.id))?;
    counts.added += written.added;
    counts.updated += written.updated;
    counts.unchanged += written.duplicates;
    counts.skipped += batch.skipped.len();
    Ok(())
}

/// Records how a feed's fetch ended, once its batches are written.
fn finish_one(
    store: &mut Store,
    feed: &FeedRow,
    fetched: Result<Fetched, String>,
    counts: FeedCounts,
) -> Result<FeedReport, StoreError> {
    let mut record = FetchRecord::default();
    let result = match fetched {
        Ok(Fetched::NotModified) => Ok(FeedCounts {
            not_modified: true,
            ..FeedCounts::default()
        }),
        Ok(Fetched::Parsed { title, validators }) => {
            record.title = title;
            record.etag = validators.etag;
            record.last_modified = validators.last_modified;
            Ok(counts)
        }
        Err(reason) => {
            record.error = Some(reason.clone());
            Err(reason)
        }
    };
    store.record_fetch(feed.id, &record)?;
    Ok(FeedReport {
        id: feed.id,
        url: feed.url.clone(),
        title: record.title.or_else(|| feed.title.clone()),
        result,
    })
}

/// For a full-text feed: takes out of `items` those whose whole text is stored and whose
/// summary has not changed (writing them would put the summary back), and returns the jobs of
/// the items to fetch: new ones, and those whose summary changed.
fn whole_text_items(
    store: &mut Store,
    items: &mut Vec<Article>,
) -> Result<Vec<PageJob>, StoreError> {
    let ids: Vec<&str> = items.iter().map(|a| a.id.as_str()).collect();
    let known = store.known_ids(&ids)?;
    let kept = store.kept_summaries(&ids)?;
    let (mut jobs, mut changed) = (Vec::new(), Vec::new());
    let mut keep = Vec::with_capacity(items.len());
    for (article, known) in items.iter().zip(known) {
        let summary = kept.get(&article.id);
        let same = summary.is_some_and(|s| *s == article.body.text);
        if !same
            && (!known || summary.is_some())
            && let Some(job) = PageJob::for_article(article)
        {
            if summary.is_some() {
                changed.push(job.id.clone());
            }
            jobs.push(job);
        }
        keep.push(!same);
    }
    // A changed summary is written anew and its page fetched again.
    for id in &changed {
        store.forget_page(id)?;
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
    Ok(jobs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn rss(feed: usize, n: usize) -> String {
        let items: String = (0..n)
            .map(|i| format!("<item><title>Story {feed}.{i}</title><guid>g{feed}.{i}</guid><description>Text {i}.</description></item>"))
            .collect();
        format!(
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>F</title>{items}</channel></rss>"
        )
    }

    // See: #17
    #[test]
    fn many_feeds_are_written_whole_and_a_store_that_cannot_be_written_stops_the_refresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.db");
        let mut store = Store::open(&path).unwrap();
        for f in 0..12 {
            let file = dir.path().join(format!("feed{f}.xml"));
            std::fs::write(&file, rss(f, 30)).unwrap();
            let url = url::Url::from_file_path(&file).unwrap().to_string();
            store.add_feed(&url, None, &[]).unwrap();
        }
        let feeds = store.feeds().unwrap();
        let fetcher = Fetcher::with_timeout(Duration::from_secs(10));
        // Eight fetching threads, two parsing ones, one writer: every item of every feed.
        let summary = refresh_feeds(&mut store, &feeds, &fetcher, 8, |_| {}).unwrap();
        assert_eq!((summary.feeds, summary.added, summary.failed), (12, 360, 0));
        assert_eq!(store.count().unwrap(), 360);
        // The writer fails at its first batch: the fetching and parsing threads stop too,
        // instead of waiting for it (the refresh must return, with the store's error).
        for f in 0..12 {
            let file = dir.path().join(format!("feed{f}.xml"));
            std::fs::write(&file, rss(f, 31)).unwrap();
        }
        let mut read_only = Store::open_read_only(&path).unwrap();
        let (done, ended) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let r = refresh_feeds(&mut read_only, &feeds, &fetcher, 8, |_| {});
            done.send(r.is_err()).unwrap();
        });
        let failed = ended.recv_timeout(Duration::from_secs(60));
        assert_eq!(
            failed,
            Ok(true),
            "the refresh did not end with the store's error"
        );
    }
}
