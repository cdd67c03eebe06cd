//! Bootstraps `models/sentences.bin` before the CLI command exists:
//! `cargo run --release -p petrel-text --example train_sentences -- OUT FILE.conllu...`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = &args[0];
    let mut ex = Vec::new();
    for p in &args[1..] {
        let text = std::fs::read_to_string(p).unwrap();
        let tb = petrel_text::treebank::read_treebank(&text).unwrap();
        ex.push((
            tb.text,
            tb.sentences.iter().map(|s| s.1).collect::<Vec<u32>>(),
        ));
    }
    let lex = petrel_text::TextLexicon::embedded();
    let epochs = std::env::var("EPOCHS")
        .ok()
        .and_then(|e| e.parse().ok())
        .unwrap_or(16);
    let m = petrel_text::BoundaryModel::train(&ex, &lex, epochs);
    std::fs::write(out, m.to_bytes()).unwrap();
    eprintln!("{} features", m.len());
}
