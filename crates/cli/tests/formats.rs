//! `check --format github|sarif|json` on a file with findings of every
//! family (file, header, phone, dates, variables, campaign, callee local
//! time), and on several files.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-10-17T09:00:00+05:30";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn preflight() -> Command {
    let mut command = Command::cargo_bin("ringg-preflight").unwrap();
    command
        .current_dir(root())
        .env_remove("GITHUB_STEP_SUMMARY");
    command
}

/// Checks the every-family fixture in `format`: (exit status, stdout).
fn check_every_family(format: &str, extra: &[&str]) -> (i32, String) {
    let output = preflight()
        .args([
            "check",
            "fixtures/every-family.csv",
            "--campaign",
            "fixtures/every-family.json",
            "--now",
            NOW,
            "--format",
            format,
        ])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn github_annotations_point_at_line_and_character_column() {
    let (status, stdout) = check_every_family("github", &[]);
    assert_eq!(status, 1, "a header error fails the file");
    insta::assert_snapshot!("github_every_family", stdout);
}

#[test]
fn github_annotations_are_capped_with_one_summary_notice() {
    let (_, stdout) = check_every_family("github", &["--max-diagnostics", "3"]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    assert!(lines[..3].iter().all(|l| l.starts_with("::")));
    assert_eq!(
        lines[3],
        "::notice title=ringg-preflight::fixtures/every-family.csv: fail: fix the file- and \
         campaign-level errors above (7 rows: 2 valid, 5 invalid)%0A11 more findings not annotated \
         (raise --max-diagnostics, or run `ringg-preflight check` locally)"
    );
}

#[test]
fn github_job_summary_is_appended_to_the_step_summary_file() {
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = preflight()
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args([
            "check",
            "fixtures/every-family.csv",
            "fixtures/contacts-clean.csv",
            "fixtures/no-such-file.csv",
            "--campaign",
            "fixtures/every-family.json",
            "--now",
            NOW,
            "--format",
            "github",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "an unreadable file is a run error"
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(
            "::error file=fixtures/no-such-file.csv,title=ringg-preflight::cannot read \
             fixtures/no-such-file.csv: No such file or directory"
        ),
        "{stdout}"
    );
    insta::assert_snapshot!(
        "github_job_summary",
        std::fs::read_to_string(&summary).unwrap()
    );
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("fixtures/sarif-2.1.0/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap();
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

fn assert_schema_valid(validator: &jsonschema::Validator, log: &Value) {
    let errors: Vec<String> = validator
        .iter_errors(log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn sarif_is_valid_against_the_2_1_0_schema_with_one_result_per_finding() {
    // Unmasked: the rules' full descriptions are left out under --redact.
    let (status, stdout) = check_every_family("sarif", &["--no-redact"]);
    assert_eq!(status, 1);
    let log: Value = serde_json::from_str(&stdout).unwrap();
    let validator = sarif_validator();
    assert_schema_valid(&validator, &log);

    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ringg_preflight::RULES.len());
    let p007 = &rules[ringg_preflight::Code::P007 as usize];
    assert_eq!(p007["id"], "P007");
    assert_eq!(p007["name"], "phone-invalid");
    assert_eq!(p007["defaultConfiguration"]["level"], "error");
    assert!(
        p007["fullDescription"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## Why is this bad?")
    );

    let results = run["results"].as_array().unwrap();
    let codes: Vec<&str> = results
        .iter()
        .map(|r| r["ruleId"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "C010", "F002", "H002", "H004", "F005", "P002", "P007", "D001", "V001", "V003", "P010",
            "F004", "P009", "T001"
        ]
    );
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let p002 = &results[5];
    let d001 = &results[7];
    assert_eq!(
        d001["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 4, "startColumn": 12})
    );
    assert_eq!(p002["level"], "warning");
    assert_eq!(
        p002["locations"][0]["physicalLocation"],
        serde_json::json!({
            "artifactLocation": {"uri": "fixtures/every-family.csv", "index": 1},
            "region": {"startLine": 2, "startColumn": 13}
        })
    );
    assert_eq!(
        p002["message"]["text"],
        "row 1, column `Mobile Number`: repaired `'9190341071` (removed the leading apostrophe) to +919190341071"
    );
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

#[test]
fn sarif_from_standard_input_and_a_missing_file_is_still_valid() {
    let output = preflight()
        .args([
            "check",
            "-",
            "fixtures/no-such-file.csv",
            "--country-code",
            "+91",
            "--now",
            NOW,
            "--format",
            "sarif",
        ])
        .write_stdin(std::fs::read(root().join("fixtures/every-family.csv")).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_schema_valid(&sarif_validator(), &log);
    let run = &log["runs"][0];
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    // Standard input cannot be read twice: no character column, so none is
    // claimed.
    let p002 = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "P002")
        .unwrap();
    assert_eq!(
        p002["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": 2})
    );
    assert_eq!(
        p002["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "stdin"
    );
}

#[test]
fn json_is_the_complete_report_with_every_finding() {
    let (status, stdout) = check_every_family("json", &[]);
    assert_eq!(status, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let findings = |key: &str| report[key].as_array().unwrap().clone();
    let (campaign, file, rows) = (findings("campaign"), findings("file"), findings("rows"));
    let codes = |list: &[Value]| -> Vec<String> {
        list.iter()
            .map(|f| f["code"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(codes(&campaign), ["C010"]);
    assert_eq!(codes(&file), ["F002", "H002", "H004", "F005"]);
    assert_eq!(
        codes(&rows),
        [
            "P002", "P007", "D001", "V001", "V003", "P010", "F004", "P009", "T001"
        ]
    );
    // by_rule counts every finding once.
    let counted: u64 = report["by_rule"]
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(counted as usize, campaign.len() + file.len() + rows.len());
    assert_eq!(
        (
            &report["total_rows"],
            &report["valid_rows"],
            &report["invalid_rows"],
            &report["duplicates"],
            &report["would_upload"]
        ),
        (
            &Value::from(7),
            &Value::from(2),
            &Value::from(5),
            &Value::from(1),
            &Value::from(false)
        )
    );
    let v001 = &rows[3];
    assert_eq!(v001["severity"], "error");
    assert_eq!(
        v001["location"],
        serde_json::json!({"line": 5, "row": 4, "column": 1, "column_name": "Name"})
    );
    assert_eq!(v001["help"], ringg_preflight::Code::V001.help());
}

#[test]
fn several_files_get_a_verdict_each_and_the_worst_status() {
    let run = |files: &[&str], format: &str| {
        let output = preflight()
            .arg("check")
            .args(files)
            .args([
                "--campaign",
                "fixtures/campaign-keep-invalid-rows.json",
                "--now",
                NOW,
                "--format",
                format,
            ])
            .output()
            .unwrap();
        (
            output.status.code().unwrap(),
            String::from_utf8(output.stdout).unwrap(),
        )
    };
    let (status, stdout) = run(
        &["fixtures/contacts-clean.csv", "fixtures/contacts.csv"],
        "human",
    );
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.starts_with("==> fixtures/contacts-clean.csv <==\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\nok: would upload cleanly\n\n==> fixtures/contacts.csv <==\n"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("2 files: 1 would upload, 1 would not, 0 not checked\n"),
        "{stdout}"
    );

    // A glob the shell did not expand (quoted here) is expanded, sorted.
    let (status, stdout) = run(&["fixtures/contacts*.csv"], "json");
    assert_eq!(status, 1);
    let files: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    let summary: Vec<(String, i64, u64)> = files
        .iter()
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["exit_status"].as_i64().unwrap(),
                f["report"]["total_rows"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("fixtures/contacts-clean.csv".to_owned(), 0, 3),
            ("fixtures/contacts.csv".to_owned(), 1, 10),
        ]
    );

    let (status, _) = run(
        &["fixtures/contacts-clean.csv", "fixtures/none-*.csv"],
        "human",
    );
    assert_eq!(status, 2, "a pattern that matches nothing is a run error");
    let (status, _) = run(
        &["fixtures/contacts-clean.csv", "fixtures/contacts-clean.csv"],
        "json",
    );
    assert_eq!(status, 0);
}
