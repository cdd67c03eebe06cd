//! Development helper: end-to-end recognition and resolution on an LGL-format file
//! (tokenizer + places only).
use petrel_doc::{Component, Document, Meta};
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("file");
    let (arts, _) = petrel_geo::eval::read_lgl(std::path::Path::new(&path))?;
    let text = petrel_text::TextComponent::default();
    let places = petrel_geo::PlacesComponent::default();
    let mut sc = petrel_geo::eval::GeoScore::default();
    let show = std::env::var("SHOW").is_ok();
    let t0 = std::time::Instant::now();
    let mut tp = 0.0;
    for a in &arts {
        let mut d = Document::new(Meta::default(), a.text.clone());
        text.process(&mut d)?;
        let t = std::time::Instant::now();
        places.process(&mut d)?;
        tp += t.elapsed().as_secs_f64();
        sc.predicted += d.places.len();
        for p in &d.places {
            let hit = a
                .toponyms
                .iter()
                .any(|t| (p.start as usize) < t.end && t.start < p.end as usize);
            if hit {
                sc.matched_pred += 1
            } else if show {
                println!("FP {}", p.text)
            }
        }
        for t in &a.toponyms {
            let Some(gp) = t.point else { continue };
            let p = d
                .places
                .iter()
                .find(|p| (p.start as usize) < t.end && t.start < p.end as usize);
            if p.is_none() && show {
                println!("FN {}", t.phrase)
            }
            sc.add(gp, p.map(|p| (p.lat, p.lon)));
        }
    }
    println!("gold {} found {} within161 {} acc {:.1}% recall {:.1}% precision {:.1}% (pred {}) places {:.2} ms/article, total {:.1}s",
        sc.gold, sc.answered, sc.within_161, sc.accuracy(), 100.0 * sc.answered as f64 / sc.gold as f64,
        100.0 * sc.matched_pred as f64 / sc.predicted.max(1) as f64, sc.predicted, 1000.0 * tp / arts.len() as f64, t0.elapsed().as_secs_f64());
    Ok(())
}
