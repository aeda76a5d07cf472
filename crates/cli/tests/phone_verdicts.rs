//! Issue 15 through the binary: every spelling libphonenumber reads with an
//! extension is refused, the longest valid numbers are rewritten and
//! de-duplicated, Java's punctuation is read as such, invisible characters
//! are removed and named, and a North American spelling in another
//! campaign is flagged.

use std::fs;

use assert_cmd::Command;

fn split(contacts: &str, country_code: &str) -> (i32, String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("contacts.csv");
    fs::write(&input, contacts).unwrap();
    let out = dir.path().join("out");
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .args([
            "split",
            input.to_str().unwrap(),
            "--country-code",
            country_code,
        ])
        .arg("--out-dir")
        .arg(&out)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        fs::read_to_string(out.join("valid.csv")).unwrap(),
        fs::read_to_string(out.join("invalid.csv")).unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn extensions_in_any_spelling_are_refused() {
    let cells = [
        "9876543210;12",
        "\"9876543210,,12\"",
        "98765-43210-123#",
        "9876543210\u{ff5e}12",
        "9876543210 ext 12",
    ];
    let contacts = format!(
        "Mobile Number,Name\n{}\n",
        cells.map(|c| format!("{c},a")).join("\n")
    );
    let (status, valid, invalid, _) = split(&contacts, "+91");
    assert_eq!(status, 1);
    assert_eq!(valid, "Mobile Number,Name\n", "none accepted: {valid}");
    assert_eq!(invalid.matches("P006").count(), cells.len(), "{invalid}");
}

#[test]
fn the_longest_valid_numbers_are_rewritten_and_deduplicated() {
    let (status, valid, invalid, _) = split(
        "Mobile Number,Name\n810 212 891234508,a\n+49810212891234508,b\n0810 212 891234508,c\n",
        "+49",
    );
    assert_eq!(status, 1);
    assert_eq!(valid, "Mobile Number,Name\n+49810212891234508,a\n");
    assert_eq!(
        invalid
            .matches("P010: +49810212891234508 already appears on row 1")
            .count(),
        2,
        "{invalid}"
    );
}

#[test]
fn java_punctuation_and_invisible_characters() {
    let (status, valid, invalid, stderr) = split(
        "Mobile Number,Name\n98765\u{30fc}43210,a\n+918123/456/60/1,b\n+91987\u{200e}6543218,c\n9876543210 / 9876543211,d\n",
        "+91",
    );
    assert_eq!(status, 1);
    assert_eq!(
        valid,
        "Mobile Number,Name\n+919876543210,a\n+918123456601,b\n+919876543218,c\n"
    );
    assert!(invalid.contains("P004"), "{invalid}");
    assert!(stderr.contains("P002"), "{stderr}");
}

#[test]
fn a_north_american_spelling_in_an_indian_campaign_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("contacts.csv");
    fs::write(&input, "Mobile Number,Name\n(415) 555-2671,a\n").unwrap();
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .args(["check", input.to_str().unwrap(), "--country-code", "+91"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    // A warning: the row stays valid, the run says why.
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("reads as +914155552671 in IN, or +14155552671 in US"),
        "{stdout}"
    );
}
