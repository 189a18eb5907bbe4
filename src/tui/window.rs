//! The list's window of rows: which rows it holds, where to read the rows it lacks (next to
//! its edge rows by key, else from the nearer end of the list) and taking them in.

use super::app::PAGE;
use super::list::ListState;
use crate::store::{ArticleRow, Seek};

/// Most rows the list's window holds.
const WINDOW: usize = 4 * PAGE;

/// How many rows either side of the selection the window holds once they are read: more
/// than a list pane shows.
pub(super) const MARGIN: usize = PAGE / 2;

impl ListState {
    /// The selected row, to change its marks, if the window holds it.
    pub fn selected_row_mut(&mut self) -> Option<&mut ArticleRow> {
        let i = self.selected.checked_sub(self.first)?;
        self.rows.get_mut(i)
    }

    /// The row at this index of the list, if the window holds it.
    pub fn at(&self, index: usize) -> Option<&ArticleRow> {
        self.rows.get(index.checked_sub(self.first)?)
    }

    /// The index in the list past the window's last row.
    pub fn end(&self) -> usize {
        self.first + self.rows.len()
    }

    /// The index in the list of the row with this id, if the window holds it.
    pub fn position(&self, id: &str) -> Option<usize> {
        let i = self.rows.iter().position(|r| r.id == id)?;
        Some(self.first + i)
    }

    /// Where to read the rows for the selection at `index` (outside the window): next to the
    /// window when it is near, else from the nearer end of the list, and how many rows.
    pub(super) fn seek_for(&self, index: usize) -> (usize, Seek, usize) {
        let pages = |n: usize| n.div_ceil(PAGE).max(1) * PAGE;
        let last = self.rows.last().map(|r| r.id.clone());
        let top = self.rows.first().map(|r| r.id.clone());
        match (last, top) {
            (Some(id), _) if index >= self.end() && index < self.end() + 2 * PAGE => {
                let count = pages(index + 1 - self.end());
                (self.end(), Seek::After(id), count)
            }
            (_, Some(id)) if index < self.first && index + 2 * PAGE >= self.first => {
                let count = pages(self.first - index);
                (self.first.saturating_sub(count), Seek::Before(id), count)
            }
            _ if index + PAGE >= self.total => {
                let count = pages(self.total.saturating_sub(index));
                (self.total.saturating_sub(count), Seek::Last, count)
            }
            _ => {
                let from = index.saturating_sub(PAGE / 2);
                (from, Seek::At(from), PAGE)
            }
        }
    }

    /// Takes in rows read from where `seek` says (`from` the index of the first); drops them
    /// when the window has changed since they were asked for (the caller asks again).
    pub(super) fn place(&mut self, from: usize, seek: &Seek, rows: Vec<ArticleRow>) {
        match seek {
            Seek::After(id) => {
                if self.rows.last().map(|r| &r.id) != Some(id) {
                    return;
                }
                self.rows.extend(rows);
            }
            Seek::Before(id) => {
                if self.rows.first().map(|r| &r.id) != Some(id) {
                    return;
                }
                // Rows deleted in the reader may have left the index a little off.
                self.first = self.first.saturating_sub(rows.len());
                self.rows.splice(0..0, rows);
            }
            Seek::Last => {
                self.first = self.total.saturating_sub(rows.len());
                self.rows = rows;
            }
            Seek::At(_) => {
                self.first = from;
                self.rows = rows;
            }
        }
        self.trim();
    }

    /// Keeps the window to [`WINDOW`] rows around the selection.
    fn trim(&mut self) {
        if self.rows.len() <= WINDOW {
            return;
        }
        let at = self
            .selected
            .saturating_sub(self.first)
            .min(self.rows.len());
        let drop_front = at.saturating_sub(WINDOW / 2);
        self.rows.drain(..drop_front);
        self.first += drop_front;
        self.rows.truncate(WINDOW);
    }
}
