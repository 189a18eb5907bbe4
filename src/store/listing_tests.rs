//! Tests of lists by filter, deleting and saved searches.

use super::*;
use crate::article::{Article, BlockKind, Body};
use crate::store::{OnExisting, StateChange};

fn article(title: &str, body: &str, date: Option<&str>, source: &str) -> Article {
    let mut a = Article::new(title, Body::from_blocks([(BlockKind::Paragraph, body)]));
    a.published = date.map(String::from);
    a.source = Some(source.into());
    a
}

fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store
        .insert_batch(&[
            article(
                "Old news",
                "oil news",
                Some("2001-01-01T00:00:00Z"),
                "Reuters",
            ),
            article(
                "New oil",
                "oil oil oil",
                Some("2024-01-01T00:00:00Z"),
                "BBC News",
            ),
            article("Undated", "grain", None, "AG News"),
        ])
        .unwrap();
    store
}

fn titles(store: &Store, q: &str, sort: Sort) -> Vec<String> {
    let rows = store.list_matching(q, sort, 0, 50).unwrap();
    rows.into_iter().map(|r| r.title).collect()
}

fn id_of(store: &Store, title: &str) -> String {
    let rows = store.list_matching("", Sort::Newest, 0, 50).unwrap();
    rows.into_iter().find(|r| r.title == title).unwrap().id
}

#[test]
fn undated_articles_sort_by_when_they_were_stored() {
    let store = store();
    // Stored now, the undated one is newer than both dated ones.
    assert_eq!(
        titles(&store, "", Sort::Newest),
        ["Undated", "New oil", "Old news"]
    );
    assert_eq!(
        titles(&store, "", Sort::Oldest),
        ["Old news", "New oil", "Undated"]
    );
    assert_eq!(titles(&store, "before:2025", Sort::Newest).len(), 2);
}

#[test]
fn states_sources_and_words_combine() {
    let mut store = store();
    let new = id_of(&store, "New oil");
    store
        .change_state(&new, &StateChange::Starred(true))
        .unwrap();
    store.change_state(&new, &StateChange::Read(true)).unwrap();
    assert_eq!(titles(&store, "is:starred", Sort::Newest), ["New oil"]);
    assert_eq!(titles(&store, "is:unread oil", Sort::Newest), ["Old news"]);
    assert_eq!(titles(&store, "source:reuters", Sort::Newest), ["Old news"]);
    assert_eq!(
        titles(&store, "oil", Sort::Relevance),
        ["New oil", "Old news"]
    );
    assert_eq!(titles(&store, "oil", Sort::Oldest), ["Old news", "New oil"]);
    assert_eq!(store.count_matching("oil after:2020").unwrap(), 1);
    assert_eq!(store.count_matching("").unwrap(), 3);
    // Counted as all but the read ones; the same as the general query gives.
    assert_eq!(store.count_matching("is:unread").unwrap(), 2);
    assert_eq!(store.count_matching("is:unread after:1990").unwrap(), 2);
    assert_eq!(store.count_matching("is:starred").unwrap(), 1);
}

#[test]
fn tags_match_your_tags_and_your_feeds_tags() {
    let mut store = store();
    let (feed, _) = store
        .add_feed(
            "https://example.org/rss",
            Some("Example"),
            &["World".into()],
        )
        .unwrap();
    store
        .write_batch(
            &[article("Fed", "item", None, "Ex")],
            OnExisting::Update,
            Some(feed),
        )
        .unwrap();
    let old = id_of(&store, "Old news");
    store
        .change_state(&old, &StateChange::Tag("world".into()))
        .unwrap();
    assert_eq!(
        titles(&store, "tag:world", Sort::Newest),
        ["Fed", "Old news"]
    );
    assert_eq!(titles(&store, "feed:example", Sort::Newest), ["Fed"]);
    assert_eq!(
        titles(&store, &format!("feed:{feed}"), Sort::Newest),
        ["Fed"]
    );
    assert_eq!(
        titles(&store, "feed:100%", Sort::Newest),
        Vec::<String>::new()
    );
}

