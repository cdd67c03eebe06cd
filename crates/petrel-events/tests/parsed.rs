//! Event coding over hand-built dependency parses (UD relations), for invented sentences.

use petrel_actors::ActorsComponent;
use petrel_doc::{Component, Document, Event, Modality};
use petrel_events::EventsComponent;

mod common;

/// [`common::build`] run through actors and events.
fn parsed(sentences: &[&[&str]]) -> Document {
    let mut doc = common::build(sentences);
    ActorsComponent::default().process(&mut doc).unwrap();
    EventsComponent::default().process(&mut doc).unwrap();
    doc
}

fn pair(e: &Event) -> (String, String) {
    (
        e.source.as_ref().map_or(String::new(), |s| s.code.clone()),
        e.target.as_ref().map_or(String::new(), |s| s.code.clone()),
    )
}

use common::find;

#[test]
fn passive_with_agent() {
    let doc = parsed(&[&[
        "Two NUM CD two 2 nummod",
        "journalists NOUN NNS journalist 4 nsubj:pass",
        "were AUX VBD be 4 aux:pass",
        "detained VERB VBN detain 0 root",
        "by ADP IN by 6 case",
        "police NOUN NN police 4 obl:agent",
        ". PUNCT . . 4 punct",
    ]]);
    let e = find(&doc, "detained");
    assert_eq!(e.cameo, "173");
    assert_eq!(pair(e), ("COP".into(), "MED".into()));
}

#[test]
fn coordinated_subjects_of_a_reciprocal_verb() {
    let doc = parsed(&[&[
        "Chile PROPN NNP Chile 4 nsubj",
        "and CCONJ CC and 3 cc",
        "Peru PROPN NNP Peru 1 conj",
        "met VERB VBD meet 0 root",
        "on ADP IN on 6 case",
        "Tuesday PROPN NNP Tuesday 4 obl",
        ". PUNCT . . 4 punct",
    ]]);
    let pairs: Vec<_> = doc.events.iter().map(pair).collect();
    assert_eq!(pairs.len(), 2, "{pairs:?}");
    assert!(pairs.contains(&("CHL".into(), "PER".into())));
    assert!(pairs.contains(&("PER".into(), "CHL".into())));
}

#[test]
fn object_control_and_threats() {
    // "The rebels threatened to seize the governor ." — the event is the threat, its target
    // the object of the complement.
    let doc = parsed(&[&[
        "The DET DT the 2 det",
        "rebels NOUN NNS rebel 3 nsubj",
        "threatened VERB VBD threaten 0 root",
        "to PART TO to 5 mark",
        "abduct VERB VB abduct 3 xcomp",
        "the DET DT the 7 det",
        "governor NOUN NN governor 5 obj",
        ". PUNCT . . 3 punct",
    ]]);
    let e = find(&doc, "threatened");
    assert_eq!(e.cameo_root, "13");
    assert_eq!(pair(e), ("REB".into(), "GOV".into()));
    let inner = find(&doc, "abduct");
    assert_eq!(inner.modality, Modality::Intended);
    assert_eq!(pair(inner), ("REB".into(), "GOV".into()));
}

#[test]
fn negation_from_the_parse() {
    let doc = parsed(&[&[
        "Soldiers NOUN NNS soldier 4 nsubj",
        "did AUX VBD do 4 aux",
        "not PART RB not 4 advmod",
        "shoot VERB VB shoot 0 root",
        "the DET DT the 6 det",
        "protesters NOUN NNS protester 4 obj",
        ". PUNCT . . 4 punct",
    ]]);
    let e = find(&doc, "shoot");
    assert_eq!(e.modality, Modality::Negated);
    assert_eq!(pair(e), ("MIL".into(), "CVL".into()));
}

