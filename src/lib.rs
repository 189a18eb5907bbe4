//! byline: a terminal news reader with a reading pane, an entity sidebar and in-text search.
//!
//! The core modules ([`article`], [`store`]) know nothing of the terminal; the binary wires
//! them to the command line.

pub mod article;
pub mod cli;
pub mod commands;
pub mod extract;
pub mod feed;
pub mod guard;
pub mod library;
pub mod output;
pub mod page;
pub mod pages;
pub mod refresh;
pub mod settings;
pub mod store;
pub mod sync;
pub mod tui;
