//! The tagger's attributes as model ids: the same attributes, in the same order, as
//! [`for_each_attribute`] writes as names, but a word's and a shape's ids are looked up once
//! per article instead of once per use. Looking up each token's ~35 names in the model's
//! 60,000-name table was a quarter of the extractor's time; now a token costs two lookups in
//! small hot tables and one (its bigram) in the model's.

use rustc_hash::FxHashMap;

use super::crf::Crf;
#[cfg(test)]
use super::features::for_each_attribute;
use super::features::{FLAG_NAMES, PHRASE_KINDS, TokenInfo, affixes};

/// Neighbour positions as attribute names write them: word (`w=`, `w-2=`, ...) and
/// shape/flag (`sh=`, `sh-1=`, `sh+1=`) families.
const WORD_AT: [&str; 5] = ["", "-2", "-1", "+1", "+2"];
const NEAR_AT: [&str; 3] = ["", "-1", "+1"];
/// Past this many distinct words (or shapes) a thread's caches start again (a bound on memory).
const CACHE_LIMIT: usize = 200_000;

type Id = Option<u32>;

/// The ids of the attributes that do not depend on a word.
pub(crate) struct Fixed {
    b: Id,
    first: Id,
    hl: Id,
    upper: Id,
    lcdoc: Id,
    /// `w-2=<edge>`, `w-1=<edge>`, `w+1=<edge>`, `w+2=<edge>`.
    edge: [Id; 4],
    flags: [Vec<Id>; 3],
    /// By position, kind and begin/inside.
    phrase: [[[Id; 2]; 3]; 3],
}

impl Fixed {
    pub(crate) fn new(crf: &Crf) -> Fixed {
        let id = |parts: &[&str]| crf.id(&parts.concat());
        let near = |f: &dyn Fn(&str) -> Vec<Id>| NEAR_AT.map(f);
        Fixed {
            b: id(&["b"]),
            first: id(&["first"]),
            hl: id(&["hl"]),
            upper: id(&["upper"]),
            lcdoc: id(&["lcdoc"]),
            edge: [1, 2, 3, 4].map(|k| id(&["w", WORD_AT[k], "=<edge>"])),
            flags: near(&|at| {
                FLAG_NAMES
                    .iter()
                    .map(|(_, n)| id(&["g", at, ":", n]))
                    .collect()
            }),
            phrase: NEAR_AT
                .map(|at| PHRASE_KINDS.map(|k| ["B", "I"].map(|bi| id(&["gp", at, ":", k, bi])))),
        }
    }
}

/// One token's own ids, under each position it is seen from.
#[derive(Clone, Copy, Default)]
pub(crate) struct TokenIds {
    word: [Id; 5],
    shape: [Id; 3],
    p3: Id,
    s3: Id,
}

/// An article's caches of word and shape ids.
#[derive(Default)]
pub(crate) struct Lookup {
    words: FxHashMap<String, ([Id; 5], Id, Id)>,
    shapes: FxHashMap<String, [Id; 3]>,
    buf: String,
}

impl Lookup {
    /// The ids of each token of a sentence.
    pub(crate) fn tokens(&mut self, crf: &Crf, infos: &[TokenInfo]) -> Vec<TokenIds> {
        if self.words.len() > CACHE_LIMIT {
            self.words.clear();
        }
        if self.shapes.len() > CACHE_LIMIT {
            self.shapes.clear();
        }
        infos.iter().map(|t| self.token(crf, t)).collect()
    }

    fn token(&mut self, crf: &Crf, t: &TokenInfo) -> TokenIds {
        let buf = &mut self.buf;
        let mut id = |parts: &[&str]| {
            buf.clear();
            parts.iter().for_each(|p| buf.push_str(p));
            crf.id(buf)
        };
        let (word, p3, s3) = match self.words.get(t.lower.as_str()) {
            Some(&ids) => ids,
            None => {
                let word = WORD_AT.map(|at| id(&["w", at, "=", &t.word]));
                let (p3, s3) = affixes(&t.lower)
                    .map_or((None, None), |(p, s)| (id(&["p3=", p]), id(&["s3=", s])));
                self.words.insert(t.lower.clone(), (word, p3, s3));
                (word, p3, s3)
            }
        };
        let shape = match self.shapes.get(t.shape.as_str()) {
            Some(&ids) => ids,
            None => {
                let ids = NEAR_AT.map(|at| id(&["sh", at, "=", &t.shape]));
                self.shapes.insert(t.shape.clone(), ids);
                ids
            }
        };
        TokenIds {
            word,
            shape,
            p3,
            s3,
        }
    }

    /// Calls `each` with the id of every known attribute of token `i`, in
    /// [`for_each_attribute`]'s order (the scores are summed in it).
    pub(crate) fn each(
        &mut self,
        crf: &Crf,
        fixed: &Fixed,
        (infos, ids): (&[TokenInfo], &[TokenIds]),
        i: usize,
        headline: bool,
        each: &mut impl FnMut(u32),
    ) {
        let mut put = |id: Id| id.into_iter().for_each(&mut *each);
        let (t, own) = (&infos[i], &ids[i]);
        put(fixed.b);
        put(own.word[0]);
        put(own.shape[0]);
        put(own.p3);
        put(own.s3);
        put(fixed.first.filter(|_| i == 0));
        put(fixed.hl.filter(|_| headline));
        put(fixed.upper.filter(|_| t.is_upper));
        put(fixed.lcdoc.filter(|_| t.lower_elsewhere));
        flags(&mut put, fixed, 0, t);
        for (k, off) in [(1, -2isize), (2, -1), (3, 1), (4, 2)] {
            let Some(j) = i.checked_add_signed(off).filter(|&j| j < infos.len()) else {
                put(fixed.edge[k - 1]);
                continue;
            };
            put(ids[j].word[k]);
            if off.abs() == 1 {
                let at = if off < 0 { 1 } else { 2 };
                put(ids[j].shape[at]);
                flags(&mut put, fixed, at, &infos[j]);
            }
        }
        if i > 0 {
            let buf = &mut self.buf;
            buf.clear();
            for p in ["w-1|w=", &infos[i - 1].lower, "|", &t.lower] {
                buf.push_str(p);
            }
            put(crf.id(buf));
        }
    }
}

fn flags(put: &mut impl FnMut(Id), fixed: &Fixed, at: usize, t: &TokenInfo) {
    if !t.is_cap {
        return;
    }
    for (k, (f, _)) in FLAG_NAMES.iter().enumerate() {
        if t.flags & f != 0 {
            put(fixed.flags[at][k]);
        }
    }
    if let Some((kind, begin)) = t.phrase {
        let k = PHRASE_KINDS.iter().position(|&p| p == kind).unwrap_or(0);
        put(fixed.phrase[at][k][usize::from(!begin)]);
    }
}

/// Both ways of naming a sentence's attributes, for the test that they agree.
#[cfg(test)]
pub(crate) fn both_ways(crf: &Crf, infos: &[TokenInfo], headline: bool) -> (Vec<u32>, Vec<u32>) {
    let (fixed, mut lookup) = (Fixed::new(crf), Lookup::default());
    let ids = lookup.tokens(crf, infos);
    let (mut by_name, mut by_id, mut buf) = (Vec::new(), Vec::new(), String::new());
    for i in 0..infos.len() {
        for_each_attribute(infos, i, headline, &mut buf, &mut |a| {
            by_name.extend(crf.id(a))
        });
        lookup.each(crf, &fixed, (infos, &ids), i, headline, &mut |id| {
            by_id.push(id)
        });
    }
    (by_name, by_id)
}
