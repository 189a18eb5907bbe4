//! Entity extraction: people, organisations, places and groups in English news, offline.
//!
//! A tokenizer ([`tokenize`]), gazetteers, a CRF tagger (model in `assets/ner/`, trained by
//! `examples/train_ner.rs` on openly licensed data), then rules over the whole article.

mod article;
mod attr_ids;
mod crf;
pub mod features;
pub mod gazetteer;
mod group;
mod normalize;
mod numeric;
mod rules;
mod table;
mod tagger;
mod token;

/// The extractor's version: articles indexed by an older one are indexed again.
pub const EXTRACTOR_VERSION: u32 = 4;

pub use article::{ArticleEntities, MAX_EXTRACT_BYTES, article_entities};
pub use group::{Entity, group_entities};
pub use tagger::{Extractor, Label, Mention};
pub use token::{Token, sentences, tokenize};
