//! ## What it does
//! A workbook cell holds an error value (`#N/A`, `#DIV/0!`, `#REF!`, `#VALUE!`, `#NAME?`, `#NUM!`, `#NULL!`), or a formula the workbook holds no computed value for. The finding names the cell (`Sheet1!C7`); no other check reads it.
//!
//! ## Why is this bad?
//! The formula behind the cell failed, or was never calculated: the assistant would read `#N/A` aloud, or nothing, for the contact. A CSV export writes such a cell as the text `#N/A`, where it looks like letters in a number.
//!
//! ## Example
//! A `Policy ID` cell whose `VLOOKUP` found nothing gives `the cell holds the error value `#N/A`: the formula behind it failed` at `Contacts!C7`; a formula saved by a program that does not calculate gives `the cell holds a formula the workbook has no computed value for (it was saved without calculating)`.
//!
//! ## How to fix
//! Fix the formula (or the data it looks up) in the spreadsheet, or replace it by its value; open and save a file written by a program so the spreadsheet calculates it.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Fix the formula (or the data it looks up) in the spreadsheet, or replace it by its value; open and save a file written by a program so the spreadsheet calculates it.";
