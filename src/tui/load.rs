//! What the reader asks of the store and the extractor, and the answers: the work of the
//! loader thread ([`super::loader`]), as plain functions the tests call directly. Every answer
//! carries the tag of its request, so the reader drops one it no longer waits for.

use std::sync::Arc;

use crate::article::Article;
use crate::extract::{Entity, article_entities};
use crate::store::{ArticleRow, ListFilter, SearchHit, Seek, Sort, StateChange, Store, StoreError};

use super::find::fold_case;
use super::load_lists as lists;
use super::watch::Watched;
use super::wrap::{Wrapped, wrap_article};

/// Which request an answer is for.
pub type Tag = u64;

/// The most of an article's body the reader holds: far more than any news article, little
/// enough that wrapping, searching and extracting it stay quick (a 50 MB one is cut).
pub const MAX_BODY: usize = 2 << 20;
/// How many hits a store search reads at first (more are paged in as the selection passes).
pub(super) const HITS: usize = 200;
/// How many articles following an entity lists.
pub(super) const MENTIONING: usize = 500;
/// Where the store keeps the search line's history.
pub const HISTORY_KEY: &str = "search_history";

/// An article as the reader holds it: cleaned for the terminal, cut if huge, with what
/// searching and highlighting need. Made once, off the screen's thread, and shared.
#[derive(Debug, PartialEq, Eq)]
pub struct Text {
    pub id: String,
    pub article: Article,
    /// The title, a blank line, then the body (as the extractor numbers it).
    pub text: String,
    pub body_offset: usize,
    /// `text` in folded case, for smart-case search.
    pub folded: String,
    /// Byte ranges of the watched keywords in `text`.
    pub keywords: Vec<(usize, usize)>,
    /// The body's whole length in bytes when it was cut to [`MAX_BODY`].
    pub whole: Option<usize>,
    /// Whether the body is the feed's text, its page's whole text or the summary kept.
    pub page: Page,
}

/// Which of an article's texts the reader holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Page {
    /// The only text there is (no page was fetched, or its fetch failed).
    #[default]
    Feed,
    /// The page's whole text; the feed's summary is kept.
    Whole,
    /// The summary kept beside the page's whole text.
    Summary,
}

/// Something for the loader to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// Read an article and wrap it (the summary kept beside a page's whole text, when
    /// `summary`); its entities follow in a second answer.
    Article {
        tag: Tag,
        id: String,
        width: u16,
        summary: bool,
    },
    /// Find the entities of an article already read.
    Entities {
        tag: Tag,
        text: Arc<Text>,
    },
    /// Wrap an article read before at another width.
    Wrap {
        tag: Tag,
        text: Arc<Text>,
        width: u16,
    },
    /// List rows: those `seek` says (read by key where the list allows it), which start at
    /// `from` of the list (the index a list read by offset, a search's, reads from).
    Rows {
        tag: Tag,
        from: usize,
        seek: Seek,
        count: usize,
        view: View,
    },
    Search {
        tag: Tag,
        query: String,
        sort: Sort,
    },
    Mentioning {
        tag: Tag,
        name: String,
        kind: String,
    },
    /// The feeds view's entries and counts.
    Feeds {
        tag: Tag,
    },
    /// The entity rankings view's rows.
    Rankings {
        tag: Tag,
        board: super::entity_view::Board,
        kind: Option<&'static str>,
    },
    /// An entity's page.
    EntityPage {
        tag: Tag,
        by: super::entity_view::EntityRef,
    },
    /// Every name of the watched entities.
    WatchedNames,
    /// Which of these rows have a watched keyword or mention a watched entity.
    Marks {
        rows: Vec<ArticleRow>,
    },
    /// A write, where there is no worker to do it (a store in memory, `byline open`).
    Write(Write),
}

/// What a list reads: the articles a query keeps (all of them for an empty one) in an order;
/// a store search's hits come with their snippets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub query: String,
    pub sort: Sort,
    pub hits: bool,
}

