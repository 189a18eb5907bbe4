//! The help overlay, generated from the live keymap: the reader's keys, the search line's and
//! help's own, as bound now (config file included).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::keymap::Keymap;

/// The help's lines: `(keys, what)`, with a heading (no keys) before each mode's part.
pub fn help_lines(keymap: &Keymap) -> Vec<(String, String)> {
    let part = |heading: &str, lines: Vec<(String, &str)>, other: Option<(&str, &str)>| {
        let mut out = vec![(String::new(), heading.to_string())];
        out.extend(lines.into_iter().map(|(k, w)| (k, w.to_string())));
        out.extend(other.map(|(k, w)| (k.to_string(), w.to_string())));
        out
    };
    let mut lines = part("Reading", keymap.normal.help(), None);
    lines.extend(part(
        "In the search line",
        keymap.search.help(),
        Some(("other keys", "are typed into the line")),
    ));
    lines.extend(part(
        "In this help",
        keymap.help.help(),
        Some(("any other key", "closes the help")),
    ));
    lines
}

/// How many help lines show in the help's box on a screen area.
pub fn rows_shown(area: Rect, total: usize) -> usize {
    (total + 2).min(usize::from(area.height)).saturating_sub(2)
}

/// Draws the help box over `area`, scrolled as far as `app.help_scroll` (kept in range).
pub fn render_help(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let all = help_lines(&app.config.keymap);
    let shown = rows_shown(area, all.len());
    let scroll = app.help_scroll.min(all.len() - shown);
    let lines: Vec<Line<'_>> = all
        .iter()
        .skip(scroll)
        .take(shown)
        .map(|(keys, what)| match keys.is_empty() {
            true => Line::from(Span::styled(what.clone(), theme.heading)),
            false => Line::from(vec![
                Span::styled(format!("{keys:>18}  "), theme.heading),
                Span::raw(what.clone()),
            ]),
        })
        .collect();
    let title = if shown < all.len() {
        let help = &app.config.keymap.help;
        let key = |a| help.key_for(&a).unwrap_or_default();
        let (down, up) = (key(Action::Down), key(Action::Up));
        let (from, to) = (scroll + 1, scroll + shown);
        format!(
            " Keys {from}-{to} of {}: {down}/{up} scroll, any other key closes ",
            all.len()
        )
    } else {
        " Keys: any other key closes ".to_string()
    };
    let width = 76.min(area.width);
    let height = u16::try_from(shown + 2)
        .unwrap_or(area.height)
        .min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::default().borders(Borders::ALL).title(title);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}
