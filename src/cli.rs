//! Command-line arguments (clap derive).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod daily;
mod entities;
mod feeds;
pub use daily::{CompletionsArgs, RmArgs, SavedAddArgs, SavedCommand, SavedRmArgs};
pub use entities::{EntitiesArgs, EntityArgs, EntityEdit, WatchCommand, WatchNameArgs};
pub use feeds::{
    FeedAddArgs, FeedCommand, FeedRemoveArgs, OpmlCommand, OpmlImportArgs, RefreshArgs,
};

/// byline: a terminal news reader with an entity sidebar.
#[derive(Debug, Parser)]
#[command(name = "byline", version, about, after_help = EXAMPLES)]
pub struct Cli {
    /// The store file (default: $XDG_DATA_HOME/byline/library.db).
    #[arg(long, global = true, env = "BYLINE_STORE", value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Without a command, byline opens the reader on the store (or lists it when its output is
    /// not a terminal).
    #[command(subcommand)]
    pub command: Option<Command>,
}

const EXAMPLES: &str = "\
Examples:
  byline                          read the store: article list, reading pane, entities
  byline open story.txt notes/    read files without adding them to the store
  byline import ~/news            import every article file under ~/news
  byline list is:unread --limit 20
  byline show 3fa2c1 --json       one article as JSON (an id prefix is enough)
  byline feed add https://example.org/rss.xml --tag world
  byline refresh                  fetch every subscribed feed";

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read files in the reader without adding them to the store.
    #[command(after_help = "\
