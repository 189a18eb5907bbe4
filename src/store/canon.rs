//! Canonical entities in the store: the entity index's rows resolved to one entity per real
//! name ([`super::resolve`]), kept with their exact counts, and the rankings asked of them:
//! the most mentioned in a period and the trending ones.
//!
//! Resolution reads the whole entity index and rewrites the two tables it fills; indexing runs
//! it (`byline index`, the reader's background catch-up), reading them never writes.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use std::cell::RefCell;

use super::resolve::{Canonical, Edit, EntityStat, Evidence, resolve};
use super::{Store, StoreError};

#[path = "canon_edit.rs"]
mod edit;

/// The temporary tables a resolution is worked out in, before the copy into the store's
/// (after [`DROP_RESOLVED`]: a resolution that failed half-way left them).
const STAGE_RESOLVED: &str = "CREATE TEMP TABLE r_canon(entity INTEGER PRIMARY KEY, canon INTEGER NOT NULL); \
     CREATE TEMP TABLE r_found(id INTEGER PRIMARY KEY, name TEXT, kind TEXT, shown INTEGER);";
/// The copy of the worked-out entities (`r_found`), their rows (`r_canon`), their counts by day
/// and source (`r_dcs`) and by day (`r_days`) into the store's tables.
const COPY_RESOLVED: &str = "INSERT INTO main.entity_sources(canon, source, articles) \
       SELECT canon, source, sum(articles) FROM temp.r_dcs GROUP BY canon, source; \
     INSERT OR REPLACE INTO main.entity_canon SELECT entity, canon FROM temp.r_canon; \
     INSERT INTO main.entity_days(day, canon, articles, mentions) \
       SELECT day, canon, articles, mentions FROM temp.r_days ORDER BY day, canon; \
     INSERT INTO main.canon_entities(id, name, kind, shown, articles, mentions) \
       SELECT f.id, f.name, f.kind, f.shown, coalesce(t.n, 0), coalesce(t.m, 0) \
       FROM temp.r_found f LEFT JOIN (SELECT canon, sum(articles) AS n, \
       sum(mentions) AS m FROM temp.r_days GROUP BY canon) t ON t.canon = f.id;";
/// Every temporary table of a resolution, the one after an edit included.
const DROP_RESOLVED: &str = "DROP TABLE IF EXISTS temp.r_canon; DROP TABLE IF EXISTS temp.r_found; \
     DROP TABLE IF EXISTS temp.r_day; DROP TABLE IF EXISTS temp.r_dcs; \
     DROP TABLE IF EXISTS temp.r_days; DROP TABLE IF EXISTS temp.r_gone;";

/// One canonical entity in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RankedEntity {
    pub id: i64,
    pub name: String,
    /// `PERSON`, `ORG`, `LOC`, `NORP`, `MISC`.
    pub kind: String,
    /// Articles that mention it in the period.
    pub articles: u64,
    pub mentions: u64,
    /// For trending: articles in the baseline before the period, and how far the period's
    /// count stands out from it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<f64>,
}

/// What a ranking lists.
#[derive(Debug, Clone, Default)]
pub struct Ranking<'a> {
    /// Only articles from this time on (RFC 3339), all when `None`.
    pub since: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub limit: usize,
}

/// Trending: the `recent` period against the `baseline` before it, both ending at `end`.
#[derive(Debug, Clone)]
pub struct Trend<'a> {
    /// Where the recent period starts and the baseline starts (RFC 3339).
    pub recent: &'a str,
    pub baseline: &'a str,
    /// How many times longer the baseline is than the recent period.
    pub ratio: f64,
    pub kind: Option<&'a str>,
    pub limit: usize,
}

/// An entity trends only with at least this many articles in the recent period...
pub const MIN_TRENDING: u64 = 3;
/// ... standing out by at least this much (about two standard deviations).
const MIN_SCORE: f64 = 2.0;

