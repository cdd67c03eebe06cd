//! The article's home country, given to actors named by role alone.
//!
//! Wire stories rarely say whose police or which government they mean: "OSH, Kyrgyzstan —
//! Police arrested 40 protesters" means Kyrgyz police. Analysts code such actors with the
//! country of the dateline (or the country the article is plainly about), so `police` becomes
//! `KGZCOP`, not a bare `COP`. Closer evidence wins over the dateline: the actor named
//! before "its", the same role named earlier in the sentence, an "In Kenya," opener, and the
//! countries the paragraph names (a datelined foreign-desk story is about other countries).
//! Actors whose country came this way are marked `country_inferred`, so users can tell text
//! from inference.

use petrel_actors::lexicon::Grammar;
use petrel_doc::Document;
use rustc_hash::FxHashMap;

/// Roles that belong to no country by default (international and non-governmental bodies).
const STATELESS_ROLES: &[&str] = &["IGO", "NGO"];

/// The country of the article's dateline ("OSH, Kyrgyzstan (Wire) —"), through its place.
pub fn dateline_country(doc: &Document) -> Option<&str> {
    dateline(doc).and_then(|p| p.country.as_deref())
}

/// The dateline's place ("OSH, Kyrgyzstan (Wire) —"): where the story was filed, not a
/// party to its events (a capital there is no metonym for its government). The text
/// component decides what the dateline is (`Document::dateline`); this is the first place
/// inside it.
pub fn dateline(doc: &Document) -> Option<&petrel_doc::Place> {
    let d = doc.dateline?;
    doc.places
        .iter()
        .filter(|p| d.start <= p.start && p.end <= d.end)
        .min_by_key(|p| p.start)
}

