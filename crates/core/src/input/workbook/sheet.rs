//! A sheet's cells, streamed in row order, written as the CSV text the
//! split reads; and [`SheetCells`], what the text cannot say: where each
//! record is in the sheet and the notes on its cells.

use std::collections::HashMap;
use std::io::Write;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use csv::{ByteRecord, WriterBuilder};

use crate::findings::error::{Error, ErrorKind};
use crate::input::limits::{Limits, bytes_text};
use crate::input::workbook::cell::{CellNote, CellValue, ColumnRole, write_cell};

/// The most columns a sheet has (`XFD`, Excel's last).
const MAX_COLUMNS: u32 = 16_384;

/// Where a workbook's records are, and what their cells were. Filled by
/// the sheet's writer while the split reads the text already written: a
/// record's place and notes are in before its text.
#[derive(Debug, Default)]
pub struct SheetCells {
    /// The sheet's name as a cell reference writes it (`Sheet1`,
    /// `'My contacts'`).
    sheet: String,
    /// The 1-based sheet row of the header.
    header_row: AtomicU32,
    /// The 1-based sheet row of each data record, in order.
    record_rows: RwLock<Vec<u32>>,
    /// Notes on cells, by 1-based data record: (0-based column, note).
    notes: Mutex<HashMap<u64, Vec<(usize, CellNote)>>>,
}

impl SheetCells {
    /// The cells of the sheet `sheet`, none known yet.
    pub(crate) fn new(sheet: &str) -> Self {
        SheetCells {
            sheet: reference_name(sheet),
            ..SheetCells::default()
        }
    }

    /// The 1-based sheet row of the header.
    pub fn header_row(&self) -> u64 {
        u64::from(self.header_row.load(Ordering::Acquire))
    }

    /// The 1-based sheet row of data record `row` (1-based).
    pub fn sheet_row(&self, row: u64) -> Option<u64> {
        let index = usize::try_from(row.checked_sub(1)?).ok()?;
        let rows = self.record_rows.read().ok()?;
        rows.get(index).map(|&r| u64::from(r))
    }

    /// `Sheet1!B7`: the cell of data record `row` (1-based) in `column`
    /// (0-based), as the spreadsheet names it.
    pub fn cell_name(&self, row: u64, column: usize) -> Option<String> {
        let sheet_row = self.sheet_row(row)?;
        Some(format!(
            "{}!{}{sheet_row}",
            self.sheet,
            column_letters(column)
        ))
    }

    /// The notes on the cells of data record `row` (1-based).
    pub fn notes(&self, row: u64) -> Vec<(usize, CellNote)> {
        self.notes
            .lock()
            .ok()
            .and_then(|notes| notes.get(&row).cloned())
            .unwrap_or_default()
    }
}

