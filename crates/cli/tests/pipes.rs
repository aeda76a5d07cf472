//! Standard input and output in shell pipelines: `-` as the input,
//! `split --valid-to-stdout`, and a reader that goes away early.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use assert_cmd::Command;
use serde_json::Value;

const NOW: &str = "2026-10-17T09:00:00+05:30";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn preflight() -> Command {
    let mut command = Command::cargo_bin("ringg-preflight").unwrap();
    command.current_dir(root());
    command
}

fn contacts() -> Vec<u8> {
    std::fs::read(root().join("fixtures/contacts.csv")).unwrap()
}

const VALID_CSV: &str = "Mobile Number,Name,Policy ID,Due Date\n\
                         +919876543210,John Doe,POL-123,20/10/2026\n\
                         +919876543211,Jane Smith,POL-124,21/10/2026\n\
                         +919876543212,Asha Rao,POL-125,22/10/2026\n\
                         +919190341071,Ravi Kumar,POL-126,23/10/2026\n";

/// A report without its timings, which differ run to run.
fn without_timings(mut report: Value) -> Value {
    report.as_object_mut().unwrap().remove("timings");
    report
}

#[test]
fn check_reads_standard_input_as_it_reads_the_file() {
    let args = [
        "--campaign",
        "fixtures/campaign.json",
        "--now",
        NOW,
        "--format",
        "json",
    ];
    let from_file = preflight()
        .args(["check", "fixtures/contacts.csv"])
        .args(args)
        .output()
        .unwrap();
    let from_stdin = preflight()
        .args(["check", "-"])
        .args(args)
        .write_stdin(contacts())
        .output()
        .unwrap();
    assert_eq!(from_stdin.status.code(), Some(0));
    let parse = |bytes: &[u8]| without_timings(serde_json::from_slice(bytes).unwrap());
    let report = parse(&from_stdin.stdout);
    assert_eq!(report, parse(&from_file.stdout));
    assert_eq!(report["total_rows"], 10);
}

#[test]
fn split_reads_standard_input() {
    let out = tempfile::tempdir().unwrap();
    let output = preflight()
        .args(["split", "-", "--campaign", "fixtures/campaign.json"])
        .args(["--now", NOW, "--quiet", "--out-dir"])
        .arg(out.path())
        .write_stdin(contacts())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(output.stderr.is_empty(), "--quiet says nothing");
    assert_eq!(
        std::fs::read_to_string(out.path().join("valid.csv")).unwrap(),
        VALID_CSV
    );
}

#[test]
fn valid_rows_stream_to_standard_output_and_the_rest_to_out_dir() {
    let out = tempfile::tempdir().unwrap();
    let output = preflight()
        .args(["split", "-", "--valid-to-stdout", "--campaign"])
        .args(["fixtures/campaign.json", "--now", NOW, "--out-dir"])
        .arg(out.path())
        .write_stdin(contacts())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), VALID_CSV);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("wrote standard output (4 rows), "),
        "{stderr}"
    );
    let mut written: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(written, ["invalid.csv", "report.json"]);
    let invalid = std::fs::read_to_string(out.path().join("invalid.csv")).unwrap();
    assert_eq!(invalid.lines().count(), 7, "{invalid}");

    // An existing valid.csv is not ours to refuse or replace here.
    let again = preflight()
        .args(["split", "fixtures/contacts.csv", "--valid-to-stdout"])
        .args(["--campaign", "fixtures/campaign.json", "--now", NOW])
        .arg("--out-dir")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2), "report.json exists");
}

/// A contact file of `rows` valid rows, large enough that the output does
/// not fit in a pipe's buffer.
fn generated_contacts(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("generated.csv");
    let mut text = String::from("Mobile Number,Name\n");
    for i in 0..rows {
        text.push_str(&format!("+9198765{i:05},Contact {i}\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_reader_that_closes_early_ends_the_split_quietly_with_status_0() {
    let dir = tempfile::tempdir().unwrap();
    let input = std::fs::read(generated_contacts(dir.path(), 20_000)).unwrap();
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ringg-preflight"))
        .args(["split", "-", "--valid-to-stdout", "--country-code", "+91"])
        .args(["--now", NOW, "--out-dir"])
        .arg(&out)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Close the reading end before the first row is written.
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        // The child may stop reading early; a write error here is fine.
        let _ = stdin.write_all(&input);
    });
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    writer.join().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "", "a broken pipe is not an error to report");
    let left: Vec<_> = std::fs::read_dir(&out).unwrap().collect();
    assert!(left.is_empty(), "no partial output is left: {left:?}");
}

#[cfg(unix)]
#[test]
fn split_into_head_in_a_shell_pipeline_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    let input = generated_contacts(dir.path(), 50_000);
    let output = std::process::Command::new("bash")
        .arg("-c")
        .arg(
            "\"$BIN\" split - --valid-to-stdout --country-code +91 --now \"$NOW\" \
             --out-dir \"$OUT\" < \"$INPUT\" | head -n 1; echo \"status=${PIPESTATUS[0]}\"",
        )
        .env("BIN", assert_cmd::cargo::cargo_bin("ringg-preflight"))
        .env("NOW", NOW)
        .env("OUT", dir.path().join("out"))
        .env("INPUT", &input)
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "Mobile Number,Name\nstatus=0\n"
    );
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
}

/// Runs the binary with its standard error a pipe whose reader is already
/// gone (as `2>&1 | head -1` leaves it) and returns the exit status.
fn status_with_stderr_closed(args: &[&str]) -> Option<i32> {
    let bin = assert_cmd::cargo::cargo_bin("ringg-preflight");
    let mut child = std::process::Command::new(bin)
        .current_dir(root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    drop(child.stdout.take());
    child.wait().unwrap().code()
}

#[test]
fn a_closed_standard_error_never_makes_it_panic() {
    let missing = [
        "check",
        "fixtures/contacts.csv",
        "--campaign",
        "no-such.json",
    ];
    let failing = ["check", "fixtures/contacts.csv", "--now", NOW];
    for _ in 0..10 {
        assert_eq!(status_with_stderr_closed(&missing), Some(2));
        let status = status_with_stderr_closed(&failing);
        assert!(matches!(status, Some(0 | 1)), "{status:?}");
    }
}

#[test]
fn split_exits_like_check_and_says_why_even_when_quiet() {
    let out = tempfile::tempdir().unwrap();
    let run = preflight()
        .args([
            "split",
            "fixtures/contacts.csv",
            "--campaign",
            "fixtures/campaign-keep-invalid-rows.json",
            "--now",
            NOW,
            "-q",
            "--out-dir",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(1),
        "the outputs would not upload cleanly"
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("fail: "), "{stderr}");
    assert!(
        out.path().join("valid.csv").exists(),
        "the outputs were written"
    );

    let clean = preflight()
        .args([
            "split",
            "fixtures/contacts-clean.csv",
            "--campaign",
            "fixtures/campaign-keep-invalid-rows.json",
            "--now",
            NOW,
            "-q",
            "--force",
            "--out-dir",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(
        clean.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&clean.stderr)
    );
    assert!(clean.stderr.is_empty());
}
