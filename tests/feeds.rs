//! Feed parsing, HTML to blocks, OPML, and `feed`/`opml`/`refresh` from the command line
//! (file:// feeds; HTTP is in tests/feeds_http.rs). The feeds here are written for these tests.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use assert_cmd::Command;
use byline::article::BlockKind;
use byline::feed::opml::{Outline, parse_opml, write_opml};
use byline::feed::{html_to_body, html_to_line, parse_feed};
use predicates::prelude::PredicateBooleanExt;
use predicates::str::contains;

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>Harbour &amp; Coast</title><link>https://news.example/</link>
<item><title>Strike ends at the port</title><link>https://news.example/strike</link>
<guid isPermaLink="false">item-1</guid><dc:creator>Mira Olsen</dc:creator>
<pubDate>Tue, 10 Sep 2024 08:30:00 +0200</pubDate><category>Labour</category>
<description><![CDATA[<p>Dock workers <b>returned</b> on Monday.</p><h2>What next</h2><p>Talks <a href="/talks">resume</a> in May.</p><script>alert(1)</script>]]></description></item>
<item><title></title><description>Second item has no title but text.</description><link>https://news.example/2</link></item>
<item><title></title><description></description></item>
</channel></rss>"#;

#[test]
fn rss_items_become_articles_with_blocks_links_and_metadata() {
    let feed = parse_feed(RSS.as_bytes(), "https://news.example/rss.xml").unwrap();
    assert_eq!(feed.title.as_deref(), Some("Harbour & Coast"));
    assert_eq!(feed.articles.len(), 2);
    assert_eq!(
        feed.skipped.len(),
        1,
        "the empty item is skipped with a reason"
    );
    let a = &feed.articles[0];
    assert_eq!(a.title, "Strike ends at the port");
    assert_eq!(a.authors, ["Mira Olsen"]);
    assert_eq!(a.published.as_deref(), Some("2024-09-10T06:30:00Z"));
    assert_eq!(a.source.as_deref(), Some("Harbour & Coast"));
    assert_eq!(a.url.as_deref(), Some("https://news.example/strike"));
    assert_eq!(a.tags, ["Labour"]);
    assert_eq!(
        a.body.text,
        "Dock workers returned on Monday.\n\nWhat next\n\nTalks resume in May."
    );
    let kinds: Vec<BlockKind> = a.body.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Paragraph,
            BlockKind::Subheading,
            BlockKind::Paragraph
        ]
    );
    let link = &a.body.links[0];
    assert_eq!(&a.body.text[link.start..link.end], "resume");
    assert_eq!(
        link.url, "https://news.example/talks",
        "relative links are resolved"
    );
    assert!(
        feed.articles[1]
            .title
            .starts_with("Second item has no title")
    );
}

#[test]
fn a_local_feed_file_resolves_relative_links_against_its_site() {
    let rss = "<rss version=\"2.0\"><channel><title>S</title><link>https://site.example/news/</link>\
        <item><title>Rel</title><link>/2024/rel</link><description>&lt;p&gt;See \
        &lt;a href=\"more\"&gt;more&lt;/a&gt;.\u{1b}[2J&lt;/p&gt;</description></item></channel></rss>";
    let feed = parse_feed(rss.as_bytes(), "/tmp/saved.xml").unwrap();
    let a = &feed.articles[0];
    assert_eq!(a.url.as_deref(), Some("https://site.example/2024/rel"));
    assert_eq!(a.body.links[0].url, "https://site.example/news/more");
    assert!(!a.body.text.contains('\u{1b}'));
    let plain = "<rss version=\"2.0\"><channel><title>S</title><item><title>P</title>\
        <description>Plain \u{1b}[31mtext</description></item></channel></rss>";
    let feed = parse_feed(plain.as_bytes(), "x").unwrap();
    assert!(
        !feed.articles[0].body.text.contains('\u{1b}'),
        "{:?}",
        feed.articles[0].body.text
    );
}

