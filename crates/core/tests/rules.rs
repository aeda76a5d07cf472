//! One fixture per rule, named after its code (`fixtures/rules/CODE.csv`,
//! or `CODE.xlsx` for a rule of workbooks,
//! with `CODE.json` as the campaign when the rule needs its own): each test
//! asserts the finding's severity, location and exact message.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ringg_preflight::{
    Campaign, Code, DiscardRows, Finding, Flow, PreflightBuilder, Report, Severity,
};

/// The clock of every test: the day before the fixtures' campaign.
const NOW: &str = "2026-10-17T09:00:00+05:30";

fn at(rfc3339: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(rfc3339)
        .expect("an RFC 3339 time")
        .to_utc()
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/rules")
        .join(name)
}

/// Runs the fixture of `code` and returns the report with every finding kept.
fn run(code: &str) -> Report {
    run_with(code, |_| {})
}

/// Runs the fixture of `code` with the builder changed by `configure`.
fn run_with(code: &str, configure: impl FnOnce(&mut PreflightBuilder)) -> Report {
    let campaign_path = fixture(&format!("{code}.json"));
    let campaign_path = if campaign_path.exists() {
        campaign_path
    } else {
        fixture("campaign-base.json")
    };
    let campaign = Campaign::from_path(&campaign_path).expect("fixture campaign parses");
    let mut builder = PreflightBuilder::new();
    builder
        .campaign(campaign)
        .now(at(NOW))
        .keep_row_findings(true)
        .threads(1);
    configure(&mut builder);
    let preflight = builder.build().expect("preflight builds");
    // A rule of workbooks has a workbook for its fixture.
    let csv = fixture(&format!("{code}.csv"));
    let path = if csv.exists() {
        csv
    } else {
        fixture(&format!("{code}.xlsx"))
    };
    let input = std::fs::File::open(path).expect("fixture exists");
    let report = preflight
        .split(input, None, &mut DiscardRows)
        .expect("split runs");
    assert_eq!(report.valid_rows + report.invalid_rows, report.total_rows);
    report
}

fn all_findings(report: &Report) -> Vec<&Finding> {
    report
        .campaign
        .iter()
        .chain(&report.file)
        .chain(report.rows.iter().flatten())
        .collect()
}

/// Asserts the fixture of `code` yields exactly one finding of that code,
/// with this severity, location (line, row, column) and message.
fn expect(
    code: &str,
    severity: Severity,
    place: (Option<u64>, Option<u64>, Option<usize>),
    message: &str,
) {
    expect_with(code, |_| {}, severity, place, message);
}

/// The fixture read as UTF-8 (`--encoding utf-8`), not detected: what a
/// file declared UTF-8 with other bytes in it gets.
fn as_utf8(builder: &mut PreflightBuilder) {
    builder.encoding(ringg_preflight::InputEncoding::for_label("utf-8").unwrap());
}

/// [`expect`] with the builder changed by `configure`.
fn expect_with(
    code: &str,
    configure: impl FnOnce(&mut PreflightBuilder),
    severity: Severity,
    place: (Option<u64>, Option<u64>, Option<usize>),
    message: &str,
) {
    let report = run_with(code, configure);
    let wanted: Code = code.parse().unwrap();
    // A header error that blocks every row (no phone column) is repeated on
    // each row so invalid.csv says why; the header-level finding is the one
    // under test.
    let found: Vec<_> = all_findings(&report)
        .into_iter()
        .filter(|f| f.code == wanted)
        .filter(|f| !(matches!(wanted, Code::H001 | Code::F003) && f.location.row.is_some()))
        .collect();
    assert_eq!(found.len(), 1, "{code}: {:#?}", all_findings(&report));
    let finding = found[0];
    assert_eq!(finding.severity, severity, "{code}");
    assert_eq!(
        (
            finding.location.line,
            finding.location.row,
            finding.location.column
        ),
        place,
        "{code}"
    );
    assert_eq!(finding.message, message, "{code}");
    assert_eq!(finding.help, wanted.help());
}

#[test]
fn f001_not_utf8() {
    expect_with(
        "F001",
        as_utf8,
        Severity::Error,
        (Some(3), Some(2), Some(2)),
        "the cell `\u{fffd}\u{fffd}Ravi` is not valid UTF-8",
    );
}

#[test]
fn f002_bom() {
    expect(
        "F002",
        Severity::Info,
        (Some(1), None, None),
        "the file starts with a UTF-8 byte-order mark; it was stripped",
    );
    assert_eq!(
        run("F002").valid_rows,
        1,
        "the BOM must not hide the phone column"
    );
}

#[test]
fn f003_wrong_delimiter() {
    expect(
        "F003",
        Severity::Error,
        (Some(1), None, None),
        "the header is one column that contains `;`: the file is not comma-separated",
    );
}

#[test]
fn f004_ragged_row() {
    expect(
        "F004",
        Severity::Error,
        (Some(3), Some(2), None),
        "the row has 3 fields; the header has 2",
    );
}

#[test]
fn f005_blank_line() {
    expect(
        "F005",
        Severity::Info,
        (Some(3), None, None),
        "2 blank line(s) skipped, the first at line 3",
    );
    assert_eq!(run("F005").total_rows, 2);
}

#[test]
fn f006_unclosed_quote() {
    expect(
        "F006",
        Severity::Error,
        (Some(2), Some(1), None),
        "a quote opened on line 2 is never closed: the cell was cut at the end of line 2, and lines 3–4 were read as rows of their own",
    );
    let report = run("F006");
    assert_eq!(
        (report.total_rows, report.valid_rows),
        (3, 2),
        "the rows after the quote are checked, not swallowed"
    );
}

#[test]
fn f007_empty_file() {
    expect(
        "F007",
        Severity::Error,
        (Some(1), None, None),
        "the file is empty",
    );
}

#[test]
fn f008_header_only() {
    expect(
        "F008",
        Severity::Error,
        (Some(2), None, None),
        "the file has a header but no contact rows",
    );
}

