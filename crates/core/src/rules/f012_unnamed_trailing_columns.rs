//! ## What it does
//! The header ends in columns with no name (`Name,Mobile Number,,,`), as a spreadsheet exports the columns a sheet once used: they are left out of `valid.csv` (and so of the upload), one finding for all of them. A row that holds a value in one of them is invalid (H003), since leaving the column out would drop that value.
//!
//! ## Why is this bad?
//! It is not, when the columns are empty: Ringg would get columns with no name for nothing. An unnamed column in the middle of the header stays H003.
//!
//! ## Example
//! A header `Mobile Number,Name,,` gives `the last 2 columns (3–4) have no name: left out of valid.csv, as no row may hold a value in them`.
//!
//! ## How to fix
//! Nothing to do. To silence it, delete the empty columns in the spreadsheet before exporting.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing to do. To silence it, delete the empty columns in the spreadsheet before exporting.";
