//! The reader's state and its one `update`: actions in, state changed, an effect out. No I/O
//! but the store's reads, no drawing.

use crate::article::Article;
use crate::extract::{ArticleEntities, Entity, article_entities};
use crate::store::{ArticleRow, ListFilter, StateChange, Store};

use super::action::Action;
use super::history::{ListSource, Place};
use super::layout::Layout;
use super::wrap::{Wrapped, wrap_article};

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
    /// The help overlay, scrolled this far.
    Help,
}

/// What a search line searches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Article,
    Store,
}

/// What the event loop must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    Quit,
    /// Ask the background worker to refresh the feeds.
    Refresh,
    /// Open this http(s) URL in `$BROWSER`.
    OpenUrl(String),
}

/// The open article and what is derived from it for drawing.
#[derive(Debug)]
pub struct Opened {
    pub article: Article,
    pub entities: ArticleEntities,
    /// The article wrapped to the reading pane's width.
    pub lines: Wrapped,
    /// The text in folded case for searching, made on the first search.
    pub folded: String,
}

/// Everything the reader knows.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub rows: Vec<ArticleRow>,
    pub total: usize,
    pub selected: usize,
    pub opened: Option<Opened>,
    pub focus: Focus,
    /// First visible line of the reading pane.
    pub scroll: usize,
    /// Index into the opened article's entities.
    pub entity: usize,
    /// Which mention of the selected entity was jumped to last.
    pub mention: Option<usize>,
    pub colour_entities: bool,
    /// `NO_COLOR` was set: draw with bold, underline and reverse video only.
    pub no_color: bool,
    pub mode: Mode,
    /// First line of the help overlay shown (it scrolls when the terminal is short).
    pub help_scroll: usize,
    /// Keys, theme and watched keywords.
    pub config: super::config::Config,
    /// The query is a regular expression.
    pub regex: bool,
    pub query: String,
    /// Earlier queries, oldest first, and where Up/Down has got to in them.
    pub past_queries: Vec<String>,
    pub history_at: Option<usize>,
    /// Snippets of the hits of a store search, by article id, with their marked ranges.
    pub snippets: std::collections::HashMap<String, (String, Vec<(usize, usize)>)>,
    /// Ids of the listed articles in which a watched keyword occurs.
    pub keyword_rows: std::collections::HashSet<String>,
    /// Byte ranges of watched keywords in the open article.
    pub keyword_matches: Vec<(usize, usize)>,
    /// Byte ranges of the query's matches in the opened article's text.
    pub matches: Vec<(usize, usize)>,
    pub current_match: Option<usize>,
    /// What the list shows: everything, or the articles that mention an entity.
    pub source: ListSource,
    /// Where entity jumps came from, for Back.
    pub history: Vec<Place>,
    pub status: String,
    /// Where the panes are at the terminal's size and the focus.
    pub layout: Layout,
}

impl App {
    /// Opens the reader on a store, with the newest article selected and opened.
    pub fn new(store: Store, size: (u16, u16)) -> anyhow::Result<App> {
        App::with_config(store, size, super::config::Config::default())
    }

