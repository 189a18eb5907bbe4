//! `byline sync`: add a feed server, sync with every server, show how the last syncs went.

use std::cell::RefCell;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand, ValueEnum};

use super::{Outcome, open_store, open_store_to_write, plural};
use crate::output::progress;
use crate::store::ServerRow;
use crate::sync::fever::{Fever, api_key};
use crate::sync::{SyncSummary, sync_each};
use crate::{errln, outln};

/// `byline sync [add|status]`.
#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
    /// Give up on a request after this many seconds.
    #[arg(long, default_value_t = 30, value_name = "SECONDS")]
    pub timeout: u64,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Add a feed server. The password is read from --password-file or $BYLINE_PASSWORD and
    /// only the API key derived from it is kept, in a file readable by you alone.
    Add(SyncAddArgs),
    /// Show each server: items stored, changes waiting, the last sync and its error.
    Status,
}

/// The server APIs byline speaks.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ServerKind {
    Fever,
}

#[derive(Debug, Args)]
pub struct SyncAddArgs {
    pub kind: ServerKind,
    /// The API endpoint, such as https://example.org/fever/.
    pub url: String,
    #[arg(long, value_name = "USER")]
    pub user: String,
    /// A file holding the password (its first line); else $BYLINE_PASSWORD.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
}

/// Runs `byline sync ...`.
pub fn sync(path: &Path, args: &SyncArgs) -> Result<Outcome> {
    let timeout = Duration::from_secs(args.timeout.max(1));
    match &args.command {
        Some(SyncCommand::Add(add_args)) => add(path, add_args, timeout),
        Some(SyncCommand::Status) => status(path),
        None => sync_all(path, timeout),
    }
}

fn password(args: &SyncAddArgs) -> Result<String> {
    let text = match &args.password_file {
        Some(file) => std::fs::read_to_string(file).with_context(|| {
            format!(
                "cannot read the password file {}",
                crate::article::shown(file)
            )
        })?,
        None => std::env::var("BYLINE_PASSWORD")
            .context("no password: give --password-file FILE or set BYLINE_PASSWORD")?,
    };
    let line = text.lines().next().unwrap_or("").to_string();
    if line.is_empty() {
        bail!("the password is empty");
    }
    Ok(line)
}

fn add(path: &Path, args: &SyncAddArgs, timeout: Duration) -> Result<Outcome> {
    let url = args.url.trim();
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("not an http(s) URL: {url:?}");
    }
    let key = api_key(&args.user, &password(args)?);
    let mut fever = Fever::new(url, &key, timeout);
    fever
        .check()
        .with_context(|| format!("cannot sign in to {url:?} as {:?}", args.user))?;
    let mut store = open_store_to_write(path)?;
    let key_file = key_path(path, store.next_server_id()?);
    write_key(&key_file, &key)?;
    let id = store.add_server("fever", url, &args.user, &key_file.to_string_lossy())?;
    outln!(
        "added server {id}: fever {url:?} as {:?}; run `byline sync`",
        args.user
    )?;
    Ok(Outcome::Done)
}

/// Where a server's key is kept: beside the store, in a folder only its owner can read.
fn key_path(store: &Path, id: i64) -> PathBuf {
    let mut name = store.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".server-{id}.key"));
    store.with_file_name(name)
}

fn write_key(file: &Path, key: &str) -> Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let shown = crate::article::shown(file);
    let mut f = options
        .open(file)
        .with_context(|| format!("cannot write the key file {shown}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))
            .with_context(|| format!("cannot restrict the key file {shown}"))?;
    }
    f.write_all(key.as_bytes())
        .with_context(|| format!("cannot write the key file {shown}"))
}

fn sync_all(path: &Path, timeout: Duration) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    store.defer_text_index(true);
    if store.servers()?.is_empty() {
        outln!("no servers to sync; add one with `byline sync add fever URL --user U`")?;
        return Ok(Outcome::Done);
    }
    let bar = RefCell::new(None);
    let on_page = |server: &ServerRow, done: usize, total: Option<i64>| {
        let mut bar = bar.borrow_mut();
        if bar.is_none() {
            *bar = progress::bar(0, "{bar:30} {pos}/{len} items  {wide_msg}");
        }
        if let Some(bar) = bar.as_ref() {
            let left = total.and_then(|t| u64::try_from(t - server.since_id).ok());
            bar.set_length(left.unwrap_or(done as u64));
            bar.set_position(done as u64);
        }
    };
    let on_done = |server: &ServerRow, result: Result<&SyncSummary, &str>| {
        if let Some(bar) = bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
        match result {
            Ok(s) => {
                let _ = outln!("{}", summary_line(server, s));
            }
            Err(reason) => errln!("{}: {reason}", server.url),
        }
    };
    let totals = sync_each(&mut store, timeout, on_page, on_done)?;
    store
        .index_text()
        .context("the articles are stored, but not yet searchable (`byline index` retries)")?;
    Ok(if totals.failed == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

fn summary_line(server: &ServerRow, s: &SyncSummary) -> String {
    format!(
        "synced {:?}: {} new article{}, {} pushed, {} pulled, {} conflict{} (server won); {} request{}",
        server.url,
        s.added,
        plural(s.added),
        s.pushed,
        s.pulled,
        s.conflicts,
        plural(s.conflicts),
        s.requests,
        plural(s.requests)
    )
}

fn status(path: &Path) -> Result<Outcome> {
    let store = open_store(path)?;
    let servers = store.servers()?;
    if servers.is_empty() {
        outln!("no servers; add one with `byline sync add fever URL --user U`")?;
    }
    for s in &servers {
        let items = store.known_items(s.id)?.len();
        let queued = store.queued_count(s.id)?;
        let last = s.synced.map_or_else(|| "never".to_string(), format_time);
        outln!(
            "{} {} {:?} as {:?}: {items} item{} stored, {queued} change{} to push, last synced {last}",
            s.id,
            s.kind,
            s.url,
            s.user,
            plural(items),
            plural(queued)
        )?;
        if let Some(e) = &s.error {
            outln!("  last sync failed: {e}")?;
        }
    }
    Ok(Outcome::Done)
}

fn format_time(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0).map_or_else(|| t.to_string(), |d| d.to_rfc3339())
}
