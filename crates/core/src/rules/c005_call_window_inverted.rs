//! ## What it does
//! `call_start_time` is not before `call_end_time`.
//!
//! ## Why is this bad?
//! The daily calling window is empty or inverted.
//!
//! ## Example
//! ```json
//! "call_time": {"call_start_time": "18:00", "call_end_time": "09:00"}
//! ```
//! is an inverted window: calls cannot start at 18:00 and end at 09:00 the same day.
//!
//! ## How to fix
//! Set `call_start_time` before `call_end_time` (24-hour clock).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Set `call_start_time` before `call_end_time` (24-hour clock).";
