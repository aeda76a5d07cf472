//! ## What it does
//! The file is empty.
//!
//! ## Why is this bad?
//! An empty upload creates a campaign that calls nobody.
//!
//! ## Example
//! A zero-byte `contacts.csv` (an export that failed) gives `the file is empty`.
//!
//! ## How to fix
//! Export the contact list again; check that the right file was given.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Export the contact list again; check that the right file was given.";
