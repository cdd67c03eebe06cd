//! Evaluation against PolNeAR (BRAT standoff: `text/NAME.txt`, `attributions/NAME_xxxx.ann`
//! with Source, Cue and Content spans in character offsets): exact and overlap F1 per span
//! type.

use anyhow::{Context, Result};
use petrel_doc::{Document, Span};
use std::path::Path;

/// Gold spans of one article (byte offsets).
#[derive(Debug, Default, Clone)]
pub struct GoldAttributions {
    pub source: Vec<Span>,
    pub cue: Vec<Span>,
    pub content: Vec<Span>,
    /// The attribution relations (`E` lines) over those spans.
    pub relations: Vec<GoldRelation>,
}

/// One attribution relation: its source (absent for `Attribution-no-source`), cue and
/// content spans.
#[derive(Debug, Default, Clone, Copy)]
pub struct GoldRelation {
    pub source: Option<Span>,
    pub cue: Option<Span>,
    pub content: Option<Span>,
}

/// One PolNeAR article.
pub struct GoldDoc {
    pub name: String,
    pub text: String,
    pub gold: GoldAttributions,
}

fn char_to_byte(text: &str, c: usize) -> Option<usize> {
    if c == text.chars().count() {
        return Some(text.len());
    }
    text.char_indices().nth(c).map(|(b, _)| b)
}

/// Reads a PolNeAR split directory (holding `text/` and `attributions/`). Where an article
/// has several annotation files, the first by name is used.
pub fn read_polnear(dir: &Path) -> Result<Vec<GoldDoc>> {
    let ann_dir = dir.join("attributions");
    let mut files: Vec<_> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("reading {}", ann_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    files.sort();
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let name = stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_string();
        if !seen.insert(name.clone()) {
            continue;
        }
        let tp = dir.join("text").join(format!("{name}.txt"));
        let text =
            std::fs::read_to_string(&tp).with_context(|| format!("reading {}", tp.display()))?;
        let ann =
            std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display()))?;
        let mut gold = GoldAttributions::default();
        let mut by_id: std::collections::HashMap<&str, Span> = Default::default();
        let mut events: Vec<&str> = Vec::new();
        for (ln, line) in ann.lines().enumerate() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 2 && cols[0].starts_with('E') {
                events.push(cols[1]);
            }
            if cols.len() < 2 || !cols[0].starts_with('T') {
                continue;
            }
            let mut it = cols[1].split([' ', ';']);
            let kind = it.next().unwrap_or_default();
            let nums: Vec<usize> = it.filter_map(|x| x.parse().ok()).collect();
            if nums.len() < 2 {
                anyhow::bail!("{}:{}: span without offsets", f.display(), ln + 1);
            }
            let (s, e) = (
                *nums.iter().min().unwrap_or(&0),
                *nums.iter().max().unwrap_or(&0),
            );
            let (Some(bs), Some(be)) = (char_to_byte(&text, s), char_to_byte(&text, e)) else {
                anyhow::bail!(
                    "{}:{}: offsets {s}..{e} outside the text",
                    f.display(),
                    ln + 1
                );
            };
            let span = Span::new(bs as u32, be as u32);
            by_id.insert(cols[0], span);
            match kind {
                "Source" => gold.source.push(span),
                "Cue" => gold.cue.push(span),
                "Content" => gold.content.push(span),
                _ => {}
            }
        }
        // `Attribution:T4 Content:T3 Cue:T2 Source:T1`
        for e in events {
            let mut r = GoldRelation::default();
            for arg in e.split(' ') {
                let Some((role, id)) = arg.split_once(':') else {
                    continue;
                };
                let span = by_id.get(id).copied();
                match role {
                    "Source" => r.source = span,
                    "Cue" => r.cue = span,
                    "Content" => r.content = span,
                    _ => {}
                }
            }
            gold.relations.push(r);
        }
        out.push(GoldDoc { name, text, gold });
    }
    Ok(out)
}

/// Counts for one span type.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpanCounts {
    pub gold: usize,
    pub pred: usize,
    pub exact: usize,
    /// Predictions overlapping some gold span / gold spans overlapped by some prediction.
    pub pred_overlap: usize,
    pub gold_overlap: usize,
}

/// Characters that do not count at the edges of a span.
fn is_edge(c: char) -> bool {
    c.is_whitespace() || ",;:.!?\"'\u{201c}\u{201d}\u{2018}\u{2019}\u{2014}\u{2013}-".contains(c)
}

