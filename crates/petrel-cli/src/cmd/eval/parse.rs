//! `petrel eval parse`: UPOS, XPOS, lemma accuracy, UAS and LAS against a UD treebank, on
//! gold tokens and from raw text (petrel's own tokenizer and sentence splitter; words aligned
//! by character offsets as in the CoNLL 2018 shared task), and optionally the speed.

use crate::cmd::parse::build_with_beam;
use anyhow::anyhow;
use petrel_syntax::conllu::read_path;
use petrel_syntax::{eval, Syntax};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    /// Gold CoNLL-U file, or a directory of them (with a `splits.md`, the `--split` documents).
    #[arg(long)]
    treebank: PathBuf,
    /// Split to read from a treebank directory with `splits.md`.
    #[arg(long, default_value = "dev")]
    split: String,
    /// Only files whose name contains this (e.g. `_news_` for GUM's news documents).
    #[arg(long)]
    only: Option<String>,
    /// Directory with `tagger.bin` and `parser.bin` to use instead of the embedded models.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Skip the raw-text evaluation.
    #[arg(long)]
    gold_only: bool,
    /// Also measure tagging + lemmatising + parsing speed on the treebank's words, repeated
    /// to at least this many tokens per thread (e.g. 1000000).
    #[arg(long)]
    bench: Option<usize>,
    /// Threads for `--bench` (each runs the whole text).
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Decode with this parser beam width instead of the one the model was trained with
    /// (1: greedy), to measure other widths.
    #[arg(long, value_parser = clap::value_parser!(u16).range(1..=64))]
    beam: Option<u16>,
    /// Also print the N most frequent UPOS confusions and the N gold relations with the most
    /// attachment errors (gold tokens), to see where the models go wrong.
    #[arg(long, value_name = "N")]
    errors: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let sents =
        read_path(&args.treebank, &args.split, args.only.as_deref()).map_err(|e| anyhow!("{e}"))?;
    let t0 = std::time::Instant::now();
    let beam = args.beam.map(usize::from);
    let (tagger, mut parser) = match &args.models {
        Some(d) => (
            Arc::new(petrel_syntax::load_tagger(&d.join("tagger.bin"))?),
            Arc::new(petrel_syntax::load_parser(&d.join("parser.bin"))?),
        ),
        None => (
            petrel_syntax::embedded_tagger()?,
            petrel_syntax::embedded_parser()?,
        ),
    };
    if let Some(k) = beam {
        let mut owned = petrel_syntax::owned_parser(args.models.as_deref())?;
        owned.set_beam(k);
        parser = Arc::new(owned);
    }
    println!(
        "treebank {} ({} sentences); models loaded in {:.3}s; parser beam {}",
        args.treebank.display(),
        sents.len(),
        t0.elapsed().as_secs_f64(),
        parser.beam()
    );
    let mut syn = Syntax::new(tagger.clone(), parser.clone());
    let mut errors = args.errors.map(|_| eval::Errors::default());
    let gold = eval::eval_gold_tokens_with_errors(&mut syn, &sents, errors.as_mut());
    println!("gold tokens: {gold}");
    if let (Some(e), Some(n)) = (&errors, args.errors) {
        print_errors(e, n, gold.gold_words);
    }
    let tags = eval::eval_gold_tags(&parser, &sents);
    println!(
        "gold tags:   UAS {:.2}  LAS {:.2}  LAS-full {:.2}  (the parser alone, given the treebank's tags)",
        tags.f1(tags.uas),
        tags.f1(tags.las),
        tags.f1(tags.las_full)
    );
    if !args.gold_only {
        let pipeline = build_with_beam(args.models.clone(), beam)?;
        let raw = eval::eval_raw(&sents, |text| {
            let mut doc = petrel_doc::Document::new(Default::default(), text);
            pipeline.run(&mut doc).map_err(|e| e.to_string())?;
            Ok(doc)
        })
        .map_err(|e| anyhow!(e))?;
        println!("raw text:    {raw}");
    }
    if let Some(n) = args.bench {
        let r = petrel_syntax::bench(&tagger, &parser, &sents, n, args.threads);
        println!(
            "speed: {} tokens in {:.2}s on {} thread(s): {:.0} tokens/s wall-clock ({:.0} per thread)",
            r.tokens,
            r.seconds,
            r.threads,
            r.tokens_per_second(),
            r.tokens_per_second() / r.threads as f64
        );
        if let Some(cpu) = r.tokens_per_cpu_second() {
            println!(
                "       {:.2} CPU-seconds: {cpu:.0} tokens per CPU-second (speed of one core when the machine is busy)",
                r.cpu_seconds.unwrap_or(0.0)
            );
        }
    }
    Ok(())
}

/// The error breakdown of `--errors N`.
fn print_errors(e: &eval::Errors, n: usize, words: usize) {
    let pct = |c: usize| 100.0 * c as f64 / words.max(1) as f64;
    println!("UPOS confusions (gold -> predicted, words, % of all words):");
    for (g, p, c) in e.top_upos(n) {
        println!("  {g:>6} -> {p:<6} {c:>6}  {:.2}", pct(c));
    }
    println!(
        "wrong heads: {} ({:.2} % of words), {} of them on words whose UPOS is wrong",
        e.head_errors,
        pct(e.head_errors),
        e.head_errors_after_tag_errors
    );
    if e.not_trees > 0 {
        println!("sentences whose parse is not a tree: {}", e.not_trees);
        for x in &e.not_tree_examples {
            println!("  {x}");
        }
    }
    println!(
        "gold relations with the most errors (words, wrong head, right head but wrong label):"
    );
    for (r, all, head, label) in e.top_rels(n) {
        println!("  {r:<12} {all:>6} {head:>6} {label:>6}");
    }
}
