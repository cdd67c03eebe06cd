//! Quotes: direct quotes (straight or curly marks, over several sentences, partial quotes)
//! and reported speech ("X said that …", "according to X"), each with its cue word and its
//! speaker, linked to an actor when the actors component has run. Works on tokens with
//! surface patterns for the hand-written cues (`data/cues.txt`); a misspelt cue right after
//! a quote ("…," Dzhamgyrchiyev saod.) is accepted at one edit from a known cue. With a
//! dependency parse, the speaker is the cue verb's subject (inherited by participles and
//! second verbs: "…, saying"), trimmed and extended to the phrase annotators mark, and the
//! verbs of `data/cues-derived.tsv` (counted on PolNeAR train by `petrel eval quotes
//! --derive-cues`) add attributions of stance and intention ("urged", "praised", "called
//! for") with their complement as content. The noun rows of the same table add nominal cues
//! ("her criticism of the plan", "calls for a recount", "his warning that …"); opening poll
//! phrases ("In a survey released Monday, …"), "in her view" and cue adverbs ("reportedly")
//! attribute the rest of their clause.
//!
//! With the embedded model (`data/quotes.bin`, see [`SourceModel`]), a learned cue scorer
//! decides which verbs (any verb, not only the table's: "grumbled that", "fretted that"),
//! copular adjectives ("was adamant that", "is critical of") and nouns of the derived table
//! are cues in their context; a verb without a complement takes a later prepositional phrase
//! ("spoke angrily about the plan"), a passive one its subject ("which was first reported
//! by …"), and a noun object takes the phrase after it ("raised questions about …"). A learned source picker re-picks every attribution's
//! speaker among the noun phrases of its sentence (or none). Rebuild it with
//! `petrel train quotes --polnear $DATA/quotes/polnear/train -o crates/petrel-quotes/data/quotes.bin`
//! (train split only; dev stays held out for `petrel eval quotes`).

pub mod eval;
mod source;

pub use source::SourceModel;

use petrel_doc::{Component, ComponentError, Document, MentionKind, Quote, Span, NO_HEAD};
use rustc_hash::{FxHashMap, FxHashSet};

const CUES: &str = include_str!("../data/cues.txt");
/// Verb forms counted as cues in annotated news (derived from PolNeAR train by
/// `petrel eval quotes --derive-cues`): form, cue uses, uses as a verb, uses without source.
const DERIVED: &str = include_str!("../data/cues-derived.tsv");
/// A derived form is a cue when at least this share of its verb uses were cues…
pub const DERIVED_MIN_RATE: f64 = 0.25;
/// …and it was a cue at least this often.
const DERIVED_MIN_USES: u32 = 4;
/// Derived noun forms ("criticism", "calls") are cues from this share of their uses as a
/// noun on (chosen on PolNeAR train: lower adds content but loses exact sources).
pub const DERIVED_NOUN_MIN_RATE: f64 = 0.2;
/// …and at least this many cue uses (every noun row of the table).
const DERIVED_NOUN_MIN_USES: u32 = 3;
/// Forms whose attributions mostly have no source ("seems", "is expected") report the
/// whole clause (subject included) as the content.
const DERIVED_RAISING: f64 = 0.5;
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
/// Words that end a speaker phrase when walking back from a cue.
const STOP_BACK: &[&str] = &[
    ",", ";", ":", "that", "and", "but", "because", "while", "when", "as", "if", "-", "--", "(",
    ")", "\"", "``", "''", "which", "who", "where",
];

/// Words trimmed from the end of a speaker phrase (`data/speaker-trail.txt`).
static SPEAKER_TRAIL: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../data/speaker-trail.txt")));

/// Words that open a time adjunct before a speaker ("Monday, the minister said";
/// `data/days.txt`).
static WEEKDAYS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../data/days.txt")));

/// Nouns that make "in a poll …" an attribution (`data/in-sources.txt`).
static IN_SOURCES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../data/in-sources.txt")));

/// Nouns of an "in her view," attribution (`data/in-views.txt`).
static IN_VIEWS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../data/in-views.txt")));

/// Adverbs that attribute their clause to an unnamed source (`data/cue-adverbs.txt`).
static CUE_ADVERBS: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| word_list(include_str!("../data/cue-adverbs.txt")));

/// The verbs of a request for anonymity ("who asked not to be named"): the `anonymity` row
/// of the shared `lexicon/grammar.tsv`, which event coding reads too.
static ANONYMITY: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    include_str!("../../../lexicon/grammar.tsv")
        .lines()
        .find_map(|l| l.strip_prefix("anonymity\t"))
        .map(|v| v.trim().split('|').collect())
        .unwrap_or_default()
});

/// Whether `content` is only a request not to be named ("not to be named", "to be
/// identified"): a reporter's formula about the source, not something the source said.
fn asks_anonymity(doc: &Document, content: (usize, usize)) -> bool {
    let words: Vec<usize> = (content.0..content.1)
        .filter(|&t| doc.form(t).chars().any(char::is_alphanumeric))
        .collect();
    let [.., be, verb] = words[..] else {
        return false;
    };
    words.len() <= 5
        && doc.form(be).eq_ignore_ascii_case("be")
        && ANONYMITY.contains(&ascii_lower(doc.form(verb)).as_ref())
}

/// `form` in lower case, allocating only for the rare capitalised word.
fn ascii_lower(form: &str) -> std::borrow::Cow<'_, str> {
    if form.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(form.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(form)
    }
}

/// The words of a list file: one per line, `#` comments and blank lines skipped.
fn word_list(text: &'static str) -> Vec<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// The per-document feature context of the learned parts, built on first use (most
/// documents without attributions never need it).
type LazyCtx<'a> = std::cell::OnceCell<source::DocContext<'a>>;

/// Past a closing quote mark, how far the cue may be (`," Pat Doe, a former mayor and a
/// candidate for the council, told …`), when a comma follows the first words.
const LONG_TAIL: usize = 30;

/// Fills `doc.quotes`.
pub struct QuotesComponent {
    /// Cue form → whether it takes an addressee ("told reporters that").
    cues: FxHashMap<&'static str, bool>,
    /// Cue forms that are often nouns ("state", "report").
    ambiguous: FxHashSet<&'static str>,
    /// Cues of four letters or more, for the misspelling check.
    fuzzy: Vec<&'static str>,
    /// Derived cue verbs (used with the parse) → whether the verb raises its content's
    /// subject ("X seems to …": no source, the clause is the content).
    derived: FxHashMap<&'static str, bool>,
    /// Derived cue nouns (used with the parse): "criticism of", "support for", "his warning
    /// that".
    nouns: FxHashSet<&'static str>,
    /// The learned source picker and cue scorer (`data/quotes.bin`), if any.
    source: Option<std::sync::Arc<SourceModel>>,
    /// Every row of the derived table: (form, is a noun) → whether the verb raises. The
    /// cue scorer considers these forms (seen as cues in annotated news), which need not
    /// pass the table's thresholds.
    rows: FxHashMap<(&'static str, bool), bool>,
}

/// The embedded source model (`data/quotes.bin`, built by `petrel train quotes`).
static EMBEDDED: std::sync::LazyLock<Result<Option<std::sync::Arc<SourceModel>>, String>> =
    std::sync::LazyLock::new(|| {
        SourceModel::from_bytes(
            include_bytes!("../data/quotes.bin"),
            "petrel-quotes/data/quotes.bin",
        )
        .map(|m| m.map(std::sync::Arc::new))
    });

/// Whether the embedded source model loads (the error names the file when it does not).
pub fn check_embedded_model() -> Result<(), String> {
    EMBEDDED.as_ref().map(|_| ()).map_err(Clone::clone)
}

impl Default for QuotesComponent {
    fn default() -> Self {
        Self::with_cue_rates(DERIVED_MIN_RATE, DERIVED_NOUN_MIN_RATE)
    }
}

impl QuotesComponent {
    /// A component whose derived cue verbs are those that were cues in at least `min_rate`
    /// of their uses as a verb (the default is [`DERIVED_MIN_RATE`]; `petrel eval quotes
    /// --cue-rate` tries others).
    pub fn with_cue_rate(min_rate: f64) -> Self {
        Self::with_cue_rates(min_rate, DERIVED_NOUN_MIN_RATE)
    }

    /// As [`Self::with_cue_rate`], with the cue rate for derived nouns as well.
    pub fn with_cue_rates(min_rate: f64, noun_rate: f64) -> Self {
        let mut cues = FxHashMap::default();
        let mut ambiguous = FxHashSet::default();
        for l in CUES.lines().map(str::trim) {
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let l = match l.strip_suffix('?') {
                Some(w) => {
                    ambiguous.insert(w);
                    w
                }
                None => l,
            };
            match l.strip_suffix('*') {
                Some(w) => cues.insert(w, true),
                None => cues.insert(l, false),
            };
        }
        let fuzzy = [
            "said",
            "says",
            "told",
            "added",
            "stated",
            "noted",
            "explained",
        ]
        .to_vec();
        let mut derived = FxHashMap::default();
        let mut nouns = FxHashSet::default();
        let mut rows = FxHashMap::default();
        for l in DERIVED.lines() {
            if l.starts_with('#') {
                continue;
            }
            let mut it = l.split('\t');
            let (Some(form), Some(cue), Some(all), Some(nosrc)) =
                (it.next(), it.next(), it.next(), it.next())
            else {
                continue;
            };
            let num = |x: &str| x.trim().parse::<u32>().unwrap_or(0);
            let (cue, all, nosrc) = (num(cue), num(all), num(nosrc));
            let is_noun = it.next().map(str::trim) == Some("NOUN");
            rows.insert(
                (form, is_noun),
                f64::from(nosrc) >= DERIVED_RAISING * f64::from(cue),
            );
            if is_noun {
                if cue >= DERIVED_NOUN_MIN_USES && f64::from(cue) >= noun_rate * f64::from(all) {
                    nouns.insert(form);
                }
            } else if cue >= DERIVED_MIN_USES && f64::from(cue) >= min_rate * f64::from(all) {
                derived.insert(form, f64::from(nosrc) >= DERIVED_RAISING * f64::from(cue));
            }
        }
        QuotesComponent {
            cues,
            ambiguous,
            fuzzy,
            derived,
            nouns,
            // A corrupt embedded model leaves the rules' speakers (`check_embedded_model`
            // reports it; a test keeps the shipped file loadable).
            source: EMBEDDED.as_ref().ok().cloned().flatten(),
            rows,
        }
    }

    /// The same component with another source model (`None`: the rules' speakers).
    pub fn with_source_model(mut self, model: Option<SourceModel>) -> Self {
        self.source = model.map(std::sync::Arc::new);
        self
    }

    /// Training examples for the source picker from one parsed document and its gold
    /// attributions (the component's own source model is not used). `reach` counts the
    /// attributions whose gold source is among the candidates, all attributions, and those
    /// where the rules' speaker is right.
    pub fn source_examples(
        &self,
        doc: &Document,
        gold: &eval::GoldAttributions,
        out: &mut Vec<source::Example>,
        reach: &mut [usize; 3],
    ) {
        if !(doc.tokens.is_parsed() && doc.tokens.is_tagged()) {
            return;
        }
        let ctx = LazyCtx::new();
        let (found, in_quote) = self.find_rules(doc, Some(&ctx), None);
        let text = doc.text.as_str();
        let rels: Vec<_> = gold
            .relations
            .iter()
            .filter_map(|r| {
                Some((
                    eval::trim_span(text, r.cue?),
                    r.content.map(|c| eval::trim_span(text, c)),
                    r.source.map(|s| eval::trim_span(text, s)),
                ))
            })
            .collect();
        let lookup = |cue: Span, content: Span| -> Option<source::GoldSource> {
            let cue = eval::trim_span(text, cue);
            let hit = rels
                .iter()
                .filter(|r| r.0.overlaps(cue))
                .max_by_key(|r| (r.0 == cue, r.1.is_some_and(|c| c.overlaps(content))));
            Some(hit.and_then(|r| r.2))
        };
        source::examples(doc, &in_quote, &found, &lookup, out, reach);
    }
}

impl QuotesComponent {
    /// Training examples for the cue scorer from one parsed document: the features of
    /// every verb and noun the parse rules consider, and whether it is part of a gold cue.
    pub fn cue_examples(
        &self,
        doc: &Document,
        gold: &eval::GoldAttributions,
        out: &mut Vec<(Vec<u64>, bool)>,
    ) {
        if !(doc.tokens.is_parsed() && doc.tokens.is_tagged()) {
            return;
        }
        let mut log = Vec::new();
        let ctx = LazyCtx::new();
        self.find_rules(doc, Some(&ctx), Some(&mut log));
        let cues: Vec<Span> = gold
            .cue
            .iter()
            .map(|&c| eval::trim_span(&doc.text, c))
            .collect();
        for (t, feats) in log {
            let sp = doc.token_span(t, t + 1);
            out.push((feats, cues.iter().any(|c| c.contains(sp))));
        }
    }
}

pub use source::{train as train_source, train_cues, Example as SourceExample};

fn is_quote(f: &str) -> bool {
    matches!(f, "\"" | "``" | "''" | "\u{201c}" | "\u{201d}")
}

/// Whether token `i` is a hyphen inside a word ("Smith-Jones"), not a dash.
fn inner_hyphen(doc: &Document, i: usize) -> bool {
    doc.form(i) == "-"
        && i > 0
        && i + 1 < doc.tokens.len()
        && doc.tokens.end[i - 1] == doc.tokens.start[i]
        && doc.tokens.end[i] == doc.tokens.start[i + 1]
}

fn is_punct(f: &str) -> bool {
    f.chars().all(|c| c.is_ascii_punctuation())
}

/// Damerau–Levenshtein distance of at most one (a typo), for short ASCII words.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 | -1 => {
            let (l, s) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let i = (0..s.len()).find(|&i| l[i] != s[i]).unwrap_or(s.len());
            l[i + 1..] == s[i..]
        }
        _ => false,
    }
}

