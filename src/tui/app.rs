//! The reader's state and its one `update`: actions in, state changed, effects out. No I/O at
//! all: reading the store, extracting entities and wrapping are effects the event loop hands
//! to the loader thread, whose tagged answers come back as [`Action::Loaded`].

use std::collections::HashSet;

use super::action::Action;
use super::config::Config;
use super::layout::Layout;
use super::list::ListState;
use super::load::{Request, Startup, Tag, Write};
use super::reading::Reading;
use super::search::SearchLine;
use super::sidebar::Sidebar;

/// How many list rows are read from the store at a time.
pub(super) const PAGE: usize = 200;

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    List,
    Reading,
    Sidebar,
}

/// What the keyboard is doing: moving about, typing a search, reading help, typing a link
/// hint's label or picking from the link list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search(Scope),
    Help,
    Hints,
    LinkList,
}

/// What a search line searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Article,
    Store,
    /// The edit line of an entity ([`super::entity_edit`]).
    Entity,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Quit,
    /// Ask the loader thread; its answer comes back tagged.
    Load(Request),
    /// Change the store (through the background worker).
    Write(Write),
    /// Ask the background worker to refresh the feeds.
    Refresh,
    /// Open this http(s) URL with the configured opener, `$BROWSER` or xdg-open.
    OpenUrl(String),
    /// Fetch an article's page in the background.
    FetchPage(crate::pages::PageJob),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
    /// Answer with [`Action::Due`] for `tag` once `after` has passed.
    Timer {
        after: std::time::Duration,
        tag: Tag,
    },
}

/// The requests whose answers the reader waits for; an answer with another tag is stale.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Waits {
    pub article: Option<Tag>,
    pub wrap: Option<Tag>,
    pub rows: Option<Tag>,
    /// The top of the list read to merge in new articles, and how many rows were asked for.
    pub merge: Option<(Tag, usize)>,
    pub search: Option<Tag>,
    pub follow: Option<Tag>,
}

/// Everything the reader knows.
#[derive(Debug)]
pub struct App {
    /// Keys, theme and watched keywords.
    pub config: Config,
    pub mode: Mode,
    pub focus: Focus,
    /// Where the panes are at the terminal's size and the focus.
    pub layout: Layout,
    pub list: ListState,
    pub reading: Reading,
    pub sidebar: Sidebar,
    pub search: SearchLine,
    /// First line of the help overlay shown (it scrolls when the terminal is short).
    pub help_scroll: usize,
    /// Ids of the articles in which a watched keyword occurs (as far as the list was read).
    pub marked: HashSet<String>,
    /// Ids of the articles that mention a watched entity (as far as the list was read).
    pub mention_watched: HashSet<String>,
    /// Where entity jumps and store searches came from, for Back.
    pub history: Vec<super::history::Place>,
    pub waits: Waits,
    /// How many refreshes brought new articles: a list of every article that has taken in
    /// fewer is brought up to date (see [`ListState::refreshes`]).
    pub refreshes: usize,
    /// The last background sync's outcome, shown beside the refresh that follows it.
    pub sync_note: Option<String>,
    /// The background indexing under way: articles done and pending in all.
    pub indexing: Option<(usize, usize)>,
    pub status: String,
    /// The open article (by its tag) whose status message its text and entities arriving
    /// must not replace (what a store search or an entity jump said).
    pub pinned: Option<Tag>,
    /// `NO_COLOR` was set: draw with bold, underline and reverse video only.
    pub no_color: bool,
    /// The pages being fetched: article ids and URLs.
    pub fetching: Vec<(String, String)>,
    /// The open article (by its tag) whose page is fetched as soon as its text is read.
    pub fetch_on_read: Option<Tag>,
    /// The link hints or link list shown.
    pub links: super::links::LinkPick,
    /// The feeds view (feeds by tag, unread, starred, saved searches).
    pub feeds: super::feeds::FeedsView,
    /// What the undo key takes back, and the articles to delete when the reader quits.
    pub daily: super::daily::Daily,
    /// The entity views shown over the panes (rankings, entity pages), the top one last.
    pub views: Vec<super::entity_view::View>,
    /// Every name of the watched entities, in folded case.
    pub watching: HashSet<String>,
    /// The entity the open edit line is about.
    pub editing: Option<String>,
    last_tag: Tag,
    effects: Vec<Effect>,
}

