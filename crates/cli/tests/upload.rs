//! `upload`, `numbers`, `status` and `terminate`: the binary against an
//! in-process fake Ringg on a random loopback port. Both flows, each
//! failure, resume after a crash, dry run, and the key never shown.

use std::fmt;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use fake_ringg::{CannedAnswer, FakeConfig, FakeHandle, FakeRingg, Faults, ReceivedRequest};

const BIN: &str = env!("CARGO_BIN_EXE_ringg-preflight");
const NOW: &str = "2026-10-17T09:00:00+05:30";
/// Distinctive enough to grep for in everything the binary writes.
const KEY: &str = "rk_live_CLI_S3CRET_9d41e7a0b2";
const FROM_NUMBER: &str = "5d7f9a2b-1c3e-4f6a-8b9c-0d1e2f3a4b5c";
/// `remove_invalid_rows: true`.
const CAMPAIGN: &str = "fixtures/campaign.json";
/// `remove_invalid_rows: false`.
const KEEP_INVALID: &str = "fixtures/campaign-keep-invalid-rows.json";
/// 10 rows, 5 of them invalid.
const CONTACTS: &str = "fixtures/contacts.csv";
/// 3 valid rows.
const CLEAN: &str = "fixtures/contacts-clean.csv";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fake that expects `KEY`, answers 429 with `Retry-After: 0` when told
/// to rate-limit, and finishes processing a large upload after 3 polls.
fn fake(configure: impl FnOnce(&mut FakeConfig)) -> FakeHandle {
    let mut config = FakeConfig {
        api_key: KEY.to_owned(),
        polls_until_done: 3,
        faults: Faults {
            retry_after_secs: 0,
            ..Faults::default()
        },
        ..FakeConfig::default()
    };
    configure(&mut config);
    FakeRingg::start(config).expect("the fake starts")
}

fn faults_on(path: &str, faults: Faults) -> Faults {
    Faults {
        only_path: Some(path.to_owned()),
        ..faults
    }
}

/// One run of the binary.
struct Run {
    status: i32,
    stdout: String,
    /// Standard error with miette's wrapping undone (`│` and runs of white
    /// space become one space), so a message can be searched whole.
    stderr: String,
    /// Standard output and error as written.
    raw: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "exit {}\n{}", self.status, self.raw)
    }
}

