//! Corpus tests: they read ../shared (set `BYLINE_SHARED=../shared`) and are skipped, saying
//! so, when it is not there. CI runs them.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use byline::article::{BlockKind, ImportError, import_bytes, import_paths};

mod common;
use common::shared;

#[test]
fn every_corpus_article_file_imports_or_names_its_failure() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/articles");
    let (mut files, mut articles, mut failures) = (0, 0, Vec::<ImportError>::new());
    import_paths(std::slice::from_ref(&root), |path, report| {
        files += report.files;
        articles += report.articles.len();
        for a in &report.articles {
            assert!(
                !a.title.trim().is_empty(),
                "{}: empty title",
                path.display()
            );
            for b in &a.body.blocks {
                assert!(
                    a.body.text.get(b.start..b.end).is_some(),
                    "{}: bad block",
                    path.display()
                );
            }
        }
        failures.extend(report.errors);
    });
    eprintln!(
        "corpus: {files} files, {articles} articles, {} failures",
        failures.len()
    );
    for f in &failures {
        eprintln!("  {f}");
        assert!(f.path().starts_with(&root), "failure names its file: {f}");
        assert!(
            f.to_string().len() > f.path().as_os_str().len() + 3,
            "failure says why: {f}"
        );
    }
    assert!(files >= 500, "{files}");
    assert!(articles >= 31_000, "{articles}");
    assert!(
        failures.len() * 100 <= files,
        "too many failures: {}",
        failures.len()
    );
}

#[test]
fn seed_article_fields_come_out() {
    let Some(shared) = shared() else { return };
    let line = std::fs::read_to_string(shared.join("corpus/ner/seed.jsonl")).unwrap();
    let row: serde_json::Value = serde_json::from_str(line.lines().next().unwrap()).unwrap();
    let text = row["text"].as_str().unwrap();
    let (articles, errors) = import_bytes("seed.txt".as_ref(), text.as_bytes(), None);
    assert!(errors.is_empty(), "{errors:?}");
    let a = &articles[0];
    assert_eq!(
        a.title,
        "Iran’s President Visits Iraq Amid Rising Middle East Tensions, Reports Reuters"
    );
    assert_eq!(a.authors, ["Elwely Elwelly", "Timour Azhari"]);
    assert_eq!(a.dateline, ["DUBAI", "BAGHDAD"]);
    assert!(
        a.body
            .text
            .starts_with("Iranian President Masoud Pezeshkian made")
    );
    let subheadings: Vec<&str> = a
        .body
        .iter()
        .filter(|(k, _)| *k == BlockKind::Subheading)
        .map(|(_, t)| t)
        .collect();
    assert_eq!(subheadings, ["Relations with the U.S."]);
    assert_eq!(a.body.blocks.len(), 14);
}

#[test]
fn reuters_plain_text_is_reflowed_into_paragraphs() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/articles/plain_text/reuters21578");
    let mut checked = 0;
    import_paths(&[dir], |path, report| {
        for a in &report.articles {
            for (_, text) in a.body.iter() {
                assert!(
                    !text.contains('\n'),
                    "{}: a paragraph kept a hard line break",
                    path.display()
                );
            }
            let longest = a.body.iter().map(|(_, t)| t.len()).max().unwrap_or(0);
            if a.word_count() > 120 {
                assert!(
                    longest > 100,
                    "{}: paragraphs were not joined",
                    path.display()
                );
                checked += 1;
            }
        }
    });
    assert!(checked > 10, "{checked}");
}

/// Mention F1 as ../shared/tools/ner_eval.py computes it: labels folded to PER/ORG/LOC, a
/// leading "the " and a trailing possessive trimmed on both sides, exact spans.
fn mention_f1(gold_file: &std::path::Path) -> f64 {
    use std::collections::HashSet;
    let fold = |l: &str| match l {
        "PER" | "PERSON" => Some("PER"),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => Some("ORG"),
        "LOC" | "LOCATION" | "GPE" | "FAC" | "PLACE" => Some("LOC"),
        _ => None,
    };
    let trim = |text: &[u8], mut s: usize, mut e: usize| {
        for pre in [&b"the "[..], b"The "] {
            if text[s..e].starts_with(pre) && e - s > pre.len() {
                s += pre.len();
            }
        }
        for suf in ["’s".as_bytes(), b"'s", "’".as_bytes(), b"'"] {
            if text[s..e].ends_with(suf) && e - s > suf.len() {
                e -= suf.len();
            }
        }
        (s, e)
    };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for line in std::fs::read_to_string(gold_file)
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
    {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        let text = row["text"].as_str().unwrap();
        let tb = text.as_bytes();
        let gold: HashSet<(usize, usize, &str)> = row["spans"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|s| {
                let label = fold(s["label"].as_str()?)?;
                let (a, b) = trim(
                    tb,
                    s["byte_start"].as_u64()? as usize,
                    s["byte_end"].as_u64()? as usize,
                );
                Some((a, b, label))
            })
            .collect();
        let ours: HashSet<(usize, usize, &str)> = byline::extract::Extractor::get()
            .extract(text)
            .iter()
            .filter_map(|m| {
                let (a, b) = trim(tb, m.start, m.end);
                Some((a, b, fold(m.label.as_str())?))
            })
            .collect();
        tp += gold.intersection(&ours).count();
        fp += ours.difference(&gold).count();
        fn_ += gold.difference(&ours).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    2.0 * p * r / (p + r).max(f64::EPSILON)
}

/// The quality floor of issues 4 and 15: the figures after issue 15's fourth round (possessive
/// firms, events, team nicknames; ner_eval.py: ieer_dev 0.833, conll2003_valid 0.842, the seed
/// article 1.000) minus a margin
/// of 0.01, all above spaCy's small model (0.717, 0.671, 0.774).
#[test]
fn ner_mention_f1_stays_above_its_floor() {
    let Some(shared) = shared() else { return };
    let ner = shared.join("corpus/ner");
    let ieer = mention_f1(&ner.join("ieer_dev.jsonl"));
    let seed = mention_f1(&ner.join("seed.jsonl"));
    let conll = mention_f1(&ner.join("conll2003_valid.jsonl"));
    eprintln!(
        "mention F1: ieer_dev {ieer:.3} (spaCy 0.717), seed {seed:.3} (spaCy 0.774), conll2003_valid {conll:.3} (spaCy 0.671)"
    );
    for (set, got, floor) in [
        ("ieer_dev", ieer, 0.823),
        ("conll2003_valid", conll, 0.832),
        ("seed", seed, 0.990),
    ] {
        assert!(
            got > floor,
            "{set} mention F1 {got:.3} fell to {floor} or below"
        );
    }
}
