//! [`DictComponent`]: codes every sentence of a document with loaded dictionaries and
//! writes the events and actors into the document's output types.

use crate::coder::{Coder, CoderOptions, SentenceCoding, SentenceInput};
use crate::phoenix::{cameo_root, gdelt_quad_class};
use crate::Dictionaries;
use petrel_doc::{Actor, ActorRef, Component, ComponentError, Document, Event, Modality, Plover};
use std::sync::Arc;

/// What the CAMEO tables say about an event code (supplied by whoever owns them, so this
/// crate stays free of its own copy).
#[derive(Debug, Clone, PartialEq)]
pub struct CodeFacts {
    pub goldstein: f32,
    /// 1 verbal cooperation … 4 material conflict.
    pub quad_class: u8,
    pub plover: String,
    pub mode: Option<String>,
}

/// Looks up [`CodeFacts`] for a CAMEO code.
pub type CameoLookup = Arc<dyn Fn(&str) -> Option<CodeFacts> + Send + Sync>;

/// The dictionary coder as a pipeline component. Runs after tokenisation (and uses UPOS
/// tags when the tagger ran before it).
pub struct DictComponent {
    pub dict: Arc<Dictionaries>,
    pub opts: CoderOptions,
    /// Goldstein, quad class and PLOVER type per code; without it Goldstein is 0 and the
    /// quad class comes from the code's root.
    pub cameo: Option<CameoLookup>,
}

impl DictComponent {
    /// A component with the dictionaries' own settings (TABARI `.options` included).
    pub fn new(dict: Arc<Dictionaries>) -> Self {
        DictComponent {
            opts: CoderOptions::for_dictionaries(&dict),
            dict,
            cameo: None,
        }
    }
}

/// `YYYY-MM-DD` (or `YYYYMMDD`) → `yyyymmdd`.
pub fn date_number(date: &str) -> Option<u32> {
    let digits: String = date
        .chars()
        .filter(|c| c.is_ascii_digit())
        .take(8)
        .collect();
    if digits.len() == 8 {
        digits.parse().ok()
    } else {
        None
    }
}

/// Codes sentence `s` of `doc` (tokens must be filled). Token indices in the result are
/// relative to the sentence's first token.
pub fn code_sentence(coder: &Coder, doc: &Document, s: usize) -> SentenceCoding {
    code_sentence_with(coder, doc, s, None)
}

/// [`code_sentence`] with a forwarded antecedent for pronouns (TABARI `FORWARD`).
pub fn code_sentence_with(
    coder: &Coder,
    doc: &Document,
    s: usize,
    antecedent: Option<&str>,
) -> SentenceCoding {
    let range = doc.sentences[s].token_range();
    // Words as the dictionaries see them: upper-cased, `Dol_Amroth` split at `_` (the
    // dictionaries' own word joiner). `tok_of[w]` is the sentence token of word `w`.
    let mut forms: Vec<String> = Vec::with_capacity(range.len());
    let mut caps: Vec<bool> = Vec::with_capacity(range.len());
    let mut tags: Vec<&str> = Vec::new();
    let mut tok_of: Vec<usize> = Vec::with_capacity(range.len());
    let tagged = doc.tokens.is_tagged();
    for (k, i) in range.clone().enumerate() {
        let f = doc.form(i);
        let tag = if tagged {
            doc.strings.resolve(doc.tokens.upos[i])
        } else {
            ""
        };
        let pieces: Vec<&str> = if f.len() > 1 && f.contains('_') {
            f.split('_').filter(|p| !p.is_empty()).collect()
        } else if f.len() > 1 && f.ends_with('-') && !f.starts_with('-') {
            // `anti-` (a prefix cut off by a space): the dictionaries spell it `ANTI` `-`.
            vec![&f[..f.len() - 1], "-"]
        } else {
            vec![f]
        };
        for p in pieces {
            forms.push(p.to_uppercase());
            caps.push(p.starts_with(|c: char| c.is_uppercase()));
            tags.push(tag);
            tok_of.push(k);
        }
    }
    let words: Vec<&str> = forms.iter().map(|f| f.as_str()).collect();
    let date = doc.meta.date.as_deref().and_then(date_number);
    // Heads as word indices: a token's head is the head token's first word; the later
    // pieces of a split token hang on its first piece.
    // (Only PETRARCH-1 conventions read the tree.)
    let parsed = coder.opts.petrarch1 && doc.tokens.is_parsed();
    let (mut heads, mut rels): (Vec<usize>, Vec<&str>) = (Vec::new(), Vec::new());
    if parsed {
        let mut first_word = vec![usize::MAX; range.len()];
        for (w, &k) in tok_of.iter().enumerate().rev() {
            first_word[k] = w;
        }
        for (w, &k) in tok_of.iter().enumerate() {
            let i = range.start + k;
            if first_word[k] != w {
                heads.push(first_word[k]);
                rels.push("flat");
                continue;
            }
            let h = doc.tokens.head[i];
            heads.push(
                if h == petrel_doc::NO_HEAD || !range.contains(&(h as usize)) {
                    usize::MAX
                } else {
                    first_word[h as usize - range.start]
                },
            );
            rels.push(doc.strings.resolve(doc.tokens.deprel[i]));
        }
    }
    let mut c = coder.code(&SentenceInput {
        words: &words,
        caps: &caps,
        upos: tagged.then_some(tags.as_slice()),
        date,
        antecedent,
        heads: parsed.then_some(heads.as_slice()),
        deprels: parsed.then_some(rels.as_slice()),
    });
    if tok_of.len() != range.len() {
        let map = |(a, b): (usize, usize)| (tok_of[a], tok_of[b - 1] + 1);
        for e in &mut c.events {
            e.verb = tok_of[e.verb];
            e.source_span = e.source_span.map(map);
            e.target_span = e.target_span.map(map);
        }
        for u in &mut c.units {
            (u.start, u.end) = map((u.start, u.end));
            for sp in &mut u.spans {
                *sp = map(*sp);
            }
        }
    }
    c
}