#[test]
fn one_story_through_three_feeds_is_stored_once_with_its_feeds() {
    let mut store = Store::open_in_memory().unwrap();
    let mut feeds = Vec::new();
    for format in ["rss", "atom", "json"] {
        let url = format!("https://example.org/{format}");
        feeds.push(store.add_feed(&url, Some(format), &[]).unwrap().0);
    }
    for (i, feed) in feeds.iter().enumerate() {
        // Each format names the item differently (guids are scoped by feed).
        let mut a = article("Harbour strike", "Cranes idle.", None, "Example");
        a.id = format!("{i:016x}");
        a.url = Some("https://example.org/strike".into());
        store
            .write_batch(&[a], OnExisting::Update, Some(*feed))
            .unwrap();
    }
    // Without a shared link, the same title and text are the same story.
    let mut b = article("Port reopens", "Ships move.", None, "Example");
    b.id = "b1".into();
    store
        .write_batch(&[b.clone()], OnExisting::Update, Some(feeds[0]))
        .unwrap();
    b.id = "b2".into();
    store
        .write_batch(&[b], OnExisting::Update, Some(feeds[1]))
        .unwrap();
    assert_eq!(store.count().unwrap(), 2);
    let strike = id_of(&store, "Harbour strike");
    assert_eq!(store.feeds_of(&strike).unwrap(), ["rss", "atom", "json"]);
    assert_eq!(titles(&store, "feed:atom", Sort::Newest).len(), 2);
    let counts: Vec<usize> = store.feeds().unwrap().iter().map(|f| f.unread).collect();
    assert_eq!(counts, [2, 1, 2]); // atom, json, rss
    store.integrity_check().unwrap();
}

#[test]
fn removing_leaves_no_index_rows_behind() {
    let mut store = store();
    let old = id_of(&store, "Old news");
    let opec = crate::store::EntityCount {
        name: "OPEC".into(),
        kind: "ORG".into(),
        mentions: 2,
    };
    store.set_entities(&old, &[opec], 1).unwrap();
    assert_eq!(
        store.articles_mentioning("OPEC", None, 10).unwrap().len(),
        1
    );
    let ids = store.ids_of_query("source:reuters").unwrap();
    assert_eq!(store.remove_articles(&ids).unwrap(), 1);
    assert_eq!(store.count_matching("oil").unwrap(), 1);
    assert!(store.get(&old).is_err());
    assert!(
        store
            .articles_mentioning("OPEC", None, 10)
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.remove_articles(&ids).unwrap(), 0);
    store.integrity_check().unwrap();
}

#[test]
fn purge_takes_only_what_came_from_that_feed_alone() {
    let mut store = store();
    let (a, _) = store.add_feed("https://a.example/rss", None, &[]).unwrap();
    let (b, _) = store.add_feed("https://b.example/rss", None, &[]).unwrap();
    let mut only = article("Only A", "x", None, "A");
    only.url = Some("https://a.example/1".into());
    let mut both = article("Both", "y", None, "A");
    both.url = Some("https://a.example/2".into());
    store
        .write_batch(&[only, both.clone()], OnExisting::Update, Some(a))
        .unwrap();
    both.id = "other".into();
    store
        .write_batch(&[both], OnExisting::Update, Some(b))
        .unwrap();
    let ids = store
        .articles_only_from("https://a.example/rss")
        .unwrap()
        .unwrap();
    assert_eq!(ids, [id_of(&store, "Only A")]);
    assert!(store.articles_only_from("nope").unwrap().is_none());
}

#[test]
fn saved_searches_are_checked_named_and_replaced() {
    let mut store = store();
    assert!(store.save_search("oil", "oil is:unread").unwrap());
    assert!(!store.save_search("oil", "oil").unwrap());
    assert!(store.save_search("bad", "(oil").is_err());
    assert!(store.save_search("", "oil").is_err());
    assert_eq!(store.saved_search("oil").unwrap().as_deref(), Some("oil"));
    assert_eq!(store.saved_searches().unwrap().len(), 1);
    assert!(store.remove_saved_search("oil").unwrap());
    assert!(!store.remove_saved_search("oil").unwrap());
}
