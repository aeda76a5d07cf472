//! ## What it does
//! Two columns have the same name.
//!
//! ## Why is this bad?
//! Ringg maps variables by column name; with two columns of one name, which one is read is undefined.
//!
//! ## Example
//! A header `Mobile Number,Name,Name` gives ``column `Name` appears twice (columns 2 and 3)``.
//!
//! ## How to fix
//! Rename or remove one of the columns.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rename or remove one of the columns.";
