//! `petrel eval coref`: coreference of people and organisations against GUM's entity
//! annotations (the `Entity=` brackets in the CoNLL-U MISC column), scored with MUC, B³,
//! CEAF-e and their average (the CoNLL score), plus mention detection.
//!
//! Input: the treebank's gold words and sentences are given to petrel (its own tagger and
//! parser then run, then actors), so tokenisation errors do not count. Key: GUM mentions of
//! type `person` or `organization`. Response: petrel's person, organisation, role and pronoun
//! mentions, grouped by the actor they resolve to (a mention without an actor is its own
//! entity). A response mention matches a key mention with the same head token, the head of a
//! span being found the same way for both on the gold tree (the word whose head lies outside
//! the span; a name's head is its last `flat` word, so "Kurmanbek Bakiyev" is headed by
//! "Bakiyev"); with `--exact` only identical spans match. By default singleton entities are
//! removed from key and response before scoring (as in CoNLL-2012); mention detection is
//! scored on all mentions.

use anyhow::{anyhow, Context};
use petrel_doc::{Component, Document, MentionKind, Meta, Sentence as DocSentence};
use petrel_syntax::conllu::{read_path, Sentence};
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// GUM directory (CoNLL-U files with `Entity=` annotations and a `splits.md`), or one file.
    #[arg(long)]
    gum: PathBuf,
    /// Split listed in `splits.md` (`train`, `dev`).
    #[arg(long, default_value = "dev")]
    split: String,
    /// Only documents whose file name contains this (e.g. `_news_`).
    #[arg(long)]
    only: Option<String>,
    /// Match mentions by exact token span instead of by head token.
    #[arg(long)]
    exact: bool,
    /// Keep singleton entities in key and response.
    #[arg(long)]
    singletons: bool,
    #[command(flatten)]
    pipeline: crate::cmd::input::PipelineArgs,
    /// Print missed and spurious mentions and wrong links per document (stderr).
    #[arg(long)]
    errors: bool,
    /// Print the figures as one JSON object.
    #[arg(long)]
    json: bool,
}

/// A gold mention: document token range, entity id and GUM entity type.
#[derive(Debug, Clone, PartialEq)]
struct GoldMention {
    start: usize,
    end: usize,
    entity: String,
    etype: String,
}

/// One GUM document: its sentences, gold mentions (all types) and gold tree.
struct GoldDoc {
    id: String,
    sents: Vec<Sentence>,
    mentions: Vec<GoldMention>,
    /// Document-level gold head per token (`None` for a root).
    heads: Vec<Option<usize>>,
    deprels: Vec<String>,
}

/// Reads the `Entity=` brackets of one document's sentences. Errors name the document, the
/// sentence and the word.
fn gold_mentions(id: &str, sents: &[Sentence]) -> anyhow::Result<Vec<GoldMention>> {
    let mut out = Vec::new();
    // Open mentions: (entity id, type, start token).
    let mut open: Vec<(String, String, usize)> = Vec::new();
    let mut base = 0usize;
    for (si, s) in sents.iter().enumerate() {
        for (wi, w) in s.words.iter().enumerate() {
            let t = base + wi;
            let Some(v) = w.misc.split('|').find_map(|m| m.strip_prefix("Entity=")) else {
                continue;
            };
            parse_entity_field(v, t, &mut open, &mut out).map_err(|e| {
                anyhow!(
                    "{id}: sentence {}, word {} ({}): {e} in `Entity={v}`",
                    si + 1,
                    wi + 1,
                    w.form
                )
            })?;
        }
        base += s.words.len();
    }
    if let Some((e, _, start)) = open.first() {
        return Err(anyhow!(
            "{id}: mention of entity {e} opened at token {start} is never closed"
        ));
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    Ok(out)
}

/// Parses one `Entity=` value at token `t`: `(ID-type-…` opens, `ID)` closes, `(ID-…)` is a
/// one-word mention.
fn parse_entity_field(
    v: &str,
    t: usize,
    open: &mut Vec<(String, String, usize)>,
    out: &mut Vec<GoldMention>,
) -> Result<(), String> {
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let j = v[i + 1..].find(['(', ')']).map_or(v.len(), |k| i + 1 + k);
            let spec = &v[i + 1..j];
            let mut parts = spec.split('-');
            let id = parts
                .next()
                .filter(|s| !s.is_empty())
                .ok_or("empty entity id")?;
            let etype = parts.next().unwrap_or("").to_string();
            if j < b.len() && b[j] == b')' {
                out.push(GoldMention {
                    start: t,
                    end: t + 1,
                    entity: id.to_string(),
                    etype,
                });
                i = j + 1;
            } else {
                open.push((id.to_string(), etype, t));
                i = j;
            }
        } else {
            let j = v[i..]
                .find(')')
                .map(|k| i + k)
                .ok_or_else(|| format!("unbalanced `{}`", &v[i..]))?;
            let id = &v[i..j];
            let k = open
                .iter()
                .rposition(|o| o.0 == id)
                .ok_or_else(|| format!("entity {id} closed but not open"))?;
            let (entity, etype, start) = open.remove(k);
            out.push(GoldMention {
                start,
                end: t + 1,
                entity,
                etype,
            });
            i = j + 1;
        }
    }
    Ok(())
}

