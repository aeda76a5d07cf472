//! ## What it does
//! No part of the daily calling window falls inside the campaign period.
//!
//! ## Why is this bad?
//! The campaign would run without ever being allowed to call.
//!
//! ## How to fix
//! Widen the campaign period or move the daily calling window so they overlap.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Widen the campaign period or move the daily calling window so they overlap.";
