//! The raw input as it passes under the CSV reader: hashed for
//! `input_sha256`, transcoded when an encoding was given, indexed by line
//! so every record gets the line a person sees in an editor, and followed
//! through the CSV grammar so that limits hold before the CSV reader
//! buffers anything and a quote that never closes is known exactly.
//!
//! The `csv` crate's own `Position::line` is not that line: it is taken
//! before blank lines are skipped, and a lone `\r` does not count. So the
//! tap notes where each line terminator (`\n`, `\r\n` or a lone `\r`) starts
//! and ends, and [`InputTap::line_of_record`] turns a record's parse-start
//! byte into its line and the blank lines before it.

use std::collections::VecDeque;
use std::io::{self, Read};

use sha2::{Digest, Sha256};

use crate::findings::finding::Finding;
use crate::input::encoding::{EncodingScan, InputEncoding, Transcoder};
use crate::input::limits::{LimitExceeded, Limits, bytes_text};

/// A reader that hashes, transcodes, indexes line terminators and enforces
/// the limits.
pub(crate) struct InputTap<R> {
    source: Source<R>,
    /// Bytes handed to the CSV reader so far (after transcoding).
    offset: u64,
    /// The previous chunk ended in `\r`, whose terminator is decided by the
    /// next byte.
    pending_cr: Option<u64>,
    /// Terminators not yet passed by the reader: (start, end) offsets.
    terminators: VecDeque<(u64, u64)>,
    /// Terminators passed so far: the line of the cursor is this plus one.
    lines_passed: u64,
    shape: Shape,
    /// Looks for bytes that are not UTF-8 (none when transcoding).
    scan: Option<EncodingScan>,
    /// The first bytes did not turn out to be a UTF-8 byte-order mark.
    past_bom: bool,
    /// End of input was reached.
    at_end: bool,
    /// At the end of input a quoted field was still open: its line.
    unclosed_quote: Option<u64>,
    /// The field delimiter (`,` unless the file uses another).
    delimiter: u8,
    /// Whole lines are found by a search (off only in tests, which check
    /// the search against the byte-by-byte grammar).
    search_lines: bool,
}

/// What the tap learned once the input is read.
pub(crate) struct TapSummary {
    /// SHA-256 of the raw input, hex.
    pub(crate) sha256: String,
    /// A file-level finding naming the likely encoding of bytes that are
    /// not UTF-8.
    pub(crate) encoding: Option<Finding>,
}

/// The input as read, hashed before any transcoding.
struct Hashed<R> {
    inner: R,
    hasher: Sha256,
    /// Off for text made of a workbook, whose own bytes are hashed.
    hashing: bool,
    bytes: u64,
}

impl<R: Read> Read for Hashed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = loop {
            match self.inner.read(buf) {
                Ok(n) => break n,
                // A signal interrupted the read: nothing was read, try again.
                Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
                // Say where the input broke off: a file truncated or a
                // disk failing mid-read reads differently from one that
                // cannot be opened.
                Err(error) => {
                    return Err(io::Error::new(
                        error.kind(),
                        format!(
                            "reading the input failed after {} bytes: {error}",
                            self.bytes
                        ),
                    ));
                }
            }
        };
        if self.hashing {
            self.hasher.update(&buf[..n]);
        }
        self.bytes += n as u64;
        Ok(n)
    }
}

enum Source<R> {
    Plain(Hashed<R>),
    Transcoded(Transcoder<Hashed<R>>),
}

impl<R: Read> Source<R> {
    fn hashed(self) -> Hashed<R> {
        match self {
            Source::Plain(hashed) => hashed,
            Source::Transcoded(transcoder) => transcoder.into_inner(),
        }
    }
}

