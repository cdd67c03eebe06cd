//! Temporal expressions: recognition and normalisation of dates, times, durations and sets
//! in news text to TimeML TIMEX3 values, resolved against the article date
//! (`doc.meta.date`), and the governing time expression of an event.
//!
//! Recognition works on the document's tokens (or on its own light tokenisation when the
//! text component has not run) and needs no parser. Word lists live in `data/`.
//!
//! Without an article date, relative expressions keep underspecified values (`XXXX-XX-XX`
//! for "today", `XXXX-WXX-5` for "Friday", `XXXX` for "last year"); absolute ones
//! ("7 April 2010") are resolved as written.

pub mod calendar;
mod lexicon;
mod rules;
pub mod timeml;
pub mod words;

use chrono::NaiveDate;
use petrel_doc::{Component, ComponentError, Document, Timex};

pub use rules::{Found, Kind};

/// The pipeline component that fills `doc.times`.
#[derive(Debug, Default, Clone, Copy)]
pub struct TimeComponent;

impl Component for TimeComponent {
    fn name(&self) -> &'static str {
        "time"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        doc.times = extract(doc);
        Ok(())
    }
}

/// Parses an article date (`YYYY-MM-DD`, optionally followed by a time `T…`).
pub fn parse_article_date(s: &str) -> Option<NaiveDate> {
    let d = s.trim().get(..10)?;
    NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()
}

/// Recognises and normalises the time expressions of `doc` (without storing them).
pub fn extract(doc: &Document) -> Vec<Timex> {
    let words = words::Words::new(doc);
    let dct = doc.meta.date.as_deref().and_then(parse_article_date);
    let financial = (0..words.len()).any(|i| words.key(i) == "quarter");
    let rules = rules::Rules {
        w: &words,
        lex: lexicon::Lexicon::get(),
        dct,
        financial,
        anchor: Default::default(),
        last_day: Default::default(),
    };
    let found = rules.run();
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        // A title in quotes or after a possessive ("ABC's \"This Week\""): every word
        // capitalised, two words or more.
        let titled = f.end - f.start >= 2
            && f.start > 0
            && matches!(words.key(f.start - 1), "\"" | "``")
            && (f.start..f.end).all(|i| words.is_cap(i));
        if titled {
            continue;
        }
        // Drop trailing punctuation a rule may have swallowed.
        let mut end = f.end;
        while end > f.start + 1 && matches!(words.key(end - 1), "," | "." | "-") {
            end -= 1;
        }
        let (s, e) = (words.start[f.start], words.end[end - 1]);
        let sentence = if doc.sentences.is_empty() {
            0
        } else {
            sentence_at(doc, s)
        };
        out.push(Timex {
            text: doc.text[s as usize..e as usize].to_string(),
            start: s,
            end: e,
            kind: f.kind.as_str().to_string(),
            value: f.value,
            sentence,
        });
    }
    out
}

/// The sentence index holding byte `offset`.
fn sentence_at(doc: &Document, offset: u32) -> u32 {
    let k = doc.sentences.partition_point(|s| s.end <= offset);
    k.min(doc.sentences.len().saturating_sub(1)) as u32
}

/// The token index range `[first, last+1)` a byte span covers.
fn token_range(doc: &Document, start: u32, end: u32) -> (usize, usize) {
    let a = doc.tokens.start.partition_point(|&s| s < start);
    let b = doc.tokens.start.partition_point(|&s| s < end);
    (a, b.max(a))
}

/// The time expression that governs the event whose trigger is token `token`, as an index
/// into `doc.times`: with a parse, the expression attached to the trigger (or to the
/// nearest verb above it); otherwise, or when none is attached, the nearest calendar
/// expression (`DATE`/`TIME` with a resolved value) in the same sentence.
pub fn governing_timex(doc: &Document, token: usize) -> Option<usize> {
    if token >= doc.tokens.len() {
        return None;
    }
    let sent = if doc.sentences.is_empty() {
        0
    } else {
        doc.sentence_of(token) as u32
    };
    let t_off = doc.tokens.start[token];
    let calendar = |x: &Timex| {
        matches!(x.kind.as_str(), "DATE" | "TIME")
            && x.value
                .as_bytes()
                .first()
                .is_some_and(|b| b.is_ascii_digit())
    };
    let candidates: Vec<usize> = doc
        .times
        .iter()
        .enumerate()
        .filter(|(_, x)| {
            calendar(x) && (doc.sentences.is_empty() || sentence_at(doc, x.start) == sent)
        })
        .map(|(i, _)| i)
        .collect();
    if candidates.is_empty() {
        return None;
    }
    // Expressions the parse attaches to another verb ("said talks could resume next
    // month": "next month" is the resuming's) govern that verb, not this one.
    let mut elsewhere: Vec<usize> = Vec::new();
    if doc.tokens.is_parsed() {
        let tagged = doc.tokens.is_tagged();
        for &c in &candidates {
            let x = &doc.times[c];
            let (a, b) = token_range(doc, x.start, x.end);
            // the token of the expression whose head lies outside it
            let Some(h) = (a..b).find(|&i| {
                let hd = doc.tokens.head[i];
                hd == petrel_doc::NO_HEAD || (hd as usize) < a || (hd as usize) >= b
            }) else {
                continue;
            };
            let mut cur = doc.tokens.head[h];
            let mut steps = 0;
            while cur != petrel_doc::NO_HEAD && steps < 4 {
                let ci = cur as usize;
                if ci >= doc.tokens.len() {
                    break;
                }
                if ci == token {
                    return Some(c);
                }
                if tagged && doc.strings.resolve(doc.tokens.upos[ci]) == "VERB" {
                    // Coordinated verbs share their time ("met on Friday and signed"), and
                    // a verb's time is that of what it reports when nothing closer dates
                    // it ("told reporters on Wednesday they would not negotiate").
                    let conj = doc.tokens.head[ci] as usize == token
                        && doc.strings.resolve(doc.tokens.deprel[ci]) == "conj";
                    let mut up = doc.tokens.head[token];
                    let mut above = false;
                    for _ in 0..6 {
                        if up == petrel_doc::NO_HEAD {
                            break;
                        }
                        if up as usize == ci {
                            above = true;
                            break;
                        }
                        up = doc.tokens.head[up as usize];
                    }
                    if !conj && !above {
                        elsewhere.push(c);
                    }
                    break; // attached to another verb
                }
                cur = doc.tokens.head[ci];
                steps += 1;
            }
        }
    }
    candidates
        .into_iter()
        .filter(|c| !elsewhere.contains(c))
        .min_by_key(|&c| {
            let x = &doc.times[c];
            if x.start >= t_off {
                x.start - t_off
            } else {
                t_off.saturating_sub(x.end)
            }
        })
}

/// The date of the event triggered by token `token`: the governing expression's value cut
/// to its date part (`2010-04-07T15:00` → `2010-04-07`; `2010-W14` stays), else the
/// article date, else `None`.
pub fn event_date(doc: &Document, token: usize) -> Option<String> {
    if let Some(i) = governing_timex(doc, token) {
        let v = &doc.times[i].value;
        let cut = v.find('T').unwrap_or(v.len());
        return Some(v[..cut].to_string());
    }
    doc.meta
        .date
        .as_deref()
        .and_then(parse_article_date)
        .map(|d| calendar::format(d, calendar::Gran::Day))
}
