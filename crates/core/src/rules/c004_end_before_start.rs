//! ## What it does
//! Checks that `campaign_end_time` is after `campaign_start_time`. Both are
//! placed in the campaign's time zone first, so the comparison holds across
//! a daylight-saving change; without a valid zone they are compared as
//! written.
//!
//! ## Why is this bad?
//! A campaign that ends before it starts has no time to call in; Ringg
//! refuses it. Day and month swapped (`10/18/2026`) or a morning end time
//! meant for the next day are the usual causes.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "18/10/2026, 09:00",
//! "campaign_end_time": "18/10/2026, 08:00"
//! ```
//! ```text
//! C004 `campaign_end_time` 18/10/2026, 08:00 is not after `campaign_start_time` 18/10/2026, 09:00
//! ```
//!
//! ## How to fix
//! Set `campaign_end_time` after `campaign_start_time` (day first, 24-hour clock).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Set `campaign_end_time` after `campaign_start_time` (day first, 24-hour clock).";
