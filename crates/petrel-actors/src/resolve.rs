//! Mention detection and actor resolution over tokens (the parse is used where present,
//! never required).
//!
//! An actor phrase is read left to right: an optional country part (a country's name with a
//! possessive, a nationality adjective, a capital, or an organisation), up to two modifiers
//! ("embattled", "former"), one or more role nouns, and a name after a personal title
//! ("president Kurmanbek Bakiyev"). "of"/"in" + country and appositions (", the president of
//! Kyrgyzstan,") add information; a named person inside an of-phrase and an apposition are
//! mentions of their own. Bare names are people when the parse says so (see
//! `likely_people`). Mentions are then grouped into actors: people by surname (or by first
//! name for a later one-word mention), "the (ousted) president" and "Kyrgyzstan's president"
//! by the last person holding that title, "he"/"she" by the last person of a compatible
//! gender (known from titles such as "Mrs"), "they"/"them" by the latest plural group or
//! organisation of this or the previous sentence, and unnamed groups by code and words
//! ("Indonesian navy" and "Indonesian military" are two actors; a bare "the police" is the
//! latest group with that code and head noun). An acronym defined in parentheses ("the
//! Democratic Renewal Front (DRF)") names that actor wherever it is used later.

use crate::lexicon::{push_key, ActorLexicon, EntryKind};
use petrel_doc::{Actor, Document, Mention, MentionKind, Span};
use rustc_hash::FxHashMap;

/// A lexicon match at a token: entry id and end token (exclusive).
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: u32,
    end: usize,
}

/// What is known of a token before phrases are read: its lexicon match and word classes.
#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    hit: Option<Hit>,
    /// Grammar class mask (`ClassBits`).
    g: u32,
}

/// What a phrase says about its actor before it is merged with others.
#[derive(Debug, Default, Clone)]
struct Phrase {
    start: usize,
    end: usize,
    head: usize,
    country: Option<Box<str>>,
    country_kind: Option<EntryKind>,
    role: Option<Box<str>>,
    /// Entry id of the personal title, for "the president" coreference.
    title: Option<u32>,
    org: Option<u32>,
    name: Option<(usize, usize)>,
    /// Role entries in the phrase (for choosing the role).
    roles: Vec<u32>,
    /// A named person inside an of-phrase ("critics of President X"), resolved on its own.
    inner: Option<Box<Phrase>>,
    /// Tokens and head of an apposition after a name (", the president of X,").
    appos: Option<(usize, usize, usize)>,
    /// The role an unknown organisation's head noun gives it ("Alibaba Group": `BUS`).
    org_role: Option<Box<str>>,
}

/// Role of private persons as a group: a people named by a plural demonym alone, the people
/// of a town that force is aimed at (the event coder).
pub const PEOPLE_ROLE: &str = "CVL";

/// Per-document resolver state.
struct State<'a> {
    lex: &'a ActorLexicon,
    /// Actor index by surname (lower case).
    surnames: FxHashMap<String, u32>,
    /// Actor index by the first word of a person's full name ("Amara" for "Amara
    /// Kelloway"), for later mentions by that word alone.
    first_names: FxHashMap<String, u32>,
    /// Actor index by code for unnamed groups, countries and organisations.
    by_code: FxHashMap<String, u32>,
    /// Person actors with their title entry, most recent mention last.
    recent_people: Vec<(u32, Option<u32>, usize)>,
    /// Plural groups and organisations with the sentence they were last named in, most
    /// recent last (antecedents of "they").
    /// (actor, sentence, head token) of the groups named so far.
    recent_groups: Vec<(u32, usize, usize)>,
    /// Country of each known person, by surname.
    person_country: FxHashMap<String, Box<str>>,
    /// Grammatical gender of person actors, once a title or pronoun has told it.
    gender: FxHashMap<u32, Gender>,
    /// Unnamed groups seen so far (code, phrase key, head lemma, actor), most recent last.
    groups: Vec<(String, String, String, u32)>,
    /// Tokens where a bare name that is likely a person starts (see `likely_people`).
    likely: Vec<bool>,
    /// Tokens before this one are the article's dateline (see `dateline_end`).
    dateline_end: usize,
}

/// What "he" or "she" can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

/// The gender a word signals ("she", "Mrs"), if any.
fn gender_of(lex: &ActorLexicon, g: u32) -> Option<Gender> {
    if g & lex.grammar.bit("female") != 0 {
        Some(Gender::Female)
    } else if g & lex.grammar.bit("male") != 0 {
        Some(Gender::Male)
    } else {
        None
    }
}

