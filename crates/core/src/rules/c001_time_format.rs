//! ## What it does
//! Checks that the campaign's times are written the way Ringg reads them:
//! `campaign_start_time` and `campaign_end_time` as `DD/MM/YYYY, HH:MM`
//! (two-digit day and month, four-digit year, a comma and a space, the
//! 24-hour clock), `call_start_time` and `call_end_time` as `HH:MM`, and each
//! `preflight.calling_hours` entry as `HH:MM-HH:MM` with the start before
//! the end. A value of the right shape that is no real date or time
//! (`31/02/2026, 09:00`, `24:00`) is reported too.
//!
//! ## Why is this bad?
//! Ringg refuses a campaign whose times it cannot parse, and a time that
//! cannot be read cannot be checked: the other campaign rules and the
//! callee-local-time rule (T001) stay silent until it is fixed. A malformed
//! `calling_hours` entry is ignored, so the default legal hours apply.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "2026-10-18 09:00",
//! "call_config": {"call_time": {"call_start_time": "9am", "call_end_time": "18:00"}}
//! ```
//! ```text
//! C001 `campaign_start_time` is `2026-10-18 09:00`; Ringg expects `DD/MM/YYYY, HH:MM`
//! C001 `call_start_time` is `9am`; Ringg expects `HH:MM` on the 24-hour clock
//! ```
//!
//! ## How to fix
//! Write campaign times as `18/10/2026, 09:00` (day first, 24-hour clock), call times as `09:00`, and calling hours as `09:00-21:00`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write campaign times as `18/10/2026, 09:00` (day first, 24-hour clock), call times as `09:00`, and calling hours as `09:00-21:00`.";