impl App {
    /// The reader on the first page of the list; [`App::start`] asks for the rest.
    pub fn new(config: Config, size: (u16, u16), startup: Startup) -> App {
        App {
            config,
            mode: Mode::Normal,
            focus: Focus::List,
            layout: Layout::new(size, Focus::List),
            list: ListState::all(startup.rows, startup.total),
            reading: Reading::default(),
            sidebar: Sidebar::default(),
            search: SearchLine::new(startup.past_queries),
            help_scroll: 0,
            marked: HashSet::new(),
            mention_watched: HashSet::new(),
            history: Vec::new(),
            waits: Waits::default(),
            refreshes: 0,
            sync_note: None,
            indexing: None,
            status: String::new(),
            pinned: None,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            fetching: Vec::new(),
            fetch_on_read: None,
            links: super::links::LinkPick::default(),
            daily: super::daily::Daily::default(),
            feeds: super::feeds::FeedsView::default(),
            views: Vec::new(),
            watching: HashSet::new(),
            editing: None,
            last_tag: 0,
            effects: Vec::new(),
        }
    }

    /// What the first frame leaves to the loader: the newest article, the list's keyword marks.
    pub fn start(&mut self) -> Vec<Effect> {
        self.open_selected();
        // The list's marks are asked for when the watched entities' names come back.
        self.effects.push(Effect::Load(Request::WatchedNames));
        std::mem::take(&mut self.effects)
    }

