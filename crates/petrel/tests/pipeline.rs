//! The whole pipeline on short stories written for these tests: how stages combine.

use petrel::{build_pipeline, Options};
use petrel_doc::{Document, Meta};

fn run(text: &str) -> Document {
    let p = build_pipeline(&Options::default()).unwrap();
    let mut doc = Document::new(
        Meta {
            id: "t".into(),
            date: Some("2012-03-05".into()),
            ..Default::default()
        },
        text,
    );
    p.run(&mut doc).unwrap();
    doc
}

/// Whether an event was coded on the trigger word `verb`.
fn coded(doc: &Document, verb: &str) -> bool {
    doc.events.iter().any(|e| e.verb == verb)
}

/// The actor code of an event's source or target, if it has one.
fn code(arg: &Option<petrel_doc::ActorRef>) -> Option<&str> {
    arg.as_ref().map(|a| a.code.as_str())
}

/// The first event that `want` accepts.
fn event(doc: &Document, want: impl Fn(&petrel_doc::Event) -> bool) -> &petrel_doc::Event {
    doc.events
        .iter()
        .find(|e| want(e))
        .unwrap_or_else(|| panic!("no such event in {:?}", doc.events))
}

/// Unqualified police take the dateline's country.
#[test]
fn dateline_gives_role_only_actors_their_country() {
    let doc = run(
        "NAIROBI, March 5 (Wire) - Police arrested 30 traders in the city centre. \
                   The traders had blocked a road.",
    );
    let arrest = doc
        .events
        .iter()
        .find(|e| e.cameo.starts_with("17"))
        .expect("an arrest event");
    assert_eq!(arrest.source.as_ref().unwrap().code, "KENCOP");
}

/// A first-person event inside a direct quote has the speaker as its source.
#[test]
fn quoted_first_person_event_has_the_speaker_as_source() {
    let doc = run("\"We will not negotiate with the kidnappers,\" the Nigerian army commander told reporters.");
    let quote = doc.quotes.first().expect("a quote");
    assert_eq!(quote.kind, "direct");
    let speaker = quote.actor.expect("speaker resolved to an actor") as usize;
    let e = doc.events.first().expect("an event");
    let src = e.source.as_ref().expect("a source");
    assert_eq!(src.text, "We");
    assert_eq!(src.code, doc.actors[speaker].code);
    assert!(src.code.starts_with("NGA"), "{src:?}");
}

/// A month named like a modal ("May") leaves a reported event asserted, and dates it.
#[test]
fn a_month_is_no_modal() {
    let doc = run("The navy said on May 2 that it had killed nine pirates.");
    let killed = event(&doc, |e| e.verb == "killed");
    assert_eq!(killed.modality, petrel_doc::Modality::Asserted);
    let may = doc
        .times
        .iter()
        .find(|t| t.text == "May 2")
        .expect("a date");
    assert_eq!(killed.date.as_deref(), Some(may.value.as_str()));
}

/// Force aimed at a city is aimed at the people of the place's country.
#[test]
fn shelling_a_city_targets_its_country() {
    let doc = run("Government artillery shelled Mariupol on Tuesday.");
    let e = event(&doc, |e| e.verb == "shelled");
    let target = e.target.as_ref().expect("a target");
    assert_eq!(target.code, "UKRCVL");
    assert_eq!(target.country.as_deref(), Some("UKR"));
    assert_eq!(target.text, "Mariupol");
}

/// A hyphenated verb is a trigger when the whole word has a pattern ("test-fired"), and its
/// participle form still makes the clause's verb.
#[test]
fn a_hyphenated_verb_with_a_pattern_is_coded() {
    let doc = run("Iran test-fired three cruise missiles over the gulf on Monday.");
    let e = event(&doc, |e| e.cameo == "150");
    assert_eq!(code(&e.source), Some("IRN"));
}

