//! Runs a validation suite without the CLI (same code as `petrel eval …-suite`):
//! `suite petrarch FILE [--from-parse] [--tagger] [--show N]` or `suite tabari FILE [--show N] [--only ID]`.

use petrel_dict::suite::{run_petrarch_suite, run_tabari_suite, PetrarchSuite, TabariSuite};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|k| args.get(k + 1))
        .and_then(|n| n.parse().ok());
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|k| args.get(k + 1))
        .cloned();
    let mut prep = petrel_dict::suite::Prep::default();
    if args.iter().any(|a| a == "--tagger") {
        let tagger = petrel_syntax::TaggerComponent::embedded().expect("embedded tagger");
        prep.after = Some(std::sync::Arc::new(tagger));
    }
    let r = match (args.first().map(String::as_str), args.get(1)) {
        (Some("petrarch"), Some(f)) => run_petrarch_suite(&PetrarchSuite {
            file: f.into(),
            from_parse: args.iter().any(|a| a == "--from-parse"),
            show,
            prep,
            only,
            ..Default::default()
        })
        .map(|_| ()),
        (Some("tabari"), Some(f)) => run_tabari_suite(&TabariSuite {
            file: f.into(),
            show,
            prep,
            only,
            ..Default::default()
        })
        .map(|_| ()),
        _ => Err("usage: suite petrarch|tabari FILE [--from-parse] [--show N]".into()),
    };
    if let Err(e) = r {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
