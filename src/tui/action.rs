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
}
