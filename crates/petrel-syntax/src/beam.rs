//! Beam search for the arc-hybrid parser ([`crate::parser`]) and its global training.
//!
//! Decoding keeps the `k` best move sequences (each a [`Config`] and the sum of its move
//! scores); every step scores each configuration's features once, expands it by its valid
//! moves, keeps the `k` best and labels the arcs they build with the arc labeller. The
//! configurations live in two preallocated arrays reused across steps and sentences.
//!
//! Training is the structured perceptron with max-violation updates (Huang, Fayong & Guo
//! 2012; the beam parser of Zhang & Nivre 2011): the search runs with the current weights
//! next to a gold sequence, and where the best item outscores the gold one most, the gold
//! prefix's move features are added and the predicted prefix's subtracted. Arc-hybrid takes
//! exactly `2n` moves for `n` words, so all prefixes of a step have the same length. The gold
//! sequence follows the dynamic oracle's least-cost moves (so non-projective trees train
//! too), choosing between them by score, and while a correct item is in the beam, the best of
//! them is the gold one (several move sequences build the same tree). The labeller stays a
//! local classifier, trained on the gold sequence's arcs and on the correct arcs of the best
//! item once that has left the gold sequence.

use crate::model::{argmax, Perceptron};
use crate::parser::{features, label_features, Config, Parser, Toks, SHIFT};

/// One candidate: item `item` of the beam extended by move `mv`, with the new total score.
#[derive(Clone, Copy)]
struct Cand {
    item: u32,
    mv: u8,
    /// Whether every move so far was one of least cost under the oracle (training only).
    correct: bool,
    score: f64,
}

/// Orders candidates best first; ties go to the earlier item and the lower move, so that a
/// beam of width 1 picks what the greedy parser picks.
fn rank(a: &Cand, b: &Cand) -> std::cmp::Ordering {
    b.score
        .total_cmp(&a.score)
        .then(a.item.cmp(&b.item))
        .then(a.mv.cmp(&b.mv))
}

/// The single valid move, if only one is valid (then it is taken unscored, as greedily).
fn forced(valid: [bool; 3]) -> Option<usize> {
    if valid.iter().filter(|&&v| v).count() == 1 {
        valid.iter().position(|&v| v)
    } else {
        None
    }
}

/// Keeps the `k` best candidates, best first.
fn select(cands: &mut Vec<Cand>, k: usize) {
    cands.sort_unstable_by(rank);
    cands.truncate(k);
}

/// The beam decoder's buffers (configurations, scores, candidates), reused across
/// sentences so that decoding allocates only when a sentence is longer than any before.
#[derive(Default)]
pub struct BeamScratch {
    cur: Vec<Config>,
    next: Vec<Config>,
    scores: Vec<f64>,
    cands: Vec<Cand>,
    feats: Vec<u64>,
}

/// Decodes the sentence whose tokens `p.init` put in `s.t` with beam width `k`; returns the
/// best final configuration.
pub(crate) fn decode<'a>(
    parser: &Parser,
    s: &'a mut crate::parser::ParseScratch,
    k: usize,
) -> &'a Config {
    let t = &s.t;
    let b = &mut s.beam;
    let k = k.max(1);
    if b.cur.len() < k {
        b.cur.resize_with(k, Config::default);
        b.next.resize_with(k, Config::default);
    }
    b.cur[0].init(t.n);
    b.scores.clear();
    b.scores.push(0.0);
    let mut mscores = [0f32; 3];
    for _ in 0..2 * t.n {
        b.cands.clear();
        for (i, &base) in b.scores.iter().enumerate() {
            let c = &b.cur[i];
            let valid = c.valid();
            if let Some(m) = forced(valid) {
                b.cands.push(Cand {
                    item: i as u32,
                    mv: m as u8,
                    correct: false,
                    score: base,
                });
                continue;
            }
            features(t, c, &mut b.feats);
            parser.moves.score(&b.feats, &mut mscores);
            for m in 0..3 {
                if valid[m] {
                    b.cands.push(Cand {
                        item: i as u32,
                        mv: m as u8,
                        correct: false,
                        score: base + mscores[m] as f64,
                    });
                }
            }
        }
        select(&mut b.cands, k);
        b.scores.clear();
        for (j, c) in b.cands.iter().enumerate() {
            let (from, to) = (&b.cur[c.item as usize], &mut b.next[j]);
            to.clone_from(from);
            let mv = c.mv as usize;
            let label = if mv == SHIFT {
                0
            } else {
                let (h, d) = to.arc(mv);
                parser.label_arc(t, to, h, d, &mut s.lfeats, &mut s.lscores)
            };
            to.apply(mv, label);
            b.scores.push(c.score);
        }
        std::mem::swap(&mut b.cur, &mut b.next);
    }
    &b.cur[0]
}

