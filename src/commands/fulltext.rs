//! `byline fulltext`: page extraction for pipelines, JSON lines in and out.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};
use serde::Deserialize;

use super::Outcome;
use crate::output;
use crate::output::json::{self, Layout};
use crate::page::{extract_page, text_without_images};

/// The longest input line read (a page and its JSON escaping; the benchmark's pages are at
/// most 1.5 MB): longer ones get an error line, and memory stays bounded by it.
const MAX_LINE: usize = 16 * 1024 * 1024;

#[derive(Deserialize)]
struct Input {
    #[serde(default)]
    id: serde_json::Value,
    #[serde(default)]
    url: Option<String>,
    html: String,
}

/// Reads `{"id","url","html"}` lines on stdin; writes `{"id","text","title","authors",
/// "published"}` lines on stdout, one per input line and in order. A line that cannot be read
/// gets `{"id","error"}` and the rest go on.
pub fn fulltext() -> Result<Outcome> {
    let mut stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(output::stdout());
    let mut line = Vec::new();
    let mut failed = false;
    for n in 1.. {
        let Some(complete) = read_line_capped(&mut stdin, &mut line, MAX_LINE)
            .context("cannot read standard input")?
        else {
            break;
        };
        if complete && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let answer = if complete {
            answer(&line, n)
        } else {
            error_line(
                &serde_json::Value::Null,
                &format!("line {n}: longer than {MAX_LINE} bytes"),
            )
        };
        failed |= answer.get("error").is_some();
        json::write(&mut out, &answer, Layout::Compact)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(if failed {
        Outcome::Partial
    } else {
        Outcome::Done
    })
}

fn answer(line: &[u8], n: usize) -> serde_json::Value {
    let input: Input = match serde_json::from_slice(line) {
        Ok(input) => input,
        Err(e) => {
            let id = serde_json::from_slice::<serde_json::Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or_default();
            let reason = format!("line {n}: expected {{\"id\", \"url\", \"html\"}}: {e}");
            return error_line(&id, &reason);
        }
    };
    let page = extract_page(&input.html, input.url.as_deref());
    let text = text_without_images(&page.body);
    let article = page.into_article(input.url.as_deref(), "");
    serde_json::json!({
        "id": input.id,
        "text": text,
        "title": article.title,
        "authors": article.authors,
        "published": article.published.or(article.published_raw),
    })
}

fn error_line(id: &serde_json::Value, reason: &str) -> serde_json::Value {
    serde_json::json!({"id": id, "error": reason})
}

/// Reads one line into `buf` (without its newline), keeping at most `cap` bytes: `None` at the
/// end of input, `Some(false)` when the line was longer (the rest of it is skipped).
fn read_line_capped(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let (mut seen, mut fits) = (false, true);
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(seen.then_some(fits));
        }
        seen = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(at) => (&chunk[..at], Some(at + 1)),
            None => (chunk, None),
        };
        if fits && buf.len() + part.len() <= cap {
            buf.extend_from_slice(part);
        } else {
            fits = false;
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            return Ok(Some(fits));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overlong_line_is_skipped_and_the_next_read() {
        let mut input: &[u8] = b"0123456789\nabc\n";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 5).unwrap(),
            Some(false)
        );
        assert!(buf.is_empty());
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 5).unwrap(),
            Some(true)
        );
        assert_eq!(buf, b"abc");
        assert_eq!(read_line_capped(&mut input, &mut buf, 5).unwrap(), None);
    }

    #[test]
    fn a_last_line_without_newline_is_read() {
        let mut input: &[u8] = b"abc";
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut input, &mut buf, 5).unwrap(),
            Some(true)
        );
        assert_eq!(buf, b"abc");
    }

    #[test]
    fn a_bad_line_gets_an_error_with_its_id() {
        let v = answer(br#"{"id": 7, "html": 3}"#, 2);
        assert_eq!(v["id"], 7);
        assert!(v["error"].as_str().unwrap().starts_with("line 2:"), "{v}");
    }
}
