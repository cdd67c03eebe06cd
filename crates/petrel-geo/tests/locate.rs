//! Roles placed by a place in their own phrase take its country ("a hospital in Kherson");
//! invented news text through petrel's tokenizer, tagger, parser, actors and places.

use petrel_doc::Document;

mod common;
use common::run_parsed as run;

/// (mention text, actor code) of every mention with an actor.
fn codes(doc: &Document) -> Vec<(&str, &str)> {
    doc.mentions
        .iter()
        .filter_map(|m| {
            let a = &doc.actors[m.actor? as usize];
            Some((doc.span_text(m.span), a.code.as_str()))
        })
        .collect()
}

fn code<'a>(doc: &'a Document, text: &str) -> Option<&'a str> {
    codes(doc).into_iter().find(|c| c.0 == text).map(|c| c.1)
}

#[test]
fn a_role_in_a_place_takes_the_place_country() {
    let doc = run(
        "Russian drones hit a maternity hospital in Zaporizhzhia on Sunday. \
         Russian soldiers near Zaporizhzhia dug new trenches, and protesters in Gyumri \
         marched to the town hall.",
    );
    let c = codes(&doc);
    assert_eq!(code(&doc, "maternity hospital"), Some("UKRHLH"), "{c:?}");
    // A nationality in the phrase wins over the place.
    assert_eq!(code(&doc, "Russian soldiers"), Some("RUSMIL"), "{c:?}");
    assert_eq!(code(&doc, "protesters"), Some("ARMCVL"), "{c:?}");
}

#[test]
fn a_place_before_a_role_places_it_too() {
    let doc = run("Shells hit a Kharkiv school, and Lviv's mayor sent buses to collect children.");
    let c = codes(&doc);
    assert_eq!(code(&doc, "Kharkiv school"), Some("UKREDU"), "{c:?}");
    assert_eq!(code(&doc, "mayor"), Some("UKRGOV"), "{c:?}");
}

#[test]
fn roles_that_travel_keep_no_country() {
    let doc = run(
        "Finance ministers met in Geneva on Monday, while foreign reporters in Lviv waited \
         for news and troops in Kherson dug in.",
    );
    let c = codes(&doc);
    for (text, code) in &c {
        assert!(
            !code.starts_with("CHE") && !code.starts_with("UKR"),
            "{text} coded {code}: {c:?}"
        );
    }
    assert!(!c.is_empty());
}

#[test]
fn a_name_before_a_role_needs_other_places_of_its_country() {
    // "Pando" is also a Bolivian department, but nothing else here is Bolivian.
    let doc = run("A Pando investor said the Chicago start-up would hire 40 engineers.");
    let c = codes(&doc);
    assert!(c.iter().all(|(_, code)| !code.starts_with("BOL")), "{c:?}");
    // The crowd at a rally of someone named like a town is not that town's.
    let doc = run("Reporters noted the small crowd at Rubio's rally in Iowa.");
    let c = codes(&doc);
    assert!(c.iter().all(|(_, code)| !code.starts_with("VEN")), "{c:?}");
}

#[test]
fn a_country_name_the_places_read_as_a_state_recodes_its_actors() {
    let doc = run(
        "Georgia's governor declared an emergency after floods in Macon and Augusta. \
         Georgia police closed the interstate.",
    );
    let c = codes(&doc);
    assert_eq!(code(&doc, "Georgia's governor"), Some("USAGOV"), "{c:?}");
    let doc = run(
        "Georgia's prime minister visited Kutaisi and Batumi on Monday. \
         Georgia police detained dozens of protesters.",
    );
    let c = codes(&doc);
    assert_eq!(
        code(&doc, "Georgia's prime minister"),
        Some("GEOGOV"),
        "{c:?}"
    );
}
