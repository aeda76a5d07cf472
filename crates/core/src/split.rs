//! The streaming split: read records in batches, validate each batch in
//! parallel, merge the verdicts in input order (where duplicates are
//! decided, so the first occurrence wins whatever the thread count), and
//! stream `valid.csv` and `invalid.csv`.
//!
//! Memory is bounded by the batch size times the batches in flight, never
//! by the file.

use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Instant;

use csv::{ByteRecord, QuoteStyle, ReaderBuilder, WriterBuilder};
use rayon::prelude::*;

use crate::checker::{Duplicates, normalise_into};
use crate::error::{Error, ErrorKind};
use crate::finding::{Finding, Severity};
use crate::header::Header;
use crate::input::InputTap;
use crate::preflight::Preflight;
use crate::progress::{CountingReader, Progress};
use crate::records::{Records, UnclosedQuote};
use crate::report::{Flow, Report, Timings};
use crate::rules::Code;
use crate::validate::{RecordValidator, RowVerdict};

/// Where `split` writes: `valid.csv` and `invalid.csv`.
pub struct Outputs<'a> {
    /// Receives the header and every valid row.
    pub valid: &'a mut (dyn Write + Send),
    /// Receives the header plus `preflight_row`, `preflight_errors` and every
    /// invalid row.
    pub invalid: &'a mut (dyn Write + Send),
}

/// Receives each row that has findings, in input order, with its record as
/// read, and (optionally) how far the split has got.
///
/// A closure `FnMut(&RowVerdict, &ByteRecord)` is a sink that ignores
/// progress; implement the trait on a type of your own to see both.
pub trait RowSink {
    /// Called once per row with at least one finding.
    fn row(&mut self, verdict: &RowVerdict, record: &ByteRecord);

    /// Called after each batch of rows is merged, and once more when the
    /// input is exhausted. Does nothing unless overridden.
    fn progress(&mut self, progress: Progress) {
        let _ = progress;
    }
}

impl<F: FnMut(&RowVerdict, &ByteRecord)> RowSink for F {
    fn row(&mut self, verdict: &RowVerdict, record: &ByteRecord) {
        self(verdict, record)
    }
}

/// A sink that keeps nothing.
pub struct DiscardRows;

impl RowSink for DiscardRows {
    fn row(&mut self, _: &RowVerdict, _: &ByteRecord) {}
}

/// A batch of records travelling from the reader to the validators.
struct Batch {
    records: Vec<ByteRecord>,
    /// The 1-based line each record starts on.
    lines: Vec<u64>,
    len: usize,
    /// A record (by index) whose quote never closed, cut back to its line.
    unclosed_quote: Option<(usize, UnclosedQuote)>,
}

/// Bytes of records in one batch at most: a file of huge rows makes
/// smaller batches, so memory stays bounded whatever the rows hold.
const BATCH_BYTES: usize = 4 << 20;

/// A batch slot whose record was larger than this gives its memory back
/// before it is reused.
const SLOT_KEEP_BYTES: usize = 1 << 10;

/// What the reader thread learned besides the records.
#[derive(Default)]
struct ReadSummary {
    blank_lines: u64,
    first_blank_line: Option<u64>,
    sha256: String,
    /// F009: the likely encoding of bytes that are not UTF-8.
    encoding: Option<Finding>,
}