/// The article's home country: the dateline's country; else the only country named by places
/// and actors; else the one named most often (each stretch of text once) when it is named at
/// least twice and at least twice as often as any other; else none.
pub fn home_country(doc: &Document) -> Option<String> {
    if let Some(c) = dateline_country(doc) {
        return Some(c.to_string());
    }
    // Each stretch of text counts once: "Russia" is both a place and an actor.
    let mut seen: FxHashMap<u32, &str> = FxHashMap::default();
    for p in &doc.places {
        if let Some(c) = &p.country {
            seen.insert(p.start, c);
        }
    }
    for a in &doc.actors {
        // An international body ("IGO" for the United Nations) is no country to give others.
        if let Some(c) = a
            .country
            .as_ref()
            .filter(|c| !STATELESS_ROLES.contains(&c.as_str()))
        {
            for m in &a.mentions {
                seen.entry(m[0]).or_insert(c);
            }
        }
    }
    let mut counts: FxHashMap<&str, usize> = FxHashMap::default();
    for c in seen.into_values() {
        *counts.entry(c).or_default() += 1;
    }
    let mut ranked: Vec<(&str, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    match ranked.as_slice() {
        [(c, _)] => Some(c.to_string()),
        [(c, n), rest @ ..] if *n >= 2 && rest.first().is_none_or(|r| *n >= 2 * r.1) => {
            Some(c.to_string())
        }
        _ => None,
    }
}

/// Gives actors with a role but no country the article's home country, except those a word
/// of the `foreign` class in `lexicon/grammar.tsv` marks as someone else's ("foreign troops",
/// "Western diplomats"; "foreign" itself still allows a government: "the foreign ministry").
pub fn fill_home_country(doc: &mut Document, grammar: &Grammar) {
    if doc
        .actors
        .iter()
        .all(|a| a.country.is_some() || a.role.is_none())
    {
        return;
    }
    let Some(home) = home_country(doc) else {
        return;
    };
    let text = doc.text.as_str();
    let (sentences, places) = (&doc.sentences, &doc.places);
    // Mentions of actors whose country the text names: (start, country, role).
    let named: Vec<Named> = doc
        .actors
        .iter()
        .filter_map(|a| Some((a, a.country.as_deref()?)))
        .filter(|(_, c)| !STATELESS_ROLES.contains(c))
        .flat_map(|(a, c)| {
            a.mentions.iter().map(move |m| Named {
                at: m[0],
                country: c.to_string(),
                role: a.role.clone(),
            })
        })
        .collect();
    // Every stretch of text that names a country (places and actors), in text order.
    let mut named_countries: Vec<(u32, &str)> = places
        .iter()
        .filter_map(|p| Some((p.start, p.country.as_deref()?)))
        .chain(named.iter().map(|n| (n.at, n.country.as_str())))
        .collect();
    named_countries.sort_unstable();
    // Mentions that move to an actor of their own: (actor, country, mention spans).
    let mut split: Vec<(usize, String, Vec<[u32; 2]>)> = Vec::new();
    for (ai, a) in doc.actors.iter_mut().enumerate() {
        let Some(role) = a.role.as_deref() else {
            continue;
        };
        if a.country.is_some() || STATELESS_ROLES.contains(&role) {
            continue;
        }
        let alien = a.mentions.iter().any(|&[s, e]| {
            text.get(s as usize..e as usize).is_some_and(|m| {
                m.split(|c: char| !c.is_alphanumeric()).any(|w| {
                    let w = w.to_lowercase();
                    grammar.is("foreign", &w) && !(w == "foreign" && role == "GOV")
                })
            })
        });
        if alien {
            continue;
        }
        // "In neighbouring Kenya, police arrested …": an opening place phrase names the
        // country of the sentence's role-only actors. Mentions scoped to another country
        // than the rest become an actor of their own ("police" in Somalia and in Kenya).
        let local: Vec<Option<&str>> = a
            .mentions
            .iter()
            .map(|m| {
                possessor_country(sentences, &named, text, m[0])
                    .or_else(|| same_role_country(sentences, &named, text, role, m[0]))
                    .or_else(|| scope_country(sentences, places, text, m[0]))
                    .or_else(|| {
                        let nc = &named_countries;
                        paragraph_country(sentences, nc, &named, &home, text, role, m[0])
                    })
            })
            .collect();
        let country = match local[..] {
            [Some(c), ref rest @ ..] if rest.iter().all(|&l| l == Some(c)) => c,
            _ => home.as_str(),
        };
        let mut kept = Vec::with_capacity(a.mentions.len());
        for (m, l) in a.mentions.iter().zip(&local) {
            match l {
                Some(c) if *c != country => match split.iter_mut().find(|x| x.0 == ai && x.1 == *c)
                {
                    Some(x) => x.2.push(*m),
                    None => split.push((ai, c.to_string(), vec![*m])),
                },
                _ => kept.push(*m),
            }
        }
        a.mentions = kept;
        if country != UNKNOWN {
            a.code = petrel_actors::code_of(Some(country), Some(role));
            a.country = Some(country.to_string());
            a.country_inferred = true;
        }
    }
    for (ai, country, spans) in split {
        let new = doc.actors.len() as u32;
        let a = &doc.actors[ai];
        let role = a.role.clone();
        let country = Some(country).filter(|c| c != UNKNOWN);
        doc.actors.push(petrel_doc::Actor {
            name: a.name.clone(),
            code: petrel_actors::code_of(country.as_deref(), role.as_deref()),
            country_inferred: country.is_some(),
            country,
            role,
            mentions: spans.clone(),
        });
        for m in doc.mentions.iter_mut() {
            if m.actor == Some(ai as u32) && spans.iter().any(|s| s[0] == m.span.start) {
                m.actor = Some(new);
            }
        }
    }
}

/// Whether the mention at byte `at` is counted ("the two leaders", "both ministers"): it
/// stands for several actors, not for the last one of its role.
fn counted(text: &str, at: u32) -> bool {
    text.get(..at as usize)
        .and_then(|b| b.trim_end().rsplit(char::is_whitespace).next())
        .is_some_and(|w| ["two", "both", "three"].contains(&w.to_lowercase().as_str()))
}

/// What [`paragraph_country`] gives a mention whose paragraph names several other countries
/// and not its role: no country at all rather than a wrong one.
const UNKNOWN: &str = "";

/// The country a role-only mention at byte `at` with role `role` belongs to by its paragraph
/// (the sentences up to its own, back to a line break), when the paragraph does not name the
/// home country: that of the same role named earlier in the paragraph ("WASHINGTON — Iran's
/// foreign ministry condemned the vote. A spokesman said …"); else, when the paragraph names
/// several other countries, [`UNKNOWN`] ("China and Russia signed a deal. The two leaders …"
/// are not American, whatever the dateline). One other country alone changes nothing:
/// "Somali militants attacked a police post" names the attackers' country, not the police's.
fn paragraph_country<'a>(
    sentences: &[petrel_doc::Sentence],
    named_countries: &[(u32, &'a str)],
    named: &'a [Named],
    home: &str,
    text: &str,
    role: &str,
    at: u32,
) -> Option<&'a str> {
    let i = sentences.partition_point(|s| s.end <= at);
    let end = sentences.get(i)?.end;
    let start = sentences[petrel_doc::paragraph_start(sentences, text, i)].start;
    let from = named_countries.partition_point(|&(p, _)| p < start);
    let mut other: Option<&str> = None;
    let mut several = false;
    for &(p, c) in &named_countries[from..] {
        if p >= end {
            break;
        }
        if c == home {
            return None;
        }
        several |= other.is_some_and(|o| o != c);
        other = Some(c);
    }
    other?;
    let same_role = last_of_role(named, role, start, at).filter(|_| !counted(text, at));
    same_role.or(several.then_some(UNKNOWN))
}

/// The sentence holding byte `at` (sentences are in text order).
fn sentence_at(sentences: &[petrel_doc::Sentence], at: u32) -> Option<&petrel_doc::Sentence> {
    let i = sentences.partition_point(|s| s.end <= at);
    sentences.get(i).filter(|s| s.start <= at)
}

/// A mention of an actor whose country the text names.
struct Named {
    at: u32,
    country: String,
    role: Option<String>,
}

/// The country of "its"/"their" before the mention at byte `at`: that of the nearest actor
/// named with a country earlier in the sentence ("the Russian defence ministry said its
/// forces …" are Russian forces, whatever the article's home country).
fn possessor_country<'a>(
    sentences: &[petrel_doc::Sentence],
    named: &'a [Named],
    text: &str,
    at: u32,
) -> Option<&'a str> {
    let before = text.get(..at as usize)?.trim_end();
    let word = before.rsplit(char::is_whitespace).next()?;
    if !(word.eq_ignore_ascii_case("its") || word.eq_ignore_ascii_case("their")) {
        return None;
    }
    let s = sentence_at(sentences, at)?;
    named
        .iter()
        .filter(|n| n.at >= s.start && n.at < at)
        .max_by_key(|n| n.at)
        .map(|n| n.country.as_str())
}

