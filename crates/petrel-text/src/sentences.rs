//! Sentence splitting over tokens.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis followed (after any closing quotes or
//! brackets) by a word that can start a sentence; at an abbreviation that may end a sentence
//! (`Inc.`, `U.S.`) only when a typical sentence starter follows; never after a title
//! (`Mr.`, `Gen.`) or an initial; and always at a paragraph break (a blank line).
//! A dateline (`OSH, Kyrgyzstan (Wire) -`) is a sentence of its own, as in UD English.

use crate::lexicon::{AbbrevClass, TextLexicon};
use crate::tokenize::RawToken;
use std::ops::Range;

/// Sentences longer than this are cut, so that one run-on line cannot make later stages
/// quadratic.
pub const MAX_SENTENCE_TOKENS: usize = 250;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum End {
    None,
    Strong,
    Soft,
    Ellipsis,
    Abbrev,
}

fn end_kind(tok: &str, lex: &TextLexicon) -> End {
    if lex.is_emoticon(tok) || tok == "***" {
        return End::Soft;
    }
    match tok {
        "." => return End::Strong,
        "!" | "?" | "?!" | "!?" => return End::Soft,
        "\u{2026}" => return End::Ellipsis,
        _ => {}
    }
    if tok.len() >= 2 && tok.bytes().all(|b| b == b'.') {
        return End::Ellipsis;
    }
    if tok.bytes().all(|b| matches!(b, b'!' | b'?' | b'.')) {
        return End::Soft;
    }
    if let Some(core) = tok.strip_suffix('.') {
        return match lex.abbrev(core) {
            Some(AbbrevClass::Title) => End::None,
            Some(_) => End::Abbrev,
            None if core.contains('.') => End::Abbrev,
            None => End::None,
        };
    }
    End::None
}

fn starts_word(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_alphanumeric)
}

/// The dash closing a dateline (`OSH, Kyrgyzstan (Wire) -`, `WASHINGTON --`): a dash early in
/// the sentence after a bracketed agency or after a word in capitals.
pub(crate) fn is_dateline_end(
    text: &str,
    toks: &[RawToken],
    start: usize,
    i: usize,
    _lex: &TextLexicon,
) -> bool {
    let form = |k: usize| &text[toks[k].start as usize..toks[k].end as usize];
    if i == start || i - start > 12 || !matches!(form(i), "-" | "--" | "\u{2014}" | "\u{2013}") {
        return false;
    }
    let first = form(start);
    let caps = first.len() >= 2 && first.chars().all(|c| c.is_uppercase() || c == '.');
    // Between the place and the dash: an agency in brackets, a short place name, or a
    // date ("NAIROBI, March 3, 2025 --"): capitalised words, numbers and punctuation only.
    let dated = || {
        (start + 1..i).any(|k| form(k).starts_with(|c: char| c.is_ascii_digit()))
            && (start + 1..i).all(|k| !form(k).starts_with(char::is_lowercase))
    };
    caps && (form(i - 1) == ")" || i - start <= 3 || dated())
}

fn is_closing(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "'" | ")" | "]" | "}" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "''"
    )
}

/// A lower-case word after a closing bracket continues the sentence the bracket is in
/// ("Sen. Pat Doe (R-Ky.) said", "the plan (see p. 4.) was").
pub(crate) fn continues_bracket(closing: &str, next: &str) -> bool {
    matches!(closing, ")" | "]") && next.chars().next().is_some_and(char::is_lowercase)
}

fn starts_sentence(tok: &str) -> bool {
    match tok.chars().next() {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(
                    c,
                    '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{00AB}' | '-' | '*' | '•'
                )
                || (!c.is_lowercase() && c.is_alphabetic())
        }
        None => false,
    }
}

