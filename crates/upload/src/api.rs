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

/// Deserialisers for answer fields: numbers that Ringg may send as numbers or
/// as numeric strings are read either way, but a field of the wrong type (an
/// id that is an object, a count that is a list) is an error, never a
/// guess: the decoder names the field.
mod lenient {
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer};
    use serde_json::Value;

    fn kind(v: &Value) -> &'static str {
        match v {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        }
    }

    pub(super) fn opt_u64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        match Option::<Value>::deserialize(d)? {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => n
                .as_u64()
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("{n} is not a count"))),
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| D::Error::custom(format!("{s:?} is not a count"))),
            Some(other) => Err(D::Error::custom(format!(
                "expected a count, found {}",
                kind(&other)
            ))),
        }
    }

    pub(super) fn opt_f64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
        match Option::<Value>::deserialize(d)? {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(Value::String(s)) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("{s:?} is not a number"))),
            Some(other) => Err(D::Error::custom(format!(
                "expected a number, found {}",
                kind(&other)
            ))),
        }
    }

    pub(super) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        match Option::<Value>::deserialize(d)? {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(D::Error::custom(format!(
                "expected a string, found {}",
                kind(&other)
            ))),
        }
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
    /// Still being processed (`verifying`, `processing`, …): poll again.
    Processing,
    /// Processing failed (`failed`, `verification_failed`, `timed_out`, …).
    Failed,
    /// Processing is over and the list can go on (`completed`, `verified`,
    /// `ready`, `draft`, or `insufficient_balance`, which the balance check
    /// then re-checks).
    Done,
    /// A status this client does not know, or none at all: never read as
    /// done. The flow stops and names it.
    Unknown,
}

/// Upload statuses that mean "still processing".
pub const PROCESSING_STATUSES: &[&str] = &[
    "verifying",
    "processing",
    "pending",
    "queued",
    "uploading",
    "uploaded",
    "validating",
    "in_progress",
    "in-progress",
    "started",
    "running",
];

/// Upload statuses that mean "processed, go on".
pub const DONE_STATUSES: &[&str] = &[
    "completed",
    "complete",
    "verified",
    "validated",
    "processed",
    "ready",
    "draft",
    "insufficient_balance",
];

/// Upload statuses that mean "processing failed".
pub const FAILED_STATUSES: &[&str] = &[
    "failed",
    "failure",
    "error",
    "errored",
    "invalid",
    "rejected",
    "cancelled",
    "canceled",
    "aborted",
    "verification_failed",
    "validation_failed",
    "upload_failed",
    "processing_failed",
    "partially_failed",
    "timed_out",
    "timeout",
    "expired",
];

impl UploadStatus {
    /// Classifies `status` (case-insensitive). A status that is in none of
    /// [`PROCESSING_STATUSES`], [`DONE_STATUSES`] and [`FAILED_STATUSES`],
    /// or a missing one, is [`UploadPhase::Unknown`].
    pub fn phase(&self) -> UploadPhase {
        let s = self
            .status
            .as_deref()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let s = s.as_str();
        if PROCESSING_STATUSES.contains(&s) {
            UploadPhase::Processing
        } else if DONE_STATUSES.contains(&s) {
            UploadPhase::Done
        } else if FAILED_STATUSES.contains(&s) {
            UploadPhase::Failed
        } else {
            UploadPhase::Unknown
        }
    }
}

/// Answer of `POST /campaign/check-balance/{id}`, kept as Ringg sent it.
///
/// The OpenAPI names `status` (`draft` when the list is ready), `bulk_list_id`
/// and `message`; real answers also carry flags and amounts under various
/// names. [`BalanceCheck::verdict`] reads them and confirms the balance only
/// on a positive answer: anything it does not recognise stops the upload.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct BalanceCheck(pub Value);

/// What a balance answer says.
#[derive(Debug, Clone, PartialEq)]
pub enum BalanceVerdict {
    /// The answer confirms the balance covers the campaign; `because` says
    /// which part of it (`status "draft"`, `sufficient_balance is true`,
    /// `available 50 ≥ required 10`).
    Sufficient {
        /// The confirming part of the answer.
        because: String,
    },
    /// The answer says the balance is short.
    Short,
    /// The answer neither confirms nor denies (unknown status, no flag,
    /// amounts that are not numbers, not an object): treated as short of
    /// a confirmation.
    Unconfirmed {
        /// What is missing or not understood.
        reason: String,
    },
}