struct Found {
    kind: &'static str,
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    sentence: usize,
    /// For a quote without a cue that continues an earlier one's speaker: that quote's cue
    /// token (its final speaker, once picked, is this one's too).
    follows: Option<usize>,
    /// Which rule found it (`O_*`): a feature of the source picker.
    origin: u8,
}

/// Rules an attribution comes from ([`Found::origin`]).
const O_DIRECT: u8 = 1;
const O_FINAL: u8 = 2;
const O_INVERTED: u8 = 3;
const O_FORWARD: u8 = 4;
const O_ACCORDING: u8 = 5;
const O_TABLE: u8 = 6;
const O_SCORED: u8 = 7;
const O_PASSIVE: u8 = 8;
const O_NOUN: u8 = 9;
const O_POLL: u8 = 10;
const O_IN: u8 = 11;
const O_VIEW: u8 = 12;
const O_ADVERB: u8 = 13;
const O_COLON: u8 = 14;

impl Found {
    fn content_overlaps(&self, r: (usize, usize)) -> bool {
        r.0 < self.content.1 && self.content.0 < r.1
    }
}

/// A quote continuing an earlier one (`"A," X said. "B."` with B in a paragraph of its own)
/// takes that quote's final speaker, after trimming and picking, rather than the rules'
/// first draft of it.
fn inherit_speakers(found: &mut [Found]) {
    for i in 0..found.len() {
        let Some(c) = found[i].follows else { continue };
        if found[i].cue.is_some() {
            continue;
        }
        if let Some(j) = found.iter().position(|f| f.cue.is_some_and(|x| x.0 == c)) {
            found[i].speaker = found[j].speaker;
        }
    }
}

/// The token span of the subtree headed by `top` within its sentence, without trailing
/// commas, dashes or sentence-final punctuation.
fn subtree(doc: &Document, top: usize) -> (usize, usize) {
    let sent = doc.sentences[doc.sentence_of(top)].token_range();
    let (mut lo, mut hi) = (top, top + 1);
    for t in sent {
        let mut h = t;
        for _ in 0..64 {
            if h == top {
                lo = lo.min(t);
                hi = hi.max(t + 1);
                break;
            }
            let next = doc.tokens.head[h];
            if next == petrel_doc::NO_HEAD {
                break;
            }
            h = next as usize;
        }
    }
    while hi > lo + 1 && matches!(doc.form(hi - 1), "," | "-" | "--" | "." | "!" | "?" | ";") {
        hi -= 1;
    }
    while lo + 1 < hi && matches!(doc.form(lo), "," | "-" | "--" | ";" | ":") {
        lo += 1;
    }
    (lo, hi)
}

/// `sp` without trailing adverbs and times the parser left in the subject
/// ("Sanders late Monday").
fn trim_trail(doc: &Document, sp: (usize, usize)) -> (usize, usize) {
    let (s, mut e) = sp;
    // A bracket opened in the phrase closes in it ("Pat Doe (R-Ky.)": the parse may hang
    // the ")" on the verb).
    let count = |b: &str| (s..e).filter(|&k| doc.form(k) == b).count();
    if e < doc.tokens.len()
        && doc.form(e) == ")"
        && doc.sentence_of(e) == doc.sentence_of(s)
        && count("(") > count(")")
    {
        return (s, e + 1);
    }
    while e > s + 1 {
        // A closing bracket whose opening one is in the span stays ("Pat Doe (R-Ohio)").
        if matches!(doc.form(e - 1), ")" | "]")
            && (s..e - 1).any(|k| matches!(doc.form(k), "(" | "["))
        {
            break;
        }
        let f = ascii_lower(doc.form(e - 1));
        let minor = doc.tokens.is_tagged()
            && matches!(
                upos(doc, e - 1),
                "ADP" | "ADV" | "AUX" | "PART" | "CCONJ" | "SCONJ" | "PUNCT"
            );
        if minor || SPEAKER_TRAIL.contains(&&*f) {
            e -= 1;
        } else {
            break;
        }
    }
    (s, e)
}

/// Whether the parse says cue `c` after the comma at `k` starts its own clause rather than
/// closing the sentence (`X, an aide, said he would run`: the subject is before the comma
/// or the complement after the cue).
fn not_inverted(doc: &Document, c: usize, k: usize) -> bool {
    if !doc.tokens.is_parsed() {
        return false;
    }
    // The content before the comma as the cue's complement: inverted, whatever the cue's
    // own relation ("…, wages rose, Doe said" with "said" parsed as a clause modifier).
    if children(doc, c).any(|t| t < k && deprel(doc, t) == "ccomp") {
        return false;
    }
    // A clause modifier opens its own clause when marked ("as he said", "when she said");
    // unmarked, the parse often just hung a closing `…, officials said` on the main verb.
    let modifier = match deprel(doc, c) {
        "acl" | "xcomp" => true,
        "advcl" => children(doc, c).any(|t| deprel(doc, t) == "mark"),
        _ => false,
    };
    modifier
        || doc.form(c).ends_with("ing")
        || children(doc, c).any(|t| {
            let rel = deprel(doc, t);
            (rel.starts_with("nsubj") && t < k) || (rel == "ccomp" && t > c)
        })
}

fn upos(doc: &Document, t: usize) -> &str {
    doc.strings.resolve(doc.tokens.upos[t])
}

