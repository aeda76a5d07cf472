//! The HTTP server: connection handling, fault injection, and the endpoints.

// Handlers bail out early with a ready `Response` as the error; boxing it
// would only add noise to a test server.
#![allow(clippy::result_large_err)]

use std::collections::{BTreeMap, HashMap};
use std::convert::Infallible;
use std::net::Ipv4Addr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post};
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use serde_json::{Map, Value, json};
use tokio::sync::{Semaphore, mpsc, watch};
use tower::ServiceExt;

use crate::validate::{
    CsvSummary, check_call_config, is_country_code, is_ringg_time, iso_now, json_object_string,
    parse_bool, parse_ringg_time, ringg_time_to_iso, summarize_csv,
};
use crate::{
    API_PREFIX, FakeConfig, FakeHandle, FakeStats, Faults, ReceivedFile, ReceivedRequest, Shared,
};

/// Most connections served at once.
const MAX_CONNECTIONS: usize = 64;
/// Longest life of one connection.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(300);
/// Most requests kept in the received log.
const MAX_LOG: usize = 10_000;

/// What is left of the configured faults.
#[derive(Debug, Clone, Default)]
pub(crate) struct FaultBudget {
    drops: u32,
    rate_limits: u32,
    server_errors: u32,
}

impl From<&Faults> for FaultBudget {
    fn from(f: &Faults) -> Self {
        FaultBudget {
            drops: f.drop_connections,
            rate_limits: f.rate_limit,
            server_errors: f.server_errors,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    DropBefore,
    DropAfter,
    RateLimit(u64),
    ServerError,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ListKind {
    Standard,
    Bulk,
}

#[derive(Debug, Clone)]
struct ListRecord {
    kind: ListKind,
    name: String,
    agent_id: String,
    rows: u64,
    invalid: u64,
    phones: Vec<String>,
    start_time: Option<String>,
    end_time: Option<String>,
    created_at: String,
    remove_invalid_rows: bool,
    polls: u32,
    started: bool,
    terminated: bool,
}

impl ListRecord {
    fn valid(&self) -> u64 {
        self.rows.saturating_sub(self.invalid)
    }
    /// Processing is over (read against the live configuration, so a test
    /// can change `polls_until_done` or `fail_upload` mid-run).
    fn processed(&self, cfg: &FakeConfig) -> bool {
        self.kind == ListKind::Standard || self.polls >= cfg.polls_until_done
    }
    fn fails(&self, cfg: &FakeConfig) -> bool {
        self.kind == ListKind::Bulk
            && (cfg.fail_upload || (self.invalid > 0 && !self.remove_invalid_rows))
    }
}

/// The fake's mutable state.
#[derive(Debug, Default)]
pub(crate) struct FakeState {
    pub(crate) stats: FakeStats,
    pub(crate) received: Vec<ReceivedRequest>,
    pub(crate) fault_budget: FaultBudget,
    lists: BTreeMap<String, ListRecord>,
    next_id: u64,
}

impl FakeState {
    fn new_id(&mut self) -> String {
        self.next_id += 1;
        format!("00000000-0000-4000-8000-{:012x}", self.next_id)
    }

    fn log_mut(&mut self, seq: Option<usize>) -> Option<&mut ReceivedRequest> {
        seq.and_then(|i| self.received.get_mut(i))
    }
}

#[derive(Debug, Clone, Copy)]
struct Seq(Option<usize>);

pub(crate) fn start(config: FakeConfig) -> std::io::Result<FakeHandle> {
    let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))?;
    listener.set_nonblocking(true)?;
    let addr = listener.local_addr()?;
    let base_url = format!("http://{addr}{API_PREFIX}");
    let state = FakeState {
        fault_budget: FaultBudget::from(&config.faults),
        ..FakeState::default()
    };
    let shared = Arc::new(Shared {
        config: std::sync::Mutex::new(config),
        state: std::sync::Mutex::new(state),
        base_url,
    });
    let (tx, rx) = watch::channel(false);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let sh = shared.clone();
    let thread = std::thread::Builder::new()
        .name("fake-ringg".to_owned())
        .spawn(move || {
            runtime.block_on(serve(listener, sh, rx));
            runtime.shutdown_timeout(Duration::from_millis(200));
        })?;
    Ok(FakeHandle {
        shared,
        addr,
        shutdown: Some(tx),
        thread: Some(thread),
    })
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut shutdown: watch::Receiver<bool>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let max_body = shared.config().max_body_bytes;
    let router = router(shared.clone(), max_body);
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let permit = tokio::select! {
            p = permits.clone().acquire_owned() => match p {
                Ok(p) => p,
                Err(_) => return,
            },
            _ = shutdown.changed() => return,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((s, _)) => s,
                Err(_) => {
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
            _ = shutdown.changed() => return,
        };
        let router = router.clone();
        let shared = shared.clone();
        let mut conn_shutdown = shutdown.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let (drop_tx, mut drop_rx) = mpsc::channel::<()>(1);
            let svc = hyper::service::service_fn(move |req| {
                handle(shared.clone(), router.clone(), drop_tx.clone(), req)
            });
            let conn = http1::Builder::new().serve_connection(TokioIo::new(stream), svc);
            tokio::select! {
                _ = conn => {}
                _ = drop_rx.recv() => {}
                _ = conn_shutdown.changed() => {}
                _ = tokio::time::sleep(CONNECTION_LIFETIME) => {}
            }
        });
    }
}

