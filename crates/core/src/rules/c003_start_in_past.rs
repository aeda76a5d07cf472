//! ## What it does
//! The campaign starts now or in the past.
//!
//! ## Why is this bad?
//! Ringg refuses a campaign whose start time has passed.
//!
//! ## Example
//! With `--now 2026-10-17T09:00:00+05:30`, a campaign with `"campaign_start_time": "17/10/2026, 08:00"` in `Asia/Kolkata` starts an hour in the past.
//!
//! ## How to fix
//! Move `campaign_start_time` into the future.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Move `campaign_start_time` into the future.";