/// Finds mentions and resolves actors for the whole document; replaces `doc.mentions` and
/// `doc.actors`.
pub fn resolve(doc: &mut Document, lex: &ActorLexicon) {
    doc.mentions.clear();
    doc.actors.clear();
    let n = doc.tokens.len();
    if n == 0 {
        return;
    }
    let forms: Vec<&str> = (0..n).map(|i| doc.form(i)).collect();
    let hits = match_all(doc, &forms, lex);
    let mut st = State {
        lex,
        surnames: FxHashMap::default(),
        first_names: FxHashMap::default(),
        by_code: FxHashMap::default(),
        recent_people: Vec::new(),
        recent_groups: Vec::new(),
        person_country: FxHashMap::default(),
        gender: FxHashMap::default(),
        groups: Vec::new(),
        likely: likely_people(doc, &forms, &hits, lex),
        dateline_end: dateline_end(doc),
    };
    let mut mentions = Vec::new();
    let mut actors: Vec<Actor> = Vec::new();
    for s in 0..doc.sentences.len() {
        let range = doc.sentences[s].token_range();
        let (a, b) = (range.start, range.end);
        let mut i = a;
        while i < b {
            // Pronouns referring to the last person of a compatible gender.
            if hits[i].g & lex.bits.person_pronoun != 0 {
                let want = gender_of(lex, hits[i].g);
                let found = st.recent_people.iter().rev().find(|p| {
                    want.is_none() || st.gender.get(&p.0).is_none_or(|&g| Some(g) == want)
                });
                if let Some(&(actor, _, _)) = found {
                    let head = i;
                    mentions.push(mention(
                        doc,
                        i,
                        i + 1,
                        head,
                        MentionKind::Pronoun,
                        Some(actor),
                    ));
                    actors[actor as usize]
                        .mentions
                        .push(span_arr(doc, i, i + 1));
                }
                i += 1;
                continue;
            }
            // "they", "them": the latest plural group or organisation of this or the
            // previous sentence. "their" is left alone: as a mention it would stand for the
            // noun it modifies ("their forces") when events look for arguments.
            if hits[i].g & lex.bits.group_pronoun != 0 {
                let possessive = forms[i].eq_ignore_ascii_case("their");
                // "police arrested 45 of them": an object pronoun is not its own clause's
                // subject.
                let verb = clause_verb(doc, i);
                let own_subject = |h: usize| {
                    verb.is_some_and(|v| {
                        doc.tokens.head.get(h).is_some_and(|&x| x as usize == v)
                            && doc
                                .strings
                                .resolve(doc.tokens.deprel[h])
                                .starts_with("nsubj")
                    })
                };
                let object = !forms[i].eq_ignore_ascii_case("they");
                if let Some(&(actor, _, _)) = st
                    .recent_groups
                    .iter()
                    .rev()
                    .find(|g| !(object && own_subject(g.2)))
                    .filter(|g| g.1 + 1 >= s && !possessive)
                {
                    // Not added to the actor's spans: those count towards the article's home
                    // country, and a pronoun should not make a group's country dominant.
                    mentions.push(mention(doc, i, i + 1, i, MentionKind::Pronoun, Some(actor)));
                }
                i += 1;
                continue;
            }
            let Some(mut ph) = read_phrase(doc, &forms, &hits, lex, &st, i, a, b, 0) else {
                i += 1;
                continue;
            };
            // Of-phrases and apposition carry country/role.
            ph = extend_phrase(doc, &forms, &hits, lex, &st, ph, b);
            // A person inside "critics of President X" is a mention of its own; it is
            // listed before the outer phrase, which covers its tokens for later stages.
            if let Some(inner) = ph.inner.take() {
                let (kind, actor) = settle(doc, &forms, &hits, &mut st, &mut actors, &inner, a);
                mentions.push(mention(
                    doc,
                    inner.start,
                    inner.end,
                    inner.head,
                    kind,
                    actor,
                ));
            }
            // "Armenian and Azerbaijani troops": the first nationality names troops of its
            // own, a mention on the adjective alone.
            if let Some(pair) = paired_nationality(&forms, &hits, lex, &ph, a) {
                let (kind, actor) = settle(doc, &forms, &hits, &mut st, &mut actors, &pair, a);
                mentions.push(mention(doc, pair.start, pair.end, pair.head, kind, actor));
            }
            let (kind, actor) = settle(doc, &forms, &hits, &mut st, &mut actors, &ph, a);
            // The apposition of a name ("X, Kyrgyzstan's president,") refers to the same
            // actor.
            if let (Some((s0, e0, h0)), Some(_)) = (ph.appos, actor) {
                mentions.push(mention(doc, s0, e0, h0, MentionKind::Role, actor));
            }
            mentions.push(mention(doc, ph.start, ph.end, ph.head, kind, actor));
            if let Some(x) = actor.filter(|_| is_group(doc, kind, ph.head)) {
                st.recent_groups.push((x, s, ph.head));
            }
            i = ph.end.max(i + 1);
        }
    }
    acronyms(doc, &forms, &mut mentions, &mut actors);
    doc.mentions = mentions;
    doc.actors = actors;
}

/// The end (exclusive token) of the article's dateline ("TBILISI, Nov 19 -", "KYIV, Ukraine,
/// Nov. 19, 2026 --", "OSH (Wire) -"), or 0 when it has none. A dateline names where the
/// story was filed: a capital or country there is no actor. The text component decides what
/// the dateline is (`Document::dateline`); this only turns its byte span into tokens.
fn dateline_end(doc: &Document) -> usize {
    doc.dateline
        .map_or(0, |d| doc.tokens.start.partition_point(|&s| s < d.end))
}

/// The phrase of a nationality adjective joined by "and" to the one that opens `ph` ("Armenian"
/// in "Armenian and Azerbaijani troops"), with `ph`'s roles.
fn paired_nationality(
    forms: &[&str],
    hits: &[Tok],
    lex: &ActorLexicon,
    ph: &Phrase,
    sent_start: usize,
) -> Option<Phrase> {
    if ph.country_kind != Some(EntryKind::Demonym)
        || ph.roles.is_empty()
        || ph.start < sent_start + 2
        || !forms[ph.start - 1].eq_ignore_ascii_case("and")
    {
        return None;
    }
    // The nationality may be several words ("Sierra Leonean").
    let (at, h) = (sent_start.max(ph.start.saturating_sub(4))..ph.start - 1).find_map(|k| {
        hits[k]
            .hit
            .filter(|h| h.end == ph.start - 1)
            .map(|h| (k, h))
    })?;
    let e = &lex.entries[h.entry as usize];
    if e.kind != EntryKind::Demonym || e.country == ph.country {
        return None;
    }
    Some(Phrase {
        start: at,
        end: h.end,
        head: h.end - 1,
        country: e.country.clone(),
        country_kind: Some(EntryKind::Demonym),
        role: ph.role.clone(),
        roles: ph.roles.clone(),
        ..Default::default()
    })
}

