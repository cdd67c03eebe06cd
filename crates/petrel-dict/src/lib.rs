//! Compatibility with the community's PETRARCH-1, PETRARCH-2 and TABARI dictionaries.
//!
//! This crate owns:
//! - readers for every dictionary format ([`actors`], [`verbs`], discards, issues, TABARI
//!   `.options`/`.project`) into one in-memory model, [`Dictionaries`];
//! - [`load_dir`] / [`DictFiles::load`]: find and read the files, collecting malformed lines
//!   as [`LoadError`]s (file and line) while loading carries on;
//! - [`coder`]: the dictionary event coder (actor phrases, agents, compounds, verb patterns)
//!   over a tokenised sentence, and [`DictComponent`], the pipeline component;
//! - [`phoenix`]: the Phoenix/PETRARCH tab-separated event line and CAMEO root/quad class.

pub mod actors;
pub mod coder;
mod component;
pub mod phoenix;
pub mod suite;
pub mod verbs;
pub mod words;

pub use coder::{CodedEvent, Coder, CoderOptions, SentenceInput};
pub use component::{
    code_sentence, code_sentence_with, date_number, CameoLookup, CodeFacts, DictComponent,
};

use actors::{Actors, Agents};
use std::path::{Path, PathBuf};
use verbs::Verbs;
use words::{split_phrase, PhraseIndex};

/// A problem in a dictionary file: which file, which line (1-based), what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct LoadError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl LoadError {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// An issue phrase (Phoenix issue coding).
#[derive(Debug, Clone)]
pub struct Issue {
    pub category: Box<str>,
    pub code: Box<str>,
    /// `~phrase` entries: a match suppresses the category.
    pub exclude: bool,
}

/// Which dictionary format family the files come from; decides word matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Flavor {
    /// PETRARCH-1/2: whole-word matching, generated plurals.
    #[default]
    Petrarch,
    /// TABARI: dictionary words match as prefixes ("stems") unless they end in `_`.
    Tabari,
}

/// Everything loaded from a set of dictionary files.
#[derive(Debug, Default)]
pub struct Dictionaries {
    pub flavor: Flavor,
    pub actors: Actors,
    pub agents: Agents,
    pub verbs: Verbs,
    /// Discard phrases; payload 1 = whole story, 0 = sentence.
    pub discards: PhraseIndex,
    pub issues: Vec<Issue>,
    pub issue_index: PhraseIndex,
    /// Negated event codes from a PICO file (`110` ↔ `050`: "not cooperate" is
    /// "disapprove").
    pub negations: rustc_hash::FxHashMap<Box<str>, Box<str>>,
    /// TABARI `.options` settings and `LABEL:` lines, as written.
    pub options: Vec<(String, String)>,
    /// Malformed lines met while loading (loading skipped them and went on).
    pub errors: Vec<LoadError>,
    /// The files that were read.
    pub files: Vec<PathBuf>,
}

/// The files to read, by role. Any may be absent.
#[derive(Debug, Clone, Default)]
pub struct DictFiles {
    pub verbs: Vec<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub issues: Vec<PathBuf>,
    pub options: Vec<PathBuf>,
    /// PETRARCH-2 internal coding ontology (PICO), for negated verbs.
    pub pico: Vec<PathBuf>,
    pub flavor: Option<Flavor>,
}

/// A fatal loading failure (a file that cannot be read at all).
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no dictionary files found in {0}")]
    Empty(PathBuf),
}

fn read_text(p: &Path) -> Result<String, DictError> {
    let bytes = std::fs::read(p).map_err(|source| DictError::Io {
        path: p.to_path_buf(),
        source,
    })?;
    Ok(match String::from_utf8(bytes) {
        Ok(s) => s,
        // Old dictionaries are often Latin-1.
        Err(e) => e.into_bytes().iter().map(|&b| b as char).collect(),
    })
}

