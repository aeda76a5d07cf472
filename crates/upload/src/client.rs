//! The HTTP client: one method per Ringg endpoint, with the retry policy.

use std::fmt;
use std::io;
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde::de::DeserializeOwned;
use ureq::unversioned::multipart::{Form, Part};

use crate::api::{
    BalanceCheck, CallHistory, CampaignForm, CampaignList, CampaignsQuery, HistoryQuery,
    MakeCallAsyncRequest, MakeCallAsyncResponse, NumbersQuery, SaveResponse, StartPoolRequest,
    StartRequest, StartResponse, TerminateRequest, TerminateResponse, UploadStatus,
    WorkspaceNumbers,
};
use crate::error::{Error, decode_error_body, help_for_status};
use crate::events::UploadEvent;
use crate::key::ApiKey;
use crate::request::{ApiRequest, Method, RequestBody, RequestDescription};
use crate::retry::{RetryPolicy, parse_retry_after};

/// Ringg's production API (the `servers` entry of its OpenAPI description).
pub const DEFAULT_BASE_URL: &str = "https://prod-api.ringg.ai/ca/api/v0";

/// A response body larger than this is not read.
const MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// A callback that receives [`UploadEvent`]s (retries, for a bare client).
pub type EventCallback = Arc<dyn Fn(&UploadEvent) + Send + Sync>;

/// How to reach Ringg.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Base URL, e.g. [`DEFAULT_BASE_URL`] or a local fake's URL.
    pub base_url: String,
    /// The workspace key, sent as `X-API-KEY`.
    pub api_key: ApiKey,
    /// Longest time one request may take in all: connecting, sending, the
    /// answer's headers and its whole body (a server trickling bytes cannot
    /// stretch it).
    pub request_timeout: Duration,
    /// Longest wait to open a connection.
    pub connect_timeout: Duration,
    /// Retry timing.
    pub retry: RetryPolicy,
    /// Longest time all requests of this client may take together, retries
    /// and their waits included, counted from [`Client::new`]; `None` for no
    /// limit.
    pub deadline: Option<Duration>,
}

impl ClientConfig {
    /// The production base URL, default timeouts (connect 10 s, each
    /// request 60 s in all, no overall deadline) and retry policy.
    pub fn new(api_key: ApiKey) -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.to_owned(),
            api_key,
            request_timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            deadline: None,
        }
    }
}

/// A thin synchronous Ringg API client.
///
/// Retries (with [`RetryPolicy`] timing):
/// - a connection error that happened before the request was sent
///   (refused, DNS, connect timeout): any request;
/// - HTTP 429 (Ringg did not process the request): any request, honouring `Retry-After`;
/// - HTTP 5xx, or a connection lost after the request may have been sent:
///   only requests that are safe to repeat (`GET`, the balance re-check).
///
/// A request that creates something (save, upload-csv, start,
/// make-call-async) is therefore never re-sent once it may have reached Ringg.
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    base_url: String,
    key: ApiKey,
    retry: RetryPolicy,
    request_timeout: Duration,
    /// When the client's overall deadline passes, and how long it was.
    deadline: Option<(Instant, Duration)>,
    events: Option<EventCallback>,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("key", &self.key)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// Checks a base URL and removes trailing slashes: the form the client uses
