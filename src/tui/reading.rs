//! The reading pane: the wrapped article with its highlights (entity kinds, the selected
//! entity's mentions, search matches with the current one apart, watched keywords).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::app::{App, Focus};
use super::theme::Theme;
use super::ui::pane_block;
use super::wrap::LineKind;
use crate::extract::Label;

pub(super) fn render_reading(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let block = pane_block(theme, "Reading", app.focus == Focus::Reading);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(opened) = &app.opened else {
        frame.render_widget(
            Paragraph::new("No article. byline import PATH adds some."),
            inner,
        );
        return;
    };
    // Only what the visible lines hold is styled: a 1 MB article can have tens of thousands
    // of mentions and matches.
    let visible = opened
        .lines
        .lines
        .iter()
        .skip(app.scroll)
        .take(usize::from(inner.height));
    let (lo, hi) = visible
        .filter_map(|l| l.range.as_ref())
        .fold((usize::MAX, 0), |(lo, hi), r| {
            (lo.min(r.start), hi.max(r.end))
        });
    let in_view = |s: usize, e: usize| s < hi && e > lo;
    let selected = app.selected_entity();
    let mut marks: Vec<(usize, usize, Style)> = Vec::new();
    for e in &opened.entities.entities {
        let is_selected = selected.is_some_and(|s| std::ptr::eq(s, e));
        // The selected entity's mentions stand out while the sidebar has the keyboard, or
        // after a jump to one of them from the reading pane.
        let shown = app.focus == Focus::Sidebar || app.mention.is_some();
        let style = match (is_selected && shown, app.colour_entities) {
            (true, _) => theme.selected_mention,
            (false, true) => kind_style(theme, e.kind),
            (false, false) => continue,
        };
        // The mention stepped to last stands out from the entity's others.
        let current = if is_selected { app.mention } else { None };
        marks.extend(
            e.mentions
                .iter()
                .enumerate()
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
    // Links are underlined, whatever else colours them.
    let offset = opened.entities.body_offset;
    for l in &opened.article.body.links {
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
    // Watched keywords, over entity colours.
    let first_kw = app.keyword_matches.partition_point(|m| m.1 <= lo);
    let last_kw = app.keyword_matches.partition_point(|m| m.0 < hi);
    let keywords = &app.keyword_matches[first_kw..last_kw.max(first_kw)];
    marks.retain(|m| !keywords.iter().any(|&(s, e)| s < m.1 && m.0 < e));
    marks.extend(keywords.iter().map(|&(s, e)| (s, e, theme.keyword)));
    // The matches are sorted: those in view are one slice of them.
    let first = app.matches.partition_point(|m| m.1 <= lo);
    let last = app.matches.partition_point(|m| m.0 < hi);
    let shown = &app.matches[first..last.max(first)];
    // Search matches win over entity colours where they overlap.
    marks.retain(|m| !shown.iter().any(|&(s, e)| s < m.1 && m.0 < e));
    for (k, &(s, e)) in shown.iter().enumerate() {
        let style = if Some(first + k) == app.current_match {
            theme.current_match
        } else {
            theme.matched
        };
        marks.push((s, e, style));
    }
    marks.sort_by_key(|m| m.0);
    let lines: Vec<Line<'_>> = opened
        .lines
        .lines
        .iter()
        .skip(app.scroll)
        .take(usize::from(inner.height))
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
}

/// Splits a line into spans styled by the mentions that overlap it.
fn styled_line(
    text: &str,
    start: usize,
    marks: &[(usize, usize, Style)],
    base: Style,
) -> Line<'static> {
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
