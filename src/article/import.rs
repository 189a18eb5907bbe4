//! Picks an importer by extension and content, walks directories, reports every failure.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{
    Article, ImportError, decode::decode_owned, json::parse_json, markdown::parse_markdown,
    text::parse_text,
};

/// Largest file (after decompression) that is read whole; bigger ones are refused, not
/// truncated. JSON Lines are read a line at a time, whatever their size (see `stream`).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// The input formats byline reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Json,
    /// RSS, Atom or JSON Feed, read by [`crate::feed::parse_feed`].
    Feed,
    /// A web page, whose article [`crate::page::extract_page`] finds.
    Html,
}

impl Format {
    /// The format an extension names, if any (`.gz` is looked through).
    pub fn from_path(path: &Path) -> Option<Format> {
        // Lossy: a name that is not UTF-8 (`caf\xe9.txt`) still has an extension to read.
        let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = Path::new(name).extension()?.to_str()?;
        match ext {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" => Some(Format::Markdown),
            "json" | "jsonl" | "ndjson" => Some(Format::Json),
            "xml" | "rss" | "atom" | "rdf" | "feed" => Some(Format::Feed),
            "html" | "htm" => Some(Format::Html),
            _ => None,
        }
    }

    /// Guesses the format from the text itself.
    fn sniff(text: &str) -> Format {
        let head = text.trim_start();
        if head.starts_with('{') || head.starts_with('[') {
            Format::Json
        } else if head.starts_with("---\n") || head.starts_with("# ") || head.contains("\n## ") {
            Format::Markdown
        } else {
            Format::Text
        }
    }
}

/// What reading some files gave: articles, and each failure with its file and reason.
#[derive(Debug, Default)]
pub struct ImportReport {
    pub articles: Vec<Article>,
    pub errors: Vec<ImportError>,
    pub files: usize,
}

/// Whether a directory walk picks this file up (a known extension, `.gz` looked through).
pub fn is_importable(path: &Path) -> bool {
    Format::from_path(path).is_some()
}

/// Reads files and directories (recursively, known extensions only, hidden entries skipped),
/// calling `sink` with what each file gave: once per file, or once per batch of
/// [`FEED_BATCH`] items for a feed (only the first report of a file counts it in
/// [`ImportReport::files`]), so a feed of a million items is never held whole. A bad file
/// never stops the walk.
pub fn import_paths(paths: &[PathBuf], mut sink: impl FnMut(&Path, ImportReport)) {
    for path in paths {
        if path.is_dir() {
            let mut files = Vec::new();
            let mut errors = Vec::new();
            collect_files(path, &mut files, &mut errors);
            if !errors.is_empty() {
                sink(
                    path,
                    ImportReport {
                        errors,
                        ..ImportReport::default()
                    },
                );
            }
            for file in files {
                import_file_into(&file, &mut sink);
            }
        } else {
            import_file_into(path, &mut sink);
        }
    }
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<ImportError>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(cause) => {
            return errors.push(ImportError::Io {
                path: dir.to_path_buf(),
                cause,
            });
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, files, errors);
        } else if path.is_file() && is_importable(&path) {
            // Regular files only: a FIFO would block the walk, a device never end.
            files.push(path);
        }
    }
}

/// Items of a feed file handed over at a time by [`import_paths`].
pub const FEED_BATCH: usize = 1000;

/// Reads one file into articles, all of them in one report.
pub fn import_file(path: &Path) -> ImportReport {
    let mut report = ImportReport::default();
    import_file_into(path, &mut |_, part: ImportReport| {
        report.files += part.files;
        report.articles.extend(part.articles);
        report.errors.extend(part.errors);
    });
    report
}

/// Reads one file, handing `sink` a report per batch (one for a file that is not a feed).
fn import_file_into(path: &Path, sink: &mut impl FnMut(&Path, ImportReport)) {
    let mut files = 1;
    let mut part = |articles, errors| {
        let files = std::mem::take(&mut files);
        sink(
            path,
            ImportReport {
                articles,
                errors,
                files,
            },
        );
    };
    let format = Format::from_path(path);
    let bytes = open_input(path).and_then(|(input, size)| match format {
        // JSON Lines stream: a file of any size is read in batches.
        Some(Format::Json) => super::stream::read_json(path, input, &mut part),
        _ => read_limited(path, input, size).map(Some),
    });
    match bytes {
        Ok(Some(bytes)) => import_owned(path, bytes, format, &mut part),
        Ok(None) => {}
        Err(e) => part(Vec::new(), vec![e]),
    }
}