fn endpoint_template(rel: &str) -> String {
    for prefix in ["/campaign/upload-status/", "/campaign/check-balance/"] {
        if rel.starts_with(prefix) {
            return format!("{prefix}{{id}}");
        }
    }
    if rel.starts_with("/files/") {
        return "/files/...".to_owned();
    }
    rel.to_owned()
}

/// Uses the Ringg error shape the contract gives for `path`.
fn unauthorized(rel: &str) -> Response {
    if rel.starts_with("/calling/history") || rel.starts_with("/workspace/numbers") {
        error_object(
            StatusCode::UNAUTHORIZED,
            "401 Unauthorized",
            "Invalid credentials",
        )
    } else {
        detail(StatusCode::UNAUTHORIZED, "Invalid credentials")
    }
}

async fn handle(
    shared: Arc<Shared>,
    router: Router,
    drop_tx: mpsc::Sender<()>,
    req: hyper::Request<hyper::body::Incoming>,
) -> Result<Response, Infallible> {
    let method = req.method().to_string();
    let path = req.uri().path().to_owned();
    let rel = path.strip_prefix(API_PREFIX).unwrap_or(&path).to_owned();
    let rel_q = match req.uri().query() {
        Some(q) => format!("{rel}?{q}"),
        None => rel.clone(),
    };
    let sent_key = req
        .headers()
        .get("x-api-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);

    let (delay, fault, key_ok, seq, max_body, canned, redirect_to, trickle) = {
        let cfg = shared.config().clone();
        let mut st = shared.state();
        st.stats.requests += 1;
        *st.stats
            .by_endpoint
            .entry(format!("{method} {}", endpoint_template(&rel)))
            .or_insert(0) += 1;
        let matches = cfg
            .faults
            .only_path
            .as_deref()
            .is_none_or(|p| rel.starts_with(p));
        let mut fault = None;
        if matches {
            let b = &mut st.fault_budget;
            if b.drops > 0 {
                b.drops -= 1;
                fault = Some(if cfg.faults.drop_after_processing {
                    Fault::DropAfter
                } else {
                    Fault::DropBefore
                });
            } else if b.rate_limits > 0 {
                b.rate_limits -= 1;
                fault = Some(Fault::RateLimit(cfg.faults.retry_after_secs));
            } else if b.server_errors > 0 {
                b.server_errors -= 1;
                fault = Some(Fault::ServerError);
            }
        }
        if fault.is_some() {
            st.stats.faults_injected += 1;
        }
        let key_ok = !cfg.reject_key && sent_key.as_deref() == Some(cfg.api_key.as_str());
        let seq = if st.received.len() < MAX_LOG {
            st.received.push(ReceivedRequest {
                method: method.clone(),
                path: rel_q,
                status: 0,
                had_api_key: sent_key.is_some(),
                fields: BTreeMap::new(),
                file: None,
                json: None,
            });
            Some(st.received.len() - 1)
        } else {
            None
        };
        let canned = cfg
            .canned
            .iter()
            .find(|c| rel.starts_with(&c.path))
            .cloned();
        (
            cfg.delay,
            fault,
            key_ok,
            seq,
            cfg.max_body_bytes,
            canned,
            cfg.redirect_to.clone(),
            cfg.trickle,
        )
    };

    // Read the whole body first, as a real gateway does: answering early
    // (401, 429) and closing would make the client fail mid-send. It also
    // lets the work below go on if the client gives up waiting.
    let (parts, incoming) = req.into_parts();
    let bytes = match axum::body::to_bytes(Body::new(incoming), max_body).await {
        Ok(b) => b,
        Err(_) => {
            return Ok(detail(
                StatusCode::PAYLOAD_TOO_LARGE,
                "The request body is too large or could not be read.",
            ));
        }
    };

    if fault == Some(Fault::DropBefore) {
        let _ = drop_tx.send(()).await;
        return std::future::pending().await;
    }

    // The work runs in its own task: a client that times out and closes the
    // connection does not cancel it (as with a slow real server).
    let work_shared = shared.clone();
    let work = tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let response = match fault {
            Some(Fault::RateLimit(secs)) => {
                let mut r = detail(
                    StatusCode::TOO_MANY_REQUESTS,
                    "Too many requests. Please retry later.",
                );
                if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
                    r.headers_mut().insert(header::RETRY_AFTER, v);
                }
                r
            }
            Some(Fault::ServerError) => detail(
                StatusCode::INTERNAL_SERVER_ERROR,
                "An unexpected error occurred.",
            ),
            _ if redirect_to.is_some() => {
                let target = format!("{}{rel}", redirect_to.as_deref().unwrap_or(""));
                let mut r = StatusCode::FOUND.into_response();
                if let Ok(v) = HeaderValue::from_str(&target) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                r
            }
            _ if !key_ok && !rel.starts_with("/files/") => {
                work_shared.state().stats.unauthorized += 1;
                unauthorized(&rel)
            }
            _ if canned.is_some() => canned_response(canned.as_ref().expect("checked")),
            _ => {
                let mut req = hyper::Request::from_parts(parts, Body::from(bytes));
                req.extensions_mut().insert(Seq(seq));
                match router.oneshot(req).await {
                    Ok(r) => r,
                    Err(never) => match never {},
                }
            }
        };
        let status = response.status();
        let mut st = work_shared.state();
        if status.is_client_error() && status != StatusCode::UNAUTHORIZED && fault.is_none() {
            st.stats.rejected += 1;
        }
        if let Some(entry) = st.log_mut(seq) {
            entry.status = if fault == Some(Fault::DropAfter) {
                0
            } else {
                status.as_u16()
            };
        }
        response
    });
    let response = match work.await {
        Ok(r) => r,
        Err(_) => detail(
            StatusCode::INTERNAL_SERVER_ERROR,
            "The fake failed while handling the request.",
        ),
    };

    if fault == Some(Fault::DropAfter) {
        let _ = drop_tx.send(()).await;
        return std::future::pending().await;
    }
    Ok(match trickle {
        Some(interval) => trickled(response, interval).await,
        None => response,
    })
}

