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
use std::fmt;

/// Unicode's format characters (general category Cf, Unicode 15.1), as
/// inclusive ranges in ascending order: invisible, and never part of a
/// number (bidirectional marks, zero-width joiners, the byte-order mark,
/// the soft hyphen).
const FORMAT_CHARACTERS: [(u32, u32); 21] = [
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// Whether `c` is a Unicode format character (category Cf).
pub(crate) fn is_format_character(c: char) -> bool {
    let c = u32::from(c);
    // The first is U+00AD: ASCII never is one, and most cells are ASCII.
    c >= 0xAD
        && FORMAT_CHARACTERS
            .binary_search_by(|&(start, end)| {
                if end < c {
                    std::cmp::Ordering::Less
                } else if start > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
}

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

/// A cell's text as a message shows it: invisible characters (format
/// characters, controls, line and paragraph separators, the Hangul
/// fillers) escaped as `\u{200e}`, so that what looks valid on screen
/// says what it holds.
pub(crate) struct Shown<'t>(pub &'t str);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_ascii() && !self.0.bytes().any(|b| b.is_ascii_control()) {
            return f.write_str(self.0);
        }
        for c in self.0.chars() {
            if is_invisible(c) {
                write!(f, "{}", Escaped(c))?;
            } else {
                write!(f, "{c}")?;
            }
        }
        Ok(())
    }
}

/// One character as `\u{200e}`.
pub(crate) struct Escaped(pub char);

impl fmt::Display for Escaped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\\u{{{:x}}}", u32::from(self.0))
    }
}

/// Characters that show nothing, or nothing a reader can tell apart.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || is_format_character(c)
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_characters_are_found_at_both_ends_of_each_range() {
        for &(start, end) in &FORMAT_CHARACTERS {
            for code in [start, end] {
                let c = char::from_u32(code).expect("a character");
                assert!(is_format_character(c), "U+{code:04X}");
            }
            for code in [start - 1, end + 1] {
                let c = char::from_u32(code).expect("a character");
                assert!(!is_format_character(c), "U+{code:04X}");
            }
        }
        assert!(FORMAT_CHARACTERS.windows(2).all(|w| w[0].1 < w[1].0));
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
