//! One canonical entity's page: every name it is written as, its articles day by day, first
//! and last seen, top sources, the entities seen with it unusually often, its newest articles.

use rusqlite::{OptionalExtension, params};
use serde::Serialize;

use super::articles::{ROW_COLUMNS_A, row_from};
use super::{ArticleRow, Edit, Store, StoreError};

/// The articles of canonical entity ?1, as a common table expression.
const MINE: &str = "WITH mine(article) AS (SELECT DISTINCT ae.article FROM entity_canon ec \
     JOIN article_entities ae ON ae.entity = ec.entity WHERE ec.canon = ?1)";

/// The articles of canonical entity ?1 that "seen with" reads: the newest [`SEEN_IN`] stored.
const MINE_NEWEST: &str = "WITH mine(article) AS (SELECT DISTINCT ae.article FROM entity_canon ec \
     JOIN article_entities ae ON ae.entity = ec.entity WHERE ec.canon = ?1 \
     ORDER BY ae.article DESC LIMIT ?3)";
/// "Seen with" reads at most this many of an entity's articles: the United States is in 16,000
/// of 93,000, and reading them all took 240-570 ms (2,000: 50 ms; 1,000: 25 ms).
pub const SEEN_IN: u64 = 1000;

/// An entity in at least one in this many of the store's articles has its newest found going
/// down the time index (the United States at 93,000 articles: 14 ms against 48 ms sorting its
/// 16,000 articles' times; an entity of 200 articles: 130 ms against 1 ms).
const WALK_SHARE: u64 = 10;

/// Another entity is "seen with" one only in at least this many of the same articles, and in
/// at least one in [`SHARE_TOGETHER`] of its articles (or the few-article names, each a sure
/// PMI, would fill the list).
pub const MIN_TOGETHER: u64 = 3;
const SHARE_TOGETHER: u64 = 50;

/// What an entity page shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityPage {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub articles: u64,
    pub mentions: u64,
    /// Whether rankings list it.
    pub shown: bool,
    /// Every name the articles write for it, with the articles that do, most first.
    pub names: Vec<Counted>,
    /// The days (`YYYY-MM-DD`) of its first and last dated articles.
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// Articles per day (`YYYY-MM-DD`), days without any left out, oldest first.
    pub days: Vec<Counted>,
    /// The sources with most of its articles.
    pub sources: Vec<Counted>,
    /// The entities in its articles unusually often, the surest first.
    pub seen_with: Vec<SeenWith>,
    /// Its newest articles.
    pub newest: Vec<ArticleRow>,
}

/// What an entity page says of its articles' days and sources.
struct Facts {
    days: Vec<Counted>,
    sources: Vec<Counted>,
    first_seen: Option<String>,
    last_seen: Option<String>,
}

/// A name, day or source and how many articles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counted {
    pub name: String,
    pub articles: u64,
}

/// An entity in the same articles: in how many, and its pointwise mutual information (how many
/// times likelier together than chance, as a natural log).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeenWith {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub together: u64,
    pub pmi: f64,
}

/// What an edit of a name no entity has says.
fn unknown(name: &str) -> String {
    format!("no entity across the store is called {name:?}")
}