fn canned_response(c: &crate::CannedAnswer) -> Response {
    let status = StatusCode::from_u16(c.status).unwrap_or(StatusCode::OK);
    let mut r = (status, c.body.clone()).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    for (name, value) in &c.headers {
        if let (Ok(n), Ok(v)) = (
            header::HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            r.headers_mut().insert(n, v);
        }
    }
    r
}

/// The same answer, its body sent one byte per `interval`.
async fn trickled(response: Response, interval: Duration) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default()
        .to_vec();
    parts.headers.remove(header::CONTENT_LENGTH);
    let stream = futures_util::stream::unfold(0usize, move |i| {
        let bytes = bytes.clone();
        async move {
            let byte = *bytes.get(i)?;
            tokio::time::sleep(interval).await;
            Some((
                Ok::<_, Infallible>(axum::body::Bytes::from(vec![byte])),
                i + 1,
            ))
        }
    });
    Response::from_parts(parts, Body::from_stream(stream))
}

fn router(shared: Arc<Shared>, max_body: usize) -> Router {
    let api = Router::new()
        .route("/workspace/numbers", get(workspace_numbers))
        .route("/calling/history", get(call_history))
        .route("/campaign/all", get(all_campaigns))
        .route("/campaign/start", post(campaign_start))
        .route("/campaign/v2/start", post(start_v2))
        .route("/campaign/save", post(save))
        .route("/campaign/terminate", patch(terminate))
        .route("/campaign/upload-csv", post(upload_csv))
        .route("/campaign/upload-status/{bulk_list_id}", get(upload_status))
        .route("/campaign/make-call-async", post(make_call_async))
        .route(
            "/campaign/check-balance/{bulk_list_id}",
            post(check_balance),
        )
        .route("/files/invalid-rows/{bulk_list_id}", get(invalid_rows_file))
        .fallback(not_found);
    Router::new()
        .nest(API_PREFIX, api)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(shared)
}

// ---- responses ---------------------------------------------------------

fn detail(status: StatusCode, msg: impl Into<String>) -> Response {
    (status, axum::Json(json!({ "detail": msg.into() }))).into_response()
}

fn error_object(status: StatusCode, code: &str, msg: &str) -> Response {
    (
        status,
        axum::Json(json!({ "error": { "code": code, "message": msg } })),
    )
        .into_response()
}

fn bad(msg: impl Into<String>) -> Response {
    detail(StatusCode::BAD_REQUEST, msg)
}

/// FastAPI's validation shape, which the contract names for make-call-async (422).
fn unprocessable(loc: &[&str], msg: &str, kind: &str) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(json!({ "detail": [ { "type": kind, "loc": loc, "msg": msg } ] })),
    )
        .into_response()
}

fn ok(v: Value) -> Response {
    (StatusCode::OK, axum::Json(v)).into_response()
}

async fn not_found() -> Response {
    detail(StatusCode::NOT_FOUND, "Not Found")
}

fn seq_of(req: &Request) -> Option<usize> {
    req.extensions().get::<Seq>().and_then(|s| s.0)
}

// ---- body readers ------------------------------------------------------

struct Form {
    fields: BTreeMap<String, String>,
    file: Option<(Option<String>, Bytes)>,
}

async fn read_form(sh: &Shared, req: Request) -> Result<Form, Response> {
    let seq = seq_of(&req);
    let mut mp = Multipart::from_request(req, &())
        .await
        .map_err(|_| bad("Expected a multipart/form-data body (Content-Type with a boundary)."))?;
    let mut form = Form {
        fields: BTreeMap::new(),
        file: None,
    };
    loop {
        let field = match mp.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(bad(format!("Malformed multipart body: {e}"))),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().map(str::to_owned);
            let bytes = field
                .bytes()
                .await
                .map_err(|e| bad(format!("Could not read the file part: {e}")))?;
            if form.file.is_some() {
                return Err(bad("Only one file may be uploaded."));
            }
            form.file = Some((file_name, bytes));
        } else {
            let text = field
                .text()
                .await
                .map_err(|e| bad(format!("Could not read field {name}: {e}")))?;
            if form.fields.insert(name.clone(), text).is_some() {
                return Err(bad(format!("Field {name} was sent twice.")));
            }
        }
    }
    let mut st = sh.state();
    if let Some(entry) = st.log_mut(seq) {
        entry.fields = form.fields.clone();
        entry.file = form.file.as_ref().map(|(n, b)| ReceivedFile {
            file_name: n.clone(),
            size: b.len(),
            rows: summarize_csv(b, "").map(|s| s.rows).unwrap_or_default(),
            header: String::from_utf8_lossy(b.split(|&c| c == b'\n').next().unwrap_or_default())
                .trim_end_matches('\r')
                .to_owned(),
        });
    }
    Ok(form)
}

