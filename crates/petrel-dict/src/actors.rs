//! Actor and agent dictionaries (PETRARCH-1/2 and TABARI formats).
//!
//! Actors: a root phrase line, optional `+synonym` lines, and code blocks `[CODE]`,
//! `[CODE yymmdd-yymmdd]`, `[CODE <yymmdd]`, `[CODE >yymmdd]` on the root line or on
//! following indented lines. Codes are resolved against the article date: the first
//! restricted code whose range holds the date wins, else the unrestricted code.
//! Agents: `PHRASE {PLURALS} [~CODE]` (suffix) or `[CODE~]` (prefix), with `!NAME! = A, B`
//! substitution sets.

use crate::words::{plural, split_phrase, PhraseIndex};
use crate::LoadError;
use rustc_hash::FxHashMap;

/// When a code applies. Dates are `yyyymmdd` integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRange {
    Always,
    Before(u32),
    From(u32),
    Between(u32, u32),
}

impl DateRange {
    pub fn holds(&self, date: u32) -> bool {
        match *self {
            DateRange::Always => true,
            DateRange::Before(d) => date < d,
            DateRange::From(d) => date >= d,
            DateRange::Between(a, b) => a <= date && date <= b,
        }
    }
}

/// An actor code with the dates it is valid for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    pub code: Box<str>,
    pub range: DateRange,
}

/// One actor: its name (the root phrase) and codes.
#[derive(Debug, Clone, Default)]
pub struct ActorEntry {
    pub name: Box<str>,
    pub codes: Vec<DatedCode>,
}

impl ActorEntry {
    /// The code for an article dated `date` (`yyyymmdd`), or the unrestricted code when
    /// the date is unknown.
    pub fn code_on(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            if let Some(c) = self
                .codes
                .iter()
                .find(|c| c.range != DateRange::Always && c.range.holds(d))
            {
                return Some(&c.code);
            }
        }
        self.codes
            .iter()
            .find(|c| c.range == DateRange::Always)
            .map(|c| &*c.code)
    }
}

/// Where an agent's code goes relative to the actor's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AgentPlace {
    /// `[~GOV]`: after the country code (`GON` + `GOV`).
    Suffix,
    /// `[NGO~]`: before it.
    Prefix,
}

#[derive(Debug, Clone)]
pub struct AgentEntry {
    pub name: Box<str>,
    pub code: Box<str>,
    pub place: AgentPlace,
}

/// Parses a 6- or 8-digit date; two-digit years below 30 are 20xx.
pub fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u32 = s.parse().ok()?;
    match s.len() {
        8 => Some(v),
        6 => {
            let yy = v / 10000;
            let century = if yy < 30 { 2000 } else { 1900 };
            Some((century + yy) * 10000 + v % 10000)
        }
        _ => None,
    }
}

/// Parses the inside of a code block: `CODE`, `CODE <d`, `CODE >d`, `CODE d1-d2`.
pub fn parse_code_block(s: &str) -> Result<DatedCode, String> {
    let s = s.trim();
    let (code, rest) = match s.find(|c: char| c.is_whitespace() || c == '<' || c == '>') {
        Some(k) => (s[..k].trim(), s[k..].trim()),
        None => (s, ""),
    };
    if code.is_empty() || code.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!("code block `[{s}]` has no code"));
    }
    let range = if rest.is_empty() {
        DateRange::Always
    } else if let Some(d) = rest.strip_prefix('<') {
        DateRange::Before(parse_date(d).ok_or_else(|| format!("bad date `{d}` in `[{s}]`"))?)
    } else if let Some(d) = rest.strip_prefix('>') {
        DateRange::From(parse_date(d).ok_or_else(|| format!("bad date `{d}` in `[{s}]`"))?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let a = parse_date(a).ok_or_else(|| format!("bad date `{a}` in `[{s}]`"))?;
        let b = parse_date(b).ok_or_else(|| format!("bad date `{b}` in `[{s}]`"))?;
        DateRange::Between(a, b)
    } else {
        return Err(format!("bad date restriction `{rest}` in `[{s}]`"));
    };
    Ok(DatedCode {
        code: code.to_uppercase().into(),
        range,
    })
}

