//! Actor resolution on invented news text, tokenised by petrel-text (no tagger or parser).

use petrel_actors::ActorsComponent;
use petrel_doc::{Component, Document, MentionKind, Meta};

fn run(text: &str) -> Document {
    run_dated(None, text)
}

/// Runs the text and actor stages on `text` as an article of `date`.
fn run_dated(date: Option<&str>, text: &str) -> Document {
    let meta = Meta {
        date: date.map(str::to_string),
        ..Default::default()
    };
    let mut doc = Document::new(meta, text);
    petrel_text::TextComponent::default()
        .process(&mut doc)
        .unwrap();
    ActorsComponent::default().process(&mut doc).unwrap();
    doc
}

#[allow(dead_code)]
fn dump(doc: &Document) {
    for m in &doc.mentions {
        eprintln!(
            "{:?} {:?} {:?}",
            doc.span_text(m.span),
            m.kind,
            m.actor.map(|a| &doc.actors[a as usize].code)
        );
    }
}

fn actor_of<'a>(doc: &'a Document, text: &str) -> Option<&'a petrel_doc::Actor> {
    let m = doc
        .mentions
        .iter()
        .find(|m| doc.span_text(m.span).contains(text))?;
    m.actor.map(|a| &doc.actors[a as usize])
}

#[test]
fn person_with_country_and_title_and_later_references() {
    let doc = run(
        "Kyrgyzstan's embattled president Kurmanbek Bakiyev left the capital on Thursday. \
         Mr Bakiyev said he would not resign. Crowds cheered as the ousted president flew south. \
         Bakiyev later spoke to reporters.",
    );
    dump(&doc);
    let a = actor_of(&doc, "Kurmanbek Bakiyev").expect("person found");
    assert_eq!(a.name, "Kurmanbek Bakiyev");
    assert_eq!(a.code, "KGZGOV");
    let idx = doc
        .actors
        .iter()
        .position(|x| x.name == "Kurmanbek Bakiyev")
        .unwrap() as u32;
    let refs: Vec<&str> = doc
        .mentions
        .iter()
        .filter(|m| m.actor == Some(idx))
        .map(|m| doc.span_text(m.span))
        .collect();
    assert!(refs.contains(&"Mr Bakiyev"), "{refs:?}");
    assert!(refs.contains(&"he"), "{refs:?}");
    assert!(refs.contains(&"ousted president"), "{refs:?}");
    assert!(refs.contains(&"Bakiyev"), "{refs:?}");
}

#[test]
fn nationality_adjective_and_title() {
    let doc = run("Russian prime minister Vladimir Putin spoke with officials in Bishkek.");
    let a = actor_of(&doc, "Vladimir Putin").unwrap();
    assert_eq!(a.country.as_deref(), Some("RUS"));
    assert_eq!(a.role.as_deref(), Some("GOV"));
    // "in" + capital gives a role its country
    assert_eq!(
        actor_of(&doc, "officials in Bishkek").unwrap().code,
        "KGZGOV"
    );
    // a capital after "in" is a place, not an actor
    let doc = run("Talks were held in Bishkek.");
    let m = doc
        .mentions
        .iter()
        .find(|m| doc.span_text(m.span) == "Bishkek")
        .unwrap();
    assert_eq!(m.kind, MentionKind::Place);
    assert!(m.actor.is_none());
}

#[test]
fn well_known_leaders_take_country_and_office_from_the_article_date() {
    let doc = run_dated(Some("2019-05-02"), "Merkel met the envoy in Berlin.");
    assert_eq!(actor_of(&doc, "Merkel").unwrap().code, "DEUGOV");
    let doc = run_dated(Some("2023-05-02"), "Merkel met the envoy in Berlin.");
    assert_eq!(actor_of(&doc, "Merkel").unwrap().code, "DEU");
}

