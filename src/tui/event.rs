//! What reaches the event loop, all on one channel: terminal input (its own thread), signals
//! (another), and what the loader and the background worker post.

use std::sync::mpsc::Sender;

use crossterm::event::{self, Event as TermEvent, MouseButton, MouseEventKind};

use super::action::Action;
use super::app::App;
use super::load::Answer;
use super::worker::WorkerEvent;

/// One thing that happened.
pub enum Event {
    Term(TermEvent),
    InputFailed(String),
    Loaded(Answer),
    Worker(WorkerEvent),
    /// Something to say (what opening a link did).
    Notice(String),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: quit cleanly, restoring the terminal.
    Terminate,
    /// A timer the reader asked for ran out.
    Due(super::load::Tag),
}

/// Reads the terminal on a thread of its own.
pub fn spawn_input(tx: Sender<Event>) {
    let read = move || {
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
    };
    let _ = std::thread::Builder::new()
        .name("byline-input".into())
        .spawn(read);
}

/// Turns the signals that end a terminal program into a clean quit. SIGINT and SIGQUIT come
/// from outside only (raw mode makes Ctrl-C and Ctrl-\ keys), and left the terminal in raw
/// mode with the alternate screen and mouse reporting on (issue 11).
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let wait = move || {
        if signals.forever().next().is_some() {
            let _ = tx.send(Event::Terminate);
        }
    };
    std::thread::Builder::new()
        .name("byline-signals".into())
        .spawn(wait)
        .map(drop)
}

/// The action a terminal event asks for in the reader's current mode.
pub fn action_for(app: &App, ev: TermEvent) -> Option<Action> {
    match ev {
        TermEvent::Key(key) => app.config.keymap.action_for(&app.mode, key),
        TermEvent::Resize(w, h) => Some(Action::Resize(w, h)),
        TermEvent::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::Wheel(m.column, m.row, true)),
            MouseEventKind::ScrollUp => Some(Action::Wheel(m.column, m.row, false)),
            _ => None,
        },
        _ => None,
    }
}
