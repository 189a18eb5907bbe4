//! What the reader makes of the background worker's events: progress and outcomes in the
//! status line, and a refresh's new articles merged into the list.

use super::app::App;
use super::worker::WorkerEvent;

impl App {
    /// Takes in what the worker did.
    pub(super) fn background(&mut self, event: WorkerEvent) {
        self.status = match event {
            WorkerEvent::Fetched {
                done, total, feed, ..
            } => format!("refreshing {done}/{total}: {feed}"),
            WorkerEvent::Refreshed(s) => {
                if s.added > 0 {
                    self.refreshes += 1;
                    self.merge_new(s.added);
                }
                let plural = if s.feeds == 1 { "" } else { "s" };
                let failed = match s.failed {
                    0 => String::new(),
                    n => format!("; {n} failed (byline feed list says why)"),
                };
                let (feeds, added, updated) = (s.feeds, s.added, s.updated);
                format!("refreshed {feeds} feed{plural}: {added} new, {updated} updated{failed}")
            }
            WorkerEvent::NoFeeds => {
                "no subscriptions to refresh; add one with `byline feed add URL`".into()
            }
            WorkerEvent::Indexed { articles } => {
                format!("entities indexed for {articles} new articles")
            }
            WorkerEvent::Failed(text) => text,
        };
    }
}