#[test]
fn country_abbreviations_and_names_before_a_title() {
    let doc = run("The envoy met UK Foreign Secretary Alan Brook and Iraq President Sami Nouri.");
    let a = actor_of(&doc, "Alan Brook").unwrap();
    assert_eq!(a.code, "GBRGOV");
    let a = actor_of(&doc, "Sami Nouri").unwrap();
    assert_eq!(a.code, "IRQGOV");
    // A country name before a lower-case role in a double object is not its attribute.
    let doc = run("Britain sent Kenya troops last year.");
    assert!(doc.actors.iter().all(|a| a.code != "KENMIL"));
}

#[test]
fn opponents_of_a_known_person_take_his_country() {
    let doc = run(
        "Kyrgyz president Kurmanbek Bakiyev fled. Opponents of Mr Bakiyev seized the building.",
    );
    let a = actor_of(&doc, "Opponents").unwrap();
    assert_eq!(a.code, "KGZOPP");
}

#[test]
fn capitals_as_governments_and_organisations() {
    let doc =
        run("Moscow warned Kyiv on Monday. The UN and NATO responded, and Russian troops moved.");
    assert_eq!(actor_of(&doc, "Moscow").unwrap().code, "RUSGOV");
    assert_eq!(actor_of(&doc, "Kyiv").unwrap().code, "UKRGOV");
    assert_eq!(actor_of(&doc, "UN").unwrap().code, "IGOUNO");
    assert_eq!(
        actor_of(&doc, "NATO").unwrap().country.as_deref(),
        Some("IGO")
    );
    assert_eq!(actor_of(&doc, "Russian troops").unwrap().code, "RUSMIL");
}

#[test]
fn apposition_gives_role_and_country() {
    let doc = run("Amara Kelloway, the foreign minister of Liberia, arrived on Monday.");
    let a = actor_of(&doc, "Amara Kelloway").unwrap();
    assert_eq!(a.code, "LBRGOV");
}

#[test]
fn adjective_before_other_nouns_is_not_an_actor() {
    let doc = run("Prices of Russian gas rose while Ukrainian police patrolled.");
    assert!(actor_of(&doc, "Russian gas").is_none());
    assert_eq!(actor_of(&doc, "Ukrainian police").unwrap().code, "UKRCOP");
}

#[test]
fn same_group_is_one_actor_and_lowercase_us_is_not_a_country() {
    let doc = run("Police arrested ten people. The police later let us go.");
    let cops: Vec<_> = doc.actors.iter().filter(|a| a.code == "COP").collect();
    assert_eq!(cops.len(), 1);
    assert_eq!(cops[0].mentions.len(), 2);
    assert!(doc.actors.iter().all(|a| a.code != "USA"));
}

/// A spokesperson is coded as the body they speak for, not as a government official.
#[test]
fn a_spokesperson_for_a_body_is_coded_as_the_body() {
    let doc = run(
        "Grace Wanjiru, a spokeswoman for the Kenyan opposition coalition, condemned the raid. \
         A spokesman for the United Nations said aid would arrive on Friday.",
    );
    let a = actor_of(&doc, "Grace Wanjiru").expect("the spokeswoman");
    assert_eq!(a.code, "KENOPP", "{:?}", doc.actors);
    let un = actor_of(&doc, "spokesman").expect("the UN spokesman");
    assert_eq!(un.code, "IGOUNO", "{:?}", doc.actors);
    // A spokesman of no named body keeps the government role.
    let doc = run("A Kenyan government spokesman said the curfew would end.");
    let a = actor_of(&doc, "spokesman").expect("the spokesman");
    assert_eq!(a.code, "KENGOV", "{:?}", doc.actors);
}

/// Abbreviated ranks and offices carry their role: a general is military, a senator a
/// legislator, a governor government.
#[test]
fn abbreviated_ranks_and_offices_carry_their_role() {
    let doc = run(
        "Ugandan troops under Gen. Okello Mwesigwa crossed the border. Sen. Dana Whitcombe \
         and Gov. Luis Arbelo criticised the move.",
    );
    dump(&doc);
    assert!(actor_of(&doc, "Okello Mwesigwa")
        .unwrap()
        .code
        .ends_with("MIL"));
    assert!(actor_of(&doc, "Dana Whitcombe")
        .unwrap()
        .code
        .ends_with("LEG"));
    assert!(actor_of(&doc, "Luis Arbelo").unwrap().code.ends_with("GOV"));
}

