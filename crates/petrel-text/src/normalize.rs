//! Normalised token forms. The original text is never changed; only the form a token shows
//! to later components is folded: NFC, typographic quotes to straight ones, soft hyphens
//! and zero-width characters removed.

use std::borrow::Cow;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

#[inline]
fn fold(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' => Some('\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Some('"'),
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => None,
        c => Some(c),
    }
}

/// The normalised form of a token's text; borrows when nothing changes (all ASCII without
/// backticks, the common case).
pub fn normalize(token: &str) -> Cow<'_, str> {
    if token.is_ascii() && !token.contains('`') {
        return Cow::Borrowed(token);
    }
    let needs_fold = token.chars().any(|c| fold(c) != Some(c));
    let nfc = matches!(is_nfc_quick(token.chars()), IsNormalized::Yes);
    if !needs_fold && nfc {
        return Cow::Borrowed(token);
    }
    let folded: String = token.chars().filter_map(fold).collect();
    let out: String = if nfc { folded } else { folded.nfc().collect() };
    if out.is_empty() {
        // A token of only invisible characters keeps its text so that forms are never empty.
        Cow::Owned(token.to_string())
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_quotes_and_composes() {
        assert_eq!(normalize("“Osh”"), "\"Osh\"");
        assert_eq!(normalize("Bakiyev’s"), "Bakiyev's");
        assert_eq!(normalize("cafe\u{301}"), "caf\u{e9}");
        assert_eq!(normalize("cease\u{00AD}fire"), "ceasefire");
        assert!(matches!(normalize("plain"), Cow::Borrowed(_)));
    }
}