impl DictFiles {
    /// Classifies the files of `dir` by name: `*verb*` or `CAMEO.*` → verbs, `*actor*`,
    /// `*agent*`, `*discard*`, `*issue*`, `*.options`; a TABARI `.project` names its files.
    /// When several verb files are present the PETRARCH-2 `CAMEO.2*` file is preferred.
    pub fn scan(dir: &Path) -> Result<DictFiles, DictError> {
        let rd = std::fs::read_dir(dir).map_err(|source| DictError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        let mut f = DictFiles::default();
        if let Some(project) = paths.iter().find(|p| has_ext(p, "project")) {
            return DictFiles::from_project(project);
        }
        for p in paths.iter().filter(|p| p.is_file()) {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if has_ext(p, "xml") || name.contains("preposition") {
                continue;
            }
            if name.contains("ontology") || name.contains("pico") {
                f.pico.push(p.clone());
                continue;
            }
            if name.contains("verb") || name.starts_with("cameo.") {
                f.verbs.push(p.clone());
            } else if name.contains("actor") {
                f.actors.push(p.clone());
            } else if name.contains("agent") {
                f.agents.push(p.clone());
            } else if name.contains("discard") {
                f.discards.push(p.clone());
            } else if name.contains("issue") {
                f.issues.push(p.clone());
            } else if name.ends_with(".options") {
                f.options.push(p.clone());
            }
        }
        if f.verbs.len() > 1 {
            let pick = f
                .verbs
                .iter()
                .find(|p| {
                    p.file_name()
                        .is_some_and(|n| n.to_string_lossy().to_lowercase().starts_with("cameo.2"))
                })
                .cloned();
            if let Some(p) = pick {
                f.verbs = vec![p];
            }
        }
        if f.verbs.is_empty() && f.actors.is_empty() && f.agents.is_empty() {
            return Err(DictError::Empty(dir.to_path_buf()));
        }
        if f.options.iter().any(|_| true)
            || f.actors
                .iter()
                .chain(&f.verbs)
                .any(|p| has_ext(p, "actors") || has_ext(p, "verbs") || has_ext(p, "agents"))
        {
            f.flavor = Some(Flavor::Tabari);
        }
        Ok(f)
    }

    /// Reads a TABARI `.project` file: `<actorsfile> NAME`, `<verbsfile>`, `<agentsfile>`,
    /// `<optionsfile>`, relative to the project's directory.
    pub fn from_project(project: &Path) -> Result<DictFiles, DictError> {
        let text = read_text(project)?;
        let dir = project.parent().unwrap_or(Path::new("."));
        let mut f = DictFiles {
            flavor: Some(Flavor::Tabari),
            ..Default::default()
        };
        for line in text.lines() {
            let l = line.trim();
            let Some(rest) = l.strip_prefix('<') else {
                continue;
            };
            let Some((tag, val)) = rest.split_once('>') else {
                continue;
            };
            let val = val.trim();
            if val.is_empty() {
                continue;
            }
            let p = dir.join(val);
            match tag.to_lowercase().as_str() {
                "actorsfile" => f.actors.push(p),
                "verbsfile" => f.verbs.push(p),
                "agentsfile" => f.agents.push(p),
                "optionsfile" => f.options.push(p),
                _ => {}
            }
        }
        Ok(f)
    }

    /// Reads every file. Malformed lines are collected in [`Dictionaries::errors`].
    pub fn load(&self) -> Result<Dictionaries, DictError> {
        let flavor = self.flavor.unwrap_or(Flavor::Petrarch);
        let tabari = flavor == Flavor::Tabari;
        let mut d = Dictionaries {
            flavor,
            ..Default::default()
        };
        let name = |p: &Path| p.display().to_string();
        for p in &self.verbs {
            let text = read_text(p)?;
            d.verbs
                .read(&name(p), &text, tabari, !tabari, &mut d.errors);
            d.files.push(p.clone());
        }

        for p in &self.actors {
            let text = read_text(p)?;
            d.actors.read(&name(p), &text, tabari, &mut d.errors);
            d.files.push(p.clone());
        }
        for p in &self.agents {
            let text = read_text(p)?;
            d.agents.read(&name(p), &text, tabari, true, &mut d.errors);
            d.files.push(p.clone());
        }
        for p in &self.discards {
            let text = read_text(p)?;
            d.read_discards(&name(p), &text);
            d.files.push(p.clone());
        }
        for p in &self.issues {
            let text = read_text(p)?;
            d.read_issues(&name(p), &text);
            d.files.push(p.clone());
        }
        for p in &self.options {
            let text = read_text(p)?;
            d.read_options(&text);
            d.files.push(p.clone());
        }
        for p in &self.pico {
            let text = read_text(p)?;
            d.read_pico(&name(p), &text);
            d.files.push(p.clone());
        }
        d.finish();
        Ok(d)
    }
}

fn has_ext(p: &Path, ext: &str) -> bool {
    p.extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(ext))
}

