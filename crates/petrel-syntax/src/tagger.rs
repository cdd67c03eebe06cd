//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over joint
//! `UPOS`+`XPOS` classes, with a tag dictionary for frequent unambiguous words (they skip
//! scoring) and the lemmatiser's tables. Features are hashed per sentence into reused buffers.
//!
//! An optional second pass re-tags the sentence left to right seeing the first pass's tags to
//! the right as well (a verb two words on decides "that" or "like"). The second pass is trained
//! on first-pass tags from jackknifed fold taggers, so it learns how far to trust them.
//!
//! A tagger trained with word clusters ([`crate::clusters`]) keeps the table in its file and
//! sees the classes of the word and of two words either side.

use crate::clusters::Clusters;
use crate::conllu::Sentence;
use crate::hash::{feat, hash_str, Rng};
use crate::lemma::Lemmatiser;
use crate::model::{argmax, seal, unseal, ModelError, Perceptron, Reader, Weights, Writer};
use rustc_hash::FxHashMap;

/// Per-token hashes computed once per sentence.
#[derive(Clone, Copy, Default)]
struct Tok {
    lower: u64,
    exact: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    /// Most frequent class of the word in training + 1, or 0 if unknown.
    amb: u64,
    /// Hash of the set of classes the word had in training (0 if unknown).
    aset: u64,
    /// Class fixed by the tag dictionary.
    fixed: Option<u16>,
    /// What comes first to the right within the clause, by the words' most frequent
    /// classes: a finite verb or punctuation, and how far ([`lookahead`]).
    ahead: u64,
    /// Word cluster ids (packed, see [`Clusters::get`]), 0 without clusters.
    cl: u64,
}

/// Reusable buffers for tagging one sentence.
#[derive(Default)]
pub struct TagScratch {
    toks: Vec<Tok>,
    feats: Vec<u64>,
    scores: Vec<f32>,
    lower: String,
    /// First-pass classes, seen to the right by the second pass.
    first: Vec<u16>,
}

/// A trained tagger with its lemmatiser.
pub struct Tagger {
    /// Joint classes, `UPOS` and `XPOS` for each class id.
    pub upos: Vec<String>,
    pub xpos: Vec<String>,
    dict: FxHashMap<u64, u16>,
    amb: FxHashMap<u64, u16>,
    aset: FxHashMap<u64, u64>,
    weights: Weights,
    /// Second-pass weights (see the module docs), if the model has them.
    weights2: Option<Weights>,
    pub lemmatiser: Lemmatiser,
    /// Per class: whether its `UPOS` is an open class. A word gets an open class or a closed
    /// one it had in training: no guess from context makes a rare name a conjunction.
    open: Vec<bool>,
    /// Lower-cased word → the closed classes it had in training.
    closed: FxHashMap<u64, Vec<u16>>,
    /// Per class: [`KIND_FINITE`], [`KIND_PUNCT`] or 0, for the lookahead feature.
    kinds: Vec<u8>,
    /// Per class: the `ROLE_*` bits the finite-verb repair reads ([`Tagger::repair`]).
    roles: Vec<u16>,
    /// The classes the repairs after tagging write, looked up once per model.
    fixed: RepairClasses,
    /// Word clusters from unlabelled text, if the model was trained with them.
    clusters: Option<Clusters>,
}

/// Universal POS tags whose members are not a closed list (new words join them).
const OPEN_UPOS: &[&str] = &[
    "NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM", "X", "INTJ", "SYM", "PUNCT",
];

const KIND_FINITE: u8 = 1;
const KIND_PUNCT: u8 = 2;

/// Per class, whether it is a finite verb (Penn `VBD`, `VBZ`, `VBP`, `MD`) or punctuation.
fn class_kinds(upos: &[String], xpos: &[String]) -> Vec<u8> {
    upos.iter()
        .zip(xpos)
        .map(|(u, x)| match (u.as_str(), x.as_str()) {
            (_, "VBD" | "VBZ" | "VBP" | "MD") => KIND_FINITE,
            ("PUNCT", _) => KIND_PUNCT,
            _ => 0,
        })
        .collect()
}

/// The lookahead feature of every token: whether a finite verb or punctuation comes first
/// within the next eight words (by their most frequent class in training), and at what
/// distance. "As" before a clause ("as the crowd marched") is a conjunction, before a
/// noun phrase ("as a result") a preposition; the tag of the next word alone cannot tell.
fn lookahead(toks: &mut [Tok], kinds: &[u8]) {
    let n = toks.len();
    for i in 0..n {
        let mut code = 0u64;
        for (d, t) in toks[i + 1..n.min(i + 9)].iter().enumerate() {
            let kind = match t.amb {
                0 => 0,
                c => kinds.get(c as usize - 1).copied().unwrap_or(0),
            };
            if kind != 0 {
                code = kind as u64 * 16 + d as u64 + 1;
                break;
            }
        }
        toks[i].ahead = code;
    }
}

const ROLE_PARTICIPLE: u16 = 1;
const ROLE_NOMINAL: u16 = 2;
const ROLE_NP_START: u16 = 4;
const ROLE_NUMBER: u16 = 8;
const ROLE_QUANT_MOD: u16 = 16;
const ROLE_BOUNDARY: u16 = 32;
const ROLE_HYPHEN: u16 = 64;
const ROLE_PREPOSITION: u16 = 128;
const ROLE_ADVERB: u16 = 256;

/// Words that open a time phrase after a participle (`data/time-words.txt`).
pub(crate) static TIME_WORDS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::data_lines(include_str!("../data/time-words.txt")).collect()
    });

/// Past forms with the preposition they take (`data/prepositional-verbs.txt`), for the
/// repairs of a clause with no finite verb ([`Tagger::repair_stretch`]) and after a
/// subordinator ([`Tagger::repair_after_subordinator`]).
static PREPOSITIONAL_VERBS: std::sync::LazyLock<Vec<(&'static str, &'static str)>> =
    std::sync::LazyLock::new(|| {
        crate::data_lines(include_str!("../data/prepositional-verbs.txt"))
            .filter_map(|l| l.split_once(' '))
            .collect()
    });

/// Adjectives that also name a person or body (`data/adjective-nouns.txt`), for
/// [`Tagger::repair_adjective_noun`].
static ADJECTIVE_NOUNS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    crate::data_lines(include_str!("../data/adjective-nouns.txt")).collect()
});

/// Irregular simple-past forms that are no noun or participle (`data/preterites.txt`), as a
/// set: the repair asks for every lower-case word.
static PRETERITES: std::sync::LazyLock<rustc_hash::FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        crate::data_lines(include_str!("../data/preterites.txt")).collect()
    });

/// Irregular past forms → lemma, from the shared `lexicon/irregular.tsv` (lemma, then its
/// irregular forms; "be" and "have" are left to the model, which tells their auxiliary
/// uses apart).
static IRREGULAR_PAST: std::sync::LazyLock<rustc_hash::FxHashMap<&'static str, &'static str>> =
    std::sync::LazyLock::new(|| {
        crate::data_lines(include_str!("../../../lexicon/irregular.tsv"))
            .filter_map(|l| l.split_once('\t'))
            .filter(|(lemma, _)| !matches!(*lemma, "be" | "have" | "do"))
            .flat_map(|(lemma, forms)| {
                // The lemma itself too: "bid", "set", "cut" are their own past.
                forms
                    .split('|')
                    .chain([lemma])
                    .filter(|f| !f.is_empty() && !f.contains('\''))
                    .map(move |f| (f, lemma))
            })
            .collect()
    });

/// Prepositions that also open a clause ("after the rebels agreed to …").
const SUBORDINATING: &[&str] = &["after", "before", "since", "until"];

