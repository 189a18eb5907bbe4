//! The fetch key: the open article's page fetched in the background ([`super::pagefetch`]),
//! its whole text shown in place of the summary when it arrives (entities found again), and
//! the same key going between the whole text and the summary kept.

use super::action::Action;
use super::app::{App, Effect};
use super::load::{Page, Request};
use crate::pages::PageJob;

/// Pages the reader fetches at once; a key press past that is refused, saying so.
pub(super) const MAX_FETCHING: usize = 4;

impl App {
    /// Fetches the open article's page, or shows its other text when it has two.
    pub(super) fn fetch_page(&mut self) {
        let Some(o) = &self.reading.opened else {
            return;
        };
        let Some(text) = o.text.clone() else {
            // Its link comes with its text: the fetch starts then.
            self.fetch_on_read = Some(o.tag);
            self.status = "fetching the page once the article is read…".into();
            return;
        };
        match text.page {
            Page::Whole => return self.show_text(true),
            Page::Summary => return self.show_text(false),
            Page::Feed => {}
        }
        let job =
            PageJob::for_article(&text.article).filter(|j| super::browser::is_safe_url(&j.url));
        let Some(job) = job else {
            self.status = "this article has no http(s) link to fetch".into();
            return;
        };
        self.status = if let Some((_, url)) = self.fetching.iter().find(|(id, _)| *id == job.id) {
            format!("already fetching {url}…")
        } else if self.fetching.len() >= MAX_FETCHING {
            format!("{MAX_FETCHING} pages are being fetched; try again when one is done")
        } else {
            self.fetching.push((job.id.clone(), job.url.clone()));
            let said = format!("fetching {}…", job.url);
            self.effect(Effect::FetchPage(job));
            said
        };
    }

    /// The first key bound to an action, as the status line names it.
    pub(super) fn key_of(&self, action: &Action) -> String {
        let key = self.config.keymap.normal.key_for(action);
        key.unwrap_or_else(|| "(unbound)".into())
    }

    /// The open article's text arrived: its page is fetched if that was asked for meanwhile.
    pub(super) fn fetch_if_asked(&mut self, tag: super::load::Tag) {
        if self.fetch_on_read.take() == Some(tag) {
            self.fetch_page();
        }
    }

    /// Shows the summary kept (or the whole text) of the open article, saying so.
    fn show_text(&mut self, summary: bool) {
        self.status = match summary {
            true => format!(
                "the feed's summary ({}: the whole text)",
                self.key_of(&Action::FetchPage)
            ),
            false => format!(
                "the page's whole text ({}: the summary)",
                self.key_of(&Action::FetchPage)
            ),
        };
        self.read_again(summary);
    }

    /// Reads the open article again from the store, as its whole text or its summary; what is
    /// on screen stays until the new text arrives.
    fn read_again(&mut self, summary: bool) {
        let tag = self.tag();
        let width = self.layout.text_width;
        let Some(o) = self.reading.opened.as_mut() else {
            return;
        };
        o.tag = tag;
        let id = o.id.clone();
        let r = &mut self.reading;
        (r.scroll, r.mention, r.current_match) = (0, None, None);
        r.matches.clear();
        self.sidebar.entity = 0;
        self.waits.article = Some(tag);
        self.effect(Effect::Load(Request::Article {
            tag,
            id,
            width,
            summary,
        }));
    }

    /// A page fetch ended: the open article shows its whole text, or the status line says why
    /// the summary stays.
    pub(super) fn page_fetched(&mut self, id: &str, result: Result<usize, String>) {
        let at = self.fetching.iter().position(|(i, _)| i == id);
        let url = at.map(|i| self.fetching.remove(i).1).unwrap_or_default();
        // A copy kept from before has the old text.
        self.reading.forget(id);
        let open = self.reading.opened.as_ref().is_some_and(|o| o.id == id);
        self.status = match result {
            Ok(words) if open => {
                self.read_again(false);
                let key = self.key_of(&Action::FetchPage);
                format!("the whole text, {words} words, from {url} ({key}: the summary)")
            }
            Ok(words) => format!("fetched {words} words from {url}"),
            Err(reason) => format!("cannot fetch {url}: {reason}; the summary stays"),
        };
    }
}
