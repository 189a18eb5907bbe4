//! Keys as the config file and help write them (`j`, `G`, `ctrl-d`, `shift-tab`, `f5`), read
//! into [`Key`] and written back, so config, help and tests speak the same names.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key with its modifiers, as pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    /// A key as pressed, in the form bindings are compared in.
    pub fn pressed(event: KeyEvent) -> Key {
        normalize(Key {
            code: event.code,
            mods: event.modifiers,
        })
    }

    /// Whether a binding written as `self` is this press.
    pub fn matches(self, pressed: Key) -> bool {
        normalize(self) == pressed
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
pub fn key_name(k: Key) -> String {
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
    fn shift_is_part_of_the_character() {
        let g = parse_key("G").unwrap();
        assert!(g.matches(Key::pressed(KeyEvent::new(
            KeyCode::Char('G'),
            KeyModifiers::SHIFT
        ))));
        assert!(g.matches(Key::pressed(KeyEvent::new(
            KeyCode::Char('G'),
            KeyModifiers::NONE
        ))));
        assert_eq!(key_name(parse_key("ctrl-d").unwrap()), "Ctrl-d");
    }
}
