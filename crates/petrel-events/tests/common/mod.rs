//! Shared by the integration tests: documents built from hand-written parses.

use petrel_doc::{Document, Event, Meta, Sentence, NO_HEAD};

/// Builds a tagged and parsed document (no components run; the dateline is found as the
/// text component finds it). Each sentence is a list of
/// `form UPOS XPOS lemma head deprel` rows; heads are 1-based within the sentence, 0 = root.
pub fn build(sentences: &[&[&str]]) -> Document {
    let mut text = String::new();
    let mut rows = Vec::new();
    let mut sents = Vec::new();
    for sent in sentences {
        let first = rows.len();
        let start = text.len();
        for row in sent.iter() {
            let f: Vec<&str> = row.split_whitespace().collect();
            assert_eq!(f.len(), 6, "bad row {row:?}");
            if !text.is_empty() {
                text.push(' ');
            }
            let s = text.len() as u32;
            text.push_str(f[0]);
            rows.push((s, text.len() as u32, f, first));
        }
        sents.push((
            first,
            rows.len(),
            start as u32 + if start > 0 { 1 } else { 0 },
            text.len() as u32,
        ));
    }
    let mut doc = Document::new(
        Meta {
            id: "p".into(),
            ..Default::default()
        },
        text,
    );
    for (s, e, f, first) in &rows {
        let form = doc.strings.intern(f[0]);
        doc.tokens.push(*s, *e, form, true);
        let upos = doc.strings.intern(f[1]);
        let xpos = doc.strings.intern(f[2]);
        let lemma = doc.strings.intern(f[3]);
        let deprel = doc.strings.intern(f[5]);
        doc.tokens.upos.push(upos);
        doc.tokens.xpos.push(xpos);
        doc.tokens.lemma.push(lemma);
        let h: u32 = f[4].parse().unwrap();
        doc.tokens.head.push(if h == 0 {
            NO_HEAD
        } else {
            (*first as u32) + h - 1
        });
        doc.tokens.deprel.push(deprel);
    }
    for (a, b, s, e) in sents {
        doc.sentences.push(Sentence {
            tokens: a as u32..b as u32,
            start: s,
            end: e,
        });
    }
    // The dateline, as the text component would record it.
    doc.dateline = petrel_text::find_dateline(&doc, &petrel_text::TextLexicon::embedded());
    doc.check().unwrap();
    doc
}

/// The event whose trigger is `verb`, or a panic listing the events found.
pub fn find<'a>(doc: &'a Document, verb: &str) -> &'a Event {
    doc.events
        .iter()
        .find(|e| e.verb == verb)
        .unwrap_or_else(|| {
            panic!(
                "no event {verb}: {:?}",
                doc.events
                    .iter()
                    .map(|e| (&e.verb, &e.cameo))
                    .collect::<Vec<_>>()
            )
        })
}

/// Runs actors, places and events over `doc`, as the pipeline does.
#[allow(dead_code)] // each test binary compiles this module; not all use every helper
pub fn run_components(doc: &mut Document) {
    use petrel_doc::Component;
    petrel_actors::ActorsComponent::default()
        .process(doc)
        .unwrap();
    petrel_geo::PlacesComponent::default().process(doc).unwrap();
    petrel_events::EventsComponent::default()
        .process(doc)
        .unwrap();
}

/// One sentence of `form UPOS XPOS lemma head deprel` rows (heads 1-based, 0 = root), run
/// through actors, places and events.
#[allow(dead_code)]
pub fn placed(rows: &[&str]) -> Document {
    let mut doc = build(&[rows]);
    run_components(&mut doc);
    doc
}

/// An actor's code, or "" for none.
#[allow(dead_code)]
pub fn code(a: &Option<petrel_doc::ActorRef>) -> String {
    a.as_ref().map_or(String::new(), |a| a.code.clone())
}
