//! ## What it does
//! The campaign start or end time does not exist (spring forward) or is ambiguous (fall back) in the campaign's time zone.
//!
//! ## Why is this bad?
//! The time Ringg schedules is not the one you meant, or no such time exists.
//!
//! ## How to fix
//! Pick a time outside the daylight-saving transition hour.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Pick a time outside the daylight-saving transition hour.";
