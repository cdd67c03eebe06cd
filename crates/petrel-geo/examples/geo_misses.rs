//! Development helper: every wrong resolution with gold names, with the article id, the
//! gold place and the top candidates with their scores (`geo_misses FILE [PHRASE]`).
use petrel_geo::{distance_km, resolve_scored, Gazetteer, Weights};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let file = args.next().expect("usage: geo_misses FILE [PHRASE]");
    let only = args.next();
    let g = Gazetteer::embedded();
    let (arts, _) = petrel_geo::eval::read_lgl(std::path::Path::new(&file))?;
    for a in &arts {
        let tops = a.toponym_spans();
        let res = resolve_scored(g, &Weights::default(), &a.text, &tops);
        for (t, r) in a.toponyms.iter().zip(&res) {
            let Some(gp) = t.point else { continue };
            if only.as_ref().is_some_and(|o| *o != t.phrase) {
                continue;
            }
            let d = r.first().map(|&(id, _)| {
                let e = g.entry(id);
                distance_km(gp.0, gp.1, e.lat as f64, e.lon as f64)
            });
            if d.is_some_and(|d| d <= 161.0) {
                continue;
            }
            let cands: Vec<String> = r
                .iter()
                .take(4)
                .map(|&(id, s)| {
                    let e = g.entry(id);
                    let d = distance_km(gp.0, gp.1, e.lat as f64, e.lon as f64);
                    format!(
                        "{}/{}/{}/{}{} {:.1}",
                        e.name,
                        e.country_code(),
                        e.admin1,
                        e.feature.as_str(),
                        if d <= 161.0 { "*" } else { "" },
                        s
                    )
                })
                .collect();
            println!(
                "{}\t{}\t({:.2},{:.2})\t{}",
                a.id,
                t.phrase,
                gp.0,
                gp.1,
                cands.join(" | ")
            );
        }
    }
    Ok(())
}