/// A change the reader makes to the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Write {
    State {
        id: String,
        change: StateChange,
    },
    Meta {
        key: String,
        value: String,
    },
    /// Delete these articles (the reader's deletions, made when it quits).
    Remove {
        ids: Vec<String>,
    },
    SaveSearch {
        name: String,
        query: String,
    },
    /// Watch an entity by this name, or stop watching it.
    Watch {
        name: String,
        on: bool,
    },
    /// An edit to how names resolve into entities, then the resolution again; `said` is what
    /// the status line says once it is made, `name` the entity's name afterwards.
    EntityEdit {
        edit: crate::store::Edit,
        said: String,
        name: String,
    },
}

/// What the loader found.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Text {
        tag: Tag,
        text: Arc<Text>,
        lines: Wrapped,
    },
    /// The entities found, and where the extractor stopped reading when the text is longer
    /// than it reads ([`crate::extract::MAX_EXTRACT_BYTES`]).
    Entities {
        tag: Tag,
        entities: Arc<[Entity]>,
        cut_at: Option<usize>,
    },
    Wrapped {
        tag: Tag,
        lines: Wrapped,
    },
    Rows {
        tag: Tag,
        from: usize,
        /// Where the rows were asked for.
        seek: Seek,
        rows: Vec<ArticleRow>,
        total: usize,
        /// A store search's snippets, by article id.
        snippets: Vec<(String, super::list::Snippet)>,
    },
    /// A store search's first hits of `total` (exact); `pending` articles were not
    /// searchable yet.
    Hits {
        tag: Tag,
        query: String,
        hits: Vec<SearchHit>,
        total: usize,
        pending: usize,
    },
    Mentioning {
        tag: Tag,
        name: String,
        kind: String,
        rows: Vec<ArticleRow>,
    },
    Feeds {
        tag: Tag,
        entries: Vec<super::feeds::FeedEntry>,
    },
    Rankings {
        tag: Tag,
        rows: Vec<crate::store::RankedEntity>,
    },
    /// An entity's page, or why there is none.
    EntityPage {
        tag: Tag,
        page: Result<Arc<crate::store::EntityPage>, String>,
    },
    /// Every name of the watched entities (at start).
    WatchedNames {
        names: Vec<String>,
    },
    /// What followed a write made here (as the writer would post it).
    After(super::worker::WorkerEvent),
    /// Which of the rows asked about (those just listed) have a watched keyword, and which
    /// mention a watched entity.
    Marked {
        ids: Vec<String>,
        entities: Vec<String>,
        asked: Vec<String>,
    },
    Failed {
        tag: Option<Tag>,
        error: String,
    },
}

/// What the reader needs before its first frame: cheap reads only.
#[derive(Debug, Default)]
pub struct Startup {
    pub rows: Vec<ArticleRow>,
    pub total: usize,
    pub past_queries: Vec<String>,
}

/// The first page of the list, the article count and the search history.
pub fn startup(store: &Store, page: usize) -> Result<Startup, StoreError> {
    Ok(Startup {
        total: store.count()?,
        rows: store.page(&ListFilter::default(), 0, page)?,
        past_queries: store
            .meta(HISTORY_KEY)?
            .and_then(|json| serde_json::from_str(&json).ok())
            .unwrap_or_default(),
    })
}

