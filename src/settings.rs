//! Single values of the config file read outside the reader (which reads and checks the whole
//! file and reports its mistakes): the daily backups to keep, full text for every feed.

use std::path::PathBuf;

/// The config file: `BYLINE_CONFIG`, else `$XDG_CONFIG_HOME/byline/config.toml`.
pub fn config_path() -> Option<PathBuf> {
    std::env::var_os("BYLINE_CONFIG")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("", "", "byline")
                .map(|d| d.config_dir().join("config.toml"))
        })
}

/// The value of `key` in the config file's `[section]`, if the file has one.
pub fn config_value(section: &str, key: &str) -> Option<toml::Value> {
    config_path()
        .filter(|p| !crate::guard::is_open_store_file(p))
        .and_then(|p| std::fs::read_to_string(p).ok())
        .and_then(|text| text.parse::<toml::Table>().ok())
        .and_then(|mut t| t.remove(section)?.as_table_mut()?.remove(key))
}

/// `[feeds] full_text = true`: every feed's new items are fetched whole during a refresh.
pub fn full_text_for_all_feeds() -> bool {
    config_value("feeds", "full_text").and_then(|v| v.as_bool()) == Some(true)
}