impl Store {
    /// Resolves every entity row to its canonical entity and stores the result with exact
    /// counts, in one transaction; returns how many canonical entities there are.
    pub fn resolve_entities(&mut self) -> Result<usize, StoreError> {
        let stats = self.entity_stats()?;
        let edits: Vec<Edit> = self.entity_edits()?.into_iter().map(|(_, e)| e).collect();
        let found = resolve(&stats, &TextEvidence::new(self)?, &edits);
        // Everything is worked out in temporary tables first, with no lock on the store: only
        // the copy into its tables holds the writer's lock (counting under it held the lock
        // 6.6 s at 93,000 articles; other processes wait 10 s at most).
        self.stage_resolved(&found)?;
        let path = self.path.clone();
        let err = |e| StoreError::sqlite(&path, e);
        // Each article's day from the articles_meta index alone (its rows hold the bodies); an
        // article has one day, so the days' distinct counts add up to the entity's. An undated
        // article's day is '', before every period: its time is when it was stored, and the
        // last days of a store with undated articles were all theirs.
        self.conn
            .execute_batch(
                "CREATE TEMP TABLE r_day(article INTEGER PRIMARY KEY, day TEXT NOT NULL, \
                   source TEXT NOT NULL); \
                 INSERT INTO temp.r_day SELECT rowid, CASE WHEN published IS NULL THEN '' \
                   ELSE substr(sort_key, 1, 10) END, coalesce(nullif(source, ''), '(no source)') \
                   FROM main.articles INDEXED BY articles_meta; \
                 CREATE TEMP TABLE r_dcs AS SELECT d.day AS day, d.source AS source, \
                   m.canon AS canon, count(DISTINCT ae.article) AS articles, \
                   sum(ae.mentions) AS mentions \
                   FROM main.article_entities ae JOIN temp.r_canon m ON m.entity = ae.entity \
                   JOIN temp.r_day d ON d.article = ae.article GROUP BY d.day, d.source, m.canon; \
                 CREATE TEMP TABLE r_days AS SELECT day, canon, sum(articles) AS articles, \
                   sum(mentions) AS mentions FROM temp.r_dcs GROUP BY day, canon;",
            )
            .map_err(err)?;
        let tx = self.write_transaction()?;
        tx.execute_batch(
            "DELETE FROM main.entity_canon; DELETE FROM main.canon_entities; \
             DELETE FROM main.entity_days; DELETE FROM main.entity_sources;",
        )
        .map_err(err)?;
        tx.execute_batch(COPY_RESOLVED).map_err(err)?;
        tx.commit().map_err(err)?;
        self.conn.execute_batch(DROP_RESOLVED).map_err(err)?;
        Ok(found.len())
    }

