//! Character columns for annotations: where a cell starts in its line, as
//! an editor shows it.
//!
//! The library locates a finding by line and field index; the CSV file
//! itself says where a field starts, because quoting is the writer's
//! choice (`"Asha"` and `Asha` are the same cell, two characters apart).
//! So the file is read again, once, front to back, and each finding's
//! record is scanned up to its field. Standard input cannot be read again:
//! there the column stays the field index.

use std::fs::File;
use std::io::{BufReader, Read};
use std::iter::Peekable;
use std::path::Path;

use ringg_preflight::InputInfo;

/// Where a cell starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The 1-based column, in Unicode code points, of the cell's first
    /// character (its opening quote when quoted) in its line.
    Char(u64),
    /// The 1-based field index, when the text could not be read again.
    Field(usize),
}

impl Column {
    /// The number GitHub's `col` gets.
    pub fn number(self) -> u64 {
        match self {
            Column::Char(column) => column,
            Column::Field(index) => index as u64,
        }
    }
}

/// The most bytes scanned for one record: a record longer than this keeps
/// the field index.
const MAX_RECORD_BYTES: u64 = 1 << 20;

/// A request: the record starting at `record_start` (the byte where the
/// CSV reader began parsing it, after the BOM), field `field` (1-based).
#[derive(Debug, Clone, Copy)]
pub struct CellRequest {
    /// Parse start of the record, relative to the end of any BOM.
    pub record_start: u64,
    /// 1-based field index.
    pub field: usize,
}

/// The cell's position: lines after the record's first line, and its
/// column.
pub type CellPosition = (u64, Column);

/// Resolves `requests` against the file at `path`; requests must come in
/// input order (non-decreasing `record_start`), as the split reports them.
/// A request that cannot be resolved gets its field index.
#[cfg(test)]
fn resolve(path: Option<&Path>, requests: &[CellRequest]) -> Vec<CellPosition> {
    let mut resolver = Resolver::new(path);
    requests
        .iter()
        .map(|request| resolver.locate(request))
        .collect()
}

/// Places cells one at a time, reading the input forward (requests in
/// input order read it about once): for a caller that places findings as
/// they are produced.
pub struct Resolver(Option<RawFile>);

impl Resolver {
    /// A resolver over the file at `path`; without one (standard input)
    /// every cell keeps its field number.
    pub fn new(path: Option<&Path>) -> Self {
        Resolver(path.and_then(|path| RawFile::open(path, b',')))
    }

    /// A resolver over the file at `path`, read as `input` says it was:
    /// its delimiter; none for a workbook or a transcoded file, whose
    /// bytes are not the text's (their cells keep their field number).
    pub fn for_input(path: Option<&Path>, input: &InputInfo) -> Self {
        let plain = input.format == "csv" && input.encoding == Some("UTF-8");
        let delimiter = input
            .delimiter
            .as_deref()
            .and_then(|d| <[u8; 1]>::try_from(d.as_bytes()).ok())
            .filter(|_| plain);
        Resolver(
            path.zip(delimiter)
                .and_then(|(path, [d])| RawFile::open(path, d)),
        )
    }

    /// Where `request`'s cell starts.
    pub fn locate(&mut self, request: &CellRequest) -> CellPosition {
        self.0
            .as_mut()
            .and_then(|file| file.locate(request))
            .unwrap_or((0, Column::Field(request.field)))
    }
}

/// The input file, read forward.
struct RawFile {
    reader: BufReader<File>,
    /// Bytes of the BOM (0 or 3): record offsets start after it.
    bom: u64,
    /// The reader's position, absolute.
    position: u64,
    delimiter: u8,
}

impl RawFile {
    fn open(path: &Path, delimiter: u8) -> Option<Self> {
        let mut reader = BufReader::with_capacity(1 << 16, File::open(path).ok()?);
        let mut head = [0u8; 3];
        let mut read = 0;
        while read < 3 {
            match reader.read(&mut head[read..]).ok()? {
                0 => break,
                n => read += n,
            }
        }
        // A workbook (a zip or OLE file) or UTF-16 text: its bytes are not
        // the lines the findings count.
        if head.starts_with(b"PK") || head.starts_with(&[0xD0, 0xCF]) {
            return None;
        }
        if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
            return None;
        }
        let bom = if head == [0xEF, 0xBB, 0xBF] { 3 } else { 0 };
        Some(RawFile {
            reader,
            bom,
            position: read as u64,
            delimiter,
        })
    }

    fn locate(&mut self, request: &CellRequest) -> Option<CellPosition> {
        let target = request.record_start + self.bom;
        let delta = i64::try_from(target).ok()? - i64::try_from(self.position).ok()?;
        // Relative seeks keep the buffer, so scanning a file's findings in
        // order reads the file about once.
        self.reader.seek_relative(delta).ok()?;
        self.position = target;
        let mut bytes = (&mut self.reader)
            .bytes()
            .map_while(Result::ok)
            .take(MAX_RECORD_BYTES as usize)
            .peekable();
        let mut consumed = 0u64;
        let found = locate_field(&mut bytes, request.field, self.delimiter, &mut consumed);
        self.position += consumed;
        found
    }
}