impl<R: Read> InputTap<R> {
    pub(crate) fn new(inner: R, limits: Limits, encoding: Option<InputEncoding>) -> Self {
        let hashed = Hashed {
            inner,
            hasher: Sha256::new(),
            hashing: true,
            bytes: 0,
        };
        let (source, scan) = match encoding.filter(|e| e.transcodes()) {
            Some(encoding) => (Source::Transcoded(Transcoder::new(hashed, encoding)), None),
            None => (Source::Plain(hashed), Some(EncodingScan::default())),
        };
        InputTap {
            source,
            offset: 0,
            pending_cr: None,
            terminators: VecDeque::new(),
            lines_passed: 0,
            shape: Shape::new(limits),
            scan,
            past_bom: false,
            at_end: false,
            unclosed_quote: None,
            delimiter: b',',
            search_lines: true,
        }
    }

    /// Hashes nothing: the input is text made of a workbook, whose own
    /// bytes are hashed (the summary's hash is then that of nothing).
    pub(crate) fn without_hash(mut self) -> Self {
        // A workbook's text is UTF-8, never transcoded.
        if let Source::Plain(hashed) = &mut self.source {
            hashed.hashing = false;
        }
        self
    }

    /// Fields are separated by `delimiter` (`;`, a tab) instead of `,`.
    pub(crate) fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// For a record whose parse began at byte `parse_start` (the end of the
    /// previous record): its 1-based line and the blank lines skipped before
    /// it. Calls must come in input order.
    pub(crate) fn line_of_record(&mut self, parse_start: u64) -> (u64, u64) {
        // The csv crate may start the next parse between the `\r` and the
        // `\n` of a CRLF, so a terminator that began before the parse start
        // is passed even when it ends after it.
        let mut cursor = parse_start;
        while let Some(&(start, end)) = self.terminators.front() {
            if start >= parse_start {
                break;
            }
            self.terminators.pop_front();
            self.lines_passed += 1;
            cursor = cursor.max(end);
        }
        let mut blank = 0;
        while let Some(&(start, end)) = self.terminators.front() {
            if start != cursor {
                break;
            }
            self.terminators.pop_front();
            self.lines_passed += 1;
            blank += 1;
            cursor = end;
        }
        (self.lines_passed + 1, blank)
    }

    /// Once the input is read: the line where a quoted field opened that
    /// never closed, if one did. The record holding it is the last one the
    /// CSV reader returned. Answers once.
    pub(crate) fn take_unclosed_quote(&mut self) -> Option<u64> {
        self.unclosed_quote.take()
    }

    /// Reads what is left (so the hash covers the whole input) and returns
    /// what the tap learned.
    pub(crate) fn finish(mut self) -> io::Result<TapSummary> {
        let mut buffer = [0u8; 1 << 14];
        while self.read(&mut buffer)? > 0 {}
        let encoding = self.scan.as_ref().and_then(EncodingScan::finding);
        let sha256 = hex(&self.source.hashed().hasher.finalize());
        Ok(TapSummary { sha256, encoding })
    }

    /// Follows `chunk` (the next bytes handed to the reader) through line
    /// terminators and the CSV grammar.
    fn index(&mut self, chunk: &[u8]) -> Result<(), LimitExceeded> {
        let base = self.offset;
        let mut i = 0;
        // The sniffer strips a UTF-8 byte-order mark before the CSV reader
        // sees it, so the grammar starts after it.
        while !self.past_bom && i < chunk.len() {
            let at = base as usize + i;
            if at < UTF8_BOM.len() && chunk[i] == UTF8_BOM[at] {
                i += 1;
            } else {
                self.past_bom = true;
                if at > 0 && at < UTF8_BOM.len() {
                    // Not a BOM after all: those bytes began a field.
                    self.shape.ordinary();
                }
            }
        }
        if let Some(cr) = self.pending_cr.take() {
            if chunk.get(i) == Some(&b'\n') {
                self.terminators.push_back((cr, cr + 2));
                self.shape.terminator(base + i as u64, false)?;
                i += 1;
            } else {
                self.terminators.push_back((cr, cr + 1));
            }
        }
        while i < chunk.len() {
            if self.search_lines && self.shape.at_record_start(base + i as u64) {
                let after = self.whole_lines(chunk, i);
                if after > i {
                    i = after;
                    continue;
                }
            }
            let run = i;
            let delimiter = self.delimiter;
            while i < chunk.len() && !is_special(chunk[i], delimiter) {
                i += 1;
            }
            if i > run {
                self.shape.ordinary();
            }
            let Some(&byte) = chunk.get(i) else {
                break;
            };
            let at = base + i as u64;
            match byte {
                _ if byte == delimiter => self.shape.comma(at)?,
                b'"' => self.shape.quote(),
                b'\n' => {
                    self.terminators.push_back((at, at + 1));
                    self.shape.terminator(at, true)?;
                }
                _ => match chunk.get(i + 1) {
                    Some(b'\n') => {
                        self.terminators.push_back((at, at + 2));
                        self.shape.terminator(at, true)?;
                        self.shape.terminator(at + 1, false)?;
                        i += 1;
                    }
                    Some(_) => {
                        self.terminators.push_back((at, at + 1));
                        self.shape.terminator(at, true)?;
                    }
                    None => {
                        self.pending_cr = Some(at);
                        self.shape.terminator(at, true)?;
                    }
                },
            }
            i += 1;
        }
        self.shape.check_open(base + chunk.len() as u64)
    }

