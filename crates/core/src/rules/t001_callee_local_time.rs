//! ## What it does
//! The daily call window, converted into the callee's time zone, falls outside the legal calling hours there.
//!
//! ## Why is this bad?
//! Calling outside the legal hours (TRAI in India, TCPA in the US and Canada) breaks the law and angers the people called.
//!
//! ## How to fix
//! Move the call window, split the list by time zone into separate campaigns, or set `preflight.calling_hours`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Move the call window, split the list by time zone into separate campaigns, or set `preflight.calling_hours`.";
