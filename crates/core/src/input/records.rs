//! Records as the split sees them: each with the line it starts on, blank
//! lines counted, the row limit enforced, and a quote that never closes
//! recovered from.
//!
//! A quote that never closes makes the CSV reader read the rest of the
//! file as one cell. Its record is cut back to the line where the quote
//! opened, and the lines after it are read again as rows of their own, so
//! no contact is lost in a cell. Every quote in that cell came from a
//! doubled quote (a lone one would have closed it), so undoubling them
//! restores the original bytes exactly.

use std::io::{BufReader, Cursor, Read};

use csv::{ByteRecord, ReaderBuilder};

use crate::findings::error::{Error, ErrorKind};
use crate::input::limits::Limits;
use crate::input::tap::{InputTap, TapSummary, lines_in};

/// The CSV reader over the tapped input.
pub(crate) type CsvReader<R> = csv::Reader<BufReader<InputTap<R>>>;

/// The lines a runaway quote swallowed, being read again one record at a
/// time: memory holds their bytes (at most the field limit), not records.
struct Reread {
    csv: csv::Reader<InputTap<Cursor<Vec<u8>>>>,
    /// The line where the quote opened: line 2 of the re-read text is the
    /// line after it.
    opened_line: u64,
}

/// A quote that never closed, and what was done about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct UnclosedQuote {
    /// The line where the quote opened.
    pub(crate) opened_line: u64,
    /// The lines after it that were read as rows of their own (first,
    /// last), if any.
    pub(crate) reread_lines: Option<(u64, u64)>,
}

impl UnclosedQuote {
    /// The F006 message.
    pub(crate) fn message(&self) -> String {
        let opened = self.opened_line;
        match self.reread_lines {
            Some((first, last)) if first == last => format!(
                "a quote opened on line {opened} is never closed: the cell was cut at the end of line {opened}, and line {first} was read as a row of its own"
            ),
            Some((first, last)) => format!(
                "a quote opened on line {opened} is never closed: the cell was cut at the end of line {opened}, and lines {first}–{last} were read as rows of their own"
            ),
            None => format!("a quote opened on line {opened}, the last line, is never closed"),
        }
    }
}

/// Where a record is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RecordPlace {
    /// The 1-based line the record starts on.
    pub(crate) line: u64,
    /// The record held a quote that never closed and was cut back.
    /// (Boxed: it is rare, and so every record's place stays small.)
    pub(crate) unclosed_quote: Option<Box<UnclosedQuote>>,
}

/// Reads records from the tapped input.
pub(crate) struct Records<R> {
    csv: CsvReader<R>,
    /// Bytes the sniffer consumed before the CSV reader (a BOM).
    skipped: u64,
    /// Lines re-read from a cell that swallowed the rest of the file.
    reread: Option<Reread>,
    max_records: Option<u64>,
    records: u64,
    /// Blank lines skipped, and the first of them.
    pub(crate) blank_lines: u64,
    pub(crate) first_blank_line: Option<u64>,
    /// The field delimiter, for the lines read again.
    delimiter: u8,
}

impl<R: Read> Records<R> {
    /// Records of `csv`, whose first `skipped` bytes the sniffer consumed;
    /// at most `max_rows` after the header.
    pub(crate) fn new(csv: CsvReader<R>, skipped: u64, max_rows: Option<u64>) -> Self {
        Records {
            csv,
            skipped,
            reread: None,
            max_records: max_rows.map(|rows| rows.saturating_add(1)),
            records: 0,
            blank_lines: 0,
            first_blank_line: None,
            delimiter: b',',
        }
    }

