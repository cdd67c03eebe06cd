//! Training runs as used by `petrel train`: reading treebanks, tag sources for the parser
//! (gold, a tagger, or jackknifing), per-epoch dev scores, pruning and writing the model file.

use crate::conllu::{read_path, Sentence};
use crate::{
    eval, parser_tag_hash, train_parser, train_tagger, ParserTrainOptions, Syntax, Tagger,
    TaggerTrainOptions,
};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Which model to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum What {
    Tagger,
    Parser,
}

/// Where the parser's training tags come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagSource {
    /// The treebank's gold tags.
    Gold,
    /// Tags from `tagger` (nearly gold if it was trained on the same data).
    Tagger,
    /// One tagger per fold, trained on the other folds, tags the held-out fold, so the parser
    /// learns from tags as noisy as at run time.
    Jackknife,
}

/// A training run.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub what: What,
    pub train: Vec<PathBuf>,
    pub dev: Vec<PathBuf>,
    pub output: PathBuf,
    pub epochs: Option<usize>,
    pub seed: u64,
    pub tagger: Option<PathBuf>,
    pub tags: TagSource,
    pub folds: usize,
    pub fold_epochs: usize,
    pub prune: f32,
    pub upweight: Option<String>,
    /// Tagger passes (1, or 2 for a second pass that sees tags to the right).
    pub tagger_passes: usize,
}

fn read_all(paths: &[PathBuf], split: &str, upweight: Option<&str>) -> Result<Vec<Sentence>> {
    let mut out = Vec::new();
    for p in paths {
        out.extend(read_path(p, split, None)?);
        if let Some(u) = upweight {
            if p.is_dir() {
                out.extend(read_path(p, split, Some(u)).unwrap_or_default());
            }
        }
    }
    Ok(out)
}

fn load_tagger(path: &Option<PathBuf>) -> Result<Arc<Tagger>> {
    Ok(match path {
        Some(p) => Arc::new(crate::load_tagger(p)?),
        None => crate::embedded_tagger()?,
    })
}

fn tag_with(tagger: &Tagger, sents: &[Sentence]) -> Vec<Vec<u64>> {
    let mut scratch = crate::tagger::TagScratch::default();
    let mut classes = Vec::new();
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag(&forms, &mut scratch, &mut classes);
            classes
                .iter()
                .map(|&c| parser_tag_hash(&tagger.upos[c as usize], &tagger.xpos[c as usize]))
                .collect()
        })
        .collect()
}

