//! Reading TimeML files and scoring time expressions TempEval-3 style, shared by
//! `petrel eval timex` and the crate's own evaluation example.
//!
//! Each `.tml` file's `<TEXT>` is stripped of its tags (entities unescaped) to give the raw
//! text and the gold TIMEX3 spans; the DCT is the article date. Expressions are matched
//! one-to-one by exact extent (strict) or overlap (relaxed). Value and type are judged on
//! relaxed matches; value F1 counts a system expression as correct when it matches and
//! has the gold value (precision over system expressions, recall over gold ones).

use std::path::Path;

/// A TIMEX3, gold or system, with byte offsets into the raw text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tx {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub value: String,
    pub text: String,
}

/// One gold document: raw text, DCT and gold expressions.
#[derive(Debug, Clone)]
pub struct GoldDoc {
    pub text: String,
    pub dct: Option<String>,
    pub gold: Vec<Tx>,
}

/// Counts behind the scores; they add up over documents.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Score {
    pub docs: usize,
    pub gold: usize,
    pub sys: usize,
    pub strict: usize,
    pub relaxed: usize,
    pub value: usize,
    pub kind: usize,
}

/// Precision, recall, F1 in percent.
pub fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        tp as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (100.0 * p, 100.0 * r, 100.0 * f)
}

impl Score {
    pub fn add(&mut self, o: &Score) {
        self.docs += o.docs;
        self.gold += o.gold;
        self.sys += o.sys;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.value += o.value;
        self.kind += o.kind;
    }
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        prf(self.strict, self.sys, self.gold)
    }
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.sys, self.gold)
    }
    pub fn value_f1(&self) -> f64 {
        prf(self.value, self.sys, self.gold).2
    }
    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        pct(self.value, self.relaxed)
    }
    pub fn type_accuracy(&self) -> f64 {
        pct(self.kind, self.relaxed)
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!(" {name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

/// Parses a TimeML document (`name` is used in error messages).
pub fn parse_tml(src: &str, name: &str) -> Result<GoldDoc, String> {
    let dct = src.find("<DCT>").and_then(|i| {
        let rest = &src[i..];
        let end = rest.find("</DCT>")?;
        attr(&rest[..end], "value")
    });
    let body_start = src
        .find("<TEXT>")
        .ok_or_else(|| format!("{name}: no <TEXT> element"))?
        + "<TEXT>".len();
    let body_end = src[body_start..]
        .find("</TEXT>")
        .map(|j| body_start + j)
        .ok_or_else(|| format!("{name}: <TEXT> at byte {body_start} is not closed"))?;
    let body = &src[body_start..body_end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest
                .find('>')
                .ok_or_else(|| format!("{name}: unclosed tag at byte {}", body_start + i))?;
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                let kind = attr(tag, "type").unwrap_or_default();
                let value = attr(tag, "value").unwrap_or_default();
                open = Some((text.len(), kind, value));
            } else if tag.starts_with("</TIMEX3") {
                let (s, kind, value) = open.take().ok_or_else(|| {
                    format!("{name}: </TIMEX3> without start at byte {}", body_start + i)
                })?;
                gold.push(Tx {
                    start: s,
                    end: text.len(),
                    text: text[s..].to_string(),
                    kind,
                    value,
                });
            }
            i += close + 1;
        } else if rest.starts_with('&') {
            const ENTITIES: [(&str, &str); 5] = [
                ("&amp;", "&"),
                ("&lt;", "<"),
                ("&gt;", ">"),
                ("&quot;", "\""),
                ("&apos;", "'"),
            ];
            let (rep, len) = ENTITIES
                .iter()
                .find(|(e, _)| rest.starts_with(e))
                .map(|(e, r)| (*r, e.len()))
                .unwrap_or(("&", 1));
            text.push_str(rep);
            i += len;
        } else {
            let c = rest.chars().next().unwrap_or(' ');
            text.push(c);
            i += c.len_utf8();
        }
    }
    Ok(GoldDoc { text, dct, gold })
}