/// An acronym defined in parentheses ("the Movement for Justice (MFJ) party", "the Economic
/// Community of West African States (ECOWAS)") names the actor of the mention right before
/// or right after it; its later uses that no mention covers ("MFJ supporters", "the MFJ
/// said") become mentions of that actor.
fn acronyms(doc: &Document, forms: &[&str], mentions: &mut Vec<Mention>, actors: &mut [Actor]) {
    let n = forms.len();
    let is_acronym = |f: &str| {
        (2..=6).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_uppercase() || b == b'-')
    };
    let mut defined: Vec<(&str, u32, usize)> = Vec::new();
    for i in 1..n.saturating_sub(2) {
        if forms[i] != "(" || forms[i + 2] != ")" || !is_acronym(forms[i + 1]) {
            continue;
        }
        let near = mentions.iter().find(|m| {
            m.actor.is_some() && (m.tokens.1 as usize == i || m.tokens.0 as usize == i + 3)
        });
        if let Some(actor) = near.and_then(|m| m.actor) {
            defined.push((forms[i + 1], actor, i + 1));
        }
    }
    if defined.is_empty() {
        return;
    }
    let mut covered = vec![false; n];
    for m in mentions.iter() {
        for c in covered
            .iter_mut()
            .take(m.tokens.1 as usize)
            .skip(m.tokens.0 as usize)
        {
            *c = true;
        }
    }
    for (i, form) in forms.iter().enumerate() {
        if covered[i] {
            continue;
        }
        let Some(&(_, actor, _)) = defined.iter().find(|d| d.0 == *form && d.2 != i) else {
            continue;
        };
        let m = mention(doc, i, i + 1, i, MentionKind::Organisation, Some(actor));
        let at = mentions.partition_point(|x| x.tokens.0 as usize <= i);
        mentions.insert(at, m);
        actors[actor as usize]
            .mentions
            .push(span_arr(doc, i, i + 1));
    }
}

/// The verb whose clause token `i` sits in (walking up the parse), if parsed.
fn clause_verb(doc: &Document, mut i: usize) -> Option<usize> {
    if !doc.tokens.is_parsed() {
        return None;
    }
    for _ in 0..16 {
        if upos(doc, i) == Some("VERB") {
            return Some(i);
        }
        let h = doc.tokens.head[i];
        if h == petrel_doc::NO_HEAD {
            return None;
        }
        i = h as usize;
    }
    None
}

/// Whether a mention can be the antecedent of "they": an organisation, or a group whose
/// head noun is plural.
fn is_group(doc: &Document, kind: MentionKind, head: usize) -> bool {
    match kind {
        MentionKind::Organisation => true,
        MentionKind::Role => doc
            .tokens
            .xpos
            .get(head)
            .is_some_and(|&x| matches!(doc.strings.resolve(x), "NNS" | "NNPS")),
        _ => false,
    }
}

fn span_arr(doc: &Document, from: usize, to: usize) -> [u32; 2] {
    let sp = doc.token_span(from, to);
    [sp.start, sp.end]
}

fn mention(
    doc: &Document,
    from: usize,
    to: usize,
    head: usize,
    kind: MentionKind,
    actor: Option<u32>,
) -> Mention {
    let sp: Span = doc.token_span(from, to);
    Mention {
        span: sp,
        tokens: (from as u32, to as u32),
        head: head as u32,
        kind,
        actor,
    }
}

/// Greedy longest lexicon match at every token (per sentence).
fn match_all(doc: &Document, forms: &[&str], lex: &ActorLexicon) -> Vec<Tok> {
    let mut hits: Vec<Tok> = forms
        .iter()
        .map(|f| Tok {
            hit: None,
            g: lex.grammar.mask(f),
        })
        .collect();
    let mut key = String::with_capacity(64);
    let mut surface = String::with_capacity(64);
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.start as usize, sent.tokens.end as usize);
        let mut i = a;
        while i < b {
            key.clear();
            surface.clear();
            let mut best = None;
            for (j, form) in forms
                .iter()
                .enumerate()
                .take(b.min(i + lex.max_tokens))
                .skip(i)
            {
                push_key(&mut key, form);
                surface.push_str(form);
                if !lex.is_prefix(&key) {
                    break;
                }
                if let Some(id) = lex.lookup(&key, &surface) {
                    best = Some(Hit {
                        entry: id,
                        end: j + 1,
                    });
                }
            }
            match best {
                Some(h) => {
                    hits[i].hit = Some(h);
                    i = h.end;
                }
                None => i += 1,
            }
        }
    }
    hits
}