/// The classes [`Tagger::repair`] writes, if the model has them.
#[derive(Debug, Clone, Copy)]
struct RepairClasses {
    /// `VERB` `VBD`.
    past: Option<u16>,
    /// `VERB` `VBN`.
    participle: Option<u16>,
    /// `NOUN` `NN`.
    noun: Option<u16>,
    /// `NOUN` `NNS`.
    plural: Option<u16>,
    /// `VERB` `VBZ`.
    third: Option<u16>,
    /// `SCONJ` `IN`.
    subordinator: Option<u16>,
    /// `ADJ` `JJ`.
    adjective: Option<u16>,
    /// `VERB` `VB`.
    base: Option<u16>,
}

impl RepairClasses {
    fn new(upos: &[String], xpos: &[String]) -> Self {
        let class = |u: &str, x: &str| {
            (0..upos.len())
                .find(|&i| upos[i] == u && xpos[i] == x)
                .map(|i| i as u16)
        };
        RepairClasses {
            past: class("VERB", "VBD"),
            participle: class("VERB", "VBN"),
            noun: class("NOUN", "NN"),
            plural: class("NOUN", "NNS"),
            third: class("VERB", "VBZ"),
            subordinator: class("SCONJ", "IN"),
            adjective: class("ADJ", "JJ"),
            base: class("VERB", "VB"),
        }
    }
}

/// Per class, the roles [`Tagger::repair`] reads: a past participle, a noun or pronoun that
/// can be a subject, a word that can open an object noun phrase.
fn class_roles(upos: &[String], xpos: &[String]) -> Vec<u16> {
    upos.iter()
        .zip(xpos)
        .map(|(u, x)| {
            let mut r = 0;
            if u == "VERB" && x == "VBN" {
                r |= ROLE_PARTICIPLE;
            }
            if matches!(x.as_str(), "NN" | "NNS" | "NNP" | "NNPS" | "PRP") {
                r |= ROLE_NOMINAL;
            }
            if matches!(
                x.as_str(),
                "DT" | "CD" | "PRP" | "PRP$" | "NN" | "NNS" | "NNP" | "NNPS" | "JJ"
            ) {
                r |= ROLE_NP_START;
            }
            if x == "CD" {
                r |= ROLE_NUMBER;
            }
            // Where a clause may end or a relative clause begin.
            if u == "ADP" && x == "IN" {
                r |= ROLE_PREPOSITION;
            }
            if x == "HYPH" {
                r |= ROLE_HYPHEN;
            } else if u == "PUNCT"
                || u == "SCONJ"
                || matches!(x.as_str(), "WDT" | "WP" | "WP$" | "WRB")
            {
                // A subordinator opens a clause of its own: "told reporters that the footage
                // was …" has its finite verb in the second stretch, not the first.
                r |= ROLE_BOUNDARY;
            }
            if u == "ADV" && matches!(x.as_str(), "RB" | "RBR") {
                r |= ROLE_ADVERB;
            }
            // "at least", "more than", "up to", "nearly" before a number
            if matches!(
                x.as_str(),
                "IN" | "JJS" | "JJR" | "RB" | "RBR" | "RBS" | "TO" | "RP"
            ) {
                r |= ROLE_QUANT_MOD;
            }
            r
        })
        .collect()
}

/// Penn tags of open universal classes that still form a closed list in practice:
/// comparatives and superlatives are forms of known adjectives and adverbs, so a rare word
/// ending in -er ("Brenner did not comment") is not one unless training saw it so.
const CLOSED_XPOS: &[&str] = &["JJR", "JJS", "RBR", "RBS"];

fn open_classes(upos: &[String], xpos: &[String]) -> Vec<bool> {
    upos.iter()
        .zip(xpos)
        .map(|(u, x)| OPEN_UPOS.contains(&u.as_str()) && !CLOSED_XPOS.contains(&x.as_str()))
        .collect()
}

/// The best class among the open classes and the closed classes in `closed`.
fn best_class(scores: &[f32], open: &[bool], closed: &[u16]) -> usize {
    let mut best = None;
    for (i, &s) in scores.iter().enumerate() {
        if (open[i] || closed.contains(&(i as u16))) && best.is_none_or(|b: usize| s > scores[b]) {
            best = Some(i);
        }
    }
    best.unwrap_or_else(|| argmax(scores))
}

/// The tagger's runner-up class for a token and how close it came (a margin bucket), or
/// [`Alt::SURE`] when the best class won clearly or came from the tag dictionary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Alt {
    pub class: u16,
    /// 0 (closest) to `ALT_MARGINS.len() - 1`.
    pub bucket: u8,
    /// Best score minus the runner-up's (infinite for dictionary words).
    pub margin: f32,
}

/// Score margins (best minus runner-up) below which the runner-up is reported, by bucket.
/// Scores are in quantisation steps of the tagger's weights (1/32767 of its largest weight),
/// so the thresholds do not depend on how long it trained. With these, a jackknifed tagger
/// reports about half of its errors and a tenth of its right tags as unsure.
pub const ALT_MARGINS: [f32; 3] = [1000.0, 3000.0, 8000.0];

impl Alt {
    pub const SURE: Alt = Alt {
        class: u16::MAX,
        bucket: u8::MAX,
        margin: f32::INFINITY,
    };

    pub fn is_sure(self) -> bool {
        self.class == u16::MAX
    }

    /// The runner-up to `best` in `scores`, if within the widest margin.
    fn from_scores(scores: &[f32], best: usize) -> Alt {
        let mut second = None;
        for (i, &v) in scores.iter().enumerate() {
            if i != best && second.is_none_or(|j: usize| v > scores[j]) {
                second = Some(i);
            }
        }
        let Some(j) = second else { return Alt::SURE };
        let margin = scores[best] - scores[j];
        match ALT_MARGINS.iter().position(|&m| margin < m) {
            Some(b) => Alt {
                class: j as u16,
                bucket: b as u8,
                margin,
            },
            None => Alt {
                margin,
                ..Alt::SURE
            },
        }
    }
}

/// Tags of the optional sections after the lemmatiser in a tagger file.
const SECTION_SECOND_PASS: u8 = 1;
const SECTION_CLOSED: u8 = 2;
const SECTION_CLUSTERS: u8 = 3;

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

fn shape_hash(form: &str) -> u64 {
    let mut h = hash_str("shape");
    let mut last = '\0';
    let mut run = 0;
    for c in form.chars() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if s == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = s;
        }
        h = crate::hash::mix(h ^ s as u64);
    }
    h
}

impl Tagger {
    fn prepare(
        dict: &FxHashMap<u64, u16>,
        amb: &FxHashMap<u64, u16>,
        aset: &FxHashMap<u64, u64>,
        kinds: &[u8],
        clusters: Option<&Clusters>,
        forms: &[&str],
        s: &mut TagScratch,
    ) {
        s.toks.clear();
        for form in forms {
            s.lower.clear();
            crate::hash::push_lower(&mut s.lower, form);
            let l = s.lower.as_str();
            let mut t = Tok {
                lower: hash_str(l),
                exact: hash_str(form),
                shape: shape_hash(form),
                ..Default::default()
            };
            let idx: [usize; 6] = {
                let mut a = [0usize; 6];
                let mut it = l
                    .char_indices()
                    .map(|(i, _)| i)
                    .chain(std::iter::once(l.len()));
                for slot in a.iter_mut() {
                    *slot = it.next().unwrap_or(l.len());
                }
                a
            };
            for k in 0..3 {
                t.pre[k] = feat(90 + k as u32, hash_str(&l[..idx[k + 1]]), 0, 0);
            }
            let mut rev = l.char_indices().rev().map(|(i, _)| i);
            for k in 0..4 {
                let start = rev.next().unwrap_or(0);
                t.suf[k] = feat(80 + k as u32, hash_str(&l[start..]), 0, 0);
            }
            t.amb = amb.get(&t.lower).map_or(0, |&c| c as u64 + 1);
            t.aset = aset.get(&t.lower).copied().unwrap_or(0);
            t.fixed = dict.get(&t.exact).copied();
            if let Some(c) = clusters {
                t.cl = c.get(t.lower);
            }
            s.toks.push(t);
        }
        lookahead(&mut s.toks, kinds);
    }

