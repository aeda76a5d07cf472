//! The report of a run (`report.json`, `check --format json`).

use std::collections::BTreeMap;

use serde::Serialize;

use crate::findings::finding::{Finding, Severity};
use crate::rules::Code;
use serde::Deserialize;

/// Valid rows from which Ringg's large-campaign flow applies.
pub const LARGE_FLOW_ROWS: u64 = 5_000;

/// Which of Ringg's upload flows the valid rows need.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// `/campaign/save` then `/campaign/start`.
    Standard,
    /// `/campaign/upload-csv`, polling, balance check, `make-call-async`.
    Large,
}

impl Flow {
    /// `standard` or `large`.
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Standard => "standard",
            Flow::Large => "large",
        }
    }

    /// The flow for `valid_rows` rows: large from 5,000.
    pub fn for_rows(valid_rows: u64) -> Flow {
        if valid_rows >= LARGE_FLOW_ROWS {
            Flow::Large
        } else {
            Flow::Standard
        }
    }
}

/// Everything a run found, counted.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// Data records read (the header is not counted).
    pub total_rows: u64,
    /// Rows without an error.
    pub valid_rows: u64,
    /// Rows with at least one error.
    pub invalid_rows: u64,
    /// Findings per code, over rows, the file and the campaign.
    pub by_rule: BTreeMap<Code, u64>,
    /// The most serious severity the findings of each counted code had:
    /// `preflight.rules` and `--fix` (a repaired date is a warning) change
    /// it from the rule table's default.
    pub severity_by_rule: BTreeMap<Code, Severity>,
    /// Campaign-level findings.
    pub campaign: Vec<Finding>,
    /// File- and header-level findings.
    pub file: Vec<Finding>,
    /// The Ringg flow the valid rows need.
    pub flow: Flow,
    /// Valid rows × (1 + retry_count): the most calls the campaign can make.
    pub max_call_attempts: u64,
    /// Rows rejected as duplicates of an earlier row.
    pub duplicates: u64,
    /// Rows a header problem kept from being checked (no phone column, a
    /// file that is not comma-separated): invalid, and counted here once
    /// rather than as a finding per row.
    pub rows_not_checked: u64,
    /// Rows refused because their number is on a suppression list (S001),
    /// per list; absent without lists.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub suppressed: BTreeMap<String, u64>,
    /// What the callee-local-time check (T001) could not judge; absent when
    /// it does not run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calling_hours: Option<CallingHoursCounts>,
    /// Valid rows that carry at least one warning.
    pub warned_rows: u64,
    /// SHA-256 of the input bytes, hex.
    pub input_sha256: String,
    /// Ringg drops invalid rows (`remove_invalid_rows`).
    pub remove_invalid_rows: bool,
    /// How the input was read.
    pub input: InputInfo,
    /// Which columns `valid.csv` carries (`preflight.send_columns`,
    /// `--send-columns`).
    pub send_columns: SendColumns,
    /// Columns no assistant variable reads (nor the phone): sent to Ringg
    /// under `send_columns: all`, left out under `mapped`. Empty without a
    /// campaign, which maps nothing.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unmapped_columns: Vec<String>,
    /// The file would upload cleanly (SPEC §3), warnings allowed.
    pub would_upload: bool,
    /// Row findings, in input order, when the caller asked to keep them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Finding>>,
    /// How long the run took.
    pub timings: Timings,
}

/// `preflight.send_columns`: which columns go to Ringg.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SendColumns {
    /// Every column of the contact file (compatible with Ringg's upload).
    #[default]
    All,
    /// Only the phone column and the columns `variables_map` maps: what the
    /// assistant needs, and no more personal data.
    Mapped,
}

impl SendColumns {
    /// `all`, the default.
    pub fn is_all(&self) -> bool {
        *self == SendColumns::All
    }

    /// The setting named `text` (`all`, `mapped`).
    pub fn from_name(text: &str) -> Option<SendColumns> {
        match text {
            "all" => Some(SendColumns::All),
            "mapped" => Some(SendColumns::Mapped),
            _ => None,
        }
    }
}

/// How the input was read (`report.json`'s `input`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputInfo {
    /// `csv`, or the workbook's kind (`xlsx`, `xlsm`, `xls`, `xlsb`,
    /// `ods`).
    pub format: &'static str,
    /// The encoding read (`UTF-8`, `windows-1252`, `UTF-16LE`, …); `None`
    /// for a workbook, whose cells are text, not bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// The field delimiter (`,`, `;`, a tab, `|`); `None` for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// The sheet read, for a workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
}

impl Default for InputInfo {
    fn default() -> Self {
        InputInfo {
            format: "csv",
            encoding: Some("UTF-8"),
            delimiter: Some(",".to_owned()),
            sheet: None,
        }
    }
}

/// Counts of the callee-local-time check (T001).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CallingHoursCounts {
    /// Valid numbers whose prefix has no known time zone: not checked
    /// against any legal hours.
    pub unknown_zone: u64,
}

/// Durations of a run, in milliseconds.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Timings {
    /// From the first byte read to the last byte written.
    pub total_ms: f64,
}

impl Report {
    /// SPEC §3: with `remove_invalid_rows=false` every row is valid; with
    /// `true` at least one is; no campaign- or file-level error either way.
    /// `strict` also fails on any warning.
    pub fn uploads_cleanly(&self, strict: bool) -> bool {
        let level_errors = self
            .campaign
            .iter()
            .chain(&self.file)
            .any(|f| f.severity == Severity::Error);
        let rows_ok = if self.remove_invalid_rows {
            self.valid_rows > 0
        } else {
            self.invalid_rows == 0 && self.total_rows > 0
        };
        let warnings = self.warned_rows > 0
            || self
                .campaign
                .iter()
                .chain(&self.file)
                .any(|f| f.severity == Severity::Warn)
            || (self.remove_invalid_rows && self.invalid_rows > 0);
        !level_errors && rows_ok && !(strict && warnings)
    }
}
