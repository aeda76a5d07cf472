//! Small text helpers on the validators' hot path, and how text from a
//! file is shown.

use std::fmt;

/// `text` without leading and trailing white space, as [`str::trim`]; a
/// cell that starts and ends with visible ASCII (nearly every cell) is
/// returned as it is without decoding a character.
pub(crate) fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// `bytes` holds one of `needles`. Eight bytes at a time: a byte equal to
/// a needle makes a zero byte in the word XORed with it, which one
/// subtraction detects. Cells and records are a few dozen bytes, too short
/// for a vector search to pay for setting itself up.
pub(crate) fn contains_any<const N: usize>(bytes: &[u8], needles: [u8; N]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH_BITS: u64 = u64::from_ne_bytes([0x80; 8]);
    let has_zero_byte = |word: u64| word.wrapping_sub(ONES) & !word & HIGH_BITS != 0;
    let (words, rest) = bytes.as_chunks::<8>();
    words
        .iter()
        .map(|word| u64::from_ne_bytes(*word))
        .any(|word| {
            needles.iter().fold(false, |found, &needle| {
                found | has_zero_byte(word ^ (ONES * u64::from(needle)))
            })
        })
        || rest.iter().any(|byte| needles.contains(byte))
}

/// Characters of a cell quoted in a message at most.
const PREVIEW_CHARS: usize = 60;

/// The text as quoted in a message: a hostile cell or field of a megabyte
/// must not make a message of a megabyte.
pub(crate) fn preview(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(PREVIEW_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]).into(),
        None => text.into(),
    }
}

/// Unicode's format characters (general category Cf, Unicode 15.1), as
/// inclusive ranges in ascending order: invisible, and never part of a
/// number (bidirectional marks, zero-width joiners, the byte-order mark,
/// the soft hyphen).
pub(crate) const FORMAT_CHARACTERS: [(u32, u32); 21] = [
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

/// `text` as a terminal or a CI log should show it: control characters
/// (the escape that starts `\x1b[2J`), format characters and other
/// invisible ones escaped as `\u{1b}`, so a cell cannot clear a screen,
/// forge a line or hide what it holds. Borrowed when nothing needs it.
pub fn escape_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.bytes().all(|b| b.is_ascii() && !b.is_ascii_control())
        || !text.chars().any(is_invisible)
    {
        return text.into();
    }
    Shown(text).to_string().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_any_finds_each_needle_at_every_place() {
        let needles = [b',', b'"', b'\n', b'\r', 0];
        for len in 0..40 {
            let plain: Vec<u8> = (0..len)
                .map(|i| b"aZ9 -+/.;'\x80\xff\x01\t"[i % 14])
                .collect();
            assert!(!contains_any(&plain, needles), "{plain:?}");
            for at in 0..len {
                for needle in needles {
                    let mut bytes = plain.clone();
                    bytes[at] = needle;
                    assert!(contains_any(&bytes, needles), "{bytes:?}");
                    assert!(contains_any(&bytes, [needle]), "{bytes:?}");
                }
            }
        }
        // Bytes one off the needles do not count.
        assert!(!contains_any(
            b"+-!#\x0b\x0c\x0e+-!#\x0b\x0c\x0e\x01",
            needles
        ));
    }

    #[test]
    fn trims_as_str_trim_does() {
        for text in [
            "",
            " ",
            "+919876543210",
            " 98765 43210 ",
            "\t20/10/2026\u{a0}",
            "\u{3000}名前\u{2003}",
            "a",
            "é ",
            " é",
            "x\u{85}",
        ] {
            assert_eq!(trim(text), text.trim(), "{text:?}");
        }
    }
}
