//! Where each pane goes: computed once per terminal size and focus, and used alike by the
//! renderer, the mouse and the wrap width, so they can never disagree.

use ratatui::layout::{Constraint, Layout as Split, Rect};
use ratatui::widgets::Block;

use super::app::Focus;

/// The sidebar's width when all three panes show.
const SIDEBAR: u16 = 30;
/// The widest the text is set, for reading comfort.
pub const MAX_TEXT_WIDTH: u16 = 80;

/// The screen's rectangles for one terminal size and focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub area: Rect,
    pub list: Option<Rect>,
    pub reading: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
    /// The columns the article is wrapped to: the reading pane's inner width (at most
    /// [`MAX_TEXT_WIDTH`]), the same whether or not the pane shows at this focus.
    pub text_width: u16,
    /// The reading pane's inner height when it shows.
    pub text_height: u16,
}

impl Layout {
    /// All three panes from 100 columns, two from 60 (the sidebar folds away until it has
    /// the keyboard), else only the focused one.
    pub fn new(size: (u16, u16), focus: Focus) -> Layout {
        let area = Rect::new(0, 0, size.0, size.1);
        let [main, status] =
            Split::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        let (list, reading, sidebar) = panes(main, focus);
        // The pane the text is wrapped for is the one shown when reading has the keyboard.
        let text_pane = inner(panes(main, Focus::Reading).1.unwrap_or(main));
        Layout {
            area,
            list,
            reading,
            sidebar,
            status,
            text_width: text_pane.width.clamp(1, MAX_TEXT_WIDTH),
            text_height: text_pane.height.max(1),
        }
    }

    /// Where help is drawn: the screen above the status line.
    pub fn help_area(&self) -> Rect {
        Rect {
            height: self.status.y - self.area.y,
            ..self.area
        }
    }

    /// The pane under a screen position and its rectangle (borders included).
    pub fn pane_at(&self, x: u16, y: u16) -> Option<(Focus, Rect)> {
        let at = ratatui::layout::Position::new(x, y);
        [
            (Focus::List, self.list),
            (Focus::Reading, self.reading),
            (Focus::Sidebar, self.sidebar),
        ]
        .into_iter()
        .find_map(|(f, r)| r.filter(|r| r.contains(at)).map(|r| (f, r)))
    }
}

/// A pane's inside, its borders taken off (as [`super::ui::pane_block`] draws them).
pub fn inner(pane: Rect) -> Rect {
    Block::bordered().inner(pane)
}

fn panes(main: Rect, focus: Focus) -> (Option<Rect>, Option<Rect>, Option<Rect>) {
    if main.width >= 100 {
        let [list, reading, side] = Split::horizontal([
            Constraint::Percentage(30),
            Constraint::Fill(1),
            Constraint::Length(SIDEBAR),
        ])
        .areas(main);
        (Some(list), Some(reading), Some(side))
    } else if main.width >= 60 {
        let [left, reading] =
            Split::horizontal([Constraint::Percentage(35), Constraint::Fill(1)]).areas(main);
        match focus {
            Focus::Sidebar => (None, Some(reading), Some(left)),
            _ => (Some(left), Some(reading), None),
        }
    } else {
        match focus {
            Focus::List => (Some(main), None, None),
            Focus::Reading => (None, Some(main), None),
            Focus::Sidebar => (None, None, Some(main)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_width_is_the_reading_panes_inside_at_every_width_and_focus() {
        for w in 3..=400 {
            for focus in [Focus::List, Focus::Reading, Focus::Sidebar] {
                let layout = Layout::new((w, 30), focus);
                let shown = Layout::new((w, 30), Focus::Reading).reading.unwrap();
                assert_eq!(
                    layout.text_width,
                    inner(shown).width.clamp(1, MAX_TEXT_WIDTH),
                    "{w} columns"
                );
                if let Some(r) = layout.reading {
                    assert_eq!(r, shown, "the pane does not move with the focus at {w}");
                }
            }
        }
    }

    #[test]
    fn panes_fold_as_the_terminal_narrows() {
        let wide = Layout::new((120, 30), Focus::List);
        assert!(wide.list.is_some() && wide.reading.is_some() && wide.sidebar.is_some());
        let mid = Layout::new((80, 30), Focus::List);
        assert!(mid.sidebar.is_none() && mid.list.is_some());
        assert!(Layout::new((80, 30), Focus::Sidebar).list.is_none());
        let narrow = Layout::new((50, 30), Focus::Sidebar);
        assert!(narrow.sidebar.is_some() && narrow.reading.is_none());
    }
}
