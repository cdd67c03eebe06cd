//! Scoring against gold CoNLL-U: on gold tokens (accuracy) and from raw text (CoNLL 2018
//! shared-task style: system and gold words are aligned by their character spans ignoring
//! whitespace, and each figure is an F1 over aligned words).

use crate::conllu::Sentence;
use crate::Syntax;
use petrel_doc::{Document, NO_HEAD};
use rustc_hash::FxHashMap;
use std::fmt;

/// Counts behind the reported figures.
#[derive(Debug, Default, Clone, Copy)]
pub struct Scores {
    pub gold_words: usize,
    pub sys_words: usize,
    /// Words whose spans match (equal to `gold_words` on gold tokens).
    pub aligned: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemma: usize,
    pub uas: usize,
    /// LAS on universal relations (subtypes stripped, as in CoNLL 2018).
    pub las: usize,
    /// LAS on full relations with subtypes (`nsubj:pass`, `obl:tmod`).
    pub las_full: usize,
    pub gold_sents: usize,
    pub sys_sents: usize,
    pub aligned_sents: usize,
}

impl Scores {
    /// F1 (percent) of `correct` against gold and system word counts.
    pub fn f1(&self, correct: usize) -> f64 {
        if self.gold_words + self.sys_words == 0 {
            return 0.0;
        }
        200.0 * correct as f64 / (self.gold_words + self.sys_words) as f64
    }
    pub fn sentence_f1(&self) -> f64 {
        if self.gold_sents + self.sys_sents == 0 {
            return 0.0;
        }
        200.0 * self.aligned_sents as f64 / (self.gold_sents + self.sys_sents) as f64
    }
    fn add(&mut self, o: &Scores) {
        self.gold_words += o.gold_words;
        self.sys_words += o.sys_words;
        self.aligned += o.aligned;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.lemma += o.lemma;
        self.uas += o.uas;
        self.las += o.las;
        self.las_full += o.las_full;
        self.gold_sents += o.gold_sents;
        self.sys_sents += o.sys_sents;
        self.aligned_sents += o.aligned_sents;
    }
}

impl fmt::Display for Scores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "words {} (gold {}, system {}, F1 {:.2})  UPOS {:.2}  XPOS {:.2}  lemma {:.2}  UAS {:.2}  LAS {:.2}  LAS-full {:.2}",
            self.aligned,
            self.gold_words,
            self.sys_words,
            self.f1(self.aligned),
            self.f1(self.upos),
            self.f1(self.xpos),
            self.f1(self.lemma),
            self.f1(self.uas),
            self.f1(self.las),
            self.f1(self.las_full)
        )?;
        if self.gold_sents > 0 {
            write!(f, "  sentences F1 {:.2}", self.sentence_f1())?;
        }
        Ok(())
    }
}

fn universal(rel: &str) -> &str {
    rel.split(':').next().unwrap_or(rel)
}

/// Where the errors on gold tokens lie: UPOS confusions and attachment errors by gold
/// relation, for deciding what to work on next (`petrel eval parse --errors N`).
#[derive(Debug, Default, Clone)]
pub struct Errors {
    /// (gold UPOS, predicted UPOS) → words.
    pub upos: FxHashMap<(String, String), usize>,
    /// Gold universal relation → (words, words with a wrong head, words with the right head
    /// and a wrong universal label).
    pub rels: FxHashMap<String, (usize, usize, usize)>,
    /// Words with a wrong head whose UPOS the tagger got wrong.
    pub head_errors_after_tag_errors: usize,
    pub head_errors: usize,
    /// Sentences whose parse is not a tree (a cycle, or no root): a bug in a repair.
    pub not_trees: usize,
    /// The first few of them: words and heads.
    pub not_tree_examples: Vec<String>,
}

/// Whether `heads` (0-based, `u32::MAX` for the root) form a tree: one root, every word
/// reaching it.
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    heads.iter().filter(|&&h| h == u32::MAX).count() == 1
        && (0..n).all(|mut k| {
            for _ in 0..=n {
                match heads[k] {
                    u32::MAX => return true,
                    h if (h as usize) < n => k = h as usize,
                    _ => return false,
                }
            }
            false
        })
}

