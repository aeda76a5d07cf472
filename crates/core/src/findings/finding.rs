//! Findings: what a rule says about a row, the header, the file or the
//! campaign.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::rules::Code;

pub use crate::rules::Severity;

/// Where a finding points.
///
/// Bases are documented per field: lines and records count from 1, as a
/// person counts them in an editor and in a spreadsheet below the header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// The 1-based line of the input file where the record (or header)
    /// starts. For a campaign-level finding, the line in the campaign file
    /// when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The 1-based number of the data record (the header is not counted), the
    /// number written to `preflight_row` in `invalid.csv`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<u64>,
    /// The 1-based index of the field in the record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
    /// The name of that field's column in the header, shared by every
    /// finding in the column.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column_name: Option<Arc<str>>,
    /// For a workbook: the cell as the spreadsheet names it, `Sheet1!B7`.
    /// The line is then the sheet's row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// For campaign-level findings: the campaign-file field concerned, e.g.
    /// `campaign_start_time`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One thing a rule found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's stable code.
    pub code: Code,
    /// The severity in force (the rule's default unless `preflight.rules`
    /// changed it).
    pub severity: Severity,
    /// What was found, naming the value.
    pub message: String,
    /// How to fix it.
    pub help: &'static str,
    /// Where it is.
    pub location: Location,
}

impl Finding {
    /// A finding of `code` with the rule's help text and default severity;
    /// the caller fills in the location.
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        let rule = code.rule();
        Finding {
            code,
            severity: rule.default_severity,
            message: message.into(),
            help: rule.help,
            location: Location::default(),
        }
    }

    /// Sets the location's line.
    pub fn at_line(mut self, line: u64) -> Self {
        self.location.line = Some(line);
        self
    }

    /// Sets the campaign-file field this finding is about.
    pub fn at_field(mut self, field: &str) -> Self {
        self.location.field = Some(field.to_owned());
        self
    }

    /// `CODE: message`, as written to `preflight_errors`.
    pub fn summary(&self) -> String {
        format!("{}: {}", self.code, self.message)
    }
}
