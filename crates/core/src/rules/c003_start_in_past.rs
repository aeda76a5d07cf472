//! ## What it does
//! Checks that `campaign_start_time`, read in the campaign's time zone, is
//! after now (`--now`, else the system clock). A start equal to now is
//! refused too. The message names both times in the campaign's zone.
//!
//! ## Why is this bad?
//! Ringg refuses a campaign whose start time has passed, so the upload
//! fails after all the work of preparing it; a campaign file reused from an
//! earlier run is the usual cause.
//!
//! ## Example
//! With `--now 2026-10-17T09:00:00+05:30`:
//! ```json
//! "campaign_start_time": "16/10/2026, 09:00",
//! "call_config": {"call_time": {"timezone": "Asia/Kolkata"}}
//! ```
//! ```text
//! C003 `campaign_start_time` 16/10/2026, 09:00 (Asia/Kolkata) is not after now, 17/10/2026, 09:00 (Asia/Kolkata): Ringg refuses a start in the past
//! ```
//!
//! ## How to fix
//! Move `campaign_start_time` into the future, in the campaign's time zone.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Move `campaign_start_time` into the future, in the campaign's time zone.";