/// A chief minister heads a state government, whatever "chief" alone would say.
#[test]
fn a_chief_minister_is_government() {
    let doc = run("Kerala Chief Minister Anil Varghese met flood victims in India on Monday.");
    dump(&doc);
    assert!(actor_of(&doc, "Anil Varghese")
        .unwrap()
        .code
        .ends_with("GOV"));
}

/// The leaders of a body are coded as that body; the leader of a country is its government.
#[test]
fn leaders_of_a_body_are_that_body() {
    let doc = run(
        "Leaders of the main opposition coalition agreed to delay the march. The chief of the \
         rebel movement rejected the truce. The leader of Georgia flew to Brussels.",
    );
    dump(&doc);
    assert!(actor_of(&doc, "Leaders").unwrap().code.ends_with("OPP"));
    assert!(actor_of(&doc, "chief").unwrap().code.ends_with("REB"));
    assert_eq!(actor_of(&doc, "leader").unwrap().code, "GEOGOV");
}

/// Members of a party and a coalition partner are the party role.
#[test]
fn party_members_and_coalition_partners_are_parties() {
    let doc = run("Angry party members and a junior coalition partner walked out of the vote.");
    dump(&doc);
    assert!(actor_of(&doc, "party members")
        .unwrap()
        .code
        .ends_with("PTY"));
    assert!(actor_of(&doc, "coalition partner")
        .unwrap()
        .code
        .ends_with("PTY"));
}

/// The code of the actor whose mention contains `text` (panics, naming it, when none does).
fn code_of<'a>(doc: &'a Document, text: &str) -> &'a str {
    &actor_of(doc, text)
        .unwrap_or_else(|| panic!("no actor for {text:?}"))
        .code
}

/// The role of the actor whose mention contains `text`.
fn role_of<'a>(doc: &'a Document, text: &str) -> Option<&'a str> {
    actor_of(doc, text)
        .unwrap_or_else(|| panic!("no actor for {text:?}"))
        .role
        .as_deref()
}

/// Refugees and the displaced are CAMEO's `REF`, as in the PETRARCH agents dictionary; other
/// people on the move stay civilians.
#[test]
fn refugees_are_ref_and_migrants_civilians() {
    let doc = run("Sudanese refugees and returnees reached the camp as migrants waited.");
    assert_eq!(code_of(&doc, "refugees"), "SDNREF");
    assert_eq!(role_of(&doc, "returnees"), Some("REF"));
    assert_eq!(role_of(&doc, "migrants"), Some("CVL"));
}

/// A plural demonym alone, or a people ("Kurds"), names private persons (`CVL`); workers are
/// labour, expatriates `REF` and regulators government, as in the PETRARCH agents dictionary;
/// immigrants are civilians.
#[test]
fn peoples_workers_and_immigrants_take_the_agents_dictionary_roles() {
    let doc = run(
        "Police held forty Liberians and two Kenyan workers. Ghanaian immigrants and \
         British expatriates left the port. Palestinian leaders met the envoy. Syrian Kurds \
         marched.",
    );
    assert_eq!(code_of(&doc, "Syrian Kurds"), "SYRCVL");
    assert_eq!(code_of(&doc, "Liberians"), "LBRCVL");
    assert_eq!(code_of(&doc, "Kenyan workers"), "KENLAB");
    assert_eq!(code_of(&doc, "Ghanaian immigrants"), "GHACVL");
    assert_eq!(code_of(&doc, "British expatriates"), "GBRREF");
    assert_ne!(role_of(&doc, "Palestinian leaders"), Some("CVL"));
    let doc = run("Chinese regulators fined the bank.");
    assert_eq!(code_of(&doc, "regulators"), "CHNGOV");
}

