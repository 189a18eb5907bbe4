//! Ranked hits without ranking every match: the newest matches are ranked first, older after.
//!
//! bm25 costs a few microseconds a matching row, so ranking the 180,000 articles that say
//! `said` in a 310,000-article store took 0.7-1.3 s for 50 hits. A search instead finds the
//! newest window of rowids that holds [`POOL`] of its matches (counting, not ranking), ranks
//! the matches in it (the first tier) and only then the older ones (the second). A query with fewer matches than [`POOL`] has one tier: every match
//! ranked, as before. bm25 takes its statistics from the whole index, so a hit's score is the
//! same in either tier; only the order between tiers is by age.
//!
//! Prefix terms (`bank*`) are spelled out as the words of the index's vocabulary that start
//! so (`("bank" OR "banks" OR ...)`), up to [`MAX_EXPANSION`] of them: without prefix
//! indexes (schema 11), FTS5 would merge every such word's whole list of articles first.

use rusqlite::params_from_iter;
use rusqlite::types::Value;

use super::{Sort, Store, StoreError};

/// How many of a query's newest matches the first tier ranks.
pub const POOL: usize = 1_000;

/// The first window of newest rowids counted for [`POOL`] matches.
const FIRST_WINDOW: i64 = 1_024;

/// The most words a prefix is spelled out as; a wider one is left to FTS5.
pub const MAX_EXPANSION: usize = 64;

/// Where a query's two tiers divide: matches with a rowid at or above `floor` are ranked first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tiers {
    /// The first tier's lowest rowid.
    pub floor: i64,
    /// How many matches the first tier holds (at least [`POOL`]).
    pub first: usize,
}

impl Store {
    /// The tiers of a query's matches, `fts` being its first parameter, then `params`.
    ///
    /// Windows of the newest rowids, twice as wide each time, are counted (at most
    /// [`POOL`] matches each, reading forwards: FTS5 reads an article list backwards only by
    /// loading all of it) until one holds [`POOL`] matches; none does when the query has fewer.
    pub(super) fn tiers(
        &self,
        conditions: &str,
        params: &[Value],
    ) -> Result<Option<Tiers>, StoreError> {
        let from = hits_from(conditions, Sort::Relevance);
        let count = |floor: i64, limit: usize| -> Result<usize, StoreError> {
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM {from} WHERE articles_fts MATCH ? \
                 AND {conditions} AND f.rowid >= ? LIMIT ?)"
            );
            let mut all = params.to_vec();
            all.extend([floor, i64::try_from(limit).unwrap_or(i64::MAX)].map(Value::Integer));
            self.conn
                .prepare_cached(&sql)
                .and_then(|mut s| s.query_row(params_from_iter(all), |r| r.get(0)))
                .map_err(|e| self.err(e))
        };
        // max() alone, not inside coalesce(): only then does SQLite read the last row only.
        let top: Option<i64> = self
            .conn
            .query_row("SELECT max(rowid) FROM articles", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let top = top.unwrap_or(0);
        let mut width = FIRST_WINDOW;
        while top - width > 0 {
            let floor = top - width;
            if count(floor, POOL)? >= POOL {
                let first = count(floor, usize::MAX)?;
                return Ok(Some(Tiers { floor, first }));
            }
            width = width.saturating_mul(2);
        }
        Ok(None)
    }

    /// `fts` with each prefix term spelled out as the words it stands for in the index.
    pub(super) fn expand_prefixes(&self, fts: &str) -> Result<String, StoreError> {
        let mut out = String::with_capacity(fts.len());
        let mut rest = fts;
        while let Some(start) = rest.find('"') {
            out.push_str(&rest[..start]);
            let end = phrase_end(&rest[start..]) + start;
            let phrase = &rest[start..end];
            rest = &rest[end..];
            match rest.strip_prefix('*') {
                Some(after) => {
                    match self.spelled_out(phrase)? {
                        // FTS5 ANDs phrases side by side, not a group beside an operand.
                        Some(words) => {
                            if ends_operand(&out) {
                                out.push_str("AND ");
                            }
                            out.push_str(&words);
                            if starts_operand(after) {
                                out.push_str(" AND");
                            }
                        }
                        None => {
                            out.push_str(phrase);
                            out.push('*');
                        }
                    }
                    rest = after;
                }
                None => out.push_str(phrase),
            }
        }
        out.push_str(rest);
        Ok(out)
    }

    /// A quoted prefix phrase (`"prime minis"`) as an OR of the phrases it stands for, if its
    /// last word is plain lowercase-able ASCII and the index has at most [`MAX_EXPANSION`]
    /// words that start so.
    fn spelled_out(&self, phrase: &str) -> Result<Option<String>, StoreError> {
        let inner = &phrase[1..phrase.len() - 1];
        let (head, last) = match inner.rfind(' ') {
            Some(i) => (&inner[..=i], &inner[i + 1..]),
            None => ("", inner),
        };
        if last.is_empty() || !last.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Ok(None);
        }
        let last = last.to_ascii_lowercase();
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT term FROM articles_vocab WHERE term >= ?1 AND term < ?1 || char(1114111) \
                 LIMIT ?2",
            )
            .map_err(|e| self.err(e))?;
        let words: Vec<String> = stmt
            .query_map(rusqlite::params![last, MAX_EXPANSION + 1], |r| r.get(0))
            .and_then(Iterator::collect)
            .map_err(|e| self.err(e))?;
        if words.is_empty() || words.len() > MAX_EXPANSION {
            return Ok(None);
        }
        let alternatives: Vec<String> = words.iter().map(|w| format!("\"{head}{w}\"")).collect();
        Ok(Some(format!("({})", alternatives.join(" OR "))))
    }
}

