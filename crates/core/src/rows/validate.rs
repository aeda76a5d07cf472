//! Row validation: everything that can be said about one record on its
//! own. Duplicates need the rows before, so the ordered merge of
//! [`Preflight::split`](crate::Preflight::split) (or a
//! [`RowChecker`](crate::RowChecker)) decides them.

use std::fmt;
use std::sync::{Arc, OnceLock};

use csv::ByteRecord;

use crate::calling_hours::callee_time::CalleeTime;
use crate::findings::finding::{Finding, Location, Severity};
use crate::input::workbook::{CellNote, SheetCells};
use crate::phone::{E164, PhoneRules};
use crate::rows::dates::{DateColumn, DateDetection};
use crate::rows::header::Header;
use crate::rules::{Code, RULES};

/// Severity per code after `preflight.rules`; `None` turns a rule off.
#[derive(Debug, Clone)]
pub struct Severities(Vec<Option<Severity>>);

impl Severities {
    /// The defaults of the rule table, with `overrides` applied.
    pub fn new(overrides: impl IntoIterator<Item = (Code, Option<Severity>)>) -> Self {
        let mut table: Vec<_> = RULES.iter().map(|r| Some(r.default_severity)).collect();
        for (code, severity) in overrides {
            table[code as usize] = severity;
        }
        Severities(table)
    }

    /// The severity of `code`, `None` when the rule is off.
    pub fn of(&self, code: Code) -> Option<Severity> {
        self.0[code as usize]
    }

    /// Gives `finding` its configured severity; `None` when its rule is off.
    pub fn apply(&self, mut finding: Finding) -> Option<Finding> {
        finding.severity = self.of(finding.code)?;
        Some(finding)
    }
}

impl Default for Severities {
    fn default() -> Self {
        Severities::new([])
    }
}

/// The verdict on one data record.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowVerdict {
    /// The 1-based data record number (`preflight_row`).
    pub row: u64,
    /// The 1-based line where the record starts.
    pub line: u64,
    /// Findings, in rule order of discovery.
    pub findings: Vec<Finding>,
    /// The accepted number, when the phone cell holds one.
    pub phone: Option<E164>,
    /// Cells to write differently in `valid.csv`: (field index, new text).
    pub repairs: Vec<(usize, String)>,
    /// A header problem (no phone column, a file that is not
    /// comma-separated) kept the row from being checked: its one finding
    /// repeats the header's, for `invalid.csv`, and a split counts the row
    /// in [`crate::Report::rows_not_checked`] instead of reporting the
    /// finding again.
    pub not_checked: bool,
    /// The suppression list (its index) that holds the row's number (S001).
    pub suppressed_by: Option<usize>,
    /// T001 could not judge the row: its number's prefix has no known time
    /// zone (counted in the report's `calling_hours.unknown_zone`).
    pub unknown_zone: bool,
    /// Findings below `error` that were only counted, in a split whose
    /// rows nobody reads.
    pub(crate) counted: Counted,
}

/// Findings below `error` counted rather than kept: a split whose rows
/// nobody reads needs only how many each rule raised, and whether a row
/// has a warning. Kept in the verdict without allocating for the usual few.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Counted {
    first: [Option<(Code, Severity)>; 4],
    more: Vec<(Code, Severity)>,
}

impl Counted {
    fn push(&mut self, code: Code, severity: Severity) {
        match self.first.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some((code, severity)),
            None => self.more.push((code, severity)),
        }
    }

    /// The counted findings' codes and severities, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (Code, Severity)> + '_ {
        self.first
            .iter()
            .map_while(|slot| *slot)
            .chain(self.more.iter().copied())
    }

    /// One of them is a warning.
    pub(crate) fn has_warning(&self) -> bool {
        self.iter().any(|(_, severity)| severity == Severity::Warn)
    }
}

impl RowVerdict {
    /// No finding of severity `error`.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// `CODE: message` items joined by ` | `, as in `preflight_errors`.
    pub fn errors_summary(&self) -> String {
        let mut out = String::new();
        self.errors_summary_into(&mut out);
        out
    }

    /// Appends [`RowVerdict::errors_summary`] to `out`.
    pub fn errors_summary_into(&self, out: &mut String) {
        let start = out.len();
        for finding in self
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            if out.len() > start {
                out.push_str(" | ");
            }
            out.push_str(finding.code.as_str());
            out.push_str(": ");
            out.push_str(&finding.message);
        }
    }
}