/// An apposition names the noun it hangs on: in "NATO member Norway" the actor is
/// Norway, not the alliance in the compound.
#[test]
fn an_apposition_names_its_noun_before_a_compound() {
    let doc = parsed(&[&[
        "NATO PROPN NNP NATO 2 compound",
        "member NOUN NN member 4 nsubj",
        "Norway PROPN NNP Norway 2 appos",
        "condemned VERB VBD condemn 0 root",
        "the DET DT the 7 det",
        "missile NOUN NN missile 7 compound",
        "test NOUN NN test 4 obj",
        ". PUNCT . . 4 punct",
    ]]);
    let e = find(&doc, "condemned");
    assert_eq!(pair(e).0, "NOR", "{e:?}");
}

/// An act that hangs on a noun "no" denies did not happen: "no plan to deploy troops".
#[test]
fn an_act_under_a_denied_noun_is_negated() {
    // With "a" instead of "no" the plan stands.
    for (det, negated) in [("no", true), ("a", false)] {
        let det = format!("{det} DET DT {det} 5 det");
        let doc = parsed(&[&[
            "The DET DT the 2 det",
            "army NOUN NN army 3 nsubj",
            "has VERB VBZ have 0 root",
            &det,
            "plan NOUN NN plan 3 obj",
            "to PART TO to 7 mark",
            "attack VERB VB attack 5 acl",
            "the DET DT the 9 det",
            "rebels NOUN NNS rebel 7 obj",
            ". PUNCT . . 3 punct",
        ]]);
        let e = find(&doc, "attack");
        assert_eq!(e.modality == Modality::Negated, negated, "{det}: {e:?}");
    }
}

#[test]
fn reported_event_under_a_verb_of_saying() {
    let doc = parsed(&[&[
        "Officials NOUN NNS official 2 nsubj",
        "said VERB VBD say 0 root",
        "Armenian ADJ JJ Armenian 4 amod",
        "troops NOUN NNS troop 5 nsubj",
        "shelled VERB VBD shell 2 ccomp",
        "Azerbaijani ADJ JJ Azerbaijani 7 amod",
        "positions NOUN NNS position 5 obj",
        ". PUNCT . . 2 punct",
    ]]);
    assert!(doc.events.iter().all(|e| e.cameo != "010"));
    let e = find(&doc, "shelled");
    assert_eq!(e.cameo, "194");
    assert_eq!(pair(e), ("ARMMIL".into(), "AZE".into()));
    let main = petrel_events::main_event(
        &doc,
        None,
        false,
        &petrel_actors::ActorLexicon::embedded().grammar,
    )
    .unwrap();
    assert_eq!(main.verb, "shelled");
}

#[test]
fn the_recipient_of_an_event_noun_is_the_target() {
    // "Japan suspended military aid to Haiti ." — not the "military" of the aid.
    let doc = parsed(&[&[
        "Japan PROPN NNP Japan 2 nsubj",
        "suspended VERB VBD suspend 0 root",
        "military ADJ JJ military 4 amod",
        "aid NOUN NN aid 2 obj",
        "to ADP IN to 6 case",
        "Haiti PROPN NNP Haiti 4 nmod",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "suspended")), ("JPN".into(), "HTI".into()));
}

#[test]
fn the_source_never_targets_itself_or_its_own_means() {
    // "Japan pledged its support to Haiti ." — "its" is Japan's.
    let doc = parsed(&[&[
        "Japan PROPN NNP Japan 2 nsubj",
        "pledged VERB VBD pledge 0 root",
        "its PRON PRP$ its 4 nmod:poss",
        "support NOUN NN support 2 obj",
        "to ADP IN to 6 case",
        "Haiti PROPN NNP Haiti 4 nmod",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "pledged")), ("JPN".into(), "HTI".into()));
    // "Chad withdrew its troops from Sudan ." — the troops are Chad's; Sudan is the target.
    let doc = parsed(&[&[
        "Chad PROPN NNP Chad 2 nsubj",
        "withdrew VERB VBD withdraw 0 root",
        "its PRON PRP$ its 4 nmod:poss",
        "troops NOUN NNS troop 2 obj",
        "from ADP IN from 6 case",
        "Sudan PROPN NNP Sudan 2 obl",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "withdrew")), ("TCD".into(), "SDN".into()));
}

