//! `byline feed`, `byline opml` and `byline refresh`.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{Outcome, open_store_to_write, plural};
use crate::cli::{FeedAddArgs, FeedCommand, OpmlCommand, OpmlImportArgs, RefreshArgs};
use crate::feed::opml::{Outline, parse_opml, write_opml};
use crate::feed::{
    FetchOutcome, Fetcher, ParsedFeed, Validators, discover_feeds, parse_feed_batches,
};
use crate::output::json::{self, Layout};
use crate::output::{self, progress};
use crate::refresh::{FeedReport, refresh_with_pages};
use crate::{errln, outln};

pub fn feed(path: &Path, command: &FeedCommand) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    match command {
        FeedCommand::Add(args) => add(&mut store, args),
        FeedCommand::List(args) => {
            let feeds = store.feeds()?;
            let whole = store.full_text_feeds()?;
            let all = crate::settings::full_text_for_all_feeds();
            let is_whole = |id: i64| all || whole.contains(&id);
            if args.json {
                let rows = feeds
                    .iter()
                    .map(|f| {
                        let mut row = serde_json::to_value(f)?;
                        row["full_text"] = is_whole(f.id).into();
                        Ok(row)
                    })
                    .collect::<Result<Vec<_>, serde_json::Error>>()?;
                json::print(&rows, Layout::Pretty)?;
                return Ok(Outcome::Done);
            }
            let mut out = output::stdout();
            if feeds.is_empty() {
                writeln!(out, "no subscriptions; add one with `byline feed add URL`")?;
            }
            for f in feeds {
                let title = f.title.as_deref().unwrap_or("(not fetched yet)");
                let mut tags = if f.tags.is_empty() {
                    String::new()
                } else {
                    format!("  [{}]", f.tags.join(", "))
                };
                if is_whole(f.id) {
                    tags.push_str("  full text");
                }
                let line = format!(
                    "{:>3}  {title}  {} articles, {} unread{tags}\n     {}",
                    f.id, f.articles, f.unread, f.url
                );
                writeln!(out, "{line}")?;
                if let Some(error) = f.error {
                    writeln!(out, "     last refresh failed: {error}")?;
                }
            }
            Ok(Outcome::Done)
        }
        FeedCommand::Remove(args) => {
            let purged = match store.articles_only_from(&args.feed)? {
                Some(ids) if args.purge => store.remove_articles(&ids)?,
                _ => 0,
            };
            if !store.remove_feed(&args.feed)? {
                bail!(
                    "no subscription {:?}; `byline feed list` shows them",
                    args.feed
                );
            }
            if args.purge {
                outln!(
                    "removed {} and its {purged} article{}",
                    args.feed,
                    super::plural(purged)
                )?;
            } else {
                outln!("removed {}; its articles stay in the store", args.feed)?;
            }
            Ok(Outcome::Done)
        }
    }
}

/// A URL byline can fetch: http(s) and file URLs as given, paths made absolute `file://` URLs.
pub fn feed_url(given: &str) -> Result<String> {
    let given = given.trim();
    let shown = crate::article::one_line(given);
    if given.contains("://") && given.contains(|c: char| c.is_whitespace() || c.is_control()) {
        bail!("{shown}: a URL has no spaces, line breaks or control characters");
    }
    if given.starts_with("http://") || given.starts_with("https://") || given.starts_with("file://")
    {
        url::Url::parse(given).with_context(|| format!("{shown}: not a valid URL"))?;
        return Ok(given.to_string());
    }
    if given.contains("://") {
        bail!("{shown}: byline fetches http, https and file URLs only");
    }
    let path = std::fs::canonicalize(given)
        .with_context(|| format!("{shown}: not a URL, and no such file"))?;
    url::Url::from_file_path(&path)
        .map(String::from)
        .map_err(|()| anyhow::anyhow!("{shown}: cannot make a file:// URL of it"))
}

