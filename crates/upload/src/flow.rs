//! The upload flows: standard (`save` → `start`) and large (`upload-csv` →
//! poll `upload-status` → `check-balance` → `make-call-async`), with resume
//! and dry run.

use std::fmt;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::api::{
    BalanceCheck, BalanceVerdict, CampaignForm, MakeCallAsyncRequest, MakeCallAsyncResponse,
    SaveResponse, StartPoolRequest, StartRequest, StartResponse, UploadPhase, UploadStatus,
};
use crate::client::{Client, ClientConfig, DEFAULT_BASE_URL, normalize_base_url};
use crate::error::Error;
use crate::events::{FlowReason, UploadEvent};
use crate::key::ApiKey;
use crate::request::{ApiRequest, RequestDescription};
use crate::retry::{PollPolicy, RetryPolicy};
use crate::state::{CsvIdentity, UploadState};
use crate::step::Step;

/// At this many valid rows and more, [`FlowChoice::Auto`] picks the large flow.
pub const LARGE_FLOW_THRESHOLD: u64 = 5_000;

/// One of Ringg's two campaign flows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Flow {
    /// `POST /campaign/save` then `POST /campaign/start`.
    Standard,
    /// `upload-csv`, poll `upload-status`, `check-balance`, `make-call-async`.
    Large,
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flow::Standard => "standard",
            Flow::Large => "large",
        })
    }
}

/// The `--flow` option: a flow, or `auto` (by valid-row count).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FlowChoice {
    /// Large at [`LARGE_FLOW_THRESHOLD`] valid rows and more, else standard.
    #[default]
    Auto,
    /// Always the standard flow.
    Standard,
    /// Always the large flow.
    Large,
}

impl FlowChoice {
    /// The flow for `valid_rows`, and why.
    pub fn resolve(self, valid_rows: u64) -> (Flow, FlowReason) {
        match self {
            FlowChoice::Standard => (Flow::Standard, FlowReason::Requested),
            FlowChoice::Large => (Flow::Large, FlowReason::Requested),
            FlowChoice::Auto if valid_rows >= LARGE_FLOW_THRESHOLD => {
                (Flow::Large, FlowReason::RowCount)
            }
            FlowChoice::Auto => (Flow::Standard, FlowReason::RowCount),
        }
    }
}

impl FromStr for FlowChoice {
    type Err = String;

    /// `auto`, `standard` or `large` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(FlowChoice::Auto),
            "standard" => Ok(FlowChoice::Standard),
            "large" => Ok(FlowChoice::Large),
            other => Err(format!(
                "unknown flow {other:?}: expected auto, standard or large"
            )),
        }
    }
}

impl fmt::Display for FlowChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FlowChoice::Auto => "auto",
            FlowChoice::Standard => "standard",
            FlowChoice::Large => "large",
        })
    }
}

/// Whether the large flow's polling draws a progress bar.
#[derive(Clone, Default)]
pub enum ProgressMode {
    /// No bar (the default for library users; events still report progress).
    #[default]
    Hidden,
    /// A bar on standard error, drawn only when standard error is a terminal.
    Stderr,
    /// A caller-supplied bar (e.g. one inside an `indicatif::MultiProgress`).
    Custom(ProgressBar),
}

impl fmt::Debug for ProgressMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProgressMode::Hidden => "Hidden",
            ProgressMode::Stderr => "Stderr",
            ProgressMode::Custom(_) => "Custom(..)",
        })
    }
}

