//! ## What it does
//! A column has an empty name.
//!
//! ## Why is this bad?
//! An unnamed column cannot be mapped to a variable and often means a stray delimiter at the end of the header.
//!
//! ## Example
//! A header `Mobile Number,Name,` (a trailing comma) gives `column 3 has an empty name`.
//!
//! ## How to fix
//! Name the column or remove it (and the trailing delimiter).

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Name the column or remove it (and the trailing delimiter).";
