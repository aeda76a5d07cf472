//! Small text helpers on the validators' hot path.

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