/// Validates records against one header: phone, structure and variables.
#[derive(Debug, Clone)]
pub struct RecordValidator {
    header: Header,
    /// The header's names, shared by the findings that name their column.
    column_names: Box<[Arc<str>]>,
    phone_rules: PhoneRules,
    severities: Severities,
    /// A file-level error that makes every row invalid (no phone column).
    blocking: Option<(Code, String)>,
    /// Rewrite repairable cells in `valid.csv` (`--fix`).
    fix: bool,
    /// Date columns detected by content, decided once from a sample.
    detected_dates: OnceLock<Vec<DateColumn>>,
    /// The country code most numbers written with `+` in the file's first
    /// rows carry, when it is not the campaign's (P011).
    file_country: OnceLock<Option<u16>>,
    /// The callee-local-time check (T001), when the campaign has a window.
    callee_time: Option<Arc<CalleeTime>>,
    suppressions: Option<Arc<crate::rows::suppression::Suppressions>>,
    consent: Option<crate::rows::consent::ConsentCheck>,
    /// For a workbook: where each record is in the sheet, and the notes
    /// on its cells (a number in the phone cell, an error value).
    sheet_cells: Option<Arc<SheetCells>>,
    /// Keep findings below `error` as findings. A split whose rows nobody
    /// reads only counts them (in [`RowVerdict::counted`]): it writes only
    /// the errors' messages, into `invalid.csv`.
    keep_warnings: bool,
}

/// Longest cell that is not suspicious (V002).
const LONG_CELL_CHARS: usize = 1_000;

/// Line terminators in `bytes` (a CRLF counts once).
fn line_breaks(bytes: &[u8]) -> u64 {
    let newlines = bytes.iter().filter(|&&b| b == b'\n').count();
    let lone_crs = bytes
        .windows(2)
        .filter(|pair| pair[0] == b'\r' && pair[1] != b'\n')
        .count()
        + usize::from(bytes.last() == Some(&b'\r'));
    (newlines + lone_crs) as u64
}

use crate::text::preview;

impl RecordValidator {
    /// A validator for records under `header`.
    pub fn new(header: Header, phone_rules: PhoneRules, severities: Severities) -> Self {
        let blocking = header
            .findings
            .iter()
            .find(|f| matches!(f.code, Code::H001 | Code::F003))
            .map(|f| (f.code, format!("row not checked: {}", f.message)));
        let column_names = header.names.iter().map(|name| Arc::from(&**name)).collect();
        RecordValidator {
            header,
            column_names,
            phone_rules,
            severities,
            blocking,
            fix: false,
            detected_dates: OnceLock::new(),
            file_country: OnceLock::new(),
            callee_time: None,
            suppressions: None,
            consent: None,
            sheet_cells: None,
            keep_warnings: true,
        }
    }

    /// Rewrites repairable cells (a date in another format) into
    /// [`RowVerdict::repairs`]; their findings become warnings (`--fix`).
    pub fn fix(mut self, yes: bool) -> Self {
        self.fix = yes;
        self
    }

    /// Detects date columns by content (SPEC §5 "Dates") in `sample`, the
    /// first records of the file; only the first call counts. Declared and
    /// named date columns are checked without it.
    pub fn detect_date_columns(&self, sample: &[ByteRecord]) {
        self.detected_dates.get_or_init(|| {
            let mut detection = self.date_detection();
            for record in sample {
                detection.add(record);
            }
            detection.columns()
        });
    }

    /// Detection of the date columns, to be fed the sample one record at
    /// a time: the columns neither the phone nor declared or named dates.
    pub(crate) fn date_detection(&self) -> DateDetection {
        let header = &self.header;
        DateDetection::new(header.names.len(), |index| {
            Some(index) == header.phone || header.dates.iter().any(|c| c.index == index)
        })
    }

    /// Sets the detected date columns, as [`RecordValidator::detect_date_columns`]
    /// would from the sample `detection` counted; only the first call
    /// counts.
    pub(crate) fn set_detected_dates(&self, detection: &DateDetection) {
        self.detected_dates.get_or_init(|| detection.columns());
    }

    /// Every date column: declared or named, then detected.
    pub fn date_columns(&self) -> impl Iterator<Item = &DateColumn> {
        self.header
            .dates
            .iter()
            .chain(self.detected_dates.get().into_iter().flatten())
    }

    /// Also checks each accepted number's local time against the campaign's
    /// calling slots (T001).
    /// Whether the callee-local-time check (T001) runs.
    pub(crate) fn checks_calling_hours(&self) -> bool {
        self.callee_time.is_some()
    }

