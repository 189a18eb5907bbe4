//! Everything byline prints passes through here, so outside text cannot drive the terminal.
//!
//! One rule for every output: the characters [`is_unsafe_char`] names (control characters but
//! tab and newline, bidirectional controls, line and paragraph separators) are written as
//! visible escapes, `\u{1b}`, by [`neutralize`]. Escapes rather than U+FFFD: a file name or URL
//! stays recognisable and every byte of it can be told from the others (U+FFFD is also what a
//! name that is not UTF-8 shows, so it could not say which was which), and Rust, `printf` and
//! `echo -e` users read the form at a glance.
//!
//! The rule is applied by the writers, not by callers: [`stdout`] and [`stderr`] are writers
//! that escape whatever goes through them (error messages from `main` included), [`outln!`] and
//! [`errln!`] print through them, [`json`] writes JSON with those characters as `\uXXXX`, and
//! [`progress`] draws progress bars through the same function. CI checks that nothing in
//! `src/` but this module and the reader prints any other way.

pub mod json;
pub mod progress;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, IsTerminal, Write};

pub use crate::article::is_unsafe_char;

/// Text with every [`is_unsafe_char`] character written as a visible escape, `\u{1b}`.
///
/// ```
/// use byline::output::neutralize;
/// assert_eq!(neutralize("a\u{1b}[2Jb\u{202e}c"), "a\\u{1b}[2Jb\\u{202e}c");
/// assert_eq!(neutralize("tab\tand\nnewline"), "tab\tand\nnewline");
/// ```
pub fn neutralize(text: &str) -> Cow<'_, str> {
    if !text.contains(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A writer that [`neutralize`]s everything written to it. Bytes may arrive in any pieces: a
/// character cut between two writes is held until its end arrives; bytes that are not UTF-8
/// are written as U+FFFD.
#[derive(Debug)]
pub struct Guarded<W: Write> {
    inner: W,
    /// The start of a character whose last bytes have not been written yet.
    partial: Vec<u8>,
}

impl<W: Write> Guarded<W> {
    /// Guards `inner`.
    pub fn new(inner: W) -> Guarded<W> {
        Guarded {
            inner,
            partial: Vec::new(),
        }
    }

    /// Writes byline's own terminal styling (bold, underline) as it is: the one way around the
    /// guard, for literals only.
    pub fn style(&mut self, code: &'static str) -> io::Result<()> {
        self.inner.write_all(code.as_bytes())
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        self.inner.write_all(neutralize(text).as_bytes())
    }
}

impl<W: Write> Write for Guarded<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut bytes = std::mem::take(&mut self.partial);
        bytes.extend_from_slice(buf);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.write_text(text)?;
                    break;
                }
                Err(e) => {
                    let (good, bad) = rest.split_at(e.valid_up_to());
                    self.write_text(std::str::from_utf8(good).unwrap_or_default())?;
                    let Some(len) = e.error_len() else {
                        // A character cut short: the next write brings the rest.
                        self.partial = bad.to_vec();
                        break;
                    };
                    self.write_text("\u{fffd}")?;
                    rest = &bad[len..];
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> Drop for Guarded<W> {
    fn drop(&mut self) {
        if !self.partial.is_empty() {
            let _ = self.inner.write_all("\u{fffd}".as_bytes());
        }
        let _ = self.inner.flush();
    }
}

/// Standard output, guarded.
pub fn stdout() -> Guarded<io::StdoutLock<'static>> {
    Guarded::new(io::stdout().lock())
}

/// Standard error, guarded.
pub fn stderr() -> Guarded<io::StderrLock<'static>> {
    Guarded::new(io::stderr().lock())
}

/// Whether standard output is a terminal (for styling and progress bars).
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Whether standard error is a terminal.
pub fn stderr_is_terminal() -> bool {
    io::stderr().is_terminal()
}

/// Whether standard input is a terminal.
pub fn stdin_is_terminal() -> bool {
    io::stdin().is_terminal()
}

/// One line on standard output, guarded; [`outln!`] calls it.
pub fn print_line(args: std::fmt::Arguments<'_>) -> io::Result<()> {
    let mut out = stdout();
    out.write_fmt(args)?;
    out.write_all(b"\n")
}

/// One line on standard error, guarded; [`errln!`] calls it. A failed write to stderr has
/// nowhere to be reported, so it is ignored.
pub fn eprint_line(args: std::fmt::Arguments<'_>) {
    let mut err = stderr();
    let _ = err.write_fmt(args);
    let _ = err.write_all(b"\n");
}

/// `println!` through the guard: `outln!("{name}")?` (returns the write's result).
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => { $crate::output::print_line(format_args!($($arg)*)) };
}

/// `eprintln!` through the guard.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => { $crate::output::eprint_line(format_args!($($arg)*)) };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guarded(pieces: &[&[u8]]) -> String {
        let mut out = Vec::new();
        {
            let mut w = Guarded::new(&mut out);
            for p in pieces {
                w.write_all(p).unwrap();
            }
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn c1_and_bidi_controls_are_escaped_visibly() {
        assert_eq!(
            neutralize("\u{9b}31m \u{200f}\r"),
            "\\u{9b}31m \\u{200f}\\u{d}"
        );
    }

    #[test]
    fn a_character_cut_between_writes_is_still_escaped() {
        let rlo = "\u{202e}".as_bytes();
        assert_eq!(guarded(&[b"a", &rlo[..1], &rlo[1..], b"b"]), "a\\u{202e}b");
    }

    #[test]
    fn bytes_that_are_not_utf8_become_replacement_characters() {
        assert_eq!(guarded(&[b"a\x9bb", b"\xe2\x80"]), "a\u{fffd}b\u{fffd}");
    }
}