    fn features(toks: &[Tok], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
        out.clear();
        let t = &toks[i];
        let at = |j: isize| -> Option<&Tok> {
            if j < 0 {
                None
            } else {
                toks.get(j as usize)
            }
        };
        let i = i as isize;
        let (wm1, sm1, shm1) = at(i - 1).map_or((BOS, BOS, BOS), |t| (t.lower, t.suf[2], t.shape));
        let wm2 = at(i - 2).map_or(BOS, |t| t.lower);
        let (wp1, sp1, ap1, shp1, asp1) = at(i + 1).map_or((EOS, EOS, EOS, EOS, EOS), |t| {
            (t.lower, t.suf[2], t.amb, t.shape, t.aset)
        });
        let (wp2, ap2) = at(i + 2).map_or((EOS, EOS), |t| (t.lower, t.amb));
        let f = [
            feat(0, 0, 0, 0),
            feat(1, t.lower, 0, 0),
            feat(2, t.exact, 0, 0),
            t.suf[0],
            t.suf[1],
            t.suf[2],
            t.suf[3],
            t.pre[0],
            t.pre[1],
            t.pre[2],
            feat(10, t.shape, 0, 0),
            feat(11, p1, 0, 0),
            feat(12, p1, p2, 0),
            feat(13, p1, t.lower, 0),
            feat(14, wm1, 0, 0),
            feat(15, sm1, 0, 0),
            feat(16, wm2, 0, 0),
            feat(17, wp1, 0, 0),
            feat(18, sp1, 0, 0),
            feat(19, wp2, 0, 0),
            feat(20, wm1, t.lower, 0),
            feat(21, t.lower, wp1, 0),
            feat(22, ap1, 0, 0),
            feat(23, ap2, 0, 0),
            feat(24, ap1, t.lower, 0),
            feat(25, shm1, t.shape, 0),
            feat(26, t.shape, shp1, 0),
            feat(27, (i == 0) as u64, t.shape, 0),
            feat(28, p1, t.suf[2], 0),
            feat(29, p1, ap1, 0),
            feat(30, t.aset, 0, 0),
            feat(31, ap1, ap2, t.amb),
            feat(32, asp1, 0, 0),
            feat(33, t.aset, asp1, 0),
            feat(34, p1, wm1, 0),
            feat(35, wm1, wp1, 0),
            feat(36, t.lower, t.ahead, 0),
            feat(37, t.aset, t.ahead, 0),
            feat(38, t.lower, t.ahead, ap1),
        ];
        out.extend_from_slice(&f);
    }

    /// Word-cluster features of token `i` (the word and two either side), `levels` being the
    /// table's number of granularities (coarsest first).
    fn cluster_features(toks: &[Tok], i: usize, p1: u64, levels: usize, out: &mut Vec<u64>) {
        let lv = |k: usize| k.min(levels - 1);
        let c = |j: isize, k: usize| -> u64 {
            if j < 0 {
                BOS
            } else {
                toks.get(j as usize)
                    .map_or(EOS, |t| Clusters::value(t.cl, lv(k)))
            }
        };
        let i = i as isize;
        let (c0, c1, c2) = (c(i, 0), c(i, 1), c(i, 2));
        let (m1, n1) = (c(i - 1, 1), c(i + 1, 1));
        out.extend_from_slice(&[
            feat(50, c0, 0, 0),
            feat(51, c1, 0, 0),
            feat(52, c2, 0, 0),
            feat(53, m1, 0, 0),
            feat(54, n1, 0, 0),
            feat(55, c(i - 2, 0), 0, 0),
            feat(56, c(i + 2, 0), 0, 0),
            feat(57, c(i - 1, 2), 0, 0),
            feat(58, c(i + 1, 2), 0, 0),
            feat(59, p1, c1, 0),
            feat(60, c2, n1, 0),
            feat(61, m1, c1, 0),
        ]);
    }

    /// The second pass's extra features: first-pass classes to the right.
    fn right_features(toks: &[Tok], first: &[u16], i: usize, p1: u64, out: &mut Vec<u64>) {
        let n = |j: usize| first.get(j).map_or(EOS, |&c| c as u64 + 7);
        let (n1, n2) = (n(i + 1), n(i + 2));
        let t = &toks[i];
        out.extend_from_slice(&[
            feat(40, n1, 0, 0),
            feat(41, n1, n2, 0),
            feat(42, n1, t.lower, 0),
            feat(43, p1, n1, 0),
            feat(44, n1, t.suf[2], 0),
            feat(45, n1, t.shape, 0),
            feat(46, n(i + 3), n1, n2),
        ]);
    }

    /// Tags a sentence; writes one class id per form into `out`.
    pub fn tag(&self, forms: &[&str], s: &mut TagScratch, out: &mut Vec<u16>) {
        self.tag_inner(forms, s, out, None);
    }

    /// Tags a sentence like [`Tagger::tag`] and also writes, per form, the runner-up class
    /// when the tagger was unsure ([`Alt`]), for a parser that weighs the tagger's doubt.
    pub fn tag_with_alternatives(
        &self,
        forms: &[&str],
        s: &mut TagScratch,
        out: &mut Vec<u16>,
        alts: &mut Vec<Alt>,
    ) {
        self.tag_inner(forms, s, out, Some(alts));
    }

    fn tag_inner(
        &self,
        forms: &[&str],
        s: &mut TagScratch,
        out: &mut Vec<u16>,
        mut alts: Option<&mut Vec<Alt>>,
    ) {
        if let Some(a) = alts.as_deref_mut() {
            a.clear();
        }
        let cl = self.clusters.as_ref();
        Self::prepare(&self.dict, &self.amb, &self.aset, &self.kinds, cl, forms, s);
        let levels = cl.map_or(0, Clusters::levels);
        out.clear();
        s.scores.resize(self.weights.n_classes, 0.0);
        let mut feats = std::mem::take(&mut s.feats);
        let (mut p1, mut p2) = (BOS, BOS);
        for i in 0..forms.len() {
            let c = match s.toks[i].fixed {
                Some(c) => {
                    if let Some(a) = alts.as_deref_mut() {
                        a.push(Alt::SURE);
                    }
                    c
                }
                None => {
                    Self::features(&s.toks, i, p1, p2, &mut feats);
                    if levels > 0 {
                        Self::cluster_features(&s.toks, i, p1, levels, &mut feats);
                    }
                    self.weights.score(&feats, &mut s.scores);
                    let c = self.choose(&s.scores, &s.toks[i]);
                    if let Some(a) = alts.as_deref_mut() {
                        a.push(Alt::from_scores(&s.scores, c));
                    }
                    c as u16
                }
            };
            out.push(c);
            p2 = p1;
            p1 = c as u64 + 7;
        }
        if let Some(w2) = &self.weights2 {
            s.first.clear();
            s.first.extend_from_slice(out);
            let (mut p1, mut p2) = (BOS, BOS);
            for (i, c) in out.iter_mut().enumerate() {
                if s.toks[i].fixed.is_none() {
                    Self::features(&s.toks, i, p1, p2, &mut feats);
                    if levels > 0 {
                        Self::cluster_features(&s.toks, i, p1, levels, &mut feats);
                    }
                    Self::right_features(&s.toks, &s.first, i, p1, &mut feats);
                    w2.score(&feats, &mut s.scores);
                    *c = self.choose(&s.scores, &s.toks[i]) as u16;
                }
                p2 = p1;
                p1 = *c as u64 + 7;
            }
        }
        s.feats = feats;
        self.repair_adjective_noun(forms, out);
        self.repair_after_modal(forms, out);
        self.repair(forms, out);
        self.repair_noun_read_as_adverb(&s.toks, out);
    }

