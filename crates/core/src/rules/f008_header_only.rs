//! ## What it does
//! The file has a header row but no contact rows.
//!
//! ## Why is this bad?
//! A campaign without contacts calls nobody.
//!
//! ## Example
//! A file holding only `Mobile Number,Name` gives `the file has a header but no contact rows`.
//!
//! ## How to fix
//! Add the contact rows below the header, or check that the right file was given.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Add the contact rows below the header, or check that the right file was given.";
