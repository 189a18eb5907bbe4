//! Store benchmark (issues 3 and 17): opening the store and fetching the first page, and the
//! first 50 hits of full-text queries, timed in process on an existing store: issue 17's query
//! classes (common word, prefix, phrase, column) on a store opened anew for each run (as a
//! process would) and then a mix on one open store.
//!
//! Run through `benches/store.sh`, which builds a 94,000-article store first; or directly:
//! `cargo bench --bench store -- PATH/TO/library.db`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use byline::store::{ListFilter, Store};

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

fn main() {
    let Some(path) = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .map(PathBuf::from)
    else {
        eprintln!("usage: cargo bench --bench store -- PATH/TO/library.db");
        return;
    };
    let store = Store::open(&path).expect("the store opens");
    println!(
        "store: {} ({} articles)",
        path.display(),
        store.count().expect("count")
    );
    drop(store);

    let open_page = time(30, || {
        let store = Store::open(&path).expect("the store opens");
        let rows = store.page(&ListFilter::default(), 0, 50).expect("a page");
        assert_eq!(rows.len(), 50);
    });
    report("open store + first page of 50 newest", &open_page);

    let store = Store::open(&path).expect("the store opens");
    let page = time(100, || {
        store.page(&ListFilter::default(), 0, 50).expect("a page");
    });
    report("first page of 50 newest, store open", &page);
    let deep = time(30, || {
        store
            .page(&ListFilter::default(), 90_000, 50)
            .expect("a page");
    });
    report("page of 50 at offset 90,000", &deep);

    for q in CLASSES {
        let mut hits = 0;
        let t = time(5, || {
            let store = Store::open(&path).expect("the store opens");
            hits = store.search(q, 0, 50).expect("query runs").len();
        });
        println!(
            "  {:<45} {:>3} hits  median {:>7.2} ms (store opened anew, n=5)",
            q,
            hits,
            ms(median(&t))
        );
    }

    let mut all = Vec::new();
    for q in CLASSES.iter().chain(QUERIES) {
        let mut hits = 0;
        let t = time(9, || {
            hits = store.search(q, 0, 50).expect("query runs").len()
        });
        println!(
            "  {:<45} {:>3} hits  median {:>7.2} ms",
            q,
            hits,
            ms(median(&t))
        );
        all.extend(t);
    }
    report("full-text query, first 50 hits (all queries)", &all);
}

fn time(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect()
}

fn median(samples: &[Duration]) -> Duration {
    let mut s = samples.to_vec();
    s.sort();
    s[s.len() / 2]
}

fn report(what: &str, samples: &[Duration]) {
    let mut s = samples.to_vec();
    s.sort();
    let p95 = s[(s.len() * 95 / 100).min(s.len() - 1)];
    println!(
        "{what}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms (n={})",
        ms(median(&s)),
        ms(p95),
        ms(s[s.len() - 1]),
        s.len()
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
