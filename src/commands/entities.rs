//! `byline entities --top` and `--trending`: the store's canonical entities ranked.

use std::io::Write;

use anyhow::Result;

use super::{Outcome, open_store};
use crate::cli::EntitiesArgs;
use crate::errln;
use crate::output;
use crate::output::json::{self, Layout};
use crate::store::{RankedEntity, Ranking, Store, period_start};

/// Prints the most mentioned or the trending entities.
pub fn rankings(path: &std::path::Path, args: &EntitiesArgs) -> Result<Outcome> {
    let store = open_store(path)?;
    let end = store.period_end()?;
    let kind = args.kind.as_deref();
    let rows = if args.trending {
        store.trending_in_days(args.days, kind, args.limit)?
    } else {
        let since = match &args.since {
            Some(when) => Some(period_start(when, end).map_err(anyhow::Error::msg)?),
            None => None,
        };
        let ranking = Ranking {
            since: since.as_deref(),
            kind,
            limit: args.limit,
        };
        store.top_entities(&ranking)?
    };
    if args.json {
        json::print(&rows, Layout::Pretty)?;
    } else {
        print_table(&rows, args.trending)?;
    }
    if rows.is_empty() {
        errln!("{}", nothing_found(&store, args.trending)?);
        return Ok(Outcome::NothingFound);
    }
    Ok(Outcome::Done)
}

fn print_table(rows: &[RankedEntity], trending: bool) -> Result<()> {
    let mut out = output::stdout();
    if rows.is_empty() {
        return Ok(());
    }
    if trending {
        writeln!(
            out,
            "{:<6} {:>8} {:>8} {:>6}  name",
            "kind", "recent", "before", "score"
        )?;
    } else {
        writeln!(
            out,
            "{:<6} {:>8} {:>8}  name",
            "kind", "articles", "mentions"
        )?;
    }
    for r in rows {
        if trending {
            let (before, score) = (r.before.unwrap_or(0), r.score.unwrap_or(0.0));
            writeln!(
                out,
                "{:<6} {:>8} {before:>8} {score:>6.1}  {}",
                r.kind, r.articles, r.name
            )?;
        } else {
            writeln!(
                out,
                "{:<6} {:>8} {:>8}  {}",
                r.kind, r.articles, r.mentions, r.name
            )?;
        }
    }
    Ok(())
}

/// Why a ranking is empty.
fn nothing_found(store: &Store, trending: bool) -> Result<String> {
    let pending = store.unindexed_count(crate::extract::EXTRACTOR_VERSION)?;
    Ok(if pending > 0 {
        format!("no entities to rank yet: {pending} articles wait for `byline index`")
    } else if !store.entities_resolved()? {
        "the store's entities are not resolved yet: `byline index` resolves them".into()
    } else if trending {
        "nothing stands out in the recent days against the two weeks before".into()
    } else {
        "no entity is mentioned in that period".into()
    })
}
