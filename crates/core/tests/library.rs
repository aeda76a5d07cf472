//! The library as an ETL job embeds it: thread-safety, record-at-a-time
//! checking that agrees with the split, progress, and the examples under
//! `examples/`, run here so they cannot rot.

use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{DateTime, Utc};
use ringg_preflight::{
    ByteRecord, Campaign, DiscardRows, Finding, Preflight, PreflightBuilder, Progress, RowChecker,
    RowSink, RowVerdict,
};

#[allow(dead_code)] // `main` is the example binary's entry point; tests call `run`.
#[path = "../examples/validate_rows.rs"]
mod validate_rows;

#[allow(dead_code)] // `main` is the example binary's entry point; tests call `run`.
#[path = "../examples/split_with_sink.rs"]
mod split_with_sink;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(name)
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-10-17T09:00:00+05:30")
        .unwrap()
        .to_utc()
}

fn fixture_preflight() -> Preflight {
    PreflightBuilder::new()
        .campaign(Campaign::from_path(&fixture("campaign.json")).unwrap())
        .now(now())
        .keep_row_findings(true)
        .build()
        .unwrap()
}

/// Fails to compile if a type meant to be shared across threads is not.
#[test]
fn the_validator_is_send_and_sync() {
    fn shared<T: Send + Sync>() {}
    fn movable<T: Send>() {}
    shared::<Preflight>();
    shared::<PreflightBuilder>();
    shared::<ringg_preflight::RecordValidator>();
    shared::<ringg_preflight::Report>();
    shared::<ringg_preflight::Error>();
    movable::<RowChecker>();
}

#[test]
fn two_validators_with_different_campaigns_share_nothing() {
    // `98765 43210` is an Indian mobile read with +91, and no UK number.
    let india = PreflightBuilder::new().country_code("+91").build().unwrap();
    let uk = PreflightBuilder::new().country_code("+44").build().unwrap();
    std::thread::scope(|scope| {
        let checks: Vec<_> = [(&india, true), (&uk, false)]
            .into_iter()
            .cycle()
            .take(8)
            .map(|(preflight, expect_valid)| {
                scope.spawn(move || {
                    let mut checker = preflight.row_checker(["Mobile Number"]);
                    for attempt in 0..50 {
                        let row = checker.check_fields(["98765 43210"]);
                        let codes: Vec<_> =
                            row.findings().iter().map(|f| f.code.as_str()).collect();
                        // Each checker remembers only its own numbers: the
                        // first Indian row is valid, the later ones repeat it.
                        let expected: &[&str] = match (expect_valid, attempt) {
                            (false, _) => &["P007"],
                            (true, 0) => &[],
                            (true, _) => &["P010"],
                        };
                        assert_eq!(codes, expected, "{:?}", row.findings());
                    }
                })
            })
            .collect();
        for check in checks {
            check.join().unwrap();
        }
    });
}

#[test]
fn row_checker_agrees_with_the_split_on_every_finding() {
    let preflight = fixture_preflight();
    let path = fixture("contacts.csv");
    let report = preflight
        .split(std::fs::File::open(&path).unwrap(), None, &mut DiscardRows)
        .unwrap();

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&path)
        .unwrap();
    let mut records = reader.byte_records().map(Result::unwrap);
    let header = records.next().unwrap();
    let mut checker = preflight.row_checker(&header);
    assert!(checker.header_findings().is_empty());
    let mut findings: Vec<Finding> = Vec::new();
    let mut valid = 0;
    for record in records {
        let checked = checker.check(&record);
        valid += u64::from(checked.is_valid());
        findings.extend(checked.verdict.findings);
    }
    // One record per line in this fixture, so even the lines agree.
    assert_eq!(Some(findings), report.rows);
    assert_eq!(valid, report.valid_rows);
    assert_eq!(checker.duplicates(), report.duplicates);
}

#[test]
fn row_checker_returns_the_row_as_valid_csv_holds_it() {
    let preflight = fixture_preflight();
    let mut checker = preflight.row_checker(["Mobile Number", "Name", "Policy ID", "Due Date"]);
    let row = checker.check_fields(["'9190341071", "Ravi Kumar", "POL-126", "23/10/2026"]);
    assert!(row.is_valid());
    assert_eq!(row.findings()[0].code.as_str(), "P002");
    assert_eq!(
        row.record,
        ByteRecord::from(vec!["+919190341071", "Ravi Kumar", "POL-126", "23/10/2026"])
    );
}

