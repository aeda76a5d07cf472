//! ## What it does
//! The retry delays times `retry_count` do not fit in the campaign window.
//!
//! ## Why is this bad?
//! Retries scheduled after the campaign ends never happen.
//!
//! ## How to fix
//! Lengthen the campaign, shorten the retry delays, or lower `retry_count`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Lengthen the campaign, shorten the retry delays, or lower `retry_count`.";
