//! What each command does: opens the store, does the work, prints the result.

mod entities;
mod entity;
mod extract;
pub use extract::{entity_counts, index_pending_on};
pub use maintain::backups_to_keep;
mod feeds;
mod fulltext;
mod lists;
pub use lists::is_unknown_id;
mod maintain;
mod pages;
mod samples;
pub use samples::{SAMPLE_TAG, open_reader_store};
pub mod sync;
mod watch;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};

use crate::article::{Article, BlockKind, ImportReport, import_paths};
use crate::cli::{Cli, Command, ImportArgs, ListArgs, MarkArgs, SearchArgs, ShowArgs};
use crate::output::json::{self, Layout};
use crate::output::{self, stdout_is_terminal};
use crate::store::{StateChange, Store};
use crate::{errln, outln};

/// How a command ended, for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// Some inputs failed; the rest went in.
    Partial,
    /// `byline check` found the store unsound.
    Unsound,
    /// A search, list or removal found nothing (exit 1, as grep does).
    NothingFound,
}

/// Runs the command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    let path = store_path(cli.store)?;
    match cli.command {
        Some(Command::Import(args)) => import(&path, &args),
        Some(Command::List(args)) => lists::list(&path, &args),
        Some(Command::Rm(args)) => lists::rm(&path, &args),
        Some(Command::Saved(command)) => lists::saved(&path, &command),
        Some(Command::Watch(command)) => watch::watch(&path, &command),
        Some(Command::Completions(args)) => lists::completions(&args),
        Some(Command::Man) => lists::man(),
        Some(Command::Show(args)) => show(&path, &args),
        Some(Command::Search(args)) => search(&path, &args),
        Some(Command::Mark(args)) => mark(&path, &args),
        Some(Command::Ner) => extract::ner(),
        Some(Command::Fulltext) => fulltext::fulltext(),
        Some(Command::Fetch(args)) => pages::fetch(&path, &args),
        Some(Command::Entities(args)) if args.target.is_none() => entities::rankings(&path, &args),
        Some(Command::Entities(args)) => extract::entities(&path, &args),
        Some(Command::Index(args)) => extract::index(&path, &args),
        Some(Command::Mentions(args)) => extract::mentions(&path, &args),
        Some(Command::Entity(args)) => entity::entity(&path, &args),
        Some(Command::Open(args)) => open_files(&args.paths),
        Some(Command::Feed(command)) => feeds::feed(&path, &command),
        Some(Command::Opml(command)) => feeds::opml(&path, &command),
        Some(Command::Refresh(args)) => feeds::refresh(&path, &args),
        Some(Command::Sync(args)) => sync::sync(&path, &args),
        Some(Command::Config(crate::cli::ConfigCommand::Check)) => {
            let (report, sound) = crate::tui::config::check();
            outln!("{report}")?;
            Ok(if sound {
                Outcome::Done
            } else {
                Outcome::Partial
            })
        }
        Some(Command::Check) => maintain::check(&path),
        Some(Command::Repair) => maintain::repair(&path),
        Some(Command::Backup(args)) => maintain::backup(&path, args.path.as_deref()),
        Some(Command::Restore(args)) => maintain::restore(&path, &args.file),
        None if stdout_is_terminal() && output::stdin_is_terminal() => {
            crate::tui::run(open_reader_store(&path)?).map(|()| Outcome::Done)
        }
        None => {
            // A first start lists like the reader opens: onto the samples.
            drop(open_reader_store(&path)?);
            lists::list(
                &path,
                &ListArgs {
                    query: Vec::new(),
                    saved: None,
                    sort: crate::store::Sort::Newest,
                    unread: false,
                    starred: false,
                    tag: None,
                    limit: 50,
                    offset: 0,
                    json: false,
                },
            )
        }
    }
}

/// The store file: `--store`, else `BYLINE_STORE` (both via clap), else the XDG data dir.
fn store_path(given: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = given {
        return Ok(path);
    }
    let dirs = directories::ProjectDirs::from("", "", "byline")
        .context("cannot find a home directory for the store; pass --store PATH")?;
    Ok(dirs.data_dir().join("library.db"))
}

/// Indexes the entities of every article in a store that is not indexed yet.
pub fn index_store(store: &mut Store) -> Result<usize> {
    extract::index_pending(store, usize::MAX)
}