/// Groups tokens into sentences by the rules alone, returned as token ranges.
pub fn split_sentences(text: &str, toks: &[RawToken], lex: &TextLexicon) -> Vec<Range<usize>> {
    let rules = rule_boundaries(text, toks, lex);
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in rules.iter().enumerate() {
        if b || i + 1 == toks.len() || i + 1 - start >= MAX_SENTENCE_TOKENS {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    out
}

/// For each token, whether the rules end a sentence after it.
pub fn rule_boundaries(text: &str, toks: &[RawToken], lex: &TextLexicon) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let n = toks.len();
    let form = |i: usize| &text[toks[i].start as usize..toks[i].end as usize];
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let kind = end_kind(form(i), lex);
        let mut end = i + 1;
        let mut boundary = false;
        if kind != End::None {
            // Closing quotes and brackets written against the terminator stay with it.
            while end < n
                && toks[end].newlines_before < 2
                && is_closing(form(end))
                && (!toks[end].space_before || matches!(form(end), ")" | "]"))
            {
                end += 1;
            }
            let quoted = end > i + 1;
            boundary = if end >= n || toks[end].newlines_before >= 2 {
                true
            } else {
                let next = form(end);
                match kind {
                    // A lone period ends a sentence before any word, even a lower-case one
                    // (abbreviations keep their period, so they do not reach here).
                    // …except after a bracket it closes: "Sen. Pat Doe (R-Ky.) said".
                    End::Strong => {
                        starts_sentence(next)
                            || starts_word(next) && !continues_bracket(form(end - 1), next)
                    }
                    // After `?`/`!` a lower-case word continues a quote (`"Why?" he asked`).
                    End::Soft => {
                        !next.starts_with('(')
                            && (starts_sentence(next) || (!quoted && starts_word(next)))
                    }
                    End::Ellipsis => starts_sentence(next),
                    End::Abbrev => lex.is_sentence_starter(next) && toks[end].space_before,
                    End::None => false,
                }
            };
        } else if is_dateline_end(text, toks, start, i, lex)
            || (form(i) == ":" && end < n && lex.is_sentence_starter(form(end)))
        {
            boundary = true;
        }
        if !boundary && end < n && toks[end].newlines_before >= 2 {
            boundary = true;
        }
        if boundary || end >= n {
            out[end - 1] = true;
            start = end;
        }
        i = end;
    }
    let _ = start;
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(text: &str) -> Vec<String> {
        let lex = TextLexicon::embedded();
        let mut toks = Vec::new();
        tokenize(text, &lex, &mut toks);
        split_sentences(text, &toks, &lex)
            .into_iter()
            .map(|r| text[toks[r.start].start as usize..toks[r.end - 1].end as usize].to_string())
            .collect()
    }

    #[test]
    fn titles_initials_and_decimals_do_not_split() {
        assert_eq!(
            sents("Mr. Bakiyev met Dr. J. Smith at 9.30 today. Talks went well."),
            [
                "Mr. Bakiyev met Dr. J. Smith at 9.30 today.",
                "Talks went well."
            ]
        );
    }

    #[test]
    fn abbreviations_split_only_before_a_starter() {
        assert_eq!(
            sents("Aid came from the U.S. The talks ended. Shares of Acme Inc. rose."),
            [
                "Aid came from the U.S.",
                "The talks ended.",
                "Shares of Acme Inc. rose."
            ]
        );
        assert_eq!(
            sents("It began on Jan. 5 in Osh."),
            ["It began on Jan. 5 in Osh."]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            sents("\"We will not leave.\" The crowd cheered. \"Why?\" he asked."),
            [
                "\"We will not leave.\"",
                "The crowd cheered.",
                "\"Why?\" he asked."
            ]
        );
    }

    #[test]
    fn dateline_is_its_own_sentence() {
        assert_eq!(
            sents("OSH, Kyrgyzstan (Wire) - Guards fired shots. Nobody was hurt."),
            [
                "OSH, Kyrgyzstan (Wire) -",
                "Guards fired shots.",
                "Nobody was hurt."
            ]
        );
        assert_eq!(
            sents("BISHKEK -- Talks resumed."),
            ["BISHKEK --", "Talks resumed."]
        );
        assert_eq!(
            sents("KHARTOUM, Nov. 19, 2026 -- Shelling resumed at dawn."),
            ["KHARTOUM, Nov. 19, 2026 --", "Shelling resumed at dawn."]
        );
        // A capitalised sentence with a dash is no dateline.
        assert_eq!(
            sents("UN monitors counted 12 sites - more than expected."),
            ["UN monitors counted 12 sites - more than expected."]
        );
    }

    #[test]
    fn paragraph_breaks_end_sentences() {
        assert_eq!(
            sents("Clashes in Osh\n\nSoldiers moved in overnight"),
            ["Clashes in Osh", "Soldiers moved in overnight"]
        );
        assert_eq!(sents("a line\nwrapped here."), ["a line\nwrapped here."]);
    }

    #[test]
    fn lowercase_after_period_does_not_split() {
        assert_eq!(
            sents("He left at 5 p.m. on Friday."),
            ["He left at 5 p.m. on Friday."]
        );
        assert_eq!(sents("Yes... and then no."), ["Yes... and then no."]);
        assert_eq!(
            sents("It rained. then it stopped"),
            ["It rained.", "then it stopped"]
        );
        assert_eq!(sents("Really? yes."), ["Really?", "yes."]);
    }
}
