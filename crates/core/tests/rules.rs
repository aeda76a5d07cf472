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
        .keep_row_findings(true)
        .threads(1);
    configure(&mut builder);
    let preflight = builder.build().expect("preflight builds");
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
