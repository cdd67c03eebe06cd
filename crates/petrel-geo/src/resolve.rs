//! Toponym resolution: picks one gazetteer entry per place name in an article, from the
//! name's population and feature class, qualifiers written next to it ("Osh, Kyrgyzstan",
//! "Alexandria, La.", "Kelowna, B.C."), the countries and admin areas the rest of the
//! article points to, the country its wording points to ("sheriff", "township": see
//! `data/country_cues.tsv`), and nearness to the article's other places. One sense per name
//! per article.

use crate::gazetteer::{distance_km, norm_key, Feature, Gazetteer, MatchKind};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const COUNTRY_CUES: &str = include_str!("../data/country_cues.tsv");

/// Cue words and phrases (lower case) with the country they point to.
fn country_cues() -> &'static FxHashMap<&'static str, [u8; 3]> {
    static CUES: OnceLock<FxHashMap<&'static str, [u8; 3]>> = OnceLock::new();
    CUES.get_or_init(|| {
        COUNTRY_CUES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .filter_map(|l| {
                let (w, cc) = l.split_once('\t')?;
                let b = cc.as_bytes();
                (b.len() == 3).then(|| (w, [b[0], b[1], b[2]]))
            })
            .collect()
    })
}

/// How strongly the article's wording points to each country: 1 - 2^-hits, from cue words
/// and two-word phrases.
fn text_countries(text: &str) -> FxHashMap<[u8; 3], f64> {
    let cues = country_cues();
    let mut hits: FxHashMap<[u8; 3], u32> = FxHashMap::default();
    let (mut prev, mut word, mut phrase) = (String::new(), String::new(), String::new());
    for w in text.split(|c: char| !(c.is_alphanumeric() || c == '\'')) {
        if w.is_empty() {
            continue;
        }
        word.clear();
        word.extend(w.chars().flat_map(char::to_lowercase));
        if let Some(&cc) = cues.get(word.as_str()) {
            *hits.entry(cc).or_default() += 1;
        }
        if !prev.is_empty() {
            phrase.clear();
            phrase.push_str(&prev);
            phrase.push(' ');
            phrase.push_str(&word);
            if let Some(&cc) = cues.get(phrase.as_str()) {
                *hits.entry(cc).or_default() += 1;
            }
        }
        std::mem::swap(&mut prev, &mut word);
    }
    hits.into_iter()
        .map(|(cc, n)| (cc, 1.0 - 0.5f64.powi(n as i32)))
        .collect()
}

/// A place name found in a text (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Toponym {
    pub start: usize,
    pub end: usize,
}

/// Weights of the resolution score, in log10-population units.
#[derive(Debug, Clone, Copy)]
pub struct Weights {
    /// Bonus per feature class: continent, country, admin1, admin2, city, capital.
    pub feature: [f64; 6],
    /// Penalty for a match on an alternate (historic, foreign) name.
    pub alternate: f64,
    /// Bonus for the share of the article's other names in the same country.
    pub country: f64,
    /// Bonus for the share in the same admin1 area.
    pub admin1: f64,
    /// Bonus for nearness to the other names' likely places.
    pub near: f64,
    /// Bonus for agreeing with a written qualifier ("…, Kyrgyzstan").
    pub qualified: f64,
    /// Sharpness of the candidate distribution used as context.
    pub temperature: f64,
    /// How much an unlikely candidate of another name still counts for nearness (0–1):
    /// two small neighbouring towns support each other even when each name alone would
    /// pick a famous namesake.
    pub near_floor: f64,
    /// Bonus for the country the article's wording points to ("sheriff", "township").
    pub cue: f64,
    /// Bonus for a capital over an admin1 area of the same name and country.
    pub capital_admin1: f64,
    /// Bonus for a town over the admin1 area named after it that it mostly fills.
    pub town_admin1: f64,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            feature: [2.0, 3.0, 1.6, 0.3, 0.0, 1.5],
            alternate: 1.2,
            country: 4.0,
            admin1: 5.0,
            near: 5.0,
            qualified: 8.0,
            temperature: 1.5,
            near_floor: 0.3,
            cue: 1.0,
            capital_admin1: 2.0,
            town_admin1: 3.0,
        }
    }
}
const MAX_CANDIDATES: usize = 25;
const ITERATIONS: usize = 3;