    /// "Libya must hand over the suspects": a lower-case singular noun right after a modal
    /// (adverbs and "not" may stand between) is the verb the modal governs; English puts
    /// no noun there.
    fn repair_after_modal(&self, forms: &[&str], classes: &mut [u16]) {
        let Some(vb) = self.fixed.base else { return };
        let x = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
        for i in 1..classes.len() {
            if x(classes[i]) != "NN" || !forms[i].bytes().all(|b| b.is_ascii_lowercase()) {
                continue;
            }
            let modal = (0..i)
                .rev()
                .find(|&k| x(classes[k]) != "RB")
                .is_some_and(|k| x(classes[k]) == "MD");
            if modal {
                classes[i] = vb;
            }
        }
    }

    /// "The military yesterday denied …", "A top official today praised …": a listed word
    /// (`data/adjective-nouns.txt`) read as an adjective at the end of a noun phrase, before
    /// a time word, an adverb, a modal, a verb or a comma, is the phrase's noun. Runs before the
    /// finite-verb repair, which needs the noun before the verb.
    fn repair_adjective_noun(&self, forms: &[&str], classes: &mut [u16]) {
        let Some(nn) = self.fixed.noun else { return };
        let x = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
        for i in 1..classes.len().saturating_sub(1) {
            // After a determiner's modifiers ("a suspected militant").
            let in_phrase =
                matches!(
                    x(classes[i - 1]),
                    "DT" | "JJ" | "NNP" | "PRP$" | "NN" | "CD"
                ) || (i >= 2 && x(classes[i - 1]) == "VBN" && x(classes[i - 2]) == "DT");
            if x(classes[i]) != "JJ"
                || !in_phrase
                || !ADJECTIVE_NOUNS
                    .iter()
                    .any(|w| forms[i].eq_ignore_ascii_case(w))
            {
                continue;
            }
            let next = x(classes[i + 1]);
            let time = TIME_WORDS
                .iter()
                .any(|w| forms[i + 1].eq_ignore_ascii_case(w));
            // Before a comma too: "Ali Musa, a suspected militant, was …".
            if time
                || matches!(
                    next,
                    "RB" | "RBR" | "MD" | "VBD" | "VBZ" | "VBP" | "VBN" | ","
                )
            {
                classes[i] = nn;
            }
        }
    }

    /// "a key U.S. ally in the war": a word whose most frequent class in training is a
    /// singular noun, read as an adverb (its "-ly" outvoting it) right after a determiner
    /// and its modifiers and before a preposition or punctuation, is the noun the
    /// determiner opens.
    fn repair_noun_read_as_adverb(&self, toks: &[Tok], classes: &mut [u16]) {
        let Some(nn) = self.fixed.noun else { return };
        let x = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
        for i in 2..classes.len().saturating_sub(1) {
            if x(classes[i]) != "RB"
                || toks[i].amb != nn as u64 + 1
                || !matches!(x(classes[i + 1]), "IN" | "," | ".")
                || !matches!(x(classes[i - 1]), "JJ" | "NNP")
            {
                continue;
            }
            let det = (0..i - 1)
                .rev()
                .find(|&k| !matches!(x(classes[k]), "JJ" | "NNP" | "HYPH"));
            if det.is_some_and(|k| x(classes[k]) == "DT") {
                classes[i] = nn;
            }
        }
    }

    /// A clause needs a finite verb. When the tagger found none in a stretch of the
    /// sentence between punctuation, wh-words and subordinators, and a past participle there
    /// stands (perhaps after an adverb) between a noun or pronoun and the start of a noun
    /// phrase ("police detained 14 people", "police fired tear gas at protesters who …"), it
    /// is the clause's past-tense verb: the training treebanks hold such news verbs
    /// ("detained", "struck") mostly as passives, so the word's own features outvote the
    /// context. Headline passives ("14 detained in Osh") have no object after them, and a
    /// time word after the participle ("arrested last week") is no object; both keep their
    /// participle.
    fn repair(&self, forms: &[&str], classes: &mut [u16]) {
        let Some(past) = self.fixed.past else { return };
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let n = classes.len();
        // "The ministry froze funds": a rare irregular past that the tagger read as a noun
        // by its context is still a verb (first, so the clause repairs below see it).
        for (i, form) in forms.iter().enumerate() {
            if PRETERITES.contains(form)
                && !matches!(
                    self.upos.get(classes[i] as usize).map(String::as_str),
                    Some("VERB" | "AUX")
                )
            {
                classes[i] = past;
            }
        }
        let mut start = 0;
        while start < n {
            let mut end = start;
            while end < n && role(classes[end]) & ROLE_BOUNDARY == 0 {
                end += 1;
            }
            if end > start {
                self.repair_stretch(forms, &mut classes[..end], start, past);
            }
            start = end + 1;
        }
        self.repair_conjoined_clause(forms, classes, past);
        self.repair_sentence(forms, classes, past);
        self.repair_after_relative(forms, classes, past);
        self.repair_after_subordinator(forms, classes, past);
        self.repair_opening_participle(forms, classes);
        // "a student shot by police": an irregular past participle read as a singular noun
        // ("shot") between a noun and "by" is the participle; the lemmatiser's own list of
        // irregular forms tells which words are ("field", "period" are not).
        for i in 1..n.saturating_sub(1) {
            if !forms[i + 1].eq_ignore_ascii_case("by")
                || self.xpos.get(classes[i] as usize).is_none_or(|x| x != "NN")
                || role(classes[i - 1]) & ROLE_NOMINAL == 0
            {
                continue;
            }
            let Some(vbn) = self.fixed.participle else {
                break;
            };
            let lower = forms[i].to_ascii_lowercase();
            if self.lemmatiser.is_exception(&lower, vbn) {
                classes[i] = vbn;
            }
        }
        // "Senate aides said": a present-tense "-s" verb right before a past or plural verb is
        // a plural noun. (Before a singular one it may end a reduced relative clause: "what
        // the firm wants is …".)
        if let (Some(vbz), Some(nns)) = (self.fixed.third, self.fixed.plural) {
            for i in 0..n.saturating_sub(1) {
                if classes[i] != vbz {
                    continue;
                }
                let next = self.xpos.get(classes[i + 1] as usize).map(String::as_str);
                if matches!(next, Some("VBD" | "VBP"))
                    && forms[i].len() > 3
                    && forms[i].ends_with('s')
                    && !forms[i].ends_with("'s")
                {
                    classes[i] = nns;
                }
            }
        }
        // "the mine", "a mine": after an article the word is the noun, never the pronoun.
        for i in 1..n {
            if forms[i].eq_ignore_ascii_case("mine")
                && ["the", "a", "this", "that"]
                    .iter()
                    .any(|d| forms[i - 1].eq_ignore_ascii_case(d))
            {
                if let Some(nn) = self.fixed.noun {
                    classes[i] = nn;
                }
            }
        }
    }

