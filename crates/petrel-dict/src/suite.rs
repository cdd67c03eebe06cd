//! Validation suites: PETRARCH `<Sentence>` XML records (read with a tolerant tag scanner,
//! since the UD file is not well-formed XML) and TABARI `Validate.text` records; coding each
//! record with petrel's tokenizer (or the record's own parse) and scoring records exactly
//! right and triple precision/recall. The CLI's `eval petrarch-suite`/`tabari-suite` wrap
//! this.

use crate::{code_sentence_with, Coder, CoderOptions, DictFiles, Dictionaries, Flavor};
use petrel_doc::{Component, Document, Meta, Sentence};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub type Triple = (String, String, String);

/// One validation record.
pub struct Record {
    pub id: String,
    /// `yyyymmdd`.
    pub date: Option<String>,
    pub text: String,
    pub gold: BTreeSet<Triple>,
    /// Tokens and UPOS from the record's parse.
    pub parse: Option<(Vec<String>, Vec<String>)>,
    /// From a Treebank `<Parse>`: each token's head, the verb of the innermost verb
    /// phrase (`(VP (VB…`) holding it (`u32::MAX` outside any), so that PETRARCH-1's
    /// verb phrases reach the coder.
    pub parse_heads: Option<Vec<u32>>,
    pub opts: CoderOptions,
    /// TABARI `FORWARD`: records of one story share this key, and a pronoun with no actor
    /// before it stands for the previous record's first actor.
    pub story: Option<String>,
    /// Why the peer's own validation run does not count this record, if it does not
    /// (the record is still coded and scored in the "all records" figures).
    pub peer_skip: Option<&'static str>,
    /// The record's `<Parse>` has unbalanced brackets: PETRARCH-1 rejects it
    /// (`bad_input_parse`) and codes nothing.
    pub parse_unbalanced: bool,
}

// ---------------------------------------------------------------- tolerant XML scanning

fn strip_xml_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find("<!--") {
        out.push_str(&rest[..k]);
        match rest[k + 4..].find("-->") {
            Some(e) => rest = &rest[k + 4 + e + 3..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// Attributes of a start tag body (`name a="1" b='2'`).
fn attrs(tag: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let b = tag.as_bytes();
    let mut i = tag.find(char::is_whitespace).unwrap_or(tag.len());
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ks = i;
        while i < b.len() && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key = &tag[ks..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() || b[i] != b'=' {
            continue;
        }
        i += 1;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= b.len() {
            break;
        }
        let q = b[i];
        if q != b'"' && q != b'\'' {
            let vs = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((key.to_string(), tag[vs..i].to_string()));
            continue;
        }
        i += 1;
        let vs = i;
        while i < b.len() && b[i] != q {
            i += 1;
        }
        out.push((key.to_string(), unescape(&tag[vs..i.min(b.len())])));
        i += 1;
    }
    out
}

fn attr<'a>(a: &'a [(String, String)], k: &str) -> Option<&'a str> {
    a.iter()
        .find(|(key, _)| key.eq_ignore_ascii_case(k))
        .map(|(_, v)| v.as_str())
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text between `<name>` and `</name>` inside `s`, if present.
fn element<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let k = s.find(&open)?;
    let body = k + s[k..].find('>')? + 1;
    let close = format!("</{name}>");
    let e = s[body..].find(&close).map(|e| body + e).unwrap_or(s.len());
    Some(&s[body..e])
}

/// Every start tag `<name …>` in `s`, as the tag body.
fn tags<'a>(s: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name}");
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(k) = rest.find(&open) {
        let after = &rest[k + 1..];
        let next = after[name.len()..].chars().next();
        let Some(end) = after.find('>') else { break };
        if matches!(next, Some(c) if c.is_whitespace() || c == '/' || c == '>') {
            out.push(&after[..end]);
        }
        rest = &after[end..];
    }
    out
}

