//! What can go wrong with the store, each naming the store file.

use std::path::{Path, PathBuf};

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "{}: is not a byline store ({detail}); it was left untouched",
        crate::article::shown(path)
    )]
    NotADatabase { path: PathBuf, detail: String },
    #[error(
        "{}: written by a newer byline (schema {found}; this one knows up to {supported}); \
         it was left untouched",
        crate::article::shown(path)
    )]
    TooNew {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    #[error(
        "{}: cannot write here ({detail}); nothing was changed. Is the file or its directory \
         read-only? --store PATH or BYLINE_STORE puts the store elsewhere",
        crate::article::shown(path)
    )]
    ReadOnly { path: PathBuf, detail: String },
    #[error("{}: cannot back up here: {detail}", crate::article::shown(path))]
    BackupTarget { path: PathBuf, detail: String },
    #[error("{}: there is no store here", crate::article::shown(path))]
    Missing { path: PathBuf },
    #[error(
        "{}: written by an older byline (schema {found}); open it once where it can be \
         written to, so that it is brought up to date",
        crate::article::shown(path)
    )]
    NeedsUpgrade { path: PathBuf, found: u32 },
    #[error("{}: {cause}", crate::article::shown(path))]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{}: {cause}", crate::article::shown(path))]
    Sqlite {
        path: PathBuf,
        cause: rusqlite::Error,
    },
    #[error(
        "{}: damaged: {detail}. `byline check` says what is wrong; `byline repair` mends it, \
         keeping a copy of the damaged file",
        crate::article::shown(path)
    )]
    Corrupt { path: PathBuf, detail: String },
    #[error("bad search query {query:?}: {reason}")]
    Query { query: String, reason: String },
    #[error("no article {0}")]
    NotFound(String),
    #[error("id prefix {prefix:?} matches {count} articles; give more of it")]
    Ambiguous { prefix: String, count: usize },
}

impl StoreError {
    pub(crate) fn io(path: &Path, cause: std::io::Error) -> StoreError {
        if matches!(
            cause.kind(),
            std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
        ) {
            return StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: cause.to_string(),
            };
        }
        StoreError::Io {
            path: path.to_path_buf(),
            cause,
        }
    }

    pub(crate) fn sqlite(path: &Path, cause: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path = path.to_path_buf();
        match cause.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => StoreError::NotADatabase {
                path,
                detail: "it does not start with the SQLite header".into(),
            },
            Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
                StoreError::ReadOnly {
                    path,
                    detail: cause.to_string(),
                }
            }
            Some(ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                path,
                detail: cause.to_string(),
            },
            _ => StoreError::Sqlite { path, cause },
        }
    }
}
