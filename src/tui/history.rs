//! Following an entity to the other articles that mention it, and going back: each jump saves
//! the list whole with where the reader was, and Back restores it.

use super::app::{App, Effect, Focus};
use super::list::{ListSource, ListState};
use super::load::{Request, Tag};
use super::reading::Then;
use crate::store::ArticleRow;

/// How many places Back can go through.
const PLACES: usize = 20;

/// Where the reader was, to go back to.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    list: ListState,
    focus: Focus,
    scroll: usize,
    entity: usize,
    query: String,
    regex: bool,
    /// The entity views that were open (an entity page an article was read from).
    views: Vec<super::entity_view::View>,
}

impl App {
    /// Saves where the reader is (the oldest place goes beyond [`PLACES`]).
    pub(super) fn push_place(&mut self) {
        let place = Place {
            list: self.list.kept(),
            focus: self.focus,
            scroll: self.reading.scroll,
            entity: self.sidebar.entity,
            query: self.search.query.clone(),
            regex: self.search.regex,
            views: self.views.clone(),
        };
        self.history.push(place);
        if self.history.len() > PLACES {
            self.history.remove(0);
        }
    }

    /// Asks the loader for the articles that mention the selected entity.
    pub(super) fn follow_entity(&mut self) {
        let Some(e) = self.selected_entity() else {
            return;
        };
        let (name, kind) = (e.name.clone(), e.kind.as_str().to_string());
        let tag = self.tag();
        self.waits.follow = Some(tag);
        self.status = format!("looking up the articles that mention {name}…");
        self.effect(Effect::Load(Request::Mentioning { tag, name, kind }));
    }

    /// Lists the articles that mention the entity and opens the first other one, the entity
    /// still selected.
    pub(super) fn mentioning_found(
        &mut self,
        tag: Tag,
        name: String,
        kind: String,
        rows: Vec<ArticleRow>,
    ) {
        if self.waits.follow != Some(tag) {
            return;
        }
        self.waits.follow = None;
        let current = self.list.selected_row().map(|r| r.id.clone());
        let Some(other) = rows.iter().position(|r| Some(&r.id) != current.as_ref()) else {
            self.status = format!("no other indexed article mentions {name}");
            return;
        };
        self.push_place();
        let source = ListSource::Mentioning {
            name: name.clone(),
            kind: kind.clone(),
        };
        self.list = ListState::of(source, rows, None);
        self.list.selected = other;
        self.focus_on(Focus::Sidebar);
        let n = self.list.total;
        let said = format!("{n} articles mention {name}; Backspace goes back");
        self.open_selected_then(Then::Select { name, kind });
        self.status = said;
        self.pin_status();
    }

    /// Returns to where the reader was before the last entity jump or store search.
    pub(super) fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            self.status = "nowhere to go back to".into();
            return;
        };
        // A store search's terms are highlighted in its hits only: the query comes back too.
        self.search.query = place.query;
        self.search.regex = place.regex;
        self.list = place.list;
        self.views = place.views;
        self.forget_deleted();
        self.focus_on(place.focus);
        self.status.clear();
        let then = Then::Restore {
            scroll: place.scroll,
            entity: place.entity,
        };
        self.open_selected_then(then);
        self.merge_new(self.list.rows.len());
    }
}
