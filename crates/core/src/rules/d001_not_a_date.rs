//! ## What it does
//! A cell in a date column is not a real date: `31/02/2026` (February has no 31st), `29/02/2026` (2026 is no leap year), `15/13/2026` (no month 13), or words such as `tomorrow`. Empty cells are left to V001 (or allowed by `preflight.optional_variables`).
//!
//! A date column is one declared in `preflight.date_columns`, a mapped column whose header or variable name contains `date`, `dob` or `birth`, or a column where at least 90% of the first 1,000 non-empty cells are dates in one format.
//!
//! ## Why is this bad?
//! The agent reads the value aloud; an impossible date is worse than none, and a word like `tomorrow` is wrong the day after the list was made.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name,Due Date
//! +919876543211,Ravi,31/02/2026
//! ```
//! gives `` `31/02/2026` is not a real date: February 2026 has 28 days ``; `tomorrow` gives `` `tomorrow` is not a date; the column expects DD/MM/YYYY ``.
//!
//! ## How to fix
//! Write a real date in the column's format (`DD/MM/YYYY` unless `preflight.date_columns` says otherwise).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write a real date in the column's format (`DD/MM/YYYY` unless `preflight.date_columns` says otherwise).";
