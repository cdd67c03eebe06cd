//! Reading events back: filters, paged event lists, counts, the actor network and one
//! article with its spans.

use crate::{Error, Result, Store};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Serialize;

/// What the `spans` of an [`EventRow`] are, for API documentation.
pub const SPANS_DOC: &str = "byte offsets [start, end] into the article text";

/// Event filters shared by `petrel query`, `GET /v1/events`, `/v1/stats` and `/v1/actors`.
/// All given filters must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Source or target whose actor code starts with this (`KGZ`, `KGZGOV`) or whose country
    /// is this.
    pub actor: Option<String>,
    /// Event location country, or either actor's country.
    pub country: Option<String>,
    /// CAMEO code prefix (`14` is every protest, `141` demonstrations).
    pub code: Option<String>,
    /// Quad class 1–4.
    pub quad: Option<u8>,
    /// First day, `YYYY-MM-DD`, inclusive.
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD`, inclusive.
    pub to: Option<String>,
    /// Events located within a radius.
    pub near: Option<Near>,
    /// Only events of this article id.
    pub article: Option<String>,
}

/// A circle on the globe: `LAT,LON,KM`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Near {
    pub lat: f64,
    pub lon: f64,
    pub km: f64,
}

impl std::str::FromStr for Near {
    type Err = Error;
    fn from_str(s: &str) -> Result<Near> {
        let bad = |m: &str| Error::Filter {
            field: "near",
            message: format!("{s:?}: {m} (expected LAT,LON,KM, e.g. 42.87,74.59,50)"),
        };
        let parts: Vec<&str> = s.split(',').map(str::trim).collect();
        if parts.len() != 3 {
            return Err(bad("need three numbers"));
        }
        let num = |p: &str| p.parse::<f64>().ok().filter(|v| v.is_finite());
        let (Some(lat), Some(lon), Some(km)) = (num(parts[0]), num(parts[1]), num(parts[2])) else {
            return Err(bad("not a number"));
        };
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(bad("latitude or longitude out of range"));
        }
        if km <= 0.0 {
            return Err(bad("radius must be positive"));
        }
        Ok(Near { lat, lon, km })
    }
}

impl Filter {
    /// Normalises and checks the filter values, naming the first bad one.
    pub fn validated(mut self) -> Result<Filter> {
        fn code_like(field: &'static str, v: &mut Option<String>) -> Result<()> {
            if let Some(s) = v {
                let t = s.trim().to_ascii_uppercase();
                if t.is_empty() || t.len() > 32 || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Err(Error::Filter {
                        field,
                        message: format!("{s:?} is not a code (letters and digits)"),
                    });
                }
                *s = t;
            }
            Ok(())
        }
        code_like("actor", &mut self.actor)?;
        code_like("country", &mut self.country)?;
        if let Some(c) = &mut self.code {
            let t = c.trim().to_string();
            if t.is_empty() || t.len() > 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::Filter {
                    field: "code",
                    message: format!("{c:?} is not a CAMEO code prefix (1 to 4 digits)"),
                });
            }
            *c = t;
        }
        if let Some(q) = self.quad {
            if !(1..=4).contains(&q) {
                return Err(Error::Filter {
                    field: "quad",
                    message: format!("{q} is not a quad class (1 to 4)"),
                });
            }
        }
        for (field, v) in [("from", &mut self.from), ("to", &mut self.to)] {
            if let Some(d) = v {
                let t = d.trim().to_string();
                if !is_iso_date(&t) {
                    return Err(Error::Filter {
                        field,
                        message: format!("{d:?} is not a date (YYYY-MM-DD)"),
                    });
                }
                *d = t;
            }
        }
        if let (Some(f), Some(t)) = (&self.from, &self.to) {
            if f > t {
                return Err(Error::Filter {
                    field: "from",
                    message: format!("{f} is after {t}"),
                });
            }
        }
        Ok(self)
    }

    /// The SQL condition over `events e` and its parameters.
    pub(crate) fn sql(&self) -> (String, Vec<Value>) {
        let mut w: Vec<String> = Vec::new();
        let mut p: Vec<Value> = Vec::new();
        let arg = |p: &mut Vec<Value>, v: Value| {
            p.push(v);
            format!("?{}", p.len())
        };
        if let Some(a) = &self.actor {
            let (lo, hi) = (
                arg(&mut p, Value::Text(a.clone())),
                arg(&mut p, Value::Text(prefix_end(a))),
            );
            w.push(format!(
                "((e.src_code >= {lo} AND e.src_code < {hi}) OR (e.tgt_code >= {lo} AND \
                 e.tgt_code < {hi}) OR e.src_country = {lo} OR e.tgt_country = {lo})"
            ));
        }
        if let Some(c) = &self.country {
            let c = arg(&mut p, Value::Text(c.clone()));
            w.push(format!(
                "(e.loc_country = {c} OR e.src_country = {c} OR e.tgt_country = {c})"
            ));
        }
        if let Some(code) = &self.code {
            let (lo, hi) = (
                arg(&mut p, Value::Text(code.clone())),
                arg(&mut p, Value::Text(prefix_end(code))),
            );
            w.push(format!("(e.cameo >= {lo} AND e.cameo < {hi})"));
        }
        if let Some(q) = self.quad {
            let q = arg(&mut p, Value::Integer(q as i64));
            w.push(format!("e.quad_class = {q}"));
        }
        if let Some(f) = &self.from {
            let f = arg(&mut p, Value::Text(f.clone()));
            w.push(format!("e.date >= {f}"));
        }
        if let Some(t) = &self.to {
            // Inclusive of the whole day, also for dates with a time part.
            let t = arg(&mut p, Value::Text(format!("{t}\u{ffff}")));
            w.push(format!("e.date <= {t}"));
        }
        if let Some(n) = self.near {
            // A latitude band uses the index; the exact distance is checked by petrel_km.
            let dlat = n.km / 111.0;
            let lo = arg(&mut p, Value::Real(n.lat - dlat));
            let hi = arg(&mut p, Value::Real(n.lat + dlat));
            let la = arg(&mut p, Value::Real(n.lat));
            let lo2 = arg(&mut p, Value::Real(n.lon));
            let km = arg(&mut p, Value::Real(n.km));
            w.push(format!(
                "(e.lat BETWEEN {lo} AND {hi} AND petrel_km(e.lat, e.lon, {la}, {lo2}) <= {km})"
            ));
        }
        if let Some(a) = &self.article {
            let a = arg(&mut p, Value::Text(a.clone()));
            w.push(format!("a.id = {a}"));
        }
        let sql = if w.is_empty() {
            "1".to_string()
        } else {
            w.join(" AND ")
        };
        (sql, p)
    }
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&s[5..7].parse::<u8>().unwrap_or(0))
        && (1..=31).contains(&s[8..10].parse::<u8>().unwrap_or(0))
}

/// The smallest string greater than every string starting with `prefix` (ASCII prefixes).
fn prefix_end(prefix: &str) -> String {
    let mut s = prefix.to_string();
    s.push('\u{ffff}');
    s
}

/// One side of an event.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSide {
    pub text: Option<String>,
    pub name: Option<String>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub code: Option<String>,
    /// Byte span of the argument phrase in the article text.
    pub span: Option<[u32; 2]>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub name: Option<String>,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// A stored event as the API and `petrel query` return it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventRow {
    /// Stable row id of the event in this database.
    pub id: i64,
    /// The article's id.
    pub article: String,
    pub sentence: u32,
    /// The sentence text.
    pub text: String,
    pub date: Option<String>,
    pub source: Option<ActorSide>,
    pub target: Option<ActorSide>,
    pub cameo: String,
    pub cameo_root: String,
    pub goldstein: f64,
    pub quad_class: u8,
    pub plover_type: Option<String>,
    pub plover_mode: Option<String>,
    pub modality: String,
    pub verb: String,
    pub location: Option<Location>,
    /// Byte span of the sentence in the article text.
    pub sentence_span: Option<[u32; 2]>,
    /// Byte span of the trigger verb in the article text.
    pub verb_span: Option<[u32; 2]>,
}

const EVENT_COLS: &str = "e.rowid, a.id, e.sentence, e.text, e.date,
    e.src_text, e.src_name, e.src_country, e.src_role, e.src_code, e.src_start, e.src_end,
    e.tgt_text, e.tgt_name, e.tgt_country, e.tgt_role, e.tgt_code, e.tgt_start, e.tgt_end,
    e.cameo, e.cameo_root, e.goldstein, e.quad_class, e.plover_type, e.plover_mode,
    e.modality, e.verb, e.loc_name, e.loc_country, e.lat, e.lon,
    e.sentence_start, e.sentence_end, e.verb_start, e.verb_end";

fn span(r: &Row, i: usize) -> rusqlite::Result<Option<[u32; 2]>> {
    let (s, e): (Option<u32>, Option<u32>) = (r.get(i)?, r.get(i + 1)?);
    Ok(s.zip(e).map(|(s, e)| [s, e]))
}

fn side(r: &Row, i: usize) -> rusqlite::Result<Option<ActorSide>> {
    let a = ActorSide {
        text: r.get(i)?,
        name: r.get(i + 1)?,
        country: r.get(i + 2)?,
        role: r.get(i + 3)?,
        code: r.get(i + 4)?,
        span: span(r, i + 5)?,
    };
    Ok((a.text.is_some() || a.code.is_some()).then_some(a))
}

fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    let lat: Option<f64> = r.get(29)?;
    let lon: Option<f64> = r.get(30)?;
    Ok(EventRow {
        id: r.get(0)?,
        article: r.get(1)?,
        sentence: r.get(2)?,
        text: r.get(3)?,
        date: r.get(4)?,
        source: side(r, 5)?,
        target: side(r, 12)?,
        cameo: r.get(19)?,
        cameo_root: r.get(20)?,
        goldstein: r.get(21)?,
        quad_class: r.get(22)?,
        plover_type: r.get(23)?,
        plover_mode: r.get(24)?,
        modality: r.get(25)?,
        verb: r.get(26)?,
        location: match (lat, lon) {
            (Some(lat), Some(lon)) => Some(Location {
                name: r.get(27)?,
                country: r.get(28)?,
                lat,
                lon,
            }),
            _ => None,
        },
        sentence_span: span(r, 31)?,
        verb_span: span(r, 33)?,
    })
}

/// One page of events.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// Events matching the filter in all pages.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    pub events: Vec<EventRow>,
}

/// Events on one day, split by quad class (index 0 is quad class 1).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCount {
    pub day: String,
    pub count: u64,
    pub quad: [u64; 4],
}

/// Events from one source country to one target country (`null` when unknown).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairCount {
    pub source: Option<String>,
    pub target: Option<String>,
    pub count: u64,
}

/// Events under one CAMEO root code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RootCount {
    pub root: String,
    pub count: u64,
}

/// Counts over the events that match a filter.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// All articles in the store (not filtered).
    pub articles: u64,
    pub events: u64,
    pub by_day: Vec<DayCount>,
    pub by_pair: Vec<PairCount>,
    pub by_root: Vec<RootCount>,
}

/// An actor code in the network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorNode {
    pub code: String,
    pub name: Option<String>,
    pub country: Option<String>,
    /// Events where it is the source.
    pub as_source: u64,
    /// Events where it is the target.
    pub as_target: u64,
}

/// Who acts on whom; `weight` is the number of events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorEdge {
    pub source: String,
    pub target: String,
    pub weight: u64,
}

/// The actor network of the events matching a filter.
#[derive(Debug, Clone, Serialize)]
pub struct Network {
    pub actors: Vec<ActorNode>,
    pub edges: Vec<ActorEdge>,
}

/// One article with its text, its events (with spans) and its full record.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub date: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub text: String,
    pub events: Vec<EventRow>,
    /// The stored output record (actors, places, quotes, counts, …).
    pub record: serde_json::Value,
}

const FROM: &str = "events e JOIN articles a ON a.rowid = e.article";

impl Store {
    /// A page of events matching `filter`, in date order (undated events first; the order
    /// follows the `events_date` index, so a page does not sort the whole table).
    pub fn events(&self, filter: &Filter, offset: u64, limit: u64) -> Result<Page> {
        let (w, mut p) = filter.sql();
        // Counting needs the articles table only to filter by article id.
        let count_from = if filter.article.is_some() {
            FROM
        } else {
            "events e"
        };
        let total: i64 = self.conn.query_row(
            &format!("SELECT COUNT(*) FROM {count_from} WHERE {w}"),
            params_from_iter(p.iter()),
            |r| r.get(0),
        )?;
        p.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
        p.push(Value::Integer(offset.min(i64::MAX as u64) as i64));
        let n = p.len();
        let sql = format!(
            "SELECT {EVENT_COLS} FROM {FROM} WHERE {w}
             ORDER BY e.date, e.rowid LIMIT ?{} OFFSET ?{}",
            n - 1,
            n
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let events = st
            .query_map(params_from_iter(p.iter()), event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Page {
            total: total as u64,
            offset,
            limit,
            events,
        })
    }

    /// Counts by day (with quad classes), by country pair and by root code.
    pub fn stats(&self, filter: &Filter) -> Result<Stats> {
        let (w, p) = filter.sql();
        let c = &self.conn;
        let articles: i64 = c.query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        let events: i64 = c.query_row(
            &format!("SELECT COUNT(*) FROM {FROM} WHERE {w}"),
            params_from_iter(p.iter()),
            |r| r.get(0),
        )?;
        let by_day = c
            .prepare_cached(&format!(
                "SELECT substr(e.date, 1, 10) AS d, COUNT(*),
                    SUM(e.quad_class = 1), SUM(e.quad_class = 2),
                    SUM(e.quad_class = 3), SUM(e.quad_class = 4)
                 FROM {FROM} WHERE {w} AND e.date IS NOT NULL GROUP BY d ORDER BY d"
            ))?
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(DayCount {
                    day: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                    quad: [
                        r.get::<_, i64>(2)? as u64,
                        r.get::<_, i64>(3)? as u64,
                        r.get::<_, i64>(4)? as u64,
                        r.get::<_, i64>(5)? as u64,
                    ],
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let by_pair = c
            .prepare_cached(&format!(
                "SELECT e.src_country, e.tgt_country, COUNT(*) AS n FROM {FROM} WHERE {w}
                 GROUP BY e.src_country, e.tgt_country
                 ORDER BY n DESC, e.src_country, e.tgt_country"
            ))?
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(PairCount {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    count: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let by_root = c
            .prepare_cached(&format!(
                "SELECT e.cameo_root, COUNT(*) FROM {FROM} WHERE {w}
                 GROUP BY e.cameo_root ORDER BY e.cameo_root"
            ))?
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(RootCount {
                    root: r.get(0)?,
                    count: r.get::<_, i64>(1)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Stats {
            articles: articles as u64,
            events: events as u64,
            by_day,
            by_pair,
            by_root,
        })
    }

    /// The actor network: the `limit` busiest actor codes and the edges among them.
    pub fn actors(&self, filter: &Filter, limit: u64) -> Result<Network> {
        let (w, mut p) = filter.sql();
        p.push(Value::Integer(limit.min(i64::MAX as u64) as i64));
        let lim = p.len();
        let actors = self
            .conn
            .prepare_cached(&format!(
                "WITH m AS (
                    SELECT e.src_code AS code, e.src_name AS name, e.src_country AS country,
                           1 AS s, 0 AS t FROM {FROM} WHERE {w} AND e.src_code IS NOT NULL
                    UNION ALL
                    SELECT e.tgt_code, e.tgt_name, e.tgt_country, 0, 1
                    FROM {FROM} WHERE {w} AND e.tgt_code IS NOT NULL)
                 SELECT code, MAX(name), MAX(country), SUM(s), SUM(t) FROM m
                 GROUP BY code ORDER BY SUM(s) + SUM(t) DESC, code LIMIT ?{lim}"
            ))?
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(ActorNode {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    country: r.get(2)?,
                    as_source: r.get::<_, i64>(3)? as u64,
                    as_target: r.get::<_, i64>(4)? as u64,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        p.pop();
        let keep: std::collections::HashSet<&str> =
            actors.iter().map(|a| a.code.as_str()).collect();
        let edges = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.src_code, e.tgt_code, COUNT(*) AS n FROM {FROM} WHERE {w}
                 AND e.src_code IS NOT NULL AND e.tgt_code IS NOT NULL
                 GROUP BY e.src_code, e.tgt_code ORDER BY n DESC, e.src_code, e.tgt_code"
            ))?
            .query_map(params_from_iter(p.iter()), |r| {
                Ok(ActorEdge {
                    source: r.get(0)?,
                    target: r.get(1)?,
                    weight: r.get::<_, i64>(2)? as u64,
                })
            })?
            .filter(|e| {
                e.as_ref().map_or(true, |e| {
                    keep.contains(e.source.as_str()) && keep.contains(e.target.as_str())
                })
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Network { actors, edges })
    }

    /// One article by id, with its events and stored record; `None` if it is not stored.
    pub fn article(&self, id: &str) -> Result<Option<ArticleView>> {
        let row = self
            .conn
            .query_row(
                "SELECT id, date, title, url, source, text, record FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, date, title, url, source, text, record)) = row else {
            return Ok(None);
        };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {EVENT_COLS} FROM {FROM} WHERE a.id = ?1 ORDER BY e.idx"
        ))?;
        let events = st
            .query_map([&id], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(ArticleView {
            record: serde_json::from_str(&record)?,
            id,
            date,
            title,
            url,
            source,
            text,
            events,
        }))
    }

    /// Number of stored articles.
    pub fn article_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))?;
        Ok(n as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_parses_and_rejects() {
        let n: Near = "42.87, 74.59,50".parse().unwrap();
        assert_eq!((n.lat, n.lon, n.km), (42.87, 74.59, 50.0));
        for bad in ["42,74", "a,b,c", "95,0,10", "0,0,-1", "0,0,NaN"] {
            let e = bad.parse::<Near>().unwrap_err().to_string();
            assert!(e.contains("near"), "{bad}: {e}");
        }
    }

    #[test]
    fn filter_validation_names_the_field() {
        let f = Filter {
            actor: Some(" kgz ".into()),
            code: Some("14".into()),
            ..Default::default()
        }
        .validated()
        .unwrap();
        assert_eq!(f.actor.as_deref(), Some("KGZ"));
        let cases = [
            (
                Filter {
                    code: Some("1a".into()),
                    ..Default::default()
                },
                "code",
            ),
            (
                Filter {
                    from: Some("2010-13-01".into()),
                    ..Default::default()
                },
                "from",
            ),
            (
                Filter {
                    from: Some("2010-05-02".into()),
                    to: Some("2010-05-01".into()),
                    ..Default::default()
                },
                "from",
            ),
            (
                Filter {
                    actor: Some("KGZ;DROP".into()),
                    ..Default::default()
                },
                "actor",
            ),
            (
                Filter {
                    quad: Some(5),
                    ..Default::default()
                },
                "quad",
            ),
        ];
        for (f, field) in cases {
            match f.validated() {
                Err(Error::Filter { field: got, .. }) => assert_eq!(got, field),
                other => panic!("expected a {field} error, got {other:?}"),
            }
        }
    }
}
