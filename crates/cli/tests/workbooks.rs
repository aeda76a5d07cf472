//! Issue 18, lists as spreadsheets hold them: `.xlsx`, `.xls` and `.ods`
//! workbooks and the CSV files spreadsheets export (written by
//! `fixtures/workbooks/make.py` as the real programs write them) checked
//! and split end to end through the binary without a flag, outputs
//! compared exactly; and the hostile workbooks, refused with a clear error.

use std::fs;
use std::io::Write;
use std::path::Path;

use assert_cmd::Command;

const NOW: &str = "2026-10-17T09:00:00+05:30";
const CAMPAIGN: &str = "fixtures/campaign.json";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

struct Run {
    status: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Run {
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .current_dir(root())
        .args(args)
        .args(["--campaign", CAMPAIGN, "--now", NOW])
        .output()
        .unwrap();
    // Diagnostics wrap at the terminal's width: compared as one line.
    let stderr = String::from_utf8_lossy(&output.stderr)
        .split_whitespace()
        .filter(|word| !matches!(*word, "│" | "╰─▶"))
        .collect::<Vec<_>>()
        .join(" ");
    Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr,
    }
}

/// `split FILE extra…`: (status, valid.csv, invalid.csv, report.json);
/// panics unless the split wrote its outputs.
fn split(file: &str, extra: &[&str]) -> (i32, String, String, serde_json::Value) {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().to_str().unwrap();
    let mut args = vec!["split", file, "--out-dir", dir, "-q"];
    args.extend_from_slice(extra);
    let run = run(&args);
    assert!(run.status < 2, "{file}: {}", run.stderr);
    let read = |name: &str| fs::read_to_string(out.path().join(name)).unwrap();
    (
        run.status,
        read("valid.csv"),
        read("invalid.csv"),
        serde_json::from_str(&read("report.json")).unwrap(),
    )
}

