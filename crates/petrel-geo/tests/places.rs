//! Place recognition, resolution and event locations on invented news text.

use petrel_doc::{Component, Document, Meta};
use petrel_geo::{event_location, resolve, Gazetteer, PlacesComponent, Toponym};

mod common;
use common::run;

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

#[test]
fn a_capital_named_like_a_state_is_the_capital() {
    let d = run("Lawmakers in Washington argued over the farm bill on Monday.");
    let w = place(&d, "Washington");
    assert_eq!(w.feature, "capital");
    assert!(
        (w.lat - 38.9).abs() < 0.3 && (w.lon + 77.0).abs() < 0.3,
        "{w:?}"
    );
}

#[test]
fn provinces_and_states_sit_at_their_own_centre() {
    let d = run("Heavy snow closed highways across Ontario this week.");
    let on = place(&d, "Ontario");
    assert_eq!(
        (on.feature.as_str(), on.country.as_deref()),
        ("admin1", Some("CAN"))
    );
    // Not at the towns of the south shore: the middle of the province.
    assert!(on.lat > 48.0, "{on:?}");
    let d = run("Heavy snow closed highways across Alaska this week.");
    let ak = place(&d, "Alaska");
    assert!(
        (ak.lat - 64.0).abs() < 1.5 && (ak.lon + 151.0).abs() < 3.0,
        "{ak:?}"
    );
}

#[test]
fn the_wording_of_a_local_story_points_to_its_country() {
    let d = run(
        "The sheriff said deputies were called to a home in Mansfield after a high school \
         game. The township board will discuss the case.",
    );
    assert_eq!(place(&d, "Mansfield").country.as_deref(), Some("USA"));
    // Without the cues the English town is the likelier one.
    let uk = run("Shoppers crowded the market in Mansfield on Saturday.");
    assert_eq!(place(&uk, "Mansfield").country.as_deref(), Some("GBR"));
}

#[test]
fn places_naming_their_own_institutions_are_found() {
    let d = run(
        "A Gainesville man was charged by Gainesville Police after the Dublin City Council vote.",
    );
    assert!(
        d.places.iter().filter(|p| p.text == "Gainesville").count() == 2,
        "{:#?}",
        d.places
    );
    assert!(
        d.places.iter().any(|p| p.text.starts_with("Dublin")),
        "{:#?}",
        d.places
    );
}

#[test]
fn places_inside_names_count_only_outside_the_proper_name() {
    use petrel_doc::{Mention, MentionKind, Span};
    let text = "Editors of the Washington Post met Mr. Diaz, a U.S. citizen, in Boston.";
    let mut d = Document::new(Meta::default(), text);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    // What the actors component marks: an organisation and a person with an apposition.
    let tok = |s: &str| {
        let b = text.find(s).unwrap() as u32;
        (0..d.tokens.len())
            .find(|&i| d.tokens.start[i] == b)
            .unwrap() as u32
    };
    let (post, diaz, citizen) = (tok("Washington"), tok("Mr."), tok("citizen"));
    for (from, to, kind) in [
        (post, post + 2, MentionKind::Organisation),
        (diaz, citizen + 1, MentionKind::Person),
    ] {
        let span = Span::new(d.tokens.start[from as usize], d.tokens.end[to as usize - 1]);
        d.mentions.push(Mention {
            span,
            tokens: (from, to),
            head: to - 1,
            kind,
            actor: None,
        });
    }
    PlacesComponent::default().process(&mut d).unwrap();
    let names: Vec<&str> = d.places.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(names, ["U.S.", "Boston"]);
}

#[test]
fn a_county_named_after_a_surname_needs_a_cue() {
    let d = run("The long pass by Stevens set up the goal, and Miller scored.");
    assert!(
        d.places
            .iter()
            .all(|p| p.text != "Stevens" && p.text != "Miller"),
        "{:#?}",
        d.places
    );
    let c = run("Flooding was reported in Stevens County overnight.");
    assert_eq!(place(&c, "Stevens County").feature, "admin2");
}

#[test]
fn towns_know_their_state_after_the_rebuild() {
    // Towns whose GeoNames point moved since the admin-name table was made still get
    // their admin1 area, which the resolver uses as context.
    let g = Gazetteer::embedded();
    for (town, state) in [("Cincinnati", "ohio"), ("Baton Rouge", "louisiana")] {
        let e = g
            .lookup(town)
            .iter()
            .map(|&(i, _)| g.entry(i))
            .filter(|e| e.country_code() == "USA")
            .max_by_key(|e| e.population)
            .unwrap();
        assert_eq!(&*e.admin1, state, "{town}");
    }
}

