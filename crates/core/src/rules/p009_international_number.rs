//! ## What it does
//! The number's country code differs from the campaign's `country_code`.
//!
//! ## Why is this bad?
//! International calls need a from-number that can call abroad (a Twilio number on Ringg), and cost more.
//!
//! ## Example
//! `+12025550173` in a `+91` campaign gives `+12025550173 is an international number (+1, US); the campaign calls +91`.
//!
//! ## How to fix
//! Check the number is meant to be international; add a suitable from-number to the campaign.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Check the number is meant to be international; add a suitable from-number to the campaign.";