/// and `upload-state.json` records, so two spellings compare equal.
///
/// `https://` anywhere; `http://` only to a loopback address (`localhost`,
/// `127.0.0.0/8`, `[::1]`), because over plain HTTP the key and the rows
/// would cross the network in clear text. A URL with credentials in it
/// (`user@host`) is refused too: the host it names is not what it seems.
pub fn normalize_base_url(base_url: &str) -> Result<String, Error> {
    let trimmed = base_url.trim().trim_end_matches('/');
    let invalid = || {
        Error::InvalidOptions(format!(
            "base URL {:?} must be an http:// or https:// URL",
            crate::server_text::escape_controls(base_url)
        ))
    };
    let (secure, rest) = match (
        trimmed.strip_prefix("https://"),
        trimmed.strip_prefix("http://"),
    ) {
        (Some(rest), _) => (true, rest),
        (None, Some(rest)) => (false, rest),
        (None, None) => return Err(invalid()),
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    if authority.is_empty() || rest.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    if authority.contains('@') {
        return Err(Error::InvalidOptions(format!(
            "base URL {trimmed:?} has credentials in it (user@host); give the host alone"
        )));
    }
    if !secure && !is_loopback(authority) {
        return Err(Error::InvalidOptions(format!(
            "base URL {trimmed:?} is plain http:// to a host that is not this machine: \
             the API key and the contact list would travel unencrypted. Use https://, \
             or http:// only to localhost, 127.0.0.1 or [::1] (a local fake)"
        )));
    }
    Ok(trimmed.to_owned())
}

/// Whether an authority (`host[:port]`) names this machine.
fn is_loopback(authority: &str) -> bool {
    let host = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((host, rest)) if rest.is_empty() || rest.starts_with(':') => host,
            _ => return false,
        },
        None => authority.split(':').next().unwrap_or(""),
    };
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    host.parse::<std::net::IpAddr>()
        .is_ok_and(|ip| ip.is_loopback())
}

enum AttemptError {
    /// A local problem (the CSV cannot be opened…): never retried, never sent.
    Local(Error),
    /// The HTTP client failed.
    Transport(ureq::Error),
}

/// Whether a transport error certainly happened before the request left.
fn not_sent(e: &ureq::Error) -> bool {
    match e {
        ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed
        | ureq::Error::BadUri(_)
        | ureq::Error::Http(_)
        | ureq::Error::InvalidProxyUrl
        | ureq::Error::RequireHttpsOnly(_)
        | ureq::Error::Tls(_)
        | ureq::Error::Rustls(_)
        | ureq::Error::Pem(_) => true,
        ureq::Error::Timeout(t) => matches!(t, ureq::Timeout::Resolve | ureq::Timeout::Connect),
        ureq::Error::Io(io) => matches!(
            io.kind(),
            io::ErrorKind::ConnectionRefused
                | io::ErrorKind::HostUnreachable
                | io::ErrorKind::NetworkUnreachable
                | io::ErrorKind::NetworkDown
                | io::ErrorKind::AddrNotAvailable
        ),
        _ => false,
    }
}

/// Whether a transport error is worth retrying at all.
fn transient(e: &ureq::Error) -> bool {
    !matches!(
        e,
        ureq::Error::BadUri(_)
            | ureq::Error::Http(_)
            | ureq::Error::InvalidProxyUrl
            | ureq::Error::RequireHttpsOnly(_)
            | ureq::Error::Tls(_)
            | ureq::Error::Rustls(_)
            | ureq::Error::Pem(_)
            | ureq::Error::BodyExceedsLimit(_)
            | ureq::Error::LargeResponseHeader(_, _)
    )
}

struct Answer {
    status: u16,
    retry_after: Option<Duration>,
    location: Option<String>,
    body: String,
}