/// A former officeholder is `ELI` and an ousted one `OPP`, as in the PETRARCH agents
/// dictionary; a sitting one stays `GOV`, and "former" before a non-government role leaves it.
#[test]
fn former_officeholders_are_elites_and_ousted_ones_opposition() {
    let doc = run(
        "Former Greek prime minister Nikos Varga met Ghana's former foreign minister. The \
         ousted president fled. President Kofi Mensah met former rebels.",
    );
    assert_eq!(code_of(&doc, "Nikos Varga"), "GRCELI");
    assert_eq!(code_of(&doc, "former foreign minister"), "GHAELI");
    assert_eq!(role_of(&doc, "ousted president"), Some("OPP"));
    assert_eq!(role_of(&doc, "Kofi Mensah"), Some("GOV"));
    assert_eq!(role_of(&doc, "rebels"), Some("REB"));
}

/// A role phrase marked `=` in roles.tsv matches only as written: "the union" and "dock
/// unions" are labour, the capitalised "Union" of a name is not.
#[test]
fn a_spelled_role_does_not_match_a_capitalised_name() {
    let doc = run("The dock unions called a strike. The Karen National Union rejected the talks.");
    assert_eq!(role_of(&doc, "unions"), Some("LAB"));
    let union_is_labour = doc.mentions.iter().any(|m| {
        doc.span_text(m.span).contains("Union")
            && m.actor
                .is_some_and(|a| doc.actors[a as usize].role.as_deref() == Some("LAB"))
    });
    assert!(!union_is_labour, "{:?}", doc.mentions);
}

/// Two nationalities joined before a role noun each take the role, also when the first is
/// two words, and the first is not also a country-only mention.
#[test]
fn paired_nationalities_share_the_role() {
    let doc = run("Guards beat Sierra Leonean and Liberian refugees at the camp.");
    let codes: Vec<&str> = doc
        .mentions
        .iter()
        .filter_map(|m| m.actor.map(|a| doc.actors[a as usize].code.as_str()))
        .collect();
    assert!(codes.contains(&"SLEREF"), "{codes:?}");
    assert!(codes.contains(&"LBRREF"), "{codes:?}");
    assert!(
        !codes.contains(&"SLE") && !codes.contains(&"LBR"),
        "{codes:?}"
    );
    let doc = run("Guards beat Liberian and Sierra Leonean refugees at the camp.");
    assert_eq!(code_of(&doc, "Liberian"), "LBRREF");
    assert_eq!(
        doc.mentions
            .iter()
            .filter(|m| doc.span_text(m.span) == "Liberian")
            .count(),
        1
    );
}

/// An organisation the lexicon does not know is an actor when its name ends in a head noun
/// that tells its kind; each name is its own actor, and a determiner is no name.
#[test]
fn unknown_organisations_take_their_role_from_the_head_noun() {
    let doc = run("Halvor Group and Tessaly Holdings signed a deal. The Group said little.");
    assert_eq!(code_of(&doc, "Halvor"), "BUS");
    assert_eq!(code_of(&doc, "Tessaly"), "BUS");
    let a = actor_of(&doc, "Halvor").unwrap();
    let b = actor_of(&doc, "Tessaly").unwrap();
    assert_ne!(a.name, b.name);
    assert!(actor_of(&doc, "The Group").is_none());
    let doc = run("The Kenya Anti-Corruption Commission questioned a minister.");
    assert_eq!(code_of(&doc, "Commission"), "KENGOV");
    assert_eq!(
        actor_of(&doc, "Commission").unwrap().name,
        "Kenya Anti-Corruption Commission"
    );
}

/// Armed groups of past and present conflicts carry their country and rebel role.
#[test]
fn armed_groups_of_past_conflicts_are_known() {
    let doc = run("UNITA shelled the town while the Revolutionary United Front regrouped.");
    assert_eq!(code_of(&doc, "UNITA"), "AGOREBUNI");
    assert_eq!(code_of(&doc, "Revolutionary United Front"), "SLEREBRUF");
    // An all-capital name matches only as spelled: the verb "mend" is no group.
    let doc = run("Both sides hoped to mend ties.");
    assert!(actor_of(&doc, "mend").is_none());
}