/// Verb-phrase heads from a Penn Treebank bracketing: a `VP` whose first child is a
/// `VB*` leaf belongs to that verb, and every other token inside it hangs on it (a verb of
/// a nested phrase too, so that one's words stay below it). Tokens outside such phrases
/// get `u32::MAX`. `None` for CoNLL-U or unbalanced input.
fn treebank_verb_heads(p: &str) -> Option<Vec<u32>> {
    if p.contains('\t') || p.matches('(').count() != p.matches(')').count() {
        return None;
    }
    // Per open node: is it a VP, has it seen a child, its verb token.
    let mut stack: Vec<(bool, bool, Option<u32>)> = Vec::new();
    let mut heads = Vec::new();
    let b = p.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'(' => {
                let rest = &p[i + 1..];
                let label_end = rest
                    .find(|c: char| c.is_whitespace() || c == '(' || c == ')')
                    .unwrap_or(rest.len());
                let label = &rest[..label_end];
                let after = rest[label_end..].trim_start();
                let leaf = !after.starts_with('(') && !after.starts_with(')');
                if let Some(top) = stack.last_mut() {
                    let first = !top.1;
                    top.1 = true;
                    if leaf && first && top.0 && label.starts_with("VB") {
                        top.2 = Some(heads.len() as u32);
                    }
                }
                if leaf {
                    let t = heads.len() as u32;
                    let head = stack
                        .iter()
                        .rev()
                        .filter_map(|n| n.2)
                        .find(|&v| v != t)
                        .unwrap_or(u32::MAX);
                    heads.push(head);
                    // Skip to the leaf's closing bracket.
                    match rest.find(')') {
                        Some(c) => i += c + 2,
                        None => return None,
                    }
                    continue;
                }
                stack.push((label.starts_with("VP"), false, None));
            }
            b')' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    Some(heads)
}

/// Tokens and UPOS from a CoNLL-U block or a Penn Treebank bracketing.
fn parse_tokens(p: &str) -> Option<(Vec<String>, Vec<String>)> {
    let mut forms = Vec::new();
    let mut tags = Vec::new();
    if p.contains('\t') {
        for line in p.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() >= 4 && cols[0].trim().parse::<u32>().is_ok() {
                forms.push(cols[1].to_string());
                tags.push(cols[3].to_string());
            }
        }
    } else {
        // Leaves `(TAG word)`.
        let b = p.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'(' {
                let rest = &p[i + 1..];
                if let Some(close) = rest.find(')') {
                    let inner = &rest[..close];
                    if !inner.contains('(') {
                        let mut it = inner.split_whitespace();
                        if let (Some(tag), Some(word)) = (it.next(), it.next()) {
                            let upos = match tag {
                                t if t.starts_with("VB") => "VERB",
                                "MD" => "AUX",
                                "NNP" | "NNPS" => "PROPN",
                                t if t.starts_with("NN") => "NOUN",
                                t if t.starts_with("JJ") => "ADJ",
                                t if t.starts_with("PRP") => "PRON",
                                "CD" => "NUM",
                                "DT" | "PDT" => "DET",
                                "IN" | "TO" => "ADP",
                                "CC" => "CCONJ",
                                t if t.starts_with("RB") => "ADV",
                                _ => "X",
                            };
                            forms.push(word.to_string());
                            tags.push(upos.to_string());
                        }
                    }
                }
            }
            i += 1;
        }
    }
    (!forms.is_empty()).then_some((forms, tags))
}

pub struct Suite {
    pub records: Vec<Record>,
    pub env: Vec<(String, String)>,
    pub skipped: usize,
}

