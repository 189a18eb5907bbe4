//! Corpus tests: they read ../shared (set `BYLINE_SHARED=../shared`) and are skipped, saying
//! so, when it is not there. CI runs them.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::PathBuf;

use byline::article::{BlockKind, ImportError, import_bytes, import_paths};

fn shared() -> Option<PathBuf> {
    let Some(dir) = std::env::var_os("BYLINE_SHARED") else {
        eprintln!("BYLINE_SHARED is not set; skipping corpus test");
        return None;
    };
    Some(PathBuf::from(dir))
}

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
