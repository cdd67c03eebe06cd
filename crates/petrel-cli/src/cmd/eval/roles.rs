//! `petrel eval roles`: who did it to whom. Scores the source and target phrases of each
//! sentence's main event against BIO span annotations (the ConfliBERT CAMEO format: one
//! `token TAG` per line, blank lines between sentences, tags `B-S`/`I-S` source, `B-T`/`I-T`
//! target, `B-R`/`I-R` reciprocal, where each party acts on the other).
//!
//! A predicted source matches a gold source or reciprocal span, a predicted target a gold target
//! or reciprocal span; each gold span is matched at most once. Spans are compared as token
//! ranges: *exact* needs the same first and last token, *overlap* one shared token, and *actor*
//! one shared token with any mention in the sentence of the actor the argument resolves to (so
//! "they" in "the rebels said they would ..." counts when it resolves to the rebels). A
//! sentence with no coded event predicts no spans.

use anyhow::Context;
use petrel_doc::{Document, Meta};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Gold spans: `token TAG` lines (BIO with S, T, R), sentences separated by blank lines.
    #[arg(long)]
    gold: PathBuf,
    #[command(flatten)]
    pipeline: crate::cmd::input::PipelineArgs,
    /// Print up to N sentences whose spans differ from the gold.
    #[arg(long, default_value_t = 0)]
    errors: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// A participant role in the gold or the prediction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Source,
    Target,
    /// Gold only: a party of a reciprocal event, matched by either predicted role.
    Reciprocal,
}

/// A role over tokens `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Span {
    role: Role,
    first: usize,
    last: usize,
    /// Predicted only: token ranges of the other mentions of the argument's actor in the
    /// sentence.
    alts: Vec<(usize, usize)>,
}

/// How a predicted span must meet a gold span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Match {
    Exact,
    Overlap,
    Actor,
}

struct GoldSentence {
    /// Where the sentence starts in the file (1-based line), for messages.
    line: usize,
    tokens: Vec<String>,
    spans: Vec<Span>,
}

fn read_gold(path: &Path) -> anyhow::Result<Vec<GoldSentence>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    let mut cur = GoldSentence {
        line: 1,
        tokens: Vec::new(),
        spans: Vec::new(),
    };
    let mut flush = |cur: &mut GoldSentence, next_line: usize| {
        if !cur.tokens.is_empty() {
            out.push(std::mem::replace(
                cur,
                GoldSentence {
                    line: next_line,
                    tokens: Vec::new(),
                    spans: Vec::new(),
                },
            ));
        } else {
            cur.line = next_line;
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            flush(&mut cur, i + 2);
            continue;
        }
        let Some((token, tag)) = line.rsplit_once([' ', '\t']) else {
            anyhow::bail!("{}:{}: expected `token TAG`", path.display(), i + 1);
        };
        let k = cur.tokens.len();
        cur.tokens.push(token.trim().to_string());
        let role = match tag.get(2..) {
            _ if tag == "O" => continue,
            Some("S") => Role::Source,
            Some("T") => Role::Target,
            Some("R") => Role::Reciprocal,
            _ => anyhow::bail!("{}:{}: unknown tag {tag:?}", path.display(), i + 1),
        };
        match (&tag[..2], cur.spans.last_mut()) {
            ("I-", Some(s)) if s.role == role && s.last + 1 == k => s.last = k,
            ("B-" | "I-", _) => cur.spans.push(Span {
                role,
                first: k,
                last: k,
                alts: Vec::new(),
            }),
            _ => anyhow::bail!("{}:{}: unknown tag {tag:?}", path.display(), i + 1),
        }
    }
    let end = text.lines().count() + 1;
    flush(&mut cur, end);
    Ok(out)
}

/// Precision/recall counts for one kind of match.
#[derive(Default, Clone, Copy)]
struct Counts {
    matched: usize,
    predicted: usize,
    gold: usize,
}

impl Counts {
    fn prf(&self) -> (f64, f64, f64) {
        let p = self.matched as f64 / self.predicted.max(1) as f64;
        let r = self.matched as f64 / self.gold.max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        (100.0 * p, 100.0 * r, 100.0 * f)
    }
}

