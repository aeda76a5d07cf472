//! ## What it does
//! `call_config.call_time.timezone` is not an IANA time-zone name.
//!
//! ## Why is this bad?
//! The calling hours cannot be placed in time; Ringg refuses the campaign.
//!
//! ## Example
//! ```json
//! "call_time": {"timezone": "IST"}
//! ```
//! `IST` is an abbreviation (India, Ireland or Israel), not an IANA name; write `"Asia/Kolkata"`.
//!
//! ## How to fix
//! Use a name such as `Asia/Kolkata` or `America/New_York`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Use a name such as `Asia/Kolkata` or `America/New_York`.";