fn feature_rank(f: Feature) -> usize {
    match f {
        Feature::Continent => 0,
        Feature::Country => 1,
        Feature::Admin1 => 2,
        Feature::Admin2 => 3,
        Feature::City => 4,
        Feature::Capital => 5,
    }
}

/// What a qualifier after a name ("…, Kyrgyzstan", "…, Tenn.") says about it.
#[derive(Debug, Clone, Default, PartialEq)]
struct Qualifier {
    country: Option<[u8; 3]>,
    admin1: Option<Box<str>>,
}

/// Reads a qualifier right after byte `end`: a comma, then up to four words naming a
/// country, an admin1 area or a US state abbreviation.
fn qualifier_after(g: &Gazetteer, text: &str, end: usize) -> Option<Qualifier> {
    let rest = text.get(end..)?;
    let rest = rest.strip_prefix(',').or_else(|| rest.strip_prefix(" ,"))?;
    let rest = rest.trim_start_matches([' ', '\u{a0}']);
    // Words up to the next punctuation other than periods inside abbreviations.
    let mut words: Vec<&str> = Vec::new();
    let mut i = 0;
    for w in rest.split([' ', '\n']) {
        if words.len() == 4 || w.is_empty() {
            break;
        }
        if !w.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        let trimmed = w.trim_end_matches([',', ';', ':', ')', '"', '\'', '\u{2019}']);
        let trimmed = trimmed
            .strip_suffix("'s")
            .or_else(|| trimmed.strip_suffix("\u{2019}s"))
            .unwrap_or(trimmed);
        words.push(trimmed);
        i += 1;
        if trimmed.len() != w.len() {
            break;
        }
    }
    let _ = i;
    for n in (1..=words.len()).rev() {
        let phrase = words[..n].join(" ");
        let key = norm_key(&phrase);
        // Periods matter for abbreviations ("La." vs the word "La"), so ask both ways.
        let abbrev = phrase.ends_with('.')
            || (phrase.len() == 2 && phrase.chars().all(|c| c.is_ascii_uppercase()));
        if abbrev || n == 1 {
            if let Some((state, cc)) = g.state_from_abbrev(&key) {
                if abbrev || key.len() > 2 {
                    return Some(Qualifier {
                        country: Some(cc),
                        admin1: Some(state.into()),
                    });
                }
            }
        }
        let hits = g.lookup_key(&key);
        if let Some(&(id, _)) = hits
            .iter()
            .find(|&&(id, k)| k == MatchKind::Name && g.entry(id).feature == Feature::Country)
        {
            return Some(Qualifier {
                country: Some(g.entry(id).country),
                admin1: None,
            });
        }
        if let Some(&(id, _)) = hits
            .iter()
            .filter(|&&(id, _)| g.entry(id).feature == Feature::Admin1)
            .max_by_key(|&&(id, _)| g.entry(id).population)
        {
            return Some(Qualifier {
                country: Some(g.entry(id).country),
                admin1: Some(key.into()),
            });
        }
    }
    None
}

struct Group {
    cands: Vec<(u32, f64)>,
    qualifier: Option<Qualifier>,
    /// Written with a possessive before a state's office ("Niger's ambassador").
    state_office: bool,
    /// A nationality adjective ("Nigerian"): not enough to read a namesake as a province of
    /// that nationality's country.
    demonym: bool,
}