/// Statuses of a balance answer that confirm the list is ready to schedule.
pub const BALANCE_READY_STATUSES: &[&str] = &[
    "draft",
    "ready",
    "sufficient",
    "sufficient_balance",
    "balance_sufficient",
];
/// Fields whose `true` confirms the balance (and whose `false` denies it).
pub const BALANCE_SUFFICIENT_FLAGS: &[&str] = &[
    "sufficient_balance",
    "balance_sufficient",
    "is_sufficient",
    "is_balance_sufficient",
    "has_sufficient_balance",
    "sufficient",
    "has_enough_balance",
    "enough_balance",
];
/// Fields whose `true` denies the balance.
const BALANCE_SHORT_FLAGS: &[&str] = &[
    "insufficient_balance",
    "is_insufficient",
    "balance_insufficient",
];
/// Names of the amount a campaign needs.
const REQUIRED_NAMES: &[&str] = &[
    "required_balance",
    "required_credits",
    "credits_required",
    "required",
    "required_amount",
    "estimated_cost",
];
/// Names of the amount a workspace has.
const AVAILABLE_NAMES: &[&str] = &[
    "available_balance",
    "available_credits",
    "credits_available",
    "available",
    "balance",
    "current_balance",
];
/// Names of the amount missing.
const SHORTFALL_NAMES: &[&str] = &["shortfall", "shortfall_amount", "short_by"];

fn amount(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
    .filter(|f| f.is_finite())
}

