//! `ringg_preflight._native`: the Python bindings of ringg-preflight.
//!
//! Everything here is a thin layer over the `ringg-preflight` library and
//! the `ringg-preflight` command line (`ringg_preflight_cli`): a split to a
//! directory is the command's own, the row checks are the library's
//! [`RowChecker`], and the console script runs [`ringg_preflight_cli::run`].
//! The GIL is released while rows are checked or files read and written.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use arrow_array::builder::{BooleanBuilder, Int64Builder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, RecordBatch, RecordBatchReader, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use chrono::{DateTime, Utc};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::sync::MutexExt;
use pyo3::types::{PyDict, PyIterator, PyList, PyString};
use pyo3_arrow::PyRecordBatchReader;
use ringg_preflight::{ByteRecord, Campaign, ErrorKind, PreflightBuilder, RowChecker};

create_exception!(
    ringg_preflight,
    PreflightError,
    PyException,
    "A run that could not be made (the command line's exit status 2).\n\n\
     `str(error)` is the message the command line prints; `error.kind` says \
     what went wrong: `io`, `campaign`, `not_csv`, `workbook`, `csv`, `usage` or `limit`."
);

/// The `kind` of a library error.
fn kind_of(error: &ringg_preflight::Error) -> &'static str {
    match error.kind() {
        ErrorKind::Io { .. } => "io",
        ErrorKind::Campaign(_) => "campaign",
        ErrorKind::NotCsv { .. } => "not_csv",
        ErrorKind::Workbook { .. } => "workbook",
        ErrorKind::Csv(_) => "csv",
        ErrorKind::Limit(_) => "limit",
        _ => "usage",
    }
}

/// The `kind` of an error of the command line's functions: the library
/// error it wraps, else `io` for a failing read or write, else `usage`
/// (an output directory that holds outputs, an input named as an output …).
fn kind_of_report(report: &miette::Report) -> &'static str {
    if let Some(error) = report.downcast_ref::<ringg_preflight::Error>() {
        return kind_of(error);
    }
    for cause in report.chain() {
        if let Some(error) = cause.downcast_ref::<ringg_preflight::Error>() {
            return kind_of(error);
        }
        if cause.is::<ringg_preflight::CampaignFileError>() {
            return "campaign";
        }
        if cause.is::<std::io::Error>() {
            return "io";
        }
    }
    if ringg_preflight_cli::io_error(report).is_some() {
        return "io";
    }
    "usage"
}

fn error_with_kind(py: Python<'_>, kind: &str, message: String) -> PyErr {
    let error = PreflightError::new_err(message.trim_end().to_owned());
    if let Err(failed) = error.value(py).setattr("kind", kind) {
        return failed;
    }
    error
}

/// A [`PreflightError`] with the text the command line prints for `report`.
fn from_report(py: Python<'_>, report: &miette::Report) -> PyErr {
    error_with_kind(
        py,
        kind_of_report(report),
        ringg_preflight_cli::error_text(report),
    )
}

fn from_error(py: Python<'_>, error: ringg_preflight::Error) -> PyErr {
    from_report(py, &miette::Report::new(error))
}

fn usage(py: Python<'_>, message: String) -> PyErr {
    error_with_kind(py, "usage", message)
}

/// Runs the `ringg-preflight` command line with `argv` (the program name
/// first) and returns its exit status: 0 nothing blocking, 1 a file would
/// not upload cleanly, 2 the run could not be made. Output goes to the
/// process's standard output and error. The console script calls it once
/// per process.
#[pyfunction]
fn run_cli(py: Python<'_>, argv: Vec<OsString>) -> u8 {
    py.detach(|| {
        let status = ringg_preflight_cli::run(argv);
        // No Rust runtime flushes standard output at exit in a module.
        let _ = std::io::stdout().flush();
        status
    })
}

/// A finding: what a rule found, where.
#[pyclass(frozen, module = "ringg_preflight", name = "Finding")]
struct PyFinding {
    inner: ringg_preflight::Finding,
}

#[pymethods]
impl PyFinding {
    /// The rule's stable code, e.g. `"P007"`.
    #[getter]
    fn code(&self) -> String {
        self.inner.code.to_string()
    }

