//! Properties of the split and the phone check over generated input:
//!
//! - for any bytes the split never panics, and either refuses the input as
//!   not CSV or partitions its records: each lands in exactly one of
//!   `valid.csv` and `invalid.csv`, in order, invalid ones byte-for-byte;
//! - splitting `valid.csv` again finds no invalid row and writes the same
//!   bytes;
//! - the output does not depend on the thread count, the batch size or the
//!   input length the split is told;
//! - the phone check never accepts a cell that libphonenumber's own parse
//!   rejects.
//!
//! The oracle for the records is the `csv` crate reading the same bytes;
//! where a quote never closes, the same bytes with the quote closed at the
//! end of the line where it opened (what the split does).

use std::collections::BTreeSet;

use proptest::prelude::*;
use ringg_preflight::campaign::NumberType;
use ringg_preflight::phone::PhoneRules;
use ringg_preflight::{DiscardRows, Error, ErrorKind, Outputs, PreflightBuilder, Report};
use rlibphonenumber::{PHONE_NUMBER_UTIL, PhoneNumberFormat};

type Record = Vec<Vec<u8>>;

/// What one split wrote.
#[derive(Debug, PartialEq)]
struct Split {
    valid: Vec<u8>,
    invalid: Vec<u8>,
    /// The report as JSON, without timings.
    report: serde_json::Value,
}

fn split_with(input: &[u8], threads: usize, batch: usize) -> Result<(Split, Report), Error> {
    split_sized(input, None, threads, batch)
}

/// [`split_with`], telling the split the input's length is `input_len`
/// (whatever it really is).
fn split_sized(
    input: &[u8],
    input_len: Option<u64>,
    threads: usize,
    batch: usize,
) -> Result<(Split, Report), Error> {
    // Bytes as they are, split on commas: the partition is what is under
    // test, not how a file's encoding and delimiter are guessed.
    let preflight = PreflightBuilder::new()
        .country_code("+91")
        .encoding(ringg_preflight::InputEncoding::for_label("utf-8").unwrap())
        .delimiter(b',')
        .threads(threads)
        .batch_size(batch)
        .keep_row_findings(true)
        .build()
        .unwrap();
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    let report = preflight.split_sized(
        input,
        input_len,
        Some(Outputs {
            valid: &mut valid,
            invalid: &mut invalid,
        }),
        &mut DiscardRows,
    )?;
    let mut json = serde_json::to_value(&report).unwrap();
    json.as_object_mut().unwrap().remove("timings");
    Ok((
        Split {
            valid,
            invalid,
            report: json,
        },
        report,
    ))
}

/// Records as the `csv` crate reads them, BOM stripped.
fn records(bytes: &[u8]) -> Vec<Record> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .byte_records()
        .map(|r| r.unwrap())
        // A row of delimiters alone (`,,`) is a blank line to the split.
        .filter(|r| r.len() < 2 || !r.as_slice().is_empty())
        .map(|r| r.iter().map(<[u8]>::to_vec).collect())
        .collect()
}

/// `bytes` with a quote inserted at the end of line `line` (1-based, a
/// CRLF one terminator), before its terminator.
fn close_quote_on_line(bytes: &[u8], line: u64) -> Vec<u8> {
    let mut current = 1;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' || bytes[i] == b'\r' {
            if current == line {
                break;
            }
            current += 1;
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
        }
        i += 1;
    }
    let mut out = bytes[..i].to_vec();
    out.push(b'"');
    out.extend_from_slice(&bytes[i..]);
    out
}

/// The records the split should have read: the csv crate's, or, where a
/// quote never closed, those of the input with it closed on its line.
fn expected_records(input: &[u8], report: &Report) -> Vec<Record> {
    let unclosed = report
        .file
        .iter()
        .chain(report.rows.iter().flatten())
        .find(|f| f.message.contains("is never closed"));
    match unclosed {
        Some(finding) => records(&close_quote_on_line(input, finding.location.line.unwrap())),
        None => records(input),
    }
}

