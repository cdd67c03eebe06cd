//! Reading articles and writing records.
//!
//! Readers turn inputs (plain text files, JSON Lines, stdin, HTML, WARC) into a stream of
//! [`Input`]s: either a [`Document`] ready for the pipeline or an [`InputError`] naming the
//! input and the byte offset of what was wrong. Every input document yields exactly one
//! item, so nothing is lost silently. Lines are read in bounded pieces: a line longer than
//! [`ReadOptions::max_record_bytes`] is skipped with an error record instead of being held
//! in memory.

mod html;
mod jsonl;
mod text;
mod warc;

pub use html::html_to_text;
pub use jsonl::{normalize_date, JsonlReader};
pub use text::{decode_text, Decoded};
pub use warc::WarcReader;

use petrel_doc::{Document, Meta};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// A document that could not be read, reported as `{"id":…,"error":…}`.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{input}: {message}")]
pub struct InputError {
    /// The id the record will carry (the document's id if known, else input name and offset).
    pub id: String,
    /// The input's name (file path or `-` for stdin) and where in it, e.g. `a.jsonl:line 3`.
    pub input: String,
    pub message: String,
}

/// One item of an input stream.
pub type Input = Result<Document, InputError>;

/// The input formats petrel reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Decide by file extension: `.jsonl`/`.ndjson` JSON Lines, `.html`/`.htm` HTML,
    /// `.warc` WARC, anything else one plain-text article per file; a further `.gz` is looked
    /// through (gzip itself is recognised by content).
    #[default]
    Auto,
    Text,
    Jsonl,
    Html,
    Warc,
}

/// Options shared by all readers.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Article date for inputs that do not carry one (`--date`).
    pub date: Option<String>,
    /// Longest JSON line or text file accepted; longer ones become error records.
    pub max_record_bytes: usize,
    pub format: Format,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            date: None,
            max_record_bytes: 64 << 20,
            format: Format::Auto,
        }
    }
}

/// Where a stream of articles comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Stdin,
    File(PathBuf),
}

impl Source {
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// Detects the format of a file from its extension, looking through a `.gz` suffix
/// (`crawl.warc.gz` is WARC).
pub fn detect_format(path: &Path) -> Format {
    let lower = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = lower.strip_suffix(".gz").unwrap_or(&lower);
    match Path::new(name).extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "ndjson" | "json") => Format::Jsonl,
        Some("html" | "htm" | "xhtml") => Format::Html,
        Some("warc") => Format::Warc,
        _ => Format::Text,
    }
}

/// Opens one source as an iterator of documents. Fails only when the source cannot be
/// opened at all (a missing file); problems inside it become error items.
pub fn open(
    source: &Source,
    opts: &ReadOptions,
) -> io::Result<Box<dyn Iterator<Item = Input> + Send>> {
    let name = source.name();
    let format = match (opts.format, source) {
        (Format::Auto, Source::File(p)) => detect_format(p),
        (Format::Auto, Source::Stdin) => Format::Jsonl,
        (f, _) => f,
    };
    let reader: Box<dyn Read + Send> =
        match source {
            Source::Stdin => Box::new(io::stdin()),
            Source::File(p) => Box::new(File::open(p).map_err(|e| {
                io::Error::new(e.kind(), format!("cannot open {}: {e}", p.display()))
            })?),
        };
    let reader = gunzip(BufReader::with_capacity(1 << 16, reader))
        .map_err(|e| io::Error::new(e.kind(), format!("cannot read {name}: {e}")))?;
    let id_stem = match source {
        Source::File(p) => {
            let stem = p.file_name().map(|s| s.to_string_lossy().into_owned());
            let stem = stem.as_deref().map(|s| s.strip_suffix(".gz").unwrap_or(s));
            stem.map(|s| {
                Path::new(s)
                    .file_stem()
                    .map_or(s, |x| x.to_str().unwrap_or(s))
            })
            .map(str::to_string)
            .unwrap_or_else(|| name.clone())
        }
        Source::Stdin => "stdin".to_string(),
    };
    Ok(match format {
        Format::Jsonl | Format::Auto => Box::new(JsonlReader::new(reader, name, opts.clone())),
        Format::Warc => Box::new(WarcReader::new(reader, name, opts.clone())),
        Format::Text | Format::Html => Box::new(std::iter::once(read_whole(
            reader,
            &name,
            &id_stem,
            format == Format::Html,
            opts,
        ))),
    })
}

