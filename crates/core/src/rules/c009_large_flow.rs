//! ## What it does
//! Reports, for information, that 5,000 or more rows are valid: the
//! upload goes through Ringg's large-campaign flow (`report.json` says
//! `"flow": "large"`).
//!
//! ## Why is this bad?
//! It is not; it is worth knowing. The large flow uploads the CSV, validates
//! it asynchronously (poll `upload-status`), checks the balance, then starts
//! the calls with `make-call-async`. It is a beta that must be enabled for
//! the workspace, and the balance must cover `max_call_attempts`.
//!
//! ## Example
//! ```text
//! C009 5000 valid rows: Ringg's large-campaign flow applies (5,000 or more)
//! ```
//!
//! ## How to fix
//! Nothing to do; make sure the large-campaign beta is enabled for your workspace.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Nothing to do; make sure the large-campaign beta is enabled for your workspace.";