/// How to upload: where, as whom, from which numbers, which flow.
#[derive(Debug, Clone)]
pub struct UploadOptions {
    /// Ringg's base URL (default [`DEFAULT_BASE_URL`]).
    pub base_url: String,
    /// The API key; required unless `dry_run`.
    pub api_key: Option<ApiKey>,
    /// From-number ids. Exactly one of this (non-empty) and `number_pool_id`.
    pub from_numbers: Vec<String>,
    /// A managed number pool. Exactly one of this and `from_numbers`.
    pub number_pool_id: Option<String>,
    /// Where Ringg posts call results.
    pub callback_url: Option<String>,
    /// Which flow.
    pub flow: FlowChoice,
    /// Describe the requests, send nothing, write nothing.
    pub dry_run: bool,
    /// Longest wait for the large upload to be processed (polling).
    pub timeout: Duration,
    /// Longest time one request may take in all (connect, answer, body).
    pub request_timeout: Duration,
    /// Longest time the whole upload may take, from the first request
    /// (polling included); `None` for no limit beyond `timeout`.
    pub deadline: Option<Duration>,
    /// Longest wait to connect.
    pub connect_timeout: Duration,
    /// Where `upload-state.json` lives (the `split` output directory).
    pub state_dir: PathBuf,
    /// Retry timing.
    pub retry: RetryPolicy,
    /// Polling timing.
    pub poll: PollPolicy,
    /// Progress bar while polling.
    pub progress: ProgressMode,
    /// Resume even though the state file records another CSV or base URL.
    pub ignore_state_mismatch: bool,
    /// Re-send a create step that an earlier run sent without learning the
    /// outcome (may create a duplicate: check `status` first).
    pub resend_uncertain: bool,
}

impl UploadOptions {
    /// Defaults: production URL, auto flow, 30 min processing timeout,
    /// 60 s per request, no progress bar, state in `state_dir`.
    pub fn new(state_dir: impl Into<PathBuf>) -> Self {
        UploadOptions {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key: None,
            from_numbers: Vec::new(),
            number_pool_id: None,
            callback_url: None,
            flow: FlowChoice::Auto,
            dry_run: false,
            timeout: Duration::from_secs(30 * 60),
            request_timeout: Duration::from_secs(60),
            deadline: None,
            connect_timeout: Duration::from_secs(10),
            state_dir: state_dir.into(),
            retry: RetryPolicy::default(),
            poll: PollPolicy::default(),
            progress: ProgressMode::Hidden,
            ignore_state_mismatch: false,
            resend_uncertain: false,
        }
    }

    /// The client configuration these options imply (needs the key).
    pub fn client_config(&self) -> Result<ClientConfig, Error> {
        let api_key = self.api_key.clone().ok_or(Error::MissingApiKey)?;
        Ok(ClientConfig {
            base_url: self.base_url.clone(),
            api_key,
            request_timeout: self.request_timeout,
            connect_timeout: self.connect_timeout,
            retry: self.retry.clone(),
            deadline: self.deadline,
        })
    }

    /// The state file path.
    pub fn state_file(&self) -> PathBuf {
        UploadState::path_in(&self.state_dir)
    }
}

/// What to upload: the campaign form, the clean CSV and its valid-row count.
#[derive(Debug, Clone)]
pub struct UploadInput {
    /// The form fields.
    pub form: CampaignForm,
    /// The clean CSV (`valid.csv` from `split`).
    pub csv_path: PathBuf,
    /// Its data rows; chooses the flow under [`FlowChoice::Auto`].
    pub valid_rows: u64,
}

/// The requests a dry run would send.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DryRunPlan {
    /// The flow.
    pub flow: Flow,
    /// The requests, in order (ids not yet known are shown as `{list_id}` / `{bulk_list_id}`).
    pub requests: Vec<RequestDescription>,
    /// Steps an earlier run already completed (from the state file).
    pub skipped: Vec<Step>,
}

impl fmt::Display for DryRunPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "dry run: the {} flow would send {} request(s); nothing was sent",
            self.flow,
            self.requests.len()
        )?;
        if !self.skipped.is_empty() {
            let names: Vec<&str> = self.skipped.iter().map(|s| s.name()).collect();
            writeln!(f, "already done by an earlier run: {}", names.join(", "))?;
        }
        for (i, r) in self.requests.iter().enumerate() {
            writeln!(f)?;
            write!(f, "{}. {r}", i + 1)?;
        }
        Ok(())
    }
}

