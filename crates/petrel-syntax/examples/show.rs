fn main() {
    let a: Vec<String> = std::env::args().collect();
    let t = std::sync::Arc::new(petrel_syntax::load_tagger(std::path::Path::new(&a[1])).unwrap());
    let p = std::sync::Arc::new(petrel_syntax::load_parser(std::path::Path::new(&a[2])).unwrap());
    let mut syn = petrel_syntax::Syntax::new(t, p);
    for line in std::io::stdin().lines() {
        let line = line.unwrap();
        let forms: Vec<&str> = line.split_whitespace().collect();
        let mut an = petrel_syntax::Analysis::default();
        syn.analyse(&forms, true, &mut an);
        for i in 0..forms.len() {
            let h = an.heads[i];
            let hf = if h == u32::MAX { "ROOT" } else { forms[h as usize] };
            print!("{}/{} <-{}- {}  ", forms[i], syn.tagger.xpos[an.classes[i] as usize], syn.parser.labels[an.labels[i] as usize], hf);
        }
        println!();
    }
}
