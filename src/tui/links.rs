//! Links from the keyboard: numbered hints on the links in view (typing a label opens or
//! copies its link) and a list of every link of the article. Only http(s) links are opened or
//! copied ([`super::browser::is_safe_url`]); the rest are refused, saying so.

use super::action::Action;
use super::app::{App, Effect, Mode};
use super::browser::is_safe_url;
use crate::article::Link;

/// The most links labelled at once (labels have at most three digits).
const MAX_HINTS: usize = 999;

/// The hints or the list shown, and what picking a link does.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkPick {
    /// Indexes into the open article's links: the labelled ones (label `k + 1`).
    pub hinted: Vec<usize>,
    /// The label's digits typed so far.
    pub typed: String,
    /// Picking copies the link rather than opening it.
    pub copy: bool,
    /// The link list's selected row (an index into the article's links).
    pub selected: usize,
}

impl LinkPick {
    /// How many digits each label has.
    pub fn label_width(&self) -> usize {
        self.hinted.len().to_string().len()
    }

    /// The label of the `k`th hinted link, zero-padded to the same width as the others.
    pub fn label(&self, k: usize) -> String {
        format!("{:0w$}", k + 1, w = self.label_width())
    }
}

impl App {
    /// The open article's links, none until its text is read.
    pub fn article_links(&self) -> &[Link] {
        let text = self.reading.opened.as_ref().and_then(|o| o.text.as_deref());
        text.map_or(&[], |t| &t.article.body.links)
    }

    /// The links in the reading pane's view, in reading order, as indexes.
    fn links_in_view(&self) -> Vec<usize> {
        let Some(o) = &self.reading.opened else {
            return Vec::new();
        };
        let Some(text) = &o.text else {
            return Vec::new();
        };
        let height = usize::from(self.layout.text_height);
        let lines = o.lines.lines.iter().skip(self.reading.scroll).take(height);
        let ranges: Vec<_> = lines.filter_map(|l| l.range.clone()).collect();
        let at = text.body_offset;
        let shown = |l: &Link| {
            let (s, e) = (l.start + at, l.end + at);
            ranges.iter().any(|r| s < r.end && r.start < e)
        };
        let links = text.article.body.links.iter().enumerate();
        links
            .filter(|(_, l)| shown(l))
            .map(|(i, _)| i)
            .take(MAX_HINTS)
            .collect()
    }

    /// Labels the links in view; typing a label opens (or copies) its link.
    pub(super) fn show_hints(&mut self, copy: bool) {
        if self.layout.reading.is_none() {
            self.status = "the reading pane is not shown: Enter shows it".into();
            return;
        }
        let hinted = self.links_in_view();
        if hinted.is_empty() {
            let list = self.key_of(&Action::LinkList);
            self.status = format!("no links on screen ({list} lists the article's links)");
            return;
        }
        let verb = if copy { "copy" } else { "open" };
        self.status = format!("{verb} which link? type its number (Esc: none)");
        self.links = LinkPick {
            hinted,
            copy,
            ..LinkPick::default()
        };
        self.mode = Mode::Hints;
    }

    /// Shows the list of the article's links.
    pub(super) fn show_link_list(&mut self) {
        if self.article_links().is_empty() {
            self.status = "this article has no links in its text".into();
            return;
        }
        self.links = LinkPick::default();
        self.mode = Mode::LinkList;
        let (open, copy) = (self.key_of(&Action::Open), self.key_of(&Action::CopyHints));
        self.status = format!("{open} opens the link, {copy} copies it, Esc closes");
    }

    /// The keys of the hints and the link list; what is not a key is taken in as usual. True
    /// when done.
    pub(super) fn update_links(&mut self, action: &Action) -> bool {
        match (self.mode, action) {
            (_, Action::Resize(..) | Action::Loaded(_) | Action::Worker(_) | Action::Notice(_)) => {
                return false;
            }
            (_, Action::Quit) => return false,
            (Mode::Hints, Action::Insert(c)) => self.type_label(*c),
            (Mode::Hints, Action::DeleteChar) => drop(self.links.typed.pop()),
            (Mode::LinkList, Action::Down) => self.step_link(1),
            (Mode::LinkList, Action::Up) => self.step_link(-1),
            (Mode::LinkList, Action::PageDown) => self.step_link(10),
            (Mode::LinkList, Action::PageUp) => self.step_link(-10),
            (Mode::LinkList, Action::Top) => self.step_link(isize::MIN / 2),
            (Mode::LinkList, Action::Bottom) => self.step_link(isize::MAX / 2),
            (Mode::LinkList, Action::Open | Action::OpenLink | Action::LinkHints) => {
                self.pick(self.links.selected, false);
            }
            (Mode::LinkList, Action::CopyHints) => self.pick(self.links.selected, true),
            _ => {
                self.mode = Mode::Normal;
                self.status.clear();
            }
        }
        true
    }

    fn step_link(&mut self, by: isize) {
        let last = self.article_links().len().saturating_sub(1);
        let to = self.links.selected.saturating_add_signed(by);
        self.links.selected = to.min(last);
    }

    /// A digit of a label: once the label is whole, its link is picked.
    fn type_label(&mut self, c: char) {
        self.links.typed.push(c);
        if self.links.typed.len() < self.links.label_width() {
            return;
        }
        let k = self
            .links
            .typed
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1));
        match k.and_then(|k| self.links.hinted.get(k).copied()) {
            Some(link) => self.pick(link, self.links.copy),
            None => {
                self.status = format!("no link {}", self.links.typed);
                self.mode = Mode::Normal;
            }
        }
    }

    /// Opens or copies the article's link `index`, if it is an http(s) link.
    fn pick(&mut self, index: usize, copy: bool) {
        self.mode = Mode::Normal;
        let Some(url) = self.article_links().get(index).map(|l| l.url.clone()) else {
            return;
        };
        if !is_safe_url(&url) {
            let shown = super::text::line(&url).chars().take(60).collect::<String>();
            self.status = format!("not an http(s) link, left alone: {shown}");
            return;
        }
        self.status = format!("{} {url}", if copy { "copying" } else { "opening" });
        self.effect(if copy {
            Effect::Copy(url)
        } else {
            Effect::OpenUrl(url)
        });
    }
}

#[cfg(test)]
#[path = "links_tests.rs"]
mod tests;
