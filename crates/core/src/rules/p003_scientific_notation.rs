//! ## What it does
//! The phone cell is in scientific notation (`9.19876E+11`).
//!
//! ## Why is this bad?
//! The spreadsheet stored the number as a float: its last digits are gone and cannot be recovered from the cell.
//!
//! ## Example
//! `9.19876E+11` gives ``` `9.19876E+11` is in scientific notation: the spreadsheet lost its last digits ```.
//!
//! ## How to fix
//! Format the column as text and re-enter or re-export the numbers from the source.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Format the column as text and re-enter or re-export the numbers from the source.";
