//! Faults around `split`: an output directory that cannot be written, a
//! full disk, an input truncated or deleted while it is read, Ctrl-C and a
//! hard kill mid-run. In every case the error says what happened, the input
//! is not modified, no partial `valid.csv`/`invalid.csv` ever appears under
//! its final name, and existing outputs survive a forced run that fails.
//!
//! Unix only: the tests send signals with `kill` and limit file sizes with
//! `ulimit`.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{NOW, binary, files_in, hostile, split};

/// A generated contact list of `rows` rows, every 20th number too short.
fn contacts(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("contacts.csv");
    let mut text = String::from("Mobile Number,Name,Policy ID,Due Date\n");
    for i in 0..rows {
        let phone = if i % 20 == 7 {
            format!("{}", 98765 + i)
        } else {
            format!("+91{}", 9_000_000_000u64 + i as u64)
        };
        text.push_str(&format!("{phone},Name {i},POL-{i},20/10/2026\n"));
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// Sentinel outputs standing in for the results of an earlier run.
fn earlier_outputs(out: &Path) {
    std::fs::create_dir_all(out).unwrap();
    for name in ["valid.csv", "invalid.csv", "report.json"] {
        std::fs::write(out.join(name), format!("earlier {name}")).unwrap();
    }
}

fn assert_earlier_outputs_kept(out: &Path) {
    assert_eq!(
        files_in(out),
        ["invalid.csv", "report.json", "valid.csv"],
        "no temporary file left"
    );
    for name in ["valid.csv", "invalid.csv", "report.json"] {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            format!("earlier {name}"),
            "{name} untouched"
        );
    }
}

/// Starts `split INPUT --out-dir OUT --force` in the background.
fn start_split(input: &Path, out: &Path) -> Child {
    Command::new(binary())
        .args(["split".as_ref(), input.as_os_str()])
        .args([
            "--country-code",
            "+91",
            "--now",
            NOW,
            "--force",
            "--threads",
            "1",
        ])
        .arg("--out-dir")
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the run is writing its outputs (a temporary file exists).
fn wait_until_writing(child: &mut Child, out: &Path) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if files_in(out).iter().any(|name| name.ends_with(".tmp")) {
            return;
        }
        if let Some(status) = child.try_wait().unwrap() {
            panic!("the run ended before it wrote anything: {status}");
        }
        assert!(Instant::now() < deadline, "the run never started writing");
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Waits for the child: (exit status, standard error on one line).
fn finish(child: Child) -> (Option<i32>, String) {
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).replace('│', " ");
    (
        output.status.code(),
        stderr.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args([name, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn ctrl_c_mid_split_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let input = contacts(dir.path(), 200_000);
    let before = std::fs::read(&input).unwrap();
    let out = dir.path().join("out");
    let mut child = start_split(&input, &out);
    wait_until_writing(&mut child, &out);
    signal(&child, "-INT");
    let (status, stderr) = finish(child);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(
        stderr.contains("interrupted (Ctrl-C): nothing was written to"),
        "{stderr}"
    );
    assert_eq!(files_in(&out), Vec::<String>::new(), "no file at all");
    assert!(std::fs::read(&input).unwrap() == before, "input unchanged");
}

#[test]
fn a_hard_kill_mid_split_never_leaves_a_partial_output_under_its_final_name() {
    let dir = tempfile::tempdir().unwrap();
    let input = contacts(dir.path(), 200_000);
    let out = dir.path().join("out");
    earlier_outputs(&out);
    let mut child = start_split(&input, &out);
    wait_until_writing(&mut child, &out);
    signal(&child, "-KILL");
    let (status, _) = finish(child);
    assert_eq!(status, None, "killed by the signal");
    // SIGKILL cannot be handled: the temporary files stay, but the final
    // names still hold the earlier run's complete outputs.
    for name in ["valid.csv", "invalid.csv", "report.json"] {
        assert_eq!(
            std::fs::read_to_string(out.join(name)).unwrap(),
            format!("earlier {name}")
        );
    }
}

#[test]
fn a_full_disk_fails_the_run_and_keeps_earlier_outputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = contacts(dir.path(), 20_000);
    let out = dir.path().join("out");
    earlier_outputs(&out);
    // A file-size limit makes writes past 64 KiB fail as a full disk
    // would, for root too; SIGXFSZ is ignored so the write returns the
    // error instead of killing the process.
    let output = Command::new("bash")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64; exec \"$@\"")
        .arg("bash")
        .arg(binary())
        .args(["split".as_ref(), input.as_os_str()])
        .args(["--country-code", "+91", "--now", NOW, "--force"])
        .arg("--out-dir")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).replace('│', " ");
    let stderr = stderr.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot write {}: File too large",
            out.join("valid.csv").display()
        )),
        "{stderr}"
    );
    assert_earlier_outputs_kept(&out);
}

