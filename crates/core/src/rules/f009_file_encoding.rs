//! ## What it does
//! Names the encoding a file that is not UTF-8 is most likely in: when the bytes that are not UTF-8 all read as Windows-1252 letters, the file is Windows-1252 (what Excel on Windows saves as "CSV"); when the file also holds UTF-8, it mixes encodings. Reported once for the file, at the first line with such bytes; each row that is not UTF-8 is also an F001 error.
//!
//! ## Why is this bad?
//! Ringg reads the file as UTF-8: every accented name in a Windows-1252 file (`José`, `Müller`) arrives as garbage, and those rows are refused.
//!
//! ## Example
//! A file saved by Excel on Windows holds `Jos\xe9` (one byte for `é`): the row is not UTF-8 and the file is reported as likely Windows-1252.
//!
//! ## How to fix
//! Rerun with `--encoding windows-1252` to transcode the file as it is read, or save it as "CSV UTF-8" (Excel: File > Save As > CSV UTF-8).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rerun with `--encoding windows-1252` to transcode the file as it is read, or save it as \"CSV UTF-8\" (Excel: File > Save As > CSV UTF-8).";
