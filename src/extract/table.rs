//! Perfect-hash tables of strings laid out by build.rs as flat arrays: the keys in one string
//! with the offsets where each ends, so an entry costs no pointer and no relocation.

/// Strings stored one after the other in `text`; string `i` ends at `ends[i]`.
#[derive(Debug)]
pub(crate) struct Strings {
    pub ends: &'static [u32],
    pub text: &'static str,
}

impl Strings {
    /// String `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&'static str> {
        let start = match i {
            0 => 0,
            _ => *self.ends.get(i - 1)? as usize,
        };
        self.text.get(start..*self.ends.get(i)? as usize)
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
    pub fn slot(&self, key: &str) -> Option<usize> {
        if self.disps.is_empty() {
            return None;
        }
        let hashes = phf_shared::hash(key, &self.key);
        let slot = phf_shared::get_index(&hashes, self.disps, self.values.len()) as usize;
        (self.keys.get(slot)? == key).then_some(slot)
    }

    /// The value of `key`, if the table has it.
    pub fn get(&self, key: &str) -> Option<V> {
        self.slot(key).and_then(|s| self.values.get(s).copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_split_at_their_ends() {
        let s = Strings {
            ends: &[1, 1, 4],
            text: "abcd",
        };
        assert_eq!(
            (0..4).map(|i| s.get(i)).collect::<Vec<_>>(),
            [Some("a"), Some(""), Some("bcd"), None]
        );
    }

    #[test]
    fn an_empty_table_has_nothing() {
        let t: Table<u8> = Table {
            key: 0,
            disps: &[],
            keys: Strings {
                ends: &[],
                text: "",
            },
            values: &[],
        };
        assert_eq!(t.get("x"), None);
    }
}
