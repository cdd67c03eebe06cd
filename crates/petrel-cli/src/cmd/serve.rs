//! `petrel serve`: the HTTP API and the web explorer over a SQLite store.

use anyhow::Context;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The SQLite store to serve (created if missing; `POST /v1/code` with `"store": true`
    /// writes to it).
    #[arg(long)]
    db: PathBuf,
    /// Address to listen on. Loopback by default; anything else exposes the API to the network.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Largest request body accepted, in bytes.
    #[arg(long, default_value_t = 4 << 20)]
    max_body: usize,
    /// Most articles one `POST /v1/code` request may carry.
    #[arg(long, default_value_t = 1000)]
    max_articles: usize,
    /// Directory of lexicon files that override or extend the built-in lexicon.
    #[arg(long)]
    lexicon: Option<PathBuf>,
    /// Directory of PETRARCH/TABARI dictionaries to code with.
    #[arg(long)]
    dictionaries: Option<PathBuf>,
    /// Directory with tagger/parser models to use instead of the built-in ones.
    #[arg(long)]
    models: Option<PathBuf>,
    /// Store petrel's small hand-coded demonstration corpus first (for trying the explorer
    /// and for its browser test).
    #[arg(long, hide = true)]
    load_sample: bool,
    /// Worker threads for the server (default: number of CPUs).
    #[arg(long)]
    threads: Option<usize>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if args.load_sample {
        load_sample(&args.db)?;
    }
    let mut cfg = petrel_serve::Config::new(&args.db);
    cfg.addr = args.addr;
    cfg.max_body = args.max_body;
    cfg.max_articles = args.max_articles;
    cfg.options = petrel::Options {
        lexicon: args.lexicon,
        dictionaries: args.dictionaries,
        models: args.models,
        ..Default::default()
    };
    if !args.addr.ip().is_loopback() {
        eprintln!(
            "petrel: warning: listening on {} makes the API reachable from other machines",
            args.addr
        );
    }
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = args.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = rt
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let db = args.db.display().to_string();
    rt.block_on(petrel_serve::serve(cfg, |addr| {
        eprintln!("petrel: serving {db} on http://{addr}/ (Ctrl-C to stop)");
    }))?;
    eprintln!("petrel: server stopped");
    Ok(())
}

fn load_sample(db: &PathBuf) -> anyhow::Result<()> {
    let text = petrel::build_pipeline(&petrel::Options {
        text_only: true,
        ..Default::default()
    })
    .map_err(|e| anyhow::anyhow!(e))?;
    let docs = petrel_store::sample::sample_documents(&|d| {
        // The text stage cannot fail on these hand-written articles; if it ever did, the
        // document is stored untokenised and spans fall back to text search.
        let _ = text.run(d);
    });
    let mut store = petrel_store::Store::open(db)?;
    let st = store.insert_batch(&docs.iter().collect::<Vec<_>>())?;
    eprintln!(
        "petrel: sample corpus: {} stored, {} already there ({} events)",
        st.inserted + st.replaced,
        st.unchanged,
        st.events
    );
    Ok(())
}
