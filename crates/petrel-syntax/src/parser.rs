//! The dependency parser: greedy arc-hybrid transitions (SHIFT, LEFT, RIGHT; the root token
//! sits at the end of the buffer, so each sentence gets exactly one root) scored by an averaged
//! perceptron trained with a dynamic oracle (Goldberg & Nivre 2013) and exploration, plus a
//! second perceptron that labels each arc when it is built (all the dependent's children are
//! attached by then, in arc-hybrid).
//!
//! A model trained with `beam > 1` ([`ParserTrainOptions::beam`]) decodes with beam search
//! instead ([`crate::beam`]; same features and tables, global training); its file records
//! the width.
//!
//! Optional inputs, each stored in the model file when trained with it: word clusters
//! ([`crate::clusters`]) of the stack and buffer words, and the tagger's runner-up tags where
//! it was unsure (an experiment, off by default).
//!
//! After parsing, repairs mend news shapes no treebank tree has: those of the earlier sessions
//! here ([`Parser::parse`] lists the calls), the tenth session's in the `repairs` module.

use crate::clusters::Clusters;
use crate::conllu::Sentence;
use crate::hash::{feat, hash_str, mix, Rng};
use crate::model::{argmax, seal, unseal, ModelError, Perceptron, Reader, Weights, Writer};

pub(crate) const SHIFT: usize = 0;
const LEFT: usize = 1;
const RIGHT: usize = 2;
const NONE: u32 = u32::MAX;
const NIL: u64 = 0x3333;
const ROOT_W: u64 = 0x4444;

/// The tag value the parser sees for a token (joint UPOS and XPOS).
pub fn tag_hash(upos: &str, xpos: &str) -> u64 {
    mix(hash_str(upos) ^ hash_str(xpos).rotate_left(17))
}

/// The value a parser trained with the tagger's alternatives sees for a token the tagger was
/// sure of.
pub const ALT_SURE: u64 = 0x5555;

/// The value the parser sees for a token whose runner-up tag is `alt_tag` ([`tag_hash`]),
/// in margin bucket `bucket` (see `tagger::Alt`).
pub fn alt_value(alt_tag: u64, bucket: u8) -> u64 {
    mix(alt_tag ^ (bucket as u64 + 1).rotate_left(40))
}

/// Per-sentence token inputs, shared by every parser configuration of the sentence.
#[derive(Default)]
pub(crate) struct Toks {
    pub(crate) n: usize,
    w: Vec<u64>,
    p: Vec<u64>,
    suf: Vec<u64>,
    /// Packed word cluster ids ([`Clusters::get`]), filled only when the parser has clusters.
    cl: Vec<u64>,
    /// Cluster granularities of the parser's table (0: no cluster features).
    levels: usize,
    /// Per token, the tagger's runner-up ([`alt_value`] or [`ALT_SURE`]), filled only when
    /// the parser was trained with them.
    alt: Vec<u64>,
    lower: String,
}

/// One parser configuration: the stack, the front of the buffer and the arcs built so far.
/// Kept apart from [`Toks`] so that a beam can hold several and copy them cheaply.
#[derive(Default)]
pub(crate) struct Config {
    n: usize,
    stack: Vec<u32>,
    b: u32,
    pub(crate) head: Vec<u32>,
    pub(crate) label: Vec<u16>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    labset: Vec<u64>,
}

/// Parser state plus per-token inputs, reused across sentences.
#[derive(Default)]
pub struct ParseScratch {
    pub(crate) t: Toks,
    pub(crate) c: Config,
    pub(crate) feats: Vec<u64>,
    pub(crate) lfeats: Vec<u64>,
    pub(crate) scores: Vec<f32>,
    pub(crate) lscores: Vec<f32>,
    /// Buffers of the beam decoder ([`crate::beam`]), reused across sentences.
    pub(crate) beam: crate::beam::BeamScratch,
}

impl ParseScratch {
    pub(crate) fn init(
        &mut self,
        forms: &[&str],
        tags: &[u64],
        clusters: Option<&Clusters>,
        alts: Option<Option<&[u64]>>,
    ) {
        self.t.init(forms, tags, clusters, alts);
        self.c.init(forms.len());
    }

    fn features(&mut self) {
        features(&self.t, &self.c, &mut self.feats);
    }

    fn label_features(&mut self, h: u32, d: u32) {
        label_features(&self.t, &self.c, h, d, &mut self.lfeats);
    }
}

impl Toks {
    fn init(
        &mut self,
        forms: &[&str],
        tags: &[u64],
        clusters: Option<&Clusters>,
        alts: Option<Option<&[u64]>>,
    ) {
        let n = forms.len();
        self.alt.clear();
        if let Some(a) = alts {
            match a {
                Some(a) => self.alt.extend_from_slice(&a[..n]),
                None => self.alt.resize(n, ALT_SURE),
            }
            self.alt.push(ROOT_W);
        }
        self.n = n;
        self.w.clear();
        self.p.clear();
        self.suf.clear();
        self.cl.clear();
        self.levels = clusters.map_or(0, Clusters::levels);
        for (f, &t) in forms.iter().zip(tags) {
            self.lower.clear();
            crate::hash::push_lower(&mut self.lower, f);
            let lh = hash_str(&self.lower);
            self.w.push(lh);
            if let Some(c) = clusters {
                self.cl.push(c.get(lh));
            }
            let l = self.lower.as_str();
            let start = l.char_indices().rev().nth(2).map_or(0, |(i, _)| i);
            self.suf.push(hash_str(&l[start..]));
            self.p.push(t);
        }
        self.w.push(ROOT_W);
        self.p.push(ROOT_W);
        self.suf.push(ROOT_W);
        self.cl.push(0);
    }

    #[inline]
    fn wd(&self, x: u32) -> u64 {
        at(&self.w, x, NIL)
    }
    #[inline]
    fn pt(&self, x: u32) -> u64 {
        at(&self.p, x, NIL)
    }
}

/// `v[x]`, or `none` for the missing token `NONE`: the feature readers' one lookup.
#[inline]
fn at<T: Copy>(v: &[T], x: u32, none: T) -> T {
    if x == NONE {
        none
    } else {
        v[x as usize]
    }
}

/// By hand, for a `clone_from` that reuses the arrays (the derived one allocates anew).
impl Clone for Config {
    fn clone(&self) -> Self {
        let mut c = Config::default();
        c.clone_from(self);
        c
    }

    fn clone_from(&mut self, o: &Self) {
        self.n = o.n;
        self.b = o.b;
        self.stack.clone_from(&o.stack);
        self.head.clone_from(&o.head);
        self.label.clone_from(&o.label);
        self.lc1.clone_from(&o.lc1);
        self.lc2.clone_from(&o.lc2);
        self.rc1.clone_from(&o.rc1);
        self.rc2.clone_from(&o.rc2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
        self.labset.clone_from(&o.labset);
    }
}

impl Config {
    /// The initial configuration for `n` tokens (all on the buffer, the root after them).
    pub(crate) fn init(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        self.label.clear();
        self.label.resize(n + 1, u16::MAX);
        self.nl.clear();
        self.nl.resize(n + 1, 0);
        self.nr.clear();
        self.nr.resize(n + 1, 0);
        self.labset.clear();
        self.labset.resize(n + 1, 0);
    }

    pub(crate) fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b as usize == self.n
    }

    pub(crate) fn valid(&self) -> [bool; 3] {
        let n = self.n as u32;
        let sl = self.stack.len();
        [self.b < n, sl >= 1 && (self.b < n || sl == 1), sl >= 2]
    }

    /// The (head, dependent) pair a LEFT or RIGHT move would build.
    pub(crate) fn arc(&self, t: usize) -> (u32, u32) {
        let s0 = *self.stack.last().unwrap();
        if t == LEFT {
            (self.b, s0)
        } else {
            (self.stack[self.stack.len() - 2], s0)
        }
    }

