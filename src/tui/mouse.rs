//! The mouse: the wheel scrolls the pane under it, a click selects what is under it.

use super::app::{App, Focus};
use super::list::{lines_per_row, list_first};
use super::sidebar::{SidebarRow, sidebar_first, sidebar_rows};

impl App {
    /// A wheel turn over a pane: three lines (or one entity) in that pane, focus unchanged.
    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let Some((pane, _)) = self.layout.pane_at(x, y) else {
            return;
        };
        let focus = self.focus;
        // The pane under the pointer scrolls; the layout stays as it is.
        self.focus = pane;
        let by = if pane == Focus::Reading { 3 } else { 1 };
        self.step(if down { by } else { -by });
        self.focus = focus;
    }

    /// A left click: focuses the pane and selects the article or entity under the pointer.
    pub(super) fn click(&mut self, x: u16, y: u16) {
        let Some((pane, rect)) = self.layout.pane_at(x, y) else {
            return;
        };
        self.focus_on(pane);
        let inner_y = usize::from(y.saturating_sub(rect.y + 1));
        let height = usize::from(rect.height.saturating_sub(2).max(1));
        if y == rect.y || y + 1 >= rect.bottom() {
            return; // a border
        }
        match pane {
            Focus::List => {
                let per_row = lines_per_row(&self.list.source, height);
                let index = list_first(self.list.selected, height / per_row) + inner_y / per_row;
                if self.list.at(index).is_some() && index != self.list.selected {
                    self.list.selected = index;
                    self.open_selected();
                }
            }
            Focus::Sidebar => {
                let rows = sidebar_rows(self);
                let first = sidebar_first(&rows, self.sidebar.entity, height);
                if let Some(SidebarRow::Entity(i)) = rows.get(first + inner_y) {
                    self.select_index(*i);
                }
            }
            Focus::Reading => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::app::Focus;
    use crate::tui::testing::Harness;

    fn app() -> Harness {
        Harness::sample(120, 30)
    }

    #[test]
    fn click_in_the_list_opens_that_article() {
        let mut app = app();
        app.update(Action::Click(5, 3)); // third row of the list (border, row 1, row 2, row 3)
        assert_eq!(app.focus, Focus::List);
        assert_eq!(app.list.selected, 2);
        assert_eq!(app.text().article.id, app.list.rows[2].id);
    }

    #[test]
    fn click_on_an_entity_selects_it() {
        let mut app = app();
        app.update(Action::Click(100, 3)); // People heading on line 1, then entities
        assert_eq!(app.focus, Focus::Sidebar);
        assert_eq!(app.sidebar.entity, 1);
        assert!(app.status.contains("mention 1/"), "{}", app.status);
    }

    #[test]
    fn wheel_scrolls_the_pane_under_it_and_keeps_focus() {
        let mut app = app();
        app.update(Action::Wheel(60, 10, true));
        assert_eq!(app.reading.scroll, 3);
        assert_eq!(app.focus, Focus::List);
        app.update(Action::Wheel(5, 10, true));
        assert_eq!(app.list.selected, 1);
    }
}