/// Splits the sentences of a treebank read into documents at `# newdoc`.
fn gold_docs(sents: Vec<Sentence>) -> anyhow::Result<Vec<GoldDoc>> {
    let mut groups: Vec<(String, Vec<Sentence>)> = Vec::new();
    for s in sents {
        if let Some(id) = s.comment("newdoc id") {
            groups.push((id.to_string(), Vec::new()));
        }
        if groups.is_empty() {
            groups.push(("document".to_string(), Vec::new()));
        }
        groups.last_mut().unwrap().1.push(s);
    }
    groups
        .into_iter()
        .map(|(id, sents)| {
            let mentions = gold_mentions(&id, &sents)?;
            let mut heads = Vec::new();
            let mut deprels = Vec::new();
            let mut base = 0;
            for s in &sents {
                for w in &s.words {
                    heads.push((w.head > 0).then(|| base + w.head as usize - 1));
                    deprels.push(w.deprel.clone());
                }
                base += s.words.len();
            }
            Ok(GoldDoc {
                id,
                sents,
                mentions,
                heads,
                deprels,
            })
        })
        .collect()
}

/// A petrel document on the gold words and sentences (forms normalised as the tokenizer
/// would).
fn doc_from_gold(g: &GoldDoc) -> Document {
    let mut text = String::new();
    let mut spans = Vec::new();
    let mut sent_spans = Vec::new();
    for (si, s) in g.sents.iter().enumerate() {
        if si > 0 {
            text.push('\n');
        }
        let first = spans.len();
        for (wi, w) in s.words.iter().enumerate() {
            let a = text.len() as u32;
            text.push_str(&w.form);
            spans.push((a, text.len() as u32));
            let space = !w.misc.split('|').any(|m| m == "SpaceAfter=No");
            if space && wi + 1 < s.words.len() {
                text.push(' ');
            }
        }
        sent_spans.push((first, spans.len()));
    }
    let mut doc = Document::new(
        Meta {
            id: g.id.clone(),
            ..Default::default()
        },
        text,
    );
    let mut k = 0;
    for s in &g.sents {
        for w in &s.words {
            let sym = doc.strings.intern(&petrel_text::normalize(&w.form));
            let (a, e) = spans[k];
            let space = doc
                .text
                .as_bytes()
                .get(e as usize)
                .is_some_and(|&c| c == b' ');
            doc.tokens.push(a, e, sym, space);
            k += 1;
        }
    }
    for (a, b) in sent_spans {
        if a == b {
            continue;
        }
        doc.sentences.push(DocSentence {
            tokens: a as u32..b as u32,
            start: spans[a].0,
            end: spans[b - 1].1,
        });
    }
    doc
}

