//! From the reading pane: stepping to the next or previous mention of any entity (selecting it
//! in the sidebar), and opening the article's link.

use super::app::{App, Effect};

impl App {
    /// Goes to the first mention of any entity after (or before) the one shown last, or the
    /// top line; the entity becomes the sidebar's selection, with its `mention 2/5` counter.
    pub(super) fn jump_any_mention(&mut self, forward: bool) {
        if !self.entities_found_yet() {
            return;
        }
        let Some(o) = &self.reading.opened else {
            return;
        };
        let here = match (self.selected_entity(), self.reading.mention) {
            (Some(e), Some(m)) => e.mentions.get(m).map(|m| m.0),
            _ => None,
        };
        let top = self.reading.top_offset().unwrap_or(0);
        let mut all: Vec<(usize, usize, usize)> = o
            .entities()
            .iter()
            .enumerate()
            .flat_map(|(e, ent)| {
                ent.mentions
                    .iter()
                    .enumerate()
                    .map(move |(m, r)| (r.0, e, m))
            })
            .collect();
        if all.is_empty() {
            self.status = "no entity is mentioned in the text".into();
            return;
        }
        all.sort_unstable();
        let next = match (here, forward) {
            (Some(at), true) => all.iter().find(|m| m.0 > at).or(all.first()),
            (Some(at), false) => all.iter().rev().find(|m| m.0 < at).or(all.last()),
            (None, true) => all.iter().find(|m| m.0 >= top).or(all.first()),
            (None, false) => all.iter().rev().find(|m| m.0 < top).or(all.last()),
        };
        let Some(&(_, entity, mention)) = next else {
            return;
        };
        self.sidebar.entity = entity;
        // jump_mention steps from the one before, so it lands on `mention` and says so.
        let n = o.entities()[entity].mentions.len();
        self.reading.mention = Some((mention + n - 1) % n);
        self.jump_mention(1);
    }

    /// Asks the event loop to open the article's http(s) link in `$BROWSER`.
    pub(super) fn open_link(&mut self) {
        let text = self.reading.opened.as_ref().and_then(|o| o.text.as_ref());
        let url = text.and_then(|t| t.article.url.clone());
        self.status = match url {
            Some(url) if super::browser::is_safe_url(&url) => {
                let said = format!("opening {url}");
                self.effect(Effect::OpenUrl(url));
                said
            }
            Some(_) => "the article's link is not an http(s) URL; not opened".into(),
            None => "this article has no link".into(),
        };
    }
}

#[cfg(test)]
mod tests {
    use crate::tui::action::Action;
    use crate::tui::app::Focus;
    use crate::tui::testing::Harness;

    #[test]
    fn any_mention_steps_through_the_text_in_order_and_selects_the_entity() {
        let mut app = Harness::sample(120, 40);
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reading);
        let mut seen = Vec::new();
        for _ in 0..4 {
            app.update(Action::NextAnyMention);
            let e = app.selected_entity().unwrap();
            seen.push(e.mentions[app.reading.mention.unwrap()].0);
            let said = format!("{}: mention", e.name);
            assert!(app.status.starts_with(&said), "{}", app.status);
        }
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        app.update(Action::PrevAnyMention);
        let e = app.selected_entity().unwrap();
        assert_eq!(e.mentions[app.reading.mention.unwrap()].0, seen[2]);
    }

    #[test]
    fn an_article_without_a_link_says_so() {
        let mut app = Harness::sample(120, 40);
        // The bundled articles carry no links.
        app.update(Action::OpenLink);
        assert!(app.seen.is_empty());
        assert_eq!(app.status, "this article has no link");
    }
}