    /// `"error"`, `"warn"` or `"info"`: the severity in force.
    #[getter]
    fn severity(&self) -> &'static str {
        self.inner.severity.as_str()
    }

    /// What was found, naming the value.
    #[getter]
    fn message(&self) -> &str {
        &self.inner.message
    }

    /// How to fix it.
    #[getter]
    fn help(&self) -> &'static str {
        self.inner.help
    }

    /// The 1-based line of the input where the record (or header) starts.
    #[getter]
    fn line(&self) -> Option<u64> {
        self.inner.location.line
    }

    /// The 1-based data record number (`preflight_row`).
    #[getter]
    fn row(&self) -> Option<u64> {
        self.inner.location.row
    }

    /// The 1-based index of the field in the record.
    #[getter]
    fn column(&self) -> Option<usize> {
        self.inner.location.column
    }

    /// The name of the field's column in the header.
    #[getter]
    fn column_name(&self) -> Option<&str> {
        self.inner.location.column_name.as_deref()
    }

    /// For a campaign finding: the campaign-file field concerned.
    #[getter]
    fn field(&self) -> Option<&str> {
        self.inner.location.field.as_deref()
    }

    /// The finding as `report.json` writes it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        let mut place = String::new();
        if let Some(row) = self.inner.location.row {
            place.push_str(&format!(" row {row}"));
        }
        if let Some(name) = &self.inner.location.column_name {
            place.push_str(&format!(" column {name:?}"));
        }
        format!(
            "<Finding {} {}{place}: {}>",
            self.inner.code,
            self.inner.severity.as_str(),
            self.inner.message
        )
    }
}

fn findings<'py>(
    py: Python<'py>,
    findings: &[ringg_preflight::Finding],
) -> PyResult<Bound<'py, PyList>> {
    PyList::new(
        py,
        findings
            .iter()
            .map(|f| PyFinding { inner: f.clone() })
            .collect::<Vec<_>>(),
    )
}

/// `value` as Python objects, through its JSON form (Python's `json`, part
/// of the standard library), exactly as `report.json` reads.
fn json_to_python<'py>(
    py: Python<'py>,
    value: &impl serde::Serialize,
) -> PyResult<Bound<'py, PyAny>> {
    let text =
        serde_json::to_string(value).map_err(|error| PyRuntimeError::new_err(error.to_string()))?;
    py.import("json")?.call_method1("loads", (text,))
}

/// The outcome of a check or a split: the counts and findings of
/// `report.json`.
#[pyclass(frozen, module = "ringg_preflight", name = "Report")]
struct PyReport {
    inner: ringg_preflight::Report,
}

#[pymethods]
impl PyReport {
    /// Data rows read (the header is not counted).
    #[getter]
    fn total_rows(&self) -> u64 {
        self.inner.total_rows
    }

    /// Rows with no error: those `valid.csv` holds.
    #[getter]
    fn valid_rows(&self) -> u64 {
        self.inner.valid_rows
    }

    /// Rows with at least one error: those `invalid.csv` holds.
    #[getter]
    fn invalid_rows(&self) -> u64 {
        self.inner.invalid_rows
    }

    /// Whether Ringg would accept the upload of `valid.csv` (the verdict's
    /// `ok: would upload`; exit status 0 of the command without `--strict`).
    #[getter]
    fn would_upload(&self) -> bool {
        self.inner.would_upload
    }

    /// Findings per rule: code → count.
    #[getter]
    fn by_rule<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        for (code, count) in &self.inner.by_rule {
            dict.set_item(code.to_string(), count)?;
        }
        Ok(dict)
    }

    /// `"standard"` (under 5,000 valid rows) or `"large"`: Ringg's flow.
    #[getter]
    fn flow(&self) -> &'static str {
        self.inner.flow.as_str()
    }

    /// Rows repeating an earlier row's number (P010).
    #[getter]
    fn duplicates(&self) -> u64 {
        self.inner.duplicates
    }

    /// Call attempts the valid rows may cost, retries included.
    #[getter]
    fn max_call_attempts(&self) -> u64 {
        self.inner.max_call_attempts
    }

    /// Findings about the campaign file's values.
    #[getter]
    fn campaign_findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings(py, &self.inner.campaign)
    }

    /// Findings about the file as a whole and its header.
    #[getter]
    fn file_findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings(py, &self.inner.file)
    }

    /// The content of `report.json`, as `json.load` reads it.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json_to_python(py, &self.inner)
    }

    fn __repr__(&self) -> String {
        format!(
            "<Report {} rows: {} valid, {} invalid; would_upload={}>",
            self.inner.total_rows,
            self.inner.valid_rows,
            self.inner.invalid_rows,
            if self.inner.would_upload {
                "True"
            } else {
                "False"
            }
        )
    }
}

