//! Event patterns (`lexicon/verbs.tsv`), verb inflections (`lexicon/irregular.tsv`) and
//! modality cues (`lexicon/modality.tsv`). See `lexicon/README.md` for the formats.

use petrel_actors::files::{for_lines, texts, LexiconError, LexiconSource};
use petrel_doc::Modality;
use rustc_hash::{FxHashMap, FxHashSet};

const VERBS: &str = include_str!("../../../lexicon/verbs.tsv");
const IRREGULAR: &str = include_str!("../../../lexicon/irregular.tsv");
const MODALITY: &str = include_str!("../../../lexicon/modality.tsv");
const MODAL_CODES: &str = include_str!("../../../lexicon/modal-codes.tsv");

/// How an event is reported: the output [`Modality`] plus "obliged" ("must"), which only
/// changes the code (see `lexicon/modal-codes.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mood {
    Asserted,
    Intended,
    Obliged,
    Hypothetical,
    Negated,
}

impl Mood {
    /// Strength when several cues apply: negation wins.
    pub fn rank(self) -> u8 {
        match self {
            Mood::Asserted => 0,
            Mood::Intended => 1,
            Mood::Obliged => 2,
            Mood::Hypothetical => 3,
            Mood::Negated => 4,
        }
    }

    pub fn modality(self) -> Modality {
        match self {
            Mood::Asserted => Modality::Asserted,
            Mood::Intended => Modality::Intended,
            Mood::Obliged | Mood::Hypothetical => Modality::Hypothetical,
            Mood::Negated => Modality::Negated,
        }
    }
}

/// One slot: alternatives, each a sequence of adjacent words.
pub type Slot = Vec<Vec<Box<str>>>;

/// An event pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// CAMEO code; `None` for control verbs that are not events ("plan", "try").
    pub code: Option<Box<str>>,
    pub lemma: Box<str>,
    pub slots: Vec<Slot>,
    pub noun: bool,
    pub recip: bool,
    pub say: bool,
    pub intrans: bool,
    /// The verb's complement is what it is about, not an event of its own: "denied firing
    /// the rockets" is a denial (016), not a firing.
    pub absorb: bool,
    /// Modality the verb gives its to-infinitive complement.
    pub ctl: Option<Mood>,
    pub mode: Option<Box<str>>,
    /// Number of words the slots need: more specific patterns win.
    pub weight: usize,
}

/// Patterns indexed by trigger lemma, plus inflection and modality data.
#[derive(Debug, Default)]
pub struct Patterns {
    pub patterns: Vec<Pattern>,
    verbs: FxHashMap<Box<str>, Vec<u32>>,
    nouns: FxHashMap<Box<str>, Vec<u32>>,
    /// Inflected form → lemmas (verbs and nouns with patterns).
    forms: FxHashMap<Box<str>, Vec<Box<str>>>,
    /// Modality cue words before a trigger.
    pub before: FxHashMap<Box<str>, Mood>,
    /// Modality cue words before "to" + trigger.
    pub before_to: FxHashMap<Box<str>, Mood>,
    /// Multi-word "before" cues ("no longer").
    pub before_multi: Vec<(Vec<Box<str>>, Mood)>,
    /// Predicates said of a clause the trigger heads ("removing the sanctions is out of the
    /// question"), as word sequences.
    pub predicate: Vec<(Vec<Box<str>>, Mood)>,
    /// Words that make intentions in their sentence conditional ("unless").
    pub conditional: FxHashSet<Box<str>>,
    /// (kind, code prefix) → code for unrealised events.
    modal_codes: FxHashMap<(Box<str>, Box<str>), Box<str>>,
}

fn parse_modality(s: &str) -> Option<Mood> {
    match s {
        "negated" => Some(Mood::Negated),
        "intended" => Some(Mood::Intended),
        "hypothetical" => Some(Mood::Hypothetical),
        "obliged" => Some(Mood::Obliged),
        "asserted" => Some(Mood::Asserted),
        _ => None,
    }
}

/// Regular inflections of a verb (over-generating is harmless: odd forms never occur).
pub fn verb_forms(lemma: &str) -> Vec<String> {
    let mut v = vec![lemma.to_string()];
    let b = lemma.as_bytes();
    let n = b.len();
    if n == 0 {
        return v;
    }
    let last = b[n - 1];
    let vowel = |c: u8| b"aeiou".contains(&c);
    // third person
    if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || last == b'x'
        || last == b'z'
        || last == b'o'
    {
        v.push(format!("{lemma}es"));
    } else if last == b'y' && n > 1 && !vowel(b[n - 2]) {
        v.push(format!("{}ies", &lemma[..n - 1]));
    } else {
        v.push(format!("{lemma}s"));
    }
    // past and -ing
    if last == b'e' {
        v.push(format!("{lemma}d"));
        v.push(format!("{}ing", &lemma[..n - 1]));
    } else if last == b'y' && n > 1 && !vowel(b[n - 2]) {
        v.push(format!("{}ied", &lemma[..n - 1]));
        v.push(format!("{lemma}ing"));
    } else {
        v.push(format!("{lemma}ed"));
        v.push(format!("{lemma}ing"));
        if n > 2 && !vowel(last) && vowel(b[n - 2]) && !vowel(b[n - 3]) && !b"wxy".contains(&last) {
            let c = last as char;
            v.push(format!("{lemma}{c}ed"));
            v.push(format!("{lemma}{c}ing"));
        }
    }
    v
}

