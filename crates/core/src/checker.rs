//! Record-at-a-time checking for callers that already hold the rows: an
//! ETL job, a queue consumer, a database cursor.
//!
//! [`RecordValidator`] judges one record on its own and is stateless, but
//! one rule needs the rows before: a number seen on an earlier row is a
//! duplicate (P010). [`RowChecker`] owns that memory, so rows handed to it
//! in order get the same verdicts [`Preflight::split`] gives the same rows
//! in a file.

use std::borrow::Cow;

use csv::ByteRecord;

use crate::campaign::SendColumns;
use crate::findings::finding::{Finding, Severity};
use crate::preflight::Preflight;
use crate::rows::duplicates::Duplicates;
use crate::rows::header::Header;
use crate::rows::validate::{RecordValidator, RowVerdict};
use crate::split::valid_cells_into;

/// Checks records one at a time against one header, remembering numbers
/// across calls so duplicates are found as in [`Preflight::split`].
///
/// Made by [`Preflight::row_checker`]. Rows are numbered in the order they
/// are checked, from 1; a row's `line` is its number plus one, as if the
/// rows came from a file with the header on line 1 and one record per line.
///
/// ```
/// use ringg_preflight::PreflightBuilder;
///
/// let preflight = PreflightBuilder::new().country_code("+91").build()?;
/// let mut checker = preflight.row_checker(["Mobile Number", "Name"]);
/// let first = checker.check_fields(["98765 43210", "Asha"]);
/// assert!(first.is_valid());
/// assert_eq!(first.cells().collect::<Vec<_>>(), ["+919876543210", "Asha"]);
/// let again = checker.check_fields(["+919876543210", "Asha again"]);
/// assert_eq!(again.findings()[0].message, "+919876543210 already appears on row 1");
/// # Ok::<(), ringg_preflight::Error>(())
/// ```
#[derive(Debug)]
pub struct RowChecker {
    validator: RecordValidator,
    header_findings: Vec<Finding>,
    duplicates: Duplicates,
    rows: u64,
    duplicate_rows: u64,
    /// Whether P010 is checked across the rows (see
    /// [`RowChecker::skip_duplicates`]).
    find_duplicates: bool,
    /// Records per batch of the split this checker stands in for.
    batch_size: usize,
    /// Reused for `check_fields`, so a call allocates only its result.
    scratch: ByteRecord,
}

/// One record's verdict with the row as it should be sent on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedRow {
    /// Row number, line, findings, the accepted number and repairs.
    pub verdict: RowVerdict,
    /// A valid row as `valid.csv` would hold it (the phone number in E.164,
    /// repaired cells rewritten); an invalid row's cells as they were, as
    /// `invalid.csv` keeps them.
    pub record: ByteRecord,
}

impl CheckedRow {
    /// No finding of severity `error`: the row can be uploaded.
    pub fn is_valid(&self) -> bool {
        self.verdict.is_valid()
    }

    /// Every finding on the row (errors, warnings, information).
    pub fn findings(&self) -> &[Finding] {
        &self.verdict.findings
    }

    /// The cells of [`CheckedRow::record`] as text; bytes that are not
    /// UTF-8 (only in a row with an F001 error) become `U+FFFD`.
    pub fn cells(&self) -> impl Iterator<Item = Cow<'_, str>> {
        self.record.iter().map(String::from_utf8_lossy)
    }
}

impl Preflight {
    /// The validator for records under `header`, configured as this run is.
    /// The split and [`RowChecker`] both take theirs from here, so the two
    /// judge a row alike.
    pub(crate) fn record_validator(&self, header: Header) -> RecordValidator {
        let consent = self
            .campaign()
            .and_then(|campaign| crate::rows::consent::ConsentCheck::new(campaign, &header));
        RecordValidator::new(
            header,
            self.phone_rules().clone(),
            self.severities().clone(),
        )
        .fix(self.options().fix)
        .with_callee_time(self.callee_time().cloned())
        .with_suppressions(self.suppressions().cloned())
        .with_consent(consent)
    }