/// Each row finding of `check --format json`: (code, cell, line, message).
fn row_findings(file: &str, extra: &[&str]) -> Vec<(String, String, u64, String)> {
    let mut args = vec!["check", file, "--format", "json", "--no-redact"];
    args.extend_from_slice(extra);
    let run = run(&args);
    assert!(run.status < 2, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["location"]["cell"].as_str().unwrap_or("").to_owned(),
                f["location"]["line"].as_u64().unwrap(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const HEADER: &str = "Name,Mobile Number,Policy ID,Due Date\n";

#[test]
fn an_xlsx_is_read_by_cell_type_and_split_like_its_csv() {
    let (status, valid, invalid, report) = split("fixtures/workbooks/contacts.xlsx", &[]);
    assert_eq!(status, 0);
    // Numbers written out exactly (and as E.164: the P002 repair), a date
    // cell in the column's format, a formula by its value.
    assert_eq!(
        valid,
        format!(
            "{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n\
             Vikram Shah,+919812345678,P-1002,21/10/2026\n\
             Meera Iyer,+919876543211,P-1003,20/10/2026\n\
             Kiran Mehta,+919876543212,P-1004,20/10/2026\n"
        )
    );
    assert_eq!(
        invalid,
        "Name,Mobile Number,Policy ID,Due Date,preflight_row,preflight_errors\n\
         Ravi Kumar,919876543213,#N/A,20/10/2026,5,V004: the cell holds the error value `#N/A`: the formula behind it failed\n\
         Sara Khan,919876543214,,20/10/2026,6,V004: the cell holds a formula the workbook has no computed value for (it was saved without calculating)\n\
         Dev Patel,9.19877E+17,P-1009,20/10/2026,7,P003: `9.19877E+17` is in scientific notation: the spreadsheet lost its last digits\n"
    );
    assert_eq!(
        report["input"],
        serde_json::json!({"format": "xlsx", "sheet": "Contacts"})
    );
    assert_eq!(report["total_rows"], 7);
    // No D003 "Excel serial" for a real date cell, no P005 for `#N/A`.
    let by_rule = report["by_rule"].as_object().unwrap();
    assert!(
        !by_rule.contains_key("D003") && !by_rule.contains_key("P005"),
        "{by_rule:?}"
    );
}

#[test]
fn findings_name_the_cell_and_the_sheet_row() {
    let findings = row_findings("fixtures/workbooks/contacts.xlsx", &[]);
    let wanted = [
        (
            "P002",
            "Contacts!B2",
            2,
            "the cell is a number, not text (a spreadsheet shows it as `9.19877E+11`, and a CSV export of it can lose digits): read exactly as +919876543210",
        ),
        (
            "P002",
            "Contacts!B4",
            4,
            "the cell is a number, not text: read exactly as +919876543211",
        ),
        (
            "P002",
            "Contacts!B5",
            5,
            "the cell is a number, not text (a spreadsheet shows it as `9.19877E+11`, and a CSV export of it can lose digits): read exactly as +919876543212",
        ),
        (
            "V004",
            "Contacts!C6",
            6,
            "the cell holds the error value `#N/A`: the formula behind it failed",
        ),
        (
            "P002",
            "Contacts!B6",
            6,
            "the cell is a number, not text (a spreadsheet shows it as `9.19877E+11`, and a CSV export of it can lose digits): read exactly as +919876543213",
        ),
        (
            "V004",
            "Contacts!C7",
            7,
            "the cell holds a formula the workbook has no computed value for (it was saved without calculating)",
        ),
        (
            "P002",
            "Contacts!B7",
            7,
            "the cell is a number, not text (a spreadsheet shows it as `9.19877E+11`, and a CSV export of it can lose digits): read exactly as +919876543214",
        ),
        // Row 8 is empty: the next contact is on row 9.
        (
            "P003",
            "Contacts!B9",
            9,
            "`9.19877E+17` is in scientific notation: the spreadsheet lost its last digits",
        ),
    ];
    let wanted: Vec<_> = wanted
        .iter()
        .map(|(c, cell, line, m)| (c.to_string(), cell.to_string(), *line, m.to_string()))
        .collect();
    assert_eq!(findings, wanted);
}

#[test]
fn github_annotations_point_at_the_workbook_and_its_rows() {
    let run = run(&[
        "check",
        "fixtures/workbooks/contacts.xlsx",
        "--format",
        "github",
    ]);
    let v004: Vec<&str> = run
        .stdout
        .lines()
        .filter(|l| l.contains("title=V004"))
        .collect();
    assert_eq!(v004.len(), 2, "{}", run.stdout);
    assert!(
        v004[0].starts_with(
            "::error file=fixtures/workbooks/contacts.xlsx,line=6,col=3,title=V004::Contacts!C6, row 5, column `Policy ID`: "
        ),
        "{}",
        v004[0]
    );
}

#[test]
fn the_human_report_names_the_cell() {
    let mut run = run(&["check", "fixtures/workbooks/contacts.xlsx", "--no-redact"]);
    // The report goes to standard output when that is not a terminal.
    run.stderr = run.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    run.stderr = run.stderr.replace(" │ ", " ");
    assert!(
        run.stderr
            .contains("V004 Contacts!C6, row 5, column `Policy ID`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("sheet `Contacts` (of 2 sheets; `--sheet` chooses the other)"),
        "{}",
        run.stderr
    );
}

#[test]
fn sheets_are_chosen_by_name_or_number_and_listed_when_wrong() {
    let (_, _, _, report) = split("fixtures/workbooks/contacts.xlsx", &["--sheet", "2"]);
    assert_eq!(report["input"]["sheet"], "Notes");
    // The Notes sheet has no phone column.
    assert_eq!(report["valid_rows"], 0);
    let (_, _, _, report) = split("fixtures/workbooks/contacts.xlsx", &["--sheet", "notes"]);
    assert_eq!(report["input"]["sheet"], "Notes");

    let wrong = run(&[
        "check",
        "fixtures/workbooks/contacts.xlsx",
        "--sheet",
        "Leads",
    ]);
    assert_eq!(wrong.status, 2);
    assert!(
        wrong.stderr.contains(
            "the workbook has no sheet `Leads`; its sheets are `Contacts`, `Notes` (--sheet takes a name, or a number from 1)"
        ),
        "{}",
        wrong.stderr
    );
}

#[test]
fn an_ods_and_an_xls_read_like_the_xlsx() {
    let (_, valid, _, report) = split("fixtures/workbooks/contacts.ods", &[]);
    assert_eq!(
        valid,
        format!(
            "{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n\
             Vikram Shah,+919812345678,P-1002,21/10/2026\n\
             Meera Iyer,+919876543211,P-1003,20/10/2026\n"
        )
    );
    assert_eq!(
        report["input"],
        serde_json::json!({"format": "ods", "sheet": "Contacts"})
    );

    let (_, valid, _, report) = split("fixtures/workbooks/contacts.xls", &[]);
    assert_eq!(
        valid,
        format!(
            "{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n\
             Vikram Shah,+919812345678,P-1002,21/10/2026\n"
        )
    );
    assert_eq!(report["input"]["format"], "xls");
}

#[test]
fn the_1904_date_system_is_read_from_the_workbook() {
    let (_, valid, _, _) = split("fixtures/workbooks/contacts-1904.xlsx", &[]);
    assert_eq!(
        valid,
        format!("{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n")
    );
}

#[test]
fn a_file_is_read_as_what_it_is_not_what_it_is_named() {
    let (_, valid, _, report) = split("fixtures/workbooks/really-a-csv.xlsx", &[]);
    assert_eq!(report["input"]["format"], "csv");
    assert_eq!(
        valid,
        format!("{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n")
    );
    let (_, _, _, report) = split("fixtures/workbooks/workbook-named.csv", &[]);
    assert_eq!(report["input"]["format"], "xlsx");
    assert_eq!(report["total_rows"], 7);
}

#[test]
fn hostile_workbooks_are_refused_clearly_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = dir.path().join("bomb.xlsx");
    write_zip_bomb(&bomb);
    let bomb = bomb.to_str().unwrap();
    for (file, what) in [
        (
            "fixtures/workbooks/encrypted.xlsx",
            "the workbook is password-protected (encrypted): its cells cannot be read",
        ),
        (
            "fixtures/workbooks/no-sheets.xlsx",
            "the workbook has no sheets",
        ),
        (bomb, "a zip bomb, not a contact list"),
    ] {
        let checked = run(&["check", file]);
        assert_eq!(checked.status, 2, "{file}: {}", checked.stderr);
        assert!(checked.stderr.contains(what), "{file}: {}", checked.stderr);
        let out = tempfile::tempdir().unwrap();
        let split = run(&["split", file, "--out-dir", out.path().to_str().unwrap()]);
        assert_eq!(split.status, 2, "{file}");
        assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0, "{file}");
    }
}

#[test]
fn a_sheet_declaring_every_cell_costs_only_the_cells_it_holds() {
    // `<dimension ref="A1:XFD1048576"/>`: 17 billion cells declared.
    let (_, valid, _, _) = split("fixtures/workbooks/huge-dimension.xlsx", &[]);
    assert_eq!(
        valid,
        format!("{HEADER}Asha Rao,+919876543210,P-1001,20/10/2026\n")
    );
}

#[test]
fn the_row_limit_holds_for_a_workbook() {
    let run = run(&[
        "check",
        "fixtures/workbooks/contacts.xlsx",
        "--max-rows",
        "3",
    ]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("more than 3 rows, the limit"),
        "{}",
        run.stderr
    );
}

/// An `.xlsx` whose sheet is 80 MiB of one byte: it packs to some 80 KiB.
fn write_zip_bomb(path: &Path) {
    let file = fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(false);
    zip.start_file("xl/workbook.xml", options).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
    let block = vec![b' '; 1 << 20];
    for _ in 0..80 {
        zip.write_all(&block).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn spreadsheet_exports_read_right_without_a_flag() {
    let same = format!(
        "{HEADER}José Fernandes,+919876543210,P-1001,20/10/2026\n\
         Zoë D'Souza,+919812345678,P-1002,21/10/2026\n\
         \"Mehta, Kiran\",+919876543212,P-1004,22/10/2026\n"
    );
    for (file, input) in [
        // European Excel: Windows-1252, `;`, CRLF.
        (
            "fixtures/workbooks/european-excel.csv",
            serde_json::json!({"format": "csv", "encoding": "windows-1252", "delimiter": ";"}),
        ),
        // Excel's "Unicode Text": UTF-16 LE with a BOM, tabs.
        (
            "fixtures/workbooks/excel-unicode-text.csv",
            serde_json::json!({"format": "csv", "encoding": "UTF-16LE", "delimiter": "\t"}),
        ),
        // Google Sheets: UTF-8, CRLF, no line end after the last row.
        (
            "fixtures/workbooks/google-sheets.csv",
            serde_json::json!({"format": "csv", "encoding": "UTF-8", "delimiter": ","}),
        ),
    ] {
        let (status, valid, invalid, report) = split(file, &[]);
        assert_eq!(status, 0, "{file}");
        assert_eq!(valid, same, "{file}");
        assert_eq!(
            invalid, "Name,Mobile Number,Policy ID,Due Date,preflight_row,preflight_errors\n",
            "{file}"
        );
        assert_eq!(report["input"], input, "{file}");
    }
}
