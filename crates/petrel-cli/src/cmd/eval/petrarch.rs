//! `petrel eval petrarch-suite` and `petrel eval tabari-suite`: run the PETRARCH and TABARI
//! validation suites with their own dictionaries and report records exactly right, triple
//! precision/recall and each mismatch. The readers and scoring live in `petrel_dict::suite`.

use petrel_dict::suite::{run_petrarch_suite, run_tabari_suite, PetrarchSuite, Prep, TabariSuite};
use petrel_doc::{Component, ComponentError, Document};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct PetrarchArgs {
    /// PETRARCH validation file (`<Sentence>` records with `<EventCoding>` gold).
    file: PathBuf,
    /// Dictionary directory to use instead of the files named in `<Environment>`.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Code from the tokens and tags of each record's `<Parse>` instead of raw `<Text>`.
    #[arg(long)]
    from_parse: bool,
    /// Also run records marked `evaluate="false"` or outside the `<Include>` categories.
    #[arg(long)]
    all: bool,
    /// Print at most N mismatches (all by default).
    #[arg(long)]
    show: Option<usize>,
    /// Print the figures as one JSON object (and no mismatches).
    #[arg(long)]
    json: bool,
    /// Run only the record(s) with this id (earlier settings still apply).
    #[arg(long)]
    only: Option<String>,
    /// Code raw text from tokens alone, without petrel's tagger and parser.
    #[arg(long)]
    no_parse: bool,
    /// Directory with `tagger.bin` and `parser.bin` to use instead of the embedded models.
    #[arg(long)]
    models: Option<PathBuf>,
}

#[derive(clap::Args)]
pub struct TabariArgs {
    /// TABARI validation text (`Validate.text`); gold in `{ SRC / TGT / CODE }` comments.
    file: PathBuf,
    /// TABARI `.project` naming the dictionaries (default: the `.project` next to FILE).
    #[arg(long)]
    project: Option<PathBuf>,
    /// Print at most N mismatches (all by default).
    #[arg(long)]
    show: Option<usize>,
    /// Print the figures as one JSON object (and no mismatches).
    #[arg(long)]
    json: bool,
    /// Run only the record(s) with this id (earlier settings still apply).
    #[arg(long)]
    only: Option<String>,
}

/// petrel's tagger then parser, as the one component run after tokenisation.
struct Syntax(
    petrel_syntax::TaggerComponent,
    petrel_syntax::ParserComponent,
);

impl Component for Syntax {
    fn name(&self) -> &'static str {
        "syntax"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        self.0.process(doc)?;
        self.1.process(doc)
    }
}

pub fn run_petrarch(a: PetrarchArgs) -> anyhow::Result<()> {
    let mut prep = Prep::default();
    if !a.no_parse && !a.from_parse {
        let (t, p) = petrel_syntax::components(a.models.as_deref())?;
        prep.after = Some(Arc::new(Syntax(t, p)));
    }
    run_petrarch_suite(&PetrarchSuite {
        file: a.file,
        dictionaries: a.dictionaries,
        from_parse: a.from_parse,
        all: a.all,
        show: a.show,
        json: a.json,
        only: a.only,
        prep,
    })
    .map_err(anyhow::Error::msg)?;
    Ok(())
}

pub fn run_tabari(a: TabariArgs) -> anyhow::Result<()> {
    run_tabari_suite(&TabariSuite {
        file: a.file,
        project: a.project,
        show: a.show,
        json: a.json,
        only: a.only,
        prep: Default::default(),
    })
    .map_err(anyhow::Error::msg)?;
    Ok(())
}