    /// "… and residents smelled trouble": after "and" or "but", a noun phrase and an "-ed"
    /// word read as a participle or an adjective, before the start of an object, open a
    /// clause of their own whose verb that word is (the finite verb earlier in the sentence
    /// belongs to the first clause); right after "and", such a word after a past-tense verb
    /// is that verb's second one ("seized the town and killed 12 people").
    fn repair_conjoined_clause(&self, forms: &[&str], classes: &mut [u16], past: u16) {
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let x = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
        let n = classes.len();
        for k in 1..n.saturating_sub(3) {
            if !(forms[k].eq_ignore_ascii_case("and") || forms[k].eq_ignore_ascii_case("but")) {
                continue;
            }
            let mut v = k + 1;
            while v < n && matches!(x(classes[v]), "DT" | "PRP$" | "JJ" | "CD") {
                v += 1;
            }
            // "attacked the base and wounded four soldiers": the "-ed" word right after "and"
            // joins a second verb to a past-tense verb before it.
            // Only before a determiner, number or possessive: "and wounded civilians fled"
            // keeps its adjective.
            let second_verb = forms[k + 1].ends_with("ed")
                && matches!(x(classes[k + 1]), "JJ" | "VBN")
                && matches!(x(classes[k + 2]), "DT" | "CD" | "PRP$")
                && (0..k).any(|i| x(classes[i]) == "VBD");
            if second_verb {
                v = k + 1;
            }
            let np = v;
            while v < n && role(classes[v]) & ROLE_NOMINAL != 0 {
                v += 1;
            }
            if (v == np && !second_verb)
                || v + 1 >= n
                || !forms[v].ends_with("ed")
                || forms[v].starts_with(char::is_uppercase)
            {
                continue;
            }
            let verbish = role(classes[v]) & ROLE_PARTICIPLE != 0 || x(classes[v]) == "JJ";
            let object = role(classes[v + 1]) & ROLE_NP_START != 0
                && !TIME_WORDS
                    .iter()
                    .any(|w| forms[v + 1].eq_ignore_ascii_case(w));
            if verbish && object {
                classes[v] = past;
            }
        }
    }

    /// A whole sentence, closed by a full stop, with no finite verb at all: a participle
    /// right after a noun (or an apposition and its comma) and before a preposition is its
    /// verb ("a group of farmers called for a boycott.", "rival groups fought in the city.").
    /// Headlines, where the passive reading is right ("14 detained in Osh"), carry no full
    /// stop; "by" keeps the passive.
    fn repair_sentence(&self, forms: &[&str], classes: &mut [u16], past: u16) {
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let n = classes.len();
        if n < 4
            || forms.get(n - 1) != Some(&".")
            || classes
                .iter()
                .any(|&c| self.kinds.get(c as usize) == Some(&KIND_FINITE))
        {
            return;
        }
        for i in 1..n - 2 {
            // A time word may come first ("a court ruled Friday against the rules.").
            let mut p = i + 1;
            if p + 1 < n && TIME_WORDS.iter().any(|w| forms[p].eq_ignore_ascii_case(w)) {
                p += 1;
            }
            // Or after an apposition set off by commas ("The group, the FDD, insisted on").
            let after_noun = role(classes[i - 1]) & ROLE_NOMINAL != 0
                || (i >= 2
                    && forms[i - 1] == ","
                    && (role(classes[i - 2]) & ROLE_NOMINAL != 0 || forms[i - 2] == ")"));
            if role(classes[i]) & ROLE_PARTICIPLE != 0
                && after_noun
                && role(classes[p]) & ROLE_PREPOSITION != 0
                && !forms[p].eq_ignore_ascii_case("by")
            {
                classes[i] = past;
                return;
            }
        }
    }

    /// "One fisherman, who asked not to be named, told reporters …": a participle right after
    /// a relative clause set off by commas, before an object, is the main clause's verb when
    /// the subject before the clause has none.
    fn repair_after_relative(&self, forms: &[&str], classes: &mut [u16], past: u16) {
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let xpos = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
        let finite = |c: u16| self.kinds.get(c as usize) == Some(&KIND_FINITE);
        let n = classes.len();
        for i in 3..n.saturating_sub(1) {
            if role(classes[i]) & ROLE_PARTICIPLE == 0
                || forms[i - 1] != ","
                || role(classes[i + 1]) & ROLE_NP_START == 0
                || TIME_WORDS
                    .iter()
                    .any(|w| forms[i + 1].eq_ignore_ascii_case(w))
            {
                continue;
            }
            // The relative word after a comma after a noun, with no finite verb before it.
            let opened = (2..i - 1).rev().find(|&w| {
                matches!(xpos(classes[w]), "WP" | "WDT")
                    && forms[w - 1] == ","
                    && role(classes[w - 2]) & ROLE_NOMINAL != 0
            });
            if let Some(w) = opened {
                if !classes[..w].iter().any(|&c| finite(c)) {
                    classes[i] = past;
                    return;
                }
            }
        }
    }

    /// "Police fired tear gas a day after the opposition called for strikes": after a finite
    /// verb, "after" (or "before", "since", "until") with a noun phrase and a listed
    /// prepositional verb's past form opens a clause; the form is the past tense and "after"
    /// the subordinator. The tagger reads the form as a participle on the noun ("called" is
    /// mostly `VBN` in the treebanks), which the parser then hangs on the noun.
    fn repair_after_subordinator(&self, forms: &[&str], classes: &mut [u16], past: u16) {
        let Some(sconj) = self.fixed.subordinator else {
            return;
        };
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let finite = |c: u16| self.kinds.get(c as usize) == Some(&KIND_FINITE);
        let n = classes.len();
        for i in 1..n.saturating_sub(3) {
            if role(classes[i]) & ROLE_PREPOSITION == 0
                || !SUBORDINATING
                    .iter()
                    .any(|w| forms[i].eq_ignore_ascii_case(w))
                || !classes[..i].iter().any(|&c| finite(c))
            {
                continue;
            }
            // The noun phrase: up to six words, ending in a noun or pronoun.
            // (The tagger may have the past tense right and only the preposition wrong.)
            let Some(v) = (i + 2..n.min(i + 8))
                .find(|&k| role(classes[k]) & ROLE_PARTICIPLE != 0 || classes[k] == past)
            else {
                continue;
            };
            let np = (i + 1..v).all(|k| {
                role(classes[k]) & (ROLE_NP_START | ROLE_NOMINAL) != 0 || forms[k] == "'s"
            });
            if !np || role(classes[v - 1]) & ROLE_NOMINAL == 0 || v + 1 >= n {
                continue;
            }
            let listed = PREPOSITIONAL_VERBS.iter().any(|(f, p)| {
                forms[v].eq_ignore_ascii_case(f) && forms[v + 1].eq_ignore_ascii_case(p)
            });
            // … or a participle right before the start of an object ("after police raided
            // his home"); not before a time ("after the deal signed this week").
            let x = |c: u16| self.xpos.get(c as usize).map_or("", String::as_str);
            let object = matches!(x(classes[v + 1]), "DT" | "PRP$" | "CD")
                && !TIME_WORDS
                    .iter()
                    .any(|w| forms[v + 1].eq_ignore_ascii_case(w));
            let listed = listed || (object && x(classes[v]) == "VBN");
            // The clause has no finite verb of its own further on.
            let rest = (v + 1..n)
                .take_while(|&k| role(classes[k]) & ROLE_BOUNDARY == 0)
                .any(|k| finite(classes[k]));
            if listed && !rest {
                classes[v] = past;
                classes[i] = sconj;
            }
        }
    }

    /// "Jailed opposition leader Ana Ruiz said …", "Retired Gen. Samuel Otieno told …": a
    /// participle or past form that opens the sentence, before a noun phrase that runs
    /// straight into a finite verb, describes the noun (an adjective); read as the verb, it
    /// takes the speaker as its object or subject and the real verb hangs on it.
    fn repair_opening_participle(&self, forms: &[&str], classes: &mut [u16]) {
        let Some(adj) = self.fixed.adjective else {
            return;
        };
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        let finite = |c: u16| self.kinds.get(c as usize) == Some(&KIND_FINITE);
        let n = classes.len();
        let opener = n > 3
            && (role(classes[0]) & ROLE_PARTICIPLE != 0 || Some(classes[0]) == self.fixed.past)
            && forms[0].chars().next().is_some_and(char::is_uppercase)
            && forms[0].ends_with("ed");
        if !opener || TIME_WORDS.iter().any(|w| forms[1].eq_ignore_ascii_case(w)) {
            return;
        }
        let Some(v) = (1..n).find(|&k| role(classes[k]) & (ROLE_NP_START | ROLE_NOMINAL) == 0)
        else {
            return;
        };
        if v >= 2 && role(classes[v - 1]) & ROLE_NOMINAL != 0 && finite(classes[v]) {
            classes[0] = adj;
        }
    }

