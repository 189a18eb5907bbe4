//! The entity views over the panes: the rankings, and an entity's page (its facts, a chart of
//! its articles per day over its time span, its articles, the entities seen with it, its
//! sources).

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Sparkline};
use unicode_width::UnicodeWidthStr;

use super::list::fit;
use super::pane_block;
use crate::store::{Counted, EntityPage};
use crate::tui::app::App;
use crate::tui::entity_view::{PageView, Part, Rankings, View};
use crate::tui::list::list_first;
use crate::tui::text::line;

/// Draws the top view over the whole screen above the status line.
pub(super) fn render_view(app: &App, view: &View, frame: &mut Frame<'_>, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    match view {
        View::Rankings(r) => render_rankings(app, r, frame, area),
        View::Page(p) => render_page(app, p, frame, area),
    }
}

/// A kind as the views write it.
pub(super) fn kind_name(kind: &str) -> &'static str {
    match kind {
        "PERSON" => "person",
        "ORG" => "org",
        "LOC" => "place",
        "NORP" => "group",
        _ => "other",
    }
}

fn kind_style(app: &App, kind: &str) -> Style {
    let t = &app.config.theme;
    match kind {
        "PERSON" => t.person,
        "ORG" => t.org,
        "LOC" => t.place,
        "NORP" => t.group,
        _ => t.misc,
    }
}

