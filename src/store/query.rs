//! byline's search syntax, checked and translated into an SQLite FTS5 expression.
//!
//! Words, `"phrases"`, prefixes (`iran*`), `AND`/`OR`/`NOT`, `-word`, parentheses, the field
//! filters `title:`, `source:`, `author:`, `body:`, and the date filters `after:` and
//! `before:` (`2024`, `2024-03` or `2024-03-01`). Every term is quoted before it reaches FTS5,
//! so punctuation in a query (`U.S.`, `al-Sudani`) is never FTS5 syntax.

use super::snippet::Term;

/// A parsed query: the full-text part, if any, and a date range on `published`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// The FTS5 MATCH expression, or `None` when the query only filters by date.
    pub fts: Option<String>,
    /// Inclusive lower bound, RFC 3339.
    pub after: Option<String>,
    /// Exclusive upper bound, RFC 3339.
    pub before: Option<String>,
    /// The words searched for (not those excluded), for snippets and highlighting.
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Open,
    Close,
    Op(&'static str),
    Not,
    Term(String),
}

/// Parses a query in byline's syntax.
///
/// ```
/// use byline::store::parse_query;
/// let q = parse_query("title:iran* \"prime minister\" -gaza after:2024").unwrap();
/// assert_eq!(q.fts.as_deref(), Some("title : \"iran\"* \"prime minister\" NOT \"gaza\""));
/// assert_eq!(q.after.as_deref(), Some("2024-01-01T00:00:00Z"));
/// assert!(parse_query("(iran").is_err());
/// ```
pub fn parse_query(input: &str) -> Result<SearchQuery, String> {
    let mut query = SearchQuery {
        fts: None,
        after: None,
        before: None,
        terms: Vec::new(),
    };
    let mut tokens = tokenize(input, &mut query)?;
    // FTS5's NOT is binary (`a NOT b`): `a AND NOT b` means the same and is written so.
    if tokens
        .windows(2)
        .any(|w| w == [Token::Op("OR"), Token::Not])
    {
        return Err("OR NOT cannot be searched for; use a NOT b".into());
    }
    tokens.dedup_by(|next, prev| {
        *prev == Token::Op("AND") && *next == Token::Not && {
            *prev = Token::Not;
            true
        }
    });
    check(&tokens)?;
    if !tokens.is_empty() {
        query.fts = Some(render(&tokens));
    }
    if query.fts.is_none() && query.after.is_none() && query.before.is_none() {
        return Err("the query is empty".into());
    }
    Ok(query)
}

fn tokenize(input: &str, query: &mut SearchQuery) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut rest = input.trim_start();
    while let Some(c) = rest.chars().next() {
        let consumed = match c {
            '(' => {
                tokens.push(Token::Open);
                1
            }
            ')' => {
                tokens.push(Token::Close);
                1
            }
            '-' if rest.len() > 1 && !rest[1..].starts_with(char::is_whitespace) => {
                tokens.push(Token::Not);
                1
            }
            _ => {
                let (word, used) = read_word(rest)?;
                if let Some(token) = word_token(&word, query)? {
                    if matches!(token, Token::Term(_)) && tokens.last() != Some(&Token::Not) {
                        query.terms.extend(terms_of(&word));
                    }
                    tokens.push(token);
                }
                used
            }
        };
        rest = rest[consumed..].trim_start();
    }
    Ok(tokens)
}

/// Reads one word, where a `"phrase"` (after `field:` or alone) counts as one.
fn read_word(s: &str) -> Result<(String, usize), String> {
    let mut out = String::new();
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let close = s[i + 1..].find('"').ok_or("a quote is not closed")?;
                out.push_str(&s[i..=i + 1 + close]);
                while chars.peek().is_some_and(|(j, _)| *j <= i + 1 + close) {
                    chars.next();
                }
            }
            c if c.is_whitespace() || c == '(' || c == ')' => return Ok((out, i)),
            c => out.push(c),
        }
    }
    Ok((out, s.len()))
}

fn word_token(word: &str, query: &mut SearchQuery) -> Result<Option<Token>, String> {
    match word {
        "AND" => return Ok(Some(Token::Op("AND"))),
        "OR" => return Ok(Some(Token::Op("OR"))),
        "NOT" => return Ok(Some(Token::Not)),
        _ => {}
    }
    if let Some((field, value)) = word.split_once(':') {
        let column = match field.to_ascii_lowercase().as_str() {
            "after" => return set_date(&mut query.after, value).map(|()| None),
            "before" => return set_date(&mut query.before, value).map(|()| None),
            "title" => Some("title"),
            "source" => Some("source"),
            "author" | "by" => Some("authors"),
            "body" | "text" => Some("body"),
            _ => None,
        };
        if let Some(column) = column {
            if value.is_empty() {
                return Err(format!("{field}: needs a word after it"));
            }
            return Ok(Some(Token::Term(format!("{column} : {}", phrase(value)?))));
        }
    }
    Ok(Some(Token::Term(phrase(word)?)))
}

