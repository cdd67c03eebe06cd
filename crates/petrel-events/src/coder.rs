//! Coding events in a document: triggers from the pattern lexicon, source and target from
//! the dependency parse (subject → source, object or prepositional complement → target,
//! passives, control, coordination, reciprocal verbs), with a surface fallback (nearest actor
//! left and right of the trigger) when no parse is present. Modality marks negated,
//! hypothetical and intended events; they are kept, never coded as asserted.

use crate::patterns::{Mood, Pattern, Patterns};
use crate::table::CameoTable;
use petrel_actors::lexicon::{key_of, ActorLexicon, EntryKind, Grammar};
use petrel_doc::{
    ActorRef, Document, Event, EventLocation, MentionKind, Modality, Plover, NO_HEAD,
};
use std::borrow::Cow;
use std::sync::Arc;

/// The event coder with its data.
pub struct Coder {
    pub patterns: Patterns,
    pub table: CameoTable,
    pub actors: Arc<ActorLexicon>,
}

const NONE: u32 = u32::MAX;

/// A trigger found in a sentence.
#[derive(Debug, Clone)]
struct Trig {
    tok: usize,
    pat: u32,
    /// Tokens matched by the pattern's slots.
    slots: Vec<usize>,
}

/// Per-document views the coder needs.
struct Ctx<'a> {
    doc: &'a Document,
    /// Lower-cased forms (borrowed when already lower case: most tokens).
    lower: Vec<Cow<'a, str>>,
    /// Lower-cased lemmas (empty when untagged).
    lemmas: Vec<Cow<'a, str>>,
    /// Pattern lemmas each token's form may inflect.
    cands: Vec<&'a [Box<str>]>,
    /// Per sentence: whether the tagger found a verb in it.
    has_verb: Vec<bool>,
    tagged: bool,
    parsed: bool,
    /// Mention index covering each token, or NONE.
    mention_at: Vec<u32>,
    children: Vec<Vec<u32>>,
    /// Per token: whether a time expression covers it ("March 3" is no march).
    in_time: Vec<bool>,
}

impl<'a> Ctx<'a> {
    fn new(doc: &'a Document, patterns: &'a Patterns) -> Self {
        let n = doc.tokens.len();
        let lower: Vec<Cow<str>> = (0..n).map(|i| lowercase(doc.form(i))).collect();
        let cands = lower.iter().map(|f| patterns.lemmas_of(f)).collect();
        let lemmas = if doc.tokens.lemma.len() == n {
            (0..n)
                .map(|i| lowercase(doc.strings.resolve(doc.tokens.lemma[i])))
                .collect()
        } else {
            Vec::new()
        };
        let mut mention_at = vec![NONE; n];
        // The dateline ("TBILISI, Nov 19 -") is where the story was filed: no argument.
        let dateline = crate::home::dateline(doc).map(|p| (p.start, p.end));
        for (k, m) in doc.mentions.iter().enumerate() {
            if dateline.is_some_and(|(s, e)| s <= m.span.start && m.span.end <= e) {
                continue;
            }
            for t in m.tokens.0..m.tokens.1 {
                if let Some(x) = mention_at.get_mut(t as usize) {
                    *x = k as u32;
                }
            }
        }
        let tagged = doc.tokens.is_tagged();
        let has_verb = doc
            .sentences
            .iter()
            .map(|s| {
                tagged
                    && s.token_range()
                        .any(|k| doc.strings.resolve(doc.tokens.upos[k]) == "VERB")
            })
            .collect();
        let parsed = doc.tokens.is_parsed() && doc.tokens.deprel.len() == n;
        let mut children = Vec::new();
        if parsed {
            children = vec![Vec::new(); n];
            for (i, &h) in doc.tokens.head.iter().enumerate() {
                if h != NO_HEAD && (h as usize) < n {
                    children[h as usize].push(i as u32);
                }
            }
        }
        let mut in_time = vec![false; n];
        for x in &doc.times {
            let from = doc.tokens.start.partition_point(|&s| s < x.start);
            let to = doc.tokens.start.partition_point(|&s| s < x.end);
            for flag in in_time.iter_mut().take(to).skip(from) {
                *flag = true;
            }
        }
        Ctx {
            doc,
            lower,
            lemmas,
            cands,
            has_verb,
            tagged,
            parsed,
            mention_at,
            children,
            in_time,
        }
    }

    /// Whether the tagger found a verb in the sentence of token `t`.
    fn sentence_has_verb(&self, t: usize) -> bool {
        self.has_verb
            .get(self.doc.sentence_of(t))
            .copied()
            .unwrap_or(false)
    }

    /// Whether the parse around trigger `t` can be trusted for a trigger read as `noun`.
    fn parse_agrees(&self, t: usize, noun: bool) -> bool {
        let u = self.upos(t);
        if noun {
            matches!(u, "NOUN" | "PROPN" | "ADJ")
        } else {
            matches!(u, "VERB" | "AUX")
                || (u == "ADJ" && self.xpos(t) == "VBN")
                // "were killed and 40 wounded": a participle read as an adjective, joined
                // to a verb (or hung on its number, the verb elided).
                || (u == "ADJ" && self.lower[t].ends_with("ed") && self.gapped_verb(t).is_some())
        }
    }

    /// The verb a participle is joined to in "were killed and 40 wounded": its head when
    /// it is a conjunct, or its number's head when it hangs on the number as an `orphan`.
    fn gapped_verb(&self, t: usize) -> Option<usize> {
        let h = self.head(t)?;
        let v = match self.deprel(t) {
            "conj" => h,
            "orphan" if self.xpos(h) == "CD" && self.deprel(h) == "conj" => self.head(h)?,
            _ => return None,
        };
        (self.upos(v) == "VERB").then_some(v)
    }

    fn upos(&self, i: usize) -> &str {
        if self.tagged {
            self.doc.strings.resolve(self.doc.tokens.upos[i])
        } else {
            ""
        }
    }

    fn xpos(&self, i: usize) -> &str {
        if self.tagged && self.doc.tokens.xpos.len() > i {
            self.doc.strings.resolve(self.doc.tokens.xpos[i])
        } else {
            ""
        }
    }

    /// Whether token `i` opens another clause: an auxiliary, a modal or a subject (tagged
    /// or parsed text only; a tagger's stray finite tag on a noun, "travel", is no verb).
    fn opens_clause(&self, i: usize) -> bool {
        self.upos(i) == "AUX" || self.xpos(i) == "MD" || self.deprel(i).starts_with("nsubj")
    }

    fn lemma(&self, i: usize) -> Option<&str> {
        self.lemmas.get(i).map(|c| c.as_ref())
    }

    fn deprel(&self, i: usize) -> &str {
        if self.parsed {
            self.doc.strings.resolve(self.doc.tokens.deprel[i])
        } else {
            ""
        }
    }

    fn head(&self, i: usize) -> Option<usize> {
        if !self.parsed {
            return None;
        }
        let h = self.doc.tokens.head[i];
        (h != NO_HEAD && (h as usize) < self.lower.len()).then_some(h as usize)
    }

    /// Whether `top` is `k` or one of its heads in the parse.
    fn dominates(&self, top: usize, mut k: usize) -> bool {
        for _ in 0..=self.lower.len() {
            if k == top {
                return true;
            }
            match self.head(k) {
                Some(h) => k = h,
                None => return false,
            }
        }
        false
    }

    fn kids(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.children
            .get(i)
            .into_iter()
            .flat_map(|v| v.iter().map(|&c| c as usize))
    }

    fn child(&self, i: usize, rel: &str) -> Option<usize> {
        self.kids(i).find(|&c| self.deprel(c) == rel)
    }

    /// The mention with an actor covering token `t`.
    fn actor_mention(&self, t: usize) -> Option<u32> {
        let m = *self.mention_at.get(t)?;
        (m != NONE && self.doc.mentions[m as usize].actor.is_some()).then_some(m)
    }
}

/// Whether two arguments name the same actor (or the same country).
fn same_actor(ctx: &Ctx, a: &Arg, b: &Arg) -> bool {
    let actor = |m: &u32| ctx.doc.mentions[*m as usize].actor;
    match (a, b) {
        (Arg::Mention(x), Arg::Mention(y)) => actor(x).is_some() && actor(x) == actor(y),
        (Arg::Country(_, x), Arg::Country(_, y)) => x == y,
        _ => false,
    }
}

/// The country of an argument, when known.
fn country_of<'d>(ctx: &Ctx<'d>, x: &'d Arg) -> Option<&'d str> {
    match x {
        Arg::Mention(m) => ctx.doc.mentions[*m as usize]
            .actor
            .and_then(|a| ctx.doc.actors[a as usize].country.as_deref()),
        Arg::Country(_, c) => Some(c),
    }
}

/// Lower case without allocating when the word already is.
/// The noun a relative pronoun stands for ("students who marched": "who" → "students"),
/// else `t` itself.
fn antecedent(ctx: &Ctx, t: usize) -> usize {
    let relative = matches!(ctx.xpos(t), "WP" | "WDT") || &*ctx.lower[t] == "that";
    match ctx.head(t) {
        Some(v) if relative && ctx.deprel(v) == "acl:relcl" => ctx.head(v).unwrap_or(t),
        _ => t,
    }
}

fn lowercase(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn is_particle(w: &str) -> bool {
    matches!(
        w,
        "on" | "at"
            | "to"
            | "with"
            | "for"
            | "against"
            | "of"
            | "out"
            | "up"
            | "down"
            | "off"
            | "in"
            | "into"
            | "over"
            | "by"
            | "from"
            | "back"
            | "upon"
            | "about"
            | "away"
    )
}

fn is_be(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "been" | "being" | "is" | "are" | "be" | "got" | "get" | "gets"
    )
}

/// An argument: a mention with an actor, or a bare country from an adjective ("Israeli strikes").
#[derive(Debug, Clone)]
enum Arg {
    Mention(u32),
    Country(u32, Box<str>),
}

impl Coder {
    pub fn new(patterns: Patterns, table: CameoTable, actors: Arc<ActorLexicon>) -> Self {
        Coder {
            patterns,
            table,
            actors,
        }
    }

    /// Codes every sentence of `doc` into `doc.events` (replacing earlier events).
    pub fn code(&self, doc: &mut Document) {
        let ctx = Ctx::new(doc, &self.patterns);
        let mut events = Vec::new();
        for s in 0..doc.sentences.len() {
            self.code_sentence(&ctx, s, &mut events);
        }
        drop(ctx);
        attach_context(doc, &mut events, &self.actors.grammar);
        doc.events = events;
    }

    fn word_matches(&self, ctx: &Ctx, w: &str, t: usize) -> bool {
        if ctx.in_time[t] {
            return false;
        }
        let f = &*ctx.lower[t];
        if f == w {
            return true;
        }
        if let Some(l) = ctx.lemma(t) {
            if l == w {
                return true;
            }
        }
        if let Some(stem) = f.strip_suffix('s') {
            if stem == w || stem.strip_suffix('e') == Some(w) {
                return true;
            }
        }
        ctx.cands[t].iter().any(|l| &**l == w)
    }

