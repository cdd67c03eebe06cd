//! WARC input: each `response`, `resource` or `conversion` record is one article (HTML
//! payloads are stripped to text); other record types (`warcinfo`, `request`, `metadata`)
//! are not articles and are passed over.

use crate::{document_from_bytes, Input, InputError, ReadOptions};
use petrel_doc::Meta;
use std::io::{BufRead, Read};

pub struct WarcReader<R> {
    reader: R,
    name: String,
    opts: ReadOptions,
    offset: u64,
    count: usize,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    pub fn new(reader: R, name: String, opts: ReadOptions) -> Self {
        WarcReader {
            reader,
            name,
            opts,
            offset: 0,
            count: 0,
            done: false,
        }
    }

    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut buf = Vec::new();
        let n = self
            .reader
            .by_ref()
            .take(64 * 1024)
            .read_until(b'\n', &mut buf)?;
        self.offset += n as u64;
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(String::from_utf8_lossy(&buf).trim_end().to_string()))
    }

    fn error(&self, message: String) -> InputError {
        InputError {
            id: format!("{}:record {}", self.name, self.count),
            input: self.name.clone(),
            message,
        }
    }

    fn next_record(&mut self) -> Option<Input> {
        loop {
            // Find the version line, skipping blank separators.
            let start = self.offset;
            let version = match self.line() {
                Ok(Some(l)) if l.is_empty() => continue,
                Ok(Some(l)) => l,
                Ok(None) => return None,
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(format!("read error at byte {start}: {e}"))));
                }
            };
            self.count += 1;
            if !version.starts_with("WARC/") {
                self.done = true;
                return Some(Err(self.error(format!(
                    "expected a WARC version line at byte {start}, found {:?}",
                    version.chars().take(40).collect::<String>()
                ))));
            }
            let mut length: Option<u64> = None;
            let (mut kind, mut uri, mut date, mut rec_id, mut ctype) =
                (String::new(), None, None, None, String::new());
            loop {
                match self.line() {
                    Ok(Some(l)) if l.is_empty() => break,
                    Ok(Some(l)) => {
                        let Some((k, v)) = l.split_once(':') else {
                            continue;
                        };
                        let v = v.trim().to_string();
                        match k.to_ascii_lowercase().as_str() {
                            "content-length" => length = v.parse().ok(),
                            "warc-type" => kind = v,
                            "warc-target-uri" => uri = Some(v),
                            "warc-date" => date = Some(v),
                            "warc-record-id" => {
                                rec_id = Some(v.trim_matches(['<', '>']).to_string())
                            }
                            "content-type" => ctype = v,
                            _ => {}
                        }
                    }
                    Ok(None) => {
                        self.done = true;
                        return Some(Err(
                            self.error(format!("record at byte {start} ends inside its header"))
                        ));
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(
                            self.error(format!("read error at byte {}: {e}", self.offset))
                        ));
                    }
                }
            }
            let Some(length) = length else {
                self.done = true;
                return Some(Err(
                    self.error(format!("record at byte {start} has no Content-Length"))
                ));
            };
            let body_start = self.offset;
            let keep = matches!(kind.as_str(), "response" | "resource" | "conversion")
                && length as usize <= self.opts.max_record_bytes;
            let mut body = Vec::new();
            let read = if keep {
                self.reader.by_ref().take(length).read_to_end(&mut body)
            } else {
                std::io::copy(&mut self.reader.by_ref().take(length), &mut std::io::sink())
                    .map(|n| n as usize)
            };
            match read {
                Ok(n) if n as u64 == length => self.offset += length,
                Ok(n) => {
                    self.done = true;
                    return Some(Err(self.error(format!(
                        "record at byte {start} is truncated: {n} of {length} bytes"
                    ))));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(
                        self.error(format!("read error at byte {body_start}: {e}"))
                    ));
                }
            }
            if !matches!(kind.as_str(), "response" | "resource" | "conversion") {
                continue;
            }
            let id = rec_id.unwrap_or_else(|| format!("{}:record {}", self.name, self.count));
            if !keep {
                return Some(Err(InputError {
                    id,
                    input: self.name.clone(),
                    message: format!(
                        "record at byte {start} of {length} bytes exceeds the limit; skipped"
                    ),
                }));
            }
            // HTTP responses carry their own headers before the payload.
            let mut payload: &[u8] = &body;
            let mut html = ctype.contains("html");
            if kind == "response" && body.starts_with(b"HTTP/") {
                if let Some(pos) = find(&body, b"\r\n\r\n")
                    .map(|p| p + 4)
                    .or_else(|| find(&body, b"\n\n").map(|p| p + 2))
                {
                    let head = String::from_utf8_lossy(&body[..pos]).to_ascii_lowercase();
                    html = head.contains("content-type: text/html")
                        || head.contains("application/xhtml");
                    let textual = html || head.contains("content-type: text/");
                    if !textual && head.contains("content-type:") {
                        return Some(Err(InputError {
                            id,
                            input: self.name.clone(),
                            message: format!("record at byte {start} is not text; skipped"),
                        }));
                    }
                    payload = &body[pos..];
                }
            }
            let meta = Meta {
                id: id.clone(),
                date: date
                    .as_deref()
                    .and_then(|d| crate::jsonl::normalize_date(d).ok())
                    .or_else(|| self.opts.date.clone()),
                url: uri,
                ..Default::default()
            };
            return Some(
                document_from_bytes(meta, payload, html).map_err(|(off, m)| InputError {
                    id,
                    input: self.name.clone(),
                    message: format!("{m} (at byte {})", body_start + off as u64),
                }),
            );
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay, needle)
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Input;

    fn next(&mut self) -> Option<Input> {
        if self.done {
            return None;
        }
        let item = self.next_record();
        if item.is_none() {
            self.done = true;
        }
        item
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, extra: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}>\r\nWARC-Date: 2010-04-15T08:00:00Z\r\n{extra}Content-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    #[test]
    fn reads_responses_and_skips_other_records() {
        let http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Troops entered Osh.</p>";
        let warc = record("warcinfo", "", "software: test")
            + &record(
                "response",
                "WARC-Target-URI: http://example.org/a\r\n",
                http,
            );
        let items: Vec<_> =
            WarcReader::new(warc.as_bytes(), "a.warc".into(), ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        let d = items[0].as_ref().unwrap();
        assert_eq!(d.text, "Troops entered Osh.");
        assert_eq!(d.meta.date.as_deref(), Some("2010-04-15"));
        assert_eq!(d.meta.url.as_deref(), Some("http://example.org/a"));
    }

    #[test]
    fn truncated_record_is_an_error_with_offset() {
        let warc = "WARC/1.0\r\nWARC-Type: resource\r\nContent-Length: 500\r\n\r\nshort";
        let items: Vec<_> =
            WarcReader::new(warc.as_bytes(), "b.warc".into(), ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        assert!(items[0].as_ref().unwrap_err().message.contains("truncated"));
    }

    #[test]
    fn garbage_is_an_error() {
        let items: Vec<_> =
            WarcReader::new(&b"hello\n"[..], "c.warc".into(), ReadOptions::default()).collect();
        assert_eq!(items.len(), 1);
        assert!(items[0].as_ref().unwrap_err().message.contains("byte 0"));
    }
}