async fn read_json(sh: &Shared, req: Request) -> Result<Map<String, Value>, Response> {
    let seq = seq_of(&req);
    let is_json = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("application/json"));
    let bytes = axum::body::to_bytes(req.into_body(), 8 * 1024 * 1024)
        .await
        .map_err(|_| bad("The request body could not be read."))?;
    if !is_json {
        return Err(bad("Content-Type must be application/json."));
    }
    let value: Value = serde_json::from_slice(&bytes)
        .map_err(|_| unprocessable(&["body"], "JSON decode error", "json_invalid"))?;
    if let Some(entry) = sh.state().log_mut(seq) {
        entry.json = Some(value.clone());
    }
    match value {
        Value::Object(m) => Ok(m),
        _ => Err(unprocessable(
            &["body"],
            "Input should be a valid dictionary",
            "dict_type",
        )),
    }
}

fn req_str(body: &Map<String, Value>, name: &str) -> Result<String, Response> {
    match body.get(name) {
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.clone()),
        Some(Value::String(_)) => Err(bad(format!("{name} must not be empty."))),
        Some(Value::Null) | None => Err(bad(format!("{name} is required."))),
        Some(_) => Err(bad(format!("{name} must be a string."))),
    }
}

fn opt_string_list(body: &Map<String, Value>, name: &str) -> Result<Option<Vec<String>>, Response> {
    match body.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Array(items)) => items
            .iter()
            .map(|i| {
                i.as_str()
                    .filter(|s| !s.trim().is_empty())
                    .map(str::to_owned)
                    .ok_or_else(|| bad(format!("{name} must be a list of non-empty strings.")))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        Some(_) => Err(bad(format!("{name} must be a list of strings."))),
    }
}

fn check_callback(body: &Map<String, Value>) -> Result<(), Response> {
    match body.get("callback_url") {
        None | Some(Value::Null) => Ok(()),
        Some(Value::String(s)) if s.starts_with("http://") || s.starts_with("https://") => Ok(()),
        Some(_) => Err(bad("callback_url must be an http(s) URL.")),
    }
}

// ---- campaign form checks ---------------------------------------------

const FORM_FIELDS: [&str; 9] = [
    "agent_id",
    "campaign_name",
    "country_code",
    "campaign_start_time",
    "campaign_end_time",
    "variables_map",
    "call_config",
    "remove_invalid_rows",
    "transliterate_callee_name",
];

struct CheckedForm {
    agent_id: String,
    campaign_name: String,
    start_time: Option<String>,
    end_time: Option<String>,
    remove_invalid_rows: bool,
    csv: CsvSummary,
}

fn check_form(form: &Form, required: &[&str]) -> Result<CheckedForm, String> {
    for name in form.fields.keys() {
        if !FORM_FIELDS.contains(&name.as_str()) {
            return Err(format!("Unknown field {name}."));
        }
    }
    for name in required {
        if *name == "file" {
            continue;
        }
        match form.fields.get(*name) {
            None => return Err(format!("{name} is required.")),
            Some(v) if v.trim().is_empty() => return Err(format!("{name} must not be empty.")),
            Some(_) => {}
        }
    }
    let field = |n: &str| form.fields.get(n).map(String::as_str);
    if let Some(cc) = field("country_code")
        && !is_country_code(cc)
    {
        return Err(format!(
            "Invalid country_code {cc:?}: expected + and digits, e.g. +91."
        ));
    }
    for name in ["campaign_start_time", "campaign_end_time"] {
        if let Some(t) = field(name)
            && !is_ringg_time(t)
        {
            return Err(format!("Invalid {name} {t:?}: expected DD/MM/YYYY, HH:MM."));
        }
    }
    if let (Some(s), Some(e)) = (
        field("campaign_start_time").and_then(parse_ringg_time),
        field("campaign_end_time").and_then(parse_ringg_time),
    ) && e <= s
    {
        return Err("campaign_end_time must be after campaign_start_time.".to_owned());
    }
    let vars = json_object_string("variables_map", field("variables_map").unwrap_or("{}"))?;
    let mut columns = Vec::new();
    for (k, v) in &vars {
        match v.as_str() {
            Some(col) if !col.trim().is_empty() => columns.push((k.clone(), col.to_owned())),
            _ => return Err(format!("variables_map.{k} must name a CSV column.")),
        }
    }
    for needed in ["mobile_number", "callee_name"] {
        if !vars.contains_key(needed) {
            return Err(format!("variables_map must map {needed}."));
        }
    }
    if let Some(cc) = field("call_config") {
        let cfg = json_object_string("call_config", cc)?;
        check_call_config(&cfg)?;
    }
    let mut remove_invalid_rows = false;
    for name in ["remove_invalid_rows", "transliterate_callee_name"] {
        if let Some(v) = field(name) {
            let b = parse_bool(v).ok_or_else(|| format!("{name} must be true or false."))?;
            if name == "remove_invalid_rows" {
                remove_invalid_rows = b;
            }
        }
    }
    let (file_name, bytes) = form.file.as_ref().ok_or("file is required.")?;
    if file_name.as_deref().is_none_or(|n| n.trim().is_empty()) {
        return Err("file must be sent as a file part with a file name.".to_owned());
    }
    let phone_column = vars
        .get("mobile_number")
        .and_then(Value::as_str)
        .unwrap_or("Mobile Number");
    let csv = summarize_csv(bytes, phone_column)?;
    for (var, col) in &columns {
        if !csv.header.iter().any(|h| h == col) {
            return Err(format!(
                "Column {col:?} (variables_map.{var}) is not in the CSV header."
            ));
        }
    }
    if csv.rows == 0 {
        return Err("The CSV has no contacts.".to_owned());
    }
    Ok(CheckedForm {
        agent_id: field("agent_id").unwrap_or_default().to_owned(),
        campaign_name: field("campaign_name").unwrap_or_default().to_owned(),
        start_time: field("campaign_start_time").map(str::to_owned),
        end_time: field("campaign_end_time").map(str::to_owned),
        remove_invalid_rows,
        csv,
    })
}

