//! ## What it does
//! Checks that `call_start_time` is before `call_end_time`: the daily
//! calling window runs forward within one day, on the 24-hour clock.
//!
//! ## Why is this bad?
//! Ringg calls only between the two times each day. An equal pair leaves no
//! time; an inverted pair (`18:00` to `09:00`, or `6:00` meant as 6 p.m.) is
//! not an overnight window, and nobody is called.
//!
//! ## Example
//! ```json
//! "call_time": {"call_start_time": "18:00", "call_end_time": "09:00", "timezone": "Asia/Kolkata"}
//! ```
//! ```text
//! C005 `call_start_time` 18:00 is not before `call_end_time` 09:00: the daily calling window is empty
//! ```
//!
//! ## How to fix
//! Set `call_start_time` before `call_end_time` (24-hour clock: `09:00` to `18:00`).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Set `call_start_time` before `call_end_time` (24-hour clock: `09:00` to `18:00`).";
