//! Development helper: prints the quotes found in the text on stdin.
use petrel_doc::{Component, Document, Meta};
use std::io::Read;
fn main() {
    let mut t = String::new();
    std::io::stdin().read_to_string(&mut t).unwrap();
    let mut d = Document::new(Meta::default(), t);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    petrel_quotes::QuotesComponent::default()
        .process(&mut d)
        .unwrap();
    if std::env::var("TOK").is_ok() {
        println!(
            "{:?}",
            (0..d.tokens.len()).map(|i| d.form(i)).collect::<Vec<_>>()
        );
    }
    for s in 0..d.sentences.len() {
        println!("S{s}: {}", d.sentence_text(s));
    }
    for q in &d.quotes {
        println!(
            "{} | cue {:?} | sp {:?} | {}",
            q.kind, q.cue, q.speaker, q.content
        );
    }
}
