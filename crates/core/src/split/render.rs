//! Rows rendered as CSV bytes on the thread that validated them.
//!
//! The merge is the one serial stage of the pipeline. Rendering each row's
//! `valid.csv` or `invalid.csv` form where the record is still in the
//! validator's cache, into one contiguous buffer per chunk of rows, leaves
//! the merge to decide duplicates and copy bytes. The bytes are those the
//! `csv` writer produces for the row on its own, so where a row is rendered
//! does not change the output.

use std::io::Write;
use std::ops::Range;

use csv::{ByteRecord, WriterBuilder};

use crate::phone::E164;
use crate::validate::{RecordValidator, RowVerdict};

/// The `csv` writer every output row goes through: the same settings for
/// the rows rendered by the validators and those the merge renders itself.
/// Rows are flushed one by one, so its buffer only has to hold a row.
pub(super) fn csv_writer<W: Write>(out: W) -> csv::Writer<W> {
    WriterBuilder::new()
        .flexible(true)
        .buffer_capacity(4 << 10)
        .from_writer(out)
}

/// Rendered rows of one chunk, back to back.
#[derive(Default)]
pub(super) struct Rendered {
    bytes: Vec<u8>,
    /// Row `i`'s bytes: `ends[i - 1]..ends[i]` (from 0 for the first).
    ends: Vec<usize>,
    scratch: RowScratch,
}

impl Rendered {
    /// Starts over (keeping the buffers' memory) and returns the writer of
    /// the chunk's rows.
    pub(super) fn start(&mut self) -> RowWriter<'_> {
        self.bytes.clear();
        self.ends.clear();
        RowWriter {
            writer: csv_writer(&mut self.bytes),
            ends: &mut self.ends,
            scratch: &mut self.scratch,
        }
    }

    /// The bytes of row `index` of the chunk.
    pub(super) fn row(&self, index: usize) -> &[u8] {
        let start = index
            .checked_sub(1)
            .map_or(0, |previous| self.ends[previous]);
        &self.bytes[Range {
            start,
            end: self.ends[index],
        }]
    }
}

/// Renders a chunk's rows, one after the other.
pub(super) struct RowWriter<'r> {
    writer: csv::Writer<&'r mut Vec<u8>>,
    ends: &'r mut Vec<usize>,
    scratch: &'r mut RowScratch,
}

impl RowWriter<'_> {
    /// Renders the next row: its `valid.csv` form when `verdict` is valid,
    /// else its `invalid.csv` form.
    pub(super) fn push(
        &mut self,
        validator: &RecordValidator,
        record: &ByteRecord,
        verdict: &RowVerdict,
    ) -> csv::Result<()> {
        if verdict.is_valid() {
            self.scratch
                .write_valid(&mut self.writer, validator, record, verdict)?;
        } else {
            self.scratch
                .write_invalid(&mut self.writer, record, verdict)?;
        }
        // Into the vector now, so the row's end is known.
        self.writer.flush()?;
        self.ends.push(self.writer.get_ref().len());
        Ok(())
    }
}

/// Buffers reused from row to row while rendering.
#[derive(Default)]
pub(super) struct RowScratch {
    out: ByteRecord,
}

impl RowScratch {
    /// The row as `valid.csv` has it: the phone cell as E.164, repaired
    /// cells rewritten, every other cell as it was.
    pub(super) fn write_valid<W: Write>(
        &mut self,
        writer: &mut csv::Writer<W>,
        validator: &RecordValidator,
        record: &ByteRecord,
        verdict: &RowVerdict,
    ) -> csv::Result<()> {
        let phone = validator.header().phone;
        if valid_cells_into(record, verdict, phone, &mut self.out) {
            writer.write_byte_record(&self.out)
        } else {
            // Already as it must be written (`+919876543210`).
            writer.write_byte_record(record)
        }
    }

    /// The row as `invalid.csv` has it: every cell as it was, then
    /// `preflight_row` and `preflight_errors`.
    pub(super) fn write_invalid<W: Write>(
        &mut self,
        writer: &mut csv::Writer<W>,
        record: &ByteRecord,
        verdict: &RowVerdict,
    ) -> csv::Result<()> {
        self.out.clone_from(record);
        let mut row = [0u8; 20];
        self.out.push_field(decimal(verdict.row, &mut row));
        self.out.push_field(verdict.errors_summary().as_bytes());
        writer.write_byte_record(&self.out)
    }
}

/// Writes into `out` the cells of a valid row as `valid.csv` holds them:
/// the phone cell as E.164, repaired cells rewritten, every other cell as it
/// was. Returns `false`, writing nothing, when `record` already is that row
/// (the common case of a number written as E.164 and nothing repaired).
pub(crate) fn valid_cells_into(
    record: &ByteRecord,
    verdict: &RowVerdict,
    phone_column: Option<usize>,
    out: &mut ByteRecord,
) -> bool {
    let mut e164 = [0u8; E164_TEXT_MAX];
    let number_text = verdict.phone.map(|number| e164_text(number, &mut e164));
    let phone_cell = phone_column.and_then(|index| record.get(index));
    if verdict.repairs.is_empty() && phone_cell == number_text {
        return false;
    }
    out.clear();
    for (index, field) in record.iter().enumerate() {
        if let Some(text) = number_text.filter(|_| Some(index) == phone_column) {
            out.push_field(text);
        } else if let Some((_, text)) = verdict.repairs.iter().find(|(i, _)| *i == index) {
            out.push_field(text.as_bytes());
        } else {
            out.push_field(field);
        }
    }
    true
}

/// Longest E.164 text `e164_text` writes: `+` and the 20 digits of any `u64`.
pub(super) const E164_TEXT_MAX: usize = 21;

/// `number` as E.164 text (`+919876543210`), written into `buffer` by hand:
/// the formatting machinery showed in profiles.
pub(super) fn e164_text(number: E164, buffer: &mut [u8; E164_TEXT_MAX]) -> &[u8] {
    let mut digits = [0u8; 20];
    let digits = decimal(number.digits(), &mut digits);
    buffer[0] = b'+';
    buffer[1..=digits.len()].copy_from_slice(digits);
    &buffer[..=digits.len()]
}

/// `value` in decimal at the end of `buffer`, two digits at a time: this
/// runs for every valid row's phone number.
fn decimal(mut value: u64, buffer: &mut [u8; 20]) -> &[u8] {
    const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let mut start = buffer.len();
    while value >= 100 {
        let pair = (value % 100) as usize * 2;
        value /= 100;
        start -= 2;
        buffer[start..start + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if value >= 10 {
        let pair = value as usize * 2;
        start -= 2;
        buffer[start..start + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        start -= 1;
        buffer[start] = b'0' + value as u8;
    }
    &buffer[start..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164_text_is_the_display_form() {
        let mut buffer = [0u8; E164_TEXT_MAX];
        for text in [
            "+919876543210",
            "+12015550123",
            "+0",
            "+999999999999999",
            "+441",
        ] {
            let number = E164::from_text(text).expect("E.164");
            assert_eq!(e164_text(number, &mut buffer), text.as_bytes());
            assert_eq!(number.to_string(), text);
        }
    }

    #[test]
    fn decimal_writes_every_u64() {
        let mut buffer = [0u8; 20];
        for value in [0, 7, 10, 99, 100, 2_048, 919_876_543_210, u64::MAX] {
            assert_eq!(decimal(value, &mut buffer), value.to_string().as_bytes());
        }
    }
}
