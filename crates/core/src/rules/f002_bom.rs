//! ## What it does
//! The file starts with a UTF-8 byte-order mark.
//!
//! ## Why is this bad?
//! A BOM glued to the first header name makes `\ufeffMobile Number` differ from `Mobile Number`; preflight strips it so the header still matches.
//!
//! ## Example
//! A file saved by Excel as "CSV UTF-8" starts with the bytes `EF BB BF` before `Mobile Number`.
//!
//! ## How to fix
//! Nothing to do: the BOM is removed from `valid.csv`. To silence this, save the file without a BOM.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing to do: the BOM is removed from `valid.csv`. To silence this, save the file without a BOM.";
