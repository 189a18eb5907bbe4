//! Drawing: a pure function of [`App`]. Layout, then the list, reading pane, sidebar, status
//! line and help overlay.

use ratatui::Frame;
use ratatui::style::Modifier;
use ratatui::text::Span;
use ratatui::widgets::{Block, Borders};

mod entity;
mod feeds;
pub(super) mod help;
mod links;
mod list;
mod reading;
mod sidebar;
mod status;

use super::app::{App, Mode};
use super::layout::Layout;
use super::theme::Theme;
use list::render_list;
use reading::render_reading;
use sidebar::render_sidebar;
use status::render_status;

/// Draws the whole screen.
pub fn render(app: &App, frame: &mut Frame<'_>) {
    let area = frame.area();
    if area.width < 3 || area.height < 3 {
        return;
    }
    // The layout the state was last given; a frame of another size (a resize not yet taken
    // in) gets its own, so nothing is drawn outside it.
    let fresh;
    let layout = if app.layout.area == area {
        &app.layout
    } else {
        fresh = Layout::new((area.width, area.height), app.focus);
        &fresh
    };
    if let Some(view) = app.views.last() {
        entity::render_view(app, view, frame, layout.help_area());
    } else {
        if let Some(r) = layout.list {
            render_list(app, frame, r);
        }
        if let Some(r) = layout.reading {
            render_reading(app, frame, r);
        }
        if let Some(r) = layout.sidebar {
            render_sidebar(app, frame, r);
        }
    }
    render_status(app, frame, layout.status);
    if app.mode == Mode::Help {
        help::render_help(app, frame, layout.help_area());
    }
    if app.mode == Mode::LinkList {
        let area = layout.reading.unwrap_or(layout.help_area());
        links::render_link_list(app, frame, area);
    }
    if app.no_color {
        strip_colours(frame);
    }
}

/// `NO_COLOR`: colours off; what stood out by its background stands out in reverse video.
fn strip_colours(frame: &mut Frame<'_>) {
    use ratatui::style::Color;
    let area = frame.area();
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buffer[(x, y)];
            if cell.bg != Color::Reset {
                cell.modifier.insert(Modifier::REVERSED);
            }
            cell.fg = Color::Reset;
            cell.bg = Color::Reset;
        }
    }
}

fn pane_block<'a>(theme: &Theme, title: &'a str, focused: bool) -> Block<'a> {
    let style = if focused {
        theme.focused_border
    } else {
        theme.border
    };
    Block::default()
        .borders(Borders::ALL)
        .border_style(style)
        .title(Span::styled(format!(" {title} "), style))
}

#[cfg(test)]
mod tests {
    use crate::tui::testing::{Harness, visible};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::store::Store;
    use crate::tui::action::Action;

    fn app(w: u16, h: u16) -> Harness {
        Harness::sample(w, h)
    }

    fn screen(app: &App, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| render(app, f)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        (0..h)
            .map(|y| {
                (0..w)
                    .map(|x| buffer[(x, y)].symbol().to_string())
                    .collect::<String>()
                    + "\n"
            })
            .collect()
    }

    /// Whole screens as text: a change to any pane shows up as a snapshot diff
    /// (`cargo insta review`). Colours are checked by the buffer tests below.
    #[test]
    fn snapshot_80x24_list_and_reading() {
        let app = app(80, 24);
        insta::assert_snapshot!("screen_80x24", screen(&app, 80, 24));
    }

    #[test]
    fn snapshot_160x48_three_panes_with_search_and_sidebar() {
        let mut app = app(160, 48);
        app.update(Action::StartSearch);
        for c in "tehran".chars() {
            app.update(Action::Insert(c));
        }
        app.update(Action::SubmitSearch);
        app.update(Action::FocusPrev);
        insta::assert_snapshot!("screen_160x48", screen(&app, 160, 48));
    }

    #[test]
    fn snapshot_80x24_help_from_the_live_keymap() {
        let mut app = app(80, 24);
        app.update(Action::Help);
        insta::assert_snapshot!("help_80x24", screen(&app, 80, 24));
        assert!(!screen(&app, 80, 24).contains("Ctrl-c  quit"));
        for _ in 0..60 {
            app.update(Action::Down);
        }
        assert!(
            screen(&app, 80, 24).contains("q / Ctrl-c  quit"),
            "help scrolls"
        );
        assert_eq!(app.list.selected, 0, "keys scroll the help, not the list");
        app.update(Action::CloseHelp);
        assert_eq!(app.mode, Mode::Normal);
    }

