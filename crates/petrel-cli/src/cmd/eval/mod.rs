//! `petrel eval …`: accuracy against gold data. One module per evaluation.

mod coref;
mod geo;
mod parse;
mod pentaclass;
mod petrarch;
mod plover;
pub(crate) mod quotes;
mod roles;
mod timex;
mod tokenize;

#[derive(clap::Subcommand)]
pub enum Cmd {
    /// Token and sentence F1 against a UD treebank's `# text` lines.
    Tokenize(tokenize::Args),
    /// UPOS/XPOS/lemma accuracy, UAS and LAS (gold tokens and raw text).
    Parse(parse::Args),
    /// PLOVER type accuracy and actor agreement on the PLOVER gold records.
    Plover(plover::Args),
    /// Quad class of the main event per sentence (PentaClass), accuracy and per-class F1.
    Pentaclass(pentaclass::Args),
    /// Run a PETRARCH validation suite (XML).
    PetrarchSuite(petrarch::PetrarchArgs),
    /// Run TABARI's validation suite.
    TabariSuite(petrarch::TabariArgs),
    /// Temporal expressions against TimeML files (TempEval-3 style).
    Timex(timex::Args),
    /// Toponym resolution accuracy within 161 km on LGL-format XML.
    Geo(geo::Args),
    /// Quote source, cue and content spans against PolNeAR.
    Quotes(quotes::Args),
    /// Source and target spans of each sentence's main event against BIO span annotations.
    Roles(roles::Args),
    /// Coreference against GUM's annotations.
    Coref(coref::Args),
}

pub fn run(cmd: Cmd) -> anyhow::Result<()> {
    match cmd {
        Cmd::Tokenize(a) => tokenize::run(a),
        Cmd::Parse(a) => parse::run(a),
        Cmd::Plover(a) => plover::run(a),
        Cmd::Pentaclass(a) => pentaclass::run(a),
        Cmd::PetrarchSuite(a) => petrarch::run_petrarch(a),
        Cmd::TabariSuite(a) => petrarch::run_tabari(a),
        Cmd::Timex(a) => timex::run(a),
        Cmd::Geo(a) => geo::run(a),
        Cmd::Quotes(a) => quotes::run(a),
        Cmd::Roles(a) => roles::run(a),
        Cmd::Coref(a) => coref::run(a),
    }
}