/// A training sentence's gold heads (`n` for the root) and label ids.
pub(crate) struct Gold<'a> {
    pub heads: &'a [u32],
    pub labels: &'a [u16],
}

/// A move and the label given to the arc it built (0 for SHIFT).
type Step = (u8, u16);

/// One item of the training beam: its configuration, move history and score.
#[derive(Default, Clone)]
struct Item {
    c: Config,
    hist: Vec<Step>,
    score: f64,
    correct: bool,
}

/// Buffers of beam training, reused across sentences.
#[derive(Default)]
pub(crate) struct BeamTrainer {
    cur: Vec<Item>,
    next: Vec<Item>,
    cands: Vec<Cand>,
    feats: Vec<u64>,
    lfeats: Vec<u64>,
    lscores: Vec<f32>,
    gold: Item,
    /// The predicted and gold histories at the step of the largest violation so far.
    worst_pred: Vec<Step>,
    worst_gold: Vec<Step>,
    replay: Config,
}

impl BeamTrainer {
    /// The labeller's guess for the arc `h` → `d` in `c` (training: no masking of `root`).
    fn guess(&mut self, t: &Toks, c: &Config, h: u32, d: u32, labeller: &Perceptron) -> usize {
        label_features(t, c, h, d, &mut self.lfeats);
        self.lscores.resize(labeller.n_classes(), 0.0);
        labeller.score(&self.lfeats, &mut self.lscores);
        argmax(&self.lscores)
    }

