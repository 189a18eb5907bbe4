//! Page extraction on ../shared/corpus/html (130 real pages with their article text typed by
//! hand), scored with the benchmark's metric re-implemented here: word 4-grams ("shingles",
//! words are runs of letters, digits and `_`, case kept), per page true and false positives and
//! false negatives normalised to sum to 1, precision and recall averaged over pages, F1 from
//! the two averages. Skipped, saying so, without `BYLINE_SHARED`. CI runs it.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use byline::page::{extract_page, text_without_images};

mod common;
use common::shared;

/// F1 the extractor must reach on the corpus (published figures: Readability.js 0.943,
/// trafilatura 0.954, rs-trafilatura 0.967).
const MIN_F1: f64 = 0.95;

struct Gold {
    id: String,
    url: String,
    body: String,
}

fn gold(dir: &Path) -> Vec<Gold> {
    let text = std::fs::read_to_string(dir.join("ground-truth.json")).unwrap();
    let map: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text).unwrap();
    map.into_iter()
        .map(|(id, v)| Gold {
            url: v["url"].as_str().unwrap_or("").to_string(),
            body: v["articleBody"].as_str().unwrap_or("").to_string(),
            id,
        })
        .collect()
}

fn page(dir: &Path, id: &str) -> String {
    let file = std::fs::File::open(dir.join("pages").join(format!("{id}.html.gz"))).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .unwrap();
    // As the benchmark's script reads them.
    String::from_utf8_lossy(&bytes).into_owned()
}

fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let words: Vec<&str> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut counts = HashMap::new();
    if words.is_empty() {
        return counts;
    }
    for i in 0..words.len().saturating_sub(3).max(1) {
        *counts
            .entry(words[i..(i + 4).min(words.len())].to_vec())
            .or_insert(0) += 1;
    }
    counts
}

/// (tp, fp, fn) of one page, normalised to sum to 1.
fn page_counts(truth: &str, predicted: &str) -> (f64, f64, f64) {
    let (t, p) = (shingles(truth), shingles(predicted));
    let tp: usize = t
        .iter()
        .map(|(k, n)| (*n).min(p.get(k).copied().unwrap_or(0)))
        .sum();
    let fp = p.values().sum::<usize>() - tp;
    let fneg = t.values().sum::<usize>() - tp;
    let sum = (tp + fp + fneg) as f64;
    if sum == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    (tp as f64 / sum, fp as f64 / sum, fneg as f64 / sum)
}

/// Precision, recall and F1 over pages, as the benchmark takes them.
fn score(counts: &[(f64, f64, f64)]) -> (f64, f64, f64) {
    let ratio = |a: f64, b: f64, both_zero: bool| {
        if both_zero {
            1.0
        } else if a + b == 0.0 {
            0.0
        } else {
            a / (a + b)
        }
    };
    let ps: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.1 > 0.0)
        .map(|c| ratio(c.0, c.1, c.1 == 0.0 && c.2 == 0.0))
        .collect();
    let rs: Vec<f64> = counts
        .iter()
        .filter(|c| c.0 + c.2 > 0.0)
        .map(|c| ratio(c.0, c.2, c.1 == 0.0 && c.2 == 0.0))
        .collect();
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (p, r) = (mean(&ps), mean(&rs));
    (
        p,
        r,
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
    )
}

#[test]
fn the_metric_counts_shared_shingles() {
    let (tp, fp, fneg) = page_counts("one two three four five", "one two three four six");
    assert!(
        (tp - 1.0 / 3.0).abs() < 1e-9 && (fp - 1.0 / 3.0).abs() < 1e-9,
        "{tp} {fp} {fneg}"
    );
    assert_eq!(score(&[page_counts("a b c d", "a b c d")]), (1.0, 1.0, 1.0));
    assert_eq!(score(&[page_counts("a b c d", "")]).1, 0.0);
}

#[test]
fn the_corpus_pages_score_as_the_benchmark_requires() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/html");
    let pages = gold(&dir);
    assert_eq!(pages.len(), 130);
    let counts: Vec<(f64, f64, f64)> = pages
        .iter()
        .map(|g| {
            let extracted = extract_page(&page(&dir, &g.id), Some(&g.url));
            page_counts(&g.body, &text_without_images(&extracted.body))
        })
        .collect();
    let (p, r, f1) = score(&counts);
    eprintln!(
        "corpus/html: F1 {f1:.3}, precision {p:.3}, recall {r:.3} ({} pages)",
        pages.len()
    );
    assert!(f1 >= MIN_F1, "F1 {f1:.3} is below {MIN_F1}");
}

#[test]
fn every_corpus_page_gives_a_sound_body_and_a_title() {
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/html");
    for g in gold(&dir) {
        let extracted = extract_page(&page(&dir, &g.id), Some(&g.url));
        let body = &extracted.body;
        assert!(!body.text.trim().is_empty(), "{}: no text", g.url);
        for b in &body.blocks {
            assert!(
                body.text
                    .get(b.start..b.end)
                    .is_some_and(|t| !t.trim().is_empty()),
                "{}",
                g.url
            );
        }
        for l in &body.links {
            assert!(
                body.text.get(l.start..l.end).is_some(),
                "{}: link off the text",
                g.url
            );
            assert!(
                l.url.starts_with("http")
                    || l.url.starts_with("mailto:")
                    || l.url.starts_with("ftp"),
                "{}",
                l.url
            );
        }
        let title = extracted.meta.title.as_deref().unwrap_or("");
        assert!(!title.trim().is_empty(), "{}: no title", g.url);
        assert!(
            !body.text.contains('\u{1b}'),
            "{}: a control character",
            g.url
        );
    }
}
