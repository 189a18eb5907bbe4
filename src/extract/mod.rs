//! Entity extraction: people, organisations, places and groups in English news, offline.
//!
//! A tokenizer ([`tokenize`]), gazetteers, a CRF tagger (model in `assets/ner/`, trained by
//! `examples/train_ner.rs` on openly licensed data), then rules over the whole article.

pub mod features;
pub mod gazetteer;
mod group;
mod rules;
mod tagger;
mod token;

pub use group::{Entity, group_entities};
pub use tagger::{Extractor, Label, Mention};
pub use token::{Token, sentences, tokenize};
