//! Shared by the integration tests: invented text through petrel's tokenizer and the places
//! stage.

use petrel_doc::{Component, Document, Meta};

/// `text` tokenized and run through places (no tags, parse or actors).
pub fn run(text: &str) -> Document {
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    petrel_geo::PlacesComponent::default()
        .process(&mut d)
        .unwrap();
    d
}
