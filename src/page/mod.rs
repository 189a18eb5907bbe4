//! Whole articles from web pages: the body as the article model's blocks, found after
//! Readability's method on a light tree of the page, and the page's metadata (JSON-LD,
//! OpenGraph, `<meta>`, the visible byline). Nothing here fetches or draws.

mod charset;
mod dom;
mod meta;
mod names;
mod render;
mod score;

use url::Url;

use crate::article::{Article, Body, neutralize_controls, parse_published};

pub use charset::decode_page;
pub use meta::PageMeta;

/// Bytes of text below which an extraction pass is taken to have missed the article.
const MIN_ARTICLE: usize = 250;

/// What a page gave: its metadata and the article's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub meta: PageMeta,
    pub body: Body,
}

/// Extracts the article of a web page. `url` (where the page came from) resolves its links.
///
/// ```
/// let html = r#"<html><head><meta property="og:title" content="Port reopens"></head><body>
///   <nav><a href="/">Home</a></nav>
///   <article><h1>Port reopens</h1><p>The port reopened on Monday, after a week of strikes,
///   and the first ships came in.</p><p>Dockers returned to work at dawn, the union said.</p>
///   </article></body></html>"#;
/// let page = byline::page::extract_page(html, Some("https://post.example/port"));
/// assert_eq!(page.meta.title.as_deref(), Some("Port reopens"));
/// assert!(page.body.text.starts_with("The port reopened on Monday"));
/// assert!(!page.body.text.contains("Home"));
/// ```
pub fn extract_page(html: &str, url: Option<&str>) -> Page {
    let tree = dom::Dom::parse(html);
    let meta = meta::read_meta(&tree);
    let base = url.and_then(|u| Url::parse(u).ok());
    let title = meta.title.clone().unwrap_or_default();
    let mut body = Body::default();
    // As Readability does: a pass that finds little is tried again trusting the page less,
    // and the longest article found is kept.
    for flags in score::Flags::PASSES {
        let scored = score::Scored::new(&tree, flags);
        let Some(top) = scored.top_candidate() else {
            continue;
        };
        let nodes = render::article_nodes(&scored, top);
        let found = render::render(&scored, top, &nodes, base.as_ref(), &title);
        if found.text.len() > body.text.len() {
            body = found;
        }
        if body.text.len() >= MIN_ARTICLE {
            break;
        }
    }
    Page { meta, body }
}

impl Page {
    /// The page as an article: its title (else `fallback_title`), authors, date, site, and the
    /// canonical URL unless `url` is given.
    pub fn into_article(self, url: Option<&str>, fallback_title: &str) -> Article {
        let clean = |s: String| neutralize_controls(&s).into_owned();
        let title = self
            .meta
            .title
            .map_or_else(|| fallback_title.to_string(), clean);
        let mut article = Article::new(title, self.body);
        article.authors = self.meta.authors.into_iter().map(clean).collect();
        if let Some(raw) = self.meta.published {
            article.published = parse_published(&raw);
            if article.published.is_none() {
                article.published_raw = Some(clean(raw));
            }
        }
        article.source = self.meta.site_name.map(clean);
        article.url = url
            .map(str::to_string)
            .or(self.meta.canonical_url)
            .map(clean);
        article.refresh_id();
        article
    }
}

