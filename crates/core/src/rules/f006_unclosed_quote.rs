//! ## What it does
//! A quoted cell is opened but never closed, so the rest of the file is read as one cell.
//!
//! ## Why is this bad?
//! Every row after the opening quote is swallowed into one cell: those contacts are never called.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,"Asha
//! +919876543211,Ravi
//! ```
//! gives `a quote opened on line 2 is never closed: the rest of the file was read as one cell`.
//!
//! ## How to fix
//! Close the quote on the reported line, or double a quote that belongs to the text (`""`).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Close the quote on the reported line, or double a quote that belongs to the text (`\"\"`).";