/// Speaker boundaries as news annotators draw them: without a leading adjunct ("In Texas,
/// half of voters" gives "half of voters", "as voters" gives "voters"), with the name
/// after a title ("campaign manager Pat Doe"), and with an appositive or relative clause
/// set off by commas ("Pat Doe, an aide to the mayor, said"; "said Pat Doe, an aide.").
fn refine_speaker(
    doc: &Document,
    sp: (usize, usize),
    cue: Option<(usize, usize)>,
    content: (usize, usize),
) -> Option<(usize, usize)> {
    let (mut s, mut e) = sp;
    // Leading adjuncts.
    for _ in 0..4 {
        if e <= s + 1 {
            break;
        }
        let first = doc.form(s).to_lowercase();
        let day = WEEKDAYS.contains(&first.as_str()) && doc.form(s + 1) == ",";
        // "At least half", "only about 4 in 10", "not everyone": quantifiers stay.
        let quantity = !doc.form(s + 1).contains(',')
            && (matches!(
                first.as_str(),
                "only" | "about" | "nearly" | "almost" | "not"
            ) || matches!(
                doc.form(s + 1).to_lowercase().as_str(),
                "least" | "most" | "about" | "half"
            ));
        if quantity || !day && !matches!(upos(doc, s), "ADP" | "SCONJ" | "ADV" | "CCONJ" | "PART") {
            break;
        }
        match (s..e).rev().find(|&k| doc.form(k) == ",") {
            Some(k) if k + 1 < e => s = k + 1,
            _ => s += 1,
        }
    }
    if !plausible_speaker(doc, (s, e)) {
        return None;
    }
    let sent_end = doc.sentences[doc.sentence_of(s)].tokens.end as usize;
    let limit = match cue {
        Some((c, _)) if c >= e => c,
        _ => sent_end,
    };
    let clear = |k: usize| k >= content.1 || k < content.0;
    // The name after a title (not after a bracket: "Ana Ode (@anaode) May 2").
    while e < limit && upos(doc, e) == "PROPN" && clear(e) && doc.form(e - 1) != ")" {
        e += 1;
    }
    // Title words the parser hung on the name but the subject phrase left out ("former
    // Florida governor Pat Doe").
    let sent_start = doc.sentences[doc.sentence_of(s)].tokens.start as usize;
    while s > sent_start && clear(s - 1) && cue.is_none_or(|(c, ce)| c >= e || ce < s) {
        let h = doc.tokens.head[s - 1] as usize;
        let title = matches!(upos(doc, s - 1), "ADJ" | "NOUN" | "PROPN")
            && (s..e).contains(&h)
            && matches!(
                deprel(doc, s - 1),
                "amod" | "compound" | "nmod:desc" | "flat"
            );
        if !title {
            break;
        }
        s -= 1;
    }
    // Appositives and relative clauses between commas: up to the comma before the cue
    // (`X, an aide to Y, said`) or to the end of the sentence (`said X, an aide to Y.`).
    let before = cue.is_some_and(|(c, _)| c >= e);
    let after = cue.is_some_and(|(c, _)| c < s);
    let mut end = e;
    for _ in 0..3 {
        if end >= limit || doc.form(end) != "," {
            break;
        }
        let seg = end + 1;
        let j = (seg..limit.min(seg + 26))
            .find(|&k| {
                matches!(doc.form(k), "," | "." | "!" | "?" | ";" | ":") || is_quote(doc.form(k))
            })
            .unwrap_or(limit);
        // Verbs only inside a relative clause ("an aide who joined in May").
        let first_verb = (seg..j).find(|&k| matches!(upos(doc, k), "VERB" | "AUX"));
        let relative = first_verb.is_none_or(|v| {
            (seg..v).any(|k| {
                matches!(
                    doc.form(k).to_lowercase().as_str(),
                    "who" | "whose" | "which" | "that"
                )
            })
        });
        // An adjunct between commas is no appositive ("Pat Doe, in a statement, said";
        // "…, like her rival,"; "…, at a briefing,").
        let adjunct = seg < j && matches!(upos(doc, seg), "ADP" | "ADV" | "SCONJ" | "CCONJ");
        if seg >= j || !relative || adjunct || !(seg..j).all(clear) {
            break;
        }
        let adverbs = (j + 1..limit).all(|k| {
            SPEAKER_TRAIL.contains(&doc.form(k).to_lowercase().as_str())
                || matches!(upos(doc, k), "ADV" | "AUX")
        });
        if before && j < limit && doc.form(j) == "," && adverbs {
            e = j;
            break;
        }
        if after && (j == limit || doc.form(j) != ",") {
            e = j;
            break;
        }
        end = j;
    }
    (s < e).then_some((s, e))
}

/// Whether the parse sees span `sp` as one noun phrase: a single token heads it from
/// outside, and that token is a noun, name, pronoun or number (surface rules sometimes
/// take a clause fragment for a speaker: "into doubt his record", "It is important to").
fn plausible_speaker(doc: &Document, sp: (usize, usize)) -> bool {
    // Punctuation hangs anywhere ("X, who …, told": the last comma on "told").
    let mut heads = (sp.0..sp.1).filter(|&t| {
        let h = doc.tokens.head[t];
        !is_punct(doc.form(t))
            && (h == petrel_doc::NO_HEAD || (h as usize) < sp.0 || (h as usize) >= sp.1)
    });
    let Some(mut h) = heads.next() else {
        return false;
    };
    // Words that all hang on the same word outside are one phrase whose head the parse
    // missed: "the spokesman saod" read as a noun phrase headed by the misspelt cue.
    for t in heads {
        if doc.tokens.head[t] != doc.tokens.head[h] || doc.tokens.head[t] == petrel_doc::NO_HEAD {
            return false;
        }
        h = t;
    }
    // A noun with a participle after it ("a survey released Sunday") that the parse hung
    // the other way round still names a source.
    let reduced = matches!(doc.strings.resolve(doc.tokens.xpos[h]), "VBN" | "VBG")
        && (sp.0..h).any(|t| matches!(upos(doc, t), "NOUN" | "PROPN"));
    reduced
        || matches!(
            doc.strings.resolve(doc.tokens.upos[h]),
            "NOUN" | "PROPN" | "PRON" | "NUM" | "X"
        )
}

/// Whether every word of tokens `lo..hi` starts with a capital, short function words
/// aside ("The Rise and Fall of the House"): the name of a book, film or show.
fn title_case(doc: &Document, lo: usize, hi: usize) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "by", "with",
        "from", "as", "vs", "vs.", "'s", "n't",
    ];
    let mut capital = 0;
    for t in lo..hi {
        let f = doc.form(t);
        let Some(ch) = f.chars().next() else { continue };
        if ch.is_uppercase() {
            capital += 1;
        } else if ch.is_lowercase() && !SMALL.contains(&f) {
            return false;
        }
    }
    capital >= 2
}

/// Whether token `t` is a preposition that introduces what a stance is about ("support
/// for", "questions about", "himself as"), not a time or place.
fn object_prep(doc: &Document, t: usize) -> bool {
    upos(doc, t) == "ADP"
        && matches!(
            ascii_lower(doc.form(t)).as_ref(),
            "about"
                | "for"
                | "on"
                | "to"
                | "against"
                | "behind"
                | "with"
                | "over"
                | "at"
                | "as"
                | "into"
                | "from"
                | "toward"
                | "towards"
                | "of"
        )
}

/// Whether the parse gives cue `c` a clausal complement after it ("said that …").
/// A clause set off by a comma ("…," she said, adding …) is no such complement.
fn own_complement(doc: &Document, c: usize) -> bool {
    doc.tokens.is_parsed()
        && children(doc, c).any(|t| {
            let start = subtree(doc, t).0;
            t > c && deprel(doc, t) == "ccomp" && (start == 0 || doc.form(start - 1) != ",")
        })
}

/// Dependents of `head` within its sentence.
fn children(doc: &Document, head: usize) -> impl Iterator<Item = usize> + '_ {
    let sent = doc.sentences[doc.sentence_of(head)].token_range();
    sent.filter(move |&t| doc.tokens.head[t] as usize == head)
}

fn deprel(doc: &Document, t: usize) -> &str {
    doc.strings.resolve(doc.tokens.deprel[t])
}

/// The noun a relative pronoun speaker stands for: "who" as the subject of a relative
/// clause ("the minister, who said …") refers to the noun the clause hangs on.
fn relative_antecedent(doc: &Document, sp: (usize, usize)) -> Option<usize> {
    if sp.1 != sp.0 + 1 || !doc.tokens.is_parsed() {
        return None;
    }
    let w = sp.0;
    if !["who", "which", "that"].contains(&ascii_lower(doc.form(w)).as_ref()) {
        return None;
    }
    let verb = doc.tokens.head[w];
    if verb == NO_HEAD || !deprel(doc, w).starts_with("nsubj") {
        return None;
    }
    let verb = verb as usize;
    let noun = doc.tokens.head[verb];
    (deprel(doc, verb) == "acl:relcl" && noun != NO_HEAD).then_some(noun as usize)
}

/// The subject of `verb`, or for a verb without one that continues another
/// ("…, saying", "… and added", "wants to argue") the subject of the verb it depends on.
fn inherited_subject(doc: &Document, verb: usize) -> Option<(usize, usize)> {
    let mut v = verb;
    for _ in 0..3 {
        if let Some(s) = children(doc, v).find(|&t| deprel(doc, t).starts_with("nsubj")) {
            let (lo, hi) = subtree(doc, s);
            return (hi <= verb || lo > verb).then_some((lo, hi));
        }
        if !matches!(deprel(doc, v), "advcl" | "conj" | "xcomp") {
            return None;
        }
        let h = doc.tokens.head[v];
        if h == petrel_doc::NO_HEAD {
            return None;
        }
        v = h as usize;
    }
    None
}

