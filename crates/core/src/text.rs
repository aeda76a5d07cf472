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

#[cfg(test)]
mod tests {
    use super::*;

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
