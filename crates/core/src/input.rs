//! The raw input as it passes under the CSV reader: hashed for
//! `input_sha256`, and indexed by line so every record gets the line a
//! person sees in an editor.
//!
//! The `csv` crate's own `Position::line` is not that line: it is taken
//! before blank lines are skipped, and a lone `\r` does not count. So the
//! tap notes where each line terminator (`\n`, `\r\n` or a lone `\r`) starts
//! and ends, and [`InputTap::line_of_record`] turns a record's parse-start
//! byte into its line and the blank lines before it.

use std::collections::VecDeque;
use std::io::{self, Read};

use sha2::{Digest, Sha256};

/// A reader that hashes and indexes line terminators.
pub(crate) struct InputTap<R> {
    inner: R,
    hasher: Sha256,
    /// Bytes read so far.
    offset: u64,
    /// The previous chunk ended in `\r`, whose terminator is decided by the
    /// next byte.
    pending_cr: Option<u64>,
    /// Terminators not yet passed by the reader: (start, end) offsets.
    terminators: VecDeque<(u64, u64)>,
    /// Terminators passed so far: the line of the cursor is this plus one.
    lines_passed: u64,
}

impl<R: Read> InputTap<R> {
    pub(crate) fn new(inner: R) -> Self {
        InputTap {
            inner,
            hasher: Sha256::new(),
            offset: 0,
            pending_cr: None,
            terminators: VecDeque::new(),
            lines_passed: 0,
        }
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

    /// Reads what is left (so the hash covers the whole input) and returns
    /// the SHA-256 as hex.
    pub(crate) fn finish(mut self) -> io::Result<String> {
        let mut buffer = [0u8; 1 << 14];
        while self.read(&mut buffer)? > 0 {}
        Ok(self
            .hasher
            .finalize()
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect())
    }

    fn index(&mut self, chunk: &[u8]) {
        let base = self.offset;
        let mut i = 0;
        if let Some(cr) = self.pending_cr.take() {
            if chunk.first() == Some(&b'\n') {
                self.terminators.push_back((cr, cr + 2));
                i = 1;
            } else {
                self.terminators.push_back((cr, cr + 1));
            }
        }
        while i < chunk.len() {
            match chunk[i] {
                b'\n' => self
                    .terminators
                    .push_back((base + i as u64, base + i as u64 + 1)),
                b'\r' => match chunk.get(i + 1) {
                    Some(b'\n') => {
                        self.terminators
                            .push_back((base + i as u64, base + i as u64 + 2));
                        i += 1;
                    }
                    Some(_) => self
                        .terminators
                        .push_back((base + i as u64, base + i as u64 + 1)),
                    None => self.pending_cr = Some(base + i as u64),
                },
                _ => {}
            }
            i += 1;
        }
    }
}

impl<R: Read> Read for InputTap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Some(cr) = self.pending_cr.take() {
                self.terminators.push_back((cr, cr + 1));
            }
            return Ok(0);
        }
        self.hasher.update(&buf[..n]);
        self.index(&buf[..n]);
        self.offset += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads `data` through the tap with the csv crate, returning each
    /// record's (line, blank lines before it).
    fn lines(data: &[u8], chunk: usize) -> Vec<(u64, u64)> {
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
            .buffer_capacity(chunk.max(1))
            .from_reader(InputTap::new(Chunked(data, chunk)));
        let mut record = csv::ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            out.push(reader.get_mut().line_of_record(start));
        }
        out
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
        }
    }
}
