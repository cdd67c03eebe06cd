//! Penn-Treebank / UD-English-style tokenisation over the original text.
//!
//! The tokenizer never rewrites the text: it returns byte spans into it, so every offset
//! stays valid. Whitespace-separated chunks are split by rules: opening punctuation off the
//! front, closing punctuation and sentence periods off the back (abbreviations and initials
//! keep their period), clitics (`n't`, `'s`, `'re`, …) and listed contractions (`can't` →
//! `ca` `n't`), and inner hyphens, slashes, dashes and commas. URLs and e-mail addresses
//! stay whole.

use crate::lexicon::{AbbrevClass, TextLexicon};

/// A token span with what the sentence splitter needs to know about the gap before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawToken {
    pub start: u32,
    pub end: u32,
    /// Line breaks in the whitespace before the token (2+ marks a paragraph break).
    pub newlines_before: u8,
    /// Whether any whitespace precedes the token.
    pub space_before: bool,
}

/// Characters treated as whitespace besides `char::is_whitespace`: zero-width spaces, the
/// byte-order mark and control characters, which only ever separate words in news text.
#[inline]
pub fn is_space(c: char) -> bool {
    c.is_whitespace()
        || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
        || (c.is_control() && c != '\u{00AD}')
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[inline]
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '(' | '['
            | '{'
            | '"'
            | '\u{201C}'
            | '\u{201E}'
            | '\u{2018}'
            | '\u{00AB}'
            | '\u{2039}'
            | '¿'
            | '¡'
            | '<'
            | '*'
            | '•'
            | '·'
            | '~'
            | '='
    )
}

#[inline]
fn is_closer(c: char) -> bool {
    matches!(
        c,
        ')' | ']'
            | '}'
            | '"'
            | '\u{201D}'
            | '\u{00BB}'
            | '\u{203A}'
            | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '>'
            | '\u{2026}'
            | '*'
            | '\u{201C}'
    )
}

#[inline]
fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}')
}

#[inline]
fn is_currency(c: char) -> bool {
    matches!(c, '$' | '€' | '£' | '¥' | '₹' | '₽' | '₩' | '₺' | '₴')
}

/// Splits `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, lex: &TextLexicon, out: &mut Vec<RawToken>) {
    out.clear();
    let mut newlines: u32 = 0;
    let mut space = false;
    let mut chunk_start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_space(c) {
            if let Some(s) = chunk_start.take() {
                split_chunk(text, s, i, lex, out, newlines, space);
                newlines = 0;
            }
            space = true;
            if c == '\n' || c == '\u{2029}' {
                newlines += 1;
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(s) = chunk_start {
        split_chunk(text, s, text.len(), lex, out, newlines, space);
    }
}

/// Collects the token spans of one chunk, then records them with the gap information of the
/// chunk on its first token.
fn split_chunk(
    text: &str,
    start: usize,
    end: usize,
    lex: &TextLexicon,
    out: &mut Vec<RawToken>,
    newlines: u32,
    space_before: bool,
) {
    let first = out.len();
    let before_number = text[end..]
        .trim_start()
        .starts_with(|c: char| c.is_ascii_digit() || c == '#');
    let mut sink = Sink {
        out,
        base: start,
        before_number,
    };
    split_word(&text[start..end], lex, &mut sink);
    if let Some(t) = out.get_mut(first) {
        t.newlines_before = newlines.min(255) as u8;
        t.space_before = space_before;
    }
}

struct Sink<'a> {
    out: &'a mut Vec<RawToken>,
    base: usize,
    /// Whether the next chunk starts with a number, which decides whether `No.` keeps its
    /// period (`No. 5`) or ends a sentence (`she said no.`).
    before_number: bool,
}

impl Sink<'_> {
    #[inline]
    fn emit(&mut self, lo: usize, hi: usize) {
        if lo < hi {
            self.out.push(RawToken {
                start: (self.base + lo) as u32,
                end: (self.base + hi) as u32,
                newlines_before: 0,
                space_before: false,
            });
        }
    }
}

/// Emoticons recognised at the end of a word (`great:)`).
const EMOTICON_TAILS: [&str; 4] = [":)", ":-)", ":(", ";)"];

