//! What the reader can be asked to do; the keymap turns keys into these, the loader and the
//! background worker post their results as these.

use super::load::Answer;
use super::worker::WorkerEvent;

/// One user intent, or a fact (a resize, a loaded article, a background result), for
/// [`super::app::App::update`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    Resize(u16, u16),
    FocusNext,
    FocusPrev,
    Up,
    Down,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    Top,
    Bottom,
    Open,
    NextMention,
    PrevMention,
    /// From the reading pane: the next mention of any entity, selected in the sidebar.
    NextAnyMention,
    PrevAnyMention,
    ToggleEntityColours,
    ToggleRead,
    ToggleStar,
    Help,
    /// Any key but help's own closes help.
    CloseHelp,
    /// Opens the search line for the open article (`/`).
    StartSearch,
    /// Opens the search line for the whole store.
    StartStoreSearch,
    /// Searches the word at the current match or mention, or the first word in view (`*`).
    SearchWord,
    /// A character typed into the search line.
    Insert(char),
    DeleteChar,
    /// Up and Down in the search line: older and newer queries.
    HistoryPrev,
    HistoryNext,
    /// Ctrl-R in the search line: plain text or a regular expression.
    ToggleRegex,
    /// Enter in the search line: keep the matches and go to the first.
    SubmitSearch,
    /// Esc: leave the search line, or clear the matches.
    CancelSearch,
    NextMatch,
    PrevMatch,
    /// Backspace or Ctrl-O: back along the entity jumps and searches.
    Back,
    /// Opens the article's link in `$BROWSER`.
    OpenLink,
    /// Fetches the open article's page in the background, or goes between its whole text and
    /// the summary kept.
    FetchPage,
    /// Labels the links on screen; typing a label opens its link.
    LinkHints,
    /// Labels the links on screen; typing a label copies its link.
    CopyHints,
    /// Lists every link of the article, to open or copy one.
    LinkList,
    /// Fetches the subscribed feeds in the background.
    Refresh,
    /// A left click at a screen position.
    Click(u16, u16),
    /// A wheel turn at a screen position, down when true.
    Wheel(u16, u16, bool),
    /// What the loader thread found.
    Loaded(Answer),
    /// Something the background worker did.
    Worker(WorkerEvent),
    /// Something to say in the status line (the outcome of an effect).
    Notice(String),
    /// The next unread article in the list, whatever its feed.
    NextUnread,
    PrevUnread,
    /// Takes back the latest mark made by opening an article.
    Undo,
    /// The list's next sort order.
    CycleSort,
    /// Opens or closes the feeds view.
    ToggleFeeds,
    /// Saves the list's search or filter (it shows in the feeds view).
    SaveSearch,
    /// Deletes the selected article (undone with [`Action::Undo`] until the reader quits).
    Delete,
    /// The selected entity's page across the store (the sidebar's, a ranking's).
    EntityPage,
    /// The store's entity rankings: trending, most mentioned in a period.
    Rankings,
    /// Watches the selected entity, or stops watching it.
    WatchEntity,
    /// Opens the edit line of the selected entity (rename, kind, hide, split, merge).
    EditEntity,
    /// A timer asked for under this tag ran out.
    Due(super::load::Tag),
}
