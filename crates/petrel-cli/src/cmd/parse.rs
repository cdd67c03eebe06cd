//! `petrel parse`: tokenises, tags, lemmatises and parses raw text into CoNLL-U.

use super::input::{output, progress, run_ordered, InputArgs};
use anyhow::anyhow;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output file (default: standard output).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Directory with `tagger.bin` and `parser.bin` to use instead of the embedded models.
    #[arg(long)]
    models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    args.input.init_threads();
    let pipeline = build(args.models.clone())?;
    let (inputs, _) = args.input.open()?;
    let mut out = output(&args.output)?;
    let pb = progress("parsing");
    let mut buf = String::new();
    let stats = run_ordered(inputs, &pipeline, args.input.batch, &pb, |item| {
        match item {
            Ok(doc) => {
                buf.clear();
                petrel_syntax::doc_to_conllu(doc, &mut buf);
                out.write_all(buf.as_bytes())?;
            }
            Err(e) => eprintln!("petrel parse: {e}"),
        }
        Ok(())
    })?;
    out.flush()?;
    pb.finish_and_clear();
    if stats.errors > 0 {
        anyhow::bail!(
            "{} of {} inputs could not be parsed",
            stats.errors,
            stats.errors + stats.documents
        );
    }
    Ok(())
}

/// Text, tagger and parser: the part of petrel's pipeline that `parse` and `eval parse` need.
pub fn build(models: Option<PathBuf>) -> anyhow::Result<petrel_doc::Pipeline> {
    build_with_beam(models, None)
}

/// [`build`], the parser decoding with beam width `beam` instead of its model's width.
pub fn build_with_beam(
    models: Option<PathBuf>,
    beam: Option<usize>,
) -> anyhow::Result<petrel_doc::Pipeline> {
    let opts = petrel::Options {
        text_only: true,
        models: models.clone(),
        ..Default::default()
    };
    let mut p = petrel::build_pipeline(&opts).map_err(|e| anyhow!(e))?;
    let (tagger, mut parser) = petrel_syntax::components(models.as_deref())?;
    if let Some(k) = beam {
        let mut owned = petrel_syntax::owned_parser(models.as_deref())?;
        owned.set_beam(k);
        parser = petrel_syntax::ParserComponent::new(Arc::new(owned));
    }
    p.push(Box::new(tagger));
    p.push(Box::new(parser));
    Ok(p)
}
