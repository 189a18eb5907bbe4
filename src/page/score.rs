//! Finding the article in a page's tree, after Readability (Mozilla's reader view): paragraphs
//! score their ancestors by length and commas, class and id names weigh for or against an
//! element, links count against it; the best element and the siblings that score near it are
//! the article.

use super::dom::{Data, Dom};
use super::names::{class_weight, is_content_name, is_dropped};

/// Elements whose text scores their ancestors.
const SCORED: &[&str] = &["p", "pre", "td", "section", "h2", "h3", "h4", "h5", "h6"];

/// Elements that make a `div` a container rather than a paragraph.
const BLOCK: &[&str] = &[
    "blockquote",
    "dl",
    "div",
    "img",
    "ol",
    "p",
    "pre",
    "table",
    "ul",
    "section",
    "article",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "main",
];

/// Containers whose own text between blocks is read as paragraphs.
const LOOSE_TEXT: &[&str] = &[
    "div", "section", "article", "main", "td", "body", "center", "form",
];

/// Per-node measures, filled bottom-up.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Stats {
    /// Characters of visible text (runs of whitespace count as one).
    pub(crate) chars: usize,
    /// Of which inside links.
    pub(crate) link_chars: usize,
    pub(crate) commas: usize,
    pub(crate) paragraphs: usize,
    pub(crate) images: usize,
    pub(crate) list_items: usize,
    pub(crate) inputs: usize,
}

impl Stats {
    pub(crate) fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// Readability's passes: each later one trusts the page's names less, for pages the earlier
/// ones find too little in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Flags {
    /// Leave out elements whose names say boilerplate (`sidebar`, `comment`).
    pub(crate) strip_unlikely: bool,
    /// Let names weigh for or against elements.
    pub(crate) weight_classes: bool,
    /// Leave out containers of links, images or forms inside the article.
    pub(crate) clean_conditionally: bool,
}

impl Flags {
    pub(crate) const PASSES: [Flags; 4] = [
        Flags {
            strip_unlikely: true,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: true,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: true,
        },
        Flags {
            strip_unlikely: false,
            weight_classes: false,
            clean_conditionally: false,
        },
    ];
}

/// The tree with what extraction learnt of it.
pub(crate) struct Scored<'a> {
    pub(crate) dom: &'a Dom,
    pub(crate) flags: Flags,
    /// Left out: invisible, boilerplate by name, or inside such an element.
    pub(crate) dropped: Vec<bool>,
    pub(crate) stats: Vec<Stats>,
    pub(crate) score: Vec<Option<f64>>,
}

