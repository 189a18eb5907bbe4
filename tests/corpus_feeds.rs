//! Corpus tests for feeds and OPML: every file under ../shared/corpus/feeds and
//! ../shared/corpus/opml (set `BYLINE_SHARED=../shared`; skipped, saying so, without it).
//! CI runs them.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use byline::feed::opml::parse_opml;
use byline::feed::{parse_feed, parse_feed_batches};

mod common;
use common::shared;

fn tsv(path: &Path) -> Vec<HashMap<String, String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines
        .next()
        .unwrap()
        .split('\t')
        .map(String::from)
        .collect();
    lines
        .map(|l| {
            header
                .iter()
                .cloned()
                .zip(
                    l.split('\t')
                        .map(String::from)
                        .chain(std::iter::repeat(String::new())),
                )
                .collect()
        })
        .collect()
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_corpus_feed_parses_or_says_why() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/feeds");
    let index = tsv(&root.join("INDEX.tsv"));
    let kind: HashMap<&str, &str> = index
        .iter()
        .map(|r| (r["path"].as_str(), r["kind"].as_str()))
        .collect();
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let (mut parsed, mut articles) = (0, 0);
    let mut failed: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for path in &files {
        let rel = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let Some(k) = kind.get(rel.as_str()) else {
            continue;
        };
        if *k == "expected-parse-output" {
            continue;
        }
        let bytes = std::fs::read(path).unwrap();
        let entry = by_kind.entry(k).or_default();
        match parse_feed(&bytes, &path.display().to_string()) {
            Ok(feed) => {
                parsed += 1;
                entry.0 += 1;
                articles += feed.articles.len();
                for a in &feed.articles {
                    assert!(
                        !a.title.trim().is_empty(),
                        "{rel}: an article without a title"
                    );
                    assert!(
                        !a.title.contains(|c: char| c.is_control()),
                        "{rel}: {:?}",
                        a.title
                    );
                    for b in &a.body.blocks {
                        assert!(
                            a.body.text.get(b.start..b.end).is_some(),
                            "{rel}: bad block"
                        );
                    }
                    for l in &a.body.links {
                        assert!(a.body.text.get(l.start..l.end).is_some(), "{rel}: bad link");
                    }
                }
            }
            Err(reason) => {
                assert!(
                    !reason.trim().is_empty(),
                    "{rel}: a failure without a reason"
                );
                entry.1 += 1;
                *failed.entry(reason.chars().take(60).collect()).or_default() += 1;
            }
        }
    }
    eprintln!("feeds: {parsed} parsed ({articles} articles); failures by reason:");
    for (reason, n) in &failed {
        eprintln!("  {n:>4}  {reason}");
    }
    eprintln!("by kind (parsed, failed):");
    for (k, (ok, bad)) in &by_kind {
        eprintln!("  {k:<40} {ok:>4} {bad:>4}");
    }
    assert!(parsed >= 2_500, "{parsed}");
}

/// A feed read in batches of one item gives what one whole read gives, for every corpus feed
/// (the batch reader cuts documents with quick-xml; this is its test of robustness).
#[test]
fn every_corpus_feed_reads_the_same_one_item_at_a_time() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/feeds");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let (mut compared, mut cut, mut differ, mut lenient) = (0, 0, Vec::new(), 0);
    for path in &files {
        let Ok(bytes) = std::fs::read(path) else {
            continue;
        };
        let location = path.display().to_string();
        let (mut articles, mut skipped, mut batches) = (Vec::new(), 0, 0);
        let batched = parse_feed_batches(&bytes, &location, 1, |b| {
            batches += 1;
            skipped += b.skipped.len();
            articles.extend(b.articles);
            std::ops::ControlFlow::Continue(())
        });
        let rel = path.strip_prefix(&root).unwrap().display().to_string();
        match (parse_feed(&bytes, &location), batched) {
            (Ok(whole), Ok(())) => {
                compared += 1;
                cut += usize::from(batches > 1);
                if whole.articles != articles || whole.skipped.len() != skipped {
                    differ.push(rel);
                }
            }
            (Ok(_), Err(reason)) => differ.push(format!("{rel}: batches fail: {reason}")),
            (Err(_), Ok(())) => lenient += 1,
            (Err(_), Err(_)) => {}
        }
    }
    eprintln!(
        "batches of one: {compared} feeds compared ({cut} cut into batches), {} differ, \
         {lenient} unreadable whole but read in batches",
        differ.len()
    );
    for d in &differ {
        eprintln!("  {d}");
    }
    assert!(compared >= 2_500 && cut >= 250, "{compared} {cut}");
    assert!(differ.is_empty(), "{} feeds read differently", differ.len());
}