impl Patterns {
    pub fn embedded() -> Self {
        Self::load(&LexiconSource::default()).expect("embedded event patterns are valid")
    }

    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut p = Patterns::default();
        let mut irregular: FxHashMap<String, Vec<String>> = FxHashMap::default();
        for (file, text) in texts(src, "irregular.tsv", IRREGULAR)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 2 {
                    return Err(l.error("expected: lemma <TAB> forms"));
                }
                irregular
                    .entry(l.fields[0].to_lowercase())
                    .or_default()
                    .extend(l.fields[1].split('|').map(|f| f.to_lowercase()));
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "modality.tsv", MODALITY)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 3 {
                    return Err(l.error("expected: modality <TAB> position <TAB> words"));
                }
                if l.fields[0] == "conditional" {
                    for w in l.fields[2].split('|').filter(|w| !w.is_empty()) {
                        p.conditional.insert(w.to_lowercase().into());
                    }
                    return Ok(());
                }
                let m = parse_modality(l.fields[0])
                    .ok_or_else(|| l.error(format!("unknown modality {:?}", l.fields[0])))?;
                for w in l.fields[2].split('|').filter(|w| !w.is_empty()) {
                    let w = w.to_lowercase();
                    match l.fields[1] {
                        "before" if w.contains(' ') => p
                            .before_multi
                            .push((w.split(' ').map(Into::into).collect(), m)),
                        "before" => {
                            p.before.insert(w.into(), m);
                        }
                        "to" => {
                            p.before_to.insert(w.into(), m);
                        }
                        "predicate" => p
                            .predicate
                            .push((w.split(' ').map(Into::into).collect(), m)),
                        other => return Err(l.error(format!("unknown position {other:?}"))),
                    }
                }
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "modal-codes.tsv", MODAL_CODES)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 3 {
                    return Err(l.error("expected: kind <TAB> code prefix <TAB> code"));
                }
                if !matches!(
                    l.fields[0],
                    "intended" | "negated" | "obliged" | "conditional"
                ) {
                    return Err(l.error(format!("unknown kind {:?}", l.fields[0])));
                }
                p.modal_codes
                    .insert((l.fields[0].into(), l.fields[1].into()), l.fields[2].into());
                Ok(())
            })?;
        }
        let mut lemmas: FxHashSet<(String, bool)> = FxHashSet::default();
        for (file, text) in texts(src, "verbs.tsv", VERBS)? {
            for_lines(&file, &text, |l| {
                let fields: Vec<&str> =
                    l.fields.iter().copied().filter(|f| !f.is_empty()).collect();
                if fields.len() < 2 {
                    return Err(l.error("expected: code <TAB> pattern [<TAB> options]"));
                }
                let code = fields[0];
                if code != "-"
                    && (!(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()))
                {
                    return Err(l.error(format!("bad CAMEO code {code:?}")));
                }
                let mut words = fields[1].split_whitespace();
                let Some(lemma) = words.next() else {
                    return Err(l.error("empty pattern"));
                };
                let slots: Vec<Slot> = words
                    .map(|s| {
                        s.split('|')
                            .filter(|a| !a.is_empty())
                            .map(|a| a.split('_').map(|w| w.to_lowercase().into()).collect())
                            .collect()
                    })
                    .collect();
                let weight = slots
                    .iter()
                    .map(|s: &Slot| s.iter().map(|a| a.len()).min().unwrap_or(0))
                    .sum();
                let mut pat = Pattern {
                    code: (code != "-").then(|| code.into()),
                    lemma: lemma.to_lowercase().into(),
                    slots,
                    noun: false,
                    recip: false,
                    say: false,
                    intrans: false,
                    absorb: false,
                    ctl: None,
                    mode: None,
                    weight,
                };
                if let Some(opts) = fields.get(2) {
                    for o in opts.split(',').map(str::trim).filter(|o| !o.is_empty()) {
                        match o {
                            "noun" => pat.noun = true,
                            "recip" => pat.recip = true,
                            "say" => pat.say = true,
                            "intrans" => pat.intrans = true,
                            "absorb" => pat.absorb = true,
                            _ => {
                                if let Some(m) = o.strip_prefix("ctl=") {
                                    pat.ctl = Some(parse_modality(m).ok_or_else(|| {
                                        l.error(format!("unknown modality {m:?}"))
                                    })?);
                                } else if let Some(m) = o.strip_prefix("mode=") {
                                    pat.mode = Some(m.into());
                                } else {
                                    return Err(l.error(format!("unknown option {o:?}")));
                                }
                            }
                        }
                    }
                }
                let id = p.patterns.len() as u32;
                lemmas.insert((pat.lemma.to_string(), pat.noun));
                let index = if pat.noun { &mut p.nouns } else { &mut p.verbs };
                index.entry(pat.lemma.clone()).or_default().push(id);
                p.patterns.push(pat);
                Ok(())
            })?;
        }
        // Later files override: try the most recent patterns first on equal weight.
        for v in p.verbs.values_mut().chain(p.nouns.values_mut()) {
            v.reverse();
        }
        for (lemma, noun) in lemmas {
            let mut forms = if noun {
                let mut f = vec![lemma.clone()];
                if let Some(pl) = petrel_actors::lexicon::plural(&lemma) {
                    f.push(pl);
                }
                f
            } else {
                verb_forms(&lemma)
            };
            if !noun {
                if let Some(irr) = irregular.get(&lemma) {
                    forms.extend(irr.iter().cloned());
                }
            }
            for f in forms {
                let e = p.forms.entry(f.into()).or_default();
                if !e.iter().any(|x| **x == *lemma) {
                    e.push(lemma.as_str().into());
                }
            }
        }
        Ok(p)
    }

    /// The code an unrealised event of `kind` is coded as (longest prefix of `code`).
    pub fn modal_code(&self, kind: &str, code: &str) -> Option<&str> {
        (2..=code.len()).rev().find_map(|n| {
            self.modal_codes
                .get(&(kind.into(), code[..n].into()))
                .map(|c| &**c)
        })
    }

    /// `code` as stored in the patterns or modal codes, if any pattern produces it.
    pub fn known_code(&self, code: &str) -> Option<&str> {
        self.patterns
            .iter()
            .filter_map(|p| p.code.as_deref())
            .chain(self.modal_codes.values().map(|c| &**c))
            .find(|c| *c == code)
    }

    /// Lemmas a (lower-cased) form may be an inflection of.
    pub fn lemmas_of(&self, form: &str) -> &[Box<str>] {
        self.forms.get(form).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Pattern ids for a trigger lemma, most recent first.
    pub fn for_lemma(&self, lemma: &str, noun: bool) -> &[u32] {
        let idx = if noun { &self.nouns } else { &self.verbs };
        idx.get(lemma).map(Vec::as_slice).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        let f = verb_forms("ban");
        assert!(f.contains(&"banned".to_string()));
        assert!(f.contains(&"bans".to_string()));
        let f = verb_forms("criticise");
        assert!(f.contains(&"criticised".to_string()) && f.contains(&"criticising".to_string()));
        let f = verb_forms("deny");
        assert!(f.contains(&"denied".to_string()) && f.contains(&"denies".to_string()));
    }

    #[test]
    fn patterns_cover_every_root() {
        let p = Patterns::embedded();
        let mut roots = FxHashSet::default();
        for pat in &p.patterns {
            if let Some(c) = &pat.code {
                roots.insert(c[..2].to_string());
            }
        }
        assert_eq!(roots.len(), 20, "{roots:?}");
        assert!(p.patterns.len() > 800);
        assert!(p.lemmas_of("met").iter().any(|l| &**l == "meet"));
        assert!(p.lemmas_of("shelled").iter().any(|l| &**l == "shell"));
        assert!(!p.for_lemma("call", false).is_empty());
        assert_eq!(p.before.get("n't"), Some(&Mood::Negated));
        assert_eq!(p.modal_code("intended", "0731"), Some("0333"));
        assert_eq!(p.modal_code("negated", "0841"), Some("1243"));
        assert_eq!(p.modal_code("negated", "190"), None);
    }

    #[test]
    fn a_lexicon_directory_extends_and_reports_bad_lines() {
        let dir = std::env::temp_dir().join(format!("petrel-events-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("verbs.tsv"),
            "# extra\n193\tzorch\tmode=firearms\n",
        )
        .unwrap();
        let src = LexiconSource {
            dir: Some(dir.clone()),
            replace: false,
        };
        let p = Patterns::load(&src).unwrap();
        assert!(p.lemmas_of("zorched").iter().any(|l| &**l == "zorch"));
        let id = p.for_lemma("zorch", false)[0];
        assert_eq!(p.patterns[id as usize].mode.as_deref(), Some("firearms"));
        // the embedded patterns are still there
        assert!(!p.for_lemma("attack", false).is_empty());
        std::fs::write(dir.join("verbs.tsv"), "190\tzorch\tloudly\n9x9\tblarg\n").unwrap();
        let err = Patterns::load(&src).unwrap_err().to_string();
        assert!(
            err.contains("verbs.tsv:1") && err.contains("loudly"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
