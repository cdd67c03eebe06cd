//! Countries for actors that only a place in their own phrase places: "a hospital in
//! Kherson", "police near Mykolaiv", "Kharkiv's mayor". The actors stage runs
//! before places and knows countries, capitals and nationalities only; once the article's
//! places are resolved, a role without a country takes the country of the place its phrase
//! names, as analysts code it. A country the phrase names itself ("Russian troops in
//! Kherson") always wins: those actors already have one.
//!
//! Also the other way round: an actor whose country comes from a name that is also a place
//! of another country ("Georgia's governor" in a story about Atlanta) takes the country the
//! places stage read the name as, when other places of that country back the reading.

use crate::component::is_place_noun;
use crate::gazetteer::{Feature, Gazetteer};
use petrel_doc::{Document, MentionKind};

/// Words after a role that put it in the place that follows ("police in Osh").
const PREPOSITIONS: &[&str] = &["in", "at", "near", "outside", "inside"];

/// Whether a role takes its place's country only from a place before it (`Before`) or also
/// from one after a preposition (`Any`); see `data/local_roles.txt`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Before,
    Any,
}

/// The roles that stay where they are (`data/local_roles.txt`).
static LOCAL_ROLES: std::sync::LazyLock<Vec<(&'static str, Where)>> =
    std::sync::LazyLock::new(|| {
        include_str!("../data/local_roles.txt")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| {
                let (code, w) = l.split_once('\t')?;
                let w = if w.trim() == "before" {
                    Where::Before
                } else {
                    Where::Any
                };
                Some((code.trim(), w))
            })
            .collect()
    });

/// Words that make a role someone else's wherever it is (`data/not_local.txt`).
static NOT_LOCAL: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../data/not_local.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
});

/// Gives actors with a role and no country the country of the place in their phrase (see
/// the module docs) when the role stays local (`data/local_roles.txt`) and no word marks it
/// as someone else's (`data/not_local.txt`). An actor whose mentions are placed in different
/// countries is left as it is.
pub fn locate_actors(doc: &mut Document) {
    if doc.places.is_empty() || doc.actors.is_empty() {
        return;
    }
    // Per actor: the country all its placed mentions agree on, or `None` when they differ.
    let mut found: Vec<Option<Option<&str>>> = vec![None; doc.actors.len()];
    for m in &doc.mentions {
        let Some(ai) = m.actor.map(|a| a as usize) else {
            continue;
        };
        let Some(a) = doc.actors.get(ai) else {
            continue;
        };
        let local = a
            .role
            .as_deref()
            .and_then(|r| LOCAL_ROLES.iter().find(|l| l.0 == r))
            .map(|l| l.1);
        let Some(local) = local.filter(|_| m.kind == MentionKind::Role && a.country.is_none())
        else {
            continue;
        };
        let (from, to) = (m.tokens.0 as usize, m.tokens.1 as usize);
        // The word before too: "Foreign journalists" may open a sentence outside the mention.
        let foreign = (from.saturating_sub(1)..to.min(doc.tokens.len()))
            .any(|t| NOT_LOCAL.contains(&doc.form(t).to_lowercase().as_str()));
        if foreign {
            continue;
        }
        let Some(country) = place_of(doc, from, to, local == Where::Any) else {
            continue;
        };
        found[ai] = match found[ai] {
            None => Some(Some(country)),
            Some(Some(c)) if c == country => Some(Some(c)),
            _ => Some(None),
        };
    }
    let found: Vec<Option<String>> = found
        .into_iter()
        .map(|f| f.flatten().map(str::to_string))
        .collect();
    for (a, country) in doc.actors.iter_mut().zip(found) {
        if let Some(c) = country {
            a.code = format!("{c}{}", a.code);
            a.country = Some(c);
        }
    }
}

