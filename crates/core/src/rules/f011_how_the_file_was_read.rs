//! ## What it does
//! Says how a file that is not a plain comma-separated UTF-8 file was read: the encoding detected when it is not UTF-8 (a UTF-16 byte-order mark, UTF-16 without one, else Mozilla's detector among the legacy encodings: Windows-1252, Shift_JIS, …), and the delimiter when it is not a comma (`;`, a tab or `|`, the one the first lines all split alike on). For a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`), the sheet read and how many the workbook has. `report.json`'s `input` names them.
//!
//! ## Why is this bad?
//! It is not: the file is read right without a flag. It is said because a guess is a guess: a person should know it was made, and how to overrule it.
//!
//! ## Example
//! A semicolon-separated Windows-1252 file, as European Excel saves "CSV", gives `the file is not UTF-8: it was read as windows-1252 (detected from its bytes; `--encoding` chooses another)` and `the fields are separated by `;`; the outputs use commas, as Ringg reads them`; a workbook gives `the xlsx workbook was read cell by cell, sheet `Contacts` (of 2 sheets; `--sheet` chooses the other)`.
//!
//! ## How to fix
//! Nothing to do when the guess is right. Otherwise give `--encoding LABEL` or `--delimiter CHAR` (`--sheet NAME` for a workbook); to silence it, save the file as "CSV UTF-8" with commas.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing to do when the guess is right. Otherwise give `--encoding LABEL` or `--delimiter CHAR` (`--sheet NAME` for a workbook); to silence it, save the file as \"CSV UTF-8\" with commas.";