/// Marks the starts of bare names that are likely people (or organisations acting like
/// them): two to four name words joined by the parser's `flat` relation ("Amara Kelloway")
/// whose last word recurs alone elsewhere in the article ("Kelloway said") or whose head is
/// the subject of a speech verb; and single names (not days or months) that are somewhere
/// the subject of a speech verb, or a subject and named alone at least three times. Without
/// a parse nothing is marked.
fn likely_people(doc: &Document, forms: &[&str], hits: &[Tok], lex: &ActorLexicon) -> Vec<bool> {
    let n = forms.len();
    let mut out = vec![false; n];
    if !doc.tokens.is_parsed() || doc.tokens.deprel.len() != n {
        return out;
    }
    let deprel = |t: usize| doc.strings.resolve(doc.tokens.deprel[t]);
    let head = |t: usize| doc.tokens.head[t] as usize;
    let speech = lex.grammar.bit("speech-verb");
    // Runs of name words per sentence: (start, end).
    let mut runs = Vec::new();
    for sent in &doc.sentences {
        let (a, b) = (sent.tokens.start as usize, sent.tokens.end as usize);
        let mut i = a;
        while i < b {
            if !is_name(doc, forms, hits, lex, i) {
                i += 1;
                continue;
            }
            let mut e = i;
            while e < b && e - i < 4 && is_name(doc, forms, hits, lex, e) {
                e += 1;
            }
            runs.push((i, e));
            i = e.max(i + 1);
        }
    }
    let mut alone: FxHashMap<String, usize> = FxHashMap::default();
    for &(i, e) in &runs {
        if e == i + 1 {
            *alone.entry(forms[i].to_lowercase()).or_default() += 1;
        }
    }
    // The subject of a verb of saying, or of any verb when it is not a copula's subject
    // ("Kelloway said", "Papandreou resigned"): names that act are people or organisations.
    let says = |i: usize| {
        deprel(i) == "nsubj"
            && doc.tokens.head[i] != petrel_doc::NO_HEAD
            && (lex.grammar.mask(doc.lemma(head(i))) & speech != 0
                || (upos(doc, head(i)) == Some("VERB")
                    && !doc.lemma(head(i)).eq_ignore_ascii_case("be")))
    };
    // Single names that are the subject of a speech verb somewhere ("Kelloway said").
    let mut speakers: rustc_hash::FxHashSet<String> = Default::default();
    for &(i, e) in &runs {
        let subject_often =
            deprel(i) == "nsubj" && alone.get(&forms[i].to_lowercase()).is_some_and(|&c| c >= 3);
        // Not a day or month, and not after a determiner ("the North said").
        let excluded = hits[i].g & lex.grammar.bit("calendar") != 0
            || (i > 0 && hits[i - 1].g & lex.bits.determiner != 0);
        if e == i + 1 && upos(doc, i) == Some("PROPN") && !excluded && (says(i) || subject_often) {
            speakers.insert(forms[i].to_lowercase());
        }
    }
    for &(i, e) in &runs {
        if e == i + 1 {
            out[i] = speakers.contains(&forms[i].to_lowercase());
            continue;
        }
        // One name: its words hang on one of them, as `flat` parts or a title before it
        // (`nmod:desc`: "General Ana Ruiz" with "General" on "Ana").
        let root = (i..e).find(|&t| !(i..e).contains(&head(t))).unwrap_or(i);
        let one = (i..e)
            .filter(|&t| t != root)
            .all(|t| (i..e).contains(&head(t)) && matches!(deprel(t), "flat" | "nmod:desc"));
        if !one || upos(doc, root) != Some("PROPN") {
            continue;
        }
        let recurs = alone.contains_key(&forms[e - 1].to_lowercase());
        // Whom police arrest, courts sentence or gunmen kill is a person ("police arrested
        // Disha Ravi", "Ana Ruiz was freed"): `person-object` verbs in grammar.tsv.
        let done_to = matches!(deprel(root), "obj" | "nsubj:pass")
            && doc.tokens.head[root] != petrel_doc::NO_HEAD
            && lex.grammar.is("person-object", doc.lemma(head(root)));
        out[i] = recurs || says(root) || done_to;
    }
    out
}

fn upos(doc: &Document, i: usize) -> Option<&str> {
    doc.tokens.upos.get(i).map(|&s| doc.strings.resolve(s))
}

/// A capitalised word that can be part of a person's name.
fn is_name(doc: &Document, forms: &[&str], hits: &[Tok], lex: &ActorLexicon, i: usize) -> bool {
    let f = forms[i];
    let mut cs = f.chars();
    let Some(c0) = cs.next() else { return false };
    if !c0.is_uppercase() || hits[i].hit.is_some() || !f.chars().any(|c| c.is_alphabetic()) {
        return false;
    }
    let b = &lex.bits;
    if hits[i].g & (b.determiner | b.clause_break | b.person_pronoun | b.group_pronoun) != 0 {
        return false;
    }
    // "on Tuesday, officials said": a day or month is no name, unless it ends one
    // ("Theresa May").
    if hits[i].g & lex.grammar.bit("calendar") != 0
        && !(i > 0
            && doc.sentences.iter().all(|s| s.tokens.start as usize != i)
            && is_name(doc, forms, hits, lex, i - 1))
    {
        return false;
    }
    match upos(doc, i) {
        Some(u) => matches!(u, "PROPN" | "X" | "NOUN" | "ADJ"),
        None => true,
    }
}

/// A word that may stand between a country part and a role ("embattled", "former").
fn is_modifier(doc: &Document, forms: &[&str], hits: &[Tok], lex: &ActorLexicon, i: usize) -> bool {
    let f = forms[i];
    if hits[i].hit.is_some() || f.len() < 3 || !f.chars().all(|c| c.is_alphabetic() || c == '-') {
        return false;
    }
    let b = &lex.bits;
    if hits[i].g & (b.determiner | b.locative | b.clause_break | b.person_pronoun | b.group_pronoun)
        != 0
    {
        return false;
    }
    match upos(doc, i) {
        Some(u) => matches!(u, "ADJ" | "NOUN" | "VERB" | "NUM" | "PROPN"),
        None => f.chars().next().is_some_and(|c| c.is_lowercase()),
    }
}