    #[test]
    fn the_sidebar_says_when_the_extractor_read_only_the_start() {
        let mut app = app(120, 30);
        let o = app.reading.opened.as_ref().unwrap();
        let (tag, entities) = (o.tag, o.entities.clone().unwrap());
        let cut_at = Some(1_048_576);
        let found = crate::tui::load::Answer::Entities {
            tag,
            entities,
            cut_at,
        };
        app.update(Action::Loaded(found));
        let s = screen(&app, 120, 30);
        assert!(s.contains("│read the first 1.0 MB"), "{s}");
        assert!(s.contains("Masoud Pezeshkian 5"), "the entities below it");
    }

    // See: issue 12 (help said "any key closes" but letters were swallowed).
    #[test]
    fn a_letter_closes_help_and_does_nothing_else() {
        use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        let mut app = app(100, 30);
        app.update(Action::Help);
        assert!(screen(&app, 100, 30).contains("any other key closes"));
        for c in ['x', 'j', 'q'] {
            if app.mode != Mode::Help {
                app.update(Action::Help);
            }
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            let action = app.config.keymap.action_for(&app.mode, key).unwrap();
            app.update(action);
            if c == 'j' {
                assert_eq!(app.mode, Mode::Help, "j scrolls the help");
                continue;
            }
            let s = screen(&app, 100, 30);
            assert!(!s.contains("any other key closes"), "{c} closes help:\n{s}");
            assert_eq!(app.list.selected, 0, "{c} did not reach the list");
        }
    }

    // See: issue 12 (after quit was rebound to Q the status line still said q quit).
    #[test]
    fn the_status_line_shows_the_keys_as_bound() {
        let mut app = app(100, 20);
        let (config, errors) =
            crate::tui::config::Config::parse("[keys]\nquit = \"Q\"\nhelp = \"f1\"\n");
        assert!(errors.is_empty(), "{errors:?}");
        app.config = config;
        let s = screen(&app, 100, 20);
        let status = s.lines().last().unwrap();
        assert!(status.trim_end().ends_with("F1 help  Q quit"), "{status:?}");
    }

    #[test]
    fn the_status_line_shows_the_background_indexing_until_it_ends() {
        use crate::tui::worker::WorkerEvent;
        let mut app = app(100, 20);
        app.update(Action::Worker(WorkerEvent::Indexing {
            done: 480,
            total: 93_000,
        }));
        let s = screen(&app, 100, 20);
        let status = s.lines().last().unwrap();
        assert!(status.contains("indexing 480/93000"), "{status:?}");
        app.update(Action::Worker(WorkerEvent::Indexed {
            articles: 93_000,
            announce: false,
        }));
        let s = screen(&app, 100, 20);
        assert!(!s.contains("indexing"), "{s}");
    }

    #[test]
    fn three_panes_at_120_columns() {
        let app = app(120, 30);
        let s = screen(&app, 120, 30);
        assert!(
            s.contains("Articles") && s.contains("Reading") && s.contains("Entities"),
            "{s}"
        );
        assert!(s.contains("Masoud Pezeshkian"));
        assert!(s.contains("People"));
    }

    #[test]
    fn sidebar_folds_away_at_80_columns() {
        let mut app = app(80, 24);
        assert!(!screen(&app, 80, 24).contains("Entities"));
        app.update(Action::FocusPrev);
        assert!(screen(&app, 80, 24).contains("Entities"));
    }

    #[test]
    fn empty_store_draws_and_keys_do_nothing_harmful() {
        let store = Store::open_in_memory().unwrap();
        let mut app = Harness::on(store, Default::default(), 100, 30);
        for action in [
            Action::Down,
            Action::Bottom,
            Action::Open,
            Action::FocusPrev,
            Action::Open,
            Action::NextMention,
            Action::Back,
            Action::StartSearch,
            Action::Insert('x'),
            Action::SubmitSearch,
            Action::NextMatch,
            Action::Click(50, 5),
            Action::Wheel(50, 5, true),
        ] {
            app.update(action);
        }
        let s = screen(&app, 100, 30);
        assert!(s.contains("No article"), "{s}");
        assert!(s.contains("0/0"));
    }

