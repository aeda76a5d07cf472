//! ## What it does
//! A column named in `variables_map` is not in the header.
//!
//! ## Why is this bad?
//! The variable would be empty on every call: the agent says nothing, or the literal placeholder, where the value belongs.
//!
//! ## Example
//! `"variables_map": {"policy_id": "Policy Id"}` over a header with `Policy ID` gives ``` `variables_map` maps `policy_id` to column `Policy Id`, which the header lacks; did you mean `Policy ID`? ```. A column named in `preflight.date_columns` that the header lacks is reported the same way.
//!
//! ## How to fix
//! Fix the column name in `variables_map` (or `preflight.date_columns`) or in the CSV header so they match exactly.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Fix the column name in `variables_map` (or `preflight.date_columns`) or in the CSV header so they match exactly.";