impl BalanceCheck {
    fn field(&self, names: &[&'static str]) -> Option<(&'static str, &Value)> {
        let map = self.0.as_object()?;
        names
            .iter()
            .find_map(|n| map.get(*n).filter(|v| !v.is_null()).map(|v| (*n, v)))
    }

    fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).and_then(Value::as_str).map(str::to_owned)
    }

    /// `status`, when it is a string.
    pub fn status(&self) -> Option<String> {
        self.text("status")
    }

    /// `message`, when it is a string.
    pub fn message(&self) -> Option<String> {
        self.text("message")
    }

    /// The amount the campaign needs, when sent as a number.
    pub fn required(&self) -> Option<f64> {
        self.field(REQUIRED_NAMES).and_then(|(_, v)| amount(v))
    }

    /// The amount available, when sent as a number.
    pub fn available(&self) -> Option<f64> {
        self.field(AVAILABLE_NAMES).and_then(|(_, v)| amount(v))
    }

    /// The shortfall, as reported or as required − available.
    pub fn shortfall_amount(&self) -> Option<f64> {
        self.field(SHORTFALL_NAMES).and_then(|(_, v)| amount(v)).or(
            match (self.required(), self.available()) {
                (Some(r), Some(a)) if r > a => Some(r - a),
                _ => None,
            },
        )
    }

    /// Reads the answer. Sufficient needs one positive sign (a ready
    /// status, a sufficiency flag that is `true`, or available ≥ required)
    /// and no negative or unreadable one; a negative sign is
    /// [`BalanceVerdict::Short`]; everything else is
    /// [`BalanceVerdict::Unconfirmed`].
    pub fn verdict(&self) -> BalanceVerdict {
        let unconfirmed = |reason: String| BalanceVerdict::Unconfirmed { reason };
        let Some(map) = self.0.as_object() else {
            return unconfirmed("the answer is not a JSON object".to_owned());
        };
        let mut because = None;
        for name in BALANCE_SUFFICIENT_FLAGS {
            match map.get(*name) {
                None | Some(Value::Null) => {}
                Some(Value::Bool(true)) => {
                    because.get_or_insert(format!("{name} is true"));
                }
                Some(Value::Bool(false)) => return BalanceVerdict::Short,
                Some(other) => return unconfirmed(format!("{name} is {other}, not true or false")),
            }
        }
        for name in BALANCE_SHORT_FLAGS {
            match map.get(*name) {
                None | Some(Value::Null) | Some(Value::Bool(false)) => {}
                Some(Value::Bool(true)) => return BalanceVerdict::Short,
                Some(other) => return unconfirmed(format!("{name} is {other}, not true or false")),
            }
        }
        match map.get("status") {
            None | Some(Value::Null) => {}
            Some(Value::String(s)) => {
                let word = s.trim().to_ascii_lowercase();
                if word.contains("insufficient") {
                    return BalanceVerdict::Short;
                }
                if !BALANCE_READY_STATUSES.contains(&word.as_str()) {
                    return unconfirmed(format!(
                        "status {s:?} is not one Ringg documents as ready (draft)"
                    ));
                }
                because.get_or_insert(format!("status {s:?}"));
            }
            Some(other) => return unconfirmed(format!("status is {other}, not a string")),
        }
        if let Some((name, v)) = self.field(SHORTFALL_NAMES) {
            match amount(v) {
                Some(x) if x > 0.0 => return BalanceVerdict::Short,
                Some(_) => {}
                None => return unconfirmed(format!("{name} is {v}, not a number")),
            }
        }
        let required = self.field(REQUIRED_NAMES);
        let available = self.field(AVAILABLE_NAMES);
        for (name, v) in required.iter().chain(available.iter()) {
            if amount(v).is_none() {
                return unconfirmed(format!("{name} is {v}, not a number"));
            }
        }
        if let (Some((rn, r)), Some((an, a))) = (required, available) {
            let (r, a) = (amount(r).unwrap_or(f64::NAN), amount(a).unwrap_or(f64::NAN));
            if a >= r {
                because.get_or_insert(format!("{an} {a} ≥ {rn} {r}"));
            } else {
                return BalanceVerdict::Short;
            }
        }
        match because {
            Some(because) => BalanceVerdict::Sufficient { because },
            None => unconfirmed(
                "it has no ready status, no sufficiency flag and no amounts to compare".to_owned(),
            ),
        }
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

impl TerminateResponse {
    /// Whether the answer says calls were terminated (`Calls terminated
    /// successfully!`). Any other 2xx answer, an empty one included, is not
    /// taken as a success.
    pub fn confirms_termination(&self) -> bool {
        let Some(message) = self.message.as_deref() else {
            return false;
        };
        let m = message.to_lowercase();
        let denies = [
            "not ", "no ", "fail", "error", "unable", "cannot", "couldn't", "0 calls",
        ]
        .iter()
        .any(|w| m.contains(w));
        m.contains("terminated") && !denies
    }
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
        for failed in [
            "verification_failed",
            "upload_failed",
            "partially_failed",
            "timed_out",
            "aborted",
        ] {
            assert_eq!(mk(failed).phase(), UploadPhase::Failed, "{failed}");
        }
        assert_eq!(mk("schrodinger").phase(), UploadPhase::Unknown);
        assert_eq!(UploadStatus::default().phase(), UploadPhase::Unknown);
    }

    fn verdict(json: &str) -> BalanceVerdict {
        serde_json::from_str::<BalanceCheck>(json)
            .expect("any JSON is a balance answer")
            .verdict()
    }

    #[test]
    fn balance_continues_only_on_a_positive_confirmation() {
        for ok in [
            r#"{"status":"draft","message":"ok"}"#,
            r#"{"sufficient_balance":true}"#,
            r#"{"required_credits":10,"available_credits":"100"}"#,
            r#"{"status":"DRAFT","required_balance":5,"available_balance":5}"#,
        ] {
            assert!(
                matches!(verdict(ok), BalanceVerdict::Sufficient { .. }),
                "{ok}: {:?}",
                verdict(ok)
            );
        }
        for short in [
            r#"{"sufficient_balance": false, "required_credits": 100, "available_credits": 10}"#,
            r#"{"status":"draft","balance_sufficient":false}"#,
            r#"{"status":"insufficient_balance"}"#,
            r#"{"required_balance":150.5,"available_balance":50}"#,
            r#"{"status":"draft","shortfall":3}"#,
        ] {
            assert_eq!(verdict(short), BalanceVerdict::Short, "{short}");
        }
        for unknown in [
            "{}",
            "[]",
            "null",
            r#"{"status":"error","message":"could not compute balance"}"#,
            r#"{"required_balance":"N/A","available_balance":5}"#,
            r#"{"status":"draft","available_balance":{"x":1}}"#,
            r#"{"sufficient_balance":"yes"}"#,
            r#"{"message":"balance ok"}"#,
        ] {
            assert!(
                matches!(verdict(unknown), BalanceVerdict::Unconfirmed { .. }),
                "{unknown}: {:?}",
                verdict(unknown)
            );
        }
    }

    #[test]
    fn balance_amounts() {
        let b: BalanceCheck = serde_json::from_str(
            r#"{"status":"insufficient_balance","required_balance":"150.5","available_balance":50}"#,
        )
        .expect("parses");
        assert_eq!(b.verdict(), BalanceVerdict::Short);
        assert_eq!(b.shortfall_amount(), Some(100.5));
        assert_eq!(b.required(), Some(150.5));
    }

    #[test]
    fn ids_of_the_wrong_type_are_errors() {
        assert!(serde_json::from_str::<SaveResponse>(r#"{"list_id":{"x":[1,2]}}"#).is_err());
        assert!(serde_json::from_str::<UploadStatus>(r#"{"status":["a"]}"#).is_err());
        assert!(serde_json::from_str::<UploadStatus>(r#"{"total_callees":"many"}"#).is_err());
        let ok: SaveResponse =
            serde_json::from_str(r#"{"list_id":"l1","total_rows":"3"}"#).expect("parses");
        assert_eq!(ok.list_id.as_deref(), Some("l1"));
    }

    #[test]
    fn terminate_succeeds_only_when_the_answer_says_so() {
        let mk = |m: Option<&str>| TerminateResponse {
            message: m.map(str::to_owned),
        };
        assert!(mk(Some("Calls terminated successfully!")).confirms_termination());
        assert!(!mk(None).confirms_termination());
        assert!(!mk(Some("ok")).confirms_termination());
        assert!(!mk(Some("No calls terminated")).confirms_termination());
        assert!(!mk(Some("Calls could not be terminated")).confirms_termination());
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
