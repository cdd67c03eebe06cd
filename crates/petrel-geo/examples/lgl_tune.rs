//! Development helper: accuracy with gold names over a small grid of resolution weights.
use petrel_geo::{distance_km, resolve_with, Gazetteer, Weights};

fn main() -> anyhow::Result<()> {
    let files: Vec<String> = std::env::args().skip(1).collect();
    let t0 = std::time::Instant::now();
    let g = Gazetteer::embedded();
    eprintln!(
        "gazetteer parsed in {:.0} ms",
        t0.elapsed().as_secs_f64() * 1e3
    );
    let sets: Vec<_> = files
        .iter()
        .map(|f| petrel_geo::eval::read_lgl(std::path::Path::new(f)).map(|x| x.0))
        .collect::<Result<_, _>>()?;
    let score = |w: &Weights| -> Vec<f64> {
        sets.iter()
            .map(|arts| {
                let (mut n, mut ok) = (0, 0);
                for a in arts {
                    let tops = a.toponym_spans();
                    for (t, r) in a.toponyms.iter().zip(resolve_with(g, w, &a.text, &tops)) {
                        let Some(gp) = t.point else { continue };
                        n += 1;
                        if let Some(id) = r {
                            let e = g.entry(id);
                            if distance_km(gp.0, gp.1, e.lat as f64, e.lon as f64) <= 161.0 {
                                ok += 1;
                            }
                        }
                    }
                }
                100.0 * ok as f64 / n as f64
            })
            .collect()
    };
    let base = Weights::default();
    println!("default {:?}", score(&base));
    let spec = std::env::var("GRID").unwrap_or_default();
    for item in spec.split(';').filter(|s| !s.is_empty()) {
        let (k, vals) = item.split_once('=').unwrap();
        for v in vals.split(',') {
            let v: f64 = v.parse()?;
            let mut w = base;
            match k {
                "country" => w.country = v,
                "admin1" => w.admin1 = v,
                "near" => w.near = v,
                "alt" => w.alternate = v,
                "temp" => w.temperature = v,
                "floor" => w.near_floor = v,
                "fcontinent" => w.feature[0] = v,
                "fcountry" => w.feature[1] = v,
                "fadmin1" => w.feature[2] = v,
                "fadmin2" => w.feature[3] = v,
                "fcap" => w.feature[5] = v,
                "cue" => w.cue = v,
                "capadm" => w.capital_admin1 = v,
                "townadm" => w.town_admin1 = v,
                "qual" => w.qualified = v,
                _ => panic!("{k}"),
            }
            println!("{k}={v} {:?}", score(&w));
        }
    }
    Ok(())
}