/// A chunk made of one punctuation character repeated (`***`, `!!!`, `====`, `<<`).
fn is_punct_run(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_punctuation() && s.len() >= 2 => chars.all(|d| d == c),
        _ => false,
    }
}

fn first_char(s: &str) -> Option<char> {
    s.chars().next()
}

fn last_char(s: &str) -> Option<char> {
    s.chars().next_back()
}

fn is_url_like(s: &str) -> bool {
    s.contains("://")
        || s.starts_with("www.")
        || (s.contains('@') && s.contains('.') && !s.starts_with('@'))
}

/// Suffixes after a leading apostrophe that make it part of the word (`'s`, `'90s`, `'em`).
fn leading_apostrophe_word(rest: &str) -> bool {
    let lower = rest.trim_end_matches(|c: char| !c.is_alphanumeric());
    matches!(
        lower.to_ascii_lowercase().as_str(),
        "s" | "d" | "m" | "re" | "ve" | "ll" | "em" | "tis" | "twas" | "cause" | "n"
    ) || (rest.len() >= 2
        && rest.as_bytes()[0].is_ascii_digit()
        && rest.as_bytes()[1].is_ascii_digit())
}

/// Whether a word ending in `.` keeps the period (`Mr.`, `U.S.`, `F.`); an abbreviation that
/// precedes a number (`No.`, `Art.`) keeps it only before one.
fn keeps_period(core: &str, lex: &TextLexicon, before_number: bool) -> bool {
    if core.is_empty() {
        return false;
    }
    match lex.abbrev(core) {
        Some(AbbrevClass::Number) => return before_number,
        Some(_) => return true,
        None => {}
    }
    let mut chars = core.chars();
    let c0 = chars.next().unwrap_or(' ');
    if chars.next().is_none() {
        // A single capital is an initial (John F. Kennedy).
        return c0.is_uppercase();
    }
    // Dotted abbreviations: U.S, e.g, a.m, D.C.
    core.contains('.')
        && core
            .split('.')
            .all(|p| !p.is_empty() && p.chars().count() <= 2 && p.chars().all(char::is_alphabetic))
}

