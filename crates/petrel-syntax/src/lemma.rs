//! The lemmatiser: edit rules ("strip n chars, append s, maybe lower-case") learned from a
//! treebank. A rule is chosen by the longest known suffix of the lower-cased form for its tag;
//! words the suffix rules get wrong in training (irregular verbs, `was` → `be`) are kept in an
//! exception table. Both tables are data built by training, not code.

use crate::hash::{feat, hash_str};
use crate::model::{ModelError, Reader, Writer};
use rustc_hash::FxHashMap;

const MAX_SUFFIX: usize = 6;

/// One edit from a form to its lemma.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub strip: u8,
    pub append: String,
    pub lower: bool,
}

impl Rule {
    /// The rule turning `form` into `lemma` with the least stripping.
    pub fn derive(form: &str, lemma: &str) -> Rule {
        // A lemma without capitals is always reached from the lower-cased form, so `The` and
        // `the` share one rule.
        if !lemma.chars().any(char::is_uppercase) {
            return Self::edit(&form.to_lowercase(), lemma, true);
        }
        let cased = Self::edit(form, lemma, false);
        let lowered = Self::edit(&form.to_lowercase(), lemma, true);
        if lowered.strip < cased.strip {
            lowered
        } else {
            cased
        }
    }
    fn edit(form: &str, lemma: &str, lower: bool) -> Rule {
        let common = form
            .chars()
            .zip(lemma.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let n = form.chars().count();
        let append: String = lemma.chars().skip(common).collect();
        Rule {
            strip: (n - common).min(255) as u8,
            append,
            lower,
        }
    }
    /// Applies the rule to `form`, writing into `out`.
    pub fn apply(&self, form: &str, out: &mut String) {
        out.clear();
        if self.lower {
            crate::hash::push_lower(out, form);
        } else {
            out.push_str(form);
        }
        let n = out.chars().count();
        if (self.strip as usize) < n {
            for _ in 0..self.strip {
                out.pop();
            }
            out.push_str(&self.append);
        } else if out.is_empty() || self.strip as usize > n {
            // The rule does not fit this form: keep the form.
        } else {
            out.clear();
            out.push_str(&self.append);
        }
    }
}

/// Learned lemmatisation tables.
#[derive(Default)]
pub struct Lemmatiser {
    rules: Vec<Rule>,
    /// (tag class, suffix) → rule.
    suffix: FxHashMap<u64, u16>,
    /// (tag class, lower-cased form) → rule, for words the suffix rules get wrong.
    exceptions: FxHashMap<u64, u16>,
}

fn suffix_key(class: u16, suffix: &str) -> u64 {
    feat(1, class as u64, hash_str(suffix), 0)
}
fn word_key(class: u16, lower: &str) -> u64 {
    feat(2, class as u64, hash_str(lower), 0)
}

/// The byte index where the last `k` chars of `s` start (0 if `s` is shorter).
fn suffix_start(s: &str, k: usize) -> usize {
    s.char_indices()
        .rev()
        .nth(k.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

impl Lemmatiser {
    /// Learns tables from (form, tag class, lemma) triples.
    pub fn train<'a>(items: impl Iterator<Item = (&'a str, u16, &'a str)>) -> Lemmatiser {
        let mut rule_ids: FxHashMap<Rule, u16> = FxHashMap::default();
        let mut rules: Vec<Rule> = Vec::new();
        // (class, lower form) → rule counts, in first-seen order for determinism.
        let mut words: FxHashMap<(u16, String), FxHashMap<u16, u32>> = FxHashMap::default();
        let mut word_order: Vec<(u16, String, String)> = Vec::new();
        let mut lemmas: FxHashMap<(u16, String), FxHashMap<String, u32>> = FxHashMap::default();
        for (form, class, lemma) in items {
            if lemma.is_empty() || lemma == "_" {
                continue;
            }
            let rule = Rule::derive(form, lemma);
            let next = rules.len() as u16;
            let id = *rule_ids.entry(rule.clone()).or_insert(next);
            if id == next {
                rules.push(rule);
            }
            let lower = form.to_lowercase();
            let e = words.entry((class, lower.clone())).or_default();
            if e.is_empty() {
                word_order.push((class, lower.clone(), form.to_string()));
            }
            *e.entry(id).or_default() += 1;
            *lemmas
                .entry((class, lower))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        let best = |m: &FxHashMap<u16, u32>| {
            let mut v: Vec<(u16, u32)> = m.iter().map(|(&r, &c)| (r, c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v[0]
        };
        // Suffix statistics over word types (not tokens), so frequent irregulars do not
        // dominate the rules for regular words.
        let mut suf: FxHashMap<(u16, String), FxHashMap<u16, u32>> = FxHashMap::default();
        let mut suf_order = Vec::new();
        for (class, lower, _) in &word_order {
            let (rule, _) = best(&words[&(*class, lower.clone())]);
            for k in 0..=MAX_SUFFIX.min(lower.chars().count()) {
                let s = &lower[suffix_start(lower, k)..];
                let s = if k == 0 { "" } else { s };
                let e = suf.entry((*class, s.to_string())).or_default();
                if e.is_empty() {
                    suf_order.push((*class, s.to_string()));
                }
                *e.entry(rule).or_default() += 1;
            }
        }
        let mut lem = Lemmatiser {
            rules,
            ..Default::default()
        };
        // Keep a suffix entry only when it changes the decision of its parent suffix.
        suf_order.sort_by_key(|(c, s)| (*c, s.chars().count()));
        for (class, s) in &suf_order {
            let (rule, count) = best(&suf[&(*class, s.clone())]);
            let parent = if s.is_empty() {
                None
            } else {
                let p = &s[s.char_indices().nth(1).map_or(s.len(), |(i, _)| i)..];
                lem.lookup_suffix(*class, p)
            };
            if (count >= 2 || s.is_empty()) && parent != Some(rule) {
                lem.suffix.insert(suffix_key(*class, s), rule);
            }
        }
        // Exceptions: words whose most frequent lemma the suffix rules miss, either from the
        // lower-cased form or from the form as first seen. Their rules start from the
        // lower-cased form, so `i`/`I` → `I` and `Was`/`was` → `be` alike.
        for (class, lower, form) in &word_order {
            let m = &lemmas[&(*class, lower.clone())];
            let mut v: Vec<(&String, u32)> = m.iter().map(|(l, &c)| (l, c)).collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let top = v[0].0;
            let mut out = String::new();
            let mut wrong = false;
            for f in [lower.as_str(), form.as_str()] {
                match lem.by_suffix(*class, lower) {
                    Some(r) => lem.rules[r as usize].apply(f, &mut out),
                    None => out = f.to_string(),
                }
                wrong |= out != *top;
            }
            if wrong {
                let rule = Rule::edit(lower, top, true);
                let next = lem.rules.len() as u16;
                let id = *rule_ids.entry(rule.clone()).or_insert(next);
                if id == next {
                    lem.rules.push(rule);
                }
                lem.exceptions.insert(word_key(*class, lower), id);
            }
        }
        lem
    }

    /// The rule of the longest stored suffix of `s` (a suffix itself) — used while training.
    fn lookup_suffix(&self, class: u16, s: &str) -> Option<u16> {
        let n = s.chars().count();
        for k in (0..=n).rev() {
            let suf = if k == 0 { "" } else { &s[suffix_start(s, k)..] };
            if let Some(&r) = self.suffix.get(&suffix_key(class, suf)) {
                return Some(r);
            }
        }
        None
    }

    fn by_suffix(&self, class: u16, lower: &str) -> Option<u16> {
        let n = lower.chars().count().min(MAX_SUFFIX);
        for k in (0..=n).rev() {
            let suf = if k == 0 {
                ""
            } else {
                &lower[suffix_start(lower, k)..]
            };
            if let Some(&r) = self.suffix.get(&suffix_key(class, suf)) {
                return Some(r);
            }
        }
        None
    }

    /// Writes the lemma of `form` (tagged `class`) into `out`; `lower` is a scratch buffer.
    pub fn lemmatise(&self, form: &str, class: u16, lower: &mut String, out: &mut String) {
        self.lemmatise_known(form, class, lower, out, |_| true);
    }

    /// [`Self::lemmatise`], checking a suffix rule's lemma against a vocabulary: when the
    /// longest suffix's lemma is no word `known` holds and a shorter suffix's rule gives one,
    /// that one wins ("blasted": `-asted` → "blaste" from "wasted", `-ed` → "blast"). Words
    /// the exception table holds are not second-guessed. `known` gets the
    /// [`crate::hash::hash_str`] of the lower-cased lemma, so no string is built to ask.
    pub fn lemmatise_known(
        &self,
        form: &str,
        class: u16,
        lower: &mut String,
        out: &mut String,
        known: impl Fn(u64) -> bool,
    ) {
        lower.clear();
        crate::hash::push_lower(lower, form);
        if let Some(&r) = self.exceptions.get(&word_key(class, lower)) {
            self.rules[r as usize].apply(form, out);
            return;
        }
        // Only words are checked: "85,000" → "85000" is no vocabulary word either.
        let wordlike = lower.chars().all(char::is_alphabetic);
        let n = lower.chars().count().min(MAX_SUFFIX);
        let mut first = None;
        for k in (0..=n).rev() {
            let suf = if k == 0 {
                ""
            } else {
                &lower[suffix_start(lower, k)..]
            };
            let Some(&r) = self.suffix.get(&suffix_key(class, suf)) else {
                continue;
            };
            if first == Some(r) {
                continue;
            }
            self.rules[r as usize].apply(form, out);
            if !wordlike || known(crate::hash::hash_lower(out)) {
                return;
            }
            first.get_or_insert(r);
        }
        match first {
            Some(r) => self.rules[r as usize].apply(form, out),
            None => {
                out.clear();
                out.push_str(form);
            }
        }
    }

    /// Whether the lemmatiser holds `lower` (lower-cased) tagged `class` as an irregular form
    /// of its own ("shot" as a past participle), not by a suffix rule.
    pub fn is_exception(&self, lower: &str, class: u16) -> bool {
        self.exceptions.contains_key(&word_key(class, lower))
    }

    pub fn n_exceptions(&self) -> usize {
        self.exceptions.len()
    }

    pub fn write(&self, w: &mut Writer) {
        w.u32(self.rules.len() as u32);
        for r in &self.rules {
            w.u8(r.strip);
            w.str(&r.append);
            w.u8(r.lower as u8);
        }
        for table in [&self.suffix, &self.exceptions] {
            let mut v: Vec<(u64, u16)> = table.iter().map(|(&k, &r)| (k, r)).collect();
            v.sort_unstable();
            w.u32(v.len() as u32);
            for (k, r) in v {
                w.u64(k);
                w.u16(r);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<Self, ModelError> {
        let n = r.len(1 << 20)?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let strip = r.u8()?;
            let append = r.str()?;
            let lower = r.u8()? != 0;
            rules.push(Rule {
                strip,
                append,
                lower,
            });
        }
        let mut tables = [FxHashMap::default(), FxHashMap::default()];
        for t in tables.iter_mut() {
            let m = r.len(1 << 26)?;
            t.reserve(m);
            for _ in 0..m {
                let k = r.u64()?;
                let id = r.u16()?;
                if id as usize >= rules.len() {
                    return Err(r.err("lemma rule id out of range"));
                }
                t.insert(k, id);
            }
        }
        let [suffix, exceptions] = tables;
        Ok(Lemmatiser {
            rules,
            suffix,
            exceptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_derive_and_apply() {
        let mut out = String::new();
        for (form, lemma) in [
            ("fired", "fire"),
            ("The", "the"),
            ("Bush", "Bush"),
            ("was", "be"),
            ("mice", "mouse"),
        ] {
            Rule::derive(form, lemma).apply(form, &mut out);
            assert_eq!(out, lemma);
        }
    }

    #[test]
    fn suffix_rules_generalise_and_exceptions_hold() {
        // Tag class 0 stands for past-tense verbs here.
        let data = [
            ("walked", 0, "walk"),
            ("talked", 0, "talk"),
            ("jumped", 0, "jump"),
            ("fired", 0, "fire"),
            ("hired", 0, "hire"),
            ("went", 0, "go"),
            ("was", 0, "be"),
            ("Was", 0, "be"),
        ];
        let lem = Lemmatiser::train(data.iter().map(|&(f, c, l)| (f, c, l)));
        let (mut a, mut b) = (String::new(), String::new());
        for (form, want) in [
            ("went", "go"),
            ("was", "be"),
            ("WAS", "be"),
            ("fired", "fire"),
        ] {
            lem.lemmatise(form, 0, &mut a, &mut b);
            assert_eq!(b, want, "{form}");
        }
        // An unseen regular verb follows the learned `-ed` rule.
        lem.lemmatise("parked", 0, &mut a, &mut b);
        assert_eq!(b, "park");
    }
}
