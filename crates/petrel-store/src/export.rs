//! Getting data out: the stored records as JSON Lines, events as GDELT-like CSV.

use crate::{Filter, Result, Store};
use rusqlite::params_from_iter;
use std::io::Write;

/// Header of the CSV export: GDELT 1.0 event column names where petrel has the same field,
/// then petrel's own columns.
pub const CSV_HEADER: &[&str] = &[
    "GLOBALEVENTID",
    "SQLDATE",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1Type1Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2Type1Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "DATEADDED",
    "SOURCEURL",
    "ArticleId",
    "Sentence",
    "Modality",
    "PloverType",
    "PloverMode",
    "Verb",
    "SentenceText",
];

impl Store {
    /// Writes one stored record per line (the same JSON `petrel code` prints), in storage
    /// order. Returns the number of articles written.
    pub fn export_jsonl(&self, out: &mut dyn Write) -> Result<u64> {
        let mut st = self
            .conn
            .prepare("SELECT record FROM articles ORDER BY rowid")?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let rec: String = r.get(0)?;
            out.write_all(rec.as_bytes())?;
            out.write_all(b"\n")?;
            n += 1;
        }
        out.flush()?;
        Ok(n)
    }

    /// Writes the events matching `filter` as CSV with a header row ([`CSV_HEADER`]).
    /// Returns the number of events written.
    pub fn export_csv(&self, filter: &Filter, out: &mut dyn Write) -> Result<u64> {
        let (w, p) = filter.sql();
        let mut st = self.conn.prepare(&format!(
            "SELECT e.rowid, e.date, e.src_code, e.src_name, e.src_country, e.src_role,
                e.tgt_code, e.tgt_name, e.tgt_country, e.tgt_role, e.sentence, e.cameo,
                e.cameo_root, e.quad_class, e.goldstein, e.loc_name, e.loc_country, e.lat, e.lon,
                a.stored_at, a.url, a.id, e.modality, e.plover_type, e.plover_mode, e.verb, e.text
             FROM events e JOIN articles a ON a.rowid = e.article WHERE {w}
             ORDER BY e.date, e.rowid"
        ))?;
        write_row(out, CSV_HEADER.iter().map(|s| s.to_string()))?;
        let mut rows = st.query(params_from_iter(p.iter()))?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let s = |i: usize| -> rusqlite::Result<String> {
                Ok(r.get::<_, Option<String>>(i)?.unwrap_or_default())
            };
            let f = |i: usize| -> rusqlite::Result<String> {
                Ok(r.get::<_, Option<f64>>(i)?
                    .map(|v| format!("{v}"))
                    .unwrap_or_default())
            };
            let cameo = s(11)?;
            let sentence: i64 = r.get(10)?;
            let cells = vec![
                r.get::<_, i64>(0)?.to_string(),
                compact_date(&s(1)?),
                s(2)?,
                s(3)?,
                s(4)?,
                s(5)?,
                s(6)?,
                s(7)?,
                s(8)?,
                s(9)?,
                // GDELT marks events from the lead paragraph; petrel uses the first sentence.
                u8::from(sentence == 0).to_string(),
                cameo.clone(),
                cameo.chars().take(3).collect(),
                s(12)?,
                r.get::<_, i64>(13)?.to_string(),
                f(14)?,
                s(15)?,
                s(16)?,
                f(17)?,
                f(18)?,
                compact_date(&s(19)?),
                s(20)?,
                s(21)?,
                sentence.to_string(),
                s(22)?,
                s(23)?,
                s(24)?,
                s(25)?,
                s(26)?,
            ];
            write_row(out, cells.into_iter())?;
            n += 1;
        }
        out.flush()?;
        Ok(n)
    }
}

/// `2010-04-07` (or an ISO timestamp) to GDELT's `20100407`.
fn compact_date(d: &str) -> String {
    d.chars().take(10).filter(|c| *c != '-').collect()
}

/// RFC 4180: quote cells holding a comma, quote or line break; double inner quotes.
fn write_row(out: &mut dyn Write, cells: impl Iterator<Item = String>) -> std::io::Result<()> {
    let mut line = String::new();
    for (i, c) in cells.enumerate() {
        if i > 0 {
            line.push(',');
        }
        if c.contains([',', '"', '\n', '\r']) {
            line.push('"');
            line.push_str(&c.replace('"', "\"\""));
            line.push('"');
        } else {
            line.push_str(&c);
        }
    }
    line.push_str("\r\n");
    out.write_all(line.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let mut v = Vec::new();
        write_row(
            &mut v,
            ["a", "b,c", "say \"no\"", "x\ny"]
                .iter()
                .map(|s| s.to_string()),
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(v).unwrap(),
            "a,\"b,c\",\"say \"\"no\"\"\",\"x\ny\"\r\n"
        );
        assert_eq!(compact_date("2010-04-07"), "20100407");
        assert_eq!(compact_date("2010-04-07T10:00:00Z"), "20100407");
    }
}
