//! The binary on fixtures: exit statuses, output files, formats.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

const NOW: &str = "2026-10-17T09:00:00+05:30";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn preflight() -> Command {
    let mut command = Command::cargo_bin("ringg-preflight").unwrap();
    command.current_dir(root());
    command
}

/// Runs the binary: (exit status, stdout, stderr with miette's wrapping
/// undone so a message can be searched whole).
fn run(args: &[&str]) -> (i32, String, String) {
    let output = preflight().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).replace('│', " ");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

#[test]
fn check_exit_status_follows_remove_invalid_rows() {
    let (status, stdout, _) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.contains("ok: would upload; Ringg will skip 6 invalid rows"),
        "{stdout}"
    );

    let (status, stdout, _) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign-keep-invalid-rows.json",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("fail: Ringg would reject the whole upload for 6 invalid rows"),
        "{stdout}"
    );
}

#[test]
fn clean_file_passes_and_strict_fails_on_warnings() {
    let args = [
        "check",
        "fixtures/contacts-clean.csv",
        "--campaign",
        "fixtures/campaign-keep-invalid-rows.json",
        "--now",
        NOW,
    ];
    let (status, stdout, _) = run(&args);
    assert_eq!(status, 0, "{stdout}");
    assert!(stdout.ends_with("ok: would upload cleanly\n"), "{stdout}");

    let (status, _, _) = run(&[
        "check",
        "fixtures/rules/P002.csv",
        "--country-code",
        "+91",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 0, "a repaired number is a warning");
    let (status, stdout, _) = run(&[
        "check",
        "fixtures/rules/P002.csv",
        "--country-code",
        "+91",
        "--strict",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("fail: warnings remain and --strict is set"),
        "{stdout}"
    );
}

#[test]
fn a_run_that_cannot_be_made_exits_2() {
    let (status, _, stderr) = run(&[
        "check",
        "fixtures/no-such-file.csv",
        "--country-code",
        "+91",
    ]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("cannot read fixtures/no-such-file.csv"),
        "{stderr}"
    );

    let (status, _, stderr) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign-unknown-field.json",
    ]);
    assert_eq!(status, 2);
    assert!(stderr.contains("unknown field `campain_name`"), "{stderr}");
    assert!(stderr.contains("line 3 column 16"), "{stderr}");

    let (status, _, stderr) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--country-code",
        "+91",
        "--now",
        "yesterday",
    ]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("--now `yesterday` is not an RFC 3339 time"),
        "{stderr}"
    );

    let (status, _, _) = run(&["check"]);
    assert_eq!(status, 2, "usage error");
}

#[test]
fn human_output_shows_the_line_with_the_cell_underlined() {
    let (_, stdout, _) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
    ]);
    insta::assert_snapshot!("check_contacts_human", stdout);
}

#[test]
fn max_diagnostics_caps_row_diagnostics() {
    let (_, stdout, _) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
        "--max-diagnostics",
        "2",
    ]);
    assert_eq!(stdout.matches("╭─[").count(), 2, "{stdout}");
    assert!(stdout.contains("… and 6 more row findings"), "{stdout}");
}

#[test]
fn json_format_is_the_complete_report() {
    let (status, stdout, _) = run(&[
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(status, 0);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["total_rows"], 10);
    // The UK number would be called at 04:30 there: T001, an error.
    assert_eq!(report["valid_rows"], 4);
    assert_eq!(report["invalid_rows"], 6);
    assert_eq!(report["duplicates"], 1);
    assert_eq!(report["flow"], "standard");
    assert_eq!(report["max_call_attempts"], 8);
    assert_eq!(report["by_rule"]["P010"], 1);
    assert_eq!(report["by_rule"]["T001"], 1);
    assert_eq!(report["campaign"], serde_json::json!([]));
    assert_eq!(report["rows"].as_array().unwrap().len(), 8);
    assert_eq!(report["rows"][0]["code"], "P002");
    assert_eq!(report["rows"][0]["location"]["row"], 4);
    // 09:00–18:00 in Asia/Kolkata is 04:30–13:30 in London.
    let callee_time = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "T001")
        .unwrap();
    assert_eq!(callee_time["severity"], "error");
    assert_eq!(callee_time["location"]["row"], 9);
    assert_eq!(
        callee_time["message"],
        "called 04:30–13:30 Europe/Guernsey, Europe/Isle_of_Man, Europe/London; allowed 08:00–21:00"
    );
    assert_eq!(report["input_sha256"].as_str().unwrap().len(), 64);
}

