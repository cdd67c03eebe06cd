//! Stable 64-bit hashing for feature keys. Model files store these hashes, so the function
//! is defined here (not taken from a hasher crate whose algorithm may change between versions).

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// Hashes a string (FNV-1a over the bytes, then a final mix).
#[inline]
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// [`hash_str`] of `s` lower-cased, without building the lower-cased string for ASCII words.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    if !s.is_ascii() {
        return hash_str(&s.to_lowercase());
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// Appends `s` lower-cased to `out`; ASCII words (nearly all of them) skip the per-character
/// Unicode case mapping, which showed up in profiles of tagging and parsing.
#[inline]
pub fn push_lower(out: &mut String, s: &str) {
    if s.is_ascii() {
        let at = out.len();
        out.push_str(s);
        out[at..].make_ascii_lowercase();
    } else {
        out.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// A strong 64-bit finaliser (splitmix64).
#[inline]
pub fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combines a template id with up to three values into one feature key.
#[inline]
pub fn feat(template: u32, a: u64, b: u64, c: u64) -> u64 {
    let mut h = (template as u64).wrapping_mul(K) ^ a;
    h = h.rotate_left(23).wrapping_mul(K) ^ b;
    h = h.rotate_left(23).wrapping_mul(K) ^ c;
    mix(h)
}

/// A small deterministic random number generator (splitmix64) for shuffling and exploration.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(K);
        mix(self.0)
    }
    /// A uniform float in [0, 1).
    pub fn next_f32(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{hash_lower, hash_str, push_lower};

    #[test]
    fn lower_casing_shortcuts_match_the_unicode_mapping() {
        for w in [
            "Fired",
            "NATO",
            "blasted",
            "Zürich",
            "İstanbul",
            "",
            "Ünal-ER",
        ] {
            assert_eq!(hash_lower(w), hash_str(&w.to_lowercase()), "{w}");
            let mut out = String::from("x");
            push_lower(&mut out, w);
            assert_eq!(out, format!("x{}", w.to_lowercase()), "{w}");
        }
    }
}
