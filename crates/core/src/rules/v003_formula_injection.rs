//! ## What it does
//! A cell in a non-phone column starts with `=`, `+`, `-` or `@`.
//!
//! ## Why is this bad?
//! Opened in a spreadsheet, such a cell runs as a formula (CSV injection).
//!
//! ## Example
//! A `Name` cell `=HYPERLINK("x")` gives ``` `=HYPERLINK("x")` starts with `=`: a spreadsheet would run it as a formula ```.
//!
//! ## How to fix
//! Remove the leading character, or prefix the value with a space if it must stay.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Remove the leading character, or prefix the value with a space if it must stay.";