#[test]
fn campaign_errors_fail_check_and_are_in_report_json() {
    let csv = "fixtures/rules/C003.csv";
    let campaign = "fixtures/rules/C003.json";
    let (status, stdout, _) = run(&["check", csv, "--campaign", campaign, "--now", NOW]);
    assert_eq!(status, 1, "{stdout}");
    // miette wraps long messages; search the text with its wrapping undone.
    let flat = stdout
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        flat.contains("C003 field `campaign_start_time` × `campaign_start_time` 16/10/2026, 09:00 (Asia/Kolkata) is not after now, 17/10/2026, 09:00 (Asia/Kolkata): Ringg refuses a start in the past"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("fail: fix the file- and campaign-level errors above\n"),
        "{stdout}"
    );

    // The same campaign checked a week earlier starts in the future.
    let (status, stdout, _) = run(&[
        "check",
        csv,
        "--campaign",
        campaign,
        "--now",
        "2026-10-10T09:00:00+05:30",
    ]);
    assert_eq!(status, 0, "{stdout}");

    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().display().to_string();
    let (status, _, stderr) = run(&[
        "split",
        csv,
        "--campaign",
        campaign,
        "--now",
        NOW,
        "--out-dir",
        &out_dir,
    ]);
    assert_eq!(
        status, 1,
        "split writes its files whatever it found, and exits 1 as they would not upload: {stderr}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("report.json"))).unwrap();
    assert_eq!(report["campaign"].as_array().unwrap().len(), 1);
    assert_eq!(report["campaign"][0]["code"], "C003");
    assert_eq!(report["campaign"][0]["severity"], "error");
    assert_eq!(
        report["campaign"][0]["location"]["field"],
        "campaign_start_time"
    );
    assert_eq!(report["by_rule"]["C003"], 1);
    assert_eq!(report["would_upload"], false);
    assert_eq!(report["flow"], "standard");
    assert_eq!(report["max_call_attempts"], 1);
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn split_writes_three_files_and_refuses_to_overwrite_without_force() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().display().to_string();
    let args = [
        "split",
        "fixtures/contacts.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
        "--out-dir",
        &out_dir,
    ];
    let (status, _, stderr) = run(&args);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        read(&out.path().join("valid.csv")),
        "Mobile Number,Name,Policy ID,Due Date\n\
         +919876543210,John Doe,POL-123,20/10/2026\n\
         +919876543211,Jane Smith,POL-124,21/10/2026\n\
         +919876543212,Asha Rao,POL-125,22/10/2026\n\
         +919190341071,Ravi Kumar,POL-126,23/10/2026\n"
    );
    assert_eq!(
        read(&out.path().join("invalid.csv")),
        "Mobile Number,Name,Policy ID,Due Date,preflight_row,preflight_errors\n\
         9.19876E+11,Meera Iyer,POL-127,24/10/2026,5,P003: `9.19876E+11` is in scientific notation: the spreadsheet lost its last digits\n\
         +919876543210,John Doe again,POL-128,25/10/2026,6,P010: +919876543210 already appears on row 1\n\
         98765,Short Number,POL-129,26/10/2026,7,P007: `98765` (+9198765) is not a valid IN number: too short\n\
         1800 123 4567,Toll Free Ltd,POL-130,27/10/2026,8,P008: `1800 123 4567` (+9118001234567) is a toll free number\n\
         +44 7400 123456,Priya Shah,POL-131,28/10/2026,9,\"T001: called 04:30–13:30 Europe/Guernsey, Europe/Isle_of_Man, Europe/London; allowed 08:00–21:00\"\n\
         9876543213,,POL-132,29/10/2026,10,V001: `Name` is empty; the assistant reads it as `{{callee_name}}`\n"
    );
    let report: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("report.json"))).unwrap();
    assert_eq!(report["valid_rows"], 4);
    assert_eq!(report["invalid_rows"], 6);
    assert!(stderr.contains("wrote"), "{stderr}");
    let leftovers: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        3,
        "no temporary file is left: {leftovers:?}"
    );

    std::fs::write(out.path().join("valid.csv"), "sentinel").unwrap();
    let (status, _, stderr) = run(&args);
    assert_eq!(status, 2);
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(
        read(&out.path().join("valid.csv")),
        "sentinel",
        "not overwritten without --force"
    );

    let mut forced = args.to_vec();
    forced.push("--force");
    let (status, _, _) = run(&forced);
    assert_eq!(status, 0);
    assert!(read(&out.path().join("valid.csv")).starts_with("Mobile Number"));
}

