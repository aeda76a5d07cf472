//! One fixture per rule, named after its code (`fixtures/rules/CODE.csv`,
//! with `CODE.json` as the campaign when the rule needs its own): each test
//! asserts the finding's severity, location and exact message.

use std::path::PathBuf;

use ringg_preflight::{Campaign, Code, DiscardRows, Finding, PreflightBuilder, Report, Severity};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures/rules")
        .join(name)
}

/// Runs the fixture of `code` and returns the report with every finding kept.
fn run(code: &str) -> Report {
    let campaign_path = fixture(&format!("{code}.json"));
    let campaign_path = if campaign_path.exists() {
        campaign_path
    } else {
        fixture("campaign-base.json")
    };
    let campaign = Campaign::from_path(&campaign_path).expect("fixture campaign parses");
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
        .keep_row_findings(true)
        .threads(1)
        .build()
        .expect("preflight builds");
    let input = std::fs::File::open(fixture(&format!("{code}.csv"))).expect("fixture exists");
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
    let report = run(code);
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
    expect(
        "F001",
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
        "a quote opened on line 2 is never closed: the rest of the file was read as one cell",
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
    let row = report
        .rows
        .iter()
        .flatten()
        .find(|f| f.location.row == Some(1))
        .unwrap();
    assert_eq!(
        row.message,
        "row not checked: no column is named `Mobile Number`; did you mean `mobile_number`?"
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
        (Some(1), None, Some(3)),
        "column 3 has an empty name",
    );
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
        "`+91 98765 43210 ext 12` has an extension (ext 12) the agent cannot dial",
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
    let preflight = PreflightBuilder::new()
        .campaign(campaign)
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
    assert_eq!(codes, [(Code::P010, Severity::Warn)]);
}