fn add(store: &mut crate::store::Store, args: &FeedAddArgs) -> Result<Outcome> {
    let given = feed_url(&args.url)?;
    let (url, title) = if args.no_check {
        (given, None)
    } else {
        check_feed(&given)?
    };
    let (id, new) = store.add_feed(&url, title.as_deref(), &args.tag)?;
    if args.full_text {
        store.set_feed_full_text(id, true)?;
    }
    let name = title.as_deref().unwrap_or(&url);
    if new {
        outln!("subscribed to {name} ({url}, feed {id}); `byline refresh` fetches it")?;
    } else {
        outln!("already subscribed to {name} ({url}, feed {id})")?;
    }
    Ok(Outcome::Done)
}

/// Fetches `url` once: a feed is taken as it is, a web page for the first feed it names
/// (`<link rel="alternate">`). Returns the feed's URL and title.
fn check_feed(url: &str) -> Result<(String, Option<String>)> {
    let fetcher = Fetcher::default();
    let fetch = |u: &str| match fetcher.fetch(u, &Validators::default()) {
        Ok(FetchOutcome::Fetched { bytes, url, .. }) => Ok((bytes, url)),
        Ok(FetchOutcome::NotModified) => bail!("{u}: the server answered 304 to a first request"),
        Err(e) => bail!("{u}: {e} (--no-check subscribes without fetching)"),
    };
    let (bytes, found_at) = fetch(url)?;
    let reason = match first_items(&bytes, &found_at) {
        Ok(feed) => return Ok((url.to_string(), feed.title)),
        Err(reason) => reason,
    };
    let base = url::Url::parse(&found_at).with_context(|| format!("{url}: not a valid URL"))?;
    let offered = discover_feeds(&String::from_utf8_lossy(&bytes), &base);
    let Some((feed, title)) = offered.first() else {
        bail!("{url}: {reason}, and it names no feed");
    };
    let (bytes, found_at) = fetch(feed)?;
    let parsed = first_items(&bytes, &found_at).map_err(|r| anyhow::anyhow!("{feed}: {r}"))?;
    if offered.len() > 1 {
        let others: Vec<&str> = offered[1..].iter().map(|(u, _)| u.as_str()).collect();
        errln!(
            "{url} names {} feeds; the others: {}",
            offered.len(),
            others.join(" ")
        );
    }
    Ok((feed.clone(), parsed.title.or_else(|| title.clone())))
}

/// The feed's first batch of items, with its title: enough to check a feed without holding
/// all of a big one.
fn first_items(bytes: &[u8], location: &str) -> Result<ParsedFeed, String> {
    let mut first = None;
    parse_feed_batches(bytes, location, crate::article::FEED_BATCH, |batch| {
        first = Some(batch);
        std::ops::ControlFlow::Break(())
    })?;
    Ok(first.unwrap_or_default())
}

pub fn opml(path: &Path, command: &OpmlCommand) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    match command {
        OpmlCommand::Import(args) => import_opml(&mut store, args),
        OpmlCommand::Export => {
            let outlines: Vec<Outline> = store
                .feeds()?
                .into_iter()
                .map(|f| Outline {
                    url: f.url,
                    title: f.title,
                    tags: f.tags,
                })
                .collect();
            write!(output::stdout(), "{}", write_opml(&outlines))?;
            Ok(Outcome::Done)
        }
    }
}

fn import_opml(store: &mut crate::store::Store, args: &OpmlImportArgs) -> Result<Outcome> {
    if crate::guard::is_open_store_file(&args.file) {
        bail!(crate::guard::refusal(&args.file));
    }
    let file = crate::article::shown(&args.file);
    let bytes = read_capped(&args.file, Fetcher::MAX_BYTES)
        .with_context(|| format!("{file}: cannot read"))?;
    let outlines = parse_opml(&bytes).map_err(|reason| anyhow::anyhow!("{file}: {reason}"))?;
    let (mut added, mut known, mut bad) = (0, 0, 0);
    for o in &outlines {
        match opml_feed_url(&o.url, args.allow_files) {
            Ok(url) => match store.add_feed(&url, o.title.as_deref(), &o.tags)? {
                (_, true) => added += 1,
                (_, false) => known += 1,
            },
            Err(e) => {
                bad += 1;
                errln!("{file}: {e}");
            }
        }
    }
    outln!(
        "{added} new subscription{} from {file}; {known} already there; {bad} skipped",
        plural(added),
    )?;
    Ok(if bad == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

/// The URL of a feed an OPML list names. Local files (paths, file:// URLs) are refused unless
/// the user allowed them: a list from elsewhere could name `/etc/shadow` or `/dev/zero`.
fn opml_feed_url(given: &str, allow_files: bool) -> Result<String> {
    let trimmed = given.trim();
    let is_local = !trimmed.contains("://") || trimmed.starts_with("file://");
    if is_local && !allow_files {
        bail!(
            "{trimmed}: a local file, skipped (`byline opml import --allow-files` subscribes to \
             the files a list names)"
        );
    }
    feed_url(given)
}

/// Reads at most `limit` bytes of a file; more is an error, not a truncated read.
fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        bail!("larger than the limit of {limit} bytes");
    }
    Ok(bytes)
}

