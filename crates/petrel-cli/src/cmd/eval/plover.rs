//! `petrel eval plover`: PLOVER type accuracy and actor agreement on the PLOVER gold records
//! (a JSON array of coded sentences). Every sentence goes through the whole pipeline (text →
//! tagger → parser → actors → events); the sentence's main event is compared with the gold
//! type, with PLOVER v0.5 names mapped to 2.0 (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE,
//! FIGHT→ASSAULT; modes such as strike-hun→hunger, demo-org→demo).

use anyhow::Context;
use petrel_doc::{Document, Meta};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// PLOVER gold records (`PLOVER_GSR_CAMEO.txt`, a JSON array).
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    pipeline: crate::cmd::input::PipelineArgs,
    /// Print up to N records whose type (or, with the right type, mode) is wrong.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print up to N records whose main event's source country disagrees with the gold.
    #[arg(long, default_value_t = 0)]
    actor_errors: usize,
    /// Print up to N records whose main event's target country disagrees with the gold.
    #[arg(long, default_value_t = 0)]
    target_errors: usize,
    /// Print up to N records with a gold source role that the main event's source lacks.
    #[arg(long, default_value_t = 0)]
    source_role_errors: usize,
    /// Print up to N records with a gold target role that the main event's target lacks.
    #[arg(long, default_value_t = 0)]
    target_role_errors: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// One gold record.
struct Gold {
    id: String,
    text: String,
    kind: String,
    mode: Option<String>,
    /// (country code, sector) of each gold source / target actor.
    source: Vec<(String, String)>,
    target: Vec<(String, String)>,
}

/// PLOVER v0.5 names → 2.0.
fn map_type(t: &str) -> String {
    match t {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
    .to_string()
}

/// PLOVER v0.5 mode names → 2.0 (the 2.0 codebook folds the organised/spontaneous and
/// general/hunger distinctions into one mode each, and calls detention arrest).
fn map_mode(m: &str) -> String {
    match m {
        "strike-hun" => "hunger",
        "strike-gen" => "strike",
        "riot-spon" => "riot",
        "demo-org" | "demo-spon" => "demo",
        "detain" => "arrest",
        other => other,
    }
    .to_string()
}

/// CAMEO-era country codes in the gold that differ from ISO alpha-3.
fn map_country(c: &str) -> &str {
    match c {
        "JAP" => "JPN",
        "ITL" => "ITA",
        "VTN" => "VNM",
        "KSV" => "XKX",
        other => other,
    }
}

fn actors(v: Option<&Value>) -> Vec<(String, String)> {
    let Some(Value::Array(a)) = v else {
        return Vec::new();
    };
    a.iter()
        .filter_map(|x| {
            let code = x.get("code")?.as_str()?;
            let sector = x.get("sector").and_then(Value::as_str).unwrap_or("");
            Some((
                map_country(code.get(..3).unwrap_or(code)).to_string(),
                sector.get(..3).unwrap_or(sector).to_uppercase(),
            ))
        })
        .collect()
}

fn read_gold(path: &PathBuf) -> anyhow::Result<Vec<Gold>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| {
        anyhow::anyhow!(
            "{}: line {} column {}: {e}",
            path.display(),
            e.line(),
            e.column()
        )
    })?;
    let Value::Array(items) = v else {
        anyhow::bail!("{}: expected a JSON array of records", path.display());
    };
    let mut out = Vec::new();
    for (k, it) in items.iter().enumerate() {
        let (Some(text), Some(kind)) = (
            it.get("text").and_then(Value::as_str),
            it.get("event").and_then(Value::as_str),
        ) else {
            continue; // documentation records have no text
        };
        out.push(Gold {
            id: it
                .get("id")
                .and_then(Value::as_str)
                .map_or_else(|| format!("record {k}"), str::to_string),
            text: text.to_string(),
            kind: map_type(kind),
            mode: it
                .get("mode")
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|m| !m.is_empty())
                .map(map_mode),
            source: actors(it.get("source")),
            target: actors(it.get("target")),
        });
    }
    Ok(out)
}

