//! What the reader makes of the loader's answers: each part of the state takes in its own, and
//! drops an answer it is not waiting for.

use super::app::App;
use super::load::Tag;

impl App {
    /// Takes in what the loader found, by kind; each part drops an answer it is not waiting for.
    pub(super) fn take_in(&mut self, answer: super::load::Answer) {
        use super::load::Answer;
        match answer {
            Answer::Text { tag, text, lines } => self.text_read(tag, text, lines),
            Answer::Entities {
                tag,
                entities,
                cut_at,
            } => self.entities_found(tag, entities, cut_at),
            Answer::Wrapped { tag, lines } => self.rewrapped(tag, lines),
            Answer::Rows {
                tag,
                from,
                seek,
                rows,
                total,
                snippets,
            } => self.rows_read(tag, (from, seek), (rows, total), snippets),
            Answer::Hits {
                tag,
                query,
                mut hits,
                total,
                pending,
            } => {
                hits.retain(|h| !self.daily.deleting.contains(&h.row.id));
                self.hits_found(tag, &query, hits, (total, pending));
            }
            Answer::Mentioning {
                tag,
                name,
                kind,
                rows,
            } => {
                let rows = self.without_deleted(rows);
                self.mentioning_found(tag, name, kind, rows);
            }
            Answer::Marked {
                ids,
                entities,
                asked,
            } => {
                for id in &asked {
                    self.marked.remove(id);
                    self.mention_watched.remove(id);
                }
                self.marked.extend(ids);
                self.mention_watched.extend(entities);
            }
            Answer::Feeds { tag, entries } => self.feeds_read(tag, entries),
            Answer::Rankings { tag, rows } => self.rankings_read(tag, rows),
            Answer::EntityPage { tag, page } => self.page_read(tag, page),
            Answer::WatchedNames { names } => self.watched_names_read(names),
            Answer::After(event) => self.background(event),
            Answer::Failed { tag, error } => self.failed(tag, error),
        }
    }

    /// A request failed: its wait ends and the status line says why (a stale one is dropped).
    pub(super) fn failed(&mut self, tag: Option<Tag>, error: String) {
        let w = &mut self.waits;
        let slots = [
            &mut w.article,
            &mut w.wrap,
            &mut w.rows,
            &mut w.search,
            &mut w.follow,
        ];
        let mut waited = tag.is_none();
        for slot in slots {
            if tag.is_some() && *slot == tag {
                *slot = None;
                waited = true;
            }
        }
        if tag.is_some() && self.feeds.wait == tag {
            self.feeds.wait = None;
            waited = true;
        }
        for view in &mut self.views {
            match view {
                super::entity_view::View::Rankings(r) if tag.is_some() && r.wait == tag => {
                    r.wait = None;
                    waited = true;
                }
                super::entity_view::View::Page(p) if tag.is_some() && p.wait == tag => {
                    p.wait = None;
                    p.missing = Some(error.clone());
                    waited = true;
                }
                _ => {}
            }
        }
        let w = &mut self.waits;
        if tag.is_some() && w.merge.map(|m| m.0) == tag {
            w.merge = None;
            waited = true;
        }
        if waited {
            self.status = error;
        }
    }
}
