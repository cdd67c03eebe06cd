//! The actor lexicon: countries (names, demonyms, capitals), role nouns, organisations and
//! the closed word classes the resolver needs, loaded from `lexicon/*.tsv` (see
//! `lexicon/README.md`) into a phrase matcher keyed on token text.

use crate::files::{for_lines, texts, LexiconError, LexiconSource};
use rustc_hash::{FxHashMap, FxHashSet};

const COUNTRIES: &str = include_str!("../../../lexicon/countries.tsv");
const ROLES: &str = include_str!("../../../lexicon/roles.tsv");
const ORGANISATIONS: &str = include_str!("../../../lexicon/organisations.tsv");
const GRAMMAR: &str = include_str!("../../../lexicon/grammar.tsv");
const PEOPLE: &str = include_str!("../../../lexicon/people.tsv");
const ORG_HEADS: &str = include_str!("../../../lexicon/org-heads.tsv");

/// One office (or a nationality) of a well-known person, from `people.tsv`.
#[derive(Debug, Clone)]
pub struct PersonEntry {
    pub country: Box<str>,
    pub role: Box<str>,
    /// First and last month in office as `YYYY-MM` (`None`: open).
    pub from: Option<Box<str>>,
    pub to: Option<Box<str>>,
}

/// `YYYY` or `YYYY-MM` → `YYYY-MM` (a bare year counts from January or to December); `-` is
/// open (`Some(None)`); anything else is malformed (`None`).
fn month_of(s: &str, end: bool) -> Option<Option<Box<str>>> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        1 if s == "-" => Some(None),
        4 if digits(0..4) => Some(Some(
            format!("{s}-{}", if end { "12" } else { "01" }).into(),
        )),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(Some(s.into())),
        _ => None,
    }
}

/// What a lexicon phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    /// A country's name ("Kyrgyzstan").
    Country,
    /// A nationality adjective or people noun ("Kyrgyz", "Russians").
    Demonym,
    /// A capital or seat of government ("Moscow", "the Kremlin"): the government as actor.
    Capital,
    /// A role noun ("police", "prime minister").
    Role,
    /// An organisation or armed group with a fixed code.
    Organisation,
}

/// One lexicon phrase.
#[derive(Debug, Clone)]
pub struct Entry {
    pub kind: EntryKind,
    /// Country code (or IGO/NGO/IMG for organisations).
    pub country: Option<Box<str>>,
    /// Role code (GOV, MIL, …); `None` for honorifics and countries.
    pub role: Option<Box<str>>,
    /// Full code for organisations (`IGOUNO`).
    pub code: Option<Box<str>>,
    /// The canonical name (first listed name of a country or organisation, the phrase of a role).
    pub name: Box<str>,
    /// A personal title: a capitalised name may follow ("president", "Mr").
    pub title: bool,
    /// The spelling must match exactly (short all-caps acronyms such as "US", "UN").
    pub exact: Option<Box<str>>,
}

/// Closed word classes from `grammar.tsv`.
#[derive(Debug, Default, Clone)]
pub struct Grammar {
    /// Class names; a word's mask has bit `i` set for class `names[i]`.
    names: Vec<Box<str>>,
    /// Lower-cased word → class mask.
    words: FxHashMap<Box<str>, u32>,
}

impl Grammar {
    fn add(&mut self, class: &str, word: &str) {
        let i = match self.names.iter().position(|n| &**n == class) {
            Some(i) => i,
            None => {
                self.names.push(class.into());
                self.names.len() - 1
            }
        };
        *self.words.entry(word.to_lowercase().into()).or_default() |= 1 << (i.min(31));
    }

    /// The class mask of `word` (any case), without allocating for short ASCII words.
    pub fn mask(&self, word: &str) -> u32 {
        with_lower(word, |lower| self.words.get(lower).copied().unwrap_or(0))
    }

    /// The bit of a class (0 for an unknown class).
    pub fn bit(&self, class: &str) -> u32 {
        self.names
            .iter()
            .position(|n| &**n == class)
            .map_or(0, |i| 1 << i.min(31))
    }

    /// Whether `word` (any case) is in `class`.
    pub fn is(&self, class: &str, word: &str) -> bool {
        self.mask(word) & self.bit(class) != 0
    }
}

