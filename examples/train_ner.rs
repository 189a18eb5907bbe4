//! Trains byline's entity tagger (a linear-chain CRF) and writes `assets/ner/model.crfsuite`.
//!
//! Training data, all openly licensed (see NOTICE): wikigold (CC BY-SA), the Broad Twitter
//! Corpus (CC BY 4.0), UNER English-EWT dev and test (CC BY-SA 4.0), WNUT-17 (CC BY 4.0).
//!
//! Run: `cargo run --release --example train_ner -- ../shared/corpus/ner/train [OUT]`
//!
//! `NER_EXTRA=FILE[:FILE...]` adds files in UNER's .iob2 layout (`# newdoc` lines, then
//! `INDEX<TAB>WORD<TAB>TAG`); a missing one is an error, and without `NER_EXTRA` only the
//! directory above is read. GUM's openly licensed genres come in this way, converted by
//! `scripts/gum_to_iob2.py GUM_GIT_DIR gum.iob2` from a clone of
//! <https://github.com/amir-zeldes/gum> (which genres and why: that script's header).

use std::path::{Path, PathBuf};

use byline::extract::Token;
use byline::extract::features::{lowercase_words, sentence_attributes};

/// One sentence: words and their BIO tags (PER, ORG, LOC, MISC).
struct Sentence {
    words: Vec<String>,
    tags: Vec<String>,
}

/// Sentences that share a document (for the document-level features).
type Doc = Vec<Sentence>;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(
        args.first()
            .map_or("../shared/corpus/ner/train", String::as_str),
    );
    let out = PathBuf::from(
        args.get(1)
            .map_or("assets/ner/model.crfsuite", String::as_str),
    );
    let mut docs = Vec::new();
    docs.extend(read_conll(
        &dir.join("wikigold/wikigold.conll.txt"),
        ' ',
        0,
        1,
        "-DOCSTART-",
    )?);
    for f in ["a", "b", "e", "f", "g", "h"] {
        docs.extend(read_conll(
            &dir.join(format!("BTC/{f}.conll")),
            '\t',
            0,
            1,
            "",
        )?);
    }
    for f in ["en_ewt-ud-dev.iob2", "en_ewt-ud-test.iob2"] {
        docs.extend(read_conll(
            &dir.join(format!("UNER_EWT/{f}")),
            '\t',
            1,
            2,
            "# newdoc",
        )?);
    }
    for f in std::env::var_os("NER_EXTRA")
        .map(|v| std::env::split_paths(&v).collect::<Vec<_>>())
        .unwrap_or_default()
    {
        let extra = read_conll(&f, '\t', 1, 2, "# newdoc").map_err(|e| {
            std::io::Error::new(e.kind(), format!("NER_EXTRA file '{}': {e}", f.display()))
        })?;
        eprintln!("{}: {} documents", f.display(), extra.len());
        docs.extend(extra);
    }
    for f in [
        "wnut17_wnut17train_conll.jsonl",
        "wnut17_emerging_dev_conll.jsonl",
    ] {
        docs.extend(read_wnut(&dir.join(f))?);
    }
    let sentences: usize = docs.iter().map(Vec::len).sum();
    let tokens: usize = docs.iter().flatten().map(|s| s.words.len()).sum();
    eprintln!(
        "{} documents, {sentences} sentences, {tokens} tokens",
        docs.len()
    );

    if let Some(parent) = out.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // ALGO=lbfgs (the shipped model: slower, a little better) or ALGO=ap (averaged perceptron,
    // minutes faster, for trying features).
    if std::env::var("ALGO").as_deref() == Ok("ap") {
        let mut trainer = crfs::Trainer::averaged_perceptron().with_max_iterations(epochs(15))?;
        trainer.set_feature_minfreq(min_freq())?;
        for_each_sentence(&docs, |x, y| trainer.append(x, y))?;
        trainer.train(&out)?;
    } else {
        let mut trainer = crfs::Trainer::lbfgs();
        trainer.set_feature_minfreq(min_freq())?;
        trainer.params_mut().set_c1(0.05)?;
        trainer.params_mut().set_c2(0.01)?;
        trainer.params_mut().set_max_iterations(epochs(100))?;
        trainer.verbose(std::env::var_os("VERBOSE").is_some());
        for_each_sentence(&docs, |x, y| trainer.append(x, y))?;
        trainer.train(&out)?;
    }
    eprintln!(
        "wrote {} ({} bytes)",
        out.display(),
        std::fs::metadata(&out)?.len()
    );
    Ok(())
}

/// Features seen fewer times than this are dropped: a smaller model, little loss.
fn min_freq() -> f64 {
    std::env::var("MINFREQ")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2.0)
}