/// Records every progress call.
#[derive(Default)]
struct ProgressLog(Vec<Progress>);

impl RowSink for ProgressLog {
    fn row(&mut self, _: &RowVerdict, _: &ByteRecord) {}

    fn progress(&mut self, progress: Progress) {
        self.0.push(progress);
    }
}

#[test]
fn progress_counts_bytes_and_rows_up_to_the_whole_input() {
    let mut csv = String::from("Mobile Number,Name\n");
    for i in 0..3_000 {
        csv.push_str(&format!("+9198765{i:05},Name {i}\n"));
    }
    let preflight = PreflightBuilder::new()
        .country_code("+91")
        .batch_size(100)
        .threads(2)
        .build()
        .unwrap();
    let mut log = ProgressLog::default();
    let report = preflight.split(csv.as_bytes(), None, &mut log).unwrap();
    assert_eq!(report.total_rows, 3_000);
    // One call per batch: the first holds the rows read until the date
    // columns are decided (101: by then every date format has missed more
    // than 100 names), the rest 100 each (28 full, one of 99); then the
    // final one.
    assert_eq!(log.0.len(), 31, "{:?}", log.0);
    assert_eq!(log.0[0].rows, 101);
    assert_eq!(log.0[1].rows, 201);
    assert!(
        log.0
            .windows(2)
            .all(|w| w[0].rows <= w[1].rows && w[0].bytes_read <= w[1].bytes_read)
    );
    assert_eq!(
        log.0.last(),
        Some(&Progress {
            bytes_read: csv.len() as u64,
            rows: 3_000
        })
    );
    // A closure sink ignores progress and still sees the rows.
    let seen = Mutex::new(0);
    preflight
        .split(
            csv.as_bytes(),
            None,
            &mut |_: &RowVerdict, _: &ByteRecord| *seen.lock().unwrap() += 1,
        )
        .unwrap();
    assert_eq!(*seen.lock().unwrap(), 0, "no row has a finding");
}

#[test]
fn example_validate_rows_sends_the_valid_rows_normalised() {
    let mut out = Vec::new();
    let counts = validate_rows::run(now(), &mut out).unwrap();
    assert_eq!(counts, (2, 3));
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "send   +919876543210 | John Doe | POL-123\n\
         send   +919876543211 | Jane Smith | POL-124\n\
         reject row 3: P003: `9.19876E+11` is in scientific notation: the spreadsheet lost its last digits\n\
         reject row 4: P010: +919876543210 already appears on row 1\n\
         reject row 5: V001: `Name` is empty; the assistant reads it as `{{callee_name}}`\n\
         2 to send, 3 rejected\n"
    );
}

#[test]
fn example_split_with_sink_keeps_errors_by_rule() {
    let (mut valid, mut invalid, mut log) = (Vec::new(), Vec::new(), Vec::new());
    let report = split_with_sink::run(
        &fixture("contacts.csv"),
        &fixture("campaign.json"),
        now(),
        &mut valid,
        &mut invalid,
        &mut log,
    )
    .unwrap();
    // The UK number's calls would fall outside its legal hours (T001).
    assert_eq!((report.valid_rows, report.invalid_rows), (4, 6));
    let valid = String::from_utf8(valid).unwrap();
    assert_eq!(valid.lines().count(), 5, "{valid}");
    assert!(valid.contains("+919190341071,Ravi Kumar,"), "{valid}");
    assert_eq!(String::from_utf8(invalid).unwrap().lines().count(), 7);
    let size = std::fs::metadata(fixture("contacts.csv")).unwrap().len();
    assert_eq!(
        String::from_utf8(log).unwrap(),
        format!(
            "10 rows, {size} bytes: 4 valid, 6 invalid\n\
             P003 scientific-notation    1 row(s), first: 5\n\
             P007 phone-invalid          1 row(s), first: 7\n\
             P008 phone-type             1 row(s), first: 8\n\
             P010 duplicate-number       1 row(s), first: 6\n\
             V001 empty-variable         1 row(s), first: 10\n\
             T001 callee-local-time      1 row(s), first: 9\n"
        )
    );
}
