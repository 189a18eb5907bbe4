//! Refreshing subscriptions: feeds are fetched and parsed on worker threads, several at once,
//! and written to the store on the calling thread as they arrive. One feed's failure is kept
//! with that feed and never stops the others.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::feed::{FetchOutcome, Fetcher, ParsedFeed, Validators, parse_feed};
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

enum Fetched {
    NotModified,
    Parsed(ParsedFeed, Validators),
}

/// Refreshes `feeds` with `workers` fetches at a time, calling `on_feed` after each feed is
/// written. Fails only when the store cannot be written.
pub fn refresh_feeds(
    store: &mut Store,
    feeds: &[FeedRow],
    fetcher: &Fetcher,
    workers: usize,
    mut on_feed: impl FnMut(&FeedReport),
) -> Result<RefreshSummary, StoreError> {
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Fetched, String>)>(workers.max(1));
    let mut summary = RefreshSummary::default();
    std::thread::scope(|scope| {
        for _ in 0..workers.clamp(1, feeds.len().max(1)) {
            let tx = tx.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(feed) = feeds.get(i) else { break };
                    if tx.send((i, fetch_one(fetcher, feed))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for (i, fetched) in rx {
            let feed = &feeds[i];
            let report = write_one(store, feed, fetched)?;
            summary.add(&report);
            on_feed(&report);
        }
        Ok(summary)
    })
}

fn fetch_one(fetcher: &Fetcher, feed: &FeedRow) -> Result<Fetched, String> {
    let known = Validators {
        etag: feed.etag.clone(),
        last_modified: feed.last_modified.clone(),
    };
    match fetcher
        .fetch(&feed.url, &known)
        .map_err(|e| e.to_string())?
    {
        FetchOutcome::NotModified => Ok(Fetched::NotModified),
        FetchOutcome::Fetched {
            bytes,
            validators,
            url,
        } => parse_feed(&bytes, &url).map(|parsed| Fetched::Parsed(parsed, validators)),
    }
}

fn write_one(
    store: &mut Store,
    feed: &FeedRow,
    fetched: Result<Fetched, String>,
) -> Result<FeedReport, StoreError> {
    let mut record = FetchRecord::default();
    let result = match fetched {
        Ok(Fetched::NotModified) => Ok(FeedCounts {
            not_modified: true,
            ..FeedCounts::default()
        }),
        Ok(Fetched::Parsed(parsed, validators)) => {
            let written = store.write_batch(&parsed.articles, OnExisting::Update, Some(feed.id))?;
            record.title = parsed.title.clone();
            record.etag = validators.etag;
            record.last_modified = validators.last_modified;
            Ok(FeedCounts {
                added: written.added,
                updated: written.updated,
                unchanged: written.duplicates,
                skipped: parsed.skipped.len(),
                not_modified: false,
            })
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
