//! The interactive reader: one event loop, state in [`app::App`], drawing in [`ui::render`];
//! threads for terminal input, signals, the loader (store reads, extraction, wrapping) and
//! the background worker (writes, refreshes, indexing), so the screen never waits.

pub mod action;
mod answers;
pub mod app;
mod browser;
mod clipboard;
pub mod config;
mod daily;
mod entity_edit;
mod entity_view;
mod event;
mod feeds;
mod find;
mod fulltext;
mod history;
mod jumps;
pub mod keymap;
mod keys;
mod lanes;
mod layout;
mod links;
mod list;
mod load;
mod load_entities;
mod load_lists;
mod loader;
mod mouse;
mod pagefetch;
mod priority;
mod reading;
mod refreshing;
mod search;
mod sidebar;
mod store_search;
#[cfg(test)]
mod testing;
mod text;
mod theme;
pub mod ui;
mod watch;
mod watching;
mod window;
mod worker;
mod wrap;
mod writer;

/// The reading pane's work on an article's text (cleaning, case folding, wrapping, finding
/// matches and watched keywords), for `benches/text.rs`; not an API.
#[doc(hidden)]
pub mod bench {
    pub use super::find::find_in;
    pub use super::load::{Text, make_text, wrap};
    pub use super::watch::Watched;
}

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

use anyhow::{Context, Result};

use crate::store::Store;
use action::Action;
use app::{App, Effect};
use config::Config;
use event::Event;
use load::{Request, Startup};
use loader::Loader;
use worker::{Job, Worker};

/// How long quitting waits for the loader, then the background worker, to close their
/// connections (the last to close lets SQLite checkpoint the log into the store's file).
const LOADER_PATIENCE: Duration = Duration::from_millis(50);
const WORKER_PATIENCE: Duration = Duration::from_millis(100);

/// Runs the reader on a store until the user quits. Restores the terminal on every way out,
/// before waiting for anything.
pub fn run(store: Store) -> Result<()> {
    let (mut config, problems) = config::path().map_or_else(Default::default, |p| Config::load(&p));
    if store.is_read_only() {
        // Nothing can be saved: opening an article must not say so each time.
        config.mark_read = daily::MarkRead::Never;
    }
    let startup = load::startup(&store, app::PAGE).context("cannot read the store")?;
    // Installed before ratatui's hook, so it runs after that hook has restored the screen. A
    // panic on another thread ends the program rather than leave it drawing on a shell.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        previous(info);
        if std::thread::current().name() != Some("main") {
            std::process::exit(1);
        }
    }));
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    let (tx, rx) = channel();
    let mut links = Links::start(store, &config, &tx);
    let result = links
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{e:#}"))
        .and_then(|links| session(&mut terminal, config, &problems, startup, &rx, links));
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    ratatui::restore();
    if let Ok(links) = &mut links {
        links.loader.stop(LOADER_PATIENCE);
        if let Some(worker) = &mut links.worker {
            worker.stop(WORKER_PATIENCE);
        }
    }
    result
}

/// The threads the event loop hands effects to.
struct Links {
    loader: Loader,
    worker: Option<Worker>,
    pages: Option<pagefetch::PageFetcher>,
    /// `links.opener` from the config.
    opener: Option<String>,
    notices: Sender<Event>,
    timers: Sender<(Duration, load::Tag)>,
}

