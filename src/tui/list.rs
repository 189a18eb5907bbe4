//! The article list: titles with read, star and keyword marks; a store search's hits with their
//! snippets, matched words marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus};
use super::history::ListSource;
use super::ui::{list_first, pane_block};

pub(super) fn render_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let title = match &app.source {
        ListSource::All => "Articles".to_string(),
        ListSource::Mentioning { name, .. } => format!("Mentioning {name}"),
        ListSource::Search { query } => format!("Search: {query}"),
    };
    let theme = &app.config.theme;
    let block = pane_block(theme, &title, app.focus == Focus::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.max(1));
    // A store search shows each hit's snippet under its title.
    let per_row = if matches!(app.source, ListSource::Search { .. }) && height >= 4 {
        2
    } else {
        1
    };
    let first = list_first(app.selected, height / per_row);
    let mut lines: Vec<Line<'_>> = Vec::new();
    for (i, row) in app
        .rows
        .iter()
        .enumerate()
        .skip(first)
        .take(height / per_row)
    {
        let marks = format!(
            "{}{}{} ",
            if row.is_read { ' ' } else { '•' },
            if row.is_starred { '★' } else { ' ' },
            if app.keyword_rows.contains(&row.id) {
                '!'
            } else {
                ' '
            },
        );
        let style = if i == app.selected {
            theme.selected
        } else if row.is_read {
            theme.read
        } else {
            Style::new()
        };
        lines.push(Line::from(vec![
            Span::styled(marks, theme.marks),
            Span::styled(row.title.clone(), style),
        ]));
        if per_row == 2 {
            lines.push(snippet_line(app, &row.id));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A hit's snippet, indented, the matched words in the match style.
fn snippet_line<'a>(app: &App, id: &str) -> Line<'a> {
    let theme = &app.config.theme;
    let Some((snippet, marked)) = app.snippets.get(id) else {
        return Line::default();
    };
    let mut spans = vec![Span::raw("    ")];
    let mut at = 0;
    for &(s, e) in marked {
        if s < at
            || e > snippet.len()
            || !snippet.is_char_boundary(s)
            || !snippet.is_char_boundary(e)
        {
            continue;
        }
        spans.push(Span::styled(snippet[at..s].to_string(), theme.snippet));
        spans.push(Span::styled(snippet[s..e].to_string(), theme.matched));
        at = e;
    }
    spans.push(Span::styled(snippet[at..].to_string(), theme.snippet));
    Line::from(spans)
}
