//! The config file, `$XDG_CONFIG_HOME/byline/config.toml`: keys, theme colours and watched
//! keywords, merged over the defaults. A mistake is reported with its key and line, and that
//! entry keeps its default (a file that is not TOML at all leaves every default in place).
//!
//! ```toml
//! [keys]
//! down = ["j", "ctrl-n"]      # an action's keys replace its default keys
//! quit = "Q"
//!
//! [theme]
//! person = "light-cyan"
//! match = "black on yellow bold"
//!
//! [highlight]
//! keywords = ["Halvorsen", "/port(s)? strike/"]   # /.../ is a regular expression
//!
//! [feeds]
//! refresh_minutes = 30        # refresh in the background while the reader is open
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::keymap::{Keymap, parse_key};
use super::theme::{Theme, parse_style};

/// A watched keyword: plain text (any case) or a regular expression.
#[derive(Debug, Clone)]
pub struct Keyword {
    pub text: String,
    pub regex: regex::Regex,
    /// Plain keywords can also be looked up in the store's full-text index.
    pub plain: bool,
}

/// The reader's settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub keywords: Vec<Keyword>,
    /// Refresh the feeds this often while the reader is open (off when `None`).
    pub refresh_every: Option<std::time::Duration>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    keys: BTreeMap<String, Spanned<OneOrMany>>,
    #[serde(default)]
    theme: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    highlight: RawHighlight,
    #[serde(default)]
    feeds: RawFeeds,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawFeeds {
    refresh_minutes: Option<Spanned<u64>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawHighlight {
    #[serde(default)]
    keywords: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// Where the config file is looked for.
pub fn default_path() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "byline").map(|d| d.config_dir().join("config.toml"))
}

impl Config {
    /// Reads the config file at `path`; a missing file is the defaults. The strings are what
    /// was wrong, each naming the file, line and key.
    pub fn load(path: &Path) -> (Config, Vec<String>) {
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (
                Config::default(),
                vec![format!("{}: cannot read: {e}", path.display())],
            ),
        }
    }

    /// Reads config text; `name` names it in messages.
    pub fn parse(text: &str, name: &str) -> (Config, Vec<String>) {
        let mut config = Config::default();
        let raw: RawConfig = match toml::from_str(text) {
            Ok(raw) => raw,
            Err(e) => {
                let line = e.span().map_or(1, |s| line_of(text, s.start));
                let message = e.message().trim().to_string();
                return (
                    config,
                    vec![format!("{name} line {line}: {message}; using the defaults")],
                );
            }
        };
        let mut errors = Vec::new();
        let at = |span: std::ops::Range<usize>| line_of(text, span.start);
        for (action, keys) in &raw.keys {
            let list = match keys.get_ref() {
                OneOrMany::One(k) => vec![k.clone()],
                OneOrMany::Many(ks) => ks.clone(),
            };
            let parsed: Result<Vec<_>, String> = list.iter().map(|k| parse_key(k)).collect();
            let problem = match parsed {
                Ok(keys) if config.keymap.bind(action, &keys) => continue,
                Ok(_) => format!("no action called {action:?}"),
                Err(e) => e,
            };
            errors.push(format!(
                "{name} line {}: keys.{action}: {problem}",
                at(keys.span())
            ));
        }
        for (slot, style) in &raw.theme {
            let problem = match (config.theme.slot(slot), parse_style(style.get_ref())) {
                (Some(s), Ok(parsed)) => {
                    *s = parsed;
                    continue;
                }
                (None, _) => format!("no style called {slot:?}"),
                (_, Err(e)) => e,
            };
            errors.push(format!(
                "{name} line {}: theme.{slot}: {problem}",
                at(style.span())
            ));
        }
        for keyword in &raw.highlight.keywords {
            match watched(keyword.get_ref()) {
                Ok(k) => config.keywords.push(k),
                Err(e) => errors.push(format!(
                    "{name} line {}: highlight.keywords: {e}",
                    at(keyword.span())
                )),
            }
        }
        if let Some(minutes) = &raw.feeds.refresh_minutes {
            match *minutes.get_ref() {
                0 => {}
                m if m <= 7 * 24 * 60 => {
                    config.refresh_every = Some(std::time::Duration::from_secs(m * 60));
                }
                _ => errors.push(format!(
                    "{name} line {}: feeds.refresh_minutes: at most a week (10080)",
                    at(minutes.span())
                )),
            }
        }
        (config, errors)
    }
}