#[test]
fn canadian_province_abbreviations_are_places_and_qualifiers() {
    let d = run("Wildfires forced people from their homes near Kelowna, B.C., on Sunday.");
    let bc = place(&d, "B.C.");
    assert_eq!(
        (bc.feature.as_str(), bc.country.as_deref()),
        ("admin1", Some("CAN"))
    );
    assert_eq!(place(&d, "Kelowna").country.as_deref(), Some("CAN"));
    // The qualifier picks the Canadian town over a bigger namesake elsewhere.
    let w = run("A storm cut power in Windsor, Ont., overnight.");
    assert_eq!(place(&w, "Windsor").country.as_deref(), Some("CAN"));
}

#[test]
fn regions_outside_the_admin_tables_are_known() {
    let d =
        run("Aid convoys reached camps in Darfur, and talks on South Ossetia resumed in Geneva.");
    assert_eq!(place(&d, "Darfur").country.as_deref(), Some("SDN"));
    assert_eq!(place(&d, "South Ossetia").country.as_deref(), Some("GEO"));
    let m = run("Oil prices rose as tension grew across the Middle East.");
    assert_eq!(place(&m, "Middle East").feature, "continent");
}

#[test]
fn the_country_in_capitals_is_not_the_pronoun() {
    let d = run("Let us be clear, one diplomat said: the US will not change course.");
    assert_eq!(place(&d, "US").country.as_deref(), Some("USA"));
    assert!(d.places.iter().all(|p| p.text != "us"));
}

#[test]
fn a_surname_that_the_article_also_uses_as_a_place_is_a_place() {
    let person = run("Farmer Bill Denton said the storm was short. Denton said he lost a barn.");
    assert!(
        person.places.iter().all(|p| p.text != "Denton"),
        "{:#?}",
        person.places
    );
    let town = run(
        "Farmer Bill Denton said the storm was short. Roads in Denton were closed, and \
         Denton schools opened late.",
    );
    let n = town.places.iter().filter(|p| p.text == "Denton").count();
    assert_eq!(n, 2, "{:#?}", town.places);
}

#[test]
fn a_city_that_fills_its_province_is_the_city() {
    let d = run("Police fired tear gas at protesters in Osh on Tuesday.");
    let osh = place(&d, "Osh");
    assert_eq!(
        (osh.feature.as_str(), osh.country.as_deref()),
        ("city", Some("KGZ"))
    );
    // A city that is a small part of its province does not take the province's name.
    let q = run("Voters across Quebec chose a new legislature on Monday.");
    assert_eq!(place(&q, "Quebec").feature, "admin1");
}

#[test]
fn a_town_the_actors_call_a_person_stays_a_place_without_evidence() {
    use petrel_doc::{Mention, MentionKind, Span};
    let with_person_mention = |text: &str, word: &str| {
        let mut d = Document::new(Meta::default(), text);
        petrel_text::TextComponent::default()
            .process(&mut d)
            .unwrap();
        let b = text.rfind(word).unwrap() as u32;
        let t = (0..d.tokens.len())
            .find(|&i| d.tokens.start[i] == b)
            .unwrap() as u32;
        d.mentions.push(Mention {
            span: Span::new(b, b + word.len() as u32),
            tokens: (t, t + 1),
            head: t,
            kind: MentionKind::Person,
            actor: None,
        });
        PlacesComponent::default().process(&mut d).unwrap();
        d
    };
    let town = with_person_mention("Officers said a Gainesville woman was hurt.", "Gainesville");
    assert!(town.places.iter().any(|p| p.text == "Gainesville"));
    let person = with_person_mention(
        "Coach Sam Denton praised his players. Later Denton thanked the fans.",
        "Denton",
    );
    assert!(person.places.iter().all(|p| p.text != "Denton"));
}

#[test]
fn a_demonym_on_a_participant_is_not_the_event_location() {
    use petrel_doc::NO_HEAD;
    // "The junta expelled the French envoy ." parsed, "French" an adjective on the object.
    let mut d = run("The junta expelled the French envoy .");
    let idx = |w: &str| (0..d.tokens.len()).find(|&i| d.form(i) == w).unwrap();
    let (expelled, french, envoy) = (idx("expelled"), idx("French"), idx("envoy"));
    assert!(
        d.places.iter().any(|p| p.text == "French"),
        "{:?}",
        d.places
    );
    let n = d.tokens.len();
    let dep = d.strings.intern("dep");
    let (jj, nn) = (d.strings.intern("JJ"), d.strings.intern("NN"));
    d.tokens.xpos = vec![nn; n];
    d.tokens.xpos[french] = jj;
    d.tokens.head = vec![NO_HEAD; n];
    d.tokens.deprel = vec![dep; n];
    d.tokens.head[french] = envoy as u32;
    d.tokens.head[envoy] = expelled as u32;
    assert_eq!(event_location(&d, expelled as u32), None);
}

