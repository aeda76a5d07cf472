//! ## What it does
//! Checks that a contact's retries can all happen before the campaign
//! stops calling. A contact may need `retry_count` retries, each after the
//! longest of `retry_busy`, `retry_not_picked` and `retry_failed` (minutes),
//! since any outcome can repeat. The rule warns when `retry_count` × that
//! longest delay exceeds the calling span: the time from the opening of the
//! campaign's first calling slot to the close of its last (a slot is one
//! day's calling window cut to the campaign period; the span is measured
//! over at most 400 days). That is the most a contact called at the first
//! possible moment can wait; anyone called later has less, so a warning
//! means even the best case does not fit.
//!
//! ## Why is this bad?
//! Retries scheduled after the campaign ends never happen: contacts who
//! were busy or did not pick up get fewer attempts than `retry_count`
//! promises, and `max_call_attempts` in the report overstates the calls.
//!
//! ## Example
//! One day, 09:00–18:00 (540 minutes), three retries after up to 240 minutes:
//! ```json
//! "call_retry_config": {"retry_count": 3, "retry_busy": 30, "retry_not_picked": 240, "retry_failed": 60}
//! ```
//! ```text
//! C008 3 retries × 240 min (`retry_not_picked`) need 720 min after the first call, but the calling hours span only 540 min, from 18/10/2026, 09:00 to 18/10/2026, 18:00 (Asia/Kolkata)
//! ```
//!
//! ## How to fix
//! Lengthen the campaign, shorten the longest retry delay, or lower `retry_count`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Lengthen the campaign, shorten the longest retry delay, or lower `retry_count`.";
