//! Shared by the integration tests: invented text through petrel's tokenizer and the places
//! stage, alone or after the tagger, parser and actors.

use petrel_doc::{Component, Document, Meta};

/// `text` tokenized and run through places (no tags, parse or actors).
#[allow(dead_code)] // files that need the parse use `run_parsed`
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

/// `text` tokenized, tagged, parsed and run through actors and places, as in the pipeline.
#[allow(dead_code)] // not every test file needs the parse
pub fn run_parsed(text: &str) -> Document {
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    let (tagger, parser) = petrel_syntax::components(None).unwrap();
    tagger.process(&mut d).unwrap();
    parser.process(&mut d).unwrap();
    petrel_actors::ActorsComponent::default()
        .process(&mut d)
        .unwrap();
    petrel_geo::PlacesComponent::default()
        .process(&mut d)
        .unwrap();
    d
}