    /// From a record's start at `chunk[start]`: passes the whole lines
    /// that are each one record, returning where the first other one
    /// starts. Most lines are such a record — fields unquoted, or quoted
    /// without a line break inside, ended by `\n` — and no field of one can
    /// break a limit the line does not, so only its quotes need a look:
    /// one vectorised search finds each quote and line end. A `\r`, a
    /// quoted field running on past `\n`, a line over the limits or a line
    /// the chunk cuts off is left to the byte-by-byte grammar.
    fn whole_lines(&mut self, chunk: &[u8], start: usize) -> usize {
        let base = self.offset;
        let delimiter = self.delimiter;
        let mut line_start = start;
        // Where the line's grammar is, at its quotes only: in a quoted
        // field, just after the quote that may close one, or outside.
        let mut quoted = false;
        let mut closing_quote = None;
        for at in memchr::memchr3_iter(b'"', b'\n', b'\r', &chunk[start..]).map(|at| start + at) {
            match chunk[at] {
                b'"' if quoted => {
                    quoted = false;
                    closing_quote = Some(at);
                }
                b'"' => {
                    // A doubled quote inside a quoted field, or a quote at
                    // a field's start, opens (again); elsewhere it is text.
                    let doubled = closing_quote.is_some_and(|quote| quote + 1 == at);
                    quoted = doubled || at == line_start || chunk[at - 1] == delimiter;
                    closing_quote = None;
                }
                b'\n' if !quoted && self.shape.fits((at - line_start) as u64) => {
                    let end = base + at as u64;
                    self.terminators.push_back((end, end + 1));
                    self.shape.plain_line_ended(end);
                    line_start = at + 1;
                    closing_quote = None;
                }
                _ => break,
            }
        }
        line_start
    }
}

impl<R: Read> Read for InputTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = match &mut self.source {
            Source::Plain(hashed) => hashed.read(buf)?,
            Source::Transcoded(transcoder) => transcoder.read(buf)?,
        };
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.terminators.push_back((cr, cr + 1));
            }
            if !self.at_end {
                self.at_end = true;
                self.unclosed_quote = self.shape.open_quote_line();
            }
            return Ok(0);
        }
        let chunk = &buf[..n];
        if let Some(scan) = self.scan.as_mut() {
            let line = self.shape.line;
            scan.scan(chunk, |index| line + lines_in(&chunk[..index]));
        }
        self.index(chunk).map_err(LimitExceeded::into_io)?;
        self.offset += n as u64;
        Ok(n)
    }
}

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// SHA-256 of `bytes`, hex: `input_sha256` of an input read whole.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// The bytes the CSV grammar turns on.
fn is_special(byte: u8, delimiter: u8) -> bool {
    byte == delimiter || matches!(byte, b'"' | b'\n' | b'\r')
}

/// Line terminators in `bytes` (a CRLF counts once).
pub(crate) fn lines_in(bytes: &[u8]) -> u64 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_crs = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
        .count();
    (newlines + lone_crs) as u64
}

