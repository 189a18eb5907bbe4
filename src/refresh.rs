//! Refreshing subscriptions: feeds are fetched and parsed on worker threads, several at once,
//! and written to the store on the calling thread as they arrive. One feed's failure is kept
//! with that feed and never stops the others. Feeds set to full text then have their new
//! items' pages fetched (see [`crate::pages`]).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use serde::Serialize;

use crate::article::Article;
use crate::feed::{FetchOutcome, Fetcher, ParsedFeed, Validators, parse_feed};
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
    let next = AtomicUsize::new(0);
    let (tx, rx) = mpsc::sync_channel::<(usize, Result<Fetched, String>)>(workers.max(1));
    let mut summary = RefreshSummary::default();
    let mut pages = Vec::new();
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
            let report = write_one(store, feed, fetched, whole.wants(feed.id), &mut pages)?;
            summary.add(&report);
            on_feed(&report);
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
    full_text: bool,
    pages: &mut Vec<PageJob>,
) -> Result<FeedReport, StoreError> {
    let mut record = FetchRecord::default();
    let result = match fetched {
        Ok(Fetched::NotModified) => Ok(FeedCounts {
            not_modified: true,
            ..FeedCounts::default()
        }),
        Ok(Fetched::Parsed(mut parsed, validators)) => {
            let kept = if full_text {
                let before = parsed.articles.len();
                pages.extend(whole_text_items(store, &mut parsed.articles)?);
                before - parsed.articles.len()
            } else {
                0
            };
            let mut written =
                store.write_batch(&parsed.articles, OnExisting::Update, Some(feed.id))?;
            written.duplicates += kept;
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
    let mut jobs = Vec::new();
    let mut keep = Vec::with_capacity(items.len());
    for (article, known) in items.iter().zip(known) {
        let same = kept
            .get(&article.id)
            .is_some_and(|s| *s == article.body.text);
        if !same && (!known || kept.contains_key(&article.id)) {
            jobs.extend(PageJob::for_article(article));
        }
        keep.push(!same);
    }
    for id in kept.keys() {
        if jobs.iter().any(|j| j.id == *id) {
            store.forget_page(id)?;
        }
    }
    let mut flags = keep.into_iter();
    items.retain(|_| flags.next().unwrap_or(true));
    Ok(jobs)
}