#[test]
fn an_output_directory_that_cannot_be_created_or_written_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let input = hostile("quoted-header.csv");
    let file = dir.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let run = split(&input, &file.join("out"), &[]);
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains(&format!(
            "cannot create the output directory {}",
            file.join("out").display()
        )),
        "{run:?}"
    );

    let read_only = dir.path().join("read-only");
    std::fs::create_dir(&read_only).unwrap();
    let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&read_only, permissions).unwrap();
    // Root writes into a read-only directory anyway; /sys is mounted
    // read-only for root too.
    let out = if std::fs::write(read_only.join("probe"), "").is_ok() {
        PathBuf::from("/sys/ringg-preflight-test-out")
    } else {
        read_only.clone()
    };
    let run = split(&input, &out, &[]);
    assert_eq!(run.status, 2, "{run:?}");
    assert!(run.stderr.contains("cannot create"), "{run:?}");
    assert!(!out.join("valid.csv").exists());
}

#[test]
fn an_input_truncated_while_it_is_read_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let input = contacts(dir.path(), 200_000);
    let out = dir.path().join("out");
    let mut child = start_split(&input, &out);
    wait_until_writing(&mut child, &out);
    std::fs::OpenOptions::new()
        .write(true)
        .open(&input)
        .unwrap()
        .set_len(100)
        .unwrap();
    let (status, stderr) = finish(child);
    assert_eq!(status, Some(2), "{stderr}");
    assert!(
        stderr.contains("changed while it was being read")
            && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert_eq!(files_in(&out), Vec::<String>::new());
}

#[test]
fn an_input_deleted_while_it_is_read_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let rows = 200_000;
    let input = contacts(dir.path(), rows);
    let out = dir.path().join("out");
    let mut child = start_split(&input, &out);
    wait_until_writing(&mut child, &out);
    std::fs::remove_file(&input).unwrap();
    let (status, stderr) = finish(child);
    // The open file stays readable to its end: the result is complete
    // (exit 1: its invalid rows would make Ringg reject the upload).
    assert_eq!(status, Some(1), "{stderr}");
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["total_rows"], rows);
    assert_eq!(report["invalid_rows"], rows / 20);
}

#[test]
fn earlier_outputs_survive_a_forced_split_that_fails() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    earlier_outputs(&out);
    let run = split(&hostile("json-named.csv"), &out, &["--force"]);
    assert_eq!(run.status, 2);
    assert_earlier_outputs_kept(&out);

    let run = split(
        &hostile("unclosed-quote.csv"),
        &out,
        &["--force", "--max-field-bytes", "8"],
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("is longer than the limit of 8 bytes"),
        "{run:?}"
    );
    assert_earlier_outputs_kept(&out);

    let run = split(&hostile("quoted-header.csv"), &out, &[]);
    assert_eq!(run.status, 2, "not replaced without --force");
    assert!(run.stderr.contains("already exists"), "{run:?}");
    assert_earlier_outputs_kept(&out);
}