    /// One training sentence (tokens in `t`) with beam width `k`: updates `moves` at the
    /// step of maximal violation when the search ends with a wrong best item, and
    /// `labeller` on the gold sequence's correct arcs. Returns (steps at which the best item
    /// was correct, steps).
    pub(crate) fn train(
        &mut self,
        t: &Toks,
        gold: Gold,
        moves: &mut Perceptron,
        labeller: &mut Perceptron,
        k: usize,
    ) -> (usize, usize) {
        let n = t.n;
        if self.cur.len() < k {
            self.cur.resize_with(k, Item::default);
            self.next.resize_with(k, Item::default);
        }
        let mut live = 1;
        self.cur[0].c.init(n);
        self.cur[0].hist.clear();
        self.cur[0].score = 0.0;
        self.cur[0].correct = true;
        self.gold.c.init(n);
        self.gold.hist.clear();
        self.gold.score = 0.0;
        let mut worst = 0.0f64;
        let mut worst_step = 0;
        let mut right = 0;
        let mut mscores = [0f32; 3];
        for step in 0..2 * n {
            // The gold sequence's next move: the best-scoring move of least cost.
            let g = &self.gold.c;
            let valid = g.valid();
            let costs = g.costs(gold.heads);
            let (gm, gs) = match forced(valid) {
                Some(m) => (m, 0.0),
                None => {
                    features(t, g, &mut self.feats);
                    moves.score(&self.feats, &mut mscores);
                    let min = (0..3)
                        .filter(|&m| valid[m])
                        .map(|m| costs[m])
                        .min()
                        .unwrap();
                    let mut best = usize::MAX;
                    for m in 0..3 {
                        if valid[m]
                            && costs[m] == min
                            && (best == usize::MAX || mscores[m] > mscores[best])
                        {
                            best = m;
                        }
                    }
                    (best, mscores[best] as f64)
                }
            };
            let label = if gm == SHIFT {
                0
            } else {
                let (h, d) = self.gold.c.arc(gm);
                let c = std::mem::take(&mut self.gold.c);
                let guess = self.guess(t, &c, h, d, labeller);
                self.gold.c = c;
                if gold.heads[d as usize] == h {
                    labeller.update(&self.lfeats, gold.labels[d as usize] as usize, guess);
                    labeller.tick();
                }
                guess as u16
            };
            self.gold.c.apply(gm, label);
            self.gold.hist.push((gm as u8, label));
            self.gold.score += gs;

            // Expand the beam.
            self.cands.clear();
            for i in 0..live {
                let it = &self.cur[i];
                let valid = it.c.valid();
                let costs = if it.correct {
                    let c = it.c.costs(gold.heads);
                    let min = (0..3).filter(|&m| valid[m]).map(|m| c[m]).min().unwrap();
                    c.map(|x| x == min)
                } else {
                    [false; 3]
                };
                if let Some(m) = forced(valid) {
                    self.cands.push(Cand {
                        item: i as u32,
                        mv: m as u8,
                        correct: costs[m],
                        score: it.score,
                    });
                    continue;
                }
                features(t, &it.c, &mut self.feats);
                moves.score(&self.feats, &mut mscores);
                for m in 0..3 {
                    if valid[m] {
                        self.cands.push(Cand {
                            item: i as u32,
                            mv: m as u8,
                            correct: costs[m],
                            score: it.score + mscores[m] as f64,
                        });
                    }
                }
            }
            select(&mut self.cands, k);
            live = self.cands.len();
            for j in 0..live {
                let c = self.cands[j];
                let mut to = std::mem::take(&mut self.next[j]);
                let from = &self.cur[c.item as usize];
                to.c.clone_from(&from.c);
                to.hist.clone_from(&from.hist);
                let mv = c.mv as usize;
                let label = if mv == SHIFT {
                    0
                } else {
                    let (h, d) = to.c.arc(mv);
                    let guess = self.guess(t, &to.c, h, d, labeller);
                    // The labeller also learns on the best item's right arcs once it has
                    // left the gold sequence, where the arcs' surroundings hold errors (as
                    // greedy training's exploration does).
                    if j == 0 && !c.correct && gold.heads[d as usize] == h {
                        labeller.update(&self.lfeats, gold.labels[d as usize] as usize, guess);
                        labeller.tick();
                    }
                    guess as u16
                };
                to.c.apply(mv, label);
                to.hist.push((c.mv, label));
                to.score = c.score;
                to.correct = c.correct;
                self.next[j] = to;
            }
            std::mem::swap(&mut self.cur, &mut self.next);

            // While a correct item survives, the best of them is the gold prefix.
            if let Some(j) = (0..live).find(|&j| self.cur[j].correct) {
                self.gold.c.clone_from(&self.cur[j].c);
                self.gold.hist.clone_from(&self.cur[j].hist);
                self.gold.score = self.cur[j].score;
            }
            right += self.cur[0].correct as usize;
            let v = self.cur[0].score - self.gold.score;
            if !self.cur[0].correct && v >= worst {
                worst = v;
                worst_step = step + 1;
                self.worst_pred.clone_from(&self.cur[0].hist);
                self.worst_gold.clone_from(&self.gold.hist);
            }
        }
        if n > 0 && !self.cur[0].correct && worst_step > 0 {
            self.update(t, moves, worst_step);
        }
        moves.tick();
        (right, 2 * n)
    }

