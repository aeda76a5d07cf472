//! ## What it does
//! The phone cell is empty.
//!
//! ## Why is this bad?
//! A row without a number cannot be called, and Ringg rejects it.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! ,Asha
//! ```
//! gives `the phone cell is empty`.
//!
//! ## How to fix
//! Fill in the number with its country code, or remove the row.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Fill in the number with its country code, or remove the row.";
