//! `byline list`, `rm`, `saved`, `completions` and `man`: lists by query and what goes with them.

use std::io::Write;
use std::path::Path;

use anyhow::{Result, bail};
use unicode_width::UnicodeWidthChar;

use super::{Outcome, open_store, open_store_to_write, plural};
use crate::cli::{Cli, CompletionsArgs, ListArgs, RmArgs, SavedCommand};
use crate::output::json::{self, Layout};
use crate::output::{self};
use crate::store::{ArticleRow, Store, StoreError};
use crate::{errln, outln};

/// Width of the source column, in terminal columns.
const SOURCE_COLUMNS: usize = 24;

/// `byline list [QUERY]`.
pub fn list(path: &Path, args: &ListArgs) -> Result<Outcome> {
    let store = open_store(path)?;
    let (query, asked) = list_query(&store, args)?;
    let rows = store.list_matching(&query, args.sort, args.offset, args.limit)?;
    if args.json {
        json::print(&rows, Layout::Pretty)?;
    } else {
        let mut out = output::stdout();
        for row in &rows {
            writeln!(out, "{}", row_line(row))?;
        }
    }
    if rows.is_empty() && asked {
        if !args.json {
            errln!("no articles match");
        }
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}

/// The query `byline list` runs, and whether the user asked for one (an empty store listed
/// whole is not "nothing found").
fn list_query(store: &Store, args: &ListArgs) -> Result<(String, bool)> {
    let mut parts: Vec<String> = args.query.clone();
    if let Some(name) = &args.saved {
        let Some(saved) = store.saved_search(name)? else {
            bail!("no saved search {name:?}; `byline saved list` shows them");
        };
        parts.push(saved);
    }
    if args.unread {
        parts.push("is:unread".into());
    }
    if args.starred {
        parts.push("is:starred".into());
    }
    if let Some(tag) = &args.tag {
        parts.push(format!("tag:\"{tag}\""));
    }
    let asked = !parts.is_empty();
    Ok((parts.join(" "), asked))
}

/// One list line: id, unread and star marks, date (or `undated`), source, title on one line.
pub(crate) fn row_line(row: &ArticleRow) -> String {
    let date = row
        .published
        .as_deref()
        .map_or("undated", |d| d.get(..10).unwrap_or(d));
    let read = if row.is_read { ' ' } else { '•' };
    let star = if row.is_starred { '★' } else { ' ' };
    let source = pad(row.source.as_deref().unwrap_or(""), SOURCE_COLUMNS);
    format!(
        "{} {read}{star} {date:<10}  {source}  {}",
        row.id,
        one_line(&row.title)
    )
}

/// Text on one line: every run of whitespace (newlines too) becomes one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` on one line, cut or padded with spaces to exactly `columns` terminal columns.
pub(crate) fn pad(text: &str, columns: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in one_line(text).chars() {
        let w = c.width().unwrap_or(0);
        if used + w > columns {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push_str(&" ".repeat(columns - used));
    out
}

/// `byline rm ID...|QUERY`.
pub fn rm(path: &Path, args: &RmArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    let ids = match ids_named(&store, &args.targets)? {
        Some(ids) => ids,
        None => store.ids_of_query(&args.targets.join(" "))?,
    };
    if ids.is_empty() {
        errln!("no articles match");
        return Ok(Outcome::NothingFound);
    }
    let removed = store.remove_articles(&ids)?;
    outln!("removed {removed} article{}", plural(removed))?;
    Ok(Outcome::Done)
}

/// The full ids when every target looks like an id (hex digits); `None` for a query. An id
/// that is not in the store is an error.
fn ids_named(store: &Store, targets: &[String]) -> Result<Option<Vec<String>>> {
    let is_id = |t: &String| t.len() >= 4 && t.chars().all(|c| c.is_ascii_hexdigit());
    if !targets.iter().all(is_id) {
        return Ok(None);
    }
    let mut ids = Vec::new();
    for t in targets {
        ids.push(store.resolve_id(t)?);
    }
    ids.dedup();
    Ok(Some(ids))
}

/// `byline saved add|list|rm`.
pub fn saved(path: &Path, command: &SavedCommand) -> Result<Outcome> {
    match command {
        SavedCommand::Add(args) => {
            let mut store = open_store_to_write(path)?;
            let query = args.query.join(" ");
            let new = store.save_search(&args.name, &query)?;
            let n = store.count_matching(&query)?;
            let verb = if new { "saved" } else { "replaced" };
            outln!("{verb} {:?}: {n} article{} now", args.name, plural(n))?;
        }
        SavedCommand::List(args) => {
            let store = open_store(path)?;
            let mut rows = Vec::new();
            for s in store.saved_searches()? {
                let count = store.count_matching(&s.query).ok();
                rows.push(serde_json::json!({"name": s.name, "query": s.query, "count": count}));
            }
            if args.json {
                json::print(&rows, Layout::Pretty)?;
                return Ok(Outcome::Done);
            }
            let mut out = output::stdout();
            for r in &rows {
                let name = r["name"].as_str().unwrap_or_default();
                let count = r["count"].as_u64().map_or("?".into(), |n| n.to_string());
                let query = r["query"].as_str().unwrap_or_default();
                writeln!(out, "{}  {count:>6}  {}", pad(name, 20), one_line(query))?;
            }
        }
        SavedCommand::Rm(args) => {
            let mut store = open_store_to_write(path)?;
            if !store.remove_saved_search(&args.name)? {
                bail!(
                    "no saved search {:?}; `byline saved list` shows them",
                    args.name
                );
            }
            outln!("forgot {:?}", args.name)?;
        }
    }
    Ok(Outcome::Done)
}

/// `byline completions SHELL`.
pub fn completions(args: &CompletionsArgs) -> Result<Outcome> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "byline", &mut script);
    output::stdout().write_all(&script)?;
    Ok(Outcome::Done)
}

/// `byline man`.
pub fn man() -> Result<Outcome> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    output::stdout().write_all(&page)?;
    Ok(Outcome::Done)
}

/// Whether an error is an unknown article id (exit 1, like grep finding nothing).
pub fn is_unknown_id(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<StoreError>(),
            Some(StoreError::NotFound(_))
        )
    })
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    #[test]
    fn wide_sources_pad_to_the_same_columns() {
        assert_eq!(pad("新华社", 8).width(), 8);
        assert_eq!(pad("Reuters", 8).width(), 8);
        // A wide character that does not fit whole is left out, not cut in half.
        assert_eq!(pad("新华社新华社", 5), "新华 ");
    }

    #[test]
    fn titles_with_newlines_print_on_one_line() {
        assert_eq!(one_line("Oil\nprices  rise\r\n"), "Oil prices rise");
    }
}
