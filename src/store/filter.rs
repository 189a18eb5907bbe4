//! Filters in the search syntax, shared by `byline list`, `byline search` and the reader.
//!
//! `is:unread`, `is:read`, `is:starred`, `is:watched` (mentions a watched entity),
//! `entity:NAME` (mentions that canonical entity, by any of its names), `tag:NAME`, `feed:NAME` (a feed's number, or part of
//! its title or URL), `source:NAME` (part of the source's name), `after:`/`before:` (`2024`,
//! `2024-03`, `2024-03-01`, or a time back from now: `7d`, `2w`, `12h`, `3m`, `1y`). Whatever
//! else the query holds is words for the full-text search ([`super::parse_query`]). Filters
//! inside parentheses are left to the full-text search as they always were.

use rusqlite::types::Value;

/// A parsed filter: conditions on stored columns, plus the words left for full-text search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub unread: Option<bool>,
    pub starred: bool,
    pub tags: Vec<String>,
    pub feeds: Vec<String>,
    pub sources: Vec<String>,
    /// Canonical entities the article mentions, by a name of theirs.
    pub entities: Vec<String>,
    /// The article mentions a watched entity.
    pub watched: bool,
    /// Inclusive lower bound on the article's date (or when it was stored), RFC 3339.
    pub after: Option<String>,
    /// Exclusive upper bound, RFC 3339.
    pub before: Option<String>,
    /// The rest of the query, in the search syntax, if any.
    pub words: Option<String>,
}

/// The order of a list of articles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Sort {
    /// Newest first (undated articles by when they were stored).
    #[default]
    Newest,
    /// Oldest first.
    Oldest,
    /// By feed title, then newest first.
    Feed,
    /// Best matches first (searches only; lists without words sort newest first).
    Relevance,
}

impl Sort {
    /// The next order in the reader's sort switch.
    pub fn next(self) -> Sort {
        match self {
            Sort::Newest => Sort::Oldest,
            Sort::Oldest => Sort::Feed,
            Sort::Feed => Sort::Relevance,
            Sort::Relevance => Sort::Newest,
        }
    }

    /// The order's name, as `--sort` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Sort::Newest => "newest",
            Sort::Oldest => "oldest",
            Sort::Feed => "feed",
            Sort::Relevance => "relevance",
        }
    }

    /// Every order, in the switch's order.
    pub const ALL: [Sort; 4] = [Sort::Newest, Sort::Oldest, Sort::Feed, Sort::Relevance];

    /// SQL `ORDER BY` terms for a query naming the articles table `a`.
    pub(super) fn order_by(self) -> &'static str {
        match self {
            Sort::Oldest => "a.sort_key ASC, a.rowid ASC",
            Sort::Feed => {
                "(SELECT lower(coalesce(f.title, f.url)) FROM feeds f WHERE f.id = a.feed) \
                 IS NULL, (SELECT lower(coalesce(f.title, f.url)) FROM feeds f \
                 WHERE f.id = a.feed), a.sort_key DESC, a.rowid DESC"
            }
            Sort::Newest | Sort::Relevance => "a.sort_key DESC, a.rowid DESC",
        }
    }
}

impl std::str::FromStr for Sort {
    type Err = String;

    fn from_str(s: &str) -> Result<Sort, String> {
        let s = s.to_ascii_lowercase();
        let s = if s == "date" { "newest" } else { s.as_str() };
        Sort::ALL
            .into_iter()
            .find(|o| o.name() == s)
            .ok_or_else(|| format!("{s:?} is not an order (newest, oldest, feed, relevance)"))
    }
}

/// Longest filter value taken (a name longer than this cannot match anything stored).
const MAX_VALUE: usize = 500;

