//! Language data for the tokenizer and sentence splitter, kept in `data/` and embedded.

use rustc_hash::{FxHashMap, FxHashSet};

/// How an abbreviation behaves at a possible sentence end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Precedes a name (`Mr.`, `Gen.`): never ends a sentence.
    Title,
    /// A month or weekday (`Jan.`): ends a sentence only before a sentence starter.
    Month,
    /// Precedes a number (`No. 5`).
    Number,
    /// May end a sentence (`Inc.`, `etc.`).
    General,
}

/// The tokenizer's and splitter's word lists.
#[derive(Debug, Clone)]
pub struct TextLexicon {
    abbrevs: FxHashMap<String, AbbrevClass>,
    /// Lower-cased word → split points (byte lengths of the parts).
    contractions: FxHashMap<String, Vec<usize>>,
    starters: FxHashSet<String>,
    hyphen_prefixes: FxHashSet<String>,
    emoticons: FxHashSet<String>,
}

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.tsv");
const CONTRACTIONS: &str = include_str!("../data/contractions.tsv");
const STARTERS: &str = include_str!("../data/sentence-starters.txt");
const HYPHEN_PREFIXES: &str = include_str!("../data/hyphen-prefixes.txt");
const EMOTICONS: &str = include_str!("../data/emoticons.txt");

fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

impl Default for TextLexicon {
    fn default() -> Self {
        Self::embedded()
    }
}

impl TextLexicon {
    /// The lexicon embedded in the binary. The data files are part of the crate, so a
    /// malformed line is a build defect caught by the tests, not a user error.
    pub fn embedded() -> Self {
        let mut abbrevs = FxHashMap::default();
        for line in data_lines(ABBREVIATIONS) {
            let (word, class) = line.split_once('\t').unwrap_or((line, "general"));
            let class = match class {
                "title" => AbbrevClass::Title,
                "month" => AbbrevClass::Month,
                "number" => AbbrevClass::Number,
                _ => AbbrevClass::General,
            };
            abbrevs.entry(word.to_string()).or_insert(class);
        }
        let mut contractions = FxHashMap::default();
        for line in data_lines(CONTRACTIONS) {
            if let Some((word, parts)) = line.split_once('\t') {
                let lens: Vec<usize> = parts.split(' ').map(str::len).collect();
                debug_assert_eq!(lens.iter().sum::<usize>(), word.len(), "{line}");
                contractions.insert(word.to_string(), lens);
            }
        }
        let starters = data_lines(STARTERS).map(str::to_string).collect();
        TextLexicon {
            abbrevs,
            contractions,
            starters,
            hyphen_prefixes: data_lines(HYPHEN_PREFIXES).map(str::to_string).collect(),
            emoticons: data_lines(EMOTICONS).map(str::to_string).collect(),
        }
    }

    /// The class of an abbreviation given without its final period, case-insensitively.
    pub fn abbrev(&self, word_without_period: &str) -> Option<AbbrevClass> {
        if word_without_period.bytes().any(|b| b.is_ascii_uppercase()) {
            self.abbrevs
                .get(&word_without_period.to_ascii_lowercase())
                .copied()
        } else {
            self.abbrevs.get(word_without_period).copied()
        }
    }

    /// Part lengths if `word` (any case, either apostrophe) is a listed contraction.
    pub fn contraction(&self, word: &str) -> Option<&[usize]> {
        if word.len() > 8 {
            return None;
        }
        let key: String = word
            .chars()
            .map(|c| {
                if c == '\u{2019}' {
                    '\''
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let lens = self.contractions.get(&key)?;
        // A curly apostrophe is 3 bytes, not 1: only use the split when lengths agree.
        (key.len() == word.len()).then_some(lens.as_slice())
    }

    /// Whether `prefix-word` stays one token (`non-state`, `e-mail`).
    pub fn keeps_hyphen(&self, prefix: &str) -> bool {
        prefix.len() <= 7 && self.hyphen_prefixes.contains(&prefix.to_ascii_lowercase())
    }

    pub fn is_emoticon(&self, s: &str) -> bool {
        s.len() <= 4 && self.emoticons.contains(s)
    }

    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_files_load() {
        let lex = TextLexicon::embedded();
        assert_eq!(lex.abbrev("Mr"), Some(AbbrevClass::Title));
        assert_eq!(lex.abbrev("jan"), Some(AbbrevClass::Month));
        assert_eq!(lex.abbrev("Inc"), Some(AbbrevClass::General));
        assert_eq!(lex.abbrev("Kyrgyzstan"), None);
        assert_eq!(lex.contraction("Can't"), Some(&[2usize, 3][..]));
        assert_eq!(lex.contraction("fired"), None);
        assert!(lex.is_sentence_starter("The"));
        assert!(lex.keeps_hyphen("Non"));
        assert!(!lex.keeps_hyphen("long"));
        assert!(lex.is_emoticon(":-)"));
        for line in data_lines(CONTRACTIONS) {
            let (word, parts) = line.split_once('\t').expect("two columns");
            assert_eq!(parts.replace(' ', ""), word, "parts must rebuild the word");
        }
    }
}
