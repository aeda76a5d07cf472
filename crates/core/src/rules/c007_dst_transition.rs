//! ## What it does
//! The campaign start or end time does not exist (spring forward) or is ambiguous (fall back) in the campaign's time zone.
//!
//! ## Why is this bad?
//! The time Ringg schedules is not the one you meant, or no such time exists.
//!
//! ## Example
//! `"campaign_start_time": "08/03/2026, 02:30"` in `America/New_York` does not exist: clocks jump from 02:00 to 03:00 that night. `01/11/2026, 01:30` happens twice (clocks fall back).
//!
//! ## How to fix
//! Pick a time outside the daylight-saving transition hour.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Pick a time outside the daylight-saving transition hour.";
