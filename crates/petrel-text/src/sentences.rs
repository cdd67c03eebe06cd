//! Sentence splitting over tokens.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis followed (after any closing quotes or
//! brackets) by a word that can start a sentence; at an abbreviation that may end a sentence
//! (`Inc.`, `U.S.`) only when a typical sentence starter follows; never after a title
//! (`Mr.`, `Gen.`) or an initial; and always at a paragraph break (a blank line).
//! Datelines (`OSH, Kyrgyzstan (Wire) -`) carry no terminator, so they stay with their
//! first sentence.

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
    Abbrev,
}

fn end_kind(tok: &str, lex: &TextLexicon) -> End {
    match tok {
        "." => return End::Strong,
        "!" | "?" | "?!" | "!?" | "\u{2026}" => return End::Soft,
        _ => {}
    }
    if tok.len() >= 2 && tok.bytes().all(|b| b == b'.') {
        return End::Soft;
    }
    if tok.bytes().all(|b| b == b'!' || b == b'?') {
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

fn is_closing(tok: &str) -> bool {
    matches!(
        tok,
        "\"" | "'" | ")" | "]" | "}" | "\u{201D}" | "\u{2019}" | "\u{00BB}" | "''"
    )
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

/// Groups tokens into sentences, returned as token ranges.
pub fn split_sentences(text: &str, toks: &[RawToken], lex: &TextLexicon) -> Vec<Range<usize>> {
    let mut out = Vec::new();
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
            boundary = if end >= n || toks[end].newlines_before >= 2 {
                true
            } else {
                let next = form(end);
                match kind {
                    End::Strong => starts_sentence(next),
                    End::Soft => starts_sentence(next) && next.chars().next() != Some('('),
                    End::Abbrev => lex.is_sentence_starter(next) && toks[end].space_before,
                    End::None => false,
                }
            };
        }
        if !boundary && end < n && toks[end].newlines_before >= 2 {
            boundary = true;
        }
        if !boundary && end - start >= MAX_SENTENCE_TOKENS {
            boundary = true;
        }
        if boundary || end >= n {
            out.push(start..end);
            start = end;
        }
        i = end;
    }
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
            ["Mr. Bakiyev met Dr. J. Smith at 9.30 today.", "Talks went well."]
        );
    }

    #[test]
    fn abbreviations_split_only_before_a_starter() {
        assert_eq!(
            sents("Aid came from the U.S. The talks ended. Shares of Acme Inc. rose."),
            ["Aid came from the U.S.", "The talks ended.", "Shares of Acme Inc. rose."]
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
            ["\"We will not leave.\"", "The crowd cheered.", "\"Why?\" he asked."]
        );
    }

    #[test]
    fn dateline_stays_with_first_sentence() {
        assert_eq!(
            sents("OSH, Kyrgyzstan (Wire) - Guards fired shots. Nobody was hurt."),
            ["OSH, Kyrgyzstan (Wire) - Guards fired shots.", "Nobody was hurt."]
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
        assert_eq!(sents("He left at 5 p.m. on Friday."), ["He left at 5 p.m. on Friday."]);
        assert_eq!(sents("Yes... and then no."), ["Yes... and then no."]);
    }
}