/// `In a poll released Monday, most voters …`, `Labor costs, in her view, will rise`: an
/// "in" phrase naming a poll or survey (`data/in-sources.txt`; the phrase is the source,
/// "in" the cue) or someone's view or words (`data/in-views.txt`; the possessor is the
/// source, the noun the cue) attributes the rest of its clause.
fn in_source_attributions(doc: &Document, in_quote: &[bool], out: &mut Vec<Found>) {
    let n = doc.tokens.len();
    for c in 0..n {
        if in_quote[c] || !doc.form(c).eq_ignore_ascii_case("in") || deprel(doc, c) != "case" {
            continue;
        }
        let h = doc.tokens.head[c];
        if h == petrel_doc::NO_HEAD || (h as usize) <= c || deprel(doc, h as usize) != "obl" {
            continue;
        }
        let h = h as usize;
        let noun = doc.form(h).to_ascii_lowercase();
        // A poll phrase inside a clause is mostly a setting ("trails in the polls"): only
        // one opening the sentence or set off by a comma attributes.
        let sent_start = doc.sentences[doc.sentence_of(c)].tokens.start as usize;
        let opening = c == sent_start || doc.form(c - 1) == ",";
        let (cue, speaker) = if opening && IN_SOURCES.contains(&noun.as_str()) {
            ((c, c + 1), (c + 1, subtree(doc, h).1))
        } else if IN_VIEWS.contains(&noun.as_str()) {
            let Some(p) = children(doc, h).find(|&t| deprel(doc, t) == "nmod:poss") else {
                continue;
            };
            ((h, h + 1), subtree(doc, p))
        } else {
            continue;
        };
        // "In a survey released Sunday, most …": an opening phrase runs to its comma, and
        // the rest of the sentence is the content, whatever the parse made its root (a
        // participle in the phrase may come out the main verb).
        let sent_end = doc.sentences[doc.sentence_of(c)].tokens.end as usize;
        let finite = |k: usize| {
            matches!(
                doc.strings.resolve(doc.tokens.xpos[k]),
                "VBD" | "VBZ" | "VBP" | "MD"
            )
        };
        if c == sent_start && IN_SOURCES.contains(&noun.as_str()) {
            let comma = (h + 1..sent_end.min(h + 8))
                .take_while(|&k| !finite(k))
                .find(|&k| doc.form(k) == ",");
            if let Some(k) = comma {
                let mut e = sent_end;
                while e > k + 1 && is_punct(doc.form(e - 1)) {
                    e -= 1;
                }
                if e >= k + 4 && !(k + 1..e).any(|t| in_quote[t]) {
                    out.push(Found {
                        kind: "indirect",
                        content: (k + 1, e),
                        cue: Some(cue),
                        speaker: Some((c + 1, k)),
                        sentence: doc.sentence_of(c),
                        follows: None,
                        origin: O_POLL,
                    });
                    continue;
                }
            }
        }
        let (lo, mut hi) = subtree(doc, h);
        // The parser sometimes hangs the clause's subject on the phrase: a comma ends it.
        if let Some(k) = (h + 1..hi).find(|&k| doc.form(k) == ",") {
            hi = k;
        }
        let speaker = (speaker.0, speaker.1.min(hi));
        let v = doc.tokens.head[h];
        if v == petrel_doc::NO_HEAD || lo != c {
            continue;
        }
        let (vlo, vhi) = subtree(doc, v as usize);
        let skip = |k: usize| matches!(doc.form(k), "," | "-" | "--");
        let content = if lo <= vlo {
            let mut s = hi;
            while s < vhi && skip(s) {
                s += 1;
            }
            (s, vhi)
        } else if hi >= vhi {
            let mut e = lo;
            while e > vlo && skip(e - 1) {
                e -= 1;
            }
            (vlo, e)
        } else {
            (vlo, vhi)
        };
        if content.1 < content.0 + 3 || (content.0..content.1).any(|t| in_quote[t]) {
            continue;
        }
        out.push(Found {
            kind: "indirect",
            content,
            cue: Some(cue),
            speaker: Some(speaker),
            sentence: doc.sentence_of(c),
            follows: None,
            origin: O_IN,
        });
    }
}

/// Pronouns that name whose view an opening "To …," gives ("To them, it …").
const VIEW_PRONOUNS: &[&str] = &[
    "me", "him", "her", "us", "them", "you", "many", "some", "others", "most",
];

/// `To Doe, the vote was a warning.`: an opening "To" phrase naming people (a name, a
/// person, group or role mention, or a pronoun) gives their view of the rest of the
/// sentence; "To" is the cue. (An opening "For" phrase is mostly a topic, "For Doe, the
/// task is …": on PolNeAR train 7 in 46 were attributions.)
fn view_attributions(doc: &Document, in_quote: &[bool], out: &mut Vec<Found>) {
    // The kind of the first mention holding token `t`.
    let kind = |t: usize| {
        doc.mentions
            .iter()
            .find(|m| (m.tokens.0 as usize..m.tokens.1 as usize).contains(&t))
            .map(|m| m.kind)
    };
    for (si, sent) in doc.sentences.iter().enumerate() {
        let r = sent.token_range();
        let c = r.start;
        if in_quote[c] || !doc.form(c).eq_ignore_ascii_case("to") {
            continue;
        }
        let Some(k) = (c + 2..r.end.min(c + 14)).find(|&k| doc.form(k) == ",") else {
            continue;
        };
        // The phrase's head: the one token whose head lies outside it.
        let mut heads = (c + 1..k).filter(|&t| {
            let h = doc.tokens.head[t];
            h == petrel_doc::NO_HEAD || !(c + 1..k).contains(&(h as usize))
        });
        let (Some(h), None) = (heads.next(), heads.next()) else {
            continue;
        };
        let people = match upos(doc, h) {
            "PROPN" => true,
            "PRON" | "ADJ" => VIEW_PRONOUNS.contains(&ascii_lower(doc.form(h)).as_ref()),
            "NOUN" => matches!(
                kind(h),
                Some(MentionKind::Person | MentionKind::Organisation | MentionKind::Role)
            ),
            _ => false,
        };
        let mut end = r.end;
        while end > k + 1 && matches!(doc.form(end - 1), "." | "!" | "?") {
            end -= 1;
        }
        if !people || end < k + 4 || (k + 1..end).any(|t| in_quote[t]) {
            continue;
        }
        out.push(Found {
            kind: "indirect",
            content: (k + 1, end),
            cue: Some((c, c + 1)),
            speaker: Some((c + 1, k)),
            sentence: si,
            follows: None,
            origin: O_VIEW,
        });
    }
}

/// The name after a dash at token `d` that closes a quote's line: `― Ana Ruiz`, `— Ben Ode
/// (@benode) May 2, 2016`. One to five capitalised words, then a bracketed handle, or the
/// end of the line or text, a full stop or a bracket.
fn byline(doc: &Document, d: usize) -> Option<(usize, usize)> {
    let n = doc.tokens.len();
    if d + 1 >= n
        || !matches!(
            doc.form(d),
            "\u{2015}" | "\u{2014}" | "\u{2013}" | "-" | "--"
        )
    {
        return None;
    }
    let line_break = |k: usize| {
        doc.text[doc.tokens.end[k - 1] as usize..doc.tokens.start[k] as usize].contains('\n')
    };
    let capital = |k: usize| {
        let f = doc.form(k);
        f.chars().next().is_some_and(char::is_uppercase) || f.starts_with('@')
    };
    if line_break(d + 1) {
        return None;
    }
    let mut e = d + 1;
    while e < n && e < d + 6 && capital(e) && (e == d + 1 || !line_break(e)) {
        e += 1;
    }
    if e == d + 1 {
        return None;
    }
    // `(@handle)` right after the name belongs to it; the post's date may follow.
    let handle = e + 2 < n
        && doc.form(e) == "("
        && doc.form(e + 1).starts_with('@')
        && doc.form(e + 2) == ")";
    if handle {
        e += 3;
    }
    let ends = handle || e == n || line_break(e) || matches!(doc.form(e), "." | "(");
    ends.then_some((d + 1, e))
}

/// `The firm is reportedly weighing a sale`: a cue adverb attributes the clause it modifies
/// (adverb included, as annotators mark it) to no named source.
fn adverb_attributions(doc: &Document, in_quote: &[bool], out: &mut Vec<Found>) {
    for c in 0..doc.tokens.len() {
        if in_quote[c] || deprel(doc, c) != "advmod" {
            continue;
        }
        if !CUE_ADVERBS
            .iter()
            .any(|a| doc.form(c).eq_ignore_ascii_case(a))
        {
            continue;
        }
        let h = doc.tokens.head[c];
        if h == petrel_doc::NO_HEAD {
            continue;
        }
        let content = subtree(doc, h as usize);
        if content.1 < content.0 + 3 || (content.0..content.1).any(|t| in_quote[t]) {
            continue;
        }
        out.push(Found {
            kind: "indirect",
            content,
            cue: Some((c, c + 1)),
            speaker: None,
            sentence: doc.sentence_of(c),
            follows: None,
            origin: O_ADVERB,
        });
    }
}

