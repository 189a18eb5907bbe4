//! Entities of a whole article: its title and body, plus the people in its byline and the places
//! in its dateline, which the importers keep as fields.

use serde::Serialize;

use super::group::{Entity, group_entities, sort_entities};
use super::tagger::{Extractor, Label, Mention};
use crate::article::Article;

/// The entities of an article. Mention offsets are into [`ArticleEntities::text`]: the title,
/// a blank line, then the body, which starts at `body_offset`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEntities {
    pub text: String,
    pub body_offset: usize,
    pub entities: Vec<Entity>,
}

/// Extracts and groups an article's entities, byline and dateline included.
///
/// ```
/// let article = byline::library::articles().remove(0);
/// let found = byline::extract::article_entities(&article);
/// assert!(found.entities.iter().any(|e| e.name == "Timour Azhari"));
/// assert!(found.entities.iter().any(|e| e.name == "Dubai"));
/// ```
pub fn article_entities(article: &Article) -> ArticleEntities {
    let text = format!("{}\n\n{}", article.title, article.body.text);
    let body_offset = article.title.len() + 2;
    let mut mentions: Vec<Mention> = Extractor::get().extract(&text);
    // Percentages and bare numbers are not what the sidebar is for.
    mentions.retain(|m| m.end <= text.len() && !matches!(m.label, Label::Percent | Label::Number));
    let mut entities = group_entities(&text, &mentions);
    for author in &article.authors {
        add_field(&mut entities, author, Label::Person);
    }
    for place in &article.dateline {
        add_field(&mut entities, place, Label::Place);
    }
    sort_entities(&mut entities);
    ArticleEntities {
        text,
        body_offset,
        entities,
    }
}

/// Adds a header field (an author, a dateline place) to its entity, or as a new one.
fn add_field(entities: &mut Vec<Entity>, raw: &str, kind: Label) {
    let mention = Mention {
        start: 0,
        end: raw.len(),
        label: kind,
    };
    let Some(field) = group_entities(raw, &[mention]).into_iter().next() else {
        return;
    };
    match entities
        .iter_mut()
        .find(|e| e.kind == kind && e.name.eq_ignore_ascii_case(&field.name))
    {
        Some(e) => {
            if !e.forms.contains(&raw.to_string()) {
                e.forms.push(raw.to_string());
            }
        }
        None => entities.push(Entity {
            mentions: Vec::new(),
            forms: vec![raw.to_string()],
            ..field
        }),
    }
}