#[derive(Default)]
struct Agree {
    country_n: usize,
    country_ok: usize,
    role_n: usize,
    role_ok: usize,
}

impl Agree {
    fn add(&mut self, gold: &[(String, String)], pred: Option<&petrel_doc::ActorRef>) {
        if gold.is_empty() {
            return;
        }
        self.country_n += 1;
        if let Some(c) = pred.and_then(|p| p.country.as_deref()) {
            if gold.iter().any(|g| g.0 == c) {
                self.country_ok += 1;
            }
        }
        let gold_roles: Vec<&str> = gold
            .iter()
            .map(|g| g.1.as_str())
            .filter(|r| !r.is_empty() && *r != "***")
            .collect();
        if !gold_roles.is_empty() {
            self.role_n += 1;
            if let Some(r) = pred.and_then(|p| p.role.as_deref()) {
                if gold_roles.contains(&r.get(..3).unwrap_or(r)) {
                    self.role_ok += 1;
                }
            }
        }
    }
}

/// One record whose `side` actor disagrees with the gold, for `--actor-errors` and
/// `--target-role-errors`.
fn show_actor(g: &Gold, side: &str, gold: &[(String, String)], got: Option<&petrel_doc::ActorRef>) {
    println!(
        "{}: gold {side} {:?} got {:?} ({:?})\n    {}",
        g.id,
        gold,
        got.map(|a| &a.code),
        got.map(|a| &a.text),
        g.text
    );
}

