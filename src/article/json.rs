//! The JSON importer: one article, an array of them, or JSON Lines; byline's schema or the
//! corpus schema (`date` read as `published`, a plain-string `body`).

use serde_json::{Map, Value};

use super::{
    Article, Body, date::parse_published, decode::neutralize_controls, text::body_from_plain,
};

/// One record that could not become an article: where it starts and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordError {
    pub index: usize,
    pub line: usize,
    pub column: usize,
    pub reason: String,
    /// A JSON syntax error rather than a record with bad fields.
    pub is_syntax: bool,
}

/// Parses JSON text into articles, going on past broken records.
pub(crate) fn parse_json(text: &str) -> (Vec<Article>, Vec<RecordError>) {
    let trimmed = text.trim_start();
    let lead = text.len() - trimmed.len();
    let mut unclosed = None;
    let records: Vec<(usize, Result<Value, serde_json::Error>)> = if trimmed.starts_with('[') {
        let elements = split_array(text, lead).unwrap_or_else(|(found, at, reason)| {
            unclosed = Some((found.len(), at, reason));
            found
        });
        elements
            .into_iter()
            .map(|(at, s)| (at, serde_json::from_str(s)))
            .collect()
    } else {
        match serde_json::from_str::<Value>(text) {
            Ok(value) => vec![(lead, Ok(value))],
            Err(_) if first_line_is_value(trimmed) => json_lines(text),
            Err(e) => vec![(lead, Err(e))],
        }
    };
    let mut articles = Vec::new();
    let mut errors = Errors::new(text);
    for (index, (at, parsed)) in records.into_iter().enumerate() {
        match parsed {
            Ok(value) => match article_from_value(value) {
                Ok(article) => articles.push(article),
                Err(reason) => errors.push(|p| p.error_at(index, at, reason, false)),
            },
            Err(e) => errors.push(|p| syntax_error(p, index, at, &e)),
        }
    }
    if let Some((index, at, reason)) = unclosed {
        errors.push(|p| p.error_at(index, at, reason, true));
    }
    (articles, errors.finish())
}

/// The errors of one file: the first [`Errors::LISTED`] placed and kept, the rest counted, so
/// a file of a million broken records costs neither a million lines nor a million scans.
struct Errors<'a> {
    place: Placer<'a>,
    listed: Vec<RecordError>,
    more: usize,
}

impl<'a> Errors<'a> {
    const LISTED: usize = 100;

    fn new(text: &'a str) -> Errors<'a> {
        Errors {
            place: Placer::new(text),
            listed: Vec::new(),
            more: 0,
        }
    }

    fn push(&mut self, make: impl FnOnce(&mut Placer<'a>) -> RecordError) {
        if self.listed.len() < Self::LISTED {
            let error = make(&mut self.place);
            self.listed.push(error);
        } else {
            self.more += 1;
        }
    }

    fn finish(mut self) -> Vec<RecordError> {
        if self.more > 0
            && let Some(last) = self.listed.last()
        {
            let (line, index) = (last.line, last.index);
            self.listed.push(RecordError {
                index,
                line,
                column: 1,
                reason: format!("and {} more records after this one failed too", self.more),
                is_syntax: false,
            });
        }
        self.listed
    }
}

/// Line and column of byte offsets that only grow: each byte of the text is counted once.
struct Placer<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
}

impl<'a> Placer<'a> {
    fn new(text: &'a str) -> Placer<'a> {
        Placer {
            text,
            at: 0,
            line: 1,
            column: 1,
        }
    }

    /// The line and column (in characters) of `at`, counting on from the last offset asked
    /// for.
    fn line_column(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.text.len());
        if at < self.at {
            *self = Placer::new(self.text); // Out of order: count again from the start.
        }
        let skipped = &self.text.as_bytes()[self.at..at];
        let chars = |bytes: &[u8]| bytes.iter().filter(|&&b| b & 0xc0 != 0x80).count();
        match skipped.iter().rposition(|&b| b == b'\n') {
            Some(last) => {
                self.line += skipped.iter().filter(|&&b| b == b'\n').count();
                self.column = chars(&skipped[last + 1..]) + 1;
            }
            None => self.column += chars(skipped),
        }
        self.at = at;
        (self.line, self.column)
    }

