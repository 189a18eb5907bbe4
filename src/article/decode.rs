//! Bytes to clean text: BOMs, legacy encodings, binary detection, control characters.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Decodes file bytes to text with `\n` line ends and no control characters but tab and
/// newline.
///
/// A BOM picks the encoding (UTF-8, UTF-16); otherwise valid UTF-8 is UTF-8 and anything else is
/// read as Windows-1252, the superset of Latin-1 that old news files use. Bytes that look like a
/// binary file (NUL bytes, many control characters) are an error whose text says why.
///
/// ```
/// use byline::article::decode_text;
/// assert_eq!(decode_text(b"caf\xe9\r\n").unwrap(), "café\n");
/// assert!(decode_text(b"\x7fELF\x02\x01\x01\x00\x00").is_err());
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<String, String> {
    let (encoding, bom_len) = Encoding::for_bom(bytes).unwrap_or((UTF_8, 0));
    let rest = &bytes[bom_len..];
    let text = if encoding == UTF_8 {
        if let Some(reason) = binary_reason(rest) {
            return Err(reason);
        }
        match std::str::from_utf8(rest) {
            Ok(s) => std::borrow::Cow::Borrowed(s),
            Err(_) => WINDOWS_1252.decode_without_bom_handling(rest).0,
        }
    } else {
        encoding.decode_without_bom_handling(rest).0
    };
    Ok(clean_controls(&text))
}

/// [`decode_text`] for owned bytes: clean UTF-8 becomes the text without a copy.
pub(crate) fn decode_owned(bytes: Vec<u8>) -> Result<String, String> {
    let needs_work = bytes.starts_with(b"\xef\xbb\xbf")
        || bytes.iter().any(|&b| b < 0x20 && b != b'\n' && b != b'\t')
        || Encoding::for_bom(&bytes).is_some();
    if needs_work {
        return decode_text(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) if !text.contains(is_unsafe_char) => Ok(text),
        Ok(text) => Ok(clean_controls(&text)),
        Err(e) => decode_text(e.as_bytes()),
    }
}

/// Whether a character must never reach the store or a terminal as it is: control characters
/// other than tab and newline (C0, DEL, C1: escape sequences, CSI, OSC), bidirectional controls
/// (embeddings, overrides, isolates and the marks LRM, RLM, ALM: they reorder or hide what a
/// terminal shows), and the Unicode line and paragraph separators (line breaks to some programs,
/// none to others).
///
/// ```
/// use byline::article::is_unsafe_char;
/// assert!(is_unsafe_char('\u{1b}') && is_unsafe_char('\u{9b}') && is_unsafe_char('\u{202e}'));
/// assert!(!is_unsafe_char('\n') && !is_unsafe_char('é') && !is_unsafe_char('\u{200d}'));
/// ```
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
        )
}

/// Drops the characters [`is_unsafe_char`] refuses, for text that arrives already decoded
/// (character references, JSON escapes, attribute values): the filter runs after decoding.
///
/// ```
/// use byline::article::strip_unsafe;
/// assert_eq!(strip_unsafe("a\u{1b}[2Jb\u{202e}c"), "a[2Jbc");
/// ```
pub fn strip_unsafe(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(is_unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|&c| !is_unsafe_char(c)).collect())
}

/// Says why bytes are not text, or `None` when they may be.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    if let Some(pos) = sample.iter().position(|&b| b == 0) {
        return Some(format!("NUL byte at offset {pos}"));
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    // Real text has next to no C0 controls; a tenth of them means a binary format.
    (controls * 10 > sample.len().max(1) && controls > 3).then(|| {
        format!(
            "{controls} control bytes in the first {} bytes",
            sample.len()
        )
    })
}

/// Normalises line ends and drops control characters that must never reach a terminal.
fn clean_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{0c}' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_unsafe_char(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Blanks out the characters [`is_unsafe_char`] refuses with as many spaces as they take bytes,
/// so byte offsets into the text stay valid. For decoded text whose offsets matter, such as a
/// JSON article's structured body. (What byline prints goes through `byline::output` instead,
/// which shows them escaped.)
///
/// ```
/// use byline::article::neutralize_controls;
/// assert_eq!(neutralize_controls("a\u{1b}[2Jb"), "a [2Jb");
/// ```
pub fn neutralize_controls(text: &str) -> std::borrow::Cow<'_, str> {
    let is_bad = is_unsafe_char;
    if !text.contains(is_bad) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_bad(c) {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A path as byline names it in messages and tables: [`std::path::Path::display`], with newline and tab
/// written as `\n` and `\t` too. The output writers escape every other control, but a newline
/// is legitimate in output, so a file named `a\nerror: b` could otherwise forge a line of its
/// own.
///
/// ```
/// use byline::article::shown;
/// assert_eq!(shown(std::path::Path::new("a\nb\tc.txt")).to_string(), r"a\nb\tc.txt");
/// ```
pub fn shown(path: &std::path::Path) -> Shown<'_> {
    Shown(path)
}

/// See [`shown`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(&'a std::path::Path);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&one_line(&self.0.to_string_lossy()))
    }
}

/// `text` with newline and tab written as `\n` and `\t`: for a name or URL given by someone
/// else inside a message line (see [`shown`]).
///
/// ```
/// assert_eq!(byline::article::one_line("a\nb"), r"a\nb");
/// ```
pub fn one_line(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\t']) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.replace('\n', "\\n").replace('\t', "\\t"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_stripped() {
        assert_eq!(decode_text("\u{feff}Hi".as_bytes()).unwrap(), "Hi");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let bytes: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Né".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode_text(&bytes).unwrap(), "Né");
    }

    #[test]
    fn cp1252_quotes_are_decoded() {
        assert_eq!(
            decode_text(b"\x93quoted\x94 \x96 dash").unwrap(),
            "\u{201c}quoted\u{201d} \u{2013} dash"
        );
    }

    #[test]
    fn escape_sequences_are_removed() {
        assert_eq!(decode_text(b"a\x1b[31mred\x07").unwrap(), "a[31mred");
    }

    #[test]
    fn nul_byte_is_binary() {
        let err = decode_text(b"text\0more").unwrap_err();
        assert!(err.contains("NUL byte at offset 4"), "{err}");
    }
}