    /// [`Self::repair`] on the stretch `classes[from..]`.
    fn repair_stretch(&self, forms: &[&str], classes: &mut [u16], from: usize, past: u16) {
        let role = |c: u16| self.roles.get(c as usize).copied().unwrap_or(0);
        // A finite verb right after "and" or "but" is a conjunct ("… praised the deal and
        // said it …"): the clause's own verb comes before it, so the participles before it
        // are still candidates, and what follows belongs to the conjunct. Any other finite
        // verb is the clause's.
        let mut limit = classes.len();
        for k in from..classes.len() {
            if self.kinds.get(classes[k] as usize) != Some(&KIND_FINITE) {
                continue;
            }
            let conjoined = k > from
                && (forms[k - 1].eq_ignore_ascii_case("and")
                    || forms[k - 1].eq_ignore_ascii_case("but"));
            if !conjoined {
                return;
            }
            limit = k - 1;
            break;
        }
        let n = classes.len();
        let time_word = |i: usize| {
            forms
                .get(i)
                .is_some_and(|f| TIME_WORDS.iter().any(|w| f.eq_ignore_ascii_case(w)))
        };
        // An opening prepositional phrase before a comma ("In a survey released Sunday,")
        // holds no clause.
        let opening_phrase = from == 0
            && self
                .roles
                .get(classes[0] as usize)
                .is_some_and(|&r| r & ROLE_PREPOSITION != 0)
            && forms.get(n).is_some_and(|&f| f == ",");
        if opening_phrase {
            return;
        }
        // An object follows: a noun phrase, or a number after "at least", "more than".
        let object = |i: usize| {
            !time_word(i)
                && (role(classes[i]) & ROLE_NP_START != 0
                    || (i..n.min(i + 3))
                        .take_while(|&k| role(classes[k]) & ROLE_NUMBER == 0)
                        .all(|k| role(classes[k]) & ROLE_QUANT_MOD != 0)
                        && (i..n.min(i + 3)).any(|k| role(classes[k]) & ROLE_NUMBER != 0))
        };
        for i in from.max(1)..limit.min(n.saturating_sub(1)) {
            // Before a hyphenated participle, the word before the compound ("Korea
            // test-fired").
            // An adverb may stand between them ("Okafor later told reporters").
            let mut before = if role(classes[i - 1]) & ROLE_HYPHEN != 0 && i >= from + 3 {
                i - 3
            } else {
                i - 1
            };
            while before > from
                && role(classes[before]) & ROLE_ADVERB != 0
                && !forms[before].eq_ignore_ascii_case("not")
            {
                before -= 1;
            }
            if role(classes[i]) & ROLE_PARTICIPLE == 0 || role(classes[before]) & ROLE_NOMINAL == 0
            {
                continue;
            }
            // "Thousands of Kurds demonstrated in Kirkuk, witnesses said": a listed verb
            // before its preposition (`data/prepositional-verbs.txt`) needs no object.
            let prepositional = PREPOSITIONAL_VERBS.iter().any(|(f, p)| {
                forms[i].eq_ignore_ascii_case(f) && forms[i + 1].eq_ignore_ascii_case(p)
            });
            if object(i + 1) || prepositional {
                classes[i] = past;
                return;
            }
            // "Zambia extradited suspected militant Ali Musa": a second participle before
            // the object describes it.
            if let Some(adj) = self.fixed.adjective {
                if i + 2 < n && role(classes[i + 1]) & ROLE_PARTICIPLE != 0 && object(i + 2) {
                    classes[i] = past;
                    classes[i + 1] = adj;
                    return;
                }
            }
        }
    }

    /// The best class for token `t`: the top-scoring one when it is open or a closed class
    /// the word had (the common case, one comparison), else the best allowed one.
    fn choose(&self, scores: &[f32], t: &Tok) -> usize {
        let top = argmax(scores);
        if self.open[top] {
            return top;
        }
        let closed = self.closed.get(&t.lower).map_or(&[][..], Vec::as_slice);
        if closed.contains(&(top as u16)) {
            return top;
        }
        best_class(scores, &self.open, closed)
    }

    /// Writes the lemma of `form` with class `class` into `out`.
    /// Suffix rules are checked against the cluster vocabulary (words seen in unlabelled
    /// news), so an unseen inflection maps to a word that exists.
    pub fn lemma(&self, form: &str, class: u16, s: &mut TagScratch, out: &mut String) {
        // An irregular past the treebanks never showed ("fled", "wept") has no learned rule
        // of its own; the suffix rules would give "flead" or "we".
        if matches!(
            self.xpos.get(class as usize).map(String::as_str),
            Some("VBD" | "VBN")
        ) {
            s.lower.clear();
            crate::hash::push_lower(&mut s.lower, form);
            if let Some(lemma) = IRREGULAR_PAST.get(s.lower.as_str()) {
                out.clear();
                out.push_str(lemma);
                return;
            }
        }
        match &self.clusters {
            Some(c) => self
                .lemmatiser
                .lemmatise_known(form, class, &mut s.lower, out, |h| c.get(h) != 0),
            None => self.lemmatiser.lemmatise(form, class, &mut s.lower, out),
        }
    }

    /// Appends to `out` the word class of each token of the sentence last tagged with `s`:
    /// the clusters' second level, class id + 1 (0 for an unknown word or a model without
    /// clusters). Read from the tagger's own per-token lookup, so no word is hashed twice.
    pub fn word_classes(&self, s: &TagScratch, out: &mut Vec<u16>) {
        let two_levels = self.clusters.as_ref().is_some_and(|c| c.levels() > 1);
        out.extend(s.toks.iter().map(|t| {
            if two_levels {
                ((t.cl >> 16) & 0xffff) as u16
            } else {
                0
            }
        }));
    }

    pub fn n_classes(&self) -> usize {
        self.upos.len()
    }

    /// The class id for a `UPOS`/`XPOS` pair, if the tagger knows it.
    pub fn class_of(&self, upos: &str, xpos: &str) -> Option<u16> {
        (0..self.upos.len())
            .find(|&i| self.upos[i] == upos && self.xpos[i] == xpos)
            .map(|i| i as u16)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.strs(&self.upos);
        w.strs(&self.xpos);
        for table in [&self.dict, &self.amb] {
            let mut v: Vec<(u64, u16)> = table.iter().map(|(&k, &c)| (k, c)).collect();
            v.sort_unstable();
            w.u32(v.len() as u32);
            for (k, c) in v {
                w.u64(k);
                w.u16(c);
            }
        }
        let mut v: Vec<(u64, u64)> = self.aset.iter().map(|(&k, &c)| (k, c)).collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        for (k, c) in v {
            w.u64(k);
            w.u64(c);
        }
        self.weights.write(&mut w);
        self.lemmatiser.write(&mut w);
        // Optional tagged sections, so files without them (one pass, no closed-class lists)
        // still load.
        if let Some(w2) = &self.weights2 {
            w.u8(SECTION_SECOND_PASS);
            w2.write(&mut w);
        }
        if !self.closed.is_empty() {
            w.u8(SECTION_CLOSED);
            let mut v: Vec<(&u64, &Vec<u16>)> = self.closed.iter().collect();
            v.sort_unstable();
            w.u32(v.len() as u32);
            for (k, cs) in v {
                w.u64(*k);
                w.u8(cs.len() as u8);
                for &c in cs {
                    w.u16(c);
                }
            }
        }
        if let Some(c) = &self.clusters {
            w.u8(SECTION_CLUSTERS);
            c.write(&mut w);
        }
        seal("tagger", &w.buf)
    }