#[test]
fn f009_file_encoding() {
    expect_with(
        "F009",
        as_utf8,
        Severity::Warn,
        (Some(3), None, None),
        "the file is not UTF-8 but looks like Windows-1252: 2 byte(s) are not UTF-8, the first on line 3 (`Jos\u{fffd}` reads `José`); rerun with `--encoding windows-1252`",
    );
    assert_eq!(
        run_with("F009", as_utf8).invalid_rows,
        2,
        "each such row is also F001"
    );
    // Detected (the default), the same file reads right.
    let detected = run("F009");
    assert_eq!(
        (detected.invalid_rows, detected.input.encoding),
        (0, Some("windows-1252"))
    );
}

#[test]
fn f009_a_legacy_encoding_declared_on_utf8() {
    let preflight = PreflightBuilder::new()
        .country_code("+91")
        .encoding(ringg_preflight::InputEncoding::windows_1252())
        .build()
        .unwrap();
    let input = "Mobile Number,Name\n+919876543210,José\n";
    let report = preflight
        .split(input.as_bytes(), None, &mut DiscardRows)
        .unwrap();
    let warned: Vec<_> = report
        .file
        .iter()
        .filter(|f| f.code == Code::F009)
        .collect();
    assert_eq!(warned.len(), 1, "{:?}", report.file);
    assert_eq!(warned[0].severity, Severity::Warn);
    assert_eq!(
        warned[0].message,
        "the file looks like UTF-8, but `--encoding windows-1252` reads `José` as `JosÃ©`; leave `--encoding` out"
    );
}

#[test]
fn h007_header_spelling() {
    expect(
        "H007",
        Severity::Warn,
        (Some(1), None, Some(1)),
        "column `mobile number` is read as `Mobile Number`, which the campaign names",
    );
    assert_eq!(run("H007").valid_rows, 1, "the column is used");
}

#[test]
fn f011_how_the_file_was_read() {
    expect(
        "F011",
        Severity::Info,
        (Some(1), None, None),
        "the fields are separated by `;`; the outputs use commas, as Ringg reads them",
    );
    let report = run("F011");
    assert_eq!(
        (report.valid_rows, report.input.delimiter.as_deref()),
        (1, Some(";"))
    );
    // A Windows-1252 file, as Excel on Windows saves it, is named.
    let report = run("F001");
    let named: Vec<_> = report
        .file
        .iter()
        .filter(|f| f.code == Code::F011)
        .collect();
    assert_eq!(named.len(), 1, "{:?}", report.file);
    assert!(
        named[0]
            .message
            .starts_with("the file is not UTF-8: it was read as windows-1252")
    );
}

#[test]
fn f010_nul_byte() {
    expect(
        "F010",
        Severity::Error,
        (Some(3), Some(2), Some(2)),
        "the cell `Asha\\0Rao` holds a NUL byte (0x00), which is not text",
    );
}

#[test]
fn h001_phone_column_missing() {
    expect(
        "H001",
        Severity::Error,
        (Some(1), None, None),
        "no column is named `Mobile Number`; did you mean `mobile_number`?",
    );
    let report = run("H001");
    assert_eq!(
        report.invalid_rows, 1,
        "no row is valid without a phone column"
    );
    // Said once for the file, not again for each row: the rows are counted.
    assert_eq!(report.rows_not_checked, 1);
    assert_eq!(report.by_rule[&Code::H001], 1);
    assert!(
        report.rows.iter().flatten().all(|f| f.code != Code::H001),
        "{:?}",
        report.rows
    );
}

#[test]
fn h002_duplicate_column() {
    expect(
        "H002",
        Severity::Error,
        (Some(1), None, Some(3)),
        "column `Name` appears twice (columns 2 and 3)",
    );
}

#[test]
fn h003_empty_column_name() {
    expect(
        "H003",
        Severity::Error,
        (Some(1), None, Some(2)),
        "column 2 has an empty name",
    );
}

#[test]
fn f012_unnamed_trailing_columns() {
    expect(
        "F012",
        Severity::Info,
        (Some(1), None, None),
        "the last 2 columns (3–4) have no name: left out of valid.csv, as no row may hold a value in them",
    );
    let report = run("F012");
    assert_eq!(
        (report.valid_rows, report.by_rule.get(&Code::H003)),
        (2, None)
    );
}

#[test]
fn a_value_under_an_unnamed_trailing_column_makes_its_row_invalid() {
    let preflight = PreflightBuilder::new().threads(1).build().unwrap();
    let (mut valid, mut invalid) = (Vec::new(), Vec::new());
    let report = preflight
        .split(
            &b"Mobile Number,Name,,\n+919876543210,Asha,,\n+919876543211,Ravi,,note\n"[..],
            Some(ringg_preflight::Outputs {
                valid: &mut valid,
                invalid: &mut invalid,
            }),
            &mut DiscardRows,
        )
        .unwrap();
    assert_eq!(
        String::from_utf8(valid).unwrap(),
        "Mobile Number,Name\n+919876543210,Asha\n"
    );
    assert_eq!(
        String::from_utf8(invalid).unwrap(),
        "Mobile Number,Name,,,preflight_row,preflight_errors\n+919876543211,Ravi,,note,2,\"H003: `note` is in column 4, which has no name in the header\"\n"
    );
    assert_eq!(report.invalid_rows, 1);
}

#[test]
fn h004_mapped_column_missing() {
    expect(
        "H004",
        Severity::Error,
        (Some(1), None, None),
        "`variables_map` maps `policy_id` to column `Policy Id`, which the header lacks",
    );
}

#[test]
fn h005_variable_not_mapped() {
    expect(
        "H005",
        Severity::Error,
        (Some(1), None, None),
        "the assistant uses `{{policy_id}}` but `variables_map` does not map it",
    );
}