/// The result of a real (not dry) upload.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadReport {
    /// The flow used.
    pub flow: Flow,
    /// Standard flow: the list id.
    pub list_id: Option<String>,
    /// Large flow: the bulk list id.
    pub bulk_list_id: Option<String>,
    /// An earlier run's state was resumed.
    pub resumed: bool,
    /// The campaign had already been started by an earlier run; nothing was sent.
    pub already_started: bool,
    /// Ringg's answer to the start (`campaign registered successfully!`, `scheduled`…).
    pub start_status: Option<String>,
    /// Large flow: invalid rows Ringg reported.
    pub invalidated_rows_count: Option<u64>,
    /// Large flow: where to download them.
    pub invalidated_rows_csv_url: Option<String>,
    /// The state file.
    pub state_file: PathBuf,
}

impl UploadReport {
    /// The campaign id (`list_id` or `bulk_list_id`), to pass to `status` / `terminate`.
    pub fn campaign_id(&self) -> Option<&str> {
        self.list_id.as_deref().or(self.bulk_list_id.as_deref())
    }
}

impl fmt::Display for UploadReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let id = match (&self.list_id, &self.bulk_list_id) {
            (Some(l), _) => format!("list_id {l}"),
            (None, Some(b)) => format!("bulk_list_id {b}"),
            (None, None) => "no id".to_owned(),
        };
        if self.already_started {
            write!(
                f,
                "campaign already started earlier ({} flow, {id})",
                self.flow
            )?;
        } else {
            write!(f, "campaign scheduled ({} flow, {id})", self.flow)?;
        }
        if let Some(s) = &self.start_status {
            write!(f, ": {s}")?;
        }
        if let Some(n) = self.invalidated_rows_count.filter(|n| *n > 0) {
            write!(f, "; Ringg skipped {n} invalid rows")?;
            if let Some(u) = &self.invalidated_rows_csv_url {
                write!(f, " ({u})")?;
            }
        }
        Ok(())
    }
}

/// What [`upload`] did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum UploadOutcome {
    /// `dry_run` was set: nothing was sent.
    DryRun(DryRunPlan),
    /// The campaign was started (now or by an earlier run).
    Scheduled(UploadReport),
}

/// The sender of the start request.
enum Sender {
    Numbers(Vec<String>),
    Pool(String),
}

fn sender(opts: &UploadOptions) -> Result<Sender, Error> {
    let numbers: Vec<String> = opts
        .from_numbers
        .iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    let pool = opts
        .number_pool_id
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    match (numbers.is_empty(), pool) {
        (false, None) => Ok(Sender::Numbers(numbers)),
        (true, Some(p)) => Ok(Sender::Pool(p.to_owned())),
        (false, Some(_)) => Err(Error::InvalidOptions(
            "give either from-numbers or a number pool id, not both".to_owned(),
        )),
        (true, None) => Err(Error::InvalidOptions(
            "give at least one from-number (see `numbers`) or a number pool id".to_owned(),
        )),
    }
}

const LIST_ID_PLACEHOLDER: &str = "{list_id}";
const BULK_ID_PLACEHOLDER: &str = "{bulk_list_id}";

