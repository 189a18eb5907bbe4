//! The config file, `$XDG_CONFIG_HOME/byline/config.toml`: keys, theme colours and watched
//! keywords, merged over the defaults. A mistake is reported with its key and line, and only
//! that entry keeps its default: the rest of the file applies (`byline config check` lists
//! every mistake).
//!
//! ```toml
//! [keys]
//! down = ["j", "ctrl-n"]      # an action's keys replace its default keys
//! quit = "Q"
//!
//! [search_keys]               # the search line's keys; other characters are typed
//! toggle_regex = "ctrl-t"
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
//!
//! [links]
//! hyperlinks = false          # no OSC 8 hyperlinks on link text (on by default)
//! opener = "firefox --new-tab" # what opens links (else $BROWSER, else xdg-open)
//! ```

use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::keymap::Keymap;
use super::keys::parse_key;
use super::theme::{Theme, parse_style};
use super::watch::Watched;

/// The reader's settings.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub keymap: Keymap,
    pub theme: Theme,
    pub watched: Watched,
    /// Refresh the feeds this often while the reader is open (off when `None`).
    pub refresh_every: Option<std::time::Duration>,
    pub links: LinkSettings,
    /// When an opened article is marked read.
    pub mark_read: super::daily::MarkRead,
}

/// How links are shown and opened (`[links]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSettings {
    /// Link text carries OSC 8 hyperlinks, clickable in terminals that support them.
    pub hyperlinks: bool,
    /// The program that opens links, with its arguments (`%s` the URL, else appended).
    pub opener: Option<String>,
}

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings {
            hyperlinks: true,
            opener: None,
        }
    }
}

/// One mistake in the file: its line and what is wrong, the key named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub text: String,
}

type Value<'a> = Spanned<DeValue<'a>>;

/// Where the config file is: `BYLINE_CONFIG`, else `$XDG_CONFIG_HOME/byline/config.toml`.
pub fn path() -> Option<std::path::PathBuf> {
    crate::settings::config_path()
}

impl Config {
    /// Reads the config file at `path`; a missing file is the defaults. The strings are what
    /// was wrong, each naming the file, line and key, in the file's order.
    pub fn load(path: &Path) -> (Config, Vec<String>) {
        let name = crate::article::neutralize_controls(&crate::article::shown(path).to_string())
            .into_owned();
        // Reading the open store's own file would drop SQLite's locks on it (issue 11).
        if crate::guard::is_open_store_file(path) {
            return (Config::default(), vec![crate::guard::refusal(path)]);
        }
        match crate::settings::read_config(path) {
            Ok(text) => {
                let (config, problems) = Config::parse(&text);
                let said = problems
                    .iter()
                    .map(|p| format!("{name} line {}: {}", p.line, p.text))
                    .collect();
                (config, said)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
            Err(e) => (Config::default(), vec![format!("{name}: cannot read: {e}")]),
        }
    }

    /// Reads config text. Each entry that is wrong keeps its default and the rest applies; a
    /// line that is not TOML loses only what it held.
    pub fn parse(text: &str) -> (Config, Vec<Problem>) {
        let (doc, syntax) = DeTable::parse_recoverable(text);
        let mut read = Reader {
            text,
            config: Config::default(),
            problems: Vec::new(),
        };
        for (section, value) in doc.get_ref() {
            read.section(section, value);
        }
        // What the parser made of a line that is not TOML is not worth a second message.
        let at: Vec<usize> = syntax
            .iter()
            .map(|e| e.span().map_or(0, |s| s.start))
            .collect();
        let broken: Vec<usize> = at.iter().map(|&a| line_of(text, a)).collect();
        read.problems.retain(|p| !broken.contains(&p.line));
        for (e, at) in syntax.iter().zip(at) {
            read.problem(at..at, "", e.message().trim());
        }
        read.problems.sort_by_key(|p| p.line);
        (read.config, read.problems)
    }
}

/// Reads a parsed file into a [`Config`], noting what is wrong.
struct Reader<'t> {
    text: &'t str,
    config: Config,
    problems: Vec<Problem>,
}

