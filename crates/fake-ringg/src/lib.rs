//! `fake-ringg`: a local fake of Ringg AI's campaign API, for tests and for
//! rehearsing an upload offline.
//!
//! It serves the endpoints of `ringg-api/campaign-openapi.json` under
//! `/ca/api/v0` on 127.0.0.1, keeps state (lists, upload statuses that
//! progress over polls, a balance), counts what it receives, and checks every
//! request against the contract: the `X-API-KEY` header, required fields,
//! `variables_map` and `call_config` as JSON strings that parse,
//! `DD/MM/YYYY, HH:MM` times, exactly one of `from_numbers` /
//! `number_pool_id`. Violations get `400 {"detail": "..."}` (or the 401/422
//! shapes the contract names).
//!
//! It can be told to misbehave: answer 429 with `Retry-After`, answer 500,
//! drop the connection (before or after doing the work), answer slowly, fail
//! the upload, report invalid rows, run short of balance, reject the key,
//! give canned answers of any shape ([`CannedAnswer`]), redirect every
//! request elsewhere, trickle its bodies a byte at a time.
//!
//! ```no_run
//! let fake = fake_ringg::FakeRingg::start(fake_ringg::FakeConfig::default()).expect("starts");
//! println!("{}", fake.base_url()); // http://127.0.0.1:PORT/ca/api/v0
//! assert_eq!(fake.stats().requests, 0);
//! // the server stops when `fake` is dropped
//! ```
#![deny(missing_docs)]

mod server;
mod validate;

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;
use serde_json::Value;

/// The path prefix Ringg's API lives under (as in its `servers` URL).
pub const API_PREFIX: &str = "/ca/api/v0";

/// Faults injected into the requests that match `only_path`, in order:
/// the first `drop_connections` matching requests lose their connection,
/// the next `rate_limit` get 429, the next `server_errors` get 500.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Close the connection without answering, for this many requests.
    pub drop_connections: u32,
    /// Do the work before dropping the connection (the client cannot know
    /// whether its request was processed). Otherwise the request is dropped unprocessed.
    pub drop_after_processing: bool,
    /// Answer `429` with `Retry-After` for this many requests.
    pub rate_limit: u32,
    /// The `Retry-After` value, in seconds.
    pub retry_after_secs: u64,
    /// Answer `500 {"detail": ...}` for this many requests.
    pub server_errors: u32,
    /// Only requests whose path (below `/ca/api/v0`) starts with this are
    /// affected; `None` for all.
    pub only_path: Option<String>,
}

/// An answer the fake gives, as is, to every request whose path (below
/// `/ca/api/v0`) starts with `path`, in place of the real endpoint: the
/// shapes a hostile or a changed server would send (a balance answer that
/// confirms nothing, an id that is an object, a redirect).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CannedAnswer {
    /// The path prefix, e.g. `/campaign/check-balance`.
    pub path: String,
    /// The HTTP status.
    pub status: u16,
    /// Extra headers, e.g. `("location", "http://…")`.
    pub headers: Vec<(String, String)>,
    /// The body, sent as `application/json`.
    pub body: String,
}

impl CannedAnswer {
    /// `200` with `body` for requests under `path`.
    pub fn json(path: &str, body: &str) -> Self {
        CannedAnswer {
            path: path.to_owned(),
            status: 200,
            headers: Vec::new(),
            body: body.to_owned(),
        }
    }

    /// Parses the binary's `--answer PATH=STATUS:BODY`
    /// (`/campaign/check-balance=200:{}`).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let (path, rest) = spec
            .split_once('=')
            .ok_or_else(|| format!("{spec:?}: expected PATH=STATUS:BODY"))?;
        let (status, body) = rest
            .split_once(':')
            .ok_or_else(|| format!("{spec:?}: expected PATH=STATUS:BODY"))?;
        let status = status
            .trim()
            .parse::<u16>()
            .ok()
            .filter(|s| (200..600).contains(s))
            .ok_or_else(|| format!("{spec:?}: {status:?} is not an HTTP status"))?;
        Ok(CannedAnswer {
            path: path.to_owned(),
            status,
            headers: Vec::new(),
            body: body.to_owned(),
        })
    }
}

/// A workspace number the fake lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FakeNumber {
    /// The id passed as a from-number.
    pub id: String,
    /// E.164.
    pub number: String,
}

/// How the fake behaves.
#[derive(Debug, Clone, PartialEq)]
pub struct FakeConfig {
    /// The key every request must carry as `X-API-KEY`.
    pub api_key: String,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Answer 401 to every request, whatever the key.
    pub reject_key: bool,
    /// Injected faults.
    pub faults: Faults,
    /// Wait this long before answering each request.
    pub delay: Duration,
    /// Upload-status polls that report `verifying` before the final status.
    pub polls_until_done: u32,
    /// The status after processing (`completed`; `draft` is also realistic).
    pub final_upload_status: String,
    /// Processing of every large upload ends in `failed`.
    pub fail_upload: bool,
    /// Rows of every upload that the fake calls invalid.
    pub invalid_rows: u64,
    /// Workspace balance.
    pub balance: f64,
    /// Cost of one callee; a campaign needs `callees × cost_per_row`.
    pub cost_per_row: f64,
    /// The workspace numbers.
    pub numbers: Vec<FakeNumber>,
    /// Most lists kept; more are refused (the fake is bounded).
    pub max_lists: usize,
    /// Largest request body accepted.
    pub max_body_bytes: usize,
    /// Answers given in place of the real endpoints (first match wins).
    pub canned: Vec<CannedAnswer>,
    /// Answer every request with `302 Found` to this URL followed by the
    /// request's path (below `/ca/api/v0`), doing nothing else.
    pub redirect_to: Option<String>,
    /// Send every answer's body one byte at a time, this long apart (a
    /// server that holds a connection open by trickling).
    pub trickle: Option<Duration>,
}