/// Calls `f` with `word` in lower case, without allocating for short ASCII words (lexicon
/// lookups run on every token). A word without ASCII capitals is passed as it is.
pub fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let b = word.as_bytes();
    if !b.iter().any(u8::is_ascii_uppercase) {
        return f(word);
    }
    if b.len() <= 32 && word.is_ascii() {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(b) {
            *d = s.to_ascii_lowercase();
        }
        return f(std::str::from_utf8(&buf[..b.len()]).unwrap_or(word));
    }
    f(&word.to_lowercase())
}

/// Bits of the word classes the resolver tests on every token.
#[derive(Debug, Default, Clone, Copy)]
pub struct ClassBits {
    pub determiner: u32,
    pub locative: u32,
    pub clause_break: u32,
    pub person_pronoun: u32,
    pub group_pronoun: u32,
    pub name_particle: u32,
}

/// The actor lexicon with its phrase matcher.
#[derive(Debug, Default)]
pub struct ActorLexicon {
    pub entries: Vec<Entry>,
    /// Space-free lower-cased phrase → entries.
    keys: FxHashMap<Box<str>, Vec<u32>>,
    /// Every prefix of every key, so matching can stop early.
    prefixes: FxHashSet<Box<str>>,
    /// Longest phrase in tokens (upper bound used when matching).
    pub max_tokens: usize,
    pub grammar: Grammar,
    pub bits: ClassBits,
    /// Country code → canonical name.
    pub country_names: FxHashMap<Box<str>, Box<str>>,
    /// Offices of well-known people, and their names (phrase key → offices).
    pub persons: Vec<PersonEntry>,
    pub person_keys: FxHashMap<Box<str>, Vec<u32>>,
    /// Head word of an unknown organisation's name (lower case) → its role
    /// (`org-heads.tsv`).
    pub org_heads: FxHashMap<Box<str>, Box<str>>,
}

/// The matching key of a phrase or token sequence: lower-case, no whitespace, straight quotes.
pub fn key_of(s: &str) -> String {
    let mut k = String::with_capacity(s.len());
    push_key(&mut k, s);
    k
}

/// Appends the key of `s` to `k`.
pub fn push_key(k: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            c if c.is_whitespace() => {}
            '\u{2019}' | '\u{2018}' | '\u{02bc}' => k.push('\''),
            c if c.is_ascii() => k.push(c.to_ascii_lowercase()),
            c => k.extend(c.to_lowercase()),
        }
    }
}

fn is_acronym(s: &str) -> bool {
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0
        && letters <= 5
        && s.chars()
            .all(|c| c.is_uppercase() || c == '.' || c.is_ascii_digit() || c == '-')
}

/// Plural of a noun phrase's last word ("prime minister" → "prime ministers").
pub fn plural(phrase: &str) -> Option<String> {
    let p = phrase;
    if let Some(stem) = p.strip_suffix("man") {
        return Some(format!("{stem}men"));
    }
    if p.ends_with('s') || p.ends_with("ese") || p.ends_with("sh") || p.ends_with("ch") {
        return None;
    }
    let bytes = p.as_bytes();
    if p.ends_with('y') && bytes.len() > 1 && !b"aeiou".contains(&bytes[bytes.len() - 2]) {
        return Some(format!("{}ies", &p[..p.len() - 1]));
    }
    if p.ends_with('x') || p.ends_with('z') {
        return Some(format!("{p}es"));
    }
    Some(format!("{p}s"))
}

impl ActorLexicon {
    /// The lexicon embedded in the binary.
    pub fn embedded() -> Self {
        Self::load(&LexiconSource::default()).expect("embedded actor lexicon is valid")
    }