#[test]
fn ids_are_stable_and_scoped_by_guid_then_link() {
    let a = parse_feed(RSS.as_bytes(), "https://news.example/rss.xml").unwrap();
    // The same feed fetched from elsewhere, with the first item's text changed.
    let changed = RSS.replace("returned", "went back");
    let b = parse_feed(changed.as_bytes(), "file:///tmp/copy.xml").unwrap();
    assert_eq!(
        a.articles[0].id, b.articles[0].id,
        "guid, scoped by the feed's site"
    );
    assert_ne!(a.articles[0].body.text, b.articles[0].body.text);
    // No guid: the link decides, as it does for any imported article with that url.
    let expected = byline::article::Article::derive_id(Some("https://news.example/2"), "", "");
    assert_eq!(a.articles[1].id, expected);
}

#[test]
fn atom_json_feed_and_rss_1_are_read() {
    let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="html">A &lt;b&gt;bold&lt;/b&gt; feed</title>
      <id>urn:x</id><entry><id>urn:x:1</id><title>Entry one</title><updated>2024-01-02T03:04:05Z</updated>
      <author><name>Ann Bell</name></author><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <em>there</em>.</p><ul><li>one</li><li>two</li></ul></div></content></entry></feed>"#;
    let f = parse_feed(atom.as_bytes(), "x").unwrap();
    assert_eq!(f.title.as_deref(), Some("A bold feed"));
    let a = &f.articles[0];
    assert_eq!(a.authors, ["Ann Bell"]);
    assert_eq!(a.body.text, "Hello there.\n\none\n\ntwo");
    assert_eq!(a.body.blocks[1].kind, BlockKind::ListItem);

    let json = r#"{"version": "https://jsonfeed.org/version/1.1", "title": "J",
      "items": [{"id": "1", "title": "From JSON", "content_text": "Para one.\n\nPara two.", "date_published": "2024-05-01T10:00:00Z"}]}"#;
    let f = parse_feed(json.as_bytes(), "x").unwrap();
    assert_eq!(f.articles[0].body.blocks.len(), 2);
    assert_eq!(
        f.articles[0].published.as_deref(),
        Some("2024-05-01T10:00:00Z")
    );

    let rdf = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
      <channel rdf:about="http://x/"><title>R</title></channel>
      <item rdf:about="http://x/1"><title>No link element</title></item></rdf:RDF>"#;
    let f = parse_feed(rdf.as_bytes(), "x").unwrap();
    assert_eq!(f.articles[0].url.as_deref(), Some("http://x/1"));
}

#[test]
fn declared_encodings_and_bad_bytes_are_decoded() {
    let mut latin = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>T</title><item><title>Caf".to_vec();
    latin.extend_from_slice(
        b"\xe9 in Z\xfcrich</title><link>http://x/1</link></item></channel></rss>",
    );
    let f = parse_feed(&latin, "x").unwrap();
    assert_eq!(f.articles[0].title, "Café in Zürich");
    // Declared UTF-8, but Windows-1252 bytes: read, not refused.
    let lying = String::from_utf8_lossy(&latin).replace("ISO-8859-1", "UTF-8");
    let mut lying = lying.into_bytes();
    let at = lying
        .windows(3)
        .position(|w| w == "Caf".as_bytes())
        .unwrap()
        + 3;
    lying.splice(at..at + 3, [0xe9]);
    assert!(
        parse_feed(&lying, "x").unwrap().articles[0]
            .title
            .starts_with("Café")
    );
    // A declaration in the middle of the document (quick-xml would panic on it).
    let odd = "\n\n<rss version=\"2.0\"><channel><title>T</title><?xml version=\"1.0\" encoding=\"windows-1251\"?><item><title>I</title><link>http://x/</link></item></channel></rss>";
    assert_eq!(parse_feed(odd.as_bytes(), "x").unwrap().articles.len(), 1);
}

#[test]
fn bad_input_is_an_error_with_a_reason_never_a_panic() {
    for (bytes, reason) in [
        (&b"<html><body>Not a feed</body></html>"[..], "not a feed"),
        (
            &b"<rss version=\"2.0\"><channel><item><title>x"[..],
            "not a readable feed",
        ),
        (&b"{\"items\": ["[..], "unable to parse JSON"),
        (&b"\x00\x01\x02binary"[..], "not a feed"),
    ] {
        let err = parse_feed(bytes, "x").unwrap_err();
        assert!(err.contains(reason), "{reason}: {err}");
    }
    // Found by cargo fuzz: text before the root that is not ASCII.
    let odd = "\u{201d}<feed version=\"0.3\" xmlns=\"http://www.w3.org/2005/Atom\"entity";
    assert!(parse_feed(odd.as_bytes(), "x").is_err());
    // An empty feed is a feed with no items.
    assert!(
        parse_feed(b"<rss version=\"2.0\"></rss>", "x")
            .unwrap()
            .articles
            .is_empty()
    );
}

