//! Dictionary words and phrases: how an entry such as `KOFI_ANNAN_` or `BARAD-DUR` is split
//! into the token sequence petrel's tokenizer produces, and a phrase index that finds the
//! longest entry starting at a token.
//!
//! TABARI matches each dictionary word as a prefix of the text word ("stem" matching:
//! `ARGENTIN` matches "Argentina") unless the phrase ends in `_`; PETRARCH matches whole
//! words. [`PhraseIndex::longest_at`] does either, chosen by the caller.

use rustc_hash::FxHashMap;

/// One dictionary word as matched against one token (upper-cased).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: Box<str>,
    /// The word must match the whole token, even when stem matching is on.
    pub exact: bool,
    /// TABARI `WORD_`: the word or the word with a regular ending (`-s`, `-ed`, `-ing`…).
    pub regular: bool,
    /// TABARI: joined to the previous word by a space, so up to [`LOOSE_GAP`] other words
    /// may come between (`PRINCE DOL_AMROTH` matches "Prince of Dol Amroth").
    pub loose: bool,
    /// A plural petrel generated for a pattern word (PETRARCH-2 matches it, PETRARCH-1
    /// matches pattern words as written).
    pub plural: bool,
}

/// How many words may come between space-joined words of a TABARI phrase.
pub const LOOSE_GAP: usize = 2;

/// Regular noun and verb endings TABARI accepts after a `WORD_` entry.
const ENDINGS: &[&str] = &["S", "ES", "ED", "D", "ING", "EN"];

impl Word {
    pub fn new(text: &str, exact: bool) -> Self {
        Word {
            text: text.into(),
            exact,
            regular: false,
            loose: false,
            plural: false,
        }
    }

    /// A word that takes regular endings under stem matching.
    pub fn regular(text: &str) -> Self {
        Word {
            text: text.into(),
            exact: false,
            regular: true,
            loose: false,
            plural: false,
        }
    }

    /// Whether this word matches the (upper-cased) token.
    #[inline]
    pub fn matches(&self, tok: &str, stem: bool) -> bool {
        if stem && !self.exact {
            let w = &*self.text;
            if !self.regular {
                return tok.starts_with(w);
            }
            if let Some(rest) = tok.strip_prefix(w) {
                return rest.is_empty() || ENDINGS.contains(&rest);
            }
            // `DEPLORE_` → `DEPLORING`.
            w.strip_suffix('E')
                .and_then(|st| tok.strip_prefix(st))
                .is_some_and(|rest| matches!(rest, "ING" | "ED" | "EN"))
        } else {
            *tok == *self.text
        }
    }
}

/// Splits one word of a dictionary (no spaces or underscores) the way the tokenizer splits
/// text: hyphens are tokens of their own, `n't`, `'s` and a final `'` are split off.
pub fn split_token(w: &str, out: &mut Vec<String>) {
    let w = w.trim();
    if w.is_empty() {
        return;
    }
    // Hyphens between letters are separate tokens; a lone hyphen stays as it is.
    if w.len() > 1 && w.contains('-') && !w.chars().all(|c| c == '-') {
        let mut first = true;
        for part in w.split('-') {
            if !first {
                out.push("-".into());
            }
            first = false;
            if !part.is_empty() {
                split_token(part, out);
            }
        }
        return;
    }
    let up = w.to_uppercase();
    if up.len() > 3 && up.ends_with("N'T") {
        out.push(up[..up.len() - 3].to_string());
        out.push("N'T".into());
    } else if up.len() > 2 && up.ends_with("'S") {
        out.push(up[..up.len() - 2].to_string());
        out.push("'S".into());
    } else if up.len() > 1 && up.ends_with('\'') {
        out.push(up[..up.len() - 1].to_string());
        out.push("'".into());
    } else {
        out.push(up);
    }
}

