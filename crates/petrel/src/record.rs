//! The output record of one article (JSON Lines schema, documented in the README).

use petrel_doc::{Actor, Count, Document, Event, Place, Quote, Timex};
use serde::Serialize;

/// Bumped when a field changes meaning or is removed; adding fields does not bump it.
/// Version 2: `plover.type` is `null` for CAMEO 01 statements (was the made-up `STATEMENT`).
/// Version 3: a direct quote interrupted by its attribution (`"…," said X. "…"`) has its
/// quoted parts joined with " … " as `content` (was the whole stretch, attribution included);
/// the parts are in `content_parts`.
pub const SCHEMA_VERSION: u32 = 3;

/// One article's output.
#[derive(Debug, Serialize)]
pub struct Record<'a> {
    pub id: &'a str,
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    pub sentences: usize,
    pub tokens: usize,
    pub events: &'a [Event],
    pub actors: &'a [Actor],
    pub times: &'a [Timex],
    pub places: &'a [Place],
    pub quotes: &'a [Quote],
    pub counts: &'a [Count],
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub warnings: &'a [String],
}

impl<'a> Record<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Record {
            id: &doc.meta.id,
            date: doc.meta.date.as_deref(),
            title: doc.meta.title.as_deref(),
            url: doc.meta.url.as_deref(),
            source: doc.meta.source.as_deref(),
            sentences: doc.sentences.len(),
            tokens: doc.tokens.len(),
            events: &doc.events,
            actors: &doc.actors,
            times: &doc.times,
            places: &doc.places,
            quotes: &doc.quotes,
            counts: &doc.counts,
            warnings: &doc.warnings,
        }
    }
}

/// The record written instead of a [`Record`] when a document cannot be processed.
#[derive(Debug, Serialize)]
pub struct ErrorRecord<'a> {
    pub id: &'a str,
    pub error: &'a str,
}
