//! The document model of petrel.
//!
//! One [`Document`] holds an article (its metadata and original text) and every annotation
//! that pipeline components add to it: sentences, tokens (as parallel arrays), syntax,
//! entities, actors, events, times, places, quotes and counts.
//!
//! Invariants (checked by [`Document::check`] in tests):
//! - every offset (`start`, `end`) is a byte offset into [`Document::text`], the original
//!   (UTF-8 repaired) article text, and lies on a char boundary, with `start <= end`;
//! - tokens are in text order and do not overlap; sentences cover consecutive token ranges;
//! - all per-token arrays in [`Tokens`] have the same length once a component has filled them
//!   (an empty array means "not annotated yet").

mod annotations;
mod component;
mod intern;
mod tokens;

pub use annotations::*;
pub use component::{Component, ComponentError, Pipeline};
pub use intern::{Interner, Sym};
pub use tokens::{paragraph_start, Sentence, Tokens, NO_HEAD};

use serde::{Deserialize, Serialize};

/// Article metadata as read from the input (JSON Lines fields or command-line flags).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    /// Article date, `YYYY-MM-DD`; relative dates in the text are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An article and all its annotations.
#[derive(Debug, Clone, Default)]
pub struct Document {
    pub meta: Meta,
    /// The original article text (after UTF-8 repair). All offsets point into it.
    pub text: String,
    /// Problems found while reading that did not stop processing (e.g. repaired UTF-8).
    pub warnings: Vec<String>,
    /// Sentences as token ranges with byte spans.
    pub sentences: Vec<Sentence>,
    /// The article's dateline ("NAIROBI, March 3 (Wire) -", "KYIV, Ukraine, Nov. 19, 2026 --"):
    /// where the story was filed, not part of its story. Set by the text component, the one
    /// place that decides it; actors and events read it. Invariant: it starts at the first
    /// token, ends at the end of a token of the first sentence (the closing dash, when there
    /// is one, and then it is that whole sentence), and at least one token follows it.
    /// Not part of the output schema.
    pub dateline: Option<Span>,
    /// Per-token annotations as parallel arrays.
    pub tokens: Tokens,
    /// Strings interned for this document (token forms, lemmas, tags).
    pub strings: Interner,
    /// Named-entity and nominal mentions (people, organisations, places, roles).
    pub mentions: Vec<Mention>,
    /// Actors: mentions grouped by coreference and resolved to CAMEO actor codes.
    pub actors: Vec<Actor>,
    /// Coded events.
    pub events: Vec<Event>,
    /// Normalised temporal expressions.
    pub times: Vec<Timex>,
    /// Place names resolved to coordinates.
    pub places: Vec<Place>,
    /// Quotes and reported speech.
    pub quotes: Vec<Quote>,
    /// Numbers attached to what they count.
    pub counts: Vec<Count>,
}

impl Document {
    pub fn new(meta: Meta, text: impl Into<String>) -> Self {
        Document {
            meta,
            text: text.into(),
            ..Default::default()
        }
    }

    /// The original text of token `i`.
    pub fn token_text(&self, i: usize) -> &str {
        &self.text[self.tokens.start[i] as usize..self.tokens.end[i] as usize]
    }

    /// The normalised form of token `i` (what the tagger and lexicon see).
    pub fn form(&self, i: usize) -> &str {
        self.strings.resolve(self.tokens.form[i])
    }

    /// The lemma of token `i`, or its lower-cased form if the tagger has not run.
    pub fn lemma(&self, i: usize) -> &str {
        match self.tokens.lemma.get(i) {
            Some(&s) => self.strings.resolve(s),
            None => self.form(i),
        }
    }

    /// The original text of sentence `s`.
    pub fn sentence_text(&self, s: usize) -> &str {
        let sent = &self.sentences[s];
        &self.text[sent.start as usize..sent.end as usize]
    }

    /// The index of the sentence holding token `t`.
    pub fn sentence_of(&self, t: usize) -> usize {
        self.sentences
            .partition_point(|s| (s.tokens.end as usize) <= t)
            .min(self.sentences.len().saturating_sub(1))
    }

    /// The original text for a byte span.
    pub fn span_text(&self, span: Span) -> &str {
        &self.text[span.start as usize..span.end as usize]
    }

    /// The byte span covering tokens `from..to` (exclusive end).
    pub fn token_span(&self, from: usize, to: usize) -> Span {
        debug_assert!(from < to);
        Span::new(self.tokens.start[from], self.tokens.end[to - 1])
    }

    /// Checks the invariants listed in the module docs; returns the first violation.
    pub fn check(&self) -> Result<(), String> {
        let n = self.text.len() as u32;
        let t = &self.tokens;
        if t.start.len() != t.end.len() || t.start.len() != t.form.len() {
            return Err("token arrays differ in length".into());
        }
        let mut prev_end = 0;
        for i in 0..t.len() {
            let (s, e) = (t.start[i], t.end[i]);
            if s > e || e > n {
                return Err(format!("token {i} span {s}..{e} outside text of {n} bytes"));
            }
            if s < prev_end {
                return Err(format!("token {i} overlaps the previous token"));
            }
            if !self.text.is_char_boundary(s as usize) || !self.text.is_char_boundary(e as usize) {
                return Err(format!("token {i} span {s}..{e} not on char boundaries"));
            }
            prev_end = e;
        }
        let mut next = 0u32;
        for (k, s) in self.sentences.iter().enumerate() {
            if s.tokens.start != next || s.tokens.end < s.tokens.start {
                return Err(format!("sentence {k} does not continue at token {next}"));
            }
            if s.end > n || s.start > s.end {
                return Err(format!("sentence {k} span outside text"));
            }
            next = s.tokens.end;
        }
        if !self.sentences.is_empty() && next as usize != t.len() {
            return Err("sentences do not cover all tokens".into());
        }
        if let Some(d) = self.dateline {
            let first_end = self.sentences.first().map_or(0, |s| s.tokens.end as usize);
            let last = t.end[..first_end].iter().position(|&e| e == d.end);
            if t.is_empty() || d.start != t.start[0] || last.is_none_or(|k| k + 1 >= t.len()) {
                return Err(format!(
                    "dateline {}..{} does not cover whole tokens at the start of the first \
                     sentence with tokens after it",
                    d.start, d.end
                ));
            }
        }
        Ok(())
    }
}

/// A byte span into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: u32, end: u32) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> u32 {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "OSH - Guards fired.": four tokens in two sentences.
    fn doc() -> Document {
        let mut d = Document::new(Meta::default(), "OSH - Guards fired.");
        for (s, e) in [(0, 3), (4, 5), (6, 12), (13, 18), (18, 19)] {
            let f = d.strings.intern(&d.text[s as usize..e as usize]);
            d.tokens.push(s, e, f, true);
        }
        d.sentences = vec![
            Sentence {
                tokens: 0..2,
                start: 0,
                end: 5,
            },
            Sentence {
                tokens: 2..5,
                start: 6,
                end: 19,
            },
        ];
        d
    }

    #[test]
    fn a_dateline_covers_whole_tokens_of_the_first_sentence() {
        let mut d = doc();
        for (span, ok) in [
            (Span::new(0, 5), true),
            (Span::new(0, 3), true),
            (Span::new(0, 4), false),  // ends inside a gap
            (Span::new(4, 5), false),  // not at the start
            (Span::new(0, 12), false), // runs into the second sentence
        ] {
            d.dateline = Some(span);
            assert_eq!(d.check().is_ok(), ok, "{span:?}: {:?}", d.check());
        }
    }
}