/// The file's content, looked through gzip, and its size on disk: only a regular file that is
/// not the store's own.
fn open_input(path: &Path) -> Result<(Box<dyn Read>, u64), ImportError> {
    let io = |cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    };
    if crate::guard::is_open_store_file(path) {
        return Err(ImportError::OwnStore {
            path: path.to_path_buf(),
        });
    }
    // Named on the command line or found in a walk, only a regular file is read: opening a
    // FIFO waits for a writer that may never come, a device never ends.
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        return Err(ImportError::Invalid {
            path: path.to_path_buf(),
            reason: "not a regular file (a pipe, a device or a socket); not read".into(),
        });
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    let is_gz = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    let reader: Box<dyn Read> = if is_gz {
        Box::new(flate2::read::GzDecoder::new(file))
    } else {
        Box::new(file)
    };
    Ok((reader, size))
}

/// Reads `reader` whole, up to [`MAX_FILE_BYTES`].
fn read_limited(path: &Path, reader: Box<dyn Read>, size: u64) -> Result<Vec<u8>, ImportError> {
    let io = |cause| ImportError::Io {
        path: path.to_path_buf(),
        cause,
    };
    let mut bytes = Vec::with_capacity(usize::try_from(size.min(MAX_FILE_BYTES)).unwrap_or(0));
    reader
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: size.max(bytes.len() as u64),
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(bytes)
}

/// Turns the bytes of one file into articles; `format` is sniffed from the text when `None`.
///
/// ```
/// use std::path::Path;
/// use byline::article::import_bytes;
/// let (articles, errors) = import_bytes(Path::new("a.txt"), b"Title\n\nBody text.", None);
/// assert_eq!(articles[0].title, "Title");
/// assert!(errors.is_empty());
/// ```
pub fn import_bytes(
    path: &Path,
    bytes: &[u8],
    format: Option<Format>,
) -> (Vec<Article>, Vec<ImportError>) {
    let (mut articles, mut errors) = (Vec::new(), Vec::new());
    import_owned(path, bytes.to_vec(), format, &mut |a, e| {
        articles.extend(a);
        errors.extend(e);
    });
    (articles, errors)
}

/// The first `n` bytes of a file after its byte-order mark and leading whitespace.
fn head(bytes: &[u8], n: usize) -> &[u8] {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(0);
    &bytes[start..bytes.len().min(start + n)]
}

/// Whether bytes are XML or a JSON Feed (feeds are read from bytes: XML declares its encoding).
fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = head(bytes, 1024);
    head.starts_with(b"<")
        || (head.starts_with(b"{") && head.windows(20).any(|w| w == b"jsonfeed.org/version"))
}