pub fn read_petrarch(text: &str, all: bool) -> Suite {
    let text = strip_xml_comments(text);
    let env_body = element(&text, "Environment").unwrap_or("");
    let mut env = Vec::new();
    for name in [
        "Verbfile",
        "Actorfile",
        "Agentfile",
        "Discardfile",
        "Issuefile",
        "PICOfile",
        "Include",
    ] {
        if let Some(v) = element(env_body, name) {
            env.push((name.to_string(), v.trim().to_string()));
        }
    }
    let include: Vec<String> = env
        .iter()
        .find(|(k, _)| k == "Include")
        .map(|(_, v)| v.split_whitespace().map(str::to_uppercase).collect())
        .unwrap_or_default();
    // PETRARCH-1: `valid` among the categories evaluates only records marked valid (this
    // file marks them `sentence="true"`; the others are "not implemented" cases).
    let valid_only = include.iter().any(|c| c == "VALID");
    let mut opts = CoderOptions::default();
    for c in tags(env_body, "Config") {
        apply_config(&mut opts, &attrs(c));
    }
    // PETRARCH-1 files carry Penn Treebank parses; PETRARCH-2 (UD) files CoNLL-U.
    opts.petrarch1 = element(&text, "Parse").is_some_and(|p| !p.contains('\t'));
    if opts.petrarch1 && opts.comma.is_none() {
        opts.comma = Some(crate::coder::CommaLimits::petrarch1());
    }
    let mut records = Vec::new();
    let mut skipped = 0;
    let mut rest = &text[text.find("</Environment>").unwrap_or(0)..];
    loop {
        let k_sent = rest.find("<Sentence ");
        let k_conf = rest.find("<Config");
        match (k_sent, k_conf) {
            (None, None) => break,
            (_, Some(c)) if k_sent.is_none_or(|s| c < s) => {
                let end = rest[c..].find('>').map(|e| c + e).unwrap_or(rest.len());
                apply_config(&mut opts, &attrs(&rest[c + 1..end]));
                rest = &rest[end.min(rest.len())..];
            }
            (Some(s), _) => {
                let head_end = s + rest[s..].find('>').unwrap_or(rest.len() - s);
                let a = attrs(&rest[s + 1..head_end]);
                let end = rest[head_end..]
                    .find("</Sentence>")
                    .map(|e| head_end + e)
                    .unwrap_or(rest.len());
                let body = &rest[head_end..end];
                rest = &rest[end..];
                let category = attr(&a, "category").unwrap_or("").to_uppercase();
                let evaluate =
                    attr(&a, "evaluate").is_none_or(|v| !v.eq_ignore_ascii_case("false"));
                if !all && (!evaluate || (!include.is_empty() && !include.contains(&category))) {
                    skipped += 1;
                    continue;
                }
                let mut gold = BTreeSet::new();
                for t in tags(body, "EventCoding") {
                    let ea = attrs(t);
                    if let (Some(s), Some(c)) = (attr(&ea, "sourcecode"), attr(&ea, "eventcode")) {
                        let tg = attr(&ea, "targetcode").unwrap_or("---");
                        gold.insert((s.to_string(), tg.to_string(), c.to_string()));
                    }
                }
                let text = element(body, "Text").unwrap_or("");
                let marked_valid = attr(&a, "valid")
                    .or_else(|| attr(&a, "sentence"))
                    .is_none_or(|v| !v.eq_ignore_ascii_case("false"));
                // A record whose gold is a parse error tests the `<Parse>` input itself.
                let parse_error = tags(body, "EventCoding")
                    .iter()
                    .any(|t| attr(&attrs(t), "error") == Some("bad_input_parse"));
                let parse_text = element(body, "Parse");
                let peer_skip = if valid_only && !marked_valid {
                    Some("marked not valid (sentence=\"false\")")
                } else if parse_error {
                    Some("tests a malformed <Parse>")
                } else {
                    None
                };
                records.push(Record {
                    id: attr(&a, "id").unwrap_or("?").to_string(),
                    date: attr(&a, "date").map(str::to_string),
                    text: unescape(&text.split_whitespace().collect::<Vec<_>>().join(" ")),
                    gold,
                    parse: parse_text.and_then(parse_tokens),
                    parse_heads: parse_text.and_then(treebank_verb_heads),
                    opts: opts.clone(),
                    story: None,
                    peer_skip,
                    parse_unbalanced: parse_text
                        .is_some_and(|p| p.matches('(').count() != p.matches(')').count()),
                });
            }
            _ => break,
        }
    }
    Suite {
        records,
        env,
        skipped,
    }
}

fn apply_config(opts: &mut CoderOptions, a: &[(String, String)]) {
    if let (Some(o), Some(v)) = (attr(a, "option"), attr(a, "value")) {
        opts.apply_petrarch(o, v);
    }
}

// ---------------------------------------------------------------- TABARI records

/// Reads TABARI validation records; `base` holds the settings before the first `OPTION`
/// block (the dictionaries' `.options`), and each record carries the settings in force.
pub fn read_tabari(text: &str, base: &CoderOptions) -> (Vec<Record>, usize) {
    let mut opts = base.clone();
    let mut forward = false;
    let mut records = Vec::new();
    let mut skipped = 0;
    let lines: Vec<&str> = text.lines().collect();
    let is_header = |l: &str| {
        let b = l.as_bytes();
        b.len() > 7 && b[..6].iter().all(u8::is_ascii_digit) && b[6].is_ascii_whitespace()
    };
    let mut i = 0;
    while i < lines.len() {
        if !is_header(lines[i]) {
            i += 1;
            continue;
        }
        let head = lines[i];
        let date = &head[..6];
        let id = head[6..]
            .split_whitespace()
            .next()
            .unwrap_or("?")
            .to_string();
        i += 1;
        let mut body = String::new();
        let mut comment = String::new();
        while i < lines.len() && !is_header(lines[i]) {
            let line = lines[i];
            i += 1;
            if let Some(k) = line.find("/*") {
                // The comment (with the gold) may start mid-line.
                body.push_str(&line[..k]);
                comment.push_str(&line[k..]);
                comment.push('\n');
                while !comment.contains("*/") && i < lines.len() {
                    comment.push_str(lines[i]);
                    comment.push('\n');
                    i += 1;
                }
                break;
            }
            body.push_str(line);
            body.push(' ');
        }
        if body.contains("This is the end of the standard validation records") {
            break;
        }
        let mut gold = BTreeSet::new();
        let mut check = true;
        // A record's own OPTION blocks take effect from the next record.
        let record_opts = opts.clone();
        let record_forward = forward;
        let mut rest = comment.as_str();
        while let Some(k) = rest.find('{') {
            let disabled = rest[..k].ends_with('-');
            // (An option block may lack its closing brace; it then ends with the comment.)
            let e = rest[k..]
                .find('}')
                .or_else(|| rest[k..].find("*/"))
                .unwrap_or(rest.len() - k);
            let inner = rest[k + 1..k + e].trim();
            rest = &rest[(k + e + 1).min(rest.len())..];
            if let Some(opt) = inner.strip_prefix("OPTION:") {
                if !disabled {
                    if let Some((key, value)) = opt.split_once(':') {
                        if key.trim().eq_ignore_ascii_case("FORWARD") {
                            forward = !value.to_uppercase().contains("OFF");
                        } else {
                            opts.apply_tabari(key, value);
                        }
                    }
                }
                continue;
            }
            if disabled {
                continue;
            }
            if inner == "+++" {
                check = false;
                continue;
            }
            let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
            if parts.len() == 3 {
                gold.insert((parts[0].into(), parts[1].into(), parts[2].into()));
            }
        }
        if !check {
            skipped += 1;
            continue;
        }
        let yy: u32 = date[..2].parse().unwrap_or(0);
        let century = if yy < 30 { "20" } else { "19" };
        records.push(Record {
            date: Some(format!("{century}{date}")),
            text: body.split_whitespace().collect::<Vec<_>>().join(" "),
            gold,
            parse: None,
            parse_heads: None,
            opts: record_opts,
            story: record_forward.then(|| match id.rfind('-') {
                Some(k) => id[..k].to_string(),
                None => id.clone(),
            }),
            id,
            peer_skip: None,
            parse_unbalanced: false,
        });
    }
    (records, skipped)
}

