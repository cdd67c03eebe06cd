//! The places component: finds place names over tokens and resolves them, and picks the
//! location of an event from the places around its trigger.

use crate::gazetteer::{Feature, Gazetteer, MatchKind};
use crate::resolve::{resolve, Toponym};
use petrel_doc::{Component, ComponentError, Document, MentionKind, Place};
use rustc_hash::FxHashSet;

const NOT_PLACES: &str = include_str!("../data/not_places.txt");
const LOCATIVE: &str = include_str!("../data/locative.txt");
/// Kinds of place before "of" + a name (`data/place_nouns.txt`).
static PLACE_NOUNS: std::sync::LazyLock<FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_set(include_str!("../data/place_nouns.txt")));
const INSTITUTIONS: &str = include_str!("../data/institutions.txt");
const NAME_PREFIXES: &str = include_str!("../data/name_prefixes.txt");
/// Verbs of saying that mark the one-word name before them as a person's.
static SPEECH_VERBS: std::sync::LazyLock<FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_set(include_str!("../data/speech_verbs.txt")));
/// Nouns that, after "X 's", mark X as a person's name.
static PERSON_NOUNS: std::sync::LazyLock<FxHashSet<&'static str>> =
    std::sync::LazyLock::new(|| word_set(include_str!("../data/person_nouns.txt")));
/// Prepositions that put a name as a place where something is ("in Clinton"), unlike
/// "to", "from" or "of", which as often take a person ("a letter to Clinton").
const PLACE_ONLY_PREPS: &[&str] = &["in", "near", "outside", "inside", "throughout", "within"];
/// Cities this big keep their reading whatever the article says of a namesake person.
const BIG_CITY: u64 = 1_000_000;
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "sen",
    "senator",
    "gov",
    "governor",
    "rep",
    "gen",
    "general",
    "judge",
    "mayor",
    "sheriff",
    "officer",
    "minister",
    "king",
    "queen",
    "prince",
    "lt",
    "sgt",
    "capt",
    "col",
    "det",
    "chief",
    "coach",
    "rev",
    "father",
    "saint",
    "pope",
];
/// Towns this small are only taken with a cue (a preposition or a qualifier).
const SMALL_TOWN: u64 = 5_000;

