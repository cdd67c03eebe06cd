//! `petrel train tagger|parser|sentences|quotes`: trains petrel's own models from CoNLL-U treebanks
//! (tagger and parser: `petrel_syntax::train`; sentences: `petrel_text`) and PolNeAR (quotes:
//! [`super::train_quotes`]). Deterministic for a seed.

use anyhow::anyhow;
use petrel_syntax::train::{self, TrainConfig};
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum What {
    /// The part-of-speech tagger and lemmatiser.
    Tagger,
    /// The dependency parser.
    Parser,
    /// The sentence-boundary model used on top of the splitting rules.
    Sentences,
    /// The quotes component's source picker, from PolNeAR (`--polnear`).
    Quotes,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum TagSource {
    /// Train the parser on the treebank's gold tags.
    Gold,
    /// Tag the training data with `--tagger`.
    Tagger,
    /// Jackknife: one tagger per fold, trained on the other folds, tags the held-out fold.
    Jackknife,
}

#[derive(clap::Args)]
pub struct Args {
    /// Which model to train.
    #[arg(value_enum)]
    what: What,
    /// Training treebank: a CoNLL-U file, or a directory of them (with a `splits.md`, only the
    /// `train` documents are used). Repeat for several.
    #[arg(long, required_unless_present = "polnear")]
    train: Vec<PathBuf>,
    /// PolNeAR training split (holding `text/` and `attributions/`), for `quotes`.
    #[arg(long)]
    polnear: Option<PathBuf>,
    /// Development treebank (file, or the `dev` split of a directory), scored after each epoch.
    #[arg(long)]
    dev: Vec<PathBuf>,
    /// Output model file (e.g. `models/tagger.bin`).
    #[arg(short, long)]
    output: PathBuf,
    /// Training epochs (default: 8 for the tagger, 12 for the parser).
    #[arg(long)]
    epochs: Option<usize>,
    /// Random seed for shuffling and exploration.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Tagger model that tags the dev data (and the training data with `--tags tagger`) when
    /// training the parser; default: the embedded tagger.
    #[arg(long)]
    tagger: Option<PathBuf>,
    /// Where the parser's training tags come from.
    #[arg(long, value_enum, default_value_t = TagSource::Gold)]
    tags: TagSource,
    /// Folds for `--tags jackknife`.
    #[arg(long, default_value_t = 4)]
    folds: usize,
    /// Epochs of the fold taggers for `--tags jackknife`.
    #[arg(long, default_value_t = 6)]
    fold_epochs: usize,
    /// Drop averaged weights smaller than this in magnitude before saving (smaller, faster
    /// models; 0 keeps all).
    #[arg(long, default_value_t = 1.0)]
    prune: f32,
    /// Read the training documents of a directory whose file name contains this (e.g.
    /// `_news_`) twice, to weight a genre.
    #[arg(long)]
    upweight: Option<String>,
    /// Tagger passes: 2 adds a second pass that sees the first pass's tags to the right
    /// (trained on jackknifed first-pass tags, with `--folds` folds); on EWT dev it gained
    /// nothing once rare words keep to the classes they had, so 1 is the default.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u8).range(1..=2))]
    tagger_passes: u8,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if let What::Sentences = args.what {
        return train_sentences(&args);
    }
    if let What::Quotes = args.what {
        let dir = args
            .polnear
            .ok_or_else(|| anyhow!("train quotes needs --polnear DIR (e.g. polnear/train)"))?;
        return super::train_quotes::run(&dir, &args.output, args.epochs, args.seed);
    }
    let cfg = TrainConfig {
        what: match args.what {
            What::Tagger => train::What::Tagger,
            What::Parser => train::What::Parser,
            What::Sentences | What::Quotes => unreachable!("handled above"),
        },
        train: args.train,
        dev: args.dev,
        output: args.output,
        epochs: args.epochs,
        seed: args.seed,
        tagger: args.tagger,
        tags: match args.tags {
            TagSource::Gold => train::TagSource::Gold,
            TagSource::Tagger => train::TagSource::Tagger,
            TagSource::Jackknife => train::TagSource::Jackknife,
        },
        folds: args.folds,
        fold_epochs: args.fold_epochs,
        prune: args.prune,
        upweight: args.upweight,
        tagger_passes: args.tagger_passes as usize,
    };
    train::run(cfg).map_err(|e| anyhow!("{e}"))
}

/// Trains the sentence-boundary model: raw text is rebuilt from each treebank's `# text`
/// lines (paragraphs from `# newpar`/`# newdoc`), and the gold sentence ends are the labels.
fn train_sentences(args: &Args) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let mut examples = Vec::new();
    for path in &args.train {
        let sents = petrel_syntax::conllu::read_path(path, "train", None)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        let conllu = petrel_syntax::conllu::write(&sents);
        let tb = petrel_text::treebank::read_treebank(&conllu)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        examples.push((
            tb.text,
            tb.sentences.iter().map(|s| s.1).collect::<Vec<u32>>(),
        ));
    }
    let lex = petrel_text::TextLexicon::embedded();
    let model = petrel_text::BoundaryModel::train(&examples, &lex, args.epochs.unwrap_or(16));
    std::fs::write(&args.output, model.to_bytes())
        .map_err(|e| anyhow!("cannot write {}: {e}", args.output.display()))?;
    eprintln!(
        "petrel: sentence model with {} features written to {} in {:.1}s",
        model.len(),
        args.output.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
