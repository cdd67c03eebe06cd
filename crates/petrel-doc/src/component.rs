//! Pipeline components: each adds annotations to a [`Document`].

use crate::Document;

/// A failure of a component on one document. The document is reported as an error record;
/// the rest of the batch carries on.
#[derive(Debug, thiserror::Error)]
#[error("{component}: {message}")]
pub struct ComponentError {
    pub component: &'static str,
    pub message: String,
}

/// A step of the pipeline. Components are shared across threads, so they hold only
/// read-only state (models, lexicons) and write nothing but the document.
pub trait Component: Send + Sync {
    /// A short stable name (`tokenizer`, `tagger`, `parser`, `actors`, `events`, …).
    fn name(&self) -> &'static str;
    fn process(&self, doc: &mut Document) -> Result<(), ComponentError>;
}

/// An ordered list of components.
#[derive(Default)]
pub struct Pipeline {
    components: Vec<Box<dyn Component>>,
}

impl Pipeline {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with(mut self, c: impl Component + 'static) -> Self {
        self.components.push(Box::new(c));
        self
    }

    pub fn push(&mut self, c: Box<dyn Component>) {
        self.components.push(c);
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.components.iter().map(|c| c.name()).collect()
    }

    /// The components in order (for per-stage timing in `petrel bench`).
    pub fn components(&self) -> impl Iterator<Item = &dyn Component> {
        self.components.iter().map(|c| c.as_ref())
    }

    /// Runs every component in order, stopping at the first failure.
    pub fn run(&self, doc: &mut Document) -> Result<(), ComponentError> {
        for c in &self.components {
            c.process(doc)?;
        }
        Ok(())
    }
}
