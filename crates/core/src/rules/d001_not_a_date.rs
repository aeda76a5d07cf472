//! ## What it does
//! A cell in a date column is not a real date (`31/02/2026`, `tomorrow`).
//!
//! ## Why is this bad?
//! The agent reads the value aloud; a wrong date is worse than none.
//!
//! ## How to fix
//! Write a real date in the column's format (`DD/MM/YYYY` unless `preflight.date_columns` says otherwise).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write a real date in the column's format (`DD/MM/YYYY` unless `preflight.date_columns` says otherwise).";
