//! The reading pane's state: the open article (its header at once, its text and entities when
//! the loader has them), the scroll, the mention stepped to and the search matches; the last
//! few articles opened are kept whole, so going back to one costs nothing.

use std::collections::VecDeque;
use std::sync::Arc;

use super::app::{App, Effect, Focus};
use super::load::{Request, Tag, Text, Write};
use super::wrap::Wrapped;
use crate::extract::Entity;
use crate::store::StateChange;

/// How many articles opened last are kept.
const CACHED: usize = 8;
/// Lines shown above a mention or match the pane scrolls to.
const CONTEXT: usize = 3;

/// The open article: at first its header from the list row, then its text, then its entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub id: String,
    /// The request its text and entities answer.
    pub tag: Tag,
    pub text: Option<Arc<Text>>,
    pub entities: Option<Arc<[Entity]>>,
    /// Where the extractor stopped reading a long text (the sidebar says so).
    pub entities_cut: Option<usize>,
    pub lines: Wrapped,
}

impl Opened {
    /// Its entities, none until they are found.
    pub fn entities(&self) -> &[Entity] {
        self.entities.as_deref().unwrap_or(&[])
    }
}

/// What to do with an article once it is read (set by Back and by following an entity).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Then {
    #[default]
    Nothing,
    /// Where the reader was in it.
    Restore { scroll: usize, entity: usize },
    /// Select this entity and show its first mention.
    Select { name: String, kind: String },
    /// Select the first entity called one of these names (any kind, any case).
    SelectNamed { names: Vec<String> },
}

/// The reading pane.
#[derive(Debug)]
pub struct Reading {
    pub opened: Option<Opened>,
    /// First visible line.
    pub scroll: usize,
    /// Which mention of the selected entity was stepped to last.
    pub mention: Option<usize>,
    /// Byte ranges of the search's matches in the text, and the current one.
    pub matches: Vec<(usize, usize)>,
    pub current_match: Option<usize>,
    pub colour_entities: bool,
    pub then: Then,
    cache: VecDeque<Opened>,
}

impl Default for Reading {
    fn default() -> Self {
        Reading {
            opened: None,
            scroll: 0,
            mention: None,
            matches: Vec::new(),
            current_match: None,
            colour_entities: true,
            then: Then::Nothing,
            cache: VecDeque::new(),
        }
    }
}

impl Reading {
    /// Scrolls by `by` lines, no further than the last page of `height` lines.
    pub(super) fn scroll_by(&mut self, by: isize, height: u16) {
        let lines = self.opened.as_ref().map_or(0, |o| o.lines.lines.len());
        let last = lines.saturating_sub(usize::from(height).max(1));
        let to = self.scroll.saturating_add_signed(by);
        self.scroll = to.min(last.max(self.scroll));
    }

    /// Keeps the open article (once its text is read) among the last few.
    fn stash(&mut self) {
        if let Some(o) = self.opened.take().filter(|o| o.text.is_some()) {
            self.cache.retain(|c| c.id != o.id);
            self.cache.push_front(o);
            self.cache.truncate(CACHED);
        }
    }

    /// Drops the copy kept of an article (its text changed in the store).
    pub(super) fn forget(&mut self, id: &str) {
        self.cache.retain(|c| c.id != id);
    }

    fn cached(&mut self, id: &str) -> Option<Opened> {
        let at = self.cache.iter().position(|c| c.id == id)?;
        self.cache.remove(at)
    }

    /// The text offset at the top of the pane.
    pub fn top_offset(&self) -> Option<usize> {
        self.opened.as_ref()?.lines.offset_from(self.scroll)
    }
}

impl App {
    /// The entity selected in the sidebar.
    pub fn selected_entity(&self) -> Option<&Entity> {
        self.reading
            .opened
            .as_ref()?
            .entities()
            .get(self.sidebar.entity)
    }