fn word_set(text: &'static str) -> FxHashSet<&'static str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Fills `doc.places` with the place names of the article, resolved to coordinates.
pub struct PlacesComponent {
    gazetteer: &'static Gazetteer,
    not_places: FxHashSet<&'static str>,
    locative: FxHashSet<&'static str>,
    institutions: FxHashSet<&'static str>,
    prefixes: FxHashSet<&'static str>,
}

impl Default for PlacesComponent {
    fn default() -> Self {
        PlacesComponent {
            gazetteer: Gazetteer::embedded(),
            not_places: word_set(NOT_PLACES),
            locative: word_set(LOCATIVE),
            institutions: word_set(INSTITUTIONS),
            prefixes: word_set(NAME_PREFIXES),
        }
    }
}

fn is_capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// Whether the one-word name at token `i` is used for a person right there: a verb of
/// saying follows ("Cruz said") or "'s" and a person noun ("Rubio's campaign").
fn person_use(doc: &Document, i: usize) -> bool {
    let n = doc.tokens.len();
    let low = |k: usize| (k < n).then(|| doc.form(k).to_lowercase());
    match low(i + 1).as_deref() {
        Some(w) if SPEECH_VERBS.contains(w) => true,
        Some("'s") => low(i + 2).is_some_and(|w| PERSON_NOUNS.contains(w.as_str())),
        _ => false,
    }
}

/// Whether the name at tokens `[from, to)` follows a preposition that makes it a place
/// ("in Clinton"), and is not the owner of something ("in Clinton's campaign").
fn place_only_prep(doc: &Document, from: usize, to: usize, sent_start: usize) -> bool {
    from > sent_start
        && PLACE_ONLY_PREPS
            .iter()
            .any(|p| doc.form(from - 1).eq_ignore_ascii_case(p))
        && !(to < doc.tokens.len() && doc.form(to) == "'s")
}

impl PlacesComponent {
    /// Finds toponym spans as token ranges `[from, to)`.
    pub fn recognise(&self, doc: &Document) -> Vec<(usize, usize)> {
        let g = self.gazetteer;
        let n = doc.tokens.len();
        let mut lower_words: FxHashSet<String> = FxHashSet::default();
        for i in 0..n {
            let f = doc.form(i);
            if f.chars().next().is_some_and(char::is_lowercase) {
                lower_words.insert(f.to_string());
            }
        }
        // Surnames: the last word of a capitalised pair after a title or an unknown first
        // word ("Mr. Jones", "Sarah Jones"); alone later in the article they are people.
        // Counted per name: each use as a person is a vote against a place reading.
        let mut votes: rustc_hash::FxHashMap<String, i32> = Default::default();
        // Tokens already counted, so that "Mr. Jones" found as a pair and as a person
        // mention is one vote.
        let mut counted: FxHashSet<usize> = FxHashSet::default();
        // Surnames of full names the article certainly gives to people: after a title
        // ("Sen. Maria Pando") or ending a person mention from the actors. (A guessed
        // first name may be "Air" in "Air Berlin".)
        let mut named: FxHashSet<usize> = FxHashSet::default();
        // Any word is capitalised at the start of a sentence ("Overall Edmonton did well").
        let sentence_start: FxHashSet<usize> = doc
            .sentences
            .iter()
            .map(|s| s.token_range().start)
            .collect();
        for i in 1..n {
            let (a, b) = (doc.form(i - 1), doc.form(i));
            let pair_of_names =
                is_capitalised(a) && is_capitalised(b) && b.chars().all(char::is_alphabetic);
            if !pair_of_names {
                continue;
            }
            let a_low = a.trim_end_matches('.').to_lowercase();
            let pair = &doc.text[doc.tokens.start[i - 1] as usize..doc.tokens.end[i] as usize];
            let title = TITLES.contains(&a_low.as_str());
            // Not a capitalised function word ("A Gainesville man").
            let first_name = a.chars().all(char::is_alphabetic)
                && a.len() > 1
                && !a.chars().skip(1).any(char::is_uppercase)
                && !sentence_start.contains(&(i - 1))
                && (i < 2 || doc.form(i - 2).chars().any(char::is_alphanumeric))
                && !lower_words.contains(&a_low)
                // Only small places share a first name ("Andrew", not "Jordan").
                && g.lookup(a).iter().all(|&(id, _)| {
                    let e = g.entry(id);
                    e.population < 20_000
                        && matches!(e.feature, Feature::City | Feature::Admin2)
                })
                && g.lookup(pair).is_empty()
                && !self.not_places.contains(a_low.as_str())
                && i + 1 < n
                && !is_capitalised(doc.form(i + 1));
            // "Matthew D. Flores": a middle initial after a capitalised word.
            let initial = a.len() == 2
                && a.ends_with('.')
                && a.starts_with(|c: char| c.is_ascii_uppercase())
                && i >= 2
                && is_capitalised(doc.form(i - 2))
                && !sentence_start.contains(&(i - 2));
            if title || first_name || initial {
                counted.insert(i);
                let titled = |k: usize| {
                    TITLES.contains(&doc.form(k).trim_end_matches('.').to_lowercase().as_str())
                };
                if title || (i >= 2 && first_name && titled(i - 2)) {
                    named.insert(i);
                }
                *votes.entry(b.to_lowercase()).or_default() += 1;
            }
        }
        // The last word of a longer person mention from the actors ("Sam Trapani").
        for m in &doc.mentions {
            let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
            if m.kind == MentionKind::Person && b > a + 1 && b <= n {
                let last = doc.form(b - 1);
                if is_capitalised(last) && last.chars().all(char::is_alphabetic) {
                    named.insert(b - 1);
                    if counted.insert(b - 1) {
                        *votes.entry(last.to_lowercase()).or_default() += 1;
                    }
                }
            }
        }
        // A one-word name the article uses for a person ("Cruz said", "Rubio's aides")
        // counts only for a name already seen as a person's: towns say things too
        // ("Gainesville says no", "crew based at Heathrow said").
        for i in 0..n {
            let w = doc.form(i);
            if is_capitalised(w)
                && w.chars().all(char::is_alphabetic)
                && !counted.contains(&i)
                && person_use(doc, i)
            {
                if let Some(v) = votes.get_mut(&w.to_lowercase()) {
                    *v += 1;
                }
            }
        }
        // A name the article also puts after "in" or "near" is a place there, unless the
        // article uses it for a person more often ("in Clinton an ally" among many "Clinton
        // said"). "To", "from", "at" and "of" take people as often ("a jab at Clinton").
        if !votes.is_empty() {
            for sent in &doc.sentences {
                let r = sent.token_range();
                for i in r.clone() {
                    let w = doc.form(i);
                    if is_capitalised(w) && place_only_prep(doc, i, i + 1, r.start) {
                        if let Some(v) = votes.get_mut(&w.to_lowercase()) {
                            *v -= 1;
                        }
                    }
                }
            }
        }
        let surnames: FxHashSet<String> = votes
            .into_iter()
            .filter(|&(_, v)| v > 0)
            .map(|(w, _)| w)
            .collect();
        // A place inside a longer person or organisation name is kept when it is not part
        // of the proper name itself: "a U.S. citizen", "police in Osh", "Gainesville
        // Police"; not "Jordan Smith" or "the Washington Post".
        // The person and organisation mentions covering each token, so that the check
        // below costs the mentions at one token, not all the article's (linear, not
        // quadratic, in long articles).
        let mut covering: Vec<Vec<u32>> = vec![Vec::new(); n];
        for (k, m) in doc.mentions.iter().enumerate() {
            if matches!(m.kind, MentionKind::Person | MentionKind::Organisation) {
                let (ms, me) = (m.tokens.0 as usize, (m.tokens.1 as usize).min(n));
                for c in &mut covering[ms.min(me)..me] {
                    c.push(k as u32);
                }
            }
        }
        let at = |from: usize| covering[from].iter().map(|&k| &doc.mentions[k as usize]);
        let person_or_org = |from: usize, to: usize, strong: bool| {
            at(from).any(|m| {
                let (ms, me) = (m.tokens.0 as usize, m.tokens.1 as usize);
                if !matches!(m.kind, MentionKind::Person | MentionKind::Organisation)
                    || from < ms
                    || me < to
                    || me - ms <= to - from
                {
                    return false;
                }
                let prev_name = from > ms && is_capitalised(doc.form(from - 1));
                let next_name =
                    to < me && is_capitalised(doc.form(to)) && !self.institution(doc, to);
                prev_name || next_name
            }) || !strong
                // A one-word name the actors call a person is taken as one only with
                // evidence in the article ("Mr. Denton", "Bill Denton").
                && (to - from > 1 || surnames.contains(&doc.form(from).to_lowercase()))
                && at(from).any(|m| {
                    m.kind == MentionKind::Person
                        && m.tokens.0 as usize == from
                        && m.tokens.1 as usize == to
                })
        };
        let mut out = Vec::new();
        for sent in &doc.sentences {
            let r = sent.token_range();
            let mut i = r.start;
            while i < r.end {
                if !is_capitalised(doc.form(i)) {
                    i += 1;
                    continue;
                }
                let mut found = None;
                let max = g.max_words.min(6).min(r.end - i);
                for len in (1..=max).rev() {
                    let to = i + len;
                    if !is_capitalised(doc.form(to - 1)) {
                        continue;
                    }
                    let surface =
                        &doc.text[doc.tokens.start[i] as usize..doc.tokens.end[to - 1] as usize];
                    let hits = g.lookup(surface);
                    let special = g.exact(surface).is_some() || g.abbreviation(surface).is_some();
                    if hits.is_empty() && !special {
                        continue;
                    }
                    if special {
                        found = Some((to, u64::MAX, Feature::Admin1));
                        break;
                    }
                    // An admin area reached by a short form ("Jones" for Jones County)
                    // counts as a small town: it needs a cue, as surnames are common.
                    let best = hits
                        .iter()
                        .map(|&(id, kind)| {
                            let e = g.entry(id);
                            let short_area = kind == MatchKind::Alternate
                                && matches!(e.feature, Feature::Admin1 | Feature::Admin2);
                            if short_area {
                                (Feature::City, 0)
                            } else {
                                (e.feature, e.population)
                            }
                        })
                        .max_by_key(|&(f, pop)| (f == Feature::Country, pop));
                    // A full admin area name ("Walker County") is as explicit as a
                    // state's name, also at the start of a sentence.
                    let full_area = len > 1
                        && hits.iter().any(|&(id, kind)| {
                            kind == MatchKind::Name
                                && matches!(g.entry(id).feature, Feature::Admin1 | Feature::Admin2)
                        });
                    if full_area {
                        found = Some((to, u64::MAX, Feature::Admin2));
                    } else if let Some((feature, pop)) = best {
                        found = Some((to, pop, feature));
                    }
                    break;
                }
                let Some((to, pop, feature)) = found else {
                    i += 1;
                    continue;
                };
                if self.accept(
                    doc,
                    i,
                    to,
                    (pop, feature),
                    r.start,
                    &lower_words,
                    (&surnames, &named),
                ) && !person_or_org(
                    i,
                    to,
                    // A person is rarely "in X"; a state or country rarely a person.
                    pop == u64::MAX
                        || matches!(
                            feature,
                            Feature::Country | Feature::Admin1 | Feature::Continent
                        )
                        || (i > r.start
                            && self
                                .locative
                                .contains(doc.form(i - 1).to_lowercase().as_str())),
                ) {
                    out.push((i, to));
                    i = to;
                } else {
                    i += 1;
                }
            }
        }
        out
    }

    /// Whether token `i` starts the name of a place's institution ("Police", "City").
    fn institution(&self, doc: &Document, i: usize) -> bool {
        i < doc.tokens.len() && {
            let w = doc.form(i);
            is_capitalised(w) && self.institutions.contains(w.to_lowercase().as_str())
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        doc: &Document,
        from: usize,
        to: usize,
        (pop, feature): (u64, Feature),
        sent_start: usize,
        lower_words: &FxHashSet<String>,
        (surnames, person_tokens): (&FxHashSet<String>, &FxHashSet<usize>),
    ) -> bool {
        let first = doc.form(from);
        let lower = first.to_lowercase();
        let whole = crate::gazetteer::norm_key(
            &doc.text[doc.tokens.start[from] as usize..doc.tokens.end[to - 1] as usize],
        );
        if self.not_places.contains(whole.as_str()) {
            return false;
        }
        if to - from == 1 {
            // A word also written in lower case is a common word ("Much", "Reading"),
            // unless capitals set it apart: "US" the country, not "us".
            let acronym = first.len() >= 2 && first.chars().all(|c| c.is_ascii_uppercase());
            let common = lower_words.contains(&lower) && !(acronym && feature == Feature::Country);
            if self.not_places.contains(lower.as_str()) || common {
                return false;
            }
            // All-capital short words are acronyms, not places ("AP", "CEO"), unless known
            // or written as a dateline ("OSH, Kyrgyzstan").
            let dateline = from == 0
                && to + 1 < doc.tokens.len()
                && doc.form(to) == ","
                && is_capitalised(doc.form(to + 1));
            if first.len() <= 3
                && first.chars().all(|c| c.is_ascii_uppercase())
                && pop != u64::MAX
                && feature != Feature::Country
                && !dateline
            {
                return false;
            }
        }
        let prev = (from > sent_start).then(|| doc.form(from - 1).to_lowercase());
        let prev = prev.as_deref().map(|p| p.trim_end_matches('.'));
        if prev.is_some_and(|p| TITLES.contains(&p)) {
            return false;
        }
        // Part of a longer capitalised name ("Washington Post", "Jordan Smith").
        let next = (to < doc.tokens.len()).then(|| doc.form(to));
        let big = matches!(
            feature,
            Feature::Country | Feature::Admin1 | Feature::Continent
        ) || pop == u64::MAX;
        let locative = prev.is_some_and(|p| self.locative.contains(p));
        let name_goes_on = next
            .is_some_and(|w| is_capitalised(w) && w.chars().all(char::is_alphabetic))
            || (next == Some("-") && to + 1 < doc.tokens.len() && is_capitalised(doc.form(to + 1)));
        if name_goes_on && !big && !self.institution(doc, to) {
            return false;
        }
        // The end of a longer capitalised name ("City Hall", "Lake Superior", "Alex
        // Jones"): the word before is a capitalised word that is not a common word.
        // Any word is capitalised at the start of a sentence ("Three Columbia officers").
        let name_before = from > sent_start + 1 && {
            let p = doc.form(from - 1);
            let low = p.to_lowercase();
            is_capitalised(p)
                && p.chars().all(char::is_alphabetic)
                && !lower_words.contains(&low)
                && !self.prefixes.contains(low.as_str())
        };
        if name_before && !big {
            return false;
        }
        // A one-word name the article gives to a person is that person, unless a place
        // preposition puts it as a place or the place is too big to be taken for another
        // (a country, a capital, a big city). As the surname of a full name right here
        // ("Sen. Maria Pando") or before "said" or "'s campaign" ("Pando said") it is the
        // person even when it also names a state or a capital.
        if to - from == 1
            && surnames.contains(&lower)
            && !place_only_prep(doc, from, to, sent_start)
        {
            let minor = !big && feature != Feature::Capital && pop < BIG_CITY;
            let in_name = person_tokens.contains(&from);
            let state = feature == Feature::Admin1 && pop != u64::MAX;
            let capital = feature == Feature::Capital;
            if minor || in_name && (state || capital) || state && person_use(doc, from) {
                return false;
            }
        }
        let cue = locative
            || next == Some(",") && to + 1 < doc.tokens.len() && is_capitalised(doc.form(to + 1));
        if from == sent_start && !big && pop < 100_000 && !cue {
            return false;
        }
        big || cue || pop >= SMALL_TOWN
    }
}

impl Component for PlacesComponent {
    fn name(&self) -> &'static str {
        "places"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        if doc.tokens.is_empty() {
            return Ok(());
        }
        let spans = self.recognise(doc);
        let tops: Vec<Toponym> = spans
            .iter()
            .map(|&(a, b)| Toponym {
                start: doc.tokens.start[a] as usize,
                end: doc.tokens.end[b - 1] as usize,
            })
            .collect();
        let res = resolve(self.gazetteer, &doc.text, &tops);
        let mut places = Vec::with_capacity(spans.len());
        for ((&(a, _), t), r) in spans.iter().zip(&tops).zip(res) {
            let Some(id) = r else { continue };
            let e = self.gazetteer.entry(id);
            let cc = e.country_code();
            places.push(Place {
                text: doc.text[t.start..t.end].to_string(),
                start: t.start as u32,
                end: t.end as u32,
                name: e.name.to_string(),
                country: (!cc.is_empty()).then(|| cc.to_string()),
                // The gazetteer keeps f32 coordinates; five decimals (about 1 m) is all they hold.
                lat: round5(e.lat),
                lon: round5(e.lon),
                feature: e.feature.as_str().to_string(),
                sentence: doc.sentence_of(a) as u32,
            });
        }
        doc.places = places;
        // "Georgia's governor" beside Atlanta; "a hospital in Kherson".
        crate::locate::recountry_namesakes(doc, self.gazetteer);
        crate::locate::locate_actors(doc);
        Ok(())
    }
}

/// Words that put what follows where an event happens.
const EVENT_PREPS: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "around",
    "on",
];