/// The country of the nearest actor of the same role named with a country earlier in the
/// sentence: "Israeli troops raided the camp, the military said" is the Israeli military,
/// whatever the dateline. Only within the sentence: in the next one the same role is as
/// likely the other side's ("… Ukrainian officials said the army held").
fn same_role_country<'a>(
    sentences: &[petrel_doc::Sentence],
    named: &'a [Named],
    text: &str,
    role: &str,
    at: u32,
) -> Option<&'a str> {
    if counted(text, at) {
        return None;
    }
    let s = sentence_at(sentences, at)?;
    last_of_role(named, role, s.start, at)
}

/// The country of the last mention of `role` named with a country in `[from, at)`.
fn last_of_role<'a>(named: &'a [Named], role: &str, from: u32, at: u32) -> Option<&'a str> {
    named
        .iter()
        .filter(|n| n.at >= from && n.at < at && n.role.as_deref() == Some(role))
        .max_by_key(|n| n.at)
        .map(|n| n.country.as_str())
}

/// The country an opening "In …," phrase gives the sentence holding byte `at` ("In
/// neighbouring Kenya, …", "In Nairobi, …"), when its places name exactly one country, and
/// the sentences after it in the same paragraph ("In Sudan, the truce collapsed. At least 30
/// civilians were killed."). A line break ends a paragraph.
fn scope_country<'a>(
    sentences: &[petrel_doc::Sentence],
    places: &'a [petrel_doc::Place],
    text: &str,
    at: u32,
) -> Option<&'a str> {
    let i = sentences.partition_point(|s| s.end <= at);
    let i = i.min(sentences.len().checked_sub(1)?);
    let first = petrel_doc::paragraph_start(sentences, text, i);
    (first..=i)
        .rev()
        .find_map(|k| opener_country(&sentences[k], places, text))
        .flatten()
}

