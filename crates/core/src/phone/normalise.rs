//! What a phone cell becomes before libphonenumber reads it, and how a
//! message shows it.
//!
//! The reference is libphonenumber's Java/Python reading (Ringg's API is a
//! Python service, which judges numbers with `phonenumbers`), while the
//! crate links `rlibphonenumber`, a port of the C++ library. Where the two
//! differ on a character, the cell is rewritten here, before the parse, so
//! that the C++ semantics give the Java verdict. Each rewrite names its
//! character.

use std::borrow::Cow;

pub(crate) use crate::text::{Escaped, Shown, is_format_character};

/// `text` without its format characters, and those removed (each once, in
/// the order first seen); borrowed and empty when there were none.
pub(crate) fn strip_format_characters(text: &str) -> (Cow<'_, str>, Vec<char>) {
    if text.is_ascii() || !text.chars().any(is_format_character) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut removed = Vec::new();
    let kept = text
        .chars()
        .filter(|&c| {
            if !is_format_character(c) {
                return true;
            }
            if !removed.contains(&c) {
                removed.push(c);
            }
            false
        })
        .collect();
    (Cow::Owned(kept), removed)
}

/// `text` as the Java/Python libphonenumber reads it, for the C++ port:
///
/// - U+FF5E FULLWIDTH TILDE is in Java's punctuation (and its extension
///   characters) but not in C++'s punctuation: it becomes `~`, which is in
///   both of C++'s sets, so it separates digits and marks an extension as
///   in Java.
/// - U+30FC KATAKANA-HIRAGANA PROLONGED SOUND MARK is a dash to every
///   libphonenumber, but Unicode calls it a letter, so the crate's own
///   letters check (P005) would refuse it: it becomes `-`.
pub(crate) fn as_java_reads(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.contains(['\u{ff5e}', '\u{30fc}']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{ff5e}' => '~',
                '\u{30fc}' => '-',
                other => other,
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_are_found_at_both_ends_of_each_range() {
        for &(start, end) in &crate::text::FORMAT_CHARACTERS {
            for code in [start, end] {
                let c = char::from_u32(code).expect("a character");
                assert!(is_format_character(c), "U+{code:04X}");
            }
            for code in [start - 1, end + 1] {
                let c = char::from_u32(code).expect("a character");
                assert!(!is_format_character(c), "U+{code:04X}");
            }
        }
        assert!(
            crate::text::FORMAT_CHARACTERS
                .windows(2)
                .all(|w| w[0].1 < w[1].0)
        );
        assert!(!is_format_character('9') && !is_format_character(' '));
    }

    #[test]
    fn stripping_names_what_was_removed_once() {
        let (text, removed) = strip_format_characters("+91\u{200e}98765\u{200e}43210\u{feff}");
        assert_eq!(text, "+919876543210");
        assert_eq!(removed, ['\u{200e}', '\u{feff}']);
        assert!(matches!(
            strip_format_characters("+91 98765 43210").0,
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn messages_escape_invisible_characters() {
        assert_eq!(
            Shown("+91987\u{200e}6543218").to_string(),
            "+91987\\u{200e}6543218"
        );
        assert_eq!(Shown("98765ー43210").to_string(), "98765ー43210");
        assert_eq!(Shown("a\tb").to_string(), "a\\u{9}b");
    }

    #[test]
    fn java_spellings_are_rewritten_for_the_cpp_port() {
        assert_eq!(as_java_reads("6581～27991 8"), "6581~27991 8");
        assert_eq!(as_java_reads("98765ー43210"), "98765-43210");
    }
}
