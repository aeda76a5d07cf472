//! Date columns (SPEC §5 "Dates"): which columns hold dates, the format
//! each expects, and what is wrong with a cell (D001–D004).
//!
//! A column is a date column when `preflight.date_columns` declares it,
//! when it is mapped and its header or variable name speaks of a date
//! (`date`, `dob`, `birth`), or when at least 90% of the first 1,000
//! non-empty cells of a sample parse in one format. The expected format is
//! the declared one, else `DD/MM/YYYY`.
//!
//! Formats are written the way Ringg's users write them (`DD/MM/YYYY`); a
//! cell's shape is read by hand (exact digit counts, one separator, no
//! allocation) and `chrono` decides whether the date is real and writes
//! repaired dates. A cell that reads as a date in the expected format is
//! valid, even when it would also read in another format (`03/04/2026` is
//! 3 April under `DD/MM/YYYY`): ambiguity is settled by the column's
//! format, never flagged.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, Days, NaiveDate};

use crate::campaign::Campaign;
use crate::findings::finding::Finding;
use crate::rules::Code;

/// A date format as Ringg's users write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateFormat {
    /// `DD/MM/YYYY`: `05/03/2026`, the default.
    DdMmYyyy,
    /// `D/M/YYYY`: `5/3/2026` (one or two digits for day and month).
    DMYyyy,
    /// `MM/DD/YYYY`: `03/05/2026`, month first.
    MmDdYyyy,
    /// `M/D/YYYY`: `3/5/2026`, month first, one or two digits.
    MDYyyy,
    /// `YYYY-MM-DD`: `2026-03-05` (ISO 8601).
    YyyyMmDd,
    /// `DD-MM-YYYY`: `05-03-2026`.
    DdMmYyyyDashed,
    /// `DD.MM.YYYY`: `05.03.2026`.
    DdMmYyyyDotted,
}

/// Which field comes first: what tells `05/03` apart from `03/05`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstField {
    Day,
    Month,
    Year,
}

/// A field's digit count: exactly `min` when `min == max`.
#[derive(Debug, Clone, Copy)]
struct Width {
    min: usize,
    max: usize,
}

const TWO: Width = Width { min: 2, max: 2 };
const ONE_OR_TWO: Width = Width { min: 1, max: 2 };
const FOUR: Width = Width { min: 4, max: 4 };

impl DateFormat {
    /// Every format, in the order a cell in another format is named by:
    /// day first (the common case in Ringg's markets), then month first,
    /// then ISO and the other separators.
    pub const ALL: [DateFormat; 7] = [
        DateFormat::DdMmYyyy,
        DateFormat::DMYyyy,
        DateFormat::MmDdYyyy,
        DateFormat::MDYyyy,
        DateFormat::YyyyMmDd,
        DateFormat::DdMmYyyyDashed,
        DateFormat::DdMmYyyyDotted,
    ];

    /// The format expected when none is declared.
    pub const DEFAULT: DateFormat = DateFormat::DdMmYyyy;