    /// The suppression lists' names, in order.
    pub(crate) fn suppression_names(&self) -> Vec<String> {
        self.suppressions
            .iter()
            .flat_map(|s| s.lists.iter().map(|list| list.name.clone()))
            .collect()
    }

    /// Decides [`RecordValidator`]'s view of the file's country from
    /// `sample`, its first records; only the first call counts. A country
    /// is the file's when at least 3 of the numbers written with `+` carry
    /// it and they are more than half of them.
    pub(crate) fn set_file_country(&self, sample: &[ByteRecord]) {
        self.file_country.get_or_init(|| {
            let phone = self.header.phone?;
            let mut counts: std::collections::HashMap<u16, usize> =
                std::collections::HashMap::new();
            let mut written = 0usize;
            for record in sample {
                let Some(cell) = record.get(phone).and_then(|c| std::str::from_utf8(c).ok()) else {
                    continue;
                };
                if let Some(code) = self.phone_rules.written_country_code(cell) {
                    written += 1;
                    *counts.entry(code).or_default() += 1;
                }
            }
            counts
                .into_iter()
                .find(|&(_, count)| count >= 3 && count * 2 > written)
                .map(|(code, _)| code)
        });
    }

    pub(crate) fn with_consent(
        mut self,
        consent: Option<crate::rows::consent::ConsentCheck>,
    ) -> Self {
        self.consent = consent;
        self
    }

    pub(crate) fn with_suppressions(
        mut self,
        suppressions: Option<Arc<crate::rows::suppression::Suppressions>>,
    ) -> Self {
        self.suppressions = suppressions;
        self
    }

    pub(crate) fn with_callee_time(mut self, callee_time: Option<Arc<CalleeTime>>) -> Self {
        self.callee_time = callee_time;
        self
    }

    /// Only counts the findings below `error` when `no`, formatting no
    /// message and keeping no place for them.
    pub(crate) fn with_sheet_cells(mut self, cells: Option<Arc<SheetCells>>) -> Self {
        self.sheet_cells = cells;
        self
    }

    pub(crate) fn with_kept_warnings(mut self, yes: bool) -> Self {
        self.keep_warnings = yes;
        self
    }

    /// The header this validator reads records against.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// Validates one record; `row` and `line` place it in the file.
    pub fn validate(&self, record: &ByteRecord, row: u64, line: u64) -> RowVerdict {
        let mut verdict = RowVerdict::default();
        self.validate_into(record, row, line, &mut verdict);
        verdict
    }

    /// [`RecordValidator::validate`] into `verdict`, a fresh one: a caller
    /// that keeps verdicts in place spares moving each.
    pub(crate) fn validate_into(
        &self,
        record: &ByteRecord,
        row: u64,
        line: u64,
        verdict: &mut RowVerdict,
    ) {
        verdict.row = row;
        verdict.line = line;
        // A workbook's line is its sheet row.
        if let Some(sheet_row) = self.sheet_cells.as_ref().and_then(|c| c.sheet_row(row)) {
            verdict.line = sheet_row;
        }
        self.check(record, verdict);
    }

