//! PLOVER modes from the words of the sentence (`lexicon/modes.tsv`): the weapon or form of
//! action an event verb does not tell ("killed ... in a roadside bombing" → explosives).

use petrel_actors::files::{for_lines, texts, LexiconError, LexiconSource};
use petrel_doc::Document;

const MODES: &str = include_str!("../../../lexicon/modes.tsv");

/// One line of `modes.tsv`.
#[derive(Debug, Clone)]
struct ModeCue {
    kind: Box<str>,
    mode: Box<str>,
    /// Each cue as its lower-case words.
    cues: Vec<Vec<Box<str>>>,
    /// Modes from the verb this line may replace.
    replaces: Vec<Box<str>>,
}

/// The mode cues, in file order (the first matching line wins).
#[derive(Debug, Default, Clone)]
pub struct ModeCues {
    lines: Vec<ModeCue>,
}

impl ModeCues {
    pub fn embedded() -> Self {
        Self::load(&LexiconSource::default()).expect("embedded modes.tsv is valid")
    }

    pub fn load(src: &LexiconSource) -> Result<Self, LexiconError> {
        let mut m = ModeCues::default();
        for (file, text) in texts(src, "modes.tsv", MODES)? {
            for_lines(&file, &text, |l| {
                if l.fields.len() < 3 || l.fields[0].is_empty() || l.fields[1].is_empty() {
                    return Err(l.error(
                        "expected: PLOVER type <TAB> mode <TAB> cues [<TAB> modes it replaces]",
                    ));
                }
                let list = |f: &str| -> Vec<Box<str>> {
                    f.split('|')
                        .map(str::trim)
                        .filter(|x| !x.is_empty() && *x != "-")
                        .map(Into::into)
                        .collect()
                };
                let cues: Vec<Vec<Box<str>>> = list(l.fields[2])
                    .iter()
                    .map(|c| c.to_lowercase().split('_').map(Into::into).collect())
                    .collect();
                if cues.is_empty() {
                    return Err(l.error("a mode line needs at least one cue"));
                }
                m.lines.push(ModeCue {
                    kind: l.fields[0].into(),
                    mode: l.fields[1].into(),
                    cues,
                    replaces: l.fields.get(3).map_or(Vec::new(), |f| list(f)),
                });
                Ok(())
            })?;
        }
        Ok(m)
    }

    /// Sets the mode of each event in `doc` whose sentence names its means.
    pub fn apply(&self, doc: &mut Document) {
        if self.lines.is_empty() || doc.events.is_empty() {
            return;
        }
        let tagged = doc.tokens.lemma.len() == doc.tokens.len();
        // Cues are lower case: compare without allocating.
        let word_is = |i: usize, w: &str| {
            doc.form(i).eq_ignore_ascii_case(w) || (tagged && doc.lemma(i).eq_ignore_ascii_case(w))
        };
        let mut modes = Vec::with_capacity(doc.events.len());
        for e in &doc.events {
            let Some(sent) = doc.sentences.get(e.sentence as usize) else {
                modes.push(None);
                continue;
            };
            let (a, b) = (sent.tokens.start as usize, sent.tokens.end as usize);
            let current = e.plover.mode.as_deref();
            let found = self.lines.iter().find(|line| {
                *line.kind == *e.plover.kind
                    && current.is_none_or(|m| line.replaces.iter().any(|r| &**r == m))
                    && line.cues.iter().any(|cue| {
                        (a..b).any(|i| {
                            i + cue.len() <= b
                                && cue.iter().enumerate().all(|(k, w)| word_is(i + k, w))
                        })
                    })
            });
            modes.push(found.map(|l| l.mode.to_string()));
        }
        for (e, m) in doc.events.iter_mut().zip(modes) {
            if let Some(m) = m {
                e.plover.mode = Some(m);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_modes_load() {
        let m = ModeCues::embedded();
        assert!(m.lines.iter().any(|l| &*l.mode == "explosives"));
        assert!(m
            .lines
            .iter()
            .any(|l| l.cues.iter().any(|c| c.len() == 2 && &*c[0] == "hunger")));
    }
}