/// Runs the upload: chooses the flow, resumes from `DIR/upload-state.json`
/// when an earlier run left one, and reports progress through `events`.
///
/// With `opts.dry_run`, returns [`UploadOutcome::DryRun`] describing every
/// request it would send, and sends and writes nothing.
///
/// The library prints nothing; render `events` (each has a one-line
/// `Display`) and the outcome (`Display` too) as you like.
pub fn upload(
    input: &UploadInput,
    opts: &UploadOptions,
    events: &dyn Fn(&UploadEvent),
) -> Result<UploadOutcome, Error> {
    let base_url = normalize_base_url(&opts.base_url)?;
    let sender = sender(opts)?;
    let csv = CsvIdentity::of_file(&input.csv_path)?;
    let state_path = opts.state_file();
    let existing = UploadState::load(&state_path)?;

    let (flow, reason) = match &existing {
        Some(st) => {
            check_state(st, &csv, &base_url, opts, &state_path)?;
            (st.flow, FlowReason::Resumed)
        }
        None => opts.flow.resolve(input.valid_rows),
    };
    if flow == Flow::Large {
        // make-call-async takes call_config as an object: fail before uploading.
        input.form.call_config_value()?;
    }
    events(&UploadEvent::FlowChosen {
        flow,
        valid_rows: input.valid_rows,
        reason,
    });
    if let Some(st) = &existing {
        events(&UploadEvent::Resuming {
            state_file: state_path.clone(),
            completed: st.completed_steps(),
        });
    }

    if opts.dry_run {
        return Ok(UploadOutcome::DryRun(plan(
            flow,
            existing.as_ref(),
            input,
            opts,
            &sender,
            &base_url,
        )?));
    }

    let resumed = existing.is_some();
    let state = match existing {
        Some(st) => {
            if let Some(p) = &st.pending
                && !opts.resend_uncertain
            {
                return Err(Error::UncertainStep {
                    step: p.step,
                    path: state_path,
                });
            }
            let mut st = st;
            if opts.ignore_state_mismatch {
                st.csv = csv;
                st.base_url = base_url.clone();
            }
            st
        }
        None => UploadState::new(flow, &base_url, csv, &input.form.campaign_name),
    };
    if state.started {
        let id = state.campaign_id().unwrap_or_default().to_owned();
        events(&UploadEvent::AlreadyStarted { id });
        return Ok(UploadOutcome::Scheduled(report(
            &state,
            resumed,
            true,
            &state_path,
        )));
    }

    let client = Client::new(opts.client_config()?)?;
    let mut run = Run {
        client,
        input,
        opts,
        sender,
        state,
        path: state_path,
        events,
    };
    match flow {
        Flow::Standard => run.standard()?,
        Flow::Large => run.large()?,
    }
    Ok(UploadOutcome::Scheduled(report(
        &run.state, resumed, false, &run.path,
    )))
}