/// One row's verdict, with the row as it should be sent on.
#[pyclass(frozen, module = "ringg_preflight", name = "CheckedRow")]
struct PyCheckedRow {
    valid: bool,
    row: u64,
    cells: Vec<String>,
    errors: Option<String>,
    findings: Vec<ringg_preflight::Finding>,
}

impl PyCheckedRow {
    fn new(checked: ringg_preflight::CheckedRow) -> Self {
        let valid = checked.is_valid();
        PyCheckedRow {
            valid,
            row: checked.verdict.row,
            cells: checked.cells().map(|cell| cell.into_owned()).collect(),
            errors: (!valid).then(|| checked.verdict.errors_summary()),
            findings: checked.verdict.findings,
        }
    }
}

#[pymethods]
impl PyCheckedRow {
    /// No finding of severity `error`: the row can be uploaded.
    #[getter]
    fn valid(&self) -> bool {
        self.valid
    }

    /// The 1-based number of the row in the call (or stream).
    #[getter]
    fn row(&self) -> u64 {
        self.row
    }

    /// The row as `valid.csv` would hold it (the phone number in E.164,
    /// repairs applied) when valid; as it was when invalid.
    #[getter]
    fn cells(&self) -> Vec<String> {
        self.cells.clone()
    }

    /// `invalid.csv`'s `preflight_errors` (`CODE: message` joined by
    /// ` | `), or `None` when the row is valid.
    #[getter]
    fn errors(&self) -> Option<&str> {
        self.errors.as_deref()
    }

    /// Every finding on the row (errors, warnings, information).
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        findings(py, &self.findings)
    }

    fn __repr__(&self) -> String {
        match &self.errors {
            None => format!("<CheckedRow {} valid {:?}>", self.row, self.cells),
            Some(errors) => format!("<CheckedRow {} invalid: {errors}>", self.row),
        }
    }
}

/// A Python cell as bytes: text, bytes, `None` (empty) or anything else
/// through `str()`.
fn push_cell(record: &mut ByteRecord, cell: &Bound<'_, PyAny>) -> PyResult<()> {
    if cell.is_none() {
        record.push_field(b"");
    } else if let Ok(text) = cell.cast::<PyString>() {
        record.push_field(text.to_cow()?.as_bytes());
    } else if let Ok(bytes) = cell.extract::<&[u8]>() {
        record.push_field(bytes);
    } else {
        record.push_field(cell.str()?.to_cow()?.as_bytes());
    }
    Ok(())
}

fn record_of(row: &Bound<'_, PyAny>) -> PyResult<ByteRecord> {
    if row.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "a row is a sequence of cells, not a string",
        ));
    }
    let mut record = ByteRecord::new();
    for cell in row.try_iter()? {
        push_cell(&mut record, &cell?)?;
    }
    Ok(record)
}

fn header_of(header: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if header.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "the header is a sequence of column names, not a string",
        ));
    }
    header
        .try_iter()?
        .map(|name| name?.extract::<String>())
        .collect()
}

/// A campaign's checks, configured once: reusable, and safe to share
/// between threads.
#[pyclass(frozen, module = "ringg_preflight", name = "Preflight")]
struct PyPreflight {
    inner: Arc<ringg_preflight::Preflight>,
}

/// The campaign argument: a dict, a JSON string, or a path.
fn campaign_of(py: Python<'_>, campaign: &Bound<'_, PyAny>) -> PyResult<Campaign> {
    let origin = PathBuf::from("<campaign>");
    if campaign.is_instance_of::<PyDict>() {
        let text: String = py
            .import("json")?
            .call_method1("dumps", (campaign,))?
            .extract()?;
        return py
            .detach(|| Campaign::from_json(&text, origin))
            .map_err(|error| from_error(py, error));
    }
    if let Ok(text) = campaign.cast::<PyString>() {
        let text = text.to_cow()?;
        if text.trim_start().starts_with('{') {
            let text = text.into_owned();
            return py
                .detach(|| Campaign::from_json(&text, origin))
                .map_err(|error| from_error(py, error));
        }
    }
    let path: PathBuf = campaign
        .extract()
        .map_err(|_| PyTypeError::new_err("campaign is a path, a JSON string or a dict"))?;
    py.detach(|| Campaign::from_path(&path))
        .map_err(|error| from_error(py, error))
}

