//! The feeds view in the list's pane: groups and feeds with their unread counts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::list::fit;
use super::pane_block;
use crate::tui::app::{App, Focus};
use crate::tui::list::list_first;
use crate::tui::text::line;

pub(super) fn render_feeds(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let feeds = &app.feeds;
    let block = pane_block(
        theme,
        "Feeds (Enter: its articles, Esc: back)",
        app.focus == Focus::List,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.max(1));
    let width = usize::from(inner.width);
    if feeds.entries.is_empty() {
        let text = if feeds.wait.is_some() {
            "counting…"
        } else {
            "no feeds"
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    let first = list_first(feeds.selected, height);
    let lines: Vec<Line<'_>> = feeds
        .entries
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, e)| {
            let count = if e.count > 0 {
                format!(" {}", e.count)
            } else {
                String::new()
            };
            let indent = "  ".repeat(usize::from(e.depth));
            let room = width.saturating_sub(indent.len() + count.len());
            let label = fit(&line(&e.label), room);
            let pad = width.saturating_sub(indent.len() + label.width() + count.len());
            let style = match (i == feeds.selected, e.depth) {
                (true, _) => theme.selected,
                (false, 0) => theme.title,
                _ => ratatui::style::Style::new(),
            };
            Line::from(vec![
                Span::styled(format!("{indent}{label}{}", " ".repeat(pad)), style),
                Span::styled(
                    count,
                    if i == feeds.selected {
                        style
                    } else {
                        theme.meta
                    },
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
