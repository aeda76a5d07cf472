//! ## What it does
//! An assistant variable is not mapped to any column in `variables_map`.
//!
//! ## Why is this bad?
//! The assistant's prompt uses the variable; unmapped, it is empty on every call.
//!
//! ## Example
//! A prompt that says `Your policy {{policy_id}} is due` (or `"assistant_variables": ["policy_id"]`) with no `policy_id` in `variables_map` gives ``the assistant uses `{{policy_id}}` but `variables_map` does not map it``.
//!
//! ## How to fix
//! Add the variable to `variables_map` with the column that holds its value, or, if the assistant can do without it, list it in `preflight.optional_variables` (it is then sent empty).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Add the variable to `variables_map` with the column that holds its value, or, if the assistant can do without it, list it in `preflight.optional_variables` (it is then sent empty).";
