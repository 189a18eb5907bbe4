//! Keys to actions. The bindings are data (defaults here, overrides from the config file), so
//! help is generated from the live keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// Every action a key can be bound to: (name in the config file, action, default keys written
/// as the config file writes them, what help says).
#[rustfmt::skip]
pub const ACTIONS: &[(&str, Action, &[&str], &str)] = &[
    ("down", Action::Down, &["j", "down"], "next article, line or entity"),
    ("up", Action::Up, &["k", "up"], "previous article, line or entity"),
    ("page_down", Action::PageDown, &["space", "pagedown"], "page down"),
    ("page_up", Action::PageUp, &["b", "pageup"], "page up"),
    ("half_page_down", Action::HalfPageDown, &["ctrl-d"], "half a page down"),
    ("half_page_up", Action::HalfPageUp, &["ctrl-u"], "half a page up"),
    ("top", Action::Top, &["g", "home"], "to the top"),
    ("bottom", Action::Bottom, &["G", "end"], "to the bottom"),
    ("focus_next", Action::FocusNext, &["tab", "l"], "next pane"),
    ("focus_prev", Action::FocusPrev, &["shift-tab", "h"], "previous pane"),
    ("open", Action::Open, &["enter"], "read the article; on an entity: articles that mention it"),
    ("next_mention", Action::NextMention, &["]"], "next mention of the selected entity"),
    ("prev_mention", Action::PrevMention, &["["], "previous mention of the selected entity"),
    ("next_any_mention", Action::NextAnyMention, &["}"], "next mention of any entity"),
    ("prev_any_mention", Action::PrevAnyMention, &["{"], "previous mention of any entity"),
    ("search", Action::StartSearch, &["/"], "search in the article"),
    ("search_word", Action::SearchWord, &["*"], "search the word at the match, mention or top line"),
    ("search_store", Action::StartStoreSearch, &["F", "ctrl-f"], "search every article in the store"),
    ("next_match", Action::NextMatch, &["n"], "next match"),
    ("prev_match", Action::PrevMatch, &["N"], "previous match"),
    ("clear", Action::CancelSearch, &["esc"], "clear the search"),
    ("back", Action::Back, &["backspace", "ctrl-o"], "back, after following an entity or a search"),
    ("toggle_entity_colours", Action::ToggleEntityColours, &["e"], "entity colours on or off"),
    ("toggle_read", Action::ToggleRead, &["m"], "mark read or unread"),
    ("toggle_star", Action::ToggleStar, &["s"], "star or unstar"),
    ("open_link", Action::OpenLink, &["o"], "open the article's link in $BROWSER"),
    ("refresh", Action::Refresh, &["R"], "fetch the subscribed feeds"),
    ("help", Action::Help, &["?"], "this help"),
    ("quit", Action::Quit, &["q", "ctrl-c"], "quit"),
];

/// One key with its modifiers, as pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

/// The live bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut map = Keymap {
            bindings: Vec::new(),
        };
        for (name, _, keys, _) in ACTIONS {
            let keys: Vec<Key> = keys.iter().filter_map(|k| parse_key(k).ok()).collect();
            map.bind(name, &keys);
        }
        map
    }
}

impl Keymap {
    /// Gives the action called `name` these keys instead of its current ones (a key bound to
    /// another action moves here). Returns false for an unknown action.
    pub fn bind(&mut self, name: &str, keys: &[Key]) -> bool {
        let Some((_, action, _, _)) = ACTIONS.iter().find(|(n, ..)| *n == name) else {
            return false;
        };
        self.bindings
            .retain(|(k, a)| a != action && !keys.contains(k));
        self.bindings
            .extend(keys.iter().map(|k| (*k, action.clone())));
        true
    }

    /// The action a key press asks for; releases and unbound keys ask nothing. While the
    /// search line is open, typed characters go into it.
    pub fn action_for(&self, key: KeyEvent, searching: bool) -> Option<Action> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if searching {
            return match key.code {
                KeyCode::Char('c') if ctrl => Some(Action::Quit),
                KeyCode::Char('r') if ctrl => Some(Action::ToggleRegex),
                KeyCode::Char(c) if !ctrl => Some(Action::Insert(c)),
                KeyCode::Backspace => Some(Action::DeleteChar),
                KeyCode::Up => Some(Action::HistoryPrev),
                KeyCode::Down => Some(Action::HistoryNext),
                KeyCode::Enter => Some(Action::SubmitSearch),
                KeyCode::Esc => Some(Action::CancelSearch),
                _ => None,
            };
        }
        let pressed = normalize(Key {
            code: key.code,
            mods: key.modifiers,
        });
        self.bindings
            .iter()
            .find(|(k, _)| normalize(*k) == pressed)
            .map(|(_, a)| a.clone())
    }

    /// The first key bound to an action, as help writes it.
    pub fn key_for(&self, action: &Action) -> Option<String> {
        self.bindings
            .iter()
            .find(|(_, a)| a == action)
            .map(|(k, _)| key_name(*k))
    }

    /// Help lines from the live bindings: (keys, what the action does).
    pub fn help(&self) -> Vec<(String, &'static str)> {
        ACTIONS
            .iter()
            .map(|(_, action, _, what)| {
                let keys: Vec<String> = self
                    .bindings
                    .iter()
                    .filter(|(_, a)| a == action)
                    .map(|(k, _)| key_name(*k))
                    .collect();
                (keys.join(" / "), *what)
            })
            .filter(|(keys, _)| !keys.is_empty())
            .collect()
    }
}

