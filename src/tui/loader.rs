//! The loader: a thread with its own connection to the store that answers the reader's
//! requests ([`super::load`]), and a second thread that finds an article's entities, so
//! neither a slow read nor a slow extraction ever holds up the screen.
//!
//! An article request the user has already moved past is skipped before it starts; the
//! reader drops any answer it no longer waits for, by its tag.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use crate::store::Store;

use super::load::{self, Answer, Request, Tag, Text};
use super::watch::Watched;

/// Where answers go (the event loop's channel).
pub type Post = Arc<dyn Fn(Answer) + Send + Sync>;

/// The running loader; [`Loader::stop`] or dropping it ends its threads once they finish
/// what they are doing.
pub struct Loader {
    requests: Option<Sender<Request>>,
    /// The newest article asked for: older article requests not started are skipped.
    latest: Arc<AtomicU64>,
    ended: Receiver<()>,
}

impl Loader {
    /// Starts the loader on its own connection to the store.
    pub fn spawn(store: Store, watched: Watched, post: Post) -> Loader {
        let (requests, rx) = channel();
        let latest = Arc::new(AtomicU64::new(0));
        let mailbox = Arc::new(Mailbox::default());
        let (l, m, p) = (latest.clone(), mailbox.clone(), post.clone());
        std::thread::Builder::new()
            .name("byline-entities".into())
            .spawn(move || extract(&m, &l, &p))
            .ok();
        let l = latest.clone();
        let (ended_tx, ended) = channel();
        std::thread::Builder::new()
            .name("byline-loader".into())
            .spawn(move || {
                serve(store, &watched, &rx, &l, &mailbox, &post);
                let _ = ended_tx.send(());
            })
            .ok();
        Loader {
            requests: Some(requests),
            latest,
            ended,
        }
    }

    /// Ends the loader, waiting for it at most `patience` so its connection to the store is
    /// closed (then the worker's, closing last, lets SQLite checkpoint and remove the log).
    pub fn stop(&mut self, patience: std::time::Duration) {
        self.requests = None;
        let _ = self.ended.recv_timeout(patience);
    }

    /// Asks for something; the answer comes through `post`.
    pub fn send(&self, request: Request) {
        if let Request::Article { tag, .. } | Request::Entities { tag, .. } = &request {
            self.latest.fetch_max(*tag, Ordering::Relaxed);
        }
        if let Some(requests) = &self.requests {
            let _ = requests.send(request);
        }
    }
}

fn serve(
    mut store: Store,
    watched: &Watched,
    requests: &Receiver<Request>,
    latest: &AtomicU64,
    mailbox: &Mailbox,
    post: &Post,
) {
    for request in requests {
        let stale = |tag: &Tag| *tag < latest.load(Ordering::Relaxed);
        match request {
            Request::Article { tag, .. } if stale(&tag) => continue,
            Request::Entities { tag, text } => {
                mailbox.put(tag, text);
                continue;
            }
            _ => {}
        }
        for answer in load::answer(&mut store, watched, request) {
            if let Answer::Text { tag, text, .. } = &answer {
                mailbox.put(*tag, text.clone());
            }
            post(answer);
        }
    }
    mailbox.close();
}

/// An article to find the entities of.
type Job = (Tag, Arc<Text>);

/// One article waiting for its entities (a newer one replaces it before it starts), and
/// whether the loader has ended.
#[derive(Default)]
struct Mailbox {
    slot: Mutex<(Option<Job>, bool)>,
    ready: Condvar,
}

impl Mailbox {
    fn put(&self, tag: Tag, text: Arc<Text>) {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner).0 = Some((tag, text));
        self.ready.notify_one();
    }

    fn close(&self) {
        self.slot.lock().unwrap_or_else(PoisonError::into_inner).1 = true;
        self.ready.notify_one();
    }

    /// The next article, or `None` once closed.
    fn take(&self) -> Option<Job> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if let Some(job) = slot.0.take() {
                return Some(job);
            }
            if slot.1 {
                return None;
            }
            slot = self
                .ready
                .wait(slot)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

fn extract(mailbox: &Mailbox, latest: &AtomicU64, post: &Post) {
    super::priority::background();
    while let Some((tag, text)) = mailbox.take() {
        if tag >= latest.load(Ordering::Relaxed) {
            post(load::entities(tag, &text));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn articles_come_with_their_entities_and_rows_with_their_total() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&crate::library::articles()).unwrap();
        let id = store.page(&Default::default(), 0, 1).unwrap()[0].id.clone();
        let (tx, rx) = channel();
        let tx = Mutex::new(tx);
        let post: Post = Arc::new(move |a| {
            let _ = tx.lock().unwrap().send(a);
        });
        let loader = Loader::spawn(store, Watched::default(), post);
        loader.send(Request::Article {
            tag: 1,
            id,
            width: 40,
            summary: false,
        });
        loader.send(Request::Rows {
            tag: 2,
            from: 0,
            seek: crate::store::Seek::At(0),
            count: 5,
            view: super::super::load::View::default(),
        });
        let mut seen = Vec::new();
        for _ in 0..3 {
            seen.push(match rx.recv_timeout(Duration::from_secs(20)).unwrap() {
                Answer::Text { tag: 1, lines, .. } => {
                    assert_eq!(lines.width, 40);
                    "text"
                }
                Answer::Entities {
                    tag: 1, entities, ..
                } => {
                    assert!(!entities.is_empty());
                    "entities"
                }
                Answer::Rows {
                    tag: 2,
                    rows,
                    total,
                    ..
                } => {
                    assert_eq!((rows.len(), total), (5, 13));
                    "rows"
                }
                other => panic!("{other:?}"),
            });
        }
        seen.sort_unstable();
        assert_eq!(seen, ["entities", "rows", "text"]);
    }
}
