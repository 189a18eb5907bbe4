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

/// Runs the reader's timers on one thread: each new timer replaces the one pending (only the
/// open article's matters), so holding `j` down starts no thread per article.
pub fn spawn_timer(tx: Sender<Event>) -> Sender<(std::time::Duration, super::load::Tag)> {
    use std::sync::mpsc::{RecvTimeoutError, channel};
    let (timers, rx) = channel::<(std::time::Duration, super::load::Tag)>();
    std::thread::spawn(move || {
        let mut pending: Option<(std::time::Instant, super::load::Tag)> = None;
        loop {
            let next = match pending {
                Some((at, _)) => {
                    rx.recv_timeout(at.saturating_duration_since(std::time::Instant::now()))
                }
                None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            };
            match next {
                Ok((after, tag)) => pending = Some((std::time::Instant::now() + after, tag)),
                Err(RecvTimeoutError::Timeout) => {
                    if let Some((_, tag)) = pending.take()
                        && tx.send(Event::Due(tag)).is_err()
                    {
                        return;
                    }
                }
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
    });
    timers
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