/// Runs the binary from the repository root, with `RINGG_API_KEY` set to
/// `key` (unset for `None`).
fn run<S: AsRef<str>>(args: &[S], key: Option<&str>) -> Run {
    let mut command = Command::new(BIN);
    command
        .current_dir(root())
        .args(args.iter().map(AsRef::as_ref));
    match key {
        Some(key) => command.env("RINGG_API_KEY", key),
        None => command.env_remove("RINGG_API_KEY"),
    };
    let output = command.output().expect("the binary runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    Run {
        status: output.status.code().unwrap_or(-1),
        raw: format!("--- stdout\n{stdout}--- stderr\n{stderr}"),
        stdout,
        stderr: stderr
            .replace('│', " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// `upload CSV --campaign FILE` into `out` against `fake`, quick polling,
/// without a sender.
fn upload_base(csv: &str, campaign: &str, out: &Path, fake: &FakeHandle) -> Vec<String> {
    [
        "upload",
        csv,
        "--campaign",
        campaign,
        "--now",
        NOW,
        "--out-dir",
        &out.display().to_string(),
        "--base-url",
        fake.base_url(),
        "--poll-interval",
        "0.02",
        "--yes",
    ]
    .map(str::to_owned)
    .to_vec()
}

/// [`upload_base`] calling from `FROM_NUMBER`, plus `extra`.
fn upload_args(
    csv: &str,
    campaign: &str,
    out: &Path,
    fake: &FakeHandle,
    extra: &[&str],
) -> Vec<String> {
    let mut args = upload_base(csv, campaign, out, fake);
    args.extend(["--from-number", FROM_NUMBER].map(str::to_owned));
    args.extend(extra.iter().map(|a| (*a).to_owned()));
    args
}

/// The first request the fake received whose path starts with `path`.
fn received(fake: &FakeHandle, path: &str) -> ReceivedRequest {
    fake.received()
        .into_iter()
        .find(|r| r.path.starts_with(path))
        .unwrap_or_else(|| panic!("the fake received no {path}"))
}

fn state(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("upload-state.json")).expect("a state file");
    serde_json::from_str(&text).expect("the state file is JSON")
}

/// Writes `rows` valid contacts to `dir/contacts.csv`.
fn generated_contacts(dir: &Path, rows: usize) -> String {
    let mut text = String::from("Mobile Number,Name,Policy ID,Due Date\n");
    for i in 0..rows {
        text.push_str(&format!("+9198765{i:05},Person {i},POL-{i},20/10/2026\n"));
    }
    let path = dir.join("contacts.csv");
    std::fs::write(&path, text).expect("write the contacts");
    path.display().to_string()
}

/// `status --out-dir OUT --base-url` the fake's.
fn status_of(out: &Path, fake: &FakeHandle) -> Run {
    let out_dir = out.display().to_string();
    run(
        &[
            "status",
            "--out-dir",
            &out_dir,
            "--base-url",
            fake.base_url(),
        ],
        Some(KEY),
    )
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

#[test]
fn standard_flow_uploads_valid_csv_and_starts_the_campaign() {
    let fake = fake(|_| {});
    let out = tempdir();
    let args = upload_args(CONTACTS, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .starts_with("campaign scheduled (standard flow, list_id "),
        "{r}"
    );
    assert!(
        r.stdout.contains("campaign registered successfully!"),
        "{r}"
    );
    assert!(
        r.stderr.contains("uploading the 4 valid rows of ")
            && r.stderr.contains("the 6 invalid rows in "),
        "{r}"
    );
    assert!(
        r.stderr.contains("using the standard flow (4 valid rows)"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 1);
    assert_eq!(stats.campaigns_started, 1);
    assert_eq!(stats.bulk_lists_created, 0);
    assert_eq!(stats.rejected, 0);

    let save = received(&fake, "/campaign/save");
    let file = save.file.expect("a file part");
    assert_eq!(file.file_name.as_deref(), Some("valid.csv"));
    assert_eq!(file.rows, 4, "only the valid rows are sent");
    assert_eq!(save.fields["remove_invalid_rows"], "true");
    assert_eq!(save.fields["campaign_start_time"], "18/10/2026, 09:00");
    let variables: serde_json::Value =
        serde_json::from_str(&save.fields["variables_map"]).expect("a JSON string");
    assert_eq!(variables["mobile_number"], "Mobile Number");
    let start = received(&fake, "/campaign/start");
    let body = start.json.expect("a JSON body");
    assert_eq!(body["from_numbers"][0], FROM_NUMBER);
    assert_eq!(body["list_id"], state(out.path())["list_id"]);
    assert_eq!(state(out.path())["started"], true);

    // The same command again resumes from the state file: nothing to send.
    let requests = fake.stats().requests;
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout.starts_with("campaign already started earlier"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, requests);
}

#[test]
fn large_flow_when_asked() {
    let fake = fake(|_| {});
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .starts_with("campaign scheduled (large flow, bulk_list_id "),
        "{r}"
    );
    assert!(
        r.stderr.contains("using the large flow (as requested)"),
        "{r}"
    );
    assert!(r.stderr.contains("balance ok"), "{r}");
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 0);
    assert_eq!(stats.bulk_lists_created, 1);
    assert_eq!(stats.status_polls, 3);
    assert_eq!(stats.balance_checks, 1);
    assert_eq!(stats.async_campaigns_started, 1);
    let body = received(&fake, "/campaign/make-call-async")
        .json
        .expect("a JSON body");
    assert_eq!(body["from_numbers"][0], FROM_NUMBER);
    assert_eq!(
        body["call_config"]["call_time"]["timezone"], "Asia/Kolkata",
        "call_config goes as an object here"
    );
}

#[test]
fn auto_flow_is_large_from_5000_valid_rows() {
    let fake = fake(|_| {});
    let dir = tempdir();
    let csv = generated_contacts(dir.path(), 5_000);
    let out = dir.path().join("out");
    let r = run(&upload_args(&csv, CAMPAIGN, &out, &fake, &[]), Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr.contains("using the large flow (5000 valid rows)"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 0);
    assert_eq!(stats.bulk_lists_created, 1);
    assert_eq!(stats.async_campaigns_started, 1);
    let file = received(&fake, "/campaign/upload-csv")
        .file
        .expect("a file part");
    assert_eq!(file.rows, 5_000);
}

#[test]
fn a_number_pool_starts_through_v2() {
    let fake = fake(|_| {});
    let out = tempdir();
    let mut args = upload_base(CLEAN, CAMPAIGN, out.path(), &fake);
    args.extend(["--number-pool-id", "pool-7"].map(str::to_owned));
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let body = received(&fake, "/campaign/v2/start")
        .json
        .expect("a JSON body");
    assert_eq!(body["number_pool_id"], "pool-7");
    assert_eq!(fake.stats().campaigns_started, 1);
}

#[test]
fn a_file_that_would_not_upload_cleanly_is_refused_unless_invalid_rows_are_skipped() {
    let fake = fake(|_| {});
    let out = tempdir();
    let args = upload_args(CONTACTS, KEEP_INVALID, out.path(), &fake, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 1, "{r}");
    assert!(
        r.stderr.contains(
            "upload refused, nothing was sent: 6 rows are invalid; fix them (each is listed with its errors in"
        ) && r
            .stderr
            .contains("or pass --skip-invalid-rows to upload only the 4 valid rows"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, 0);
    assert!(out.path().join("invalid.csv").exists(), "the split is kept");
    assert!(!out.path().join("upload-state.json").exists());

    // The same command, skipping the invalid rows, into the same directory.
    let mut skipping = args.clone();
    skipping.push("--skip-invalid-rows".to_owned());
    let r = run(&skipping, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr
            .contains("--skip-invalid-rows: uploading the 4 valid rows of")
            && r.stderr.contains("leaving out 6 invalid rows"),
        "{r}"
    );
    let save = received(&fake, "/campaign/save");
    assert_eq!(save.fields["remove_invalid_rows"], "false");
    assert_eq!(save.file.expect("a file part").rows, 4);

    // A campaign-level error cannot be skipped: +999 names no country.
    let out = tempdir();
    let requests = fake.stats().requests;
    let r = run(
        &upload_args(
            CONTACTS,
            "fixtures/rules/C011.json",
            out.path(),
            &fake,
            &["--skip-invalid-rows"],
        ),
        Some(KEY),
    );
    assert_eq!(r.status, 1, "{r}");
    assert!(r.stderr.contains("C011"), "{r}");
    assert!(
        r.stderr
            .contains("upload refused, nothing was sent: fix what the checks above report"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, requests);
}

#[test]
fn unauthorized_key_is_a_refusal() {
    let fake = fake(|_| {});
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]),
        Some("rk_live_not_this_workspace"),
    );
    assert_eq!(r.status, 1, "{r}");
    assert!(
        r.stderr
            .contains("campaign/save: Ringg answered HTTP 401 Unauthorized"),
        "{r}"
    );
    assert!(r.stderr.contains("check RINGG_API_KEY"), "{r}");
    assert_eq!(fake.stats().unauthorized, 1);
    assert_eq!(fake.stats().lists_created, 0);
}

#[test]
fn bad_request_shows_ringgs_detail() {
    // Ringg finds a row invalid, and remove_invalid_rows is false.
    let fake = fake(|c| c.invalid_rows = 1);
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, KEEP_INVALID, out.path(), &fake, &[]),
        Some(KEY),
    );
    assert_eq!(r.status, 1, "{r}");
    assert!(
        r.stderr.contains(
            "campaign/save: Ringg answered HTTP 400 Bad Request: 1 rows of the CSV are invalid. Fix them or set remove_invalid_rows=true."
        ),
        "{r}"
    );
    assert_eq!(fake.stats().lists_created, 0);
}

