//! ## What it does
//! A cell holds a NUL byte (`0x00`).
//!
//! ## Why is this bad?
//! NUL is not text: it comes from a binary file, a UTF-16 file read as bytes, or a broken export. Databases refuse it in text (PostgreSQL rejects `0x00` outright), and the name or number around it is not what the spreadsheet showed.
//!
//! ## Example
//! `+919876543210,Asha\0Rao`: the name cell holds a NUL between `Asha` and `Rao`.
//!
//! ## How to fix
//! Re-export the file as "CSV UTF-8"; if every other byte is NUL, the file is UTF-16: rerun with `--encoding utf-16le`.

/// How to fix a finding of this rule, shown as the finding's help.
pub(crate) const HELP: &str = "Re-export the file as \"CSV UTF-8\"; if every other byte is NUL, the file is UTF-16: rerun with `--encoding utf-16le`.";
