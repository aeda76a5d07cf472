//! ## What it does
//! A row is not valid UTF-8.
//!
//! ## Why is this bad?
//! Ringg reads the file as UTF-8; bytes that are not UTF-8 turn names into garbage the agent reads aloud, or make the upload fail.
//!
//! ## Example
//! A row whose name was saved in Windows-1252 (`Jos\xe9`) gives `` the cell `Jos�` is not valid UTF-8 ``; the row is kept byte-for-byte in `invalid.csv`.
//!
//! ## How to fix
//! Save the file as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8). If the file came from Excel on Windows, rerun with `--encoding windows-1252` to transcode it.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Save the file as \"CSV UTF-8\" (Excel: File > Save As > CSV UTF-8). If the file came from Excel on Windows, rerun with `--encoding windows-1252` to transcode it.";
