//! Coreference of people and groups on invented news text, run through petrel's tokenizer,
//! tagger and parser (the parse is what marks bare names as people).

use petrel_doc::Document;

mod common;
use common::run;

/// The actor of the first mention whose text is exactly `text`.
fn actor(doc: &Document, text: &str) -> Option<u32> {
    doc.mentions
        .iter()
        .find(|m| doc.span_text(m.span) == text)
        .and_then(|m| m.actor)
}

fn show(doc: &Document) -> Vec<(String, Option<u32>)> {
    doc.mentions
        .iter()
        .map(|m| (doc.span_text(m.span).to_string(), m.actor))
        .collect()
}

#[test]
fn she_skips_a_man_mentioned_last() {
    let doc = run(
        "Mrs Amara Kelloway met Mr Tomas Brenner in the capital on Monday. \
         She said the talks had gone well.",
    );
    let she = actor(&doc, "She");
    assert!(she.is_some(), "{:?}", show(&doc));
    assert_eq!(she, actor(&doc, "Mrs Amara Kelloway"), "{:?}", show(&doc));
    assert_ne!(she, actor(&doc, "Mr Tomas Brenner"));
}

#[test]
fn bare_names_that_recur_are_people() {
    let doc = run("Amara Kelloway arrived in the capital on Monday. \
         Kelloway told reporters that the talks would resume.");
    let full = actor(&doc, "Amara Kelloway");
    assert!(full.is_some(), "{:?}", show(&doc));
    assert_eq!(full, actor(&doc, "Kelloway"), "{:?}", show(&doc));
    // A day of the week is never a person, even as the parser's subject.
    assert!(actor(&doc, "Monday").is_none());
    // A single name after a determiner is not a person either.
    let doc = run("The North said the talks had failed. The North rejected the offer.");
    assert!(actor(&doc, "North").is_none(), "{:?}", show(&doc));
    // A single name that is the subject of a speech verb is.
    let doc = run("Kelloway said the talks had failed. Officials agreed with Kelloway.");
    assert!(actor(&doc, "Kelloway").is_some(), "{:?}", show(&doc));
    // So is a name after a title the parse hangs on it (`nmod:desc`).
    let doc = run("General Tomas Ferreira urged Chile to adopt a new security policy.");
    assert!(
        doc.mentions
            .iter()
            .any(|m| m.actor.is_some() && doc.span_text(m.span).contains("Tomas Ferreira")),
        "{:?}",
        show(&doc)
    );
}

#[test]
fn a_person_inside_an_of_phrase_is_a_mention_of_its_own() {
    let doc = run(
        "Critics of President Tomas Brenner marched through the city on Friday. \
         Brenner did not comment.",
    );
    let inner = actor(&doc, "President Tomas Brenner");
    assert!(inner.is_some(), "{:?}", show(&doc));
    assert_eq!(inner, actor(&doc, "Brenner"), "{:?}", show(&doc));
    // The outer phrase keeps its own (group) actor.
    let outer = doc
        .mentions
        .iter()
        .find(|m| doc.span_text(m.span).starts_with("Critics of"))
        .and_then(|m| m.actor);
    assert_ne!(outer, inner);
}

#[test]
fn apposition_and_country_title_refer_to_the_named_holder() {
    let doc = run(
        "Lena Sorvik, Norway's prime minister, arrived in Bishkek on Monday. \
         Norway's prime minister said the visit was useful.",
    );
    let a = actor(&doc, "Lena Sorvik, Norway's prime minister");
    assert!(a.is_some(), "{:?}", show(&doc));
    assert_eq!(
        a,
        actor(&doc, "Norway's prime minister"),
        "{:?}",
        show(&doc)
    );
}

#[test]
fn groups_with_other_words_are_other_actors() {
    let doc = run("Indonesian navy ships rescued the crew on Monday. \
         The Indonesian military said the Indonesian Navy had acted quickly.");
    let navy = actor(&doc, "Indonesian Navy");
    let military = actor(&doc, "Indonesian military");
    assert!(navy.is_some() && military.is_some(), "{:?}", show(&doc));
    assert_ne!(navy, military, "{:?}", show(&doc));
    // A bare head noun refers to the latest group of that code with that head.
    let doc = run(
        "The navy rescued the crew. The military praised the sailors, and the \
         navy thanked the fishermen.",
    );
    let first = actor(&doc, "navy");
    assert!(first.is_some(), "{:?}", show(&doc));
    let navies: Vec<_> = doc
        .mentions
        .iter()
        .filter(|m| doc.span_text(m.span) == "navy")
        .map(|m| m.actor)
        .collect();
    assert_eq!(navies.len(), 2, "{:?}", show(&doc));
    assert_eq!(navies[0], navies[1]);
    assert_ne!(actor(&doc, "military"), first);
}