/// Shift is part of the character itself (`G`), and terminals disagree on reporting it.
fn normalize(k: Key) -> Key {
    match k.code {
        KeyCode::Char(_) => Key {
            code: k.code,
            mods: k.mods - KeyModifiers::SHIFT,
        },
        KeyCode::BackTab => Key {
            code: k.code,
            mods: KeyModifiers::NONE,
        },
        _ => k,
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("space", KeyCode::Char(' ')),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
];

/// Reads a key as the config file writes it: `j`, `G`, `ctrl-d`, `alt-x`, `shift-tab`,
/// `enter`, `space`, `pagedown`, `f5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl-") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("alt-") {
            (KeyModifiers::ALT, 4)
        } else if lower.starts_with("shift-") && rest.len() > 6 {
            (KeyModifiers::SHIFT, 6)
        } else {
            break;
        };
        mods |= m;
        rest = &rest[len..];
    }
    let lower = rest.to_ascii_lowercase();
    let code = if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == lower) {
        *code
    } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
        KeyCode::F(n)
    } else {
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => return Err(format!("{text:?} is not a key byline knows")),
        }
    };
    Ok(match (code, mods) {
        (KeyCode::Tab, m) if m.contains(KeyModifiers::SHIFT) => Key {
            code: KeyCode::BackTab,
            mods: KeyModifiers::NONE,
        },
        (KeyCode::Char(c), m) if mods.contains(KeyModifiers::CONTROL) => Key {
            code: KeyCode::Char(c.to_ascii_lowercase()),
            mods: m,
        },
        (code, mods) => Key { code, mods },
    })
}

/// How help writes a key.
fn key_name(k: Key) -> String {
    let base = match k.code {
        KeyCode::BackTab => return "Shift-Tab".into(),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        other => format!("{other:?}"),
    };
    let mut name = String::new();
    if k.mods.contains(KeyModifiers::CONTROL) {
        name.push_str("Ctrl-");
    }
    if k.mods.contains(KeyModifiers::ALT) {
        name.push_str("Alt-");
    }
    name + &base
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(map: &Keymap, code: KeyCode, mods: KeyModifiers) -> Option<Action> {
        map.action_for(KeyEvent::new(code, mods), false)
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        let map = Keymap::default();
        assert_eq!(
            press(&map, KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            press(&map, KeyCode::Down, KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(
            press(&map, KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            press(&map, KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            press(&map, KeyCode::Char('G'), KeyModifiers::NONE),
            Some(Action::Bottom)
        );
        assert_eq!(
            press(&map, KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::FocusPrev)
        );
        assert_eq!(press(&map, KeyCode::Char('z'), KeyModifiers::NONE), None);
    }

    #[test]
    fn every_action_has_a_default_key_and_help() {
        let map = Keymap::default();
        let help = map.help();
        assert_eq!(help.len(), ACTIONS.len());
        assert!(
            help.iter().any(|(k, w)| k == "q / Ctrl-c" && *w == "quit"),
            "{help:?}"
        );
    }

    #[test]
    fn rebinding_replaces_the_action_keys_and_takes_the_key_from_others() {
        let mut map = Keymap::default();
        assert!(map.bind(
            "down",
            &[parse_key("ctrl-n").unwrap(), parse_key("k").unwrap()]
        ));
        assert_eq!(
            press(&map, KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::Down)
        );
        assert_eq!(
            press(&map, KeyCode::Char('k'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(press(&map, KeyCode::Char('j'), KeyModifiers::NONE), None);
        assert!(!map.bind("no_such_action", &[]));
        assert!(
            map.help().iter().any(|(k, _)| k == "↑"),
            "up keeps its arrow"
        );
    }

    #[test]
    fn keys_parse_as_written_in_the_config() {
        assert_eq!(parse_key("ctrl-D").unwrap(), parse_key("ctrl-d").unwrap());
        assert_eq!(parse_key("shift-tab").unwrap().code, KeyCode::BackTab);
        assert_eq!(parse_key("F5").unwrap().code, KeyCode::F(5));
        assert_eq!(parse_key("space").unwrap().code, KeyCode::Char(' '));
        assert!(parse_key("ctrl-").is_err());
        assert!(parse_key("banana").unwrap_err().contains("banana"));
    }

    #[test]
    fn search_line_takes_characters_history_and_regex() {
        let map = Keymap::default();
        let typed = |code, mods| map.action_for(KeyEvent::new(code, mods), true);
        assert_eq!(
            typed(KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            typed(KeyCode::Up, KeyModifiers::NONE),
            Some(Action::HistoryPrev)
        );
        assert_eq!(
            typed(KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::ToggleRegex)
        );
        assert_eq!(
            typed(KeyCode::Enter, KeyModifiers::NONE),
            Some(Action::SubmitSearch)
        );
        assert_eq!(
            typed(KeyCode::Esc, KeyModifiers::NONE),
            Some(Action::CancelSearch)
        );
    }
}
