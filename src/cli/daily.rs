//! Arguments of the daily-reading commands: deleting, saved searches, completions.

use clap::{Args, Subcommand};

use super::JsonArg;

pub(super) const LIST_HELP: &str = "\
Filters (combined with words, which are searched for as `byline search` does):
  is:unread  is:read  is:starred  tag:world  feed:3  feed:reuters  source:bbc
  after:2024-03  before:2024-06-01  after:7d  after:2w  after:12h

Articles without a date sort by when byline stored them, and show `undated`.

Examples:
  byline list
  byline list is:unread --limit 20
  byline list 'tag:world after:7d' --sort oldest
  byline list --saved morning
  byline list --json | jq -r '.[].title'

Exit status: 0 when articles are listed, 1 when a query or --saved finds none.";

pub(super) const RM_HELP: &str = "\
Deleted articles leave the search and entity indexes in the same transaction.

Examples:
  byline rm 3fa2 91bc
  byline rm tag:sample             the bundled samples
  byline rm 'feed:example before:30d'

Exit status: 0 when articles were deleted, 1 when an id is unknown or the query finds none.";

pub(super) const COMPLETIONS_HELP: &str = "\
Examples:
  byline completions bash > ~/.local/share/bash-completion/completions/byline
  byline completions zsh > ~/.zfunc/_byline
  byline completions fish > ~/.config/fish/completions/byline.fish";

pub(super) const MAN_HELP: &str = "\
Examples:
  byline man | man -l -
  byline man > ~/.local/share/man/man1/byline.1";

#[derive(Debug, Args)]
pub struct RmArgs {
    /// Article ids (or unique prefixes), or a query (`tag:sample`, `feed:3 before:30d`).
    #[arg(required = true, value_name = "ID_OR_QUERY")]
    pub targets: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum SavedCommand {
    /// Save QUERY as NAME (a saved NAME is replaced).
    #[command(after_help = "\
Examples:
  byline saved add morning 'is:unread tag:world'
  byline list --saved morning")]
    Add(SavedAddArgs),
    /// List saved searches with how many articles each finds.
    List(JsonArg),
    /// Forget a saved search.
    Rm(SavedRmArgs),
}

#[derive(Debug, Args)]
pub struct SavedAddArgs {
    /// The name.
    pub name: String,
    /// The query (several words are joined with spaces).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SavedRmArgs {
    /// The name.
    pub name: String,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell.
    pub shell: clap_complete::Shell,
}
