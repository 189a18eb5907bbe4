//! Why an input could not be imported, always naming the file.

use std::path::PathBuf;

/// An import failure. Every variant names the file; JSON errors also carry line and column.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read: {cause}", crate::article::shown(path))]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error(
        "{}: is byline's own store, open in this process; it is not read as an input",
        crate::article::shown(path)
    )]
    OwnStore { path: PathBuf },
    #[error("{}: empty file", crate::article::shown(path))]
    Empty { path: PathBuf },
    #[error("{}: binary file, not text ({reason})", crate::article::shown(path))]
    Binary { path: PathBuf, reason: String },
    #[error(
        "{}: too large ({size} bytes; the limit is {limit})",
        crate::article::shown(path)
    )]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error(
        "{}:{line}:{column}: invalid JSON: {message}",
        crate::article::shown(path)
    )]
    Json {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{}:{line}: record {index}: {reason}", crate::article::shown(path))]
    Record {
        path: PathBuf,
        index: usize,
        line: usize,
        reason: String,
    },
    #[error("{}: {reason}", crate::article::shown(path))]
    Invalid { path: PathBuf, reason: String },
}

impl ImportError {
    /// A file whose content is not what its importer reads, and why.
    pub(crate) fn invalid(path: &std::path::Path, reason: String) -> ImportError {
        ImportError::Invalid {
            path: path.to_path_buf(),
            reason,
        }
    }

    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ImportError::Io { path, .. }
            | ImportError::Empty { path }
            | ImportError::OwnStore { path }
            | ImportError::Binary { path, .. }
            | ImportError::TooLarge { path, .. }
            | ImportError::Json { path, .. }
            | ImportError::Record { path, .. }
            | ImportError::Invalid { path, .. } => path,
        }
    }
}
