//! Keys to actions, per mode. The bindings are data (the tables here, overridden by the config
//! file's `[keys]`, `[search_keys]` and `[help_keys]`), and help is generated from the live
//! keymap.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;
use super::app::Mode;
use super::keys::{Key, key_name, parse_key};

/// An action a key can be bound to: its name in the config file, the action, its default keys
/// as the config file writes them, what help says.
pub type Binding = (&'static str, Action, &'static [&'static str], &'static str);

/// The reader's keys (config section `[keys]`).
#[rustfmt::skip]
pub const NORMAL: &[Binding] = &[
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
    ("entity_page", Action::EntityPage, &["E"], "the selected entity's page: days, seen with, articles"),
    ("rankings", Action::Rankings, &["T"], "entities across the store: trending, most mentioned"),
    ("watch", Action::WatchEntity, &["w"], "watch the selected entity in every article, or stop"),
    ("edit_entity", Action::EditEntity, &[":"], "correct the selected entity: rename, kind, hide, split, merge"),
    ("toggle_read", Action::ToggleRead, &["m"], "mark read or unread"),
    ("toggle_star", Action::ToggleStar, &["s"], "star or unstar"),
    ("open_link", Action::OpenLink, &["o"], "open the article's link in the browser"),
    ("fetch_page", Action::FetchPage, &["f"], "fetch the article's whole text; again: summary or whole text"),
    ("link_hints", Action::LinkHints, &["L"], "label the links on screen; type a label to open it"),
    ("copy_hints", Action::CopyHints, &["y"], "label the links on screen; type a label to copy it"),
    ("link_list", Action::LinkList, &["U"], "list the article's links (Enter opens, y copies)"),
    ("next_unread", Action::NextUnread, &["J"], "next unread article, whatever its feed"),
    ("prev_unread", Action::PrevUnread, &["K"], "previous unread article"),
    ("undo", Action::Undo, &["u"], "undo the last mark read on opening, or delete"),
    ("feeds", Action::ToggleFeeds, &["v"], "feeds by tag, unread, starred, saved searches"),
    ("save_search", Action::SaveSearch, &["W"], "save the list's search for the feeds view"),
    ("delete", Action::Delete, &["d"], "delete the article (u brings it back until you quit)"),
    ("sort", Action::CycleSort, &["S"], "sort the list: newest, oldest, by feed (relevance)"),
    ("refresh", Action::Refresh, &["R"], "fetch the subscribed feeds"),
    ("help", Action::Help, &["?"], "this help"),
    ("quit", Action::Quit, &["q", "ctrl-c"], "quit"),
];

/// The search line's keys (`[search_keys]`); any other character is typed into the line.
#[rustfmt::skip]
pub const SEARCH: &[Binding] = &[
    ("submit", Action::SubmitSearch, &["enter"], "keep the matches (a store search: list the hits)"),
    ("cancel", Action::CancelSearch, &["esc"], "close the search line"),
    ("delete_char", Action::DeleteChar, &["backspace"], "delete the last character"),
    ("history_prev", Action::HistoryPrev, &["up"], "an earlier query"),
    ("history_next", Action::HistoryNext, &["down"], "a later query"),
    ("toggle_regex", Action::ToggleRegex, &["ctrl-r"], "plain text or a regular expression"),
    ("quit", Action::Quit, &["ctrl-c"], "quit"),
];

/// The help screen's keys (`[help_keys]`); any other key closes it.
#[rustfmt::skip]
pub const HELP: &[Binding] = &[
    ("down", Action::Down, &["j", "down"], "scroll the help down"),
    ("up", Action::Up, &["k", "up"], "scroll the help up"),
    ("page_down", Action::PageDown, &["space", "pagedown"], "a page of help down"),
    ("page_up", Action::PageUp, &["b", "pageup"], "a page of help up"),
    ("quit", Action::Quit, &["ctrl-c"], "quit"),
];

/// One mode's live bindings.
#[derive(Debug, Clone, PartialEq)]
pub struct Bindings {
    table: &'static [Binding],
    bound: Vec<(Key, Action)>,
}

impl Bindings {
    fn new(table: &'static [Binding]) -> Bindings {
        let mut b = Bindings {
            table,
            bound: Vec::new(),
        };
        for (name, _, keys, _) in table {
            let keys: Vec<Key> = keys.iter().filter_map(|k| parse_key(k).ok()).collect();
            b.bind(name, &keys);
        }
        b
    }

    /// Gives the action called `name` these keys instead of its current ones (a key bound to
    /// another action moves here). Returns false for an unknown action.
    pub fn bind(&mut self, name: &str, keys: &[Key]) -> bool {
        let Some((_, action, _, _)) = self.table.iter().find(|(n, ..)| *n == name) else {
            return false;
        };
        self.bound.retain(|(k, a)| a != action && !keys.contains(k));
        self.bound.extend(keys.iter().map(|k| (*k, action.clone())));
        true
    }

    fn action_for(&self, pressed: Key) -> Option<Action> {
        self.bound
            .iter()
            .find(|(k, _)| k.matches(pressed))
            .map(|(_, a)| a.clone())
    }

    /// The first key bound to an action, as help writes it.
    pub fn key_for(&self, action: &Action) -> Option<String> {
        self.bound
            .iter()
            .find(|(_, a)| a == action)
            .map(|(k, _)| key_name(*k))
    }

    /// Help lines: (keys, what the action does), for the actions that have keys.
    pub fn help(&self) -> Vec<(String, &'static str)> {
        self.table
            .iter()
            .filter_map(|(_, action, _, what)| {
                let keys: Vec<String> = self
                    .bound
                    .iter()
                    .filter(|(_, a)| a == action)
                    .map(|(k, _)| key_name(*k))
                    .collect();
                (!keys.is_empty()).then(|| (keys.join(" / "), *what))
            })
            .collect()
    }
}

/// The live bindings of every mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Keymap {
    pub normal: Bindings,
    pub search: Bindings,
    pub help: Bindings,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            normal: Bindings::new(NORMAL),
            search: Bindings::new(SEARCH),
            help: Bindings::new(HELP),
        }
    }
}

