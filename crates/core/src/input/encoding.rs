//! Input encodings: transcoding a file that is not UTF-8 (`--encoding
//! windows-1252`) as it streams by, and noticing, when none was given, that
//! a file which is not UTF-8 looks like Windows-1252.

use std::fmt;
use std::io::{self, Read};

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8, WINDOWS_1252};

use crate::findings::finding::Finding;
use crate::rules::Code;

/// The encoding of the input, when it is not UTF-8.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct InputEncoding(&'static Encoding);

impl InputEncoding {
    /// The encoding a WHATWG label names (`windows-1252`, `latin1`,
    /// `utf-16le`, `shift_jis`, …); `None` for an unknown label.
    pub fn for_label(label: &str) -> Option<Self> {
        Encoding::for_label(label.trim().as_bytes()).map(InputEncoding)
    }

    /// The encoding itself.
    pub(crate) fn encoding(self) -> &'static Encoding {
        self.0
    }

    /// `encoding` as an input encoding.
    pub(crate) fn from_encoding(encoding: &'static Encoding) -> Self {
        InputEncoding(encoding)
    }

    /// Windows-1252, what Excel on Windows writes as "CSV".
    pub fn windows_1252() -> Self {
        InputEncoding(WINDOWS_1252)
    }

    /// The encoding's canonical name, e.g. `windows-1252`.
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// UTF-8 needs no transcoding: invalid bytes are then kept as they
    /// are and reported, never replaced.
    pub(crate) fn transcodes(self) -> bool {
        self.0 != UTF_8
    }
}

impl fmt::Debug for InputEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Raw bytes read from `inner` at a time.
const RAW_CHUNK: usize = 1 << 14;

/// A reader that decodes `inner` from an encoding into UTF-8 as it is
/// read, holding one chunk at a time, never the file. A byte-order mark
/// wins over the declared encoding (a UTF-16 BOM decodes as UTF-16) and is
/// removed.
pub(crate) struct Transcoder<R> {
    inner: R,
    decoder: Decoder,
    raw: Box<[u8]>,
    raw_start: usize,
    raw_end: usize,
    decoded: Box<[u8]>,
    decoded_start: usize,
    decoded_end: usize,
    /// `inner` returned end of file.
    input_done: bool,
    /// The decoder was flushed: nothing more will come.
    finished: bool,
}

impl<R: Read> Transcoder<R> {
    pub(crate) fn new(inner: R, encoding: InputEncoding) -> Self {
        let decoder = encoding.0.new_decoder();
        // Enough room for any chunk, so one call always consumes the
        // whole chunk.
        let room = decoder
            .max_utf8_buffer_length(RAW_CHUNK)
            .unwrap_or(RAW_CHUNK * 4)
            .max(16);
        Transcoder {
            inner,
            decoder,
            raw: vec![0; RAW_CHUNK].into_boxed_slice(),
            raw_start: 0,
            raw_end: 0,
            decoded: vec![0; room].into_boxed_slice(),
            decoded_start: 0,
            decoded_end: 0,
            input_done: false,
            finished: false,
        }
    }

    pub(crate) fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: Read> Read for Transcoder<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if self.decoded_start < self.decoded_end {
                let n = buf.len().min(self.decoded_end - self.decoded_start);
                buf[..n].copy_from_slice(&self.decoded[self.decoded_start..self.decoded_start + n]);
                self.decoded_start += n;
                return Ok(n);
            }
            if self.finished || buf.is_empty() {
                return Ok(0);
            }
            if self.raw_start == self.raw_end && !self.input_done {
                let n = self.inner.read(&mut self.raw)?;
                self.raw_start = 0;
                self.raw_end = n;
                self.input_done = n == 0;
            }
            let (result, read, written, _) = self.decoder.decode_to_utf8(
                &self.raw[self.raw_start..self.raw_end],
                &mut self.decoded,
                self.input_done,
            );
            self.raw_start += read;
            self.decoded_start = 0;
            self.decoded_end = written;
            if self.input_done && result == CoderResult::InputEmpty {
                self.finished = true;
            }
        }
    }
}

