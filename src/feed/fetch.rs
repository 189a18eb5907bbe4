//! Fetching a feed: `http(s)://` with ureq (rustls) and `file://` from disk. Timeouts, a size
//! cap, a redirect cap, gzip, and conditional requests (ETag, Last-Modified), so an unchanged
//! feed costs one small request.

use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;

/// What the last fetch of a feed returned, sent back to ask "has it changed?".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A fetch that worked.
#[derive(Debug)]
pub enum FetchOutcome {
    /// The server says the feed is as it was (304).
    NotModified,
    Fetched {
        bytes: Vec<u8>,
        validators: Validators,
        /// Where the feed was found after redirects.
        url: String,
    },
}

/// Why a feed could not be fetched.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("no answer within {0} s")]
    Timeout(u64),
    #[error("larger than the limit of {0} bytes")]
    TooLarge(u64),
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error("the server answered {0}")]
    Status(u16),
    #[error("not a URL byline fetches: {0}")]
    BadUrl(String),
    #[error("{0}")]
    Network(String),
    #[error("cannot read {path}: {cause}")]
    File { path: String, cause: std::io::Error },
    #[error("{0}: not a regular file (byline reads feeds from regular files only)")]
    NotAFile(String),
    #[error("{0}")]
    OwnStore(String),
}

/// Fetches feeds; one is shared by every worker thread.
#[derive(Debug, Clone)]
pub struct Fetcher {
    agent: ureq::Agent,
    timeout: Duration,
    max_bytes: u64,
    max_redirects: u32,
}

impl Default for Fetcher {
    fn default() -> Self {
        Fetcher::with_timeout(Duration::from_secs(20))
    }
}

impl Fetcher {
    /// The largest feed fetched (32 MiB) and the longest redirect chain followed (5).
    pub const MAX_BYTES: u64 = 32 * 1024 * 1024;
    pub const MAX_REDIRECTS: u32 = 5;

    /// A fetcher with the usual caps and this timeout.
    pub fn with_timeout(timeout: Duration) -> Fetcher {
        Fetcher::new(timeout, Fetcher::MAX_BYTES, Fetcher::MAX_REDIRECTS)
    }

    /// A fetcher giving up after `timeout` for the whole request, refusing bodies over
    /// `max_bytes` and chains of more than `max_redirects` redirects.
    pub fn new(timeout: Duration, max_bytes: u64, max_redirects: u32) -> Fetcher {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(max_redirects)
            .http_status_as_error(false)
            .user_agent(concat!("byline/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Fetcher {
            agent,
            timeout,
            max_bytes,
            max_redirects,
        }
    }

    /// This fetcher with another size cap (web pages are held to less than feeds).
    pub fn with_max_bytes(&self, max_bytes: u64) -> Fetcher {
        Fetcher::new(self.timeout, max_bytes, self.max_redirects)
    }

    /// Fetches `url`, sending `known` as conditional-request headers.
    pub fn fetch(&self, url: &str, known: &Validators) -> Result<FetchOutcome, FetchError> {
        let url = url.trim();
        if let Some(path) = url.strip_prefix("file://") {
            return self.read_file(path, known);
        }
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(FetchError::BadUrl(url.to_string()));
        }
        let mut request = self.agent.get(url);
        if let Some(etag) = &known.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(date) = &known.last_modified {
            request = request.header("If-Modified-Since", date);
        }
        let mut response = request.call().map_err(|e| self.error(e))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(FetchOutcome::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = response.get_uri().to_string();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| self.error(e))?;
        Ok(FetchOutcome::Fetched {
            bytes,
            validators,
            url: final_url,
        })
    }

    /// Reads a `file://` feed on a thread of its own, given up after the timeout like any
    /// fetch (a file on a hung network mount must not hang a refresh).
    fn read_file(&self, path: &str, known: &Validators) -> Result<FetchOutcome, FetchError> {
        let decoded = url::Url::parse(&format!("file://{path}"))
            .ok()
            .and_then(|u| u.to_file_path().ok())
            .unwrap_or_else(|| path.into());
        if crate::guard::is_open_store_file(&decoded) {
            return Err(FetchError::OwnStore(crate::guard::refusal(&decoded)));
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let (known, max_bytes) = (known.clone(), self.max_bytes);
        std::thread::spawn(move || {
            let _ = tx.send(read_local(&decoded, &known, max_bytes));
        });
        let outcome = rx
            .recv_timeout(self.timeout)
            .map_err(|_| FetchError::Timeout(self.timeout.as_secs()))?;
        outcome.map(|(bytes, validators)| match bytes {
            None => FetchOutcome::NotModified,
            Some(bytes) => FetchOutcome::Fetched {
                bytes,
                validators,
                url: format!("file://{path}"),
            },
        })
    }

    fn error(&self, e: ureq::Error) -> FetchError {
        match e {
            ureq::Error::Timeout(_) => FetchError::Timeout(self.timeout.as_secs()),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.max_bytes),
            ureq::Error::TooManyRedirects => FetchError::TooManyRedirects(self.max_redirects),
            ureq::Error::StatusCode(code) => FetchError::Status(code),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                FetchError::Timeout(self.timeout.as_secs())
            }
            other => FetchError::Network(other.to_string()),
        }
    }
}

/// Reads a local feed file, no more than `max_bytes`; `None` when its size and modification
/// time (standing in for Last-Modified) say it is unchanged. Only regular files are read: a
/// FIFO would block, a device (`/dev/zero`) never end.
fn read_local(
    path: &std::path::Path,
    known: &Validators,
    max_bytes: u64,
) -> Result<(Option<Vec<u8>>, Validators), FetchError> {
    let file_error = |cause| FetchError::File {
        path: crate::article::shown(path).to_string(),
        cause,
    };
    let file = open_regular(path).map_err(file_error)?;
    let meta = file.metadata().map_err(file_error)?;
    if !meta.is_file() {
        return Err(FetchError::NotAFile(
            crate::article::shown(path).to_string(),
        ));
    }
    let stamp = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|modified| format!("file {} {}", modified.as_nanos(), meta.len()));
    let validators = Validators {
        etag: None,
        last_modified: stamp,
    };
    if validators.last_modified.is_some() && validators.last_modified == known.last_modified {
        return Ok((None, validators));
    }
    let mut bytes = Vec::new();
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(file_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(FetchError::TooLarge(max_bytes));
    }
    Ok((Some(bytes), validators))
}

/// Opens a file for reading without blocking on a FIFO (whose open waits for a writer); the
/// caller checks the opened file's type, so nothing can be swapped in between.
fn open_regular(path: &std::path::Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}