    /// A [`RowChecker`] for records under `header`, the column names in
    /// order (a UTF-8 byte-order mark before the first is ignored).
    ///
    /// The header is judged at once: see [`RowChecker::header_findings`].
    pub fn row_checker<I, S>(&self, header: I) -> RowChecker
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut names: Vec<String> = header
            .into_iter()
            .map(|name| String::from_utf8_lossy(name.as_ref()).into_owned())
            .collect();
        if let Some(first) = names.first_mut()
            && let Some(rest) = first.strip_prefix('\u{feff}')
        {
            *first = rest.to_owned();
        }
        let mut header = Header::analyse(names, self.campaign());
        if self.send_columns() == SendColumns::Mapped {
            header.send_only_mapped();
        }
        let header_findings = header
            .findings
            .iter()
            .cloned()
            .filter_map(|f| self.severities().apply(f))
            .collect();
        let validator = self.record_validator(header);
        RowChecker {
            validator,
            header_findings,
            duplicates: Duplicates::default(),
            rows: 0,
            duplicate_rows: 0,
            find_duplicates: true,
            batch_size: self.options().batch_size.max(1),
            scratch: ByteRecord::new(),
        }
    }
}

impl RowChecker {
    /// Findings about the header itself (each at line 1): a missing phone
    /// column, duplicate or empty names, mapped columns missing. With a
    /// blocking one (no phone column), every row is invalid and says why.
    pub fn header_findings(&self) -> &[Finding] {
        &self.header_findings
    }

    /// Whether the header has a finding of severity `error`.
    pub fn header_has_errors(&self) -> bool {
        self.header_findings
            .iter()
            .any(|f| f.severity == Severity::Error)
    }

    /// Finds date columns by their content (SPEC §5 "Dates": ≥ 90% of the
    /// first 1,000 non-empty cells parse in one format) in `sample`, the
    /// first records of the stream, as the split does with its first
    /// batch. Call it before the first [`RowChecker::check`]; only the first
    /// call counts. Without it, declared and named date columns are still
    /// checked.
    pub fn detect_date_columns(&mut self, sample: &[ByteRecord]) {
        self.validator.detect_date_columns(sample);
    }

    /// How many of the first rows [`RowChecker::learn_from_first_rows`]
    /// reads at most: give it this many (or every row, when the stream is
    /// shorter).
    pub fn first_rows_wanted(&self) -> usize {
        crate::split::first_batch_limit(self.batch_size)
    }

    /// Learns from the first rows of the stream what the split learns from
    /// its first batch, before any row is checked: the date columns by
    /// their content and the country code most of the numbers are written
    /// with (P011). Given the first [`RowChecker::first_rows_wanted`] rows
    /// (or all, in a shorter stream), the checker then gives every row the
    /// verdict [`Preflight::split`] gives it in a file. Only the first call
    /// counts, and a call after [`RowChecker::detect_date_columns`] learns
    /// only the country code.
    pub fn learn_from_first_rows(&mut self, rows: &[ByteRecord]) {
        let mut dates = self.validator.date_detection();
        let len = crate::split::first_batch_of(rows, self.batch_size, &mut dates);
        self.validator.set_detected_dates(&dates);
        self.validator.set_file_country(&rows[..len]);
    }

    /// With `yes`, rows are not compared with each other: P010 (a number
    /// already on an earlier row) is left to the caller, as when each
    /// partition of a dataset is checked on its own and duplicates are
    /// dropped on the E.164 number afterwards.
    pub fn skip_duplicates(&mut self, yes: bool) {
        self.find_duplicates = !yes;
    }

    /// The header as analysed: column names, the phone column, the mapped
    /// columns.
    pub fn header(&self) -> &Header {
        self.validator.header()
    }

    /// Checks the next record.
    pub fn check(&mut self, record: &ByteRecord) -> CheckedRow {
        self.rows += 1;
        let mut verdict = self.validator.validate(record, self.rows, self.rows + 1);
        if self.find_duplicates && self.duplicates.check(&self.validator, &mut verdict) {
            self.duplicate_rows += 1;
        }
        Self::checked(&self.validator, record, verdict)
    }