fn epochs(default: usize) -> usize {
    std::env::var("ITERATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Every sentence with its features and tags, handed to `add`.
fn for_each_sentence(
    docs: &[Doc],
    mut add: impl FnMut(&[Vec<crfs::Attribute>], &[String]) -> std::io::Result<()>,
) -> std::io::Result<()> {
    for doc in docs {
        let text_all: String = doc
            .iter()
            .flat_map(|s| s.words.iter().map(|w| format!("{w} ")))
            .collect();
        let all_tokens = spaced_tokens(doc.iter().flat_map(|s| s.words.iter()));
        let lower_doc = lowercase_words(&text_all, &all_tokens);
        let mut offset = 0;
        for s in doc {
            let toks = &all_tokens[offset..offset + s.words.len()];
            offset += s.words.len();
            let xseq = sentence_attributes(&text_all, toks, &lower_doc);
            add(&xseq, &s.tags)?;
        }
    }
    Ok(())
}
/// Token offsets for words joined by single spaces.
fn spaced_tokens<'a>(words: impl Iterator<Item = &'a String>) -> Vec<Token> {
    let mut at = 0;
    words
        .map(|w| {
            let t = Token {
                start: at,
                end: at + w.len(),
            };
            at += w.len() + 1;
            t
        })
        .collect()
}

/// Reads CoNLL-style columns; `doc_marker` lines start a new document.
fn read_conll(
    path: &Path,
    sep: char,
    word_col: usize,
    tag_col: usize,
    doc_marker: &str,
) -> std::io::Result<Vec<Doc>> {
    let text = std::fs::read_to_string(path)?;
    let mut docs: Vec<Doc> = vec![Vec::new()];
    let mut current = Sentence {
        words: Vec::new(),
        tags: Vec::new(),
    };
    let flush = |docs: &mut Vec<Doc>, current: &mut Sentence| {
        if !current.words.is_empty() {
            let s = std::mem::replace(
                current,
                Sentence {
                    words: Vec::new(),
                    tags: Vec::new(),
                },
            );
            docs.last_mut().expect("a document").push(Sentence {
                tags: to_bio(&s.tags),
                ..s
            });
        }
    };
    for line in text.lines() {
        if !doc_marker.is_empty() && line.starts_with(doc_marker) {
            flush(&mut docs, &mut current);
            docs.push(Vec::new());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut docs, &mut current);
            if doc_marker.is_empty() {
                docs.push(Vec::new());
            }
            continue;
        }
        let cols: Vec<&str> = line.split(sep).collect();
        let (Some(word), Some(tag)) = (cols.get(word_col), cols.get(tag_col)) else {
            continue;
        };
        if word.is_empty() {
            continue;
        }
        current.words.push((*word).to_string());
        current.tags.push(normalize_tag(tag));
    }
    flush(&mut docs, &mut current);
    docs.retain(|d| !d.is_empty());
    Ok(docs)
}

/// WNUT-17 rows: space-separated text and character-offset spans.
fn read_wnut(path: &Path) -> std::io::Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let Ok(row) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let text = row["text"].as_str().unwrap_or("");
        let spans: Vec<(usize, usize, &str)> = row["spans"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|s| {
                        Some((
                            s["byte_start"].as_u64()? as usize,
                            s["byte_end"].as_u64()? as usize,
                            s["label"].as_str()?,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut words = Vec::new();
        let mut tags = Vec::new();
        let mut at = 0;
        for w in text.split(' ') {
            let (start, end) = (at, at + w.len());
            at = end + 1;
            if w.is_empty() {
                continue;
            }
            let tag = spans
                .iter()
                .find(|(s, e, _)| *s <= start && end <= *e)
                .map_or("O".to_string(), |(s, _, l)| {
                    let kind = match *l {
                        "person" => "PER",
                        "location" => "LOC",
                        "corporation" | "group" => "ORG",
                        _ => "MISC",
                    };
                    format!("{}-{kind}", if *s == start { "B" } else { "I" })
                });
            words.push(w.to_string());
            tags.push(tag);
        }
        if !words.is_empty() {
            docs.push(vec![Sentence { words, tags }]);
        }
    }
    Ok(docs)
}

fn normalize_tag(tag: &str) -> String {
    let tag = tag.trim();
    match tag.split_once('-') {
        Some((bio, kind)) => {
            let kind = match kind {
                "PER" | "PERSON" | "person" => "PER",
                "ORG" | "ORGANIZATION" | "corporation" | "group" => "ORG",
                "LOC" | "LOCATION" | "GPE" | "location" => "LOC",
                _ => "MISC",
            };
            format!("{bio}-{kind}")
        }
        None => "O".to_string(),
    }
}

/// IO tags (wikigold) to BIO: an `I-X` that does not continue an `X` begins one.
fn to_bio(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(tags.len());
    for (i, t) in tags.iter().enumerate() {
        if let Some(kind) = t.strip_prefix("I-") {
            let prev_kind = if i == 0 {
                None
            } else {
                out[i - 1].split_once('-').map(|(_, k)| k.to_string())
            };
            if prev_kind.as_deref() != Some(kind) {
                out.push(format!("B-{kind}"));
                continue;
            }
        }
        out.push(t.clone());
    }
    out
}