    /// The format as written in `preflight.date_columns` and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::DdMmYyyy => "DD/MM/YYYY",
            DateFormat::DMYyyy => "D/M/YYYY",
            DateFormat::MmDdYyyy => "MM/DD/YYYY",
            DateFormat::MDYyyy => "M/D/YYYY",
            DateFormat::YyyyMmDd => "YYYY-MM-DD",
            DateFormat::DdMmYyyyDashed => "DD-MM-YYYY",
            DateFormat::DdMmYyyyDotted => "DD.MM.YYYY",
        }
    }

    /// The `chrono` format string that writes a date in this format.
    /// The `chrono` pattern that writes this format (`%d/%m/%Y`).
    pub(crate) fn chrono_format(self) -> &'static str {
        match self {
            DateFormat::DdMmYyyy => "%d/%m/%Y",
            DateFormat::DMYyyy => "%-d/%-m/%Y",
            DateFormat::MmDdYyyy => "%m/%d/%Y",
            DateFormat::MDYyyy => "%-m/%-d/%Y",
            DateFormat::YyyyMmDd => "%Y-%m-%d",
            DateFormat::DdMmYyyyDashed => "%d-%m-%Y",
            DateFormat::DdMmYyyyDotted => "%d.%m.%Y",
        }
    }

    /// Separator, field order and the digit count of the three fields as
    /// written.
    fn shape(self) -> (u8, FirstField, [Width; 3]) {
        match self {
            DateFormat::DdMmYyyy => (b'/', FirstField::Day, [TWO, TWO, FOUR]),
            DateFormat::DMYyyy => (b'/', FirstField::Day, [ONE_OR_TWO, ONE_OR_TWO, FOUR]),
            DateFormat::MmDdYyyy => (b'/', FirstField::Month, [TWO, TWO, FOUR]),
            DateFormat::MDYyyy => (b'/', FirstField::Month, [ONE_OR_TWO, ONE_OR_TWO, FOUR]),
            DateFormat::YyyyMmDd => (b'-', FirstField::Year, [FOUR, TWO, TWO]),
            DateFormat::DdMmYyyyDashed => (b'-', FirstField::Day, [TWO, TWO, FOUR]),
            DateFormat::DdMmYyyyDotted => (b'.', FirstField::Day, [TWO, TWO, FOUR]),
        }
    }

    fn order(self) -> FirstField {
        self.shape().1
    }

    /// Reads `text` as (year, month, day) if it has this format's shape,
    /// whether or not the date is real.
    fn fields(self, text: &str) -> Option<(i32, u32, u32)> {
        let (separator, order, widths) = self.shape();
        let mut parts = text.as_bytes().split(|&b| b == separator);
        let mut values = [0u32; 3];
        for (value, width) in values.iter_mut().zip(widths) {
            let part = parts.next()?;
            if part.len() < width.min
                || part.len() > width.max
                || !part.iter().all(u8::is_ascii_digit)
            {
                return None;
            }
            *value = part
                .iter()
                .fold(0, |acc, &digit| acc * 10 + u32::from(digit - b'0'));
        }
        if parts.next().is_some() {
            return None;
        }
        let [a, b, c] = values;
        // At most four digits each: the year always fits an i32.
        Some(match order {
            FirstField::Day => (c as i32, b, a),
            FirstField::Month => (c as i32, a, b),
            FirstField::Year => (a as i32, b, c),
        })
    }

    /// The date `text` stands for in this format: `None` when the shape
    /// differs or the date is not real (`31/02/2026`).
    pub fn parse(self, text: &str) -> Option<NaiveDate> {
        let (year, month, day) = self.fields(text)?;
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// Writes `date` in this format.
    pub fn format(self, date: NaiveDate) -> String {
        date.format(self.chrono_format()).to_string()
    }
}

impl fmt::Display for DateFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format string in `preflight.date_columns` that names no known format.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a known date format")]
pub struct UnknownDateFormat(pub String);

impl FromStr for DateFormat {
    type Err = UnknownDateFormat;

    /// Reads `DD/MM/YYYY` and the others, ignoring case and surrounding
    /// white space.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let wanted = text.trim();
        DateFormat::ALL
            .into_iter()
            .find(|format| format.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownDateFormat(text.to_owned()))
    }
}

/// The known formats, for messages: `DD/MM/YYYY, D/M/YYYY, …`.
fn known_formats() -> String {
    DateFormat::ALL.map(DateFormat::as_str).join(", ")
}

/// Why a column is a date column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateColumnSource {
    /// Declared in `preflight.date_columns`.
    Declared,
    /// Mapped, and its header or variable name speaks of a date.
    Named,
    /// At least 90% of the sampled cells parse in one format.
    Detected,
}

/// A date column: where it is and the format its cells must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateColumn {
    /// The column's 0-based index in the record.
    pub index: usize,
    /// The format its cells must have.
    pub format: DateFormat,
    /// Why it is a date column.
    pub source: DateColumnSource,
}

/// What is wrong with one date cell, ready to become a finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateProblem {
    /// D001, D002 or D003.
    pub code: Code,
    /// The finding's message, naming the value.
    pub message: String,
    /// The cell rewritten into the expected format, when it was repaired
    /// (D002 under `--fix`).
    pub repair: Option<String>,
}

/// Excel's serial day numbers count from 30/12/1899 (past 28/02/1900,
/// where Excel's fictitious 29/02/1900 is behind us).
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(date) => date,
    None => panic!("a real date"),
};

/// The serials taken for Excel dates: five digits, 18/05/1927 to
/// 13/10/2173. Shorter numbers are more likely years or codes than dates.
const EXCEL_SERIALS: std::ops::RangeInclusive<u64> = 10_000..=99_999;

