//! ## What it does
//! No part of the daily calling window falls inside the campaign period.
//!
//! ## Why is this bad?
//! The campaign would run without ever being allowed to call.
//!
//! ## Example
//! A campaign from `18/10/2026, 19:00` to `18/10/2026, 22:00` with a call window of `09:00`–`18:00` never reaches a calling hour.
//!
//! ## How to fix
//! Widen the campaign period or move the daily calling window so they overlap.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Widen the campaign period or move the daily calling window so they overlap.";