    /// Loads a tagger file; `what` names it in errors.
    pub fn from_bytes(what: &str, data: &[u8]) -> Result<Self, ModelError> {
        let payload = unseal(what, "tagger", data)?;
        let mut r = Reader::new(what, payload);
        let upos = r.strs()?;
        let xpos = r.strs()?;
        if upos.len() != xpos.len() || upos.is_empty() {
            return Err(r.err("class tables differ in length"));
        }
        let mut tables = [FxHashMap::default(), FxHashMap::default()];
        for t in tables.iter_mut() {
            let n = r.len(1 << 26)?;
            t.reserve(n);
            for _ in 0..n {
                let k = r.u64()?;
                let c = r.u16()?;
                if c as usize >= upos.len() {
                    return Err(r.err("tag class out of range"));
                }
                t.insert(k, c);
            }
        }
        let n = r.len(1 << 26)?;
        let mut aset = FxHashMap::default();
        aset.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            aset.insert(k, r.u64()?);
        }
        let weights = Weights::read(&mut r)?;
        if weights.n_classes != upos.len() {
            return Err(r.err("weights do not match the class table"));
        }
        let lemmatiser = Lemmatiser::read(&mut r)?;
        let mut weights2 = None;
        let mut closed = FxHashMap::default();
        let mut clusters = None;
        while !r.at_end() {
            match r.u8()? {
                SECTION_SECOND_PASS => {
                    let w2 = Weights::read(&mut r)?;
                    if w2.n_classes != upos.len() {
                        return Err(r.err("second-pass weights do not match the class table"));
                    }
                    weights2 = Some(w2);
                }
                SECTION_CLOSED => {
                    let n = r.len(1 << 26)?;
                    closed.reserve(n);
                    for _ in 0..n {
                        let k = r.u64()?;
                        let m = r.u8()? as usize;
                        let mut cs = Vec::with_capacity(m);
                        for _ in 0..m {
                            let c = r.u16()?;
                            if c as usize >= upos.len() {
                                return Err(r.err("tag class out of range"));
                            }
                            cs.push(c);
                        }
                        closed.insert(k, cs);
                    }
                }
                SECTION_CLUSTERS => clusters = Some(Clusters::read(&mut r)?),
                _ => return Err(r.err("unknown section")),
            }
        }
        r.finish()?;
        let [dict, amb] = tables;
        let open = open_classes(&upos, &xpos);
        let kinds = class_kinds(&upos, &xpos);
        let roles = class_roles(&upos, &xpos);
        let fixed = RepairClasses::new(&upos, &xpos);
        Ok(Tagger {
            upos,
            xpos,
            dict,
            amb,
            aset,
            weights,
            weights2,
            lemmatiser,
            open,
            closed,
            kinds,
            roles,
            fixed,
            clusters,
        })
    }

    /// Drops small weights (see [`Weights::prune`]).
    pub fn prune(&mut self, threshold: f32) {
        self.weights.prune(threshold);
        if let Some(w2) = &mut self.weights2 {
            w2.prune(threshold);
        }
    }

    pub fn describe(&self) -> String {
        let w2 = self.weights2.as_ref();
        format!(
            "{} classes, {}-pass, {} features, {} weights, {} dictionary words, {} lemma exceptions, {} cluster words",
            self.upos.len(),
            1 + w2.is_some() as usize,
            self.weights.n_features() + w2.map_or(0, |w| w.n_features()),
            self.weights.n_weights() + w2.map_or(0, |w| w.n_weights()),
            self.dict.len(),
            self.lemmatiser.n_exceptions(),
            self.clusters.as_ref().map_or(0, Clusters::len)
        )
    }
}

/// Training settings for the tagger.
#[derive(Debug, Clone)]
pub struct TaggerTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Train the second pass (see the module docs).
    pub two_pass: bool,
    /// Folds of the jackknife that gives the second pass its first-pass tags.
    pub folds: usize,
    /// Word clusters to use as features (stored in the model).
    pub clusters: Option<std::sync::Arc<Clusters>>,
    /// One-pass taggers trained with consecutive seeds from `seed` whose weights are
    /// averaged into the model (1: a single tagger). One perceptron's weights depend on the
    /// order it saw the sentences in; the mean of several is steadier.
    pub ensemble: usize,
}

impl Default for TaggerTrainOptions {
    fn default() -> Self {
        TaggerTrainOptions {
            epochs: 8,
            seed: 1,
            two_pass: false,
            folds: 4,
            clusters: None,
            ensemble: 1,
        }
    }
}

/// The sentences outside fold `fold` of `k` (sentence `i` is in fold `i % k`), for
/// jackknifing: a model trained on them tags the fold it never saw.
pub(crate) fn all_but_fold(sents: &[Sentence], k: usize, fold: usize) -> Vec<Sentence> {
    sents
        .iter()
        .enumerate()
        .filter(|(i, _)| i % k != fold)
        .map(|(_, s)| s.clone())
        .collect()
}

/// Trains a tagger; `progress` receives (epoch, training accuracy, tagger so far); with
/// `two_pass`, the epochs of the first pass are reported, then those of the second.
pub fn train_tagger(
    sents: &[Sentence],
    opts: &TaggerTrainOptions,
    mut progress: impl FnMut(usize, f64, &Tagger),
) -> Tagger {
    let mut tagger = train_one_pass(sents, opts, None, &mut progress);
    if opts.ensemble > 1 {
        // Same data, so the same classes and dictionaries: only the weights differ.
        let others: Vec<Tagger> = (1..opts.ensemble as u64)
            .map(|k| {
                let one = TaggerTrainOptions {
                    seed: opts.seed + k,
                    two_pass: false,
                    ..opts.clone()
                };
                train_one_pass(sents, &one, None, &mut |_, _, _| {})
            })
            .collect();
        let mut all = vec![&tagger.weights];
        all.extend(others.iter().map(|t| &t.weights));
        let mean = Weights::mean(&all);
        tagger.weights = mean;
    }
    if !opts.two_pass || sents.len() < 2 {
        return tagger;
    }
    // First-pass tags for every training sentence from a tagger that never saw it.
    let k = opts.folds.clamp(2, sents.len());
    let mut first: Vec<Vec<u16>> = vec![Vec::new(); sents.len()];
    let mut scratch = TagScratch::default();
    let mut classes = Vec::new();
    for fold in 0..k {
        let rest = all_but_fold(sents, k, fold);
        let one = TaggerTrainOptions {
            two_pass: false,
            seed: opts.seed + 1 + fold as u64,
            ..opts.clone()
        };
        let t = train_one_pass(&rest, &one, None, &mut |_, _, _| {});
        for i in (fold..sents.len()).step_by(k) {
            let forms: Vec<&str> = sents[i].words.iter().map(|w| w.form.as_str()).collect();
            t.tag(&forms, &mut scratch, &mut classes);
            // Fold taggers number their classes in their own first-seen order.
            first[i] = classes
                .iter()
                .map(|&c| {
                    let c = c as usize;
                    tagger.class_of(&t.upos[c], &t.xpos[c]).unwrap_or(0)
                })
                .collect();
        }
    }
    train_one_pass(sents, opts, Some((&first, tagger.weights)), &mut progress)
}

