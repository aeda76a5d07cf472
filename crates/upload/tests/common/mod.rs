//! Shared helpers for the uploader's integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use fake_ringg::{FakeConfig, FakeHandle, FakeRingg};
use ringg_upload::{
    ApiKey, CampaignForm, Client, ClientConfig, PollPolicy, RetryPolicy, UploadEvent, UploadInput,
    UploadOptions,
};

/// A key distinctive enough to grep for.
pub const KEY: &str = "rk_live_S3CRET_4f9a2b71c0de";
pub const FROM_NUMBER: &str = "5d7f9a2b-1c3e-4f6a-8b9c-0d1e2f3a4b5c";
pub const AGENT: &str = "830f767a-397e-4b39-82ff-235cd344e2f9";

pub fn fake_config() -> FakeConfig {
    FakeConfig {
        api_key: KEY.to_owned(),
        polls_until_done: 3,
        faults: fake_ringg::Faults {
            retry_after_secs: 0,
            ..Default::default()
        },
        ..FakeConfig::default()
    }
}

pub fn start_fake(cfg: FakeConfig) -> FakeHandle {
    FakeRingg::start(cfg).expect("fake starts")
}

/// Writes `dir/valid.csv` with `rows` contacts.
pub fn write_csv(dir: &Path, rows: usize) -> PathBuf {
    let mut text = String::from("Mobile Number,Name,Policy ID,Due Date\n");
    for i in 0..rows {
        text.push_str(&format!(
            "+9198765{:05},Person {i},POL-{i},20/10/2026\n",
            i % 100_000
        ));
    }
    let path = dir.join("valid.csv");
    std::fs::write(&path, text).expect("write csv");
    path
}

pub fn form() -> CampaignForm {
    CampaignForm {
        agent_id: AGENT.to_owned(),
        campaign_name: "Renewal reminders".to_owned(),
        country_code: "+91".to_owned(),
        campaign_start_time: "18/12/2026, 09:00".to_owned(),
        campaign_end_time: "18/12/2026, 18:00".to_owned(),
        variables_map: r#"{"mobile_number":"Mobile Number","callee_name":"Name","policy_id":"Policy ID","due_date":"Due Date"}"#.to_owned(),
        call_config: r#"{"call_time":{"call_start_time":"09:00","call_end_time":"18:00","timezone":"Asia/Kolkata"},"call_retry_config":{"retry_count":1,"retry_busy":30,"retry_not_picked":30,"retry_failed":30}}"#.to_owned(),
        remove_invalid_rows: Some(true),
        transliterate_callee_name: None,
    }
}

pub fn input(csv: &Path, rows: u64) -> UploadInput {
    UploadInput {
        form: form(),
        csv_path: csv.to_path_buf(),
        valid_rows: rows,
    }
}

pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 4,
        initial_backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(2),
    }
}

/// Options for the fake: fast retries and polling, the test key, one from-number.
pub fn options(base_url: &str, dir: &Path) -> UploadOptions {
    let mut o = UploadOptions::new(dir);
    o.base_url = base_url.to_owned();
    o.api_key = Some(ApiKey::new(KEY).expect("valid key"));
    o.from_numbers = vec![FROM_NUMBER.to_owned()];
    o.callback_url = Some("https://api.example.com/ringg/callback".to_owned());
    o.retry = fast_retry();
    o.poll = PollPolicy {
        initial_interval: Duration::from_millis(10),
        max_interval: Duration::from_millis(40),
    };
    o.timeout = Duration::from_secs(5);
    o.request_timeout = Duration::from_secs(5);
    o
}

pub fn client(base_url: &str) -> Client {
    let mut cfg = ClientConfig::new(ApiKey::new(KEY).expect("valid key"));
    cfg.base_url = base_url.to_owned();
    cfg.retry = fast_retry();
    Client::new(cfg).expect("client")
}

/// Collects events.
#[derive(Default)]
pub struct Events(pub Mutex<Vec<UploadEvent>>);

impl Events {
    pub fn push(&self, e: &UploadEvent) {
        self.0.lock().expect("lock").push(e.clone());
    }
    pub fn all(&self) -> Vec<UploadEvent> {
        self.0.lock().expect("lock").clone()
    }
    pub fn text(&self) -> String {
        self.all().iter().map(|e| format!("{e}\n{e:?}\n")).collect()
    }
    pub fn retries(&self) -> usize {
        self.all()
            .iter()
            .filter(|e| matches!(e, UploadEvent::Retrying { .. }))
            .count()
    }
}

/// Fails when the key shows up in `text`.
pub fn assert_no_key(text: &str) {
    assert!(
        !text.contains(KEY),
        "the API key leaked into output:\n{text}"
    );
}

/// Display, Debug and the miette rendering of an error, checked for the key.
pub fn error_text(e: &ringg_upload::Error) -> String {
    use miette::Diagnostic;
    let help = e.help().map(|h| h.to_string()).unwrap_or_default();
    let code = e.code().map(|c| c.to_string()).unwrap_or_default();
    let text = format!("{e}\n{e:?}\n{help}\n{code}");
    assert_no_key(&text);
    text
}
