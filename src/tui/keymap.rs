//! Keys to actions. The table is data, so help can be generated from it.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// The default bindings: (key name as help shows it, key, modifiers, action, what it does).
#[rustfmt::skip]
pub const BINDINGS: &[(&str, KeyCode, KeyModifiers, Action, &str)] = &[
    ("j / ↓", KeyCode::Char('j'), KeyModifiers::NONE, Action::Down, "next article, line or entity"),
    ("", KeyCode::Down, KeyModifiers::NONE, Action::Down, ""),
    ("k / ↑", KeyCode::Char('k'), KeyModifiers::NONE, Action::Up, "previous article, line or entity"),
    ("", KeyCode::Up, KeyModifiers::NONE, Action::Up, ""),
    ("Space / PgDn", KeyCode::Char(' '), KeyModifiers::NONE, Action::PageDown, "page down"),
    ("", KeyCode::PageDown, KeyModifiers::NONE, Action::PageDown, ""),
    ("b / PgUp", KeyCode::Char('b'), KeyModifiers::NONE, Action::PageUp, "page up"),
    ("", KeyCode::PageUp, KeyModifiers::NONE, Action::PageUp, ""),
    ("Ctrl-d", KeyCode::Char('d'), KeyModifiers::CONTROL, Action::HalfPageDown, "half a page down"),
    ("Ctrl-u", KeyCode::Char('u'), KeyModifiers::CONTROL, Action::HalfPageUp, "half a page up"),
    ("g / Home", KeyCode::Char('g'), KeyModifiers::NONE, Action::Top, "to the top"),
    ("", KeyCode::Home, KeyModifiers::NONE, Action::Top, ""),
    ("G / End", KeyCode::Char('G'), KeyModifiers::SHIFT, Action::Bottom, "to the bottom"),
    ("", KeyCode::Char('G'), KeyModifiers::NONE, Action::Bottom, ""),
    ("", KeyCode::End, KeyModifiers::NONE, Action::Bottom, ""),
    ("Tab / l", KeyCode::Tab, KeyModifiers::NONE, Action::FocusNext, "next pane"),
    ("", KeyCode::Char('l'), KeyModifiers::NONE, Action::FocusNext, ""),
    ("Shift-Tab / h", KeyCode::BackTab, KeyModifiers::SHIFT, Action::FocusPrev, "previous pane"),
    ("", KeyCode::BackTab, KeyModifiers::NONE, Action::FocusPrev, ""),
    ("", KeyCode::Char('h'), KeyModifiers::NONE, Action::FocusPrev, ""),
    ("Enter", KeyCode::Enter, KeyModifiers::NONE, Action::Open, "read the article; on an entity: articles that mention it"),
    ("]", KeyCode::Char(']'), KeyModifiers::NONE, Action::NextMention, "next mention of the selected entity"),
    ("[", KeyCode::Char('['), KeyModifiers::NONE, Action::PrevMention, "previous mention of the selected entity"),
    ("e", KeyCode::Char('e'), KeyModifiers::NONE, Action::ToggleEntityColours, "entity colours on or off"),
    ("m", KeyCode::Char('m'), KeyModifiers::NONE, Action::ToggleRead, "mark read or unread"),
    ("s", KeyCode::Char('s'), KeyModifiers::NONE, Action::ToggleStar, "star or unstar"),
    ("?", KeyCode::Char('?'), KeyModifiers::NONE, Action::Help, "this help"),
    ("", KeyCode::Char('?'), KeyModifiers::SHIFT, Action::Help, ""),
    ("/", KeyCode::Char('/'), KeyModifiers::NONE, Action::StartSearch, "search in the article"),
    ("n", KeyCode::Char('n'), KeyModifiers::NONE, Action::NextMatch, "next match"),
    ("N", KeyCode::Char('N'), KeyModifiers::SHIFT, Action::PrevMatch, "previous match"),
    ("", KeyCode::Char('N'), KeyModifiers::NONE, Action::PrevMatch, ""),
    ("Backspace / Ctrl-O", KeyCode::Backspace, KeyModifiers::NONE, Action::Back, "back, after following an entity"),
    ("", KeyCode::Char('o'), KeyModifiers::CONTROL, Action::Back, ""),
    ("Esc", KeyCode::Esc, KeyModifiers::NONE, Action::CancelSearch, "clear the search"),
    ("q / Ctrl-C", KeyCode::Char('q'), KeyModifiers::NONE, Action::Quit, "quit"),
    ("", KeyCode::Char('c'), KeyModifiers::CONTROL, Action::Quit, ""),
];

/// The action a key press asks for; releases and unbound keys ask nothing. While the search
/// line is open, typed characters go into it.
pub fn action_for(key: KeyEvent, searching: bool) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    if searching {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        return match key.code {
            KeyCode::Char('c') if ctrl => Some(Action::Quit),
            KeyCode::Char(c) if !ctrl => Some(Action::Insert(c)),
            KeyCode::Backspace => Some(Action::DeleteChar),
            KeyCode::Enter => Some(Action::SubmitSearch),
            KeyCode::Esc => Some(Action::CancelSearch),
            _ => None,
        };
    }
    BINDINGS
        .iter()
        .find(|(_, code, mods, _, _)| *code == key.code && *mods == key.modifiers)
        .map(|b| b.3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vim_keys_and_arrows_agree() {
        let press = |code, mods| action_for(KeyEvent::new(code, mods), false);
        assert_eq!(
            press(KeyCode::Char('j'), KeyModifiers::NONE),
            Some(Action::Down)
        );
        assert_eq!(press(KeyCode::Down, KeyModifiers::NONE), Some(Action::Down));
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Action::Quit)
        );
        assert_eq!(press(KeyCode::Char('z'), KeyModifiers::NONE), None);
    }

    #[test]
    fn search_line_takes_characters() {
        let typed = |code| action_for(KeyEvent::new(code, KeyModifiers::NONE), true);
        assert_eq!(typed(KeyCode::Char('q')), Some(Action::Insert('q')));
        assert_eq!(typed(KeyCode::Enter), Some(Action::SubmitSearch));
        assert_eq!(typed(KeyCode::Esc), Some(Action::CancelSearch));
    }
}
