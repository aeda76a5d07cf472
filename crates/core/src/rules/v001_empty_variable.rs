//! ## What it does
//! A cell in a mapped column is empty.
//!
//! ## Why is this bad?
//! The agent's prompt uses the variable; empty, the agent says nothing or the placeholder itself.
//!
//! ## Example
//! ```csv
//! Mobile Number,Name
//! +919876543210,
//! ```
//! gives ``` `Name` is empty; the assistant reads it as `{{callee_name}}` ```.
//!
//! ## How to fix
//! Fill in the value, or list the variable in `preflight.optional_variables` if it may be empty.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Fill in the value, or list the variable in `preflight.optional_variables` if it may be empty.";
