//! ## What it does
//! Checks that `call_config.call_time.timezone` is an IANA time-zone name
//! (`Asia/Kolkata`, `America/New_York`), spelt exactly, case included. A
//! near miss is named with the zone it probably meant.
//!
//! ## Why is this bad?
//! The campaign's start, end and daily calling window are wall-clock times
//! in this zone: without it they cannot be placed in time, and Ringg
//! refuses the campaign. Abbreviations such as `IST` or `EST` are not zone
//! names; several countries use each of them.
//!
//! ## Example
//! ```json
//! "call_time": {"call_start_time": "09:00", "call_end_time": "18:00", "timezone": "Asia/Kolkatta"}
//! ```
//! ```text
//! C002 `timezone` is `Asia/Kolkatta`, not an IANA time-zone name; did you mean `Asia/Kolkata`?
//! ```
//!
//! ## How to fix
//! Use the zone's IANA name, such as `Asia/Kolkata` or `America/New_York`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Use the zone's IANA name, such as `Asia/Kolkata` or `America/New_York`.";