/// Reads an actor phrase starting at `i`; `None` if no actor phrase starts there.
#[allow(clippy::too_many_arguments)]
fn read_phrase(
    doc: &Document,
    forms: &[&str],
    hits: &[Tok],
    lex: &ActorLexicon,
    st: &State,
    i: usize,
    sent_start: usize,
    b: usize,
    depth: u8,
) -> Option<Phrase> {
    let mut ph = Phrase {
        start: i,
        end: i,
        head: i,
        ..Default::default()
    };
    let mut j = i;
    let entry = |j: usize| hits[j].hit.map(|h| (&lex.entries[h.entry as usize], h));
    // Country part.
    let mut possessive = false;
    // "Bosnian Serbs": an ethnic group of a country, not (only) its private persons.
    let mut ethnic = false;
    if let Some((e, h)) = entry(j) {
        match e.kind {
            EntryKind::Country | EntryKind::Demonym | EntryKind::Capital => {
                ph.country = e.country.clone();
                ph.country_kind = Some(e.kind);
                if e.kind == EntryKind::Capital {
                    ph.role = e.role.clone();
                }
                ph.head = h.end - 1;
                j = h.end;
            }
            EntryKind::Organisation => {
                ph.org = Some(h.entry);
                // A person of an organisation ("Arab League Secretary General X") takes its
                // country part (IGO, NGO, a state).
                ph.country = e.country.clone();
                ph.head = h.end - 1;
                j = h.end;
            }
            EntryKind::Role => {}
        }
        // "Bosnian Serbs": a people noun after a nationality adjective is its ethnicity; the
        // first names the country.
        if e.kind == EntryKind::Demonym {
            if let Some(h2) = hits.get(j).and_then(|t| t.hit) {
                if j < b && lex.entries[h2.entry as usize].kind == EntryKind::Demonym {
                    ethnic = true;
                    ph.head = h2.end - 1;
                    j = h2.end;
                }
            }
        }
        if j > i && j < b && (forms[j] == "'s" || forms[j] == "'") {
            possessive = true;
            j += 1;
        }
    }
    // Modifiers, only after a possessive, a nationality adjective or at the start.
    let may_modify = possessive
        || ph.country_kind == Some(EntryKind::Demonym)
        || (j == i && depth == 0 && i > sent_start && hits[i - 1].g & lex.bits.determiner != 0);
    // A country name takes a role directly only as an abbreviation or before a capitalised
    // title ("US troops", "UK Prime Minister", "Iraq President"), not in "sent Kenya troops".
    let country_attributive = ph.country_kind == Some(EntryKind::Country)
        && j < b
        && ((forms[i..j]
            .iter()
            .all(|f| f.chars().all(|c| c.is_uppercase() || c == '.')))
            || forms[j].chars().next().is_some_and(char::is_uppercase));
    let direct_role =
        ph.country_kind != Some(EntryKind::Country) || possessive || country_attributive;
    let mut k = j;
    if may_modify {
        let mut mods = 0;
        while mods < 2 && k < b && is_modifier(doc, forms, hits, lex, k) {
            k += 1;
            mods += 1;
        }
    }
    let role_at = |k: usize| {
        entry(k)
            .filter(|(e, _)| e.kind == EntryKind::Role)
            .map(|(_, h)| h)
    };
    let mut role_from = None;
    if k < b && role_at(k).is_some() && (direct_role || k > j) {
        role_from = Some(k);
        // A known leader's name before the role gives it a country ("the Obama
        // administration", "the Putin government").
        if ph.country.is_none() && k > j {
            let name = doc.span_text(doc.token_span(j, k));
            if let Some((country, _)) = lex.person(name, None) {
                ph.country = Some(country.into());
            }
        }
        j = k;
        while j < b {
            let Some(h) = role_at(j) else { break };
            ph.roles.push(h.entry);
            ph.head = h.end - 1;
            j = h.end;
        }
    }
    // A name after a personal title.
    let titled = ph
        .roles
        .last()
        .is_some_and(|&r| lex.entries[r as usize].title);
    if titled {
        let mut n = j;
        while n < b && n - j < 5 {
            let particle = n > j
                && n + 1 < b
                && hits[n].g & lex.bits.name_particle != 0
                && is_name(doc, forms, hits, lex, n + 1);
            if particle || is_name(doc, forms, hits, lex, n) {
                n += 1;
            } else {
                break;
            }
        }
        if n > j {
            ph.name = Some((j, n));
            ph.head = n - 1;
            j = n;
        }
    }
    // An organisation the lexicon does not know, named by capitalised words that end in a
    // head noun telling its kind (`org-heads.tsv`): "Alibaba Group", "the Kenya
    // Anti-Corruption Commission", "Kenya's Electoral Commission".
    if ph.roles.is_empty() && ph.name.is_none() && ph.org.is_none() {
        if let Some((head, role)) = unknown_organisation(doc, forms, hits, lex, i, j, b) {
            ph.org_role = Some(role.into());
            ph.role = Some(role.into());
            ph.head = head;
            j = head + 1;
        }
    }
    // A bare name: a known person, or a name followed by an apposition.
    if j == i && is_name(doc, forms, hits, lex, i) {
        let mut n = i;
        while n < b && n - i < 4 && is_name(doc, forms, hits, lex, n) {
            n += 1;
        }
        let last = forms[n - 1].to_lowercase();
        let known = st.surnames.contains_key(&last)
            || (n == i + 1 && st.first_names.contains_key(&last))
            || st.likely[i]
            || lex
                .person(doc.span_text(doc.token_span(i, n)), None)
                .is_some()
            || lex.person(forms[n - 1], None).is_some();
        let appos = n + 1 < b && forms[n] == "," && {
            let mut m = n + 1;
            if hits[m].g & lex.bits.determiner != 0 {
                m += 1;
            }
            m < b && depth == 0 && {
                read_phrase(doc, forms, hits, lex, st, m, sent_start, b, depth + 1).is_some_and(
                    |p| !p.roles.is_empty() && p.name.is_none() && !verb_follows(doc, p.end, b),
                )
            }
        };
        if known || appos {
            ph.name = Some((i, n));
            ph.head = n - 1;
            j = n;
        } else {
            return None;
        }
    }
    if j == i {
        return None;
    }
    // Role choice: the last role, unless it is a generic government title after a more
    // specific role ("military spokesman" is MIL).
    let roles: Vec<&str> = ph
        .roles
        .iter()
        .filter_map(|&r| lex.entries[r as usize].role.as_deref())
        .collect();
    if let Some(&last) = roles.last() {
        let chosen = if last == "GOV" {
            roles.iter().copied().find(|&r| r != "GOV").unwrap_or(last)
        } else {
            last
        };
        ph.role = Some(chosen.into());
        // A former officeholder is one of the elite, an ousted one the opposition ("former
        // President X" → ELI, "the ousted premier" → OPP), as in the PETRARCH agents
        // dictionary; the word may stand up to three words before the title.
        if chosen == "GOV" {
            if let Some(r) = role_from {
                let lo = r.saturating_sub(3).max(sent_start);
                for t in (lo..r).rev() {
                    if hits[t].g & lex.bits.clause_break != 0
                        || matches!(upos(doc, t), Some("VERB" | "AUX" | "PUNCT"))
                    {
                        break;
                    }
                    if lex.grammar.is("former", forms[t]) {
                        ph.role = Some("ELI".into());
                        break;
                    }
                    if lex.grammar.is("ousted", forms[t]) {
                        ph.role = Some("OPP".into());
                        break;
                    }
                }
            }
        }
    }
    if titled {
        ph.title = ph.roles.last().copied();
    }
    // A nationality adjective alone is an actor only when used as a noun ("Russians").
    if ph.country_kind == Some(EntryKind::Demonym)
        && ph.roles.is_empty()
        && ph.name.is_none()
        && ph.org_role.is_none()
    {
        let noun_use = match upos(doc, ph.head) {
            Some(u) => {
                // A lower-case word after it makes it an adjective ("Russian diplomats"),
                // unless that word is its verb ("Algerians blocked roads").
                matches!(u, "NOUN" | "PROPN")
                    && !(j < b
                        && is_modifier(doc, forms, hits, lex, j)
                        && forms[j].chars().all(|c| c.is_lowercase())
                        && !matches!(upos(doc, j), Some("VERB" | "AUX")))
            }
            None => {
                forms[ph.head].ends_with('s') || !(j < b && is_modifier(doc, forms, hits, lex, j))
            }
        };
        // "Sierra Leonean and Liberian refugees": the first of two nationalities before a
        // role is read with the second's role (`paired_nationality`).
        let paired = j + 2 < b
            && forms[j].eq_ignore_ascii_case("and")
            && entry(j + 1).is_some_and(|(e, h)| {
                e.kind == EntryKind::Demonym && h.end < b && role_at(h.end).is_some()
            });
        if !noun_use || paired {
            return None;
        }
        // A people named by a plural demonym alone ("Palestinians", "Liberians") are
        // private persons, as event data codes them; "Palestinian leaders" keeps its role
        // and "Bosnian Serbs" has none.
        if forms[ph.head].ends_with('s') && !ethnic {
            ph.role = Some(PEOPLE_ROLE.into());
        }
    }
    ph.end = j;
    Some(ph)
}

