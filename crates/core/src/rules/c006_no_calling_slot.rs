//! ## What it does
//! Checks that at least one calling slot exists: on some day of the
//! campaign, the daily window from `call_start_time` to `call_end_time`
//! overlaps the period from `campaign_start_time` to `campaign_end_time`,
//! all in the campaign's time zone.
//!
//! ## Why is this bad?
//! The campaign would be scheduled, run its course and end without ever
//! being allowed to place a call. An evening-only campaign period under a
//! daytime window, or a period of a few hours outside the window, does it.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "18/10/2026, 19:00",
//! "campaign_end_time": "18/10/2026, 23:00",
//! "call_config": {"call_time": {"call_start_time": "09:00", "call_end_time": "18:00", "timezone": "Asia/Kolkata"}}
//! ```
//! ```text
//! C006 the daily calling window 09:00–18:00 (Asia/Kolkata) never falls between 18/10/2026, 19:00 and 18/10/2026, 23:00: no call can be made
//! ```
//!
//! ## How to fix
//! Widen the campaign period or move the daily calling window so they overlap.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Widen the campaign period or move the daily calling window so they overlap.";
