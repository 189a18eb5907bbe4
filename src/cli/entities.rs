//! Arguments of the entity commands: an article's entities, and rankings across the store.

use clap::{Args, Subcommand};

pub(super) const ENTITIES_HELP: &str = "\
With an article, its entities; with --top or --trending, the store's canonical entities (every
name of one person, organisation or place counted as one), most mentioned first. Periods end
at the newest article: `--since 7d` is the store's last 7 days (today's, in a store that is
refreshed). Names that are mostly ordinary words (table headings, all-capital headlines) are
left out of rankings.

Examples:
  byline entities 1157               a stored article, by id prefix
  byline entities story.txt --json   any file byline can import
  byline entities --top              the most mentioned entities of the store
  byline entities --top --since 7d --kind person --limit 20
  byline entities --trending         what rose in the last 2 days against the 14 before
  byline entities --trending --days 7 --json";

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// An article id (or unique prefix) in the store, or a file to read.
    #[arg(value_name = "ID_OR_PATH", required_unless_present_any = ["top", "trending"])]
    pub target: Option<String>,
    /// The store's most mentioned entities.
    #[arg(long, conflicts_with = "target")]
    pub top: bool,
    /// The entities that stand out in the last days against the two weeks before (alone or
    /// with --top: `--top --trending` is the trending ranking).
    #[arg(long, conflicts_with = "target")]
    pub trending: bool,
    /// With --top: only articles from this time on (7d, 2w, 2024-03).
    #[arg(
        long,
        requires = "top",
        conflicts_with = "trending",
        value_name = "WHEN"
    )]
    pub since: Option<String>,
    /// With --trending: how many days are recent (against the 14 before them).
    #[arg(long, requires = "trending", default_value_t = 2, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub days: u32,
    /// Only entities of this kind: person, org, place, group (or PERSON, ORG, LOC, NORP, MISC).
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<String>,
    /// How many entities to list.
    #[arg(long, short = 'n', default_value_t = 30)]
    pub limit: usize,
    /// Print JSON: each entity with its name, kind and mentions (rankings: articles too).
    #[arg(long)]
    pub json: bool,
}

/// A kind as the user writes it, as the store keeps it.
fn parse_kind(value: &str) -> Result<String, String> {
    crate::store::kind_from_user(value)
        .map(String::from)
        .ok_or_else(|| "use person, org, place, group or misc".into())
}

pub(super) const ENTITY_HELP: &str = "\
An entity's page: every name the articles write for it, its articles over time, first and last
seen, top sources, the entities seen with it unusually often (pointwise mutual information, in
at least 3 of its articles), and its newest articles. A surname finds its bearer.

The edits change how the store's names are resolved into entities; they are kept apart from the
entity index, so re-indexing keeps them, and take effect at once.

Examples:
  byline entity 'Ronald Reagan'
  byline entity Reagan --json
  byline entity merge 'Lib Dems' 'Liberal Democrats'
  byline entity split Bush           no rule joins Bush to a full name
  byline entity rename 'EC' 'European Community'
  byline entity kind 'Smith Barney' org
  byline entity hide Oscar           left out of rankings
  byline entity edits                the edits made, by number
  byline entity forget 3             undo edit 3";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct EntityArgs {
    #[command(subcommand)]
    pub edit: Option<EntityEdit>,
    /// The entity's name, or a name of it (any case).
    #[arg(required = true)]
    pub name: Option<String>,
    /// How many of its newest articles to list.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// Print the page as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Changes to how names are resolved into entities.
#[derive(Debug, Subcommand)]
pub enum EntityEdit {
    /// Make two entities one: NAME's joins INTO's.
    Merge { name: String, into: String },
    /// Keep NAME an entity of its own: no rule joins it to another.
    Split { name: String },
    /// Show the entity under another name.
    Rename { name: String, to: String },
    /// Set the entity's kind: person, org, place, group, misc.
    Kind {
        name: String,
        #[arg(value_parser = parse_kind)]
        kind: String,
    },
    /// Leave the entity out of rankings.
    Hide { name: String },
    /// List the edits made, by number.
    Edits {
        #[arg(long)]
        json: bool,
    },
    /// Undo edit number N.
    Forget { number: i64 },
}

/// `byline watch`: the entities followed across the store.
#[derive(Debug, Subcommand)]
pub enum WatchCommand {
    /// Watch an entity by a name of it (Reagan watches Ronald Reagan).
    #[command(after_help = "\
Watched entities are highlighted in every article the reader opens, counted (unread articles)
in its feeds view, and listed by the filter is:watched (one of them: entity:NAME).

Examples:
  byline watch add 'Ronald Reagan'
  byline list is:watched is:unread
  byline list entity:IBM")]
    Add(WatchNameArgs),
    /// List the watched entities with their articles and unread articles.
    List(super::JsonArg),
    /// Stop watching an entity (by the name it was watched by, or its entity's name).
    Remove(WatchNameArgs),
}

#[derive(Debug, Args)]
pub struct WatchNameArgs {
    /// The entity's name (several words are joined with spaces).
    #[arg(required = true, value_name = "NAME")]
    pub name: Vec<String>,
}
