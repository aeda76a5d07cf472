//! The streaming split, a pipeline of three stages that overlap: reading
//! parses records into batches, validator threads (`--threads`) check whole
//! batches and render each row's output form, and the calling thread
//! merges the batches back in input order (where duplicates are decided, so
//! the first occurrence wins whatever the thread count) and streams
//! `valid.csv` and `invalid.csv`.
//!
//! With one validator (the default on two cores) the calling thread also
//! reads, between merges: a reader thread of its own would make three busy
//! threads on two cores, taking turns with the validator, the slowest
//! stage. With more validators, reading gets a thread of its own.
//!
//! A fixed number of batches circulates reader → validator → merge →
//! reader, each keeping its record buffers, verdicts and rendered bytes
//! from one trip to the next: memory is bounded by the batch size times the
//! batches in flight, never by the file, and a record costs no allocation
//! of its own.

use std::collections::BTreeMap;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::thread::ScopedJoinHandle;
use std::time::Instant;

use csv::{ByteRecord, QuoteStyle, ReaderBuilder, WriterBuilder};

use crate::campaign::SendColumns;
use crate::findings::error::{Error, ErrorKind};
use crate::findings::finding::{Finding, Severity};
use crate::findings::report::{Flow, InputInfo, Report, Timings};
use crate::input::detect;
use crate::input::progress::{CountingReader, Progress};
use crate::input::records::{Records, UnclosedQuote};
use crate::input::tap::InputTap;
use crate::input::workbook::stream::{ChunkReader, ChunkSender};
use crate::input::workbook::{self, ColumnRole, SheetCells};
use crate::preflight::Preflight;
use crate::rows::dates::DateDetection;
use crate::rows::duplicates::Duplicates;
use crate::rows::header::Header;
use crate::rows::validate::{RecordValidator, RowVerdict};
use crate::rules::{Code, RULES};

mod render;

pub(crate) use render::valid_cells_into;
use render::{Rendered, RowScratch};

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

    /// Whether [`RowSink::row`] reads the rows it is given. A sink that
    /// does not is not called per row, and (unless the split keeps every
    /// finding) spares the validators building the findings below `error`,
    /// which are then only counted: a split writes only the errors'
    /// messages. Defaults to `true`.
    fn reads_rows(&self) -> bool {
        true
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

    fn reads_rows(&self) -> bool {
        false
    }
}

/// Batches circulating in the pipeline besides one per validator: one
/// being read, one being merged, one waiting.
const BATCHES_BESIDES_VALIDATORS: usize = 3;

/// The capacity a new record buffer starts with: the header's field count
/// and room for a typical row, so that filling it rarely reallocates.
#[derive(Debug, Clone, Copy)]
struct RecordShape {
    bytes: usize,
    fields: usize,
}

impl RecordShape {
    fn like(header: &ByteRecord) -> Self {
        RecordShape {
            bytes: (2 * header.as_slice().len()).clamp(64, 1024),
            fields: header.len(),
        }
    }

    fn record(self) -> ByteRecord {
        ByteRecord::with_capacity(self.bytes, self.fields)
    }
}

/// A batch of records travelling reader → validator → merge → reader.
struct Batch {
    /// Its place in the input: the merge takes batches in this order.
    sequence: u64,
    /// Record buffers, reused from trip to trip; the first `len` are live.
    records: Vec<ByteRecord>,
    /// The 1-based line each record starts on.
    lines: Vec<u64>,
    /// The validator's verdicts on the live records, in order.
    verdicts: Vec<RowVerdict>,
    /// Each row's output form, when the split writes files.
    rendered: Rendered,
    len: usize,
    /// The live records' bytes as read, less their quotes: fields, and a
    /// comma or line end after each.
    bytes: usize,
    /// The data row number of the first record.
    first_row: u64,
    /// A record (by index) whose quote never closed, cut back to its line.
    unclosed_quote: Option<(usize, UnclosedQuote)>,
}

impl Batch {
    /// An empty batch: buffers are allocated as records arrive, so a tiny
    /// file allocates for its rows only.
    fn new() -> Self {
        Batch {
            sequence: 0,
            records: Vec::new(),
            lines: Vec::new(),
            verdicts: Vec::new(),
            rendered: Rendered::default(),
            len: 0,
            bytes: 0,
            first_row: 1,
            unclosed_quote: None,
        }
    }
}

/// The batches a split leaves behind, with their buffers, for the next
/// split of the same [`Preflight`]: the next file's records need not
/// allocate again, and the split does not free some 15,000 allocations
/// (a record buffer is three) while nothing else runs: ~0.5 ms of a
/// 26 ms split. Memory they hold stays bounded as in a split (records of more
/// than `SLOT_KEEP_BYTES` are shrunk when reused), and goes with the
/// `Preflight`. A clone starts with none.
#[derive(Default)]
pub(crate) struct SpareBatches(Mutex<Vec<Batch>>);

impl SpareBatches {
    /// Up to `count` spare batches, then new ones: `count` in all.
    fn take(&self, count: usize) -> Vec<Batch> {
        let mut batches = match self.0.lock() {
            Ok(mut spare) => {
                let keep = spare.len().saturating_sub(count);
                spare.split_off(keep)
            }
            Err(_) => Vec::new(),
        };
        batches.resize_with(count, Batch::new);
        batches
    }

    /// Keeps `batches` for the next split, up to `limit` in all; concurrent
    /// splits may bring back more than one needs.
    fn put_back(&self, batches: Vec<Batch>, limit: usize) {
        if let Ok(mut spare) = self.0.lock() {
            let room = limit.saturating_sub(spare.len());
            spare.extend(batches.into_iter().take(room));
        }
    }
}

