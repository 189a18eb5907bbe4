//! Text benchmark (issue 17), criterion: the extractor's throughput, and the reading pane's
//! work on a 1 MB article: making it ready (cleaning, case folding, watched keywords),
//! wrapping it at 100 columns, and finding a query's matches in it.
//!
//! The text is the bundled sample articles, repeated. `cargo bench --bench text`;
//! `cargo test --benches` runs each benchmark once.

use std::hint::black_box;
use std::path::Path;

use byline::article::{Article, import_bytes};
use byline::extract::{Extractor, article_entities};
use byline::tui::bench::{Watched, find_in, make_text, wrap};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

const KEYWORDS: &[&str] = &[
    "oil",
    "Reuters",
    "/bank(s)?/",
    "China",
    "election",
    "football",
    "Microsoft",
    "inflation",
    "Iran",
    "/port(s)? strike/",
];

/// The sample articles' titles and bodies, repeated to at least `size` bytes.
fn prose(size: usize) -> String {
    let sample = byline::library::articles();
    let mut out = String::new();
    for a in sample.iter().cycle() {
        if out.len() >= size {
            break;
        }
        out.push_str(&a.title);
        out.push_str("\n\n");
        out.push_str(&a.body.text);
        out.push_str("\n\n");
    }
    out
}

/// A plain-text article of about 1 MB.
fn big_article() -> Article {
    let text = format!("A Very Long Report\n\n{}", prose(1 << 20));
    let (mut articles, _) = import_bytes(Path::new("big.txt"), text.as_bytes(), None);
    articles.pop().expect("the text is an article")
}

fn bench_extract(c: &mut Criterion) {
    let text = prose(100_000);
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("mentions, 100 KB", |b| {
        b.iter(|| Extractor::get().extract(black_box(&text)));
    });
    let one = byline::library::articles().remove(0);
    group.throughput(Throughput::Bytes(one.body.text.len() as u64));
    group.bench_function("entities of the sample article", |b| {
        b.iter(|| article_entities(black_box(&one)));
    });
    group.finish();
}

fn bench_reading(c: &mut Criterion) {
    let article = big_article();
    // benches/reader.sh's ten keywords.
    let keywords: Vec<String> = KEYWORDS.iter().map(ToString::to_string).collect();
    let (watched, problems) = Watched::new(&keywords);
    assert!(problems.is_empty());
    let text = make_text(article.clone(), &watched);
    let mut group = c.benchmark_group("reading, 1 MB article");
    group.throughput(Throughput::Bytes(text.text.len() as u64));
    group.sample_size(10);
    group.bench_function("make ready, 10 watched keywords", |b| {
        b.iter(|| make_text(article.clone(), &watched));
    });
    group.bench_function("wrap at 100 columns", |b| b.iter(|| wrap(&text, 100)));
    group.bench_function("find \"the\" (any case)", |b| {
        b.iter(|| find_in(&text.text, &text.folded, black_box("the")));
    });
    group.bench_function("find \"Iran\" (exact case)", |b| {
        b.iter(|| find_in(&text.text, &text.folded, black_box("Iran")));
    });
    group.bench_function("10 watched keywords", |b| {
        b.iter(|| watched.find(black_box(&text.text)));
    });
    group.finish();
}

criterion_group!(benches, bench_extract, bench_reading);
criterion_main!(benches);
