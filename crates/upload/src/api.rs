//! Typed request and response bodies for each Ringg endpoint the uploader uses.
//!
//! Response structs accept extra fields and missing optional fields; numbers
//! that Ringg may send as strings are read leniently.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::Error;

/// The multipart string fields of `POST /campaign/save` and
/// `POST /campaign/upload-csv`, as Ringg's OpenAPI describes them.
///
/// `variables_map` and `call_config` are JSON *strings* (the campaign file's
/// objects serialised with `serde_json::to_string`). Times are
/// `DD/MM/YYYY, HH:MM`. The uploader does not validate any of this: that is
/// the rules library's job.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignForm {
    /// The outbound assistant's id.
    pub agent_id: String,
    /// The campaign's name.
    pub campaign_name: String,
    /// `+<digits>`, e.g. `+91`.
    pub country_code: String,
    /// `DD/MM/YYYY, HH:MM`.
    pub campaign_start_time: String,
    /// `DD/MM/YYYY, HH:MM`.
    pub campaign_end_time: String,
    /// JSON string mapping assistant variables to CSV columns.
    pub variables_map: String,
    /// JSON string of the call configuration (`call_time`, `call_retry_config`).
    pub call_config: String,
    /// `remove_invalid_rows`; sent only when set.
    pub remove_invalid_rows: Option<bool>,
    /// `transliterate_callee_name`; sent only when set.
    pub transliterate_callee_name: Option<bool>,
}

impl CampaignForm {
    /// The form fields in the order they are sent (the file part excluded).
    pub fn fields(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("agent_id".to_owned(), self.agent_id.clone()),
            ("campaign_name".to_owned(), self.campaign_name.clone()),
            ("country_code".to_owned(), self.country_code.clone()),
            (
                "campaign_start_time".to_owned(),
                self.campaign_start_time.clone(),
            ),
            (
                "campaign_end_time".to_owned(),
                self.campaign_end_time.clone(),
            ),
            ("variables_map".to_owned(), self.variables_map.clone()),
            ("call_config".to_owned(), self.call_config.clone()),
        ];
        if let Some(b) = self.remove_invalid_rows {
            out.push(("remove_invalid_rows".to_owned(), b.to_string()));
        }
        if let Some(b) = self.transliterate_callee_name {
            out.push(("transliterate_callee_name".to_owned(), b.to_string()));
        }
        out
    }

    /// `call_config` parsed into a JSON value, as `make-call-async` needs it
    /// (that endpoint takes an object, not a string).
    pub fn call_config_value(&self) -> Result<Value, Error> {
        serde_json::from_str(&self.call_config).map_err(|e| {
            Error::InvalidOptions(format!("call_config is not a JSON object string: {e}"))
        })
    }
}

/// Lenient deserialisers: numbers that may come as numbers, strings or null.
mod lenient {
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;

    pub(super) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        Ok(match Option::<Value>::deserialize(d)? {
            Some(Value::Number(n)) => n
                .as_u64()
                .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64)),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        })
    }

    pub(super) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        Ok(match Option::<Value>::deserialize(d)? {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().parse().ok(),
            _ => None,
        })
    }

    pub(super) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Option::<Value>::deserialize(d)? {
            Some(Value::String(s)) => Some(s),
            Some(Value::Null) | None => None,
            Some(other) => Some(other.to_string()),
        })
    }
}

/// Answer of `POST /campaign/save`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SaveResponse {
    /// e.g. `Contacts imported successfully!`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// The id of the created list; needed by `/campaign/start`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub list_id: Option<String>,
    /// Rows in the uploaded CSV.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub total_rows: Option<u64>,
    /// Rows Ringg accepted.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub successful_rows: Option<u64>,
    /// Rows Ringg rejected.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub failed_rows: Option<u64>,
}

/// Body of `POST /campaign/start`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartRequest {
    /// The assistant id.
    pub agent_id: String,
    /// The `list_id` from `/campaign/save`.
    pub list_id: String,
    /// Workspace number ids (or numbers) to call from.
    pub from_numbers: Vec<String>,
    /// Where Ringg posts call results.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub callback_url: Option<String>,
}

/// Body of `POST /campaign/v2/start` (a managed number pool instead of from-numbers).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartPoolRequest {
    /// The assistant id.
    pub agent_id: String,
    /// The `list_id` from `/campaign/save`.
    pub list_id: String,
    /// The number pool to call from.
    pub number_pool_id: String,
    /// Where Ringg posts call results.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub callback_url: Option<String>,
}

