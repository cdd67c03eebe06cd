//! Where brackets and quotation marks hang.
//!
//! Universal Dependencies hang a pair of brackets or quotes on the head of what they enclose
//! ("( the mayor )" on "mayor", "\" no way \"" on "way"). The greedy parser places each mark
//! when it reaches it, before it knows where the enclosed phrase will go, and often hangs the
//! closing mark on the next clause. So after parsing and the repairs, a pair whose content
//! has exactly one head is hung on that head (after udapi's `ud.FixPunct`).
//!
//! Measured on gold tokens (eleventh-session models; docs/models.md): UAS +0.11 on EWT dev,
//! +0.12 on GUM dev. The rest of `ud.FixPunct` (every other mark on the nearest phrase it
//! sets off) gives the gold head of 96 % of EWT dev's marks from the gold tree, but on
//! predicted trees it cost 0.6 UAS: it carries the tree's errors to the marks, where the
//! parser's own choice often gets them right.
//!
//! Heads are 0-based, `u32::MAX` for the root.

const ROOT: u32 = u32::MAX;

const OPENING: &[&str] = &["(", "[", "{", "“", "‘", "«", "``"];
const CLOSING: &[&str] = &[")", "]", "}", "”", "’", "»", "''"];

/// Re-hangs the childless brackets and quotes (tokens for which `is_mark` holds) on the head
/// of what they enclose; see the module docs.
pub(crate) fn attach_pairs(forms: &[&str], heads: &mut [u32], is_mark: impl Fn(usize) -> bool) {
    // Most sentences have none: no allocation for them.
    if !forms
        .iter()
        .any(|f| OPENING.contains(f) || CLOSING.contains(f) || *f == "\"" || *f == "'")
    {
        return;
    }
    let n = heads.len();
    let mut mark: Vec<bool> = (0..n).map(&is_mark).collect();
    for &h in heads.iter() {
        if h != ROOT {
            mark[h as usize] = false;
        }
    }
    for (a, b) in pairs(forms, &mark) {
        let outside = |h: u32| h == ROOT || !(a < h as usize && (h as usize) < b);
        let mut tops = (a + 1..b).filter(|&y| !mark[y] && outside(heads[y]));
        if let (Some(top), None) = (tops.next(), tops.next()) {
            heads[a] = top as u32;
            heads[b] = top as u32;
        }
    }
}

/// Matching brackets and quotes among the marks: (opening, closing) token indices. Straight
/// quotes pair in order of appearance.
fn pairs(forms: &[&str], mark: &[bool]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let (mut double, mut single) = (None, None);
    for (i, f) in forms.iter().enumerate() {
        if !mark[i] {
            continue;
        }
        if OPENING.contains(f) {
            open.push(i);
        } else if CLOSING.contains(f) {
            if let Some(a) = open.pop() {
                out.push((a, i));
            }
        } else if *f == "\"" || *f == "'" {
            let slot = if *f == "\"" { &mut double } else { &mut single };
            match slot.take() {
                Some(a) => out.push((a, i)),
                None => *slot = Some(i),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `heads` given 1-based (0 = root), as in CoNLL-U, and returned the same way.
    fn run(sentence: &str, heads: &[u32]) -> Vec<u32> {
        let forms: Vec<&str> = sentence.split(' ').collect();
        let mut hs: Vec<u32> = heads
            .iter()
            .map(|&x| if x == 0 { ROOT } else { x - 1 })
            .collect();
        attach_pairs(&forms, &mut hs, |i| {
            forms[i].chars().all(|c| c.is_ascii_punctuation())
        });
        hs.iter()
            .map(|&x| if x == ROOT { 0 } else { x + 1 })
            .collect()
    }

    #[test]
    fn brackets_and_quotes_hang_on_the_head_of_what_they_enclose() {
        // Ana ( the mayor ) said " no way " .  with every mark first hung on "said".
        let got = run(
            "Ana ( the mayor ) said \" no way \" .",
            &[6, 6, 4, 1, 6, 0, 6, 9, 6, 6, 6],
        );
        assert_eq!(got, [6, 4, 4, 1, 4, 0, 9, 9, 6, 9, 6]);
    }

    #[test]
    fn content_with_two_heads_and_marks_with_children_keep_their_heads() {
        // The brackets enclose two heads ("yes" and "no" both on "said"): no single phrase.
        let got = run("Ana said ( yes , no ) .", &[2, 0, 2, 2, 4, 2, 2, 2]);
        assert_eq!(got, [2, 0, 2, 2, 4, 2, 2, 2]);
        // The bracket heads a word (a parse error this does not mend).
        assert_eq!(run("( a ) b", &[4, 1, 1, 0]), [4, 1, 1, 0]);
    }
}
