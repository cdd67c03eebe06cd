//! Raw text rebuilt from a UD treebank, with gold word and sentence offsets, for scoring
//! tokenisation and sentence splitting from raw text (CoNLL 2018 shared-task style).
//!
//! Sentences of one paragraph are joined by a space (none when the last token has
//! `SpaceAfter=No`); paragraphs and documents are separated by a blank line, which is what a
//! reader of the original page would see.

/// A gold unit (word or sentence) as a byte span in [`TreebankText::text`].
pub type GoldSpan = (u32, u32);

#[derive(Debug, Default)]
pub struct TreebankText {
    pub text: String,
    /// Gold syntactic words. Words of a multiword token get their own spans when their forms
    /// spell the token (`did` + `n't`); otherwise they share the token's span.
    pub words: Vec<GoldSpan>,
    pub sentences: Vec<GoldSpan>,
    /// Words per sentence, in order (so `words` can be cut back into sentences).
    pub sentence_lengths: Vec<usize>,
}

/// Rebuilds the raw text of a CoNLL-U file. Errors name the line.
pub fn read_treebank(conllu: &str) -> Result<TreebankText, String> {
    let mut b = Builder::default();
    let mut mwt_end = 0usize;
    for (i, line) in conllu.lines().enumerate() {
        let line_no = i + 1;
        if line.is_empty() {
            b.flush(line_no)?;
            mwt_end = 0;
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            let c = c.trim_start();
            if c.starts_with("newpar") || c.starts_with("newdoc") {
                b.new_par = true;
            } else if let Some(t) = c.strip_prefix("text =") {
                b.sent_text = Some(t.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!(
                "line {line_no}: expected 10 tab-separated columns, found {}",
                cols.len()
            ));
        }
        let id = cols[0];
        let bad_id = || format!("line {line_no}: bad id {id:?}");
        let space_after = !cols[9].contains("SpaceAfter=No");
        if let Some((_, last)) = id.split_once('-') {
            mwt_end = last.parse().map_err(|_| bad_id())?;
            b.tokens.push((cols[1].to_string(), Vec::new()));
            b.pending_space_after = space_after;
            continue;
        }
        if id.contains('.') {
            continue; // empty nodes
        }
        let n: usize = id.parse().map_err(|_| bad_id())?;
        if n <= mwt_end {
            if let Some(t) = b.tokens.last_mut() {
                t.1.push(cols[1].to_string());
            }
        } else {
            b.tokens
                .push((cols[1].to_string(), vec![cols[1].to_string()]));
            b.pending_space_after = space_after;
        }
    }
    b.flush(conllu.lines().count())?;
    Ok(b.out)
}

#[derive(Default)]
struct Builder {
    out: TreebankText,
    sent_text: Option<String>,
    new_par: bool,
    /// (surface, word forms) per token of the current sentence.
    tokens: Vec<(String, Vec<String>)>,
    /// `SpaceAfter` of the last token read, and of the previous sentence's last token.
    pending_space_after: bool,
    last_space_after: bool,
}

impl Builder {
    fn flush(&mut self, line_no: usize) -> Result<(), String> {
        if self.tokens.is_empty() {
            return Ok(());
        }
        let out = &mut self.out;
        let text = self.sent_text.take().unwrap_or_else(|| {
            let surf: Vec<&str> = self.tokens.iter().map(|t| t.0.as_str()).collect();
            surf.join(" ")
        });
        if !out.text.is_empty() {
            if self.new_par {
                out.text.push_str("\n\n");
            } else if self.last_space_after {
                out.text.push(' ');
            }
        }
        self.new_par = false;
        self.last_space_after = self.pending_space_after;
        let base = out.text.len();
        out.text.push_str(&text);
        let mut pos = 0usize;
        let mut n_words = 0;
        let (mut s_start, mut s_end) = (u32::MAX, 0u32);
        for (surface, forms) in self.tokens.drain(..) {
            let rel = text[pos..].find(surface.as_str()).ok_or_else(|| {
                format!("line {line_no}: token {surface:?} not found in the sentence's # text")
            })? + pos;
            let (ts, te) = (base + rel, base + rel + surface.len());
            pos = rel + surface.len();
            s_start = s_start.min(ts as u32);
            s_end = te as u32;
            let spelled: usize = forms.iter().map(String::len).sum();
            if forms.len() > 1
                && spelled == surface.len()
                && forms.concat().eq_ignore_ascii_case(&surface)
            {
                let mut p = ts;
                for f in &forms {
                    out.words.push((p as u32, (p + f.len()) as u32));
                    p += f.len();
                }
            } else {
                for _ in &forms {
                    out.words.push((ts as u32, te as u32));
                }
            }
            n_words += forms.len();
        }
        out.sentences.push((s_start, s_end));
        out.sentence_lengths.push(n_words);
        Ok(())
    }
}

/// Precision, recall and F1 of predicted spans against gold spans (exact match).
pub fn span_f1(gold: &[GoldSpan], pred: &[GoldSpan]) -> (f64, f64, f64) {
    use rustc_hash::FxHashSet;
    let g: FxHashSet<&GoldSpan> = gold.iter().collect();
    let p: FxHashSet<&GoldSpan> = pred.iter().collect();
    let tp = p.intersection(&g).count() as f64;
    let prec = if p.is_empty() {
        0.0
    } else {
        tp / p.len() as f64
    };
    let rec = if g.is_empty() {
        0.0
    } else {
        tp / g.len() as f64
    };
    let f1 = if prec + rec == 0.0 {
        0.0
    } else {
        2.0 * prec * rec / (prec + rec)
    };
    (prec, rec, f1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# newpar id = p1\n# text = Guards didn't fire.\n\
1\tGuards\tguard\tNOUN\tNNS\t_\t3\tnsubj\t_\t_\n\
2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\tdo\tAUX\tVBD\t_\t4\taux\t_\t_\n\
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n\
4\tfire\tfire\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\
\n\
# text = Calm.\n\
1\tCalm\tcalm\tADJ\tJJ\t_\t0\troot\t_\tSpaceAfter=No\n\
2\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\
\n\
# newpar id = p2\n# text = Next\n\
1\tNext\tnext\tADJ\tJJ\t_\t0\troot\t_\t_\n\n";

    #[test]
    fn rebuilds_text_and_offsets() {
        let tb = read_treebank(SAMPLE).unwrap();
        assert_eq!(tb.text, "Guards didn't fire. Calm.\n\nNext");
        let words: Vec<&str> = tb
            .words
            .iter()
            .map(|&(a, b)| &tb.text[a as usize..b as usize])
            .collect();
        assert_eq!(
            words,
            ["Guards", "did", "n't", "fire", ".", "Calm", ".", "Next"]
        );
        assert_eq!(tb.sentences.len(), 3);
        assert_eq!(tb.sentence_lengths, [5, 2, 1]);
    }

    #[test]
    fn reports_bad_lines() {
        let err = read_treebank("1\tonly three\tcols\n").unwrap_err();
        assert!(err.starts_with("line 1:"), "{err}");
    }

    #[test]
    fn f1() {
        let (p, r, f) = span_f1(&[(0, 1), (2, 3)], &[(0, 1), (1, 3)]);
        assert_eq!((p, r, f), (0.5, 0.5, 0.5));
    }
}