impl QuotesComponent {
    /// Attributions of derived cue verbs from the parse: the subject is the source, the
    /// clausal complement or object the content ("Rivera praised the plan", "The polls
    /// show her ahead", "He called for a recount"). Verbs already used as cues are skipped.
    fn parse_attributions<'a>(
        &self,
        doc: &'a Document,
        in_quote: &[bool],
        out: &mut Vec<Found>,
        ctx: Option<&LazyCtx<'a>>,
        mut log: Option<&mut Vec<(usize, Vec<u64>)>>,
    ) {
        let used: FxHashSet<usize> = out.iter().filter_map(|f| f.cue.map(|c| c.0)).collect();
        let model = self.source.as_deref().filter(|m| m.scores_cues());
        let ctx = ctx.filter(|_| model.is_some() || log.is_some());
        let mut found = Vec::new();
        let mut feats = Vec::new();
        for (c, &quoted) in in_quote.iter().enumerate() {
            if quoted || used.contains(&c) {
                continue;
            }
            let tag = doc.strings.resolve(doc.tokens.upos[c]);
            // Adjectives with a copula: "was critical of", "is confident that".
            let adj =
                tag == "ADJ" && ctx.is_some() && children(doc, c).any(|t| deprel(doc, t) == "cop");
            if tag != "NOUN" && tag != "VERB" && !adj {
                continue;
            }
            let noun = tag == "NOUN";
            let key = ascii_lower(doc.form(c));
            // The derived table's cues, and those the learned scorer finds in context among
            // every verb and copular adjective and the table's other nouns (with the scorer
            // alone, recall fell on held-out train articles).
            let row = if adj {
                None
            } else {
                self.rows.get(&(&*key, noun)).copied()
            };
            let table = if noun {
                self.nouns.contains(&*key)
            } else {
                self.derived.contains_key(&*key)
            };
            // Whether the learned scorer (not only the table) takes it as a cue.
            let mut scored = false;
            let cue = match ctx {
                // Every verb, and the nouns of the table (most nouns are never cues).
                Some(ctx) if row.is_some() || !noun => {
                    let ctx = ctx.get_or_init(|| source::DocContext::new(doc));
                    let inside = out.iter().any(|f| f.content.0 <= c && c < f.content.1);
                    source::cue_features(ctx, c, inside, &mut feats);
                    if let Some(log) = log.as_deref_mut() {
                        log.push((c, feats.clone()));
                    }
                    scored = model.is_some_and(|m| m.is_cue(&feats));
                    table || scored
                }
                _ => table,
            };
            // A verb the events component coded as a material act ("police fired tear gas",
            // "troops seized the town") reports no speech, unless the table lists it.
            if !cue
                || !table
                    && doc
                        .events
                        .iter()
                        .any(|e| e.trigger as usize == c && matches!(e.quad_class, 2 | 4))
            {
                continue;
            }
            if noun {
                if let Some(f) = self.noun_attribution(doc, c, out) {
                    // "voiced support for X": the verb's attribution already holds it.
                    if found
                        .iter()
                        .any(|g: &Found| g.content.0 <= c && c < g.content.1)
                    {
                        continue;
                    }
                    found.push(f);
                }
                continue;
            }
            if tag != "VERB" && !adj {
                continue;
            }
            let raising = row.unwrap_or(false);
            // Stances inside reported content ("X said he saw …") are rarely marked as
            // attributions of their own: only those the scorer takes in context (on held-out
            // train articles, sources gained 0.4 F1 with them).
            if out.iter().any(|f| f.content.0 <= c && c < f.content.1) && !scored {
                continue;
            }
            let mut lo = usize::MAX;
            let mut hi = 0;
            let mut cue_end = c + 1;
            let mut subj = None;
            let mut later = None;
            for t in children(doc, c) {
                let rel = deprel(doc, t);
                let take = match rel {
                    "ccomp" | "xcomp" | "obj" => true,
                    // "called for a recount", "pointed to the polls": the preposition
                    // right after the verb belongs to the cue.
                    "obl" => {
                        let (a, _) = subtree(doc, t);
                        let adp = doc.strings.resolve(doc.tokens.upos[a]) == "ADP";
                        if a == c + 1 && adp {
                            cue_end = c + 2;
                            true
                        } else {
                            if adp && a > c && later.is_none() {
                                later = Some(t);
                            }
                            false
                        }
                    }
                    _ => {
                        if rel.starts_with("nsubj") {
                            subj = Some(t);
                        }
                        false
                    }
                };
                if take {
                    let (a, b) = subtree(doc, t);
                    lo = lo.min(a.max(cue_end));
                    hi = hi.max(b);
                }
            }
            // "threw her support behind Doe", "raised questions about the plan": a
            // prepositional phrase right after a noun object names what the stance is about.
            if hi > lo {
                if let Some(t) = children(doc, c).find(|&t| {
                    let starts = subtree(doc, t).0 == hi;
                    let rel = deprel(doc, t);
                    (rel == "obl" && starts && object_prep(doc, hi))
                        || (rel == "advcl" && starts && doc.form(hi).eq_ignore_ascii_case("to"))
                }) {
                    let light = children(doc, c).any(|o| {
                        deprel(doc, o) == "obj"
                            && subtree(doc, o).1 == hi
                            && matches!(upos(doc, o), "NOUN" | "PRON" | "PROPN")
                    });
                    if light {
                        let b = subtree(doc, t).1;
                        hi = b;
                    }
                }
            }
            // "…, which was first reported by the Post": a passive verb without a
            // complement reports its subject (the "by" phrase is the source).
            let passive =
                children(doc, c).any(|t| matches!(deprel(doc, t), "aux:pass" | "nsubj:pass"));
            if hi <= lo && passive {
                if let Some(s) = subj.filter(|&s| s < c && deprel(doc, s) == "nsubj:pass") {
                    let (a, b) = subtree(doc, s);
                    // The cue starts at the passive auxiliary ("was first reported").
                    let aux = children(doc, c)
                        .filter(|&t| t >= b && t < c && deprel(doc, t) == "aux:pass")
                        .min()
                        .unwrap_or(c);
                    found.push(Found {
                        kind: "indirect",
                        content: (a, b),
                        cue: Some((aux, cue_end)),
                        speaker: None,
                        sentence: doc.sentence_of(c),
                        follows: None,
                        origin: O_PASSIVE,
                    });
                }
                continue;
            }
            if hi <= lo {
                // "spoke glowingly about the plan": a later prepositional phrase.
                if let Some(t) = later {
                    let (a, b) = subtree(doc, t);
                    (lo, hi) = (a + 1, b);
                }
            }
            let (content, speaker) = if hi <= lo || lo < c {
                continue;
            } else if raising {
                let Some(s) = subj else { continue };
                let (a, _) = subtree(doc, s);
                ((a.min(lo), hi), None)
            } else {
                (
                    (lo, hi),
                    if subj.is_some_and(|s| deprel(doc, s) == "nsubj:pass") {
                        None
                    } else {
                        inherited_subject(doc, c).map(|sp| trim_trail(doc, sp))
                    },
                )
            };
            if content.0 < content.1
                && speaker.is_none_or(|sp| sp.1 <= content.0 || sp.0 >= content.1)
            {
                found.push(Found {
                    kind: "indirect",
                    content,
                    cue: Some((c, cue_end)),
                    speaker,
                    sentence: doc.sentence_of(c),
                    follows: None,
                    origin: if table { O_TABLE } else { O_SCORED },
                });
            }
        }
        out.extend(found);
    }

    /// An attribution with a derived cue noun: the possessor or "by"/"from" phrase (or, with
    /// content elsewhere, the "of" phrase) is the source, the "that"/"to" clause or the
    /// object of the preposition after the noun the content ("her criticism of the plan",
    /// "calls for a recount", "his warning that prices would rise"). Without a source of its
    /// own, the subject of the verb the noun is the object of speaks ("Doe voiced support
    /// for the bill").
    fn noun_attribution(&self, doc: &Document, c: usize, out: &[Found]) -> Option<Found> {
        if out.iter().any(|f| f.content.0 <= c && c < f.content.1) {
            return None;
        }
        let mut content = None;
        let mut speaker = None;
        let mut of_phrase = None;
        let mut possessor = false;
        for t in children(doc, c) {
            if t < c && deprel(doc, t) != "nmod:poss" {
                continue;
            }
            match deprel(doc, t) {
                "nmod:poss" => {
                    speaker = Some(subtree(doc, t));
                    possessor = true;
                }
                // "questions about whether …" (a clause after the preposition) as well.
                "nmod" | "acl" | "advcl" if t > c && upos(doc, subtree(doc, t).0) == "ADP" => {
                    let (a, b) = subtree(doc, t);
                    let prep = doc.form(a).to_ascii_lowercase();
                    let inner = (a + 1, b);
                    match prep.as_str() {
                        "by" | "from" => speaker = speaker.or(Some(inner)),
                        "of" => of_phrase = Some(inner),
                        "for" | "on" | "against" | "about" | "to" | "over" | "with"
                            if a == c + 1 && inner.0 < inner.1 =>
                        {
                            content.get_or_insert(inner);
                        }
                        _ => {}
                    }
                }
                // Not `acl:relcl`: "the statement that he issued" is no content.
                "acl" | "ccomp" if t > c => {
                    content.get_or_insert(subtree(doc, t));
                }
                _ => {}
            }
        }
        // "the claim that …" when the parser hung the clause elsewhere.
        if content.is_none() && c + 1 < doc.tokens.len() && doc.form(c + 1) == "that" {
            let h = doc.tokens.head[c + 1];
            if h != petrel_doc::NO_HEAD && h as usize > c + 1 && deprel(doc, c + 1) == "mark" {
                content = Some((c + 1, subtree(doc, h as usize).1));
            }
        }
        match (content, of_phrase) {
            (None, Some(o)) => content = Some(o),
            (Some(_), Some(o)) if speaker.is_none() => speaker = Some(o),
            _ => {}
        }
        let content = content.filter(|x| x.0 < x.1)?;
        if speaker.is_none() && deprel(doc, c) == "obj" {
            let h = doc.tokens.head[c];
            if h != petrel_doc::NO_HEAD {
                speaker = inherited_subject(doc, h as usize);
            }
        }
        // A possessor keeps its "'s" ("Doe's criticism of"), as annotators mostly mark it.
        let speaker = speaker
            .map(|sp| if possessor { sp } else { trim_trail(doc, sp) })
            .filter(|sp| sp.1 <= content.0 || sp.0 >= content.1);
        Some(Found {
            kind: "indirect",
            content,
            cue: Some((c, c + 1)),
            speaker,
            sentence: doc.sentence_of(c),
            follows: None,
            origin: O_NOUN,
        })
    }

    fn cue_at(&self, doc: &Document, i: usize) -> Option<bool> {
        let raw = doc.form(i);
        // Capitalised cue words inside a sentence are names ("United States").
        if raw.chars().next().is_some_and(char::is_uppercase)
            && raw.chars().any(char::is_lowercase)
            && doc.sentences[doc.sentence_of(i)].tokens.start as usize != i
        {
            return None;
        }
        let f = raw.to_lowercase();
        let addressee = self.cues.get(f.as_str()).copied()?;
        // "to, say, single digits": an aside, not a cue.
        if f == "say"
            && i > 0
            && doc.form(i - 1) == ","
            && doc.tokens.form.get(i + 1).map(|&n| doc.strings.resolve(n)) == Some(",")
        {
            return None;
        }
        if self.ambiguous.contains(f.as_str()) {
            let verb = doc.tokens.is_tagged() && doc.strings.resolve(doc.tokens.upos[i]) == "VERB";
            let next = doc.tokens.form.get(i + 1).map(|&s| doc.strings.resolve(s));
            // Without tags, a following "that", colon or comma marks the verb reading.
            let marked =
                !doc.tokens.is_tagged() && next.is_some_and(|n| matches!(n, "that" | ":" | ","));
            if !verb && !marked {
                return None;
            }
        }
        Some(addressee)
    }

    /// The finite verb of a short clause `j..` that closes its sentence after a quote, with
    /// its subject before it (`the report concluded`) or after it (`read one`), and at most
    /// a short adjunct after it. Needs tags.
    fn closing_verb(
        &self,
        doc: &Document,
        j: usize,
        hi: usize,
    ) -> Option<(usize, Option<(usize, usize)>)> {
        if !doc.tokens.is_tagged() {
            return None;
        }
        let e = (j..hi).find(|&k| is_punct(doc.form(k)) || is_quote(doc.form(k)))?;
        if !matches!(doc.form(e), "." | "!" | "?") || e == j || e - j > 12 {
            return None;
        }
        let finite = |t: usize| {
            upos(doc, t) == "VERB"
                && matches!(
                    doc.strings.resolve(doc.tokens.xpos[t]),
                    "VBD" | "VBZ" | "VBP"
                )
        };
        let c = (j..e).find(|&t| finite(t) || matches!(upos(doc, t), "VERB" | "AUX"))?;
        if !finite(c) {
            return None;
        }
        if c == j {
            return Some((c, self.speaker_after(doc, c + 1, e)));
        }
        let nominal = (j..c).any(|t| matches!(upos(doc, t), "NOUN" | "PROPN" | "PRON"));
        (nominal && e - (c + 1) <= 4).then_some((c, Some((j, c))))
    }

    /// A misspelt cue closing its clause (`…," Doe saod.`): in lower case and followed by a
    /// comma or the sentence end, as typos of "said" are; words one edit from a cue met
    /// elsewhere ("days later", "voted on", "the United States") are no cue.
    fn fuzzy_cue(&self, doc: &Document, i: usize) -> bool {
        let f = doc.form(i);
        let closing = doc
            .tokens
            .form
            .get(i + 1)
            .is_none_or(|&n| matches!(doc.strings.resolve(n), "." | "," | "!" | "?" | ";"));
        f.len() >= 4
            && closing
            && f.bytes().all(|b| b.is_ascii_lowercase())
            && self.fuzzy.iter().any(|c| one_edit(c, f))
    }

    /// Speaker phrase ending right before token `end` (exclusive), walking back over
    /// parentheses ("Rep. Jane Doe (D-Ohio)") and past an appositive or adjunct set off by
    /// commas ("Phil Smith, a spokesman for the union, said" gives "Phil Smith").
    fn speaker_before(&self, doc: &Document, lo: usize, end: usize) -> Option<(usize, usize)> {
        let mut end = end;
        if end > lo && doc.form(end - 1) == "," {
            let prev = (lo..end - 1).rev().take(20).find(|&k| doc.form(k) == ",");
            end = prev?;
        }
        let mut s = end;
        while s > lo {
            let f = doc.form(s - 1).to_lowercase();
            if f == ")" {
                // Skip a parenthesis group.
                let open = (lo..s - 1).rev().take(8).find(|&k| doc.form(k) == "(");
                match open {
                    Some(k) => {
                        s = k;
                        continue;
                    }
                    None => break,
                }
            }
            if STOP_BACK.contains(&f.as_str()) || (s != end && self.cue_at(doc, s - 1).is_some()) {
                break;
            }
            if end - s >= 20 {
                return None;
            }
            s -= 1;
        }
        // Auxiliaries, adverbs and times between the speaker and the cue are not the speaker
        // ("Police have said", "Trump this week also said").
        let mut e = end;
        while e > s + 1 {
            let f = doc.form(e - 1).to_lowercase();
            if SPEAKER_TRAIL.contains(&f.as_str()) {
                e -= 1;
            } else {
                break;
            }
        }
        (s < e).then_some((s, e))
    }

    /// Speaker phrase starting at `start`, up to a comma, period or the limit.
    fn speaker_after(&self, doc: &Document, start: usize, hi: usize) -> Option<(usize, usize)> {
        let mut e = start;
        while e < hi && e - start < 10 {
            let f = doc.form(e);
            if matches!(f, "," | "." | ";" | ":" | "!" | "?") || is_quote(f) {
                break;
            }
            e += 1;
        }
        (e > start).then_some((start, e))
    }

    /// An attribution after the last comma of a sentence: `…, X said (on Monday)` or
    /// `…, said X`; the content is what comes before the comma.
    fn final_attribution(
        &self,
        doc: &Document,
        lo: usize,
        end: usize,
        in_quote: &[bool],
        used: &FxHashSet<usize>,
        si: usize,
    ) -> Option<Found> {
        let k = (lo..end).rev().take(12).find(|&k| doc.form(k) == ",")?;
        if k < lo + 3 || (k..end).any(|i| in_quote[i]) {
            return None;
        }
        let c = (k + 1..end).find(|&i| self.cue_at(doc, i).is_some())?;
        if used.contains(&c)
            || (k + 1..c)
                .any(|i| is_punct(doc.form(i)) && doc.form(i) != "." && !inner_hyphen(doc, i))
            || not_inverted(doc, c, k)
        {
            return None;
        }
        let speaker = if c > k + 1 {
            // Only a short adjunct may follow the cue ("on Monday", "in a statement").
            if end - (c + 1) > 4 {
                return None;
            }
            (k + 1, c)
        } else {
            let sp = self.speaker_after(doc, c + 1, end)?;
            if sp.1 - sp.0 > 10 {
                return None;
            }
            sp
        };
        Some(Found {
            kind: "indirect",
            content: (lo, k),
            cue: Some((c, c + 1)),
            speaker: Some(speaker),
            sentence: si,
            follows: None,
            origin: O_FINAL,
        })
    }

    /// The attributions of `doc`, with the learned source picker's speakers when there is a
    /// model and a parse.
    fn find(&self, doc: &Document) -> Vec<Found> {
        let parsed = doc.tokens.is_parsed() && doc.tokens.is_tagged();
        let ctx = (parsed && self.source.is_some()).then(LazyCtx::new);
        let (mut found, in_quote) = self.find_rules(doc, ctx.as_ref(), None);
        if let (Some(m), Some(ctx)) = (&self.source, &ctx) {
            m.apply(doc, ctx, &in_quote, &mut found);
        }
        inherit_speakers(&mut found);
        found
    }

    /// The rules' attributions and which tokens are inside quote marks.
    fn find_rules<'a>(
        &self,
        doc: &'a Document,
        ctx: Option<&LazyCtx<'a>>,
        log: Option<&mut Vec<(usize, Vec<u64>)>>,
    ) -> (Vec<Found>, Vec<bool>) {
        let n = doc.tokens.len();
        let mut out = Vec::new();
        let mut in_quote = vec![false; n];
        let mut used_cue = FxHashSet::default();
        // Direct quotes: pair quote marks in order; a quote left open at a paragraph break
        // closes there (news reopens the quote on the next paragraph).
        // Marks as token ranges: `''` may come as two `'` tokens.
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let f = doc.form(i);
            if is_quote(f) {
                marks.push((i, i));
            } else if (f == "'" || f == "`")
                && i + 1 < n
                && doc.form(i + 1) == f
                && doc.tokens.end[i] == doc.tokens.start[i + 1]
            {
                marks.push((i, i + 1));
                i += 1;
            }
            i += 1;
        }
        // Pair an opening mark with the next closing one. Curly marks tell their direction;
        // straight ones open after a space or at a paragraph start. A quote still open at a
        // paragraph break closes there (news reopens it on the next paragraph).
        let opens = |m: (usize, usize)| -> bool {
            let st = doc.tokens.start[m.0] as usize;
            let c = doc.text[st..].chars().next().unwrap_or('"');
            let glued = doc.text[..st]
                .chars()
                .next_back()
                .is_some_and(|p| !p.is_whitespace() && !"([{\u{2014}-".contains(p));
            let spaced = doc.text[st + c.len_utf8()..]
                .chars()
                .next()
                .is_none_or(char::is_whitespace);
            match c {
                // `…next year,“ said`: an opening mark glued to the words before it and
                // followed by a space closes the quote (and the mirror for `”`).
                '\u{201c}' if glued && spaced => false,
                '\u{201d}' if !glued && !spaced => true,
                '\u{201c}' | '`' => true,
                '\u{201d}' => false,
                _ => doc.text[..st]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([{\u{2014}-".contains(p)),
            }
        };
        let mut pairs = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for &m in &marks {
            if let Some(a) = open {
                let gap = &doc.text[doc.tokens.end[a.1] as usize..doc.tokens.start[m.0] as usize];
                if let Some(p) = gap.find('\n') {
                    let br = doc.tokens.end[a.1] as usize + p;
                    let last = doc.tokens.start.partition_point(|&x| (x as usize) < br);
                    if last > a.1 + 1 {
                        pairs.push((a.0, a.1, last, last - 1));
                    }
                    open = None;
                }
            }
            let is_open = opens(m);
            match (open, is_open) {
                (None, true) => open = Some(m),
                (Some(_), true) => open = Some(m),
                (Some(a), false) => {
                    pairs.push((a.0, a.1, m.0, m.1));
                    open = None;
                }
                (None, false) => {}
            }
        }
        // The last quote's speaker, sentence and cue token (a quote continuing it speaks
        // for the same speaker).
        let mut last_speaker: Option<((usize, usize), usize, Option<usize>)> = None;
        for (a, a_last, b_first, b) in pairs {
            if b_first <= a_last + 1 {
                continue;
            }
            for f in in_quote.iter_mut().take(b + 1).skip(a) {
                *f = true;
            }
            let sa = doc.sentence_of(a);
            let sb = doc.sentence_of(b);
            let words = (a_last + 1..b_first)
                .filter(|&i| !is_punct(doc.form(i)))
                .count();
            let mut cue = None;
            let mut speaker = None;
            let mut follows = None;
            // After the quote: `," X said` / `," said X` / `," he said`.
            let mut send = doc.sentences[sb].tokens.end as usize;
            // The attribution may sit in the next "sentence": after a closing mark that ends
            // one (`…?" Clinton said.`), or after a wrong split (`(D-Wis.) said Friday.`).
            if sb + 1 < doc.sentences.len() {
                let next = &doc.sentences[sb + 1];
                let first = doc.form(next.tokens.start as usize);
                let lower = first.chars().next().is_some_and(char::is_lowercase);
                let short = next.len() <= 8 && send == b + 1;
                let near = (next.tokens.start as usize) <= b + 10;
                if near && (lower || short) {
                    send = next.tokens.end as usize;
                }
            }
            let hi = (b + LONG_TAIL).min(send);
            let mut j = b + 1;
            while j < hi && doc.form(j) == "," {
                j += 1;
            }
            let mut depth = 0i32;
            // `," Pat Doe, a former mayor and a candidate for the council, told …`: past
            // the usual reach only after a name and a comma.
            let comma = (j..hi.min(j + 6)).find(|&k| doc.form(k) == ",");
            let reach = if comma.is_some() { LONG_TAIL } else { 14 };
            for c in j..hi.min(j + reach) {
                let f = doc.form(c);
                match f {
                    "(" => depth += 1,
                    ")" => depth -= 1,
                    _ => {}
                }
                if depth <= 0 && (matches!(f, "." | "!" | "?" | ";") || is_quote(f)) {
                    break;
                }
                // `… was "a betrayal" and vowed to fight it`: a verb joined by "and" right
                // after the quote is the subject's next act, not the quote's attribution
                // (an "and" inside a speaker's appositive is no such join).
                if c == j && matches!(f, "and" | "but" | "or") {
                    break;
                }
                let hit = self.cue_at(doc, c).is_some() || (c > j && self.fuzzy_cue(doc, c));
                // `," one farmer, who asked not to be named, told Reuters`: a verb of the
                // speaker's relative clause is not the quote's cue; the scan goes on.
                if hit && c > j && doc.tokens.is_parsed() && deprel(doc, c) == "acl:relcl" {
                    continue;
                }
                // `He called it "weak" and said that …`, `"…" - voters said they …`: a cue
                // with its own clausal complement reports that, not the quote.
                // Right after the quote (`," said Doe, whose book argues …`) the parse's
                // complement is the speaker's relative clause or appositive.
                if hit && c > j && own_complement(doc, c) {
                    break;
                }
                // `On "This Week," Doe questioned the claim`: a verb with its own object
                // after the quote reports that object, not the quote ("told reporters"
                // aside).
                if hit
                    && c > j
                    && self.cue_at(doc, c) == Some(false)
                    && doc.tokens.is_parsed()
                    && children(doc, c)
                        .any(|t| t > c && matches!(deprel(doc, t), "obj" | "xcomp" | "ccomp"))
                {
                    break;
                }
                if hit {
                    cue = Some((c, c + 1));
                    speaker = if c > j {
                        Some((j, c))
                    } else {
                        self.speaker_after(doc, c + 1, hi)
                    };
                    break;
                }
            }
            // `…," the report concluded.` / `…," read one.`: a quote closed by a comma and
            // followed by a short clause ends with that clause's attribution, whatever its
            // verb.
            if cue.is_none()
                && b_first > a_last + 1
                && matches!(doc.form(b_first - 1), "," | "?" | "!")
            {
                if let Some((c, sp)) = self.closing_verb(doc, j, hi) {
                    cue = Some((c, c + 1));
                    speaker = sp;
                }
            }
            // A byline after the quote: `"…." ― Ana Ruiz` (vox pops, embedded posts); the
            // dash is the cue.
            if cue.is_none() {
                if let Some(sp) = byline(doc, b + 1) {
                    cue = Some((b + 1, b + 2));
                    speaker = Some(sp);
                }
            }
            // Before the quote: `X said: "` / `X said, "`.
            if cue.is_none() && a > 0 {
                let mut lo = doc.sentences[sa].tokens.start as usize;
                // `The spokesman says:` closing the paragraph before the quote.
                if a == lo && sa > 0 && doc.form(a - 1) == ":" {
                    lo = doc.sentences[sa - 1].tokens.start as usize;
                }
                let mut c = a;
                while c > lo && matches!(doc.form(c - 1), ":" | ",") {
                    c -= 1;
                }
                // `X said: "`, or with an addressee: `X told parliament: "`.
                if c > lo && c < a {
                    let found = (c.saturating_sub(4).max(lo)..c)
                        .rev()
                        .find(|&k| self.cue_at(doc, k).is_some());
                    if let Some(k) = found {
                        cue = Some((k, k + 1));
                        speaker = self.speaker_before(doc, lo, k);
                    }
                }
            }
            // A short quoted phrase inside a sentence is a partial quote; it joins the
            // reported speech of its sentence (found below), unless it has its own cue or
            // is a whole sentence ("We have no food left.").
            let whole = a == doc.sentences[sa].tokens.start as usize
                && b_first > a_last + 1
                && matches!(doc.form(b_first - 1), "." | "!" | "?");
            if cue.is_none() && words < 6 && !whole {
                continue;
            }
            // A title in capitals without a cue (`CNBC's "Secret Lives of the Rich"`) is a
            // work's name, not a quote.
            if cue.is_none() && title_case(doc, a_last + 1, b_first) {
                continue;
            }
            if cue.is_none() {
                // `"A," said X. "B."`: B continues the quote A (one quote, interrupted).
                if let Some(&mut Found {
                    kind: "direct",
                    ref mut content,
                    cue: Some(_),
                    ..
                }) = out.last_mut()
                {
                    let gap = &doc.text
                        [doc.tokens.end[content.1 - 1] as usize..doc.tokens.start[a] as usize];
                    if content.1 <= a && a - content.1 <= 14 && !gap.contains('\n') {
                        content.1 = b + 1;
                        continue;
                    }
                }
                if let Some((sp, s0, c0)) = last_speaker {
                    if sa <= s0 + 2 {
                        speaker = Some(sp);
                        follows = c0;
                    }
                }
            }
            if let Some(c) = cue {
                used_cue.insert(c.0);
            }
            if let Some(sp) = speaker {
                last_speaker = Some((sp, sb, cue.map(|c| c.0).or(follows)));
            }
            out.push(Found {
                kind: "direct",
                content: (a, b + 1),
                cue,
                speaker,
                sentence: sa,
                follows,
                origin: O_DIRECT,
            });
        }
        // Reported speech.
        for (si, sent) in doc.sentences.iter().enumerate() {
            let r = sent.token_range();
            let mut end = r.end;
            while end > r.start && matches!(doc.form(end - 1), "." | "!" | "?") {
                end -= 1;
            }
            // `…, the ministry said.` / `…, said Ms. Doe.` closing the sentence.
            if let Some(f) = self.final_attribution(doc, r.start, end, &in_quote, &used_cue, si) {
                out.push(f);
                continue;
            }
            for c in r.clone() {
                if in_quote[c] || used_cue.contains(&c) {
                    continue;
                }

                let f = doc.form(c).to_lowercase();
                // "according to X"
                if f == "according" && c + 1 < r.end && doc.form(c + 1).eq_ignore_ascii_case("to") {
                    let Some(sp) = self.speaker_after(doc, c + 2, end) else {
                        continue;
                    };
                    let middle = sp.1 + 3 < end && doc.form(sp.1) == ",";
                    // The mark before the cue, past closing quotes (`…," according to`).
                    let mut p = c;
                    while p > r.start && is_quote(doc.form(p - 1)) {
                        p -= 1;
                    }
                    let sep =
                        p > r.start && matches!(doc.form(p - 1), "," | "-" | "--" | "\u{2014}");
                    // `Doe leads by 40 delegates according to a count by …`.
                    let bare = p == c && c > r.start + 3 && !is_punct(doc.form(c - 1));
                    let content = if c == r.start {
                        let mut s = sp.1;
                        while s < end && doc.form(s) == "," {
                            s += 1;
                        }
                        (s, end)
                    } else if sep && middle {
                        // `X, according to Y, Z.`: the content is both parts.
                        (r.start, end)
                    } else if sep && p - 1 > r.start + 2 {
                        (r.start, p - 1)
                    } else if bare && !middle {
                        (r.start, c)
                    } else {
                        continue;
                    };
                    if content.1 > content.0 + 2 {
                        out.push(Found {
                            kind: "indirect",
                            content,
                            cue: Some((c, c + 2)),
                            speaker: Some(sp),
                            sentence: si,
                            follows: None,
                            origin: O_ACCORDING,
                        });
                    }
                    continue;
                }
                let Some(addressee) = self.cue_at(doc, c) else {
                    continue;
                };
                // Inverted: `…, X said.` or `…, said X.` at the end of the sentence.
                let comma = (r.start..c).rev().take(10).find(|&k| doc.form(k) == ",");
                if let Some(k) = comma {
                    let between_plain = (k + 1..c).all(|i| {
                        (!is_punct(doc.form(i)) || inner_hyphen(doc, i))
                            && self.cue_at(doc, i).is_none()
                    });
                    let tail = self.speaker_after(doc, c + 1, end);
                    // `…, X said.` (nothing or a short adjunct after the cue) or `…, said X.`
                    // After the cue, a short adjunct or a participle ("…, adding …").
                    let after = |i: usize| (i < end).then(|| ascii_lower(doc.form(i)));
                    let closing = end <= c + 4
                        || (after(c + 1).as_deref() == Some(",")
                            && after(c + 2).is_some_and(|f| f.ends_with("ing")));
                    let speaker = if k + 1 < c {
                        closing.then_some((k + 1, c))
                    } else {
                        tail.filter(|t| t.1 - t.0 <= 8 && (t.1 >= end || doc.form(t.1) == ","))
                    };
                    if between_plain
                        && k > r.start + 2
                        && speaker.is_some()
                        && !not_inverted(doc, c, k)
                    {
                        out.push(Found {
                            kind: "indirect",
                            content: (r.start, k),
                            cue: Some((c, c + 1)),
                            speaker,
                            sentence: si,
                            follows: None,
                            origin: O_INVERTED,
                        });
                        continue;
                    }
                }
                // `X said (that) …` / `X told reporters (that) …`
                let speaker = self.speaker_before(doc, r.start, c);
                let mut s = c + 1;
                // `told reporters that …`, `said Friday that …`, `said in a letter that …`.
                let that = (s..end.min(s + 7))
                    .take_while(|&k| !matches!(doc.form(k), "," | ";" | ":") && !in_quote[k])
                    .find(|&k| doc.form(k).eq_ignore_ascii_case("that"));
                if let Some(k) = that {
                    s = k;
                } else if addressee {
                    s = (s + 1).min(end);
                }
                while s < end && matches!(doc.form(s), "," | ":") {
                    s += 1;
                }
                // A following quote is the content of a direct quote already taken.
                if s < end && in_quote[s] {
                    continue;
                }
                // `…, which was confirmed by two officials`: the "by" phrase of a passive
                // cue is its source (the parse rules take the subject as content).
                if s < end
                    && doc.form(s).eq_ignore_ascii_case("by")
                    && doc.tokens.is_parsed()
                    && children(doc, c).any(|t| deprel(doc, t) == "aux:pass")
                {
                    continue;
                }
                // Partial quotes stay inside the reported content; a second reporting verb
                // joined by "and"/"but" ("… and said she would …") ends it.
                let e = (s + 1..end)
                    .find(|&k| {
                        matches!(doc.form(k), "and" | "but")
                            && k + 1 < end
                            && self.cue_at(doc, k + 1).is_some()
                    })
                    .map_or(end, |k| if doc.form(k - 1) == "," { k - 1 } else { k });
                // A cue in a relative clause ("The army, which denies the charges, said …")
                // reports no further than its clause.
                let relative = doc.tokens.is_parsed() && deprel(doc, c).starts_with("acl");
                let e = if relative {
                    e.min(subtree(doc, c).1)
                } else {
                    e
                };
                if e > s + 2 || relative && e > s + 1 {
                    out.push(Found {
                        kind: "indirect",
                        content: (s, e),
                        cue: Some((c, c + 1)),
                        speaker,
                        sentence: si,
                        follows: None,
                        origin: O_FORWARD,
                    });
                }
            }
        }
        if doc.tokens.is_parsed() && doc.tokens.is_tagged() {
            self.parse_attributions(doc, &in_quote, &mut out, ctx, log);
        }
        if doc.tokens.is_parsed() && doc.tokens.is_tagged() {
            in_source_attributions(doc, &in_quote, &mut out);
            adverb_attributions(doc, &in_quote, &mut out);
            view_attributions(doc, &in_quote, &mut out);
        }
        // Headlines and transcripts: `Pat Doe: …`, `"WALLACE: …` at the start of a line.
        let line_start = |i: usize| {
            i == 0
                || doc.text[doc.tokens.end[i - 1] as usize..doc.tokens.start[i] as usize]
                    .contains('\n')
        };
        let mut colon_quotes = Vec::new();
        for i in 0..n {
            if !line_start(i) {
                continue;
            }
            let first = if is_quote(doc.form(i)) { i + 1 } else { i };
            // The headline (first line) names its speaker more loosely ("Clinton camp:",
            // "Former envoy at summit:").
            let title = i == 0;
            let reach = if title { 7 } else { 5 };
            let Some(colon) = (first..(first + 12).min(n)).find(|&k| doc.form(k) == ":") else {
                continue;
            };
            // Parentheses after a name ("Rep. Pat Doe (D-Ohio):") do not count.
            let mut depth = 0i32;
            let outside: Vec<usize> = (first..colon)
                .filter(|&k| {
                    let f = doc.form(k);
                    let was = depth;
                    depth += i32::from(f == "(") - i32::from(f == ")");
                    was == 0 && depth == 0 && f != ")"
                })
                .collect();
            let cap = |k: usize| doc.form(k).chars().next().is_some_and(char::is_uppercase);
            let names = colon < first + reach
                && outside
                    .iter()
                    .all(|&k| ((title && k > first) || cap(k)) && !is_punct(doc.form(k)));
            // A quote after the colon: a longer speaker phrase with a title in lower case
            // ("Former secretary of state Pat Doe: "…"), from a capital to a name, no verb.
            let quoted = colon + 1 < n
                && is_quote(doc.form(colon + 1))
                && outside.first().is_some_and(|&k| cap(k))
                && outside.last().is_some_and(|&k| cap(k))
                && outside.iter().all(|&k| {
                    let verb = doc.tokens.is_tagged() && matches!(upos(doc, k), "VERB" | "AUX");
                    !is_punct(doc.form(k)) && !verb
                });
            if colon == first || !(names || quoted) {
                continue;
            }
            let mut end = colon + 1;
            while end < n && !line_start(end) {
                end += 1;
            }
            while end > colon + 1 && (is_quote(doc.form(end - 1)) || doc.form(end - 1) == ".") {
                end -= 1;
            }
            if end > colon + 3 {
                colon_quotes.push(Found {
                    kind: "direct",
                    content: (colon + 1, end),
                    cue: Some((colon, colon + 1)),
                    speaker: Some((first, colon)),
                    sentence: doc.sentence_of(colon),
                    follows: None,
                    origin: O_COLON,
                });
            }
        }
        if !colon_quotes.is_empty() {
            out.retain(|f| {
                f.cue.is_some()
                    || !colon_quotes
                        .iter()
                        .any(|c| c.content.0 < f.content.1 && f.content.0 < c.content.1)
            });
            out.extend(colon_quotes);
        }
        // A quoted passage without its own cue inside reported speech is part of that
        // speech, not a quote of its own.
        let indirect: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| f.kind == "indirect")
            .map(|f| f.content)
            .collect();
        out.retain(|f| {
            f.kind != "direct"
                || f.cue.is_some()
                || !indirect
                    .iter()
                    .any(|&(a, b)| a <= f.content.0 && f.content.1 <= b && (a, b) != f.content)
        });
        // With a dependency parse, the speaker is the cue verb's subject phrase.
        if doc.tokens.is_parsed() && doc.tokens.is_tagged() {
            for f in &mut out {
                let Some((c, _)) = f.cue else { continue };
                if doc.strings.resolve(doc.tokens.upos[c]) != "VERB" {
                    continue;
                }
                match inherited_subject(doc, c) {
                    Some(sp) if !f.content_overlaps(sp) => f.speaker = Some(trim_trail(doc, sp)),
                    Some(_) => {}
                    // A participle or second verb whose subject the parse cannot find: the
                    // words before it are not its speaker ("…, saying", "and said").
                    None if matches!(deprel(doc, c), "advcl" | "conj" | "acl" | "xcomp")
                        && f.speaker.is_some_and(|sp| sp.1 <= c) =>
                    {
                        f.speaker = None;
                    }
                    None => {}
                }
            }
        }
        if doc.tokens.is_parsed() && doc.tokens.is_tagged() {
            for f in &mut out {
                f.speaker = f
                    .speaker
                    .and_then(|sp| refine_speaker(doc, sp, f.cue, f.content));
            }
        }
        out.sort_by_key(|f| f.content.0);
        (out, in_quote)
    }

    /// The actor a speaker phrase refers to: a mention inside it; for a relative pronoun
    /// ("the minister, who said …") the actor of the noun its clause hangs on; for a pronoun
    /// the nearest person mentioned before.
    fn actor_of(&self, doc: &Document, sp: (usize, usize)) -> Option<u32> {
        if doc.mentions.is_empty() {
            return None;
        }
        let (a, b) = (sp.0 as u32, sp.1 as u32);
        if let Some(noun) = relative_antecedent(doc, sp) {
            let n = noun as u32;
            return doc
                .mentions
                .iter()
                .filter(|m| m.tokens.0 <= n && n < m.tokens.1 && m.actor.is_some())
                .max_by_key(|m| m.tokens.1 - m.tokens.0)
                .and_then(|m| m.actor);
        }
        let inside = doc
            .mentions
            .iter()
            .filter(|m| m.tokens.0 < b && a < m.tokens.1 && m.actor.is_some())
            .max_by_key(|m| m.tokens.1 - m.tokens.0);
        if let Some(m) = inside {
            return m.actor;
        }
        let is_pronoun = b == a + 1 && PRONOUNS.contains(&doc.form(sp.0).to_lowercase().as_str());
        if is_pronoun {
            return doc
                .mentions
                .iter()
                .filter(|m| m.tokens.1 <= a && m.kind == MentionKind::Person && m.actor.is_some())
                .max_by_key(|m| m.tokens.1)
                .and_then(|m| m.actor);
        }
        None
    }
}