fn short_hash(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

fn check_state(
    st: &UploadState,
    csv: &CsvIdentity,
    base_url: &str,
    opts: &UploadOptions,
    path: &std::path::Path,
) -> Result<(), Error> {
    let requested = match opts.flow {
        FlowChoice::Auto => None,
        FlowChoice::Standard => Some(Flow::Standard),
        FlowChoice::Large => Some(Flow::Large),
    };
    if let Some(f) = requested.filter(|f| *f != st.flow) {
        return Err(Error::StateMismatch {
            path: path.to_path_buf(),
            reason: format!(
                "it records a {} flow upload, and the {f} flow was asked for",
                st.flow
            ),
        });
    }
    if opts.ignore_state_mismatch {
        return Ok(());
    }
    if st.csv.sha256 != csv.sha256 || st.csv.size != csv.size {
        return Err(Error::StateMismatch {
            path: path.to_path_buf(),
            reason: format!(
                "it records {} ({} bytes, sha256 {}…), not this {} ({} bytes, sha256 {}…)",
                st.csv.file_name,
                st.csv.size,
                short_hash(&st.csv.sha256),
                csv.file_name,
                csv.size,
                short_hash(&csv.sha256)
            ),
        });
    }
    if st.base_url != base_url {
        return Err(Error::StateMismatch {
            path: path.to_path_buf(),
            reason: format!("it records ids from {}, not from {base_url}", st.base_url),
        });
    }
    Ok(())
}

fn report(
    st: &UploadState,
    resumed: bool,
    already_started: bool,
    path: &std::path::Path,
) -> UploadReport {
    UploadReport {
        flow: st.flow,
        list_id: st.list_id.clone(),
        bulk_list_id: st.bulk_list_id.clone(),
        resumed,
        already_started,
        start_status: st.start_status.clone(),
        invalidated_rows_count: st.invalidated_rows_count,
        invalidated_rows_csv_url: st.invalidated_rows_csv_url.clone(),
        state_file: path.to_path_buf(),
    }
}

fn start_request(
    input: &UploadInput,
    opts: &UploadOptions,
    sender: &Sender,
    list_id: &str,
) -> Result<ApiRequest, Error> {
    match sender {
        Sender::Numbers(n) => ApiRequest::campaign_start(&StartRequest {
            agent_id: input.form.agent_id.clone(),
            list_id: list_id.to_owned(),
            from_numbers: n.clone(),
            callback_url: opts.callback_url.clone(),
        }),
        Sender::Pool(p) => ApiRequest::campaign_start_pool(&StartPoolRequest {
            agent_id: input.form.agent_id.clone(),
            list_id: list_id.to_owned(),
            number_pool_id: p.clone(),
            callback_url: opts.callback_url.clone(),
        }),
    }
}

fn make_call_request(
    input: &UploadInput,
    opts: &UploadOptions,
    sender: &Sender,
    bulk_list_id: &str,
) -> Result<ApiRequest, Error> {
    let (from_numbers, number_pool_id) = match sender {
        Sender::Numbers(n) => (Some(n.clone()), None),
        Sender::Pool(p) => (None, Some(p.clone())),
    };
    ApiRequest::make_call_async(&MakeCallAsyncRequest {
        bulk_list_id: bulk_list_id.to_owned(),
        agent_id: input.form.agent_id.clone(),
        country_code: input.form.country_code.clone(),
        campaign_start_time: input.form.campaign_start_time.clone(),
        campaign_end_time: input.form.campaign_end_time.clone(),
        call_config: input.form.call_config_value()?,
        from_numbers,
        number_pool_id,
        callback_url: opts.callback_url.clone(),
        concurrency_percentage: None,
    })
}

/// The dry-run plan: the remaining steps, described.
fn plan(
    flow: Flow,
    state: Option<&UploadState>,
    input: &UploadInput,
    opts: &UploadOptions,
    sender: &Sender,
    base_url: &str,
) -> Result<DryRunPlan, Error> {
    let mut requests = Vec::new();
    let skipped = state.map(|s| s.completed_steps()).unwrap_or_default();
    let started = state.is_some_and(|s| s.started);
    if started {
        return Ok(DryRunPlan {
            flow,
            requests,
            skipped,
        });
    }
    let uncertain = state.and_then(|s| s.pending.as_ref()).map(|p| p.step);
    let mut push = |mut r: ApiRequest| {
        if uncertain == Some(r.step) {
            let note = "an earlier run sent this without learning the outcome: a real run refuses to re-send it unless told to";
            r.note = Some(match r.note.take() {
                Some(n) => format!("{n}; {note}"),
                None => note.to_owned(),
            });
        }
        requests.push(r.describe(base_url));
    };
    match flow {
        Flow::Standard => {
            let list_id = state.and_then(|s| s.list_id.clone());
            if list_id.is_none() {
                push(ApiRequest::campaign_save(&input.form, &input.csv_path));
            }
            let id = list_id.as_deref().unwrap_or(LIST_ID_PLACEHOLDER);
            let start = start_request(input, opts, sender, id)?
                .with_note("sent with the list_id that campaign/save returns");
            push(start);
        }
        Flow::Large => {
            let bulk = state.and_then(|s| s.bulk_list_id.clone());
            if bulk.is_none() {
                push(ApiRequest::upload_csv(&input.form, &input.csv_path));
            }
            let id = bulk.as_deref().unwrap_or(BULK_ID_PLACEHOLDER);
            let with_id_path = |mut r: ApiRequest, prefix: &str| {
                if bulk.is_none() {
                    r.path = format!("{prefix}{BULK_ID_PLACEHOLDER}");
                }
                r
            };
            if !state.is_some_and(|s| s.upload_processed) {
                push(
                    with_id_path(ApiRequest::upload_status(id), "/campaign/upload-status/")
                        .with_note(format!(
                            "polled with backoff until processing ends (at most {}s)",
                            opts.timeout.as_secs()
                        )),
                );
            }
            if !state.is_some_and(|s| s.balance_checked) {
                push(
                    with_id_path(ApiRequest::check_balance(id), "/campaign/check-balance/")
                        .with_note("stops here when the balance is short"),
                );
            }
            push(make_call_request(input, opts, sender, id)?);
        }
    }
    Ok(DryRunPlan {
        flow,
        requests,
        skipped,
    })
}

struct Run<'a> {
    client: Client,
    input: &'a UploadInput,
    opts: &'a UploadOptions,
    sender: Sender,
    state: UploadState,
    path: PathBuf,
    events: &'a dyn Fn(&UploadEvent),
}