// ---- handlers ----------------------------------------------------------

type Sh = State<Arc<Shared>>;

async fn save(State(sh): Sh, req: Request) -> Response {
    let form = match read_form(&sh, req).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let checked = match check_form(
        &form,
        &[
            "variables_map",
            "agent_id",
            "call_config",
            "country_code",
            "campaign_start_time",
            "campaign_end_time",
            "campaign_name",
            "file",
        ],
    ) {
        Ok(c) => c,
        Err(msg) => return bad(msg),
    };
    let cfg = sh.config().clone();
    let rows = checked.csv.rows;
    let invalid = cfg.invalid_rows.min(rows);
    if invalid > 0 && !checked.remove_invalid_rows {
        return bad(format!(
            "{invalid} rows of the CSV are invalid. Fix them or set remove_invalid_rows=true."
        ));
    }
    if invalid == rows {
        return bad("No valid contacts in the CSV.");
    }
    let mut st = sh.state();
    if st.lists.len() >= cfg.max_lists {
        return bad("This fake workspace holds too many lists.");
    }
    let id = st.new_id();
    st.lists.insert(
        id.clone(),
        ListRecord {
            kind: ListKind::Standard,
            name: checked.campaign_name,
            agent_id: checked.agent_id,
            rows,
            invalid,
            phones: checked.csv.phones,
            start_time: checked.start_time,
            end_time: checked.end_time,
            created_at: iso_now(),
            remove_invalid_rows: checked.remove_invalid_rows,
            polls: 0,
            started: false,
            terminated: false,
        },
    );
    st.stats.lists_created += 1;
    ok(json!({
        "message": "Contacts imported successfully!",
        "list_id": id,
        "custom_args_values": [],
        "total_rows": rows,
        "successful_rows": rows - invalid,
        "failed_rows": invalid,
    }))
}

async fn upload_csv(State(sh): Sh, req: Request) -> Response {
    let form = match read_form(&sh, req).await {
        Ok(f) => f,
        Err(r) => return r,
    };
    let checked = match check_form(
        &form,
        &[
            "variables_map",
            "agent_id",
            "country_code",
            "campaign_name",
            "file",
        ],
    ) {
        Ok(c) => c,
        Err(msg) => return bad(msg),
    };
    let cfg = sh.config().clone();
    let rows = checked.csv.rows;
    let invalid = cfg.invalid_rows.min(rows);
    let mut st = sh.state();
    if st.lists.len() >= cfg.max_lists {
        return bad("This fake workspace holds too many lists.");
    }
    let id = st.new_id();
    let name = checked.campaign_name.clone();
    st.lists.insert(
        id.clone(),
        ListRecord {
            kind: ListKind::Bulk,
            name: checked.campaign_name,
            agent_id: checked.agent_id,
            rows,
            invalid,
            phones: checked.csv.phones,
            start_time: checked.start_time,
            end_time: checked.end_time,
            created_at: iso_now(),
            remove_invalid_rows: checked.remove_invalid_rows,
            polls: 0,
            started: false,
            terminated: false,
        },
    );
    st.stats.bulk_lists_created += 1;
    ok(json!({
        "bulk_list_id": id,
        "status": "verifying",
        "campaign_name": name,
        "total_callees": 0,
        "invalidated_rows_count": 0,
        "invalidated_rows_csv_url": null,
    }))
}

fn invalid_rows_url(sh: &Shared, id: &str) -> String {
    format!("{}/files/invalid-rows/{id}", sh.base_url)
}

