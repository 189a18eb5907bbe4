//! The store-wide entity views, drawn over the panes: the rankings (trending, most mentioned
//! in a period, by kind) and an entity's page (its articles day by day, the entities seen with
//! it, its sources and newest articles). They stack: Enter on a ranking's row or a "seen with"
//! entity opens its page on top, Back or Esc takes the top one away. Opening one of the page's
//! articles goes to the reader with the entity's articles as the list; Back comes back here.

use std::sync::Arc;

use super::action::Action;
use super::app::{App, Effect, Focus, Mode};
use super::list::{ListSource, ListState};
use super::load::{MENTIONING, Request, Tag};
use super::reading::Then;
use crate::store::{EntityPage, RankedEntity};

/// What a rankings view ranks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Board {
    /// The last 2 days against the 14 before.
    #[default]
    Trending,
    /// The most mentioned of the last 7 days.
    Week,
    /// The most mentioned of the last 30 days.
    Month,
    /// The most mentioned in the whole store.
    All,
}

impl Board {
    /// The next board (Tab), or the one before.
    fn step(self, forward: bool) -> Board {
        const ALL: [Board; 4] = [Board::Trending, Board::Week, Board::Month, Board::All];
        let at = ALL.iter().position(|b| *b == self).unwrap_or(0);
        let n = ALL.len();
        ALL[if forward {
            (at + 1) % n
        } else {
            (at + n - 1) % n
        }]
    }

    /// What the view's title says.
    pub fn label(self) -> &'static str {
        match self {
            Board::Trending => "trending: the last 2 days against the 14 before",
            Board::Week => "most mentioned in the last 7 days",
            Board::Month => "most mentioned in the last 30 days",
            Board::All => "most mentioned in the whole store",
        }
    }
}

/// The kinds the rankings view goes through (S), `None` for all.
const KINDS: [Option<&str>; 5] = [None, Some("PERSON"), Some("ORG"), Some("LOC"), Some("NORP")];

/// How many entities a ranking lists.
pub const RANKED: usize = 100;

/// A rankings view.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Rankings {
    pub board: Board,
    pub kind: Option<&'static str>,
    pub rows: Vec<RankedEntity>,
    pub selected: usize,
    pub wait: Option<Tag>,
}

/// Which list of an entity page has the keyboard.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    #[default]
    Articles,
    SeenWith,
}

/// An entity page: asked for by name (from the sidebar) or by its id (from a list).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageView {
    /// What was asked for, for the title while it is read and for "not found".
    pub asked: String,
    pub page: Option<Arc<EntityPage>>,
    pub wait: Option<Tag>,
    /// Set when the store has no such entity (or could not be read).
    pub missing: Option<String>,
    pub part: Part,
    pub article: usize,
    pub seen: usize,
}

/// One view of the stack.
#[derive(Debug, Clone, PartialEq)]
pub enum View {
    Rankings(Rankings),
    Page(PageView),
}

/// Which entity a page is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityRef {
    Name(String),
    Id(i64),
}

/// At most this many views stack (the oldest goes).
const VIEWS: usize = 20;

impl App {
    /// Opens the rankings view on top (or brings the one open back to the top).
    pub(super) fn open_rankings(&mut self) {
        if let Some(at) = self
            .views
            .iter()
            .position(|v| matches!(v, View::Rankings(_)))
        {
            let view = self.views.remove(at);
            self.views.push(view);
            return;
        }
        self.push_view(View::Rankings(Rankings::default()));
        self.ask_rankings();
    }

    /// Opens the page of the selected entity: the sidebar's, a ranking's row or a page's
    /// "seen with" entity.
    pub(super) fn open_entity_page(&mut self) {
        let wanted = match self.views.last() {
            Some(View::Rankings(r)) => r
                .rows
                .get(r.selected)
                .map(|e| (EntityRef::Id(e.id), &e.name)),
            Some(View::Page(p)) => p.page.as_ref().and_then(|page| match p.part {
                Part::SeenWith => page
                    .seen_with
                    .get(p.seen)
                    .map(|s| (EntityRef::Id(s.id), &s.name)),
                Part::Articles => None,
            }),
            None => self
                .selected_entity()
                .map(|e| (EntityRef::Name(e.name.clone()), &e.name)),
        };
        let Some((by, name)) = wanted.map(|(by, name)| (by, name.clone())) else {
            if self.views.is_empty() {
                self.status = "no entity selected: choose one in the sidebar (Tab)".into();
            }
            return;
        };
        let tag = self.tag();
        self.push_view(View::Page(PageView {
            asked: name,
            wait: Some(tag),
            ..PageView::default()
        }));
        self.effect(Effect::Load(Request::EntityPage { tag, by }));
    }

    fn push_view(&mut self, view: View) {
        self.views.push(view);
        if self.views.len() > VIEWS {
            self.views.remove(0);
        }
    }

    fn ask_rankings(&mut self) {
        let tag = self.tag();
        let Some(View::Rankings(r)) = self.views.last_mut() else {
            return;
        };
        r.wait = Some(tag);
        let (board, kind) = (r.board, r.kind);
        self.effect(Effect::Load(Request::Rankings { tag, board, kind }));
    }

