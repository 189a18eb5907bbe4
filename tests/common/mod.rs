//! Helpers shared by the corpus tests.

use std::path::PathBuf;

/// ../shared, from `BYLINE_SHARED`; `None` (and a line saying the test is skipped) without it.
pub fn shared() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("BYLINE_SHARED") else {
        eprintln!("BYLINE_SHARED is not set; skipping corpus test");
        return None;
    };
    Some(PathBuf::from(dir))
}