    /// Applies one action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let taken = match self.mode {
            Mode::Help => self.update_help(&action),
            Mode::Hints | Mode::LinkList => self.update_links(&action),
            Mode::Normal | Mode::Search(_) => false,
        };
        if !taken {
            self.apply(action);
        }
        std::mem::take(&mut self.effects)
    }

    fn apply(&mut self, action: Action) {
        if self.views_action(&action) || self.feeds_action(&action) {
            return;
        }
        match action {
            Action::Quit => self.quit(),
            Action::Resize(w, h) => self.resize(w, h),
            Action::FocusNext => self.set_focus(next_focus(self.focus)),
            Action::FocusPrev => self.set_focus(next_focus(next_focus(self.focus))),
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(self.page_len()),
            Action::PageUp => self.step(-self.page_len()),
            Action::HalfPageDown => self.step(self.page_len() / 2),
            Action::HalfPageUp => self.step(-self.page_len() / 2),
            Action::Top => self.step(isize::MIN / 2),
            Action::Bottom => self.step(isize::MAX / 2),
            Action::Open => self.open(),
            Action::NextMention => self.jump_mention(1),
            Action::PrevMention => self.jump_mention(-1),
            Action::ToggleEntityColours => {
                self.reading.colour_entities = !self.reading.colour_entities;
            }
            Action::ToggleRead => self.toggle_read(),
            Action::ToggleStar => self.toggle_star(),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::CloseHelp => self.mode = Mode::Normal,
            Action::StartSearch => self.start_search(Scope::Article),
            Action::StartStoreSearch => self.start_search(Scope::Store),
            Action::SearchWord => self.search_word(),
            Action::Insert(c) => self.type_in(Some(c)),
            Action::DeleteChar => self.type_in(None),
            Action::HistoryPrev => self.recall(-1),
            Action::HistoryNext => self.recall(1),
            Action::ToggleRegex => self.toggle_regex(),
            Action::SubmitSearch => self.submit_search(),
            Action::CancelSearch => self.clear_search(),
            Action::Back => self.back(),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, down) => self.wheel(x, y, down),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::NextAnyMention => self.jump_any_mention(true),
            Action::PrevAnyMention => self.jump_any_mention(false),
            Action::OpenLink => self.open_link(),
            Action::FetchPage => self.fetch_page(),
            Action::LinkHints => self.show_hints(false),
            Action::CopyHints => self.show_hints(true),
            Action::LinkList => self.show_link_list(),
            Action::Refresh => self.refresh(),
            Action::Loaded(answer) => self.take_in(answer),
            Action::Worker(event) => self.background(event),
            Action::Notice(text) => self.status = text,
            Action::NextUnread => self.step_unread(true),
            Action::PrevUnread => self.step_unread(false),
            Action::Undo => self.undo_last(),
            Action::CycleSort => self.cycle_sort(),
            Action::Delete => self.delete_selected(),
            Action::ToggleFeeds => self.toggle_feeds(),
            Action::SaveSearch => self.save_search(),
            Action::Due(tag) => self.due(tag),
            Action::EntityPage => self.open_entity_page(),
            Action::Rankings => self.open_rankings(),
            Action::WatchEntity => self.toggle_watch(),
            Action::EditEntity => self.start_entity_edit(),
        }
    }

    /// A tag for a new request.
    pub(super) fn tag(&mut self) -> Tag {
        self.last_tag += 1;
        self.last_tag
    }

    /// Queues something for the event loop.
    pub(super) fn effect(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// While help is up, its keys scroll it and anything else a key asks closes it; what is
    /// not a key (a resize, a background result) is taken in as usual. True when done.
    fn update_help(&mut self, action: &Action) -> bool {
        let total = super::ui::help::help_lines(&self.config.keymap).len();
        let page = super::ui::help::rows_shown(self.layout.help_area(), total).max(1);
        match action {
            Action::Down | Action::Wheel(_, _, true) => self.help_scroll += 1,
            Action::PageDown => self.help_scroll += page,
            Action::Up | Action::Wheel(_, _, false) => {
                self.help_scroll = self.help_scroll.saturating_sub(1);
            }
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::Quit
            | Action::Resize(..)
            | Action::Loaded(_)
            | Action::Worker(_)
            | Action::Due(_)
            | Action::Notice(_) => return false,
            _ => self.mode = Mode::Normal,
        }
        self.help_scroll = self.help_scroll.min(total - page.min(total));
        true
    }

    /// Moves the keyboard to a pane; entering the sidebar shows the selected entity's first
    /// mention.
    fn set_focus(&mut self, focus: Focus) {
        self.focus_on(focus);
        if focus == Focus::Sidebar {
            self.reading.mention = None;
            self.jump_mention(1);
        }
    }

    /// Gives a pane the keyboard; below 100 columns that changes which panes show.
    pub(super) fn focus_on(&mut self, focus: Focus) {
        self.focus = focus;
        self.layout = Layout::new((self.layout.area.width, self.layout.area.height), focus);
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.layout = Layout::new((w, h), self.focus);
        self.rewrap();
    }

    /// Rows a page-wise move goes.
    fn page_len(&self) -> isize {
        isize::try_from(self.layout.text_height.saturating_sub(1).max(1)).unwrap_or(1)
    }

    pub(super) fn step(&mut self, by: isize) {
        match self.focus {
            Focus::List => self.step_list(by),
            Focus::Reading => self.reading.scroll_by(by, self.layout.text_height),
            Focus::Sidebar => self.step_sidebar(by),
        }
    }

    fn open(&mut self) {
        match self.focus {
            Focus::List => self.focus_on(Focus::Reading),
            Focus::Sidebar => self.follow_entity(),
            Focus::Reading => {}
        }
    }

    fn refresh(&mut self) {
        self.status = "refreshing feeds…".into();
        self.effects.push(Effect::Refresh);
    }
}