#[test]
fn html_is_read_with_a_parser_not_patterns() {
    let body = html_to_body(
        "<div>Before<p>One &amp; <i>two</i><br>three</p><blockquote><p>Said.</p></blockquote>\
         <img alt=\"A map\" src=\"m.png\"><pre>  a\n  b</pre><style>p{}</style><!-- c --></div>",
        None,
    );
    let blocks: Vec<(BlockKind, &str)> = body.iter().collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Paragraph, "Before"),
            (BlockKind::Paragraph, "One & two"),
            (BlockKind::Paragraph, "three"),
            (BlockKind::Quote, "Said."),
            (BlockKind::Paragraph, "[image: A map]"),
            (BlockKind::Preformatted, "  a\n  b"),
        ]
    );
    let line = html_to_line("<b>Bold</b>\u{1b}[31m &lt;x&gt;");
    assert!(line.starts_with("Bold") && line.ends_with("[31m <x>") && !line.contains('\u{1b}'));
    // javascript: links are dropped, never kept.
    let body = html_to_body("<p><a href=\"javascript:alert(1)\">x</a></p>", None);
    assert!(body.links.is_empty());
}

#[test]
fn opml_reads_folders_as_tags_and_round_trips() {
    let opml = br#"<?xml version="1.0"?><opml version="2.0"><head/><body>
      <outline text="World"><outline text="Coast" type="rss" xmlUrl="https://a.example/rss" category="/daily"/></outline>
      <outline text="Loose &amp; free" xmlUrl="https://b.example/atom"/></body></opml>"#;
    let list = parse_opml(opml).unwrap();
    assert_eq!(
        list,
        [
            Outline {
                url: "https://a.example/rss".into(),
                title: Some("Coast".into()),
                tags: vec!["World".into(), "daily".into()],
            },
            Outline {
                url: "https://b.example/atom".into(),
                title: Some("Loose & free".into()),
                tags: vec![],
            },
        ]
    );
    let mut again = parse_opml(write_opml(&list).as_bytes()).unwrap();
    again.sort_by(|a, b| a.url.cmp(&b.url));
    assert_eq!(again, list);
    assert!(
        parse_opml(b"<notopml/>")
            .unwrap_err()
            .contains("not an OPML")
    );
    assert!(parse_opml(b"<opml><body><outline text='x").is_err());
}

fn byline(store: &std::path::Path) -> Command {
    let mut cmd = Command::cargo_bin("byline").unwrap();
    cmd.arg("--store").arg(store);
    cmd
}

#[test]
fn subscribe_refresh_update_and_keep_read_state_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let feed = dir.path().join("coast.xml");
    std::fs::write(&feed, RSS).unwrap();
    byline(&store)
        .args(["feed", "add"])
        .arg(&feed)
        .args(["--tag", "coast"])
        .assert()
        .success()
        .stdout(contains("subscribed to Harbour & Coast (file://"));
    byline(&store)
        .arg("refresh")
        .assert()
        .success()
        .stdout(contains("1 feed: 2 new articles"));
    byline(&store)
        .args(["feed", "list"])
        .assert()
        .success()
        .stdout(contains("Harbour & Coast  2 articles, 2 unread  [coast]"));
    let listed = byline(&store)
        .args(["search", "dock workers", "--json"])
        .output()
        .unwrap();
    let hits: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let id = hits[0]["id"].as_str().unwrap().to_string();
    byline(&store)
        .args(["mark", "--read", &id])
        .assert()
        .success();
    // Unchanged file: nothing read again.
    byline(&store)
        .arg("refresh")
        .assert()
        .success()
        .stdout(contains("1 unchanged"));
    // The item changes: updated in place, still read, no duplicate.
    std::fs::write(&feed, RSS.replace("returned", "went back")).unwrap();
    byline(&store)
        .arg("refresh")
        .assert()
        .success()
        .stdout(contains("0 new articles, 1 updated"));
    let shown = byline(&store).args(["show", &id]).output().unwrap();
    assert!(String::from_utf8_lossy(&shown.stdout).contains("went back"));
    byline(&store)
        .args(["list", "--unread"])
        .assert()
        .stdout(contains("Second item").and(contains("Strike").not()));
    // OPML out and into a new store.
    let opml = byline(&store).args(["opml", "export"]).output().unwrap();
    let opml_path = dir.path().join("subs.opml");
    std::fs::write(&opml_path, &opml.stdout).unwrap();
    let other = dir.path().join("other.db");
    byline(&other)
        // The exported list names local files: importing them is asked for.
        .args(["opml", "import", "--allow-files"])
        .arg(&opml_path)
        .assert()
        .success()
        .stdout(contains("1 new subscription"));
    byline(&store)
        .args(["feed", "remove", "1"])
        .assert()
        .success();
    byline(&store)
        .args(["feed", "list"])
        .assert()
        .stdout(contains("no subscriptions"));
}