impl Reader<'_> {
    fn problem(&mut self, span: Range<usize>, key: &str, what: &str) {
        let line = line_of(self.text, span.start);
        let text = if key.is_empty() {
            what.to_string()
        } else {
            format!("{key}: {what}")
        };
        self.problems.push(Problem { line, text });
    }

    fn section(&mut self, name: &Spanned<std::borrow::Cow<'_, str>>, value: &Value<'_>) {
        let name_str = name.get_ref().as_ref();
        let Some(table) = value.get_ref().as_table() else {
            return self.problem(name.span(), name_str, "expected a section ([...])");
        };
        let entries = table
            .iter()
            .map(|(k, v)| (k.get_ref().as_ref(), k.span(), v));
        match name_str {
            "keys" | "search_keys" | "help_keys" => {
                entries.for_each(|(k, at, v)| self.key(name_str, k, at, v));
            }
            "theme" => entries.for_each(|(k, at, v)| self.style(k, at, v)),
            "highlight" => entries.for_each(|(k, at, v)| self.highlight(k, at, v)),
            "feeds" => entries.for_each(|(k, at, v)| self.feeds(k, at, v)),
            "links" => entries.for_each(|(k, at, v)| self.links(k, at, v)),
            "reader" => entries.for_each(|(k, at, v)| self.reader(k, at, v)),
            // Read by the store's commands (`byline backup`); checked here with the rest.
            "backup" => entries.for_each(|(k, at, v)| self.backup(k, at, v)),
            other => {
                let what = "no such section \
                    (keys, search_keys, help_keys, theme, highlight, feeds, links, reader, backup)";
                self.problem(name.span(), &format!("[{other}]"), what);
            }
        }
    }

    fn key(&mut self, section: &str, action: &str, at: Range<usize>, value: &Value<'_>) {
        let key = format!("{section}.{action}");
        let parsed: Result<Vec<_>, String> =
            strings(value).and_then(|ks| ks.iter().map(|k| parse_key(k)).collect());
        let bindings = self.config.keymap.section(section);
        let problem = match parsed {
            Ok(keys) if bindings.is_some_and(|b| b.bind(action, &keys)) => return,
            Ok(_) => format!("no action called {action:?}"),
            Err(e) => e,
        };
        self.problem(at, &key, &problem);
    }

    fn style(&mut self, slot: &str, at: Range<usize>, value: &Value<'_>) {
        let key = format!("theme.{slot}");
        let parsed = value
            .get_ref()
            .as_str()
            .ok_or_else(|| "expected a style in quotes".to_string())
            .and_then(parse_style);
        let problem = match (self.config.theme.slot(slot), parsed) {
            (Some(s), Ok(style)) => return *s = style,
            (None, _) => format!("no style called {slot:?}"),
            (_, Err(e)) => e,
        };
        self.problem(at, &key, &problem);
    }

    fn highlight(&mut self, name: &str, at: Range<usize>, value: &Value<'_>) {
        if name != "keywords" {
            return self.problem(
                at,
                &format!("highlight.{name}"),
                "no such setting (keywords)",
            );
        }
        let Some(list) = value.get_ref().as_array() else {
            return self.problem(
                value.span(),
                "highlight.keywords",
                "expected a list of strings",
            );
        };
        let mut words = Vec::new();
        let mut spans = Vec::new();
        for item in list {
            match item.get_ref().as_str() {
                Some(w) => {
                    words.push(w.to_string());
                    spans.push(item.span());
                }
                None => self.problem(item.span(), "highlight.keywords", "expected a string"),
            }
        }
        let (watched, problems) = Watched::new(&words);
        self.config.watched = watched;
        for (i, what) in problems {
            self.problem(spans[i].clone(), "highlight.keywords", &what);
        }
    }

    fn feeds(&mut self, name: &str, at: Range<usize>, value: &Value<'_>) {
        const WEEK: i64 = 7 * 24 * 60;
        if name == "full_text" {
            // Read by refreshes (crate::settings); checked here with the rest.
            if value.get_ref().as_bool().is_none() {
                self.problem(value.span(), "feeds.full_text", "expected true or false");
            }
            return;
        }
        if name != "refresh_minutes" {
            return self.problem(
                at,
                &format!("feeds.{name}"),
                "no such setting (refresh_minutes, full_text)",
            );
        }
        let minutes = value.get_ref().as_integer().and_then(|i| {
            i64::from_str_radix(i.as_str().replace('_', "").as_str(), i.radix()).ok()
        });
        match minutes {
            Some(0) => self.config.refresh_every = None,
            Some(m @ 1..=WEEK) => {
                let secs = u64::try_from(m * 60).unwrap_or(u64::MAX);
                self.config.refresh_every = Some(std::time::Duration::from_secs(secs));
            }
            _ => self.problem(
                value.span(),
                "feeds.refresh_minutes",
                &format!("expected a number of minutes from 0 (off) to a week ({WEEK})"),
            ),
        }
    }

    fn links(&mut self, name: &str, at: Range<usize>, value: &Value<'_>) {
        let key = format!("links.{name}");
        let v = value.get_ref();
        match name {
            "hyperlinks" => match v.as_bool() {
                Some(on) => self.config.links.hyperlinks = on,
                None => self.problem(value.span(), &key, "expected true or false"),
            },
            "opener" => match v.as_str().map(str::trim).filter(|s| !s.is_empty()) {
                Some(program) => self.config.links.opener = Some(program.to_string()),
                None => self.problem(value.span(), &key, "expected a program in quotes"),
            },
            _ => self.problem(at, &key, "no such setting (hyperlinks, opener)"),
        }
    }

    fn reader(&mut self, name: &str, at: Range<usize>, value: &Value<'_>) {
        if name != "mark_read" {
            return self.problem(at, &format!("reader.{name}"), "no such setting (mark_read)");
        }
        match super::daily::MarkRead::parse(value.get_ref()) {
            Ok(m) => self.config.mark_read = m,
            Err(e) => self.problem(value.span(), "reader.mark_read", &e),
        }
    }

    fn backup(&mut self, name: &str, at: Range<usize>, value: &Value<'_>) {
        if name != "keep" {
            return self.problem(at, &format!("backup.{name}"), "no such setting (keep)");
        }
        let keep = value
            .get_ref()
            .as_integer()
            .map(|i| i.as_str().parse::<u32>());
        if !matches!(keep, Some(Ok(_))) {
            let what = "expected how many daily backups to keep (0 turns them off)";
            self.problem(value.span(), "backup.keep", what);
        }
    }
}

