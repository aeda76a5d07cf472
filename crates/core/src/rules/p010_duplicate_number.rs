//! ## What it does
//! The same number, after normalisation, appears on an earlier row.
//!
//! ## Why is this bad?
//! The contact would be called twice; the first row wins.
//!
//! ## How to fix
//! Remove the later row, or merge the contact's data into the first row.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Remove the later row, or merge the contact's data into the first row.";