/// Finds the dictionaries in `dir` by name and loads them (see [`DictFiles::scan`]).
pub fn load_dir(dir: &Path) -> Result<Dictionaries, DictError> {
    DictFiles::scan(dir)?.load()
}

impl Dictionaries {
    /// Builds the lookup structures; call after the last `read_*`.
    pub fn finish(&mut self) {
        let timed = std::mem::take(&mut self.verbs.time_discards).join("\n");
        self.read_discards("<TIME> section", &timed);
        self.verbs.finish();
        self.actors.index.finish();
        self.agents.index.finish();
        self.discards.finish();
        self.issue_index.finish();
    }

    /// Whether words match by stem (TABARI).
    pub fn stems(&self) -> bool {
        self.flavor == Flavor::Tabari
    }

    /// Reads a discard file: `+phrase` discards the whole story, `phrase` the sentence.
    pub fn read_discards(&mut self, file: &str, text: &str) {
        let mut in_xml = false;
        for (ln, raw) in text.lines().enumerate() {
            let line = actors::strip_comment(raw, &mut in_xml, false);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let (story, phrase) = match t.strip_prefix('+') {
                Some(p) => (1, p),
                None => (0, t),
            };
            let words = split_phrase(phrase);
            if words.is_empty() {
                self.errors
                    .push(LoadError::new(file, ln + 1, "empty discard phrase"));
                continue;
            }
            self.discards.insert(words, story);
        }
    }

    /// Reads a Phoenix issue file: `<ISSUE CATEGORY="X">` sections of `phrase [CODE]`
    /// lines (`n:`/`v:` part-of-speech marks dropped, `+` joins with a hyphen) and
    /// `~phrase` exclusions.
    pub fn read_issues(&mut self, file: &str, text: &str) {
        let mut category = String::new();
        let mut in_xml = false;
        for (ln, raw) in text.lines().enumerate() {
            let t = raw.trim();
            if let Some(rest) = t.strip_prefix("<ISSUE") {
                category = rest.split('"').nth(1).unwrap_or("").trim().to_uppercase();
                continue;
            }
            if t.starts_with("</ISSUE") {
                continue;
            }
            let line = actors::strip_comment(raw, &mut in_xml, false);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let (exclude, t) = match t.strip_prefix('~') {
                Some(r) => (true, r),
                None => (false, t),
            };
            let (phrase, code) = match (t.find('['), t.find(']')) {
                (Some(a), Some(b)) if a < b => (&t[..a], t[a + 1..b].trim()),
                (Some(_), _) => {
                    self.errors
                        .push(LoadError::new(file, ln + 1, "unclosed `[` in issue line"));
                    continue;
                }
                _ => (t, ""),
            };
            if !exclude && code.is_empty() {
                self.errors.push(LoadError::new(
                    file,
                    ln + 1,
                    "issue phrase without `[code]`",
                ));
                continue;
            }
            let cleaned: String = phrase
                .split_whitespace()
                .map(|w| {
                    let w = w
                        .strip_prefix("n:")
                        .or_else(|| w.strip_prefix("v:"))
                        .or_else(|| w.strip_prefix("a:"))
                        .unwrap_or(w);
                    w.replace("+n:", "-").replace("+v:", "-").replace('+', "-")
                })
                .collect::<Vec<_>>()
                .join(" ");
            let words = split_phrase(&cleaned);
            if words.is_empty() {
                continue;
            }
            let idx = self.issues.len() as u32;
            self.issues.push(Issue {
                category: category.clone().into(),
                code: code.to_uppercase().into(),
                exclude,
            });
            self.issue_index.insert(words, idx);
        }
    }

