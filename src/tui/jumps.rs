//! From the reading pane: stepping to the next or previous mention of any entity (selecting it
//! in the sidebar), and opening the article's link.

use super::app::{App, Effect};

impl App {
    /// Goes to the first mention of any entity after (or before) the one shown last, or the
    /// top line; the entity becomes the sidebar's selection, with its `mention 2/5` counter.
    pub(super) fn jump_any_mention(&mut self, forward: bool) {
        let Some(o) = &self.opened else { return };
        let here = match (self.selected_entity(), self.mention) {
            (Some(e), Some(m)) => e.mentions.get(m).map(|m| m.0),
            _ => None,
        };
        let top = o.lines.offset_from(self.scroll).unwrap_or(0);
        let mut all: Vec<(usize, usize, usize)> = o
            .entities
            .entities
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
        self.entity = entity;
        // jump_mention steps from the one before, so it lands on `mention` and says so.
        let n = o.entities.entities[entity].mentions.len();
        self.mention = Some((mention + n - 1) % n);
        self.jump_mention(1);
    }

    /// Asks the event loop to open the article's http(s) link in `$BROWSER`.
    pub(super) fn open_link(&mut self) -> Effect {
        let url = self.opened.as_ref().and_then(|o| o.article.url.clone());
        match url {
            Some(url) if is_safe_url(&url) => {
                self.status = format!("opening {url}");
                Effect::OpenUrl(url)
            }
            Some(_) => {
                self.status = "the article's link is not an http(s) URL; not opened".into();
                Effect::None
            }
            None => {
                self.status = "this article has no link".into();
                Effect::None
            }
        }
    }
}

/// An http(s) URL with nothing in it a program could take for an option or a control.
pub fn is_safe_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::Action;
    use crate::tui::app::Focus;

    #[test]
    fn any_mention_steps_through_the_text_in_order_and_selects_the_entity() {
        let mut app = App::sample(120, 40);
        app.update(Action::Open);
        assert_eq!(app.focus, Focus::Reading);
        let mut seen = Vec::new();
        for _ in 0..4 {
            app.update(Action::NextAnyMention);
            let e = app.selected_entity().unwrap();
            seen.push(e.mentions[app.mention.unwrap()].0);
            assert!(
                app.status.starts_with(&format!("{}: mention", e.name)),
                "{}",
                app.status
            );
        }
        assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
        app.update(Action::PrevAnyMention);
        let e = app.selected_entity().unwrap();
        assert_eq!(e.mentions[app.mention.unwrap()].0, seen[2]);
    }

    #[test]
    fn links_open_only_when_safe() {
        assert!(is_safe_url("https://example.org/a?b=c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://x.org/ --help"));
        assert!(!is_safe_url("https://x.org/\u{1b}[2J"));
        let mut app = App::sample(120, 40);
        // The bundled articles carry no links.
        assert_eq!(app.update(Action::OpenLink), Effect::None);
        assert_eq!(app.status, "this article has no link");
    }
}
