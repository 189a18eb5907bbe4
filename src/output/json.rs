//! The one JSON writer of every `--json` output: serde_json escapes only C0 controls, this also
//! writes C1 controls, bidirectional controls and line separators as `\uXXXX`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{CompactFormatter, Formatter, PrettyFormatter};

use super::is_unsafe_char;

/// How the JSON is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Indented, for a document a person may read (`list --json`).
    Pretty,
    /// One line, for JSON Lines and one-line summaries.
    Compact,
}

/// Writes `value` as JSON on `out`, every [`is_unsafe_char`] character escaped.
///
/// ```
/// use byline::output::json::{Layout, write};
/// let mut out = Vec::new();
/// write(&mut out, &"a\u{9b}b\u{202e}", Layout::Compact).unwrap();
/// assert_eq!(out, br#""a\u009bb\u202e""#);
/// ```
pub fn write<W: Write, T: Serialize + ?Sized>(
    out: W,
    value: &T,
    layout: Layout,
) -> serde_json::Result<()> {
    match layout {
        Layout::Pretty => {
            let mut ser = serde_json::Serializer::with_formatter(out, Safe(PrettyFormatter::new()));
            value.serialize(&mut ser)
        }
        Layout::Compact => {
            let mut ser = serde_json::Serializer::with_formatter(out, Safe(CompactFormatter));
            value.serialize(&mut ser)
        }
    }
}

/// Prints `value` as JSON and a newline on standard output.
pub fn print<T: Serialize + ?Sized>(value: &T, layout: Layout) -> io::Result<()> {
    let mut out = super::stdout();
    write(&mut out, value, layout).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// A formatter that escapes what serde_json leaves raw, laid out by the formatter it wraps.
struct Safe<F>(F);

/// Forwards one layout method to the wrapped formatter.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + Write>(&mut self, w: &mut W $(, $arg: $ty)*) -> io::Result<()> {
            self.0.$name(w $(, $arg)*)
        }
    )*};
}

impl<F: Formatter> Formatter for Safe<F> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        let mut rest = s;
        while let Some(at) = rest.find(is_unsafe_char) {
            w.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            // Every unsafe character is in the Basic Multilingual Plane: one \uXXXX.
            write!(w, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        w.write_all(rest.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pretty_layout_is_kept_and_keys_are_escaped_too() {
        let value = serde_json::json!({"k\u{85}": ["\u{2066}x", 1]});
        let mut out = Vec::new();
        write(&mut out, &value, Layout::Pretty).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "{\n  \"k\\u0085\": [\n    \"\\u2066x\",\n    1\n  ]\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
