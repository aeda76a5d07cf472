//! A transport-independent description of one request to Ringg.
//!
//! Every endpoint function builds an [`ApiRequest`] first; the client sends
//! it, and a dry run only [describes](ApiRequest::describe) it. Both paths
//! use the same value, so what a dry run prints is what a real run sends.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::api::{
    CampaignForm, CampaignsQuery, HistoryQuery, MakeCallAsyncRequest, NumbersQuery,
    StartPoolRequest, StartRequest, TerminateRequest,
};
use crate::error::Error;
use crate::key::REDACTED;
use crate::step::Step;

/// The HTTP methods Ringg's endpoints use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
    /// `PATCH`.
    Patch,
}

impl Method {
    /// `GET`, `POST` or `PATCH`.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The file part of a multipart request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilePart {
    /// The form field name (`file`).
    pub field: String,
    /// Where the file is read from when the request is sent.
    pub path: PathBuf,
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: String,
    /// The part's content type (`text/csv`).
    pub content_type: String,
}

/// The body of an [`ApiRequest`].
#[derive(Debug, Clone, PartialEq)]
pub enum RequestBody {
    /// No body.
    Empty,
    /// A JSON body.
    Json(Value),
    /// A `multipart/form-data` body: text fields, then one file.
    Multipart {
        /// Text fields, in order.
        fields: Vec<(String, String)>,
        /// The file part.
        file: FilePart,
    },
}

/// One request to Ringg, before it is sent (or described, in a dry run).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiRequest {
    /// The endpoint, as named in errors.
    pub step: Step,
    /// The method.
    pub method: Method,
    /// The path below the base URL, with path parameters already encoded.
    pub path: String,
    /// Query parameters (unencoded).
    pub query: Vec<(String, String)>,
    /// The body.
    pub body: RequestBody,
    /// A remark shown in dry-run output (e.g. "repeated until processing ends").
    pub note: Option<String>,
}

fn to_json<T: Serialize>(v: &T) -> Result<Value, Error> {
    serde_json::to_value(v)
        .map_err(|e| Error::InvalidOptions(format!("cannot encode the request body: {e}")))
}

fn csv_part(csv: &Path) -> FilePart {
    FilePart {
        field: "file".to_owned(),
        path: csv.to_path_buf(),
        file_name: csv
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "contacts.csv".to_owned()),
        content_type: "text/csv".to_owned(),
    }
}

fn push_opt<T: ToString>(q: &mut Vec<(String, String)>, name: &str, v: &Option<T>) {
    if let Some(v) = v {
        q.push((name.to_owned(), v.to_string()));
    }
}

/// Percent-encodes one path segment (everything but RFC 3986 unreserved characters).
pub(crate) fn encode_segment(s: &str) -> String {
    encode(s, false)
}

