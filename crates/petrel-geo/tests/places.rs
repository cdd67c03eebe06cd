//! Place recognition, resolution and event locations on invented news text.

use petrel_doc::{Component, Document, Meta};
use petrel_geo::{event_location, resolve, Gazetteer, PlacesComponent, Toponym};

fn run(text: &str) -> Document {
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    PlacesComponent::default().process(&mut d).unwrap();
    d
}

fn place<'a>(d: &'a Document, text: &str) -> &'a petrel_doc::Place {
    d.places
        .iter()
        .find(|p| p.text == text)
        .unwrap_or_else(|| panic!("no place {text:?} in {:#?}", d.places))
}

#[test]
fn osh_with_a_country_qualifier_is_in_kyrgyzstan() {
    let d = run("Police clashed with protesters in Osh, Kyrgyzstan's second city, on Tuesday.");
    let osh = place(&d, "Osh");
    assert_eq!(osh.country.as_deref(), Some("KGZ"));
    assert!(
        (osh.lat - 40.5).abs() < 1.0 && (osh.lon - 72.8).abs() < 1.0,
        "{osh:?}"
    );
    assert_eq!(place(&d, "Kyrgyzstan").feature, "country");
}

#[test]
fn georgia_follows_the_article_country() {
    let us =
        run("The storm hit Atlanta and Savannah overnight. Officials in Georgia opened shelters.");
    assert_eq!(place(&us, "Georgia").feature, "admin1");
    assert_eq!(place(&us, "Georgia").country.as_deref(), Some("USA"));
    let caucasus = run("Troops crossed from Russia into Georgia near Tbilisi and Gori on Friday.");
    assert_eq!(place(&caucasus, "Georgia").feature, "country");
    assert_eq!(place(&caucasus, "Georgia").country.as_deref(), Some("GEO"));
}

#[test]
fn state_abbreviation_qualifier_picks_the_small_town() {
    let text = "A fire destroyed a barn near Alexandria, La., late Sunday.";
    let d = run(text);
    let a = place(&d, "Alexandria");
    assert_eq!(a.country.as_deref(), Some("USA"));
    assert!((a.lat - 31.3).abs() < 0.5, "{a:?}");
}

#[test]
fn people_and_months_are_not_places() {
    let d =
        run("Mr. Paris met Sarah Lincoln in May to discuss the budget in Chicago. Lincoln left.");
    assert!(d
        .places
        .iter()
        .all(|p| p.text != "Paris" && p.text != "May" && p.text != "Lincoln"));
    assert_eq!(place(&d, "Chicago").country.as_deref(), Some("USA"));
}

#[test]
fn person_mentions_from_the_actors_component_are_not_places() {
    use petrel_doc::{Mention, MentionKind, Span};
    let mut d = Document::new(Meta::default(), "Jordan Smith spoke in Amman.");
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    d.mentions.push(Mention {
        span: Span::new(0, 12),
        tokens: (0, 2),
        head: 1,
        kind: MentionKind::Person,
        actor: None,
    });
    PlacesComponent::default().process(&mut d).unwrap();
    assert!(
        d.places.iter().all(|p| p.text != "Jordan"),
        "{:?}",
        d.places
    );
    assert_eq!(place(&d, "Amman").country.as_deref(), Some("JOR"));
}

#[test]
fn event_location_is_the_place_of_the_event_not_of_the_actor() {
    let d = run("Kyrgyzstan's president said troops fired on a crowd in Jalal-Abad.");
    let trigger = (0..d.tokens.len()).find(|&i| d.form(i) == "fired").unwrap() as u32;
    let loc = event_location(&d, trigger).expect("a location");
    assert_eq!(d.places[loc as usize].text, "Jalal-Abad");
}

#[test]
fn resolve_with_given_names_uses_nearby_places() {
    let g = Gazetteer::embedded();
    let text = "Springfield and Decatur both sent crews; Champaign did too.";
    let tops: Vec<Toponym> = ["Springfield", "Decatur", "Champaign"]
        .iter()
        .map(|n| {
            let s = text.find(n).unwrap();
            Toponym {
                start: s,
                end: s + n.len(),
            }
        })
        .collect();
    let res = resolve(g, text, &tops);
    for r in res {
        let e = g.entry(r.expect("resolved"));
        assert_eq!(e.country_code(), "USA");
        assert_eq!(&*e.admin1, "illinois", "{e:?}");
    }
}

#[test]
fn odd_input_gives_no_panic() {
    for text in [
        "",
        ",",
        "In",
        "Osh,",
        ", Kyrgyzstan",
        "St. .",
        "U.S.",
        "In Paris, Texas, and in",
    ] {
        let d = run(text);
        for p in &d.places {
            assert!(
                p.start < p.end && (p.end as usize) <= d.text.len(),
                "{text:?}: {p:?}"
            );
        }
    }
}

#[test]
fn event_location_follows_the_parse_when_there_is_one() {
    use petrel_doc::NO_HEAD;
    let mut d = run("Talks in Bishkek collapsed and troops fired on a crowd near Osh .");
    let idx = |w: &str| (0..d.tokens.len()).find(|&i| d.form(i) == w).unwrap();
    let (fired, crowd, osh, talks, bishkek, collapsed) = (
        idx("fired"),
        idx("crowd"),
        idx("Osh"),
        idx("Talks"),
        idx("Bishkek"),
        idx("collapsed"),
    );
    let n = d.tokens.len();
    let dep = d.strings.intern("dep");
    d.tokens.head = vec![NO_HEAD; n];
    d.tokens.deprel = vec![dep; n];
    d.tokens.head[osh] = crowd as u32;
    d.tokens.head[crowd] = fired as u32;
    d.tokens.head[bishkek] = talks as u32;
    d.tokens.head[talks] = collapsed as u32;
    let loc = event_location(&d, fired as u32).expect("a location");
    assert_eq!(d.places[loc as usize].text, "Osh");
    let loc = event_location(&d, collapsed as u32).expect("a location");
    assert_eq!(d.places[loc as usize].text, "Bishkek");
}