/// Decompresses a gzip stream (recognised by its magic bytes, whatever the file is called;
/// concatenated members, as in `.warc.gz`, are read in turn). Byte offsets in later errors
/// then count decompressed bytes.
fn gunzip(mut reader: BufReader<Box<dyn Read + Send>>) -> io::Result<Box<dyn BufRead + Send>> {
    // Read the two magic bytes even from a pipe that delivers them one at a time.
    let mut magic = [0u8; 2];
    let mut n = 0;
    while n < 2 {
        match reader.read(&mut magic[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let whole = io::Cursor::new(magic).take(n as u64).chain(reader);
    if magic == [0x1f, 0x8b] {
        let gz = flate2::bufread::MultiGzDecoder::new(whole);
        Ok(Box::new(BufReader::with_capacity(1 << 16, gz)))
    } else {
        Ok(Box::new(whole))
    }
}

/// Reads a whole plain-text or HTML article.
fn read_whole(
    mut reader: impl BufRead,
    name: &str,
    id: &str,
    html: bool,
    opts: &ReadOptions,
) -> Input {
    let err = |message: String| InputError {
        id: id.to_string(),
        input: name.to_string(),
        message,
    };
    let mut bytes = Vec::new();
    let limit = opts.max_record_bytes as u64;
    reader
        .by_ref()
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| err(format!("read error at byte {}: {e}", bytes.len())))?;
    if bytes.len() as u64 > limit {
        return Err(err(format!(
            "article longer than the limit of {limit} bytes (at byte {limit})"
        )));
    }
    let meta = Meta {
        id: id.to_string(),
        date: opts.date.clone(),
        ..Default::default()
    };
    document_from_bytes(meta, &bytes, html)
        .map_err(|(offset, message)| err(format!("{message} (at byte {offset})")))
}

/// Builds a document from raw bytes: repairs invalid UTF-8 (with a warning), rejects
/// binary and empty input, and strips HTML when asked. Errors carry a byte offset.
pub fn document_from_bytes(
    meta: Meta,
    bytes: &[u8],
    html: bool,
) -> Result<Document, (usize, String)> {
    let Decoded { text, warning } = decode_text(bytes)?;
    let text = if html { html_to_text(&text) } else { text };
    if text.trim().is_empty() {
        return Err((0, "empty article: no text to code".to_string()));
    }
    let mut doc = Document::new(meta, text);
    doc.warnings.extend(warning);
    Ok(doc)
}

#[cfg(test)]
mod gzip_tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn read_all(name: &str, bytes: &[u8]) -> Vec<Input> {
        let dir = std::env::temp_dir().join(format!("petrel-io-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let items = open(&Source::File(path.clone()), &ReadOptions::default())
            .unwrap()
            .collect();
        std::fs::remove_file(path).unwrap();
        items
    }

    fn warc_record(uri: &str, body: &str) -> String {
        let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n{body}");
        format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2011-02-03T10:00:00Z\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
    }

    #[test]
    fn format_looks_through_gz_suffix() {
        assert_eq!(detect_format(Path::new("crawl.warc.gz")), Format::Warc);
        assert_eq!(detect_format(Path::new("a.JSONL.gz")), Format::Jsonl);
        assert_eq!(detect_format(Path::new("story.txt.gz")), Format::Text);
    }

    /// A `.warc.gz` holds one gzip member per record, concatenated.
    #[test]
    fn reads_warc_gz_with_one_member_per_record() {
        let mut bytes =
            gz(warc_record("http://example.org/1", "Farmers blocked the road.").as_bytes());
        bytes.extend(gz(warc_record(
            "http://example.org/2",
            "Teachers went on strike.",
        )
        .as_bytes()));
        let items = read_all("crawl.warc.gz", &bytes);
        let texts: Vec<&str> = items
            .iter()
            .map(|i| i.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(
            texts,
            ["Farmers blocked the road.", "Teachers went on strike."]
        );
    }

    #[test]
    fn reads_gzipped_json_lines_and_plain_text() {
        let jsonl = "{\"id\":\"a\",\"text\":\"Miners marched.\"}\n{\"id\":\"b\",\"text\":\"Police withdrew.\"}\n";
        let items = read_all("batch.jsonl.gz", &gz(jsonl.as_bytes()));
        let ids: Vec<&str> = items
            .iter()
            .map(|i| i.as_ref().unwrap().meta.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "b"]);
        let items = read_all("note.txt.gz", &gz(b"The envoy left Quito."));
        let d = items[0].as_ref().unwrap();
        assert_eq!(
            (d.text.as_str(), d.meta.id.as_str()),
            ("The envoy left Quito.", "note")
        );
    }

    /// A cut-off gzip stream yields an error record naming the input, not a panic.
    #[test]
    fn truncated_gzip_is_an_error_record() {
        let full = gz("{\"id\":\"a\",\"text\":\"Miners marched.\"}\n"
            .repeat(200)
            .as_bytes());
        let items = read_all("cut.jsonl.gz", &full[..full.len() / 2]);
        let err = items
            .iter()
            .find_map(|i| i.as_ref().err())
            .expect("an error record");
        assert!(err.input.contains("cut.jsonl.gz"), "{err:?}");
        assert!(items.iter().filter(|i| i.is_ok()).count() < 200);
    }
}
