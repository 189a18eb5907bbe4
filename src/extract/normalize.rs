//! Text in NFC for the extractor, with a way back to offsets into the original: `José` written
//! with a combining accent (NFD) is found as the same name, and its span covers the original
//! bytes. An escaped ampersand left in the text (`Procter &amp; Gamble`, `AT&AMP;T`, from a feed
//! escaped twice or SGML copy) is read as `&`.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text composed to NFC, cut into pieces that each start at a character with no combining
/// class (the NFC of the whole is the NFC of each piece, joined) or at an escaped ampersand.
#[derive(Debug)]
pub(crate) struct Composed {
    pub text: String,
    /// For each piece: where it starts in `text` and in the original, and whether it is the
    /// original copied as it is (then offsets inside it map one to one).
    pieces: Vec<(usize, usize, bool)>,
    original_len: usize,
}

/// The length of the escaped ampersand at the start of `s`, if one is there.
fn escaped_amp(s: &str) -> Option<usize> {
    let head = s.as_bytes().get(..5)?;
    head.eq_ignore_ascii_case(b"&amp;").then_some(5)
}

impl Composed {
    /// `None` when the text is already in NFC and has no escaped ampersand (nearly always: then
    /// nothing is copied).
    pub fn new(original: &str) -> Option<Composed> {
        let nfc = original.is_ascii() || is_nfc_quick(original.chars()) == IsNormalized::Yes;
        let amps = original.contains('&')
            && original
                .match_indices('&')
                .any(|(i, _)| escaped_amp(&original[i..]).is_some());
        if nfc && !amps {
            return None;
        }
        let mut c = Composed {
            text: String::with_capacity(original.len()),
            pieces: Vec::new(),
            original_len: original.len(),
        };
        let mut piece_start = 0;
        let mut skip_to = 0;
        for (i, ch) in original.char_indices() {
            if i < skip_to {
                continue;
            }
            if let Some(len) = (ch == '&').then(|| escaped_amp(&original[i..])).flatten() {
                c.piece(&original[piece_start..i], piece_start, nfc);
                c.pieces.push((c.text.len(), i, false));
                c.text.push('&');
                (piece_start, skip_to) = (i + len, i + len);
            } else if !nfc && i > piece_start && canonical_combining_class(ch) == 0 {
                c.piece(&original[piece_start..i], piece_start, nfc);
                piece_start = i;
            }
        }
        c.piece(&original[piece_start..], piece_start, nfc);
        Some(c)
    }

    fn piece(&mut self, part: &str, at: usize, nfc: bool) {
        if part.is_empty() {
            return;
        }
        self.pieces.push((self.text.len(), at, nfc));
        if nfc {
            self.text.push_str(part);
        } else {
            self.text.extend(part.nfc());
        }
    }

    /// The original offset of a span's start in `text`: the start of its piece, or the same
    /// place in a piece copied as it is.
    pub fn start_in_original(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|&(c, _, _)| c <= at);
        let (c, o, same) = self.pieces[k.saturating_sub(1)];
        if same { o + (at - c) } else { o }
    }

    /// The original offset of a span's end (exclusive) in `text`: the end of the piece it ends
    /// in, or the same place in a piece copied as it is.
    pub fn end_in_original(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|&(c, _, _)| c < at);
        if let Some(&(c, o, true)) = k.checked_sub(1).and_then(|j| self.pieces.get(j)) {
            let next = self.pieces.get(k).map_or(self.text.len(), |p| p.0);
            if at <= next {
                return o + (at - c);
            }
        }
        self.pieces.get(k).map_or(self.original_len, |&(_, o, _)| o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_text_is_not_copied() {
        assert!(Composed::new("José García in Bogotá").is_none());
    }

    #[test]
    fn offsets_map_back_to_the_decomposed_original() {
        let original = "met Jose\u{301} Garci\u{301}a today";
        let c = Composed::new(original).unwrap();
        assert_eq!(c.text, "met José García today");
        let start = c.text.find("José").unwrap();
        let end = c.text.find(" today").unwrap();
        let (s, e) = (c.start_in_original(start), c.end_in_original(end));
        assert_eq!(&original[s..e], "Jose\u{301} Garci\u{301}a");
    }

    #[test]
    fn an_escaped_ampersand_is_read_as_one_and_maps_back_whole() {
        let original = "Shares of Procter &AMP; Gamble and AT&amp;T rose; Mu\u{308}nchen &amp";
        let c = Composed::new(original).unwrap();
        assert_eq!(
            c.text,
            "Shares of Procter & Gamble and AT&T rose; München &amp"
        );
        let span = |name: &str| {
            let start = c.text.find(name).unwrap();
            let (s, e) = (
                c.start_in_original(start),
                c.end_in_original(start + name.len()),
            );
            &original[s..e]
        };
        assert_eq!(span("Procter & Gamble"), "Procter &AMP; Gamble");
        assert_eq!(span("AT&T"), "AT&amp;T");
        assert_eq!(span("Shares"), "Shares");
        assert_eq!(span("München"), "Mu\u{308}nchen");
        assert!(Composed::new("Procter & Gamble, AT&T").is_none());
    }
}
