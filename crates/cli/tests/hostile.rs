//! The hostile-input corpus (`fixtures/hostile/`, plus the large cases
//! generated here): for each file, `check` and `split` exit 0, 1 or 2
//! without panicking, report a specific finding or error, never modify the
//! input, and `split` loses no row.

mod common;

use std::path::Path;

use common::{assert_partition, check, files_in, findings, hostile, records, split};

/// `check` and `split` of a fixture that is read as CSV: the report of
/// `check`, after asserting the split partitions `expected` (the records
/// the file should be read as; the file's own records when `None`).
fn check_and_split(file: &Path, extra: &[&str], expected: Option<&[u8]>) -> serde_json::Value {
    let checked = check(file, extra);
    assert!(checked.status <= 1, "{checked:?}");
    let report = checked.report();
    let out = tempfile::tempdir().unwrap();
    let split_run = split(file, out.path(), extra);
    assert_eq!(
        split_run.status, checked.status,
        "split exits as check does: {split_run:?}"
    );
    let bytes = std::fs::read(file).unwrap();
    let split_report = assert_partition(&records(expected.unwrap_or(&bytes)), out.path());
    for key in ["total_rows", "valid_rows", "invalid_rows", "by_rule"] {
        assert_eq!(
            split_report[key], report[key],
            "check and split agree on {key}"
        );
    }
    report
}

fn has(report: &serde_json::Value, code: &str, line: u64, message: &str) {
    let all = findings(report);
    assert!(
        all.iter()
            .any(|(c, l, m)| c == code && *l == Some(line) && m == message),
        "no {code} at line {line} saying {message:?} in {all:#?}"
    );
}

#[test]
fn invalid_utf8_in_a_name_is_f001_and_kept_byte_for_byte() {
    let file = hostile("invalid-utf8-name.csv");
    let report = check_and_split(&file, &["--encoding", "utf-8"], None);
    has(
        &report,
        "F001",
        3,
        "the cell `\u{fffd}Ravi\u{fffd}` is not valid UTF-8",
    );
    assert_eq!(report["invalid_rows"], 1);
}

#[test]
fn windows_1252_is_detected_by_default_and_named_when_declared_utf8() {
    let file = hostile("windows-1252.csv");
    let decoded = "Mobile Number,Name\r\n+919876543210,José García\r\n+919876543211,Zoë Müller\r\n+919876543212,Asha Rao\r\n";
    // Detected: read right with no flag, and said so.
    let report = check_and_split(&file, &[], Some(decoded.as_bytes()));
    assert_eq!(report["valid_rows"], 3, "{report}");
    assert_eq!(report["input"]["encoding"], "windows-1252");
    has(
        &report,
        "F011",
        1,
        "the file is not UTF-8: it was read as windows-1252 (detected from its bytes; `--encoding` chooses another)",
    );
    // Declared UTF-8: the bytes are kept and the likely encoding named.
    let report = check_and_split(&file, &["--encoding", "utf-8"], None);
    has(
        &report,
        "F009",
        2,
        "the file is not UTF-8 but looks like Windows-1252: 4 byte(s) are not UTF-8, the first on line 2 (`Jos\u{fffd} Garc\u{fffd}a` reads `José García`); rerun with `--encoding windows-1252`",
    );
    assert_eq!(report["invalid_rows"], 2, "each such row is F001");

    let report = check_and_split(
        &file,
        &["--encoding", "windows-1252"],
        Some(decoded.as_bytes()),
    );
    assert_eq!(
        (
            report["valid_rows"].as_u64(),
            report["invalid_rows"].as_u64()
        ),
        (Some(3), Some(0))
    );
    assert!(findings(&report).is_empty(), "{report}");
    let out = tempfile::tempdir().unwrap();
    split(&file, out.path(), &["--encoding", "latin1"]);
    let valid = std::fs::read_to_string(out.path().join("valid.csv")).unwrap();
    assert!(
        valid.contains("José García") && valid.contains("Zoë Müller"),
        "{valid}"
    );
}