// ---------------------------------------------------------------- coding and scoring

/// How records are turned into analysed documents: petrel's tokenizer lexicon and an
/// optional component run after it (the tagger), so the coder can use UPOS tags.
pub struct Prep {
    pub lex: petrel_text::TextLexicon,
    pub after: Option<Arc<dyn Component>>,
}

impl Default for Prep {
    fn default() -> Self {
        Prep {
            lex: petrel_text::TextLexicon::embedded(),
            after: None,
        }
    }
}

/// Builds the analysed document of a record: from its `<Parse>` tokens and tags, or from
/// raw text through petrel's tokenizer (and `prep.after`).
pub fn record_doc(rec: &Record, from_parse: bool, prep: &Prep) -> Document {
    let date = rec
        .date
        .as_deref()
        .filter(|d| d.len() == 8)
        .map(|d| format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..8]));
    let meta = Meta {
        id: rec.id.clone(),
        date,
        ..Default::default()
    };
    let mut doc;
    match (&rec.parse, from_parse) {
        (Some((forms, tags)), true) => {
            let text = forms.join(" ");
            doc = Document::new(meta, text);
            let mut pos = 0u32;
            for (f, t) in forms.iter().zip(tags) {
                let sym = doc.strings.intern(f);
                doc.tokens.push(pos, pos + f.len() as u32, sym, true);
                let tag = doc.strings.intern(t);
                doc.tokens.upos.push(tag);
                pos += f.len() as u32 + 1;
            }
            doc.sentences.push(Sentence {
                tokens: 0..doc.tokens.len() as u32,
                start: 0,
                end: doc.text.len() as u32,
            });
            if let Some(h) = rec.parse_heads.as_ref().filter(|h| h.len() == forms.len()) {
                let (inside, outside) = (doc.strings.intern("obj"), doc.strings.intern("dep"));
                for &x in h {
                    doc.tokens.head.push(x);
                    doc.tokens
                        .deprel
                        .push(if x == u32::MAX { outside } else { inside });
                }
            }
        }
        _ => {
            doc = Document::new(meta, rec.text.clone());
            petrel_text::annotate(&mut doc, &prep.lex);
            if let Some(c) = &prep.after {
                // A failing tagger leaves the document untagged; the coder copes.
                let _ = c.process(&mut doc);
            }
        }
    }
    doc
}

/// Codes one record; returns its (source, target, code) triples.
pub fn code_record(
    dict: &Dictionaries,
    rec: &Record,
    from_parse: bool,
    prep: &Prep,
) -> BTreeSet<Triple> {
    code_record_forward(dict, rec, from_parse, prep, &mut None)
}

