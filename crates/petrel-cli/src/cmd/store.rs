//! `petrel export`, `petrel query`, `petrel stats`: reading a SQLite store written by
//! `petrel code --db` or `POST /v1/code` (schema in `crates/petrel-store/src/schema.sql`).

use anyhow::Context;
use petrel_store::{Filter, Store};
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Event filters; all given ones must hold.
#[derive(clap::Args, Debug, Default)]
pub struct FilterArgs {
    /// Source or target actor code prefix (`KGZ`, `KGZGOV`) or actor country.
    #[arg(long)]
    actor: Option<String>,
    /// Event location country or either actor's country (ISO alpha-3).
    #[arg(long)]
    country: Option<String>,
    /// CAMEO event code prefix (`14` = every protest, `141` = demonstrations).
    #[arg(long)]
    code: Option<String>,
    /// Quad class (1 verbal cooperation … 4 material conflict).
    #[arg(long)]
    quad: Option<u8>,
    /// First day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    from: Option<String>,
    /// Last day, YYYY-MM-DD (inclusive).
    #[arg(long)]
    to: Option<String>,
    /// Events located within KM of LAT,LON, e.g. `--near 42.87,74.59,50`.
    #[arg(long, value_name = "LAT,LON,KM", allow_hyphen_values = true)]
    near: Option<String>,
    /// Only the events of this article id.
    #[arg(long)]
    article: Option<String>,
}

impl FilterArgs {
    fn filter(&self) -> anyhow::Result<Filter> {
        let near = match &self.near {
            Some(n) => Some(n.parse()?),
            None => None,
        };
        Ok(Filter {
            actor: self.actor.clone(),
            country: self.country.clone(),
            code: self.code.clone(),
            quad: self.quad,
            from: self.from.clone(),
            to: self.to.clone(),
            near,
            article: self.article.clone(),
        }
        .validated()?)
    }
}

fn open(db: &PathBuf) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!(
            "{}: no such database (create one with `petrel code … --db {}`)",
            db.display(),
            db.display()
        );
    }
    Ok(Store::open_existing(db)?)
}

fn output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout().lock())),
    })
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One stored record per article, as `petrel code` prints them.
    Jsonl,
    /// One row per event in a GDELT-like layout with a header row.
    Csv,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The SQLite store.
    #[arg(long)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: ExportFormat,
    /// Write here instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Filters (CSV only: JSON Lines exports every article).
    #[command(flatten)]
    filter: FilterArgs,
}

pub fn export(args: ExportArgs) -> anyhow::Result<()> {
    let store = open(&args.db)?;
    let filter = args.filter.filter()?;
    let mut out = output(&args.output)?;
    let n = match args.format {
        ExportFormat::Jsonl => {
            if filter != Filter::default() {
                anyhow::bail!("filters apply to --format csv only; jsonl exports whole articles");
            }
            store.export_jsonl(&mut out)?
        }
        ExportFormat::Csv => store.export_csv(&filter, &mut out)?,
    };
    out.flush()?;
    let what = match args.format {
        ExportFormat::Jsonl => "articles",
        ExportFormat::Csv => "events",
    };
    eprintln!("petrel: exported {n} {what}");
    Ok(())
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum QueryFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON event per line.
    Jsonl,
}

#[derive(clap::Args)]
pub struct QueryArgs {
    /// The SQLite store.
    #[arg(long)]
    db: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// Most events printed.
    #[arg(long, default_value_t = 50)]
    limit: u64,
    /// Events to skip (for paging).
    #[arg(long, default_value_t = 0)]
    offset: u64,
    #[arg(long, value_enum, default_value = "table")]
    format: QueryFormat,
}

pub fn query(args: QueryArgs) -> anyhow::Result<()> {
    let store = open(&args.db)?;
    let page = store.events(&args.filter.filter()?, args.offset, args.limit)?;
    let mut out = output(&None)?;
    match args.format {
        QueryFormat::Jsonl => {
            for e in &page.events {
                serde_json::to_writer(&mut out, e)?;
                out.write_all(b"\n")?;
            }
        }
        QueryFormat::Table => {
            writeln!(
                out,
                "{:<10}  {:<10}  {:<5}  {:<10}  {:<18}  {:<14}  verb",
                "date", "source", "cameo", "target", "where", "article"
            )?;
            for e in &page.events {
                let code = |s: &Option<petrel_store::ActorSide>| {
                    s.as_ref()
                        .and_then(|s| s.code.clone())
                        .unwrap_or_else(|| "-".into())
                };
                let place = e
                    .location
                    .as_ref()
                    .map(|l| {
                        format!(
                            "{} {}",
                            l.name.as_deref().unwrap_or(""),
                            l.country.as_deref().unwrap_or("")
                        )
                    })
                    .unwrap_or_else(|| "-".into());
                writeln!(
                    out,
                    "{:<10}  {:<10}  {:<5}  {:<10}  {:<18}  {:<14}  {}",
                    e.date.as_deref().unwrap_or("-"),
                    code(&e.source),
                    e.cameo,
                    code(&e.target),
                    place.trim(),
                    e.article,
                    e.verb
                )?;
            }
        }
    }
    out.flush()?;
    eprintln!(
        "petrel: {} of {} matching events (offset {})",
        page.events.len(),
        page.total,
        page.offset
    );
    Ok(())
}

#[derive(clap::Args)]
pub struct StatsArgs {
    /// The SQLite store.
    #[arg(long)]
    db: PathBuf,
    #[command(flatten)]
    filter: FilterArgs,
    /// Print JSON (the `GET /v1/stats` body) instead of tables.
    #[arg(long)]
    json: bool,
}

pub fn stats(args: StatsArgs) -> anyhow::Result<()> {
    let store = open(&args.db)?;
    let st = store.stats(&args.filter.filter()?)?;
    let mut out = output(&None)?;
    if args.json {
        serde_json::to_writer_pretty(&mut out, &st)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(());
    }
    writeln!(out, "articles {}  events {}", st.articles, st.events)?;
    writeln!(out, "\nby day        events   q1   q2   q3   q4")?;
    for d in &st.by_day {
        writeln!(
            out,
            "{:<12} {:>7} {:>4} {:>4} {:>4} {:>4}",
            d.day, d.count, d.quad[0], d.quad[1], d.quad[2], d.quad[3]
        )?;
    }
    writeln!(out, "\nby country pair (source -> target)")?;
    for p in &st.by_pair {
        writeln!(
            out,
            "{:<4} -> {:<4} {:>7}",
            p.source.as_deref().unwrap_or("-"),
            p.target.as_deref().unwrap_or("-"),
            p.count
        )?;
    }
    writeln!(out, "\nby CAMEO root code")?;
    for r in &st.by_root {
        writeln!(out, "{:<4} {:>7}", r.root, r.count)?;
    }
    out.flush()?;
    Ok(())
}
