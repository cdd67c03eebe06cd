//! Quotes: direct quotes (straight or curly marks, over several sentences, partial quotes)
//! and reported speech ("X said that …", "according to X"), each with its cue word and its
//! speaker, linked to an actor when the actors component has run. Works on tokens with
//! surface patterns; a misspelt cue right after a quote ("…," Dzhamgyrchiyev saod.) is
//! accepted at one edit from a known cue.

pub mod eval;

use petrel_doc::{Component, ComponentError, Document, MentionKind, Quote, Span};
use rustc_hash::{FxHashMap, FxHashSet};

const CUES: &str = include_str!("../data/cues.txt");
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
/// Words that end a speaker phrase when walking back from a cue.
const STOP_BACK: &[&str] = &[
    ",", ";", ":", "that", "and", "but", "because", "while", "when", "as", "if", "-", "--", "(",
    ")", "\"", "``", "''", "which", "who", "where",
];

/// Words trimmed from the end of a speaker phrase.
const SPEAKER_TRAIL: &[&str] = &[
    "also",
    "have",
    "has",
    "had",
    "previously",
    "later",
    "again",
    "then",
    "still",
    "recently",
    "repeatedly",
    "will",
    "would",
    "might",
    "could",
    "can",
    "did",
    "does",
    "do",
    "not",
    "n't",
    "never",
    "often",
    "once",
    "already",
    "now",
    "just",
    "publicly",
    "privately",
    "reportedly",
    "earlier",
    "last",
    "this",
    "week",
    "month",
    "year",
    "yesterday",
    "today",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "first",
    "further",
    "however",
    "too",
    "only",
    "even",
    "flatly",
    "initially",
    "originally",
    "subsequently",
];

/// Fills `doc.quotes`.
pub struct QuotesComponent {
    /// Cue form → whether it takes an addressee ("told reporters that").
    cues: FxHashMap<&'static str, bool>,
    /// Cue forms that are often nouns ("state", "report").
    ambiguous: FxHashSet<&'static str>,
    /// Cues of four letters or more, for the misspelling check.
    fuzzy: Vec<&'static str>,
}

impl Default for QuotesComponent {
    fn default() -> Self {
        let mut cues = FxHashMap::default();
        let mut ambiguous = FxHashSet::default();
        for l in CUES.lines().map(str::trim) {
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let l = match l.strip_suffix('?') {
                Some(w) => {
                    ambiguous.insert(w);
                    w
                }
                None => l,
            };
            match l.strip_suffix('*') {
                Some(w) => cues.insert(w, true),
                None => cues.insert(l, false),
            };
        }
        let fuzzy = [
            "said",
            "says",
            "told",
            "added",
            "stated",
            "noted",
            "explained",
        ]
        .to_vec();
        QuotesComponent {
            cues,
            ambiguous,
            fuzzy,
        }
    }
}

fn is_quote(f: &str) -> bool {
    matches!(f, "\"" | "``" | "''" | "\u{201c}" | "\u{201d}")
}

fn is_punct(f: &str) -> bool {
    f.chars().all(|c| c.is_ascii_punctuation())
}

/// Damerau–Levenshtein distance of at most one (a typo), for short ASCII words.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a == b {
        return true;
    }
    match a.len() as isize - b.len() as isize {
        0 => {
            let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            diff.len() == 1
                || (diff.len() == 2
                    && diff[1] == diff[0] + 1
                    && a[diff[0]] == b[diff[1]]
                    && a[diff[1]] == b[diff[0]])
        }
        1 | -1 => {
            let (l, s) = if a.len() > b.len() { (a, b) } else { (b, a) };
            let i = (0..s.len()).find(|&i| l[i] != s[i]).unwrap_or(s.len());
            l[i + 1..] == s[i..]
        }
        _ => false,
    }
}

struct Found {
    kind: &'static str,
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    sentence: usize,
}

impl Found {
    fn content_overlaps(&self, r: (usize, usize)) -> bool {
        r.0 < self.content.1 && self.content.0 < r.1
    }
}