/// The head of token span `[a, b)` on the gold tree: the first word whose head lies outside
/// the span, moved to its last `flat` dependent inside the span (a name's surname).
fn span_head(g: &GoldDoc, a: usize, b: usize) -> usize {
    let inside = |t: usize| (a..b).contains(&t);
    let mut h = (a..b)
        .find(|&t| g.heads[t].is_none_or(|p| !inside(p)))
        .unwrap_or(a);
    if let Some(last) = (a..b)
        .rev()
        .find(|&t| g.heads[t] == Some(h) && g.deprels[t].starts_with("flat"))
    {
        h = last;
    }
    h
}

/// Is this GUM type scored?
fn scored_type(etype: &str) -> bool {
    etype == "person" || etype == "organization"
}

/// Is this petrel mention kind a person or organisation mention?
fn response_kind(k: MentionKind) -> bool {
    matches!(
        k,
        MentionKind::Person | MentionKind::Organisation | MentionKind::Role | MentionKind::Pronoun
    )
}

/// Numerator and denominator pairs for recall and precision of one metric, summed over
/// documents.
#[derive(Debug, Default, Clone, Copy)]
pub struct Prf {
    pub r_num: f64,
    pub r_den: f64,
    pub p_num: f64,
    pub p_den: f64,
}

impl Prf {
    fn add(&mut self, o: Prf) {
        self.r_num += o.r_num;
        self.r_den += o.r_den;
        self.p_num += o.p_num;
        self.p_den += o.p_den;
    }
    pub fn recall(&self) -> f64 {
        ratio(self.r_num, self.r_den)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.p_num, self.p_den)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// Entities as lists of mention ids; a mention id is in at most one entity per side.
type Clusters = Vec<Vec<usize>>;

fn owner(c: &Clusters) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for (i, e) in c.iter().enumerate() {
        for &x in e {
            m.insert(x, i);
        }
    }
    m
}

/// MUC (Vilain et al. 1995): links kept, counting a mention missing on the other side as a
/// partition of its own.
pub fn muc(key: &Clusters, resp: &Clusters) -> Prf {
    fn side(a: &Clusters, b: &Clusters) -> (f64, f64) {
        let ob = owner(b);
        let (mut num, mut den) = (0.0, 0.0);
        for e in a {
            let mut parts = std::collections::HashSet::new();
            let mut lone = 0;
            for x in e {
                match ob.get(x) {
                    Some(&p) => {
                        parts.insert(p);
                    }
                    None => lone += 1,
                }
            }
            num += (e.len() - parts.len() - lone) as f64;
            den += (e.len() - 1) as f64;
        }
        (num, den)
    }
    Prf::both_ways(key, resp, side)
}

impl Prf {
    /// Recall from `side(key, resp)` and precision from `side(resp, key)`: the link-based
    /// metrics are symmetric in this way.
    fn both_ways(
        key: &Clusters,
        resp: &Clusters,
        side: fn(&Clusters, &Clusters) -> (f64, f64),
    ) -> Prf {
        let (r_num, r_den) = side(key, resp);
        let (p_num, p_den) = side(resp, key);
        Prf {
            r_num,
            r_den,
            p_num,
            p_den,
        }
    }
}

fn overlap(a: &[usize], ob: &HashMap<usize, usize>) -> HashMap<usize, usize> {
    let mut m = HashMap::new();
    for x in a {
        if let Some(&o) = ob.get(x) {
            *m.entry(o).or_insert(0) += 1;
        }
    }
    m
}

/// B³ (Bagga and Baldwin 1998), mention-weighted.
pub fn b_cubed(key: &Clusters, resp: &Clusters) -> Prf {
    fn side(a: &Clusters, b: &Clusters) -> (f64, f64) {
        let ob = owner(b);
        let (mut num, mut den) = (0.0, 0.0);
        for e in a {
            for (_, n) in overlap(e, &ob) {
                num += (n * n) as f64 / e.len() as f64;
            }
            den += e.len() as f64;
        }
        (num, den)
    }
    Prf::both_ways(key, resp, side)
}

