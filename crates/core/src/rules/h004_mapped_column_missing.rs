//! ## What it does
//! A column named in `variables_map` is not in the header.
//!
//! ## Why is this bad?
//! The variable would be empty on every call: the agent says nothing, or the literal placeholder, where the value belongs.
//!
//! ## How to fix
//! Fix the column name in `variables_map` or in the CSV header so they match exactly.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Fix the column name in `variables_map` or in the CSV header so they match exactly.";