/// Matches predicted spans to gold spans (each gold span once), returning matches per
/// predicted role.
fn score(gold: &[Span], pred: &[Span], how: Match) -> Vec<(Role, bool)> {
    let mut used = vec![false; gold.len()];
    let meets = |g: &Span, (first, last): (usize, usize)| g.first <= last && first <= g.last;
    pred.iter()
        .map(|p| {
            let hit = gold.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && (g.role == p.role || g.role == Role::Reciprocal)
                    && match how {
                        Match::Exact => g.first == p.first && g.last == p.last,
                        Match::Overlap => meets(g, (p.first, p.last)),
                        Match::Actor => {
                            meets(g, (p.first, p.last)) || p.alts.iter().any(|&a| meets(g, a))
                        }
                    }
            });
            if let Some(i) = hit {
                used[i] = true;
            }
            (p.role, hit.is_some())
        })
        .collect()
}

/// The predicted argument's token range over the gold tokens (`offsets` are each gold token's
/// byte range in the sentence text), located as the harness of the output store does: the
/// argument's text in the sentence, preferring the occurrence that holds its head token.
fn locate(
    doc: &Document,
    text: &str,
    head: Option<u32>,
    offsets: &[(usize, usize)],
) -> Option<(usize, usize)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let head_at = head.and_then(|h| {
        let h = h as usize;
        (h < doc.tokens.len()).then(|| doc.tokens.start[h] as usize)
    });
    let mut best = None;
    for (at, _) in doc.text.match_indices(text) {
        let end = at + text.len();
        let holds_head = head_at.is_some_and(|h| at <= h && h < end);
        if best.is_none() || holds_head {
            best = Some((at, end));
        }
        if holds_head {
            break;
        }
    }
    let (start, end) = best?;
    let first = offsets.iter().position(|&(s, e)| e > start && s < end)?;
    let last = offsets.iter().rposition(|&(s, e)| e > start && s < end)?;
    Some((first, last))
}

