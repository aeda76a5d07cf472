//! ## What it does
//! A column the campaign names (the phone column, a `variables_map` column) is in the header spelt differently only in case or in spaces around it (a no-break space included): `mobile number ` for `Mobile Number`. The column is used, and the warning names the exact header and what it was read as.
//!
//! ## Why is this bad?
//! Spreadsheets and CRM exports change a header's case and pad it with spaces; Ringg matches column names exactly, so the same file uploaded without the outputs of `split` may lose the column.
//!
//! ## Example
//! ```csv
//! mobile number,Name
//! +919876543210,Asha
//! ```
//! gives ``column `mobile number` is read as `Mobile Number`, which the campaign names``.
//!
//! ## How to fix
//! Rename the header to the campaign's spelling, or change `variables_map` to the header's.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rename the header to the campaign's spelling, or change `variables_map` to the header's.";