/// Words that put what follows as a party to an event, not its place.
const PARTY_PREPS: &[&str] = &["for", "against", "with", "by", "of", "between", "about"];

fn round5(x: f32) -> f64 {
    (x as f64 * 1e5).round() / 1e5
}

/// The place an event with trigger token `trigger` happened in, as an index into
/// `doc.places`: a place in the trigger's sentence introduced by a locative preposition
/// ("clashed with police in Osh"), nearest the trigger, preferring the narrowest and, when
/// the parse is there, one attached to the trigger (within three heads); else the
/// dateline place of the article when the sentence names none; else none. Places that
/// only describe an actor ("a Russian diplomat", "Kyrgyzstan's president") are skipped.
pub fn event_location(doc: &Document, trigger: u32) -> Option<u32> {
    let t = trigger as usize;
    if t >= doc.tokens.len() || doc.places.is_empty() {
        return None;
    }
    let s = doc.sentence_of(t);
    let mut best: Option<(f64, u32)> = None;
    for (pi, p) in doc.places.iter().enumerate() {
        if p.sentence as usize != s {
            continue;
        }
        let tok = doc.tokens.start.partition_point(|&x| x < p.start);
        let prev = place_preposition(doc, tok);
        let next = doc
            .tokens
            .form
            .get(tok_end(doc, p.end))
            .map(|&f| doc.strings.resolve(f));
        // Possessives and adjectives describe actors, not where things happen.
        if next.is_some_and(|n| n == "'s") {
            continue;
        }
        // A country, state or capital that is a verb's subject acts: an actor ("Armenia and
        // Azerbaijan agreed"), not the event's place. (An object may be either: "invaded
        // Ukraine", "warned Japan".)
        let last = tok_end(doc, p.end).saturating_sub(1).max(tok);
        let state = matches!(
            p.feature.as_str(),
            "country" | "admin1" | "capital" | "continent"
        );
        if state && doc.tokens.is_parsed() && last < doc.tokens.deprel.len() {
            let rel = |i: usize| doc.strings.resolve(doc.tokens.deprel[i]);
            let mut k = last;
            if rel(k) == "conj" && doc.tokens.head[k] != petrel_doc::NO_HEAD {
                k = doc.tokens.head[k] as usize;
            }
            if rel(k) == "nsubj" {
                continue;
            }
        }
        let mut score = 0.0;
        // Tagged as an adjective, or with a demonym's ending when untagged.
        let adjective = match doc.tokens.xpos.get(last) {
            Some(&x) => doc.strings.resolve(x) == "JJ",
            None => ["an", "ese", "ish", "ch", "i"]
                .iter()
                .any(|e| p.text.ends_with(e)),
        };
        // "aid for Ukraine", "talks with Iran": a party, not a place.
        let party = prev.is_some_and(|w| listed(w, PARTY_PREPS));
        let adjective = adjective || party;
        if adjective {
            // Demonyms ("Kyrgyz police", "sanctions on Venezuelan oil") rarely give the
            // location, even after "in" or "on".
            score -= 2.0;
        } else if prev.is_some_and(|w| listed(w, EVENT_PREPS)) {
            score += 3.0;
        }
        score += match p.feature.as_str() {
            "city" | "capital" => 1.0,
            "admin2" => 0.8,
            "admin1" => 0.5,
            _ => 0.0,
        };
        score -= (tok as f64 - t as f64).abs() / 20.0;
        // With a parse, a place attached to the trigger (directly or through its
        // object) is the event's place rather than one in another clause; a demonym
        // attached so describes a participant ("expelled the French ambassador").
        if doc.tokens.is_parsed() && !adjective {
            let mut h = last;
            for depth in 0..3 {
                let next = doc.tokens.head[h];
                if next == petrel_doc::NO_HEAD {
                    break;
                }
                h = next as usize;
                if h == t {
                    score += 4.0 - depth as f64;
                    break;
                }
            }
        }
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, pi as u32));
        }
    }
    if let Some((score, pi)) = best {
        if score > -1.5 {
            return Some(pi);
        }
    }
    // The place set earlier in the paragraph ("In Venezuela, thousands rallied in Caracas.
    // Security forces dispersed the crowd."): the last place an earlier sentence puts
    // something in, back to a line break.
    let first = petrel_doc::paragraph_start(&doc.sentences, &doc.text, s);
    for k in (first..s).rev() {
        let found = doc.places.iter().enumerate().rev().find(|(_, p)| {
            let tok = doc.tokens.start.partition_point(|&x| x < p.start);
            p.sentence as usize == k
                && place_preposition(doc, tok).is_some_and(|w| listed(w, EVENT_PREPS))
                && doc
                    .tokens
                    .xpos
                    .get(tok)
                    .is_none_or(|&x| doc.strings.resolve(x) != "JJ")
        });
        if let Some((pi, _)) = found {
            return Some(pi as u32);
        }
    }
    // Dateline: the first place inside the dateline the text component found ("OSH,
    // Kyrgyzstan (AP) —"; `Document::dateline`).
    let d = doc.dateline?;
    doc.places
        .iter()
        .position(|p| d.start <= p.start && p.end <= d.end)
        .map(|i| i as u32)
}

