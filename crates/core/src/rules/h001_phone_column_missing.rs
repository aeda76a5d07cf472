//! ## What it does
//! No column matches the phone column (`variables_map.mobile_number`, else `Mobile Number`).
//!
//! ## Why is this bad?
//! Ringg needs the phone column to call anyone; without it the whole upload is refused.
//!
//! ## Example
//! A header `mobile_number,Name` with no `variables_map` gives ``no column is named `Mobile Number`; did you mean `mobile_number`?``.
//!
//! ## How to fix
//! Rename the column to the exact name (case, spaces and underscores matter), or set `variables_map.mobile_number` to the column's name.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rename the column to the exact name (case, spaces and underscores matter), or set `variables_map.mobile_number` to the column's name.";
