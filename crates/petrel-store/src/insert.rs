//! Writing coded documents: one transaction per batch, idempotent by id + content hash.

use crate::{fnv1a, Error, InsertStats, Result, Store};
use petrel::Record;
use petrel_doc::{ActorRef, Document, Event};
use rusqlite::{params, Connection, OptionalExtension};

impl Store {
    /// Stores a batch of coded documents in one transaction: either all of them are written
    /// or, on any error, none (the database is left as before the call).
    pub fn insert_batch(&mut self, docs: &[&Document]) -> Result<InsertStats> {
        let tx = self.conn.transaction()?;
        let mut stats = InsertStats::default();
        for doc in docs {
            insert_one(&tx, doc, &mut stats)?;
        }
        tx.commit()?;
        Ok(stats)
    }

    /// Convenience for a single document (its own transaction).
    pub fn insert(&mut self, doc: &Document) -> Result<InsertStats> {
        self.insert_batch(&[doc])
    }
}

/// Streams documents into the store, committing every `batch` documents: what `petrel code
/// --db` uses. A run that is interrupted loses at most the uncommitted batch (SQLite rolls
/// it back), and re-running the same input skips what was committed.
pub struct BatchWriter {
    store: Store,
    batch: usize,
    pending: usize,
    stats: InsertStats,
}

impl BatchWriter {
    /// Opens (creating if needed) the database at `path`.
    pub fn open(path: impl AsRef<std::path::Path>, batch: usize) -> Result<BatchWriter> {
        Ok(Self::new(Store::open(path)?, batch))
    }

    pub fn new(store: Store, batch: usize) -> BatchWriter {
        BatchWriter {
            store,
            batch: batch.max(1),
            pending: 0,
            stats: InsertStats::default(),
        }
    }

    /// Adds one document. An invalid document ([`Error::Invalid`]) is refused without
    /// touching the open batch; any other error rolls the open batch back.
    pub fn add(&mut self, doc: &Document) -> Result<()> {
        if self.pending == 0 {
            self.store.conn.execute_batch("BEGIN IMMEDIATE")?;
        }
        let mut st = InsertStats::default();
        match insert_one(&self.store.conn, doc, &mut st) {
            Ok(()) => {}
            Err(e @ Error::Invalid { .. }) => {
                if self.pending == 0 {
                    self.store.conn.execute_batch("ROLLBACK")?;
                }
                return Err(e);
            }
            Err(e) => {
                self.store.conn.execute_batch("ROLLBACK")?;
                self.pending = 0;
                return Err(e);
            }
        }
        self.stats += st;
        self.pending += 1;
        if self.pending >= self.batch {
            self.store.conn.execute_batch("COMMIT")?;
            self.pending = 0;
        }
        Ok(())
    }

    /// Commits the open batch and returns what was written over the writer's life.
    pub fn finish(mut self) -> Result<InsertStats> {
        if self.pending > 0 {
            self.store.conn.execute_batch("COMMIT")?;
            self.pending = 0;
        }
        Ok(self.stats)
    }
}

/// The content hash of an article: its text and metadata.
pub fn content_hash(doc: &Document) -> String {
    let m = &doc.meta;
    let o = |s: &Option<String>| s.as_deref().unwrap_or("").as_bytes().to_vec();
    format!(
        "{:016x}",
        fnv1a(&[
            m.id.as_bytes(),
            &o(&m.date),
            &o(&m.title),
            &o(&m.url),
            &o(&m.source),
            doc.text.as_bytes(),
        ])
    )
}

