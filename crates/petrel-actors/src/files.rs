//! Reading petrel's lexicon files: the embedded copies under `lexicon/` and, optionally, a
//! directory given with `--lexicon DIR` whose files of the same name extend them (their
//! lines are read after the embedded ones, so later entries win where a key repeats).

use std::path::{Path, PathBuf};

/// A lexicon file that could not be read or parsed, with the file and line.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Parse {
        file: String,
        line: usize,
        message: String,
    },
}

/// Where a lexicon can be extended from.
#[derive(Debug, Clone, Default)]
pub struct LexiconSource {
    /// Directory with files that extend the embedded ones (same file names).
    pub dir: Option<PathBuf>,
    /// Skip the embedded data entirely (only the directory's files are used).
    pub replace: bool,
}

/// One data line with its origin, for error messages.
pub struct Line<'a> {
    pub file: &'a str,
    pub number: usize,
    /// The tab-separated fields, trimmed; empty fields kept.
    pub fields: Vec<&'a str>,
}

impl Line<'_> {
    pub fn error(&self, message: impl Into<String>) -> LexiconError {
        LexiconError::Parse {
            file: self.file.to_string(),
            line: self.number,
            message: message.into(),
        }
    }
}

/// The texts of one lexicon file: embedded first, then the override directory's copy.
pub fn texts(
    src: &LexiconSource,
    name: &str,
    embedded: &'static str,
) -> Result<Vec<(String, String)>, LexiconError> {
    let mut out = Vec::new();
    if !src.replace {
        out.push((format!("lexicon/{name} (embedded)"), embedded.to_string()));
    }
    if let Some(dir) = &src.dir {
        let path = dir.join(name);
        if path.exists() {
            let text = std::fs::read_to_string(&path).map_err(|e| LexiconError::Io {
                path: path.clone(),
                source: e,
            })?;
            out.push((path.display().to_string(), text));
        }
    }
    Ok(out)
}

/// Calls `f` for every non-comment, non-empty line of `text`.
pub fn for_lines<'a>(
    file: &'a str,
    text: &'a str,
    mut f: impl FnMut(Line<'a>) -> Result<(), LexiconError>,
) -> Result<(), LexiconError> {
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim_end_matches('\r');
        if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        }
        let fields = l.split('\t').map(str::trim).collect();
        f(Line {
            file,
            number: i + 1,
            fields,
        })?;
    }
    Ok(())
}

/// Checks that a directory given with `--lexicon` exists.
pub fn check_dir(dir: &Path) -> Result<(), LexiconError> {
    if dir.is_dir() {
        Ok(())
    } else {
        Err(LexiconError::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "lexicon directory not found",
            ),
        })
    }
}