impl Preflight {
    /// Checks `input` and, when `outputs` is given, writes the valid and
    /// invalid rows to them. `sink` sees every row that has findings.
    ///
    /// Returns the report; `valid_rows + invalid_rows = total_rows` always.
    pub fn split<R: Read + Send>(
        &self,
        input: R,
        outputs: Option<Outputs<'_>>,
        sink: &mut dyn RowSink,
    ) -> Result<Report, Error> {
        let started = Instant::now();
        let bytes_read = Arc::new(AtomicU64::new(0));
        let input = CountingReader::new(input, bytes_read.clone());
        let options = self.options();
        let mut tapped = BufReader::with_capacity(
            1 << 16,
            InputTap::new(input, options.limits, options.encoding),
        );
        let mut file_findings = Vec::new();
        let skipped = sniff(&mut tapped, &mut file_findings)?;

        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(tapped);
        let mut reader = Records::new(reader, skipped, options.limits.max_rows);
        let mut header_record = ByteRecord::new();
        let header_place = reader.read(&mut header_record)?;
        let has_header = header_place.is_some();
        // Blank lines before the header push it down.
        let header_line = header_place.as_ref().map_or(1, |place| place.line);
        if let Some(unclosed) = header_place.and_then(|place| place.unclosed_quote) {
            file_findings.push(
                Finding::new(Code::F006, format!("in the header, {}", unclosed.message()))
                    .at_line(unclosed.opened_line),
            );
        }

        let mut report = self.empty_report(file_findings);
        if !has_header {
            report
                .file
                .push(Finding::new(Code::F007, "the file is empty").at_line(1));
            let summary = drain_summary(reader)?;
            return Ok(self.finish(report, summary, started));
        }

        let names: Vec<String> = header_record
            .iter()
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        let mut header = Header::analyse(names, self.campaign());
        for finding in &mut header.findings {
            finding.location.line = Some(header_line);
        }
        report.file.extend(header.findings.iter().cloned());
        let validator = self.record_validator(header);

        let (mut valid_writer, mut invalid_writer) = match outputs {
            Some(outputs) => {
                let mut extended = header_record.clone();
                extended.push_field(b"preflight_row");
                extended.push_field(b"preflight_errors");
                outputs
                    .valid
                    .write_all(&header_bytes(&header_record))
                    .and_then(|()| outputs.invalid.write_all(&header_bytes(&extended)))
                    .map_err(Error::from)?;
                (
                    Some(
                        WriterBuilder::new()
                            .flexible(true)
                            .from_writer(outputs.valid),
                    ),
                    Some(
                        WriterBuilder::new()
                            .flexible(true)
                            .from_writer(outputs.invalid),
                    ),
                )
            }
            None => (None, None),
        };

        let batch_size = self.options().batch_size.max(1);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.options().threads)
            .build()
            .map_err(|e| Error::usage(format!("cannot start worker threads: {e}")))?;
        let mut merge = Merge::new(
            &validator,
            valid_writer.as_mut(),
            invalid_writer.as_mut(),
            sink,
            self.options().keep_row_findings,
        );

        let summary = std::thread::scope(|scope| -> Result<ReadSummary, Error> {
            let (full_tx, full_rx) = sync_channel::<Result<Batch, Error>>(2);
            let (empty_tx, empty_rx) = sync_channel::<Batch>(4);
            for _ in 0..3 {
                let _ = empty_tx.send(Batch {
                    records: vec![ByteRecord::new(); batch_size],
                    lines: vec![0; batch_size],
                    len: 0,
                    unclosed_quote: None,
                });
            }
            let reader_thread = scope.spawn(move || read_batches(reader, full_tx, empty_rx));
            let mut verdicts: Vec<RowVerdict> = Vec::with_capacity(batch_size);
            for batch in full_rx.iter() {
                let mut batch = batch?;
                let first_row = merge.rows + 1;
                let records = &batch.records[..batch.len];
                let batch_lines = &batch.lines;
                // Date columns by content (SPEC §5 "Dates"): decided once,
                // from the first batch, before any row is validated.
                if first_row == 1 {
                    validator.detect_date_columns(records);
                }
                pool.install(|| {
                    records
                        .par_iter()
                        .with_min_len(256)
                        .enumerate()
                        .map(|(offset, record)| {
                            validator.validate(
                                record,
                                first_row + offset as u64,
                                batch_lines[offset],
                            )
                        })
                        .collect_into_vec(&mut verdicts);
                });
                if let Some((index, unclosed)) = batch.unclosed_quote.take() {
                    let verdict = &mut verdicts[index];
                    validator.add_finding(verdict, Code::F006, unclosed.message(), None);
                    // Reported where the quote opened, not where the row starts.
                    if let Some(finding) =
                        verdict.findings.last_mut().filter(|f| f.code == Code::F006)
                    {
                        finding.location.line = Some(unclosed.opened_line);
                    }
                }
                for (record, verdict) in records.iter().zip(verdicts.drain(..)) {
                    merge.push(record, verdict)?;
                }
                merge.sink.progress(Progress {
                    bytes_read: bytes_read.load(Ordering::Relaxed),
                    rows: merge.rows,
                });
                batch.len = 0;
                // The reader may have finished; a closed channel is fine.
                let _ = empty_tx.send(batch);
            }
            drop(empty_tx);
            reader_thread
                .join()
                .unwrap_or_else(|_| Err(Error::usage("the reader thread panicked")))
        })?;

