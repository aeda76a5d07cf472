//! Issue 15: every number libphonenumber calls valid goes through every
//! later check (type, duplicate, international warning, E.164 rewrite),
//! whatever its length or spelling; a number is accepted only by a
//! positive verdict. The expected values are libphonenumber's
//! (`phonenumbers` 9.0.42, the Python port, same metadata as the crate).

use chrono::{DateTime, Utc};
use ringg_preflight::{Campaign, Code, DiscardRows, Preflight, PreflightBuilder};

/// A German campaign accepting `number_types` (libphonenumber's names), or
/// the default types when `None`.
fn germany(number_types: Option<&str>) -> Preflight {
    let types = number_types
        .map(|types| format!(r#","preflight": {{"number_types": [{types}]}}"#))
        .unwrap_or_default();
    let json = format!(
        r#"{{
  "agent_id": "agent-1",
  "campaign_name": "Issue 15",
  "country_code": "+49",
  "campaign_start_time": "18/10/2026, 09:00",
  "campaign_end_time": "18/10/2026, 18:00",
  "variables_map": {{"mobile_number": "Mobile Number", "callee_name": "Name"}},
  "call_config": {{"call_time": {{"call_start_time": "09:00", "call_end_time": "18:00", "timezone": "Europe/Berlin"}}}}{types}
}}"#
    );
    let campaign = Campaign::from_json(&json, "issue-15.json").expect("the campaign parses");
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-10-17T09:00:00+02:00")
        .expect("a time")
        .to_utc();
    PreflightBuilder::new()
        .campaign(campaign)
        .now(now)
        .keep_row_findings(true)
        .threads(1)
        .build()
        .expect("the preflight builds")
}

/// The codes of one cell's findings and the cell as `valid.csv` holds it
/// (`None`: the row is invalid).
fn check(preflight: &Preflight, cell: &str) -> (Vec<Code>, Option<String>) {
    let mut checker = preflight.row_checker(["Mobile Number", "Name"]);
    let row = checker.check_fields([cell, "Asha"]);
    let codes = row.findings().iter().map(|f| f.code).collect();
    let written = row
        .is_valid()
        .then(|| String::from_utf8_lossy(&row.record[0]).into_owned());
    (codes, written)
}

#[test]
fn valid_numbers_of_16_and_17_digits_have_their_type_checked() {
    let preflight = germany(None);
    // German toll-free numbers of 16 digits: valid, and toll free.
    for cell in ["+4980012364567818", "0800 12345631387"] {
        assert_eq!(check(&preflight, cell), (vec![Code::P008], None), "{cell}");
    }
    // A Nigerian UAN of 17 digits, in a German campaign: its type first.
    assert_eq!(
        check(&preflight, "+ 23470006818831340"),
        (vec![Code::P008], None)
    );
    let uan = germany(Some(r#""uan""#));
    assert_eq!(
        check(&uan, "+ 23470006818831340"),
        (vec![Code::P009], Some("+23470006818831340".to_owned())),
        "accepted, with the international warning"
    );
}

#[test]
fn a_valid_number_of_17_digits_is_rewritten_as_e164() {
    assert_eq!(
        check(&germany(None), "810 212 891234508"),
        (vec![], Some("+49810212891234508".to_owned()))
    );
}

#[test]
fn copies_of_a_16_digit_number_are_duplicates() {
    let preflight = germany(Some(r#""toll_free""#));
    let csv =
        "Mobile Number,Name\n+49 800 51234569207,A\n+49 800 51234569207,B\n+49 800 51234569207,C\n";
    let report = preflight
        .split(csv.as_bytes(), None, &mut DiscardRows)
        .expect("the split runs");
    assert_eq!((report.valid_rows, report.duplicates), (1, 2));
    assert_eq!(report.by_rule.get(&Code::P010), Some(&2));
    let mut checker = preflight.row_checker(["Mobile Number", "Name"]);
    let first = checker.check_fields(["+49 800 51234569207", "A"]);
    assert_eq!(&first.record[0], b"+4980051234569207");
    let second = checker.check_fields(["0800 51234569207", "B"]);
    assert_eq!(second.findings()[0].code, Code::P010);
    assert_eq!(
        second.findings()[0].message,
        "+4980051234569207 already appears on row 1"
    );
}

#[test]
fn the_longest_valid_numbers_fit() {
    // A Japanese toll-free number whose national number keeps two leading
    // zeros: 19 digits in E.164, the most any valid number has.
    let preflight = PreflightBuilder::new()
        .country_code("+81")
        .build()
        .expect("builds");
    let rules = preflight.phone_rules();
    let check = rules.check("+81 0037 1234567890123");
    assert_eq!(check.findings.len(), 1, "{:?}", check.findings);
    assert_eq!(check.findings[0].0, Code::P008);
    assert!(
        check.findings[0].1.contains("+8100371234567890123"),
        "{}",
        check.findings[0].1
    );
}
