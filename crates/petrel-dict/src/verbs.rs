//! Verb dictionaries: PETRARCH-2 (CAMEO 2.0), PETRARCH-1 and TABARI `.verbs`.
//!
//! One reader handles all three, since they share most syntax:
//! - synonym sets: `&NAME` followed by `+member` lines (members may nest `&OTHER`);
//! - PETRARCH verb families `--- NAME [code] ---` followed by verb lines
//!   (`SAY {SAYS SAID SAYING}`, `+GO_BY {+WENT_BY …}`, `WIRE_+TAP`, optional `[code]`),
//!   TABARI verbs `VERB [code]` each starting their own family, with `{ FORM FORM }` lines;
//! - patterns `- lower * upper [code]` with words, `&SYN`, `$` source, `+` target,
//!   `%` compound actor, `^` skip, `{…}` noun phrases, `(…)` prepositional phrases,
//!   TABARI `{ A | B }` alternatives, `_` adjacency, and paired codes `[a:b]`.
//!
//! Patterns are compiled to [`Elem`] lists (the part before `*` stored nearest-first) and
//! ordered most specific first, so the coder takes the first one that matches.

use crate::actors::strip_comment;
use crate::words::{plural, split_phrase, split_token, verb_forms, PhraseIndex, Word};
use crate::LoadError;
use rustc_hash::FxHashMap;

/// Gap allowed inside a `(…)` prepositional phrase (determiners, adjectives).
pub const PP_GAP: u8 = 3;
/// Gap allowed inside a `{…}` noun phrase (an extra modifier: `new global economic
/// relations` for `{NEW &TIETYPES RELATIONS}`).
pub const NP_GAP: u8 = 1;
/// Marks an element that may follow the previous one at any distance in the clause.
pub const FREE: u8 = u8::MAX;

/// An event code, possibly paired (`[043:042]`: the second codes the reverse event).
/// `None` is the null code `---`: the verb or pattern codes no event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Code {
    pub primary: Option<Box<str>>,
    pub paired: Option<Box<str>>,
}

impl Code {
    pub fn parse(s: &str) -> Code {
        let s = s.trim();
        let one = |x: &str| {
            let x = x.trim();
            if x.is_empty() || x.chars().all(|c| c == '-') {
                None
            } else {
                Some(x.to_uppercase().into())
            }
        };
        match s.split_once(':') {
            Some((a, b)) => Code {
                primary: one(a),
                paired: one(b),
            },
            None => Code {
                primary: one(s),
                paired: None,
            },
        }
    }
}

/// One compiled pattern element. `gap` is how many tokens may separate it from the
/// element before it (nearer the verb for the lower part); [`FREE`] means any.
#[derive(Debug, Clone)]
pub enum Elem {
    /// Any of these phrases (a word and its plural, or TABARI `{ A | B }`).
    Words { alts: Vec<Vec<Word>>, gap: u8 },
    /// A synonym set, by index.
    Syn { id: u32, gap: u8 },
    /// `$`: the source actor is here.
    Source { gap: u8 },
    /// `+`: the target actor is here.
    Target { gap: u8 },
    /// `%`: a compound actor here is both source and target.
    Compound { gap: u8 },
    /// `^`: skip one token.
    Skip { gap: u8 },
}