/// Adds "of/in + country", "of + person" and ", the president of X," to a phrase.
/// The head token and role of an unknown organisation's name that starts at `i` (or, after
/// a country part, at `j`): a run of capitalised words (no determiner, no verb) whose last
/// head noun from `org-heads.tsv` follows at least one other word of the phrase.
fn unknown_organisation<'l>(
    doc: &Document,
    forms: &[&str],
    hits: &[Tok],
    lex: &'l ActorLexicon,
    i: usize,
    j: usize,
    b: usize,
) -> Option<(usize, &'l str)> {
    let capitalised = |k: usize| {
        forms[k].chars().next().is_some_and(char::is_uppercase)
            && hits[k].g & lex.bits.determiner == 0
            && !matches!(
                upos(doc, k),
                Some("VERB" | "AUX" | "PRON" | "ADP" | "CCONJ")
            )
    };
    let mut found = None;
    let mut k = j;
    while k < b && k < j + 6 && (capitalised(k) || (k > j && matches!(forms[k], "-" | "&"))) {
        if k > i && capitalised(k) {
            if let Some(role) = lex.org_head(forms[k]) {
                found = Some((k, role));
            }
        }
        k += 1;
    }
    found
}

fn extend_phrase(
    doc: &Document,
    forms: &[&str],
    hits: &[Tok],
    lex: &ActorLexicon,
    st: &State,
    mut ph: Phrase,
    b: usize,
) -> Phrase {
    let j = ph.end;
    // "a spokeswoman for the opposition coalition", "a representative of the UN", "leaders
    // of the rebel movement": one who speaks for or leads a body is coded as that body.
    if ph.name.is_none()
        && j + 1 < b
        && ph.head < j
        && lex.grammar.is("stands-for", forms[ph.head])
        && matches!(forms[j].to_ascii_lowercase().as_str(), "for" | "of")
    {
        let mut m = j + 1;
        if hits[m].g & lex.bits.determiner != 0 && m + 1 < b {
            m += 1;
        }
        // Read as a phrase of its own (depth 0), so that its modifiers count: "the main
        // opposition coalition".
        if let Some(inner) = read_phrase(doc, forms, hits, lex, st, m, 0, b, 0) {
            if inner.name.is_none() && (inner.org.is_some() || !inner.roles.is_empty()) {
                ph.role = inner.role.clone();
                ph.org = inner.org;
                ph.roles = inner.roles.clone();
                if inner.country.is_some() {
                    ph.country = inner.country.clone();
                    ph.country_kind = inner.country_kind;
                }
                ph.end = inner.end;
                return ph;
            }
        }
    }
    // "president of Kyrgyzstan", "opponents of Mr Bakiyev", "police in Bishkek",
    // "refugees from Syria"
    if ph.country.is_none() && ph.org.is_none() && !ph.roles.is_empty() && j + 1 < b {
        let f = forms[j].to_lowercase();
        // "from" only where the parse hangs the place on the role noun: in "withdrew its
        // troops from Sudan" it is where the troops leave.
        let from_here = f == "from"
            && (j + 1..(j + 4).min(b)).any(|k| {
                doc.tokens
                    .head
                    .get(k)
                    .is_some_and(|&h| h as usize == ph.head)
                    && doc
                        .strings
                        .resolve(doc.tokens.deprel[k])
                        .starts_with("nmod")
            });
        if f == "of" || ((f == "in" || from_here) && ph.name.is_none()) {
            let mut m = j + 1;
            if hits[m].g & lex.bits.determiner != 0 && m + 1 < b {
                m += 1;
            }
            if let Some(inner) = read_phrase(doc, forms, hits, lex, st, m, 0, b, 1) {
                let country = inner.country.clone().or_else(|| {
                    inner.name.and_then(|(_, e)| {
                        st.person_country.get(&forms[e - 1].to_lowercase()).cloned()
                    })
                });
                if let Some(c) = country {
                    ph.country = Some(c);
                    ph.end = inner.end;
                    if inner.name.is_some() {
                        ph.inner = Some(Box::new(inner));
                    }
                } else if let Some(o) = inner.org {
                    if f == "of" {
                        ph.country = lex.entries[o as usize].country.clone();
                        ph.end = inner.end;
                    }
                }
            }
        }
    }
    // Apposition after a name: "Kurmanbek Bakiyev, Kyrgyzstan's president,"
    if ph.name.is_some()
        && (ph.role.is_none() || ph.country.is_none())
        && ph.end + 1 < b
        && forms[ph.end] == ","
    {
        let mut m = ph.end + 1;
        if hits[m].g & lex.bits.determiner != 0 && m + 1 < b {
            m += 1;
        }
        if let Some(app) = read_phrase(doc, forms, hits, lex, st, m, 0, b, 1) {
            if !app.roles.is_empty() && app.name.is_none() && !verb_follows(doc, app.end, b) {
                let app = extend_phrase(doc, forms, hits, lex, st, app, b);
                if ph.role.is_none() {
                    ph.role = app.role.clone();
                    ph.title = app.title;
                }
                if ph.country.is_none() {
                    ph.country = app.country.clone();
                }
                ph.appos = Some((app.start, app.end, app.head));
                ph.end = app.end;
            }
        }
    }
    ph
}

