//! Evaluation on LGL-format XML (LGL, TR-News): reading the gold toponyms and scoring
//! resolution accuracy within 161 km (100 miles), with gold names or end to end.

use crate::gazetteer::distance_km;
use anyhow::{bail, Context, Result};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::Path;

/// A gold toponym with byte offsets into its article's text.
#[derive(Debug, Clone)]
pub struct GoldToponym {
    pub start: usize,
    pub end: usize,
    pub phrase: String,
    /// Gold coordinates, when the annotators found the place in GeoNames.
    pub point: Option<(f64, f64)>,
}

#[derive(Debug, Clone)]
pub struct GoldArticle {
    pub id: String,
    pub text: String,
    pub toponyms: Vec<GoldToponym>,
}

impl GoldArticle {
    /// The gold toponyms as spans for the resolver (the "gold names" mode).
    pub fn toponym_spans(&self) -> Vec<crate::Toponym> {
        self.toponyms
            .iter()
            .map(|t| crate::Toponym {
                start: t.start,
                end: t.end,
            })
            .collect()
    }
}

/// A toponym as read: char offsets, phrase, gold point.
type RawToponym = (usize, usize, String, Option<(f64, f64)>);

/// Converts a char offset into a byte offset (None past the end).
fn char_to_byte(text: &str, c: usize) -> Option<usize> {
    if c == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(c).map(|(b, _)| b)
}

/// Reads an LGL-format file. Offsets are characters; when a phrase is not at its offsets
/// (TR-News has a few shifted ones) it is searched for nearby; otherwise it is dropped
/// and counted in the returned number.
pub fn read_lgl(path: &Path) -> Result<(Vec<GoldArticle>, usize)> {
    let xml =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let mut r = Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut art: Option<GoldArticle> = None;
    let (mut start, mut end, mut phrase, mut lat, mut lon) =
        (None, None, String::new(), None, None);
    let mut in_gaztag = false;
    let mut dropped = 0;
    let mut raw: Vec<RawToponym> = Vec::new();
    loop {
        let pos = r.buffer_position();
        let ev = r
            .read_event()
            .with_context(|| format!("{}: XML error near byte {pos}", path.display()))?;
        match ev {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "article" => {
                        let id = e
                            .try_get_attribute("docid")
                            .ok()
                            .flatten()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                            .unwrap_or_default();
                        art = Some(GoldArticle {
                            id,
                            text: String::new(),
                            toponyms: Vec::new(),
                        });
                        raw.clear();
                    }
                    "toponym" => {
                        (start, end, lat, lon) = (None, None, None, None);
                        phrase.clear();
                    }
                    "gaztag" => in_gaztag = true,
                    _ => {}
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                stack.pop();
                match name.as_str() {
                    "gaztag" => in_gaztag = false,
                    "toponym" => {
                        let (Some(s), Some(en)) = (start, end) else {
                            bail!(
                                "{}: toponym without start/end near byte {pos}",
                                path.display()
                            );
                        };
                        let point = lat.zip(lon);
                        raw.push((s, en, phrase.trim().to_string(), point));
                    }
                    "article" => {
                        let Some(mut a) = art.take() else { continue };
                        for (s, e, ph, point) in raw.drain(..) {
                            match locate(&a.text, s, e, &ph) {
                                Some((bs, be)) => a.toponyms.push(GoldToponym {
                                    start: bs,
                                    end: be,
                                    phrase: ph,
                                    point,
                                }),
                                None => dropped += 1,
                            }
                        }
                        out.push(a);
                    }
                    _ => {}
                }
            }
            ev @ (Event::Text(_) | Event::CData(_)) => {
                let v = match ev {
                    Event::Text(t) => t.unescape().map(|c| c.into_owned()).unwrap_or_default(),
                    Event::CData(t) => String::from_utf8_lossy(&t.into_inner()).into_owned(),
                    _ => unreachable!("matched above"),
                };
                set_field(
                    &stack,
                    &v,
                    &mut art,
                    &mut start,
                    &mut end,
                    &mut phrase,
                    &mut lat,
                    &mut lon,
                    in_gaztag,
                    pos,
                    path,
                )?;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok((out, dropped))
}

#[allow(clippy::too_many_arguments)]
fn set_field(
    stack: &[String],
    v: &str,
    art: &mut Option<GoldArticle>,
    start: &mut Option<usize>,
    end: &mut Option<usize>,
    phrase: &mut String,
    lat: &mut Option<f64>,
    lon: &mut Option<f64>,
    in_gaztag: bool,
    pos: u64,
    path: &Path,
) -> Result<()> {
    let Some(top) = stack.last() else {
        return Ok(());
    };
    let num = |s: &str| -> Result<f64> {
        s.trim()
            .parse::<f64>()
            .with_context(|| format!("{}: bad number {s:?} near byte {pos}", path.display()))
    };
    match top.as_str() {
        "text" if stack.len() >= 2 && stack[stack.len() - 2] == "article" => {
            if let Some(a) = art {
                a.text.push_str(v);
            }
        }
        "start" => *start = Some(num(v)? as usize),
        "end" => *end = Some(num(v)? as usize),
        "phrase" => phrase.push_str(v),
        "lat" if in_gaztag => *lat = Some(num(v)?),
        "lon" if in_gaztag => *lon = Some(num(v)?),
        _ => {}
    }
    Ok(())
}

/// Byte span of `phrase` at char offsets `s..e`, or the nearest occurrence within 60 chars.
fn locate(text: &str, s: usize, e: usize, phrase: &str) -> Option<(usize, usize)> {
    if let (Some(bs), Some(be)) = (char_to_byte(text, s), char_to_byte(text, e)) {
        if text.get(bs..be) == Some(phrase) {
            return Some((bs, be));
        }
    }
    if phrase.is_empty() {
        return None;
    }
    let anchor = char_to_byte(text, s.min(text.chars().count())).unwrap_or(0);
    text.match_indices(phrase)
        .map(|(b, _)| b)
        .filter(|&b| b.abs_diff(anchor) <= 240)
        .min_by_key(|&b| b.abs_diff(anchor))
        .map(|b| (b, b + phrase.len()))
}

/// Accuracy figures.
#[derive(Debug, Default, Clone)]
pub struct GeoScore {
    /// Gold toponyms with coordinates.
    pub gold: usize,
    /// Of those, how many the system resolved (gold names) or found (end to end).
    pub answered: usize,
    /// Within 161 km of the gold point.
    pub within_161: usize,
    /// Sum of error distances of answered toponyms (km).
    pub error_km: f64,
    /// End to end: predicted toponyms and those matching a gold span.
    pub predicted: usize,
    pub matched_pred: usize,
}

impl GeoScore {
    pub fn add(&mut self, gold: (f64, f64), pred: Option<(f64, f64)>) {
        self.gold += 1;
        if let Some(p) = pred {
            self.answered += 1;
            let d = distance_km(gold.0, gold.1, p.0, p.1);
            self.error_km += d;
            if d <= 161.0 {
                self.within_161 += 1;
            }
        }
    }
    pub fn accuracy(&self) -> f64 {
        100.0 * self.within_161 as f64 / self.gold.max(1) as f64
    }
}