    #[test]
    fn any_size_draws() {
        for (w, h) in [
            (1, 1),
            (2, 5),
            (10, 3),
            (59, 10),
            (60, 4),
            (99, 40),
            (100, 2),
            (300, 100),
        ] {
            let mut app = app(w, h);
            app.update(Action::Resize(w, h));
            app.update(Action::Help);
            let _ = screen(&app, w, h);
        }
    }

    #[test]
    fn search_matches_are_highlighted_and_the_current_one_differs() {
        let mut app = app(120, 30);
        app.update(Action::StartSearch);
        for c in "iraq".chars() {
            app.update(Action::Insert(c));
        }
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|f| render(&app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let mut styles = Vec::new();
        for y in 0..30 {
            let line: String = (0..120).map(|x| buffer[(x, y)].symbol()).collect();
            for (b, _) in line.match_indices("Iraq") {
                let x = line[..b].chars().count() as u16;
                styles.push(buffer[(x, y)].bg);
            }
        }
        assert!(
            styles.contains(&Theme::default().current_match.bg.unwrap()),
            "{styles:?}"
        );
        assert!(
            styles.contains(&Theme::default().matched.bg.unwrap()),
            "{styles:?}"
        );
        let status: String = (0..120).map(|x| buffer[(x, 29)].symbol()).collect();
        assert!(status.starts_with(" /iraq"), "{status}");
    }

    #[test]
    fn no_color_draws_without_colours() {
        let mut app = app(120, 30);
        app.no_color = true;
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|f| render(&app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let colours = buffer
            .content
            .iter()
            .filter(|c| {
                c.fg != ratatui::style::Color::Reset || c.bg != ratatui::style::Color::Reset
            })
            .count();
        assert_eq!(colours, 0);
        assert!(
            buffer
                .content
                .iter()
                .any(|c| c.modifier.contains(Modifier::REVERSED)),
            "the status line stays visible"
        );
    }

    #[test]
    fn mentions_are_coloured_by_kind() {
        let app = app(120, 30);
        let style = style_at(&app, "Iranian President Masoud", "Masoud");
        assert_eq!(style.fg, Theme::default().person.fg);
    }

    /// The style of the first cell of `word` on the first screen line containing `line_has`.
    fn style_at(app: &App, line_has: &str, word: &str) -> ratatui::style::Style {
        let mut terminal = Terminal::new(TestBackend::new(120, 30)).unwrap();
        terminal.draw(|f| render(app, f)).unwrap();
        let buffer = terminal.backend().buffer();
        let row = (0..30)
            .find(|&y| {
                (0..120)
                    .map(|x| visible(buffer[(x, y)].symbol()))
                    .collect::<String>()
                    .contains(line_has)
            })
            .unwrap();
        let line: String = (0..120)
            .map(|x| visible(buffer[(x, row)].symbol()))
            .collect();
        let x = line
            .find(word)
            .map(|b| line[..b].chars().count() as u16)
            .unwrap();
        buffer[(x, row)].style()
    }

    #[test]
    fn watched_keywords_and_the_selected_entity_have_their_own_styles() {
        let (config, _) =
            crate::tui::config::Config::parse("[highlight]\nkeywords = [\"first foreign trip\"]\n");
        let mut app = Harness::with_config(120, 30, config);
        let kw = style_at(&app, "Iranian President Masoud", "first");
        assert_eq!(kw.fg, Theme::default().keyword.fg);
        assert!(kw.add_modifier.contains(Modifier::UNDERLINED));
        // Entering the sidebar selects Masoud Pezeshkian: his mentions change style.
        app.update(Action::FocusPrev);
        let sel = style_at(&app, "Iranian President Masoud", "Masoud");
        assert_eq!(sel.bg, Theme::default().current_mention.bg);
        // The sidebar row of the selected entity, and the list's keyword mark.
        let row = style_at(&app, "Masoud Pezeshkian 5", "Masoud Pezeshkian 5");
        assert_eq!(row.bg, Theme::default().selected.bg);
    }

    #[test]
    fn links_are_underlined() {
        let mut app = app(120, 30);
        while !app
            .text()
            .article
            .title
            .starts_with("Halvorsen Maritime Profit")
        {
            app.update(Action::Down);
        }
        // Scroll the linked words into view.
        let text = app.text().text.clone();
        let at = text.find("Institut Polaire").unwrap();
        let line = app
            .reading
            .opened
            .as_ref()
            .unwrap()
            .lines
            .line_of(at)
            .unwrap();
        app.update(Action::Open);
        app.reading.scroll = line;
        let style = style_at(&app, "Institut Polaire", "Institut");
        assert!(
            style.add_modifier.contains(Modifier::UNDERLINED),
            "{style:?}"
        );
    }

    fn buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| render(app, f)).unwrap();
        terminal.backend().buffer().clone()
    }

