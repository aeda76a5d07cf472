//! Issue 16: bounded work for any input, and output a terminal can trust.
//! Time is asserted only as growth (10× the input costs < 20× the time)
//! and memory as a cap the run must live under (`ulimit -v`), never as an
//! absolute time.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_ringg-preflight"))
}

/// Runs the binary under a virtual-memory cap (KiB): (status, stdout,
/// stderr, wall time).
fn run_capped(
    args: &[&str],
    envs: &[(&str, &str)],
    cap_kib: u64,
) -> (i32, String, String, Duration) {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("ulimit -v {cap_kib}; exec \"$0\" \"$@\""))
        .arg(binary())
        .args(args)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE");
    for (name, value) in envs {
        command.env(name, value);
    }
    let started = Instant::now();
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        started.elapsed(),
    )
}

fn run(args: &[&str]) -> (i32, String, String, Duration) {
    run_capped(args, &[], 4_000_000)
}

fn path(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A header of `columns` copies of `a` after the phone column, and a row.
fn duplicate_header(dir: &Path, columns: usize) -> PathBuf {
    let file = dir.join(format!("dup-{columns}.csv"));
    let mut text = String::from("Mobile Number");
    text.push_str(&",a".repeat(columns));
    text.push_str("\n+919876543210");
    text.push_str(&",x".repeat(columns));
    text.push('\n');
    fs::write(&file, text).unwrap();
    file
}

/// The smallest of three runs' times: a loaded machine makes runs slower,
/// never faster.
fn fastest(args: &[&str]) -> (Duration, String) {
    let mut best = None;
    let mut out = String::new();
    for _ in 0..3 {
        let (status, stdout, stderr, took) = run(args);
        assert!(status <= 1, "{status}: {stderr}");
        out = stdout;
        best = Some(best.map_or(took, |b: Duration| b.min(took)));
    }
    (best.unwrap(), out)
}

fn assert_linear(small: Duration, large: Duration, what: &str) {
    // Start-up dominates small runs; the slack keeps the ratio honest.
    let slack = Duration::from_millis(50);
    assert!(
        large < (small + slack) * 20,
        "{what}: 10x the input took {large:?} against {small:?}"
    );
}

#[test]
fn a_header_of_copies_is_one_finding_in_every_format_and_linear() {
    let dir = tempfile::tempdir().unwrap();
    let small = duplicate_header(dir.path(), 20_000);
    let large = duplicate_header(dir.path(), 200_000);
    for format in ["human", "github", "sarif", "json"] {
        let (t_small, _) = fastest(&[
            "check",
            path(&small),
            "--country-code",
            "+91",
            "--format",
            format,
        ]);
        let (t_large, out) = fastest(&[
            "check",
            path(&large),
            "--country-code",
            "+91",
            "--format",
            format,
        ]);
        assert_linear(t_small, t_large, format);
        // One finding, whatever the format.
        assert_eq!(
            out.matches("appears 200000 times").count(),
            1,
            "{format}: {}",
            &out[..out.len().min(2000)]
        );
        assert!(
            out.len() < 200_000,
            "{format}: {} bytes of output",
            out.len()
        );
    }
}

#[test]
fn a_header_of_millions_of_copies_stays_under_a_memory_cap() {
    let dir = tempfile::tempdir().unwrap();
    let file = duplicate_header(dir.path(), 2_000_000);
    let (status, stdout, stderr, _) = run_capped(
        &["check", path(&file), "--country-code", "+91"],
        &[],
        2_000_000,
    );
    assert_eq!(status, 1, "{stderr}");
    assert!(stdout.contains("appears 2000000 times"), "{stderr}");
}

#[test]
fn prompt_placeholders_are_read_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let campaign = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/campaign.json");
    let contacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/contacts.csv");
    let mut times = Vec::new();
    for n in [20_000, 200_000] {
        let prompt = dir.path().join(format!("prompt-{n}.txt"));
        let mut text = "{{".repeat(n);
        text.push('x');
        text.push_str(&"}}".repeat(n));
        for i in 0..n {
            text.push_str(&format!(" {{{{v{i}}}}}"));
        }
        fs::write(&prompt, text).unwrap();
        let args = [
            "check",
            path(&contacts),
            "--campaign",
            path(&campaign),
            "--prompt",
            path(&prompt),
            "--now",
            "2026-10-17T09:00:00+05:30",
        ];
        times.push(fastest(&args).0);
    }
    assert_linear(times[0], times[1], "--prompt");
}