#[test]
fn utf16_is_read_by_default_and_refused_when_declared_utf8() {
    let file = hostile("utf16-bom.csv");
    let decoded = "Mobile Number,Name\r\n+919876543210,Zoë\r\n";
    let report = check_and_split(&file, &[], Some(decoded.as_bytes()));
    assert_eq!(report["valid_rows"], 1, "{report}");
    assert_eq!(report["input"]["encoding"], "UTF-16LE");
    let checked = check(&file, &["--encoding", "utf-8"]);
    assert_eq!(checked.status, 2);
    assert!(
        checked.stderr.contains(
            "the input is UTF-16 text (it starts with a UTF-16 byte-order mark), not a CSV file"
        ),
        "{checked:?}"
    );
    assert!(checked.stderr.contains("--encoding utf-16"), "{checked:?}");
    let out = tempfile::tempdir().unwrap();
    assert_eq!(split(&file, out.path(), &["--encoding", "utf-8"]).status, 2);
    assert!(files_in(out.path()).is_empty(), "nothing written");

    let report = check_and_split(
        &file,
        &["--encoding", "utf-16"],
        Some("Mobile Number,Name\r\n+919876543210,Zoë\r\n".as_bytes()),
    );
    assert_eq!(report["valid_rows"], 1);

    // Without a BOM: every other byte is NUL.
    let dir = tempfile::tempdir().unwrap();
    let bare = dir.path().join("utf16le.csv");
    let text: Vec<u8> = "Mobile Number,Name\n+919876543210,Asha\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(&bare, text).unwrap();
    let report = check(&bare, &[]).report();
    assert_eq!(
        (
            report["valid_rows"].as_u64(),
            report["input"]["encoding"].as_str()
        ),
        (Some(1), Some("UTF-16LE"))
    );
    let checked = check(&bare, &["--encoding", "utf-8"]);
    assert_eq!(checked.status, 2);
    assert!(
        checked
            .stderr
            .contains("UTF-16 text without a byte-order mark"),
        "{checked:?}"
    );
}

#[test]
fn nul_bytes_are_f010_and_kept_byte_for_byte() {
    let file = hostile("nul-bytes.csv");
    let report = check_and_split(&file, &[], None);
    has(
        &report,
        "F010",
        3,
        "the cell `Ravi\\0Kumar` holds a NUL byte (0x00), which is not text",
    );
}

#[test]
fn a_quote_that_never_closes_is_reported_where_it_opened_and_the_rows_after_it_are_read() {
    let file = hostile("unclosed-quote.csv");
    // What the file reads as once the quote is closed at the end of its
    // line: the rows after it are rows, not one cell.
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let closed = text.replacen("Kumar\n", "Kumar\"\n", 1);
    let report = check_and_split(&file, &[], Some(closed.as_bytes()));
    has(
        &report,
        "F006",
        3,
        "a quote opened on line 3 is never closed: the cell was cut at the end of line 3, and lines 4–6 were read as rows of their own",
    );
    has(
        &report,
        "P007",
        6,
        "`12345` (+9112345) is not a valid IN number: too short",
    );
    assert_eq!(
        (report["total_rows"].as_u64(), report["valid_rows"].as_u64()),
        (Some(5), Some(3))
    );
}

#[test]
fn a_quote_that_closes_rows_later_names_the_swallowed_lines() {
    let file = hostile("quote-closes-late.csv");
    let report = check_and_split(&file, &[], None);
    has(
        &report,
        "F006",
        3,
        "the cell spans lines 3–5, and lines after the first look like rows of their own (`+919876543212,Meera`): a quote opened on line 3 most likely closes in the wrong place",
    );
}

#[test]
fn cr_only_line_endings_number_lines_as_an_editor_does() {
    let file = hostile("cr-only.csv");
    let report = check_and_split(&file, &[], None);
    assert_eq!(report["valid_rows"], 3);
    has(
        &report,
        "F005",
        4,
        "1 blank line(s) skipped, the first at line 4",
    );
}

#[test]
fn mixed_crlf_and_lf_keep_lines_and_multiline_cells() {
    let file = hostile("mixed-crlf-lf.csv");
    let report = check_and_split(&file, &[], None);
    has(
        &report,
        "P007",
        6,
        "`12345` (+9112345) is not a valid IN number: too short",
    );
    assert_eq!(report["valid_rows"], 3);
}

#[test]
fn a_file_of_only_a_bom_is_empty() {
    let file = hostile("bom-only.csv");
    let checked = check(&file, &[]);
    assert_eq!(checked.status, 1);
    let report = checked.report();
    has(&report, "F007", 1, "the file is empty");
    has(
        &report,
        "F002",
        1,
        "the file starts with a UTF-8 byte-order mark; it was stripped",
    );
    let out = tempfile::tempdir().unwrap();
    assert_eq!(
        split(&file, out.path(), &[]).status,
        check(&file, &[]).status
    );
    assert_eq!(
        files_in(out.path()),
        ["invalid.csv", "report.json", "valid.csv"]
    );
    assert_eq!(std::fs::read(out.path().join("valid.csv")).unwrap(), b"");
}

#[test]
fn a_header_line_holding_only_a_bom_leaves_no_phone_column() {
    let file = hostile("header-only-bom.csv");
    let report = check_and_split(&file, &[], None);
    // The blank line after the BOM is skipped; the first row becomes the
    // header, on line 2.
    has(&report, "H001", 2, "no column is named `Mobile Number`");
    has(
        &report,
        "F005",
        1,
        "1 blank line(s) skipped, the first at line 1",
    );
}