impl Clone for SpareBatches {
    fn clone(&self) -> Self {
        SpareBatches::default()
    }
}

impl std::fmt::Debug for SpareBatches {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let spare = self.0.lock().map_or(0, |spare| spare.len());
        f.debug_struct("SpareBatches")
            .field("batches", &spare)
            .finish()
    }
}

/// Records of the sample date columns are detected from: the first batch
/// holds them all (fewer only when the file or `BATCH_BYTES` ends it)
/// unless the columns are decided sooner, as they usually are.
const DATE_SAMPLE_RECORDS: usize = 2_048;

/// Records the first batch holds at most once the date columns are
/// decided: a small first batch gives the validator rows sooner, while the
/// merge has nothing else to do.
const FIRST_BATCH_RECORDS: usize = 256;

/// Bytes of records in one batch at most: a file of huge rows makes
/// smaller batches, so memory stays bounded whatever the rows hold.
const BATCH_BYTES: usize = 4 << 20;

/// How many records the first batch holds, with `batch_size` records a
/// batch, while `dates` has seen those read so far.
fn first_batch_size(dates: &DateDetection, batch_size: usize) -> usize {
    if dates.is_decided() {
        batch_size.min(FIRST_BATCH_RECORDS)
    } else {
        batch_size.max(DATE_SAMPLE_RECORDS)
    }
}

/// The length of the first batch the split would read from `rows`, the
/// first rows of a stream (all of them when there are fewer than
/// [`first_batch_limit`]): date columns and P011's country code are
/// learned from it. `dates` is fed the rows it holds.
pub(crate) fn first_batch_of(
    rows: &[ByteRecord],
    batch_size: usize,
    dates: &mut DateDetection,
) -> usize {
    let (mut len, mut bytes) = (0, 0);
    while len < rows.len() && len < first_batch_size(dates, batch_size) && bytes < BATCH_BYTES {
        bytes += rows[len].as_slice().len();
        dates.add(&rows[len]);
        len += 1;
    }
    len
}

/// The most records the split's first batch can hold.
pub(crate) fn first_batch_limit(batch_size: usize) -> usize {
    batch_size.max(DATE_SAMPLE_RECORDS)
}

/// A batch slot whose record was larger than this gives its memory back
/// before it is reused.
const SLOT_KEEP_BYTES: usize = 1 << 10;

/// What a split of a workbook's text needs besides the text.
struct WorkbookRun {
    cells: Arc<SheetCells>,
    /// F011 naming the sheet.
    findings: Vec<Finding>,
    info: InputInfo,
    /// SHA-256 of the workbook's bytes.
    sha256: String,
}

/// What the split of a workbook's text needs besides the text, once the
/// sheet is chosen: F011 naming it.
fn workbook_run(info: &workbook::SheetInfo, cells: Arc<SheetCells>, sha256: String) -> WorkbookRun {
    let sheets = match info.sheets.len() {
        0 | 1 => "its only sheet".to_owned(),
        2 => "of 2 sheets; `--sheet` chooses the other".to_owned(),
        n => format!("of {n} sheets; `--sheet` chooses another"),
    };
    let finding = Finding::new(
        Code::F011,
        format!(
            "the {} workbook was read cell by cell, sheet `{}` ({sheets})",
            info.kind.as_str(),
            info.sheet
        ),
    )
    .at_line(1);
    WorkbookRun {
        cells,
        findings: vec![finding],
        info: InputInfo {
            format: info.kind.as_str(),
            encoding: None,
            delimiter: None,
            sheet: Some(info.sheet.clone()),
        },
        sha256,
    }
}

/// The split failed because the workbook's text broke off: the reader's
/// own error says why.
fn is_workbook_failure(error: &Error) -> bool {
    matches!(error.kind(), ErrorKind::Io { source, .. } if source.to_string().contains("reading the workbook failed"))
}

/// Reads up to `head.len()` bytes: fewer only at the end of `input`.
fn read_head(input: &mut impl Read, head: &mut [u8]) -> Result<usize, Error> {
    let mut len = 0;
    while len < head.len() {
        match input.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(error) if error.kind() == io::ErrorKind::Interrupted => {}
            // Said as the tap says it for a read further on.
            Err(error) => {
                return Err(Error::from(io::Error::new(
                    error.kind(),
                    format!("reading the input failed after {len} bytes: {error}"),
                )));
            }
        }
    }
    Ok(len)
}

