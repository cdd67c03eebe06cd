//! Sentence splitting over tokens.
//!
//! A sentence ends at `.`, `!`, `?` or an ellipsis followed (after any closing quotes or
//! brackets) by a word that can start a sentence; at an abbreviation that may end a sentence
//! (`Inc.`, `U.S.`) only when a typical sentence starter follows; never after a title
//! (`Mr.`, `Gen.`) or an initial; and always at a paragraph break (a blank line).
//! A dateline (`OSH, Kyrgyzstan (Wire) -`) is a sentence of its own, as in UD English; the
//! rules that tell one (`is_dateline_end`, [`opening_dateline`]) are petrel's only dateline
//! detector: the text component records the article's in `Document::dateline`.

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

/// A dash that can close a dateline: `--`, an en or em dash, or a hyphen with a space before
/// it ("Nov 19 -", not the one inside "WINSTON-SALEM").
fn is_closing_dash(text: &str, toks: &[RawToken], i: usize) -> bool {
    match &text[toks[i].start as usize..toks[i].end as usize] {
        "-" => toks[i].space_before,
        f => matches!(f, "--" | "\u{2014}" | "\u{2013}"),
    }
}

/// A word written in capitals ("OSH", "U.S.", "ST."), as datelines write their place.
fn in_capitals(w: &str) -> bool {
    w.len() >= 2
        && w.chars().any(char::is_alphabetic)
        && w.chars().all(|c| c.is_uppercase() || c == '.')
}

/// Whether token `i`, in a sentence starting at token `start`, is the dash closing a dateline.
/// This is the one place petrel decides what a dateline is (the text component records the
/// article's in `Document::dateline`; actors and events read it there).
///
/// A dateline opens with a place name of at most four words, written in capitals or
/// capitalised, right before a comma, a bracket or the dash; then, within a dozen tokens of
/// the start, comes the dash, with no lower-case word before it outside brackets (so "UN
/// monitors counted 12 sites - more" and the heading "HE'S BEEN CALLED OUT BY DOCTORS -"
/// are none). It is one when the name is in capitals ("OSH, Kyrgyzstan (Wire) -",
/// "WASHINGTON --", "KHARTOUM, Nov. 19, 2026 --"), when a one-word agency in brackets closes
/// it ("New York (Wire) -"), or, at the very start of the text, when a comma follows the name
/// ("Tbilisi, Nov 19 -").
pub(crate) fn is_dateline_end(
    text: &str,
    toks: &[RawToken],
    start: usize,
    i: usize,
    lex: &TextLexicon,
) -> bool {
    if i == start || i - start > 12 || !is_closing_dash(text, toks, i) {
        return false;
    }
    let form = |k: usize| &text[toks[k].start as usize..toks[k].end as usize];
    let first = form(start);
    // "Sen. Ada Quill (Dem) -" is a politician, not a place.
    let title = first
        .strip_suffix('.')
        .is_some_and(|w| lex.abbrev(w) == Some(AbbrevClass::Title));
    if !first.starts_with(char::is_uppercase) || title {
        return false;
    }
    let caps = in_capitals(first);
    // The name: words like the first, joined by hyphens written without spaces
    // ("WINSTON-SALEM").
    let (mut k, mut words) = (start, 0);
    while k < i {
        let f = form(k);
        let word = if caps {
            in_capitals(f)
        } else {
            f.starts_with(char::is_uppercase)
        };
        let joining = f == "-" && !toks[k].space_before && k + 1 < i && !toks[k + 1].space_before;
        if word {
            words += 1;
        } else if !joining {
            break;
        }
        k += 1;
    }
    if words > 4 || !(k == i || matches!(form(k), "," | "(")) {
        return false;
    }
    let (mut depth, mut inside, mut comma, mut agency) = (0usize, 0usize, false, false);
    for k in k..i {
        let f = form(k);
        agency = false;
        match f {
            "(" | "[" => {
                depth += 1;
                inside = 0;
            }
            ")" | "]" => {
                if depth == 0 {
                    return false;
                }
                depth -= 1;
                agency = depth == 0 && inside == 1;
            }
            _ if depth > 0 => inside += 1,
            "," => comma = true,
            _ if f.starts_with(char::is_lowercase) => return false,
            ":" | ";" | "\"" | "!" | "?" => return false,
            _ => {}
        }
    }
    depth == 0 && (caps || agency || (start == 0 && comma))
}

