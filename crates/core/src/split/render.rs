//! Rows rendered as CSV bytes on the thread that validated them.
//!
//! The merge is the one serial stage of the pipeline. Rendering each row's
//! `valid.csv` or `invalid.csv` form where the record is still in the
//! validator's cache, into one contiguous buffer per chunk of rows, leaves
//! the merge to decide duplicates and copy bytes.
//!
//! Rows are written straight into that buffer by [`CsvRow`], field by
//! field, with the phone number and repaired cells put in as they are
//! written: no row is first copied into a record of its own, and no
//! writer is flushed per row. The bytes are those the `csv` crate's writer
//! (default settings) produces for the same cells, which a property test
//! holds it to.

use csv::ByteRecord;

use crate::phone::E164;
use crate::rows::header::Header;
use crate::rows::validate::{RecordValidator, RowVerdict};

/// Rendered rows of one batch: the rows judged valid in their `valid.csv`
/// form back to back in one buffer, the others in their `invalid.csv` form
/// in another, so that the merge writes each in a few large pieces.
#[derive(Default)]
pub(super) struct Rendered {
    pub(super) valid: Vec<u8>,
    pub(super) invalid: Vec<u8>,
    /// Each row's end in the buffer of its kind: a row starts where the
    /// previous row of its kind ended (at 0 for the first).
    pub(super) ends: Vec<usize>,
    scratch: RowScratch,
}

impl Rendered {
    /// Starts over (keeping the buffers' memory) and returns the writer of
    /// the batch's rows.
    pub(super) fn start(&mut self) -> RowWriter<'_> {
        self.valid.clear();
        self.invalid.clear();
        self.ends.clear();
        RowWriter { rendered: self }
    }
}

/// Renders a batch's rows, one after the other.
pub(super) struct RowWriter<'r> {
    rendered: &'r mut Rendered,
}

impl RowWriter<'_> {
    /// Renders the next row: its `valid.csv` form when `verdict` is valid,
    /// else its `invalid.csv` form.
    pub(super) fn push(
        &mut self,
        validator: &RecordValidator,
        record: &ByteRecord,
        verdict: &RowVerdict,
    ) {
        let rendered = &mut *self.rendered;
        let end = if verdict.is_valid() {
            write_valid(&mut rendered.valid, validator, record, verdict);
            rendered.valid.len()
        } else {
            let out = &mut rendered.invalid;
            rendered.scratch.write_invalid(out, record, verdict);
            out.len()
        };
        rendered.ends.push(end);
    }
}

/// Buffers reused from row to row while rendering.
#[derive(Default)]
pub(super) struct RowScratch {
    errors: String,
}

impl RowScratch {
    /// Appends the row as `invalid.csv` has it: every cell as it was, then
    /// `preflight_row` and `preflight_errors`.
    pub(super) fn write_invalid(
        &mut self,
        out: &mut Vec<u8>,
        record: &ByteRecord,
        verdict: &RowVerdict,
    ) {
        let mut row = CsvRow::new(out);
        if needs_quotes(record.as_slice()) {
            for field in record {
                row.field(field);
            }
        } else {
            for field in record {
                row.plain_field(field);
            }
        }
        let mut number = [0u8; 20];
        row.field(decimal(verdict.row, &mut number));
        self.errors.clear();
        verdict.errors_summary_into(&mut self.errors);
        row.field(self.errors.as_bytes());
        row.end();
    }
}

/// Appends the row as `valid.csv` has it (see [`for_each_valid_cell`]).
fn write_valid(
    out: &mut Vec<u8>,
    validator: &RecordValidator,
    record: &ByteRecord,
    verdict: &RowVerdict,
) {
    let mut e164 = [0u8; E164_TEXT_MAX];
    let number_text = verdict.phone.map(|number| e164_text(number, &mut e164));
    let mut row = CsvRow::new(out);
    let header = validator.header();
    let (phone, sent) = (header.phone, header.sent.as_deref());
    // One look at the whole record instead of one per cell: an E.164
    // number never needs quotes; a repaired cell is looked at on its own.
    if verdict.repairs.is_empty() && !needs_quotes(record.as_slice()) {
        for_each_valid_cell(record, verdict, phone, number_text, sent, |cell| {
            row.plain_field(cell);
        });
    } else {
        for_each_valid_cell(record, verdict, phone, number_text, sent, |cell| {
            row.field(cell);
        });
    }
    row.end();
}

/// One row being appended to a buffer as CSV, as the `csv` crate's writer
/// writes it with its default settings: fields separated by `,`, a field
/// quoted (its quotes doubled) only when it holds `,`, `"`, `\r` or `\n`,
/// `\n` at the end, and a row that is one empty field (or none) written as
/// `""`, so that it reads back as a row.
pub(super) struct CsvRow<'o> {
    out: &'o mut Vec<u8>,
    start: usize,
    fields: usize,
}

impl<'o> CsvRow<'o> {
    /// Starts a row at the end of `out`.
    pub(super) fn new(out: &'o mut Vec<u8>) -> Self {
        let start = out.len();
        CsvRow {
            out,
            start,
            fields: 0,
        }
    }