    /// Adds the gold prefix's move features and subtracts the predicted prefix's, up to
    /// `len` moves, skipping their common start (where the updates would cancel).
    fn update(&mut self, t: &Toks, moves: &mut Perceptron, len: usize) {
        let same = self
            .worst_gold
            .iter()
            .zip(&self.worst_pred)
            .take_while(|(a, b)| a == b)
            .count();
        for (hist, delta) in [(&self.worst_gold, 1.0f32), (&self.worst_pred, -1.0)] {
            let c = &mut self.replay;
            c.init(t.n);
            for &(m, l) in &hist[..same] {
                c.apply(m as usize, l);
            }
            for &(m, l) in &hist[same..len] {
                if forced(c.valid()).is_none() {
                    features(t, c, &mut self.feats);
                    moves.add(&self.feats, m as usize, delta);
                }
                c.apply(m as usize, l);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::ParseScratch;
    use crate::{embedded_tagger, owned_parser};

    /// Sentences written for these tests.
    const SENTENCES: &[&str] = &[
        "Rebel fighters shelled the northern town overnight , killing four civilians .",
        "The finance minister said on Monday that the budget would be cut by 3 percent .",
        "Protesters who gathered outside parliament demanded the release of two journalists .",
        "Talks between the two governments resumed in Geneva after a pause of six months .",
        "Police detained 14 people , the interior ministry said .",
        "Who fired first remains unclear .",
        "Yes .",
        "",
    ];

    fn forms_of(s: &str) -> Vec<&str> {
        s.split_whitespace().collect()
    }

    /// Tags `forms` with the embedded tagger into the parser's tag values.
    fn tag(forms: &[&str]) -> Vec<u64> {
        let tagger = embedded_tagger().unwrap();
        let mut ts = crate::tagger::TagScratch::default();
        let mut classes = Vec::new();
        tagger.tag(forms, &mut ts, &mut classes);
        classes
            .iter()
            .map(|&c| crate::parser::tag_hash(&tagger.upos[c as usize], &tagger.xpos[c as usize]))
            .collect()
    }

    /// Checks that `heads` (0-based, `u32::MAX` for the root) form one projective tree.
    fn assert_projective_tree(heads: &[u32], what: &str) {
        let n = heads.len();
        if n == 0 {
            return;
        }
        let roots = heads.iter().filter(|&&h| h == u32::MAX).count();
        assert_eq!(roots, 1, "{what}: {heads:?}");
        for (d, &h) in heads.iter().enumerate() {
            assert!(
                h == u32::MAX || (h as usize) < n && h as usize != d,
                "{what}: {heads:?}"
            );
            // Every word reaches the root without a cycle.
            let (mut x, mut hops) = (d, 0);
            while heads[x] != u32::MAX {
                x = heads[x] as usize;
                hops += 1;
                assert!(hops <= n, "{what}: cycle in {heads:?}");
            }
            // Projective: every word between a head and its dependent descends from the head.
            if h != u32::MAX {
                let (a, b) = (d.min(h as usize), d.max(h as usize));
                for k in a + 1..b {
                    let mut y = k;
                    while y != h as usize && heads[y] != u32::MAX {
                        y = heads[y] as usize;
                    }
                    assert_eq!(y, h as usize, "{what}: arc {h}->{d} crossed in {heads:?}");
                }
            }
        }
    }

    #[test]
    fn a_beam_of_width_one_is_the_greedy_parser() {
        let parser = owned_parser(None).unwrap();
        let mut s = ParseScratch::default();
        s.scores.resize(3, 0.0);
        s.lscores.resize(parser.labels.len(), 0.0);
        for sentence in SENTENCES {
            let forms = forms_of(sentence);
            let tags = tag(&forms);
            let clusters = parser.clusters();
            s.init(&forms, &tags, clusters, None);
            parser.greedy(&mut s);
            let greedy = s.c.clone();
            s.init(&forms, &tags, clusters, None);
            let beam = decode(&parser, &mut s, 1);
            assert_eq!(beam.head, greedy.head, "{sentence}");
            assert_eq!(beam.label, greedy.label, "{sentence}");
        }
    }

    /// Decodes `forms` with `parser` at width `k`, before the repairs that run after parsing.
    fn raw_parse(parser: &Parser, forms: &[&str], k: usize) -> Vec<u32> {
        let mut s = ParseScratch::default();
        s.scores.resize(3, 0.0);
        s.lscores.resize(parser.labels.len(), 0.0);
        s.init(forms, &tag(forms), parser.clusters(), None);
        let c = decode(parser, &mut s, k);
        let n = forms.len() as u32;
        c.head[..forms.len()]
            .iter()
            .map(|&h| if h == n { u32::MAX } else { h })
            .collect()
    }

    #[test]
    fn beam_decoding_builds_one_projective_tree() {
        let parser = owned_parser(None).unwrap();
        let mut words: Vec<&str> = SENTENCES.iter().flat_map(|s| forms_of(s)).collect();
        for k in [2, 4, 8, 16] {
            for sentence in SENTENCES {
                let forms = forms_of(sentence);
                let heads = raw_parse(&parser, &forms, k);
                assert_eq!(heads.len(), forms.len());
                assert_projective_tree(&heads, sentence);
            }
            // Word salad from the same words, shuffled, of many lengths.
            let mut rng = crate::hash::Rng::new(k as u64);
            for len in 1..50 {
                rng.shuffle(&mut words);
                let forms = &words[..len.min(words.len())];
                let heads = raw_parse(&parser, forms, k);
                assert_projective_tree(&heads, &forms.join(" "));
            }
        }
    }

    /// A small invented treebank for training a beam model.
    const TREEBANK: &str = "\
1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tentered\tenter\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tcity\tcity\tNOUN\tNN\t_\t2\tobj\t_\t_
5\tat\tat\tADP\tIN\t_\t6\tcase\t_\t_
6\tdawn\tdawn\tNOUN\tNN\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tcouncil\tcouncil\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tapproved\tapprove\tVERB\tVBD\t_\t0\troot\t_\t_
4\ta\ta\tDET\tDT\t_\t6\tdet\t_\t_
5\tnew\tnew\tADJ\tJJ\t_\t6\tamod\t_\t_
6\tplan\tplan\tNOUN\tNN\t_\t3\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tOfficials\tofficial\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
3\tpolice\tpolice\tNOUN\tNNS\t_\t4\tnsubj\t_\t_
4\tdetained\tdetain\tVERB\tVBD\t_\t2\tccomp\t_\t_
5\ttwo\ttwo\tNUM\tCD\t_\t6\tnummod\t_\t_
6\tmen\tman\tNOUN\tNNS\t_\t4\tobj\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

    #[test]
    fn a_beam_model_learns_its_data_and_round_trips() {
        let sents = crate::conllu::parse("beam test", TREEBANK).unwrap();
        let tags: Vec<Vec<u64>> = sents
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| crate::parser::tag_hash(&w.upos, &w.xpos))
                    .collect()
            })
            .collect();
        let opts = crate::ParserTrainOptions {
            epochs: 8,
            seed: 5,
            beam: 4,
            ..Default::default()
        };
        let p = crate::train_parser(&sents, &tags, &opts, |_, _, _| {});
        let bytes = p.to_bytes();
        assert_eq!(
            bytes,
            crate::train_parser(&sents, &tags, &opts, |_, _, _| {}).to_bytes()
        );
        let back = Parser::from_bytes("beam model", &bytes).unwrap();
        assert_eq!(back.beam(), 4);
        assert!(back.describe().contains("beam 4"), "{}", back.describe());
        assert_eq!(back.to_bytes(), bytes);
        // It reproduces its training trees, decoding with its beam.
        let mut s = ParseScratch::default();
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        for (sent, t) in sents.iter().zip(&tags) {
            let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
            back.parse(&forms, t, &mut s, &mut heads, &mut labels);
            for (i, w) in sent.words.iter().enumerate() {
                let gold = if w.head == 0 { u32::MAX } else { w.head - 1 };
                assert_eq!(heads[i], gold, "{} in {forms:?}", w.form);
                assert_eq!(back.labels[labels[i] as usize], w.deprel, "{}", w.form);
            }
        }
        // A greedy model's file has no beam section, and a bad width is refused.
        let greedy = crate::train_parser(
            &sents,
            &tags,
            &crate::ParserTrainOptions { beam: 1, ..opts },
            |_, _, _| {},
        );
        let g = greedy.to_bytes();
        assert_eq!(Parser::from_bytes("greedy", &g).unwrap().beam(), 1);
        let mut bad = back;
        bad.beam = crate::parser::MAX_BEAM + 1;
        let e = Parser::from_bytes("too wide", &bad.to_bytes())
            .err()
            .unwrap();
        assert!(e.to_string().contains("beam width"), "{e}");
    }
}
