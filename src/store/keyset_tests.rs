//! Tests of keyset paging: walks both ways match the list read whole, ties on the sort key
//! included.

use super::*;
use crate::article::{Article, BlockKind, Body};
use crate::store::StateChange;

/// 30 articles whose dates come five at a time, so that most rows tie on the sort key.
fn store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    let articles: Vec<Article> = (0..30)
        .map(|i| {
            let body = Body::from_blocks([(BlockKind::Paragraph, "grain")]);
            let mut a = Article::new(format!("Story {i:02}"), body);
            a.published = Some(format!("2024-01-{:02}T00:00:00Z", 1 + i / 5));
            a.source = Some("Wire".into());
            a
        })
        .collect();
    store.insert_batch(&articles).unwrap();
    store
}

fn ids(rows: &[ArticleRow]) -> Vec<String> {
    rows.iter().map(|r| r.id.clone()).collect()
}

/// The list read whole, then read 7 rows at a time after the last row read, and back from
/// the bottom 7 rows at a time before the first row read.
fn walks(store: &Store, q: &str, sort: Sort) -> (Vec<String>, Vec<String>, Vec<String>) {
    let whole = ids(&store.list_matching(q, sort, 0, 1000).unwrap());
    let mut down = ids(&store.list_window(q, sort, &Seek::At(0), 7).unwrap());
    while let Some(last) = down.last().cloned() {
        let next = ids(&store.list_window(q, sort, &Seek::After(last), 7).unwrap());
        if next.is_empty() {
            break;
        }
        down.extend(next);
    }
    let mut up = ids(&store.list_window(q, sort, &Seek::Last, 7).unwrap());
    while let Some(first) = up.first().cloned() {
        let before = ids(&store.list_window(q, sort, &Seek::Before(first), 7).unwrap());
        if before.is_empty() {
            break;
        }
        up.splice(0..0, before);
    }
    (whole, down, up)
}

#[test]
fn walks_down_and_up_read_every_row_once_in_each_order() {
    let store = store();
    for sort in [Sort::Newest, Sort::Oldest, Sort::Feed] {
        let (whole, down, up) = walks(&store, "", sort);
        assert_eq!(whole.len(), 30);
        assert_eq!(down, whole, "{sort:?} down");
        assert_eq!(up, whole, "{sort:?} up");
    }
}

#[test]
fn walks_keep_to_a_filter() {
    let mut store = store();
    let all = ids(&store.list_matching("", Sort::Newest, 0, 100).unwrap());
    for id in all.iter().step_by(3) {
        store.change_state(id, &StateChange::Read(true)).unwrap();
    }
    let (whole, down, up) = walks(&store, "is:unread", Sort::Newest);
    assert_eq!(whole.len(), 20);
    assert_eq!((down, up), (whole.clone(), whole));
}

#[test]
fn the_last_rows_and_a_row_index_past_the_middle_are_those_of_the_whole_list() {
    let store = store();
    let whole = ids(&store.list_matching("", Sort::Newest, 0, 100).unwrap());
    let last = ids(&store.list_window("", Sort::Newest, &Seek::Last, 4).unwrap());
    assert_eq!(last, whole[26..]);
    for from in [3, 20, 28] {
        let at = ids(&store
            .list_window("", Sort::Newest, &Seek::At(from), 4)
            .unwrap());
        assert_eq!(at, whole[from..(from + 4).min(30)], "from {from}");
    }
}

#[test]
fn a_row_the_store_no_longer_holds_is_not_found() {
    let store = store();
    let gone = Seek::After("no-such-id".into());
    let err = store.list_window("", Sort::Newest, &gone, 4).unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");
}