/// Bytes at which Windows-1252 has no character: a file that holds them is
/// not Windows-1252.
const WINDOWS_1252_UNDEFINED: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

/// Watches the raw bytes of a file read without `--encoding` for bytes that
/// are not UTF-8, to name the encoding the file is most likely in.
#[derive(Debug, Default)]
pub(crate) struct EncodingScan {
    /// The start of a UTF-8 sequence cut by the end of the previous chunk.
    carry: Vec<u8>,
    /// Bytes that are not UTF-8.
    invalid_bytes: u64,
    /// Characters outside ASCII that are valid UTF-8.
    utf8_characters: u64,
    /// Some byte that is not UTF-8 is not Windows-1252 either.
    not_windows_1252: bool,
    /// The first bytes that are not UTF-8: their line, and the text around
    /// them.
    first: Option<(u64, Vec<u8>)>,
}

impl EncodingScan {
    /// Scans the next chunk; `line_at` gives the line of a byte of the
    /// chunk (by its index), asked once, for the first bad byte.
    pub(crate) fn scan(&mut self, chunk: &[u8], line_at: impl FnOnce(usize) -> u64) {
        if self.carry.is_empty() && chunk.is_ascii() {
            return;
        }
        let carried = self.carry.len();
        let joined: std::borrow::Cow<'_, [u8]> = if carried == 0 {
            chunk.into()
        } else {
            [std::mem::take(&mut self.carry).as_slice(), chunk]
                .concat()
                .into()
        };
        let mut rest = &joined[..];
        let mut consumed = 0;
        let mut line_at = Some(line_at);
        loop {
            let (valid, error) = match std::str::from_utf8(rest) {
                Ok(_) => (rest, None),
                Err(error) => (&rest[..error.valid_up_to()], Some(error)),
            };
            self.utf8_characters += valid.iter().filter(|&&b| b >= 0xC0).count() as u64;
            let Some(error) = error else { break };
            let start = error.valid_up_to();
            let Some(len) = error.error_len() else {
                // A sequence cut by the end of the chunk: decide it with
                // the next one.
                self.carry = rest[start..].to_vec();
                break;
            };
            let bad = &rest[start..start + len];
            self.invalid_bytes += len as u64;
            if bad.iter().any(|b| WINDOWS_1252_UNDEFINED.contains(b)) {
                self.not_windows_1252 = true;
            }
            if self.first.is_none() {
                let at = consumed + start;
                let line = line_at
                    .take()
                    .map_or(0, |line_at| line_at(at.saturating_sub(carried)));
                self.first = Some((line, cell_around(&joined, at)));
            }
            consumed += start + len;
            rest = &rest[start + len..];
        }
    }

    /// At the end of the file: a file-level finding naming the likely
    /// encoding, when some bytes were not UTF-8.
    pub(crate) fn finding(&self) -> Option<Finding> {
        let (line, sample) = self.first.as_ref()?;
        let seen = String::from_utf8_lossy(sample);
        let (as_1252, _) = WINDOWS_1252.decode_without_bom_handling(sample);
        let count = self.invalid_bytes;
        let message = if self.not_windows_1252 {
            format!(
                "{count} byte(s) are not UTF-8, the first on line {line} (`{seen}`), and the file is not Windows-1252 either; re-export it as CSV UTF-8"
            )
        } else if self.utf8_characters > 0 {
            format!(
                "the file mixes UTF-8 with another encoding: {count} byte(s) are not UTF-8, the first on line {line} (`{seen}`, `{as_1252}` in Windows-1252); re-export it as CSV UTF-8"
            )
        } else {
            format!(
                "the file is not UTF-8 but looks like Windows-1252: {count} byte(s) are not UTF-8, the first on line {line} (`{seen}` reads `{as_1252}`); rerun with `--encoding windows-1252`"
            )
        };
        Some(Finding::new(Code::F009, message).at_line(*line))
    }
}