impl Errors {
    /// The `n` most frequent UPOS confusions, most frequent first (ties by name).
    pub fn top_upos(&self, n: usize) -> Vec<(&str, &str, usize)> {
        let mut v: Vec<_> = self
            .upos
            .iter()
            .map(|((g, p), &c)| (g.as_str(), p.as_str(), c))
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(b.0)).then(a.1.cmp(b.1)));
        v.truncate(n);
        v
    }

    /// The `n` gold relations with the most errors (wrong head or label), most first.
    pub fn top_rels(&self, n: usize) -> Vec<(&str, usize, usize, usize)> {
        let mut v: Vec<_> = self
            .rels
            .iter()
            .map(|(r, &(all, head, label))| (r.as_str(), all, head, label))
            .collect();
        v.sort_by(|a, b| (b.2 + b.3).cmp(&(a.2 + a.3)).then(a.0.cmp(b.0)));
        v.truncate(n);
        v
    }
}

/// Scores tagging, lemmatisation and parsing on the gold tokens of `sents`.
pub fn eval_gold_tokens(syntax: &mut Syntax, sents: &[Sentence]) -> Scores {
    eval_gold_tokens_with_errors(syntax, sents, None)
}

/// [`eval_gold_tokens`], also filling `errors` when given.
pub fn eval_gold_tokens_with_errors(
    syntax: &mut Syntax,
    sents: &[Sentence],
    mut errors: Option<&mut Errors>,
) -> Scores {
    let mut sc = Scores::default();
    let mut a = crate::Analysis::default();
    let mut lemma = String::new();
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        syntax.analyse(&forms, true, &mut a);
        let n = forms.len();
        sc.gold_words += n;
        sc.sys_words += n;
        sc.aligned += n;
        for (i, w) in s.words.iter().enumerate() {
            let c = a.classes[i] as usize;
            sc.upos += (syntax.tagger.upos[c] == w.upos) as usize;
            sc.xpos += (syntax.tagger.xpos[c] == w.xpos) as usize;
            syntax.lemma(&w.form, a.classes[i], &mut lemma);
            sc.lemma += (lemma == w.lemma) as usize;
        }
        score_arcs(
            &mut sc,
            &syntax.parser.labels,
            &a.heads,
            &a.labels,
            &s.words,
        );
        if let Some(e) = errors.as_deref_mut() {
            if !is_tree(&a.heads) {
                e.not_trees += 1;
                if e.not_tree_examples.len() < 5 {
                    let words = forms.iter().zip(&a.heads).enumerate();
                    let shown: Vec<String> = words
                        .map(|(i, (f, &h))| format!("{}:{f}>{}", i + 1, h.wrapping_add(1)))
                        .collect();
                    e.not_tree_examples.push(shown.join(" "));
                }
            }
            for (i, w) in s.words.iter().enumerate() {
                let upos = &syntax.tagger.upos[a.classes[i] as usize];
                if *upos != w.upos {
                    *e.upos.entry((w.upos.clone(), upos.clone())).or_default() += 1;
                }
                let h = a.heads[i].wrapping_add(1); // u32::MAX (root) → 0
                let r = e.rels.entry(universal(&w.deprel).to_string()).or_default();
                r.0 += 1;
                if h != w.head {
                    r.1 += 1;
                    e.head_errors += 1;
                    e.head_errors_after_tag_errors += (*upos != w.upos) as usize;
                } else if universal(&syntax.parser.labels[a.labels[i] as usize])
                    != universal(&w.deprel)
                {
                    r.2 += 1;
                }
            }
        }
    }
    sc
}

/// Adds the attachment scores of one parsed sentence (0-based heads, `u32::MAX` for the root).
fn score_arcs(
    sc: &mut Scores,
    label_names: &[String],
    heads: &[u32],
    labels: &[u16],
    words: &[crate::conllu::Word],
) {
    for (i, w) in words.iter().enumerate() {
        let h = if heads[i] == u32::MAX {
            0
        } else {
            heads[i] + 1
        };
        if h == w.head {
            sc.uas += 1;
            let rel = &label_names[labels[i] as usize];
            sc.las += (universal(rel) == universal(&w.deprel)) as usize;
            sc.las_full += (*rel == w.deprel) as usize;
        }
    }
}

