//! Annotation types added by components after syntax. They serialise directly into the
//! output schema (see the README's "Output schema"); fields only used inside the pipeline
//! are marked `#[serde(skip)]`.

use crate::Span;
use serde::{Deserialize, Serialize};

/// What a mention names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    Person,
    Organisation,
    Country,
    Place,
    /// A role noun phrase ("the police", "opposition leaders").
    Role,
    Pronoun,
    Other,
}

/// A span of text that refers to something (a person, organisation, place, role group).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub span: Span,
    /// Token range `[first, last+1)` of the mention.
    pub tokens: (u32, u32),
    /// The token the mention's phrase hangs on (its syntactic head).
    pub head: u32,
    pub kind: MentionKind,
    /// Index into [`crate::Document::actors`] once resolved.
    pub actor: Option<u32>,
}

/// A resolved actor: a person, group or institution with its CAMEO actor code.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The fullest name seen ("Kurmanbek Bakiyev", "Russia", "police").
    pub name: String,
    /// ISO-3166 alpha-3 country, or an IGO/group code prefix.
    pub country: Option<String>,
    /// CAMEO role code (GOV, MIL, OPP, …).
    pub role: Option<String>,
    /// Concatenated CAMEO actor code (`KGZGOV`).
    pub code: String,
    /// Byte spans `[start, end]` of every mention.
    pub mentions: Vec<[u32; 2]>,
    /// The country is the article's home country, not named with the actor ("police" in a
    /// story datelined Osh): inferred, so analysts can leave it out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub country_inferred: bool,
}

/// An event argument (source or target) as written in the output.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRef {
    /// The text of the argument phrase in the sentence.
    pub text: String,
    pub name: Option<String>,
    pub country: Option<String>,
    pub role: Option<String>,
    pub code: String,
    /// The country was inferred from the article (see [`Actor::country_inferred`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub country_inferred: bool,
    /// Index into the document's actors.
    #[serde(skip)]
    pub actor: Option<u32>,
    #[serde(skip)]
    pub head: Option<u32>,
}

/// Whether an event was reported as happening.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    #[default]
    Asserted,
    Negated,
    Intended,
    Hypothetical,
}

/// PLOVER type and, where the verb tells it, mode and context.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Plover {
    /// The PLOVER 2.0 type; empty (`null` in JSON) for CAMEO 01 statements, which PLOVER does
    /// not code, rather than a made-up type.
    #[serde(rename = "type", with = "empty_as_null")]
    pub kind: String,
    pub mode: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<String>,
}

/// Where an event happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventLocation {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Index into the document's places.
    pub place: u32,
}

/// A coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub sentence: u32,
    /// The sentence's text.
    pub text: String,
    pub source: Option<ActorRef>,
    pub target: Option<ActorRef>,
    /// CAMEO event code (`0331`).
    pub cameo: String,
    pub cameo_root: String,
    pub goldstein: f32,
    pub quad_class: u8,
    pub plover: Plover,
    pub modality: Modality,
    /// The trigger as written: the verb, or an event noun's whole phrase ("general strike").
    pub verb: String,
    /// ISO date of the event (the governing time expression, else the article date).
    pub date: Option<String>,
    pub location: Option<EventLocation>,
    /// Indices into the document's counts attached to this event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub counts: Vec<u32>,
    /// Issues the sentence raises, from the users' PETRARCH issue dictionaries, as
    /// `CATEGORY,CODE` (as in the Phoenix format's Issues column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issues: Vec<String>,
    /// Token index of the trigger.
    #[serde(skip)]
    pub trigger: u32,
}

/// A normalised temporal expression (TimeML TIMEX3 style).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    pub text: String,
    pub start: u32,
    pub end: u32,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// ISO-style value (`2010-04-07`, `2010-W14`, `P1W`, `PRESENT_REF`, …).
    pub value: String,
    pub sentence: u32,
}

/// A place name resolved against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub text: String,
    pub start: u32,
    pub end: u32,
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    /// Gazetteer feature class (`country`, `admin1`, `city`, …).
    pub feature: String,
    pub sentence: u32,
}

/// A direct quote or a piece of reported speech.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// `direct` or `indirect`.
    pub kind: String,
    /// The quoted words; for a quote interrupted by its attribution, its parts joined
    /// with " … ".
    pub content: String,
    /// From the first word of the content to the last (the attribution inside it too).
    pub content_span: Span,
    /// The parts of a direct quote interrupted by its attribution (`"…," said X. "…"`);
    /// empty when the content is one stretch.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_parts: Vec<Span>,
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    pub speaker: Option<String>,
    pub speaker_span: Option<Span>,
    /// Index into the document's actors.
    pub actor: Option<u32>,
    pub sentence: u32,
}

/// A number attached to what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Count {
    pub text: String,
    pub start: u32,
    pub end: u32,
    /// `killed`, `wounded`, `arrested`, `crowd`, `troops`, `money`, `other`.
    pub kind: String,
    pub value: f64,
    /// ISO 4217 currency for money.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// `at_least`, `at_most`, `about` or `exact`.
    pub qualifier: String,
    pub sentence: u32,
}

/// Serialises an empty string as `null` and reads `null` back as empty.
mod empty_as_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(s: &str, ser: S) -> Result<S::Ok, S::Error> {
        if s.is_empty() {
            ser.serialize_none()
        } else {
            ser.serialize_str(s)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(de: D) -> Result<String, D::Error> {
        Ok(Option::<String>::deserialize(de)?.unwrap_or_default())
    }
}
