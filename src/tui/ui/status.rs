//! The status line: the list position and what the reader last said, or the open search line;
//! the help and quit keys as bound.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Scope};
use crate::tui::text::line;

pub(super) fn render_status(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let list = &app.list;
    let position = if list.total == 0 {
        "0/0".to_string()
    } else {
        format!("{}/{}", list.selected + 1, list.total)
    };
    let text = if let Mode::Search(scope) = app.mode {
        let prompt = match (scope, app.search.regex) {
            (Scope::Store, _) => "search the store: ".to_string(),
            (Scope::Entity, _) => {
                format!("edit {}: ", app.editing.as_deref().unwrap_or_default())
            }
            (Scope::Article, true) => "regex /".to_string(),
            (Scope::Article, false) => "/".to_string(),
        };
        format!(" {prompt}{}▏ {}", app.search.query, app.status)
    } else {
        let keymap = &app.config.keymap.normal;
        let key = |a: &Action, what: &str| keymap.key_for(a).map(|k| format!("  {k} {what}"));
        let help = key(&Action::Help, "help").unwrap_or_default();
        let quit = key(&Action::Quit, "quit").unwrap_or_default();
        let indexing = match app.indexing {
            Some((done, total)) => format!("indexing {done}/{total}  "),
            None => String::new(),
        };
        format!(" {position}  {indexing}{}{help}{quit}", app.status)
    };
    let text = line(&text).into_owned();
    frame.render_widget(Paragraph::new(text).style(app.config.theme.status), area);
}