    /// Matches the slots of `pat` after trigger `t`; returns the matched tokens.
    fn match_slots(&self, ctx: &Ctx, pat: &Pattern, t: usize, end: usize) -> Option<Vec<usize>> {
        let mut cur = t + 1;
        let mut toks = Vec::new();
        for slot in &pat.slots {
            let mut found = None;
            // Particles and prepositions sit next to the verb phrase; objects may be further.
            let near = slot
                .iter()
                .all(|alt| alt.len() == 1 && is_particle(&alt[0]));
            let reach = if near { 3 } else { 7 };
            'pos: for start in cur..end.min(cur + reach) {
                let f = &*ctx.lower[start];
                if start > cur && matches!(f, "." | ";" | ":" | "," | "\"") {
                    break;
                }
                // Nor into another clause: "announced it would cut aid" is no announced aid.
                if start > cur && ctx.opens_clause(start - 1) {
                    break;
                }
                for alt in slot {
                    if start + alt.len() > end {
                        continue;
                    }
                    if alt
                        .iter()
                        .enumerate()
                        .all(|(k, w)| self.word_matches(ctx, w, start + k))
                    {
                        found = Some((start, start + alt.len()));
                        break 'pos;
                    }
                }
            }
            let (s, e) = found?;
            toks.extend(s..e);
            cur = e;
        }
        Some(toks)
    }

    /// Whether token `t` should be read as a noun (for triggers with verb and noun patterns).
    fn noun_reading(&self, ctx: &Ctx, t: usize, a: usize) -> Option<bool> {
        if ctx.tagged && ctx.sentence_has_verb(t) {
            return match ctx.upos(t) {
                "VERB" => Some(false),
                "AUX" => Some(false),
                "NOUN" | "PROPN" => Some(true),
                "ADJ" if ctx.xpos(t) == "VBN" => Some(false),
                "ADJ" if matches!(ctx.xpos(t), "VBD" | "VBG") => Some(false),
                // "ethnic cleansing", "air strike": event nouns led by an adjective (a verb
                // mistagged as an adjective falls back to its verb patterns)
                "ADJ" => Some(true),
                _ => None,
            };
        }
        // No tagger, or a sentence the tagger found no verb in: read the words.
        let g = &self.actors.grammar;
        let prev = if t > a { &*ctx.lower[t - 1] } else { "" };
        Some(
            g.is("determiner", prev)
                || prev == "'s"
                || g.is("locative", prev)
                || matches!(
                    prev,
                    "of" | "for" | "with" | "on" | "by" | "against" | "about"
                )
                || (t > a && self.is_adjective_like(ctx, t - 1)),
        )
    }

    fn is_adjective_like(&self, ctx: &Ctx, t: usize) -> bool {
        let f = &*ctx.lower[t];
        f.ends_with("ese")
            || f.ends_with("ian")
            || f.ends_with("an")
                && ctx.actor_mention(t).is_none()
                && self.demonym_country(ctx, t).is_some()
            || matches!(
                f,
                "new"
                    | "fresh"
                    | "heavy"
                    | "deadly"
                    | "violent"
                    | "major"
                    | "further"
                    | "joint"
                    | "massive"
                    | "air"
                    | "suicide"
                    | "renewed"
                    | "fierce"
                    | "peace"
                    | "mass"
                    | "bilateral"
            )
    }

    fn demonym_country(&self, ctx: &Ctx, t: usize) -> Option<(u32, Box<str>)> {
        let f = ctx.doc.form(t);
        let id = self.actors.lookup(&key_of(f), f)?;
        let e = &self.actors.entries[id as usize];
        matches!(e.kind, EntryKind::Demonym | EntryKind::Country)
            .then(|| e.country.clone().map(|c| (t as u32, c)))
            .flatten()
    }

    fn find_trigger(&self, ctx: &Ctx, t: usize, a: usize, b: usize) -> Option<Trig> {
        let f = &*ctx.lower[t];
        if !f.chars().next().is_some_and(|c| c.is_alphabetic()) {
            return None;
        }
        // Closed-class words are never triggers.
        if ctx.tagged
            && matches!(
                ctx.upos(t),
                "DET"
                    | "ADP"
                    | "PUNCT"
                    | "PRON"
                    | "CCONJ"
                    | "SCONJ"
                    | "PART"
                    | "NUM"
                    | "SYM"
                    | "INTJ"
            )
        {
            return None;
        }
        // A month is no verb ("on March 4", "in May"): "March" and "May" are triggers only
        // in lower case or opening a sentence.
        if t > a
            && self.actors.grammar.is("calendar", f)
            && ctx.doc.form(t).starts_with(|c: char| c.is_uppercase())
        {
            return None;
        }
        // The second part of a hyphenated word is no trigger ("long-threatened"), unless
        // the whole word is one ("test-fired": the lemma `test-fire`).
        let mut joined = None;
        if t > a && ctx.lower[t - 1] == "-" && !ctx.doc.tokens.space_after[t - 1] {
            let whole = (t >= a + 2 && ctx.doc.tokens.space_after.get(t - 2) == Some(&false))
                .then(|| format!("{}-{}", ctx.lower[t - 2], ctx.lemma(t).unwrap_or(f)))
                .filter(|w| !self.patterns.for_lemma(w, false).is_empty());
            match whole {
                Some(w) => joined = Some(w),
                None => return None,
            }
        }
        // Without a tagger, a capitalised word inside a sentence is a name, not a trigger.
        if !ctx.tagged
            && t > a
            && ctx
                .doc
                .form(t)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            return None;
        }
        if ctx.cands[t].is_empty()
            && ctx.lemma(t).is_none_or(|l| {
                self.patterns.for_lemma(l, false).is_empty()
                    && self.patterns.for_lemma(l, true).is_empty()
            })
        {
            return None;
        }
        let mut lemmas: Vec<&str> = Vec::with_capacity(3);
        if let Some(w) = &joined {
            lemmas.push(w);
        } else {
            if let Some(l) = ctx.lemma(t) {
                lemmas.push(l);
            }
            for l in ctx.cands[t] {
                if !lemmas.contains(&&**l) {
                    lemmas.push(l);
                }
            }
        }
        if lemmas.is_empty() {
            return None;
        }
        let noun = self.noun_reading(ctx, t, a)?;
        // Untagged text may still be either reading: a verb reading falls back to event
        // nouns, and so does a gerund ("the fighting", "of violating"); tagged text keeps its tag.
        // A participle describing its noun ("jailed opposition leader", "armed men") tells
        // what happened before, not an event of this sentence.
        // Right after a noun it is the verb the parse missed ("guerrillas wounded two
        // soldiers").
        let after_noun = t > a && matches!(ctx.upos(t - 1), "NOUN" | "PROPN" | "PRON");
        let describing = ctx.parsed && ctx.deprel(t) == "amod" && f.ends_with("ed") && !after_noun;
        let fallback = (!ctx.tagged && (!noun || f.ends_with("ing")))
            || (ctx.tagged && ctx.upos(t) == "ADJ" && !describing);
        let mut best: Option<(usize, Trig)> = None;
        for pass_noun in [noun, !noun] {
            if pass_noun != noun && (!fallback || best.is_some()) {
                break;
            }
            for l in &lemmas {
                for &pid in self.patterns.for_lemma(l, pass_noun) {
                    let pat = &self.patterns.patterns[pid as usize];
                    if best
                        .as_ref()
                        .is_some_and(|(w, _)| *w >= (pat.weight + 2) * 64)
                    {
                        continue;
                    }
                    if let Some(slots) = self.match_slots(ctx, pat, t, b) {
                        // More matched words win; then the match that ends nearer the trigger.
                        let w =
                            (slots.len() + 1) * 64 - slots.last().map_or(0, |&e| (e - t).min(63));
                        if best.as_ref().is_none_or(|(bw, _)| w > *bw) {
                            best = Some((
                                w,
                                Trig {
                                    tok: t,
                                    pat: pid,
                                    slots,
                                },
                            ));
                        }
                    }
                }
            }
        }
        best.map(|(_, tr)| tr)
    }

    fn code_sentence(&self, ctx: &Ctx, s: usize, out: &mut Vec<Event>) {
        let doc = ctx.doc;
        let r = doc.sentences[s].token_range();
        let (a, b) = (r.start, r.end);
        let mut trigs: Vec<Trig> = Vec::new();
        let mut consumed = vec![false; b - a];
        for t in a..b {
            if consumed[t - a] {
                continue;
            }
            // Words inside actor phrases are not triggers ("rebel leader"), except nouns of events.
            if ctx.actor_mention(t).is_some() {
                continue;
            }
            if let Some(tr) = self.find_trigger(ctx, t, a, b) {
                // An event noun in the phrase of a verb just before it is that verb's object
                // ("pledged $50 million in aid"), unless the verb only says it: "announced
                // a suspension of aid" is a suspension.
                if self.patterns.patterns[tr.pat as usize].noun {
                    if let Some(prev) = trigs.last() {
                        let last = prev.slots.last().copied().unwrap_or(prev.tok);
                        let pp = &self.patterns.patterns[prev.pat as usize];
                        let saying = pp.say && pp.code.as_deref() == Some("010");
                        if !pp.noun
                            && !saying
                            && t <= last + 5
                            && !(last + 1..t)
                                .any(|k| matches!(&*ctx.lower[k], "," | ";" | "and" | "but"))
                        {
                            continue;
                        }
                    }
                }
                // "staged a hunger strike in protest against …": the protest is what the
                // strike is for, not a second event.
                let purpose = t > a
                    && &*ctx.lower[t - 1] == "in"
                    && matches!(&*ctx.lower[t], "protest" | "protests")
                    && trigs.iter().any(|p| {
                        self.patterns.patterns[p.pat as usize]
                            .code
                            .as_deref()
                            .is_some_and(|c| c.starts_with("14"))
                    });
                if purpose {
                    continue;
                }
                for &k in &tr.slots {
                    consumed[k - a] = true;
                }
                trigs.push(tr);
            }
        }
        if trigs.is_empty() {
            return;
        }
        let start = out.len();
        let conditional = (a..b).any(|k| self.patterns.conditional.contains(&*ctx.lower[k]));
        let mut bare_nouns: Vec<Event> = Vec::new();
        let mut said = vec![false; b - a];
        for tr in &trigs {
            said[tr.tok - a] = self.patterns.patterns[tr.pat as usize].say;
        }
        let absorbed = self.absorbed(ctx, &trigs);
        for (ti, tr) in trigs.iter().enumerate() {
            let pat = &self.patterns.patterns[tr.pat as usize];
            let Some(code) = pat.code.as_deref() else {
                continue;
            };
            if absorbed[ti].is_some()
                || self.subsumed(ctx, &trigs, ti)
                || self.natural_cause(ctx, tr.tok, pat)
                || self.anonymity(ctx, tr.tok)
            {
                continue;
            }
            let (mood, outer) = self.modality(ctx, &trigs, ti, a);
            let (mut sources, mut target) = self.arguments(ctx, tr, pat, a, b);
            // "X said it will ...": "it"/"they" after a verb of saying is the speaker.
            if sources.is_empty() && !pat.noun {
                // Not when the speaker addresses an actor: "reminded Iraq that it must
                // cooperate" leaves "it" to the addressee.
                let speaker_pronoun = trigs[..ti]
                    .iter()
                    .rev()
                    .find(|x| self.patterns.patterns[x.pat as usize].say)
                    .is_some_and(|say| {
                        (say.tok + 1..tr.tok).any(|k| matches!(&*ctx.lower[k], "it" | "they"))
                    })
                    && self
                        .say_arguments(ctx, &trigs, ti, a)
                        .is_some_and(|(_, to)| to.is_none());
                if speaker_pronoun {
                    sources.extend(self.sayer(ctx, &trigs, ti, a));
                }
                // "X said removing the sanctions is out of the question", "… is out of the
                // question, X said": a clausal subject with no subject of its own, in what a
                // speaker reports, is the speaker's. The verb of saying governs the clause or
                // hangs on its predicate (as a closing attribution, or misparsed).
                let reporter = (ctx.parsed && ctx.deprel(tr.tok) == "csubj")
                    .then(|| {
                        let pred = ctx.head(tr.tok);
                        trigs.iter().find(|x| {
                            self.patterns.patterns[x.pat as usize].say
                                && (ctx.dominates(x.tok, tr.tok)
                                    || (pred.is_some() && ctx.head(x.tok) == pred))
                        })
                    })
                    .flatten();
                if let Some(say) = reporter.filter(|_| sources.is_empty()) {
                    let pat = &self.patterns.patterns[say.pat as usize];
                    sources.extend(self.arguments(ctx, say, pat, a, b).0.into_iter().take(1));
                }
            }
            // "The authorities said they are committed to …": a pronoun that stands for the
            // speaker is reported as the speaker's own phrase.
            if let [Arg::Mention(m)] = sources.as_slice() {
                let pronoun = ctx.doc.mentions[*m as usize].kind == MentionKind::Pronoun;
                if pronoun && !pat.noun {
                    if let Some(sp) = self
                        .sayer(ctx, &trigs, ti, a)
                        .filter(|sp| same_actor(ctx, sp, &sources[0]))
                    {
                        sources = vec![sp];
                    }
                }
            }
            let mut code = code;
            // Peacekeepers who arrive somewhere provide peacekeeping (074); they are not
            // paying a visit.
            if code == "042"
                && sources.iter().any(|x| match x {
                    Arg::Mention(m) => {
                        let m = &ctx.doc.mentions[*m as usize];
                        ctx.doc
                            .span_text(m.span)
                            .to_lowercase()
                            .contains("peacekeep")
                    }
                    Arg::Country(..) => false,
                })
            {
                code = "074";
            }
            // An unrealised event announced by a cue is coded as what it is: an intention,
            // a refusal, a demand or a threat (lexicon/modal-codes.tsv).
            let mut modality = mood.modality();
            if !outer && mood != Mood::Asserted {
                let kind = match mood {
                    Mood::Intended | Mood::Hypothetical if conditional => Some("conditional"),
                    Mood::Intended => Some("intended"),
                    Mood::Negated => Some("negated"),
                    Mood::Obliged => Some("obliged"),
                    _ => None,
                };
                let new = kind.and_then(|k| {
                    self.patterns.modal_code(k, code).or_else(|| {
                        (k == "conditional")
                            .then(|| self.patterns.modal_code("intended", code))
                            .flatten()
                    })
                });
                if let Some(c) = new {
                    code = c;
                    modality = Modality::Asserted;
                    if mood == Mood::Obliged {
                        // "X said Y must go": X demands, Y is the target; "X told Y it
                        // must go": the addressee is.
                        // The clause's subject read off the words around it may be the
                        // speaker again: no one makes demands of themselves.
                        let (said_by, said_to) = self
                            .say_arguments(ctx, &trigs, ti, a)
                            .map(|(s, to)| (s.into_iter().next(), to))
                            .unwrap_or_default();
                        target = sources
                            .first()
                            .filter(|x| !said_by.as_ref().is_some_and(|s| same_actor(ctx, s, x)))
                            .cloned()
                            .or(said_to);
                        sources = said_by.into_iter().collect();
                    }
                }
            }
            // A denial is about whom the act denied was done to ("denied reports that
            // officers beat protesters"), not about the accused the clause names first.
            if pat.absorb {
                if let Some(inner) = absorbed.iter().position(|&x| x == Some(ti)) {
                    let ipat = &self.patterns.patterns[trigs[inner].pat as usize];
                    let itarget = self.arguments(ctx, &trigs[inner], ipat, a, b).1;
                    if let Some(x) =
                        itarget.filter(|x| !sources.iter().any(|s| same_actor(ctx, s, x)))
                    {
                        target = Some(x);
                    } else if target.as_ref().is_some_and(|x| {
                        sources.iter().any(|s| {
                            country_of(ctx, s).is_some_and(|c| country_of(ctx, x) == Some(c))
                        })
                    }) {
                        // "Israel denied that its jets bombed …": its own accused forces
                        // are not whom the denial is aimed at.
                        target = None;
                    }
                }
            }
            // A control verb without object takes its complement's ("threatened to arrest Y").
            if target.is_none() && pat.ctl.is_some() {
                if let Some(inner) = self.complement_of(ctx, &trigs, ti) {
                    let ipat = &self.patterns.patterns[trigs[inner].pat as usize];
                    target = self.arguments(ctx, &trigs[inner], ipat, a, b).1;
                }
            }
            // A protest is aimed at what it is in protest of ("a hunger strike in protest
            // against abuses by the police", "marched to protest the minister's decision").
            if target.is_none() && ctx.parsed && code.starts_with("14") {
                target = self.protested(ctx, tr.tok, &sources);
            }
            // ... else the place it or an uncoded complement acts in ("agreed to set up a
            // centre in Tokyo", "threatened to impose a curfew in Algiers").
            // Not for parties that agree with each other ("In Sudan, the army and the
            // militia agreed to …" is between them).
            let mutual = pat.recip && sources.len() >= 2;
            if target.is_none() && pat.ctl.is_some() && ctx.parsed && !mutual {
                target = self.place_target(ctx, tr.tok, pat);
            }
            // A generic control verb takes its meaning from its complement: "vowed to fight"
            // is a threat, "refused to release" a refusal to release, "urged to withdraw" an
            // appeal for de-escalation.
            if pat.ctl.is_some() && code.len() == 3 && code.ends_with('0') {
                if let Some(inner) = self.complement_of(ctx, &trigs, ti) {
                    if let Some(ic) = self.patterns.patterns[trigs[inner].pat as usize]
                        .code
                        .as_deref()
                    {
                        if let Some(c) = self.refine(code, ic) {
                            code = c;
                        }
                    }
                }
            }
            let Some(info) = self.table.get(code) else {
                continue;
            };
            let mode = pat
                .mode
                .as_deref()
                .or(info.mode.as_deref())
                .map(str::to_string);
            // An event noun is named by its whole noun phrase ("general strike", not
            // "general"; but "drones" of "drones struck").
            let phrase_end = tr
                .slots
                .iter()
                .enumerate()
                .take_while(|&(i, &k)| {
                    k == tr.tok + 1 + i && !matches!(ctx.upos(k), "VERB" | "AUX")
                })
                .last()
                .map_or(tr.tok + 1, |(_, &k)| k + 1);
            let verb = if pat.noun {
                doc.span_text(doc.token_span(tr.tok, phrase_end))
                    .to_string()
            } else {
                doc.token_text(tr.tok).to_string()
            };
            let sentence_text = doc.sentence_text(s).to_string();
            // Force, coercion and threats against a town land on the people there ("shelled
            // the town", "a curfew in Algiers"), whom coders record as its civilians.
            let on_people = matches!(&code[..2], "13" | "15" | "17" | "18" | "19" | "20");
            // A capital stands for its government ("Moscow warned Kyiv"), but not when
            // arms or a curfew strike the city itself ("shelled Kyiv", "martial law in
            // Baghdad", "would blockade Paris": the act as worded, before a cue made it a
            // threat).
            let physical = pat.code.as_deref().is_some_and(|c| {
                matches!(&c[..2], "18" | "19" | "20") || matches!(c, "1723" | "1724")
            });
            let mk = |src: Option<&Arg>, tgt: Option<&Arg>| {
                let source = src.map(|x| self.actor_ref(ctx, x));
                let mut target = tgt.map(|x| self.actor_ref(ctx, x));
                let town = match tgt {
                    Some(Arg::Country(t, _)) => on_people && self.is_town(ctx, *t as usize),
                    Some(Arg::Mention(m)) => {
                        let h = ctx.doc.mentions[*m as usize].head as usize;
                        physical
                            && place_at(ctx.doc, h).is_some_and(|p| p.feature == "capital")
                            && self.is_town(ctx, h)
                    }
                    None => false,
                };
                if let (true, Some(r)) = (town, &mut target) {
                    if let Some(country) = r.country.clone() {
                        r.role = Some(petrel_actors::PEOPLE_ROLE.into());
                        r.code = format!("{country}{}", petrel_actors::PEOPLE_ROLE);
                    }
                }
                Event {
                    sentence: s as u32,
                    text: sentence_text.clone(),
                    source,
                    target,
                    cameo: code.to_string(),
                    cameo_root: code[..2].to_string(),
                    goldstein: info.goldstein,
                    quad_class: info.quad_class,
                    plover: Plover {
                        kind: info.plover.to_string(),
                        mode: mode.clone(),
                        context: None,
                    },
                    modality,
                    verb: verb.clone(),
                    date: None,
                    location: None,
                    counts: Vec::new(),
                    issues: Vec::new(),
                    trigger: tr.tok as u32,
                }
            };
            if pat.recip && target.is_none() && sources.len() >= 2 {
                for (i, x) in sources.iter().enumerate() {
                    for (j, y) in sources.iter().enumerate() {
                        if i != j {
                            out.push(mk(Some(x), Some(y)));
                        }
                    }
                }
            } else if sources.is_empty() {
                if pat.noun && target.is_none() {
                    // A bare event noun ("the war") is an event only when nothing else is.
                    bare_nouns.push(mk(None, None));
                    continue;
                }
                out.push(mk(None, target.as_ref()));
            } else {
                for x in &sources {
                    out.push(mk(Some(x), target.as_ref()));
                }
            }
        }
        if out[start..]
            .iter()
            .all(|e| said[e.trigger as usize - a] && e.cameo == "010")
        {
            out.extend(bare_nouns.into_iter().take(1));
        }
        // Verbs of saying introduce reported events: the bare saying is dropped when the
        // sentence reports an event.
        let has_other = out[start..].iter().any(|e| !said[e.trigger as usize - a]);
        if has_other {
            let mut k = start;
            while k < out.len() {
                if said[out[k].trigger as usize - a] && out[k].cameo == "010" {
                    out.remove(k);
                } else {
                    k += 1;
                }
            }
        }
        // One event per code, source and target in a sentence (as PETRARCH codes): "is ready
        // to withdraw" yields the intention once, not from both "ready" and "withdraw". The
        // copy kept is the first, unless its trigger is a form of "be".
        let key = |e: &Event| {
            let arg = |x: &Option<ActorRef>| {
                x.as_ref()
                    .map(|x| (x.code.clone(), x.actor, x.head))
                    .unwrap_or_default()
            };
            (e.cameo.clone(), arg(&e.source), arg(&e.target))
        };
        let mut k = start;
        while k < out.len() {
            let dup = (start..k).find(|&j| key(&out[j]) == key(&out[k]));
            match dup {
                Some(j) => {
                    if is_be(&ctx.lower[out[j].trigger as usize])
                        && !is_be(&ctx.lower[out[k].trigger as usize])
                    {
                        out.swap(j, k);
                    }
                    out.remove(k);
                }
                None => k += 1,
            }
        }
    }

    /// Whether a generic force verb only reports the event its subject names: "an Israeli
    /// air strike hit a school" is the air strike (195) on the school, not a second attack.
    fn subsumed(&self, ctx: &Ctx, trigs: &[Trig], ti: usize) -> bool {
        let pat = &self.patterns.patterns[trigs[ti].pat as usize];
        let Some(code) = pat.code.as_deref() else {
            return false;
        };
        if pat.noun || !ctx.parsed || code.len() != 3 || !code.ends_with('0') || !is_force(pat) {
            return false;
        }
        trigs.iter().any(|x| {
            let p = &self.patterns.patterns[x.pat as usize];
            p.noun
                && p.code
                    .as_deref()
                    .is_some_and(|c| c.get(..2) == code.get(..2))
                && self.verb_of_subject(ctx, x.tok) == Some(trigs[ti].tok)
        })
    }

    /// Per trigger: whether it is what an `absorb` verb is about ("denied firing the
    /// rockets", "rejected claims that troops shelled the town"). A denial is a statement
    /// (CAMEO 016), not the act denied, so the act is not coded: as the dictionary coders
    /// code "deny" with its complement as one verbal event.
    /// Gives the index of the absorbing trigger.
    fn absorbed(&self, ctx: &Ctx, trigs: &[Trig]) -> Vec<Option<usize>> {
        let mut out = vec![None; trigs.len()];
        for (j, tj) in trigs.iter().enumerate() {
            if !self.patterns.patterns[tj.pat as usize].absorb {
                continue;
            }
            if let Some(k) = self.complement_of(ctx, trigs, j).filter(|&k| k != j) {
                out[k] = Some(j);
            }
            if !ctx.parsed {
                continue;
            }
            // The verb's clause, or a clause on its object or on the noun its pattern
            // matched ("denied reports that …", "rejected the accusation that …").
            let t = tj.tok;
            let on_object = |h: usize| {
                tj.slots.contains(&h) || (ctx.head(h) == Some(t) && ctx.deprel(h) == "obj")
            };
            // Down a chain of complements too: "denied ordering his guards to open fire"
            // denies the firing as well.
            let under = |mut v: usize| {
                for _ in 0..3 {
                    let Some(h) = ctx.head(v) else { return false };
                    if !matches!(ctx.deprel(v), "xcomp" | "ccomp" | "advcl") {
                        return false;
                    }
                    if h == t {
                        return true;
                    }
                    v = h;
                }
                false
            };
            for (k, tk) in trigs.iter().enumerate() {
                let Some(h) = ctx.head(tk.tok) else {
                    continue;
                };
                let rel = ctx.deprel(tk.tok);
                if k != j
                    && ((h == t && matches!(rel, "xcomp" | "ccomp"))
                        || (h != t && under(tk.tok))
                        || (on_object(h) && matches!(rel, "acl" | "ccomp")))
                {
                    out[k].get_or_insert(j);
                }
            }
        }
        // "denied shelling the town and killing civilians": the conjuncts too.
        for _ in 0..3 {
            let mut changed = false;
            for k in 0..trigs.len() {
                if out[k].is_some() || ctx.deprel(trigs[k].tok) != "conj" {
                    continue;
                }
                let h = ctx.head(trigs[k].tok);
                if let Some(j) = (0..trigs.len()).find(|&x| Some(trigs[x].tok) == h) {
                    if let Some(by) = out[j] {
                        out[k] = Some(by);
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        out
    }

    /// The code of a generic control verb given its complement's code.
    fn refine<'s>(&'s self, outer: &str, inner: &str) -> Option<&'s str> {
        let root = |c: &str| c.get(..2).map(str::to_string);
        let pick = |kind: &str, roots: &[&str]| {
            self.patterns
                .modal_code(kind, inner)
                .filter(|c| roots.iter().any(|r| c.starts_with(r)))
        };
        match root(outer)?.as_str() {
            "03" => pick("intended", &["03", "13"]),
            "12" => pick("negated", &["12"]),
            "10" => pick("obliged", &["10"]),
            "13" => pick("intended", &["13"]),
            "02" => pick("obliged", &["10"]).and_then(|c| self.appeal_of(c)),
            _ => None,
        }
    }

    /// The appeal (02x) parallel to a demand code (10x): "1053" → "0253".
    fn appeal_of(&self, demand: &str) -> Option<&str> {
        let rest = demand.get(2..)?;
        let code = format!("02{rest}");
        self.patterns.known_code(&code)
    }

    /// The speaker of a saying verb before trigger `ti` (source of a reported demand).
    fn sayer(&self, ctx: &Ctx, trigs: &[Trig], ti: usize, a: usize) -> Option<Arg> {
        self.say_arguments(ctx, trigs, ti, a)?.0.into_iter().next()
    }

    /// The speaker(s) and addressee of the last verb of saying before trigger `ti`.
    fn say_arguments(
        &self,
        ctx: &Ctx,
        trigs: &[Trig],
        ti: usize,
        a: usize,
    ) -> Option<(Vec<Arg>, Option<Arg>)> {
        let say = trigs[..ti]
            .iter()
            .rev()
            .find(|x| self.patterns.patterns[x.pat as usize].say)?;
        let pat = &self.patterns.patterns[say.pat as usize];
        Some(self.arguments(
            ctx,
            say,
            pat,
            a,
            ctx.doc.sentences[ctx.doc.sentence_of(say.tok)].tokens.end as usize,
        ))
    }

    /// The trigger that is the to-complement of trigger `ti`.
    fn complement_of(&self, ctx: &Ctx, trigs: &[Trig], ti: usize) -> Option<usize> {
        let t = trigs[ti].tok;
        if ctx.parsed {
            if let Some(k) = trigs.iter().position(|x| {
                ctx.head(x.tok) == Some(t) && matches!(ctx.deprel(x.tok), "xcomp" | "ccomp")
            }) {
                return Some(k);
            }
        }
        trigs.iter().position(|x| {
            (x.tok > t && x.tok <= t + 4 && ctx.lower[x.tok - 1] == "to")
                || (x.tok == t + 1 && ctx.lower[x.tok].ends_with("ing"))
        })
    }

    /// The mood of trigger `ti` and whether it comes from a coded verb governing it
    /// ("promised to", "threatened to") rather than from a cue ("will", "did not").
    fn modality(&self, ctx: &Ctx, trigs: &[Trig], ti: usize, a: usize) -> (Mood, bool) {
        let t = trigs[ti].tok;
        let mut m = Mood::Asserted;
        let mut outer = false;
        let mut set = |x: Mood, from_outer: bool| {
            if x.rank() > m.rank() {
                m = x;
                outer = from_outer;
            }
        };
        let coded = |c: &Trig| self.patterns.patterns[c.pat as usize].code.is_some();
        // "to" + trigger after a control verb or a cue.
        if t >= a + 2 && ctx.lower[t - 1] == "to" {
            for k in (a.max(t.saturating_sub(4))..t - 1).rev() {
                if let Some(c) = trigs.iter().find(|x| x.tok == k) {
                    if let Some(x) = self.patterns.patterns[c.pat as usize].ctl {
                        set(x, coded(c));
                    } else if let Some(&x) = self.patterns.before_to.get(&*ctx.lower[k]) {
                        set(x, coded(c));
                    }
                    break;
                }
                if let Some(&x) = self.patterns.before_to.get(&*ctx.lower[k]) {
                    set(x, false);
                    break;
                }
            }
        }
        // A gerund right after a control verb ("considering sending troops").
        if t > a && ctx.lower[t].ends_with("ing") {
            if let Some(c) = trigs.iter().find(|x| x.tok + 1 == t) {
                if let Some(x) = self.patterns.patterns[c.pat as usize].ctl {
                    set(x, coded(c));
                }
            }
        }
        if ctx.parsed {
            // The complement of a control verb: "to"-less infinitives, clauses ("hopes
            // that talks resume"), objects ("urged restraint", "avoid violence") and
            // "from" gerunds ("refrained from shelling").
            let complement = match ctx.deprel(t) {
                "xcomp" | "ccomp" | "obj" => true,
                "advcl" => ctx.kids(t).any(|c| &*ctx.lower[c] == "from"),
                _ => false,
            };
            if complement {
                if let Some(h) = ctx.head(t) {
                    if let Some(c) = trigs.iter().find(|x| x.tok == h) {
                        if let Some(x) = self.patterns.patterns[c.pat as usize].ctl {
                            set(x, coded(c));
                        }
                    }
                }
            }
            for c in ctx.kids(t) {
                if matches!(
                    ctx.deprel(c),
                    "advmod" | "aux" | "mark" | "neg" | "aux:pass" | "cop"
                ) {
                    if let Some(&x) = self.patterns.before.get(&*ctx.lower[c]) {
                        set(x, false);
                    }
                }
                // "No group claimed responsibility", "nobody was arrested".
                let nobody = ctx.deprel(c).starts_with("nsubj")
                    && (matches!(&*ctx.lower[c], "nobody" | "none")
                        || ctx
                            .kids(c)
                            .any(|d| ctx.deprel(d) == "det" && &*ctx.lower[d] == "no"));
                if nobody {
                    set(Mood::Negated, false);
                }
            }
            // "Removing the sanctions is out of the question": the act is the subject clause
            // of a predicate that denies it (position "predicate" in modality.tsv).
            if ctx.deprel(t).starts_with("csubj") {
                if let Some(h) = ctx.head(t) {
                    let words: Vec<&str> = (0..ctx.lower.len())
                        .filter(|&k| ctx.dominates(h, k) && !ctx.dominates(t, k))
                        .map(|k| &*ctx.lower[k])
                        .collect();
                    for (cue, x) in &self.patterns.predicate {
                        if words
                            .windows(cue.len())
                            .any(|w| w.iter().zip(cue).all(|(a, b)| *a == &**b))
                        {
                            set(*x, false);
                        }
                    }
                }
            }
            // "There is no plan to deploy troops", "with no intention of attacking": the act
            // hangs on a noun that "no" denies.
            if ctx.deprel(t) == "acl" {
                if let Some(h) = ctx.head(t) {
                    if ctx
                        .kids(h)
                        .any(|d| ctx.deprel(d) == "det" && &*ctx.lower[d] == "no")
                    {
                        set(Mood::Negated, false);
                    }
                }
            }
        }
        // Cues among the few words before the trigger, within its clause.
        let g = &self.actors.grammar;
        let lo = a.max(t.saturating_sub(5));
        for k in (lo..t).rev() {
            let w = &*ctx.lower[k];
            if g.is("clause-break", w) && !matches!(w, "that" | "-")
                || trigs.iter().any(|x| x.tok == k && x.tok != t && coded(x))
            {
                break;
            }
            // "said on May 1": a month is no modal.
            let at = ctx.doc.tokens.start[k];
            if ctx.doc.times.iter().any(|x| x.start <= at && at < x.end) {
                continue;
            }
            if let Some(&x) = self.patterns.before.get(w) {
                set(x, false);
            }
            for (cue, x) in &self.patterns.before_multi {
                if k + cue.len() <= t
                    && cue.iter().enumerate().all(|(i, c)| ctx.lower[k + i] == **c)
                {
                    set(*x, false);
                }
            }
        }
        (m, outer)
    }

    /// Source(s) and target of a trigger.
    fn arguments(
        &self,
        ctx: &Ctx,
        tr: &Trig,
        pat: &Pattern,
        a: usize,
        b: usize,
    ) -> (Vec<Arg>, Option<Arg>) {
        let (src, mut tgt) = self.arguments_inner(ctx, tr, pat, a, b);
        if tgt.is_none() && pat.noun && ctx.parsed && is_force(pat) {
            if let Some(v) = self.verb_of_subject(ctx, tr.tok) {
                tgt = self.struck_target(ctx, v, &src);
            }
        }
        // Aid given or pledged "to help refugees in Chad": the purpose names the recipient.
        let aid = pat
            .code
            .as_deref()
            .is_some_and(|c| c.starts_with("07") || c.starts_with("033"));
        if tgt.is_none() && aid && ctx.parsed && !pat.noun {
            tgt = self.purpose_target(ctx, tr.tok, &src);
        }
        // A control verb looks at its complement first (in `code_sentence`).
        // Parties that act on each other ("In Sudan, the army and the militia agreed to a
        // truce", "will meet in Washington") have no place for a target: it is the venue.
        let mutual = pat.recip;
        if tgt.is_some() || pat.say || !ctx.parsed || pat.ctl.is_some() || mutual {
            return (src, tgt);
        }
        let tgt = self.place_target(ctx, tr.tok, pat);
        (src, tgt)
    }

    /// The actor a to-clause of purpose on the verb (or on its object) acts on ("allocated
    /// funds to feed families in Gaza").
    fn purpose_target(&self, ctx: &Ctx, t: usize, src: &[Arg]) -> Option<Arg> {
        let purpose = |h: usize| {
            ctx.kids(h).filter(move |&c| {
                matches!(ctx.deprel(c), "advcl" | "xcomp" | "acl")
                    && c > h
                    && ctx
                        .kids(c)
                        .any(|m| ctx.deprel(m) == "mark" && &*ctx.lower[m] == "to")
            })
        };
        let obj = ctx.child(t, "obj");
        purpose(t)
            .chain(obj.into_iter().flat_map(purpose))
            .find_map(|c| {
                ctx.child(c, "obj")
                    .and_then(|o| self.object_actor(ctx, o, src))
            })
    }

    /// The verb an event noun is the subject of ("Russian drones struck …", "an air strike
    /// hit …": the trigger "air" is a compound of the subject "strike").
    fn verb_of_subject(&self, ctx: &Ctx, t: usize) -> Option<usize> {
        let mut n = t;
        if matches!(ctx.deprel(n), "compound" | "amod") {
            n = ctx.head(n)?;
        }
        let v = ctx.head(n)?;
        (ctx.deprel(n) == "nsubj" && ctx.upos(v) == "VERB").then_some(v)
    }

    /// What a force noun's verb struck: its object's actor ("hit a school in Gaza"), else the
    /// country of the place the object is in or near or the verb acts in ("struck a power
    /// station near Kharkiv" is aimed at Ukraine), as with force verbs.
    fn struck_target(&self, ctx: &Ctx, v: usize, src: &[Arg]) -> Option<Arg> {
        let obj = ctx.child(v, "obj");
        if let Some(x) = obj.and_then(|o| self.object_actor(ctx, o, src)) {
            return Some(x);
        }
        let placed = |c: usize| {
            matches!(
                self.case_of(ctx, c).as_str(),
                "in" | "at" | "on" | "near" | "into" | "inside" | "outside" | "across"
            )
        };
        let mut cands: Vec<usize> = obj.into_iter().collect();
        if let Some(o) = obj {
            cands.extend(
                ctx.kids(o)
                    .filter(|&c| ctx.deprel(c).starts_with("nmod") && placed(c)),
            );
        }
        cands.extend(
            ctx.kids(v)
                .filter(|&c| ctx.deprel(c).starts_with("obl") && placed(c)),
        );
        cands
            .into_iter()
            .find_map(|o| self.place_country(ctx, o))
            .filter(|x| !src.iter().any(|s| same_actor(ctx, s, x)))
    }

    /// The actor a protest at `t` is aimed at, from a "protest" noun or verb hung on it or on
    /// its verb ("staged a strike in protest of X's decision", "to protest abuses by X"):
    /// an actor in the phrase the protest is against, of or at.
    fn protested(&self, ctx: &Ctx, t: usize, except: &[Arg]) -> Option<Arg> {
        let verb = ctx.head(t).filter(|_| ctx.upos(t) == "NOUN");
        let protest = std::iter::once(t)
            .chain(verb)
            .flat_map(|v| ctx.kids(v))
            .find(|&c| {
                ctx.lemma(c) == Some("protest")
                    && matches!(ctx.deprel(c), "obl" | "nmod" | "advcl" | "xcomp")
            })?;
        if ctx.upos(protest) == "VERB" {
            return ctx
                .child(protest, "obj")
                .and_then(|o| self.object_actor(ctx, o, except));
        }
        ctx.kids(protest).find_map(|c| {
            (ctx.deprel(c).starts_with("nmod")
                && matches!(
                    self.case_of(ctx, c).as_str(),
                    "against" | "of" | "at" | "over" | "by"
                ))
            .then(|| self.actor_in_except(ctx, c, 1, except))
            .flatten()
        })
    }

    /// An event with no actor acted on happens to the country of the place it is done in or
    /// to ("arrived in Amman", "lifted the curfew in Abidjan", "deployed to Mali"), as
    /// coders record it; statements and appeals are about no place.
    /// `t` is the trigger or, for a control verb, its uncoded complement ("agreed to set up
    /// a centre in Tokyo").
    fn place_target(&self, ctx: &Ctx, t: usize, pat: &Pattern) -> Option<Arg> {
        if pat
            .code
            .as_deref()
            .is_none_or(|c| matches!(c.get(..2), Some("01" | "02")))
            || !ctx.parse_agrees(t, pat.noun)
        {
            return None;
        }
        // "A missionary was arrested in Lebanon": the passive subject is what it is done to.
        if ctx.child(t, "nsubj:pass").is_some() {
            return None;
        }
        let placed = |c: usize| {
            matches!(
                self.case_of(ctx, c).as_str(),
                "in" | "to" | "into" | "at" | "inside" | "across" | "throughout"
            )
        };
        let rel_ok = |c: usize| {
            let r = ctx.deprel(c);
            r.starts_with("obl") || (pat.noun && r.starts_with("nmod"))
        };
        let obj = ctx.child(t, "obj");
        let mut cands: Vec<usize> = obj.into_iter().collect();
        cands.extend(ctx.kids(t).filter(|&c| rel_ok(c) && placed(c)));
        if let Some(o) = obj {
            cands.extend(
                ctx.kids(o)
                    .filter(|&c| ctx.deprel(c).starts_with("nmod") && placed(c)),
            );
        }
        cands
            .into_iter()
            .find_map(|o| self.place_country(ctx, o))
            .or_else(|| {
                // "threatened to impose a curfew in Algiers": the place of its complement.
                ctx.kids(t)
                    .find(|&c| ctx.deprel(c) == "xcomp" && c > t)
                    .and_then(|c| {
                        let obj = ctx.child(c, "obj");
                        let mut cands: Vec<usize> = obj.into_iter().collect();
                        cands.extend(
                            ctx.kids(c)
                                .filter(|&k| ctx.deprel(k).starts_with("obl") && placed(k)),
                        );
                        if let Some(o) = obj {
                            cands.extend(
                                ctx.kids(o)
                                    .filter(|&k| ctx.deprel(k).starts_with("nmod") && placed(k)),
                            );
                        }
                        cands.into_iter().find_map(|o| self.place_country(ctx, o))
                    })
            })
    }

    fn arguments_inner(
        &self,
        ctx: &Ctx,
        tr: &Trig,
        pat: &Pattern,
        a: usize,
        b: usize,
    ) -> (Vec<Arg>, Option<Arg>) {
        if ctx.parsed && ctx.parse_agrees(tr.tok, pat.noun) {
            let (src, tgt) = self.parse_arguments(ctx, tr, pat, a, b);
            // "The arrest sparked protests": what a cause verb's object names is no act of
            // the words around it.
            let caused = pat.noun
                && ctx.deprel(tr.tok) == "obj"
                && ctx
                    .head(tr.tok)
                    .and_then(|h| ctx.lemma(h))
                    .is_some_and(|l| self.actors.grammar.is("cause-verb", l));
            if caused {
                return (src, tgt);
            }
            if tgt.is_none() && !src.is_empty() && !pat.say && !pat.noun && !pat.intrans {
                // No object in the parse: the first actor after the verb in its clause.
                let (_, surface_tgt) = self.surface_arguments(ctx, tr, pat, a, b);
                // Nor a role word used as an adjective or arms ("cut military aid", "used
                // artillery"), nor, when this verb has an object of its own, the object of a
                // verb joined to it ("stormed the village and killed 12 people": the people
                // are the killing's; in "attacked and killed 12 people" they are both's).
                let own_object = ctx.child(tr.tok, "obj").is_some();
                let surface_tgt = surface_tgt.filter(|x| {
                    !src.iter().any(|s| same_actor(ctx, s, x))
                        && match x {
                            Arg::Mention(m) => {
                                let h = ctx.doc.mentions[*m as usize].head as usize;
                                let joined_object = own_object
                                    && matches!(ctx.deprel(h), "obj" | "iobj")
                                    && ctx.head(h).is_some_and(|v| {
                                        v != tr.tok
                                            && ctx.deprel(v) == "conj"
                                            && ctx.head(v) == Some(tr.tok)
                                    });
                                !self.role_adjective(ctx, h)
                                    && !self.is_weapon(ctx, h)
                                    && !joined_object
                            }
                            Arg::Country(..) => true,
                        }
                });
                return (src, surface_tgt);
            }
            if src.is_empty() && pat.noun && tgt.is_some() {
                // "The US speeded up the withdrawal of its forces": an event noun with its
                // object in the parse but no agent takes the agent from around it.
                let (surface_src, _) = self.surface_arguments(ctx, tr, pat, a, b);
                let surface_src: Vec<Arg> = surface_src
                    .into_iter()
                    .filter(|x| !tgt.as_ref().is_some_and(|t| same_actor(ctx, t, x)))
                    .collect();
                return (surface_src, tgt);
            }
            if !src.is_empty() || tgt.is_some() {
                return (src, tgt);
            }
            // Nothing in the parse: the words around, but not the speaker of a closing
            // attribution ("after two days of fighting, a local official told reporters").
            let (src, tgt) = self.surface_arguments(ctx, tr, pat, a, b);
            let speaker = |x: &Arg| match x {
                Arg::Mention(m) => {
                    let h = ctx.doc.mentions[*m as usize].head as usize;
                    ctx.deprel(h).starts_with("nsubj")
                        && ctx.head(h).is_some_and(|v| {
                            v > tr.tok
                                && ctx.deprel(v) == "parataxis"
                                && ctx
                                    .lemma(v)
                                    .is_some_and(|l| self.actors.grammar.is("speech-verb", l))
                        })
                }
                Arg::Country(..) => false,
            };
            return (src, tgt.filter(|x| !speaker(x)));
        }
        self.surface_arguments(ctx, tr, pat, a, b)
    }

    /// A mention with an actor in the phrase headed by `t` (the head itself or a modifier).
    fn actor_in(&self, ctx: &Ctx, t: usize, depth: u8) -> Option<Arg> {
        self.actor_in_except(ctx, t, depth, &[])
    }

    /// [`Self::actor_in`], passing over the actors of `except` (an event's sources, so that
    /// "pledged his country's support to the Palestinians" does not target its own subject).
    fn actor_in_except(&self, ctx: &Ctx, t: usize, depth: u8, except: &[Arg]) -> Option<Arg> {
        let keep = |x: Arg| (!except.iter().any(|s| same_actor(ctx, s, &x))).then_some(x);
        if let Some(m) = ctx.actor_mention(t) {
            if let Some(x) = keep(Arg::Mention(m)) {
                return Some(x);
            }
        } else if let Some(c) = self.demonym_country(ctx, t) {
            if let Some(x) = keep(Arg::Country(c.0, c.1)) {
                return Some(x);
            }
        }
        if depth >= 2 {
            return None;
        }
        // An apposition names the noun itself ("NATO member Norway"), so it goes first.
        let mut kids: Vec<usize> = ctx.kids(t).collect();
        kids.sort_by_key(|&c| ctx.deprel(c) != "appos");
        for c in kids {
            if self.role_adjective(ctx, c) {
                continue;
            }
            if matches!(
                ctx.deprel(c),
                "nmod" | "nmod:poss" | "compound" | "amod" | "appos" | "flat" | "nmod:npmod"
            ) {
                if let Some(x) = self.actor_in_except(ctx, c, depth + 1, except) {
                    return Some(x);
                }
            }
        }
        None
    }

    /// The actor an object phrase names: its head, else the recipient of an event noun
    /// ("aid to Niger", "sanctions against Iran", "an attack on the base"), else any actor in
    /// it ("Iran's offer"); adjectives of role ("military aid") come last.
    fn object_actor(&self, ctx: &Ctx, o: usize, except: &[Arg]) -> Option<Arg> {
        let recipient = self.recipient_in(ctx, o, except);
        let head_is_actor =
            ctx.actor_mention(o).is_some() || self.demonym_country(ctx, o).is_some();
        if head_is_actor {
            return self.actor_in_except(ctx, o, 0, except).or(recipient);
        }
        recipient.or_else(|| self.actor_in_except(ctx, o, 0, except))
    }

    /// The actor in a prepositional modifier of the event noun `o` that names whom the event
    /// is for or against ("aid to Niger", "sanctions against Iran").
    /// The author of a claim or request is its target too ("rejected accusations by X", "refused
    /// a request from Y"), and the agent of a participle on it ("downed drones launched by
    /// X"); coordinated nouns share the phrase ("aid and arms deals with X").
    fn recipient_in(&self, ctx: &Ctx, o: usize, except: &[Arg]) -> Option<Arg> {
        let nouns = std::iter::once(o).chain(ctx.kids(o).filter(|&c| ctx.deprel(c) == "conj"));
        nouns.into_iter().find_map(|n| {
            ctx.kids(n).find_map(|c| {
                let case = self.case_of(ctx, c);
                (ctx.deprel(c).starts_with("nmod")
                    && matches!(
                        case.as_str(),
                        "to" | "on"
                            | "upon"
                            | "against"
                            | "for"
                            | "with"
                            | "into"
                            | "over"
                            | "by"
                            | "from"
                    ))
                .then(|| self.actor_in_except(ctx, c, 1, except))
                .flatten()
                .or_else(|| {
                    // "shot down drones launched by Russia": whose the thing is.
                    (ctx.deprel(c) == "acl")
                        .then(|| ctx.child(c, "obl:agent"))
                        .flatten()
                        .and_then(|g| self.actor_in_except(ctx, g, 1, except))
                })
            })
        })
    }

    /// The argument at `t` and any actors coordinated with it ("A and B").
    fn with_conjuncts(&self, ctx: &Ctx, t: usize) -> Vec<Arg> {
        let t = antecedent(ctx, t);
        let mut v: Vec<Arg> = self.actor_in(ctx, t, 0).into_iter().collect();
        // "Armenian and Azerbaijani troops": a nationality joined to the phrase by "and" is
        // a mention of its own (the actors component splits it off), whatever the parse.
        if let Some(m) = ctx.actor_mention(t) {
            let s = ctx.doc.mentions[m as usize].tokens.0 as usize;
            let pair = (s >= 2 && &*ctx.lower[s - 1] == "and")
                .then(|| ctx.actor_mention(s - 2))
                .flatten()
                .filter(|&p| {
                    let pm = &ctx.doc.mentions[p as usize];
                    p != m && pm.tokens.1 as usize == s - 1 && pm.tokens.0 as usize == s - 2
                });
            if let Some(p) = pair {
                let x = Arg::Mention(p);
                if !v.iter().any(|y| same_actor(ctx, y, &x)) {
                    v.push(x);
                }
            }
        }
        for c in ctx.kids(t) {
            if ctx.deprel(c) == "conj" {
                if let Some(x) = self.actor_in(ctx, c, 0) {
                    v.push(x);
                }
            }
        }
        v
    }

    fn case_of(&self, ctx: &Ctx, t: usize) -> String {
        ctx.kids(t)
            .find(|&c| ctx.deprel(c) == "case")
            .map(|c| ctx.lower[c].to_string())
            .unwrap_or_default()
    }

    fn parse_arguments(
        &self,
        ctx: &Ctx,
        tr: &Trig,
        pat: &Pattern,
        _a: usize,
        _b: usize,
    ) -> (Vec<Arg>, Option<Arg>) {
        let t = tr.tok;
        let mut subj = None;
        let mut passive = false;
        let mut obj = None;
        let mut obl_target = None;
        let mut agent = None;
        let mut by_phrase = None;
        let mut aux_pass = false;
        for c in ctx.kids(t) {
            let rel = ctx.deprel(c);
            match rel {
                // Two subjects (a misparse: "British aircraft using guided missiles killed"
                // with "missiles" a second subject): the one that names an actor wins.
                "nsubj" | "csubj" if subj.is_none_or(|s| self.actor_in(ctx, s, 0).is_none()) => {
                    subj = Some(c)
                }
                "nsubj" | "csubj" => {}
                "nsubj:pass" | "csubj:pass" => {
                    subj = Some(c);
                    passive = true;
                }
                "aux:pass" => {
                    passive = true;
                    aux_pass = true;
                }
                "obj" | "iobj" if obj.is_none() => obj = Some(c),
                "obl:agent" => {
                    agent = Some(c);
                    // "talks mediated by Qatar": a participle with an agent is passive.
                    passive |= matches!(ctx.deprel(t), "acl" | "advcl");
                }
                "nmod:poss" if pat.noun => agent = Some(c),
                "amod" | "compound"
                    if pat.noun && agent.is_none() && self.actor_in(ctx, c, 1).is_some() =>
                {
                    agent = Some(c)
                }
                _ if rel.starts_with("obl") || rel.starts_with("nmod") => {
                    let case = self.case_of(ctx, c);
                    // A phrase between the subject and the verb belongs to the subject
                    // ("guards loyal to the president fired"): a misattachment, no target.
                    let inside_subject = c < t && subj.is_some_and(|s| s < c);
                    // A day ("on Monday") or arms ("with artillery") are no party either.
                    let no_party = inside_subject
                        || self.actors.grammar.is("calendar", &ctx.lower[c])
                        || (case == "with" && self.is_weapon(ctx, c));
                    if case == "by" {
                        agent = Some(c);
                        by_phrase = by_phrase.or(Some(c));
                    } else if obl_target.is_none()
                        && !no_party
                        && matches!(
                            case.as_str(),
                            "on" | "upon"
                                | "against"
                                | "with"
                                | "to"
                                | "at"
                                | "into"
                                | "toward"
                                | "towards"
                                | "between"
                                | "for"
                                | "over"
                        )
                    {
                        obl_target = Some(c);
                    }
                }
                _ => {}
            }
        }
        // "complained to the UN over Israeli raids": whom a complaint is made to hears it;
        // what it is over names the party it is aimed at.
        let complaint = pat.code.as_deref().is_some_and(|c| c.starts_with("11"));
        if complaint && obl_target.is_some_and(|o| self.case_of(ctx, o) == "to") {
            // The phrase's first word, as "over two raids" parses "over" as a quantity's.
            let first_word = |c: usize| {
                let mut l = c;
                while let Some(k) = ctx.kids(l).next().filter(|&k| k < l) {
                    l = k;
                }
                &*ctx.lower[l]
            };
            let over = ctx.kids(t).find(|&c| {
                ctx.deprel(c).starts_with("obl")
                    && matches!(first_word(c), "over" | "about" | "against" | "at")
                    && self.actor_in(ctx, c, 1).is_some()
            });
            obl_target = over.or(obl_target);
        }
        // "12 people were killed and 40 wounded": a participle joined to a passive verb, with
        // no auxiliary, subject or object of its own, is passive too, done to the people of
        // the verb it is joined to.
        if !passive
            && subj.is_none()
            && obj.is_none()
            && (ctx.xpos(t) == "VBN" || ctx.lower[t].ends_with("ed"))
            && !ctx.kids(t).any(|c| ctx.deprel(c).starts_with("aux"))
        {
            if let Some(people) = ctx.gapped_verb(t).and_then(|v| ctx.child(v, "nsubj:pass")) {
                passive = true;
                subj = Some(people);
            }
        }
        // "Police detained 14 people" tagged as a participle: a passive subject without a
        // passive auxiliary, before an object, is an active verb's subject (headline
        // passives, "14 detained in raid", have no object).
        if passive && !aux_pass && obj.is_some() && agent.is_none() {
            passive = false;
        }
        // "Israel is opposed to the plan", "Hanoi is committed to reform": a passive of
        // stance with no by-phrase is the subject's own act.
        if passive && agent.is_none() && self.actors.grammar.is("stative-passive", &ctx.lower[t]) {
            passive = false;
        }
        // "withdrew some of its troops": a quantity's of-phrase is the object proper.
        let obj = obj.map(|o| {
            let quantity =
                ctx.xpos(o) == "CD" || self.actors.grammar.is("quantity-pronoun", &ctx.lower[o]);
            quantity
                .then(|| {
                    ctx.kids(o).find(|&c| {
                        ctx.deprel(c).starts_with("nmod") && self.case_of(ctx, c) == "of"
                    })
                })
                .flatten()
                .unwrap_or(o)
        });
        // Strikes or arms the pattern matched as object are part of the trigger ("carried out
        // air strikes on X", "launched airstrikes against Y"): the phrase they head may name
        // the target, they are none themselves ("freed prisoners" keeps its object).
        let obj_in_trigger = obj.is_some_and(|o| tr.slots.contains(&o) && self.is_weapon(ctx, o));
        let mut sources = Vec::new();
        let mut target = None;
        if pat.noun {
            if let Some(g) = agent {
                sources = self.with_conjuncts(ctx, g);
            }
            // "the arrest of the opposition leader", "the expulsion of two diplomats": the
            // of-phrase of an act done to someone is who it is done to.
            let done_to = pat.code.as_deref().is_some_and(|c| {
                matches!(
                    c.get(..2),
                    Some("08" | "11" | "12" | "16" | "17" | "18" | "19" | "20")
                )
            });
            let obl_target = obl_target.or_else(|| {
                done_to
                    .then(|| {
                        ctx.kids(t).find(|&c| {
                            ctx.deprel(c).starts_with("nmod") && self.case_of(ctx, c) == "of"
                        })
                    })
                    .flatten()
            });
            // "the arrest of the leader by police", the by-phrase parsed onto the leader.
            if sources.is_empty() && done_to {
                let by = obl_target
                    .filter(|&o| self.case_of(ctx, o) == "of")
                    .and_then(|o| {
                        ctx.kids(o).find(|&c| {
                            ctx.deprel(c).starts_with("nmod") && self.case_of(ctx, c) == "by"
                        })
                    });
                if let Some(g) = by {
                    sources = self.with_conjuncts(ctx, g);
                }
            }
            // "the withdrawal of its troops from Iraq", "the deployment of forces to Mali":
            // the forces moved are the means; the place or party they leave or reach is
            // the target.
            let moved_forces = obl_target.is_some_and(|o| {
                self.case_of(ctx, o) == "of"
                    && ctx.actor_mention(o).is_some_and(|m| {
                        ctx.doc.mentions[m as usize].actor.is_some_and(|a| {
                            let a = &ctx.doc.actors[a as usize];
                            matches!(a.role.as_deref(), Some("MIL" | "COP"))
                                && (a.country.is_none() || a.country_inferred)
                        })
                    })
            });
            let obl_target = if moved_forces {
                let to = |n: usize| {
                    ctx.kids(n).find(|&c| {
                        ctx.deprel(c).starts_with("nmod")
                            && matches!(self.case_of(ctx, c).as_str(), "from" | "to" | "into")
                            && self.actor_in(ctx, c, 0).is_some()
                    })
                };
                to(t).or_else(|| obl_target.and_then(to)).or(obl_target)
            } else {
                obl_target
            };
            if let Some(o) = obl_target {
                let mut v = self.with_conjuncts(ctx, o);
                if self.case_of(ctx, o) == "between" && sources.is_empty() && v.len() >= 2 {
                    sources = v;
                } else if !v.is_empty() {
                    target = Some(v.remove(0));
                }
            }
            return (sources, target);
        }
        if pat.intrans {
            return (Vec::new(), subj.and_then(|s| self.actor_in(ctx, s, 0)));
        }
        if passive {
            // "were shot dead by troops": the by-phrase may hang on the predicate after it.
            let agent = agent.or_else(|| {
                ctx.kids(t)
                    .filter(|&c| ctx.deprel(c) == "xcomp")
                    .flat_map(|c| ctx.kids(c))
                    .find(|&g| ctx.deprel(g).starts_with("obl") && self.case_of(ctx, g) == "by")
            });
            if let Some(g) = agent {
                sources = self.with_conjuncts(ctx, g);
            }
            target = subj.and_then(|s| self.actor_in(ctx, antecedent(ctx, s), 0));
            // "a protester shot by police": a participle's noun is what it is done to.
            if target.is_none() && subj.is_none() && ctx.deprel(t) == "acl" {
                target = ctx
                    .head(t)
                    .and_then(|h| self.actor_in_except(ctx, h, 0, &sources));
            }
            // "Protesters clashed with police, and dozens were arrested": a bare quantity
            // counts the people of the clause it is joined to.
            if target.is_none() && ctx.deprel(t) == "conj" {
                let quantity = subj.is_some_and(|s| {
                    ctx.xpos(s) == "CD" || self.actors.grammar.is("quantity-pronoun", &ctx.lower[s])
                });
                if quantity {
                    target = ctx
                        .head(t)
                        .and_then(|h| ctx.child(h, "nsubj").or_else(|| ctx.child(h, "nsubj:pass")))
                        .and_then(|c| self.actor_in_except(ctx, c, 0, &sources));
                }
            }
            return (sources, target);
        }
        match subj {
            Some(s) => sources = self.with_conjuncts(ctx, s),
            None => {
                // Control and coordination: the subject comes from the governing verb.
                if let Some(h) = ctx.head(t) {
                    let rel = ctx.deprel(t);
                    if rel == "xcomp" {
                        // "X is expected to visit": a passive governor's subject controls.
                        // Up a chain of control verbs: "prepared to resume shelling"
                        // (shelling → resume → prepared's subject).
                        let mut g = h;
                        for _ in 0..3 {
                            let ctrl = ctx
                                .child(g, "obj")
                                .or_else(|| ctx.child(g, "nsubj"))
                                .or_else(|| ctx.child(g, "nsubj:pass"));
                            if let Some(c) = ctrl {
                                sources = self.with_conjuncts(ctx, c);
                                break;
                            }
                            match ctx.head(g).filter(|_| ctx.deprel(g) == "xcomp") {
                                Some(u) => g = u,
                                None => break,
                            }
                        }
                    } else if matches!(rel, "conj" | "advcl" | "parataxis") {
                        // "freed them days after the gang kidnapped them", the clause's
                        // subject misparsed as an oblique after its subordinator: a clause's
                        // own subject wins over its governor's.
                        let own = ctx
                            .kids(t)
                            .filter(|&c| {
                                c < t
                                    && matches!(ctx.deprel(c), "obl" | "nmod" | "obj" | "dep")
                                    && self
                                        .actors
                                        .grammar
                                        .is("subordinator", &self.case_of(ctx, c))
                            })
                            .last()
                            .or_else(|| {
                                // … or hung on the noun before it ("set fire to the embassy
                                // before soldiers dispersed them", "soldiers" under "embassy").
                                let c = t.checked_sub(1)?;
                                let finite = matches!(ctx.xpos(t), "VBD" | "VBZ" | "VBP");
                                (finite
                                    && ctx.head(c) != Some(t)
                                    && matches!(ctx.xpos(c), "NN" | "NNS" | "NNP" | "NNPS")
                                    && ctx.deprel(c).starts_with("nmod")
                                    && self
                                        .actors
                                        .grammar
                                        .is("subordinator", &self.case_of(ctx, c)))
                                .then_some(c)
                            });
                        if let Some(c) = own {
                            sources = self.with_conjuncts(ctx, c);
                        }
                        // "accused the banks of financing militants", "arrested them for
                        // looting": the governor's object is the gerund's subject.
                        let gerund = ctx.xpos(t) == "VBG"
                            && ctx.kids(t).any(|c| {
                                c < t
                                    && matches!(ctx.deprel(c), "mark" | "case")
                                    && matches!(&*ctx.lower[c], "of" | "for" | "with" | "from")
                            });
                        if sources.is_empty() && gerund && rel == "advcl" {
                            if let Some(o) = ctx.child(h, "obj") {
                                sources = self.with_conjuncts(ctx, o);
                            }
                        }
                        // Up the chain of joined clauses: "stormed a hotel, killing 12 and
                        // wounding 30" (wounding → killing → stormed's subject).
                        let mut g = h;
                        for _ in 0..3 {
                            if !sources.is_empty() {
                                break;
                            }
                            if let Some(c) = ctx.child(g, "nsubj") {
                                sources = self.with_conjuncts(ctx, c);
                                break;
                            }
                            let up = ctx.head(g).filter(|_| {
                                ctx.child(g, "nsubj:pass").is_none()
                                    && matches!(ctx.deprel(g), "conj" | "advcl")
                            });
                            match up {
                                Some(u) => g = u,
                                None => break,
                            }
                        }
                    } else if rel == "acl" || rel == "acl:relcl" {
                        let participle = ctx.xpos(t) == "VBN" || ctx.lower[t].ends_with("ed");
                        if participle && rel == "acl" {
                            target = self.actor_in(ctx, h, 0);
                        } else {
                            sources = self.with_conjuncts(ctx, h);
                        }
                    }
                }
            }
        }
        if target.is_none() {
            // The source's own people or means ("withdrew its troops from X", "pledged his
            // country's support to Y") are no target: the prepositional phrase names it.
            // An unresolved possessive pronoun ("its", "their") is taken to be the subject's.
            // Of actors, only forces are the source's own: "his counterpart" is someone else.
            let own = obj.is_some_and(|o| {
                let forces = ctx.actor_mention(o).is_some_and(|m| {
                    ctx.doc.mentions[m as usize]
                        .actor
                        .and_then(|a| ctx.doc.actors[a as usize].role.as_deref())
                        .is_some_and(|r| matches!(r, "MIL" | "COP"))
                });
                (forces || ctx.actor_mention(o).is_none())
                    && ctx.kids(o).any(|c| {
                        ctx.deprel(c) == "nmod:poss"
                            && match self.actor_in(ctx, c, 1) {
                                Some(x) => sources.iter().any(|s| same_actor(ctx, s, &x)),
                                None => ctx.xpos(c) == "PRP$",
                            }
                    })
            });
            // Forces the source sends, deploys or withdraws ("sent troops to Mali", "withdrew
            // peacekeepers from Rwanda") are its means; the place or party they go to or leave
            // is the target.
            let goes_to = ctx.kids(t).any(|c| {
                ctx.deprel(c).starts_with("obl")
                    && matches!(self.case_of(ctx, c).as_str(), "to" | "into")
                    && self.actor_in(ctx, c, 0).is_some()
            });
            let sent_forces = !own
                && (goes_to
                    || ctx
                        .lemma(t)
                        .is_some_and(|l| self.actors.grammar.is("deploy-verb", l)))
                && obj.is_some_and(|o| {
                    ctx.actor_mention(o).is_some_and(|m| {
                        ctx.doc.mentions[m as usize].actor.is_some_and(|a| {
                            let a = &ctx.doc.actors[a as usize];
                            matches!(a.role.as_deref(), Some("MIL" | "COP"))
                                && (a.country.is_none() || a.country_inferred)
                        })
                    })
                });
            let own = own || sent_forces;
            let from_obj = obj.and_then(|o| {
                if own || obj_in_trigger {
                    self.recipient_in(ctx, o, &sources)
                } else {
                    self.object_actor(ctx, o, &sources)
                }
            });
            let obl_target = obl_target
                .filter(|&o| !sent_forces || matches!(self.case_of(ctx, o).as_str(), "to" | "into"))
                .or_else(|| {
                    sent_forces
                        .then(|| {
                            ctx.kids(t).find(|&c| {
                                ctx.deprel(c).starts_with("obl")
                                    && matches!(
                                        self.case_of(ctx, c).as_str(),
                                        "to" | "into" | "from"
                                    )
                            })
                        })
                        .flatten()
                });
            let obl_target = obl_target.or_else(|| {
                own.then(|| {
                    ctx.kids(t).find(|&c| {
                        ctx.deprel(c).starts_with("obl") && self.case_of(ctx, c) == "from"
                    })
                })
                .flatten()
            });
            let from_obl = obl_target.and_then(|o| self.actor_in_except(ctx, o, 0, &sources));
            // The object's own actor, else an actor named in the prepositional phrase ("imposed
            // sanctions on Iran", "pledged his country's support to the Palestinians") before
            // one named only inside the object ("rejected Iran's offer").
            let obj_is_actor = !obj_in_trigger
                && obj.is_some_and(|o| {
                    ctx.actor_mention(o).is_some() || self.demonym_country(ctx, o).is_some()
                });
            let has_obl = from_obl.is_some();
            target = if obj_is_actor {
                from_obj.or(from_obl)
            } else {
                from_obl.or(from_obj)
            };
            // "called X to discuss the crisis", "met X to sign a deal": a purpose or complement
            // clause whose own object is no actor acts on the governing verb's object, unless
            // that object is its subject ("urged X to release …").
            if !obj_is_actor
                && !has_obl
                && !sources.is_empty()
                && matches!(ctx.deprel(t), "advcl" | "xcomp")
            {
                let inherited = ctx
                    .head(t)
                    .and_then(|h| ctx.child(h, "obj"))
                    .and_then(|o| self.actor_in_except(ctx, o, 0, &sources));
                if inherited.is_some() {
                    target = inherited;
                }
            }
        }
        if target.is_none() && !passive {
            // "rejected accusations by the US", "condemned the attack by Israel": a by-phrase
            // of an active verb is its object's agent, misattached, and what the verb is about.
            target = by_phrase.and_then(|o| self.actor_in_except(ctx, o, 0, &sources));
        }
        if pat.say && target.is_some() {
            // "told reporters", "said to the minister": keep only people addressed.
            let tgt_tok = obj.or(obl_target);
            if tgt_tok.is_some_and(|o| {
                ctx.deprel(o) != "obj" && ctx.deprel(o) != "iobj" && self.case_of(ctx, o) != "to"
            }) {
                target = None;
            }
        }
        if pat.say && target.is_none() {
            // "X said the government must act": a statement is about its complement's subject.
            target = ctx
                .kids(t)
                .find(|&c| ctx.deprel(c) == "ccomp")
                .and_then(|c| {
                    ctx.kids(c)
                        .find(|&k| matches!(ctx.deprel(k), "nsubj" | "nsubj:pass"))
                })
                .and_then(|k| self.actor_in_except(ctx, k, 0, &sources));
        }
        // Force against a place ("fired rockets at Tel Aviv", "shelled Kharkiv") is aimed
        // at the country the place is in, as coders of material conflict record it.
        let force = pat
            .code
            .as_deref()
            .is_some_and(|c| matches!(c.get(..2), Some("15" | "17" | "18" | "19" | "20")));
        if target.is_none() && force {
            // ... also through the object: "fired rockets at Tel Aviv".
            let aimed = obj.and_then(|o| {
                ctx.kids(o).find(|&c| {
                    ctx.deprel(c).starts_with("nmod")
                        && matches!(
                            self.case_of(ctx, c).as_str(),
                            "at" | "on" | "into" | "against" | "toward" | "towards"
                        )
                })
            });
            target = [obj, obl_target, aimed]
                .into_iter()
                .flatten()
                .find_map(|o| self.place_country(ctx, o));
        }
        (sources, target)
    }

    /// Whether `c` is a bare role word used as an adjective ("military aid", "military
    /// exercises"): it says what kind of thing its noun is and names no actor, unless the
    /// noun is one of the role's sites, vehicles or people (`facility` in grammar.tsv).
    fn role_adjective(&self, ctx: &Ctx, c: usize) -> bool {
        if ctx.deprel(c) != "amod" || ctx.upos(c) != "ADJ" {
            return false;
        }
        // "a military base", "military officials": the role's own sites and people.
        let g = &self.actors.grammar;
        if ctx.head(c).is_some_and(|h| {
            g.is("facility", &ctx.lower[h]) || ctx.lemma(h).is_some_and(|l| g.is("facility", l))
        }) {
            return false;
        }
        // A nationality adjective ("Israeli strikes") does name an actor.
        self.demonym_country(ctx, c).is_none()
            && ctx.actor_mention(c).is_some_and(|m| {
                let men = &ctx.doc.mentions[m as usize];
                men.tokens.1 - men.tokens.0 == 1
            })
    }

    /// Whether `t` asks for anonymity ("who asked not to be named", "declined to be
    /// identified"): a reporter's formula, no request or refusal between actors (`anonymity`
    /// in `lexicon/grammar.tsv` holds the verbs of its passive complement).
    fn anonymity(&self, ctx: &Ctx, t: usize) -> bool {
        let g = &self.actors.grammar;
        ctx.parsed
            && ctx.kids(t).any(|c| {
                matches!(ctx.deprel(c), "xcomp" | "advcl" | "ccomp")
                    && g.is("anonymity", &ctx.lower[c])
                    && ctx.kids(c).any(|d| ctx.deprel(d) == "aux:pass")
            })
    }

    /// Whether force verb `t` is done by a natural hazard ("farmers hit by the floods", "a
    /// storm destroyed the bridge"): no one's act, so no event (`hazard` in
    /// `lexicon/grammar.tsv`).
    fn natural_cause(&self, ctx: &Ctx, t: usize, pat: &Pattern) -> bool {
        if !ctx.parsed || pat.noun || !is_force(pat) {
            return false;
        }
        let g = &self.actors.grammar;
        // The agent, the subject, or for a passive without agent the "in" phrase ("ten
        // people were killed in the floods").
        let passive_in = || {
            ctx.child(t, "nsubj:pass")?;
            ctx.kids(t)
                .find(|&k| ctx.deprel(k) == "obl" && ctx.kids(k).any(|c| &*ctx.lower[c] == "in"))
        };
        let by = ctx
            .child(t, "obl:agent")
            .or_else(|| ctx.child(t, "nsubj"))
            .or_else(passive_in);
        by.is_some_and(|k| {
            g.is("hazard", &ctx.lower[k]) || ctx.lemma(k).is_some_and(|l| g.is("hazard", l))
        })
    }

    /// Whether the phrase headed by `t` names a weapon or a strike ("with artillery"): the
    /// means of an act, never its target.
    fn is_weapon(&self, ctx: &Ctx, t: usize) -> bool {
        let g = &self.actors.grammar;
        let weapon = |k: usize| {
            g.is("weapon", &ctx.lower[k]) || ctx.lemma(k).is_some_and(|l| g.is("weapon", l))
        };
        // "air strikes", "drone strike": a strike by arms, not a strike by workers.
        weapon(t)
            || (matches!(&*ctx.lower[t], "strike" | "strikes")
                && t > 0
                && (ctx.lower[t - 1] == "air" || weapon(t - 1)))
    }

    /// Whether token `t` names where people live: a city in the gazetteer or a kind of place
    /// ("villages", "the province"), not a country; and not only where the act's object
    /// stands ("a substation near Odesa").
    fn is_town(&self, ctx: &Ctx, t: usize) -> bool {
        if matches!(self.case_of(ctx, t).as_str(), "near" | "outside" | "off") {
            return false;
        }
        match place_at(ctx.doc, t) {
            Some(p) => matches!(p.feature.as_str(), "city" | "capital"),
            // The place noun itself, or the one a demonym modifies ("Syrian villages").
            None => {
                petrel_geo::is_place_noun(&ctx.lower[t])
                    || ctx
                        .head(t)
                        .is_some_and(|h| h > t && petrel_geo::is_place_noun(&ctx.lower[h]))
            }
        }
    }

    /// The country of the place named at token `o` (the head of an object or oblique).
    /// The country of the place at `o`, or of the demonym on a kind of place ("in five
    /// Ukrainian regions", "a Syrian town").
    fn place_country(&self, ctx: &Ctx, o: usize) -> Option<Arg> {
        let at = |k: usize| place_at(ctx.doc, k).and_then(|p| p.country.as_deref());
        let country = at(o).or_else(|| {
            petrel_geo::is_place_noun(&ctx.lower[o])
                .then(|| {
                    ctx.kids(o)
                        .filter(|&c| ctx.deprel(c) == "amod")
                        .find_map(at)
                })
                .flatten()
        })?;
        Some(Arg::Country(o as u32, country.into()))
    }

    /// Surface fallback: nearest actor to the left (source) and right (target).
    fn surface_arguments(
        &self,
        ctx: &Ctx,
        tr: &Trig,
        pat: &Pattern,
        a: usize,
        b: usize,
    ) -> (Vec<Arg>, Option<Arg>) {
        let t = tr.tok;
        let g = &self.actors.grammar;
        let doc = ctx.doc;
        let prev_word = |m: u32| {
            let s = doc.mentions[m as usize].tokens.0 as usize;
            if s > a {
                let mut k = s - 1;
                while k > a && g.is("determiner", &ctx.lower[k]) {
                    k -= 1;
                }
                &*ctx.lower[k]
            } else {
                ""
            }
        };
        let is_place_like = |m: u32| {
            let w = prev_word(m);
            g.is("locative", w)
                && !matches!(w, "at" | "into" | "between" | "over" | "toward" | "towards")
        };
        // "dozens of protesters": the quantity is not a head noun of its own.
        let quantity_of = |m: u32| {
            let st = doc.mentions[m as usize].tokens.0 as usize;
            st >= a + 2 && {
                let w = &*ctx.lower[st - 2];
                g.is("determiner", w) || w.chars().all(|c| c.is_ascii_digit() || c == ',')
            }
        };
        // Left: nearest mention before the trigger.
        let mut left: Option<u32> = None;
        let mut k = t;
        while k > a {
            k -= 1;
            if let Some(m) = ctx.actor_mention(k) {
                if !is_place_like(m) && (prev_word(m) != "of" || quantity_of(m)) {
                    left = Some(m);
                    break;
                }
                k = doc.mentions[m as usize].tokens.0 as usize;
            }
        }
        // Right: first mention after the trigger in its clause.
        let mut right: Option<u32> = None;
        let mut by_agent: Option<u32> = None;
        let mut k = t + 1;
        let limit = b.min(t + 14);
        while k < limit {
            let w = &*ctx.lower[k];
            if matches!(w, ";" | ":" | "\"") || (w == "," && k > t + 1) {
                break;
            }
            if let Some(m) = ctx.actor_mention(k).filter(|_| !tr.slots.contains(&k)) {
                let pw = prev_word(m);
                if pw == "by" {
                    by_agent.get_or_insert(m);
                } else if right.is_none() && !is_place_like(m) {
                    right = Some(m);
                }
                k = doc.mentions[m as usize].tokens.1 as usize;
                continue;
            }
            k += 1;
        }
        let coordinated = |m: u32| -> Vec<Arg> {
            let mut v = vec![Arg::Mention(m)];
            let mut s = doc.mentions[m as usize].tokens.0 as usize;
            while s >= a + 2 && matches!(&*ctx.lower[s - 1], "and" | ",") {
                match ctx.actor_mention(s - 2) {
                    Some(p) => {
                        v.insert(0, Arg::Mention(p));
                        s = doc.mentions[p as usize].tokens.0 as usize;
                    }
                    None => break,
                }
            }
            v
        };
        if pat.noun {
            // "Israeli air strikes on Gaza", "Russia's attack on", "talks between A and B"
            let mut sources = Vec::new();
            for k in (a.max(t.saturating_sub(3))..t).rev() {
                if let Some(m) = ctx.actor_mention(k) {
                    sources = coordinated(m);
                    break;
                }
                if let Some(c) = self.demonym_country(ctx, k) {
                    sources.push(Arg::Country(c.0, c.1));
                    break;
                }
            }
            if sources.is_empty() {
                if let Some(m) = by_agent {
                    sources.push(Arg::Mention(m));
                }
            }
            // The subject of the clause ("the US speeded up the withdrawal").
            if sources.is_empty() {
                if let Some(m) = left {
                    let e = doc.mentions[m as usize].tokens.1 as usize;
                    if !(e..t).any(|k| g.is("clause-break", &ctx.lower[k])) {
                        sources.push(Arg::Mention(m));
                    }
                }
            }
            let mut target = None;
            if let Some(m) = right {
                let pw = prev_word(m);
                if pw == "between" {
                    let mut v = vec![Arg::Mention(m)];
                    let e = doc.mentions[m as usize].tokens.1 as usize;
                    if e + 1 < b && ctx.lower[e] == "and" {
                        if let Some(p) = ctx.actor_mention(e + 1) {
                            v.push(Arg::Mention(p));
                        }
                    }
                    if sources.is_empty() {
                        sources = v;
                    }
                } else if matches!(
                    pw,
                    "on" | "against" | "with" | "upon" | "at" | "to" | "into"
                ) {
                    target = Some(Arg::Mention(m));
                }
            }
            return (sources, target);
        }
        let passive = t > a + 1 && {
            let mut k = t - 1;
            while k > a
                && matches!(
                    &*ctx.lower[k],
                    "not"
                        | "also"
                        | "reportedly"
                        | "allegedly"
                        | "being"
                        | "been"
                        | "later"
                        | "then"
                        | "n't"
                )
            {
                k -= 1;
            }
            is_be(&ctx.lower[k]) && ctx.lower[t].ends_with("ed")
                || is_be(&ctx.lower[k]) && ctx.xpos(t) == "VBN"
        };
        if pat.intrans {
            return (Vec::new(), left.map(Arg::Mention));
        }
        if passive {
            return (
                by_agent.map(coordinated).unwrap_or_default(),
                left.map(Arg::Mention),
            );
        }
        let sources = left.map(coordinated).unwrap_or_default();
        let mut target = right.map(Arg::Mention);
        if pat.say {
            if let Some(m) = right {
                let s = doc.mentions[m as usize].tokens.0 as usize;
                if s != t + 1 && prev_word(m) != "to" {
                    target = None;
                }
            }
        }
        (sources, target)
    }

    fn actor_ref(&self, ctx: &Ctx, arg: &Arg) -> ActorRef {
        let doc = ctx.doc;
        match arg {
            Arg::Mention(m) => {
                let men = &doc.mentions[*m as usize];
                let actor = men.actor.map(|i| &doc.actors[i as usize]);
                ActorRef {
                    text: doc.span_text(men.span).to_string(),
                    name: actor.map(|x| x.name.clone()),
                    country: actor.and_then(|x| x.country.clone()),
                    role: actor.and_then(|x| x.role.clone()),
                    code: actor.map(|x| x.code.clone()).unwrap_or_default(),
                    country_inferred: actor.is_some_and(|x| x.country_inferred),
                    actor: men.actor,
                    head: Some(men.head),
                }
            }
            Arg::Country(t, c) => ActorRef {
                // The whole place name when the token is in one ("Tel Aviv").
                text: place_at(doc, *t as usize).map_or_else(
                    || doc.token_text(*t as usize).to_string(),
                    |p| p.text.clone(),
                ),
                name: self.actors.country_names.get(c).map(|n| n.to_string()),
                country: Some(c.to_string()),
                role: None,
                code: c.to_string(),
                country_inferred: false,
                actor: None,
                head: Some(*t),
            },
        }
    }
}

/// Whether a pattern codes force (CAMEO 15, 17–20), which is aimed at whom or where it lands.
fn is_force(pat: &Pattern) -> bool {
    pat.code
        .as_deref()
        .is_some_and(|c| matches!(c.get(..2), Some("15" | "17" | "18" | "19" | "20")))
}

/// Whether `p` is the party a verb is directed to rather than where the event happens:
/// "to" + place after a verb that moves nothing ("apologised to South Korea", "wrote to
/// Japan") names a recipient; after a verb of motion ("deployed troops to Lithuania",
/// "flew to Kyiv") it is the destination, a location.
fn addressee_place(doc: &Document, t: usize, p: &petrel_doc::Place, grammar: &Grammar) -> bool {
    let first = doc.tokens.start.partition_point(|&x| x < p.start);
    if first == 0 || first >= doc.tokens.len() || !doc.form(first - 1).eq_ignore_ascii_case("to") {
        return false;
    }
    let word = doc.form(t).to_lowercase();
    let lemma = doc
        .tokens
        .lemma
        .get(t)
        .map(|&l| doc.strings.resolve(l).to_lowercase());
    let motion = |w: &str| grammar.is("deploy-verb", w) || grammar.is("motion-verb", w);
    !(motion(&word) || lemma.as_deref().is_some_and(motion))
}

/// The place whose span holds token `t`, if the places component found one there.
fn place_at(doc: &Document, t: usize) -> Option<&petrel_doc::Place> {
    let at = doc.tokens.start[t];
    doc.places.iter().find(|p| p.start <= at && at < p.end)
}

/// Date, location and counts from the other components, when they ran.
fn attach_context(doc: &Document, events: &mut [Event], grammar: &Grammar) {
    for e in events.iter_mut() {
        let t = e.trigger as usize;
        // The time expression that governs the trigger, else the article date.
        e.date = petrel_time::event_date(doc, t).or_else(|| doc.meta.date.clone());
        // Where it happened, not every place the sentence names.
        let loc = petrel_geo::event_location(doc, e.trigger)
            .filter(|&i| !addressee_place(doc, t, &doc.places[i as usize], grammar))
            .filter(|&i| {
                // A place from outside the sentence (the paragraph's, the dateline's) is
                // not where a foreign source speaks: "… fired shots in Osh. Russia pledged
                // aid" was not pledged in Osh. Deeds (quad classes 2 and 4) happen where
                // they land: Russian drones that struck Kyiv struck it there.
                let p = &doc.places[i as usize];
                let verbal = matches!(e.quad_class, 1 | 3);
                p.sentence == e.sentence
                    || !verbal
                    || e.source
                        .as_ref()
                        .and_then(|x| x.country.as_deref())
                        .is_none_or(|c| {
                            c == "IGO"
                                || c == "NGO"
                                || p.country.as_deref().is_none_or(|pc| pc == c)
                        })
            });
        e.location = loc.map(|i| {
            let p = &doc.places[i as usize];
            EventLocation {
                name: p.name.clone(),
                country: p.country.clone(),
                lat: p.lat,
                lon: p.lon,
                place: i,
            }
        });
        e.counts = petrel_counts::counts_for_event(doc, t, &e.cameo);
    }
}

/// Whether the trigger token of an event is a noun ("clashes", "the attack").
pub fn nominal_trigger(doc: &Document, t: usize) -> bool {
    if doc.tokens.is_tagged() {
        return matches!(doc.strings.resolve(doc.tokens.upos[t]), "NOUN" | "PROPN");
    }
    let sent = &doc.sentences[doc.sentence_of(t)];
    if doc.form(t).ends_with("ing") && t > 0 && doc.form(t - 1).eq_ignore_ascii_case("of") {
        return false;
    }
    t > sent.tokens.start as usize
        && matches!(
            doc.form(t - 1).to_lowercase().as_str(),
            "the"
                | "a"
                | "an"
                | "its"
                | "their"
                | "his"
                | "her"
                | "'s"
                | "of"
                | "this"
                | "these"
                | "new"
                | "fresh"
                | "air"
                | "further"
                | "more"
                | "after"
                | "following"
                | "during"
        )
}

/// How deeply trigger `t` is embedded: clause relations on its path to the root when parsed,
/// else the subordinating words before it ("who", "that", "after").
pub fn clause_depth(doc: &Document, t: usize, subordinators: &dyn Fn(&str) -> bool) -> u32 {
    if doc.tokens.is_parsed() && doc.tokens.deprel.len() == doc.tokens.len() {
        let mut d = 0;
        let mut k = t;
        for _ in 0..64 {
            let rel = doc.strings.resolve(doc.tokens.deprel[k]);
            if matches!(
                rel.split(':').next().unwrap_or(""),
                "ccomp" | "advcl" | "acl" | "xcomp" | "csubj" | "parataxis"
            ) {
                d += 1;
            }
            match doc.tokens.head[k] {
                NO_HEAD => break,
                h => k = h as usize,
            }
        }
        return d;
    }
    let sent = &doc.sentences[doc.sentence_of(t)];
    (sent.tokens.start as usize..t)
        .filter(|&k| subordinators(&doc.form(k).to_lowercase()))
        .count() as u32
}

/// Whether an event noun sits in a prepositional phrase ("despite warnings", "after the
/// attack"): background to the clause, not its event.
fn circumstantial(doc: &Document, t: usize) -> bool {
    if !nominal_trigger(doc, t) {
        return false;
    }
    let start = doc.sentences[doc.sentence_of(t)].tokens.start as usize;
    let mut k = t;
    for _ in 0..4 {
        if k == start {
            return false;
        }
        k -= 1;
        let w = doc.form(k).to_lowercase();
        if matches!(
            w.as_str(),
            "despite"
                | "after"
                | "amid"
                | "following"
                | "during"
                | "before"
                | "over"
                | "in"
                | "of"
                | "for"
                | "since"
                | "against"
                | "about"
                | "with"
        ) {
            return true;
        }
        if !(matches!(
            w.as_str(),
            "the" | "a" | "an" | "its" | "their" | "his" | "her" | "'s"
        ) || doc.tokens.is_tagged()
            && matches!(
                doc.strings.resolve(doc.tokens.upos[k]),
                "ADJ" | "NOUN" | "PROPN" | "NUM"
            ))
        {
            return false;
        }
    }
    false
}

/// The main event of a document (or of sentence `s` when given): asserted before
/// unrealised, the least embedded, a verb before an event noun, then the first. With
/// `skip_statements`, CAMEO 01 statements are only chosen when nothing else was coded.
pub fn main_event<'d>(
    doc: &'d Document,
    s: Option<u32>,
    skip_statements: bool,
    grammar: &petrel_actors::lexicon::Grammar,
) -> Option<&'d Event> {
    let sub = |w: &str| grammar.is("subordinator", w);
    doc.events
        .iter()
        .filter(|e| s.is_none_or(|s| e.sentence == s))
        .min_by_key(|e| {
            (
                skip_statements && e.cameo_root == "01",
                e.modality != Modality::Asserted,
                clause_depth(doc, e.trigger as usize, &sub)
                    + u32::from(circumstantial(doc, e.trigger as usize)),
                nominal_trigger(doc, e.trigger as usize),
                e.sentence,
                e.trigger,
            )
        })
}