async fn upload_status(State(sh): Sh, Path(id): Path<String>) -> Response {
    let cfg = sh.config().clone();
    let mut st = sh.state();
    let Some(rec) = st.lists.get_mut(&id).filter(|r| r.kind == ListKind::Bulk) else {
        return detail(StatusCode::NOT_FOUND, "Bulk list not found.");
    };
    rec.polls = rec.polls.saturating_add(1);
    let rec = rec.clone();
    st.stats.status_polls += 1;
    drop(st);
    if !rec.processed(&cfg) {
        let processed = rec.rows * u64::from(rec.polls) / u64::from(cfg.polls_until_done.max(1));
        return ok(json!({
            "bulk_list_id": id,
            "status": "verifying",
            "campaign_name": rec.name,
            "total_callees": 0,
            "invalidated_rows_count": 0,
            "invalidated_rows_csv_url": null,
            "processed_rows": processed,
            "total_rows": rec.rows,
        }));
    }
    let url = (rec.invalid > 0).then(|| invalid_rows_url(&sh, &id));
    if rec.fails(&cfg) {
        let message = if rec.invalid > 0 {
            format!(
                "{} rows are invalid and remove_invalid_rows is false.",
                rec.invalid
            )
        } else {
            "CSV processing failed.".to_owned()
        };
        return ok(json!({
            "bulk_list_id": id,
            "status": "failed",
            "campaign_name": rec.name,
            "total_callees": 0,
            "invalidated_rows_count": rec.invalid,
            "invalidated_rows_csv_url": url,
            "processed_rows": rec.rows,
            "total_rows": rec.rows,
            "message": message,
        }));
    }
    ok(json!({
        "bulk_list_id": id,
        "status": cfg.final_upload_status,
        "campaign_name": rec.name,
        "total_callees": rec.valid(),
        "invalidated_rows_count": rec.invalid,
        "invalidated_rows_csv_url": url,
        "processed_rows": rec.rows,
        "total_rows": rec.rows,
    }))
}

async fn check_balance(State(sh): Sh, Path(id): Path<String>) -> Response {
    let cfg = sh.config().clone();
    let mut st = sh.state();
    let Some(rec) = st
        .lists
        .get(&id)
        .filter(|r| r.kind == ListKind::Bulk)
        .cloned()
    else {
        return detail(StatusCode::NOT_FOUND, "Bulk list not found.");
    };
    if !rec.processed(&cfg) {
        return bad("Bulk list is still being verified.");
    }
    if rec.fails(&cfg) {
        return bad("Bulk list upload failed.");
    }
    st.stats.balance_checks += 1;
    let required = rec.valid() as f64 * cfg.cost_per_row;
    if cfg.balance < required {
        return ok(json!({
            "status": "insufficient_balance",
            "bulk_list_id": id,
            "message": format!(
                "Insufficient balance: the campaign needs {required:.2} credits and the workspace has {:.2}.",
                cfg.balance
            ),
            "required_balance": required,
            "available_balance": cfg.balance,
        }));
    }
    ok(json!({
        "status": "draft",
        "bulk_list_id": id,
        "message": format!("Balance is sufficient for {} callees.", rec.valid()),
    }))
}

