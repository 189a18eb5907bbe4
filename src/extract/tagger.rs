//! The CRF tagger: tokens in, labelled mentions out, with byte offsets.

use std::io::Read;
use std::sync::OnceLock;

use serde::Serialize;

use super::attr_ids::{Fixed, Lookup};
use super::crf::{Crf, Scratch};
use super::features::{is_headline, lowercase_words, token_infos};
use super::token::{Token, sentences, tokenize};

/// assets/ner/model.crfsuite packed and deflated by build.rs: 0.95 MB in the binary instead of
/// the file's 5.5 MB (2.3 MB deflated as it is).
static MODEL_DEFLATED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/model.packed.deflate"));
const MODEL_LEN: &str = include_str!(concat!(env!("OUT_DIR"), "/model.len"));
/// The model inflated, once, when the extractor is first used (a few milliseconds).
static MODEL_BYTES: OnceLock<Vec<u8>> = OnceLock::new();

fn model_bytes() -> &'static [u8] {
    MODEL_BYTES.get_or_init(|| {
        let mut bytes = Vec::with_capacity(MODEL_LEN.parse().unwrap_or(0));
        flate2::read::DeflateDecoder::new(MODEL_DEFLATED)
            .read_to_end(&mut bytes)
            .expect("build.rs deflated the model into memory, whole");
        bytes
    })
}

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Label {
    #[serde(rename = "PERSON")]
    Person,
    #[serde(rename = "ORG")]
    Org,
    #[serde(rename = "LOC")]
    Place,
    /// Nationalities, religious and political groups (`Iranian`, `Shiite`).
    #[serde(rename = "NORP")]
    Group,
    #[serde(rename = "MISC")]
    Misc,
    #[serde(rename = "DATE")]
    Date,
    #[serde(rename = "MONEY")]
    Money,
    #[serde(rename = "PERCENT")]
    Percent,
    /// Other numbers (ner_eval's CARDINAL).
    #[serde(rename = "CARDINAL")]
    Number,
}

impl Label {
    /// The label as `byline ner` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Person => "PERSON",
            Label::Org => "ORG",
            Label::Place => "LOC",
            Label::Group => "NORP",
            Label::Misc => "MISC",
            Label::Date => "DATE",
            Label::Money => "MONEY",
            Label::Percent => "PERCENT",
            Label::Number => "CARDINAL",
        }
    }

    fn from_tag(tag: &str) -> Option<Label> {
        match tag {
            "PER" => Some(Label::Person),
            "ORG" => Some(Label::Org),
            "LOC" => Some(Label::Place),
            "MISC" => Some(Label::Misc),
            _ => None,
        }
    }
}

/// One mention: a byte range of the text and what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// A span of tokens with a label, before offsets are taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TokenSpan {
    pub start: usize,
    pub end: usize,
    pub label: Label,
}

/// The extractor: the loaded model. Cheap to share; [`Extractor::get`] loads it once.
pub struct Extractor {
    model: Option<(Crf, Fixed)>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor")
            .field("has_model", &self.model.is_some())
            .finish()
    }
}

static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();

thread_local! {
    /// Each thread's word and shape ids, kept from article to article (short articles share
    /// most of their words); bounded by `attr_ids`.
    static LOOKUP: std::cell::RefCell<Lookup> = std::cell::RefCell::default();
}