#[test]
fn h006_required_variable_not_mapped() {
    expect(
        "H006",
        Severity::Error,
        (Some(1), None, None),
        "`variables_map` does not map `callee_name`, which Ringg requires",
    );
}

#[test]
fn p001_phone_empty() {
    expect(
        "P001",
        Severity::Error,
        (Some(3), Some(2), Some(1)),
        "the phone cell is empty",
    );
}

#[test]
fn p002_phone_repaired() {
    expect(
        "P002",
        Severity::Warn,
        (Some(2), Some(1), Some(1)),
        "repaired `=\"9876543210\"` (removed the =\"…\" wrapper) to +919876543210",
    );
}

#[test]
fn p003_scientific_notation() {
    expect(
        "P003",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`9.19876E+11` is in scientific notation: the spreadsheet lost its last digits",
    );
}

#[test]
fn p004_several_numbers() {
    expect(
        "P004",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`9876543210, 9876543211` holds more than one number",
    );
}

#[test]
fn p005_phone_letters() {
    expect(
        "P005",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`call after 5` contains letters",
    );
}

#[test]
fn p006_phone_extension() {
    expect(
        "P006",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`+91 98765 43210 ext 12` has an extension (12) the agent cannot dial",
    );
}

#[test]
fn p007_phone_invalid() {
    expect(
        "P007",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`98765` (+9198765) is not a valid IN number: too short",
    );
}

#[test]
fn p008_phone_type() {
    expect(
        "P008",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        "`1800 123 4567` (+9118001234567) is a toll free number",
    );
}

#[test]
fn p009_international_number() {
    expect(
        "P009",
        Severity::Warn,
        (Some(2), Some(1), Some(1)),
        "+12025550173 is an international number (+1, US); the campaign calls +91",
    );
}

#[test]
fn p010_duplicate_number() {
    expect(
        "P010",
        Severity::Error,
        (Some(3), Some(2), Some(1)),
        "+919876543210 already appears on row 1",
    );
}

#[test]
fn d001_not_a_date() {
    expect(
        "D001",
        Severity::Error,
        (Some(3), Some(2), Some(3)),
        "`31/02/2026` is not a real date: February 2026 has 28 days",
    );
}

#[test]
fn d002_date_format() {
    expect(
        "D002",
        Severity::Error,
        (Some(3), Some(2), Some(3)),
        "`2026-10-20` is YYYY-MM-DD; the column expects DD/MM/YYYY",
    );
    // `03/04/2026` on row 1 reads in both orders: the column's format
    // decides, so it is not flagged (the single D002 above is row 2's).
    assert_eq!(run("D002").valid_rows, 1);
}

#[test]
fn d002_date_format_repaired_under_fix() {
    let report = run_with("D002", |builder| {
        builder.fix(true);
    });
    let found: Vec<_> = all_findings(&report)
        .into_iter()
        .filter(|f| f.code == Code::D002)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Warn);
    assert_eq!(
        found[0].message,
        "`2026-10-20` is YYYY-MM-DD; repaired to `20/10/2026` (DD/MM/YYYY)"
    );
    assert_eq!(report.valid_rows, 2);
}

#[test]
fn d003_excel_serial_date() {
    expect(
        "D003",
        Severity::Error,
        (Some(2), Some(1), Some(3)),
        "`46000` is an Excel serial date: it stands for 09/12/2025",
    );
}

#[test]
fn d004_unknown_date_format() {
    expect(
        "D004",
        Severity::Error,
        (None, None, None),
        "`preflight.date_columns` gives `Due Date` the format `DD/MM/YY`, which is not one of \
         DD/MM/YYYY, D/M/YYYY, MM/DD/YYYY, M/D/YYYY, YYYY-MM-DD, DD-MM-YYYY, DD.MM.YYYY",
    );
    let report = run("D004");
    assert_eq!(
        report.campaign[0].location.field.as_deref(),
        Some("preflight.date_columns")
    );
    assert_eq!(
        report.valid_rows, 1,
        "the column is checked as DD/MM/YYYY meanwhile"
    );
}

/// Splits `csv` against the base campaign changed by `change`, keeping
/// every row finding.
fn split_inline(csv: &str, change: impl FnOnce(&mut Campaign)) -> Report {
    let mut campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    change(&mut campaign);
    PreflightBuilder::new()
        .campaign(campaign)
        .now(at(NOW))
        .keep_row_findings(true)
        .build()
        .unwrap()
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .unwrap()
}

fn codes_by_row(report: &Report) -> Vec<(u64, Code, Option<usize>)> {
    report
        .rows
        .iter()
        .flatten()
        .map(|f| (f.location.row.unwrap_or(0), f.code, f.location.column))
        .collect()
}

#[test]
fn date_columns_are_detected_by_content_even_when_unmapped() {
    let mut csv = String::from("Mobile Number,Name,Joined\n");
    for row in 0..20 {
        let joined = if row == 7 { "soon" } else { "20/10/2025" };
        csv.push_str(&format!("+9198765432{row:02},Asha,{joined}\n"));
    }
    let report = split_inline(&csv, |_| {});
    assert_eq!(codes_by_row(&report), [(8, Code::D001, Some(3))]);

    // Under 90% in one format: not a date column, nothing is said.
    let csv = csv.replace("20/10/2025\n+919876543201", "soon\n+919876543201");
    let csv = csv.replace("20/10/2025\n+919876543202", "soon\n+919876543202");
    let report = split_inline(&csv, |_| {});
    assert_eq!(codes_by_row(&report), []);
}

#[test]
fn date_columns_are_inferred_from_mapped_names_only() {
    let csv = "Mobile Number,Name,Birth Day,Due Date\n+919876543210,Asha,tomorrow,never\n";
    let report = split_inline(csv, |campaign| {
        campaign
            .variables_map
            .0
            .push(("birthday".into(), "Birth Day".into()));
    });
    // `Birth Day` is mapped; `Due Date` is not, and one cell in it is too
    // few to be detected as dates.
    assert_eq!(codes_by_row(&report), [(1, Code::D001, Some(3))]);
}