impl Store {
    /// The canonical entity called `name` (any case), or the one a name of its articles
    /// belongs to (`Reagan` finds Ronald Reagan); the most mentioned when several are.
    pub fn find_entity(&self, name: &str) -> Result<Option<i64>, StoreError> {
        let own = self
            .conn
            .query_row(
                "SELECT id FROM canon_entities WHERE name = ?1 COLLATE NOCASE \
                 ORDER BY shown DESC, articles DESC LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        if own.is_some() {
            return Ok(own);
        }
        self.conn
            .query_row(
                "SELECT c.id FROM entities e JOIN entity_canon ec ON ec.entity = e.id \
                 JOIN canon_entities c ON c.id = ec.canon WHERE e.name = ?1 COLLATE NOCASE \
                 ORDER BY c.shown DESC, c.articles DESC LIMIT 1",
                [name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Why an edit cannot be made, if it cannot: a name no entity has, or a rename to the
    /// name of another entity (that is a merge).
    pub fn edit_refused(&self, edit: &Edit) -> Result<Option<String>, StoreError> {
        let Some(own) = self.find_entity(edit.name())? else {
            return Ok(Some(unknown(edit.name())));
        };
        match edit {
            Edit::Merge { into, .. } if self.find_entity(into)?.is_none() => {
                Ok(Some(unknown(into)))
            }
            Edit::Rename { to, .. } => Ok(self
                .find_entity(to)?
                .filter(|&other| other != own)
                .map(|_| format!("another entity is called {to:?}: merge them instead"))),
            _ => Ok(None),
        }
    }

    /// The page of canonical entity `id`, with up to `limit` of its newest articles.
    pub fn entity_page(&self, id: i64, limit: usize) -> Result<Option<EntityPage>, StoreError> {
        let head = self
            .conn
            .query_row(
                "SELECT name, kind, articles, mentions, shown FROM canon_entities WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((name, kind, articles, mentions, shown)) = head else {
            return Ok(None);
        };
        let names = self.counted(
            "SELECT e.name, count(DISTINCT ae.article) AS n FROM entity_canon ec \
             JOIN entities e ON e.id = ec.entity JOIN article_entities ae ON ae.entity = e.id \
             WHERE ec.canon = ?1 GROUP BY e.name ORDER BY n DESC, e.name LIMIT 50",
            id,
        )?;
        let Facts {
            days,
            sources,
            first_seen,
            last_seen,
        } = self.facts(id)?;
        let total: u64 = self
            .conn
            .query_row("SELECT count(*) FROM articles WHERE indexed > 0", [], |r| {
                r.get(0)
            })
            .map_err(|e| self.err(e))?;
        let newest = self.newest_of(id, articles, total, limit)?;
        let seen_with = self.seen_with(id, articles, total)?;
        Ok(Some(EntityPage {
            id,
            name,
            kind,
            articles,
            mentions,
            shown,
            names,
            first_seen,
            last_seen,
            days,
            sources,
            seen_with,
            newest,
        }))
    }

    /// The entities in at least [`MIN_TOGETHER`] of entity `id`'s `articles` articles, by how
    /// much likelier than chance they are there (so that one named everywhere is not first).
    fn seen_with(&self, id: i64, articles: u64, total: u64) -> Result<Vec<SeenWith>, StoreError> {
        let read = articles.min(SEEN_IN);
        let sql = format!(
            "{MINE_NEWEST} SELECT c.id, c.name, c.kind, count(DISTINCT mine.article) AS n, c.articles \
             FROM mine CROSS JOIN article_entities ae ON ae.article = mine.article \
             JOIN entity_canon ec ON ec.entity = ae.entity JOIN canon_entities c ON c.id = ec.canon \
             WHERE c.id != ?1 AND c.shown GROUP BY c.id HAVING n >= ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql).map_err(|e| self.err(e))?;
        let rows: Vec<(i64, String, String, u64, u64)> = stmt
            .query_map(
                params![id, MIN_TOGETHER.max(read / SHARE_TOGETHER), SEEN_IN],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        // How many times likelier than chance, as counted, and at the low end of a count's
        // likely range (one standard deviation down): three of three articles is no surer a
        // sign than twenty of twenty-five.
        let likelier = |together: f64, theirs: u64| -> f64 {
            let expected = read as f64 * theirs.max(1) as f64 / total.max(1) as f64;
            (together / expected.max(f64::MIN_POSITIVE)).ln()
        };
        let mut seen: Vec<(f64, SeenWith)> = rows
            .into_iter()
            .map(|(id, name, kind, together, theirs)| {
                let n = together as f64;
                let low = likelier(n - n.sqrt(), theirs);
                let pmi = (likelier(n, theirs) * 100.0).round() / 100.0;
                let seen = SeenWith {
                    id,
                    name,
                    kind,
                    together,
                    pmi,
                };
                (low, seen)
            })
            .collect();
        seen.sort_by(|(a, sa), (b, sb)| {
            b.total_cmp(a)
                .then(sb.together.cmp(&sa.together))
                .then(sa.name.cmp(&sb.name))
        });
        Ok(seen.into_iter().take(20).map(|(_, s)| s).collect())
    }

    /// Entity `id`'s newest `limit` articles. One in a good share of the store's is met soon
    /// going down the time index (as far as a bound); otherwise its articles' times are sorted
    /// (through `articles_meta`, not their rows) and only the newest rows read.
    pub(super) fn newest_of(
        &self,
        id: i64,
        articles: u64,
        total: u64,
        limit: usize,
    ) -> Result<Vec<ArticleRow>, StoreError> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let read = |sql: &str, scan: Option<i64>| -> Result<Vec<ArticleRow>, StoreError> {
            let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
            let rows = match scan {
                Some(scan) => stmt.query_map(params![id, limit, scan], row_from),
                None => stmt.query_map(params![id, limit], row_from),
            };
            rows.and_then(Iterator::collect).map_err(|e| self.err(e))
        };
        if articles.saturating_mul(WALK_SHARE) >= total {
            // Down the time index, but no further than an even spread would need four times
            // over: an entity of the store's old articles only is sorted instead.
            let scan = limit.saturating_mul(4 * WALK_SHARE as i64);
            let walked = read(
                &format!(
                    "SELECT {ROW_COLUMNS_A} FROM articles a WHERE a.rowid IN (SELECT t.rowid \
                     FROM (SELECT rowid FROM articles INDEXED BY articles_by_time \
                     ORDER BY sort_key DESC, rowid DESC LIMIT ?3) t WHERE EXISTS (SELECT 1 \
                     FROM article_entities ae JOIN entity_canon ec ON ec.entity = ae.entity \
                     WHERE ae.article = t.rowid AND ec.canon = ?1) LIMIT ?2) \
                     ORDER BY a.sort_key DESC, a.rowid DESC"
                ),
                Some(scan),
            )?;
            let found = i64::try_from(walked.len()).unwrap_or(i64::MAX);
            if found == limit || u64::try_from(found).unwrap_or(0) >= articles {
                return Ok(walked);
            }
        }
        read(
            &format!(
                "{MINE} SELECT {ROW_COLUMNS_A} FROM articles a WHERE a.rowid IN \
                 (SELECT m.rowid FROM mine JOIN articles m INDEXED BY articles_meta \
                 ON m.rowid = mine.article ORDER BY m.sort_key DESC, m.rowid DESC LIMIT ?2) \
                 ORDER BY a.sort_key DESC, a.rowid DESC"
            ),
            None,
        )
    }

    /// Entity `id`'s days, sources, first and last seen (days), as counted at resolution.
    fn facts(&self, id: i64) -> Result<Facts, StoreError> {
        // Undated articles sort by when they were stored: their day is '', not shown.
        let days = self.counted(
            "SELECT day, articles FROM entity_days WHERE canon = ?1 AND day > '' ORDER BY day",
            id,
        )?;
        let sources = self.counted(
            "SELECT source, articles FROM entity_sources WHERE canon = ?1 \
             ORDER BY articles DESC, source LIMIT 5",
            id,
        )?;
        Ok(Facts {
            first_seen: days.first().map(|d| d.name.clone()),
            last_seen: days.last().map(|d| d.name.clone()),
            days,
            sources,
        })
    }

    /// Rows of (name, count) that `sql` selects for entity ?1.
    fn counted(&self, sql: &str, id: i64) -> Result<Vec<Counted>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql).map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| {
            Ok(Counted {
                name: r.get(0)?,
                articles: r.get(1)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(|e| self.err(e))
    }
}
