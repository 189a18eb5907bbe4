//! Link hints, the link list, the fetch key and the hyperlinks drawn, on a store of one
//! article with links of every kind (hostile ones among them).

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::article::{Article, BlockKind, Body, Link};
use crate::store::Store;
use crate::tui::action::Action;
use crate::tui::app::{Effect, Mode};
use crate::tui::config::Config;
use crate::tui::load::Page;
use crate::tui::testing::{Harness, visible};
use crate::tui::worker::WorkerEvent;

const TEXT: &str = "The harbour authority published its report on the strike. \
    Dockers met at the union hall, and the council wrote to the ministry.";

/// Links on words of the text: three safe ones, then javascript:, file: and one with an
/// escape sequence in it.
const LINKS: &[(&str, &str)] = &[
    ("harbour authority", "https://port.example/authority"),
    ("report", "https://port.example/report?year=2024"),
    ("union hall", "http://union.example/hall"),
    ("council", "javascript:alert(1)"),
    ("ministry", "file:///etc/passwd"),
    ("strike", "https://evil.example/\u{1b}]0;pwned\u{7}"),
];

fn article() -> Article {
    let mut a = Article::new(
        "Port report",
        Body::from_blocks([(BlockKind::Paragraph, TEXT)]),
    );
    a.url = Some("https://port.example/story".into());
    for (words, url) in LINKS {
        let start = a.body.text.find(words).unwrap();
        let end = start + words.len();
        let url = (*url).to_string();
        a.body.links.push(Link { start, end, url });
    }
    a.body.links.sort_by_key(|l| l.start);
    a.refresh_id();
    a
}

fn harness(config: Config) -> Harness {
    let mut store = Store::open_in_memory().unwrap();
    store.insert_batch(&[article()]).unwrap();
    Harness::on(store, config, 120, 30)
}

fn urls(app: &Harness) -> Vec<String> {
    app.article_links().iter().map(|l| l.url.clone()).collect()
}

fn screen(app: &Harness) -> (String, Vec<String>) {
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| crate::tui::ui::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let symbols: Vec<String> = buffer
        .content
        .iter()
        .map(|c| c.symbol().to_string())
        .collect();
    let text = symbols.iter().map(|s| visible(s)).collect();
    (text, symbols)
}

#[test]
fn hints_label_the_links_on_screen_and_a_label_opens_its_link() {
    let mut app = harness(Config::default());
    app.update(Action::LinkHints);
    assert_eq!(app.mode, Mode::Hints);
    assert_eq!(app.links.hinted.len(), LINKS.len());
    assert!(app.status.starts_with("open which link?"), "{}", app.status);
    let (text, _) = screen(&app);
    // Labels cover the first cells of the links: "1arbour authority", "2eport".
    assert!(
        text.contains("The 1arbour authority published its 2eport"),
        "{text}"
    );
    app.update(Action::Insert('2'));
    assert_eq!(app.mode, Mode::Normal);
    let want = urls(&app)[1].clone();
    assert_eq!(want, "https://port.example/report?year=2024");
    assert_eq!(app.seen, [Effect::OpenUrl(want)]);
}

#[test]
fn the_copy_key_copies_the_link_a_label_names() {
    let mut app = harness(Config::default());
    app.update(Action::CopyHints);
    app.update(Action::Insert('1'));
    assert_eq!(
        app.seen,
        [Effect::Copy("https://port.example/authority".into())]
    );
    assert!(app.status.starts_with("copying"), "{}", app.status);
}

