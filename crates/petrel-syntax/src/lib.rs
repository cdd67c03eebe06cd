//! petrel's syntax: part-of-speech tagging (UPOS + Penn XPOS), lemmatisation and labelled
//! Universal Dependencies parsing, all learned by petrel itself from CoNLL-U treebanks.
//!
//! - [`tagger`]: greedy averaged-perceptron tagger with a tag dictionary; [`lemma`]: learned
//!   edit rules plus an exception table.
//! - [`parser`]: greedy arc-hybrid parser with a dynamic oracle and an arc labeller;
//!   [`beam`]: its opt-in beam search with globally trained weights.
//! - [`clusters`]: word clusters from unlabelled text (extra tagger and parser features).
//! - [`model`]: the averaged perceptron and the checked model file format.
//! - [`conllu`]: CoNLL-U reading and writing; [`eval`]: CoNLL 2018-style scoring;
//!   [`train`]: training runs as used by `petrel train` (see `docs/models.md`).
//!
//! [`TaggerComponent`] and [`ParserComponent`] are the pipeline components; by default they use
//! the models committed in `models/` and embedded in the binary.

pub mod beam;
pub mod clusters;
pub mod conllu;
pub mod eval;
pub mod hash;
pub mod lemma;
pub mod model;
pub mod parser;
mod punct;
pub mod tagger;
pub mod train;

/// The entries of a word-list data file (`data/*.txt`): trimmed lines, without blank lines
/// and `#` comments.
pub(crate) fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub use model::ModelError;
pub use parser::{train_parser, train_parser_with_alternatives, Parser, ParserTrainOptions};
pub use tagger::{train_tagger, Tagger, TaggerTrainOptions};

use parser::{tag_hash, ParseScratch};
use petrel_doc::{Component, ComponentError, Document, Sym, NO_HEAD};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use tagger::TagScratch;

/// The committed tagger model, embedded in the binary.
pub static TAGGER_BYTES: &[u8] = include_bytes!("../../../models/tagger.bin");
/// The committed parser model, embedded in the binary.
pub static PARSER_BYTES: &[u8] = include_bytes!("../../../models/parser.bin");

