//! Perfect-hash tables of strings laid out by build.rs as flat arrays: the values in slot
//! order, and the keys one per line, deflated, in one buffer that is inflated the first time
//! a table is asked (a few milliseconds), so that an entry costs no pointer and no relocation,
//! and the keys' text and their ends no room in the binary.

use std::io::Read;
use std::sync::OnceLock;

/// Strings each ended by a line break, deflated; string `i` is line `i`.
#[derive(Debug)]
pub(crate) struct Strings {
    deflated: &'static [u8],
    lines: OnceLock<Lines>,
}

/// The inflated text, and where each line ends.
#[derive(Debug, Default)]
struct Lines {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    /// The lines build.rs deflated.
    pub const fn new(deflated: &'static [u8]) -> Strings {
        Strings {
            deflated,
            lines: OnceLock::new(),
        }
    }

    fn lines(&self) -> &Lines {
        self.lines.get_or_init(|| {
            let mut text = String::new();
            // An empty table has nothing to inflate.
            if !self.deflated.is_empty() {
                flate2::read::DeflateDecoder::new(self.deflated)
                    .read_to_string(&mut text)
                    .expect("build.rs deflated the table's keys, whole");
            }
            // Every string ends with a line break.
            let ends = text.match_indices('\n').map(|(at, _)| at as u32).collect();
            Lines { text, ends }
        })
    }

    /// String `i`, if there is one.
    pub fn get(&'static self, i: usize) -> Option<&'static str> {
        let lines = self.lines();
        let start = match i {
            0 => 0,
            _ => *lines.ends.get(i - 1)? as usize + 1,
        };
        lines.text.get(start..*lines.ends.get(i)? as usize)
    }
}

/// A map from strings to `V`, hashed as `phf` hashes (`key` and `disps` from
/// `phf_generator`), its keys and values in slot order.
#[derive(Debug)]
pub(crate) struct Table<V: 'static> {
    pub key: u64,
    pub disps: &'static [(u32, u32)],
    pub keys: Strings,
    pub values: &'static [V],
}

impl<V: Copy> Table<V> {
    /// The slot of `key`, if the table has it.
    pub fn slot(&'static self, key: &str) -> Option<usize> {
        if self.disps.is_empty() {
            return None;
        }
        let hashes = phf_shared::hash(key, &self.key);
        let slot = phf_shared::get_index(&hashes, self.disps, self.values.len()) as usize;
        (self.keys.get(slot)? == key).then_some(slot)
    }

    /// The value of `key`, if the table has it.
    pub fn get(&'static self, key: &str) -> Option<V> {
        self.slot(key).and_then(|s| self.values.get(s).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn deflated(text: &str) -> &'static [u8] {
        let mut z = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        z.write_all(text.as_bytes()).unwrap();
        Box::leak(z.finish().unwrap().into_boxed_slice())
    }

    #[test]
    fn strings_are_the_lines_inflated() {
        let s: &'static Strings = Box::leak(Box::new(Strings::new(deflated("a\n\nbcd\n"))));
        assert_eq!(
            (0..4).map(|i| s.get(i)).collect::<Vec<_>>(),
            [Some("a"), Some(""), Some("bcd"), None]
        );
    }

    #[test]
    fn an_empty_table_has_nothing() {
        static EMPTY: Table<u8> = Table {
            key: 0,
            disps: &[],
            keys: Strings::new(&[]),
            values: &[],
        };
        assert_eq!(EMPTY.get("x"), None);
    }
}