    /// [`App::new`] with settings from the config file.
    pub fn with_config(
        store: Store,
        size: (u16, u16),
        config: super::config::Config,
    ) -> anyhow::Result<App> {
        let total = store.count()?;
        let rows = store.page(&ListFilter::default(), 0, PAGE)?;
        let mut app = App {
            store,
            rows,
            total,
            selected: 0,
            opened: None,
            focus: Focus::List,
            scroll: 0,
            entity: 0,
            mention: None,
            colour_entities: true,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            mode: Mode::Normal,
            help_scroll: 0,
            config,
            regex: false,
            query: String::new(),
            past_queries: Vec::new(),
            history_at: None,
            snippets: Default::default(),
            keyword_rows: Default::default(),
            keyword_matches: Vec::new(),
            matches: Vec::new(),
            current_match: None,
            source: ListSource::All,
            history: Vec::new(),
            status: String::new(),
            layout: Layout::new(size, Focus::List),
        };
        app.mark_keyword_rows();
        app.load_query_history();
        app.open_selected();
        Ok(app)
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) -> Effect {
        if self.mode == Mode::Help && self.update_help(&action) {
            return Effect::None;
        }
        match action {
            Action::Quit => return Effect::Quit,
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
            Action::ToggleEntityColours => self.colour_entities = !self.colour_entities,
            Action::ToggleRead => self.toggle(|r| StateChange::Read(!r.is_read)),
            Action::ToggleStar => self.toggle(|r| StateChange::Starred(!r.is_starred)),
            Action::Help => {
                self.mode = Mode::Help;
                self.help_scroll = 0;
            }
            Action::CloseHelp => self.mode = Mode::Normal,
            Action::StartSearch => self.start_search(Scope::Article),
            Action::StartStoreSearch => self.start_search(Scope::Store),
            Action::SearchWord => self.search_word(),
            Action::Insert(c) => {
                self.query.push(c);
                self.find_as_you_type();
            }
            Action::DeleteChar => {
                self.query.pop();
                self.find_as_you_type();
            }
            Action::HistoryPrev => self.recall(-1),
            Action::HistoryNext => self.recall(1),
            Action::ToggleRegex => {
                self.regex = !self.regex;
                self.find_as_you_type();
            }
            Action::SubmitSearch => self.submit_search(),
            Action::CancelSearch => self.clear_search(),
            Action::Back => self.back(),
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, down) => self.wheel(x, y, down),
            Action::NextMatch => self.step_match(1),
            Action::PrevMatch => self.step_match(-1),
            Action::NextAnyMention => self.jump_any_mention(true),
            Action::PrevAnyMention => self.jump_any_mention(false),
            Action::OpenLink => return self.open_link(),
            Action::Refresh => {
                self.status = "refreshing feeds…".into();
                return Effect::Refresh;
            }
            Action::Background(done) => self.background(done),
        }
        Effect::None
    }

    /// While help is up, its keys scroll it and anything else a key asks closes it; what is
    /// not a key (a resize, a background result) is taken in as usual. True when done.
    fn update_help(&mut self, action: &Action) -> bool {
        let total = super::help::help_lines(&self.config.keymap).len();
        let page = super::help::rows_shown(self.layout.help_area(), total).max(1);
        match action {
            Action::Down | Action::Wheel(_, _, true) => self.help_scroll += 1,
            Action::PageDown => self.help_scroll += page,
            Action::Up | Action::Wheel(_, _, false) => {
                self.help_scroll = self.help_scroll.saturating_sub(1);
            }
            Action::PageUp => self.help_scroll = self.help_scroll.saturating_sub(page),
            Action::Quit | Action::Resize(..) | Action::Background(_) => return false,
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
            self.mention = None;
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
        if let Some(o) = &mut self.opened {
            let width = self.layout.text_width;
            if width != o.lines.width {
                o.lines = wrap_article(&o.article, &o.entities.text, o.entities.body_offset, width);
            }
        }
    }

    /// Rows a page-wise move goes.
    fn page_len(&self) -> isize {
        isize::try_from(self.layout.text_height.saturating_sub(1).max(1)).unwrap_or(1)
    }

    fn step(&mut self, by: isize) {
        match self.focus {
            Focus::List => {
                let last = self.total.saturating_sub(1);
                let to = self.selected.saturating_add_signed(by).min(last);
                if to != self.selected {
                    self.selected = to;
                    self.ensure_rows(to);
                    self.open_selected();
                }
            }
            Focus::Reading => {
                let lines = self.opened.as_ref().map_or(0, |o| o.lines.lines.len());
                self.scroll = self
                    .scroll
                    .saturating_add_signed(by)
                    .min(lines.saturating_sub(1));
            }
            Focus::Sidebar => {
                let n = self
                    .opened
                    .as_ref()
                    .map_or(0, |o| o.entities.entities.len());
                self.entity = self
                    .entity
                    .saturating_add_signed(by)
                    .min(n.saturating_sub(1));
                self.mention = None;
                self.jump_mention(1);
            }
        }
    }

    /// Reads more list rows from the store when the selection passes the ones in memory.
    fn ensure_rows(&mut self, index: usize) {
        if self.source != ListSource::All
            || index < self.rows.len()
            || self.rows.len() >= self.total
        {
            return;
        }
        // One query for everything up to the row asked for: `G` on 94,000 articles reads them
        // in one pass instead of hundreds of pages each skipping further.
        let from = self.rows.len();
        let want = (index + 1 - from).div_ceil(PAGE) * PAGE;
        match self.store.page(&ListFilter::default(), from, want) {
            Ok(more) => {
                self.rows.extend(more);
                self.mark_keyword_rows_from(from);
            }
            Err(e) => self.status = format!("cannot read the list: {e}"),
        }
    }

    fn open(&mut self) {
        match self.focus {
            Focus::List => self.focus_on(Focus::Reading),
            Focus::Sidebar => self.follow_entity(),
            Focus::Reading => {}
        }
    }

    /// Loads the selected article, its entities and its wrapped lines.
    pub(super) fn open_selected(&mut self) {
        let Some(row) = self.rows.get(self.selected) else {
            self.opened = None;
            return;
        };
        match self.store.get(&row.id) {
            Ok(article) => {
                let article = super::text::clean_article(article);
                let entities = article_entities(&article);
                let width = self.layout.text_width;
                let lines = wrap_article(&article, &entities.text, entities.body_offset, width);
                self.opened = Some(Opened {
                    article,
                    entities,
                    lines,
                    folded: String::new(),
                });
                self.scroll = 0;
                self.entity = 0;
                self.mention = None;
                self.find_keywords();
                // The search follows from article to article, as in a pager.
                self.find();
            }
            Err(e) => self.status = format!("cannot open {}: {e}", row.id),
        }
    }

    /// The entity selected in the sidebar.
    pub fn selected_entity(&self) -> Option<&Entity> {
        self.opened.as_ref()?.entities.entities.get(self.entity)
    }

    /// Scrolls to the next (or previous) mention of the selected entity, wrapping around.
    pub(super) fn jump_mention(&mut self, dir: isize) {
        let Some(o) = &self.opened else { return };
        let Some(e) = o.entities.entities.get(self.entity) else {
            return;
        };
        let n = e.mentions.len();
        if n == 0 {
            self.status = format!("{}: named in the byline or dateline", e.name);
            return;
        }
        let next = match self.mention {
            None => 0,
            Some(m) => (m as isize + dir).rem_euclid(n as isize) as usize,
        };
        let line = o.lines.line_of(e.mentions[next].0).unwrap_or(0);
        self.status = format!("{}: mention {}/{n}", e.name, next + 1);
        self.mention = Some(next);
        self.show_line(line);
    }

    /// Scrolls the reading pane so `line` stands in view, with a few lines of context above
    /// it when the view has to move.
    pub(super) fn show_line(&mut self, line: usize) {
        const CONTEXT: usize = 3;
        let height = usize::from(self.layout.text_height);
        let context = CONTEXT.min(height.saturating_sub(1) / 2);
        if line < self.scroll + context || line >= self.scroll + height {
            self.scroll = line.saturating_sub(context);
        }
    }

    fn toggle(&mut self, change: impl Fn(&ArticleRow) -> StateChange) {
        let Some(row) = self.rows.get_mut(self.selected) else {
            return;
        };
        let c = change(row);
        match self.store.change_state(&row.id, &c) {
            Ok(()) => match c {
                StateChange::Read(v) => row.is_read = v,
                StateChange::Starred(v) => row.is_starred = v,
                _ => {}
            },
            Err(e) => self.status = format!("cannot save: {e}"),
        }
    }
}

