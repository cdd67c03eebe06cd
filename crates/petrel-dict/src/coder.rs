//! The dictionary event coder: TABARI/PETRARCH-style coding of one tokenised sentence.
//!
//! Steps, per sentence:
//! 1. discards (sentence or whole story, `<TIME>` phrases coded `###`) and TABARI's
//!    minimum sentence length;
//! 2. actor and agent phrases (longest match at each token), agents composed with the
//!    actor they qualify (`Gondor's minister`, `the minister of Gondor`) into one unit;
//!    units joined by `,`/`and` form compound units;
//! 3. comma-delimited clauses of the configured lengths are dropped (TABARI `COMMA:`,
//!    PETRARCH-1 `comma_*`) and the rest coded; TABARI pronouns become units standing
//!    for an actor (or the previous sentence's first actor, `FORWARD`);
//! 4. each verb form (not capitalised mid-sentence, not after a determiner, a verb if the
//!    sentence is tagged) is matched against its family's patterns, most specific first;
//!    a pattern's `$`/`+`/`%` fix the source/target, otherwise the source is the nearest
//!    unit before the verb that is not a prepositional object (TABARI: the clause's first
//!    actor) and the target the first unit after it; TABARI `DEFAULT:` codes fill gaps;
//! 5. one event per source code × target code, plus the reverse for paired codes; how
//!    many verbs may code follows TABARI `CODE BY`, dominant `!` and weak `?` codes.
//!
//! PETRARCH-1 conventions (`CoderOptions::petrarch1`) follow its Treebank coder where the
//! surface allows: a verb with a code takes its whole verb phrase (the parse's, when the
//! sentence has dependency heads, and any `after`/`until` … clause), so the verbs inside it
//! code nothing; the source is looked for back to the nearest comma; a null target needs a
//! noun phrase in the verb phrase; modals are no verbs; pattern words match as written;
//! families sharing a verb word pool their patterns; a noun phrase is coded by its first
//! actor and space-joined actor words may span its modifiers; `%` after the verb is the
//! target; `new_actor_length` codes actor-less noun phrases by their text.

use crate::actors::AgentPlace;
use crate::verbs::{Code, Elem, Pattern, FREE};
use crate::Dictionaries;

/// Settings that PETRARCH/TABARI expose as options.
#[derive(Debug, Clone)]
pub struct CoderOptions {
    /// Drop events without both a source and a target (PETRARCH `require_dyad`).
    pub require_dyad: bool,
    /// How far apart (in tokens) pattern elements separated by a space may be.
    pub max_gap: usize,
    /// Drop events whose source and target codes are equal.
    pub drop_self: bool,
    /// Only tokens tagged VERB can trigger (when the sentence is tagged).
    pub use_tags: bool,
    /// PETRARCH-1 conventions: `A/B` actor codes are separate actors, and an anonymous
    /// agent may code an event alone when dyads are not required.
    pub petrarch1: bool,
    /// Comma-delimited clauses dropped before coding (TABARI `COMMA:`, PETRARCH-1
    /// `comma_*`); `None` keeps every clause.
    pub comma: Option<CommaLimits>,
    /// TABARI `DEFAULT: SOURCE [X] PRIOR`: code with X when no source is found (before
    /// the verb only when `prior`).
    pub default_source: Option<(String, bool)>,
    /// TABARI `DEFAULT: … TARGET [Y] AFTER`: code with Y when no target is found (after the
    /// verb only when `after`).
    pub default_target: Option<(String, bool)>,
    /// TABARI `SET: MINIMUM WORDS`: shorter sentences are not coded (0 = no limit).
    pub min_words: usize,
    /// TABARI `SET: CODE BY …`: how many events a sentence may give.
    pub code_by: CodeBy,
    /// Pronouns (`he`, `it`, `them`) stand for the sentence's first actor (TABARI).
    pub pronouns: bool,
    /// PETRARCH-1 `new_actor_length`: when no actor is found for the source or target, a
    /// noun phrase of at most this many words stands for one, coded as its text in
    /// quotes (`"THE MINISTRY OF MAGIC"`); 0 turns this off.
    pub new_actor_length: usize,
}

/// Lengths (in words) of comma-delimited clauses that are dropped: internal clauses with
/// `min..=max` words, the initial clause with `bmin..=bmax`, the terminal one with
/// `emin..=emax`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommaLimits {
    pub min: usize,
    pub max: usize,
    pub bmin: usize,
    pub bmax: usize,
    pub emin: usize,
    pub emax: usize,
}

impl Default for CommaLimits {
    /// TABARI's defaults: internal and terminal clauses of 2–10 words, never the initial.
    fn default() -> Self {
        CommaLimits {
            min: 2,
            max: 10,
            bmin: 255,
            bmax: 0,
            emin: 2,
            emax: 10,
        }
    }
}

impl CommaLimits {
    /// PETRARCH-1's defaults (its configuration file): internal and terminal clauses of
    /// 2–8 words; the initial clause never.
    pub fn petrarch1() -> Self {
        CommaLimits {
            min: 2,
            max: 8,
            bmin: 0,
            bmax: 0,
            emin: 2,
            emax: 8,
        }
    }
}

/// TABARI `SET: CODE BY CLAUSE | CODE BY SENTENCE | CODE ALL`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CodeBy {
    /// One event per clause (clauses split at `and`, `but`, `;`).
    #[default]
    Clause,
    /// The first event of the sentence only.
    Sentence,
    /// Every verb codes.
    All,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            require_dyad: true,
            max_gap: 8,
            drop_self: true,
            use_tags: true,
            petrarch1: false,
            comma: None,
            default_source: None,
            default_target: None,
            min_words: 0,
            code_by: CodeBy::Clause,
            pronouns: false,
            new_actor_length: 0,
        }
    }
}

/// The code in `[...]` after `key` in a TABARI option value (`SOURCE [DEFSRC] PRIOR`).
fn bracketed_after<'a>(v: &'a str, key: &str) -> Option<&'a str> {
    let k = v.find(key)?;
    let rest = &v[k + key.len()..];
    let open = rest.find('[')?;
    let close = rest[open..].find(']')? + open;
    Some(rest[open + 1..close].trim())
}

/// `NAME = 12` inside a TABARI option value.
fn number_after(v: &str, key: &str) -> Option<usize> {
    let mut words = v
        .split(|c: char| c.is_whitespace() || c == '=')
        .filter(|w| !w.is_empty());
    while let Some(w) = words.next() {
        if w == key {
            return words.next()?.trim_end_matches(['}', ',']).parse().ok();
        }
    }
    None
}

impl CoderOptions {
    /// Settings for a dictionary set: TABARI dictionaries get TABARI's defaults (comma
    /// clauses dropped, minimum sentence length, pronouns) and then their `.options` lines.
    pub fn for_dictionaries(d: &crate::Dictionaries) -> Self {
        let mut o = CoderOptions::default();
        if d.stems() {
            o.comma = Some(CommaLimits::default());
            o.min_words = 8;
            o.pronouns = true;
            for (k, v) in &d.options {
                o.apply_tabari(k, v);
            }
        }
        o
    }

    /// Applies one TABARI option line (`COMMA: MIN = 4 MAX = 6`, `DEFAULT: OFF`,
    /// `SET: CODE ALL`, `SET: MINIMUM WORDS = 5`); returns whether it was understood.
    pub fn apply_tabari(&mut self, key: &str, value: &str) -> bool {
        let v = value.to_uppercase();
        match key.trim().to_uppercase().as_str() {
            "COMMA" => {
                if v.split_whitespace().next() == Some("OFF") {
                    self.comma = None;
                    return true;
                }
                let mut c = self.comma.unwrap_or_default();
                for (name, slot) in [
                    ("MIN", &mut c.min),
                    ("MAX", &mut c.max),
                    ("BMIN", &mut c.bmin),
                    ("BMAX", &mut c.bmax),
                    ("EMIN", &mut c.emin),
                    ("EMAX", &mut c.emax),
                ] {
                    if let Some(n) = number_after(&v, name) {
                        *slot = n;
                    }
                }
                self.comma = Some(c);
                true
            }
            "DEFAULT" => {
                if v.split_whitespace().next() == Some("OFF") {
                    self.default_source = None;
                    self.default_target = None;
                    return true;
                }
                // The flag belongs to the code before it: `SOURCE [X] PRIOR TARGET [Y] AFTER`.
                let t = v.find("TARGET").unwrap_or(v.len());
                if let Some(c) = bracketed_after(&v[..t], "SOURCE") {
                    self.default_source = Some((c.to_string(), v[..t].contains("PRIOR")));
                }
                if let Some(c) = bracketed_after(&v[t..], "TARGET") {
                    self.default_target = Some((c.to_string(), v[t..].contains("AFTER")));
                }
                true
            }
            "SET" => {
                let flat: String = v.split_whitespace().collect::<Vec<_>>().join(" ");
                if flat.starts_with("CODE BY CLAUSE") {
                    self.code_by = CodeBy::Clause;
                } else if flat.starts_with("CODE BY SENTENCE") {
                    self.code_by = CodeBy::Sentence;
                } else if flat.starts_with("CODE ALL") {
                    self.code_by = CodeBy::All;
                } else if flat.starts_with("MINIMUM WORDS") {
                    match number_after(&flat, "WORDS") {
                        Some(n) => self.min_words = n,
                        None => return false,
                    }
                } else {
                    return false;
                }
                true
            }
            _ => false,
        }
    }

    /// Applies one PETRARCH `<Config option="…" value="…">` setting; returns whether it
    /// was understood.
    pub fn apply_petrarch(&mut self, option: &str, value: &str) -> bool {
        let o = option.to_ascii_lowercase();
        if o == "require_dyad" {
            self.require_dyad = value.eq_ignore_ascii_case("true");
            return true;
        }
        if o == "new_actor_length" {
            return match value.trim().parse() {
                Ok(n) => {
                    self.new_actor_length = n;
                    true
                }
                Err(_) => false,
            };
        }
        let Some(field) = o.strip_prefix("comma_") else {
            return false;
        };
        let Ok(n) = value.trim().parse::<usize>() else {
            return false;
        };
        let mut c = self.comma.unwrap_or_else(CommaLimits::petrarch1);
        match field {
            "min" => c.min = n,
            "max" => c.max = n,
            "bmin" => c.bmin = n,
            "bmax" => c.bmax = n,
            "emin" => c.emin = n,
            "emax" => c.emax = n,
            _ => return false,
        }
        self.comma = Some(c);
        true
    }
}

/// One sentence as the coder sees it.
#[derive(Default)]
pub struct SentenceInput<'a> {
    /// Upper-cased token forms.
    pub words: &'a [&'a str],
    /// Whether each token was written with an initial capital.
    pub caps: &'a [bool],
    /// UPOS tags when a tagger ran.
    pub upos: Option<&'a [&'a str]>,
    /// Article date as `yyyymmdd`, for date-restricted actor codes.
    pub date: Option<u32>,
    /// TABARI `FORWARD`: the actor code a pronoun stands for when no actor precedes it in
    /// the sentence (the previous sentence's first actor).
    pub antecedent: Option<&'a str>,
    /// Dependency heads when a parser ran: the head word of each word (sentence-relative),
    /// `usize::MAX` for the root. PETRARCH-1 reads verb phrases from these.
    pub heads: Option<&'a [usize]>,
    /// Dependency relations (UD), parallel to `heads`.
    pub deprels: Option<&'a [&'a str]>,
}

/// An actor unit: a token span and its code(s) (several for a compound).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub start: usize,
    pub end: usize,
    pub codes: Vec<String>,
    /// Token spans of each member (parallel to `codes`).
    pub spans: Vec<(usize, usize)>,
    /// Actor entry names of each member (empty for agent-only units).
    pub names: Vec<String>,
}

/// One coded event. Token indices are sentence-relative.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub source_span: Option<(usize, usize)>,
    pub target_span: Option<(usize, usize)>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    pub code: String,
    /// The verb token.
    pub verb: usize,
    /// Line of the pattern that matched, if any (else the verb's default code).
    pub pattern_line: Option<u32>,
}

/// What coding one sentence produced.
#[derive(Debug, Clone, Default)]
pub struct SentenceCoding {
    pub events: Vec<CodedEvent>,
    pub units: Vec<Unit>,
    /// 0 none, 1 sentence discarded, 2 whole story discarded.
    pub discard: u8,
    /// Issue (category, code) pairs found.
    pub issues: Vec<(String, String)>,
    /// Code of the first actor phrase (without agents), for forwarding to a pronoun in
    /// the next sentence.
    pub first_actor: Option<String>,
}

/// Codes sentences with a set of dictionaries.
pub struct Coder<'d> {
    pub dict: &'d Dictionaries,
    pub opts: CoderOptions,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum MKind {
    Actor(u32),
    Agent(u32),
}

/// Mentions being composed into a unit: actors (code on the article date, name, span) or
/// agents.
#[derive(Debug, Clone)]
struct Piece {
    start: usize,
    end: usize,
    actors: Vec<(Option<String>, String, (usize, usize))>,
    agents: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
struct Mention {
    start: usize,
    end: usize,
    kind: MKind,
}

/// Words that make a following gerund a subordinate clause (`after leaving`).
const SUBORDINATORS: &[&str] = &[
    "AFTER", "BEFORE", "WHILE", "SINCE", "DESPITE", "WITHOUT", "DURING",
];
const PREPS: &[&str] = &[
    "OF", "BY", "WITH", "TO", "FROM", "IN", "FOR", "AT", "ON", "AGAINST", "ABOUT", "INTO", "OVER",
    "TOWARD", "TOWARDS", "BETWEEN", "AMONG", "NEAR", "WITHIN", "UPON",
];
const DETS: &[&str] = &["THE", "A", "AN"];
const POSSESSIVES: &[&str] = &["HIS", "HER", "ITS", "THEIR", "OUR", "MY", "YOUR", "'S"];

/// Subordinators whose clause a Treebank parse puts inside the verb phrase before them.
const CLAUSE_SUBORDINATORS: &[&str] = &[
    "AFTER", "BEFORE", "UNTIL", "SINCE", "WHILE", "BECAUSE", "WHEN", "ONCE",
];

/// Modal auxiliaries (Treebank `MD`).
const MODALS: &[&str] = &[
    "CAN", "COULD", "MAY", "MIGHT", "MUST", "SHALL", "SHOULD", "WILL", "WOULD", "OUGHT",
];

/// Bare time words that a Treebank parse marks `NP-TMP`, not a noun phrase.
const TIME_WORDS: &[&str] = &["TODAY", "YESTERDAY", "TOMORROW", "TONIGHT", "NOW"];

/// Words that open a subordinate clause after a comma.
const CLAUSE_OPENERS: &[&str] = &[
    "THAT", "WHICH", "WHO", "WHOM", "WHOSE", "WHEN", "WHERE", "WHILE",
];

/// Personal pronouns that TABARI dereferences to an actor.
const PRONOUNS: &[&str] = &["HE", "SHE", "IT", "THEY", "HIM", "HER", "THEM"];

/// Words in a token list, as TABARI counts them (no punctuation, no `'s`).
fn word_count(words: &[&str]) -> usize {
    words
        .iter()
        .filter(|w| **w != "'S" && w.chars().any(char::is_alphanumeric))
        .count()
}

fn is_punct(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| c.is_ascii_punctuation())
}

