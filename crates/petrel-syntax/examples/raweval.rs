use petrel_doc::Component;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let models = std::path::Path::new(&a[1]);
    let sents = petrel_syntax::conllu::read_path(std::path::Path::new(&a[2]), "dev", a.get(3).map(|s| s.as_str())).unwrap();
    let (tagger, parser) = petrel_syntax::components(Some(models)).unwrap();
    let text = petrel_text::TextComponent::default();
    let raw = petrel_syntax::eval::eval_raw(&sents, |t| {
        let mut doc = petrel_doc::Document::new(Default::default(), t);
        text.process(&mut doc).map_err(|e| e.to_string())?;
        tagger.process(&mut doc).map_err(|e| e.to_string())?;
        parser.process(&mut doc).map_err(|e| e.to_string())?;
        Ok(doc)
    })
    .unwrap();
    println!("raw: {raw}");
    let t = std::sync::Arc::new(petrel_syntax::load_tagger(&models.join("tagger.bin")).unwrap());
    let p = std::sync::Arc::new(petrel_syntax::load_parser(&models.join("parser.bin")).unwrap());
    let mut syn = petrel_syntax::Syntax::new(t, p);
    println!("gold: {}", petrel_syntax::eval::eval_gold_tokens(&mut syn, &sents));
}
