//! ## What it does
//! With `preflight.consent` (`{"column": "Consent Date", "max_age_days": 180, "format": "DD/MM/YYYY"}`), a row whose consent date is empty, not a date in that format, after the campaign's start, or older than `max_age_days` on the campaign's **start** date (not today: the calls happen then). Without the key, nothing is checked.
//!
//! ## Why is this bad?
//! Calls need a consent that is current when they are made: India's TCCCPR expects consent to be renewed, and a list exported months before the campaign holds consents that have since lapsed.
//!
//! ## Example
//! A campaign starting on 18/10/2026 with `max_age_days: 180` and a consent of `20/04/2026` gives ``` consent dated 20/04/2026 is 181 days old on the campaign's start (18/10/2026); at most 180 are allowed ```.
//!
//! ## How to fix
//! Renew the consent and update its date, or leave the contact out of the campaign.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str =
    "Renew the consent and update its date, or leave the contact out of the campaign.";