#[test]
fn empty_date_cells_are_v001s_business() {
    let csv = "Mobile Number,Name,Due Date\n+919876543210,Asha,\n";
    let required = split_inline(csv, |campaign| {
        campaign
            .variables_map
            .0
            .push(("due_date".into(), "Due Date".into()));
    });
    assert_eq!(codes_by_row(&required), [(1, Code::V001, Some(3))]);
    let optional = split_inline(csv, |campaign| {
        campaign
            .variables_map
            .0
            .push(("due_date".into(), "Due Date".into()));
        campaign
            .preflight
            .optional_variables
            .push("due_date".into());
    });
    assert_eq!(codes_by_row(&optional), []);
}

#[test]
fn a_declared_date_column_the_header_lacks_is_named() {
    let csv = "Mobile Number,Name,Due Date\n+919876543210,Asha,20/10/2026\n";
    let report = split_inline(csv, |campaign| {
        campaign
            .preflight
            .date_columns
            .insert("Due date".into(), "DD/MM/YYYY".into());
    });
    let messages: Vec<_> = report
        .file
        .iter()
        .map(|f| (f.code, f.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        [(
            Code::H004,
            "`preflight.date_columns` names column `Due date`, which the header lacks"
        )]
    );
}

#[test]
fn prompt_variables_must_be_mapped_and_filled() {
    let prompt = std::fs::read_to_string(fixture("../prompt.txt")).unwrap();
    let mut campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    campaign
        .variables_map
        .0
        .push(("policy_id".into(), "Policy ID".into()));
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
        .now(at(NOW))
        .prompt(&prompt)
        .keep_row_findings(true)
        .build()
        .unwrap();
    let csv = "Mobile Number,Name,Policy ID\n+919876543210,Asha,\n";
    let report = preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .unwrap();
    let file: Vec<_> = report
        .file
        .iter()
        .map(|f| (f.code, f.message.as_str()))
        .collect();
    assert_eq!(
        file,
        [(
            Code::H005,
            "the assistant uses `{{due_date}}` but `variables_map` does not map it"
        )]
    );
    assert_eq!(codes_by_row(&report), [(1, Code::V001, Some(3))]);
}

#[test]
fn an_optional_variable_may_be_unmapped_as_h005_advises() {
    let mut campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    campaign
        .preflight
        .optional_variables
        .push("due_date".into());
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
        .now(at(NOW))
        .prompt("Hello {{callee_name}}, due {{due_date}}, policy {{policy_id}}")
        .build()
        .unwrap();
    let report = preflight
        .split(
            "Mobile Number,Name\n+919876543210,Asha\n".as_bytes(),
            None,
            &mut DiscardRows,
        )
        .unwrap();
    let h005: Vec<_> = report
        .file
        .iter()
        .filter(|f| f.code == Code::H005)
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(
        h005,
        ["the assistant uses `{{policy_id}}` but `variables_map` does not map it"]
    );
}

#[test]
fn v001_empty_variable() {
    expect(
        "V001",
        Severity::Error,
        (Some(3), Some(2), Some(2)),
        "`Name` is empty; the assistant reads it as `{{callee_name}}`",
    );
}

#[test]
fn v002_long_cell() {
    expect(
        "V002",
        Severity::Warn,
        (Some(2), Some(1), Some(2)),
        "the cell has 1001 characters (over 1000)",
    );
}

#[test]
fn v003_formula_injection() {
    expect(
        "V003",
        Severity::Warn,
        (Some(2), Some(1), Some(2)),
        "`=HYPERLINK(\"x\")` starts with `=`: a spreadsheet would run it as a formula",
    );
}

#[test]
fn c010_country_code_deprecated() {
    expect(
        "C010",
        Severity::Warn,
        (None, None, None),
        "`country_code` is `IN`; write it as `+91`",
    );
}

#[test]
fn c011_unknown_country_code() {
    expect(
        "C011",
        Severity::Error,
        (None, None, None),
        "`country_code` `+999` is not a known calling code",
    );
}

#[test]
fn severities_can_be_overridden_and_rules_turned_off() {
    let mut campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    campaign
        .preflight
        .rules
        .insert(Code::P010, ringg_preflight::campaign::RuleSetting::Warn);
    campaign
        .preflight
        .rules
        .insert(Code::P009, ringg_preflight::campaign::RuleSetting::Off);
    campaign
        .preflight
        .rules
        .insert(Code::T001, ringg_preflight::campaign::RuleSetting::Info);
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
        .now(at(NOW))
        .keep_row_findings(true)
        .build()
        .unwrap();
    let csv = "Mobile Number,Name\n+919876543210,A\n+919876543210,B\n+12025550173,C\n";
    let report = preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .unwrap();
    assert_eq!(
        report.valid_rows, 3,
        "a duplicate set to warn keeps its row valid"
    );
    let codes: Vec<_> = report
        .rows
        .iter()
        .flatten()
        .map(|f| (f.code, f.severity))
        .collect();
    assert_eq!(
        codes,
        [(Code::P010, Severity::Warn), (Code::T001, Severity::Info)]
    );
}

#[test]
fn s001_suppressed() {
    expect(
        "S001",
        Severity::Error,
        (Some(2), Some(1), Some(1)),
        &format!(
            "`+919876543210` is on the suppression list {} (line 2)",
            fixture("S001-dnd.txt").display()
        ),
    );
    let report = run("S001");
    assert_eq!((report.valid_rows, report.invalid_rows), (1, 1));
    assert_eq!(
        report.suppressed.values().copied().collect::<Vec<_>>(),
        [1],
        "{:?}",
        report.suppressed
    );
}

#[test]
fn s002_consent_expired() {
    // The campaign starts on 18/10/2026: 21/04/2026 is 180 days before
    // (allowed), 20/04/2026 is 181.
    expect(
        "S002",
        Severity::Error,
        (Some(3), Some(2), Some(3)),
        "consent dated 20/04/2026 is 181 days old on the campaign's start (18/10/2026); at most 180 are allowed",
    );
    let report = run("S002");
    assert_eq!((report.valid_rows, report.invalid_rows), (1, 1));
}

#[test]
fn s003_suppression_entry_invalid() {
    expect(
        "S003",
        Severity::Warn,
        (None, None, None),
        &format!(
            "1 entry of {} is not a valid number (first on line 3): it suppresses nobody",
            fixture("S003-dnd.txt").display()
        ),
    );
}

#[test]
fn suppression_lists_from_options_add_to_the_campaigns() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("more.csv");
    std::fs::write(&list, "Name,Phone\nRavi,919876543212\n").unwrap();
    let report = run_with("S001", |builder| {
        builder.suppression_list(&list);
    });
    assert_eq!((report.valid_rows, report.invalid_rows), (0, 2));
    assert_eq!(report.suppressed.len(), 2);
    assert_eq!(report.suppressed[&list.display().to_string()], 1);
}