/// Runs a training and writes the model; progress goes to stderr.
pub fn run(args: TrainConfig) -> Result<()> {
    let t0 = Instant::now();
    let train = read_all(&args.train, "train", args.upweight.as_deref())?;
    let dev = read_all(&args.dev, "dev", None)?;
    let words: usize = train.iter().map(|s| s.words.len()).sum();
    eprintln!(
        "training on {} sentences ({words} words); dev {} sentences",
        train.len(),
        dev.len()
    );
    if let Some(dir) = args.output.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    match args.what {
        What::Tagger => {
            let opts = TaggerTrainOptions {
                epochs: args.epochs.unwrap_or(8),
                seed: args.seed,
                two_pass: args.tagger_passes >= 2,
                folds: args.folds,
            };
            let tagger = train_tagger(&train, &opts, |epoch, acc, t| {
                let dev_line = if dev.is_empty() {
                    String::new()
                } else {
                    let (u, x, l) = tag_accuracy(t, &dev);
                    format!("  dev UPOS {u:.2} XPOS {x:.2} lemma {l:.2}")
                };
                eprintln!(
                    "epoch {epoch}: train joint-tag accuracy {:.2}{dev_line}  ({:.0}s)",
                    acc * 100.0,
                    t0.elapsed().as_secs_f64()
                );
            });
            let mut tagger = tagger;
            tagger.prune(args.prune);
            if !dev.is_empty() {
                let (u, x, l) = tag_accuracy(&tagger, &dev);
                eprintln!(
                    "pruned at {}: dev UPOS {u:.2} XPOS {x:.2} lemma {l:.2}",
                    args.prune
                );
            }
            let bytes = tagger.to_bytes();
            std::fs::write(&args.output, &bytes)
                .map_err(|e| format!("{}: {e}", args.output.display()))?;
            eprintln!(
                "wrote {} ({} bytes): {}",
                args.output.display(),
                bytes.len(),
                tagger.describe()
            );
        }
        What::Parser => {
            let tags: Vec<Vec<u64>> = match args.tags {
                TagSource::Gold => train
                    .iter()
                    .map(|s| {
                        s.words
                            .iter()
                            .map(|w| parser_tag_hash(&w.upos, &w.xpos))
                            .collect()
                    })
                    .collect(),
                TagSource::Tagger => tag_with(&*load_tagger(&args.tagger)?, &train),
                TagSource::Jackknife => {
                    let k = args.folds.max(2);
                    let mut tags = vec![Vec::new(); train.len()];
                    for fold in 0..k {
                        let rest = crate::tagger::all_but_fold(&train, k, fold);
                        let held: Vec<usize> = (0..train.len()).filter(|i| i % k == fold).collect();
                        let opts = TaggerTrainOptions {
                            epochs: args.fold_epochs,
                            seed: args.seed + fold as u64,
                            two_pass: args.tagger_passes >= 2,
                            folds: args.folds,
                        };
                        let t = train_tagger(&rest, &opts, |_, _, _| {});
                        let held_sents: Vec<Sentence> =
                            held.iter().map(|&i| train[i].clone()).collect();
                        for (i, tg) in held.iter().zip(tag_with(&t, &held_sents)) {
                            tags[*i] = tg;
                        }
                        eprintln!(
                            "jackknife fold {}/{k} tagged ({:.0}s)",
                            fold + 1,
                            t0.elapsed().as_secs_f64()
                        );
                    }
                    tags
                }
            };
            let dev_tagger = if dev.is_empty() {
                None
            } else {
                Some(load_tagger(&args.tagger)?)
            };
            let opts = ParserTrainOptions {
                epochs: args.epochs.unwrap_or(12),
                seed: args.seed,
                ..Default::default()
            };
            let parser = train_parser(&train, &tags, &opts, |epoch, acc, p| {
                let dev_line = match &dev_tagger {
                    Some(t) => {
                        let parser = Arc::new(
                            crate::Parser::from_bytes("p", &p.to_bytes()).expect("own bytes"),
                        );
                        let mut syn = Syntax::new(t.clone(), parser);
                        format!("  dev {}", eval::eval_gold_tokens(&mut syn, &dev))
                    }
                    None => String::new(),
                };
                eprintln!(
                    "epoch {epoch}: train move accuracy {:.2}{dev_line}  ({:.0}s)",
                    acc * 100.0,
                    t0.elapsed().as_secs_f64()
                );
            });
            let mut parser = parser;
            parser.prune(args.prune, args.prune);
            if let Some(t) = &dev_tagger {
                let p = crate::Parser::from_bytes("p", &parser.to_bytes())?;
                let mut syn = Syntax::new(t.clone(), Arc::new(p));
                eprintln!(
                    "pruned at {}: dev {}",
                    args.prune,
                    eval::eval_gold_tokens(&mut syn, &dev)
                );
            }
            let bytes = parser.to_bytes();
            std::fs::write(&args.output, &bytes)
                .map_err(|e| format!("{}: {e}", args.output.display()))?;
            eprintln!(
                "wrote {} ({} bytes): {}",
                args.output.display(),
                bytes.len(),
                parser.describe()
            );
        }
    }
    eprintln!("done in {:.1}s", t0.elapsed().as_secs_f64());
    Ok(())
}

fn tag_accuracy(t: &Tagger, dev: &[Sentence]) -> (f64, f64, f64) {
    let mut scratch = crate::tagger::TagScratch::default();
    let mut classes = Vec::new();
    let mut lemma = String::new();
    let (mut u, mut x, mut l, mut n) = (0usize, 0usize, 0usize, 0usize);
    for s in dev {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        t.tag(&forms, &mut scratch, &mut classes);
        for (w, &c) in s.words.iter().zip(&classes) {
            u += (t.upos[c as usize] == w.upos) as usize;
            x += (t.xpos[c as usize] == w.xpos) as usize;
            t.lemma(&w.form, c, &mut scratch, &mut lemma);
            l += (lemma == w.lemma) as usize;
            n += 1;
        }
    }
    let p = |a: usize| 100.0 * a as f64 / n.max(1) as f64;
    (p(u), p(x), p(l))
}