/// Entity-based CEAF (Luo 2005) with φ4 similarity and the best one-to-one alignment.
pub fn ceaf_e(key: &Clusters, resp: &Clusters) -> Prf {
    let or = owner(resp);
    let sim: Vec<Vec<f64>> = key
        .iter()
        .map(|k| {
            let ov = overlap(k, &or);
            (0..resp.len())
                .map(|j| {
                    let n = ov.get(&j).copied().unwrap_or(0);
                    2.0 * n as f64 / (k.len() + resp[j].len()) as f64
                })
                .collect()
        })
        .collect();
    let total = max_assignment(&sim);
    Prf {
        r_num: total,
        r_den: key.len() as f64,
        p_num: total,
        p_den: resp.len() as f64,
    }
}

/// The largest total weight of a one-to-one assignment of rows to columns (Hungarian method,
/// O(n³)).
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let rows = w.len();
    let cols = w.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return 0.0;
    }
    // Square cost matrix (minimisation of negated weights).
    let n = rows.max(cols);
    let cost = |i: usize, j: usize| -> f64 {
        if i < rows && j < cols {
            -w[i][j]
        } else {
            0.0
        }
    };
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n)
        .filter(|&j| p[j] >= 1 && p[j] <= rows && j <= cols)
        .map(|j| w[p[j] - 1][j - 1])
        .sum()
}

/// Mention detection counts by kind of gold mention (name, nominal, pronoun).
#[derive(Debug, Default, Clone, Copy)]
struct Detect {
    gold: usize,
    found: usize,
}

#[derive(Debug, Default)]
struct Totals {
    docs: usize,
    tokens: usize,
    key_mentions: usize,
    resp_mentions: usize,
    matched: usize,
    key_entities: usize,
    resp_entities: usize,
    by_form: [Detect; 3],
    muc: Prf,
    b3: Prf,
    ceaf: Prf,
}

const FORMS: [&str; 3] = ["name", "nominal", "pronoun"];

/// What a gold mention's head is by its gold UPOS: 0 name, 1 nominal, 2 pronoun.
fn form_class(upos: &[&str], head: usize) -> usize {
    match upos[head] {
        "PROPN" => 0,
        "PRON" | "DET" => 2,
        _ => 1,
    }
}