#[test]
fn a_million_entry_list_loads() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.txt");
    let mut text = String::with_capacity(15_000_000);
    for i in 0..1_000_000u64 {
        text.push_str(&format!("+9198{:08}\n", i));
    }
    std::fs::write(&path, text).unwrap();
    let rules = ringg_preflight::phone::PhoneRules::new(
        Some(91),
        &ringg_preflight::campaign::NumberType::ALL,
    );
    let list =
        ringg_preflight::suppression::SuppressionList::from_path(&path, &rules, "Mobile Number")
            .unwrap();
    assert_eq!(list.len(), 1_000_000);
    assert_eq!(list.invalid_entries, 0);
}

#[test]
fn p011_when_most_of_the_file_is_another_country() {
    let preflight = PreflightBuilder::new()
        .country_code("+91")
        .keep_row_findings(true)
        .build()
        .unwrap();
    let csv = "Mobile Number,Name\n+44 7400 123450,a\n+44 7400 123451,b\n+44 7400 123452,c\n07400 123457,d\n";
    let report = preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .unwrap();
    let p011: Vec<_> = report
        .rows
        .iter()
        .flatten()
        .filter(|f| f.code == Code::P011)
        .map(|f| (f.location.row, f.message.as_str()))
        .collect();
    assert_eq!(
        p011,
        [(
            Some(4),
            "`07400 123457` reads as +917400123457 in IN, or +447400123457 in GB, where most of the file's numbers are"
        )]
    );
    // Without such a majority, the same cell is an Indian number, quietly.
    let report = preflight
        .split(
            "Mobile Number,Name\n+44 7400 123450,a\n+919876543210,b\n07400 123457,d\n".as_bytes(),
            None,
            &mut DiscardRows,
        )
        .unwrap();
    assert!(report.rows.iter().flatten().all(|f| f.code != Code::P011));
}

#[test]
fn p011_looks_foreign() {
    expect(
        "P011",
        Severity::Warn,
        (Some(2), Some(1), Some(1)),
        "`(415) 555-2671` reads as +914155552671 in IN, or +14155552671 in US",
    );
}

// ---- Campaign window (C001–C009) -------------------------------------

/// Asserts the fixture of `code` yields exactly one campaign-level finding
/// of that code, about the campaign-file `field`, with this message.
fn expect_campaign(code: &str, severity: Severity, field: &str, message: &str) {
    let report = run(code);
    let wanted: Code = code.parse().unwrap();
    let found: Vec<_> = report
        .campaign
        .iter()
        .filter(|f| f.code == wanted)
        .collect();
    assert_eq!(found.len(), 1, "{code}: {:#?}", report.campaign);
    assert_campaign_finding(found[0], severity, field, message);
}

fn assert_campaign_finding(finding: &Finding, severity: Severity, field: &str, message: &str) {
    let code = finding.code;
    assert_eq!(finding.severity, severity, "{code}");
    assert_eq!(finding.location.field.as_deref(), Some(field), "{code}");
    assert_eq!(
        (
            finding.location.line,
            finding.location.row,
            finding.location.column
        ),
        (None, None, None),
        "{code}"
    );
    assert_eq!(finding.message, message, "{code}");
    assert_eq!(finding.help, code.help());
}

/// The base campaign of the rule fixtures, changed by `edit`.
fn campaign_with(edit: impl FnOnce(&mut Campaign)) -> Campaign {
    let mut campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    edit(&mut campaign);
    campaign
}

/// Checks `csv` against `campaign` with the clock at `now`, keeping every
/// row finding.
fn check(campaign: Option<Campaign>, now: &str, csv: &str) -> Report {
    let mut builder = PreflightBuilder::new();
    if let Some(campaign) = campaign {
        builder.campaign(campaign);
    } else {
        builder.country_code("+91");
    }
    let preflight = builder
        .now(at(now))
        .keep_row_findings(true)
        .build()
        .expect("preflight builds");
    preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .expect("split runs")
}

fn campaign_findings(report: &Report, code: Code) -> Vec<&Finding> {
    report.campaign.iter().filter(|f| f.code == code).collect()
}

/// (row, message) of every T001 finding.
fn callee_time_warnings(report: &Report) -> Vec<(u64, &str)> {
    report
        .rows
        .iter()
        .flatten()
        .filter(|f| f.code == Code::T001)
        .map(|f| {
            assert_eq!(f.severity, Severity::Error);
            assert_eq!(f.location.column_name.as_deref(), Some("Mobile Number"));
            (f.location.row.unwrap(), f.message.as_str())
        })
        .collect()
}

const FOUR_COUNTRIES: &str = "Mobile Number,Name\n\
    +919876543210,Asha\n\
    +1 212 555 0173,Ann\n\
    +1 415 555 0173,Bob\n\
    +44 7400 123456,Priya\n";

