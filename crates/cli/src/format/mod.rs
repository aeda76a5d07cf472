//! Output for code-review machinery: GitHub Actions workflow commands and
//! SARIF. Both point at a file, a line and a column, so both need each
//! finding placed in its input file (see [`columns`]).

pub mod columns;
pub mod github;
pub mod json;
pub mod sarif;

use ringg_preflight::{ByteRecord, Finding, Report, RowSink, RowVerdict};

use crate::inputs::Input;
use columns::{CellRequest, Column};

/// Keeps row findings with the byte where their record starts, up to
/// `limit` of them (all without one); counts the rest.
pub struct RowFindings {
    limit: Option<usize>,
    kept: Vec<(Finding, Option<u64>)>,
    omitted: u64,
}

impl RowFindings {
    /// A collector keeping at most `limit` findings (`None`: every one).
    pub fn new(limit: Option<usize>) -> Self {
        RowFindings {
            limit,
            kept: Vec::new(),
            omitted: 0,
        }
    }
}

impl RowSink for RowFindings {
    fn row(&mut self, verdict: &RowVerdict, record: &ByteRecord) {
        let start = record.position().map(|position| position.byte());
        for finding in &verdict.findings {
            if self.limit.is_none_or(|limit| self.kept.len() < limit) {
                self.kept.push((finding.clone(), start));
            } else {
                self.omitted += 1;
            }
        }
    }
}

/// A finding with the place an annotation points at.
#[derive(Debug, Clone)]
pub struct Placed {
    /// The finding.
    pub finding: Finding,
    /// The 1-based line of the cell (a record's later line when an earlier
    /// cell holds a line break), else of the record.
    pub line: Option<u64>,
    /// Where the cell starts, for findings about one cell.
    pub column: Option<Column>,
}

/// `finding` placed in its file: `start` is where its record starts (the
/// byte offset), when known.
pub fn place(finding: Finding, start: Option<u64>, resolver: &mut columns::Resolver) -> Placed {
    let position = start
        .zip(finding.location.column)
        .map(|(record_start, field)| {
            resolver.locate(&CellRequest {
                record_start,
                field,
            })
        });
    let (extra_lines, column) = match position {
        Some((lines, column)) => (lines, Some(column)),
        None => (0, finding.location.column.map(Column::Field)),
    };
    Placed {
        line: finding.location.line.map(|line| line + extra_lines),
        column,
        finding,
    }
}

/// The file- and header-level findings of `report`, placed (those with a
/// column are about the header, the record at byte 0).
pub fn place_level_findings(report: &Report, resolver: &mut columns::Resolver) -> Vec<Placed> {
    report
        .file
        .iter()
        .map(|finding| {
            let start = (finding.location.line == Some(1)).then_some(0);
            place(finding.clone(), start, resolver)
        })
        .collect()
}

/// One contact file's run, as the CI formats need it.
pub struct CheckedFile {
    /// The input's name as given (`stdin` for `-`).
    pub name: String,
    /// The report.
    pub report: Report,
    /// File- and header-level findings, then the kept row findings, in
    /// input order, each placed.
    pub findings: Vec<Placed>,
    /// Row findings not kept (over the limit).
    pub omitted: u64,
}

impl CheckedFile {
    /// Places the file-level findings of `report` and the row findings in
    /// `rows`, reading `input` again for character columns when it is a
    /// file.
    pub fn new(input: &Input, report: Report, rows: RowFindings) -> Self {
        let mut resolver = columns::Resolver::for_input(input.path(), &report.input);
        let mut findings = place_level_findings(&report, &mut resolver);
        findings.extend(
            rows.kept
                .into_iter()
                .map(|(finding, start)| place(finding, start, &mut resolver)),
        );
        CheckedFile {
            name: input.name(),
            report,
            findings,
            omitted: rows.omitted,
        }
    }
}

/// The outcome of one input of `check`.
pub enum FileOutcome {
    /// The file was checked.
    Checked(Box<CheckedFile>),
    /// The file could not be checked (unreadable, not a CSV file).
    Failed {
        /// The input's name.
        name: String,
        /// Why, in one line.
        error: String,
    },
}

/// `row R, column `NAME`: message`, or the message alone for findings that
/// are not about a row; control and invisible characters from the file
/// escaped (CI logs are terminals too).
pub fn headline(finding: &Finding) -> String {
    let location = &finding.location;
    // Campaign-level messages name their field themselves.
    let line = match (location.row, &location.column_name) {
        (Some(row), Some(column)) => match &location.cell {
            Some(cell) => format!("{cell}, row {row}, column `{column}`: {}", finding.message),
            None => format!("row {row}, column `{column}`: {}", finding.message),
        },
        (Some(row), None) => format!("row {row}: {}", finding.message),
        (None, _) => finding.message.clone(),
    };
    ringg_preflight::escape_invisible(&line).into_owned()
}