/// Answer of `POST /campaign/start` and `/campaign/v2/start`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct StartResponse {
    /// e.g. `campaign registered successfully!`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
    /// Whether the workspace has other ongoing calls.
    pub has_ongoing_calls: Option<bool>,
}

/// Answer of `POST /campaign/upload-csv` and `GET /campaign/upload-status/{id}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct UploadStatus {
    /// The draft bulk list.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub bulk_list_id: Option<String>,
    /// `verifying` while processing; `failed` on failure.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
    /// The campaign's name.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub campaign_name: Option<String>,
    /// Valid callees.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub total_callees: Option<u64>,
    /// Rows Ringg found invalid.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub invalidated_rows_count: Option<u64>,
    /// Where to download the invalid rows.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub invalidated_rows_csv_url: Option<String>,
    /// Rows processed so far, when Ringg reports it.
    #[serde(
        alias = "processed",
        alias = "processed_count",
        deserialize_with = "lenient::opt_u64"
    )]
    pub processed_rows: Option<u64>,
    /// Rows to process in total, when Ringg reports it.
    #[serde(
        alias = "total",
        alias = "total_count",
        deserialize_with = "lenient::opt_u64"
    )]
    pub total_rows: Option<u64>,
    /// Any message Ringg attached.
    #[serde(
        alias = "detail",
        alias = "error",
        deserialize_with = "lenient::opt_string"
    )]
    pub message: Option<String>,
}

/// How a reported upload status is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadPhase {
    /// Still being processed: poll again.
    Processing,
    /// Processing failed.
    Failed,
    /// Processing is over (e.g. `completed`, `draft`, `verified`, `insufficient_balance`).
    Done,
}

impl UploadStatus {
    /// Classifies `status`. Unknown words count as done; a missing status as processing.
    pub fn phase(&self) -> UploadPhase {
        let s = self
            .status
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        match s.as_str() {
            "" | "verifying" | "processing" | "pending" | "queued" | "uploading" | "uploaded"
            | "validating" | "in_progress" | "in-progress" | "started" | "running" => {
                UploadPhase::Processing
            }
            "failed" | "failure" | "error" | "errored" | "invalid" | "rejected" | "cancelled"
            | "canceled" => UploadPhase::Failed,
            _ => UploadPhase::Done,
        }
    }
}

/// Answer of `POST /campaign/check-balance/{id}`.
///
/// The OpenAPI names `status`, `bulk_list_id` and `message`; amounts are read
/// when present under common names.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BalanceCheck {
    /// e.g. `draft` (ready) or `insufficient_balance`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
    /// The bulk list checked.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub bulk_list_id: Option<String>,
    /// Ringg's message.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// Balance the campaign needs.
    #[serde(
        alias = "required",
        alias = "required_amount",
        alias = "estimated_cost",
        deserialize_with = "lenient::opt_f64"
    )]
    pub required_balance: Option<f64>,
    /// Balance available in the workspace.
    #[serde(
        alias = "available",
        alias = "balance",
        alias = "current_balance",
        deserialize_with = "lenient::opt_f64"
    )]
    pub available_balance: Option<f64>,
    /// How much is missing.
    #[serde(
        alias = "shortfall_amount",
        alias = "short_by",
        deserialize_with = "lenient::opt_f64"
    )]
    pub shortfall: Option<f64>,
}

impl BalanceCheck {
    /// True when the answer says the balance does not cover the campaign.
    pub fn is_short(&self) -> bool {
        let status_short = self
            .status
            .as_deref()
            .map(|s| s.to_ascii_lowercase().contains("insufficient"))
            .unwrap_or(false);
        status_short
            || self.shortfall.map(|s| s > 0.0).unwrap_or(false)
            || matches!((self.required_balance, self.available_balance), (Some(r), Some(a)) if r > a)
    }

    /// The shortfall, as reported or as required − available.
    pub fn shortfall_amount(&self) -> Option<f64> {
        self.shortfall
            .or(match (self.required_balance, self.available_balance) {
                (Some(r), Some(a)) if r > a => Some(r - a),
                _ => None,
            })
    }
}