#[test]
fn c001_time_format() {
    expect_campaign(
        "C001",
        Severity::Error,
        "campaign_start_time",
        "`campaign_start_time` is `2026-10-18 09:00`; Ringg expects `DD/MM/YYYY, HH:MM`",
    );
}

#[test]
fn c001_names_impossible_dates_call_times_and_calling_hours() {
    let campaign = campaign_with(|c| {
        c.campaign_end_time = "31/02/2027, 18:00".into();
        c.call_config.call_time.call_end_time = "6pm".into();
        c.preflight.calling_hours.insert("US".into(), "8-21".into());
    });
    let report = check(
        Some(campaign),
        NOW,
        "Mobile Number,Name\n+919876543210,Asha\n",
    );
    let found = campaign_findings(&report, Code::C001);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert_campaign_finding(
        found[0],
        Severity::Error,
        "campaign_end_time",
        "`campaign_end_time` is `31/02/2027, 18:00`, which is not a real date and time",
    );
    assert_campaign_finding(
        found[1],
        Severity::Error,
        "call_config.call_time.call_end_time",
        "`call_end_time` is `6pm`; Ringg expects `HH:MM` on the 24-hour clock",
    );
    assert_campaign_finding(
        found[2],
        Severity::Error,
        "preflight.calling_hours.US",
        "`preflight.calling_hours.US` is `8-21`; expected `HH:MM-HH:MM` with the start before the end, e.g. `09:00-21:00`",
    );
    assert!(!report.would_upload, "a campaign-level error blocks upload");
    assert!(
        callee_time_warnings(&report).is_empty(),
        "no window, no T001"
    );
}

#[test]
fn c002_unknown_timezone() {
    expect_campaign(
        "C002",
        Severity::Error,
        "call_config.call_time.timezone",
        "`timezone` is `Asia/Kolkatta`, not an IANA time-zone name; did you mean `Asia/Kolkata`?",
    );
    let campaign = campaign_with(|c| c.call_config.call_time.timezone = "IST".into());
    let report = check(
        Some(campaign),
        NOW,
        "Mobile Number,Name\n+919876543210,Asha\n",
    );
    let found = campaign_findings(&report, Code::C002);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].message,
        "`timezone` is `IST`, not an IANA time-zone name"
    );
}

#[test]
fn c003_start_in_past() {
    expect_campaign(
        "C003",
        Severity::Error,
        "campaign_start_time",
        "`campaign_start_time` 16/10/2026, 09:00 (Asia/Kolkata) is not after now, 17/10/2026, 09:00 (Asia/Kolkata): Ringg refuses a start in the past",
    );
}

#[test]
fn c003_a_start_equal_to_now_is_refused_a_minute_later_is_not() {
    let csv = "Mobile Number,Name\n+919876543210,Asha\n";
    let report = check(
        Some(campaign_with(|_| ())),
        "2026-10-18T09:00:00+05:30",
        csv,
    );
    assert_eq!(campaign_findings(&report, Code::C003).len(), 1);
    let report = check(
        Some(campaign_with(|_| ())),
        "2026-10-18T08:59:00+05:30",
        csv,
    );
    assert_eq!(campaign_findings(&report, Code::C003).len(), 0);
}

#[test]
fn c004_end_before_start() {
    expect_campaign(
        "C004",
        Severity::Error,
        "campaign_end_time",
        "`campaign_end_time` 18/10/2026, 08:00 is not after `campaign_start_time` 18/10/2026, 09:00",
    );
}

#[test]
fn c005_call_window_inverted() {
    expect_campaign(
        "C005",
        Severity::Error,
        "call_config.call_time.call_start_time",
        "`call_start_time` 18:00 is not before `call_end_time` 09:00: the daily calling window is empty",
    );
}

#[test]
fn c006_no_calling_slot() {
    expect_campaign(
        "C006",
        Severity::Error,
        "call_config.call_time",
        "the daily calling window 09:00–18:00 (Asia/Kolkata) never falls between 18/10/2026, 19:00 and 18/10/2026, 23:00: no call can be made",
    );
}

#[test]
fn c007_dst_transition() {
    expect_campaign(
        "C007",
        Severity::Error,
        "campaign_end_time",
        "`campaign_end_time` 01/11/2026, 01:30 is ambiguous in America/New_York: it happens twice, at -04:00 EDT and again at -05:00 EST",
    );
}

/// A campaign in `zone` from `start` to `end`, calling 00:00–23:59.
fn dst_campaign(zone: &str, start: &str, end: &str) -> Campaign {
    campaign_with(|c| {
        c.call_config.call_time.timezone = zone.into();
        c.call_config.call_time.call_start_time = "00:00".into();
        c.call_config.call_time.call_end_time = "23:59".into();
        c.campaign_start_time = start.into();
        c.campaign_end_time = end.into();
    })
}

fn dst_messages(campaign: Campaign, now: &str) -> Vec<(String, String)> {
    let report = check(
        Some(campaign),
        now,
        "Mobile Number,Name\n+919876543210,Asha\n",
    );
    campaign_findings(&report, Code::C007)
        .into_iter()
        .map(|f| {
            assert_eq!(f.severity, Severity::Error);
            (f.location.field.clone().unwrap(), f.message.clone())
        })
        .collect()
}

#[test]
fn dst_gap_and_overlap_in_new_york() {
    let messages = dst_messages(
        dst_campaign("America/New_York", "08/03/2026, 02:30", "01/11/2026, 01:30"),
        "2026-01-01T00:00:00Z",
    );
    assert_eq!(
        messages,
        [
            (
                "campaign_start_time".to_owned(),
                "`campaign_start_time` 08/03/2026, 02:30 does not exist in America/New_York: the clocks go forward from 02:00 to 03:00 (-05:00 EST → -04:00 EDT)".to_owned()
            ),
            (
                "campaign_end_time".to_owned(),
                "`campaign_end_time` 01/11/2026, 01:30 is ambiguous in America/New_York: it happens twice, at -04:00 EDT and again at -05:00 EST".to_owned()
            ),
        ]
    );
}