#[test]
fn a_purpose_clause_acts_on_the_governing_verbs_object() {
    // "The Greek minister phoned his Turkish counterpart to discuss the dispute ."
    let doc = parsed(&[&[
        "The DET DT the 3 det",
        "Greek ADJ JJ Greek 3 amod",
        "minister NOUN NN minister 4 nsubj",
        "phoned VERB VBD phone 0 root",
        "his PRON PRP$ his 7 nmod:poss",
        "Turkish ADJ JJ Turkish 7 amod",
        "counterpart NOUN NN counterpart 4 obj",
        "to PART TO to 9 mark",
        "discuss VERB VB discuss 4 advcl",
        "the DET DT the 11 det",
        "dispute NOUN NN dispute 9 obj",
        ". PUNCT . . 4 punct",
    ]]);
    let e = find(&doc, "discuss");
    assert_eq!(pair(e), ("GRCGOV".into(), "TURGOV".into()));
    // "his counterpart" is someone else, not the minister's own.
    assert_eq!(
        pair(find(&doc, "phoned")),
        ("GRCGOV".into(), "TURGOV".into())
    );
}

#[test]
fn one_event_per_code_and_actors_in_a_sentence() {
    // "Chad is ready to withdraw from Sudan ." — one intention, coded on "withdraw".
    let doc = parsed(&[&[
        "Chad PROPN NNP Chad 3 nsubj",
        "is AUX VBZ be 3 cop",
        "ready ADJ JJ ready 0 root",
        "to PART TO to 5 mark",
        "withdraw VERB VB withdraw 3 xcomp",
        "from ADP IN from 7 case",
        "Sudan PROPN NNP Sudan 5 obl",
        ". PUNCT . . 3 punct",
    ]]);
    let codes: Vec<_> = doc
        .events
        .iter()
        .map(|e| (e.verb.as_str(), e.cameo.as_str()))
        .collect();
    let mut unique = codes.clone();
    unique.sort_by_key(|x| x.1);
    unique.dedup_by_key(|x| x.1);
    assert!(!codes.is_empty());
    assert_eq!(unique.len(), codes.len(), "{codes:?}");
    assert!(codes.iter().all(|(v, _)| *v != "is"), "{codes:?}");
}

#[test]
fn forces_sent_somewhere_are_the_means_and_forces_attacked_the_target() {
    let doc = parsed(&[&[
        "Canada PROPN NNP Canada 2 nsubj",
        "sent VERB VBD send 0 root",
        "troops NOUN NNS troop 2 obj",
        "to ADP IN to 5 case",
        "Latvia PROPN NNP Latvia 2 obl",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "sent")), ("CAN".into(), "LVA".into()));
    let doc = parsed(&[&[
        "Rebels NOUN NNS rebel 2 nsubj",
        "attacked VERB VBD attack 0 root",
        "soldiers NOUN NNS soldier 2 obj",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "attacked")), ("REB".into(), "MIL".into()));
}

#[test]
fn the_author_of_a_rejected_claim_is_the_target() {
    // "Iran rejected accusations by Israel ."
    let doc = parsed(&[&[
        "Iran PROPN NNP Iran 2 nsubj",
        "rejected VERB VBD reject 0 root",
        "accusations NOUN NNS accusation 2 obj",
        "by ADP IN by 5 case",
        "Israel PROPN NNP Israel 3 nmod",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "rejected")), ("IRN".into(), "ISR".into()));
}

#[test]
fn a_month_is_no_trigger() {
    // "A donor gave the statue to Russian authorities on March 4 ." — "March" is the month,
    // not a protest march by the authorities.
    let doc = parsed(&[&[
        "A DET DT a 2 det",
        "donor NOUN NN donor 3 nsubj",
        "gave VERB VBD give 0 root",
        "the DET DT the 5 det",
        "statue NOUN NN statue 3 obj",
        "to ADP IN to 8 case",
        "Russian ADJ JJ Russian 8 amod",
        "authorities NOUN NNS authority 5 nmod",
        "on ADP IN on 10 case",
        "March PROPN NNP March 11 compound",
        "4 NUM CD 4 3 obl",
        ". PUNCT . . 3 punct",
    ]]);
    assert!(
        doc.events.iter().all(|e| e.verb != "March"),
        "{:?}",
        doc.events
    );
}