impl<'a> Scored<'a> {
    /// Measures and scores the tree.
    pub(crate) fn new(dom: &'a Dom, flags: Flags) -> Scored<'a> {
        let n = dom.nodes.len();
        let mut dropped = vec![false; n];
        // Parents come before their children, so one forward pass carries exclusion down.
        for id in 1..n {
            let parent = dom.nodes[id].parent;
            dropped[id] = dropped[parent] || is_dropped(dom, id, flags);
        }
        let mut scored = Scored {
            dom,
            flags,
            dropped,
            stats: vec![Stats::default(); n],
            score: vec![None; n],
        };
        scored.measure();
        scored.score_paragraphs();
        scored
    }

    /// Fills [`Stats`] from the leaves up (children come after their parents).
    fn measure(&mut self) {
        let dom = self.dom;
        for id in (1..dom.nodes.len()).rev() {
            if self.dropped[id] {
                continue;
            }
            let mut s = self.stats[id];
            match &dom.nodes[id].data {
                Data::Text(t) => {
                    let words = t.split_whitespace().count();
                    s.chars += t.split_whitespace().map(str::len).sum::<usize>() + words;
                    s.commas += t.matches(',').count();
                }
                Data::Element { name, .. } => match name.as_str() {
                    "a" => s.link_chars = s.chars,
                    "p" => s.paragraphs += 1,
                    "img" => s.images += 1,
                    "li" => s.list_items += 1,
                    "input" => s.inputs += 1,
                    _ => {}
                },
                Data::Root => {}
            }
            self.stats[id] = s;
            let parent = dom.nodes[id].parent;
            let p = &mut self.stats[parent];
            p.chars += s.chars;
            p.link_chars += s.link_chars;
            p.commas += s.commas;
            p.paragraphs += s.paragraphs;
            p.images += s.images;
            p.list_items += s.list_items;
            p.inputs += s.inputs;
        }
    }

    /// Whether an element counts as a paragraph: a scored tag, or a `div` of inline content.
    fn is_paragraph(&self, id: usize) -> bool {
        let name = self.dom.name(id);
        SCORED.contains(&name)
            || (name == "div"
                && !self.dom.nodes[id]
                    .children
                    .iter()
                    .any(|&c| BLOCK.contains(&self.dom.name(c)) && !self.dropped[c]))
    }

    fn score_paragraphs(&mut self) {
        let dom = self.dom;
        for id in 1..dom.nodes.len() {
            if self.dropped[id] || !matches!(dom.nodes[id].data, Data::Element { .. }) {
                continue;
            }
            if self.is_paragraph(id) {
                self.add_paragraph(dom.nodes[id].parent, self.stats[id]);
            } else if LOOSE_TEXT.contains(&dom.name(id)) {
                self.score_loose_text(id);
            }
        }
    }

    /// Text beside blocks (`<div>words<br>words<table>...`) scores as the paragraphs
    /// Readability would wrap it in: each run of text and inline elements between blocks.
    fn score_loose_text(&mut self, id: usize) {
        let dom = self.dom;
        let mut run = Stats::default();
        for &child in &dom.nodes[id].children {
            let is_block = BLOCK.contains(&dom.name(child));
            if is_block || self.dropped[child] {
                if is_block {
                    self.add_paragraph(id, run);
                    run = Stats::default();
                }
                continue;
            }
            let st = self.stats[child];
            run.chars += st.chars;
            run.commas += st.commas;
        }
        self.add_paragraph(id, run);
    }

    /// Scores a paragraph of these measures into `parent` and the ancestors above it.
    fn add_paragraph(&mut self, parent: usize, s: Stats) {
        if s.chars < 25 {
            return;
        }
        let points = 1.0 + s.commas as f64 + (s.chars / 100).min(3) as f64;
        let mut ancestor = parent;
        for level in 0..5 {
            // The document element is never the article (Readability scores no node whose
            // parent is the document).
            if ancestor == 0 || ancestor == usize::MAX || self.dom.name(ancestor) == "html" {
                break;
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => f64::from(level) * 3.0,
            };
            let base = self.score[ancestor].unwrap_or_else(|| self.initial(ancestor));
            self.score[ancestor] = Some(base + points / divider);
            ancestor = self.dom.nodes[ancestor].parent;
        }
    }

    /// The score an element starts from: its tag and its names.
    fn initial(&self, id: usize) -> f64 {
        let by_tag = match self.dom.name(id) {
            "div" | "article" | "main" => 5.0,
            "pre" | "td" | "blockquote" => 3.0,
            "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
            _ => 0.0,
        };
        by_tag + self.weight(id)
    }

    /// [`class_weight`], when this pass weighs names.
    pub(crate) fn weight(&self, id: usize) -> f64 {
        if self.flags.weight_classes {
            class_weight(self.dom, id)
        } else {
            0.0
        }
    }

    /// An element's final score: its points less the share of its text in links.
    pub(crate) fn final_score(&self, id: usize) -> Option<f64> {
        self.score[id].map(|s| s * (1.0 - self.stats[id].link_density()))
    }

    /// The best-scoring element, moved up to an ancestor that holds more of the article.
    pub(crate) fn top_candidate(&self) -> Option<usize> {
        let mut top = (1..self.dom.nodes.len())
            .filter(|&id| !self.dropped[id])
            .filter_map(|id| self.final_score(id).map(|s| (id, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        // Climb while the parent scores close to or above the candidate.
        let threshold = top.1 / 3.0;
        let mut last = top.1;
        let mut parent = self.dom.nodes[top.0].parent;
        while parent != 0 && self.dom.name(parent) != "body" {
            let Some(score) = self.final_score(parent) else {
                parent = self.dom.nodes[parent].parent;
                continue;
            };
            if score < threshold {
                break;
            }
            if score > last {
                top = (parent, score);
                break;
            }
            last = score;
            parent = self.dom.nodes[parent].parent;
        }
        // An only child stands for its parent.
        let mut id = top.0;
        loop {
            let parent = self.dom.nodes[id].parent;
            let kids = self.dom.nodes[parent]
                .children
                .iter()
                .filter(|&&c| matches!(self.dom.nodes[c].data, Data::Element { .. }))
                .count();
            if parent == 0 || self.dom.name(parent) == "body" || kids != 1 {
                break;
            }
            id = parent;
        }
        Some(self.join_chunks(id))
    }

    /// An article cut into chunks (`<div class="article__body">` several times, with ads in
    /// between) is the nearest element holding every chunk that scores, a few levels up at most.
    fn join_chunks(&self, top: usize) -> usize {
        let Some(class) = self.dom.attr(top, "class").filter(|c| is_content_name(c)) else {
            return top;
        };
        let bar = self.final_score(top).unwrap_or(0.0) * 0.2;
        let (mut joined, mut chunk_chars) = (top, self.stats[top].chars);
        for id in 1..self.dom.nodes.len() {
            if id == top || self.dropped[id] || self.dom.attr(id, "class") != Some(class) {
                continue;
            }
            // A chunk is a long run of text; teasers of other stories are short.
            if self.stats[id].chars >= 500 && self.final_score(id).is_some_and(|s| s >= bar) {
                match self.common_ancestor(joined, id) {
                    Some(a) if self.depth(top) - self.depth(a) <= 2 => {
                        joined = a;
                        chunk_chars += self.stats[id].chars;
                    }
                    _ => {}
                }
            }
        }
        // Only when the chunks are most of what the element holds: not a list of stories.
        if chunk_chars * 10 >= self.stats[joined].chars * 9 {
            joined
        } else {
            top
        }
    }

    fn depth(&self, mut id: usize) -> usize {
        let mut d = 0;
        while id != 0 && id != usize::MAX {
            id = self.dom.nodes[id].parent;
            d += 1;
        }
        d
    }

    fn common_ancestor(&self, a: usize, b: usize) -> Option<usize> {
        let mut seen = Vec::new();
        let mut x = a;
        while x != usize::MAX {
            seen.push(x);
            x = self.dom.nodes[x].parent;
        }
        let mut y = b;
        while y != usize::MAX {
            if seen.contains(&y) {
                return (y != 0 && self.dom.name(y) != "html").then_some(y);
            }
            y = self.dom.nodes[y].parent;
        }
        None
    }
}
