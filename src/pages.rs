//! Whole articles from their pages: each page fetched through the feed fetcher (timeouts, size
//! cap, redirects), a few at once per host, its article and entities extracted on the worker,
//! and the result written on the calling thread: the whole text in place of the summary, or
//! the error beside the summary that stays.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, mpsc};

use serde::Serialize;

use crate::article::Article;
use crate::extract::EXTRACTOR_VERSION;
use crate::feed::{FetchError, FetchOutcome, Fetcher, Validators};
use crate::page::{decode_page, extract_page};
use crate::store::{EntityCount, Store, StoreError};

/// Pages fetched at once from one host, whatever the number of workers.
pub const PER_HOST: usize = 2;

/// The largest page fetched (8 MiB; the news pages of the benchmark corpus are at most 1.5
/// MB): its tree takes several times its size while it is read.
pub const PAGE_MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Pages of one host that fail to arrive in a row (no answer, no connection) before its other
/// pages are given up: a host that never answers costs a few timeouts, not one per page.
pub const GIVE_UP_AFTER: usize = 3;

/// An article whose page is to be fetched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageJob {
    pub id: String,
    pub url: String,
    /// The title to keep when the page names none.
    pub title: String,
    /// Words of the stored text: a page giving fewer is taken to have missed the article.
    pub summary_words: usize,
}

impl PageJob {
    /// The job for an article: its page (an http or https link), title and words so far.
    pub fn for_article(article: &Article) -> Option<PageJob> {
        let url = article.url.as_deref()?.trim();
        (url.starts_with("http://") || url.starts_with("https://")).then(|| PageJob {
            id: article.id.clone(),
            url: url.to_string(),
            title: article.title.clone(),
            summary_words: article.word_count(),
        })
    }
}

/// What fetching one page did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageReport {
    pub id: String,
    pub url: String,
    /// Words of the whole text stored, or why the summary stays.
    pub result: Result<usize, String>,
}

/// Fetches the pages of `jobs` with `workers` fetches at a time (at most [`PER_HOST`] per
/// host), storing each article's whole text and redoing its entities; `on_page` hears of each.
/// Fails only when the store cannot be written.
pub fn fetch_pages(
    store: &mut Store,
    fetcher: &Fetcher,
    jobs: Vec<PageJob>,
    workers: usize,
    mut on_page: impl FnMut(&PageReport),
) -> Result<Vec<PageReport>, StoreError> {
    let workers = workers.clamp(1, jobs.len().max(1));
    let fetcher = &fetcher.with_max_bytes(PAGE_MAX_BYTES);
    let queue = HostQueue::new(jobs);
    let (tx, rx) = mpsc::sync_channel::<Fetched>(workers);
    let mut reports = Vec::new();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let queue = &queue;
            scope.spawn(move || {
                while let Some((host, job, give_up)) = queue.take() {
                    let fetched = if give_up {
                        let reason = format!(
                            "not fetched: {GIVE_UP_AFTER} pages of {host} in a row did not arrive"
                        );
                        Fetched::failed(job, reason)
                    } else {
                        let fetched = fetch_one(fetcher, job);
                        queue.done(&host, !fetched.unreachable);
                        fetched
                    };
                    if tx.send(fetched).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for fetched in rx {
            let report = write_one(store, fetched)?;
            on_page(&report);
            reports.push(report);
        }
        Ok(reports)
    })
}

/// A page's article with its entities, or why there is none.
struct Fetched {
    job: PageJob,
    result: Result<(Article, Vec<EntityCount>), String>,
    /// The host gave no answer (timeout, no connection).
    unreachable: bool,
}

impl Fetched {
    fn failed(job: PageJob, reason: String) -> Fetched {
        Fetched {
            job,
            result: Err(reason),
            unreachable: true,
        }
    }
}

fn fetch_one(fetcher: &Fetcher, job: PageJob) -> Fetched {
    match fetcher.fetch(&job.url, &Validators::default()) {
        Ok(FetchOutcome::Fetched { bytes, url, .. }) => {
            let result = page_article(&bytes, &url, &job);
            Fetched {
                job,
                result,
                unreachable: false,
            }
        }
        Ok(FetchOutcome::NotModified) => Fetched {
            job,
            result: Err("the server answered 304".into()),
            unreachable: false,
        },
        Err(e) => {
            let unreachable = matches!(e, FetchError::Timeout(_) | FetchError::Network(_));
            Fetched {
                job,
                result: Err(e.to_string()),
                unreachable,
            }
        }
    }
}

/// Fetches a page and extracts its article (with `job`'s id) and the article's entities.
pub fn fetch_article(
    fetcher: &Fetcher,
    job: &PageJob,
) -> Result<(Article, Vec<EntityCount>), String> {
    let fetcher = fetcher.with_max_bytes(PAGE_MAX_BYTES);
    match fetcher.fetch(&job.url, &Validators::default()) {
        Ok(FetchOutcome::Fetched { bytes, url, .. }) => page_article(&bytes, &url, job),
        Ok(FetchOutcome::NotModified) => Err("the server answered 304".into()),
        Err(e) => Err(e.to_string()),
    }
}

/// The article of a fetched page, unless it holds less text than the stored article.
fn page_article(
    bytes: &[u8],
    url: &str,
    job: &PageJob,
) -> Result<(Article, Vec<EntityCount>), String> {
    let html = decode_page(bytes, None);
    let page = extract_page(&html, Some(url));
    drop(html);
    let words = page.body.text.split_whitespace().count();
    if words == 0 {
        return Err("no article text found in the page".into());
    }
    if words < job.summary_words {
        return Err(format!(
            "the page's text ({words} words) is shorter than the stored one ({})",
            job.summary_words
        ));
    }
    let mut article = page.into_article(Some(&job.url), &job.title);
    article.id.clone_from(&job.id);
    let entities = crate::commands::entity_counts(&article);
    Ok((article, entities))
}

fn write_one(store: &mut Store, fetched: Fetched) -> Result<PageReport, StoreError> {
    let Fetched { job, result, .. } = fetched;
    let result = match result {
        Ok((article, entities)) => {
            store.store_full_text(&job.id, &article)?;
            store.set_entities(&job.id, &entities, EXTRACTOR_VERSION)?;
            Ok(article.word_count())
        }
        Err(reason) => {
            store.record_page_error(&job.id, &reason)?;
            Err(reason)
        }
    };
    Ok(PageReport {
        id: job.id,
        url: job.url,
        result,
    })
}

/// Jobs by host, handed out so that no host has more than [`PER_HOST`] fetches under way.
struct HostQueue {
    state: Mutex<QueueState>,
    changed: Condvar,
}

struct QueueState {
    pending: Vec<(String, VecDeque<PageJob>)>,
    active: HashMap<String, usize>,
    /// Pages of each host that did not arrive, in a row.
    failures: HashMap<String, usize>,
}

/// Where a page is served from: its host and port (`example.org:443`).
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|u| {
            let host = u.host_str()?.to_ascii_lowercase();
            Some(format!("{host}:{}", u.port_or_known_default().unwrap_or(0)))
        })
        .unwrap_or_default()
}