    /// Puts the canonical entities and their rows (`temp.r_found`, `temp.r_canon`) in the
    /// temporary tables the resolution fills.
    fn stage_resolved<'f>(
        &self,
        found: impl IntoIterator<Item = &'f Canonical>,
    ) -> Result<(), StoreError> {
        let err = |e| self.err(e);
        self.conn.execute_batch(DROP_RESOLVED).map_err(err)?;
        self.conn.execute_batch(STAGE_RESOLVED).map_err(err)?;
        let mut canon = self
            .conn
            .prepare("INSERT INTO temp.r_found VALUES (?1, ?2, ?3, ?4)")
            .map_err(err)?;
        let mut member = self
            .conn
            .prepare("INSERT INTO temp.r_canon VALUES (?1, ?2)")
            .map_err(err)?;
        for c in found {
            canon
                .execute(params![c.id, c.name, c.kind, c.shown])
                .map_err(err)?;
            for m in &c.members {
                member.execute(params![m, c.id]).map_err(err)?;
            }
        }
        Ok(())
    }

    /// Keeps a change to the canonical entities (it takes effect at the next resolution);
    /// returns its number.
    pub fn add_entity_edit(&mut self, edit: &Edit) -> Result<i64, StoreError> {
        let json = serde_json::to_string(edit).unwrap_or_default();
        self.conn
            .execute("INSERT INTO entity_edits(edit) VALUES (?1)", [json])
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// The user's changes to the canonical entities, by number, in the order made.
    pub fn entity_edits(&self) -> Result<Vec<(i64, Edit)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, edit FROM entity_edits ORDER BY seq")
            .map_err(|e| self.err(e))?;
        let rows: Vec<(i64, String)> = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        // An edit this build cannot read (a later one's) is left alone.
        Ok(rows
            .into_iter()
            .filter_map(|(seq, json)| Some((seq, serde_json::from_str(&json).ok()?)))
            .collect())
    }

    /// Forgets change number `seq`; false when there is none.
    pub fn forget_entity_edit(&mut self, seq: i64) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM entity_edits WHERE seq = ?1", [seq])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Every entity row with its articles and mentions over the store.
    fn entity_stats(&self) -> Result<Vec<EntityStat>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT e.id, e.name, e.kind, count(*), sum(ae.mentions) FROM entities e \
                 JOIN article_entities ae ON ae.entity = e.id GROUP BY e.id",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(EntityStat {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                articles: r.get(3)?,
                mentions: r.get(4)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }

    /// The most mentioned canonical entities (by articles), debris left out. A period counts
    /// whole days, from the day it starts: reading the articles of a period instead took
    /// 380-480 ms for a week of 29,000 articles at 93,000.
    pub fn top_entities(&self, q: &Ranking<'_>) -> Result<Vec<RankedEntity>, StoreError> {
        let limit = i64::try_from(q.limit).unwrap_or(i64::MAX);
        let sql = match q.since {
            None => {
                "SELECT id, name, kind, articles, mentions FROM canon_entities \
                 WHERE shown AND (?1 IS NULL OR kind = ?1) AND ?2 IS NULL \
                 ORDER BY articles DESC, mentions DESC, name LIMIT ?3"
            }
            Some(_) => {
                "SELECT c.id, c.name, c.kind, sum(d.articles) AS n, sum(d.mentions) AS m \
                 FROM entity_days d JOIN canon_entities c ON c.id = d.canon \
                 WHERE d.day >= substr(?2, 1, 10) AND c.shown AND (?1 IS NULL OR c.kind = ?1) \
                 GROUP BY d.canon ORDER BY n DESC, m DESC, c.name LIMIT ?3"
            }
        };
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_map(params![q.kind, q.since, limit], ranked)
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))
    }

    /// The entities that stand out in the recent period against the baseline before it: the
    /// recent articles' excess over the baseline's rate, in standard deviations of a Poisson
    /// count (plus one, so that a name new with a few articles does not beat a steady riser).
    pub fn trending_entities(&self, q: &Trend<'_>) -> Result<Vec<RankedEntity>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT c.id, c.name, c.kind, \
                   sum(CASE WHEN d.day >= substr(?1, 1, 10) THEN d.articles ELSE 0 END) AS r, \
                   sum(CASE WHEN d.day >= substr(?1, 1, 10) THEN d.mentions ELSE 0 END), \
                   sum(CASE WHEN d.day < substr(?1, 1, 10) THEN d.articles ELSE 0 END) \
                 FROM entity_days d JOIN canon_entities c ON c.id = d.canon \
                 WHERE d.day >= substr(?2, 1, 10) AND c.shown AND (?3 IS NULL OR c.kind = ?3) \
                 GROUP BY d.canon HAVING r >= ?4",
            )
            .map_err(|e| self.err(e))?;
        let mut rows: Vec<RankedEntity> = stmt
            .query_map(params![q.recent, q.baseline, q.kind, MIN_TRENDING], |r| {
                Ok(RankedEntity {
                    before: Some(r.get(5)?),
                    ..ranked(r)?
                })
            })
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        for row in &mut rows {
            let expected = row.before.unwrap_or(0) as f64 / q.ratio.max(f64::MIN_POSITIVE);
            let score = (row.articles as f64 - expected) / (expected + 1.0).sqrt();
            row.score = Some((score * 100.0).round() / 100.0);
        }
        rows.retain(|r| r.score.is_some_and(|s| s >= MIN_SCORE));
        rows.sort_by(|a, b| {
            let (sa, sb) = (a.score.unwrap_or(0.0), b.score.unwrap_or(0.0));
            sb.total_cmp(&sa)
                .then(b.articles.cmp(&a.articles))
                .then(a.name.cmp(&b.name))
        });
        rows.truncate(q.limit);
        Ok(rows)
    }

    /// Whether canonical entities exist for the entity index (false before the first
    /// resolution of a store with entities).
    pub fn entities_resolved(&self) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM canon_entities) \
                 OR NOT EXISTS (SELECT 1 FROM article_entities)",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The noon of the newest dated article's day (RFC 3339) as the entities were last
    /// resolved, where periods end.
    pub fn newest_time(&self) -> Result<Option<String>, StoreError> {
        let day: Option<String> = self
            .conn
            .query_row("SELECT max(day) FROM entity_days WHERE day > ''", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        Ok(day.map(|d| format!("{d}T12:00:00Z")))
    }
}

