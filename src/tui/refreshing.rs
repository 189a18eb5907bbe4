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
                let line = format!(
                    "refreshed {feeds} feed{plural}: {added} new, {updated} updated{failed}"
                );
                self.with_sync_note(line)
            }
            WorkerEvent::NoFeeds if self.sync_note.is_some() => self.with_sync_note(String::new()),
            WorkerEvent::NoFeeds => {
                "no subscriptions to refresh; add one with `byline feed add URL`".into()
            }
            WorkerEvent::Synced(t) => {
                if t.added > 0 {
                    self.refreshes += 1;
                    self.merge_new(t.added);
                }
                let plural = if t.servers == 1 { "" } else { "s" };
                let failed = match t.failed {
                    0 => String::new(),
                    n => format!("; {n} failed (byline sync status says why)"),
                };
                let note = format!(
                    "synced {} server{plural}: {} new{failed}",
                    t.servers, t.added
                );
                self.sync_note = Some(note.clone());
                note
            }
            WorkerEvent::Indexing { done, total } => {
                self.indexing = Some((done, total));
                return;
            }
            WorkerEvent::Indexed { articles, announce } => {
                self.indexing = None;
                if !announce {
                    return;
                }
                format!("entities indexed for {articles} new articles")
            }
            WorkerEvent::Failed(text) => text,
            WorkerEvent::WatchedNames(names) => return self.watched_names_read(names),
            WorkerEvent::EntitiesEdited { said, name } => return self.entities_edited(said, &name),
            WorkerEvent::PageFetched { id, result } => return self.page_fetched(&id, result),
        };
    }

    /// The refresh's line with the sync's that came just before it: the status shows both.
    fn with_sync_note(&mut self, line: String) -> String {
        match self.sync_note.take() {
            Some(note) if line.is_empty() => note,
            Some(note) => format!("{note}; {line}"),
            None => line,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, BlockKind, Body};
    use crate::refresh::RefreshSummary;
    use crate::tui::action::Action;
    use crate::tui::list::ListSource;
    use crate::tui::testing::Harness;
    use crate::tui::worker::WorkerEvent;

    fn fresh(app: &mut Harness, title: &str) {
        let mut a = Article::new(title, Body::from_blocks([(BlockKind::Paragraph, "New.")]));
        a.published = Some("2099-01-01T00:00:00Z".into());
        app.store.insert_batch(&[a]).unwrap();
    }

    fn refreshed(added: usize) -> Action {
        let s = RefreshSummary {
            feeds: 1,
            added,
            ..RefreshSummary::default()
        };
        Action::Worker(WorkerEvent::Refreshed(s))
    }

    #[test]
    fn a_refreshs_new_article_is_merged_in_and_the_selection_stays() {
        let mut app = Harness::sample(120, 40);
        app.update(Action::Down);
        let reading = app.list.rows[1].id.clone();
        fresh(&mut app, "Fresh from the feed");
        app.update(refreshed(1));
        assert_eq!(app.list.total, 14);
        assert_eq!(app.list.rows[0].title, "Fresh from the feed");
        assert_eq!(app.list.selected_row().unwrap().id, reading);
        assert!(
            app.status.starts_with("refreshed 1 feed: 1 new"),
            "{}",
            app.status
        );
    }

    #[test]
    fn the_status_line_shows_the_sync_and_the_refresh_after_it() {
        let mut app = Harness::sample(120, 40);
        fresh(&mut app, "Fresh from the server");
        let totals = crate::sync::SyncTotals {
            servers: 2,
            added: 1,
            failed: 1,
        };
        app.update(Action::Worker(WorkerEvent::Synced(totals)));
        assert_eq!(app.list.rows[0].title, "Fresh from the server");
        app.update(refreshed(0));
        assert_eq!(
            app.status,
            "synced 2 servers: 1 new; 1 failed (byline sync status says why); \
             refreshed 1 feed: 0 new, 0 updated"
        );
    }

    #[test]
    fn a_list_away_when_the_refresh_came_takes_it_in_on_back() {
        let mut app = Harness::sample(120, 40);
        app.update(Action::StartStoreSearch);
        for c in "halvorsen".chars() {
            app.update(Action::Insert(c));
        }
        app.update(Action::SubmitSearch);
        assert!(matches!(app.list.source, ListSource::Search { .. }));
        fresh(&mut app, "Fresh while searching");
        app.update(refreshed(1));
        assert!(
            matches!(app.list.source, ListSource::Search { .. }),
            "the hits stay"
        );
        app.update(Action::Back);
        assert_eq!(app.list.source, ListSource::All);
        assert_eq!(app.list.total, 14);
        assert_eq!(app.list.rows[0].title, "Fresh while searching");
    }
}
