//! ## What it does
//! The phone cell holds more than one number.
//!
//! ## Why is this bad?
//! Ringg calls one number per row; a cell with two numbers is invalid.
//!
//! ## Example
//! `9876543210, 9876543211` gives ``` `9876543210, 9876543211` holds more than one number ```.
//!
//! ## How to fix
//! Keep one number per cell; put other numbers on rows of their own.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Keep one number per cell; put other numbers on rows of their own.";