#[test]
fn short_balance_stops_before_scheduling_and_a_rerun_resumes_after_a_top_up() {
    // 3 callees at 0.5 need 1.50.
    let fake = fake(|c| {
        c.balance = 1.0;
        c.cost_per_row = 0.5;
    });
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 1, "{r}");
    assert!(
        r.stderr.contains("insufficient balance for bulk list")
            && r.stderr
                .contains("short by 0.50 (needs 1.50, available 1.00)"),
        "{r}"
    );
    assert!(r.stderr.contains("top up the workspace"), "{r}");
    assert_eq!(fake.stats().async_campaigns_started, 0);

    fake.update(|c| c.balance = 100.0);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(r.stderr.contains("resuming from"), "{r}");
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1, "no second upload");
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn rate_limited_then_succeeds() {
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/save",
            Faults {
                rate_limit: 2,
                ..Faults::default()
            },
        );
    });
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr.contains("campaign/save: HTTP 429; retrying"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.faults_injected, 2);
    assert_eq!(stats.lists_created, 1);
    assert_eq!(stats.campaigns_started, 1);
}

#[test]
fn server_error_on_a_safe_request_is_retried() {
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/upload-status",
            Faults {
                server_errors: 2,
                ..Faults::default()
            },
        );
    });
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr
            .contains("campaign/upload-status: HTTP 500; retrying"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.faults_injected, 2);
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn server_error_on_a_create_request_is_never_resent_blindly() {
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/save",
            Faults {
                server_errors: 1,
                ..Faults::default()
            },
        );
    });
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("campaign/save: Ringg answered HTTP 500 Internal Server Error"),
        "{r}"
    );
    assert!(r.stderr.contains("it was not re-sent"), "{r}");

    // A rerun does not guess: the save may have created a list.
    let requests = fake.stats().requests;
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("campaign/save was sent by an earlier run but its outcome is unknown"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, requests, "nothing sent");

    // `status` shows what the state file knows and the campaign list.
    let r = status_of(out.path(), &fake);
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .contains("campaign/save was sent but its outcome is unknown"),
        "{r}"
    );
    assert!(r.stdout.contains("0 of 0 campaigns"), "{r}");

    // Not there: the user tells it to send the save again.
    let mut resend = args.clone();
    resend.push("--resend-uncertain".to_owned());
    let r = run(&resend, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 1);
    assert_eq!(stats.campaigns_started, 1);
}

#[test]
fn failed_upload_status_shows_the_invalid_rows() {
    // Ringg finds 2 rows invalid and remove_invalid_rows is false.
    let fake = fake(|c| c.invalid_rows = 2);
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, KEEP_INVALID, out.path(), &fake, &["--flow", "large"]),
        Some(KEY),
    );
    assert_eq!(r.status, 1, "{r}");
    let url = format!("{}/files/invalid-rows/", fake.base_url());
    assert!(
        r.stderr
            .contains("campaign/upload-status: upload of bulk list")
            && r.stderr.contains("failed; 2 invalid rows (invalid rows: ")
            && r.stderr.contains(&url),
        "{r}"
    );
    assert_eq!(fake.stats().balance_checks, 0);
    assert_eq!(fake.stats().async_campaigns_started, 0);
}

#[test]
fn polling_timeout_exits_2_and_a_rerun_resumes_polling() {
    let fake = fake(|c| c.polls_until_done = u32::MAX);
    let out = tempdir();
    let args = upload_args(
        CLEAN,
        CAMPAIGN,
        out.path(),
        &fake,
        &["--flow", "large", "--timeout", "0.3"],
    );
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(r.stderr.contains("still verifying after"), "{r}");
    assert!(
        r.stderr.contains("it resumes polling the same bulk list"),
        "{r}"
    );
    assert!(
        r.stderr.contains("upload verifying:"),
        "each new status gets a line without a terminal: {r}"
    );

    fake.update(|c| c.polls_until_done = 1);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1, "no second upload");
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn killed_while_polling_a_rerun_resumes_without_a_second_upload() {
    let fake = fake(|c| c.polls_until_done = u32::MAX);
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]);
    let mut child = std::process::Command::new(BIN)
        .current_dir(root())
        .args(&args)
        .env("RINGG_API_KEY", KEY)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let deadline = Instant::now() + Duration::from_secs(60);
    while fake.stats().status_polls < 2 {
        assert!(Instant::now() < deadline, "the upload never polled");
        std::thread::sleep(Duration::from_millis(10));
    }
    child.kill().expect("kill");
    child.wait().expect("reaped");
    let recorded = state(out.path());
    assert!(recorded["bulk_list_id"].is_string(), "{recorded}");
    assert_eq!(recorded["upload_processed"], false);

    fake.update(|c| c.polls_until_done = 1);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(r.stderr.contains("resuming from"), "{r}");
    assert!(
        r.stderr
            .contains("campaign/upload-csv: already done in an earlier run"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.bulk_lists_created, 1, "no second upload");
    assert_eq!(stats.async_campaigns_started, 1);
}