/// The words a query word stands for: `title:"prime minister"` -> prime, minister.
fn terms_of(word: &str) -> Vec<Term> {
    let value = match word.split_once(':') {
        Some((field, value)) if !field.contains('"') => value,
        _ => word,
    };
    let (value, prefix) = match value.strip_suffix('*') {
        Some(v) => (v, true),
        None => (value, false),
    };
    Term::from_phrase(value, prefix)
}

/// A quoted FTS5 phrase from a word or `"phrase"`, with a trailing `*` kept as a prefix.
fn phrase(word: &str) -> Result<String, String> {
    let (body, prefix) = match word.strip_suffix('*') {
        Some(b) => (b, true),
        None => (word, false),
    };
    let inner = body
        .strip_prefix('"')
        .and_then(|b| b.strip_suffix('"'))
        .unwrap_or(body);
    if !inner.chars().any(char::is_alphanumeric) {
        return Err(format!("{word:?} has no letters or digits to search for"));
    }
    Ok(format!(
        "\"{}\"{}",
        inner.replace('"', "\"\""),
        if prefix { "*" } else { "" }
    ))
}

fn set_date(slot: &mut Option<String>, value: &str) -> Result<(), String> {
    // `before:2024` means before 2024 began; `after:2024` includes all of 2024.
    *slot = Some(super::filter::date(value, super::articles::now_seconds())?);
    Ok(())
}

/// Rejects what FTS5 would reject, with a message a person can act on.
fn check(tokens: &[Token]) -> Result<(), String> {
    let mut depth = 0i32;
    let mut expect_operand = true;
    for (i, t) in tokens.iter().enumerate() {
        match t {
            Token::Open => depth += 1,
            Token::Close => {
                depth -= 1;
                if depth < 0 {
                    return Err("a ')' has no matching '('".into());
                }
                if expect_operand {
                    return Err("empty parentheses or an operator before ')'".into());
                }
            }
            Token::Op(op) if expect_operand => return Err(format!("{op} needs a term before it")),
            Token::Not if i == 0 || matches!(tokens[i - 1], Token::Open | Token::Op(_)) => {
                return Err(
                    "a query cannot start by excluding a term: add a word to search for".into(),
                );
            }
            _ => {}
        }
        expect_operand = matches!(t, Token::Open | Token::Op(_) | Token::Not);
    }
    if depth > 0 {
        return Err("a '(' is not closed".into());
    }
    if expect_operand && !tokens.is_empty() {
        return Err("the query ends with an operator".into());
    }
    Ok(())
}

fn render(tokens: &[Token]) -> String {
    let parts: Vec<String> = tokens
        .iter()
        .map(|t| match t {
            Token::Open => "(".into(),
            Token::Close => ")".into(),
            Token::Op(op) => (*op).into(),
            Token::Not => "NOT".into(),
            Token::Term(s) => s.clone(),
        })
        .collect();
    parts.join(" ").replace("( ", "(").replace(" )", ")")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fts(q: &str) -> String {
        parse_query(q).unwrap().fts.unwrap()
    }

    #[test]
    fn punctuation_is_quoted() {
        assert_eq!(fts("U.S.-led al-Sudani"), "\"U.S.-led\" \"al-Sudani\"");
    }

    #[test]
    fn boolean_operators_and_groups() {
        assert_eq!(
            fts("(iran OR iraq) AND NOT oil"),
            "(\"iran\" OR \"iraq\") NOT \"oil\""
        );
    }

    #[test]
    fn field_filters_map_to_columns() {
        assert_eq!(
            fts("author:azhari source:\"BBC News\""),
            "authors : \"azhari\" source : \"BBC News\""
        );
    }

    #[test]
    fn date_only_query_has_no_fts() {
        let q = parse_query("after:2024-03 before:2024-04-15").unwrap();
        assert_eq!(q.fts, None);
        assert_eq!(q.after.as_deref(), Some("2024-03-01T00:00:00Z"));
        assert_eq!(q.before.as_deref(), Some("2024-04-15T00:00:00Z"));
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(parse_query("\"open").unwrap_err(), "a quote is not closed");
        assert_eq!(
            parse_query("iran)").unwrap_err(),
            "a ')' has no matching '('"
        );
        assert_eq!(
            parse_query("OR iran").unwrap_err(),
            "OR needs a term before it"
        );
        assert_eq!(
            parse_query("iran AND").unwrap_err(),
            "the query ends with an operator"
        );
        assert!(
            parse_query("-iran")
                .unwrap_err()
                .contains("cannot start by excluding")
        );
        assert!(
            parse_query("after:tuesday")
                .unwrap_err()
                .contains("is not a date")
        );
        assert_eq!(parse_query("   ").unwrap_err(), "the query is empty");
        assert!(parse_query("***").is_err());
    }

    #[test]
    fn quote_inside_phrase_is_escaped() {
        assert_eq!(phrase("say\"hi").unwrap(), "\"say\"\"hi\"");
    }
}