impl Component for DictComponent {
    fn name(&self) -> &'static str {
        "dictionaries"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        let coder = Coder::new(&self.dict, self.opts.clone());
        let mut codings = Vec::with_capacity(doc.sentences.len());
        for s in 0..doc.sentences.len() {
            let c = code_sentence(&coder, doc, s);
            if c.discard == 2 {
                return Ok(()); // story-level discard: nothing is coded
            }
            codings.push(c);
        }
        for (s, c) in codings.into_iter().enumerate() {
            let base = doc.sentences[s].tokens.start as usize;
            let text = doc.sentence_text(s).to_string();
            for e in &c.events {
                let mk = |code: &Option<String>,
                          span: Option<(usize, usize)>,
                          name: &Option<String>,
                          doc: &mut Document| {
                    let code = code.clone()?;
                    let (a, b) = span?;
                    let sp = doc.token_span(base + a, base + b);
                    let actor = register_actor(doc, &code, name.as_deref(), [sp.start, sp.end]);
                    Some(ActorRef {
                        text: doc.span_text(sp).to_string(),
                        name: name.clone().filter(|n| !n.is_empty()),
                        country: country_of(&code),
                        role: role_of(&code),
                        code,
                        country_inferred: false,
                        actor: Some(actor),
                        head: Some((base + b - 1) as u32),
                    })
                };
                let source = mk(&e.source, e.source_span, &e.source_name, doc);
                let target = mk(&e.target, e.target_span, &e.target_name, doc);
                let trigger = base + e.verb;
                let facts = self.cameo.as_ref().and_then(|f| f(&e.code));
                doc.events.push(Event {
                    sentence: s as u32,
                    text: text.clone(),
                    source,
                    target,
                    cameo: e.code.clone(),
                    cameo_root: cameo_root(&e.code).to_string(),
                    goldstein: facts.as_ref().map_or(0.0, |f| f.goldstein),
                    quad_class: facts
                        .as_ref()
                        .map_or_else(|| gdelt_quad_class(&e.code), |f| f.quad_class),
                    plover: Plover {
                        kind: facts.as_ref().map(|f| f.plover.clone()).unwrap_or_default(),
                        mode: facts.as_ref().and_then(|f| f.mode.clone()),
                        context: None,
                    },
                    modality: Modality::Asserted,
                    verb: doc.token_text(trigger).to_string(),
                    date: None,
                    location: None,
                    counts: Vec::new(),
                    issues: c
                        .issues
                        .iter()
                        .map(|(cat, code)| format!("{cat},{code}"))
                        .collect(),
                    trigger: trigger as u32,
                });
            }
        }
        Ok(())
    }
}

/// A 3-letter country/IGO prefix when the code has one.
fn country_of(code: &str) -> Option<String> {
    (code.len() >= 3 && code.is_char_boundary(3)).then(|| code[..3].to_string())
}