/// Matches `words[1..]` from token `pos` on (the first word already matched); returns the
/// end of the match. Under stem matching a space-joined word may come after up to
/// [`LOOSE_GAP`] other words (hyphens do not count: TABARI reads `state-run` as one word).
pub fn match_rest(words: &[Word], toks: &[&str], mut pos: usize, stem: bool) -> Option<usize> {
    for w in words.get(1..).unwrap_or(&[]) {
        let max = if stem && w.loose { LOOSE_GAP } else { 0 };
        let mut skipped = 0;
        let found = (pos..toks.len())
            .take_while(|&k| {
                let within = skipped <= max;
                if max == 0 || toks[k] != "-" {
                    skipped += 1;
                }
                within
            })
            .find(|&k| w.matches(toks[k], stem))?;
        pos = found + 1;
    }
    Some(pos)
}

/// The end of `words` matched from token `i` (see [`match_rest`]).
pub fn match_at(words: &[Word], toks: &[&str], i: usize, stem: bool) -> Option<usize> {
    let first = words.first()?;
    if i >= toks.len() || !first.matches(toks[i], stem) {
        return None;
    }
    match_rest(words, toks, i + 1, stem)
}

/// Splits a dictionary phrase (words joined by spaces or `_`) into [`Word`]s. Inner words
/// are exact; the last takes TABARI's marks: `WORD=` exact, `WORD_` regular endings, a bare
/// `WORD` any word it begins (these only matter under stem matching).
pub fn split_phrase(s: &str) -> Vec<Word> {
    let s = s.trim();
    let exact_end = s.ends_with('=');
    let regular_end = s.ends_with('_');
    let s = s.trim_end_matches('=');
    let mut toks = Vec::new();
    let mut loose = Vec::new();
    for chunk in s.split_whitespace() {
        let mut first = true;
        for piece in chunk.split('_') {
            if !piece.is_empty() {
                let before = toks.len();
                split_token(piece, &mut toks);
                loose.extend((before..toks.len()).map(|k| first && k == before && before > 0));
                first = false;
            }
        }
    }
    let n = toks.len();
    toks.into_iter()
        .zip(loose)
        .enumerate()
        .map(|(i, (t, loose))| {
            let last = i + 1 == n;
            let exact = !last || exact_end || t.len() < 2;
            Word {
                text: t.into(),
                exact,
                regular: last && regular_end && !exact,
                loose,
                plural: false,
            }
        })
        .collect()
}

/// The regular plural of a noun, the way PETRARCH forms agent and synset plurals.
pub fn plural(w: &str) -> String {
    if let Some(stem) = w.strip_suffix("MAN") {
        return format!("{stem}MEN");
    }
    if w.ends_with('Y') && w.len() > 1 {
        let prev = w.as_bytes()[w.len() - 2];
        if !b"AEIOU".contains(&prev) {
            return format!("{}IES", &w[..w.len() - 1]);
        }
    }
    if w.ends_with('S')
        || w.ends_with('X')
        || w.ends_with('Z')
        || w.ends_with("CH")
        || w.ends_with("SH")
    {
        return format!("{w}ES");
    }
    format!("{w}S")
}

/// Regular verb forms (3rd person, past, gerund) as PETRARCH generates them.
pub fn verb_forms(w: &str) -> [String; 3] {
    if let Some(stem) = w.strip_suffix('E') {
        if !w.ends_with("EE") {
            return [format!("{w}S"), format!("{w}D"), format!("{stem}ING")];
        }
        return [format!("{w}S"), format!("{w}D"), format!("{w}ING")];
    }
    if w.ends_with('Y') && w.len() > 1 {
        let prev = w.as_bytes()[w.len() - 2];
        if !b"AEIOU".contains(&prev) {
            let stem = &w[..w.len() - 1];
            return [
                format!("{stem}IES"),
                format!("{stem}IED"),
                format!("{w}ING"),
            ];
        }
    }
    if w.ends_with('S')
        || w.ends_with('X')
        || w.ends_with('Z')
        || w.ends_with("CH")
        || w.ends_with("SH")
    {
        return [format!("{w}ES"), format!("{w}ED"), format!("{w}ING")];
    }
    [format!("{w}S"), format!("{w}ED"), format!("{w}ING")]
}