        merge.flush()?;
        merge.sink.progress(Progress {
            bytes_read: bytes_read.load(Ordering::Relaxed),
            rows: merge.rows,
        });
        report.total_rows = merge.rows;
        report.valid_rows = merge.valid_rows;
        report.invalid_rows = merge.rows - merge.valid_rows;
        report.duplicates = merge.duplicates;
        report.warned_rows = merge.warned_rows;
        report.rows = merge.kept;
        for (code, count) in merge.by_rule {
            *report.by_rule.entry(code).or_default() += count;
        }
        for (code, severity) in merge.severity_by_rule {
            note_severity(&mut report.severity_by_rule, code, severity);
        }
        if report.total_rows == 0 {
            report.file.push(
                Finding::new(Code::F008, "the file has a header but no contact rows").at_line(2),
            );
        }
        report.file.extend(summary.encoding.clone());
        if summary.blank_lines > 0 {
            let first = summary.first_blank_line.unwrap_or(0);
            report.file.push(
                Finding::new(
                    Code::F005,
                    format!(
                        "{} blank line(s) skipped, the first at line {first}",
                        summary.blank_lines
                    ),
                )
                .at_line(first),
            );
        }
        Ok(self.finish(report, summary, started))
    }

    fn empty_report(&self, file: Vec<Finding>) -> Report {
        Report {
            total_rows: 0,
            valid_rows: 0,
            invalid_rows: 0,
            by_rule: Default::default(),
            severity_by_rule: Default::default(),
            campaign: self.campaign_findings().to_vec(),
            file,
            flow: Flow::Standard,
            max_call_attempts: 0,
            duplicates: 0,
            warned_rows: 0,
            input_sha256: String::new(),
            remove_invalid_rows: self.campaign().is_some_and(|c| c.remove_invalid_rows),
            would_upload: false,
            rows: None,
            timings: Timings::default(),
        }
    }

    fn finish(&self, mut report: Report, summary: ReadSummary, started: Instant) -> Report {
        report.file = std::mem::take(&mut report.file)
            .into_iter()
            .filter_map(|f| self.severities().apply(f))
            .collect();
        report
            .campaign
            .extend(self.row_count_findings(report.valid_rows));
        for finding in report.campaign.iter().chain(&report.file) {
            *report.by_rule.entry(finding.code).or_default() += 1;
            note_severity(&mut report.severity_by_rule, finding.code, finding.severity);
        }
        report.flow = Flow::for_rows(report.valid_rows);
        report.max_call_attempts = report.valid_rows * (1 + u64::from(self.retry_count()));
        report.input_sha256 = summary.sha256;
        report.would_upload = report.uploads_cleanly(false);
        report.timings.total_ms = started.elapsed().as_secs_f64() * 1e3;
        report
    }
}

/// The ordered merge: duplicates, counts, output.
struct Merge<'a, 'w> {
    validator: &'a RecordValidator,
    valid: Option<&'a mut csv::Writer<&'w mut (dyn Write + Send)>>,
    invalid: Option<&'a mut csv::Writer<&'w mut (dyn Write + Send)>>,
    sink: &'a mut dyn RowSink,
    duplicates_seen: Duplicates,
    out: ByteRecord,
    number_text: String,
    rows: u64,
    valid_rows: u64,
    warned_rows: u64,
    duplicates: u64,
    by_rule: HashMap<Code, u64>,
    severity_by_rule: BTreeMap<Code, Severity>,
    kept: Option<Vec<Finding>>,
}