/// The country of the place that the role mention at tokens `[from, to)` names in its
/// phrase: right after it behind a preposition, past an article, adjectives and a kind of
/// place with "of" ("in the southern city of Kherson"), not a possessor ("at Rubio's
/// rally"); or before its head, also with a possessive ("a Kherson hospital", "Kharkiv's
/// mayor"), when other places of the article back its country (see `backed`).
fn place_of(doc: &Document, from: usize, to: usize, after: bool) -> Option<&str> {
    let n = doc.tokens.len();
    let sentence = doc.sentences.get(doc.sentence_of(from))?.token_range();
    let starts_at = |t: usize| {
        let at = *doc.tokens.start.get(t)?;
        doc.places.iter().find(|p| p.start == at)
    };
    let ends_at = |t: usize| {
        let at = *doc.tokens.end.get(t)?;
        doc.places.iter().find(|p| p.end == at)
    };
    let usable = |p: &&petrel_doc::Place| p.feature != "continent" && p.country.is_some();
    // After: "hospital in (the southern city of) Kherson".
    if after
        && to < n.min(sentence.end)
        && PREPOSITIONS.contains(&doc.form(to).to_lowercase().as_str())
    {
        let mut t = to + 1;
        while t < sentence.end && t < to + 7 {
            if let Some(p) = starts_at(t).filter(usable) {
                // "the crowd at Rubio's rally": a possessor, not where the role is.
                let k = tok_after(doc, p.end);
                let possessor = k < n && matches!(doc.form(k), "'s" | "'");
                return (!possessor).then_some(p.country.as_deref()).flatten();
            }
            if !filler(doc, t) {
                break;
            }
            t += 1;
        }
    }
    // Inside, before the head: "a Kherson hospital" (read as one phrase by the actors).
    if to > from + 1 {
        let (s, e) = (doc.tokens.start[from], doc.tokens.start[to - 1]);
        let inside = doc
            .places
            .iter()
            .filter(usable)
            .find(|p| p.start >= s && p.end <= e && p.feature != "country")
            .filter(|p| backed(doc, p));
        if let Some(p) = inside {
            return p.country.as_deref();
        }
    }
    // Before: "Kharkiv's mayor", "the Kherson regional hospital".
    let mut t = from;
    if t > sentence.start && matches!(doc.form(t - 1), "'s" | "'") {
        t -= 1;
    }
    if t > sentence.start {
        if let Some(p) = ends_at(t - 1).filter(usable) {
            // Not a place that an earlier phrase is in ("in Kherson hospitals were hit").
            let first = doc.tokens.start.partition_point(|&x| x < p.start);
            let placed_before = first > sentence.start
                && PREPOSITIONS.contains(&doc.form(first - 1).to_lowercase().as_str());
            // Countries before a role are the actor lexicon's business ("Kenya troops").
            if !placed_before && p.feature != "country" && backed(doc, p) {
                return p.country.as_deref();
            }
        }
    }
    None
}

/// The token that starts at or after byte `end`.
fn tok_after(doc: &Document, end: u32) -> usize {
    doc.tokens.start.partition_point(|&x| x < end)
}

/// Whether another place of the article (another gazetteer entry) lies in `p`'s country: a name
/// before a role ("Florida senator", "Kharkiv's mayor") is often a person's or a firm's
/// ("a Rubio spokesman", "a Pando investor") that the gazetteer also knows as a far-off
/// place; the article's other places tell the two apart.
fn backed(doc: &Document, p: &petrel_doc::Place) -> bool {
    doc.places
        .iter()
        .any(|q| q.country == p.country && q.name != p.name)
}

/// A word that may stand between a preposition and its place: an article, an adjective, a
/// kind of place, or "of" ("in the southern province of …").
fn filler(doc: &Document, t: usize) -> bool {
    let f = doc.form(t);
    let lower = f.to_lowercase();
    if matches!(lower.as_str(), "the" | "a" | "an" | "of") || is_place_noun(&lower) {
        return true;
    }
    match doc.tokens.upos.get(t) {
        Some(&u) => doc.strings.resolve(u) == "ADJ" && f.chars().all(char::is_lowercase),
        None => false,
    }
}

/// Recodes actors whose country the actors stage took from a name that the places stage
/// resolved, in this article, to a place of another country ("Georgia's governor" beside
/// Atlanta and Savannah is the US state's): the name must also be that country's name in
/// the gazetteer, no mention of the actor may be read as the country, and places of the
/// other country outside the actor's mentions must back the reading (a nationality
/// adjective does not).
pub fn recountry_namesakes(doc: &mut Document, g: &Gazetteer) {
    let places = &doc.places;
    for a in doc.actors.iter_mut() {
        let Some(c) = a.country.clone() else {
            continue;
        };
        let inside =
            |p: &&petrel_doc::Place| a.mentions.iter().any(|m| m[0] <= p.start && p.end <= m[1]);
        let mut other: Option<String> = None;
        let mut name = "";
        for p in places.iter().filter(inside) {
            if p.country.as_deref() == Some(c.as_str()) {
                other = None;
                break;
            }
            let namesake = p.feature != "country"
                && g.lookup(&p.text).iter().any(|&(id, _)| {
                    let e = g.entry(id);
                    e.feature == Feature::Country && e.country_code() == c
                });
            if namesake && other.is_none() {
                other = p.country.clone();
                name = &p.name;
            }
        }
        let Some(d) = other else {
            continue;
        };
        let backed = places.iter().any(|p| {
            p.country.as_deref() == Some(d.as_str())
                && p.feature != "country"
                && p.name != name
                && !inside(&p)
        });
        if !backed {
            continue;
        }
        if let Some(rest) = a.code.strip_prefix(c.as_str()) {
            a.code = format!("{d}{rest}");
        }
        a.country = Some(d);
    }
}