/// Where the CSV reader is in its grammar (the `csv` crate's, with its
/// default settings: `,`, `"` doubled to escape, any of `\r`, `\n`, `\r\n`
/// ending a record). A quote opens a quoted field only at the start of a
/// field; elsewhere it is text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// In a field that did not start with a quote.
    Unquoted,
    /// In a field that started with a quote.
    Quoted,
    /// A quote inside a quoted field: the end of it, or the first half of
    /// a doubled quote.
    QuoteInQuoted,
}

/// Follows the CSV grammar over the bytes to measure fields and records
/// as they come in.
#[derive(Debug)]
struct Shape {
    limits: Limits,
    state: State,
    /// The 1-based line of the byte being looked at.
    line: u64,
    field_start: u64,
    field_line: u64,
    /// 1-based index of the field in its record.
    field_number: u64,
    record_start: u64,
    record_line: u64,
    /// The line of the quote that opened the current quoted field.
    quote_line: u64,
}

impl Shape {
    fn new(limits: Limits) -> Self {
        Shape {
            limits,
            state: State::Start,
            line: 1,
            field_start: 0,
            field_line: 1,
            field_number: 1,
            record_start: 0,
            record_line: 1,
            quote_line: 1,
        }
    }

    /// The grammar is at the start of a record that begins at `at`.
    fn at_record_start(&self, at: u64) -> bool {
        self.state == State::Start && self.record_start == at
    }

    /// A record of `len` bytes, and so each of its fields, is within the
    /// limits.
    fn fits(&self, len: u64) -> bool {
        len <= self.limits.max_field_bytes && len <= self.limits.max_row_bytes
    }

    fn ordinary(&mut self) {
        if matches!(self.state, State::Start | State::QuoteInQuoted) {
            self.state = State::Unquoted;
        }
    }

    fn quote(&mut self) {
        self.state = match self.state {
            State::Start => {
                self.quote_line = self.line;
                State::Quoted
            }
            State::Unquoted => State::Unquoted,
            State::Quoted => State::QuoteInQuoted,
            State::QuoteInQuoted => State::Quoted,
        };
    }

    fn comma(&mut self, at: u64) -> Result<(), LimitExceeded> {
        if self.state == State::Quoted {
            return Ok(());
        }
        self.check_field(at)?;
        self.field_start = at + 1;
        self.field_line = self.line;
        self.field_number += 1;
        self.state = State::Start;
        Ok(())
    }

    /// The `\n` at `at` ended a record that [`Shape::fits`], read from its
    /// start without a quote: [`Shape::terminator`] without the checks.
    fn plain_line_ended(&mut self, at: u64) {
        self.line += 1;
        self.record_ended(at);
    }

    /// A record ended at `at`: the next starts after it, on this line.
    fn record_ended(&mut self, at: u64) {
        self.field_start = at + 1;
        self.record_start = at + 1;
        self.field_line = self.line;
        self.record_line = self.line;
        self.field_number = 1;
        self.state = State::Start;
    }

    /// A `\r` or `\n` at `at`; `new_line` is false for the `\n` of a CRLF.
    fn terminator(&mut self, at: u64, new_line: bool) -> Result<(), LimitExceeded> {
        if new_line {
            self.line += 1;
        }
        if self.state == State::Quoted {
            return Ok(());
        }
        self.check_field(at)?;
        self.check_record(at)?;
        self.record_ended(at);
        Ok(())
    }

    /// At the end of a chunk: the field and record still open must fit.
    fn check_open(&self, end: u64) -> Result<(), LimitExceeded> {
        self.check_field(end)?;
        self.check_record(end)
    }

    fn open_quote_line(&self) -> Option<u64> {
        (self.state == State::Quoted).then_some(self.quote_line)
    }

    /// A quoted field that has run over line ends into a limit has most
    /// likely lost its closing quote: the line where it opened.
    fn runaway_quote(&self) -> Option<u64> {
        (self.state == State::Quoted && self.quote_line < self.line).then_some(self.quote_line)
    }