impl Keymap {
    /// The bindings a config file section sets: `keys`, `search_keys` or `help_keys`.
    pub fn section(&mut self, name: &str) -> Option<&mut Bindings> {
        match name {
            "keys" => Some(&mut self.normal),
            "search_keys" => Some(&mut self.search),
            "help_keys" => Some(&mut self.help),
            _ => None,
        }
    }

    /// The action a key press asks for in a mode; releases ask nothing. Unbound characters
    /// are typed into the search line; any unbound key closes help.
    pub fn action_for(&self, mode: &Mode, key: KeyEvent) -> Option<Action> {
        if key.kind != KeyEventKind::Press {
            return None;
        }
        let pressed = Key::pressed(key);
        let typed = key.modifiers.difference(KeyModifiers::SHIFT).is_empty();
        match mode {
            Mode::Normal => self.normal.action_for(pressed),
            Mode::Search(_) => self.search.action_for(pressed).or(match key.code {
                KeyCode::Char(c) if typed => Some(Action::Insert(c)),
                _ => None,
            }),
            Mode::Help => self.help.action_for(pressed).or(Some(Action::CloseHelp)),
            // Ctrl-C quits from either; a key that would quit closes the link list.
            _ if key.code == KeyCode::Char('c') && key.modifiers == KeyModifiers::CONTROL => {
                Some(Action::Quit)
            }
            // A label's digits are typed; any other key closes the hints.
            Mode::Hints => match key.code {
                KeyCode::Char(c) if typed && c.is_ascii_digit() => Some(Action::Insert(c)),
                KeyCode::Backspace => Some(Action::DeleteChar),
                _ => Some(Action::CancelSearch),
            },
            Mode::LinkList => match self.normal.action_for(pressed) {
                Some(Action::Quit) | None => Some(Action::CancelSearch),
                other => other,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Scope;

    fn press(map: &Keymap, mode: &Mode, code: KeyCode, mods: KeyModifiers) -> Option<Action> {
        map.action_for(mode, KeyEvent::new(code, mods))
    }

    #[test]
    fn vim_keys_and_arrows_agree() {
        let map = Keymap::default();
        let n = |code, mods| press(&map, &Mode::Normal, code, mods);
        assert_eq!(
            n(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(n(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            n(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(
            n(KeyCode::Char('G'), KeyModifiers::SHIFT),
            Some(Action::Bottom)
        );
        assert_eq!(
            n(KeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Action::FocusPrev)
        );
        assert_eq!(n(KeyCode::Char('z'), KeyModifiers::NONE), None);
    }

    #[test]
    fn every_action_has_a_default_key_and_help() {
        let map = Keymap::default();
        for (bindings, table) in [
            (&map.normal, NORMAL),
            (&map.search, SEARCH),
            (&map.help, HELP),
        ] {
            assert_eq!(bindings.help().len(), table.len());
        }
        let help = map.normal.help();
        assert!(
            help.iter().any(|(k, w)| k == "q / Ctrl-c" && *w == "quit"),
            "{help:?}"
        );
    }

    #[test]
    fn rebinding_replaces_the_action_keys_and_takes_the_key_from_others() {
        let mut map = Keymap::default();
        let keys = [parse_key("ctrl-n").unwrap(), parse_key("k").unwrap()];
        assert!(map.normal.bind("down", &keys));
        let n = |map: &Keymap, code, mods| press(map, &Mode::Normal, code, mods);
        assert_eq!(
            n(&map, KeyCode::Char('n'), KeyModifiers::CONTROL),
            Some(Action::Down)
        );
        assert_eq!(
            n(&map, KeyCode::Char('k'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(n(&map, KeyCode::Char('j'), KeyModifiers::NONE), None);
        assert!(!map.normal.bind("no_such_action", &[]));
        assert!(
            map.normal.help().iter().any(|(k, _)| k == "↑"),
            "up keeps its arrow"
        );
    }

    #[test]
    fn the_search_line_types_what_is_not_bound() {
        let mut map = Keymap::default();
        let mode = Mode::Search(Scope::Article);
        let s = |map: &Keymap, code, mods| press(map, &mode, code, mods);
        assert_eq!(
            s(&map, KeyCode::Char('q'), KeyModifiers::NONE),
            Some(Action::Insert('q'))
        );
        assert_eq!(
            s(&map, KeyCode::Char('Q'), KeyModifiers::SHIFT),
            Some(Action::Insert('Q'))
        );
        assert_eq!(
            s(&map, KeyCode::Up, KeyModifiers::NONE),
            Some(Action::HistoryPrev)
        );
        assert_eq!(
            s(&map, KeyCode::Char('r'), KeyModifiers::CONTROL),
            Some(Action::ToggleRegex)
        );
        assert_eq!(
            s(&map, KeyCode::Enter, KeyModifiers::NONE),
            Some(Action::SubmitSearch)
        );
        assert_eq!(s(&map, KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        assert!(
            map.search
                .bind("toggle_regex", &[parse_key("ctrl-t").unwrap()])
        );
        assert_eq!(
            s(&map, KeyCode::Char('t'), KeyModifiers::CONTROL),
            Some(Action::ToggleRegex)
        );
    }

    // See: issue 12 ("any key closes" swallowed letters).
    #[test]
    fn any_key_that_does_not_scroll_closes_help() {
        let map = Keymap::default();
        let h = |code, mods| press(&map, &Mode::Help, code, mods);
        assert_eq!(
            h(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        for code in [
            KeyCode::Char('x'),
            KeyCode::Char('q'),
            KeyCode::Char('?'),
            KeyCode::Esc,
        ] {
            assert_eq!(
                h(code, KeyModifiers::NONE),
                Some(Action::CloseHelp),
                "{code:?}"
            );
        }
        assert_eq!(
            h(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
    }
}
