//! The entity sidebar's state: which entity is selected, the rows it draws (a heading per kind,
//! its entities, a blank line between kinds) and which of them are in view.

use super::app::App;
use crate::extract::Label;

/// The sidebar: the selected entity, an index into the open article's entities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sidebar {
    pub entity: usize,
}

/// One line of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarRow {
    /// The extractor read only the start of a long text: how much.
    Cut(usize),
    Blank,
    Heading(Label),
    Entity(usize),
}

/// The sidebar's lines for the open article.
pub fn sidebar_rows(app: &App) -> Vec<SidebarRow> {
    let Some(opened) = &app.reading.opened else {
        return Vec::new();
    };
    let mut rows: Vec<SidebarRow> = opened
        .entities_cut
        .map(SidebarRow::Cut)
        .into_iter()
        .collect();
    let mut last_kind = None;
    for (i, e) in opened.entities().iter().enumerate() {
        if last_kind != Some(e.kind) {
            if last_kind.is_some() {
                rows.push(SidebarRow::Blank);
            }
            rows.push(SidebarRow::Heading(e.kind));
            last_kind = Some(e.kind);
        }
        rows.push(SidebarRow::Entity(i));
    }
    rows
}

/// The first sidebar line shown in `height` lines: the selected entity stays in view.
pub fn sidebar_first(rows: &[SidebarRow], selected: usize, height: usize) -> usize {
    let at = rows
        .iter()
        .position(|r| *r == SidebarRow::Entity(selected))
        .unwrap_or(0);
    at.saturating_sub(height.saturating_sub(1))
}

impl App {
    /// Moves the sidebar's selection and shows the entity's first mention.
    pub(super) fn step_sidebar(&mut self, by: isize) {
        let n = self
            .reading
            .opened
            .as_ref()
            .map_or(0, |o| o.entities().len());
        let to = self.sidebar.entity.saturating_add_signed(by);
        self.select_index(to.min(n.saturating_sub(1)));
    }

    /// Selects the entity at `index` and shows its first mention.
    pub(super) fn select_index(&mut self, index: usize) {
        self.sidebar.entity = index;
        self.reading.mention = None;
        self.jump_mention(1);
    }

    /// Selects the entity with this name and kind in the open article.
    pub(super) fn select_entity(&mut self, name: &str, kind: &str) {
        let Some(o) = &self.reading.opened else {
            return;
        };
        let found = o
            .entities()
            .iter()
            .position(|e| e.name == name && e.kind.as_str() == kind);
        if let Some(i) = found {
            self.select_index(i);
        }
    }

    /// Selects the first entity called one of `names` (any case), showing its first mention.
    pub(super) fn select_named(&mut self, names: &[String]) {
        let Some(o) = &self.reading.opened else {
            return;
        };
        let found = o
            .entities()
            .iter()
            .position(|e| names.iter().any(|n| n.eq_ignore_ascii_case(&e.name)));
        if let Some(i) = found {
            self.select_index(i);
        }
    }
}