impl Filter {
    /// Parses a query; `now` (Unix seconds) anchors relative dates.
    ///
    /// ```
    /// use byline::store::Filter;
    /// let f = Filter::parse("is:unread tag:world oil after:2024-03", 0).unwrap();
    /// assert_eq!(f.unread, Some(true));
    /// assert_eq!(f.tags, ["world"]);
    /// assert_eq!(f.words.as_deref(), Some("oil"));
    /// assert_eq!(f.after.as_deref(), Some("2024-03-01T00:00:00Z"));
    /// assert!(Filter::parse("is:later", 0).is_err());
    /// ```
    pub fn parse(input: &str, now: i64) -> Result<Filter, String> {
        let mut filter = Filter::default();
        let mut rest: Vec<&str> = Vec::new();
        for (word, depth) in top_level_words(input) {
            if depth > 0 || !filter.take(word, now)? {
                rest.push(word);
            }
        }
        let words = rest.join(" ");
        if !words.trim().is_empty() {
            filter.words = Some(words);
        }
        Ok(filter)
    }

    /// Whether the filter keeps every article.
    pub fn is_everything(&self) -> bool {
        *self == Filter::default()
    }

    /// Takes one `key:value` word if it is a filter; returns whether it was.
    fn take(&mut self, word: &str, now: i64) -> Result<bool, String> {
        let Some((key, value)) = word.split_once(':') else {
            return Ok(false);
        };
        let value = value.trim_matches('"');
        let key = key.to_ascii_lowercase();
        if matches!(key.as_str(), "is" | "tag" | "feed" | "source" | "entity") {
            if value.is_empty() {
                return Err(format!("{key}: needs a value after it"));
            }
            if value.len() > MAX_VALUE {
                return Err(format!("{key}: takes at most {MAX_VALUE} bytes"));
            }
        }
        match key.as_str() {
            "is" => match value.to_ascii_lowercase().as_str() {
                "unread" | "new" => self.unread = Some(true),
                "read" => self.unread = Some(false),
                "starred" | "star" => self.starred = true,
                "watched" => self.watched = true,
                other => {
                    return Err(format!(
                        "is:{other} is not a state (use is:unread, is:read, is:starred or \
                         is:watched)"
                    ));
                }
            },
            "tag" => self.tags.push(value.to_string()),
            "feed" => self.feeds.push(value.to_string()),
            "source" => self.sources.push(value.to_string()),
            "entity" => self.entities.push(value.to_string()),
            "after" => self.after = Some(date(value, now)?),
            "before" => self.before = Some(date(value, now)?),
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// SQL conditions (joined with AND, on table `a`) and their parameters.
    pub(super) fn conditions(&self) -> (String, Vec<Value>) {
        let mut sql = vec!["1".to_string()];
        let mut params = Vec::new();
        if let Some(unread) = self.unread {
            sql.push(format!("a.is_read = {}", i32::from(!unread)));
        }
        if self.starred {
            sql.push("a.is_starred = 1".into());
        }
        for tag in &self.tags {
            // A feed's tag covers the stories it shares with another feed (article_feeds).
            sql.push(
                "(a.rowid IN (SELECT article FROM user_tags WHERE tag = ? COLLATE NOCASE) \
                 OR a.feed IN (SELECT id FROM feeds_tagged) OR a.rowid IN (SELECT article \
                 FROM article_feeds WHERE feed IN (SELECT id FROM feeds_tagged)))"
                    .replace(
                        "feeds_tagged",
                        "feeds WHERE (char(10) || tags || char(10)) LIKE ? ESCAPE '\\'",
                    ),
            );
            let pattern = format!("%\n{}\n%", like_escape(tag));
            params.push(Value::Text(tag.clone()));
            params.extend([Value::Text(pattern.clone()), Value::Text(pattern)]);
        }
        for feed in &self.feeds {
            // A number is the feed's own (as `byline feed list` numbers them), never part of
            // a title: feed:7 is not "Corpus feed 17".
            if let Ok(id) = feed.parse::<i64>() {
                sql.push(
                    "(a.feed = ? OR a.rowid IN (SELECT article FROM article_feeds WHERE feed = ?))"
                        .into(),
                );
                params.extend([Value::Integer(id), Value::Integer(id)]);
                continue;
            }
            sql.push(
                "(a.feed IN (SELECT id FROM feeds_named) OR a.rowid IN (SELECT article FROM \
                 article_feeds WHERE feed IN (SELECT id FROM feeds_named)))"
                    .replace("feeds_named", FEEDS_NAMED),
            );
            let pattern = format!("%{}%", like_escape(feed));
            for _ in 0..2 {
                params.push(Value::Text(pattern.clone()));
                params.push(Value::Text(pattern.clone()));
            }
        }
        for source in &self.sources {
            sql.push("a.source LIKE ? ESCAPE '\\'".into());
            params.push(Value::Text(format!("%{}%", like_escape(source))));
        }
        for entity in &self.entities {
            sql.push(super::watch::mentions_entity());
            params.extend([Value::Text(entity.clone()), Value::Text(entity.clone())]);
        }
        if self.watched {
            sql.push(super::watch::mentions_watched());
        }
        if let Some(after) = &self.after {
            sql.push("a.sort_key >= ?".into());
            params.push(Value::Text(after.clone()));
        }
        if let Some(before) = &self.before {
            sql.push("a.sort_key < ?".into());
            params.push(Value::Text(before.clone()));
        }
        (sql.join(" AND "), params)
    }
}

/// The feeds a `feed:` value names: its number, or part of its title or URL.
const FEEDS_NAMED: &str =
    "(SELECT id FROM feeds WHERE title LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\')";

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The query's words with their parenthesis depth; a `"phrase"` is one word.
fn top_level_words(input: &str) -> Vec<(&str, i32)> {
    let mut words = Vec::new();
    let (mut depth, mut start, mut quoted) = (0i32, None, false);
    for (i, c) in input.char_indices() {
        if quoted {
            quoted = c != '"';
            continue;
        }
        let boundary = c.is_whitespace() || c == '(' || c == ')';
        if boundary {
            if let Some(s) = start.take() {
                words.push((&input[s..i], depth));
            }
            // Parentheses are kept as words so that the full-text part stays whole.
            if c == '(' {
                words.push(("(", depth));
                depth += 1;
            } else if c == ')' {
                depth -= 1;
                words.push((")", depth.max(0) + 1));
            }
        } else {
            start.get_or_insert(i);
            quoted = c == '"';
        }
    }
    if let Some(s) = start {
        words.push((&input[s..], depth));
    }
    words
}

/// A date filter's value as RFC 3339: a calendar date, or a time back from `now`.
pub fn date(value: &str, now: i64) -> Result<String, String> {
    if let Some(seconds) = relative(value) {
        let at = now.saturating_sub(seconds);
        return Ok(super::articles::rfc3339(at));
    }
    let parts: Vec<&str> = value.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let (y, m, d) = match parts.as_slice() {
        [y] => (num(y), Some(1), Some(1)),
        [y, m] => (num(y), num(m), Some(1)),
        [y, m, d] => (num(y), num(m), num(d)),
        _ => (None, None, None),
    };
    let date = match (y, m, d) {
        (Some(y), Some(m), Some(d)) => {
            chrono::NaiveDate::from_ymd_opt(i32::try_from(y).unwrap_or(0), m, d)
        }
        _ => None,
    }
    .ok_or_else(|| {
        format!("{value:?} is not a date (use 2024, 2024-03, 2024-03-01, or 7d, 2w, 12h)")
    })?;
    Ok(format!("{}T00:00:00Z", date.format("%Y-%m-%d")))
}

/// `7d`, `2w`, `12h`, `3m`, `1y` in seconds.
fn relative(value: &str) -> Option<i64> {
    let unit = value.chars().last()?;
    let n: i64 = value[..value.len() - unit.len_utf8()].parse().ok()?;
    let per = match unit {
        'h' => 3600,
        'd' => 86_400,
        'w' => 7 * 86_400,
        'm' => 30 * 86_400,
        'y' => 365 * 86_400,
        _ => return None,
    };
    n.checked_mul(per).filter(|s| *s >= 0)
}

#[cfg(test)]
#[path = "filter_tests.rs"]
mod tests;
