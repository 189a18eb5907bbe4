//! The list read by key on a store of a few thousand articles: `G`, `g` and page moves across
//! the window's edges show the right rows at the right positions. See: issue 17.

use crate::article::{Article, BlockKind, Body};
use crate::store::{Sort, StateChange, Store};
use crate::tui::action::Action;
use crate::tui::config::Config;
use crate::tui::list::ListState;
use crate::tui::testing::{Harness, screen};

const N: usize = 3000;

/// `N` articles dated four to a day (ties on the sort key), every third starred.
fn harness() -> Harness {
    let mut store = Store::open_in_memory().unwrap();
    let articles: Vec<Article> = (0..N)
        .map(|i| {
            let body = Body::from_blocks([(BlockKind::Paragraph, "Short text.")]);
            let mut a = Article::new(format!("Story number {i:04}"), body);
            let (month, day) = (1 + i / 4 / 28, 1 + i / 4 % 28);
            a.published = Some(format!("2020-{month:02}-{day:02}T00:00:00Z"));
            a
        })
        .collect();
    store.insert_batch(&articles).unwrap();
    let ids: Vec<String> = titles_and_ids(&store, "", Sort::Newest).1;
    for id in ids.iter().step_by(3) {
        store.change_state(id, &StateChange::Starred(true)).unwrap();
    }
    Harness::on(store, Config::default(), 120, 40)
}

/// The titles and ids of a list, read whole.
fn titles_and_ids(store: &Store, q: &str, sort: Sort) -> (Vec<String>, Vec<String>) {
    let rows = store.list_matching(q, sort, 0, 10 * N).unwrap();
    rows.into_iter().map(|r| (r.title, r.id)).unzip()
}

/// The list pane's rows shown: the titles in its lines of the screen.
fn shown(app: &Harness) -> Vec<String> {
    let pane = app.layout.list.expect("the list pane shows");
    let (left, width) = (usize::from(pane.x), usize::from(pane.width));
    screen(app)
        .lines()
        .map(|l| l.chars().skip(left).take(width).collect::<String>())
        .filter_map(|l| l.find("Story number ").map(|at| l[at..at + 17].to_string()))
        .collect()
}

#[test]
fn bottom_shows_the_last_article_and_its_position_and_top_the_first() {
    let mut app = harness();
    let (titles, _) = titles_and_ids(&app.store, "", Sort::Newest);
    app.update(Action::Bottom);
    let text = screen(&app);
    assert!(text.contains(&format!(" {N}/{N} ")), "{text}");
    let last = &titles[N - 1];
    assert_eq!(app.list.selected_row().unwrap().title, *last);
    assert!(
        shown(&app).contains(&titles[N - 2]),
        "the row above it is listed: {text}"
    );
    assert!(
        app.list.rows.len() <= 800,
        "a window, not {} rows",
        app.list.rows.len()
    );
    app.update(Action::Top);
    let text = screen(&app);
    assert!(text.contains(&format!(" 1/{N} ")), "{text}");
    assert_eq!(shown(&app)[0], titles[0]);
}

#[test]
fn pages_down_and_up_across_the_window_show_every_row_once_in_order() {
    let mut app = harness();
    let (titles, _) = titles_and_ids(&app.store, "", Sort::Newest);
    let mut down = shown(&app);
    let pages = N / usize::from(app.layout.text_height);
    for _ in 0..pages + 5 {
        app.update(Action::PageDown);
        // Rows shown again on the next page (the page turns by the list's height) are taken once.
        for t in shown(&app) {
            if !down.contains(&t) {
                down.push(t);
            }
        }
    }
    let differ = down.iter().zip(&titles).position(|(a, b)| a != b);
    assert_eq!(
        down,
        titles,
        "down: first differs at {differ:?} of {}",
        down.len()
    );
    assert_eq!(app.list.selected, N - 1);
    let mut up = shown(&app);
    for _ in 0..pages + 5 {
        app.update(Action::PageUp);
        let page = shown(&app);
        for t in page.into_iter().rev() {
            if !up.contains(&t) {
                up.insert(0, t);
            }
        }
    }
    assert_eq!(up, titles, "up");
    assert!(app.list.rows.len() <= 800, "{}", app.list.rows.len());
}

#[test]
fn up_from_the_bottom_reads_the_rows_before_the_last_page() {
    let mut app = harness();
    let (titles, _) = titles_and_ids(&app.store, "", Sort::Newest);
    app.update(Action::Bottom);
    for _ in 0..20 {
        app.update(Action::PageUp);
    }
    let at = app.list.selected;
    assert_eq!(app.list.selected_row().unwrap().title, titles[at]);
    let window: Vec<&String> = app.list.rows.iter().map(|r| &r.title).collect();
    let want: Vec<&String> = titles[app.list.first..app.list.end()].iter().collect();
    assert_eq!(window, want);
    assert!(screen(&app).contains(&format!(" {}/{N} ", at + 1)));
}

#[test]
fn a_jump_under_a_filter_and_in_another_order_keeps_to_them() {
    let mut app = harness();
    let (starred, _) = titles_and_ids(&app.store, "is:starred", Sort::Newest);
    app.list = ListState::all(Vec::new(), app.list.total);
    app.list.filter = "is:starred".into();
    app.reload_list();
    app.update(Action::Bottom);
    let n = starred.len();
    assert_eq!(n, N / 3);
    assert_eq!(app.list.selected_row().unwrap().title, starred[n - 1]);
    assert!(screen(&app).contains(&format!(" {n}/{n} ")));
    app.update(Action::CycleSort); // oldest first
    let (oldest, _) = titles_and_ids(&app.store, "is:starred", Sort::Oldest);
    app.update(Action::Bottom);
    assert_eq!(app.list.selected_row().unwrap().title, oldest[n - 1]);
    assert_eq!(shown(&app).last(), Some(&oldest[n - 1]));
    app.update(Action::Top);
    assert_eq!(shown(&app)[0], oldest[0]);
}
