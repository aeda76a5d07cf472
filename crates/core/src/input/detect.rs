//! How to read a file, decided from its first bytes: the encoding (a
//! byte-order mark, else UTF-8 when the bytes are UTF-8, else Mozilla's
//! detector among the legacy encodings) and the delimiter (`,` `;` tab `|`,
//! the one every first line splits alike on, quotes respected). The first
//! bytes are read into memory and handed back in front of the rest, so the
//! input still streams.

use std::io::{self, Cursor, Read};

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::findings::finding::Finding;
use crate::input::encoding::InputEncoding;
use crate::rules::Code;

/// Bytes looked at: enough for the detector and for a few dozen lines.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Lines the delimiter must split alike.
const SNIFF_LINES: usize = 20;

/// The delimiters looked for, the first preferred on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// The input again: the bytes looked at, then the rest.
pub(crate) type Rejoined<R> = io::Chain<Cursor<Vec<u8>>, R>;

/// How the input is read.
#[derive(Debug, Clone)]
pub(crate) struct Reading {
    /// The encoding to transcode from; `None`: UTF-8 as is.
    pub(crate) transcode: Option<InputEncoding>,
    /// The encoding's name, as `report.json` names it.
    pub(crate) encoding: &'static str,
    /// The field delimiter.
    pub(crate) delimiter: u8,
    /// What a person should know about the choice (F011, F009).
    pub(crate) findings: Vec<Finding>,
}

/// Reads the first bytes of `input` and decides how to read it: `declared`
/// is `--encoding` (`None`: detect), `delimiter` `--delimiter` (`None`:
/// sniff). Returns the decision and the input, whole again.
pub(crate) fn decide<R: Read>(
    mut input: R,
    declared: Option<InputEncoding>,
    delimiter: Option<u8>,
) -> io::Result<(Reading, Rejoined<R>)> {
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    if let Err(error) = (&mut input)
        .take(SAMPLE_BYTES as u64)
        .read_to_end(&mut sample)
    {
        // As the tap says it of a later read: where the input broke off.
        return Err(io::Error::new(
            error.kind(),
            format!(
                "reading the input failed after {} bytes: {error}",
                sample.len()
            ),
        ));
    }
    let complete = sample.len() < SAMPLE_BYTES;
    let mut findings = Vec::new();
    let encoding = match declared {
        Some(declared) => {
            if let Some(finding) = looks_like_utf8(&sample, complete, declared) {
                findings.push(finding);
            }
            declared.encoding()
        }
        None => {
            let (encoding, why) = detect(&sample, complete);
            if let Some(why) = why {
                findings.push(
                    Finding::new(
                        Code::F011,
                        format!(
                            "the file is not UTF-8: it was read as {} ({why})",
                            encoding.name()
                        ),
                    )
                    .at_line(1),
                );
            }
            encoding
        }
    };
    let delimiter = delimiter.unwrap_or_else(|| {
        let (text, _) = encoding.decode_with_bom_removal(&sample);
        sniff_delimiter(&text, complete)
    });
    if delimiter != b',' {
        findings.push(
            Finding::new(
                Code::F011,
                format!(
                    "the fields are separated by {}; the outputs use commas, as Ringg reads them",
                    delimiter_name(delimiter)
                ),
            )
            .at_line(1),
        );
    }
    let reading = Reading {
        transcode: (encoding != UTF_8).then(|| InputEncoding::from_encoding(encoding)),
        encoding: encoding.name(),
        delimiter,
        findings,
    };
    Ok((reading, Cursor::new(sample).chain(input)))
}

/// `;`, `a tab`, `|`.
pub(crate) fn delimiter_name(delimiter: u8) -> String {
    match delimiter {
        b'\t' => "tabs".to_owned(),
        other => format!("`{}`", char::from(other)),
    }
}

/// The encoding of `sample` and, when it is not plain UTF-8, why.
fn detect(sample: &[u8], complete: bool) -> (&'static Encoding, Option<&'static str>) {
    if let Some((encoding, _)) = Encoding::for_bom(sample) {
        let why = (encoding != UTF_8).then_some("its byte-order mark says so");
        return (encoding, why);
    }
    if let Some(encoding) = utf16_without_bom(sample) {
        return (encoding, Some("every other byte is NUL"));
    }
    if is_utf8(sample, complete) {
        return (UTF_8, None);
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(sample, complete);
    let guess = detector.guess(None, true);
    if guess == UTF_8 {
        // The detector calls the bytes UTF-8 but they are not: they are
        // read as UTF-8 and the bad ones reported (F001, F009).
        return (UTF_8, None);
    }
    (
        guess,
        Some("detected from its bytes; `--encoding` chooses another"),
    )
}

/// `sample` is UTF-8; a character cut by the end of an incomplete sample
/// does not count against it.
fn is_utf8(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(error) => !complete && error.error_len().is_none(),
    }
}

/// ASCII text in UTF-16 without a byte-order mark: a NUL at every other
/// byte of the first bytes, which side telling the byte order.
pub(crate) fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    let head = &sample[..sample.len().min(64) & !1];
    if head.len() < 8 {
        return None;
    }
    let pairs = || head.chunks_exact(2);
    if pairs().all(|pair| pair[1] == 0 && pair[0] != 0) {
        Some(UTF_16LE)
    } else if pairs().all(|pair| pair[0] == 0 && pair[1] != 0) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A warning when `declared` (not UTF-8) turns UTF-8 text into mojibake:
