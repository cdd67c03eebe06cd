//! Which components run, in which order, with which data.

use petrel_doc::Pipeline;
use std::path::PathBuf;

/// What the pipeline should load. Defaults use the data embedded in the binary.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Directory of petrel lexicon files that override or extend the embedded lexicon.
    pub lexicon: Option<PathBuf>,
    /// Directory of PETRARCH/TABARI dictionaries to code with.
    pub dictionaries: Option<PathBuf>,
    /// Directory holding `tagger.bin` and `parser.bin`, instead of the embedded models.
    pub models: Option<PathBuf>,
    /// Stop after tokenisation and sentence splitting (for `eval tokenize`, `bench --text`).
    pub text_only: bool,
}

/// Builds the standard pipeline.
pub fn build_pipeline(opts: &Options) -> Result<Pipeline, String> {
    let mut p = Pipeline::new();
    p.push(Box::new(petrel_text::TextComponent::default()));
    if opts.text_only {
        return Ok(p);
    }
    Ok(p)
}
