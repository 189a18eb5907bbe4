//! A page's bytes as text: a byte-order mark, else the charset its `<meta>` declares in its
//! first kilobytes, else UTF-8, else Windows-1252 (what browsers assume of old pages).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page its charset declaration is looked for.
const SNIFF: usize = 4096;

/// Decodes a page. `declared` is the charset the server named (`Content-Type`), if any.
///
/// ```
/// let page = b"<meta charset=\"iso-8859-1\"><p>Caf\xe9</p>";
/// assert_eq!(byline::page::decode_page(page, None), "<meta charset=\"iso-8859-1\"><p>Café</p>");
/// ```
pub fn decode_page(bytes: &[u8], declared: Option<&str>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned();
    }
    let named = declared
        .and_then(|d| Encoding::for_label(d.trim().as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(SNIFF)]));
    match named {
        // A page that says UTF-8 and is not is read as browsers read it.
        Some(e) if e != UTF_8 => e.decode_without_bom_handling(bytes).0.into_owned(),
        _ => match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) if named == Some(UTF_8) => String::from_utf8_lossy(bytes).into_owned(),
            Err(_) => WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        },
    }
}

/// The encoding of `<meta charset=X>` or `<meta http-equiv content="...; charset=X">`.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"charset=") {
        let start = from + at + b"charset=".len();
        let value: Vec<u8> = lower[start..]
            .iter()
            .copied()
            .skip_while(|&b| b == b'"' || b == b'\'' || b == b' ')
            .take_while(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
            .collect();
        if let Some(e) = Encoding::for_label(&value) {
            // A page whose declaration can be read is ASCII-compatible: UTF-16 declared in it
            // is wrong, and its output encoding (UTF-8) is what it is.
            return Some(e.output_encoding());
        }
        from = start;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_server_s_charset_wins_over_guessing() {
        assert_eq!(decode_page(b"caf\xe9", Some("latin1")), "café");
    }

    #[test]
    fn an_http_equiv_declaration_is_read() {
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-kr\">\xc7\xd1";
        assert!(decode_page(page, None).ends_with('한'));
    }

    #[test]
    fn undeclared_bytes_that_are_not_utf8_are_windows_1252() {
        assert_eq!(
            decode_page(b"\x93quoted\x94", None),
            "\u{201c}quoted\u{201d}"
        );
    }

    #[test]
    fn utf16_declared_in_an_ascii_page_is_ignored() {
        assert_eq!(
            decode_page(b"<meta charset=utf-16>ok", None),
            "<meta charset=utf-16>ok"
        );
    }
}
