//! ## What it does
//! `campaign_start_time` or `campaign_end_time` is not `DD/MM/YYYY, HH:MM`, or a call-window time is not `HH:MM`.
//!
//! ## Why is this bad?
//! Ringg refuses the campaign.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "2026-10-18 09:00"
//! ```
//! is refused: Ringg expects `"18/10/2026, 09:00"`. A call window of `"9am"` instead of `"09:00"` is refused the same way.
//!
//! ## How to fix
//! Write the time as `18/10/2026, 09:00` (day first, 24-hour clock).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write the time as `18/10/2026, 09:00` (day first, 24-hour clock).";