#[test]
fn connection_lost_after_save_never_creates_a_second_campaign() {
    // Ringg creates the list, then the connection drops: the answer is lost.
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/save",
            Faults {
                drop_connections: 1,
                drop_after_processing: true,
                ..Faults::default()
            },
        );
    });
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr.contains("the request may have reached Ringg"),
        "{r}"
    );
    assert_eq!(fake.stats().lists_created, 1);

    let requests = fake.stats().requests;
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(r.stderr.contains("outcome is unknown"), "{r}");
    assert_eq!(fake.stats().requests, requests, "nothing sent");
    assert_eq!(fake.stats().lists_created, 1, "no second campaign");

    // `status` finds the list Ringg created.
    let r = status_of(out.path(), &fake);
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout.contains("pending") && r.stdout.contains("Renewal reminders"),
        "{r}"
    );
}

#[test]
fn connection_lost_before_start_resumes_at_start_when_told() {
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/start",
            Faults {
                drop_connections: 1,
                ..Faults::default()
            },
        );
    });
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(r.stderr.contains("campaign/save: done"), "{r}");
    let list_id = state(out.path())["list_id"].clone();
    assert!(list_id.is_string());

    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("campaign/start was sent by an earlier run but its outcome is unknown"),
        "{r}"
    );

    let mut resend = args.clone();
    resend.push("--resend-uncertain".to_owned());
    let r = run(&resend, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr
            .contains("campaign/save: already done in an earlier run"),
        "{r}"
    );
    let stats = fake.stats();
    assert_eq!(stats.lists_created, 1, "no second campaign");
    assert_eq!(stats.campaigns_started, 1);
    assert_eq!(state(out.path())["list_id"], list_id);
}

#[test]
fn dry_run_prints_each_request_and_sends_nothing() {
    let fake = fake(|_| {});
    let out = tempdir();
    // No key is needed to rehearse.
    let r = run(
        &upload_args(CONTACTS, CAMPAIGN, out.path(), &fake, &["--dry-run"]),
        None,
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .starts_with("dry run: the standard flow would send 2 request(s); nothing was sent\n"),
        "{r}"
    );
    let base = fake.base_url();
    assert!(
        r.stdout.contains(&format!("1. POST {base}/campaign/save")),
        "{r}"
    );
    assert!(
        r.stdout.contains(&format!("2. POST {base}/campaign/start")),
        "{r}"
    );
    assert!(r.stdout.contains("X-API-KEY: <redacted>"), "{r}");
    assert!(r.stdout.contains("form file = @valid.csv ("), "{r}");
    assert!(r.stdout.contains("form remove_invalid_rows = true"), "{r}");

    let r = run(
        &upload_args(
            CONTACTS,
            CAMPAIGN,
            out.path(),
            &fake,
            &["--dry-run", "--flow", "large"],
        ),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .starts_with("dry run: the large flow would send 4 request(s)"),
        "{r}"
    );
    assert!(
        r.stdout.contains(&format!(
            "GET {base}/campaign/upload-status/{{bulk_list_id}}"
        )),
        "{r}"
    );
    assert_eq!(fake.stats().requests, 0, "the fake received nothing");
    assert!(!out.path().join("upload-state.json").exists());
}