/// Whether a verb comes right after token range end `end` (before sentence end `b`): then
/// the role phrase before it is the next clause's subject ("Bunagana, the army said"), not
/// an apposition.
fn verb_follows(doc: &Document, end: usize, b: usize) -> bool {
    end < b
        && doc
            .tokens
            .upos
            .get(end)
            .is_some_and(|&u| matches!(doc.strings.resolve(u), "VERB" | "AUX"))
}

/// Turns a phrase into a mention kind and an actor (new or merged with an earlier one).
fn settle(
    doc: &Document,
    forms: &[&str],
    hits: &[Tok],
    st: &mut State,
    actors: &mut Vec<Actor>,
    ph: &Phrase,
    sent_start: usize,
) -> (MentionKind, Option<u32>) {
    let lex = st.lex;
    let span = span_arr(doc, ph.start, ph.end);
    // People.
    if let Some((ns, ne)) = ph.name {
        let name = doc.span_text(doc.token_span(ns, ne)).to_string();
        let surname = forms[ne - 1].to_lowercase();
        let by_first = (ne == ns + 1)
            .then(|| st.first_names.get(&surname).copied())
            .flatten();
        let idx = match st.surnames.get(&surname).copied().or(by_first) {
            Some(a) => a,
            None => {
                actors.push(Actor {
                    name: name.clone(),
                    ..Default::default()
                });
                (actors.len() - 1) as u32
            }
        };
        let a = &mut actors[idx as usize];
        if name.len() > a.name.len() {
            a.name = name;
        }
        if a.country.is_none() {
            a.country = ph.country.as_deref().map(str::to_string);
        }
        if a.role.is_none() {
            a.role = ph.role.as_deref().map(str::to_string);
        }
        // A well-known leader named without title or country ("Erdogan said"): people.tsv
        // gives the country, and the role while in office at the article's date.
        if a.country.is_none() || a.role.is_none() {
            let known = lex
                .person(&a.name, doc.meta.date.as_deref())
                .or_else(|| {
                    lex.person(
                        doc.span_text(doc.token_span(ns, ne)),
                        doc.meta.date.as_deref(),
                    )
                })
                .or_else(|| lex.person(forms[ne - 1], doc.meta.date.as_deref()));
            if let Some((country, role)) = known {
                if a.country.as_deref().is_none_or(|c| c == country) {
                    a.country = Some(country.to_string());
                    if a.role.is_none() {
                        a.role = role.map(str::to_string);
                    }
                }
            }
        }
        a.code = code_of(a.country.as_deref(), a.role.as_deref());
        a.mentions.push(span);
        if let Some(c) = &a.country {
            st.person_country.insert(surname.clone(), c.as_str().into());
        }
        if ne > ns + 1 {
            st.first_names
                .entry(forms[ns].to_lowercase())
                .or_insert(idx);
        }
        if by_first.is_none() {
            st.surnames.insert(surname, idx);
        }
        let title = ph
            .title
            .filter(|&t| lex.entries[t as usize].role.is_some())
            .or_else(|| {
                st.recent_people
                    .iter()
                    .rev()
                    .find(|p| p.0 == idx)
                    .and_then(|p| p.1)
            });
        st.recent_people.retain(|p| p.0 != idx);
        st.recent_people.push((idx, title, ph.start));
        // "Mrs", "Lady", "chairwoman" before the name tell "she" from "he".
        if let Some(g) = (ph.start..ns).find_map(|t| gender_of(lex, hits[t].g)) {
            st.gender.insert(idx, g);
        }
        return (MentionKind::Person, Some(idx));
    }
    // "the (ousted) president", "Malaysia's prime minister": the last person with that
    // title (and that country, when the phrase names one).
    if let Some(t) = ph.title {
        let definite = ph.start > sent_start && forms[ph.start - 1].eq_ignore_ascii_case("the");
        let of_country = ph.country.is_some() && ph.country_kind == Some(EntryKind::Country);
        if (definite && ph.country.is_none()) || of_country {
            let t_name = &lex.entries[t as usize].name;
            if let Some(&(idx, _, _)) = st.recent_people.iter().rev().find(|p| {
                p.1.is_some_and(|pt| lex.entries[pt as usize].name == *t_name)
                    && (ph.country.is_none()
                        || actors[p.0 as usize].country.as_deref() == ph.country.as_deref())
            }) {
                actors[idx as usize].mentions.push(span);
                return (MentionKind::Person, Some(idx));
            }
        }
    }
    // An unknown organisation is one actor per name.
    if let Some(r) = &ph.org_role {
        let name = doc.span_text(doc.token_span(ph.start, ph.end)).to_string();
        let country = ph.country.as_deref().map(str::to_string);
        let code = code_of(country.as_deref(), Some(r));
        let key = format!("org:{}", crate::lexicon::key_of(&name));
        let idx = keyed_actor(st, actors, key, || Actor {
            name,
            country,
            role: Some(r.to_string()),
            code,
            ..Default::default()
        });
        actors[idx as usize].mentions.push(span);
        // A role phrase, not an organisation's proper name: a place that opens it ("the
        // West Virginia Lottery Commission") is still a place named.
        return (MentionKind::Role, Some(idx));
    }
    let (kind, country, role, code, name) = if let Some(o) = ph.org {
        let e = &lex.entries[o as usize];
        (
            MentionKind::Organisation,
            e.country.as_deref().map(str::to_string),
            e.role.as_deref().map(str::to_string),
            e.code.as_deref().unwrap_or_default().to_string(),
            e.name.to_string(),
        )
    } else {
        // The dateline's capital or country is where the story was filed.
        let place_kind = matches!(
            ph.country_kind,
            Some(EntryKind::Capital | EntryKind::Country)
        );
        if place_kind && ph.roles.is_empty() && ph.name.is_none() && ph.end <= st.dateline_end {
            return (MentionKind::Place, None);
        }
        if ph.country_kind == Some(EntryKind::Capital) && ph.roles.is_empty() {
            // A capital after "in/at/from" is a place, not the government.
            let prev = if ph.start > sent_start {
                forms[ph.start - 1]
            } else {
                ""
            };
            if lex.grammar.is("locative", prev) {
                return (MentionKind::Place, None);
            }
            // … and after "to" following a verb of motion: "fled to Minsk", "flew to
            // Moscow" name a destination, while "wrote to Moscow" names its government.
            let mover = |k: usize| {
                let lemma = doc
                    .tokens
                    .lemma
                    .get(k)
                    .map(|&l| doc.strings.resolve(l))
                    .unwrap_or(forms[k]);
                ["motion-verb", "deploy-verb"]
                    .iter()
                    .any(|c| lex.grammar.is(c, lemma) || lex.grammar.is(c, forms[k]))
            };
            if prev.eq_ignore_ascii_case("to") && ph.start >= sent_start + 2 && mover(ph.start - 2)
            {
                return (MentionKind::Place, None);
            }
        }
        let country = ph.country.as_deref().map(str::to_string);
        let role = ph.role.as_deref().map(str::to_string);
        let code = code_of(country.as_deref(), role.as_deref());
        let name = match (&country, ph.roles.is_empty()) {
            (Some(c), true) => lex
                .country_names
                .get(c.as_str())
                .map(|n| n.to_string())
                .unwrap_or_else(|| c.clone()),
            _ => doc.span_text(doc.token_span(ph.start, ph.end)).to_string(),
        };
        let kind = if ph.roles.is_empty() {
            MentionKind::Country
        } else {
            MentionKind::Role
        };
        (kind, country, role, code, name)
    };
    if code.is_empty() {
        return (kind, None);
    }
    if kind == MentionKind::Role {
        let idx = group_actor(doc, forms, hits, st, actors, ph, &code);
        let actor = &mut actors[idx as usize];
        if actor.mentions.is_empty() {
            *actor = Actor {
                name,
                country,
                role,
                code,
                ..Default::default()
            };
        }
        actor.mentions.push(span);
        // "the defence minister", "a spokeswoman": one person, whom "he" or "she" may
        // take up in the next sentences.
        let singular = match doc.tokens.xpos.get(ph.head) {
            Some(&x) => !matches!(doc.strings.resolve(x), "NNS" | "NNPS"),
            None => !forms[ph.head].ends_with('s'),
        };
        // A person just before keeps the pronouns ("President Aliyev met the French
        // envoy; he said…" is more often the president), unless the role is the subject of
        // its clause and the person was named in an earlier sentence ("Gen. Otieno spoke
        // first. The minister said …, and he added …": "he" is the minister).
        let subject = doc
            .tokens
            .deprel
            .get(ph.head)
            .is_some_and(|&d| doc.strings.resolve(d).starts_with("nsubj"));
        let person_near = st
            .recent_people
            .iter()
            .any(|p| p.2 + 40 > ph.start && !(subject && p.2 < sent_start));
        if ph.title.is_some() && singular && !person_near {
            st.recent_people.retain(|p| p.0 != idx);
            st.recent_people.push((idx, ph.title, ph.start));
            if let Some(g) = (ph.start..ph.end).find_map(|t| gender_of(lex, hits[t].g)) {
                st.gender.insert(idx, g);
            }
        }
        return (kind, Some(idx));
    }
    let idx = keyed_actor(st, actors, code.clone(), || Actor {
        name,
        country,
        role,
        code,
        ..Default::default()
    });
    actors[idx as usize].mentions.push(span);
    (kind, Some(idx))
}