const RFC3339_EXAMPLE: &str = "2026-10-17T09:00:00+05:30";

/// The `now` argument: an RFC 3339 string or an aware `datetime`.
fn now_of(py: Python<'_>, now: &Bound<'_, PyAny>) -> PyResult<DateTime<Utc>> {
    let text = if let Ok(text) = now.cast::<PyString>() {
        text.to_cow()?.into_owned()
    } else if now.hasattr("utcoffset")? && now.hasattr("isoformat")? {
        if now.call_method0("utcoffset")?.is_none() {
            return Err(usage(
                py,
                format!(
                    "now is a naive datetime: give it a time zone (datetime(..., tzinfo=...)) or pass an RFC 3339 string such as {RFC3339_EXAMPLE}"
                ),
            ));
        }
        now.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(
            "now is an RFC 3339 string or an aware datetime",
        ));
    };
    DateTime::parse_from_rfc3339(&text)
        .map(|now| now.with_timezone(&Utc))
        .map_err(|error| {
            usage(
                py,
                format!("now `{text}` is not an RFC 3339 time such as {RFC3339_EXAMPLE}: {error}"),
            )
        })
}

/// The `prompt` argument: its text, or a path to read it from.
fn prompt_of(py: Python<'_>, prompt: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(text) = prompt.cast::<PyString>() {
        return Ok(text.to_cow()?.into_owned());
    }
    let path: PathBuf = prompt
        .extract()
        .map_err(|_| PyTypeError::new_err("prompt is the prompt's text (str) or a path"))?;
    py.detach(|| std::fs::read_to_string(&path))
        .map_err(|error| {
            error_with_kind(
                py,
                "io",
                format!("cannot read the prompt {}: {error}", path.display()),
            )
        })
}

#[pymethods]
impl PyPreflight {
    /// Builds the checks (see the stubs for the arguments).
    #[new]
    #[pyo3(signature = (campaign=None, *, country_code=None, now=None, prompt=None, fix=false, threads=None, sheet=None))]
    #[allow(clippy::too_many_arguments)] // Python's keyword arguments, one per option
    fn new(
        py: Python<'_>,
        campaign: Option<&Bound<'_, PyAny>>,
        country_code: Option<String>,
        now: Option<&Bound<'_, PyAny>>,
        prompt: Option<&Bound<'_, PyAny>>,
        fix: bool,
        threads: Option<usize>,
        sheet: Option<String>,
    ) -> PyResult<Self> {
        let mut builder = PreflightBuilder::new();
        if let Some(campaign) = campaign.filter(|c| !c.is_none()) {
            builder.campaign(campaign_of(py, campaign)?);
        }
        if let Some(prompt) = prompt.filter(|p| !p.is_none()) {
            builder.prompt(&prompt_of(py, prompt)?);
        }
        if let Some(code) = country_code {
            builder.country_code(code);
        }
        if let Some(now) = now.filter(|n| !n.is_none()) {
            builder.now(now_of(py, now)?);
        }
        if let Some(sheet) = sheet {
            builder.sheet(sheet);
        }
        builder.fix(fix).threads(threads.unwrap_or(0));
        let preflight = py
            .detach(|| builder.build())
            .map_err(|error| from_error(py, error))?;
        Ok(PyPreflight {
            inner: Arc::new(preflight),
        })
    }

    /// The command line's `split`: writes `valid.csv`, `invalid.csv` and
    /// `report.json` to `out_dir`.
    #[pyo3(signature = (path, out_dir, *, force=false))]
    fn split(
        &self,
        py: Python<'_>,
        path: PathBuf,
        out_dir: PathBuf,
        force: bool,
    ) -> PyResult<PyReport> {
        let preflight = &self.inner;
        py.detach(|| ringg_preflight_cli::split_to_dir(preflight, &path, &out_dir, force))
            .map(|inner| PyReport { inner })
            .map_err(|report| from_report(py, &report))
    }

