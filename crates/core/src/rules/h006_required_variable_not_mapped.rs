//! ## What it does
//! `mobile_number` or `callee_name` is not mapped in `variables_map`.
//!
//! ## Why is this bad?
//! Ringg requires both: the number to call and the name to greet.
//!
//! ## Example
//! `"variables_map": {"mobile_number": "Mobile Number"}` gives ``` `variables_map` does not map `callee_name`, which Ringg requires ```.
//!
//! ## How to fix
//! Add `"mobile_number": "<phone column>"` and `"callee_name": "<name column>"` to `variables_map`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Add `\"mobile_number\": \"<phone column>\"` and `\"callee_name\": \"<name column>\"` to `variables_map`.";
