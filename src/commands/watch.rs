//! `byline watch add|list|remove`: the entities the user follows across the store.

use std::io::Write;

use anyhow::{Result, bail};

use super::lists::{one_line, pad};
use super::{Outcome, open_store, open_store_to_write};
use crate::cli::WatchCommand;
use crate::output::json::{self, Layout};
use crate::{outln, output};

/// Adds, lists or removes watched entities.
pub fn watch(path: &std::path::Path, command: &WatchCommand) -> Result<Outcome> {
    match command {
        WatchCommand::Add(args) => {
            let name = args.name.join(" ");
            let mut store = open_store_to_write(path)?;
            if !store.watch_entity(&name)? {
                outln!("{} is watched already", one_line(&name))?;
                return Ok(Outcome::Done);
            }
            let added = store.watched_entities()?;
            let row = added
                .iter()
                .rev()
                .find(|w| w.name.eq_ignore_ascii_case(&name));
            match row {
                Some(w) if w.id.is_some() => outln!(
                    "watching {} ({}): {} articles, {} unread",
                    one_line(w.entity.as_deref().unwrap_or(&w.name)),
                    w.kind.as_deref().unwrap_or("?"),
                    w.articles,
                    w.unread
                )?,
                _ => outln!(
                    "watching {}: no indexed article mentions it yet",
                    one_line(&name)
                )?,
            }
        }
        WatchCommand::List(args) => {
            let store = open_store(path)?;
            let rows = store.watched_entities()?;
            if args.json {
                json::print(&rows, Layout::Pretty)?;
                return Ok(Outcome::Done);
            }
            if rows.is_empty() {
                outln!("no entity is watched: `byline watch add NAME` watches one")?;
                return Ok(Outcome::Done);
            }
            let mut out = output::stdout();
            writeln!(out, "{:<6} {:>8} {:>8}  name", "kind", "articles", "unread")?;
            for w in &rows {
                let shown = match &w.entity {
                    Some(e) if !e.eq_ignore_ascii_case(&w.name) => {
                        format!("{} (as {})", one_line(e), one_line(&w.name))
                    }
                    _ => one_line(&w.name),
                };
                writeln!(
                    out,
                    "{:<6} {:>8} {:>8}  {}",
                    pad(w.kind.as_deref().unwrap_or("-"), 6),
                    w.articles,
                    w.unread,
                    shown
                )?;
            }
        }
        WatchCommand::Remove(args) => {
            let name = args.name.join(" ");
            let mut store = open_store_to_write(path)?;
            let Some(was) = store.unwatch_entity(&name)? else {
                bail!(
                    "{} is not watched; `byline watch list` shows what is",
                    one_line(&name)
                );
            };
            outln!("stopped watching {}", one_line(&was))?;
        }
    }
    Ok(Outcome::Done)
}
