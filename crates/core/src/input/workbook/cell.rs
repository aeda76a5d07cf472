//! One workbook cell as text, read by its type: the text a person typed,
//! a number written out exactly (not as the spreadsheet shows it), a date
//! in its column's format, an error value named as such.

use std::fmt::Write as _;

use calamine::{Data, DataRef, ExcelDateTime};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// A cell's value, whichever reader produced it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CellValue<'a> {
    /// No value.
    Empty,
    /// Text (a shared or inline string).
    Text(&'a str),
    /// An integer (`.xls` and `.ods` store some numbers so).
    Int(i64),
    /// A number, as the workbook stores it: an IEEE double.
    Float(f64),
    /// `TRUE` or `FALSE`.
    Bool(bool),
    /// A number formatted as a date or time: its serial (days since the
    /// workbook's epoch, 1900 or 1904, already applied) and the moment.
    DateTime(f64, Option<NaiveDateTime>),
    /// A number formatted as a duration (`[h]:mm:ss`): days.
    Duration(f64),
    /// A date or time written in ISO 8601 (`.ods`).
    Iso(&'a str),
    /// An error value: `#N/A`, `#DIV/0!`, `#REF!` …
    Error(String),
    /// A formula the workbook holds no computed value for (a file written
    /// by a program that does not calculate).
    FormulaWithoutValue,
}

impl<'a> CellValue<'a> {
    /// The value of a cell read whole (`.xls`, `.ods`).
    pub(crate) fn of_data(data: &'a Data) -> Self {
        match data {
            Data::Empty => CellValue::Empty,
            Data::String(text) => CellValue::Text(text),
            Data::Int(value) => CellValue::Int(*value),
            Data::Float(value) => CellValue::Float(*value),
            Data::Bool(value) => CellValue::Bool(*value),
            Data::DateTime(moment) => Self::of_excel_date(moment),
            Data::DateTimeIso(text) => CellValue::Iso(text),
            Data::DurationIso(text) => CellValue::Text(text),
            Data::Error(error) => CellValue::Error(error.to_string()),
        }
    }

    /// The value of a cell streamed from an `.xlsx` sheet.
    pub(crate) fn of_data_ref(data: &'a DataRef<'a>) -> Self {
        match data {
            DataRef::Empty => CellValue::Empty,
            DataRef::String(text) => CellValue::Text(text),
            DataRef::SharedString(text) => CellValue::Text(text),
            DataRef::Int(value) => CellValue::Int(*value),
            DataRef::Float(value) => CellValue::Float(*value),
            DataRef::Bool(value) => CellValue::Bool(*value),
            DataRef::DateTime(moment) => Self::of_excel_date(moment),
            DataRef::DateTimeIso(text) => CellValue::Iso(text),
            DataRef::DurationIso(text) => CellValue::Text(text),
            DataRef::Error(error) => CellValue::Error(error.to_string()),
        }
    }

    fn of_excel_date(moment: &ExcelDateTime) -> Self {
        if moment.is_duration() {
            CellValue::Duration(moment.as_f64())
        } else {
            CellValue::DateTime(moment.as_f64(), moment.as_datetime())
        }
    }
}

/// What the CSV text of a cell cannot say, kept for the row's findings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellNote {
    /// A phone cell that held a number, not text: written out exactly
    /// (`919876543210`); `shown` is how a spreadsheet displays it in a
    /// narrow column (`9.19877E+11`), which is what a CSV export can keep.
    Number {
        /// The spreadsheet's display of the number, when it is not its
        /// digits (more than 11 of them).
        shown: Option<String>,
    },
    /// An error value (`#N/A`): the formula behind it failed.
    Error(String),
    /// A formula with no computed value in the file.
    FormulaWithoutValue,
}

/// How a date cell outside a date column is written: `DD/MM/YYYY`, the
/// format a date column has unless the campaign says otherwise, so that a
/// column found to hold dates reads them in the format it expects.
const DEFAULT_DATE: &str = "%d/%m/%Y";

/// What a column holds, as far as writing its cells goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ColumnRole {
    /// Anything else.
    #[default]
    Other,
    /// The phone column: a number in it is noted.
    Phone,
    /// A date column: a date cell is written in its format, given as the
    /// `chrono` pattern that writes it (`%d/%m/%Y`).
    Date(&'static str),
}