/// Body of `POST /campaign/make-call-async`. Exactly one of `from_numbers`
/// and `number_pool_id` must be set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MakeCallAsyncRequest {
    /// The draft bulk list.
    pub bulk_list_id: String,
    /// The assistant id used during upload.
    pub agent_id: String,
    /// `+<digits>`.
    pub country_code: String,
    /// `DD/MM/YYYY, HH:MM`.
    pub campaign_start_time: String,
    /// `DD/MM/YYYY, HH:MM`.
    pub campaign_end_time: String,
    /// The call configuration, as a JSON object (not a string).
    pub call_config: Value,
    /// Explicit from-number ids.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub from_numbers: Option<Vec<String>>,
    /// A managed number pool.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub number_pool_id: Option<String>,
    /// Where Ringg posts call results.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub callback_url: Option<String>,
    /// 0–100.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub concurrency_percentage: Option<u8>,
}

/// Answer of `POST /campaign/make-call-async`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MakeCallAsyncResponse {
    /// e.g. `Campaign calls scheduled`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
    /// The bulk list.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub bulk_list_id: Option<String>,
    /// e.g. `scheduled`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub status: Option<String>,
}

/// Query of `GET /workspace/numbers`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NumbersQuery {
    /// Items to return (Ringg's maximum is 100).
    pub limit: Option<u32>,
    /// Items to skip.
    pub offset: Option<u32>,
}

/// The assistant a workspace number is attached to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberAgent {
    /// The assistant id.
    pub id: Option<String>,
    /// The assistant's name.
    pub agent_display_name: Option<String>,
}

/// One number of `GET /workspace/numbers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceNumber {
    /// The id to pass as a from-number.
    pub id: Option<String>,
    /// The phone number, E.164.
    pub number: Option<String>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Calls made from it.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub call_count: Option<u64>,
    /// Attached assistant.
    pub agent: Option<NumberAgent>,
    /// Accepts inbound calls.
    pub is_inbound_enabled: Option<bool>,
    /// A test number.
    pub is_test_number: Option<bool>,
    /// Tags.
    pub tags: Option<Vec<String>>,
    /// Flagged as spam.
    pub is_spam: Option<bool>,
    /// Why it is flagged.
    pub spam_message: Option<String>,
    /// Telephony provider, e.g. `twilio`.
    pub provider: Option<String>,
    /// Display name.
    pub display_name: Option<String>,
    /// Owner.
    pub owner: Option<String>,
    /// A custom number.
    pub is_custom_number: Option<bool>,
    /// Telephony id.
    pub telephony_id: Option<String>,
    /// The pool it belongs to.
    pub number_pool_id: Option<String>,
}

/// Answer of `GET /workspace/numbers`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceNumbers {
    /// The numbers.
    pub workspace_numbers: Vec<WorkspaceNumber>,
}

/// Query of `GET /campaign/all`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignsQuery {
    /// Include call counts (Ringg's default: true).
    pub call_count: Option<bool>,
    /// 1–1000.
    pub limit: Option<u32>,
    /// Items to skip.
    pub offset: Option<u32>,
}

/// One campaign of `GET /campaign/all`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Campaign {
    /// Campaign id (the list id).
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// `pending`, `registered`, `running`, `completed`, `paused`.
    pub campaign_status: Option<String>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Last update.
    pub updated_at: Option<String>,
    /// Scheduled start.
    pub campaign_start_time: Option<String>,
    /// Scheduled end.
    pub campaign_end_time: Option<String>,
    /// Calls in the campaign.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub total_count: Option<u64>,
    /// Registered calls.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub registered_count: Option<u64>,
    /// Completed calls.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub completed_count: Option<u64>,
}

/// Pagination of `GET /campaign/all`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Pagination {
    /// Campaigns available.
    pub total: Option<u64>,
    /// Page size.
    pub limit: Option<u64>,
    /// Skipped.
    pub offset: Option<u64>,
}

/// Answer of `GET /campaign/all`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignList {
    /// The campaigns.
    pub campaigns: Vec<Campaign>,
    /// Pagination.
    pub pagination: Option<Pagination>,
}

