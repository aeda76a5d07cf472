//! Limits that keep a hostile file from exhausting memory.
//!
//! The `csv` crate grows its record buffer until a record fits, so a field
//! of 10 GB (or a quote that never closes in a 10 GB file) would be
//! buffered whole. The limits are enforced on the bytes as they come in
//! (see [`crate::input::tap`]), before the CSV reader buffers them.

/// One MiB.
const MIB: u64 = 1 << 20;

/// Limits on what one input may hold; exceeding one stops the run with
/// [`crate::ErrorKind::Limit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Longest field, in bytes (quotes included). Default 1 MiB: a contact
    /// cell is never that long, a spreadsheet cell holds at most 32,767
    /// characters.
    pub max_field_bytes: u64,
    /// Longest record, in bytes. Default 8 MiB.
    pub max_row_bytes: u64,
    /// Most data records (the header is not counted); `None`: no limit.
    pub max_rows: Option<u64>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_field_bytes: MIB,
            max_row_bytes: 8 * MIB,
            max_rows: None,
        }
    }
}

impl Limits {
    /// No limit at all: for input already in memory.
    pub fn unlimited() -> Self {
        Limits {
            max_field_bytes: u64::MAX,
            max_row_bytes: u64::MAX,
            max_rows: None,
        }
    }
}

pub(crate) use crate::findings::error::LimitExceeded;

/// `1048576 bytes (1 MiB)`: a byte count a person can read.
pub(crate) fn bytes_text(bytes: u64) -> String {
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{bytes} bytes ({} MiB)", bytes / MIB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{bytes} bytes ({} KiB)", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}
