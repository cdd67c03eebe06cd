//! Training runs as used by `petrel train`: reading treebanks, tag sources for the parser
//! (gold, a tagger, or jackknifing), per-epoch dev scores, pruning and writing the model file.

use crate::conllu::{read_path, Sentence};
use crate::{
    eval, parser_tag_hash, train_parser_with_alternatives, train_tagger, ParserTrainOptions,
    Syntax, Tagger, TaggerTrainOptions,
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
    /// Word clusters file whose classes the model sees (stored in the model).
    pub clusters: Option<PathBuf>,
    /// Train the parser seeing the tagger's runner-up tags where it was unsure (needs
    /// `tags` from a tagger: `Tagger` or `Jackknife`).
    pub alternatives: bool,
    /// Parser beam width (1: greedy with the dynamic oracle; above 1: beam search with
    /// global training, see [`crate::beam`]).
    pub beam: usize,
    /// Taggers averaged into the model ([`TaggerTrainOptions::ensemble`]).
    pub ensemble: usize,
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

/// Tags `sents`: the parser's tag values and its values of the tagger's runner-up tags.
fn tag_with(tagger: &Tagger, sents: &[Sentence]) -> (Vec<Vec<u64>>, Vec<Vec<u64>>) {
    let mut scratch = crate::tagger::TagScratch::default();
    let mut classes = Vec::new();
    let mut alts = Vec::new();
    let hashes: Vec<u64> = (0..tagger.n_classes())
        .map(|c| parser_tag_hash(&tagger.upos[c], &tagger.xpos[c]))
        .collect();
    sents
        .iter()
        .map(|s| {
            let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger.tag_with_alternatives(&forms, &mut scratch, &mut classes, &mut alts);
            (
                classes.iter().map(|&c| hashes[c as usize]).collect(),
                alts.iter().map(|&a| crate::alt_hash(&hashes, a)).collect(),
            )
        })
        .unzip()
}

/// Runs a training and writes the model; progress goes to stderr.
pub fn run(args: TrainConfig) -> Result<()> {
    let t0 = Instant::now();
    let clusters = match &args.clusters {
        Some(p) => Some(Arc::new(crate::clusters::Clusters::load(p)?)),
        None => None,
    };
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
                clusters: clusters.clone(),
                ensemble: args.ensemble,
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
            if args.alternatives && args.tags == TagSource::Gold {
                return Err(
                    "the parser learns the tagger's alternatives from a tagger's tags: \
                            use --tags jackknife or --tags tagger"
                        .into(),
                );
            }
            let (tags, alts): (Vec<Vec<u64>>, Vec<Vec<u64>>) = match args.tags {
                TagSource::Gold => (
                    train
                        .iter()
                        .map(|s| {
                            s.words
                                .iter()
                                .map(|w| parser_tag_hash(&w.upos, &w.xpos))
                                .collect()
                        })
                        .collect(),
                    Vec::new(),
                ),
                TagSource::Tagger => tag_with(&*load_tagger(&args.tagger)?, &train),
                TagSource::Jackknife => {
                    let k = args.folds.max(2);
                    let mut tags = vec![Vec::new(); train.len()];
                    let mut alts = vec![Vec::new(); train.len()];
                    for fold in 0..k {
                        let rest = crate::tagger::all_but_fold(&train, k, fold);
                        let held: Vec<usize> = (0..train.len()).filter(|i| i % k == fold).collect();
                        let opts = TaggerTrainOptions {
                            epochs: args.fold_epochs,
                            seed: args.seed + fold as u64,
                            two_pass: args.tagger_passes >= 2,
                            folds: args.folds,
                            clusters: clusters.clone(),
                            ensemble: 1,
                        };
                        let t = train_tagger(&rest, &opts, |_, _, _| {});
                        let held_sents: Vec<Sentence> =
                            held.iter().map(|&i| train[i].clone()).collect();
                        let (held_tags, held_alts) = tag_with(&t, &held_sents);
                        for ((i, tg), a) in held.iter().zip(held_tags).zip(held_alts) {
                            tags[*i] = tg;
                            alts[*i] = a;
                        }
                        eprintln!(
                            "jackknife fold {}/{k} tagged ({:.0}s)",
                            fold + 1,
                            t0.elapsed().as_secs_f64()
                        );
                    }
                    (tags, alts)
                }
            };
            if args.alternatives {
                let n: usize = alts.iter().map(Vec::len).sum();
                let unsure = alts
                    .iter()
                    .flatten()
                    .filter(|&&a| a != crate::parser::ALT_SURE);
                eprintln!(
                    "tagger unsure (runner-up within margin {}) on {:.1}% of training words",
                    crate::tagger::ALT_MARGINS[crate::tagger::ALT_MARGINS.len() - 1],
                    100.0 * unsure.count() as f64 / n.max(1) as f64
                );
            }
            let dev_tagger = if dev.is_empty() {
                None
            } else {
                Some(load_tagger(&args.tagger)?)
            };
            let opts = ParserTrainOptions {
                epochs: args.epochs.unwrap_or(12),
                seed: args.seed,
                clusters: clusters.clone(),
                beam: args.beam,
                ..Default::default()
            };
            let alts = args.alternatives.then_some(&alts[..]);
            let parser =
                train_parser_with_alternatives(&train, &tags, alts, &opts, |epoch, acc, p| {
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
                    // The beam reports the share of steps whose best item is still correct.
                    let what = if args.beam > 1 {
                        "beam steps correct"
                    } else {
                        "move accuracy"
                    };
                    eprintln!(
                        "epoch {epoch}: train {what} {:.2}{dev_line}  ({:.0}s)",
                        acc * 100.0,
                        t0.elapsed().as_secs_f64()
                    );
                });
            let mut parser = parser;
            if args.ensemble > 1 && args.beam == 1 {
                let others: Vec<crate::Parser> = (1..args.ensemble as u64)
                    .map(|k| {
                        let one = ParserTrainOptions {
                            seed: args.seed + k,
                            ..opts.clone()
                        };
                        eprintln!("ensemble: parser {} of {}", k + 1, args.ensemble);
                        train_parser_with_alternatives(&train, &tags, alts, &one, |_, _, _| {})
                    })
                    .collect();
                parser.average_with(&others);
            }
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
