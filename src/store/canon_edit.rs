//! Resolution after one of the user's edits. An edit changes which entity rows make which
//! canonical entity, not the entity index: the entities whose rows are the same as before keep
//! their counts (a rename, a kind or a hiding only relabels one), and only those whose rows
//! changed are counted again, from their own rows' articles. Counting every entity again took
//! 5-6 s at 93,000 articles for a merge of two names.

use std::collections::{HashMap, HashSet};

use rusqlite::params;

use super::super::resolve::{Canonical, Edit, resolve};
use super::super::{Store, StoreError};
use super::{COPY_RESOLVED, DROP_RESOLVED, TextEvidence};

/// Past this many changed entities, counting them all again is the shorter way.
const MOST_CHANGED: usize = 2_000;

/// A canonical entity as the store has it: name, kind, shown.
type Label = (String, String, bool);
/// The stored resolution: each entity row's canonical entity, and each canonical entity's label.
type Stored = (HashMap<i64, i64>, HashMap<i64, Label>);

impl Store {
    /// Resolves the entity index again after an edit, counting only the canonical entities
    /// whose rows changed; the same result as [`Store::resolve_entities`] when the entity index
    /// is unchanged since the last resolution. Returns how many canonical entities there are.
    pub fn resolve_entities_after_edit(&mut self) -> Result<usize, StoreError> {
        let stored = self.stored_canonical()?;
        if stored.0.is_empty() {
            return self.resolve_entities();
        }
        let stats = self.entity_stats()?;
        let edits: Vec<Edit> = self.entity_edits()?.into_iter().map(|(_, e)| e).collect();
        let found = resolve(&stats, &TextEvidence::new(self)?, &edits);
        let (old, labels) = stored;
        let mut size: HashMap<i64, usize> = HashMap::new();
        for canon in old.values() {
            *size.entry(*canon).or_default() += 1;
        }
        let mut changed: Vec<&Canonical> = Vec::new();
        let mut gone: HashSet<i64> = HashSet::new();
        let mut relabelled: Vec<&Canonical> = Vec::new();
        for c in &found {
            let same = size.get(&c.id) == Some(&c.members.len())
                && c.members.iter().all(|m| old.get(m) == Some(&c.id));
            if !same {
                changed.push(c);
                gone.insert(c.id);
                gone.extend(c.members.iter().filter_map(|m| old.get(m)));
            } else if labels.get(&c.id) != Some(&(c.name.clone(), c.kind.clone(), c.shown)) {
                relabelled.push(c);
            }
        }
        if changed.len() > MOST_CHANGED {
            return self.resolve_entities();
        }
        self.stage_resolved(changed.iter().copied())?;
        let err = |e| self.err(e);
        // The changed entities' counts from their rows' articles alone (by the entity index's
        // key, and each article's day and source from the articles_meta index).
        self.conn
            .execute_batch(
                "CREATE TEMP TABLE r_gone(canon INTEGER PRIMARY KEY); \
                 CREATE TEMP TABLE r_dcs AS SELECT CASE WHEN a.published IS NULL THEN '' \
                   ELSE substr(a.sort_key, 1, 10) END AS day, \
                   coalesce(nullif(a.source, ''), '(no source)') AS source, m.canon AS canon, \
                   count(DISTINCT ae.article) AS articles, sum(ae.mentions) AS mentions \
                   FROM temp.r_canon m JOIN main.article_entities ae ON ae.entity = m.entity \
                   JOIN main.articles a INDEXED BY articles_meta ON a.rowid = ae.article \
                   GROUP BY 1, 2, 3; \
                 CREATE TEMP TABLE r_days AS SELECT day, canon, sum(articles) AS articles, \
                   sum(mentions) AS mentions FROM temp.r_dcs GROUP BY day, canon;",
            )
            .map_err(err)?;
        {
            let mut insert = self
                .conn
                .prepare("INSERT INTO temp.r_gone VALUES (?1)")
                .map_err(err)?;
            for canon in &gone {
                insert.execute([canon]).map_err(err)?;
            }
        }
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        let tx = self.write_transaction()?;
        tx.execute_batch(
            "DELETE FROM main.entity_canon WHERE canon IN (SELECT canon FROM temp.r_gone); \
             DELETE FROM main.canon_entities WHERE id IN (SELECT canon FROM temp.r_gone); \
             DELETE FROM main.entity_days WHERE canon IN (SELECT canon FROM temp.r_gone); \
             DELETE FROM main.entity_sources WHERE canon IN (SELECT canon FROM temp.r_gone);",
        )
        .map_err(err)?;
        tx.execute_batch(COPY_RESOLVED).map_err(err)?;
        {
            let mut relabel = tx
                .prepare(
                    "UPDATE main.canon_entities SET name = ?2, kind = ?3, shown = ?4 WHERE id = ?1",
                )
                .map_err(err)?;
            for c in relabelled {
                relabel
                    .execute(params![c.id, c.name, c.kind, c.shown])
                    .map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        self.conn
            .execute_batch(DROP_RESOLVED)
            .map_err(|e| self.err(e))?;
        Ok(found.len())
    }

    /// The stored resolution.
    fn stored_canonical(&self) -> Result<Stored, StoreError> {
        let err = |e| self.err(e);
        let mut rows = self
            .conn
            .prepare("SELECT entity, canon FROM entity_canon")
            .map_err(err)?;
        let old = rows
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(err)?;
        let mut rows = self
            .conn
            .prepare("SELECT id, name, kind, shown FROM canon_entities")
            .map_err(err)?;
        let labels = rows
            .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?, r.get(3)?))))
            .and_then(Iterator::collect)
            .map_err(err)?;
        Ok((old, labels))
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Day, store_with};
    use super::*;

    /// Every row of the four tables a resolution fills, as text, in order.
    fn tables(store: &Store) -> Vec<String> {
        let mut all = Vec::new();
        for sql in [
            "SELECT entity, canon FROM entity_canon ORDER BY 1",
            "SELECT id, name, kind, shown, articles, mentions FROM canon_entities ORDER BY 1",
            "SELECT day, canon, articles, mentions FROM entity_days ORDER BY 1, 2",
            "SELECT canon, source, articles FROM entity_sources ORDER BY 1, 2",
        ] {
            let mut stmt = store.conn.prepare(sql).unwrap();
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| format!("{:?}", r.get_ref(i).unwrap()))
                        .collect();
                    Ok(cells.join(" "))
                })
                .unwrap();
            all.extend(rows.map(Result::unwrap));
        }
        all
    }

    // See: #14
    #[test]
    fn an_edit_counted_in_part_gives_what_counting_everything_gives() {
        let bush: &[(&str, &str)] = &[("Bush", "PERSON"), ("EC", "ORG")];
        let george: &[(&str, &str)] = &[("George Bush", "PERSON"), ("Oscar", "PERSON")];
        let oscar: &[(&str, &str)] = &[("Oscar", "PERSON"), ("EC", "ORG")];
        let days: Vec<Day<'_>> = vec![
            (1, bush, "Bush spoke to the EC."),
            (1, george, "George Bush won an Oscar."),
            (2, bush, "Bush spoke again."),
            (3, george, "George Bush spoke."),
            (4, oscar, "Oscar and the EC."),
            (9, oscar, "Oscar and the EC again."),
        ];
        let mut store = store_with(&days);
        store.resolve_entities().unwrap();
        let edits = [
            Edit::Merge {
                name: "Oscar".into(),
                into: "EC".into(),
            },
            Edit::Split {
                name: "Bush".into(),
            },
            Edit::Rename {
                name: "EC".into(),
                to: "European Community".into(),
            },
            Edit::Kind {
                name: "Bush".into(),
                kind: "ORG".into(),
            },
            Edit::Hide {
                name: "George Bush".into(),
            },
        ];
        let mut before = tables(&store);
        for edit in &edits {
            store.add_entity_edit(edit).unwrap();
            store.resolve_entities_after_edit().unwrap();
            let in_part = tables(&store);
            assert_ne!(in_part, before, "{edit:?} changed nothing");
            store.resolve_entities().unwrap();
            assert_eq!(in_part, tables(&store), "after {edit:?}");
            before = in_part;
        }
        // A resolution that failed half-way on this connection (the writer's lock not had in
        // time) left its temporary tables: the next one starts anew.
        store
            .conn
            .execute_batch("CREATE TEMP TABLE r_gone(x); CREATE TEMP TABLE r_canon(x);")
            .unwrap();
        // Forgetting the merge parts Oscar and the EC again.
        let merge = store.entity_edits().unwrap()[0].0;
        store.forget_entity_edit(merge).unwrap();
        store.resolve_entities_after_edit().unwrap();
        let in_part = tables(&store);
        store.resolve_entities().unwrap();
        assert_eq!(in_part, tables(&store));
    }
}
