//! The error type of the uploader, and the decoding of Ringg's error bodies.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;

use crate::step::Step;

/// Everything that can go wrong while talking to Ringg or running a flow.
///
/// No variant ever holds the API key: server messages are scrubbed of it
/// before they are stored (see [`crate::ApiKey::redact`]).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum Error {
    /// Ringg answered with an error status. `message` is Ringg's own text
    /// (`detail`, or `error.message`), as it was sent.
    #[error("{step}: Ringg answered HTTP {status}{}: {message}", reason_suffix(*.status))]
    #[diagnostic(code(ringg_upload::api))]
    Api {
        /// The endpoint that answered.
        step: Step,
        /// The HTTP status code.
        status: u16,
        /// Ringg's machine-readable error code (`error.code`), when sent.
        code: Option<String>,
        /// Ringg's message, as sent (a `detail` that is not a string is shown as compact JSON).
        message: String,
        /// What the user can do about it.
        #[help]
        help: Option<String>,
    },

    /// The request could not be completed at the transport level
    /// (connection refused, reset, timed out, TLS, …).
    #[error("{step}: request to {url} failed: {reason} ({})", sent_note(*.may_have_been_sent))]
    #[diagnostic(code(ringg_upload::transport))]
    Transport {
        /// The endpoint being called.
        step: Step,
        /// The URL (never contains the key).
        url: String,
        /// What the HTTP client reported.
        reason: String,
        /// False only when the failure certainly happened before the request
        /// left this machine (connection refused, DNS, connect timeout).
        may_have_been_sent: bool,
        /// What the user can do about it.
        #[help]
        help: Option<String>,
    },

    /// Ringg answered with a success status, but the body was not what the
    /// contract describes (not JSON, or a required field such as `list_id` missing).
    #[error("{step}: Ringg answered HTTP {status} but the answer could not be used: {reason}")]
    #[diagnostic(
        code(ringg_upload::decode),
        help(
            "the request may have succeeded on Ringg's side; check the campaign list before retrying"
        )
    )]
    Decode {
        /// The endpoint that answered.
        step: Step,
        /// The HTTP status code.
        status: u16,
        /// What was wrong with the body.
        reason: String,
    },

    /// The workspace balance does not cover the campaign; nothing was scheduled.
    #[error("campaign/check-balance: insufficient balance for bulk list {bulk_list_id}{}{}",
        shortfall_note(*.shortfall, *.required, *.available),
        message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    #[diagnostic(
        code(ringg_upload::insufficient_balance),
        help(
            "top up the workspace, then run the same command again: it resumes at the balance check"
        )
    )]
    InsufficientBalance {
        /// The bulk list that could not be scheduled.
        bulk_list_id: String,
        /// How much is missing, when Ringg said or it can be computed.
        shortfall: Option<f64>,
        /// The balance the campaign needs, when Ringg said.
        required: Option<f64>,
        /// The balance available, when Ringg said.
        available: Option<f64>,
        /// Ringg's message, as sent.
        message: Option<String>,
    },

    /// The balance answer did not confirm that the workspace can pay for the
    /// campaign; nothing was scheduled and nothing was recorded as checked.
    #[error(
        "campaign/check-balance: Ringg's answer for bulk list {bulk_list_id} does not confirm a sufficient balance ({reason}); it answered: {answer}"
    )]
    #[diagnostic(
        code(ringg_upload::balance_unconfirmed),
        help(
            "nothing was scheduled. Check the workspace balance in Ringg's dashboard, then run the same command again: it re-checks the balance before scheduling"
        )
    )]
    BalanceUnconfirmed {
        /// The bulk list that was not scheduled.
        bulk_list_id: String,
        /// What the answer lacked.
        reason: String,
        /// Ringg's answer, as compact JSON (key redacted, escapes shown).
        answer: String,
    },

    /// Ringg reported an upload status this client does not know (or
    /// none): the flow stops rather than guess it is done.
    #[error("campaign/upload-status: bulk list {bulk_list_id} has the status {}, which this version does not know; stopped before scheduling any call",
        status.as_deref().map(|s| format!("{s:?}")).unwrap_or_else(|| "(none)".to_owned()))]
    #[diagnostic(
        code(ringg_upload::unknown_status),
        help(
            "check the upload in Ringg's dashboard (or `status --list-id`); run the same command again once it shows as completed, or report the status to ringg-preflight"
        )
    )]
    UnknownUploadStatus {
        /// The bulk list being polled.
        bulk_list_id: String,
        /// The status Ringg sent, if any.
        status: Option<String>,
    },

    /// The server answered with a redirect; it was not followed, so the key
    /// and the rows went nowhere else.
    #[error("{step}: the server answered HTTP {status} redirecting to {}; redirects are not followed, nothing was sent there",
        location.as_deref().unwrap_or("(no Location)"))]
    #[diagnostic(
        code(ringg_upload::redirect),
        help(
            "check --base-url: it should be Ringg's API itself (https://prod-api.ringg.ai/ca/api/v0)"
        )
    )]
    Redirect {
        /// The endpoint that answered.
        step: Step,
        /// The 3xx status.
        status: u16,
        /// The `Location` header, escaped.
        location: Option<String>,
    },

    /// A 2xx answer that does not say the requested thing happened.
    #[error("{step}: Ringg answered HTTP {status} but did not confirm it: {answer}")]
    #[diagnostic(
        code(ringg_upload::unconfirmed),
        help(
            "check in Ringg's dashboard (or with `status`) whether it happened before running again"
        )
    )]
    Unconfirmed {
        /// The endpoint that answered.
        step: Step,
        /// The HTTP status code.
        status: u16,
        /// Ringg's answer, as compact JSON (key redacted, escapes shown).
        answer: String,
    },

    /// The command's overall deadline passed.
    #[error("{step}: the command's deadline of {}s passed", limit.as_secs())]
    #[diagnostic(
        code(ringg_upload::deadline),
        help(
            "run the same command again (with a longer --deadline): an upload resumes where it stopped"
        )
    )]
    Deadline {
        /// The step that was running.
        step: Step,
        /// The deadline.
        limit: Duration,
    },

    /// Ringg reported that processing the uploaded CSV failed.
    #[error("campaign/upload-status: upload of bulk list {bulk_list_id} {status}{}{}{}",
        invalid_rows.map(|n| format!("; {n} invalid rows")).unwrap_or_default(),
        invalid_rows_url.as_deref().map(|u| format!(" (invalid rows: {u})")).unwrap_or_default(),
        message.as_deref().map(|m| format!(": {m}")).unwrap_or_default())]
    #[diagnostic(
        code(ringg_upload::upload_failed),
        help(
            "download the invalid rows, fix them (or set remove_invalid_rows), and upload again with a new --out-dir"
        )
    )]
    UploadFailed {
        /// The bulk list whose processing failed.
        bulk_list_id: String,
        /// The status Ringg reported (e.g. `failed`).
        status: String,
        /// `invalidated_rows_count`, when reported.
        invalid_rows: Option<u64>,
        /// `invalidated_rows_csv_url`, when reported.
        invalid_rows_url: Option<String>,
        /// Any message Ringg attached.
        message: Option<String>,
    },

    /// The large upload was still processing when the overall timeout ran out.
    #[error("campaign/upload-status: bulk list {bulk_list_id} still {} after {}s",
        last_status.as_deref().unwrap_or("processing"), waited.as_secs_f64().round())]
    #[diagnostic(
        code(ringg_upload::poll_timeout),
        help(
            "run the same command again (with a longer --timeout): it resumes polling the same bulk list"
        )
    )]
    PollTimeout {
        /// The bulk list being polled.
        bulk_list_id: String,
        /// How long the flow waited.
        waited: Duration,
        /// The last status Ringg reported.
        last_status: Option<String>,
    },

    /// The state file in the output directory belongs to another upload.
    #[error("{path} belongs to a different upload: {reason}")]
    #[diagnostic(
        code(ringg_upload::state_mismatch),
        help("use a new output directory, or tell the uploader to ignore the mismatch")
    )]
    StateMismatch {
        /// The state file.
        path: PathBuf,
        /// What differs.
        reason: String,
    },

    /// A previous run sent a request that creates something and never learnt
    /// whether Ringg processed it.
    #[error("{step} was sent by an earlier run but its outcome is unknown (recorded in {path})")]
    #[diagnostic(
        code(ringg_upload::uncertain_step),
        help(
            "check the campaign list on Ringg (the `status` command); if it is not there, run the same command again with --resend-uncertain"
        )
    )]
    UncertainStep {
        /// The step whose outcome is unknown.
        step: Step,
        /// The state file.
        path: PathBuf,
    },

    /// The state file could not be read or written.
    #[error("upload state {path}: {reason}")]
    #[diagnostic(code(ringg_upload::state))]
    State {
        /// The state file.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },

    /// The CSV to upload could not be read.
    #[error("cannot read {path}: {source}")]
    #[diagnostic(code(ringg_upload::csv))]
    Csv {
        /// The CSV path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },

    /// The options or the campaign form cannot make a valid request.
    #[error("invalid upload options: {0}")]
    #[diagnostic(code(ringg_upload::options))]
    InvalidOptions(String),

    /// No API key was given.
    #[error("no Ringg API key: set RINGG_API_KEY")]
    #[diagnostic(code(ringg_upload::missing_key))]
    MissingApiKey,

    /// The API key cannot be sent as an HTTP header (control characters,
    /// white space or non-ASCII characters). The key itself is not shown.
    #[error("the Ringg API key contains characters that cannot be sent in a header")]
    #[diagnostic(code(ringg_upload::invalid_key))]
    InvalidApiKey,
}

impl Error {
    /// True when the error is Ringg (or the balance, or the uploaded data)
    /// refusing the campaign, as opposed to a run that could not be made.
    /// A CLI maps this to exit status 1 and everything else to 2.
    pub fn is_refusal(&self) -> bool {
        match self {
            Error::Api { status, .. } => (400..500).contains(status),
            Error::InsufficientBalance { .. }
            | Error::BalanceUnconfirmed { .. }
            | Error::UnknownUploadStatus { .. }
            | Error::UploadFailed { .. } => true,
            _ => false,
        }
    }

    /// The HTTP status Ringg answered with, if any.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. }
            | Error::Decode { status, .. }
            | Error::Redirect { status, .. }
            | Error::Unconfirmed { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The step the error happened at, if it happened at one.
    pub fn step(&self) -> Option<Step> {
        match self {
            Error::Api { step, .. }
            | Error::Transport { step, .. }
            | Error::Decode { step, .. }
            | Error::UncertainStep { step, .. }
            | Error::Redirect { step, .. }
            | Error::Unconfirmed { step, .. }
            | Error::Deadline { step, .. } => Some(*step),
            Error::InsufficientBalance { .. } | Error::BalanceUnconfirmed { .. } => {
                Some(Step::CheckBalance)
            }
            Error::UploadFailed { .. }
            | Error::PollTimeout { .. }
            | Error::UnknownUploadStatus { .. } => Some(Step::UploadStatus),
            _ => None,
        }
    }

    /// Whether a request that failed this way may have been processed by Ringg
    /// (so re-sending a create request could duplicate it).
    pub(crate) fn may_have_been_processed(&self) -> bool {
        match self {
            Error::Transport {
                may_have_been_sent, ..
            } => *may_have_been_sent,
            // 5xx: the server may have done the work before failing.
            Error::Api { status, .. } => *status >= 500,
            // A 2xx whose body we could not use: it did the work.
            Error::Decode { .. } | Error::Unconfirmed { .. } => true,
            // A redirect answered the request; what the server did first is unknown.
            Error::Redirect { .. } => true,
            _ => false,
        }
    }
}

fn reason_suffix(status: u16) -> String {
    ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map(|r| format!(" {r}"))
        .unwrap_or_default()
}

fn sent_note(may_have_been_sent: bool) -> &'static str {
    if may_have_been_sent {
        "the request may have reached Ringg"
    } else {
        "the request was not sent"
    }
}

fn shortfall_note(shortfall: Option<f64>, required: Option<f64>, available: Option<f64>) -> String {
    let mut s = String::new();
    if let Some(x) = shortfall {
        s.push_str(&format!(": short by {x:.2}"));
    }
    match (required, available) {
        (Some(r), Some(a)) => s.push_str(&format!(" (needs {r:.2}, available {a:.2})")),
        (Some(r), None) => s.push_str(&format!(" (needs {r:.2})")),
        (None, Some(a)) => s.push_str(&format!(" (available {a:.2})")),
        (None, None) => {}
    }
    s
}

/// Both of Ringg's error shapes: `{"detail": …}` and `{"error": {"code", "message"}}`.
#[derive(Debug, Deserialize)]
struct ErrorBody {
    #[serde(default)]
    detail: Option<Value>,
    #[serde(default)]
    error: Option<Value>,
    #[serde(default)]
    message: Option<Value>,
}

/// Ringg's error message and code, decoded from an error response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RinggMessage {
    pub(crate) message: String,
    pub(crate) code: Option<String>,
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Decodes an error body. Falls back to the raw text (trimmed) and
/// then to the status's reason phrase.
pub(crate) fn decode_error_body(status: u16, body: &str) -> RinggMessage {
    if let Ok(parsed) = serde_json::from_str::<ErrorBody>(body) {
        if let Some(detail) = parsed.detail.as_ref().filter(|d| !d.is_null()) {
            return RinggMessage {
                message: value_text(detail),
                code: None,
            };
        }
        if let Some(err) = parsed.error.as_ref().filter(|e| !e.is_null()) {
            let (message, code) = match err {
                Value::Object(map) => (
                    map.get("message")
                        .map(value_text)
                        .unwrap_or_else(|| err.to_string()),
                    map.get("code").map(value_text),
                ),
                other => (value_text(other), None),
            };
            return RinggMessage { message, code };
        }
        if let Some(m) = parsed.message.as_ref().filter(|m| !m.is_null()) {
            return RinggMessage {
                message: value_text(m),
                code: None,
            };
        }
    }
    let trimmed = body.trim();
    let message = if trimmed.is_empty() {
        ureq::http::StatusCode::from_u16(status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("no message")
            .to_owned()
    } else {
        trimmed.to_owned()
    };
    RinggMessage {
        message,
        code: None,
    }
}

/// A help text for an error status.
pub(crate) fn help_for_status(step: Step, status: u16) -> Option<String> {
    match status {
        401 | 403 => Some("check RINGG_API_KEY: Ringg did not accept the key".to_owned()),
        402 => Some("top up the workspace balance, then run the same command again".to_owned()),
        404 => Some(format!("{step}: the id does not exist in this workspace")),
        422 => Some("Ringg rejected the request body; the message lists the fields".to_owned()),
        429 => Some("Ringg is rate limiting this workspace; wait and run again".to_owned()),
        s if s >= 500 && step.creates() => Some(
            "Ringg failed while handling a request that creates something; it was not re-sent. \
             Check the campaign list (the `status` command) before running again"
                .to_owned(),
        ),
        s if s >= 500 => Some("Ringg had an internal error; try again later".to_owned()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detail_string() {
        let m = decode_error_body(400, r#"{"detail": "Invalid file format."}"#);
        assert_eq!(m.message, "Invalid file format.");
        assert_eq!(m.code, None);
    }

    #[test]
    fn detail_list_is_kept_as_json() {
        let m = decode_error_body(
            422,
            r#"{"detail": [{"loc": ["body", "from_numbers"], "msg": "exactly one", "type": "value_error"}]}"#,
        );
        assert!(m.message.starts_with('['));
        assert!(m.message.contains("exactly one"));
    }

    #[test]
    fn error_object() {
        let m = decode_error_body(
            401,
            r#"{"error": {"code": "401 Unauthorized", "message": "Invalid credentials"}}"#,
        );
        assert_eq!(m.message, "Invalid credentials");
        assert_eq!(m.code.as_deref(), Some("401 Unauthorized"));
    }

    #[test]
    fn plain_text_and_empty() {
        assert_eq!(
            decode_error_body(502, " bad gateway \n").message,
            "bad gateway"
        );
        assert_eq!(decode_error_body(401, "").message, "Unauthorized");
    }

    #[test]
    fn display_shows_status_step_and_message() {
        let e = Error::Api {
            step: Step::CampaignSave,
            status: 400,
            code: None,
            message: "Invalid file format.".into(),
            help: None,
        };
        assert_eq!(
            e.to_string(),
            "campaign/save: Ringg answered HTTP 400 Bad Request: Invalid file format."
        );
    }
}
