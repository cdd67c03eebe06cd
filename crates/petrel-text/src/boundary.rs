//! A learned sentence-boundary model on top of the rules.
//!
//! The rules in [`crate::sentences`] decide well on edited news but cannot know that, say, a
//! signature line or a time stamp ends a sentence in web text. This averaged perceptron sees
//! the rule's decision as one feature among the words, shapes and spacing around each gap
//! between tokens, and learns where the rules go wrong from UD treebanks
//! (`petrel train sentences`). Paragraph breaks always end a sentence and are not learned; a
//! middle initial between capitalised words ("Ellen D. Ryan") never does, whatever the word
//! features say.
//!
//! Model file: `PTSB` magic, format version (u32 LE), feature count (u32 LE), then
//! `(feature hash u64 LE, weight f32 LE)` pairs sorted by hash, then a FNV-1a checksum
//! (u64 LE) of everything before it.

use crate::lexicon::TextLexicon;
use crate::sentences::{
    continues_bracket, is_dateline_end, is_middle_initial, rule_boundaries, MAX_SENTENCE_TOKENS,
};
use crate::tokenize::RawToken;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};
use std::ops::Range;

const MAGIC: &[u8; 4] = b"PTSB";
const VERSION: u32 = 1;

/// Sentence-boundary weights, sorted by feature hash for binary search.
#[derive(Debug, Clone, Default)]
pub struct BoundaryModel {
    /// Feature hash → weight, for scoring (the sorted vectors below are the file order).
    index: FxHashMap<u64, f32>,
    keys: Vec<u64>,
    weights: Vec<f32>,
}

fn shape(tok: &str) -> &'static str {
    let mut chars = tok.chars();
    let Some(c) = chars.next() else { return "e" };
    if c.is_uppercase() {
        if tok.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()) && tok.len() > 1 {
            "XX"
        } else {
            "Xx"
        }
    } else if c.is_lowercase() {
        "x"
    } else if c.is_ascii_digit() {
        "d"
    } else if c.is_alphabetic() {
        "a"
    } else {
        "p"
    }
}

