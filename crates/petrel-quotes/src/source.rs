//! The learned parts of the quotes component, two averaged perceptrons over hashed
//! features in one model file (`data/quotes.bin`):
//!
//! - the **cue scorer** decides which verbs, copular adjectives and nouns the parse stage
//!   reads as cues ("praised", "calls for", "was adamant that"), from the word, its
//!   relation, its dependents (a clausal complement, a "that", an object) and its subject;
//!   it considers every verb and adjective with a copula (the structural features carry it
//!   to verbs never seen as cues in training) and the nouns of the derived table
//!   (`data/cues-derived.tsv`, every form seen as a cue in PolNeAR train), whose own
//!   thresholds still add the table's frequent cues;
//! - the **source picker** re-picks the speaker of every attribution with a cue: it ranks the
//!   noun phrases of the cue's sentence (parse subtrees in a few cuts: whole, without
//!   trailing adverbs, up to the first comma, up to the head, without a leading adjunct
//!   ("Even so, most voters"); and the rules' own speaker) against "no source". The rules
//!   draw sources in ways annotators do not (a relative "who" is the source, not its
//!   antecedent; a participle's source is the noun it modifies; a passive cue has none).
//!   Its features are the dependency path from the cue to the phrase's head, the cue word,
//!   the head's words, lemma, tag and mention kind, the cut's edges, whether the rules
//!   chose it, and which rule found the attribution.
//!
//! Both are trained on PolNeAR train by `petrel train quotes --polnear DIR -o
//! crates/petrel-quotes/data/quotes.bin` (deterministic for a seed). Model file: `PTQS`
//! magic, format version (u32 LE), feature count (u32 LE), `(feature hash u32 LE, weight f32
//! LE)` pairs sorted by hash, then an FNV-1a checksum (u64 LE) of everything before it. An
//! empty file means "no model": the derived table and the rules' speakers are used.

use crate::{children, deprel, trim_trail, upos, Found};
use petrel_doc::{Document, MentionKind, NO_HEAD};
use rustc_hash::FxHashMap;

const MAGIC: &[u8; 4] = b"PTQS";
const VERSION: u32 = 1;

/// Source-picking weights (feature hash → weight).
#[derive(Debug, Clone, Default)]
pub struct SourceModel {
    /// Folded feature hash ([`fold`]) → weight.
    weights: FxHashMap<u32, f32>,
}