    /// Loads the embedded lexicon extended (or replaced) by `src`.
    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut lex = ActorLexicon::default();
        for (file, text) in texts(src, "grammar.tsv", GRAMMAR)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 2 {
                    return Err(l.error("expected: class <TAB> words"));
                }
                for w in l.fields[1].split('|').filter(|w| !w.is_empty()) {
                    lex.grammar.add(l.fields[0], w);
                }
                Ok(())
            })?;
        }
        let g = &lex.grammar;
        lex.bits = ClassBits {
            determiner: g.bit("determiner"),
            locative: g.bit("locative"),
            clause_break: g.bit("clause-break"),
            person_pronoun: g.bit("person-pronoun"),
            group_pronoun: g.bit("group-pronoun"),
            name_particle: g.bit("name-particle"),
        };
        // Roles first, so that country and organisation names (added later) win a tie.
        for (file, text) in texts(src, "roles.tsv", ROLES)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 2 {
                    return Err(l.error("expected: role <TAB> phrases"));
                }
                let role = l.fields[0];
                if role.is_empty() {
                    return Err(l.error("empty role code"));
                }
                for p in l.fields[1].split('|').filter(|p| !p.is_empty()) {
                    // "=union": this spelling only, so "the union" is labour and the
                    // "Karen National Union" a name.
                    let (p, spelled) = match p.strip_prefix('=') {
                        Some(s) => (s, true),
                        None => (p, false),
                    };
                    let (phrase, title) = match p.strip_suffix('*') {
                        Some(s) => (s, true),
                        None => (p, false),
                    };
                    let entry = Entry {
                        kind: EntryKind::Role,
                        country: None,
                        role: (role != "-").then(|| role.into()),
                        code: None,
                        name: phrase.to_lowercase().into(),
                        title,
                        exact: None,
                    };
                    let plural = plural(phrase);
                    let id = lex.push_entry(entry);
                    for form in std::iter::once(phrase.to_string()).chain(plural) {
                        if spelled {
                            lex.add_spelled_key(&form, id);
                        } else {
                            lex.add_key(&form, id, false);
                        }
                    }
                }
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "countries.tsv", COUNTRIES)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 2 {
                    return Err(
                        l.error("expected: code <TAB> names [<TAB> demonyms [<TAB> capitals]]")
                    );
                }
                let code = l.fields[0];
                if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
                    return Err(l.error(format!(
                        "country code {code:?} is not three capital letters"
                    )));
                }
                let names: Vec<&str> = split_list(l.fields[1]);
                let Some(first) = names.first() else {
                    return Err(l.error("a country needs at least one name"));
                };
                lex.country_names.insert(code.into(), (*first).into());
                let mk = |kind, name: &str| Entry {
                    kind,
                    country: Some(code.into()),
                    role: (kind == EntryKind::Capital).then(|| "GOV".into()),
                    code: None,
                    name: name.into(),
                    title: false,
                    exact: None,
                };
                let id = lex.push_entry(mk(EntryKind::Country, first));
                for n in &names {
                    lex.add_key(n, id, true);
                }
                if let Some(dem) = l.fields.get(2) {
                    let id = lex.push_entry(mk(EntryKind::Demonym, first));
                    for d in split_list(dem) {
                        lex.add_key(d, id, true);
                        let last = d.chars().last().unwrap_or(' ');
                        if "aeiouyn".contains(last) || d.ends_with("man") {
                            if let Some(pl) = plural(d) {
                                lex.add_key(&pl, id, false);
                            }
                        }
                    }
                }
                if let Some(cap) = l.fields.get(3) {
                    for c in split_list(cap) {
                        let id = lex.push_entry(mk(EntryKind::Capital, c));
                        lex.add_key(c, id, true);
                    }
                }
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "organisations.tsv", ORGANISATIONS)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 4 {
                    return Err(l.error("expected: code <TAB> country <TAB> role <TAB> names"));
                }
                let names = split_list(l.fields[3]);
                let Some(first) = names.first() else {
                    return Err(l.error("an organisation needs at least one name"));
                };
                let id = lex.push_entry(Entry {
                    kind: EntryKind::Organisation,
                    country: Some(l.fields[1].into()),
                    role: (!l.fields[2].is_empty()).then(|| l.fields[2].into()),
                    code: Some(l.fields[0].into()),
                    name: (*first).into(),
                    title: false,
                    exact: None,
                });
                for n in names {
                    lex.add_key(n, id, true);
                }
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "org-heads.tsv", ORG_HEADS)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 2 || l.fields[0].is_empty() {
                    return Err(l.error("expected: role <TAB> head words"));
                }
                for w in l.fields[1].split('|').filter(|w| !w.is_empty()) {
                    lex.org_heads
                        .insert(w.to_lowercase().into(), l.fields[0].into());
                }
                Ok(())
            })?;
        }
        for (file, text) in texts(src, "people.tsv", PEOPLE)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 5 {
                    return Err(
                        l.error("expected: country <TAB> role <TAB> from <TAB> to <TAB> names")
                    );
                }
                let (Some(from), Some(to)) =
                    (month_of(l.fields[2], false), month_of(l.fields[3], true))
                else {
                    return Err(l.error("dates are YYYY, YYYY-MM or -"));
                };
                let names = split_list(l.fields[4]);
                if names.is_empty() || l.fields[0].is_empty() || l.fields[1].is_empty() {
                    return Err(l.error("a person needs a country, a role and a name"));
                }
                lex.persons.push(PersonEntry {
                    country: l.fields[0].into(),
                    role: l.fields[1].into(),
                    from,
                    to,
                });
                let id = (lex.persons.len() - 1) as u32;
                for n in names {
                    lex.person_keys
                        .entry(key_of(n).into())
                        .or_default()
                        .push(id);
                }
                Ok(())
            })?;
        }
        Ok(lex)
    }

    /// The role an unknown organisation's head word gives it (`org-heads.tsv`), any case.
    pub fn org_head(&self, word: &str) -> Option<&str> {
        with_lower(word, |lower| self.org_heads.get(lower).map(|r| &**r))
    }

    /// The country of a well-known person named `name` (any spelling `people.tsv` lists), and
    /// the role when the article `date` (`YYYY-MM-DD`) falls in one of the person's offices.
    /// Without a date, an office that has not ended counts; outside any office the person keeps
    /// the country of the latest one.
    pub fn person(&self, name: &str, date: Option<&str>) -> Option<(&str, Option<&str>)> {
        let offices = self.person_keys.get(key_of(name).as_str())?;
        let month = date.and_then(|d| d.get(..7));
        let held = offices
            .iter()
            .map(|&i| &self.persons[i as usize])
            .find(|p| match month {
                Some(m) => {
                    p.from.as_deref().is_none_or(|f| f <= m)
                        && p.to.as_deref().is_none_or(|t| m <= t)
                }
                None => p.to.is_none(),
            });
        if let Some(p) = held {
            return Some((&p.country, Some(&p.role)));
        }
        let latest = offices
            .iter()
            .map(|&i| &self.persons[i as usize])
            .max_by(|a, b| a.from.cmp(&b.from))?;
        Some((&latest.country, None))
    }

    fn push_entry(&mut self, e: Entry) -> u32 {
        self.entries.push(e);
        (self.entries.len() - 1) as u32
    }

    /// Adds a phrase for entry `id` that matches only as spelled here (as a separate entry,
    /// like an acronym's).
    fn add_spelled_key(&mut self, phrase: &str, id: u32) {
        let mut e = self.entries[id as usize].clone();
        e.exact = Some(
            phrase
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .into(),
        );
        let id = self.push_entry(e);
        self.add_key(phrase, id, false);
    }

    /// Adds a phrase for entry `id`. Acronyms are matched in their exact spelling; the most
    /// recently added entry for a key is tried first (so later files override).
    fn add_key(&mut self, phrase: &str, id: u32, acronym_exact: bool) {
        let key = key_of(phrase);
        if key.is_empty() {
            return;
        }
        let exact = (acronym_exact && is_acronym(phrase)).then(|| {
            phrase
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
        });
        let id = if let Some(ex) = exact {
            // An exact-spelling variant is a separate entry so the constraint stays per key.
            let mut e = self.entries[id as usize].clone();
            e.exact = Some(ex.into());
            self.push_entry(e)
        } else {
            id
        };
        self.max_tokens = self.max_tokens.max(phrase.split_whitespace().count() + 2);
        for (i, _) in key.char_indices().skip(1) {
            self.prefixes.insert(key[..i].into());
        }
        self.prefixes.insert(key.as_str().into());
        let v = self.keys.entry(key.into()).or_default();
        v.insert(0, id);
    }

    /// Whether some phrase starts with `key`.
    pub fn is_prefix(&self, key: &str) -> bool {
        self.prefixes.contains(key)
    }

    /// The entry for a full phrase key, checking exact spellings against `surface`
    /// (the token texts concatenated without spaces).
    pub fn lookup(&self, key: &str, surface: &str) -> Option<u32> {
        let ids = self.keys.get(key)?;
        ids.iter()
            .copied()
            .find(|&id| match &self.entries[id as usize].exact {
                Some(ex) => ex.as_ref() == surface,
                None => true,
            })
    }
}