/// Parses the gold tokens of `sents` with their gold tags: the parser's own accuracy, apart
/// from the tagger's errors (only the word count and the attachment scores are filled).
pub fn eval_gold_tags(parser: &crate::Parser, sents: &[Sentence]) -> Scores {
    let mut sc = Scores::default();
    let mut scratch = crate::parser::ParseScratch::default();
    let (mut heads, mut labels, mut tags) = (Vec::new(), Vec::new(), Vec::new());
    for s in sents {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        tags.clear();
        tags.extend(
            s.words
                .iter()
                .map(|w| crate::parser::tag_hash(&w.upos, &w.xpos)),
        );
        parser.parse(&forms, &tags, &mut scratch, &mut heads, &mut labels);
        sc.gold_words += forms.len();
        sc.sys_words += forms.len();
        sc.aligned += forms.len();
        score_arcs(&mut sc, &parser.labels, &heads, &labels, &s.words);
    }
    sc
}

/// A gold document for raw-text evaluation: its text and its sentences in order.
pub struct GoldDoc<'a> {
    pub text: String,
    pub sents: Vec<&'a Sentence>,
}

/// Groups sentences into documents (`# newdoc`) and rebuilds each document's text from the
/// `# text` lines as `petrel_text::treebank` does for `petrel eval tokenize`: sentences of a
/// paragraph joined by a space (none after a last word with `SpaceAfter=No`), paragraphs by a
/// blank line.
pub fn gold_docs(sents: &[Sentence]) -> Vec<GoldDoc<'_>> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut glued = false;
    for s in sents {
        let newdoc = s.comments.iter().any(|c| c.starts_with("newdoc"));
        let newpar = s.comments.iter().any(|c| c.starts_with("newpar"));
        if newdoc || docs.is_empty() {
            docs.push(GoldDoc {
                text: String::new(),
                sents: Vec::new(),
            });
        }
        let d = docs.last_mut().unwrap();
        if !d.text.is_empty() {
            d.text.push_str(match (newpar, glued) {
                (true, _) => "\n\n",
                (false, true) => "",
                (false, false) => " ",
            });
        }
        d.text.push_str(&s.text());
        d.sents.push(s);
        glued = s
            .words
            .last()
            .is_some_and(|w| w.misc.split('|').any(|m| m == "SpaceAfter=No"));
    }
    docs
}

fn nonspace_len(s: &str) -> u32 {
    s.chars().filter(|c| !c.is_whitespace()).count() as u32
}

