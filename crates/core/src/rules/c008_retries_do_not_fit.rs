//! ## What it does
//! The retry delays times `retry_count` do not fit in the campaign window.
//!
//! ## Why is this bad?
//! Retries scheduled after the campaign ends never happen.
//!
//! ## Example
//! A campaign of one day from 09:00 to 10:00 with `"retry_count": 3` and `"retry_not_picked": 30` needs 90 minutes of retries after the first attempt: the last retries never happen.
//!
//! ## How to fix
//! Lengthen the campaign, shorten the retry delays, or lower `retry_count`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Lengthen the campaign, shorten the retry delays, or lower `retry_count`.";
