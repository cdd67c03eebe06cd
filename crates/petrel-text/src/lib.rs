//! Text processing for news (work in progress).
use petrel_doc::{Component, ComponentError, Document};

#[derive(Default)]
pub struct TextComponent;

impl Component for TextComponent {
    fn name(&self) -> &'static str {
        "text"
    }
    fn process(&self, _doc: &mut Document) -> Result<(), ComponentError> {
        Ok(())
    }
}