    /// The loader ranked the entities.
    pub(super) fn rankings_read(&mut self, tag: Tag, rows: Vec<RankedEntity>) {
        for view in &mut self.views {
            if let View::Rankings(r) = view
                && r.wait == Some(tag)
            {
                r.wait = None;
                r.selected = r.selected.min(rows.len().saturating_sub(1));
                r.rows = rows;
                return;
            }
        }
    }

    /// The loader read an entity's page (`Err`: there is none, and why).
    pub(super) fn page_read(&mut self, tag: Tag, page: Result<Arc<EntityPage>, String>) {
        for view in &mut self.views {
            if let View::Page(p) = view
                && p.wait == Some(tag)
            {
                p.wait = None;
                match page {
                    Ok(page) => p.page = Some(page),
                    Err(why) => p.missing = Some(why),
                }
                return;
            }
        }
    }

    /// The views' keys while one is shown; true when the action was theirs.
    pub(super) fn views_action(&mut self, action: &Action) -> bool {
        if self.views.is_empty() || matches!(self.mode, Mode::Search(_)) {
            return false;
        }
        match action {
            Action::Quit
            | Action::Resize(..)
            | Action::Loaded(_)
            | Action::Worker(_)
            | Action::Notice(_)
            | Action::Due(_)
            | Action::Help
            | Action::Refresh
            | Action::WatchEntity
            | Action::EditEntity => return false,
            Action::Back | Action::CancelSearch => {
                self.views.pop();
            }
            Action::Open | Action::EntityPage => self.choose_in_view(),
            Action::Rankings => self.open_rankings(),
            Action::FocusNext | Action::FocusPrev => {
                let forward = *action == Action::FocusNext;
                self.switch_in_view(forward);
            }
            Action::CycleSort => {
                if let Some(View::Rankings(r)) = self.views.last_mut() {
                    let at = KINDS.iter().position(|k| *k == r.kind).unwrap_or(0);
                    r.kind = KINDS[(at + 1) % KINDS.len()];
                    self.ask_rankings();
                }
            }
            Action::Down => self.move_in_view(1),
            Action::Up => self.move_in_view(-1),
            Action::PageDown => self.move_in_view(self.page_rows()),
            Action::PageUp => self.move_in_view(-self.page_rows()),
            Action::Top => self.move_in_view(isize::MIN / 2),
            Action::Bottom => self.move_in_view(isize::MAX / 2),
            _ => {}
        }
        true
    }

    fn page_rows(&self) -> isize {
        isize::try_from(self.layout.area.height / 2)
            .unwrap_or(1)
            .max(1)
    }

    fn switch_in_view(&mut self, forward: bool) {
        match self.views.last_mut() {
            Some(View::Rankings(r)) => {
                r.board = r.board.step(forward);
                r.selected = 0;
                self.ask_rankings();
            }
            Some(View::Page(p)) => {
                p.part = match p.part {
                    Part::Articles => Part::SeenWith,
                    Part::SeenWith => Part::Articles,
                };
            }
            None => {}
        }
    }

    fn move_in_view(&mut self, by: isize) {
        let moved = |at: &mut usize, len: usize| {
            let last = len.saturating_sub(1) as isize;
            *at = (*at as isize).saturating_add(by).clamp(0, last.max(0)) as usize;
        };
        match self.views.last_mut() {
            Some(View::Rankings(r)) => moved(&mut r.selected, r.rows.len()),
            Some(View::Page(p)) => {
                let Some(page) = &p.page else { return };
                match p.part {
                    Part::Articles => moved(&mut p.article, page.newest.len()),
                    Part::SeenWith => moved(&mut p.seen, page.seen_with.len()),
                }
            }
            None => {}
        }
    }

    /// Enter in a view: a ranking's entity or a "seen with" one opens its page; one of the
    /// page's articles opens in the reader.
    fn choose_in_view(&mut self) {
        let article = match self.views.last() {
            Some(View::Page(p)) if p.part == Part::Articles => {
                p.page.clone().map(|page| (page, p.article))
            }
            _ => None,
        };
        match article {
            Some((page, at)) => self.read_from_page(&page, at),
            None => self.open_entity_page(),
        }
    }

    /// The reader on the page's article `at`, with the entity's newest articles as the list;
    /// Back returns to the page.
    fn read_from_page(&mut self, page: &EntityPage, at: usize) {
        if page.newest.get(at).is_none() {
            return;
        }
        self.push_place();
        self.views.clear();
        let source = ListSource::Mentioning {
            name: page.name.clone(),
            kind: page.kind.clone(),
        };
        let rows = page.newest.iter().take(MENTIONING).cloned().collect();
        self.list = ListState::of(source, rows, None);
        self.list.selected = at;
        self.focus_on(Focus::Reading);
        let names = page.names.iter().map(|n| n.name.clone()).collect();
        self.open_selected_then(Then::SelectNamed { names });
        self.status = format!(
            "{} of the newest {} articles about {}; Backspace goes back to its page",
            at + 1,
            self.list.total,
            page.name
        );
        self.pin_status();
    }
}

#[cfg(test)]
#[path = "entity_view_tests.rs"]
mod tests;