    /// Opens the list's selected article: from the cache, or its header now and the loader's
    /// text when ready.
    pub(super) fn open_selected(&mut self) {
        self.open_selected_then(Then::Nothing);
    }

    /// [`App::open_selected`], then `then` once the article is read.
    pub(super) fn open_selected_then(&mut self, then: Then) {
        let r = &mut self.reading;
        r.stash();
        (r.scroll, r.mention, r.current_match, r.then) = (0, None, None, then);
        r.matches.clear();
        self.sidebar.entity = 0;
        (self.waits.article, self.waits.wrap) = (None, None);
        let Some(row) = self.list.selected_row().cloned() else {
            return;
        };
        let tag = self.tag();
        self.mark_on_open(tag);
        if let Some(o) = self.reading.cached(&row.id) {
            return self.reopen(o, tag);
        }
        let width = self.layout.text_width;
        self.reading.opened = Some(Opened {
            id: row.id.clone(),
            tag,
            text: None,
            entities: None,
            entities_cut: None,
            lines: super::wrap::header(&row, width),
        });
        self.waits.article = Some(tag);
        let id = row.id;
        self.effect(Effect::Load(Request::Article {
            tag,
            id,
            width,
            summary: false,
        }));
    }

    /// Opens an article kept from before under a new tag: at once, its entities asked for if
    /// they were not found before it was left.
    fn reopen(&mut self, mut o: Opened, tag: Tag) {
        o.tag = tag;
        let missing = o.entities.is_none().then(|| o.text.clone()).flatten();
        self.reading.opened = Some(o);
        if let Some(text) = missing {
            self.effect(Effect::Load(Request::Entities { tag, text }));
        }
        self.rewrap();
        self.text_arrived();
        if self
            .reading
            .opened
            .as_ref()
            .is_some_and(|o| o.entities.is_some())
        {
            self.entities_arrived();
        }
    }

    /// The loader read the article.
    pub(super) fn text_read(&mut self, tag: Tag, text: Arc<Text>, lines: Wrapped) {
        if self.waits.article != Some(tag) {
            return; // the reader has moved on
        }
        self.waits.article = None;
        let Some(o) = self.reading.opened.as_mut().filter(|o| o.tag == tag) else {
            return;
        };
        (o.text, o.lines) = (Some(text), lines);
        self.rewrap();
        self.text_arrived();
        self.fetch_if_asked(tag);
    }

    /// The extractor found the open article's entities.
    pub(super) fn entities_found(&mut self, tag: Tag, found: Arc<[Entity]>, cut: Option<usize>) {
        let Some(o) = self.reading.opened.as_mut().filter(|o| o.tag == tag) else {
            return;
        };
        (o.entities, o.entities_cut) = (Some(found), cut);
        self.entities_arrived();
    }

    fn text_arrived(&mut self) {
        let said = self.pinned_status();
        // The search follows from article to article, as in a pager.
        if !self.search.query.is_empty() {
            self.find();
        }
        if let Then::Restore { scroll, .. } = self.reading.then {
            self.reading.scroll = scroll;
        }
        self.status = said.unwrap_or(std::mem::take(&mut self.status));
    }

    fn entities_arrived(&mut self) {
        let said = self.pinned_status();
        match std::mem::take(&mut self.reading.then) {
            Then::Restore { entity, .. } => self.sidebar.entity = entity,
            Then::Select { name, kind } => self.select_entity(&name, &kind),
            Then::SelectNamed { names } => self.select_named(&names),
            Then::Nothing if self.focus == Focus::Sidebar => self.jump_mention(1),
            Then::Nothing => {}
        }
        self.status = said.unwrap_or(std::mem::take(&mut self.status));
    }

    /// The status message to keep while the open article arrives, if one was pinned to it.
    fn pinned_status(&self) -> Option<String> {
        let tag = self.reading.opened.as_ref().map(|o| o.tag);
        (tag.is_some() && self.pinned == tag).then(|| self.status.clone())
    }

