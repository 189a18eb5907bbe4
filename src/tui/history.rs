//! Following an entity to the other articles that mention it, and going back.

use super::app::{App, Focus};
use crate::store::ArticleRow;

/// Which articles the list shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListSource {
    All,
    /// The articles the store's entity index says mention this entity.
    Mentioning {
        name: String,
        kind: String,
    },
    /// The hits of a search over the whole store.
    Search {
        query: String,
    },
}

/// Where the reader was, to go back to.
#[derive(Debug, Clone)]
pub struct Place {
    source: ListSource,
    rows: Vec<ArticleRow>,
    total: usize,
    selected: usize,
    scroll: usize,
    focus: Focus,
    entity: usize,
    snippets: std::collections::HashMap<String, (String, Vec<(usize, usize)>)>,
    query: String,
    regex: bool,
}

impl App {
    /// Lists the articles that mention the selected entity and opens the first other one with
    /// that entity still selected.
    pub(super) fn follow_entity(&mut self) {
        let Some(e) = self.selected_entity() else {
            return;
        };
        let (name, kind) = (e.name.clone(), e.kind.as_str().to_string());
        // `byline open` keeps its files in memory, where no background worker indexes them:
        // they are indexed here, the first time an entity is followed.
        if self.store.path() == std::path::Path::new(":memory:")
            && let Err(err) = crate::commands::index_store(&mut self.store)
        {
            self.status = format!("cannot index entities: {err}");
            return;
        }
        let rows = match self.store.articles_mentioning(&name, Some(&kind), 500) {
            Ok(rows) => rows,
            Err(err) => {
                self.status = format!("cannot look up {name}: {err}");
                return;
            }
        };
        let current = self.rows.get(self.selected).map(|r| r.id.clone());
        if rows.iter().all(|r| Some(&r.id) == current.as_ref()) {
            self.status = format!("no other indexed article mentions {name}");
            return;
        }
        self.history.push(self.place());
        self.selected = rows
            .iter()
            .position(|r| Some(&r.id) != current.as_ref())
            .unwrap_or(0);
        self.total = rows.len();
        self.rows = rows;
        self.source = ListSource::Mentioning {
            name: name.clone(),
            kind: kind.clone(),
        };
        self.focus_on(Focus::Sidebar);
        self.open_selected();
        self.select_entity(&name, &kind);
        self.status = format!(
            "{} articles mention {name}; Backspace goes back",
            self.total
        );
    }

    /// Returns to where the reader was before the last entity jump.
    pub(super) fn back(&mut self) {
        let Some(place) = self.history.pop() else {
            self.status = "nowhere to go back to".into();
            return;
        };
        // A store search's terms are highlighted in its hits only: the query comes back too.
        self.query = place.query;
        self.regex = place.regex;
        self.snippets = place.snippets;
        self.source = place.source;
        self.rows = place.rows;
        self.total = place.total;
        self.selected = place.selected;
        self.open_selected();
        self.scroll = place.scroll;
        self.focus_on(place.focus);
        self.entity = place.entity;
        self.mark_keyword_rows();
        self.status.clear();
    }

    pub(super) fn place(&self) -> Place {
        Place {
            source: self.source.clone(),
            rows: self.rows.clone(),
            total: self.total,
            selected: self.selected,
            scroll: self.scroll,
            focus: self.focus,
            entity: self.entity,
            snippets: self.snippets.clone(),
            query: self.query.clone(),
            regex: self.regex,
        }
    }

    /// Selects the entity with this name and kind in the open article, and shows its first
    /// mention.
    fn select_entity(&mut self, name: &str, kind: &str) {
        let Some(o) = &self.opened else { return };
        if let Some(i) = o
            .entities
            .entities
            .iter()
            .position(|e| e.name == name && e.kind.as_str() == kind)
        {
            self.entity = i;
            self.mention = None;
            self.jump_mention(1);
        }
    }
}
