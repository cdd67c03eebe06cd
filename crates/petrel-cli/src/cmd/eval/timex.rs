//! `petrel eval timex`: temporal expressions against TimeML files, scored TempEval-3 style
//! (strict and relaxed extent P/R/F1, value F1, value and type accuracy over matches).
//! Reading and scoring live in `petrel_time::timeml`; this module runs the text and time
//! components on every document (in parallel) and prints one row per corpus directory.

use anyhow::{bail, Context, Result};
use petrel_doc::{Component, Document, Meta};
use petrel_time::timeml::{read_tml, score, Score, Tx};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// Directory of TimeML files (`.tml`); each subdirectory (e.g. TimeBank, AQUAINT) is
    /// scored separately, then all together.
    #[arg(long)]
    pub tml: PathBuf,
    /// Print each missed, spurious or wrongly valued expression (tab-separated).
    #[arg(long)]
    pub errors: bool,
    /// Also write the scores as JSON to this file.
    #[arg(long)]
    pub json: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<()> {
    let mut files = Vec::new();
    collect(&args.tml, &args.tml, &mut files)?;
    if files.is_empty() {
        bail!("no .tml files under {}", args.tml.display());
    }
    files.sort();
    let docs = files
        .iter()
        .map(|(group, p)| {
            Ok((
                group.clone(),
                p.clone(),
                read_tml(p).map_err(anyhow::Error::msg)?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;

    let text = petrel_text::TextComponent::default();
    let time = petrel_time::TimeComponent;
    let t0 = Instant::now();
    let results = docs
        .par_iter()
        .map(|(group, path, g)| {
            let meta = Meta {
                id: path.display().to_string(),
                date: g.dct.clone(),
                ..Default::default()
            };
            let mut doc = Document::new(meta, g.text.clone());
            text.process(&mut doc)
                .and_then(|_| time.process(&mut doc))
                .with_context(|| format!("processing {}", path.display()))?;
            let sys: Vec<Tx> = doc
                .times
                .iter()
                .map(|t| Tx {
                    start: t.start as usize,
                    end: t.end as usize,
                    kind: t.kind.clone(),
                    value: t.value.clone(),
                    text: t.text.clone(),
                })
                .collect();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            let (s, errs) = score(&name, &g.gold, &sys, args.errors);
            Ok((group.clone(), s, errs))
        })
        .collect::<Result<Vec<_>>>()?;
    let elapsed = t0.elapsed();

    let mut groups: BTreeMap<String, Score> = BTreeMap::new();
    let mut all = Score::default();
    for (group, s, errs) in &results {
        groups.entry(group.clone()).or_default().add(s);
        all.add(s);
        for e in errs {
            println!("{e}");
        }
    }
    println!(
        "{:<10} {:>5} {:>5} {:>5} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>8} {:>9} {:>8}",
        "set",
        "docs",
        "gold",
        "sys",
        "str-P",
        "str-R",
        "str-F1",
        "rel-P",
        "rel-R",
        "rel-F1",
        "value-F1",
        "value-acc",
        "type-acc"
    );
    let mut rows: Vec<(String, Score)> = groups.into_iter().collect();
    if rows.len() > 1 {
        rows.push(("all".into(), all));
    }
    let mut json = BTreeMap::new();
    for (name, s) in &rows {
        let (sp, sr, sf) = s.strict_prf();
        let (rp, rr, rf) = s.relaxed_prf();
        println!(
            "{:<10} {:>5} {:>5} {:>5} | {:>6.1} {:>6.1} {:>6.1} | {:>6.1} {:>6.1} {:>6.1} | {:>8.1} {:>9.1} {:>8.1}",
            name, s.docs, s.gold, s.sys, sp, sr, sf, rp, rr, rf,
            s.value_f1(), s.value_accuracy(), s.type_accuracy()
        );
        json.insert(
            name.clone(),
            serde_json::json!({
                "docs": s.docs, "gold": s.gold, "sys": s.sys,
                "strict_p": sp, "strict_r": sr, "strict_f1": sf,
                "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
                "value_f1": s.value_f1(), "value_accuracy": s.value_accuracy(),
                "type_accuracy": s.type_accuracy(),
            }),
        );
    }
    println!(
        "{} documents in {:.3} s ({:.3} ms per document for text + time, {} threads)",
        docs.len(),
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / docs.len() as f64,
        rayon::current_num_threads()
    );
    if let Some(p) = &args.json {
        std::fs::write(p, serde_json::to_string_pretty(&json)?)
            .with_context(|| format!("writing {}", p.display()))?;
    }
    Ok(())
}

/// Finds `.tml` files; a file's group is its first directory below `root` (or the root's
/// own name for files directly in it).
fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> Result<()> {
    let rd = std::fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    for e in rd {
        let p = e?.path();
        if p.is_dir() {
            collect(root, &p, out)?;
        } else if p.extension().is_some_and(|x| x == "tml") {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let group = if rel.components().count() > 1 {
                rel.components()
                    .next()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .unwrap_or_default()
            } else {
                root.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "tml".into())
            };
            out.push((group, p));
        }
    }
    Ok(())
}