Examples:
  byline open story.txt
  byline open ~/Downloads/*.md")]
    Open(OpenArgs),
    /// Import article files and directories (plain text, Markdown, JSON, JSON Lines, feeds,
    /// saved web pages, .gz).
    #[command(after_help = "\
Examples:
  byline import story.txt notes.md
  byline import ~/news/            directories are read recursively
  byline import dump.jsonl.gz      one article per line, gzip-compressed
  byline import saved-page.html    a web page: its article, title, authors and date

Exit status: 0 when every input was imported, 3 when some failed (each failure is printed to
stderr as `path: reason`; the rest is imported all the same), 2 on a usage error.")]
    Import(ImportArgs),
    /// List the articles in the store, newest first, or those a query keeps.
    #[command(after_help = daily::LIST_HELP)]
    List(ListArgs),
    /// Show one article in full.
    #[command(after_help = "\
Examples:
  byline show 3fa2c1d0e4b5a697
  byline show 3fa2 --json          a unique prefix of the id is enough")]
    Show(ShowArgs),
    /// Search the whole store: ranked full-text search with snippets.
    #[command(after_help = "\
Query syntax:
  iran iraq               both words (AND is implied)
  \"prime minister\"        a phrase
  iran*                   a prefix
  iran OR iraq, NOT, -word, ( )
  title:iran  source:reuters  author:azhari  body:oil
  after:2024-01-01  before:2024-06   (also after:2024, after:7d, after:2w)
  is:unread  is:starred  tag:world  feed:reuters   (see `byline list --help`)

Examples:
  byline search 'soleimani OR \"quds force\"'
  byline search 'title:iran* after:2024' --limit 5
  byline search 'oil -opec' --json
  byline search 'iran is:unread' --sort date

Exit status: 0 when something matches, 1 when nothing does, 2 on a bad query.")]
    Search(SearchArgs),
    /// Delete articles: by id, or every article a query keeps.
    #[command(after_help = daily::RM_HELP)]
    Rm(RmArgs),
    /// Save a search under a name, list saved searches, forget one.
    #[command(subcommand)]
    Saved(SavedCommand),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    #[command(after_help = daily::COMPLETIONS_HELP)]
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout.
    #[command(after_help = daily::MAN_HELP)]
    Man,
    /// Mark articles read or unread, star them, tag them.
    #[command(after_help = "\
Examples:
  byline mark --read 3fa2 91bc
  byline mark --star --tag iran 3fa2
  byline mark --untag iran 3fa2
  byline list --tag iran")]
    Mark(MarkArgs),
    /// List the people, organisations, places and groups an article mentions, or the store's
    /// most mentioned and trending ones.
    #[command(after_help = entities::ENTITIES_HELP)]
    Entities(EntitiesArgs),
    /// Fill the entity index for articles not indexed yet (newest first).
    #[command(after_help = "\
Examples:
  byline index                 everything pending
  byline index --limit 1000    the 1,000 newest pending articles")]
    Index(IndexArgs),
    /// List the articles that mention a person, organisation or place (from the entity index).
    #[command(after_help = "\
Examples:
  byline mentions 'Qassem Soleimani'
  byline mentions Iraq --kind LOC --json")]
    Mentions(MentionsArgs),
    /// An entity's page across the store, and edits to how names are resolved into entities.
    #[command(after_help = entities::ENTITY_HELP)]
    Entity(EntityArgs),
    /// Watch entities across the store: add, list (with unread counts), remove.
    #[command(subcommand)]
    Watch(WatchCommand),
    /// Subscribe to feeds, list and remove subscriptions.
    #[command(subcommand)]
    Feed(FeedCommand),
    /// Read or write subscriptions as OPML.
    #[command(subcommand)]
    Opml(OpmlCommand),
    /// Fetch every subscribed feed (several at once) and store new and changed articles.
    #[command(after_help = "\
Unchanged feeds cost one small request (ETag, Last-Modified). A feed that fails keeps its error
(shown by `byline feed list`) and the others are refreshed all the same.

Examples:
  byline refresh
  byline refresh --jobs 8 --timeout 10
  byline refresh --tag world

Exit status: 0 when every feed was refreshed, 3 when some failed, 2 on a usage error.")]
    Refresh(RefreshArgs),
    /// Sync with feed servers (the Fever API): new items, and read/starred state both ways.
    #[command(after_help = "\
When an item was changed both here and on the server since the last sync, the server wins.

Examples:
  byline sync add fever https://example.org/fever/ --user me --password-file ~/.fever-pass
  BYLINE_PASSWORD=... byline sync add fever https://example.org/fever/ --user me
  byline sync                    pull new items and state, push local read/star changes
  byline sync status")]
    Sync(crate::commands::sync::SyncArgs),
    /// Check the reader's config file.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Fetch an article's whole text from its page (a stored article, or a page's URL).
    #[command(after_help = "\
A stored article's text is replaced by its page's article; the text it had (a feed's summary)
is kept. A URL not in the store becomes a new article. The page's entities are extracted anew.
When the page cannot be fetched or holds less text than the article had, the article stays as
it was and the error is kept with it.

Examples:
  byline fetch 3fa2c1
  byline fetch https://example.org/news/harbour-strike-ends")]
    Fetch(FetchArgs),
    /// Check the store: SQLite's own check, the search index, the entity index, reading state.
    #[command(after_help = "\
Exit status: 0 when the store is sound, 1 when something is wrong (each problem is printed),
2 when it cannot be checked.")]
    Check,
    /// Mend the store: rebuild its indexes, or salvage a damaged file into a new store.
    #[command(after_help = "\
Indexes (full text, entities) are rebuilt in place. When SQLite finds the file itself damaged,
an exact copy of it is kept in backups/, every row that can still be read is copied into a new
store, and that replaces the damaged content. Run it with no other byline open.

Exit status: 0 when the store is sound afterwards, 1 when problems remain.")]
    Repair,
    /// Write a consistent copy of the store (it may be in use meanwhile).
    #[command(after_help = "\
Without PATH the copy goes to backups/ beside the store, named by the time (UTC). byline also
backs up on its own: before a schema upgrade and once a day when a command writes, keeping
the last 3 ([backup] keep = N in config.toml; 0 turns the daily backup off).

Examples:
  byline backup
  byline backup /mnt/usb/library-copy.db
  byline restore ~/.local/share/byline/backups/library-20261201-120000.db")]
    Backup(BackupArgs),
    /// Replace the store's content with a backup (what it held before is backed up first).
    Restore(RestoreArgs),
    /// Tag entities in JSON lines read on stdin ({\"id\", \"text\"}), for pipelines.
    #[command(after_help = "\
Writes one line per input, in order: {\"id\", \"spans\": [{\"start\", \"end\", \"label\"}]}
with UTF-8 byte offsets and labels PERSON, ORG, LOC, NORP, MISC.

Examples:
  echo '{\"id\": 1, \"text\": \"Masoud Pezeshkian visited Baghdad.\"}' | byline ner
  python3 ner_eval.py gold.jsonl byline='byline ner'")]
    Ner,
    /// Extract the articles of web pages read as JSON lines on stdin ({\"id\", \"url\", \"html\"}).
    #[command(after_help = "\
Writes one line per input, in order: {\"id\", \"text\", \"title\", \"authors\", \"published\"};
text is the article's body (paragraphs separated by blank lines, images left out), published
is RFC 3339 when it could be read. A line that cannot be read gets {\"id\", \"error\"}.

Examples:
  jq -c '{id: 1, url: \"https://example.org/a\", html: .}' -Rs page.html | byline fulltext
  python3 fulltext_eval.py pages ground-truth.json byline='byline fulltext'")]
    Fulltext,
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The article's id (or a unique prefix), or a page's http(s) URL.
    #[arg(value_name = "ID_OR_URL")]
    pub target: String,
    /// Give up on the page after this many seconds.
    #[arg(long, default_value_t = 20, value_name = "SECONDS")]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy (a new file).
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore.
    pub file: PathBuf,
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
    /// A query: filters such as is:unread, tag:, feed:, source:, after:, before:, and words.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// The query saved under this name (`byline saved add`).
    #[arg(long, value_name = "NAME")]
    pub saved: Option<String>,
    /// The order: newest, oldest, feed, relevance (with words).
    #[arg(long, default_value = "newest", value_name = "ORDER")]
    pub sort: crate::store::Sort,
    /// Only articles not yet read.
    #[arg(long)]
    pub unread: bool,
    /// Only starred articles.
    #[arg(long)]
    pub starred: bool,
    /// Only articles carrying this tag of yours.
    #[arg(long, value_name = "TAG")]
    pub tag: Option<String>,
    /// How many articles to list.
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
    /// How many articles to skip.
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

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are joined with spaces).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    /// How many hits to show.
    #[arg(long, short = 'n', default_value_t = 20)]
    pub limit: usize,
    /// How many of the best hits to skip.
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// The order: relevance, date (newest first), oldest, feed.
    #[arg(long, default_value = "relevance", value_name = "ORDER")]
    pub sort: crate::store::Sort,
    /// Print JSON, with the byte ranges of the matched terms in each snippet.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct MarkArgs {
    /// Article ids (or unique prefixes).
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<String>,
    /// Mark as read.
    #[arg(long, group = "change", conflicts_with = "unread")]
    pub read: bool,
    /// Mark as unread.
    #[arg(long, group = "change")]
    pub unread: bool,
    /// Star.
    #[arg(long, group = "change", conflicts_with = "unstar")]
    pub star: bool,
    /// Remove the star.
    #[arg(long, group = "change")]
    pub unstar: bool,
    /// Add a tag (repeatable).
    #[arg(long, group = "change", value_name = "TAG")]
    pub tag: Vec<String>,
    /// Remove a tag (repeatable).
    #[arg(long, group = "change", value_name = "TAG")]
    pub untag: Vec<String>,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Index at most this many articles.
    #[arg(long, short = 'n')]
    pub limit: Option<usize>,
}

#[derive(Debug, Args)]
pub struct MentionsArgs {
    /// The entity's canonical name, as `byline entities` shows it (any case).
    pub name: String,
    /// Only entities of this kind: PERSON, ORG, LOC, NORP, MISC.
    #[arg(long)]
    pub kind: Option<String>,
    /// How many articles to list.
    #[arg(long, short = 'n', default_value_t = 50)]
    pub limit: usize,
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// Files or directories to read.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// List every mistake in the config file ($BYLINE_CONFIG, else
    /// $XDG_CONFIG_HOME/byline/config.toml) with its line number.
    #[command(after_help = "\
Each entry with a mistake keeps its default and the rest of the file applies; the reader shows
the first mistake in its status line.

Exit status: 0 when the file has no mistakes (or there is no file), 3 when some entries are
wrong.")]
    Check,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON.
    #[arg(long)]
    pub json: bool,
}
