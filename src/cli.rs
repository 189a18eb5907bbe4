//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// byline: a terminal news reader with an entity sidebar.
#[derive(Debug, Parser)]
#[command(name = "byline", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The store file (default: $XDG_DATA_HOME/byline/library.db).
    #[arg(long, global = true, env = "BYLINE_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  byline                          list the newest articles in the store
  byline import ~/news            import every article file under ~/news
  byline list --unread --limit 20
  byline show 3fa2c1 --json       one article as JSON (an id prefix is enough)";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import article files and directories (plain text, Markdown, JSON, JSON Lines, .gz).
    #[command(after_help = "\
Examples:
  byline import story.txt notes.md
  byline import ~/news/            directories are read recursively
  byline import dump.jsonl.gz      one article per line, gzip-compressed

Exit status: 0 when every input was imported, 3 when some failed (each failure is printed to
stderr as `path: reason`; the rest is imported all the same), 2 on a usage error.")]
    Import(ImportArgs),
    /// List the articles in the store, newest first.
    #[command(after_help = "\
Examples:
  byline list
  byline list --unread --limit 20
  byline list --json | jq -r '.[].title'")]
    List(ListArgs),
    /// Show one article in full.
    #[command(after_help = "\
Examples:
  byline show 3fa2c1d0e4b5a697
  byline show 3fa2 --json          a unique prefix of the id is enough")]
    Show(ShowArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or directories to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only articles not yet read.
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// How many articles to list.
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
    /// How many of the newest articles to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article's id, or a unique prefix of it.
    pub id: String,
    /// Print the article as JSON (byline's own schema, which `byline import` reads back).
    #[arg(long)]
    pub json: bool,
}