/// A string or a list of strings.
fn strings(value: &Value<'_>) -> Result<Vec<String>, String> {
    let expected = || "expected a key in quotes or a list of them".to_string();
    match value.get_ref() {
        DeValue::String(s) => Ok(vec![s.to_string()]),
        DeValue::Array(items) => items
            .iter()
            .map(|i| i.get_ref().as_str().map(String::from).ok_or_else(expected))
            .collect(),
        _ => Err(expected()),
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).unwrap_or(text).matches('\n').count() + 1
}

/// `byline config check`: what to print (every mistake in the config file, one a line, with
/// its line number) and whether the file is free of them.
pub fn check() -> (String, bool) {
    let Some(path) = path() else {
        return ("no config directory; the defaults apply".into(), true);
    };
    let shown =
        crate::article::neutralize_controls(&crate::article::shown(&path).to_string()).into_owned();
    if !path.exists() {
        return (format!("{shown}: no such file; the defaults apply"), true);
    }
    let (_, problems) = Config::load(&path);
    if problems.is_empty() {
        (format!("{shown}: no mistakes"), true)
    } else {
        let n = problems.len();
        let tail = format!(
            "{n} mistake{}; each of those entries keeps its default",
            if n == 1 { "" } else { "s" }
        );
        (problems.join("\n") + "\n" + &tail, false)
    }
}

#[cfg(test)]
mod tests {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::Mode;

    fn press(config: &Config, c: char) -> Option<Action> {
        config.keymap.action_for(
            &Mode::Normal,
            KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
        )
    }