/// One member of a source or target unit: code, token span, actor name.
type Member = (Option<String>, Option<(usize, usize)>, Option<String>);

/// Whether the sentence is written in capitals (then capitals say nothing about nouns).
fn all_caps(words: &[&str], caps: &[bool]) -> bool {
    let alpha: Vec<usize> = (0..words.len())
        .filter(|&k| words[k].chars().any(char::is_alphabetic))
        .collect();
    !alpha.is_empty() && alpha.iter().all(|&k| caps[k])
}

/// Relations whose subtree is not part of a verb's phrase (its subject, coordinated
/// verbs, side clauses, punctuation).
const OUTSIDE_VP: &[&str] = &[
    "nsubj",
    "nsubj:pass",
    "csubj",
    "csubj:pass",
    "conj",
    "cc",
    "parataxis",
    "punct",
    "expl",
    "discourse",
    "vocative",
    "list",
    "dislocated",
    "reparandum",
];

/// The words of verb `v`'s phrase as a Treebank VP holds them: the subtrees of its
/// dependents after it, except subjects, coordinated verbs and side clauses.
fn verb_phrase(heads: &[usize], rels: &[&str], v: usize) -> Vec<bool> {
    let n = heads.len();
    let mut inside = vec![false; n];
    for (k, slot) in inside.iter_mut().enumerate() {
        // Climb to the child of `v` on the path from `k`, if any.
        let (mut x, mut steps) = (k, 0);
        while x != usize::MAX && heads[x] != v && steps < n {
            x = heads[x];
            steps += 1;
        }
        if x == usize::MAX || x == v || steps >= n || heads[x] != v {
            continue;
        }
        *slot = x > v && !OUTSIDE_VP.contains(&rels[x]);
    }
    inside
}

/// The dependency tree of the words `keep` (sentence indices, ascending): a word whose
/// head was dropped hangs on its nearest kept ancestor.
fn reduce_tree<'a>(
    s: &SentenceInput<'a>,
    keep: &[usize],
) -> (Option<Vec<usize>>, Option<Vec<&'a str>>) {
    let (Some(h), Some(r)) = (s.heads, s.deprels) else {
        return (None, None);
    };
    let mut new_of = vec![usize::MAX; h.len()];
    for (j, &k) in keep.iter().enumerate() {
        new_of[k] = j;
    }
    let heads = keep
        .iter()
        .map(|&k| {
            let mut x = h[k];
            let mut steps = 0;
            while x != usize::MAX && new_of[x] == usize::MAX && steps < h.len() {
                x = h[x];
                steps += 1;
            }
            if x == usize::MAX || steps >= h.len() {
                usize::MAX
            } else {
                new_of[x]
            }
        })
        .collect();
    (Some(heads), Some(keep.iter().map(|&k| r[k]).collect()))
}

/// Side of the verb a pattern part is matched on.
#[derive(Clone, Copy, PartialEq)]
enum Dir {
    Up,
    Down,
}

#[derive(Default, Clone, Copy)]
struct Roles {
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
}

impl<'d> Coder<'d> {
    pub fn new(dict: &'d Dictionaries, opts: CoderOptions) -> Self {
        Coder { dict, opts }
    }

    /// Codes one sentence.
    pub fn code(&self, s: &SentenceInput) -> SentenceCoding {
        let mut out = SentenceCoding::default();
        let w = s.words;
        let n = w.len();
        let stem = self.dict.stems();
        for i in 0..n {
            if let Some((_, story)) = self.dict.discards.longest_at(w, i, stem) {
                out.discard = out.discard.max(1 + story as u8);
            }
        }
        if out.discard > 0 {
            return out;
        }
        self.issues(s, &mut out);
        if self.opts.min_words > 0 && word_count(w) < self.opts.min_words {
            return out;
        }
        let mentions = self.mentions(s);
        out.first_actor = mentions.iter().find_map(|m| match m.kind {
            MKind::Actor(a) => self.actor_code(a, s.date).map(str::to_string),
            MKind::Agent(_) => None,
        });
        // TABARI: an actor coded `###` discards the sentence.
        if mentions.iter().any(|m| match m.kind {
            MKind::Actor(a) => self.actor_code(a, s.date) == Some("###"),
            MKind::Agent(_) => false,
        }) {
            out.discard = 1;
            return out;
        }
        let units = self.units(s, &mentions);
        if let Some(keep) = self.comma_clauses(s, &units) {
            // Code the sentence without its dropped clauses, then map indices back.
            let words: Vec<&str> = keep.iter().map(|&k| w[k]).collect();
            let caps: Vec<bool> = keep.iter().map(|&k| s.caps[k]).collect();
            let tags: Option<Vec<&str>> = s.upos.map(|t| keep.iter().map(|&k| t[k]).collect());
            let (heads, rels) = reduce_tree(s, &keep);
            let reduced = SentenceInput {
                words: &words,
                caps: &caps,
                upos: tags.as_deref(),
                date: s.date,
                antecedent: s.antecedent,
                heads: heads.as_deref(),
                deprels: rels.as_deref(),
            };
            let mentions = self.mentions(&reduced);
            let units = self.units(&reduced, &mentions);
            self.code_units(&reduced, units, &mut out);
            let map = |(a, b): (usize, usize)| (keep[a], keep[b - 1] + 1);
            for e in &mut out.events {
                e.verb = keep[e.verb];
                e.source_span = e.source_span.map(map);
                e.target_span = e.target_span.map(map);
            }
            for u in &mut out.units {
                (u.start, u.end) = map((u.start, u.end));
                for sp in &mut u.spans {
                    *sp = map(*sp);
                }
            }
            return out;
        }
        self.code_units(s, units, &mut out);
        out
    }

    /// The verb of a subordinate clause (`… after crowds burned …`) that follows the verb
    /// ending at `vend` in its own clause: a subordinator before any other verb or `;`,
    /// then the first dictionary verb with no other verb between.
    fn subordinate_verb(
        &self,
        s: &SentenceInput,
        verbs: &[(usize, usize, usize, u32)],
        vend: usize,
    ) -> Option<usize> {
        let w = s.words;
        let verbish = |k: usize| {
            s.upos.is_some_and(|t| t[k] == "VERB") || verbs.iter().any(|v| v.0 <= k && k < v.1)
        };
        // A parenthetical (`, it seems ,`: up to three words between commas) lies inside
        // the verb phrase too.
        let parenthetical = |k: usize| {
            (k + 2..=(k + 4).min(w.len().saturating_sub(1)))
                .find(|&j| w[j] == ",")
                .filter(|_| w[k] == ",")
        };
        let mut k = vend;
        let sub = loop {
            if k >= w.len() || w[k] == ";" {
                return None;
            }
            if let Some(close) = parenthetical(k) {
                k = close;
                continue;
            }
            if verbish(k) {
                return None;
            }
            if CLAUSE_SUBORDINATORS.contains(&w[k]) {
                break k;
            }
            k += 1;
        };
        let &(start, _, vi, _) = verbs.iter().find(|v| v.0 > sub)?;
        (sub + 1..start)
            .all(|k| !matches!(w[k], ";" | ",") && !verbish(k))
            .then_some(vi)
    }

    /// Whether the verb ending at `vend` has a noun phrase after it in its phrase (the
    /// parse's verb phrase, else up to the next comma or clause end); time words such as
    /// `today` are no noun phrase. Without tags every verb has one.
    fn has_noun_phrase(&self, s: &SentenceInput, vend: usize, vp: Option<&[bool]>) -> bool {
        let Some(tags) = s.upos else {
            return true;
        };
        let w = s.words;
        let noun = |k: usize| {
            matches!(tags[k], "NOUN" | "PROPN" | "PRON" | "NUM") && !TIME_WORDS.contains(&w[k])
        };
        match vp {
            Some(vp) => (vend..w.len()).any(|k| vp[k] && noun(k)),
            None => (vend..w.len())
                .take_while(|&k| !matches!(w[k], "," | ";" | "." | "!" | "?"))
                .any(noun),
        }
    }

    /// Codes the verbs of a sentence whose actor units are known.
    fn code_units(&self, s: &SentenceInput, mut units: Vec<Unit>, out: &mut SentenceCoding) {
        let w = s.words;
        let n = w.len();
        let stem = self.dict.stems();
        if self.opts.pronouns {
            self.pronoun_units(s, &mut units);
        }
        let real_units = units.len();
        let mut in_unit = vec![usize::MAX; n];
        for (k, u) in units.iter().enumerate() {
            for slot in &mut in_unit[u.start..u.end] {
                *slot = k;
            }
        }
        // Verb occurrences: (first token, end, verb token, form).
        let mut verbs: Vec<(usize, usize, usize, u32)> = Vec::new();
        let mut i = 0;
        while i < n {
            if in_unit[i] != usize::MAX {
                i += 1;
                continue;
            }
            let Some((len, form)) = self.dict.verbs.index.longest_at(w, i, stem) else {
                i += 1;
                continue;
            };
            let vi = i + self.dict.verbs.forms[form as usize].verb_pos as usize;
            let vend = i + len;
            if !self.is_verb(s, vi, &in_unit) || (i..vend).any(|k| in_unit[k] != usize::MAX) {
                i += 1;
                continue;
            }
            verbs.push((i, vend, vi, form));
            i = vend;
        }
        let mut verb_at = vec![false; n];
        for &(a, b, _, _) in &verbs {
            for slot in &mut verb_at[a..b] {
                *slot = true;
            }
        }
        let mut last_source: Option<usize> = None;
        let mut targets: Vec<usize> = Vec::new();
        // PETRARCH-1 reads verb phrases from the parse tree when there is one.
        let tree = match (self.opts.petrarch1, s.heads, s.deprels) {
            (true, Some(h), Some(r)) if h.len() == n && r.len() == n => Some((h, r)),
            _ => None,
        };
        let mut absorbed = vec![false; n];
        // TABARI codes one event per clause: after a verb codes, later verbs wait for a
        // clause boundary (`and`, `but`, `;` outside actor phrases).
        let mut coded_until: Option<usize> = None;
        for &(i, vend, vi, form) in &verbs {
            if let (true, Some(c)) = (stem, coded_until) {
                match self.opts.code_by {
                    CodeBy::All => {}
                    CodeBy::Sentence => break,
                    CodeBy::Clause => {
                        let boundary = (c..i).any(|k| {
                            in_unit[k] == usize::MAX && matches!(w[k], "AND" | "BUT" | "OR" | ";")
                        });
                        if !boundary {
                            continue;
                        }
                        coded_until = None;
                    }
                }
            }
            // (A verb coordinated by `and`/`but` heads its own Treebank VP, wherever the
            // parser hung it.)
            let coordinated_verb = (i > 0 && matches!(w[i - 1], "AND" | "BUT" | "OR"))
                || tree.is_some_and(|(h, r)| {
                    r[vi] == "conj" && (0..n).any(|k| h[k] == vi && r[k] == "cc")
                });
            if absorbed[vi] && !coordinated_verb {
                // What lies in its phrase lies in the absorbing phrase too.
                if let Some((h, r)) = tree {
                    for (k, inside) in verb_phrase(h, r, vi).into_iter().enumerate() {
                        absorbed[k] |= inside;
                    }
                }
                if let Some(k) = self.subordinate_verb(s, &verbs, vend) {
                    absorbed[k] = true;
                }
                continue;
            }
            let vp = tree.map(|(h, r)| verb_phrase(h, r, vi));
            let form = &self.dict.verbs.forms[form as usize];
            let block = &self.dict.verbs.blocks[form.block as usize];
            let default = form.code.as_ref().unwrap_or(&block.code);
            let passive = !stem && self.passive_p(s, i, vend);
            if passive && w.get(vend) == Some(&"TO") {
                continue; // `was seen to break`: the infinitive carries the event
            }
            let mut chosen: (&Code, Roles, Option<u32>) = (default, Roles::default(), None);
            // PETRARCH-1 keys patterns by the verb word: later families of the same form
            // add theirs.
            let more: &[u32] = if self.opts.petrarch1 {
                &form.more_blocks
            } else {
                &[]
            };
            let patterns = std::iter::once(form.block)
                .chain(more.iter().copied())
                .flat_map(|b| &self.dict.verbs.blocks[b as usize].patterns);
            for p in patterns {
                // In the passive the words before the verb are not the agent's.
                if passive && !p.lower.is_empty() {
                    continue;
                }
                // `[+++]` (TABARI's "too complex") is no code to PETRARCH: the pattern is
                // passed over.
                if !stem
                    && p.code
                        .primary
                        .as_deref()
                        .is_some_and(|c| c.starts_with('+'))
                {
                    continue;
                }
                if let Some(r) = self.match_pattern(p, s, &units, &in_unit, i, vend) {
                    chosen = (&p.code, r, Some(p.line));
                    break;
                }
            }
            let (code, mut roles, line) = chosen;
            // PETRARCH-1: a `%` compound after the verb (`agreed with %`) is the target and
            // the source is found as usual; only without one do the compound's members act
            // on each other (as they do for a compound before the verb).
            let after = roles.compound.filter(|&c| units[c].start >= vend);
            if let (true, Some(c)) = (self.opts.petrarch1, after) {
                let split = Roles {
                    source: roles.source,
                    target: Some(c),
                    compound: None,
                };
                let (s2, t2) = self.default_roles(s, &units, &verb_at, (i, vend), split, None);
                if s2.is_some() && t2.is_some() && s2 != t2 {
                    roles = Roles {
                        source: s2,
                        target: t2,
                        compound: None,
                    };
                }
            }
            // PETRARCH-1: a verb with a code takes its whole verb phrase; the verbs inside
            // it are not coded again.
            if let (Some(vp), true) = (&vp, code.primary.is_some()) {
                for (k, &inside) in vp.iter().enumerate() {
                    absorbed[k] |= inside;
                }
            }
            // … and so does a clause it governs through `after`, `until` …, however the
            // parser attached it.
            if self.opts.petrarch1 && code.primary.is_some() {
                if let Some(k) = self.subordinate_verb(s, &verbs, vend) {
                    absorbed[k] = true;
                }
            }
            if code.primary.as_deref() == Some("###") {
                out.discard = 1;
                out.events.clear();
                return;
            }
            // Negated verbs take the negated code when the PICO file gives one.
            let negated_code;
            let code = match code.primary.as_deref() {
                Some(c) if self.negated(s, i) => match self.dict.negations.get(c) {
                    Some(neg) => {
                        negated_code = Code {
                            primary: Some(neg.clone()),
                            paired: None,
                        };
                        &negated_code
                    }
                    None => code,
                },
                _ => code,
            };
            // `X condemned … and promised …`: the second verb shares the first's subject.
            let coordinated = i > 0 && matches!(w[i - 1], "AND" | "BUT" | "OR");
            let inherited = if coordinated { last_source } else { None };
            let (mut src, mut tgt) =
                self.default_roles(s, &units, &verb_at, (i, vend), roles, inherited);
            self.default_actors(&mut units, vi, vend, &mut src, &mut tgt);
            if self.opts.petrarch1 && self.opts.new_actor_length > 0 {
                self.new_actors(s, &mut units, (i, vend), vp.as_deref(), &mut src, &mut tgt);
            }
            if self.opts.pronouns {
                tgt = self.pronoun_target(s, &mut units, src, tgt);
            }
            if src.is_some() {
                last_source = src;
            }
            // PETRARCH-2: a clause whose subject is the object of an earlier coded verb
            // (`noted that X regretted …`, `urged X to respond …`) is not coded again.
            if !stem && !self.opts.petrarch1 && roles.source.is_none() {
                if let Some(sv) = src {
                    if targets.contains(&sv) {
                        continue;
                    }
                }
            }
            // PETRARCH-1 codes a verb only when its phrase holds a noun phrase for the
            // target, even a null-coded one (`said on Saturday`, not `said today`).
            if self.opts.petrarch1 && tgt.is_none() && !self.has_noun_phrase(s, vend, vp.as_deref())
            {
                continue;
            }
            let before = out.events.len();
            self.emit(
                &units,
                vi,
                code,
                src,
                tgt,
                roles.compound.is_some(),
                line,
                out,
            );
            if out.events.len() > before {
                if let Some(t) = tgt {
                    targets.push(t);
                }
                // TABARI weak codes (`[023?]`) do not close the clause.
                if out.events[before..].iter().any(|e| !e.code.ends_with('?')) {
                    coded_until = Some(vend);
                }
            }
        }
        // TABARI `[031!]`: a dominant code is the sentence's only event.
        if out.events.iter().any(|e| e.code.ends_with('!')) {
            out.events.retain(|e| e.code.ends_with('!'));
            for e in &mut out.events {
                e.code.pop();
            }
        }
        // TABARI `[023?]`: a weak code stands only when nothing else was coded.
        if out.events.iter().any(|e| !e.code.ends_with('?')) {
            out.events.retain(|e| !e.code.ends_with('?'));
        }
        for e in &mut out.events {
            if let Some(c) = e.code.strip_suffix('?') {
                e.code = c.to_string();
            }
        }
        units.truncate(real_units);
        out.units = units;
        // Duplicates (the same triple from two verbs) are coded once.
        let mut seen = Vec::new();
        out.events.retain(|e| {
            let key = (e.source.clone(), e.target.clone(), e.code.clone());
            if seen.contains(&key) {
                false
            } else {
                seen.push(key);
                true
            }
        });
    }

