//! Entities of a whole article: its title and body, plus the people in its byline and the places
//! in its dateline, which the importers keep as fields.

use serde::Serialize;

use super::gazetteer::{Gazetteer, PhraseKind, flag};
use super::group::{Entity, group_entities, sort_entities};
use super::tagger::{Extractor, Label, Mention};
use crate::article::Article;

/// How much of an article's text the extractor reads: 1 MiB. The longest of the 31,872 real
/// articles in the test corpus is 96 KB and long-form pieces run to a few hundred; past the
/// cap a file is no article but a dump, and each MiB costs the extractor about a second.
pub const MAX_EXTRACT_BYTES: usize = 1024 * 1024;

/// The entities of an article. Mention offsets are into [`ArticleEntities::text`]: the title,
/// a blank line, then the body, which starts at `body_offset`.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleEntities {
    pub text: String,
    pub body_offset: usize,
    pub entities: Vec<Entity>,
    /// Where the extractor stopped reading when the text is longer than
    /// [`MAX_EXTRACT_BYTES`]: nothing after this offset was looked at. `None` when it read all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut_at: Option<usize>,
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
    let cut_at = extract_cut(&text);
    let read = &text[..cut_at.unwrap_or(text.len())];
    let mut mentions: Vec<Mention> = Extractor::get().extract(read);
    // Percentages and bare numbers are not what the sidebar is for.
    mentions.retain(|m| m.end <= text.len() && !matches!(m.label, Label::Percent | Label::Number));
    let mut entities = group_entities(&text, &mentions);
    for author in &article.authors {
        let author = author.strip_prefix("By ").unwrap_or(author);
        add_field(&mut entities, author, author_kind(author));
    }
    for place in &article.dateline {
        add_field(&mut entities, place, Label::Place);
    }
    sort_entities(&mut entities);
    ArticleEntities {
        text,
        body_offset,
        entities,
        cut_at,
    }
}

/// Where a text longer than [`MAX_EXTRACT_BYTES`] is cut for the extractor: at the last
/// paragraph break before the cap, else the last space, so no name is cut in two.
fn extract_cut(text: &str) -> Option<usize> {
    if text.len() <= MAX_EXTRACT_BYTES {
        return None;
    }
    let mut cap = MAX_EXTRACT_BYTES;
    while !text.is_char_boundary(cap) {
        cap -= 1;
    }
    let head = &text[..cap];
    let at = head
        .rfind("\n\n")
        .filter(|&p| p > cap / 2)
        .or_else(|| head.rfind(char::is_whitespace))
        .unwrap_or(cap);
    Some(at)
}

/// A byline names a person, or an agency (`Associated Press`, `Reuters Staff`): a known
/// organisation, or a name with an organisation's cue word that does not start with a given
/// name.
pub(crate) fn author_kind(author: &str) -> Label {
    let g = Gazetteer::get();
    let words: Vec<&str> = author.split_whitespace().collect();
    let known = g
        .phrase(words.iter().copied())
        .is_some_and(|p| p.kind == PhraseKind::Org);
    let given = words
        .first()
        .is_some_and(|w| g.word(w) & flag::FIRST_NAME != 0);
    let cue = words
        .iter()
        .any(|w| g.word(w) & (flag::ORG | flag::ORG_CUE) != 0 || matches!(*w, "Staff" | "Desk"));
    if known || cue && !given {
        Label::Org
    } else {
        Label::Person
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agency_byline_is_an_organisation() {
        assert_eq!(author_kind("Associated Press"), Label::Org);
        assert_eq!(author_kind("Reuters Staff"), Label::Org);
        assert_eq!(author_kind("Timour Azhari"), Label::Person);
        assert_eq!(author_kind("Tyra Banks"), Label::Person);
    }

    #[test]
    fn short_text_is_read_whole() {
        assert_eq!(extract_cut("Ana Ruiz visited Oslo."), None);
    }

    #[test]
    fn long_text_is_cut_at_a_paragraph_break_before_the_cap() {
        let para = "Ana Ruiz visited Oslo again. ".repeat(100);
        let text = [para.as_str(); 1000].join("\n\n");
        let cut = extract_cut(&text).unwrap();
        assert!(cut <= MAX_EXTRACT_BYTES && cut > MAX_EXTRACT_BYTES - para.len() - 2);
        assert!(text[cut..].starts_with("\n\n"));
    }

    #[test]
    fn one_long_line_is_cut_at_a_space_on_a_character_boundary() {
        let text = "é Oslo ".repeat(MAX_EXTRACT_BYTES / 4);
        let cut = extract_cut(&text).unwrap();
        assert!(cut <= MAX_EXTRACT_BYTES && text[cut..].starts_with(' '));
    }
}