    pub(crate) fn apply(&mut self, t: usize, label: u16) {
        if t == SHIFT {
            self.stack.push(self.b);
            self.b += 1;
            return;
        }
        let (h, d) = self.arc(t);
        self.stack.pop();
        self.head[d as usize] = h;
        self.label[d as usize] = label;
        let (h, d) = (h as usize, d);
        if d < h as u32 {
            self.nl[h] = self.nl[h].saturating_add(1);
            if self.lc1[h] == NONE || d < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d;
            } else if self.lc2[h] == NONE || d < self.lc2[h] {
                self.lc2[h] = d;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            if self.rc1[h] == NONE || d > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d;
            } else if self.rc2[h] == NONE || d > self.rc2[h] {
                self.rc2[h] = d;
            }
        }
        self.labset[h] |= 1u64 << (label % 64);
    }

    #[inline]
    fn lb(&self, x: u32) -> u64 {
        if x == NONE {
            NIL
        } else {
            u64::from(self.label[x as usize])
        }
    }
    /// The set of labels of `x`'s children so far (a bit set).
    #[inline]
    fn ls(&self, x: u32) -> u64 {
        at(&self.labset, x, NIL)
    }
    #[inline]
    fn kid(&self, v: &[u32], x: u32) -> u32 {
        at(v, x, NONE)
    }

    /// Dynamic-oracle cost of each move against gold heads (`n` marks the root).
    pub(crate) fn costs(&self, gold: &[u32]) -> [u32; 3] {
        let n = self.n as u32;
        let sl = self.stack.len();
        let mut c = [u32::MAX; 3];
        let valid = self.valid();
        let buf = self.b..n;
        if valid[SHIFT] {
            let b = self.b;
            let mut k = self
                .stack
                .iter()
                .filter(|&&d| gold[d as usize] == b)
                .count() as u32;
            let gh = gold[b as usize];
            if sl >= 2 && self.stack[..sl - 1].contains(&gh) {
                k += 1;
            }
            c[SHIFT] = k;
        }
        if sl >= 1 {
            let s0 = self.stack[sl - 1];
            let deps_in_buf = buf.clone().filter(|&d| gold[d as usize] == s0).count() as u32;
            let gh = gold[s0 as usize];
            if valid[LEFT] {
                let lost_head = (sl >= 2 && gh == self.stack[sl - 2]) || gh > self.b;
                c[LEFT] = deps_in_buf + lost_head as u32;
            }
            if valid[RIGHT] {
                c[RIGHT] = deps_in_buf + (gh >= self.b) as u32;
            }
        }
        c
    }
}