    /// The command line's `check` of one file: the report, nothing written.
    fn check(&self, py: Python<'_>, path: PathBuf) -> PyResult<PyReport> {
        let preflight = &self.inner;
        py.detach(|| ringg_preflight_cli::check_file(preflight, Path::new(&path)))
            .map(|inner| PyReport { inner })
            .map_err(|report| from_report(py, &report))
    }

    /// Checks `rows` (sequences of cells) under `header`: one
    /// `CheckedRow` per row, duplicates found across the rows as in a file.
    fn check_rows<'py>(
        &self,
        py: Python<'py>,
        header: &Bound<'py, PyAny>,
        rows: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyList>> {
        let header = header_of(header)?;
        let records = rows
            .try_iter()?
            .map(|row| record_of(&row?))
            .collect::<PyResult<Vec<_>>>()?;
        let preflight = &self.inner;
        let checked: Vec<PyCheckedRow> = py.detach(|| {
            let mut checker = preflight.row_checker(&header);
            let first = records.len().min(checker.first_rows_wanted());
            checker.learn_from_first_rows(&records[..first]);
            checker
                .check_many(&records, preflight.options().threads)
                .into_iter()
                .map(PyCheckedRow::new)
                .collect()
        });
        PyList::new(py, checked)
    }

    /// [`check_rows`] as an iterator over any iterable of rows, for streams.
    fn check_rows_iter(
        &self,
        header: &Bound<'_, PyAny>,
        rows: &Bound<'_, PyAny>,
    ) -> PyResult<PyRowStream> {
        let header = header_of(header)?;
        let checker = self.inner.row_checker(&header);
        Ok(PyRowStream {
            state: Mutex::new(RowStreamState {
                checker,
                source: Some(rows.try_iter()?.unbind()),
                unchecked: VecDeque::new(),
                checked: VecDeque::new(),
                learned: false,
                threads: self.inner.options().threads,
            }),
        })
    }

    /// Checks an Arrow stream (anything with `__arrow_c_stream__`): returns
    /// a stream of the same columns, the phone rewritten to E.164 in valid
    /// rows, plus `preflight_row`, `preflight_valid` and `preflight_errors`.
    #[pyo3(signature = (data, *, duplicates=true))]
    fn check_arrow(
        &self,
        py: Python<'_>,
        data: &Bound<'_, PyAny>,
        duplicates: bool,
    ) -> PyResult<PyCheckedStream> {
        if !data.hasattr("__arrow_c_stream__")? {
            return Err(PyTypeError::new_err(format!(
                "check_arrow takes an object with __arrow_c_stream__ (a pyarrow Table or RecordBatchReader, a polars DataFrame, …), not {}; for pandas, pass pyarrow.Table.from_pandas(frame)",
                data.get_type().name()?
            )));
        }
        let reader: PyRecordBatchReader = data.extract()?;
        let input = reader.into_reader()?;
        let checking = Checking::new(&self.inner, input, !duplicates, self.inner.options().fix)
            .map_err(|message| usage(py, message))?;
        Ok(PyCheckedStream {
            schema: checking.schema.clone(),
            reader: Mutex::new(Some(Box::new(checking))),
        })
    }

    fn __repr__(&self) -> String {
        match self.inner.campaign() {
            Some(campaign) => format!("<Preflight campaign {:?}>", campaign.campaign_name),
            None => "<Preflight without a campaign>".to_owned(),
        }
    }
}

/// Rows pulled from the source at a time, and checked with the GIL
/// released.
const STREAM_CHUNK: usize = 1_024;

struct RowStreamState {
    checker: RowChecker,
    source: Option<Py<PyIterator>>,
    unchecked: VecDeque<ByteRecord>,
    checked: VecDeque<PyCheckedRow>,
    learned: bool,
    threads: usize,
}

/// An iterator of `CheckedRow`s over an iterable of rows.
#[pyclass(module = "ringg_preflight", name = "CheckedRows")]
struct PyRowStream {
    state: Mutex<RowStreamState>,
}

