//! A light document tree built from html5gum's tokens: enough of the HTML tree-building rules
//! (void elements, implied ends of `p`, `li`, table cells) to find an article in it.

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// Where the tree stops growing deeper: hostile pages nest without end, and every later element
/// is hung at this depth instead.
const MAX_DEPTH: usize = 256;

/// Attributes kept on elements; the others are never read.
const KEPT: &[&str] = &[
    "class",
    "id",
    "href",
    "alt",
    "src",
    "data-src",
    "itemprop",
    "itemtype",
    "role",
    "rel",
    "property",
    "name",
    "content",
    "type",
    "datetime",
    "hidden",
    "style",
    "aria-hidden",
];

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose start ends an open `p`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "div",
    "dl",
    "fieldset",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "ul",
    "figcaption",
    "details",
];

/// One node of a [`Dom`].
#[derive(Debug)]
pub(crate) struct Node {
    pub(crate) parent: usize,
    pub(crate) children: Vec<usize>,
    pub(crate) data: Data,
}

/// What a node is.
#[derive(Debug)]
pub(crate) enum Data {
    Root,
    Element {
        name: String,
        attrs: Vec<(String, String)>,
    },
    Text(String),
}

/// A parsed page: node 0 is the root.
#[derive(Debug)]
pub(crate) struct Dom {
    pub(crate) nodes: Vec<Node>,
}

