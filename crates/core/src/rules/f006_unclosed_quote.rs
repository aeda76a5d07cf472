//! ## What it does
//! A quoted cell is opened but never closed. A CSV reader then reads the rest of the file as that one cell; preflight cuts the cell at the end of the line where the quote opened, reports the row there, and reads the lines after it as rows of their own, so none is lost.
//!
//! Also a quote that closes in the wrong place: a cell that spans several lines, whose later lines look like rows of their own (as many fields as the header, a phone number where the phone goes). The row is reported with the lines it swallowed.
//!
//! ## Why is this bad?
//! Ringg reads the file the first way: every row after the opening quote is swallowed into one cell, and those contacts are never called.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,"Asha
//! +919876543211,Ravi
//! ```
//! gives `a quote opened on line 2 is never closed: the cell was cut at the end of line 2, and line 3 was read as a row of its own`; Ravi's row is checked on its own.
//!
//! ## How to fix
//! Close the quote on the reported line, or double a quote that belongs to the text (`""`).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Close the quote on the reported line, or double a quote that belongs to the text (`\"\"`).";
