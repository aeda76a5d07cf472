//! Stage 1 for workbooks: an `.xlsx`, `.xlsm`, `.xls` or `.ods` file (and
//! `.xlsb`) read cell by cell, by type, with `calamine`, into the CSV text
//! the rest of the pipeline reads. What the text cannot say is kept beside
//! it in [`SheetCells`]: where each record is in the sheet (`Sheet1!B7`),
//! which phone cells were numbers, which cells hold an error value or a
//! formula without one.
//!
//! A workbook is told by its first bytes, not its name: a zip archive
//! holding `xl/workbook.xml` (or `.bin`) or an OpenDocument spreadsheet,
//! or an OLE compound file (`.xls`, or an encrypted `.xlsx`). A `.xlsx`
//! that is really a CSV file is read as the CSV it is.
//!
//! Bounds: the workbook is held in memory (at most [`MAX_WORKBOOK_BYTES`]);
//! a zip archive whose parts would expand past [`MAX_EXPANDED_BYTES`], or
//! one part by more than [`MAX_RATIO`] to one, is refused before any is
//! read (a zip bomb); an `.xlsx` sheet is streamed, so a sheet declaring
//! 1,048,576 × 16,384 cells costs what its cells hold, not what it
//! declares; the input limits hold for every cell and row.

use std::io::{Cursor, Read, Seek, Write};
use std::sync::Arc;

use calamine::{
    Data, DataRef, Ods, OdsError, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb,
    XlsbError, Xlsx, XlsxError,
};

use crate::findings::error::{Error, ErrorKind};
use crate::input::limits::{Limits, bytes_text};

pub(crate) mod cell;
pub(crate) mod sheet;
pub(crate) mod stream;

pub use cell::CellNote;
pub(crate) use cell::{CellValue, ColumnRole};
pub use sheet::SheetCells;
pub(crate) use sheet::{BlankRows, RolesOf};
use sheet::{SheetWriter, workbook_error};

/// The largest workbook read (it is held in memory): 1 GiB.
pub const MAX_WORKBOOK_BYTES: u64 = 1 << 30;
/// The most a workbook's zip parts may expand to, together: 4 GiB.
pub const MAX_EXPANDED_BYTES: u64 = 4 << 30;
/// The most one zip part larger than 64 MiB may expand by.
pub const MAX_RATIO: u64 = 200;

/// The kinds of workbook read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkbookKind {
    /// Excel 2007 and later.
    Xlsx,
    /// Excel with macros (read, never run).
    Xlsm,
    /// Excel's binary workbook.
    Xlsb,
    /// Excel 97–2003.
    Xls,
    /// OpenDocument (LibreOffice, Google Sheets' download).
    Ods,
}

impl WorkbookKind {
    /// `xlsx`, `xls`, `ods` …: `report.json`'s `input.format`.
    pub fn as_str(self) -> &'static str {
        match self {
            WorkbookKind::Xlsx => "xlsx",
            WorkbookKind::Xlsm => "xlsm",
            WorkbookKind::Xlsb => "xlsb",
            WorkbookKind::Xls => "xls",
            WorkbookKind::Ods => "ods",
        }
    }
}