/// The date an Excel serial (`46000`, or `46000.5` with a time of day)
/// stands for, when `text` is one in the plausible range.
fn excel_serial(text: &str) -> Option<NaiveDate> {
    let whole = match text.split_once('.') {
        Some((whole, fraction))
            if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) =>
        {
            whole
        }
        Some(_) => return None,
        None => text,
    };
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let serial: u64 = whole.parse().ok()?;
    if !EXCEL_SERIALS.contains(&serial) {
        return None;
    }
    EXCEL_EPOCH.checked_add_days(Days::new(serial))
}

impl DateColumn {
    /// Checks one cell; `None` when it is empty (V001's business) or a
    /// date in the expected format. With `fix`, a real date in another
    /// unambiguous format comes back repaired.
    pub fn check(&self, cell: &str, fix: bool) -> Option<DateProblem> {
        let text = crate::text::trim(cell);
        if text.is_empty() || self.format.parse(text).is_some() {
            return None;
        }
        let expected = self.format;
        let problem = |code, message: String| {
            Some(DateProblem {
                code,
                message,
                repair: None,
            })
        };

        if let Some(seen) = self.other_format(text) {
            return match seen {
                Seen::One(format, date) => {
                    let written = expected.format(date);
                    if fix {
                        Some(DateProblem {
                            code: Code::D002,
                            message: format!(
                                "`{text}` is {format}; repaired to `{written}` ({expected})"
                            ),
                            repair: Some(written),
                        })
                    } else {
                        problem(
                            Code::D002,
                            format!("`{text}` is {format}; the column expects {expected}"),
                        )
                    }
                }
                Seen::Ambiguous((first, first_date), (second, second_date)) => problem(
                    Code::D002,
                    format!(
                        "`{text}` is {first} ({}) or {second} ({}); the column expects {expected}{}",
                        expected.format(first_date),
                        expected.format(second_date),
                        if fix {
                            "; not repaired: day and month cannot be told apart"
                        } else {
                            ""
                        }
                    ),
                ),
            };
        }

        if let Some(date) = excel_serial(text) {
            return problem(
                Code::D003,
                format!(
                    "`{text}` is an Excel serial date: it stands for {}",
                    expected.format(date)
                ),
            );
        }

        problem(Code::D001, not_a_date(text, expected))
    }

    /// The other format `text` reads in, preferring formats with the
    /// expected field order: `5/3/2026` in a `MM/DD/YYYY` column is
    /// `M/D/YYYY`, 3 May. When two formats of other orders read two
    /// different dates, the cell is ambiguous.
    fn other_format(&self, text: &str) -> Option<Seen> {
        let expected = self.format;
        let same_order = DateFormat::ALL
            .into_iter()
            .filter(|f| f.order() == expected.order());
        let other_order = DateFormat::ALL
            .into_iter()
            .filter(|f| f.order() != expected.order());
        let mut found: Option<(DateFormat, NaiveDate)> = None;
        for format in same_order.chain(other_order) {
            if format == expected {
                continue;
            }
            let Some(date) = format.parse(text) else {
                continue;
            };
            match found {
                None if format.order() == expected.order() => {
                    return Some(Seen::One(format, date));
                }
                None => found = Some((format, date)),
                Some(first) if first.1 != date => {
                    return Some(Seen::Ambiguous(first, (format, date)));
                }
                Some(_) => {}
            }
        }
        found.map(|(format, date)| Seen::One(format, date))
    }
}

/// The other format(s) a cell reads in.
enum Seen {
    One(DateFormat, NaiveDate),
    Ambiguous((DateFormat, NaiveDate), (DateFormat, NaiveDate)),
}

/// D001's message: why the cell is no date. When it has a format's shape
/// (the expected one first), the field that makes it impossible is named.
fn not_a_date(text: &str, expected: DateFormat) -> String {
    let shaped = std::iter::once(expected)
        .chain(DateFormat::ALL)
        .find_map(|format| format.fields(text));
    let Some((year, month, day)) = shaped else {
        return format!("`{text}` is not a date; the column expects {expected}");
    };
    let month_name = u8::try_from(month)
        .ok()
        .and_then(|m| chrono::Month::try_from(m).ok());
    match month_name {
        None => format!("`{text}` is not a real date: there is no month {month}"),
        Some(_) if day == 0 => format!("`{text}` is not a real date: there is no day 0"),
        Some(name) => {
            let days =
                NaiveDate::from_ymd_opt(year, month, 1).map_or(31, |d| d.num_days_in_month());
            format!(
                "`{text}` is not a real date: {} {year} has {days} days",
                name.name()
            )
        }
    }
}

