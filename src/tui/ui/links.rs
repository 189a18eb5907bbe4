//! Links in the reading pane: OSC 8 hyperlinks on their text (cell by cell, so a link stays
//! one clickable link when it wraps, and each cell keeps its width), the hints' labels over
//! them, and the link list.

use std::num::NonZeroU16;

use ratatui::Frame;
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::pane_block;
use crate::tui::app::{App, Mode};
use crate::tui::browser::is_safe_url;
use crate::tui::load::Text;
use crate::tui::reading::Opened;
use crate::tui::text::line;

/// The longest URL given an OSC 8 hyperlink (terminals drop longer ones).
const MAX_HYPERLINK: usize = 2048;

/// The columns `[x0, x1)` and row of each visible piece of text range `s..e`.
fn pieces(app: &App, opened: &Opened, s: usize, e: usize, inner: Rect) -> Vec<(u16, u16, u16)> {
    let lines = opened.lines.lines.iter().skip(app.reading.scroll);
    let mut out = Vec::new();
    for (y, l) in lines.take(usize::from(inner.height)).enumerate() {
        let Some(r) = &l.range else { continue };
        let (a, b) = (s.max(r.start), e.min(r.end));
        let (Some(before), Some(piece)) = (
            l.text.get(..a.saturating_sub(r.start)),
            l.text
                .get(a.saturating_sub(r.start)..b.saturating_sub(r.start)),
        ) else {
            continue;
        };
        if a >= b {
            continue;
        }
        let x0 = u16::try_from(before.width()).unwrap_or(u16::MAX);
        let x1 = x0.saturating_add(u16::try_from(piece.width()).unwrap_or(u16::MAX));
        let y = u16::try_from(y).unwrap_or(u16::MAX);
        out.push((x0.min(inner.width), x1.min(inner.width), y));
    }
    out
}

/// The URL as OSC 8 carries it: printable ASCII only (non-ASCII percent-encoded), or none.
fn hyperlink_url(url: &str) -> Option<String> {
    if !is_safe_url(url) || url.len() > MAX_HYPERLINK {
        return None;
    }
    let url = url::Url::parse(url).ok()?;
    let s = url.as_str();
    (s.len() <= MAX_HYPERLINK && s.bytes().all(|b| b.is_ascii_graphic())).then(|| s.to_string())
}

/// Puts OSC 8 hyperlinks on the links' cells and the hints' labels over them.
pub(super) fn render_links(app: &App, opened: &Opened, text: &Text, buf: &mut Buffer, inner: Rect) {
    let links = &text.article.body.links;
    let at = text.body_offset;
    if app.config.links.hyperlinks {
        for (k, l) in links.iter().enumerate() {
            let Some(url) = hyperlink_url(&l.url) else {
                continue;
            };
            for (x0, x1, y) in pieces(app, opened, l.start + at, l.end + at, inner) {
                hyperlink_cells(buf, inner, (x0, x1, y), &format!("id=byline{k};{url}"));
            }
        }
    }
    if app.mode != Mode::Hints {
        return;
    }
    let style = app.config.theme.hint;
    for (k, &i) in app.links.hinted.iter().enumerate() {
        let Some(l) = links.get(i) else { continue };
        let Some(&(x0, _, y)) = pieces(app, opened, l.start + at, l.end + at, inner).first() else {
            continue;
        };
        let label = app.links.label(k);
        for (x, digit) in (x0..inner.width).zip(label.chars()) {
            let cell = &mut buf[(inner.x + x, inner.y + y)];
            cell.set_char(digit).set_style(style);
            cell.set_diff_option(CellDiffOption::None);
        }
    }
}

/// Wraps each cell of a piece in an OSC 8 hyperlink, its width forced to what it shows.
fn hyperlink_cells(buf: &mut Buffer, inner: Rect, (x0, x1, y): (u16, u16, u16), target: &str) {
    let mut x = x0;
    while x < x1 {
        let cell = &mut buf[(inner.x + x, inner.y + y)];
        let symbol = cell.symbol().to_string();
        let width = u16::try_from(symbol.width()).unwrap_or(1).max(1);
        let linked = format!("\x1b]8;{target}\x1b\\{symbol}\x1b]8;;\x1b\\");
        cell.set_symbol(&linked);
        if let Some(w) = NonZeroU16::new(width) {
            cell.set_diff_option(CellDiffOption::ForcedWidth(w));
        }
        x += width;
    }
}

/// The link list over the reading pane: number, text and URL of every link, the selected one
/// marked.
pub(super) fn render_link_list(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let block = pane_block(theme, "Links", true);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let Some(text) = app.reading.opened.as_ref().and_then(|o| o.text.as_deref()) else {
        return;
    };
    let links = &text.article.body.links;
    let rows = usize::from(inner.height).max(1);
    let first = app.links.selected.saturating_sub(rows - 1);
    let number = links.len().to_string().len();
    let cols = usize::from(inner.width);
    let lines: Vec<Line<'_>> = links
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(i, l)| {
            let words = text.article.body.text.get(l.start..l.end).unwrap_or("");
            // The text gets a third of the row at most: the URL is what the list is for.
            let words = line(words.trim());
            let short = fit(&words, cols / 3);
            let words = match short.len() < words.len() {
                true => format!("{}…", fit(&short, (cols / 3).saturating_sub(1))),
                false => short,
            };
            let row = format!("{:>number$}  {words}  {}", i + 1, line(&l.url));
            let row = fit(&row, cols);
            match i == app.links.selected {
                true => Line::from(Span::styled(row, theme.selected)),
                false => Line::from(row),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// At most `cols` columns of `s`.
fn fit(s: &str, cols: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > cols {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}