/// What reading learned besides the records.
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
        self.split_sized(input, None, outputs, sink)
    }

    /// [`Preflight::split`] of an input whose length in bytes is known
    /// (a file's): the table of numbers seen, for duplicates, is then sized
    /// once from the first rows instead of growing as the rows come. The
    /// result is the same whatever the length says.
    ///
    /// A workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`, told by its
    /// first bytes) is read cell by cell: the sheet of
    /// [`crate::Options::sheet`], its rows as the records, each finding's
    /// line its sheet row and [`crate::Location::cell`] its cell.
    pub fn split_sized<R: Read + Send>(
        &self,
        input: R,
        input_len: Option<u64>,
        outputs: Option<Outputs<'_>>,
        sink: &mut dyn RowSink,
    ) -> Result<Report, Error> {
        let started = Instant::now();
        let bytes_read = Arc::new(AtomicU64::new(0));
        let mut input = CountingReader::new(input, bytes_read.clone());
        let mut head = [0u8; 8];
        let head_len = read_head(&mut input, &mut head)?;
        let head = &head[..head_len];
        let input = io::Cursor::new(head.to_vec()).chain(input);
        if workbook::looks_like_workbook(head) {
            let bytes = workbook::read_all(input)?;
            return self.split_workbook(&bytes, (started, bytes_read), outputs, sink);
        }
        self.split_text(input, input_len, None, (started, bytes_read), outputs, sink)
    }

    /// The split of the workbook `bytes`: a thread reads the sheet into
    /// CSV text while the split reads the text written so far.
    fn split_workbook(
        &self,
        bytes: &[u8],
        clock: (Instant, Arc<AtomicU64>),
        outputs: Option<Outputs<'_>>,
        sink: &mut dyn RowSink,
    ) -> Result<Report, Error> {
        let campaign = self.campaign();
        let options = self.options();
        let roles_of: workbook::RolesOf<'_> = Box::new(move |names: &[String]| {
            let header = Header::analyse(names.to_vec(), campaign);
            let mut roles = vec![ColumnRole::Other; names.len()];
            for date in &header.dates {
                roles[date.index] = ColumnRole::Date(date.format.chrono_format());
            }
            if let Some(phone) = header.phone {
                roles[phone] = ColumnRole::Phone;
            }
            roles
        });
        let (opened_tx, opened_rx) = sync_channel(1);
        let (chunks_tx, chunks_rx) = sync_channel(workbook::stream::CHUNKS_IN_FLIGHT);
        let failed = Arc::new(AtomicBool::new(false));
        std::thread::scope(|scope| {
            let reader_failed = failed.clone();
            let reader = std::thread::Builder::new()
                .name("preflight-workbook".into())
                .spawn_scoped(scope, move || {
                    let read = workbook::read_sheet(
                        bytes,
                        options.sheet.as_deref(),
                        options.limits,
                        roles_of,
                        |info, cells| {
                            let _ = opened_tx.send((info.clone(), cells.clone()));
                            ChunkSender::new(chunks_tx)
                        },
                    );
                    if read.is_err() {
                        reader_failed.store(true, Ordering::Release);
                    }
                    read
                })
                .map_err(Error::from)?;
            let join = |reader: ScopedJoinHandle<'_, Result<workbook::BlankRows, Error>>| {
                reader
                    .join()
                    .unwrap_or_else(|_| Err(Error::usage("the workbook reader panicked")))
            };
            // Hashed while calamine opens the workbook.
            let sha256 = crate::input::tap::sha256_hex(bytes);
            let Ok((info, cells)) = opened_rx.recv() else {
                // The reader stopped before choosing a sheet: it says why.
                return Err(join(reader)
                    .err()
                    .unwrap_or_else(|| Error::usage("the workbook reader stopped")));
            };
            let run = workbook_run(&info, cells, sha256);
            let split = self.split_text(
                ChunkReader::new(chunks_rx, failed),
                None,
                Some(run),
                clock,
                outputs,
                sink,
            );
            // The text's reader is gone with the split: a reader still
            // writing stops.
            match (split, join(reader)) {
                (Ok(mut report), Ok(blank_rows)) => {
                    self.add_blank_rows(&mut report, blank_rows);
                    Ok(report)
                }
                // The split read the text to its end, or stopped on an
                // error of its own (an output that failed).
                (Err(error), _) if !is_workbook_failure(&error) => Err(error),
                (_, Err(error)) => Err(error),
                (Err(error), Ok(_)) => Err(error),
            }
        })
    }

    /// F005 for a workbook's empty rows, known once it is read.
    fn add_blank_rows(&self, report: &mut Report, (count, first): workbook::BlankRows) {
        let Some(first) = first else {
            return;
        };
        let finding = Finding::new(
            Code::F005,
            format!("{count} empty row(s) skipped, the first at row {first}"),
        )
        .at_line(u64::from(first));
        if let Some(finding) = self.severities().apply(finding) {
            *report.by_rule.entry(finding.code).or_default() += 1;
            note_severity(&mut report.severity_by_rule, finding.code, finding.severity);
            report.file.push(finding);
            report.would_upload = report.uploads_cleanly(false);
        }
    }

    /// The split of `input`, CSV text (a workbook's, when `workbook`).
    fn split_text<R: Read + Send>(
        &self,
        input: R,
        input_len: Option<u64>,
        workbook: Option<WorkbookRun>,
        (started, bytes_read): (Instant, Arc<AtomicU64>),
        outputs: Option<Outputs<'_>>,
        sink: &mut dyn RowSink,
    ) -> Result<Report, Error> {
        let options = self.options();
        let (encoding, delimiter) = match workbook {
            // The sheet's text is what the workbook writer made of it.
            Some(_) => (
                Some(crate::InputEncoding::from_encoding(encoding_rs::UTF_8)),
                Some(b','),
            ),
            None => (options.encoding, options.delimiter),
        };
        let (reading, input) = detect::decide(input, encoding, delimiter)?;
        let delimiter = reading.delimiter;
        let mut tap =
            InputTap::new(input, options.limits, reading.transcode).with_delimiter(delimiter);
        if workbook.is_some() {
            // A workbook's text: the workbook's own bytes are hashed.
            tap = tap.without_hash();
        }
        let mut tapped = BufReader::with_capacity(1 << 16, tap);
        let mut file_findings = reading.findings;
        let skipped = sniff(&mut tapped, &mut file_findings)?;

        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .buffer_capacity(1 << 16)
            .from_reader(tapped);
        let mut reader =
            Records::new(reader, skipped, options.limits.max_rows).with_delimiter(delimiter);
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
        report.input.encoding = Some(reading.encoding);
        report.input.delimiter = Some(char::from(delimiter).to_string());
        let (sheet_cells, workbook) = match workbook {
            Some(run) => {
                report.file.extend(run.findings);
                report.input = run.info;
                (Some(run.cells), Some(run.sha256))
            }
            None => (None, None),
        };
        // A workbook's line is its sheet row.
        let header_line = sheet_cells.as_ref().map_or(header_line, |c| c.header_row());
        let render = outputs.is_some();
        let (mut valid_out, mut invalid_out) = match outputs {
            Some(outputs) => (Some(outputs.valid), Some(outputs.invalid)),
            None => (None, None),
        };

        if !has_header {
            report
                .file
                .push(Finding::new(Code::F007, "the file is empty").at_line(1));
            let mut summary = read_summary(reader)?;
            summary.sha256 = workbook.unwrap_or(summary.sha256);
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
        if self.campaign().is_some() {
            report.unmapped_columns = header.unmapped_names();
        }
        if self.send_columns() == SendColumns::Mapped {
            header.send_only_mapped();
        }
        let valid_header = match &header.sent {
            Some(sent) => sent.iter().filter_map(|&i| header_record.get(i)).collect(),
            None => header_record.clone(),
        };
        report.file.extend(header.findings.iter().cloned());
        let validator = self
            .record_validator(header)
            .with_sheet_cells(sheet_cells)
            .with_kept_warnings(sink.reads_rows() || self.options().keep_row_findings);

        if let (Some(valid), Some(invalid)) = (valid_out.as_mut(), invalid_out.as_mut()) {
            let mut extended = header_record.clone();
            extended.push_field(b"preflight_row");
            extended.push_field(b"preflight_errors");
            valid
                .write_all(&header_bytes(&valid_header))
                .and_then(|()| invalid.write_all(&header_bytes(&extended)))
                .map_err(Error::from)?;
        }

        let batch_size = self.options().batch_size.max(1);
        let threads = self.options().threads;
        let mut merge = Merge::new(
            &validator,
            valid_out,
            invalid_out,
            sink,
            self.options().keep_row_findings,
        );

        let validators = match threads {
            // The reader and the merge keep one core busy between them.
            0 => std::thread::available_parallelism().map_or(1, |cores| cores.get().max(2) - 1),
            n => n,
        };
        let in_flight = validators + BATCHES_BESIDES_VALIDATORS;
        let reader = BatchReader {
            records: reader,
            size: batch_size,
            shape: RecordShape::like(&header_record),
            validator: &validator,
            sequence: 0,
            rows_read: 0,
            at_end: false,
        };
        // Every channel can hold every batch, so no send ever blocks: the
        // batches themselves are the bound.
        let (read_tx, read_rx) = sync_channel::<Result<Batch, Error>>(in_flight);
        let (checked_tx, checked_rx) = sync_channel::<Result<Batch, Error>>(in_flight);
        // Validators take turns at the reader's channel.
        let read_rx = Mutex::new(read_rx);
        let mut summary = std::thread::scope(|scope| -> Result<ReadSummary, Error> {
            let validator = &validator;
            let read_rx = &read_rx;
            for _ in 0..validators {
                let checked_tx = checked_tx.clone();
                // Named threads show up as such in panics and profilers.
                std::thread::Builder::new()
                    .name("preflight-check".into())
                    .spawn_scoped(scope, move || {
                        validate_batches(validator, render, read_rx, checked_tx)
                    })
                    .map_err(Error::from)?;
            }
            drop(checked_tx);
            let batches = self.spare_batches.take(in_flight).into_iter();
            // With one validator, the merge reads too: a reader thread of
            // its own would take turns with the validator on its core (two
            // cores, three busy threads). With more, reading gets a thread.
            let mut refill = if validators == 1 {
                Refill::Inline {
                    reader,
                    free: batches.collect(),
                    read: Some(read_tx),
                }
            } else {
                let (free_tx, free_rx) = sync_channel::<Batch>(in_flight);
                for batch in batches {
                    let _ = free_tx.send(batch);
                }
                // The reader tells the first batch's bytes per row as soon
                // as it has read it, so the merge, idle until the first
                // batch is checked, sizes the duplicate table meanwhile.
                let (row_bytes_tx, row_bytes_rx) = sync_channel::<usize>(1);
                let thread = std::thread::Builder::new()
                    .name("preflight-read".into())
                    .spawn_scoped(scope, move || {
                        read_batches(reader, read_tx, free_rx, row_bytes_tx)
                    })
                    .map_err(Error::from)?;
                // No estimate comes when the reader stops first (no rows,
                // an error): the table then grows as numbers come.
                if let Some(len) = input_len
                    && let Ok(row_bytes) = row_bytes_rx.recv()
                {
                    merge.expect_rows(len, row_bytes);
                }
                Refill::Thread {
                    free: free_tx,
                    thread,
                }
            };
            // With one validator, the merge checks batches too when it has
            // nothing to read (every free batch is read), so that neither
            // thread idles while the other has work: whichever of reading
            // and checking is the slower stage is shared. A reader thread
            // of its own keeps the cores busy already.
            let helping = matches!(refill, Refill::Inline { .. });
            // Batches finish out of order when several validators run, or
            // the merge checks one: they wait here until their turn.
            let mut waiting: Vec<Batch> = Vec::with_capacity(in_flight);
            let mut next = 0;
            // An early return drops the channels' ends: the other stages see
            // them closed and stop.
            loop {
                let checked = match refill.read_next(&mut merge, input_len)? {
                    // Merge what is already checked, then read on.
                    true => match checked_rx.try_recv() {
                        Ok(batch) => batch,
                        Err(_) => continue,
                    },
                    // Nothing to read: merge what is checked, or check a
                    // batch the validator has not taken yet, or wait for
                    // the validators. They stop, closing the channel, once
                    // every batch read is checked.
                    false => match checked_rx.try_recv() {
                        Ok(batch) => batch,
                        Err(_) => match helping.then(|| take_unchecked(read_rx)).flatten() {
                            Some(batch) => checked(validator, render, batch),
                            None => match checked_rx.recv() {
                                Ok(batch) => batch,
                                Err(_) => break,
                            },
                        },
                    },
                };
                waiting.push(checked?);
                while let Some(position) = waiting.iter().position(|b| b.sequence == next) {
                    let mut batch = waiting.swap_remove(position);
                    next += 1;
                    merge.batch(&mut batch, render)?;
                    merge.sink.progress(Progress {
                        bytes_read: bytes_read.load(Ordering::Relaxed),
                        rows: merge.rows,
                    });
                    refill.give_back(batch);
                }
            }
            match refill {
                Refill::Inline { reader, free, .. } => {
                    self.spare_batches.put_back(free, in_flight);
                    reader.finish()
                }
                Refill::Thread { free, thread } => {
                    drop(free);
                    thread
                        .join()
                        .unwrap_or_else(|_| Err(Error::usage("the reader thread panicked")))
                }
            }
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
        report.rows_not_checked = merge.not_checked;
        report.calling_hours = merge.validator.checks_calling_hours().then_some(
            crate::findings::report::CallingHoursCounts {
                unknown_zone: merge.unknown_zone,
            },
        );
        let names = merge.validator.suppression_names();
        report.suppressed = names
            .into_iter()
            .enumerate()
            .map(|(index, name)| (name, merge.suppressed.get(index).copied().unwrap_or(0)))
            .collect();
        report.warned_rows = merge.warned_rows;
        report.rows = merge.kept;
        for (rule, count) in RULES.iter().zip(merge.by_rule) {
            if count > 0 {
                *report.by_rule.entry(rule.code).or_default() += count;
            }
        }
        for (rule, severity) in RULES.iter().zip(merge.severity_by_rule) {
            if let Some(severity) = severity {
                note_severity(&mut report.severity_by_rule, rule.code, severity);
            }
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
        if let Some(sha256) = workbook {
            // The workbook's bytes, not the text made of them.
            summary.sha256 = sha256;
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
            rows_not_checked: 0,
            suppressed: Default::default(),
            calling_hours: None,
            warned_rows: 0,
            input_sha256: String::new(),
            remove_invalid_rows: self.campaign().is_some_and(|c| c.remove_invalid_rows),
            input: InputInfo::default(),
            send_columns: self.send_columns(),
            unmapped_columns: Vec::new(),
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
    valid: Option<&'w mut (dyn Write + Send)>,
    invalid: Option<&'w mut (dyn Write + Send)>,
    sink: &'a mut dyn RowSink,
    /// The sink reads rows: it is called for each that has findings.
    sink_reads_rows: bool,
    duplicates_seen: Duplicates,
    /// For the rare row the merge renders itself: a duplicate that the
    /// validators rendered as valid.
    scratch: RowScratch,
    bytes: Vec<u8>,
    rows: u64,
    valid_rows: u64,
    warned_rows: u64,
    duplicates: u64,
    /// Rows a header problem kept from being checked.
    not_checked: u64,
    /// Rows refused by S001, per suppression list.
    suppressed: Vec<u64>,
    /// Rows whose number has no known time zone (T001 could not judge).
    unknown_zone: u64,
    /// Findings per rule, indexed like `RULES`.
    by_rule: Vec<u64>,
    /// The most serious severity seen per rule, indexed like `RULES`.
    severity_by_rule: Vec<Option<Severity>>,
    kept: Option<Vec<Finding>>,
}

impl<'a, 'w> Merge<'a, 'w> {
    fn new(
        validator: &'a RecordValidator,
        valid: Option<&'w mut (dyn Write + Send)>,
        invalid: Option<&'w mut (dyn Write + Send)>,
        sink: &'a mut dyn RowSink,
        keep: bool,
    ) -> Self {
        Merge {
            validator,
            valid,
            invalid,
            sink_reads_rows: sink.reads_rows(),
            sink,
            duplicates_seen: Duplicates::default(),
            scratch: RowScratch::default(),
            bytes: Vec::new(),
            rows: 0,
            valid_rows: 0,
            warned_rows: 0,
            duplicates: 0,
            not_checked: 0,
            suppressed: Vec::new(),
            unknown_zone: 0,
            by_rule: vec![0; RULES.len()],
            severity_by_rule: vec![None; RULES.len()],
            kept: keep.then(Vec::new),
        }
    }

    /// Sizes the duplicate table for the rows an input of `input_len`
    /// bytes holds, its rows taking `row_bytes` each.
    fn expect_rows(&mut self, input_len: u64, row_bytes: usize) {
        let rows = input_len / row_bytes.max(1) as u64;
        self.duplicates_seen
            .reserve(usize::try_from(rows).unwrap_or(usize::MAX));
    }

    /// Takes a checked batch, the next in input order: decides its
    /// duplicates, counts its rows and writes them out (when `render`,
    /// from the forms the validators rendered).
    fn batch(&mut self, batch: &mut Batch, render: bool) -> Result<(), Error> {
        // Brings the duplicate table's slots for the batch's numbers into
        // the cache in one go, so their memory latencies overlap instead
        // of stalling the merge one row at a time.
        self.duplicates_seen
            .warm_up(batch.verdicts.iter().filter_map(|verdict| verdict.phone));
        let rendered = &batch.rendered;
        // Where the rows seen so far end in each buffer, and how far each
        // buffer is written: a buffer is written in runs of rows, broken
        // only by a row the merge turned invalid.
        let (mut valid_end, mut invalid_end) = (0, 0);
        let (mut valid_written, mut invalid_written) = (0, 0);
        let rows = batch.records.iter().zip(&mut batch.verdicts);
        for (index, (record, verdict)) in rows.enumerate() {
            let valid_before = verdict.is_valid();
            let valid = self.take(record, verdict, valid_before);
            if !render {
                continue;
            }
            let end = rendered.ends[index];
            if !valid_before {
                invalid_end = end;
                continue;
            }
            if !valid {
                // A duplicate made a row the validators rendered valid
                // invalid: its valid form is skipped, and its invalid form,
                // with that error, is rendered here, in its place.
                self.bytes.clear();
                self.scratch.write_invalid(&mut self.bytes, record, verdict);
                write_to(&mut self.valid, &rendered.valid[valid_written..valid_end])?;
                write_to(
                    &mut self.invalid,
                    &rendered.invalid[invalid_written..invalid_end],
                )?;
                write_to(&mut self.invalid, &self.bytes)?;
                (valid_written, invalid_written) = (end, invalid_end);
            }
            valid_end = end;
        }
        if render {
            write_to(&mut self.valid, &rendered.valid[valid_written..])?;
            write_to(&mut self.invalid, &rendered.invalid[invalid_written..])?;
        }
        Ok(())
    }

    /// Takes the next row in input order, `valid` as its validator judged
    /// it: its duplicate check, counts and sink. Returns whether it is
    /// valid now.
    fn take(&mut self, record: &ByteRecord, verdict: &mut RowVerdict, valid: bool) -> bool {
        self.rows += 1;
        if verdict.not_checked {
            // The header's finding says it once, for every row: the row is
            // counted, and its copy of that finding (first, and already in
            // `invalid.csv`) is not reported again. Its other findings
            // (an unclosed quote) still are.
            self.not_checked += 1;
            if verdict
                .findings
                .first()
                .is_some_and(|f| matches!(f.code, Code::H001 | Code::F003))
            {
                verdict.findings.remove(0);
            }
        }
        self.unknown_zone += u64::from(verdict.unknown_zone);
        if let Some(index) = verdict.suppressed_by {
            if self.suppressed.len() <= index {
                self.suppressed.resize(index + 1, 0);
            }
            self.suppressed[index] += 1;
        }
        let findings_before = verdict.findings.len();
        if valid && self.duplicates_seen.claim(self.validator, verdict) {
            self.duplicates += 1;
        }
        // Only a duplicate's finding can have changed the verdict.
        let valid = if verdict.findings.len() > findings_before {
            verdict.is_valid()
        } else {
            valid
        };
        if valid {
            self.valid_rows += 1;
            let kept_warning = verdict
                .findings
                .iter()
                .any(|f| f.severity == Severity::Warn);
            if kept_warning || verdict.counted.has_warning() {
                self.warned_rows += 1;
            }
        }
        let findings = verdict.findings.iter().map(|f| (f.code, f.severity));
        for (code, severity) in findings.chain(verdict.counted.iter()) {
            let rule = code as usize;
            self.by_rule[rule] += 1;
            let seen = &mut self.severity_by_rule[rule];
            *seen = (*seen).max(Some(severity));
        }
        if !verdict.findings.is_empty() {
            if self.sink_reads_rows {
                self.sink.row(verdict, record);
            }
            if let Some(kept) = self.kept.as_mut() {
                kept.append(&mut verdict.findings);
            }
        }
        valid
    }

    fn flush(&mut self) -> Result<(), Error> {
        for out in [self.valid.as_mut(), self.invalid.as_mut()]
            .into_iter()
            .flatten()
        {
            out.flush().map_err(io_error)?;
        }
        Ok(())
    }
}

/// Keeps the most serious severity seen for `code`.
fn note_severity(map: &mut BTreeMap<Code, Severity>, code: Code, severity: Severity) {
    let seen = map.entry(code).or_insert(severity);
    *seen = (*seen).max(severity);
}

fn io_error(source: std::io::Error) -> Error {
    Error::from(ErrorKind::Io { path: None, source })
}

/// Writes `bytes` to `out`, when there is an output and something to write.
fn write_to(out: &mut Option<&mut (dyn Write + Send)>, bytes: &[u8]) -> Result<(), Error> {
    match out {
        Some(out) if !bytes.is_empty() => out.write_all(bytes).map_err(io_error),
        _ => Ok(()),
    }
}

/// A validator thread: takes the next batch the reader filled, checks and
/// renders it, and hands it to the merge. Validators share the reader's
/// channel, so whichever is free takes the next batch.
fn validate_batches(
    validator: &RecordValidator,
    render: bool,
    read: &Mutex<Receiver<Result<Batch, Error>>>,
    checked: SyncSender<Result<Batch, Error>>,
) {
    loop {
        // The lock is held only to receive, not while validating.
        let next = match read.lock() {
            Ok(read) => read.recv(),
            Err(_) => return,
        };
        let Ok(batch) = next else {
            return;
        };
        if checked
            .send(self::checked(validator, render, batch))
            .is_err()
        {
            return;
        }
    }
}

/// `batch` as a validator hands it on: checked, or the reader's error.
fn checked(
    validator: &RecordValidator,
    render: bool,
    batch: Result<Batch, Error>,
) -> Result<Batch, Error> {
    batch.map(|mut batch| {
        validate_batch(validator, render, &mut batch);
        batch
    })
}

/// The next batch read that no validator has taken, if one is waiting and
/// no validator is waiting for one (then there is none to take).
fn take_unchecked(read: &Mutex<Receiver<Result<Batch, Error>>>) -> Option<Result<Batch, Error>> {
    read.try_lock().ok()?.try_recv().ok()
}

/// Fills `batch.verdicts`, one per live record in record order, and (when
/// `render`) each row's output form.
fn validate_batch(validator: &RecordValidator, render: bool, batch: &mut Batch) {
    // Fresh verdicts, filled where they stay rather than built and moved.
    batch.verdicts.clear();
    batch.verdicts.resize_with(batch.len, RowVerdict::default);
    let mut rendering = render.then(|| batch.rendered.start());
    let rows = batch.records[..batch.len].iter().zip(&mut batch.verdicts);
    for (offset, (record, verdict)) in rows.enumerate() {
        let row = batch.first_row + offset as u64;
        validator.validate_into(record, row, batch.lines[offset], verdict);
        if let Some((_, unclosed)) = batch
            .unclosed_quote
            .as_ref()
            .filter(|(at, _)| *at == offset)
        {
            validator.add_finding(verdict, Code::F006, unclosed.message(), None);
            // Reported where the quote opened, not where the row starts.
            if let Some(finding) = verdict.findings.last_mut().filter(|f| f.code == Code::F006) {
                finding.location.line = Some(unclosed.opened_line);
            }
        }
        if let Some(rendering) = rendering.as_mut() {
            rendering.push(validator, record, verdict);
        }
    }
}

/// Fills batches of up to `size` records (and `BATCH_BYTES`) from the
/// input, noting the lines of records and a quote that never closed.
struct BatchReader<'v, R> {
    records: Records<R>,
    /// Records per batch.
    size: usize,
    shape: RecordShape,
    /// Told the first batch, to detect date columns from it.
    validator: &'v RecordValidator,
    /// The next batch's place in the input.
    sequence: u64,
    rows_read: u64,
    /// The input is exhausted.
    at_end: bool,
}

impl<R: Read> BatchReader<'_, R> {
    /// Refills `batch` with the next records; it holds none when the input
    /// had none left.
    fn fill(&mut self, batch: &mut Batch) -> Result<(), Error> {
        batch.len = 0;
        batch.bytes = 0;
        batch.sequence = self.sequence;
        batch.first_row = self.rows_read + 1;
        batch.unclosed_quote = None;
        let mut batch_bytes = 0;
        // Date columns are detected from the first batch, which holds the
        // sample until they are decided: more records would not change
        // them, so the outputs are the same whatever the batch size.
        let mut dates = (self.sequence == 0).then(|| self.validator.date_detection());
        loop {
            let size = dates
                .as_ref()
                .map_or(self.size, |dates| first_batch_size(dates, self.size));
            if batch.len >= size || batch_bytes >= BATCH_BYTES {
                break;
            }
            if batch.len == batch.records.len() {
                batch.records.push(self.shape.record());
                batch.lines.push(0);
            }
            let record = &mut batch.records[batch.len];
            if record.as_slice().len() > SLOT_KEEP_BYTES {
                *record = self.shape.record();
            }
            let Some(place) = self.records.read(record)? else {
                self.at_end = true;
                break;
            };
            batch_bytes += record.as_slice().len();
            // Each field's comma, or the line end after the last.
            batch.bytes += record.as_slice().len() + record.len();
            batch.lines[batch.len] = place.line;
            if let Some(unclosed) = place.unclosed_quote {
                batch.unclosed_quote = Some((batch.len, *unclosed));
            }
            if let Some(dates) = dates.as_mut() {
                dates.add(&batch.records[batch.len]);
            }
            batch.len += 1;
        }
        self.rows_read += batch.len as u64;
        if let Some(dates) = &dates {
            // Date columns by content (SPEC §5 "Dates"): decided once, from
            // the first batch, before any validator sees a row.
            self.validator.set_detected_dates(dates);
        }
        if self.sequence == 0 {
            // The country code most of the file's numbers carry, for P011:
            // from the first batch too, before any validator sees a row.
            self.validator.set_file_country(&batch.records[..batch.len]);
        }
        self.sequence += 1;
        Ok(())
    }

    /// Moves the records of the first batch beyond the batch size into
    /// `second`, which becomes the next batch. Returns whether it did:
    /// only the first batch, read with the date sample, can be that long.
    fn split_first(&mut self, first: &mut Batch, second: &mut Batch) -> bool {
        if first.sequence != 0 || first.len <= self.size {
            return false;
        }
        let moved = first.len - self.size;
        while second.records.len() < moved {
            second.records.push(self.shape.record());
            second.lines.push(0);
        }
        second.bytes = 0;
        for index in 0..moved {
            let from = self.size + index;
            std::mem::swap(&mut first.records[from], &mut second.records[index]);
            second.lines[index] = first.lines[from];
            let record = &second.records[index];
            second.bytes += record.as_slice().len() + record.len();
        }
        first.bytes -= second.bytes;
        first.len = self.size;
        second.len = moved;
        second.first_row = first.first_row + self.size as u64;
        second.unclosed_quote = None;
        if let Some((at, _)) = first
            .unclosed_quote
            .as_ref()
            .filter(|(at, _)| *at >= self.size)
        {
            let at = *at - self.size;
            second.unclosed_quote = first.unclosed_quote.take().map(|(_, quote)| (at, quote));
        }
        second.sequence = self.sequence;
        self.sequence += 1;
        true
    }

    /// Reads what is left (for the hash) and says what was learned.
    fn finish(self) -> Result<ReadSummary, Error> {
        read_summary(self.records)
    }
}

/// The first batch's bytes per row, for sizing the duplicate table.
/// Without their quotes, rows look a little shorter: this errs towards
/// more rows, a table a little too large.
fn row_bytes(first: &Batch) -> Option<usize> {
    (first.sequence == 0 && first.len > 0).then(|| first.bytes / first.len)
}

/// The reader thread, when there is one: fills the batches the merge
/// hands back until the input is exhausted.
fn read_batches<R: Read>(
    mut reader: BatchReader<'_, R>,
    full: SyncSender<Result<Batch, Error>>,
    free: Receiver<Batch>,
    row_bytes_of_first: SyncSender<usize>,
) -> Result<ReadSummary, Error> {
    for mut batch in free.iter() {
        if let Err(error) = reader.fill(&mut batch) {
            let _ = full.send(Err(error));
            return Err(Error::usage("the input could not be read"));
        }
        if let Some(bytes) = row_bytes(&batch) {
            // The merge may have stopped: nobody is then waiting.
            let _ = row_bytes_of_first.send(bytes);
        }
        if batch.len > 0 && full.send(Ok(batch)).is_err() {
            break;
        }
        if reader.at_end {
            break;
        }
    }
    drop(full);
    reader.finish()
}

/// Where the merge's batches go once merged, and who fills them again.
// One per split, on its stack: the size of the variants does not matter.
#[allow(clippy::large_enum_variant)]
enum Refill<'v, 's, R> {
    /// The merge thread reads between merges.
    Inline {
        reader: BatchReader<'v, R>,
        /// Batches ready to be filled.
        free: Vec<Batch>,
        /// To the validators; dropped once the input is exhausted, so that
        /// they stop when they have checked the rest.
        read: Option<SyncSender<Result<Batch, Error>>>,
    },
    /// A reader thread fills them.
    Thread {
        free: SyncSender<Batch>,
        thread: ScopedJoinHandle<'s, Result<ReadSummary, Error>>,
    },
}

impl<R: Read> Refill<'_, '_, R> {
    /// Reads the next batch and hands it to the validators when reading is
    /// the merge's to do and a batch is free. Returns whether it read.
    fn read_next(
        &mut self,
        merge: &mut Merge<'_, '_>,
        input_len: Option<u64>,
    ) -> Result<bool, Error> {
        let Refill::Inline { reader, free, read } = self else {
            return Ok(false);
        };
        let Some(to_validators) = read.as_ref() else {
            return Ok(false);
        };
        let Some(mut batch) = free.pop() else {
            return Ok(false);
        };
        reader.fill(&mut batch)?;
        let first_row_bytes = row_bytes(&batch);
        // A first batch that held the whole date sample, more records than
        // a batch, is handed over in two: the validator's first result
        // comes back sooner, while the merge has nothing else to do.
        let mut second_half = free.pop();
        if let Some(second) = second_half.as_mut()
            && !reader.split_first(&mut batch, second)
        {
            free.extend(second_half.take());
        }
        if batch.len > 0 {
            for batch in std::iter::once(batch).chain(second_half) {
                to_validators
                    .send(Ok(batch))
                    .map_err(|_| Error::usage("the validator threads stopped"))?;
            }
        } else {
            free.push(batch);
        }
        if let (Some(len), Some(bytes)) = (input_len, first_row_bytes) {
            // The validator checks the first batch meanwhile.
            merge.expect_rows(len, bytes);
        }
        if reader.at_end {
            *read = None;
        }
        Ok(true)
    }

    /// Takes back a merged batch for refilling.
    fn give_back(&mut self, batch: Batch) {
        match self {
            Refill::Inline { free, .. } => free.push(batch),
            // The reader may have finished; a closed channel is fine.
            Refill::Thread { free, .. } => {
                let _ = free.send(batch);
            }
        }
    }
}

/// Reads what is left of the input (so the hash covers all of it) and
/// says what reading learned.
fn read_summary<R: Read>(records: Records<R>) -> Result<ReadSummary, Error> {
    let (blank_lines, first_blank_line) = (records.blank_lines, records.first_blank_line);
    let tap = records.finish()?;
    Ok(ReadSummary {
        blank_lines,
        first_blank_line,
        sha256: tap.sha256,
        encoding: tap.encoding,
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
    // Only when UTF-8 was declared: detection reads such a file as UTF-16.
    if detect::utf16_without_bom(head).is_some() {
        return not_csv(
            "UTF-16 text without a byte-order mark (every other byte is NUL)",
            "save it as \"CSV UTF-8\", or rerun with `--encoding utf-16le` (or `utf-16be`) to transcode it",
        );
    }
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if matches!(first, Some(b'{' | b'[')) {
        return not_csv("JSON", "export the contacts as CSV with a header row");
    }
    Ok(0)
}
