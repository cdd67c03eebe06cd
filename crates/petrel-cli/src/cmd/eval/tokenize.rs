//! `petrel eval tokenize`: token and sentence F1 from raw text against a UD treebank.

use anyhow::Context;
use petrel_doc::{Document, Meta};
use petrel_text::treebank::{read_treebank, span_f1};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// CoNLL-U file whose `# text` lines are the raw text and whose words are the gold tokens.
    #[arg(long)]
    treebank: PathBuf,
    /// Print up to N token and N sentence mismatches with context.
    #[arg(long, default_value_t = 0)]
    show: usize,
    /// Print the figures as one JSON object instead of a table.
    #[arg(long)]
    json: bool,
    /// Split sentences by the rules alone, without the learned boundary model.
    #[arg(long)]
    rules_only: bool,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let conllu = std::fs::read_to_string(&args.treebank)
        .with_context(|| format!("cannot read {}", args.treebank.display()))?;
    let tb =
        read_treebank(&conllu).map_err(|e| anyhow::anyhow!("{}: {e}", args.treebank.display()))?;
    let mut doc = Document::new(Meta::default(), tb.text.clone());
    let model = (!args.rules_only).then(petrel_text::embedded_boundary_model);
    petrel_text::annotate_with(
        &mut doc,
        &petrel_text::TextLexicon::embedded(),
        model.as_ref(),
    );
    let pred_tokens: Vec<(u32, u32)> = (0..doc.tokens.len())
        .map(|i| (doc.tokens.start[i], doc.tokens.end[i]))
        .collect();
    let pred_sents: Vec<(u32, u32)> = doc.sentences.iter().map(|s| (s.start, s.end)).collect();
    let mut gold_tokens = tb.words.clone();
    gold_tokens.dedup();
    let (tp, tr, tf) = span_f1(&gold_tokens, &pred_tokens);
    let (sp, sr, sf) = span_f1(&tb.sentences, &pred_sents);
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "treebank": args.treebank.display().to_string(),
                "tokens": {"gold": gold_tokens.len(), "predicted": pred_tokens.len(), "precision": tp, "recall": tr, "f1": tf},
                "sentences": {"gold": tb.sentences.len(), "predicted": pred_sents.len(), "precision": sp, "recall": sr, "f1": sf},
            })
        );
    } else {
        println!("treebank   {}", args.treebank.display());
        println!("           gold  predicted  precision  recall     F1");
        println!(
            "tokens    {:>6} {:>10} {:>10.2} {:>7.2} {:>6.2}",
            gold_tokens.len(),
            pred_tokens.len(),
            tp * 100.0,
            tr * 100.0,
            tf * 100.0
        );
        println!(
            "sentences {:>6} {:>10} {:>10.2} {:>7.2} {:>6.2}",
            tb.sentences.len(),
            pred_sents.len(),
            sp * 100.0,
            sr * 100.0,
            sf * 100.0
        );
    }
    if args.show > 0 {
        show_misses(&tb.text, &gold_tokens, &pred_tokens, args.show, "token");
        show_misses(&tb.text, &tb.sentences, &pred_sents, args.show, "sentence");
    }
    Ok(())
}

fn show_misses(text: &str, gold: &[(u32, u32)], pred: &[(u32, u32)], n: usize, what: &str) {
    let p: std::collections::HashSet<_> = pred.iter().collect();
    for &(a, b) in gold.iter().filter(|g| !p.contains(g)).take(n) {
        let lo = text.floor_char_boundary(a.saturating_sub(30) as usize);
        let hi = text.ceil_char_boundary((b as usize + 30).min(text.len()));
        let cut = |x: u32| x.min(b).min(a.max(x));
        let _ = cut;
        let got: Vec<&str> = pred
            .iter()
            .filter(|&&(s, e)| s < b && e > a)
            .map(|&(s, e)| &text[s as usize..e as usize])
            .collect();
        println!(
            "missed {what} {:?} in …{}… got {:?}",
            &text[a as usize..b as usize]
                .chars()
                .take(80)
                .collect::<String>(),
            text[lo..hi].replace('\n', "⏎"),
            got.iter()
                .map(|g| g.chars().take(60).collect::<String>())
                .collect::<Vec<_>>()
        );
    }
}
