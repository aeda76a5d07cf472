//! Stage 3, the row rules. In: the header and each record. Out: a
//! [`validate::RowVerdict`] per record (its findings and the cells as they
//! should be sent); the header's own findings; the date columns decided
//! from the first rows; and [`duplicates::Duplicates`], which decides
//! P010 across rows; [`suppression::Suppressions`], the numbers S001
//! refuses.

pub mod consent;
pub mod dates;
pub(crate) mod duplicates;
pub mod header;
pub mod suppression;
pub mod validate;