/// A regulator's fine is an administrative sanction; abusing a market position is no
/// assault; and a company that GeoNames also lists as a town is no place.
#[test]
fn a_fine_is_a_sanction_not_an_assault() {
    let doc =
        run("Brussels regulators fined Google 900 million euros for abusing its market position.");
    let fine = event(&doc, |e| e.verb == "fined");
    assert_eq!(fine.cameo, "172");
    assert!(
        doc.events.iter().all(|e| e.cameo_root != "18"),
        "{:?}",
        doc.events
    );
    assert!(
        doc.places.iter().all(|p| p.text != "Google"),
        "{:?}",
        doc.places
    );
}

/// The subject of a relative clause is the noun the pronoun stands for: the farmers
/// marched, and "who" names nobody by itself.
#[test]
fn a_relative_pronoun_subject_is_its_noun() {
    let doc = run("Riot police blocked thousands of Indian farmers who marched on the parliament in New Delhi.");
    let march = event(&doc, |e| e.verb == "marched");
    let source = march.source.as_ref().expect("a source");
    assert_eq!(source.code, "INDAGR");
}

/// A quote whose speaker is "who" or "which" is linked to the actor of the noun the relative
/// clause hangs on, also when the clause sits between that noun and its verb.
#[test]
fn a_relative_pronoun_speaker_is_linked_to_its_noun() {
    let doc = run(
        "The Kenyan interior minister, who said the curfew would be lifted soon, met \
                   opposition leaders in Mombasa. The ministry, which said it had no information, \
                   declined to comment.",
    );
    for (speaker, content) in [("who", "the curfew"), ("which", "no information")] {
        let q = doc
            .quotes
            .iter()
            .find(|q| q.speaker.as_deref() == Some(speaker))
            .unwrap_or_else(|| panic!("no quote by {speaker:?} in {:#?}", doc.quotes));
        assert!(q.content.contains(content), "{q:?}");
        assert!(!q.content.contains("Mombasa"), "{q:?}");
        let actor = &doc.actors[q.actor.expect("an actor") as usize];
        assert_eq!(actor.code, "KENGOV", "{q:?}");
    }
}

/// A participle that describes a person ("jailed", "alleged") is background, not an event of
/// the sentence; after a noun the same form is the verb.
#[test]
fn a_describing_participle_is_no_event() {
    let doc = run("Jailed Kenyan opposition leader Ana Ruiz began a hunger strike on Monday.");
    assert!(
        !doc.events.iter().any(|e| e.cameo.starts_with("17")),
        "{:?}",
        doc.events
    );
    let doc = run("Rebel fighters wounded two Kenyan soldiers near the border on Monday.");
    assert!(coded(&doc, "wounded"), "{:?}", doc.events);
}

/// A verb coded as a material act reports no speech: "police fired tear gas" is no quote,
/// while the statement in the same story is.
#[test]
fn a_material_act_is_no_quote() {
    let doc = run(
        "Kenyan police fired tear gas at hundreds of protesters in Nairobi on Tuesday. \
                   The interior minister said the protest had not been authorised.",
    );
    assert!(coded(&doc, "fired"), "{:?}", doc.events);
    assert!(
        !doc.quotes.iter().any(|q| q.cue.as_deref() == Some("fired")),
        "{:#?}",
        doc.quotes
    );
    assert!(
        doc.quotes.iter().any(|q| q.cue.as_deref() == Some("said")),
        "{:#?}",
        doc.quotes
    );
}

/// Asking not to be named is a reporter's formula, not a request between actors; a real
/// request in the same shape still codes.
#[test]
fn asking_for_anonymity_is_no_event() {
    let doc = run("One Kenyan official, who asked not to be named, said the border would reopen.");
    assert!(!coded(&doc, "asked"), "{:?}", doc.events);
    let doc = run("Kenya asked Uganda to reopen the border.");
    assert!(coded(&doc, "asked"), "{:?}", doc.events);
}

