//! `petrel bench`: speed and memory of the pipeline on a corpus you name.
//!
//! Documents are read into memory first, so the figures are the pipeline's, not the disk's.
//! A single-threaded pass times each component; a parallel pass over all threads gives the
//! throughput. Peak memory is the process's high-water mark (VmHWM).

use super::input::InputArgs;
use petrel_doc::{Document, Meta};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Use the raw text of a CoNLL-U treebank (its `# text` lines) as the corpus, one
    /// document per `# newdoc`.
    #[arg(long)]
    treebank: Option<PathBuf>,
    /// Process the corpus this many times.
    #[arg(long, default_value_t = 1)]
    repeat: usize,
    /// Run only tokenisation and sentence splitting.
    #[arg(long)]
    text_only: bool,
    /// Directory with tagger/parser models to use instead of the built-in ones.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Directory of PETRARCH/TABARI dictionaries to code with.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Skip the single-threaded per-component pass.
    #[arg(long)]
    no_stages: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// Splits a treebank's raw text into one document per `# newdoc`.
fn treebank_docs(path: &PathBuf) -> anyhow::Result<Vec<Document>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))?;
    let mut docs = Vec::new();
    let mut blocks: Vec<String> = vec![String::new()];
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            blocks.push(String::new());
        }
        let cur = blocks.last_mut().expect("one block at least");
        cur.push_str(line);
        cur.push('\n');
    }
    for block in blocks {
        let tb = petrel_text::treebank::read_treebank(&block)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        if !tb.text.trim().is_empty() {
            let meta = Meta {
                id: format!("doc{}", docs.len() + 1),
                ..Default::default()
            };
            docs.push(Document::new(meta, tb.text));
        }
    }
    Ok(docs)
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

pub fn run(args: Args) -> anyhow::Result<()> {
    args.input.init_threads();
    let load_start = Instant::now();
    let opts = petrel::Options {
        models: args.models.clone(),
        dictionaries: args.dictionaries.clone(),
        text_only: args.text_only,
        ..Default::default()
    };
    let pipeline = petrel::build_pipeline(&opts).map_err(|e| anyhow::anyhow!(e))?;
    let load = load_start.elapsed();

    let corpus: Vec<Document> = match &args.treebank {
        Some(p) => treebank_docs(p)?,
        None => {
            let (inputs, _) = args.input.open()?;
            inputs.filter_map(Result::ok).collect()
        }
    };
    anyhow::ensure!(!corpus.is_empty(), "the corpus has no readable document");
    let repeat = args.repeat.max(1);
    let bytes: usize = corpus.iter().map(|d| d.text.len()).sum::<usize>() * repeat;

    // Single thread, per component.
    let names = pipeline.names();
    let mut stage_time = vec![Duration::ZERO; names.len()];
    let (mut sentences, mut tokens) = (0usize, 0usize);
    if !args.no_stages {
        for _ in 0..repeat {
            for d in &corpus {
                let mut doc = d.clone();
                for (k, c) in pipeline.components().enumerate() {
                    let t = Instant::now();
                    c.process(&mut doc)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", doc.meta.id))?;
                    stage_time[k] += t.elapsed();
                }
                sentences += doc.sentences.len();
                tokens += doc.tokens.len();
            }
        }
    }
    let single: Duration = stage_time.iter().sum();

    // All threads.
    let threads = rayon::current_num_threads();
    let jobs: Vec<&Document> = (0..repeat).flat_map(|_| corpus.iter()).collect();
    let t = Instant::now();
    let counts: Vec<(usize, usize)> = jobs
        .par_iter()
        .map(|d| {
            let mut doc = (*d).clone();
            let _ = pipeline.run(&mut doc);
            (doc.sentences.len(), doc.tokens.len())
        })
        .collect();
    let wall = t.elapsed();
    if args.no_stages {
        sentences = counts.iter().map(|c| c.0).sum();
        tokens = counts.iter().map(|c| c.1).sum();
    }
    let docs = jobs.len();
    let rate = |n: usize, d: Duration| n as f64 / d.as_secs_f64().max(1e-9);
    let peak = peak_rss_kib();

    if args.json {
        let stages: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .zip(&stage_time)
            .map(|(n, d)| (n.to_string(), serde_json::json!(d.as_secs_f64())))
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "documents": docs, "sentences": sentences, "tokens": tokens, "bytes": bytes,
                "load_seconds": load.as_secs_f64(),
                "single_thread": if args.no_stages { serde_json::Value::Null } else { serde_json::json!({
                    "seconds": single.as_secs_f64(),
                    "docs_per_s": rate(docs, single), "sentences_per_s": rate(sentences, single),
                    "tokens_per_s": rate(tokens, single), "stage_seconds": stages,
                })},
                "threads": threads,
                "parallel": {"seconds": wall.as_secs_f64(), "docs_per_s": rate(docs, wall),
                    "sentences_per_s": rate(sentences, wall), "tokens_per_s": rate(tokens, wall)},
                "peak_rss_mib": peak.map(|k| k as f64 / 1024.0),
            })
        );
        return Ok(());
    }
    println!(
        "corpus        {docs} documents, {sentences} sentences, {tokens} tokens, {:.1} MB",
        bytes as f64 / 1e6
    );
    println!("model load    {:.3} s", load.as_secs_f64());
    if !args.no_stages {
        println!(
            "1 thread      {:.3} s: {:.0} docs/s, {:.0} sentences/s, {:.0} tokens/s",
            single.as_secs_f64(),
            rate(docs, single),
            rate(sentences, single),
            rate(tokens, single)
        );
        for (n, d) in names.iter().zip(&stage_time) {
            println!(
                "  {n:<12}{:>8.3} s {:>6.1} %  {:>10.0} tokens/s",
                d.as_secs_f64(),
                100.0 * d.as_secs_f64() / single.as_secs_f64().max(1e-9),
                rate(tokens, *d)
            );
        }
    }
    println!(
        "{threads} threads     {:.3} s: {:.0} docs/s, {:.0} sentences/s, {:.0} tokens/s",
        wall.as_secs_f64(),
        rate(docs, wall),
        rate(sentences, wall),
        rate(tokens, wall)
    );
    if let Some(k) = peak {
        println!("peak memory   {:.1} MiB", k as f64 / 1024.0);
    }
    Ok(())
}
