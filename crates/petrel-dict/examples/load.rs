//! Loads a dictionary directory and prints counts, the first errors and the time taken:
//! `cargo run --release -p petrel-dict --example load -- DIR`.

use std::time::Instant;

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: load DIR");
        std::process::exit(2);
    };
    let t = Instant::now();
    match petrel_dict::load_dir(std::path::Path::new(&dir)) {
        Ok(d) => {
            let el = t.elapsed();
            let (a, g, v, p) = d.stats();
            println!(
                "loaded {} files in {:.3} s: {a} actor phrases ({} actors), {g} agent phrases, {v} verb forms, {p} patterns, {} synsets, {} discards, {} issue phrases, {} errors",
                d.files.len(),
                el.as_secs_f64(),
                d.actors.entries.len(),
                d.verbs.synsets.len(),
                d.discards.len(),
                d.issues.len(),
                d.errors.len()
            );
            for e in d.errors.iter().take(15) {
                println!("  {e}");
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