    /// Reads a PETRARCH-2 PICO file (`CODE:0xHEX[#alternative…]`) into negation pairs: an
    /// alternative `0xFFFF+0xV` (or `0xV-0xFFFF`) says the code is the negation of the code
    /// whose value is `0xV`.
    pub fn read_pico(&mut self, file: &str, text: &str) {
        let hex = |t: &str| u32::from_str_radix(t.trim().trim_start_matches("0x"), 16).ok();
        let mut by_value: rustc_hash::FxHashMap<u32, String> = Default::default();
        let mut lines = Vec::new();
        for (ln, raw) in text.lines().enumerate() {
            let t = raw.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let Some((code, rest)) = t.split_once(':') else {
                self.errors
                    .push(LoadError::new(file, ln + 1, "expected `CODE:VALUE`"));
                continue;
            };
            let fields: Vec<&str> = rest.split('#').map(str::trim).collect();
            if let Some(v) = fields.first().and_then(|f| hex(f)) {
                by_value.entry(v).or_insert_with(|| code.trim().to_string());
            }
            lines.push((code.trim().to_string(), fields));
        }
        for (code, fields) in lines {
            for f in fields.iter().filter(|f| f.contains("FFFF")) {
                let base: u32 = f
                    .split(['+', '-'])
                    .filter(|t| !t.trim().is_empty())
                    .filter_map(hex)
                    .filter(|&v| v != 0xFFFF && v != 0x300)
                    .sum();
                if let Some(other) = by_value.get(&base) {
                    self.negations
                        .entry(code.clone().into())
                        .or_insert_with(|| other.clone().into());
                    self.negations
                        .entry(other.clone().into())
                        .or_insert_with(|| code.clone().into());
                }
            }
        }
    }

    /// Reads a TABARI `.options` file into `(key, value)` settings.
    pub fn read_options(&mut self, text: &str) {
        for line in text.lines() {
            let t = line.trim();
            if t.is_empty() || t.starts_with("//") || t.starts_with('<') {
                continue;
            }
            if let Some((k, v)) = t.split_once(':') {
                self.options
                    .push((k.trim().to_uppercase(), v.trim().to_string()));
            }
        }
    }

    /// Counts for reports: (actor phrases, agent phrases, verb forms, patterns).
    pub fn stats(&self) -> (usize, usize, usize, usize) {
        (
            self.actors.index.len(),
            self.agents.index.len(),
            self.verbs.index.len(),
            self.verbs.pattern_count(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_dir_detects_files_and_reports_bad_lines() {
        let dir = std::env::temp_dir().join(format!("petrel-dict-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write(
            "Test.verbs.txt",
            "--- PRAISE [051] ---\nPRAISE\n- * (FOR AID) [0331\n",
        );
        write(
            "Test.actors.txt",
            "VALDORIA [VAL]\nOSTRAVIA [OST 20201301-]\n",
        );
        write("Test.agents.txt", "MINISTER [~GOV]\n");
        write("Test.discards.txt", "+FOOTBALL\n");
        write(
            "Test.issues.txt",
            "<ISSUE CATEGORY=\"WATER\">\nn:drought [DROUGHT]\nriver n:dam\n",
        );
        let d = load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(d.files.len(), 5);
        let lines: Vec<(bool, usize)> = d
            .errors
            .iter()
            .map(|e| (e.file.ends_with(".txt"), e.line))
            .collect();
        // The pattern without `]`, the bad date, the issue phrase without a code.
        assert_eq!(lines, [(true, 3), (true, 2), (true, 3)], "{:?}", d.errors);
        assert!(d.errors[1].to_string().contains("Test.actors.txt:2:"));
        assert_eq!(d.issues.len(), 1);
        let toks = ["THE", "DROUGHTS"];
        assert!(d.issue_index.longest_at(&toks, 1, false).is_none());
        assert!(d.issue_index.longest_at(&["DROUGHT"], 0, false).is_some());
    }

    #[test]
    fn issues_are_found_per_sentence() {
        let mut d = Dictionaries::default();
        d.read_issues(
            "i",
            "<ISSUE CATEGORY=\"WATER\">\nn:drought [DROUGHT]\n~drought resistant\n<ISSUE CATEGORY=\"SCHOOLS\">\npre+n:school [EARLY]\n",
        );
        d.finish();
        let c = Coder::new(&d, CoderOptions::default());
        let run = |text: &str| {
            let up: Vec<String> = text.split(' ').map(str::to_uppercase).collect();
            let words: Vec<&str> = up.iter().map(String::as_str).collect();
            let caps = vec![false; words.len()];
            c.code(&SentenceInput {
                words: &words,
                caps: &caps,
                upos: None,
                date: None,
                antecedent: None,
                ..Default::default()
            })
            .issues
        };
        assert_eq!(
            run("a long drought hit the north"),
            [("WATER".to_string(), "DROUGHT".to_string())]
        );
        assert!(run("new drought resistant crops").is_empty());
        assert_eq!(run("the pre - school opened")[0].1, "EARLY");
    }
}