impl Client {
    /// Builds a client. Fails only on a malformed base URL.
    pub fn new(config: ClientConfig) -> Result<Self, Error> {
        let base_url = normalize_base_url(&config.base_url)?;
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // A redirect could send the key and the rows to another host
            // (or turn a PATCH into a GET): none is followed, each is an error.
            .max_redirects(0)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.request_timeout))
            .max_idle_age(Duration::from_secs(15))
            .user_agent(concat!("ringg-preflight/", env!("CARGO_PKG_VERSION")))
            .build();
        Ok(Client {
            agent: ureq::Agent::new_with_config(agent_config),
            base_url,
            key: config.api_key,
            retry: config.retry,
            request_timeout: config.request_timeout,
            deadline: config.deadline.map(|d| (Instant::now() + d, d)),
            events: None,
        })
    }

    /// Sends retry events to `callback` (the typed methods otherwise report nothing).
    pub fn with_events(mut self, callback: impl Fn(&UploadEvent) + Send + Sync + 'static) -> Self {
        self.events = Some(Arc::new(callback));
        self
    }

    /// The base URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// What a dry run shows for `req` (the key redacted).
    pub fn describe(&self, req: &ApiRequest) -> RequestDescription {
        req.describe(&self.base_url)
    }

    /// Sends `req` with the retry policy and decodes a 2xx answer as `T`.
    pub fn send<T: DeserializeOwned>(&self, req: &ApiRequest) -> Result<T, Error> {
        match &self.events {
            Some(cb) => self.send_with(req, &|e| cb(e), None),
            None => self.send_with(req, &|_| {}, None),
        }
    }

    /// `GET /workspace/numbers`.
    pub fn workspace_numbers(&self, q: &NumbersQuery) -> Result<WorkspaceNumbers, Error> {
        self.send(&ApiRequest::workspace_numbers(q))
    }

    /// `GET /campaign/all`.
    pub fn all_campaigns(&self, q: &CampaignsQuery) -> Result<CampaignList, Error> {
        self.send(&ApiRequest::all_campaigns(q))
    }

    /// `GET /calling/history` (e.g. with `bulk_list_id` set).
    pub fn call_history(&self, q: &HistoryQuery) -> Result<CallHistory, Error> {
        self.send(&ApiRequest::call_history(q))
    }

    /// `PATCH /campaign/terminate`. Not retried once it may have reached
    /// Ringg. Succeeds only on an answer that says calls were terminated
    /// ([`TerminateResponse::confirms_termination`]); any other 2xx is
    /// [`Error::Unconfirmed`].
    pub fn terminate(&self, req: &TerminateRequest) -> Result<TerminateResponse, Error> {
        let req = ApiRequest::terminate(req)?;
        let answer: TerminateResponse = self.send(&req)?;
        if answer.confirms_termination() {
            Ok(answer)
        } else {
            Err(Error::Unconfirmed {
                step: req.step,
                status: 200,
                answer: serde_json::to_string(&answer).unwrap_or_default(),
            })
        }
    }

    /// `POST /campaign/save` with `csv` as the file part.
    pub fn save_campaign(
        &self,
        form: &CampaignForm,
        csv: &std::path::Path,
    ) -> Result<SaveResponse, Error> {
        self.send(&ApiRequest::campaign_save(form, csv))
    }

    /// `POST /campaign/start`.
    pub fn start_campaign(&self, req: &StartRequest) -> Result<StartResponse, Error> {
        self.send(&ApiRequest::campaign_start(req)?)
    }

    /// `POST /campaign/v2/start` (number pool).
    pub fn start_campaign_pool(&self, req: &StartPoolRequest) -> Result<StartResponse, Error> {
        self.send(&ApiRequest::campaign_start_pool(req)?)
    }

    /// `POST /campaign/upload-csv` with `csv` as the file part.
    pub fn upload_csv(
        &self,
        form: &CampaignForm,
        csv: &std::path::Path,
    ) -> Result<UploadStatus, Error> {
        self.send(&ApiRequest::upload_csv(form, csv))
    }

    /// `GET /campaign/upload-status/{bulk_list_id}` (one poll).
    pub fn upload_status(&self, bulk_list_id: &str) -> Result<UploadStatus, Error> {
        self.send(&ApiRequest::upload_status(bulk_list_id))
    }

    /// `POST /campaign/check-balance/{bulk_list_id}`. Returns the answer as
    /// is; see [`BalanceCheck::verdict`].
    pub fn check_balance(&self, bulk_list_id: &str) -> Result<BalanceCheck, Error> {
        self.send(&ApiRequest::check_balance(bulk_list_id))
    }

    /// `POST /campaign/make-call-async`.
    pub fn make_call_async(
        &self,
        req: &MakeCallAsyncRequest,
    ) -> Result<MakeCallAsyncResponse, Error> {
        self.send(&ApiRequest::make_call_async(req)?)
    }

    /// Sends with retries, reporting to `events`; gives up retrying when the
    /// next wait would pass `deadline`.
    pub(crate) fn send_with<T: DeserializeOwned>(
        &self,
        req: &ApiRequest,
        events: &dyn Fn(&UploadEvent),
        deadline: Option<Instant>,
    ) -> Result<T, Error> {
        let answer = self.exchange(req, events, deadline)?;
        self.decode(req, answer.status, &answer.body)
    }

    /// Decodes an answer: every string cleaned (key redacted, control
    /// characters escaped) before anything else sees it, then read as `T`
    /// strictly, a field of the wrong type named.
    fn decode<T: DeserializeOwned>(
        &self,
        req: &ApiRequest,
        status: u16,
        body: &str,
    ) -> Result<T, Error> {
        let decode_error = |reason: String| Error::Decode {
            step: req.step,
            status,
            reason: crate::server_text::clean_bounded(&self.key, &reason),
        };
        let mut value: serde_json::Value =
            serde_json::from_str(body).map_err(|e| decode_error(format!("not JSON: {e}")))?;
        crate::server_text::clean_value(&self.key, &mut value);
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            if path == "." || path.is_empty() {
                decode_error(format!("not the expected answer: {inner}"))
            } else {
                decode_error(format!("field `{path}`: {inner}"))
            }
        })
    }

    fn exchange(
        &self,
        req: &ApiRequest,
        events: &dyn Fn(&UploadEvent),
        deadline: Option<Instant>,
    ) -> Result<Answer, Error> {
        let max_attempts = self.retry.max_attempts.max(1);
        let mut attempt = 1u32;
        loop {
            events(&UploadEvent::Sending {
                step: req.step,
                attempt,
            });
            let outcome = self.attempt(req);
            // Decide: return, or retry after a delay.
            let (error, retry_after, reason) = match outcome {
                Err(AttemptError::Local(e)) => return Err(e),
                Err(AttemptError::Transport(e)) => {
                    let sent = !not_sent(&e);
                    let retryable = transient(&e) && (!sent || req.is_safe_to_repeat());
                    let reason = crate::server_text::clean_bounded(&self.key, &e.to_string());
                    let err = Error::Transport {
                        step: req.step,
                        url: req.url(&self.base_url),
                        reason: reason.clone(),
                        may_have_been_sent: sent,
                        help: Some(if sent && req.step.creates() {
                            "the request may have been processed; it was not re-sent. Run the same \
                             command again: the state file makes it stop before creating a duplicate"
                                .to_owned()
                        } else {
                            "check the network and --base-url, then run again".to_owned()
                        }),
                    };
                    if !retryable {
                        return Err(err);
                    }
                    (err, None, reason)
                }
                Ok(answer) if (200..300).contains(&answer.status) => return Ok(answer),
                Ok(answer) if (300..400).contains(&answer.status) => {
                    return Err(Error::Redirect {
                        step: req.step,
                        status: answer.status,
                        location: answer
                            .location
                            .as_deref()
                            .map(|l| crate::server_text::clean_bounded(&self.key, l)),
                    });
                }
                Ok(answer) => {
                    let err = self.api_error(req, &answer);
                    let retryable =
                        answer.status == 429 || (answer.status >= 500 && req.is_safe_to_repeat());
                    if !retryable {
                        return Err(err);
                    }
                    (err, answer.retry_after, format!("HTTP {}", answer.status))
                }
            };
            if attempt >= max_attempts {
                return Err(error);
            }
            let delay = self.retry.delay(attempt, retry_after);
            if deadline
                .into_iter()
                .chain(self.deadline.map(|(d, _)| d))
                .any(|d| Instant::now() + delay > d)
            {
                return Err(error);
            }
            events(&UploadEvent::Retrying {
                step: req.step,
                attempt,
                max_attempts,
                delay,
                reason,
            });
            std::thread::sleep(delay);
            attempt += 1;
        }
    }

    fn api_error(&self, req: &ApiRequest, answer: &Answer) -> Error {
        let decoded = decode_error_body(answer.status, &answer.body);
        Error::Api {
            step: req.step,
            status: answer.status,
            code: decoded
                .code
                .map(|c| crate::server_text::clean_bounded(&self.key, &c)),
            message: crate::server_text::clean_bounded(&self.key, &decoded.message),
            help: help_for_status(req.step, answer.status),
        }
    }

    fn attempt(&self, req: &ApiRequest) -> Result<Answer, AttemptError> {
        let url = req.url(&self.base_url);
        let key = self.key.expose();
        // Each attempt gets the request timeout, or what is left of the
        // command's deadline when that is less.
        let mut timeout = self.request_timeout;
        if let Some((at, limit)) = self.deadline {
            let left = at.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(AttemptError::Local(Error::Deadline {
                    step: req.step,
                    limit,
                }));
            }
            timeout = timeout.min(left);
        }
        let result = match req.method {
            Method::Get => self
                .agent
                .get(&url)
                .config()
                .timeout_global(Some(timeout))
                .build()
                .header("X-API-KEY", key)
                .header("Accept", "application/json")
                .call(),
            Method::Post | Method::Patch => {
                let builder = if req.method == Method::Post {
                    self.agent.post(&url)
                } else {
                    self.agent.patch(&url)
                }
                .config()
                .timeout_global(Some(timeout))
                .build()
                .header("X-API-KEY", key)
                .header("Accept", "application/json");
                match &req.body {
                    RequestBody::Empty => builder.send_empty(),
                    RequestBody::Json(v) => builder.send_json(v),
                    RequestBody::Multipart { fields, file } => {
                        let part = Part::file(&file.path)
                            .map_err(|source| {
                                AttemptError::Local(Error::Csv {
                                    path: file.path.clone(),
                                    source,
                                })
                            })?
                            .file_name(&file.file_name)
                            .mime_str(&file.content_type)
                            .map_err(|e| {
                                AttemptError::Local(Error::InvalidOptions(format!(
                                    "content type {:?}: {e}",
                                    file.content_type
                                )))
                            })?;
                        let mut form = Form::new();
                        for (k, v) in fields {
                            form = form.text(k, v);
                        }
                        builder.send(form.part(&file.field, part))
                    }
                }
            }
        };
        let mut response = result.map_err(AttemptError::Transport)?;
        let status = response.status().as_u16();
        let retry_after = response
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        let location = response
            .headers()
            .get("location")
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .lossy_utf8(true)
            .read_to_string()
            .map_err(AttemptError::Transport)?;
        Ok(Answer {
            status,
            retry_after,
            location,
            body,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_checks() {
        assert_eq!(
            normalize_base_url("http://127.0.0.1:8080/").ok().as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert!(normalize_base_url("ftp://x").is_err());
        assert!(normalize_base_url("http://").is_err());
    }

    #[test]
    fn plain_http_only_to_this_machine() {
        for ok in [
            "http://localhost:8080/ca/api/v0",
            "http://127.0.0.1",
            "http://127.1.2.3:9/x",
            "http://[::1]:8080/ca",
            "https://prod-api.ringg.ai/ca/api/v0",
            "https://10.0.0.5/x",
        ] {
            assert!(normalize_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://prod-api.ringg.ai/ca/api/v0",
            "http://10.0.0.5:8080",
            "http://127.0.0.1.evil.example/x",
            "http://localhost.evil.example",
            "http://127.0.0.1@evil.example/",
            "https://user:pw@prod-api.ringg.ai",
            "http://[::2]:80",
        ] {
            let e = normalize_base_url(bad).expect_err(bad);
            assert!(!e.to_string().is_empty());
        }
        let e = normalize_base_url("http://prod-api.ringg.ai").expect_err("refused");
        assert!(e.to_string().contains("unencrypted"), "{e}");
    }

    #[test]
    fn debug_does_not_show_key() {
        let key = ApiKey::new("top-secret-key").expect("valid");
        let c = Client::new(ClientConfig::new(key)).expect("client");
        let text = format!("{c:?}");
        assert!(!text.contains("top-secret-key"));
        assert!(text.contains("<redacted>"));
    }
}