#[test]
fn dst_gap_and_overlap_in_london() {
    let messages = dst_messages(
        dst_campaign("Europe/London", "29/03/2026, 01:30", "25/10/2026, 01:30"),
        "2026-01-01T00:00:00Z",
    );
    assert_eq!(
        messages,
        [
            (
                "campaign_start_time".to_owned(),
                "`campaign_start_time` 29/03/2026, 01:30 does not exist in Europe/London: the clocks go forward from 01:00 to 02:00 (+00:00 GMT → +01:00 BST)".to_owned()
            ),
            (
                "campaign_end_time".to_owned(),
                "`campaign_end_time` 25/10/2026, 01:30 is ambiguous in Europe/London: it happens twice, at +01:00 BST and again at +00:00 GMT".to_owned()
            ),
        ]
    );
}

#[test]
fn a_start_in_a_dst_gap_is_read_past_the_jump() {
    // 02:30 does not exist on 08/03/2026 in New York: it is read as 03:30
    // EDT, 07:30 UTC, so a clock at 07:15 UTC is before the start and one
    // at 07:45 UTC after it.
    let campaign = || dst_campaign("America/New_York", "08/03/2026, 02:30", "09/03/2026, 18:00");
    let csv = "Mobile Number,Name\n+919876543210,Asha\n";
    let before = check(Some(campaign()), "2026-03-08T07:15:00Z", csv);
    assert!(campaign_findings(&before, Code::C003).is_empty());
    let after = check(Some(campaign()), "2026-03-08T07:45:00Z", csv);
    assert_eq!(
        campaign_findings(&after, Code::C003)[0].message,
        "`campaign_start_time` 08/03/2026, 02:30 (America/New_York) is not after now, 08/03/2026, 03:45 (America/New_York): Ringg refuses a start in the past"
    );
}

#[test]
fn times_clear_of_transitions_are_not_dst_findings() {
    let messages = dst_messages(
        dst_campaign("Europe/London", "29/03/2026, 02:00", "25/10/2026, 02:00"),
        "2026-01-01T00:00:00Z",
    );
    assert!(messages.is_empty(), "{messages:?}");
}

#[test]
fn c008_retries_do_not_fit() {
    expect_campaign(
        "C008",
        Severity::Warn,
        "call_config.call_retry_config",
        "3 retries × 240 min (`retry_not_picked`) need 720 min after the first call, but the calling hours span only 540 min, from 18/10/2026, 09:00 to 18/10/2026, 18:00 (Asia/Kolkata)",
    );
}

#[test]
fn c008_counts_the_whole_span_of_a_multi_day_campaign() {
    // Two days of 09:00–18:00: 33 hours from the first opening to the last
    // close, so 3 × 240 min fit; 3 × 700 min do not.
    let campaign = |delay: u32| {
        campaign_with(|c| {
            c.campaign_end_time = "19/10/2026, 18:00".into();
            c.call_config.call_retry_config = Some(ringg_preflight::campaign::RetryConfig {
                retry_count: 3,
                retry_busy: 30,
                retry_not_picked: 30,
                retry_failed: delay,
            });
        })
    };
    let csv = "Mobile Number,Name\n+919876543210,Asha\n";
    assert!(campaign_findings(&check(Some(campaign(240)), NOW, csv), Code::C008).is_empty());
    let report = check(Some(campaign(700)), NOW, csv);
    assert_eq!(
        campaign_findings(&report, Code::C008)[0].message,
        "3 retries × 700 min (`retry_failed`) need 2100 min after the first call, but the calling hours span only 1980 min, from 18/10/2026, 09:00 to 19/10/2026, 18:00 (Asia/Kolkata)"
    );
}

/// `rows` distinct valid Indian mobile numbers under the base campaign.
fn generated_rows(rows: u32) -> String {
    let mut csv = String::from("Mobile Number,Name\n");
    for index in 0..rows {
        csv.push_str(&format!("+9198765{index:05},Contact {index}\n"));
    }
    csv
}

#[test]
fn c009_large_flow() {
    let report = check(Some(campaign_with(|_| ())), NOW, &generated_rows(5_000));
    assert_eq!(report.valid_rows, 5_000);
    assert_eq!(report.flow, Flow::Large);
    let found = campaign_findings(&report, Code::C009);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].severity, Severity::Info);
    assert_eq!(
        found[0].message,
        "5000 valid rows: Ringg's large-campaign flow applies (5,000 or more)"
    );

    let report = check(Some(campaign_with(|_| ())), NOW, &generated_rows(4_999));
    assert_eq!(report.flow, Flow::Standard);
    assert!(campaign_findings(&report, Code::C009).is_empty());
}

#[test]
fn a_sound_campaign_has_no_campaign_findings() {
    let report = run("T001");
    assert!(report.campaign.is_empty(), "{:#?}", report.campaign);
}

// ---- Callee local time (T001) -----------------------------------------