/// Writes `value` into `out` (empty) as the text the checks read, and
/// returns what the text cannot say.
pub(crate) fn write_cell(
    value: &CellValue<'_>,
    role: ColumnRole,
    out: &mut String,
) -> Option<CellNote> {
    match value {
        CellValue::Empty => None,
        CellValue::Text(text) => {
            out.push_str(text);
            None
        }
        CellValue::Bool(value) => {
            out.push_str(if *value { "TRUE" } else { "FALSE" });
            None
        }
        CellValue::Int(value) => {
            let _ = write!(out, "{value}");
            number_note(role, *value as f64, true)
        }
        CellValue::Float(value) => {
            let exact = write_number(*value, out);
            number_note(role, *value, exact && value.fract() == 0.0)
        }
        CellValue::DateTime(serial, moment) => {
            let format = match role {
                ColumnRole::Date(format) => format,
                _ => DEFAULT_DATE,
            };
            match moment {
                // A time of day alone: its serial has no whole days.
                Some(moment) if (0.0..1.0).contains(serial) => write_time(moment.time(), out),
                Some(moment) => write_moment(*moment, format, out),
                None => {
                    write_number(*serial, out);
                }
            }
            None
        }
        CellValue::Duration(days) => {
            let seconds = (days * 86_400.0).round() as i64;
            let _ = write!(
                out,
                "{}:{:02}:{:02}",
                seconds / 3600,
                seconds % 3600 / 60,
                seconds % 60
            );
            None
        }
        CellValue::Iso(text) => {
            let format = match role {
                ColumnRole::Date(format) => format,
                _ => DEFAULT_DATE,
            };
            if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                write_date(date, format, out);
            } else if let Ok(moment) = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f") {
                write_moment(moment, format, out);
            } else {
                out.push_str(text);
            }
            None
        }
        CellValue::Error(error) => {
            out.push_str(error);
            Some(CellNote::Error(error.clone()))
        }
        CellValue::FormulaWithoutValue => Some(CellNote::FormulaWithoutValue),
    }
}

/// A number in the phone column, written out exactly, is noted.
fn number_note(role: ColumnRole, value: f64, exact_integer: bool) -> Option<CellNote> {
    // Excel's General format shows up to 11 digits as they are.
    (role == ColumnRole::Phone && exact_integer).then(|| CellNote::Number {
        shown: (value.abs() >= 1e11).then(|| scientific(value)),
    })
}

/// Writes `value` as a spreadsheet keeps it, 15 significant digits:
/// an integer in full, digit for digit, when those are all it has; an
/// integer of more in scientific notation, as the spreadsheet shows it,
/// since its last digits are not what was typed. Returns whether the
/// digits written are exact.
pub(crate) fn write_number(value: f64, out: &mut String) -> bool {
    if !value.is_finite() {
        let _ = write!(out, "{value}");
        return false;
    }
    if value.fract() == 0.0 {
        if value.abs() < 1e15 {
            let _ = write!(out, "{}", value as i64);
            return true;
        }
        let digits = format!("{value:.0}");
        let significant = digits.trim_start_matches('-').trim_end_matches('0').len();
        if significant <= 15 {
            out.push_str(&digits);
            return true;
        }
        out.push_str(&scientific(value));
        return false;
    }
    // A fraction: 15 significant digits, as the spreadsheet displays it
    // (0.1 + 0.2 is 0.3, not 0.30000000000000004).
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    let _ = write!(out, "{rounded}");
    true
}

/// `9.19877E+11`: a number as a spreadsheet's General format shows it in
/// a column too narrow for its digits.
pub(crate) fn scientific(value: f64) -> String {
    let text = format!("{value:.5e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.trim_end_matches('0').trim_end_matches('.')
    } else {
        mantissa
    };
    let (sign, digits) = match exponent.strip_prefix('-') {
        Some(digits) => ('-', digits),
        None => ('+', exponent),
    };
    format!("{mantissa}E{sign}{digits:0>2}")
}

fn write_moment(moment: NaiveDateTime, format: &str, out: &mut String) {
    write_date(moment.date(), format, out);
    if moment.time() != NaiveTime::MIN {
        out.push(' ');
        write_time(moment.time(), out);
    }
}

