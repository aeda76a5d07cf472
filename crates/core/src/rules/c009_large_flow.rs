//! ## What it does
//! More than 5,000 valid rows: Ringg's large-campaign flow applies.
//!
//! ## Why is this bad?
//! The large flow uploads and validates asynchronously and must be enabled for the workspace.
//!
//! ## Example
//! A file with 12,000 valid rows: `split` reports `flow: large`, and `upload` uses `/campaign/upload-csv` then polls until Ringg has validated it.
//!
//! ## How to fix
//! Nothing to do; make sure the large-campaign beta is enabled for your workspace.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing to do; make sure the large-campaign beta is enabled for your workspace.";
