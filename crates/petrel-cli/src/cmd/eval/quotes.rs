//! `petrel eval quotes`: source, cue and content spans against PolNeAR (exact and overlap
//! F1).

use anyhow::Context;
use petrel_doc::{Component, Document, Meta};
use petrel_quotes::eval::{read_polnear, QuoteScore, SpanCounts};
use petrel_quotes::QuotesComponent;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// A PolNeAR split directory holding `text/` and `attributions/` (e.g. polnear/dev).
    #[arg(long)]
    polnear: PathBuf,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

fn counts(c: &SpanCounts) -> serde_json::Value {
    let (ep, er, ef) = c.exact_prf();
    let (op, or, of) = c.overlap_prf();
    serde_json::json!({"gold": c.gold, "predicted": c.pred,
        "exact": {"precision": ep, "recall": er, "f1": ef},
        "overlap": {"precision": op, "recall": or, "f1": of}})
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let docs = read_polnear(&args.polnear)
        .with_context(|| format!("cannot read {}", args.polnear.display()))?;
    let pipeline =
        petrel::build_pipeline(&petrel::Options::default()).map_err(|e| anyhow::anyhow!(e))?;
    let quotes = QuotesComponent::default();
    let per: Vec<anyhow::Result<(Document, f64)>> = docs
        .par_iter()
        .map(|g| {
            let mut doc = Document::new(
                Meta {
                    id: g.name.clone(),
                    ..Default::default()
                },
                g.text.clone(),
            );
            pipeline
                .run(&mut doc)
                .map_err(|e| anyhow::anyhow!("{}: {e}", g.name))?;
            // Time the quotes component alone (it replaces what the pipeline wrote).
            let t0 = Instant::now();
            quotes
                .process(&mut doc)
                .map_err(|e| anyhow::anyhow!("{}: {e}", g.name))?;
            Ok((doc, t0.elapsed().as_secs_f64()))
        })
        .collect();
    let mut sc = QuoteScore::default();
    let mut secs = 0.0;
    for (g, r) in docs.iter().zip(per) {
        let (doc, t) = r?;
        sc.add(&doc, &g.gold);
        secs += t;
    }
    let out = serde_json::json!({
        "dir": args.polnear.display().to_string(), "articles": sc.docs,
        "source": counts(&sc.source), "cue": counts(&sc.cue), "content": counts(&sc.content),
        "quotes_ms_per_article": 1000.0 * secs / sc.docs.max(1) as f64,
    });
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}