#[test]
fn a_trailing_delimiter_on_every_row_is_an_unnamed_column_left_out() {
    let file = hostile("trailing-delimiter.csv");
    let report = check_and_split(&file, &[], None);
    has(
        &report,
        "F012",
        1,
        "the last column (3) has no name: left out of valid.csv, as no row may hold a value in them",
    );
    assert_eq!(report["valid_rows"], 2, "the rows themselves are fine");
}

#[test]
fn quoted_header_names_are_names() {
    let file = hostile("quoted-header.csv");
    let report = check_and_split(&file, &[], None);
    assert_eq!(report["valid_rows"], 2);
    assert!(findings(&report).is_empty(), "{report}");
}

#[test]
fn json_and_a_truncated_workbook_named_csv_are_refused_by_content() {
    for (name, what) in [
        ("json-named.csv", "the input is JSON, not a CSV file"),
        (
            // The first bytes of an .xlsx, cut off: read as the workbook
            // it claims to be, which cannot be opened.
            "xlsx-named.csv",
            "the input is a zip archive that cannot be opened",
        ),
    ] {
        let file = hostile(name);
        let checked = check(&file, &[]);
        assert_eq!(checked.status, 2, "{name}");
        assert!(checked.stderr.contains(what), "{name}: {checked:?}");
        let out = tempfile::tempdir().unwrap();
        let run = split(&file, out.path(), &[]);
        assert_eq!(run.status, 2, "{name}");
        assert!(files_in(out.path()).is_empty(), "{name}: nothing written");
    }
}

#[test]
fn a_ten_megabyte_field_stops_at_the_limit_or_passes_under_a_raised_one() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ten-megabyte-field.csv");
    let mut text = b"Mobile Number,Name\n+919876543210,".to_vec();
    text.extend(std::iter::repeat_n(b'a', 10 << 20));
    text.extend_from_slice(b"\n+919876543211,Ravi\n");
    std::fs::write(&file, &text).unwrap();

    let checked = check(&file, &[]);
    assert_eq!(checked.status, 2);
    assert!(
        checked.stderr.contains(
            "field 2 of the record on line 2 is longer than the limit of 1048576 bytes (1 MiB)"
        ),
        "{checked:?}"
    );
    let out = dir.path().join("out");
    let run = split(&file, &out, &[]);
    assert_eq!(run.status, 2);
    assert!(
        files_in(&out).is_empty(),
        "nothing left behind: {:?}",
        files_in(&out)
    );

    let raised = ["--max-field-bytes", "16M", "--max-row-bytes", "16M"];
    let report = check_and_split(&file, &raised, None);
    assert_eq!(report["valid_rows"], 2);
    has(
        &report,
        "V002",
        2,
        "the cell has 10485760 characters (over 1000)",
    );
}

#[test]
fn ten_thousand_columns() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ten-thousand-columns.csv");
    let columns = 10_000;
    let mut text = String::from("Mobile Number,Name");
    for c in 3..=columns {
        text.push_str(&format!(",c{c}"));
    }
    text.push('\n');
    for (phone, width) in [
        ("+919876543210", columns),
        ("+919876543211", columns - 1),
        ("+919876543212", columns),
    ] {
        text.push_str(phone);
        text.push_str(",Asha");
        for c in 3..=width {
            text.push_str(&format!(",v{c}"));
        }
        text.push('\n');
    }
    std::fs::write(&file, &text).unwrap();
    let report = check_and_split(&file, &[], None);
    has(
        &report,
        "F004",
        3,
        "the row has 9999 fields; the header has 10000",
    );
    assert_eq!(report["valid_rows"], 2);
}

#[test]
fn an_unknown_encoding_is_a_usage_error() {
    let checked = check(&hostile("windows-1252.csv"), &["--encoding", "klingon"]);
    assert_eq!(checked.status, 2);
    assert!(
        checked.stderr.contains("`klingon` names no encoding"),
        "{checked:?}"
    );
}

#[test]
fn the_row_limit_stops_the_run_with_a_clear_error() {
    let file = common::root().join("fixtures/contacts.csv");
    let checked = check(&file, &["--max-rows", "3"]);
    assert_eq!(checked.status, 2);
    assert!(
        checked.stderr.contains(
            "the file has more than 3 rows, the limit (raise it with --max-rows if the file is right)"
        ),
        "{checked:?}"
    );
    assert_eq!(
        check(&file, &["--max-rows", "10"]).report()["total_rows"],
        10,
        "a file at the limit is read"
    );
}
