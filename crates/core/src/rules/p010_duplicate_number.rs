//! ## What it does
//! The same number, after normalisation, appears on an earlier row.
//!
//! ## Why is this bad?
//! The contact would be called twice; the first row wins.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,Asha
//! 09876543210,Asha again
//! ```
//! gives `+919876543210 already appears on row 1` on row 2.
//!
//! ## How to fix
//! Remove the later row, or merge the contact's data into the first row.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Remove the later row, or merge the contact's data into the first row.";
