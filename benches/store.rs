//! Store benchmark (issues 3 and 17), criterion: opening the store and reading the list's first
//! page, a page deep in it, the reader's list jumps (a window read by key), and the first 50 hits of full-text queries: issue 17's query classes
//! (common word, prefix, phrase, column) on a store opened anew each time (as a process would),
//! then a mix on one open store.
//!
//! On the store `BYLINE_BENCH_STORE` names (`benches/store.sh` builds a 94,000-article one), or
//! else on a small one built in a temporary directory from the bundled sample articles:
//! `BYLINE_BENCH_STORE=PATH/TO/library.db cargo bench --bench store`. `cargo test --benches`
//! runs each benchmark once.

use std::path::PathBuf;

use byline::store::{ListFilter, Seek, Sort, Store};
use criterion::{Criterion, criterion_group, criterion_main};

/// Issue 17's query classes: a word most articles hold, a prefix, a phrase, a column.
const CLASSES: &[&str] = &["said", "bank*", "\"prime minister\"", "title:oil"];

const QUERIES: &[&str] = &[
    "oil",
    "iran",
    "prime minister",
    "\"prime minister\"",
    "bank* rates",
    "title:oil",
    "source:bbc football",
    "coffee OR cocoa",
    "election NOT president",
    "opec after:1987-03-01 before:1987-04-01",
    "microsoft software",
    "gold price",
    "champions league",
    "wheat exports",
    "dollar yen",
    "music award*",
    "takeover bid",
    "earthquake",
    "tax cut*",
    "film",
];

/// Copies of the sample articles in the small store.
const COPIES: usize = 400;

/// The store to time, and the directory that holds it when it was built here.
fn store_path() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(path) = std::env::var_os("BYLINE_BENCH_STORE") {
        return (PathBuf::from(path), None);
    }
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("library.db");
    let mut store = Store::open(&path).expect("a new store");
    let sample = byline::library::articles();
    for copy in 0..COPIES {
        let batch: Vec<_> = sample
            .iter()
            .map(|a| {
                let mut a = a.clone();
                a.title = format!("{} ({copy})", a.title);
                a.url = None;
                a.refresh_id();
                a
            })
            .collect();
        store.insert_batch(&batch).expect("the articles are stored");
    }
    store.index_text().expect("the articles are indexed");
    (path, Some(dir))
}

fn bench_store(c: &mut Criterion) {
    let (path, _dir) = store_path();
    let store = Store::open(&path).expect("the store opens");
    let count = store.count().expect("count");
    eprintln!("store: {} ({count} articles)", path.display());

    c.bench_function("open store + first page of 50", |b| {
        b.iter(|| {
            let store = Store::open(&path).expect("the store opens");
            store.page(&ListFilter::default(), 0, 50).expect("a page")
        });
    });
    c.bench_function("first page of 50, store open", |b| {
        b.iter(|| store.page(&ListFilter::default(), 0, 50).expect("a page"));
    });
    let deep = count.saturating_sub(50) * 9 / 10;
    c.bench_function("page of 50 at 90% down the list", |b| {
        b.iter(|| {
            store
                .page(&ListFilter::default(), deep, 50)
                .expect("a page")
        });
    });
    // The reader's list jumps (issue 17): each reads one window of 200 rows by key.
    let mut group = c.benchmark_group("list window of 200, by key");
    let middle = store
        .page(&ListFilter::default(), count / 2, 1)
        .expect("a row")
        .remove(0)
        .id;
    let seeks = [
        ("G: the last rows", Seek::Last),
        ("g: the first rows", Seek::At(0)),
        ("page down from the middle", Seek::After(middle.clone())),
        ("page up from the middle", Seek::Before(middle)),
        ("by index at 90%", Seek::At(deep)),
    ];
    for (name, seek) in &seeks {
        group.bench_function(*name, |b| {
            b.iter(|| {
                store
                    .list_window("", Sort::Newest, seek, 200)
                    .expect("a window")
            });
        });
    }
    group.bench_function("G under is:unread", |b| {
        b.iter(|| {
            store
                .list_window("is:unread", Sort::Newest, &Seek::Last, 200)
                .expect("a window")
        });
    });
    group.finish();
    let mut group = c.benchmark_group("query class, first 50 hits, store opened anew");
    for q in CLASSES {
        group.bench_function(*q, |b| {
            b.iter(|| {
                let store = Store::open(&path).expect("the store opens");
                store.search(q, 0, 50).expect("query runs")
            })
        });
    }
    group.finish();
    let mut group = c.benchmark_group("query, first 50 hits");
    for q in QUERIES {
        group.bench_function(*q, |b| {
            b.iter(|| store.search(q, 0, 50).expect("query runs"))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_store
}
criterion_main!(benches);
