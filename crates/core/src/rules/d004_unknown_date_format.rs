//! ## What it does
//! A format in `preflight.date_columns` is not one preflight knows: `DD/MM/YYYY`, `D/M/YYYY`, `MM/DD/YYYY`, `M/D/YYYY`, `YYYY-MM-DD`, `DD-MM-YYYY` or `DD.MM.YYYY` (case does not matter). Until it is fixed, the column is checked as `DD/MM/YYYY`.
//!
//! ## Why is this bad?
//! The declared format is what every cell of the column is checked against and repaired into; a format preflight cannot read checks nothing you meant.
//!
//! ## Example
//! ```json
//! "preflight": {"date_columns": {"Due Date": "DD/MM/YY"}}
//! ```
//! gives `` `preflight.date_columns` gives `Due Date` the format `DD/MM/YY`, which is not one of DD/MM/YYYY, D/M/YYYY, … ``.
//!
//! ## How to fix
//! Write one of the known formats, e.g. `"Due Date": "DD/MM/YYYY"`; years have four digits.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write one of the known formats, e.g. `\"Due Date\": \"DD/MM/YYYY\"`; years have four digits.";
