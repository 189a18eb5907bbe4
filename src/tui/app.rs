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

/// What the keyboard is doing: moving about, typing a search, or reading help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Search(Scope),
    Help,
}

/// What a search line searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Article,
    Store,
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
    /// Open this http(s) URL in `$BROWSER`.
    OpenUrl(String),
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
    /// Where entity jumps and store searches came from, for Back.
    pub history: Vec<super::history::Place>,
    pub waits: Waits,
    /// How many refreshes brought new articles: a list of every article that has taken in
    /// fewer is brought up to date (see [`ListState::refreshes`]).
    pub refreshes: usize,
    /// The last background sync's outcome, shown beside the refresh that follows it.
    pub sync_note: Option<String>,
    pub status: String,
    /// The open article (by its tag) whose status message its text and entities arriving
    /// must not replace (what a store search or an entity jump said).
    pub pinned: Option<Tag>,
    /// `NO_COLOR` was set: draw with bold, underline and reverse video only.
    pub no_color: bool,
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
            history: Vec::new(),
            waits: Waits::default(),
            refreshes: 0,
            sync_note: None,
            status: String::new(),
            pinned: None,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            last_tag: 0,
            effects: Vec::new(),
        }
    }

    /// What the first frame leaves to the loader: the newest article, the list's keyword marks.
    pub fn start(&mut self) -> Vec<Effect> {
        self.open_selected();
        if !self.config.watched.is_empty() {
            let rows = self.list.rows.clone();
            self.effects.push(Effect::Load(Request::Marks { rows }));
        }
        std::mem::take(&mut self.effects)
    }

    /// Applies one action; returns what the event loop must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        if self.mode != Mode::Help || !self.update_help(&action) {
            self.apply(action);
        }
        std::mem::take(&mut self.effects)
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => self.effects.push(Effect::Quit),
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
            Action::Refresh => self.refresh(),
            Action::Loaded(answer) => self.take_in(answer),
            Action::Worker(event) => self.background(event),
            Action::Notice(text) => self.status = text,
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

    /// Takes in what the loader found, by kind; each part drops an answer it is not waiting for.
    fn take_in(&mut self, answer: super::load::Answer) {
        use super::load::Answer;
        match answer {
            Answer::Text { tag, text, lines } => self.text_read(tag, text, lines),
            Answer::Entities {
                tag,
                entities,
                cut_at,
            } => self.entities_found(tag, entities, cut_at),
            Answer::Wrapped { tag, lines } => self.rewrapped(tag, lines),
            Answer::Rows {
                tag,
                from,
                rows,
                total,
            } => self.rows_read(tag, from, rows, total),
            Answer::Hits {
                tag,
                query,
                hits,
                pending,
            } => self.hits_found(tag, &query, hits, pending),
            Answer::Mentioning {
                tag,
                name,
                kind,
                rows,
            } => self.mentioning_found(tag, name, kind, rows),
            Answer::Marked { ids } => self.marked.extend(ids),
            Answer::Failed { tag, error } => self.failed(tag, error),
        }
    }

    /// A request failed: its wait ends and the status line says why (a stale one is dropped).
    fn failed(&mut self, tag: Option<Tag>, error: String) {
        let w = &mut self.waits;
        let slots = [
            &mut w.article,
            &mut w.wrap,
            &mut w.rows,
            &mut w.search,
            &mut w.follow,
        ];
        let mut waited = tag.is_none();
        for slot in slots {
            if tag.is_some() && *slot == tag {
                *slot = None;
                waited = true;
            }
        }
        if tag.is_some() && w.merge.map(|m| m.0) == tag {
            w.merge = None;
            waited = true;
        }
        if waited {
            self.status = error;
        }
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

    #[test]
    fn the_header_shows_at_once_and_the_text_when_the_loader_has_it() {
        let mut app = app();
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
        let mut app = app();
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
        let o = app.reading.opened.as_ref().unwrap();
        let at = o
            .entities()
            .iter()
            .position(|e| e.name == "Ingrid Halvorsen")
            .unwrap();
        while app.sidebar.entity < at {
            app.update(Action::Down);
        }
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
        let mut app = app();
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
