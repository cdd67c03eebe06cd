//! The dateline of an article ("YEREVAN, Nov 19 -") names where the story was filed, not an
//! actor; invented news text run through petrel's tokenizer, tagger and parser.

use petrel_doc::{Document, MentionKind};

mod common;
use common::run;

/// Text, kind and actor code of every mention.
fn show(doc: &Document) -> Vec<(&str, MentionKind, Option<&str>)> {
    doc.mentions
        .iter()
        .map(|m| {
            let code = m.actor.map(|a| doc.actors[a as usize].code.as_str());
            (doc.span_text(m.span), m.kind, code)
        })
        .collect()
}

fn code_of<'a>(doc: &'a Document, text: &str) -> Option<&'a str> {
    show(doc)
        .into_iter()
        .find(|m| m.0 == text)
        .and_then(|m| m.2)
}

#[test]
fn a_dateline_capital_is_no_actor() {
    let doc = run(
        "YEREVAN, Nov 19 - Riot police cleared a square in the centre on Wednesday. \
         Yerevan said the protest had not been allowed.",
    );
    let m = show(&doc);
    assert_eq!(m[0], ("YEREVAN", MentionKind::Place, None), "{m:?}");
    // The capital as a later sentence's subject is still the government.
    assert_eq!(code_of(&doc, "Yerevan"), Some("ARMGOV"), "{m:?}");
    assert!(doc
        .actors
        .iter()
        .all(|a| a.name != "Armenia" || a.mentions.len() == 1));
}

#[test]
fn a_dateline_with_its_country_and_a_full_date_names_no_actor() {
    let doc = run(
        "CHISINAU, Moldova, Nov. 19, 2026 -- The parliament of Moldova voted on the budget \
         after a long debate.",
    );
    let m = show(&doc);
    assert_eq!(m[0], ("CHISINAU", MentionKind::Place, None), "{m:?}");
    assert_eq!(m[1], ("Moldova", MentionKind::Place, None), "{m:?}");
    // Named in the story itself, the country still gives its parliament its code.
    assert_eq!(
        code_of(&doc, "parliament of Moldova"),
        Some("MDALEG"),
        "{m:?}"
    );
}

#[test]
fn an_opening_name_that_is_no_dateline_stays_an_actor() {
    // A verb before the dash: the capital is the sentence's subject.
    let doc =
        run("Yerevan, after weeks of talks, accepted the plan - officials said. The talks ended.");
    assert_eq!(code_of(&doc, "Yerevan"), Some("ARMGOV"), "{:?}", show(&doc));
    // An abbreviation before a comma opens a headline, not a dateline.
    let doc = run("US, China agree on tariffs. Talks resume in May.");
    assert_eq!(code_of(&doc, "US"), Some("USA"), "{:?}", show(&doc));
}

#[test]
fn a_dateline_in_any_case_closed_by_an_agency_names_no_actor() {
    let doc = run("Yerevan (Wire) - Riot police cleared a square in the centre on Wednesday.");
    let m = show(&doc);
    assert_eq!(m[0], ("Yerevan", MentionKind::Place, None), "{m:?}");
}

#[test]
fn a_dateline_in_capitals_on_its_own_line_names_no_actor() {
    let doc = run(
        "CHISINAU, Moldova\nThe parliament voted on the budget after a long debate. \
         Moldova later asked for a loan.",
    );
    let m = show(&doc);
    assert_eq!(m[0], ("CHISINAU", MentionKind::Place, None), "{m:?}");
    assert_eq!(m[1], ("Moldova", MentionKind::Place, None), "{m:?}");
    // Past the dateline the country acts again.
    assert!(
        doc.mentions
            .iter()
            .any(|x| doc.span_text(x.span) == "Moldova" && x.actor.is_some()),
        "{m:?}"
    );
}

#[test]
fn a_capital_before_a_dash_in_a_sentence_stays_an_actor() {
    // No comma, bracket or capitals: the capital is the subject, the dash an aside.
    let doc = run("Yerevan - and its allies - rejected the plan on Monday. Talks ended.");
    assert_eq!(code_of(&doc, "Yerevan"), Some("ARMGOV"), "{:?}", show(&doc));
}
