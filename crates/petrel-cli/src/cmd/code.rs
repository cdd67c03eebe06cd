//! `petrel code`: articles in, one JSON record (or error record) per article out.

use super::input::{output, progress, run_ordered, InputArgs};
use petrel::{ErrorRecord, Record};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Output format: `jsonl` (one record per article) or `phoenix` (tab-separated events).
    #[arg(long, value_enum, default_value = "jsonl")]
    format: OutFormat,
    #[command(flatten)]
    pipeline: super::input::PipelineArgs,
    /// Directory of PETRARCH/TABARI dictionaries to code with, instead of petrel's lexicon.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// With --dictionaries: code with petrel's own lexicon as well (events from both).
    #[arg(long, requires = "dictionaries")]
    with_lexicon: bool,
    /// Print nothing on standard error but errors.
    #[arg(short, long)]
    quiet: bool,
    // --db: added by the store helper (issue 7).
    /// Also store the coded articles in this SQLite database (created if missing; one
    /// transaction per --batch; re-runs skip articles already stored). Read it with
    /// `petrel export`, `query`, `stats` and `serve`.
    #[arg(long)]
    db: Option<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OutFormat {
    Jsonl,
    Phoenix,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    args.input.init_threads();
    let opts = petrel::Options {
        dictionaries: args.dictionaries.clone(),
        lexicon_with_dictionaries: args.with_lexicon,
        ..args.pipeline.options()
    };
    let pipeline = petrel::build_pipeline(&opts).map_err(|e| anyhow::anyhow!(e))?;
    let (inputs, _) = args.input.open()?;
    let mut out = output(&args.output)?;
    let pb = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        progress("coding")
    };
    let start = std::time::Instant::now();
    let format = args.format;
    if format == OutFormat::Phoenix {
        writeln!(out, "{}", petrel_dict::phoenix::PHOENIX_HEADER)?;
    }
    // --db (issue 7): the writer commits every --batch articles.
    let mut db = match &args.db {
        Some(p) => Some(petrel_store::BatchWriter::open(p, args.input.batch)?),
        None => None,
    };
    let stats = run_ordered(inputs, &pipeline, args.input.batch, &pb, |item| {
        if let (Some(w), Ok(doc)) = (db.as_mut(), item) {
            match w.add(doc) {
                Ok(()) => {}
                Err(e @ petrel_store::Error::Invalid { .. }) => {
                    pb.suspend(|| eprintln!("petrel: not stored: {e}"));
                }
                Err(e) => return Err(e.into()),
            }
        }
        match item {
            Ok(doc) => match format {
                OutFormat::Jsonl => {
                    serde_json::to_writer(&mut out, &Record::new(doc))?;
                    out.write_all(b"\n")?;
                }
                OutFormat::Phoenix => {
                    for k in 0..doc.events.len() {
                        writeln!(out, "{}", petrel_dict::phoenix::phoenix_line(doc, k))?;
                    }
                }
            },
            Err(e) => {
                if !args.quiet {
                    pb.suspend(|| eprintln!("petrel: {e}"));
                }
                if format == OutFormat::Jsonl {
                    let msg = e.to_string();
                    serde_json::to_writer(
                        &mut out,
                        &ErrorRecord {
                            id: &e.id,
                            error: &msg,
                        },
                    )?;
                    out.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    })?;
    out.flush()?;
    pb.finish_and_clear();
    if let (Some(w), Some(path)) = (db, &args.db) {
        let st = w.finish()?;
        if !args.quiet {
            eprintln!(
                "petrel: {}: {} articles stored, {} replaced, {} unchanged, {} events",
                path.display(),
                st.inserted,
                st.replaced,
                st.unchanged,
                st.events
            );
        }
    }
    if !args.quiet {
        eprintln!(
            "petrel: {} documents coded, {} errors, {} sentences in {:.2}s",
            stats.documents,
            stats.errors,
            stats.sentences,
            start.elapsed().as_secs_f64()
        );
    }
    if stats.documents == 0 {
        anyhow::bail!("nothing could be read ({} errors)", stats.errors);
    }
    Ok(())
}
