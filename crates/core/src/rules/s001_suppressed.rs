//! ## What it does
//! The contact's number is on a suppression list given with `--suppress FILE` or in `preflight.suppression_lists`: a do-not-call registry's scrub result, an opt-out list, another team's list. Numbers are compared after libphonenumber reads them in the campaign's region, so every spelling of a number matches its entry; `sha256:` entries match the SHA-256 of the E.164 text.
//!
//! ## Why is this bad?
//! Calling a number that opted out, or that a registry protects, breaks the law (India's TCCCPR and its NCPR/DND registry, the US TCPA and DNC list) and the callee's trust. The tool cannot query a registry itself: export the registry's scrub result as a list.
//!
//! ## Example
//! `+91 98765 43210` with `9876543210` on line 2 of `dnd.txt` gives ``` `+919876543210` is on the suppression list dnd.txt (line 2) ```.
//!
//! ## How to fix
//! Remove the contact from the list you upload; `split` leaves it in `invalid.csv`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str =
    "Remove the contact from the list you upload; `split` leaves it in `invalid.csv`.";
