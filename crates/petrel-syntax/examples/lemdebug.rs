use petrel_syntax::conllu::read_path;
use std::collections::HashMap;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = petrel_syntax::load_tagger(std::path::Path::new(&a[1])).unwrap();
    let dev = read_path(std::path::Path::new(&a[2]), "dev", None).unwrap();
    let mut s = petrel_syntax::tagger::TagScratch::default();
    let mut c = Vec::new();
    let mut l = String::new();
    let mut errs: HashMap<String, usize> = HashMap::new();
    let mut terrs: HashMap<String, usize> = HashMap::new();
    for sent in &dev {
        let forms: Vec<&str> = sent.words.iter().map(|w| w.form.as_str()).collect();
        t.tag(&forms, &mut s, &mut c);
        for (w, &k) in sent.words.iter().zip(&c) {
            t.lemma(&w.form, k, &mut s, &mut l);
            if l != w.lemma {
                *errs.entry(format!("{} {} gold={} sys={} tag={}", w.form, w.xpos, w.lemma, l, t.xpos[k as usize])).or_default() += 1;
            }
            if t.upos[k as usize] != w.upos {
                *terrs.entry(format!("{} gold={} sys={}", w.form, w.upos, t.upos[k as usize])).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = errs.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    for (k, n) in v.iter().take(40) { println!("{n}\t{k}"); }
    let mut v: Vec<_> = terrs.into_iter().collect();
    v.sort_by(|a, b| b.1.cmp(&a.1));
    for (k, n) in v.iter().take(40) { println!("{n}\t{k}"); }
}