/// Whether bytes open as a web page (`<!doctype html>` or `<html` first).
fn looks_like_page(bytes: &[u8]) -> bool {
    let head = head(bytes, 15).to_ascii_lowercase();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// A saved web page: its article, titled by the page (else by the file's name).
fn import_page(path: &Path, bytes: &[u8]) -> Result<Article, ImportError> {
    let html = crate::page::decode_page(bytes, None);
    let page = crate::page::extract_page(&html, None);
    if page.body.text.trim().is_empty() {
        let reason = "a web page, but no article text was found in it".to_string();
        return Err(ImportError::invalid(path, reason));
    }
    let stem = path
        .file_stem()
        .map_or("Untitled".into(), |s| s.to_string_lossy());
    Ok(page.into_article(None, &stem))
}

/// What one call of an importer's sink carries: articles and failures.
type Sink<'a> = dyn FnMut(Vec<Article>, Vec<ImportError>) + 'a;

/// Reads a feed a batch of [`FEED_BATCH`] items at a time.
fn import_feed(path: &Path, bytes: &[u8], sink: &mut Sink<'_>) {
    let invalid = |reason| ImportError::invalid(path, reason);
    let location = path.display().to_string();
    let read = crate::feed::parse_feed_batches(bytes, &location, FEED_BATCH, |feed| {
        sink(
            feed.articles,
            feed.skipped.into_iter().map(invalid).collect(),
        );
        std::ops::ControlFlow::Continue(())
    });
    match read {
        Ok(()) => {}
        Err(_)
            if bytes
                .windows(5)
                .take(4096)
                .any(|w| w.eq_ignore_ascii_case(b"<opml")) =>
        {
            let reason = "an OPML subscription list: `byline opml import` subscribes to its feeds";
            sink(Vec::new(), vec![invalid(reason.to_string())]);
        }
        Err(reason) => sink(Vec::new(), vec![invalid(reason)]),
    }
}

/// [`import_bytes`] taking the bytes, so a big file is not held twice while it is parsed, and
/// handing what it reads to `sink` (a feed in batches).
fn import_owned(path: &Path, bytes: Vec<u8>, format: Option<Format>, sink: &mut Sink<'_>) {
    let mut fail = |e| sink(Vec::new(), vec![e]);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return fail(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    if format == Some(Format::Html) || (format.is_none() && looks_like_page(&bytes)) {
        return match import_page(path, &bytes) {
            Ok(article) => sink(vec![article], Vec::new()),
            Err(e) => fail(e),
        };
    }
    if format == Some(Format::Feed)
        || (matches!(format, None | Some(Format::Json)) && looks_like_feed(&bytes))
    {
        return import_feed(path, &bytes, sink);
    }
    let text = match decode_owned(bytes) {
        Ok(text) => text,
        Err(reason) => {
            return fail(ImportError::Binary {
                path: path.to_path_buf(),
                reason,
            });
        }
    };
    let one = |parsed: Result<Article, String>| match parsed {
        Ok(article) => (vec![article], Vec::new()),
        Err(reason) => (Vec::new(), vec![ImportError::invalid(path, reason)]),
    };
    let (articles, errors) = match format.unwrap_or_else(|| Format::sniff(&text)) {
        Format::Feed => return import_feed(path, text.as_bytes(), sink),
        Format::Html => match import_page(path, text.as_bytes()) {
            Ok(article) => (vec![article], Vec::new()),
            Err(e) => (Vec::new(), vec![e]),
        },
        Format::Text => one(parse_text(&text)),
        Format::Markdown => {
            let stem = path
                .file_stem()
                .map_or("Untitled".into(), |s| s.to_string_lossy());
            one(parse_markdown(&text, &stem))
        }
        Format::Json => json_articles(path, &text),
    };
    sink(articles, errors);
}

/// The articles of a JSON file, and its failures placed in the file.
fn json_articles(path: &Path, text: &str) -> (Vec<Article>, Vec<ImportError>) {
    let (articles, errors) = parse_json(text);
    let errors = errors
        .into_iter()
        .map(|e| {
            let path = path.to_path_buf();
            if e.is_syntax {
                ImportError::Json {
                    path,
                    line: e.line,
                    column: e.column,
                    message: e.reason,
                }
            } else {
                ImportError::Record {
                    path,
                    index: e.index,
                    line: e.line,
                    reason: e.reason,
                }
            }
        })
        .collect();
    (articles, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_is_an_error_naming_it() {
        let (_, e) = import_bytes(Path::new("empty.txt"), b"  \n", None);
        assert_eq!(e[0].to_string(), "empty.txt: empty file");
    }

    #[test]
    fn binary_file_is_refused() {
        let (_, e) = import_bytes(Path::new("x.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None);
        assert!(
            e[0].to_string().starts_with("x.txt: binary file"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let (_, e) = import_bytes(Path::new("a.json"), b"{\n  \"title\": }", None);
        assert!(e[0].to_string().starts_with("a.json:2:"), "{}", e[0]);
    }

    #[test]
    fn format_comes_from_extension_through_gz() {
        assert_eq!(
            Format::from_path(Path::new("x/large.jsonl.gz")),
            Some(Format::Json)
        );
        assert_eq!(Format::from_path(Path::new("a.MD")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("a.png")), None);
        assert_eq!(
            Format::from_path(Path::new("saved/page.HTM")),
            Some(Format::Html)
        );
        assert_eq!(
            Format::from_path(Path::new("page.html.gz")),
            Some(Format::Html)
        );
    }

    #[test]
    fn a_saved_page_is_its_article() {
        let page = b"<html><head><title>Port reopens</title>\
            <link rel=canonical href='https://post.example/port'></head><body>\
            <nav><a href='/'>Home</a></nav><article><p>The port reopened on Monday after a week \
            of strikes, and the first ships came in at noon.</p></article></body></html>";
        let (articles, errors) = import_bytes(Path::new("saved"), page, None);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(articles[0].title, "Port reopens");
        assert_eq!(
            articles[0].url.as_deref(),
            Some("https://post.example/port")
        );
        assert!(articles[0].body.text.starts_with("The port reopened"));
    }

    #[test]
    fn a_page_without_an_article_is_an_error_naming_it() {
        let path = Path::new("menu.html");
        let (_, e) = import_bytes(
            path,
            b"<nav><a href='/'>Home</a></nav>",
            Format::from_path(path),
        );
        assert_eq!(
            e[0].to_string(),
            "menu.html: a web page, but no article text was found in it"
        );
    }

    #[test]
    fn latin1_text_is_decoded() {
        let (a, e) = import_bytes(
            Path::new("a.txt"),
            b"Caf\xe9 news\n\nThe caf\xe9 opened.",
            None,
        );
        assert!(e.is_empty());
        assert_eq!(a[0].title, "Café news");
    }
}