    /// The row as it goes on: `verdict` with `record`'s output form.
    fn checked(
        validator: &RecordValidator,
        record: &ByteRecord,
        verdict: RowVerdict,
    ) -> CheckedRow {
        let mut out = ByteRecord::with_capacity(record.as_slice().len() + 16, record.len());
        let header = validator.header();
        if !(verdict.is_valid() && valid_cells_into(record, &verdict, header, &mut out)) {
            out.clone_from(record);
        }
        CheckedRow {
            verdict,
            record: out,
        }
    }

    /// Checks the next `records`, in order, on up to `threads` threads
    /// (0: one per core): each row is judged on its own in parallel, then
    /// duplicates are found in order, so the verdicts are those of
    /// [`RowChecker::check`] on each record in turn.
    pub fn check_many(&mut self, records: &[ByteRecord], threads: usize) -> Vec<CheckedRow> {
        let threads = match threads {
            0 => std::thread::available_parallelism().map_or(1, |cores| cores.get()),
            n => n,
        };
        // Below a few hundred rows a thread costs more than it saves.
        let threads = threads.min(records.len() / 256).max(1);
        let first_row = self.rows + 1;
        let validator = &self.validator;
        let judge = |offset: usize, records: &[ByteRecord]| -> Vec<CheckedRow> {
            records
                .iter()
                .enumerate()
                .map(|(index, record)| {
                    let row = first_row + (offset + index) as u64;
                    Self::checked(validator, record, validator.validate(record, row, row + 1))
                })
                .collect()
        };
        let mut checked = if threads == 1 {
            judge(0, records)
        } else {
            let chunk = records.len().div_ceil(threads);
            std::thread::scope(|scope| {
                let others: Vec<_> = records
                    .chunks(chunk)
                    .enumerate()
                    .skip(1)
                    .map(|(index, part)| scope.spawn(move || judge(index * chunk, part)))
                    .collect();
                let mut all = judge(0, &records[..chunk]);
                for other in others {
                    match other.join() {
                        Ok(part) => all.extend(part),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                all
            })
        };
        self.rows += records.len() as u64;
        if self.find_duplicates {
            for (row, record) in checked.iter_mut().zip(records) {
                if row.verdict.is_valid()
                    && self.duplicates.check(&self.validator, &mut row.verdict)
                {
                    self.duplicate_rows += 1;
                    // Now invalid: the cells as they were.
                    row.record.clone_from(record);
                }
            }
        }
        checked
    }

    /// Checks the next record given as its fields: `&[&str]`, `Vec<String>`,
    /// `[&[u8]; N]`, anything whose items are bytes or text.
    pub fn check_fields<I, S>(&mut self, fields: I) -> CheckedRow
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        let mut record = std::mem::take(&mut self.scratch);
        record.clear();
        for field in fields {
            record.push_field(field.as_ref());
        }
        let checked = self.check(&record);
        self.scratch = record;
        checked
    }

    /// Records checked so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Rows found to repeat an earlier row's number so far.
    pub fn duplicates(&self) -> u64 {
        self.duplicate_rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PreflightBuilder;
    use crate::rules::Code;

    fn checker(header: &[&str]) -> RowChecker {
        PreflightBuilder::new()
            .country_code("+91")
            .build()
            .unwrap()
            .row_checker(header)
    }

    #[test]
    fn a_number_claimed_by_an_invalid_row_is_not_a_duplicate_later() {
        let mut checker = checker(&["Mobile Number", "Name"]);
        let ragged = checker.check_fields(["+919876543210"]);
        assert_eq!(ragged.findings()[0].code, Code::F004);
        let first = checker.check_fields(["+919876543210", "Asha"]);
        assert!(first.is_valid(), "{:?}", first.findings());
        let second = checker.check_fields(["09876543210", "Ravi"]);
        assert_eq!(
            second.findings()[0].message,
            "+919876543210 already appears on row 2"
        );
        assert_eq!(second.findings()[0].location.line, Some(4));
        assert_eq!((checker.rows(), checker.duplicates()), (3, 1));
    }

    #[test]
    fn an_invalid_row_keeps_its_cells_as_they_were() {
        let mut checker = checker(&["\u{feff}Mobile Number", "Name"]);
        assert!(checker.header_findings().is_empty());
        let row = checker.check_fields([&b"98765"[..], b"R\xffvi"]);
        assert!(!row.is_valid());
        assert_eq!(row.record.as_slice(), b"98765R\xffvi");
        assert_eq!(row.cells().nth(1).unwrap(), "R\u{fffd}vi");
    }

    #[test]
    fn learning_from_the_first_rows_gives_the_splits_verdicts() {
        // P011 and detected date columns depend on the first batch.
        let mut csv = String::from("Mobile Number,Name,Seen\n");
        for i in 0..3000 {
            let phone = if i % 7 == 3 {
                format!("07400 12{i:04}")
            } else {
                format!("+44 7400 12{i:04}")
            };
            let day = if i == 2 {
                "not a date".into()
            } else {
                format!("{:02}/10/2026", i % 28 + 1)
            };
            csv.push_str(&format!("{phone},n{i},{day}\n"));
        }
        let preflight = PreflightBuilder::new().country_code("+91").build().unwrap();
        let mut by_split = Vec::new();
        preflight
            .split(
                csv.as_bytes(),
                None,
                &mut |verdict: &RowVerdict, _: &ByteRecord| by_split.push(verdict.findings.clone()),
            )
            .unwrap();
        let mut reader = csv::ReaderBuilder::new().from_reader(csv.as_bytes());
        let header = reader.byte_headers().unwrap().clone();
        let rows: Vec<ByteRecord> = reader.byte_records().map(Result::unwrap).collect();
        let mut checker = preflight.row_checker(&header);
        assert_eq!(checker.first_rows_wanted(), 2048);
        checker.learn_from_first_rows(&rows[..checker.first_rows_wanted()]);
        let by_checker: Vec<_> = rows
            .iter()
            .map(|row| checker.check(row).verdict.findings)
            .filter(|findings| !findings.is_empty())
            .collect();
        assert!(by_split.iter().flatten().any(|f| f.code == Code::P011));
        assert!(by_split.iter().flatten().any(|f| f.code == Code::D001));
        assert_eq!(by_checker, by_split);
    }

    #[test]
    fn checking_many_on_threads_is_checking_each_in_turn() {
        let rows: Vec<ByteRecord> = (0..3000)
            .map(|i| {
                let phone = match i % 5 {
                    0 => format!("98765{:05}", i / 10),
                    1 => "12345".to_owned(),
                    _ => format!("+91 98{:08}", i),
                };
                ByteRecord::from(vec![phone, format!("n{i}")])
            })
            .collect();
        let mut one = checker(&["Mobile Number", "Name"]);
        let each: Vec<CheckedRow> = rows.iter().map(|row| one.check(row)).collect();
        for threads in [1, 3] {
            let mut many = checker(&["Mobile Number", "Name"]);
            let mut got = many.check_many(&rows[..1000], threads);
            got.extend(many.check_many(&rows[1000..], threads));
            assert_eq!(got, each);
            assert_eq!(
                (many.rows(), many.duplicates()),
                (one.rows(), one.duplicates())
            );
        }
        assert!(one.duplicates() > 100);
    }

    #[test]
    fn duplicates_can_be_left_to_the_caller() {
        let mut checker = checker(&["Mobile Number", "Name"]);
        checker.skip_duplicates(true);
        assert!(checker.check_fields(["+919876543210", "Asha"]).is_valid());
        assert!(checker.check_fields(["+919876543210", "Asha"]).is_valid());
        assert_eq!(checker.duplicates(), 0);
    }

    #[test]
    fn without_a_phone_column_every_row_says_why() {
        let mut checker = checker(&["Phone", "Name"]);
        assert!(checker.header_has_errors());
        assert_eq!(checker.header_findings()[0].code, Code::H001);
        let row = checker.check_fields(["+919876543210", "Asha"]);
        assert_eq!(row.findings()[0].code, Code::H001);
        assert!(row.findings()[0].message.starts_with("row not checked: "));
    }
}