/// The country of sentence `s`'s opening "In …," phrase: `None` when it has none or the
/// phrase names no place, `Some(None)` when its places name no single country (it still
/// ends an earlier scope).
fn opener_country<'a>(
    s: &petrel_doc::Sentence,
    places: &'a [petrel_doc::Place],
    text: &str,
) -> Option<Option<&'a str>> {
    let body = text.get(s.start as usize..s.end as usize)?;
    if !body.starts_with("In ") {
        return None;
    }
    let comma = s.start + body.get(..80.min(body.len()))?.find(',')? as u32;
    let mut country = None;
    for p in places
        .iter()
        .filter(|p| p.start >= s.start && p.end <= comma)
    {
        let Some(c) = p.country.as_deref() else {
            return Some(None);
        };
        if country.is_some_and(|x| x != c) {
            return Some(None);
        }
        country = Some(c);
    }
    // "In a statement, …" names no place and leaves the scope open.
    country.map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_doc::{Actor, Meta, Place, Sentence};

    fn grammar() -> Grammar {
        petrel_actors::ActorLexicon::embedded().grammar
    }

    /// A document with the given text, two sentences, and actors named by their spans.
    fn doc(text: &str, actors: &[(&str, Option<&str>, Option<&str>)]) -> Document {
        doc_cut(text, (text.len() / 2) as u32, actors)
    }

    /// [`doc`] with the second sentence starting at byte `cut`, and the dateline the text
    /// component finds in `text`.
    fn doc_cut(text: &str, cut: u32, actors: &[(&str, Option<&str>, Option<&str>)]) -> Document {
        let mut d = Document::new(Meta::default(), text.to_string());
        let mut split = Document::new(Meta::default(), text.to_string());
        petrel_doc::Component::process(&petrel_text::TextComponent::default(), &mut split).unwrap();
        d.dateline = split.dateline;
        d.sentences.push(Sentence {
            tokens: 0..0,
            start: 0,
            end: cut,
        });
        d.sentences.push(Sentence {
            tokens: 0..0,
            start: cut,
            end: text.len() as u32,
        });
        for (phrase, country, role) in actors {
            let s = text.find(phrase).unwrap() as u32;
            d.actors.push(Actor {
                name: phrase.to_string(),
                country: country.map(str::to_string),
                role: role.map(str::to_string),
                code: petrel_actors::code_of(*country, *role),
                mentions: vec![[s, s + phrase.len() as u32]],
                country_inferred: false,
            });
        }
        d
    }

    fn place(d: &mut Document, name: &str, country: &str) {
        let start = d.text.find(name).unwrap() as u32;
        let sentence = (start >= d.sentences[1].start) as u32;
        d.places.push(Place {
            text: name.into(),
            start,
            end: start + name.len() as u32,
            name: name.into(),
            country: Some(country.into()),
            lat: 0.0,
            lon: 0.0,
            feature: "city".into(),
            sentence,
        });
    }

    #[test]
    fn an_opening_place_phrase_gives_its_sentence_the_country() {
        let text = "GAROWE, Somalia - Police said the port was shut. \
                    In neighbouring Kenya, police arrested 30 dockers.";
        let cut = text.find("In neighbouring").unwrap() as u32;
        let mut d = doc_cut(text, cut, &[]);
        let spans: Vec<[u32; 2]> = ["Police", "police"]
            .iter()
            .map(|w| {
                let s = text.find(w).unwrap() as u32;
                [s, s + w.len() as u32]
            })
            .collect();
        d.actors.push(Actor {
            name: "police".into(),
            role: Some("COP".into()),
            code: "COP".into(),
            mentions: spans.clone(),
            ..Default::default()
        });
        for s in &spans {
            d.mentions.push(petrel_doc::Mention {
                span: petrel_doc::Span::new(s[0], s[1]),
                tokens: (0, 0),
                head: 0,
                kind: petrel_doc::MentionKind::Role,
                actor: Some(0),
            });
        }
        place(&mut d, "GAROWE", "SOM");
        place(&mut d, "Kenya", "KEN");
        fill_home_country(&mut d, &grammar());
        // The police of the Kenyan sentence become an actor of their own.
        let codes: Vec<&str> = d.actors.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["SOMCOP", "KENCOP"]);
        assert_eq!(d.actors[1].mentions, [spans[1]]);
        let linked: Vec<Option<u32>> = d.mentions.iter().map(|m| m.actor).collect();
        assert_eq!(linked, [Some(0), Some(1)]);
    }

    #[test]
    fn a_role_takes_the_country_of_the_same_role_named_before_in_its_sentence() {
        let text = "AMMAN, Jordan - Talks stalled. \
                    Israeli troops raided a camp near Jenin overnight, the military said.";
        let cut = text.find("Israeli").unwrap() as u32;
        let mut d = doc_cut(
            text,
            cut,
            &[
                ("Israeli troops", Some("ISR"), Some("MIL")),
                ("the military", None, Some("MIL")),
            ],
        );
        place(&mut d, "AMMAN", "JOR");
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[1].code, "ISRMIL");
    }

    #[test]
    fn an_opening_place_phrase_scopes_over_its_paragraph() {
        let text = "LONDON, Britain - Markets were calm. In Sudan, the truce collapsed. \
                    Civilians fled the city.\nCivilians queued for fuel.";
        let cuts: Vec<u32> = ["In Sudan", "Civilians fled", "Civilians queued"]
            .iter()
            .map(|w| text.find(w).unwrap() as u32)
            .collect();
        let mut d = doc_cut(text, cuts[0], &[]);
        d.sentences.truncate(1);
        let mut start = cuts[0];
        for &next in cuts[1..].iter().chain([text.len() as u32].iter()) {
            let end = start + text[start as usize..next as usize].trim_end().len() as u32;
            d.sentences.push(Sentence {
                tokens: 0..0,
                start,
                end,
            });
            start = next;
        }
        for w in ["Civilians fled", "Civilians queued"] {
            let s = text.find(w).unwrap() as u32;
            d.actors.push(Actor {
                name: "civilians".into(),
                role: Some("CVL".into()),
                code: "CVL".into(),
                mentions: vec![[s, s + 9]],
                ..Default::default()
            });
        }
        place(&mut d, "LONDON", "GBR");
        place(&mut d, "Sudan", "SDN");
        fill_home_country(&mut d, &grammar());
        // The next sentence of the paragraph is in Sudan; after the line break, home again.
        let codes: Vec<&str> = d.actors.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["SDNCVL", "GBRCVL"]);
    }

    #[test]
    fn a_paragraph_about_other_countries_overrides_the_dateline() {
        let text = "WASHINGTON - Congress passed the budget.\n\
                    Iran's foreign ministry condemned the vote; a spokesman called it hostile.\n\
                    China and Russia signed a gas deal, and the two leaders toasted it.";
        let cuts: Vec<u32> = ["Iran's", "China and"]
            .iter()
            .map(|w| text.find(w).unwrap() as u32)
            .collect();
        let mut d = doc_cut(text, cuts[0], &[]);
        d.sentences[0].end = cuts[0] - 1;
        d.sentences[1].end = cuts[1] - 1;
        d.sentences.push(Sentence {
            tokens: 0..0,
            start: cuts[1],
            end: text.len() as u32,
        });
        for (phrase, country, role) in [
            ("Iran", Some("IRN"), None),
            ("foreign ministry", Some("IRN"), Some("GOV")),
            ("spokesman", None, Some("GOV")),
            ("China", Some("CHN"), None),
            // A capital-city subject reads as the government ("Moscow said").
            ("Russia", Some("RUS"), Some("GOV")),
            ("leaders", None, Some("GOV")),
        ] {
            let s = text.find(phrase).unwrap() as u32;
            d.actors.push(Actor {
                name: phrase.into(),
                country: country.map(str::to_string),
                role: role.map(str::to_string),
                code: petrel_actors::code_of(country, role),
                mentions: vec![[s, s + phrase.len() as u32]],
                country_inferred: false,
            });
        }
        place(&mut d, "WASHINGTON", "USA");
        fill_home_country(&mut d, &grammar());
        // One other country: its spokesman. Two: nobody's leaders rather than America's.
        assert_eq!(d.actors[2].code, "IRNGOV");
        assert_eq!(d.actors[5].code, "GOV");
        assert_eq!(d.actors[5].country, None);
    }

    #[test]
    fn one_other_country_of_another_role_leaves_the_dateline() {
        let text = "NAIROBI, Kenya - Rain fell.\nSomali militants attacked a police post.";
        let cut = text.find("Somali").unwrap() as u32;
        let mut d = doc_cut(
            text,
            cut,
            &[
                ("Somali militants", Some("SOM"), Some("INS")),
                ("police", None, Some("COP")),
            ],
        );
        d.sentences[0].end = cut - 1;
        place(&mut d, "NAIROBI", "KEN");
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[1].code, "KENCOP");
    }

    #[test]
    fn its_forces_are_those_of_the_actor_named_before() {
        let text =
            "ODESA, Ukraine - Heavy shelling hit the port and the grain terminal overnight. \
                    The Russian army said its troops had taken the hill.";
        let mut d = doc(
            text,
            &[
                ("Russian army", Some("RUS"), Some("MIL")),
                ("troops", None, Some("MIL")),
            ],
        );
        place(&mut d, "ODESA", "UKR");
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[1].code, "RUSMIL");
    }

    #[test]
    fn dateline_country_goes_to_role_only_actors() {
        let text = "TARAZ, Kazakhstan - Riot police detained dozens of striking miners. \
                    Foreign journalists and the foreign ministry were told to stay away.";
        let mut d = doc(
            text,
            &[
                ("Riot police", None, Some("COP")),
                ("striking miners", None, Some("LAB")),
                ("Foreign journalists", None, Some("MED")),
                ("foreign ministry", None, Some("GOV")),
            ],
        );
        place(&mut d, "TARAZ", "KAZ");
        fill_home_country(&mut d, &grammar());
        let codes: Vec<&str> = d.actors.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["KAZCOP", "KAZLAB", "MED", "KAZGOV"]);
        let inferred: Vec<bool> = d.actors.iter().map(|a| a.country_inferred).collect();
        assert_eq!(inferred, [true, true, false, true]);
    }

    #[test]
    fn the_dateline_is_the_text_components() {
        // Any case, closed by a dash after a comma: the first place inside it.
        let text = "Tbilisi, Georgia - Police detained 30 farmers. The farmers were freed.";
        let mut d = doc(text, &[("Police", None, Some("COP"))]);
        place(&mut d, "Tbilisi", "GEO");
        assert_eq!(dateline(&d).map(|p| p.name.as_str()), Some("Tbilisi"));
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[0].code, "GEOCOP");

        // An opening place before a comma, with no dash, is the story's subject.
        let text = "Moscow, Beijing sign a gas deal. Police guarded the venue in the capital.";
        let mut d = doc(text, &[("Police", None, Some("COP"))]);
        place(&mut d, "Moscow", "RUS");
        place(&mut d, "Beijing", "CHN");
        assert_eq!(d.dateline, None);
        assert_eq!(home_country(&d), None);
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[0].code, "COP");
    }

    #[test]
    fn an_international_body_gives_no_home_country() {
        let text = "The United Nations urged the militias to free the hostages. \
                    Aid workers waited at the crossing.";
        let mut d = doc(
            text,
            &[
                ("United Nations", Some("IGO"), Some("UNO")),
                ("militias", None, Some("REB")),
            ],
        );
        assert_eq!(home_country(&d), None);
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[1].code, "REB");
    }

    #[test]
    fn without_a_dateline_the_only_or_a_clearly_dominant_country_counts() {
        let text = "Ministers from Chile met in Santiago on Monday; the army of Chile \
                    stayed in barracks, and Peru sent an envoy while the police watched.";
        let mut d = doc(
            text,
            &[
                ("Chile", Some("CHL"), None),
                ("Peru", Some("PER"), None),
                ("the police", None, Some("COP")),
            ],
        );
        let second = text.rfind("Chile").unwrap() as u32;
        d.actors[0].mentions.push([second, second + 5]);
        place(&mut d, "Santiago", "CHL");
        // Santiago is not a dateline (not near the start), so the count decides: CHL 3, PER 1.
        assert_eq!(home_country(&d).as_deref(), Some("CHL"));
        fill_home_country(&mut d, &grammar());
        assert_eq!(d.actors[2].code, "CHLCOP");

        // The only country named is the home country, even named once.
        let mut lone = doc(
            "Peru sent an envoy. The police watched the border closely.",
            &[
                ("Peru", Some("PER"), None),
                ("The police", None, Some("COP")),
            ],
        );
        fill_home_country(&mut lone, &grammar());
        assert_eq!(lone.actors[1].code, "PERCOP");

        // A name that is both a place and an actor counts once: one each, no home.
        let mut tie = doc(
            "Guards fired into the air in Osh today. Russia offered aid to the new government.",
            &[("Russia", Some("RUS"), None), ("Guards", None, Some("COP"))],
        );
        place(&mut tie, "Osh", "KGZ");
        place(&mut tie, "Russia", "RUS");
        assert_eq!(home_country(&tie), None);
    }
}
