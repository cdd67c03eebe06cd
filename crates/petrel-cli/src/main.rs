//! `petrel`: a thin command-line front end over the petrel crates. Each subcommand lives in
//! its own module under `cmd/`.

mod cmd;

use clap::{Parser, Subcommand};

/// Political event data from news text: actors, CAMEO/PLOVER events, dates, places,
/// quotes and counts.
#[derive(Parser)]
#[command(name = "petrel", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Code articles into events (JSON Lines by default).
    Code(cmd::code::Args),
    /// Tokenize, tag and parse raw text into CoNLL-U.
    Parse(cmd::parse::Args),
    /// Train the tagger or the parser from CoNLL-U.
    Train(cmd::train::Args),
    /// Measure accuracy against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::Cmd),
    /// Measure speed and memory on a corpus.
    Bench(cmd::bench::Args),
    /// Export events from a SQLite store.
    Export(cmd::store::ExportArgs),
    /// Print events from a SQLite store that match filters.
    Query(cmd::store::QueryArgs),
    /// Counts by day, country pair and root code from a SQLite store.
    Stats(cmd::store::StatsArgs),
    /// Serve the HTTP API and the web explorer.
    Serve(cmd::serve::Args),
}

fn main() {
    let cli = Cli::parse();
    let result = match cli.cmd {
        Cmd::Code(a) => cmd::code::run(a),
        Cmd::Parse(a) => cmd::parse::run(a),
        Cmd::Train(a) => cmd::train::run(a),
        Cmd::Eval(c) => cmd::eval::run(c),
        Cmd::Bench(a) => cmd::bench::run(a),
        Cmd::Export(a) => cmd::store::export(a),
        Cmd::Query(a) => cmd::store::query(a),
        Cmd::Stats(a) => cmd::store::stats(a),
        Cmd::Serve(a) => cmd::serve::run(a),
    };
    if let Err(e) = result {
        eprintln!("petrel: {e:#}");
        std::process::exit(1);
    }
}
