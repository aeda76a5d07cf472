//! ## What it does
//! A date cell holds an Excel serial number (`46000`).
//!
//! ## Why is this bad?
//! The spreadsheet exported the date's internal number; the agent would read out a number.
//!
//! ## How to fix
//! Format the column as a date (or text) in the spreadsheet and export again.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Format the column as a date (or text) in the spreadsheet and export again.";
