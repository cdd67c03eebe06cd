use petrel_syntax::conllu::read_path;
use std::sync::Arc;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t0 = std::time::Instant::now();
    let t = Arc::new(petrel_syntax::load_tagger(std::path::Path::new(&a[1])).unwrap());
    let p = Arc::new(petrel_syntax::load_parser(std::path::Path::new(&a[2])).unwrap());
    println!("load {:.3}s", t0.elapsed().as_secs_f64());
    let dev = read_path(std::path::Path::new(&a[3]), "dev", None).unwrap();
    let threads: usize = a.get(4).map_or(1, |s| s.parse().unwrap());
    let r = petrel_syntax::bench(&t, &p, &dev, 500_000, threads);
    println!("{} threads: {:.0} tok/s total, {:.0} per thread", threads, r.tokens_per_second(), r.tokens_per_second() / threads as f64);
}