/// A ranking's row: id, name, kind, articles, mentions.
fn ranked(r: &rusqlite::Row<'_>) -> rusqlite::Result<RankedEntity> {
    Ok(RankedEntity {
        id: r.get(0)?,
        name: r.get(1)?,
        kind: r.get(2)?,
        articles: r.get(3)?,
        mentions: r.get(4)?,
        before: None,
        score: None,
    })
}

/// Articles that are sampled for how they write a word.
const SAMPLE: i64 = 100;

/// What the full-text index and the articles' text say of a word.
struct TextEvidence<'c> {
    holding: RefCell<rusqlite::Statement<'c>>,
    sample: RefCell<rusqlite::Statement<'c>>,
}

impl<'c> TextEvidence<'c> {
    fn new(store: &'c Store) -> Result<TextEvidence<'c>, StoreError> {
        let prepare = |sql| store.conn.prepare(sql).map_err(|e| store.err(e));
        Ok(TextEvidence {
            holding: RefCell::new(prepare("SELECT doc FROM articles_vocab WHERE term = ?1")?),
            sample: RefCell::new(prepare(
                "SELECT a.title, a.body FROM articles_fts f JOIN articles a ON a.rowid = f.rowid \
                 WHERE articles_fts MATCH ?1 LIMIT ?2",
            )?),
        })
    }
}

impl Evidence for TextEvidence<'_> {
    fn holding(&self, word: &str) -> Option<u64> {
        let mut stmt = self.holding.borrow_mut();
        stmt.query_row([word], |r| r.get(0))
            .optional()
            .ok()
            .flatten()
    }