    fn check(&self, record: &ByteRecord, verdict: &mut RowVerdict) {
        verdict.not_checked = self.blocking.is_some();
        verdict.suppressed_by = None;
        verdict.unknown_zone = false;
        if let Some((code, message)) = &self.blocking {
            self.push(verdict, *code, format_args!("{message}"), None);
            return;
        }
        let width = self.header.names.len();
        if record.len() != width {
            let spanned = line_breaks(record.as_slice());
            let fields = record.len();
            let line = verdict.line;
            let message = if spanned > 0 {
                format_args!(
                    "the row has {fields} fields; the header has {width} (the row spans lines {line}–{}: a quoted cell holds line breaks; check its quotes)",
                    line + spanned
                )
            } else {
                format_args!("the row has {fields} fields; the header has {width}")
            };
            self.push(verdict, Code::F004, message, None);
            return;
        }
        let Some(text) = utf8_text(record) else {
            let index = record
                .iter()
                .position(|field| std::str::from_utf8(field).is_err())
                .unwrap_or(0);
            let text = String::from_utf8_lossy(&record[index]);
            let message = format_args!("the cell `{}` is not valid UTF-8", preview(&text));
            self.push(verdict, Code::F001, message, Some(index));
            return;
        };
        if self.header.unnamed_tail > 0 {
            self.check_unnamed_tail(record, verdict);
        }
        // One pass over the record's bytes finds the rare bytes that need a
        // closer look: a NUL (F010), a line break (a multi-line cell).
        let rare = RareBytes::of(record.as_slice());
        if rare.nul
            && let Some(index) = record.iter().position(|field| field.contains(&0))
        {
            let text = String::from_utf8_lossy(&record[index]).replace('\0', "\\0");
            let message = format_args!(
                "the cell `{}` holds a NUL byte (0x00), which is not text",
                preview(&text)
            );
            self.push(verdict, Code::F010, message, Some(index));
            return;
        }
        // Every field is UTF-8 from here on, checked once for the record.
        let cell = |index: usize| {
            record
                .range(index)
                .and_then(|range| text.get(range))
                .unwrap_or_default()
        };

        if let Some((index, message)) = rare
            .line_break
            .then(|| self.swallowed_rows(record, verdict.line))
            .flatten()
        {
            self.push(verdict, Code::F006, format_args!("{message}"), Some(index));
        }

        // A workbook's cells that hold an error value or a formula without
        // one are findings of their own (V004), and no other check reads
        // them. `None` for a CSV file, and for most rows of a workbook.
        let notes = self
            .sheet_cells
            .as_ref()
            .map(|cells| cells.notes(verdict.row))
            .filter(|notes| !notes.is_empty());
        if let Some(notes) = &notes {
            self.push_cell_errors(verdict, notes);
        }
        let unreadable = |index: usize| notes.as_ref().is_some_and(|n| is_unreadable(n, index));

        if let Some(phone_index) = self.header.phone.filter(|&i| !unreadable(i)) {
            let number = self
                .phone_rules
                .check_each(cell(phone_index), &mut |code, message| {
                    self.push(verdict, code, message, Some(phone_index))
                });
            if let (Some(callee_time), Some(number)) = (&self.callee_time, &number) {
                match callee_time.check(number) {
                    Ok(Some(message)) => self.push(
                        verdict,
                        Code::T001,
                        format_args!("{message}"),
                        Some(phone_index),
                    ),
                    Ok(None) => {}
                    Err(_) => verdict.unknown_zone = true,
                }
            }
            if let (Some(suppressions), Some(number)) = (&self.suppressions, &number)
                && let Some((index, line)) = suppressions.find(&number.e164)
            {
                let list = &suppressions.lists[index].name;
                self.push(
                    verdict,
                    Code::S001,
                    format_args!(
                        "`{}` is on the suppression list {list} (line {line})",
                        number.e164
                    ),
                    Some(phone_index),
                );
                verdict.suppressed_by = Some(index);
            }
            if let (Some(Some(other)), Some(number)) = (self.file_country.get(), &number)
                && !verdict.findings.iter().any(|f| f.code == Code::P011)
                && let Some(message) =
                    self.phone_rules
                        .other_country_reading(cell(phone_index), number.e164, *other)
            {
                self.push(
                    verdict,
                    Code::P011,
                    format_args!("{message}"),
                    Some(phone_index),
                );
            }
            if let (Some(notes), Some(number)) = (&notes, &number)
                && let Some((_, CellNote::Number { shown })) =
                    notes.iter().find(|(column, _)| *column == phone_index)
            {
                let message = match shown {
                    Some(shown) => format!(
                        "the cell is a number, not text (a spreadsheet shows it as `{shown}`, and a CSV export of it can lose digits): read exactly as {}",
                        number.e164
                    ),
                    None => format!(
                        "the cell is a number, not text: read exactly as {}",
                        number.e164
                    ),
                };
                self.push_repair(
                    verdict,
                    Code::P002,
                    message,
                    phone_index,
                    number.e164.to_string(),
                );
            }
            verdict.phone = number.map(|n| n.e164);
        }

        if let Some(consent) = &self.consent
            && let Some(message) = consent.check(cell(consent.column))
        {
            self.push(
                verdict,
                Code::S002,
                format_args!("{message}"),
                Some(consent.column),
            );
        }

        for column in &self.header.mapped {
            if unreadable(column.index) {
                continue;
            }
            let text = cell(column.index);
            if crate::text::trim(text).is_empty() {
                if !column.optional {
                    let message = format_args!(
                        "`{}` is empty; the assistant reads it as `{{{{{}}}}}`",
                        self.header.names[column.index], column.variable
                    );
                    self.push(verdict, Code::V001, message, Some(column.index));
                }
                continue;
            }
        }
        for column in self.date_columns() {
            if unreadable(column.index) {
                continue;
            }
            let Some(problem) = column.check(cell(column.index), self.fix) else {
                continue;
            };
            match problem.repair {
                Some(text) => {
                    self.push_repair(verdict, problem.code, problem.message, column.index, text)
                }
                None => self.push(
                    verdict,
                    problem.code,
                    format_args!("{}", problem.message),
                    Some(column.index),
                ),
            }
        }
        for (index, field) in record.iter().enumerate() {
            if Some(index) == self.header.phone {
                continue;
            }
            // The raw field says whether a closer look is due: a cell is
            // at least as many bytes as characters.
            if field.len() > LONG_CELL_CHARS
                && let text = cell(index)
                && text.chars().count() > LONG_CELL_CHARS
            {
                let message = format_args!(
                    "the cell has {} characters (over {LONG_CELL_CHARS})",
                    text.chars().count()
                );
                self.push(verdict, Code::V002, message, Some(index));
            }
            if matches!(field.first(), Some(b'=' | b'+' | b'-' | b'@')) {
                let text = cell(index);
                let preview = text
                    .char_indices()
                    .nth(40)
                    .map_or(text, |(end, _)| &text[..end]);
                let message = format_args!(
                    "`{preview}` starts with `{}`: a spreadsheet would run it as a formula",
                    &text[..1]
                );
                self.push(verdict, Code::V003, message, Some(index));
            }
        }
    }