/// An event whose sentence names no place happened at the dateline; a text that opens with a
/// place and a comma but no dateline ("Kenya, Uganda agree …") gives it no place.
#[test]
fn only_a_dateline_places_an_event_its_sentence_does_not() {
    let doc = run("NAIROBI, March 5 (Wire) - The talks ended on Sunday. \
                   Police arrested 30 smugglers on Monday.");
    let arrest = event(&doc, |e| e.cameo.starts_with("17"));
    let place = arrest.location.as_ref().expect("the dateline's place");
    assert_eq!(place.country.as_deref(), Some("KEN"), "{place:?}");
    let doc = run("Kenya, Uganda agree to reopen border. Police arrested 30 smugglers on Monday.");
    let arrest = event(&doc, |e| e.cameo.starts_with("17"));
    assert!(arrest.location.is_none(), "{:?}", arrest.location);
}

/// "X is expected to visit Y": the passive governor's subject is the visitor.
#[test]
fn a_raised_subject_is_the_source_of_the_complement() {
    let doc = run("The Turkish foreign minister is expected to visit Baghdad next month.");
    let visit = event(&doc, |e| e.verb == "visit");
    assert_eq!(code(&visit.source), Some("TURGOV"));
    let target = visit.target.as_ref().expect("a target");
    assert!(target.code.starts_with("IRQ"), "{target:?}");
}

/// A participle clause inside a reported statement is the statement's: the governor who
/// reports the raid did no burning.
#[test]
fn a_reported_participle_keeps_the_reported_subject() {
    let doc = run("Armed bandits raided a village in Zamfara on Sunday, burning dozens of homes, the state governor said.");
    let burn = event(&doc, |e| e.verb == "burning");
    let source = burn.source.as_ref().expect("a source");
    assert_eq!(source.text, "bandits");
}

/// "accused X of V-ing": X is the one said to have done it, not the accuser.
#[test]
fn the_accused_is_the_subject_of_the_gerund() {
    let doc = run("Ghana expelled two Togolese diplomats on Monday, accusing them of supplying weapons to the rebels.");
    let supply = event(&doc, |e| e.verb == "supplying");
    let source = supply.source.as_ref().expect("a source");
    assert!(source.code.starts_with("TGO"), "{source:?}");
    let expel = event(&doc, |e| e.verb == "expelled");
    assert_eq!(code(&expel.source), Some("GHA"));
}

/// Two parties that agree with each other code both ways, with no place as the target; the
/// one who brokered their talks is the mediator's source.
#[test]
fn parties_that_agree_are_each_others_targets() {
    let doc = run("In Libya, the Tripoli government and the eastern army agreed to a two-week truce after talks mediated by Egypt.");
    let agreed: Vec<_> = doc.events.iter().filter(|e| e.verb == "agreed").collect();
    assert_eq!(agreed.len(), 2, "{agreed:?}");
    for e in &agreed {
        let (s, t) = (
            e.source.as_ref().unwrap(),
            e.target.as_ref().expect("a target"),
        );
        assert_ne!(s.code, t.code);
        assert!(t.code.starts_with("LBY") && t.code.len() > 3, "{t:?}");
    }
    let mediated = event(&doc, |e| e.verb == "mediated");
    assert_eq!(code(&mediated.source), Some("EGY"));
}

/// A second verb joined after an object ("… to break up the rally and detained 30") is the
/// first verb's conjunct, with its subject: the parser had hung it on the noun.
#[test]
fn a_verb_joined_after_an_object_shares_the_subject() {
    let doc = run("Police used batons to break up the rally and detained at least 30 people.");
    let detained = event(&doc, |e| e.verb == "detained");
    let source = detained.source.as_ref().expect("a source");
    assert_eq!(source.text, "Police");
}