impl Extractor {
    /// The built-in extractor, loaded on first use.
    pub fn get() -> &'static Extractor {
        EXTRACTOR.get_or_init(|| Extractor {
            model: Crf::new(model_bytes()).map(|crf| {
                let fixed = Fixed::new(&crf);
                (crf, fixed)
            }),
        })
    }

    /// Finds the mentions in `text`, in order, with UTF-8 byte offsets.
    ///
    /// ```
    /// use byline::extract::{Extractor, Label};
    /// let text = "Iranian President Masoud Pezeshkian visited Baghdad.";
    /// let found = Extractor::get().extract(text);
    /// let person = found.iter().find(|m| m.label == Label::Person).unwrap();
    /// assert_eq!(&text[person.start..person.end], "Masoud Pezeshkian");
    /// ```
    pub fn extract(&self, text: &str) -> Vec<Mention> {
        let Some(composed) = super::normalize::Composed::new(text) else {
            return self.extract_nfc(text);
        };
        let mut mentions = self.extract_nfc(&composed.text);
        for m in &mut mentions {
            m.start = composed.start_in_original(m.start);
            m.end = composed.end_in_original(m.end);
        }
        mentions
    }

    /// [`Extractor::extract`] on a text in NFC.
    fn extract_nfc(&self, text: &str) -> Vec<Mention> {
        let tokens = tokenize(text);
        let spans = self.tag(text, &tokens);
        let spans = super::rules::apply(text, &tokens, spans);
        spans
            .into_iter()
            .map(|s| Mention {
                start: tokens[s.start].start,
                end: tokens[s.end - 1].end,
                label: s.label,
            })
            .collect()
    }

    /// Tags every sentence with the CRF; spans are token index ranges.
    pub(crate) fn tag(&self, text: &str, tokens: &[Token]) -> Vec<TokenSpan> {
        let Some((model, fixed)) = &self.model else {
            return Vec::new();
        };
        LOOKUP.with_borrow_mut(|lookup| Self::tag_with(model, fixed, lookup, text, tokens))
    }

    fn tag_with(
        model: &Crf,
        fixed: &Fixed,
        lookup: &mut Lookup,
        text: &str,
        tokens: &[Token],
    ) -> Vec<TokenSpan> {
        let lower_doc = lowercase_words(text, tokens);
        let mut spans = Vec::new();
        let (mut scratch, mut tags) = (Scratch::default(), Vec::new());
        for range in sentences(text, tokens) {
            let offset = range.start;
            let infos = token_infos(text, &tokens[range], &lower_doc);
            let headline = is_headline(&infos);
            let ids = lookup.tokens(model, &infos);
            model.begin(&mut scratch, infos.len());
            for i in 0..infos.len() {
                lookup.each(model, fixed, (&infos, &ids), i, headline, &mut |a| {
                    model.add(&mut scratch, i, a);
                });
            }
            tags.clear();
            tags.extend(
                model
                    .viterbi(&mut scratch)
                    .iter()
                    .map(|&id| model.label(id)),
            );
            spans.extend(bio_spans(&tags).into_iter().map(|s| TokenSpan {
                start: s.start + offset,
                end: s.end + offset,
                ..s
            }));
        }
        spans
    }
}

/// Reads `B-X`/`I-X`/`O` tags as spans; a stray `I-X` starts a span.
pub(crate) fn bio_spans(tags: &[&str]) -> Vec<TokenSpan> {
    let mut spans: Vec<TokenSpan> = Vec::new();
    let mut open: Option<TokenSpan> = None;
    for (i, tag) in tags.iter().enumerate() {
        let (bio, kind) = tag.split_once('-').unwrap_or((tag, ""));
        let label = Label::from_tag(kind);
        let continues = bio == "I" && open.is_some_and(|o| Some(o.label) == label);
        if continues {
            if let Some(o) = open.as_mut() {
                o.end = i + 1;
            }
            continue;
        }
        spans.extend(open.take());
        if let Some(label) = label {
            open = Some(TokenSpan {
                start: i,
                end: i + 1,
                label,
            });
        }
    }
    spans.extend(open);
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_model_inflates_whole() {
        assert_eq!(model_bytes().len().to_string(), MODEL_LEN);
        assert!(Extractor::get().model.is_some());
    }

    /// The tagger's ids are the ids of the names training writes, in the same order, on text
    /// with every kind of attribute: edges, headlines, flags, phrases, shouting, lcdoc.
    #[test]
    fn attribute_ids_match_attribute_names() {
        let (crf, _) = Extractor::get().model.as_ref().expect("model");
        let text = "IRAN'S NEW PRESIDENT VISITS IRAQ\n\nIranian President Masoud Pezeshkian \
            visited Baghdad on Wednesday, said the Middle East desk of the United Nations in \
            New York. The president met Iraq's Prime Minister Mohammed Shia al-Sudani; \
            Pezeshkian said 2,500 people in U.S. cities, and the new Iraqi president, watched.";
        let tokens = tokenize(text);
        let lower = lowercase_words(text, &tokens);
        let mut seen = 0;
        for range in sentences(text, &tokens) {
            let infos = token_infos(text, &tokens[range], &lower);
            for headline in [false, true] {
                let (by_name, by_id) = super::super::attr_ids::both_ways(crf, &infos, headline);
                assert_eq!(by_name, by_id);
                seen += by_id.len();
            }
        }
        assert!(seen > 500, "{seen} attributes");
    }

    #[test]
    fn bio_decoding() {
        let spans = bio_spans(&["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG", "I-PER"]);
        let got: Vec<(usize, usize, Label)> =
            spans.iter().map(|s| (s.start, s.end, s.label)).collect();
        assert_eq!(
            got,
            [
                (0, 2, Label::Person),
                (3, 4, Label::Place),
                (4, 5, Label::Org),
                (5, 6, Label::Org),
                (6, 7, Label::Person)
            ]
        );
    }
}