/// Trains one pass: the first if `second` is `None`; else the second, given the first pass's
/// weights and the (jackknifed) first-pass tags it sees to the right.
fn train_one_pass(
    sents: &[Sentence],
    opts: &TaggerTrainOptions,
    second: Option<(&[Vec<u16>], Weights)>,
    progress: &mut impl FnMut(usize, f64, &Tagger),
) -> Tagger {
    // Class inventory, in first-seen order.
    let mut class_ids: FxHashMap<(String, String), u16> = FxHashMap::default();
    let mut upos = Vec::new();
    let mut xpos = Vec::new();
    let mut gold: Vec<Vec<u16>> = Vec::with_capacity(sents.len());
    for s in sents {
        let mut g = Vec::with_capacity(s.words.len());
        for w in &s.words {
            let key = (w.upos.clone(), w.xpos.clone());
            let next = upos.len() as u16;
            let id = *class_ids.entry(key).or_insert(next);
            if id == next {
                upos.push(w.upos.clone());
                xpos.push(w.xpos.clone());
            }
            g.push(id);
        }
        gold.push(g);
    }
    let n_classes = upos.len();
    // Tag dictionary and ambiguity classes.
    let mut exact: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    let mut lower: FxHashMap<u64, FxHashMap<u16, u32>> = FxHashMap::default();
    for (s, g) in sents.iter().zip(&gold) {
        for (w, &c) in s.words.iter().zip(g) {
            *exact
                .entry(hash_str(&w.form))
                .or_default()
                .entry(c)
                .or_default() += 1;
            *lower
                .entry(hash_str(&w.form.to_lowercase()))
                .or_default()
                .entry(c)
                .or_default() += 1;
        }
    }
    let top = |m: &FxHashMap<u16, u32>| {
        let total: u32 = m.values().sum();
        let (c, n) = m
            .iter()
            .map(|(&c, &n)| (c, n))
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .unwrap();
        (c, n, total)
    };
    let mut dict = FxHashMap::default();
    for (&k, m) in &exact {
        let (c, n, total) = top(m);
        if total >= 20 && n as f64 >= 0.995 * total as f64 {
            dict.insert(k, c);
        }
    }
    let mut amb = FxHashMap::default();
    let mut aset = FxHashMap::default();
    let open = open_classes(&upos, &xpos);
    let mut closed: FxHashMap<u64, Vec<u16>> = FxHashMap::default();
    for (&k, m) in &lower {
        let (c, _, total) = top(m);
        if total >= 2 {
            amb.insert(k, c);
            let mut cs: Vec<u16> = m.keys().copied().filter(|&c| !open[c as usize]).collect();
            if !cs.is_empty() {
                cs.sort_unstable();
                closed.insert(k, cs);
            }
            let mut set: Vec<u16> = m
                .iter()
                .filter(|(_, &n)| n as f64 >= 0.05 * total as f64)
                .map(|(&c, _)| c)
                .collect();
            set.sort_unstable();
            let h = set
                .iter()
                .fold(hash_str("aset"), |h, &c| crate::hash::mix(h ^ c as u64));
            aset.insert(k, h);
        }
    }
    let lemmatiser = Lemmatiser::train(sents.iter().zip(&gold).flat_map(|(s, g)| {
        s.words
            .iter()
            .zip(g)
            .map(|(w, &c)| (w.form.as_str(), c, w.lemma.as_str()))
    }));
    let mut p = Perceptron::new(n_classes);
    let (first, first_weights) = match second {
        Some((f, w)) => (Some(f), Some(w)),
        None => (None, None),
    };
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut scratch = TagScratch::default();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_classes];
    let kinds = class_kinds(&upos, &xpos);
    let roles = class_roles(&upos, &xpos);
    let fixed = RepairClasses::new(&upos, &xpos);
    let mut tagger = Tagger {
        upos,
        xpos,
        dict,
        amb,
        aset,
        weights: first_weights.unwrap_or_else(|| Perceptron::new(n_classes).freeze()),
        weights2: None,
        lemmatiser,
        open,
        closed,
        kinds,
        roles,
        fixed,
        clusters: opts.clusters.as_deref().cloned(),
    };
    let levels = opts.clusters.as_ref().map_or(0, |c| c.levels());
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let forms: Vec<&str> = sents[si].words.iter().map(|w| w.form.as_str()).collect();
            Tagger::prepare(
                &tagger.dict,
                &tagger.amb,
                &tagger.aset,
                &tagger.kinds,
                tagger.clusters.as_ref(),
                &forms,
                &mut scratch,
            );
            let (mut p1, mut p2) = (BOS, BOS);
            for (i, &g) in gold[si].iter().enumerate() {
                let c = match scratch.toks[i].fixed {
                    Some(c) => c,
                    None => {
                        Tagger::features(&scratch.toks, i, p1, p2, &mut feats);
                        if levels > 0 {
                            Tagger::cluster_features(&scratch.toks, i, p1, levels, &mut feats);
                        }
                        if let Some(first) = first {
                            Tagger::right_features(&scratch.toks, &first[si], i, p1, &mut feats);
                        }
                        p.score(&feats, &mut scores);
                        // Unconstrained while learning, so that every class keeps learning
                        // from the rare words it does take.
                        let guess = argmax(&scores);
                        p.update(&feats, g as usize, guess);
                        p.tick();
                        guess as u16
                    }
                };
                right += (c == g) as usize;
                total += 1;
                p2 = p1;
                p1 = c as u64 + 7;
            }
        }
        if first.is_some() {
            tagger.weights2 = Some(p.freeze());
        } else {
            tagger.weights = p.freeze();
        }

        progress(epoch + 1, right as f64 / total.max(1) as f64, &tagger);
    }
    tagger
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookahead_finds_the_first_finite_verb_or_punctuation_of_the_clause() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        // Classes 0..4: IN, NNS, VBD, punctuation.
        let kinds = class_kinds(
            &s(&["ADP", "NOUN", "VERB", "PUNCT"]),
            &s(&["IN", "NNS", "VBD", ","]),
        );
        assert_eq!(kinds, vec![0, 0, KIND_FINITE, KIND_PUNCT]);
        // "as crowds marched ," / "as crowds , …" / an unknown word is no evidence.
        let tok = |amb: u64| Tok {
            amb,
            ..Default::default()
        };
        let mut toks = vec![tok(1), tok(2), tok(3), tok(4)];
        lookahead(&mut toks, &kinds);
        assert_eq!(toks[0].ahead, KIND_FINITE as u64 * 16 + 2);
        assert_eq!(toks[2].ahead, KIND_PUNCT as u64 * 16 + 1);
        assert_eq!(toks[3].ahead, 0);
        let mut toks = vec![tok(1), tok(0), tok(4)];
        lookahead(&mut toks, &kinds);
        assert_eq!(toks[0].ahead, KIND_PUNCT as u64 * 16 + 2);
    }

    #[test]
    fn the_runner_up_is_reported_only_when_it_came_close() {
        let a = Alt::from_scores(&[10.0, 10.0 + ALT_MARGINS[0] / 2.0, 5.0], 1);
        assert_eq!((a.class, a.bucket), (0, 0));
        let between = (ALT_MARGINS[1] + ALT_MARGINS[2]) / 2.0;
        let a = Alt::from_scores(&[0.0, 1.0, 1.0 + between], 2);
        assert_eq!((a.class, a.bucket), (1, 2));
        let a = Alt::from_scores(&[0.0, 2.0 * ALT_MARGINS[2]], 1);
        assert!(a.is_sure());
        assert!(Alt::from_scores(&[1.0], 0).is_sure());
    }

    #[test]
    fn rare_words_keep_to_open_classes_and_closed_ones_they_had() {
        let upos: Vec<String> = ["PROPN", "CCONJ", "NOUN", "DET", "ADV"]
            .map(String::from)
            .to_vec();
        let xpos: Vec<String> = ["NNP", "CC", "NN", "DT", "RBR"].map(String::from).to_vec();
        let open = open_classes(&upos, &xpos);
        // A comparative adverb is an open universal class but a closed list.
        assert_eq!(open, vec![true, false, true, false, false]);
        let open = &open[..4];
        // Context favours CCONJ, but the word never was one: the best open class wins.
        let scores = [1.0, 5.0, 2.0, 0.5];
        assert_eq!(best_class(&scores, open, &[]), 2);
        // A word seen as a conjunction may be one again.
        assert_eq!(best_class(&scores, open, &[1]), 1);
        assert_eq!(best_class(&scores, open, &[3]), 2);
    }
}
