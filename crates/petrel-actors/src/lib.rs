//! Actors for petrel: the actor lexicon (countries with names, demonyms and capitals; role
//! nouns; organisations and armed groups) loaded from `lexicon/` (embedded, extendable with
//! `--lexicon DIR`), mention detection on tokens, and resolution of mentions into actors with
//! CAMEO codes, including coreference of names, titles and pronouns within an article.

pub mod files;
pub mod lexicon;
pub mod resolve;

pub use files::{LexiconError, LexiconSource};
pub use lexicon::{ActorLexicon, EntryKind};
pub use resolve::{code_of, resolve, PEOPLE_ROLE};

use petrel_doc::{Component, ComponentError, Document};
use std::sync::Arc;

/// The pipeline stage that fills `doc.mentions` and `doc.actors`.
pub struct ActorsComponent {
    lex: Arc<ActorLexicon>,
}

impl ActorsComponent {
    pub fn new(lex: Arc<ActorLexicon>) -> Self {
        ActorsComponent { lex }
    }

    /// Loads the lexicon from `src` (embedded data extended by a directory).
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        Ok(Self::new(Arc::new(ActorLexicon::load(src)?)))
    }

    pub fn lexicon(&self) -> &Arc<ActorLexicon> {
        &self.lex
    }
}

impl Default for ActorsComponent {
    fn default() -> Self {
        Self::new(Arc::new(ActorLexicon::embedded()))
    }
}

impl Component for ActorsComponent {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        resolve(doc, &self.lex);
        Ok(())
    }
}
