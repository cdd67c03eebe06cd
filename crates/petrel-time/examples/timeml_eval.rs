//! Development harness: the same scoring as `petrel eval timex`, without the CLI, plus the
//! time per document of the text and time components (one thread, each document run
//! `ROUNDS` times).
//! `cargo run --release -p petrel-time --example timeml_eval -- DIR [--errors]`

use petrel_doc::{Component, Document, Meta};
use petrel_time::timeml::{read_tml, score, Score, Tx};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: timeml_eval DIR [--errors]");
        std::process::exit(2);
    };
    let errors = args.iter().any(|a| a == "--errors");
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
    let mut all = Score::default();
    const ROUNDS: u32 = 20;
    let (mut t_text, mut t_time) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
    let text = petrel_text::TextComponent::default();
    for f in &files {
        let g = read_tml(f).expect("valid TimeML");
        let mut doc = Document::new(
            Meta {
                date: g.dct.clone(),
                ..Default::default()
            },
            g.text.clone(),
        );
        let t0 = std::time::Instant::now();
        for _ in 0..ROUNDS {
            let mut d = doc.clone();
            text.process(&mut d).expect("text");
        }
        t_text += t0.elapsed();
        text.process(&mut doc).expect("text");
        let t0 = std::time::Instant::now();
        for _ in 0..ROUNDS {
            petrel_time::TimeComponent.process(&mut doc).expect("time");
        }
        t_time += t0.elapsed();
        let sys: Vec<Tx> = doc
            .times
            .iter()
            .map(|t| Tx {
                start: t.start as usize,
                end: t.end as usize,
                kind: t.kind.clone(),
                value: t.value.clone(),
                text: t.text.clone(),
            })
            .collect();
        let name = f.file_name().unwrap_or_default().to_string_lossy();
        let (s, errs) = score(&name, &g.gold, &sys, errors);
        for e in errs {
            println!("{e}");
        }
        all.add(&s);
    }
    let (_, _, sf) = all.strict_prf();
    let (rp, rr, rf) = all.relaxed_prf();
    println!(
        "docs {} gold {} sys {} strict-F1 {sf:.1} relaxed P/R/F1 {rp:.1}/{rr:.1}/{rf:.1} value-F1 {:.1} value-acc {:.1} type-acc {:.1}",
        all.docs, all.gold, all.sys, all.value_f1(), all.value_accuracy(), all.type_accuracy()
    );
    let per = |d: std::time::Duration| d.as_secs_f64() * 1e3 / (all.docs as f64 * ROUNDS as f64);
    println!(
        "per document (one thread): text {:.3} ms, time {:.3} ms",
        per(t_text),
        per(t_time)
    );
}