#[test]
fn a_campaign_file_is_limited_and_its_errors_are_short() {
    let dir = tempfile::tempdir().unwrap();
    let contacts = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/contacts.csv");
    // Over the limit: refused by size, naming the flag.
    let big = dir.path().join("big.json");
    fs::write(
        &big,
        format!("{{\"campaign_name\": \"{}\"}}", "x".repeat(5 << 20)),
    )
    .unwrap();
    let (status, _, stderr, _) = run(&["check", path(&contacts), "--campaign", path(&big)]);
    assert_eq!(status, 2);
    assert!(stderr.contains("--max-campaign-bytes"), "{stderr}");
    assert!(stderr.len() < 4_000, "{} bytes", stderr.len());

    // An error at the end of a long line shows a window, not the line.
    let broken = dir.path().join("broken.json");
    fs::write(
        &broken,
        format!("{{\"x\": \"{}\", oops}}", "y".repeat(1 << 20)),
    )
    .unwrap();
    let (status, _, stderr, _) = run(&["check", path(&contacts), "--campaign", path(&broken)]);
    assert_eq!(status, 2);
    assert!(stderr.contains("line 1"), "{stderr}");
    assert!(stderr.len() < 4_000, "{} bytes of stderr", stderr.len());

    // A field longer than Ringg takes is refused, by name.
    let campaign = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/campaign.json"),
    )
    .unwrap();
    let value: serde_json::Value = serde_json::from_str(&campaign).unwrap();
    let mut value = value;
    value["campaign_name"] = "n".repeat(10_000).into();
    let long = dir.path().join("long.json");
    fs::write(&long, value.to_string()).unwrap();
    let (status, _, stderr, _) = run(&["check", path(&contacts), "--campaign", path(&long)]);
    assert_eq!(status, 2);
    assert!(
        stderr.contains("campaign_name is 10000 characters"),
        "{stderr}"
    );
}

#[test]
fn a_missing_phone_column_is_said_once_and_the_rows_counted() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("no-phone.csv");
    let mut text = String::from("Phone Nr,Name\n");
    for i in 0..12 {
        text.push_str(&format!("98765432{i:02},n{i}\n"));
    }
    fs::write(&file, text).unwrap();
    let (status, stdout, _, _) = run(&["check", path(&file), "--country-code", "+91"]);
    assert_eq!(status, 1);
    assert!(
        stdout.contains("12 rows not checked: no column is named `Mobile Number`"),
        "{stdout}"
    );
    let table_line = stdout.lines().find(|l| l.starts_with("H001")).unwrap();
    assert!(table_line.trim_end().ends_with(" 1"), "{table_line}");
    assert_eq!(stdout.matches("row not checked").count(), 0, "{stdout}");
    let (_, github, _, _) = run(&[
        "check",
        path(&file),
        "--country-code",
        "+91",
        "--format",
        "github",
    ]);
    assert_eq!(github.matches("title=H001").count(), 1, "{github}");
}

#[test]
fn cells_cannot_drive_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("escape.csv");
    fs::write(
        &file,
        "Mobile Number,Name\n+919876543230\x1b[2J\x1b[31mPWNED,a\n",
    )
    .unwrap();
    for format in ["human", "github"] {
        let (_, stdout, _, _) = run(&[
            "check",
            path(&file),
            "--country-code",
            "+91",
            "--format",
            format,
            // What a cell holds is shown (escaped), not masked.
            "--no-redact",
        ]);
        assert!(!stdout.contains('\x1b'), "{format}: {stdout:?}");
        assert!(stdout.contains("\\u{1b}"), "{format}: {stdout}");
    }
}