/// Phrases indexed by their first word, each with a payload (an index into the owner's
/// entry table).
#[derive(Debug, Default, Clone)]
pub struct PhraseIndex {
    phrases: Vec<(Vec<Word>, u32)>,
    exact: FxHashMap<Box<str>, Vec<u32>>,
    prefix: FxHashMap<Box<str>, Vec<u32>>,
}

impl PhraseIndex {
    pub fn insert(&mut self, words: Vec<Word>, payload: u32) {
        if words.is_empty() {
            return;
        }
        let id = self.phrases.len() as u32;
        let first = &words[0];
        let map = if first.exact {
            &mut self.exact
        } else {
            &mut self.prefix
        };
        map.entry(first.text.clone()).or_default().push(id);
        self.phrases.push((words, payload));
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Orders each candidate list longest phrase first (ties keep file order).
    pub fn finish(&mut self) {
        let phrases = &self.phrases;
        for v in self.exact.values_mut().chain(self.prefix.values_mut()) {
            v.sort_by_key(|&i| std::cmp::Reverse(phrases[i as usize].0.len()));
        }
    }

    fn try_list(
        &self,
        list: Option<&Vec<u32>>,
        toks: &[&str],
        i: usize,
        stem: bool,
        best: &mut Option<(usize, u32)>,
    ) {
        let Some(list) = list else { return };
        for &id in list {
            let (words, payload) = &self.phrases[id as usize];
            let n = words.len();
            // Lists are sorted longest first; without TABARI's gaps a match is n tokens.
            if !stem && best.is_some_and(|(l, _)| l >= n) {
                return;
            }
            if !words[0].matches(toks[i], stem) {
                continue;
            }
            let Some(pos) = match_rest(words, toks, i + 1, stem) else {
                continue;
            };
            if best.is_none_or(|(l, _)| pos - i > l) {
                *best = Some((pos - i, *payload));
                if !stem {
                    return;
                }
            }
        }
    }

    /// The longest phrase starting at token `i`: (its length in tokens, its payload).
    pub fn longest_at(&self, toks: &[&str], i: usize, stem: bool) -> Option<(usize, u32)> {
        let t = toks[i];
        let mut best = None;
        self.try_list(self.exact.get(t), toks, i, stem, &mut best);
        self.try_list(self.prefix.get(t), toks, i, stem, &mut best);
        if stem {
            for (k, _) in t.char_indices().skip(1) {
                self.try_list(self.prefix.get(&t[..k]), toks, i, stem, &mut best);
            }
        }
        best
    }

    /// PETRARCH-1's matching inside a noun phrase: like [`Self::longest_at`] (whole
    /// words), but a word joined to the previous one by a space may come after other words
    /// for which `skippable` holds (`ITHILEN TELEVISION` in "Ithilen state-run
    /// television"); `_` still joins words directly.
    pub fn longest_at_within(
        &self,
        toks: &[&str],
        i: usize,
        skippable: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, u32)> {
        let mut best: Option<(usize, u32)> = None;
        for list in [self.exact.get(toks[i]), self.prefix.get(toks[i])]
            .into_iter()
            .flatten()
        {
            for &id in list {
                let (words, payload) = &self.phrases[id as usize];
                if !words[0].matches(toks[i], false) {
                    continue;
                }
                let mut pos = i + 1;
                let mut ok = true;
                for w in &words[1..] {
                    let mut k = pos;
                    if w.loose {
                        while k < toks.len() && !w.matches(toks[k], false) && skippable(k) {
                            k += 1;
                        }
                    }
                    if k < toks.len() && w.matches(toks[k], false) {
                        pos = k + 1;
                    } else {
                        ok = false;
                        break;
                    }
                }
                if ok && best.is_none_or(|(l, _)| pos - i > l) {
                    best = Some((pos - i, *payload));
                }
            }
        }
        best
    }

    /// Every phrase's words and payload (for tests and statistics).
    pub fn phrases(&self) -> impl Iterator<Item = (&[Word], u32)> {
        self.phrases.iter().map(|(w, p)| (w.as_slice(), *p))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ws: &[Word]) -> Vec<&str> {
        ws.iter().map(|w| &*w.text).collect()
    }

    #[test]
    fn phrases_split_like_the_tokenizer() {
        let p = split_phrase("barad-dur_fortress");
        assert_eq!(texts(&p), ["BARAD", "-", "DUR", "FORTRESS"]);
        assert!(!p[3].exact);
        let p = split_phrase("KOFI_ANNAN_");
        assert!(p[1].regular && !p[1].exact);
        assert!(p[1].matches("ANNAN", true) && p[1].matches("ANNANS", true));
        assert!(!p[1].matches("ANNANX", true));
        assert!(split_phrase("MOUSE=")[0].exact);
        let d = split_phrase("DEPLORE_");
        assert!(d[0].matches("DEPLORING", true) && d[0].matches("DEPLORED", true));
        assert!(!d[0].matches("DEPLOREZ", true));
        assert_eq!(texts(&split_phrase("DIDN'T")), ["DID", "N'T"]);
        assert_eq!(
            texts(&split_phrase("JOURNALISTS'_UNION")),
            ["JOURNALISTS", "'", "UNION"]
        );
    }

    #[test]
    fn plurals_and_verb_forms() {
        assert_eq!(plural("MINISTRY"), "MINISTRIES");
        assert_eq!(plural("CHAIRMAN"), "CHAIRMEN");
        assert_eq!(plural("BOSS"), "BOSSES");
        assert_eq!(plural("DAY"), "DAYS");
        assert_eq!(
            verb_forms("ABANDON"),
            ["ABANDONS", "ABANDONED", "ABANDONING"]
        );
        assert_eq!(verb_forms("ARRIVE"), ["ARRIVES", "ARRIVED", "ARRIVING"]);
        assert_eq!(verb_forms("RATIFY"), ["RATIFIES", "RATIFIED", "RATIFYING"]);
        assert_eq!(verb_forms("DELAY"), ["DELAYS", "DELAYED", "DELAYING"]);
    }

    #[test]
    fn tabari_spaces_allow_gaps() {
        let mut ix = PhraseIndex::default();
        ix.insert(split_phrase("PRINCE KARVO_LAND"), 7);
        ix.finish();
        let toks = ["PRINCE", "OF", "KARVO", "LAND", "SPOKE"];
        assert_eq!(ix.longest_at(&toks, 0, true), Some((4, 7)));
        assert_eq!(ix.longest_at(&toks, 0, false), None);
        let toks = ["PRINCE", "OF", "KARVO", "NEW", "LAND"];
        assert_eq!(
            ix.longest_at(&toks, 0, true),
            None,
            "`_` joins adjacent words"
        );
    }

    #[test]
    fn longest_match_and_stems() {
        let mut ix = PhraseIndex::default();
        ix.insert(split_phrase("NORTH"), 0);
        ix.insert(split_phrase("NORTH_KOREA"), 1);
        ix.insert(split_phrase("ARGENTIN"), 2);
        ix.insert(split_phrase("UN_"), 3);
        ix.finish();
        let toks = ["NORTH", "KOREA", "ARGENTINA", "UNITED"];
        assert_eq!(ix.longest_at(&toks, 0, false), Some((2, 1)));
        assert_eq!(ix.longest_at(&toks, 2, false), None);
        assert_eq!(ix.longest_at(&toks, 2, true), Some((1, 2)));
        // `UN_` is exact even with stems on.
        assert_eq!(ix.longest_at(&toks, 3, true), None);
    }
}
