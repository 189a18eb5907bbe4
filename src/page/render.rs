//! The article's elements written as blocks: boilerplate inside it (link lists, share bars,
//! forms, the repeated headline) left out as Readability's "conditional cleaning" does.

use url::Url;

use super::dom::Data;
use super::names::{is_clutter_name, is_embed};
use super::score::Scored;
use crate::article::Body;
use crate::feed::Walker;

/// The elements of the article: the top candidate and the siblings that score near it.
pub(crate) fn article_nodes(s: &Scored<'_>, top: usize) -> Vec<usize> {
    let dom = s.dom;
    let top_score = s.final_score(top).unwrap_or(0.0);
    let threshold = (top_score * 0.2).max(10.0);
    let parent = dom.nodes[top].parent;
    if parent == usize::MAX || parent == 0 {
        return vec![top];
    }
    let top_class = dom.attr(top, "class").unwrap_or("");
    let mut out = Vec::new();
    for &sib in &dom.nodes[parent].children {
        if sib == top {
            out.push(sib);
            continue;
        }
        if s.dropped[sib] || !matches!(dom.nodes[sib].data, Data::Element { .. }) {
            continue;
        }
        let bonus = if !top_class.is_empty() && dom.attr(sib, "class") == Some(top_class) {
            top_score * 0.2
        } else {
            0.0
        };
        if s.final_score(sib).is_some_and(|sc| sc + bonus >= threshold)
            || is_loose_paragraph(s, sib)
        {
            out.push(sib);
        }
    }
    out
}

/// A paragraph beside the article that reads as part of it.
fn is_loose_paragraph(s: &Scored<'_>, id: usize) -> bool {
    if s.dom.name(id) != "p" {
        return false;
    }
    let st = s.stats[id];
    let density = st.link_density();
    if st.chars > 80 {
        return density < 0.25;
    }
    st.chars > 0 && density == 0.0 && {
        let text = s.dom.text(id);
        text.ends_with('.') || text.contains(". ")
    }
}

/// Whether an element inside the article is boilerplate to leave out.
fn is_clutter(s: &Scored<'_>, id: usize, title: &str) -> bool {
    let dom = s.dom;
    let name = dom.name(id);
    let st = s.stats[id];
    if is_embed(dom, id) {
        return false;
    }
    if s.flags.clean_conditionally
        && (st.chars < 300 || st.link_density() > 0.5)
        && is_clutter_name(dom, id)
    {
        return true;
    }
    // `Updated 5:27 am, November 20, 2019`: the article's date, not its text.
    if matches!(name, "p" | "div" | "span" | "time")
        && st.chars < 100
        && is_date_line(&dom.text(id))
    {
        return true;
    }
    // A paragraph that is one link is a pointer to another story.
    if name == "p" && st.chars < 200 && st.link_density() > 0.9 {
        return true;
    }
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let st = s.stats[id];
            s.weight(id) < 0.0
                || st.link_density() > 0.33
                || (name == "h1" || same_words(&dom.text(id), title))
        }
        "table" | "ul" | "ol" | "div" | "section" | "header" | "figure" | "dl" | "form"
            if s.flags.clean_conditionally =>
        {
            is_clutter_container(s, id)
        }
        _ => false,
    }
}

/// A line that only dates the article: `Published ...`, `Updated ...`, `Posted ...`.
fn is_date_line(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    [
        "published",
        "updated",
        "posted",
        "last updated",
        "last modified",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
        && text.chars().any(|c| c.is_ascii_digit())
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    !b.is_empty() && words(a) == words(b)
}

/// Readability's test of a container: few paragraphs for its links, images or list items.
fn is_clutter_container(s: &Scored<'_>, id: usize) -> bool {
    let dom = s.dom;
    let weight = s.weight(id);
    let score = s.score[id].unwrap_or(0.0);
    if weight + score < 0.0 {
        return true;
    }
    let st = s.stats[id];
    // Much text and few links is an article's, whatever surrounds it.
    if st.commas >= 10 || (st.chars > 1000 && st.link_density() < 0.2) {
        return false;
    }
    let name = dom.name(id);
    let p = st.paragraphs as f64;
    let img = st.images as f64;
    let li = st.list_items as f64 - 100.0;
    let density = st.link_density();
    let is_list = matches!(name, "ul" | "ol");
    (img > 1.0 && p / img < 0.5 && name != "figure")
        || (!is_list && li > p)
        || (st.inputs as f64 > (p / 3.0).floor())
        || (st.chars < 25 && (st.images == 0 || st.images > 2) && name != "figure")
        || (weight < 25.0 && density > 0.2)
        || (weight >= 25.0 && density > 0.5)
}

/// Elements never cleaned away: those that score near the top candidate and every element
/// above them (a share bar's links must not take the paragraphs beside them along).
fn protected(s: &Scored<'_>, top: usize) -> Vec<bool> {
    let mut keep = vec![false; s.dom.nodes.len()];
    let bar = s.final_score(top).unwrap_or(0.0) * 0.5;
    for id in 1..s.dom.nodes.len() {
        if s.dropped[id] || s.final_score(id).is_none_or(|sc| sc < bar) {
            continue;
        }
        let mut a = id;
        while a != 0 && a != usize::MAX && !keep[a] {
            keep[a] = true;
            a = s.dom.nodes[a].parent;
        }
    }
    keep
}

/// What a walk over the article needs.
struct Walk<'s, 'a, 'w> {
    s: &'s Scored<'a>,
    title: &'s str,
    keep: Vec<bool>,
    out: Walker<'w>,
}

/// Writes the article's elements as a body; `title` is left out where it is repeated.
pub(crate) fn render(
    s: &Scored<'_>,
    top: usize,
    roots: &[usize],
    base: Option<&Url>,
    title: &str,
) -> Body {
    let mut walk = Walk {
        s,
        title,
        keep: protected(s, top),
        out: Walker::new(base),
    };
    for &root in roots {
        walk.keep[root] = true;
        walk.node(root);
    }
    walk.out.finish()
}

impl Walk<'_, '_, '_> {
    fn node(&mut self, id: usize) {
        let dom = self.s.dom;
        if self.s.dropped[id] {
            return;
        }
        match &dom.nodes[id].data {
            Data::Text(t) => self.out.text(t),
            Data::Element { name, .. } => {
                if !self.keep[id] && is_clutter(self.s, id, self.title) {
                    return;
                }
                let attr = |k: &str| dom.attr(id, k).map(str::to_string);
                let alt = if name == "img" { attr("alt") } else { None };
                self.out.start(name, attr("href"), alt, false);
                for &child in &dom.nodes[id].children {
                    self.node(child);
                }
                self.out.end(name);
            }
            Data::Root => {}
        }
    }
}