fn split_word(s: &str, lex: &TextLexicon, sink: &mut Sink<'_>) {
    // Whole-chunk tokens: emoticons and runs of one punctuation mark (`***`, `!!!`, `<<`).
    if lex.is_emoticon(s) || is_punct_run(s) {
        sink.emit(0, s.len());
        return;
    }
    // `"Name"<addr@host>`: split before an inner `<` so the address is seen on its own.
    if let Some((p, _)) = s.char_indices().skip(1).find(|&(_, c)| c == '<') {
        let base = sink.base;
        split_word(&s[..p], lex, sink);
        sink.base = base + p;
        split_word(&s[p..], lex, sink);
        sink.base = base;
        return;
    }
    if let Some(e) = EMOTICON_TAILS
        .iter()
        .find(|e| s.len() > e.len() && s.ends_with(*e))
    {
        if lex.is_emoticon(e) {
            let cut = s.len() - e.len();
            split_word(&s[..cut], lex, sink);
            sink.emit(cut, s.len());
            return;
        }
    }
    let mut lo = 0;
    let mut hi = s.len();
    let mut trail: Vec<(usize, usize)> = Vec::new();

    if is_url_like(s) {
        while let Some(c) = last_char(&s[lo..hi]) {
            if matches!(
                c,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '"' | '\'' | '>'
            ) || c == '\u{201D}'
                || c == '\u{2019}'
            {
                trail.push((hi - c.len_utf8(), hi));
                hi -= c.len_utf8();
            } else {
                break;
            }
        }
        while let Some(c) = first_char(&s[lo..hi]) {
            if is_opener(c) {
                sink.emit(lo, lo + c.len_utf8());
                lo += c.len_utf8();
            } else {
                break;
            }
        }
        sink.emit(lo, hi);
        for &(a, b) in trail.iter().rev() {
            sink.emit(a, b);
        }
        return;
    }

    // Opening punctuation.
    while lo < hi {
        let rest = &s[lo..hi];
        let c = first_char(rest).unwrap_or(' ');
        let n = c.len_utf8();
        if rest.len() == n {
            break;
        }
        if rest.starts_with("``") {
            sink.emit(lo, lo + 2);
            lo += 2;
        } else if rest.starts_with("--") {
            let run = rest.bytes().take_while(|&b| b == b'-').count();
            sink.emit(lo, lo + run);
            lo += run;
        } else if is_opener(c) || is_dash(c) {
            let run = rest.chars().take_while(|&d| d == c).count() * n;
            let run = if run >= rest.len() { n } else { run };
            sink.emit(lo, lo + run);
            lo += run;
        } else if is_apostrophe(c) && !leading_apostrophe_word(&rest[n..]) {
            sink.emit(lo, lo + n);
            lo += n;
        } else if c == '-' && !rest[1..].starts_with(|d: char| d.is_ascii_digit()) {
            sink.emit(lo, lo + 1);
            lo += 1;
        } else {
            break;
        }
    }

    // Closing punctuation and sentence periods, collected from the back.
    while lo < hi {
        let rest = &s[lo..hi];
        let c = last_char(rest).unwrap_or(' ');
        let n = c.len_utf8();
        if rest.len() == n {
            break;
        }
        if c == '.' {
            let run = rest.bytes().rev().take_while(|&b| b == b'.').count();
            if run == 2 && keeps_period(&rest[..rest.len() - 2], lex, sink.before_number) {
                trail.push((hi - 1, hi));
                hi -= 1;
                break;
            }
            if run >= 2 {
                trail.push((hi - run, hi));
                hi -= run;
                continue;
            }
            if keeps_period(&rest[..rest.len() - 1], lex, sink.before_number) {
                break;
            }
            trail.push((hi - 1, hi));
            hi -= 1;
        } else if c == '!' || c == '?' {
            let run = rest
                .bytes()
                .rev()
                .take_while(|&d| matches!(d, b'!' | b'?' | b'.' | b':'))
                .count();
            if run >= rest.len() {
                break;
            }
            trail.push((hi - run, hi));
            hi -= run;
        } else if is_closer(c) || is_dash(c) {
            trail.push((hi - n, hi));
            hi -= n;
        } else if is_apostrophe(c) {
            // `workers'` → `workers` `'`; a closing single quote likewise.
            trail.push((hi - n, hi));
            hi -= n;
        } else if c == '%' && rest[..rest.len() - 1].ends_with(|d: char| d.is_ascii_digit()) {
            trail.push((hi - 1, hi));
            hi -= 1;
        } else if c == '-' && rest.ends_with("--") {
            let run = rest.bytes().rev().take_while(|&b| b == b'-').count();
            trail.push((hi - run, hi));
            hi -= run;
        } else {
            break;
        }
    }

    split_core(s, lo, hi, lex, sink);
    for &(a, b) in trail.iter().rev() {
        sink.emit(a, b);
    }
}

/// Splits the word left after peeling punctuation: contractions, clitics, then inner
/// punctuation.
fn split_core(s: &str, lo: usize, hi: usize, lex: &TextLexicon, sink: &mut Sink<'_>) {
    if lo >= hi {
        return;
    }
    let core = &s[lo..hi];
    if let Some(lens) = lex.contraction(core) {
        let mut p = lo;
        for &l in lens {
            sink.emit(p, p + l);
            p += l;
        }
        return;
    }
    // Clitics at the end of the word.
    let mut stem_hi = hi;
    let mut clitic: Option<(usize, usize)> = None;
    if let Some(pos) = clitic_start(core) {
        clitic = Some((lo + pos, hi));
        stem_hi = lo + pos;
    }
    split_inner(s, lo, stem_hi, lex, sink);
    if let Some((a, b)) = clitic {
        sink.emit(a, b);
    }
}