/// Scores one document and adds it to the totals; prints errors when asked.
fn score_doc(g: &GoldDoc, doc: &Document, args: &Args, tot: &mut Totals) {
    let upos: Vec<&str> = g
        .sents
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.upos.as_str()))
        .collect();
    let key: Vec<&GoldMention> = g
        .mentions
        .iter()
        .filter(|m| scored_type(&m.etype))
        .collect();
    // Response mentions (deduplicated by span) with their actor.
    let mut resp: Vec<(usize, usize, Option<u32>)> = Vec::new();
    for m in doc.mentions.iter().filter(|m| response_kind(m.kind)) {
        let (a, b) = (m.tokens.0 as usize, m.tokens.1 as usize);
        if b > a && b <= g.heads.len() && !resp.iter().any(|r| r.0 == a && r.1 == b) {
            resp.push((a, b, m.actor));
        }
    }
    // Matching: response index -> key index.
    let key_heads: Vec<usize> = key.iter().map(|m| span_head(g, m.start, m.end)).collect();
    let mut used = vec![false; key.len()];
    let mut matched: Vec<Option<usize>> = vec![None; resp.len()];
    // Exact spans first, then (unless `--exact`) heads, preferring the closest span.
    for (ri, r) in resp.iter().enumerate() {
        if let Some(k) =
            (0..key.len()).find(|&k| !used[k] && key[k].start == r.0 && key[k].end == r.1)
        {
            used[k] = true;
            matched[ri] = Some(k);
        }
    }
    if !args.exact {
        for (ri, r) in resp.iter().enumerate() {
            if matched[ri].is_some() {
                continue;
            }
            let h = span_head(g, r.0, r.1);
            let best = (0..key.len())
                .filter(|&k| !used[k] && key_heads[k] == h)
                .min_by_key(|&k| key[k].start.abs_diff(r.0) + key[k].end.abs_diff(r.1));
            if let Some(k) = best {
                used[k] = true;
                matched[ri] = Some(k);
            }
        }
    }
    // Mention detection on all mentions.
    tot.key_mentions += key.len();
    tot.resp_mentions += resp.len();
    tot.matched += matched.iter().flatten().count();
    for (k, &h) in key_heads.iter().enumerate() {
        let c = form_class(&upos, h);
        tot.by_form[c].gold += 1;
        if used[k] {
            tot.by_form[c].found += 1;
        }
    }
    // Clusters: key mention ids are their index; an unmatched response mention gets an id
    // past the key's.
    let mut key_ent: Vec<(String, Vec<usize>)> = Vec::new();
    for (k, m) in key.iter().enumerate() {
        match key_ent.iter_mut().find(|e| e.0 == m.entity) {
            Some(e) => e.1.push(k),
            None => key_ent.push((m.entity.clone(), vec![k])),
        }
    }
    let mut key_c: Clusters = key_ent.into_iter().map(|e| e.1).collect();
    let rid = |ri: usize| matched[ri].unwrap_or(key.len() + ri);
    let mut resp_c: Clusters = Vec::new();
    let mut by_actor: HashMap<u32, usize> = HashMap::new();
    for (ri, r) in resp.iter().enumerate() {
        match r.2 {
            Some(a) => {
                let e = *by_actor.entry(a).or_insert_with(|| {
                    resp_c.push(Vec::new());
                    resp_c.len() - 1
                });
                resp_c[e].push(rid(ri));
            }
            None => resp_c.push(vec![rid(ri)]),
        }
    }
    if !args.singletons {
        key_c.retain(|e| e.len() > 1);
        resp_c.retain(|e| e.len() > 1);
    }
    tot.key_entities += key_c.len();
    tot.resp_entities += resp_c.len();
    tot.muc.add(muc(&key_c, &resp_c));
    tot.b3.add(b_cubed(&key_c, &resp_c));
    tot.ceaf.add(ceaf_e(&key_c, &resp_c));
    tot.docs += 1;
    tot.tokens += g.heads.len();
    if args.errors {
        print_errors(g, &key, &resp, &matched, &used);
    }
}

/// Words of token span `[a, b)` joined by spaces.
fn words(g: &GoldDoc, a: usize, b: usize) -> String {
    let forms: Vec<&str> = g
        .sents
        .iter()
        .flat_map(|s| s.words.iter().map(|w| w.form.as_str()))
        .skip(a)
        .take(b - a)
        .collect();
    forms.join(" ")
}

fn print_errors(
    g: &GoldDoc,
    key: &[&GoldMention],
    resp: &[(usize, usize, Option<u32>)],
    matched: &[Option<usize>],
    used: &[bool],
) {
    let id = &g.id;
    // Missed key mentions that belong to an entity of more than one mention.
    let size = |e: &str| key.iter().filter(|m| m.entity == e).count();
    for (k, m) in key.iter().enumerate() {
        if !used[k] && size(&m.entity) > 1 {
            eprintln!(
                "{id}\tmiss\t{}\t{}\t[{} {}]",
                m.start,
                words(g, m.start, m.end),
                m.etype,
                m.entity
            );
        }
    }
    for (ri, r) in resp.iter().enumerate() {
        if matched[ri].is_none() {
            eprintln!("{id}\tspurious\t{}\t{}", r.0, words(g, r.0, r.1));
        }
    }
    // Links: each matched response mention against the previous mention of its actor.
    for (ri, r) in resp.iter().enumerate() {
        let (Some(k), Some(a)) = (matched[ri], r.2) else {
            continue;
        };
        let prev = (0..ri).rev().find(|&q| resp[q].2 == Some(a));
        let gold_prev = (0..k).rev().find(|&q| key[q].entity == key[k].entity);
        match prev {
            Some(q) => {
                let same = matched[q].is_some_and(|pk| key[pk].entity == key[k].entity);
                if !same {
                    eprintln!(
                        "{id}\twrong-link\t{}\t{} -> {}\t(gold antecedent: {})",
                        r.0,
                        words(g, r.0, r.1),
                        words(g, resp[q].0, resp[q].1),
                        gold_prev.map_or("none".to_string(), |q| words(
                            g,
                            key[q].start,
                            key[q].end
                        ))
                    );
                }
            }
            None => {
                if let Some(q) = gold_prev {
                    eprintln!(
                        "{id}\tno-link\t{}\t{}\t(gold antecedent: {})",
                        r.0,
                        words(g, r.0, r.1),
                        words(g, key[q].start, key[q].end)
                    );
                }
            }
        }
    }
}