fn pct(a: usize, n: usize) -> f64 {
    if n == 0 {
        0.0
    } else {
        100.0 * a as f64 / n as f64
    }
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold = read_gold(&args.gold)?;
    let opts = args.pipeline.options();
    let pipeline = petrel::build_pipeline(&opts).map_err(|e| anyhow::anyhow!(e))?;
    let lex = petrel_actors::ActorLexicon::load(&petrel_actors::LexiconSource {
        dir: args.pipeline.lexicon.clone(),
        replace: false,
    })?;
    let docs: Vec<Result<Document, String>> = gold
        .par_iter()
        .map(|g| {
            let mut doc = Document::new(
                Meta {
                    id: g.id.clone(),
                    ..Default::default()
                },
                g.text.clone(),
            );
            pipeline
                .run(&mut doc)
                .map(|_| doc)
                .map_err(|e| e.to_string())
        })
        .collect();
    let mut correct = 0;
    let mut coded = 0;
    let mut mode_n = 0;
    let mut mode_ok = 0;
    let mut per_type: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut src = Agree::default();
    let mut tgt = Agree::default();
    let mut shown = 0;
    let mut shown_actors = 0;
    let mut shown_roles = 0;
    let mut shown_source_roles = 0;
    let mut shown_targets = 0;
    for (g, d) in gold.iter().zip(&docs) {
        let doc = d.as_ref().map_err(|e| anyhow::anyhow!("{}: {e}", g.id))?;
        // The main event, skipping bare statements: PLOVER does not code CAMEO 01.
        let main = petrel_events::main_event(doc, None, true, &lex.grammar)
            .filter(|e| !e.plover.kind.is_empty());
        let pred = main.map_or("NONE", |e| e.plover.kind.as_str());
        let ok = pred == g.kind;
        if main.is_some() {
            coded += 1;
        }
        let slot = per_type.entry(g.kind.clone()).or_default();
        slot.0 += 1;
        if ok {
            correct += 1;
            slot.1 += 1;
        }
        if let Some(gm) = &g.mode {
            mode_n += 1;
            let got = main.and_then(|e| e.plover.mode.as_deref());
            if ok && got == Some(gm.as_str()) {
                mode_ok += 1;
            } else if ok && shown < args.errors {
                shown += 1;
                println!(
                    "{}: {} mode {gm} got {:?} ({})\n    {}",
                    g.id,
                    g.kind,
                    got,
                    main.map_or("", |e| e.verb.as_str()),
                    g.text
                );
            }
        }
        let got_source = main.and_then(|e| e.source.as_ref());
        let before = src.country_ok;
        let before_role = src.role_ok + src.role_n;
        src.add(&g.source, got_source);
        if !g.source.is_empty() && src.country_ok == before && shown_actors < args.actor_errors {
            shown_actors += 1;
            show_actor(g, "source", &g.source, got_source);
        }
        // A gold source role counted (role_n rose) but not matched (role_ok did not).
        let missed_role = src.role_ok + src.role_n == before_role + 1;
        if missed_role && shown_source_roles < args.source_role_errors {
            shown_source_roles += 1;
            show_actor(g, "source", &g.source, got_source);
        }
        let got_target = main.and_then(|e| e.target.as_ref());
        let before = tgt.role_ok + tgt.role_n;
        let before_country = tgt.country_ok;
        tgt.add(&g.target, got_target);
        if !g.target.is_empty()
            && tgt.country_ok == before_country
            && shown_targets < args.target_errors
        {
            shown_targets += 1;
            show_actor(g, "target", &g.target, got_target);
        }
        // A gold target role counted (role_n rose) but not matched (role_ok did not).
        let missed_role = tgt.role_ok + tgt.role_n == before + 1;
        if missed_role && shown_roles < args.target_role_errors {
            shown_roles += 1;
            show_actor(g, "target", &g.target, got_target);
        }
        if !ok && shown < args.errors {
            shown += 1;
            println!(
                "{}: gold {} got {} ({})\n    {}",
                g.id,
                g.kind,
                pred,
                main.map_or(String::new(), |e| format!("{} {:?}", e.verb, e.cameo)),
                g.text
            );
        }
    }
    let n = gold.len();
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "gold": args.gold.display().to_string(),
                "records": n,
                "type_accuracy": pct(correct, n),
                "coded": coded,
                "mode_accuracy": pct(mode_ok, mode_n),
                "source_country": pct(src.country_ok, src.country_n),
                "source_role": pct(src.role_ok, src.role_n),
                "target_country": pct(tgt.country_ok, tgt.country_n),
                "target_role": pct(tgt.role_ok, tgt.role_n),
                "per_type": per_type.iter().map(|(k, (t, c))| (k.clone(), serde_json::json!({"n": t, "accuracy": pct(*c, *t)}))).collect::<serde_json::Map<_, _>>(),
            })
        );
        return Ok(());
    }
    println!("gold            {}", args.gold.display());
    println!("records         {n} ({coded} with a coded event)");
    println!("type accuracy   {:.1} % ({correct}/{n})", pct(correct, n));
    println!(
        "mode accuracy   {:.1} % ({mode_ok}/{mode_n} records with a gold mode)",
        pct(mode_ok, mode_n)
    );
    println!(
        "source country  {:.1} % of {}   role {:.1} % of {}",
        pct(src.country_ok, src.country_n),
        src.country_n,
        pct(src.role_ok, src.role_n),
        src.role_n
    );
    println!(
        "target country  {:.1} % of {}   role {:.1} % of {}",
        pct(tgt.country_ok, tgt.country_n),
        tgt.country_n,
        pct(tgt.role_ok, tgt.role_n),
        tgt.role_n
    );
    println!("per type        n    accuracy");
    for (k, (t, c)) in &per_type {
        println!("  {k:<12} {t:>4}   {:>6.1} %", pct(*c, *t));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_names_map_to_plover_2() {
        assert_eq!(map_type("FIGHT"), "ASSAULT");
        assert_eq!(map_type("PROTEST"), "PROTEST");
        assert_eq!(map_mode("strike-hun"), "hunger");
        assert_eq!(map_mode("demo-spon"), "demo");
        assert_eq!(map_mode("heavy-weapons"), "heavy-weapons");
    }
}