#[test]
fn colour_follows_the_flag_then_the_conventions() {
    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/contacts.csv");
    let args = |color: &'static str| {
        vec![
            "check".to_owned(),
            path(&file).to_owned(),
            "--country-code".into(),
            "+91".into(),
            "--color".into(),
            color.into(),
        ]
    };
    let has_colour = |args: Vec<String>, envs: &[(&str, &str)]| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run_capped(&args, envs, 4_000_000).1.contains('\x1b')
    };
    assert!(has_colour(args("always"), &[("NO_COLOR", "1")]));
    assert!(!has_colour(args("never"), &[("CLICOLOR_FORCE", "1")]));
    // Not a terminal: no colour, unless forced.
    assert!(!has_colour(args("auto"), &[]));
    assert!(has_colour(args("auto"), &[("CLICOLOR_FORCE", "1")]));
    assert!(!has_colour(args("auto"), &[("NO_COLOR", "1")]));
    // An explicit force wins over a general wish.
    assert!(has_colour(
        args("auto"),
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!has_colour(args("auto"), &[("CLICOLOR_FORCE", "0")]));
}

#[test]
fn counts_are_said_in_the_right_number() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("one.csv");
    fs::write(&file, "Mobile Number,Name\n+919876543210,a\n").unwrap();
    let (status, stdout, _, _) = run(&["check", path(&file), "--country-code", "+91"]);
    assert_eq!(status, 0, "{stdout}");
    assert!(
        stdout.contains("1 row: 1 valid, 0 invalid (0 duplicates)"),
        "{stdout}"
    );
    assert!(stdout.contains("at most 1 call attempt"), "{stdout}");
    assert!(!stdout.contains("call attempts"), "{stdout}");
    let (_, help, _, _) = run(&["check", "--help"]);
    assert!(
        !help.contains("[default: 0]") && !help.contains("1048576"),
        "{help}"
    );
}

#[test]
fn check_json_and_sarif_stream_their_row_findings_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("many.csv");
    let rows = 200_000;
    let mut text = String::from("Mobile Number,Name\n");
    for i in 0..rows {
        text.push_str(&format!("{},n\n", 12_345 + i));
    }
    fs::write(&file, text).unwrap();
    // Holding 200,000 findings took several hundred MB; streamed, the run
    // lives in a 250 MB address space.
    let (status, stdout, stderr, _) = run_capped(
        &[
            "check",
            path(&file),
            "--country-code",
            "+91",
            "--format",
            "json",
        ],
        &[],
        250_000,
    );
    assert_eq!(status, 1, "{stderr}");
    assert_eq!(
        stdout.matches("\"code\":\"P007\"").count(),
        rows,
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["invalid_rows"], rows);
    assert_eq!(report["rows"].as_array().map(Vec::len), Some(rows));

    // SARIF likewise: each result placed and spooled as it is found.
    let (status, stdout, stderr, _) = run_capped(
        &[
            "check",
            path(&file),
            "--country-code",
            "+91",
            "--format",
            "sarif",
        ],
        &[],
        250_000,
    );
    assert_eq!(status, 1, "{stderr}");
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), rows);
    assert!(results.iter().all(|r| r["ruleId"] == "P007"));
    assert_eq!(
        results[rows - 1]["locations"][0]["physicalLocation"]["region"],
        serde_json::json!({"startLine": rows + 1, "startColumn": 1})
    );
}

#[test]
fn the_corrected_messages() {
    let dir = tempfile::tempdir().unwrap();
    let no_phone = dir.path().join("no-phone.csv");
    fs::write(&no_phone, "Phone Nr,Name\n9876543210,a\n9876543211,b\n").unwrap();
    let copies = dir.path().join("copies.csv");
    fs::write(
        &copies,
        "Mobile Number,a,a,,a,,b,b\n+919876543210,1,2,3,4,5,6,7\n",
    )
    .unwrap();
    let one = dir.path().join("one.csv");
    fs::write(&one, "Mobile Number,Name\n+919876543210,a\n#N/A,b\n").unwrap();
    let mut shown = String::new();
    for file in [&no_phone, &copies, &one] {
        let (_, stdout, _, _) = run(&[
            "check",
            path(file),
            "--country-code",
            "+91",
            "--format",
            "github",
        ]);
        // The file's temporary path is not part of the message.
        shown.push_str(&stdout.replace(path(dir.path()), "DIR"));
    }
    let (_, explain, _, _) = run(&["explain", "scientific-notation"]);
    shown.push_str(explain.lines().find(|l| l.contains(" gives ")).unwrap());
    insta::assert_snapshot!(shown);
}