fn insert_one<'a>(tx: &Connection, doc: &'a Document, stats: &mut InsertStats) -> Result<()> {
    let hash = content_hash(doc);
    let id = if doc.meta.id.is_empty() {
        format!("sha:{hash}")
    } else {
        doc.meta.id.clone()
    };
    validate(doc, &id)?;
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT rowid, hash FROM articles WHERE id = ?1",
            [&id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match existing {
        Some((_, h)) if h == hash => {
            stats.unchanged += 1;
            return Ok(());
        }
        Some((rowid, _)) => {
            // Children go with it (ON DELETE CASCADE).
            tx.execute("DELETE FROM articles WHERE rowid = ?1", [rowid])?;
            stats.replaced += 1;
        }
        None => stats.inserted += 1,
    }
    let mut record = Record::new(doc);
    record.id = &id;
    let record_json = serde_json::to_string(&record)?;
    let m = &doc.meta;
    tx.prepare_cached(
        "INSERT INTO articles(id, hash, date, title, url, source, text, sentences, tokens, record)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        id,
        hash,
        m.date,
        m.title,
        m.url,
        m.source,
        doc.text,
        doc.sentences.len() as i64,
        doc.tokens.len() as i64,
        record_json
    ])?;
    let article = tx.last_insert_rowid();

    {
        let mut st = tx.prepare_cached(
            "INSERT INTO actors(article, idx, name, country, role, code, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for (i, a) in doc.actors.iter().enumerate() {
            st.execute(params![
                article,
                i as i64,
                a.name,
                a.country,
                a.role,
                a.code,
                serde_json::to_string(&a.mentions)?
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO events(article, idx, sentence, sentence_start, sentence_end, text, date,
                src_text, src_name, src_country, src_role, src_code, src_start, src_end,
                tgt_text, tgt_name, tgt_country, tgt_role, tgt_code, tgt_start, tgt_end,
                cameo, cameo_root, goldstein, quad_class, plover_type, plover_mode,
                plover_context, modality, verb, verb_start, verb_end,
                loc_name, loc_country, lat, lon)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,
                ?33, ?34, ?35, ?36)",
        )?;
        for (i, e) in doc.events.iter().enumerate() {
            let sent = sentence_span(doc, e);
            let side =
                |a: Option<&'a ActorRef>| a.map(|a| (a, sent.and_then(|s| actor_span(doc, s, a))));
            let (src, tgt) = (side(e.source.as_ref()), side(e.target.as_ref()));
            let verb = sent.and_then(|s| verb_span(doc, s, e));
            let modality = serde_json::to_value(e.modality)?;
            let loc = e.location.as_ref();
            st.execute(params![
                article,
                i as i64,
                e.sentence as i64,
                sent.map(|s| s.0),
                sent.map(|s| s.1),
                e.text,
                e.date.as_deref().or(m.date.as_deref()),
                src.map(|s| &s.0.text),
                src.and_then(|s| s.0.name.as_deref()),
                src.and_then(|s| s.0.country.as_deref()),
                src.and_then(|s| s.0.role.as_deref()),
                src.map(|s| &s.0.code).filter(|c| !c.is_empty()),
                src.and_then(|s| s.1).map(|s| s.0),
                src.and_then(|s| s.1).map(|s| s.1),
                tgt.map(|s| &s.0.text),
                tgt.and_then(|s| s.0.name.as_deref()),
                tgt.and_then(|s| s.0.country.as_deref()),
                tgt.and_then(|s| s.0.role.as_deref()),
                tgt.map(|s| &s.0.code).filter(|c| !c.is_empty()),
                tgt.and_then(|s| s.1).map(|s| s.0),
                tgt.and_then(|s| s.1).map(|s| s.1),
                e.cameo,
                e.cameo_root,
                // Goldstein values have one decimal; keep f32 noise out of the store.
                (e.goldstein as f64 * 10.0).round() / 10.0,
                e.quad_class as i64,
                Some(&e.plover.kind).filter(|k| !k.is_empty()),
                e.plover.mode,
                e.plover.context,
                modality.as_str().unwrap_or("asserted"),
                e.verb,
                verb.map(|v| v.0),
                verb.map(|v| v.1),
                loc.map(|l| &l.name),
                loc.and_then(|l| l.country.as_deref()),
                loc.map(|l| l.lat),
                loc.map(|l| l.lon),
            ])?;
            stats.events += 1;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO places(article, idx, text, start, \"end\", name, country, lat, lon,
                feature, sentence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for (i, p) in doc.places.iter().enumerate() {
            st.execute(params![
                article, i as i64, p.text, p.start, p.end, p.name, p.country, p.lat, p.lon,
                p.feature, p.sentence
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes(article, idx, kind, content, content_start, content_end, cue,
                speaker, speaker_start, speaker_end, actor_code, sentence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, q) in doc.quotes.iter().enumerate() {
            let actor_code = q
                .actor
                .and_then(|a| doc.actors.get(a as usize))
                .map(|a| a.code.as_str());
            st.execute(params![
                article,
                i as i64,
                q.kind,
                q.content,
                q.content_span.start,
                q.content_span.end,
                q.cue,
                q.speaker,
                q.speaker_span.map(|s| s.start),
                q.speaker_span.map(|s| s.end),
                actor_code,
                q.sentence
            ])?;
        }
    }
    Ok(())
}

/// Rejects documents whose annotations point outside the article, naming the culprit.
fn validate(doc: &Document, id: &str) -> Result<()> {
    let bad = |message: String| Error::Invalid {
        article: id.to_string(),
        message,
    };
    doc.check().map_err(bad)?;
    let n = doc.text.len() as u32;
    for (i, e) in doc.events.iter().enumerate() {
        if !doc.sentences.is_empty() && e.sentence as usize >= doc.sentences.len() {
            return Err(bad(format!(
                "event {i} refers to sentence {} but the article has {}",
                e.sentence,
                doc.sentences.len()
            )));
        }
        if e.cameo.is_empty() || !e.cameo.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!("event {i} has CAMEO code {:?}", e.cameo)));
        }
        if !(1..=4).contains(&e.quad_class) {
            return Err(bad(format!("event {i} has quad class {}", e.quad_class)));
        }
    }
    for (i, p) in doc.places.iter().enumerate() {
        if p.start > p.end || p.end > n {
            return Err(bad(format!(
                "place {i} span {}..{} outside text",
                p.start, p.end
            )));
        }
    }
    for (i, q) in doc.quotes.iter().enumerate() {
        if q.content_span.start > q.content_span.end || q.content_span.end > n {
            return Err(bad(format!("quote {i} content span outside text")));
        }
    }
    for (i, a) in doc.actors.iter().enumerate() {
        if a.mentions.iter().any(|m| m[0] > m[1] || m[1] > n) {
            return Err(bad(format!("actor {i} has a mention span outside text")));
        }
    }
    Ok(())
}

/// The byte span of the event's sentence in the article text.
fn sentence_span(doc: &Document, e: &Event) -> Option<(u32, u32)> {
    if let Some(s) = doc.sentences.get(e.sentence as usize) {
        return Some((s.start, s.end));
    }
    // Untokenised document: find the sentence text itself.
    if e.text.is_empty() {
        return None;
    }
    doc.text
        .find(&e.text)
        .map(|p| (p as u32, (p + e.text.len()) as u32))
}

/// The span of the trigger verb: its token when known, else the verb text in the sentence.
fn verb_span(doc: &Document, sent: (u32, u32), e: &Event) -> Option<(u32, u32)> {
    let t = e.trigger as usize;
    if t < doc.tokens.len() {
        let (s, end) = (doc.tokens.start[t], doc.tokens.end[t]);
        if s >= sent.0 && end <= sent.1 && !e.verb.is_empty() {
            // The verb may be a multi-word phrase starting at the trigger.
            let rest = &doc.text[s as usize..sent.1 as usize];
            if rest.starts_with(&e.verb) {
                return Some((s, s + e.verb.len() as u32));
            }
            return Some((s, end));
        }
    }
    find_in(doc, sent, &e.verb, None)
}

/// The span of an argument: its phrase in the sentence, preferring the occurrence that holds
/// its head token; else the resolved actor's mention inside the sentence.
fn actor_span(doc: &Document, sent: (u32, u32), a: &ActorRef) -> Option<(u32, u32)> {
    let head = a
        .head
        .and_then(|h| doc.tokens.start.get(h as usize).copied());
    if let Some(span) = find_in(doc, sent, &a.text, head) {
        return Some(span);
    }
    let actor = doc.actors.get(a.actor? as usize)?;
    actor
        .mentions
        .iter()
        .find(|m| m[0] >= sent.0 && m[1] <= sent.1)
        .map(|m| (m[0], m[1]))
}

fn find_in(
    doc: &Document,
    sent: (u32, u32),
    needle: &str,
    near: Option<u32>,
) -> Option<(u32, u32)> {
    if needle.is_empty() {
        return None;
    }
    let hay = doc.text.get(sent.0 as usize..sent.1 as usize)?;
    let mut first = None;
    for (p, _) in hay.match_indices(needle) {
        let span = (sent.0 + p as u32, sent.0 + (p + needle.len()) as u32);
        match near {
            Some(h) if span.0 <= h && h < span.1 => return Some(span),
            _ => {
                first.get_or_insert(span);
            }
        }
    }
    first
}
