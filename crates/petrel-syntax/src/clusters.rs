//! Word clusters learned from unlabelled text, as extra features for the tagger and parser.
//!
//! [`train_clusters`] runs the predictive exchange algorithm (Uszkoreit & Brants 2008, after
//! Kneser & Ney 1993): each word moves to the class that most raises the likelihood of the
//! text under a class bigram model `P(w | v) = P(w | c(w)) P(c(w) | v)`. Words followed by the
//! same words end up together ("monday" with "tuesday", "said" with "added"), which the
//! treebanks' 400,000 words cannot teach for rare words. It runs at several granularities
//! (e.g. 64, 256 and 1024 classes); each is a separate feature.
//!
//! [`Clusters`] is the table as the models use it: lower-cased word hash → one class id per
//! granularity. Its file form is plain text (`petrel train clusters` writes it):
//!
//! ```text
//! # petrel clusters 64 256 1024
//! minister<TAB>12<TAB>40<TAB>913
//! ```

use crate::hash::{hash_str, Rng};
use crate::model::{ModelError, Reader, Writer};
use rustc_hash::FxHashMap;

/// The most granularities a table holds (each class id takes 16 bits of a `u64`).
pub const MAX_LEVELS: usize = 4;

const HEADER: &str = "# petrel clusters";

/// Lower-cased word hash → class ids, one per granularity, packed 16 bits each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Clusters {
    /// Number of classes at each granularity, coarsest first.
    pub sizes: Vec<u16>,
    map: FxHashMap<u64, u64>,
}

/// An error in a clusters file, with its line.
#[derive(Debug, thiserror::Error)]
#[error("{what}, line {line}: {message}")]
pub struct ClustersError {
    pub what: String,
    pub line: usize,
    pub message: String,
}

impl Clusters {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn levels(&self) -> usize {
        self.sizes.len()
    }

    /// The packed class ids of a lower-cased word's [`hash_str`], or 0 if it has none.
    #[inline]
    pub fn get(&self, lower_hash: u64) -> u64 {
        self.map.get(&lower_hash).copied().unwrap_or(0)
    }

    /// Feature values of a packed entry from [`Clusters::get`]: level `k`'s class id + 1
    /// (0 = unknown word), tagged with the level so values of different levels differ.
    #[inline]
    pub fn value(packed: u64, level: usize) -> u64 {
        let id = (packed >> (16 * level)) & 0xffff;
        id | ((level as u64 + 1) << 20)
    }

    /// Parses the text form; `what` names the file in errors.
    pub fn parse(what: &str, text: &str) -> Result<Self, ClustersError> {
        let err = |line: usize, message: String| ClustersError {
            what: what.into(),
            line,
            message,
        };
        let mut lines = text.lines().enumerate();
        let sizes: Vec<u16> = match lines.next() {
            Some((_, h)) if h.starts_with(HEADER) => h[HEADER.len()..]
                .split_whitespace()
                .map(|s| {
                    s.parse::<u16>()
                        .ok()
                        .filter(|n| (1..0xffff).contains(n))
                        .ok_or_else(|| err(1, format!("bad class count `{s}`")))
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(err(1, format!("expected a `{HEADER} N …` header"))),
        };
        if sizes.is_empty() || sizes.len() > MAX_LEVELS {
            return Err(err(1, format!("expected 1 to {MAX_LEVELS} class counts")));
        }
        let mut map = FxHashMap::default();
        for (i, line) in lines {
            if line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let word = parts.next().unwrap_or_default();
            if word.is_empty() {
                return Err(err(i + 1, "empty word".into()));
            }
            let mut packed = 0u64;
            let mut k = 0;
            for p in parts {
                let id: u16 = p
                    .trim()
                    .parse()
                    .map_err(|_| err(i + 1, format!("bad class id `{p}`")))?;
                if k >= sizes.len() || id >= sizes[k] {
                    return Err(err(i + 1, format!("class id `{p}` out of range")));
                }
                packed |= (id as u64 + 1) << (16 * k);
                k += 1;
            }
            if k != sizes.len() {
                return Err(err(
                    i + 1,
                    format!("expected {} class ids, found {k}", sizes.len()),
                ));
            }
            if map.insert(hash_str(word), packed).is_some() {
                return Err(err(i + 1, format!("word `{word}` listed twice")));
            }
        }
        Ok(Clusters { sizes, map })
    }

    /// Reads a clusters file.
    pub fn load(path: &std::path::Path) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        let what = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| format!("{what}: {e}"))?;
        Ok(Self::parse(&what, &text)?)
    }