/// The move model's features of configuration `c`, into `out`.
pub(crate) fn features(t: &Toks, c: &Config, out: &mut Vec<u64>) {
    let sl = c.stack.len();
    let s0 = if sl >= 1 { c.stack[sl - 1] } else { NONE };
    let s1 = if sl >= 2 { c.stack[sl - 2] } else { NONE };
    let s2 = if sl >= 3 { c.stack[sl - 3] } else { NONE };
    let n = t.n as u32;
    let b0 = if c.b <= n { c.b } else { NONE };
    let b1 = if c.b < n { c.b + 1 } else { NONE };
    let b2 = if c.b + 1 < n { c.b + 2 } else { NONE };
    let (s0w, s0p, s1w, s1p, s2p) = (t.wd(s0), t.pt(s0), t.wd(s1), t.pt(s1), t.pt(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) =
        (t.wd(b0), t.pt(b0), t.wd(b1), t.pt(b1), t.wd(b2), t.pt(b2));
    let s0l = c.kid(&c.lc1, s0);
    let s0l2 = c.kid(&c.lc2, s0);
    let s0r = c.kid(&c.rc1, s0);
    let s0r2 = c.kid(&c.rc2, s0);
    let b0l = c.kid(&c.lc1, b0);
    let b0l2 = c.kid(&c.lc2, b0);
    let s1r = c.kid(&c.rc1, s1);
    let s1l = c.kid(&c.lc1, s1);
    let d = if s0 == NONE {
        0
    } else {
        (b0 - s0).min(6) as u64
    };
    let d2 = if s1 == NONE {
        0
    } else {
        (s0 - s1).min(6) as u64
    };
    let v = |x: u32, a: &[u8]| {
        if x == NONE {
            99
        } else {
            a[x as usize].min(5) as u64
        }
    };
    let (s0nl, s0nr, b0nl, s1nr) = (v(s0, &c.nl), v(s0, &c.nr), v(b0, &c.nl), v(s1, &c.nr));
    let s0wp = mix(s0w ^ s0p.rotate_left(11));
    let s1wp = mix(s1w ^ s1p.rotate_left(11));
    let b0wp = mix(b0w ^ b0p.rotate_left(11));
    let b1wp = mix(b1w ^ b1p.rotate_left(11));
    let f = [
        feat(0, 0, 0, 0),
        feat(1, s0w, 0, 0),
        feat(2, s0p, 0, 0),
        feat(3, s0wp, 0, 0),
        feat(4, s1w, 0, 0),
        feat(5, s1p, 0, 0),
        feat(6, s1wp, 0, 0),
        feat(7, b0w, 0, 0),
        feat(8, b0p, 0, 0),
        feat(9, b0wp, 0, 0),
        feat(10, b1w, 0, 0),
        feat(11, b1p, 0, 0),
        feat(12, b1wp, 0, 0),
        feat(13, b2p, 0, 0),
        feat(14, b2w, 0, 0),
        feat(15, s2p, 0, 0),
        feat(20, s0wp, b0wp, 0),
        feat(21, s0wp, b0w, 0),
        feat(22, s0w, b0wp, 0),
        feat(23, s0wp, b0p, 0),
        feat(24, s0p, b0wp, 0),
        feat(25, s0w, b0w, 0),
        feat(26, s0p, b0p, 0),
        feat(27, b0p, b1p, 0),
        feat(28, s1w, s0w, 0),
        feat(29, s1p, s0p, 0),
        feat(30, s1wp, s0p, 0),
        feat(31, s1p, s0wp, 0),
        feat(32, s1wp, s0wp, 0),
        feat(40, b0p, b1p, b2p),
        feat(41, s0p, b0p, b1p),
        feat(42, s1p, s0p, b0p),
        feat(43, s0p, t.pt(s0l), b0p),
        feat(44, s0p, t.pt(s0r), b0p),
        feat(45, s0p, b0p, t.pt(b0l)),
        feat(46, s1p, t.pt(s1r), s0p),
        feat(47, s1p, s0p, t.pt(s0l)),
        feat(48, s2p, s1p, s0p),
        feat(49, s1p, s0p, t.pt(s0r)),
        feat(50, s0w, d, 0),
        feat(51, s0p, d, 0),
        feat(52, b0w, d, 0),
        feat(53, b0p, d, 0),
        feat(54, s0w, b0w, d),
        feat(55, s0p, b0p, d),
        feat(56, s1p, s0p, d2),
        feat(57, s1w, s0w, d2),
        feat(60, s0w, s0nr, 0),
        feat(61, s0p, s0nr, 0),
        feat(62, s0w, s0nl, 0),
        feat(63, s0p, s0nl, 0),
        feat(64, b0w, b0nl, 0),
        feat(65, b0p, b0nl, 0),
        feat(66, s1p, s1nr, 0),
        feat(70, t.wd(s0l), 0, 0),
        feat(71, t.pt(s0l), 0, 0),
        feat(72, c.lb(s0l), 0, 0),
        feat(73, t.wd(s0r), 0, 0),
        feat(74, t.pt(s0r), 0, 0),
        feat(75, c.lb(s0r), 0, 0),
        feat(76, t.wd(b0l), 0, 0),
        feat(77, t.pt(b0l), 0, 0),
        feat(78, c.lb(b0l), 0, 0),
        feat(79, t.pt(s1r), c.lb(s1r), 0),
        feat(80, t.pt(s1l), c.lb(s1l), 0),
        feat(82, t.wd(s0l2), 0, 0),
        feat(83, t.pt(s0l2), 0, 0),
        feat(84, c.lb(s0l2), 0, 0),
        feat(85, t.wd(s0r2), t.pt(s0r2), 0),
        feat(86, c.lb(s0r2), 0, 0),
        feat(87, t.wd(b0l2), t.pt(b0l2), 0),
        feat(88, c.lb(b0l2), 0, 0),
        feat(91, s0p, c.lb(s0l), c.lb(s0l2)),
        feat(92, s0p, c.lb(s0r), c.lb(s0r2)),
        feat(93, b0p, c.lb(b0l), c.lb(b0l2)),
        feat(94, s0w, c.lb(s0l), c.lb(s0r)),
        feat(95, b0w, c.lb(b0l), b0p),
        feat(96, s1wp, s0p, b0p),
        feat(97, s1p, s0p, b0w),
        feat(98, c.ls(b0), s0p, 0),
        feat(99, c.ls(s1), s0p, b0p),
        feat(100, s1nr, s1p, s0p),
    ];
    out.clear();
    out.extend_from_slice(&f);
    if t.levels > 0 {
        let c = |x: u32, k: usize| {
            if x == NONE {
                NIL
            } else {
                Clusters::value(t.cl[x as usize], k.min(t.levels - 1))
            }
        };
        // Middle granularity only, alone and with tags: the finest classes and pairs of
        // classes (s0-b0, and in the labeller) gained 0.1 UAS on EWT dev but lost 1.5 on
        // GUM news dev.
        let (s0c, b0c, b1c, s1c) = (c(s0, 1), c(b0, 1), c(b1, 1), c(s1, 1));
        let g = [
            feat(110, s0c, 0, 0),
            feat(111, b0c, 0, 0),
            feat(112, b1c, 0, 0),
            feat(113, s1c, 0, 0),
            feat(116, s0c, b0p, 0),
            feat(117, s0p, b0c, 0),
            feat(119, b0c, b1p, 0),
            feat(120, s1p, s0c, 0),
        ];
        out.extend_from_slice(&g);
    }
    if !t.alt.is_empty() {
        let a = |x: u32| if x == NONE { NIL } else { t.alt[x as usize] };
        let (s0a, b0a) = (a(s0), a(b0));
        let g = [
            feat(130, s0a, 0, 0),
            feat(131, b0a, 0, 0),
            feat(132, a(b1), 0, 0),
            feat(133, s0a, b0p, 0),
            feat(134, s0p, b0a, 0),
            feat(135, b0a, b1p, 0),
            feat(136, s1p, s0a, 0),
            feat(137, s0wp, s0a, 0),
            feat(138, b0wp, b0a, 0),
        ];
        out.extend_from_slice(&g);
    }
}

/// The labeller's features of the arc `h` → `d` in configuration `c`, into `out`.
pub(crate) fn label_features(t: &Toks, c: &Config, h: u32, d: u32, out: &mut Vec<u64>) {
    let dir = (d < h) as u64;
    let (hw, hp, dw, dp) = (
        t.w[h as usize],
        t.p[h as usize],
        t.w[d as usize],
        t.p[d as usize],
    );
    let dist = (h as i64 - d as i64).unsigned_abs().min(8);
    let dl = c.lc1[d as usize];
    let dr = c.rc1[d as usize];
    let hl = c.lc1[h as usize];
    let prev = if d == 0 { NIL } else { t.p[d as usize - 1] };
    let next = t.p[d as usize + 1];
    let dsuf = t.suf[d as usize];
    let f = [
        feat(200, 0, 0, 0),
        feat(201, hw, dir, 0),
        feat(202, hp, dir, 0),
        feat(203, dw, dir, 0),
        feat(204, dp, dir, 0),
        feat(205, hp, dp, dir),
        feat(206, hw, dp, dir),
        feat(207, hp, dw, dir),
        feat(208, hw, dw, dir),
        feat(209, dp, dist, dir),
        feat(210, dp, c.lb(dl), 0),
        feat(211, dp, c.lb(dr), 0),
        feat(212, dp, c.lb(dl), c.lb(dr)),
        feat(213, dp, c.nl[d as usize] as u64, c.nr[d as usize] as u64),
        feat(214, hp, c.lb(hl), dir),
        feat(215, dp, c.labset[h as usize], dir),
        feat(216, dp, c.labset[d as usize], 0),
        feat(217, dp, prev, next),
        feat(218, dsuf, dp, 0),
        feat(219, hp, dp, t.pt(dl)),
        feat(220, dw, hp, c.lb(hl)),
        feat(221, t.wd(dl), dp, 0),
        feat(222, hp, dp, c.labset[h as usize] ^ dir),
    ];
    out.clear();
    out.extend_from_slice(&f);
    if t.levels > 0 {
        let c = |x: u32, k: usize| Clusters::value(t.cl[x as usize], k.min(t.levels - 1));
        let g = [feat(232, c(d, 1), dp, 0)];
        out.extend_from_slice(&g);
    }
    if !t.alt.is_empty() {
        let g = [
            feat(240, t.alt[d as usize], dp, 0),
            feat(241, hp, t.alt[d as usize], dir),
        ];
        out.extend_from_slice(&g);
    }
}

/// A trained parser.
pub struct Parser {
    pub labels: Vec<String>,
    /// The id of `root` (given to arcs from the root token only), or `u16::MAX`.
    root: u16,
    pub(crate) moves: Weights,
    labeller: Weights,
    /// Word clusters from unlabelled text, if the parser was trained with them.
    clusters: Option<Clusters>,
    /// Whether the parser was trained seeing the tagger's runner-up tags.
    alternatives: bool,
    /// Beam width the parser decodes with (1: greedy); stored in the file when above 1.
    pub(crate) beam: usize,
    /// Label ids and tag values the repairs after parsing read, looked up once per model.
    fix: FixIds,
}

/// What [`Parser::repair_shape`] and [`repair_reporting`] compare against: label ids
/// (`None` when the model lacks the label) and tag hashes.
struct FixIds {
    nsubj: Option<u16>,
    obj: Option<u16>,
    relcl: Option<u16>,
    conj: Option<u16>,
    acl: Option<u16>,
    obl: Option<u16>,
    parataxis: Option<u16>,
    appos: Option<u16>,
    flat: Option<u16>,
    punct: Option<u16>,
    orphan: Option<u16>,
    aux_pass: Option<u16>,
    /// `nmod:desc`: a title or role before a name ("spokesman Ali Khan").
    desc: Option<u16>,
    /// `nsubj` and `nsubj:pass`.
    subjects: Vec<u16>,
    ccomp: Option<u16>,
    xcomp: Option<u16>,
    cc: Option<u16>,
    advcl: Option<u16>,
    /// Labels a participle root must not have among its children (subjects, auxiliaries,
    /// copula): then it is a verb phrase of its own.
    clausal: Vec<u16>,
    compound: Option<u16>,
    det: Option<u16>,
    case: Option<u16>,
    amod: Option<u16>,
    nummod: Option<u16>,
    /// `obl:unmarked` (`obl:tmod` in older UD): a bare time noun on a verb.
    tmod: Option<u16>,
    vbn: u64,
    vbg: u64,
    /// `VERB` `VB`: the base form.
    base: u64,
    finite: [u64; 3],
    /// Nouns and pronouns, which a finite verb is never a conjunct of.
    nominal: [u64; 5],
    comma: u64,
    /// `ADJ` `JJ`.
    adjective: u64,
    adverbs: [u64; 2],
}

impl FixIds {
    fn new(labels: &[String]) -> Self {
        let id = |l: &str| labels.iter().position(|x| x == l).map(|i| i as u16);
        FixIds {
            nsubj: id("nsubj"),
            obj: id("obj"),
            relcl: id("acl:relcl"),
            conj: id("conj"),
            acl: id("acl"),
            obl: id("obl"),
            parataxis: id("parataxis"),
            appos: id("appos"),
            flat: id("flat"),
            punct: id("punct"),
            orphan: id("orphan"),
            aux_pass: id("aux:pass"),
            desc: id("nmod:desc"),
            compound: id("compound"),
            det: id("det"),
            case: id("case"),
            amod: id("amod"),
            nummod: id("nummod"),
            tmod: id("obl:unmarked").or_else(|| id("obl:tmod")),
            subjects: ["nsubj", "nsubj:pass"].into_iter().filter_map(id).collect(),
            ccomp: id("ccomp"),
            xcomp: id("xcomp"),
            cc: id("cc"),
            advcl: id("advcl"),
            clausal: (0..labels.len() as u16)
                .filter(|&i| {
                    let l = &labels[i as usize];
                    l.starts_with("nsubj") || l.starts_with("aux") || l == "cop"
                })
                .collect(),
            vbn: tag_hash("VERB", "VBN"),
            vbg: tag_hash("VERB", "VBG"),
            base: tag_hash("VERB", "VB"),
            finite: [
                tag_hash("VERB", "VBD"),
                tag_hash("VERB", "VBZ"),
                tag_hash("VERB", "VBP"),
            ],
            comma: tag_hash("PUNCT", ","),
            adjective: tag_hash("ADJ", "JJ"),
            adverbs: [tag_hash("ADV", "RB"), tag_hash("ADV", "RBR")],
            nominal: [
                tag_hash("NOUN", "NN"),
                tag_hash("NOUN", "NNS"),
                tag_hash("PROPN", "NNP"),
                tag_hash("PROPN", "NNPS"),
                tag_hash("PRON", "PRP"),
            ],
        }
    }
}

impl Parser {
    /// Mends two shapes a greedy parse can leave that no treebank tree has:
    /// - a verb with two subjects, the second right after a relative clause whose verb has
    ///   no object ("the militants who kidnapped the workers demanded …" with both
    ///   "militants" and "workers" under "demanded"): the second is that verb's object;
    /// - a bare past participle as the root of a sentence whose finite verb hangs on it as a
    ///   conjunct after a comma ("In a poll released Sunday, most voters backed the plan"):
    ///   the finite verb is the root, the participle modifies the noun before it.
    fn repair_shape(&self, forms: &[&str], tags: &[u64], heads: &mut [u32], labels: &mut [u16]) {
        let fx = &self.fix;
        let (Some(nsubj), Some(obj), Some(relcl)) = (fx.nsubj, fx.obj, fx.relcl) else {
            return;
        };
        let n = heads.len();
        // A second subject `s2` of the verb whose first subject is `s1` (either may be
        // passive: "the soldiers who attacked the village were captured").
        let subject = |l: u16| fx.subjects.contains(&l);
        for s2 in 0..n {
            if !subject(labels[s2]) {
                continue;
            }
            let Some(s1) = (0..s2).find(|&k| subject(labels[k]) && heads[k] == heads[s2]) else {
                continue;
            };
            // The relative clause on the first subject that ends right before the second.
            let Some(r) = (s1 + 1..s2).rev().find(|&r| {
                labels[r] == relcl
                    && heads[r] as usize == s1
                    && (r + 1..s2).all(|k| heads[k] as usize == s2)
            }) else {
                continue;
            };
            if kids(heads, r).any(|k| labels[k] == obj) {
                continue;
            }
            heads[s2] = r as u32;
            labels[s2] = obj;
        }
        let (Some(conj), Some(acl), Some(obl)) = (fx.conj, fx.acl, fx.obl) else {
            return;
        };
        // A clause opened by "who" or "which" after a comma and a noun ("… restore the
        // president, who has been held since July 26") is that noun's relative clause, not a
        // conjunct of the main verb.
        for w in 2..n {
            let v = heads[w] as usize;
            if v >= n || labels[v] != conj || v <= w || !fx.subjects.contains(&labels[w]) {
                continue;
            }
            if !(forms[w].eq_ignore_ascii_case("who") || forms[w].eq_ignore_ascii_case("which"))
                || tags[w - 1] != fx.comma
                || !fx.nominal.contains(&tags[w - 2])
            {
                continue;
            }
            // The head of the name or noun phrase that ends before the comma.
            let mut noun = w - 2;
            if fx.flat.is_some_and(|f| labels[noun] == f) && (heads[noun] as usize) < noun {
                noun = heads[noun] as usize;
            }
            heads[v] = noun as u32;
            labels[v] = relcl;
        }
        // A verb whose subjects are a noun and, after a comma, "who"/"which" ("The minister,
        // who said the curfew would end, met the leaders" with both under "said" and "met" its
        // conjunct; or with the noun under the verb in another relation) is the noun's
        // relative clause; its subject-less conjunct after a comma is
        // the verb the noun is the subject of, taking the verb's place in the tree.
        for w in 2..n {
            let v = heads[w] as usize;
            if v >= n || labels[w] != nsubj || w > v || tags[w - 1] != fx.comma {
                continue;
            }
            if !(forms[w].eq_ignore_ascii_case("who") || forms[w].eq_ignore_ascii_case("which")) {
                continue;
            }
            // The subject; or the noun right before the comma, whatever the parse called it
            // ("The officer, who asked …, said" with "officer" the object of "asked").
            let before = {
                let mut k = w - 2;
                if fx.flat.is_some_and(|f| labels[k] == f) && (heads[k] as usize) < k {
                    k = heads[k] as usize;
                }
                (heads[k] as usize == v).then_some(k)
            };
            let Some(s1) = (0..w - 1)
                .find(|&k| labels[k] == nsubj && heads[k] as usize == v)
                .or(before)
            else {
                continue;
            };
            if !fx.nominal.contains(&tags[s1]) {
                continue;
            }
            let verb = |k: usize| fx.finite.contains(&tags[k]) || tags[k] == fx.vbn;
            // The conjunct may hang on "said" or deeper, on the reported clause's verb ("who
            // said the curfew would be lifted soon, met …" with "met" under "lifted").
            let subjectless = |k: usize| !kids(heads, k).any(|c| fx.subjects.contains(&labels[c]));
            let Some(main) = (v + 1..n).find(|&k| {
                labels[k] == conj
                    && (heads[k] as usize) < k
                    && Self::dominates(heads, v, heads[k] as usize)
                    && verb(k)
                    && tags[k - 1] == fx.comma
                    && subjectless(k)
            }) else {
                // Or the clause hangs on the main verb after its closing comma ("A senior
                // officer, who asked not to be named, said …" with "asked" a `ccomp` of
                // "said" and the officer its object).
                let h = heads[v] as usize;
                if h < n && h > v && verb(h) && tags[h - 1] == fx.comma && subjectless(h) {
                    heads[v] = s1 as u32;
                    labels[v] = relcl;
                    heads[s1] = h as u32;
                    labels[s1] = nsubj;
                }
                continue;
            };
            adopt(heads, v, main, main + 1);
            // The comma closing the clause belongs to the main verb's side.
            if heads[main - 1] as usize == main {
                heads[main - 1] = v as u32;
            }
            heads[main] = heads[v];
            labels[main] = labels[v];
            heads[v] = s1 as u32;
            labels[v] = relcl;
            heads[s1] = main as u32;
            labels[s1] = nsubj;
        }
        // A finite verb joined to a noun ("used water cannon to disperse the crowd and
        // detained 25" with "detained" under "crowd") joins the nearest verb above the noun
        // with the same tense; a past participle (the tagger's usual reading of "detained")
        // joins a past tense.
        // So does one joined to an infinitive ("used batons to break up the rally and
        // detained 30": "detained" is no second purpose).
        for k in 0..n {
            let h = heads[k] as usize;
            let verbal = fx.finite.contains(&tags[k]) || tags[k] == fx.vbn;
            if labels[k] != conj || h >= n || !verbal {
                continue;
            }
            let infinitive = tags[h] == fx.base
                && kids(heads, h).any(|m| m < h && forms[m].eq_ignore_ascii_case("to"));
            if !fx.nominal.contains(&tags[h]) && !infinitive {
                continue;
            }
            let want = if tags[k] == fx.vbn {
                fx.finite[0]
            } else {
                tags[k]
            };
            let mut a = h;
            for _ in 0..6 {
                a = heads[a] as usize;
                if a >= n || tags[a] == want {
                    break;
                }
            }
            if a < k {
                heads[k] = a as u32;
            }
        }
        // A noun as the root with a relative clause set off by commas whose "conjunct" (or
        // parataxis) after the closing comma has no subject ("Russia, which has troops there, called for
        // restraint"): that verb is the sentence's root and the noun its subject.
        if let Some(p) = heads.iter().position(|&h| h == u32::MAX) {
            let verb = |k: usize| fx.finite.contains(&tags[k]) || tags[k] == fx.vbn;
            let main = (p + 2..n).find(|&v| {
                let rc = heads[v] as usize;
                (labels[v] == conj || fx.parataxis == Some(labels[v]))
                    && verb(v)
                    && tags[v - 1] == fx.comma
                    && rc < v
                    && (labels[rc] == relcl || fx.parataxis == Some(labels[rc]))
                    && heads[rc] as usize == p
                    && tags[p + 1] == fx.comma
                    && kids(heads, rc).any(|w| {
                        fx.subjects.contains(&labels[w])
                            && (forms[w].eq_ignore_ascii_case("which")
                                || forms[w].eq_ignore_ascii_case("who"))
                    })
                    && !kids(heads, v).any(|w| fx.subjects.contains(&labels[w]))
            });
            if let Some(v) = main.filter(|_| fx.nominal.contains(&tags[p]) && self.root != u16::MAX)
            {
                adopt(heads, p, v, v + 1);
                heads[v] = u32::MAX;
                labels[v] = self.root;
                heads[p] = v as u32;
                labels[p] = nsubj;
                // The clause the parse read as a parataxis ("who asked …") is the relative
                // clause.
                if let Some(rc) = (p + 2..v).find(|&k| heads[k] as usize == p) {
                    if fx.parataxis == Some(labels[rc]) {
                        labels[rc] = relcl;
                    }
                }
            }
        }
        let Some(p) = heads.iter().position(|&h| h == u32::MAX) else {
            return;
        };
        if tags[p] != fx.vbn || self.root == u16::MAX {
            return;
        }
        let own: Vec<usize> = kids(heads, p).collect();
        if own.iter().any(|&k| fx.clausal.contains(&labels[k])) {
            return;
        }
        let Some(f) = own
            .iter()
            .copied()
            .find(|&k| k > p && labels[k] == conj && fx.finite.contains(&tags[k]))
        else {
            return;
        };
        let Some(noun) = own.iter().copied().find(|&k| k < p && labels[k] == obl) else {
            return;
        };
        if !(p + 1..f).any(|k| tags[k] == fx.comma) {
            return;
        }
        heads[f] = u32::MAX;
        labels[f] = self.root;
        heads[noun] = f as u32;
        // The participle keeps its own phrase ("released Sunday"); what follows the finite
        // verb (the full stop) moves to the new root.
        for k in own {
            if k > f {
                heads[k] = f as u32;
            }
        }
        heads[p] = noun as u32;
        labels[p] = acl;
    }
}

#[path = "repairs.rs"]
mod repairs;
use repairs::{adopt, kids};

/// Reporting verbs that close a sentence after a comma ("…, the agency said.").
const REPORTING: &[&str] = &["said", "says", "reported", "added", "announced", "stated"];

/// Whether `form` reports speech after its statement: a [`REPORTING`] verb, or "told".
fn reports(form: &str) -> bool {
    REPORTING.contains(&form) || matches!(form, "told" | "tells")
}

/// A closing attribution read as a relative clause without a pronoun ("…, the official news
/// agency KNA said on Friday." with "said" under "agency" and KNA its subject) is the
/// sentence's reporting clause: the verb joins the root as `parataxis`, the noun phrase
/// before it is its subject, and the name after the noun an apposition. Only a verb with no
/// object or clause of its own, ending the sentence, and with its noun after a comma. When
/// the verb hangs on a noun before the comma and has its subject after it, only the verb
/// moves.
/// `ids`: the label ids of `acl:relcl`, `parataxis`, `nsubj`, `appos`.
fn repair_reporting(forms: &[&str], heads: &mut [u32], labels: &mut [u16], ids: [u16; 4]) {
    let [relcl, parataxis, nsubj, appos] = ids;
    let n = forms.len();
    let Some(root) = heads.iter().position(|&h| h == u32::MAX) else {
        return;
    };
    for v in 1..n {
        if !REPORTING.contains(&forms[v]) || labels[v] != relcl {
            continue;
        }
        let h = heads[v] as usize;
        if h >= v || h == root {
            continue;
        }
        let kids: Vec<usize> = kids(heads, v).collect();
        let relative = |k: &usize| {
            ["who", "which", "that", "whom"].contains(&forms[*k].to_ascii_lowercase().as_str())
        };
        // Only time and place phrases may follow, then the full stop.
        let last = kids.iter().copied().max().unwrap_or(v).max(v);
        let ends = forms.get(last + 1).is_none_or(|f| matches!(*f, "." | "!"));
        let comma = (0..h).rev().find(|&k| forms[k] == ",");
        let long = kids
            .iter()
            .any(|&k| k > v && (forms[k].eq_ignore_ascii_case("that") || k > v + 4));
        if kids.iter().any(relative) || !ends || long {
            continue;
        }
        // "…after a long rift, the agency KNA said." with "said" under "rift" and
        // its subject after the comma: the verb alone joins the root.
        if let Some(c) = (h + 1..v).find(|&k| forms[k] == ",") {
            if kids.iter().any(|&k| k > c && k < v && labels[k] == nsubj) {
                heads[v] = root as u32;
                labels[v] = parataxis;
                return;
            }
        }
        if comma.is_none() {
            continue;
        }
        for &k in &kids {
            if k < v && k > h && labels[k] == nsubj {
                heads[k] = h as u32;
                labels[k] = appos;
            }
        }
        heads[v] = root as u32;
        labels[v] = parataxis;
        heads[h] = v as u32;
        labels[h] = nsubj;
        return;
    }
}

/// A participle clause inside a reported statement hung on the reporting verb ("militants
/// attacked a post, killing three officers, the army said." with "killing" under "said")
/// belongs to the statement's verb: the army did no killing. Only a `-ing` participle that
/// stands between the statement's verb and the reporting verb's subject. The statement is the
/// reporting verb's `ccomp` before it, or the verb it hangs on as a conjunct or parataxis.
/// `ids`: the label ids of `ccomp`, `advcl`, `nsubj`, `conj`, `parataxis`; `vbg`: the tag
/// hash of `VBG`.
fn repair_reported_participle(
    forms: &[&str],
    tags: &[u64],
    heads: &mut [u32],
    labels: &mut [u16],
    ids: [u16; 5],
    vbg: u64,
) {
    let [ccomp, advcl, nsubj, conj, parataxis] = ids;
    let n = forms.len();
    for v in 0..n {
        if !REPORTING.contains(&forms[v]) {
            continue;
        }
        let child = |heads: &[u32], k: usize, l: u16| heads[k] as usize == v && labels[k] == l;
        let h = heads[v] as usize;
        let statement = if h < v && (labels[v] == conj || labels[v] == parataxis) {
            Some(h)
        } else {
            (0..v).find(|&k| child(heads, k, ccomp))
        };
        let Some(c) = statement else {
            continue;
        };
        let Some(s) = (c + 1..v).find(|&k| child(heads, k, nsubj)) else {
            continue;
        };
        for a in c + 1..s {
            if child(heads, a, advcl) && tags[a] == vbg {
                heads[a] = c as u32;
            }
        }
    }
}

/// The widest beam a model file may ask for.
pub const MAX_BEAM: usize = 64;

/// A reporting verb after a comma without a subject of its own takes the speaker the parse
/// gave to another word:
/// - inverted, the noun right after it ("The plan is dead, said Ana Ruiz, a senior aide."
///   with "Ruiz" its object): the noun is the subject and the verb joins as parataxis;
/// - set off by commas before it ("…, Maria Lopez, a spokeswoman for the mayor, said." with
///   "Lopez" a conjunct of the reported verb): that noun is the subject.
///
/// `ids` as for [`repair_reported_participle`]; `nominal`: the tag hashes of nouns.
fn repair_reporting_subject(
    forms: &[&str],
    tags: &[u64],
    heads: &mut [u32],
    labels: &mut [u16],
    ids: [u16; 5],
    nominal: &[u64],
) {
    let [ccomp, _advcl, nsubj, conj, parataxis] = ids;
    let n = forms.len();
    // Whether every word of `a..b` but a comma hangs on `k` (within a few steps).
    let under = |heads: &[u32], a: usize, b: usize, k: usize| {
        (a..b).all(|j| {
            let mut x = j;
            for _ in 0..8 {
                if x == k {
                    return true;
                }
                x = heads[x] as usize;
                if x >= n {
                    break;
                }
            }
            forms[j] == ","
        })
    };
    for v in 1..n {
        let told = matches!(forms[v], "told" | "tells");
        if !reports(forms[v]) || forms[v - 1] != "," {
            continue;
        }
        if (0..n).any(|k| heads[k] as usize == v && labels[k] == nsubj) {
            continue;
        }
        // After a quote: `"…," one fisherman, who asked not to be named, told Reuters` with
        // the noun hung on the quoted clause's verb, like the reporting verb itself.
        let h = heads[v] as usize;
        if h < v {
            let speaker = (h + 1..v - 1).find(|&k| {
                let mut first = k;
                while first > 0
                    && heads[first - 1] as usize == k
                    && !matches!(forms[first - 1], "," | "\"" | "''" | "'")
                {
                    first -= 1;
                }
                heads[k] as usize == h
                    && labels[k] != nsubj
                    && nominal.contains(&tags[k])
                    && first > 1
                    && matches!(forms[first - 1], "\"" | "''" | "'")
                    && forms[first - 2] == ","
                    && under(heads, first, v - 1, k)
            });
            if let Some(k) = speaker {
                heads[k] = v as u32;
                labels[k] = nsubj;
                continue;
            }
        }
        if told {
            continue;
        }
        // Inverted: "…, said Ana Ruiz".
        let after = v + 1;
        if after < n
            && heads[after..n].iter().any(|&h| h as usize == v)
            && nominal.contains(&tags[after])
            && (heads[v] as usize) < v
            && labels[v] != ccomp
        {
            // The head of the name that starts right after the verb.
            let mut k = after;
            while k + 1 < n && heads[k] as usize == k + 1 && nominal.contains(&tags[k + 1]) {
                k += 1;
            }
            if heads[k] as usize == v && labels[k] != nsubj {
                labels[k] = nsubj;
                if labels[v] == conj {
                    labels[v] = parataxis;
                }
                continue;
            }
        }
        // Set off before it: "…, Maria Lopez, a spokeswoman, said".
        let Some(c) = (0..v).find(|&k| heads[k] as usize == v && labels[k] == ccomp) else {
            continue;
        };
        let speaker = (c + 2..v.saturating_sub(1)).find(|&k| {
            // The noun phrase may open with words hung on it ("Ana Ruiz" headed by "Ruiz").
            let mut first = k;
            while first > 0 && heads[first - 1] as usize == k && forms[first - 1] != "," {
                first -= 1;
            }
            heads[k] as usize == c
                && labels[k] == conj
                && first > 0
                && forms[first - 1] == ","
                && nominal.contains(&tags[k])
                // Everything up to the comma before the verb hangs on the noun.
                && under(heads, first, v - 1, k)
        });
        if let Some(k) = speaker {
            heads[k] = v as u32;
            labels[k] = nsubj;
        }
    }
}

/// Tags of the optional sections after the labeller in a parser file.
const SECTION_CLUSTERS: u8 = 3;
const SECTION_ALTERNATIVES: u8 = 4;
const SECTION_BEAM: u8 = 5;

impl Parser {
    /// The label of the arc `h` → `d` about to be built in `c`: `root` for an arc from the
    /// root token, else the labeller's best label other than `root`.
    pub(crate) fn label_arc(
        &self,
        t: &Toks,
        c: &Config,
        h: u32,
        d: u32,
        lfeats: &mut Vec<u64>,
        lscores: &mut [f32],
    ) -> u16 {
        if h as usize == t.n && self.root != u16::MAX {
            return self.root;
        }
        label_features(t, c, h, d, lfeats);
        self.labeller.score(lfeats, lscores);
        if self.root != u16::MAX {
            lscores[self.root as usize] = f32::MIN;
        }
        argmax(lscores) as u16
    }

    /// Runs the greedy decoder on the sentence `s` was initialised with, to the final
    /// configuration in `s.c` (`s.scores` and `s.lscores` sized).
    pub(crate) fn greedy(&self, s: &mut ParseScratch) {
        while !s.c.terminal() {
            let valid = s.c.valid();
            let t = if valid.iter().filter(|&&v| v).count() == 1 {
                valid.iter().position(|&v| v).unwrap()
            } else {
                s.features();
                self.moves.score(&s.feats, &mut s.scores);
                best_valid(&s.scores, valid)
            };
            let label = if t == SHIFT {
                0
            } else {
                let (h, d) = s.c.arc(t);
                self.label_arc(&s.t, &s.c, h, d, &mut s.lfeats, &mut s.lscores)
            };
            s.c.apply(t, label);
        }
    }

    /// Parses one sentence. `tags[i]` is [`tag_hash`] of token `i`'s tags. Writes 0-based head
    /// indices (`NO_HEAD`-style `u32::MAX` for the root) and label ids.
    pub fn parse(
        &self,
        forms: &[&str],
        tags: &[u64],
        s: &mut ParseScratch,
        heads: &mut Vec<u32>,
        labels: &mut Vec<u16>,
    ) {
        self.parse_with_alternatives(forms, tags, None, s, heads, labels)
    }

    /// Whether the parser was trained seeing the tagger's runner-up tags (then
    /// [`Parser::parse_with_alternatives`] should be given them; [`crate::Syntax`] does,
    /// [`crate::ParserComponent`] does not, since the document keeps only the best tags).
    pub fn uses_alternatives(&self) -> bool {
        self.alternatives
    }

    /// [`Parser::parse`] given also the tagger's runner-up tags (`alts[i]`: [`alt_value`]
    /// or [`ALT_SURE`]); without them every tag counts as sure.
    pub fn parse_with_alternatives(
        &self,
        forms: &[&str],
        tags: &[u64],
        alts: Option<&[u64]>,
        s: &mut ParseScratch,
        heads: &mut Vec<u32>,
        labels: &mut Vec<u16>,
    ) {
        let alts = self.alternatives.then_some(alts);
        s.init(forms, tags, self.clusters.as_ref(), alts);
        s.scores.resize(3, 0.0);
        s.lscores.resize(self.labels.len(), 0.0);
        let c = if self.beam > 1 {
            crate::beam::decode(self, s, self.beam)
        } else {
            self.greedy(s);
            &s.c
        };
        let n = c.n as u32;
        heads.clear();
        labels.clear();
        for i in 0..c.n {
            let h = c.head[i];
            heads.push(if h == n || h == NONE { u32::MAX } else { h });
            labels.push(c.label[i]);
        }
        self.repair_shape(forms, tags, heads, labels);
        self.repair_wire(&mut repairs::Arcs {
            forms,
            tags,
            heads,
            labels,
        });
        if forms.iter().any(|f| reports(f)) {
            let fx = &self.fix;
            if let (Some(relcl), Some(parataxis), Some(nsubj), Some(appos)) =
                (fx.relcl, fx.parataxis, fx.nsubj, fx.appos)
            {
                repair_reporting(forms, heads, labels, [relcl, parataxis, nsubj, appos]);
            }
            if let (Some(ccomp), Some(advcl), Some(nsubj), Some(conj), Some(parataxis)) =
                (fx.ccomp, fx.advcl, fx.nsubj, fx.conj, fx.parataxis)
            {
                let ids = [ccomp, advcl, nsubj, conj, parataxis];
                repair_reported_participle(forms, tags, heads, labels, ids, fx.vbg);
                repair_reporting_subject(forms, tags, heads, labels, ids, &fx.nominal);
            }
            self.repair_speaker_relative(&mut repairs::Arcs {
                forms,
                tags,
                heads,
                labels,
            });
        }
        // Last: brackets and quotes follow the phrase the repairs leave inside them.
        if let Some(punct) = self.fix.punct {
            crate::punct::attach_pairs(forms, heads, |i| labels[i] == punct);
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.strs(&self.labels);
        self.moves.write(&mut w);
        self.labeller.write(&mut w);
        if let Some(c) = &self.clusters {
            w.u8(SECTION_CLUSTERS);
            c.write(&mut w);
        }
        if self.alternatives {
            w.u8(SECTION_ALTERNATIVES);
        }
        // Greedy models are written as before, so a width-1 model is byte-identical.
        if self.beam > 1 {
            w.u8(SECTION_BEAM);
            w.u16(self.beam as u16);
        }
        seal("parser", &w.buf)
    }

    pub fn from_bytes(what: &str, data: &[u8]) -> Result<Self, ModelError> {
        let payload = unseal(what, "parser", data)?;
        let mut r = Reader::new(what, payload);
        let labels = r.strs()?;
        let moves = Weights::read(&mut r)?;
        let labeller = Weights::read(&mut r)?;
        let mut clusters = None;
        let mut alternatives = false;
        let mut beam = 1;
        while !r.at_end() {
            match r.u8()? {
                SECTION_CLUSTERS => clusters = Some(Clusters::read(&mut r)?),
                SECTION_ALTERNATIVES => alternatives = true,
                SECTION_BEAM => {
                    beam = r.u16()? as usize;
                    if !(1..=MAX_BEAM).contains(&beam) {
                        return Err(r.err("beam width out of range"));
                    }
                }
                _ => return Err(r.err("unknown section")),
            }
        }
        r.finish()?;
        if moves.n_classes != 3 || labeller.n_classes != labels.len() {
            return Err(ModelError::Malformed {
                what: what.into(),
                offset: 0,
                message: "class counts do not match".into(),
            });
        }
        Ok(Parser {
            root: root_id(&labels),
            fix: FixIds::new(&labels),
            labels,
            moves,
            labeller,
            clusters,
            alternatives,
            beam,
        })
    }

    /// The word clusters the parser was trained with.
    pub fn clusters(&self) -> Option<&Clusters> {
        self.clusters.as_ref()
    }

    /// The beam width the parser decodes with (1: greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// Decodes with beam width `k` (clamped to 1..=[`MAX_BEAM`]) instead of the width the
    /// model was trained with, to measure other widths.
    pub fn set_beam(&mut self, k: usize) {
        self.beam = k.clamp(1, MAX_BEAM);
    }

    /// Replaces both models' weights by their mean with those of `others`, parsers trained on
    /// the same data and labels with other seeds (see [`Weights::mean`]).
    pub fn average_with(&mut self, others: &[Parser]) {
        let mut moves = vec![&self.moves];
        moves.extend(others.iter().map(|p| &p.moves));
        let mut labeller = vec![&self.labeller];
        labeller.extend(others.iter().map(|p| &p.labeller));
        let (m, l) = (Weights::mean(&moves), Weights::mean(&labeller));
        self.moves = m;
        self.labeller = l;
    }

    /// Drops small weights of both models (see [`Weights::prune`]).
    pub fn prune(&mut self, moves: f32, labeller: f32) {
        self.moves.prune(moves);
        self.labeller.prune(labeller);
    }

    pub fn describe(&self) -> String {
        format!(
            "{} labels; moves: {} features, {} weights; labeller: {} features, {} weights; {} cluster words{}{}",
            self.labels.len(),
            self.moves.n_features(),
            self.moves.n_weights(),
            self.labeller.n_features(),
            self.labeller.n_weights(),
            self.clusters.as_ref().map_or(0, Clusters::len),
            if self.alternatives {
                "; sees the tagger's runner-up tags"
            } else {
                ""
            },
            if self.beam > 1 {
                format!("; beam {}", self.beam)
            } else {
                String::new()
            }
        )
    }
}

fn root_id(labels: &[String]) -> u16 {
    labels
        .iter()
        .position(|l| l == "root")
        .map_or(u16::MAX, |i| i as u16)
}

fn best_valid(scores: &[f32], valid: [bool; 3]) -> usize {
    let mut best = usize::MAX;
    for t in 0..3 {
        if valid[t] && (best == usize::MAX || scores[t] > scores[best]) {
            best = t;
        }
    }
    best
}

/// Training settings for the parser.
#[derive(Debug, Clone)]
pub struct ParserTrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Probability of following a predicted non-optimal move (from epoch 2 on).
    pub explore: f32,
    /// Word clusters to use as features (stored in the model).
    pub clusters: Option<std::sync::Arc<Clusters>>,
    /// Beam width: 1 trains the greedy parser with the dynamic oracle; above 1, a beam
    /// parser with global (max-violation) updates ([`crate::beam`]) that decodes with it.
    pub beam: usize,
}

impl Default for ParserTrainOptions {
    fn default() -> Self {
        ParserTrainOptions {
            epochs: 10,
            seed: 1,
            explore: 0.9,
            clusters: None,
            beam: 1,
        }
    }
}

/// Trains a parser on sentences with tags given per sentence (`tags[s][i]`, see [`tag_hash`]);
/// `progress` receives (epoch, training move accuracy, parser so far); for a beam parser the
/// accuracy is the share of steps at which the beam's best item was still correct.
pub fn train_parser(
    sents: &[Sentence],
    tags: &[Vec<u64>],
    opts: &ParserTrainOptions,
    progress: impl FnMut(usize, f64, &Parser),
) -> Parser {
    train_parser_with_alternatives(sents, tags, None, opts, progress)
}

/// [`train_parser`], the parser also seeing the tagger's runner-up tags `alts[s][i]`
/// ([`alt_value`] or [`ALT_SURE`]) when given.
pub fn train_parser_with_alternatives(
    sents: &[Sentence],
    tags: &[Vec<u64>],
    alts: Option<&[Vec<u64>]>,
    opts: &ParserTrainOptions,
    mut progress: impl FnMut(usize, f64, &Parser),
) -> Parser {
    let mut labels: Vec<String> = Vec::new();
    let mut gold_lab: Vec<Vec<u16>> = Vec::new();
    let mut gold_head: Vec<Vec<u32>> = Vec::new();
    for s in sents {
        let n = s.words.len() as u32;
        let mut gl = Vec::new();
        let mut gh = Vec::new();
        for w in &s.words {
            let id = match labels.iter().position(|l| *l == w.deprel) {
                Some(i) => i,
                None => {
                    labels.push(w.deprel.clone());
                    labels.len() - 1
                }
            };
            gl.push(id as u16);
            gh.push(if w.head == 0 { n } else { w.head - 1 });
        }
        gold_lab.push(gl);
        gold_head.push(gh);
    }
    let mut moves = Perceptron::new(3);
    let mut labeller = Perceptron::new(labels.len());
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(opts.seed);
    let mut s = ParseScratch::default();
    let mut scores = [0f32; 3];
    let mut lscores = vec![0f32; labels.len()];
    let mut parser = Parser {
        root: root_id(&labels),
        fix: FixIds::new(&labels),
        labels: labels.clone(),
        moves: Perceptron::new(3).freeze(),
        labeller: Perceptron::new(labels.len()).freeze(),
        clusters: opts.clusters.as_deref().cloned(),
        alternatives: alts.is_some(),
        beam: opts.beam.clamp(1, MAX_BEAM),
    };
    let mut beam = crate::beam::BeamTrainer::default();
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &si in &order {
            let forms: Vec<&str> = sents[si].words.iter().map(|w| w.form.as_str()).collect();
            let gh = &gold_head[si];
            let sent_alts = alts.map(|a| Some(a[si].as_slice()));
            s.init(&forms, &tags[si], parser.clusters.as_ref(), sent_alts);
            if parser.beam > 1 {
                let gold = crate::beam::Gold {
                    heads: gh,
                    labels: &gold_lab[si],
                };
                let (r, n) = beam.train(&s.t, gold, &mut moves, &mut labeller, parser.beam);
                right += r;
                total += n;
                continue;
            }
            while !s.c.terminal() {
                let valid = s.c.valid();
                let costs = s.c.costs(gh);
                s.features();
                moves.score(&s.feats, &mut scores);
                let pred = best_valid(&scores, valid);
                let min = *costs.iter().min().unwrap();
                let mut best = usize::MAX;
                for t in 0..3 {
                    if valid[t]
                        && costs[t] == min
                        && (best == usize::MAX || scores[t] > scores[best])
                    {
                        best = t;
                    }
                }
                total += 1;
                if costs[pred] == min {
                    right += 1;
                } else {
                    moves.update(&s.feats, best, pred);
                }
                moves.tick();
                let next = if costs[pred] == min || (epoch > 0 && rng.next_f32() < opts.explore) {
                    pred
                } else {
                    best
                };
                let label = if next == SHIFT {
                    0
                } else {
                    let (h, d) = s.c.arc(next);
                    s.label_features(h, d);
                    labeller.score(&s.lfeats, &mut lscores);
                    let guess = argmax(&lscores);
                    if gh[d as usize] == h {
                        let g = gold_lab[si][d as usize] as usize;
                        labeller.update(&s.lfeats, g, guess);
                        labeller.tick();
                    }
                    guess as u16
                };
                s.c.apply(next, label);
            }
        }
        parser.moves = moves.freeze();
        parser.labeller = labeller.freeze();
        progress(epoch + 1, right as f64 / total.max(1) as f64, &parser);
    }
    parser
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_article_that_heads_its_noun_gives_the_noun_its_place() {
        // "They met the elder Tom Hardy ." with "the" the object and "Tom" under it: hanging
        // the article on "Tom" alone would close a cycle.
        let parser = crate::embedded_parser().unwrap();
        let id = |l: &str| parser.labels.iter().position(|x| x == l).unwrap() as u16;
        let forms = ["They", "met", "the", "elder", "Tom", "Hardy", "."];
        let tags: Vec<u64> = [
            ("PRON", "PRP"),
            ("VERB", "VBD"),
            ("DET", "DT"),
            ("ADJ", "JJR"),
            ("PROPN", "NNP"),
            ("PROPN", "NNP"),
            ("PUNCT", "."),
        ]
        .iter()
        .map(|(u, x)| tag_hash(u, x))
        .collect();
        let mut heads = vec![1, u32::MAX, 1, 4, 2, 4, 1];
        let mut labels = vec![
            id("nsubj"),
            id("root"),
            id("obj"),
            id("amod"),
            id("nmod"),
            id("flat"),
            id("punct"),
        ];
        parser.repair_wire(&mut repairs::Arcs {
            forms: &forms,
            tags: &tags,
            heads: &mut heads,
            labels: &mut labels,
        });
        assert!(crate::eval::is_tree(&heads), "{heads:?}");
        assert_eq!((heads[4], labels[4]), (1, id("obj")));
        assert_eq!((heads[2], labels[2]), (4, id("det")));
    }

    #[test]
    fn a_closing_attribution_read_as_a_relative_clause_is_the_reporting_clause() {
        // "Talks resumed , the state agency KNA said on Friday ." as a bad parse gives it:
        // "said" a relative clause of "agency", with KNA its subject.
        let forms = [
            "Talks", "resumed", ",", "the", "state", "agency", "KNA", "said", "on", "Friday", ".",
        ];
        let (relcl, parataxis, nsubj, appos, other) = (1, 2, 3, 4, 9);
        let mut heads = vec![1, u32::MAX, 1, 5, 5, 1, 7, 5, 9, 7, 1];
        let mut labels = vec![
            nsubj, 0, other, other, other, appos, nsubj, relcl, other, other, other,
        ];
        repair_reporting(
            &forms,
            &mut heads,
            &mut labels,
            [relcl, parataxis, nsubj, appos],
        );
        assert_eq!((heads[7], labels[7]), (1, parataxis));
        assert_eq!((heads[5], labels[5]), (7, nsubj));
        assert_eq!((heads[6], labels[6]), (5, appos));
        // "Talks resumed after a long rift , the agency KNA said ." with "said" a relative
        // clause of "rift" and its subject after the comma: only the verb moves.
        let forms = [
            "Talks", "resumed", "after", "a", "long", "rift", ",", "the", "agency", "KNA", "said",
            ".",
        ];
        let mut heads = vec![1, u32::MAX, 5, 5, 5, 1, 8, 8, 10, 8, 5, 1];
        let mut labels = vec![
            nsubj, 0, other, other, other, other, other, other, nsubj, appos, relcl, other,
        ];
        repair_reporting(
            &forms,
            &mut heads,
            &mut labels,
            [relcl, parataxis, nsubj, appos],
        );
        assert_eq!((heads[10], labels[10]), (1, parataxis));
        assert_eq!((heads[8], labels[8]), (10, nsubj));
        // A real relative clause keeps its reading: "the words that KNA said".
        let forms = ["He", "read", "the", "words", "that", "KNA", "said", "."];
        let mut heads = vec![1, u32::MAX, 3, 1, 6, 6, 3, 1];
        let mut labels = vec![nsubj, 0, other, other, other, nsubj, relcl, other];
        let before = (heads.clone(), labels.clone());
        repair_reporting(
            &forms,
            &mut heads,
            &mut labels,
            [relcl, parataxis, nsubj, appos],
        );
        assert_eq!((heads, labels), before);
    }

    #[test]
    fn a_participle_inside_a_reported_statement_belongs_to_the_statement() {
        // "Gunmen raided a village , burning 20 homes , the governor said ." with "burning"
        // under "said": the governor burned nothing.
        let forms = [
            "Gunmen", "raided", "a", "village", ",", "burning", "20", "homes", ",", "the",
            "governor", "said", ".",
        ];
        let (ccomp, advcl, nsubj, conj, parataxis, other) = (1, 2, 3, 4, 5, 9);
        let vbg = tag_hash("VERB", "VBG");
        let mut tags = vec![0; forms.len()];
        tags[5] = vbg;
        let mut heads = vec![1, 11, 3, 1, 5, 11, 7, 5, 11, 10, 11, u32::MAX, 11];
        let mut labels = vec![
            nsubj, ccomp, other, other, other, advcl, other, other, other, other, nsubj, 0, other,
        ];
        let ids = [ccomp, advcl, nsubj, conj, parataxis];
        repair_reported_participle(&forms, &tags, &mut heads, &mut labels, ids, vbg);
        assert_eq!((heads[5], labels[5]), (1, advcl));
        // The same with "said" hung on "raided" as a conjunct.
        let mut heads = vec![1, u32::MAX, 3, 1, 5, 11, 7, 5, 11, 10, 11, 1, 1];
        let mut labels = vec![
            nsubj, 0, other, other, other, advcl, other, other, other, other, nsubj, conj, other,
        ];
        repair_reported_participle(&forms, &tags, &mut heads, &mut labels, ids, vbg);
        assert_eq!((heads[5], labels[5]), (1, advcl));
        // After the reporting verb's subject it is the speaker's own act: "…, the governor
        // said, blaming the gunmen." stays.
        let forms = [
            "Gunmen", "raided", "a", "village", ",", "the", "governor", "said", ",", "blaming",
            "them", ".",
        ];
        let mut tags = vec![0; forms.len()];
        tags[9] = vbg;
        let mut heads = vec![1, 7, 3, 1, 7, 6, 7, u32::MAX, 9, 7, 9, 7];
        let mut labels = vec![
            nsubj, ccomp, other, other, other, other, nsubj, 0, other, advcl, other, other,
        ];
        let before = (heads.clone(), labels.clone());
        repair_reported_participle(&forms, &tags, &mut heads, &mut labels, ids, vbg);
        assert_eq!((heads, labels), before);
    }
    #[test]
    fn a_reporting_verb_takes_the_speaker_the_parse_gave_elsewhere() {
        let (ccomp, advcl, nsubj, conj, parataxis, other) = (1, 2, 3, 4, 5, 9);
        let ids = [ccomp, advcl, nsubj, conj, parataxis];
        let name = tag_hash("PROPN", "NNP");
        let nominal = [name, tag_hash("NOUN", "NN")];
        // "Talks failed , said Ana Ruiz ." with "Ruiz" the object of "said".
        let forms = ["Talks", "failed", ",", "said", "Ana", "Ruiz", "."];
        let mut tags = vec![0; forms.len()];
        tags[4] = name;
        tags[5] = name;
        let mut heads = vec![1, u32::MAX, 3, 1, 5, 3, 1];
        let mut labels = vec![nsubj, 0, other, conj, other, ccomp, other];
        repair_reporting_subject(&forms, &tags, &mut heads, &mut labels, ids, &nominal);
        assert_eq!((heads[5], labels[5]), (3, nsubj));
        assert_eq!(labels[3], parataxis);
        // "Talks failed , Ana Ruiz , an aide , said ." with "Ruiz" a conjunct of "failed".
        let forms = [
            "Talks", "failed", ",", "Ana", "Ruiz", ",", "an", "aide", ",", "said", ".",
        ];
        let mut tags = vec![0; forms.len()];
        tags[3] = name;
        tags[4] = name;
        tags[7] = tag_hash("NOUN", "NN");
        let mut heads = vec![1, 9, 4, 4, 1, 7, 7, 4, 1, u32::MAX, 9];
        let mut labels = vec![
            nsubj, ccomp, other, other, conj, other, other, other, other, 0, other,
        ];
        repair_reporting_subject(&forms, &tags, &mut heads, &mut labels, ids, &nominal);
        assert_eq!((heads[4], labels[4]), (9, nsubj));
        // A verb with its own subject is left alone: "Talks failed , she said ."
        let forms = ["Talks", "failed", ",", "she", "said", "."];
        let mut heads = vec![1, 4, 1, 4, u32::MAX, 4];
        let mut labels = vec![nsubj, ccomp, other, nsubj, 0, other];
        let before = (heads.clone(), labels.clone());
        let tags = vec![0; forms.len()];
        repair_reporting_subject(&forms, &tags, &mut heads, &mut labels, ids, &nominal);
        assert_eq!((heads, labels), before);
    }
}
