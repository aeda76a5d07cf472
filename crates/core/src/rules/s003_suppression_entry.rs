//! ## What it does
//! Entries of a suppression list that are not valid numbers in the campaign's region (or `sha256:` lines that are not 64 hexadecimal digits), counted once per list with the line of the first.
//!
//! ## Why is this bad?
//! An entry that cannot be read suppresses nobody: the number it was meant to protect may be called.
//!
//! ## Example
//! A list whose line 6 is `not a number` gives ``` 1 entry of dnd.txt is not a valid number (first on line 6): it suppresses nobody ```.
//!
//! ## How to fix
//! Correct the entries (E.164 with the country code is safest: `+918123456789`), or remove them.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Correct the entries (E.164 with the country code is safest: `+918123456789`), or remove them.";