fn encode(s: &str, space_as_plus: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' if space_as_plus => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

impl ApiRequest {
    fn new(step: Step, method: Method, path: impl Into<String>, body: RequestBody) -> Self {
        ApiRequest {
            step,
            method,
            path: path.into(),
            query: Vec::new(),
            body,
            note: None,
        }
    }

    /// `POST /campaign/save`: the form fields plus `file` = the CSV.
    pub fn campaign_save(form: &CampaignForm, csv: &Path) -> Self {
        ApiRequest::new(
            Step::CampaignSave,
            Method::Post,
            "/campaign/save",
            RequestBody::Multipart {
                fields: form.fields(),
                file: csv_part(csv),
            },
        )
    }

    /// `POST /campaign/upload-csv`: the form fields plus `file` = the CSV.
    pub fn upload_csv(form: &CampaignForm, csv: &Path) -> Self {
        ApiRequest::new(
            Step::UploadCsv,
            Method::Post,
            "/campaign/upload-csv",
            RequestBody::Multipart {
                fields: form.fields(),
                file: csv_part(csv),
            },
        )
    }

    /// `POST /campaign/start`.
    pub fn campaign_start(req: &StartRequest) -> Result<Self, Error> {
        Ok(ApiRequest::new(
            Step::CampaignStart,
            Method::Post,
            "/campaign/start",
            RequestBody::Json(to_json(req)?),
        ))
    }

    /// `POST /campaign/v2/start`.
    pub fn campaign_start_pool(req: &StartPoolRequest) -> Result<Self, Error> {
        Ok(ApiRequest::new(
            Step::CampaignStartV2,
            Method::Post,
            "/campaign/v2/start",
            RequestBody::Json(to_json(req)?),
        ))
    }

    /// `GET /campaign/upload-status/{bulk_list_id}`.
    pub fn upload_status(bulk_list_id: &str) -> Self {
        ApiRequest::new(
            Step::UploadStatus,
            Method::Get,
            format!("/campaign/upload-status/{}", encode_segment(bulk_list_id)),
            RequestBody::Empty,
        )
    }

    /// `POST /campaign/check-balance/{bulk_list_id}` (no body).
    pub fn check_balance(bulk_list_id: &str) -> Self {
        ApiRequest::new(
            Step::CheckBalance,
            Method::Post,
            format!("/campaign/check-balance/{}", encode_segment(bulk_list_id)),
            RequestBody::Empty,
        )
    }

    /// `POST /campaign/make-call-async`. Refuses a body that does not carry
    /// exactly one of `from_numbers` and `number_pool_id`.
    pub fn make_call_async(req: &MakeCallAsyncRequest) -> Result<Self, Error> {
        let has_numbers = req.from_numbers.as_ref().is_some_and(|v| !v.is_empty());
        if has_numbers == req.number_pool_id.is_some() {
            return Err(Error::InvalidOptions(
                "make-call-async needs exactly one of from_numbers and number_pool_id".to_owned(),
            ));
        }
        Ok(ApiRequest::new(
            Step::MakeCallAsync,
            Method::Post,
            "/campaign/make-call-async",
            RequestBody::Json(to_json(req)?),
        ))
    }

    /// `GET /workspace/numbers`.
    pub fn workspace_numbers(q: &NumbersQuery) -> Self {
        let mut r = ApiRequest::new(
            Step::WorkspaceNumbers,
            Method::Get,
            "/workspace/numbers",
            RequestBody::Empty,
        );
        push_opt(&mut r.query, "limit", &q.limit);
        push_opt(&mut r.query, "offset", &q.offset);
        r
    }

    /// `GET /campaign/all`.
    pub fn all_campaigns(q: &CampaignsQuery) -> Self {
        let mut r = ApiRequest::new(
            Step::CampaignAll,
            Method::Get,
            "/campaign/all",
            RequestBody::Empty,
        );
        push_opt(&mut r.query, "call_count", &q.call_count);
        push_opt(&mut r.query, "limit", &q.limit);
        push_opt(&mut r.query, "offset", &q.offset);
        r
    }

    /// `GET /calling/history`.
    pub fn call_history(q: &HistoryQuery) -> Self {
        let mut r = ApiRequest::new(
            Step::CallHistory,
            Method::Get,
            "/calling/history",
            RequestBody::Empty,
        );
        push_opt(&mut r.query, "bulk_list_id", &q.bulk_list_id);
        push_opt(&mut r.query, "agent_id", &q.agent_id);
        push_opt(&mut r.query, "status", &q.status);
        push_opt(&mut r.query, "start_date", &q.start_date);
        push_opt(&mut r.query, "end_date", &q.end_date);
        push_opt(&mut r.query, "limit", &q.limit);
        push_opt(&mut r.query, "offset", &q.offset);
        r
    }

    /// `PATCH /campaign/terminate`. Refuses an empty body.
    pub fn terminate(req: &TerminateRequest) -> Result<Self, Error> {
        if req.agent_id.is_none()
            && req.call_ids.is_none()
            && req.campaign_id.is_none()
            && req.mobile_numbers.is_none()
        {
            return Err(Error::InvalidOptions(
                "terminate needs at least one of agent_id, call_ids, campaign_id, mobile_numbers"
                    .to_owned(),
            ));
        }
        Ok(ApiRequest::new(
            Step::Terminate,
            Method::Patch,
            "/campaign/terminate",
            RequestBody::Json(to_json(req)?),
        ))
    }

    /// Attaches a dry-run remark.
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Whether this request may be repeated after it reached the server
    /// (on 5xx, or a connection lost mid-request). True for `GET` and the
    /// balance re-check; never for a request that creates something.
    pub fn is_safe_to_repeat(&self) -> bool {
        self.method == Method::Get || self.step == Step::CheckBalance
    }

    /// The full URL, with the encoded query string.
    pub fn url(&self, base_url: &str) -> String {
        let mut url = format!("{}{}", base_url.trim_end_matches('/'), self.path);
        for (i, (k, v)) in self.query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(&encode(k, true));
            url.push('=');
            url.push_str(&encode(v, true));
        }
        url
    }

    /// What a dry run shows for this request: method, URL, headers with the
    /// key redacted, form fields, file name and size, JSON body. Reads only
    /// the file's size; sends nothing.
    pub fn describe(&self, base_url: &str) -> RequestDescription {
        let mut headers = vec![("X-API-KEY".to_owned(), REDACTED.to_owned())];
        let mut form_fields = Vec::new();
        let mut file = None;
        let mut json = None;
        match &self.body {
            RequestBody::Empty => {}
            RequestBody::Json(v) => {
                headers.push(("Content-Type".to_owned(), "application/json".to_owned()));
                json = Some(v.clone());
            }
            RequestBody::Multipart { fields, file: part } => {
                headers.push(("Content-Type".to_owned(), "multipart/form-data".to_owned()));
                form_fields = fields.clone();
                file = Some(FileDescription {
                    field: part.field.clone(),
                    file_name: part.file_name.clone(),
                    path: part.path.clone(),
                    size: std::fs::metadata(&part.path).ok().map(|m| m.len()),
                    content_type: part.content_type.clone(),
                });
            }
        }
        RequestDescription {
            step: self.step,
            method: self.method,
            url: self.url(base_url),
            headers,
            form_fields,
            file,
            json,
            note: self.note.clone(),
        }
    }
}

