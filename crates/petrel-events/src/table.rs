//! The CAMEO code table (`lexicon/cameo.tsv`): Goldstein value, quad class and PLOVER
//! type/mode of every event code.

use petrel_actors::files::{for_lines, texts, LexiconError, LexiconSource};
use rustc_hash::FxHashMap;

const CAMEO: &str = include_str!("../../../lexicon/cameo.tsv");

/// What the table says about one CAMEO code.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeInfo {
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER 2.0 type; empty for CAMEO 01 (statements), which PLOVER does not code.
    pub plover: Box<str>,
    pub mode: Option<Box<str>>,
}

/// CAMEO code → [`CodeInfo`].
#[derive(Debug, Default)]
pub struct CameoTable {
    codes: FxHashMap<Box<str>, CodeInfo>,
}

impl CameoTable {
    pub fn embedded() -> Self {
        Self::load(&LexiconSource::default()).expect("embedded CAMEO table is valid")
    }

    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut t = CameoTable::default();
        for (file, text) in texts(src, "cameo.tsv", CAMEO)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 4 {
                    return Err(l.error(
                        "expected: code <TAB> goldstein <TAB> quad <TAB> plover [<TAB> mode]",
                    ));
                }
                let code = l.fields[0];
                if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(l.error(format!("bad CAMEO code {code:?}")));
                }
                let goldstein: f32 = l.fields[1]
                    .parse()
                    .map_err(|_| l.error(format!("bad Goldstein value {:?}", l.fields[1])))?;
                let quad_class: u8 = l.fields[2]
                    .parse()
                    .ok()
                    .filter(|q| (1..=4).contains(q))
                    .ok_or_else(|| l.error(format!("bad quad class {:?}", l.fields[2])))?;
                let mode = l.fields.get(4).filter(|m| !m.is_empty() && **m != "-");
                t.codes.insert(
                    code.into(),
                    CodeInfo {
                        goldstein,
                        quad_class,
                        plover: if l.fields[3] == "-" { "" } else { l.fields[3] }.into(),
                        mode: mode.map(|m| (*m).into()),
                    },
                );
                Ok(())
            })?;
        }
        Ok(t)
    }

    /// The entry for `code`, falling back to its parent code (`0331` → `033` → `03`).
    pub fn get(&self, code: &str) -> Option<&CodeInfo> {
        let mut c = code;
        loop {
            if let Some(i) = self.codes.get(c) {
                return Some(i);
            }
            if c.len() <= 2 {
                return None;
            }
            c = &c[..c.len() - 1];
        }
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

const PENTACLASS: &str = include_str!("../../../lexicon/pentaclass.tsv");

/// PentaClass of a CAMEO code as in the ConfliBERT event-class data
/// (`lexicon/pentaclass.tsv`): 0 statement/appeal, 1 verbal cooperation, 2 material
/// cooperation, 3 verbal conflict, 4 material conflict.
pub fn penta_class(code: &str) -> u8 {
    let root = code.get(..2).unwrap_or("");
    PENTACLASS
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .find(|(r, _)| *r == root)
        .and_then(|(_, c)| c.trim().parse().ok())
        .unwrap_or(0)
}

/// PentaClass from CAMEO's own quad classes: 01–02 → 0, else the quad class.
pub fn penta_class_standard(code: &str) -> u8 {
    match code.get(..2).and_then(|r| r.parse::<u8>().ok()) {
        Some(1 | 2) => 0,
        Some(3..=5) => 1,
        Some(6..=8) => 2,
        Some(9..=13) => 3,
        Some(_) => 4,
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_root_with_goldstein_and_plover() {
        let t = CameoTable::embedded();
        assert!(t.len() > 300);
        for root in 1..=20 {
            let code = format!("{root:02}");
            assert!(t.get(&code).is_some(), "root {code}");
        }
        let pledge = t.get("0331").unwrap();
        assert_eq!(pledge.goldstein, 5.2);
        assert_eq!(pledge.quad_class, 1);
        assert_eq!(&*pledge.plover, "AGREE");
        let phone = t.get("041").unwrap();
        assert_eq!(phone.mode.as_deref(), Some("phone"));
        assert_eq!(&*t.get("193").unwrap().plover, "ASSAULT");
        assert_eq!(t.get("193").unwrap().quad_class, 4);
        assert_eq!(&*t.get("111").unwrap().plover, "ACCUSE");
        // unknown sub-code falls back to its parent
        assert_eq!(
            t.get("1929").unwrap().goldstein,
            t.get("192").unwrap().goldstein
        );
    }

    #[test]
    fn penta_classes() {
        assert_eq!(penta_class("010"), 0);
        assert_eq!(penta_class("0253"), 0);
        assert_eq!(penta_class("057"), 1);
        assert_eq!(penta_class("073"), 2);
        assert_eq!(penta_class("112"), 3);
        assert_eq!(penta_class("190"), 4);
        assert_eq!(penta_class("163"), 3);
        assert_eq!(penta_class_standard("163"), 4);
    }
}
