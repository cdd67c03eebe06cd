//! Development helper: accuracy with gold names on an LGL-format file.
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).expect("file");
    let (arts, dropped) = petrel_geo::eval::read_lgl(std::path::Path::new(&path))?;
    let g = petrel_geo::Gazetteer::embedded();
    let mut sc = petrel_geo::eval::GeoScore::default();
    let verbose = std::env::args().nth(2).is_some();
    for a in &arts {
        let tops: Vec<petrel_geo::Toponym> = a
            .toponyms
            .iter()
            .map(|t| petrel_geo::Toponym {
                start: t.start,
                end: t.end,
            })
            .collect();
        let res = petrel_geo::resolve(g, &a.text, &tops);
        for (t, r) in a.toponyms.iter().zip(res) {
            let Some(gp) = t.point else { continue };
            let p = r.map(|id| {
                let e = g.entry(id);
                (e.lat as f64, e.lon as f64)
            });
            sc.add(gp, p);
            if verbose {
                let d = p.map(|p| petrel_geo::distance_km(gp.0, gp.1, p.0, p.1));
                if d.is_none_or(|d| d > 161.0) {
                    let e = r.map(|id| {
                        let e = g.entry(id);
                        format!(
                            "{} {} {} {}",
                            e.name,
                            e.country_code(),
                            e.admin1,
                            e.feature.as_str()
                        )
                    });
                    println!(
                        "MISS {}\t{:?}\t{:?}\t{:?}",
                        t.phrase,
                        gp,
                        e,
                        d.map(|d| d as i64)
                    );
                }
            }
        }
    }
    println!(
        "articles {} dropped {} gold {} answered {} within161 {} acc {:.1}%",
        arts.len(),
        dropped,
        sc.gold,
        sc.answered,
        sc.within_161,
        sc.accuracy()
    );
    Ok(())
}