impl Links {
    fn start(store: Store, config: &Config, tx: &Sender<Event>) -> Result<Links> {
        event::spawn_input(tx.clone());
        event::spawn_signals(tx.clone()).context("cannot watch for signals")?;
        let path = store.path().to_path_buf();
        let shared = worker::is_shared(&path);
        // A store in memory (byline open) has nothing for a second connection to see; one
        // that cannot be written has no writes for a worker to make.
        let worker = (shared && !store.is_read_only()).then(|| {
            let events = tx.clone();
            let post: writer::Post = Arc::new(move |e| drop(events.send(Event::Worker(e))));
            Worker::spawn(path.clone(), config.refresh_every, post)
        });
        if let Some(w) = &worker {
            w.send(Job::CatchUp);
        }
        let pages = worker.is_some().then(|| {
            let events = tx.clone();
            let post: writer::Post = Arc::new(move |e| drop(events.send(Event::Worker(e))));
            pagefetch::PageFetcher::new(path.clone(), post)
        });
        let answers = tx.clone();
        let post: loader::Post = Arc::new(move |a| drop(answers.send(Event::Loaded(a))));
        // The loader reads through a connection of its own that cannot write.
        let reader = match shared {
            true => Store::open_read_only(&path).unwrap_or(store),
            false => store,
        };
        let loader = Loader::spawn(reader, config.watched.clone(), post);
        Ok(Links {
            loader,
            worker,
            pages,
            opener: config.links.opener.clone(),
            notices: tx.clone(),
            timers: event::spawn_timer(tx.clone()),
        })
    }

    /// Hands an effect on; false to quit.
    fn run(&self, effect: Effect) -> bool {
        let notice = |text: String| drop(self.notices.send(Event::Notice(text)));
        match effect {
            Effect::Quit => return false,
            Effect::Load(request) => self.loader.send(request),
            Effect::Write(write) => match &self.worker {
                Some(worker) => drop(worker.write(write)),
                None => self.loader.send(Request::Write(write)),
            },
            Effect::Refresh => match &self.worker {
                Some(worker) if worker.send(Job::Refresh) => {}
                _ => notice("feeds refresh in a store, not with byline open".into()),
            },
            Effect::OpenUrl(url) => notice(browser::open_in_browser(&url, self.opener.as_deref())),
            Effect::FetchPage(job) => match &self.pages {
                Some(pages) => pages.fetch(job),
                None => {
                    let result = Err("pages are fetched into a store byline can write".into());
                    let done = worker::WorkerEvent::PageFetched { id: job.id, result };
                    drop(self.notices.send(Event::Worker(done)));
                }
            },
            Effect::Copy(text) => notice(clipboard::copy(&text)),
            Effect::Timer { after, tag } => drop(self.timers.send((after, tag))),
        }
        true
    }
}

fn session(
    terminal: &mut ratatui::DefaultTerminal,
    config: Config,
    problems: &[String],
    startup: Startup,
    rx: &Receiver<Event>,
    links: &Links,
) -> Result<()> {
    let size = terminal.size()?;
    let mut app = App::new(config, (size.width, size.height), startup);
    if let Some(first) = problems.first() {
        app.status = match problems.len() - 1 {
            0 => format!("{first} (byline config check)"),
            more => format!("{first}; {more} more: byline config check lists them"),
        };
    }
    // Lets the terminal tests check that a panic restores the terminal.
    let test_panic = std::env::var_os("BYLINE_TEST_PANIC").is_some();
    let mut effects: VecDeque<Effect> = app.start().into();
    loop {
        if effects.contains(&Effect::Quit) {
            // What comes before quitting (the reader's deletions) is still handed on.
            for effect in effects {
                if !links.run(effect) {
                    break;
                }
            }
            return Ok(());
        }
        // The frame first: the loader's work never runs ahead of what the user sees.
        terminal.draw(|f| ui::render(&app, f))?;
        while let Some(effect) = effects.pop_front() {
            if !links.run(effect) {
                return Ok(());
            }
        }
        // Blocks until something happens: no redraws, no CPU while idle.
        let action = match rx.recv()? {
            Event::Term(ev) => event::action_for(&app, ev),
            Event::InputFailed(e) => anyhow::bail!("cannot read the keyboard: {e}"),
            Event::Loaded(answer) => Some(Action::Loaded(answer)),
            Event::Worker(done) => Some(Action::Worker(done)),
            Event::Notice(text) => Some(Action::Notice(text)),
            Event::Due(tag) => Some(Action::Due(tag)),
            // Quit cleanly, as q does (deletions made in the reader are kept).
            Event::Terminate => Some(Action::Quit),
        };
        assert!(
            !(test_panic && action == Some(Action::Down)),
            "BYLINE_TEST_PANIC: a panic on request"
        );
        effects.extend(action.map(|a| app.update(a)).unwrap_or_default());
    }
}
