//! `petrel train tagger|parser|sentences|quotes|clusters`: trains petrel's own models from
//! CoNLL-U treebanks (tagger and parser: `petrel_syntax::train`; sentences: `petrel_text`),
//! PolNeAR (quotes: [`super::train_quotes`]) and unlabelled text (word clusters:
//! `petrel_syntax::clusters`). Deterministic for a seed.

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
    /// Word clusters from unlabelled text (`--text`, and the words of `--train` treebanks),
    /// for the tagger's and parser's `--clusters`.
    Clusters,
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
    #[arg(long, required_unless_present_any = ["polnear", "text"])]
    train: Vec<PathBuf>,
    /// Unlabelled text for `clusters`: `.txt` files, TimeML `.tml` files (tags stripped), or
    /// directories searched recursively for them. Repeat for several.
    #[arg(long)]
    text: Vec<PathBuf>,
    /// Class counts of the cluster granularities, for `clusters`.
    #[arg(long, value_delimiter = ',', default_values_t = [64usize, 256, 1024])]
    classes: Vec<usize>,
    /// Words seen fewer times are left out of the clusters.
    #[arg(long, default_value_t = 3)]
    min_count: u32,
    /// Exchange-algorithm iterations for `clusters`.
    #[arg(long, default_value_t = 12)]
    iterations: usize,
    /// Cluster words by the word before them only (default: the words on both sides).
    #[arg(long)]
    one_sided: bool,
    /// Word clusters file (from `petrel train clusters`) whose classes the tagger or parser
    /// uses as features; it is stored in the model.
    #[arg(long)]
    clusters: Option<PathBuf>,
    /// Train the parser seeing the tagger's runner-up tag where the tagger was unsure (needs
    /// `--tags jackknife` or `--tags tagger`). An experiment: on EWT dev it gained nothing
    /// (docs/models.md), and only `eval parse` passes the runner-ups; the pipeline's parser
    /// component treats every tag as sure.
    #[arg(long)]
    tagger_alternatives: bool,
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
    /// Parser beam width: 1 trains today's greedy parser (dynamic oracle); K > 1 trains a
    /// beam parser globally (max-violation updates) that decodes with K beams (about K
    /// times slower; see docs/models.md).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=64))]
    beam: u16,
    /// Train this many one-pass taggers (or greedy parsers) with consecutive seeds and
    /// average their weights into one model (about the same size and speed as one; training
    /// takes K times as long).
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=16))]
    ensemble: u16,
    /// For `quotes`: a directory with `tagger.bin` and `parser.bin` that parse the PolNeAR
    /// articles instead of the embedded models (to retrain the quote model for new syntax
    /// models before they are embedded).
    #[arg(long)]
    models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if let What::Sentences = args.what {
        return train_sentences(&args);
    }
    if let What::Clusters = args.what {
        return train_clusters(&args);
    }
    if let What::Quotes = args.what {
        let dir = args
            .polnear
            .ok_or_else(|| anyhow!("train quotes needs --polnear DIR (e.g. polnear/train)"))?;
        return super::train_quotes::run(
            &dir,
            &args.output,
            args.epochs,
            args.seed,
            args.models.as_deref(),
        );
    }
    let cfg = TrainConfig {
        what: match args.what {
            What::Tagger => train::What::Tagger,
            What::Parser => train::What::Parser,
            What::Sentences | What::Quotes | What::Clusters => unreachable!("handled above"),
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
        clusters: args.clusters,
        alternatives: args.tagger_alternatives,
        beam: args.beam as usize,
        ensemble: args.ensemble as usize,
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

/// Clusters the words of unlabelled text: `--text` files and directories (`.txt`, `.tml`) are
/// tokenized by petrel's own tokenizer and sentence splitter; `--train` treebanks give their
/// words (only a directory's `train` documents). Everything is lower-cased.
fn train_clusters(args: &Args) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let mut sents: Vec<Vec<String>> = Vec::new();
    for path in &args.train {
        let tb = petrel_syntax::conllu::read_path(path, "train", None)
            .map_err(|e| anyhow!("{}: {e}", path.display()))?;
        sents.extend(
            tb.iter()
                .map(|s| s.words.iter().map(|w| w.form.to_lowercase()).collect()),
        );
    }
    let mut files = Vec::new();
    for path in &args.text {
        collect_text_files(path, &mut files)?;
    }
    files.sort();
    let text = petrel_text::TextComponent::default();
    for f in &files {
        let raw = std::fs::read_to_string(f).map_err(|e| anyhow!("{}: {e}", f.display()))?;
        let body = if f.extension().is_some_and(|x| x == "tml") {
            strip_timeml(&raw)
        } else {
            raw
        };
        let mut doc = petrel_doc::Document::new(Default::default(), body);
        petrel_doc::Component::process(&text, &mut doc)
            .map_err(|e| anyhow!("{}: {e:?}", f.display()))?;
        for s in &doc.sentences {
            sents.push(
                s.token_range()
                    .map(|i| doc.form(i).to_lowercase())
                    .collect(),
            );
        }
    }
    let words: usize = sents.iter().map(Vec::len).sum();
    eprintln!(
        "clustering {words} words in {} sentences ({} text files)",
        sents.len(),
        files.len()
    );
    let opts = petrel_syntax::clusters::ClusterOptions {
        sizes: args.classes.clone(),
        min_count: args.min_count,
        iterations: args.iterations,
        seed: args.seed,
        two_sided: !args.one_sided,
    };
    if opts.sizes.is_empty()
        || opts.sizes.len() > petrel_syntax::clusters::MAX_LEVELS
        || opts.sizes.iter().any(|&k| !(2..=0xfffe).contains(&k))
    {
        return Err(anyhow!(
            "--classes takes 1 to {} class counts from 2 to 65534",
            petrel_syntax::clusters::MAX_LEVELS
        ));
    }
    let table = petrel_syntax::clusters::train_clusters(&sents, &opts, |k, it, moved| {
        eprintln!(
            "{k} classes, iteration {it}: {moved} words moved ({:.0}s)",
            start.elapsed().as_secs_f64()
        );
    });
    let out = table.to_text();
    std::fs::write(&args.output, &out)
        .map_err(|e| anyhow!("cannot write {}: {e}", args.output.display()))?;
    eprintln!(
        "petrel: {} words in {} clusters written to {} ({} bytes) in {:.1}s",
        table.words.len(),
        opts.sizes
            .iter()
            .map(|k| k.to_string())
            .collect::<Vec<_>>()
            .join("/"),
        args.output.display(),
        out.len(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `.txt` and `.tml` files under `path` (or `path` itself).
fn collect_text_files(path: &std::path::Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if !path.is_dir() {
        if !path.exists() {
            return Err(anyhow!("{}: no such file or directory", path.display()));
        }
        out.push(path.to_path_buf());
        return Ok(());
    }
    let entries = std::fs::read_dir(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    for e in entries {
        let p = e.map_err(|e| anyhow!("{}: {e}", path.display()))?.path();
        if p.is_dir() {
            collect_text_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt" || x == "tml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The text of a TimeML document: what stands inside `<TEXT>` (the whole file if there is
/// none), with the markup removed and the XML entities for `&`, `<`, `>` and quotes decoded.
fn strip_timeml(xml: &str) -> String {
    let body = match (xml.find("<TEXT>"), xml.find("</TEXT>")) {
        (Some(a), Some(b)) if a < b => &xml[a + 6..b],
        _ => xml,
    };
    let mut out = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeml_markup_is_stripped_to_the_text() {
        let xml = "<?xml version=\"1.0\"?><TimeML><DCT>1999</DCT><TEXT>Rebels <EVENT eid=\"e1\">seized</EVENT> the town &amp; the port.</TEXT></TimeML>";
        assert_eq!(strip_timeml(xml), "Rebels seized the town & the port.");
    }
}
