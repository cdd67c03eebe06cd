//! Speakers as sources: an event told in the first person inside a direct quote ("We will not
//! negotiate with the strikers," the minister said) has the quote's speaker as its source.
//!
//! Runs after the quotes component, which resolves speakers to actors; the event coder runs
//! before it and leaves such events without a source, since "we" names nobody by itself.

use petrel_doc::{ActorRef, Component, ComponentError, Document, NO_HEAD};

/// First-person subject pronouns, lower case.
const FIRST_PERSON: &[&str] = &["i", "we"];

/// The pipeline stage that gives first-person events inside quotes their speaker as source.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpeakerSources;

impl Component for SpeakerSources {
    fn name(&self) -> &'static str {
        "speaker-sources"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        attribute(doc);
        Ok(())
    }
}

/// The first-person subject of trigger `t`, if the parse gives one.
fn first_person_subject(doc: &Document, t: usize) -> Option<usize> {
    let s = doc.sentence_of(t);
    doc.sentences[s].token_range().find(|&i| {
        doc.tokens.head[i] != NO_HEAD
            && doc.tokens.head[i] as usize == t
            && doc
                .strings
                .resolve(doc.tokens.deprel[i])
                .starts_with("nsubj")
            && FIRST_PERSON.contains(&doc.form(i).to_lowercase().as_str())
    })
}

/// Gives each source-less event whose subject is "I" or "we" inside a direct quote the
/// quote's speaker (when the speaker was resolved to an actor).
pub fn attribute(doc: &mut Document) {
    if doc.quotes.is_empty() || !doc.tokens.is_parsed() {
        return;
    }
    for e in 0..doc.events.len() {
        let t = doc.events[e].trigger as usize;
        if doc.events[e].source.is_some() || t >= doc.tokens.len() {
            continue;
        }
        let at = doc.tokens.start[t];
        let Some(actor) = doc
            .quotes
            .iter()
            .find(|q| q.kind == "direct" && q.content_span.start <= at && at < q.content_span.end)
            .and_then(|q| q.actor)
        else {
            continue;
        };
        let Some(subj) = first_person_subject(doc, t) else {
            continue;
        };
        let a = &doc.actors[actor as usize];
        doc.events[e].source = Some(ActorRef {
            text: doc.form(subj).to_string(),
            name: Some(a.name.clone()),
            country: a.country.clone(),
            role: a.role.clone(),
            code: a.code.clone(),
            country_inferred: a.country_inferred,
            actor: Some(actor),
            head: Some(subj as u32),
        });
    }
}
