//! Reading state that persists: read/unread, starred, user tags.

use rusqlite::params;

use super::{Store, StoreError};

/// A change to an article's reading state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StateChange {
    Read(bool),
    Starred(bool),
    Tag(String),
    Untag(String),
}

impl Store {
    /// Applies one change to the article with `id` (or a unique id prefix).
    pub fn change_state(&mut self, id: &str, change: &StateChange) -> Result<(), StoreError> {
        let id = self.resolve_id(id)?;
        let err = |e| StoreError::sqlite(&self.path, e);
        let sql = match change {
            StateChange::Read(_) => "UPDATE articles SET is_read = ?2 WHERE id = ?1",
            StateChange::Starred(_) => "UPDATE articles SET is_starred = ?2 WHERE id = ?1",
            StateChange::Tag(_) => {
                "INSERT OR IGNORE INTO user_tags(article, tag) SELECT rowid, ?2 FROM articles WHERE id = ?1"
            }
            StateChange::Untag(_) => {
                "DELETE FROM user_tags WHERE tag = ?2 AND article = (SELECT rowid FROM articles WHERE id = ?1)"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(err)?;
        match change {
            StateChange::Read(v) | StateChange::Starred(v) => stmt.execute(params![id, v]),
            StateChange::Tag(t) | StateChange::Untag(t) => stmt.execute(params![id, t.trim()]),
        }
        .map_err(err)?;
        match change {
            StateChange::Read(v) => self.queue_change(&id, "read", *v),
            StateChange::Starred(v) => self.queue_change(&id, "star", *v),
            _ => Ok(()),
        }
    }

    /// The user's tags on an article, sorted.
    pub fn user_tags(&self, id: &str) -> Result<Vec<String>, StoreError> {
        let err = |e| StoreError::sqlite(&self.path, e);
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT tag FROM user_tags WHERE article = (SELECT rowid FROM articles WHERE id = ?1) ORDER BY tag",
            )
            .map_err(err)?;
        stmt.query_map([id], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};
    use crate::store::ListFilter;

    #[test]
    fn read_star_and_tags_persist_across_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        let a = Article::new("A", Body::from_blocks([(BlockKind::Paragraph, "x")]));
        let b = Article::new("B", Body::from_blocks([(BlockKind::Paragraph, "y")]));
        {
            let mut store = Store::open(&path).unwrap();
            store.insert_batch(&[a.clone(), b.clone()]).unwrap();
            store.change_state(&a.id, &StateChange::Read(true)).unwrap();
            store
                .change_state(&b.id, &StateChange::Starred(true))
                .unwrap();
            store
                .change_state(&b.id, &StateChange::Tag("iran".into()))
                .unwrap();
            store
                .change_state(&b.id, &StateChange::Tag("later".into()))
                .unwrap();
            store
                .change_state(&b.id, &StateChange::Untag("later".into()))
                .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let unread = store
            .page(
                &ListFilter {
                    unread_only: true,
                    ..ListFilter::default()
                },
                0,
                10,
            )
            .unwrap();
        assert_eq!(
            unread.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(),
            ["B"]
        );
        let starred = store
            .page(
                &ListFilter {
                    starred_only: true,
                    ..ListFilter::default()
                },
                0,
                10,
            )
            .unwrap();
        assert_eq!(starred[0].title, "B");
        let tagged = store
            .page(
                &ListFilter {
                    tag: Some("iran".into()),
                    ..ListFilter::default()
                },
                0,
                10,
            )
            .unwrap();
        assert_eq!(tagged.len(), 1);
        assert_eq!(store.user_tags(&b.id).unwrap(), ["iran"]);
    }
}