#[test]
fn they_refers_to_the_latest_plural_group() {
    let doc = run("Rebels seized the town on Monday. They freed the hostages a day later.");
    let they = actor(&doc, "They");
    assert!(they.is_some(), "{:?}", show(&doc));
    assert_eq!(they, actor(&doc, "Rebels"));
    // Without a group nearby, "they" stays unresolved.
    let doc = run("The weather was cold. They stayed inside.");
    assert!(actor(&doc, "They").is_none(), "{:?}", show(&doc));
}

#[test]
fn them_is_not_the_subject_of_its_own_clause() {
    let doc = run(
        "About 3,000 demonstrators marched through the capital on Friday to oppose the fuel tax, \
         and police arrested 60 of them.",
    );
    let them = actor(&doc, "them");
    assert!(them.is_some(), "{:?}", show(&doc));
    assert_ne!(them, actor(&doc, "police"), "{:?}", show(&doc));
    assert_eq!(them, actor(&doc, "demonstrators"), "{:?}", show(&doc));
}

/// A day or month before a comma is no name ("on Tuesday, officials said"), but a month that
/// ends a person's name still is.
#[test]
fn days_and_months_are_not_names_unless_they_end_one() {
    let doc = run("Soldiers detained two journalists on Tuesday, officials said.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("Tuesday")), "{names:?}");
    let officials = actor(&doc, "officials").expect("officials are an actor");
    assert_eq!(doc.actors[officials as usize].role.as_deref(), Some("GOV"));

    let doc = run("Senator Julia May visited the border post in April.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(names.contains(&"Julia May"), "{names:?}");

    // A capitalised sentence opener does not make a month the end of a name.
    let doc = run("In March, a rebel commander attacked the village.");
    let names: Vec<&str> = doc.actors.iter().map(|a| a.name.as_str()).collect();
    assert!(!names.iter().any(|n| n.contains("March")), "{names:?}");
}

#[test]
fn a_pronoun_takes_up_an_unnamed_official() {
    let doc = run(
        "The interior minister ordered the border crossings closed on Friday. \
         She said they would reopen once the storm had passed.",
    );
    let she = actor(&doc, "She");
    assert!(she.is_some(), "{:?}", show(&doc));
    assert_eq!(she, actor(&doc, "interior minister"), "{:?}", show(&doc));
}

/// A named person from an earlier sentence does not take "he" from an official who is the
/// subject of the sentence the pronoun is in.
#[test]
fn a_pronoun_after_an_official_subject_is_the_official() {
    let doc = run(
        "Mr Tomas Brenner told reporters the army would stay in its barracks. \
         The defence minister said there was no plan to deploy soldiers, and he added that \
         talks would resume.",
    );
    let he = actor(&doc, "he");
    assert!(he.is_some(), "{:?}", show(&doc));
    assert_eq!(he, actor(&doc, "defence minister"), "{:?}", show(&doc));
    // An official as an object leaves the pronoun to the person named before.
    let doc = run("Mr Tomas Brenner met the defence minister on Monday. \
         He said the army would stay in its barracks.");
    assert_eq!(
        actor(&doc, "He"),
        actor(&doc, "Mr Tomas Brenner"),
        "{:?}",
        show(&doc)
    );
}

#[test]
fn a_role_before_a_verb_is_no_apposition() {
    let doc = run("Rebels seized the hill town of Marrakand, the army said on Monday.");
    let merged = doc
        .actors
        .iter()
        .any(|a| a.name.contains("Marrakand") && a.role.as_deref() == Some("MIL"));
    assert!(!merged, "{:?}", doc.actors);
    // A true apposition still names the person's office.
    let doc = run("Tomas Brenner, the defence minister, resigned on Friday.");
    let brenner = doc
        .actors
        .iter()
        .find(|a| a.name.contains("Brenner"))
        .expect("Brenner");
    assert_eq!(brenner.role.as_deref(), Some("GOV"), "{:?}", doc.actors);
}