    /// What the cells drawn in `bg` say, in reading order, spaces left out.
    fn text_in(buffer: &ratatui::buffer::Buffer, bg: ratatui::style::Color) -> String {
        buffer
            .content
            .iter()
            .filter(|c| c.bg == bg)
            .map(ratatui::buffer::Cell::symbol)
            .filter(|s| !s.trim().is_empty())
            .collect()
    }

    // See: issue 12 (the counter moved but the pane never scrolled to the mention).
    #[test]
    fn each_mention_step_shows_the_mention_in_its_own_style() {
        let mut app = app(120, 24);
        app.update(Action::FocusPrev);
        let e = app.selected_entity().unwrap().clone();
        let text = app.text().text.clone();
        let theme = Theme::default();
        for k in 0..e.mentions.len() {
            assert_eq!(app.reading.mention, Some(k));
            let (s, end) = e.mentions[k];
            let shown = text_in(&buffer(&app, 120, 24), theme.current_mention.bg.unwrap());
            assert_eq!(shown, text[s..end].replace(' ', ""), "mention {}", k + 1);
            app.update(Action::NextMention);
        }
        assert!(
            app.reading.scroll > 0,
            "the later mentions are further down"
        );
    }

    #[test]
    fn the_current_mention_differs_from_the_entitys_others() {
        let mut app = app(120, 40);
        app.update(Action::FocusPrev);
        app.update(Action::NextMention);
        let theme = Theme::default();
        let buffer = buffer(&app, 120, 40);
        let current = text_in(&buffer, theme.current_mention.bg.unwrap());
        let others = text_in(&buffer, theme.selected_mention.bg.unwrap());
        assert_eq!(current, "Pezeshkian", "the second mention");
        assert!(
            others.contains("MasoudPezeshkian"),
            "the first one: {others}"
        );
    }

    /// The reading pane's left and right border columns as drawn on the top row: the second
    /// pane from 60 columns (after the list, or the folded sidebar), else the only one.
    fn reading_borders(buffer: &ratatui::buffer::Buffer, w: u16) -> (u16, u16) {
        let corners =
            |c: &str| -> Vec<u16> { (0..w).filter(|&x| buffer[(x, 0)].symbol() == c).collect() };
        let pane = usize::from(w >= 60);
        (corners("┌")[pane], corners("┐")[pane])
    }

    // See: issue 12 (at 132 columns and 49 other widths lines lost their last letter).
    #[test]
    fn every_line_shows_whole_at_every_width() {
        let mut app = app(120, 30);
        app.update(Action::Open);
        for w in 3..=400 {
            app.update(Action::Resize(w, 30));
            let buffer = buffer(&app, w, 30);
            let (left, right) = reading_borders(&buffer, w);
            let inside = right - left - 1;
            assert_eq!(app.layout.text_width, inside.min(80), "{w} columns");
            let lines = &app.reading.opened.as_ref().unwrap().lines.lines;
            for (y, line) in (1..28).zip(lines) {
                let row: String = (left + 1..right).map(|x| buffer[(x, y)].symbol()).collect();
                assert_eq!(row.trim_end(), line.text.trim_end(), "{w} columns, row {y}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_wrap_width_is_the_reading_panes_inner_width(w in 3u16..=400, h in 3u16..=200) {
            let app = app_at(w, h);
            let (left, right) = reading_borders(&buffer(&app, w, h), w);
            proptest::prop_assert_eq!(app.layout.text_width, (right - left - 1).min(80));
            let lines = &app.reading.opened.as_ref().unwrap().lines;
            proptest::prop_assert_eq!(lines.width, app.layout.text_width);
        }
    }
    /// The sample reader resized to `w` x `h` with the reading pane focused (made once).
    fn app_at(w: u16, h: u16) -> std::sync::MutexGuard<'static, Harness> {
        static APP: std::sync::OnceLock<std::sync::Mutex<Harness>> = std::sync::OnceLock::new();
        let mut app = APP
            .get_or_init(|| {
                let mut app = Harness::sample(120, 30);
                app.update(Action::Open);
                std::sync::Mutex::new(app)
            })
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        app.update(Action::Resize(w, h));
        app
    }
}