/// Whether `head`, the first bytes of an input, begin a workbook's
/// container: a zip archive or an OLE compound file.
pub(crate) fn looks_like_workbook(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// The sheet chosen, before its cells are read.
#[derive(Debug, Clone)]
pub(crate) struct SheetInfo {
    pub(crate) kind: WorkbookKind,
    /// The sheet's name.
    pub(crate) sheet: String,
    /// Every sheet's name, in workbook order.
    pub(crate) sheets: Vec<String>,
}

/// Reads all of `input`, a workbook, within [`MAX_WORKBOOK_BYTES`].
pub(crate) fn read_all(mut input: impl Read) -> Result<Vec<u8>, Error> {
    let mut bytes = Vec::new();
    (&mut input)
        .take(MAX_WORKBOOK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(Error::from)?;
    if bytes.len() as u64 > MAX_WORKBOOK_BYTES {
        return Err(ErrorKind::Limit(format!(
            "the workbook is larger than {}, the limit for a workbook",
            bytes_text(MAX_WORKBOOK_BYTES)
        ))
        .into());
    }
    Ok(bytes)
}

/// Reads the sheet `choice` names (a name, else a 1-based number; `None`:
/// the first visible worksheet) of the workbook `bytes` as CSV text into
/// the writer `start` returns once the sheet is chosen, and where its
/// records are into the [`SheetCells`] `start` is given. `roles_of` says,
/// from the header's names, what each column holds. Returns the empty rows
/// between rows with values.
pub(crate) fn read_sheet<W: Write>(
    bytes: &[u8],
    choice: Option<&str>,
    limits: Limits,
    roles_of: RolesOf<'_>,
    start: impl FnOnce(&SheetInfo, &Arc<SheetCells>) -> W,
) -> Result<BlankRows, Error> {
    let kind = kind_of(bytes)?;
    let cursor = Cursor::new(bytes);
    let begin = |sheet: &str, sheets: Vec<String>| {
        let info = SheetInfo {
            kind,
            sheet: sheet.to_owned(),
            sheets,
        };
        let cells = Arc::new(SheetCells::new(sheet));
        let out = start(&info, &cells);
        SheetWriter::new(cells, limits, roles_of, out)
    };
    match kind {
        WorkbookKind::Xlsx | WorkbookKind::Xlsm => {
            let mut workbook: Xlsx<_> = Xlsx::new(cursor).map_err(|e| xlsx_error(kind, e))?;
            let (sheet, sheets) = choose(&workbook, choice)?;
            let mut cells = workbook
                .worksheet_cells_reader(&sheet)
                .map_err(|e| xlsx_error(kind, e))?;
            let mut writer = begin(&sheet, sheets);
            while let Some(cell) = cells
                .next_cell_with_formula()
                .map_err(|e| xlsx_error(kind, e))?
            {
                let value = match (&cell.value, &cell.formula) {
                    (DataRef::Empty, Some(_)) => CellValue::FormulaWithoutValue,
                    (value, _) => CellValue::of_data_ref(value),
                };
                writer.cell(cell.pos.0, cell.pos.1, &value)?;
            }
            writer.finish()
        }
        WorkbookKind::Xlsb => {
            let mut workbook: Xlsb<_> = Xlsb::new(cursor).map_err(|e| xlsb_error(kind, e))?;
            let (sheet, sheets) = choose(&workbook, choice)?;
            let range = workbook
                .worksheet_range(&sheet)
                .map_err(|e| xlsb_error(kind, e))?;
            whole_range(&range, begin(&sheet, sheets))
        }
        WorkbookKind::Xls => {
            let mut workbook: Xls<_> = Xls::new(cursor).map_err(|e| xls_error(kind, e))?;
            let (sheet, sheets) = choose(&workbook, choice)?;
            let range = workbook
                .worksheet_range(&sheet)
                .map_err(|e| xls_error(kind, e))?;
            whole_range(&range, begin(&sheet, sheets))
        }
        WorkbookKind::Ods => {
            let mut workbook: Ods<_> = Ods::new(cursor).map_err(|e| ods_error(kind, e))?;
            let (sheet, sheets) = choose(&workbook, choice)?;
            let range = workbook
                .worksheet_range(&sheet)
                .map_err(|e| ods_error(kind, e))?;
            whole_range(&range, begin(&sheet, sheets))
        }
    }
}

/// A sheet `calamine` reads whole (`.xls`, `.xlsb`, `.ods`), written out.
fn whole_range<W: Write>(
    range: &Range<Data>,
    mut writer: SheetWriter<'_, W>,
) -> Result<BlankRows, Error> {
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, data) in range.used_cells() {
        writer.cell(
            top + row as u32,
            left + column as u32,
            &CellValue::of_data(data),
        )?;
    }
    writer.finish()
}

/// The kind of the workbook `bytes`, told by its container, after the
/// zip bomb check.
fn kind_of(bytes: &[u8]) -> Result<WorkbookKind, Error> {
    if !bytes.starts_with(b"PK") {
        // An OLE compound file: `.xls`, or an encrypted `.xlsx` (what a
        // password does to one), which calamine's xlsx reader names.
        if let Err(XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
            return Err(password_error());
        }
        return Ok(WorkbookKind::Xls);
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        workbook_error(format!(
            "the input is a zip archive that cannot be opened ({error}): a damaged workbook?"
        ))
    })?;
    let mut expanded: u64 = 0;
    let mut names = Vec::with_capacity(archive.len());
    for index in 0..archive.len() {
        let part = archive.by_index_raw(index).map_err(|error| {
            workbook_error(format!("a part of the zip archive cannot be read: {error}"))
        })?;
        let (size, packed) = (part.size(), part.compressed_size().max(1));
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        expanded = expanded.saturating_add(size);
        if (size > 64 << 20 && size / packed > MAX_RATIO) || expanded > MAX_EXPANDED_BYTES {
            return Err(ErrorKind::Limit(format!(
                "the workbook's part `{}` would expand {} bytes to {}: a zip bomb, not a contact list",
                name,
                packed,
                bytes_text(size)
            ))
            .into());
        }
        names.push(name);
    }
    let has = |name: &str| names.iter().any(|n| n == name);
    if has("xl/workbook.xml") {
        Ok(if has("xl/vbaProject.bin") {
            WorkbookKind::Xlsm
        } else {
            WorkbookKind::Xlsx
        })
    } else if has("xl/workbook.bin") {
        Ok(WorkbookKind::Xlsb)
    } else if has("content.xml") && is_ods(&mut archive) {
        Ok(WorkbookKind::Ods)
    } else {
        Err(ErrorKind::NotCsv {
            what: "a zip archive that holds no spreadsheet",
            help: "unzip it and give the CSV file (or the workbook) inside",
        }
        .into())
    }
}

