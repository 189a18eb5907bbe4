//! The article list: titles with read, star and keyword marks; a store search's hits with their
//! snippets, matched words marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::pane_block;
use crate::store::ArticleRow;
use crate::tui::app::{App, Focus};
use crate::tui::list::{ListSource, lines_per_row, list_first};
use crate::tui::text::{line, marked_line};

pub(super) fn render_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    if app.feeds.open {
        return super::feeds::render_feeds(app, frame, area);
    }
    let list = &app.list;
    let title = match &list.source {
        ListSource::All if list.filter.is_empty() => "Articles".to_string(),
        ListSource::All => format!("Articles: {}", list.label),
        ListSource::Mentioning { name, .. } => format!("Mentioning {name}"),
        ListSource::Search { query } => format!("Search: {query}"),
    };
    let theme = &app.config.theme;
    let title = line(&title).into_owned();
    let block = pane_block(theme, &title, app.focus == Focus::List);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height.max(1));
    let per_row = lines_per_row(&list.source, height);
    let width = usize::from(inner.width);
    let first = list_first(list.selected, height / per_row);
    let mut lines: Vec<Line<'_>> = Vec::new();
    // Rows the window does not hold yet (being read) are left blank.
    for (i, row) in (first..first + height / per_row).filter_map(|i| Some((i, list.at(i)?))) {
        lines.push(row_line(app, row, i == list.selected, width));
        if per_row == 2 {
            lines.push(snippet_line(app, &row.id));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// One row: read, star and keyword marks, the title cut to fit, source and date at the right
/// when there is room for them beside it.
fn row_line<'a>(app: &App, row: &ArticleRow, selected: bool, width: usize) -> Line<'a> {
    let theme = &app.config.theme;
    let marks = format!(
        "{}{}{} ",
        if row.is_read { ' ' } else { '•' },
        if row.is_starred { '★' } else { ' ' },
        if app.marked.contains(&row.id) {
            '!'
        } else if app.mention_watched.contains(&row.id) {
            '◆'
        } else {
            ' '
        },
    );
    let style = match (selected, row.is_read) {
        (true, _) => theme.selected,
        (false, true) => theme.read,
        (false, false) => Style::new(),
    };
    let meta = row_meta(row, width);
    let room = width.saturating_sub(4 + meta.width() + 1);
    let title = fit(&line(&row.title), room);
    let pad = width.saturating_sub(4 + title.width() + meta.width());
    let meta_style = if selected { style } else { theme.meta };
    Line::from(vec![
        Span::styled(marks, theme.marks),
        Span::styled(title, style),
        Span::styled(" ".repeat(pad), style),
        Span::styled(meta, meta_style),
    ])
}

/// `Reuters · 2024-09-10`, `2024-09-10` or nothing, as the pane's width allows.
fn row_meta(row: &ArticleRow, width: usize) -> String {
    let date = row
        .published
        .as_deref()
        .and_then(|d| d.get(..10))
        // Sorted by when byline stored it, an undated article says so.
        .unwrap_or("undated");
    let source = row.source.as_deref().unwrap_or("").trim();
    let source: String = fit(&line(source), 16);
    match (width >= 70, width >= 40, date.is_empty(), source.is_empty()) {
        (true, _, false, false) => format!(" {source} · {date}"),
        (true, _, true, false) => format!(" {source}"),
        (_, true, false, _) => format!(" {date}"),
        _ => String::new(),
    }
}

/// `text` cut to `max` columns, with `…` when it was cut.
pub(super) fn fit(text: &str, max: usize) -> String {
    if text.width() <= max {
        return text.to_string();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.width().unwrap_or(0) + 1 > max {
            break;
        }
        out.push(c);
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// A hit's snippet, indented, the matched words in the match style.
fn snippet_line<'a>(app: &App, id: &str) -> Line<'a> {
    let theme = &app.config.theme;
    let Some((snippet, marked)) = app.list.snippets.get(id) else {
        return Line::default();
    };
    let (snippet, marked) = marked_line(snippet, marked);
    let mut spans = vec![Span::raw("    ")];
    let mut at = 0;
    for &(s, e) in &marked {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(source: Option<&str>, date: Option<&str>) -> ArticleRow {
        ArticleRow {
            id: "x".into(),
            title: "T".into(),
            source: source.map(String::from),
            published: date.map(String::from),
            is_read: false,
            is_starred: false,
        }
    }

    #[test]
    fn source_and_date_show_as_the_width_allows() {
        let r = row(Some("Reuters"), Some("2024-09-10T06:30:00Z"));
        assert_eq!(row_meta(&r, 80), " Reuters · 2024-09-10");
        assert_eq!(row_meta(&r, 50), " 2024-09-10");
        assert_eq!(row_meta(&r, 30), "");
        // See: issue 13 (undated articles sort by when they were stored, and say so).
        assert_eq!(row_meta(&row(None, None), 80), " undated");
    }

    #[test]
    fn titles_are_cut_by_display_width() {
        assert_eq!(fit("Harbour strike", 20), "Harbour strike");
        assert_eq!(fit("Harbour strike", 8), "Harbour…");
        assert_eq!(fit("港湾ストライキ", 5), "港湾…");
        assert_eq!(fit("abc", 0), "");
    }
}
