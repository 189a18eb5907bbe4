//! Progress bars on standard error, drawn through [`super::neutralize`]: a feed's title in the
//! bar's message cannot drive the terminal.

use std::io;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle, TermLike};

/// A progress bar of `len` steps on standard error with `template` (indicatif's syntax), or
/// `None` when standard error is not a terminal.
pub fn bar(len: usize, template: &str) -> Option<ProgressBar> {
    if !super::stderr_is_terminal() {
        return None;
    }
    Some(bar_on(console::Term::stderr(), len, template))
}

fn bar_on(term: console::Term, len: usize, template: &str) -> ProgressBar {
    let target = ProgressDrawTarget::term_like(Box::new(GuardedTerm(term)));
    let bar = ProgressBar::with_draw_target(Some(len as u64), target);
    let style =
        ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

/// The terminal indicatif draws on, with every line it writes neutralised. Templates must not
/// ask for colours: their escape codes would be shown escaped too.
#[derive(Debug)]
struct GuardedTerm(console::Term);

impl TermLike for GuardedTerm {
    fn width(&self) -> u16 {
        self.0.size().1
    }

    fn height(&self) -> u16 {
        self.0.size().0
    }

    fn move_cursor_up(&self, n: usize) -> io::Result<()> {
        self.0.move_cursor_up(n)
    }

    fn move_cursor_down(&self, n: usize) -> io::Result<()> {
        self.0.move_cursor_down(n)
    }

    fn move_cursor_right(&self, n: usize) -> io::Result<()> {
        self.0.move_cursor_right(n)
    }

    fn move_cursor_left(&self, n: usize) -> io::Result<()> {
        self.0.move_cursor_left(n)
    }

    fn write_line(&self, s: &str) -> io::Result<()> {
        self.0.write_line(&super::neutralize(s))
    }

    fn write_str(&self, s: &str) -> io::Result<()> {
        self.0.write_str(&super::neutralize(s))
    }

    fn clear_line(&self) -> io::Result<()> {
        self.0.clear_line()
    }

    fn flush(&self) -> io::Result<()> {
        self.0.flush()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_message_with_escape_codes_is_drawn_escaped() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let term = console::Term::read_write_pair(file.reopen().unwrap(), file.reopen().unwrap());
        let bar = bar_on(term, 2, "{pos}/{len} {wide_msg}");
        bar.set_message("Feed \u{1b}]0;pwned\u{7} \u{202e}title");
        bar.inc(1);
        bar.finish();
        let drawn = std::fs::read_to_string(file.path()).unwrap();
        assert!(
            drawn.contains("Feed \\u{1b}]0;pwned\\u{7} \\u{202e}title"),
            "{drawn:?}"
        );
        assert!(
            !drawn.contains("\u{1b}]0;") && !drawn.contains('\u{202e}'),
            "{drawn:?}"
        );
    }
}