/// Reads and parses a `.tml` file.
pub fn read_tml(path: &Path) -> Result<GoldDoc, String> {
    let src = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_tml(&src, &path.display().to_string())
}

/// Scores one document: one-to-one matching, exact extents first, then overlaps, in text
/// order. With `errors`, also lists misses, spurious and wrongly valued expressions.
pub fn score(name: &str, gold: &[Tx], sys: &[Tx], errors: bool) -> (Score, Vec<String>) {
    let mut s = Score {
        docs: 1,
        gold: gold.len(),
        sys: sys.len(),
        ..Default::default()
    };
    const NONE: usize = usize::MAX;
    let mut gm = vec![NONE; gold.len()];
    let mut sm = vec![NONE; sys.len()];
    for (si, x) in sys.iter().enumerate() {
        if let Some(gi) = (0..gold.len())
            .find(|&g| gm[g] == NONE && gold[g].start == x.start && gold[g].end == x.end)
        {
            gm[gi] = si;
            sm[si] = gi;
            s.strict += 1;
        }
    }
    for (si, x) in sys.iter().enumerate() {
        if sm[si] != NONE {
            continue;
        }
        if let Some(gi) = (0..gold.len())
            .find(|&g| gm[g] == NONE && gold[g].start < x.end && x.start < gold[g].end)
        {
            gm[gi] = si;
            sm[si] = gi;
        }
    }
    let mut errs = Vec::new();
    for (si, x) in sys.iter().enumerate() {
        if sm[si] == NONE {
            if errors {
                errs.push(format!(
                    "{name}\tSPURIOUS\t{:?}\t{}\t{}",
                    x.text, x.kind, x.value
                ));
            }
            continue;
        }
        let g = &gold[sm[si]];
        s.relaxed += 1;
        s.value += usize::from(g.value == x.value);
        s.kind += usize::from(g.kind == x.kind);
        if errors && (g.value != x.value || g.start != x.start || g.end != x.end) {
            errs.push(format!(
                "{name}\tMISMATCH\tgold {:?} {} {}\tsys {:?} {} {}",
                g.text, g.kind, g.value, x.text, x.kind, x.value
            ));
        }
    }
    if errors {
        for (gi, g) in gold.iter().enumerate() {
            if gm[gi] == NONE {
                errs.push(format!(
                    "{name}\tMISSED\t{:?}\t{}\t{}",
                    g.text, g.kind, g.value
                ));
            }
        }
    }
    (s, errs)
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "<TimeML><DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2011-03-02\">x</TIMEX3></DCT>\
        <TEXT>Rain &amp; wind hit the coast <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2011-03-01\">yesterday</TIMEX3>.</TEXT></TimeML>";

    #[test]
    fn parses_text_offsets_and_dct() {
        let d = parse_tml(DOC, "doc").unwrap();
        assert_eq!(d.dct.as_deref(), Some("2011-03-02"));
        assert_eq!(d.text, "Rain & wind hit the coast yesterday.");
        assert_eq!(d.gold.len(), 1);
        assert_eq!(&d.text[d.gold[0].start..d.gold[0].end], "yesterday");
        assert!(parse_tml("<TEXT>unclosed", "bad")
            .unwrap_err()
            .contains("bad"));
    }

    #[test]
    fn strict_relaxed_and_value() {
        let g = |s, e, v: &str| Tx {
            start: s,
            end: e,
            kind: "DATE".into(),
            value: v.into(),
            text: String::new(),
        };
        let gold = [g(0, 5, "A"), g(10, 15, "B"), g(20, 25, "C")];
        let sys = [g(0, 5, "A"), g(9, 15, "X"), g(30, 35, "D")];
        let (s, _) = score("d", &gold, &sys, false);
        assert_eq!((s.strict, s.relaxed, s.value), (1, 2, 1));
        assert!((s.value_f1() - 100.0 / 3.0).abs() < 1e-9);
    }
}