    fn lower_share(&self, word: &str) -> Option<f64> {
        let mut stmt = self.sample.borrow_mut();
        let phrase = format!("\"{}\"", word.replace('"', "\"\""));
        let texts: Vec<(String, String)> = stmt
            .query_map(params![phrase, SAMPLE], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(Iterator::collect)
            .ok()?;
        if texts.is_empty() {
            return None;
        }
        let lower = texts
            .iter()
            .filter(|(title, body)| has_word(title, word) || has_word(body, word))
            .count();
        Some(lower as f64 / texts.len() as f64)
    }
}

/// Whether `text` holds `word` exactly (lower case), as a word of its own.
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, BlockKind, Body};
    use crate::store::{Edit, EntityCount, rfc3339};

    /// A store of `days` articles a day back from 2030-01-31, each naming `entities`, with a
    /// sentence of text.
    /// Days back, the (name, kind) entities, and the text of one article.
    pub(super) type Day<'a> = (i64, &'a [(&'a str, &'a str)], &'a str);

    pub(super) fn store_with(days: &[Day<'_>]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let end = chrono::DateTime::parse_from_rfc3339("2030-01-31T12:00:00Z").unwrap();
        let mut n = 0;
        for (back, entities, text) in days {
            n += 1;
            let mut a = Article::new(
                format!("Story {n}"),
                Body::from_blocks([(BlockKind::Paragraph, *text)]),
            );
            a.published = Some(rfc3339(end.timestamp() - back * 86_400));
            store.insert_batch(std::slice::from_ref(&a)).unwrap();
            let counts: Vec<EntityCount> = entities
                .iter()
                .map(|(name, kind)| EntityCount {
                    name: name.to_string(),
                    kind: kind.to_string(),
                    mentions: 2,
                })
                .collect();
            store.set_entities(&a.id, &counts, 1).unwrap();
        }
        store.index_text().unwrap();
        store
    }

    fn names(rows: &[RankedEntity]) -> Vec<(&str, u64)> {
        rows.iter().map(|r| (r.name.as_str(), r.articles)).collect()
    }

    #[test]
    fn rankings_count_each_canonical_entity_once_per_article() {
        let reagan: &[(&str, &str)] = &[("Reagan", "PERSON"), ("IBM", "ORG")];
        let full: &[(&str, &str)] = &[("Ronald Reagan", "PERSON")];
        let ibm: &[(&str, &str)] = &[("International Business Machines Corp", "ORG")];
        let note: &[(&str, &str)] = &[("NOTE", "ORG")];
        let mut days = vec![
            (1, reagan, "Reagan met IBM."),
            (2, reagan, "Reagan met IBM again."),
            (3, full, "Ronald Reagan spoke."),
            (20, ibm, "International Business Machines Corp grew."),
        ];
        // NOTE heads many tables; "note" is in many more sentences.
        for back in 0..12 {
            days.push((back, note, "NOTE: figures in dollars."));
            days.push((back, &[], "Traders took note of the figures."));
        }
        let mut store = store_with(&days);
        assert!(!store.entities_resolved().unwrap());
        store.resolve_entities().unwrap();
        assert!(store.entities_resolved().unwrap());
        let all = Ranking {
            limit: 10,
            ..Ranking::default()
        };
        let top = store.top_entities(&all).unwrap();
        assert_eq!(names(&top), [("IBM", 3), ("Ronald Reagan", 3)]);
        assert_eq!(top[1].mentions, 6);
        let people = Ranking {
            kind: Some("PERSON"),
            since: Some("2030-01-29T00:00:00Z"),
            limit: 10,
        };
        assert_eq!(
            names(&store.top_entities(&people).unwrap()),
            [("Ronald Reagan", 2)]
        );
        // Following Ronald Reagan finds the articles that say only Reagan.
        let mentioning = store
            .articles_mentioning("Ronald Reagan", Some("PERSON"), 10)
            .unwrap();
        assert_eq!(mentioning.len(), 3);
        // The same ids after resolving again.
        store.resolve_entities().unwrap();
        assert_eq!(store.top_entities(&all).unwrap(), top);
    }

    #[test]
    fn the_users_edits_outlive_a_re_index_and_can_be_forgotten() {
        let bush: &[(&str, &str)] = &[("Bush", "PERSON")];
        let george: &[(&str, &str)] = &[("George Bush", "PERSON")];
        let oscar: &[(&str, &str)] = &[("Oscar", "PERSON"), ("EC", "ORG")];
        let days = [
            (1, bush, "Bush spoke."),
            (2, bush, "Bush spoke again."),
            (3, george, "George Bush spoke."),
            (4, oscar, "Oscar and the EC."),
        ];
        let mut store = store_with(&days);
        store.resolve_entities().unwrap();
        let all = Ranking {
            limit: 10,
            ..Ranking::default()
        };
        let before = store.top_entities(&all).unwrap();
        assert_eq!(names(&before)[0], ("George Bush", 3));
        let edits = [
            Edit::Split {
                name: "bush".into(),
            },
            Edit::Hide {
                name: "Oscar".into(),
            },
            Edit::Rename {
                name: "EC".into(),
                to: "European Community".into(),
            },
            Edit::Kind {
                name: "European Community".into(),
                kind: "LOC".into(),
            },
        ];
        for e in &edits {
            store.add_entity_edit(e).unwrap();
        }
        // Re-indexed: every article's entities written anew, then resolved again.
        let ids: Vec<String> = store
            .page(&Default::default(), 0, 10)
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        for id in &ids {
            let again = store.entities_of(id).unwrap();
            store.set_entities(id, &again, 2).unwrap();
        }
        store.resolve_entities().unwrap();
        let after = store.top_entities(&all).unwrap();
        let mut got: Vec<(&str, &str, u64)> = after
            .iter()
            .map(|r| (r.name.as_str(), r.kind.as_str(), r.articles))
            .collect();
        got.sort();
        // Renamed by its old name, then its kind set by the new one.
        let ec = ("European Community", "LOC", 1);
        assert_eq!(
            got,
            [("Bush", "PERSON", 2), ec, ("George Bush", "PERSON", 1)]
        );
        assert_eq!(store.entity_edits().unwrap().len(), 4);
        // Forgetting the split joins Bush again; a merge joins anything.
        let split = store.entity_edits().unwrap()[0].0;
        assert!(store.forget_entity_edit(split).unwrap());
        assert!(!store.forget_entity_edit(split).unwrap());
        let merge = Edit::Merge {
            name: "Oscar".into(),
            into: "George Bush".into(),
        };
        // The last edit forgotten, its number is not given again.
        let last = store.entity_edits().unwrap().last().unwrap().0;
        assert!(store.forget_entity_edit(last).unwrap());
        assert_eq!(store.add_entity_edit(&merge).unwrap(), last + 1);
        store.resolve_entities().unwrap();
        let page = store
            .entity_page(store.find_entity("Bush").unwrap().unwrap(), 10)
            .unwrap()
            .unwrap();
        let written: Vec<&str> = page.names.iter().map(|c| c.name.as_str()).collect();
        assert_eq!((page.name.as_str(), page.articles), ("George Bush", 4));
        assert_eq!(written, ["Bush", "George Bush", "Oscar"]);
    }

    #[test]
    fn an_entity_page_has_its_names_days_and_the_entities_seen_with_it_unusually_often() {
        let both: &[(&str, &str)] = &[
            ("Angela Merkel", "PERSON"),
            ("Emmanuel Macron", "PERSON"),
            ("United States", "LOC"),
        ];
        let alone: &[(&str, &str)] = &[("Merkel", "PERSON"), ("United States", "LOC")];
        let macron: &[(&str, &str)] = &[("Emmanuel Macron", "PERSON"), ("United States", "LOC")];
        let us: &[(&str, &str)] = &[("United States", "LOC")];
        let mut days = vec![
            (0, both, "Merkel met Macron."),
            (0, both, "Merkel met Macron."),
            (1, both, "Merkel met Macron."),
            (3, both, "Merkel met Macron."),
            (3, alone, "Merkel spoke."),
            (9, alone, "Merkel spoke."),
            (2, macron, "Macron spoke."),
        ];
        for back in 0..13 {
            days.push((back, us, "Washington spoke."));
        }
        let mut store = store_with(&days);
        store.resolve_entities().unwrap();
        let id = store.find_entity("merkel").unwrap().unwrap();
        let page = store.entity_page(id, 3).unwrap().unwrap();
        assert_eq!(
            (page.name.as_str(), page.articles, page.mentions),
            ("Angela Merkel", 6, 12)
        );
        let written: Vec<(&str, u64)> = page
            .names
            .iter()
            .map(|c| (c.name.as_str(), c.articles))
            .collect();
        assert_eq!(written, [("Angela Merkel", 4), ("Merkel", 2)]);
        let per_day: Vec<(&str, u64)> = page
            .days
            .iter()
            .map(|c| (c.name.as_str(), c.articles))
            .collect();
        assert_eq!(
            per_day,
            [
                ("2030-01-22", 1),
                ("2030-01-28", 2),
                ("2030-01-30", 1),
                ("2030-01-31", 2)
            ]
        );
        assert_eq!(page.first_seen.as_deref(), Some("2030-01-22"));
        assert_eq!(page.last_seen.as_deref(), Some("2030-01-31"));
        let sources: Vec<(&str, u64)> = page
            .sources
            .iter()
            .map(|c| (c.name.as_str(), c.articles))
            .collect();
        assert_eq!(sources, [("(no source)", 6)]);
        // Newest first: the two of the last day, then the one of the day before.
        let times: Vec<&str> = page
            .newest
            .iter()
            .map(|r| r.published.as_deref().unwrap_or_default())
            .collect();
        assert_eq!(
            times,
            [
                "2030-01-31T12:00:00Z",
                "2030-01-31T12:00:00Z",
                "2030-01-30T12:00:00Z"
            ]
        );
        // The United States is in every article: its newest are found down the time index.
        let us = store.find_entity("United States").unwrap().unwrap();
        let page = store.entity_page(us, 5).unwrap().unwrap();
        let days: Vec<&str> = page
            .newest
            .iter()
            .map(|r| &r.published.as_deref().unwrap_or_default()[..10])
            .collect();
        assert_eq!(
            days,
            [
                "2030-01-31",
                "2030-01-31",
                "2030-01-31",
                "2030-01-30",
                "2030-01-30"
            ]
        );
        // Both ways to the newest find the same rows.
        let ids = |rows: Vec<crate::store::ArticleRow>| -> Vec<String> {
            rows.into_iter().map(|r| r.id).collect()
        };
        let walked = ids(store.newest_of(us, 20, 0, 7).unwrap());
        let sorted = ids(store.newest_of(us, 20, u64::MAX, 7).unwrap());
        assert_eq!((walked.len(), &walked), (7, &sorted));
        let page = store.entity_page(id, 3).unwrap().unwrap();
        // Macron is with Merkel far more often than chance; the United States is in every
        // article, so no more with her than with anyone.
        let seen: Vec<(&str, u64)> = page
            .seen_with
            .iter()
            .map(|s| (s.name.as_str(), s.together))
            .collect();
        assert_eq!(seen, [("Emmanuel Macron", 4), ("United States", 6)]);
        assert!(
            page.seen_with[0].pmi > 0.9 && page.seen_with[1].pmi.abs() < 0.01,
            "{:?}",
            page.seen_with
        );
        assert_eq!(store.find_entity("Nobody").unwrap(), None);
    }

    #[test]
    fn trending_picks_the_entity_that_spikes_against_its_baseline() {
        let steady: &[(&str, &str)] = &[("Steady Corp", "ORG")];
        let spike: &[(&str, &str)] = &[("Spiking Party", "ORG")];
        let mut days = Vec::new();
        for back in 0..16 {
            days.push((back, steady, "Steady Corp said."));
        }
        for back in [0, 0, 1, 1, 1, 9] {
            days.push((back, spike, "Spiking Party rose."));
        }
        let mut store = store_with(&days);
        store.resolve_entities().unwrap();
        let trend = Trend {
            recent: "2030-01-29T12:00:00Z",
            baseline: "2030-01-15T12:00:00Z",
            ratio: 7.0,
            kind: None,
            limit: 10,
        };
        let rows = store.trending_entities(&trend).unwrap();
        assert_eq!(names(&rows), [("Spiking Party", 5)], "{rows:?}");
        assert_eq!(rows[0].before, Some(1));
    }
}
