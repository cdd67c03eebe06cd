//! JSON Lines input: one article per line, `{"id","date","title","text","url","source"}`.

use crate::{decode_text, Input, InputError, ReadOptions};
use petrel_doc::{Document, Meta};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    source: Option<String>,
}

/// Streams documents from JSON Lines. Blank lines are skipped; every other line yields one
/// document or one error. Lines longer than the limit are skipped without being buffered.
pub struct JsonlReader<R> {
    reader: R,
    name: String,
    opts: ReadOptions,
    line_no: usize,
    offset: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub fn new(reader: R, name: String, opts: ReadOptions) -> Self {
        JsonlReader {
            reader,
            name,
            opts,
            line_no: 0,
            offset: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    /// Reads one line into `buf`, up to the limit. Returns (bytes consumed, overflowed),
    /// or None at end of input.
    fn read_line(&mut self) -> std::io::Result<Option<(u64, bool)>> {
        self.buf.clear();
        let limit = self.opts.max_record_bytes;
        let mut consumed = 0u64;
        let mut overflow = false;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok((consumed > 0).then_some((consumed, overflow)));
            }
            let (take, found) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if !overflow {
                if self.buf.len() + take > limit + 1 {
                    overflow = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.reader.consume(take);
            consumed += take as u64;
            if found {
                return Ok(Some((consumed, overflow)));
            }
        }
    }

    fn parse(&self, start: u64) -> Input {
        let fallback_id = format!("{}:{}", self.name, self.line_no);
        let err = |id: &str, message: String| InputError {
            id: id.to_string(),
            input: format!("{}:line {}", self.name, self.line_no),
            message,
        };
        let decoded = decode_text(&self.buf).map_err(|(off, m)| {
            err(
                &fallback_id,
                format!("{m} (at byte {})", start + off as u64),
            )
        })?;
        let line: Line = serde_json::from_str(decoded.text.trim_end()).map_err(|e| {
            err(
                &fallback_id,
                format!(
                    "invalid JSON at column {} (byte {}): {e}",
                    e.column(),
                    start + e.column().saturating_sub(1) as u64
                ),
            )
        })?;
        let id = match line.id {
            Some(serde_json::Value::String(s)) if !s.is_empty() => s,
            Some(serde_json::Value::Number(n)) => n.to_string(),
            _ => fallback_id.clone(),
        };
        let text = match line.text {
            Some(t) if !t.trim().is_empty() => t,
            Some(_) => return Err(err(&id, format!("empty \"text\" (at byte {start})"))),
            None => return Err(err(&id, format!("no \"text\" field (at byte {start})"))),
        };
        let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
        let date = match line.date.as_deref().map(normalize_date) {
            Some(Ok(d)) => Some(d),
            Some(Err(w)) => {
                warnings.push(w);
                self.opts.date.clone()
            }
            None => self.opts.date.clone(),
        };
        let meta = Meta {
            id,
            date,
            title: line.title,
            url: line.url,
            source: line.source,
        };
        let mut doc = Document::new(meta, text);
        doc.warnings = warnings;
        Ok(doc)
    }
}

/// Accepts `YYYY-MM-DD`, `YYYYMMDD` and ISO date-times; returns `YYYY-MM-DD`.
pub fn normalize_date(s: &str) -> Result<String, String> {
    let s = s.trim();
    let candidate = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &s[..4], &s[4..6], &s[6..])
    } else {
        s.get(..10).unwrap_or(s).to_string()
    };
    let ok = candidate.len() == 10
        && candidate.as_bytes()[4] == b'-'
        && candidate.as_bytes()[7] == b'-'
        && candidate[..4].parse::<u32>().is_ok()
        && candidate[5..7]
            .parse::<u32>()
            .is_ok_and(|m| (1..=12).contains(&m))
        && candidate[8..]
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d));
    if ok {
        Ok(candidate)
    } else {
        Err(format!("date {s:?} is not YYYY-MM-DD; ignored"))
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        while !self.done {
            let start = self.offset;
            let line = match self.read_line() {
                Ok(Some(l)) => l,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError {
                        id: format!("{}:{}", self.name, self.line_no + 1),
                        input: self.name.clone(),
                        message: format!("read error at byte {start}: {e}"),
                    }));
                }
            };
            self.line_no += 1;
            self.offset += line.0;
            if line.1 {
                return Some(Err(InputError {
                    id: format!("{}:{}", self.name, self.line_no),
                    input: format!("{}:line {}", self.name, self.line_no),
                    message: format!(
                        "line of {} bytes exceeds the limit of {} bytes (at byte {start}); skipped",
                        line.0, self.opts.max_record_bytes
                    ),
                }));
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse(start));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], limit: usize) -> Vec<Input> {
        let opts = ReadOptions {
            max_record_bytes: limit,
            date: Some("2010-04-15".into()),
            ..Default::default()
        };
        JsonlReader::new(input, "in.jsonl".into(), opts).collect()
    }

    #[test]
    fn one_item_per_nonblank_line() {
        let items = read(
            b"{\"id\":\"a\",\"text\":\"Troops left Osh.\",\"date\":\"2010-04-07T09:00:00Z\"}\n\n{bad json}\n{\"id\":7,\"text\":\"\"}\n{\"text\":\"No id here.\"}",
            1 << 20,
        );
        assert_eq!(items.len(), 4);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.meta.id, "a");
        assert_eq!(a.meta.date.as_deref(), Some("2010-04-07"));
        let e = items[1].as_ref().unwrap_err();
        assert!(e.input.ends_with("line 3"), "{e:?}");
        assert!(e.message.contains("invalid JSON"));
        assert_eq!(items[2].as_ref().unwrap_err().id, "7");
        let d = items[3].as_ref().unwrap();
        assert_eq!(d.meta.id, "in.jsonl:5");
        assert_eq!(d.meta.date.as_deref(), Some("2010-04-15"));
    }

    #[test]
    fn overlong_line_is_skipped_not_buffered() {
        let mut input = b"{\"text\":\"".to_vec();
        input.extend(std::iter::repeat_n(b'x', 10_000));
        input.extend_from_slice(b"\"}\n{\"id\":\"next\",\"text\":\"Fine.\"}\n");
        let items = read(&input, 1000);
        assert_eq!(items.len(), 2);
        assert!(items[0].as_ref().unwrap_err().message.contains("exceeds"));
        assert_eq!(items[1].as_ref().unwrap().meta.id, "next");
    }

    #[test]
    fn invalid_utf8_is_repaired_with_warning() {
        let items = read(b"{\"id\":\"u\",\"text\":\"Osh \xff.\"}\n", 1000);
        let d = items[0].as_ref().unwrap();
        assert!(d.text.contains('\u{FFFD}'));
        assert_eq!(d.warnings.len(), 1);
    }

    #[test]
    fn dates() {
        assert_eq!(normalize_date("20100415").unwrap(), "2010-04-15");
        assert!(normalize_date("April 15").is_err());
    }
}