    /// Appends the table to a model payload.
    pub fn write(&self, w: &mut Writer) {
        w.u8(self.sizes.len() as u8);
        for &s in &self.sizes {
            w.u16(s);
        }
        let mut v: Vec<(u64, u64)> = self.map.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        for (k, c) in v {
            w.u64(k);
            w.u64(c);
        }
    }

    /// Reads what [`Clusters::write`] wrote.
    pub fn read(r: &mut Reader) -> Result<Self, ModelError> {
        let levels = r.u8()? as usize;
        if levels == 0 || levels > MAX_LEVELS {
            return Err(r.err("bad number of cluster levels"));
        }
        let sizes = (0..levels)
            .map(|_| r.u16())
            .collect::<Result<Vec<_>, _>>()?;
        let n = r.len(1 << 24)?;
        let mut map = FxHashMap::default();
        map.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            map.insert(k, r.u64()?);
        }
        Ok(Clusters { sizes, map })
    }
}

/// Settings for [`train_clusters`].
#[derive(Debug, Clone)]
pub struct ClusterOptions {
    /// Class counts, one run of the exchange algorithm each.
    pub sizes: Vec<usize>,
    /// Words seen fewer times are not clustered (they share one context word).
    pub min_count: u32,
    pub iterations: usize,
    pub seed: u64,
    /// Also predict each word from the word after it (words then share contexts on both
    /// sides, which suits tagging), not only from the word before.
    pub two_sided: bool,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            sizes: vec![64, 256, 1024],
            min_count: 3,
            iterations: 12,
            seed: 1,
            two_sided: true,
        }
    }
}

/// The words clustered and their class ids per granularity (`ids[k][i]` for `words[i]`).
pub struct ClusterTable {
    pub sizes: Vec<usize>,
    pub words: Vec<String>,
    pub ids: Vec<Vec<u16>>,
}

impl ClusterTable {
    /// The text form [`Clusters::parse`] reads, words sorted.
    pub fn to_text(&self) -> String {
        let mut out = String::from(HEADER);
        for s in &self.sizes {
            out.push_str(&format!(" {s}"));
        }
        out.push('\n');
        let mut order: Vec<usize> = (0..self.words.len()).collect();
        order.sort_by(|&a, &b| self.words[a].cmp(&self.words[b]));
        for i in order {
            out.push_str(&self.words[i]);
            for ids in &self.ids {
                out.push_str(&format!("\t{}", ids[i]));
            }
            out.push('\n');
        }
        out
    }
}

