//! For tests: the reader on a store in memory, its effects carried out at once and in order,
//! as the event loop and its threads would (the loader's answers, the worker's writes).

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};

use super::action::Action;
use super::app::{App, Effect, PAGE};
use super::config::Config;
use super::load::{self, Answer, Request};
use crate::store::Store;

/// The reader and the store its effects reach.
pub struct Harness {
    pub app: App,
    pub store: Store,
    /// The effects not carried out here (quit, refresh, open a link), in order.
    pub seen: Vec<Effect>,
}

impl Harness {
    /// The reader on the bundled library, at a terminal size, colours on.
    pub fn sample(w: u16, h: u16) -> Harness {
        Harness::with_config(w, h, Config::default())
    }

    /// [`Harness::sample`] with settings.
    pub fn with_config(w: u16, h: u16, config: Config) -> Harness {
        let mut store = Store::open_in_memory().expect("an in-memory store opens");
        let mut library = crate::library::articles();
        library.reverse();
        store.insert_batch(&library).expect("the library inserts");
        Harness::on(store, config, w, h)
    }

    /// [`Harness::sample`] with the library's entities indexed and resolved across the store.
    pub fn indexed(w: u16, h: u16) -> Harness {
        let mut store = Store::open_in_memory().expect("an in-memory store opens");
        let mut library = crate::library::articles();
        library.reverse();
        store.insert_batch(&library).expect("the library inserts");
        crate::commands::index_store(&mut store).expect("the library indexes");
        store.resolve_entities().expect("its entities resolve");
        Harness::on(store, Config::default(), w, h)
    }

    /// The reader on a store.
    pub fn on(store: Store, config: Config, w: u16, h: u16) -> Harness {
        let startup = load::startup(&store, PAGE).expect("the store reads");
        let mut app = App::new(config, (w, h), startup);
        app.no_color = false; // whatever NO_COLOR the test runner has
        let mut harness = Harness {
            app,
            store,
            seen: Vec::new(),
        };
        let effects = harness.app.start();
        harness.carry_out(effects);
        harness
    }

    /// Applies an action and carries out what follows from it.
    pub fn update(&mut self, action: Action) {
        let effects = self.app.update(action);
        self.carry_out(effects);
    }

    fn carry_out(&mut self, effects: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = effects.into();
        while let Some(effect) = queue.pop_front() {
            match effect {
                Effect::Load(request) => {
                    for answer in self.answers(request) {
                        queue.extend(self.app.update(Action::Loaded(answer)));
                    }
                }
                Effect::Write(w) => {
                    // As the writer does: what follows a write is posted back.
                    let after = super::writer::write(&mut self.store, &w).expect("the write");
                    if let Some(event) = after {
                        queue.extend(self.app.update(Action::Worker(event)));
                    }
                }
                other => self.seen.push(other),
            }
        }
    }

    /// What the loader would answer, the extractor's answer after a text's.
    pub fn answers(&mut self, request: Request) -> Vec<Answer> {
        let watched = self.app.config.watched.clone();
        let mut answers = load::answer(&mut self.store, &watched, request);
        if let Some(Answer::Text { tag, text, .. }) = answers.first() {
            answers.push(load::entities(*tag, text));
        }
        answers
    }
}

impl Harness {
    /// The open article as read.
    pub fn text(&self) -> &super::load::Text {
        let o = self.app.reading.opened.as_ref();
        o.and_then(|o| o.text.as_deref())
            .expect("an article is open and read")
    }
}

impl Harness {
    /// [`Harness::indexed`] on the article whose title has `title`, the sidebar on its entity
    /// called `name`.
    pub fn on_entity(w: u16, h: u16, title: &str, name: &str) -> Harness {
        let mut app = Harness::indexed(w, h);
        let at = app.list.rows.iter().position(|r| r.title.contains(title));
        for _ in 0..at.expect("an article with the title") {
            app.update(Action::Down);
        }
        app.update(Action::FocusPrev);
        app.select_entity(name);
        app
    }

    /// Moves down the sidebar (which has the keys) to the open article's entity `name`.
    pub fn select_entity(&mut self, name: &str) {
        let o = self.reading.opened.as_ref().expect("the article is open");
        let want = o.entities().iter().position(|e| e.name == name);
        let want = want.expect("the entity is in its sidebar");
        while self.sidebar.entity < want {
            self.update(Action::Down);
        }
        assert_eq!(self.selected_entity().map(|e| e.name.as_str()), Some(name));
    }
}

/// The screen `app` draws at its size: the buffer.
pub fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let area = app.layout.area;
    let backend = ratatui::backend::TestBackend::new(area.width, area.height);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal
        .draw(|f| super::ui::render(app, f))
        .expect("the frame draws");
    terminal.backend().buffer().clone()
}

/// The screen `app` draws, as text, a line per row.
pub fn screen(app: &App) -> String {
    let b = buffer(app);
    let area = b.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| b[(x, y)].symbol())
                .collect::<String>()
                + "\n"
        })
        .collect()
}

/// What a cell shows: its symbol, or inside the OSC 8 sequences of a hyperlink the text.
pub fn visible(symbol: &str) -> &str {
    match symbol.split_once("\u{1b}\\") {
        Some((_, rest)) => rest.split("\u{1b}]8;;").next().unwrap_or(rest),
        None => symbol,
    }
}

impl Deref for Harness {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Harness {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}