/// A keyword as written: `/.../` is a regular expression, anything else plain text.
fn watched(text: &str) -> Result<Keyword, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("an empty keyword".into());
    }
    let (pattern, plain) = match trimmed.strip_prefix('/').and_then(|t| t.strip_suffix('/')) {
        Some(re) if !re.is_empty() => (format!("(?i){re}"), false),
        _ => (format!("(?i){}", regex::escape(trimmed)), true),
    };
    let regex = regex::RegexBuilder::new(&pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| format!("{trimmed:?} is not a valid regular expression: {e}"))?;
    Ok(Keyword {
        text: trimmed.to_string(),
        regex,
        plain,
    })
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).unwrap_or(text).matches('\n').count() + 1
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;

    #[test]
    fn keys_theme_and_keywords_merge_over_the_defaults() {
        let (config, errors) = Config::parse(
            "[keys]\ndown = [\"ctrl-n\"]\nquit = \"Q\"\n\n[theme]\nperson = \"red on black\"\n\n\
             [highlight]\nkeywords = [\"Halvorsen\", \"/port(s)? strike/\"]\n",
            "config.toml",
        );
        assert!(errors.is_empty(), "{errors:?}");
        let press = |c| {
            config
                .keymap
                .action_for(KeyEvent::new(c, KeyModifiers::NONE), false)
        };
        assert_eq!(press(KeyCode::Char('Q')), Some(Action::Quit));
        assert_eq!(press(KeyCode::Char('q')), None);
        assert_eq!(
            press(KeyCode::Char('k')),
            Some(Action::Up),
            "other keys keep their defaults"
        );
        assert_eq!(config.theme.person.fg, Some(ratatui::style::Color::Red));
        assert_eq!(config.theme.org, Theme::default().org);
        assert_eq!(config.keywords.len(), 2);
        assert!(config.keywords[0].plain && !config.keywords[1].plain);
        assert!(config.keywords[1].regex.is_match("The Ports strike ended"));
    }

    #[test]
    fn a_bad_entry_names_its_key_and_line_and_keeps_its_default() {
        let (config, errors) = Config::parse(
            "[keys]\nquit = \"Q\"\njump = \"x\"\ndown = \"ctrl-\"\n[theme]\nperson = \"mauve-ish\"\n\
             [highlight]\nkeywords = [\"/(unclosed/\"]\n",
            "config.toml",
        );
        assert_eq!(errors.len(), 4, "{errors:?}");
        assert!(
            errors[0].starts_with("config.toml line 4: keys.down:"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("config.toml line 3: keys.jump: no action"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("config.toml line 6: theme.person:"),
            "{errors:?}"
        );
        assert!(
            errors[3].starts_with("config.toml line 8: highlight.keywords:"),
            "{errors:?}"
        );
        let press = |c| {
            config
                .keymap
                .action_for(KeyEvent::new(c, KeyModifiers::NONE), false)
        };
        assert_eq!(
            press(KeyCode::Char('Q')),
            Some(Action::Quit),
            "good entries still apply"
        );
        assert_eq!(press(KeyCode::Char('j')), Some(Action::Down));
        assert_eq!(config.theme.person, Theme::default().person);
    }

    #[test]
    fn text_that_is_not_toml_gives_the_defaults_and_a_line() {
        let (config, errors) = Config::parse("[keys]\nquit = \n", "c.toml");
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with("c.toml line 2:"), "{errors:?}");
        assert_eq!(config.theme, Theme::default());
        let (_, errors) = Config::parse("[colours]\nx = 1\n", "c.toml");
        assert!(
            errors[0].contains("line 1") && errors[0].contains("colours"),
            "{errors:?}"
        );
    }

    #[test]
    fn automatic_refresh_is_off_unless_asked_for() {
        assert_eq!(Config::default().refresh_every, None);
        let (config, errors) = Config::parse("[feeds]\nrefresh_minutes = 30\n", "c");
        assert!(errors.is_empty());
        assert_eq!(
            config.refresh_every,
            Some(std::time::Duration::from_secs(1800))
        );
        let (config, errors) = Config::parse("[feeds]\nrefresh_minutes = 99999999\n", "c");
        assert!(
            errors[0].starts_with("c line 2: feeds.refresh_minutes"),
            "{errors:?}"
        );
        assert_eq!(config.refresh_every, None);
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let (config, errors) = Config::load(Path::new("/nonexistent/byline/config.toml"));
        assert!(errors.is_empty() && config.keywords.is_empty());
    }
}