/// Rebuilds running text from the gold tokens (no space before closing punctuation and clitics,
/// none after opening brackets and currency signs, hyphens and split apostrophes rejoined), so
/// petrel reads text as a wire story writes it; returns each token's byte range.
fn detokenize(tokens: &[String]) -> (String, Vec<(usize, usize)>) {
    let mut text = String::new();
    let mut offsets = Vec::with_capacity(tokens.len());
    let mut glue_next = true;
    let mut quotes_open = false;
    for (i, t) in tokens.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| tokens[j].as_str());
        let closing = matches!(
            t.as_str(),
            "," | "." | ")" | "]" | ":" | ";" | "!" | "?" | "%"
        ) || t.starts_with('\'') && t.len() > 1
            || t.starts_with('’') && t.len() > '’'.len_utf8()
            || t == "n't"
            || t == "-"
            || prev == Some("-")
            || (prev.is_some_and(|p| p == "’" || p == "'") && matches!(t.as_str(), "s" | "S"))
            || (matches!(t.as_str(), "’" | "'")
                && tokens.get(i + 1).is_some_and(|n| n == "s" || n == "S"));
        let is_quote = t == "\"";
        let glue = glue_next || closing || (is_quote && quotes_open);
        if !glue {
            text.push(' ');
        }
        offsets.push((text.len(), text.len() + t.len()));
        text.push_str(t);
        glue_next = matches!(t.as_str(), "(" | "[" | "$" | "€" | "£") || (is_quote && !quotes_open);
        if is_quote {
            quotes_open = !quotes_open;
        }
    }
    (text, offsets)
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let gold = read_gold(&args.gold)?;
    let opts = args.pipeline.options();
    let pipeline = petrel::build_pipeline(&opts).map_err(|e| anyhow::anyhow!(e))?;
    let src = petrel_actors::LexiconSource {
        dir: args.pipeline.lexicon.clone(),
        replace: false,
    };
    let actors = petrel_actors::ActorsComponent::load(&src)?;
    let grammar = &actors.lexicon().grammar;
    let results: Vec<(Vec<Span>, Option<String>)> = gold
        .par_iter()
        .map(|g| {
            let (text, offsets) = detokenize(&g.tokens);
            let mut doc = Document::new(
                Meta {
                    id: format!("line {}", g.line),
                    ..Default::default()
                },
                text,
            );
            pipeline
                .run(&mut doc)
                .map_err(|e| anyhow::anyhow!("{}:{}: {e}", args.gold.display(), g.line))?;
            let main = petrel_events::main_event(&doc, None, false, grammar);
            let mut spans = Vec::new();
            if let Some(e) = main {
                for (role, a) in [(Role::Source, &e.source), (Role::Target, &e.target)] {
                    let Some(a) = a.as_ref() else { continue };
                    if let Some((first, last)) = locate(&doc, &a.text, a.head, &offsets) {
                        let alts = a.actor.map_or(Vec::new(), |id| {
                            doc.mentions
                                .iter()
                                .filter(|m| m.actor == Some(id))
                                .filter_map(|m| {
                                    let (s, e) = (m.span.start as usize, m.span.end as usize);
                                    let first =
                                        offsets.iter().position(|&(a, b)| b > s && a < e)?;
                                    let last =
                                        offsets.iter().rposition(|&(a, b)| b > s && a < e)?;
                                    Some((first, last))
                                })
                                .collect()
                        });
                        spans.push(Span {
                            role,
                            first,
                            last,
                            alts,
                        });
                    }
                }
            }
            let label = main.map(|e| {
                let arg = |a: &Option<petrel_doc::ActorRef>| {
                    a.as_ref()
                        .map_or("-".to_string(), |a| format!("{:?}", a.text))
                };
                format!(
                    "{} {} {} -> {}",
                    e.verb,
                    e.cameo,
                    arg(&e.source),
                    arg(&e.target)
                )
            });
            Ok((spans, label))
        })
        .collect::<anyhow::Result<_>>()?;

    // [source, target, both] × [exact, overlap, actor]
    const HOW: [Match; 3] = [Match::Exact, Match::Overlap, Match::Actor];
    const KINDS: [&str; 3] = ["exact", "overlap", "actor"];
    let mut counts = [[Counts::default(); 3]; 3];
    let mut shown = 0;
    for (g, (pred, label)) in gold.iter().zip(&results) {
        for (k, how) in HOW.into_iter().enumerate() {
            let hits = score(&g.spans, pred, how);
            for (role, hit) in hits {
                let r = if role == Role::Source { 0 } else { 1 };
                for c in [r, 2] {
                    counts[c][k].predicted += 1;
                    counts[c][k].matched += hit as usize;
                }
            }
            for s in &g.spans {
                let roles: &[usize] = match s.role {
                    Role::Source => &[0],
                    Role::Target => &[1],
                    // A reciprocal party may be matched as either role: count it once, in both.
                    Role::Reciprocal => &[],
                };
                for &c in roles.iter().chain([&2]) {
                    counts[c][k].gold += 1;
                }
            }
        }
        let exact_all =
            score(&g.spans, pred, Match::Exact).iter().all(|h| h.1) && pred.len() == g.spans.len();
        if !exact_all && shown < args.errors {
            shown += 1;
            let show = |spans: &[Span]| {
                spans
                    .iter()
                    .map(|s| format!("{:?} {:?}", s.role, g.tokens[s.first..=s.last].join(" ")))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            println!(
                "line {}: gold [{}] got [{}] ({})\n    {}",
                g.line,
                show(&g.spans),
                show(pred),
                label.as_deref().unwrap_or("no event"),
                g.tokens.join(" ")
            );
        }
    }
    // Reciprocal gold spans count towards the source and target recall denominators half each.
    let recip: usize = gold
        .iter()
        .map(|g| {
            g.spans
                .iter()
                .filter(|s| s.role == Role::Reciprocal)
                .count()
        })
        .sum();
    for c in counts[0].iter_mut() {
        c.gold += recip / 2;
    }
    for c in counts[1].iter_mut() {
        c.gold += recip - recip / 2;
    }
    let with_event = results.iter().filter(|r| r.1.is_some()).count();
    let names = ["source", "target", "both"];
    if args.json {
        let mut figures = serde_json::Map::new();
        for (c, name) in names.iter().enumerate() {
            for (k, kind) in KINDS.iter().enumerate() {
                let (p, r, f) = counts[c][k].prf();
                figures.insert(
                    format!("{name}_{kind}"),
                    serde_json::json!({"precision": p, "recall": r, "f1": f,
                        "matched": counts[c][k].matched, "predicted": counts[c][k].predicted,
                        "gold": counts[c][k].gold}),
                );
            }
        }
        println!(
            "{}",
            serde_json::json!({
                "gold": args.gold.display().to_string(),
                "sentences": gold.len(),
                "with_event": with_event,
                "figures": figures,
            })
        );
        return Ok(());
    }
    println!("gold        {}", args.gold.display());
    println!(
        "sentences   {} ({with_event} with a coded event); gold spans: {} source, {} target, {recip} reciprocal",
        gold.len(),
        gold.iter().flat_map(|g| &g.spans).filter(|s| s.role == Role::Source).count(),
        gold.iter().flat_map(|g| &g.spans).filter(|s| s.role == Role::Target).count(),
    );
    println!("role      match     precision  recall     F1");
    for (c, name) in names.iter().enumerate() {
        for (k, kind) in KINDS.iter().enumerate() {
            let (p, r, f) = counts[c][k].prf();
            println!("  {name:<7} {kind:<8} {p:>9.1} {r:>7.1} {f:>6.1}");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(role: Role, first: usize, last: usize) -> Span {
        Span {
            role,
            first,
            last,
            alts: Vec::new(),
        }
    }

    #[test]
    fn reads_bio_spans_and_reciprocal_parties() {
        let dir = std::env::temp_dir().join(format!("petrel-roles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("gold.txt");
        std::fs::write(
            &path,
            "Chile O\nand O\nPeru B-R\nsigned O\n\nThe B-S\nnavy I-S\nshelled O\nthe B-T\nport I-T\n",
        )
        .unwrap();
        let g = read_gold(&path).unwrap();
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].spans, vec![span(Role::Reciprocal, 2, 2)]);
        assert_eq!(
            g[1].spans,
            vec![span(Role::Source, 0, 1), span(Role::Target, 3, 4)]
        );
        assert_eq!(g[1].line, 6);
        std::fs::write(&path, "Peru X-Q\n").unwrap();
        let e = read_gold(&path).err().unwrap().to_string();
        assert!(e.contains("gold.txt:1") && e.contains("X-Q"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn detokenizing_joins_punctuation_clitics_and_hyphens() {
        let toks: Vec<String> = "The EU ’ s envoy ( Ms Roe ) said \" no \" to a U.N. - led plan , costing $ 5 million ."
            .split(' ')
            .map(String::from)
            .collect();
        let (text, offsets) = detokenize(&toks);
        assert_eq!(
            text,
            "The EU’s envoy (Ms Roe) said \"no\" to a U.N.-led plan, costing $5 million."
        );
        for (t, (s, e)) in toks.iter().zip(offsets) {
            assert_eq!(&text[s..e], t);
        }
    }

    #[test]
    fn matching_respects_roles_extent_and_single_use() {
        let gold = [span(Role::Source, 0, 1), span(Role::Target, 3, 4)];
        // The article-less source overlaps but is not exact; a role swap matches nothing.
        let pred = [span(Role::Source, 1, 1), span(Role::Target, 3, 4)];
        assert_eq!(
            score(&gold, &pred, Match::Exact),
            vec![(Role::Source, false), (Role::Target, true)]
        );
        assert_eq!(
            score(&gold, &pred, Match::Overlap),
            vec![(Role::Source, true), (Role::Target, true)]
        );
        let swapped = [span(Role::Source, 3, 4), span(Role::Target, 0, 1)];
        assert!(score(&gold, &swapped, Match::Overlap).iter().all(|h| !h.1));
        // A pronoun whose actor is also named in the gold span matches by actor only.
        let mut pronoun = span(Role::Source, 6, 6);
        pronoun.alts.push((1, 1));
        let pronoun = [pronoun];
        assert_eq!(
            score(&gold, &pronoun, Match::Overlap),
            vec![(Role::Source, false)]
        );
        assert_eq!(
            score(&gold, &pronoun, Match::Actor),
            vec![(Role::Source, true)]
        );
        // A reciprocal party matches either role, but only once.
        let recip = [span(Role::Reciprocal, 0, 0)];
        let both = [span(Role::Source, 0, 0), span(Role::Target, 0, 0)];
        assert_eq!(
            score(&recip, &both, Match::Exact),
            vec![(Role::Source, true), (Role::Target, false)]
        );
    }
}