#[test]
fn split_keeps_invalid_bytes_as_they_were() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().display().to_string();
    let (status, _, stderr) = run(&[
        "split",
        "fixtures/rules/F001.csv",
        "--country-code",
        "+91",
        // Declared UTF-8: its other bytes are kept, not transcoded.
        "--encoding",
        "utf-8",
        "--out-dir",
        &out_dir,
    ]);
    assert_eq!(
        status, 1,
        "written, but Ringg would reject the invalid row: {stderr}"
    );
    let invalid = std::fs::read(out.path().join("invalid.csv")).unwrap();
    assert!(
        invalid.windows(6).any(|w| w == b"\xff\xfeRavi"),
        "{invalid:?}"
    );
}

#[test]
fn explain_prints_the_rule_doc_and_lists_rules() {
    let (status, stdout, _) = run(&["explain", "P003"]);
    assert_eq!(status, 0);
    assert!(
        stdout.starts_with("# P003 scientific-notation (error)"),
        "{stdout}"
    );
    assert!(stdout.contains("## Why is this bad?"), "{stdout}");

    let (status, stdout, _) = run(&["explain"]);
    assert_eq!(status, 0);
    assert_eq!(stdout.lines().count(), ringg_preflight::RULES.len());

    let (status, _, stderr) = run(&["explain", "Z999"]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("no rule has the code or name `Z999`"),
        "{stderr}"
    );

    // A name, or a code in lower case, is as good as the code; Markdown's
    // multi-backtick quotes read as plain quotes on a terminal.
    let (status, by_code, _) = run(&["explain", "P003"]);
    assert_eq!(status, 0);
    for other in ["scientific-notation", "p003"] {
        let (status, stdout, _) = run(&["explain", other]);
        assert_eq!((status, &stdout), (0, &by_code), "{other}");
    }
    assert!(!by_code.contains("``"), "{by_code}");
    assert!(
        by_code.contains("gives \"`9.19876E+11` is in scientific notation"),
        "{by_code}"
    );
}

#[test]
fn template_prints_the_header_the_campaign_implies() {
    let (status, stdout, _) = run(&["template", "--campaign", "fixtures/campaign.json"]);
    assert_eq!(status, 0);
    assert_eq!(stdout, "Mobile Number,Name,Policy ID,Due Date\n");
}

#[test]
fn explain_documents_every_rule_of_the_table() {
    for rule in ringg_preflight::RULES {
        let code = rule.code.as_str();
        let (status, stdout, _) = run(&["explain", code]);
        assert_eq!(status, 0, "{code}");
        assert!(
            stdout.starts_with(&format!(
                "# {code} {} ({})\n",
                rule.name,
                rule.default_severity.as_str()
            )),
            "{stdout}"
        );
        let headings = [
            "## What it does",
            "## Why is this bad?",
            "## Example",
            "## How to fix",
        ];
        let mut rest = stdout.as_str();
        for (index, heading) in headings.iter().enumerate() {
            let at = rest.find(heading).unwrap_or_else(|| {
                panic!("{code}: `{heading}` missing or out of order:\n{stdout}")
            });
            rest = &rest[at + heading.len()..];
            let section = match headings.get(index + 1) {
                Some(next) => rest.find(next).map_or(rest, |end| &rest[..end]),
                None => rest,
            };
            assert!(
                !section.trim().is_empty(),
                "{code}: `{heading}` is empty:\n{stdout}"
            );
        }
    }
}