/// Strips comments: `<!-- -->` (possibly spanning lines, tracked by `in_xml`), `#` and, for
/// TABARI files, `;`.
pub(crate) fn strip_comment<'a>(line: &'a str, in_xml: &mut bool, semicolon: bool) -> String {
    let mut out = String::new();
    let mut rest: &'a str = line;
    loop {
        if *in_xml {
            match rest.find("-->") {
                Some(k) => {
                    *in_xml = false;
                    rest = &rest[k + 3..];
                }
                None => return out,
            }
        }
        // `<!` starts an XML comment even when malformed (`<! --`).
        match rest.find("<!") {
            Some(k) => {
                out.push_str(&rest[..k]);
                *in_xml = true;
                rest = &rest[k + 2..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    // `#` (and `;`) start a comment unless inside a code block (`[###]`).
    let mut depth = 0i32;
    let mut cut = out.len();
    for (k, c) in out.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            '#' if depth <= 0 => {
                cut = k;
                break;
            }
            ';' if semicolon && depth <= 0 => {
                cut = k;
                break;
            }
            _ => {}
        }
    }
    out.truncate(cut);
    out
}

/// Splits `text` into the part before the first `[` and the code blocks.
fn split_codes(text: &str) -> (&str, Vec<&str>, bool) {
    let mut blocks = Vec::new();
    let head_end = text.find('[').unwrap_or(text.len());
    let mut rest = &text[head_end..];
    let mut ok = true;
    while let Some(k) = rest.find('[') {
        match rest[k..].find(']') {
            Some(e) => {
                blocks.push(&rest[k + 1..k + e]);
                rest = &rest[k + e + 1..];
            }
            None => {
                ok = false;
                break;
            }
        }
    }
    (&text[..head_end], blocks, ok)
}

/// The actors of all loaded actor files.
#[derive(Debug, Default, Clone)]
pub struct Actors {
    pub entries: Vec<ActorEntry>,
    pub index: PhraseIndex,
    /// TABARI `<NOUN>` and `<ADJECTIVE>` words: never verbs.
    pub nouns: Vec<Box<str>>,
}

impl Actors {
    /// Reads one actor file (PETRARCH or TABARI format, `semicolon` comments for TABARI).
    pub fn read(&mut self, file: &str, text: &str, semicolon: bool, errors: &mut Vec<LoadError>) {
        let mut in_xml = false;
        let mut in_nouns = false;
        // The phrases of the entry being read and whether it has codes yet.
        let mut pending: Vec<String> = Vec::new();
        let mut cur: Option<usize> = None;
        for (ln, raw) in text.lines().enumerate() {
            let line = strip_comment(raw, &mut in_xml, semicolon);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            let upper = t.to_uppercase();
            if upper.starts_with("<NOUN") || upper.starts_with("<ADJECTIVE") {
                in_nouns = true;
                continue;
            }
            if upper.starts_with("</NOUN") || upper.starts_with("</ADJECTIVE") {
                in_nouns = false;
                continue;
            }
            if in_nouns {
                self.nouns.push(upper.trim_end_matches('_').into());
                continue;
            }
            let (head, blocks, ok) = split_codes(t);
            if !ok {
                errors.push(LoadError::new(file, ln + 1, "unclosed `[` in actor line"));
                continue;
            }
            let head = head.trim();
            if let Some(syn) = head.strip_prefix('+') {
                let Some(idx) = cur else {
                    errors.push(LoadError::new(file, ln + 1, "synonym `+` before any actor"));
                    continue;
                };
                self.add_phrase(syn, idx);
                pending.push(syn.to_string());
            } else if !head.is_empty() {
                // A new root phrase. A previous root with no codes yet shares this entry's
                // codes (the Phoenix files list several roots before one code block).
                let reuse = cur.filter(|&i| self.entries[i].codes.is_empty());
                let idx = match reuse {
                    Some(i) => i,
                    None => {
                        self.entries.push(ActorEntry {
                            name: head.replace('_', " ").trim().into(),
                            codes: Vec::new(),
                        });
                        pending.clear();
                        self.entries.len() - 1
                    }
                };
                self.add_phrase(head, idx);
                pending.push(head.to_string());
                cur = Some(idx);
            }
            if !blocks.is_empty() {
                let Some(idx) = cur else {
                    errors.push(LoadError::new(file, ln + 1, "code block before any actor"));
                    continue;
                };
                for b in blocks {
                    match parse_code_block(b) {
                        Ok(c) => self.entries[idx].codes.push(c),
                        Err(e) => errors.push(LoadError::new(file, ln + 1, e)),
                    }
                }
            }
        }
        if in_xml {
            errors.push(LoadError::new(
                file,
                text.lines().count(),
                "unclosed `<!--` comment",
            ));
        }
    }

    fn add_phrase(&mut self, phrase: &str, idx: usize) {
        let words = split_phrase(phrase);
        self.index.insert(words, idx as u32);
    }
}

/// The agents of all loaded agent files.
#[derive(Debug, Default, Clone)]
pub struct Agents {
    pub entries: Vec<AgentEntry>,
    pub index: PhraseIndex,
}

impl Agents {
    /// Reads one agent file. `plurals`: generate regular plurals for entries without
    /// `{…}` (PETRARCH); TABARI relies on stem matching instead.
    pub fn read(
        &mut self,
        file: &str,
        text: &str,
        semicolon: bool,
        plurals: bool,
        errors: &mut Vec<LoadError>,
    ) {
        let mut subs: FxHashMap<String, Vec<String>> = FxHashMap::default();
        let mut in_xml = false;
        for (ln, raw) in text.lines().enumerate() {
            let line = strip_comment(raw, &mut in_xml, semicolon);
            let t = line.trim();
            if t.is_empty() {
                continue;
            }
            if t.starts_with('!') {
                if let Some((name, vals)) = t.split_once('=') {
                    let vals = vals
                        .split(',')
                        .map(|v| v.trim().to_uppercase())
                        .filter(|v| !v.is_empty())
                        .collect();
                    subs.insert(name.trim().to_uppercase(), vals);
                    continue;
                }
            }
            let (head, blocks, ok) = split_codes(t);
            if !ok || blocks.len() != 1 {
                errors.push(LoadError::new(
                    file,
                    ln + 1,
                    "agent line needs one `[code]`",
                ));
                continue;
            }
            let code = blocks[0].trim().to_uppercase();
            let (code, place) = if let Some(c) = code.strip_prefix('~') {
                (c.trim().to_string(), AgentPlace::Suffix)
            } else if let Some(c) = code.strip_suffix('~') {
                (c.trim().to_string(), AgentPlace::Prefix)
            } else {
                errors.push(LoadError::new(
                    file,
                    ln + 1,
                    format!("agent code `[{code}]` lacks `~`"),
                ));
                continue;
            };
            let (phrase, forms) = match head.find('{') {
                Some(k) => {
                    let end = head[k..].find('}').map(|e| k + e).unwrap_or(head.len());
                    (
                        head[..k].trim(),
                        Some(head[k + 1..end].split_whitespace().collect::<Vec<_>>()),
                    )
                }
                None => (head.trim(), None),
            };
            if phrase.is_empty() {
                errors.push(LoadError::new(file, ln + 1, "agent line without a phrase"));
                continue;
            }
            let idx = self.entries.len() as u32;
            self.entries.push(AgentEntry {
                name: phrase.replace('_', " ").into(),
                code: code.into(),
                place,
            });
            let mut phrases: Vec<String> = vec![phrase.to_uppercase()];
            match forms {
                Some(f) => phrases.extend(f.iter().map(|s| s.to_uppercase())),
                None if plurals => {
                    let p = phrase.to_uppercase();
                    let stem = p.trim_end_matches('_');
                    if !stem.is_empty() && !stem.ends_with('!') {
                        let cut = stem.rfind(['_', ' ', '!']).map(|k| k + 1).unwrap_or(0);
                        let tail = if p.ends_with('_') { "_" } else { "" };
                        phrases.push(format!("{}{}{tail}", &stem[..cut], plural(&stem[cut..])));
                    }
                }
                None => {}
            }
            for p in phrases {
                for expanded in expand_subs(&p, &subs) {
                    self.index.insert(split_phrase(&expanded), idx);
                }
            }
        }
    }
}

/// Expands `!NAME!` markers into each of their alternatives.
fn expand_subs(p: &str, subs: &FxHashMap<String, Vec<String>>) -> Vec<String> {
    let Some(a) = p.find('!') else {
        return vec![p.to_string()];
    };
    let Some(b) = p[a + 1..].find('!').map(|k| a + 1 + k) else {
        return vec![p.to_string()];
    };
    let name = &p[a..=b];
    let Some(alts) = subs.get(name) else {
        return vec![p.replace(name, "")];
    };
    let mut out = Vec::new();
    for alt in alts {
        let q = format!("{}{}{}", &p[..a], alt, &p[b + 1..]);
        out.extend(expand_subs(&q, subs));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "\
<!-- test actors -->
VALDORIA [VAL]
+VALDORIAN
MARLEN_KOSS  # a politician
+PRESIDENT_KOSS
\t[VALOPP <050301]
\t[VALGOV 20050301-20091231]
\t[VALELI >100101]
OSTRAVIA_ [OST] [OSTGOV 20010101-20011231]
BROKEN [VAL
";

    #[test]
    fn actors_with_date_restrictions() {
        let mut a = Actors::default();
        let mut errs = Vec::new();
        a.read("t.actors", ACTORS, false, &mut errs);
        a.index.finish();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 10);
        let koss = a
            .entries
            .iter()
            .find(|e| &*e.name == "MARLEN KOSS")
            .unwrap();
        assert_eq!(koss.code_on(Some(20040101)), Some("VALOPP"));
        assert_eq!(koss.code_on(Some(20050301)), Some("VALGOV"));
        assert_eq!(koss.code_on(Some(20091231)), Some("VALGOV"));
        // A gap between the ranges and no default: no code.
        assert_eq!(koss.code_on(Some(20095000)), None);
        assert_eq!(koss.code_on(Some(20100101)), Some("VALELI"));
        let ost = a.entries.iter().find(|e| &*e.name == "OSTRAVIA").unwrap();
        assert_eq!(ost.code_on(Some(20010605)), Some("OSTGOV"));
        assert_eq!(ost.code_on(Some(20020605)), Some("OST"));
        assert_eq!(ost.code_on(None), Some("OST"));
        let toks = ["PRESIDENT", "KOSS"];
        let (n, idx) = a.index.longest_at(&toks, 0, false).unwrap();
        assert_eq!((n, &*a.entries[idx as usize].name), (2, "MARLEN KOSS"));
    }

    #[test]
    fn code_blocks_and_dates() {
        assert_eq!(parse_date("991231"), Some(19991231));
        assert_eq!(parse_date("050101"), Some(20050101));
        assert_eq!(parse_date("2004017"), None);
        assert!(parse_code_block("950601-990815").is_err());
        let c = parse_code_block("HOBGOV 19950601 - 19990815").unwrap();
        assert_eq!(c.range, DateRange::Between(19950601, 19990815));
    }

    #[test]
    fn agents_with_plurals_and_substitutions() {
        let text = "!WORKER! = MAN, WOMAN\n\
                    FOREIGN_MINISTRY [~GOV]\n\
                    DOCK!WORKER! [~LAB]\n\
                    RELIEF_AGENCY {} [NGO~]\n\
                    BAD_LINE [GOV]\n";
        let mut a = Agents::default();
        let mut errs = Vec::new();
        a.read("t.agents", text, false, true, &mut errs);
        a.index.finish();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 5);
        let find = |toks: &[&str]| {
            a.index
                .longest_at(toks, 0, false)
                .map(|(_, i)| &*a.entries[i as usize].code)
        };
        assert_eq!(find(&["FOREIGN", "MINISTRIES"]), Some("GOV"));
        assert_eq!(find(&["DOCKWOMAN"]), Some("LAB"));
        assert_eq!(find(&["RELIEF", "AGENCIES"]), None);
        assert_eq!(a.entries[2].place, AgentPlace::Prefix);
    }
}