async fn make_call_async(State(sh): Sh, req: Request) -> Response {
    let body = match read_json(&sh, req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let fields = (|| -> Result<_, Response> {
        let bulk = req_str(&body, "bulk_list_id")?;
        let agent = req_str(&body, "agent_id")?;
        let cc = req_str(&body, "country_code")?;
        let start = req_str(&body, "campaign_start_time")?;
        let end = req_str(&body, "campaign_end_time")?;
        Ok((bulk, agent, cc, start, end))
    })();
    let (bulk, agent, cc, start, end) = match fields {
        Ok(f) => f,
        Err(r) => return r,
    };
    if !is_country_code(&cc) {
        return bad(format!("Invalid country_code {cc:?}."));
    }
    for (name, t) in [("campaign_start_time", &start), ("campaign_end_time", &end)] {
        if !is_ringg_time(t) {
            return bad(format!("Invalid {name} {t:?}: expected DD/MM/YYYY, HH:MM."));
        }
    }
    match body.get("call_config") {
        Some(Value::Object(cfg)) => {
            if let Err(msg) = check_call_config(cfg) {
                return bad(msg);
            }
        }
        None | Some(Value::Null) => return bad("call_config is required."),
        Some(_) => return bad("call_config must be a JSON object."),
    }
    let numbers = match opt_string_list(&body, "from_numbers") {
        Ok(n) => n,
        Err(r) => return r,
    };
    let pool = match body.get("number_pool_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(_) => return bad("number_pool_id must be a non-empty string."),
    };
    let has_numbers = numbers.as_ref().is_some_and(|n| !n.is_empty());
    if has_numbers == pool.is_some() {
        return unprocessable(
            &["body"],
            "Value error, Provide exactly one of from_numbers or number_pool_id",
            "value_error",
        );
    }
    if let Some(Value::Number(n)) = body.get("concurrency_percentage")
        && n.as_u64().is_none_or(|v| v > 100)
    {
        return bad("concurrency_percentage must be between 0 and 100.");
    }
    if let Err(r) = check_callback(&body) {
        return r;
    }
    let cfg = sh.config().clone();
    let mut st = sh.state();
    let Some(rec) = st.lists.get_mut(&bulk).filter(|r| r.kind == ListKind::Bulk) else {
        return bad("Bulk list not found.");
    };
    if !rec.processed(&cfg) || rec.fails(&cfg) {
        return bad("Bulk list is not ready to start.");
    }
    if rec.agent_id != agent {
        return bad("agent_id does not match the bulk list.");
    }
    if rec.started {
        return bad("Bulk list has already been scheduled.");
    }
    let required = rec.valid() as f64 * cfg.cost_per_row;
    if cfg.balance < required {
        return detail(
            StatusCode::PAYMENT_REQUIRED,
            format!(
                "Insufficient balance: the campaign needs {required:.2} credits and the workspace has {:.2}.",
                cfg.balance
            ),
        );
    }
    rec.started = true;
    st.stats.async_campaigns_started += 1;
    ok(json!({
        "message": "Campaign calls scheduled",
        "bulk_list_id": bulk,
        "status": "scheduled",
    }))
}

fn start_list(sh: &Shared, list_id: &str, agent: &str) -> Result<(), Response> {
    let mut st = sh.state();
    let Some(rec) = st
        .lists
        .get_mut(list_id)
        .filter(|r| r.kind == ListKind::Standard)
    else {
        return Err(bad("Invalid list_id."));
    };
    if rec.agent_id != agent {
        return Err(bad("Invalid agent_id."));
    }
    if rec.started {
        return Err(bad("Campaign already started."));
    }
    rec.started = true;
    st.stats.campaigns_started += 1;
    Ok(())
}

/// Starts the list once a start request's own fields are checked (both
/// `/campaign/start` and `/campaign/v2/start` end here).
fn answer_start(sh: &Shared, checked: Result<(String, String), Response>) -> Response {
    let (agent, list) = match checked {
        Ok(v) => v,
        Err(r) => return r,
    };
    if let Err(r) = start_list(sh, &list, &agent) {
        return r;
    }
    ok(json!({ "status": "campaign registered successfully!", "has_ongoing_calls": false }))
}

async fn campaign_start(State(sh): Sh, req: Request) -> Response {
    let body = match read_json(&sh, req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let checked = (|| -> Result<_, Response> {
        let agent = req_str(&body, "agent_id")?;
        let list = req_str(&body, "list_id")?;
        match opt_string_list(&body, "from_numbers")? {
            Some(n) if !n.is_empty() => {}
            Some(_) => return Err(bad("from_numbers must not be empty.")),
            None => return Err(bad("from_numbers is required.")),
        }
        if body.contains_key("number_pool_id") {
            return Err(bad(
                "number_pool_id is not accepted here; use /campaign/v2/start.",
            ));
        }
        check_callback(&body)?;
        Ok((agent, list))
    })();
    answer_start(&sh, checked)
}

async fn start_v2(State(sh): Sh, req: Request) -> Response {
    let body = match read_json(&sh, req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let checked = (|| -> Result<_, Response> {
        let agent = req_str(&body, "agent_id")?;
        let list = req_str(&body, "list_id")?;
        req_str(&body, "number_pool_id")?;
        if body.contains_key("from_numbers") {
            return Err(bad(
                "from_numbers is not accepted here; use /campaign/start.",
            ));
        }
        check_callback(&body)?;
        Ok((agent, list))
    })();
    answer_start(&sh, checked)
}

async fn terminate(State(sh): Sh, req: Request) -> Response {
    let body = match read_json(&sh, req).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let campaign = match body.get("campaign_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(_) => return bad("campaign_id must be a non-empty string."),
    };
    let agent = match body.get("agent_id") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(_) => return bad("agent_id must be a non-empty string."),
    };
    let call_ids = match opt_string_list(&body, "call_ids") {
        Ok(v) => v,
        Err(r) => return r,
    };
    let mobiles = match opt_string_list(&body, "mobile_numbers") {
        Ok(v) => v,
        Err(r) => return r,
    };
    if mobiles.as_ref().is_some_and(|m| m.len() > 100) {
        return bad("mobile_numbers holds at most 100 numbers.");
    }
    if campaign.is_none() && agent.is_none() && call_ids.is_none() && mobiles.is_none() {
        return bad("Give at least one of agent_id, call_ids, campaign_id, mobile_numbers.");
    }
    let mut st = sh.state();
    let mut hit = 0u64;
    for (id, rec) in st.lists.iter_mut() {
        let selected = campaign.as_deref() == Some(id.as_str())
            || agent.as_deref() == Some(rec.agent_id.as_str())
            || mobiles
                .as_ref()
                .is_some_and(|m| rec.phones.iter().any(|p| m.contains(p)));
        if selected && rec.started && !rec.terminated {
            rec.terminated = true;
            hit += 1;
        }
    }
    if hit == 0 {
        return bad("No terminable calls found.");
    }
    st.stats.terminations += 1;
    ok(json!({ "message": "Calls terminated successfully!" }))
}

fn query_u32(q: &HashMap<String, String>, name: &str, default: u32) -> Result<u32, String> {
    match q.get(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<u32>()
            .map_err(|_| format!("Invalid {name}: {v:?} is not a non-negative integer.")),
    }
}

async fn workspace_numbers(State(sh): Sh, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = match (query_u32(&q, "limit", 10), query_u32(&q, "offset", 0)) {
        (Ok(l), Ok(o)) => (l.clamp(1, 100), o),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    let cfg = sh.config().clone();
    let numbers: Vec<Value> = cfg
        .numbers
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|n| {
            json!({
                "id": n.id,
                "number": n.number,
                "created_at": "2024-12-16T13:03:29.947147+00:00",
                "call_count": 0,
                "agent": null,
                "is_inbound_enabled": false,
                "is_test_number": false,
                "tags": [],
                "is_spam": false,
                "spam_message": null,
                "provider": "twilio",
                "display_name": null,
                "owner": "fake@ringg.invalid",
                "is_custom_number": false,
                "telephony_id": null,
                "number_pool_id": null,
            })
        })
        .collect();
    ok(json!({ "workspace_numbers": numbers }))
}

fn campaign_status(rec: &ListRecord) -> &'static str {
    if rec.terminated {
        "paused"
    } else if rec.started {
        "registered"
    } else {
        "pending"
    }
}

async fn all_campaigns(State(sh): Sh, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = match (query_u32(&q, "limit", 10), query_u32(&q, "offset", 0)) {
        (Ok(l), Ok(o)) if (1..=1000).contains(&l) => (l, o),
        (Ok(_), Ok(_)) => return bad("limit must be between 1 and 1000."),
        (Err(m), _) | (_, Err(m)) => return bad(m),
    };
    let call_count = match q.get("call_count").map(|v| parse_bool(v)) {
        None => true,
        Some(Some(b)) => b,
        Some(None) => return bad("call_count must be true or false."),
    };
    let st = sh.state();
    let total = st.lists.len();
    let campaigns: Vec<Value> = st
        .lists
        .iter()
        .rev()
        .skip(offset as usize)
        .take(limit as usize)
        .map(|(id, rec)| {
            let mut c = json!({
                "id": id,
                "name": rec.name,
                "campaign_status": campaign_status(rec),
                "created_at": rec.created_at,
                "updated_at": rec.created_at,
                "campaign_start_time": rec.start_time.as_deref().and_then(ringg_time_to_iso),
                "campaign_end_time": rec.end_time.as_deref().and_then(ringg_time_to_iso),
            });
            if call_count && let Some(obj) = c.as_object_mut() {
                let calls = if rec.started { rec.valid() } else { 0 };
                obj.insert("total_count".into(), json!(calls));
                obj.insert("registered_count".into(), json!(calls));
                obj.insert("completed_count".into(), json!(0));
            }
            c
        })
        .collect();
    ok(json!({
        "campaigns": campaigns,
        "pagination": { "total": total, "limit": limit, "offset": offset },
    }))
}

async fn call_history(State(sh): Sh, Query(q): Query<HashMap<String, String>>) -> Response {
    let (limit, offset) = match (query_u32(&q, "limit", 10), query_u32(&q, "offset", 0)) {
        (Ok(l), Ok(o)) if (1..=1000).contains(&l) => (l, o),
        (Ok(_), Ok(_)) => {
            return error_object(
                StatusCode::BAD_REQUEST,
                "invalid_parameter",
                "limit must be between 1 and 1000.",
            );
        }
        (Err(m), _) | (_, Err(m)) => {
            return error_object(StatusCode::BAD_REQUEST, "invalid_parameter", &m);
        }
    };
    const STATUSES: [&str; 8] = [
        "registered",
        "ongoing",
        "retry",
        "error",
        "completed",
        "failed",
        "cancelled",
        "forwarded",
    ];
    if let Some(s) = q.get("status")
        && !STATUSES.contains(&s.as_str())
    {
        return error_object(
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
            &format!("Invalid status {s:?}."),
        );
    }
    let st = sh.state();
    let mut calls = Vec::new();
    for (id, rec) in &st.lists {
        if q.get("bulk_list_id").is_some_and(|b| b != id)
            || q.get("agent_id").is_some_and(|a| *a != rec.agent_id)
            || !rec.started
        {
            continue;
        }
        let status = if rec.terminated {
            "cancelled"
        } else {
            "registered"
        };
        if q.get("status").is_some_and(|s| s != status) {
            continue;
        }
        for (i, phone) in rec.phones.iter().enumerate() {
            calls.push(json!({
                "id": format!("{id}-call-{i}"),
                "to_number": phone,
                "name": "",
                "status": status,
                "sub_status": if rec.terminated { "USER_TERMINATED" } else { "QUEUED" },
                "transcript": "",
                "created_at": rec.created_at,
                "agent": { "id": rec.agent_id, "agent_name": "Fake assistant" },
                "call_duration": 0,
                "call_attempt_time": null,
                "call_cost": 0,
                "call_type": "outbound",
                "inbound_from": null,
            }));
        }
    }
    let total = calls.len();
    let page: Vec<Value> = calls
        .into_iter()
        .skip(offset as usize)
        .take(limit as usize)
        .collect();
    ok(json!({
        "count": page.len(),
        "calls": page,
        "limit": limit,
        "offset": offset,
        "total": total,
    }))
}

async fn invalid_rows_file(State(sh): Sh, Path(id): Path<String>) -> Response {
    let st = sh.state();
    let Some(rec) = st.lists.get(&id) else {
        return detail(StatusCode::NOT_FOUND, "Not Found");
    };
    let mut text = String::from("row,reason\n");
    for i in 0..rec.invalid.min(10_000) {
        text.push_str(&format!("{},Invalid mobile number (fake)\n", i + 1));
    }
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        text,
    )
        .into_response()
}
