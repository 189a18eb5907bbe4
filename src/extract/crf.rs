//! The tagger's linear-chain CRF, read once from the packed model (build.rs makes it from the
//! CRFsuite file) into flat arrays.
//!
//! `crfs::Tagger` wants each token's attributes as owned `String`s, and reads every weight
//! through bounds-checked byte unpacking; that and the allocations were half the extractor's
//! time. Here a token's attribute names are looked up straight from a reused buffer, their
//! weights sit in one array per attribute, and Viterbi runs over reused buffers. The sums and
//! comparisons are made in crfs's order, so the tags are the same to the bit.

use rustc_hash::FxHashMap;

/// Where one attribute's state weights sit in `targets`/`weights`.
type Span = (u32, u32);

/// The model's weights, by attribute id and label id.
pub(crate) struct Crf {
    /// Attribute names to ids (the model's own CQDB hash costs a quarter of tagging).
    ids: FxHashMap<&'static str, u32>,
    labels: Vec<String>,
    /// Per attribute: the range of its state features.
    spans: Vec<Span>,
    targets: Vec<u8>,
    weights: Vec<f64>,
    /// Transition weights, `trans_t[to * l + from]`.
    trans_t: Vec<f64>,
}

/// Buffers for one sequence at a time, reused across sentences.
#[derive(Default)]
pub(crate) struct Scratch {
    items: usize,
    state: Vec<f64>,
    alpha: Vec<f64>,
    back: Vec<u32>,
    best: Vec<u32>,
}

/// The packed model's parts in order (written by build.rs's `pack_model`).
struct Reader {
    buf: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let part = self.buf.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(part)
    }

    fn byte(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f64s(&mut self, n: usize) -> Option<Vec<f64>> {
        let bytes = self.take(n.checked_mul(8)?)?;
        Some(
            bytes
                .chunks_exact(8)
                .map(|c| f64::from_le_bytes(c.try_into().unwrap_or_default()))
                .collect(),
        )
    }
}

impl Crf {
    /// Reads the packed model; `None` when it is not one or is cut short.
    pub(crate) fn new(buf: &'static [u8]) -> Option<Crf> {
        let mut r = Reader { buf, at: 0 };
        if r.take(6)? != b"BYCRF1" {
            return None;
        }
        let l = usize::from(r.byte()?);
        let labels = (0..l)
            .map(|_| {
                let n = usize::from(r.byte()?);
                Some(std::str::from_utf8(r.take(n)?).ok()?.to_string())
            })
            .collect::<Option<Vec<_>>>()?;
        let trans_t = r.f64s(l * l)?;
        let attrs = r.u32()? as usize;
        let mut ids = FxHashMap::with_capacity_and_hasher(attrs, Default::default());
        for id in 0..attrs as u32 {
            let rest = buf.get(r.at..)?;
            let len = rest.iter().position(|&c| c == b'\n')?;
            ids.insert(std::str::from_utf8(r.take(len)?).ok()?, id);
            r.take(1)?;
        }
        let counts = r.take(attrs)?;
        let mut spans = Vec::with_capacity(attrs);
        let mut start = 0u32;
        for &n in counts {
            spans.push((start, start + u32::from(n)));
            start += u32::from(n);
        }
        let n = start as usize;
        let targets = r.take(n)?.to_vec();
        if targets.iter().any(|&t| usize::from(t) >= l) {
            return None;
        }
        // The weights as eight byte planes: byte k of every weight, then byte k + 1.
        let planes = r.take(n.checked_mul(8)?)?;
        let weights = (0..n)
            .map(|i| {
                let mut w = [0u8; 8];
                for (k, byte) in w.iter_mut().enumerate() {
                    *byte = planes[k * n + i];
                }
                f64::from_le_bytes(w)
            })
            .collect();
        (r.at == buf.len()).then_some(Crf {
            ids,
            labels,
            spans,
            targets,
            weights,
            trans_t,
        })
    }

    /// The label a tag id names (`B-PER`, `O`, ...).
    pub(crate) fn label(&self, id: u32) -> &str {
        self.labels.get(id as usize).map_or("O", String::as_str)
    }

    /// Starts a sequence of `items` tokens.
    pub(crate) fn begin(&self, s: &mut Scratch, items: usize) {
        let n = items * self.labels.len();
        s.items = items;
        s.state.clear();
        s.state.resize(n, 0.0);
        s.alpha.clear();
        s.alpha.resize(n, 0.0);
        s.back.clear();
        s.back.resize(n, 0);
    }

    /// The id of attribute `name`; `None` for a name the model never saw.
    pub(crate) fn id(&self, name: &str) -> Option<u32> {
        self.ids.get(name).copied()
    }

    /// Adds the weights of attribute `aid` to token `t`'s scores.
    pub(crate) fn add(&self, s: &mut Scratch, t: usize, aid: u32) {
        let Some(&(start, end)) = self.spans.get(aid as usize) else {
            return;
        };
        let l = self.labels.len();
        let row = &mut s.state[l * t..l * (t + 1)];
        let (start, end) = (start as usize, end as usize);
        for (&to, &w) in self.targets[start..end]
            .iter()
            .zip(&self.weights[start..end])
        {
            row[usize::from(to)] += w;
        }
    }

    /// The best tag sequence for the scores added since [`Crf::begin`].
    pub(crate) fn viterbi<'s>(&self, s: &'s mut Scratch) -> &'s [u32] {
        let l = self.labels.len();
        let n = s.items;
        s.best.clear();
        if n == 0 {
            return &s.best;
        }
        s.alpha[..l].copy_from_slice(&s.state[..l]);
        for t in 1..n {
            let (prev, current) = s.alpha.split_at_mut(l * t);
            let prev = &prev[l * (t - 1)..];
            let state = &s.state[l * t..l * (t + 1)];
            let back = &mut s.back[l * t..l * (t + 1)];
            for (j, (cur, back)) in current[..l].iter_mut().zip(back).enumerate() {
                let trans = &self.trans_t[l * j..l * (j + 1)];
                let (mut max, mut arg) = (f64::MIN, 0);
                for (i, (p, tr)) in prev.iter().zip(trans).enumerate() {
                    let score = p + tr;
                    if max < score {
                        max = score;
                        arg = i;
                    }
                }
                *back = arg as u32;
                *cur = max + state[j];
            }
        }
        let (mut max, mut last) = (f64::MIN, 0);
        for (i, &score) in s.alpha[l * (n - 1)..l * n].iter().enumerate() {
            if max < score {
                max = score;
                last = i as u32;
            }
        }
        s.best.resize(n, 0);
        s.best[n - 1] = last;
        for t in (0..n - 1).rev() {
            s.best[t] = s.back[l * (t + 1) + s.best[t + 1] as usize];
        }
        &s.best
    }
}
