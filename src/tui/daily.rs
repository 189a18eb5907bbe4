//! The unread flow: articles marked read as they are opened (or after a while, or never), the
//! undo key, the next and previous unread article, and what read and star say.

use std::time::Duration;

use super::app::{App, Effect};
use super::load::{Tag, Write};
use crate::store::{ArticleRow, StateChange};

/// When an opened article is marked read (`[reader] mark_read` in the config file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum MarkRead {
    /// As soon as it is shown.
    #[default]
    OnOpen,
    /// Once it has been shown this long.
    After(Duration),
    Never,
}

impl MarkRead {
    /// Reads the setting: `"on_open"`, `"never"`, or a number of seconds (0 is on open).
    pub fn parse(value: &toml::de::DeValue<'_>) -> Result<MarkRead, String> {
        const WHAT: &str = "expected \"on_open\", \"never\" or a number of seconds up to 3600";
        if let Some(s) = value.as_str() {
            return match s {
                "on_open" => Ok(MarkRead::OnOpen),
                "never" => Ok(MarkRead::Never),
                _ => Err(WHAT.into()),
            };
        }
        let secs = value
            .as_integer()
            .and_then(|i| i.as_str().parse::<u64>().ok())
            .filter(|s| *s <= 3600)
            .ok_or_else(|| WHAT.to_string())?;
        Ok(match secs {
            0 => MarkRead::OnOpen,
            s => MarkRead::After(Duration::from_secs(s)),
        })
    }
}

/// What the undo key takes back, latest last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// An article marked read by opening it.
    Read(String),
    /// An article deleted, and where its row was in the list.
    Delete(ArticleRow, usize),
}

/// The reader's own history of changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Daily {
    pub undo: Vec<Undo>,
    /// Ids of the articles deleted in the reader: deleted in the store when it quits, so that
    /// undo can bring them back whole until then.
    pub deleting: Vec<String>,
}

/// The undo list is cut to this many steps.
const UNDO_STEPS: usize = 100;

impl App {
    /// The list's selected article was just opened under `tag`: marks it read as configured.
    pub(super) fn mark_on_open(&mut self, tag: Tag) {
        if self.list.selected_row().is_none_or(|r| r.is_read) {
            return;
        }
        match self.config.mark_read {
            MarkRead::Never => {}
            MarkRead::OnOpen => self.mark_selected_read(),
            MarkRead::After(after) => self.effect(Effect::Timer { after, tag }),
        }
    }

    /// The time to mark the article opened under `tag` read has come: still open, it is.
    pub(super) fn due(&mut self, tag: Tag) {
        if self.reading.opened.as_ref().is_some_and(|o| o.tag == tag) {
            self.mark_selected_read();
        }
    }

    fn mark_selected_read(&mut self) {
        let Some(row) = self.list.selected_row_mut() else {
            return;
        };
        if row.is_read {
            return;
        }
        row.is_read = true;
        let id = row.id.clone();
        self.remember(Undo::Read(id.clone()));
        let change = StateChange::Read(true);
        self.effect(Effect::Write(Write::State { id, change }));
    }

    fn remember(&mut self, undo: Undo) {
        let list = &mut self.daily.undo;
        // A deletion stays undoable until the reader quits; only marks are forgotten.
        if list.len() >= UNDO_STEPS
            && let Some(i) = list.iter().position(|u| matches!(u, Undo::Read(_)))
        {
            list.remove(i);
        }
        list.push(undo);
    }

    /// Takes back the latest mark made by opening an article, or the latest deletion.
    pub(super) fn undo_last(&mut self) {
        match self.daily.undo.pop() {
            None => self.status = "nothing to undo".into(),
            Some(Undo::Read(id)) => self.undo_read(id),
            Some(Undo::Delete(row, at)) => self.undo_delete(row, at),
        }
    }

    fn undo_read(&mut self, id: String) {
        if let Some(row) = self.list.rows.iter_mut().find(|r| r.id == id) {
            row.is_read = false;
            self.status = format!("kept unread: {}", super::text::line(&row.title));
        } else {
            self.status = "kept unread".into();
        }
        let change = StateChange::Read(false);
        self.effect(Effect::Write(Write::State { id, change }));
    }

