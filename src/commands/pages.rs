//! `byline fetch`: an article's whole text from its page.

use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::{Outcome, open_store_to_write};
use crate::article::Article;
use crate::cli::FetchArgs;
use crate::extract::EXTRACTOR_VERSION;
use crate::feed::Fetcher;
use crate::outln;
use crate::pages::{PageJob, fetch_article, fetch_pages};
use crate::store::{Store, StoreError};

/// `byline fetch ID|URL`: a stored article's page replaces its summary (kept); a URL not
/// stored yet becomes a new article.
pub fn fetch(path: &std::path::Path, args: &FetchArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    let fetcher = Fetcher::with_timeout(Duration::from_secs(args.timeout.max(1)));
    let target = args.target.trim();
    let is_url = target.starts_with("http://") || target.starts_with("https://");
    let stored = match store.get(target) {
        Ok(article) => Some(article),
        Err(StoreError::NotFound(_)) if is_url => {
            let id = Article::derive_id(Some(target), "", "");
            store.known_ids(&[&id])?[0]
                .then(|| store.get(&id))
                .transpose()?
        }
        Err(e) => return Err(e).context("no such article; give its id or a page's URL"),
    };
    let Some(article) = stored else {
        return fetch_new(&mut store, &fetcher, target);
    };
    let job = PageJob::for_article(&article)
        .with_context(|| format!("article {}: has no http(s) link to fetch", article.id))?;
    let reports = fetch_pages(&mut store, &fetcher, vec![job], 1, |_| {})?;
    store.index_text()?;
    match reports.first().map(|r| &r.result) {
        Some(Ok(words)) => {
            outln!(
                "{}: {words} words from {} (the summary is kept)",
                article.id,
                reports[0].url
            )?;
            Ok(Outcome::Done)
        }
        Some(Err(reason)) => bail!("{}: {}; the summary stays", reports[0].url, reason),
        None => bail!("{}: nothing was fetched", target),
    }
}

/// A page not in the store: fetched, extracted and stored as a new article.
fn fetch_new(store: &mut Store, fetcher: &Fetcher, url: &str) -> Result<Outcome> {
    url::Url::parse(url).with_context(|| format!("{}: not a valid URL", url))?;
    let job = PageJob {
        id: Article::derive_id(Some(url), "", ""),
        url: url.to_string(),
        title: url.to_string(),
        summary_words: 0,
    };
    let (article, entities) =
        fetch_article(fetcher, &job).map_err(|reason| anyhow::anyhow!("{}: {}", url, reason))?;
    store.insert_batch(std::slice::from_ref(&article))?;
    store.set_entities(&article.id, &entities, EXTRACTOR_VERSION)?;
    store.index_text()?;
    outln!(
        "{}: {} words from {} ({})",
        article.id,
        article.word_count(),
        url,
        article.title
    )?;
    Ok(Outcome::Done)
}