    /// Appends the next field.
    pub(super) fn field(&mut self, bytes: &[u8]) {
        if !needs_quotes(bytes) {
            self.plain_field(bytes);
            return;
        }
        if self.fields > 0 {
            self.out.push(b',');
        }
        self.fields += 1;
        self.out.push(b'"');
        let mut rest = bytes;
        while let Some(quote) = memchr::memchr(b'"', rest) {
            self.out.extend_from_slice(&rest[..=quote]);
            self.out.push(b'"');
            rest = &rest[quote + 1..];
        }
        self.out.extend_from_slice(rest);
        self.out.push(b'"');
    }

    /// Appends the next field, known to need no quotes.
    fn plain_field(&mut self, bytes: &[u8]) {
        if self.fields > 0 {
            self.out.push(b',');
        }
        self.fields += 1;
        self.out.extend_from_slice(bytes);
    }

    /// Ends the row.
    pub(super) fn end(self) {
        if self.out.len() == self.start {
            self.out.extend_from_slice(b"\"\"");
        }
        self.out.push(b'\n');
    }
}

/// The bytes hold one that the `csv` writer quotes for: `,`, `"`, `\r`
/// or `\n`.
fn needs_quotes(bytes: &[u8]) -> bool {
    crate::text::contains_any(bytes, [b',', b'"', b'\n', b'\r'])
}

/// Hands `each` the cells of a valid row as `valid.csv` holds them: the
/// phone cell as `number_text` (the accepted number's E.164), repaired
/// cells rewritten, every other cell as it was; only the columns `sent`
/// lists when it is `Some` (`send_columns: "mapped"`). A loop per case
/// rather than one iterator over both: the split's hot loop stays inlined.
fn for_each_valid_cell<'c>(
    record: &'c ByteRecord,
    verdict: &'c RowVerdict,
    phone_column: Option<usize>,
    number_text: Option<&'c [u8]>,
    sent: Option<&[usize]>,
    mut each: impl FnMut(&'c [u8]),
) {
    let cell = |index: usize, field: &'c [u8]| {
        if let Some(text) = number_text.filter(|_| Some(index) == phone_column) {
            text
        } else if let Some((_, text)) = verdict.repairs.iter().find(|(i, _)| *i == index) {
            text.as_bytes()
        } else {
            field
        }
    };
    match sent {
        None => {
            for (index, field) in record.iter().enumerate() {
                each(cell(index, field));
            }
        }
        Some(sent) => {
            for &index in sent {
                each(cell(index, record.get(index).unwrap_or_default()));
            }
        }
    }
}

/// Writes into `out` the cells of a valid row (see [`for_each_valid_cell`]).
/// Returns `false`, writing nothing, when `record` already is that row
/// (the common case of a number written as E.164 and nothing repaired).
pub(crate) fn valid_cells_into(
    record: &ByteRecord,
    verdict: &RowVerdict,
    header: &Header,
    out: &mut ByteRecord,
) -> bool {
    let mut e164 = [0u8; E164_TEXT_MAX];
    let number_text = verdict.phone.map(|number| e164_text(number, &mut e164));
    let phone_column = header.phone;
    let phone_cell = phone_column.and_then(|index| record.get(index));
    if verdict.repairs.is_empty() && phone_cell == number_text && header.sent.is_none() {
        return false;
    }
    out.clear();
    let sent = header.sent.as_deref();
    for_each_valid_cell(record, verdict, phone_column, number_text, sent, |cell| {
        out.push_field(cell);
    });
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
    use proptest::prelude::*;

    /// The row as the `csv` crate's writer writes it.
    fn csv_crate_row(fields: &[Vec<u8>]) -> Vec<u8> {
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        writer
            .write_byte_record(&ByteRecord::from(fields.to_vec()))
            .unwrap();
        writer.into_inner().unwrap()
    }

    fn our_row(fields: &[Vec<u8>]) -> Vec<u8> {
        let mut out = b"earlier rows\n".to_vec();
        let mut row = CsvRow::new(&mut out);
        for field in fields {
            row.field(field);
        }
        row.end();
        out.split_off(b"earlier rows\n".len())
    }

    #[test]
    fn rows_are_written_as_the_csv_crate_writes_them() {
        for fields in [
            vec![],
            vec![b"".to_vec()],
            vec![b"".to_vec(), b"".to_vec()],
            vec![b"+919876543210".to_vec(), b"Kumar, Kavya".to_vec()],
            vec![
                b"say \"hi\"".to_vec(),
                b"two\nlines".to_vec(),
                b"cr\r".to_vec(),
            ],
            vec![b"\"".to_vec(), b" spaced ".to_vec(), b"\xFF\x00".to_vec()],
        ] {
            assert_eq!(our_row(&fields), csv_crate_row(&fields), "{fields:?}");
        }
    }

    proptest! {
        #[test]
        fn any_row_is_written_as_the_csv_crate_writes_it(
            fields in prop::collection::vec(
                prop::collection::vec(
                    prop::sample::select(vec![b'a', b' ', b',', b'"', b'\n', b'\r', b'#', 0xE9, 0]),
                    0..6,
                ),
                0..5,
            )
        ) {
            prop_assert_eq!(our_row(&fields), csv_crate_row(&fields));
        }
    }

    #[test]
    fn e164_text_is_the_display_form() {
        let mut buffer = [0u8; E164_TEXT_MAX];
        for text in [
            "+919876543210",
            "+12015550123",
            "+0",
            "+999999999999999",
            "+8100371234567890123",
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