/// Words after "X's" that make X a sovereign state (`data/state_roles.txt`).
fn state_roles() -> &'static rustc_hash::FxHashSet<&'static str> {
    static WORDS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("../data/state_roles.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a name at byte `end` is followed by a possessive and, within two more words, a
/// state's office ("Niger's ambassador", "Georgia's new president").
fn state_office_after(text: &str, end: usize) -> bool {
    let Some(rest) = text.get(end..) else {
        return false;
    };
    let Some(rest) = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("\u{2019}s"))
    else {
        return false;
    };
    rest.split_whitespace().take(2).any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
        state_roles().contains(w.as_str())
    })
}

/// Whether a surface form is a country's nationality adjective or people noun ("Nigerian",
/// "Nigerians"): one word matching a country only by an alternate name with a demonym's
/// ending.
fn is_demonym(g: &Gazetteer, surface: &str, key: &str) -> bool {
    !surface.contains(' ')
        && ["an", "ans", "ese", "ish", "i", "is", "ch", "ic"]
            .iter()
            .any(|e| key.ends_with(e))
        && g.lookup_key(key).iter().any(|&(id, kind)| {
            kind == MatchKind::Alternate && g.entry(id).feature == Feature::Country
        })
}

/// Candidate entries for a surface name: exact aliases, US state abbreviations, then the
/// name index.
fn candidates(g: &Gazetteer, w: &Weights, surface: &str, key: &str) -> Vec<(u32, f64)> {
    if let Some(id) = g.exact(surface) {
        return vec![(id, 20.0)];
    }
    if let Some((state, cc)) = g.abbreviation(surface) {
        let state = state.to_string();
        let v: Vec<(u32, f64)> = g
            .lookup_key(&state)
            .iter()
            .filter(|&&(id, _)| {
                let e = g.entry(id);
                e.feature == Feature::Admin1 && e.country == cc
            })
            .map(|&(id, _)| (id, 20.0))
            .collect();
        if !v.is_empty() {
            return v;
        }
    }
    let mut out: Vec<(u32, f64)> = g
        .lookup_key(key)
        .iter()
        .map(|&(id, kind)| {
            let e = g.entry(id);
            let mut s =
                ((e.population as f64) + 100.0).log10() + w.feature[feature_rank(e.feature)];
            if kind == MatchKind::Alternate {
                s -= w.alternate;
            }
            (id, s)
        })
        .collect();
    if out.is_empty() {
        // "Readington Township", "Platte Co.", "Quebec City": try the bare name, and
        // "X County" for an abbreviated county.
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() >= 2 {
            let last = words[words.len() - 1];
            let stem = words[..words.len() - 1].join(" ");
            let alt = match last {
                "co" => Some(format!("{stem} county")),
                "township" | "twp" | "city" | "town" | "village" | "county" | "parish" => {
                    Some(stem)
                }
                _ => None,
            };
            if let Some(alt) = alt {
                if alt != key {
                    return candidates(g, w, &alt, &alt);
                }
            }
        }
    }
    // A town named like the admin1 area it lies in and holding a third of its people or
    // more ("Osh", "Alexandria") is meant rather than the area; a small part of it is not
    // ("Quebec").
    let areas: Vec<(u32, u64)> = out
        .iter()
        .filter(|&&(id, _)| g.entry(id).feature == Feature::Admin1)
        .map(|&(id, _)| (id, g.entry(id).population))
        .collect();
    if !areas.is_empty() {
        let named: Vec<u32> = g
            .lookup_key(key)
            .iter()
            .filter(|&&(_, kind)| kind == MatchKind::Name)
            .map(|&(id, _)| id)
            .collect();
        for (id, s) in &mut out {
            let e = g.entry(*id);
            let town = matches!(e.feature, Feature::City | Feature::Capital)
                && named.contains(id)
                && &*e.admin1 == key;
            if town
                && areas.iter().any(|&(a, pop)| {
                    g.entry(a).country == e.country && e.population.saturating_mul(3) >= pop
                })
            {
                *s += w.town_admin1;
            }
        }
    }
    // A capital named like an admin1 area of its own country ("Washington") is usually
    // meant: news names the seat of government far more often than the province.
    let capital_country = out.iter().find_map(|&(id, _)| {
        let e = g.entry(id);
        (e.feature == Feature::Capital).then_some(e.country)
    });
    if let Some(cc) = capital_country {
        let shared = out.iter().any(|&(id, _)| {
            let e = g.entry(id);
            e.feature == Feature::Admin1 && e.country == cc
        });
        if shared {
            for (id, s) in &mut out {
                if g.entry(*id).feature == Feature::Capital {
                    *s += w.capital_admin1;
                }
            }
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.truncate(MAX_CANDIDATES);
    out
}

fn softmax(scores: &[f64], temperature: f64) -> Vec<f64> {
    let m = scores.iter().cloned().fold(f64::MIN, f64::max);
    let ex: Vec<f64> = scores
        .iter()
        .map(|s| ((s - m) * temperature).exp())
        .collect();
    let z: f64 = ex.iter().sum();
    ex.into_iter().map(|x| x / z).collect()
}

/// Resolves every toponym of an article to a gazetteer entry (or `None` when the
/// gazetteer does not know the name).
pub fn resolve(g: &Gazetteer, text: &str, toponyms: &[Toponym]) -> Vec<Option<u32>> {
    resolve_with(g, &Weights::default(), text, toponyms)
}

/// [`resolve`] with explicit weights (for tuning).
pub fn resolve_with(
    g: &Gazetteer,
    w: &Weights,
    text: &str,
    toponyms: &[Toponym],
) -> Vec<Option<u32>> {
    resolve_scored(g, w, text, toponyms)
        .into_iter()
        .map(|c| c.first().map(|x| x.0))
        .collect()
}

/// Every toponym's candidates with their final scores, best first (for error analysis).
pub fn resolve_scored(
    g: &Gazetteer,
    w: &Weights,
    text: &str,
    toponyms: &[Toponym],
) -> Vec<Vec<(u32, f64)>> {
    // Group occurrences by name key: one sense per name per article.
    let mut group_of: Vec<Option<usize>> = Vec::with_capacity(toponyms.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
    for t in toponyms {
        let Some(surface) = text.get(t.start..t.end) else {
            group_of.push(None);
            continue;
        };
        let key = norm_key(surface);
        let key = if g.exact(surface).is_some() || g.abbreviation(surface).is_some() {
            surface.to_string()
        } else {
            key
        };
        let q = qualifier_after(g, text, t.end);
        let gi = match by_key.get(&key) {
            Some(&gi) => gi,
            None => {
                let cands = candidates(g, w, surface, &key);
                if cands.is_empty() {
                    group_of.push(None);
                    continue;
                }
                groups.push(Group {
                    cands,
                    qualifier: None,
                    state_office: false,
                    demonym: is_demonym(g, surface, &key),
                });
                by_key.insert(key, groups.len() - 1);
                groups.len() - 1
            }
        };
        if q.is_some() && groups[gi].qualifier.is_none() {
            groups[gi].qualifier = q;
        }
        groups[gi].state_office |= state_office_after(text, t.end);
        group_of.push(Some(gi));
    }
    // Count how often each group occurs: repeated names weigh more as context.
    let mut weight = vec![0f64; groups.len()];
    for gi in group_of.iter().flatten() {
        weight[*gi] += 1.0;
    }
    for w in &mut weight {
        *w = 1.0 + w.ln();
    }
    // Base scores with qualifiers applied.
    let base: Vec<Vec<f64>> = groups
        .iter()
        .map(|gr| {
            gr.cands
                .iter()
                .map(|&(id, s)| {
                    let e = g.entry(id);
                    let mut s = s;
                    // "Niger's ambassador": the state, as surely as a written qualifier.
                    if gr.state_office && e.feature == Feature::Country {
                        s += w.qualified;
                    }
                    if let Some(q) = &gr.qualifier {
                        let c_ok = q.country.is_none_or(|c| c == e.country);
                        let a_ok = q.admin1.as_deref().is_none_or(|a| a == &*e.admin1);
                        if c_ok
                            && a_ok
                            && !matches!(e.feature, Feature::Country | Feature::Continent)
                        {
                            s += w.qualified;
                        }
                    }
                    s
                })
                .collect()
        })
        .collect();
    // The country the wording points to counts for every name, alone or not.
    let cued = text_countries(text);
    let base: Vec<Vec<f64>> = if cued.is_empty() || w.cue == 0.0 {
        base
    } else {
        groups
            .iter()
            .zip(base)
            .map(|(gr, mut b)| {
                for (k, &(id, _)) in gr.cands.iter().enumerate() {
                    let e = g.entry(id);
                    if e.feature != Feature::Continent {
                        b[k] += w.cue * cued.get(&e.country).copied().unwrap_or(0.0);
                    }
                }
                b
            })
            .collect()
    };
    // The country each name is also the name of ("Niger"), if any.
    let namesake: Vec<Option<[u8; 3]>> = groups
        .iter()
        .map(|gr| {
            gr.cands.iter().find_map(|&(id, _)| {
                let e = g.entry(id);
                (e.feature == Feature::Country).then_some(e.country)
            })
        })
        .collect();
    let mut probs: Vec<Vec<f64>> = base.iter().map(|b| softmax(b, w.temperature)).collect();
    let mut scores = base.clone();
    let total_w: f64 = weight.iter().sum();
    for _ in 0..ITERATIONS {
        // Country and admin1 mass per group.
        let mut country: FxHashMap<[u8; 3], f64> = FxHashMap::default();
        let mut admin1: FxHashMap<(&[u8; 3], &str), f64> = FxHashMap::default();
        let mut own_country: Vec<FxHashMap<[u8; 3], f64>> = Vec::with_capacity(groups.len());
        let mut own_admin1: Vec<FxHashMap<(&[u8; 3], &str), f64>> =
            Vec::with_capacity(groups.len());
        for (gi, gr) in groups.iter().enumerate() {
            let mut oc: FxHashMap<[u8; 3], f64> = FxHashMap::default();
            let mut oa: FxHashMap<(&[u8; 3], &str), f64> = FxHashMap::default();
            for (k, &(id, _)) in gr.cands.iter().enumerate() {
                let e = g.entry(id);
                let p = probs[gi][k] * weight[gi];
                *oc.entry(e.country).or_default() += p;
                let a1: &str = if e.feature == Feature::Admin1 {
                    // An admin1 area stands for itself.
                    ""
                } else {
                    &e.admin1
                };
                if !a1.is_empty() {
                    *oa.entry((&e.country, a1)).or_default() += p;
                }
            }
            for (c, p) in &oc {
                *country.entry(*c).or_default() += p;
            }
            for (a, p) in &oa {
                *admin1.entry(*a).or_default() += p;
            }
            own_country.push(oc);
            own_admin1.push(oa);
        }
        // Admin1 entries themselves vote for their own area.
        let mut admin1_self: FxHashMap<([u8; 3], String), f64> = FxHashMap::default();
        let mut admin1_self_own: Vec<FxHashMap<([u8; 3], String), f64>> = Vec::new();
        for (gi, gr) in groups.iter().enumerate() {
            let mut m: FxHashMap<([u8; 3], String), f64> = FxHashMap::default();
            for (k, &(id, _)) in gr.cands.iter().enumerate() {
                let e = g.entry(id);
                if e.feature == Feature::Admin1 {
                    *m.entry((e.country, norm_key(&e.name))).or_default() +=
                        probs[gi][k] * weight[gi];
                }
            }
            for (a, p) in &m {
                *admin1_self.entry(a.clone()).or_default() += p;
            }
            admin1_self_own.push(m);
        }
        // Country mass that comes from nationality adjectives only.
        let mut demonym_mass: FxHashMap<[u8; 3], f64> = FxHashMap::default();
        for (gi, gr) in groups.iter().enumerate() {
            if gr.demonym {
                for (c, p) in &own_country[gi] {
                    *demonym_mass.entry(*c).or_default() += p;
                }
            }
        }
        let others = (total_w - 1.0).max(1.0);
        for (gi, gr) in groups.iter().enumerate() {
            let rest_w = (total_w - weight[gi]).max(0.0);
            for (k, &(id, _)) in gr.cands.iter().enumerate() {
                let e = g.entry(id);
                let mut s = base[gi][k];
                if rest_w > 0.0 {
                    let mut c = country.get(&e.country).copied().unwrap_or(0.0)
                        - own_country[gi].get(&e.country).copied().unwrap_or(0.0);
                    // A country's namesake ("Niger", also a Nigerian state) is not read as
                    // part of another country on the word of nationality adjectives alone.
                    if namesake[gi].is_some_and(|n| n != e.country) && e.feature != Feature::Country
                    {
                        c -= demonym_mass.get(&e.country).copied().unwrap_or(0.0);
                    }
                    s += w.country * (c / rest_w).clamp(0.0, 1.0);
                    let key_a1: (&[u8; 3], &str) = (&e.country, &e.admin1);
                    let mut a = 0.0;
                    if !e.admin1.is_empty() {
                        a += admin1.get(&key_a1).copied().unwrap_or(0.0)
                            - own_admin1[gi].get(&key_a1).copied().unwrap_or(0.0);
                        let sk = (e.country, e.admin1.to_string());
                        a += admin1_self.get(&sk).copied().unwrap_or(0.0)
                            - admin1_self_own[gi].get(&sk).copied().unwrap_or(0.0);
                    } else if e.feature == Feature::Admin1 {
                        let nk = norm_key(&e.name);
                        a += admin1
                            .get(&(&e.country, nk.as_str()))
                            .copied()
                            .unwrap_or(0.0);
                    }
                    s += w.admin1 * (a / rest_w).clamp(0.0, 1.0);
                    // Nearness to the other names' likely places.
                    if !matches!(e.feature, Feature::Country | Feature::Continent) {
                        let mut near = 0.0;
                        for (gj, gr2) in groups.iter().enumerate() {
                            if gj == gi {
                                continue;
                            }
                            let mut best: f64 = 0.0;
                            for (k2, &(id2, _)) in gr2.cands.iter().enumerate().take(10) {
                                let e2 = g.entry(id2);
                                if matches!(e2.feature, Feature::Country | Feature::Continent) {
                                    continue;
                                }
                                let d = distance_km(
                                    e.lat as f64,
                                    e.lon as f64,
                                    e2.lat as f64,
                                    e2.lon as f64,
                                );
                                let kern = if d < 60.0 {
                                    1.0
                                } else if d < 250.0 {
                                    0.5
                                } else {
                                    0.0
                                };
                                best = best.max(
                                    kern * (w.near_floor + (1.0 - w.near_floor) * probs[gj][k2]),
                                );
                            }
                            near += best * weight[gj];
                        }
                        s += w.near * (near / others.min(3.0)).min(1.0);
                    }
                }
                scores[gi][k] = s;
            }
        }
        probs = scores.iter().map(|s| softmax(s, w.temperature)).collect();
    }
    let ranked: Vec<Vec<(u32, f64)>> = groups
        .iter()
        .zip(&scores)
        .map(|(gr, s)| {
            let mut v: Vec<(u32, f64)> = gr
                .cands
                .iter()
                .map(|c| c.0)
                .zip(s.iter().copied())
                .collect();
            v.sort_by(|a, b| b.1.total_cmp(&a.1));
            v
        })
        .collect();
    group_of
        .iter()
        .map(|g| g.map(|gi| ranked[gi].clone()).unwrap_or_default())
        .collect()
}
