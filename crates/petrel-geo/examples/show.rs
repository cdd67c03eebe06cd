//! Development helper: prints the places found in the text on stdin.
use petrel_doc::{Component, Document, Meta};
use std::io::Read;
fn main() {
    let mut t = String::new();
    std::io::stdin().read_to_string(&mut t).unwrap();
    let mut d = Document::new(Meta::default(), t);
    petrel_text::TextComponent::default()
        .process(&mut d)
        .unwrap();
    println!(
        "{:?}",
        (0..d.tokens.len()).map(|i| d.form(i)).collect::<Vec<_>>()
    );
    petrel_geo::PlacesComponent::default()
        .process(&mut d)
        .unwrap();
    for p in &d.places {
        println!(
            "{} -> {} {:?} {} ({:.2},{:.2})",
            p.text, p.name, p.country, p.feature, p.lat, p.lon
        );
    }
}
