//! ## What it does
//! Checks that `campaign_start_time` and `campaign_end_time` are each
//! exactly one instant in the campaign's time zone. When the clocks go
//! forward, the skipped wall-clock times do not exist (the message names the
//! jump and both offsets); when they go back, the repeated ones happen twice
//! (the message names both offsets).
//!
//! ## Why is this bad?
//! A time that does not exist is moved by whoever reads it, usually forward
//! by the size of the jump; an ambiguous one may be taken at either offset,
//! an hour apart. Either way the campaign starts or stops at a time you did
//! not choose. The checks carry on as schedulers do: a skipped time is read
//! past the jump, an ambiguous start at its first occurrence and an
//! ambiguous end at its second.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "08/03/2026, 02:30",
//! "campaign_end_time": "01/11/2026, 01:30",
//! "call_config": {"call_time": {"timezone": "America/New_York"}}
//! ```
//! ```text
//! C007 `campaign_start_time` 08/03/2026, 02:30 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 (-05:00 EST → -04:00 EDT)
//! C007 `campaign_end_time` 01/11/2026, 01:30 is ambiguous in America/New_York: it happens twice, at -04:00 EDT and again at -05:00 EST
//! ```
//!
//! ## How to fix
//! Pick a time outside the daylight-saving transition hour, e.g. `03:30` or `00:30`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Pick a time outside the daylight-saving transition hour, e.g. `03:30` or `00:30`.";