#[test]
fn an_out_dir_is_reused_only_for_the_same_rows() {
    let fake = fake(|_| {});
    let out = tempdir();
    let r = run(
        &upload_args(CONTACTS, CAMPAIGN, out.path(), &fake, &["--dry-run"]),
        None,
    );
    assert_eq!(r.status, 0, "{r}");

    // Other rows into the same directory: only with --force.
    let other = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&other, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("valid.csv already exists and holds the output of other checks"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, 0);
    let mut forced = other.clone();
    forced.push("--force".to_owned());
    let r = run(&forced, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let uploaded = std::fs::read(out.path().join("valid.csv")).expect("valid.csv");

    // Now an upload is recorded there: even --force cannot swap its rows.
    let mut swapped = upload_args(CONTACTS, CAMPAIGN, out.path(), &fake, &["--force"]);
    swapped.push("--skip-invalid-rows".to_owned());
    let requests = fake.stats().requests;
    let r = run(&swapped, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("upload-state.json records an upload of another valid.csv"),
        "{r}"
    );
    assert_eq!(
        std::fs::read(out.path().join("valid.csv")).expect("valid.csv"),
        uploaded,
        "valid.csv is left as uploaded"
    );
    assert_eq!(fake.stats().requests, requests);
}

#[test]
fn numbers_status_and_terminate() {
    let fake = fake(|_| {});
    let base = fake.base_url().to_owned();
    let r = run(&["numbers", "--base-url", &base], Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout.contains(FROM_NUMBER) && r.stdout.contains("+912269976804"),
        "{r}"
    );
    assert!(
        r.stdout.contains("0b84b167-2dcb-4bbd-abab-1837000bea17"),
        "{r}"
    );

    let out = tempdir();
    let r = run(
        &upload_args(CONTACTS, CAMPAIGN, out.path(), &fake, &[]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    let list_id = state(out.path())["list_id"]
        .as_str()
        .expect("a list id")
        .to_owned();

    // The list id from the state file; the base URL only from the command
    // line (the state file is data, not configuration).
    let out_dir = out.path().display().to_string();
    let r = run(&["status", "--out-dir", &out_dir], Some(KEY));
    assert_eq!(r.status, 2, "the recorded URL is not production: {r}");
    let r = status_of(out.path(), &fake);
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout
            .contains(&format!("campaign {list_id}: Renewal reminders")),
        "{r}"
    );
    assert!(r.stdout.contains("  status  registered\n"), "{r}");
    assert!(r.stdout.contains("calls: 4\n"), "{r}");
    assert!(r.stdout.contains("+919876543210"), "{r}");

    let r = run(&["status", "--base-url", &base], Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stdout.contains(&list_id) && r.stdout.contains("1 of 1 campaigns"),
        "{r}"
    );

    let r = run(
        &["terminate", "--list-id", &list_id, "--base-url", &base],
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert_eq!(
        r.stdout,
        format!("campaign {list_id}: Calls terminated successfully!\n")
    );
    assert_eq!(fake.stats().terminations, 1);
    let r = run(
        &["status", "--list-id", &list_id, "--base-url", &base],
        Some(KEY),
    );
    assert!(r.stdout.contains("paused"), "{r}");

    let r = run(
        &["terminate", "--list-id", &list_id, "--base-url", &base],
        Some(KEY),
    );
    assert_eq!(r.status, 1, "{r}");
    assert!(r.stderr.contains("No terminable calls found."), "{r}");
}

#[test]
fn what_cannot_run_exits_2() {
    let fake = fake(|_| {});
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let r = run(&args, None);
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr.contains("no Ringg API key: set RINGG_API_KEY"),
        "{r}"
    );
    assert!(
        !out.path().join("valid.csv").exists(),
        "checked before the split"
    );

    let r = run(&["numbers", "--base-url", fake.base_url()], None);
    assert_eq!(r.status, 2, "{r}");

    let no_campaign: Vec<String> = args
        .iter()
        .filter(|a| a.as_str() != "--campaign" && a.as_str() != CAMPAIGN)
        .cloned()
        .collect();
    let r = run(&no_campaign, Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("the following required arguments were not provided: --campaign <FILE>"),
        "{r}"
    );

    let r = run(&upload_base(CLEAN, CAMPAIGN, out.path(), &fake), Some(KEY));
    assert_eq!(r.status, 2, "a sender is required: {r}");
    let r = run(
        &upload_args(
            CLEAN,
            CAMPAIGN,
            out.path(),
            &fake,
            &["--number-pool-id", "p"],
        ),
        Some(KEY),
    );
    assert_eq!(r.status, 2, "not both: {r}");
    assert_eq!(fake.stats().requests, 0);
}

/// Everything written under `dir`, as text.
fn files_under(dir: &Path) -> String {
    let mut text = String::new();
    for entry in std::fs::read_dir(dir).expect("a directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            text.push_str(&files_under(&path));
        } else {
            text.push_str(&String::from_utf8_lossy(
                &std::fs::read(&path).expect("readable"),
            ));
        }
    }
    text
}

#[test]
fn the_key_never_appears_in_output_or_files() {
    let fake = fake(|c| {
        c.faults = faults_on(
            "/campaign/upload-status",
            Faults {
                server_errors: 1,
                rate_limit: 1,
                ..Faults::default()
            },
        );
    });
    let base = fake.base_url().to_owned();
    let dir = tempdir();
    let standard = dir.path().join("standard");
    let large = dir.path().join("large");
    let failed = dir.path().join("failed");
    let standard_dir = standard.display().to_string();
    let mut runs = vec![
        run(
            &upload_args(
                CONTACTS,
                CAMPAIGN,
                &standard,
                &fake,
                &["--dry-run", "--verbose"],
            ),
            Some(KEY),
        ),
        run(
            &upload_args(CONTACTS, CAMPAIGN, &standard, &fake, &["--verbose"]),
            Some(KEY),
        ),
        run(
            &upload_args(
                CLEAN,
                CAMPAIGN,
                &large,
                &fake,
                &["--flow", "large", "--verbose"],
            ),
            Some(KEY),
        ),
        run(&["numbers", "--base-url", &base], Some(KEY)),
        run(&["status", "--base-url", &base], Some(KEY)),
        run(
            &["status", "--out-dir", &standard_dir, "--base-url", &base],
            Some(KEY),
        ),
    ];
    let list_id = state(&standard)["list_id"]
        .as_str()
        .expect("a list id")
        .to_owned();
    runs.push(run(
        &["terminate", "--list-id", &list_id, "--base-url", &base],
        Some(KEY),
    ));
    runs.push(run(
        &["terminate", "--list-id", &list_id, "--base-url", &base],
        Some(KEY),
    ));
    fake.update(|c| {
        c.faults = faults_on(
            "/campaign/save",
            Faults {
                server_errors: 1,
                ..Faults::default()
            },
        )
    });
    let failing = upload_args(CLEAN, CAMPAIGN, &failed, &fake, &["--verbose"]);
    runs.push(run(&failing, Some(KEY)));
    runs.push(run(&failing, Some(KEY)));
    let statuses: Vec<i32> = runs.iter().map(|r| r.status).collect();
    assert_eq!(statuses, [0, 0, 0, 0, 0, 0, 0, 1, 2, 2], "every path ran");

    let mut everything: String = runs.iter().map(|r| r.raw.clone()).collect();
    everything.push_str(&files_under(dir.path()));
    // A key wrapped over two lines would still be a leak.
    let squeezed: String = everything
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect();
    assert!(!squeezed.contains(KEY), "the key leaked:\n{everything}");
    assert!(
        everything.contains("<redacted>"),
        "the dry run shows where it goes"
    );

    // Sent only as the header.
    for request in fake.received() {
        assert!(request.had_api_key, "{request:?}");
        let body = format!("{:?} {:?} {}", request.fields, request.json, request.path);
        assert!(!body.contains(KEY), "{body}");
    }
}

// ---- fail closed ---------------------------------------------------------

/// A large upload of the clean file against a fake whose check-balance
/// answers `body`.
fn large_upload_with_balance_answer(body: &str) -> (Run, FakeHandle, tempfile::TempDir) {
    let fake = fake(|c| c.canned = vec![CannedAnswer::json("/campaign/check-balance", body)]);
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]),
        Some(KEY),
    );
    (r, fake, out)
}