/// The dateline opening the text, as a token range, given the first sentence (`first`, as
/// split) and whether more sentences follow it: the whole first sentence when a dateline
/// dash closes it (see `is_dateline_end`); else, with no dash, an opening name in capitals of
/// four letters or more before a comma ("BAKU, Azerbaijan, Nov 19 Police ..."), with the
/// capitalised words after it up to the last comma, a colon, a one-word agency in brackets
/// or a line break ("BAKU, Azerbaijan"; "BAKU" alone in "BAKU, Azerbaijan Police arrested",
/// where the name cannot be told from the story). A text of one sentence has no dateline
/// without a dash ("IRAN, Iraq sign a pact."), and a dateline is never the whole text.
pub fn opening_dateline(
    text: &str,
    toks: &[RawToken],
    first: Range<usize>,
    more: bool,
    lex: &TextLexicon,
) -> Option<Range<usize>> {
    let end = first.end.min(toks.len());
    if first.start != 0 || end == 0 {
        return None;
    }
    if end < toks.len() && is_dateline_end(text, toks, 0, end - 1, lex) {
        return Some(0..end);
    }
    if !more {
        return None;
    }
    let form = |k: usize| &text[toks[k].start as usize..toks[k].end as usize];
    let mut r = 0;
    while r < end && in_capitals(form(r)) && (r == 0 || toks[r].newlines_before == 0) {
        r += 1;
    }
    let letters: usize = (0..r)
        .map(|k| form(k).chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    if letters < 4 || r >= end || form(r) != "," {
        return None;
    }
    // `k` is at a comma; the capitalised words after it join the dateline only when a
    // comma, a colon, a bracketed agency or a line break closes them.
    let (mut close, mut k) = (r, r);
    loop {
        let mut j = k + 1;
        while j < end
            && toks[j].newlines_before == 0
            && !matches!(form(j), "," | ":" | "(")
            && !form(j).starts_with(char::is_lowercase)
        {
            j += 1;
        }
        if j == k + 1 {
            break;
        }
        if j == end || toks[j].newlines_before > 0 {
            close = j;
            break;
        }
        match form(j) {
            "," => {
                close = j;
                k = j;
            }
            ":" => {
                close = j + 1;
                break;
            }
            "(" if j + 2 < end && form(j + 2) == ")" => {
                close = j + 3;
                break;
            }
            _ => break,
        }
    }
    (close < toks.len()).then_some(0..close)
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

/// A middle initial between capitalised words ("Ellen D. Ryan", "Tom H. W. Briggs"): its period
/// belongs to the name, so the gap after it is never a sentence end, whatever the
/// boundary model makes of the words around it.
pub(crate) fn is_middle_initial(prev: &str, tok: &str, next: &str) -> bool {
    let mut t = tok.chars();
    let initial =
        matches!((t.next(), t.next(), t.next()), (Some(c), Some('.'), None) if c.is_uppercase());
    let capitalised = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
    };
    initial && capitalised(prev) && capitalised(next)
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

    /// The opening dateline's text, if any, with the sentences as split.
    fn opening(text: &str) -> Option<String> {
        let lex = TextLexicon::embedded();
        let mut toks = Vec::new();
        tokenize(text, &lex, &mut toks);
        let sents = split_sentences(text, &toks, &lex);
        let r = opening_dateline(text, &toks, sents.first()?.clone(), sents.len() > 1, &lex)?;
        Some(text[toks[r.start].start as usize..toks[r.end - 1].end as usize].to_string())
    }

    #[test]
    fn datelines_closed_by_a_dash_open_the_text() {
        let d = opening("MOMBASA, Kenya - Dock workers walked out on Tuesday. Ships waited.");
        assert_eq!(d.as_deref(), Some("MOMBASA, Kenya -"));
        // A hyphen inside the name is no closing dash.
        let text = "WINSTON-SALEM, N.C. -- Voters queued before dawn.";
        assert_eq!(opening(text).as_deref(), Some("WINSTON-SALEM, N.C. --"));
        assert_eq!(sents(text)[0], "WINSTON-SALEM, N.C. --");
        // Capitalised words and a date between the name and the dash, in any case.
        let text = "SAN JOSE, Costa Rica, Feb. 2 \u{2014} Lava reached the road.";
        assert_eq!(
            sents(text),
            [
                "SAN JOSE, Costa Rica, Feb. 2 \u{2014}",
                "Lava reached the road."
            ]
        );
    }

    #[test]
    fn a_bracketed_agency_closes_a_dateline_in_any_case() {
        let text = "Cotonou (Wire) - Fishermen protested a new port tax. Police watched.";
        assert_eq!(sents(text)[0], "Cotonou (Wire) -");
        assert_eq!(opening(text).as_deref(), Some("Cotonou (Wire) -"));
        // Also after a headline, where it is cut but is not the opening dateline.
        let text = "Port tax protest ends. Cotonou (Wire) - Fishermen went home.";
        assert_eq!(
            sents(text),
            [
                "Port tax protest ends.",
                "Cotonou (Wire) -",
                "Fishermen went home."
            ]
        );
        assert_eq!(opening(text), None);
        // After a title, a word in brackets is a politician's party, not an agency.
        assert_eq!(
            sents("Sen. Ada Quill (Dem) - a critic - voted no."),
            ["Sen. Ada Quill (Dem) - a critic - voted no."]
        );
    }

    #[test]
    fn a_name_and_comma_in_lower_case_is_a_dateline_only_at_the_start() {
        let text = "Tbilisi, Nov 19 - Farmers blocked the highway with tractors.";
        assert_eq!(opening(text).as_deref(), Some("Tbilisi, Nov 19 -"));
        assert_eq!(
            sents("Talks failed. Still, Tbilisi - and Moscow - waited."),
            ["Talks failed.", "Still, Tbilisi - and Moscow - waited."]
        );
    }

    #[test]
    fn a_dateline_in_capitals_needs_no_dash() {
        let text = "BAKU, Azerbaijan, Nov 19 Police detained two reporters. They were freed.";
        assert_eq!(opening(text).as_deref(), Some("BAKU, Azerbaijan"));
        let text = "BAKU, Azerbaijan\nPolice detained two reporters. They were freed.";
        assert_eq!(opening(text).as_deref(), Some("BAKU, Azerbaijan"));
        // Where the name cannot be told from the story, the name in capitals alone.
        let text = "BAKU, Azerbaijan Police detained two reporters. They were freed.";
        assert_eq!(opening(text).as_deref(), Some("BAKU"));
        // No cut without a dash.
        assert_eq!(sents(text).len(), 2);
        // Short capitals before a comma open a headline ("US, China agree").
        assert_eq!(
            opening("US, China agree on tariffs. Talks resume in May."),
            None
        );
    }

    #[test]
    fn a_capitalised_opening_with_a_dash_is_not_always_a_dateline() {
        // Lower-case words before the dash: a sentence, whatever its first word.
        for text in [
            "Ruto, Odinga agree - talks to resume on Monday. Markets rose.",
            "NATO ministers met in Brussels - and left early. Talks ended.",
            "Kisumu - a lakeside city - flooded overnight. Roads closed.",
            // A heading in capitals is no place name.
            "THE MAYOR WHO NEVER LEFT HIS OFFICE \u{2014} Kisumu's mayor stayed. Roads closed.",
            "HE'S STAYING PUT \u{2014} The mayor spoke. Roads closed.",
        ] {
            assert_eq!(opening(text), None, "{text}");
            assert_eq!(sents(text).len(), 2, "{text}");
        }
    }

    #[test]
    fn a_one_sentence_text_has_a_dateline_only_before_a_story() {
        assert_eq!(
            opening("WASHINGTON - Senators passed the bill.").as_deref(),
            Some("WASHINGTON -")
        );
        assert_eq!(opening("WASHINGTON -"), None);
        assert_eq!(opening("IRAN, Iraq sign a border pact."), None);
        assert_eq!(opening(""), None);
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
