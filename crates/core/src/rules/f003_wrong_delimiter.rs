//! ## What it does
//! The header has one column that holds `;` or a tab: the file uses another delimiter than a comma, and not consistently, so no delimiter could be chosen (a file whose first lines all split alike on `;`, a tab or `|` is read with it: F011).
//!
//! ## Why is this bad?
//! Ringg splits rows on commas; a semicolon- or tab-separated file arrives as one column, and no phone column is found.
//!
//! ## Example
//! ```csv
//! Mobile Number;Name
//! +919876543210;Asha;Rao
//! ```
//! gives ``the header is one column that contains `;`: the file is not comma-separated``.
//!
//! ## How to fix
//! Export the file as comma-separated CSV (in a European-locale Excel, change the list separator or use "CSV UTF-8").

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Export the file as comma-separated CSV (in a European-locale Excel, change the list separator or use \"CSV UTF-8\").";