/// The embedded tagger, decoded once per process.
pub fn embedded_tagger() -> Result<Arc<Tagger>, ModelError> {
    static T: OnceLock<Result<Arc<Tagger>, String>> = OnceLock::new();
    T.get_or_init(|| {
        Tagger::from_bytes("embedded tagger", TAGGER_BYTES)
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(|m| ModelError::Malformed {
        what: "embedded tagger".into(),
        offset: 0,
        message: m,
    })
}

/// The embedded parser, decoded once per process.
pub fn embedded_parser() -> Result<Arc<Parser>, ModelError> {
    static P: OnceLock<Result<Arc<Parser>, String>> = OnceLock::new();
    P.get_or_init(|| {
        Parser::from_bytes("embedded parser", PARSER_BYTES)
            .map(Arc::new)
            .map_err(|e| e.to_string())
    })
    .clone()
    .map_err(|m| ModelError::Malformed {
        what: "embedded parser".into(),
        offset: 0,
        message: m,
    })
}

/// Loads a tagger model file.
pub fn load_tagger(path: &Path) -> Result<Tagger, ModelError> {
    let what = path.display().to_string();
    let data = std::fs::read(path).map_err(|e| ModelError::Io(what.clone(), e))?;
    Tagger::from_bytes(&what, &data)
}

/// Loads a parser model file.
pub fn load_parser(path: &Path) -> Result<Parser, ModelError> {
    let what = path.display().to_string();
    let data = std::fs::read(path).map_err(|e| ModelError::Io(what.clone(), e))?;
    Parser::from_bytes(&what, &data)
}

/// The parser of `models_dir` (its `parser.bin`), or the embedded one, as a model of its own
/// (e.g. to decode with another beam width, [`Parser::set_beam`]).
pub fn owned_parser(models_dir: Option<&Path>) -> Result<Parser, ModelError> {
    match models_dir {
        Some(d) => load_parser(&d.join("parser.bin")),
        None => Parser::from_bytes("embedded parser", PARSER_BYTES),
    }
}

/// Tagger and parser together, with reusable buffers, for tagging and parsing plain word
/// sequences (training, evaluation, benchmarks).
pub struct Syntax {
    pub tagger: Arc<Tagger>,
    pub parser: Arc<Parser>,
    tag_hashes: Vec<u64>,
    ts: TagScratch,
    ps: ParseScratch,
    /// The tagger's runner-up tags, for a parser that uses them.
    alts: Vec<tagger::Alt>,
    alt_values: Vec<u64>,
}

/// The analysis of one sentence by [`Syntax::analyse`].
#[derive(Debug, Default, Clone)]
pub struct Analysis {
    pub classes: Vec<u16>,
    /// 0-based heads, `u32::MAX` for the root.
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

impl Syntax {
    pub fn new(tagger: Arc<Tagger>, parser: Arc<Parser>) -> Self {
        let tag_hashes = (0..tagger.n_classes())
            .map(|c| tag_hash(&tagger.upos[c], &tagger.xpos[c]))
            .collect();
        Syntax {
            tagger,
            parser,
            tag_hashes,
            ts: TagScratch::default(),
            ps: ParseScratch::default(),
            alts: Vec::new(),
            alt_values: Vec::new(),
        }
    }

    /// The embedded models.
    pub fn embedded() -> Result<Self, ModelError> {
        Ok(Self::new(embedded_tagger()?, embedded_parser()?))
    }

    /// Tags only.
    pub fn tag(&mut self, forms: &[&str], out: &mut Analysis) {
        self.tagger.tag(forms, &mut self.ts, &mut out.classes);
    }

    /// Tags and parses one sentence (parse optional).
    pub fn analyse(&mut self, forms: &[&str], parse: bool, out: &mut Analysis) {
        if !(parse && self.parser.uses_alternatives()) {
            self.tagger.tag(forms, &mut self.ts, &mut out.classes);
        } else {
            self.tagger.tag_with_alternatives(
                forms,
                &mut self.ts,
                &mut out.classes,
                &mut self.alts,
            );
            self.alt_values.clear();
            let hashes = &self.tag_hashes;
            self.alt_values
                .extend(self.alts.iter().map(|a| alt_hash(hashes, *a)));
        }
        if parse {
            let tags: Vec<u64> = out
                .classes
                .iter()
                .map(|&c| self.tag_hashes[c as usize])
                .collect();
            let alts = self
                .parser
                .uses_alternatives()
                .then_some(&self.alt_values[..]);
            self.parser.parse_with_alternatives(
                forms,
                &tags,
                alts,
                &mut self.ps,
                &mut out.heads,
                &mut out.labels,
            );
        }
    }

    /// Parses with given tags (UPOS, XPOS per word).
    pub fn parse_with_tags(&mut self, forms: &[&str], tags: &[u64], out: &mut Analysis) {
        self.parser
            .parse(forms, tags, &mut self.ps, &mut out.heads, &mut out.labels);
    }

    /// The lemma of `form` tagged `class`.
    pub fn lemma(&mut self, form: &str, class: u16, out: &mut String) {
        self.tagger.lemma(form, class, &mut self.ts, out);
    }
}

pub use parser::tag_hash as parser_tag_hash;

/// The parser's value for a tagger alternative, given the tag hash of every class.
pub fn alt_hash(tag_hashes: &[u64], a: tagger::Alt) -> u64 {
    if a.is_sure() {
        parser::ALT_SURE
    } else {
        parser::alt_value(tag_hashes[a.class as usize], a.bucket)
    }
}

/// Pipeline component filling `upos`, `xpos` and `lemma`.
pub struct TaggerComponent {
    tagger: Arc<Tagger>,
}

impl TaggerComponent {
    pub fn new(tagger: Arc<Tagger>) -> Self {
        TaggerComponent { tagger }
    }
    /// With the embedded model.
    pub fn embedded() -> Result<Self, ModelError> {
        Ok(Self::new(embedded_tagger()?))
    }
}

impl Component for TaggerComponent {
    fn name(&self) -> &'static str {
        "tagger"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        let n = doc.tokens.len();
        let covered: usize = doc.sentences.iter().map(|s| s.len()).sum();
        if covered != n || doc.tokens.form.len() != n {
            return Err(ComponentError {
                component: "tagger",
                message: format!(
                    "sentences cover {covered} of {n} tokens; run the text component first"
                ),
            });
        }
        // First pass (document borrowed): classes and lemmas into flat buffers, so there is no
        // allocation per token; second pass: intern.
        let mut ts = TagScratch::default();
        let mut classes = Vec::new();
        let mut all = Vec::with_capacity(n);
        let mut lemma = String::new();
        let mut lemma_buf = String::with_capacity(n * 6);
        let mut lemma_ends = Vec::with_capacity(n);
        let mut word_classes = Vec::with_capacity(n);
        {
            let mut forms: Vec<&str> = Vec::new();
            for s in &doc.sentences {
                forms.clear();
                forms.extend(
                    s.token_range()
                        .map(|i| doc.strings.resolve(doc.tokens.form[i])),
                );
                self.tagger.tag(&forms, &mut ts, &mut classes);
                self.tagger.word_classes(&ts, &mut word_classes);
                for (f, &c) in forms.iter().zip(&classes) {
                    self.tagger.lemma(f, c, &mut ts, &mut lemma);
                    lemma_buf.push_str(&lemma);
                    lemma_ends.push(lemma_buf.len());
                }
                all.extend_from_slice(&classes);
            }
        }
        // Class ids → interned tag strings, resolved once per document.
        let mut class_syms: Vec<Option<(Sym, Sym)>> = vec![None; self.tagger.n_classes()];
        let (mut upos, mut xpos, mut lemmas) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        let mut start = 0;
        for (&c, &end) in all.iter().zip(&lemma_ends) {
            let (u, x) = *class_syms[c as usize].get_or_insert_with(|| {
                (
                    doc.strings.intern(&self.tagger.upos[c as usize]),
                    doc.strings.intern(&self.tagger.xpos[c as usize]),
                )
            });
            upos.push(u);
            xpos.push(x);
            lemmas.push(doc.strings.intern(&lemma_buf[start..end]));
            start = end;
        }
        doc.tokens.upos = upos;
        doc.tokens.xpos = xpos;
        doc.tokens.lemma = lemmas;
        doc.tokens.cluster = word_classes;
        Ok(())
    }
}

/// Pipeline component filling `head` and `deprel` (needs the tagger's output).
pub struct ParserComponent {
    parser: Arc<Parser>,
}

impl ParserComponent {
    pub fn new(parser: Arc<Parser>) -> Self {
        ParserComponent { parser }
    }
    /// With the embedded model.
    pub fn embedded() -> Result<Self, ModelError> {
        Ok(Self::new(embedded_parser()?))
    }
}

impl Component for ParserComponent {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        let n = doc.tokens.len();
        if n > 0 && !doc.tokens.is_tagged() {
            return Err(ComponentError {
                component: "parser",
                message: "tokens are not tagged; run the tagger first".into(),
            });
        }
        let mut ps = ParseScratch::default();
        let (mut heads, mut labels) = (Vec::new(), Vec::new());
        let mut all_heads = Vec::with_capacity(n);
        let mut all_rels = Vec::with_capacity(n);
        let mut label_syms: Vec<Option<Sym>> = vec![None; self.parser.labels.len()];
        let mut all_labels: Vec<u16> = Vec::with_capacity(n);
        {
            let mut forms: Vec<&str> = Vec::new();
            let mut tags: Vec<u64> = Vec::new();
            let mut tag_of: rustc_hash::FxHashMap<(Sym, Sym), u64> = Default::default();
            for s in &doc.sentences {
                let range = s.token_range();
                forms.clear();
                tags.clear();
                for i in range.clone() {
                    forms.push(doc.strings.resolve(doc.tokens.form[i]));
                    let (u, x) = (doc.tokens.upos[i], doc.tokens.xpos[i]);
                    tags.push(*tag_of.entry((u, x)).or_insert_with(|| {
                        tag_hash(doc.strings.resolve(u), doc.strings.resolve(x))
                    }));
                }
                self.parser
                    .parse(&forms, &tags, &mut ps, &mut heads, &mut labels);
                for &h in &heads {
                    all_heads.push(if h == u32::MAX {
                        NO_HEAD
                    } else {
                        h + range.start as u32
                    });
                }
                all_labels.extend_from_slice(&labels);
            }
        }
        if all_heads.len() != n {
            return Err(ComponentError {
                component: "parser",
                message: format!("sentences cover {} of {n} tokens", all_heads.len()),
            });
        }
        for l in all_labels {
            let sym = *label_syms[l as usize]
                .get_or_insert_with(|| doc.strings.intern(&self.parser.labels[l as usize]));
            all_rels.push(sym);
        }
        doc.tokens.head = all_heads;
        doc.tokens.deprel = all_rels;
        Ok(())
    }
}

/// The tagger and parser components: from `models_dir` (`tagger.bin`, `parser.bin`) when
/// given, else the embedded models.
pub fn components(
    models_dir: Option<&Path>,
) -> Result<(TaggerComponent, ParserComponent), ModelError> {
    Ok(match models_dir {
        Some(dir) => (
            TaggerComponent::new(Arc::new(load_tagger(&dir.join("tagger.bin"))?)),
            ParserComponent::new(Arc::new(load_parser(&dir.join("parser.bin"))?)),
        ),
        None => (TaggerComponent::embedded()?, ParserComponent::embedded()?),
    })
}

/// Writes a tagged and parsed document as CoNLL-U (one block per sentence; heads are
/// sentence-relative, `SpaceAfter=No` where the text has no space after a token).
pub fn doc_to_conllu(doc: &Document, out: &mut String) {
    use std::fmt::Write as _;
    let t = &doc.tokens;
    let tagged = t.is_tagged();
    let parsed = t.is_parsed();
    if !doc.meta.id.is_empty() {
        let _ = writeln!(out, "# newdoc id = {}", doc.meta.id);
    }
    for (si, s) in doc.sentences.iter().enumerate() {
        let r = s.token_range();
        let text: String = doc
            .sentence_text(si)
            .chars()
            .map(|c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        let id = if doc.meta.id.is_empty() {
            "s"
        } else {
            &doc.meta.id
        };
        let _ = writeln!(out, "# sent_id = {id}-{}", si + 1);
        let _ = writeln!(out, "# text = {}", text.trim());
        for i in r.clone() {
            let get = |v: &Vec<Sym>| {
                if tagged || parsed {
                    v.get(i).map_or("_", |&s| doc.strings.resolve(s))
                } else {
                    "_"
                }
            };
            let head = if !parsed {
                "_".to_string()
            } else if t.head[i] == NO_HEAD {
                "0".to_string()
            } else {
                (t.head[i] as usize - r.start + 1).to_string()
            };
            let misc = if t.space_after.get(i) == Some(&false) {
                "SpaceAfter=No"
            } else {
                "_"
            };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i - r.start + 1,
                doc.form(i),
                get(&t.lemma),
                get(&t.upos),
                get(&t.xpos),
                head,
                get(&t.deprel),
                misc
            );
        }
        out.push('\n');
    }
}

/// Speed of tagging and parsing: the result of [`bench`].
#[derive(Debug, Clone, Copy)]
pub struct BenchResult {
    pub tokens: usize,
    /// Wall-clock time.
    pub seconds: f64,
    /// CPU time summed over the threads (Linux only), which is what counts on a busy machine.
    pub cpu_seconds: Option<f64>,
    pub threads: usize,
}

/// CPU time of the calling thread in nanoseconds, from `/proc/thread-self/schedstat`.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

impl BenchResult {
    pub fn tokens_per_second(&self) -> f64 {
        self.tokens as f64 / self.seconds.max(1e-9)
    }
    /// Tokens per CPU-second of one thread.
    pub fn tokens_per_cpu_second(&self) -> Option<f64> {
        self.cpu_seconds.map(|c| self.tokens as f64 / c.max(1e-9))
    }
}

/// Tags, lemmatises and parses `sents` (gold tokens) repeatedly until at least `min_tokens`
/// tokens are done per thread, on `threads` threads each with its own buffers; for
/// `petrel eval parse --bench` and `petrel bench`.
pub fn bench(
    tagger: &Arc<Tagger>,
    parser: &Arc<Parser>,
    sents: &[conllu::Sentence],
    min_tokens: usize,
    threads: usize,
) -> BenchResult {
    let forms: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect();
    let threads = threads.max(1);
    let start = std::time::Instant::now();
    let per_thread: Vec<(usize, Option<u64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                let forms = &forms;
                scope.spawn(move || {
                    let mut syn = Syntax::new(tagger.clone(), parser.clone());
                    let mut a = Analysis::default();
                    let mut lemma = String::new();
                    let mut done = 0usize;
                    let cpu0 = thread_cpu_ns();
                    while done < min_tokens.max(1) {
                        for f in forms {
                            syn.analyse(f, true, &mut a);
                            for (w, &c) in f.iter().zip(&a.classes) {
                                syn.lemma(w, c, &mut lemma);
                            }
                            done += f.len();
                        }
                        if forms.is_empty() {
                            break;
                        }
                    }
                    let cpu = thread_cpu_ns().zip(cpu0).map(|(b, a)| b.saturating_sub(a));
                    (done, cpu)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or((0, None)))
            .collect()
    });
    let seconds = start.elapsed().as_secs_f64();
    let cpu: Option<u64> = per_thread.iter().map(|p| p.1).sum();
    BenchResult {
        tokens: per_thread.iter().map(|p| p.0).sum(),
        seconds,
        cpu_seconds: cpu.map(|c| c as f64 / 1e9),
        threads,
    }
}