/// The cell around byte `at`: from the delimiter before it to the one
/// after, at most 24 bytes either side.
fn cell_around(bytes: &[u8], at: usize) -> Vec<u8> {
    let is_boundary = |b: &u8| matches!(b, b',' | b'\n' | b'\r' | b'"');
    let floor = at.saturating_sub(24);
    let start = bytes[floor..at]
        .iter()
        .rposition(is_boundary)
        .map_or(floor, |i| floor + i + 1);
    let ceiling = (at + 24).min(bytes.len());
    let end = bytes[at..ceiling]
        .iter()
        .position(is_boundary)
        .map_or(ceiling, |i| at + i);
    bytes[start..end].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `data` through a transcoder whose inner reader hands out
    /// `chunk` bytes at a time, into a buffer of `buffer` bytes.
    fn transcode(data: &[u8], label: &str, chunk: usize, buffer: usize) -> String {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let encoding = InputEncoding::for_label(label).unwrap();
        let mut reader = Transcoder::new(Chunked(data, chunk), encoding);
        let mut out = Vec::new();
        let mut buf = vec![0; buffer];
        loop {
            let n = reader.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn windows_1252_and_utf_16_decode_whatever_the_chunking() {
        let cp1252 = b"Name\r\nJos\xe9 M\xfcller \x80 \x93quoted\x94\r\n";
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Name\nZoë\n".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        for (chunk, buffer) in [(1, 1), (1, 4), (3, 2), (7, 64), (1 << 16, 1 << 16)] {
            assert_eq!(
                transcode(cp1252, "windows-1252", chunk, buffer),
                "Name\r\nJosé Müller € “quoted”\r\n"
            );
            assert_eq!(transcode(&utf16, "utf-16le", chunk, buffer), "Name\nZoë\n");
        }
        assert_eq!(transcode(b"", "latin1", 1, 1), "");
    }

    #[test]
    fn labels_name_encodings() {
        assert_eq!(
            InputEncoding::for_label("latin1").map(InputEncoding::name),
            Some("windows-1252")
        );
        assert!(InputEncoding::for_label("klingon").is_none());
        assert!(!InputEncoding::for_label("utf8").unwrap().transcodes());
    }

    fn scan(chunks: &[&[u8]]) -> EncodingScan {
        let mut scan = EncodingScan::default();
        for chunk in chunks {
            scan.scan(chunk, |_| 3);
        }
        scan
    }

    #[test]
    fn windows_1252_text_is_named_and_the_first_bad_cell_shown() {
        let finding = scan(&[b"Name\nAsha\n", b"Jos\xe9,x\n"]).finding().unwrap();
        assert_eq!(finding.code, Code::F009);
        assert_eq!(
            finding.message,
            "the file is not UTF-8 but looks like Windows-1252: 1 byte(s) are not UTF-8, the first on line 3 (`Jos\u{fffd}` reads `José`); rerun with `--encoding windows-1252`"
        );
    }

    #[test]
    fn utf8_split_across_chunks_is_not_mistaken_for_bad_bytes() {
        let text = "Zoë,Müller\n".as_bytes();
        for cut in 0..text.len() {
            assert!(
                scan(&[&text[..cut], &text[cut..]]).finding().is_none(),
                "{cut}"
            );
        }
    }

    #[test]
    fn mixed_and_binary_files_are_told_apart() {
        let mixed = scan(&["Zoë\n".as_bytes(), b"Jos\xe9\n"]).finding().unwrap();
        assert!(
            mixed.message.starts_with("the file mixes UTF-8"),
            "{}",
            mixed.message
        );
        let binary = scan(&[b"a\x81\x8d\n"]).finding().unwrap();
        assert!(
            binary.message.contains("not Windows-1252 either"),
            "{}",
            binary.message
        );
    }
}