#[inline]
fn xlogx(x: u64) -> f64 {
    if x == 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// Clusters the words of `sentences` (already lower-cased tokens). Deterministic for a seed;
/// `progress` receives (classes, iteration, words moved).
pub fn train_clusters(
    sentences: &[Vec<String>],
    opts: &ClusterOptions,
    mut progress: impl FnMut(usize, usize, usize),
) -> ClusterTable {
    // Vocabulary by frequency (ties by spelling, for determinism).
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, &n)| n >= opts.min_count)
        .map(|(&w, &n)| (w, n))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    // Ids: 0 = sentence start, 1 = rare word, then the vocabulary.
    let index: FxHashMap<&str, u32> = vocab
        .iter()
        .enumerate()
        .map(|(i, &(w, _))| (w, i as u32 + 2))
        .collect();
    let n_words = vocab.len() + 2;
    // Context counts (context, word): the word before (id; 0 at the sentence start) and,
    // two-sided, the word after (`n_words` + id; + 0 at the end).
    let mut bigrams: FxHashMap<(u32, u32), u32> = FxHashMap::default();
    let right = n_words as u32;
    for s in sentences {
        let mut prev = 0u32;
        for w in s {
            let id = index.get(w.as_str()).copied().unwrap_or(1);
            *bigrams.entry((prev, id)).or_default() += 1;
            if opts.two_sided && prev != 0 {
                *bigrams.entry((right + id, prev)).or_default() += 1;
            }
            prev = id;
        }
        if opts.two_sided && prev != 0 {
            *bigrams.entry((right, prev)).or_default() += 1;
        }
    }
    let mut pairs: Vec<((u32, u32), u32)> = bigrams.into_iter().collect();
    pairs.sort_unstable();
    // preds[w]: (context, count); succ_count[w]: times w occurs (as counted by its left
    // contexts).
    let mut preds: Vec<Vec<(u32, u32)>> = vec![Vec::new(); n_words];
    let mut succ_count = vec![0u64; n_words];
    for &((v, w), n) in &pairs {
        preds[w as usize].push((v, n));
        if v < right {
            succ_count[w as usize] += n as u64;
        }
    }
    let sides = 1 + opts.two_sided as u32;
    let mut ids = Vec::new();
    for &size in &opts.sizes {
        let class = exchange(
            &preds,
            &succ_count,
            sides,
            2 * n_words,
            size.max(2),
            opts.iterations,
            opts.seed,
            |it, moved| progress(size, it, moved),
        );
        ids.push(class[2..].iter().map(|&c| c as u16).collect());
    }
    ClusterTable {
        sizes: opts.sizes.clone(),
        words: vocab.iter().map(|&(w, _)| w.to_string()).collect(),
        ids,
    }
}

