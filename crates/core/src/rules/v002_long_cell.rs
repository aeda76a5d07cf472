//! ## What it does
//! A cell is over 1,000 characters.
//!
//! ## Why is this bad?
//! Long values slow the agent and are usually a paste mistake (a whole note in a name).
//!
//! ## Example
//! A `Notes` cell holding a pasted email thread of 1,001 characters gives `the cell has 1001 characters (over 1000)`.
//!
//! ## How to fix
//! Shorten the value to what the agent should say.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Shorten the value to what the agent should say.";
