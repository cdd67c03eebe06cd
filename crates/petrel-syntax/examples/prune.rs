use petrel_syntax::conllu::read_path;
use std::sync::Arc;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = Arc::new(petrel_syntax::load_tagger(std::path::Path::new(&a[1])).unwrap());
    let dev = read_path(std::path::Path::new(&a[3]), "dev", None).unwrap();
    for thr in [0.0f32, 0.2, 0.5, 1.0, 2.0] {
        let mut p = petrel_syntax::load_parser(std::path::Path::new(&a[2])).unwrap();
        p.prune(thr, thr);
        let bytes = p.to_bytes().len();
        let mut syn = petrel_syntax::Syntax::new(t.clone(), Arc::new(p));
        let t0 = std::time::Instant::now();
        let sc = petrel_syntax::eval::eval_gold_tokens(&mut syn, &dev);
        println!("thr {thr}: {bytes} bytes, {:.0} tok/s: {sc}", sc.gold_words as f64 / t0.elapsed().as_secs_f64());
    }
}
