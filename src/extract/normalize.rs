//! Text in NFC for the extractor, with a way back to offsets into the original: `José` written
//! with a combining accent (NFD) is found as the same name, and its span covers the original
//! bytes.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A text composed to NFC, cut into pieces that each start at a character with no combining
/// class: the NFC of the whole is the NFC of each piece, joined.
#[derive(Debug)]
pub(crate) struct Composed {
    pub text: String,
    /// For each piece: where it starts in `text` and in the original.
    pieces: Vec<(usize, usize)>,
    original_len: usize,
}

impl Composed {
    /// `None` when the text is already in NFC (nearly always: then nothing is copied).
    pub fn new(original: &str) -> Option<Composed> {
        if original.is_ascii() || is_nfc_quick(original.chars()) == IsNormalized::Yes {
            return None;
        }
        let mut text = String::with_capacity(original.len());
        let mut pieces = Vec::new();
        let mut piece_start = 0;
        for (i, c) in original.char_indices() {
            if i > piece_start && canonical_combining_class(c) == 0 {
                pieces.push((text.len(), piece_start));
                text.extend(original[piece_start..i].nfc());
                piece_start = i;
            }
        }
        pieces.push((text.len(), piece_start));
        text.extend(original[piece_start..].nfc());
        Some(Composed {
            text,
            pieces,
            original_len: original.len(),
        })
    }

    /// The original offset of a span's start in `text`: the start of its piece.
    pub fn start_in_original(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|&(c, _)| c <= at);
        self.pieces[k.saturating_sub(1)].1
    }

    /// The original offset of a span's end (exclusive) in `text`: the end of the piece it ends
    /// in.
    pub fn end_in_original(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|&(c, _)| c < at);
        self.pieces.get(k).map_or(self.original_len, |&(_, o)| o)
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
}