    /// Fields are separated by `delimiter`, as the reader was told.
    pub(crate) fn with_delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = delimiter;
        self
    }

    /// Reads the next record into `record`; `None` at the end. A row of
    /// delimiters alone (`,,,`, what a spreadsheet writes for an empty row)
    /// counts as a blank line, not a record.
    pub(crate) fn read(&mut self, record: &mut ByteRecord) -> Result<Option<RecordPlace>, Error> {
        loop {
            let Some(place) = self.read_any(record)? else {
                return Ok(None);
            };
            if record.len() > 1 && record.as_slice().is_empty() && place.unclosed_quote.is_none() {
                self.blank_lines += 1;
                self.first_blank_line.get_or_insert(place.line);
                continue;
            }
            return self.count(place).map(Some);
        }
    }

    /// The next record of any kind, empty ones included.
    fn read_any(&mut self, record: &mut ByteRecord) -> Result<Option<RecordPlace>, Error> {
        Ok(Some(match self.next_reread(record) {
            Some(line) => RecordPlace {
                line,
                unclosed_quote: None,
            },
            None => {
                if !self.csv.read_byte_record(record).map_err(Error::from)? {
                    return Ok(None);
                }
                let parse_start = record.position().map_or(0, |p| p.byte()) + self.skipped;
                let tap = self.csv.get_mut().get_mut();
                let (line, blank) = tap.line_of_record(parse_start);
                let opened_line = tap.take_unclosed_quote();
                self.note_blank_lines(line, blank);
                let unclosed_quote =
                    opened_line.map(|opened| Box::new(self.recover(record, opened)));
                RecordPlace {
                    line,
                    unclosed_quote,
                }
            }
        }))
    }

    /// Counts a record read, against the row limit.
    fn count(&mut self, place: RecordPlace) -> Result<RecordPlace, Error> {
        self.records += 1;
        if let Some(max) = self.max_records.filter(|max| self.records > *max) {
            return Err(ErrorKind::Limit(format!(
                "the file has more than {} rows, the limit (raise it with --max-rows if the file is right)",
                max - 1
            ))
            .into());
        }
        Ok(place)
    }

    /// The next re-read record into `record`, and its line.
    fn next_reread(&mut self, record: &mut ByteRecord) -> Option<u64> {
        let reread = self.reread.as_mut()?;
        // Reading bytes held in memory cannot fail.
        if !reread.csv.read_byte_record(record).unwrap_or(false) {
            self.reread = None;
            return None;
        }
        let start = record.position().map_or(0, |p| p.byte());
        let (line, blank) = reread.csv.get_mut().line_of_record(start);
        let line = reread.opened_line + line - 1;
        self.note_blank_lines(line, blank);
        Some(line)
    }

    fn note_blank_lines(&mut self, line: u64, blank: u64) {
        if blank > 0 {
            self.blank_lines += blank;
            self.first_blank_line.get_or_insert(line - blank);
        }
    }

    /// Cuts `record`, whose last cell swallowed the rest of the file, back
    /// to the line where its quote opened, and queues the lines after it.
    fn recover(&mut self, record: &mut ByteRecord, opened_line: u64) -> UnclosedQuote {
        let mut unclosed = UnclosedQuote {
            opened_line,
            reread_lines: None,
        };
        let Some(cell) = record.iter().next_back() else {
            return unclosed;
        };
        let Some(end_of_line) = cell.iter().position(|&b| b == b'\n' || b == b'\r') else {
            return unclosed;
        };
        let after = if cell[end_of_line..].starts_with(b"\r\n") {
            end_of_line + 2
        } else {
            end_of_line + 1
        };
        // A first line of its own, read and dropped below: the csv crate
        // strips a BOM at the start of its input, and these bytes are not
        // the start of the file.
        let mut rest = Vec::with_capacity(cell.len() - after + 2);
        rest.extend_from_slice(b"-\n");
        // Every quote left in the cell was doubled in the file.
        for &byte in &cell[after..] {
            if byte == b'"' {
                rest.push(b'"');
            }
            rest.push(byte);
        }
        let mut cut = ByteRecord::new();
        for field in record.iter().take(record.len() - 1) {
            cut.push_field(field);
        }
        cut.push_field(&cell[..end_of_line]);
        cut.set_position(record.position().cloned());
        *record = cut;

        // The lines that hold something, for the message.
        let text = &rest[2..];
        let is_break = |b: &u8| *b == b'\n' || *b == b'\r';
        if let (Some(first), Some(last)) = (
            text.iter().position(|b| !is_break(b)),
            text.iter().rposition(|b| !is_break(b)),
        ) {
            unclosed.reread_lines = Some((
                opened_line + 1 + lines_in(&text[..first]),
                opened_line + 1 + lines_in(&text[..last]),
            ));
        }
        let mut csv = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(
                InputTap::new(Cursor::new(rest), Limits::unlimited(), None)
                    .with_delimiter(self.delimiter),
            );
        // Drop the first line, added above.
        let mut first = ByteRecord::new();
        let _ = csv.read_byte_record(&mut first);
        csv.get_mut().line_of_record(0);
        self.reread = Some(Reread { csv, opened_line });
        unclosed
    }

    /// Reads what is left of the input and returns what the tap learned.
    pub(crate) fn finish(self) -> Result<TapSummary, Error> {
        self.csv
            .into_inner()
            .into_inner()
            .finish()
            .map_err(Error::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `data` as (line, fields as text, F006 message).
    fn read_all(data: &str) -> Vec<(u64, Vec<String>, Option<String>)> {
        let csv = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(BufReader::new(InputTap::new(
                data.as_bytes(),
                Limits::default(),
                None,
            )));
        let mut records = Records::new(csv, 0, None);
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        while let Some(place) = records.read(&mut record).unwrap() {
            let fields = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect();
            out.push((
                place.line,
                fields,
                place.unclosed_quote.map(|u| u.message()),
            ));
        }
        out
    }

    fn fields(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_rows_a_runaway_quote_swallowed_are_read_again() {
        let records = read_all("a,b\n1,\"x\n2,\"\"q\"\" y\r\n\n3,z\n");
        assert_eq!(
            records,
            [
                (1, fields(&["a", "b"]), None),
                (
                    2,
                    fields(&["1", "x"]),
                    Some(
                        "a quote opened on line 2 is never closed: the cell was cut at the end of line 2, and lines 3–5 were read as rows of their own"
                            .into()
                    )
                ),
                (3, fields(&["2", "q\"\" y"]), None),
                (5, fields(&["3", "z"]), None),
            ]
        );
    }

    #[test]
    fn a_quote_opened_on_the_last_line_swallows_nothing() {
        let records = read_all("a,b\n1,\"x");
        assert_eq!(
            records[1],
            (
                2,
                fields(&["1", "x"]),
                Some("a quote opened on line 2, the last line, is never closed".into())
            )
        );
    }

    #[test]
    fn closed_quotes_spanning_lines_are_not_mistaken_for_runaways() {
        let records = read_all("a,b\n1,\"x\n\"\"y\"\"\",2\n3,\"\"\n");
        assert_eq!(records.len(), 3);
        assert!(records.iter().all(|r| r.2.is_none()), "{records:?}");
        assert_eq!(records[2], (4, fields(&["3", ""]), None));
    }

    #[test]
    fn the_row_limit_counts_data_rows() {
        let csv = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(BufReader::new(InputTap::new(
                &b"h\n1\n2\n3\n"[..],
                Limits::default(),
                None,
            )));
        let mut records = Records::new(csv, 0, Some(2));
        let mut record = ByteRecord::new();
        for _ in 0..3 {
            assert!(records.read(&mut record).unwrap().is_some());
        }
        let error = records.read(&mut record).unwrap_err();
        assert_eq!(
            error.to_string(),
            "the file has more than 2 rows, the limit (raise it with --max-rows if the file is right)"
        );
    }
}