impl RowStreamState {
    /// Pulls up to `count` rows from the source into `unchecked`.
    fn pull(&mut self, py: Python<'_>, count: usize) -> PyResult<()> {
        let Some(source) = &self.source else {
            return Ok(());
        };
        let mut source = source.bind(py).clone();
        for _ in 0..count {
            match source.next() {
                Some(row) => self.unchecked.push_back(record_of(&row?)?),
                None => {
                    self.source = None;
                    break;
                }
            }
        }
        Ok(())
    }
}

#[pymethods]
impl PyRowStream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<PyCheckedRow>> {
        let mut guard = self
            .state
            .lock_py_attached(py)
            .map_err(|_| PyRuntimeError::new_err("a previous row panicked"))?;
        let state = &mut *guard;
        if let Some(row) = state.checked.pop_front() {
            return Ok(Some(row));
        }
        if !state.learned {
            // What the split learns from its first batch, before any row.
            let wanted = state.checker.first_rows_wanted();
            state.pull(py, wanted)?;
            let first: Vec<ByteRecord> = state.unchecked.iter().cloned().collect();
            state.checker.learn_from_first_rows(&first);
            state.learned = true;
        }
        if state.unchecked.is_empty() {
            state.pull(py, STREAM_CHUNK)?;
        }
        let RowStreamState {
            checker,
            unchecked,
            checked,
            threads,
            ..
        } = state;
        py.detach(|| {
            let records: Vec<ByteRecord> = unchecked.drain(..).collect();
            checked.extend(
                checker
                    .check_many(&records, *threads)
                    .into_iter()
                    .map(PyCheckedRow::new),
            );
        });
        Ok(state.checked.pop_front())
    }
}

/// Rows of one output batch at most: larger input batches are sliced
/// (without copying), so memory stays bounded by this, not by the input.
const ARROW_CHUNK: usize = 65_536;

/// Rows checked at once (on the validator threads) within a batch.
const CHECK_CHUNK: usize = 4_096;

/// The names of the columns check_arrow adds.
const ADDED: [&str; 3] = ["preflight_row", "preflight_valid", "preflight_errors"];

/// The checking stream behind `check_arrow`: pulls the input batch by
/// batch, checks its rows in order, and builds the output batch.
struct Checking {
    input: Box<dyn RecordBatchReader + Send>,
    checker: RowChecker,
    schema: SchemaRef,
    /// The phone column's index, when the header has one.
    phone: Option<usize>,
    /// Columns rebuilt from the checked cells: the phone, and with `fix`
    /// every text column (repairs applied).
    rebuilt: Vec<bool>,
    /// Slices of the input not yet checked.
    pending: VecDeque<RecordBatch>,
    learned: bool,
    /// Validator threads (`Preflight(threads=…)`).
    threads: usize,
    /// The batch's records, their buffers reused from batch to batch.
    records: Vec<ByteRecord>,
}

fn is_text(data_type: &DataType) -> bool {
    matches!(
        data_type,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    )
}

impl Checking {
    fn new(
        preflight: &ringg_preflight::Preflight,
        input: Box<dyn RecordBatchReader + Send>,
        skip_duplicates: bool,
        fix: bool,
    ) -> Result<Self, String> {
        let in_schema = input.schema();
        for field in in_schema.fields() {
            if ADDED.contains(&field.name().as_str()) {
                return Err(format!(
                    "the input already has a column `{}`: check_arrow adds it (drop it, or check the rows it came from)",
                    field.name()
                ));
            }
            if !arrow_cast::can_cast_types(field.data_type(), &DataType::Utf8) {
                return Err(format!(
                    "column `{}` is of type {}, which cannot be read as text: cast it to a string column first",
                    field.name(),
                    field.data_type()
                ));
            }
        }
        let names: Vec<&str> = in_schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        let mut checker = preflight.row_checker(&names);
        checker.skip_duplicates(skip_duplicates);
        let phone = checker.header().phone;
        let rebuilt: Vec<bool> = in_schema
            .fields()
            .iter()
            .enumerate()
            .map(|(index, field)| Some(index) == phone || (fix && is_text(field.data_type())))
            .collect();
        let mut fields: Vec<Field> = in_schema
            .fields()
            .iter()
            .enumerate()
            .map(|(index, field)| {
                let field = field.as_ref().clone();
                if Some(index) == phone {
                    let data_type = if is_text(field.data_type()) {
                        field.data_type().clone()
                    } else {
                        DataType::Utf8
                    };
                    field.with_data_type(data_type).with_nullable(true)
                } else {
                    field
                }
            })
            .collect();
        fields.push(Field::new(ADDED[0], DataType::Int64, false));
        fields.push(Field::new(ADDED[1], DataType::Boolean, false));
        fields.push(Field::new(ADDED[2], DataType::Utf8, true));
        let schema = Arc::new(Schema::new_with_metadata(
            fields,
            in_schema.metadata().clone(),
        ));
        Ok(Checking {
            input,
            checker,
            schema,
            phone,
            rebuilt,
            pending: VecDeque::new(),
            learned: false,
            threads: preflight.options().threads,
            records: Vec::new(),
        })
    }

