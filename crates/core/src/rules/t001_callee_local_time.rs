//! ## What it does
//! Converts the campaign's calls into each callee's local time and checks
//! them against the legal calling hours there. The number's time zones come
//! from libphonenumber's time-zone map (the longest matching prefix; a
//! prefix may span several zones, and each is checked). Every calling slot
//! (each day's `call_start_time`–`call_end_time` in the campaign's zone, cut
//! to the campaign period) is converted into each zone; the row is refused
//! when any slot starts before the allowed hours, ends after them or runs
//! past midnight there. It is an error by default: a call at 02:00 is the
//! worst outcome this tool can prevent (`"preflight": {"rules": {"T001":
//! "warn"}}` lowers it). The message names each zone with the local times
//! that fall outside, and the hours allowed.
//!
//! Allowed hours by the number's region: India 09:00–21:00 (TRAI), the
//! United States and Canada 08:00–21:00 (TCPA), elsewhere 08:00–21:00.
//! `preflight.calling_hours` overrides them per region code or for
//! `default`: `{"IN": "10:00-19:00", "default": "09:00-20:00"}`.
//!
//! Numbers whose prefix has no known zone cannot be checked: `report.json`
//! counts them (`calling_hours.unknown_zone`), so none passes unseen; nor is anything
//! without a campaign file, or while the campaign's times are in error.
//!
//! ## Why is this bad?
//! Calling outside the legal hours breaks the law (TRAI in India, the TCPA
//! in the US and Canada) and wakes people up: a window set for Indian
//! callers reaches New York in the middle of the night.
//!
//! ## Example
//! A campaign in `Asia/Kolkata`, 09:00–18:00 on 18/10/2026:
//! ```text
//! Mobile Number,Name
//! +1 212 555 0173,Ann
//! ```
//! ```text
//! T001 called 23:30–08:30 America/New_York; allowed 08:00–21:00
//! ```
//!
//! ## How to fix
//! Split the list by time zone into campaigns whose windows suit each zone, move the call window, or set the legal hours in `preflight.calling_hours`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Split the list by time zone into campaigns whose windows suit each zone, move the call window, or set the legal hours in `preflight.calling_hours`.";
