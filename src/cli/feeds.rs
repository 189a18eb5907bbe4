//! Arguments of the feed commands: subscriptions, OPML, refresh.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::JsonArg;

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed (RSS, Atom or JSON Feed): an http(s):// or file:// URL, or a path.
    #[command(after_help = "\
The URL is fetched once to check it: a web page is searched for the feeds it names
(<link rel=\"alternate\">) and the first is subscribed to.

Examples:
  byline feed add https://example.org/           a site that names its feed
  byline feed add https://example.org/rss.xml
  byline feed add ./saved/world.xml --tag world --tag daily
  byline feed add https://example.org/rss.xml --full-text   whole articles, not summaries
  byline refresh                   fetch it

`[feeds] full_text = true` in config.toml fetches whole articles for every feed.")]
    Add(FeedAddArgs),
    /// List subscriptions with their article counts and last error.
    #[command(after_help = "\
Examples:
  byline feed list
  byline feed list --json")]
    List(JsonArg),
    /// Unsubscribe (its articles stay in the store unless --purge).
    #[command(after_help = "\
Examples:
  byline feed remove https://example.org/rss.xml
  byline feed remove 3              by the number `byline feed list` shows
  byline feed remove 3 --purge      its articles too (those another feed also brought stay)")]
    Remove(FeedRemoveArgs),
}

#[derive(Debug, Subcommand)]
pub enum OpmlCommand {
    /// Subscribe to every feed an OPML file lists (folders become tags).
    #[command(after_help = "\
Local files the list names (file:// URLs, paths) are skipped unless --allow-files is given.

Examples:
  byline opml import subscriptions.opml
  byline opml import --allow-files my-local-feeds.opml")]
    Import(OpmlImportArgs),
    /// Write the subscriptions as OPML 2.0 to stdout.
    #[command(after_help = "\
Examples:
  byline opml export > byline.opml")]
    Export,
}

#[derive(Debug, Args)]
pub struct FeedAddArgs {
    /// The feed's URL (http, https, file) or a path to a feed file.
    pub url: String,
    /// A tag for the feed (repeatable).
    #[arg(long, value_name = "TAG")]
    pub tag: Vec<String>,
    /// Subscribe without fetching the URL first (byline otherwise checks that it is a feed, or
    /// a web page naming one, which it then subscribes to).
    #[arg(long)]
    pub no_check: bool,
    /// Fetch each new item's page during `byline refresh` and keep its whole article in place
    /// of the feed's summary (for feeds that carry only summaries).
    #[arg(long)]
    pub full_text: bool,
}

#[derive(Debug, Args)]
pub struct FeedRemoveArgs {
    /// The feed's URL, or its number from `byline feed list`.
    pub feed: String,
    /// Delete the articles that came from this feed alone.
    #[arg(long)]
    pub purge: bool,
}

#[derive(Debug, Args)]
pub struct OpmlImportArgs {
    /// The OPML file.
    pub file: PathBuf,
    /// Also subscribe to the local files (file:// URLs and paths) the list names; they are
    /// refused otherwise, since a list from elsewhere could point at any file on this machine.
    #[arg(long)]
    pub allow_files: bool,
}

#[derive(Debug, Args)]
pub struct RefreshArgs {
    /// How many feeds to fetch at once.
    #[arg(long, short = 'j', default_value_t = 8)]
    pub jobs: usize,
    /// Give up on a feed after this many seconds.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub timeout: u64,
    /// Only feeds with this tag.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// Print the summary and each feed's result as JSON.
    #[arg(long)]
    pub json: bool,
}