    /// H003 for a value under a trailing column with no name (F012), which
    /// `valid.csv` leaves out: the row is invalid rather than cut.
    fn check_unnamed_tail(&self, record: &ByteRecord, verdict: &mut RowVerdict) {
        let named = self.header.names.len() - self.header.unnamed_tail;
        let Some((index, field)) = record
            .iter()
            .enumerate()
            .skip(named)
            .find(|(_, field)| !crate::text::trim(&String::from_utf8_lossy(field)).is_empty())
        else {
            return;
        };
        let text = String::from_utf8_lossy(field);
        self.push(
            verdict,
            Code::H003,
            format_args!(
                "`{}` is in column {}, which has no name in the header",
                preview(&text),
                index + 1
            ),
            Some(index),
        );
    }

    /// V004 for each cell of `notes` that holds an error value or a
    /// formula without one.
    fn push_cell_errors(&self, verdict: &mut RowVerdict, notes: &[(usize, CellNote)]) {
        for (index, note) in notes {
            match note {
                CellNote::Error(error) => self.push(
                    verdict,
                    Code::V004,
                    format_args!(
                        "the cell holds the error value `{error}`: the formula behind it failed"
                    ),
                    Some(*index),
                ),
                CellNote::FormulaWithoutValue => self.push(
                    verdict,
                    Code::V004,
                    format_args!(
                        "the cell holds a formula the workbook has no computed value for (it was saved without calculating)"
                    ),
                    Some(*index),
                ),
                CellNote::Number { .. } => {}
            }
        }
    }

    /// A cell whose later lines look like rows of their own (as many
    /// fields as the header, a number the phone rules accept where the
    /// phone goes): a quote opened in it closed in the wrong place and
    /// swallowed those rows. Multi-line cells are rare, so this costs one
    /// search for a line break per record (see [`RareBytes`]), made before
    /// this is called.
    fn swallowed_rows(&self, record: &ByteRecord, line: u64) -> Option<(usize, String)> {
        let phone = self.header.phone?;
        let width = self.header.names.len();
        let mut cell_line = line;
        for (index, field) in record.iter().enumerate() {
            let text = std::str::from_utf8(field).ok()?;
            let lines: Vec<&str> = text.split(['\n', '\r']).collect();
            let looks_like_row = |candidate: &&str| {
                let pieces: Vec<&str> = candidate.split(',').collect();
                pieces.len() == width && self.phone_rules.check(pieces[phone]).number.is_some()
            };
            let breaks = line_breaks(field);
            if let Some(first) = lines.iter().skip(1).find(|line| looks_like_row(line)) {
                let (opened, last) = (cell_line, cell_line + breaks);
                let message = format!(
                    "the cell spans lines {opened}–{last}, and lines after the first look like rows of their own (`{}`): a quote opened on line {opened} most likely closes in the wrong place",
                    preview(first)
                );
                return Some((index, message));
            }
            cell_line += breaks;
        }
        None
    }

    fn push(
        &self,
        verdict: &mut RowVerdict,
        code: Code,
        message: fmt::Arguments<'_>,
        column: Option<usize>,
    ) {
        let Some(severity) = self.severities.of(code) else {
            return;
        };
        self.push_as(verdict, code, severity, message, column);
    }