    /// The tokens kept after dropping comma-delimited clauses within the configured
    /// lengths (commas inside an actor compound do not delimit clauses); `None` when
    /// nothing is dropped.
    fn comma_clauses(&self, s: &SentenceInput, units: &[Unit]) -> Option<Vec<usize>> {
        let c = self.opts.comma?;
        // PETRARCH-2 reads clauses from the parse, not from commas.
        if !self.dict.stems() && !self.opts.petrarch1 {
            return None;
        }
        let w = s.words;
        let n = w.len();
        // A comma between members of a compound (`X, the awful Y, and Z`: conjunctions,
        // determiners and modifiers before the next member, no `that`/`which`) does not
        // delimit a clause.
        let in_compound = |k: usize| {
            units.iter().filter(|u| u.codes.len() > 1).any(|u| {
                u.start < k
                    && k < u.end
                    && u.spans
                        .iter()
                        .map(|sp| sp.0)
                        .filter(|&st| st > k)
                        .min()
                        .is_some_and(|st| {
                            (k + 1..st).all(|j| {
                                let t = w[j];
                                matches!(t, "AND" | "OR" | "NOR")
                                    || DETS.contains(&t)
                                    || (!s.caps[j] && !is_punct(t) && !CLAUSE_OPENERS.contains(&t))
                            })
                        })
            })
        };
        // PETRARCH-1: a comma between adjectives (`complete, full ties`) lies inside a
        // noun phrase of the parse and delimits no clause.
        let between_adjectives = |k: usize| {
            self.opts.petrarch1
                && k > 0
                && k + 1 < n
                && s.upos
                    .is_some_and(|t| t[k - 1] == "ADJ" && t[k + 1] == "ADJ")
        };
        let commas: Vec<usize> = (0..n)
            .filter(|&k| w[k] == "," && !in_compound(k) && !between_adjectives(k))
            .collect();
        let (&first, &last) = (commas.first()?, commas.last()?);
        let mut end = n;
        while end > 0 && is_punct(w[end - 1]) && w[end - 1] != "," {
            end -= 1;
        }
        let mut drop = vec![false; n];
        let within = |len: usize, lo: usize, hi: usize| lo <= len && len <= hi;
        // Internal clauses first; a comma they used does not open an initial clause.
        for pair in commas.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            if within(word_count(&w[a + 1..b]), c.min, c.max) {
                drop[a..=b].iter_mut().for_each(|d| *d = true);
            }
        }
        if !drop[first] && within(word_count(&w[..first]), c.bmin, c.bmax) {
            drop[..=first].iter_mut().for_each(|d| *d = true);
        }
        // A terminal clause ends the sentence at its final stop.
        let stop = end < n && matches!(w[end], "." | "?" | "!");
        if stop && last < end && within(word_count(&w[last + 1..end]), c.emin, c.emax) {
            drop[last..end].iter_mut().for_each(|d| *d = true);
        }
        if !drop.iter().any(|&d| d) {
            return None;
        }
        let keep: Vec<usize> = (0..n).filter(|&k| !drop[k]).collect();
        (!keep.is_empty()).then_some(keep)
    }

    /// Adds a unit for each personal pronoun outside actor phrases: it stands for the
    /// sentence's first actor before it, or for the forwarded antecedent.
    fn pronoun_units(&self, s: &SentenceInput, units: &mut Vec<Unit>) {
        let w = s.words;
        let mut added = Vec::new();
        for (k, word) in w.iter().enumerate() {
            if !PRONOUNS.contains(word) || units.iter().any(|u| u.start <= k && k < u.end) {
                continue;
            }
            let (codes, names) = match units.iter().find(|u| u.end <= k) {
                Some(u) => (u.codes.clone(), u.names.clone()),
                None => match s.antecedent {
                    Some(a) => (vec![a.to_string()], vec![String::new()]),
                    None => continue,
                },
            };
            added.push(Unit {
                start: k,
                end: k + 1,
                spans: vec![(k, k + 1); codes.len()],
                codes,
                names,
            });
        }
        if !added.is_empty() {
            units.extend(added);
            units.sort_by_key(|u| u.start);
        }
    }

    /// A pronoun target does not stand for the verb's own source (`X urged Y to assist
    /// him`): it then takes the first other actor before it.
    fn pronoun_target(
        &self,
        s: &SentenceInput,
        units: &mut Vec<Unit>,
        src: Option<usize>,
        tgt: Option<usize>,
    ) -> Option<usize> {
        let (Some(sv), Some(tv)) = (src, tgt) else {
            return tgt;
        };
        let t = &units[tv];
        if t.end != t.start + 1
            || !PRONOUNS.contains(&s.words[t.start])
            || t.codes != units[sv].codes
        {
            return tgt;
        }
        let at = t.start;
        let other = units
            .iter()
            .find(|u| u.end <= at && u.codes != units[sv].codes)?
            .clone();
        units.push(Unit {
            start: at,
            end: at + 1,
            spans: vec![(at, at + 1); other.codes.len()],
            codes: other.codes,
            names: other.names,
        });
        Some(units.len() - 1)
    }

    /// PETRARCH-1 `new_actor_length`: a missing source is the noun phrase right before
    /// the verb, a missing target the first noun phrase after it in its phrase, each coded
    /// by its text when it has at most `new_actor_length` words.
    fn new_actors(
        &self,
        s: &SentenceInput,
        units: &mut Vec<Unit>,
        (vs, ve): (usize, usize),
        vp: Option<&[bool]>,
        src: &mut Option<usize>,
        tgt: &mut Option<usize>,
    ) {
        let Some(tags) = s.upos else { return };
        let w = s.words;
        let n = w.len();
        let nominal = |k: usize| matches!(tags[k], "NOUN" | "PROPN");
        let modifier = |k: usize| {
            matches!(tags[k], "NOUN" | "PROPN" | "ADJ" | "NUM") || w[k] == "'S" || w[k] == "-"
        };
        let opener = |k: usize| modifier(k) || matches!(tags[k], "DET") || w[k] == "THE";
        // A noun phrase ending at `e` (exclusive): modifiers back to a determiner.
        let back = |e: usize| {
            let mut a = e;
            while a > 0 && modifier(a - 1) {
                a -= 1;
            }
            if a > 0 && (tags[a - 1] == "DET" || DETS.contains(&w[a - 1])) {
                a -= 1;
            }
            a
        };
        // A noun phrase starting at `a`: modifiers, then one `of` phrase.
        let forward = |a: usize| {
            let mut e = a + usize::from(!modifier(a));
            while e < n && modifier(e) {
                e += 1;
            }
            if e + 1 < n && w[e] == "OF" && opener(e + 1) {
                e += 1 + usize::from(!modifier(e + 1));
                while e < n && modifier(e) {
                    e += 1;
                }
            }
            e
        };
        let add = |units: &mut Vec<Unit>, a: usize, e: usize| -> Option<usize> {
            let text: Vec<&str> = w[a..e].iter().copied().filter(|t| *t != "'S").collect();
            if text.is_empty() || text.len() > self.opts.new_actor_length {
                return None;
            }
            let phrase = text.join(" ");
            units.push(Unit {
                start: a,
                end: e,
                codes: vec![format!("\"{phrase}\"")],
                spans: vec![(a, e)],
                names: vec![phrase],
            });
            Some(units.len() - 1)
        };
        // Skip auxiliaries and adverbs between the subject and the verb.
        let mut e = vs;
        while e > 0 && matches!(tags[e - 1], "AUX" | "ADV" | "PART") {
            e -= 1;
        }
        // `X's death and injury toll`: an actor's noun phrase joined by `and` to one
        // without an actor, right before the verb: the latter joins the source.
        if let Some(k) = *src {
            let u = &units[k];
            let and = (u.end..e).find(|&j| matches!(w[j], "AND" | "OR"));
            if let Some(c) = and.filter(|&c| c + 1 < e && nominal(e - 1)) {
                let left_ok = (u.end..c).all(&modifier);
                let right_ok = (c + 1..e).all(|j| modifier(j) || DETS.contains(&w[j]));
                if left_ok && right_ok && units.iter().all(|v| v.end <= c || v.start >= e) {
                    let mut joined = units[k].clone();
                    if let Some(m) = add(units, c + 1, e) {
                        let extra = units.pop().expect("just added");
                        debug_assert_eq!(m, units.len());
                        joined.end = e;
                        joined.codes.extend(extra.codes);
                        joined.spans.extend(extra.spans);
                        joined.names.extend(extra.names);
                        units.push(joined);
                        *src = Some(units.len() - 1);
                    }
                }
            }
        }
        if src.is_none() && e > 0 && nominal(e - 1) {
            let mut a = back(e);
            // `the minister of X`: the head phrase before `of`.
            if a >= 2 && w[a - 1] == "OF" && nominal(a - 2) {
                a = back(a - 1);
            }
            *src = add(units, a, e);
        }
        if tgt.is_none() {
            let inside = |k: usize| match vp {
                Some(vp) => vp[k],
                None => true,
            };
            let first = (ve..n)
                .take_while(|&k| !matches!(w[k], "," | ";" | "." | "!" | "?"))
                .find(|&k| inside(k) && nominal(k));
            if let Some(k) = first {
                let a = back(k);
                let a = if a < ve { k } else { a };
                *tgt = add(units, a, forward(a));
            }
        }
    }

    /// TABARI `DEFAULT:`: fills a missing source or target with the default codes, or
    /// splits a compound source into source and target.
    fn default_actors(
        &self,
        units: &mut Vec<Unit>,
        vi: usize,
        vend: usize,
        src: &mut Option<usize>,
        tgt: &mut Option<usize>,
    ) {
        if self.opts.default_source.is_none() && self.opts.default_target.is_none() {
            return;
        }
        let push = |units: &mut Vec<Unit>, codes: Vec<String>| {
            units.push(Unit {
                start: vi,
                end: vi + 1,
                spans: vec![(vi, vi + 1); codes.len()],
                names: vec![String::new(); codes.len()],
                codes,
            });
            Some(units.len() - 1)
        };
        if let (Some((x, prior)), None) = (&self.opts.default_source, *src) {
            match *tgt {
                // Without PRIOR the first actor after the verb may be the source.
                Some(t) if !prior => {
                    *src = Some(t);
                    let end = units[t].end;
                    *tgt = units.iter().position(|u| u.start >= end && u.start > vi);
                }
                _ => *src = push(units, vec![x.clone()]),
            }
        }
        if let (Some((y, after)), None) = (&self.opts.default_target, *tgt) {
            let split =
                src.filter(|&k| units[k].codes.len() >= 2 && (!after || units[k].start >= vend));
            match split {
                Some(k) => {
                    let codes = units[k].codes.clone();
                    *src = push(units, codes[..1].to_vec());
                    *tgt = push(units, codes[1..].to_vec());
                }
                None if src.is_some() => *tgt = push(units, vec![y.clone()]),
                None => {}
            }
        }
    }

    fn is_verb(&self, s: &SentenceInput, vi: usize, in_unit: &[usize]) -> bool {
        if vi >= s.words.len() {
            return false;
        }
        if s.words.get(vi + 1) == Some(&"'S") {
            return false; // `donate's`: a possessive is a noun
        }
        // PETRARCH-1 codes verbs that head a Treebank verb phrase; a modal (`should`) is
        // tagged `MD` and never does.
        if self.opts.petrarch1 && MODALS.contains(&s.words[vi]) {
            return false;
        }
        if vi > 0 && s.caps[vi] && !all_caps(s.words, s.caps) {
            return false; // TABARI: capitalised mid-sentence is a noun
        }
        if vi > 0 {
            let prev = s.words[vi - 1];
            // (TABARI only looks at determiners; `its voice` can be a pattern's verb.)
            if DETS.contains(&prev) || (!self.dict.stems() && POSSESSIVES.contains(&prev)) {
                return false; // `the restore`, `their meeting`
            }
            // `show of support`, `in remarks`: a preposition before a non-gerund (PETRARCH;
            // TABARI patterns such as `IN_*` code these).
            if !self.dict.stems()
                && prev != "TO"
                && (PREPS.contains(&prev) || SUBORDINATORS.contains(&prev))
            {
                return false;
            }
        }
        // PETRARCH: `a brief private visit` — a determiner and lower-case modifiers before.
        if !self.dict.stems() && vi > 1 {
            let w = s.words;
            for d in 2..=3.min(vi) {
                let det = w[vi - d];
                if DETS.contains(&det) || (det != "'S" && POSSESSIVES.contains(&det)) {
                    let modifiers = vi - d + 1..vi;
                    if modifiers.clone().all(|k| {
                        !s.caps[k]
                            && !is_punct(w[k])
                            && !PREPS.contains(&w[k])
                            && w[k] != "TO"
                            && in_unit[k] == usize::MAX
                    }) {
                        return false;
                    }
                    break;
                }
            }
        }
        // PETRARCH-1: a word the tagger calls a noun after a determiner and the phrase's
        // modifiers, actor names and hyphens included (`an anti- Valdoria parade`).
        if self.opts.petrarch1 && s.upos.is_some_and(|t| t[vi] == "NOUN") {
            let w = s.words;
            let mut k = vi;
            while k > 0 && vi - k < 5 {
                let t = w[k - 1];
                if DETS.contains(&t) {
                    return false;
                }
                let modifier = t == "-"
                    || in_unit[k - 1] != usize::MAX
                    || (!s.caps[k - 1] && t.chars().all(char::is_alphabetic));
                if !modifier || PREPS.contains(&t) || t == "TO" {
                    break;
                }
                k -= 1;
            }
        }
        if self.dict.actors.nouns.iter().any(|n| **n == *s.words[vi]) {
            return false;
        }
        if self.opts.use_tags {
            if let Some(tags) = s.upos {
                return matches!(tags[vi], "VERB");
            }
        }
        true
    }

    fn issues(&self, s: &SentenceInput, out: &mut SentenceCoding) {
        if self.dict.issues.is_empty() {
            return;
        }
        let mut found: Vec<(String, String)> = Vec::new();
        let mut excluded: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < s.words.len() {
            match self.dict.issue_index.longest_at(s.words, i, false) {
                Some((len, idx)) => {
                    let iss = &self.dict.issues[idx as usize];
                    if iss.exclude {
                        excluded.push(&iss.category);
                    } else {
                        let pair = (iss.category.to_string(), iss.code.to_string());
                        if !found.contains(&pair) {
                            found.push(pair);
                        }
                    }
                    i += len;
                }
                None => i += 1,
            }
        }
        found.retain(|(c, _)| !excluded.contains(&c.as_str()));
        out.issues = found;
    }

    fn mentions(&self, s: &SentenceInput) -> Vec<Mention> {
        let w = s.words;
        let stem = self.dict.stems();
        let mut out = Vec::new();
        let mut i = 0;
        while i < w.len() {
            if is_punct(w[i]) || w[i] == "'S" {
                i += 1;
                continue;
            }
            let mut act = self.dict.actors.index.longest_at(w, i, stem);
            // PETRARCH-1 matches a space-joined actor phrase across the lower-case
            // modifiers of its noun phrase.
            if self.opts.petrarch1 {
                let hyphened = |k: usize| {
                    w[k] == "-" || w.get(k + 1) == Some(&"-") || (k > 0 && w[k - 1] == "-")
                };
                let skippable = |k: usize| hyphened(k) || self.np_modifier(s, k);
                if let Some(l) = self.dict.actors.index.longest_at_within(w, i, &skippable) {
                    if act.is_none_or(|a| l.0 > a.0) {
                        act = Some(l);
                    }
                }
            }
            let agt = self.dict.agents.index.longest_at(w, i, stem);
            let pick = match (act, agt) {
                (Some(a), Some(g)) if g.0 > a.0 => Some((g.0, MKind::Agent(g.1))),
                (Some(a), _) => Some((a.0, MKind::Actor(a.1))),
                (None, Some(g)) => Some((g.0, MKind::Agent(g.1))),
                (None, None) => None,
            };
            match pick {
                Some((len, kind)) => {
                    out.push(Mention {
                        start: i,
                        end: i + len,
                        kind,
                    });
                    i += len;
                }
                None => i += 1,
            }
        }
        out
    }

    fn actor_code(&self, idx: u32, date: Option<u32>) -> Option<&str> {
        self.dict.actors.entries[idx as usize].code_on(date)
    }

    /// Composes mentions into units: compounds of actors or of agents, then agents with the
    /// actors they qualify (distributing over compounds), then compounds of those.
    fn units(&self, s: &SentenceInput, ms: &[Mention]) -> Vec<Unit> {
        let w = s.words;
        // A. one piece per mention.
        let pieces: Vec<Piece> = ms
            .iter()
            .map(|m| match m.kind {
                MKind::Actor(a) => Piece {
                    start: m.start,
                    end: m.end,
                    actors: vec![(
                        self.actor_code(a, s.date).map(str::to_string),
                        self.dict.actors.entries[a as usize].name.to_string(),
                        (m.start, m.end),
                    )],
                    agents: Vec::new(),
                },
                MKind::Agent(g) => Piece {
                    start: m.start,
                    end: m.end,
                    actors: Vec::new(),
                    agents: vec![g],
                },
            })
            .collect();
        // B. compounds of the same kind.
        let mut merged: Vec<Piece> = Vec::new();
        for p in pieces {
            if let Some(prev) = merged.last_mut() {
                // PETRARCH-1 codes a noun phrase by its first actor: a second actor after
                // lower-case modifiers (`the evil Arnor awful Gondor`) adds nothing.
                let one_phrase = self.opts.petrarch1
                    && prev.agents.is_empty()
                    && p.agents.is_empty()
                    && p.start - prev.end <= 2
                    && (prev.end..p.start).all(|k| self.np_modifier(s, k));
                if one_phrase {
                    prev.end = p.end;
                    continue;
                }
                let same = prev.agents.is_empty() == p.agents.is_empty();
                if same && self.joins_list(s, prev.start, prev.end, p.start) {
                    prev.end = p.end;
                    prev.actors.extend(p.actors);
                    prev.agents.extend(p.agents);
                    continue;
                }
            }
            merged.push(p);
        }
        // C. agents with actors.
        let mut units: Vec<Unit> = Vec::new();
        let mut k = 0;
        while k < merged.len() {
            let p = &merged[k];
            let next = merged.get(k + 1);
            if p.agents.is_empty() {
                // Actor ['s] [modifiers] Agent [Name].
                if let Some(q) = next.filter(|q| !q.agents.is_empty()) {
                    if self.actor_then_agent(s, p.end, q.start) {
                        let mut end = q.end;
                        k += 2;
                        let mut u = self.cross(p, &q.agents, p.start, end);
                        // More agents right after (`Danish Islamist media and government`).
                        while let Some(r) = merged.get(k) {
                            if r.agents.is_empty() || r.start != end {
                                break;
                            }
                            let mut codes = Vec::new();
                            for c in &u.codes {
                                for &g in &r.agents {
                                    if let Some(x) = self.compose(Some(c), g) {
                                        codes.push(x);
                                    }
                                }
                            }
                            let m = codes.len();
                            u.spans = vec![(p.start, r.end); m];
                            u.names = vec![u.names.first().cloned().unwrap_or_default(); m];
                            u.codes = codes;
                            end = r.end;
                            u.end = end;
                            k += 1;
                        }
                        if let Some(r) = merged.get(k) {
                            if r.agents.is_empty() && r.start == end && r.actors.len() == 1 {
                                end = r.end;
                                u.end = end;
                                for sp in &mut u.spans {
                                    sp.1 = end;
                                }
                                k += 1;
                            }
                        }

                        if !u.codes.is_empty() {
                            units.push(u);
                        }
                        continue;
                    }
                }
                let u = self.cross(p, &[], p.start, p.end);
                if !u.codes.is_empty() {
                    units.push(u);
                }
                k += 1;
                continue;
            }
            // Agent (of|from|in) [the] Actor, or Agent directly before Actor.
            if let Some(q) = next.filter(|q| q.agents.is_empty()) {
                let gap = &w[p.end..q.start];
                let prep = match gap {
                    [x] => ["OF", "FROM", "IN", "FOR"].contains(x),
                    [x, d] => ["OF", "FROM", "IN", "FOR"].contains(x) && DETS.contains(d),
                    _ => false,
                };
                // PETRARCH-1 makes one actor of `agent of X` only when no further
                // prepositional phrase follows (`the parliament of X in Y` stays apart).
                let nested = self.opts.petrarch1
                    && w.get(q.end).is_some_and(|t| PREPS.contains(t))
                    && merged.get(k + 2).is_some_and(|r| {
                        r.start <= q.end + 2 && (q.end + 1..r.start).all(|j| DETS.contains(&w[j]))
                    });
                if prep && !nested {
                    let mut u = self.cross(q, &p.agents, p.start, q.end);
                    // TABARI: `the ambassadors of X, Y and Z` qualifies X only.
                    if self.dict.stems() && q.actors.len() > 1 {
                        let part = |actors: &[(Option<String>, String, (usize, usize))]| Piece {
                            actors: actors.to_vec(),
                            ..q.clone()
                        };
                        u = self.cross(&part(&q.actors[..1]), &p.agents, p.start, q.end);
                        let rest = self.cross(&part(&q.actors[1..]), &[], p.start, q.end);
                        u.codes.extend(rest.codes);
                        u.spans.extend(rest.spans);
                        u.names.extend(rest.names);
                    }
                    if !u.codes.is_empty() {
                        units.push(u);
                    }
                    k += 2;
                    continue;
                }
                if gap.is_empty() {
                    // A suffix agent after the actor too (`MSF Arnor diplomat`)?
                    let mut agents: Vec<u32> = Vec::new();
                    let mut end = q.end;
                    let mut used = 2;
                    if let Some(r) = merged.get(k + 2) {
                        if !r.agents.is_empty() && self.actor_then_agent(s, q.end, r.start) {
                            agents.extend(&r.agents);
                            end = r.end;
                            used = 3;
                        }
                    }
                    let mut u = self.cross(q, &agents, p.start, end);
                    for &g in &p.agents {
                        let e = &self.dict.agents.entries[g as usize];
                        for c in &mut u.codes {
                            match e.place {
                                AgentPlace::Prefix if c.starts_with(&*e.code) => {}
                                AgentPlace::Prefix => *c = format!("{}{c}", e.code),
                                // A title before a name: the name's own code when it has a
                                // role, else the title's role.
                                AgentPlace::Suffix if c.len() <= 3 && agents.is_empty() => {
                                    c.push_str(&e.code)
                                }
                                AgentPlace::Suffix => {}
                            }
                        }
                    }
                    if !u.codes.is_empty() {
                        units.push(u);
                    }
                    k += used;
                    continue;
                }
            }
            // An agent with no actor: the anonymous actor `---` (`---GOV`).
            let stem = self.dict.stems();
            let mut u = Unit {
                start: p.start,
                end: p.end,
                codes: Vec::new(),
                spans: Vec::new(),
                names: Vec::new(),
            };
            for &g in &p.agents {
                let e = &self.dict.agents.entries[g as usize];
                u.codes.push(match e.place {
                    // TABARI writes the missing actor as `~`, PETRARCH as `---`.
                    AgentPlace::Suffix if stem => format!("~{}", e.code),
                    AgentPlace::Prefix if stem => format!("{}~", e.code),
                    AgentPlace::Suffix => format!("---{}", e.code),
                    AgentPlace::Prefix => format!("{}---", e.code),
                });
                u.spans.push((p.start, p.end));
                u.names.push(String::new());
            }
            units.push(u);
            k += 1;
        }
        // D. compounds of composed units.
        let mut out: Vec<Unit> = Vec::new();
        for u in units {
            if let Some(prev) = out.last_mut() {
                // PETRARCH-1 hangs a phrase after coordinated nouns on each of them: in
                // `X's sheep and goats of Y` the goats are Y's, a compound of X and Y.
                let shared_tail = self.opts.petrarch1 && {
                    let gap = prev.end..u.start;
                    let and = gap.clone().find(|&j| w[j] == "AND");
                    let of = gap.clone().rev().find(|&j| w[j] == "OF");
                    match (and, of) {
                        (Some(c), Some(o)) if c + 1 < o => {
                            (prev.end..c).all(|j| w[j] == "'S" || self.np_modifier(s, j))
                                && (c + 1..o).all(|j| self.np_modifier(s, j))
                                && (o + 1..u.start).all(|j| DETS.contains(&w[j]))
                        }
                        _ => false,
                    }
                };
                if shared_tail || self.joins_list(s, prev.start, prev.end, u.start) {
                    prev.end = u.end;
                    prev.codes.extend(u.codes);
                    prev.spans.extend(u.spans);
                    prev.names.extend(u.names);
                    continue;
                }
            }
            out.push(u);
        }
        out
    }

    /// Whether word `k` can be a modifier inside a noun phrase (`awful`, `official`): a
    /// lower-case word that is no function word, no dictionary verb and, by its tag or
    /// failing that its ending, no verb.
    fn np_modifier(&self, s: &SentenceInput, k: usize) -> bool {
        let t = s.words[k];
        let tag_ok = match s.upos {
            Some(tags) => matches!(tags[k], "ADJ" | "NOUN" | "PROPN" | "NUM"),
            None => !(t.ends_with("ED") || t.ends_with("ING")),
        };
        tag_ok
            && !s.caps[k]
            && t.chars().all(|c| c.is_alphabetic() || c == '-')
            && t.starts_with(char::is_alphabetic)
            && !PREPS.contains(&t)
            && !DETS.contains(&t)
            && !CLAUSE_OPENERS.contains(&t)
            && !matches!(t, "AND" | "OR" | "NOR" | "BUT")
            && self
                .dict
                .verbs
                .index
                .longest_at(s.words, k, false)
                .is_none()
    }

    /// Whether tokens `a..b` join two actors into a compound: `,` / `and` / `, and`, then
    /// optionally a determiner and up to two lower-case modifiers.
    fn joins_list(&self, s: &SentenceInput, start: usize, a: usize, b: usize) -> bool {
        // PETRARCH-1: a list ends with its conjunction; `A and B, and C and D` is two
        // compounds.
        let closed = self.opts.petrarch1
            && s.words.get(a) == Some(&",")
            && s.words[start..a]
                .iter()
                .any(|t| matches!(*t, "AND" | "OR" | "NOR"));
        !closed && self.joins(s, a, b)
    }

    /// Whether tokens `a..b` join two actors (see [`Self::joins_list`]).
    fn joins(&self, s: &SentenceInput, a: usize, b: usize) -> bool {
        let gap = &s.words[a..b];
        let conj = |t: &str| matches!(t, "AND" | "OR" | "NOR" | ",");
        let mut i = 0;
        while i < gap.len() && i < 2 && conj(gap[i]) {
            i += 1;
        }
        if i == 0 {
            return false;
        }
        if i < gap.len() && DETS.contains(&gap[i]) {
            i += 1;
        }
        let rest = &gap[i..];
        let stem = self.dict.stems();
        rest.len() <= 2
            && rest.iter().enumerate().all(|(k, t)| {
                !is_punct(t)
                    && !s.caps[a + i + k]
                    && !PREPS.contains(t)
                    && self
                        .dict
                        .verbs
                        .index
                        .longest_at(s.words, a + i + k, stem)
                        .is_none()
            })
    }

    /// Whether an agent starting at `b` qualifies the actor ending at `a`: adjacent, or
    /// after `'s` and up to four lower-case modifiers (`Ithilen's awful and evil minister`).
    fn actor_then_agent(&self, s: &SentenceInput, a: usize, b: usize) -> bool {
        let gap = &s.words[a..b];
        if gap.len() > 4 {
            return false;
        }
        let possessive = gap.first().is_some_and(|t| *t == "'S" || *t == "'");
        (gap.len() <= 2 || possessive)
            && gap.iter().enumerate().all(|(k, t)| {
                *t == "'S"
                    || *t == "'"
                    || (!is_punct(t) && !s.caps[a + k] && !PREPS.contains(t) && !DETS.contains(t))
            })
    }

    /// A unit over `start..end` with each actor of `p` composed with each agent.
    fn cross(&self, p: &Piece, agents: &[u32], start: usize, end: usize) -> Unit {
        let mut u = Unit {
            start,
            end,
            codes: Vec::new(),
            spans: Vec::new(),
            names: Vec::new(),
        };
        let span = |own: (usize, usize)| {
            if p.actors.len() == 1 {
                (start, end)
            } else {
                own
            }
        };
        for (code, name, own) in &p.actors {
            let Some(code) = code.as_deref() else {
                continue;
            };
            if agents.is_empty() {
                // PETRARCH-1: `FRO/BIL/SAM` is three actors.
                let parts: Vec<&str> = if self.opts.petrarch1 {
                    code.split('/').filter(|c| !c.is_empty()).collect()
                } else {
                    vec![code]
                };
                for c in parts {
                    u.codes.push(c.to_string());
                    u.spans.push(span(*own));
                    u.names.push(name.clone());
                }
            }
            for &g in agents {
                if let Some(c) = self.compose(Some(code), g) {
                    u.codes.push(c);
                    u.spans.push(span(*own));
                    u.names.push(name.clone());
                }
            }
        }
        u
    }

    fn compose(&self, actor: Option<&str>, agent: u32) -> Option<String> {
        let actor = actor?;
        let e = &self.dict.agents.entries[agent as usize];
        // Never repeat the agent's code (`NGM~` + `NGM`, `~GOV` + `USAGOV`).
        let repeated = match e.place {
            AgentPlace::Suffix => actor.ends_with(&*e.code) && actor.len() > 3,
            AgentPlace::Prefix => actor.starts_with(&*e.code),
        };
        if repeated {
            return Some(actor.to_string());
        }
        Some(match e.place {
            AgentPlace::Suffix => format!("{actor}{}", e.code),
            AgentPlace::Prefix => format!("{}{actor}", e.code),
        })
    }

    /// Tries one pattern around the verb span `[vs, ve)`.
    fn match_pattern(
        &self,
        p: &Pattern,
        s: &SentenceInput,
        units: &[Unit],
        in_unit: &[usize],
        vs: usize,
        ve: usize,
    ) -> Option<Roles> {
        let mut roles = Roles::default();
        if !self.match_side(&p.upper, 0, ve, Dir::Up, s, units, in_unit, &mut roles) {
            return None;
        }
        if !self.match_side(&p.lower, 0, vs, Dir::Down, s, units, in_unit, &mut roles) {
            return None;
        }
        Some(roles)
    }

    /// Matches `elems[k..]`; `pos` is the first free token (Up) or one past the last free
    /// token (Down). Backtracks over the allowed gaps.
    #[allow(clippy::too_many_arguments)]
    fn match_side(
        &self,
        elems: &[Elem],
        k: usize,
        pos: usize,
        dir: Dir,
        s: &SentenceInput,
        units: &[Unit],
        in_unit: &[usize],
        roles: &mut Roles,
    ) -> bool {
        let Some(e) = elems.get(k) else { return true };
        let n = s.words.len();
        let gap = match e.gap() {
            FREE => self.opts.max_gap,
            g => g as usize,
        };
        for skip in 0..=gap {
            // The element's anchor: first token (Up) or last token (Down).
            let at = match dir {
                Dir::Up => pos + skip,
                Dir::Down => match pos.checked_sub(skip + 1) {
                    Some(x) => x,
                    None => break,
                },
            };
            if at >= n {
                break;
            }
            if let Some((len, role)) = self.match_elem(e, at, dir, s, units, in_unit) {
                let saved = *roles;
                if let Some((which, u)) = role {
                    match which {
                        0 => roles.source = Some(u),
                        1 => roles.target = Some(u),
                        _ => roles.compound = Some(u),
                    }
                }
                let next = match dir {
                    Dir::Up => at + len,
                    Dir::Down => at + 1 - len,
                };
                if self.match_side(elems, k + 1, next, dir, s, units, in_unit, roles) {
                    return true;
                }
                *roles = saved;
            }
        }
        false
    }

    /// Length matched by one element anchored at `at`, and the unit it binds.
    fn match_elem(
        &self,
        e: &Elem,
        at: usize,
        dir: Dir,
        s: &SentenceInput,
        units: &[Unit],
        in_unit: &[usize],
    ) -> Option<(usize, Option<(u8, usize)>)> {
        let w = s.words;
        let phrase_len = |alts: &[Vec<crate::words::Word>]| -> Option<usize> {
            let stem = self.dict.stems();
            let mut best: Option<usize> = None;
            for a in alts {
                let l = a.len();
                // PETRARCH-1 matches a pattern's words as written (`RESOLUTION` is not
                // "resolutions").
                if l == 0 || (self.opts.petrarch1 && a.iter().any(|x| x.plural)) {
                    continue;
                }
                let loose = stem && a.iter().any(|x| x.loose);
                let got = match dir {
                    Dir::Up => crate::words::match_at(a, w, at, stem).map(|end| end - at),
                    // Ending at `at`: try each start the gaps allow.
                    Dir::Down => {
                        let span = if loose {
                            l + crate::words::LOOSE_GAP * (l - 1)
                        } else {
                            l
                        };
                        let lo = (at + 1).saturating_sub(span);
                        let hi = match (at + 1).checked_sub(l) {
                            Some(x) => x,
                            None => continue,
                        };
                        (lo..=hi).rev().find_map(|st| {
                            (crate::words::match_at(a, w, st, stem) == Some(at + 1))
                                .then_some(at + 1 - st)
                        })
                    }
                };
                if let Some(g) = got {
                    if best.is_none_or(|b| g > b) {
                        best = Some(g);
                    }
                }
            }
            best
        };
        match e {
            Elem::Words { alts, .. } => phrase_len(alts).map(|l| (l, None)),
            Elem::Syn { id, .. } => {
                phrase_len(&self.dict.verbs.synsets[*id as usize]).map(|l| (l, None))
            }
            // `^` skips a noun phrase: an optional determiner and an actor unit, or a word.
            Elem::Skip { .. } => {
                let unit_len = |k: usize| -> Option<usize> {
                    let u = *in_unit.get(k)?;
                    let unit = units.get(u)?;
                    let anchored = match dir {
                        Dir::Up => unit.start == k,
                        Dir::Down => unit.end == k + 1,
                    };
                    anchored.then(|| unit.end - unit.start)
                };
                match dir {
                    Dir::Up => {
                        // PETRARCH-1 skips to the end of the noun phrase, which holds a
                        // prepositional phrase after the word (`Tabaski ^` skips `with X`).
                        let prep = usize::from(
                            self.opts.petrarch1
                                && PREPS.contains(&w[at])
                                && (unit_len(at + 1).is_some()
                                    || (at + 2 < w.len()
                                        && DETS.contains(&w[at + 1])
                                        && unit_len(at + 2).is_some())),
                        );
                        let det = usize::from(DETS.contains(&w[at + prep]));
                        let rest = unit_len(at + prep + det).unwrap_or(1);
                        Some(((prep + det + rest).min(w.len() - at), None))
                    }
                    Dir::Down => {
                        let len = unit_len(at).unwrap_or(1);
                        let det = usize::from(at >= len && DETS.contains(&w[at - len]));
                        Some((len + det, None))
                    }
                }
            }
            Elem::Source { .. } | Elem::Target { .. } | Elem::Compound { .. } => {
                let u = in_unit[at];
                if u == usize::MAX {
                    return None;
                }
                let unit = &units[u];
                let anchored = match dir {
                    Dir::Up => unit.start == at,
                    Dir::Down => unit.end == at + 1,
                };
                if !anchored {
                    return None;
                }
                let which = match e {
                    Elem::Source { .. } => 0,
                    Elem::Target { .. } => 1,
                    _ => 2,
                };
                Some((unit.end - unit.start, Some((which, u))))
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    /// The default source and target of a verb at `[vs, ve)` when the pattern does not
    /// fix them.
    #[allow(clippy::too_many_arguments)]
    fn default_roles(
        &self,
        s: &SentenceInput,
        units: &[Unit],
        verb_at: &[bool],
        (vs, ve): (usize, usize),
        roles: Roles,
        inherited: Option<usize>,
    ) -> (Option<usize>, Option<usize>) {
        let w = s.words;
        if let Some(c) = roles.compound {
            return (Some(c), Some(c));
        }
        // TABARI skips actors coded `---` (known names that are not actors).
        let null = |u: &Unit| self.dict.stems() && u.codes.iter().all(|c| c == "---");
        // Subject: nearest unit before the verb that is not a prepositional object.
        // PETRARCH-1 passes over actors coded like the pattern's target (`NOTED + *`).
        let target_codes = roles
            .target
            .filter(|_| self.opts.petrarch1)
            .map(|t| &units[t].codes);
        // PETRARCH-1 looks for the source back to the nearest comma before the verb (one
        // inside a compound of actors does not count).
        let barrier = if self.opts.petrarch1 {
            (0..vs)
                .rev()
                .find(|&k| w[k] == "," && !units.iter().any(|u| u.start < k && k < u.end))
        } else {
            None
        };
        let subject = || {
            let candidates = || {
                units
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(_, u)| u.end <= vs && Some(&u.codes) != target_codes)
                    .filter(|(_, u)| barrier.is_none_or(|b| u.start > b))
            };
            candidates()
                .find(|(_, u)| !self.prep_object(w, u.start))
                // PETRARCH-1 takes any actor before the verb when that is all there is.
                .or_else(|| candidates().next().filter(|_| self.opts.petrarch1))
                .map(|(k, _)| k)
        };
        // Object: first unit after the verb. Past a comma, a unit followed by a verb
        // before the next comma is the subject of another clause, and ends the search.
        let object = |skip: Option<usize>| {
            for (k, u) in units.iter().enumerate() {
                if u.start < ve || Some(k) == skip || null(u) {
                    continue;
                }
                if w[ve..u.start].contains(&";") {
                    return None;
                }
                // (TABARI drops comma clauses beforehand instead.)
                // (PETRARCH-1 keeps a clause opened by `after`, `until` … inside the verb's
                // phrase, comma or not.)
                let comma = w[ve..u.start].iter().rposition(|t| *t == ",");
                let subordinate = comma.is_some_and(|c| {
                    self.opts.petrarch1
                        && w[ve + c..u.start]
                            .iter()
                            .any(|t| CLAUSE_SUBORDINATORS.contains(t))
                });
                if !self.dict.stems() && comma.is_some() && !subordinate {
                    let stop = (u.end..w.len()).find(|&j| w[j] == ",").unwrap_or(w.len());
                    if verb_at[u.end..stop.min(u.end + 3)].iter().any(|&v| v) {
                        return None;
                    }
                }
                return Some(k);
            }
            None
        };
        if self.passive_p(s, vs, ve) {
            let src = roles.source.or_else(|| object(None));
            let tgt = roles.target.or_else(subject);
            return (src, tgt);
        }
        // TABARI: the first actor of the sentence before the verb is the source.
        // (Within the verb's clause when it has an actor: `… but Y promised`.)
        let first = || {
            let candidates = || {
                units
                    .iter()
                    .enumerate()
                    .filter(|(_, u)| u.end <= vs && !null(u))
            };
            let clause = (0..vs).rev().find(|&k| {
                matches!(w[k], "AND" | "BUT" | ";")
                    && !units.iter().any(|u| u.start <= k && k < u.end)
            });
            clause
                .and_then(|c| candidates().find(|(_, u)| u.start > c))
                .or_else(|| candidates().next())
                .map(|(k, _)| k)
        };
        let src = if self.dict.stems() {
            roles.source.or(inherited).or_else(first)
        } else {
            roles.source.or(inherited).or_else(subject)
        };
        let tgt = roles.target.or_else(|| object(src));
        (src, tgt)
    }

    /// Whether the unit starting at `start` follows a preposition (with at most two
    /// modifiers between).
    fn prep_object(&self, w: &[&str], start: usize) -> bool {
        (1..=3).any(|d| {
            start >= d
                && PREPS.contains(&w[start - d])
                && w[start + 1 - d..start]
                    .iter()
                    .all(|t| !is_punct(t) && !matches!(*t, "AND" | "BUT" | "OR"))
        })
    }

    /// `did not`, `won't ever`, `most certainly really did not`: a negation among the
    /// auxiliaries and adverbs before the verb.
    fn negated(&self, s: &SentenceInput, vs: usize) -> bool {
        let w = s.words;
        let mut k = vs;
        while k > 0 {
            k -= 1;
            let t = w[k];
            if matches!(t, "NOT" | "N'T" | "NEVER") {
                return true;
            }
            let aux = matches!(
                t,
                "DID"
                    | "DO"
                    | "DOES"
                    | "WILL"
                    | "WO"
                    | "WOULD"
                    | "CAN"
                    | "CA"
                    | "COULD"
                    | "SHOULD"
                    | "MAY"
                    | "MIGHT"
                    | "MUST"
                    | "HAS"
                    | "HAVE"
                    | "HAD"
                    | "EVER"
                    | "EVEN"
                    | "REALLY"
                    | "MOST"
                    | "ALSO"
                    | "STILL"
                    | "JUST"
            );
            if !(aux || t.ends_with("LY")) {
                return false;
            }
        }
        false
    }

    /// Passive voice as each flavour reads it: PETRARCH-1 only with an agent (`was
    /// opposed [earlier] by X`).
    fn passive_p(&self, s: &SentenceInput, vs: usize, ve: usize) -> bool {
        if self.opts.petrarch1 {
            let after = &s.words[ve.min(s.words.len())..(ve + 3).min(s.words.len())];
            after.contains(&"BY") && self.passive(s, vs)
        } else {
            self.passive(s, vs)
        }
    }

    /// `was criticised`, `were heavily opposed`: a form of *be* before the verb.
    fn passive(&self, s: &SentenceInput, vs: usize) -> bool {
        let w = s.words;
        if w[vs].ends_with("ING") {
            return false;
        }
        let mut k = vs;
        while k > 0 {
            k -= 1;
            let t = w[k];
            if matches!(t, "IS" | "ARE" | "WAS" | "WERE" | "BE" | "BEEN" | "BEING") {
                return true;
            }
            if !(t.ends_with("LY") || t == "AND" || t == "NOT" || t == "N'T") {
                return false;
            }
        }
        false
    }

    #[allow(clippy::too_many_arguments)]
    fn emit(
        &self,
        units: &[Unit],
        vi: usize,
        code: &Code,
        src: Option<usize>,
        tgt: Option<usize>,
        compound: bool,
        line: Option<u32>,
        out: &mut SentenceCoding,
    ) {
        let Some(primary) = code.primary.as_deref() else {
            return;
        };
        if primary.starts_with('+') {
            return; // TABARI `+++`: recognised but not coded
        }
        let members = |u: Option<usize>| -> Vec<Member> {
            match u {
                Some(u) => {
                    let u = &units[u];
                    (0..u.codes.len())
                        .map(|i| {
                            (
                                Some(u.codes[i].clone()),
                                Some(u.spans[i]),
                                Some(u.names[i].clone()),
                            )
                        })
                        .collect()
                }
                None => vec![(None, None, None)],
            }
        };
        let srcs = members(src);
        let tgts = members(tgt);
        for (sc, ss, sn) in &srcs {
            for (tc, ts, tn) in &tgts {
                if compound && ss == ts {
                    continue;
                }
                if self.opts.require_dyad && (sc.is_none() || tc.is_none()) {
                    continue;
                }
                if sc.is_none() && tc.is_none() {
                    continue;
                }
                if tc.is_none() && !self.opts.petrarch1 {
                    continue; // PETRARCH-2 codes no event without a target
                }
                if self.opts.drop_self && sc.is_some() && sc == tc {
                    continue;
                }
                out.events.push(CodedEvent {
                    source: sc.clone(),
                    target: tc.clone(),
                    source_span: *ss,
                    target_span: *ts,
                    source_name: sn.clone(),
                    target_name: tn.clone(),
                    code: primary.to_string(),
                    verb: vi,
                    pattern_line: line,
                });
                if let (Some(paired), false) = (code.paired.as_deref(), compound) {
                    if sc.is_some() && tc.is_some() {
                        out.events.push(CodedEvent {
                            source: tc.clone(),
                            target: sc.clone(),
                            source_span: *ts,
                            target_span: *ss,
                            source_name: tn.clone(),
                            target_name: sn.clone(),
                            code: paired.to_string(),
                            verb: vi,
                            pattern_line: line,
                        });
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DictFiles, Dictionaries, Flavor};

    fn dicts(verbs: &str, actors: &str, agents: &str, discards: &str) -> Dictionaries {
        let mut d = Dictionaries::default();
        d.verbs.read("v", verbs, false, true, &mut d.errors);
        d.actors.read("a", actors, false, &mut d.errors);
        d.agents.read("g", agents, false, true, &mut d.errors);
        d.read_discards("d", discards);
        d.finish();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        d
    }

    /// Splits a test sentence on spaces (tests write tokens the way the tokenizer would).
    fn code(d: &Dictionaries, text: &str, date: Option<u32>) -> SentenceCoding {
        let toks: Vec<String> = text.split_whitespace().map(|t| t.to_uppercase()).collect();
        let words: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
        let caps: Vec<bool> = text
            .split_whitespace()
            .map(|t| t.starts_with(|c: char| c.is_uppercase()))
            .collect();
        let c = Coder::new(d, CoderOptions::default());
        c.code(&SentenceInput {
            words: &words,
            caps: &caps,
            upos: None,
            date,
            antecedent: None,
            ..Default::default()
        })
    }

    fn triples(c: &SentenceCoding) -> Vec<String> {
        c.events
            .iter()
            .map(|e| {
                format!(
                    "{}/{}/{}",
                    e.source.as_deref().unwrap_or("-"),
                    e.target.as_deref().unwrap_or("-"),
                    e.code
                )
            })
            .collect()
    }

    const VERBS: &str = "\
&AIDWORD
+AID
+ASSISTANCE
--- PROMISE [050] ---
PROMISE
PLEDGE
- * &AIDWORD [051]
- * (TO + ) &AIDWORD [052]
--- HOST [043:042] ---
HOST
--- CONDEMN [111] ---
CONDEMN
- * ATTACK (BY $) [112]
--- MEET [036] ---
MEET {MEETS MET MEETING}
- % * [036]
--- DENY [---] ---
DENY {DENIES DENIED DENYING}
--- CRITICIZE [111] ---
CRITICIZE
- * ^ OVER + [112]
--- COOPERATE [050] ---
COOPERATE
--- VISIT [042] ---
VISIT
";
    const ACTORS: &str = "\
VALDORIA [VAL]
+VALDORIAN
OSTRAVIA [OST]
KIRENIA [KIR]
MARLEN_KOSS
\t[VALOPP <20050301]
\t[VALGOV 20050301-20091231]
";
    const AGENTS: &str = "GOVERNMENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\nRELIEF_AGENCY [NGO~]\n";

    fn d() -> Dictionaries {
        dicts(VERBS, ACTORS, AGENTS, "FOOTBALL MATCH\n+LOTTERY\n")
    }

    #[test]
    fn default_code_and_pattern_words() {
        let d = d();
        let c = code(&d, "Valdoria promised to help Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/050"]);
        let c = code(&d, "Valdoria pledged new aid to Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/051"]);
        // Synonym set with a generated plural inside a prepositional phrase pattern.
        let c = code(&d, "Valdoria promised to Ostravia more assistances", None);
        assert_eq!(triples(&c), ["VAL/OST/052"]);
    }

    #[test]
    fn source_from_pattern_and_agents() {
        let d = d();
        let c = code(
            &d,
            "The Kirenia government condemned an attack by Valdoria on Ostravia",
            None,
        );
        assert_eq!(triples(&c), ["VAL/OST/112"]);
        let c = code(
            &d,
            "The foreign minister of Ostravia condemned Valdoria",
            None,
        );
        assert_eq!(triples(&c), ["OSTGOVFRM/VAL/111"]);
        let c = code(&d, "A Valdorian relief agency condemned Kirenia", None);
        assert_eq!(triples(&c), ["NGOVAL/KIR/111"]);
    }

    #[test]
    fn paired_null_and_compound_codes() {
        let d = d();
        let c = code(&d, "Ostravia hosted Valdoria", None);
        assert_eq!(triples(&c), ["OST/VAL/043", "VAL/OST/042"]);
        let c = code(&d, "Ostravia denied Valdoria", None);
        assert!(c.events.is_empty());
        let c = code(&d, "Ostravia and Valdoria met", None);
        assert_eq!(triples(&c), ["OST/VAL/036", "VAL/OST/036"]);
        let c = code(&d, "Kirenia promised Ostravia , Valdoria and Kirenia", None);
        assert_eq!(triples(&c), ["KIR/OST/050", "KIR/VAL/050"]);
    }

    #[test]
    fn date_restricted_actor_codes() {
        let d = d();
        let c = code(&d, "Marlen Koss condemned Ostravia", Some(20040101));
        assert_eq!(triples(&c), ["VALOPP/OST/111"]);
        let c = code(&d, "Marlen Koss condemned Ostravia", Some(20070101));
        assert_eq!(triples(&c), ["VALGOV/OST/111"]);
        // After the last range there is no code, so no dyad.
        let c = code(&d, "Marlen Koss condemned Ostravia", Some(20120101));
        assert!(c.events.is_empty());
    }

    #[test]
    fn discards_and_noun_uses() {
        let d = d();
        let c = code(
            &d,
            "Valdoria condemned Ostravia after the football match",
            None,
        );
        assert_eq!(c.discard, 1);
        assert!(c.events.is_empty());
        assert_eq!(code(&d, "Valdoria won the lottery", None).discard, 2);
        // Capitalised mid-sentence or after a determiner: a noun, not a verb.
        assert!(code(&d, "Valdoria read the Promise to Ostravia", None)
            .events
            .is_empty());
        assert!(code(&d, "Valdoria kept the promise to Ostravia", None)
            .events
            .is_empty());
    }

    #[test]
    fn negation_through_the_coding_ontology() {
        let mut d = d();
        d.read_pico(
            "pico",
            "050:0x0080#Cooperate\n110:0x1007f#0xFFFF+0x0080#Disapprove\n",
        );
        assert_eq!(d.negations.get("050").map(|c| &**c), Some("110"));
        let c = code(&d, "Valdoria will not cooperate with Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/110"]);
        let c = code(
            &d,
            "Valdoria really did n't ever cooperate with Ostravia",
            None,
        );
        assert_eq!(triples(&c), ["VAL/OST/110"]);
        let c = code(&d, "Valdoria will cooperate with Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/050"]);
    }

    #[test]
    fn passive_voice_swaps_roles() {
        let d = d();
        let c = code(&d, "Valdoria was condemned by Ostravia", None);
        assert_eq!(triples(&c), ["OST/VAL/111"]);
        let c = code(&d, "Valdoria was bitterly condemned by Ostravia", None);
        assert_eq!(triples(&c), ["OST/VAL/111"]);
    }

    #[test]
    fn skip_marker_passes_over_a_noun_phrase() {
        let d = d();
        // `- * ^ OVER +`: `^` skips `the Kirenia` (determiner and actor).
        let c = code(&d, "Valdoria criticized the Kirenia over Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/112"]);
    }

    #[test]
    fn agents_distribute_over_compounds() {
        let d = d();
        let c = code(
            &d,
            "The government of Valdoria and Ostravia condemned Kirenia",
            None,
        );
        assert_eq!(triples(&c), ["VALGOV/KIR/111", "OSTGOV/KIR/111"]);
        let c = code(
            &d,
            "Valdorian government and foreign minister condemned Kirenia",
            None,
        );
        assert_eq!(triples(&c), ["VALGOV/KIR/111", "VALGOVFRM/KIR/111"]);
        // An agent with no actor is the anonymous `---` actor.
        let c = code(&d, "The government condemned Kirenia", None);
        assert_eq!(triples(&c), ["---GOV/KIR/111"]);
    }

    #[test]
    fn nouns_and_embedded_clauses() {
        let d = d();
        // `a brief private visit`: a noun, not the verb VISIT.
        let c = code(
            &d,
            "Valdoria condemned Ostravia during a brief private visit",
            None,
        );
        assert_eq!(triples(&c), ["VAL/OST/111"]);
        // The object of the first verb is not re-coded as the subject of the second.
        let c = code(
            &d,
            "Valdoria condemned Ostravia to cooperate with Kirenia",
            None,
        );
        assert_eq!(triples(&c), ["VAL/OST/111"]);
    }

    #[test]
    fn tabari_weak_codes_and_one_event_per_clause() {
        let mut d = Dictionaries {
            flavor: Flavor::Tabari,
            ..Default::default()
        };
        let verbs = "SAID [023?]\nCONDEMN_ [111]\nPRAISE [041]\n";
        d.verbs.read("v", verbs, true, false, &mut d.errors);
        d.actors.read(
            "a",
            "VALDOR [VAL]\nOSTRAVIA_ [OST]\nKIREN= [KIR]\n",
            true,
            &mut d.errors,
        );
        d.finish();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        // The weak SAID code gives way to the verb in its complement.
        let c = code(&d, "Valdor said it condemned Ostravias", None);
        assert_eq!(triples(&c), ["VAL/OST/111"]);
        let c = code(&d, "Valdor said Ostravia", None);
        assert_eq!(triples(&c), ["VAL/OST/023"]);
        // One event per clause; `and` opens the next clause.
        let c = code(&d, "Valdor condemned Ostravia praising Kiren", None);
        assert_eq!(triples(&c), ["VAL/OST/111"]);
        let c = code(&d, "Valdor condemned Ostravia and praised Kiren", None);
        assert_eq!(triples(&c), ["VAL/OST/111", "VAL/KIR/041"]);
        // `CONDEMN_` takes regular endings only; `KIREN=` is exact.
        assert!(code(&d, "Valdor condemnx Ostravia", None).events.is_empty());
        assert!(code(&d, "Valdor praised Kirenia", None).events.is_empty());
    }

    #[test]
    fn tabari_stems() {
        let mut d = Dictionaries {
            flavor: Flavor::Tabari,
            ..Default::default()
        };
        d.verbs
            .read("v", "CONDEMN [111]\n", true, false, &mut d.errors);
        d.actors
            .read("a", "VALDOR [VAL]\nOST_ [OST]\n", true, &mut d.errors);
        d.finish();
        let c = code(&d, "Valdorian officials condemned Ost", None);
        assert_eq!(triples(&c), ["VAL/OST/111"]);
        assert!(code(&d, "Valdoria condemned Ostravia", None)
            .events
            .is_empty());
        let _ = DictFiles::default();
    }

    // ---------------------------------------------------------------- TABARI options

    const TB_VERBS: &str = "\
<SYNSETS>
&COIN
+DUCAT
+SILVER MARK
+KRONA_
</SYNSETS>
<TIME>
ONCE_IN_A_BLUE_MOON [###]
TOMORROW [+1]
</TIME>
CONDEMN [111]
PRAISE [041]
URGE [102]
HELP [070]
LEAVE [012]
ATTEND [031!]
GIVE [070]
- * &COIN [903]
- * DUCAT [071]
PLEDGE [050]
- RECENT~_* [025]
- * { FRESH | &COIN_DEAL } [083]
PARADE [017]
- ANTI- + * [111]
";

    fn tabari() -> Dictionaries {
        let mut d = Dictionaries {
            flavor: Flavor::Tabari,
            ..Default::default()
        };
        d.verbs.read("v", TB_VERBS, true, false, &mut d.errors);
        d.actors.read(
            "a",
            "VALDOR [VAL]\nOSTRAVIA_ [OST]\nKIREN [KIR]\nLORMAR [LOR]\nBORAN [---]\n\
             AMNESTY_GROUP [NGM]\nOSTRAVIA TELEVISION [OSTTV]\n",
            true,
            &mut d.errors,
        );
        d.agents.read(
            "g",
            "ENVOY [~GOV]\nRIGHTS_ACTIVISTS_ [NGM~]\n",
            true,
            true,
            &mut d.errors,
        );
        d.finish();
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        d
    }

    /// TABARI options without the minimum sentence length (tests use short sentences).
    fn tb_opts() -> CoderOptions {
        CoderOptions {
            comma: Some(CommaLimits::default()),
            pronouns: true,
            ..Default::default()
        }
    }

    fn code_with(
        d: &Dictionaries,
        o: &CoderOptions,
        text: &str,
        ante: Option<&str>,
    ) -> Vec<String> {
        let toks: Vec<String> = text.split_whitespace().map(|t| t.to_uppercase()).collect();
        let words: Vec<&str> = toks.iter().map(|s| s.as_str()).collect();
        let caps: Vec<bool> = text
            .split_whitespace()
            .map(|t| t.starts_with(|c: char| c.is_uppercase()))
            .collect();
        let c = Coder::new(d, o.clone()).code(&SentenceInput {
            words: &words,
            caps: &caps,
            upos: None,
            date: None,
            antecedent: ante,
            ..Default::default()
        });
        let mut t = triples(&c);
        t.sort();
        t
    }

    #[test]
    fn tabari_option_lines() {
        let mut o = CoderOptions::default();
        assert!(o.apply_tabari(
            "COMMA",
            " MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"
        ));
        let c = o.comma.unwrap();
        assert_eq!(
            (c.min, c.max, c.emin, c.emax, c.bmin, c.bmax),
            (4, 6, 3, 6, 3, 8)
        );
        assert!(o.apply_tabari("comma", "OFF"));
        assert!(o.comma.is_none());
        assert!(o.apply_tabari("DEFAULT", " SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER "));
        assert_eq!(o.default_source, Some(("DEFSRC".to_string(), true)));
        assert_eq!(o.default_target, Some(("DEFTAR".to_string(), true)));
        assert!(o.apply_tabari("DEFAULT", "SOURCE [S]  TARGET [T]"));
        assert_eq!(o.default_source, Some(("S".to_string(), false)));
        assert_eq!(o.default_target, Some(("T".to_string(), false)));
        assert!(o.apply_tabari("DEFAULT", "OFF"));
        assert!(o.default_source.is_none() && o.default_target.is_none());
        assert!(o.apply_tabari("SET", " CODE ALL "));
        assert_eq!(o.code_by, CodeBy::All);
        assert!(o.apply_tabari("SET", "CODE BY SENTENCE"));
        assert_eq!(o.code_by, CodeBy::Sentence);
        assert!(o.apply_tabari("SET", " MINIMUM WORDS = 5  */"));
        assert_eq!(o.min_words, 5);
        assert!(!o.apply_tabari("SET", "VERB USAGE = FALSE"));
        assert!(o.apply_petrarch("comma_max", "6"));
        assert_eq!(o.comma.unwrap().max, 6);
        assert!(o.apply_petrarch("require_dyad", "False"));
        assert!(!o.require_dyad);
        assert!(o.apply_petrarch("new_actor_length", "4"));
        assert_eq!(o.new_actor_length, 4);
        assert!(!o.apply_petrarch("new_actor_length", "four"));
    }

    #[test]
    fn comma_delimited_clauses() {
        let d = tabari();
        let o = tb_opts();
        let off = CoderOptions {
            comma: None,
            ..o.clone()
        };
        // An internal clause of 2–10 words is dropped before coding.
        let s = "Valdor , which praised Kiren last week , condemned Ostravia for shelling the \
                 border posts of the northern hill country .";
        assert_eq!(code_with(&d, &off, s, None), ["VAL/KIR/041"]);
        assert_eq!(code_with(&d, &o, s, None), ["VAL/OST/111"]);
        // A terminal clause is dropped only when it ends the sentence at its stop.
        assert!(code_with(&d, &o, "Valdor condemned the plan , Kiren said .", None).is_empty());
        assert_eq!(
            code_with(&d, &o, "Valdor condemned the plan , Kiren said", None),
            ["VAL/KIR/111"]
        );
        // The initial clause is kept unless BMIN..BMAX allow it.
        let s = "Valdor praised Kiren today , but Lormar condemned Ostravia .";
        let mut b = o.clone();
        b.comma = Some(CommaLimits {
            emax: 0,
            ..CommaLimits::default()
        });
        assert_eq!(code_with(&d, &b, s, None), ["LOR/OST/111", "VAL/KIR/041"]);
        b.comma = Some(CommaLimits {
            emax: 0,
            bmin: 2,
            bmax: 5,
            ..CommaLimits::default()
        });
        assert_eq!(code_with(&d, &b, s, None), ["LOR/OST/111"]);
        // Commas inside a compound of actors do not delimit clauses.
        assert_eq!(
            code_with(
                &d,
                &o,
                "Valdor , the young Kiren , and Lormar condemned Ostravia .",
                None
            ),
            ["KIR/OST/111", "LOR/OST/111", "VAL/OST/111"]
        );
    }

    #[test]
    fn default_actors() {
        let d = tabari();
        let mut o = tb_opts();
        o.default_source = Some(("DEFSRC".into(), true));
        o.default_target = Some(("DEFTAR".into(), true));
        assert_eq!(
            code_with(&d, &o, "officials condemned Ostravia", None),
            ["DEFSRC/OST/111"]
        );
        assert_eq!(
            code_with(&d, &o, "Valdor condemned everyone", None),
            ["VAL/DEFTAR/111"]
        );
        assert_eq!(
            code_with(&d, &o, "Valdor and Kiren condemned everyone", None),
            ["KIR/DEFTAR/111", "VAL/DEFTAR/111"]
        );
        // Without PRIOR the first actor after the verb is the source; without AFTER a
        // compound source gives the target.
        o.default_source = Some(("DEFSRC".into(), false));
        o.default_target = Some(("DEFTAR".into(), false));
        assert_eq!(
            code_with(&d, &o, "officials condemned Ostravia", None),
            ["OST/DEFTAR/111"]
        );
        assert_eq!(
            code_with(&d, &o, "officials condemned Ostravia and Kiren", None),
            ["OST/KIR/111"]
        );
        assert_eq!(
            code_with(&d, &o, "Valdor and Kiren condemned everyone", None),
            ["VAL/KIR/111"]
        );
    }

    #[test]
    fn minimum_words_and_code_by() {
        let d = tabari();
        let mut o = tb_opts();
        o.min_words = 4;
        assert!(code_with(&d, &o, "Valdor condemned Ostravia .", None).is_empty());
        o.min_words = 3;
        assert_eq!(
            code_with(&d, &o, "Valdor condemned Ostravia .", None),
            ["VAL/OST/111"]
        );
        let s = "Valdor condemned Ostravia then praised Kiren";
        o.code_by = CodeBy::Clause;
        assert_eq!(code_with(&d, &o, s, None), ["VAL/OST/111"]);
        o.code_by = CodeBy::All;
        assert_eq!(code_with(&d, &o, s, None), ["VAL/KIR/041", "VAL/OST/111"]);
        let s = "Valdor condemned Ostravia and praised Kiren";
        assert_eq!(code_with(&d, &o, s, None).len(), 2);
        o.code_by = CodeBy::Sentence;
        assert_eq!(code_with(&d, &o, s, None), ["VAL/OST/111"]);
    }

    #[test]
    fn pronouns_and_forwarding() {
        let d = tabari();
        let mut o = tb_opts();
        // A subject pronoun stands for the sentence's first actor.
        assert_eq!(
            code_with(
                &d,
                &o,
                "Valdor praised Ostravia and then it condemned Kiren",
                None
            ),
            ["VAL/KIR/111", "VAL/OST/041"]
        );
        // An object pronoun does not stand for its verb's own source.
        o.code_by = CodeBy::All;
        assert_eq!(
            code_with(&d, &o, "Valdor urged Ostravia to help him", None),
            ["VAL/OST/070", "VAL/OST/102"]
        );
        // With nothing before it, a pronoun takes the forwarded antecedent, if any.
        assert_eq!(
            code_with(&d, &o, "He condemned Ostravia", Some("KIR")),
            ["KIR/OST/111"]
        );
        assert!(code_with(&d, &o, "He condemned Ostravia", None).is_empty());
        o.pronouns = false;
        assert!(code_with(&d, &o, "He condemned Ostravia", Some("KIR")).is_empty());
        // The first actor is reported for forwarding to the next sentence.
        let toks = ["THE", "ENVOY", "OF", "KIREN", "CONDEMNED", "VALDOR"];
        let c = Coder::new(&d, tb_opts()).code(&SentenceInput {
            words: &toks,
            caps: &[true, false, false, true, false, true],
            upos: None,
            date: None,
            antecedent: None,
            ..Default::default()
        });
        assert_eq!(c.first_actor.as_deref(), Some("KIR"));
    }

    #[test]
    fn dominant_codes_nulls_and_time_discards() {
        let d = tabari();
        let mut o = tb_opts();
        o.code_by = CodeBy::All;
        assert_eq!(
            code_with(
                &d,
                &o,
                "Valdor will leave Ostravia to attend talks with Kiren",
                None
            ),
            ["VAL/KIR/031"]
        );
        // An actor coded `---` is passed over.
        assert_eq!(
            code_with(&d, &o, "Valdor condemned Boran in Ostravia", None),
            ["VAL/OST/111"]
        );
        // A `<TIME>` phrase coded `###` discards the sentence.
        let toks: Vec<&str> = "VALDOR CONDEMNED OSTRAVIA ONCE IN A BLUE MOON"
            .split(' ')
            .collect();
        let c = Coder::new(&d, o).code(&SentenceInput {
            words: &toks,
            caps: &vec![false; toks.len()],
            upos: None,
            date: None,
            antecedent: None,
            ..Default::default()
        });
        assert_eq!(c.discard, 1);
        assert!(c.events.is_empty());
    }

    #[test]
    fn tabari_pattern_words() {
        let d = tabari();
        let o = tb_opts();
        // A literal word outranks a synonym set of the same length.
        assert_eq!(
            code_with(&d, &o, "Valdor will give ducats to Ostravia", None),
            ["VAL/OST/071"]
        );
        // Space-joined set members allow a gap; `KRONA_` is closed.
        assert_eq!(
            code_with(
                &d,
                &o,
                "Valdor will give a silver old mark to Ostravia",
                None
            ),
            ["VAL/OST/903"]
        );
        assert_eq!(
            code_with(&d, &o, "Valdor will give kronas to Ostravia", None),
            ["VAL/OST/070"]
        );
        // `RECENT~` takes any ending.
        assert_eq!(
            code_with(&d, &o, "Valdor recently pledged aid to Ostravia", None),
            ["VAL/OST/025"]
        );
        // A set inside `{ … | … }` alternatives.
        assert_eq!(
            code_with(&d, &o, "Valdor pledged a ducat deal to Ostravia", None),
            ["VAL/OST/083"]
        );
        // `pledge 's` is a noun.
        assert!(code_with(&d, &o, "Valdor pledge 's aid to Ostravia", None).is_empty());
        // Hyphens do not count in a phrase's gap (`state-run`).
        assert_eq!(
            code_with(
                &d,
                &o,
                "Valdor praised Ostravia state - run television",
                None
            ),
            ["VAL/OSTTV/041"]
        );
    }

    #[test]
    fn tabari_agents() {
        let d = tabari();
        let o = tb_opts();
        // `the envoys of X, Y and Z` qualifies X only.
        assert_eq!(
            code_with(
                &d,
                &o,
                "The envoys of Valdor , Ostravia and Kiren condemned Lormar",
                None
            ),
            ["KIR/LOR/111", "OST/LOR/111", "VALGOV/LOR/111"]
        );
        // A prefix agent is not repeated on an actor that already has it.
        assert_eq!(
            code_with(
                &d,
                &o,
                "Rights activists Amnesty group condemned Valdor",
                None
            ),
            ["NGM/VAL/111"]
        );
    }

    #[test]
    fn petrarch1_passive_needs_an_agent_and_skips_complex_patterns() {
        let verbs = "--- CONDEMN [111] ---\nCONDEMN\n--- RESTORE [064] ---\nRESTORE\n\
                     - * FULL TIES [+++]\n- * TIES [065]\n";
        let d = dicts(verbs, ACTORS, AGENTS, "");
        let o = CoderOptions {
            petrarch1: true,
            ..Default::default()
        };
        assert_eq!(
            code_with(&d, &o, "Ostravia was condemned by Valdoria", None),
            ["VAL/OST/111"]
        );
        // Without a `by` agent PETRARCH-1 keeps the surface order.
        assert_eq!(
            code_with(&d, &o, "Ostravia was condemned in Valdoria", None),
            ["OST/VAL/111"]
        );
        // `[+++]` is no code to PETRARCH: the next pattern applies.
        assert_eq!(
            code_with(&d, &o, "Valdoria restored full ties with Ostravia", None),
            ["VAL/OST/065"]
        );
    }

    // ------------------------------------------------------------ PETRARCH-1 semantics

    const P1_VERBS: &str = "\
--- PROMISE [050] ---
PROMISE
--- CONDEMN [111] ---
CONDEMN
--- SAID [023] ---
SAID
--- ADOPT [081] ---
ADOPT
- * RESOLUTION [102]
--- AGREE [081] ---
AGREE
- * WITH % [031]
--- REGRET [111] ---
REGRET {REGRETTED}
- NOTED + * [115]
--- SHOOT [---] ---
SHOT
- * AND WOUNDED [223]
--- FIRE [223] ---
SHOT
- * DEAD IN + [224]
";

    fn p1_dict() -> Dictionaries {
        let actors = "VALDORIA [VAL]\nOSTRAVIA [OST]\nKIRENIA [KIR]\nOSTRAVIA TELEVISION [OSTTV]\n";
        dicts(P1_VERBS, actors, AGENTS, "")
    }

    fn p1() -> CoderOptions {
        CoderOptions {
            petrarch1: true,
            ..Default::default()
        }
    }

    /// One hand-parsed sentence: `word/UPOS/head/deprel` per token (head 0 = root,
    /// else 1-based as in CoNLL-U).
    fn code_parsed(d: &Dictionaries, o: &CoderOptions, conll: &str, tree: bool) -> Vec<String> {
        let rows: Vec<Vec<&str>> = conll
            .split_whitespace()
            .map(|t| t.split('/').collect())
            .collect();
        let up: Vec<String> = rows.iter().map(|r| r[0].to_uppercase()).collect();
        let words: Vec<&str> = up.iter().map(String::as_str).collect();
        let caps: Vec<bool> = rows
            .iter()
            .map(|r| r[0].starts_with(|c: char| c.is_uppercase()))
            .collect();
        let tags: Vec<&str> = rows.iter().map(|r| r[1]).collect();
        let heads: Vec<usize> = rows
            .iter()
            .map(|r| match r[2].parse::<usize>().unwrap() {
                0 => usize::MAX,
                h => h - 1,
            })
            .collect();
        let rels: Vec<&str> = rows.iter().map(|r| r[3]).collect();
        let c = Coder::new(d, o.clone()).code(&SentenceInput {
            words: &words,
            caps: &caps,
            upos: Some(&tags),
            heads: tree.then_some(heads.as_slice()),
            deprels: tree.then_some(rels.as_slice()),
            ..Default::default()
        });
        let mut t = triples(&c);
        t.sort();
        t
    }

    const ABSORBED: &str = "Valdoria/PROPN/2/nsubj promised/VERB/0/root aid/NOUN/2/obj \
        after/SCONJ/6/mark Kirenia/PROPN/6/nsubj condemned/VERB/2/advcl Ostravia/PROPN/6/obj";

    #[test]
    fn petrarch1_a_coded_verb_takes_its_verb_phrase() {
        let d = p1_dict();
        // The clause inside the coded verb's phrase is not coded again; its first actor is
        // the target.
        assert_eq!(code_parsed(&d, &p1(), ABSORBED, true), ["VAL/KIR/050"]);
        // Without the parse, `after` still opens a clause inside the phrase.
        assert_eq!(code_parsed(&d, &p1(), ABSORBED, false), ["VAL/KIR/050"]);
        // PETRARCH-2 conventions code both verbs.
        let to = "Valdoria/PROPN/2/nsubj promised/VERB/0/root aid/NOUN/2/obj to/ADP/5/case             Ostravia/PROPN/3/nmod after/SCONJ/8/mark Kirenia/PROPN/8/nsubj             condemned/VERB/2/advcl Ostravia/PROPN/8/obj";
        assert_eq!(code_parsed(&d, &p1(), to, true), ["VAL/OST/050"]);
        let p2 = code_parsed(&d, &CoderOptions::default(), to, true);
        assert_eq!(p2.len(), 2, "{p2:?}");
        // A verb coordinated by `and` heads its own phrase, wherever the parser hung it.
        let coordinated = "Valdoria/PROPN/2/nsubj promised/VERB/0/root aid/NOUN/2/obj \
            and/CCONJ/5/cc condemned/VERB/3/conj Ostravia/PROPN/5/obj";
        assert_eq!(
            code_parsed(&d, &p1(), coordinated, true),
            ["VAL/OST/050", "VAL/OST/111"]
        );
    }

    #[test]
    fn petrarch1_needs_a_noun_phrase_for_a_null_target() {
        let d = p1_dict();
        let o = CoderOptions {
            require_dyad: false,
            ..p1()
        };
        let today = "Valdoria/PROPN/2/nsubj condemned/VERB/0/root today/NOUN/2/obl:tmod";
        assert!(code_parsed(&d, &o, today, true).is_empty());
        let saturday = "Valdoria/PROPN/2/nsubj condemned/VERB/0/root on/ADP/4/case \
            Saturday/PROPN/2/obl";
        assert_eq!(code_parsed(&d, &o, saturday, true), ["VAL/-/111"]);
    }

    #[test]
    fn petrarch1_pattern_words_match_as_written() {
        let d = p1_dict();
        let s = "Valdoria adopted resolutions with Ostravia";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OST/081"]);
        assert_eq!(
            code_with(
                &d,
                &p1(),
                "Valdoria adopted a resolution with Ostravia",
                None
            ),
            ["VAL/OST/102"]
        );
        // PETRARCH-2 dictionaries take the generated plural.
        assert_eq!(
            code_with(&d, &CoderOptions::default(), s, None),
            ["VAL/OST/102"]
        );
    }

    #[test]
    fn petrarch1_families_sharing_a_verb_pool_their_patterns() {
        let d = p1_dict();
        let s = "Valdoria shot dead in Ostravia";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OST/224"]);
        // Otherwise the first family (no code, no matching pattern) decides.
        assert!(code_with(&d, &CoderOptions::default(), s, None).is_empty());
    }

    #[test]
    fn petrarch1_compounds_after_the_verb_are_targets() {
        let d = p1_dict();
        let s = "Valdoria agreed with Ostravia and Kirenia";
        assert_eq!(
            code_with(&d, &p1(), s, None),
            ["VAL/KIR/031", "VAL/OST/031"]
        );
        assert_eq!(
            code_with(&d, &CoderOptions::default(), s, None),
            ["KIR/OST/031", "OST/KIR/031"]
        );
    }

    #[test]
    fn petrarch1_noun_phrases_take_their_first_actor() {
        let d = p1_dict();
        // `the evil Valdoria awful Ostravia` is one noun phrase coded VAL.
        let s = "Kirenia and the evil Valdoria awful Ostravia condemned Marlen Koss";
        let o = CoderOptions {
            require_dyad: false,
            ..p1()
        };
        assert_eq!(code_with(&d, &o, s, None), ["KIR/-/111", "VAL/-/111"]);
        // A space-joined actor phrase spans the phrase's modifiers.
        let s = "Valdoria condemned Ostravia state - run television";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OSTTV/111"]);
        let s = "Valdoria condemned Ostravia state-run television";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OSTTV/111"]);
        let s = "Valdoria condemned Ostravia official television";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OSTTV/111"]);
        assert_eq!(
            code_with(&d, &CoderOptions::default(), s, None),
            ["VAL/OST/111"]
        );
    }

    #[test]
    fn petrarch1_source_passes_over_the_patterns_target() {
        let d = p1_dict();
        let s = "Valdoria noted that Ostravia regretted the vote";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OST/115"]);
        // PETRARCH-2 conventions take the nearest actor, the target itself.
        assert!(code_with(&d, &CoderOptions::default(), s, None).is_empty());
    }

    #[test]
    fn petrarch1_comma_between_adjectives_is_no_clause() {
        let d = p1_dict();
        let o = CoderOptions {
            comma: Some(CommaLimits {
                bmin: 2,
                bmax: 6,
                ..CommaLimits::petrarch1()
            }),
            ..p1()
        };
        let s = "Valdoria/PROPN/2/nsubj promised/VERB/0/root new/ADJ/6/amod ,/PUNCT/5/punct \
            generous/ADJ/6/amod aid/NOUN/2/obj to/ADP/8/case Ostravia/PROPN/6/nmod";
        assert_eq!(code_parsed(&d, &o, s, true), ["VAL/OST/050"]);
        // The same comma after a verb closes an initial clause of 2–6 words.
        let s = "Valdoria/PROPN/2/nsubj promised/VERB/0/root new/VERB/2/xcomp ,/PUNCT/5/punct \
            generous/ADJ/6/amod aid/NOUN/2/obj to/ADP/8/case Ostravia/PROPN/6/nmod";
        assert!(code_parsed(&d, &o, s, true).is_empty());
    }

    #[test]
    fn petrarch1_new_actor_phrases() {
        let d = p1_dict();
        let o = CoderOptions {
            new_actor_length: 4,
            ..p1()
        };
        let s = "Marlen/PROPN/3/nmod:poss 's/PART/1/case aide/NOUN/4/nsubj             condemned/VERB/0/root the/DET/6/det Council/PROPN/4/obj of/ADP/8/case             Elders/PROPN/6/nmod on/ADP/10/case Monday/PROPN/4/obl";
        assert_eq!(
            code_parsed(&d, &o, s, true),
            ["\"MARLEN AIDE\"/\"THE COUNCIL OF ELDERS\"/111"]
        );
        // A coded actor is preferred; longer phrases are no actor.
        let s = "Marlen/PROPN/3/nmod:poss 's/PART/1/case aide/NOUN/4/nsubj             condemned/VERB/0/root Ostravia/PROPN/4/obj";
        assert_eq!(code_parsed(&d, &o, s, true), ["\"MARLEN AIDE\"/OST/111"]);
        let short = CoderOptions {
            new_actor_length: 1,
            ..o.clone()
        };
        assert!(code_parsed(&d, &short, s, true).is_empty());
        assert!(code_parsed(&d, &p1(), s, true).is_empty());
    }

    #[test]
    fn petrarch1_modals_coordination_and_the_source_comma() {
        let verbs = "--- SHOULD [101] ---\nSHOULD\n--- CONDEMN [111] ---\nCONDEMN\n\
                     --- PROMISE [050] ---\nPROMISE\n";
        let d = dicts(
            verbs,
            "VALDORIA [VAL]\nOSTRAVIA [OST]\nKIRENIA [KIR]\n",
            "",
            "",
        );
        // A modal is no verb phrase of its own.
        let s = "Valdoria should condemn Ostravia";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OST/111"]);
        // `and` before a verb starts a coordinated verb phrase, which keeps its event
        // even where the parser hangs it inside the first verb's phrase.
        let s = "Valdoria/PROPN/2/nsubj condemned/VERB/0/root Kirenia/PROPN/2/obj \
            and/CCONJ/5/cc promised/VERB/3/amod aid/NOUN/5/obj to/ADP/8/case \
            Ostravia/PROPN/6/nmod";
        assert_eq!(
            code_parsed(&d, &p1(), s, true),
            ["VAL/KIR/111", "VAL/OST/050"]
        );
        // The source is looked for back to the nearest comma only.
        let s = "Valdoria , troops say , condemned Ostravia";
        assert!(code_with(&d, &p1(), s, None).is_empty());
        assert_eq!(
            code_with(&d, &CoderOptions::default(), s, None),
            ["VAL/OST/111"]
        );
    }

    #[test]
    fn petrarch1_lists_prepositional_sources_and_skips() {
        let verbs = "--- SPUR [081] ---\nSPUR\n--- HOST [042] ---\nHOSTED\n\
                     - * FEAST ^ $ [044]\n- * ^ ^ + [045]\n";
        let d = dicts(
            verbs,
            "VALDORIA [VAL]\nOSTRAVIA [OST]\nKIRENIA [KIR]\nLORMAR [LOR]\n",
            "PARLIAMENT [~LEG]\n",
            "",
        );
        // `A and B, and C and D` is two compounds; a source inside a prepositional
        // phrase is taken when there is no other.
        let s = "Talks between Valdoria and Ostravia may spur peace between Kirenia and \
                 Ostravia , and Lormar and Valdoria";
        assert_eq!(
            code_with(&d, &p1(), s, None),
            ["OST/KIR/081", "VAL/KIR/081", "VAL/OST/081"]
        );
        assert!(code_with(&d, &CoderOptions::default(), s, None).is_empty());
        // `^` skips a noun phrase with its prepositional phrase.
        let s = "Valdoria hosted a feast with Ostravia next week at Kirenia";
        assert_eq!(code_with(&d, &p1(), s, None), ["KIR/OST/044"]);
        // `the parliament of X in Y` is no single actor: `^ ^` skips the parliament.
        let s = "Valdoria hosted Lormar with the parliament of Ostravia in Kirenia";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/OST/045"]);
        let s = "Valdoria hosted Lormar with the parliament of Ostravia";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/LOR/042"]);
    }

    #[test]
    fn petrarch1_noun_phrases_around_coordination() {
        let d = p1_dict();
        let o = CoderOptions {
            new_actor_length: 4,
            ..p1()
        };
        // `X's anger and deep concern`: the second conjunct, with no actor, joins the
        // source as a new actor.
        let s = "Valdoria/PROPN/3/nmod:poss 's/PART/1/case anger/NOUN/7/nsubj \
            and/CCONJ/6/cc deep/ADJ/6/amod concern/NOUN/3/conj condemned/VERB/0/root \
            Ostravia/PROPN/7/obj";
        assert_eq!(
            code_parsed(&d, &o, s, true),
            ["\"DEEP CONCERN\"/OST/111", "VAL/OST/111"]
        );
        assert_eq!(code_parsed(&d, &p1(), s, true), ["VAL/OST/111"]);
        // `X's farmers and traders of Y`: the trailing phrase belongs to both nouns.
        let s = "Valdoria 's farmers and traders of Kirenia condemned Ostravia";
        assert_eq!(
            code_with(&d, &p1(), s, None),
            ["KIR/OST/111", "VAL/OST/111"]
        );
        assert_eq!(
            code_with(&d, &CoderOptions::default(), s, None),
            ["VAL/OST/111"]
        );
    }

    #[test]
    fn petrarch1_tagged_nouns_and_subordinate_targets() {
        let d = p1_dict();
        // A noun after a determiner, an actor name and a hyphen is no verb.
        let s = "Valdoria/PROPN/2/nsubj joined/VERB/0/root an/DET/7/det anti/ADJ/7/amod \
            -/PUNCT/4/punct Ostravia/PROPN/7/compound condemn/NOUN/2/obj \
            Kirenia/PROPN/7/nmod";
        let untagged_verbs = CoderOptions {
            use_tags: false,
            ..p1()
        };
        assert!(code_parsed(&d, &untagged_verbs, s, true).is_empty());
        let p2 = CoderOptions {
            use_tags: false,
            ..Default::default()
        };
        assert_eq!(code_parsed(&d, &p2, s, true), ["OST/KIR/111"]);
        // Past a comma, the actor of an `after` clause is still in the verb's phrase.
        let s = "Valdoria promised aid to everyone , weeks after Kirenia condemned it";
        assert_eq!(code_with(&d, &p1(), s, None), ["VAL/KIR/050"]);
        // So is a clause after a parenthetical: `, it seems ,` does not end the phrase.
        let o = CoderOptions {
            require_dyad: false,
            ..p1()
        };
        let tagged = |middle: &str| {
            format!(
                "Valdoria/PROPN/0/x promised/VERB/0/x ,/PUNCT/0/x {middle} ,/PUNCT/0/x \
                 aid/NOUN/0/x after/SCONJ/0/x Kirenia/PROPN/0/x condemned/VERB/0/x \
                 Ostravia/PROPN/0/x"
            )
        };
        let s = tagged("it/PRON/0/x seems/VERB/0/x");
        assert_eq!(code_parsed(&d, &o, &s, false), ["VAL/KIR/050"]);
        // (Four words between the commas are no parenthetical.)
        let s = tagged("it/PRON/0/x seems/VERB/0/x to/ADP/0/x us/PRON/0/x");
        assert_eq!(
            code_parsed(&d, &o, &s, false),
            ["KIR/OST/111", "VAL/KIR/050"]
        );
    }

    #[test]
    fn reduced_trees_hang_words_on_kept_ancestors() {
        let words = ["A", "B", "C", "D"];
        let heads = [usize::MAX, 0, 1, 2];
        let rels = ["root", "obj", "nmod", "amod"];
        let s = SentenceInput {
            words: &words,
            heads: Some(&heads),
            deprels: Some(&rels),
            ..Default::default()
        };
        let (h, r) = reduce_tree(&s, &[0, 3]);
        assert_eq!(h.unwrap(), [usize::MAX, 0]);
        assert_eq!(r.unwrap(), ["root", "amod"]);
    }
}