fn fmt3(p: &Prf) -> String {
    format!(
        "{:6.2} {:6.2} {:6.2}",
        100.0 * p.recall(),
        100.0 * p.precision(),
        100.0 * p.f1()
    )
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let sents =
        read_path(&args.gum, &args.split, args.only.as_deref()).map_err(|e| anyhow!("{e}"))?;
    let golds = gold_docs(sents)?;
    let (tagger, parser) = petrel_syntax::components(args.pipeline.models.as_deref())
        .with_context(|| "cannot load the tagger and parser")?;
    if let Some(dir) = &args.pipeline.lexicon {
        petrel_actors::files::check_dir(dir)?;
    }
    let actors = petrel_actors::ActorsComponent::load(&petrel_actors::LexiconSource {
        dir: args.pipeline.lexicon.clone(),
        replace: false,
    })?;
    let mut tot = Totals::default();
    for g in &golds {
        let mut doc = doc_from_gold(g);
        for c in [&tagger as &dyn Component, &parser, &actors] {
            c.process(&mut doc).map_err(|e| anyhow!("{}: {e}", g.id))?;
        }
        score_doc(g, &doc, &args, &mut tot);
    }
    let conll = (tot.muc.f1() + tot.b3.f1() + tot.ceaf.f1()) / 3.0;
    let md = Prf {
        r_num: tot.matched as f64,
        r_den: tot.key_mentions as f64,
        p_num: tot.matched as f64,
        p_den: tot.resp_mentions as f64,
    };
    if args.json {
        let m = |p: &Prf| serde_json::json!({"recall": p.recall(), "precision": p.precision(), "f1": p.f1()});
        let by_form: serde_json::Map<String, serde_json::Value> = FORMS
            .iter()
            .zip(tot.by_form)
            .map(|(n, d)| {
                (
                    n.to_string(),
                    serde_json::json!({"gold": d.gold, "found": d.found}),
                )
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({
                "documents": tot.docs, "tokens": tot.tokens,
                "matching": if args.exact { "exact" } else { "head" },
                "singletons": args.singletons,
                "mentions": {"key": tot.key_mentions, "response": tot.resp_mentions,
                    "matched": tot.matched, "detection": m(&md), "recall_by_form": by_form},
                "entities": {"key": tot.key_entities, "response": tot.resp_entities},
                "muc": m(&tot.muc), "b3": m(&tot.b3), "ceaf_e": m(&tot.ceaf), "conll_f1": conll,
            })
        );
        return Ok(());
    }
    println!(
        "GUM {} ({} documents, {} words): person + organization, gold words, {} match, singletons {}",
        args.split,
        tot.docs,
        tot.tokens,
        if args.exact { "exact-span" } else { "head" },
        if args.singletons { "kept" } else { "removed" }
    );
    println!(
        "mentions: key {}, response {}, matched {}",
        tot.key_mentions, tot.resp_mentions, tot.matched
    );
    println!("                    recall   prec     F1");
    println!("mention detection  {}", fmt3(&md));
    for (n, d) in FORMS.iter().zip(tot.by_form) {
        println!(
            "  recall, {n:<9} {:6.2}  ({}/{})",
            100.0 * ratio(d.found as f64, d.gold as f64),
            d.found,
            d.gold
        );
    }
    println!(
        "entities: key {}, response {}",
        tot.key_entities, tot.resp_entities
    );
    println!("MUC                {}", fmt3(&tot.muc));
    println!("B3                 {}", fmt3(&tot.b3));
    println!("CEAF-e             {}", fmt3(&tot.ceaf));
    println!("CoNLL F1           {:6.2}", 100.0 * conll);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(v: &[&[usize]]) -> Clusters {
        v.iter().map(|e| e.to_vec()).collect()
    }

    #[test]
    fn perfect_response_scores_one() {
        let k = c(&[&[1, 2, 3], &[4, 5]]);
        for m in [muc(&k, &k), b_cubed(&k, &k), ceaf_e(&k, &k)] {
            assert!((m.f1() - 1.0).abs() < 1e-9, "{m:?}");
        }
    }

    #[test]
    fn muc_counts_links() {
        // Key {1,2,3,4}; response {1,2} {3,4}: 2 of 3 key links, both response links right.
        let k = c(&[&[1, 2, 3, 4]]);
        let r = c(&[&[1, 2], &[3, 4]]);
        let m = muc(&k, &r);
        assert!((m.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.precision() - 1.0).abs() < 1e-9);
        // A missing mention is its own partition.
        let r = c(&[&[1, 2, 3]]);
        let m = muc(&k, &r);
        assert!((m.recall() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn b_cubed_and_ceaf_on_a_split_entity() {
        // Key {1,2,3,4}; response {1,2} {3,4}.
        let k = c(&[&[1, 2, 3, 4]]);
        let r = c(&[&[1, 2], &[3, 4]]);
        let b = b_cubed(&k, &r);
        assert!((b.recall() - 0.5).abs() < 1e-9);
        assert!((b.precision() - 1.0).abs() < 1e-9);
        let e = ceaf_e(&k, &r);
        // Best alignment: one response entity, φ4 = 2·2/(4+2).
        assert!((e.recall() - 2.0 / 3.0).abs() < 1e-9);
        assert!((e.precision() - 1.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn assignment_finds_the_best_pairing() {
        let w = vec![vec![0.9, 0.8], vec![0.8, 0.0]];
        assert!((max_assignment(&w) - 1.6).abs() < 1e-9);
        let w = vec![vec![0.1, 0.5, 0.2]];
        assert!((max_assignment(&w) - 0.5).abs() < 1e-9);
    }

    #[test]
    fn entity_brackets_nest_and_close() {
        let mut open = Vec::new();
        let mut out = Vec::new();
        parse_entity_field(
            "(1-person-new-x-cf1-2-coref(2-place-new-x-cf2-1-sgl)",
            0,
            &mut open,
            &mut out,
        )
        .unwrap();
        assert_eq!(out.len(), 1);
        assert_eq!(
            (out[0].start, out[0].end, out[0].etype.as_str()),
            (0, 1, "place")
        );
        parse_entity_field("1)", 2, &mut open, &mut out).unwrap();
        assert_eq!(out[1].entity, "1");
        assert_eq!((out[1].start, out[1].end), (0, 3));
        assert!(open.is_empty());
        assert!(parse_entity_field("7)", 3, &mut open, &mut out).is_err());
    }

    #[test]
    fn gold_documents_from_conllu() {
        let text = "# newdoc id = d1\n# text = Ana Lopez said she won.\n\
1\tAna\tAna\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=(1-person-new-x-cf1-1-coref\n\
2\tLopez\tLopez\tPROPN\tNNP\t_\t1\tflat\t_\tEntity=1)\n\
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
4\tshe\tshe\tPRON\tPRP\t_\t5\tnsubj\t_\tEntity=(1-person-giv-x-cf1-1-ana)\n\
5\twon\twin\tVERB\tVBD\t_\t3\tccomp\t_\tSpaceAfter=No\n\
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
        let sents = petrel_syntax::conllu::parse("t", text).unwrap();
        let docs = gold_docs(sents).unwrap();
        assert_eq!(docs.len(), 1);
        let g = &docs[0];
        assert_eq!(g.mentions.len(), 2);
        // A name is headed by its last flat word.
        assert_eq!(span_head(g, 0, 2), 1);
        let doc = doc_from_gold(g);
        assert_eq!(doc.text, "Ana Lopez said she won.");
        assert_eq!(doc.tokens.len(), 6);
        assert!(doc.check().is_ok());
    }
}