impl Default for FakeConfig {
    fn default() -> Self {
        FakeConfig {
            api_key: "test-key".to_owned(),
            port: 0,
            reject_key: false,
            faults: Faults {
                retry_after_secs: 1,
                ..Faults::default()
            },
            delay: Duration::ZERO,
            polls_until_done: 3,
            final_upload_status: "completed".to_owned(),
            fail_upload: false,
            invalid_rows: 0,
            balance: 10_000.0,
            cost_per_row: 0.5,
            numbers: vec![
                FakeNumber {
                    id: "5d7f9a2b-1c3e-4f6a-8b9c-0d1e2f3a4b5c".to_owned(),
                    number: "+912269976804".to_owned(),
                },
                FakeNumber {
                    id: "0b84b167-2dcb-4bbd-abab-1837000bea17".to_owned(),
                    number: "+14155550123".to_owned(),
                },
            ],
            max_lists: 10_000,
            max_body_bytes: 64 * 1024 * 1024,
            canned: Vec::new(),
            redirect_to: None,
            trickle: None,
        }
    }
}

/// Counters of what the fake received and did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FakeStats {
    /// Every request received, whatever its fate.
    pub requests: u64,
    /// Lists created by `POST /campaign/save`.
    pub lists_created: u64,
    /// Bulk lists created by `POST /campaign/upload-csv`.
    pub bulk_lists_created: u64,
    /// Campaigns started by `/campaign/start` or `/campaign/v2/start`.
    pub campaigns_started: u64,
    /// Large campaigns scheduled by `/campaign/make-call-async`.
    pub async_campaigns_started: u64,
    /// `GET /campaign/upload-status/{id}` answered.
    pub status_polls: u64,
    /// `POST /campaign/check-balance/{id}` answered.
    pub balance_checks: u64,
    /// `PATCH /campaign/terminate` that terminated something.
    pub terminations: u64,
    /// Requests answered 401.
    pub unauthorized: u64,
    /// Requests answered 4xx by validation (401 excluded).
    pub rejected: u64,
    /// Faults injected (drops, 429s, 500s).
    pub faults_injected: u64,
    /// Requests per `METHOD /path` (ids replaced by `{id}`).
    pub by_endpoint: BTreeMap<String, u64>,
}

/// The file part of a received multipart request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReceivedFile {
    /// The part's file name.
    pub file_name: Option<String>,
    /// Size in bytes.
    pub size: usize,
    /// Data rows (lines after the header that are not blank).
    pub rows: u64,
    /// The header line as sent (the columns Ringg receives).
    pub header: String,
}

/// One request as the fake received it (for assertions in tests).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedRequest {
    /// Method.
    pub method: String,
    /// Path below `/ca/api/v0`, query included.
    pub path: String,
    /// The status answered (0 when the connection was dropped instead).
    pub status: u16,
    /// Whether an `X-API-KEY` header was present.
    pub had_api_key: bool,
    /// Multipart text fields.
    pub fields: BTreeMap<String, String>,
    /// The multipart file.
    pub file: Option<ReceivedFile>,
    /// A JSON body.
    pub json: Option<Value>,
}

/// Starts fakes.
pub struct FakeRingg;

impl FakeRingg {
    /// Binds 127.0.0.1 (on `config.port`, 0 for a free port) and serves in a
    /// background thread until the returned handle is dropped.
    pub fn start(config: FakeConfig) -> std::io::Result<FakeHandle> {
        server::start(config)
    }
}

pub(crate) struct Shared {
    pub(crate) config: Mutex<FakeConfig>,
    pub(crate) state: Mutex<server::FakeState>,
    pub(crate) base_url: String,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding the lock leaves plain data behind; keep serving.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Shared {
    pub(crate) fn config(&self) -> MutexGuard<'_, FakeConfig> {
        lock(&self.config)
    }
    pub(crate) fn state(&self) -> MutexGuard<'_, server::FakeState> {
        lock(&self.state)
    }
}

/// A running fake. Dropping it stops the server and joins its thread.
pub struct FakeHandle {
    pub(crate) shared: Arc<Shared>,
    pub(crate) addr: SocketAddr,
    pub(crate) shutdown: Option<tokio::sync::watch::Sender<bool>>,
    pub(crate) thread: Option<JoinHandle<()>>,
}

impl FakeHandle {
    /// The base URL to give a client: `http://127.0.0.1:PORT/ca/api/v0`.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// The socket address served.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// A snapshot of the counters.
    pub fn stats(&self) -> FakeStats {
        self.shared.state().stats.clone()
    }

    /// Every request received so far (the first 10,000), in order.
    pub fn received(&self) -> Vec<ReceivedRequest> {
        self.shared.state().received.clone()
    }

    /// Changes the configuration of the running fake (faults, balance…).
    /// Fault counters restart from the new values.
    pub fn update(&self, f: impl FnOnce(&mut FakeConfig)) {
        let mut cfg = self.shared.config();
        f(&mut cfg);
        let faults = cfg.faults.clone();
        drop(cfg);
        self.shared.state().fault_budget = server::FaultBudget::from(&faults);
    }

    /// Blocks until the server thread ends (it ends only when the handle is
    /// dropped, so this blocks for good: for the person-facing binary).
    pub fn wait(mut self) {
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl Drop for FakeHandle {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(true);
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

impl std::fmt::Debug for FakeHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FakeHandle")
            .field("base_url", &self.shared.base_url)
            .finish_non_exhaustive()
    }
}
