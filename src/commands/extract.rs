//! `byline ner` and `byline entities`: the extractor on the command line.

use std::io::{BufRead, Read, Write};

use anyhow::{Context, Result};
use serde::Deserialize;

use super::{Outcome, open_store, open_store_to_write};
use crate::cli::{EntitiesArgs, IndexArgs, MentionsArgs};
use crate::extract::{ArticleEntities, EXTRACTOR_VERSION, Extractor, article_entities};
use crate::output;
use crate::output::json::{self, Layout};
use crate::store::{EntityCount, Store};
use crate::{errln, outln};

#[derive(Deserialize)]
struct NerInput {
    id: serde_json::Value,
    text: String,
}

/// The most one input line of `byline ner` may hold: the extractor needs about 35 bytes of
/// memory per byte of one text, so this keeps a run under about 600 MB.
const MAX_NER_LINE: usize = 16 * 1024 * 1024;

/// Reads `{"id","text"}` lines on stdin; writes `{"id","spans"}` lines on stdout, in order.
pub fn ner() -> Result<Outcome> {
    let extractor = Extractor::get();
    let mut stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(output::stdout());
    let mut buf = Vec::new();
    for n in 1.. {
        buf.clear();
        let got = (&mut stdin)
            .take(MAX_NER_LINE as u64 + 1)
            .read_until(b'\n', &mut buf)
            .context("cannot read standard input")?;
        if got == 0 {
            break;
        }
        if buf.len() > MAX_NER_LINE && buf.last() != Some(&b'\n') {
            anyhow::bail!("stdin line {n}: longer than 16 MiB, the most one input may hold");
        }
        let line =
            std::str::from_utf8(&buf).with_context(|| format!("stdin line {n}: not UTF-8 text"))?;
        if line.trim().is_empty() {
            continue;
        }
        let input: NerInput = serde_json::from_str(line)
            .with_context(|| format!("stdin line {n}: expected {{\"id\", \"text\"}}"))?;
        let spans: Vec<serde_json::Value> = extractor
            .extract(&input.text)
            .iter()
            .map(|m| serde_json::json!({"start": m.start, "end": m.end, "label": m.label.as_str()}))
            .collect();
        let line = serde_json::json!({"id": input.id, "spans": spans});
        json::write(&mut out, &line, Layout::Compact)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Grouped entities of a stored article (by id) or of a file.
pub fn entities(path: &std::path::Path, args: &EntitiesArgs) -> Result<Outcome> {
    let target = args.target.as_deref().unwrap_or_default();
    let file = std::path::Path::new(target);
    let article = if file.is_file() {
        let report = crate::article::import_file(file);
        if let Some(e) = report.errors.into_iter().next() {
            return Err(e.into());
        }
        report
            .articles
            .into_iter()
            .next()
            .context("the file holds no article")?
    } else {
        open_store(path)?.get(target)?
    };
    let found = article_entities(&article);
    say_if_cut(&found);
    let groups = found.entities;
    if args.json {
        json::print(&groups, Layout::Pretty)?;
        return Ok(Outcome::Done);
    }
    let mut out = output::stdout();
    for g in &groups {
        let forms: Vec<&str> = g.forms.iter().map(String::as_str).collect();
        // Byline and dateline fields count as one mention each.
        let count = g.mentions.len().max(1);
        let line = format!(
            "{:<6} {count:>3}  {}  ({})",
            g.kind.as_str(),
            g.name,
            forms.join(", ")
        );
        writeln!(out, "{line}")?;
    }
    Ok(Outcome::Done)
}

/// Says, on stderr so `--json` output keeps its shape, that the extractor read only the start
/// of a huge article.
fn say_if_cut(found: &ArticleEntities) {
    if let Some(cut) = found.cut_at {
        let mb = |bytes: usize| bytes as f64 / 1e6;
        errln!(
            "note: the article is {:.1} MB long; entities were looked for in its first {:.1} MB only",
            mb(found.text.len()),
            mb(cut)
        );
    }
}

/// Fills the store's entity index for articles the current extractor has not indexed yet.
pub fn index(path: &std::path::Path, args: &IndexArgs) -> Result<Outcome> {
    let mut store = open_store_to_write(path)?;
    let text = store.index_text()?;
    if text > 0 {
        outln!(
            "added {text} article{} to the search index",
            if text == 1 { "" } else { "s" }
        )?;
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    let pending = store.unindexed_count(EXTRACTOR_VERSION)?.min(limit);
    let bar = output::progress::bar(pending, "{bar:30} {pos}/{len} articles  {eta} left");
    let indexed = index_pending_with(&mut store, limit, 2, &mut |n| {
        if let Some(bar) = &bar {
            bar.inc(n as u64);
        }
    })?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    outln!(
        "indexed the entities of {indexed} article{}",
        if indexed == 1 { "" } else { "s" }
    )?;
    if indexed > 0 || !store.entities_resolved()? {
        let canonical = store.resolve_entities()?;
        outln!("{canonical} entities across the store")?;
    }
    Ok(Outcome::Done)
}

/// Indexes up to `limit` pending articles, newest first, extracting on two threads.
pub fn index_pending(store: &mut Store, limit: usize) -> Result<usize> {
    index_pending_on(store, limit, 2)
}

/// [`index_pending`] on `threads` threads (the reader's background worker uses one, leaving
/// the other core to the screen).
pub fn index_pending_on(store: &mut Store, limit: usize, threads: usize) -> Result<usize> {
    index_pending_with(store, limit, threads, &mut |_| {})
}

/// [`index_pending_on`], telling `progress` how many articles each batch indexed.
pub fn index_pending_with(
    store: &mut Store,
    limit: usize,
    threads: usize,
    progress: &mut dyn FnMut(usize),
) -> Result<usize> {
    // Pending ids are taken a window at a time (memory stays bounded however many wait); in a
    // window, this thread reads articles and writes results while `threads` others extract,
    // so that the store's work and the extractor's overlap (reading, extracting, then writing
    // each batch in turn used 1.05 of the two cores).
    const WINDOW: usize = 4096;
    let mut done = 0;
    while done < limit {
        let ids = store.unindexed(EXTRACTOR_VERSION, WINDOW.min(limit - done))?;
        if ids.is_empty() {
            break;
        }
        done += index_window(store, &ids, threads, progress)?;
    }
    Ok(done)
}

/// Indexes the articles `ids` on `threads` extracting threads; returns how many.
fn index_window(
    store: &mut Store,
    ids: &[String],
    threads: usize,
    progress: &mut dyn FnMut(usize),
) -> Result<usize> {
    use std::sync::mpsc::{channel, sync_channel};
    const BATCH: usize = 256;
    let (work, queue) = sync_channel::<crate::article::Article>(BATCH);
    let queue = std::sync::Mutex::new(queue);
    let (found, results) = channel::<(String, Vec<EntityCount>)>();
    std::thread::scope(|scope| -> Result<usize> {
        for _ in 0..threads.max(1) {
            let (queue, found) = (&queue, found.clone());
            scope.spawn(move || {
                loop {
                    let next = queue.lock().map(|q| q.recv());
                    let Ok(Ok(article)) = next else { break };
                    // A panic in the extractor leaves that article without entities, not the
                    // index without the others.
                    let counts = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        entity_counts(&article)
                    }))
                    .unwrap_or_default();
                    if found.send((article.id, counts)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(found);
        let mut ready: Vec<(String, Vec<EntityCount>)> = Vec::new();
        let mut written = 0;
        let mut write = |store: &mut Store, ready: &mut Vec<(String, Vec<EntityCount>)>| {
            let batch: Vec<(&str, &[EntityCount])> = ready
                .iter()
                .map(|(id, c)| (id.as_str(), c.as_slice()))
                .collect();
            store.set_entities_of(&batch, EXTRACTOR_VERSION)?;
            written += ready.len();
            progress(ready.len());
            ready.clear();
            anyhow::Ok(())
        };
        let sent = (|| {
            for id in ids {
                work.send(store.get(id)?)?;
                ready.extend(results.try_iter());
                if ready.len() >= BATCH {
                    write(store, &mut ready)?;
                }
            }
            anyhow::Ok(())
        })();
        // The extractors end when the queue is closed and empty.
        drop(work);
        ready.extend(results.iter());
        sent?;
        for chunk in ready.chunks(BATCH) {
            write(store, &mut chunk.to_vec())?;
        }
        Ok(written)
    })
}

/// An article's entities as the store keeps them.
pub fn entity_counts(article: &crate::article::Article) -> Vec<EntityCount> {
    article_entities(article)
        .entities
        .into_iter()
        .map(|e| EntityCount {
            name: e.name,
            kind: e.kind.as_str().to_string(),
            mentions: u32::try_from(e.mentions.len().max(1)).unwrap_or(u32::MAX),
        })
        .collect()
}

/// Lists the articles that mention an entity, from the store's entity index.
pub fn mentions(path: &std::path::Path, args: &MentionsArgs) -> Result<Outcome> {
    let store = open_store(path)?;
    let rows = store.articles_mentioning(&args.name, args.kind.as_deref(), args.limit)?;
    if args.json {
        json::print(&rows, Layout::Pretty)?;
    } else {
        let mut out = output::stdout();
        for row in &rows {
            writeln!(out, "{}", super::row_line(row))?;
        }
        if rows.is_empty() {
            errln!(
                "no indexed article mentions {:?} (byline index indexes new articles)",
                args.name
            );
        }
    }
    Ok(if rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Done
    })
}
