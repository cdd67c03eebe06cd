//! Counts on invented news sentences.

use petrel_counts::{counts_for_event, CountsComponent};
use petrel_doc::{Component, Count, Document, Meta};
use proptest::prelude::*;

fn doc_with(text: &str, tokenize: bool) -> Document {
    let mut doc = Document::new(
        Meta {
            date: Some("2010-04-09".into()),
            ..Default::default()
        },
        text,
    );
    if tokenize {
        petrel_text::TextComponent::default()
            .process(&mut doc)
            .unwrap();
    }
    petrel_time::TimeComponent.process(&mut doc).unwrap();
    CountsComponent.process(&mut doc).unwrap();
    doc
}

/// Counts with the pipeline's tokenizer; the built-in one must agree.
fn counts(text: &str) -> Vec<Count> {
    let a = doc_with(text, true).counts;
    let b = doc_with(text, false).counts;
    assert_eq!(a, b, "tokenizers disagree on {text:?}");
    a
}

/// (kind, value, qualifier, currency) of the only count in `text`.
fn one(text: &str) -> (String, f64, String, Option<String>) {
    let v = counts(text);
    assert_eq!(v.len(), 1, "expected one count in {text:?}, got {v:?}");
    let c = v.into_iter().next().unwrap();
    (c.kind, c.value, c.qualifier, c.currency)
}

fn c(kind: &str, value: f64, q: &str, cur: Option<&str>) -> (String, f64, String, Option<String>) {
    (kind.into(), value, q.into(), cur.map(str::to_string))
}

#[test]
fn casualties_from_nouns_and_verbs() {
    assert_eq!(
        one("The floods caused at least 84 deaths in the north."),
        c("killed", 84.0, "at_least", None)
    );
    assert_eq!(
        one("Twelve civilians were killed when the shell hit the market."),
        c("killed", 12.0, "exact", None)
    );
    assert_eq!(
        one("The blast tore through the bus, killing 23 passengers."),
        c("killed", 23.0, "exact", None)
    );
    assert_eq!(
        one("More than 200 people were injured in the clashes."),
        c("wounded", 200.0, "at_least", None)
    );
    assert_eq!(
        one("Officials said nearly 40 were wounded."),
        c("wounded", 40.0, "about", None)
    );
}

#[test]
fn arrests_crowds_troops() {
    assert_eq!(
        one("Police arrested 35 students after the rally."),
        c("arrested", 35.0, "exact", None)
    );
    assert_eq!(
        one("Some 5,000 protesters filled the square."),
        c("crowd", 5000.0, "about", None)
    );
    assert_eq!(
        one("Tens of thousands of people marched through the capital."),
        c("crowd", 20000.0, "at_least", None)
    );
    assert_eq!(
        one("The ministry will send 1,500 troops to the border."),
        c("troops", 1500.0, "exact", None)
    );
    assert_eq!(
        one("Police detained 300 protesters overnight."),
        c("arrested", 300.0, "exact", None)
    );
    assert_eq!(
        one("Hundreds of demonstrators gathered outside the embassy."),
        c("crowd", 200.0, "at_least", None)
    );
    // A crowd told by its verb alone, and a partitive "of the".
    assert_eq!(
        one("Thousands of striking dockers protested outside the ministry."),
        c("crowd", 2000.0, "at_least", None)
    );
    assert_eq!(
        one("Nine of the soldiers were killed in the ambush."),
        c("killed", 9.0, "exact", None)
    );
    // A count that opens its own clause takes that clause's verb, not the one before.
    let v = counts("Six gunmen were killed and three were captured near the border.");
    let kinds: Vec<(&str, f64)> = v.iter().map(|c| (c.kind.as_str(), c.value)).collect();
    assert_eq!(kinds, [("killed", 6.0), ("arrested", 3.0)], "{v:?}");
    let v = counts("Six gunmen were killed and three were seen fleeing.");
    assert!(
        v.iter().all(|c| c.value != 3.0 || c.kind != "killed"),
        "{v:?}"
    );
}

#[test]
fn money_and_currencies() {
    assert_eq!(
        one("Donors pledged $50 million in aid."),
        c("money", 50_000_000.0, "exact", Some("USD"))
    );
    assert_eq!(
        one("The bank lent the utility 50m euros."),
        c("money", 50_000_000.0, "exact", Some("EUR"))
    );
    assert_eq!(
        one("The fine was £1.5bn, regulators said."),
        c("money", 1_500_000_000.0, "exact", Some("GBP"))
    );
    assert_eq!(
        one("Up to 3 billion yen went missing."),
        c("money", 3_000_000_000.0, "at_most", Some("JPY"))
    );
    assert_eq!(
        one("Kenya sought 2.5 million Kenyan shillings."),
        c("money", 2_500_000.0, "exact", Some("KES"))
    );
}

#[test]
fn ambiguous_units_and_subunits() {
    // pounds of weight are not money unless a multiplier says so
    assert_eq!(
        one("The convoy carried 500 pounds of rice."),
        c("other", 500.0, "exact", None)
    );
    assert_eq!(
        one("The club was sold for 20 million pounds."),
        c("money", 20_000_000.0, "exact", Some("GBP"))
    );
    assert_eq!(
        one("Bread rose by 40 cents."),
        c("money", 0.4, "exact", Some("USD"))
    );
    // ages and "one of" are not counts
    assert!(counts("A 6-year-old boy and one of his cousins were rescued.").is_empty());
}

