//! Repairs of the parse for shapes of wire copy that the treebanks rarely hold and a greedy
//! parser misreads: a time word or a stray article taken into the clause's core, a subject
//! read as an apposition, a name split or hung on a common noun, a speaker cut off from its
//! reporting verb. Each runs after parsing (see [`Parser::parse`]), only rewrites heads and
//! labels, and is held by a test on sentences written for it.

use super::{reports, Parser};

/// Verbs of calling someone on the telephone, which news reports name with the person
/// called ("called Foreign Minister Ali Rezaei").
const CALLING: &[&str] = &["call", "calls", "called", "calling", "phoned", "telephoned"];

/// Nouns that name a stretch of time (`data/time-nouns.txt`), which a bare noun before a
/// subject may be ("Every year Ana Ruiz …") and a title may not.
static TIME_NOUNS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    crate::data_lines(include_str!("../data/time-nouns.txt")).collect()
});

/// One sentence's parse as the repairs see it: words and tags to read, heads (`u32::MAX` for
/// the root) and label ids to rewrite.
pub(super) struct Arcs<'a> {
    pub(super) forms: &'a [&'a str],
    pub(super) tags: &'a [u64],
    pub(super) heads: &'a mut [u32],
    pub(super) labels: &'a mut [u16],
}

impl Parser {
    /// The repairs of this module that run right after parsing, in order.
    pub(super) fn repair_wire(&self, a: &mut Arcs) {
        self.repair_time_subject(a);
        self.repair_opening_apposition(a);
        self.repair_stray_article(a);
        self.repair_flat_on_common_noun(a);
        self.repair_bracketed_subject(a);
        self.repair_subjectless_verb(a);
        self.repair_title_before_subject(a);
        self.repair_verb_after_relative(a);
        self.repair_hyphenated_name(a);
        self.repair_called_name(a);
        self.repair_adjective_before_title(a);
        self.repair_phrase_root(a);
        self.repair_finite_clause_of_root_noun(a);
        self.repair_gapped_passive(a);
        self.repair_closing_attribution(a);
    }

    /// "Russian Foreign Minister Sergey Lavrov" with "Russian" on the name: an adjective
    /// right before a title of the name (`nmod:desc`, with only the title's own words between
    /// them) modifies the title, as it does in the treebanks.
    fn repair_adjective_before_title(&self, a: &mut Arcs) {
        let (tags, heads, labels) = (a.tags, &mut *a.heads, &*a.labels);
        let fx = &self.fix;
        let (Some(amod), Some(desc)) = (fx.amod, fx.desc) else {
            return;
        };
        let n = heads.len();
        for adj in 0..n {
            let name = heads[adj] as usize;
            if labels[adj] != amod || tags[adj] != fx.adjective || name >= n || name <= adj {
                continue;
            }
            let Some(title) =
                (adj + 1..name).find(|&t| labels[t] == desc && heads[t] as usize == name)
            else {
                continue;
            };
            if (adj + 1..title).all(|k| Self::dominates(heads, title, k)) {
                heads[adj] = title as u32;
            }
        }
    }

    /// "The mayor's criticism of the fees surprised the council." read as a noun phrase: the
    /// subject as the root and the verb a clause (`acl`) of a noun inside it. A past or
    /// present tense verb with no subject of its own is no reduced relative clause: when it
    /// is the sentence's only finite verb, it is the root, and the root noun its subject.
    fn repair_finite_clause_of_root_noun(&self, a: &mut Arcs) {
        let (tags, heads, labels) = (a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(acl), Some(nsubj)) = (fx.acl, fx.nsubj) else {
            return;
        };
        let n = heads.len();
        let Some(r) = heads.iter().position(|&h| h == u32::MAX) else {
            return;
        };
        if !fx.nominal[..4].contains(&tags[r]) {
            return;
        }
        let mut finite = (0..n).filter(|&k| fx.finite.contains(&tags[k]));
        let (Some(v), None) = (finite.next(), finite.next()) else {
            return;
        };
        let has_subject =
            (0..n).any(|k| heads[k] as usize == v && fx.subjects.contains(&labels[k]));
        if labels[v] != acl || v < r || has_subject || !Self::dominates(heads, r, v) {
            return;
        }
        adopt(heads, r, v, v + 1);
        take_place(heads, labels, v, r, nsubj);
    }

