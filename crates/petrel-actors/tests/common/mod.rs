//! Shared by the integration tests: invented text through petrel's tokenizer, tagger, parser
//! and the actors stage.

use petrel_actors::ActorsComponent;
use petrel_doc::{Component, Document, Meta};

/// `text` tokenized, tagged, parsed and run through actors (the parse is what marks bare
/// names as people).
pub fn run(text: &str) -> Document {
    let mut doc = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut doc)
        .unwrap();
    let (tagger, parser) = petrel_syntax::components(None).unwrap();
    tagger.process(&mut doc).unwrap();
    parser.process(&mut doc).unwrap();
    ActorsComponent::default().process(&mut doc).unwrap();
    doc
}