/// The token span of the subtree headed by `top` within its sentence, without trailing
/// commas, dashes or sentence-final punctuation.
fn subtree(doc: &Document, top: usize) -> (usize, usize) {
    let sent = doc.sentences[doc.sentence_of(top)].token_range();
    let (mut lo, mut hi) = (top, top + 1);
    for t in sent {
        let mut h = t;
        for _ in 0..64 {
            if h == top {
                lo = lo.min(t);
                hi = hi.max(t + 1);
                break;
            }
            let next = doc.tokens.head[h];
            if next == petrel_doc::NO_HEAD {
                break;
            }
            h = next as usize;
        }
    }
    while hi > lo + 1 && matches!(doc.form(hi - 1), "," | "-" | "--" | "." | "!" | "?" | ";") {
        hi -= 1;
    }
    (lo, hi)
}

/// The first dependent of `head` whose relation starts with `rel`.
fn child(doc: &Document, head: usize, rel: &str) -> Option<usize> {
    let sent = doc.sentences[doc.sentence_of(head)].token_range();
    sent.into_iter().find(|&t| {
        doc.tokens.head[t] as usize == head
            && doc.strings.resolve(doc.tokens.deprel[t]).starts_with(rel)
    })
}

/// The token span of the subject (`nsubj`, `nsubj:pass`) of token `verb`, from the parse.
fn parse_subject(doc: &Document, verb: usize) -> Option<(usize, usize)> {
    let (lo, hi) = subtree(doc, child(doc, verb, "nsubj")?);
    (hi <= verb || lo > verb).then_some((lo, hi))
}

impl QuotesComponent {
    fn cue_at(&self, doc: &Document, i: usize) -> Option<bool> {
        let raw = doc.form(i);
        // Capitalised cue words inside a sentence are names ("United States").
        if raw.chars().next().is_some_and(char::is_uppercase)
            && raw.chars().any(char::is_lowercase)
            && doc.sentences[doc.sentence_of(i)].tokens.start as usize != i
        {
            return None;
        }
        let f = raw.to_lowercase();
        let addressee = self.cues.get(f.as_str()).copied()?;
        if self.ambiguous.contains(f.as_str()) {
            let verb = doc.tokens.is_tagged() && doc.strings.resolve(doc.tokens.upos[i]) == "VERB";
            let next = doc.tokens.form.get(i + 1).map(|&s| doc.strings.resolve(s));
            let marked = next.is_some_and(|n| matches!(n, "that" | ":" | ","));
            if !verb && !marked {
                return None;
            }
        }
        Some(addressee)
    }

    fn fuzzy_cue(&self, doc: &Document, i: usize) -> bool {
        let f = doc.form(i).to_lowercase();
        f.len() >= 4
            && f.bytes().all(|b| b.is_ascii_lowercase())
            && self.fuzzy.iter().any(|c| one_edit(c, &f))
    }

    /// Speaker phrase ending right before token `end` (exclusive), walking back over
    /// parentheses ("Rep. Jane Doe (D-Ohio)") and past an appositive or adjunct set off by
    /// commas ("Phil Smith, a spokesman for the union, said" gives "Phil Smith").
    fn speaker_before(&self, doc: &Document, lo: usize, end: usize) -> Option<(usize, usize)> {
        let mut end = end;
        if end > lo && doc.form(end - 1) == "," {
            let prev = (lo..end - 1).rev().take(20).find(|&k| doc.form(k) == ",");
            end = prev?;
        }
        let mut s = end;
        while s > lo {
            let f = doc.form(s - 1).to_lowercase();
            if f == ")" {
                // Skip a parenthesis group.
                let open = (lo..s - 1).rev().take(8).find(|&k| doc.form(k) == "(");
                match open {
                    Some(k) => {
                        s = k;
                        continue;
                    }
                    None => break,
                }
            }
            if STOP_BACK.contains(&f.as_str()) || (s != end && self.cue_at(doc, s - 1).is_some()) {
                break;
            }
            if end - s >= 20 {
                return None;
            }
            s -= 1;
        }
        // Auxiliaries, adverbs and times between the speaker and the cue are not the speaker
        // ("Police have said", "Trump this week also said").
        let mut e = end;
        while e > s + 1 {
            let f = doc.form(e - 1).to_lowercase();
            if SPEAKER_TRAIL.contains(&f.as_str()) {
                e -= 1;
            } else {
                break;
            }
        }
        (s < e).then_some((s, e))
    }