/// A feature hash in the model's 32 bits.
fn fold(k: u64) -> u32 {
    (k ^ (k >> 32)) as u32
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Hash of a word in lower case.
fn word(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b.to_ascii_lowercase());
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Mixes two hashes (order matters).
fn mix(a: u64, b: u64) -> u64 {
    let mut x = a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 29;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^ (x >> 32)
}

/// A feature from a template id and values.
fn key(t: u64, parts: &[u64]) -> u64 {
    parts
        .iter()
        .fold(t.wrapping_mul(0x2545_f491_4f6c_dd1d), |h, &p| mix(h, p))
}

impl SourceModel {
    /// Reads a model file; `name` names it in errors. An empty file is no model.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Option<Self>, String> {
        if bytes.is_empty() {
            return Ok(None);
        }
        let bad = |what: &str| format!("{name}: not a petrel quotes model ({what})");
        if bytes.len() < 20 || &bytes[..4] != MAGIC {
            return Err(bad("bad magic"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let sum = u64::from_le_bytes(sum.try_into().map_err(|_| bad("short"))?);
        if fnv(body) != sum {
            return Err(bad("checksum mismatch: the file is corrupt"));
        }
        let u32_at =
            |o: usize| u32::from_le_bytes([body[o], body[o + 1], body[o + 2], body[o + 3]]);
        let version = u32_at(4);
        if version != VERSION {
            return Err(bad(&format!(
                "format version {version}, expected {VERSION}"
            )));
        }
        let n = u32_at(8) as usize;
        if body.len() != 12 + n * 8 {
            return Err(bad(&format!(
                "{} bytes of weights for {n} features",
                body.len() - 12
            )));
        }
        let mut weights = FxHashMap::default();
        weights.reserve(n);
        for i in 0..n {
            let o = 12 + i * 8;
            let w = f32::from_le_bytes([body[o + 4], body[o + 5], body[o + 6], body[o + 7]]);
            if !w.is_finite() {
                return Err(bad(&format!("weight {i} is not a number")));
            }
            weights.insert(u32_at(o), w);
        }
        Ok(Some(SourceModel { weights }))
    }

    /// The model file (see the module docs).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut pairs: Vec<(u32, f32)> = self.weights.iter().map(|(&k, &w)| (k, w)).collect();
        pairs.sort_by_key(|p| p.0);
        let mut out = Vec::with_capacity(20 + pairs.len() * 8);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        for (k, w) in pairs {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        let sum = fnv(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Number of features with a weight.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no weights.
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// Whether the model holds cue weights (else the derived table decides cues).
    pub(crate) fn scores_cues(&self) -> bool {
        self.weights.contains_key(&fold(CUE_MARK))
    }

    /// Whether the cue scorer takes a token with these features as a cue.
    pub(crate) fn is_cue(&self, feats: &[u64]) -> bool {
        self.score(feats) > 0.0
    }

    /// This model with the weights of `other` added (a source picker and a cue scorer
    /// share one file; their features never collide by construction of the templates).
    pub fn merge(mut self, other: SourceModel) -> Self {
        for (k, w) in other.weights {
            *self.weights.entry(k).or_insert(0.0) += w;
        }
        self
    }

    /// This model with every weight multiplied by `f` (to average models trained with
    /// several seeds: scale each by 1/n and [`merge`](Self::merge) them).
    pub fn scaled(mut self, f: f32) -> Self {
        for w in self.weights.values_mut() {
            *w *= f;
        }
        self
    }

    fn score(&self, feats: &[u64]) -> f32 {
        feats
            .iter()
            .map(|&k| self.weights.get(&fold(k)).copied().unwrap_or(0.0))
            .sum()
    }

    /// Index of the best candidate (the first on ties); `heads` is scratch space.
    fn best(&self, cands: &Candidates, heads: &mut Vec<f32>) -> usize {
        heads.clear();
        let mut a = 0;
        for &b in &cands.head_ends {
            heads.push(self.score(&cands.head_feats[a..b]));
            a = b;
        }
        let mut best = (0, f32::NEG_INFINITY);
        let mut a = 0;
        for i in 0..cands.len() {
            let b = cands.ends[i];
            let g = cands.group[i];
            let s = self.score(&cands.feats[a..b]) + if g == NO_GROUP { 0.0 } else { heads[g] };
            a = b;
            if s > best.1 {
                best = (i, s);
            }
        }
        best.0
    }

    /// Re-picks the speaker of every attribution with a cue.
    pub(crate) fn apply<'a>(
        &self,
        doc: &'a Document,
        ctx: &std::cell::OnceCell<DocContext<'a>>,
        in_quote: &[bool],
        found: &mut [Found],
    ) {
        let mut cands = Candidates::default();
        let mut heads = Vec::new();
        for f in found.iter_mut() {
            let Some((c, _)) = f.cue else { continue };
            if !picks(doc, c) {
                continue;
            }
            // A participle set off after its clause ("…, demanding that …") speaks for the
            // clause's subject, which the rules found: the picker neither drops it nor
            // trades it for the clause's object ("imposed sanctions on X, accusing them";
            // on 5 folds of PolNeAR train the same score either way).
            let participle = doc.strings.resolve(doc.tokens.xpos[c]) == "VBG"
                && deprel(doc, c) == "advcl"
                && c > 0
                && doc.form(c - 1) == ",";
            if participle && f.speaker.is_some_and(|sp| sp.1 <= c) {
                continue;
            }
            let ctx = ctx.get_or_init(|| DocContext::new(doc));
            candidates(ctx, in_quote, f, &mut cands);
            let i = self.best(&cands, &mut heads);
            f.speaker = cands.spans[i];
        }
    }
}

/// Per-document facts the features read, computed once per document.
pub(crate) struct DocContext<'a> {
    doc: &'a Document,
    /// Mention kind (1 + `MentionKind` index, 0 for none) of the mention a token is in.
    mention: Vec<u8>,
    /// Hashes of each token's lower-cased form, UPOS and relation.
    word: Vec<u64>,
    pos: Vec<u64>,
    rel: Vec<u64>,
    /// Each token's subtree (as [`subtree`] gives it).
    span: Vec<(usize, usize)>,
    /// Per sentence: whether it has a straight quotation mark (forms fold curly ones).
    quoted: Vec<bool>,
}

impl<'a> DocContext<'a> {
    pub(crate) fn new(doc: &'a Document) -> Self {
        let n = doc.tokens.len();
        let mut mention = vec![0u8; n];
        for m in &doc.mentions {
            let k = match m.kind {
                MentionKind::Person => 1,
                MentionKind::Organisation => 2,
                MentionKind::Country => 3,
                MentionKind::Place => 4,
                MentionKind::Role => 5,
                MentionKind::Pronoun => 6,
                MentionKind::Other => 7,
            };
            for t in m.tokens.0..m.tokens.1 {
                if let Some(x) = mention.get_mut(t as usize) {
                    if *x == 0 {
                        *x = k;
                    }
                }
            }
        }
        let mut span: Vec<(usize, usize)> = (0..n).map(|t| (t, t + 1)).collect();
        for sent in &doc.sentences {
            let r = sent.token_range();
            for t in r.clone() {
                let mut h = t;
                for _ in 0..64 {
                    let next = doc.tokens.head[h];
                    if next == NO_HEAD || !r.contains(&(next as usize)) {
                        break;
                    }
                    h = next as usize;
                    let sp = &mut span[h];
                    sp.0 = sp.0.min(t);
                    sp.1 = sp.1.max(t + 1);
                }
            }
        }
        for sp in &mut span {
            let (mut lo, mut hi) = *sp;
            while hi > lo + 1
                && matches!(doc.form(hi - 1), "," | "-" | "--" | "." | "!" | "?" | ";")
            {
                hi -= 1;
            }
            while lo + 1 < hi && matches!(doc.form(lo), "," | "-" | "--" | ";" | ":") {
                lo += 1;
            }
            *sp = (lo, hi);
        }
        DocContext {
            doc,
            mention,
            word: (0..n).map(|t| word(doc.form(t))).collect(),
            pos: (0..n).map(|t| fnv(upos(doc, t).as_bytes())).collect(),
            rel: (0..n).map(|t| fnv(deprel(doc, t).as_bytes())).collect(),
            span,
            quoted: doc
                .sentences
                .iter()
                .map(|s| s.token_range().any(|t| doc.form(t) == "\""))
                .collect(),
        }
    }

    /// Ancestors of `t` (itself first), at most `MAX_PATH + 1` of them.
    fn ancestors(&self, t: usize) -> ([usize; MAX_PATH + 1], usize) {
        let mut out = [0; MAX_PATH + 1];
        out[0] = t;
        let mut n = 1;
        let mut h = t;
        while n <= MAX_PATH {
            let x = self.doc.tokens.head[h];
            if x == NO_HEAD {
                break;
            }
            h = x as usize;
            out[n] = h;
            n += 1;
        }
        (out, n)
    }
}

/// Relations that never head a source phrase.
fn skip_rel(rel: &str) -> bool {
    matches!(
        rel,
        "compound"
            | "flat"
            | "det"
            | "amod"
            | "nummod"
            | "case"
            | "punct"
            | "cc"
            | "mark"
            | "aux"
            | "aux:pass"
            | "cop"
            | "advmod"
            | "fixed"
            | "goeswith"
            | "compound:prt"
            | "det:predet"
            | "discourse"
            | "reparandum"
    )
}

/// Up to this many steps from the cue to the lowest common ancestor and down to a candidate.
const MAX_PATH: usize = 4;
/// Candidates are at most this many tokens from the cue.
const WINDOW: usize = 40;

fn bucket(n: usize) -> u64 {
    match n {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=8 => 5,
        9..=14 => 6,
        _ => 7,
    }
}

/// Variants of a candidate span.
const V_FULL: u64 = 1;
const V_TRIM: u64 = 2;
const V_COMMA: u64 = 3;
const V_HEADCUT: u64 = 5;
const V_RULE: u64 = 6;
const V_LEFT: u64 = 7;
const V_RCOMMA: u64 = 8;

/// Candidates of one attribution: spans (`None` first) and their features, flat. Features
/// of a candidate's head (shared by the cuts of one phrase) are kept once per head.
#[derive(Default)]
pub(crate) struct Candidates {
    pub(crate) spans: Vec<Option<(usize, usize)>>,
    feats: Vec<u64>,
    /// End of each candidate's own features in `feats`.
    ends: Vec<usize>,
    /// Each candidate's head group (`NO_GROUP` for "no source").
    group: Vec<usize>,
    head_feats: Vec<u64>,
    head_ends: Vec<usize>,
}

const NO_GROUP: usize = usize::MAX;

impl Candidates {
    /// A candidate's own features and those of its head.
    fn feats(&self, i: usize) -> (&[u64], &[u64]) {
        let a = if i == 0 { 0 } else { self.ends[i - 1] };
        let own = &self.feats[a..self.ends[i]];
        let g = self.group[i];
        if g == NO_GROUP {
            return (own, &[]);
        }
        let b = if g == 0 { 0 } else { self.head_ends[g - 1] };
        (own, &self.head_feats[b..self.head_ends[g]])
    }
    fn len(&self) -> usize {
        self.spans.len()
    }
    fn clear(&mut self) {
        self.spans.clear();
        self.feats.clear();
        self.ends.clear();
        self.group.clear();
        self.head_feats.clear();
        self.head_ends.clear();
    }
}

/// The cue-side values every candidate's features combine with.
struct Cue {
    c: usize,
    w: u64,
    pos: u64,
    rel: u64,
    kind: u64,
    /// Word class in the clusters (+ 1; 0 without clusters).
    cl: u64,
    anc: ([usize; MAX_PATH + 1], usize),
    /// The subject the cue shares when it has none ([`controller`]), and the relations
    /// climbed to reach its verb.
    ctl: Option<(usize, u64)>,
}

/// For a cue verb without a subject of its own, the subject of the verb it continues
/// ("laid off staff and began talking about", "is trying to show", "…, warning that") with
/// the chain of relations climbed: annotators name that subject as the source, and the
/// parse path alone does not tell the picker so.
fn controller(ctx: &DocContext, c: usize) -> Option<(usize, u64)> {
    let doc = ctx.doc;
    let mut v = c;
    let mut chain = 0x0063_746c;
    for _ in 0..4 {
        if let Some(s) = children(doc, v).find(|&t| deprel(doc, t).starts_with("nsubj")) {
            return (v != c).then_some((s, chain));
        }
        if !matches!(deprel(doc, v), "advcl" | "conj" | "xcomp") {
            return None;
        }
        chain = mix(chain, ctx.rel[v]);
        let h = doc.tokens.head[v];
        if h == NO_HEAD {
            return None;
        }
        v = h as usize;
    }
    None
}

/// Token `t`'s word class from the tagger's clusters, + 1 (0 when the tagger had none).
fn class_of(doc: &Document, t: usize) -> u64 {
    doc.tokens.cluster.get(t).map_or(0, |&x| x as u64 + 1)
}

/// Fills `out` with the speaker candidates of `f` and their features.
pub(crate) fn candidates(ctx: &DocContext, in_quote: &[bool], f: &Found, out: &mut Candidates) {
    let doc = ctx.doc;
    out.clear();
    let Some((c, ce)) = f.cue else { return };
    let sent = doc.sentences[doc.sentence_of(c)].token_range();
    let cue = Cue {
        c,
        w: ctx.word[c],
        pos: ctx.pos[c],
        rel: ctx.rel[c],
        kind: fnv(f.kind.as_bytes()),
        cl: class_of(doc, c),
        anc: ctx.ancestors(c),
        ctl: controller(ctx, c),
    };
    let cue_last = ctx.word[ce - 1];
    // A direct quote interrupted by its attribution (`"A," X said. "B."`) keeps one content
    // span over both parts; the words between the marks stay candidates.
    let direct = f.kind == "direct";
    let clear = |k: usize| {
        (k >= f.content.1 || k < f.content.0 || direct && !in_quote[k]) && (k >= ce || k < c)
    };
    let mut has_subj = false;
    let mut has_pass = false;
    for t in children(doc, c) {
        match deprel(doc, t) {
            "nsubj" => has_subj = true,
            "nsubj:pass" => has_pass = true,
            _ => {}
        }
    }
    let rule = f.speaker;

    // "No source".
    out.spans.push(None);
    let r = rule.is_some() as u64;
    out.feats.extend_from_slice(&[
        key(1, &[]),
        key(2, &[cue.w]),
        key(3, &[cue.rel]),
        key(4, &[cue.kind, r]),
        key(5, &[cue.pos, has_subj as u64, has_pass as u64]),
        key(6, &[cue.w, has_subj as u64]),
        key(7, &[cue.rel, has_subj as u64, r]),
        key(8, &[cue_last, cue.pos]),
        key(9, &[u64::from(f.origin)]),
        key(30, &[u64::from(f.origin), has_subj as u64, r]),
        key(43, &[cue.cl, has_subj as u64]),
    ]);
    out.ends.push(out.feats.len());
    out.group.push(NO_GROUP);

    // A new head group: its features once.
    let group = |h: usize, out: &mut Candidates| -> usize {
        head_features(ctx, in_quote[h], h, &cue, &mut out.head_feats);
        out.head_ends.push(out.head_feats.len());
        out.head_ends.len() - 1
    };
    let push = |sp: (usize, usize), h: usize, g: usize, variant: u64, out: &mut Candidates| {
        let sp = if variant == V_RULE { sp } else { glue(doc, sp) };
        if sp.0 >= sp.1 || out.spans.contains(&Some(sp)) {
            return;
        }
        if variant != V_RULE && !(sp.0..sp.1).all(clear) {
            return;
        }
        // A phrase opening with a preposition is a setting ("on three banks"), not who
        // speaks: 0.3 % of PolNeAR's sources start so. Its cut without it stays.
        if variant != V_RULE && upos(doc, sp.0) == "ADP" {
            return;
        }
        out.spans.push(Some(sp));
        out.group.push(g);
        variant_features(ctx, sp, h, variant, &cue, &mut out.feats);
        if rule == Some(sp) {
            out.feats
                .extend_from_slice(&[key(40, &[]), key(41, &[cue.kind]), key(42, &[cue.rel])]);
        }
        out.ends.push(out.feats.len());
    };

    let lo = sent.start.max(c.saturating_sub(WINDOW));
    let hi = sent.end.min(ce + WINDOW);
    for h in lo..hi {
        if !clear(h) {
            continue;
        }
        let p = upos(doc, h);
        let rel = deprel(doc, h);
        let rel_word = rel.starts_with("nsubj")
            && matches!(
                doc.form(h).to_ascii_lowercase().as_str(),
                "who" | "which" | "that" | "whom"
            );
        // Tagging slips ("Schlafly" as an adverb) still leave a subject or a capital.
        let loose = rel.starts_with("nsubj")
            || p != "PUNCT" && doc.form(h).chars().next().is_some_and(char::is_uppercase);
        if !(matches!(p, "NOUN" | "PROPN" | "PRON" | "NUM" | "X") || rel_word || loose) {
            continue;
        }
        if matches!(rel, "compound" | "flat")
            || skip_rel(rel) && !matches!(p, "PROPN" | "PRON") && !rel.starts_with("nsubj")
        {
            continue;
        }
        // Heads the parse puts far from the cue are never its source (and skipping them
        // keeps the candidates few).
        let (ha, hn) = ctx.ancestors(h);
        if !cue.anc.0[..cue.anc.1].iter().any(|a| ha[..hn].contains(a)) {
            continue;
        }
        let full = ctx.span[h];
        // Keep the part around the head that stays clear of the cue and content.
        let mut s = h;
        while s > full.0 && clear(s - 1) {
            s -= 1;
        }
        let mut e = h + 1;
        while e < full.1 && clear(e) {
            e += 1;
        }
        let full = (s, e);
        let g = group(h, out);
        push(full, h, g, V_FULL, out);
        push(trim_trail(doc, full), h, g, V_TRIM, out);
        if let Some(k) = (h + 1..full.1).find(|&k| matches!(doc.form(k), "," | "(" | "-" | "--")) {
            push(trim_trail(doc, (full.0, k)), h, g, V_COMMA, out);
        }
        push((full.0, h + 1), h, g, V_HEADCUT, out);
        // Without a leading adjunct set off by a comma ("Even so, most voters") or a
        // leading preposition or adverb ("with Doe").
        if let Some(k) = (full.0..h)
            .rev()
            .find(|&k| matches!(doc.form(k), "," | "-" | "--"))
        {
            push(trim_trail(doc, (k + 1, full.1)), h, g, V_RCOMMA, out);
        }
        let mut s = full.0;
        while s < h && matches!(upos(doc, s), "ADP" | "ADV" | "SCONJ" | "CCONJ" | "PUNCT") {
            s += 1;
        }
        if s > full.0 {
            push(trim_trail(doc, (s, full.1)), h, g, V_RCOMMA, out);
        }
        // Titles the parse left out of the phrase ("Senate leader" before "Tom Hale" read
        // as a phrase of its own).
        let mut s = full.0;
        while s > sent.start
            && clear(s - 1)
            && matches!(upos(doc, s - 1), "NOUN" | "PROPN" | "ADJ" | "NUM")
        {
            s -= 1;
        }
        if s < full.0 && s > sent.start && clear(s - 1) && upos(doc, s - 1) == "DET" {
            s -= 1;
        }
        if s < full.0 {
            push((s, full.1), h, g, V_LEFT, out);
            push(trim_trail(doc, (s, full.1)), h, g, V_LEFT, out);
        }
    }
    if let Some(sp) = rule {
        // The rules' speaker when no subtree gives it: headed by the token whose head is
        // outside it.
        let h = (sp.0..sp.1)
            .find(|&t| {
                let x = doc.tokens.head[t];
                x == NO_HEAD || (x as usize) < sp.0 || (x as usize) >= sp.1
            })
            .unwrap_or(sp.1 - 1);
        let g = group(h, out);
        push(sp, h, g, V_RULE, out);
    }
}

/// `sp` widened over words joined to its edges by a hyphen ("front-runner": the parser may
/// leave "front -" out of the phrase; no source ends inside a hyphenated word), and over
/// the closing bracket of one it opens.
fn glue(doc: &Document, (mut s, mut e): (usize, usize)) -> (usize, usize) {
    let sent = doc.sentences[doc.sentence_of(s)].token_range();
    let tight = |a: usize, b: usize| doc.tokens.end[a] == doc.tokens.start[b];
    while s >= sent.start + 2 && doc.form(s - 1) == "-" && tight(s - 1, s) && tight(s - 2, s - 1) {
        s -= 2;
    }
    while e + 1 < sent.end && doc.form(e) == "-" && tight(e - 1, e) && tight(e, e + 1) {
        e += 2;
    }
    // A bracket opened in the phrase closes in it ("Pat Doe (R-S.C.)" cut at its head).
    let count = |b: &str, e: usize| (s..e).filter(|&k| doc.form(k) == b).count();
    if count("(", e) > count(")", e) {
        if let Some(k) = (e..sent.end.min(e + 2)).find(|&k| doc.form(k) == ")") {
            e = k + 1;
        }
    }
    (s, e)
}

/// Features of a candidate phrase's head: the dependency path from the cue to it (up to
/// the common ancestor, then down), its words, tag, mention kind and side of the cue.
fn head_features(ctx: &DocContext, quoted: bool, h: usize, cue: &Cue, out: &mut Vec<u64>) {
    let doc = ctx.doc;
    let (ha, hn) = ctx.ancestors(h);
    let (ca, cn) = cue.anc;
    let lca = ca[..cn]
        .iter()
        .enumerate()
        .find_map(|(i, a)| ha[..hn].iter().position(|b| b == a).map(|j| (i, j)));
    let (path, short) = match lca {
        Some((i, j)) => {
            let mut p = 0x7061_7468;
            for &t in &ca[..i] {
                p = mix(p, ctx.rel[t]);
            }
            p = mix(p, 0x55);
            for &t in ha[..j].iter().rev() {
                p = mix(p, ctx.rel[t]);
            }
            (p, mix((i * 8 + j) as u64, ctx.rel[h]))
        }
        None => (0x0066_6172, 999),
    };
    let hp = ctx.pos[h];
    let hrel = ctx.rel[h];
    let pron = matches!(upos(doc, h), "PRON" | "DET") || doc.form(h).len() <= 3;
    let hw = if pron { ctx.word[h] } else { 7 };
    let before = (h < cue.c) as u64;
    let ment = u64::from(ctx.mention[h]);
    let cap = doc.form(h).chars().next().is_some_and(char::is_uppercase) as u64;
    let (cue_w, cue_pos, cue_rel, kind) = (cue.w, cue.pos, cue.rel, cue.kind);
    out.extend_from_slice(&[
        key(10, &[path]),
        key(11, &[path, cue_pos]),
        key(12, &[path, cue_w]),
        key(13, &[path, hp]),
        key(14, &[path, kind]),
        key(15, &[short, hw]),
        key(16, &[hrel, hw, before]),
        key(23, &[ment, hp]),
        key(24, &[ment, path]),
        key(25, &[quoted as u64, kind]),
        key(26, &[hrel, hp, cap]),
        key(29, &[short, cue_w]),
        key(31, &[cue_rel, hrel, before]),
        key(34, &[word(doc.lemma(h)), before]),
        key(44, &[path, cue.cl]),
        key(45, &[class_of(doc, h), hrel, before]),
    ]);
    if let Some((s, chain)) = cue.ctl {
        let is = (s == h) as u64;
        out.extend_from_slice(&[key(35, &[is]), key(36, &[is, chain]), key(37, &[is, cue_w])]);
    }
}

/// Features of one cut of a phrase: its edges, length, distance from the cue, and which of
/// the head's dependents it keeps ("X, who …" without the clause).
fn variant_features(
    ctx: &DocContext,
    sp: (usize, usize),
    h: usize,
    variant: u64,
    cue: &Cue,
    out: &mut Vec<u64>,
) {
    let doc = ctx.doc;
    let c = cue.c;
    let before = (sp.1 <= c) as u64;
    let dist = if sp.1 <= c {
        c - sp.1
    } else {
        sp.0.saturating_sub(c + 1)
    };
    let len = sp.1 - sp.0;
    let lw = ctx.pos[sp.1 - 1];
    let comma = (sp.0..sp.1).any(|k| doc.form(k) == ",") as u64;
    let nxt = ctx.word.get(sp.1).copied().unwrap_or(3);
    let prv = if sp.0 > 0 { ctx.word[sp.0 - 1] } else { 3 };
    // What opens each part set off by a comma: an appositive ("a spokeswoman") belongs to
    // the source, an adjunct ("in a statement", "like her rival") does not.
    let opener = |k: usize| {
        if matches!(
            upos(doc, k),
            "DET" | "ADP" | "ADV" | "CCONJ" | "SCONJ" | "PRON"
        ) {
            ctx.word[k]
        } else {
            ctx.pos[k]
        }
    };
    for k in sp.0..sp.1.saturating_sub(1) {
        if doc.form(k) == "," {
            out.push(key(34, &[opener(k + 1), before]));
        }
    }
    for t in h + 1..ctx.span[h].1.min(h + 40) {
        if doc.tokens.head[t] as usize == h {
            out.push(key(32, &[ctx.rel[t], (t < sp.1) as u64]));
            out.push(key(33, &[ctx.rel[t], (t < sp.1) as u64, variant]));
        }
    }
    out.extend_from_slice(&[
        key(17, &[before, bucket(dist)]),
        key(18, &[before, bucket(dist), cue.rel]),
        key(19, &[variant, opener(sp.0)]),
        key(20, &[variant, bucket(len)]),
        key(21, &[variant, comma, before]),
        key(22, &[variant, lw]),
        key(27, &[variant, nxt]),
        key(28, &[variant, prv]),
    ]);
}

/// Whether the source picker re-picks the speaker of cue `c`: verbs (and adjectives, "was
/// adamant that"). The rules' speakers stay for cue nouns (possessor, "by" phrase or the
/// verb's subject), "according to", "in a poll" and colons: on held-out train articles the
/// picker did no better there.
fn picks(doc: &Document, c: usize) -> bool {
    matches!(upos(doc, c), "VERB" | "AUX" | "ADJ")
}

/// Marks a model that holds cue weights.
const CUE_MARK: u64 = 0x6375_655f_6d61_726b;

/// Features of token `c` (a verb, adjective or noun) for the cue scorer: its words, relation
/// and dependents, its subject, and whether it sits inside content the surface rules already
/// found. (The derived table's cue rate was tried as a feature: on held-out train articles
/// it did not help, and on train itself it leaks the labels. Its fine tag, the relation of
/// its head and lemma × subject kind did not help either, in 5-fold runs on train.)
pub(crate) fn cue_features(ctx: &DocContext, c: usize, inside: bool, out: &mut Vec<u64>) {
    let doc = ctx.doc;
    out.clear();
    let w = ctx.word[c];
    let lemma = word(doc.lemma(c));
    let pos = ctx.pos[c];
    let rel = ctx.rel[c];
    let inside = inside as u64;
    out.extend_from_slice(&[
        key(100, &[pos]),
        key(101, &[w]),
        key(102, &[lemma, pos]),
        key(103, &[pos, rel]),
        key(104, &[w, rel]),
        key(107, &[inside, pos]),
        key(108, &[inside, lemma]),
    ]);
    let (mut subj, mut comp, mut xcomp, mut obj, mut that) = (0u64, 0u64, 0u64, 0u64, 0u64);
    for t in children(doc, c) {
        let r = deprel(doc, t);
        let fw = if matches!(r, "mark" | "case" | "aux" | "advmod" | "aux:pass" | "cop") {
            ctx.word[t]
        } else {
            ctx.pos[t]
        };
        out.push(key(110, &[pos, ctx.rel[t], fw]));
        out.push(key(111, &[lemma, ctx.rel[t]]));
        match r {
            "nsubj" => {
                subj = 1 + u64::from(ctx.mention[t]);
                // Who speaks: a person or an organisation, for this verb.
                out.push(key(124, &[lemma, u64::from(ctx.mention[t])]));
                let sw = if upos(doc, t) == "PRON" {
                    ctx.word[t]
                } else {
                    ctx.pos[t]
                };
                out.push(key(112, &[pos, sw, u64::from(ctx.mention[t])]));
            }
            "nsubj:pass" => subj = 100,
            "ccomp" => {
                comp = 1;
                if children(doc, t).any(|m| doc.form(m).eq_ignore_ascii_case("that")) {
                    that = 1;
                }
            }
            "xcomp" => xcomp = 1,
            "obj" => {
                obj = 1;
                out.push(key(125, &[lemma, u64::from(ctx.mention[t]), ctx.pos[t]]));
            }
            _ => {}
        }
        if t > c && matches!(r, "nmod" | "obl") {
            // The preposition after a noun or verb ("calls for", "warned of").
            if let Some(&p) = ctx.span.get(t) {
                if upos(doc, p.0) == "ADP" {
                    out.push(key(113, &[lemma, ctx.word[p.0]]));
                }
            }
        }
    }
    let next = ctx.word.get(c + 1).copied().unwrap_or(3);
    let prev = if c > 0 { ctx.word[c - 1] } else { 3 };
    let cl = class_of(doc, c);
    let h = doc.tokens.head[c];
    let (hp, hl) = if h == NO_HEAD {
        (1, 1)
    } else {
        (ctx.pos[h as usize], word(doc.lemma(h as usize)))
    };
    out.extend_from_slice(&[
        key(114, &[pos, subj, comp, xcomp, obj]),
        key(115, &[lemma, subj.min(1), comp]),
        key(116, &[lemma, that]),
        // Any verb with a that-clause and who its subject is: what carries an unseen stance
        // verb ("the owners grumbled that …").
        key(117, &[pos, that, subj]),
        // The word's class in the tagger's clusters: a verb PolNeAR train never marks shares
        // it with ones it does ("grumbled", "complained").
        key(128, &[pos, cl]),
        key(129, &[cl, that, subj.min(1)]),
        key(118, &[pos, next]),
        key(119, &[pos, prev]),
        key(120, &[lemma, next]),
        key(121, &[rel, hp]),
        key(122, &[w, hl]),
    ]);
    // A quotation mark in the sentence outside the cue's own words: direct speech nearby.
    let quoted = ctx.quoted[doc.sentence_of(c)] as u64;
    out.push(key(126, &[pos, quoted, inside]));
    out.push(key(127, &[lemma, quoted]));
}

/// Trains the cue scorer (a binary averaged perceptron) on `(features, is a cue)` examples.
pub fn train_cues(
    examples: &[(Vec<u64>, bool)],
    epochs: usize,
    seed: u64,
    prune: f32,
) -> SourceModel {
    let (w, step) = passes(examples.len(), epochs, seed, "cue tokens", |i, step, w| {
        let (feats, gold) = &examples[i];
        let s: f64 = feats.iter().map(|x| w.get(x).map_or(0.0, |v| v[0])).sum();
        let wrong = (s > 0.0) != *gold;
        if wrong {
            let d = if *gold { 1.0 } else { -1.0 };
            for &x in feats {
                bump(w, x, step, d);
            }
        }
        wrong
    });
    let mut model = average(w, step, prune);
    model.weights.insert(fold(CUE_MARK), 0.0);
    model
}

/// Weights while training: feature → (weight, running total, last step).
type Training = FxHashMap<u64, [f64; 3]>;

/// The passes both models train with: `epochs` shuffled passes over `n` examples (shuffle from
/// `seed`); `learn(i, step, w)` scores example `i`, updates `w` on a mistake and says whether
/// it was one. Returns the weights and the last step, for [`average`].
fn passes(
    n: usize,
    epochs: usize,
    seed: u64,
    what: &str,
    mut learn: impl FnMut(usize, f64, &mut Training) -> bool,
) -> (Training, f64) {
    let mut w = Training::default();
    let mut step = 0f64;
    let mut order: Vec<usize> = (0..n).collect();
    let mut rng = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for epoch in 0..epochs {
        shuffle(&mut order, &mut rng);
        let mut wrong = 0usize;
        for &i in &order {
            step += 1.0;
            wrong += learn(i, step, &mut w) as usize;
        }
        eprintln!(
            "quotes: epoch {} of {epochs}: {wrong} of {n} {what} wrong",
            epoch + 1
        );
    }
    (w, step)
}

fn shuffle(order: &mut [usize], rng: &mut u64) {
    for i in (1..order.len()).rev() {
        *rng ^= *rng << 13;
        *rng ^= *rng >> 7;
        *rng ^= *rng << 17;
        let j = (*rng % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
}

/// Adds `d` to the weight of feature `x` (entries are weight, running total, last step),
/// first bringing its running total up to `step` for the average.
fn bump(w: &mut Training, x: u64, step: f64, d: f64) {
    let e = w.entry(x).or_insert([0.0; 3]);
    e[1] += (step - e[2]) * e[0];
    e[2] = step;
    e[0] += d;
}

fn average(w: Training, step: f64, prune: f32) -> SourceModel {
    let mut weights = FxHashMap::default();
    for (k, [v, tot, last]) in w {
        let avg = ((tot + (step - last) * v) / step.max(1.0)) as f32;
        if avg.abs() >= prune && avg != 0.0 {
            *weights.entry(fold(k)).or_insert(0.0) += avg;
        }
    }
    SourceModel { weights }
}

/// One training decision: candidate features and the index of the right one.
pub struct Example {
    cands: Candidates,
    gold: usize,
}

/// Gold source of one predicted attribution, as a trimmed byte span (`None`: no source).
pub type GoldSource = Option<petrel_doc::Span>;

/// Training examples from one parsed document: for each attribution with a cue, the
/// candidates and the one whose trimmed span is `gold(cue span, content span)`'s answer
/// (`None` from it skips the attribution; `Some(None)` means "no source").
pub(crate) fn examples(
    doc: &Document,
    in_quote: &[bool],
    found: &[Found],
    gold: &dyn Fn(petrel_doc::Span, petrel_doc::Span) -> Option<GoldSource>,
    out: &mut Vec<Example>,
    reach: &mut [usize; 3],
) {
    let ctx = DocContext::new(doc);
    for f in found {
        let Some(cue) = f.cue else { continue };
        if !picks(doc, cue.0) {
            continue;
        }
        let cue_span = doc.token_span(cue.0, cue.1);
        let content_span = doc.token_span(f.content.0, f.content.1);
        let Some(target) = gold(cue_span, content_span) else {
            continue;
        };
        let mut cands = Candidates::default();
        candidates(&ctx, in_quote, f, &mut cands);
        let pos = cands.spans.iter().position(|c| match (c, target) {
            (None, None) => true,
            (Some(sp), Some(g)) => {
                crate::eval::trim_span(&doc.text, doc.token_span(sp.0, sp.1)) == g
            }
            _ => false,
        });
        reach[1] += 1;
        if let Some(g) = pos {
            reach[0] += 1;
            if f.speaker.is_some_and(|sp| cands.spans[g] == Some(sp))
                || g == 0 && f.speaker.is_none()
            {
                reach[2] += 1;
            }
            out.push(Example { cands, gold: g });
        }
    }
}

/// Trains the source picker: averaged perceptron over `epochs` shuffled passes (shuffle from
/// `seed`); weights smaller than `prune` after averaging are dropped.
pub fn train(examples: &[Example], epochs: usize, seed: u64, prune: f32) -> SourceModel {
    let (w, step) = passes(examples.len(), epochs, seed, "sources", |i, step, w| {
        let ex = &examples[i];
        let mut best = (0, f64::NEG_INFINITY);
        for k in 0..ex.cands.len() {
            let (own, head) = ex.cands.feats(k);
            let s: f64 = own
                .iter()
                .chain(head)
                .map(|x| w.get(x).map_or(0.0, |v| v[0]))
                .sum();
            if s > best.1 {
                best = (k, s);
            }
        }
        let wrong = best.0 != ex.gold;
        if wrong {
            for (k, d) in [(ex.gold, 1.0), (best.0, -1.0)] {
                let (own, head) = ex.cands.feats(k);
                for &x in own.iter().chain(head) {
                    bump(w, x, step, d);
                }
            }
        }
        wrong
    });
    average(w, step, prune)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A toy ranking task: the candidate carrying feature 7 is always right.
    fn toy() -> Vec<Example> {
        (0..40u64)
            .map(|i| {
                let mut c = Candidates::default();
                let right = (i % 3) as usize;
                for k in 0..3 {
                    c.spans.push(Some((k, k + 1)));
                    c.feats.push(key(1, &[i, k as u64]));
                    if k == right {
                        c.feats.push(key(7, &[]));
                    }
                    c.ends.push(c.feats.len());
                    c.group.push(NO_GROUP);
                }
                Example {
                    cands: c,
                    gold: right,
                }
            })
            .collect()
    }

    /// Tokens, tags and parse of `text`, as in the pipeline.
    fn parsed(text: &str) -> Document {
        use petrel_doc::{Component, Meta};
        let mut d = Document::new(Meta::default(), text);
        let (tagger, parser) = petrel_syntax::components(None).unwrap();
        let text = petrel_text::TextComponent::default();
        for c in [&text as &dyn Component, &tagger, &parser] {
            c.process(&mut d).unwrap();
        }
        d
    }

    fn tok(d: &Document, form: &str) -> usize {
        (0..d.tokens.len()).find(|&t| d.form(t) == form).unwrap()
    }

    #[test]
    fn candidates_cover_an_interrupting_speaker_and_titles_before_a_name() {
        let d = parsed(
            "\"The plan will fail,\" Senate leader Tom Hale said. \"We can see it coming.\"",
        );
        let n = d.tokens.len();
        // Inside the marks: the first quote's tokens 0..=6 and the second's after "said .".
        let close = (1..n).find(|&t| d.form(t) == "\"").unwrap();
        let reopen = (close + 1..n).find(|&t| d.form(t) == "\"").unwrap();
        let in_quote: Vec<bool> = (0..n).map(|t| t <= close || t >= reopen).collect();
        let said = tok(&d, "said");
        // One content span over both parts, as the rules join an interrupted quote.
        let f = Found {
            kind: "direct",
            content: (0, n),
            cue: Some((said, said + 1)),
            speaker: None,
            sentence: 0,
            follows: None,
            origin: crate::O_DIRECT,
        };
        let ctx = DocContext::new(&d);
        let mut c = Candidates::default();
        candidates(&ctx, &in_quote, &f, &mut c);
        let (senate, hale) = (tok(&d, "Senate"), tok(&d, "Hale"));
        let texts: Vec<String> = c
            .spans
            .iter()
            .flatten()
            .map(|&(a, b)| {
                d.text[d.tokens.start[a] as usize..d.tokens.end[b - 1] as usize].to_string()
            })
            .collect();
        assert!(c.spans.contains(&Some((senate, hale + 1))), "{texts:?}");
        assert!(
            c.spans
                .iter()
                .flatten()
                .all(|&(a, b)| !(a..b).any(|t| in_quote[t])),
            "{texts:?}"
        );

        // The parse may read the title as a phrase of its own ("Senate leader" as the agent
        // of "done"); a candidate still runs from it to the name.
        let d = parsed("\"We are nowhere near done,\" Senate leader Tom Hale told reporters.");
        let close = tok(&d, ",") + 1;
        let in_quote: Vec<bool> = (0..d.tokens.len()).map(|t| t <= close).collect();
        let told = tok(&d, "told");
        let f = Found {
            kind: "direct",
            content: (0, close + 1),
            cue: Some((told, told + 1)),
            speaker: None,
            sentence: 0,
            follows: None,
            origin: crate::O_DIRECT,
        };
        let ctx = DocContext::new(&d);
        candidates(&ctx, &in_quote, &f, &mut c);
        let (senate, hale) = (tok(&d, "Senate"), tok(&d, "Hale"));
        assert!(c.spans.contains(&Some((senate, hale + 1))), "{:?}", c.spans);
    }

    #[test]
    fn candidates_drop_a_leading_adjunct_before_the_speaker() {
        let d = parsed("Even so, most of the farmers in the valley said they would back the plan.");
        let said = tok(&d, "said");
        let f = Found {
            kind: "indirect",
            content: (said + 1, d.tokens.len() - 1),
            cue: Some((said, said + 1)),
            speaker: None,
            sentence: 0,
            follows: None,
            origin: crate::O_FORWARD,
        };
        let ctx = DocContext::new(&d);
        let mut c = Candidates::default();
        candidates(&ctx, &vec![false; d.tokens.len()], &f, &mut c);
        let most = tok(&d, "most");
        assert!(c.spans.contains(&Some((most, said))), "{:?}", c.spans);
    }

    #[test]
    fn training_learns_and_is_deterministic_for_a_seed() {
        let ex = toy();
        let a = train(&ex, 4, 7, 0.0);
        let b = train(&ex, 4, 7, 0.0);
        assert_eq!(a.to_bytes(), b.to_bytes());
        let mut heads = Vec::new();
        for e in &ex {
            assert_eq!(a.best(&e.cands, &mut heads), e.gold);
        }
    }

    #[test]
    fn model_file_round_trips_and_bad_files_name_themselves() {
        let m = train(&toy(), 2, 1, 0.0);
        let bytes = m.to_bytes();
        let back = SourceModel::from_bytes(&bytes, "x.bin").unwrap().unwrap();
        assert_eq!(back.to_bytes(), bytes);
        assert!(SourceModel::from_bytes(&[], "x.bin").unwrap().is_none());
        let mut bad = bytes.clone();
        bad[14] ^= 0x40;
        let e = SourceModel::from_bytes(&bad, "quotes.bin").unwrap_err();
        assert!(e.contains("quotes.bin") && e.contains("checksum"), "{e}");
        let e = SourceModel::from_bytes(b"GIF89a and more bytes", "pic.bin").unwrap_err();
        assert!(e.contains("pic.bin") && e.contains("magic"), "{e}");
        let e = SourceModel::from_bytes(&bytes[..bytes.len() - 3], "cut.bin").unwrap_err();
        assert!(e.contains("cut.bin"), "{e}");
    }

    #[test]
    fn the_embedded_model_loads_with_both_parts() {
        let m = SourceModel::from_bytes(include_bytes!("../data/quotes.bin"), "quotes.bin")
            .unwrap()
            .expect("a model is shipped");
        assert!(m.scores_cues());
        assert!(m.len() > 1000);
    }

    /// Seed-averaged models: scaling each by 1/n and merging gives the mean weight, which
    /// still makes the choices all the seeds agree on.
    #[test]
    fn scaled_models_merge_into_their_mean() {
        let a = SourceModel {
            weights: [(1, 2.0), (2, -4.0)].into_iter().collect(),
        };
        let b = SourceModel {
            weights: [(1, 4.0), (3, 6.0)].into_iter().collect(),
        };
        let m = a.scaled(0.5).merge(b.scaled(0.5));
        assert_eq!(m.weights.get(&1), Some(&3.0));
        assert_eq!(m.weights.get(&2), Some(&-2.0));
        assert_eq!(m.weights.get(&3), Some(&3.0));
        let ex = toy();
        let mean = train(&ex, 4, 1, 0.0)
            .scaled(0.5)
            .merge(train(&ex, 4, 2, 0.0).scaled(0.5));
        let mut heads = Vec::new();
        for e in &ex {
            assert_eq!(mean.best(&e.cands, &mut heads), e.gold);
        }
    }

    #[test]
    fn cue_scorer_and_source_picker_merge_into_one_model() {
        let cues = train_cues(
            &[(vec![key(100, &[1])], true), (vec![key(100, &[2])], false)],
            3,
            1,
            0.0,
        );
        assert!(cues.scores_cues());
        assert!(cues.is_cue(&[key(100, &[1])]));
        assert!(!cues.is_cue(&[key(100, &[2])]));
        let both = train(&toy(), 2, 1, 0.0).merge(cues);
        assert!(both.scores_cues() && both.is_cue(&[key(100, &[1])]));
    }
}