#[test]
fn a_statement_is_about_its_complements_subject() {
    // "Rebels said the government was weak ."
    let doc = parsed(&[&[
        "Rebels NOUN NNS rebel 2 nsubj",
        "said VERB VBD say 0 root",
        "the DET DT the 4 det",
        "government NOUN NN government 6 nsubj",
        "was AUX VBD be 6 cop",
        "weak ADJ JJ weak 2 ccomp",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(pair(find(&doc, "said")), ("REB".into(), "GOV".into()));
}

#[test]
fn complements_of_avoid_refrain_deny_and_allow_are_not_asserted() {
    // "Rebels avoided attacks on the army ." — the attacks are an object of "avoid".
    let doc = parsed(&[&[
        "Rebels NOUN NNS rebel 2 nsubj",
        "avoided VERB VBD avoid 0 root",
        "attacks NOUN NNS attack 2 obj",
        "on ADP IN on 6 case",
        "the DET DT the 6 det",
        "army NOUN NN army 3 nmod",
        ". PUNCT . . 2 punct",
    ]]);
    assert!(doc
        .events
        .iter()
        .filter(|e| e.cameo_root == "19")
        .all(|e| e.modality != Modality::Asserted));

    // "Police refrained from arresting the students ."
    let doc = parsed(&[&[
        "Police NOUN NN police 2 nsubj",
        "refrained VERB VBD refrain 0 root",
        "from SCONJ IN from 4 mark",
        "arresting VERB VBG arrest 2 advcl",
        "the DET DT the 6 det",
        "students NOUN NNS student 4 obj",
        ". PUNCT . . 2 punct",
    ]]);
    assert_eq!(find(&doc, "arresting").modality, Modality::Negated);

    // "The governor denied detaining the reporters ." — the denial is asserted; the
    // detention it denies is what the denial is about (016 at the reporters), not an event.
    let doc = parsed(&[&[
        "The DET DT the 2 det",
        "governor NOUN NN governor 3 nsubj",
        "denied VERB VBD deny 0 root",
        "detaining VERB VBG detain 3 xcomp",
        "the DET DT the 6 det",
        "reporters NOUN NNS reporter 4 obj",
        ". PUNCT . . 3 punct",
    ]]);
    assert_eq!(find(&doc, "denied").modality, Modality::Asserted);
    assert_eq!(pair(find(&doc, "denied")).1, "MED");
    assert!(doc.events.iter().all(|e| e.verb != "detaining"));

    // "The court allowed police to detain the strikers ." — permitted, not done.
    let doc = parsed(&[&[
        "The DET DT the 2 det",
        "court NOUN NN court 3 nsubj",
        "allowed VERB VBD allow 0 root",
        "police NOUN NN police 3 obj",
        "to PART TO to 6 mark",
        "detain VERB VB detain 3 xcomp",
        "the DET DT the 8 det",
        "strikers NOUN NNS striker 6 obj",
        ". PUNCT . . 3 punct",
    ]]);
    assert_eq!(find(&doc, "detain").modality, Modality::Hypothetical);
}

#[test]
fn a_phrase_between_subject_and_verb_is_no_target() {
    // "Soldiers loyal to the governor shelled the market ." parsed with "to the governor"
    // attached to the verb, as parsers often do: the governor is not what was shelled.
    let doc = parsed(&[&[
        "Soldiers NOUN NNS soldier 6 nsubj",
        "loyal ADJ JJ loyal 1 amod",
        "to ADP IN to 5 case",
        "the DET DT the 5 det",
        "governor NOUN NN governor 6 obl",
        "shelled VERB VBD shell 0 root",
        "the DET DT the 8 det",
        "market NOUN NN market 6 obj",
        ". PUNCT . . 6 punct",
    ]]);
    let e = find(&doc, "shelled");
    assert_eq!(pair(e).0, "MIL");
    assert_ne!(pair(e).1, "GOV", "{e:?}");
}

#[test]
fn a_bare_quantity_in_a_joined_passive_counts_the_first_clause_subject() {
    // "Students clashed with police and dozens were detained ." — not the police.
    let doc = parsed(&[&[
        "Students NOUN NNS student 2 nsubj",
        "clashed VERB VBD clash 0 root",
        "with ADP IN with 4 case",
        "police NOUN NN police 2 obl",
        "and CCONJ CC and 8 cc",
        "dozens NOUN NNS dozen 8 nsubj:pass",
        "were AUX VBD be 8 aux:pass",
        "detained VERB VBN detain 2 conj",
        ". PUNCT . . 2 punct",
    ]]);
    let e = find(&doc, "detained");
    assert_eq!(e.target.as_ref().map(|t| t.text.as_str()), Some("Students"));
}

#[test]
fn a_by_phrase_of_an_active_verb_is_its_target() {
    // "Cuba rejected claims by Canada ." with "by Canada" attached to the verb.
    let doc = parsed(&[&[
        "Cuba PROPN NNP Cuba 2 nsubj",
        "rejected VERB VBD reject 0 root",
        "claims NOUN NNS claim 2 obj",
        "by ADP IN by 5 case",
        "Canada PROPN NNP Canada 2 obl",
        ". PUNCT . . 2 punct",
    ]]);
    let e = find(&doc, "rejected");
    assert_eq!(pair(e), ("CUB".into(), "CAN".into()));
}

#[test]
fn restoring_ties_is_reciprocal() {
    // "Chile and Peru restored ties ."
    let doc = parsed(&[&[
        "Chile PROPN NNP Chile 4 nsubj",
        "and CCONJ CC and 3 cc",
        "Peru PROPN NNP Peru 1 conj",
        "restored VERB VBD restore 0 root",
        "ties NOUN NNS tie 4 obj",
        ". PUNCT . . 4 punct",
    ]]);
    let pairs: Vec<_> = doc.events.iter().map(pair).collect();
    assert!(pairs.contains(&("CHL".into(), "PER".into())), "{pairs:?}");
    assert!(pairs.contains(&("PER".into(), "CHL".into())), "{pairs:?}");
}

#[test]
fn the_of_phrase_of_an_act_is_its_target_and_a_caused_act_has_no_borrowed_source() {
    // "The arrest of the editor by police sparked protests ." with "by police" parsed onto
    // the editor.
    let doc = parsed(&[&[
        "The DET DT the 2 det",
        "arrest NOUN NN arrest 8 nsubj",
        "of ADP IN of 5 case",
        "the DET DT the 5 det",
        "editor NOUN NN editor 2 nmod",
        "by ADP IN by 7 case",
        "police NOUN NN police 5 nmod",
        "sparked VERB VBD spark 0 root",
        "protests NOUN NNS protest 8 obj",
        ". PUNCT . . 8 punct",
    ]]);
    let arrest = find(&doc, "arrest");
    assert_eq!(pair(arrest), ("COP".into(), "MED".into()));
    assert!(
        doc.events
            .iter()
            .filter(|e| e.verb == "protests")
            .all(|e| e.source.as_ref().is_none_or(|s| s.code != "COP")),
        "{:?}",
        doc.events
    );
}

#[test]
fn exchanging_fire_is_reciprocal_fighting() {
    // "Chad and Sudan exchanged fire ."
    let doc = parsed(&[&[
        "Chad PROPN NNP Chad 4 nsubj",
        "and CCONJ CC and 3 cc",
        "Sudan PROPN NNP Sudan 1 conj",
        "exchanged VERB VBD exchange 0 root",
        "fire NOUN NN fire 4 obj",
        ". PUNCT . . 4 punct",
    ]]);
    let e = find(&doc, "exchanged");
    assert_eq!(e.cameo_root, "19");
    let pairs: Vec<_> = doc.events.iter().map(pair).collect();
    assert!(pairs.contains(&("TCD".into(), "SDN".into())), "{pairs:?}");
    assert!(pairs.contains(&("SDN".into(), "TCD".into())), "{pairs:?}");
}

#[test]
fn a_second_participle_takes_the_subject_of_the_clause_it_hangs_on() {
    // "Rebels raided the depot , killing four guards and wounding nine civilians ."
    let doc = parsed(&[&[
        "Rebels NOUN NNS rebel 2 nsubj",
        "raided VERB VBD raid 0 root",
        "the DET DT the 4 det",
        "depot NOUN NN depot 2 obj",
        ", PUNCT , , 6 punct",
        "killing VERB VBG kill 2 advcl",
        "four NUM CD four 8 nummod",
        "guards NOUN NNS guard 6 obj",
        "and CCONJ CC and 10 cc",
        "wounding VERB VBG wound 6 conj",
        "nine NUM CD nine 12 nummod",
        "civilians NOUN NNS civilian 10 obj",
        ". PUNCT . . 2 punct",
    ]]);
    let e = find(&doc, "wounding");
    assert_eq!(
        e.source.as_ref().map(|s| s.text.as_str()),
        Some("Rebels"),
        "{e:?}"
    );
}

/// A natural hazard as the doer of a force verb is no one's act: no event. The same verb
/// done by rebels is an attack.
#[test]
fn a_force_verb_done_by_a_natural_hazard_is_no_event() {
    let doc = parsed(&[
        &[
            "Villagers NOUN NNS villager 2 nsubj:pass",
            "hit VERB VBN hit 0 root",
            "by ADP IN by 5 case",
            "the DET DT the 5 det",
            "floods NOUN NNS flood 2 obl:agent",
            "waited VERB VBD wait 2 conj",
            ". PUNCT . . 2 punct",
        ],
        &[
            "A DET DT a 2 det",
            "cyclone NOUN NN cyclone 3 nsubj",
            "destroyed VERB VBD destroy 0 root",
            "the DET DT the 5 det",
            "bridge NOUN NN bridge 3 obj",
            ". PUNCT . . 3 punct",
        ],
        &[
            "Rebels NOUN NNS rebel 2 nsubj",
            "destroyed VERB VBD destroy 0 root",
            "the DET DT the 4 det",
            "bridge NOUN NN bridge 2 obj",
            ". PUNCT . . 2 punct",
        ],
    ]);
    let texts: Vec<&str> = doc.events.iter().map(|e| e.verb.as_str()).collect();
    assert_eq!(doc.events.len(), 1, "{texts:?}");
    assert_eq!(find(&doc, "destroyed").source.as_ref().unwrap().code, "REB");
}

/// A plural demonym as subject names a country's people (`CVL`), also when its verb is a
/// lower-case word right after it ("Somalis attacked", which once read as "Somali diplomats").
#[test]
fn a_people_named_by_its_demonym_is_civilian() {
    let doc = parsed(&[&[
        "Angry ADJ JJ angry 2 amod",
        "Somalis PROPN NNPS Somali 3 nsubj",
        "attacked VERB VBD attack 0 root",
        "a DET DT a 5 det",
        "convoy NOUN NN convoy 3 obj",
        ". PUNCT . . 3 punct",
    ]]);
    let e = find(&doc, "attacked");
    assert_eq!(e.source.as_ref().map(|s| s.code.as_str()), Some("SOMCVL"));
}

/// Force aimed at towns lands on the people there (`SYRCVL`); a visit to them stays with the
/// country.
#[test]
fn force_against_towns_targets_their_civilians() {
    let doc = parsed(&[
        &[
            "Rebels NOUN NNS rebel 2 nsubj",
            "shelled VERB VBD shell 0 root",
            "Syrian ADJ JJ Syrian 4 amod",
            "villages NOUN NNS village 2 obj",
            ". PUNCT . . 2 punct",
        ],
        &[
            "The DET DT the 2 det",
            "envoy NOUN NN envoy 3 nsubj",
            "visited VERB VBD visit 0 root",
            "Syrian ADJ JJ Syrian 5 amod",
            "villages NOUN NNS village 3 obj",
            ". PUNCT . . 3 punct",
        ],
    ]);
    assert_eq!(pair(find(&doc, "shelled")).1, "SYRCVL");
    assert_eq!(pair(find(&doc, "visited")).1, "SYR");
}

/// A protest is aimed at what it is in protest against, here the agent of the abuses.
#[test]
fn a_protest_targets_what_it_is_in_protest_against() {
    let doc = parsed(&[&[
        "An DET DT a 2 det",
        "activist NOUN NN activist 3 nsubj",
        "staged VERB VBD stage 0 root",
        "a DET DT a 6 det",
        "hunger NOUN NN hunger 6 compound",
        "strike NOUN NN strike 3 obj",
        "in ADP IN in 8 case",
        "protest NOUN NN protest 3 obl",
        "against ADP IN against 10 case",
        "abuses NOUN NNS abuse 8 nmod",
        "by ADP IN by 13 case",
        "Egyptian ADJ JJ Egyptian 13 amod",
        "police NOUN NN police 8 nmod",
        ". PUNCT . . 3 punct",
    ]]);
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo_root == "14")
        .unwrap_or_else(|| panic!("no protest"));
    assert_eq!(e.target.as_ref().map(|t| t.code.as_str()), Some("EGYCOP"));
}

/// A known leader's name before a role noun gives the role the leader's country ("the Obama
/// administration" is `USAGOV`, not the government of the country it criticises), and
/// aircraft are military.
#[test]
fn a_leaders_administration_has_the_leaders_country() {
    let doc = parsed(&[
        &[
            "The DET DT the 3 det",
            "Obama PROPN NNP Obama 3 compound",
            "administration NOUN NN administration 4 nsubj",
            "criticised VERB VBD criticise 0 root",
            "Cuba PROPN NNP Cuba 4 obj",
            ". PUNCT . . 4 punct",
        ],
        &[
            "British ADJ JJ British 2 amod",
            "aircraft NOUN NNS aircraft 3 nsubj",
            "bombed VERB VBD bomb 0 root",
            "a DET DT a 5 det",
            "depot NOUN NN depot 3 obj",
            ". PUNCT . . 3 punct",
        ],
    ]);
    assert_eq!(pair(find(&doc, "criticised")).0, "USAGOV");
    assert_eq!(pair(find(&doc, "bombed")).0, "GBRMIL");
}

/// "in protest of" says what a strike is for: one protest event, aimed at the possessor of
/// what is protested.
#[test]
fn in_protest_of_is_the_purpose_of_a_strike_not_a_second_event() {
    let doc = parsed(&[&[
        "Kurdish ADJ JJ Kurdish 2 amod",
        "refugees NOUN NNS refugee 4 nsubj",
        "are AUX VBP be 4 aux",
        "continuing VERB VBG continue 0 root",
        "a DET DT a 7 det",
        "hunger NOUN NN hunger 7 compound",
        "strike NOUN NN strike 4 obj",
        "in ADP IN in 9 case",
        "protest NOUN NN protest 7 nmod",
        "of ADP IN of 15 case",
        "the DET DT the 13 det",
        "Russian ADJ JJ Russian 13 amod",
        "government NOUN NN government 15 nmod:poss",
        "'s PART POS 's 13 case",
        "decision NOUN NN decision 9 nmod",
        ". PUNCT . . 4 punct",
    ]]);
    let protests: Vec<&Event> = doc.events.iter().filter(|e| e.cameo_root == "14").collect();
    assert_eq!(protests.len(), 1, "{:?}", doc.events);
    assert_eq!(
        protests[0].target.as_ref().map(|t| t.code.as_str()),
        Some("RUSGOV")
    );
}
