//! `petrel eval pentaclass`: the quad class of each sentence's main event against the
//! ConfliBERT PentaClass labels (0 statement/appeal, 1 verbal cooperation, 2 material
//! cooperation, 3 verbal conflict, 4 material conflict). A sentence with no coded event is
//! predicted 0. Roots map to classes by `lexicon/pentaclass.tsv` (the data's scheme, which puts
//! root 16 in verbal conflict); the accuracy with CAMEO's own quad classes is printed too.
//! Every sentence goes through the whole pipeline; the coding stages are then
//! timed again on their own to report what coding adds to tagging and parsing.

use anyhow::Context;
use petrel_doc::{Component, Document, Meta};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

/// CPU seconds used by this process (all threads), from /proc on Linux; `None` elsewhere.
/// The machine may be shared, so wall time would also count other processes.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = s.get(s.rfind(')')? + 2..)?;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

#[derive(clap::Args)]
pub struct Args {
    /// Tab-separated gold: sentence, then the class 0–4 in the last column.
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    pipeline: crate::cmd::input::PipelineArgs,
    /// Print up to N misclassified sentences.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

fn read_gold(path: &PathBuf) -> anyhow::Result<Vec<(String, u8)>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((sent, label)) = line.rsplit_once('\t') else {
            anyhow::bail!(
                "{}:{}: expected sentence <TAB> class",
                path.display(),
                i + 1
            );
        };
        let label: u8 = label
            .trim()
            .parse()
            .ok()
            .filter(|l| *l <= 4)
            .ok_or_else(|| {
                anyhow::anyhow!("{}:{}: class {:?} is not 0–4", path.display(), i + 1, label)
            })?;
        out.push((sent.to_string(), label));
    }
    Ok(out)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold = read_gold(&args.gold)?;
    let opts = args.pipeline.options();
    let pipeline = petrel::build_pipeline(&opts).map_err(|e| anyhow::anyhow!(e))?;
    let t0 = Instant::now();
    let c0 = cpu_seconds();
    let docs: Vec<Document> = gold
        .par_iter()
        .enumerate()
        .map(|(i, (s, _))| {
            let mut doc = Document::new(
                Meta {
                    id: format!("{}", i + 1),
                    ..Default::default()
                },
                s.clone(),
            );
            pipeline
                .run(&mut doc)
                .map(|_| doc)
                .map_err(|e| anyhow::anyhow!("{}:{}: {e}", args.gold.display(), i + 1))
        })
        .collect::<anyhow::Result<_>>()?;
    let wall = t0.elapsed();
    let pipeline_cpu = c0.and_then(|c| Some(cpu_seconds()? - c));
    // Time the coding stages alone, single-threaded, on the already parsed documents.
    let src = petrel_actors::LexiconSource {
        dir: args.pipeline.lexicon.clone(),
        replace: false,
    };
    let actors = petrel_actors::ActorsComponent::load(&src)?;
    let events = petrel_events::EventsComponent::load(&src, actors.lexicon().clone())?;
    let mut copies = docs.clone();
    let t1 = Instant::now();
    let c1 = cpu_seconds();
    // Repeat until the clock (10 ms ticks for CPU time) has something to measure.
    let mut reps = 0u32;
    while reps < 50 && (reps < 3 || t1.elapsed().as_secs_f64() < 0.5) {
        for d in &mut copies {
            actors.process(d)?;
            events.process(d)?;
        }
        reps += 1;
    }
    let coding_wall = t1.elapsed().as_secs_f64() / reps as f64;
    let coding_cpu = c1.and_then(|c| Some((cpu_seconds()? - c) / reps as f64));
    // CPU time when available (it counts only this process), else wall time.
    let coding = coding_cpu.unwrap_or(coding_wall);
    let mut conf = [[0usize; 5]; 5];
    let mut standard_ok = 0;
    let mut with_event = 0;
    let mut shown = 0;
    for ((sent, g), doc) in gold.iter().zip(&docs) {
        let main = petrel_events::main_event(doc, None, false, &actors.lexicon().grammar);
        if main.is_some() {
            with_event += 1;
        }
        let p = main.map_or(0, |e| petrel_events::penta_class(&e.cameo));
        if main.map_or(0, |e| petrel_events::penta_class_standard(&e.cameo)) == *g {
            standard_ok += 1;
        }
        conf[*g as usize][p as usize] += 1;
        if p != *g && shown < args.errors {
            shown += 1;
            println!(
                "gold {g} got {p} ({})\n    {sent}",
                main.map_or(String::new(), |e| format!("{} {}", e.verb, e.cameo))
            );
        }
    }
    let n = gold.len();
    let correct: usize = (0..5).map(|k| conf[k][k]).sum();
    let mut f1s = Vec::new();
    for (k, row) in conf.iter().enumerate() {
        let tp = row[k] as f64;
        let gold_k: usize = row.iter().sum();
        let pred_k: usize = conf.iter().map(|r| r[k]).sum();
        let p = if pred_k > 0 { tp / pred_k as f64 } else { 0.0 };
        let r = if gold_k > 0 { tp / gold_k as f64 } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        f1s.push((p, r, f, gold_k));
    }
    let acc = 100.0 * correct as f64 / n.max(1) as f64;
    let macro_f1 = 100.0 * f1s.iter().map(|x| x.2).sum::<f64>() / 5.0;
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    let coding_us = coding * 1e6 / n.max(1) as f64;
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "gold": args.gold.display().to_string(),
                "sentences": n,
                "with_event": with_event,
                "accuracy": acc,
                "accuracy_standard_quad": 100.0 * standard_ok as f64 / n.max(1) as f64,
                "macro_f1": macro_f1,
                "per_class": f1s.iter().enumerate().map(|(k, x)| serde_json::json!({"class": k, "n": x.3, "precision": 100.0 * x.0, "recall": 100.0 * x.1, "f1": 100.0 * x.2})).collect::<Vec<_>>(),
                "confusion": conf,
                "pipeline_wall_seconds": wall.as_secs_f64(),
                "pipeline_cpu_seconds": pipeline_cpu,
                "coding_cpu_seconds": coding_cpu,
                "coding_wall_seconds": coding_wall,
                "coding_us_per_sentence": coding_us,
                "tokens": tokens,
            })
        );
        return Ok(());
    }
    println!("gold        {}", args.gold.display());
    println!("sentences   {n} ({with_event} with a coded event)");
    println!("accuracy    {acc:.1} % ({correct}/{n})");
    println!(
        "            {:.1} % with CAMEO's own quad classes (root 16 as material conflict)",
        100.0 * standard_ok as f64 / n.max(1) as f64
    );
    println!("macro F1    {macro_f1:.1}");
    println!("class     n   precision  recall     F1");
    for (k, (p, r, f, g)) in f1s.iter().enumerate() {
        println!(
            "  {k}   {g:>5}   {:>8.1} {:>7.1} {:>6.1}",
            p * 100.0,
            r * 100.0,
            f * 100.0
        );
    }
    println!("confusion (rows gold, columns predicted)");
    for (k, row) in conf.iter().enumerate() {
        println!("  {k}  {row:?}");
    }
    println!(
        "time        whole pipeline {:.2}s wall ({} threads){}",
        wall.as_secs_f64(),
        rayon::current_num_threads(),
        pipeline_cpu.map_or(String::new(), |c| format!(", {c:.2}s CPU"))
    );
    println!(
        "            actors+events alone, again, one thread: {coding:.3}s {} = {coding_us:.1} µs per sentence, {:.3} µs per token{}",
        if coding_cpu.is_some() { "CPU" } else { "wall" },
        coding * 1e6 / tokens.max(1) as f64,
        pipeline_cpu.map_or(String::new(), |c| format!(
            "; coding is {:.1} % of the rest of the pipeline",
            100.0 * coding / (c - coding).max(1e-9)
        ))
    );
    Ok(())
}
