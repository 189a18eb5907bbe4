//! `byline ner` and `byline entities`: the extractor on the command line.

use std::io::{BufRead, Write};

use anyhow::{Context, Result};
use serde::Deserialize;

use super::{Outcome, open_store};
use crate::cli::EntitiesArgs;
use crate::extract::{Extractor, group_entities};

#[derive(Deserialize)]
struct NerInput {
    id: serde_json::Value,
    text: String,
}

/// Reads `{"id","text"}` lines on stdin; writes `{"id","spans"}` lines on stdout, in order.
pub fn ner() -> Result<Outcome> {
    let extractor = Extractor::get();
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (n, line) in stdin.lines().enumerate() {
        let line = line.context("cannot read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let input: NerInput = serde_json::from_str(&line)
            .with_context(|| format!("stdin line {}: expected {{\"id\", \"text\"}}", n + 1))?;
        let spans: Vec<serde_json::Value> = extractor
            .extract(&input.text)
            .iter()
            .map(|m| serde_json::json!({"start": m.start, "end": m.end, "label": m.label.as_str()}))
            .collect();
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({"id": input.id, "spans": spans}),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(Outcome::Done)
}

/// Grouped entities of a stored article (by id) or of a file.
pub fn entities(path: &std::path::Path, args: &EntitiesArgs) -> Result<Outcome> {
    let file = std::path::Path::new(&args.target);
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
        open_store(path)?.get(&args.target)?
    };
    let text = &article.body.text;
    let groups = group_entities(text, &Extractor::get().extract(text));
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &groups)?;
        writeln!(out)?;
        return Ok(Outcome::Done);
    }
    for g in &groups {
        let forms: Vec<&str> = g.forms.iter().map(String::as_str).collect();
        let line = format!(
            "{:<8} {:>3}  {}  ({})",
            g.kind.heading(),
            g.mentions.len(),
            g.name,
            forms.join(", ")
        );
        writeln!(out, "{}", crate::article::neutralize_controls(&line))?;
    }
    Ok(Outcome::Done)
}