/// Scans one record from its parse start (blank lines and the previous
/// record's line ending may come first) to the start of field `field`
/// (1-based). Counts the bytes it consumed into `consumed`.
fn locate_field<I: Iterator<Item = u8>>(
    bytes: &mut Peekable<I>,
    field: usize,
    delimiter: u8,
    consumed: &mut u64,
) -> Option<CellPosition> {
    let mut next = |bytes: &mut Peekable<I>| {
        let byte = bytes.next();
        *consumed += u64::from(byte.is_some());
        byte
    };
    while matches!(bytes.peek(), Some(b'\r' | b'\n')) {
        next(bytes);
    }
    let (mut line, mut column, mut index) = (0u64, 1u64, 1usize);
    loop {
        if index == field {
            return Some((line, Column::Char(column)));
        }
        let mut quoted = bytes.peek() == Some(&b'"');
        if quoted {
            next(bytes);
            column += 1;
        }
        loop {
            let byte = next(bytes)?;
            match byte {
                b'"' if quoted => {
                    column += 1;
                    if bytes.peek() == Some(&b'"') {
                        next(bytes);
                        column += 1;
                    } else {
                        quoted = false;
                    }
                }
                b'\r' | b'\n' if quoted => {
                    if byte == b'\r' && bytes.peek() == Some(&b'\n') {
                        next(bytes);
                    }
                    line += 1;
                    column = 1;
                }
                // The record ended before the field: a short (ragged) row.
                b'\r' | b'\n' => return None,
                _ if byte == delimiter && !quoted => {
                    column += 1;
                    index += 1;
                    break;
                }
                // A UTF-8 continuation byte is part of the previous
                // character.
                _ if byte & 0xC0 == 0x80 => {}
                _ => column += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locate(text: &[u8], field: usize) -> Option<CellPosition> {
        let mut consumed = 0;
        locate_field(
            &mut text.iter().copied().peekable(),
            field,
            b',',
            &mut consumed,
        )
    }

    #[test]
    fn columns_count_characters_and_quotes() {
        let line = "\"Rao, Asha\",+91 98765,\"a \"\"b\"\"\",é,x\n".as_bytes();
        assert_eq!(locate(line, 1), Some((0, Column::Char(1))));
        assert_eq!(locate(line, 2), Some((0, Column::Char(13))));
        assert_eq!(locate(line, 3), Some((0, Column::Char(23))));
        assert_eq!(locate(line, 4), Some((0, Column::Char(33))));
        assert_eq!(locate(line, 5), Some((0, Column::Char(35))));
        assert_eq!(locate(line, 6), None, "a field the record lacks");
    }

    #[test]
    fn a_cell_after_a_line_break_in_quotes_is_on_a_later_line() {
        let record = b"\n\r\n\"one\r\ntwo\",x\n";
        assert_eq!(locate(record, 2), Some((1, Column::Char(6))));
    }

    #[test]
    fn resolve_reads_the_file_forward_and_skips_the_bom() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bom.csv");
        std::fs::write(
            &path,
            "\u{feff}Mobile Number,Name\n\"98765\",Asha\n98,\"R\"\n",
        )
        .unwrap();
        // Offsets as the CSV reader reports them: after the BOM, at the end
        // of the previous record.
        let requests = [
            CellRequest {
                record_start: 0,
                field: 2,
            },
            CellRequest {
                record_start: 18,
                field: 2,
            },
            CellRequest {
                record_start: 31,
                field: 2,
            },
        ];
        assert_eq!(
            resolve(Some(&path), &requests),
            [
                (0, Column::Char(15)),
                (0, Column::Char(9)),
                (0, Column::Char(4))
            ]
        );
        assert_eq!(resolve(None, &requests[..1]), [(0, Column::Field(2))]);
    }
}
