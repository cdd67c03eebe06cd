//! Which components run, in which order, with which data.

use petrel_doc::Pipeline;
use std::path::PathBuf;

/// What the pipeline should load. Defaults use the data embedded in the binary.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Directory of petrel lexicon files that override or extend the embedded lexicon.
    pub lexicon: Option<PathBuf>,
    /// Directory of PETRARCH/TABARI dictionaries to code with.
    pub dictionaries: Option<PathBuf>,
    /// Directory holding `tagger.bin` and `parser.bin`, instead of the embedded models.
    pub models: Option<PathBuf>,
    /// Stop after tokenisation and sentence splitting (for `eval tokenize`, `bench --text`).
    pub text_only: bool,
    /// With `dictionaries`: code with petrel's own lexicon too. Without it the dictionaries
    /// replace the lexicon's actor and event coding.
    pub lexicon_with_dictionaries: bool,
}

/// Builds the standard pipeline.
pub fn build_pipeline(opts: &Options) -> Result<Pipeline, String> {
    let mut p = Pipeline::new();
    p.push(Box::new(petrel_text::TextComponent::default()));
    if opts.text_only {
        return Ok(p);
    }
    // Tagger then parser: from `opts.models` when given, else the embedded models.
    let (tagger, parser) =
        petrel_syntax::components(opts.models.as_deref()).map_err(|e| e.to_string())?;
    p.push(Box::new(tagger));
    p.push(Box::new(parser));
    // Actors (right after the parser) and events (after time, places and counts, whose
    // annotations they attach) share one lexicon, loaded once.
    let lex_src = petrel_actors::LexiconSource {
        dir: opts.lexicon.clone(),
        replace: false,
    };
    if let Some(dir) = &opts.lexicon {
        petrel_actors::files::check_dir(dir).map_err(|e| e.to_string())?;
    }
    let actors = petrel_actors::ActorsComponent::load(&lex_src).map_err(|e| e.to_string())?;
    let actor_lex = actors.lexicon().clone();
    // With dictionaries, petrel's own actor and event coding runs only when asked for too.
    let own_lexicon = opts.dictionaries.is_none() || opts.lexicon_with_dictionaries;
    if own_lexicon {
        p.push(Box::new(actors));
    }
    p.push(Box::new(petrel_time::TimeComponent));
    p.push(Box::new(petrel_geo::PlacesComponent::default()));
    p.push(Box::new(petrel_counts::CountsComponent));
    if own_lexicon {
        p.push(Box::new(
            petrel_events::EventsComponent::load(&lex_src, actor_lex).map_err(|e| e.to_string())?,
        ));
    }
    // PETRARCH/TABARI dictionaries: instead of, or with `lexicon_with_dictionaries` on top
    // of, petrel's own lexicon.
    if let Some(dir) = &opts.dictionaries {
        p.push(Box::new(dictionary_coder(dir)?));
    }
    p.push(Box::new(petrel_quotes::QuotesComponent::default()));
    if own_lexicon {
        // Dictionary coding stays as the peers code; petrel's own events get quoted speakers.
        p.push(Box::new(petrel_events::SpeakerSources));
    }
    Ok(p)
}

/// Loads the users' dictionaries; malformed lines are reported on stderr and skipped.
fn dictionary_coder(dir: &std::path::Path) -> Result<petrel_dict::DictComponent, String> {
    let d = petrel_dict::load_dir(dir).map_err(|e| e.to_string())?;
    for e in d.errors.iter().take(20) {
        eprintln!("warning: {e}");
    }
    if d.errors.len() > 20 {
        eprintln!(
            "warning: {} more problems in the dictionaries",
            d.errors.len() - 20
        );
    }
    let table = std::sync::Arc::new(petrel_events::CameoTable::embedded());
    let mut c = petrel_dict::DictComponent::new(std::sync::Arc::new(d));
    c.cameo = Some(std::sync::Arc::new(move |code: &str| {
        table.get(code).map(|i| petrel_dict::CodeFacts {
            goldstein: i.goldstein,
            quad_class: i.quad_class,
            plover: i.plover.to_string(),
            mode: i.mode.as_deref().map(str::to_string),
        })
    }));
    Ok(c)
}
