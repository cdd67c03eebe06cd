//! Shapes of wire news over hand-built parses of invented sentences: an event noun whose
//! verb says only that it struck ("Russian drones struck …", "an air strike hit …"), aid that
//! is announced or pledged (an intent, 033x) rather than sent, and denials, which are
//! statements (016) and not the acts denied.

use petrel_doc::{Document, Event};

mod common;
use common::{code, find, placed as parsed};

fn codes(doc: &Document) -> Vec<(String, String)> {
    doc.events
        .iter()
        .map(|e: &Event| (e.verb.clone(), e.cameo.clone()))
        .collect()
}

#[test]
fn an_event_noun_subject_strikes_the_verbs_object() {
    // The place the object is near names the country struck.
    let doc = parsed(&[
        "Russian ADJ JJ Russian 2 amod",
        "drones NOUN NNS drone 3 nsubj",
        "struck VERB VBD strike 0 root",
        "a DET DT a 5 det",
        "substation NOUN NN substation 3 obj",
        "near ADP IN near 7 case",
        "Odesa PROPN NNP Odesa 5 nmod",
        "overnight ADV RB overnight 3 advmod",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "drones");
    assert_eq!(e.cameo, "195");
    assert_eq!(code(&e.source), "RUS");
    assert_eq!(code(&e.target), "UKR", "{:?}", codes(&doc));
}

#[test]
fn a_generic_verb_of_an_air_strike_is_no_second_attack() {
    let doc = parsed(&[
        "A DET DT a 4 det",
        "Turkish ADJ JJ Turkish 4 amod",
        "air NOUN NN air 4 compound",
        "strike NOUN NN strike 5 nsubj",
        "hit VERB VBD hit 0 root",
        "a DET DT a 7 det",
        "village NOUN NN village 5 obj",
        "in ADP IN in 10 case",
        "northern ADJ JJ northern 10 amod",
        "Iraq PROPN NNP Iraq 7 nmod",
        ". PUNCT . . 5 punct",
    ]);
    let e = find(&doc, "air strike");
    assert_eq!(e.cameo, "195");
    assert_eq!(
        (code(&e.source), code(&e.target)),
        ("TUR".into(), "IRQ".into())
    );
    assert!(
        doc.events.iter().all(|e| e.verb != "hit"),
        "{:?}",
        codes(&doc)
    );
}

#[test]
fn announced_emergency_aid_is_an_intent_to_give_humanitarian_aid() {
    let doc = parsed(&[
        "Australia PROPN NNP Australia 2 nsubj",
        "announced VERB VBD announce 0 root",
        "$ SYM $ $ 2 obj",
        "15 NUM CD 15 5 compound",
        "million NUM CD million 3 nummod",
        "in ADP IN in 8 case",
        "emergency NOUN NN emergency 8 compound",
        "aid NOUN NN aid 3 nmod",
        "for ADP IN for 10 case",
        "Myanmar PROPN NNP Myanmar 8 nmod",
        ". PUNCT . . 2 punct",
    ]);
    assert_eq!(doc.events.len(), 1, "{:?}", codes(&doc));
    let e = find(&doc, "announced");
    assert_eq!(e.cameo, "0333");
    assert_eq!(e.plover.kind, "AGREE");
    assert_eq!(
        (code(&e.source), code(&e.target)),
        ("AUS".into(), "MMR".into())
    );
}

#[test]
fn the_kind_of_pledged_aid_beats_its_amount() {
    let doc = parsed(&[
        "Canada PROPN NNP Canada 2 nsubj",
        "pledged VERB VBD pledge 0 root",
        "30 NUM CD 30 4 compound",
        "million NUM CD million 5 nummod",
        "dollars NOUN NNS dollar 2 obj",
        "in ADP IN in 8 case",
        "humanitarian ADJ JJ humanitarian 8 amod",
        "assistance NOUN NN assistance 5 nmod",
        "to ADP IN to 10 case",
        "Haiti PROPN NNP Haiti 2 obl",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "pledged");
    assert_eq!(e.cameo, "0333");
    assert_eq!(code(&e.target), "HTI");
}

#[test]
fn aid_in_an_announced_clause_is_not_announced_aid() {
    // "announced it would halt aid": the halt is what was announced.
    let doc = parsed(&[
        "Norway PROPN NNP Norway 2 nsubj",
        "announced VERB VBD announce 0 root",
        "it PRON PRP it 5 nsubj",
        "would AUX MD would 5 aux",
        "halt VERB VB halt 2 ccomp",
        "aid NOUN NN aid 5 obj",
        "to ADP IN to 8 case",
        "Mali PROPN NNP Mali 5 obl",
        ". PUNCT . . 2 punct",
    ]);
    assert!(
        doc.events.iter().all(|e| !e.cameo.starts_with("033")),
        "{:?}",
        codes(&doc)
    );
    assert!(doc.events.iter().any(|e| e.verb == "halt"));
}

#[test]
fn an_announced_freeze_of_aid_cuts_aid() {
    let doc = parsed(&[
        "Sweden PROPN NNP Sweden 2 nsubj",
        "announced VERB VBD announce 0 root",
        "a DET DT a 4 det",
        "freeze NOUN NN freeze 2 obj",
        "of ADP IN of 6 case",
        "aid NOUN NN aid 4 nmod",
        "to ADP IN to 8 case",
        "Burundi PROPN NNP Burundi 6 nmod",
        ". PUNCT . . 2 punct",
    ]);
    assert_eq!(doc.events.len(), 1, "{:?}", codes(&doc));
    assert_eq!(doc.events[0].cameo, "162");
    assert_eq!(code(&doc.events[0].target), "BDI");
}

#[test]
fn a_denied_shelling_is_a_denial_not_an_attack() {
    let doc = parsed(&[
        "The DET DT the 2 det",
        "rebels NOUN NNS rebel 3 nsubj",
        "denied VERB VBD deny 0 root",
        "shelling VERB VBG shell 3 xcomp",
        "the DET DT the 6 det",
        "camp NOUN NN camp 4 obj",
        "and CCONJ CC and 8 cc",
        "killing VERB VBG kill 4 conj",
        "civilians NOUN NNS civilian 8 obj",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "denied");
    assert_eq!(e.cameo, "016");
    assert_eq!(e.quad_class, 1);
    assert_eq!(code(&e.source), "REB");
    assert!(
        doc.events.iter().all(|e| e.cameo.starts_with("01")),
        "{:?}",
        codes(&doc)
    );
}

/// The act two complements down is denied too: "denied ordering the guards to open fire".
#[test]
fn an_act_ordered_in_a_denial_is_denied_too() {
    let doc = parsed(&[
        "The DET DT the 2 det",
        "governor NOUN NN governor 3 nsubj",
        "denied VERB VBD deny 0 root",
        "ordering VERB VBG order 3 xcomp",
        "the DET DT the 6 det",
        "guards NOUN NNS guard 4 obj",
        "to PART TO to 8 mark",
        "open VERB VB open 4 advcl",
        "fire NOUN NN fire 8 obj",
        "on ADP IN on 11 case",
        "marchers NOUN NNS marcher 8 obl",
        ". PUNCT . . 3 punct",
    ]);
    assert_eq!(find(&doc, "denied").cameo, "016");
    assert!(
        doc.events.iter().all(|e| e.cameo.starts_with("01")),
        "{:?}",
        codes(&doc)
    );
}

#[test]
fn rejected_claims_of_a_beating_are_about_the_people_beaten() {
    let doc = parsed(&[
        "Police NOUN NNS police 2 nsubj",
        "rejected VERB VBD reject 0 root",
        "claims NOUN NNS claim 2 obj",
        "that SCONJ IN that 6 mark",
        "officers NOUN NNS officer 6 nsubj",
        "beat VERB VBD beat 3 acl",
        "the DET DT the 8 det",
        "protesters NOUN NNS protester 6 obj",
        ". PUNCT . . 2 punct",
    ]);
    assert_eq!(doc.events.len(), 1, "{:?}", codes(&doc));
    let e = find(&doc, "rejected");
    assert_eq!(e.cameo, "016");
    assert_eq!(code(&e.source), "COP");
    assert_eq!(code(&e.target), "CVL");
}

/// The code of the actor whose name contains `name`.
fn actor_code(doc: &Document, name: &str) -> String {
    doc.actors
        .iter()
        .find(|a| a.name.contains(name))
        .map(|a| a.code.clone())
        .unwrap_or_else(|| panic!("no actor {name}: {:?}", doc.actors))
}

#[test]
fn georgia_is_the_country_or_the_us_state_as_the_article_places_it() {
    let atlanta = parsed(&[
        "Georgia PROPN NNP Georgia 3 nmod:poss",
        "'s PART POS 's 1 case",
        "governor NOUN NN governor 4 nsubj",
        "signed VERB VBD sign 0 root",
        "the DET DT the 6 det",
        "bill NOUN NN bill 4 obj",
        "in ADP IN in 8 case",
        "Atlanta PROPN NNP Atlanta 4 obl",
        ". PUNCT . . 4 punct",
    ]);
    assert_eq!(actor_code(&atlanta, "governor"), "USAGOV");
    let tbilisi = parsed(&[
        "Georgia PROPN NNP Georgia 3 nmod:poss",
        "'s PART POS 's 1 case",
        "government NOUN NN government 4 nsubj",
        "condemned VERB VBD condemn 0 root",
        "the DET DT the 6 det",
        "raid NOUN NN raid 4 obj",
        "in ADP IN in 8 case",
        "Tbilisi PROPN NNP Tbilisi 4 obl",
        ". PUNCT . . 4 punct",
    ]);
    assert_eq!(actor_code(&tbilisi, "government"), "GEOGOV");
}

#[test]
fn a_dateline_capital_is_no_source() {
    // "TBILISI, Nov 19 - Georgia's government accused Russia …": the parser makes the
    // dateline the subject and the government its apposition.
    let mut doc = common::build(&[
        &[
            "TBILISI PROPN NNP TBILISI 10 nsubj",
            ", PUNCT , , 4 punct",
            "Nov PROPN NNP November 4 nmod:unmarked",
            "19 NUM CD 19 1 appos",
            "- PUNCT , - 8 punct",
            "Georgia PROPN NNP Georgia 8 nmod:poss",
            "'s PART POS 's 6 case",
            "government NOUN NN government 1 appos",
            "formally ADV RB formally 10 advmod",
            "accused VERB VBD accuse 0 root",
            "Russia PROPN NNP Russia 10 obj",
            ". PUNCT . . 10 punct",
        ],
        &[
            "Officials NOUN NNS official 2 nsubj",
            "said VERB VBD say 0 root",
            "talks NOUN NNS talk 5 nsubj",
            "would AUX MD would 5 aux",
            "continue VERB VB continue 2 ccomp",
            ". PUNCT . . 2 punct",
        ],
    ]);
    common::run_components(&mut doc);
    let e = find(&doc, "accused");
    let src = e.source.as_ref().expect("a source");
    assert_eq!(src.text, "Georgia 's government");
    assert_eq!(src.code, "GEOGOV");
    assert_eq!(code(&e.target), "RUS");
}

#[test]
fn a_denial_is_not_aimed_at_the_deniers_own_forces() {
    let doc = parsed(&[
        "Israel PROPN NNP Israel 2 nsubj",
        "denied VERB VBD deny 0 root",
        "that SCONJ IN that 7 mark",
        "its PRON PRP$ its 5 nmod:poss",
        "jets NOUN NNS jet 7 nsubj",
        "had AUX VBD have 7 aux",
        "bombed VERB VBN bomb 2 ccomp",
        "the DET DT the 9 det",
        "convoy NOUN NN convoy 7 obj",
        ". PUNCT . . 2 punct",
    ]);
    assert_eq!(doc.events.len(), 1, "{:?}", codes(&doc));
    let e = find(&doc, "denied");
    assert_eq!((e.cameo.as_str(), code(&e.source)), ("016", "ISR".into()));
    assert!(!code(&e.target).starts_with("ISR"), "{:?}", e.target);
}

#[test]
fn allocated_aid_is_given_to_whom_its_purpose_names() {
    let doc = parsed(&[
        "The DET DT the 2 det",
        "EU PROPN NNP EU 3 nsubj",
        "allocated VERB VBD allocate 0 root",
        "30 NUM CD 30 5 compound",
        "million NUM CD million 6 nummod",
        "euros NOUN NNS euro 3 obj",
        "in ADP IN in 9 case",
        "humanitarian ADJ JJ humanitarian 9 amod",
        "aid NOUN NN aid 6 nmod",
        "to PART TO to 11 mark",
        "feed VERB VB feed 3 advcl",
        "refugees NOUN NNS refugee 11 obj",
        "in ADP IN in 14 case",
        "Chad PROPN NNP Chad 12 nmod",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "allocated");
    assert_eq!(e.cameo, "073");
    assert!(code(&e.target).starts_with("TCD"), "{:?}", e.target);
}
