//! ## What it does
//! A cell in a date column holds an Excel serial date: a five-digit day number such as `46000` (09/12/2025), possibly with a time of day as a fraction (`46000.5`). The finding names the date the number stands for in Excel's usual 1900 date system.
//!
//! ## Why is this bad?
//! The spreadsheet exported the date's internal number instead of the date; the agent would read out "forty-six thousand". It is not repaired automatically: a workbook in Excel's 1904 date system (old Mac files) numbers days four years differently.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name,DOB
//! +919876543210,Asha,46000
//! ```
//! gives `` `46000` is an Excel serial date: it stands for 09/12/2025 ``.
//!
//! ## How to fix
//! Format the column as a date (or text) in the spreadsheet and export again.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Format the column as a date (or text) in the spreadsheet and export again.";