/// Downing what another party launched acts on that party.
#[test]
fn downing_drones_launched_by_a_country_targets_it() {
    let doc =
        run("The Saudi air defence said it shot down 11 of the 14 drones launched by the Houthis.");
    let e = event(&doc, |e| e.verb == "shot");
    let target = e.target.as_ref().expect("a target");
    assert!(
        target.code.contains("YEM") || target.text.contains("Houthis"),
        "{target:?}"
    );
}

/// "… before riot police dispersed them": the clause's own subject, even when the parser
/// hangs it on the noun before.
#[test]
fn a_subject_after_before_is_the_clause_s_own() {
    let doc = run("Students threw stones at a police station before riot police dispersed them.");
    let e = event(&doc, |e| e.verb == "dispersed");
    let source = e.source.as_ref().expect("a source");
    assert_eq!(source.text, "riot police");
}

/// A party is no place: "cooperation with the European Union" happened nowhere in
/// particular.
#[test]
fn a_party_after_with_the_is_no_location() {
    let doc = run("The junta suspended military cooperation with the European Union on Friday.");
    let e = event(&doc, |e| e.verb == "suspended");
    assert_eq!(e.location, None);
}

/// A "who" clause after a comma belongs to the noun before it: its date and its month
/// name ("March") are not the main verb's.
#[test]
fn a_relative_clause_after_a_comma_keeps_its_date_to_itself() {
    let doc = run("ECOWAS threatened to use force to reinstate President Ali Haroun, who has been held at his residence since March 1.");
    let e = event(&doc, |e| e.verb == "threatened");
    assert_eq!(e.date.as_deref(), Some("2012-03-05"));
    assert!(
        doc.events.iter().all(|e| e.cameo != "141"),
        "{:?}",
        doc.events
    );
}

/// A subject that names nobody ("No group claimed …") leaves the event unrealised.
#[test]
fn a_subject_with_no_negates_its_event() {
    let doc = run("No group claimed responsibility for the bombing of the market.");
    let e = event(&doc, |e| e.verb == "claimed");
    assert_eq!(e.modality, petrel_doc::Modality::Negated);
    let doc = run("A little-known group claimed responsibility for the bombing of the market.");
    let e = event(&doc, |e| e.verb == "claimed");
    assert_eq!(e.modality, petrel_doc::Modality::Asserted);
}

/// An acronym defined in parentheses names its actor wherever it is used later.
#[test]
fn an_acronym_defined_in_parentheses_names_its_actor_later() {
    let doc = run("The opposition Democratic Renewal Front (DRF) party in Zambia rejected the count. Hundreds of DRF supporters marched in Lusaka on Monday.");
    let code = |verb: &str| {
        let e = event(&doc, |e| e.verb == verb);
        e.source.as_ref().map(|s| s.code.clone())
    };
    assert_eq!(code("marched"), code("rejected"));
    assert_eq!(code("marched").as_deref(), Some("ZMBPTY"));
}

/// "Chinese and Indian troops clashed": two actors, each the other's target.
#[test]
fn paired_nationalities_are_two_actors() {
    let doc = run("Chinese and Indian troops clashed in a remote Himalayan valley on Monday.");
    let mut pairs: Vec<(String, String)> = doc
        .events
        .iter()
        .filter(|e| e.verb == "clashed")
        .map(|e| {
            (
                code(&e.source).unwrap_or_default().to_string(),
                code(&e.target).unwrap_or_default().to_string(),
            )
        })
        .collect();
    pairs.sort();
    assert_eq!(
        pairs,
        [
            ("CHNMIL".to_string(), "INDMIL".to_string()),
            ("INDMIL".to_string(), "CHNMIL".to_string())
        ]
    );
}

/// Where parties meet is the venue, not whom they meet.
#[test]
fn a_meeting_place_is_no_target() {
    let doc = run("Kenya's foreign minister is due to meet in Geneva on Friday.");
    let e = event(&doc, |e| e.verb == "meet");
    assert_eq!(e.target, None);
    assert_eq!(e.location.as_ref().map(|l| l.name.as_str()), Some("Geneva"));
}

