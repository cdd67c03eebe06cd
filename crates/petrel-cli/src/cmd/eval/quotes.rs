//! `petrel eval quotes`: source, cue and content spans against PolNeAR (exact and overlap
//! F1).

use anyhow::Context;
use petrel_doc::Span;
use petrel_doc::{Component, Document, Meta};
use petrel_quotes::eval::{read_polnear, trim_span, GoldAttributions, QuoteScore, SpanCounts};
use petrel_quotes::QuotesComponent;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// A PolNeAR split directory holding `text/` and `attributions/` (e.g. polnear/dev).
    #[arg(long)]
    polnear: PathBuf,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
    /// Also print to stderr, per article, each predicted quote's byte offsets (`Q`: source,
    /// cue, content), gold spans no prediction matches exactly (`-`) and predictions that
    /// match no gold span exactly (`+`), with an overlapping span after `~`; tab-separated,
    /// for error analysis.
    #[arg(long)]
    errors: bool,
    /// Instead of scoring, count per verb form how often it is (part of) a gold cue and
    /// write the cue-word table the quotes component embeds (`petrel-quotes/data/
    /// cues-derived.tsv`) to this file. Run it on the train split only.
    #[arg(long)]
    derive_cues: Option<PathBuf>,
    /// Score with derived cue verbs kept from this cue rate on (default: the component's).
    #[arg(long)]
    cue_rate: Option<f64>,
    /// Score with derived cue nouns kept from this cue rate on (default: the component's).
    #[arg(long)]
    noun_rate: Option<f64>,
    /// Score with this source model (from `petrel train quotes`) instead of the embedded one;
    /// `none` scores the rules' speakers.
    #[arg(long)]
    model: Option<PathBuf>,
    /// Directory with `tagger.bin` and `parser.bin` to use instead of the embedded models.
    #[arg(long)]
    models: Option<PathBuf>,
}

/// Per lower-cased verb or noun form: tokens with that tag, those inside a gold cue span,
/// and those among them whose relation has no source. Nouns ("criticism", "calls") are cues
/// the component reads from the parse like verbs, with the possessor or "of"/"by" phrase as
/// source.
fn derive_cues(docs: &[(Document, &GoldAttributions)], dir: &std::path::Path) -> String {
    let mut table: std::collections::BTreeMap<(&str, String), [usize; 3]> = Default::default();
    for (doc, gold) in docs {
        for t in 0..doc.tokens.len() {
            let pos = match doc.strings.resolve(doc.tokens.upos[t]) {
                "VERB" => "VERB",
                "NOUN" => "NOUN",
                _ => continue,
            };
            let form = doc.form(t).to_lowercase();
            if !form
                .chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            {
                continue;
            }
            let span = Span::new(doc.tokens.start[t], doc.tokens.end[t]);
            let rel = gold
                .relations
                .iter()
                .find(|r| r.cue.is_some_and(|c| c.contains(span)));
            let e = table.entry((pos, form)).or_default();
            e[0] += 1;
            if let Some(r) = rel {
                e[1] += 1;
                if r.source.is_none() {
                    e[2] += 1;
                }
            }
        }
    }
    let mut out = format!(
        "# Verb and noun forms that are part of attribution cues in PolNeAR {} ({} articles).\n\
         # Derived by: petrel eval quotes --polnear DIR --derive-cues FILE\n\
         # Columns: form, times inside a gold cue, times tagged VERB (or NOUN), cues without a\n\
         # source, tag (VERB rows first, then NOUN rows).\n\
         # Kept: at least {MIN_CUE} cue uses and a cue rate of at least 1 in {MAX_RATIO}.\n",
        dir.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        docs.len()
    );
    // Verbs first, so the table reads as before.
    for ((pos, form), [all, cue, nosrc]) in table.iter().filter(|(k, _)| k.0 == "VERB") {
        if *cue >= MIN_CUE && cue * MAX_RATIO >= *all {
            out.push_str(&format!("{form}\t{cue}\t{all}\t{nosrc}\t{pos}\n"));
        }
    }
    for ((pos, form), [all, cue, nosrc]) in table.iter().filter(|(k, _)| k.0 == "NOUN") {
        if *cue >= MIN_CUE && cue * MAX_RATIO >= *all {
            out.push_str(&format!("{form}\t{cue}\t{all}\t{nosrc}\t{pos}\n"));
        }
    }
    out
}

/// Thresholds of the derived table (the component applies its own, stricter ones).
const MIN_CUE: usize = 3;
const MAX_RATIO: usize = 10;