/// One run of the exchange algorithm over word ids `2..` (0 and 1 only predict), each word
/// predicted from `sides` contexts (ids below `n_contexts`). Returns the class of every id.
/// The objective is `sum N(ctx, c) log N(ctx, c) - sides * sum N(c) log N(c)`.
#[allow(clippy::too_many_arguments)]
fn exchange(
    preds: &[Vec<(u32, u32)>],
    succ_count: &[u64],
    sides: u32,
    n_contexts: usize,
    k: usize,
    iterations: usize,
    seed: u64,
    mut progress: impl FnMut(usize, usize),
) -> Vec<u32> {
    let n = preds.len();
    // Initial classes: by frequency rank, round robin (ids are in frequency order).
    let mut class: Vec<u32> = (0..n)
        .map(|w| if w < 2 { 0 } else { ((w - 2) % k) as u32 })
        .collect();
    // pc[v]: class → count of v followed by a word of that class; cc[c]: class totals.
    let mut pc: Vec<FxHashMap<u32, u64>> = vec![FxHashMap::default(); n_contexts];
    let mut cc = vec![0u64; k];
    for w in 2..n {
        let c = class[w];
        cc[c as usize] += succ_count[w];
        for &(v, m) in &preds[w] {
            *pc[v as usize].entry(c).or_default() += m as u64;
        }
    }
    let mut order: Vec<usize> = (2..n).collect();
    let mut rng = Rng::new(seed ^ k as u64);
    let mut gain = vec![0f64; k];
    for it in 0..iterations {
        rng.shuffle(&mut order);
        let mut moved = 0;
        for &w in &order {
            if preds[w].is_empty() {
                continue;
            }
            let old = class[w];
            // Take w out of its class.
            for &(v, m) in &preds[w] {
                let e = pc[v as usize].get_mut(&old).expect("counted");
                *e -= m as u64;
                if *e == 0 {
                    pc[v as usize].remove(&old);
                }
            }
            cc[old as usize] -= succ_count[w];
            // Gain of putting it in each class: sum over predecessors of
            // f(N(v,c) + m) - f(N(v,c)), minus f(N(c) + n_w) - f(N(c)).
            let base: f64 = preds[w].iter().map(|&(_, m)| xlogx(m as u64)).sum();
            for (c, g) in gain.iter_mut().enumerate() {
                let nc = cc[c];
                *g = base - sides as f64 * (xlogx(nc + succ_count[w]) - xlogx(nc));
            }
            for &(v, m) in &preds[w] {
                let m = m as u64;
                for (&c, &x) in &pc[v as usize] {
                    gain[c as usize] += xlogx(x + m) - xlogx(x) - xlogx(m);
                }
            }
            let mut best = old;
            for (c, &g) in gain.iter().enumerate() {
                if g > gain[best as usize] + 1e-9 {
                    best = c as u32;
                }
            }
            if best != old {
                moved += 1;
            }
            class[w] = best;
            for &(v, m) in &preds[w] {
                *pc[v as usize].entry(best).or_default() += m as u64;
            }
            cc[best as usize] += succ_count[w];
        }
        progress(it + 1, moved);
        if moved == 0 {
            break;
        }
    }
    class
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<Vec<String>> {
        text.lines()
            .map(|l| l.split_whitespace().map(String::from).collect())
            .collect()
    }

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        // Day names follow "on", ministers' verbs follow "minister".
        let mut text = String::new();
        for day in ["monday", "tuesday", "friday"] {
            for verb in ["said", "added", "warned"] {
                text.push_str(&format!("the minister {verb} on {day} .\n"));
                text.push_str(&format!(
                    "a spokesman {verb} that talks resume on {day} .\n"
                ));
            }
        }
        for two_sided in [false, true] {
            let opts = ClusterOptions {
                sizes: vec![4, 8],
                min_count: 2,
                iterations: 20,
                seed: 7,
                two_sided,
            };
            check_clusters(&text, &opts);
        }
    }

    fn check_clusters(text: &str, opts: &ClusterOptions) {
        let t = train_clusters(&sents(text), opts, |_, _, _| {});
        let id = |w: &str, k: usize| {
            let i = t.words.iter().position(|x| x == w).unwrap();
            t.ids[k][i]
        };
        for k in 0..2 {
            assert_eq!(id("monday", k), id("tuesday", k));
            assert_eq!(id("monday", k), id("friday", k));
            assert_eq!(id("said", k), id("warned", k));
            assert_eq!(id("said", k), id("added", k));
            assert_ne!(id("said", k), id("monday", k));
        }
        // Deterministic, and the text form reads back.
        let again = train_clusters(&sents(text), opts, |_, _, _| {});
        assert_eq!(t.ids, again.ids);
        let c = Clusters::parse("t", &t.to_text()).unwrap();
        assert_eq!(c.len(), t.words.len());
        let packed = c.get(hash_str("monday"));
        assert_eq!(
            Clusters::value(packed, 1),
            Clusters::value(c.get(hash_str("friday")), 1)
        );
        assert_eq!(Clusters::value(c.get(hash_str("zzz")), 0), 1 << 20);
    }

    #[test]
    fn corrupt_files_are_refused_with_the_line() {
        let e = Clusters::parse("c.tsv", "word\t1\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(e.to_string().contains("c.tsv"), "{e}");
        let e =
            Clusters::parse("c.tsv", "# petrel clusters 4 8\nrain\t1\t2\nsnow\t3\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.to_string().contains("expected 2 class ids"), "{e}");
        let e = Clusters::parse("c.tsv", "# petrel clusters 4\nrain\t9\n").unwrap_err();
        assert!(e.to_string().contains("out of range"), "{e}");
        let e = Clusters::parse("c.tsv", "# petrel clusters 4\nrain\tx\n").unwrap_err();
        assert!(e.to_string().contains("bad class id"), "{e}");
        let e = Clusters::parse("c.tsv", "# petrel clusters 4\nrain\t1\nrain\t2\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(Clusters::parse("c.tsv", "# petrel clusters\n").is_err());
    }

    #[test]
    fn tables_round_trip_through_model_payloads() {
        let c = Clusters::parse("t", "# petrel clusters 4 16\nrain\t1\t9\nsnow\t1\t3\n").unwrap();
        let mut w = Writer::default();
        c.write(&mut w);
        let mut r = Reader::new("t", &w.buf);
        assert_eq!(Clusters::read(&mut r).unwrap(), c);
        assert!(r.at_end());
        let mut r = Reader::new("t", &w.buf[..w.buf.len() - 3]);
        assert!(Clusters::read(&mut r).is_err());
    }
}