/// Words that contain `date` without being about one (`Candidate Name`).
const NOT_DATE_WORDS: [&str; 7] = [
    "candidate",
    "update",
    "validate",
    "mandate",
    "accommodate",
    "consolidate",
    "liquidate",
];

/// A header or variable name that speaks of a date: it contains `date`
/// (outside words such as `candidate` or `update`), `dob` or `birth`,
/// in any case.
pub fn is_date_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    if lower.contains("dob") || lower.contains("birth") {
        return true;
    }
    lower.match_indices("date").any(|(at, _)| {
        let through = &lower[..at + 4];
        !NOT_DATE_WORDS.iter().any(|word| through.ends_with(word))
    })
}

/// The date columns known from the header and the campaign alone, before
/// any cell is read: those declared in `preflight.date_columns` (an
/// unknown format is checked as `DD/MM/YYYY`; [`format_findings`] reports
/// it) and the mapped columns whose name speaks of a date.
///
/// `mapped` pairs a mapped column's index with its variable; `phone` is
/// never a date column. Returns the columns in index order and an H004
/// finding for each declared column the header lacks.
pub fn known_columns(
    names: &[String],
    mapped: &[(usize, &str)],
    phone: Option<usize>,
    campaign: Option<&Campaign>,
) -> (Vec<DateColumn>, Vec<Finding>) {
    let mut columns: Vec<DateColumn> = Vec::new();
    let mut findings = Vec::new();
    let declared = campaign.map(|c| &c.preflight.date_columns);
    for (column, format) in declared.into_iter().flatten() {
        match names.iter().position(|name| name == column) {
            Some(index) if Some(index) != phone => columns.push(DateColumn {
                index,
                format: format.parse().unwrap_or(DateFormat::DEFAULT),
                source: DateColumnSource::Declared,
            }),
            Some(_) => {}
            None => findings.push(
                Finding::new(
                    Code::H004,
                    format!(
                        "`preflight.date_columns` names column `{column}`, which the header lacks"
                    ),
                )
                .at_field("preflight.date_columns"),
            ),
        }
    }
    for &(index, variable) in mapped {
        let named = is_date_name(&names[index]) || is_date_name(variable);
        if named && Some(index) != phone && !columns.iter().any(|c| c.index == index) {
            columns.push(DateColumn {
                index,
                format: DateFormat::DEFAULT,
                source: DateColumnSource::Named,
            });
        }
    }
    columns.sort_by_key(|c| c.index);
    (columns, findings)
}

/// Campaign-level findings about `preflight.date_columns`: a D004 for each
/// format that is not a known one.
pub fn format_findings(campaign: &Campaign) -> Vec<Finding> {
    let consent = campaign
        .preflight
        .consent
        .as_ref()
        .filter(|consent| consent.format.parse::<DateFormat>().is_err())
        .map(|consent| {
            Finding::new(
                Code::D004,
                format!(
                    "`preflight.consent.format` is `{}`, which is not one of {}",
                    consent.format,
                    known_formats()
                ),
            )
            .at_field("preflight.consent.format")
        });
    campaign
        .preflight
        .date_columns
        .iter()
        .filter(|(_, format)| format.parse::<DateFormat>().is_err())
        .map(|(column, format)| {
            Finding::new(
                Code::D004,
                format!(
                    "`preflight.date_columns` gives `{column}` the format `{format}`, which is not one of {}",
                    known_formats()
                ),
            )
            .at_field("preflight.date_columns")
        })
        .chain(consent)
        .collect()
}

/// Non-empty cells per column that detection looks at.
pub const DETECTION_SAMPLE: usize = 1_000;

/// Detects date columns by content: a column outside `skip` is one when at
/// least 90% of its first [`DETECTION_SAMPLE`] non-empty cells (in
/// `sample`) parse as real dates in one format. Its expected format is
/// `DD/MM/YYYY`, as for any column whose format is not declared.
pub fn detect_columns<'r>(
    sample: impl IntoIterator<Item = &'r csv::ByteRecord>,
    width: usize,
    skip: impl Fn(usize) -> bool,
) -> Vec<DateColumn> {
    let mut detection = DateDetection::new(width, skip);
    for record in sample {
        detection.add(record);
    }
    detection.columns()
}

/// [`detect_columns`] fed one record at a time, which knows when more
/// records can no longer change its answer: a split then need not wait
/// for the whole sample before checking its first rows.
#[derive(Debug, Clone)]
pub(crate) struct DateDetection {
    /// The columns looked at, with their cells counted so far.
    columns: Vec<ColumnTally>,
}

