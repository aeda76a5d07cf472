//! Helpers for the hostile-input and fault tests: run the binary, check it
//! neither panicked nor left the documented exit statuses, and check that
//! `split` partitioned the input.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

pub const NOW: &str = "2026-10-17T09:00:00+05:30";

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn hostile(name: &str) -> PathBuf {
    root().join("fixtures/hostile").join(name)
}

pub fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("ringg-preflight")
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub status: i32,
    pub stdout: String,
    /// Standard error with miette's wrapping undone, so a message can be
    /// searched whole.
    pub stderr: String,
}

impl Run {
    /// The JSON report on standard output (`check --format json`).
    pub fn report(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not a JSON report ({e}): {self:?}"))
    }
}

/// Runs the binary and asserts what holds for every run: it exited (no
/// signal), with 0, 1 or 2, and did not panic.
pub fn run<S: AsRef<OsStr>>(args: &[S]) -> Run {
    let output = Command::new(binary())
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).replace('│', " ");
    let run = Run {
        status: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: stderr.split_whitespace().collect::<Vec<_>>().join(" "),
    };
    assert!(
        [0, 1, 2].contains(&run.status),
        "exit status {} is not 0, 1 or 2: {run:?}",
        run.status
    );
    assert!(!run.stderr.contains("panicked"), "{run:?}");
    run
}

/// `check FILE --format json` with the default country and clock.
pub fn check(file: &Path, extra: &[&str]) -> Run {
    let mut args: Vec<&OsStr> = vec![
        "check".as_ref(),
        file.as_os_str(),
        "--country-code".as_ref(),
        "+91".as_ref(),
        "--now".as_ref(),
        NOW.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    run(&args)
}

/// `split FILE --out-dir OUT`, asserting the input was not modified.
pub fn split(file: &Path, out: &Path, extra: &[&str]) -> Run {
    let before = std::fs::read(file).unwrap();
    let mut args: Vec<&OsStr> = vec![
        "split".as_ref(),
        file.as_os_str(),
        "--country-code".as_ref(),
        "+91".as_ref(),
        "--now".as_ref(),
        NOW.as_ref(),
        "--out-dir".as_ref(),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    let run = run(&args);
    assert!(
        std::fs::read(file).unwrap() == before,
        "the input was modified"
    );
    run
}

/// Every record of a CSV text, the header first, BOM stripped, as the
/// `csv` crate reads it.
pub fn records(bytes: &[u8]) -> Vec<Vec<Vec<u8>>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    reader
        .byte_records()
        .map(|r| r.unwrap().iter().map(<[u8]>::to_vec).collect())
        .collect()
}

/// The files in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Asserts that `split` wrote the three outputs to `out` and partitioned
/// `expected` (the records of the input, header first, as they should be
/// read): every data record lands in exactly one of `valid.csv` and
/// `invalid.csv`, in order; invalid ones byte-for-byte (as fields), valid
/// ones unchanged but for the phone cell. Returns the report.
pub fn assert_partition(expected: &[Vec<Vec<u8>>], out: &Path) -> Value {
    assert_eq!(
        files_in(out),
        ["invalid.csv", "report.json", "valid.csv"],
        "exactly the three outputs, no temporary file"
    );
    let report: Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    let total = report["total_rows"].as_u64().unwrap();
    let valid = report["valid_rows"].as_u64().unwrap();
    let invalid = report["invalid_rows"].as_u64().unwrap();
    assert_eq!(valid + invalid, total, "{report}");
    let (header, data) = expected.split_first().expect("a header");
    assert_eq!(total as usize, data.len(), "every record counted");

    let invalid_records = records(&std::fs::read(out.join("invalid.csv")).unwrap());
    let (invalid_header, invalid_rows) = invalid_records.split_first().unwrap();
    assert_eq!(&invalid_header[..invalid_header.len() - 2], &header[..]);
    assert_eq!(invalid_rows.len() as u64, invalid);
    let mut invalid_numbers = BTreeSet::new();
    let mut previous = 0;
    for row in invalid_rows {
        let n = row.len();
        let number: usize = String::from_utf8_lossy(&row[n - 2]).parse().unwrap();
        assert!(number > previous, "invalid rows in input order");
        previous = number;
        invalid_numbers.insert(number);
        assert_eq!(
            &row[..n - 2],
            &data[number - 1][..],
            "invalid row {number} byte-for-byte"
        );
    }

    let valid_records = records(&std::fs::read(out.join("valid.csv")).unwrap());
    let (valid_header, valid_rows) = valid_records.split_first().unwrap();
    // Unnamed columns at the end of the header are left out (F012).
    let tail = header
        .iter()
        .rev()
        .take_while(|name| String::from_utf8_lossy(name).trim().is_empty())
        .count();
    let named = if tail == header.len() {
        header.len()
    } else {
        header.len() - tail
    };
    assert_eq!(&valid_header[..], &header[..named]);
    assert_eq!(valid_rows.len() as u64, valid);
    let phone = header.iter().position(|name| name == b"Mobile Number");
    let expected_valid = (1..=data.len()).filter(|n| !invalid_numbers.contains(n));
    for (row, number) in valid_rows.iter().zip(expected_valid) {
        let input = &data[number - 1][..named];
        assert_eq!(row.len(), input.len(), "valid row {number}");
        for (index, (got, was)) in row.iter().zip(input).enumerate() {
            if Some(index) != phone {
                assert_eq!(got, was, "valid row {number}, field {}", index + 1);
            }
        }
    }
    report
}

/// The codes and messages of the report's file- and row-level findings.
pub fn findings(report: &Value) -> Vec<(String, Option<u64>, String)> {
    report["file"]
        .as_array()
        .into_iter()
        .flatten()
        .chain(report["rows"].as_array().into_iter().flatten())
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["location"]["line"].as_u64(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}