/// Byte offset in `w` where a trailing clitic starts (`n't`, `'s`, `'ll`, …), if any.
fn clitic_start(w: &str) -> Option<usize> {
    let b = w.as_bytes();
    let n = b.len();
    // n't / n’t
    for pat in ["n't", "n\u{2019}t"] {
        if n > pat.len() && w.is_char_boundary(n - pat.len()) {
            let stem = &w[..n - pat.len()];
            if w[n - pat.len()..].eq_ignore_ascii_case(pat) && stem.chars().all(char::is_alphabetic)
            {
                return Some(n - pat.len());
            }
        }
    }
    // 's 'm 'd 're 've 'll
    let apos_pos = w.rfind(['\'', '\u{2019}'])?;
    if apos_pos == 0 {
        return None;
    }
    let apos_len = if b[apos_pos] == b'\'' { 1 } else { 3 };
    let suffix = &w[apos_pos + apos_len..];
    let ok = matches!(
        suffix,
        "s" | "S" | "m" | "M" | "d" | "D" | "re" | "RE" | "ve" | "VE" | "ll" | "LL"
    );
    let stem_ok = w[..apos_pos]
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric());
    (ok && stem_ok).then_some(apos_pos)
}

/// Splits inner punctuation: hyphens and slashes between words, dashes, commas outside
/// numbers, currency symbols before numbers, ellipses and stray quotes.
fn split_inner(s: &str, lo: usize, hi: usize, lex: &TextLexicon, sink: &mut Sink<'_>) {
    if lo >= hi {
        return;
    }
    let w = &s[lo..hi];
    // Currency before a number: $50, US$50, €3.
    let digit_at = w.find(|c: char| c.is_ascii_digit());
    if let Some(d) = digit_at {
        if d > 0 && d <= 4 {
            let prefix = &w[..d];
            if last_char(prefix).is_some_and(is_currency)
                && prefix[..prefix.len() - last_char(prefix).map_or(0, char::len_utf8)]
                    .chars()
                    .all(|c| c.is_ascii_uppercase())
            {
                sink.emit(lo, lo + d);
                split_inner(s, lo + d, hi, lex, sink);
                return;
            }
        }
    }
    if is_phone_number(w) {
        sink.emit(lo, hi);
        return;
    }
    let chars: Vec<(usize, char)> = w.char_indices().collect();
    let mut seg = 0usize;
    let mut k = 0usize;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let split_here = match c {
            '-' => prev.is_some() && next.is_some() && !lex.keeps_hyphen(&w[seg..i]),
            '/' => prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic),
            ',' | ':' => !between_digits && prev.is_some() && next.is_some(),
            ';' | '"' | '\u{201C}' | '\u{201D}' | '(' | ')' | '[' | ']' | '\u{2026}' => true,
            '!' | '?' => next.is_some(),
            '.' => {
                next == Some('.')
                    || (prev == Some('.') && k > 0)
                    // A missing space between sentences: `quality.You`.
                    || (prev.is_some_and(char::is_lowercase)
                        && next.is_some_and(char::is_uppercase)
                        && k >= 2
                        && w[i + 1..].chars().all(char::is_alphabetic))
            }
            c if is_dash(c) => true,
            _ => false,
        };
        if split_here {
            // Group a run of the same punctuation (`--`, `...`).
            let mut k2 = k + 1;
            while k2 < chars.len() && chars[k2].1 == c && matches!(c, '-' | '.') {
                k2 += 1;
            }
            let end = chars.get(k2).map_or(w.len(), |&(j, _)| j);
            sink.emit(lo + seg, lo + i);
            sink.emit(lo + i, lo + end);
            seg = end;
            k = k2;
        } else {
            k += 1;
        }
    }
    sink.emit(lo + seg, hi);
}