/// Whether `lower` names a kind of place ("province", "region", "town"; `data/place_nouns.txt`).
pub fn is_place_noun(lower: &str) -> bool {
    PLACE_NOUNS.contains(lower)
}

/// The word before the place name starting at token `tok` (as written), looking past an
/// article, and past a kind of place and "of" ("in the southern province of Cauca" gives
/// "in").
/// Whether `w` is one of the lower-case words of `list`, in any case.
fn listed(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

fn place_preposition(doc: &Document, tok: usize) -> Option<&str> {
    let word = |i: usize| doc.form(i);
    let is = listed;
    // Past an article: "with the European Union" is a party.
    let mut tok = tok;
    while tok > 1 && is(word(tok - 1), &["the", "a", "an"]) {
        tok -= 1;
    }
    let prev = word(tok.checked_sub(1)?);
    let kind = |w: &str| {
        PLACE_NOUNS.contains(w)
            || (w.bytes().any(|b| b.is_ascii_uppercase())
                && PLACE_NOUNS.contains(w.to_ascii_lowercase().as_str()))
    };
    if !prev.eq_ignore_ascii_case("of") || tok < 2 || !kind(word(tok - 2)) {
        return Some(prev);
    }
    // Back over the noun's determiner and adjectives to its preposition.
    let stop = tok.saturating_sub(7);
    (stop..tok - 2)
        .rev()
        .map(word)
        .find(|w| is(w, EVENT_PREPS) || is(w, PARTY_PREPS))
        .or(Some(prev))
}

fn tok_end(doc: &Document, end: u32) -> usize {
    doc.tokens.start.partition_point(|&x| x < end)
}
