//! `petrel eval geo`: toponym resolution accuracy within 161 km on LGL-format XML (LGL,
//! TR-News), with the gold place names given to the resolver and end to end.

use anyhow::Context;
use petrel_doc::{Component, Document, Meta};
use petrel_geo::eval::{read_lgl, GeoScore};
use petrel_geo::{distance_km, resolve, Gazetteer, PlacesComponent};
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

#[derive(clap::Args)]
pub struct Args {
    /// LGL-format XML file (`<article><text>` with `<toponym>` start/end/phrase/gaztag).
    #[arg(long)]
    lgl: PathBuf,
    /// `gold` (gold names given), `e2e` (recognise and resolve) or `both`.
    #[arg(long, default_value = "both")]
    mode: String,
    /// Print up to N wrong resolutions (gold names), gold places not found and places
    /// found that are not gold (end to end).
    #[arg(long, default_value_t = 0)]
    show: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    if !matches!(args.mode.as_str(), "gold" | "e2e" | "both") {
        anyhow::bail!("--mode must be gold, e2e or both, not {:?}", args.mode);
    }
    let (arts, dropped) =
        read_lgl(&args.lgl).with_context(|| format!("cannot read {}", args.lgl.display()))?;
    let g = Gazetteer::embedded();
    let mut out = serde_json::json!({"file": args.lgl.display().to_string(), "articles": arts.len(), "unaligned_gold": dropped});
    if args.mode != "e2e" {
        let t0 = Instant::now();
        let mut sc = GeoScore::default();
        let mut shown = 0;
        for a in &arts {
            let tops = a.toponym_spans();
            let res = resolve(g, &a.text, &tops);
            for (t, r) in a.toponyms.iter().zip(res) {
                let Some(gp) = t.point else { continue };
                let p = r.map(|id| (g.entry(id).lat as f64, g.entry(id).lon as f64));
                sc.add(gp, p);
                let d = p.map(|p| distance_km(gp.0, gp.1, p.0, p.1));
                if shown < args.show && d.is_none_or(|d| d > 161.0) {
                    shown += 1;
                    let e = r.map(|id| g.entry(id));
                    println!(
                        "miss {:?} gold {:?} got {:?} {:?} km",
                        t.phrase,
                        gp,
                        e.map(|e| (&*e.name, e.country_code(), e.feature.as_str())),
                        d.map(|d| d.round())
                    );
                }
            }
        }
        let secs = t0.elapsed().as_secs_f64();
        out["gold_names"] = serde_json::json!({
            "toponyms": sc.gold, "resolved": sc.answered, "within_161km": sc.within_161,
            "accuracy": sc.accuracy(), "mean_error_km": sc.error_km / sc.answered.max(1) as f64,
            "ms_per_article": 1000.0 * secs / arts.len().max(1) as f64,
        });
    }
    if args.mode != "gold" {
        let pipeline =
            petrel::build_pipeline(&petrel::Options::default()).map_err(|e| anyhow::anyhow!(e))?;
        let places = PlacesComponent::default();
        let per: Vec<anyhow::Result<(GeoScore, f64, Vec<String>)>> = arts
            .par_iter()
            .map(|a| {
                let mut doc = Document::new(
                    Meta {
                        id: a.id.clone(),
                        ..Default::default()
                    },
                    a.text.clone(),
                );
                pipeline
                    .run(&mut doc)
                    .map_err(|e| anyhow::anyhow!("article {}: {e}", a.id))?;
                // Time the places component alone (it replaces what the pipeline wrote).
                let t0 = Instant::now();
                places
                    .process(&mut doc)
                    .map_err(|e| anyhow::anyhow!("article {}: {e}", a.id))?;
                let secs = t0.elapsed().as_secs_f64();
                let mut sc = GeoScore {
                    predicted: doc.places.len(),
                    ..Default::default()
                };
                sc.matched_pred = doc
                    .places
                    .iter()
                    .filter(|p| {
                        a.toponyms
                            .iter()
                            .any(|t| (p.start as usize) < t.end && t.start < p.end as usize)
                    })
                    .count();
                let mut notes = Vec::new();
                for t in &a.toponyms {
                    let Some(gp) = t.point else { continue };
                    let p = doc
                        .places
                        .iter()
                        .find(|p| (p.start as usize) < t.end && t.start < p.end as usize)
                        .map(|p| (p.lat, p.lon));
                    if p.is_none() {
                        let from = a.text.floor_char_boundary(t.start.saturating_sub(25));
                        let to = a.text.ceil_char_boundary((t.end + 25).min(a.text.len()));
                        notes.push(format!("unfound {:?} in {:?}", t.phrase, &a.text[from..to]));
                    }
                    sc.add(gp, p);
                }
                for p in &doc.places {
                    let gold = a
                        .toponyms
                        .iter()
                        .any(|t| (p.start as usize) < t.end && t.start < p.end as usize);
                    if !gold {
                        notes.push(format!("spurious {:?} ({})", p.text, p.feature));
                    }
                }
                Ok((sc, secs, notes))
            })
            .collect();
        let mut sc = GeoScore::default();
        let mut secs = 0.0;
        let mut shown = 0;
        for r in per {
            let (s, t, notes) = r?;
            for n in notes {
                if shown < args.show {
                    shown += 1;
                    println!("{n}");
                }
            }
            sc.gold += s.gold;
            sc.answered += s.answered;
            sc.within_161 += s.within_161;
            sc.error_km += s.error_km;
            sc.predicted += s.predicted;
            sc.matched_pred += s.matched_pred;
            secs += t;
        }
        out["end_to_end"] = serde_json::json!({
            "toponyms": sc.gold, "found": sc.answered, "within_161km": sc.within_161,
            "accuracy": sc.accuracy(),
            "recall": 100.0 * sc.answered as f64 / sc.gold.max(1) as f64,
            "predicted": sc.predicted,
            "precision": 100.0 * sc.matched_pred as f64 / sc.predicted.max(1) as f64,
            "places_ms_per_article": 1000.0 * secs / arts.len().max(1) as f64,
        });
    }
    if args.json {
        println!("{out}");
    } else {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    Ok(())
}