impl Elem {
    pub fn gap(&self) -> u8 {
        match *self {
            Elem::Words { gap, .. }
            | Elem::Syn { gap, .. }
            | Elem::Source { gap }
            | Elem::Target { gap }
            | Elem::Compound { gap }
            | Elem::Skip { gap } => gap,
        }
    }
    fn set_gap(&mut self, g: u8) {
        match self {
            Elem::Words { gap, .. }
            | Elem::Syn { gap, .. }
            | Elem::Source { gap }
            | Elem::Target { gap }
            | Elem::Compound { gap }
            | Elem::Skip { gap } => *gap = g,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Pattern {
    /// Elements before the verb, nearest the verb first.
    pub lower: Vec<Elem>,
    /// Elements after the verb, in text order.
    pub upper: Vec<Elem>,
    pub code: Code,
    /// How specific the pattern is (words count double); higher is tried first.
    pub weight: u16,
    pub line: u32,
}

#[derive(Debug, Clone)]
pub struct VerbBlock {
    pub name: Box<str>,
    pub code: Code,
    pub patterns: Vec<Pattern>,
}

/// One surface form of a verb: its phrase is in [`Verbs::index`].
#[derive(Debug, Clone)]
pub struct VerbForm {
    pub block: u32,
    /// Index of the verb word inside the phrase (`WIRE TAP`: 1).
    pub verb_pos: u8,
    /// The verb's own code, overriding the family's.
    pub code: Option<Code>,
    /// Later families listing the same form (`SHOT [---]` then `SHOT [223]`): their
    /// patterns are tried after this family's, as PETRARCH keys patterns by the verb word.
    pub more_blocks: Vec<u32>,
}

/// Intermediate element while parsing, before synonym sets are resolved.
#[derive(Debug, Clone)]
enum Raw {
    Words(Vec<Vec<Word>>),
    Syn(Box<str>),
    Source,
    Target,
    Compound,
    Skip,
    Star,
}

/// A pattern waiting for synonym sets: family, elements with gaps, code, line, file.
type RawPattern = (u32, Vec<(Raw, u8)>, Code, u32, Box<str>);

#[derive(Debug, Default, Clone)]
pub struct Verbs {
    pub synsets: Vec<Vec<Vec<Word>>>,
    pub synset_names: FxHashMap<Box<str>, u32>,
    pub blocks: Vec<VerbBlock>,
    pub forms: Vec<VerbForm>,
    pub index: PhraseIndex,
    /// PETRARCH-2 `~` transformation rules, kept as written (not applied by the surface
    /// coder).
    pub transforms: Vec<String>,
    /// TABARI `<TIME>` phrases coded `###`: sentences containing them are discarded.
    pub time_discards: Vec<String>,
    /// TABARI files: words of multi-word verbs match by stem unless marked `_`.
    tabari: bool,
    raw_synsets: Vec<(Box<str>, Vec<String>)>,
    /// First form of each phrase (words and exactness), to link families sharing it.
    form_keys: FxHashMap<String, u32>,
    /// Patterns waiting for synonym sets: (block, raw elements with gaps, code, line, file).
    raw_patterns: Vec<RawPattern>,
}

fn find_code(t: &str) -> (String, Option<Code>) {
    if let (Some(a), Some(b)) = (t.rfind('['), t.rfind(']')) {
        if a < b {
            let mut rest = t[..a].to_string();
            rest.push_str(&t[b + 1..]);
            return (rest, Some(Code::parse(&t[a + 1..b])));
        }
    }
    (t.to_string(), None)
}

impl Verbs {
    /// Reads one verb file. `semicolon`: `;` starts a comment (TABARI). `plurals`: add
    /// regular plurals to pattern words and synonym members (PETRARCH; TABARI stems).
    pub fn read(
        &mut self,
        file: &str,
        text: &str,
        semicolon: bool,
        plurals: bool,
        errors: &mut Vec<LoadError>,
    ) {
        self.tabari = semicolon;
        let mut in_xml = false;
        let mut in_syn: Option<usize> = None;
        let mut in_skip = false;
        let mut petr_blocks = false;
        let mut block: Option<u32> = None;
        let mut last_verb: Option<(u32, u8, Option<Code>)> = None;
        for (ln, raw) in text.lines().enumerate() {
            let line_no = ln as u32 + 1;
            let line = strip_comment(raw, &mut in_xml, semicolon);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let up = t.to_uppercase();
            if up.starts_with('<') {
                // TABARI sections: only <TIME> needs skipping.
                if up.starts_with("<TIME") {
                    in_skip = true;
                } else if up.starts_with("</TIME") {
                    in_skip = false;
                }
                in_syn = None;
                continue;
            }
            if in_skip {
                // A time phrase coded `###` discards its sentence (TABARI `<TIME>`).
                let (phrase, code) = find_code(&up);
                if code.and_then(|c| c.primary).as_deref() == Some("###") {
                    self.time_discards.push(phrase.trim().to_string());
                }
                continue;
            }
            if let Some(name) = up.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                self.raw_synsets.push((name.into(), Vec::new()));
                in_syn = Some(self.raw_synsets.len() - 1);
                continue;
            }
            if let (Some(s), Some(m)) = (in_syn, up.strip_prefix('+')) {
                self.raw_synsets[s].1.push(m.trim().to_string());
                continue;
            }
            in_syn = None;
            if let Some(rule) = t.strip_prefix('~') {
                // PETRARCH-2 transformation rules (`~ a (b . ATTACK) SAY = a b 112`).
                self.transforms.push(rule.trim().to_string());
                continue;
            }
            if up.starts_with("---") {
                let inner = up.trim_matches('-').trim();
                let (name, code) = find_code(inner);
                self.blocks.push(VerbBlock {
                    name: name.trim().into(),
                    code: code.unwrap_or_default(),
                    patterns: Vec::new(),
                });
                block = Some(self.blocks.len() as u32 - 1);
                petr_blocks = true;
                last_verb = None;
                continue;
            }
            if let Some(p) = up
                .strip_prefix('-')
                .or_else(|| up.strip_prefix("* ").map(|_| &up[..]))
            {
                let Some(b) = block else {
                    errors.push(LoadError::new(
                        file,
                        line_no as usize,
                        "pattern before any verb",
                    ));
                    continue;
                };
                let (body, code) = find_code(p);
                let Some(code) = code else {
                    errors.push(LoadError::new(
                        file,
                        line_no as usize,
                        "pattern without `[code]`",
                    ));
                    continue;
                };
                match parse_pattern(&body, plurals) {
                    Ok(elems) => self
                        .raw_patterns
                        .push((b, elems, code, line_no, file.into())),
                    Err(e) => errors.push(LoadError::new(file, line_no as usize, e)),
                }
                continue;
            }
            if up.starts_with('{') {
                // TABARI: irregular forms of the previous verb.
                let Some((b, _, code)) = last_verb.clone() else {
                    errors.push(LoadError::new(
                        file,
                        line_no as usize,
                        "forms before any verb",
                    ));
                    continue;
                };
                let inner = up.trim_matches(|c| c == '{' || c == '}');
                for f in inner.split_whitespace() {
                    self.add_form(f, b, code.clone());
                }
                continue;
            }
            // A verb line.
            let (head, code) = find_code(&up);
            let b = if petr_blocks {
                match block {
                    Some(b) => b,
                    None => {
                        errors.push(LoadError::new(
                            file,
                            line_no as usize,
                            "verb before any `---` family",
                        ));
                        continue;
                    }
                }
            } else {
                // TABARI: every verb is its own family.
                let name = head
                    .split(['{', ' '])
                    .next()
                    .unwrap_or("")
                    .trim_matches('_');
                self.blocks.push(VerbBlock {
                    name: name.into(),
                    code: code.clone().unwrap_or_default(),
                    patterns: Vec::new(),
                });
                block = Some(self.blocks.len() as u32 - 1);
                self.blocks.len() as u32 - 1
            };
            let own = if petr_blocks { code } else { None };
            let (main, forms) = match head.find('{') {
                Some(k) => {
                    let end = head[k..].find('}').map(|e| k + e).unwrap_or(head.len());
                    (
                        head[..k].trim().to_string(),
                        Some(head[k + 1..end].to_string()),
                    )
                }
                None => (head.trim().to_string(), None),
            };
            if main.is_empty() {
                errors.push(LoadError::new(
                    file,
                    line_no as usize,
                    format!("bad verb line `{t}`"),
                ));
                continue;
            }
            let pos = self.add_form(&main, b, own.clone());
            match forms {
                Some(f) => {
                    for form in f.split_whitespace() {
                        self.add_form(form, b, own.clone());
                    }
                }
                None if semicolon => {}
                None => {
                    // Regular forms of the marked verb word.
                    let parts: Vec<&str> = main.split('_').collect();
                    let vi = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
                    let verb = parts[vi].trim_start_matches('+').trim_end_matches('_');
                    if !verb.is_empty() {
                        for f in verb_forms(verb) {
                            let mut ps: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
                            ps[vi] = format!("+{f}");
                            self.add_form(&ps.join("_"), b, own.clone());
                        }
                    }
                }
            }
            last_verb = Some((b, pos, own));
        }
        self.resolve(errors, plurals);
    }

    /// Adds one verb form (`SAID`, `+GO_BY`, `WIRE_+TAP`); returns the verb's position.
    fn add_form(&mut self, form: &str, block: u32, code: Option<Code>) -> u8 {
        let parts: Vec<&str> = form
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return 0;
        }
        let marked = parts.iter().position(|p| p.starts_with('+'));
        let mut words = Vec::new();
        let mut verb_pos = 0u8;
        for (i, p) in parts.iter().enumerate() {
            if Some(i) == marked || (marked.is_none() && i == 0) {
                verb_pos = words.len() as u8;
            }
            let mut toks = Vec::new();
            split_token(p.trim_start_matches('+').trim_end_matches('='), &mut toks);
            let n = toks.len();
            for (k, t) in toks.into_iter().enumerate() {
                // TABARI marks: `WORD=` exact, `WORD_` regular endings, bare `WORD` stem.
                // Words joined by `_` inside a phrase take regular endings.
                let w = if !self.tabari || k + 1 < n {
                    Word::new(&t, true)
                } else if i + 1 < parts.len() {
                    Word::regular(&t)
                } else if form.ends_with('=') {
                    Word::new(&t, true)
                } else if form.ends_with('_') {
                    Word::regular(&t)
                } else {
                    Word::new(&t, false)
                };
                words.push(w);
            }
        }
        // PETRARCH: a single word may match by stem if the caller asks for stems.
        if !self.tabari && words.len() == 1 && !form.ends_with('_') {
            words[0].exact = false;
        }
        let mut key = String::new();
        for w in &words {
            key.push_str(&w.text);
            key.push(if w.exact { '=' } else { ' ' });
        }
        let id = self.forms.len() as u32;
        if let Some(&first) = self.form_keys.get(&key) {
            let first = &mut self.forms[first as usize];
            if first.block != block && !first.more_blocks.contains(&block) {
                first.more_blocks.push(block);
            }
        } else {
            self.form_keys.insert(key, id);
        }
        self.forms.push(VerbForm {
            block,
            verb_pos,
            code,
            more_blocks: Vec::new(),
        });
        self.index.insert(words, id);
        verb_pos
    }

    /// Expands synonym sets and compiles the raw patterns read so far.
    fn resolve(&mut self, errors: &mut Vec<LoadError>, plurals: bool) {
        for (name, _) in &self.raw_synsets {
            let n = self.synset_names.len() as u32;
            self.synset_names.entry(name.clone()).or_insert(n);
        }
        self.synsets.resize(self.synset_names.len(), Vec::new());
        for (name, members) in &self.raw_synsets {
            let id = self.synset_names[name] as usize;
            let mut out = Vec::new();
            for m in members {
                expand_member(m, &self.raw_synsets, plurals, 0, &mut out);
            }
            self.synsets[id].extend(out);
        }
        self.raw_synsets.clear();
        for (b, raws, code, line, file) in std::mem::take(&mut self.raw_patterns) {
            let mut elems = Vec::new();
            let mut ok = true;
            let mut star = (0, FREE);
            for (r, gap) in raws {
                if matches!(r, Raw::Star) {
                    star = (elems.len(), gap);
                    continue;
                }
                let e = match r {
                    Raw::Words(alts) => Elem::Words {
                        alts: self.expand_alternatives(alts),
                        gap,
                    },
                    Raw::Syn(name) => match self
                        .synset_names
                        .get(&name)
                        .or_else(|| self.synset_names.get(format!("{name}_").as_str()))
                        .or_else(|| self.synset_names.get(name.trim_end_matches('_')))
                    {
                        Some(&id) => Elem::Syn { id, gap },
                        None => {
                            errors.push(LoadError::new(
                                &file,
                                line as usize,
                                format!("unknown synonym set `&{name}`"),
                            ));
                            ok = false;
                            break;
                        }
                    },
                    Raw::Source => Elem::Source { gap },
                    Raw::Target => Elem::Target { gap },
                    Raw::Compound => Elem::Compound { gap },
                    Raw::Skip => Elem::Skip { gap },
                    Raw::Star => unreachable!("handled above"),
                };
                elems.push(e);
            }
            if !ok {
                continue;
            }
            let (star, star_gap) = star;
            let upper: Vec<Elem> = elems[star..].to_vec();
            // Lower part nearest-first; each element takes the gap of its right neighbour.
            let mut lower = Vec::new();
            for i in (0..star).rev() {
                let mut e = elems[i].clone();
                let g = if i + 1 == star {
                    star_gap
                } else {
                    elems[i + 1].gap()
                };
                e.set_gap(g);
                lower.push(e);
            }
            let weight = lower.iter().chain(&upper).map(elem_weight).sum();
            self.blocks[b as usize].patterns.push(Pattern {
                lower,
                upper,
                code,
                weight,
                line,
            });
        }
        for b in &mut self.blocks {
            b.patterns.sort_by_key(|p| std::cmp::Reverse(p.weight));
        }
    }

    pub fn finish(&mut self) {
        self.index.finish();
    }

    /// Replaces each `&SET` word in pattern alternatives by every member of the set.
    fn expand_alternatives(&self, alts: Vec<Vec<Word>>) -> Vec<Vec<Word>> {
        let mut out = Vec::with_capacity(alts.len());
        for alt in alts {
            let at = alt.iter().position(|w| w.text.starts_with('&'));
            let Some(k) = at else {
                out.push(alt);
                continue;
            };
            let name = &alt[k].text[1..];
            let id = self
                .synset_names
                .get(name)
                .or_else(|| self.synset_names.get(format!("{name}_").as_str()));
            let Some(&id) = id else { continue };
            let rest = self.expand_alternatives(vec![alt[k + 1..].to_vec()]);
            for member in &self.synsets[id as usize] {
                for tail in &rest {
                    let mut v = alt[..k].to_vec();
                    v.extend(member.iter().cloned());
                    v.extend(tail.iter().cloned());
                    out.push(v);
                }
            }
        }
        out
    }

    pub fn pattern_count(&self) -> usize {
        self.blocks.iter().map(|b| b.patterns.len()).sum()
    }
}

fn elem_weight(e: &Elem) -> u16 {
    // A literal word is more specific than a synonym set of the same length (TABARI
    // codes `DOLLAR` before `&CURRENCY`).
    match e {
        Elem::Words { alts, .. } => 4 * alts.iter().map(|a| a.len()).max().unwrap_or(1) as u16,
        Elem::Syn { .. } => 3,
        Elem::Source { .. } | Elem::Target { .. } | Elem::Compound { .. } => 2,
        Elem::Skip { .. } => 0,
    }
}

fn expand_member(
    m: &str,
    sets: &[(Box<str>, Vec<String>)],
    plurals: bool,
    depth: usize,
    out: &mut Vec<Vec<Word>>,
) {
    let m = m.trim().trim_matches(|c| c == '(' || c == ')').trim();
    if depth > 4 || m.is_empty() {
        return;
    }
    // A member that is (or starts with) another set: expand it in place.
    if let Some(k) = m.find('&') {
        let end = m[k + 1..]
            .find(|c: char| c.is_whitespace() || c == '_' && !m[k + 1..].starts_with('_'))
            .map(|e| k + 1 + e)
            .unwrap_or(m.len());
        let name = &m[k + 1..end];
        // Set names may end in `_`; try the longest name first.
        let found = sets
            .iter()
            .find(|(n, _)| **n == *name)
            .or_else(|| sets.iter().find(|(n, _)| n.trim_end_matches('_') == name));
        if let Some((_, members)) = found {
            for sub in members.clone() {
                let joined = format!("{}{}{}", &m[..k], sub, &m[end..]);
                expand_member(&joined, sets, plurals, depth + 1, out);
            }
        }
        return;
    }
    let mut words = split_phrase(m);
    if words.is_empty() {
        return;
    }
    // In a synonym set a final `_` closes the word: `KRONER_` is not "kroneren".
    if m.ends_with('_') {
        if let Some(last) = words.last_mut() {
            last.exact = true;
            last.regular = false;
        }
    }
    if plurals && !m.ends_with('_') {
        let mut pl = words.clone();
        let last = pl.last_mut().expect("non-empty");
        last.text = plural(&last.text).into();
        out.push(pl);
    }
    out.push(words);
}

/// Tokenises a pattern body into raw elements with their gaps (to the previous element).
fn parse_pattern(body: &str, plurals: bool) -> Result<Vec<(Raw, u8)>, String> {
    let mut s = String::with_capacity(body.len() + 16);
    for c in body.chars() {
        match c {
            '{' | '}' | '(' | ')' | '|' | '*' => {
                s.push(' ');
                s.push(c);
                s.push(' ');
            }
            _ => s.push(c),
        }
    }
    let mut out: Vec<(Raw, u8)> = Vec::new();
    let mut adj = false;
    // Group state: None, NP `{`, PP `(`, Alt `{ | }`.
    let mut group: Option<char> = None;
    let mut group_start = 0usize;
    let mut alt_cur: Vec<Word> = Vec::new();
    let mut alts: Vec<Vec<Word>> = Vec::new();
    let mut alt_adj = false;
    let mut stars = 0;
    let chunks: Vec<&str> = s.split_whitespace().collect();
    for (ci, chunk) in chunks.iter().enumerate() {
        match *chunk {
            "{" => {
                let closes = chunks[ci..].iter().position(|c| *c == "}");
                let is_alt = closes.is_some_and(|e| chunks[ci..ci + e].contains(&"|"));
                group = Some(if is_alt { '|' } else { '{' });
                group_start = out.len();
                if is_alt {
                    alt_adj = adj;
                    adj = false;
                }
                alts.clear();
                alt_cur.clear();
                continue;
            }
            "(" => {
                group = Some('(');
                group_start = out.len();
                continue;
            }
            "}" | ")" => {
                if group == Some('|') {
                    if !alt_cur.is_empty() {
                        alts.push(std::mem::take(&mut alt_cur));
                    }
                    let gap = if alt_adj { 0 } else { FREE };
                    out.push((Raw::Words(std::mem::take(&mut alts)), gap));
                }
                group = None;
                continue;
            }
            "|" => {
                if !alt_cur.is_empty() {
                    alts.push(std::mem::take(&mut alt_cur));
                }
                continue;
            }
            _ => {}
        }
        let starts_adj = chunk.starts_with('_');
        let ends_adj = chunk.ends_with('_') && chunk.len() > 1;
        let parts: Vec<&str> = chunk.split('_').filter(|p| !p.is_empty()).collect();
        let nparts = parts.len();
        for (pi, part) in parts.into_iter().enumerate() {
            let in_group_inner = group.is_some() && out.len() > group_start;
            let gap = if pi > 0 || adj || starts_adj {
                0
            } else if in_group_inner {
                if group == Some('{') {
                    NP_GAP
                } else {
                    PP_GAP
                }
            } else {
                FREE
            };
            adj = false;
            let exact_last = ends_adj && pi + 1 == nparts;
            if group == Some('|') {
                let mut toks = Vec::new();
                if let Some(name) = part.strip_prefix('&') {
                    // A synonym set inside alternatives: expanded once the sets are known.
                    toks.push(format!("&{}", name.to_uppercase()));
                } else {
                    split_token(part, &mut toks);
                }
                // A word after a space inside `{ A B | C }` may come after a gap (TABARI).
                let spaced = pi == 0 && !alt_cur.is_empty();
                alt_cur.extend(toks.into_iter().enumerate().map(|(k, t)| {
                    let mut w = Word::new(&t, exact_last);
                    w.loose = spaced && k == 0;
                    w
                }));
                continue;
            }
            let raw = match part {
                "*" => {
                    stars += 1;
                    Raw::Star
                }
                "$" => Raw::Source,
                "+" => Raw::Target,
                "%" => Raw::Compound,
                "^" => Raw::Skip,
                p if p.starts_with('&') => Raw::Syn(p[1..].into()),
                p => {
                    // TABARI `REAL~`: the word with any ending (`really`), never exact.
                    let (p, any_end) = match p.strip_suffix('~') {
                        Some(stem) => (stem, true),
                        None => (p, false),
                    };
                    let exact_last = exact_last && !any_end;
                    let mut toks = Vec::new();
                    split_token(p, &mut toks);
                    let n = toks.len();
                    let mut words: Vec<Word> = toks
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| Word::new(&t, i + 1 < n || exact_last))
                        .collect();
                    let mut alts = vec![words.clone()];
                    if plurals && !exact_last {
                        if let Some(last) = words.last_mut() {
                            if last.text.chars().all(|c| c.is_alphabetic()) && last.text.len() > 2 {
                                last.text = plural(&last.text).into();
                                last.plural = true;
                                alts.push(words);
                            }
                        }
                    }
                    Raw::Words(alts)
                }
            };
            out.push((raw, gap));
        }
        if ends_adj {
            adj = true;
        }
    }
    if stars != 1 {
        return Err(format!("pattern needs exactly one `*`, found {stars}"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const VERBS: &str = "\
&MONEY
+DOLLAR
+EURO
+&METAL
&METAL
+GOLD_
--- PLEDGE [030] ---
PLEDGE
+HAND_OVER {+HANDED_OVER +HANDS_OVER}
VOW {VOWS VOWED VOWING} [032]  # its own code
- * {&MONEY AID} [0331]  # money
- * (TO &MONEY) (FOR +) [0332:0333]
- $ REPEATEDLY * [---]
- * &NOSUCH [040]
- * TWO * [040]
";

    fn load(text: &str) -> (Verbs, Vec<LoadError>) {
        let mut v = Verbs::default();
        let mut e = Vec::new();
        v.read("t.verbs", text, false, true, &mut e);
        v.finish();
        (v, e)
    }

    #[test]
    fn reads_families_forms_and_patterns() {
        let (v, errs) = load(VERBS);
        let mut lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
        lines.sort();
        assert_eq!(lines, [14, 15], "{errs:?}");
        assert_eq!(v.blocks.len(), 1);
        assert_eq!(v.blocks[0].code.primary.as_deref(), Some("030"));
        let b = &v.blocks[0];
        assert_eq!(b.patterns.len(), 3);
        // Most specific first: the two-phrase pattern.
        assert_eq!(b.patterns[0].code.primary.as_deref(), Some("0332"));
        assert_eq!(b.patterns[0].code.paired.as_deref(), Some("0333"));
        let null = b.patterns.iter().find(|p| p.line == 13).unwrap();
        assert_eq!(null.code.primary, None);
        assert!(matches!(null.lower[1], Elem::Source { .. }));
        // Synonym set expanded through the nested set, with plurals.
        let money = &v.synsets[v.synset_names["MONEY"] as usize];
        let flat: Vec<String> = money.iter().map(|w| w[0].text.to_string()).collect();
        assert!(flat.contains(&"DOLLARS".to_string()));
        assert!(flat.contains(&"GOLD".to_string()));
        assert!(!flat.contains(&"GOLDS".to_string()));
        let find = |toks: &[&str]| {
            v.index
                .longest_at(toks, 0, false)
                .map(|(n, f)| (n, v.forms[f as usize].clone()))
        };
        let (n, f) = find(&["HANDED", "OVER"]).unwrap();
        assert_eq!((n, f.verb_pos), (2, 0));
        assert!(find(&["PLEDGED"]).is_some());
        let (_, f) = find(&["VOWED"]).unwrap();
        assert_eq!(f.code.unwrap().primary.as_deref(), Some("032"));
        assert!(
            find(&["VOWES"]).is_none(),
            "irregular forms replace regular ones"
        );
    }

    #[test]
    fn tabari_verbs_and_alternatives() {
        let text = "ACCORD  [---]\n- SAID_+ * DEMAND_{ GENEVA_ | HAGUE }_RULES [111] ;c\nACT_ [100]\n{ ACTING_ ACTED_ }\n- * RESOLUTION [102]\n";
        let mut v = Verbs::default();
        let mut e = Vec::new();
        v.read("t.verbs", text, true, false, &mut e);
        v.finish();
        assert!(e.is_empty(), "{e:?}");
        assert_eq!(v.blocks.len(), 2);
        let p = &v.blocks[0].patterns[0];
        assert!(matches!(p.lower[0], Elem::Target { gap: FREE }), "{:?}", p);
        assert!(matches!(p.lower[1], Elem::Words { gap: 0, .. }));
        assert_eq!(p.upper.len(), 3);
        assert!(matches!(&p.upper[1], Elem::Words { alts, gap: 0 } if alts.len() == 2));
        assert!(v.index.longest_at(&["ACTED"], 0, true).is_some());
        assert!(v.index.longest_at(&["ACTUALLY"], 0, true).is_none());
        assert!(v.index.longest_at(&["ACCORDING"], 0, true).is_some());
    }

    #[test]
    fn paired_and_null_codes() {
        assert_eq!(Code::parse("---"), Code::default());
        let c = Code::parse("043:042");
        assert_eq!(
            (c.primary.as_deref(), c.paired.as_deref()),
            (Some("043"), Some("042"))
        );
    }
}