/// `s` without leading and trailing white space and punctuation. Both gold and predicted
/// spans are compared this way: PolNeAR is not consistent about punctuation at span edges
/// ("Pat Doe, an aide," with its comma next to "Pat Doe, an aide" without; content with and
/// without its closing period or quote mark), and such a difference is not an error in the
/// span. A span of punctuation only is kept as it is.
pub fn trim_span(text: &str, s: Span) -> Span {
    let Some(t) = text.get(s.start as usize..s.end as usize) else {
        return s;
    };
    let inner = t.trim_matches(is_edge);
    if inner.is_empty() {
        let lead = t.len() - t.trim_start().len();
        let trail = t.len() - t.trim_end().len();
        return Span::new(s.start + lead as u32, (s.end - trail as u32).max(s.start));
    }
    let lead = t.len() - t.trim_start_matches(is_edge).len();
    Span::new(s.start + lead as u32, s.start + (lead + inner.len()) as u32)
}

impl SpanCounts {
    pub fn add(&mut self, text: &str, gold: &[Span], pred: &[Span]) {
        let mut gold: Vec<Span> = gold.iter().map(|&s| trim_span(text, s)).collect();
        gold.sort();
        gold.dedup();
        let mut pred: Vec<Span> = pred.iter().map(|&s| trim_span(text, s)).collect();
        pred.sort();
        pred.dedup();
        self.gold += gold.len();
        self.pred += pred.len();
        self.exact += pred.iter().filter(|p| gold.contains(p)).count();
        self.pred_overlap += pred
            .iter()
            .filter(|p| gold.iter().any(|g| g.overlaps(**p)))
            .count();
        self.gold_overlap += gold
            .iter()
            .filter(|g| pred.iter().any(|p| p.overlaps(**g)))
            .count();
    }
    fn f1(p: f64, r: f64) -> f64 {
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Exact precision, recall, F1 (percent).
    pub fn exact_prf(&self) -> (f64, f64, f64) {
        let p = 100.0 * self.exact as f64 / self.pred.max(1) as f64;
        let r = 100.0 * self.exact as f64 / self.gold.max(1) as f64;
        (p, r, Self::f1(p, r))
    }
    /// Overlap precision, recall, F1 (percent).
    pub fn overlap_prf(&self) -> (f64, f64, f64) {
        let p = 100.0 * self.pred_overlap as f64 / self.pred.max(1) as f64;
        let r = 100.0 * self.gold_overlap as f64 / self.gold.max(1) as f64;
        (p, r, Self::f1(p, r))
    }
}

/// Source, cue and content counts over a corpus.
#[derive(Debug, Default, Clone, Copy)]
pub struct QuoteScore {
    pub docs: usize,
    pub source: SpanCounts,
    pub cue: SpanCounts,
    pub content: SpanCounts,
}

impl QuoteScore {
    /// Adds one annotated document.
    pub fn add(&mut self, doc: &Document, gold: &GoldAttributions) {
        self.docs += 1;
        let mut src: Vec<Span> = doc.quotes.iter().filter_map(|q| q.speaker_span).collect();
        src.sort();
        src.dedup();
        let mut cue: Vec<Span> = doc.quotes.iter().filter_map(|q| q.cue_span).collect();
        cue.sort();
        cue.dedup();
        let con: Vec<Span> = doc.quotes.iter().map(|q| q.content_span).collect();
        let mut gs = gold.source.clone();
        gs.sort();
        gs.dedup();
        let mut gc = gold.cue.clone();
        gc.sort();
        gc.dedup();
        self.source.add(&doc.text, &gs, &src);
        self.cue.add(&doc.text, &gc, &cue);
        self.content.add(&doc.text, &gold.content, &con);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_are_compared_without_edge_punctuation() {
        let text = "Pat Doe, an aide, said: \u{201c}We won.\u{201d}";
        let mut c = SpanCounts::default();
        // Gold "Pat Doe, an aide," against predicted "Pat Doe, an aide".
        c.add(text, &[Span::new(0, 17)], &[Span::new(0, 16)]);
        assert_eq!(c.exact, 1);
        // Gold content with its quote marks and period against the bare words.
        let open = text.find('\u{201c}').unwrap() as u32;
        let close = (text.len()) as u32;
        let mut c = SpanCounts::default();
        c.add(
            text,
            &[Span::new(open, close)],
            &[Span::new(open + 3, open + 10)],
        );
        assert_eq!(c.exact, 1);
        // A different span still differs.
        let mut c = SpanCounts::default();
        c.add(text, &[Span::new(0, 7)], &[Span::new(0, 16)]);
        assert_eq!((c.exact, c.pred_overlap), (0, 1));
    }
}
