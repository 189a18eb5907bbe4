//! `byline entity`: one entity's page across the store, and the user's edits to how names are
//! resolved into entities (merge, split, rename, kind, hide), which take effect at once.

use std::io::Write;

use anyhow::Result;

use super::{Outcome, open_store, open_store_to_write, row_line};
use crate::cli::{EntityArgs, EntityEdit};
use crate::output::json::{self, Layout};
use crate::store::{Edit, EntityPage, Store};
use crate::{errln, outln, output};

/// The page of the entity named, or the edit asked for.
pub fn entity(path: &std::path::Path, args: &EntityArgs) -> Result<Outcome> {
    if let Some(edit) = &args.edit {
        return edit_entities(path, edit);
    }
    let name = args.name.as_deref().unwrap_or_default();
    let store = open_store(path)?;
    let page = match store.find_entity(name)? {
        Some(id) => store.entity_page(id, args.limit)?,
        None => None,
    };
    let Some(page) = page else {
        errln!("{}", unknown(&store, name)?);
        return Ok(Outcome::NothingFound);
    };
    if args.json {
        json::print(&page, Layout::Pretty)?;
    } else {
        print_page(&page)?;
    }
    Ok(Outcome::Done)
}

fn print_page(p: &EntityPage) -> Result<()> {
    let mut out = output::stdout();
    writeln!(out, "{}  ({}, entity {})", p.name, p.kind, p.id)?;
    let day = |t: &Option<String>| {
        t.as_deref()
            .map_or("?", |t| t.get(..10).unwrap_or(t))
            .to_string()
    };
    writeln!(
        out,
        "{} articles, {} mentions, {} to {}{}",
        p.articles,
        p.mentions,
        day(&p.first_seen),
        day(&p.last_seen),
        if p.shown {
            ""
        } else {
            " (left out of rankings)"
        }
    )?;
    writeln!(out, "{}", sparkline(p, 60))?;
    let list = |items: &[crate::store::Counted]| -> String {
        let shown: Vec<String> = items
            .iter()
            .take(8)
            .map(|c| format!("{} ({})", c.name, c.articles))
            .collect();
        shown.join(", ")
    };
    writeln!(out, "written as: {}", list(&p.names))?;
    writeln!(out, "sources:    {}", list(&p.sources))?;
    if !p.seen_with.is_empty() {
        writeln!(out, "seen with:")?;
        for s in p.seen_with.iter().take(10) {
            writeln!(
                out,
                "  {:<6} {:>5}  {:>5.2}  {}",
                s.kind, s.together, s.pmi, s.name
            )?;
        }
    }
    writeln!(out, "newest articles:")?;
    for row in &p.newest {
        writeln!(out, "  {}", row_line(row))?;
    }
    Ok(())
}

/// Articles per span of days over the entity's time, as a line of bars.
fn sparkline(p: &EntityPage, width: usize) -> String {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let date = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let dated: Vec<(chrono::NaiveDate, u64)> = p
        .days
        .iter()
        .filter_map(|c| Some((date(&c.name)?, c.articles)))
        .collect();
    let (Some(first), Some(last)) = (dated.first(), dated.last()) else {
        return String::new();
    };
    let span = usize::try_from((last.0 - first.0).num_days()).unwrap_or(0) + 1;
    let per = span.div_ceil(width.max(1));
    let mut columns = vec![0u64; span.div_ceil(per)];
    for (d, n) in &dated {
        let at = usize::try_from((*d - first.0).num_days()).unwrap_or(0) / per;
        columns[at] += n;
    }
    let most = columns.iter().copied().max().unwrap_or(1).max(1);
    let bars: String = columns
        .iter()
        .map(|&n| match n {
            0 => ' ',
            n => BARS[usize::try_from((n * 7).div_ceil(most)).unwrap_or(7).min(7)],
        })
        .collect();
    format!(
        "{bars}  ({per} day{} a column)",
        if per == 1 { "" } else { "s" }
    )
}

/// Why no entity has the name.
fn unknown(store: &Store, name: &str) -> Result<String> {
    Ok(if store.entities_resolved()? {
        format!("no entity is named {name:?} (byline entities --top lists the store's)")
    } else {
        format!(
            "no entity is named {name:?}: the store's entities are not resolved yet (byline index)"
        )
    })
}

fn edit_entities(path: &std::path::Path, edit: &EntityEdit) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    let (edit, said) = match edit {
        EntityEdit::Edits { json } => return list_edits(&store, *json),
        EntityEdit::Forget { number } => {
            if !store.forget_entity_edit(*number)? {
                errln!("there is no edit {number} (byline entity edits lists them)");
                return Ok(Outcome::NothingFound);
            }
            let n = store.resolve_entities_after_edit()?;
            outln!("forgot edit {number}; {n} entities across the store")?;
            return Ok(Outcome::Done);
        }
        EntityEdit::Merge { name, into } => (
            Edit::Merge {
                name: name.clone(),
                into: into.clone(),
            },
            format!("{name:?} and {into:?} are one entity"),
        ),
        EntityEdit::Split { name } => (
            Edit::Split { name: name.clone() },
            format!("{name:?} is an entity of its own"),
        ),
        EntityEdit::Rename { name, to } => (
            Edit::Rename {
                name: name.clone(),
                to: to.clone(),
            },
            format!("{name:?} is shown as {to:?}"),
        ),
        EntityEdit::Kind { name, kind } => (
            Edit::Kind {
                name: name.clone(),
                kind: kind.clone(),
            },
            format!("{name:?} is of kind {kind}"),
        ),
        EntityEdit::Hide { name } => (
            Edit::Hide { name: name.clone() },
            format!("{name:?} is left out of rankings"),
        ),
    };
    if let Some(why) = store.edit_refused(&edit)? {
        match store.entities_resolved()? {
            true => errln!("{why}"),
            false => errln!("{why}: the store's entities are not resolved yet (byline index)"),
        }
        return Ok(Outcome::NothingFound);
    }
    let number = store.add_entity_edit(&edit)?;
    let n = store.resolve_entities_after_edit()?;
    outln!("edit {number}: {said}; {n} entities across the store")?;
    Ok(Outcome::Done)
}

fn list_edits(store: &Store, as_json: bool) -> Result<Outcome> {
    let edits = store.entity_edits()?;
    if as_json {
        let rows: Vec<serde_json::Value> = edits
            .iter()
            .map(|(n, e)| {
                let mut v = serde_json::to_value(e).unwrap_or_default();
                v["number"] = (*n).into();
                v
            })
            .collect();
        json::print(&rows, Layout::Pretty)?;
    } else {
        let mut out = output::stdout();
        for (n, e) in &edits {
            let line = match e {
                Edit::Merge { name, into } => format!("merge {name:?} into {into:?}"),
                Edit::Split { name } => format!("split {name:?}"),
                Edit::Rename { name, to } => format!("rename {name:?} to {to:?}"),
                Edit::Kind { name, kind } => format!("kind of {name:?}: {kind}"),
                Edit::Hide { name } => format!("hide {name:?}"),
            };
            writeln!(out, "{n:>4}  {line}")?;
        }
    }
    Ok(if edits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
