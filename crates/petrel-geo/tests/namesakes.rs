//! People named like places: a name the article uses for a person is not a place, while
//! real places that share a person's name keep their reading (invented news text).

use petrel_doc::Document;

mod common;
use common::run;

fn texts(d: &Document) -> Vec<&str> {
    d.places.iter().map(|p| p.text.as_str()).collect()
}

#[test]
fn a_senator_named_earlier_is_not_a_place_later() {
    let d = run(
        "Sen. Ted Cruz of Texas spent Tuesday courting donors in Houston. \
         Cruz told reporters the primary was far from settled. \
         Party leaders sent a letter to Cruz urging him to tone down his attacks. \
         Cruz said he would answer it on Friday.",
    );
    let t = texts(&d);
    assert!(!t.contains(&"Cruz"), "{:#?}", d.places);
    assert!(t.contains(&"Texas") && t.contains(&"Houston"), "{t:?}");
}

#[test]
fn santa_cruz_keeps_its_place() {
    let d = run(
        "Storms flooded roads in Santa Cruz, California, on Monday. \
         Santa Cruz officials said schools would stay closed until Wednesday.",
    );
    let sc = d
        .places
        .iter()
        .find(|p| p.text == "Santa Cruz")
        .unwrap_or_else(|| panic!("{:#?}", d.places));
    assert_eq!(sc.country.as_deref(), Some("USA"));
}

#[test]
fn a_jab_at_a_candidate_does_not_make_her_a_town() {
    // "at" and "from" take people as often as places; the person reading is the
    // article's, backed by the full name, a title and speech verbs.
    let d = run(
        "Former Secretary of State Hillary Clinton held a rally in Ohio on Monday. \
         Her rival took a jab at Clinton over trade. \
         Clinton said the attack was a sign of weakness. \
         Mrs. Clinton added that she had a plan. \
         Clinton's campaign released new figures from Clinton supporters.",
    );
    let t = texts(&d);
    assert!(!t.contains(&"Clinton"), "{:#?}", d.places);
    assert!(t.contains(&"Ohio"), "{t:?}");
}

#[test]
fn a_town_named_after_the_preposition_in_stays_a_town() {
    // A town that shares a person's name: the place preposition outweighs one title.
    let d = run("Floodwaters reached homes in Clinton, Iowa, on Sunday. \
         Mr. Clinton, a retired teacher, watched from his porch. \
         Residents near Clinton were told to leave, and shelters in Clinton filled up.");
    let t = texts(&d);
    assert!(t.contains(&"Clinton"), "{:#?}", d.places);
}

#[test]
fn a_capital_shared_with_a_person_keeps_its_reading() {
    // Person evidence for "Washington" does not drop a capital.
    let d = run(
        "Mr. Washington, a historian at a state university, spoke on Monday. \
         He expects Washington and Beijing to resume trade talks soon.",
    );
    let t = texts(&d);
    assert!(t.contains(&"Washington"), "{:#?}", d.places);
}

#[test]
fn a_state_name_used_by_a_speaker_is_the_speaker() {
    // "Pando" names a Bolivian department, but here it is a senator who speaks.
    let d = run(
        "Sen. Maria Pando of New Mexico opened the hearing on Thursday. \
         Pando said the agency had ignored warnings for months.",
    );
    let t = texts(&d);
    assert!(!t.contains(&"Pando"), "{:#?}", d.places);
    assert!(t.contains(&"New Mexico"), "{t:?}");
    let bolivia = run("Floods cut off villages in Pando, in northern Bolivia, this week.");
    assert!(texts(&bolivia).contains(&"Pando"), "{:#?}", bolivia.places);
}

#[test]
fn a_town_that_says_something_is_still_a_town() {
    // A speech verb after a name is person evidence only for a name already used for a
    // person in the article.
    let d = run("Voters in Gainesville rejected the measure on Tuesday. \
         Gainesville says it will not appeal, and Gainesville residents went home.");
    let n = texts(&d).iter().filter(|&&t| t == "Gainesville").count();
    assert!(n >= 2, "{:#?}", d.places);
}
