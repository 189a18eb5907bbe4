//! Tests of the unread flow and the sort switch (issue 13).

use super::*;
use crate::store::{ArticleRow, ListFilter};
use crate::tui::action::Action;
use crate::tui::config::Config;
use crate::tui::testing::Harness;

fn unread_in_store(app: &Harness) -> usize {
    let unread = ListFilter {
        unread_only: true,
        ..ListFilter::default()
    };
    app.store.page(&unread, 0, 1000).unwrap().len()
}

fn titles(rows: &[ArticleRow]) -> Vec<String> {
    rows.iter().map(|r| r.title.clone()).collect()
}

#[test]
fn opening_marks_read_and_undo_takes_it_back() {
    let mut app = Harness::sample(120, 40);
    let all = app.store.count().unwrap();
    // The first article is opened with the reader.
    assert!(app.list.rows[0].is_read);
    assert_eq!(unread_in_store(&app), all - 1);
    app.update(Action::Down);
    assert!(app.list.rows[1].is_read);
    assert_eq!(unread_in_store(&app), all - 2);
    app.update(Action::Undo);
    assert!(!app.list.rows[1].is_read);
    assert!(app.status.starts_with("kept unread: "), "{}", app.status);
    assert_eq!(unread_in_store(&app), all - 1);
}

#[test]
fn never_leaves_articles_unread_and_a_delay_asks_for_a_timer() {
    let config = Config {
        mark_read: MarkRead::Never,
        ..Config::default()
    };
    let mut app = Harness::with_config(120, 40, config);
    app.update(Action::Down);
    assert!(app.list.rows.iter().all(|r| !r.is_read));
    let config = Config {
        mark_read: MarkRead::After(Duration::from_secs(5)),
        ..Config::default()
    };
    let mut app = Harness::with_config(120, 40, config);
    let Some(Effect::Timer { tag, .. }) = app.seen.last().cloned() else {
        panic!("no timer: {:?}", app.seen);
    };
    assert!(!app.list.rows[0].is_read);
    app.update(Action::Due(tag));
    assert!(app.list.rows[0].is_read);
    // A timer for an article left before it ran out marks nothing.
    app.update(Action::Down);
    let Some(Effect::Timer { tag: left, .. }) = app.seen.last().cloned() else {
        panic!("no timer");
    };
    app.update(Action::Down);
    app.update(Action::Due(left));
    assert!(!app.list.rows[1].is_read);
}

#[test]
fn next_unread_skips_read_articles_and_says_when_there_is_none() {
    let mut app = Harness::sample(120, 40);
    let third = app.list.rows[2].id.clone();
    app.store
        .change_state(
            &app.list.rows[1].id.clone(),
            &crate::store::StateChange::Read(true),
        )
        .unwrap();
    app.list.rows[1].is_read = true;
    app.update(Action::NextUnread);
    assert_eq!(app.list.selected_row().unwrap().id, third);
    app.update(Action::PrevUnread);
    assert_eq!(app.status, "no unread article above");
}

#[test]
fn read_and_star_say_what_they_did() {
    let mut app = Harness::sample(120, 40);
    app.update(Action::ToggleStar);
    assert_eq!(app.status, "starred");
    app.update(Action::ToggleRead);
    assert_eq!(app.status, "marked unread");
}

#[test]
fn sort_switch_reads_the_list_again_in_the_new_order() {
    let mut app = Harness::sample(120, 40);
    let newest = titles(&app.list.rows);
    app.update(Action::CycleSort);
    assert_eq!(app.status, "sorted by date, oldest first");
    let mut oldest = titles(&app.list.rows);
    oldest.reverse();
    assert_eq!(oldest, newest);
    app.update(Action::CycleSort);
    app.update(Action::CycleSort);
    assert_eq!(
        app.list.sort,
        crate::store::Sort::Newest,
        "relevance is for searches"
    );
}

#[test]
fn a_store_search_counts_every_hit_and_pages_past_the_first_200() {
    use crate::article::{Article, BlockKind, Body};
    let mut store = crate::store::Store::open_in_memory().unwrap();
    let articles: Vec<Article> = (0..250)
        .map(|i| {
            let text = format!("harbour report {i}");
            let body = Body::from_blocks([(BlockKind::Paragraph, text.as_str())]);
            let mut a = Article::new(format!("Harbour {i}"), body);
            a.published = Some(format!("2024-01-01T00:{:02}:{:02}Z", i / 60, i % 60));
            a
        })
        .collect();
    store.insert_batch(&articles).unwrap();
    let mut app = Harness::on(store, Config::default(), 120, 40);
    app.update(Action::StartStoreSearch);
    for c in "harbour".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::SubmitSearch);
    assert_eq!(app.list.total, 250);
    assert!(
        app.status.starts_with("250 articles match"),
        "{}",
        app.status
    );
    app.update(Action::Bottom);
    assert_eq!(app.list.rows.len(), 250);
    assert_eq!(app.list.selected, 249);
    assert!(
        app.list.snippets.len() == 250,
        "snippets for the rows paged in"
    );
    // Sorted by date, the newest hit comes first.
    app.update(Action::CycleSort);
    assert_eq!(app.status, "sorted by date, newest first");
    assert_eq!(app.list.rows[0].title, "Harbour 249");
}

#[test]
fn delete_hides_at_once_undo_brings_back_and_quit_deletes_in_the_store() {
    let mut app = Harness::sample(120, 40);
    let all = app.store.count().unwrap();
    let second = app.list.rows[1].clone();
    app.update(Action::Down);
    app.update(Action::Delete);
    assert!(app.status.starts_with("deleted: "), "{}", app.status);
    assert!(app.list.rows.iter().all(|r| r.id != second.id));
    assert_eq!(app.list.total, all - 1);
    assert_eq!(app.store.count().unwrap(), all, "kept until quit");
    app.update(Action::Undo);
    assert_eq!(app.list.rows[1].id, second.id);
    assert_eq!(app.list.selected, 1);
    assert_eq!(app.list.total, all);
    // Deleted again, a re-read list (another order) leaves it out too.
    app.update(Action::Delete);
    app.update(Action::CycleSort);
    assert!(app.list.rows.iter().all(|r| r.id != second.id));
    app.update(Action::Quit);
    let [.., Effect::Write(Write::Remove { ids }), Effect::Quit] = app.seen.as_slice() else {
        // The harness carries writes out itself: the delete is already in the store.
        assert_eq!(app.store.count().unwrap(), all - 1);
        assert!(app.store.get(&second.id).is_err());
        app.store.integrity_check().unwrap();
        return;
    };
    panic!("the removal of {ids:?} was not carried out");
}

#[test]
fn an_article_deleted_from_a_search_is_gone_from_the_list_back_returns_to() {
    let mut app = Harness::sample(120, 40);
    let all = app.list.total;
    app.update(Action::StartStoreSearch);
    for c in "halvorsen".chars() {
        app.update(Action::Insert(c));
    }
    app.update(Action::SubmitSearch);
    let gone = app.list.rows[0].id.clone();
    app.update(Action::Delete);
    app.update(Action::Back);
    assert!(app.list.rows.iter().all(|r| r.id != gone));
    assert_eq!(app.list.total, all - 1);
}
