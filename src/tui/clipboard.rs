//! Copying to the clipboard with OSC 52: the terminal (or tmux, with `set-clipboard on`)
//! puts the text on the system clipboard, with no external tool. The text travels base64
//! encoded, so nothing in it can act as a terminal control.

use std::io::Write;

use base64::Engine;

/// The most that is copied at once (terminals cap OSC 52 at about this).
pub const MAX_COPY: usize = 64 * 1024;

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Sends `text` to the terminal's clipboard; returns what to say.
pub fn copy(text: &str) -> String {
    if text.len() > MAX_COPY {
        return format!("not copied: over {} KiB", MAX_COPY / 1024);
    }
    let mut out = std::io::stdout().lock();
    match out
        .write_all(osc52(text).as_bytes())
        .and_then(|()| out.flush())
    {
        Ok(()) => format!("copied {}", super::text::line(text)),
        Err(e) => format!("cannot copy: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_base64_encoded_so_no_control_gets_through() {
        let seq = osc52("https://x.example/\u{1b}[2J\u{7}");
        assert!(seq.starts_with("\u{1b}]52;c;") && seq.ends_with('\u{7}'));
        let inner = &seq[7..seq.len() - 1];
        assert!(
            inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+/=".contains(c))
        );
        let back = base64::engine::general_purpose::STANDARD
            .decode(inner)
            .unwrap();
        assert_eq!(back, "https://x.example/\u{1b}[2J\u{7}".as_bytes());
    }
}
