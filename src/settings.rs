//! Single values of the config file read outside the reader (which reads and checks the whole
//! file and reports its mistakes): the daily backups to keep, full text for every feed.

use std::path::{Path, PathBuf};

/// The config file: `BYLINE_CONFIG`, else `$XDG_CONFIG_HOME/byline/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    std::env::var_os("BYLINE_CONFIG")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "byline")
                .map(|d| d.config_dir().join("config.toml"))
        })
}

/// The largest config file read: far past any hand-written one.
const MAX_FILE: u64 = 8 << 20;

/// The config file's text, refused past [`MAX_FILE`] (a file that grows without end is not
/// read into memory whole), when not a regular file (a FIFO would block the start) and when it
/// is an open store's file (reading it would drop SQLite's locks, see [`crate::guard`]).
pub fn read_config(path: &Path) -> std::io::Result<String> {
    use std::io::{Error, Read};
    if crate::guard::is_open_store_file(path) {
        return Err(Error::other("is byline's own store, open in this process"));
    }
    if !std::fs::metadata(path)?.is_file() {
        return Err(Error::other("not a regular file"));
    }
    let mut text = String::new();
    std::fs::File::open(path)?
        .take(MAX_FILE + 1)
        .read_to_string(&mut text)?;
    if text.len() as u64 > MAX_FILE {
        return Err(Error::other("larger than 8 MB"));
    }
    Ok(text)
}

/// The value of `key` in the config file's `[section]`, if the file has one.
pub fn config_value(section: &str, key: &str) -> Option<toml::Value> {
    // The reader says what is wrong with the file; here it is only passed over.
    config_path()
        .and_then(|p| read_config(&p).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|mut t| t.remove(section)?.as_table_mut()?.remove(key))
}

/// `[feeds] full_text = true`: every feed's new items are fetched whole during a refresh.
pub fn full_text_for_all_feeds() -> bool {
    config_value("feeds", "full_text").and_then(|v| v.as_bool()) == Some(true)
}
