//! Tokens as parallel arrays (struct of arrays) and sentences as token ranges.

use crate::Sym;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Marks a token with no head (the root of its sentence) in [`Tokens::head`].
pub const NO_HEAD: u32 = u32::MAX;

/// Per-token annotations. `start`, `end`, `form` and `space_after` are filled by the
/// tokenizer; `upos`, `xpos`, `lemma` by the tagger; `head` and `deprel` by the parser.
/// Arrays a component has not filled are empty.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// Byte offset of the token's first byte in the original text.
    pub start: Vec<u32>,
    /// Byte offset one past the token's last byte in the original text.
    pub end: Vec<u32>,
    /// Normalised form (NFC, typographic quotes and dashes folded).
    pub form: Vec<Sym>,
    /// Whether whitespace follows the token in the original text.
    pub space_after: Vec<bool>,
    /// Universal part-of-speech tag (UD v2 names, e.g. `NOUN`).
    pub upos: Vec<Sym>,
    /// Penn Treebank tag (e.g. `VBD`).
    pub xpos: Vec<Sym>,
    pub lemma: Vec<Sym>,
    /// Document-level index of the head token, or [`NO_HEAD`] for a sentence root.
    pub head: Vec<u32>,
    /// Universal Dependencies relation to the head (e.g. `nsubj`).
    pub deprel: Vec<Sym>,
    /// Word class from the tagger's word clusters (the 256-class level: class id + 1, 0 for
    /// a word the clusters do not hold), filled by the tagger when its model has clusters,
    /// for components that generalise over words ("grumbled" is a neighbour of
    /// "complained").
    pub cluster: Vec<u16>,
}

impl Tokens {
    pub fn len(&self) -> usize {
        self.start.len()
    }
    pub fn is_empty(&self) -> bool {
        self.start.is_empty()
    }
    pub fn push(&mut self, start: u32, end: u32, form: Sym, space_after: bool) {
        self.start.push(start);
        self.end.push(end);
        self.form.push(form);
        self.space_after.push(space_after);
    }
    pub fn is_tagged(&self) -> bool {
        !self.start.is_empty() && self.upos.len() == self.start.len()
    }
    pub fn is_parsed(&self) -> bool {
        !self.start.is_empty() && self.head.len() == self.start.len()
    }
}

/// A sentence: a range of tokens and the byte span it covers in the original text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub tokens: Range<u32>,
    pub start: u32,
    pub end: u32,
}

impl Sentence {
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }
    pub fn len(&self) -> usize {
        (self.tokens.end - self.tokens.start) as usize
    }
    pub fn is_empty(&self) -> bool {
        self.tokens.end == self.tokens.start
    }
}

/// The index of the first sentence of the paragraph holding sentence `s`: sentences before
/// it belong to it while no line break stands between them (`text` is the document text the
/// sentences' byte offsets point into).
pub fn paragraph_start(sentences: &[Sentence], text: &str, s: usize) -> usize {
    let mut first = s.min(sentences.len().saturating_sub(1));
    while first > 0 {
        let gap = text
            .get(sentences[first - 1].end as usize..sentences[first].start as usize)
            .unwrap_or("\n");
        if gap.contains('\n') {
            break;
        }
        first -= 1;
    }
    first
}
