//! Text for news: tokens and sentences with byte offsets into the original text.
//!
//! [`TextComponent`] is the first pipeline stage: it fills `doc.tokens` (`start`, `end`,
//! `form`, `space_after`), `doc.sentences` and `doc.dateline` (the article's dateline, which
//! later stages read rather than look for). Rules live in [`tokenize`] and [`sentences`],
//! word lists in `data/` ([`lexicon`]), form normalisation in [`normalize`].

pub mod boundary;
pub mod lexicon;
pub mod normalize;
pub mod sentences;
pub mod tokenize;
pub mod treebank;

pub use boundary::BoundaryModel;
pub use lexicon::TextLexicon;
pub use normalize::normalize;
pub use sentences::{opening_dateline, split_sentences};
pub use tokenize::{tokenize, RawToken};

use petrel_doc::{Component, ComponentError, Document, Sentence, Span};

/// The trained sentence-boundary model shipped with petrel (`petrel train sentences`).
const SENTENCE_MODEL: &[u8] = include_bytes!("../../../models/sentences.bin");

/// The embedded sentence-boundary model. It is built into the binary and checked by the
/// tests, so a failure here is a build defect.
pub fn embedded_boundary_model() -> BoundaryModel {
    BoundaryModel::from_bytes(SENTENCE_MODEL).expect("embedded sentence model is valid")
}

/// Tokenizer and sentence splitter as a pipeline component.
pub struct TextComponent {
    lex: TextLexicon,
    /// `None`: rules only.
    model: Option<BoundaryModel>,
}

impl Default for TextComponent {
    fn default() -> Self {
        TextComponent {
            lex: TextLexicon::embedded(),
            model: Some(embedded_boundary_model()),
        }
    }
}

impl TextComponent {
    pub fn new(lex: TextLexicon, model: Option<BoundaryModel>) -> Self {
        TextComponent { lex, model }
    }

    /// Rules only, without the learned boundary model.
    pub fn rules_only() -> Self {
        TextComponent {
            lex: TextLexicon::embedded(),
            model: None,
        }
    }
}

impl Component for TextComponent {
    fn name(&self) -> &'static str {
        "text"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        annotate_with(doc, &self.lex, self.model.as_ref());
        Ok(())
    }
}

/// Tokenizes and splits `doc.text` with the rules only (see [`annotate_with`]).
pub fn annotate(doc: &mut Document, lex: &TextLexicon) {
    annotate_with(doc, lex, None)
}

/// Tokenizes and splits `doc.text` into `doc.tokens` and `doc.sentences` and records
/// `doc.dateline`, replacing any earlier token annotations; sentence ends come from `model`
/// when given, else the rules.
pub fn annotate_with(doc: &mut Document, lex: &TextLexicon, model: Option<&BoundaryModel>) {
    let mut raw = Vec::new();
    tokenize(&doc.text, lex, &mut raw);
    let text = doc.text.as_str();
    let tokens = &mut doc.tokens;
    *tokens = Default::default();
    tokens.start.reserve(raw.len());
    for (k, t) in raw.iter().enumerate() {
        let surface = &text[t.start as usize..t.end as usize];
        let form = doc.strings.intern(&normalize(surface));
        let space_after = raw
            .get(k + 1)
            .map_or(t.end as usize != text.len(), |n| n.space_before);
        tokens.push(t.start, t.end, form, space_after);
    }
    let ranges = match model {
        Some(m) => m.split(text, &raw, lex),
        None => split_sentences(text, &raw, lex),
    };
    doc.dateline = ranges
        .first()
        .and_then(|f| opening_dateline(text, &raw, f.clone(), ranges.len() > 1, lex))
        .map(|r| Span::new(raw[r.start].start, raw[r.end - 1].end));
    doc.sentences = ranges
        .into_iter()
        .map(|r| Sentence {
            start: raw[r.start].start,
            end: raw[r.end - 1].end,
            tokens: r.start as u32..r.end as u32,
        })
        .collect();
}

