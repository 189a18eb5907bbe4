//! Search in the open article: the query's matches, the current one, the `[3/12]` counter.

use super::app::App;

impl App {
    /// Finds the query in the open article, shows the first match at or after the top line.
    pub(super) fn find(&mut self) {
        let Some(o) = &mut self.opened else { return };
        if o.folded.is_empty() && !self.query.is_empty() {
            o.folded = super::find::fold_case(&o.entities.text);
        }
        self.matches = super::find::find_in(&o.entities.text, &o.folded, &self.query);
        let top = o
            .lines
            .get(self.scroll)
            .map_or(0, |l| if l.start == usize::MAX { 0 } else { l.start });
        self.current_match = (!self.matches.is_empty())
            .then(|| self.matches.iter().position(|m| m.0 >= top).unwrap_or(0));
        self.show_match();
    }

    /// Moves to the next (`1`), previous (`-1`) or current (`0`) match, wrapping around.
    pub(super) fn step_match(&mut self, by: isize) {
        let n = self.matches.len();
        if n == 0 {
            if !self.query.is_empty() {
                self.status = format!("no match for {:?}", self.query);
            }
            return;
        }
        let at = self.current_match.unwrap_or(0) as isize;
        self.current_match = Some((at + by).rem_euclid(n as isize) as usize);
        self.show_match();
    }

    /// Scrolls to the current match and shows the `[3/12]` counter.
    fn show_match(&mut self) {
        let (Some(o), Some(k)) = (&self.opened, self.current_match) else {
            self.status = if self.query.is_empty() {
                String::new()
            } else {
                format!("no match for {:?}", self.query)
            };
            return;
        };
        let start = self.matches[k].0;
        let line = o
            .lines
            .iter()
            .position(|l| l.start != usize::MAX && l.end >= start && l.start <= start)
            .unwrap_or(0);
        if line < self.scroll || line >= self.scroll + usize::from(self.size.1.saturating_sub(4)) {
            self.scroll = line.saturating_sub(2);
        }
        self.status = format!("[{}/{}] {}", k + 1, self.matches.len(), self.query);
    }

    pub(super) fn clear_search(&mut self) {
        self.searching = false;
        self.query.clear();
        self.matches.clear();
        self.current_match = None;
        self.status.clear();
    }
}
