//! The workbook bench's input and floor: the generated contact file
//! written as an `.xlsx` (with `rust_xlsxwriter`, as a spreadsheet saves
//! it: phones of digits alone and due dates as typed cells, a number and a
//! date), and `calamine` alone reading every cell of it.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use calamine::{Reader, Xlsx};
use chrono::NaiveDate;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

use crate::{SEED, data_dir, generate_contacts};

/// Writes the `rows`-row contact file as a workbook at `path`.
pub fn write_workbook(rows: usize, path: &Path) -> io::Result<()> {
    let mut csv = Vec::new();
    generate_contacts(rows, SEED, &mut csv)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv[..]);
    let mut workbook = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let sheet = workbook.add_worksheet();
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    let failed = |error: rust_xlsxwriter::XlsxError| io::Error::other(error.to_string());
    while reader.read_record(&mut record).map_err(io::Error::other)? {
        for (column, cell) in record.iter().enumerate() {
            let column = column as u16;
            // A phone of digits alone is a number, as a spreadsheet keeps
            // a number typed without a `+`.
            if row > 0
                && column == 0
                && !cell.is_empty()
                && cell.bytes().all(|b| b.is_ascii_digit())
            {
                let value: f64 = cell.parse().unwrap_or_default();
                sheet.write_number(row, column, value).map_err(failed)?;
            } else if let Some(day) = (row > 0 && column == 3)
                .then(|| NaiveDate::parse_from_str(cell, "%d/%m/%Y").ok())
                .flatten()
            {
                let moment = ExcelDateTime::from_ymd(
                    day.format("%Y").to_string().parse().unwrap_or(2026),
                    day.format("%m").to_string().parse().unwrap_or(1),
                    day.format("%d").to_string().parse().unwrap_or(1),
                )
                .map_err(failed)?;
                sheet
                    .write_datetime_with_format(row, column, &moment, &date)
                    .map_err(failed)?;
            } else {
                sheet.write_string(row, column, cell).map_err(failed)?;
            }
        }
        row += 1;
    }
    workbook.save(path).map_err(failed)
}

/// The generated workbook of `rows` contacts, written on first use.
pub fn workbook_file(rows: usize) -> io::Result<PathBuf> {
    let dir = data_dir();
    fs::create_dir_all(&dir)?;
    let path = dir.join(format!("contacts-{rows}.xlsx"));
    if !path.exists() {
        let partial = dir.join(format!(".contacts-{rows}.{}.xlsx", std::process::id()));
        write_workbook(rows, &partial)?;
        fs::rename(&partial, &path)?;
    }
    Ok(path)
}

/// The floor of a workbook split: `calamine` reading every cell of the
/// first sheet, nothing else. Returns the cells read.
pub fn read_every_cell(bytes: &[u8]) -> Result<u64, calamine::XlsxError> {
    let mut workbook: Xlsx<_> = Xlsx::new(io::Cursor::new(bytes))?;
    let name = workbook.sheet_names().first().cloned().unwrap_or_default();
    let mut cells = workbook.worksheet_cells_reader(&name)?;
    let mut count = 0;
    while let Some(cell) = cells.next_cell()? {
        std::hint::black_box(&cell);
        count += 1;
    }
    Ok(count)
}