#[test]
fn importing_an_opml_file_points_to_opml_import() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("subs.opml");
    std::fs::write(
        &list,
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body/></opml>",
    )
    .unwrap();
    byline(&dir.path().join("s.db"))
        .arg("import")
        .arg(&list)
        .assert()
        .code(3)
        .stderr(contains(
            "subs.opml: an OPML subscription list: `byline opml import`",
        ));
}

#[test]
fn a_broken_feed_fails_alone_and_keeps_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s.db");
    let good = dir.path().join("good.xml");
    let bad = dir.path().join("bad.xml");
    std::fs::write(&good, RSS).unwrap();
    std::fs::write(&bad, "<html>nope</html>").unwrap();
    byline(&store)
        .args(["feed", "add"])
        .arg(&good)
        .assert()
        .success();
    // Checked at once: not a feed, and a missing file.
    byline(&store)
        .args(["feed", "add"])
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(contains("not a feed").and(contains("names no feed")));
    byline(&store)
        .args(["feed", "add", "file:///nonexistent/feed.xml"])
        .assert()
        .code(2)
        .stderr(contains("cannot read"));
    // --no-check subscribes anyway; the refresh then keeps each one's error.
    byline(&store)
        .args(["feed", "add", "--no-check"])
        .arg(&bad)
        .assert()
        .success();
    byline(&store)
        .args(["feed", "add", "--no-check", "file:///nonexistent/feed.xml"])
        .assert()
        .success();
    byline(&store)
        .arg("refresh")
        .assert()
        .code(3)
        .stdout(contains("2 new articles"))
        .stderr(
            contains("bad.xml: not a feed").and(contains("/nonexistent/feed.xml: cannot read")),
        );
    byline(&store)
        .args(["feed", "list"])
        .assert()
        .stdout(contains("last refresh failed: not a feed"));
    byline(&store)
        .args(["feed", "add", "gopher://x"])
        .assert()
        .code(2)
        .stderr(contains("http, https and file URLs only"));
}

#[test]
fn dates_feed_rs_cannot_read_are_read_by_byline_or_kept_raw() {
    let rss = "<rss version=\"2.0\"><channel><title>W</title>\
        <item><title>Wire</title><link>http://x/1</link><pubDate>3-MAR-1987 05:07:04.50</pubDate></item>\
        <item><title>Odd</title><link>http://x/2</link><pubDate>the day before yesterday</pubDate></item>\
        <item><title>Fine</title><link>http://x/3</link><pubDate>Tue, 10 Sep 2024 08:30:00 GMT</pubDate></item>\
        </channel></rss>";
    let feed = parse_feed(rss.as_bytes(), "x").unwrap();
    let [wire, odd, fine] = &feed.articles[..] else {
        panic!("{:?}", feed.articles)
    };
    assert_eq!(wire.published.as_deref(), Some("1987-03-03T05:07:04Z"));
    assert_eq!(odd.published, None);
    assert_eq!(
        odd.published_raw.as_deref(),
        Some("the day before yesterday")
    );
    assert_eq!(fine.published.as_deref(), Some("2024-09-10T08:30:00Z"));
}
