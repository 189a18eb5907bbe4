use super::*;
use crate::tui::testing::{Harness, buffer, screen};

const W: u16 = 120;
const H: u16 = 40;

fn on_entity(title: &str, name: &str) -> Harness {
    Harness::on_entity(W, H, title, name)
}

fn top_page(app: &App) -> &PageView {
    match app.views.last() {
        Some(View::Page(p)) => p,
        other => panic!("no page on top: {other:?}"),
    }
}

#[test]
fn an_entity_page_shows_its_days_and_articles_opens_one_and_back_returns() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Halvorsen Maritime");
    let from = app.list.rows[app.list.selected].id.clone();
    app.update(Action::EntityPage);
    let page = top_page(&app).page.clone().expect("the page is read");
    assert_eq!(
        (page.name.as_str(), page.articles),
        ("Halvorsen Maritime", 6)
    );
    assert_eq!(page.newest.len(), 6);
    let s = screen(&app);
    assert!(s.contains("Halvorsen Maritime (org"), "{s}");
    assert!(s.contains("6 articles"), "{s}");
    assert!(s.contains("Newest articles (6 of 6)"), "{s}");
    assert!(s.contains(&page.newest[0].title[..30]), "{s}");
    assert!(s.contains("Seen with"), "{s}");
    assert!(s.contains("Top sources"), "{s}");
    assert!(
        s.chars().any(|c| "▁▂▃▄▅▆▇█".contains(c)),
        "a chart of its days: {s}"
    );
    let first = page.first_seen.as_deref().unwrap().get(..10).unwrap();
    assert!(s.contains(first), "the chart's first day {first}: {s}");

    // The second newest article opens in the reader, the entity's articles as the list.
    app.update(Action::Down);
    app.update(Action::Open);
    assert!(app.views.is_empty());
    let second = &page.newest[1];
    assert_eq!(app.reading.opened.as_ref().unwrap().id, second.id);
    assert!(
        matches!(&app.list.source, ListSource::Mentioning { name, .. } if name == "Halvorsen Maritime")
    );
    assert_eq!(app.selected_entity().unwrap().name, "Halvorsen Maritime");
    let s = screen(&app);
    assert!(
        s.contains(&second.title[..25]),
        "the article is on screen: {s}"
    );

    // Back: the page again, as it was left; Back again: where the reader was.
    app.update(Action::Back);
    assert_eq!(top_page(&app).article, 1);
    assert!(screen(&app).contains("Newest articles (6 of 6)"));
    app.update(Action::Back);
    assert!(app.views.is_empty());
    assert_eq!(app.list.source, ListSource::All);
    assert_eq!(app.list.rows[app.list.selected].id, from);
    assert!(screen(&app).contains("Deep-Water Berth"));
}

#[test]
fn seen_with_opens_the_other_entitys_page_on_top() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Halvorsen Maritime");
    app.update(Action::EntityPage);
    let page = top_page(&app).page.clone().unwrap();
    let Some(other) = page.seen_with.first() else {
        panic!("someone is seen with Halvorsen Maritime: {page:?}");
    };
    app.update(Action::FocusNext);
    assert_eq!(top_page(&app).part, Part::SeenWith);
    app.update(Action::Open);
    assert_eq!(app.views.len(), 2);
    let shown = top_page(&app).page.clone().unwrap();
    assert_eq!(shown.id, other.id);
    assert!(screen(&app).contains(&format!("{} (", other.name)));
    app.update(Action::CancelSearch);
    assert_eq!(
        top_page(&app).page.as_ref().unwrap().name,
        "Halvorsen Maritime"
    );
}

fn ranked(app: &App) -> Vec<(String, u64)> {
    match app.views.last() {
        Some(View::Rankings(r)) => r
            .rows
            .iter()
            .map(|e| (e.name.clone(), e.articles))
            .collect(),
        other => panic!("no rankings on top: {other:?}"),
    }
}

/// The bundled library and three news stories of the day after its newest, about a woman and
/// a town no other article names: they trend.
fn with_news() -> Harness {
    use crate::article::{Article, BlockKind, Body};
    let mut store = crate::store::Store::open_in_memory().unwrap();
    let mut library = crate::library::articles();
    library.reverse();
    for (n, time) in [
        "2026-11-21T08:00:00Z",
        "2026-11-21T11:00:00Z",
        "2026-11-21T15:00:00Z",
    ]
    .into_iter()
    .enumerate()
    {
        let text = format!(
            "Sarah Collins, the harbour master of Tromsø, said on day {n} that she would \
             stay on. Collins thanked the crews."
        );
        let mut a = Article::new(
            format!("Harbour master stays, part {n}"),
            Body::from_blocks([(BlockKind::Paragraph, text.as_str())]),
        );
        a.published = Some(time.into());
        library.push(a);
    }
    store.insert_batch(&library).unwrap();
    crate::commands::index_store(&mut store).unwrap();
    store.resolve_entities().unwrap();
    Harness::on(store, crate::tui::config::Config::default(), W, H)
}