#[test]
fn a_balance_answer_that_does_not_confirm_stops_before_scheduling() {
    for body in [
        r#"{"sufficient_balance": false, "required_credits": 100, "available_credits": 10}"#,
        "{}",
        "[]",
        r#"{"status":"error","message":"could not compute balance"}"#,
        r#"{"status":"draft","balance_sufficient":false}"#,
        r#"{"required_balance":"N/A","available_balance":5}"#,
    ] {
        let (r, fake, out) = large_upload_with_balance_answer(body);
        assert_eq!(r.status, 1, "{body}: {r}");
        assert_eq!(
            fake.stats().async_campaigns_started,
            0,
            "{body}: nothing is scheduled"
        );
        assert_ne!(
            state(out.path())["balance_checked"],
            true,
            "{body}: nothing is recorded as checked"
        );
        assert!(
            r.stderr.contains("balance") && r.stderr.contains("run the same command again"),
            "{body}: {r}"
        );
        if !body.contains("false") {
            let value: serde_json::Value = serde_json::from_str(body).unwrap();
            assert!(
                r.stderr.contains(&format!("it answered: {value}")),
                "{body}: Ringg's answer is quoted: {r}"
            );
        }
        // A rerun checks again instead of skipping the check.
        let checks = fake.stats().balance_checks;
        let requests = fake.received().len();
        let rerun = run(
            &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]),
            Some(KEY),
        );
        assert_eq!(rerun.status, 1, "{body}: {rerun}");
        assert!(
            fake.received()[requests..]
                .iter()
                .any(|q| q.path.starts_with("/campaign/check-balance")),
            "{body}: the rerun asks again ({checks} before)"
        );
    }
}

#[test]
fn a_positive_balance_answer_schedules() {
    for body in [
        r#"{"status":"draft","bulk_list_id":"b","message":"ok"}"#,
        r#"{"sufficient_balance":true}"#,
        r#"{"required_credits":10,"available_credits":100}"#,
    ] {
        let (r, fake, out) = large_upload_with_balance_answer(body);
        assert_eq!(r.status, 0, "{body}: {r}");
        assert_eq!(fake.stats().async_campaigns_started, 1, "{body}");
        assert_eq!(state(out.path())["balance_checked"], true, "{body}");
    }
}

#[test]
fn an_unknown_or_failed_upload_status_never_proceeds() {
    for status in [
        "verification_failed",
        "upload_failed",
        "partially_failed",
        "timed_out",
        "aborted",
        "quantum_superposition",
    ] {
        let fake = fake(|c| {
            c.polls_until_done = 0;
            c.final_upload_status = status.to_owned();
        });
        let out = tempdir();
        let r = run(
            &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["--flow", "large"]),
            Some(KEY),
        );
        assert_eq!(r.status, 1, "{status}: {r}");
        assert!(r.stderr.contains(status), "{status} is named: {r}");
        let stats = fake.stats();
        assert_eq!(stats.balance_checks, 0, "{status}");
        assert_eq!(stats.async_campaigns_started, 0, "{status}");
    }
}

#[test]
fn two_uploads_on_one_out_dir_start_one_campaign() {
    // Slow answers keep the first run inside its upload while the second starts.
    let fake = fake(|c| c.delay = Duration::from_millis(150));
    let out = tempdir();
    let args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]);
    let spawn = || {
        std::process::Command::new(BIN)
            .current_dir(root())
            .args(&args)
            .env("RINGG_API_KEY", KEY)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts")
    };
    let (a, b) = (spawn(), spawn());
    let outputs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let codes: Vec<_> = outputs.iter().map(|o| o.status.code()).collect();
    assert_eq!(fake.stats().lists_created, 1, "{codes:?}");
    assert_eq!(fake.stats().campaigns_started, 1, "{codes:?}");
    assert!(
        codes.contains(&Some(0)) && codes.contains(&Some(2)),
        "{codes:?}"
    );
    let refused = outputs
        .iter()
        .find(|o| o.status.code() == Some(2))
        .expect("one refused");
    let text = String::from_utf8_lossy(&refused.stderr);
    assert!(
        text.contains("another ringg-preflight run holds the lock on"),
        "{text}"
    );
}

