//! A light view of a document's words for the rule matchers: byte spans and normalised
//! lower-case keys. Uses the tokenizer's tokens when `doc.tokens` is filled (then word `i`
//! is token `i`), else a small built-in tokenizer that follows the same conventions
//! (hyphens, `'s` and punctuation split; `1,000`, `3.5`, `10:30`, `a.m.` kept whole).

use petrel_doc::Document;

/// Words of one document with their normalised keys.
#[derive(Debug, Default)]
pub struct Words {
    pub start: Vec<u32>,
    pub end: Vec<u32>,
    /// `[from, to)` of each key in `buf`.
    keys: Vec<(u32, u32)>,
    buf: String,
    /// Whether the word's original text starts with an upper-case letter.
    cap: Vec<bool>,
    /// Whether the words are the document's tokens (same indices).
    pub from_tokens: bool,
}

impl Words {
    /// Builds the view from the document's tokens, or tokenizes `doc.text` itself.
    pub fn new(doc: &Document) -> Words {
        let mut w = Words::default();
        if !doc.tokens.is_empty() {
            w.from_tokens = true;
            for i in 0..doc.tokens.len() {
                let (s, e) = (doc.tokens.start[i], doc.tokens.end[i]);
                w.push(s, e, doc.form(i));
            }
        } else {
            for (s, e) in tokenize(&doc.text) {
                w.push(s as u32, e as u32, &doc.text[s..e]);
            }
        }
        w
    }

    fn push(&mut self, start: u32, end: u32, form: &str) {
        self.start.push(start);
        self.end.push(end);
        self.cap
            .push(form.chars().next().is_some_and(|c| c.is_uppercase()));
        let from = self.buf.len();
        normalise_into(form, &mut self.buf);
        self.keys.push((from as u32, self.buf.len() as u32));
    }

    pub fn len(&self) -> usize {
        self.start.len()
    }

    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }

    /// The normalised key of word `i` (lower case, abbreviation dots dropped), or `""`
    /// past the end, so that matchers can look ahead without bounds checks.
    pub fn key(&self, i: usize) -> &str {
        match self.keys.get(i) {
            Some(&(a, b)) => &self.buf[a as usize..b as usize],
            None => "",
        }
    }

    pub fn is_cap(&self, i: usize) -> bool {
        self.cap.get(i).copied().unwrap_or(false)
    }

    /// Whether words `i` and `i + 1` touch (no space between them).
    pub fn touches_next(&self, i: usize) -> bool {
        i + 1 < self.len() && self.end[i] == self.start[i + 1]
    }

    /// The index of the first word starting at or after byte `offset`.
    pub fn word_at(&self, offset: u32) -> usize {
        self.start.partition_point(|&s| s < offset)
    }
}

/// Lower-cases `form` into `out`; folds curly apostrophes; drops the dots of abbreviations
/// (`Sept.` → `sept`, `a.m.` → `am`) but keeps those of numbers (`3.5`) and lone `.`.
fn normalise_into(form: &str, out: &mut String) {
    let has_digit = form.bytes().any(|b| b.is_ascii_digit());
    let all_dots = form.bytes().all(|b| b == b'.');
    for c in form.chars() {
        let c = match c {
            '\u{2019}' | '\u{2018}' | '`' => '\'',
            '\u{2013}' | '\u{2014}' => '-',
            c => c,
        };
        if c == '.' && !has_digit && !all_dots {
            continue;
        }
        out.extend(c.to_lowercase());
    }
}

/// Abbreviations that keep their final period as part of the word.
fn keeps_period(word: &str) -> bool {
    const ABBR: &[&str] = &[
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mon",
        "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "mr", "mrs", "ms", "dr",
        "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jr", "sr", "co", "corp", "inc",
        "ltd", "vs", "no",
    ];
    let lw = word.to_ascii_lowercase();
    ABBR.contains(&lw.as_str()) || (word.len() > 1 && word.contains('.'))
}

/// A small PTB-like tokenizer, returning byte spans. Used only when the document has no
/// tokens yet (tests, evaluation without the text component).
pub fn tokenize(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let n = text.len();
    while i < n {
        let c = text[i..].chars().next().unwrap_or(' ');
        let cl = c.len_utf8();
        if c.is_whitespace() {
            i += cl;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut j = i;
            while let Some(d) = text[j..].chars().next() {
                if d.is_alphanumeric() {
                    j += d.len_utf8();
                    continue;
                }
                // Number-internal `.,:/` (1,000  3.5  10:30  04/07/2010).
                if matches!(d, '.' | ',' | ':' | '/')
                    && j > s
                    && b[j - 1].is_ascii_digit()
                    && b.get(j + 1).is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                // n't stays in the run so that it can be split off below.
                if (d == '\'' || d == '\u{2019}')
                    && j > s
                    && (b[j - 1] == b'n' || b[j - 1] == b'N')
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(|x| x == 't' || x == 'T')
                    && !text[j + d.len_utf8() + 1..]
                        .chars()
                        .next()
                        .is_some_and(|x| x.is_alphanumeric())
                {
                    j += d.len_utf8() + 1;
                    continue;
                }
                // Single-letter abbreviations with dots: a.m., U.S.
                if d == '.'
                    && b.get(j + 1).is_some_and(|x| x.is_ascii_alphabetic())
                    && b.get(j + 2) == Some(&b'.')
                    && j - s == 1
                {
                    j += 3;
                    continue;
                }
                break;
            }
            // Clitic 's / n't stay separate (like the text component).
            let word = &text[s..j];
            let lw = word.to_lowercase();
            if lw.len() > 3 && (lw.ends_with("n't") || lw.ends_with("n\u{2019}t")) {
                let cut = j - (lw.len() - lw.rfind('n').unwrap_or(0));
                out.push((s, cut));
                out.push((cut, j));
                i = j;
                continue;
            }
            if text[j..].starts_with('.') && keeps_period(&text[s..j]) {
                j += 1;
            }
            out.push((s, j));
            i = j;
            continue;
        }
        if c == '\'' || c == '\u{2019}' {
            // 's, 're, 'll … split off as one token; '90s kept whole.
            let j = i + cl;
            let mut k = j;
            while k < n && (b[k].is_ascii_alphanumeric()) {
                k += 1;
            }
            if k > j && k - j <= 3 {
                out.push((i, k));
                i = k;
                continue;
            }
            if k > j && b[j].is_ascii_digit() {
                out.push((i, k));
                i = k;
                continue;
            }
        }
        out.push((i, i + cl));
        i += cl;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn splits_like_the_text_component() {
        assert_eq!(
            toks("On Sept. 30, 1,000 troops' third-quarter at 10:30 a.m. didn't"),
            vec![
                "On", "Sept.", "30", ",", "1,000", "troops", "'", "third", "-", "quarter", "at",
                "10:30", "a.m.", "did", "n't"
            ]
        );
        assert_eq!(toks("Kenya's '90s"), vec!["Kenya", "'s", "'90s"]);
    }
}
