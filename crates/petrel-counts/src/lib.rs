//! Counts: numbers in news attached to what they count — people killed, wounded or
//! arrested, crowd sizes, troops, sums of money with their ISO 4217 currency — with a
//! qualifier (`at_least`, `at_most`, `about`, `exact`).
//!
//! The kind comes from the counted noun ("84 deaths", "5,000 troops") or, for nouns of
//! people ("30 civilians"), from a casualty/arrest/protest verb nearby ("were killed",
//! "killing"). Numbers inside time expressions (`doc.times`, so run after the time
//! component), years, percentages and clock times are skipped. Word lists are in `data/`.

use petrel_doc::{Component, ComponentError, Count, Document};
use petrel_time::words::Words;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The pipeline component that fills `doc.counts`.
#[derive(Debug, Default, Clone, Copy)]
pub struct CountsComponent;

impl Component for CountsComponent {
    fn name(&self) -> &'static str {
        "counts"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        doc.counts = extract(doc);
        Ok(())
    }
}

/// Word sequences keyed by first word, longest first.
struct Phrases<T> {
    by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>>,
}

impl<T: Copy> Phrases<T> {
    fn new(rows: impl Iterator<Item = (&'static str, T)>) -> Self {
        let mut by_first: FxHashMap<&'static str, Vec<(Vec<&'static str>, T)>> =
            FxHashMap::default();
        for (p, v) in rows {
            let ws: Vec<&'static str> = p.split(' ').filter(|w| !w.is_empty()).collect();
            if let Some(&f) = ws.first() {
                by_first.entry(f).or_default().push((ws, v));
            }
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|b| std::cmp::Reverse(b.0.len()));
        }
        Phrases { by_first }
    }

    fn longest(&self, w: &Words, i: usize) -> Option<(usize, T)> {
        let cands = self.by_first.get(w.key(i))?;
        'o: for (ws, v) in cands {
            for (k, x) in ws.iter().enumerate().skip(1) {
                if w.key(i + k) != *x {
                    continue 'o;
                }
            }
            return Some((i + ws.len(), *v));
        }
        None
    }
}

/// A currency word: its ISO code, where it stands and what one unit is worth in the main
/// unit (cents: 0.01).
#[derive(Debug, Clone, Copy)]
struct Currency {
    iso: &'static str,
    pos: CurPos,
    factor: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CurPos {
    Pre,
    Post,
    /// After the number only with a multiplier ("5 million pounds", not "500 pounds").
    Big,
}

struct Lexicon {
    numerals: Phrases<f64>,
    multipliers: FxHashMap<&'static str, f64>,
    vague: Phrases<f64>,
    qualifiers: Phrases<&'static str>,
    currencies: Phrases<Currency>,
    nouns: FxHashMap<&'static str, &'static str>,
    verbs: Phrases<&'static str>,
    /// Count kind → CAMEO code prefixes of the events it can belong to.
    event_roots: FxHashMap<&'static str, Vec<&'static str>>,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    fn get() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(|| Lexicon {
            numerals: Phrases::new(
                rows(include_str!("../data/numerals.tsv"))
                    .filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?))),
            ),
            multipliers: rows(include_str!("../data/multipliers.tsv"))
                .filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?)))
                .collect(),
            vague: Phrases::new(
                rows(include_str!("../data/vague.tsv"))
                    .filter_map(|r| Some((*r.first()?, r.get(1)?.parse().ok()?))),
            ),
            qualifiers: Phrases::new(
                rows(include_str!("../data/qualifiers.tsv"))
                    .filter_map(|r| Some((*r.first()?, *r.get(1)?))),
            ),
            currencies: Phrases::new(rows(include_str!("../data/currencies.tsv")).filter_map(
                |r| {
                    let pos = match *r.get(2)? {
                        "pre" => CurPos::Pre,
                        "big" => CurPos::Big,
                        _ => CurPos::Post,
                    };
                    let factor = r.get(3).and_then(|f| f.parse().ok()).unwrap_or(1.0);
                    Some((
                        *r.first()?,
                        Currency {
                            iso: r.get(1)?,
                            pos,
                            factor,
                        },
                    ))
                },
            )),
            nouns: rows(include_str!("../data/nouns.tsv"))
                .filter_map(|r| Some((*r.first()?, *r.get(1)?)))
                .collect(),
            verbs: Phrases::new(
                rows(include_str!("../data/verbs.tsv"))
                    .filter_map(|r| Some((*r.first()?, *r.get(1)?))),
            ),
            event_roots: rows(include_str!("../data/events.tsv"))
                .filter_map(|r| Some((*r.first()?, r.get(1)?.split('|').collect())))
                .collect(),
        })
    }
}