#[test]
fn redirects_are_not_followed_and_nothing_reaches_their_target() {
    let elsewhere = fake(|_| {});
    let target = elsewhere.base_url().to_owned();
    let fake = self::fake(|c| c.redirect_to = Some(target.clone()));
    let base = fake.base_url().to_owned();
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]),
        Some(KEY),
    );
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr.contains("redirect") && r.stderr.contains(&target),
        "the Location is named: {r}"
    );
    let r = run(
        &["terminate", "--list-id", "l1", "--base-url", &base],
        Some(KEY),
    );
    assert_ne!(r.status, 0, "{r}");
    assert!(!r.stdout.contains("terminated"), "{r}");
    let r = run(&["numbers", "--base-url", &base], Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert_eq!(elsewhere.stats().requests, 0, "the target received nothing");
}

#[test]
fn plain_http_is_refused_except_to_this_machine() {
    let out = tempdir();
    for url in [
        "http://prod-api.ringg.ai/ca/api/v0",
        "http://10.1.2.3:8080/ca/api/v0",
        "http://127.0.0.1.nip.io/ca/api/v0",
    ] {
        let r = run(&["numbers", "--base-url", url], Some(KEY));
        assert_eq!(r.status, 2, "{url}: {r}");
        assert!(r.stderr.contains("unencrypted"), "{url}: {r}");
        let r = run(
            &[
                "upload",
                CLEAN,
                "--campaign",
                CAMPAIGN,
                "--now",
                NOW,
                "--out-dir",
                &out.path().display().to_string(),
                "--base-url",
                url,
                "--from-number",
                FROM_NUMBER,
                "--yes",
            ],
            Some(KEY),
        );
        assert_eq!(r.status, 2, "{url}: {r}");
    }
}

#[test]
fn status_sends_the_key_only_to_the_url_given() {
    let evil = fake(|_| {});
    let ringg = fake(|_| {});
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &ringg, &[]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    let path = out.path().join("upload-state.json");
    let mut recorded = state(out.path());
    recorded["base_url"] = serde_json::Value::String(format!("{}/steal", evil.base_url()));
    std::fs::write(&path, recorded.to_string()).unwrap();
    let dir = out.path().display().to_string();
    for extra in [&[][..], &["--base-url", ringg.base_url()][..]] {
        let mut args = vec!["status", "--out-dir", &dir];
        args.extend_from_slice(extra);
        let r = run(&args, Some(KEY));
        assert_eq!(r.status, 2, "{r}");
        assert!(
            r.stderr.contains(evil.base_url()),
            "both URLs are named: {r}"
        );
    }
    assert_eq!(evil.stats().requests, 0, "the key went nowhere else");
}

#[test]
fn echoes_of_the_key_are_redacted_in_every_form() {
    let upper = KEY.to_uppercase();
    let escaped: String = KEY
        .chars()
        .map(|c| format!("\\u{:04x}", c as u32))
        .collect();
    let straddling = format!("{}{KEY} tail", "x".repeat(3_990));
    for echo in [upper.as_str(), escaped.as_str(), straddling.as_str()] {
        let body = serde_json::json!({ "detail": format!("bad key {echo}") }).to_string();
        let fake = fake(|c| {
            c.canned = vec![CannedAnswer {
                status: 400,
                ..CannedAnswer::json("/workspace/numbers", &body)
            }]
        });
        let r = run(&["numbers", "--base-url", fake.base_url()], Some(KEY));
        assert_eq!(r.status, 1, "{r}");
        let squeezed: String = r.raw.chars().filter(|c| !c.is_whitespace()).collect();
        let lower = squeezed.to_lowercase();
        assert!(!lower.contains(&KEY.to_lowercase()), "{r}");
        assert!(
            !lower.contains(&KEY.to_lowercase()[..16]),
            "no half of it: {r}"
        );
        assert!(!squeezed.contains("\\u0072\\u006b"), "{r}");
        if echo.len() < 1000 {
            assert!(r.raw.contains("<redacted>"), "{r}");
        }
    }
}

#[test]
fn a_trickling_server_is_cut_off_by_the_request_timeout() {
    let fake = fake(|c| c.trickle = Some(Duration::from_millis(300)));
    let started = Instant::now();
    let r = run(
        &[
            "numbers",
            "--base-url",
            fake.base_url(),
            "--request-timeout",
            "1",
            "--deadline",
            "3",
        ],
        Some(KEY),
    );
    assert_eq!(r.status, 2, "{r}");
    // One overall bound: a few attempts of 1 s within a 3 s deadline, not
    // 240 s of separate header and body timeouts.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?} {r}",
        started.elapsed()
    );
    let help = run(&["numbers", "--help"], None);
    assert!(help.stdout.contains("--request-timeout") && help.stdout.contains("--deadline"));
}

#[test]
fn answers_of_the_wrong_shape_are_errors_naming_the_step_and_field() {
    let fake = fake(|c| {
        c.canned = vec![CannedAnswer::json(
            "/campaign/save",
            r#"{"list_id":{"x":[1,2]},"status":["a"]}"#,
        )]
    });
    let out = tempdir();
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &[]),
        Some(KEY),
    );
    assert_ne!(r.status, 0, "{r}");
    assert!(
        r.stderr.contains("campaign/save") && r.stderr.contains("list_id"),
        "{r}"
    );
    assert_eq!(fake.stats().campaigns_started, 0);
    assert!(!r.stdout.contains("scheduled"), "{r}");

    for body in [
        "{}",
        r#"{"message":"nothing happened"}"#,
        r#"{"message":"No calls terminated"}"#,
    ] {
        let fake = self::fake(|c| c.canned = vec![CannedAnswer::json("/campaign/terminate", body)]);
        let r = run(
            &[
                "terminate",
                "--list-id",
                "l1",
                "--base-url",
                fake.base_url(),
            ],
            Some(KEY),
        );
        assert_ne!(r.status, 0, "{body}: {r}");
        assert!(r.stdout.is_empty(), "{body}: no success is printed: {r}");
    }
}