    /// Keeps the status line's message while the open article's text and entities arrive.
    pub(super) fn pin_status(&mut self) {
        self.pinned = self.reading.opened.as_ref().map(|o| o.tag);
    }

    /// Wraps the open article again when the text width changed: its header at once, its text
    /// by the loader.
    pub(super) fn rewrap(&mut self) {
        let width = self.layout.text_width;
        let Some(o) = self
            .reading
            .opened
            .as_mut()
            .filter(|o| o.lines.width != width)
        else {
            return;
        };
        match o.text.clone() {
            Some(text) => {
                let tag = self.tag();
                self.waits.wrap = Some(tag);
                self.effect(Effect::Load(Request::Wrap { tag, text, width }));
            }
            None => {
                if let Some(row) = self.list.rows.iter().find(|r| r.id == o.id) {
                    o.lines = super::wrap::header(row, width);
                }
            }
        }
    }

    /// The article wrapped at the new width; the line at the top stays at the top.
    pub(super) fn rewrapped(&mut self, tag: Tag, lines: Wrapped) {
        if self.waits.wrap != Some(tag) {
            return;
        }
        self.waits.wrap = None;
        let top = self.reading.top_offset();
        if let Some(o) = &mut self.reading.opened {
            self.reading.scroll = top.and_then(|t| lines.line_of(t)).unwrap_or(0);
            o.lines = lines;
        }
    }

    /// Whether the open article's entities are found; until they are the status line says so.
    pub(super) fn entities_found_yet(&mut self) -> bool {
        let o = self.reading.opened.as_ref();
        let found = o.is_some_and(|o| o.entities.is_some());
        if o.is_some() && !found {
            self.status = "finding the article's entities…".into();
        }
        found
    }

    /// Scrolls to the next (or previous) mention of the selected entity, wrapping around.
    pub(super) fn jump_mention(&mut self, dir: isize) {
        if !self.entities_found_yet() {
            return;
        }
        let Some(o) = &self.reading.opened else {
            return;
        };
        let Some(e) = o.entities().get(self.sidebar.entity) else {
            return;
        };
        let n = e.mentions.len();
        if n == 0 {
            self.status = format!("{}: named in the byline or dateline", e.name);
            return;
        }
        let next = match self.reading.mention {
            None => 0,
            Some(m) => (m as isize + dir).rem_euclid(n as isize) as usize,
        };
        let line = o.lines.line_of(e.mentions[next].0).unwrap_or(0);
        self.status = format!("{}: mention {}/{n}", e.name, next + 1);
        self.reading.mention = Some(next);
        self.show_line(line);
    }

    /// Scrolls the reading pane so `line` stands in view, with a few lines of context above
    /// it when the view has to move.
    pub(super) fn show_line(&mut self, line: usize) {
        let height = usize::from(self.layout.text_height);
        let context = CONTEXT.min(height.saturating_sub(1) / 2);
        let scroll = &mut self.reading.scroll;
        if line < *scroll + context || line >= *scroll + height {
            *scroll = line.saturating_sub(context);
        }
    }

    pub(super) fn toggle_read(&mut self) {
        self.change_row(|r| {
            r.is_read = !r.is_read;
            StateChange::Read(r.is_read)
        });
    }

    pub(super) fn toggle_star(&mut self) {
        self.change_row(|r| {
            r.is_starred = !r.is_starred;
            StateChange::Starred(r.is_starred)
        });
    }

    /// Changes the selected row at once and asks the worker to save it.
    fn change_row(&mut self, change: impl Fn(&mut crate::store::ArticleRow) -> StateChange) {
        let Some(row) = self.list.selected_row_mut() else {
            return;
        };
        let change = change(row);
        let id = row.id.clone();
        self.say_state(&change);
        self.effect(Effect::Write(Write::State { id, change }));
    }
}
