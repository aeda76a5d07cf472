//! The output directory fails closed: one run at a time, owner-only files,
//! temporaries nobody can predict or plant, the input never overwritten,
//! all three outputs replaced together or not at all, no stale leftovers.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

const BIN: &str = env!("CARGO_BIN_EXE_ringg-preflight");
const NOW: &str = "2026-10-17T09:00:00+05:30";
/// 10 rows, 5 of them invalid.
const CONTACTS: &str = "fixtures/contacts.csv";
const CAMPAIGN: &str = "fixtures/campaign.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn split(csv: &Path, out: &Path, extra: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(root())
        .arg("split")
        .arg(csv)
        .args(["--campaign", CAMPAIGN, "--now", NOW, "--out-dir"])
        .arg(out)
        .args(extra)
        .output()
        .expect("the binary runs")
}

fn contacts() -> PathBuf {
    root().join(CONTACTS)
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr)
        .replace('│', " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A split that wrote its outputs (0: all valid, 1: some rows invalid).
fn wrote(output: &Output) -> bool {
    matches!(output.status.code(), Some(0 | 1))
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("a directory")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_second_run_on_a_locked_directory_stops_at_once() {
    let out = tempfile::tempdir().unwrap();
    let first = split(&contacts(), out.path(), &[]);
    assert!(wrote(&first), "{}", stderr(&first));
    // Another run holds the lock (this test, as a live process would).
    let lock = fs::File::open(out.path()).expect("the directory opens");
    lock.lock().expect("the test takes the lock");
    let before = fs::read(out.path().join("report.json")).unwrap();
    let second = split(&contacts(), out.path(), &["--force"]);
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let message = stderr(&second);
    assert!(
        message.contains("another ringg-preflight run holds the lock on")
            && message.contains(&out.path().display().to_string()),
        "{message}"
    );
    assert_eq!(fs::read(out.path().join("report.json")).unwrap(), before);
    drop(lock);
    let third = split(&contacts(), out.path(), &["--force"]);
    assert!(wrote(&third), "{}", stderr(&third));
}

#[test]
fn two_runs_started_together_without_force_write_once() {
    let out = tempfile::tempdir().unwrap();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(BIN)
                .current_dir(root())
                .arg("split")
                .arg(contacts())
                .args(["--campaign", CAMPAIGN, "--now", NOW, "--out-dir"])
                .arg(out.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("starts")
        })
        .collect();
    let codes: Vec<_> = children
        .into_iter()
        .map(|c| c.wait_with_output().expect("ends").status.code())
        .collect();
    let writers = codes.iter().filter(|c| matches!(c, Some(0 | 1))).count();
    assert_eq!(writers, 1, "exactly one run writes the outputs: {codes:?}");
    assert!(codes.iter().all(|c| matches!(c, Some(0..=2))), "{codes:?}");
}

#[cfg(unix)]
#[test]
fn outputs_are_readable_by_the_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    split(&contacts(), out.path(), &[]);
    for name in ["valid.csv", "invalid.csv", "report.json"] {
        let mode = fs::metadata(out.path().join(name))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{name}: {mode:o}");
    }
}

#[test]
fn the_input_is_never_an_output() {
    let out = tempfile::tempdir().unwrap();
    split(&contacts(), out.path(), &[]);
    let input = out.path().join("valid.csv");
    let before = fs::read(&input).unwrap();
    for extra in [&[][..], &["--force"][..]] {
        let run = split(&input, out.path(), extra);
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        assert!(stderr(&run).contains("is the output"), "{}", stderr(&run));
        assert_eq!(fs::read(&input).unwrap(), before, "the input is intact");
    }
    // Through another spelling of the same path.
    let dotted = out.path().join(".").join("valid.csv");
    let run = split(&dotted, out.path(), &["--force"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(fs::read(&input).unwrap(), before);
}

#[test]
fn a_failed_commit_leaves_every_previous_output_in_place() {
    let out = tempfile::tempdir().unwrap();
    split(&contacts(), out.path(), &[]);
    let valid_before = fs::read(out.path().join("valid.csv")).unwrap();
    let report_before = fs::read(out.path().join("report.json")).unwrap();
    // invalid.csv becomes a directory: its rename must fail.
    fs::remove_file(out.path().join("invalid.csv")).unwrap();
    fs::create_dir(out.path().join("invalid.csv")).unwrap();
    fs::write(out.path().join("invalid.csv").join("keep"), "mine").unwrap();
    let other = out.path().join("other.csv");
    fs::write(
        &other,
        "Mobile Number,Name,Policy ID,Due Date\n+919876543210,A,P1,20/10/2026\n",
    )
    .unwrap();
    let run = split(&other, out.path(), &["--force"]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert_eq!(
        fs::read(out.path().join("valid.csv")).unwrap(),
        valid_before
    );
    assert_eq!(
        fs::read(out.path().join("report.json")).unwrap(),
        report_before
    );
    assert_eq!(
        fs::read_to_string(out.path().join("invalid.csv").join("keep")).unwrap(),
        "mine"
    );
    assert!(
        names(out.path()).iter().all(|n| !n.ends_with(".tmp")),
        "no temporary is left: {:?}",
        names(out.path())
    );
}

#[cfg(unix)]
#[test]
fn planted_temporaries_are_neither_written_through_nor_left() {
    let out = tempfile::tempdir().unwrap();
    let victim_dir = tempfile::tempdir().unwrap();
    let victim = victim_dir.path().join("victim.txt");
    fs::write(&victim, "precious").unwrap();
    // The names earlier versions used, for a range of pids, as links to
    // the victim; and a dead run's temporary full of rows.
    for pid in 1..=2048 {
        for name in ["valid.csv", "invalid.csv", "report.json"] {
            std::os::unix::fs::symlink(&victim, out.path().join(format!(".{name}.{pid}.tmp")))
                .unwrap();
        }
    }
    fs::write(
        out.path().join(".valid.csv.Ab12Cd.tmp"),
        "+919876543210,left over\n",
    )
    .unwrap();
    let run = split(&contacts(), out.path(), &[]);
    assert!(wrote(&run), "{}", stderr(&run));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(
        names(out.path()),
        ["invalid.csv", "report.json", "valid.csv"]
    );
}

#[test]
fn valid_rows_to_stdout_remove_an_earlier_valid_csv() {
    let out = tempfile::tempdir().unwrap();
    split(&contacts(), out.path(), &[]);
    assert!(out.path().join("valid.csv").exists());
    let refused = split(&contacts(), out.path(), &["--valid-to-stdout"]);
    assert_eq!(
        refused.status.code(),
        Some(2),
        "without --force nothing is replaced"
    );
    assert!(out.path().join("valid.csv").exists());
    let run = split(&contacts(), out.path(), &["--valid-to-stdout", "--force"]);
    assert!(wrote(&run), "{}", stderr(&run));
    assert!(String::from_utf8_lossy(&run.stdout).contains("+919876543210"));
    assert!(
        !out.path().join("valid.csv").exists(),
        "no valid.csv contradicts the new report.json"
    );
}