/// Asserts the split partitioned `expected`.
fn assert_partition(expected: &[Record], split: &Split, report: &Report) {
    assert_eq!(report.valid_rows + report.invalid_rows, report.total_rows);
    let Some((header, data)) = expected.split_first() else {
        assert_eq!(report.total_rows, 0);
        assert!(split.valid.is_empty() && split.invalid.is_empty());
        return;
    };
    assert_eq!(
        report.total_rows as usize,
        data.len(),
        "every record counted"
    );

    let invalid = records(&split.invalid);
    let (invalid_header, invalid_rows) = invalid.split_first().expect("a header");
    assert_eq!(&invalid_header[..invalid_header.len() - 2], &header[..]);
    assert_eq!(invalid_rows.len() as u64, report.invalid_rows);
    let mut numbers = BTreeSet::new();
    for row in invalid_rows {
        let n = row.len();
        let number: usize = String::from_utf8_lossy(&row[n - 2]).parse().unwrap();
        assert!(numbers.last().is_none_or(|&last| last < number), "in order");
        numbers.insert(number);
        assert_eq!(&row[..n - 2], &data[number - 1][..], "row {number}");
    }

    let valid = records(&split.valid);
    let (valid_header, valid_rows) = valid.split_first().expect("a header");
    // Unnamed columns at the end of the header are left out (F012).
    let tail = header
        .iter()
        .rev()
        .take_while(|name| String::from_utf8_lossy(name).trim().is_empty())
        .count();
    let named = if tail == header.len() {
        header.len()
    } else {
        header.len() - tail
    };
    assert_eq!(&valid_header[..], &header[..named]);
    assert_eq!(valid_rows.len() as u64, report.valid_rows);
    let phone = header.iter().position(|name| name == b"Mobile Number");
    let expected_valid = (1..=data.len()).filter(|n| !numbers.contains(n));
    for (row, number) in valid_rows.iter().zip(expected_valid) {
        let input = &data[number - 1][..named];
        assert_eq!(row.len(), input.len());
        for (index, (got, was)) in row.iter().zip(input).enumerate() {
            if Some(index) != phone {
                assert_eq!(got, was, "row {number}, field {}", index + 1);
            }
        }
    }
}

/// Pieces CSV files are made of, hostile ones included.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(vec![
            &b","[..], b"\"", b"\"\"", b"\n", b"\r\n", b"\r", b" ", b"\0", b"\xEF\xBB\xBF",
            b"\xe9", b"\xff", "é".as_bytes(), b"=", b"'", b"+91", b".0", b"E+11",
        ])
        .prop_map(<[u8]>::to_vec),
        3 => "(\\+?91)?[6-9][0-9]{9}".prop_map(String::into_bytes),
        2 => "[A-Za-z ]{1,8}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 1..4),
    ]
}

/// Arbitrary bytes, usually after a header that names the phone column so
/// that the rows are checked.
fn input() -> impl Strategy<Value = Vec<u8>> {
    let body = prop::collection::vec(piece(), 0..60).prop_map(|pieces| pieces.concat());
    (
        prop::sample::select(vec![
            &b""[..],
            b"Mobile Number,Name\n",
            b"Mobile Number,Name,Note\r\n",
            b"\"Mobile Number\"\n",
        ]),
        body,
    )
        .prop_map(|(header, body)| [header, &body[..]].concat())
}