impl<'a, 'w> Merge<'a, 'w> {
    fn new(
        validator: &'a RecordValidator,
        valid: Option<&'a mut csv::Writer<&'w mut (dyn Write + Send)>>,
        invalid: Option<&'a mut csv::Writer<&'w mut (dyn Write + Send)>>,
        sink: &'a mut dyn RowSink,
        keep: bool,
    ) -> Self {
        Merge {
            validator,
            valid,
            invalid,
            sink,
            duplicates_seen: Duplicates::default(),
            out: ByteRecord::new(),
            number_text: String::new(),
            rows: 0,
            valid_rows: 0,
            warned_rows: 0,
            duplicates: 0,
            by_rule: HashMap::new(),
            severity_by_rule: BTreeMap::new(),
            kept: keep.then(Vec::new),
        }
    }

    fn push(&mut self, record: &ByteRecord, mut verdict: RowVerdict) -> Result<(), Error> {
        self.rows += 1;
        if self.duplicates_seen.check(self.validator, &mut verdict) {
            self.duplicates += 1;
        }
        let valid = verdict.is_valid();
        if valid {
            self.valid_rows += 1;
            if verdict
                .findings
                .iter()
                .any(|f| f.severity == Severity::Warn)
            {
                self.warned_rows += 1;
            }
            if let Some(writer) = self.valid.as_mut() {
                let phone = self.validator.header().phone;
                normalise_into(
                    record,
                    &verdict,
                    phone,
                    &mut self.number_text,
                    &mut self.out,
                );
                writer.write_byte_record(&self.out).map_err(Error::from)?;
            }
        } else if let Some(writer) = self.invalid.as_mut() {
            self.out.clone_from(record);
            let row = verdict.row.to_string();
            self.out.push_field(row.as_bytes());
            self.out.push_field(verdict.errors_summary().as_bytes());
            writer.write_byte_record(&self.out).map_err(Error::from)?;
        }
        if !verdict.findings.is_empty() {
            for finding in &verdict.findings {
                *self.by_rule.entry(finding.code).or_default() += 1;
                note_severity(&mut self.severity_by_rule, finding.code, finding.severity);
            }
            self.sink.row(&verdict, record);
            if let Some(kept) = self.kept.as_mut() {
                kept.extend(verdict.findings);
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), Error> {
        for writer in [self.valid.as_mut(), self.invalid.as_mut()]
            .into_iter()
            .flatten()
        {
            writer
                .flush()
                .map_err(|source| Error::from(ErrorKind::Io { path: None, source }))?;
        }
        Ok(())
    }
}

/// Keeps the most serious severity seen for `code`.
fn note_severity(map: &mut BTreeMap<Code, Severity>, code: Code, severity: Severity) {
    let seen = map.entry(code).or_insert(severity);
    *seen = (*seen).max(severity);
}

/// The reader thread: fills batches, noting the lines of records and a
/// quote that never closed.
fn read_batches<R: Read>(
    mut records: Records<R>,
    full: SyncSender<Result<Batch, Error>>,
    empty: Receiver<Batch>,
) -> Result<ReadSummary, Error> {
    for mut batch in empty.iter() {
        batch.len = 0;
        let mut batch_bytes = 0;
        let mut at_end = false;
        while batch.len < batch.records.len() && batch_bytes < BATCH_BYTES {
            let record = &mut batch.records[batch.len];
            if record.as_slice().len() > SLOT_KEEP_BYTES {
                *record = ByteRecord::new();
            }
            let place = match records.read(record) {
                Ok(Some(place)) => place,
                Ok(None) => {
                    at_end = true;
                    break;
                }
                Err(error) => {
                    let _ = full.send(Err(error));
                    return Err(Error::usage("the input could not be read"));
                }
            };
            batch_bytes += record.as_slice().len();
            batch.lines[batch.len] = place.line;
            if let Some(unclosed) = place.unclosed_quote {
                batch.unclosed_quote = Some((batch.len, unclosed));
            }
            batch.len += 1;
        }
        let sent_any = batch.len > 0;
        if sent_any && full.send(Ok(batch)).is_err() {
            break;
        }
        if at_end {
            break;
        }
    }
    drop(full);
    let (blank_lines, first_blank_line) = (records.blank_lines, records.first_blank_line);
    let tap = records.finish()?;
    Ok(ReadSummary {
        blank_lines,
        first_blank_line,
        sha256: tap.sha256,
        encoding: tap.encoding,
    })
}

fn drain_summary<R: Read>(records: Records<R>) -> Result<ReadSummary, Error> {
    let tap = records.finish()?;
    Ok(ReadSummary {
        sha256: tap.sha256,
        encoding: tap.encoding,
        ..ReadSummary::default()
    })
}

/// The header row as CSV, quoted when written plainly it would not read
/// back as CSV: a first cell that starts with BOM bytes (every reader strips
/// them) or with `[` or `{` (it reads as JSON).
fn header_bytes(record: &ByteRecord) -> Vec<u8> {
    let write = |style| {
        let mut writer = WriterBuilder::new()
            .flexible(true)
            .quote_style(style)
            .from_writer(Vec::new());
        // Writing to memory cannot fail.
        let _ = writer.write_byte_record(record);
        writer.into_inner().unwrap_or_default()
    };
    let plain = write(QuoteStyle::Necessary);
    let reads_back = matches!(sniff(&mut &plain[..], &mut Vec::new()), Ok(0));
    if reads_back {
        plain
    } else {
        write(QuoteStyle::Always)
    }
}

/// Looks at the first bytes: strips a UTF-8 BOM (F002), refuses what is not
/// a CSV file at all.
/// Returns the bytes consumed (the BOM's).
fn sniff<R: BufRead>(input: &mut R, findings: &mut Vec<Finding>) -> Result<u64, Error> {
    let head = input.fill_buf().map_err(Error::from)?;
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
        input.consume(3);
        findings.push(
            Finding::new(
                Code::F002,
                "the file starts with a UTF-8 byte-order mark; it was stripped",
            )
            .at_line(1),
        );
        return Ok(3);
    }
    let not_csv = |what, help| Err(Error::from(ErrorKind::NotCsv { what, help }));
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return not_csv(
            "UTF-16 text (it starts with a UTF-16 byte-order mark)",
            "save it as \"CSV UTF-8\", or rerun with `--encoding utf-16` to transcode it",
        );
    }
    if looks_like_utf16(head) {
        return not_csv(
            "UTF-16 text without a byte-order mark (every other byte is NUL)",
            "save it as \"CSV UTF-8\", or rerun with `--encoding utf-16le` (or `utf-16be`) to transcode it",
        );
    }
    if head.starts_with(b"PK\x03\x04") {
        return not_csv(
            "a zip archive, most likely an Excel workbook (.xlsx)",
            "open it in the spreadsheet and save it as \"CSV UTF-8\"",
        );
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return not_csv(
            "an old Excel workbook (.xls)",
            "open it in the spreadsheet and save it as \"CSV UTF-8\"",
        );
    }
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return not_csv("JSON", "export the contacts as CSV with a header row");
    }
    Ok(0)
}

/// ASCII text in UTF-16: a NUL at every other byte of the first line.
fn looks_like_utf16(head: &[u8]) -> bool {
    let sample = &head[..head.len().min(64) & !1];
    if sample.len() < 8 {
        return false;
    }
    let nuls_at = |parity: usize| {
        sample
            .iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let half = sample.len() / 2;
    (nuls_at(0) == half && nuls_at(1) == 0) || (nuls_at(1) == half && nuls_at(0) == 0)
}
