//! The examples in `README.md` and `docs/*.md` cannot rot: every fenced
//! ```` ```console ```` block is run, and the output shown must be the
//! output produced.
//!
//! A `console` block is a series of commands, each a line starting with
//! `$ ` (continued by a trailing `\`), followed by the output it prints,
//! standard error and standard output interleaved as a terminal shows them.
//! A command that exits with another status than 0 ends its output with a
//! line `[exit status: N]`. The commands of one Markdown file run in order,
//! in one temporary directory holding a copy of `fixtures/`, with the
//! `ringg-preflight` under test first on the `PATH`, so that a later
//! command can read what an earlier one wrote. An address
//! `http://127.0.0.1:8080` is replaced by that of a fake Ringg started for
//! the file (key `test-key`), as `cargo run -p fake-ringg -- --port 8080`
//! would serve it.
//!
//! Dates: the commands give `--now` wherever the campaign's start must lie
//! in the future, so they read the same on any day.
//!
//! To refresh the outputs shown after a deliberate change:
//! `UPDATE_DOCS=1 cargo test -p ringg-preflight-cli --test docs_examples`.

use std::path::{Path, PathBuf};
use std::process::Command;

use fake_ringg::{FakeConfig, FakeRingg};

const BIN: &str = env!("CARGO_BIN_EXE_ringg-preflight");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// One `$ ` command of a block and where its shown output sits.
struct Example {
    command: String,
    /// Line range (0-based, end exclusive) of the shown output in the file.
    output: std::ops::Range<usize>,
}

/// The examples of a Markdown text, in order.
fn examples(text: &str) -> Vec<Example> {
    let lines: Vec<&str> = text.lines().collect();
    let mut examples = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        if lines[index].trim_end() != "```console" {
            index += 1;
            continue;
        }
        index += 1;
        while index < lines.len() && !lines[index].starts_with("```") {
            let Some(first) = lines[index].strip_prefix("$ ") else {
                panic!("line {}: a console block starts with `$ `", index + 1);
            };
            let mut command = first.to_owned();
            while let Some(head) = command.strip_suffix('\\') {
                index += 1;
                command = format!("{} {}", head.trim_end(), lines[index].trim_start());
            }
            index += 1;
            let start = index;
            while index < lines.len()
                && !lines[index].starts_with("$ ")
                && !lines[index].starts_with("```")
            {
                index += 1;
            }
            examples.push(Example {
                command,
                output: start..index,
            });
        }
        index += 1;
    }
    examples
}

/// Runs `command` in `dir` and returns what a terminal would show.
fn run(command: &str, dir: &Path, base_url: &str) -> String {
    let command = command.replace("http://127.0.0.1:8080", base_url);
    let bin_dir = Path::new(BIN).parent().expect("the binary's folder");
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!("exec 2>&1; {command}"))
        .current_dir(dir)
        .env("PATH", path)
        .env_remove("RINGG_API_KEY")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("NO_COLOR", "1")
        .output()
        .expect("sh runs");
    // The fake's real address is shown as the one the reader would use.
    let mut shown = String::from_utf8_lossy(&output.stdout).into_owned();
    if !base_url.is_empty() {
        shown = shown.replace(base_url, "http://127.0.0.1:8080");
    }
    let status = output.status.code().unwrap_or(-1);
    if status != 0 {
        if !shown.is_empty() && !shown.ends_with('\n') {
            shown.push('\n');
        }
        shown.push_str(&format!("[exit status: {status}]\n"));
    }
    shown
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Runs every example of one file; returns the file with the outputs
/// produced in place of those shown.
fn produced(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("fixtures"), &dir.path().join("fixtures"));
    let fake = FakeRingg::start(FakeConfig::default()).expect("the fake starts");
    let base = fake.base_url().trim_end_matches('/').to_owned();
    let base = base
        .strip_suffix("/ca/api/v0")
        .map(str::to_owned)
        .unwrap_or(base);
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::new();
    let mut next = 0;
    for example in examples(&text) {
        out.extend(
            lines[next..example.output.start]
                .iter()
                .map(|l| l.to_string()),
        );
        let shown = run(&example.command, dir.path(), &base);
        out.extend(shown.lines().map(str::to_owned));
        next = example.output.end;
    }
    out.extend(lines[next..].iter().map(|l| l.to_string()));
    let mut result = out.join("\n");
    if text.ends_with('\n') {
        result.push('\n');
    }
    result
}

fn documents() -> Vec<PathBuf> {
    let mut paths = vec![root().join("README.md")];
    if let Ok(entries) = std::fs::read_dir(root().join("docs")) {
        let mut docs: Vec<PathBuf> = entries
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
            .collect();
        docs.sort();
        paths.extend(docs);
    }
    paths
}

#[test]
fn every_console_example_prints_what_it_shows() {
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    let mut count = 0;
    for path in documents() {
        let text = std::fs::read_to_string(&path).unwrap();
        count += examples(&text).len();
        let produced = produced(&path);
        if produced != text {
            if update {
                std::fs::write(&path, &produced).unwrap();
            } else {
                let first = text
                    .lines()
                    .zip(produced.lines())
                    .position(|(a, b)| a != b)
                    .unwrap_or(0);
                stale.push(format!(
                    "{}: from line {}:\n  shown:    {:?}\n  produced: {:?}",
                    path.display(),
                    first + 1,
                    text.lines().nth(first).unwrap_or(""),
                    produced.lines().nth(first).unwrap_or("")
                ));
            }
        }
    }
    assert!(count >= 5, "the README shows runnable examples ({count})");
    assert!(
        stale.is_empty(),
        "examples out of date (refresh with UPDATE_DOCS=1 cargo test -p ringg-preflight-cli --test docs_examples):\n{}",
        stale.join("\n")
    );
}

#[test]
fn the_readme_campaign_is_the_fixture() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let fixture = std::fs::read_to_string(root().join("fixtures/campaign.json")).unwrap();
    let block = readme
        .split("```json\n")
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap_or(""))
        .find(|block| block.contains("\"agent_id\""))
        .expect("the README shows a campaign file");
    assert_eq!(
        block, fixture,
        "README's campaign file = fixtures/campaign.json"
    );
}

#[test]
fn a_console_block_is_read_as_commands_and_outputs() {
    let text = "x\n```console\n$ echo a \\\n  b\na b\n$ false\n[exit status: 1]\n```\n";
    let found = examples(text);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].command, "echo a b");
    assert_eq!(found[0].output, 4..5);
    assert_eq!(found[1].command, "false");
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run("echo a b", dir.path(), ""), "a b\n");
    assert_eq!(run("false", dir.path(), ""), "[exit status: 1]\n");
}