/// The archive's `mimetype` says an OpenDocument spreadsheet (not a text
/// document).
fn is_ods<R: Read + Seek>(archive: &mut zip::ZipArchive<R>) -> bool {
    let Ok(part) = archive.by_name("mimetype") else {
        // Some writers leave it out; calamine then decides.
        return true;
    };
    let mut mimetype = String::new();
    part.take(256).read_to_string(&mut mimetype).is_ok()
        && mimetype.trim() == "application/vnd.oasis.opendocument.spreadsheet"
}

/// The sheet to read, and every sheet's name.
fn choose<R: Read + Seek, W: Reader<R>>(
    workbook: &W,
    choice: Option<&str>,
) -> Result<(String, Vec<String>), Error> {
    let sheets = workbook.sheets_metadata();
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let listed = || {
        sheets
            .iter()
            .map(|s| match s.visible {
                SheetVisible::Visible => format!("`{}`", s.name),
                _ => format!("`{}` (hidden)", s.name),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    if sheets.is_empty() {
        return Err(workbook_error("the workbook has no sheets".to_owned()));
    }
    let is_data = |s: &calamine::Sheet| matches!(s.typ, SheetType::WorkSheet);
    let chosen = match choice {
        None => sheets
            .iter()
            .find(|s| is_data(s) && s.visible == SheetVisible::Visible)
            .ok_or_else(|| {
                workbook_error(format!(
                    "the workbook has no visible worksheet (its sheets: {}); choose one with --sheet",
                    listed()
                ))
            })?,
        Some(choice) => {
            let wanted = choice.trim();
            sheets
                .iter()
                .find(|s| s.name == wanted)
                .or_else(|| {
                    let mut alike = sheets
                        .iter()
                        .filter(|s| s.name.trim().eq_ignore_ascii_case(wanted));
                    alike.next().filter(|_| alike.next().is_none())
                })
                .or_else(|| {
                    let number: usize = wanted.parse().ok()?;
                    sheets.get(number.checked_sub(1)?)
                })
                .ok_or_else(|| {
                    ErrorKind::Usage(format!(
                        "the workbook has no sheet `{choice}`; its sheets are {} (--sheet takes a name, or a number from 1)",
                        listed()
                    ))
                })?
        }
    };
    if !is_data(chosen) {
        return Err(ErrorKind::Usage(format!(
            "the sheet `{}` is a chart, not a worksheet; its sheets are {}",
            chosen.name,
            listed()
        ))
        .into());
    }
    Ok((chosen.name.clone(), names))
}

fn password_error() -> Error {
    ErrorKind::Workbook {
        message: "the workbook is password-protected (encrypted): its cells cannot be read"
            .to_owned(),
        help: "remove the password in the spreadsheet (File › Info › Protect Workbook), or save the sheet as \"CSV UTF-8\"",
    }
    .into()
}

fn xlsx_error(kind: WorkbookKind, error: XlsxError) -> Error {
    match error {
        XlsxError::Password => password_error(),
        other => workbook_error(format!(
            "cannot read the {} workbook: {other}",
            kind.as_str()
        )),
    }
}

fn xlsb_error(kind: WorkbookKind, error: XlsbError) -> Error {
    match error {
        XlsbError::Password => password_error(),
        other => workbook_error(format!(
            "cannot read the {} workbook: {other}",
            kind.as_str()
        )),
    }
}

fn xls_error(kind: WorkbookKind, error: XlsError) -> Error {
    match error {
        XlsError::Password => password_error(),
        other => workbook_error(format!(
            "cannot read the {} workbook: {other}",
            kind.as_str()
        )),
    }
}

fn ods_error(kind: WorkbookKind, error: OdsError) -> Error {
    match error {
        OdsError::Password => password_error(),
        other => workbook_error(format!(
            "cannot read the {} workbook: {other}",
            kind.as_str()
        )),
    }
}
