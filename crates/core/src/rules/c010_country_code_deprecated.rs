//! ## What it does
//! `country_code` uses the older two-letter form (`IN`) instead of `+91`.
//!
//! ## Why is this bad?
//! Ringg's API expects the calling code; the two-letter form is deprecated.
//!
//! ## Example
//! `"country_code": "IN"` gives `` `country_code` is `IN`; write it as `+91` ``.
//!
//! ## How to fix
//! Write the calling code: `"country_code": "+91"`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write the calling code: `\"country_code\": \"+91\"`.";
