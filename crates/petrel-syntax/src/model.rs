//! Linear models and their file format.
//!
//! [`Perceptron`] is the trainable averaged perceptron (sparse per-feature class weights, lazy
//! averaging). [`Weights`] is its frozen, quantised form used at inference. Model files are a
//! header (magic, format version, kind), a payload and an FNV-1a checksum of the payload, so a
//! truncated or corrupted file gives a clear [`ModelError`] rather than garbage tags.

use crate::hash::mix;
use rustc_hash::FxHashMap;

/// The first bytes of every petrel syntax model file.
pub const MAGIC: &[u8; 8] = b"PTRLSYN\x01";
/// Bumped whenever the payload layout or the feature set changes.
pub const FORMAT_VERSION: u32 = 1;

/// Why a model file could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{0}: not a petrel syntax model (bad magic bytes)")]
    BadMagic(String),
    #[error("{what}: model format version {found}, this petrel reads version {expected}; retrain it with `petrel train`")]
    Version {
        what: String,
        found: u32,
        expected: u32,
    },
    #[error("{what}: expected a {expected} model, found a {found} model")]
    Kind {
        what: String,
        expected: &'static str,
        found: String,
    },
    #[error("{0}: checksum mismatch, the model file is corrupt or truncated")]
    Checksum(String),
    #[error("{what}: model payload is malformed at byte {offset}: {message}")]
    Malformed {
        what: String,
        offset: usize,
        message: String,
    },
    #[error("{0}: {1}")]
    Io(String, std::io::Error),
}

fn checksum(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Wraps a payload in the header and checksum.
pub fn seal(kind: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(payload.len() + 40);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let mut k = [b' '; 8];
    k[..kind.len().min(8)].copy_from_slice(&kind.as_bytes()[..kind.len().min(8)]);
    out.extend_from_slice(&k);
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&checksum(payload).to_le_bytes());
    out
}

/// Checks header and checksum and returns the payload. `what` names the file in errors.
pub fn unseal<'a>(what: &str, kind: &'static str, data: &'a [u8]) -> Result<&'a [u8], ModelError> {
    if data.len() < 28 || &data[..8] != MAGIC {
        return Err(ModelError::BadMagic(what.into()));
    }
    let version = u32::from_le_bytes(data[8..12].try_into().unwrap());
    if version != FORMAT_VERSION {
        return Err(ModelError::Version {
            what: what.into(),
            found: version,
            expected: FORMAT_VERSION,
        });
    }
    let found = String::from_utf8_lossy(&data[12..20]).trim().to_string();
    if found != kind {
        return Err(ModelError::Kind {
            what: what.into(),
            expected: kind,
            found,
        });
    }
    let len = u64::from_le_bytes(data[20..28].try_into().unwrap()) as usize;
    if data.len() != 28 + len + 8 {
        return Err(ModelError::Checksum(what.into()));
    }
    let payload = &data[28..28 + len];
    let sum = u64::from_le_bytes(data[28 + len..].try_into().unwrap());
    if sum != checksum(payload) {
        return Err(ModelError::Checksum(what.into()));
    }
    Ok(payload)
}