/// `A`, `Z`, `AA`, `XFD`: a 0-based column as a spreadsheet names it.
pub fn column_letters(column: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// `Sheet1`, or `'My contacts'` when the name needs quotes in a reference.
fn reference_name(sheet: &str) -> String {
    if !sheet.is_empty()
        && sheet
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
    {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// The roles of the header's columns: what `write_cell` needs to know.
pub(crate) type RolesOf<'r> = Box<dyn FnOnce(&[String]) -> Vec<ColumnRole> + Send + 'r>;

/// Empty rows between rows that hold values: how many, and the first
/// (1-based).
pub(crate) type BlankRows = (u64, Option<u32>);

/// Turns cells, streamed row by row, into CSV text.
pub(crate) struct SheetWriter<'r, W: Write> {
    limits: Limits,
    csv: csv::Writer<W>,
    /// The current row's texts by column; `used` of them are live.
    fields: Vec<String>,
    used: usize,
    row: Option<u32>,
    row_notes: Vec<(usize, CellNote)>,
    roles: Vec<ColumnRole>,
    roles_of: Option<RolesOf<'r>>,
    header_width: usize,
    cells: Arc<SheetCells>,
    records: u64,
    /// Empty rows since the last row with a value.
    pending_blank: (u64, Option<u32>),
    blank_rows: (u64, Option<u32>),
    record: ByteRecord,
}

impl<'r, W: Write> SheetWriter<'r, W> {
    /// Writes the sheet's text to `out`, and where its records are to
    /// `cells`.
    pub(crate) fn new(
        cells: Arc<SheetCells>,
        limits: Limits,
        roles_of: RolesOf<'r>,
        out: W,
    ) -> Self {
        SheetWriter {
            limits,
            csv: WriterBuilder::new().from_writer(out),
            fields: Vec::new(),
            used: 0,
            row: None,
            row_notes: Vec::new(),
            roles: Vec::new(),
            roles_of: Some(roles_of),
            header_width: 0,
            cells,
            records: 0,
            pending_blank: (0, None),
            blank_rows: (0, None),
            record: ByteRecord::new(),
        }
    }

    /// The cell at 0-based (`row`, `column`); cells come in row order.
    pub(crate) fn cell(
        &mut self,
        row: u32,
        column: u32,
        value: &CellValue<'_>,
    ) -> Result<(), Error> {
        match self.row {
            Some(current) if row < current => {
                return Err(workbook_error(format!(
                    "the sheet lists cell {}{} after row {}: its cells are out of order",
                    column_letters(column as usize),
                    row + 1,
                    current + 1
                )));
            }
            Some(current) if row > current => {
                self.end_row()?;
                self.row = Some(row);
                // Rows between with no cell at all are empty too.
                let gap = row - current - 1;
                if gap > 0 && self.roles_of.is_none() {
                    self.pending_blank.0 += u64::from(gap);
                    self.pending_blank.1.get_or_insert(current + 2);
                }
            }
            Some(_) => {}
            None => self.row = Some(row),
        }
        if column >= MAX_COLUMNS {
            return Err(workbook_error(format!(
                "the sheet has a cell in column {} of row {}, beyond the last a spreadsheet has (XFD)",
                column + 1,
                row + 1
            )));
        }
        let column = column as usize;
        if self.fields.len() <= column {
            self.fields.resize_with(column + 1, String::new);
        }
        self.used = self.used.max(column + 1);
        let role = self.roles.get(column).copied().unwrap_or_default();
        let field = &mut self.fields[column];
        field.clear();
        let note = write_cell(value, role, field);
        if field.len() as u64 > self.limits.max_field_bytes {
            return Err(ErrorKind::Limit(format!(
                "cell {}{} holds more than {}, the limit",
                column_letters(column),
                row + 1,
                bytes_text(self.limits.max_field_bytes)
            ))
            .into());
        }
        if let Some(note) = note
            && self.roles_of.is_none()
        {
            self.row_notes.push((column, note));
        }
        Ok(())
    }

    /// The row being written is complete.
    fn end_row(&mut self) -> Result<(), Error> {
        let Some(row) = self.row else {
            return Ok(());
        };
        let live = &self.fields[..self.used];
        let last_value = live.iter().rposition(|field| !field.is_empty());
        if last_value.is_none() && self.row_notes.is_empty() {
            if self.roles_of.is_none() {
                self.pending_blank.0 += 1;
                self.pending_blank.1.get_or_insert(row + 1);
            }
            self.clear_row();
            return Ok(());
        }
        let width = last_value.map_or(0, |last| last + 1);
        if let Some(roles_of) = self.roles_of.take() {
            self.header_width = width;
            let names: Vec<String> = live[..width].to_vec();
            self.roles = roles_of(&names);
            self.cells.header_row.store(row + 1, Ordering::Release);
            self.write(width)?;
        } else {
            if self.pending_blank.0 > 0 {
                self.blank_rows.0 += self.pending_blank.0;
                self.blank_rows.1 = self.blank_rows.1.or(self.pending_blank.1);
                self.pending_blank = (0, None);
            }
            let records = self.records;
            if let Some(max) = self.limits.max_rows.filter(|max| records >= *max) {
                return Err(ErrorKind::Limit(format!(
                    "the file has more than {max} rows, the limit (raise it with --max-rows if the file is right)"
                ))
                .into());
            }
            // The record's place and notes go in before its text.
            if let Ok(mut rows) = self.cells.record_rows.write() {
                rows.push(row + 1);
            }
            if !self.row_notes.is_empty() {
                let notes = std::mem::take(&mut self.row_notes);
                if let Ok(mut all) = self.cells.notes.lock() {
                    all.insert(records + 1, notes);
                }
            }
            self.records += 1;
            // A row is as wide as the header, and wider only to keep a
            // value beyond it.
            self.write(width.max(self.header_width))?;
        }
        self.clear_row();
        Ok(())
    }

    fn write(&mut self, width: usize) -> Result<(), Error> {
        if self.fields.len() < width {
            self.fields.resize_with(width, String::new);
        }
        let bytes: usize = self.fields[..width].iter().map(|f| f.len() + 1).sum();
        if bytes as u64 > self.limits.max_row_bytes {
            return Err(ErrorKind::Limit(format!(
                "row {} holds more than {}, the limit",
                self.row.map_or(0, |row| row + 1),
                bytes_text(self.limits.max_row_bytes)
            ))
            .into());
        }
        self.record.clear();
        for field in &self.fields[..width] {
            self.record.push_field(field.as_bytes());
        }
        self.csv
            .write_byte_record(&self.record)
            .map_err(Error::from)
    }

    fn clear_row(&mut self) {
        for field in &mut self.fields[..self.used] {
            field.clear();
        }
        self.used = 0;
        self.row_notes.clear();
    }

    /// Ends the sheet: the text is all written. Returns the empty rows.
    pub(crate) fn finish(mut self) -> Result<BlankRows, Error> {
        self.end_row()?;
        self.csv.flush().map_err(Error::from)?;
        Ok(self.blank_rows)
    }
}

/// An error about the workbook itself.
pub(crate) fn workbook_error(message: String) -> Error {
    ErrorKind::Workbook {
        message,
        help: "open it in the spreadsheet to repair it, or save the sheet as \"CSV UTF-8\"",
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(cells: &[(u32, u32, CellValue<'_>)]) -> (String, Arc<SheetCells>, BlankRows) {
        let roles: RolesOf<'_> = Box::new(|names: &[String]| {
            names
                .iter()
                .map(|name| {
                    if name == "Phone" {
                        ColumnRole::Phone
                    } else {
                        ColumnRole::Other
                    }
                })
                .collect()
        });
        let sheet_cells = Arc::new(SheetCells::new("Contacts"));
        let mut text = Vec::new();
        let mut writer = SheetWriter::new(sheet_cells.clone(), Limits::default(), roles, &mut text);
        for (row, column, value) in cells {
            writer.cell(*row, *column, value).unwrap();
        }
        let blank = writer.finish().unwrap();
        (String::from_utf8(text).unwrap(), sheet_cells, blank)
    }

    #[test]
    fn rows_are_written_as_wide_as_the_header_and_placed_in_the_sheet() {
        let (csv, cells, blank) = sheet(&[
            (1, 0, CellValue::Text("Name")),
            (1, 1, CellValue::Text("Phone")),
            (2, 0, CellValue::Text("Asha, R")),
            (2, 1, CellValue::Float(919876543210.0)),
            (4, 1, CellValue::Error("#N/A".into())),
            (6, 0, CellValue::Empty),
        ]);
        assert_eq!(csv, "Name,Phone\n\"Asha, R\",919876543210\n,#N/A\n");
        assert_eq!(cells.header_row(), 2);
        assert_eq!(cells.sheet_row(1), Some(3));
        assert_eq!(cells.sheet_row(2), Some(5));
        assert_eq!(cells.cell_name(2, 1).as_deref(), Some("Contacts!B5"));
        assert_eq!(cells.notes(2), [(1, CellNote::Error("#N/A".into()))]);
        assert!(matches!(cells.notes(1)[..], [(1, CellNote::Number { .. })]));
        // Row 4 lies between rows with values; row 7 is after the last.
        assert_eq!(blank, (1, Some(4)));
    }

    #[test]
    fn columns_are_named_as_the_spreadsheet_names_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(reference_name("My contacts"), "'My contacts'");
    }

    #[test]
    fn cells_out_of_order_are_refused() {
        let roles: RolesOf<'_> = Box::new(|names: &[String]| vec![ColumnRole::Other; names.len()]);
        let mut writer = SheetWriter::new(
            Arc::new(SheetCells::new("S")),
            Limits::default(),
            roles,
            Vec::new(),
        );
        writer.cell(3, 0, &CellValue::Text("a")).unwrap();
        let error = writer.cell(1, 0, &CellValue::Text("b")).unwrap_err();
        assert!(error.to_string().contains("out of order"), "{error}");
    }
}