/// A number read at some word: its end, value, and whether it is vague ("hundreds of").
struct Num {
    end: usize,
    value: f64,
    vague: bool,
}

/// Parses digits with optional thousands commas and decimals, and an optional attached
/// multiplier suffix ("50m", "1.5bn").
fn parse_digits(key: &str, lex: &Lexicon) -> Option<f64> {
    let split = key
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(key.len());
    let (digits, suffix) = key.split_at(split);
    if digits.is_empty() || !digits.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    // 1,000 / 12,500,000: commas every three digits only
    if digits.contains(',') {
        let int = digits.split('.').next().unwrap_or("");
        let groups: Vec<&str> = int.split(',').collect();
        if groups[1..].iter().any(|g| g.len() != 3) || groups[0].is_empty() || groups[0].len() > 3 {
            return None;
        }
    }
    let v: f64 = digits.replace(',', "").parse().ok()?;
    if suffix.is_empty() {
        return Some(v);
    }
    let &m = lex.multipliers.get(suffix)?;
    Some(v * m)
}

struct Reader<'a> {
    w: &'a Words,
    lex: &'a Lexicon,
}

impl Reader<'_> {
    fn k(&self, i: usize) -> &str {
        self.w.key(i)
    }

    /// A number at `i`: digits, number words, "a dozen", vague "hundreds of", with a
    /// multiplier ("1.5 million", "50 m").
    fn number(&self, i: usize) -> Option<Num> {
        let k = self.k(i);
        let (mut end, mut value, vague) = if let Some(v) = parse_digits(k, self.lex) {
            (i + 1, v, false)
        } else if let Some((e, v)) = self.lex.vague.longest(self.w, i) {
            // "dozens of people"; also "dozens wounded", "hundreds were detained", where
            // a counted noun or a casualty verb follows at once.
            let end = if self.k(e) == "of" {
                e + 1
            } else if self.lex.nouns.contains_key(self.k(e))
                || (e..e + 3).any(|j| self.lex.verbs.longest(self.w, j).is_some())
            {
                e
            } else {
                return None;
            };
            return Some(Num {
                end,
                value: v,
                vague: true,
            });
        } else if let Some((e, v)) = self.lex.numerals.longest(self.w, i) {
            let mut v = v;
            let mut e = e;
            // twenty-five / twenty five
            if (20.0..100.0).contains(&v) && v % 10.0 == 0.0 {
                let (skip, nk) = if self.k(e) == "-" { (2, e + 1) } else { (1, e) };
                if let Some((e2, u)) = self.lex.numerals.longest(self.w, nk) {
                    if u < 10.0 && e2 == nk + 1 {
                        v += u;
                        e += skip;
                    }
                }
            }
            (e, v, false)
        } else {
            return None;
        };
        // multipliers, possibly stacked ("a hundred thousand")
        let mut stacked = 0;
        while let Some(&m) = self.lex.multipliers.get(self.k(end)) {
            stacked += 1;
            if stacked > 2 {
                break;
            }
            // a bare "m" must touch the number or follow it directly ("50m", "50 m")
            if matches!(self.k(end), "m" | "k") && !self.w.touches_next(end - 1) {
                break;
            }
            value *= m;
            end += 1;
        }
        Some(Num { end, value, vague })
    }

    /// The kind given by a verb near the counted phrase `[a, b)`.
    fn verb_kind(&self, a: usize, b: usize) -> Option<&'static str> {
        // right: "were killed", "have been arrested", "died"
        let stop = |k: &str| matches!(k, "." | ";" | "?" | "!");
        // a verb right before: "killing 23", "killed at least 110 people"
        for j in (a.saturating_sub(2)..a).rev() {
            if let Some((e, kind)) = self.lex.verbs.longest(self.w, j) {
                if e >= a {
                    return Some(kind);
                }
            }
        }
        for j in b..b + 6 {
            if stop(self.k(j)) || self.k(j).is_empty() {
                break;
            }
            if let Some((_, kind)) = self.lex.verbs.longest(self.w, j) {
                return Some(kind);
            }
        }
        // left: "killing 30", "killed at least 84 people"; but "… were killed and two were
        // freed": a count that opens its own clause takes no verb from the one before.
        let own_clause = matches!(
            self.k(b),
            "were" | "was" | "are" | "is" | "have" | "had" | "has"
        );
        let lo = a.saturating_sub(4);
        for j in (lo..a).rev() {
            if stop(self.k(j)) || own_clause && matches!(self.k(j), "and" | "but" | "while") {
                break;
            }
            if let Some((_, kind)) = self.lex.verbs.longest(self.w, j) {
                return Some(kind);
            }
        }
        None
    }
}

