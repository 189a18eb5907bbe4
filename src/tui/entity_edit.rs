//! Correcting how names resolve into entities, from the reader: `:` on an entity (the page's,
//! a ranking's row, the sidebar's) opens an edit line taking what `byline entity` takes:
//! `rename NEW`, `kind person|org|place|group|misc`, `hide`, `split`, `merge OTHER`. The writer
//! keeps the edit and resolves the store's entities again; the views are read anew after it.

use super::app::{App, Effect, Mode, Scope};
use super::entity_view::{EntityRef, View};
use super::load::{Request, Write};
use crate::store::Edit;

/// What the status line says while the edit line is open.
pub const EDIT_HELP: &str =
    "rename NEW, kind person|org|place|group|misc, hide, split or merge OTHER; Enter makes it";

impl App {
    /// The entity an edit or a watch is about: the page's, a ranking's row, the sidebar's.
    pub(super) fn entity_in_view(&self) -> Option<String> {
        match self.views.last() {
            Some(View::Rankings(r)) => r.rows.get(r.selected).map(|e| e.name.clone()),
            Some(View::Page(p)) => p.page.as_ref().map(|page| page.name.clone()),
            None => self.selected_entity().map(|e| e.name.clone()),
        }
    }

    /// Opens the edit line for the selected entity.
    pub(super) fn start_entity_edit(&mut self) {
        let Some(name) = self.entity_in_view() else {
            self.status = "no entity selected: choose one in the sidebar (Tab)".into();
            return;
        };
        self.editing = Some(name);
        self.mode = Mode::Search(Scope::Entity);
        self.search.query.clear();
        self.search.history_at = None;
        self.status = EDIT_HELP.into();
    }

    /// Enter in the edit line: the edit goes to the writer, or the status line says what is
    /// wrong with it.
    pub(super) fn submit_entity_edit(&mut self) {
        self.mode = Mode::Normal;
        let line = std::mem::take(&mut self.search.query);
        let Some(name) = self.editing.take() else {
            return;
        };
        match parse_edit(&name, &line) {
            Ok((edit, said, now)) => {
                self.status = format!("{said}: resolving the store's entities again…");
                self.effect(Effect::Write(Write::EntityEdit {
                    edit,
                    said,
                    name: now,
                }));
            }
            Err(why) => self.status = why,
        }
    }

    /// The writer made an edit: the views are read anew, the edited page by its new name.
    pub(super) fn entities_edited(&mut self, said: String, name: &str) {
        self.status = said;
        let top = self.views.len();
        for at in 0..top {
            let tag = self.tag();
            match &mut self.views[at] {
                View::Rankings(r) => {
                    r.wait = Some(tag);
                    let (board, kind) = (r.board, r.kind);
                    self.effect(Effect::Load(Request::Rankings { tag, board, kind }));
                }
                View::Page(p) => {
                    p.wait = Some(tag);
                    let by = match &p.page {
                        Some(page) if at + 1 < top => EntityRef::Name(page.name.clone()),
                        _ => EntityRef::Name(name.to_string()),
                    };
                    self.effect(Effect::Load(Request::EntityPage { tag, by }));
                }
            }
        }
    }
}

/// An edit line's words as an edit of `name`: the edit, what it does, the entity's name after.
pub fn parse_edit(name: &str, line: &str) -> Result<(Edit, String, String), String> {
    let line = line.trim();
    let (verb, rest) = line.split_once(' ').unwrap_or((line, ""));
    let rest = rest.trim().to_string();
    let name = name.to_string();
    let needs = |what: &str| Err(format!("{verb} needs {what}: {EDIT_HELP}"));
    Ok(match verb.to_ascii_lowercase().as_str() {
        "rename" if rest.is_empty() => return needs("the new name"),
        "rename" => (
            Edit::Rename {
                name: name.clone(),
                to: rest.clone(),
            },
            format!("{name} is shown as {rest}"),
            rest,
        ),
        "kind" => {
            let Some(kind) = crate::store::kind_from_user(&rest) else {
                return needs("person, org, place, group or misc");
            };
            let said = format!("{name} is of kind {}", rest.to_ascii_lowercase());
            let edit = Edit::Kind {
                name: name.clone(),
                kind: kind.into(),
            };
            (edit, said, name)
        }
        "hide" => (
            Edit::Hide { name: name.clone() },
            format!("{name} is left out of rankings"),
            name,
        ),
        "split" => (
            Edit::Split { name: name.clone() },
            format!("{name} is an entity of its own"),
            name,
        ),
        "merge" if rest.is_empty() => return needs("the other entity's name"),
        "merge" => (
            Edit::Merge {
                name: name.clone(),
                into: rest.clone(),
            },
            format!("{name} and {rest} are one entity"),
            rest,
        ),
        _ => return Err(format!("not an edit: {EDIT_HELP}")),
    })
}

#[cfg(test)]
#[path = "entity_edit_tests.rs"]
mod tests;
