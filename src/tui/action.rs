//! What the reader can be asked to do; the keymap turns keys into these.

/// One user intent (or a fact such as a resize) for [`super::app::App::update`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    ToggleEntityColours,
    ToggleRead,
    ToggleStar,
    Help,
    /// Opens the search line (`/`).
    StartSearch,
    /// A character typed into the search line.
    Insert(char),
    DeleteChar,
    /// Enter in the search line: keep the matches and go to the first.
    SubmitSearch,
    /// Esc: leave the search line, or clear the matches.
    CancelSearch,
    NextMatch,
    PrevMatch,
    /// Backspace or Ctrl-O: back along the entity jumps.
    Back,
    /// A left click at a screen position.
    Click(u16, u16),
    /// A wheel turn at a screen position, down when true.
    Wheel(u16, u16, bool),
}