    /// Speaker phrase starting at `start`, up to a comma, period or the limit.
    fn speaker_after(&self, doc: &Document, start: usize, hi: usize) -> Option<(usize, usize)> {
        let mut e = start;
        while e < hi && e - start < 10 {
            let f = doc.form(e);
            if matches!(f, "," | "." | ";" | ":" | "!" | "?") || is_quote(f) {
                break;
            }
            e += 1;
        }
        (e > start).then_some((start, e))
    }

    /// An attribution after the last comma of a sentence: `…, X said (on Monday)` or
    /// `…, said X`; the content is what comes before the comma.
    fn final_attribution(
        &self,
        doc: &Document,
        lo: usize,
        end: usize,
        in_quote: &[bool],
        used: &FxHashSet<usize>,
        si: usize,
    ) -> Option<Found> {
        let k = (lo..end).rev().take(12).find(|&k| doc.form(k) == ",")?;
        if k < lo + 3 || (k..end).any(|i| in_quote[i]) {
            return None;
        }
        let c = (k + 1..end).find(|&i| self.cue_at(doc, i).is_some())?;
        if used.contains(&c) || (k + 1..c).any(|i| is_punct(doc.form(i)) && doc.form(i) != ".") {
            return None;
        }
        let speaker = if c > k + 1 {
            // Only a short adjunct may follow the cue ("on Monday", "in a statement").
            if end - (c + 1) > 4 {
                return None;
            }
            (k + 1, c)
        } else {
            let sp = self.speaker_after(doc, c + 1, end)?;
            if sp.1 - sp.0 > 10 {
                return None;
            }
            sp
        };
        Some(Found {
            kind: "indirect",
            content: (lo, k),
            cue: Some((c, c + 1)),
            speaker: Some(speaker),
            sentence: si,
        })
    }