#[test]
fn a_country_acting_as_subject_is_not_the_event_location() {
    use petrel_doc::NO_HEAD;
    // "Chile and Peru signed a pact in Lima ." / the same without "in Lima".
    for (text, want) in [
        ("Chile and Peru signed a pact in Lima .", Some("Lima")),
        ("Chile and Peru signed a pact .", None),
    ] {
        let mut d = run(text);
        let idx = |d: &petrel_doc::Document, w: &str| (0..d.tokens.len()).find(|&i| d.form(i) == w);
        let (chile, peru, signed) = (
            idx(&d, "Chile").unwrap(),
            idx(&d, "Peru").unwrap(),
            idx(&d, "signed").unwrap(),
        );
        let lima = idx(&d, "Lima");
        let n = d.tokens.len();
        let dep = d.strings.intern("dep");
        let (nsubj, conj) = (d.strings.intern("nsubj"), d.strings.intern("conj"));
        d.tokens.head = vec![NO_HEAD; n];
        d.tokens.deprel = vec![dep; n];
        d.tokens.head[chile] = signed as u32;
        d.tokens.deprel[chile] = nsubj;
        d.tokens.head[peru] = chile as u32;
        d.tokens.deprel[peru] = conj;
        if let Some(lima) = lima {
            d.tokens.head[lima] = signed as u32;
        }
        let loc = event_location(&d, signed as u32).map(|i| d.places[i as usize].text.as_str());
        assert_eq!(loc, want, "{text}");
    }
}

#[test]
fn a_province_of_name_is_placed_by_the_preposition_before_it() {
    let d = run("Bandits raided a farm in the northern province of Kaduna on Monday.");
    let trigger = (0..d.tokens.len())
        .find(|&i| d.form(i) == "raided")
        .unwrap() as u32;
    let loc = event_location(&d, trigger).expect("a location");
    assert_eq!(d.places[loc as usize].text, "Kaduna");
}

#[test]
fn a_sentence_without_a_place_takes_the_one_set_earlier_in_its_paragraph() {
    let text = "LIMA, Peru - Miners blocked a highway. In Bolivia, farmers marched in Sucre. \
                Police fired tear gas.\nPolice also guarded the port.";
    let d = run(text);
    let at = |w: &str| (0..d.tokens.len()).find(|&i| d.form(i) == w).unwrap() as u32;
    let fired = event_location(&d, at("fired")).expect("a location");
    assert_eq!(d.places[fired as usize].text, "Sucre");
    // After a line break, back to the dateline.
    let guarded = event_location(&d, at("guarded")).expect("a location");
    assert_eq!(d.places[guarded as usize].text, "LIMA");
}

#[test]
fn a_nationality_opening_the_text_is_no_dateline() {
    let d = run("Serbian and Kosovar officials met briefly. The talks ended without a deal.");
    let at = (0..d.tokens.len()).find(|&i| d.form(i) == "ended").unwrap() as u32;
    assert_eq!(event_location(&d, at), None);
    let d = run("PRISTINA, Kosovo - Officials met briefly. The talks ended without a deal.");
    let at = (0..d.tokens.len()).find(|&i| d.form(i) == "ended").unwrap() as u32;
    let loc = event_location(&d, at).expect("the dateline");
    assert_eq!(d.places[loc as usize].text, "PRISTINA");
}

#[test]
fn a_country_namesake_needs_more_than_a_nationality_adjective() {
    // Only nationality adjectives point to the neighbour: the country is meant.
    let d = run(
        "Niger reopened its southern border on Tuesday, a Nigerian newspaper said, as \
         Nigerian lorry drivers queued at the crossing.",
    );
    assert_eq!(place(&d, "Niger").country.as_deref(), Some("NER"));
    assert_eq!(place(&d, "Niger").feature, "country");
    // Other states and towns of the neighbour make the namesake its state.
    let d = run(
        "Floods in Niger and Kwara states ruined the harvest, Nigerian officials said. \
         Roads near Minna were cut.",
    );
    assert_eq!(place(&d, "Niger").country.as_deref(), Some("NGA"));
    assert_eq!(place(&d, "Niger").feature, "admin1");
}

#[test]
fn a_possessive_before_a_state_office_reads_the_name_as_the_state() {
    let d = run(
        "Niger's envoy to Abuja met officials in Kaduna and Kano, and Nigerian ministers \
         promised to reopen the trade route.",
    );
    assert_eq!(
        place(&d, "Niger").country.as_deref(),
        Some("NER"),
        "{:?}",
        d.places
    );
    // Without the office the same context keeps the Nigerian state.
    let d = run(
        "Niger's farmers sold grain in Kaduna and Kano, and Nigerian ministers promised \
         to reopen the trade route.",
    );
    assert_eq!(
        place(&d, "Niger").country.as_deref(),
        Some("NGA"),
        "{:?}",
        d.places
    );
}
