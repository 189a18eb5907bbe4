use super::*;
use crate::article::{Article, BlockKind, Body};
use crate::store::{EntityCount, Sort, StateChange};

/// A store of articles, each naming its (name, kind) entities, resolved.
fn store_with(articles: &[&[(&str, &str)]]) -> (Store, Vec<String>) {
    let mut store = Store::open_in_memory().unwrap();
    let mut ids = Vec::new();
    for (n, entities) in articles.iter().enumerate() {
        let a = Article::new(
            format!("Story {n}"),
            Body::from_blocks([(BlockKind::Paragraph, "Some words of a story.")]),
        );
        store.insert_batch(std::slice::from_ref(&a)).unwrap();
        let counts: Vec<EntityCount> = entities
            .iter()
            .map(|(name, kind)| EntityCount {
                name: name.to_string(),
                kind: kind.to_string(),
                mentions: 1,
            })
            .collect();
        store.set_entities(&a.id, &counts, 1).unwrap();
        ids.push(a.id);
    }
    store.index_text().unwrap();
    store.resolve_entities().unwrap();
    (store, ids)
}

fn titles(store: &Store, query: &str) -> Vec<String> {
    let mut t: Vec<String> = store
        .list_matching(query, Sort::Newest, 0, 100)
        .unwrap()
        .into_iter()
        .map(|r| r.title)
        .collect();
    t.sort();
    t
}

const REAGAN: &[(&str, &str)] = &[("Ronald Reagan", "PERSON"), ("Reagan", "PERSON")];

#[test]
fn entity_filter_finds_every_name_of_the_entity() {
    let (store, _) = store_with(&[
        &[("Ronald Reagan", "PERSON")],
        &[("Reagan", "PERSON")],
        &[("Oslo", "LOC")],
        REAGAN,
    ]);
    let want = ["Story 0", "Story 1", "Story 3"];
    assert_eq!(titles(&store, "entity:Reagan"), want);
    assert_eq!(titles(&store, "entity:\"ronald reagan\""), want);
    assert_eq!(titles(&store, "entity:Oslo"), ["Story 2"]);
    assert!(titles(&store, "entity:Nobody").is_empty());
}

#[test]
fn watched_entities_count_their_unread_articles_and_filter_the_list() {
    let (mut store, ids) = store_with(&[
        &[("Ronald Reagan", "PERSON")],
        &[("Reagan", "PERSON"), ("Oslo", "LOC")],
        &[("Oslo", "LOC")],
        &[("Lima", "LOC")],
    ]);
    assert!(titles(&store, "is:watched").is_empty());
    assert!(store.watch_entity("Reagan").unwrap());
    assert!(
        !store.watch_entity("Ronald  Reagan").unwrap(),
        "the same entity by another name is watched already"
    );
    assert!(store.watch_entity("Oslo").unwrap());
    store
        .change_state(&ids[1], &StateChange::Read(true))
        .unwrap();
    let w = store.watched_entities().unwrap();
    let got: Vec<_> = w
        .iter()
        .map(|w| (w.name.as_str(), w.entity.as_deref(), w.articles, w.unread))
        .collect();
    assert_eq!(
        got,
        [
            ("Reagan", Some("Ronald Reagan"), 2, 1),
            ("Oslo", Some("Oslo"), 2, 1)
        ]
    );
    assert_eq!(
        titles(&store, "is:watched"),
        ["Story 0", "Story 1", "Story 2"]
    );
    assert_eq!(
        titles(&store, "is:watched is:unread"),
        ["Story 0", "Story 2"]
    );
    let mut names = store.watched_names().unwrap();
    names.sort();
    assert_eq!(names, ["Oslo", "Reagan", "Ronald Reagan"]);
    assert_eq!(
        store.unwatch_entity("ronald reagan").unwrap().as_deref(),
        Some("Reagan"),
        "unwatched by its entity's name"
    );
    assert_eq!(titles(&store, "is:watched"), ["Story 1", "Story 2"]);
    assert_eq!(store.unwatch_entity("Lima").unwrap(), None);
}

#[test]
fn a_name_not_yet_mentioned_is_watched_and_counts_nothing() {
    let (mut store, _) = store_with(&[&[("Oslo", "LOC")]]);
    assert!(store.watch_entity("Kristin Vold").unwrap());
    let w = store.watched_entities().unwrap();
    assert_eq!((w[0].id, w[0].articles, w[0].unread), (None, 0, 0));
    assert!(store.watch_entity("").is_err());
    assert!(
        store
            .watch_entity(&"x".repeat(MAX_WATCHED_NAME + 1))
            .is_err()
    );
}
