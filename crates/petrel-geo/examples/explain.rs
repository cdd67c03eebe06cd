//! Development helper: candidates and final scores of every place name petrel finds in a
//! text file (`explain FILE`).
use petrel_doc::{Component, Document, Meta};
use petrel_geo::{resolve_scored, Gazetteer, PlacesComponent, Toponym, Weights};

fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("usage: explain FILE");
    let text = std::fs::read_to_string(&path)?;
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let places = PlacesComponent::default();
    let tops: Vec<Toponym> = places
        .recognise(&d)
        .into_iter()
        .map(|(a, b)| Toponym {
            start: d.tokens.start[a] as usize,
            end: d.tokens.end[b - 1] as usize,
        })
        .collect();
    let g = Gazetteer::embedded();
    for (t, cands) in tops
        .iter()
        .zip(resolve_scored(g, &Weights::default(), &d.text, &tops))
    {
        let c: Vec<String> = cands
            .iter()
            .take(4)
            .map(|&(id, s)| {
                let e = g.entry(id);
                format!(
                    "{}/{}/{} {:.1}",
                    e.name,
                    e.country_code(),
                    e.feature.as_str(),
                    s
                )
            })
            .collect();
        println!("{}\t{}", &d.text[t.start..t.end], c.join(" | "));
    }
    Ok(())
}
