//! Styles, in one place. `NO_COLOR` is honoured by the event loop, which draws without colour.

use ratatui::style::{Color, Modifier, Style};

pub const BORDER: Style = Style::new().fg(Color::DarkGray);
pub const FOCUSED_BORDER: Style = Style::new().fg(Color::Cyan);
pub const SELECTED: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const READ: Style = Style::new().fg(Color::DarkGray);
pub const MARKS: Style = Style::new().fg(Color::Yellow);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const META: Style = Style::new().fg(Color::DarkGray);
pub const SUBHEADING: Style = Style::new()
    .add_modifier(Modifier::BOLD)
    .add_modifier(Modifier::UNDERLINED);
pub const QUOTE: Style = Style::new().add_modifier(Modifier::ITALIC);
pub const HEADING: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const STATUS: Style = Style::new().fg(Color::Black).bg(Color::Gray);
pub const PERSON: Style = Style::new().fg(Color::LightCyan);
pub const ORG: Style = Style::new().fg(Color::LightMagenta);
pub const PLACE: Style = Style::new().fg(Color::LightGreen);
pub const GROUP: Style = Style::new().fg(Color::LightYellow);
pub const MISC: Style = Style::new().fg(Color::Gray);
pub const SELECTED_MENTION: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const MATCH: Style = Style::new().fg(Color::Black).bg(Color::LightBlue);
pub const CURRENT_MATCH: Style = Style::new()
    .fg(Color::Black)
    .bg(Color::LightRed)
    .add_modifier(Modifier::BOLD);