/// A record of phone-like and arbitrary cells, written by a CSV writer.
fn written_records() -> impl Strategy<Value = (Vec<Record>, Vec<u8>)> {
    let cell = prop_oneof![
        3 => "(\\+91 ?)?[6-9][0-9]{9}".prop_map(String::into_bytes),
        2 => "[A-Za-z ,\"\n]{0,12}".prop_map(String::into_bytes),
        1 => prop::collection::vec(any::<u8>(), 0..6),
    ];
    let record = prop::collection::vec(cell, 1..4);
    prop::collection::vec(record, 0..40).prop_map(|rows| {
        let header: Record = vec![
            b"Mobile Number".to_vec(),
            b"Name".to_vec(),
            b"Note".to_vec(),
        ];
        let all: Vec<Record> = std::iter::once(header).chain(rows).collect();
        let mut writer = csv::WriterBuilder::new()
            .flexible(true)
            .from_writer(Vec::new());
        for record in &all {
            writer.write_record(record).unwrap();
        }
        let bytes = writer.into_inner().unwrap();
        (all, bytes)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_bytes_are_refused_or_partitioned(input in input()) {
        match split_with(&input, 2, 4) {
            Err(error) => prop_assert!(matches!(error.kind(), ErrorKind::NotCsv { .. }), "{error:?}"),
            Ok((split, report)) => {
                assert_partition(&expected_records(&input, &report), &split, &report);
            }
        }
    }

    #[test]
    fn written_records_are_partitioned_exactly((expected, bytes) in written_records()) {
        let (split, report) = split_with(&bytes, 2, 3).unwrap();
        // Rows a quote swallowed would not be the records written; the
        // writer quotes properly, so none is.
        assert!(
            !report.rows.iter().flatten().any(|f| f.message.contains("is never closed")),
            "{report:?}"
        );
        // A record of one empty cell is written `""`; an all-empty one
        // would be a blank line, and so is a record of empty cells (`,,`).
        let expected: Vec<Record> = expected
            .into_iter()
            .filter(|r| r.len() < 2 || r.iter().any(|cell| !cell.is_empty()))
            .collect();
        assert_partition(&expected, &split, &report);
    }

    #[test]
    fn splitting_valid_csv_again_changes_nothing(input in input()) {
        if let Ok((first, _)) = split_with(&input, 2, 5)
            && !first.valid.is_empty()
        {
            let (second, report) = split_with(&first.valid, 2, 5).unwrap();
            prop_assert_eq!(report.invalid_rows, 0);
            prop_assert_eq!(&second.valid, &first.valid);
        }
    }

    #[test]
    fn output_does_not_depend_on_threads_batch_size_or_length_hint(input in input()) {
        let one = split_with(&input, 1, 1).map(|(split, _)| split);
        let len = input.len() as u64;
        for (threads, batch, hint) in [
            (3, 2, None),
            (2, 8_192, Some(len)),
            (1, 3, Some(1)),
            (2, 2, Some(u64::MAX)),
        ] {
            let other = split_sized(&input, hint, threads, batch).map(|(split, _)| split);
            match (&one, &other) {
                (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
                (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
                _ => panic!("{one:?} vs {other:?}"),
            }
        }
    }
}

/// Cells a phone column holds: numbers in many spellings, with damage.
fn phone_cell() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(vec![
        "", "+", "+91", "+91 ", "0", "00", "0091", "+1", "1", "+44", "44", "+9", "'", "=\"",
    ]);
    let digits = "[0-9 ().-]{0,16}";
    let suffix = prop::sample::select(vec!["", "\"", ".0", " ", "x12", "e5", "#"]);
    (prefix, digits, suffix).prop_map(|(p, d, s)| format!("{p}{d}{s}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_024))]

    #[test]
    fn the_phone_check_never_accepts_what_libphonenumber_rejects(cell in phone_cell()) {
        for calling_code in [Some(91), Some(1), Some(44), None] {
            let rules = PhoneRules::new(calling_code, &NumberType::ANSWERABLE);
            let Some(number) = rules.check(&cell).number else {
                continue;
            };
            let e164 = number.e164.to_string();
            let reparsed = PHONE_NUMBER_UTIL.parse(&e164, None).expect("E.164 parses");
            prop_assert!(reparsed.is_valid(), "{cell:?} → {e164}");
            // Cells without spreadsheet damage are exactly what
            // libphonenumber parses with the campaign's region.
            let trimmed = cell.trim();
            let damaged = trimmed.starts_with(['\'', '=']) || trimmed.ends_with(".0");
            if !damaged {
                let parsed = PHONE_NUMBER_UTIL
                    .parse(trimmed, rules.default_region())
                    .expect("libphonenumber parses what was accepted");
                prop_assert!(parsed.is_valid(), "{cell:?}");
                prop_assert_eq!(parsed.format_as(PhoneNumberFormat::E164).to_string(), e164);
            }
        }
    }
}

/// Inputs the properties once failed on, kept as plain tests.
#[test]
fn regressions() {
    for input in [
        // The header's first cell starts with BOM bytes (a quote before a
        // BOM): unquoted, valid.csv would start with a BOM that readers
        // strip.
        &b"\"\xEF\xBB\xBF"[..],
        b"\xEF\xBB\xBF\xEF\xBB\xBFMobile Number,Name\n+919876543210,Asha\n",
        // BOM bytes on the line after a runaway quote are not the start of
        // the file: re-reading them must keep them.
        b"\"\n\xEF\xBB\xBF",
        b"Mobile Number,Name\n+919876543210,\"Asha\n\xEF\xBB\xBF+919876543211,Ravi\n",
        // A quote that never closes, opened on a later line of its record:
        // reported on that line.
        b"6000000000\n\"\n\",\"",
        // A quoted header cell starting with `[`: unquoted, valid.csv
        // would read as JSON.
        b"\"[6000000000",
    ] {
        let (split, report) = split_with(input, 2, 4).unwrap();
        assert_partition(&expected_records(input, &report), &split, &report);
        if !split.valid.is_empty() {
            let (again, _) = split_with(&split.valid, 1, 1).unwrap();
            assert_eq!(again.valid, split.valid);
        }
    }
}
