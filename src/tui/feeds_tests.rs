//! Tests of the feeds view (issue 13).

use super::*;
use crate::article::{Article, BlockKind, Body};
use crate::store::OnExisting;
use crate::tui::action::Action;
use crate::tui::config::Config;
use crate::tui::testing::Harness;

/// A store of two tagged feeds and one without a tag, a saved search, a starred article.
fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let feeds = [
        (
            "https://a.example/rss",
            "Alpha Wire",
            vec!["world".to_string()],
        ),
        (
            "https://b.example/rss",
            "Beta News",
            vec!["world".to_string(), "tech".into()],
        ),
        ("https://c.example/rss", "Gamma", vec![]),
    ];
    for (i, (url, title, tags)) in feeds.iter().enumerate() {
        let (id, _) = store.add_feed(url, Some(title), tags).unwrap();
        let items: Vec<Article> = (0..=i)
            .map(|n| {
                let text = format!("{title} item {n}");
                let mut a = Article::new(
                    &text,
                    Body::from_blocks([(BlockKind::Paragraph, text.as_str())]),
                );
                a.url = Some(format!("{url}/{n}"));
                a
            })
            .collect();
        store
            .write_batch(&items, OnExisting::Update, Some(id))
            .unwrap();
    }
    store.save_search("betas", "beta").unwrap();
    store
}

#[test]
fn entries_group_feeds_by_tag_with_unread_counts() {
    let store = store();
    let lines: Vec<(String, usize, u8)> = entries(&store)
        .unwrap()
        .into_iter()
        .map(|e| (e.label, e.count, e.depth))
        .collect();
    let want = [
        ("All", 6, 0),
        ("Unread", 6, 0),
        ("Starred", 0, 0),
        ("betas", 2, 0),
        ("tech", 2, 0),
        ("Beta News", 2, 1),
        ("world", 3, 0),
        ("Alpha Wire", 1, 1),
        ("Beta News", 2, 1),
        ("Feeds without a tag", 3, 0),
        ("Gamma", 3, 1),
    ];
    let want: Vec<(String, usize, u8)> = want
        .iter()
        .map(|(l, c, d)| (l.to_string(), *c, *d))
        .collect();
    assert_eq!(lines, want);
}

#[test]
fn choosing_an_entry_filters_the_list_and_back_returns() {
    let mut app = Harness::on(store(), Config::default(), 120, 40);
    assert_eq!(app.list.total, 6);
    app.update(Action::ToggleFeeds);
    assert!(app.feeds.open);
    // j moves in the view, not in the list.
    for _ in 0..6 {
        app.update(Action::Down);
    }
    assert_eq!(app.feeds.entries[app.feeds.selected].label, "world");
    app.update(Action::Open);
    assert!(!app.feeds.open);
    assert_eq!(app.list.total, 3);
    assert_eq!(app.list.label, "world");
    assert!(app.list.rows.iter().all(|r| !r.title.starts_with("Gamma")));
    // Unread after reading one: the list of unread articles leaves it out.
    app.update(Action::ToggleFeeds);
    app.update(Action::Top);
    app.update(Action::Down);
    app.update(Action::Open);
    assert_eq!(app.list.filter, "is:unread");
    // Read: the first article (opened with the reader) and the first of "world".
    assert_eq!(app.list.total, 4);
    app.update(Action::Back);
    assert_eq!(app.list.label, "world");
    // A heading without a filter is not a list.
    app.update(Action::ToggleFeeds);
    app.update(Action::Bottom);
    app.update(Action::Up);
    app.update(Action::Open);
    assert!(app.feeds.open, "Feeds without a tag is a heading");
    app.update(Action::CancelSearch);
    assert!(!app.feeds.open);
}

#[test]
fn a_store_search_saved_in_the_reader_shows_in_the_view() {
    let mut app = Harness::on(store(), Config::default(), 120, 40);
    app.update(Action::SaveSearch);
    assert!(app.status.starts_with("nothing to save"), "{}", app.status);
    app.update(Action::StartStoreSearch);
    for c in "alpha".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::SubmitSearch);
    app.update(Action::SaveSearch);
    assert!(
        app.status.starts_with("saved search \"alpha\""),
        "{}",
        app.status
    );
    app.update(Action::ToggleFeeds);
    let saved = app
        .feeds
        .entries
        .iter()
        .find(|e| e.label == "alpha")
        .unwrap();
    assert_eq!(saved.query.as_deref(), Some("alpha"));
}

#[test]
fn a_story_in_two_feeds_of_a_tag_counts_once_in_the_tag() {
    let mut store = store();
    // Alpha Wire's story comes through Beta News too, under another link: stored once, in
    // both feeds.
    let feeds = store.feeds().unwrap();
    let beta = feeds
        .iter()
        .find(|f| f.title.as_deref() == Some("Beta News"))
        .unwrap();
    let text = "Alpha Wire item 0";
    let mut a = Article::new(text, Body::from_blocks([(BlockKind::Paragraph, text)]));
    a.url = Some("https://b.example/rss/alpha-0".into());
    a.id = "beta-copy-of-alpha-0".into();
    store
        .write_batch(&[a], OnExisting::Update, Some(beta.id))
        .unwrap();
    let entries = entries(&store).unwrap();
    let count = |label: &str, depth: u8| {
        entries
            .iter()
            .find(|e| e.label == label && e.depth == depth)
            .map(|e| e.count)
    };
    assert_eq!(count("All", 0), Some(6), "one article still: {entries:?}");
    assert_eq!(
        count("world", 0),
        Some(3),
        "the shared story once: {entries:?}"
    );
    // Beta News's tag lists the story it shares with Alpha Wire, as the feed's own count says.
    assert_eq!(count("Beta News", 1), Some(3));
    assert_eq!(count("tech", 0), Some(3), "{entries:?}");
}