/// Does what a request asks (all but [`Request::Entities`], which [`entities`] does). Rows
/// come first, then which of them have a watched keyword.
pub fn answer(store: &mut Store, watched: &Watched, request: Request) -> Vec<Answer> {
    let answer = match request {
        Request::Article {
            tag,
            id,
            width,
            summary,
        } => article(store, watched, tag, &id, (width, summary)),
        Request::Entities { tag, text } => entities(tag, &text),
        Request::Wrap { tag, text, width } => Answer::Wrapped {
            tag,
            lines: wrap(&text, width),
        },
        Request::Rows {
            tag,
            from,
            seek,
            count,
            view,
        } => lists::rows(store, tag, (from, seek), count, &view),
        Request::Search { tag, query, sort } => lists::search(store, tag, query, sort),
        Request::Mentioning { tag, name, kind } => lists::mentioning(store, tag, name, kind),
        Request::Feeds { tag } => match super::feeds::entries(store) {
            Ok(entries) => Answer::Feeds { tag, entries },
            Err(e) => failed(Some(tag), "count the feeds", &e),
        },
        Request::Rankings { tag, board, kind } => {
            super::load_entities::rankings(store, tag, board, kind)
        }
        Request::EntityPage { tag, by } => super::load_entities::page(store, tag, &by),
        Request::WatchedNames => super::load_entities::watched_names(store),
        Request::Marks { rows } => lists::marked(store, watched, &rows.iter().collect::<Vec<_>>()),
        Request::Write(w) => match super::writer::write(store, &w) {
            Ok(Some(event)) => Answer::After(event),
            Ok(None) => return Vec::new(),
            Err(e) => failed(None, "save", &e),
        },
    };
    let listed: Option<Vec<&ArticleRow>> = match &answer {
        Answer::Rows { rows, .. } | Answer::Mentioning { rows, .. } => Some(rows.iter().collect()),
        Answer::Hits { hits, .. } => Some(hits.iter().map(|h| &h.row).collect()),
        _ => None,
    };
    // Rows just listed come with their marks when they have any.
    let marked = listed
        .map(|rows| lists::marked(store, watched, &rows))
        .filter(|m| !matches!(m, Answer::Marked { ids, entities, .. } if ids.is_empty() && entities.is_empty()));
    let mut answers = vec![answer];
    answers.extend(marked);
    answers
}

pub(super) fn failed(tag: Option<Tag>, what: &str, e: &dyn std::fmt::Display) -> Answer {
    Answer::Failed {
        tag,
        error: format!("cannot {what}: {e}"),
    }
}

fn article(store: &Store, watched: &Watched, tag: Tag, id: &str, how: (u16, bool)) -> Answer {
    let (width, summary) = how;
    match read_article(store, id, summary) {
        Ok((article, page)) => {
            let mut text = make_text(article, watched);
            text.page = page;
            let text = Arc::new(text);
            let lines = wrap(&text, width);
            Answer::Text { tag, text, lines }
        }
        Err(e) => failed(Some(tag), &format!("open {id}"), &e),
    }
}

/// An article with the text asked for: the summary kept beside its page's whole text when
/// `summary` (and there is one), else its body.
fn read_article(store: &Store, id: &str, summary: bool) -> Result<(Article, Page), StoreError> {
    let mut article = store.get(id)?;
    let whole = store.page_state(id)?.is_some_and(|p| p.has_full_text);
    if !whole {
        return Ok((article, Page::Feed));
    }
    if summary && let Some(body) = store.kept_summary(id)? {
        article.body = body;
        return Ok((article, Page::Summary));
    }
    Ok((article, Page::Whole))
}

/// An article made ready for the reader.
pub fn make_text(article: Article, watched: &Watched) -> Text {
    let (article, whole) = super::text::cut_article(article, MAX_BODY);
    let article = super::text::clean_article(article);
    // As the extractor numbers it (`article_entities`): title, blank line, body.
    let text = format!("{}\n\n{}", article.title, article.body.text);
    Text {
        id: article.id.clone(),
        body_offset: article.title.len() + 2,
        folded: fold_case(&text),
        keywords: watched.find(&text),
        text,
        article,
        whole,
        page: Page::Feed,
    }
}

/// The article at `width`, with a last line saying where a huge one was cut.
pub fn wrap(text: &Text, width: u16) -> Wrapped {
    let mut wrapped = wrap_article(&text.article, &text.text, text.body_offset, width);
    if let Some(whole) = text.whole {
        let mb = |n: usize| n as f64 / 1e6;
        let note = format!(
            "[the reader shows the first {:.1} MB of {:.1} MB; byline show {} prints it all]",
            mb(text.article.body.text.len()),
            mb(whole),
            text.id.get(..8).unwrap_or(&text.id)
        );
        let note = super::wrap::wrap_note(&note, width);
        wrapped = Wrapped::new(width, wrapped.lines.into_iter().chain(note).collect());
    }
    wrapped
}

/// The entities of an article read before.
pub fn entities(tag: Tag, text: &Text) -> Answer {
    let found = article_entities(&text.article);
    Answer::Entities {
        tag,
        entities: found.entities.into(),
        cut_at: found.cut_at,
    }
}
