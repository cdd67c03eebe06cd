//! Coding speed with a dictionary set on a PETRARCH XML sample, tokenisation included:
//! `bench DICT_DIR SAMPLE.xml [REPEATS] [--tagger]`.

use petrel_dict::suite::{read_petrarch, record_doc, Prep};
use petrel_dict::{code_sentence, Coder, CoderOptions};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        eprintln!("usage: bench DICT_DIR SAMPLE.xml [REPEATS] [--tagger]");
        std::process::exit(2);
    }
    let reps: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(100);
    let t = Instant::now();
    let dict = petrel_dict::load_dir(args[0].as_ref()).expect("dictionaries");
    println!(
        "load: {:.3} s ({} problems)",
        t.elapsed().as_secs_f64(),
        dict.errors.len()
    );
    let text = std::fs::read_to_string(&args[1]).expect("sample");
    let suite = read_petrarch(&text, true);
    let mut prep = Prep::default();
    if args.iter().any(|a| a == "--tagger") {
        let tagger = petrel_syntax::TaggerComponent::embedded().expect("tagger");
        prep.after = Some(Arc::new(tagger));
    }
    let coder = Coder::new(&dict, CoderOptions::default());
    let t = Instant::now();
    let mut events = 0usize;
    let mut sentences = 0usize;
    for _ in 0..reps {
        for r in &suite.records {
            let doc = record_doc(r, false, &prep);
            for s in 0..doc.sentences.len() {
                events += code_sentence(&coder, &doc, s).events.len();
                sentences += 1;
            }
        }
    }
    let el = t.elapsed().as_secs_f64();
    let n = suite.records.len() * reps;
    println!(
        "{} records x {reps} = {n} records ({sentences} sentences) in {el:.3} s: {:.4} ms per record, {} events per pass",
        suite.records.len(),
        1000.0 * el / n as f64,
        events / reps
    );
}
