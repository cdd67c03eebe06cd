//! Time per document of the counts component (one thread) on the raw texts of a TimeML
//! corpus, after the text and time components.
//! `cargo run --release -p petrel-counts --example counts_timing -- DIR`

use petrel_doc::{Component, Document, Meta};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: counts_timing DIR");
        std::process::exit(2);
    };
    let mut files = Vec::new();
    let mut stack = vec![std::path::PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "tml") {
                files.push(p);
            }
        }
    }
    files.sort();
    const ROUNDS: u32 = 20;
    let text = petrel_text::TextComponent::default();
    let (mut n, mut found, mut elapsed) = (0usize, 0usize, std::time::Duration::ZERO);
    let mut kinds = std::collections::BTreeMap::new();
    for f in &files {
        let g = petrel_time::timeml::read_tml(f).expect("valid TimeML");
        let mut doc = Document::new(
            Meta {
                date: g.dct.clone(),
                ..Default::default()
            },
            g.text,
        );
        text.process(&mut doc).expect("text");
        petrel_time::TimeComponent.process(&mut doc).expect("time");
        let t0 = std::time::Instant::now();
        for _ in 0..ROUNDS {
            petrel_counts::CountsComponent
                .process(&mut doc)
                .expect("counts");
        }
        elapsed += t0.elapsed();
        n += 1;
        found += doc.counts.len();
        for c in &doc.counts {
            *kinds.entry(c.kind.clone()).or_insert(0usize) += 1;
        }
    }
    println!(
        "{n} documents, {found} counts {kinds:?}; counts component {:.3} ms per document (one thread)",
        elapsed.as_secs_f64() * 1e3 / (n as f64 * ROUNDS as f64)
    );
}
