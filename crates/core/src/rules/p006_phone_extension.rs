//! ## What it does
//! The phone cell contains an extension: whatever libphonenumber reads as one (`ext 12`, `x12`, `#12`, `;12`, `,,12`, `~ 12`, `anexo 12`…).
//!
//! ## Why is this bad?
//! The voice agent cannot dial an extension; the call reaches a switchboard.
//!
//! ## Example
//! `+91 98765 43210 ext 12` gives ``` `+91 98765 43210 ext 12` has an extension (12) the agent cannot dial ```.
//!
//! ## How to fix
//! Remove the extension, or use a direct number for the contact.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Remove the extension, or use a direct number for the contact.";
