//! ## What it does
//! The campaign does not end after it starts.
//!
//! ## Why is this bad?
//! A campaign with no duration calls nobody; Ringg refuses it.
//!
//! ## Example
//! ```json
//! "campaign_start_time": "18/10/2026, 09:00",
//! "campaign_end_time": "18/10/2026, 09:00"
//! ```
//! ends the moment it starts.
//!
//! ## How to fix
//! Set `campaign_end_time` after `campaign_start_time`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Set `campaign_end_time` after `campaign_start_time`.";
