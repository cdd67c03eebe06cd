//! Targets, sources and locations over hand-built parses of invented sentences, with the
//! places component run as in the pipeline: the means of an attack is no target, a place
//! stands in for a missing target, a clause keeps its own subject, and "to" + place after a
//! verb that moves nothing is a recipient, not the event's location.

mod common;
use common::{code, find, placed as parsed};

#[test]
fn air_strikes_the_pattern_matched_are_no_target() {
    let doc = parsed(&[
        "Israeli ADJ JJ Israeli 2 amod",
        "jets NOUN NNS jet 3 nsubj",
        "carried VERB VBD carry 0 root",
        "out ADP RP out 3 compound:prt",
        "air NOUN NN air 6 compound",
        "strikes NOUN NNS strike 3 obj",
        "on ADP IN on 8 case",
        "militants NOUN NNS militant 6 nmod",
        "overnight ADV RB overnight 3 advmod",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "carried");
    assert_eq!(e.cameo, "195");
    assert_eq!(code(&e.source), "ISRMIL");
    let t = e.target.as_ref().expect("a target");
    assert_eq!(
        (t.text.as_str(), t.role.as_deref()),
        ("militants", Some("INS"))
    );
}

#[test]
fn arms_in_a_with_phrase_are_the_means_not_the_target() {
    let doc = parsed(&[
        "Government NOUN NN government 2 compound",
        "forces NOUN NNS force 3 nsubj",
        "pounded VERB VBD pound 0 root",
        "rebel NOUN NN rebel 5 compound",
        "positions NOUN NNS position 3 obj",
        "with ADP IN with 7 case",
        "artillery NOUN NN artillery 3 obl",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "pounded");
    assert_eq!(code(&e.target), "REB");
    // Workers' strikes are no arms: "began a hunger strike" is still coded, with no target.
    let doc = parsed(&[
        "Farmers NOUN NNS farmer 2 nsubj",
        "began VERB VBD begin 0 root",
        "a DET DT a 5 det",
        "hunger NOUN NN hunger 5 compound",
        "strike NOUN NN strike 2 obj",
        "outside ADP IN outside 7 case",
        "parliament NOUN NN parliament 2 obl",
        ". PUNCT . . 2 punct",
    ]);
    assert!(doc.events.iter().all(|e| code(&e.target) != "MIL"));
}

#[test]
fn a_place_stands_in_for_a_missing_target() {
    let doc = parsed(&[
        "The DET DT the 3 det",
        "Kenyan ADJ JJ Kenyan 3 amod",
        "president NOUN NN president 4 nsubj",
        "arrived VERB VBD arrive 0 root",
        "in ADP IN in 6 case",
        "Amman PROPN NNP Amman 4 obl",
        "on ADP IN on 8 case",
        "Wednesday PROPN NNP Wednesday 4 obl",
        ". PUNCT . . 4 punct",
    ]);
    let e = find(&doc, "arrived");
    assert_eq!(code(&e.source), "KENGOV");
    assert_eq!(
        e.target.as_ref().and_then(|t| t.country.as_deref()),
        Some("JOR")
    );
    // A statement made somewhere is about no place.
    let doc = parsed(&[
        "The DET DT the 2 det",
        "minister NOUN NN minister 3 nsubj",
        "said VERB VBD say 0 root",
        "in ADP IN in 5 case",
        "Amman PROPN NNP Amman 3 obl",
        "that SCONJ IN that 9 mark",
        "talks NOUN NNS talk 9 nsubj",
        "would AUX MD will 9 aux",
        "resume VERB VB resume 3 ccomp",
        ". PUNCT . . 3 punct",
    ]);
    assert!(doc
        .events
        .iter()
        .filter(|e| e.cameo.starts_with("01"))
        .all(|e| e.target.is_none()));
}

#[test]
fn a_clause_keeps_its_own_subject_even_when_misparsed_as_an_oblique() {
    // The parse hangs "the gang" on "kidnapped" as an oblique after "after".
    let doc = parsed(&[
        "Troops NOUN NNS troop 2 nsubj",
        "freed VERB VBD free 0 root",
        "40 NUM CD 40 4 nummod",
        "hostages NOUN NNS hostage 2 obj",
        "days NOUN NNS day 9 obl:npmod",
        "after ADP IN after 8 case",
        "the DET DT the 8 det",
        "gang NOUN NN gang 9 obl",
        "kidnapped VERB VBD kidnap 2 conj",
        "them PRON PRP they 9 obj",
        ". PUNCT . . 2 punct",
    ]);
    assert_eq!(code(&find(&doc, "freed").source), "MIL");
    let e = find(&doc, "kidnapped");
    assert_eq!(code(&e.source), "CRM");
}

#[test]
fn to_a_country_is_a_recipient_unless_something_moves_there() {
    let doc = parsed(&[
        "Japan PROPN NNP Japan 2 nsubj",
        "apologised VERB VBD apologise 0 root",
        "to ADP IN to 5 case",
        "South PROPN NNP South 5 compound",
        "Korea PROPN NNP Korea 2 obl",
        "for ADP IN for 8 case",
        "the DET DT the 8 det",
        "remarks NOUN NNS remark 2 obl",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "apologised");
    assert_eq!(code(&e.target), "KOR");
    assert!(e.location.is_none(), "location {:?}", e.location);
    let doc = parsed(&[
        "Poland PROPN NNP Poland 2 nsubj",
        "deployed VERB VBD deploy 0 root",
        "troops NOUN NNS troop 2 obj",
        "to ADP IN to 5 case",
        "Lithuania PROPN NNP Lithuania 2 obl",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "deployed");
    assert_eq!(code(&e.target), "LTU");
    assert_eq!(
        e.location.as_ref().and_then(|l| l.country.as_deref()),
        Some("LTU")
    );
}

#[test]
fn a_role_word_as_adjective_names_no_actor_except_for_the_roles_own_sites() {
    let doc = parsed(&[
        "The DET DT the 2 det",
        "US PROPN NNP US 3 nsubj",
        "reduced VERB VBD reduce 0 root",
        "military ADJ JJ military 5 amod",
        "aid NOUN NN aid 3 obj",
        "to ADP IN to 8 case",
        "European ADJ JJ European 8 amod",
        "allies NOUN NNS ally 5 nmod",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "reduced");
    assert_eq!(code(&e.source), "USA");
    assert!(
        e.target.as_ref().is_none_or(|t| t.text != "military"),
        "target {:?}",
        e.target
    );
    let doc = parsed(&[
        "Rebels NOUN NNS rebel 2 nsubj",
        "attacked VERB VBD attack 0 root",
        "a DET DT a 5 det",
        "military ADJ JJ military 5 amod",
        "base NOUN NN base 2 obj",
        "overnight ADV RB overnight 2 advmod",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "attacked");
    assert_eq!(
        e.target.as_ref().and_then(|t| t.role.as_deref()),
        Some("MIL")
    );
}

#[test]
fn withdrawn_forces_behind_a_quantity_are_the_means_and_a_day_is_no_target() {
    let doc = parsed(&[
        "Russia PROPN NNP Russia 2 nsubj",
        "began VERB VBD begin 0 root",
        "withdrawing VERB VBG withdraw 2 xcomp",
        "some DET DT some 3 obj",
        "of ADP IN of 7 case",
        "its PRON PRP$ its 7 nmod:poss",
        "troops NOUN NNS troop 4 nmod",
        "from ADP IN from 9 case",
        "Syria PROPN NNP Syria 3 obl",
        "on ADP IN on 11 case",
        "Monday PROPN NNP Monday 3 obl",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "withdrawing");
    assert_eq!(code(&e.source), "RUS");
    assert_eq!(code(&e.target), "SYR");
}

#[test]
fn an_event_noun_with_an_object_but_no_agent_takes_the_clause_subject() {
    let doc = parsed(&[
        "Police NOUN NNS police 2 nsubj",
        "completed VERB VBD complete 0 root",
        "the DET DT the 4 det",
        "arrest NOUN NN arrest 2 obj",
        "of ADP IN of 8 case",
        "two NUM CD two 8 nummod",
        "opposition NOUN NN opposition 8 compound",
        "activists NOUN NNS activist 4 nmod",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "arrest");
    assert_eq!(code(&e.source), "COP");
    assert!(e
        .target
        .as_ref()
        .is_some_and(|t| t.text.ends_with("activists")));
}

#[test]
fn a_control_verb_takes_the_place_its_complement_acts_in() {
    let doc = parsed(&[
        "The DET DT the 2 det",
        "president NOUN NN president 3 nsubj",
        "threatened VERB VBD threaten 0 root",
        "to PART TO to 5 mark",
        "institute VERB VB institute 3 xcomp",
        "a DET DT a 7 det",
        "curfew NOUN NN curfew 5 obj",
        "in ADP IN in 9 case",
        "Algiers PROPN NNP Algiers 5 obl",
        ". PUNCT . . 3 punct",
    ]);
    let e = find(&doc, "threatened");
    assert_eq!(
        e.target.as_ref().and_then(|t| t.country.as_deref()),
        Some("DZA")
    );
}

#[test]
fn forces_withdrawn_in_an_event_noun_are_the_means() {
    let doc = parsed(&[
        "Canada PROPN NNP Canada 2 nsubj",
        "completed VERB VBD complete 0 root",
        "the DET DT the 4 det",
        "withdrawal NOUN NN withdrawal 2 obj",
        "of ADP IN of 7 case",
        "its PRON PRP$ its 7 nmod:poss",
        "troops NOUN NNS troop 4 nmod",
        "from ADP IN from 9 case",
        "Mali PROPN NNP Mali 4 nmod",
        "in ADP IN in 11 case",
        "December PROPN NNP December 4 nmod",
        ". PUNCT . . 2 punct",
    ]);
    let e = find(&doc, "withdrawal");
    assert_eq!(code(&e.target), "MLI");
}

#[test]
fn households_and_victims_given_aid_are_civilian_targets() {
    let doc = parsed(&[
        "The DET DT the 3 det",
        "Red PROPN NNP Red 3 compound",
        "Cross PROPN NNP Cross 4 nsubj",
        "delivered VERB VBD deliver 0 root",
        "food NOUN NN food 4 obj",
        "to ADP IN to 8 case",
        "900 NUM CD 900 8 nummod",
        "households NOUN NNS household 4 obl",
        ". PUNCT . . 4 punct",
    ]);
    let e = find(&doc, "delivered");
    assert_eq!(
        e.target.as_ref().and_then(|t| t.role.as_deref()),
        Some("CVL")
    );
}
