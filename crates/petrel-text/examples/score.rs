//! Scores tokens and sentences on a treebank without the CLI:
//! `cargo run --release -p petrel-text --example score -- FILE.conllu`
use petrel_doc::{Document, Meta};
use petrel_text::treebank::{read_treebank, span_f1};

fn main() {
    for p in std::env::args().skip(1) {
        let tb = read_treebank(&std::fs::read_to_string(&p).unwrap()).unwrap();
        for model in [None, Some(petrel_text::embedded_boundary_model())] {
            let mut doc = Document::new(Meta::default(), tb.text.clone());
            petrel_text::annotate_with(
                &mut doc,
                &petrel_text::TextLexicon::embedded(),
                model.as_ref(),
            );
            let toks: Vec<(u32, u32)> = (0..doc.tokens.len())
                .map(|i| (doc.tokens.start[i], doc.tokens.end[i]))
                .collect();
            let sents: Vec<(u32, u32)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
            let mut gold = tb.words.clone();
            gold.dedup();
            println!(
                "{p} model={} tokens F1 {:.2} sentences F1 {:.2}",
                model.is_some(),
                span_f1(&gold, &toks).2 * 100.0,
                span_f1(&tb.sentences, &sents).2 * 100.0
            );
            let (p, r, _) = span_f1(&tb.sentences, &sents);
            println!("  sentence P {:.2} R {:.2}", p * 100.0, r * 100.0);
        }
    }
}