fn role_of(code: &str) -> Option<String> {
    (code.len() >= 6 && code.is_char_boundary(6)).then(|| code[3..6].to_string())
}

fn register_actor(doc: &mut Document, code: &str, name: Option<&str>, span: [u32; 2]) -> u32 {
    if let Some(k) = doc.actors.iter().position(|a| a.code == code) {
        if !doc.actors[k].mentions.contains(&span) {
            doc.actors[k].mentions.push(span);
        }
        return k as u32;
    }
    let text = doc.text[span[0] as usize..span[1] as usize].to_string();
    doc.actors.push(Actor {
        name: name
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .unwrap_or(text),
        country: country_of(code),
        role: role_of(code),
        code: code.to_string(),
        mentions: vec![span],
        country_inferred: false,
    });
    (doc.actors.len() - 1) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use petrel_doc::{Meta, Sentence};

    /// Builds a one-sentence document tokenised on spaces.
    fn doc(text: &str, date: &str) -> Document {
        let mut d = Document::new(
            Meta {
                id: "t1".into(),
                date: Some(date.into()),
                ..Default::default()
            },
            text,
        );
        let mut pos = 0;
        for w in text.split(' ') {
            let sym = d.strings.intern(w);
            d.tokens.push(pos as u32, (pos + w.len()) as u32, sym, true);
            pos += w.len() + 1;
        }
        d.sentences.push(Sentence {
            tokens: 0..d.tokens.len() as u32,
            start: 0,
            end: text.len() as u32,
        });
        d
    }

    /// Dictionaries with one verb (ACCUSE, 112) and the given actors file.
    fn accuse_with(actors: &str) -> Dictionaries {
        let mut dict = Dictionaries::default();
        dict.verbs.read(
            "v",
            "--- ACCUSE [112] ---\nACCUSE\n",
            false,
            true,
            &mut dict.errors,
        );
        dict.actors.read("a", actors, false, &mut dict.errors);
        dict
    }

    #[test]
    fn fills_events_and_actors() {
        let mut dict = accuse_with(
            "VALDORIA [VAL]\nOSTRAVIA [OST]\n+OSTRAVIAN\nNEDA_MORR\n [OSTGOV 20100101-20151231]\n",
        );
        dict.agents
            .read("g", "MINISTER [~GOV]\n", false, true, &mut dict.errors);
        dict.finish();
        let comp = DictComponent::new(Arc::new(dict));
        let mut d = doc("Neda Morr accused Valdoria 's minister", "2012-05-04");
        comp.process(&mut d).unwrap();
        assert_eq!(d.events.len(), 1);
        let e = &d.events[0];
        assert_eq!(e.cameo, "112");
        assert_eq!(e.cameo_root, "11");
        assert_eq!(e.quad_class, 3);
        assert_eq!(e.goldstein, 0.0);
        assert_eq!(e.verb, "accused");
        assert_eq!(e.source.as_ref().unwrap().code, "OSTGOV");
        assert_eq!(e.source.as_ref().unwrap().text, "Neda Morr");
        assert_eq!(e.target.as_ref().unwrap().code, "VALGOV");
        assert_eq!(e.target.as_ref().unwrap().text, "Valdoria 's minister");
        assert_eq!(d.actors.len(), 2);
        let line = crate::phoenix::phoenix_line(&d, 0);
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            crate::phoenix::PHOENIX_HEADER.split('\t').count()
        );
        assert_eq!(&cols[1..6], ["20120504", "2012", "05", "04", "OSTGOV"]);
        assert_eq!(cols[13], "112");
        // Out of the date range, Neda Morr has no code and nothing is coded.
        let mut d = doc("Neda Morr accused Valdoria 's minister", "2019-05-04");
        comp.process(&mut d).unwrap();
        assert!(d.events.is_empty());
    }

    /// Issues found in a sentence travel with its events, into JSON and the Phoenix column.
    #[test]
    fn issues_reach_events_and_phoenix_lines() {
        let mut dict = accuse_with("VALDORIA [VAL]\nOSTRAVIA [OST]\n");
        dict.read_issues("i", "<ISSUE CATEGORY=\"WATER\">\nn:dam [DAMS]\n");
        dict.finish();
        let comp = DictComponent::new(Arc::new(dict));
        let mut d = doc("Ostravia accused Valdoria over the dam", "2012-05-04");
        comp.process(&mut d).unwrap();
        assert_eq!(d.events.len(), 1);
        assert_eq!(d.events[0].issues, ["WATER,DAMS"]);
        let line = crate::phoenix::phoenix_line(&d, 0);
        let header: Vec<&str> = crate::phoenix::PHOENIX_HEADER.split('\t').collect();
        let col = header.iter().position(|h| *h == "Issues").unwrap();
        assert_eq!(line.split('\t').nth(col), Some("WATER,DAMS"));
    }

    #[test]
    fn a_prefix_cut_off_by_a_space_matches_hyphenated_entries() {
        let mut dict = Dictionaries {
            flavor: crate::Flavor::Tabari,
            ..Default::default()
        };
        dict.verbs.read(
            "v",
            "RALLY [017]\n- ANTI- + * [111]\n",
            true,
            false,
            &mut dict.errors,
        );
        dict.actors.read(
            "a",
            "VALDORIA [VAL]\nOSTRAVIA [OST]\n",
            true,
            &mut dict.errors,
        );
        dict.finish();
        assert!(dict.errors.is_empty(), "{:?}", dict.errors);
        let mut comp = DictComponent::new(Arc::new(dict));
        comp.opts.min_words = 0;
        let mut d = doc("Valdoria joined an anti- Ostravia rally", "2012-05-04");
        comp.process(&mut d).unwrap();
        assert_eq!(d.events.len(), 1);
        assert_eq!(d.events[0].cameo, "111");
        assert_eq!(d.events[0].source.as_ref().unwrap().code, "VAL");
        assert_eq!(d.events[0].target.as_ref().unwrap().code, "OST");
    }

    #[test]
    fn tabari_dictionaries_bring_their_defaults() {
        let mut dict = Dictionaries {
            flavor: crate::Flavor::Tabari,
            ..Default::default()
        };
        dict.read_options("COMPLEX: VERBS[5]\nSET: MINIMUM WORDS = 6\nSET: CODE ALL\n");
        let comp = DictComponent::new(Arc::new(dict));
        assert_eq!(comp.opts.min_words, 6);
        assert_eq!(comp.opts.code_by, crate::coder::CodeBy::All);
        assert!(comp.opts.comma.is_some() && comp.opts.pronouns);
        let plain = DictComponent::new(Arc::new(Dictionaries::default()));
        assert!(plain.opts.comma.is_none() && !plain.opts.pronouns);
        assert_eq!(plain.opts.min_words, 0);
    }

    #[test]
    fn out_of_range_dates_code_nothing() {
        let mut dict = accuse_with("VALDORIA [VAL]\nNEDA_MORR\n [OSTGOV 20100101-20151231]\n");
        dict.finish();
        let comp = DictComponent::new(Arc::new(dict));
        let mut d = doc("Neda Morr accused Valdoria 's minister", "2019-05-04");
        comp.process(&mut d).unwrap();
        assert!(d.events.is_empty());
    }

    #[test]
    fn the_parse_reaches_the_coder_as_word_heads() {
        let mut dict = Dictionaries::default();
        dict.verbs.read(
            "v",
            "--- PROMISE [050] ---\nPROMISE\n--- ACCUSE [112] ---\nACCUSE\n",
            false,
            true,
            &mut dict.errors,
        );
        dict.actors.read(
            "a",
            "VALDORIA [VAL]\nOSTRAVIA [OST]\nKIRENIA [KIR]\n",
            false,
            &mut dict.errors,
        );
        dict.finish();
        // `accused` hangs inside the phrase of `promised` (as a relative clause of `aid`).
        let mut d = doc(
            "Valdoria promised aid that Kirenia accused Ostravia of",
            "2019-05-04",
        );
        let heads = [1, u32::MAX, 1, 5, 5, 2, 5, 5];
        let rels = [
            "nsubj",
            "root",
            "obj",
            "mark",
            "nsubj",
            "acl:relcl",
            "obj",
            "obl",
        ];
        for (h, r) in heads.iter().zip(rels) {
            d.tokens.head.push(*h);
            let sym = d.strings.intern(r);
            d.tokens.deprel.push(sym);
        }
        let p1 = CoderOptions {
            petrarch1: true,
            ..Default::default()
        };
        let coder = Coder::new(&dict, p1.clone());
        let c = code_sentence(&coder, &d, 0);
        let codes: Vec<&str> = c.events.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, ["050"]);
        // Without the parse both verbs code.
        d.tokens.head.clear();
        d.tokens.deprel.clear();
        let c = code_sentence(&coder, &d, 0);
        assert_eq!(c.events.len(), 2);
    }
}