    /// Deletes the selected article from the list now and from the store when the reader
    /// quits.
    pub(super) fn delete_selected(&mut self) {
        let at = self.list.selected;
        if self.list.at(at).is_none() {
            return;
        }
        let row = self.list.rows.remove(at - self.list.first);
        self.list.snippets.remove(&row.id);
        self.list.total = self.list.total.saturating_sub(1);
        self.list.hidden += 1;
        self.list.selected = at.min(self.list.total.saturating_sub(1));
        self.daily.deleting.push(row.id.clone());
        self.status = format!(
            "deleted: {} (u brings it back until you quit)",
            super::text::line(&row.title)
        );
        self.ensure_rows(self.list.selected);
        self.open_selected();
        // After the next article's opening: u brings back what was deleted first.
        self.remember(Undo::Delete(row, at));
        self.pin_status();
    }

    fn undo_delete(&mut self, row: ArticleRow, at: usize) {
        self.daily.deleting.retain(|id| *id != row.id);
        self.status = format!("brought back: {}", super::text::line(&row.title));
        // The list may have changed meanwhile: the row goes back where it was if it can.
        if !self.list.rows.iter().any(|r| r.id == row.id) {
            let at = at.clamp(self.list.first, self.list.end());
            self.list.rows.insert(at - self.list.first, row);
            self.list.total += 1;
            self.list.hidden = self.list.hidden.saturating_sub(1);
            self.list.selected = at;
        }
        self.open_selected();
        self.pin_status();
    }

    /// Rows without those deleted in the reader.
    pub(super) fn without_deleted(&self, mut rows: Vec<ArticleRow>) -> Vec<ArticleRow> {
        rows.retain(|r| !self.daily.deleting.contains(&r.id));
        rows
    }

    /// Takes out of the list the rows deleted since it was left (Back returns to it).
    pub(super) fn forget_deleted(&mut self) {
        let before = self.list.rows.len();
        let selected = self.list.selected_row().map(|r| r.id.clone());
        let rows = std::mem::take(&mut self.list.rows);
        self.list.rows = self.without_deleted(rows);
        let gone = before - self.list.rows.len();
        if gone == 0 {
            return;
        }
        self.list.hidden += gone;
        self.list.total = self.list.total.saturating_sub(gone);
        self.list.selected = selected
            .and_then(|id| self.list.position(&id))
            .unwrap_or(self.list.selected)
            .min(self.list.total.saturating_sub(1));
    }

    /// Quits, deleting first what was deleted in the reader.
    pub(super) fn quit(&mut self) {
        if !self.daily.deleting.is_empty() {
            let ids = std::mem::take(&mut self.daily.deleting);
            self.effect(Effect::Write(Write::Remove { ids }));
        }
        self.effect(Effect::Quit);
    }

    /// Selects the next (or previous) unread article of the list, whatever its feed.
    pub(super) fn step_unread(&mut self, down: bool) {
        let at = self.list.selected;
        let list = &self.list;
        let unread = |i: &usize| list.at(*i).is_some_and(|r| !r.is_read);
        let found = if down {
            (at + 1..list.end()).find(unread)
        } else {
            (list.first..at).rev().find(unread)
        };
        match found {
            Some(i) => {
                let by = isize::try_from(i).unwrap_or(0) - isize::try_from(at).unwrap_or(0);
                self.focus_on(super::app::Focus::List);
                self.step_list(by);
            }
            None if down && list.end() < list.total => {
                self.status = "reading more of the list…".into();
                self.ensure_rows(list.end());
            }
            None => {
                let way = if down { "below" } else { "above" };
                self.status = format!("no unread article {way}");
            }
        }
    }

    /// Says what the read or star key did.
    pub(super) fn say_state(&mut self, change: &StateChange) {
        self.status = match change {
            StateChange::Read(true) => "marked read",
            StateChange::Read(false) => "marked unread",
            StateChange::Starred(true) => "starred",
            StateChange::Starred(false) => "star taken off",
            _ => return,
        }
        .into();
    }
}

#[cfg(test)]
#[path = "daily_tests.rs"]
mod tests;