#[test]
fn hostile_links_are_never_opened_or_copied() {
    let mut app = harness(Config::default());
    let hostile: Vec<usize> = (0..LINKS.len())
        .filter(|&i| !urls(&app)[i].starts_with("http"))
        .chain(urls(&app).iter().position(|u| u.contains('\u{1b}')))
        .collect();
    assert_eq!(hostile.len(), 3);
    for (k, i) in hostile.into_iter().enumerate() {
        let copy = k % 2 == 1;
        app.update(if copy {
            Action::CopyHints
        } else {
            Action::LinkHints
        });
        let label = app.links.hinted.iter().position(|&h| h == i).unwrap() + 1;
        app.update(Action::Insert(char::from_digit(label as u32, 10).unwrap()));
        assert!(app.seen.is_empty(), "{:?}", app.seen);
        assert!(
            app.status.starts_with("not an http(s) link"),
            "{}",
            app.status
        );
        assert!(!app.status.contains('\u{1b}'), "{:?}", app.status);
    }
}

#[test]
fn escape_and_other_keys_close_the_hints() {
    let mut app = harness(Config::default());
    app.update(Action::LinkHints);
    app.update(Action::CancelSearch);
    assert_eq!(app.mode, Mode::Normal);
    app.update(Action::LinkHints);
    app.update(Action::Insert('9'));
    assert_eq!((app.mode, app.status.as_str()), (Mode::Normal, "no link 9"));
    assert!(app.seen.is_empty());
}

