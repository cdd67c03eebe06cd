//! The embedded gazetteer: GeoNames countries, admin1/admin2 areas and towns with
//! population (see `docs/gazetteer.md`), indexed by a normalised name key.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

const GAZETTEER: &str = include_str!("../data/gazetteer.tsv");
const COUNTRY_ALIASES: &str = include_str!("../data/country_aliases.tsv");
const US_STATES: &str = include_str!("../data/us_states.tsv");
const CA_PROVINCES: &str = include_str!("../data/ca_provinces.tsv");
const PLACE_ALIASES: &str = include_str!("../data/place_aliases.tsv");
const COUNTRY_POINTS: &str = include_str!("../data/country_points.tsv");
const ADMIN_POINTS: &str = include_str!("../data/admin_points.tsv");
const REGIONS: &str = include_str!("../data/regions.tsv");

/// Feature classes, from broadest to narrowest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Feature {
    Continent,
    Country,
    Admin1,
    Admin2,
    City,
    /// A country's capital city.
    Capital,
}

impl Feature {
    pub fn as_str(self) -> &'static str {
        match self {
            Feature::Continent => "continent",
            Feature::Country => "country",
            Feature::Admin1 => "admin1",
            Feature::Admin2 => "admin2",
            Feature::City => "city",
            Feature::Capital => "capital",
        }
    }
}

/// One gazetteer entry.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: Box<str>,
    pub lat: f32,
    pub lon: f32,
    /// ISO 3166 alpha-3 country code.
    pub country: [u8; 3],
    /// Normalised key of the admin1 area holding the entry ("" for countries and admin1).
    pub admin1: Box<str>,
    pub population: u64,
    pub feature: Feature,
}

impl Entry {
    /// The alpha-3 country code, `""` for continents.
    pub fn country_code(&self) -> &str {
        if self.country[0] == b'?' {
            return "";
        }
        std::str::from_utf8(&self.country).unwrap_or("")
    }
}

/// How a name reached an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    Name,
    /// An alternate name (historic or foreign names are less likely meant).
    Alternate,
}

/// The gazetteer with its name index.
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    index: FxHashMap<Box<str>, Vec<(u32, MatchKind)>>,
    /// Country entry per alpha-3 code.
    countries: FxHashMap<[u8; 3], u32>,
    /// US state and Canadian province abbreviation key ("la", "tenn", "bc") → the area's
    /// name key and country.
    state_abbrev: FxHashMap<Box<str>, (Box<str>, [u8; 3])>,
    /// Exact surface forms with one meaning ("L.A.", "D.C.").
    exact: FxHashMap<Box<str>, u32>,
    /// Longest name in tokens, to bound span lookups.
    pub max_words: usize,
}

/// Normalises a place name for lookup: lower case, no diacritics, no periods, hyphens as
/// spaces, `St.`/`Ft.`/`Mt.` spelt out, no leading "the".
pub fn norm_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true;
    for c in s.nfd() {
        if ('\u{300}'..='\u{36f}').contains(&c) || c == '.' {
            continue;
        }
        let c = match c {
            '-' | '_' | '/' | '\u{2013}' | '\u{2014}' => ' ',
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    let mut words: Vec<&str> = out.split(' ').collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    let words: Vec<&str> = words
        .into_iter()
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            "ft" => "fort",
            "mt" => "mount",
            w => w,
        })
        .collect();
    words.join(" ")
}

fn code3(s: &str) -> [u8; 3] {
    let b = s.as_bytes();
    let mut c = [b'?'; 3];
    for (i, x) in b.iter().take(3).enumerate() {
        c[i] = *x;
    }
    c
}