/// Phone-number-like digit groups stay whole (`303-832-8160`, `3-5213`); ranges such as
/// `1990-91` are split.
fn is_phone_number(w: &str) -> bool {
    let groups: Vec<&str> = w.split('-').collect();
    groups.len() >= 2
        && groups
            .iter()
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[0].len() <= 3
        && groups.last().is_some_and(|g| g.len() == 4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let lex = TextLexicon::embedded();
        let mut out = Vec::new();
        tokenize(text, &lex, &mut out);
        out.iter()
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect()
    }

    #[test]
    fn clitics_and_contractions() {
        assert_eq!(
            toks("The mayor's aides didn't say they'd go."),
            ["The", "mayor", "'s", "aides", "did", "n't", "say", "they", "'d", "go", "."]
        );
        assert_eq!(
            toks("We can't and won't."),
            ["We", "ca", "n't", "and", "wo", "n't", "."]
        );
        assert_eq!(toks("Farmers' union"), ["Farmers", "'", "union"]);
        assert_eq!(toks("Osh’s mayor"), ["Osh", "’s", "mayor"]);
        assert_eq!(toks("I cannot"), ["I", "can", "not"]);
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("Mr. Otunbayeva met Gen. Ivanov in the U.S. on Jan. 5."),
            [
                "Mr.",
                "Otunbayeva",
                "met",
                "Gen.",
                "Ivanov",
                "in",
                "the",
                "U.S.",
                "on",
                "Jan.",
                "5",
                "."
            ]
        );
        assert_eq!(toks("John F. Kennedy"), ["John", "F.", "Kennedy"]);
        assert_eq!(toks("at 9 a.m. today"), ["at", "9", "a.m.", "today"]);
    }

    #[test]
    fn number_abbreviations_keep_their_period_only_before_a_number() {
        assert_eq!(
            toks("Gate No. 4 and art. 12"),
            ["Gate", "No.", "4", "and", "art.", "12"]
        );
        assert_eq!(toks("ranked No. #1"), ["ranked", "No.", "#1"]);
        assert_eq!(
            toks("The envoy said no. Talks ended."),
            ["The", "envoy", "said", "no", ".", "Talks", "ended", "."]
        );
        assert_eq!(toks("No. We left."), ["No", ".", "We", "left", "."]);
    }

    #[test]
    fn numbers_money_and_percent() {
        assert_eq!(
            toks("Aid of $50 million, up 3.5%, reached 1,000 villages."),
            [
                "Aid", "of", "$", "50", "million", ",", "up", "3.5", "%", ",", "reached", "1,000",
                "villages", "."
            ]
        );
        assert_eq!(toks("US$12 and €3"), ["US$", "12", "and", "€", "3"]);
        assert_eq!(toks("-5 degrees"), ["-5", "degrees"]);
    }

    #[test]
    fn hyphens_dashes_and_slashes() {
        assert_eq!(
            toks("a long-term, 50-year-old cease-fire"),
            ["a", "long", "-", "term", ",", "50", "-", "year", "-", "old", "cease", "-", "fire"]
        );
        assert_eq!(toks("troops—and police"), ["troops", "—", "and", "police"]);
        assert_eq!(toks("wait -- now"), ["wait", "--", "now"]);
        assert_eq!(toks("and/or 10/23/2010"), ["and", "/", "or", "10/23/2010"]);
    }

    #[test]
    fn quotes_and_brackets() {
        assert_eq!(
            toks("\"We are ready,\" he said (in Osh)."),
            ["\"", "We", "are", "ready", ",", "\"", "he", "said", "(", "in", "Osh", ")", "."]
        );
        assert_eq!(
            toks("“Go home!” they shouted…"),
            ["“", "Go", "home", "!", "”", "they", "shouted", "…"]
        );
        assert_eq!(toks("Really?! No..."), ["Really", "?!", "No", "..."]);
    }

    #[test]
    fn urls_and_emails_stay_whole() {
        assert_eq!(
            toks("See https://example.org/a-b?x=1, or mail desk@example.org."),
            [
                "See",
                "https://example.org/a-b?x=1",
                ",",
                "or",
                "mail",
                "desk@example.org",
                "."
            ]
        );
    }

    #[test]
    fn dateline() {
        assert_eq!(
            toks("OSH, Kyrgyzstan (Wire) - Guards"),
            ["OSH", ",", "Kyrgyzstan", "(", "Wire", ")", "-", "Guards"]
        );
    }

    #[test]
    fn gaps_record_newlines() {
        let lex = TextLexicon::embedded();
        let mut out = Vec::new();
        tokenize("Title\n\nBody text", &lex, &mut out);
        assert_eq!(out[1].newlines_before, 2);
        assert!(out[1].space_before);
        assert_eq!(out[2].newlines_before, 0);
        assert!(!out[0].space_before);
    }
}