/// Whether the number ending before word `end` counts a thing the tagger calls a common noun
/// that is no noun of `data/nouns.tsv` ("in five Ukrainian regions, killing …": five
/// regions, not five dead), past up to two adjectives. Names ("killing 12 Ukrainians") and
/// untagged text keep the verb's kind.
fn counts_a_thing(doc: &Document, w: &Words, end: usize) -> bool {
    if !w.from_tokens || doc.tokens.xpos.len() != w.len() {
        return false;
    }
    let xpos = |i: usize| doc.tokens.xpos.get(i).map(|&x| doc.strings.resolve(x));
    let mut i = end;
    while i < end + 2 && xpos(i) == Some("JJ") {
        i += 1;
    }
    matches!(xpos(i), Some("NN" | "NNS"))
}

/// Finds the counts of `doc` (without storing them).
pub fn extract(doc: &Document) -> Vec<Count> {
    let w = Words::new(doc);
    let lex = Lexicon::get();
    let r = Reader { w: &w, lex };
    let mut out = Vec::new();
    let in_time = |s: u32, e: u32| doc.times.iter().any(|t| t.start < e && s < t.end);
    let n = w.len();
    let mut i = 0;
    while i < n {
        let start = i;
        let mut j = i;
        let mut qualifier = "exact";
        if let Some((e, q)) = lex.qualifiers.longest(&w, j) {
            qualifier = q;
            j = e;
        }
        let mut currency = None;
        if let Some((e, cur)) = lex.currencies.longest(&w, j) {
            if cur.pos == CurPos::Pre {
                currency = Some(cur.iso);
                j = e;
            }
        }
        // qualifier after the currency: "$ more than"? rare; skip
        let Some(num) = r.number(j) else {
            i += 1;
            continue;
        };
        let (s_off, e_off) = (w.start[j], w.end[num.end - 1]);
        let k = w.key(j);
        // years, times, percentages, ordinals are not counts
        let is_year = !num.vague
            && k.len() == 4
            && k.bytes().all(|b| b.is_ascii_digit())
            && (1000.0..=2100.0).contains(&num.value)
            && currency.is_none();
        let next = w.key(num.end);
        // ages ("a 6-year-old", "40 years old") and "one of them" are not counts
        let age = (next == "-" && w.key(num.end + 1) == "year" && w.key(num.end + 3) == "old")
            || (matches!(next, "years" | "year") && w.key(num.end + 1) == "old");
        let one_of = num.value == 1.0 && matches!(next, "of" | "another" | "other");
        if age
            || one_of
            || is_year
            || in_time(s_off, e_off)
            || matches!(next, "%" | "percent" | "per" | "pm" | "am")
            || (j > 0 && matches!(w.key(j - 1), "no" | "number" | "#"))
        {
            i = num.end.max(i + 1);
            continue;
        }
        let mut end = num.end;
        if num.vague && qualifier == "exact" {
            qualifier = "at_least";
        }
        // post currency: "50 million euros", "200 dollars"
        let mut value = num.value;
        if currency.is_none() {
            if let Some((e, cur)) = lex.currencies.longest(&w, end) {
                let multiplied = lex.multipliers.contains_key(w.key(end - 1))
                    || w.key(j).ends_with(|c: char| c.is_ascii_alphabetic());
                if cur.pos == CurPos::Post || (cur.pos == CurPos::Big && multiplied) {
                    currency = Some(cur.iso);
                    value *= cur.factor;
                    end = e;
                }
            }
        }
        let kind: &str = if currency.is_some() {
            "money"
        } else {
            // the counted noun: skip up to two modifiers ("84 unarmed civilians") and a
            // partitive "of (the)" ("thousands of striking teachers", "12 of the soldiers")
            let mut noun = None;
            let mut d = 0;
            let mut modifiers = 0;
            while modifiers < 3 {
                let key = w.key(end + d);
                if let Some(&kind) = lex.nouns.get(key) {
                    noun = Some((end + d + 1, kind));
                    break;
                }
                let partitive =
                    d == 0 && key == "of" || d == 1 && key == "the" && w.key(end) == "of";
                if !partitive {
                    if matches!(
                        key,
                        "." | "," | ";" | "" | "of" | "and" | "to" | "in" | "on" | "at"
                    ) {
                        break;
                    }
                    modifiers += 1;
                }
                d += 1;
            }
            // "troops numbering about 2,000", "the crowd, estimated at 5,000": the noun before.
            let noun = noun.or_else(|| {
                let before = |d: usize| if start >= d { w.key(start - d) } else { "" };
                let mut gap = match (before(2), before(1)) {
                    ("estimated" | "put", "at") => {
                        if qualifier == "exact" {
                            qualifier = "about";
                        }
                        3
                    }
                    (_, "numbering" | "totalling" | "totaling" | "of" | "reaching") => 2,
                    _ => return None,
                };
                if before(gap) == "," {
                    gap += 1;
                }
                Some((end, *lex.nouns.get(before(gap))?))
            });
            match noun {
                Some((e, kind)) => {
                    end = e;
                    match (kind, r.verb_kind(start, end)) {
                        ("person", v) => v.unwrap_or("other"),
                        // "12 soldiers were killed", "300 protesters were detained"
                        ("troops" | "crowd", Some(v @ ("killed" | "wounded" | "arrested"))) => v,
                        (k, _) => k,
                    }
                }
                None if counts_a_thing(doc, &w, end) => "other",
                None => {
                    // "the death toll rose to 84", "killing 12", "thousands marched"
                    match r.verb_kind(start, end) {
                        Some(k) if matches!(k, "killed" | "wounded" | "arrested" | "crowd") => k,
                        _ => "other",
                    }
                }
            }
        };
        let (s, e) = (w.start[start], w.end[end - 1]);
        let sentence = if doc.sentences.is_empty() {
            0
        } else {
            doc.sentences
                .partition_point(|x| x.end <= s)
                .min(doc.sentences.len() - 1) as u32
        };
        out.push(Count {
            text: doc.text[s as usize..e as usize].to_string(),
            start: s,
            end: e,
            kind: kind.to_string(),
            value,
            currency: currency.map(str::to_string),
            qualifier: qualifier.to_string(),
            sentence,
        });
        i = end.max(i + 1);
    }
    out
}