pub fn refresh(path: &Path, args: &RefreshArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    store.defer_text_index(true);
    let feeds: Vec<_> = store
        .feeds()?
        .into_iter()
        .filter(|f| args.tag.as_ref().is_none_or(|t| f.tags.contains(t)))
        .collect();
    if feeds.is_empty() {
        outln!("no subscriptions to refresh; add one with `byline feed add URL`")?;
        return Ok(Outcome::Done);
    }
    let fetcher = Fetcher::with_timeout(Duration::from_secs(args.timeout.max(1)));
    let bar = progress_bar(feeds.len(), args.json);
    let mut reports = Vec::new();
    let mut page_errors = Vec::new();
    let on_page = |page: &crate::pages::PageReport| {
        if let Err(reason) = &page.result {
            page_errors.push(format!("{}: {reason}; the summary stays", page.url));
        }
    };
    let on_feed = |report: &FeedReport| {
        if let Some(bar) = &bar {
            bar.set_message(report.title.clone().unwrap_or_else(|| report.url.clone()));
            bar.inc(1);
        }
        if let Err(reason) = &report.result
            && !args.json
        {
            let line = format!("{}: {reason}", report.url);
            match &bar {
                Some(bar) => bar.suspend(|| errln!("{line}")),
                None => errln!("{line}"),
            }
        }
        reports.push(report.clone());
    };
    let summary = refresh_with_pages(&mut store, &feeds, &fetcher, args.jobs, on_feed, on_page)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if !args.json {
        for line in &page_errors {
            errln!("{line}");
        }
    }
    // Searches never write, so the refresh leaves its articles searchable.
    store
        .index_text()
        .context("the articles are stored, but not yet searchable (`byline index` retries)")?;
    if args.json {
        let out = serde_json::json!({"summary": summary, "feeds": reports_json(&reports)});
        json::print(&out, Layout::Compact)?;
    } else {
        outln!(
            "refreshed {} feed{}: {} new article{}, {} updated; {} unchanged since last time; {} failed",
            summary.feeds,
            plural(summary.feeds),
            summary.added,
            plural(summary.added),
            summary.updated,
            summary.not_modified,
            summary.failed
        )?;
        if summary.pages > 0 {
            outln!(
                "fetched {} page{} of new articles: {} whole, {} kept their summaries",
                summary.pages,
                plural(summary.pages),
                summary.pages - summary.pages_failed,
                summary.pages_failed
            )?;
        }
    }
    Ok(if summary.failed == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

fn reports_json(reports: &[FeedReport]) -> Vec<serde_json::Value> {
    reports
        .iter()
        .map(|r| match &r.result {
            Ok(counts) => {
                serde_json::json!({"id": r.id, "url": r.url, "title": r.title, "ok": counts})
            }
            Err(e) => serde_json::json!({"id": r.id, "url": r.url, "title": r.title, "error": e}),
        })
        .collect()
}

/// A progress bar on stderr when it is a terminal.
fn progress_bar(len: usize, json: bool) -> Option<indicatif::ProgressBar> {
    if json {
        return None;
    }
    progress::bar(len, "{bar:30} {pos}/{len} feeds  {wide_msg}")
}