    fn find(&self, doc: &Document) -> Vec<Found> {
        let n = doc.tokens.len();
        let mut out = Vec::new();
        let mut in_quote = vec![false; n];
        let mut used_cue = FxHashSet::default();
        // Direct quotes: pair quote marks in order; a quote left open at a paragraph break
        // closes there (news reopens the quote on the next paragraph).
        // Marks as token ranges: `''` may come as two `'` tokens.
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            let f = doc.form(i);
            if is_quote(f) {
                marks.push((i, i));
            } else if (f == "'" || f == "`")
                && i + 1 < n
                && doc.form(i + 1) == f
                && doc.tokens.end[i] == doc.tokens.start[i + 1]
            {
                marks.push((i, i + 1));
                i += 1;
            }
            i += 1;
        }
        // Pair an opening mark with the next closing one. Curly marks tell their direction;
        // straight ones open after a space or at a paragraph start. A quote still open at a
        // paragraph break closes there (news reopens it on the next paragraph).
        let opens = |m: (usize, usize)| -> bool {
            let st = doc.tokens.start[m.0] as usize;
            let c = doc.text[st..].chars().next().unwrap_or('"');
            match c {
                '\u{201c}' | '`' => true,
                '\u{201d}' => false,
                _ => doc.text[..st]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([{\u{2014}-".contains(p)),
            }
        };
        let mut pairs = Vec::new();
        let mut open: Option<(usize, usize)> = None;
        for &m in &marks {
            if let Some(a) = open {
                let gap = &doc.text[doc.tokens.end[a.1] as usize..doc.tokens.start[m.0] as usize];
                if let Some(p) = gap.find('\n') {
                    let br = doc.tokens.end[a.1] as usize + p;
                    let last = doc.tokens.start.partition_point(|&x| (x as usize) < br);
                    if last > a.1 + 1 {
                        pairs.push((a.0, a.1, last, last - 1));
                    }
                    open = None;
                }
            }
            let is_open = opens(m);
            match (open, is_open) {
                (None, true) => open = Some(m),
                (Some(_), true) => open = Some(m),
                (Some(a), false) => {
                    pairs.push((a.0, a.1, m.0, m.1));
                    open = None;
                }
                (None, false) => {}
            }
        }
        let mut last_speaker: Option<((usize, usize), usize)> = None;
        for (a, a_last, b_first, b) in pairs {
            if b_first <= a_last + 1 {
                continue;
            }
            for f in in_quote.iter_mut().take(b + 1).skip(a) {
                *f = true;
            }
            let sa = doc.sentence_of(a);
            let sb = doc.sentence_of(b);
            let words = (a_last + 1..b_first)
                .filter(|&i| !is_punct(doc.form(i)))
                .count();
            let mut cue = None;
            let mut speaker = None;
            // After the quote: `," X said` / `," said X` / `," he said`.
            let mut send = doc.sentences[sb].tokens.end as usize;
            // The attribution may sit in the next "sentence": after a closing mark that ends
            // one (`…?" Clinton said.`), or after a wrong split (`(D-Wis.) said Friday.`).
            if sb + 1 < doc.sentences.len() {
                let next = &doc.sentences[sb + 1];
                let first = doc.form(next.tokens.start as usize);
                let lower = first.chars().next().is_some_and(char::is_lowercase);
                let short = next.len() <= 8 && send == b + 1;
                let near = (next.tokens.start as usize) <= b + 10;
                if near && (lower || short) {
                    send = next.tokens.end as usize;
                }
            }
            let hi = (b + 12).min(send);
            let mut j = b + 1;
            while j < hi && doc.form(j) == "," {
                j += 1;
            }
            let mut depth = 0i32;
            for c in j..hi.min(j + 14) {
                let f = doc.form(c);
                match f {
                    "(" => depth += 1,
                    ")" => depth -= 1,
                    _ => {}
                }
                if depth <= 0 && (matches!(f, "." | "!" | "?" | ";") || is_quote(f)) {
                    break;
                }
                let hit = self.cue_at(doc, c).is_some() || (c > j && self.fuzzy_cue(doc, c));
                if hit {
                    cue = Some((c, c + 1));
                    speaker = if c > j {
                        Some((j, c))
                    } else {
                        self.speaker_after(doc, c + 1, hi)
                    };
                    break;
                }
            }
            // Before the quote: `X said: "` / `X said, "`.
            if cue.is_none() && a > 0 {
                let lo = doc.sentences[sa].tokens.start as usize;
                let mut c = a;
                while c > lo && matches!(doc.form(c - 1), ":" | ",") {
                    c -= 1;
                }
                // `X said: "`, or with an addressee: `X told parliament: "`.
                if c > lo && c < a {
                    let found = (c.saturating_sub(4).max(lo)..c)
                        .rev()
                        .find(|&k| self.cue_at(doc, k).is_some());
                    if let Some(k) = found {
                        cue = Some((k, k + 1));
                        speaker = self.speaker_before(doc, lo, k);
                    }
                }
            }
            // A short quoted phrase inside a sentence is a partial quote; it joins the
            // reported speech of its sentence (found below), unless it has its own cue.
            if cue.is_none() && words < 6 {
                continue;
            }
            if cue.is_none() {
                // `"A," said X. "B."`: B continues the quote A (one quote, interrupted).
                if let Some(&mut Found {
                    kind: "direct",
                    ref mut content,
                    cue: Some(_),
                    ..
                }) = out.last_mut()
                {
                    let gap = &doc.text
                        [doc.tokens.end[content.1 - 1] as usize..doc.tokens.start[a] as usize];
                    if content.1 <= a && a - content.1 <= 14 && !gap.contains('\n') {
                        content.1 = b + 1;
                        continue;
                    }
                }
                if let Some((sp, s0)) = last_speaker {
                    if sa <= s0 + 2 {
                        speaker = Some(sp);
                    }
                }
            }
            if let Some(c) = cue {
                used_cue.insert(c.0);
            }
            if let Some(sp) = speaker {
                last_speaker = Some((sp, sb));
            }
            out.push(Found {
                kind: "direct",
                content: (a, b + 1),
                cue,
                speaker,
                sentence: sa,
            });
        }
        // Reported speech.
        for (si, sent) in doc.sentences.iter().enumerate() {
            let r = sent.token_range();
            let mut end = r.end;
            while end > r.start && matches!(doc.form(end - 1), "." | "!" | "?") {
                end -= 1;
            }
            // `…, the ministry said.` / `…, said Ms. Doe.` closing the sentence.
            if let Some(f) = self.final_attribution(doc, r.start, end, &in_quote, &used_cue, si) {
                out.push(f);
                continue;
            }
            for c in r.clone() {
                if in_quote[c] || used_cue.contains(&c) {
                    continue;
                }
                let f = doc.form(c).to_lowercase();
                // "according to X"
                if f == "according" && c + 1 < r.end && doc.form(c + 1).eq_ignore_ascii_case("to") {
                    let Some(sp) = self.speaker_after(doc, c + 2, end) else {
                        continue;
                    };
                    let content = if c == r.start
                        || (c > r.start && doc.form(c - 1) == "," && c - 1 > r.start + 2)
                    {
                        if c == r.start {
                            let mut s = sp.1;
                            while s < end && doc.form(s) == "," {
                                s += 1;
                            }
                            (s, end)
                        } else {
                            (r.start, c - 1)
                        }
                    } else {
                        continue;
                    };
                    if content.1 > content.0 + 2 {
                        out.push(Found {
                            kind: "indirect",
                            content,
                            cue: Some((c, c + 2)),
                            speaker: Some(sp),
                            sentence: si,
                        });
                    }
                    continue;
                }
                let Some(addressee) = self.cue_at(doc, c) else {
                    continue;
                };
                // Inverted: `…, X said.` or `…, said X.` at the end of the sentence.
                let comma = (r.start..c).rev().take(10).find(|&k| doc.form(k) == ",");
                if let Some(k) = comma {
                    let between_plain =
                        (k + 1..c).all(|i| !is_punct(doc.form(i)) && self.cue_at(doc, i).is_none());
                    let tail = self.speaker_after(doc, c + 1, end);
                    // `…, X said.` (nothing or a short adjunct after the cue) or `…, said X.`
                    let speaker = if k + 1 < c {
                        (end <= c + 4).then_some((k + 1, c))
                    } else {
                        tail.filter(|t| t.1 - t.0 <= 8 && (t.1 >= end || doc.form(t.1) == ","))
                    };
                    if between_plain && k > r.start + 2 && speaker.is_some() {
                        out.push(Found {
                            kind: "indirect",
                            content: (r.start, k),
                            cue: Some((c, c + 1)),
                            speaker,
                            sentence: si,
                        });
                        continue;
                    }
                }
                // `X said (that) …` / `X told reporters (that) …`
                let speaker = self.speaker_before(doc, r.start, c);
                let mut s = c + 1;
                // `told reporters that …`, `said Friday that …`, `said in a letter that …`.
                let that = (s..end.min(s + 7))
                    .take_while(|&k| !matches!(doc.form(k), "," | ";" | ":") && !in_quote[k])
                    .find(|&k| doc.form(k).eq_ignore_ascii_case("that"));
                if let Some(k) = that {
                    s = k;
                } else if addressee {
                    s = (s + 1).min(end);
                }
                while s < end && matches!(doc.form(s), "," | ":") {
                    s += 1;
                }
                // A following quote is the content of a direct quote already taken.
                if s < end && in_quote[s] {
                    continue;
                }
                // Partial quotes stay inside the reported content; a second reporting verb
                // joined by "and"/"but" ("… and said she would …") ends it.
                let e = (s + 1..end)
                    .find(|&k| {
                        matches!(doc.form(k), "and" | "but")
                            && k + 1 < end
                            && self.cue_at(doc, k + 1).is_some()
                    })
                    .map_or(end, |k| if doc.form(k - 1) == "," { k - 1 } else { k });
                if e > s + 2 {
                    out.push(Found {
                        kind: "indirect",
                        content: (s, e),
                        cue: Some((c, c + 1)),
                        speaker,
                        sentence: si,
                    });
                }
            }
        }
        // Headlines and transcripts: `Pat Doe: …`, `"WALLACE: …` at the start of a line.
        let line_start = |i: usize| {
            i == 0
                || doc.text[doc.tokens.end[i - 1] as usize..doc.tokens.start[i] as usize]
                    .contains('\n')
        };
        let mut colon_quotes = Vec::new();
        for i in 0..n {
            if !line_start(i) {
                continue;
            }
            let first = if is_quote(doc.form(i)) { i + 1 } else { i };
            let Some(colon) = (first..(first + 5).min(n)).find(|&k| doc.form(k) == ":") else {
                continue;
            };
            let names = (first..colon).all(|k| {
                let f = doc.form(k);
                f.chars().next().is_some_and(char::is_uppercase) && !is_punct(f)
            });
            if colon == first || !names {
                continue;
            }
            let mut end = colon + 1;
            while end < n && !line_start(end) {
                end += 1;
            }
            while end > colon + 1 && (is_quote(doc.form(end - 1)) || doc.form(end - 1) == ".") {
                end -= 1;
            }
            if end > colon + 3 {
                colon_quotes.push(Found {
                    kind: "direct",
                    content: (colon + 1, end),
                    cue: Some((colon, colon + 1)),
                    speaker: Some((first, colon)),
                    sentence: doc.sentence_of(colon),
                });
            }
        }
        if !colon_quotes.is_empty() {
            out.retain(|f| {
                f.cue.is_some()
                    || !colon_quotes
                        .iter()
                        .any(|c| c.content.0 < f.content.1 && f.content.0 < c.content.1)
            });
            out.extend(colon_quotes);
        }
        // A quoted passage without its own cue inside reported speech is part of that
        // speech, not a quote of its own.
        let indirect: Vec<(usize, usize)> = out
            .iter()
            .filter(|f| f.kind == "indirect")
            .map(|f| f.content)
            .collect();
        out.retain(|f| {
            f.kind != "direct"
                || f.cue.is_some()
                || !indirect
                    .iter()
                    .any(|&(a, b)| a <= f.content.0 && f.content.1 <= b && (a, b) != f.content)
        });
        // With a dependency parse, the speaker is the cue verb's subject phrase.
        if doc.tokens.is_parsed() {
            for f in &mut out {
                if let Some((c, _)) = f.cue {
                    if let Some(sp) = parse_subject(doc, c) {
                        if !f.content_overlaps(sp) {
                            f.speaker = Some(sp);
                        }
                    }
                }
            }
        }
        out.sort_by_key(|f| f.content.0);
        out
    }

    /// The actor a speaker phrase refers to: a mention inside it, or for a pronoun the
    /// nearest person mentioned before.
    fn actor_of(&self, doc: &Document, sp: (usize, usize)) -> Option<u32> {
        if doc.mentions.is_empty() {
            return None;
        }
        let (a, b) = (sp.0 as u32, sp.1 as u32);
        let inside = doc
            .mentions
            .iter()
            .filter(|m| m.tokens.0 < b && a < m.tokens.1 && m.actor.is_some())
            .max_by_key(|m| m.tokens.1 - m.tokens.0);
        if let Some(m) = inside {
            return m.actor;
        }
        let is_pronoun = b == a + 1 && PRONOUNS.contains(&doc.form(sp.0).to_lowercase().as_str());
        if is_pronoun {
            return doc
                .mentions
                .iter()
                .filter(|m| m.tokens.1 <= a && m.kind == MentionKind::Person && m.actor.is_some())
                .max_by_key(|m| m.tokens.1)
                .and_then(|m| m.actor);
        }
        None
    }
}

impl Component for QuotesComponent {
    fn name(&self) -> &'static str {
        "quotes"
    }

    fn process(&self, doc: &mut Document) -> Result<(), ComponentError> {
        if doc.tokens.is_empty() || doc.sentences.is_empty() {
            return Ok(());
        }
        let found = self.find(doc);
        let mut quotes = Vec::with_capacity(found.len());
        for f in found {
            let span = |r: (usize, usize)| doc.token_span(r.0, r.1);
            let content_span = span(f.content);
            let cue_span = f.cue.map(span);
            let speaker_span = f.speaker.map(span);
            quotes.push(Quote {
                kind: f.kind.to_string(),
                content: doc.span_text(content_span).to_string(),
                content_span,
                cue: cue_span.map(|s| doc.span_text(s).to_string()),
                cue_span,
                speaker: speaker_span.map(|s: Span| doc.span_text(s).to_string()),
                speaker_span,
                actor: f.speaker.and_then(|sp| self.actor_of(doc, sp)),
                sentence: f.sentence as u32,
            });
        }
        doc.quotes = quotes;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::one_edit;

    #[test]
    fn one_edit_accepts_typos_only() {
        assert!(one_edit("said", "saod"));
        assert!(one_edit("said", "siad"));
        assert!(one_edit("said", "sai"));
        assert!(!one_edit("said", "sand s"));
        assert!(!one_edit("said", "paid s"));
    }
}