/// [`code_record`] with TABARI forwarding: `antecedent` holds the first actor of the
/// previous sentence of the story and is updated.
pub fn code_record_forward(
    dict: &Dictionaries,
    rec: &Record,
    from_parse: bool,
    prep: &Prep,
    antecedent: &mut Option<String>,
) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    if from_parse && rec.parse_unbalanced {
        return out; // PETRARCH-1 `bad_input_parse`: the record is skipped
    }
    let doc = record_doc(rec, from_parse, prep);
    let coder = Coder::new(dict, rec.opts.clone());
    let mut codings = Vec::new();
    for s in 0..doc.sentences.len() {
        let c = code_sentence_with(&coder, &doc, s, antecedent.as_deref());
        if rec.story.is_some() && c.first_actor.is_some() {
            antecedent.clone_from(&c.first_actor);
        }
        if c.discard == 2 {
            return BTreeSet::new();
        }
        codings.push(c);
    }
    let debug = std::env::var_os("PETREL_DICT_DEBUG").is_some();
    for c in codings {
        if debug {
            for u in &c.units {
                let words: Vec<&str> = (u.start..u.end).map(|k| doc.form(k)).collect();
                eprintln!("  unit {:?} {}", u.codes, words.join(" "));
            }
        }
        for e in c.events {
            out.insert((
                e.source.unwrap_or_else(|| "---".into()),
                e.target.unwrap_or_else(|| "---".into()),
                e.code,
            ));
        }
    }
    out
}

pub struct Scores {
    /// Records the peer's own validation run counts, and how many came out exactly right.
    pub records: usize,
    pub exact: usize,
    /// Every record read (including those the peer does not count).
    pub all_records: usize,
    pub all_exact: usize,
    pub gold: usize,
    pub coded: usize,
    pub correct: usize,
}

