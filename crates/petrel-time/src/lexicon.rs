//! The word lists of the time recogniser, embedded from `data/` and parsed once.

use crate::words::Words;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A phrase table: word sequences keyed by their first word, longest first.
pub struct Phrases<T> {
    by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T> Phrases<T> {
    fn new(rows: impl Iterator<Item = (&'static str, T)>) -> Self {
        let mut by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>> =
            FxHashMap::default();
        for (phrase, v) in rows {
            let ws: Vec<&'static str> = phrase.split(' ').filter(|w| !w.is_empty()).collect();
            if let Some(&f) = ws.first() {
                by_first.entry(f).or_default().push((ws, v));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        Phrases { by_first }
    }

    /// The longest phrase starting at word `i`: its end (exclusive) and payload.
    pub fn longest(&self, w: &Words, i: usize) -> Option<(usize, &T)> {
        let cands = self.by_first.get(w.key(i))?;
        'outer: for (ws, v) in cands {
            for (k, x) in ws.iter().enumerate().skip(1) {
                if w.key(i + k) != *x {
                    continue 'outer;
                }
            }
            return Some((i + ws.len(), v));
        }
        None
    }
}

/// How a holiday's date is found in a given year.
#[derive(Debug, Clone, Copy)]
pub enum Holiday {
    Fixed(u32, u32),
    /// Month, ISO weekday, n-th (−1 = last).
    Nth(u32, u32, i32),
    Easter(i64),
}

/// Where a modifier may stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModScope {
    Any,
    Duration,
    /// Only before "this …" ("earlier this year").
    This,
}

pub struct Lexicon {
    pub months: FxHashMap<&'static str, u32>,
    pub weekdays: FxHashMap<&'static str, u32>,
    pub numerals: FxHashMap<&'static str, u32>,
    pub ordinals: FxHashMap<&'static str, u32>,
    /// Unit code and whether the word is plural.
    pub units: FxHashMap<&'static str, (&'static str, bool)>,
    pub dayparts: FxHashMap<&'static str, &'static str>,
    pub seasons: FxHashMap<&'static str, &'static str>,
    pub sets: FxHashMap<&'static str, &'static str>,
    pub holidays: Phrases<Holiday>,
    pub fuzzy: Phrases<(&'static str, &'static str)>,
    pub modifiers: Phrases<ModScope>,
    /// Nouns after which a four-digit number is a count, not a year.
    pub count_nouns: rustc_hash::FxHashSet<&'static str>,
}

/// Data rows: non-empty, non-comment lines split on tabs.
fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

fn num_map(data: &'static str) -> FxHashMap<&'static str, u32> {
    rows(data)
        .filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?)))
        .collect()
}

fn str_map(data: &'static str) -> FxHashMap<&'static str, &'static str> {
    rows(data)
        .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
        .collect()
}

fn parse_holiday(rule: &str) -> Option<Holiday> {
    let (kind, rest) = rule.split_once(':')?;
    match kind {
        "fixed" => {
            let (m, d) = rest.split_once('-')?;
            Some(Holiday::Fixed(m.parse().ok()?, d.parse().ok()?))
        }
        "nth" => {
            let mut it = rest.split(':');
            Some(Holiday::Nth(
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
                it.next()?.parse().ok()?,
            ))
        }
        "easter" => Some(Holiday::Easter(rest.parse().ok()?)),
        _ => None,
    }
}

impl Lexicon {
    fn load() -> Lexicon {
        Lexicon {
            months: num_map(include_str!("../data/months.tsv")),
            weekdays: num_map(include_str!("../data/weekdays.tsv")),
            numerals: num_map(include_str!("../data/numerals.tsv")),
            ordinals: num_map(include_str!("../data/ordinals.tsv")),
            units: rows(include_str!("../data/units.tsv"))
                .filter_map(|r| Some((*r.first()?, (*r.get(1)?, r.get(2) == Some(&"s")))))
                .collect(),
            dayparts: str_map(include_str!("../data/dayparts.tsv")),
            seasons: str_map(include_str!("../data/seasons.tsv")),
            sets: str_map(include_str!("../data/sets.tsv")),
            holidays: Phrases::new(
                rows(include_str!("../data/holidays.tsv"))
                    .filter_map(|r| Some((*r.first()?, parse_holiday(r.get(1)?)?))),
            ),
            fuzzy: Phrases::new(
                rows(include_str!("../data/fuzzy.tsv"))
                    .filter_map(|r| Some((*r.first()?, (*r.get(1)?, *r.get(2)?)))),
            ),
            count_nouns: rows(include_str!("../data/count_nouns.tsv"))
                .filter_map(|r| r.first().copied())
                .collect(),
            modifiers: Phrases::new(rows(include_str!("../data/modifiers.tsv")).filter_map(|r| {
                let scope = match r.get(1) {
                    Some(&"dur") => ModScope::Duration,
                    Some(&"this") => ModScope::This,
                    _ => ModScope::Any,
                };
                Some((*r.first()?, scope))
            })),
        }
    }

    /// The shared lexicon, parsed on first use.
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::load)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_parse() {
        let l = Lexicon::get();
        assert_eq!(l.months.get("sept"), Some(&9));
        assert_eq!(l.weekdays.get("thursday"), Some(&4));
        assert_eq!(l.numerals.get("forty"), Some(&40));
        assert_eq!(l.units.get("weeks"), Some(&("W", true)));
        assert!(matches!(
            l.holidays.by_first.get("thanksgiving").map(|v| v[0].1),
            Some(Holiday::Nth(11, 4, 4))
        ));
    }
}
