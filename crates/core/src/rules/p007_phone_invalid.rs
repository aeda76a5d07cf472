//! ## What it does
//! The number is not valid by libphonenumber's rules (wrong length, unknown range, unknown country code).
//!
//! ## Why is this bad?
//! Ringg validates numbers the same way and refuses the row; a call to an invalid number fails and still costs a retry.
//!
//! ## Example
//! `98765` in a `+91` campaign gives ``` `98765` (+9198765) is not a valid IN number: too short ```.
//!
//! ## How to fix
//! Check the digits and the country code; write the number as E.164 (`+918123456789`).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Check the digits and the country code; write the number as E.164 (`+918123456789`).";
