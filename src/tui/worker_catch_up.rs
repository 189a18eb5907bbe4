//! The worker's catch-up: every article imports and refreshes left for later is indexed (text,
//! then entities, a few articles a step, the worker's other jobs between steps), the reader told
//! how far it is, and the store's canonical entities resolved at the end.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use super::{CATCH_UP_STEP, PROGRESS_EVERY, State, WorkerEvent};
use crate::commands::index_pending_on;

/// A catch-up under way: every pending article is indexed, a step at a time.
pub(super) struct CatchingUp {
    total: usize,
    done: usize,
    announce: bool,
    told: Instant,
    /// Whether the reader was told the progress (then it hears the end too).
    shown: bool,
}

impl State {
    /// Starts indexing what is pending after `pause`, unless a catch-up is under way (it
    /// reaches the new articles too); says how many articles' entities were indexed at the
    /// end when `announce` is set (after a refresh, the refresh's own summary stays).
    pub(super) fn start_catch_up(&mut self, announce: bool, pause: Duration) {
        if self.catching_up.is_none() && self.catch_up_at.is_none() {
            self.catch_up_at = Some(Instant::now() + pause);
        }
        self.pending_announce = self.pending_announce || announce;
    }

    /// One step of the catch-up: the text index first (one statement), then a few articles'
    /// entities; schedules the next step at once while articles are pending, so the messages
    /// that came meanwhile go first.
    pub(super) fn catch_up_step(&mut self) {
        if self.stop.load(Ordering::Relaxed) {
            return;
        }
        let announce = std::mem::take(&mut self.pending_announce);
        let post = self.post.clone();
        let under_way = self.catching_up.take();
        let Some(store) = self.store() else { return };
        let catching = match under_way {
            Some(c) => Some(c),
            None => {
                if let Err(e) = store.index_text() {
                    post(WorkerEvent::Failed(format!(
                        "cannot update the search index: {e}"
                    )));
                }
                match store.unindexed_count(crate::extract::EXTRACTOR_VERSION) {
                    // A store upgraded with nothing pending gets its canonical entities too.
                    Ok(0) => {
                        if !store.entities_resolved().unwrap_or(true)
                            && let Err(e) = store.resolve_entities()
                        {
                            post(WorkerEvent::Failed(format!("cannot resolve entities: {e}")));
                        }
                        None
                    }
                    Ok(total) => Some(CatchingUp {
                        total,
                        done: 0,
                        announce,
                        told: Instant::now(),
                        shown: false,
                    }),
                    Err(e) => {
                        return post(WorkerEvent::Failed(format!("cannot index entities: {e}")));
                    }
                }
            }
        };
        let Some(mut c) = catching else { return };
        c.announce |= announce;
        match index_pending_on(store, CATCH_UP_STEP, 1) {
            Ok(0) => {}
            Ok(n) => {
                c.done += n;
                // Articles that came meanwhile are indexed too: the total grows with them.
                c.total = c.total.max(c.done);
                if c.told.elapsed() >= PROGRESS_EVERY {
                    c.told = Instant::now();
                    c.shown = true;
                    post(WorkerEvent::Indexing {
                        done: c.done,
                        total: c.total,
                    });
                }
                self.catching_up = Some(c);
                self.catch_up_at = Some(Instant::now());
                return;
            }
            Err(e) => return post(WorkerEvent::Failed(format!("cannot index entities: {e}"))),
        }
        // The store's canonical entities take the new articles in (a second or two for
        // 30,000 articles, once at the end).
        if c.done > 0
            && let Err(e) = store.resolve_entities()
        {
            post(WorkerEvent::Failed(format!("cannot resolve entities: {e}")));
        }
        if c.announce || c.shown {
            post(WorkerEvent::Indexed {
                articles: c.done,
                announce: c.announce,
            });
        }
    }
}
