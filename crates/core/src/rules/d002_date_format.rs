//! ## What it does
//! A date is real but written in another format than the column's (`2026-10-20` where `DD/MM/YYYY` is expected).
//!
//! ## Why is this bad?
//! Mixed formats make `03/04/2026` mean two days; the agent may read out the wrong one.
//!
//! ## How to fix
//! Rewrite the date in the column's format, or run `split --fix` to rewrite it in `valid.csv`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Rewrite the date in the column's format, or run `split --fix` to rewrite it in `valid.csv`.";