fn render_rankings(app: &App, r: &Rankings, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let kind = r.kind.map_or("all kinds", kind_name);
    let title = format!(
        "Entities, {} · {kind} (Tab: period, S: kind, Enter: page, w: watch, Esc: back)",
        r.board.label()
    );
    let block = pane_block(theme, &title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if r.rows.is_empty() {
        let text = match r.wait {
            Some(_) => "ranking…",
            None => "nothing to rank here: no entity stands out in this period",
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    }
    let trending = r.rows.iter().any(|e| e.score.is_some());
    let head = if trending {
        format!(
            "{:>4}  {:<6} {:>7} {:>7} {:>6}  name",
            "", "kind", "recent", "before", "score"
        )
    } else {
        format!(
            "{:>4}  {:<6} {:>8} {:>8}  name",
            "", "kind", "articles", "mentions"
        )
    };
    let height = usize::from(inner.height.saturating_sub(1)).max(1);
    let width = usize::from(inner.width);
    let first = list_first(r.selected, height);
    let mut lines = vec![Line::styled(fit(&head, width), theme.meta)];
    for (i, e) in r.rows.iter().enumerate().skip(first).take(height) {
        let numbers = match e.score {
            Some(score) => format!(
                "{:>7} {:>7} {score:>6.1}",
                e.articles,
                e.before.unwrap_or(0)
            ),
            None => format!("{:>8} {:>8}", e.articles, e.mentions),
        };
        let watched = if app.is_watching(&e.name) { "◆" } else { " " };
        let left = format!(
            "{:>4}{watched} {:<6} {numbers}  ",
            i + 1,
            kind_name(&e.kind)
        );
        let name = fit(&line(&e.name), width.saturating_sub(left.width()));
        let name_style = if i == r.selected {
            theme.selected
        } else {
            kind_style(app, &e.kind)
        };
        let left_style = if i == r.selected {
            theme.selected
        } else {
            Style::new()
        };
        let pad = " ".repeat(width.saturating_sub(left.width() + name.width()));
        lines.push(Line::from(vec![
            Span::styled(left, left_style),
            Span::styled(format!("{name}{pad}"), name_style),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_page(app: &App, p: &PageView, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let Some(page) = &p.page else {
        let block = pane_block(theme, "Entity", true);
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let asked = line(&p.asked).into_owned();
        let text = match &p.missing {
            Some(why) => format!("{asked}: {}", line(why)),
            None => format!("reading the page of {asked}…"),
        };
        frame.render_widget(Paragraph::new(text), inner);
        return;
    };
    let name = line(&page.name).into_owned();
    let watched = if app.is_watching(&page.name) {
        ", watched"
    } else {
        ""
    };
    let title = format!(
        "{name} ({}{watched}) · Tab: articles or seen with, Enter: open, w: watch, Backspace: back",
        kind_name(&page.kind)
    );
    let block = pane_block(theme, &title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let [facts, chart, axis, lists] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(4),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new(fact_lines(app, page, usize::from(facts.width))),
        facts,
    );
    let (counts, from, to) = per_day(&page.days, usize::from(chart.width));
    frame.render_widget(Sparkline::default().data(&counts).style(theme.title), chart);
    let axis_text = match (from, to) {
        (Some(a), Some(b)) => {
            let gap = usize::from(axis.width).saturating_sub(a.len() + b.len() + 1);
            format!("{a}{}{b}", " ".repeat(gap.max(1)))
        }
        _ => "no dated articles: nothing to chart".into(),
    };
    frame.render_widget(Paragraph::new(axis_text).style(theme.meta), axis);
    let [articles, side] =
        Layout::horizontal([Constraint::Fill(3), Constraint::Fill(2)]).areas(lists);
    render_articles(app, p, page, frame, articles);
    let [seen, sources] = Layout::vertical([Constraint::Fill(2), Constraint::Fill(1)]).areas(side);
    render_seen_with(app, p, page, frame, seen);
    render_counted(app, "Top sources", &page.sources, frame, sources);
}

fn fact_lines<'a>(app: &App, page: &EntityPage, width: usize) -> Vec<Line<'a>> {
    let day = |t: &Option<String>| {
        t.as_deref()
            .map_or("?", |t| t.get(..10).unwrap_or(t))
            .to_string()
    };
    let hidden = if page.shown {
        ""
    } else {
        " · left out of rankings"
    };
    let seen = match (&page.first_seen, &page.last_seen) {
        (None, None) => "no dated article".to_string(),
        (first, last) => format!("first seen {} · last seen {}", day(first), day(last)),
    };
    let first = format!(
        "{} articles · {} mentions · {seen}{hidden}",
        page.articles, page.mentions
    );
    let names: Vec<String> = page
        .names
        .iter()
        .take(8)
        .map(|n| format!("{} ({})", line(&n.name), n.articles))
        .collect();
    let second = format!("written as: {}", names.join(", "));
    vec![
        Line::from(fit(&first, width)),
        Line::styled(fit(&second, width), app.config.theme.meta),
    ]
}

/// Articles per chart column from the first dated day to the last: days without articles
/// count 0, and a span longer than the chart is wide is summed into `width` columns. With the
/// first and last day.
pub fn per_day(days: &[Counted], width: usize) -> (Vec<u64>, Option<String>, Option<String>) {
    let parse = |d: &Counted| chrono::NaiveDate::parse_from_str(&d.name, "%Y-%m-%d").ok();
    let dated: Vec<(chrono::NaiveDate, u64)> = days
        .iter()
        .filter_map(|d| Some((parse(d)?, d.articles)))
        .collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return (Vec::new(), None, None);
    };
    let span = usize::try_from((last.0 - first.0).num_days()).unwrap_or(0) + 1;
    let columns = span.min(width.max(1));
    let mut counts = vec![0u64; columns];
    for (day, n) in &dated {
        let at = usize::try_from((*day - first.0).num_days()).unwrap_or(0);
        counts[at * columns / span] += n;
    }
    (counts, Some(first.0.to_string()), Some(last.0.to_string()))
}

fn render_articles(app: &App, p: &PageView, page: &EntityPage, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let focused = p.part == Part::Articles;
    let title = format!(
        "Newest articles ({} of {})",
        page.newest.len(),
        page.articles
    );
    let block = pane_block(theme, &title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height).max(1);
    let width = usize::from(inner.width);
    let first = list_first(p.article, height);
    let lines: Vec<Line<'_>> = page
        .newest
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, row)| {
            let date = row
                .published
                .as_deref()
                .and_then(|d| d.get(..10))
                .unwrap_or("undated   ");
            let text = format!("{date}  {}", line(&row.title));
            let text = fit(&text, width);
            let pad = " ".repeat(width.saturating_sub(text.width()));
            let style = match (focused && i == p.article, row.is_read) {
                (true, _) => theme.selected,
                (false, true) => theme.read,
                (false, false) => Style::new(),
            };
            Line::styled(format!("{text}{pad}"), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_seen_with(app: &App, p: &PageView, page: &EntityPage, frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let focused = p.part == Part::SeenWith;
    let block = pane_block(theme, "Seen with (articles together)", focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if page.seen_with.is_empty() {
        frame.render_widget(Paragraph::new("no entity stands out beside it"), inner);
        return;
    }
    let height = usize::from(inner.height).max(1);
    let width = usize::from(inner.width);
    let first = list_first(p.seen, height);
    let lines: Vec<Line<'_>> = page
        .seen_with
        .iter()
        .enumerate()
        .skip(first)
        .take(height)
        .map(|(i, s)| {
            let style = if focused && i == p.seen {
                theme.selected
            } else {
                kind_style(app, &s.kind)
            };
            name_and_count(app, (&s.name, style), s.together, width)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn render_counted(app: &App, title: &str, items: &[Counted], frame: &mut Frame<'_>, area: Rect) {
    let theme = &app.config.theme;
    let block = pane_block(theme, title, false);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let lines: Vec<Line<'_>> = items
        .iter()
        .take(usize::from(inner.height))
        .map(|c| name_and_count(app, (&c.name, Style::new()), c.articles, width))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A name in its style at the left, cut to fit, and a count at the right of `width` columns.
fn name_and_count<'a>(app: &App, name: (&str, Style), count: u64, width: usize) -> Line<'a> {
    let count = format!(" {count}");
    let (name, style) = (
        fit(&line(name.0), width.saturating_sub(count.len())),
        name.1,
    );
    let pad = " ".repeat(width.saturating_sub(name.width() + count.len()));
    Line::from(vec![
        Span::styled(format!("{name}{pad}"), style),
        Span::styled(count, app.config.theme.meta),
    ])
}