/// A place named earlier is not where a foreign government speaks, but a foreign attack
/// lands where the story is.
#[test]
fn a_foreign_statement_takes_no_place_from_outside_its_sentence() {
    let doc = run("Guards fired shots into the air in Jalal-Abad on Thursday. Russia pledged $20 million in aid to the new government.");
    let pledge = event(&doc, |e| e.verb == "pledged");
    assert_eq!(pledge.location, None);
    let fired = event(&doc, |e| e.verb == "fired");
    assert_eq!(
        fired.location.as_ref().map(|l| l.name.as_str()),
        Some("Jalal-Abad")
    );
    let doc = run("KHARKIV, Ukraine - Russian missiles struck a power plant overnight, officials said. Russia denied the claims.");
    let struck = event(&doc, |e| e.cameo.starts_with("19"));
    assert_eq!(
        struck.location.as_ref().map(|l| l.name.as_str()),
        Some("Kharkiv")
    );
}

/// "the mine" is a noun: the clause around it parses, and the rebels are the releasers.
#[test]
fn the_mine_is_a_noun() {
    let doc = run("The rebels who seized the mine released four workers on Sunday.");
    let mine = (0..doc.tokens.len())
        .find(|&i| doc.form(i) == "mine")
        .unwrap();
    assert_eq!(doc.strings.resolve(doc.tokens.upos[mine]), "NOUN");
    let e = event(&doc, |e| e.verb == "released");
    assert_eq!(e.source.as_ref().map(|s| s.text.as_str()), Some("rebels"));
}

/// "shot by police" is a participle, so the shooting has its agent and its victim.
#[test]
fn an_irregular_participle_before_by_is_a_verb() {
    let doc = run("A student shot by police in Lagos died in hospital on Friday.");
    let shot = (0..doc.tokens.len())
        .find(|&i| doc.form(i) == "shot")
        .unwrap();
    assert_eq!(doc.strings.resolve(doc.tokens.xpos[shot]), "VBN");
    let e = event(&doc, |e| e.verb == "shot");
    let source = e.source.as_ref().expect("a source");
    assert!(source.code.ends_with("COP"), "{source:?}");
    let target = e.target.as_ref().expect("a target");
    assert!(target.code.ends_with("EDU"), "{target:?}");
}

/// "… were killed and 40 wounded": the wounded are the killed verb's people, hurt by no
/// one named; "… and wounded four soldiers": a second verb of the same subject.
#[test]
fn a_gapped_passive_and_a_second_past_verb_after_and() {
    let doc =
        run("At least nine villagers were killed and 30 wounded when a bomb exploded in Kidal.");
    let e = event(&doc, |e| e.verb == "wounded");
    assert!(e.source.is_none(), "{e:?}");
    assert_eq!(e.target.as_ref().expect("a target").text, "villagers");
    let doc = run("Rebels attacked the army post and wounded four soldiers on Monday.");
    let e = event(&doc, |e| e.verb == "wounded");
    assert_eq!(e.source.as_ref().expect("a source").text, "Rebels");
    assert_eq!(e.target.as_ref().expect("a target").text, "soldiers");
}

/// An act that is the subject of a predicate that denies it is not asserted: easing
/// sanctions ruled out is a refusal to ease them (CAMEO 1244), a deployment ruled out is
/// negated.
#[test]
fn an_act_denied_by_its_predicate_is_not_asserted() {
    let doc = run("Lifting the embargo is out of the question, the trade minister said.");
    let e = event(&doc, |e| e.verb == "Lifting");
    assert!(
        e.cameo.starts_with("12") || e.modality != petrel_doc::Modality::Asserted,
        "{e:?}"
    );
    let doc = run("Sending troops to the border was ruled out by the cabinet.");
    let e = event(&doc, |e| e.verb == "Sending");
    assert_eq!(e.modality, petrel_doc::Modality::Negated, "{e:?}");
}

