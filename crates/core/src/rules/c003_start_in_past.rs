//! ## What it does
//! The campaign starts now or in the past.
//!
//! ## Why is this bad?
//! Ringg refuses a campaign whose start time has passed.
//!
//! ## How to fix
//! Move `campaign_start_time` into the future.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Move `campaign_start_time` into the future.";