    /// [`RecordValidator::push`] with `severity` decided by the caller.
    fn push_as(
        &self,
        verdict: &mut RowVerdict,
        code: Code,
        severity: Severity,
        message: fmt::Arguments<'_>,
        column: Option<usize>,
    ) {
        if severity < Severity::Error && !self.keep_warnings {
            verdict.counted.push(code, severity);
            return;
        }
        self.push_finding(verdict, code, severity, fmt::format(message), column);
    }

    fn push_finding(
        &self,
        verdict: &mut RowVerdict,
        code: Code,
        severity: Severity,
        message: String,
        column: Option<usize>,
    ) {
        let mut finding = Finding::new(code, message);
        finding.severity = severity;
        finding.location = Location {
            line: Some(verdict.line),
            row: Some(verdict.row),
            column: column.map(|c| c + 1),
            column_name: column.and_then(|c| self.column_names.get(c).cloned()),
            cell: column.and_then(|c| self.sheet_cells.as_ref()?.cell_name(verdict.row, c)),
            field: None,
        };
        verdict.findings.push(finding);
    }

    /// Records a repaired cell: its finding is at most a warning, since
    /// `valid.csv` carries the repair. A rule that is off repairs nothing.
    fn push_repair(
        &self,
        verdict: &mut RowVerdict,
        code: Code,
        message: String,
        column: usize,
        text: String,
    ) {
        let Some(severity) = self.severities.of(code) else {
            return;
        };
        let severity = severity.min(Severity::Warn);
        self.push_as(
            verdict,
            code,
            severity,
            format_args!("{message}"),
            Some(column),
        );
        verdict.repairs.push((column, text));
    }

    /// Records a finding decided outside the validator (duplicates, unclosed
    /// quotes), with the configured severity.
    pub fn add_finding(
        &self,
        verdict: &mut RowVerdict,
        code: Code,
        message: String,
        column: Option<usize>,
    ) {
        if let Some(severity) = self.severities.of(code) {
            self.push_finding(verdict, code, severity, message, column);
        }
    }
}

/// The cell in `column` holds no value the checks can read (V004).
fn is_unreadable(notes: &[(usize, CellNote)], column: usize) -> bool {
    notes
        .iter()
        .any(|(at, note)| *at == column && !matches!(note, CellNote::Number { .. }))
}

/// Bytes that are rare in a record and each need a closer look.
struct RareBytes {
    nul: bool,
    line_break: bool,
}

impl RareBytes {
    /// One look for any of them, eight bytes at a time; only a record that
    /// has one is looked at again.
    fn of(bytes: &[u8]) -> Self {
        use crate::text::contains_any;
        if !contains_any(bytes, [0, b'\n', b'\r']) {
            return RareBytes {
                nul: false,
                line_break: false,
            };
        }
        RareBytes {
            nul: contains_any(bytes, [0]),
            line_break: contains_any(bytes, [b'\n', b'\r']),
        }
    }
}

/// The record's bytes as one `&str` when every field is UTF-8: the whole
/// is valid and no field boundary splits a character (which is the same as
/// every field being valid on its own), checked in one pass.
fn utf8_text(record: &ByteRecord) -> Option<&str> {
    let bytes = record.as_slice();
    if bytes.is_ascii() {
        // SAFETY: ASCII is UTF-8, and no field boundary can split a
        // one-byte character. Nearly every record is ASCII, and checking
        // that is cheaper than validating UTF-8 and then every boundary.
        return Some(unsafe { std::str::from_utf8_unchecked(bytes) });
    }
    let text = std::str::from_utf8(bytes).ok()?;
    (0..record.len())
        .all(|index| {
            record.range(index).is_some_and(|range| {
                text.is_char_boundary(range.start) && text.is_char_boundary(range.end)
            })
        })
        .then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_judged_per_field_even_when_checked_once() {
        let record = |fields: &[&[u8]]| ByteRecord::from(fields.to_vec());
        assert_eq!(
            utf8_text(&record(&[b"+919876543210", "Ren\u{e9}e".as_bytes()])),
            Some("+919876543210Ren\u{e9}e")
        );
        assert_eq!(utf8_text(&record(&[b"a", b"Ren\xE9e"])), None);
        // Each half of `é` is invalid on its own, though the bytes of the
        // record together are valid.
        assert_eq!(utf8_text(&record(&[b"Ren\xC3", b"\xA9e"])), None);
        assert_eq!(utf8_text(&record(&[])), Some(""));
    }
}