/// One column's first non-empty cells, and how many parse in each format.
#[derive(Debug, Clone)]
struct ColumnTally {
    index: usize,
    non_empty: usize,
    parsed: [usize; DateFormat::ALL.len()],
}

impl ColumnTally {
    fn is_full(&self) -> bool {
        self.non_empty == DETECTION_SAMPLE
    }

    /// The verdict on the cells counted, as if the sample ended here.
    fn looks_like_dates(&self) -> bool {
        let best = self.parsed.iter().copied().max().unwrap_or(0);
        self.non_empty > 0 && best * 10 >= self.non_empty * 9
    }

    /// No cell still to come can change the verdict: the sample is full,
    /// one format already holds 90% of a full sample, or every format has
    /// missed more than 10% of one.
    fn is_decided(&self) -> bool {
        let limit = DETECTION_SAMPLE / 10;
        self.is_full()
            || self
                .parsed
                .iter()
                .any(|&count| count * 10 >= DETECTION_SAMPLE * 9)
            || self
                .parsed
                .iter()
                .all(|&count| self.non_empty - count > limit)
    }
}

impl DateDetection {
    /// Detection over records `width` fields wide, leaving out the
    /// columns `skip` names (the phone column, declared dates).
    pub(crate) fn new(width: usize, skip: impl Fn(usize) -> bool) -> Self {
        let columns = (0..width)
            .filter(|&index| !skip(index))
            .map(|index| ColumnTally {
                index,
                non_empty: 0,
                parsed: [0; DateFormat::ALL.len()],
            })
            .collect();
        DateDetection { columns }
    }

    /// Counts the next record of the sample. A decided column counts no
    /// more: its cells so far give its verdict.
    pub(crate) fn add(&mut self, record: &csv::ByteRecord) {
        for column in self.columns.iter_mut().filter(|c| !c.is_decided()) {
            let cell = record
                .get(column.index)
                .and_then(|cell| std::str::from_utf8(cell).ok())
                .map_or("", str::trim);
            if cell.is_empty() {
                continue;
            }
            column.non_empty += 1;
            for (count, format) in column.parsed.iter_mut().zip(DateFormat::ALL) {
                *count += usize::from(format.parse(cell).is_some());
            }
        }
    }

    /// More records cannot change [`DateDetection::columns`].
    pub(crate) fn is_decided(&self) -> bool {
        self.columns.iter().all(ColumnTally::is_decided)
    }