/// Curated well-formed feeds whose item count differs from INDEX.tsv's, each checked by hand.
const KNOWN_DIFFERENCES: &[(&str, &str)] = &[
    (
        "node-feedparser/nondefaultnamespace.atom",
        "its one entry is <a:entry> (a prefixed Atom namespace); the index counted 0",
    ),
    (
        "node-feedparser/complexNamespaceFeed.xml",
        "its one item is namespace-prefixed; the index counted 0",
    ),
    (
        "node-feedparser/illegally-nested.xml",
        "10 items; the index counted nested elements twice (20)",
    ),
    (
        "feedjira/DuplicateContentAtomFeed.xml",
        "an Atom feed inside an XHTML page: the root is <html>, not a feed",
    ),
    (
        "feedparser-python/wellformed/rdf/rss090_item_title.xml",
        "an RSS 0.90 item with neither link nor rdf:about; feed-rs drops items without a link",
    ),
    (
        "feedparser-python/wellformed/rdf/rss090_channel_title.xml",
        "an RSS 0.90 item with neither link nor rdf:about; feed-rs drops items without a link",
    ),
    (
        "rome/rome-core/data/atom_0.3.xml",
        "a test file whose type attributes are placeholders (atom_0.3.feed.tagline^type)",
    ),
    (
        "rome/rome-core/data/atom_0.3_DC_Sy.xml",
        "a test file whose type attributes are placeholders (atom_0.3.feed.tagline^type)",
    ),
    (
        "gofeed/parser/universal/unknown_feed.xml",
        "a test file for unknown roots: <unknown-feed-type>",
    ),
];

#[test]
fn curated_well_formed_feeds_give_every_item() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/feeds");
    let index: HashMap<String, HashMap<String, String>> = tsv(&root.join("INDEX.tsv"))
        .into_iter()
        .map(|r| (r["path"].clone(), r))
        .collect();
    let (mut checked, mut wrong) = (0, Vec::new());
    for row in tsv(&root.join("CURATED.tsv")) {
        let info = &index[&row["path"]];
        let path = root.join(&row["path"]);
        let bytes = std::fs::read(&path).unwrap();
        let expected = if info["kind"].starts_with("jsonfeed") {
            // INDEX.tsv's count for JSON Feeds is not the number of items (daringfireball.json
            // has 48 items and the index says 97); count them here instead.
            let Ok(json) = serde_json::from_slice::<serde_json::Value>(&bytes) else {
                continue;
            };
            json["items"].as_array().map_or(0, Vec::len)
        } else if info["expat_wellformed"] == "ok" {
            let Ok(n) = info["items_or_entries"].parse::<usize>() else {
                continue;
            };
            n
        } else {
            continue;
        };
        if let Some((_, why)) = KNOWN_DIFFERENCES.iter().find(|(p, _)| *p == row["path"]) {
            eprintln!("  known: {}: {why}", row["path"]);
            continue;
        }
        checked += 1;
        match parse_feed(&bytes, &path.display().to_string()) {
            Ok(feed) if feed.articles.len() + feed.skipped.len() == expected => {}
            Ok(feed) => wrong.push(format!(
                "{}: {} articles + {} skipped, INDEX.tsv says {expected}",
                row["path"],
                feed.articles.len(),
                feed.skipped.len()
            )),
            Err(reason) => wrong.push(format!("{}: {reason}", row["path"])),
        }
    }
    eprintln!(
        "curated well-formed feeds: {checked} checked, {} differ",
        wrong.len()
    );
    for w in &wrong {
        eprintln!("  {w}");
    }
    assert!(checked >= 200, "{checked}");
    assert!(wrong.is_empty(), "{} curated feeds lost items", wrong.len());
}

#[test]
fn every_corpus_opml_file_reads_or_says_why() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/opml");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    let (mut read, mut outlines, mut failed) = (0, 0, Vec::new());
    for path in &files {
        let name = path.to_string_lossy();
        if name.ends_with(".tsv") || name.ends_with(".md") {
            continue;
        }
        match parse_opml(&std::fs::read(path).unwrap()) {
            Ok(list) => {
                read += 1;
                outlines += list.len();
                assert!(list.iter().all(|o| !o.url.is_empty()), "{name}");
            }
            Err(reason) => {
                assert!(!reason.trim().is_empty(), "{name}: no reason");
                failed.push(format!(
                    "{}: {reason}",
                    path.strip_prefix(&root).unwrap().display()
                ));
            }
        }
    }
    eprintln!(
        "opml: {read} read ({outlines} feeds), {} failed:",
        failed.len()
    );
    for f in &failed {
        eprintln!("  {f}");
    }
    assert!(read >= 100, "{read}");
}

#[test]
#[ignore = "exploration: prints every failing feed with its reason"]
fn print_failures() {
    let Some(shared) = shared() else { return };
    let root = shared.join("corpus/feeds");
    let mut files = Vec::new();
    files_under(&root, &mut files);
    for path in files {
        let bytes = std::fs::read(&path).unwrap();
        if let Err(reason) = parse_feed(&bytes, "x") {
            println!("{}\t{reason}", path.strip_prefix(&root).unwrap().display());
        }
    }
}
