//! JSON Lines read a line at a time, handed on in batches: an import's memory follows its
//! longest line, not its file, and a file of any size is read (issue 17: one 118 MB file took
//! 540 MB, and files over 256 MiB were refused).

use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;

use super::import::{FEED_BATCH, MAX_FILE_BYTES};
use super::{Article, ImportError, decode::decode_text, json::article_from_value};

/// The longest line read; a longer one is skipped and reported.
pub(super) const MAX_LINE: usize = MAX_FILE_BYTES as usize;

/// Broken records listed one by one; the rest are counted in one last error.
const LISTED: usize = 100;

/// Reads a JSON file. JSON Lines (the first line that is not blank is a whole object) are
/// handed to `sink` in batches of [`FEED_BATCH`] and `Ok(None)` comes back; anything else is
/// read whole, up to [`MAX_FILE_BYTES`], and its bytes come back for the whole-file importer.
pub(super) fn read_json(
    path: &Path,
    input: impl Read,
    sink: &mut dyn FnMut(Vec<Article>, Vec<ImportError>),
) -> Result<Option<Vec<u8>>, ImportError> {
    let io = |cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut head = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if read_line(&mut reader, &mut line, MAX_LINE).map_err(io)? {
            return Err(ImportError::TooLarge {
                path: path.to_path_buf(),
                size: (head.len() + MAX_LINE + 1) as u64,
                limit: MAX_FILE_BYTES,
            });
        }
        if line.is_empty() {
            break; // the end: only blank lines
        }
        let first = head.is_empty();
        let text = if first {
            line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&line)
        } else {
            &line[..]
        };
        if text.iter().all(u8::is_ascii_whitespace) {
            head.extend_from_slice(&line);
            continue;
        }
        if is_record_line(text) {
            let lines_before = head.iter().filter(|&&b| b == b'\n').count();
            stream(path, &mut reader, text, lines_before, sink).map_err(io)?;
            return Ok(None);
        }
        head.extend_from_slice(&line);
        break;
    }
    let room = (MAX_FILE_BYTES + 1).saturating_sub(head.len() as u64);
    reader.take(room).read_to_end(&mut head).map_err(io)?;
    if head.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: head.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(Some(head))
}

/// Whether one line is a whole JSON object on its own (and no JSON Feed, which is a feed).
fn is_record_line(line: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(line) else {
        return false;
    };
    text.trim_start().starts_with('{')
        && !text.contains("jsonfeed.org/version")
        && serde_json::from_str::<Value>(text).is_ok_and(|v| v.is_object())
}

/// Reads records to the end, `first` (the line after `lines_before` blank ones) included.
fn stream(
    path: &Path,
    reader: &mut impl BufRead,
    first: &[u8],
    lines_before: usize,
    sink: &mut dyn FnMut(Vec<Article>, Vec<ImportError>),
) -> io::Result<()> {
    let mut batch = Batch::default();
    batch.record(path, lines_before + 1, first, false);
    let mut line_no = lines_before + 1;
    let mut line = Vec::new();
    loop {
        line.clear();
        let long = read_line(reader, &mut line, MAX_LINE)?;
        if line.is_empty() && !long {
            break;
        }
        line_no += 1;
        if !long && line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        batch.record(path, line_no, &line, long);
        if batch.articles.len() >= FEED_BATCH {
            let (articles, errors) = batch.take();
            sink(articles, errors);
        }
    }
    batch.finish(path, line_no);
    let (articles, errors) = batch.take();
    sink(articles, errors);
    Ok(())
}

/// What has been read since the last hand-over, and the errors counted.
#[derive(Default)]
struct Batch {
    articles: Vec<Article>,
    errors: Vec<ImportError>,
    records: usize,
    listed: usize,
    more: usize,
}

impl Batch {
    /// Reads the record on line `line_no` (1-based).
    fn record(&mut self, path: &Path, line_no: usize, bytes: &[u8], long: bool) {
        self.records += 1;
        let index = self.records;
        let record = |reason: String| ImportError::Record {
            path: path.to_path_buf(),
            index,
            line: line_no,
            reason,
        };
        let error = if long {
            Some(record(format!(
                "a line longer than {} MiB; skipped",
                MAX_LINE >> 20
            )))
        } else {
            let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
            let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => Ok(std::borrow::Cow::Borrowed(text)),
                Err(_) => decode_text(bytes).map(std::borrow::Cow::Owned),
            };
            match text.map(|t| serde_json::from_str::<Value>(&t)) {
                Err(reason) => Some(record(format!("not text: {reason}"))),
                Ok(Err(e)) => {
                    let reason = e.to_string();
                    let reason = reason.split(" at line ").next().unwrap_or(&reason);
                    Some(ImportError::Json {
                        path: path.to_path_buf(),
                        line: line_no,
                        column: e.column(),
                        message: reason.to_string(),
                    })
                }
                Ok(Ok(value)) => match article_from_value(value) {
                    Ok(article) => {
                        self.articles.push(article);
                        None
                    }
                    Err(reason) => Some(record(reason)),
                },
            }
        };
        if let Some(error) = error {
            if self.listed < LISTED {
                self.listed += 1;
                self.errors.push(error);
            } else {
                self.more += 1;
            }
        }
    }

    /// The count of the errors not listed, as one last error.
    fn finish(&mut self, path: &Path, last_line: usize) {
        if self.more > 0 {
            self.errors.push(ImportError::Record {
                path: path.to_path_buf(),
                index: self.records,
                line: last_line,
                reason: format!("and {} more broken records before this line", self.more),
            });
        }
    }

    fn take(&mut self) -> (Vec<Article>, Vec<ImportError>) {
        (
            std::mem::take(&mut self.articles),
            std::mem::take(&mut self.errors),
        )
    }
}

/// Reads one line (its newline kept) into `buf`, at most `limit` bytes of it: true when the
/// line was longer, its rest read past and dropped. An empty `buf` and false: the end.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, limit: usize) -> io::Result<bool> {
    let mut long = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(long);
        }
        let (part, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        let used = part.len();
        if !long && buf.len() + used <= limit {
            buf.extend_from_slice(part);
        } else if !long {
            long = true;
            buf.clear();
        }
        reader.consume(used);
        if done {
            return Ok(long);
        }
    }
}

#[cfg(test)]
#[path = "stream_tests.rs"]
mod tests;