    #[test]
    fn keys_theme_and_keywords_merge_over_the_defaults() {
        let (config, errors) = Config::parse(
            "[keys]\ndown = [\"ctrl-n\"]\nquit = \"Q\"\n\n[theme]\nperson = \"red on black\"\n\n\
             [highlight]\nkeywords = [\"Halvorsen\", \"/port(s)? strike/\"]\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(press(&config, 'Q'), Some(Action::Quit));
        assert_eq!(press(&config, 'q'), None);
        assert_eq!(
            press(&config, 'k'),
            Some(Action::Up),
            "other keys keep their defaults"
        );
        assert_eq!(config.theme.person.fg, Some(ratatui::style::Color::Red));
        assert_eq!(config.theme.org, Theme::default().org);
        assert_eq!(config.watched.written.len(), 2);
        assert_eq!(config.watched.plain, ["Halvorsen"]);
        assert!(config.watched.in_title("The Ports strike ended"));
    }

    #[test]
    fn a_bad_entry_names_its_key_and_line_and_keeps_its_default() {
        let (config, errors) = Config::parse(
            "[keys]\nquit = \"Q\"\njump = \"x\"\ndown = \"ctrl-\"\n[theme]\nperson = \"mauve-ish\"\n\
             [highlight]\nkeywords = [\"/(unclosed/\", \"fine\"]\n",
        );
        let at: Vec<(usize, &str)> = errors
            .iter()
            .map(|p| (p.line, p.text.split(':').next().unwrap()))
            .collect();
        assert_eq!(
            at,
            [
                (3, "keys.jump"),
                (4, "keys.down"),
                (6, "theme.person"),
                (8, "highlight.keywords")
            ]
        );
        assert_eq!(
            press(&config, 'Q'),
            Some(Action::Quit),
            "good entries still apply"
        );
        assert_eq!(press(&config, 'j'), Some(Action::Down));
        assert_eq!(config.theme.person, Theme::default().person);
        assert_eq!(config.watched.written, ["fine"]);
    }

    // See: issue 12 (one bad value threw the whole file away).
    #[test]
    fn settings_read_outside_the_reader_are_checked_here_too() {
        let (_, errors) = Config::parse("[feeds]\nfull_text = true\n[backup]\nkeep = 5\n");
        assert!(errors.is_empty(), "{errors:?}");
        let (_, errors) = Config::parse("[feeds]\nfull_text = \"yes\"\n[backup]\nkeep = -1\n");
        let said: Vec<&str> = errors.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            said,
            [
                "feeds.full_text: expected true or false",
                "backup.keep: expected how many daily backups to keep (0 turns them off)"
            ]
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_costs_only_its_entry() {
        let (config, errors) = Config::parse(
            "[keys]\nquit = \"Q\"\n\n[feeds]\nrefresh_minutes = \"soon\"\n\n[theme]\nperson = \"red\"\n",
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 5);
        assert!(
            errors[0]
                .text
                .starts_with("feeds.refresh_minutes: expected a number"),
            "{errors:?}"
        );
        assert_eq!(press(&config, 'Q'), Some(Action::Quit));
        assert_eq!(config.theme.person.fg, Some(ratatui::style::Color::Red));
        assert_eq!(config.refresh_every, None);
    }

    #[test]
    fn a_line_that_is_not_toml_loses_only_itself() {
        let (config, errors) = Config::parse("[keys]\nquit = \nhelp = \"H\"\n[colours]\nx = 1\n");
        let lines: Vec<usize> = errors.iter().map(|p| p.line).collect();
        assert_eq!(lines, [2, 4], "{errors:?}");
        assert!(errors[1].text.contains("colours"), "{errors:?}");
        assert_eq!(press(&config, 'H'), Some(Action::Help));
    }

    #[test]
    fn the_store_s_backup_setting_is_checked_with_the_rest() {
        let (_, errors) = Config::parse("[backup]\nkeep = 5\n");
        assert!(errors.is_empty(), "{errors:?}");
        let (_, errors) = Config::parse("[backup]\nkeep = \"many\"\nevery = 2\n");
        let at: Vec<usize> = errors.iter().map(|p| p.line).collect();
        assert_eq!(at, [2, 3], "{errors:?}");
    }

    #[test]
    fn automatic_refresh_is_off_unless_asked_for() {
        assert_eq!(Config::default().refresh_every, None);
        let (config, errors) = Config::parse("[feeds]\nrefresh_minutes = 30\n");
        assert!(errors.is_empty());
        assert_eq!(
            config.refresh_every,
            Some(std::time::Duration::from_secs(1800))
        );
        let (config, errors) = Config::parse("[feeds]\nrefresh_minutes = 99999999\n");
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].text.starts_with("feeds.refresh_minutes"),
            "{errors:?}"
        );
        assert_eq!(config.refresh_every, None);
    }

    #[test]
    fn loaded_mistakes_name_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[feeds]\nrefresh_minutes = \"soon\"\n").unwrap();
        let (_, errors) = Config::load(&path);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].starts_with(&format!("{} line 2: feeds.", path.display())));
    }

    #[test]
    fn a_file_too_large_or_not_a_file_is_refused_with_the_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("config.toml");
        std::fs::write(&big, "#".repeat(9 << 20)).unwrap();
        let (config, errors) = Config::load(&big);
        assert!(
            errors[0].ends_with("cannot read: larger than 8 MB"),
            "{errors:?}"
        );
        assert!(config.watched.is_empty());
        let (_, errors) = Config::load(dir.path());
        assert!(
            errors[0].ends_with("cannot read: not a regular file"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_missing_file_is_the_defaults() {
        let (config, errors) = Config::load(Path::new("/nonexistent/byline/config.toml"));
        assert!(errors.is_empty() && config.watched.is_empty());
    }
}