/// The dateline of a document tokenised and split by other means (gold treebank tokens, a
/// hand-built parse), by the same rules the text component applies: see
/// [`opening_dateline`]. Documents from [`TextComponent`] have it in `doc.dateline` already.
pub fn find_dateline(doc: &Document, lex: &TextLexicon) -> Option<Span> {
    let first = doc.sentences.first()?.token_range();
    let t = &doc.tokens;
    let n = (first.end + 1).min(t.len());
    let mut prev = 0;
    let raw: Vec<RawToken> = (0..n)
        .map(|k| {
            let gap = doc.text.get(prev..t.start[k] as usize).unwrap_or("");
            prev = t.end[k] as usize;
            RawToken {
                start: t.start[k],
                end: t.end[k],
                newlines_before: gap.matches('\n').count().min(255) as u8,
                space_before: !gap.is_empty(),
            }
        })
        .collect();
    let r = opening_dateline(&doc.text, &raw, first, doc.sentences.len() > 1, lex)?;
    Some(Span::new(raw[r.start].start, raw[r.end - 1].end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_doc::Meta;
    use proptest::prelude::*;

    fn run(text: &str) -> Document {
        let mut doc = Document::new(Meta::default(), text);
        TextComponent::default().process(&mut doc).unwrap();
        doc
    }

    #[test]
    fn embedded_model_loads_and_splits_news() {
        assert!(embedded_boundary_model().len() > 100);
        let doc = run("Mr. Putin met Gen. Ivanov in the U.S. on Jan. 5. Talks ended.");
        assert_eq!(doc.sentences.len(), 2, "{:?}", doc.sentences);
        let doc = run("OSH, Kyrgyzstan (Wire) - Guards fired shots. Nobody was hurt.");
        assert_eq!(doc.sentence_text(0), "OSH, Kyrgyzstan (Wire) -");
    }

    /// A state abbreviation closing a bracket ends in a period; the lower-case verb after
    /// the bracket keeps the sentence going, with the model and with the rules alone.
    #[test]
    fn a_period_inside_closing_brackets_does_not_end_the_sentence() {
        let text = "Sen. Ruth Calloway (R-Ky.) said the levee bill was dead. (Votes are due.) The House waits.";
        for doc in [run(text), {
            let mut d = Document::new(Meta::default(), text);
            TextComponent::rules_only().process(&mut d).unwrap();
            d
        }] {
            assert_eq!(doc.sentences.len(), 3, "{:?}", doc.sentences);
            assert_eq!(
                doc.sentence_text(0),
                "Sen. Ruth Calloway (R-Ky.) said the levee bill was dead."
            );
        }
    }

    /// The boundary model cut after "D." before some surnames: the word features outvoted the
    /// rule that an initial never ends a sentence.
    #[test]
    fn a_middle_initial_never_ends_a_sentence() {
        let doc = run("In an interview, Deputy Mayor Ellen D. Ryan said no. The vote comes later.");
        assert_eq!(doc.sentences.len(), 2, "{:?}", doc.sentences);
        assert_eq!(
            doc.sentence_text(0),
            "In an interview, Deputy Mayor Ellen D. Ryan said no."
        );
        assert_eq!(doc.sentence_text(1), "The vote comes later.");
    }

    #[test]
    fn records_the_opening_dateline_only() {
        let doc = run("KISUMU, Kenya (Wire) - Floods cut the main road. Buses waited.");
        let d = doc.dateline.expect("a dateline");
        assert_eq!(doc.span_text(d), "KISUMU, Kenya (Wire) -");
        doc.check().unwrap();
        // A dateline after a headline is cut but not recorded as the article's.
        let doc = run("Floods cut road\n\nKISUMU, Kenya (Wire) - Buses waited.");
        assert_eq!(doc.sentence_text(1), "KISUMU, Kenya (Wire) -");
        assert_eq!(doc.dateline, None);
        assert_eq!(
            run("Floods cut the main road. Buses waited.").dateline,
            None
        );
    }

    /// Tokens and sentences from elsewhere (a treebank, a hand-built parse) give the same
    /// dateline as the text component.
    #[test]
    fn find_dateline_agrees_with_the_component() {
        let lex = TextLexicon::embedded();
        for text in [
            "GULU, Uganda, May 4 -- Rebels freed nine hostages. Aid arrived.",
            "GULU, Uganda\nRebels freed nine hostages. Aid arrived.",
            "Gulu is quiet - for now. Aid arrived.",
        ] {
            let doc = run(text);
            let mut bare = Document::new(Meta::default(), text);
            for k in 0..doc.tokens.len() {
                bare.tokens.push(
                    doc.tokens.start[k],
                    doc.tokens.end[k],
                    doc.tokens.form[k],
                    true,
                );
            }
            bare.strings = doc.strings.clone();
            bare.sentences = doc.sentences.clone();
            assert_eq!(find_dateline(&bare, &lex), doc.dateline, "{text}");
        }
        assert!(
            run("GULU, Uganda\nRebels freed nine hostages. Aid arrived.")
                .dateline
                .is_some()
        );
    }

    #[test]
    fn fills_tokens_and_sentences() {
        let doc = run("Guards fired shots in Osh. Russia pledged $50 million.");
        doc.check().unwrap();
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.sentence_text(1), "Russia pledged $50 million.");
        assert_eq!(doc.form(8), "$");
        assert!(!doc.tokens.space_after[8]);
        assert!(doc.tokens.space_after[0]);
    }

    #[test]
    fn forms_are_normalised_but_offsets_are_original() {
        let doc = run("“Leave,” he said");
        assert_eq!(doc.form(0), "\"");
        assert_eq!(doc.token_text(0), "“");
        assert_eq!(doc.tokens.start[1], 3);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn offsets_point_into_the_text(text in "\\PC{0,200}") {
            let doc = run(&text);
            prop_assert!(doc.check().is_ok(), "{:?}", doc.check());
            for i in 0..doc.tokens.len() {
                let s = doc.token_text(i);
                prop_assert!(!s.is_empty());
                prop_assert!(!s.chars().any(tokenize::is_space));
            }
        }

        #[test]
        fn news_like_text_never_panics(text in "[A-Za-z0-9 .,;:'\"’“”()$%\\-\n!?…]{0,300}") {
            let doc = run(&text);
            prop_assert!(doc.check().is_ok());
            // Non-space text is fully covered by tokens.
            let covered: usize = (0..doc.tokens.len()).map(|i| doc.token_text(i).len()).sum();
            let non_space: usize = text.chars().filter(|c| !tokenize::is_space(*c)).map(char::len_utf8).sum();
            prop_assert_eq!(covered, non_space);
        }
    }
}
