//! A page's metadata: JSON-LD (`NewsArticle` and its kin, `@graph` included), OpenGraph and
//! other `<meta>` tags, `<link rel=canonical>`, `<title>`, and the visible byline.

use serde_json::Value;

use super::dom::{Data, Dom};

/// What a page says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// As written by the page; [`crate::article::parse_published`] reads it.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub canonical_url: Option<String>,
    /// The `articleBody` of the page's JSON-LD, when it has one.
    pub article_body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
];

/// Reads the metadata of a parsed page: JSON-LD first, then `<meta>` tags, then the page's
/// own elements.
pub(crate) fn read_meta(dom: &Dom) -> PageMeta {
    let mut meta = PageMeta::default();
    let mut tags = Vec::new();
    for id in 1..dom.nodes.len() {
        match dom.name(id) {
            "script" if dom.attr(id, "type").is_some_and(is_json_ld) => {
                if let Some(object) = find_article(&dom.text_raw(id)) {
                    merge_json_ld(&mut meta, &object);
                }
            }
            "meta" => tags.push(id),
            "link" if has_rel(dom, id, "canonical") => {
                set(&mut meta.canonical_url, dom.attr(id, "href"));
            }
            _ => {}
        }
    }
    for id in tags {
        merge_meta_tag(&mut meta, dom, id);
    }
    merge_page(&mut meta, dom);
    strip_site_name(&mut meta);
    meta
}

/// `Port reopens | The Harbour Post` is the title `Port reopens` of the site's page.
fn strip_site_name(meta: &mut PageMeta) {
    let (Some(title), Some(site)) = (&meta.title, &meta.site_name) else {
        return;
    };
    for sep in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some(head) = title
            .strip_suffix(site.as_str())
            .and_then(|t| t.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            meta.title = Some(head.trim().to_string());
            return;
        }
    }
}

fn is_json_ld(kind: &str) -> bool {
    kind.trim().eq_ignore_ascii_case("application/ld+json")
}

fn has_rel(dom: &Dom, id: usize, rel: &str) -> bool {
    dom.attr(id, "rel")
        .is_some_and(|r| r.split_whitespace().any(|x| x.eq_ignore_ascii_case(rel)))
}

