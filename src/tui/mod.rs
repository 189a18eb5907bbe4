//! The interactive reader: one event loop, an input thread, state in [`app::App`], drawing in
//! [`ui::render`].

pub mod action;
pub mod app;
pub mod config;
mod find;
mod help;
mod history;
mod jumps;
pub mod keymap;
mod keys;
mod layout;
mod list;
mod mouse;
mod reading;
mod search;
mod store_search;
mod text;
mod theme;
pub mod ui;
mod watch;
mod worker;
mod wrap;

use std::sync::mpsc;

use anyhow::Result;
use crossterm::event::{self, Event as TermEvent};

use crate::store::Store;
use action::{Action, Done};
use app::{App, Effect};
use config::Config;
use worker::{Job, Worker};

/// What reaches the event loop.
enum Event {
    Term(TermEvent),
    InputFailed(String),
    /// The background worker did something.
    Worker(Done),
    /// SIGTERM or SIGHUP: quit cleanly, restoring the terminal.
    Terminate,
}

/// Runs the reader on a store until the user quits. Restores the terminal on every way out.
pub fn run(store: Store) -> Result<()> {
    // Installed before ratatui's hook, so it runs after that hook has restored the screen.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
        previous(info);
    }));
    let mut terminal = ratatui::init();
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::EnableMouseCapture);
    let result = run_loop(&mut terminal, store);
    let _ = crossterm::execute!(std::io::stdout(), crossterm::event::DisableMouseCapture);
    ratatui::restore();
    result
}

fn mouse_action(m: crossterm::event::MouseEvent) -> Option<Action> {
    use crossterm::event::{MouseButton, MouseEventKind};
    match m.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
        MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
        MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
        _ => None,
    }
}

fn run_loop(terminal: &mut ratatui::DefaultTerminal, store: Store) -> Result<()> {
    let size = terminal.size()?;
    let (config, problems) = config::path().map_or_else(Default::default, |p| Config::load(&p));
    let store_path = store.path().to_path_buf();
    let mut app = App::with_config(store, (size.width, size.height), config)?;
    if let Some(first) = problems.first() {
        app.status = match problems.len() - 1 {
            0 => format!("{first} (byline config check)"),
            more => format!("{first}; {more} more: byline config check lists them"),
        };
    }
    let (tx, rx) = mpsc::channel();
    let signals_tx = tx.clone();
    let worker_tx = tx.clone();
    std::thread::spawn(move || {
        loop {
            let ev = match event::read() {
                Ok(ev) => Event::Term(ev),
                Err(e) => Event::InputFailed(e.to_string()),
            };
            let failed = matches!(ev, Event::InputFailed(_));
            if tx.send(ev).is_err() || failed {
                return;
            }
        }
    });
    // Lets the terminal tests check that a panic restores the terminal.
    let test_panic = std::env::var_os("BYLINE_TEST_PANIC").is_some();
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
    ])?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = signals_tx.send(Event::Terminate);
        }
    });
    // A store in memory (byline open) has nothing for a second connection to see.
    let mut worker = (store_path != std::path::Path::new(":memory:")).then(|| {
        Worker::spawn(store_path, app.config.refresh_every, move |done| {
            let _ = worker_tx.send(Event::Worker(done));
        })
    });
    if let Some(worker) = &worker {
        worker.send(Job::CatchUp);
    }
    let result = event_loop(terminal, &mut app, &rx, worker.as_ref(), test_panic);
    if let Some(worker) = &mut worker {
        worker.stop();
    }
    result
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    rx: &mpsc::Receiver<Event>,
    worker: Option<&Worker>,
    test_panic: bool,
) -> Result<()> {
    loop {
        terminal.draw(|f| ui::render(app, f))?;
        // Blocks until something happens: no redraws, no CPU while idle.
        let action = match rx.recv()? {
            Event::Term(TermEvent::Key(key)) => app.config.keymap.action_for(&app.mode, key),
            Event::Term(TermEvent::Resize(w, h)) => Some(Action::Resize(w, h)),
            Event::Term(TermEvent::Mouse(m)) => mouse_action(m),
            Event::Term(_) => None,
            Event::InputFailed(e) => anyhow::bail!("cannot read the keyboard: {e}"),
            Event::Worker(done) => Some(Action::Background(done)),
            Event::Terminate => return Ok(()),
        };
        assert!(
            !(test_panic && action == Some(Action::Down)),
            "BYLINE_TEST_PANIC: a panic on request"
        );
        let Some(action) = action else { continue };
        match app.update(action) {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            Effect::Refresh => match worker {
                Some(worker) if worker.send(Job::Refresh) => {}
                _ => {
                    let said =
                        Done::Progress("feeds refresh in a store, not with byline open".into());
                    app.update(Action::Background(said));
                }
            },
            Effect::OpenUrl(url) => {
                let said = worker::open_in_browser(&url);
                app.update(Action::Background(Done::Progress(said)));
            }
        }
    }
}