    fn check_field(&self, end: u64) -> Result<(), LimitExceeded> {
        let limit = self.limits.max_field_bytes;
        if end - self.field_start <= limit {
            return Ok(());
        }
        Err(LimitExceeded(match self.runaway_quote() {
            Some(opened) => runaway_message(opened, limit, "field", "--max-field-bytes"),
            None => format!(
                "field {} of the record on line {} is longer than the limit of {}; a contact cell is never that long (raise it with --max-field-bytes if the file is right)",
                self.field_number,
                self.field_line,
                bytes_text(limit),
            ),
        }))
    }

    fn check_record(&self, end: u64) -> Result<(), LimitExceeded> {
        let limit = self.limits.max_row_bytes;
        if end - self.record_start <= limit {
            return Ok(());
        }
        Err(LimitExceeded(match self.runaway_quote() {
            Some(opened) => runaway_message(opened, limit, "row", "--max-row-bytes"),
            None => format!(
                "the record on line {} is longer than the limit of {} (raise it with --max-row-bytes if the file is right)",
                self.record_line,
                bytes_text(limit),
            ),
        }))
    }
}

fn runaway_message(opened: u64, limit: u64, what: &str, flag: &str) -> String {
    format!(
        "a quote opened on line {opened} runs on past the limit of {} for a {what}: its closing quote is most likely missing (F006); close it, or raise {flag} if the file is right",
        bytes_text(limit)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `data` through the tap with the csv crate, returning each
    /// record's (line, blank lines before it).
    fn lines(data: &[u8], chunk: usize) -> Vec<(u64, u64)> {
        lines_with(data, chunk, b',', true)
    }

    /// [`lines`] of a file whose fields are separated by `delimiter`, with
    /// the whole-line search or without.
    fn lines_with(data: &[u8], chunk: usize, delimiter: u8, search: bool) -> Vec<(u64, u64)> {
        struct Chunked<'a>(&'a [u8], usize);
        impl Read for Chunked<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let n = self.0.len().min(self.1).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(chunk.max(1))
            .from_reader(InputTap {
                search_lines: search,
                ..InputTap::new(Chunked(data, chunk), Limits::default(), None)
                    .with_delimiter(delimiter)
            });
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            out.push(reader.get_mut().line_of_record(start));
        }
        out
    }

    /// Reads all of `data` through a tap with `limits`, `chunk` bytes at a
    /// time: the unclosed quote's line, or the limit's message.
    fn tap_all(data: &[u8], chunk: usize, limits: Limits) -> Result<Option<u64>, String> {
        tap_all_with(data, chunk, limits, b',', true)
    }

    /// [`tap_all`] of a file whose fields are separated by `delimiter`,
    /// with the whole-line search or without.
    fn tap_all_with(
        data: &[u8],
        chunk: usize,
        limits: Limits,
        delimiter: u8,
        search: bool,
    ) -> Result<Option<u64>, String> {
        let mut tap = InputTap {
            search_lines: search,
            ..InputTap::new(data, limits, None).with_delimiter(delimiter)
        };
        let mut buf = vec![0; chunk];
        loop {
            match tap.read(&mut buf) {
                Ok(0) => return Ok(tap.take_unclosed_quote()),
                Ok(_) => {}
                Err(error) => return Err(error.to_string()),
            }
        }
    }

    fn field_limit(bytes: u64) -> Limits {
        Limits {
            max_field_bytes: bytes,
            ..Limits::default()
        }
    }

    #[test]
    fn a_field_over_the_limit_is_refused_as_it_comes_in() {
        let data = b"a,b\n1,0123456789\n";
        for chunk in [1, 2, 5, 64] {
            assert_eq!(tap_all(data, chunk, field_limit(10)), Ok(None));
            assert_eq!(
                tap_all(data, chunk, field_limit(9)),
                Err("field 2 of the record on line 2 is longer than the limit of 9 bytes; a contact cell is never that long (raise it with --max-field-bytes if the file is right)".into()),
                "chunk {chunk}"
            );
        }
        // Many short fields are no long field.
        assert_eq!(
            tap_all(&[b'x', b','].repeat(100), 7, field_limit(1)),
            Ok(None)
        );
    }

    #[test]
    fn a_runaway_quote_is_named_when_it_hits_a_limit() {
        let data = b"a,b\n1,\"x\n2,y\n3,z\n";
        assert_eq!(
            tap_all(data, 3, field_limit(6)),
            Err("a quote opened on line 2 runs on past the limit of 6 bytes for a field: its closing quote is most likely missing (F006); close it, or raise --max-field-bytes if the file is right".into())
        );
        let rows = Limits {
            max_row_bytes: 4,
            ..Limits::default()
        };
        assert_eq!(
            tap_all(b"ab\nabcde\n", 2, rows),
            Err("the record on line 2 is longer than the limit of 4 bytes (raise it with --max-row-bytes if the file is right)".into())
        );
    }

    #[test]
    fn the_grammar_knows_which_quotes_open_a_field() {
        let unlimited = Limits::unlimited();
        for chunk in [1, 2, 3, 64] {
            // Open at the end of input.
            assert_eq!(tap_all(b"a\n1,\"x\ny", chunk, unlimited), Ok(Some(2)));
            // A quote inside an unquoted field is text.
            assert_eq!(tap_all(b"a\n1,x\"y\n", chunk, unlimited), Ok(None));
            // Doubled quotes, and a quote that ends a field early.
            assert_eq!(tap_all(b"\"a\"\"b\",\"c\"d\n", chunk, unlimited), Ok(None));
            // A BOM is not text before a quoted header name.
            assert_eq!(
                tap_all(b"\xEF\xBB\xBF\"Mobile\nNumber\",x\n1,2\n", chunk, unlimited),
                Ok(None)
            );
            // Bytes that start like a BOM but are not one are text.
            assert_eq!(tap_all(b"\xEF\"a\n\"b\n", chunk, unlimited), Ok(Some(2)));
        }
    }

    proptest::proptest! {
        /// The whole-line search reads as the byte-by-byte grammar does:
        /// each record's line, the unclosed quote and the limit refused
        /// are the same with the search and without, whatever the chunks.
        #[test]
        fn whole_lines_read_as_the_byte_by_byte_grammar_does(
            data in proptest::collection::vec(
                proptest::sample::select(vec![b'a', b',', b';', b'"', b'\n', b'\r']),
                0..80,
            ),
            semicolon in proptest::bool::ANY,
        ) {
            let delimiter = if semicolon { b';' } else { b',' };
            let tight = Limits { max_field_bytes: 4, max_row_bytes: 9, max_rows: None };
            for chunk in [1, 2, 7, 64] {
                for limits in [Limits::unlimited(), tight] {
                    proptest::prop_assert_eq!(
                        tap_all_with(&data, chunk, limits, delimiter, true),
                        tap_all_with(&data, chunk, limits, delimiter, false)
                    );
                }
                proptest::prop_assert_eq!(
                    lines_with(&data, chunk, delimiter, true),
                    lines_with(&data, chunk, delimiter, false)
                );
            }
        }
    }

    #[test]
    fn lines_and_blank_lines_under_every_line_ending_and_chunking() {
        for chunk in [1, 2, 3, 7, 64] {
            assert_eq!(
                lines(b"a,b\n1,2\n\n\n3,4\n", chunk),
                [(1, 0), (2, 0), (5, 2)],
                "chunk {chunk}"
            );
            assert_eq!(
                lines(b"a,b\r\n1,\"x\r\ny\"\r\n3,4\r\n", chunk),
                [(1, 0), (2, 0), (4, 0)]
            );
            assert_eq!(lines(b"a,b\r1,2\r\r3,4", chunk), [(1, 0), (2, 0), (4, 1)]);
            assert_eq!(
                lines(b"a,b\n1,2\r\n\r\n3,4\n", chunk),
                [(1, 0), (2, 0), (4, 1)]
            );
            // Plain lines after a quoted line break, around a CRLF and a
            // quote in an unquoted field.
            assert_eq!(
                lines(b"a,b\n1,\"x\ny\"\n2,3\n\n4,5\r\n6,7\n8,x\"y\n9,0\n", chunk),
                [(1, 0), (2, 0), (4, 0), (6, 1), (7, 0), (8, 0), (9, 0)],
                "chunk {chunk}"
            );
        }
    }
}
