//! ## What it does
//! `call_start_time` is not before `call_end_time`.
//!
//! ## Why is this bad?
//! The daily calling window is empty or inverted.
//!
//! ## How to fix
//! Set `call_start_time` before `call_end_time` (24-hour clock).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Set `call_start_time` before `call_end_time` (24-hour clock).";
