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
    /// `.warc` WARC, anything else one plain-text article per file.
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

/// Detects the format of a file from its extension.
pub fn detect_format(path: &Path) -> Format {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
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
    let reader = BufReader::with_capacity(1 << 16, reader);
    let id_stem = match source {
        Source::File(p) => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| name.clone()),
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
