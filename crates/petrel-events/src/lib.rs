//! Events for petrel: the CAMEO code table (Goldstein value, quad class, PLOVER type/mode)
//! and the event patterns, both data under `lexicon/`, and the coder that finds events with
//! their source, target and modality over the dependency parse (or the tokens alone).

pub mod coder;
pub mod home;
pub mod modes;
pub mod patterns;
pub mod speakers;
pub mod table;

pub use coder::{main_event, Coder};
pub use modes::ModeCues;
pub use patterns::Patterns;
pub use speakers::SpeakerSources;
pub use table::{penta_class, penta_class_standard, CameoTable};

use petrel_actors::{ActorLexicon, LexiconError, LexiconSource};
use petrel_doc::{Component, ComponentError, Document};
use std::sync::Arc;

/// The pipeline stage that fills `doc.events` (after actors, time, places and counts).
pub struct EventsComponent {
    coder: Coder,
    modes: ModeCues,
}

impl EventsComponent {
    /// Loads patterns and tables from `src`; shares the actor lexicon with the actor stage.
    pub fn load(src: &LexiconSource, actors: Arc<ActorLexicon>) -> Result<Self, LexiconError> {
        Ok(EventsComponent {
            coder: Coder::new(Patterns::load(src)?, CameoTable::load(src)?, actors),
            modes: ModeCues::load(src)?,
        })
    }

    pub fn coder(&self) -> &Coder {
        &self.coder
    }
}

impl Default for EventsComponent {
    fn default() -> Self {
        EventsComponent {
            coder: Coder::new(
                Patterns::embedded(),
                CameoTable::embedded(),
                Arc::new(ActorLexicon::embedded()),
            ),
            modes: ModeCues::embedded(),
        }
    }
}

impl Component for EventsComponent {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        home::fill_home_country(doc, &self.coder.actors.grammar);
        self.coder.code(doc);
        self.modes.apply(doc);
        Ok(())
    }
}