impl Gazetteer {
    /// The gazetteer embedded in the binary, parsed once.
    pub fn embedded() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| {
            Gazetteer::parse(GAZETTEER).expect("the embedded gazetteer is well-formed")
        })
    }

    /// Parses gazetteer TSV (the format `petrel-gazetteer` writes).
    pub fn parse(text: &str) -> Result<Gazetteer, String> {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(170_000),
            index: FxHashMap::default(),
            countries: FxHashMap::default(),
            state_abbrev: FxHashMap::default(),
            exact: FxHashMap::default(),
            max_words: 1,
        };
        // The derived file, then the hand-written regions in the same format.
        let lines = text
            .lines()
            .enumerate()
            .map(|(ln, l)| ("gazetteer", ln, l))
            .chain(
                REGIONS
                    .lines()
                    .enumerate()
                    .map(|(ln, l)| ("regions.tsv", ln, l)),
            );
        for (file, ln, line) in lines {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 8 {
                return Err(format!("{file} line {}: expected 8 fields", ln + 1));
            }
            let feature = match f[0] {
                "country" => Feature::Country,
                "admin1" => Feature::Admin1,
                "admin2" => Feature::Admin2,
                "city" => Feature::City,
                "capital" => Feature::Capital,
                "continent" => Feature::Continent,
                other => return Err(format!("{file} line {}: feature {other}", ln + 1)),
            };
            let num = |s: &str, what: &str| -> Result<f64, String> {
                s.parse::<f64>()
                    .map_err(|_| format!("{file} line {}: bad {what} {s:?}", ln + 1))
            };
            let id = g.entries.len() as u32;
            let e = Entry {
                name: f[1].into(),
                lat: num(f[3], "latitude")? as f32,
                lon: num(f[4], "longitude")? as f32,
                country: code3(f[5]),
                admin1: norm_key(f[6]).into(),
                population: num(f[7], "population")? as u64,
                feature,
            };
            if feature == Feature::Country {
                g.countries.insert(e.country, id);
            }
            g.entries.push(e);
            g.add_name(f[1], id, MatchKind::Name);
            // Admin areas are also written without their generic word ("Rapides").
            if matches!(feature, Feature::Admin2 | Feature::Admin1) {
                for suffix in [
                    " County",
                    " Parish",
                    " Province",
                    " Region",
                    " District",
                    " Oblast",
                ] {
                    if let Some(stem) = f[1].strip_suffix(suffix) {
                        g.add_name(stem, id, MatchKind::Alternate);
                    }
                }
            }
            for alt in f[2].split('|').filter(|a| !a.is_empty()) {
                g.add_name(alt, id, MatchKind::Alternate);
            }
        }
        for (ln, line) in COUNTRY_ALIASES.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let Some((alias, cc)) = line.split_once('\t') else {
                return Err(format!("country_aliases.tsv line {}: no tab", ln + 1));
            };
            if let Some(&id) = g.countries.get(&code3(cc)) {
                g.add_name(alias, id, MatchKind::Name);
            }
        }
        // Aliases are exact surface forms (periods matter: "L.A." is not "La.").
        for line in PLACE_ALIASES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() != 3 {
                continue;
            }
            let cc = code3(f[2]);
            let best = g
                .lookup(f[1])
                .iter()
                .map(|&(i, _)| i)
                .filter(|&i| {
                    let e = &g.entries[i as usize];
                    e.country == cc && matches!(e.feature, Feature::City | Feature::Capital)
                })
                .max_by_key(|&i| g.entries[i as usize].population);
            if let Some(id) = best {
                g.exact.insert(f[0].into(), id);
            }
        }
        for line in COUNTRY_POINTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            if let (3, Some(&id)) = (f.len(), g.countries.get(&code3(f[0]))) {
                if let (Ok(lat), Ok(lon)) = (f[1].parse::<f32>(), f[2].parse::<f32>()) {
                    g.entries[id as usize].lat = lat;
                    g.entries[id as usize].lon = lon;
                }
            }
        }
        for (ln, line) in ADMIN_POINTS
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#') && !l.is_empty())
        {
            let f: Vec<&str> = line.split('\t').collect();
            let point = (f.len() == 4)
                .then(|| Some((f[2].parse::<f32>().ok()?, f[3].parse::<f32>().ok()?)))
                .flatten();
            let Some((lat, lon)) = point else {
                return Err(format!(
                    "admin_points.tsv line {}: expected ISO3, name, lat, lon",
                    ln + 1
                ));
            };
            let cc = code3(f[0]);
            let key = norm_key(f[1]);
            for &(id, kind) in g.lookup_key(&key).to_vec().iter() {
                let e = &mut g.entries[id as usize];
                if kind == MatchKind::Name && e.feature == Feature::Admin1 && e.country == cc {
                    e.lat = lat;
                    e.lon = lon;
                }
            }
        }
        for (table, cc) in [(US_STATES, *b"USA"), (CA_PROVINCES, *b"CAN")] {
            for line in table
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                let f: Vec<&str> = line.split('\t').collect();
                if f.len() == 3 {
                    let name: Box<str> = norm_key(f[0]).into();
                    for a in [f[1], f[2]].into_iter().filter(|a| *a != "-") {
                        g.state_abbrev
                            .insert(norm_key(a).replace(' ', "").into(), (name.clone(), cc));
                    }
                }
            }
        }
        Ok(g)
    }

    fn add_name(&mut self, name: &str, id: u32, kind: MatchKind) {
        let k = norm_key(name);
        if k.is_empty() {
            return;
        }
        let words = k.split(' ').count();
        self.max_words = self.max_words.max(words);
        let v = self.index.entry(k.into()).or_default();
        if let Some(x) = v.iter_mut().find(|(i, _)| *i == id) {
            if kind == MatchKind::Name {
                x.1 = kind;
            }
        } else {
            v.push((id, kind));
        }
    }

    /// Entries whose name (or alternate name) has this normalised key.
    pub fn lookup_key(&self, key: &str) -> &[(u32, MatchKind)] {
        self.index.get(key).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Entries named `name` (any spelling the key folds).
    pub fn lookup(&self, name: &str) -> &[(u32, MatchKind)] {
        self.lookup_key(&norm_key(name))
    }

    /// The entry an exact surface form always means ("L.A."), if any.
    pub fn exact(&self, surface: &str) -> Option<u32> {
        self.exact.get(surface).copied()
    }

    /// Whether a surface form is a US state or Canadian province abbreviation ("Tenn.",
    /// "GA", "B.C."), with the area's name key and country.
    pub fn abbreviation(&self, surface: &str) -> Option<(&str, [u8; 3])> {
        let abbrev = surface.ends_with('.')
            || (surface.len() == 2 && surface.bytes().all(|b| b.is_ascii_uppercase()));
        if !abbrev {
            return None;
        }
        self.state_from_abbrev(&norm_key(surface).replace(' ', ""))
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The country entry for an alpha-3 code.
    pub fn country(&self, cc: [u8; 3]) -> Option<u32> {
        self.countries.get(&cc).copied()
    }

    /// Expands a US state or Canadian province abbreviation key ("la", "tn", "bc") to the
    /// area's name key and country.
    pub fn state_from_abbrev(&self, key: &str) -> Option<(&str, [u8; 3])> {
        self.state_abbrev.get(key).map(|(s, cc)| (&**s, *cc))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_spelling() {
        assert_eq!(norm_key("St. Louis"), "saint louis");
        assert_eq!(norm_key("Saint-Étienne"), "saint etienne");
        assert_eq!(norm_key("the Netherlands"), "netherlands");
        assert_eq!(norm_key("U.S."), "us");
    }

    #[test]
    fn embedded_gazetteer_knows_countries_states_and_towns() {
        let g = Gazetteer::embedded();
        let osh = g.lookup("Osh");
        assert!(osh.iter().any(|&(i, _)| g.entry(i).country_code() == "KGZ"));
        let georgia = g.lookup("Georgia");
        let feats: Vec<Feature> = georgia.iter().map(|&(i, _)| g.entry(i).feature).collect();
        assert!(feats.contains(&Feature::Country) && feats.contains(&Feature::Admin1));
        assert_eq!(
            g.state_from_abbrev(&norm_key("Tenn.")),
            Some(("tennessee", *b"USA"))
        );
        assert_eq!(
            g.state_from_abbrev(&norm_key("B.C.")),
            Some(("british columbia", *b"CAN"))
        );
        let us = g.lookup("U.S.");
        assert!(us.iter().any(|&(i, _)| {
            let e = g.entry(i);
            e.feature == Feature::Country && e.country_code() == "USA"
        }));
    }

    #[test]
    fn distances_are_in_kilometres() {
        // Bishkek to Osh is roughly 300 km as the crow flies.
        let d = distance_km(42.87, 74.59, 40.53, 72.80);
        assert!((250.0..350.0).contains(&d), "{d}");
    }
}