impl Dom {
    /// Parses a page. Never fails: broken markup gives some tree.
    pub(crate) fn parse(html: &str) -> Dom {
        let mut emitter = DefaultEmitter::default();
        // Script and style contents are raw text, not markup (JSON-LD is read from them).
        emitter.naively_switch_states(true);
        let mut b = Builder {
            dom: Dom {
                nodes: vec![Node {
                    parent: usize::MAX,
                    children: Vec::new(),
                    data: Data::Root,
                }],
            },
            stack: vec![0],
        };
        for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
            match token {
                Token::StartTag(tag) => {
                    let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                    let attrs = tag
                        .attributes
                        .iter()
                        .filter_map(|(k, v)| {
                            let k = String::from_utf8_lossy(k).to_ascii_lowercase();
                            KEPT.contains(&k.as_str())
                                .then(|| (k, String::from_utf8_lossy(v).into_owned()))
                        })
                        .collect();
                    b.start(name, attrs, tag.self_closing);
                }
                Token::EndTag(tag) => {
                    b.end(&String::from_utf8_lossy(&tag.name).to_ascii_lowercase())
                }
                Token::String(text) => b.text(&String::from_utf8_lossy(&text)),
                _ => {}
            }
        }
        b.dom
    }

    /// The element's name, or `""` for text and the root.
    pub(crate) fn name(&self, id: usize) -> &str {
        match &self.nodes[id].data {
            Data::Element { name, .. } => name,
            _ => "",
        }
    }

    /// An attribute of an element.
    pub(crate) fn attr(&self, id: usize, key: &str) -> Option<&str> {
        match &self.nodes[id].data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    /// Every element below `id` (itself included), in document order.
    pub(crate) fn descendants(&self, id: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut todo = vec![id];
        while let Some(n) = todo.pop() {
            out.push(n);
            todo.extend(self.nodes[n].children.iter().rev());
        }
        out
    }

    /// The text below `id`, its whitespace collapsed, appended to `out`.
    pub(crate) fn text_into(&self, id: usize, out: &mut String) {
        for n in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[n].data {
                if is_hidden_text(self, n) {
                    continue;
                }
                for word in t.split_whitespace() {
                    if !out.is_empty() && !out.ends_with(' ') {
                        out.push(' ');
                    }
                    out.push_str(word);
                }
                if t.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }

    /// The text of the node's own text children as written (a script's, a title's).
    pub(crate) fn text_raw(&self, id: usize) -> String {
        let mut s = String::new();
        for &c in &self.nodes[id].children {
            if let Data::Text(t) = &self.nodes[c].data {
                s.push_str(t);
            }
        }
        s
    }

    /// [`Dom::text_into`] into a new string.
    pub(crate) fn text(&self, id: usize) -> String {
        let mut s = String::new();
        self.text_into(id, &mut s);
        s.truncate(s.trim_end().len());
        s
    }
}

/// Text of scripts and styles is no visible text.
fn is_hidden_text(dom: &Dom, text: usize) -> bool {
    let parent = dom.nodes[text].parent;
    matches!(
        dom.name(parent),
        "script" | "style" | "noscript" | "template" | "title" | "textarea"
    )
}

struct Builder {
    dom: Dom,
    stack: Vec<usize>,
}

impl Builder {
    fn current(&self) -> usize {
        self.stack.last().copied().unwrap_or(0)
    }

    fn push_node(&mut self, data: Data) -> usize {
        let id = self.dom.nodes.len();
        let parent = self.current();
        self.dom.nodes.push(Node {
            parent,
            children: Vec::new(),
            data,
        });
        self.dom.nodes[parent].children.push(id);
        id
    }

    fn start(&mut self, name: String, attrs: Vec<(String, String)>, self_closing: bool) {
        self.close_implied(&name);
        let void = VOID.contains(&name.as_str()) || (self_closing && name != "script");
        let id = self.push_node(Data::Element { name, attrs });
        if !void && self.stack.len() < MAX_DEPTH {
            self.stack.push(id);
        }
    }

    /// Closes what the start of `name` ends: an open `p`, a list item, a table cell or row.
    fn close_implied(&mut self, name: &str) {
        if CLOSES_P.contains(&name) && self.dom.name(self.current()) == "p" {
            self.stack.pop();
        }
        let (closes, scope): (&[&str], &[&str]) = match name {
            "li" => (&["li"], &["ul", "ol", "menu"]),
            "dt" | "dd" => (&["dt", "dd"], &["dl"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tr" => (&["tr", "td", "th"], &["table", "tbody", "thead", "tfoot"]),
            "option" => (&["option"], &["select", "datalist"]),
            _ => return,
        };
        let at = self.stack.iter().rposition(|&n| {
            let open = self.dom.name(n);
            closes.contains(&open) || scope.contains(&open)
        });
        if let Some(at) = at.filter(|&at| closes.contains(&self.dom.name(self.stack[at]))) {
            self.stack.truncate(at);
        }
    }

    fn end(&mut self, name: &str) {
        // An end tag closes the nearest open element of its name, and what is open inside it;
        // a stray one is ignored. Searching stops at a few dozen levels (linear time on pages
        // of unclosed elements).
        let found = self
            .stack
            .iter()
            .rev()
            .take(64)
            .position(|&n| self.dom.name(n) == name);
        if let Some(back) = found {
            let at = self.stack.len() - 1 - back;
            if at > 0 {
                self.stack.truncate(at);
            }
        }
    }

    fn text(&mut self, text: &str) {
        let current = self.current();
        if let Some(&last) = self.dom.nodes[current].children.last()
            && let Data::Text(t) = &mut self.dom.nodes[last].data
        {
            t.push_str(text);
            return;
        }
        self.push_node(Data::Text(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dom: &Dom, id: usize) -> Vec<&str> {
        dom.nodes[id]
            .children
            .iter()
            .map(|&c| dom.name(c))
            .collect()
    }

    #[test]
    fn an_unclosed_paragraph_ends_at_the_next_block() {
        let dom = Dom::parse("<div><p>One<p>Two<div>Three</div></div>");
        let div = dom.nodes[0].children[0];
        assert_eq!(names(&dom, div), ["p", "p", "div"]);
        assert_eq!(dom.text(div), "One Two Three");
    }

    #[test]
    fn list_items_close_each_other_but_not_across_lists() {
        let dom = Dom::parse("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>");
        let ul = dom.nodes[0].children[0];
        assert_eq!(names(&dom, ul), ["li", "li", "li"]);
    }

    #[test]
    fn script_text_is_kept_but_not_visible() {
        let dom = Dom::parse("<p>Hi <script>var x = '<p>';</script>there</p>");
        let p = dom.nodes[0].children[0];
        assert_eq!(dom.text(p), "Hi there");
        let script = dom.nodes[p].children[1];
        assert_eq!(dom.name(script), "script");
    }

    #[test]
    fn deep_nesting_stops_growing() {
        let html = "<div>".repeat(10_000) + "deep";
        let dom = Dom::parse(&html);
        let mut depth = 0;
        let mut n = 0;
        while let Some(&c) = dom.nodes[n].children.first() {
            n = c;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
        assert_eq!(dom.text(0), "deep");
    }
}