#[test]
fn terminal_escapes_from_the_server_are_shown_escaped() {
    let numbers = serde_json::json!({"workspace_numbers": [{
        "id": "n1\u{1b}[2J",
        "number": "+912269976804",
        "display_name": "\u{1b}]52;c;ZXZpbA==\u{7}",
        "provider": "ok: campaign scheduled\n",
    }]})
    .to_string();
    let fake = fake(|c| {
        c.canned = vec![
            CannedAnswer::json("/workspace/numbers", &numbers),
            CannedAnswer {
                status: 400,
                ..CannedAnswer::json("/campaign/all", r#"{"detail":"\u001b[31mno\u202e"}"#)
            },
        ]
    });
    let r = run(&["numbers", "--base-url", fake.base_url()], Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        !r.raw.contains('\u{1b}') && !r.raw.contains('\u{7}'),
        "{r:?}",
        r = r.raw
    );
    assert!(r.stdout.contains("n1\\x1b[2J"), "{r}");
    assert!(r.stdout.contains("\\x1b]52;c;ZXZpbA==\\x07"), "{r}");
    assert!(!r.stdout.contains("scheduled\n"), "{r}");
    let r = run(&["status", "--base-url", fake.base_url()], Some(KEY));
    assert_eq!(r.status, 1, "{r}");
    assert!(
        !r.raw.contains('\u{1b}') && !r.raw.contains('\u{202e}'),
        "{}",
        r.raw
    );
    assert!(r.stderr.contains("\\x1b[31mno\\u{202e}"), "{r}");
}

#[test]
fn a_real_upload_needs_a_yes_a_sender_and_says_what_it_does() {
    let fake = fake(|_| {});
    let out = tempdir();
    let without_yes = |extra: &[&str]| {
        let mut args = upload_args(CLEAN, CAMPAIGN, out.path(), &fake, extra);
        args.retain(|a| a != "--yes");
        args
    };
    // No terminal to ask on, no --yes: nothing is sent.
    let r = run(&without_yes(&[]), Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(r.stderr.contains("a real upload needs --yes"), "{r}");
    assert_eq!(fake.stats().requests, 0);

    // A dry run needs no --yes and says it sends nothing.
    let r = run(&without_yes(&["--dry-run"]), Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    assert!(
        r.stderr
            .contains("dry run, nothing is sent: would upload the"),
        "{r}"
    );
    assert!(!r.stderr.contains("uploading the"), "{r}");

    // No sender: the error names both ways and the command that lists ids.
    let r = run(&upload_base(CLEAN, CAMPAIGN, out.path(), &fake), Some(KEY));
    assert_eq!(r.status, 2, "{r}");
    assert!(
        r.stderr
            .contains("--from-number ID (repeatable) or --number-pool-id ID")
            && r.stderr.contains("ringg-preflight numbers"),
        "{r}"
    );
    assert_eq!(fake.stats().requests, 0);

    // -q: the outcome, no summary table.
    let r = run(
        &upload_args(CLEAN, CAMPAIGN, out.path(), &fake, &["-q", "--force"]),
        Some(KEY),
    );
    assert_eq!(r.status, 0, "{r}");
    assert!(r.stdout.contains("campaign scheduled"), "{r}");
    assert!(!r.stderr.contains("code   rule"), "{r}");
}

#[test]
fn errors_do_not_show_internal_codes() {
    let fake = fake(|_| {});
    let r = run(&["numbers", "--base-url", fake.base_url()], None);
    assert_eq!(r.status, 2, "{r}");
    assert!(r.stderr.contains("RINGG_API_KEY"), "{r}");
    assert!(
        !r.raw.contains("ringg_upload::") && !r.raw.contains("ringg_preflight::"),
        "{r}"
    );
}

#[test]
fn send_columns_mapped_uploads_only_the_columns_the_assistant_reads() {
    let mapped = fake(|_| {});
    let out = tempdir();
    let args = upload_args(
        "fixtures/crm-export.csv",
        "fixtures/campaign-send-mapped.json",
        out.path(),
        &mapped,
        &[],
    );
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let file = received(&mapped, "/campaign/save")
        .file
        .expect("a file part");
    assert_eq!(file.header, "Mobile Number,Name,Policy ID,Due Date");
    assert_eq!(file.rows, 2);

    // The default sends every column, and says which the assistant ignores.
    let every = fake(|_| {});
    let out = tempdir();
    let args = upload_args("fixtures/crm-export.csv", CAMPAIGN, out.path(), &every, &[]);
    let r = run(&args, Some(KEY));
    assert_eq!(r.status, 0, "{r}");
    let file = received(&every, "/campaign/save")
        .file
        .expect("a file part");
    assert_eq!(
        file.header,
        "Mobile Number,Name,Email,Policy ID,Company,Due Date,Last Name"
    );
    assert!(
        r.stderr.contains(
            "3 columns not used by the assistant would be sent to Ringg: Email, Company, Last Name"
        ),
        "{r}"
    );
}