#[test]
fn the_link_list_shows_every_link_and_picks_one() {
    let mut app = harness(Config::default());
    app.update(Action::LinkList);
    assert_eq!(app.mode, Mode::LinkList);
    let (text, symbols) = screen(&app);
    assert!(text.contains("Links"), "{text}");
    assert!(
        text.contains("2  report  https://port.example/report?year=2024"),
        "{text}"
    );
    assert!(text.contains("javascript:alert(1)"), "{text}");
    assert!(
        symbols.iter().all(|s| !s.contains('\u{7}')),
        "no BEL reaches the screen"
    );
    app.update(Action::Down);
    app.update(Action::CopyHints);
    assert_eq!(app.seen, [Effect::Copy(urls(&app)[1].clone())]);
    app.update(Action::LinkList);
    app.update(Action::Bottom);
    app.update(Action::Open);
    assert_eq!(app.seen.len(), 1, "the last link is file:, not opened");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn link_text_carries_osc_8_hyperlinks_that_keep_the_cells_widths() {
    let app = harness(Config::default());
    let (text, symbols) = screen(&app);
    let linked: Vec<&String> = symbols.iter().filter(|s| s.contains("\u{1b}]8;")).collect();
    let report =
        "\u{1b}]8;id=byline1;https://port.example/report?year=2024\u{1b}\\r\u{1b}]8;;\u{1b}\\";
    assert!(linked.iter().any(|s| *s == report), "{linked:?}");
    let safe_chars: usize = LINKS[..3].iter().map(|(w, _)| w.len()).sum();
    assert_eq!(
        linked.len(),
        safe_chars,
        "one cell per character of the safe links only"
    );
    assert!(
        text.contains("harbour authority"),
        "the text reads as before: {text}"
    );
    let (config, problems) = Config::parse("[links]\nhyperlinks = false\n");
    assert!(problems.is_empty(), "{problems:?}");
    let (_, symbols) = screen(&harness(config));
    assert!(
        symbols.iter().all(|s| !s.contains('\u{1b}')),
        "switched off"
    );
}

#[test]
fn the_fetch_key_asks_for_the_page_and_its_text_replaces_the_summary() {
    let mut app = harness(Config::default());
    app.update(Action::FetchPage);
    let [Effect::FetchPage(job)] = app.seen.as_slice() else {
        panic!("{:?}", app.seen);
    };
    assert_eq!(job.url, "https://port.example/story");
    assert_eq!(app.status, "fetching https://port.example/story…");
    let id = job.id.clone();
    app.update(Action::FetchPage);
    assert_eq!(app.seen.len(), 1, "one fetch at a time per article");
    let mut page = article();
    page.body = Body::from_blocks([
        (
            BlockKind::Paragraph,
            "The whole report, as the page has it.",
        ),
        (
            BlockKind::Paragraph,
            "Ingrid Halvorsen spoke for the dockers.",
        ),
    ]);
    app.store.store_full_text(&id, &page).unwrap();
    let done = WorkerEvent::PageFetched {
        id: id.clone(),
        result: Ok(13),
    };
    app.update(Action::Worker(done));
    assert!(
        app.text().text.contains("Ingrid Halvorsen spoke"),
        "the whole text shows"
    );
    assert_eq!(app.text().page, Page::Whole);
    assert!(
        app.status.starts_with("the whole text, 13 words"),
        "{}",
        app.status
    );
    let names: Vec<&str> = app
        .reading
        .opened
        .as_ref()
        .unwrap()
        .entities()
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert!(
        names.contains(&"Ingrid Halvorsen"),
        "entities found again: {names:?}"
    );
    app.update(Action::FetchPage);
    assert_eq!(app.text().page, Page::Summary);
    assert!(
        app.text().text.contains("union hall"),
        "the summary is back"
    );
    app.update(Action::FetchPage);
    assert_eq!(app.text().page, Page::Whole);
    assert_eq!(app.seen.len(), 1, "toggling fetches nothing");
}

#[test]
fn a_failed_fetch_keeps_the_summary_and_says_why_without_controls() {
    let mut app = harness(Config::default());
    app.update(Action::FetchPage);
    let id = app.text().id.clone();
    let reason = "connection refused \u{1b}[2J".to_string();
    app.update(Action::Worker(WorkerEvent::PageFetched {
        id,
        result: Err(reason),
    }));
    assert_eq!(app.text().page, Page::Feed);
    assert!(app.text().text.contains("union hall"));
    assert!(
        app.status
            .starts_with("cannot fetch https://port.example/story: connection refused")
    );
    let (text, symbols) = screen(&app);
    assert!(text.contains("the summary stays"), "{text}");
    assert!(symbols.iter().all(|s| !s.contains("\u{1b}[2J")));
    assert!(app.fetching.is_empty());
}

#[test]
fn the_fetch_key_pressed_before_the_text_is_read_fetches_once_it_is() {
    let mut app = harness(Config::default());
    let o = app.reading.opened.as_mut().unwrap();
    o.text = None;
    let tag = o.tag;
    app.waits.article = Some(tag);
    app.update(Action::FetchPage);
    assert!(app.seen.is_empty());
    assert_eq!(app.status, "fetching the page once the article is read…");
    let id = app.list.rows[0].id.clone();
    let request = crate::tui::load::Request::Article {
        tag,
        id,
        width: 52,
        summary: false,
    };
    for answer in app.answers(request) {
        app.update(Action::Loaded(answer));
    }
    assert!(
        matches!(app.seen.as_slice(), [Effect::FetchPage(_)]),
        "{:?}",
        app.seen
    );
    assert_eq!(app.status, "fetching https://port.example/story…");
}

#[test]
fn hints_take_digits_and_the_link_list_takes_the_readers_keys() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let map = crate::tui::keymap::Keymap::default();
    let press = |mode: Mode, code, mods| map.action_for(&mode, KeyEvent::new(code, mods));
    let none = KeyModifiers::NONE;
    assert_eq!(
        press(Mode::Hints, KeyCode::Char('3'), none),
        Some(Action::Insert('3'))
    );
    assert_eq!(
        press(Mode::Hints, KeyCode::Char('x'), none),
        Some(Action::CancelSearch)
    );
    assert_eq!(
        press(Mode::Hints, KeyCode::Char('q'), none),
        Some(Action::CancelSearch)
    );
    let ctrl_c = (KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(press(Mode::Hints, ctrl_c.0, ctrl_c.1), Some(Action::Quit));
    assert_eq!(
        press(Mode::LinkList, KeyCode::Char('j'), none),
        Some(Action::Down)
    );
    assert_eq!(
        press(Mode::LinkList, KeyCode::Char('y'), none),
        Some(Action::CopyHints)
    );
    assert_eq!(
        press(Mode::LinkList, KeyCode::Char('q'), none),
        Some(Action::CancelSearch)
    );
    assert_eq!(
        press(Mode::LinkList, ctrl_c.0, ctrl_c.1),
        Some(Action::Quit)
    );
}

#[test]
fn a_wide_character_in_a_link_keeps_its_two_columns() {
    let mut store = Store::open_in_memory().unwrap();
    let mut a = Article::new(
        "Wide",
        Body::from_blocks([(BlockKind::Paragraph, "At 港湾 port.")]),
    );
    let start = a.body.text.find('港').unwrap();
    let end = a.body.text.find(" port").unwrap() + " port".len();
    let url = "https://port.example/港".to_string();
    a.body.links.push(Link { start, end, url });
    a.refresh_id();
    store.insert_batch(&[a]).unwrap();
    let app = Harness::on(store, Config::default(), 120, 30);
    let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
    terminal.draw(|f| crate::tui::ui::render(&app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let row = (0..30)
        .find(|&y| (0..120).any(|x| visible(buffer[(x, y)].symbol()) == "港"))
        .unwrap();
    let x = (0..120)
        .find(|&x| visible(buffer[(x, row)].symbol()) == "港")
        .unwrap();
    let cell = |x: u16| &buffer[(x, row)];
    use ratatui::buffer::CellDiffOption::ForcedWidth;
    let width = |x: u16| match cell(x).diff_option {
        ForcedWidth(w) => w.get(),
        _ => 0,
    };
    // Non-ASCII in the URL goes percent-encoded: OSC 8 carries printable ASCII only.
    assert!(
        cell(x).symbol().contains("https://port.example/%E6%B8%AF"),
        "{:?}",
        cell(x).symbol()
    );
    assert_eq!(
        (width(x), width(x + 2)),
        (2, 2),
        "港 and 湾 keep two columns each"
    );
    assert_eq!(visible(cell(x + 2).symbol()), "湾");
    assert_eq!(
        width(x + 1),
        0,
        "the cell under 港's second column is left alone"
    );
    assert_eq!(
        (x + 4..x + 9)
            .map(|x| visible(cell(x).symbol()))
            .collect::<String>(),
        " port"
    );
    assert!((x + 4..x + 9).all(|x| width(x) == 1));
    assert_eq!(width(x + 9), 0, "the full stop is not linked");
}

#[test]
fn the_links_section_of_the_config_is_checked() {
    let (config, problems) =
        Config::parse("[links]\nhyperlinks = \"no\"\nopener = \"\"\nclipboard = true\n");
    let said: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        said,
        [
            "links.hyperlinks: expected true or false",
            "links.opener: expected a program in quotes",
            "links.clipboard: no such setting (hyperlinks, opener)"
        ]
    );
    assert!(
        config.links.hyperlinks && config.links.opener.is_none(),
        "defaults kept"
    );
    let (config, _) = Config::parse("[links]\nopener = \"firefox --new-tab\"\n");
    assert_eq!(config.links.opener.as_deref(), Some("firefox --new-tab"));
}

// See: issue 12 (the status line named keys as the defaults had them after a rebinding).
#[test]
fn the_status_line_names_the_keys_as_bound() {
    let (config, _) = Config::parse("[keys]\nfetch_page = \"W\"\nlink_list = \"ctrl-l\"\n");
    let mut app = harness(config);
    app.update(Action::FetchPage);
    let id = app.text().id.clone();
    let mut page = article();
    page.body = Body::from_blocks([(BlockKind::Paragraph, "The whole report, and much more.")]);
    app.store.store_full_text(&id, &page).unwrap();
    app.update(Action::Worker(WorkerEvent::PageFetched {
        id,
        result: Ok(6),
    }));
    assert!(app.status.ends_with("(W: the summary)"), "{}", app.status);
    app.update(Action::FetchPage);
    assert_eq!(app.status, "the feed's summary (W: the whole text)");
    app.update(Action::LinkList);
    assert_eq!(app.status, "Enter opens the link, y copies it, Esc closes");
}