/// the sample is UTF-8 with characters beyond ASCII.
fn looks_like_utf8(sample: &[u8], complete: bool, declared: InputEncoding) -> Option<Finding> {
    let encoding = declared.encoding();
    if encoding == UTF_8
        || encoding == UTF_16LE
        || encoding == UTF_16BE
        || sample.is_ascii()
        || !is_utf8(sample, complete)
        || Encoding::for_bom(sample).is_some_and(|(bom, _)| bom != UTF_8)
    {
        return None;
    }
    let text = String::from_utf8_lossy(sample);
    let word = text
        .split(|c: char| c.is_whitespace() || ",;\t|\"".contains(c))
        .find(|word| !word.is_ascii())?;
    let (garbled, _) = encoding.decode_without_bom_handling(word.as_bytes());
    Some(
        Finding::new(
            Code::F009,
            format!(
                "the file looks like UTF-8, but `--encoding {}` reads `{word}` as `{garbled}`; leave `--encoding` out",
                encoding.name().to_ascii_lowercase()
            ),
        )
        .at_line(1),
    )
}

/// The delimiter every first line (up to [`SNIFF_LINES`]) splits into the
/// same number of fields on, more than one, the most fields winning; a
/// comma when none does.
fn sniff_delimiter(text: &str, complete: bool) -> u8 {
    let mut lines = logical_lines(text);
    if !complete && lines.len() > 1 {
        // The sample may end inside its last line.
        lines.pop();
    }
    let Some(first) = lines.first() else {
        return b',';
    };
    let mut best: Option<(usize, usize)> = None;
    for (index, &count) in first.iter().enumerate() {
        if count == 0 || lines.iter().any(|line| line[index] != count) {
            continue;
        }
        if best.is_none_or(|(_, most)| count > most) {
            best = Some((index, count));
        }
    }
    best.map_or(b',', |(index, _)| DELIMITERS[index])
}

/// The count of each of [`DELIMITERS`] outside quotes, per non-blank line
/// of `text` (a quoted line break stays inside its line).
fn logical_lines(text: &str) -> Vec<[usize; 4]> {
    let mut lines = Vec::new();
    let mut counts = [0usize; 4];
    let mut quoted = false;
    let mut blank = true;
    for byte in text.bytes() {
        match byte {
            b'"' => {
                quoted = !quoted;
                blank = false;
            }
            b'\n' | b'\r' if !quoted => {
                if !blank {
                    lines.push(counts);
                    if lines.len() == SNIFF_LINES + 1 {
                        break;
                    }
                }
                counts = [0; 4];
                blank = true;
            }
            _ => {
                if !quoted && let Some(index) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[index] += 1;
                }
                blank = false;
            }
        }
    }
    if !blank {
        lines.push(counts);
    }
    lines.truncate(SNIFF_LINES);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(bytes: &[u8], declared: Option<&str>) -> (Reading, String) {
        let declared = declared.map(|label| InputEncoding::for_label(label).unwrap());
        let (reading, mut input) = decide(bytes, declared, None).unwrap();
        let mut raw = Vec::new();
        input.read_to_end(&mut raw).unwrap();
        assert_eq!(raw, bytes, "the input is handed back whole");
        let messages = reading.findings.iter().map(|f| f.message.clone()).collect();
        (reading, messages)
    }

    #[test]
    fn utf8_is_read_as_is_and_said_nothing_of() {
        let (r, said) = reading("Mobile Number,Name\n+919876543210,José\n".as_bytes(), None);
        assert_eq!(
            (r.encoding, r.delimiter, r.transcode),
            ("UTF-8", b',', None)
        );
        assert_eq!(said, "");
    }

    #[test]
    fn windows_1252_is_detected_and_named() {
        let (r, said) = reading(
            b"Mobile Number;Name\n+919876543210;Jos\xe9 M\xfcller\n",
            None,
        );
        assert_eq!((r.encoding, r.delimiter), ("windows-1252", b';'));
        assert!(said.contains("read as windows-1252 (detected"), "{said}");
        assert!(said.contains("separated by `;`"), "{said}");
    }

    #[test]
    fn utf16_is_read_by_its_bom_or_its_nuls() {
        let text = "Mobile Number\tName\n+919876543210\tJosé\n";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let (r, said) = reading(&le, None);
        assert_eq!((r.encoding, r.delimiter), ("UTF-16LE", b'\t'));
        assert!(said.contains("byte-order mark"), "{said}");
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(reading(&be, None).0.encoding, "UTF-16BE");
    }

    #[test]
    fn a_declared_legacy_encoding_on_utf8_is_a_warning() {
        let (r, said) = reading("Name\nJosé\n".as_bytes(), Some("windows-1252"));
        assert_eq!(r.encoding, "windows-1252");
        assert!(said.contains("reads `José` as `JosÃ©`"), "{said}");
        assert_eq!(r.findings[0].code, Code::F009);
    }

    #[test]
    fn the_delimiter_is_the_one_every_line_agrees_on() {
        assert_eq!(sniff_delimiter("a,b;c\n1,2;3\n", true), b',');
        assert_eq!(sniff_delimiter("a;b;c\n\"x;y\";2;3\n", true), b';');
        assert_eq!(sniff_delimiter("a|b\n1|2\n", true), b'|');
        // `Rao, Asha` is quoted: the comma inside is no delimiter.
        assert_eq!(sniff_delimiter("a;b\n\"Rao, Asha\";2\n", true), b';');
        // Nothing consistent: a comma, and the header rules say why.
        assert_eq!(sniff_delimiter("a;b\n1;2;3\n", true), b',');
        assert_eq!(sniff_delimiter("", true), b',');
    }
}