/// The object of a verb joined to one that has its own object is that verb's target only:
/// storming a village and killing people are two events, the people the killing's.
#[test]
fn a_joined_verbs_object_is_not_the_first_verbs_target() {
    let doc = run("Gunmen stormed the village and killed 12 people.");
    let killed = event(&doc, |e| e.verb == "killed");
    assert_eq!(killed.target.as_ref().expect("a target").text, "people");
    let stormed = event(&doc, |e| e.verb == "stormed");
    assert!(stormed.target.is_none(), "{stormed:?}");
    // Without an object of its own, the first verb shares the second's.
    let doc = run("Gunmen attacked and killed 12 soldiers near Gao.");
    let attacked = event(&doc, |e| e.verb == "attacked");
    assert_eq!(attacked.target.as_ref().expect("a target").text, "soldiers");
}

/// The speaker of a closing attribution is no party to the events they report.
#[test]
fn the_speaker_of_a_closing_attribution_is_no_target() {
    let doc = run(
        "Rebels from the Democratic Forces seized the town of Kalima after two days of \
         fighting, a local official told reporters.",
    );
    for e in &doc.events {
        assert!(
            e.target
                .as_ref()
                .is_none_or(|t| !t.text.contains("official")),
            "{e:?}"
        );
    }
}

/// The subject of a chain of control verbs is the source of the act at its end:
/// "planned to resume shelling" is the planners' shelling.
#[test]
fn a_chain_of_control_verbs_passes_its_subject_down() {
    let doc = run("The Serbian army planned to resume shelling Kosovar villages.");
    let e = event(&doc, |e| e.verb == "shelling");
    assert_eq!(code(&e.source), Some("SRBMIL"));
}

/// An act named as a clausal subject in what a speaker reports ("said that lifting the
/// embargo is out of the question") is the speaker's refusal.
#[test]
fn a_reported_clausal_subject_is_the_speakers() {
    let doc = run("Japanese officials said on Friday that lifting the embargo on Pyongyang is out of the question.");
    let e = event(&doc, |e| e.verb == "lifting");
    assert_eq!(code(&e.source), Some("JPNGOV"));
}

/// A reminder is said: what it says someone must do is a demand by the one who reminds,
/// and the addressee's pronoun is not the speaker.
#[test]
fn a_reminder_that_someone_must_act_is_the_reminders_demand() {
    let doc = run("The Dutch prime minister reminded Serbia that it must hand over the suspects.");
    let e = event(&doc, |e| e.verb == "hand");
    assert_eq!(code(&e.source), Some("NLDGOV"));
    assert_ne!(code(&e.target), Some("NLDGOV"));
}

/// A verb the parse gives two subjects ("aircraft using precision guided missiles killed",
/// the missiles a second subject) takes the one that names an actor.
#[test]
fn of_two_subjects_the_actor_is_the_source() {
    let doc =
        run("Italian aircraft using precision guided missiles killed four gunmen near Sirte.");
    let e = event(&doc, |e| e.verb == "killed");
    assert_eq!(code(&e.source), Some("ITAMIL"));
}

/// A capital stands for its government, except where arms strike the city itself.
#[test]
fn shelling_a_capital_targets_its_people_a_warning_its_government() {
    let doc = run("Rebel gunners shelled Kabul on Sunday.");
    let e = event(&doc, |e| e.verb == "shelled");
    assert_eq!(code(&e.target), Some("AFGCVL"));
    let doc = run("Moscow warned Kyiv against joining the alliance.");
    let e = event(&doc, |e| e.verb == "warned");
    assert_eq!(code(&e.target), Some("UKRGOV"));
}

/// A complaint made to one party over what another did is aimed at the other.
#[test]
fn a_complaint_to_one_party_over_another_targets_the_other() {
    let doc =
        run("Cyprus complained to the European Union on Monday over three Turkish naval drills.");
    let e = event(&doc, |e| e.verb == "complained");
    assert_eq!(code(&e.target), Some("TUR"));
}