    /// The next slice of the input, or `None` at its end.
    fn next_slice(&mut self) -> Result<Option<RecordBatch>, ArrowError> {
        loop {
            if let Some(batch) = self.pending.pop_front() {
                return Ok(Some(batch));
            }
            match self.input.next() {
                None => return Ok(None),
                Some(batch) => {
                    let batch = batch?;
                    let mut offset = 0;
                    while offset < batch.num_rows() {
                        let len = ARROW_CHUNK.min(batch.num_rows() - offset);
                        self.pending.push_back(batch.slice(offset, len));
                        offset += len;
                    }
                }
            }
        }
    }

    /// Every column of `batch` as text.
    fn texts(batch: &RecordBatch) -> Result<Vec<StringArray>, ArrowError> {
        batch
            .columns()
            .iter()
            .map(|column| {
                let text = match column.data_type() {
                    DataType::Utf8 => column.clone(),
                    _ => arrow_cast::cast(column, &DataType::Utf8)?,
                };
                Ok(text.as_string::<i32>().clone())
            })
            .collect()
    }

    fn fill_record(record: &mut ByteRecord, texts: &[StringArray], row: usize) {
        record.clear();
        for text in texts {
            if text.is_null(row) {
                record.push_field(b"");
            } else {
                record.push_field(text.value(row).as_bytes());
            }
        }
    }

    /// Learns from the first rows what the split learns from its first
    /// batch: reads slices until it holds as many rows as wanted.
    fn learn(&mut self) -> Result<(), ArrowError> {
        let wanted = self.checker.first_rows_wanted();
        let mut held = Vec::new();
        let mut rows = 0;
        while rows < wanted {
            let Some(batch) = self.next_slice()? else {
                break;
            };
            rows += batch.num_rows();
            held.push(batch);
        }
        let mut first = Vec::with_capacity(wanted);
        'batches: for batch in &held {
            let texts = Self::texts(batch)?;
            for row in 0..batch.num_rows() {
                if first.len() == wanted {
                    break 'batches;
                }
                let mut record = ByteRecord::new();
                Self::fill_record(&mut record, &texts, row);
                first.push(record);
            }
        }
        self.checker.learn_from_first_rows(&first);
        // Back at the front, in order.
        for batch in held.into_iter().rev() {
            self.pending.push_front(batch);
        }
        self.learned = true;
        Ok(())
    }

    fn check_batch(&mut self, batch: RecordBatch) -> Result<RecordBatch, ArrowError> {
        let texts = Self::texts(&batch)?;
        let rows = batch.num_rows();
        let mut rebuilt: Vec<Option<StringBuilder>> = self
            .rebuilt
            .iter()
            .enumerate()
            .map(|(index, &yes)| {
                yes.then(|| {
                    StringBuilder::with_capacity(rows, texts[index].values().len() + rows * 4)
                })
            })
            .collect();
        let mut numbers = Int64Builder::with_capacity(rows);
        let mut valid = BooleanBuilder::with_capacity(rows);
        let mut errors = StringBuilder::new();
        let mut records = std::mem::take(&mut self.records);
        // A slice of the batch at a time: the verdicts held at once stay few.
        for first in (0..rows).step_by(CHECK_CHUNK) {
            let count = CHECK_CHUNK.min(rows - first);
            records.resize_with(count, ByteRecord::new);
            for (offset, record) in records.iter_mut().enumerate() {
                Self::fill_record(record, &texts, first + offset);
            }
            let all = self.checker.check_many(&records, self.threads);
            for (offset, checked) in all.into_iter().enumerate() {
                let row = first + offset;
                let is_valid = checked.is_valid();
                for (index, builder) in rebuilt.iter_mut().enumerate() {
                    if let Some(builder) = builder {
                        if texts[index].is_null(row) && !(is_valid && Some(index) == self.phone) {
                            builder.append_null();
                        } else {
                            builder.append_value(String::from_utf8_lossy(
                                checked.record.get(index).unwrap_or_default(),
                            ));
                        }
                    }
                }
                numbers.append_value(i64::try_from(checked.verdict.row).unwrap_or(i64::MAX));
                valid.append_value(is_valid);
                if is_valid {
                    errors.append_null();
                } else {
                    errors.append_value(checked.verdict.errors_summary());
                }
            }
        }
        self.records = records;
        let mut columns: Vec<ArrayRef> = Vec::with_capacity(batch.num_columns() + 3);
        for (index, builder) in rebuilt.into_iter().enumerate() {
            let column = match builder {
                None => batch.column(index).clone(),
                Some(mut builder) => {
                    let text: ArrayRef = Arc::new(builder.finish());
                    let wanted = self.schema.field(index).data_type();
                    if wanted == &DataType::Utf8 {
                        text
                    } else {
                        arrow_cast::cast(&text, wanted)?
                    }
                }
            };
            columns.push(column);
        }
        columns.push(Arc::new(numbers.finish()));
        columns.push(Arc::new(valid.finish()));
        columns.push(Arc::new(errors.finish()));
        RecordBatch::try_new(self.schema.clone(), columns)
    }
}

