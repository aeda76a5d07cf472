//! ## What it does
//! The phone cell carried spreadsheet damage that was repaired: a leading `'`, an `="…"` wrapper, or a trailing `.0`. In a workbook, a phone cell that is a number (shown as `9.19877E+11`), read exactly because it holds at most 15 significant digits, naming the cell.
//!
//! ## Why is this bad?
//! Spreadsheets add these to keep numbers as text or after a numeric conversion; Ringg does not strip them.
//!
//! ## Example
//! `="9876543210"` gives ``repaired `="9876543210"` (removed the ="…" wrapper) to +919876543210``; `'9876543210` and `9876543210.0` are repaired the same way.
//!
//! ## How to fix
//! Nothing is lost: `valid.csv` carries the repaired number as E.164. Format the column as text in the spreadsheet to avoid the damage.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing is lost: `valid.csv` carries the repaired number as E.164. Format the column as text in the spreadsheet to avoid the damage.";
