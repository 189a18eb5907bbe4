//! What a page's class and id names, roles and tags say of an element: boilerplate to leave
//! out, a likely article, or the small things around one. The patterns are Readability's,
//! with a few more of the words news sites use.

use std::sync::LazyLock;

use regex::Regex;

use super::dom::Dom;
use super::score::Flags;

static POSITIVE: LazyLock<Regex> = LazyLock::new(|| {
    rx(r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story")
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|signup|subscribe|recirc|trending|popular|more-",
    )
});
static UNLIKELY: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|newsletter|recirc|trending",
    )
});
/// Names of the small things around an article's text: its byline, date, captions, share bars.
static CLUTTER: LazyLock<Regex> = LazyLock::new(|| {
    rx(
        r"byline|dateline|timestamp|caption|credit|author|share|social|related|tags|breadcrumb|toolbar|newsletter|subscribe|promo|read-?more|recommend|also-?like|gallery|slideshow|(^|[-_ ])(date|time|meta|info|ad|ads|advert|print|email|image|img|photo|figure|cta)([-_ ]|$)",
    )
});
static MAYBE: LazyLock<Regex> =
    LazyLock::new(|| rx(r"and|article|body|column|content|main|mathjax|shadow|tweet|embed"));
/// Names of what an article quotes from elsewhere (an embedded post is part of its text).
static EMBED: LazyLock<Regex> = LazyLock::new(|| rx(r"tweet|embed"));

fn rx(pattern: &str) -> Regex {
    Regex::new(&format!("(?i){pattern}")).expect("a fixed pattern")
}

/// Elements never part of an article, whatever they hold.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "iframe",
    "button",
    "select",
    "textarea",
    "nav",
    "aside",
    "footer",
    "head",
    "title",
    "input",
    "object",
    "embed",
    "canvas",
    "dialog",
    "menu",
    "figcaption",
];

/// An element's class and id, for the name patterns.
pub(crate) fn names(dom: &Dom, id: usize) -> String {
    let class = dom.attr(id, "class").unwrap_or("");
    let ident = dom.attr(id, "id").unwrap_or("");
    format!("{class} {ident}")
}

/// Whether a class names an article's text (`article-body`, `post-content`).
pub(crate) fn is_content_name(class: &str) -> bool {
    POSITIVE.is_match(class)
}

/// Whether an element's names mark it as one of the small things around an article's text.
pub(crate) fn is_clutter_name(dom: &Dom, id: usize) -> bool {
    let names = names(dom, id);
    names.len() > 1 && CLUTTER.is_match(&names)
}

/// Whether an element's names mark it as a post quoted from elsewhere (`twitter-tweet`).
pub(crate) fn is_embed(dom: &Dom, id: usize) -> bool {
    let names = names(dom, id);
    names.len() > 1 && EMBED.is_match(&names)
}

/// How much an element's class and id speak for (+25) or against (-25) it.
pub(crate) fn class_weight(dom: &Dom, id: usize) -> f64 {
    let mut weight = 0.0;
    for value in [dom.attr(id, "class"), dom.attr(id, "id")]
        .into_iter()
        .flatten()
    {
        if value.is_empty() {
            continue;
        }
        if NEGATIVE.is_match(value) {
            weight -= 25.0;
        }
        if POSITIVE.is_match(value) {
            weight += 25.0;
        }
    }
    weight
}

fn is_hidden(dom: &Dom, id: usize) -> bool {
    let style = dom.attr(id, "style").unwrap_or("");
    let compact: String = style.chars().filter(|c| !c.is_whitespace()).collect();
    dom.attr(id, "hidden").is_some()
        || dom.attr(id, "aria-hidden") == Some("true")
        || compact.contains("display:none")
        || compact.contains("visibility:hidden")
}

/// Whether an element is left out by its name, role or class.
pub(crate) fn is_dropped(dom: &Dom, id: usize, flags: Flags) -> bool {
    let name = dom.name(id);
    if DROPPED.contains(&name) || is_hidden(dom, id) {
        return true;
    }
    if matches!(
        dom.attr(id, "role"),
        Some("menu" | "menubar" | "complementary" | "navigation" | "alert" | "dialog")
    ) {
        return true;
    }
    if !flags.strip_unlikely
        || matches!(name, "body" | "a" | "html" | "main" | "article")
        || name.is_empty()
    {
        return false;
    }
    let names = names(dom, id);
    UNLIKELY.is_match(&names) && !MAYBE.is_match(&names)
}
