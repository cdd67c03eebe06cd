//! `petrel train quotes --polnear DIR -o FILE`: trains the quotes component's source picker
//! on a PolNeAR split (the train split; dev stays held out). The articles go through the
//! pipeline for tokens, tags, parse and mentions; the quotes rules find attributions, and the
//! gold source of each (matched by cue) is the answer among its candidates.

use anyhow::Context;
use petrel_doc::Document;
use petrel_quotes::eval::read_polnear;
use petrel_quotes::{QuotesComponent, SourceExample};
use rayon::prelude::*;
use std::path::Path;

/// Passes over the examples when `--epochs` is not given.
const EPOCHS: usize = 5;
/// Averaged weights smaller than this are dropped (a smaller file, the same choices).
const PRUNE: f32 = 0.3;
/// Each model is the mean of this many perceptrons trained with consecutive seeds: one
/// perceptron's choices swing with the order it sees the examples in.
const BAG: u64 = 6;

/// The mean of `BAG` models trained by `train(seed)` for consecutive seeds from `seed`.
fn bagged(
    seed: u64,
    train: impl Fn(u64) -> petrel_quotes::SourceModel,
) -> petrel_quotes::SourceModel {
    (seed..seed + BAG)
        .map(|s| train(s).scaled(1.0 / BAG as f32))
        .reduce(petrel_quotes::SourceModel::merge)
        .unwrap_or_default()
}

pub fn run(
    dir: &Path,
    output: &Path,
    epochs: Option<usize>,
    seed: u64,
    models: Option<&Path>,
) -> anyhow::Result<()> {
    let start = std::time::Instant::now();
    let docs = read_polnear(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let options = petrel::Options {
        models: models.map(Path::to_path_buf),
        ..petrel::Options::default()
    };
    let pipeline = petrel::build_pipeline(&options).map_err(|e| anyhow::anyhow!(e))?;
    // The parsed articles, once.
    let parsed: Vec<anyhow::Result<Document>> = docs
        .par_iter()
        .map(|g| super::eval::quotes::through_pipeline(g, &pipeline))
        .collect();
    let parsed = parsed
        .into_iter()
        .collect::<anyhow::Result<Vec<Document>>>()?;
    let epochs = epochs.unwrap_or(EPOCHS);
    // 1. The cue scorer, on the verbs and nouns the rules' parse stage considers.
    let rules = QuotesComponent::default().with_source_model(None);
    let mut cue_examples = Vec::new();
    for (doc, g) in parsed.iter().zip(&docs) {
        rules.cue_examples(doc, &g.gold, &mut cue_examples);
    }
    let positives = cue_examples.iter().filter(|e| e.1).count();
    eprintln!(
        "quotes: {} cue candidates, {positives} of them gold cues",
        cue_examples.len()
    );
    let cues = bagged(seed, |s| {
        petrel_quotes::train_cues(&cue_examples, epochs, s, PRUNE)
    });
    drop(cue_examples);
    // 2. The source picker, on the attributions found with that cue scorer. (With one cue
    // scorer per fold of articles, so that it meets the cue errors of unseen text, sources
    // lost 0.4 F1 on held-out train articles: the picker grew too cautious.)
    let with_cues = QuotesComponent::default().with_source_model(Some(cues.clone()));
    let mut examples: Vec<SourceExample> = Vec::new();
    let mut reach = [0, 0, 0];
    for (doc, g) in parsed.iter().zip(&docs) {
        with_cues.source_examples(doc, &g.gold, &mut examples, &mut reach);
    }
    eprintln!(
        "quotes: {} attributions, gold source among the candidates for {} ({:.1} %), the rules' \
         speaker right for {}",
        reach[1],
        reach[0],
        100.0 * reach[0] as f64 / reach[1].max(1) as f64,
        reach[2]
    );
    let model = bagged(seed, |s| {
        petrel_quotes::train_source(&examples, epochs, s, PRUNE)
    })
    .merge(cues);
    let bytes = model.to_bytes();
    std::fs::write(output, &bytes).with_context(|| format!("cannot write {}", output.display()))?;
    eprintln!(
        "quotes: model (cue scorer and source picker) with {} features ({} bytes) written to {} in {:.1}s",
        model.len(),
        bytes.len(),
        output.display(),
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
