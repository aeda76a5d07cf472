//! Stage 3, the row rules. In: the header and each record. Out: a
//! [`validate::RowVerdict`] per record (its findings and the cells as they
//! should be sent); the header's own findings; the date columns decided
//! from the first rows; and [`checker::RowChecker`], the same rules one
//! record at a time for callers that hold the rows.

pub(crate) mod checker;
pub mod dates;
pub mod header;
pub mod validate;