/// Writes the unmatched gold and predicted spans of one article to stderr.
fn print_errors(doc: &Document, gold: &GoldAttributions) {
    let text = doc.text.as_str();
    let show = |s: Span| {
        text.get(s.start as usize..s.end as usize)
            .unwrap_or("?")
            .replace('\n', " ")
    };
    let pred_src: Vec<Span> = doc.quotes.iter().filter_map(|q| q.speaker_span).collect();
    let pred_cue: Vec<Span> = doc.quotes.iter().filter_map(|q| q.cue_span).collect();
    let pred_con: Vec<Span> = doc.quotes.iter().map(|q| q.content_span).collect();
    let off = |s: Option<Span>| s.map_or("-\t-".to_string(), |s| format!("{}\t{}", s.start, s.end));
    for q in &doc.quotes {
        eprintln!(
            "{}\tQ\t{}\t{}\t{}",
            doc.meta.id,
            off(q.speaker_span),
            off(q.cue_span),
            off(Some(q.content_span))
        );
    }
    for (kind, g, p) in [
        ("source", &gold.source, &pred_src),
        ("cue", &gold.cue, &pred_cue),
        ("content", &gold.content, &pred_con),
    ] {
        let g: Vec<Span> = g.iter().map(|&s| trim_span(text, s)).collect();
        let p: Vec<Span> = p.iter().map(|&s| trim_span(text, s)).collect();
        for s in g.iter().filter(|s| !p.contains(s)) {
            let near = p.iter().find(|x| x.overlaps(*s)).map(|&x| show(x));
            eprintln!(
                "{}\t-{kind}\t{}\t{}\t{}",
                doc.meta.id,
                s.start,
                show(*s),
                near.map_or(String::new(), |n| format!("~ {n}"))
            );
        }
        for s in p.iter().filter(|s| !g.contains(s)) {
            let near = g.iter().find(|x| x.overlaps(*s)).map(|&x| show(x));
            eprintln!(
                "{}\t+{kind}\t{}\t{}\t{}",
                doc.meta.id,
                s.start,
                show(*s),
                near.map_or(String::new(), |n| format!("~ {n}"))
            );
        }
    }
}

fn counts(c: &SpanCounts) -> serde_json::Value {
    let (ep, er, ef) = c.exact_prf();
    let (op, or, of) = c.overlap_prf();
    serde_json::json!({"gold": c.gold, "predicted": c.pred,
        "exact": {"precision": ep, "recall": er, "f1": ef},
        "overlap": {"precision": op, "recall": or, "f1": of}})
}

/// One PolNeAR article through petrel's pipeline (shared with `petrel train quotes`).
pub(crate) fn through_pipeline(
    g: &petrel_quotes::eval::GoldDoc,
    pipeline: &petrel_doc::Pipeline,
) -> anyhow::Result<Document> {
    let mut doc = Document::new(
        Meta {
            id: g.name.clone(),
            ..Default::default()
        },
        g.text.clone(),
    );
    pipeline
        .run(&mut doc)
        .map_err(|e| anyhow::anyhow!("{}: {e}", g.name))?;
    Ok(doc)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let docs = read_polnear(&args.polnear)
        .with_context(|| format!("cannot read {}", args.polnear.display()))?;
    let pipeline = petrel::build_pipeline(&petrel::Options {
        models: args.models.clone(),
        ..petrel::Options::default()
    })
    .map_err(|e| anyhow::anyhow!(e))?;
    let mut quotes = QuotesComponent::with_cue_rates(
        args.cue_rate.unwrap_or(petrel_quotes::DERIVED_MIN_RATE),
        args.noun_rate
            .unwrap_or(petrel_quotes::DERIVED_NOUN_MIN_RATE),
    );
    match &args.model {
        Some(p) if p.as_os_str() == "none" => quotes = quotes.with_source_model(None),
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            let m = petrel_quotes::SourceModel::from_bytes(&bytes, &p.display().to_string())
                .map_err(|e| anyhow::anyhow!(e))?;
            quotes = quotes.with_source_model(m);
        }
        None => petrel_quotes::check_embedded_model().map_err(|e| anyhow::anyhow!(e))?,
    }
    let per: Vec<anyhow::Result<(Document, f64)>> = docs
        .par_iter()
        .map(|g| {
            let mut doc = through_pipeline(g, &pipeline)?;
            // Time the quotes component alone (it replaces what the pipeline wrote).
            let t0 = Instant::now();
            quotes
                .process(&mut doc)
                .map_err(|e| anyhow::anyhow!("{}: {e}", g.name))?;
            Ok((doc, t0.elapsed().as_secs_f64()))
        })
        .collect();
    if let Some(path) = &args.derive_cues {
        let mut done = Vec::with_capacity(docs.len());
        for (g, r) in docs.iter().zip(per) {
            done.push((r?.0, &g.gold));
        }
        let table = derive_cues(&done, &args.polnear);
        std::fs::write(path, table).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("wrote {}", path.display());
        return Ok(());
    }
    let mut sc = QuoteScore::default();
    let mut secs = 0.0;
    for (g, r) in docs.iter().zip(per) {
        let (doc, t) = r?;
        sc.add(&doc, &g.gold);
        if args.errors {
            print_errors(&doc, &g.gold);
        }
        secs += t;
    }
    let out = serde_json::json!({
        "dir": args.polnear.display().to_string(), "articles": sc.docs,
        "source": counts(&sc.source), "cue": counts(&sc.cue), "content": counts(&sc.content),
        "quotes_ms_per_article": 1000.0 * secs / sc.docs.max(1) as f64,
    });
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}