/// Per-token hashes computed once per document, so the features of each gap are a few
/// integer mixes instead of string work.
struct TokenInfo {
    /// Whether the token is a lower-case word.
    lower: Vec<bool>,
    word: Vec<u64>,
    shape: Vec<u64>,
    starter: Vec<bool>,
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Hash of the lower-cased token, or of its shape when it is long (URLs, numbers).
fn word_hash(tok: &str) -> u64 {
    if tok.len() > 14 {
        return hash_str(shape(tok)) ^ 0x5bd1_e995;
    }
    let mut h = FxHasher::default();
    for c in tok.chars().flat_map(char::to_lowercase) {
        h.write_u32(c as u32);
    }
    h.finish()
}

impl TokenInfo {
    fn new(text: &str, toks: &[RawToken], lex: &TextLexicon) -> Self {
        let form = |t: &RawToken| &text[t.start as usize..t.end as usize];
        TokenInfo {
            lower: toks
                .iter()
                .map(|t| form(t).chars().next().is_some_and(char::is_lowercase))
                .collect(),
            word: toks.iter().map(|t| word_hash(form(t))).collect(),
            shape: toks.iter().map(|t| hash_str(shape(form(t)))).collect(),
            starter: toks
                .iter()
                .map(|t| lex.is_sentence_starter(form(t)))
                .collect(),
        }
    }
}

/// One training text: tokens, gold boundaries, rule boundaries, token hashes.
type Prepared = (Vec<RawToken>, Vec<bool>, Vec<bool>, TokenInfo);

/// Whether the gap after token `i` is worth asking the model about: not between two
/// lower-case words where the rules see no boundary (most gaps), which the model never
/// splits in practice. Training and inference use the same filter.
fn is_candidate(info: &TokenInfo, toks: &[RawToken], i: usize, rules: &[bool]) -> bool {
    rules[i] || !(info.lower[i] && toks.get(i + 1).is_some() && info.lower[i + 1])
}

/// Mixes a feature template id with its values.
fn key(template: u64, parts: &[u64]) -> u64 {
    let mut h = FxHasher::default();
    h.write_u64(template);
    for p in parts {
        h.write_u64(*p);
    }
    h.finish()
}

const BOS: u64 = 1;
const EOS: u64 = 2;

/// The features of the gap after token `i`.
fn features(info: &TokenInfo, toks: &[RawToken], i: usize, rules: &[bool], out: &mut Vec<u64>) {
    out.clear();
    let r = rules[i] as u64;
    let (w0, s0) = (info.word[i], info.shape[i]);
    let (w1, s1, sp, nl, starter) = match toks.get(i + 1) {
        Some(t) => (
            info.word[i + 1],
            info.shape[i + 1],
            t.space_before as u64,
            (t.newlines_before > 0) as u64,
            info.starter[i + 1] as u64,
        ),
        None => (EOS, EOS, 1, 1, 0),
    };
    let wm1 = if i > 0 { info.word[i - 1] } else { BOS };
    let (w2, s2) = match toks.get(i + 2) {
        Some(_) => (info.word[i + 2], info.shape[i + 2]),
        None => (EOS, EOS),
    };
    // Distance back to the last rule boundary, bucketed.
    let mut back = 0;
    while back < 40 && i > back && !rules[i - back - 1] {
        back += 1;
    }
    let dist = match back {
        0..=2 => 0,
        3..=6 => 1,
        7..=15 => 2,
        16..=39 => 3,
        _ => 4,
    };
    out.extend_from_slice(&[
        key(0, &[]),
        key(1, &[r]),
        key(2, &[w0]),
        key(3, &[w1]),
        key(4, &[wm1]),
        key(5, &[s0, s1]),
        key(6, &[w0, s1]),
        key(7, &[s0, w1]),
        key(8, &[w0, w1]),
        key(9, &[r, s1]),
        key(10, &[r, w0]),
        key(11, &[r, w1]),
        key(12, &[r, sp, nl]),
        key(13, &[r, starter, s1]),
        key(14, &[wm1, w0]),
        key(15, &[w1, w2]),
        key(16, &[s1, s2]),
        key(17, &[r, dist, s1]),
        key(18, &[s0, s1, s2]),
    ]);
}

impl BoundaryModel {
    fn score(&self, feats: &[u64]) -> f32 {
        feats
            .iter()
            .map(|f| self.index.get(f).copied().unwrap_or(0.0))
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Sentences as token ranges: paragraph breaks, then the model over the rule decisions.
    pub fn split(&self, text: &str, toks: &[RawToken], lex: &TextLexicon) -> Vec<Range<usize>> {
        let rules = rule_boundaries(text, toks, lex);
        let info = TokenInfo::new(text, toks, lex);
        let mut out = Vec::new();
        let mut feats = Vec::with_capacity(24);
        let mut start = 0;
        for i in 0..toks.len() {
            let last = i + 1 == toks.len();
            let para = !last && toks[i + 1].newlines_before >= 2;
            // Datelines are cut by rule: the model has seen too few of them to learn it.
            let dateline = rules[i] && is_dateline_end(text, toks, start, i, lex);
            let form = |k: usize| &text[toks[k].start as usize..toks[k].end as usize];
            let boundary = last || para || dateline || i + 1 - start >= MAX_SENTENCE_TOKENS || {
                is_candidate(&info, toks, i, &rules)
                    && !continues_bracket(form(i), form(i + 1))
                    && !(i > 0 && is_middle_initial(form(i - 1), form(i), form(i + 1)))
                    && {
                        features(&info, toks, i, &rules, &mut feats);
                        self.score(&feats) > 0.0
                    }
            };
            if boundary {
                out.push(start..i + 1);
                start = i + 1;
            }
        }
        out
    }

    /// Trains on raw texts with gold sentence-end offsets. Deterministic: examples are
    /// visited in order.
    pub fn train(examples: &[(String, Vec<u32>)], lex: &TextLexicon, epochs: usize) -> Self {
        let mut w: FxHashMap<u64, (f32, f32, u32)> = FxHashMap::default(); // weight, total, last update
        let mut step: u32 = 0;
        let mut feats = Vec::new();
        let mut toks = Vec::new();
        let prepared: Vec<Prepared> = examples
            .iter()
            .map(|(text, ends)| {
                crate::tokenize::tokenize(text, lex, &mut toks);
                let ends: rustc_hash::FxHashSet<u32> = ends.iter().copied().collect();
                let gold: Vec<bool> = (0..toks.len())
                    .map(|i| {
                        ends.contains(&toks[i].end)
                            && toks
                                .get(i + 1)
                                .is_none_or(|n| n.start > toks[i].end || !ends.contains(&n.end))
                    })
                    .collect();
                let rules = rule_boundaries(text, &toks, lex);
                let info = TokenInfo::new(text, &toks, lex);
                (toks.clone(), gold, rules, info)
            })
            .collect();
        for _ in 0..epochs {
            for (toks, gold, rules, info) in &prepared {
                for i in 0..toks.len().saturating_sub(1) {
                    if toks[i + 1].newlines_before >= 2 || !is_candidate(info, toks, i, rules) {
                        continue;
                    }
                    step += 1;
                    features(info, toks, i, rules, &mut feats);
                    let s: f32 = feats.iter().map(|f| w.get(f).map_or(0.0, |x| x.0)).sum();
                    let pred = s > 0.0;
                    if pred != gold[i] {
                        let delta = if gold[i] { 1.0 } else { -1.0 };
                        for f in &feats {
                            let e = w.entry(*f).or_insert((0.0, 0.0, step));
                            e.1 += (step - e.2) as f32 * e.0;
                            e.2 = step;
                            e.0 += delta;
                        }
                    }
                }
            }
        }
        let mut pairs: Vec<(u64, f32)> = w
            .into_iter()
            .map(|(k, (wt, total, last))| {
                let total = total + (step - last) as f32 * wt;
                (k, total / step.max(1) as f32)
            })
            .filter(|(_, v)| v.abs() > 1e-6)
            .collect();
        pairs.sort_by_key(|p| p.0);
        BoundaryModel {
            index: pairs.iter().copied().collect(),
            keys: pairs.iter().map(|p| p.0).collect(),
            weights: pairs.iter().map(|p| p.1).collect(),
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut b = Vec::with_capacity(12 + self.keys.len() * 12 + 8);
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&VERSION.to_le_bytes());
        b.extend_from_slice(&(self.keys.len() as u32).to_le_bytes());
        for (k, w) in self.keys.iter().zip(&self.weights) {
            b.extend_from_slice(&k.to_le_bytes());
            b.extend_from_slice(&w.to_le_bytes());
        }
        let sum = fnv1a(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        b
    }

    /// Reads a model file; errors say what is wrong and where.
    pub fn from_bytes(b: &[u8]) -> Result<Self, String> {
        if b.len() < 20 || &b[..4] != MAGIC {
            return Err("not a petrel sentence-boundary model (bad magic at byte 0)".into());
        }
        let u32_at = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let version = u32_at(4);
        if version != VERSION {
            return Err(format!(
                "unsupported model version {version} at byte 4 (expected {VERSION})"
            ));
        }
        let n = u32_at(8) as usize;
        let need = 12 + n * 12 + 8;
        if b.len() != need {
            return Err(format!(
                "model is {} bytes, expected {need}: truncated or corrupt",
                b.len()
            ));
        }
        let stored = u64::from_le_bytes(b[need - 8..].try_into().map_err(|_| "short checksum")?);
        if fnv1a(&b[..need - 8]) != stored {
            return Err(format!(
                "checksum mismatch at byte {}: the model file is corrupt",
                need - 8
            ));
        }
        let mut keys = Vec::with_capacity(n);
        let mut weights = Vec::with_capacity(n);
        for k in 0..n {
            let o = 12 + k * 12;
            keys.push(u64::from_le_bytes(
                b[o..o + 8].try_into().map_err(|_| "short key")?,
            ));
            weights.push(f32::from_le_bytes(
                b[o + 8..o + 12].try_into().map_err(|_| "short weight")?,
            ));
        }
        if keys.windows(2).any(|w| w[0] >= w[1]) {
            return Err("feature keys are not sorted: the model file is corrupt".into());
        }
        Ok(BoundaryModel {
            index: keys.iter().copied().zip(weights.iter().copied()).collect(),
            keys,
            weights,
        })
    }
}

fn fnv1a(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &x in b {
        h ^= x as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn examples() -> Vec<(String, Vec<u32>)> {
        // A tiny made-up corpus where a time stamp line ends a sentence without punctuation.
        let mut ex = Vec::new();
        for (i, name) in ["Ana", "Bo", "Cy", "Di", "Ed", "Flo"].iter().enumerate() {
            let a = format!("{name} Lee 0{i}:15 PM");
            let b = "Please send the report.";
            let text = format!("{a} {b}");
            ex.push((text, vec![a.len() as u32, (a.len() + 1 + b.len()) as u32]));
        }
        ex
    }

    #[test]
    fn learns_a_boundary_the_rules_miss() {
        let lex = TextLexicon::embedded();
        let model = BoundaryModel::train(&examples(), &lex, 5);
        assert!(!model.is_empty());
        let text = "Gus Lee 07:15 PM Please call me.";
        let mut toks = Vec::new();
        crate::tokenize::tokenize(text, &lex, &mut toks);
        let sents = model.split(text, &toks, &lex);
        assert_eq!(sents.len(), 2, "{sents:?}");
        assert_eq!(sents[0], 0..4);
    }

    #[test]
    fn round_trips_and_rejects_corruption() {
        let lex = TextLexicon::embedded();
        let model = BoundaryModel::train(&examples(), &lex, 2);
        let bytes = model.to_bytes();
        let back = BoundaryModel::from_bytes(&bytes).unwrap();
        assert_eq!(back.keys, model.keys);
        let mut bad = bytes.clone();
        bad[14] ^= 0xFF;
        assert!(BoundaryModel::from_bytes(&bad)
            .unwrap_err()
            .contains("checksum"));
        assert!(BoundaryModel::from_bytes(b"junk")
            .unwrap_err()
            .contains("magic"));
        assert!(BoundaryModel::from_bytes(&bytes[..bytes.len() - 3])
            .unwrap_err()
            .contains("truncated"));
    }
}
