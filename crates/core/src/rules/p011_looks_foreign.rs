//! ## What it does
//! A number written without a country code is valid in the campaign's region, but its spelling points to another country where its digits are valid too: the North American shape (`(415) 555-2671`, `415-555-2671`, `415.555.2671`) outside a `+1` campaign, or a `1` followed by ten digits; or a number that is also valid with `+` and the country code most of the file's numbers carry (at least 3 of those written with `+` in the first rows, and more than half of them): `07400 123457` in a `+91` campaign whose list is mostly `+44` numbers.
//!
//! ## Why is this bad?
//! The number is read in the campaign's region, as libphonenumber reads it, and a stranger there gets called instead of the contact abroad.
//!
//! ## Example
//! `(415) 555-2671` in a `+91` campaign gives ``` `(415) 555-2671` reads as +914155552671 in IN, or +14155552671 in US ```.
//!
//! ## How to fix
//! Write the number with its country code (`+1 415 555 2671`, or `+91 41555 52671`), so that it cannot be read two ways.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Write the number with its country code (`+1 415 555 2671`, or `+91 41555 52671`), so that it cannot be read two ways.";
