//! CoNLL-U reading and writing (UD v2). Only syntactic words are parsed into [`Word`]s;
//! multiword-token ranges are kept for re-writing and raw-text alignment, empty nodes are skipped.

use std::fmt::Write as _;
use std::path::Path;

/// One syntactic word of a CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 1-based head index, 0 for the root.
    pub head: u32,
    pub deprel: String,
    pub misc: String,
}

/// A CoNLL-U sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// Comment lines without the leading `# `.
    pub comments: Vec<String>,
    pub words: Vec<Word>,
    /// Multiword tokens: (first word index, last word index, both 0-based inclusive, surface form).
    pub mwts: Vec<(usize, usize, String)>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }
    /// The sentence text from `# text`, or rebuilt from forms and `SpaceAfter=No`.
    pub fn text(&self) -> String {
        if let Some(t) = self.comment("text") {
            return t.to_string();
        }
        let mut s = String::new();
        for w in &self.words {
            s.push_str(&w.form);
            if !w.misc.split('|').any(|m| m == "SpaceAfter=No") {
                s.push(' ');
            }
        }
        s.trim_end().to_string()
    }
}

/// A CoNLL-U syntax error with its position.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct ConlluError {
    pub source_name: String,
    pub line: usize,
    pub message: String,
}

/// Parses CoNLL-U text. `source_name` names the input in errors.
pub fn parse(source_name: &str, text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let err = |line: usize, message: String| ConlluError {
        source_name: source_name.to_string(),
        line,
        message,
    };
    for (ln, line) in text.lines().enumerate() {
        let ln = ln + 1;
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                check_heads(&cur).map_err(|m| err(ln, m))?;
                out.push(std::mem::take(&mut cur));
            } else {
                cur = Sentence::default();
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                ln,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let a: usize = a
                .parse()
                .map_err(|_| err(ln, format!("bad token id `{id}`")))?;
            let b: usize = b
                .parse()
                .map_err(|_| err(ln, format!("bad token id `{id}`")))?;
            if a == 0 || b < a {
                return Err(err(ln, format!("bad token range `{id}`")));
            }
            cur.mwts.push((a - 1, b - 1, cols[1].to_string()));
            continue;
        }
        let n: usize = id
            .parse()
            .map_err(|_| err(ln, format!("bad word id `{id}`")))?;
        if n != cur.words.len() + 1 {
            return Err(err(
                ln,
                format!(
                    "word id {n} out of sequence (expected {})",
                    cur.words.len() + 1
                ),
            ));
        }
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6]
                .parse()
                .map_err(|_| err(ln, format!("bad head `{}`", cols[6])))?
        };
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        check_heads(&cur).map_err(|m| err(text.lines().count(), m))?;
        out.push(cur);
    }
    Ok(out)
}

fn check_heads(s: &Sentence) -> Result<(), String> {
    let n = s.words.len() as u32;
    for (i, w) in s.words.iter().enumerate() {
        if w.head > n {
            return Err(format!(
                "word {} has head {} beyond the sentence",
                i + 1,
                w.head
            ));
        }
    }
    Ok(())
}

/// Reads a CoNLL-U file.
pub fn read_file(path: &Path) -> Result<Vec<Sentence>, Box<dyn std::error::Error + Send + Sync>> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(parse(&path.display().to_string(), &text)?)
}

/// Reads a CoNLL-U file, or every `*.conllu` file of a directory (sorted by name). If the
/// directory has a `splits.md` (as GUM does), only the documents listed under `## {split}` are
/// read. `filter` keeps only files whose name contains it (e.g. `_news_`).
pub fn read_path(
    path: &Path,
    split: &str,
    filter: Option<&str>,
) -> Result<Vec<Sentence>, Box<dyn std::error::Error + Send + Sync>> {
    if !path.is_dir() {
        return read_file(path);
    }
    let listed: Option<Vec<String>> =
        std::fs::read_to_string(path.join("splits.md"))
            .ok()
            .map(|md| {
                let mut on = false;
                let mut names = Vec::new();
                for line in md.lines() {
                    if let Some(h) = line.strip_prefix("## ") {
                        on = h.trim() == split;
                    } else if on {
                        if let Some(n) = line.trim().strip_prefix("* ") {
                            names.push(n.trim().to_string());
                        }
                    }
                }
                names
            });
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(path)
        .map_err(|e| format!("{}: {e}", path.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .filter(|p| {
            let stem = p.file_stem().unwrap_or_default().to_string_lossy();
            listed.as_ref().is_none_or(|l| l.iter().any(|n| *n == stem))
                && filter.is_none_or(|f| stem.contains(f))
        })
        .collect();
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no CoNLL-U files for split `{split}`", path.display()).into());
    }
    let mut out = Vec::new();
    for f in files {
        out.extend(read_file(&f)?);
    }
    Ok(out)
}

/// Writes sentences as CoNLL-U.
pub fn write(sents: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sents {
        write_sentence(&mut s, sent);
    }
    s
}

/// Appends one sentence (comments, words, blank line).
pub fn write_sentence(out: &mut String, sent: &Sentence) {
    for c in &sent.comments {
        let _ = writeln!(out, "# {c}");
    }
    for (i, w) in sent.words.iter().enumerate() {
        if let Some((a, b, f)) = sent.mwts.iter().find(|m| m.0 == i) {
            let _ = writeln!(out, "{}-{}\t{f}\t_\t_\t_\t_\t_\t_\t_\t_", a + 1, b + 1);
        }
        let dash = |s: &str| {
            if s.is_empty() {
                "_".to_string()
            } else {
                s.to_string()
            }
        };
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            w.form,
            dash(&w.lemma),
            dash(&w.upos),
            dash(&w.xpos),
            dash(&w.feats),
            w.head,
            dash(&w.deprel),
            dash(&w.misc)
        );
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Rebels seized the town.\n\
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_\n\
2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_\n\
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse("sample", SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words[1].lemma, "seize");
        assert_eq!(s[0].words[3].head, 2);
        assert_eq!(s[0].text(), "Rebels seized the town.");
        let again = parse("again", &write(&s)).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn bad_line_names_the_line() {
        let bad = "1\tRebels\trebel\tNOUN\n";
        let e = parse("in.conllu", bad).unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().starts_with("in.conllu:1:"), "{e}");
        let out_of_order = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
        assert_eq!(parse("x", out_of_order).unwrap_err().line, 2);
    }
}