/// "is opposed to", "is committed to": a passive of stance is the subject's own act.
#[test]
fn a_passive_of_stance_is_the_subjects_act() {
    let doc = run("Norway is opposed to Swedish plans for a new pipeline.");
    let e = event(&doc, |e| e.verb == "opposed");
    assert_eq!(code(&e.source), Some("NOR"));
    assert_eq!(code(&e.target), Some("SWE"));
}

/// A pronoun that stands for the speaker is reported as the speaker's phrase, and the
/// speaker is not also the target.
#[test]
fn a_pronoun_for_the_speaker_is_the_speakers_phrase() {
    let doc = run("The Chilean authorities said they are committed to reopening the border.");
    let e = event(&doc, |e| e.verb == "committed");
    let source = e.source.as_ref().expect("a source");
    assert_eq!(source.code, "CHLGOV");
    assert_eq!(source.text, "Chilean authorities");
    assert!(e.target.is_none(), "{e:?}");
}

/// A role with "from" and a country hung on it takes that country ("a missionary from
/// Canada"), but not where the phrase is where the role's people leave ("withdrew its
/// troops from Sudan").
#[test]
fn a_role_from_a_country_takes_its_country() {
    let doc = run("A missionary from Canada was arrested in Lebanon.");
    let e = event(&doc, |e| e.verb == "arrested");
    assert_eq!(code(&e.target), Some("CANREL"));
    let doc = run("Chad withdrew its troops from Sudan on Monday.");
    let e = event(&doc, |e| e.verb == "withdrew");
    assert_eq!(code(&e.target), Some("SDN"));
}

/// Peacekeepers who arrive somewhere provide peacekeeping; an official who arrives visits.
#[test]
fn arriving_peacekeepers_keep_the_peace() {
    let doc = run("Two hundred Kenyan peacekeepers arrived in Mogadishu on Friday.");
    let e = event(&doc, |e| e.verb == "arrived");
    assert_eq!(e.cameo, "074");
    assert_eq!(e.plover.kind, "AID");
    let doc = run("The Kenyan foreign minister arrived in Mogadishu on Friday.");
    let e = event(&doc, |e| e.verb == "arrived");
    assert_eq!(e.cameo, "042");
}

/// "reiterated that X must hand over suspects": a restated demand is the speaker's, aimed
/// at the party that must act.
#[test]
fn a_reiterated_demand_is_the_speakers() {
    let doc =
        run("The Dutch foreign minister reiterated that Serbia must hand over the two suspects.");
    let e = event(&doc, |e| e.verb == "hand");
    assert_eq!(e.plover.kind, "REQUEST");
    assert_eq!(code(&e.source), Some("NLDGOV"));
    assert_eq!(code(&e.target), Some("SRB"));
}

/// A capital after "to" and a verb of motion is a destination, not its government; after
/// other verbs it still stands for the government.
#[test]
fn a_capital_one_flees_to_is_a_place() {
    let actor_named = |doc: &Document, name: &str| {
        doc.mentions.iter().any(|m| {
            doc.span_text(m.span) == name
                && m.actor
                    .is_some_and(|a| doc.actors[a as usize].role.as_deref() == Some("GOV"))
        })
    };
    let doc = run("The dissident fled to Minsk after police searched his flat.");
    assert!(!actor_named(&doc, "Minsk"), "{:?}", doc.mentions);
    let doc = run("The opposition leader wrote to Minsk on Friday.");
    assert!(actor_named(&doc, "Minsk"), "{:?}", doc.mentions);
}

/// An unknown name that police arrest is a person, and the arrest's target.
#[test]
fn a_name_police_arrest_is_a_person() {
    let doc = run("Police in Accra arrested Kwabena Mensah on Monday.");
    let e = event(&doc, |e| e.verb == "arrested");
    let target = e.target.as_ref().expect("a target");
    assert_eq!(target.text, "Kwabena Mensah");
}
