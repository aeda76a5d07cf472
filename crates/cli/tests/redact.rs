//! Issue 19, personal data in outputs: `--redact` masks every number and
//! name in every output people read (on by default for github and sarif),
//! `--no-redact` turns it off, and `report.json` never holds row values.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const NOW: &str = "2026-10-17T09:00:00+05:30";

/// The fixture files, with their campaign.
const FIXTURES: [(&str, &str); 2] = [
    ("fixtures/contacts.csv", "fixtures/campaign.json"),
    ("fixtures/every-family.csv", "fixtures/every-family.json"),
];

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The personal data of `contacts`: the digits of each number written with
/// at least five (the last ten, so `+91` or not, any spelling matches) and
/// every name.
fn personal_data(contacts: &str) -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(root().join(contacts))
        .unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (phone, name) = (column("Mobile Number").unwrap(), column("Name").unwrap());
    let mut values = Vec::new();
    for record in reader.records() {
        let record = record.unwrap();
        let (Some(number), Some(name)) = (record.get(phone), record.get(name)) else {
            continue;
        };
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 5 && !number.contains('E') {
            values.push(digits[digits.len().saturating_sub(10)..].to_owned());
        }
        if name.trim().len() >= 3 {
            values.push(name.trim().to_owned());
        }
    }
    assert!(
        values.len() > 10,
        "the fixture has numbers and names: {values:?}"
    );
    values
}

fn check(contacts: &str, campaign: &str, extra: &[&str]) -> String {
    let output = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .current_dir(root())
        .args(["check", contacts, "--campaign", campaign, "--now", NOW])
        .args(["--max-diagnostics", "1000"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{output:?}"
    );
    let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    text
}

/// The values of `personal` that `output` shows; numbers are looked for
/// with the separators they may be written with (`98765 43210`) removed.
fn leaks<'p>(output: &str, personal: &'p [String]) -> Vec<&'p str> {
    let joined = output.replace([' ', '-', '(', ')', '.'], "");
    personal
        .iter()
        .filter(|value| {
            if value.bytes().all(|b| b.is_ascii_digit()) {
                output.contains(value.as_str()) || joined.contains(value.as_str())
            } else {
                contains_word(output, value)
            }
        })
        .map(String::as_str)
        .collect()
}

/// `text` holds `word` not inside a longer word (`Short`, not `Shorten`).
fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(start, _)| {
        let before = text[..start].chars().next_back();
        let after = text[start + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn redact_hides_every_number_and_name_in_every_format() {
    for (contacts, campaign) in FIXTURES {
        let personal = personal_data(contacts);
        for format in ["human", "json", "github", "sarif"] {
            let redacted = check(contacts, campaign, &["--format", format, "--redact"]);
            let shown = leaks(&redacted, &personal);
            assert!(
                shown.is_empty(),
                "{contacts} --format {format} --redact shows {shown:?}:\n{redacted}"
            );
            assert!(
                redacted.contains("+91******"),
                "{format}: numbers are masked, not dropped"
            );
            let plain = check(contacts, campaign, &["--format", format, "--no-redact"]);
            assert!(
                !leaks(&plain, &personal).is_empty(),
                "{format} --no-redact shows the values"
            );
        }
    }
}

#[test]
fn github_and_sarif_redact_by_default_and_the_others_do_not() {
    let (contacts, campaign) = FIXTURES[0];
    let personal = personal_data(contacts);
    for (format, redacted) in [
        ("human", false),
        ("json", false),
        ("github", true),
        ("sarif", true),
    ] {
        let output = check(contacts, campaign, &["--format", format]);
        assert_eq!(
            leaks(&output, &personal).is_empty(),
            redacted,
            "{format}:\n{output}"
        );
    }
    // The last of --redact / --no-redact wins.
    let output = check(
        contacts,
        campaign,
        &["--format", "github", "--no-redact", "--redact"],
    );
    assert!(leaks(&output, &personal).is_empty());
}

#[test]
fn the_csv_line_of_a_human_diagnostic_is_masked_cell_by_cell() {
    let output = check(
        "fixtures/contacts.csv",
        "fixtures/campaign.json",
        &["--redact"],
    );
    assert!(
        output.contains("+91******71,‹10 chars›,‹7 chars›,‹10 chars›"),
        "row 4 (`'9190341071,Ravi Kumar,POL-126,23/10/2026`) masked:\n{output}"
    );
    assert!(
        output.contains("repaired `+91******71` (removed the leading apostrophe) to +91******71")
    );
}

#[test]
fn report_json_holds_no_row_values() {
    for (contacts, campaign) in FIXTURES {
        let personal = personal_data(contacts);
        let out = tempfile::tempdir().unwrap();
        let status = Command::cargo_bin("ringg-preflight")
            .unwrap()
            .current_dir(root())
            .args([
                "split",
                contacts,
                "--campaign",
                campaign,
                "--now",
                NOW,
                "-q",
            ])
            .arg("--out-dir")
            .arg(out.path())
            .output()
            .unwrap()
            .status;
        assert!(status.code().is_some_and(|code| code < 2), "{status:?}");
        let report = fs::read_to_string(out.path().join("report.json")).unwrap();
        let shown = leaks(&report, &personal);
        assert!(
            shown.is_empty(),
            "report.json of {contacts} holds {shown:?}:\n{report}"
        );
        // The outputs for Ringg are the data and stay whole.
        let valid = fs::read_to_string(out.path().join("valid.csv")).unwrap();
        assert!(
            valid.contains("+919876543210") || valid.contains("+919190341071"),
            "{valid}"
        );
    }
}