impl Component for QuotesComponent {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        if doc.tokens.is_empty() || doc.sentences.is_empty() {
            return Ok(());
        }
        let found = self.find(doc);
        let mut quotes = Vec::with_capacity(found.len());
        for f in found {
            if asks_anonymity(doc, f.content) {
                continue;
            }
            let span = |r: (usize, usize)| doc.token_span(r.0, r.1);
            let content_span = span(f.content);
            let cue_span = f.cue.map(span);
            let speaker_span = f.speaker.map(span);
            let parts: Vec<Span> = quoted_parts(doc, &f).into_iter().map(span).collect();
            let content = if parts.is_empty() {
                doc.span_text(content_span).to_string()
            } else {
                let texts: Vec<&str> = parts.iter().map(|&p| doc.span_text(p)).collect();
                texts.join(" … ")
            };
            quotes.push(Quote {
                kind: f.kind.to_string(),
                content,
                content_span,
                content_parts: parts,
                cue: cue_span.map(|s| doc.span_text(s).to_string()),
                cue_span,
                speaker: speaker_span.map(|s: Span| doc.span_text(s).to_string()),
                speaker_span,
                actor: f.speaker.and_then(|sp| self.actor_of(doc, sp)),
                sentence: f.sentence as u32,
            });
        }
        doc.quotes = quotes;
        Ok(())
    }
}