/// Writes `date` by `pattern`, a `chrono` pattern of `%d`, `%m`, `%Y`
/// (`%-d`, `%-m` without padding) and separators: by hand, since a
/// `chrono` format parses its pattern again for every cell (a fifth of a
/// workbook split's time went there).
fn write_date(date: NaiveDate, pattern: &str, out: &mut String) {
    let mut bytes = pattern.bytes();
    while let Some(byte) = bytes.next() {
        if byte != b'%' {
            out.push(char::from(byte));
            continue;
        }
        let mut spec = bytes.next();
        let padded = spec != Some(b'-');
        if !padded {
            spec = bytes.next();
        }
        let _ = match (spec, padded) {
            (Some(b'd'), true) => write!(out, "{:02}", date.day()),
            (Some(b'd'), false) => write!(out, "{}", date.day()),
            (Some(b'm'), true) => write!(out, "{:02}", date.month()),
            (Some(b'm'), false) => write!(out, "{}", date.month()),
            (Some(b'Y'), _) => write!(out, "{:04}", date.year()),
            // No date format has another: kept as written.
            (other, _) => {
                out.push('%');
                out.extend(other.map(char::from));
                Ok(())
            }
        };
    }
}

fn write_time(time: NaiveTime, out: &mut String) {
    let _ = write!(out, "{:02}:{:02}", time.hour(), time.minute());
    if time.second() != 0 {
        let _ = write!(out, ":{:02}", time.second());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: CellValue<'_>, role: ColumnRole) -> (String, Option<CellNote>) {
        let mut out = String::new();
        let note = write_cell(&value, role, &mut out);
        (out, note)
    }

    #[test]
    fn a_numeric_phone_is_written_out_exactly_and_noted() {
        assert_eq!(
            text(CellValue::Float(919876543210.0), ColumnRole::Phone),
            (
                "919876543210".into(),
                Some(CellNote::Number {
                    shown: Some("9.19877E+11".into())
                })
            )
        );
        assert_eq!(
            text(CellValue::Float(919876543210.0), ColumnRole::Other).1,
            None
        );
        assert_eq!(
            text(CellValue::Float(9876543210.0), ColumnRole::Phone).1,
            Some(CellNote::Number { shown: None })
        );
    }

    #[test]
    fn digits_beyond_fifteen_are_lost_and_shown_as_the_spreadsheet_does() {
        // An 18-digit number written by a program: its double is not it.
        let (text, note) = text(CellValue::Float(919876543210123456.0), ColumnRole::Phone);
        assert_eq!((text.as_str(), note), ("9.19877E+17", None));
        // Fifteen significant digits and zeros after them are exact.
        let mut out = String::new();
        assert!(write_number(9198765432100000.0, &mut out));
        assert_eq!(out, "9198765432100000");
    }

    #[test]
    fn fractions_keep_fifteen_significant_digits() {
        let mut out = String::new();
        write_number(0.1 + 0.2, &mut out);
        assert_eq!(out, "0.3");
        assert_eq!(scientific(1.5e-7), "1.5E-07");
    }

    #[test]
    fn dates_take_the_column_format_and_keep_a_time() {
        let moment = NaiveDate::from_ymd_opt(2026, 10, 20)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        let date = CellValue::DateTime(46315.0, Some(moment));
        assert_eq!(
            text(date.clone(), ColumnRole::Date("%Y-%m-%d")).0,
            "2026-10-20"
        );
        assert_eq!(text(date, ColumnRole::Other).0, "20/10/2026");
        let later = CellValue::DateTime(46315.5, Some(moment + chrono::Duration::hours(12)));
        assert_eq!(text(later, ColumnRole::Other).0, "20/10/2026 12:00");
        assert_eq!(
            text(CellValue::Iso("2026-10-20"), ColumnRole::Other).0,
            "20/10/2026"
        );
    }

    #[test]
    fn dates_are_written_as_chrono_writes_them_in_every_format() {
        let date = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        for format in crate::rows::dates::DateFormat::ALL {
            let mut out = String::new();
            write_date(date, format.chrono_format(), &mut out);
            assert_eq!(out, format.format(date), "{format}");
        }
    }

    #[test]
    fn dates_outside_a_date_column_take_the_default_format() {
        let default = crate::rows::dates::DateFormat::DEFAULT;
        assert_eq!(DEFAULT_DATE, default.chrono_format());
    }

    #[test]
    fn errors_and_formulas_without_a_value_are_noted() {
        assert_eq!(
            text(CellValue::Error("#N/A".into()), ColumnRole::Phone),
            ("#N/A".into(), Some(CellNote::Error("#N/A".into())))
        );
        assert_eq!(
            text(CellValue::FormulaWithoutValue, ColumnRole::Other),
            (String::new(), Some(CellNote::FormulaWithoutValue))
        );
    }
}