/// Query of `GET /calling/history`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryQuery {
    /// Filter by bulk list (campaign) id.
    pub bulk_list_id: Option<String>,
    /// Filter by assistant.
    pub agent_id: Option<String>,
    /// Filter by call status (`registered`, `completed`, …).
    pub status: Option<String>,
    /// ISO 8601 with offset.
    pub start_date: Option<String>,
    /// ISO 8601 with offset.
    pub end_date: Option<String>,
    /// Calls to return.
    pub limit: Option<u32>,
    /// Calls to skip.
    pub offset: Option<u32>,
}

/// The assistant of a call.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallAgent {
    /// Assistant id.
    pub id: Option<String>,
    /// Assistant name.
    pub agent_name: Option<String>,
}

/// One call of `GET /calling/history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Call {
    /// Call id.
    pub id: Option<String>,
    /// Callee.
    pub to_number: Option<String>,
    /// Callee name.
    pub name: Option<String>,
    /// `registered`, `ongoing`, `completed`, …
    pub status: Option<String>,
    /// Detail status (`QUEUED`, `ACCEPTED`, …).
    pub sub_status: Option<String>,
    /// Creation time.
    pub created_at: Option<String>,
    /// Assistant.
    pub agent: Option<CallAgent>,
    /// Seconds.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub call_duration: Option<f64>,
    /// Attempt time.
    pub call_attempt_time: Option<String>,
    /// Cost.
    #[serde(deserialize_with = "lenient::opt_f64")]
    pub call_cost: Option<f64>,
    /// `outbound` or `inbound`.
    pub call_type: Option<String>,
}

/// Answer of `GET /calling/history`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CallHistory {
    /// The calls.
    pub calls: Vec<Call>,
    /// Page size.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub limit: Option<u64>,
    /// Skipped.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub offset: Option<u64>,
    /// Calls in this page.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub count: Option<u64>,
    /// Calls matching.
    #[serde(deserialize_with = "lenient::opt_u64")]
    pub total: Option<u64>,
}

/// Body of `PATCH /campaign/terminate`. Set at least one field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TerminateRequest {
    /// Terminate this assistant's calls.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub agent_id: Option<String>,
    /// Terminate these calls.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub call_ids: Option<Vec<String>>,
    /// Terminate this campaign's calls (a `list_id` or `bulk_list_id`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub campaign_id: Option<String>,
    /// Terminate calls to these numbers (at most 100).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub mobile_numbers: Option<Vec<String>>,
}

/// Answer of `PATCH /campaign/terminate`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TerminateResponse {
    /// e.g. `Calls terminated successfully!`.
    #[serde(deserialize_with = "lenient::opt_string")]
    pub message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_tolerates_extra_fields_and_string_numbers() {
        let s: UploadStatus = serde_json::from_str(
            r#"{"bulk_list_id":"b1","status":"verifying","total_callees":"5000",
                "processed":12,"whatever":{"x":1},"invalidated_rows_csv_url":null}"#,
        )
        .expect("parses");
        assert_eq!(s.total_callees, Some(5000));
        assert_eq!(s.processed_rows, Some(12));
        assert_eq!(s.phase(), UploadPhase::Processing);
        assert_eq!(s.invalidated_rows_csv_url, None);
    }

    #[test]
    fn phases() {
        let mk = |s: &str| UploadStatus {
            status: Some(s.into()),
            ..Default::default()
        };
        assert_eq!(mk("FAILED").phase(), UploadPhase::Failed);
        assert_eq!(mk("draft").phase(), UploadPhase::Done);
        assert_eq!(mk("completed").phase(), UploadPhase::Done);
        assert_eq!(mk("insufficient_balance").phase(), UploadPhase::Done);
    }

    #[test]
    fn balance() {
        let b: BalanceCheck = serde_json::from_str(
            r#"{"status":"insufficient_balance","required_balance":"150.5","available_balance":50}"#,
        )
        .expect("parses");
        assert!(b.is_short());
        assert_eq!(b.shortfall_amount(), Some(100.5));
        let ok: BalanceCheck =
            serde_json::from_str(r#"{"status":"draft","message":"ok"}"#).expect("parses");
        assert!(!ok.is_short());
    }

    #[test]
    fn form_fields_skip_unset_flags() {
        let f = CampaignForm {
            remove_invalid_rows: Some(true),
            ..Default::default()
        };
        let names: Vec<_> = f.fields().into_iter().map(|(k, _)| k).collect();
        assert!(names.contains(&"remove_invalid_rows".to_owned()));
        assert!(!names.contains(&"transliterate_callee_name".to_owned()));
    }
}
