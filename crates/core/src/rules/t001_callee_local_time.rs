//! ## What it does
//! The daily call window, converted into the callee's time zone, falls outside the legal calling hours there.
//!
//! ## Why is this bad?
//! Calling outside the legal hours (TRAI in India, TCPA in the US and Canada) breaks the law and angers the people called.
//!
//! ## Example
//! A call window of `09:00`–`18:00` `Asia/Kolkata` for `+12025550173` (Washington, `America/New_York`) gives `called 23:30–08:30 America/New_York; allowed 08:00–21:00`.
//!
//! ## How to fix
//! Move the call window, split the list by time zone into separate campaigns, or set `preflight.calling_hours`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Move the call window, split the list by time zone into separate campaigns, or set `preflight.calling_hours`.";
