//! Issue 19, only what the assistant needs goes to Ringg:
//! `preflight.send_columns` / `--send-columns` choose the columns of
//! `valid.csv` (and so of the upload), and `check`/`split` name the
//! columns no variable reads.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const NOW: &str = "2026-10-17T09:00:00+05:30";
/// Seven columns, three of them (Email, Company, Last Name) mapped to no
/// variable; rows 1–2 valid, row 3 invalid.
const EXPORT: &str = "fixtures/crm-export.csv";
const ALL: &str = "fixtures/campaign.json";
/// `preflight.send_columns: "mapped"`.
const MAPPED: &str = "fixtures/campaign-send-mapped.json";
const UNMAPPED_LINE: &str =
    "3 columns not used by the assistant would be sent to Ringg: Email, Company, Last Name";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// `split EXPORT --campaign campaign extra…`: (status, stderr, valid.csv,
/// invalid.csv, report.json).
fn split(campaign: &str, extra: &[&str]) -> (i32, String, String, String, serde_json::Value) {
    split_of(EXPORT, campaign, extra)
}

/// [`split`] of `contacts`.
fn split_of(
    contacts: &str,
    campaign: &str,
    extra: &[&str],
) -> (i32, String, String, String, serde_json::Value) {
    let out = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .current_dir(root())
        .args(["split", contacts, "--campaign", campaign, "--now", NOW])
        .arg("--out-dir")
        .arg(out.path())
        .args(extra)
        .output()
        .unwrap();
    let read = |name: &str| fs::read_to_string(out.path().join(name)).unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        read("valid.csv"),
        read("invalid.csv"),
        serde_json::from_str(&read("report.json")).unwrap(),
    )
}

#[test]
fn all_columns_are_sent_by_default_and_the_unused_ones_named() {
    let (status, stderr, valid, _, report) = split(ALL, &[]);
    assert!(status < 2, "{stderr}");
    assert_eq!(
        valid,
        "Mobile Number,Name,Email,Policy ID,Company,Due Date,Last Name\n\
         +919876543210,Asha,asha@example.in,POL-1,Acme,20/10/2026,Rao\n\
         +919876543211,Ravi,ravi@example.in,POL-2,Acme,21/10/2026,Kumar\n"
    );
    assert!(stderr.contains(UNMAPPED_LINE), "{stderr}");
    assert_eq!(report["send_columns"], "all");
    assert_eq!(
        report["unmapped_columns"],
        serde_json::json!(["Email", "Company", "Last Name"])
    );
}

#[test]
fn mapped_sends_only_the_phone_and_the_mapped_columns() {
    for (campaign, extra) in [(MAPPED, &[][..]), (ALL, &["--send-columns", "mapped"][..])] {
        let (status, stderr, valid, invalid, report) = split(campaign, extra);
        assert!(status < 2, "{stderr}");
        assert_eq!(
            valid,
            "Mobile Number,Name,Policy ID,Due Date\n\
             +919876543210,Asha,POL-1,20/10/2026\n\
             +919876543211,Ravi,POL-2,21/10/2026\n",
            "{campaign} {extra:?}"
        );
        // invalid.csv is for the person fixing the list: every column.
        assert!(
            invalid.starts_with(
                "Mobile Number,Name,Email,Policy ID,Company,Due Date,Last Name,preflight_row,preflight_errors\n98765,Short,short@example.in,"
            ),
            "{invalid}"
        );
        assert!(!stderr.contains("would be sent to Ringg"), "{stderr}");
        assert!(
            stderr.contains("3 columns not used by the assistant left out of valid.csv"),
            "{stderr}"
        );
        assert_eq!(report["send_columns"], "mapped");
    }
}

#[test]
fn the_flag_overrides_the_campaign() {
    let (_, stderr, valid, _, report) = split(MAPPED, &["--send-columns", "all"]);
    assert!(valid.starts_with("Mobile Number,Name,Email,"), "{valid}");
    assert!(stderr.contains(UNMAPPED_LINE), "{stderr}");
    assert_eq!(report["send_columns"], "all");
}

#[test]
fn check_names_the_unused_columns_too() {
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .current_dir(root())
        .args(["check", EXPORT, "--campaign", ALL, "--now", NOW])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains(UNMAPPED_LINE), "{stdout}");
}

#[test]
fn a_file_whose_columns_are_all_mapped_says_nothing_of_them() {
    let (_, stderr, _, _, report) = split_of("fixtures/contacts.csv", ALL, &[]);
    assert!(!stderr.contains("not used by the assistant"), "{stderr}");
    assert!(report.get("unmapped_columns").is_none(), "{report}");
}

#[test]
fn a_bad_value_is_refused() {
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .current_dir(root())
        .args(["check", EXPORT, "--send-columns", "some"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("neither `all` nor `mapped`"));
}