/// Scores a system [`Document`] (tokenised, tagged and parsed from `gold.text`) against gold.
pub fn eval_raw_doc(gold: &GoldDoc, sys: &Document) -> Scores {
    let mut sc = Scores::default();
    // Gold word spans in non-whitespace character offsets.
    let mut gspan: Vec<(u32, u32)> = Vec::new();
    let mut gwords: Vec<(&crate::conllu::Word, usize)> = Vec::new(); // word, doc-level index base
    let mut gsent: Vec<(u32, u32)> = Vec::new();
    let mut pos = 0u32;
    for s in &gold.sents {
        let base = gwords.len();
        let sent_start = pos;
        let mut i = 0;
        while i < s.words.len() {
            if let Some((a, b, f)) = s.mwts.iter().find(|m| m.0 == i) {
                let len = nonspace_len(f);
                // Words that spell their token (`do` + `n't`) get their own spans, as in
                // `petrel eval tokenize`; others share the token's span.
                let spelled: String = s.words[*a..=*b].iter().map(|w| w.form.as_str()).collect();
                let own = spelled == *f;
                let mut at = pos;
                for k in *a..=*b {
                    if own {
                        let l = nonspace_len(&s.words[k].form);
                        gspan.push((at, at + l));
                        at += l;
                    } else {
                        gspan.push((pos, pos + len));
                    }
                    gwords.push((&s.words[k], base));
                }
                pos += len;
                i = b + 1;
            } else {
                let len = nonspace_len(&s.words[i].form);
                gspan.push((pos, pos + len));
                gwords.push((&s.words[i], base));
                pos += len;
                i += 1;
            }
        }
        gsent.push((sent_start, pos));
    }
    // System spans: byte offset → non-whitespace chars before it.
    let text = &sys.text;
    let mut before = vec![0u32; text.len() + 1];
    let mut count = 0u32;
    for (b, c) in text.char_indices() {
        for slot in &mut before[b..b + c.len_utf8()] {
            *slot = count;
        }
        if !c.is_whitespace() {
            count += 1;
        }
    }
    before[text.len()] = count;
    let t = &sys.tokens;
    let mut gold_at: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    for (i, &sp) in gspan.iter().enumerate() {
        gold_at.entry(sp).or_insert(i);
    }
    let sys_span = |i: usize| (before[t.start[i] as usize], before[t.end[i] as usize]);
    let align: Vec<Option<usize>> = (0..t.len())
        .map(|i| gold_at.get(&sys_span(i)).copied())
        .collect();
    sc.gold_words = gspan.len();
    sc.sys_words = t.len();
    let tagged = t.is_tagged();
    let parsed = t.is_parsed();
    for (i, al) in align.iter().enumerate() {
        let Some(g) = *al else { continue };
        sc.aligned += 1;
        let (w, base) = gwords[g];
        if tagged {
            sc.upos += (sys.strings.resolve(t.upos[i]) == w.upos) as usize;
            sc.xpos += (sys.strings.resolve(t.xpos[i]) == w.xpos) as usize;
            sc.lemma += (sys.strings.resolve(t.lemma[i]) == w.lemma) as usize;
        }
        if parsed {
            let head_ok = if t.head[i] == NO_HEAD {
                w.head == 0
            } else {
                w.head != 0 && align[t.head[i] as usize] == Some(base + w.head as usize - 1)
            };
            if head_ok {
                sc.uas += 1;
                let rel = sys.strings.resolve(t.deprel[i]);
                sc.las += (universal(rel) == universal(&w.deprel)) as usize;
                sc.las_full += (rel == w.deprel) as usize;
            }
        }
    }
    sc.gold_sents = gsent.len();
    sc.sys_sents = sys.sentences.len();
    let gs: rustc_hash::FxHashSet<(u32, u32)> = gsent.into_iter().collect();
    for s in &sys.sentences {
        if s.is_empty() {
            continue;
        }
        let r = s.token_range();
        let span = (sys_span(r.start).0, sys_span(r.end - 1).1);
        sc.aligned_sents += gs.contains(&span) as usize;
    }
    sc
}

/// Scores every document of `sents` from raw text; `run` turns a text into an analysed
/// [`Document`] (the full text pipeline).
pub fn eval_raw(
    sents: &[Sentence],
    mut run: impl FnMut(&str) -> Result<Document, String>,
) -> Result<Scores, String> {
    let mut total = Scores::default();
    for d in gold_docs(sents) {
        let doc = run(&d.text)?;
        total.add(&eval_raw_doc(&d, &doc));
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_DOCS: &str = "# newdoc id = a\n# text = Rain fell.\n1\tRain\train\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tfell\tfall\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\tSpaceAfter=No\n\n# text = Then\n1\tThen\tthen\tADV\tRB\t_\t0\troot\t_\t_\n\n# newpar\n# text = It stopped.\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tstopped\tstop\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# newdoc id = b\n# text = Done\n1\tDone\tdone\tADJ\tJJ\t_\t0\troot\t_\t_\n\n";

    /// The raw text must match `petrel eval tokenize`'s rebuild: no space after a sentence
    /// whose last word has `SpaceAfter=No`, a blank line between paragraphs, a new text per
    /// document.
    #[test]
    fn gold_docs_rebuild_text_like_the_tokenizer_eval() {
        let sents = crate::conllu::parse("t", TWO_DOCS).unwrap();
        let docs = gold_docs(&sents);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "Rain fell.Then\n\nIt stopped.");
        assert_eq!(docs[0].sents.len(), 3);
        assert_eq!(docs[1].text, "Done");
    }
}