impl Iterator for Checking {
    type Item = Result<RecordBatch, ArrowError>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.learned
            && let Err(error) = self.learn()
        {
            return Some(Err(error));
        }
        match self.next_slice() {
            Ok(Some(batch)) => Some(self.check_batch(batch)),
            Ok(None) => None,
            Err(error) => Some(Err(error)),
        }
    }
}

impl RecordBatchReader for Checking {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

/// The result of `check_arrow`: an Arrow stream (`__arrow_c_stream__`),
/// read once.
#[pyclass(frozen, module = "ringg_preflight", name = "CheckedStream")]
struct PyCheckedStream {
    schema: SchemaRef,
    reader: Mutex<Option<Box<dyn RecordBatchReader + Send>>>,
}

#[pymethods]
impl PyCheckedStream {
    /// The Arrow PyCapsule stream interface: `pyarrow.table(stream)`,
    /// `polars.DataFrame(stream)`, `pyarrow.RecordBatchReader.from_stream`.
    /// The rows are checked as the consumer reads, batch by batch.
    #[pyo3(signature = (requested_schema=None))]
    fn __arrow_c_stream__<'py>(
        &self,
        py: Python<'py>,
        requested_schema: Option<Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let reader = self
            .reader
            .lock_py_attached(py)
            .map_err(|_| PyRuntimeError::new_err("the stream panicked"))?
            .take()
            .ok_or_else(|| {
                PyRuntimeError::new_err(
                    "the stream of check_arrow was already read: it is read once (call check_arrow again)",
                )
            })?;
        Bound::new(py, PyRecordBatchReader::new(reader))?
            .call_method1("__arrow_c_stream__", (requested_schema,))
    }

    /// The Arrow PyCapsule schema interface.
    fn __arrow_c_schema__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pyo3_arrow::ffi::to_schema_pycapsule(py, self.schema.as_ref())?.into_any())
    }

    fn __repr__(&self) -> String {
        let names: Vec<&str> = self
            .schema
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        format!("<CheckedStream columns {names:?}>")
    }
}

/// The native module of the `ringg_preflight` package.
#[pymodule]
#[pyo3(name = "_native")]
fn native(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add("PreflightError", py.get_type::<PreflightError>())?;
    module.add_class::<PyPreflight>()?;
    module.add_class::<PyReport>()?;
    module.add_class::<PyFinding>()?;
    module.add_class::<PyCheckedRow>()?;
    module.add_class::<PyRowStream>()?;
    module.add_class::<PyCheckedStream>()?;
    module.add_function(wrap_pyfunction!(run_cli, module)?)?;
    Ok(())
}