/// The actor kept under `key` in `st.by_code`, made by `new` the first time.
fn keyed_actor(
    st: &mut State,
    actors: &mut Vec<Actor>,
    key: String,
    new: impl FnOnce() -> Actor,
) -> u32 {
    if let Some(&i) = st.by_code.get(&key) {
        return i;
    }
    actors.push(new());
    let i = (actors.len() - 1) as u32;
    st.by_code.insert(key, i);
    i
}

/// The actor of an unnamed group ("the police", "Indonesian navy"): an earlier group with
/// the same code and the same words, or, for a bare noun ("the party"), the latest group with
/// the same code and head noun; else a new (empty) actor.
fn group_actor(
    doc: &Document,
    forms: &[&str],
    hits: &[Tok],
    st: &mut State,
    actors: &mut Vec<Actor>,
    ph: &Phrase,
    code: &str,
) -> u32 {
    let lex = st.lex;
    let head = doc.lemma(ph.head).to_lowercase();
    let mut key = String::new();
    let mut words = 0;
    for t in ph.start..ph.head {
        if hits[t].g & lex.bits.determiner != 0 || forms[t] == "'s" || forms[t] == "'" {
            continue;
        }
        push_key(&mut key, forms[t]);
        key.push(' ');
        words += 1;
    }
    key.push_str(&head);
    let found = st
        .groups
        .iter()
        .rev()
        .find(|g| g.0 == code && (g.1 == key || (words == 0 && g.2 == head)));
    let idx = match found {
        Some(g) => g.3,
        None => {
            actors.push(Actor::default());
            (actors.len() - 1) as u32
        }
    };
    st.groups.push((code.to_string(), key, head, idx));
    idx
}

/// The concatenated CAMEO actor code.
pub fn code_of(country: Option<&str>, role: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(c) = country {
        s.push_str(c);
    }
    if let Some(r) = role {
        s.push_str(r);
    }
    s
}
