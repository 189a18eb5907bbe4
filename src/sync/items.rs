//! Server items made into articles: the same id scheme as feed items, and every piece of
//! server text filtered as feed text is.

use std::collections::HashMap;

use chrono::{DateTime, SecondsFormat};
use url::Url;

use super::{RemoteFeed, RemoteItem};
use crate::article::{Article, strip_unsafe};
use crate::feed::{html_to_body, html_to_line};
use crate::store::SyncedItem;

/// Articles for `items`, their source and tags taken from the feeds they belong to. Items
/// with neither a title nor text give none.
pub fn to_synced(items: &[RemoteItem], feeds: &HashMap<i64, RemoteFeed>) -> Vec<SyncedItem> {
    items
        .iter()
        .filter_map(|item| {
            let article = to_article(item, feeds.get(&item.feed_id))?;
            Some(SyncedItem {
                remote: item.id,
                article,
                is_read: item.is_read,
                is_saved: item.is_saved,
            })
        })
        .collect()
}

fn to_article(item: &RemoteItem, feed: Option<&RemoteFeed>) -> Option<Article> {
    let url = strip_unsafe(item.url.trim()).into_owned();
    let base = Url::parse(&url).ok();
    let body = html_to_body(&item.html, base.as_ref());
    let title = line(&item.title);
    if title.is_empty() && body.text.trim().is_empty() {
        return None;
    }
    let mut article = Article::new(title, body);
    article.url = (!url.is_empty()).then_some(url);
    let author = line(&item.author);
    article.authors = if author.is_empty() {
        Vec::new()
    } else {
        vec![author]
    };
    article.published = item
        .created
        .and_then(|t| DateTime::from_timestamp(t, 0))
        .map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true));
    if let Some(feed) = feed {
        article.source = feed.title.as_deref().map(line).filter(|t| !t.is_empty());
        article.tags = feed.groups.iter().map(|g| line(g)).collect();
    }
    article.refresh_id();
    Some(article)
}

/// Server text on one line, as feed titles are: markup read, controls made harmless.
fn line(html: &str) -> String {
    html_to_line(html).trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn server_text_is_filtered_and_ids_follow_the_url() {
        let item = RemoteItem {
            id: 7,
            feed_id: 1,
            title: "Rates \u{1b}[2J<b>rise</b>".into(),
            html: "<p>Body \u{202e}text</p>".into(),
            url: "https://example.org/a".into(),
            created: Some(1_704_103_200),
            ..RemoteItem::default()
        };
        let feeds = HashMap::from([(
            1,
            RemoteFeed {
                title: Some("Wire\u{7}".into()),
                groups: vec!["News".into()],
            },
        )]);
        let synced = to_synced(&[item], &feeds);
        let a = &synced[0].article;
        assert!(!a.title.contains('\u{1b}') && a.title.contains("rise"));
        assert!(!a.body.text.contains('\u{202e}'));
        assert_eq!(
            a.id,
            Article::derive_id(Some("https://example.org/a"), "", "")
        );
        assert_eq!(a.source.as_deref(), Some("Wire"));
        assert_eq!(a.tags, ["News"]);
        assert_eq!(a.published.as_deref(), Some("2024-01-01T10:00:00Z"));
    }
}