/// The body's text without its image placeholders (`[image: alt]`): the words a reader reads.
pub fn text_without_images(body: &Body) -> String {
    let mut out = String::with_capacity(body.text.len());
    for (_, text) in body.iter() {
        let mut rest = text;
        let mut kept = String::new();
        while let Some(at) = rest.find("[image") {
            kept.push_str(&rest[..at]);
            let tail = &rest[at..];
            let end = tail.find(']').map_or(tail.len(), |e| e + 1);
            rest = &tail[end..];
        }
        kept.push_str(rest);
        let kept = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        if !kept.is_empty() {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&kept);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BlockKind;

    /// A page shaped like a news site's: navigation, a share bar, the article, related links,
    /// comments and a footer. Its text is the project's own.
    const PAGE: &str = r#"<!doctype html><html><head><title>Harbour cranes return | The Harbour Post</title>
    <meta property="og:site_name" content="The Harbour Post"></head><body>
    <header class="site-header"><a href="/">The Harbour Post</a><ul class="menu"><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></header>
    <main><article class="story">
      <h1>Harbour cranes return</h1>
      <div class="byline">By Ana Núñez</div>
      <div class="share-tools"><a href="/share/fb">Share on Facebook</a> <a href="/share/x">Share on X</a></div>
      <div class="story-body"><p>Updated 09:40, March 4, 2024</p>
        <p>The cranes of the north harbour moved again on Monday, after a strike that had kept them idle for nine days, and the first container ship left at noon.</p>
        <figure><img src="/crane.jpg" alt="A crane at dawn"><figcaption>A crane at dawn. Photo: Harbour Post</figcaption></figure>
        <p>Dockers voted on Sunday evening to accept the offer, which raises pay by four percent this year and by three percent next year, the union said in a <a href="/statement.pdf">statement</a>.</p>
        <h2>What the deal holds</h2>
        <ul><li>Four percent more pay this year, and three percent next year.</li><li>Two more rest days for night shifts, from March on.</li></ul>
        <blockquote><p>We got most of what we asked for, and the harbour is working again, which is what everyone wanted.</p></blockquote>
        <p>Shipping lines had sent some of their vessels to other ports during the strike, and it may take weeks before they all come back, the port authority warned.</p>
      </div>
    </article>
    <section class="related-stories"><h3>Related</h3><ul><li><a href="/a">Strike enters its second week</a></li><li><a href="/b">Union rejects the first offer</a></li><li><a href="/c">Ports across the region brace for delays</a></li></ul></section>
    <div id="comments" class="comments"><p>What a week it was for everyone at the harbour, glad it is over now, really.</p></div>
    </main><footer><p>© The Harbour Post. All rights reserved. Contact us, advertise with us, privacy policy.</p></footer>
    </body></html>"#;

    #[test]
    fn the_article_is_found_and_the_boilerplate_left_out() {
        let page = extract_page(PAGE, Some("https://post.example/news/cranes"));
        let text = &page.body.text;
        assert!(
            text.starts_with("The cranes of the north harbour"),
            "{text}"
        );
        assert!(text.ends_with("the port authority warned."), "{text}");
        for boilerplate in [
            "Sport",
            "Share on",
            "Related",
            "glad it is over",
            "rights reserved",
        ] {
            assert!(!text.contains(boilerplate), "{boilerplate:?} in {text}");
        }
        assert!(
            !text.contains("Photo: Harbour Post"),
            "captions are left out: {text}"
        );
        assert!(!text.contains("By Ana"), "the byline is metadata: {text}");
        assert!(!text.contains("Updated 09:40"), "so is the date: {text}");
        assert!(
            !text.contains("Harbour cranes return"),
            "the title is not repeated: {text}"
        );
    }

    #[test]
    fn blocks_keep_their_kinds_links_and_images() {
        let page = extract_page(PAGE, Some("https://post.example/news/cranes"));
        let body = &page.body;
        let kinds: Vec<BlockKind> = body.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::{ListItem, Paragraph, Quote, Subheading};
        assert_eq!(
            kinds,
            [
                Paragraph, Paragraph, Paragraph, Subheading, ListItem, ListItem, Quote, Paragraph
            ]
        );
        assert_eq!(body.block_text(&body.blocks[1]), "[image: A crane at dawn]");
        assert_eq!(body.block_text(&body.blocks[3]), "What the deal holds");
        let link = &body.links[0];
        assert_eq!(&body.text[link.start..link.end], "statement");
        assert_eq!(link.url, "https://post.example/statement.pdf");
        assert!(!text_without_images(body).contains("[image"));
    }

    #[test]
    fn text_beside_line_breaks_is_the_article() {
        let para =
            "Words of the article written straight into a cell, with commas, as old sites do. ";
        let html = format!(
            "<table><tr><td><a href='/'>Home</a> <a href='/x'>Index</a></td></tr>
             <tr><td>{p}<br><br>{p}<br><br><table><tr><td>Ad</td></tr></table>{p}</td></tr></table>",
            p = para.repeat(3)
        );
        let page = extract_page(&html, None);
        assert_eq!(
            page.body.text.matches("Words of the article").count(),
            9,
            "{}",
            page.body.text
        );
        assert!(!page.body.text.contains("Home"));
    }

    #[test]
    fn the_page_becomes_an_article_with_its_metadata() {
        let article =
            extract_page(PAGE, None).into_article(Some("https://post.example/news/cranes"), "x");
        assert_eq!(
            article.title, "Harbour cranes return",
            "the site name is taken off"
        );
        assert_eq!(article.authors, ["Ana Núñez"]);
        assert_eq!(article.source.as_deref(), Some("The Harbour Post"));
        assert_eq!(
            article.id,
            Article::derive_id(Some("https://post.example/news/cranes"), "", "")
        );
    }

    #[test]
    fn an_embedded_post_stays_and_story_links_and_photo_credits_go() {
        let para = "The harbour council met on Tuesday evening, and the vote on the new quay was \
                    put off until the spring, the chairwoman said after the meeting.";
        let html = format!(
            r#"<article><div class="entry-content"><p>{para}</p>
            <div class="image-wrap"><img src="/q.jpg" alt="The quay"><p>The old quay. Photo: Post</p></div>
            <p><a href="/other">Council backs the ferry plan</a></p>
            <div class="social-media-embed"><blockquote class="twitter-tweet"><p>The quay vote is
            off again, <a href="https://x.example/t">see the agenda</a></p></blockquote></div>
            <p>{para}</p><p>{para}</p><p>{para}</p></div></article>"#
        );
        let text = extract_page(&html, None).body.text;
        assert!(text.contains("The quay vote is off again"), "{text}");
        assert!(!text.contains("Council backs"), "{text}");
        assert!(!text.contains("Photo: Post"), "{text}");
        assert_eq!(text.matches("The harbour council").count(), 4, "{text}");
    }

    #[test]
    fn an_article_in_chunks_is_read_whole() {
        let part = |n: usize, times: usize| {
            format!(
                "<p>Part {n} of the story, with the council's vote, the quay and the ferry, and \
                     more words about the harbour so that it reads as a paragraph of news.</p>"
            )
            .repeat(times)
        };
        // As some sites cut an article between ads: each chunk in a grid of its own.
        let html = format!(
            r#"<main><div class="chunks">
            <div class="grid"><div class="article-body">{}</div><div class="ad-rail">Ad</div></div>
            <div class="grid"><div class="article-body">{}</div><div class="ad-rail">Ad</div></div>
            </div><div class="more"><p>Other stories</p></div></main>"#,
            part(1, 12),
            part(2, 4)
        );
        let text = extract_page(&html, None).body.text;
        assert!(
            text.starts_with("Part 1") && text.ends_with("paragraph of news."),
            "{text}"
        );
        assert_eq!(text.matches("Part 2").count(), 4, "{text}");
        assert!(
            !text.contains("Ad\n") && !text.contains("Other stories"),
            "{text}"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_markup_gives_a_sound_body(html in "(<(p|div|a href=x|li|ul|table|td|script|h2|br|img alt=y)>|</(p|div|a|li|ul|table|td|script|h2)>|[a-zé ,.]{0,30}|&amp;|<!--){0,60}") {
            let page = extract_page(&html, Some("https://post.example/"));
            for b in &page.body.blocks {
                proptest::prop_assert!(page.body.text.get(b.start..b.end).is_some());
            }
            for l in &page.body.links {
                proptest::prop_assert!(page.body.text.get(l.start..l.end).is_some());
            }
        }
    }

    #[test]
    fn a_page_without_text_gives_an_empty_body() {
        for html in [
            "",
            "<html><body><nav><a href='/'>Home</a></nav></body></html>",
            "<<<>>>&&&",
        ] {
            let page = extract_page(html, None);
            assert!(page.body.text.is_empty(), "{html:?}: {:?}", page.body.text);
        }
    }
}
