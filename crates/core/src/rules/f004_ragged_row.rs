//! ## What it does
//! A row has a different number of fields than the header.
//!
//! ## Why is this bad?
//! The cells of a ragged row shift: the name lands in the policy column, the date in the name, or the row is dropped by Ringg.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,Doe, John
//! ```
//! gives `the row has 3 fields; the header has 2` (the name should be quoted: `"Doe, John"`).
//!
//! ## How to fix
//! Quote cells that contain commas (`"Mehta, Kiran"`), and remove stray delimiters so every row has as many fields as the header.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Quote cells that contain commas (`\"Mehta, Kiran\"`), and remove stray delimiters so every row has as many fields as the header.";
