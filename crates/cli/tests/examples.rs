//! The ready-made CI examples in `examples/`: they parse, name only options
//! the binary accepts, and do what they say on fixtures.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_norway::Value;

const NOW: &str = "2026-10-17T09:00:00+05:30";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yaml(path: &str) -> Value {
    let text = std::fs::read_to_string(root().join(path)).unwrap();
    serde_norway::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// Asserts the binary accepts every `--option` (and `--format` value) in
/// `command`, a shell line that runs `ringg-preflight SUBCOMMAND …`.
fn assert_accepted(command: &str) {
    let words: Vec<&str> = command.split_whitespace().collect();
    let start = words
        .iter()
        .position(|w| *w == "ringg-preflight")
        .unwrap_or_else(|| panic!("no ringg-preflight in `{command}`"));
    let subcommand = words[start + 1];
    let help = Command::cargo_bin("ringg-preflight")
        .unwrap()
        .args([subcommand, "--help"])
        .output()
        .unwrap();
    assert!(help.status.success(), "`{subcommand}` is a subcommand");
    let help = String::from_utf8(help.stdout).unwrap();
    for (index, word) in words.iter().enumerate().skip(start + 2) {
        if word.starts_with("--") {
            let listed = [" ", "\n"]
                .iter()
                .any(|end| help.contains(&format!("{word}{end}")));
            assert!(listed, "`{word}` in `{command}`");
        }
        if *word == "--format" {
            let value = words[index + 1];
            assert!(help.contains(&format!("{value}:")), "--format {value}");
        }
    }
}

#[test]
fn github_workflow_annotates_and_uploads_sarif_with_accepted_options() {
    let workflow = yaml("examples/github-actions/contact-lists.yml");
    assert!(workflow["on"]["pull_request"].is_mapping(), "{workflow:?}");
    assert_eq!(
        workflow["permissions"]["security-events"].as_str(),
        Some("write"),
        "upload-sarif needs it"
    );
    let steps = workflow["jobs"]["preflight"]["steps"]
        .as_sequence()
        .expect("jobs.preflight.steps");
    let runs: Vec<&str> = steps
        .iter()
        .filter_map(|step| step["run"].as_str())
        .filter(|run| run.contains("ringg-preflight check"))
        .collect();
    assert_eq!(runs.len(), 2, "{runs:?}");
    assert!(runs[0].contains("--format github"), "{}", runs[0]);
    assert!(
        runs[1].contains("--format sarif > preflight.sarif"),
        "{}",
        runs[1]
    );
    for run in runs {
        assert_accepted(run);
    }
    let upload = steps
        .iter()
        .find(|step| {
            step["uses"]
                .as_str()
                .is_some_and(|uses| uses.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    assert_eq!(
        upload["with"]["sarif_file"].as_str(),
        Some("preflight.sarif")
    );
}

/// A directory laid out as the examples expect: `campaign.json` and
/// `contacts/clean.csv`, `contacts/bad.csv`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = root().join("fixtures");
    std::fs::create_dir(dir.path().join("contacts")).unwrap();
    for (from, to) in [
        ("campaign-keep-invalid-rows.json", "campaign.json"),
        ("contacts-clean.csv", "contacts/clean.csv"),
        ("contacts.csv", "contacts/bad.csv"),
    ] {
        std::fs::copy(fixtures.join(from), dir.path().join(to)).unwrap();
    }
    dir
}

#[test]
fn pre_commit_framework_hook_checks_the_files_it_is_given() {
    let config = yaml("examples/pre-commit/pre-commit-config.yaml");
    let hook = &config["repos"][0]["hooks"][0];
    assert_eq!(hook["id"].as_str(), Some("ringg-preflight"));
    assert_eq!(hook["language"].as_str(), Some("system"));
    assert_eq!(hook["files"].as_str(), Some("^contacts/.*\\.csv$"));
    let entry = hook["entry"].as_str().expect("an entry");
    assert_accepted(entry);

    // As pre-commit runs it: the entry, then the staged files' names.
    let project = project();
    let run = |files: &[&str]| {
        let mut words = entry.split_whitespace().skip(1);
        Command::cargo_bin("ringg-preflight")
            .unwrap()
            .current_dir(project.path())
            .args(words.by_ref())
            .args(["--now", NOW])
            .args(files)
            .output()
            .unwrap()
    };
    let clean = run(&["contacts/clean.csv"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean));
    let both = run(&["contacts/clean.csv", "contacts/bad.csv"]);
    assert_eq!(both.status.code(), Some(1), "{}", text(&both));
}

#[cfg(unix)]
#[test]
fn git_pre_commit_hook_stops_a_commit_of_a_bad_list() {
    let project = project();
    let bin_dir = assert_cmd::cargo::cargo_bin("ringg-preflight")
        .parent()
        .unwrap()
        .to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin_dir).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap())),
    )
    .unwrap();
    let git = |args: &[&str]| {
        let status = std::process::Command::new("git")
            .args(args)
            .current_dir(project.path())
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    let hook = |dir: &Path| {
        std::process::Command::new("sh")
            .arg(root().join("examples/pre-commit/pre-commit"))
            .current_dir(dir)
            .env("PATH", &path)
            .env("RINGG_PREFLIGHT_ARGS", format!("--now {NOW}"))
            .output()
            .unwrap()
    };
    git(&["init", "-q"]);
    let nothing_staged = hook(project.path());
    assert_eq!(
        nothing_staged.status.code(),
        Some(0),
        "{}",
        text(&nothing_staged)
    );

    git(&["add", "campaign.json", "contacts/clean.csv"]);
    let clean = hook(project.path());
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean));
    assert!(
        String::from_utf8_lossy(&clean.stdout).contains("ok: would upload cleanly"),
        "{}",
        text(&clean)
    );

    git(&["add", "contacts/bad.csv"]);
    let bad = hook(project.path());
    assert_eq!(bad.status.code(), Some(1), "{}", text(&bad));
    assert!(
        String::from_utf8_lossy(&bad.stderr)
            .contains("ringg-preflight: fix the contact lists above, or commit with --no-verify"),
        "{}",
        text(&bad)
    );
}
