//! The entity sidebar: a heading per kind, its entities with their mention counts, the
//! selected one highlighted while the sidebar has the keyboard.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane_block;
use super::reading::kind_style;
use crate::extract::Entity;
use crate::tui::app::{App, Focus};
use crate::tui::sidebar::{SidebarRow, sidebar_first, sidebar_rows};
use crate::tui::text::line;

pub(super) fn render_sidebar(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let block = pane_block(theme, "Entities", app.focus == Focus::Sidebar);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(opened) = &app.reading.opened else {
        return;
    };
    if opened.entities.is_none() {
        let finding = Span::styled("finding entities…", theme.meta);
        frame.render_widget(Paragraph::new(finding), inner);
        return;
    }
    let rows = sidebar_rows(app);
    let height = usize::from(inner.height.max(1));
    let first = sidebar_first(&rows, app.sidebar.entity, height);
    let selected = (app.focus == Focus::Sidebar).then_some(app.sidebar.entity);
    let lines: Vec<Line<'_>> = rows
        .iter()
        .skip(first)
        .take(height)
        .map(|row| match *row {
            SidebarRow::Blank => Line::default(),
            SidebarRow::Cut(at) => {
                let mb = at as f64 / 1e6;
                Line::from(Span::styled(
                    format!("read the first {mb:.1} MB"),
                    theme.meta,
                ))
            }
            SidebarRow::Heading(kind) => Line::from(Span::styled(kind.heading(), theme.heading)),
            SidebarRow::Entity(i) => entity_line(app, &opened.entities()[i], selected == Some(i)),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// An entity's name in its kind's colour (the selection's while selected) after a mark when it
/// is watched, its count and what it belongs to (`Iranian 7 · Iran`).
fn entity_line<'a>(app: &App, e: &Entity, selected: bool) -> Line<'a> {
    let theme = &app.config.theme;
    let style = if selected {
        theme.selected
    } else {
        kind_style(theme, e.kind)
    };
    let about = e
        .about
        .as_ref()
        .map(|a| format!(" · {a}"))
        .unwrap_or_default();
    let count = e.mentions.len().max(1);
    // A watched entity is marked as the article list marks a watched keyword.
    let watched = if app.is_watching(&e.name) { "◆ " } else { "" };
    Line::from(vec![
        Span::styled(watched, theme.keyword),
        Span::styled(line(&e.name).into_owned(), style),
        Span::styled(line(&format!(" {count}{about}")).into_owned(), theme.meta),
    ])
}
