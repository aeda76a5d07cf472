//! ## What it does
//! The number is of a type a person cannot answer: toll-free, premium rate, shared cost, UAN, pager, voicemail or unknown.
//!
//! ## Why is this bad?
//! Calling such numbers costs money and reaches nobody who can talk to the agent.
//!
//! ## Example
//! `1800 123 4567` gives ``` `1800 123 4567` (+9118001234567) is a toll free number ```.
//!
//! ## How to fix
//! Replace it with the contact's mobile or landline number, or allow the type in `preflight.number_types`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Replace it with the contact's mobile or landline number, or allow the type in `preflight.number_types`.";