/// Opens the store (reading it writes nothing).
pub fn open_store(path: &std::path::Path) -> Result<Store> {
    Store::open(path).context("cannot open the store")
}

/// [`open_store`] for a command that writes: the daily backup is made first when due.
pub fn open_store_to_write(path: &std::path::Path) -> Result<Store> {
    let store = open_store(path)?;
    // The first command that writes settles it: the samples come only when the reader is the
    // first to open a store (see [`open_reader_store`]), not after an import.
    if !store.is_read_only() && store.meta("seeded")?.is_none() {
        store.set_meta("seeded", "0")?;
    }
    maintain::daily_backup(&store);
    Ok(store)
}

/// `byline open PATH...`: the reader on files, through a store in memory.
fn open_files(paths: &[PathBuf]) -> Result<Outcome> {
    let mut store = Store::open_in_memory()?;
    let mut failures = 0;
    import_paths(paths, |_, report| {
        for e in &report.errors {
            failures += 1;
            errln!("{e}");
        }
        if let Err(e) = store.insert_batch(&report.articles) {
            failures += 1;
            errln!("{e}");
        }
    });
    if store.count()? == 0 {
        anyhow::bail!(
            "nothing to read in {} path{}",
            paths.len(),
            plural(paths.len())
        );
    }
    // Entities are indexed when first followed (Enter on an entity), not before the first
    // frame: the reader extracts the open article's entities itself.
    crate::tui::run(store)?;
    Ok(if failures == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

/// Writes the articles of `files` in one transaction: (added, duplicates, failed files).
fn write_pending(
    store: &mut Store,
    pending: &mut Vec<Article>,
    files: &mut Vec<PathBuf>,
) -> (usize, usize, usize) {
    let result = match store.insert_batch(pending) {
        Ok(summary) => (summary.added, summary.duplicates, 0),
        Err(e) => {
            for file in files.iter() {
                errln!("{}: {e}", crate::article::shown(file));
            }
            (0, 0, files.len())
        }
    };
    pending.clear();
    files.clear();
    result
}

/// Articles written per import transaction (a file is split between two only when it is a
/// feed of more items than this: feeds arrive in batches, see `import_paths`).
const IMPORT_BATCH: usize = 4_000;

fn import(path: &std::path::Path, args: &ImportArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    // New articles are full-text indexed in one statement at the end, not row by row as they
    // are written: see `Store::defer_text_index`.
    store.defer_text_index(true);
    let (mut files, mut added, mut duplicates, mut failures) = (0usize, 0usize, 0usize, 0usize);
    // Files are read and parsed on a second thread while this one writes: the store's
    // full-text index is the slow half, and parsing overlaps it. Files are written together in
    // transactions of at least IMPORT_BATCH articles (fewer full-text flushes and merges).
    // The channel holds a few reports at most, so memory stays bounded however big a feed is.
    let (tx, rx) = std::sync::mpsc::sync_channel::<(PathBuf, ImportReport)>(4);
    let paths = args.paths.clone();
    let reader = std::thread::spawn(move || {
        import_paths(&paths, |file, report| {
            let _ = tx.send((file.to_path_buf(), report));
        });
    });
    let mut pending: Vec<Article> = Vec::new();
    let mut pending_files: Vec<PathBuf> = Vec::new();
    for (file, report) in rx {
        files += report.files;
        for error in &report.errors {
            failures += 1;
            errln!("{error}");
        }
        if report.articles.is_empty() {
            continue;
        }
        pending.extend(report.articles);
        if pending_files.last() != Some(&file) {
            pending_files.push(file);
        }
        if pending.len() >= IMPORT_BATCH {
            let (a, d, f) = write_pending(&mut store, &mut pending, &mut pending_files);
            (added, duplicates, failures) = (added + a, duplicates + d, failures + f);
        }
    }
    let (a, d, f) = write_pending(&mut store, &mut pending, &mut pending_files);
    (added, duplicates, failures) = (added + a, duplicates + d, failures + f);
    let _ = reader.join();
    // Searches never write, so the import leaves its articles searchable.
    store
        .index_text()
        .context("the articles are stored, but not yet searchable (`byline index` retries)")?;
    if args.json {
        let summary = serde_json::json!({"files": files, "added": added, "duplicates": duplicates, "failed": failures});
        json::print(&summary, Layout::Compact)?;
    } else {
        outln!(
            "imported {added} new article{} from {files} file{}; {duplicates} already in the store; {failures} failed",
            plural(added),
            plural(files)
        )?;
    }
    Ok(if failures == 0 {
        Outcome::Done
    } else {
        Outcome::Partial
    })
}

fn show(path: &std::path::Path, args: &ShowArgs) -> Result<Outcome> {
    let store = open_store(path)?;
    let article = store.get(&args.id)?;
    if args.json {
        json::print(&article, Layout::Pretty)?;
    } else {
        let feeds = store.feeds_of(&article.id)?;
        write!(output::stdout(), "{}", render_text(&article, &feeds))?;
    }
    Ok(Outcome::Done)
}

pub(crate) use lists::row_line;

fn search(path: &std::path::Path, args: &SearchArgs) -> Result<Outcome> {
    let store = open_store(path)?;
    let hits = store.search_sorted(&args.query.join(" "), args.sort, args.offset, args.limit)?;
    let pending = store.text_index_pending()?;
    if pending > 0 {
        errln!(
            "{pending} article{} not searched: not in the search index yet (`byline index` adds them)",
            plural(pending)
        );
    }
    if args.json {
        json::print(&hits, Layout::Pretty)?;
        return Ok(if hits.is_empty() {
            Outcome::NothingFound
        } else {
            Outcome::Done
        });
    }
    let (open, close) = if stdout_is_terminal() {
        ("\x1b[1;4m", "\x1b[0m")
    } else {
        ("**", "**")
    };
    let mut out = output::stdout();
    for hit in &hits {
        writeln!(out, "{}", row_line(&hit.row))?;
        let snippet = &hit.snippet;
        write!(out, "    ")?;
        let mut at = 0;
        for &(start, end) in &hit.highlights {
            write!(out, "{}", &snippet[at..start])?;
            out.style(open)?;
            write!(out, "{}", &snippet[start..end])?;
            out.style(close)?;
            at = end;
        }
        writeln!(out, "{}", &snippet[at..])?;
    }
    if hits.is_empty() {
        errln!("no articles match");
        return Ok(Outcome::NothingFound);
    }
    // The count is for a person reading: a pipe gets the hits alone, without counting them all.
    if !stdout_is_terminal() {
        return Ok(Outcome::Done);
    }
    let total = store.count_matching(&args.query.join(" "))?;
    if total > args.offset + hits.len() {
        errln!(
            "{} of {total} article{} shown (--offset {} for more)",
            hits.len(),
            plural(total),
            args.offset + hits.len()
        );
    }
    Ok(Outcome::Done)
}

fn mark(path: &std::path::Path, args: &MarkArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    let mut changes = Vec::new();
    for (on, change) in [
        (args.read, StateChange::Read(true)),
        (args.unread, StateChange::Read(false)),
        (args.star, StateChange::Starred(true)),
        (args.unstar, StateChange::Starred(false)),
    ] {
        if on {
            changes.push(change);
        }
    }
    changes.extend(args.tag.iter().map(|t| StateChange::Tag(t.clone())));
    changes.extend(args.untag.iter().map(|t| StateChange::Untag(t.clone())));
    for id in &args.ids {
        for change in &changes {
            store.change_state(id, change)?;
        }
    }
    Ok(Outcome::Done)
}

/// An article as plain text: a header of its fields, then its blocks.
fn render_text(a: &Article, feeds: &[String]) -> String {
    let mut s = format!("{}\n", lists::one_line(&a.title));
    let fields = [
        ("By", a.authors.join(", ")),
        ("Dateline", a.dateline.join(", ")),
        (
            "Published",
            a.published
                .clone()
                .or_else(|| a.published_raw.clone())
                .unwrap_or_default(),
        ),
        ("Source", a.source.clone().unwrap_or_default()),
        ("URL", a.url.clone().unwrap_or_default()),
        ("Tags", a.tags.join(", ")),
        ("Feeds", feeds.join(", ")),
        ("Id", a.id.clone()),
    ];
    for (name, value) in fields.iter().filter(|(_, v)| !v.is_empty()) {
        s.push_str(&format!("{name}: {value}\n"));
    }
    for (kind, text) in a.body.iter() {
        s.push('\n');
        match kind {
            BlockKind::Subheading => s.push_str(&format!("## {text}\n")),
            BlockKind::Quote => s.push_str(&format!("> {text}\n")),
            _ => s.push_str(&format!("{text}\n")),
        }
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