/// Whether the expression so far ends with an operand (a phrase, prefix or group).
fn ends_operand(out: &str) -> bool {
    matches!(out.trim_end().chars().last(), Some('"' | '*' | ')'))
}

/// Whether the rest of the expression starts with an operand (not an operator or `)`).
fn starts_operand(rest: &str) -> bool {
    let rest = rest.trim_start();
    let word = rest.split([' ', ':']).next().unwrap_or("");
    !rest.is_empty() && !rest.starts_with(')') && !matches!(word, "AND" | "OR" | "NOT")
}

/// The FROM clause of a query's matches: the articles' rows joined only when a filter or the
/// order reads them, and after the index (CROSS JOIN): given a rowid range, SQLite would
/// otherwise walk the articles in it and look each up in the index, or all 310,000 of them.
pub(super) fn hits_from(conditions: &str, sort: Sort) -> &'static str {
    if conditions == "1" && sort == Sort::Relevance {
        "articles_fts f"
    } else {
        "articles_fts f CROSS JOIN articles a ON a.rowid = f.rowid"
    }
}

/// The length of the quoted phrase at the start of `s` (`""` inside it is a quote).
fn phrase_end(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut i = 1;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            if bytes.get(i + 1) == Some(&b'"') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use crate::article::{Article, BlockKind, Body};
    use crate::store::Store;

    fn store_of(texts: &[(String, String)]) -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let articles: Vec<Article> = texts
            .iter()
            .map(|(title, body)| {
                Article::new(
                    title.as_str(),
                    Body::from_blocks([(BlockKind::Paragraph, body.as_str())]),
                )
            })
            .collect();
        store.insert_batch(&articles).unwrap();
        store
    }

    fn texts(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(t, b)| ((*t).to_string(), (*b).to_string()))
            .collect()
    }

    #[test]
    fn prefixes_are_spelled_out_from_the_vocabulary() {
        let store = store_of(&texts(&[
            ("Banks", "the banker and the bank"),
            ("Rates", "the prime minister and prime ministers"),
        ]));
        let spelled = |fts: &str| store.expand_prefixes(fts).unwrap();
        assert_eq!(
            spelled("\"bank\"* AND \"rates\""),
            "(\"bank\" OR \"banker\" OR \"banks\") AND \"rates\""
        );
        assert_eq!(
            spelled("title : \"bank\"*"),
            "title : (\"bank\" OR \"banker\" OR \"banks\")"
        );
        assert_eq!(
            spelled("\"prime minis\"*"),
            "(\"prime minister\" OR \"prime ministers\")"
        );
        // Nothing starts so: FTS5 answers (nothing) as before; quotes inside stay escaped.
        assert_eq!(spelled("\"zz\"*"), "\"zz\"*");
        assert_eq!(
            spelled("\"rates\" \"bank\"* \"rise\""),
            "\"rates\" AND (\"bank\" OR \"banker\" OR \"banks\") AND \"rise\""
        );
        assert_eq!(spelled("\"a \"\"b\"\"\""), "\"a \"\"b\"\"\"");
    }

    #[test]
    fn a_prefix_of_too_many_words_is_left_to_fts5() {
        let words: Vec<String> = (0..=super::MAX_EXPANSION)
            .map(|i| format!("pre{i}"))
            .collect();
        let store = store_of(&[("Words".into(), words.join(" "))]);
        assert_eq!(store.expand_prefixes("\"pre\"*").unwrap(), "\"pre\"*");
        assert_eq!(store.search("pre*", 0, 10).unwrap().len(), 1);
        assert_eq!(store.search("pre1*", 0, 10).unwrap().len(), 1);
    }

    #[test]
    fn a_prefix_search_finds_every_word_it_stands_for() {
        let store = store_of(&texts(&[
            ("One", "banks rose"),
            ("Two", "a banker spoke"),
            ("Three", "the river bank"),
            ("Four", "bankruptcy"),
        ]));
        assert_eq!(store.search("bank*", 0, 10).unwrap().len(), 4);
        assert_eq!(store.count_matching("bank*").unwrap(), 4);
        assert_eq!(store.search("bank* spoke", 0, 10).unwrap().len(), 1);
        assert_eq!(store.search("river -bank*", 0, 10).unwrap().len(), 0);
    }

    /// `n` articles that say `gaza`, oldest first; the oldest also in its title.
    fn many(n: usize) -> Store {
        let items: Vec<(String, String)> = (0..n)
            .map(|i| {
                let title = if i == 0 {
                    "Gaza".into()
                } else {
                    format!("Report {i}")
                };
                (title, format!("gaza report number {i}"))
            })
            .collect();
        store_of(&items)
    }

    #[test]
    fn fewer_matches_than_the_pool_are_all_ranked() {
        let store = many(super::POOL - 1);
        let hits = store.search("gaza", 0, 50).unwrap();
        assert_eq!(hits.len(), 50);
        assert_eq!(hits[0].row.title, "Gaza", "the title match is first");
    }

    #[test]
    fn a_common_word_ranks_its_newest_matches_first_and_pages_through_all() {
        let n = usize::try_from(super::FIRST_WINDOW).unwrap() + 100;
        let store = many(n);
        let tiers = store
            .tiers("1", &[rusqlite::types::Value::Text("\"gaza\"".into())])
            .unwrap()
            .expect("two tiers");
        assert!(tiers.first >= super::POOL && tiers.first < n, "{tiers:?}");
        let first = store.search("gaza", 0, 50).unwrap();
        assert_eq!(first.len(), 50);
        assert_ne!(
            first[0].row.title, "Gaza",
            "the oldest is in the second tier"
        );
        // Pages across the tiers' border hold every match once, the second tier's best (the
        // title match) first after the first tier's.
        let mut all = Vec::new();
        while let Ok(page) = store.search("gaza", all.len(), 45) {
            if page.is_empty() {
                break;
            }
            all.extend(page.into_iter().map(|h| h.row));
        }
        assert_eq!(all.len(), n);
        let ids: std::collections::HashSet<_> = all.iter().map(|r| &r.id).collect();
        assert_eq!(ids.len(), n, "no article twice");
        assert_eq!(all[tiers.first].title, "Gaza");
        assert_eq!(store.count_matching("gaza").unwrap(), n);
    }
}