fn fmt_set(s: &BTreeSet<Triple>) -> String {
    if s.is_empty() {
        return "(none)".into();
    }
    s.iter()
        .map(|(a, b, c)| format!("{a}/{b}/{c}"))
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn evaluate(
    dict: &Dictionaries,
    records: &[Record],
    from_parse: bool,
    prep: &Prep,
    show: Option<usize>,
    quiet: bool,
) -> Scores {
    let mut sc = Scores {
        records: records.iter().filter(|r| r.peer_skip.is_none()).count(),
        exact: 0,
        all_records: records.len(),
        all_exact: 0,
        gold: 0,
        coded: 0,
        correct: 0,
    };
    let mut shown = 0;
    let mut story: Option<&str> = None;
    let mut antecedent = None;
    for r in records {
        if r.story.is_none() || r.story.as_deref() != story {
            antecedent = None;
        }
        story = r.story.as_deref();
        let got = code_record_forward(dict, r, from_parse, prep, &mut antecedent);
        if got == r.gold {
            sc.all_exact += 1;
        }
        if r.peer_skip.is_none() {
            sc.gold += r.gold.len();
            sc.coded += got.len();
            sc.correct += got.intersection(&r.gold).count();
            if got == r.gold {
                sc.exact += 1;
            }
        }
        if got != r.gold && !quiet && show.is_none_or(|n| shown < n) {
            shown += 1;
            match r.peer_skip {
                Some(why) => println!("MISMATCH {} (not counted: {why}): {}", r.id, r.text),
                None => println!("MISMATCH {}: {}", r.id, r.text),
            }
            println!("   gold: {}", fmt_set(&r.gold));
            println!("  coded: {}", fmt_set(&got));
        }
    }
    sc
}

pub fn report(
    name: &str,
    sc: &Scores,
    skipped: usize,
    load_s: f64,
    dict: &Dictionaries,
    json: bool,
) {
    let p = if sc.coded > 0 {
        sc.correct as f64 / sc.coded as f64
    } else {
        0.0
    };
    let r = if sc.gold > 0 {
        sc.correct as f64 / sc.gold as f64
    } else {
        0.0
    };
    if json {
        println!(
            "{}",
            serde_json::json!({
                "suite": name, "records": sc.records, "exactly_right": sc.exact,
                "all_records": sc.all_records, "all_exactly_right": sc.all_exact,
                "skipped": skipped, "gold_triples": sc.gold, "coded_triples": sc.coded,
                "correct_triples": sc.correct, "precision": p, "recall": r,
                "dictionary_errors": dict.errors.len(), "load_seconds": load_s,
            })
        );
        return;
    }
    println!("suite            {name}");
    println!(
        "records          {} evaluated ({} skipped: evaluate=\"false\", excluded category or unchecked)",
        sc.records, skipped
    );
    println!(
        "exactly right    {} of {} ({:.1} %)",
        sc.exact,
        sc.records,
        100.0 * sc.exact as f64 / sc.records.max(1) as f64
    );
    if sc.all_records != sc.records {
        println!(
            "                 {} of all {} records read ({:.1} %; {} not counted by the peer's own rules)",
            sc.all_exact,
            sc.all_records,
            100.0 * sc.all_exact as f64 / sc.all_records.max(1) as f64,
            sc.all_records - sc.records
        );
    }
    println!(
        "triples          gold {}  coded {}  correct {}  precision {:.3}  recall {:.3}",
        sc.gold, sc.coded, sc.correct, p, r
    );
    println!(
        "dictionaries     {} files loaded in {:.3} s, {} malformed lines skipped",
        dict.files.len(),
        load_s,
        dict.errors.len()
    );
}

/// What `eval petrarch-suite` runs.
#[derive(Default)]
pub struct PetrarchSuite {
    pub prep: Prep,
    pub file: PathBuf,
    pub dictionaries: Option<PathBuf>,
    pub from_parse: bool,
    pub all: bool,
    pub show: Option<usize>,
    pub json: bool,
    /// Only the records with this id (settings from earlier records still apply).
    pub only: Option<String>,
}

/// What `eval tabari-suite` runs.
#[derive(Default)]
pub struct TabariSuite {
    pub prep: Prep,
    pub file: PathBuf,
    pub project: Option<PathBuf>,
    pub show: Option<usize>,
    pub json: bool,
    /// Only the records with this id (settings from earlier records still apply).
    pub only: Option<String>,
}

fn keep_only(records: &mut Vec<Record>, only: &Option<String>) {
    if let Some(id) = only {
        records.retain(|r| r.id == *id);
    }
}

fn print_errors(d: &Dictionaries) {
    for e in d.errors.iter().take(10) {
        eprintln!("warning: {e}");
    }
    if d.errors.len() > 10 {
        eprintln!(
            "warning: … {} more dictionary problems",
            d.errors.len() - 10
        );
    }
}

fn read_lossy(p: &Path) -> Result<String, String> {
    let bytes = std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Runs a PETRARCH validation file and prints the report.
pub fn run_petrarch_suite(args: &PetrarchSuite) -> Result<Scores, String> {
    let text = read_lossy(&args.file)?;
    let mut suite = read_petrarch(&text, args.all);
    keep_only(&mut suite.records, &args.only);
    // From raw text the parse gives verb phrases, but petrel's tags do not veto verbs:
    // on these test sentences (invented names, odd grammar) they mistake too many verbs
    // for nouns. The Treebank tags of `<Parse>` do.
    if !args.from_parse {
        for r in &mut suite.records {
            r.opts.use_tags = false;
        }
    }
    if suite.records.is_empty() {
        return Err(format!(
            "{}: no <Sentence> records found",
            args.file.display()
        ));
    }
    let t = std::time::Instant::now();
    let dict = match &args.dictionaries {
        Some(dir) => crate::load_dir(dir).map_err(|e| e.to_string())?,
        None => {
            let base = args.file.parent().unwrap_or(Path::new("."));
            let get = |k: &str| -> Vec<PathBuf> {
                suite
                    .env
                    .iter()
                    .filter(|(n, _)| n == k)
                    .map(|(_, v)| base.join(v))
                    .collect()
            };
            DictFiles {
                verbs: get("Verbfile"),
                actors: get("Actorfile"),
                agents: get("Agentfile"),
                discards: get("Discardfile"),
                issues: get("Issuefile"),
                pico: get("PICOfile"),
                options: Vec::new(),
                flavor: Some(Flavor::Petrarch),
            }
            .load()
            .map_err(|e| e.to_string())?
        }
    };
    let load_s = t.elapsed().as_secs_f64();
    print_errors(&dict);
    let sc = evaluate(
        &dict,
        &suite.records,
        args.from_parse,
        &args.prep,
        args.show,
        args.json,
    );
    let how = if args.from_parse {
        "tokens and tags from <Parse>"
    } else {
        "raw <Text>"
    };
    let name = format!("{} ({how})", args.file.display());
    report(&name, &sc, suite.skipped, load_s, &dict, args.json);
    Ok(sc)
}

/// Runs TABARI's validation text with the dictionaries its `.project` names.
pub fn run_tabari_suite(args: &TabariSuite) -> Result<Scores, String> {
    let text = read_lossy(&args.file)?;
    let project = match &args.project {
        Some(p) => p.clone(),
        None => {
            let dir = args.file.parent().unwrap_or(Path::new("."));
            std::fs::read_dir(dir)
                .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .find(|p| p.extension().is_some_and(|e| e == "project"))
                .ok_or_else(|| {
                    format!(
                        "no .project file next to {}; give --project",
                        args.file.display()
                    )
                })?
        }
    };
    let t = std::time::Instant::now();
    let dict = DictFiles::from_project(&project)
        .and_then(|f| f.load())
        .map_err(|e| e.to_string())?;
    let load_s = t.elapsed().as_secs_f64();
    print_errors(&dict);
    let (mut records, skipped) = read_tabari(&text, &CoderOptions::for_dictionaries(&dict));
    keep_only(&mut records, &args.only);
    if records.is_empty() {
        return Err(format!("{}: no TABARI records found", args.file.display()));
    }
    let sc = evaluate(&dict, &records, false, &args.prep, args.show, args.json);
    report(
        &args.file.display().to_string(),
        &sc,
        skipped,
        load_s,
        &dict,
        args.json,
    );
    Ok(sc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_reader_handles_comments_configs_and_broken_markup() {
        let xml = "<Validation><!-- <Sentence id=\"X\"> in a comment -->\n\
            <Environment><Verbfile>v.txt</Verbfile><Include>DEMO</Include></Environment>\n\
            <Sentence category=\"DEMO\" date=\"20010203\" id=\"D-1\" evaluate=\"true\">\n\
            <EventCoding eventcode=\"051\" sourcecode=\"VAL\" targetcode=\"OST\" />\n\
            <PLEvent {\"broken\": [1]}>\n\
            <Text>\nValdoria praised\n Ostravia.\n</Text>\n<Parse>\n1\tValdoria\tValdoria\tPROPN\n2\tpraised\tpraise\tVERB\n</Parse></Sentence>\n\
            <Config option=\"require_dyad\" value=\"false\" />\n\
            <Sentence category=\"DEMO\" id=\"D-2\"><EventCoding noevents=\"True\" /><Text>x</Text></Sentence>\n\
            <Sentence category=\"OTHER\" id=\"D-3\"><Text>y</Text></Sentence>\n\
            <Sentence category=\"DEMO\" id=\"D-4\" evaluate=\"false\"><Text>z</Text></Sentence>";
        let s = read_petrarch(xml, false);
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.skipped, 2);
        let r = &s.records[0];
        assert_eq!(r.id, "D-1");
        assert_eq!(r.text, "Valdoria praised Ostravia.");
        assert!(r.gold.contains(&("VAL".into(), "OST".into(), "051".into())));
        assert!(r.opts.require_dyad);
        assert_eq!(r.parse.as_ref().unwrap().1, ["PROPN", "VERB"]);
        assert!(s.records[1].gold.is_empty());
        assert!(!s.records[1].opts.require_dyad);
        assert_eq!(s.env[0], ("Verbfile".to_string(), "v.txt".to_string()));
    }

    #[test]
    fn tabari_records_and_gold_blocks() {
        let text = "010203  T-1\nValdoria praised Ostravia.\n/*\\n----\n\\n{ VAL / OST / 051 }\n\\n-{ VAL / KIR / 051 } */\n\n\
                    010204  T-2\nNothing here.\n/*\\n{+++} */\n\
                    010205  T-3\nA quiet day.\n/*\\n{ --- } */\n";
        let (recs, skipped) = read_tabari(text, &CoderOptions::default());
        assert_eq!((recs.len(), skipped), (2, 1));
        assert_eq!(recs[0].gold.len(), 1);
        assert_eq!(recs[0].date.as_deref(), Some("20010203"));
        assert!(recs[1].gold.is_empty());
    }

    #[test]
    fn tabari_option_records_apply_from_the_next_record() {
        let text = "010203  OPT-1\nSwitching options here.\n/*\n{ OPTION: SET: CODE ALL }\n\
                    { OPTION: FORWARD: ^^*****NNN*SSS } */\n\
                    010203  ST-001-001\nValdoria praised Ostravia.\n/*\n{ VAL / OST / 041 } */\n\
                    010203  ST-001-002\nIt condemned Kirenia.\n/*\n{ VAL / KIR / 111 }\n\
                    { OPTION: COMMA: OFF }\n{ OPTION: SET: MINIMUM WORDS = 3  */\n\
                    010204  ST-002-001\nNothing here.\n/*\n{ --- } */\n";
        let (recs, _) = read_tabari(text, &CoderOptions::for_dictionaries(&tabari_dict()));
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[0].opts.code_by, crate::coder::CodeBy::Clause);
        assert!(recs[0].story.is_none());
        assert_eq!(recs[1].opts.code_by, crate::coder::CodeBy::All);
        assert_eq!(recs[1].story.as_deref(), Some("ST-001"));
        assert_eq!(recs[2].story.as_deref(), Some("ST-001"));
        // A block without its closing brace still counts; options wait for the next record.
        assert!(recs[2].opts.comma.is_some());
        assert!(recs[3].opts.comma.is_none());
        assert_eq!(recs[3].opts.min_words, 3);
        assert_eq!(recs[3].story.as_deref(), Some("ST-002"));
    }

    #[test]
    fn petrarch1_records_get_comma_defaults_and_unescaped_text() {
        let xml = "<Environment><Verbfile>v.txt</Verbfile></Environment>\n\
            <Sentence id=\"P-1\" date=\"20010203\"><Text>Valdoria &amp; Ostravia met.</Text>\n\
            <Parse>(ROOT (S (NP (NNP Valdoria))))</Parse></Sentence>\n\
            <Config option=\"comma_max\" value=\"5\"></Config>\n\
            <Sentence id=\"P-2\"><Text>x</Text><Parse>(ROOT (NP (NN x)))</Parse></Sentence>";
        let s = read_petrarch(xml, false);
        assert_eq!(s.records[0].text, "Valdoria & Ostravia met.");
        assert!(s.records[0].opts.petrarch1);
        assert_eq!(
            s.records[0].opts.comma,
            Some(crate::coder::CommaLimits::petrarch1())
        );
        assert_eq!(
            s.records[1].opts.comma.map(|c| (c.min, c.max)),
            Some((2, 5))
        );
    }

    #[test]
    fn petrarch1_counts_follow_valid_marks_and_parse_error_tests() {
        let xml = "<Environment><Verbfile>v.txt</Verbfile>\
            <Include>valid DEMO</Include></Environment>\n\
            <Sentence id=\"P-1\" category=\"DEMO\" sentence=\"true\">\
            <Text>a</Text><Parse>(ROOT (S (NP (NNP A))))</Parse></Sentence>\n\
            <Sentence id=\"P-2\" category=\"DEMO\" sentence=\"false\">\
            <Text>b</Text><Parse>(ROOT (S (NP (NNP B))))</Parse></Sentence>\n\
            <Sentence id=\"P-3\" category=\"DEMO\" sentence=\"true\">\
            <EventCoding error=\"bad_input_parse\"></EventCoding>\
            <Text>c</Text><Parse>(ROOT (S (NP (NNP C)))</Parse></Sentence>";
        let s = read_petrarch(xml, false);
        assert_eq!(s.records.len(), 3);
        let skips: Vec<bool> = s.records.iter().map(|r| r.peer_skip.is_some()).collect();
        assert_eq!(skips, [false, true, true]);
        assert!(!s.records[0].parse_unbalanced && s.records[2].parse_unbalanced);
        let d = Dictionaries::default();
        let sc = evaluate(&d, &s.records, true, &Prep::default(), Some(0), true);
        assert_eq!((sc.records, sc.all_records, sc.all_exact), (1, 3, 3));
    }

    fn tabari_dict() -> Dictionaries {
        Dictionaries {
            flavor: Flavor::Tabari,
            ..Default::default()
        }
    }

    #[test]
    fn forwarded_pronoun_across_records_of_a_story() {
        let mut d = tabari_dict();
        d.verbs.read(
            "v",
            "PRAISE [041]\nCONDEMN [111]\n",
            true,
            false,
            &mut d.errors,
        );
        d.actors.read(
            "a",
            "VALDORIA [VAL]\nOSTRAVIA [OST]\nKIRENIA [KIR]\n",
            true,
            &mut d.errors,
        );
        d.finish();
        let mut base = CoderOptions::for_dictionaries(&d);
        base.min_words = 0;
        let text = "010203  ST-001-001\nValdoria praised Ostravia.\n/*\n{ VAL / OST / 041 } */\n\
                    010203  ST-001-002\nIt condemned Kirenia.\n/*\n{ VAL / KIR / 111 } */\n\
                    010203  ST-002-001\nIt condemned Kirenia.\n/*\n{ --- } */\n";
        let (mut recs, _) = read_tabari(text, &base);
        for r in &mut recs {
            r.story = Some(r.id[..6].to_string());
        }
        let sc = evaluate(&d, &recs, false, &Prep::default(), Some(0), true);
        assert_eq!((sc.records, sc.exact), (3, 3));
        // Without forwarding the pronoun has no antecedent.
        for r in &mut recs {
            r.story = None;
        }
        let sc = evaluate(&d, &recs, false, &Prep::default(), Some(0), true);
        assert_eq!(sc.exact, 2);
    }

    #[test]
    fn treebank_verb_phrases_give_heads() {
        // Valdoria said (that) Ostravia will attack Kirenia and Lormar agreed .
        let p = "(ROOT (S (S (NP (NNP Valdoria)) (VP (VBD said) (SBAR (S (NP (NNP Ostravia)) \
                 (VP (MD will) (VP (VB attack) (NP (NNP Kirenia)))))))) (CC and) \
                 (S (NP (NNP Lormar)) (VP (VBD agreed))) (. .)))";
        let h = treebank_verb_heads(p).unwrap();
        let m = u32::MAX;
        assert_eq!(h, [m, m, 1, 1, 1, 4, m, m, m, m]);
        assert!(treebank_verb_heads("(ROOT (S (NP (NNP A))").is_none());
    }

    #[test]
    fn treebank_leaves() {
        let (f, t) =
            parse_tokens("(ROOT (S (NP (NNP Valdoria)) (VP (VBD praised) (NP (NNP Ostravia)))))")
                .unwrap();
        assert_eq!(f, ["Valdoria", "praised", "Ostravia"]);
        assert_eq!(t, ["PROPN", "VERB", "PROPN"]);
    }
}