    /// "Nine people were killed and 30 wounded": the number after "and" stands for a second
    /// passive clause whose verb is left out, and the participle after it is that clause's
    /// remnant (`orphan`, as UD marks gapping), not an adjective of the number.
    fn repair_gapped_passive(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(conj), Some(amod), Some(orphan), Some(aux_pass)) =
            (fx.conj, fx.amod, fx.orphan, fx.aux_pass)
        else {
            return;
        };
        let n = heads.len();
        for k in 1..n.saturating_sub(1) {
            let v = heads[k] as usize;
            let p = k + 1;
            if labels[k] != conj
                || v >= k
                || !forms[k].bytes().all(|b| b.is_ascii_digit())
                || heads[p] as usize != k
                || labels[p] != amod
                || !(tags[p] == fx.adjective || tags[p] == fx.vbn)
                || !forms[p].ends_with("ed")
                || !(0..n).any(|m| heads[m] as usize == v && labels[m] == aux_pass)
            {
                continue;
            }
            labels[p] = orphan;
        }
    }

    /// "Before the vote, a union of farmers called for a strike." read as a noun phrase: the
    /// opening prepositional phrase's noun as the root, the subject hung on it, and the verb
    /// a clause (`acl`) of the subject. A root noun with a preposition, a comma after its
    /// phrase, and a noun after the comma on it whose `acl` is a past verb with no subject of
    /// its own, and no other finite verb in the sentence: the verb is the root, the noun its
    /// subject, the opening phrase its `obl`.
    fn repair_phrase_root(&self, a: &mut Arcs) {
        let (tags, heads, labels) = (a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(case), Some(acl), Some(nsubj), Some(obl)) = (fx.case, fx.acl, fx.nsubj, fx.obl)
        else {
            return;
        };
        let n = heads.len();
        let Some(r) = heads.iter().position(|&h| h == u32::MAX) else {
            return;
        };
        if !fx.nominal[..4].contains(&tags[r])
            || !kids(heads, r).any(|k| k < r && labels[k] == case)
        {
            return;
        }
        let Some(comma) = (r + 1..n).find(|&k| tags[k] == fx.comma && heads[k] as usize == r)
        else {
            return;
        };
        let past = |k: usize| tags[k] == fx.finite[0] || tags[k] == fx.vbn;
        let found = kids(heads, r)
            .filter(|&s| s > comma && fx.nominal[..5].contains(&tags[s]))
            .find_map(|s| {
                kids(heads, s)
                    .find(|&v| v > s && labels[v] == acl && past(v))
                    .map(|v| (s, v))
            });
        let Some((s, v)) = found else { return };
        if kids(heads, v).any(|k| fx.subjects.contains(&labels[k]))
            || (0..n).any(|k| k != v && fx.finite.contains(&tags[k]))
        {
            return;
        }
        adopt(heads, r, v, v + 1);
        take_place(heads, labels, v, r, obl);
        heads[s] = v as u32;
        labels[s] = nsubj;
    }

    /// Whether `top` is `k` or one of its heads (a walk bounded by the sentence length).
    pub(super) fn dominates(heads: &[u32], top: usize, mut k: usize) -> bool {
        for _ in 0..=heads.len() {
            if k == top {
                return true;
            }
            match heads.get(k) {
                Some(&h) => k = h as usize,
                None => return false,
            }
        }
        false
    }

    /// Whether verb `v` has a subject among its dependents.
    fn has_subject(&self, heads: &[u32], labels: &[u16], v: usize) -> bool {
        (0..heads.len()).any(|c| heads[c] as usize == v && self.fix.subjects.contains(&labels[c]))
    }

    /// "The military yesterday denied …": a time noun ("yesterday", "today") read as a
    /// verb's subject, with the noun before it as its compound, is a time adjunct of the
    /// verb, and that noun is the subject (the determiner and modifiers go with it).
    fn repair_time_subject(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(compound), Some(tmod)) = (fx.compound, fx.tmod) else {
            return;
        };
        let n = heads.len();
        // "the army said Friday": a time word after its verb, which has a subject before it.
        for t in 1..n {
            let v = heads[t] as usize;
            if v < t
                && fx.subjects.contains(&labels[t])
                && (0..v).any(|k| heads[k] as usize == v && fx.subjects.contains(&labels[k]))
                && crate::tagger::TIME_WORDS
                    .iter()
                    .any(|w| forms[t].eq_ignore_ascii_case(w))
            {
                labels[t] = tmod;
            }
        }
        for t in 1..n {
            let noun = t - 1;
            if !fx.subjects.contains(&labels[t])
                || labels[noun] != compound
                || heads[noun] as usize != t
                || !fx.nominal[..4].contains(&tags[noun])
                || !crate::tagger::TIME_WORDS
                    .iter()
                    .any(|w| forms[t].eq_ignore_ascii_case(w))
            {
                continue;
            }
            for h in heads[..noun].iter_mut() {
                if *h as usize == t {
                    *h = noun as u32;
                }
            }
            heads[noun] = heads[t];
            labels[noun] = labels[t];
            heads[t] = heads[noun];
            labels[t] = tmod;
        }
    }

    /// "In a rare move, Chilean police in Arica seized …": a noun phrase after an opening
    /// prepositional phrase and its comma, read as that phrase's apposition or conjunct, is
    /// the subject of the finite verb the phrase hangs on when the verb has none and comes
    /// after it.
    fn repair_opening_apposition(&self, a: &mut Arcs) {
        let (tags, heads, labels) = (a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(appos), Some(obl), Some(nsubj)) = (fx.appos, fx.obl, fx.nsubj) else {
            return;
        };
        let n = heads.len();
        for a in 2..n {
            let h = heads[a] as usize;
            if !(labels[a] == appos || Some(labels[a]) == fx.conj) || h >= a || labels[h] != obl {
                continue;
            }
            // The apposition's phrase starts right after a comma.
            let first = (h + 1..=a)
                .find(|&k| Self::dominates(heads, a, k) && tags[k] != fx.comma)
                .unwrap_or(a);
            if tags[first - 1] != fx.comma {
                continue;
            }
            // Only the sentence's opening phrase: nothing before it hangs elsewhere.
            let v = heads[h] as usize;
            if v >= n
                || v <= a
                || !fx.finite.contains(&tags[v])
                || heads[..h].iter().any(|&k| k as usize > h)
                || self.has_subject(heads, labels, v)
            {
                continue;
            }
            heads[a] = v as u32;
            labels[a] = nsubj;
        }
    }

    /// "A top official today praised …" with "A" under the verb (as `reparandum` or any
    /// relation but `det`): an article belongs to the noun its phrase ends in, reached from
    /// the next word over the modifiers that hang to their right.
    fn repair_stray_article(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let Some(det) = fx.det else { return };
        let n = heads.len();
        let modifier = |l: u16| [fx.amod, fx.compound, fx.nummod].contains(&Some(l));
        for d in 0..n.saturating_sub(1) {
            if labels[d] == det
                || !["a", "an", "the"]
                    .iter()
                    .any(|a| forms[d].eq_ignore_ascii_case(a))
            {
                continue;
            }
            let mut k = d + 1;
            for _ in 0..8 {
                let h = heads[k] as usize;
                if !modifier(labels[k]) || h >= n || h <= k {
                    break;
                }
                k = h;
            }
            if !fx.nominal[..4].contains(&tags[k]) {
                continue;
            }
            if heads[k] as usize == d {
                // The noun hangs on the article ("met the elder Tom Hardy" with "Tom" under
                // "the"): the noun takes the article's place, or hanging the article on it
                // would close a cycle.
                take_place(heads, labels, k, d, det);
                adopt(heads, d, k, 0);
            } else if !Self::dominates(heads, d, k) {
                heads[d] = k as u32;
                labels[d] = det;
            }
        }
    }

    /// `flat` joins the words of one name. Two adjacent names that are subjects of one verb
    /// are one name; and "NATO-member Norway is willing …" with "Norway" a `flat` part of
    /// "member" has the name as head, the noun its compound (the noun's own modifiers go
    /// with the name).
    fn repair_flat_on_common_noun(&self, a: &mut Arcs) {
        let (tags, heads, labels) = (a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(flat), Some(compound)) = (fx.flat, fx.compound) else {
            return;
        };
        let common = &fx.nominal[..2];
        let proper = &fx.nominal[2..4];
        // "Adil Abdul Mahdi has agreed" with "Adil" and "Abdul" both subjects of "agreed":
        // a verb has one subject, so a name right after a name is its next word.
        for f in 1..heads.len() {
            if fx.subjects.contains(&labels[f])
                && heads[f] == heads[f - 1]
                && labels[f] == labels[f - 1]
                && proper.contains(&tags[f])
                && proper.contains(&tags[f - 1])
            {
                for h in heads.iter_mut() {
                    if *h as usize == f {
                        *h = (f - 1) as u32;
                    }
                }
                heads[f] = (f - 1) as u32;
                labels[f] = flat;
            }
        }
        for f in 1..heads.len() {
            let h = f - 1;
            if labels[f] != flat
                || heads[f] as usize != h
                || !common.contains(&tags[h])
                || !proper.contains(&tags[f])
            {
                continue;
            }
            for (k, x) in heads.iter_mut().enumerate() {
                if k != f && *x as usize == h {
                    *x = f as u32;
                }
            }
            take_place(heads, labels, f, h, compound);
        }
    }

    /// "Republican nominee Ana Ruiz said …" with "nominee" a bare time adjunct of "said"
    /// (`obl:unmarked`, as in "Last week Ana Ruiz said") or a second subject of it ("NATO-member
    /// Estonia is ready …"): a common noun right before the name that is the verb's subject
    /// is the name's title (`nmod:desc`), unless it names a stretch of time
    /// (`data/time-nouns.txt`) or a time word modifies it.
    fn repair_title_before_subject(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(tmod), Some(desc)) = (fx.tmod, fx.desc) else {
            return;
        };
        let is_in = |list: &[&str], w: &str| list.iter().any(|t| w.eq_ignore_ascii_case(t));
        for t in 0..heads.len().saturating_sub(1) {
            let name = t + 1;
            let v = heads[t] as usize;
            if !(labels[t] == tmod || fx.subjects.contains(&labels[t]))
                || heads[name] as usize != v
                || v <= name
                || !fx.subjects.contains(&labels[name])
                || !fx.nominal[..2].contains(&tags[t])
                || !fx.nominal[2..4].contains(&tags[name])
                || is_in(&TIME_NOUNS, forms[t])
                || is_in(&crate::tagger::TIME_WORDS, forms[t])
                || (0..t)
                    .any(|k| heads[k] as usize == t && is_in(&crate::tagger::TIME_WORDS, forms[k]))
            {
                continue;
            }
            heads[t] = name as u32;
            labels[t] = desc;
        }
    }

    /// "Former senator Ida Vance, who runs a charity, also said …" with the name as the
    /// root and "said" a conjunct of the relative clause's verb: a finite verb with no
    /// subject after the comma that closes a relative clause of the root noun is the main
    /// verb, and the noun its subject.
    fn repair_verb_after_relative(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(conj), Some(relcl), Some(nsubj)) = (fx.conj, fx.relcl, fx.nsubj) else {
            return;
        };
        let n = heads.len();
        for v in 3..n {
            if labels[v] != conj || !fx.finite.contains(&tags[v]) {
                continue;
            }
            let r = heads[v] as usize;
            if r >= v || labels[r] != relcl {
                continue;
            }
            let k = heads[r] as usize;
            // The clause opens with a comma and "who"/"which" after the noun.
            let opens = (k + 2..r).any(|w| {
                heads[w] as usize == r
                    && forms[w - 1] == ","
                    && ["who", "which"]
                        .iter()
                        .any(|x| forms[w].eq_ignore_ascii_case(x))
            });
            // The clause closes with a comma before the verb (past its adverbs).
            let mut c = v - 1;
            while c > r && fx.adverbs.contains(&tags[c]) {
                c -= 1;
            }
            if !opens
                || heads[k] != u32::MAX
                || forms[c] != ","
                || !fx.nominal.contains(&tags[k])
                || self.has_subject(heads, labels, v)
            {
                continue;
            }
            for h in heads[v + 1..].iter_mut() {
                if *h as usize == k {
                    *h = v as u32;
                }
            }
            take_place(heads, labels, v, k, nsubj);
            heads[c] = v as u32;
        }
    }

    /// "Ms. Ada Fenwick-Oduya said" with the two halves of the name in different places: a
    /// name joined by a hyphen is one name, placed where its last half was (the half the
    /// parse read next to the verb), its first half the head.
    fn repair_hyphenated_name(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let Some(flat) = fx.flat else { return };
        let proper = &fx.nominal[2..4];
        let n = heads.len();
        for f in 0..n.saturating_sub(2) {
            let (hy, l) = (f + 1, f + 2);
            if forms[hy] != "-"
                || !proper.contains(&tags[f])
                || !proper.contains(&tags[l])
                || heads[l] as usize == f
                || heads[f] as usize == l
                || !fx.subjects.contains(&labels[l])
                || Self::dominates(heads, f, heads[l] as usize)
            {
                continue;
            }
            for h in heads.iter_mut() {
                if *h as usize == l {
                    *h = f as u32;
                }
            }
            heads[f] = heads[l];
            labels[f] = labels[l];
            heads[l] = f as u32;
            labels[l] = flat;
            heads[hy] = f as u32;
        }
    }

    /// "Ruiz called Iranian Foreign Minister Ali Rezaei to discuss …" with the name a
    /// predicate of "called" (`xcomp`, as in "called him a liar") and the nationality
    /// adjective another: a name under a verb of calling that has no object is its object,
    /// and an adjective right before the name's phrase, hung on the verb, modifies the
    /// phrase's first noun.
    fn repair_called_name(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(xcomp), Some(obj), Some(amod)) = (fx.xcomp, fx.obj, fx.amod) else {
            return;
        };
        let proper = &fx.nominal[2..4];
        let n = heads.len();
        for (v, form) in forms.iter().enumerate() {
            if !CALLING.iter().any(|w| form.eq_ignore_ascii_case(w))
                || (0..n).any(|k| heads[k] as usize == v && labels[k] == obj)
            {
                continue;
            }
            let Some(name) = (v + 1..n).find(|&k| {
                heads[k] as usize == v && labels[k] == xcomp && proper.contains(&tags[k])
            }) else {
                continue;
            };
            labels[name] = obj;
            // The adjective: on the verb, right before words of the name's phrase.
            for adj in v + 1..name {
                let within = (adj + 1..name).all(|k| Self::dominates(heads, name, k));
                if heads[adj] as usize == v && tags[adj] == fx.adjective && within {
                    let noun = (adj + 1..=name)
                        .find(|&k| fx.nominal[..4].contains(&tags[k]))
                        .unwrap_or(name);
                    heads[adj] = noun as u32;
                    labels[adj] = amod;
                }
            }
        }
    }

    /// "Rebels seized the town, a local official told reporters." with "told" a conjunct of
    /// "seized": a reporting verb after the main clause, its subject opening after a comma,
    /// with no conjunction and nothing after it but its own words, is a closing attribution
    /// (`parataxis`), as the treebanks mark it.
    fn repair_closing_attribution(&self, a: &mut Arcs) {
        let (forms, heads, labels) = (a.forms, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(conj), Some(parataxis), Some(cc)) = (fx.conj, fx.parataxis, fx.cc) else {
            return;
        };
        let n = heads.len();
        for v in 2..n {
            if labels[v] != conj || !reports(forms[v]) {
                continue;
            }
            let r = heads[v] as usize;
            if r >= v || heads[r] != u32::MAX {
                continue;
            }
            let kids: Vec<usize> = kids(heads, v).collect();
            let Some(&s) = kids
                .iter()
                .find(|&&k| k < v && fx.subjects.contains(&labels[k]))
            else {
                continue;
            };
            // The subject's phrase starts right after a comma.
            let first = (0..=s).find(|&k| Self::dominates(heads, s, k)).unwrap_or(s);
            let after_comma = first > 0 && forms[first - 1] == ",";
            // Everything after the verb is its own, up to the final punctuation.
            let own_tail = (v + 1..n).all(|k| {
                Self::dominates(heads, v, k) || (k + 1 == n && matches!(forms[k], "." | "!" | "?"))
            });
            if after_comma && own_tail && !kids.iter().any(|&k| labels[k] == cc) {
                labels[v] = parataxis;
            }
        }
    }

    /// "Rep. Ann Lee (R-Ohio) said" with "R" a second subject of "said": a bracketed
    /// phrase right after a verb's subject describes the subject (`appos`).
    fn repair_bracketed_subject(&self, a: &mut Arcs) {
        let (forms, heads, labels) = (a.forms, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let Some(appos) = fx.appos else { return };
        let n = heads.len();
        for s2 in 2..n {
            let v = heads[s2] as usize;
            if v >= n || v <= s2 || !fx.subjects.contains(&labels[s2]) {
                continue;
            }
            let Some(open) = (0..s2).rev().find(|&k| forms[k] == "(") else {
                continue;
            };
            let Some(s1) =
                (0..open).find(|&k| heads[k] as usize == v && fx.subjects.contains(&labels[k]))
            else {
                continue;
            };
            // The subject's phrase runs up to the bracket, and the bracket closes before
            // the verb.
            let phrase = (s1 + 1..open).all(|k| (s1..open).contains(&(heads[k] as usize)));
            let closes = (s2 + 1..v).any(|k| forms[k] == ")");
            if phrase && closes && (open + 1..s2).all(|k| heads[k] as usize != v) {
                heads[s2] = s1 as u32;
                labels[s2] = appos;
            }
        }
    }

    /// "The mayor later told reporters …" with "mayor" hung on "later": a finite verb with
    /// no subject whose nearest word before it, past adverbs, is a bare noun or pronoun
    /// hanging on the verb or on those adverbs, has that word as its subject.
    fn repair_subjectless_verb(&self, a: &mut Arcs) {
        let (forms, tags, heads, labels) = (a.forms, a.tags, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(nsubj), Some(case)) = (fx.nsubj, fx.case) else {
            return;
        };
        let n = heads.len();
        for v in 1..n {
            if !fx.finite.contains(&tags[v]) || self.has_subject(heads, labels, v) {
                continue;
            }
            let mut k = v - 1;
            while k > 0 && fx.adverbs.contains(&tags[k]) && heads[k] as usize == v {
                k -= 1;
            }
            let h = heads[k] as usize;
            let on_verb = h == v || (k < h && h < v);
            if !on_verb
                || !fx.nominal.contains(&tags[k])
                || fx.subjects.contains(&labels[k])
                || (0..k).any(|c| heads[c] as usize == k && labels[c] == case)
                || crate::tagger::TIME_WORDS
                    .iter()
                    .any(|w| forms[k].eq_ignore_ascii_case(w))
            {
                continue;
            }
            heads[k] = v as u32;
            labels[k] = nsubj;
        }
    }

    /// `"…," one fisherman, who asked not to be named, told Reuters` with "told" a conjunct
    /// of the relative clause's verb and "fisherman" hung on the quoted clause: the
    /// reporting verb takes the quoted clause's place, the noun is its subject and the
    /// quoted clause its complement.
    pub(super) fn repair_speaker_relative(&self, a: &mut Arcs) {
        let (forms, heads, labels) = (a.forms, &mut *a.heads, &mut *a.labels);
        let fx = &self.fix;
        let (Some(conj), Some(relcl), Some(nsubj), Some(ccomp)) =
            (fx.conj, fx.relcl, fx.nsubj, fx.ccomp)
        else {
            return;
        };
        let n = heads.len();
        for v in 1..n {
            if !reports(forms[v]) || labels[v] != conj {
                continue;
            }
            let r = heads[v] as usize;
            if r >= v || labels[r] != relcl {
                continue;
            }
            let k = heads[r] as usize;
            let q = heads[k] as usize;
            let who = k + 2 < n
                && forms[k + 1] == ","
                && (forms[k + 2].eq_ignore_ascii_case("who")
                    || forms[k + 2].eq_ignore_ascii_case("which"));
            // The noun hangs on a quoted clause before it.
            if !who || q >= k || self.has_subject(heads, labels, v) {
                continue;
            }
            for h in heads[v + 1..].iter_mut() {
                if *h as usize == q {
                    *h = v as u32;
                }
            }
            take_place(heads, labels, v, q, ccomp);
            heads[k] = v as u32;
            labels[k] = nsubj;
        }
    }
}

/// The words that hang on `v`.
pub(super) fn kids(heads: &[u32], v: usize) -> impl Iterator<Item = usize> + '_ {
    (0..heads.len()).filter(move |&k| heads[k] as usize == v)
}

/// The words from index `start` on that hang on `from` hang on `to` instead (what follows a
/// verb moved to the top goes with it).
pub(super) fn adopt(heads: &mut [u32], from: usize, to: usize, start: usize) {
    for h in heads.iter_mut().skip(start) {
        if *h as usize == from {
            *h = to as u32;
        }
    }
}

/// Word `new` takes `old`'s place in the tree (its head and relation), and `old` hangs on
/// `new` as `rel`.
pub(super) fn take_place(heads: &mut [u32], labels: &mut [u16], new: usize, old: usize, rel: u16) {
    heads[new] = heads[old];
    labels[new] = labels[old];
    heads[old] = new as u32;
    labels[old] = rel;
}