#[test]
fn split_fix_rewrites_dates_in_another_format_with_a_warning() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().display().to_string();
    let args = [
        "split",
        "fixtures/rules/D002.csv",
        "--campaign",
        "fixtures/rules/D002.json",
        "--now",
        NOW,
        "--out-dir",
        &out_dir,
    ];
    let (status, _, stderr) = run(&args);
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains("D002 date-format error 1"),
        "without --fix the date is an error: {stderr}"
    );
    assert_eq!(
        read(&out.path().join("invalid.csv")),
        "Mobile Number,Name,Renewal,preflight_row,preflight_errors\n\
         +919876543211,Ravi,2026-10-20,2,D002: `2026-10-20` is YYYY-MM-DD; the column expects DD/MM/YYYY\n"
    );

    let mut fixed = args.to_vec();
    fixed.extend(["--fix", "--force"]);
    let (status, _, stderr) = run(&fixed);
    assert_eq!(status, 0, "{stderr}");
    assert_eq!(
        read(&out.path().join("valid.csv")),
        "Mobile Number,Name,Renewal\n\
         +919876543210,Asha,03/04/2026\n\
         +919876543211,Ravi,20/10/2026\n",
        "the ambiguous 03/04/2026 stays as it is; the ISO date is rewritten"
    );
    assert!(stderr.contains("D002 date-format warn 1"), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&read(&out.path().join("report.json"))).unwrap();
    assert_eq!(report["valid_rows"], 2);
    assert_eq!(report["by_rule"]["D002"], 1);
    assert_eq!(report["severity_by_rule"]["D002"], "warn");
}

#[test]
fn prompt_variables_must_be_mapped() {
    let (status, stdout, _) = run(&[
        "check",
        "fixtures/contacts-clean.csv",
        "--campaign",
        "fixtures/rules/campaign-base.json",
        "--prompt",
        "fixtures/prompt.txt",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 1, "{stdout}");
    for variable in ["policy_id", "due_date"] {
        assert!(
            stdout.contains(&format!(
                "the assistant uses `{{{{{variable}}}}}` but `variables_map` does not map it"
            )),
            "{stdout}"
        );
    }
    assert!(!stdout.contains("`{{callee_name}}` but"), "{stdout}");

    let (status, stdout, _) = run(&[
        "check",
        "fixtures/contacts-clean.csv",
        "--campaign",
        "fixtures/campaign-keep-invalid-rows.json",
        "--prompt",
        "fixtures/prompt.txt",
        "--now",
        NOW,
    ]);
    assert_eq!(status, 0, "every variable is mapped: {stdout}");

    let (status, _, stderr) = run(&[
        "check",
        "fixtures/contacts-clean.csv",
        "--country-code",
        "+91",
        "--prompt",
        "fixtures/prompt.txt",
    ]);
    assert_eq!(status, 2, "a prompt needs a campaign to check against");
    assert!(stderr.contains("--campaign"), "{stderr}");

    let (status, _, stderr) = run(&[
        "check",
        "fixtures/contacts-clean.csv",
        "--campaign",
        "fixtures/campaign.json",
        "--prompt",
        "fixtures/no-such-prompt.txt",
    ]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("cannot read the prompt fixtures/no-such-prompt.txt"),
        "{stderr}"
    );
}

#[test]
fn template_does_not_overwrite_a_file_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("contacts.csv");
    std::fs::write(&target, "my contacts\n").unwrap();
    let target_arg = target.to_str().unwrap();
    let (status, _, stderr) = run(&[
        "template",
        "--campaign",
        "fixtures/campaign.json",
        "--output",
        target_arg,
    ]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my contacts\n");
    let (status, _, _) = run(&[
        "template",
        "--campaign",
        "fixtures/campaign.json",
        "--output",
        target_arg,
        "--force",
    ]);
    assert_eq!(status, 0);
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("Mobile Number")
    );
}