    fn error_at(
        &mut self,
        index: usize,
        at: usize,
        reason: String,
        is_syntax: bool,
    ) -> RecordError {
        let (line, column) = self.line_column(at);
        RecordError {
            index: index + 1,
            line,
            column,
            reason,
            is_syntax,
        }
    }
}

/// JSON Lines: the first line alone is a whole JSON value.
fn first_line_is_value(text: &str) -> bool {
    text.lines()
        .next()
        .is_some_and(|l| serde_json::from_str::<Value>(l).is_ok())
}

/// A syntax error placed in the file: serde's line and column are relative to the record.
fn syntax_error(
    place: &mut Placer<'_>,
    index: usize,
    at: usize,
    e: &serde_json::Error,
) -> RecordError {
    let start = place.error_at(index, at, String::new(), true);
    let line = start.line + e.line().saturating_sub(1);
    let column = if e.line() <= 1 {
        start.column + e.column().saturating_sub(1)
    } else {
        e.column()
    };
    let reason = e.to_string();
    let reason = reason
        .split(" at line ")
        .next()
        .unwrap_or(&reason)
        .to_string();
    RecordError {
        index: index + 1,
        line,
        column,
        reason,
        is_syntax: true,
    }
}

fn json_lines(text: &str) -> Vec<(usize, Result<Value, serde_json::Error>)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push((offset, serde_json::from_str(line)));
        }
        offset += line.len();
    }
    out
}