#[cfg(test)]
impl App {
    /// The reader on the bundled library in memory, at a terminal size, colours on: for tests.
    pub(crate) fn sample(w: u16, h: u16) -> App {
        let mut store = Store::open_in_memory().expect("an in-memory store opens");
        let mut library = crate::library::articles();
        library.reverse();
        store.insert_batch(&library).expect("the library inserts");
        let mut app = App::new(store, (w, h)).expect("the reader opens");
        app.no_color = false; // whatever NO_COLOR the test runner has
        app
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

    fn app() -> App {
        App::sample(120, 40)
    }

    #[test]
    fn opens_on_the_newest_article() {
        let app = app();
        assert_eq!(app.selected, 0);
        assert!(
            app.opened
                .as_ref()
                .unwrap()
                .article
                .title
                .starts_with("Iran")
        );
    }

    #[test]
    fn moving_in_the_list_opens_the_next_article() {
        let mut app = app();
        app.update(Action::Down);
        assert_eq!(app.selected, 1);
        assert_eq!(app.opened.as_ref().unwrap().article.id, app.rows[1].id);
        app.update(Action::Bottom);
        assert_eq!(app.selected, app.total - 1);
        app.update(Action::Top);
        assert_eq!(app.selected, 0);
    }

    #[test]
    fn focus_cycles_and_reading_scrolls() {
        let mut app = app();
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reading);
        app.update(Action::Down);
        assert_eq!(app.scroll, 1);
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
        assert_eq!(
            app.status,
            format!("Masoud Pezeshkian: mention 1/{n}"),
            "entering the sidebar shows the first"
        );
        for _ in 0..n - 1 {
            app.update(Action::NextMention);
        }
        assert_eq!(app.status, format!("Masoud Pezeshkian: mention {n}/{n}"));
        app.update(Action::NextMention);
        assert_eq!(app.status, format!("Masoud Pezeshkian: mention 1/{n}"));
        app.update(Action::PrevMention);
        assert_eq!(app.status, format!("Masoud Pezeshkian: mention {n}/{n}"));
    }