#[test]
fn number_words_and_multipliers() {
    assert_eq!(
        one("A dozen soldiers were hurt."),
        c("wounded", 12.0, "exact", None)
    );
    assert_eq!(
        one("Forty-five people died in the fire."),
        c("killed", 45.0, "exact", None)
    );
    assert_eq!(
        one("About 1.5 million refugees have fled."),
        c("other", 1_500_000.0, "about", None)
    );
}

#[test]
fn skips_years_times_percentages() {
    assert!(counts("The party was founded in 2009.").is_empty());
    assert!(counts("Turnout fell 12 percent on Tuesday.").is_empty());
    assert!(counts("The siege lasted three days.").is_empty());
    assert!(counts("The blast came at 10:35 a.m.").is_empty());
    // stacked multipliers stop after two, so values stay finite
    let v = counts("They owed 9 trillion trillion trillion trillion trillion trillion dollars.");
    assert!(v.iter().all(|c| c.value.is_finite()));
}

#[test]
fn spans_cover_the_counted_phrase() {
    let text = "At least 84 people were killed.";
    let v = counts(text);
    assert_eq!(v.len(), 1);
    assert_eq!(
        &text[v[0].start as usize..v[0].end as usize],
        "At least 84 people"
    );
    assert_eq!(v[0].text, "At least 84 people");
}

#[test]
fn counts_of_an_event_are_those_of_its_sentence() {
    let d = doc_with(
        "Troops killed 14 rebels near the border. Police arrested 30 people in the capital.",
        true,
    );
    assert_eq!(d.counts.len(), 2);
    let arrested = (0..d.tokens.len())
        .find(|&i| d.form(i) == "arrested")
        .unwrap();
    assert_eq!(counts_for_event(&d, arrested, "173"), vec![1]);
    assert_eq!(d.counts[1].kind, "arrested");
    assert!(counts_for_event(&d, 10_000, "173").is_empty());
}

#[test]
fn vague_quantities_without_of_and_nouns_before_the_number() {
    assert_eq!(
        one("Dozens wounded were taken to the district hospital."),
        c("wounded", 24.0, "at_least", None)
    );
    assert_eq!(
        one("Hundreds were detained after the rally."),
        c("arrested", 200.0, "at_least", None)
    );
    // A vague word alone is not a count.
    assert!(counts("Scores of the exam were published.")
        .iter()
        .all(|x| x.kind != "killed"));
    assert_eq!(
        one("Fresh troops numbering about 3,000 reached the valley."),
        c("troops", 3000.0, "about", None)
    );
    assert_eq!(
        one("The crowd, estimated at 8,000, filled the square."),
        c("crowd", 8000.0, "about", None)
    );
}

/// Casualty, arrest and money counts join the events they fit; with a parse, other counts
/// join only the event of their own clause.
#[test]
fn counts_join_the_events_they_fit() {
    let parsed = |text: &str| {
        let mut d = Document::new(Meta::default(), text);
        petrel_text::TextComponent::default()
            .process(&mut d)
            .unwrap();
        petrel_syntax::TaggerComponent::embedded()
            .unwrap()
            .process(&mut d)
            .unwrap();
        petrel_syntax::ParserComponent::embedded()
            .unwrap()
            .process(&mut d)
            .unwrap();
        petrel_time::TimeComponent.process(&mut d).unwrap();
        CountsComponent.process(&mut d).unwrap();
        d
    };
    let at = |d: &Document, w: &str| (0..d.tokens.len()).find(|&i| d.form(i) == w).unwrap();

    let d = parsed("Officials said 40 miners were arrested and that the ministry would pay 2 million euros in compensation.");
    let kinds: Vec<&str> = d.counts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["arrested", "money"]);
    assert_eq!(counts_for_event(&d, at(&d, "arrested"), "173"), vec![0]);
    assert_eq!(counts_for_event(&d, at(&d, "pay"), "071"), vec![1]);

    let d = parsed("Police arrested 40 miners, and the strikers later burned 12 buses.");
    let kinds: Vec<&str> = d.counts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["arrested", "other"]);
    assert_eq!(counts_for_event(&d, at(&d, "arrested"), "173"), vec![0]);
    assert_eq!(counts_for_event(&d, at(&d, "burned"), "1831"), vec![1]);

    // A number of things the tagger calls common nouns is no casualty figure, whatever
    // the verb after it; people are.
    let d = parsed("Rockets hit depots in four northern provinces, killing nine guards.");
    let kinds: Vec<(&str, f64)> = d
        .counts
        .iter()
        .map(|c| (c.kind.as_str(), c.value))
        .collect();
    assert_eq!(kinds, [("other", 4.0), ("killed", 9.0)]);
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,80}") {
        for tokenize in [false, true] {
            let d = doc_with(&s, tokenize);
            for x in &d.counts {
                prop_assert!(x.start < x.end);
                prop_assert_eq!(&s[x.start as usize..x.end as usize], x.text.as_str());
                prop_assert!(x.value.is_finite());
            }
        }
    }

    #[test]
    fn odd_number_shapes(s in "([$£€]|at least |about |[0-9]{1,4}([.,][0-9]{1,3})?[mk]? |million |bn |hundreds of |twenty-?|euros |people |killed |,){0,10}") {
        let _ = doc_with(&s, true);
        let _ = doc_with(&s, false);
    }
}
