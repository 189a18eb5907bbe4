//! Watching entities from the reader: `w` on the sidebar's entity, a ranking's row or an entity
//! page watches it (or stops). The reader keeps every name of the watched entities, folded, to
//! highlight their mentions in every article; the store's own list comes back after each
//! change, and the feeds view counts their unread articles.

use super::app::{App, Effect};
use super::entity_view::View;
use super::find::fold_case;
use super::load::{Request, Write};

impl App {
    /// Watches the selected entity, or stops watching it.
    pub(super) fn toggle_watch(&mut self) {
        let (name, names) = match self.views.last() {
            Some(View::Rankings(r)) => match r.rows.get(r.selected) {
                Some(e) => (e.name.clone(), vec![e.name.clone()]),
                None => return,
            },
            Some(View::Page(p)) => match &p.page {
                Some(page) => (
                    page.name.clone(),
                    page.names.iter().map(|n| n.name.clone()).collect(),
                ),
                None => return,
            },
            None => match self.selected_entity() {
                Some(e) => (e.name.clone(), vec![e.name.clone()]),
                None => {
                    self.status = "no entity selected: choose one in the sidebar (Tab)".into();
                    return;
                }
            },
        };
        let on = !self.is_watching(&name);
        if on {
            self.watching.extend(names.iter().map(|n| fold_case(n)));
            self.watching.insert(fold_case(&name));
            self.status = format!("watching {name}: highlighted in every article (w again stops)");
        } else {
            for n in &names {
                self.watching.remove(&fold_case(n));
            }
            self.watching.remove(&fold_case(&name));
            self.status = format!("stopped watching {name}");
        }
        self.effect(Effect::Write(Write::Watch { name, on }));
    }

    /// Whether an entity is watched by this name.
    pub fn is_watching(&self, name: &str) -> bool {
        !self.watching.is_empty() && self.watching.contains(&fold_case(name))
    }

    /// The store's names of the watched entities (after a change, and at start).
    /// Every name of the watched entities, from the store (at start and after each change):
    /// the list's marks are asked again, since the rows that mention one may have changed (a
    /// mark asked for at `w` could be read before the writer made the change).
    pub(super) fn watched_names_read(&mut self, names: Vec<String>) {
        let rows = self.list.rows.clone();
        self.effect(Effect::Load(Request::Marks { rows }));
        self.watching = names.iter().map(|n| fold_case(n)).collect();
    }
}
