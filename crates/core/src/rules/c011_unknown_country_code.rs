//! ## What it does
//! `country_code` is not a known calling code or region, or a
//! `preflight.calling_hours` key is neither a region code (`IN`, `US`) nor
//! `default`.
//!
//! ## Why is this bad?
//! Numbers written without a country code cannot be placed, and Ringg refuses the campaign.
//! Calling hours under an unknown key apply to nobody.
//!
//! ## Example
//! `"country_code": "+999"` gives `` `country_code` `+999` is not a known calling code ``.
//!
//! ## How to fix
//! Use a calling code such as `+91`, `+1` or `+44`; key `preflight.calling_hours` by region code (`IN`, `US`) or `default`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Use a calling code such as `+91`, `+1` or `+44`; key `preflight.calling_hours` by region code (`IN`, `US`) or `default`.";