fn split_list(s: &str) -> Vec<&str> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty() && *x != "-")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_loads_and_finds_phrases() {
        let lex = ActorLexicon::embedded();
        let kgz = lex.lookup(&key_of("Kyrgyzstan"), "Kyrgyzstan").unwrap();
        assert_eq!(lex.entries[kgz as usize].country.as_deref(), Some("KGZ"));
        let dem = lex.lookup(&key_of("Kyrgyzstani"), "Kyrgyzstani").unwrap();
        assert_eq!(lex.entries[dem as usize].kind, EntryKind::Demonym);
        let cap = lex.lookup(&key_of("Moscow"), "Moscow").unwrap();
        assert_eq!(lex.entries[cap as usize].kind, EntryKind::Capital);
        assert_eq!(lex.entries[cap as usize].role.as_deref(), Some("GOV"));
        let pm = lex
            .lookup(&key_of("prime ministers"), "primeministers")
            .unwrap();
        assert_eq!(lex.entries[pm as usize].role.as_deref(), Some("GOV"));
        assert!(lex.entries[pm as usize].title);
        // "US" only in capitals; "us" is a pronoun.
        assert!(lex.lookup("us", "US").is_some());
        assert!(lex.lookup("us", "us").is_none());
        let un = lex.lookup("un", "UN").unwrap();
        assert_eq!(lex.entries[un as usize].code.as_deref(), Some("IGOUNO"));
        assert!(lex.is_prefix("kyrgyz"));
        assert!(lex.entries.len() > 1000);
        assert!(lex.grammar.is("person-pronoun", "He"));
    }

    #[test]
    fn plurals() {
        assert_eq!(plural("policeman").as_deref(), Some("policemen"));
        assert_eq!(plural("militia").as_deref(), Some("militias"));
        assert_eq!(plural("authority").as_deref(), Some("authorities"));
        assert_eq!(plural("forces"), None);
    }

    #[test]
    fn bad_line_names_file_and_line() {
        let dir = std::env::temp_dir().join(format!("petrel-actors-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("countries.tsv"), "# c\nXX\tNowhere\n").unwrap();
        let err = ActorLexicon::load(&LexiconSource {
            dir: Some(dir.clone()),
            replace: false,
        })
        .unwrap_err()
        .to_string();
        assert!(err.contains("countries.tsv:2"), "{err}");
        std::fs::write(dir.join("countries.tsv"), "XXA\tNowhere Land\tNowherian\n").unwrap();
        let lex = ActorLexicon::load(&LexiconSource {
            dir: Some(dir.clone()),
            replace: false,
        })
        .unwrap();
        let id = lex.lookup(&key_of("Nowherians"), "Nowherians").unwrap();
        assert_eq!(lex.entries[id as usize].country.as_deref(), Some("XXA"));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn people_hold_their_role_only_in_office() {
        let dir = std::env::temp_dir().join(format!("petrel-actors-people-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let load = |text: &str| {
            std::fs::write(dir.join("people.tsv"), text).unwrap();
            ActorLexicon::load(&LexiconSource {
                dir: Some(dir.clone()),
                replace: true,
            })
        };
        let lex = load(
            "XXA\tGOV\t2001\t2004-06\tIva Marsh|Marsh\n\
             XXA\tGOV\t2010-01\t-\tIva Marsh|Marsh\n\
             IGO\tUNO\t2005\t2008\tTeo Lind\n",
        )
        .unwrap();
        assert_eq!(
            lex.person("Marsh", Some("2003-02-01")),
            Some(("XXA", Some("GOV")))
        );
        assert_eq!(
            lex.person("Iva Marsh", Some("2004-06-30")),
            Some(("XXA", Some("GOV")))
        );
        assert_eq!(lex.person("Marsh", Some("2004-07-01")), Some(("XXA", None)));
        assert_eq!(
            lex.person("Marsh", Some("2024-07-01")),
            Some(("XXA", Some("GOV")))
        );
        // Undated text: an office that has not ended.
        assert_eq!(lex.person("Marsh", None), Some(("XXA", Some("GOV"))));
        assert_eq!(lex.person("Teo Lind", None), Some(("IGO", None)));
        assert_eq!(lex.person("Lind", None), None);
        let err = load("XXA\tGOV\t20x1\t-\tIva Marsh\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("people.tsv:1") && err.contains("YYYY"),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn embedded_people_load() {
        let lex = ActorLexicon::embedded();
        assert_eq!(
            lex.person("Angela Merkel", Some("2010-05-01")),
            Some(("DEU", Some("GOV")))
        );
        assert_eq!(
            lex.person("Merkel", Some("2023-05-01")),
            Some(("DEU", None))
        );
    }
}
