//! Trains without the CLI (same code path as `petrel train`), for development.
use petrel_syntax::train::*;
fn main() {
    let a: Vec<String> = std::env::args().collect();
    let get = |k: &str| a.iter().position(|x| x == k).map(|i| a[i + 1].clone());
    let all = |k: &str| -> Vec<std::path::PathBuf> {
        a.windows(2).filter(|w| w[0] == k).map(|w| w[1].clone().into()).collect()
    };
    let cfg = TrainConfig {
        what: if a[1] == "tagger" { What::Tagger } else { What::Parser },
        train: all("--train"),
        dev: all("--dev"),
        output: get("-o").unwrap().into(),
        epochs: get("--epochs").map(|e| e.parse().unwrap()),
        seed: 1,
        tagger: get("--tagger").map(Into::into),
        tags: match get("--tags").as_deref() {
            Some("gold") => TagSource::Gold,
            Some("tagger") => TagSource::Tagger,
            _ => TagSource::Jackknife,
        },
        folds: 4,
        fold_epochs: get("--fold-epochs").map_or(6, |e| e.parse().unwrap()),
        prune: get("--prune").map_or(1.0, |e| e.parse().unwrap()),
        upweight: get("--upweight"),
    };
    if let Err(e) = run(cfg) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