impl Run<'_> {
    fn save_state(&self) -> Result<(), Error> {
        self.state.save(&self.path)
    }

    fn complete(&mut self, step: Step, detail: String) -> Result<(), Error> {
        self.state.mark_done(step);
        self.save_state()?;
        (self.events)(&UploadEvent::StepCompleted { step, detail });
        Ok(())
    }

    /// Sends a request that creates something. The state file records it as
    /// pending first; the mark is cleared only when Ringg certainly did not
    /// process it, so a rerun never re-sends it blindly.
    fn create<T: DeserializeOwned>(&mut self, req: &ApiRequest) -> Result<T, Error> {
        self.state.mark_pending(req.step);
        self.save_state()?;
        match self.client.send_with::<T>(req, self.events, None) {
            Ok(v) => Ok(v),
            Err(e) => {
                if !e.may_have_been_processed() {
                    self.state.pending = None;
                    self.save_state()?;
                }
                Err(e)
            }
        }
    }

    fn standard(&mut self) -> Result<(), Error> {
        let list_id = match self.state.list_id.clone() {
            Some(id) => {
                (self.events)(&UploadEvent::StepSkipped {
                    step: Step::CampaignSave,
                    detail: format!("list_id {id}"),
                });
                id
            }
            None => {
                let req = ApiRequest::campaign_save(&self.input.form, &self.input.csv_path);
                let resp: SaveResponse = self.create(&req)?;
                let id = resp
                    .list_id
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| Error::Decode {
                        step: Step::CampaignSave,
                        status: 200,
                        reason: "the answer has no list_id".to_owned(),
                    })?;
                self.state.list_id = Some(id.clone());
                let mut detail = format!("list_id {id}");
                if let Some(n) = resp.successful_rows {
                    detail.push_str(&format!(", {n} rows imported"));
                }
                if let Some(n) = resp.failed_rows.filter(|n| *n > 0) {
                    detail.push_str(&format!(", {n} rows failed"));
                }
                self.complete(Step::CampaignSave, detail)?;
                id
            }
        };
        let req = start_request(self.input, self.opts, &self.sender, &list_id)?;
        let step = req.step;
        let resp: StartResponse = self.create(&req)?;
        self.state.started = true;
        self.state.start_status = resp.status.clone();
        self.complete(
            step,
            resp.status
                .unwrap_or_else(|| "campaign registered".to_owned()),
        )
    }

    fn large(&mut self) -> Result<(), Error> {
        let bulk_id = match self.state.bulk_list_id.clone() {
            Some(id) => {
                (self.events)(&UploadEvent::StepSkipped {
                    step: Step::UploadCsv,
                    detail: format!("bulk_list_id {id}"),
                });
                id
            }
            None => {
                let req = ApiRequest::upload_csv(&self.input.form, &self.input.csv_path);
                let resp: UploadStatus = self.create(&req)?;
                let id = resp
                    .bulk_list_id
                    .filter(|s| !s.trim().is_empty())
                    .ok_or_else(|| Error::Decode {
                        step: Step::UploadCsv,
                        status: 200,
                        reason: "the answer has no bulk_list_id".to_owned(),
                    })?;
                self.state.bulk_list_id = Some(id.clone());
                self.complete(
                    Step::UploadCsv,
                    format!(
                        "bulk_list_id {id}, status {}",
                        resp.status.as_deref().unwrap_or("unknown")
                    ),
                )?;
                id
            }
        };

        if self.state.upload_processed {
            (self.events)(&UploadEvent::StepSkipped {
                step: Step::UploadStatus,
                detail: "processing finished".to_owned(),
            });
        } else {
            let st = self.poll(&bulk_id)?;
            let invalid = st.invalidated_rows_count.unwrap_or(0);
            if invalid > 0 {
                (self.events)(&UploadEvent::InvalidRowsReported {
                    count: invalid,
                    url: st.invalidated_rows_csv_url.clone(),
                });
            }
            self.state.upload_processed = true;
            self.state.invalidated_rows_count = st.invalidated_rows_count;
            self.state.invalidated_rows_csv_url = st.invalidated_rows_csv_url.clone();
            let mut detail = format!("status {}", st.status.as_deref().unwrap_or("done"));
            if let Some(n) = st.total_callees {
                detail.push_str(&format!(", {n} callees"));
            }
            self.complete(Step::UploadStatus, detail)?;
        }

        if self.state.balance_checked {
            (self.events)(&UploadEvent::StepSkipped {
                step: Step::CheckBalance,
                detail: "balance was sufficient".to_owned(),
            });
        } else {
            self.check_balance(&bulk_id)?;
        }

        let req = make_call_request(self.input, self.opts, &self.sender, &bulk_id)?;
        let resp: MakeCallAsyncResponse = match self.create(&req) {
            Err(Error::Api {
                status: 402,
                message,
                ..
            }) => return Err(short_error(&bulk_id, None, Some(message))),
            other => other?,
        };
        self.state.started = true;
        self.state.start_status = resp.status.clone().or(resp.message.clone());
        let detail = match (&resp.status, &resp.message) {
            (Some(s), Some(m)) => format!("{s}: {m}"),
            (Some(s), None) => s.clone(),
            (None, Some(m)) => m.clone(),
            (None, None) => "calls scheduled".to_owned(),
        };
        self.complete(Step::MakeCallAsync, detail)
    }

    fn check_balance(&mut self, bulk_id: &str) -> Result<(), Error> {
        let req = ApiRequest::check_balance(bulk_id);
        let answer: BalanceCheck = match self.client.send_with(&req, self.events, None) {
            Ok(b) => b,
            Err(Error::Api {
                status: 402,
                message,
                ..
            }) => return Err(short_error(bulk_id, None, Some(message))),
            Err(e) => return Err(e),
        };
        match answer.verdict() {
            BalanceVerdict::Sufficient { because } => {
                self.state.balance_checked = true;
                self.complete(
                    Step::CheckBalance,
                    format!("balance sufficient ({because})"),
                )?;
                let message = answer
                    .message()
                    .or(answer.status())
                    .unwrap_or_else(|| "sufficient".to_owned());
                (self.events)(&UploadEvent::BalanceOk { message });
                Ok(())
            }
            BalanceVerdict::Short => Err(short_error(
                bulk_id,
                Some(&answer),
                answer.message().or(answer.status()),
            )),
            BalanceVerdict::Unconfirmed { reason } => Err(Error::BalanceUnconfirmed {
                bulk_list_id: bulk_id.to_owned(),
                reason,
                answer: serde_json::to_string(&answer.0).unwrap_or_default(),
            }),
        }
    }

    fn poll(&mut self, bulk_id: &str) -> Result<UploadStatus, Error> {
        let started = Instant::now();
        let deadline = started + self.opts.timeout;
        let bar = Bar::new(&self.opts.progress);
        let mut polls = 0u32;
        let req = ApiRequest::upload_status(bulk_id);
        loop {
            polls += 1;
            let st: UploadStatus = match self.client.send_with(&req, self.events, Some(deadline)) {
                Ok(s) => s,
                Err(e) => {
                    bar.clear();
                    return Err(e);
                }
            };
            let word = st.status.clone().unwrap_or_else(|| "processing".to_owned());
            bar.update(&word, st.processed_rows, st.total_rows);
            (self.events)(&UploadEvent::UploadProgress {
                status: word.clone(),
                processed: st.processed_rows,
                total: st.total_rows,
            });
            match st.phase() {
                UploadPhase::Done => {
                    bar.clear();
                    return Ok(st);
                }
                UploadPhase::Failed => {
                    bar.clear();
                    return Err(Error::UploadFailed {
                        bulk_list_id: bulk_id.to_owned(),
                        status: word,
                        invalid_rows: st.invalidated_rows_count,
                        invalid_rows_url: st.invalidated_rows_csv_url,
                        message: st.message,
                    });
                }
                UploadPhase::Unknown => {
                    bar.clear();
                    return Err(Error::UnknownUploadStatus {
                        bulk_list_id: bulk_id.to_owned(),
                        status: st.status,
                    });
                }
                UploadPhase::Processing => {}
            }
            let remaining = deadline.saturating_duration_since(Instant::now());
            if remaining.is_zero() {
                bar.clear();
                return Err(Error::PollTimeout {
                    bulk_list_id: bulk_id.to_owned(),
                    waited: started.elapsed(),
                    last_status: Some(word),
                });
            }
            std::thread::sleep(self.opts.poll.delay(polls).min(remaining));
        }
    }
}