    #[test]
    fn search_highlights_as_you_type_and_steps_with_wrap_around() {
        let mut app = app();
        app.update(Action::StartSearch);
        assert_eq!(app.mode, Mode::Search(Scope::Article));
        for c in "iraq".chars() {
            app.update(Action::Insert(c));
        }
        let n = app.matches.len();
        assert!(n >= 10, "{n}");
        assert_eq!(app.status, format!("[1/{n}] iraq"));
        app.update(Action::SubmitSearch);
        assert_eq!(app.mode, Mode::Normal);
        app.update(Action::PrevMatch);
        assert_eq!(app.status, format!("[{n}/{n}] iraq"));
        app.update(Action::NextMatch);
        assert_eq!(app.status, format!("[1/{n}] iraq"));
        app.update(Action::CancelSearch);
        assert!(app.matches.is_empty() && app.status.is_empty());
    }

    #[test]
    fn capital_in_query_means_exact_case() {
        let mut app = app();
        app.update(Action::StartSearch);
        for c in "U.S.".chars() {
            app.update(Action::Insert(c));
        }
        let exact = app.matches.len();
        app.update(Action::DeleteChar);
        assert_eq!(app.query, "U.S");
        assert!(exact > 0);
    }

    #[test]
    fn enter_on_an_entity_lists_other_articles_and_back_returns() {
        let mut app = app();
        // The Mombasa article, whose sidebar has Ingrid Halvorsen.
        let start = app
            .rows
            .iter()
            .position(|r| r.title.contains("Mombasa"))
            .unwrap();
        for _ in 0..start {
            app.update(Action::Down);
        }
        let first_id = app.rows[app.selected].id.clone();
        app.update(Action::FocusPrev);
        let at = app
            .opened
            .as_ref()
            .unwrap()
            .entities
            .entities
            .iter()
            .position(|e| e.name == "Ingrid Halvorsen")
            .unwrap();
        while app.entity < at {
            app.update(Action::Down);
        }
        app.update(Action::Open);
        assert!(
            matches!(&app.source, ListSource::Mentioning { name, .. } if name == "Ingrid Halvorsen")
        );
        assert!(app.total >= 3, "{}", app.total);
        assert_ne!(app.rows[app.selected].id, first_id);
        assert_eq!(
            app.selected_entity().unwrap().name,
            "Ingrid Halvorsen",
            "the entity stays selected"
        );
        app.update(Action::Back);
        assert_eq!(app.source, ListSource::All);
        assert_eq!(app.rows[app.selected].id, first_id);
    }

    #[test]
    fn read_and_star_persist() {
        let mut app = app();
        app.update(Action::ToggleStar);
        app.update(Action::ToggleRead);
        let row = app
            .store
            .page(&ListFilter::default(), 0, 1)
            .unwrap()
            .remove(0);
        assert!(row.is_starred && row.is_read);
    }

    #[test]
    fn resize_rewraps_the_article() {
        let mut app = app();
        let before = app.opened.as_ref().unwrap().lines.lines.len();
        app.update(Action::Resize(60, 20));
        assert!(app.opened.as_ref().unwrap().lines.lines.len() > before);
    }
}