#[test]
fn a_missing_file_is_said_once() {
    let (status, _, stderr) = run(&["check", "fixtures/contacts.csv", "--campaign", "nope.json"]);
    assert_eq!(status, 2);
    assert_eq!(stderr.matches("No such file").count(), 1, "{stderr}");
    assert!(!stderr.contains("ringg_preflight::"), "{stderr}");
}

#[test]
fn suppression_lists_refuse_their_numbers_and_can_be_shared_hashed() {
    let dir = tempfile::tempdir().unwrap();
    let contacts = dir.path().join("contacts.csv");
    std::fs::write(
        &contacts,
        "Mobile Number,Name\n098765 43210,Asha\n+919876543211,Ravi\n+919876543212,Meera\n",
    )
    .unwrap();
    let plain = dir.path().join("dnd.txt");
    std::fs::write(&plain, "# opted out\n+91 98765-43210\nnonsense\n").unwrap();
    let (status, stdout, _) = run(&[
        "check",
        contacts.to_str().unwrap(),
        "--country-code",
        "+91",
        "--suppress",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(status, 1, "{stdout}");
    assert!(
        stdout.contains("`+919876543210` is on the suppression list"),
        "{stdout}"
    );
    assert!(stdout.contains("(line 2)"), "{stdout}");
    assert!(stdout.contains("S003"), "{stdout}");

    // The hashed form matches the same contact, and holds no number.
    let hashed = dir.path().join("dnd.sha256");
    let (status, _, stderr) = run(&[
        "suppress-hash",
        plain.to_str().unwrap(),
        "--country-code",
        "+91",
        "--output",
        hashed.to_str().unwrap(),
    ]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("1 entry is not a valid number"), "{stderr}");
    let text = std::fs::read_to_string(&hashed).unwrap();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.starts_with("sha256:") && !text.contains("9876543210"),
        "{text}"
    );
    let out = dir.path().join("out");
    let (status, _, stderr) = run(&[
        "split",
        contacts.to_str().unwrap(),
        "--country-code",
        "+91",
        "--suppress",
        hashed.to_str().unwrap(),
        "--out-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(status, 1, "{stderr}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["suppressed"][hashed.to_str().unwrap()], 1);
    assert_eq!(report["valid_rows"], 2);
}

#[test]
fn excel_bom_starts_the_csv_outputs_with_a_bom_and_only_when_asked() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().display().to_string();
    let split = |extra: &[&str]| {
        let mut args = vec![
            "split",
            "fixtures/contacts.csv",
            "--campaign",
            "fixtures/campaign.json",
            "--now",
            "2026-10-17T09:00:00+05:30",
            "--out-dir",
            &out_dir,
            "--force",
            "-q",
        ];
        args.extend_from_slice(extra);
        let (status, _, stderr) = run(&args);
        assert_eq!(status, 0, "{stderr}");
        let read = |name: &str| std::fs::read(out.path().join(name)).unwrap();
        (read("valid.csv"), read("invalid.csv"), read("report.json"))
    };
    let (valid, invalid, report) = split(&[]);
    let (bom_valid, bom_invalid, bom_report) = split(&["--excel-bom"]);
    for (plain, bom) in [(&valid, &bom_valid), (&invalid, &bom_invalid)] {
        assert!(!plain.starts_with(b"\xEF\xBB\xBF"), "no BOM by default");
        assert_eq!(&bom[..3], b"\xEF\xBB\xBF");
        assert_eq!(&bom[3..], &plain[..], "the same rows after it");
    }
    assert!(!bom_report.starts_with(b"\xEF\xBB\xBF") && report.starts_with(b"{"));
}