#[test]
fn t001_callee_local_time() {
    // Asia/Kolkata 09:00–18:00 on 18/10/2026 is 03:30–12:30 UTC.
    let report = run("T001");
    assert_eq!(
        callee_time_warnings(&report),
        [
            (
                2,
                "called 23:30–08:30 America/New_York; allowed 08:00–21:00"
            ),
            (
                3,
                "called 20:30–05:30 America/Los_Angeles; allowed 08:00–21:00"
            ),
            (
                4,
                "called 04:30–13:30 Europe/Guernsey, Europe/Isle_of_Man, Europe/London; allowed 08:00–21:00"
            ),
        ]
    );
    let finding = report
        .rows
        .iter()
        .flatten()
        .find(|f| f.code == Code::T001)
        .unwrap();
    assert_eq!(
        (
            finding.location.line,
            finding.location.row,
            finding.location.column
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_eq!(finding.help, Code::T001.help());
    // An error by default: the three rows are refused, the Indian one kept.
    assert_eq!(report.valid_rows, 1, "T001 refuses the row");
    assert_eq!(report.invalid_rows, 3);
}

#[test]
fn t001_counts_the_numbers_it_cannot_place_in_a_zone() {
    // +882 13 600000 is a valid non-geographic number: no time zone.
    let csv = "Mobile Number,Name\n+88213600000,Sat\n+919876543210,Asha\n";
    let campaign = Campaign::from_path(&fixture("campaign-base.json")).unwrap();
    let report = check(Some(campaign), NOW, csv);
    assert_eq!(
        report.calling_hours,
        Some(ringg_preflight::report::CallingHoursCounts { unknown_zone: 1 })
    );
    assert_eq!(
        check(None, NOW, csv).calling_hours,
        None,
        "T001 did not run"
    );
}

#[test]
fn t001_from_new_york() {
    // America/New_York 09:00–17:00 on 19/10/2026 (EDT) is 13:00–21:00 UTC.
    let campaign = campaign_with(|c| {
        c.country_code = "+1".into();
        c.campaign_start_time = "19/10/2026, 09:00".into();
        c.campaign_end_time = "19/10/2026, 17:00".into();
        c.call_config.call_time.call_start_time = "09:00".into();
        c.call_config.call_time.call_end_time = "17:00".into();
        c.call_config.call_time.timezone = "America/New_York".into();
    });
    let report = check(Some(campaign), NOW, FOUR_COUNTRIES);
    assert_eq!(
        callee_time_warnings(&report),
        [
            (1, "called 18:30–02:30 Asia/Calcutta; allowed 09:00–21:00"),
            (
                3,
                "called 06:00–14:00 America/Los_Angeles; allowed 08:00–21:00"
            ),
            (
                4,
                "called 14:00–22:00 Europe/Guernsey, Europe/Isle_of_Man, Europe/London; allowed 08:00–21:00"
            ),
        ]
    );
}

#[test]
fn t001_follows_the_callee_zone_across_its_dst_change() {
    // 12:30–18:00 IST is 08:00–13:30 in London while it keeps summer time
    // (to 25/10/2026), then 07:00–12:30: only the later days are named.
    let campaign = campaign_with(|c| {
        c.campaign_start_time = "24/10/2026, 12:30".into();
        c.campaign_end_time = "26/10/2026, 18:00".into();
        c.call_config.call_time.call_start_time = "12:30".into();
        c.call_config.call_time.call_end_time = "18:00".into();
    });
    let report = check(
        Some(campaign),
        NOW,
        "Mobile Number,Name\n+919876543210,Asha\n+44 7400 123456,Priya\n",
    );
    assert_eq!(
        callee_time_warnings(&report),
        [(
            2,
            "called 07:00–12:30 Europe/Guernsey, Europe/Isle_of_Man, Europe/London; allowed 08:00–21:00"
        )]
    );
}

#[test]
fn t001_legal_hours_follow_preflight_calling_hours() {
    let campaign = campaign_with(|c| {
        let hours = &mut c.preflight.calling_hours;
        hours.insert("IN".into(), "10:00-20:00".into());
        hours.insert("GB".into(), "04:00-14:00".into());
        hours.insert("default".into(), "07:00-23:00".into());
    });
    let report = check(Some(campaign), NOW, FOUR_COUNTRIES);
    assert!(report.campaign.is_empty(), "{:#?}", report.campaign);
    assert_eq!(
        callee_time_warnings(&report),
        [
            (1, "called 09:00–18:00 Asia/Calcutta; allowed 10:00–20:00"),
            (
                2,
                "called 23:30–08:30 America/New_York; allowed 08:00–21:00"
            ),
            (
                3,
                "called 20:30–05:30 America/Los_Angeles; allowed 08:00–21:00"
            ),
        ],
        "GB's own hours cover 04:30–13:30; the US keeps the TCPA's"
    );
}

#[test]
fn t001_needs_a_campaign_and_can_be_turned_off() {
    let report = check(None, NOW, FOUR_COUNTRIES);
    assert_eq!(report.valid_rows, 4);
    assert!(callee_time_warnings(&report).is_empty());

    let campaign = campaign_with(|c| {
        c.preflight
            .rules
            .insert(Code::T001, ringg_preflight::campaign::RuleSetting::Off);
    });
    let report = check(Some(campaign), NOW, FOUR_COUNTRIES);
    assert!(callee_time_warnings(&report).is_empty());
    assert!(!report.by_rule.contains_key(&Code::T001));
}

#[test]
fn t001_verdicts_are_the_same_on_many_threads() {
    // The verdict cache is filled by whichever thread gets there first.
    let mut csv = String::from("Mobile Number,Name\n");
    for index in 0..2_000 {
        let number = match index % 4 {
            0 => format!("+9198765{index:05}"),
            1 => format!("+1212555{:04}", index % 10_000),
            2 => format!("+1415555{:04}", index % 10_000),
            _ => format!("+44740012{index:04}"),
        };
        csv.push_str(&format!("{number},Contact {index}\n"));
    }
    let preflight = PreflightBuilder::new()
        .campaign(campaign_with(|_| ()))
        .now(at(NOW))
        .threads(4)
        .batch_size(64)
        .build()
        .unwrap();
    let report = preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .unwrap();
    assert_eq!(report.by_rule.get(&Code::T001), Some(&1_500));
}

#[test]
fn v004_cell_error() {
    expect(
        "V004",
        Severity::Error,
        (Some(3), Some(2), Some(2)),
        "the cell holds the error value `#N/A`: the formula behind it failed",
    );
    let report = run("V004");
    let finding = report.rows.iter().flatten().find(|f| f.code == Code::V004);
    assert_eq!(
        finding.and_then(|f| f.location.cell.as_deref()),
        Some("Contacts!B3")
    );
    // The phone checks do not read it: no P005 "letters" for `#N/A`.
    assert_eq!(report.by_rule.get(&Code::P005), None);
}
