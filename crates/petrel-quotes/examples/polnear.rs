//! Development helper: scores on a PolNeAR split directory.
use petrel_doc::{Component, Document, Meta};
fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).expect("dir");
    let docs = petrel_quotes::eval::read_polnear(std::path::Path::new(&dir))?;
    let text = petrel_text::TextComponent::default();
    let q = petrel_quotes::QuotesComponent::default();
    let mut sc = petrel_quotes::eval::QuoteScore::default();
    for g in &docs {
        let mut d = Document::new(Meta::default(), g.text.clone());
        text.process(&mut d)?;
        q.process(&mut d)?;
        sc.add(&d, &g.gold);
        if std::env::var("CONTENT").is_ok() {
            for q in &d.quotes {
                let c = q.content_span;
                if let Some(gc) = g.gold.content.iter().find(|x| x.overlaps(c)) {
                    if *gc != c {
                        println!("GOLD [{}]\nPRED [{}]\n", d.span_text(*gc), d.span_text(c));
                    }
                }
            }
        }
        if std::env::var("FP").is_ok() {
            for q in &d.quotes {
                if let Some(c) = q.cue_span {
                    if !g.gold.cue.iter().any(|x| x.overlaps(c)) {
                        println!(
                            "FPCUE {:?} | sp {:?} | {}",
                            d.span_text(c),
                            q.speaker,
                            q.content.chars().take(100).collect::<String>()
                        );
                    }
                }
            }
        }
        if std::env::var("SHOW").is_ok() {
            for c in &g.gold.cue {
                if !d
                    .quotes
                    .iter()
                    .any(|q| q.cue_span.is_some_and(|s| s.overlaps(*c)))
                {
                    let s = c.start as usize;
                    let lo = g.text[..s].char_indices().rev().nth(80).map_or(0, |x| x.0);
                    let hi = g.text[s..]
                        .char_indices()
                        .nth(60)
                        .map_or(g.text.len(), |x| s + x.0);
                    println!(
                        "MISSCUE {:?} | {}",
                        &g.text[s..c.end as usize],
                        g.text[lo..hi].replace('\n', " ")
                    );
                }
            }
        }
    }
    for (n, c) in [
        ("source", sc.source),
        ("cue", sc.cue),
        ("content", sc.content),
    ] {
        let e = c.exact_prf();
        let o = c.overlap_prf();
        println!("{n:8} gold {:5} pred {:5} exact P {:.1} R {:.1} F {:.1} | overlap P {:.1} R {:.1} F {:.1}", c.gold, c.pred, e.0, e.1, e.2, o.0, o.1, o.2);
    }
    Ok(())
}