impl HostQueue {
    fn new(jobs: Vec<PageJob>) -> HostQueue {
        let mut pending: Vec<(String, VecDeque<PageJob>)> = Vec::new();
        for job in jobs {
            let host = host_of(&job.url);
            match pending.iter_mut().find(|(h, _)| *h == host) {
                Some((_, q)) => q.push_back(job),
                None => pending.push((host, VecDeque::from([job]))),
            }
        }
        HostQueue {
            state: Mutex::new(QueueState {
                pending,
                active: HashMap::new(),
                failures: HashMap::new(),
            }),
            changed: Condvar::new(),
        }
    }

    /// The next job of a host with room, waiting while every host with jobs is busy; `None`
    /// when no job is left. The flag says the job's host is given up (see [`GIVE_UP_AFTER`]).
    fn take(&self) -> Option<(String, PageJob, bool)> {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        loop {
            state.pending.retain(|(_, q)| !q.is_empty());
            if state.pending.is_empty() {
                return None;
            }
            let QueueState {
                pending,
                active,
                failures,
            } = &mut *state;
            let given_up = |h: &String| failures.get(h).copied().unwrap_or(0) >= GIVE_UP_AFTER;
            let free = pending
                .iter_mut()
                .find(|(h, _)| given_up(h) || active.get(h).copied().unwrap_or(0) < PER_HOST);
            if let Some((host, q)) = free
                && let Some(job) = q.pop_front()
            {
                let host = host.clone();
                let give_up = given_up(&host);
                if !give_up {
                    *active.entry(host.clone()).or_default() += 1;
                }
                return Some((host, job, give_up));
            }
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// A fetch from `host` ended; `arrived` says whether the host answered.
    fn done(&self, host: &str, arrived: bool) {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(n) = state.active.get_mut(host) {
            *n = n.saturating_sub(1);
        }
        let failures = state.failures.entry(host.to_string()).or_default();
        *failures = if arrived { 0 } else { *failures + 1 };
        self.changed.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(url: &str) -> PageJob {
        PageJob {
            id: url.into(),
            url: url.into(),
            title: String::new(),
            summary_words: 0,
        }
    }

    #[test]
    fn no_host_gets_more_than_its_share_at_once() {
        let queue = HostQueue::new(vec![
            job("https://a.example/1"),
            job("https://a.example/2"),
            job("https://a.example/3"),
            job("https://b.example/1"),
        ]);
        let first: Vec<String> = (0..3).map(|_| queue.take().unwrap().1.url).collect();
        assert_eq!(
            first,
            [
                "https://a.example/1",
                "https://a.example/2",
                "https://b.example/1"
            ]
        );
        queue.done("a.example:443", true);
        assert_eq!(queue.take().unwrap().1.url, "https://a.example/3");
        assert!(queue.take().is_none());
    }

    #[test]
    fn a_host_whose_pages_do_not_arrive_is_given_up() {
        let jobs = (0..6)
            .map(|i| job(&format!("https://dead.example/{i}")))
            .collect();
        let queue = HostQueue::new(jobs);
        for _ in 0..GIVE_UP_AFTER {
            let (host, _, give_up) = queue.take().unwrap();
            assert!(!give_up);
            queue.done(&host, false);
        }
        let rest: Vec<bool> = std::iter::from_fn(|| queue.take()).map(|t| t.2).collect();
        assert_eq!(rest, [true; 3]);
    }

    #[test]
    fn a_page_that_arrives_resets_the_count() {
        let jobs = (0..4)
            .map(|i| job(&format!("https://slow.example/{i}")))
            .collect();
        let queue = HostQueue::new(jobs);
        for arrived in [false, false, true] {
            let (host, _, _) = queue.take().unwrap();
            queue.done(&host, arrived);
        }
        assert!(!queue.take().unwrap().2);
    }
}
