//! ## What it does
//! The file contains blank lines.
//!
//! ## Why is this bad?
//! Blank lines are skipped by Ringg and by preflight; they often show where a list was pasted together.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,Asha
//!
//! +919876543211,Ravi
//! ```
//! gives `1 blank line(s) skipped, the first at line 3`.
//!
//! ## How to fix
//! Nothing needs to be done; remove the blank lines to silence this.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing needs to be done; remove the blank lines to silence this.";
