//! The tagger's linear-chain CRF, read once from the CRFsuite model into flat arrays.
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

const CHUNK_HEADER: usize = 12;
const FEATURE_SIZE: usize = 20;

fn u32_at(buf: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(buf.get(at..at + 4)?.try_into().ok()?))
}

fn f64_at(buf: &[u8], at: usize) -> Option<f64> {
    Some(f64::from_le_bytes(buf.get(at..at + 8)?.try_into().ok()?))
}

/// The feature ids that a reference chunk lists for entry `id`.
fn refs(buf: &[u8], chunk: usize, id: u32) -> Option<impl Iterator<Item = Option<u32>> + '_> {
    let at = u32_at(buf, chunk + CHUNK_HEADER + 4 * id as usize)? as usize;
    let n = u32_at(buf, at)? as usize;
    Some((0..n).map(move |k| u32_at(buf, at + 4 + 4 * k)))
}

/// Every string of the CQDB at `db`, by id (its backward array).
fn cqdb_strings(buf: &'static [u8], db: usize, n: u32) -> Option<FxHashMap<&'static str, u32>> {
    let bwd_size = u32_at(buf, db + 16)?;
    let bwd = u32_at(buf, db + 20)? as usize;
    if n > bwd_size || bwd == 0 {
        return None;
    }
    let mut ids = FxHashMap::with_capacity_and_hasher(n as usize, Default::default());
    for id in 0..n {
        let at = db + u32_at(buf, db + bwd + 4 * id as usize)? as usize;
        let len = (u32_at(buf, at + 4)? as usize).checked_sub(1)?;
        let name = std::str::from_utf8(buf.get(at + 8..at + 8 + len)?).ok()?;
        ids.insert(name, id);
    }
    Some(ids)
}

/// Feature `fid`: (target, weight).
fn feature(buf: &[u8], features: usize, fid: u32) -> Option<(u32, f64)> {
    let at = features + CHUNK_HEADER + FEATURE_SIZE * fid as usize;
    Some((u32_at(buf, at + 8)?, f64_at(buf, at + 12)?))
}

impl Crf {
    /// Reads a CRFsuite model; `None` when it is not one or is cut short.
    pub(crate) fn new(buf: &'static [u8]) -> Option<Crf> {
        let model = crfs::Model::new(buf).ok()?;
        let l = model.num_labels() as usize;
        let (off_features, off_attrs, off_label_refs, off_attr_refs) = (
            u32_at(buf, 28)? as usize,
            u32_at(buf, 36)? as usize,
            u32_at(buf, 40)? as usize,
            u32_at(buf, 44)? as usize,
        );
        if l == 0 || l > usize::from(u8::MAX) {
            return None;
        }
        let labels = (0..l as u32)
            .map(|id| model.to_label(id).map(str::to_string))
            .collect::<Option<Vec<_>>>()?;
        let mut trans_t = vec![0.0; l * l];
        for from in 0..l {
            for fid in refs(buf, off_label_refs, from as u32)? {
                let (to, weight) = feature(buf, off_features, fid?)?;
                *trans_t.get_mut(to as usize * l + from)? = weight;
            }
        }
        let attrs = model.num_attrs();
        let mut spans = Vec::with_capacity(attrs as usize);
        let mut targets = Vec::new();
        let mut weights = Vec::new();
        for aid in 0..attrs {
            let start = weights.len() as u32;
            for fid in refs(buf, off_attr_refs, aid)? {
                let (to, weight) = feature(buf, off_features, fid?)?;
                targets.push(u8::try_from(to).ok().filter(|&t| usize::from(t) < l)?);
                weights.push(weight);
            }
            spans.push((start, weights.len() as u32));
        }
        Some(Crf {
            ids: cqdb_strings(buf, off_attrs, attrs)?,
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