#[test]
fn rankings_go_through_periods_and_kinds_and_open_an_entity_page() {
    let mut app = with_news();
    app.update(Action::Rankings);
    let trending = ranked(&app);
    let want: Vec<(String, u64)> = app
        .store
        .trending_in_days(2, None, RANKED)
        .unwrap()
        .into_iter()
        .map(|e| (e.name, e.articles))
        .collect();
    let mut names: Vec<&str> = want.iter().map(|e| e.0.as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        ["Sarah Collins", "Tromsø"],
        "the undated articles are not the recent ones"
    );
    assert_eq!(trending, want);
    assert!(screen(&app).contains("trending: the last 2 days"));
    // Tab: the last 7 days, the last 30, the whole store.
    for _ in 0..3 {
        app.update(Action::FocusNext);
    }
    let all = ranked(&app);
    assert_eq!(all[0], ("Halvorsen Maritime".to_string(), 6));
    assert!(screen(&app).contains("Halvorsen Maritime"));
    // S: people only.
    app.update(Action::CycleSort);
    let people = ranked(&app);
    assert!(people.iter().all(|(n, _)| n != "Halvorsen Maritime"));
    assert_eq!(people[0].1, 5);
    assert!(screen(&app).contains("· person"));
    app.update(Action::Down);
    app.update(Action::Open);
    let page = top_page(&app).page.clone().unwrap();
    assert_eq!(page.name, people[1].0);
    app.update(Action::Back);
    assert_eq!(ranked(&app), people, "the ranking as it was");
    app.update(Action::Back);
    assert!(app.views.is_empty());
}

#[test]
fn a_watched_entity_is_highlighted_in_every_article_and_has_its_feeds_entry() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Ingrid Halvorsen");
    app.update(Action::WatchEntity);
    let watched = app.store.watched_entities().unwrap();
    assert_eq!(watched.len(), 1);
    assert_eq!(
        (watched[0].name.as_str(), watched[0].articles),
        ("Ingrid Halvorsen", 4)
    );
    assert!(
        screen(&app).contains("◆ Ingrid Halvorsen"),
        "marked in the sidebar"
    );

    // Another article that mentions her: her mentions in the watched keywords' style.
    app.update(Action::FocusNext);
    let other = app
        .list
        .rows
        .iter()
        .position(|r| !r.title.contains("Mombasa") && r.title.contains("Halvorsen"))
        .unwrap();
    while app.list.selected != other {
        let by = if app.list.selected < other {
            Action::Down
        } else {
            Action::Up
        };
        app.update(by);
    }
    let text = app.text().text.clone();
    assert!(text.contains("Ingrid Halvorsen") || text.contains("Halvorsen"));
    let keyword = app.config.theme.keyword;
    let b = buffer(&app);
    let reading = app.layout.reading.unwrap();
    let lit: String = (reading.top()..reading.bottom())
        .flat_map(|y| (reading.left()..reading.right()).map(move |x| (x, y)))
        .filter(|&p| {
            b[p].fg == keyword.fg.unwrap()
                && b[p].modifier.contains(ratatui::style::Modifier::UNDERLINED)
        })
        .map(|p| b[p].symbol().to_string())
        .collect();
    assert!(lit.contains("Halvorsen"), "her mentions stand out: {lit:?}");

    // The feeds view counts her unread articles and lists them.
    app.update(Action::ToggleFeeds);
    let entries = &app.feeds.entries;
    let group = entries
        .iter()
        .position(|e| e.label == "Watched entities")
        .unwrap();
    assert_eq!(entries[group + 1].label, "Ingrid Halvorsen");
    assert!(screen(&app).contains("Watched entities"));
    app.feeds.selected = group + 1;
    app.update(Action::Open);
    assert_eq!(app.list.total, 4, "her four articles");

    // w again, on her in one of those articles, stops it.
    app.focus_on(Focus::List);
    app.update(Action::FocusPrev);
    assert_eq!(app.focus, Focus::Sidebar);
    app.select_entity("Ingrid Halvorsen");
    app.update(Action::WatchEntity);
    assert!(app.store.watched_entities().unwrap().is_empty());
    assert!(!app.is_watching("Ingrid Halvorsen"));
    assert!(!screen(&app).contains("◆ Ingrid Halvorsen"));
}

#[test]
fn rows_that_mention_a_watched_entity_are_marked_in_the_list_until_unwatched() {
    let mut app = on_entity("Deep-Water Berth at Mombasa", "Ingrid Halvorsen");
    let hers = app
        .store
        .ids_of_query("entity:\"Ingrid Halvorsen\"")
        .unwrap();
    assert_eq!(hers.len(), 4);
    let list = app.layout.list.unwrap();
    // The list's rows as shown: the mark column and the title.
    let rows = |app: &App| -> Vec<(String, String)> {
        let b = buffer(app);
        let inner = (list.top() + 1)..(list.bottom() - 1);
        inner
            .map(|y| {
                let cells: String = ((list.left() + 1)..(list.right() - 1))
                    .map(|x| b[(x, y)].symbol().to_string())
                    .collect();
                (
                    cells.chars().take(4).collect::<String>(),
                    cells.chars().skip(4).collect::<String>(),
                )
            })
            .filter(|(_, title)| !title.trim().is_empty())
            .collect()
    };
    let title_of = |id: &String| {
        let r = app.list.rows.iter().find(|r| &r.id == id).unwrap();
        r.title.chars().take(12).collect::<String>()
    };
    let hers: Vec<String> = hers.iter().map(title_of).collect();
    assert!(rows(&app).iter().all(|(marks, _)| !marks.contains('◆')));

    app.update(Action::WatchEntity);
    let shown = rows(&app);
    assert!(shown.len() > hers.len(), "other rows are on screen too");
    for (marks, title) in &shown {
        let mentions = hers.iter().any(|t| title.starts_with(t.as_str()));
        assert_eq!(marks.contains('◆'), mentions, "{marks:?} {title:?}");
    }

    app.update(Action::WatchEntity);
    assert!(rows(&app).iter().all(|(marks, _)| !marks.contains('◆')));
}