/// Appends little-endian values to a payload.
#[derive(Default)]
pub struct Writer {
    pub buf: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    pub fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f32(&mut self, v: f32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    pub fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub fn strs(&mut self, v: &[String]) {
        self.u32(v.len() as u32);
        for s in v {
            self.str(s);
        }
    }
}

/// Reads what [`Writer`] wrote, with offsets in its errors.
pub struct Reader<'a> {
    what: &'a str,
    data: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub fn new(what: &'a str, data: &'a [u8]) -> Self {
        Reader { what, data, pos: 0 }
    }
    pub fn err(&self, message: &str) -> ModelError {
        ModelError::Malformed {
            what: self.what.into(),
            offset: self.pos,
            message: message.into(),
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        if self.pos + n > self.data.len() {
            return Err(self.err("unexpected end of payload"));
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    pub fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    pub fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    pub fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    pub fn len(&mut self, max: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n > max || n > self.data.len() {
            return Err(self.err("implausible length"));
        }
        Ok(n)
    }
    pub fn str(&mut self) -> Result<String, ModelError> {
        let n = self.len(1 << 20)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| self.err("string is not UTF-8"))
    }
    pub fn strs(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.len(1 << 24)?;
        (0..n).map(|_| self.str()).collect()
    }
    /// Whether the whole payload has been read (for optional trailing sections).
    pub fn at_end(&self) -> bool {
        self.pos == self.data.len()
    }
    pub fn finish(&self) -> Result<(), ModelError> {
        if self.pos != self.data.len() {
            return Err(self.err("trailing bytes after the model"));
        }
        Ok(())
    }
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: f32,
    total: f32,
    stamp: u32,
}

/// A multi-class averaged perceptron over hashed sparse features, for training.
pub struct Perceptron {
    n_classes: usize,
    index: FxHashMap<u64, u32>,
    rows: Vec<Vec<Entry>>,
    /// Number of updates-steps seen (the averaging clock).
    t: u32,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Self {
        Perceptron {
            n_classes,
            index: FxHashMap::default(),
            rows: Vec::new(),
            t: 1,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Adds the current weights of `feats` to `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Advances the averaging clock by one instance.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves weight from `wrong` to `right` for every feature.
    pub fn update(&mut self, feats: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        for &f in feats {
            self.bump(f, right, 1.0);
            self.bump(f, wrong, -1.0);
        }
    }

    /// Adds `delta` to the weight of `class` for every feature (a structured update adds
    /// the gold sequence's features and subtracts the predicted one's, move by move).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        for &f in feats {
            self.bump(f, class, delta);
        }
    }

    /// Adds `delta` to the weight of feature `f` for `class`, settling its running total
    /// for the averaging first.
    fn bump(&mut self, f: u64, class: usize, delta: f32) {
        let t = self.t;
        let next = self.rows.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.rows.push(Vec::with_capacity(2));
        }
        let row = &mut self.rows[r as usize];
        let e = match row.iter().position(|e| e.class as usize == class) {
            Some(i) => &mut row[i],
            None => {
                row.push(Entry {
                    class: class as u16,
                    w: 0.0,
                    total: 0.0,
                    stamp: t,
                });
                row.last_mut().unwrap()
            }
        };
        e.total += (t - e.stamp) as f32 * e.w;
        e.stamp = t;
        e.w += delta;
    }

    /// The averaged weights, quantised; weights that round to zero are dropped.
    pub fn freeze(&self) -> Weights {
        let t = self.t as f32;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        let rows = keys
            .into_iter()
            .map(|(k, r)| {
                let row = self.rows[r as usize]
                    .iter()
                    .map(|e| {
                        let total = e.total + (self.t - e.stamp) as f32 * e.w;
                        (e.class, total / t)
                    })
                    .collect();
                (k, row)
            })
            .collect();
        Weights::from_rows(self.n_classes, rows, 0.0)
    }
}

/// Frozen averaged weights, quantised to `i16`, in an open-addressing table built for fast
/// lookups: feature key → a run of (class, weight) entries. Lookups of one feature vector are
/// done in phases with prefetches, since the table is larger than the CPU caches and latency,
/// not arithmetic, bounds the speed.
pub struct Weights {
    pub n_classes: usize,
    scale: f32,
    /// Sorted feature keys and their entry ranges (`bounds[i]..bounds[i + 1]`).
    keys: Vec<u64>,
    bounds: Vec<u32>,
    /// Entries packed as `class << 16 | weight as u16`.
    entries: Vec<u32>,
    /// Slots packed as `tag << 32 | start << 8 | len`; tag 0 marks an empty slot.
    slots: Vec<u64>,
    /// For models of at most three classes, slots holding the weights inline
    /// (`tag << 48 | w0 << 32 | w1 << 16 | w2` with a 16-bit tag), one cache miss per feature
    /// and half the memory of a keyed slot.
    small: Vec<u64>,
    mask: usize,
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    unsafe {
        // SAFETY: prefetching is a hint; it never faults, even on a bad address.
        core::arch::x86_64::_mm_prefetch(p as *const i8, core::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// A 16-bit tag from the key bits not used for the slot index (never 0, which marks empty).
#[inline(always)]
fn small_tag(key: u64) -> u64 {
    (key >> 48).max(1)
}

#[inline(always)]
fn tag_of(key: u64) -> u64 {
    (key >> 32).max(1)
}

impl Weights {
    /// Builds from rows of real-valued weights sorted by key; weights below `min` in
    /// magnitude or rounding to zero are dropped.
    pub fn from_rows(n_classes: usize, rows: Vec<(u64, Vec<(u16, f32)>)>, min: f32) -> Weights {
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|e| e.1.abs()))
            .fold(0f32, f32::max);
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut w = Weights {
            n_classes,
            scale,
            keys: Vec::new(),
            bounds: vec![0],
            entries: Vec::new(),
            slots: Vec::new(),
            small: Vec::new(),
            mask: 0,
        };
        for (k, row) in rows {
            let start = w.entries.len();
            for (c, a) in row {
                if a.abs() < min || w.entries.len() - start >= 255 {
                    continue;
                }
                let q = (a / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    w.entries.push((c as u32) << 16 | q as u16 as u32);
                }
            }
            if w.entries.len() > start {
                w.keys.push(k);
                w.bounds.push(w.entries.len() as u32);
            }
        }
        w.build_index();
        w
    }

    fn build_index(&mut self) {
        let cap = (self.keys.len() * 2).next_power_of_two().max(16);
        self.mask = cap - 1;
        if self.n_classes <= 3 {
            let cap = (self.keys.len() * 3 / 2).next_power_of_two().max(16);
            self.mask = cap - 1;
            self.slots = Vec::new();
            self.small = vec![0u64; cap];
            for (i, &k) in self.keys.iter().enumerate() {
                let mut w = [0u16; 3];
                for &e in &self.entries[self.bounds[i] as usize..self.bounds[i + 1] as usize] {
                    w[(e >> 16) as usize] = e as u16;
                }
                let mut j = k as usize & self.mask;
                while self.small[j] != 0 {
                    j = (j + 1) & self.mask;
                }
                self.small[j] =
                    small_tag(k) << 48 | (w[0] as u64) << 32 | (w[1] as u64) << 16 | w[2] as u64;
            }
            return;
        }
        self.slots = vec![0u64; cap];
        for (i, &k) in self.keys.iter().enumerate() {
            let (a, b) = (self.bounds[i] as u64, self.bounds[i + 1] as u64);
            let mut j = k as usize & self.mask;
            while self.slots[j] != 0 {
                j = (j + 1) & self.mask;
            }
            self.slots[j] = tag_of(k) << 32 | a << 8 | (b - a);
        }
    }

    /// Sets `scores` (length `n_classes`) to the summed weights of `feats` (in units of the
    /// quantisation step; only their order matters).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        if !self.small.is_empty() {
            for &f in feats {
                prefetch(self.small.as_ptr().wrapping_add(f as usize & self.mask));
            }
            let mut acc = [0i32; 3];
            for &f in feats {
                let tag = small_tag(f);
                let mut j = f as usize & self.mask;
                loop {
                    let a = self.small[j];
                    if a == 0 {
                        break;
                    }
                    if a >> 48 == tag {
                        acc[0] += (a >> 32) as u16 as i16 as i32;
                        acc[1] += (a >> 16) as u16 as i16 as i32;
                        acc[2] += a as u16 as i16 as i32;
                        break;
                    }
                    j = (j + 1) & self.mask;
                }
            }
            for (s, a) in scores.iter_mut().zip(acc) {
                *s = a as f32;
            }
            return;
        }
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(f as usize & self.mask));
        }
        let mut found = [0u64; 128];
        let mut n = 0;
        for &f in feats {
            let tag = tag_of(f);
            let mut j = f as usize & self.mask;
            loop {
                let s = self.slots[j];
                if s == 0 {
                    break;
                }
                if s >> 32 == tag {
                    if n < found.len() {
                        found[n] = s;
                        n += 1;
                        prefetch(
                            self.entries
                                .as_ptr()
                                .wrapping_add(((s >> 8) & 0xff_ffff) as usize),
                        );
                    }
                    break;
                }
                j = (j + 1) & self.mask;
            }
        }
        for &s in &found[..n] {
            let a = ((s >> 8) & 0xff_ffff) as usize;
            let len = (s & 0xff) as usize;
            for &e in &self.entries[a..a + len] {
                scores[(e >> 16) as usize] += (e as u16 as i16) as f32;
            }
        }
    }

    /// Drops weights smaller than `threshold` in magnitude (and features left empty), to
    /// shrink the model file; rare features have small averaged weights.
    pub fn prune(&mut self, threshold: f32) {
        let rows = self.rows();
        *self = Weights::from_rows(self.n_classes, rows, threshold);
    }

    /// The mean of models trained on the same data with different seeds (same classes and
    /// feature hashing): a feature missing from one model counts as zero there.
    pub fn mean(models: &[&Weights]) -> Weights {
        let n_classes = models.first().map_or(0, |w| w.n_classes);
        let mut sum: std::collections::BTreeMap<u64, Vec<f32>> = std::collections::BTreeMap::new();
        for w in models {
            for (k, row) in w.rows() {
                let acc = sum.entry(k).or_insert_with(|| vec![0.0; n_classes]);
                for (c, a) in row {
                    acc[c as usize] += a;
                }
            }
        }
        let n = models.len().max(1) as f32;
        let rows = sum
            .into_iter()
            .map(|(k, acc)| {
                let row = acc
                    .into_iter()
                    .enumerate()
                    .filter(|(_, a)| *a != 0.0)
                    .map(|(c, a)| (c as u16, a / n))
                    .collect();
                (k, row)
            })
            .collect();
        Weights::from_rows(n_classes, rows, 0.0)
    }

    fn rows(&self) -> Vec<(u64, Vec<(u16, f32)>)> {
        self.keys
            .iter()
            .enumerate()
            .map(|(i, &k)| {
                let r = &self.entries[self.bounds[i] as usize..self.bounds[i + 1] as usize];
                (
                    k,
                    r.iter()
                        .map(|&e| ((e >> 16) as u16, (e as u16 as i16) as f32 * self.scale))
                        .collect(),
                )
            })
            .collect()
    }

    pub fn n_features(&self) -> usize {
        self.keys.len()
    }

    pub fn n_weights(&self) -> usize {
        self.entries.len()
    }

    /// Writes the weights in a compact, deterministic layout (features sorted by key).
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.n_classes as u32);
        w.f32(self.scale);
        w.u32(self.keys.len() as u32);
        let wide = self.n_classes > 255;
        w.u8(wide as u8);
        for (i, &k) in self.keys.iter().enumerate() {
            w.u64(k);
            let r = &self.entries[self.bounds[i] as usize..self.bounds[i + 1] as usize];
            w.u16(r.len() as u16);
            for &e in r {
                if wide {
                    w.u16((e >> 16) as u16);
                } else {
                    w.u8((e >> 16) as u8);
                }
                w.u16(e as u16);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<Self, ModelError> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > 65535 {
            return Err(r.err("bad class count"));
        }
        let scale = r.f32()?;
        let n = r.len(1 << 28)?;
        let wide = r.u8()? != 0;
        let mut w = Weights {
            n_classes,
            scale,
            keys: Vec::with_capacity(n),
            bounds: Vec::with_capacity(n + 1),
            entries: Vec::with_capacity(n * 3),
            slots: Vec::new(),
            small: Vec::new(),
            mask: 0,
        };
        w.bounds.push(0);
        let mut last = None;
        for _ in 0..n {
            let k = r.u64()?;
            if last.is_some_and(|l| l >= k) {
                return Err(r.err("feature keys not sorted"));
            }
            last = Some(k);
            let m = r.u16()? as usize;
            if m == 0 || m > 255 {
                return Err(r.err("bad row length"));
            }
            for _ in 0..m {
                let c = if wide { r.u16()? } else { r.u8()? as u16 };
                if c as usize >= n_classes {
                    return Err(r.err("class id out of range"));
                }
                w.entries.push((c as u32) << 16 | r.u16()? as u32);
            }
            w.keys.push(k);
            w.bounds.push(w.entries.len() as u32);
        }
        if w.entries.len() >= 1 << 24 {
            return Err(r.err("too many weights"));
        }
        w.build_index();
        Ok(w)
    }
}

/// Index of the highest score among `allowed` classes (first wins ties, deterministic).
#[inline]
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_and_weights_round_trip() {
        // Two features that each point to one class, for both the inline (3-class) and the
        // general table layouts.
        for n_classes in [3usize, 7] {
            let mut p = Perceptron::new(n_classes);
            for _ in 0..20 {
                p.update(&[11, 99], 1, 0);
                p.tick();
                p.update(&[22, 99], 2, 1);
                p.tick();
            }
            let w = p.freeze();
            let mut s = vec![0f32; n_classes];
            w.score(&[11], &mut s);
            assert_eq!(argmax(&s), 1);
            w.score(&[22, 12345], &mut s);
            assert_eq!(argmax(&s), 2);
            let mut out = Writer::default();
            w.write(&mut out);
            let mut r = Reader::new("w", &out.buf);
            let back = Weights::read(&mut r).unwrap();
            r.finish().unwrap();
            let mut s2 = vec![0f32; n_classes];
            for f in [[11u64, 99], [22, 99], [5, 6]] {
                w.score(&f, &mut s);
                back.score(&f, &mut s2);
                assert_eq!(s, s2);
            }
        }
    }

    #[test]
    fn the_mean_of_models_averages_each_weight_and_keeps_features_of_either() {
        // Model a: feature 1 votes class 0 by 4; model b: feature 1 votes class 1 by 2 and
        // feature 2 votes class 2 by 6. The mean: feature 1 gives class 0 2 and class 1 1,
        // feature 2 gives class 2 3.
        let a = Weights::from_rows(4, vec![(1, vec![(0, 4.0)])], 0.0);
        let b = Weights::from_rows(4, vec![(1, vec![(1, 2.0)]), (2, vec![(2, 6.0)])], 0.0);
        let m = Weights::mean(&[&a, &b]);
        let rows = m.rows();
        assert_eq!(rows.len(), 2);
        let close = |x: f32, y: f32| (x - y).abs() < 1e-3;
        let (k1, r1) = &rows[0];
        assert_eq!(*k1, 1);
        assert!(close(r1[0].1, 2.0) && r1[0].0 == 0, "{r1:?}");
        assert!(close(r1[1].1, 1.0) && r1[1].0 == 1, "{r1:?}");
        let (k2, r2) = &rows[1];
        assert_eq!(*k2, 2);
        assert!(r2[0].0 == 2 && close(r2[0].1, 3.0), "{r2:?}");
        let mut s = vec![0f32; 4];
        m.score(&[1], &mut s);
        assert_eq!(argmax(&s), 0);
    }

    #[test]
    fn sealed_payloads_are_checked() {
        let sealed = seal("tagger", b"payload bytes");
        assert_eq!(unseal("x", "tagger", &sealed).unwrap(), b"payload bytes");
        let mut bad = sealed.clone();
        bad[30] ^= 1;
        assert!(matches!(
            unseal("x", "tagger", &bad),
            Err(ModelError::Checksum(_))
        ));
        let mut ver = sealed.clone();
        ver[8] = 99;
        let e = unseal("x", "tagger", &ver).unwrap_err();
        assert!(e.to_string().contains("version 99"), "{e}");
        assert!(matches!(
            unseal("x", "parser", &sealed),
            Err(ModelError::Kind { .. })
        ));
    }
}