fn next_focus(f: Focus) -> Focus {
    match f {
        Focus::List => Focus::Reading,
        Focus::Reading => Focus::Sidebar,
        Focus::Sidebar => Focus::List,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ListFilter;
    use crate::tui::load::Answer;
    use crate::tui::testing::Harness;

    fn app() -> Harness {
        Harness::sample(120, 40)
    }

    fn title(app: &App) -> String {
        let o = app.reading.opened.as_ref().unwrap();
        o.text.as_ref().unwrap().article.title.clone()
    }

    #[test]
    fn opens_on_the_newest_article() {
        let app = app();
        assert_eq!(app.list.selected, 0);
        assert!(title(&app).starts_with("Iran"));
        assert!(app.reading.opened.as_ref().unwrap().entities.is_some());
    }

    #[test]
    fn moving_in_the_list_opens_the_next_article() {
        let mut app = app();
        app.update(Action::Down);
        assert_eq!(app.list.selected, 1);
        assert_eq!(app.reading.opened.as_ref().unwrap().id, app.list.rows[1].id);
        app.update(Action::Bottom);
        assert_eq!(app.list.selected, app.list.total - 1);
        app.update(Action::Top);
        assert_eq!(app.list.selected, 0);
    }

    /// The reader with articles left unread when opened: only loads follow a move.
    fn app_marking_nothing() -> Harness {
        let config = Config {
            mark_read: crate::tui::daily::MarkRead::Never,
            ..Config::default()
        };
        Harness::with_config(120, 40, config)
    }

    #[test]
    fn the_header_shows_at_once_and_the_text_when_the_loader_has_it() {
        let mut app = app_marking_nothing();
        let effects = app.app.update(Action::Down);
        let o = app.reading.opened.as_ref().unwrap();
        assert!(o.text.is_none(), "nothing was read in update");
        let header: Vec<&str> = o.lines.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(header[0].starts_with("Halvorsen"), "{header:?}");
        assert_eq!(header.last(), Some(&"reading…"));
        let [Effect::Load(request @ Request::Article { .. })] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        for answer in app.answers(request.clone()) {
            let _ = app.app.update(Action::Loaded(answer));
        }
        assert!(title(&app).starts_with("Halvorsen"));
    }

    // See: issue 12 (the stale-answer case: two quick j presses show the second article).
    #[test]
    fn two_quick_moves_show_the_second_article_whatever_order_the_answers_come_in() {
        let mut app = app_marking_nothing();
        let first = app.app.update(Action::Down);
        let second = app.app.update(Action::Down);
        let answers = |app: &mut Harness, effects: Vec<Effect>| -> Vec<Answer> {
            let Some(Effect::Load(r)) = effects.into_iter().next() else {
                panic!()
            };
            app.answers(r)
        };
        let (a1, a2) = (answers(&mut app, first), answers(&mut app, second));
        for answer in a2.into_iter().chain(a1) {
            let _ = app.app.update(Action::Loaded(answer));
        }
        let want = app.list.rows[2].id.clone();
        assert_eq!(app.reading.opened.as_ref().unwrap().id, want);
        assert!(title(&app).starts_with("A New Ship"), "{}", title(&app));
        assert!(app.waits.article.is_none());
    }

    #[test]
    fn an_article_read_lately_opens_from_the_cache() {
        let mut app = app();
        app.update(Action::Down);
        let effects = app.app.update(Action::Up);
        assert!(effects.is_empty(), "{effects:?}");
        assert!(title(&app).starts_with("Iran"));
        assert!(app.reading.opened.as_ref().unwrap().entities.is_some());
    }

    #[test]
    fn focus_cycles_and_reading_scrolls() {
        let mut app = app();
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reading);
        app.update(Action::Down);
        assert_eq!(app.reading.scroll, 1);
        app.update(Action::FocusNext);
        assert_eq!(app.focus, Focus::Sidebar);
        app.update(Action::FocusPrev);
        assert_eq!(app.focus, Focus::Reading);
    }

    #[test]
    fn mentions_step_with_a_counter_and_wrap_around() {
        let mut app = app();
        app.update(Action::FocusPrev);
        assert_eq!(app.focus, Focus::Sidebar);
        let e = app.selected_entity().unwrap().clone();
        assert_eq!(e.name, "Masoud Pezeshkian");
        let n = e.mentions.len();
        let counter = |k| format!("Masoud Pezeshkian: mention {k}/{n}");
        assert_eq!(
            app.status,
            counter(1),
            "entering the sidebar shows the first"
        );
        for _ in 0..n - 1 {
            app.update(Action::NextMention);
        }
        assert_eq!(app.status, counter(n));
        app.update(Action::NextMention);
        assert_eq!(app.status, counter(1));
        app.update(Action::PrevMention);
        assert_eq!(app.status, counter(n));
    }

    #[test]
    fn search_highlights_as_you_type_and_steps_with_wrap_around() {
        let mut app = app();
        app.update(Action::StartSearch);
        assert_eq!(app.mode, Mode::Search(Scope::Article));
        for c in "iraq".chars() {
            app.update(Action::Insert(c));
        }
        let n = app.reading.matches.len();
        assert!(n >= 10, "{n}");
        assert_eq!(app.status, format!("[1/{n}] iraq"));
        app.update(Action::SubmitSearch);
        assert_eq!(app.mode, Mode::Normal);
        app.update(Action::PrevMatch);
        assert_eq!(app.status, format!("[{n}/{n}] iraq"));
        app.update(Action::NextMatch);
        assert_eq!(app.status, format!("[1/{n}] iraq"));
        app.update(Action::CancelSearch);
        assert!(app.reading.matches.is_empty() && app.status.is_empty());
    }

    #[test]
    fn capital_in_query_means_exact_case() {
        let mut app = app();
        app.update(Action::StartSearch);
        for c in "U.S.".chars() {
            app.update(Action::Insert(c));
        }
        let exact = app.reading.matches.len();
        app.update(Action::DeleteChar);
        assert_eq!(app.search.query, "U.S");
        assert!(exact > 0);
    }

    #[test]
    fn enter_on_an_entity_lists_other_articles_and_back_returns() {
        let mut app = app();
        // The Mombasa article, whose sidebar has Ingrid Halvorsen.
        let start = app
            .list
            .rows
            .iter()
            .position(|r| r.title.contains("Mombasa"))
            .unwrap();
        for _ in 0..start {
            app.update(Action::Down);
        }
        let first_id = app.list.rows[app.list.selected].id.clone();
        app.update(Action::FocusPrev);
        app.select_entity("Ingrid Halvorsen");
        let at = app.sidebar.entity;
        app.update(Action::Open);
        assert!(
            matches!(&app.list.source, super::super::list::ListSource::Mentioning { name, .. }
                if name == "Ingrid Halvorsen")
        );
        assert!(app.list.total >= 3, "{}", app.list.total);
        assert_ne!(app.list.rows[app.list.selected].id, first_id);
        assert_eq!(
            app.selected_entity().unwrap().name,
            "Ingrid Halvorsen",
            "still selected"
        );
        assert_eq!(app.reading.mention, Some(0), "its first mention shown");
        assert!(
            app.status.ends_with("Backspace goes back"),
            "{}",
            app.status
        );
        app.update(Action::Back);
        assert_eq!(app.list.source, super::super::list::ListSource::All);
        assert_eq!(app.list.rows[app.list.selected].id, first_id);
        assert_eq!(app.sidebar.entity, at, "where the reader was");
    }

    #[test]
    fn read_and_star_persist_through_writes() {
        let mut app = app_marking_nothing();
        app.update(Action::ToggleStar);
        app.update(Action::ToggleRead);
        assert!(
            app.list.rows[0].is_starred && app.list.rows[0].is_read,
            "shown at once"
        );
        let row = app
            .store
            .page(&ListFilter::default(), 0, 1)
            .unwrap()
            .remove(0);
        assert!(row.is_starred && row.is_read);
    }

    #[test]
    fn resize_rewraps_the_article_keeping_the_top_line() {
        let mut app = app();
        app.update(Action::Open);
        for _ in 0..12 {
            app.update(Action::Down);
        }
        let top = app.reading.top_offset().unwrap();
        let before = app.reading.opened.as_ref().unwrap().lines.lines.len();
        app.update(Action::Resize(60, 20));
        let o = app.reading.opened.as_ref().unwrap();
        assert!(o.lines.lines.len() > before);
        assert_eq!(o.lines.width, app.layout.text_width);
        let now = app.reading.top_offset().unwrap();
        assert!(
            now <= top && o.lines.line_of(top) == Some(app.reading.scroll),
            "{now} {top}"
        );
    }
}