fn short_error(bulk_id: &str, answer: Option<&BalanceCheck>, message: Option<String>) -> Error {
    Error::InsufficientBalance {
        bulk_list_id: bulk_id.to_owned(),
        shortfall: answer.and_then(|a| a.shortfall_amount()),
        required: answer.and_then(|a| a.required()),
        available: answer.and_then(|a| a.available()),
        message,
    }
}

/// The polling progress bar (or nothing).
struct Bar(Option<ProgressBar>);

impl Bar {
    fn new(mode: &ProgressMode) -> Self {
        match mode {
            ProgressMode::Hidden => Bar(None),
            ProgressMode::Stderr if std::io::stderr().is_terminal() => {
                let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
                pb.set_style(spinner_style());
                Bar(Some(pb))
            }
            ProgressMode::Stderr => Bar(None),
            ProgressMode::Custom(pb) => Bar(Some(pb.clone())),
        }
    }

    fn update(&self, status: &str, processed: Option<u64>, total: Option<u64>) {
        let Some(pb) = &self.0 else { return };
        pb.set_message(format!("Ringg is processing the upload: {status}"));
        if let Some(t) = total
            && pb.length() != Some(t)
        {
            pb.set_length(t);
            pb.set_style(bar_style());
        }
        if let Some(p) = processed {
            pb.set_position(p);
        }
        pb.tick();
    }

    fn clear(&self) {
        if let Some(pb) = &self.0 {
            pb.finish_and_clear();
        }
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} rows ({elapsed})")
        .map(|s| s.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_choice() {
        assert_eq!(FlowChoice::Auto.resolve(4_999).0, Flow::Standard);
        assert_eq!(FlowChoice::Auto.resolve(5_000).0, Flow::Large);
        assert_eq!(FlowChoice::Standard.resolve(9_000).0, Flow::Standard);
        assert_eq!("LARGE".parse::<FlowChoice>().ok(), Some(FlowChoice::Large));
        assert!("huge".parse::<FlowChoice>().is_err());
    }

    #[test]
    fn sender_needs_exactly_one() {
        let mut o = UploadOptions::new("x");
        assert!(sender(&o).is_err());
        o.from_numbers = vec!["n1".into()];
        assert!(matches!(sender(&o), Ok(Sender::Numbers(_))));
        o.number_pool_id = Some("p".into());
        assert!(sender(&o).is_err());
        o.from_numbers.clear();
        assert!(matches!(sender(&o), Ok(Sender::Pool(_))));
    }
}