/// The counts that belong to the event triggered by token `token` with CAMEO code `cameo`,
/// nearest first (indices into `doc.counts`), for the events component to
/// attach. A count must be in the event's sentence and fit it: casualties, arrests, crowds,
/// troops and money fit the event codes listed in `data/events.tsv` ("14 people were
/// detained" fits an arrest, not the shelling in the same sentence); other counts must be in
/// the event's own clause when the sentence is parsed.
pub fn counts_for_event(doc: &Document, token: usize, cameo: &str) -> Vec<u32> {
    if token >= doc.tokens.len() {
        return Vec::new();
    }
    let t = doc.tokens.start[token];
    let sent = if doc.sentences.is_empty() {
        0
    } else {
        doc.sentence_of(token) as u32
    };
    let lex = Lexicon::get();
    let clause = doc.tokens.is_parsed().then(|| clause_head(doc, token));
    let fits = |c: &Count| match lex.event_roots.get(c.kind.as_str()) {
        Some(prefixes) => prefixes.iter().any(|p| cameo.starts_with(p)),
        None => clause.is_none_or(|h| {
            phrase_head(doc, c.start, c.end).map(|p| clause_head(doc, p)) == Some(h)
        }),
    };
    let mut v: Vec<(u32, u32)> = doc
        .counts
        .iter()
        .enumerate()
        .filter(|(_, c)| c.sentence == sent && fits(c))
        .map(|(i, c)| (c.start.abs_diff(t), i as u32))
        .collect();
    v.sort_unstable();
    v.into_iter().map(|(_, i)| i).collect()
}

/// Relations that open a clause of their own: a count below one belongs to that clause.
const CLAUSAL: &[&str] = &[
    "root",
    "ccomp",
    "xcomp",
    "advcl",
    "parataxis",
    "csubj",
    "csubj:pass",
    "acl:relcl",
    "conj",
];

/// The head of the clause token `i` belongs to: walk up through nominal and modifier
/// relations until a token attached by a clausal relation (a `conj` only between verbs).
fn clause_head(doc: &Document, mut i: usize) -> usize {
    for _ in 0..32 {
        let rel = doc.strings.resolve(doc.tokens.deprel[i]);
        let h = doc.tokens.head[i];
        let verbal = matches!(doc.strings.resolve(doc.tokens.upos[i]), "VERB" | "AUX");
        if h == petrel_doc::NO_HEAD || (CLAUSAL.contains(&rel) && (rel != "conj" || verbal)) {
            return i;
        }
        i = h as usize;
    }
    i
}

/// The token of byte span `[s, e)` whose head lies outside it.
fn phrase_head(doc: &Document, s: u32, e: u32) -> Option<usize> {
    let a = doc.tokens.start.partition_point(|&x| x < s);
    let b = doc.tokens.start.partition_point(|&x| x < e);
    (a..b).find(|&i| {
        let h = doc.tokens.head[i];
        h == petrel_doc::NO_HEAD || !(a..b).contains(&(h as usize))
    })
}
