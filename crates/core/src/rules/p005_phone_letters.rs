//! ## What it does
//! The phone cell contains letters.
//!
//! ## Why is this bad?
//! Letters mean a note, a name or a vanity number in the phone column; Ringg cannot dial it.
//!
//! ## Example
//! `call after 5` gives ``` `call after 5` contains letters ```.
//!
//! ## How to fix
//! Write the number in digits only, with its country code (`+918123456789`).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write the number in digits only, with its country code (`+918123456789`).";