    /// The date columns, on the records counted.
    pub(crate) fn columns(&self) -> Vec<DateColumn> {
        self.columns
            .iter()
            .filter(|column| column.looks_like_dates())
            .map(|column| DateColumn {
                index: column.index,
                format: DateFormat::DEFAULT,
                source: DateColumnSource::Detected,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(format: DateFormat) -> DateColumn {
        DateColumn {
            index: 0,
            format,
            source: DateColumnSource::Declared,
        }
    }

    fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(year, month, day).unwrap()
    }

    #[test]
    fn every_format_parses_its_own_shape_and_writes_it_back() {
        let day = ymd(2026, 3, 5);
        let written = [
            (DateFormat::DdMmYyyy, "05/03/2026"),
            (DateFormat::DMYyyy, "5/3/2026"),
            (DateFormat::MmDdYyyy, "03/05/2026"),
            (DateFormat::MDYyyy, "3/5/2026"),
            (DateFormat::YyyyMmDd, "2026-03-05"),
            (DateFormat::DdMmYyyyDashed, "05-03-2026"),
            (DateFormat::DdMmYyyyDotted, "05.03.2026"),
        ];
        for (format, text) in written {
            assert_eq!(format.parse(text), Some(day), "{format}");
            assert_eq!(format.format(day), text, "{format}");
            assert_eq!(format.as_str().parse::<DateFormat>(), Ok(format));
        }
        assert_eq!(written.len(), DateFormat::ALL.len());
    }

    #[test]
    fn shapes_are_strict_about_digits_and_separators() {
        use DateFormat::*;
        assert_eq!(DdMmYyyy.parse("5/3/2026"), None, "DD needs two digits");
        assert_eq!(DMYyyy.parse("05/03/2026"), Some(ymd(2026, 3, 5)));
        assert_eq!(DMYyyy.parse("5/03/2026"), Some(ymd(2026, 3, 5)));
        assert_eq!(DdMmYyyy.parse("05/03/26"), None, "two-digit year");
        assert_eq!(DdMmYyyy.parse("05-03-2026"), None);
        assert_eq!(DdMmYyyy.parse("05/03/2026/1"), None);
        assert_eq!(DdMmYyyy.parse("0a/03/2026"), None);
        assert_eq!(DdMmYyyy.parse("+5/03/2026"), None);
        assert_eq!(DdMmYyyy.parse(""), None);
        assert_eq!(YyyyMmDd.parse("2026-3-5"), None);
        assert_eq!(YyyyMmDd.parse("2026-03-05T10:00"), None);
        assert_eq!(DdMmYyyyDotted.parse("05.03.2026"), Some(ymd(2026, 3, 5)));
    }

    #[test]
    fn unknown_format_strings_are_refused_and_case_is_ignored() {
        assert_eq!(" dd/mm/yyyy ".parse(), Ok(DateFormat::DdMmYyyy));
        assert_eq!(
            "DD/MM/YY".parse::<DateFormat>(),
            Err(UnknownDateFormat("DD/MM/YY".into()))
        );
        assert!("%d/%m/%Y".parse::<DateFormat>().is_err());
    }

    #[test]
    fn leap_years() {
        let dmy = DateFormat::DdMmYyyy;
        assert_eq!(dmy.parse("29/02/2028"), Some(ymd(2028, 2, 29)));
        assert_eq!(
            dmy.parse("29/02/2000"),
            Some(ymd(2000, 2, 29)),
            "divisible by 400"
        );
        assert_eq!(dmy.parse("29/02/2026"), None);
        assert_eq!(dmy.parse("29/02/1900"), None, "divisible by 100");
        let problem = column(dmy).check("29/02/2026", false).unwrap();
        assert_eq!(problem.code, Code::D001);
        assert_eq!(
            problem.message,
            "`29/02/2026` is not a real date: February 2026 has 28 days"
        );
    }

    #[test]
    fn valid_and_empty_cells_have_no_problem() {
        let dmy = column(DateFormat::DdMmYyyy);
        assert_eq!(dmy.check("20/10/2026", false), None);
        assert_eq!(dmy.check("  20/10/2026 ", false), None);
        assert_eq!(dmy.check("", false), None);
        assert_eq!(dmy.check("   ", false), None);
    }

    #[test]
    fn ambiguous_cells_are_read_in_the_expected_format() {
        // 03/04/2026 is 3 April day first and 4 March month first: the
        // column's format decides, nothing is flagged.
        assert_eq!(
            column(DateFormat::DdMmYyyy).check("03/04/2026", false),
            None
        );
        assert_eq!(
            column(DateFormat::MmDdYyyy).check("03/04/2026", false),
            None
        );
        assert_eq!(column(DateFormat::DMYyyy).check("3/4/2026", false), None);
        assert_eq!(column(DateFormat::MDYyyy).check("3/4/2026", false), None);
    }

    #[test]
    fn another_format_is_named_and_repaired_under_fix() {
        let dmy = column(DateFormat::DdMmYyyy);
        let problem = dmy.check("2026-10-20", false).unwrap();
        assert_eq!(problem.code, Code::D002);
        assert_eq!(
            problem.message,
            "`2026-10-20` is YYYY-MM-DD; the column expects DD/MM/YYYY"
        );
        assert_eq!(problem.repair, None);

        let fixed = dmy.check("2026-10-20", true).unwrap();
        assert_eq!(
            fixed.message,
            "`2026-10-20` is YYYY-MM-DD; repaired to `20/10/2026` (DD/MM/YYYY)"
        );
        assert_eq!(fixed.repair.as_deref(), Some("20/10/2026"));

        // Month first is recognised when day first is impossible.
        let fixed = dmy.check("10/20/2026", true).unwrap();
        assert_eq!(fixed.repair.as_deref(), Some("20/10/2026"));
        assert!(fixed.message.starts_with("`10/20/2026` is MM/DD/YYYY"));
        // Short forms.
        let fixed = dmy.check("5/3/2026", true).unwrap();
        assert_eq!(
            fixed.message,
            "`5/3/2026` is D/M/YYYY; repaired to `05/03/2026` (DD/MM/YYYY)"
        );
        let fixed = column(DateFormat::YyyyMmDd)
            .check("20.10.2026", true)
            .unwrap();
        assert_eq!(fixed.repair.as_deref(), Some("2026-10-20"));
    }

    #[test]
    fn the_expected_field_order_settles_short_forms() {
        // In a month-first column, 5/3/2026 is M/D/YYYY: 3 May.
        let problem = column(DateFormat::MmDdYyyy)
            .check("5/3/2026", true)
            .unwrap();
        assert_eq!(problem.repair.as_deref(), Some("05/03/2026"));
        assert!(
            problem.message.starts_with("`5/3/2026` is M/D/YYYY"),
            "{}",
            problem.message
        );
    }

    #[test]
    fn day_month_ambiguity_in_an_iso_column_is_not_guessed() {
        let iso = column(DateFormat::YyyyMmDd);
        let problem = iso.check("03/04/2026", true).unwrap();
        assert_eq!(problem.code, Code::D002);
        assert_eq!(problem.repair, None);
        assert_eq!(
            problem.message,
            "`03/04/2026` is DD/MM/YYYY (2026-04-03) or MM/DD/YYYY (2026-03-04); \
             the column expects YYYY-MM-DD; not repaired: day and month cannot be told apart"
        );
        // One reading only: 13 cannot be a month.
        let problem = iso.check("13/04/2026", true).unwrap();
        assert_eq!(problem.repair.as_deref(), Some("2026-04-13"));
        // Both readings the same day: not ambiguous.
        let problem = iso.check("04/04/2026", true).unwrap();
        assert_eq!(problem.repair.as_deref(), Some("2026-04-04"));
    }

    #[test]
    fn not_a_date_names_what_is_impossible() {
        let dmy = column(DateFormat::DdMmYyyy);
        let message = |text| dmy.check(text, true).map(|p| (p.code, p.message));
        assert_eq!(
            message("31/02/2026"),
            Some((
                Code::D001,
                "`31/02/2026` is not a real date: February 2026 has 28 days".into()
            ))
        );
        assert_eq!(
            message("tomorrow"),
            Some((
                Code::D001,
                "`tomorrow` is not a date; the column expects DD/MM/YYYY".into()
            ))
        );
        assert_eq!(
            message("15/13/2026").unwrap().1,
            "`15/13/2026` is not a real date: there is no month 13"
        );
        assert_eq!(
            message("00/10/2026").unwrap().1,
            "`00/10/2026` is not a real date: there is no day 0"
        );
        assert_eq!(
            message("2026-04-31").unwrap().1,
            "`2026-04-31` is not a real date: April 2026 has 30 days"
        );
        assert_eq!(
            message("2026").unwrap().0,
            Code::D001,
            "a year is no serial"
        );
    }

    #[test]
    fn excel_serials_are_named_with_the_date_they_stand_for() {
        let dmy = column(DateFormat::DdMmYyyy);
        let problem = dmy.check("46000", true).unwrap();
        assert_eq!(problem.code, Code::D003);
        assert_eq!(
            problem.message,
            "`46000` is an Excel serial date: it stands for 09/12/2025"
        );
        assert_eq!(problem.repair, None, "a serial may be from the 1904 system");
        assert_eq!(excel_serial("46315"), Some(ymd(2026, 10, 20)));
        assert_eq!(excel_serial("46315.75"), Some(ymd(2026, 10, 20)));
        assert_eq!(excel_serial("10000"), Some(ymd(1927, 5, 18)));
        assert_eq!(excel_serial("99999"), Some(ymd(2173, 10, 13)));
        assert_eq!(excel_serial("9999"), None);
        assert_eq!(excel_serial("100000"), None);
        assert_eq!(excel_serial("46315."), None);
        assert_eq!(excel_serial("4631a"), None);
    }

    #[test]
    fn names_that_speak_of_dates() {
        for name in [
            "Due Date",
            "due_date",
            "DueDate",
            "DOB",
            "dob",
            "Date of Birth",
            "birthday",
            "Updated date",
        ] {
            assert!(is_date_name(name), "{name}");
        }
        for name in [
            "Name",
            "Candidate Name",
            "last_update",
            "Mandate ID",
            "Policy ID",
            "Validated",
        ] {
            assert!(!is_date_name(name), "{name}");
        }
    }

    fn records(cells: &[&str]) -> Vec<csv::ByteRecord> {
        cells
            .iter()
            .map(|cell| csv::ByteRecord::from(vec!["+919876543210", cell]))
            .collect()
    }

    fn detected(sample: &[csv::ByteRecord]) -> Vec<usize> {
        detect_columns(sample, 2, |index| index == 0)
            .into_iter()
            .map(|c| c.index)
            .collect()
    }

    #[test]
    fn detection_needs_ninety_percent_in_one_format() {
        let mut cells = vec!["20/10/2026"; 900];
        cells.extend(vec!["soon"; 100]);
        assert_eq!(detected(&records(&cells)), [1], "900 of 1000");
        cells[0] = "someday";
        assert!(detected(&records(&cells)).is_empty(), "899 of 1000");
    }

    #[test]
    fn detection_ignores_empty_cells_and_looks_at_the_first_thousand() {
        let mut cells = vec![""; 500];
        cells.extend(vec!["2026-10-20"; 1_000]);
        cells.extend(vec!["not a date"; 2_000]);
        let columns = detect_columns(&records(&cells), 2, |index| index == 0);
        assert_eq!(
            columns,
            [DateColumn {
                index: 1,
                format: DateFormat::DdMmYyyy,
                source: DateColumnSource::Detected
            }],
            "the expected format of a detected column is the default"
        );
        assert!(
            detected(&records(&["", ""])).is_empty(),
            "no cells, no dates"
        );
    }

    #[test]
    fn a_decided_detection_gives_what_the_whole_sample_would() {
        // Runs of dates (most in one format, some in another), junk and
        // empty cells, so that a verdict on the first cells is often not
        // the verdict on all of them: wherever detection says it is
        // decided, its columns are those of the whole sample.
        let mut state = 0x9E37_79B9_u64;
        let mut next = move |bound: u64| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % bound
        };
        let (mut decided_early, mut detected) = (0, 0);
        for case in 0..400 {
            // Per mille of runs that are not dates of the main format.
            let other_per_mille = [20, 60, 90, 100, 110, 150, 400][case % 7];
            let mut cells: Vec<String> = Vec::new();
            while cells.len() < 2_048 {
                let run = 1 + next(120) as usize;
                let kind = next(1_000);
                for _ in 0..run {
                    cells.push(match kind {
                        k if k < other_per_mille / 2 => "soon".to_string(),
                        k if k < other_per_mille => format!("2026-10-{:02}", 1 + next(28)),
                        k if k < other_per_mille + 100 => String::new(),
                        _ => format!("{:02}/10/2026", 13 + next(16)),
                    });
                }
            }
            let cells: Vec<&str> = cells.iter().map(String::as_str).collect();
            let sample = records(&cells[..2_048]);
            let whole = detect_columns(&sample, 2, |index| index == 0);
            detected += usize::from(!whole.is_empty());
            let mut detection = DateDetection::new(2, |index| index == 0);
            for (read, record) in sample.iter().enumerate() {
                if detection.is_decided() {
                    assert_eq!(detection.columns(), whole, "case {case} at {read}");
                    decided_early += 1;
                    break;
                }
                detection.add(record);
            }
            assert_eq!(detection.columns(), whole, "case {case}");
        }
        // Both verdicts occur, and most cases are decided before the end.
        assert!(detected > 50 && detected < 350, "{detected}");
        assert!(decided_early > 200, "{decided_early}");

        // At the lines: (leading junk, dates, trailing junk) → detected.
        let junk_then_dates = [
            ((60, 940, 0), true),
            ((100, 900, 0), true),
            ((101, 1_500, 0), false),
            ((0, 899, 200), false),
            ((0, 850, 150), false),
            ((0, 900, 100), true),
        ];
        for ((before, dates, after), expected) in junk_then_dates {
            let mut cells = vec!["soon"; before];
            cells.extend(vec!["20/10/2026"; dates]);
            cells.extend(vec!["soon"; after]);
            let sample = records(&cells);
            let mut detection = DateDetection::new(2, |index| index == 0);
            for record in &sample {
                if detection.is_decided() {
                    break;
                }
                detection.add(record);
            }
            let case = format!("{before} junk, {dates} dates, {after} junk");
            assert_eq!(detection.columns().len(), usize::from(expected), "{case}");
            assert_eq!(detected_in(&sample), expected, "{case}: the whole sample");
        }
    }

    fn detected_in(sample: &[csv::ByteRecord]) -> bool {
        !detect_columns(sample, 2, |index| index == 0).is_empty()
    }

    #[test]
    fn detection_counts_one_format_not_any_format() {
        let mut cells = vec!["20/10/2026"; 50];
        cells.extend(vec!["2026-10-20"; 50]);
        assert!(detected(&records(&cells)).is_empty());
        // Ambiguous cells count for every format they read in.
        let mut cells = vec!["03/04/2026"; 50];
        cells.extend(vec!["20/10/2026"; 50]);
        assert_eq!(detected(&records(&cells)), [1]);
    }
}
