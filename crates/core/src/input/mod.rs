//! Stage 1, bytes to records. In: any `Read` and the [`Limits`]. Out:
//! [`records::Records`], each CSV record with the line it starts on, the
//! input transcoded to UTF-8 when an encoding was given, hashed, and held
//! to the limits before the CSV reader buffers anything; and the first
//! rows, which decide the date columns.

pub(crate) mod detect;
pub(crate) mod encoding;
pub(crate) mod first_rows;
pub(crate) mod limits;
pub(crate) mod progress;
pub(crate) mod records;
pub(crate) mod tap;
pub(crate) mod workbook;