/// A quotation mark token (straight, curly, or a doubled straight or grave accent).
fn is_quote_mark(form: &str) -> bool {
    matches!(form, "\"" | "\u{201c}" | "\u{201d}" | "''" | "``")
}

/// The quoted parts of a direct quote whose cue or speaker stands between two quoted
/// stretches (`"…," said Ana Ruiz, the mayor. "…"`): the stretch up to the closing mark
/// before the attribution and the one from the opening mark after it, so that the quote's
/// text leaves the attribution out. Empty when the attribution is outside the content.
fn quoted_parts(doc: &Document, f: &Found) -> Vec<(usize, usize)> {
    let (lo, hi) = f.content;
    let inner = [f.cue, f.speaker]
        .into_iter()
        .flatten()
        .filter(|r| r.0 > lo && r.1 < hi);
    let (Some(a), Some(b)) = (inner.clone().map(|r| r.0).min(), inner.map(|r| r.1).max()) else {
        return Vec::new();
    };
    let close = (lo..a).rev().find(|&t| is_quote_mark(doc.form(t)));
    let open = (b..hi).find(|&t| is_quote_mark(doc.form(t)));
    match (close, open) {
        (Some(c), Some(o)) if c > lo && o + 1 < hi => vec![(lo, c + 1), (o, hi)],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{inherit_speakers, one_edit, Found, O_DIRECT};

    fn quote(content: (usize, usize), cue: Option<usize>, speaker: (usize, usize)) -> Found {
        Found {
            kind: "direct",
            content,
            cue: cue.map(|c| (c, c + 1)),
            speaker: Some(speaker),
            sentence: 0,
            follows: None,
            origin: O_DIRECT,
        }
    }

    #[test]
    fn continued_quotes_inherit_the_picked_speaker() {
        // The first quote's speaker was trimmed (picked) from 10..16 to 10..12 after the
        // rules drafted it; the quotes continuing it (directly or through another) follow.
        let mut first = quote((0, 8), Some(9), (10, 12));
        first.speaker = Some((10, 12));
        let mut second = quote((18, 30), None, (10, 16));
        second.follows = Some(9);
        let mut third = quote((31, 40), None, (10, 16));
        third.follows = Some(9);
        let other = quote((41, 50), Some(51), (52, 53));
        let mut found = vec![first, second, third, other];
        inherit_speakers(&mut found);
        assert_eq!(found[1].speaker, Some((10, 12)));
        assert_eq!(found[2].speaker, Some((10, 12)));
        assert_eq!(found[3].speaker, Some((52, 53)));
        // A followed quote whose speaker the picker dropped leaves its followers none.
        found[0].speaker = None;
        inherit_speakers(&mut found);
        assert_eq!(found[1].speaker, None);
    }

    #[test]
    fn one_edit_accepts_typos_only() {
        assert!(one_edit("said", "saod"));
        assert!(one_edit("said", "siad"));
        assert!(one_edit("said", "sai"));
        assert!(!one_edit("said", "sand s"));
        assert!(!one_edit("said", "paid s"));
    }
}