/// Splits a top-level JSON array into its elements' text without parsing them, so a broken
/// element costs only itself. Returns each element with its byte offset.
#[allow(clippy::type_complexity)]
fn split_array(
    text: &str,
    open: usize,
) -> Result<Vec<(usize, &str)>, (Vec<(usize, &str)>, usize, String)> {
    let bytes = text.as_bytes();
    let mut elements = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = open + 1;
    for (i, &b) in bytes.iter().enumerate().skip(open + 1) {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth > 0 => depth -= 1,
            b',' | b']' if depth == 0 => {
                let element = &text[start..i];
                if !element.trim().is_empty() {
                    let lead = element.len() - element.trim_start().len();
                    elements.push((start + lead, element.trim()));
                }
                if b == b']' {
                    return Ok(elements);
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    Err((
        elements,
        start,
        "the array is not closed with ']'".to_string(),
    ))
}

/// Reads one record in byline's schema or the corpus schema.
pub(super) fn article_from_value(mut value: Value) -> Result<Article, String> {
    neutralize_strings(&mut value);
    let Value::Object(map) = value else {
        return Err(format!("expected an object, found {}", kind_of(&value)));
    };
    let title = string_field(&map, &["title", "headline", "name"])?;
    let (body, dateline) = match map
        .get("body")
        .or_else(|| map.get("text"))
        .or_else(|| map.get("content"))
    {
        Some(Value::String(s)) => body_from_plain(s),
        Some(v @ Value::Object(_)) => (structured_body(v.clone())?, Vec::new()),
        Some(Value::Null) | None => (Body::default(), Vec::new()),
        Some(other) => return Err(format!("\"body\" must be text, found {}", kind_of(other))),
    };
    let title = match title {
        Some(t) if !t.trim().is_empty() => t.trim().to_string(),
        _ if body.text.is_empty() => return Err("no \"title\" and no \"body\"".into()),
        _ => body
            .text
            .split_whitespace()
            .take(12)
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut article = Article::new(title, body);
    article.dateline = string_list(&map, &["dateline"])?;
    if article.dateline.is_empty() {
        article.dateline = dateline;
    }
    article.authors = string_list(&map, &["authors", "author", "byline"])?;
    article.source = string_field(&map, &["source", "publisher"])?.filter(|s| !s.is_empty());
    article.url = string_field(&map, &["url", "link"])?.filter(|s| !s.is_empty());
    article.tags = string_list(&map, &["tags", "categories", "category"])?;
    if let Some(Value::Object(extra)) = map.get("extra") {
        article.tags.extend(string_list(extra, &["category"])?);
    }
    let date = string_field(&map, &["published", "date", "date_published", "pubDate"])?;
    let raw = string_field(&map, &["published_raw", "date_raw"])?;
    article.published = date.as_deref().and_then(parse_published);
    if article.published.is_none() {
        article.published = raw.as_deref().and_then(parse_published);
    }
    if article.published.is_none() {
        article.published_raw = raw.or(date).filter(|s| !s.trim().is_empty());
    }
    article.refresh_id();
    Ok(article)
}

/// byline's own `{"text", "blocks", "links"}` body, checked so no range can cut a character.
fn structured_body(value: Value) -> Result<Body, String> {
    let body: Body = serde_json::from_value(value).map_err(|e| format!("\"body\": {e}"))?;
    let ok = |s: usize, e: usize| s <= e && body.text.get(s..e).is_some();
    if let Some(b) = body.blocks.iter().find(|b| !ok(b.start, b.end)) {
        return Err(format!(
            "\"body\": block {}..{} is outside the text or cuts a character",
            b.start, b.end
        ));
    }
    if let Some(l) = body.links.iter().find(|l| !ok(l.start, l.end)) {
        return Err(format!(
            "\"body\": link {}..{} is outside the text or cuts a character",
            l.start, l.end
        ));
    }
    Ok(body)
}

fn string_field(map: &Map<String, Value>, keys: &[&str]) -> Result<Option<String>, String> {
    for key in keys {
        match map.get(*key) {
            Some(Value::String(s)) => return Ok(Some(s.clone())),
            Some(Value::Number(n)) => return Ok(Some(n.to_string())),
            Some(Value::Null) | None => {}
            Some(other) => return Err(format!("\"{key}\" must be text, found {}", kind_of(other))),
        }
    }
    Ok(None)
}

fn string_list(map: &Map<String, Value>, keys: &[&str]) -> Result<Vec<String>, String> {
    for key in keys {
        match map.get(*key) {
            Some(Value::Array(items)) => {
                return Ok(items
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect());
            }
            Some(Value::String(s)) => {
                return Ok(s
                    .split(" and ")
                    .flat_map(|p| p.split(','))
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect());
            }
            Some(Value::Null) | None => {}
            Some(other) => {
                return Err(format!(
                    "\"{key}\" must be a list of text, found {}",
                    kind_of(other)
                ));
            }
        }
    }
    Ok(Vec::new())
}

/// JSON escapes can smuggle terminal control codes; blank them out, keeping byte offsets.
fn neutralize_strings(value: &mut Value) {
    match value {
        Value::String(s) => {
            if let std::borrow::Cow::Owned(clean) = neutralize_controls(s) {
                *s = clean;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(neutralize_strings),
        Value::Object(map) => map.values_mut().for_each(neutralize_strings),
        _ => {}
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_schema_reads_date_as_published() {
        let (a, e) = parse_json(
            r#"{"id":"x","title":"T","body":"One.\n\nTwo.","source":"S","date":"1987-03-03T05:07:04.50","date_raw":"3-MAR-1987 05:07:04.50","url":null,"extra":{"category":"business"}}"#,
        );
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a[0].published.as_deref(), Some("1987-03-03T05:07:04Z"));
        assert_eq!(a[0].body.blocks.len(), 2);
        assert_eq!(a[0].tags, ["business"]);
    }

    #[test]
    fn array_with_one_broken_element_keeps_the_rest() {
        let (a, e) = parse_json(
            "[\n{\"title\":\"A\",\"body\":\"x\"},\n{\"title\": [5]},\n{\"title\":\"C\",\"body\":\"y\"\n]",
        );
        assert_eq!(a.len(), 1);
        assert_eq!(e.len(), 2);
        assert_eq!((e[0].index, e[0].line), (2, 3));
        assert!(
            e[0].reason.contains("\"title\" must be text"),
            "{}",
            e[0].reason
        );
        assert!(e[1].is_syntax);
    }

    #[test]
    fn json_lines_report_their_line() {
        let (a, e) = parse_json(
            "{\"title\":\"A\",\"body\":\"x\"}\n{oops\n{\"title\":\"B\",\"body\":\"y\"}\n",
        );
        assert_eq!(a.len(), 2);
        assert_eq!(e[0].line, 2);
    }

    #[test]
    fn byline_schema_round_trips() {
        let mut art = Article::new(
            "T",
            Body::from_blocks([(super::super::BlockKind::Paragraph, "Hé there")]),
        );
        art.authors = vec!["A B".into()];
        let json = serde_json::to_string(&art).unwrap();
        let (a, e) = parse_json(&json);
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(a[0], art);
    }

    #[test]
    fn block_that_cuts_a_character_is_rejected() {
        let (_, e) = parse_json(
            r#"{"title":"T","body":{"text":"é","blocks":[{"kind":"paragraph","start":0,"end":1}]}}"#,
        );
        assert!(e[0].reason.contains("cuts a character"));
    }

    #[test]
    fn escape_codes_in_json_strings_are_blanked() {
        let (a, _) = parse_json(r#"{"title":"T\u001b[2J","body":"x\u009b1m y"}"#);
        assert_eq!(a[0].title, "T [2J");
        assert_eq!(a[0].body.text, "x 1m y");
    }

    #[test]
    fn a_flood_of_bad_records_lists_the_first_hundred_and_counts_the_rest() {
        let (_, e) = parse_json(&format!("[{}]", vec!["1"; 1000].join(",")));
        assert_eq!(e.len(), 101);
        assert_eq!((e[99].index, e[99].line, e[99].column), (100, 1, 200));
        assert_eq!(
            e[100].reason,
            "and 900 more records after this one failed too"
        );
    }

    #[test]
    fn errors_on_later_lines_count_characters_not_bytes() {
        let (_, e) = parse_json("[\n{\"title\":\"é\",\"body\":\"x\"}, 1,\n  2]");
        let placed: Vec<(usize, usize)> = e.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(placed, [(2, 27), (3, 3)]);
    }

    #[test]
    fn non_object_is_a_record_error() {
        let (_, e) = parse_json("[1]");
        assert_eq!(e[0].reason, "expected an object, found a number");
    }
}
