//! The reading pane: the wrapped article with its highlights (entity kinds, the selected
//! entity's mentions with the current one apart, search matches with the current one apart,
//! watched keywords, links).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::pane_block;
use crate::extract::Label;
use crate::tui::app::{App, Focus};
use crate::tui::load::Text;
use crate::tui::reading::Opened;
use crate::tui::theme::Theme;
use crate::tui::wrap::LineKind;

/// A styled byte range of the text.
type Mark = (usize, usize, Style);

pub(super) fn render_reading(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let block = pane_block(theme, "Reading", app.focus == Focus::Reading);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(opened) = &app.reading.opened else {
        let empty = "No article. byline import PATH adds some.";
        frame.render_widget(Paragraph::new(empty), inner);
        return;
    };
    let visible = || {
        let lines = opened.lines.lines.iter();
        lines
            .skip(app.reading.scroll)
            .take(usize::from(inner.height))
    };
    // Only what the visible lines hold is styled: a 1 MB article can have tens of thousands
    // of mentions and matches.
    let (lo, hi) = visible()
        .filter_map(|l| l.range.as_ref())
        .fold((usize::MAX, 0), |(lo, hi), r| {
            (lo.min(r.start), hi.max(r.end))
        });
    let marks = match &opened.text {
        Some(text) => marks(app, opened, text, lo..hi),
        None => Vec::new(),
    };
    let lines: Vec<Line<'_>> = visible()
        .map(|l| {
            let base = match l.kind {
                LineKind::Title => theme.title,
                LineKind::Meta => theme.meta,
                LineKind::Subheading => theme.subheading,
                LineKind::Quote => theme.quote,
                LineKind::Body | LineKind::Blank => Style::new(),
            };
            match &l.range {
                Some(r) => styled_line(&l.text, r.start, &marks, base),
                None => Line::from(Span::styled(l.text.clone(), base)),
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    if let Some(text) = &opened.text {
        super::links::render_links(app, opened, text, frame.buffer_mut(), inner);
    }
}

/// The highlights in view, sorted, later kinds winning where they overlap: entities, links
/// (underlined over whatever colours them), watched keywords, search matches.
fn marks(app: &App, opened: &Opened, text: &Text, view: std::ops::Range<usize>) -> Vec<Mark> {
    let theme = &app.config.theme;
    let in_view = |s: usize, e: usize| s < view.end && e > view.start;
    let mut marks = entity_marks(app, opened, &in_view);
    let offset = text.body_offset;
    for l in &text.article.body.links {
        let (s, e) = (l.start + offset, l.end + offset);
        if !in_view(s, e) {
            continue;
        }
        let mut covered = false;
        for m in marks.iter_mut().filter(|m| m.0 < e && s < m.1) {
            m.2 = m.2.patch(theme.link);
            covered = true;
        }
        if !covered {
            marks.push((s, e, theme.link));
        }
    }
    let keywords = in_range(&text.keywords, &view);
    overlay(
        &mut marks,
        keywords.iter().map(|&(s, e)| (s, e, theme.keyword)),
    );
    let first = app.reading.matches.partition_point(|m| m.1 <= view.start);
    let shown = in_range(&app.reading.matches, &view);
    overlay(
        &mut marks,
        shown.iter().enumerate().map(|(k, &(s, e))| {
            let current = Some(first + k) == app.reading.current_match;
            (
                s,
                e,
                if current {
                    theme.current_match
                } else {
                    theme.matched
                },
            )
        }),
    );
    marks.sort_by_key(|m| m.0);
    marks
}

/// Entities coloured by kind, watched ones as watched keywords are; the selected one's mentions
/// stand out while the sidebar has the keyboard or after a step to one of them, the one
/// stepped to most of all.
fn entity_marks(app: &App, opened: &Opened, in_view: &dyn Fn(usize, usize) -> bool) -> Vec<Mark> {
    let theme = &app.config.theme;
    let selected = app.selected_entity();
    let shown = app.focus == Focus::Sidebar || app.reading.mention.is_some();
    let mut marks = Vec::new();
    for e in opened.entities() {
        let is_selected = selected.is_some_and(|s| std::ptr::eq(s, e));
        let watched = app.is_watching(&e.name);
        let style = match (is_selected && shown, watched, app.reading.colour_entities) {
            (true, _, _) => theme.selected_mention,
            (false, true, _) => theme.keyword,
            (false, false, true) => kind_style(theme, e.kind),
            (false, false, false) => continue,
        };
        let current = if is_selected {
            app.reading.mention
        } else {
            None
        };
        let mentions = e.mentions.iter().enumerate();
        marks.extend(
            mentions
                .filter(|(_, m)| in_view(m.0, m.1))
                .map(|(k, &(s, end))| {
                    let style = if Some(k) == current {
                        theme.current_mention
                    } else {
                        style
                    };
                    (s, end, style)
                }),
        );
    }
    marks
}

/// The sorted ranges that overlap `view`.
fn in_range<'a>(
    ranges: &'a [(usize, usize)],
    view: &std::ops::Range<usize>,
) -> &'a [(usize, usize)] {
    let first = ranges.partition_point(|m| m.1 <= view.start);
    let last = ranges.partition_point(|m| m.0 < view.end);
    &ranges[first..last.max(first)]
}

/// Adds marks over the others: those they overlap are dropped.
fn overlay(marks: &mut Vec<Mark>, over: impl Iterator<Item = Mark> + Clone) {
    marks.retain(|m| !over.clone().any(|(s, e, _)| s < m.1 && m.0 < e));
    marks.extend(over);
}

/// Splits a line into spans styled by the marks that overlap it.
fn styled_line(text: &str, start: usize, marks: &[Mark], base: Style) -> Line<'static> {
    let end = start + text.len();
    let mut spans = Vec::new();
    let mut at = start;
    for &(s, e, style) in marks.iter().filter(|m| m.0 < end && m.1 > start) {
        let (s, e) = (s.max(at), e.min(end));
        if s < at || !text.is_char_boundary(s - start) || !text.is_char_boundary(e - start) {
            continue;
        }
        if s > at {
            spans.push(Span::styled(text[at - start..s - start].to_string(), base));
        }
        spans.push(Span::styled(
            text[s - start..e - start].to_string(),
            base.patch(style),
        ));
        at = e;
    }
    if at < end {
        spans.push(Span::styled(text[at - start..].to_string(), base));
    }
    Line::from(spans)
}

pub(super) fn kind_style(theme: &Theme, kind: Label) -> Style {
    match kind {
        Label::Person => theme.person,
        Label::Org => theme.org,
        Label::Place => theme.place,
        Label::Group => theme.group,
        Label::Misc | Label::Date | Label::Money | Label::Percent | Label::Number => theme.misc,
    }
}