/// Sets `slot` from `value` unless it is set already or the value is blank.
fn set(slot: &mut Option<String>, value: Option<&str>) {
    if slot.is_none()
        && let Some(v) = value.map(collapse).filter(|v| !v.is_empty())
    {
        *slot = Some(v);
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first article object of a JSON-LD script, searched through arrays and `@graph`.
fn find_article(json: &str) -> Option<Value> {
    let value: Value = serde_json::from_str(json.trim()).ok()?;
    let mut todo = vec![value];
    while let Some(v) = todo.pop() {
        match v {
            Value::Array(items) => todo.extend(items.into_iter().rev()),
            Value::Object(mut map) => {
                if is_article_type(map.get("@type")) {
                    return Some(Value::Object(map));
                }
                if let Some(graph) = map.remove("@graph") {
                    todo.push(graph);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_article_type(kind: Option<&Value>) -> bool {
    match kind {
        Some(Value::String(s)) => ARTICLE_TYPES.contains(&s.as_str()),
        Some(Value::Array(kinds)) => kinds.iter().any(|k| is_article_type(Some(k))),
        _ => false,
    }
}

fn merge_json_ld(meta: &mut PageMeta, article: &Value) {
    let text = |key: &str| article.get(key).and_then(Value::as_str);
    set(&mut meta.title, text("headline").or_else(|| text("name")));
    set(
        &mut meta.published,
        text("datePublished").or_else(|| text("dateCreated")),
    );
    set(
        &mut meta.site_name,
        article
            .get("publisher")
            .and_then(|p| p.get("name"))
            .and_then(Value::as_str),
    );
    set(&mut meta.article_body, text("articleBody"));
    if meta.authors.is_empty() {
        meta.authors = names_of(article.get("author"));
    }
}

/// Names from a JSON-LD `author`: a string, a person or organisation, or a list of them.
fn names_of(value: Option<&Value>) -> Vec<String> {
    let mut names = Vec::new();
    let mut push = |name: &str| {
        let name = collapse(name);
        if !name.is_empty() && !name.starts_with("http") && !names.contains(&name) {
            names.push(name);
        }
    };
    match value {
        Some(Value::String(s)) => push(s),
        Some(Value::Object(o)) => {
            if let Some(n) = o.get("name").and_then(Value::as_str) {
                push(n);
            }
        }
        Some(Value::Array(items)) => {
            for item in items {
                for n in names_of(Some(item)) {
                    push(&n);
                }
            }
        }
        _ => {}
    }
    names
}

fn merge_meta_tag(meta: &mut PageMeta, dom: &Dom, id: usize) {
    let key = dom
        .attr(id, "property")
        .or_else(|| dom.attr(id, "name"))
        .or_else(|| dom.attr(id, "itemprop"))
        .unwrap_or("")
        .to_ascii_lowercase();
    let content = dom.attr(id, "content");
    match key.as_str() {
        "og:title" | "twitter:title" => set(&mut meta.title, content),
        "og:site_name" | "application-name" => set(&mut meta.site_name, content),
        "og:url" => set(&mut meta.canonical_url, content),
        "article:published_time"
        | "datepublished"
        | "date"
        | "pubdate"
        | "publishdate"
        | "dc.date"
        | "dc.date.issued"
        | "dcterms.created"
        | "sailthru.date"
        | "parsely-pub-date"
        | "og:published_time"
        | "publish-date" => {
            set(&mut meta.published, content);
        }
        "author" | "article:author" | "parsely-author" | "sailthru.author" | "dc.creator"
        | "byl" => {
            if meta.authors.is_empty()
                && let Some(name) = content.map(strip_by).filter(|n| !n.is_empty())
                && !name.starts_with("http")
            {
                meta.authors = split_names(&name);
            }
        }
        _ => {}
    }
}

/// `By Ana Núñez and Li Wei` gives `Ana Núñez and Li Wei`.
fn strip_by(s: &str) -> String {
    let s = collapse(s);
    match s.get(..3) {
        Some(by) if by.eq_ignore_ascii_case("by ") => s[3..].trim().to_string(),
        _ => s,
    }
}

/// Names joined by commas and `and`.
fn split_names(s: &str) -> Vec<String> {
    s.split([',', '|', ';'])
        .flat_map(|part| part.split(" and "))
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect()
}

/// What the page's own elements say: `<title>`, a `<time>` of publication, the byline.
fn merge_page(meta: &mut PageMeta, dom: &Dom) {
    for id in 1..dom.nodes.len() {
        if !matches!(dom.nodes[id].data, Data::Element { .. }) {
            continue;
        }
        let itemprop = dom.attr(id, "itemprop").unwrap_or("");
        match dom.name(id) {
            "title" => set(&mut meta.title, Some(&dom.text_raw(id))),
            "time" if meta.published.is_none() => {
                set(&mut meta.published, dom.attr(id, "datetime"));
            }
            _ if itemprop == "datePublished" => {
                set(&mut meta.published, dom.attr(id, "datetime"));
            }
            _ => {}
        }
        if meta.authors.is_empty() && is_byline(dom, id) {
            let text = strip_by(&dom.text(id));
            if (2..100).contains(&text.chars().count()) {
                meta.authors = split_names(&text);
            }
        }
    }
}

fn is_byline(dom: &Dom, id: usize) -> bool {
    let names = super::names::names(dom, id).to_ascii_lowercase();
    has_rel(dom, id, "author")
        || dom.attr(id, "itemprop") == Some("author")
        || names.contains("byline")
        || names
            .split_whitespace()
            .any(|n| n == "author" || n.ends_with("author-name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_in_a_graph_gives_the_article_fields() {
        let html = r#"<script type="application/ld+json">{"@context":"https://schema.org",
        "@graph":[{"@type":"WebSite","name":"Site"},{"@type":["NewsArticle"],"headline":"Port reopens",
        "datePublished":"2024-03-01T08:00:00Z","author":[{"@type":"Person","name":"Ana Núñez"},
        {"@type":"Person","name":"Li Wei"}],"publisher":{"@type":"Organization","name":"The Harbour Post"}}]}
        </script>"#;
        let meta = read_meta(&Dom::parse(html));
        assert_eq!(meta.title.as_deref(), Some("Port reopens"));
        assert_eq!(meta.authors, ["Ana Núñez", "Li Wei"]);
        assert_eq!(meta.published.as_deref(), Some("2024-03-01T08:00:00Z"));
        assert_eq!(meta.site_name.as_deref(), Some("The Harbour Post"));
    }

    #[test]
    fn opengraph_and_meta_tags_fill_what_json_ld_lacks() {
        let html = r#"<head><title>Port reopens | Post</title>
        <meta property="og:title" content="Port reopens">
        <meta property="og:site_name" content="The Harbour Post">
        <meta property="og:url" content="https://post.example/port">
        <meta property="article:published_time" content="2024-03-01T08:00:00+01:00">
        <meta name="author" content="By Ana Núñez and Li Wei"></head>"#;
        let meta = read_meta(&Dom::parse(html));
        assert_eq!(meta.title.as_deref(), Some("Port reopens"));
        assert_eq!(meta.site_name.as_deref(), Some("The Harbour Post"));
        assert_eq!(
            meta.canonical_url.as_deref(),
            Some("https://post.example/port")
        );
        assert_eq!(meta.published.as_deref(), Some("2024-03-01T08:00:00+01:00"));
        assert_eq!(meta.authors, ["Ana Núñez", "Li Wei"]);
    }

    #[test]
    fn the_visible_byline_names_the_author_when_nothing_else_does() {
        let html = r#"<title>Port</title><article><p class="byline">By <a rel="author">Ana Núñez</a></p>
        <time datetime="2024-03-01">March 1</time><p>Text.</p></article>"#;
        let meta = read_meta(&Dom::parse(html));
        assert_eq!(meta.authors, ["Ana Núñez"]);
        assert_eq!(meta.published.as_deref(), Some("2024-03-01"));
        assert_eq!(meta.title.as_deref(), Some("Port"));
    }

    #[test]
    fn broken_json_ld_is_passed_over() {
        let html = r#"<script type="application/ld+json">{"@type":"NewsArticle",</script>
        <meta property="og:title" content="Fallback">"#;
        assert_eq!(
            read_meta(&Dom::parse(html)).title.as_deref(),
            Some("Fallback")
        );
    }
}