/// The file part of a described request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileDescription {
    /// Form field name.
    pub field: String,
    /// File name sent.
    pub file_name: String,
    /// Local path.
    pub path: PathBuf,
    /// Size in bytes (None when the file cannot be read).
    pub size: Option<u64>,
    /// Content type.
    pub content_type: String,
}

/// A printable, serialisable description of a request a dry run would send.
/// The API key appears only as `<redacted>`.
///
/// `Display` renders it for a terminal; `Serialize` gives the same content
/// for `--format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestDescription {
    /// The endpoint.
    pub step: Step,
    /// The method.
    pub method: Method,
    /// The full URL.
    pub url: String,
    /// Headers that would be sent (the key redacted).
    pub headers: Vec<(String, String)>,
    /// Multipart text fields.
    pub form_fields: Vec<(String, String)>,
    /// Multipart file part.
    pub file: Option<FileDescription>,
    /// JSON body.
    pub json: Option<Value>,
    /// A remark (e.g. that the request is repeated while polling).
    pub note: Option<String>,
}

impl fmt::Display for RequestDescription {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} {}  [{}]", self.method, self.url, self.step)?;
        if let Some(note) = &self.note {
            writeln!(f, "  # {note}")?;
        }
        for (k, v) in &self.headers {
            writeln!(f, "  {k}: {v}")?;
        }
        for (k, v) in &self.form_fields {
            writeln!(f, "  form {k} = {v}")?;
        }
        if let Some(file) = &self.file {
            let size = file
                .size
                .map(|s| format!("{s} bytes"))
                .unwrap_or_else(|| "size unknown".to_owned());
            writeln!(
                f,
                "  form {} = @{} ({}, {}, from {})",
                file.field,
                file.file_name,
                size,
                file.content_type,
                file.path.display()
            )?;
        }
        if let Some(json) = &self.json {
            let text = serde_json::to_string_pretty(json).unwrap_or_else(|_| json.to_string());
            for line in text.lines() {
                writeln!(f, "  {line}")?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_encodes_query_and_segments() {
        let r = ApiRequest::call_history(&HistoryQuery {
            bulk_list_id: Some("a b/c".into()),
            limit: Some(5),
            ..Default::default()
        });
        assert_eq!(
            r.url("http://x/api/"),
            "http://x/api/calling/history?bulk_list_id=a+b%2Fc&limit=5"
        );
        assert_eq!(
            ApiRequest::upload_status("x/y").path,
            "/campaign/upload-status/x%2Fy"
        );
    }

    #[test]
    fn make_call_async_needs_exactly_one_sender() {
        let mut req = MakeCallAsyncRequest {
            bulk_list_id: "b".into(),
            agent_id: "a".into(),
            country_code: "+91".into(),
            campaign_start_time: "18/10/2026, 09:00".into(),
            campaign_end_time: "18/10/2026, 18:00".into(),
            call_config: serde_json::json!({}),
            from_numbers: None,
            number_pool_id: None,
            callback_url: None,
            concurrency_percentage: None,
        };
        assert!(ApiRequest::make_call_async(&req).is_err());
        req.number_pool_id = Some("p".into());
        assert!(ApiRequest::make_call_async(&req).is_ok());
        req.from_numbers = Some(vec!["n".into()]);
        assert!(ApiRequest::make_call_async(&req).is_err());
    }

    #[test]
    fn description_redacts_key() {
        let d = ApiRequest::check_balance("b1").describe("http://h");
        let text = d.to_string();
        assert!(text.contains("POST http://h/campaign/check-balance/b1"));
        assert!(text.contains("X-API-KEY: <redacted>"));
    }
}
