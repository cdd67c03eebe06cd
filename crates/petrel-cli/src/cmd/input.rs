//! Input flags shared by the commands that read articles (`code`, `parse`, `bench`), and
//! the ordered, parallel, batch-streaming loop that runs the pipeline over them.

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use petrel_doc::{Document, Pipeline};
use petrel_io::{Format, Input, InputError, ReadOptions, Source};
use rayon::prelude::*;
use std::io::IsTerminal;
use std::path::PathBuf;

/// The sample article petrel ships (written for petrel, not taken from any news source).
pub const SAMPLE_ARTICLE: &str = include_str!("../../../../samples/osh-unrest.txt");

#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Input files (plain text: one article per file; .jsonl; .html; .warc); `-` is standard
    /// input. Reads standard input as JSON Lines when none are given (use --input-format text
    /// for raw text).
    pub inputs: Vec<PathBuf>,
    /// Code the sample article that ships with petrel (dated 2010-04-15).
    #[arg(long, conflicts_with = "inputs")]
    pub sample: bool,
    /// How to read the inputs; `auto` decides by file extension.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Article date (YYYY-MM-DD) for inputs that do not carry one.
    #[arg(long)]
    pub date: Option<String>,
    /// Longest article or JSON line accepted, in bytes; longer ones become error records.
    #[arg(long, default_value_t = 16 << 20)]
    pub max_bytes: usize,
    /// Worker threads (default: all cores).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Documents processed per parallel batch (memory is bounded by one batch).
    #[arg(long, default_value_t = 256)]
    pub batch: usize,
}

/// The data a coding pipeline loads, shared by `code` and the coding evaluations.
#[derive(clap::Args, Debug, Clone)]
pub struct PipelineArgs {
    /// Directory of lexicon files that override or extend the built-in lexicon.
    #[arg(long)]
    pub lexicon: Option<PathBuf>,
    /// Directory with tagger/parser models to use instead of the built-in ones.
    #[arg(long)]
    pub models: Option<PathBuf>,
}

impl PipelineArgs {
    pub fn options(&self) -> petrel::Options {
        petrel::Options {
            lexicon: self.lexicon.clone(),
            models: self.models.clone(),
            ..Default::default()
        }
    }
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
}

impl InputArgs {
    pub fn read_options(&self) -> anyhow::Result<ReadOptions> {
        let date = match &self.date {
            Some(d) => {
                Some(petrel_io::normalize_date(d).map_err(|e| anyhow::anyhow!("--date: {e}"))?)
            }
            None if self.sample => Some("2010-04-15".to_string()),
            None => None,
        };
        Ok(ReadOptions {
            date,
            max_record_bytes: self.max_bytes,
            format: match self.input_format {
                InputFormat::Auto => Format::Auto,
                InputFormat::Text => Format::Text,
                InputFormat::Jsonl => Format::Jsonl,
                InputFormat::Html => Format::Html,
                InputFormat::Warc => Format::Warc,
            },
        })
    }

    pub fn init_threads(&self) {
        if let Some(n) = self.threads {
            // Fails only if a pool exists already, which is then the one to use.
            let _ = rayon::ThreadPoolBuilder::new()
                .num_threads(n.max(1))
                .build_global();
        }
    }

    /// All inputs as one stream of documents. Sources that cannot be opened are reported
    /// as error items (so they appear in the output) and counted in `Stats::unopened`.
    pub fn open(&self) -> anyhow::Result<(Box<dyn Iterator<Item = Input> + Send>, usize)> {
        let opts = self.read_options()?;
        if self.sample {
            let meta = petrel_doc::Meta {
                id: "sample-osh".into(),
                date: opts.date.clone(),
                source: Some("Petrel Wire (sample)".into()),
                ..Default::default()
            };
            let doc = Document::new(meta, SAMPLE_ARTICLE);
            return Ok((Box::new(std::iter::once(Ok(doc))), 1));
        }
        let sources: Vec<Source> = if self.inputs.is_empty() {
            if std::io::stdin().is_terminal() {
                anyhow::bail!(
                    "no input: give files, pipe JSON Lines on standard input, or try --sample"
                );
            }
            vec![Source::Stdin]
        } else {
            // `-` is standard input, as in most command-line tools.
            self.inputs
                .iter()
                .map(|p| {
                    if p.as_os_str() == "-" {
                        Source::Stdin
                    } else {
                        Source::File(p.clone())
                    }
                })
                .collect()
        };
        let n = sources.len();
        let iter = sources
            .into_iter()
            .flat_map(move |src| match petrel_io::open(&src, &opts) {
                Ok(it) => it,
                Err(e) => Box::new(std::iter::once(Err(InputError {
                    id: src.name(),
                    input: src.name(),
                    message: format!("{e} (at byte 0)"),
                }))) as Box<dyn Iterator<Item = Input> + Send>,
            });
        Ok((Box::new(iter), n))
    }
}

/// Counts of one run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    pub documents: usize,
    pub errors: usize,
    pub sentences: usize,
    pub tokens: usize,
    pub bytes: usize,
}

/// A progress display on stderr when it is a terminal; hidden otherwise.
pub fn progress(label: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new_spinner();
    pb.set_style(
        ProgressStyle::with_template(
            "{spinner} {prefix} {pos} documents ({per_sec}) {elapsed} {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    pb.set_prefix(label.to_string());
    pb.enable_steady_tick(std::time::Duration::from_millis(120));
    pb
}

/// Runs `pipeline` over `inputs` in parallel batches and hands each result to `emit` in
/// input order. A document whose pipeline fails becomes an error item, so `emit` sees
/// exactly one item per input document.
pub fn run_ordered(
    inputs: impl Iterator<Item = Input>,
    pipeline: &Pipeline,
    batch: usize,
    pb: &ProgressBar,
    mut emit: impl FnMut(Result<&Document, &InputError>) -> anyhow::Result<()>,
) -> anyhow::Result<Stats> {
    let mut stats = Stats::default();
    let mut inputs = inputs.peekable();
    let batch = batch.max(1);
    while inputs.peek().is_some() {
        let chunk: Vec<Input> = inputs.by_ref().take(batch).collect();
        let done: Vec<Input> = chunk
            .into_par_iter()
            .map(|item| {
                let mut doc = item?;
                match pipeline.run(&mut doc) {
                    Ok(()) => Ok(doc),
                    Err(e) => Err(InputError {
                        id: doc.meta.id.clone(),
                        input: doc.meta.id.clone(),
                        message: e.to_string(),
                    }),
                }
            })
            .collect();
        for item in &done {
            match item {
                Ok(doc) => {
                    stats.documents += 1;
                    stats.sentences += doc.sentences.len();
                    stats.tokens += doc.tokens.len();
                    stats.bytes += doc.text.len();
                    emit(Ok(doc))?;
                }
                Err(e) => {
                    stats.errors += 1;
                    emit(Err(e))?;
                }
            }
            pb.inc(1);
        }
    }
    Ok(stats)
}

/// Opens the output: a file with `-o`, else standard output; buffered.
pub fn output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn std::io::Write>> {
    Ok(match path {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        _ => Box::new(std::io::BufWriter::with_capacity(
            1 << 16,
            std::io::stdout().lock(),
        )),
    })
}
